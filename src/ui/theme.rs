//! Colours and text attributes: the only place styles are chosen.
//!
//! With colour on, each kind of entity has its own colour. With colour off (`NO_COLOR`,
//! `--color never`), kinds are told apart by attributes and a one-character marker drawn
//! before each mention.

use crate::gazetteer::Kind;
use ratatui::style::{Color, Modifier, Style};

/// The reader's styles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    color: bool,
    /// The highlight colour of each kind, in [`Kind::ALL`] order.
    kind_colors: [Color; 4],
}

impl Theme {
    /// A theme with or without colour, with the default colour of each kind.
    pub fn new(color: bool) -> Self {
        Theme {
            color,
            kind_colors: Kind::ALL.map(Self::default_kind_color),
        }
    }

    /// The same theme with the kind colours `config.toml` sets.
    #[must_use]
    pub fn with_configured_colors(mut self, colors: &crate::config::KindColors) -> Self {
        for (slot, kind) in self.kind_colors.iter_mut().zip(Kind::ALL) {
            if let Some(configured) = colors.get(kind) {
                *slot = match configured {
                    crate::config::Color::Rgb(r, g, b) => Color::Rgb(r, g, b),
                    crate::config::Color::Named(index) => Color::Indexed(index),
                };
            }
        }
        self
    }

    /// Whether kinds are shown by markers rather than colour.
    pub fn uses_markers(&self) -> bool {
        !self.color
    }

    /// The colour of a kind (colour themes only).
    pub fn kind_color(&self, kind: Kind) -> Color {
        self.kind_colors[kind.slot()]
    }

    /// The colour of a kind when `config.toml` does not set one.
    pub fn default_kind_color(kind: Kind) -> Color {
        match kind {
            Kind::Person => Color::Yellow,
            Kind::Organization => Color::Cyan,
            Kind::Place => Color::Green,
            Kind::Misc => Color::Magenta,
        }
    }

    /// How a mention of `kind` is shown.
    pub fn mention(&self, kind: Kind) -> Style {
        if self.color {
            return Style::new()
                .fg(self.kind_color(kind))
                .add_modifier(Modifier::BOLD);
        }
        match kind {
            Kind::Person => Style::new().add_modifier(Modifier::BOLD),
            Kind::Organization => Style::new().add_modifier(Modifier::UNDERLINED),
            Kind::Place => Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            Kind::Misc => Style::new().add_modifier(Modifier::ITALIC),
        }
    }

    /// How a mention of a suggested entity of `kind` is shown: dim and underlined, never
    /// bold (confirmed entities are never dim); with colour, in its kind's colour.
    pub fn suggestion(&self, kind: Kind) -> Style {
        let style = Style::new().add_modifier(Modifier::DIM | Modifier::UNDERLINED);
        if self.color {
            style.fg(self.kind_color(kind))
        } else {
            style
        }
    }

    /// The marker drawn before a mention when colour is off.
    pub fn marker(&self, kind: Kind) -> Option<&'static str> {
        (!self.color).then(|| Self::marker_of(kind))
    }

    /// The marker character of a kind.
    pub fn marker_of(kind: Kind) -> &'static str {
        match kind {
            Kind::Person => "@",
            Kind::Organization => "#",
            Kind::Place => "^",
            Kind::Misc => "~",
        }
    }

    /// The one-letter kind tag used in the entity list.
    pub fn kind_letter(kind: Kind) -> &'static str {
        match kind {
            Kind::Person => "P",
            Kind::Organization => "O",
            Kind::Place => "L",
            Kind::Misc => "M",
        }
    }

    /// The current mention, on top of its kind style.
    pub fn current(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    /// A search match.
    pub fn search_match(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Black).bg(Color::LightBlue)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// The words of a quotation in the text: italic, and with colour a colour of its own;
    /// a mention inside keeps its colour or attributes on top.
    pub fn quotation(&self) -> Style {
        let italic = Style::new().add_modifier(Modifier::ITALIC);
        if self.color {
            italic.fg(Color::LightBlue)
        } else {
            italic
        }
    }

    /// Words one side of a side by side comparison has and the other lacks: underlined on
    /// a background of their own, or reversed without colour (the current mention is not
    /// reversed there); a mention keeps its colour or attributes beneath.
    pub fn diff(&self) -> Style {
        if self.color {
            Style::new()
                .bg(Color::Indexed(238))
                .add_modifier(Modifier::UNDERLINED)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// A source heading in the passage view.
    pub fn heading(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// A pane border: highlighted when the pane has the focus.
    pub fn border(&self, focused: bool) -> Style {
        match (focused, self.color) {
            (true, true) => Style::new().fg(Color::LightBlue),
            (true, false) => Style::new().add_modifier(Modifier::BOLD),
            (false, _) => Style::new().add_modifier(Modifier::DIM),
        }
    }

    /// The cursor row of a list.
    pub fn cursor(&self, focused: bool) -> Style {
        if focused {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    /// Secondary text (counts, hints).
    pub fn dim(&self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }

    /// A mark that draws the eye: an entity only one source names.
    pub fn notice_mark(&self) -> Style {
        if self.color {
            Style::new()
                .fg(Color::LightRed)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    /// The status line.
    pub fn status(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Black).bg(Color::Gray)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// A notice (wrapping, errors) in the status line.
    pub fn notice(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Black).bg(Color::Yellow)
        } else {
            Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED)
        }
    }
}

#[cfg(test)]
mod configured_tests {
    use super::*;
    use crate::config::{Color as Configured, KindColors};

    #[test]
    fn configured_colours_replace_the_defaults_of_their_kinds() {
        let colors = KindColors {
            person: Some(Configured::Rgb(1, 2, 3)),
            place: Some(Configured::Named(9)),
            ..KindColors::default()
        };
        let theme = Theme::new(true).with_configured_colors(&colors);
        assert_eq!(theme.mention(Kind::Person).fg, Some(Color::Rgb(1, 2, 3)));
        assert_eq!(theme.mention(Kind::Place).fg, Some(Color::Indexed(9)));
        assert_eq!(theme.mention(Kind::Organization).fg, Some(Color::Cyan));
    }
}
