//! The printed outputs: `annotate`, `entities`, `check`, and the marked-up plain print.
//!
//! Everything printed is safe for a terminal: article text is already clean, JSON escapes
//! controls, BiDi and invisible characters as `\uXXXX`, and TSV escapes them as `\u{XXXX}`.

use crate::cli::{AnnotateFormat, TableFormat};
use crate::corpus::{self, Article, Input, Problem, SourcesCache};
use crate::discover::{Discoveries, Location};
use crate::gazetteer::{Gazetteer, Kind};
use crate::index::Index;
use crate::matcher::{Matcher, Mention};
use crate::text::{Encoding, is_unsafe_char};
use serde::Serialize;
use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

/// How many files `annotate` reads at once before printing them.
const ANNOTATE_BATCH: usize = 64;

/// Above this many articles, the `entities` table shows a summary instead of a column each.
const TABLE_MAX_ARTICLE_COLUMNS: usize = 20;

/// `gazette annotate`: every mention, by file then offset. Returns the inputs' problems.
pub fn annotate<W: Write>(
    out: &mut W,
    inputs: &[Input],
    gazetteer: &Gazetteer,
    matcher: &Matcher,
    format: AnnotateFormat,
) -> io::Result<Vec<Problem>> {
    let sources = SourcesCache::default();
    let mut problems = Vec::new();
    if format == AnnotateFormat::Tsv {
        writeln!(
            out,
            "file\tarticle\tstart\tend\tline\tcolumn\ttext\tentity\tname\tkind\toffsets"
        )?;
    }
    for batch in inputs.chunks(ANNOTATE_BATCH) {
        let loaded = crate::work::parallel_map(batch, |input| {
            corpus::load(input, &sources).map(|file| {
                let found: Vec<Vec<Mention>> = file
                    .articles
                    .iter()
                    .map(|article| matcher.find(&article.text))
                    .collect();
                (file, found)
            })
        });
        for result in loaded {
            match result {
                Ok((file, found)) => {
                    problems.extend(file.warnings.iter().cloned());
                    write_file_mentions(out, &file, &found, gazetteer, format)?;
                }
                Err(problem) => problems.push(problem),
            }
        }
    }
    Ok(problems)
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

/// `gazette entities`: one row per entity with at least one mention.
pub fn entities<W: Write>(
    out: &mut W,
    articles: &[Article],
    index: &Index,
    gazetteer: &Gazetteer,
    format: TableFormat,
) -> io::Result<()> {
    let rows = entity_rows(index, gazetteer);
    match format {
        TableFormat::Table => entities_table(out, articles, &rows, gazetteer),
        TableFormat::Json => entities_json(out, articles, index, &rows, gazetteer),
        TableFormat::Tsv => entities_tsv(out, articles, &rows, gazetteer),
    }
}

/// An entity with its total and per-article counts.
struct EntityRow {
    entity: u32,
    total: usize,
    counts: Vec<u32>,
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

fn entities_table<W: Write>(
    out: &mut W,
    articles: &[Article],
    rows: &[EntityRow],
    gazetteer: &Gazetteer,
) -> io::Result<()> {
    let per_article = articles.len() <= TABLE_MAX_ARTICLE_COLUMNS;
    if per_article {
        for (number, article) in articles.iter().enumerate() {
            let outlet = article
                .metadata
                .outlet
                .as_deref()
                .map(|o| format!("{o} — "))
                .unwrap_or_default();
            writeln!(
                out,
                "{:>3}  {}#{}  {outlet}{}",
                number + 1,
                article.file,
                article.index,
                truncate(&article.title, 60)
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

#[derive(Serialize)]
struct ArticleRecord<'a> {
    file: &'a str,
    index: usize,
    title: &'a str,
    outlet: Option<&'a str>,
    author: Option<&'a str>,
    date: Option<&'a str>,
}

impl<'a> ArticleRecord<'a> {
    fn of(article: &'a Article) -> Self {
        ArticleRecord {
            file: &article.file,
            index: article.index,
            title: &article.title,
            outlet: article.metadata.outlet.as_deref(),
            author: article.metadata.author.as_deref(),
            date: article.metadata.date.as_deref(),
        }
    }
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

fn entities_json<W: Write>(
    out: &mut W,
    articles: &[Article],
    index: &Index,
    rows: &[EntityRow],
    gazetteer: &Gazetteer,
) -> io::Result<()> {
    #[derive(Serialize)]
    struct Document<'a> {
        articles: Vec<ArticleRecord<'a>>,
        entities: Vec<EntityRecord<'a>>,
    }
    let document = Document {
        articles: articles.iter().map(ArticleRecord::of).collect(),
        entities: rows
            .iter()
            .map(|row| {
                let entity = gazetteer.entity(row.entity);
                let naming = crate::insight::naming(articles, index, row.entity)
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

fn entities_tsv<W: Write>(
    out: &mut W,
    articles: &[Article],
    rows: &[EntityRow],
    gazetteer: &Gazetteer,
) -> io::Result<()> {
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

/// TSV header cells for one column per article: `\tFILE#INDEX`.
fn article_columns(articles: &[Article]) -> String {
    let mut columns = String::new();
    for article in articles {
        write!(columns, "\t{}#{}", tsv_field(&article.file), article.index)
            .expect("writing to a String");
    }
    columns
}

/// `gazette check`: the layers, their sizes, and every surface form claimed twice.
pub fn check<W: Write>(out: &mut W, gazetteer: &Gazetteer) -> io::Result<()> {
    for (layer, label) in gazetteer.layers.iter().enumerate() {
        let surfaces = gazetteer
            .surfaces
            .iter()
            .filter(|s| s.layer == layer)
            .count();
        writeln!(
            out,
            "layer {}: {label}: {surfaces} surface forms",
            layer + 1
        )?;
    }
    let kinds: Vec<String> = Kind::ALL
        .iter()
        .map(|&kind| {
            let count = gazetteer.entities.iter().filter(|e| e.kind == kind).count();
            format!("{count} {kind}")
        })
        .collect();
    writeln!(
        out,
        "merged: {} entities ({}), {} surface forms",
        gazetteer.entities.len(),
        kinds.join(", "),
        gazetteer.surfaces.len()
    )?;
    if gazetteer.conflicts.is_empty() {
        return writeln!(out, "conflicts: none");
    }
    writeln!(
        out,
        "conflicts: {} surface forms claimed by two entities",
        gazetteer.conflicts.len()
    )?;
    for conflict in &gazetteer.conflicts {
        let kept = gazetteer.entity(conflict.kept);
        let lost = gazetteer.entity(conflict.lost);
        writeln!(
            out,
            "  \"{}\": matches {} ({}); {} ({}) loses it [decided in {}]",
            conflict.surface,
            kept.id,
            kept.name,
            lost.id,
            lost.name,
            gazetteer.layers[conflict.layer]
        )?;
    }
    Ok(())
}

/// ANSI SGR colour for each kind, for the plain print.
fn kind_sgr(kind: Kind) -> &'static str {
    match kind {
        Kind::Person => "1;33",
        Kind::Organization => "1;36",
        Kind::Place => "1;32",
        Kind::Misc => "1;35",
    }
}

/// The articles with their mentions marked: coloured by kind, or `[text|kind]` without colour.
pub fn plain<W: Write>(
    out: &mut W,
    articles: &[Article],
    index: &Index,
    gazetteer: &Gazetteer,
    color: bool,
) -> io::Result<()> {
    for (number, article) in articles.iter().enumerate() {
        if number > 0 {
            writeln!(out)?;
        }
        let mut header = format!("── {} #{}", article.file, article.index);
        for field in [
            &article.metadata.outlet,
            &article.metadata.author,
            &article.metadata.date,
        ]
        .into_iter()
        .flatten()
        {
            write!(header, " · {field}").expect("writing to a String");
        }
        if color {
            writeln!(out, "\x1b[1m{header}\x1b[0m")?;
        } else {
            writeln!(out, "{header}")?;
        }
        let text = &article.text;
        let mut pos = 0;
        for mention in index.mentions(number) {
            out.write_all(&text.as_bytes()[pos..mention.start as usize])?;
            let surface = &text[mention.range()];
            let kind = gazetteer.entity(mention.entity).kind;
            if color {
                write!(out, "\x1b[{}m{surface}\x1b[0m", kind_sgr(kind))?;
            } else {
                write!(out, "[{surface}|{kind}]")?;
            }
            pos = mention.end as usize;
        }
        out.write_all(&text.as_bytes()[pos..])?;
        writeln!(out)?;
    }
    Ok(())
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
fn write_json_line<W: Write, T: Serialize>(out: &mut W, value: &T) -> io::Result<()> {
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

    #[test]
    fn truncation_respects_width() {
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("a longer title", 8), "a longe…");
        assert_eq!(truncate("日本語のタイトル", 7), "日本語…");
    }
}

/// `gazette check PATH...`: entities never mentioned, surface forms always hidden inside
/// longer mentions.
pub fn check_corpus<W: Write>(
    out: &mut W,
    articles: &[Article],
    index: &Index,
    gazetteer: &Gazetteer,
) -> io::Result<()> {
    writeln!(
        out,
        "articles: {}, mentions: {}",
        articles.len(),
        index.mention_count()
    )?;
    let mentioned = |e: usize| index.total(u32::try_from(e).unwrap_or(u32::MAX)) > 0;
    // A built-in layer about another story (fewer than one in four of its entities named) is
    // spoken of once, not entity by entity.
    let built_in = gazetteer.built_in_entities();
    let named = built_in.iter().filter(|&&e| mentioned(e)).count();
    let built_in_unused = !built_in.is_empty() && named * 4 < built_in.len();
    if built_in_unused {
        writeln!(
            out,
            "{}: {named} of its {} entities mentioned: it is about another story, and the \
             others are not listed below (--no-default-gazetteer leaves it out)",
            crate::gazetteer::BUILT_IN_LABEL,
            built_in.len()
        )?;
    }
    let silent: Vec<&crate::gazetteer::Entity> = (0..gazetteer.entities.len())
        .filter(|&e| !(mentioned(e) || built_in_unused && built_in.binary_search(&e).is_ok()))
        .map(|e| &gazetteer.entities[e])
        .collect();
    writeln!(out, "entities never mentioned: {}", silent.len())?;
    for entity in &silent {
        writeln!(out, "  {} ({})", entity.id, entity.name)?;
    }
    let shadowed = crate::insight::shadowed_surfaces(articles, index, gazetteer);
    writeln!(
        out,
        "surface forms found only inside longer mentions: {}",
        shadowed.len()
    )?;
    for (surface, occurrences) in &shadowed {
        let entity = gazetteer.entity(surface.entity);
        writeln!(
            out,
            "  \"{}\" ({}): found {occurrences} {}, each inside a longer mention",
            surface.text,
            entity.id,
            if *occurrences == 1 { "time" } else { "times" }
        )?;
    }
    Ok(())
}

/// `gazette coverage`: entities × articles, single-source entities and omissions.
pub fn coverage<W: Write>(
    out: &mut W,
    articles: &[Article],
    coverage: &crate::insight::Coverage,
    gazetteer: &Gazetteer,
    format: TableFormat,
) -> io::Result<()> {
    match format {
        TableFormat::Table => coverage_table(out, articles, coverage, gazetteer),
        TableFormat::Json => coverage_json(out, articles, coverage, gazetteer),
        TableFormat::Tsv => coverage_tsv(out, articles, coverage, gazetteer),
    }
}

fn article_label(article: &Article) -> String {
    match &article.metadata.outlet {
        Some(outlet) => format!("{}#{} ({outlet})", article.file, article.index),
        None => format!("{}#{}", article.file, article.index),
    }
}

fn coverage_table<W: Write>(
    out: &mut W,
    articles: &[Article],
    coverage: &crate::insight::Coverage,
    gazetteer: &Gazetteer,
) -> io::Result<()> {
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
    for (article, omitted) in articles.iter().zip(&coverage.omissions) {
        let names: Vec<&str> = omitted
            .iter()
            .map(|&e| gazetteer.entity(e).name.as_str())
            .collect();
        let list = if names.is_empty() {
            "—".to_owned()
        } else {
            names.join(", ")
        };
        writeln!(out, "  {}: {list}", article_label(article))?;
    }
    Ok(())
}

fn coverage_json<W: Write>(
    out: &mut W,
    articles: &[Article],
    coverage: &crate::insight::Coverage,
    gazetteer: &Gazetteer,
) -> io::Result<()> {
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
    let document = Document {
        articles: articles.iter().map(ArticleRecord::of).collect(),
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

fn coverage_tsv<W: Write>(
    out: &mut W,
    articles: &[Article],
    coverage: &crate::insight::Coverage,
    gazetteer: &Gazetteer,
) -> io::Result<()> {
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

/// `gazette concordance NAME`: every mention in context, by article.
pub fn concordance<W: Write>(
    out: &mut W,
    articles: &[Article],
    index: &Index,
    gazetteer: &Gazetteer,
    entity: crate::gazetteer::EntityId,
    format: TableFormat,
) -> io::Result<()> {
    let lines = crate::insight::concordance(articles, index, entity);
    let found = gazetteer.entity(entity);
    match format {
        TableFormat::Table => {
            writeln!(
                out,
                "{} ({}, {}): {} mentions",
                found.name,
                found.id,
                found.kind,
                lines.len()
            )?;
            let mut current = None;
            for line in &lines {
                let article = &articles[line.at.article as usize];
                if current != Some(line.at.article) {
                    writeln!(out, "\n── {}", article_label(article))?;
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
        TableFormat::Json | TableFormat::Tsv => {
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
            let records: Vec<Line<'_>> = lines
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
                .collect();
            if format == TableFormat::Json {
                #[derive(Serialize)]
                struct Document<'a> {
                    id: &'a str,
                    name: &'a str,
                    kind: &'static str,
                    mentions: Vec<Line<'a>>,
                }
                let document = Document {
                    id: &found.id,
                    name: &found.name,
                    kind: found.kind.as_str(),
                    mentions: records,
                };
                return write_json_line(out, &document);
            }
            writeln!(out, "file\tarticle\tstart\tend\tleft\ttext\tright")?;
            for r in records {
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
}

/// Keeps the last `width` columns of `text`, starting with `…` when cut.
fn truncate_left(text: &str, width: usize) -> Cow<'_, str> {
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

/// `gazette discover`: unlisted names and near-misses, with where they are.
pub fn discoveries<W: Write>(
    out: &mut W,
    articles: &[Article],
    found: &Discoveries,
    gazetteer: &Gazetteer,
    format: TableFormat,
) -> io::Result<()> {
    match format {
        TableFormat::Table => discoveries_table(out, articles, found, gazetteer),
        TableFormat::Json => discoveries_json(out, articles, found, gazetteer),
        TableFormat::Tsv => discoveries_tsv(out, articles, found, gazetteer),
    }
}

fn discoveries_table<W: Write>(
    out: &mut W,
    articles: &[Article],
    found: &Discoveries,
    gazetteer: &Gazetteer,
) -> io::Result<()> {
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

fn discoveries_json<W: Write>(
    out: &mut W,
    articles: &[Article],
    found: &Discoveries,
    gazetteer: &Gazetteer,
) -> io::Result<()> {
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

fn discoveries_tsv<W: Write>(
    out: &mut W,
    articles: &[Article],
    found: &Discoveries,
    gazetteer: &Gazetteer,
) -> io::Result<()> {
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
