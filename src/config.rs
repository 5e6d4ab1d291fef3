//! `config.toml` in the configuration directory: colours per kind, the default sort of the
//! entity list, and the default colour mode.
//!
//! ```toml
//! color = "auto"         # auto | always | never (the --color flag wins)
//! sort = "mentions"      # mentions | name | first
//!
//! [colors]
//! person = "yellow"
//! organization = "#5fafff"
//! place = "light-green"
//! misc = "magenta"
//! ```
//!
//! Every key is optional and a missing file is no error. An unknown key or an invalid value
//! is: the message names the file, the line and column, the value and the valid choices.

use crate::gazetteer::Kind;
use serde::Deserialize;
use std::fmt;
use std::io::IsTerminal;
use std::path::Path;
use toml::Spanned;

/// The named colours accepted, as written in the file.
pub const COLOR_NAMES: &[&str] = &[
    "black",
    "red",
    "green",
    "yellow",
    "blue",
    "magenta",
    "cyan",
    "gray",
    "dark-gray",
    "light-red",
    "light-green",
    "light-yellow",
    "light-blue",
    "light-magenta",
    "light-cyan",
    "white",
];

/// A colour: one of the terminal's sixteen named colours, or a 24-bit `#rrggbb`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Color {
    /// A named colour; the index into [`COLOR_NAMES`], which follows the ANSI order
    /// (`black` = 0 … `white` = 15).
    Named(u8),
    /// Red, green, blue.
    Rgb(u8, u8, u8),
}

impl Color {
    /// The name of a named colour, as in [`COLOR_NAMES`].
    pub fn name(self) -> Option<&'static str> {
        match self {
            Color::Named(index) => COLOR_NAMES.get(usize::from(index)).copied(),
            Color::Rgb(..) => None,
        }
    }

    fn parse(value: &str) -> Option<Color> {
        let value = value.trim();
        if let Some(hex) = value.strip_prefix('#') {
            if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            let byte = |at: usize| u8::from_str_radix(&hex[at..at + 2], 16).ok();
            return Some(Color::Rgb(byte(0)?, byte(2)?, byte(4)?));
        }
        let name = value.to_ascii_lowercase().replace(['_', ' '], "-");
        let name = match name.as_str() {
            "grey" => "gray",
            "dark-grey" | "darkgray" | "darkgrey" => "dark-gray",
            other => other,
        };
        let name = COLOR_NAMES
            .iter()
            .position(|n| *n == name || n.replace('-', "") == name)?;
        u8::try_from(name).ok().map(Color::Named)
    }
}

impl fmt::Display for Color {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Color::Named(_) => f.write_str(self.name().unwrap_or("?")),
            Color::Rgb(r, g, b) => write!(f, "#{r:02x}{g:02x}{b:02x}"),
        }
    }
}

/// When to colour the output (`color` here, `--color` on the command line).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and NO_COLOR is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

impl ColorChoice {
    /// Whether to colour output going to standard output (`auto`: only a terminal).
    pub fn resolve(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
                let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
                !no_color && !dumb && std::io::stdout().is_terminal()
            }
        }
    }
}

/// The order of the reader's entity list (`sort` here; `s` in the reader cycles it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    /// Most mentions first.
    Mentions,
    /// By name.
    Name,
    /// By first mention in the corpus.
    FirstAppearance,
}

impl Sort {
    /// The order after this one.
    #[must_use]
    pub fn next(self) -> Sort {
        match self {
            Sort::Mentions => Sort::Name,
            Sort::Name => Sort::FirstAppearance,
            Sort::FirstAppearance => Sort::Mentions,
        }
    }

    /// How the order is named on screen.
    pub fn label(self) -> &'static str {
        match self {
            Sort::Mentions => "by mentions",
            Sort::Name => "by name",
            Sort::FirstAppearance => "by first appearance",
        }
    }
}

/// The configuration: every field is `None` when the file does not set it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// The colour mode when `--color` is not given.
    pub color: Option<ColorChoice>,
    /// The entity list's order at start.
    pub sort: Option<Sort>,
    /// Colours of person, organization, place, misc highlights.
    pub colors: KindColors,
}

/// A colour for each kind, where set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KindColors {
    /// People.
    pub person: Option<Color>,
    /// Organizations.
    pub organization: Option<Color>,
    /// Places.
    pub place: Option<Color>,
    /// Everything else.
    pub misc: Option<Color>,
}

impl KindColors {
    /// The colour set for `kind`.
    pub fn get(&self, kind: Kind) -> Option<Color> {
        match kind {
            Kind::Person => self.person,
            Kind::Organization => self.organization,
            Kind::Place => self.place,
            Kind::Misc => self.misc,
        }
    }
}

/// A configuration file that cannot be used: the file, line and column, the value, and the
/// valid choices.
pub type ConfigError = crate::error::LocatedError;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    color: Option<Spanned<String>>,
    sort: Option<Spanned<String>>,
    colors: Option<RawColors>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawColors {
    person: Option<Spanned<String>>,
    organization: Option<Spanned<String>>,
    place: Option<Spanned<String>>,
    misc: Option<Spanned<String>>,
}

/// Reads `config.toml` from the configuration directory; no directory or no file gives the
/// defaults.
pub fn load() -> Result<Config, ConfigError> {
    match crate::paths::config_file() {
        Some(path) => load_file(&path),
        None => Ok(Config::default()),
    }
}

/// Reads a configuration file; a missing file gives the defaults.
pub fn load_file(path: &Path) -> Result<Config, ConfigError> {
    let label = crate::paths::display_path(path);
    match crate::regular::read(path, crate::regular::MAX_DATA_BYTES) {
        Ok(bytes) => parse(&label, &bytes),
        Err(error) if error.is_missing() => Ok(Config::default()),
        Err(error) => Err(ConfigError {
            file: label,
            line: 0,
            column: 0,
            entry: None,
            problem: format!("cannot read the configuration: {error}"),
            fix: "check its permissions, or remove it".to_owned(),
        }),
    }
}

/// Parses the text of a configuration file named `label`.
pub fn parse(label: &str, bytes: &[u8]) -> Result<Config, ConfigError> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let fail = |at: usize, problem: String, fix: &str| {
        let (line, column) = line_column(body, at);
        ConfigError {
            file: label.to_owned(),
            line,
            column,
            entry: None,
            problem,
            fix: fix.to_owned(),
        }
    };
    let text = std::str::from_utf8(body).map_err(|error| {
        fail(
            error.valid_up_to(),
            "invalid UTF-8".to_owned(),
            "save the file as UTF-8",
        )
    })?;
    let raw: RawConfig = toml::from_str(text).map_err(|error| {
        let at = error.span().map_or(0, |span| span.start);
        let message = error.message().trim().replace('\n', " ");
        fail(
            at,
            crate::text::clean_message(&message),
            "valid keys are color, sort and [colors] person, organization, place, misc",
        )
    })?;
    let choice = |value: &Spanned<String>, choices: &[&str], what: &str| {
        let found = choices
            .iter()
            .position(|c| c.eq_ignore_ascii_case(value.get_ref().trim()));
        found.ok_or_else(|| {
            fail(
                value.span().start,
                format!("invalid {what} {}", crate::text::quoted(value.get_ref())),
                &format!("use one of: {}", choices.join(", ")),
            )
        })
    };
    let color = match &raw.color {
        Some(value) => Some(
            [ColorChoice::Auto, ColorChoice::Always, ColorChoice::Never]
                [choice(value, &["auto", "always", "never"], "color mode")?],
        ),
        None => None,
    };
    let sort = match &raw.sort {
        Some(value) => Some(
            [Sort::Mentions, Sort::Name, Sort::FirstAppearance]
                [choice(value, &["mentions", "name", "first"], "sort")?],
        ),
        None => None,
    };
    let kind_color =
        |value: &Option<Spanned<String>>, kind: &str| -> Result<Option<Color>, ConfigError> {
            let Some(value) = value else {
                return Ok(None);
            };
            Color::parse(value.get_ref()).map(Some).ok_or_else(|| {
                fail(
                    value.span().start,
                    format!(
                        "invalid colour {} for {kind}",
                        crate::text::quoted(value.get_ref())
                    ),
                    &format!("use #rrggbb or one of: {}", COLOR_NAMES.join(", ")),
                )
            })
        };
    let colors = match &raw.colors {
        Some(raw) => KindColors {
            person: kind_color(&raw.person, "person")?,
            organization: kind_color(&raw.organization, "organization")?,
            place: kind_color(&raw.place, "place")?,
            misc: kind_color(&raw.misc, "misc")?,
        },
        None => KindColors::default(),
    };
    Ok(Config {
        color,
        sort,
        colors,
    })
}

/// 1-based line and column (in characters) of byte `at`.
fn line_column(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = &bytes[..at.min(bytes.len())];
    let line = before.split(|&b| b == b'\n').count();
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let column = 1 + String::from_utf8_lossy(&before[start..]).chars().count();
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_key() {
        let config = parse(
            "config.toml",
            b"color = \"never\"\nsort = \"name\"\n\n[colors]\nperson = \"Light Red\"\nplace = \"#00ff7F\"\nmisc = \"grey\"\n",
        )
        .unwrap();
        assert_eq!(config.color, Some(ColorChoice::Never));
        assert_eq!(config.sort, Some(Sort::Name));
        assert_eq!(config.colors.get(Kind::Person), Some(Color::Named(9)));
        assert_eq!(config.colors.place, Some(Color::Rgb(0, 255, 127)));
        assert_eq!(
            config.colors.misc.map(|c| c.to_string()).as_deref(),
            Some("gray")
        );
        assert_eq!(config.colors.organization, None);
        assert_eq!(parse("c", b"").unwrap(), Config::default());
    }

    #[test]
    fn errors_name_line_value_and_choices() {
        let table: &[(&str, &str)] = &[
            (
                "sort = \"mentions\"\ncolor = \"sometimes\"\n",
                "c.toml: line 2 column 9: invalid color mode \"sometimes\"; use one of: auto, always, never",
            ),
            (
                "sort = \"size\"",
                "line 1 column 8: invalid sort \"size\"; use one of: mentions, name, first",
            ),
            (
                "[colors]\nplace = \"#12345\"\n",
                "line 2 column 9: invalid colour \"#12345\" for place; use #rrggbb or one of: black, red,",
            ),
            (
                "colour = \"red\"\n",
                "line 1 column 1: unknown field `colour`, expected one of `color`, `sort`, `colors`",
            ),
            (
                "[colors]\nperson = \"red\"\nevent = \"blue\"\n",
                "line 3 column 1: unknown field `event`",
            ),
            (
                "sort = 3\n",
                "line 1 column 8: invalid type: integer `3`, expected a string",
            ),
            ("sort = \"name\nx", "c.toml: line 2 column"),
        ];
        let long = "x".repeat(1 << 20);
        let cut = format!("{}\u{2026}", "x".repeat(crate::text::QUOTED_CHARS));
        let long_value = format!("sort = \"{long}\"\n");
        let long_key = format!("{long} = 1\n");
        let long_colour = format!("[colors]\nplace = \"{long}\"\n");
        let cut_value = format!("invalid sort \"{cut}\" (1048576 bytes)");
        let cut_key = format!("unknown field `{cut}` (1048576 bytes)");
        let cut_colour = format!("invalid colour \"{cut}\" (1048576 bytes) for place");
        let long_table = [
            (long_value.as_str(), cut_value.as_str()),
            (&long_key, &cut_key),
            (&long_colour, &cut_colour),
        ];
        for (text, expected) in table.iter().copied().chain(long_table) {
            let message = parse("c.toml", text.as_bytes()).unwrap_err().to_string();
            assert!(message.len() < 1000, "{} bytes", message.len());
            assert!(
                message.contains(expected),
                "{text}\n  gave: {message}\n  want: {expected}"
            );
        }
    }
}
