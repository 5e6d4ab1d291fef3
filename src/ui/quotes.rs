//! The quotes view: one speaker's quotations, source by source, above the table of speakers
//! × sources (how many words each outlet quotes each speaker saying).

use super::draw_pane;
use super::views::{fit, grouped_rows, put};
use crate::app::layout::list_start;
use crate::app::{App, QuotesView};
use crate::ui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};

/// Columns of the table's speaker names.
const SPEAKER_WIDTH: u16 = 22;

/// Draws the quotes view into `area`.
pub fn render(app: &App, theme: &Theme, view: &QuotesView, area: Rect, buf: &mut Buffer) {
    let rows = u16::try_from(app.quotes.speakers.len()).unwrap_or(u16::MAX);
    let table_height = rows.saturating_add(3).min(area.height / 2).max(4);
    let [list_area, table_area] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(table_height)]).areas(area);
    quotations(app, theme, view, list_area, buf);
    table(app, theme, view, table_area, buf);
}

/// The speaker's quotations: a heading before each source's first, then one line each.
fn quotations(app: &App, theme: &Theme, view: &QuotesView, area: Rect, buf: &mut Buffer) {
    let name = app.speaker_name(view.speaker);
    let count = view.quotes.len();
    let noun = if count == 1 {
        "quotation"
    } else {
        "quotations"
    };
    let title = format!(" Quoted: {name} · {count} {noun} ");
    draw_pane(&title, !view.on_table, theme, area, buf);
    let inner = area.inner(Margin::new(1, 1));
    if view.quotes.is_empty() {
        let text = format!("{name} is not quoted (Tab: the speakers)");
        put(buf, inner.x, inner.y, &text, inner.width, theme.dim());
        return;
    }
    let (rows, cursor_row) = grouped_rows(view.quotes.iter().map(|q| q.article), view.cursor);
    let height = usize::from(inner.height);
    let start = list_start(cursor_row, rows.len(), height);
    for (slot, y) in (start..rows.len()).take(height).zip(inner.y..) {
        let width = inner.width;
        match rows[slot] {
            None => {
                let next = rows.get(slot + 1).copied().flatten().unwrap_or(0);
                let article = view.quotes[next].article as usize;
                let label = format!("── {} ", app.full_label(article));
                put(
                    buf,
                    inner.x,
                    y,
                    &fit(&label, usize::from(width)),
                    width,
                    theme.heading(),
                );
            }
            Some(index) => {
                let line = quote_line(app, view, index);
                let line = fit(&line, usize::from(width));
                let style = if index == view.cursor {
                    theme.quotation().patch(theme.cursor(!view.on_table))
                } else {
                    theme.quotation()
                };
                put(buf, inner.x, y, &line, width, style);
            }
        }
    }
}

/// One quotation on one line: “the words” — the attribution.
fn quote_line(app: &App, view: &QuotesView, index: usize) -> String {
    let at = view.quotes[index];
    let (Some(article), Some(piece)) = (
        app.corpus.articles.get(at.article as usize),
        app.quotes.piece(at),
    ) else {
        return String::new();
    };
    let quoted = article.text.get(piece.range()).unwrap_or("");
    let quoted = quoted.split_whitespace().collect::<Vec<_>>().join(" ");
    match app.attribution(at.article as usize, piece).as_str() {
        "" => format!("  “{quoted}”"),
        by => format!("  “{quoted}” — {by}"),
    }
}

/// Speakers × sources: words quoted per source, the total and the pieces.
fn table(app: &App, theme: &Theme, view: &QuotesView, area: Rect, buf: &mut Buffer) {
    let articles = &app.corpus.articles;
    let speakers = &app.quotes.speakers;
    let title = format!(
        " Speakers × sources: words quoted · {} speakers ",
        speakers.len()
    );
    draw_pane(&title, view.on_table, theme, area, buf);
    let inner = area.inner(Margin::new(1, 1));
    if inner.height < 2 || inner.width < SPEAKER_WIDTH + 12 {
        return;
    }
    let room = inner.width - SPEAKER_WIDTH - 8;
    let column_width = (room / u16::try_from(articles.len().max(1)).unwrap_or(1)).clamp(4, 12);
    let shown = usize::from(room / column_width).min(articles.len());
    put(
        buf,
        inner.x,
        inner.y,
        "speaker",
        SPEAKER_WIDTH,
        theme.heading(),
    );
    for article in 0..shown {
        let x = inner.x + SPEAKER_WIDTH + u16::try_from(article).unwrap_or(0) * column_width;
        let cells = usize::from(column_width - 1);
        let label = if cells >= 6 {
            fit(&format!("{} {}", article + 1, app.label(article)), cells)
        } else {
            (article + 1).to_string()
        };
        let label = format!("{label:>cells$}");
        put(buf, x, inner.y, &label, column_width - 1, theme.heading());
    }
    put(
        buf,
        inner.right() - 7,
        inner.y,
        "  total",
        7,
        theme.heading(),
    );
    let height = usize::from(inner.height - 1);
    let start = list_start(view.row, speakers.len(), height);
    for (index, y) in (start..speakers.len()).take(height).zip(inner.y + 1..) {
        let tally = &speakers[index];
        let name = fit(
            app.speaker_name(tally.speaker),
            usize::from(SPEAKER_WIDTH - 1),
        );
        let style = tally
            .speaker
            .map_or(theme.dim(), |e| theme.mention(app.kind_of(e)));
        put(buf, inner.x, y, &name, SPEAKER_WIDTH - 1, style);
        for article in 0..shown {
            let x = inner.x + SPEAKER_WIDTH + u16::try_from(article).unwrap_or(0) * column_width;
            let (cell, style) = match tally.words_in(article) {
                0 => ("·".to_owned(), theme.dim()),
                words => (words.to_string(), ratatui::style::Style::default()),
            };
            let cell = format!("{cell:>width$}", width = usize::from(column_width - 1));
            put(buf, x, y, &cell, column_width - 1, style);
        }
        put(
            buf,
            inner.right() - 7,
            y,
            &format!("{:>7}", tally.total),
            7,
            theme.dim(),
        );
        if index == view.row {
            let row = Rect::new(inner.x, y, inner.width, 1);
            buf.set_style(row, theme.cursor(view.on_table));
        }
    }
}
