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
    corpus::for_each_file(
        inputs,
        |article| matcher.find(&article.text),
        |file, found| write_file_mentions(out, file, found, gazetteer, format),
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

fn write_file_mentions<W: Write>(
    out: &mut W,
    file: &corpus::LoadedFile,
    found: &[Vec<Mention>],
    gazetteer: &Gazetteer,
    format: AnnotateFormat,
) -> io::Result<()> {
    let lines = LineIndex::new(&file.bytes, file.encoding);
    for (article, mentions) in file.articles.iter().zip(found) {
        for mention in mentions {
            let source = article.map.source_range(mention.range());
            let (line, column) = lines.locate(source.start);
            let text = match std::str::from_utf8(&file.bytes[source.clone()]) {
                Ok(original) => Cow::Borrowed(original),
                Err(_) => Cow::Borrowed(&article.text[mention.range()]),
            };
            let entity = gazetteer.entity(mention.entity);
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
            match format {
                AnnotateFormat::Jsonl => {
                    write_json_line(out, &record)?;
                }
                AnnotateFormat::Tsv => write_tsv_mention(out, &record)?,
            }
        }
    }
    Ok(())
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
struct LineIndex<'a> {
    bytes: &'a [u8],
    encoding: Encoding,
    /// Byte offset where each line starts.
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    fn new(bytes: &'a [u8], encoding: Encoding) -> Self {
        let unit = if encoding == Encoding::Utf8 { 1 } else { 2 };
        let code = |at: usize| -> u16 {
            match encoding {
                Encoding::Utf8 => u16::from(bytes[at]),
                Encoding::Utf16Le => u16::from_le_bytes([bytes[at], bytes[at + 1]]),
                Encoding::Utf16Be => u16::from_be_bytes([bytes[at], bytes[at + 1]]),
            }
        };
        let mut starts = vec![0];
        let mut at = 0;
        while at + unit <= bytes.len() {
            let here = code(at);
            let lone_cr = here == 0x0D && (at + 2 * unit > bytes.len() || code(at + unit) != 0x0A);
            if here == 0x0A || lone_cr {
                starts.push(at + unit);
            }
            at += unit;
        }
        LineIndex {
            bytes,
            encoding,
            starts,
        }
    }

    /// 1-based line, and 1-based column in characters, of byte `offset`.
    fn locate(&self, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&start| start <= offset);
        let mut line_start = self.starts[line - 1];
        let bom = if self.encoding == Encoding::Utf8 {
            3
        } else {
            2
        };
        if line_start == 0
            && (self.bytes.starts_with(b"\xEF\xBB\xBF") || self.encoding != Encoding::Utf8)
        {
            line_start = bom.min(offset);
        }
        let prefix = &self.bytes[line_start..offset];
        let characters = match self.encoding {
            Encoding::Utf8 => prefix.iter().filter(|&&b| (b & 0xC0) != 0x80).count(),
            _ => prefix
                .chunks_exact(2)
                .filter(|pair| {
                    let unit = if self.encoding == Encoding::Utf16Le {
                        u16::from_le_bytes([pair[0], pair[1]])
                    } else {
                        u16::from_be_bytes([pair[0], pair[1]])
                    };
                    !(0xDC00..0xE000).contains(&unit)
                })
                .count(),
        };
        (line, characters + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters_from_one() {
        let bytes = "\u{feff}ab\r\nJosé x\rlone".as_bytes();
        let index = LineIndex::new(bytes, Encoding::Utf8);
        assert_eq!(index.locate(3), (1, 1));
        assert_eq!(index.locate(7), (2, 1));
        let x = bytes.iter().position(|&b| b == b'x').unwrap();
        assert_eq!(index.locate(x), (2, 6));
        let lone = bytes.len() - 4;
        assert_eq!(index.locate(lone), (3, 1));
    }
}
