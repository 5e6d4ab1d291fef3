//! Rendering: draws an [`App`] by shared reference with a [`Theme`]; no searching, no state
//! changes.
//!
//! Where each pane goes and how the text wraps are the model's ([`crate::app::layout`],
//! [`crate::app::wrap`]): the mouse needs them too. Below [`MIN_WIDTH`] × [`MIN_HEIGHT`] only
//! a notice is drawn.

pub mod compare;
pub mod entities;
pub mod quotes;
pub mod reader;
pub mod reuse;
pub mod review;
pub mod sources;
pub mod status;
pub mod theme;
pub mod views;

use crate::app::help::{HelpRow, LEGEND_ROWS, help_rows, help_size};
use crate::app::layout::{MIN_HEIGHT, MIN_WIDTH, Panes, list_start, panes};
use crate::app::{App, Focus, Mode};
use crate::gazetteer::Kind;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};
use theme::Theme;
use unicode_width::UnicodeWidthStr;

/// A bordered block whose border shows the focus.
pub fn pane_block<'a>(title: impl Into<Line<'a>>, focused: bool, theme: &Theme) -> Block<'a> {
    Block::bordered()
        .title(title)
        .border_style(theme.border(focused))
}

/// Draws a bordered pane into `area`, its title cut to the border's width with an ellipsis.
pub fn draw_pane(title: &str, focused: bool, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let room = usize::from(area.width.saturating_sub(2));
    let title = if title.width() > room {
        format!(
            "{} ",
            crate::report::truncate(title.trim_end(), room.saturating_sub(1))
        )
    } else {
        title.to_owned()
    };
    pane_block(title, focused, theme).render(area, buf);
}

/// The reader drawn in a theme.
#[derive(Debug, Clone, Copy)]
pub struct Screen<'a> {
    /// What to draw.
    pub app: &'a App,
    /// How.
    pub theme: &'a Theme,
}

impl Widget for Screen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let Screen { app, theme } = self;
        let Some(panes) = panes(app).filter(|p| p.status.bottom() <= area.bottom()) else {
            render_too_small(area, buf);
            return;
        };
        if let Some(area) = panes.sources {
            sources::render(app, theme, area, buf);
        }
        render_text_pane(app, theme, &panes, buf);
        if let Some(area) = panes.entities {
            entities::render(app, theme, area, buf);
        }
        if let Some(view) = &app.compare {
            compare::render(app, theme, view, buf);
        }
        if let Some(panel) = &app.panel {
            let above = Rect::new(area.x, area.y, area.width, panes.status.y - area.y);
            views::render(app, theme, panel, above, buf);
        }
        if app.review.open {
            let above = Rect::new(area.x, area.y, area.width, panes.status.y - area.y);
            review::render(app, theme, above, buf);
        }
        status::render(app, theme, panes.status, buf);
        if app.mode == Mode::Help {
            render_help(app, theme, area, buf);
        }
        cap_clusters(buf);
    }
}

/// Every cell's grapheme cluster as the terminal is given it (`text::drawn_cluster`), whatever
/// drew it: titles, names and notices too.
fn cap_clusters(buf: &mut Buffer) {
    for cell in &mut buf.content {
        let symbol = cell.symbol();
        let drawn = crate::text::drawn_cluster(symbol);
        if drawn.len() < symbol.len() {
            let drawn = drawn.to_owned();
            cell.set_symbol(&drawn);
        }
    }
}

/// The reader in the default colours (or kind markers, when its colour is off).
impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = Theme::new(!self.view.kind_markers);
        Screen {
            app: self,
            theme: &theme,
        }
        .render(area, buf);
    }
}

fn render_too_small(area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let message = format!("terminal too small (need {MIN_WIDTH}×{MIN_HEIGHT})");
    let y = area.y + area.height / 2;
    let line = Rect::new(area.x, y, area.width, 1);
    Paragraph::new(message).centered().render(line, buf);
}

fn render_text_pane(app: &App, theme: &Theme, panes: &Panes, buf: &mut Buffer) {
    let title = match (&app.passages, app.current_article()) {
        (Some(passages), _) => format!(
            "Passages: {} from {} · {}",
            crate::app::passages::paragraphs(passages.paragraphs),
            match passages.sources {
                1 => "1 source".to_owned(),
                n => format!("{n} sources"),
            },
            app.passage_names(passages),
        ),
        (None, Some(_)) => app.full_label(app.article),
        (None, None) => "(no articles)".to_owned(),
    };
    let title = format!(" {title} ");
    draw_pane(
        &title,
        app.focus == Focus::Text,
        theme,
        panes.text_block,
        buf,
    );
    let kind_of = |entity| app.kind_of(entity);
    let hidden = |kind| app.is_hidden(kind);
    let page = reader::Page {
        text: app.doc_text(),
        wrap: &app.view.wrap,
        scroll: app.view.scroll,
        mentions: app.doc_mentions(),
        kind_of: &kind_of,
        suggested: &|entity| app.is_suggested(entity),
        hidden: &hidden,
        current: app.current,
        matches: app.doc_matches(),
        headings: app.passages.as_ref().map_or(&[], |p| p.headings.as_slice()),
        quotes: app.doc_quotes(),
        diff: &[],
    };
    let waiting = status::fetching(app).filter(|_| app.current_article().is_none());
    if let Some(fetching) = waiting {
        Paragraph::new(format!("Nothing to read yet: {fetching} (q quits)"))
            .style(theme.dim())
            .render(panes.text, buf);
    } else if app.doc_text().trim().is_empty() {
        Paragraph::new("(empty article)")
            .style(theme.dim())
            .render(panes.text, buf);
    }
    reader::render(&page, theme, panes.text, buf);
}

/// The help lines at `width` columns: every key of the keymap table, the mouse, then the
/// legend.
pub fn help_lines(theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for row in help_rows(width) {
        match row {
            HelpRow::Heading(heading) => lines.push(Line::styled(heading, theme.heading())),
            HelpRow::Text(text) => lines.push(Line::from(text)),
            HelpRow::Blank => lines.push(Line::default()),
            HelpRow::Legend => lines.extend(legend(theme)),
        }
    }
    lines
}

/// The colour legend: a line per kind, then the current mention, a match and a quotation.
fn legend(theme: &Theme) -> Vec<Line<'static>> {
    let mut lines: Vec<Line> = Kind::ALL
        .iter()
        .map(|&kind| legend_line(*theme, kind))
        .collect();
    lines.push(Line::from(vec![
        Span::raw("  "),
        Span::styled(
            "current mention",
            theme.mention(Kind::Person).patch(theme.current()),
        ),
        Span::raw("   "),
        Span::styled("search match", theme.search_match()),
        Span::raw("   "),
        Span::styled("“a quotation”", theme.quotation()),
    ]));
    lines.push(Line::from(vec![
        Span::raw("  "),
        Span::styled("suggested (S reviews)", theme.suggestion(Kind::Person)),
        Span::raw("   "),
        Span::styled("a word the other side lacks", theme.diff()),
    ]));
    debug_assert_eq!(lines.len(), LEGEND_ROWS - 1);
    lines.push(Line::default());
    lines
}

fn legend_line(theme: Theme, kind: Kind) -> Line<'static> {
    let sample = match kind {
        Kind::Person => "Person",
        Kind::Organization => "Organization",
        Kind::Place => "Place",
        Kind::Misc => "Misc",
    };
    let marker = theme.marker(kind).unwrap_or("");
    Line::from(vec![
        Span::raw(format!("  {}  ", Theme::kind_letter(kind))),
        Span::styled(format!("{marker}{sample}"), theme.mention(kind)),
    ])
}

fn render_help(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let (inner_width, inner_height) = help_size(app.size);
    let width = u16::try_from(inner_width + 2)
        .unwrap_or(u16::MAX)
        .min(area.width);
    let height = u16::try_from(inner_height + 2)
        .unwrap_or(u16::MAX)
        .min(area.height);
    let popup = Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    );
    Clear.render(popup, buf);
    let lines = help_lines(theme, inner_width);
    let scroll = app
        .help_scroll
        .min(lines.len().saturating_sub(inner_height));
    let title = format!(
        " Help {}–{} of {} (q closes, Space pages) ",
        scroll + 1,
        (scroll + inner_height).min(lines.len()),
        lines.len()
    );
    let shown: Vec<Line> = lines.into_iter().skip(scroll).take(inner_height).collect();
    Paragraph::new(shown)
        .block(pane_block(title, true, theme))
        .style(Style::default())
        .render(popup, buf);
}

#[cfg(test)]
mod tests;
