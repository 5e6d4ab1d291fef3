//! `gazette concordance NAME`: every mention of one entity with words of context either side,
//! by article.

use super::TableFormat;
use super::format::{Tables, truncate, truncate_left, tsv_field, write_json_line};
use crate::corpus::Article;
use crate::gazetteer::{EntityId, Gazetteer};
use crate::index::Index;
use crate::insight::ConcordanceLine;
use serde::Serialize;
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

/// `gazette concordance NAME`: `lines`, the mentions of `entity` in context, by article.
pub fn concordance<W: Write>(
    out: &mut W,
    articles: &[Article],
    index: &Index,
    gazetteer: &Gazetteer,
    entity: EntityId,
    lines: &[ConcordanceLine],
    format: TableFormat,
) -> io::Result<()> {
    let report = ConcordanceReport {
        articles,
        index,
        gazetteer,
        entity,
        lines,
    };
    report.write(out, format)
}

/// What `concordance` prints.
struct ConcordanceReport<'a> {
    articles: &'a [Article],
    index: &'a Index,
    gazetteer: &'a Gazetteer,
    entity: EntityId,
    lines: &'a [ConcordanceLine],
}

/// One mention in context, for JSON and TSV.
#[derive(Serialize)]
struct Line<'a> {
    file: &'a str,
    article: usize,
    start: usize,
    end: usize,
    left: &'a str,
    text: &'a str,
    right: &'a str,
}

impl ConcordanceReport<'_> {
    /// The lines with their offsets in the files on disk.
    fn records(&self) -> Vec<Line<'_>> {
        let (articles, index, lines) = (self.articles, self.index, self.lines);
        lines
            .iter()
            .map(|line| {
                let article = &articles[line.at.article as usize];
                let source = article.map.source_range(index.mention(line.at).range());
                Line {
                    file: &article.file,
                    article: article.index,
                    start: source.start,
                    end: source.end,
                    left: &line.left,
                    text: &line.hit,
                    right: &line.right,
                }
            })
            .collect()
    }
}

impl Tables for ConcordanceReport<'_> {
    fn table<W: Write>(&self, out: &mut W) -> io::Result<()> {
        let (articles, gazetteer, entity, lines) =
            (self.articles, self.gazetteer, self.entity, self.lines);
        let found = gazetteer.entity(entity);
        writeln!(
            out,
            "{} ({}, {}): {} mentions",
            found.name,
            found.id,
            found.kind,
            lines.len()
        )?;
        let labels = crate::corpus::labels(articles);
        let mut current = None;
        for line in lines {
            let article = &articles[line.at.article as usize];
            if current != Some(line.at.article) {
                writeln!(
                    out,
                    "\n── {}",
                    article.reference(&labels[line.at.article as usize])
                )?;
                current = Some(line.at.article);
            }
            let left = truncate_left(&line.left, 40);
            let padding = 40usize.saturating_sub(left.width());
            writeln!(
                out,
                "{}{left}[{}]{}",
                " ".repeat(padding),
                line.hit,
                truncate(&line.right, 40)
            )?;
        }
        Ok(())
    }

    fn json<W: Write>(&self, out: &mut W) -> io::Result<()> {
        #[derive(Serialize)]
        struct Document<'a> {
            id: &'a str,
            name: &'a str,
            kind: &'static str,
            mentions: Vec<Line<'a>>,
        }
        let found = self.gazetteer.entity(self.entity);
        let document = Document {
            id: &found.id,
            name: &found.name,
            kind: found.kind.as_str(),
            mentions: self.records(),
        };
        write_json_line(out, &document)
    }

    fn tsv<W: Write>(&self, out: &mut W) -> io::Result<()> {
        writeln!(out, "file\tarticle\tstart\tend\tleft\ttext\tright")?;
        for r in self.records() {
            writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                tsv_field(r.file),
                r.article,
                r.start,
                r.end,
                tsv_field(r.left),
                tsv_field(r.text),
                tsv_field(r.right)
            )?;
        }
        Ok(())
    }
}
