//! `gazette quotes`: one record per quotation piece, as JSON lines, TSV or a table.
//!
//! Offsets count like `annotate`'s: bytes of the file as read (or of the text extracted from
//! a web page or Markdown file, as the `offsets` field says).

use crate::corpus::{self, Article, Input, Problem};
use crate::gazetteer::Gazetteer;
use crate::matcher::Matcher;
use crate::report::RecordFormat;
use crate::report::{SpanRecord, truncate, tsv_field, write_json};
use serde::Serialize;
use std::io::{self, Write};

/// Columns of the table's quotation text.
const TABLE_TEXT_WIDTH: usize = 70;

/// Columns of the table's source (file and article).
const TABLE_SOURCE_WIDTH: usize = 34;

/// Columns of the table's speaker.
const TABLE_SPEAKER_WIDTH: usize = 24;

/// One record of `quotes`.
#[derive(Debug, Serialize)]
pub struct QuoteRecord<'a> {
    /// Where the quoted words are, and the words.
    #[serde(flatten)]
    pub span: SpanRecord<'a>,
    /// The speaker's entity id, or null when unnamed or unknown.
    pub speaker: Option<&'a str>,
    /// The words naming the speaker.
    pub speaker_text: Option<&'a str>,
    /// The attribution's words.
    pub cue: Option<&'a str>,
    /// `file`: offsets count the file's bytes; `extracted`: the text taken from markup.
    pub offsets: &'static str,
}

/// Prints the quotation pieces of every input, file by file; returns the inputs' problems.
pub fn quotes<W: Write>(
    out: &mut W,
    inputs: &[Input],
    gazetteer: &Gazetteer,
    matcher: &Matcher,
    format: RecordFormat,
) -> io::Result<Vec<Problem>> {
    match format {
        RecordFormat::Tsv => writeln!(
            out,
            "file\tarticle\tstart\tend\ttext\tspeaker\tspeaker_text\tcue"
        )?,
        RecordFormat::Table => writeln!(
            out,
            "{:<TABLE_SOURCE_WIDTH$} {:>8}  {:<TABLE_SPEAKER_WIDTH$}  text",
            "source", "start", "speaker"
        )?,
        RecordFormat::Jsonl => {}
    }
    // A long article is matched and read while it is printed, a stretch of lines at a time.
    let find = |article: &Article| {
        (article.text.len() <= STREAM_BYTES)
            .then(|| super::find(&article.text, &matcher.find(&article.text), gazetteer))
    };
    corpus::for_each_file(inputs, corpus::Bytes::Drop, find, |file, found| {
        for (article, pieces) in file.articles.iter().zip(found) {
            let mut print =
                |piece: &super::Piece| write_piece(out, &record(article, piece, gazetteer), format);
            if let Some(pieces) = pieces {
                pieces.iter().try_for_each(&mut print)?;
            } else {
                let with = (gazetteer, matcher);
                super::for_each_piece(&article.text, with, STREAM_BYTES, print)?;
            }
        }
        Ok(())
    })
}

/// Articles longer than this are matched and read for quotations while they are printed.
const STREAM_BYTES: usize = 4 << 20;

/// The record of `piece`, found in `article`.
pub fn record<'a>(
    article: &'a Article,
    piece: &super::Piece,
    gazetteer: &'a Gazetteer,
) -> QuoteRecord<'a> {
    let words = |range: Option<std::ops::Range<usize>>| range.map(|r| &article.text[r]);
    QuoteRecord {
        span: SpanRecord::of(article, piece.range()),
        speaker: piece.speaker.map(|e| gazetteer.entity(e).id.as_str()),
        speaker_text: words(piece.speaker_text()),
        cue: words(piece.cue()),
        offsets: article.offsets().as_str(),
    }
}

fn write_piece<W: Write>(out: &mut W, r: &QuoteRecord<'_>, format: RecordFormat) -> io::Result<()> {
    match format {
        RecordFormat::Jsonl => {
            write_json(out, r)?;
            writeln!(out)
        }
        RecordFormat::Tsv => writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            tsv_field(r.span.file),
            r.span.article,
            r.span.start,
            r.span.end,
            tsv_field(r.span.text),
            r.speaker.unwrap_or(""),
            tsv_field(r.speaker_text.unwrap_or("")),
            tsv_field(r.cue.unwrap_or("")),
        ),
        RecordFormat::Table => {
            let source = format!("{}#{}", r.span.file, r.span.article);
            let speaker = r.speaker.or(r.speaker_text).unwrap_or("?");
            writeln!(
                out,
                "{:<TABLE_SOURCE_WIDTH$} {:>8}  {:<TABLE_SPEAKER_WIDTH$}  “{}”",
                truncate(&source, TABLE_SOURCE_WIDTH),
                r.span.start,
                truncate(speaker, TABLE_SPEAKER_WIDTH),
                truncate(r.span.text, TABLE_TEXT_WIDTH)
            )
        }
    }
}
