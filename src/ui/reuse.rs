//! The reuse view: the pairs of sources that share retold sentences, most first, above the
//! retold sentences of the pair under the cursor (the earlier source's sentence over the
//! later one's).

use super::draw_pane;
use super::views::{fit, put};
use crate::app::layout::list_start;
use crate::app::{App, ReuseView};
use crate::reuse::Passage;
use crate::ui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};

/// Draws the reuse view into `area`.
pub fn render(app: &App, theme: &Theme, view: &ReuseView, area: Rect, buf: &mut Buffer) {
    let rows = u16::try_from(app.retellings.sources.len()).unwrap_or(u16::MAX);
    let top = rows.saturating_add(2).min(area.height / 3).max(3);
    let [sources_area, pairs_area] =
        Layout::vertical([Constraint::Length(top), Constraint::Fill(1)]).areas(area);
    source_pairs(app, theme, view, sources_area, buf);
    retold(app, theme, view, pairs_area, buf);
}

/// A source as the view names it: its number in the sources pane and its outlet.
fn source(app: &App, article: usize) -> String {
    format!("{} {}", article + 1, app.label(article))
}

fn source_pairs(app: &App, theme: &Theme, view: &ReuseView, area: Rect, buf: &mut Buffer) {
    let groups = &app.retellings.sources;
    let title = format!(
        " Retold passages: {} pairs of sources share {} sentences ",
        groups.len(),
        app.retellings.pairs.len()
    );
    draw_pane(&title, view.on_sources, theme, area, buf);
    let inner = area.inner(Margin::new(1, 1));
    if groups.is_empty() {
        let text = "(no source retells another)";
        put(buf, inner.x, inner.y, text, inner.width, theme.dim());
        return;
    }
    let side = usize::from(inner.width.saturating_sub(19) / 2);
    let height = usize::from(inner.height);
    let start = list_start(view.source_pair, groups.len(), height);
    for (index, y) in (start..groups.len()).take(height).zip(inner.y..) {
        let group = &groups[index];
        let count = group.pairs.len();
        let line = format!(
            "{:<side$} ⇄ {:<side$} {count:>5} {}",
            fit(&source(app, group.a), side),
            fit(&source(app, group.b), side),
            if count == 1 { "sentence" } else { "sentences" },
        );
        put(
            buf,
            inner.x,
            y,
            &line,
            inner.width,
            ratatui::style::Style::default(),
        );
        if index == view.source_pair {
            let row = Rect::new(inner.x, y, inner.width, 1);
            buf.set_style(row, theme.cursor(view.on_sources));
        }
    }
}

/// The retold sentences of the pair under the cursor, two rows each.
fn retold(app: &App, theme: &Theme, view: &ReuseView, area: Rect, buf: &mut Buffer) {
    let pairs = app.retellings.of_sources(view.source_pair);
    let title = format!(
        " Retold sentences: {} (h l: which side Enter reads) ",
        pairs.len()
    );
    draw_pane(&title, !view.on_sources, theme, area, buf);
    let inner = area.inner(Margin::new(1, 1));
    let height = usize::from(inner.height);
    let rows = pairs.len() * 2;
    let start = list_start(view.cursor * 2 + usize::from(view.later), rows, height);
    for (slot, y) in (start..rows).take(height).zip(inner.y..) {
        let (index, later) = (slot / 2, slot % 2 == 1);
        let pair = &pairs[index];
        let passage = if later { &pair.b } else { &pair.a };
        let chosen = index == view.cursor && later == view.later;
        let mark = if chosen { "▶" } else { " " };
        let similarity = if later {
            String::new()
        } else {
            format!(" {:.2}", pair.similarity)
        };
        let text = format!(
            "{mark}{:>3} {}",
            passage.article + 1,
            sentence(app, passage)
        );
        let row = Rect::new(inner.x, y, inner.width, 1);
        let text_width = usize::from(inner.width).saturating_sub(similarity.len());
        put(
            buf,
            row.x,
            y,
            &fit(&text, text_width),
            inner.width,
            ratatui::style::Style::default(),
        );
        let x = row
            .right()
            .saturating_sub(u16::try_from(similarity.len()).unwrap_or(0));
        put(buf, x, y, &similarity, 5, theme.dim());
        if index == view.cursor {
            buf.set_style(row, theme.cursor(!view.on_sources && chosen));
        }
    }
}

/// A passage's sentence on one line.
fn sentence(app: &App, passage: &Passage) -> String {
    let text = app
        .corpus
        .articles
        .get(passage.article)
        .and_then(|a| a.text.get(passage.range.clone()))
        .unwrap_or("");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
