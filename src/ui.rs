//! Rendering: draws an [`App`] by shared reference; no searching, no state changes.
//!
//! [`panes`] is the one layout function: rendering, the text wrap width and mouse hit
//! tests all use it. Below [`MIN_WIDTH`] × [`MIN_HEIGHT`] only a notice is drawn.

pub mod entities;
pub mod reader;
pub mod sources;
pub mod status;
pub mod theme;
pub mod views;

use crate::app::{App, Focus, Mode, keymap};
use crate::corpus::Article;
use crate::gazetteer::Kind;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};
use theme::Theme;

/// Narrower than this, only a notice is drawn.
pub const MIN_WIDTH: u16 = 40;
/// Lower than this, only a notice is drawn.
pub const MIN_HEIGHT: u16 = 10;
/// From this width the sources get a column of their own.
const SOURCES_COLUMN_FROM: u16 = 150;
/// From this width the entity list is shown beside the text by default.
const ENTITIES_BESIDE_FROM: u16 = 80;
/// Lower than this, the source list is left out (the text's title names the source).
const SOURCES_STRIP_FROM_HEIGHT: u16 = 16;

/// Where each pane goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panes {
    /// The source list (with its border), if shown.
    pub sources: Option<Rect>,
    /// The text pane with its border.
    pub text_block: Rect,
    /// The text itself (inside the border).
    pub text: Rect,
    /// The entity list (with its border), if shown.
    pub entities: Option<Rect>,
    /// The status line.
    pub status: Rect,
}

/// Whether the entity list is on screen.
pub fn entity_pane_visible(app: &App) -> bool {
    (app.size.0 >= ENTITIES_BESIDE_FROM) != app.entity_pane_toggled
}

/// The layout for the app's terminal size; `None` when the terminal is too small.
pub fn panes(app: &App) -> Option<Panes> {
    let area = Rect::new(0, 0, app.size.0, app.size.1);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let [main, status] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    let show_entities = entity_pane_visible(app);
    let sources_count = u16::try_from(app.corpus.articles.len()).unwrap_or(u16::MAX);
    let (sources, rest) = if area.width >= SOURCES_COLUMN_FROM {
        let [left, rest] =
            Layout::horizontal([Constraint::Length(30), Constraint::Fill(1)]).areas(main);
        (Some(left), rest)
    } else if area.height >= SOURCES_STRIP_FROM_HEIGHT {
        let most = match area.height {
            36.. => 6,
            28.. => 4,
            _ => 2,
        };
        let strip = sources_count.clamp(1, most) + 2;
        let [top, rest] =
            Layout::vertical([Constraint::Length(strip), Constraint::Fill(1)]).areas(main);
        (Some(top), rest)
    } else {
        (None, main)
    };
    let (text_block, entities) = match (show_entities, area.width >= ENTITIES_BESIDE_FROM) {
        (false, _) => (rest, None),
        (true, true) => {
            let width = (area.width / 3).clamp(30, 42);
            let [text, list] =
                Layout::horizontal([Constraint::Fill(1), Constraint::Length(width)]).areas(rest);
            (text, Some(list))
        }
        (true, false) => {
            let [text, list] =
                Layout::vertical([Constraint::Fill(3), Constraint::Fill(2)]).areas(rest);
            (text, Some(list))
        }
    };
    Some(Panes {
        sources,
        text_block,
        text: text_block.inner(Margin::new(1, 1)),
        entities,
        status,
    })
}

/// The size the text is wrapped to.
pub fn text_area_size(app: &App) -> (u16, u16) {
    panes(app).map_or((1, 1), |panes| (panes.text.width, panes.text.height))
}

/// The first row shown of a list of `len` rows in `height` rows with the cursor on `cursor`:
/// lists move a page at a time.
pub fn list_start(cursor: usize, len: usize, height: usize) -> usize {
    let height = height.max(1);
    let cursor = cursor.min(len.saturating_sub(1));
    cursor - cursor % height
}

/// The list row under screen row `y` of a list pane `area` (with its border).
pub fn list_row_at(area: Rect, cursor: usize, len: usize, y: u16) -> Option<usize> {
    let inner = area.inner(Margin::new(1, 1));
    if y < inner.y || y >= inner.bottom() {
        return None;
    }
    let start = list_start(cursor, len, usize::from(inner.height));
    let index = start + usize::from(y - inner.y);
    (index < len).then_some(index)
}

/// How a source is named: outlet — title.
pub fn source_label(article: &Article) -> String {
    let outlet = article
        .metadata
        .outlet
        .as_deref()
        .unwrap_or_else(|| file_name(&article.file));
    if article.title.is_empty() {
        format!("{outlet} — (empty article)")
    } else {
        format!("{outlet} — {}", article.title)
    }
}

/// The last part of a file's name.
pub fn file_name(file: &str) -> &str {
    file.rsplit('/').next().unwrap_or(file)
}

/// A bordered block whose border shows the focus.
pub fn pane_block<'a>(title: impl Into<Line<'a>>, focused: bool, theme: &Theme) -> Block<'a> {
    Block::bordered()
        .title(title)
        .border_style(theme.border(focused))
}

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let Some(panes) = panes(self).filter(|p| p.status.bottom() <= area.bottom()) else {
            render_too_small(area, buf);
            return;
        };
        if let Some(area) = panes.sources {
            sources::render(self, area, buf);
        }
        render_text_pane(self, &panes, buf);
        if let Some(area) = panes.entities {
            entities::render(self, area, buf);
        }
        if let Some(panel) = &self.panel {
            let above = Rect::new(area.x, area.y, area.width, panes.status.y - area.y);
            views::render(self, panel, above, buf);
        }
        status::render(self, panes.status, buf);
        if self.mode == Mode::Help {
            render_help(self, area, buf);
        }
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

fn render_text_pane(app: &App, panes: &Panes, buf: &mut Buffer) {
    let title = match (&app.passages, app.current_article()) {
        (Some(passages), _) => format!(
            " Passages: {} paragraphs from {} sources ",
            passages.paragraphs, passages.sources
        ),
        (None, Some(article)) => format!(" {} ", source_label(article)),
        (None, None) => " (no articles) ".to_owned(),
    };
    pane_block(title, app.focus == Focus::Text, &app.theme).render(panes.text_block, buf);
    let kind_of = |entity| app.kind_of(entity);
    let hidden = |kind| app.is_hidden(kind);
    let page = reader::Page {
        text: app.doc_text(),
        wrap: &app.view.wrap,
        scroll: app.view.scroll,
        mentions: app.doc_mentions(),
        kind_of: &kind_of,
        hidden: &hidden,
        current: app.current,
        matches: app.doc_matches(),
        headings: app.passages.as_ref().map_or(&[], |p| p.headings.as_slice()),
    };
    if app.doc_text().trim().is_empty() {
        Paragraph::new("(empty article)")
            .style(app.theme.dim())
            .render(panes.text, buf);
    }
    reader::render(&page, &app.theme, panes.text, buf);
}

/// The help lines: every key of the keymap table, then the legend.
pub fn help_lines(theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![Line::styled("Keys", theme.heading())];
    let sections = [
        (keymap::Scope::Reading, "Reading"),
        (keymap::Scope::Typing, "Typing after / or f"),
        (
            keymap::Scope::Panel,
            "In coverage (c), concordance (K) and names to add (a)",
        ),
        (
            keymap::Scope::Prompt,
            "Adding a name (after a in names to add)",
        ),
        (keymap::Scope::Help, "In this help"),
        (keymap::Scope::Any, "Anywhere"),
    ];
    for (scope, name) in sections {
        lines.push(Line::default());
        lines.push(Line::styled(name, theme.heading()));
        for binding in keymap::bindings(scope) {
            lines.push(Line::from(format!(
                "  {:<12} {}",
                binding.label, binding.help
            )));
        }
    }
    lines.push(Line::default());
    lines.push(Line::styled("Mouse", theme.heading()));
    lines.push(Line::from(
        "  click        select the entity under the pointer (text or list), or a source",
    ));
    lines.push(Line::from(
        "  wheel        scroll the pane under the pointer",
    ));
    lines.push(Line::default());
    lines.push(Line::styled("Legend", theme.heading()));
    for kind in Kind::ALL {
        lines.push(legend_line(*theme, kind));
    }
    lines.push(Line::from(vec![
        Span::raw("  "),
        Span::styled(
            "current mention",
            theme.mention(Kind::Person).patch(theme.current()),
        ),
        Span::raw("   "),
        Span::styled("search match", theme.search_match()),
    ]));
    lines.push(Line::from(
        "  entity list: ● marked, ▶ selected; the strip has one mark per source (■ mentioned)",
    ));
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

fn render_help(app: &App, area: Rect, buf: &mut Buffer) {
    let width = area.width.saturating_sub(4).min(96);
    let height = area.height.saturating_sub(2);
    let popup = Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    );
    Clear.render(popup, buf);
    let lines = help_lines(&app.theme);
    let inner_height = usize::from(height.saturating_sub(2));
    let scroll = app
        .help_scroll
        .min(lines.len().saturating_sub(inner_height));
    let shown: Vec<Line> = lines.into_iter().skip(scroll).take(inner_height).collect();
    Paragraph::new(shown)
        .wrap(ratatui::widgets::Wrap { trim: false })
        .block(pane_block(
            " Help (? or Esc to close, j/k to scroll) ",
            true,
            &app.theme,
        ))
        .style(Style::default())
        .render(popup, buf);
}

#[cfg(test)]
mod tests;
