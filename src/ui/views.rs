//! The views drawn over the panes: coverage, concordance (with naming and co-occurrence)
//! and the names the gazetteer lacks; the quotes and reuse views are drawn by
//! [`super::quotes`] and [`super::reuse`].

use super::{draw_pane, list_start, pane_block};
use crate::app::grid::{CoverageGrid, NAME_WIDTH, coverage_grid};
use crate::app::{App, ConcordanceView, CoverageView, DiscoveryView, Panel};
use crate::gazetteer::EntityId;
use crate::insight;
use crate::ui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

/// Draws the open view into `area` (everything above the status line).
pub fn render(app: &App, theme: &Theme, panel: &Panel, area: Rect, buf: &mut Buffer) {
    ratatui::widgets::Clear.render(area, buf);
    match panel {
        Panel::Coverage(view) => coverage(app, theme, view, area, buf),
        Panel::Concordance(view) => concordance(app, theme, view, area, buf),
        Panel::Discovery(view) => discovery(app, theme, view, area, buf),
        Panel::Quotes(view) => super::quotes::render(app, theme, view, area, buf),
        Panel::Reuse(view) => super::reuse::render(app, theme, view, area, buf),
    }
}

/// Cuts `text` to `width` cells, with an ellipsis when cut.
pub(super) fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    for c in text.chars() {
        if out.width() + c.to_string().width() + 1 > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// The last `width` cells of `text`, with an ellipsis when cut.
fn fit_left(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let mut kept: Vec<char> = Vec::new();
    let mut used = 1;
    for c in text.chars().rev() {
        let w = c.to_string().width();
        if used + w > width {
            break;
        }
        used += w;
        kept.push(c);
    }
    kept.push('…');
    kept.into_iter().rev().collect()
}

/// The rows of a list grouped by source, given each item's article: `None` for a heading
/// before each source's first item, `Some(i)` for item `i`; and the row of item `cursor`.
pub(super) fn grouped_rows(
    articles: impl Iterator<Item = u32>,
    cursor: usize,
) -> (Vec<Option<usize>>, usize) {
    let mut rows = Vec::new();
    let mut last = None;
    for (index, article) in articles.enumerate() {
        if last != Some(article) {
            last = Some(article);
            rows.push(None);
        }
        rows.push(Some(index));
    }
    let cursor_row = rows.iter().position(|r| *r == Some(cursor)).unwrap_or(0);
    (rows, cursor_row)
}

pub(super) fn put(buf: &mut Buffer, x: u16, y: u16, text: &str, width: u16, style: Style) {
    buf.set_stringn(x, y, text, usize::from(width), style);
}

// ----- coverage -----

fn coverage(app: &App, theme: &Theme, view: &CoverageView, area: Rect, buf: &mut Buffer) {
    let articles = &app.corpus.articles;
    let (grid, left_out, layout) = coverage_grid(area, articles.len(), view);
    let single = view
        .table
        .rows
        .iter()
        .filter(|r| r.only_one_source())
        .count();
    let title = format!(
        " Coverage: {} entities × {} sources · {single} named by one source only (◆) ",
        view.table.rows.len(),
        articles.len()
    );
    draw_pane(&title, true, theme, grid, buf);
    omissions(app, theme, view, left_out, buf);
    let Some(layout) = layout else {
        return;
    };
    let inner = layout.inner;
    // Header: one column per source.
    put(buf, inner.x, inner.y, "entity", NAME_WIDTH, theme.heading());
    for (slot, article) in (layout.first_column..articles.len())
        .take(layout.shown)
        .enumerate()
    {
        let label = format!("{} {}", article + 1, app.label(article));
        let style = if article == view.column {
            theme.heading().patch(theme.cursor(false))
        } else {
            theme.heading()
        };
        let width = layout.column_width - 1;
        let label = fit(&label, usize::from(width));
        put(buf, layout.column_x(slot), inner.y, &label, width, style);
    }
    put(
        buf,
        inner.right().saturating_sub(8),
        inner.y,
        " sources",
        8,
        theme.heading(),
    );
    coverage_rows(app, theme, view, &layout, buf);
}

fn coverage_rows(
    app: &App,
    theme: &Theme,
    view: &CoverageView,
    columns: &CoverageGrid,
    buf: &mut Buffer,
) {
    let articles = &app.corpus.articles;
    let inner = columns.inner;
    let height = usize::from(inner.height - 1);
    for (index, y) in (columns.first_row..view.table.rows.len())
        .take(height)
        .zip(inner.y + 1..)
    {
        let row = &view.table.rows[index];
        let entity = app.gazetteer.entity(row.entity);
        let mark = if row.only_one_source() { "◆ " } else { "  " };
        put(buf, inner.x, y, mark, 2, theme.notice_mark());
        put(
            buf,
            inner.x + 2,
            y,
            &fit(&entity.name, usize::from(NAME_WIDTH - 4)),
            NAME_WIDTH - 4,
            theme.mention(entity.kind),
        );
        put(
            buf,
            inner.x + NAME_WIDTH - 1,
            y,
            Theme::kind_letter(entity.kind),
            1,
            theme.dim(),
        );
        for (slot, article) in (columns.first_column..articles.len())
            .take(columns.shown)
            .enumerate()
        {
            let x = columns.column_x(slot);
            let count = row.counts[article];
            let (text, style) = if count == 0 {
                ("·".to_owned(), theme.dim())
            } else {
                (count.to_string(), Style::default())
            };
            let cell = format!("{text:>3}");
            let style = if index == view.row && article == view.column {
                style.patch(theme.cursor(true))
            } else {
                style
            };
            put(buf, x, y, &cell, columns.column_width - 1, style);
        }
        let sources = format!("{:>3}/{}", row.sources, articles.len());
        put(
            buf,
            inner.right().saturating_sub(7),
            y,
            &sources,
            7,
            theme.dim(),
        );
        if index == view.row {
            buf.set_style(Rect::new(inner.x, y, NAME_WIDTH, 1), theme.cursor(false));
        }
    }
}

fn omissions(app: &App, theme: &Theme, view: &CoverageView, area: Rect, buf: &mut Buffer) {
    let title = " Left out: what most other sources name and this one does not ";
    draw_pane(title, false, theme, area, buf);
    let inner = area.inner(Margin::new(1, 1));
    let articles = &app.corpus.articles;
    let height = usize::from(inner.height);
    let start = list_start(view.column, articles.len(), height);
    for (article, y) in (start..articles.len()).take(height).zip(inner.y..) {
        let names: Vec<&str> = view.table.omissions[article]
            .iter()
            .map(|&e| app.gazetteer.entity(e).name.as_str())
            .collect();
        let names = if names.is_empty() {
            "—".to_owned()
        } else {
            names.join(", ")
        };
        let label = format!("{:>2} {}", article + 1, app.label(article));
        let style = if article == view.column {
            theme.heading()
        } else {
            Style::default()
        };
        let label = fit(&label, 28);
        put(buf, inner.x, y, &label, 28, style);
        let width = inner.width.saturating_sub(29);
        put(
            buf,
            inner.x + 29,
            y,
            &fit(&names, usize::from(width)),
            width,
            style,
        );
    }
}

// ----- concordance -----

fn concordance(app: &App, theme: &Theme, view: &ConcordanceView, area: Rect, buf: &mut Buffer) {
    let side = (area.width / 3).clamp(30, 48);
    let [lines_area, side_area] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(side)]).areas(area);
    let entity = app.gazetteer.entity(view.entity);
    let sources = view.naming.len();
    let title = format!(
        " Concordance: {} · {} mentions in {sources} sources ",
        entity.name,
        view.mentions.len()
    );
    draw_pane(&title, !view.on_others, theme, lines_area, buf);
    let inner = lines_area.inner(Margin::new(1, 1));
    let (rows, cursor_row) = grouped_rows(view.mentions.iter().map(|m| m.article), view.cursor);
    let height = usize::from(inner.height);
    let start = list_start(cursor_row, rows.len(), height);
    let (articles, index) = (&app.corpus.articles, &app.corpus.index);
    let line_of = |number: usize| insight::concordance_line(articles, index, view.mentions[number]);
    let hit_width = view
        .mentions
        .get(view.cursor)
        .map_or(12, |&at| {
            articles[at.article as usize].text[index.mention(at).range()].width()
        })
        .max(8);
    let left_width = (usize::from(inner.width).saturating_sub(hit_width) * 2 / 5).max(4);
    for (slot, y) in (start..rows.len()).take(height).zip(inner.y..) {
        let row = Rect::new(inner.x, y, inner.width, 1);
        match rows[slot] {
            None => {
                let index = rows[slot + 1].unwrap_or(0);
                let label = format!(
                    "── {} ",
                    app.full_label(view.mentions[index].article as usize)
                );
                put(
                    buf,
                    row.x,
                    y,
                    &fit(&label, usize::from(row.width)),
                    row.width,
                    theme.heading(),
                );
            }
            Some(index) => {
                let line = line_of(index);
                let left = fit_left(&line.left, left_width);
                let pad = left_width - left.width();
                let spans = vec![
                    Span::raw(" ".repeat(pad)),
                    Span::raw(left),
                    Span::styled(line.hit, theme.mention(entity.kind)),
                    Span::raw(line.right),
                ];
                Line::from(spans).render(row, buf);
                if index == view.cursor {
                    buf.set_style(row, theme.cursor(!view.on_others));
                }
            }
        }
    }
    side_panel(app, theme, view, side_area, buf);
}

fn side_panel(app: &App, theme: &Theme, view: &ConcordanceView, area: Rect, buf: &mut Buffer) {
    let naming_height = u16::try_from(view.naming.len() * 3 + 2)
        .unwrap_or(u16::MAX)
        .min(area.height / 2);
    let [naming_area, others_area] =
        Layout::vertical([Constraint::Length(naming_height), Constraint::Fill(1)]).areas(area);
    let mut lines: Vec<Line> = Vec::new();
    for naming in &view.naming {
        let forms: Vec<String> = naming
            .forms
            .iter()
            .map(|(form, count)| format!("{form} ×{count}"))
            .collect();
        lines.push(Line::from(vec![
            Span::styled(format!("{} ", app.label(naming.article)), theme.heading()),
            Span::raw(forms.join(", ")),
        ]));
        let intro = naming.introduction.as_deref().map_or_else(
            || "  (no introduction)".to_owned(),
            |i| format!("  “{i} …”"),
        );
        lines.push(Line::styled(intro, theme.dim()));
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(pane_block(" How each source names it ", false, theme))
        .render(naming_area, buf);

    let title = format!(" Shares paragraphs with: {} ", view.cooccurring.len());
    draw_pane(&title, view.on_others, theme, others_area, buf);
    let inner = others_area.inner(Margin::new(1, 1));
    let height = usize::from(inner.height);
    let start = list_start(view.other, view.cooccurring.len(), height);
    for (index, y) in (start..view.cooccurring.len()).take(height).zip(inner.y..) {
        let (other, shared) = view.cooccurring[index];
        other_row(
            app,
            theme,
            other,
            shared,
            Rect::new(inner.x, y, inner.width, 1),
            buf,
        );
        if view.on_others && index == view.other {
            buf.set_style(Rect::new(inner.x, y, inner.width, 1), theme.cursor(true));
        }
    }
    if view.cooccurring.is_empty() {
        put(buf, inner.x, inner.y, "(none)", inner.width, theme.dim());
    }
}

fn other_row(app: &App, theme: &Theme, other: EntityId, shared: u32, row: Rect, buf: &mut Buffer) {
    let entity = app.gazetteer.entity(other);
    let count = format!("{shared:>4}");
    let name_width = row.width.saturating_sub(6);
    put(
        buf,
        row.x,
        row.y,
        &fit(&entity.name, usize::from(name_width)),
        name_width,
        theme.mention(entity.kind),
    );
    put(
        buf,
        row.right().saturating_sub(4),
        row.y,
        &count,
        4,
        theme.dim(),
    );
}

// ----- names to add -----

fn discovery(app: &App, theme: &Theme, view: &DiscoveryView, area: Rect, buf: &mut Buffer) {
    let [list_area, context_area] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(5)]).areas(area);
    let unlisted = view.unlisted();
    let near = match view.candidates.len() - unlisted {
        1 => "1 near-miss".to_owned(),
        n => format!("{n} near-misses"),
    };
    let title = format!(" Names the gazetteer lacks: {unlisted} unlisted · {near} ");
    draw_pane(&title, true, theme, list_area, buf);
    let inner = list_area.inner(Margin::new(1, 1));
    if inner.height < 2 {
        return;
    }
    // The name column gives way to the last one on narrow terminals, down to 12 columns.
    let name_width = usize::from(inner.width).saturating_sub(40).clamp(12, 34);
    let header = format!(
        "{:<w$} {:>6} {:>7}  {}",
        "name",
        "count",
        "sources",
        "nearly matches / first seen in",
        w = name_width + 2
    );
    let header = fit(&header, usize::from(inner.width));
    put(buf, inner.x, inner.y, &header, inner.width, theme.heading());
    let height = usize::from(inner.height - 1);
    let start = list_start(view.cursor, view.candidates.len(), height);
    for (index, y) in (start..view.candidates.len())
        .take(height)
        .zip(inner.y + 1..)
    {
        let candidate = &view.candidates[index];
        let row = Rect::new(inner.x, y, inner.width, 1);
        let (mark, detail) = if let Some((surface, entity)) = &candidate.near {
            let name = &app.gazetteer.entity(*entity).name;
            ("≈", format!("{surface} ({name})"))
        } else {
            ("+", app.label(candidate.locations[0].article).to_owned())
        };
        let text = format!(
            "{mark} {:<name_width$} {:>6} {:>7}  {detail}",
            fit(&candidate.text, name_width),
            candidate.locations.len(),
            candidate.sources
        );
        let text = fit(&text, usize::from(row.width));
        put(buf, row.x, y, &text, row.width, Style::default());
        if index == view.cursor {
            buf.set_style(row, theme.cursor(true));
        }
    }
    if view.candidates.is_empty() {
        put(
            buf,
            inner.x,
            inner.y + 1,
            "(every name is in the gazetteer)",
            inner.width,
            theme.dim(),
        );
    }
    context(app, theme, view, context_area, buf);
}

/// The first place the name under the cursor occurs, with some text either side.
fn context(app: &App, theme: &Theme, view: &DiscoveryView, area: Rect, buf: &mut Buffer) {
    let Some(candidate) = view.candidates.get(view.cursor) else {
        draw_pane(" First seen ", false, theme, area, buf);
        return;
    };
    let location = candidate.locations[0];
    let article = &app.corpus.articles[location.article];
    let text = &article.text;
    let mut from = location.start.saturating_sub(120);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let mut to = (location.end + 120).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let before = text[from..location.start].rsplit('\n').next().unwrap_or("");
    let after = text[location.end..to].split('\n').next().unwrap_or("");
    let line = Line::from(vec![
        Span::raw(before.to_owned()),
        Span::styled(
            text[location.start..location.end].to_owned(),
            theme.search_match(),
        ),
        Span::raw(after.to_owned()),
    ]);
    let title = format!(" First seen in {} ", app.full_label(location.article));
    draw_pane(&title, false, theme, area, buf);
    Paragraph::new(line)
        .wrap(Wrap { trim: true })
        .render(area.inner(Margin::new(1, 1)), buf);
}
