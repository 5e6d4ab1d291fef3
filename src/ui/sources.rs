//! The source list: outlet — title, and the number of mentions in each.

use super::theme::Theme;
use super::{draw_pane, list_start};
use crate::app::{App, Focus};
use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use unicode_width::UnicodeWidthStr;

/// Draws the source list into `area`.
pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let count = app.corpus.articles.len();
    let title = match app.progress {
        Some((done, total)) => format!(" Sources {count} (loading {done}/{total}) "),
        None => format!(" Sources {count} "),
    };
    let focused = app.focus == Focus::Sources;
    draw_pane(&title, focused, theme, area, buf);
    let inner = area.inner(Margin::new(1, 1));
    let height = usize::from(inner.height);
    let start = list_start(app.article, count, height);
    for (index, y) in (start..count).take(height).zip(inner.y..) {
        let mentions = app.corpus.index.mentions(index).len().to_string();
        let row = Rect::new(inner.x, y, inner.width, 1);
        if index == app.article {
            buf.set_style(row, theme.cursor(focused));
        }
        let count_width = u16::try_from(mentions.width()).unwrap_or(0);
        let label_width = inner.width.saturating_sub(count_width + 1);
        buf.set_stringn(
            row.x,
            y,
            app.full_label(index),
            usize::from(label_width),
            ratatui::style::Style::default(),
        );
        let count_x = row.right().saturating_sub(count_width);
        buf.set_stringn(count_x, y, &mentions, usize::from(count_width), theme.dim());
    }
}
