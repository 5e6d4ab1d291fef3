//! The entity list: name, kind, total mentions and a strip with one mark per source.

use super::{draw_pane, list_start};
use crate::app::{App, Focus};
use crate::gazetteer::{EntityId, Kind};
use crate::report::truncate;
use crate::ui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::widgets::{Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

/// Draws the entity list into `area`.
pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let focused = app.focus == Focus::Entities;
    let title = title(app, usize::from(area.width.saturating_sub(2)));
    draw_pane(&title, focused, theme, area, buf);
    if let Some(hint) = review_hint(app) {
        let room = usize::from(area.width.saturating_sub(2));
        let hint = truncate(&hint, room);
        buf.set_stringn(
            area.x + 1,
            area.bottom() - 1,
            &hint,
            room,
            theme.border(focused),
        );
    }
    let inner = area.inner(Margin::new(1, 1));
    let height = usize::from(inner.height);
    let list = &app.entities;
    let start = list_start(list.cursor, list.rows.len(), height);
    let strip_width = app.strip_marks();
    for (&entity, y) in list.rows.iter().skip(start).take(height).zip(inner.y..) {
        let row = Rect::new(inner.x, y, inner.width, 1);
        let is_cursor = list.rows.get(list.cursor) == Some(&entity);
        render_row(app, theme, entity, row, strip_width, buf);
        if is_cursor {
            buf.set_style(row, theme.cursor(focused));
        }
    }
    let below = u16::try_from(list.rows.len()).unwrap_or(u16::MAX);
    if review_hint(app).is_some() && below.saturating_add(3) < inner.height {
        let explained = Rect::new(
            inner.x,
            inner.y + below + 1,
            inner.width,
            inner.height - below - 1,
        );
        Paragraph::new(EXPLAINED)
            .style(theme.dim())
            .wrap(Wrap { trim: true })
            .render(explained, buf);
    }
    if list.rows.is_empty() {
        let message = match (list.filter.is_empty(), app.review.first) {
            _ if app.is_building_gazetteer() => "(building the gazetteer…)",
            (false, _) => "(no match)",
            (true, None) if app.confirmed_mentioned() == 0 => {
                "(no entities yet: finding suggestions…)"
            }
            (true, _) => "(no entities)",
        };
        buf.set_stringn(
            inner.x,
            inner.y,
            message,
            usize::from(inner.width),
            theme.dim(),
        );
    }
}

/// Below the suggestions, while nothing is confirmed.
const EXPLAINED: &str = "No entity of this story is confirmed yet: those marked ? are \
                         suggestions. S reviews them: accept one (a), all (A) or all of one \
                         kind (P O L M, then A), rename, merge or reject.";

/// The way to the review, at the foot of the list, while no confirmed entity is mentioned.
fn review_hint(app: &App) -> Option<String> {
    if app.confirmed_mentioned() > 0 {
        return None;
    }
    let count = suggested_rows(app);
    (count > 0).then(|| format!(" S reviews the {count} suggestions "))
}

/// How many rows of the list are suggestions.
fn suggested_rows(app: &App) -> usize {
    let rows = &app.entities.rows;
    rows.iter().filter(|&&id| app.is_suggested(id)).count()
}

/// The count, the order and the hidden kinds; the order goes first when short of room, and
/// whatever is still too wide ends in an ellipsis.
fn title(app: &App, width: usize) -> String {
    let list = &app.entities;
    let hidden: String = Kind::ALL
        .into_iter()
        .filter(|&kind| list.hidden[kind.slot()])
        .map(Theme::kind_letter)
        .collect();
    let hidden = if hidden.is_empty() {
        String::new()
    } else {
        format!(" · hidden {hidden}")
    };
    let suggested = suggested_rows(app);
    let count = if suggested > 0 {
        let confirmed = list.rows.len() - suggested;
        format!("Entities {confirmed} + {suggested} suggested")
    } else {
        format!("Entities {}", list.rows.len())
    };
    let full = format!(" {count} · {}{hidden} ", list.sort.label());
    if full.width() <= width {
        return full;
    }
    format!(
        " {} ",
        truncate(&format!("{count}{hidden}"), width.saturating_sub(2))
    )
}

fn render_row(
    app: &App,
    theme: &Theme,
    entity: EntityId,
    row: Rect,
    strip_width: usize,
    buf: &mut Buffer,
) {
    let info = &app.gazetteer.entities[entity as usize];
    let total = app.corpus.index.total(entity).to_string();
    let suggested = app.is_suggested(entity);
    let flag = if app.selected == Some(entity) {
        "▶"
    } else if app.entities.marked.contains(&entity) {
        "●"
    } else if suggested {
        "?"
    } else {
        " "
    };
    let style = if suggested {
        theme.suggestion(info.kind)
    } else {
        theme.mention(info.kind)
    };
    let width = usize::from(row.width);
    let tail = 2 + 5 + 1 + strip_width;
    let name_width = width.saturating_sub(2 + tail);
    let x = usize::from(row.x);
    set(buf, x, row.y, flag, 1, Style::default());
    set(
        buf,
        x + 2,
        row.y,
        &truncate(&info.name, name_width),
        name_width,
        style,
    );
    let mut at = x + 2 + name_width + 1;
    if at + tail > x + width + 1 {
        return;
    }
    set(buf, at, row.y, Theme::kind_letter(info.kind), 1, style);
    at += 2;
    set(buf, at, row.y, &format!("{total:>4}"), 4, Style::default());
    at += 5;
    set(
        buf,
        at,
        row.y,
        &strip(app, entity, strip_width),
        strip_width,
        theme.dim(),
    );
}

fn set(buf: &mut Buffer, x: usize, y: u16, text: &str, width: usize, style: Style) {
    let Ok(x) = u16::try_from(x) else {
        return;
    };
    buf.set_stringn(x, y, text, width, style);
}

/// One mark per source (or per group of sources): `■` where the entity is mentioned.
pub fn strip(app: &App, entity: EntityId, width: usize) -> String {
    let bits = app.presence.get(entity as usize).copied().unwrap_or(0);
    (0..width)
        .map(|mark| if bits & (1 << mark) == 0 { '·' } else { '■' })
        .collect()
}
