//! `gazette discover`: the capitalised names no gazetteer entry covers, and near-misses of
//! known names, with where they are.

use super::TableFormat;
use super::format::{Tables, tsv_field, write_json_line};
use crate::corpus::Article;
use crate::discover::{Discoveries, Location};
use crate::gazetteer::Gazetteer;
use serde::Serialize;
use std::io::{self, Write};

/// `gazette discover`: unlisted names and near-misses, with where they are.
pub fn discoveries<W: Write>(
    out: &mut W,
    articles: &[Article],
    found: &Discoveries,
    gazetteer: &Gazetteer,
    format: TableFormat,
) -> io::Result<()> {
    let report = DiscoverReport {
        articles,
        found,
        gazetteer,
    };
    report.write(out, format)
}

/// What `discover` prints.
struct DiscoverReport<'a> {
    articles: &'a [Article],
    found: &'a Discoveries,
    gazetteer: &'a Gazetteer,
}

impl Tables for DiscoverReport<'_> {
    fn table<W: Write>(&self, out: &mut W) -> io::Result<()> {
        let (articles, found, gazetteer) = (self.articles, self.found, self.gazetteer);
        writeln!(
            out,
            "names no gazetteer entry covers ({}):",
            found.unlisted.len()
        )?;
        writeln!(out, "{:>5}  {:>7}  NAME", "COUNT", "SOURCES")?;
        for name in &found.unlisted {
            writeln!(
                out,
                "{:>5}  {:>7}  {}",
                name.locations.len(),
                name.sources,
                name.text
            )?;
        }
        writeln!(
            out,
            "\nnear-misses of known names ({}):",
            found.near_misses.len()
        )?;
        for miss in &found.near_misses {
            let first = LocationRecord::of(articles, &miss.locations[0]);
            writeln!(
                out,
                "{:>5}  \"{}\" is one edit from \"{}\" ({}), first in {}#{} at byte {}",
                miss.locations.len(),
                miss.text,
                miss.surface,
                gazetteer.entity(miss.entity).id,
                first.file,
                first.article,
                first.start
            )?;
        }
        Ok(())
    }

    fn json<W: Write>(&self, out: &mut W) -> io::Result<()> {
        #[derive(Serialize)]
        struct Name<'a> {
            text: &'a str,
            count: usize,
            sources: usize,
            locations: Vec<LocationRecord<'a>>,
        }
        #[derive(Serialize)]
        struct Miss<'a> {
            text: &'a str,
            surface: &'a str,
            entity: &'a str,
            count: usize,
            locations: Vec<LocationRecord<'a>>,
        }
        #[derive(Serialize)]
        struct Document<'a> {
            unlisted: Vec<Name<'a>>,
            near_misses: Vec<Miss<'a>>,
        }
        let (articles, found, gazetteer) = (self.articles, self.found, self.gazetteer);
        let locations = |found: &[Location]| -> Vec<LocationRecord<'_>> {
            found
                .iter()
                .map(|l| LocationRecord::of(articles, l))
                .collect()
        };
        let document = Document {
            unlisted: found
                .unlisted
                .iter()
                .map(|n| Name {
                    text: &n.text,
                    count: n.locations.len(),
                    sources: n.sources,
                    locations: locations(&n.locations),
                })
                .collect(),
            near_misses: found
                .near_misses
                .iter()
                .map(|m| Miss {
                    text: &m.text,
                    surface: &m.surface,
                    entity: &gazetteer.entity(m.entity).id,
                    count: m.locations.len(),
                    locations: locations(&m.locations),
                })
                .collect(),
        };
        write_json_line(out, &document)
    }

    fn tsv<W: Write>(&self, out: &mut W) -> io::Result<()> {
        let (articles, found, gazetteer) = (self.articles, self.found, self.gazetteer);
        writeln!(
            out,
            "finding\ttext\tcount\tentity\tsurface\tfile\tarticle\tstart\tend"
        )?;
        let rows = found
            .unlisted
            .iter()
            .map(|n| ("unlisted", &n.text, &n.locations, "", ""))
            .chain(found.near_misses.iter().map(|m| {
                let id = gazetteer.entity(m.entity).id.as_str();
                ("near-miss", &m.text, &m.locations, id, m.surface.as_str())
            }));
        for (finding, text, locations, entity, surface) in rows {
            let first = LocationRecord::of(articles, &locations[0]);
            writeln!(
                out,
                "{finding}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                tsv_field(text),
                locations.len(),
                tsv_field(entity),
                tsv_field(surface),
                tsv_field(first.file),
                first.article,
                first.start,
                first.end
            )?;
        }
        Ok(())
    }
}

/// Where something is, as byte offsets into the file on disk.
#[derive(Serialize)]
struct LocationRecord<'a> {
    file: &'a str,
    article: usize,
    start: usize,
    end: usize,
}

impl<'a> LocationRecord<'a> {
    fn of(articles: &'a [Article], location: &Location) -> Self {
        let article = &articles[location.article];
        let source = article.map.source_range(location.start..location.end);
        LocationRecord {
            file: &article.file,
            article: article.index,
            start: source.start,
            end: source.end,
        }
    }
}
