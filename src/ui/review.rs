//! The review of suggested entities (`S`): the suggestions with their kinds, mention counts
//! and sources, and, below, the one under the cursor: its forms, its description and its
//! first mention in context.

use super::theme::Theme;
use super::views::{fit, put};
use super::{list_start, pane_block};
use crate::app::review::{Purpose, kind_key};
use crate::app::{App, Finding};
use crate::gazetteer::EntityId;
use crate::insight::concordance_line;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget, Wrap};

/// Width of the name column.
const NAME_WIDTH: usize = 36;

/// The narrowest the name column gets.
const MIN_NAME_WIDTH: usize = 12;

/// The columns after the name: kind, mentions and sources, with their spaces.
const COUNTS_WIDTH: usize = 25;

/// Draws the review into `area` (over the panes).
pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    Clear.render(area, buf);
    let [list_area, detail_area] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(6)]).areas(area);
    let rows = app.review_rows();
    pane_block(title(app, rows.len()), true, theme).render(list_area, buf);
    let inner = list_area.inner(Margin::new(1, 1));
    if inner.height < 2 {
        return;
    }
    // The name column gives way first on a narrow screen, so the counts stay in view.
    let name_width = usize::from(inner.width)
        .saturating_sub(2 + COUNTS_WIDTH)
        .clamp(MIN_NAME_WIDTH, NAME_WIDTH);
    let header = format!(
        "  {:<name_width$} {:<4} {:>8}  {}",
        "suggested entity", "kind", "mentions", "sources  also written"
    );
    put(buf, inner.x, inner.y, &header, inner.width, theme.heading());
    let height = usize::from(inner.height - 1);
    let cursor = app.review.cursor.min(rows.len().saturating_sub(1));
    let start = list_start(cursor, rows.len(), height);
    for (at, y) in (start..rows.len()).take(height).zip(inner.y + 1..) {
        let row = Rect::new(inner.x, y, inner.width, 1);
        render_row(app, theme, (rows[at], name_width), row, buf);
        if at == cursor {
            buf.set_style(row, theme.cursor(true));
        }
    }
    if rows.is_empty() {
        // Wrapped: the note on withheld suggestions is longer than a narrow pane.
        let below = Rect::new(inner.x, inner.y + 1, inner.width, inner.height - 1);
        Paragraph::new(empty(app))
            .style(theme.dim())
            .wrap(Wrap { trim: true })
            .render(below, buf);
    }
    let shown = rows.get(cursor).copied();
    detail(app, theme, shown, detail_area, buf);
}

fn title(app: &App, count: usize) -> String {
    let only = app.review.only.map_or(String::new(), |kind| {
        format!(" · only {kind} ({} shows all)", kind_key(kind))
    });
    format!(" Suggested entities: {count}{only} · a accepts, A accepts all listed ")
}

/// What the list says when it has no rows.
fn empty(app: &App) -> String {
    match (app.review.first, app.review.finding) {
        (None, Finding::Running(_) | Finding::Wanted) => "finding suggestions…".to_owned(),
        (None, _) => "(no suggestions)".to_owned(),
        (Some(_), _) if app.review.only.is_some() => {
            "(no suggestions of this kind; P O L M list one kind, again every kind)".to_owned()
        }
        (Some(_), _) if app.review.withheld > 0 => {
            format!(
                "({})",
                crate::app::review::withheld_notice(app.review.withheld)
            )
        }
        (Some(_), _) => "(no suggestions left: every name is reviewed)".to_owned(),
    }
}

fn render_row(
    app: &App,
    theme: &Theme,
    (entity, name_width): (EntityId, usize),
    row: Rect,
    buf: &mut Buffer,
) {
    let info = app.gazetteer.entity(entity);
    let list = app.corpus.index.of_entity(entity);
    let mut sources: Vec<u32> = list.iter().map(|m| m.article).collect();
    sources.dedup();
    let style = theme.suggestion(info.kind);
    put(buf, row.x, row.y, "? ", row.width, theme.dim());
    let name = fit(&info.name, name_width);
    put(
        buf,
        row.x + 2,
        row.y,
        &name,
        row.width.saturating_sub(2),
        style,
    );
    let rest = format!(
        " {:<4} {:>8}  {:>7}  {}",
        Theme::kind_letter(info.kind),
        list.len(),
        sources.len(),
        info.aliases.join(", ")
    );
    let x = row.x + 2 + u16::try_from(name_width).unwrap_or(u16::MAX);
    if x < row.right() {
        put(buf, x, row.y, &rest, row.right() - x, Style::default());
    }
}

/// The suggestion under the cursor: its name, kind and description, and its first mention.
fn detail(app: &App, theme: &Theme, entity: Option<EntityId>, area: Rect, buf: &mut Buffer) {
    let block = pane_block(" The suggestion in context ", false, theme);
    let Some(entity) = entity else {
        block.render(area, buf);
        return;
    };
    let info = app.gazetteer.entity(entity);
    let mut lines = vec![Line::from(vec![
        Span::styled(info.name.clone(), theme.suggestion(info.kind)),
        Span::raw(format!(" — {}", info.kind.noun())),
        Span::styled(
            info.description
                .as_ref()
                .map_or(String::new(), |d| format!(" — {d}")),
            theme.dim(),
        ),
    ])];
    if let Some(first) = app.corpus.index.of_entity(entity).first() {
        let line = concordance_line(&app.corpus.articles, &app.corpus.index, first);
        let source = app.corpus.articles[first.article as usize].outlet();
        lines.push(Line::from(vec![
            Span::styled(format!("{source}: "), theme.dim()),
            Span::raw(format!("…{}", line.left)),
            Span::styled(line.hit, theme.suggestion(info.kind)),
            Span::raw(format!("{}…", line.right)),
        ]));
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .block(block)
        .render(area, buf);
}

/// The status line while a name is typed in the review.
pub fn typing_line(app: &App) -> String {
    let Some(editing) = &app.review.editing else {
        return String::new();
    };
    let name = &app.gazetteer.entity(editing.entity).name;
    match editing.purpose {
        Purpose::Rename => format!(" rename “{name}” to: {}▏ (Enter accepts) ", editing.text),
        Purpose::Merge => {
            let target = app
                .merge_target(editing.entity, &editing.text)
                .map_or("no entity yet".to_owned(), |target| {
                    format!("→ {}", app.gazetteer.entity(target).name)
                });
            format!(
                " merge “{name}” into: {}▏ {target} (Enter merges) ",
                editing.text
            )
        }
    }
}
