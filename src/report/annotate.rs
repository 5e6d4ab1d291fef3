//! `gazette annotate`: every mention, one per line, by file then offset, with offsets, line
//! and column in the file as read.

use super::AnnotateFormat;
use super::format::{tsv_field, write_json_line};
use crate::corpus::{self, Input, Problem};
use crate::gazetteer::Gazetteer;
use crate::matcher::{Matcher, Mention};
use crate::text::Encoding;
use serde::Serialize;
use std::borrow::Cow;
use std::io::{self, Write};

/// Articles longer than this are matched while they are written, a stretch of lines of
/// about this size at a time, so that their mentions are never all held at once (a file of
/// names on every line has one every few bytes).
const STREAM_BYTES: usize = 4 << 20;

/// `gazette annotate`: every mention, by file then offset. Returns the inputs' problems.
pub fn annotate<W: Write>(
    out: &mut W,
    inputs: &[Input],
    gazetteer: &Gazetteer,
    matcher: &Matcher,
    format: AnnotateFormat,
) -> io::Result<Vec<Problem>> {
    if format == AnnotateFormat::Tsv {
        writeln!(
            out,
            "file\tarticle\tstart\tend\tline\tcolumn\ttext\tentity\tname\tkind\toffsets"
        )?;
    }
    let writer = Writer {
        gazetteer,
        matcher,
        format,
    };
    corpus::for_each_file(
        inputs,
        corpus::Bytes::Keep,
        |article| (article.text.len() <= STREAM_BYTES).then(|| matcher.find(&article.text)),
        |file, found| writer.file(out, file, found),
    )
}

/// One line of `annotate --format jsonl`.
#[derive(Serialize)]
struct MentionRecord<'a> {
    file: &'a str,
    article: usize,
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    text: Cow<'a, str>,
    entity: &'a str,
    name: &'a str,
    kind: &'static str,
    /// `file`: offsets count the file's bytes; `extracted`: the text taken from markup.
    offsets: &'static str,
}

/// What the mentions are written with.
struct Writer<'a> {
    gazetteer: &'a Gazetteer,
    matcher: &'a Matcher,
    format: AnnotateFormat,
}

/// Where the mentions of one file are, to locate their lines and columns in order.
struct Place<'f> {
    file: &'f corpus::LoadedFile,
    /// Lines counted in the file's bytes.
    lines: LineIndex<'f>,
    /// Lines counted in the article's text, for a file in plain ASCII, which keeps no bytes
    /// beside it (an article starts a line).
    own_lines: Option<LineIndex<'f>>,
}

impl Writer<'_> {
    /// The mentions of every article of `file`: `found` where they were found already, else
    /// found a stretch of lines at a time.
    fn file<W: Write>(
        &self,
        out: &mut W,
        file: &corpus::LoadedFile,
        found: &[Option<Vec<Mention>>],
    ) -> io::Result<()> {
        let mut place = Place {
            file,
            lines: LineIndex::new(&file.bytes, file.encoding),
            own_lines: None,
        };
        for (article, found) in file.articles.iter().zip(found) {
            place.own_lines = file
                .bytes
                .is_empty()
                .then(|| LineIndex::new(article.text.as_bytes(), Encoding::Utf8));
            if let Some(mentions) = found {
                self.mentions(out, &mut place, article, mentions)?;
                continue;
            }
            for (_, mentions) in self.matcher.find_by_stretch(&article.text, STREAM_BYTES) {
                self.mentions(out, &mut place, article, &mentions)?;
            }
        }
        Ok(())
    }

    /// Writes `mentions` of `article`, in order.
    fn mentions<W: Write>(
        &self,
        out: &mut W,
        place: &mut Place<'_>,
        article: &corpus::Article,
        mentions: &[Mention],
    ) -> io::Result<()> {
        let file = place.file;
        for mention in mentions {
            let source = article.map.source_range(mention.range());
            let (line, column) = match &mut place.own_lines {
                Some(own) => {
                    let (line, column) = own.locate(mention.start as usize);
                    (article.first_line + line - 1, column)
                }
                None => place.lines.locate(source.start),
            };
            let original = file.bytes.get(source.clone()).map(std::str::from_utf8);
            let text = match original {
                Some(Ok(original)) => Cow::Borrowed(original),
                _ => Cow::Borrowed(&article.text[mention.range()]),
            };
            let entity = self.gazetteer.entity(mention.entity);
            let record = MentionRecord {
                file: &article.file,
                article: article.index,
                start: source.start,
                end: source.end,
                line,
                column,
                text,
                entity: &entity.id,
                name: &entity.name,
                kind: entity.kind.as_str(),
                offsets: file.offsets.as_str(),
            };
            match self.format {
                AnnotateFormat::Jsonl => write_json_line(out, &record)?,
                AnnotateFormat::Tsv => write_tsv_mention(out, &record)?,
            }
        }
        Ok(())
    }
}

fn write_tsv_mention<W: Write>(out: &mut W, r: &MentionRecord<'_>) -> io::Result<()> {
    writeln!(
        out,
        "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
        tsv_field(r.file),
        r.article,
        r.start,
        r.end,
        r.line,
        r.column,
        tsv_field(&r.text),
        tsv_field(r.entity),
        tsv_field(r.name),
        r.kind,
        r.offsets
    )
}

/// Line and column numbers of byte offsets in a file as read.
///
/// Offsets asked in order (the mentions of a file) are counted on from the previous one, so
/// the file costs its length once, whatever the number of mentions, and no table of lines is
/// kept. An offset before the previous one is counted from the start again.
struct LineIndex<'a> {
    bytes: &'a [u8],
    encoding: Encoding,
    /// The last offset located: `(offset, line, characters before it on its line)`.
    last: Option<(usize, usize, usize)>,
    /// Bytes read to count characters, over every call (work the tests compare).
    scanned: usize,
}

impl<'a> LineIndex<'a> {
    fn new(bytes: &'a [u8], encoding: Encoding) -> Self {
        LineIndex {
            bytes,
            encoding,
            last: None,
            scanned: 0,
        }
    }

    /// 1-based line, and 1-based column in characters, of byte `offset`.
    fn locate(&mut self, offset: usize) -> (usize, usize) {
        let (mut at, mut line, mut characters) = match self.last {
            Some(last) if last.0 <= offset => last,
            _ => (self.text_start(offset), 1, 0),
        };
        let unit = if self.encoding == Encoding::Utf8 {
            1
        } else {
            2
        };
        self.scanned += offset - at;
        while at + unit <= offset {
            let here = code_unit(self.bytes, self.encoding, at);
            let lone_cr = here == 0x0D
                && (at + 2 * unit > self.bytes.len()
                    || code_unit(self.bytes, self.encoding, at + unit) != 0x0A);
            if here == 0x0A || lone_cr {
                line += 1;
                characters = 0;
            } else if self.starts_character(here) {
                characters += 1;
            }
            at += unit;
        }
        self.last = Some((offset, line, characters));
        (line, characters + 1)
    }

    /// Where the first line starts, after a byte order mark (but never after `offset`).
    fn text_start(&self, offset: usize) -> usize {
        match self.encoding {
            Encoding::Utf8 if self.bytes.starts_with(b"\xEF\xBB\xBF") => 3.min(offset),
            Encoding::Utf8 => 0,
            Encoding::Utf16Le | Encoding::Utf16Be => 2.min(offset),
        }
    }

    /// Whether a code unit begins a character: not a UTF-8 continuation byte, nor the low
    /// half of a UTF-16 surrogate pair.
    fn starts_character(&self, unit: u16) -> bool {
        match self.encoding {
            Encoding::Utf8 => unit & 0xC0 != 0x80,
            Encoding::Utf16Le | Encoding::Utf16Be => !(0xDC00..0xE000).contains(&unit),
        }
    }
}

/// The code unit at byte `at`: a byte of UTF-8, or a 16-bit unit of UTF-16.
fn code_unit(bytes: &[u8], encoding: Encoding, at: usize) -> u16 {
    match encoding {
        Encoding::Utf8 => u16::from(bytes[at]),
        Encoding::Utf16Le => u16::from_le_bytes([bytes[at], bytes[at + 1]]),
        Encoding::Utf16Be => u16::from_be_bytes([bytes[at], bytes[at + 1]]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An article longer than [`STREAM_BYTES`] is matched a stretch of lines at a time while
    /// it is written: the same mentions, lines and columns as found whole.
    #[test]
    fn a_long_article_is_written_a_stretch_at_a_time_the_same() {
        let (_, _, gazetteer) = crate::testing::indexed(
            r#"{"entities": [{"name": "Hamas", "kind": "organization"}]}"#,
            &[],
        );
        let matcher = Matcher::new(&gazetteer).unwrap();
        let line = format!("{} Hamas\n", "x".repeat(120));
        let text = line.repeat(STREAM_BYTES / line.len() + 2_000);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("long.txt");
        std::fs::write(&path, &text).unwrap();
        let (inputs, _) = corpus::list_inputs(&[path]);
        let mut out = Vec::new();
        annotate(&mut out, &inputs, &gazetteer, &matcher, AnnotateFormat::Tsv).unwrap();
        let rows: Vec<Vec<String>> = String::from_utf8(out)
            .unwrap()
            .lines()
            .skip(1)
            .map(|row| row.split('\t').map(str::to_owned).collect())
            .collect();
        let whole = matcher.find(&text);
        assert_eq!(rows.len(), whole.len());
        for (at, (row, mention)) in rows.iter().zip(&whole).enumerate() {
            assert_eq!(row[2], mention.start.to_string(), "mention {at}");
            assert_eq!(
                (row[4].as_str(), row[5].as_str()),
                (&*(at + 1).to_string(), "122")
            );
        }
    }

    #[test]
    fn line_and_column_count_characters_from_one() {
        let bytes = "\u{feff}ab\r\nJosé x\rlone".as_bytes();
        let mut index = LineIndex::new(bytes, Encoding::Utf8);
        assert_eq!(index.locate(3), (1, 1));
        assert_eq!(index.locate(7), (2, 1));
        let x = bytes.iter().position(|&b| b == b'x').unwrap();
        assert_eq!(index.locate(x), (2, 6));
        let lone = bytes.len() - 4;
        assert_eq!(index.locate(lone), (3, 1));
    }

    #[test]
    fn locating_offsets_in_order_reads_a_long_line_once() {
        let line = "Gaza é ".repeat(100_000);
        let bytes = line.as_bytes();
        let offsets: Vec<usize> = line.match_indices("Gaza").map(|(at, _)| at).collect();
        let mut index = LineIndex::new(bytes, Encoding::Utf8);
        for (number, &offset) in offsets.iter().enumerate() {
            assert_eq!(index.locate(offset), (1, 1 + 7 * number));
        }
        assert!(index.scanned <= bytes.len(), "{} bytes read", index.scanned);
        // Out of order, each offset is still right (counted again from the line start).
        assert_eq!(index.locate(offsets[1]), (1, 8));
    }

    #[test]
    fn columns_in_utf16_count_surrogate_pairs_once() {
        let text = "a\u{1F600}b\nc";
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let mut index = LineIndex::new(&bytes, Encoding::Utf16Le);
        let b = 2 + 2 * 3;
        assert_eq!(index.locate(b), (1, 3));
        assert_eq!(index.locate(b + 4), (2, 1));
    }
}
