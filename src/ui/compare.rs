//! The side by side view: two sources in the room of the text pane and the entity list, each
//! drawn like the reading pane (kinds, quotations) with the words the other side lacks in the
//! diff style, and in the gutter `▶` on the row the side is at and `┊` down the rest of the
//! compared passage.

use super::theme::Theme;
use super::{pane_block, reader};
use crate::app::compare::{Origin, Side, side_areas, text_area};
use crate::app::{App, CompareView};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

/// Narrower than this, a side shows a notice instead of its text.
const MIN_SIDE_WIDTH: u16 = 12;

/// Draws the two sides over the text pane and the entity list.
pub fn render(app: &App, theme: &Theme, view: &CompareView, buf: &mut Buffer) {
    let Some(areas) = side_areas(app) else {
        return;
    };
    let differing = view.differing(app);
    let counts = [differing.0, differing.1];
    for (index, area) in areas.into_iter().enumerate() {
        Clear.render(area, buf);
        let side = &view.sides[index];
        let room = usize::from(area.width.saturating_sub(2));
        let footer = footer(app, view, index, counts[index], room);
        let block = pane_block(title(app, side), view.active == index, theme)
            .title_bottom(Line::from(footer).right_aligned());
        block.render(area, buf);
        let text = text_area(area);
        if text.width < MIN_SIDE_WIDTH || text.height == 0 {
            Paragraph::new("too narrow: widen the terminal (Esc goes back)")
                .style(theme.dim())
                .render(area.inner(ratatui::layout::Margin::new(1, 1)), buf);
            continue;
        }
        draw_side(app, theme, side, text, buf);
    }
}

/// The source's number in the sources pane and its label.
fn title(app: &App, side: &Side) -> String {
    format!(" {} {} ", side.article + 1, app.full_label(side.article))
}

/// Where the side is and how many of its words the other side lacks, in `room` cells (the
/// entity's name is left out when it does not fit).
fn footer(app: &App, view: &CompareView, index: usize, differing: usize, room: usize) -> String {
    let side = &view.sides[index];
    let words = if differing == 1 { "word" } else { "words" };
    let counted = format!("{differing} {words} differ");
    let (Origin::Entity(entity), Some(mention)) = (view.origin, side.mention) else {
        return format!(" {counted} ");
    };
    let list = app.corpus.index.of_entity(entity).in_article(side.article);
    let k = list
        .iter()
        .position(|m| m.mention as usize == mention)
        .map_or(0, |k| k + 1);
    let name = &app.gazetteer.entity(entity).name;
    let long = format!(" {name} {k} of {} · {counted} ", list.len());
    if long.width() <= room {
        long
    } else {
        format!(" {k}/{} · {counted} ", list.len())
    }
}

fn draw_side(app: &App, theme: &Theme, side: &Side, area: Rect, buf: &mut Buffer) {
    let text = app
        .corpus
        .articles
        .get(side.article)
        .map_or("", |a| a.text.as_str());
    let kind_of = |entity| app.kind_of(entity);
    let hidden = |kind| app.is_hidden(kind);
    let page = reader::Page {
        text,
        wrap: &side.wrap,
        scroll: side.scroll,
        mentions: app.corpus.index.mentions(side.article),
        kind_of: &kind_of,
        suggested: &|entity| app.is_suggested(entity),
        hidden: &hidden,
        current: None,
        matches: &[],
        headings: &[],
        quotes: app.quotes.of_article(side.article),
        diff: &side.marks,
    };
    reader::render(&page, theme, area, buf);
    gutter(side, app, theme, area, buf);
}

/// `▶` on the row the side is at, `┊` down the rest of the compared passage.
fn gutter(side: &Side, app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let focus = side.wrap.row_of(side.focus(&app.corpus.index));
    let first = side.wrap.row_of(crate::text::to_u32(side.passage.start));
    let end = side.passage.end.saturating_sub(1).max(side.passage.start);
    let last = side.wrap.row_of(crate::text::to_u32(end)).max(focus);
    let shown = side.scroll..side.scroll + usize::from(area.height);
    for row in first.min(focus)..=last {
        let Some(y) = shown
            .contains(&row)
            .then(|| u16::try_from(row - side.scroll).ok())
            .flatten()
        else {
            continue;
        };
        let (mark, style) = if row == focus {
            ("▶", theme.heading())
        } else {
            ("┊", theme.dim())
        };
        buf.set_string(area.x - 1, area.y + y, mark, style);
    }
}

/// The status line while comparing: the two sources, and the entity or the retold pair.
pub fn status(app: &App, view: &CompareView) -> String {
    let source = |side: &Side| format!("{} {}", side.article + 1, app.label(side.article));
    let sides = format!("{} ⇄ {}", source(&view.sides[0]), source(&view.sides[1]));
    let what = match view.origin {
        Origin::Entity(entity) => app.gazetteer.entity(entity).name.clone(),
        Origin::Retold {
            source_pair,
            cursor,
        } => {
            let pairs = app.retellings.of_sources(source_pair);
            let similarity = pairs.get(cursor).map_or(0.0, |pair| pair.similarity);
            format!(
                "retold sentence {} of {} · similarity {similarity:.2}",
                cursor + 1,
                pairs.len()
            )
        }
    };
    format!(" side by side │ {sides} │ {what} ")
}
