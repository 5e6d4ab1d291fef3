//! `gazette entities`: the mentions of each entity in each article.

use super::TableFormat;
use super::format::{ArticleRecord, Tables, article_columns, truncate, tsv_field, write_json_line};
use crate::corpus::Article;
use crate::gazetteer::Gazetteer;
use crate::index::Index;
use serde::Serialize;
use std::fmt::Write as _;
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

/// Above this many articles, the `entities` table shows a summary instead of a column each.
const TABLE_MAX_ARTICLE_COLUMNS: usize = 20;

/// `gazette entities`: one row per entity with at least one mention.
pub fn entities<W: Write>(
    out: &mut W,
    articles: &[Article],
    index: &Index,
    gazetteer: &Gazetteer,
    format: TableFormat,
) -> io::Result<()> {
    let rows = entity_rows(index, gazetteer);
    let report = EntitiesReport {
        articles,
        index,
        rows: &rows,
        gazetteer,
    };
    report.write(out, format)
}

/// What `entities` prints.
struct EntitiesReport<'a> {
    articles: &'a [Article],
    index: &'a Index,
    rows: &'a [EntityRow],
    gazetteer: &'a Gazetteer,
}

/// An entity with its total and per-article counts.
pub(super) struct EntityRow {
    pub(super) entity: u32,
    pub(super) total: usize,
    pub(super) counts: Vec<u32>,
}

fn entity_rows(index: &Index, gazetteer: &Gazetteer) -> Vec<EntityRow> {
    let mut rows: Vec<EntityRow> = (0..gazetteer.entities.len())
        .filter_map(|entity| {
            let entity = u32::try_from(entity).ok()?;
            let total = index.total(entity);
            (total > 0).then(|| {
                let mut counts = vec![0; index.article_count()];
                for (article, count) in index.counts(entity) {
                    counts[article as usize] = count;
                }
                EntityRow {
                    entity,
                    total,
                    counts,
                }
            })
        })
        .collect();
    rows.sort_by(|a, b| {
        b.total.cmp(&a.total).then_with(|| {
            gazetteer
                .entity(a.entity)
                .name
                .cmp(&gazetteer.entity(b.entity).name)
        })
    });
    rows
}

/// The table of `entities` (and of `coverage`): the articles, then one row per entity with
/// its count in each (or in how many, when there are too many articles for a column each).
pub(super) fn entities_table<W: Write>(
    out: &mut W,
    articles: &[Article],
    rows: &[EntityRow],
    gazetteer: &Gazetteer,
) -> io::Result<()> {
    let per_article = articles.len() <= TABLE_MAX_ARTICLE_COLUMNS;
    if per_article {
        let labels = crate::corpus::labels(articles);
        for (number, (article, label)) in articles.iter().zip(&labels).enumerate() {
            writeln!(
                out,
                "{:>3}  {}#{}  {}",
                number + 1,
                article.file,
                article.index,
                truncate(&crate::corpus::full_label(article, label), 72)
            )?;
        }
        writeln!(out)?;
    }
    let name_width = rows
        .iter()
        .map(|row| gazetteer.entity(row.entity).name.width())
        .chain(["ENTITY".len()])
        .max()
        .unwrap_or(6)
        .min(40);
    let mut header = format!("{:<name_width$}  {:<12}  {:>6}", "ENTITY", "KIND", "TOTAL");
    if per_article {
        for number in 1..=articles.len() {
            write!(header, " {number:>3}").expect("writing to a String");
        }
    } else {
        header.push_str("  ARTICLES");
    }
    writeln!(out, "{}", header.trim_end())?;
    for row in rows {
        let entity = gazetteer.entity(row.entity);
        let name = truncate(&entity.name, name_width);
        let padding = name_width.saturating_sub(name.width());
        let mut line = format!(
            "{name}{}  {:<12}  {:>6}",
            " ".repeat(padding),
            entity.kind.as_str(),
            row.total
        );
        if per_article {
            for count in &row.counts {
                write!(line, " {count:>3}").expect("writing to a String");
            }
        } else {
            let present = row.counts.iter().filter(|&&c| c > 0).count();
            write!(line, "  {present:>8}").expect("writing to a String");
        }
        writeln!(out, "{line}")?;
    }
    if !per_article {
        writeln!(
            out,
            "\n{} articles: use --format tsv or json for the count in each.",
            articles.len()
        )?;
    }
    Ok(())
}

#[derive(Serialize)]
struct EntityRecord<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'static str,
    total: usize,
    counts: &'a [u32],
    naming: Vec<NamingRecord<'a>>,
}

/// How one article names an entity, for `entities --format json`.
#[derive(Serialize)]
struct NamingRecord<'a> {
    file: &'a str,
    article: usize,
    forms: Vec<(String, u32)>,
    introduction: Option<String>,
}

impl Tables for EntitiesReport<'_> {
    fn table<W: Write>(&self, out: &mut W) -> io::Result<()> {
        entities_table(out, self.articles, self.rows, self.gazetteer)
    }

    fn json<W: Write>(&self, out: &mut W) -> io::Result<()> {
        #[derive(Serialize)]
        struct Document<'a> {
            articles: Vec<ArticleRecord<'a>>,
            entities: Vec<EntityRecord<'a>>,
        }
        let (articles, index, rows, gazetteer) =
            (self.articles, self.index, self.rows, self.gazetteer);
        let mut namings = crate::insight::every_naming(articles, index, gazetteer.entities.len());
        let document = Document {
            articles: ArticleRecord::all(articles),
            entities: rows
                .iter()
                .map(|row| {
                    let entity = gazetteer.entity(row.entity);
                    let naming = std::mem::take(&mut namings[row.entity as usize])
                        .into_iter()
                        .map(|naming| NamingRecord {
                            file: &articles[naming.article].file,
                            article: articles[naming.article].index,
                            forms: naming.forms,
                            introduction: naming.introduction,
                        })
                        .collect();
                    EntityRecord {
                        id: &entity.id,
                        name: &entity.name,
                        kind: entity.kind.as_str(),
                        total: row.total,
                        counts: &row.counts,
                        naming,
                    }
                })
                .collect(),
        };
        write_json_line(out, &document)
    }

    fn tsv<W: Write>(&self, out: &mut W) -> io::Result<()> {
        let (articles, rows, gazetteer) = (self.articles, self.rows, self.gazetteer);
        writeln!(out, "id\tname\tkind\ttotal{}", article_columns(articles))?;
        for row in rows {
            let entity = gazetteer.entity(row.entity);
            let mut line = format!(
                "{}\t{}\t{}\t{}",
                tsv_field(&entity.id),
                tsv_field(&entity.name),
                entity.kind.as_str(),
                row.total
            );
            for count in &row.counts {
                write!(line, "\t{count}").expect("writing to a String");
            }
            writeln!(out, "{line}")?;
        }
        Ok(())
    }
}
