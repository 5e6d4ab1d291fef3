//! `gazette coverage`: entities × articles, the entities only one source names, and what each
//! source leaves out that most others name.

use super::TableFormat;
use super::entities::{EntityRow, entities_table};
use super::format::{ArticleRecord, Tables, article_columns, tsv_field, write_json_line};
use crate::corpus::Article;
use crate::gazetteer::Gazetteer;
use crate::insight::Coverage;
use serde::Serialize;
use std::fmt::Write as _;
use std::io::{self, Write};

/// `gazette coverage`: entities × articles, single-source entities and omissions.
pub fn coverage<W: Write>(
    out: &mut W,
    articles: &[Article],
    coverage: &Coverage,
    gazetteer: &Gazetteer,
    format: TableFormat,
) -> io::Result<()> {
    let report = CoverageReport {
        articles,
        coverage,
        gazetteer,
    };
    report.write(out, format)
}

/// What `coverage` prints.
struct CoverageReport<'a> {
    articles: &'a [Article],
    coverage: &'a Coverage,
    gazetteer: &'a Gazetteer,
}

impl Tables for CoverageReport<'_> {
    fn table<W: Write>(&self, out: &mut W) -> io::Result<()> {
        let (articles, coverage, gazetteer) = (self.articles, self.coverage, self.gazetteer);
        let rows: Vec<EntityRow> = coverage
            .rows
            .iter()
            .map(|row| EntityRow {
                entity: row.entity,
                total: row.total,
                counts: row.counts.clone(),
            })
            .collect();
        entities_table(out, articles, &rows, gazetteer)?;
        let single: Vec<&str> = coverage
            .rows
            .iter()
            .filter(|row| row.only_one_source())
            .map(|row| gazetteer.entity(row.entity).name.as_str())
            .collect();
        writeln!(
            out,
            "\nnamed by one source only ({}): {}",
            single.len(),
            single.join(", ")
        )?;
        writeln!(out, "\nleft out by a source, though most others name it:")?;
        let labels = crate::corpus::labels(articles);
        for ((article, omitted), label) in articles.iter().zip(&coverage.omissions).zip(&labels) {
            let names: Vec<&str> = omitted
                .iter()
                .map(|&e| gazetteer.entity(e).name.as_str())
                .collect();
            let list = if names.is_empty() {
                "—".to_owned()
            } else {
                names.join(", ")
            };
            writeln!(out, "  {}: {list}", article.reference(label))?;
        }
        Ok(())
    }

    fn json<W: Write>(&self, out: &mut W) -> io::Result<()> {
        #[derive(Serialize)]
        struct Row<'a> {
            id: &'a str,
            name: &'a str,
            kind: &'static str,
            total: usize,
            sources: usize,
            only_one_source: bool,
            counts: &'a [u32],
        }
        #[derive(Serialize)]
        struct Omission<'a> {
            file: &'a str,
            article: usize,
            omitted: Vec<&'a str>,
        }
        #[derive(Serialize)]
        struct Document<'a> {
            articles: Vec<ArticleRecord<'a>>,
            entities: Vec<Row<'a>>,
            omissions: Vec<Omission<'a>>,
        }
        let (articles, coverage, gazetteer) = (self.articles, self.coverage, self.gazetteer);
        let document = Document {
            articles: ArticleRecord::all(articles),
            entities: coverage
                .rows
                .iter()
                .map(|row| {
                    let entity = gazetteer.entity(row.entity);
                    Row {
                        id: &entity.id,
                        name: &entity.name,
                        kind: entity.kind.as_str(),
                        total: row.total,
                        sources: row.sources,
                        only_one_source: row.only_one_source(),
                        counts: &row.counts,
                    }
                })
                .collect(),
            omissions: articles
                .iter()
                .zip(&coverage.omissions)
                .map(|(article, omitted)| Omission {
                    file: &article.file,
                    article: article.index,
                    omitted: omitted
                        .iter()
                        .map(|&e| gazetteer.entity(e).id.as_str())
                        .collect(),
                })
                .collect(),
        };
        write_json_line(out, &document)
    }

    fn tsv<W: Write>(&self, out: &mut W) -> io::Result<()> {
        let (articles, coverage, gazetteer) = (self.articles, self.coverage, self.gazetteer);
        let columns = article_columns(articles);
        writeln!(
            out,
            "id\tname\tkind\ttotal\tsources\tonly_one_source{columns}"
        )?;
        for row in &coverage.rows {
            let entity = gazetteer.entity(row.entity);
            let mut line = format!(
                "{}\t{}\t{}\t{}\t{}\t{}",
                tsv_field(&entity.id),
                tsv_field(&entity.name),
                entity.kind.as_str(),
                row.total,
                row.sources,
                row.only_one_source()
            );
            for count in &row.counts {
                write!(line, "\t{count}").expect("writing to a String");
            }
            writeln!(out, "{line}")?;
        }
        Ok(())
    }
}
