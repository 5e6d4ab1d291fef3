//! The help screen's rows, from the keymap table, wrapped to the help's width with each
//! description's continuation lines under the description; and its scroll.

use super::keymap::{HELP_SECTIONS, help_bindings};
use super::{Action, App};
use unicode_width::UnicodeWidthStr;

/// The width of the key column.
const KEYS: usize = 17;

/// One row of the help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpRow {
    /// A section's heading.
    Heading(&'static str),
    /// Plain text.
    Text(String),
    /// An empty row.
    Blank,
    /// The colour legend's rows, drawn by the screen (how they look depends on the theme).
    Legend,
}

/// How many rows the legend takes.
pub const LEGEND_ROWS: usize = 7;

const MOUSE: &[(&str, &str)] = &[
    (
        "click",
        "select the entity under the pointer (text or list), a source, or a cell of the coverage",
    ),
    ("wheel", "scroll the pane (or the help) under the pointer"),
];

/// Every row of the help at `width` columns.
pub fn help_rows(width: usize) -> Vec<HelpRow> {
    let mut rows = vec![HelpRow::Heading("Keys")];
    for (at, &(_, heading)) in HELP_SECTIONS.iter().enumerate() {
        rows.push(HelpRow::Blank);
        rows.push(HelpRow::Heading(heading));
        for binding in help_bindings(at) {
            rows.extend(entry(binding.label, binding.help, width));
        }
    }
    rows.push(HelpRow::Blank);
    rows.push(HelpRow::Heading("Mouse"));
    for (what, help) in MOUSE {
        rows.extend(entry(what, help, width));
    }
    rows.push(HelpRow::Blank);
    rows.push(HelpRow::Heading("Legend"));
    rows.push(HelpRow::Legend);
    rows.extend(entry(
        "entity list",
        "● marked, ▶ selected; the strip has one mark per source (■ mentioned)",
        width,
    ));
    rows
}

/// `  KEYS  description`, the description wrapped under itself.
fn entry(keys: &str, help: &str, width: usize) -> Vec<HelpRow> {
    let room = width.saturating_sub(KEYS + 3).max(10);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in help.split(' ') {
        if !line.is_empty() && line.width() + 1 + word.width() > room {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    let keys_column = if keys.width() > KEYS {
        lines.insert(0, String::new());
        format!("  {keys}")
    } else {
        format!("  {keys:<KEYS$}")
    };
    lines
        .into_iter()
        .enumerate()
        .map(|(i, text)| match i {
            0 if text.is_empty() => HelpRow::Text(keys_column.clone()),
            0 => HelpRow::Text(format!("{keys_column} {text}")),
            _ => HelpRow::Text(format!("  {:KEYS$} {text}", "")),
        })
        .collect()
}

/// The help's popup: its inner width and height at the terminal's size.
pub fn help_size(size: (u16, u16)) -> (usize, usize) {
    let width = size.0.saturating_sub(4).min(96).saturating_sub(2);
    let height = size.1.saturating_sub(4);
    (usize::from(width), usize::from(height))
}

/// How many rows the help has at the terminal's size.
fn help_len(size: (u16, u16)) -> usize {
    let rows = help_rows(help_size(size).0);
    rows.len() + rows.iter().filter(|r| **r == HelpRow::Legend).count() * (LEGEND_ROWS - 1)
}

impl App {
    /// Scrolls the help: a line, a page, to either end.
    pub(super) fn help_action(&mut self, action: Action) {
        let (_, height) = help_size(self.size);
        let page = height.saturating_sub(1).max(1);
        let last = help_len(self.size).saturating_sub(height);
        self.help_scroll = match action {
            Action::MoveDown => self.help_scroll + 1,
            Action::MoveUp => self.help_scroll.saturating_sub(1),
            Action::PageDown => self.help_scroll + page,
            Action::PageUp => self.help_scroll.saturating_sub(page),
            Action::GoTop => 0,
            Action::GoBottom => last,
            _ => self.help_scroll,
        }
        .min(last);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_wrap_under_themselves_within_the_width() {
        for width in [40, 56, 76, 94] {
            let rows = help_rows(width);
            let mut continued = 0;
            for row in &rows {
                let HelpRow::Text(text) = row else {
                    continue;
                };
                assert!(text.width() <= width.max(KEYS + 13), "{width}: {text:?}");
                if text.starts_with(&" ".repeat(KEYS + 3)) {
                    continued += 1;
                } else {
                    assert!(
                        text.starts_with("  ") && !text.starts_with("   "),
                        "{text:?}"
                    );
                }
            }
            assert!(continued > 0, "{width}: some descriptions wrap");
        }
    }
}
