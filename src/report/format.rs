//! What every output shares: escaping for TSV and JSON, cutting text to a width, the
//! per-article columns and records, and the choice between the three table formats.

use super::TableFormat;
use crate::corpus::Article;
use crate::text::is_unsafe_char;
use serde::Serialize;
use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

/// An output printed in each of the [`TableFormat`]s.
pub(super) trait Tables {
    /// An aligned table for reading.
    fn table<W: Write>(&self, out: &mut W) -> io::Result<()>;
    /// One JSON document.
    fn json<W: Write>(&self, out: &mut W) -> io::Result<()>;
    /// Tab-separated values with a header line.
    fn tsv<W: Write>(&self, out: &mut W) -> io::Result<()>;

    /// Prints the output in `format`.
    fn write<W: Write>(&self, out: &mut W, format: TableFormat) -> io::Result<()> {
        match format {
            TableFormat::Table => self.table(out),
            TableFormat::Json => self.json(out),
            TableFormat::Tsv => self.tsv(out),
        }
    }
}

/// Escapes a TSV field: backslash, tab, line breaks and unsafe characters.
pub fn tsv_field(value: &str) -> Cow<'_, str> {
    if !value.chars().any(|c| c == '\\' || is_unsafe_char(c)) {
        return Cow::Borrowed(value);
    }
    let mut escaped = String::with_capacity(value.len() + 8);
    for c in value.chars() {
        match c {
            '\\' => escaped.push_str("\\\\"),
            '\t' => escaped.push_str("\\t"),
            '\n' => escaped.push_str("\\n"),
            '\r' => escaped.push_str("\\r"),
            c if is_unsafe_char(c) => {
                write!(escaped, "\\u{{{:04X}}}", u32::from(c)).expect("writing to a String");
            }
            c => escaped.push(c),
        }
    }
    Cow::Owned(escaped)
}

/// Writes compact JSON with controls, BiDi and invisible characters escaped.
pub fn write_json<W: Write, T: Serialize>(out: &mut W, value: &T) -> io::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(out, SafeFormatter);
    value.serialize(&mut serializer).map_err(io::Error::from)
}

/// [`write_json`] followed by a line break: one JSON document per line.
pub(super) fn write_json_line<W: Write, T: Serialize>(out: &mut W, value: &T) -> io::Result<()> {
    write_json(out, value)?;
    out.write_all(b"\n")
}

/// serde_json's compact output, but escaping what a terminal could act on.
struct SafeFormatter;

impl serde_json::ser::Formatter for SafeFormatter {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (at, c) in fragment.char_indices() {
            if is_unsafe_char(c) {
                writer.write_all(&fragment.as_bytes()[start..at])?;
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    write!(writer, "\\u{unit:04x}")?;
                }
                start = at + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }
}

/// Cuts `text` to at most `width` columns, ending with `…` when cut.
pub fn truncate(text: &str, width: usize) -> Cow<'_, str> {
    if text.width() <= width {
        return Cow::Borrowed(text);
    }
    let mut cut = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        cut.push(c);
        used += w;
    }
    cut.push('…');
    Cow::Owned(cut)
}

/// Keeps the last `width` columns of `text`, starting with `…` when cut.
pub fn truncate_left(text: &str, width: usize) -> Cow<'_, str> {
    if text.width() <= width {
        return Cow::Borrowed(text);
    }
    let mut kept: Vec<char> = Vec::new();
    let mut used = 1;
    for c in text.chars().rev() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width {
            break;
        }
        kept.push(c);
        used += w;
    }
    kept.push('…');
    Cow::Owned(kept.into_iter().rev().collect())
}

/// TSV header cells for one column per article: `\tFILE#INDEX`.
pub(super) fn article_columns(articles: &[Article]) -> String {
    let mut columns = String::new();
    for article in articles {
        write!(columns, "\t{}#{}", tsv_field(&article.file), article.index)
            .expect("writing to a String");
    }
    columns
}

/// An article in the JSON documents.
#[derive(Serialize)]
pub(super) struct ArticleRecord<'a> {
    file: &'a str,
    index: usize,
    title: &'a str,
    label: String,
    outlet: Option<&'a str>,
    author: Option<&'a str>,
    date: Option<&'a str>,
}

impl<'a> ArticleRecord<'a> {
    /// Every article's record, each with its label ([`crate::corpus::labels`]).
    pub(super) fn all(articles: &'a [Article]) -> Vec<Self> {
        let labels = crate::corpus::labels(articles);
        articles
            .iter()
            .zip(labels)
            .map(|(article, label)| ArticleRecord::of(article, label))
            .collect()
    }

    fn of(article: &'a Article, label: String) -> Self {
        ArticleRecord {
            file: &article.file,
            index: article.index,
            title: &article.title,
            label,
            outlet: article.metadata.outlet.as_deref(),
            author: article.metadata.author.as_deref(),
            date: article.metadata.date.as_deref(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_escapes_what_a_terminal_obeys() {
        let mut out = Vec::new();
        write_json(&mut out, &"a\x1b[31m\u{9B}\u{202E}\u{E0041}b").unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r#""a\u001b[31m\u009b\u202e\udb40\udc41b""#
        );
    }

    #[test]
    fn tsv_fields_stay_in_their_cell() {
        assert_eq!(tsv_field("a\tb\nc\\d\u{1b}"), "a\\tb\\nc\\\\d\\u{001B}");
        assert_eq!(tsv_field("plain"), "plain");
    }

    #[test]
    fn truncation_respects_width() {
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("a longer title", 8), "a longe…");
        assert_eq!(truncate("日本語のタイトル", 7), "日本語…");
    }
}
