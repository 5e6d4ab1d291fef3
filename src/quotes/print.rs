//! `gazette quotes`: one record per quotation piece, as JSON lines, TSV or a table.
//!
//! Offsets count like `annotate`'s: bytes of the file as read (or of the text extracted from
//! a web page or Markdown file, as the `offsets` field says).

use crate::corpus::{self, Article, Input, Problem, SourcesCache};
use crate::gazetteer::Gazetteer;
use crate::matcher::Matcher;
use crate::report::RecordFormat;
use crate::report::{truncate, tsv_field, write_json};
use serde::Serialize;
use std::io::{self, Write};

/// How many files are read at once before their quotations are printed.
const BATCH: usize = 64;

/// Columns of the table's quotation text.
const TABLE_TEXT_WIDTH: usize = 70;

/// Columns of the table's source (file and article).
const TABLE_SOURCE_WIDTH: usize = 34;

/// Columns of the table's speaker.
const TABLE_SPEAKER_WIDTH: usize = 24;

/// One record of `quotes`.
#[derive(Debug, Serialize)]
pub struct QuoteRecord<'a> {
    /// The file as given.
    pub file: &'a str,
    /// The article's index in its file, from 0.
    pub article: usize,
    /// First byte of the quoted words.
    pub start: usize,
    /// End byte (exclusive) of the quoted words.
    pub end: usize,
    /// The quoted words.
    pub text: &'a str,
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
    let sources = SourcesCache::default();
    let mut problems = Vec::new();
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
    for batch in inputs.chunks(BATCH) {
        let loaded = crate::work::parallel_map(batch, |input| {
            corpus::load(input, &sources).map(|file| {
                let found: Vec<Vec<super::Piece>> = file
                    .articles
                    .iter()
                    .map(|article| {
                        super::find(&article.text, &matcher.find(&article.text), gazetteer)
                    })
                    .collect();
                (file, found)
            })
        });
        for result in loaded {
            match result {
                Ok((file, found)) => {
                    problems.extend(file.warnings.iter().cloned());
                    for (article, pieces) in file.articles.iter().zip(&found) {
                        for piece in pieces {
                            write_piece(out, &record(article, piece, gazetteer), format)?;
                        }
                    }
                }
                Err(problem) => problems.push(problem),
            }
        }
    }
    Ok(problems)
}

/// The record of `piece`, found in `article`.
pub fn record<'a>(
    article: &'a Article,
    piece: &super::Piece,
    gazetteer: &'a Gazetteer,
) -> QuoteRecord<'a> {
    let source = article.map.source_range(piece.range.clone());
    let words = |range: &Option<std::ops::Range<usize>>| range.clone().map(|r| &article.text[r]);
    QuoteRecord {
        file: &article.file,
        article: article.index,
        start: source.start,
        end: source.end,
        text: &article.text[piece.range.clone()],
        speaker: piece.speaker.map(|e| gazetteer.entity(e).id.as_str()),
        speaker_text: words(&piece.speaker_text),
        cue: words(&piece.cue),
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
            tsv_field(r.file),
            r.article,
            r.start,
            r.end,
            tsv_field(r.text),
            r.speaker.unwrap_or(""),
            tsv_field(r.speaker_text.unwrap_or("")),
            tsv_field(r.cue.unwrap_or("")),
        ),
        RecordFormat::Table => {
            let source = format!("{}#{}", r.file, r.article);
            let speaker = r.speaker.or(r.speaker_text).unwrap_or("?");
            writeln!(
                out,
                "{:<TABLE_SOURCE_WIDTH$} {:>8}  {:<TABLE_SPEAKER_WIDTH$}  “{}”",
                truncate(&source, TABLE_SOURCE_WIDTH),
                r.start,
                truncate(speaker, TABLE_SPEAKER_WIDTH),
                truncate(r.text, TABLE_TEXT_WIDTH)
            )
        }
    }
}
