//! Article formats other than plain text: saved web pages and Markdown.
//!
//! A reader here turns a file's bytes into the article's text, one paragraph or heading per
//! line with a blank line between, plus the metadata the file carries (title, outlet, author,
//! date, url). The text then goes through [`crate::text::clean`] like any plain-text article.
//! Offsets into such a file cannot point into its markup, so mentions carry offsets into the
//! extracted text instead, and say so ([`Offsets::Extracted`]).

pub mod charset;
pub mod html;
pub mod markdown;

use serde::Deserialize;
use std::path::Path;

/// Facts about an article, from `sources.json` or from the file's own markup.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metadata {
    /// The outlet that published it.
    pub outlet: Option<String>,
    /// Its headline.
    pub title: Option<String>,
    /// Who wrote it.
    pub author: Option<String>,
    /// When, as `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Where it was published.
    pub url: Option<String>,
}

/// How an article file is read, chosen by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text (`.txt` and anything without a better reader).
    Text,
    /// A saved web page (`.html`, `.htm`).
    Html,
    /// Markdown (`.md`, `.markdown`).
    Markdown,
}

impl Format {
    /// The format of a file, by the extension of its name (letter case ignored).
    pub fn of_path(path: &Path) -> Format {
        let extension = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        match extension.as_deref() {
            Some("html" | "htm" | "xhtml") => Format::Html,
            Some("md" | "markdown") => Format::Markdown,
            _ => Format::Text,
        }
    }

    /// The format of a file named as shown to the user (`-` is plain text).
    pub fn of_name(name: &str) -> Format {
        if name == "-" {
            Format::Text
        } else {
            Format::of_path(Path::new(name))
        }
    }

    /// The extension a document in this format is kept under, so that it reads the same.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Html => "html",
            Format::Markdown => "md",
        }
    }

    /// The format of a document fetched from `url`, by its `Content-Type`: plain text and
    /// Markdown as such (plain text at an address ending in `.md` or `.markdown` is Markdown,
    /// as code hosts serve it), anything else as a web page.
    pub fn of_content_type(content_type: Option<&str>, url: &str) -> Format {
        let media = content_type
            .and_then(|t| t.split(';').next())
            .map(|t| t.trim().to_ascii_lowercase());
        let path = url.split(['?', '#']).next().unwrap_or(url);
        match media.as_deref() {
            Some("text/markdown" | "text/x-markdown") => Format::Markdown,
            Some("text/plain") if Format::of_name(path) == Format::Markdown => Format::Markdown,
            Some("text/plain") => Format::Text,
            _ => Format::Html,
        }
    }

    /// What mention offsets in such a file point into.
    pub fn offsets(self) -> Offsets {
        match self {
            Format::Text => Offsets::File,
            Format::Html | Format::Markdown => Offsets::Extracted,
        }
    }
}

/// What the byte offsets of a mention count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Offsets {
    /// Bytes of the file as read from disk (plain text).
    #[default]
    File,
    /// Bytes of the text extracted from the file (web pages, Markdown), since offsets cannot
    /// point into the markup.
    Extracted,
}

impl Offsets {
    /// The value of the `offsets` field in `annotate` output: `file` or `extracted`.
    pub fn as_str(self) -> &'static str {
        match self {
            Offsets::File => "file",
            Offsets::Extracted => "extracted",
        }
    }
}

/// The text and metadata read from a file in a markup format.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extracted {
    /// Paragraphs and headings, one per line, separated by blank lines.
    pub text: String,
    /// What the file says about itself; `sources.json` still wins where it gives a field.
    pub metadata: Metadata,
    /// A problem reading it that lost no text (a wrong character set declaration).
    pub warning: Option<String>,
}

/// Reads `bytes` in `format`; `None` for plain text, which needs no extraction.
pub fn extract(format: Format, bytes: &[u8]) -> Option<Extracted> {
    match format {
        Format::Text => None,
        Format::Html => Some(html_page(bytes, None)),
        Format::Markdown => {
            let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            let mut extracted = markdown::extract(&String::from_utf8_lossy(body));
            let invalid = crate::text::invalid_utf8_sequences(body);
            extracted.warning = crate::text::invalid_utf8_warning(invalid);
            Some(extracted)
        }
    }
}

/// Reads a web page's bytes in its character set; `header` is the one its HTTP header gave.
pub fn html_page(bytes: &[u8], header: Option<&str>) -> Extracted {
    let decoded = charset::decode(bytes, header);
    let mut extracted = html::extract(&decoded.text);
    extracted.warning = decoded.warning;
    extracted
}

/// Collects paragraphs: whitespace collapsed, empty ones dropped, a blank line between.
#[derive(Debug, Default)]
struct Paragraphs {
    text: String,
    current: String,
}

impl Paragraphs {
    /// Adds inline text; runs of whitespace become one space.
    fn push_text(&mut self, text: &str) {
        for (i, word) in text.split(char::is_whitespace).enumerate() {
            if i > 0 && !self.current.ends_with([' ', '\n']) && !self.current.is_empty() {
                self.current.push(' ');
            }
            self.current.push_str(word);
        }
    }

    /// Adds text as it is (code, preformatted text): only line breaks are kept.
    fn push_verbatim(&mut self, text: &str) {
        self.current.push_str(text);
    }

    /// A line break inside the paragraph.
    fn line_break(&mut self) {
        let trimmed = self.current.trim_end_matches(' ').len();
        self.current.truncate(trimmed);
        if !self.current.is_empty() && !self.current.ends_with('\n') {
            self.current.push('\n');
        }
    }

    /// Ends the current paragraph, if it has any text.
    fn end(&mut self) {
        let lines: Vec<&str> = self
            .current
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .collect();
        if !lines.is_empty() {
            if !self.text.is_empty() {
                self.text.push_str("\n\n");
            }
            self.text.push_str(&lines.join("\n"));
        }
        self.current.clear();
    }

    fn finish(mut self) -> String {
        self.end();
        if !self.text.is_empty() {
            self.text.push('\n');
        }
        self.text
    }
}

/// A metadata value: one line, sanitized, `None` when empty.
fn meta_value(value: &str) -> Option<String> {
    let value = crate::text::clean_inline(&value.split_whitespace().collect::<Vec<_>>().join(" "));
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

/// A date as `YYYY-MM-DD` when the value starts with one (ISO 8601 timestamps do).
fn date_value(value: &str) -> Option<String> {
    let head = value.trim().get(..10)?;
    is_date(head).then(|| head.to_owned())
}

/// Whether `value` is a day of the calendar written `YYYY-MM-DD` (`2025-13-99` is not).
pub fn is_date(value: &str) -> bool {
    let bytes = value.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return false;
    }
    let number = |range: std::ops::Range<usize>| {
        let digits = &bytes[range];
        digits
            .iter()
            .all(u8::is_ascii_digit)
            .then(|| digits.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
    };
    let (Some(year), Some(month), Some(day)) = (number(0..4), number(5..7), number(8..10)) else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return false,
    };
    (1..=days).contains(&day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_extension() {
        let table = [
            ("a.html", Format::Html),
            ("dir/A.HTM", Format::Html),
            ("notes.md", Format::Markdown),
            ("a.txt", Format::Text),
            ("README", Format::Text),
            ("-", Format::Text),
        ];
        for (name, format) in table {
            assert_eq!(Format::of_name(name), format, "{name}");
        }
        assert_eq!(Format::Html.offsets().as_str(), "extracted");
        let served = [
            (
                Some("text/plain; charset=utf-8"),
                "http://h/a",
                Format::Text,
            ),
            (
                Some("text/plain"),
                "http://h/README.md?raw=1",
                Format::Markdown,
            ),
            (Some("Text/Markdown"), "http://h/a", Format::Markdown),
            (Some("text/html"), "http://h/a.txt", Format::Html),
            (None, "http://h/a", Format::Html),
        ];
        for (content_type, url, format) in served {
            assert_eq!(Format::of_content_type(content_type, url), format, "{url}");
        }
        assert_eq!(Format::Text.offsets().as_str(), "file");
    }

    #[test]
    fn paragraphs_collapse_whitespace() {
        let mut p = Paragraphs::default();
        p.push_text("  one\n  two ");
        p.push_text("three");
        p.end();
        p.end();
        p.push_text("four");
        p.line_break();
        p.push_text(" five ");
        assert_eq!(p.finish(), "one two three\n\nfour\nfive\n");
    }

    #[test]
    fn invalid_utf8_in_markdown_is_a_warning_like_in_text() {
        let extracted = extract(Format::Markdown, b"# Gaza\n\nGa\xffza and \xe2\x82 here").unwrap();
        assert_eq!(
            extracted.warning.as_deref(),
            Some("2 invalid UTF-8 sequences shown as \u{FFFD}")
        );
        assert!(
            extracted.text.contains("Ga\u{FFFD}za"),
            "{}",
            extracted.text
        );
        let clean = extract(Format::Markdown, "# Gaza\n\nQuébec".as_bytes()).unwrap();
        assert_eq!(clean.warning, None);
    }

    #[test]
    fn dates_keep_the_day() {
        assert_eq!(
            date_value("2025-03-05T14:02:00Z").as_deref(),
            Some("2025-03-05")
        );
        assert_eq!(date_value("March 5, 2025"), None);
        assert_eq!(date_value("2025-3-5"), None);
        for bad in [
            "2025-13-99",
            "2025-00-10",
            "2025-02-29",
            "2025-04-31",
            "2025-01-00",
        ] {
            assert!(!is_date(bad), "{bad}");
        }
        for good in ["2024-02-29", "2000-02-29", "2025-12-31", "2025-01-01"] {
            assert!(is_date(good), "{good}");
        }
        assert_eq!(date_value("2025-13-99T00:00:00Z"), None);
    }
}
