//! `gazette reuse`: one record per retold sentence pair, as JSON lines, TSV or a table.
//!
//! Offsets count like `annotate`'s: bytes of the file as read (or of the text extracted from
//! a web page or Markdown file).

use super::{Passage, Retold};
use crate::corpus::Article;
use crate::report::{RecordFormat, SpanRecord, truncate, tsv_field, write_json};
use serde::Serialize;
use std::io::{self, Write};

/// Columns of each sentence in the table.
const TABLE_TEXT_WIDTH: usize = 60;

/// One record of `reuse`.
#[derive(Debug, Serialize)]
pub struct RetoldRecord<'a> {
    /// The earlier sentence.
    pub a: SpanRecord<'a>,
    /// The later sentence, which retells it.
    pub b: SpanRecord<'a>,
    /// From 0 to 1: the share of distinctive words they have in common.
    pub similarity: f64,
}

/// Prints `found`, the retold pairs of `articles`.
pub fn reuse<W: Write>(
    out: &mut W,
    articles: &[Article],
    found: &[Retold],
    format: RecordFormat,
) -> io::Result<()> {
    match format {
        RecordFormat::Tsv => writeln!(
            out,
            "a_file\ta_article\ta_start\ta_end\tb_file\tb_article\tb_start\tb_end\tsimilarity\ta_text\tb_text"
        )?,
        RecordFormat::Table => writeln!(out, "similarity  a / b")?,
        RecordFormat::Jsonl => {}
    }
    for retold in found {
        let record = RetoldRecord {
            a: side(articles, &retold.a),
            b: side(articles, &retold.b),
            similarity: (retold.similarity * 1000.0).round() / 1000.0,
        };
        write_record(out, &record, format)?;
    }
    Ok(())
}

fn side<'a>(articles: &'a [Article], passage: &Passage) -> SpanRecord<'a> {
    SpanRecord::of(&articles[passage.article], passage.range.clone())
}

fn write_record<W: Write>(
    out: &mut W,
    r: &RetoldRecord<'_>,
    format: RecordFormat,
) -> io::Result<()> {
    match format {
        RecordFormat::Jsonl => {
            write_json(out, r)?;
            writeln!(out)
        }
        RecordFormat::Tsv => writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            tsv_field(r.a.file),
            r.a.article,
            r.a.start,
            r.a.end,
            tsv_field(r.b.file),
            r.b.article,
            r.b.start,
            r.b.end,
            r.similarity,
            tsv_field(r.a.text),
            tsv_field(r.b.text),
        ),
        RecordFormat::Table => {
            let line = |p: &SpanRecord<'_>| {
                format!(
                    "{}#{}:{}  {}",
                    p.file,
                    p.article,
                    p.start,
                    truncate(p.text, TABLE_TEXT_WIDTH)
                )
            };
            writeln!(out, "{:>10.2}  {}", r.similarity, line(&r.a))?;
            writeln!(out, "{:>10}  {}", "", line(&r.b))
        }
    }
}
