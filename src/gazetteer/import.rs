//! Gazetteers in other tools' formats, in and out.
//!
//! Chosen by the file's extension:
//!
//! - `.jsonl`: spaCy EntityRuler patterns, one JSON object a line:
//!   `{"label": "PERSON", "pattern": "Adam Boehler", "id": "adam-boehler"}`. Labels map to
//!   kinds (`PERSON`/`PER` → person, `ORG`/`NORP` → organization, `GPE`/`LOC`/`FAC` → place,
//!   anything else → misc). Patterns sharing an `id` are one entity: the first is its name,
//!   the others its aliases; a pattern without an `id` is an entity of its own. Only string
//!   patterns are read; token patterns (lists) are refused.
//! - `.lst`: a GATE gazetteer list, one surface form a line (anything after a tab, GATE's
//!   features, is ignored; blank lines and lines starting with `#` are skipped). Every line is
//!   an entity of its own, of the kind given after the path: `places.lst:place`.
//!
//! Every error names the file, the line and the fix. [`write_json`] and [`write_spacy`] write
//! a merged gazetteer back out.

use super::{Gazetteer, Kind, LayerEntity, MAX_ALIAS_BYTES, clean_value, slug};
use crate::error::GazetteerError;
use crate::text;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::{Deserialize, Serialize};
use std::io::{self, Write};

/// The format of a gazetteer layer, from its label (the path as given).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Format<'a> {
    /// gazette's own JSON.
    Json,
    /// spaCy EntityRuler patterns (`.jsonl`).
    Spacy,
    /// A GATE list (`.lst`), with the kind given after a colon, if any.
    Gate(Option<&'a str>),
}

impl<'a> Format<'a> {
    pub(super) fn of_label(label: &'a str) -> Format<'a> {
        if let Some((_, kind)) = split_kind(label) {
            return Format::Gate(Some(kind));
        }
        let extension = std::path::Path::new(label)
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        match extension.as_deref() {
            Some("jsonl") => Format::Spacy,
            Some("lst") => Format::Gate(None),
            _ => Format::Json,
        }
    }
}

/// Splits `places.lst:place` into the list's path and the kind, for GATE lists.
pub fn split_kind(path: &str) -> Option<(&str, &str)> {
    let (file, kind) = path.rsplit_once(':')?;
    let is_list = std::path::Path::new(file)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("lst"));
    (is_list && !kind.contains(['/', '\\'])).then_some((file, kind))
}

/// Parses one layer in an imported format.
pub(super) fn parse(
    label: &str,
    bytes: &[u8],
    format: Format<'_>,
) -> Result<Vec<LayerEntity>, GazetteerError> {
    let file = split_kind(label).map_or(label, |(file, _)| file);
    let importer = Importer { file };
    match format {
        Format::Json => unreachable_json(file),
        Format::Spacy => importer.spacy(bytes),
        Format::Gate(None) => Err(importer.error(
            0,
            0,
            "a GATE list does not say what kind of entity its lines name".to_owned(),
            &format!(
                "give the kind after the path: --gazetteer {file}:place (one of: person, organization, place, misc)"
            ),
        )),
        Format::Gate(Some(kind)) => {
            let kind = kind.parse::<Kind>().map_err(|()| {
                importer.error(
                    0,
                    0,
                    format!("unknown kind {}", text::quoted(kind)),
                    &format!("use one of: person, organization, place, misc, as in {file}:place"),
                )
            })?;
            importer.gate(bytes, kind)
        }
    }
}

fn unreachable_json(file: &str) -> Result<Vec<LayerEntity>, GazetteerError> {
    Err(GazetteerError {
        file: file.to_owned(),
        line: 0,
        column: 0,
        entry: None,
        problem: "the file is not an imported format".to_owned(),
        fix: "load it as a JSON gazetteer".to_owned(),
    })
}

const SPACY_FIX: &str = r#"each line is {"label": "PERSON", "pattern": "Adam Boehler", "id": "adam-boehler"} ("id" optional)"#;

/// One line of a spaCy pattern file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPattern {
    label: String,
    pattern: serde_json::Value,
    id: Option<String>,
}

/// A pattern read and cleaned, with its line.
struct Pattern {
    line: usize,
    kind: Kind,
    text: String,
    id: Option<String>,
}

struct Importer<'a> {
    file: &'a str,
}

impl Importer<'_> {
    fn error(&self, line: usize, column: usize, problem: String, fix: &str) -> GazetteerError {
        GazetteerError {
            file: self.file.to_owned(),
            line,
            column: if line > 0 { column.max(1) } else { 0 },
            entry: None,
            problem,
            fix: fix.to_owned(),
        }
    }

    /// The file as text, line by line (numbered from 1), without a BOM.
    fn lines<'b>(
        &self,
        bytes: &'b [u8],
        empty_fix: &str,
    ) -> Result<Vec<(usize, &'b str)>, GazetteerError> {
        if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
            return Err(self.error(
                0,
                0,
                "the file is UTF-16".to_owned(),
                "save it as UTF-8 (for example with `iconv -f UTF-16 -t UTF-8`)",
            ));
        }
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let mut lines = Vec::new();
        for (index, line) in body.split(|&b| b == b'\n').enumerate() {
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            let text = std::str::from_utf8(line).map_err(|error| {
                let column = 1 + String::from_utf8_lossy(&line[..error.valid_up_to()])
                    .chars()
                    .count();
                self.error(
                    index + 1,
                    column,
                    "invalid UTF-8".to_owned(),
                    "save the file as UTF-8",
                )
            })?;
            lines.push((index + 1, text));
        }
        if lines.iter().all(|(_, line)| line.trim().is_empty()) {
            return Err(self.error(0, 0, "the file is empty".to_owned(), empty_fix));
        }
        Ok(lines)
    }

    /// A surface form, cleaned like a JSON gazetteer's, or an error at `line`.
    fn surface(&self, line: usize, value: &str) -> Result<String, GazetteerError> {
        let fail =
            |_: &[super::Step<'_>], problem: String, fix: &str| self.error(line, 1, problem, fix);
        let clean = clean_value(value, &[], &fail)?;
        if clean.is_empty() {
            return Err(self.error(
                line,
                1,
                "the surface form is empty".to_owned(),
                "remove the line, or write the name it should match",
            ));
        }
        if clean.len() > MAX_ALIAS_BYTES {
            return Err(self.error(
                line,
                1,
                format!("the surface form is {} bytes long", clean.len()),
                &format!("surface forms are at most {MAX_ALIAS_BYTES} bytes; shorten it"),
            ));
        }
        Ok(clean)
    }

    fn spacy(&self, bytes: &[u8]) -> Result<Vec<LayerEntity>, GazetteerError> {
        let mut patterns = Vec::new();
        for (line, text) in self.lines(bytes, SPACY_FIX)? {
            if text.trim().is_empty() {
                continue;
            }
            let raw: RawPattern = serde_json::from_str(text).map_err(|error| {
                let message = error.to_string();
                let message = message
                    .rsplit_once(" at line ")
                    .map_or(message.as_str(), |(m, _)| m);
                self.error(
                    line,
                    error.column(),
                    text::clean_message(message),
                    SPACY_FIX,
                )
            })?;
            let pattern = match raw.pattern {
                serde_json::Value::String(pattern) => pattern,
                serde_json::Value::Array(_) => {
                    return Err(self.error(
                        line,
                        1,
                        "token patterns (a list of token attributes) are not supported".to_owned(),
                        "write the phrase as a string, e.g. \"pattern\": \"Adam Boehler\", or leave this line out",
                    ));
                }
                other => {
                    return Err(self.error(
                        line,
                        1,
                        format!("the pattern is {}, not a string", json_type(&other)),
                        SPACY_FIX,
                    ));
                }
            };
            let id = match raw.id {
                Some(id) if id.trim().is_empty() => {
                    return Err(self.error(
                        line,
                        1,
                        "the id is empty".to_owned(),
                        "remove \"id\" to make the pattern an entity of its own, or give a non-empty id",
                    ));
                }
                Some(id) => Some(self.surface(line, &id)?),
                None => None,
            };
            patterns.push(Pattern {
                line,
                kind: spacy_kind(&raw.label),
                text: self.surface(line, &pattern)?,
                id,
            });
        }
        self.group(patterns)
    }

    fn gate(&self, bytes: &[u8], kind: Kind) -> Result<Vec<LayerEntity>, GazetteerError> {
        let mut patterns = Vec::new();
        let mut seen = HashSet::default();
        for (line, text) in self.lines(bytes, "write one name a line, e.g. Gaza Strip")? {
            let surface = text.split('\t').next().unwrap_or_default();
            if surface.trim().is_empty() || surface.trim_start().starts_with('#') {
                continue;
            }
            let surface = self.surface(line, surface)?;
            if seen.insert(surface.clone()) {
                patterns.push(Pattern {
                    line,
                    kind,
                    text: surface,
                    id: None,
                });
            }
        }
        self.group(patterns)
    }

    /// Patterns with the same id become one entity; the others one entity each, with an id
    /// slugged from the pattern (made unique with `-2`, `-3`, …).
    fn group(&self, patterns: Vec<Pattern>) -> Result<Vec<LayerEntity>, GazetteerError> {
        let mut taken: HashSet<String> = patterns.iter().filter_map(|p| p.id.clone()).collect();
        let mut entities: Vec<LayerEntity> = Vec::new();
        // id → (entity index, line of its first pattern)
        let mut by_id: HashMap<String, (usize, usize)> = HashMap::default();
        for (index, pattern) in patterns.into_iter().enumerate() {
            let id = if let Some(id) = pattern.id {
                id
            } else {
                let base = slug(&pattern.text, index);
                let mut id = base.clone();
                let mut n = 1;
                while taken.contains(&id) {
                    n += 1;
                    id = format!("{base}-{n}");
                }
                taken.insert(id.clone());
                id
            };
            if let Some(&(existing, first_line)) = by_id.get(&id) {
                let entity: &mut LayerEntity = &mut entities[existing];
                if entity.kind != pattern.kind {
                    return Err(self.error(
                        pattern.line,
                        1,
                        format!(
                            "the id \"{id}\" has kind {} here but {} on line {first_line}",
                            pattern.kind, entity.kind
                        ),
                        "give patterns of different kinds different ids",
                    ));
                }
                if pattern.text != entity.name && !entity.aliases.contains(&pattern.text) {
                    entity.aliases.push(pattern.text);
                }
                continue;
            }
            by_id.insert(id.clone(), (entities.len(), pattern.line));
            entities.push(LayerEntity {
                id,
                name: pattern.text,
                kind: pattern.kind,
                aliases: Vec::new(),
                description: None,
                case_insensitive: None,
            });
        }
        Ok(entities)
    }
}

fn json_type(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "a list",
        serde_json::Value::Object(_) => "an object",
    }
}

/// The kind a spaCy label stands for.
pub fn spacy_kind(label: &str) -> Kind {
    match label.trim().to_ascii_uppercase().as_str() {
        "PERSON" | "PER" => Kind::Person,
        "ORG" | "NORP" => Kind::Organization,
        "GPE" | "LOC" | "FAC" => Kind::Place,
        _ => Kind::Misc,
    }
}

/// The spaCy label written for a kind.
pub fn spacy_label(kind: Kind) -> &'static str {
    match kind {
        Kind::Person => "PERSON",
        Kind::Organization => "ORG",
        Kind::Place => "GPE",
        Kind::Misc => "MISC",
    }
}

#[derive(Serialize)]
struct JsonEntity<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'static str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    aliases: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    case_insensitive: bool,
}

/// The entities as one file must list them to match as the merged layers do: each with the
/// aliases it kept (a surface form two entities claimed is left out of the one that lost
/// it), and the entities whose name another one took after the others, since within one file
/// the entity listed first keeps a shared surface form.
fn exported(gazetteer: &Gazetteer) -> Vec<(&super::Entity, Vec<String>)> {
    let owner: HashMap<&str, super::EntityId> = gazetteer
        .surfaces
        .iter()
        .map(|surface| (surface.text.as_str(), surface.entity))
        .collect();
    let mut kept = Vec::with_capacity(gazetteer.entities.len());
    let mut lost_name = Vec::new();
    for (index, entity) in gazetteer.entities.iter().enumerate() {
        let id = super::EntityId::try_from(index).expect("fewer than 4 billion entities");
        let owns = |surface: &str| owner.get(text::nfc(surface).as_str()) == Some(&id);
        let aliases: Vec<String> = entity
            .aliases
            .iter()
            .filter(|alias| owns(alias))
            .cloned()
            .collect();
        if owns(&entity.name) {
            kept.push((entity, aliases));
        } else {
            lost_name.push((entity, aliases));
        }
    }
    kept.extend(lost_name);
    kept
}

/// The formats a merged gazetteer is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// gazette's JSON gazetteer, one entity a line.
    Json,
    /// spaCy EntityRuler patterns (JSON lines), one per name and alias.
    Spacy,
}

/// Writes `gazetteer` in `format`.
pub fn write<W: Write>(out: &mut W, gazetteer: &Gazetteer, format: ExportFormat) -> io::Result<()> {
    match format {
        ExportFormat::Json => write_json(out, gazetteer),
        ExportFormat::Spacy => write_spacy(out, gazetteer),
    }
}

/// Writes the gazetteer as gazette JSON, one entity a line.
pub fn write_json<W: Write>(out: &mut W, gazetteer: &Gazetteer) -> io::Result<()> {
    out.write_all(b"{\"entities\": [")?;
    for (index, (entity, aliases)) in exported(gazetteer).into_iter().enumerate() {
        out.write_all(if index == 0 { b"\n  " } else { b",\n  " })?;
        let record = JsonEntity {
            id: &entity.id,
            name: &entity.name,
            kind: entity.kind.as_str(),
            aliases: &aliases,
            description: entity.description.as_deref(),
            case_insensitive: entity.case_insensitive,
        };
        serde_json::to_writer(&mut *out, &record)?;
    }
    out.write_all(b"\n]}\n")
}

#[derive(Serialize)]
struct SpacyPattern<'a> {
    label: &'static str,
    pattern: &'a str,
    id: &'a str,
}

/// Writes the gazetteer as spaCy EntityRuler patterns: one line per name and alias, ordered
/// as in [`write_json`].
///
/// spaCy string patterns have no per-pattern letter-case option, so `case_insensitive` is
/// not carried over, and neither are descriptions.
pub fn write_spacy<W: Write>(out: &mut W, gazetteer: &Gazetteer) -> io::Result<()> {
    for (entity, aliases) in exported(gazetteer) {
        let surfaces =
            std::iter::once(entity.name.as_str()).chain(aliases.iter().map(String::as_str));
        for surface in surfaces {
            let record = SpacyPattern {
                label: spacy_label(entity.kind),
                pattern: surface,
                id: &entity.id,
            };
            serde_json::to_writer(&mut *out, &record)?;
            out.write_all(b"\n")?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::LayerSource;
    use super::*;

    fn load(label: &str, text: &str) -> Result<Gazetteer, GazetteerError> {
        Gazetteer::load(&[LayerSource {
            label: label.to_owned(),
            bytes: text.as_bytes().to_vec(),
        }])
    }

    #[test]
    fn spacy_patterns_group_by_id() {
        let g = load(
            "p.jsonl",
            "{\"label\": \"PERSON\", \"pattern\": \"Adam Boehler\", \"id\": \"ab\"}\n\n\
             {\"label\": \"GPE\", \"pattern\": \"Gaza\"}\r\n\
             {\"label\": \"PER\", \"pattern\": \"Boehler\", \"id\": \"ab\"}\n\
             {\"label\": \"NORP\", \"pattern\": \"Israelis\"}\n\
             {\"label\": \"EVENT\", \"pattern\": \"Gaza\"}\n",
        )
        .unwrap();
        let names: Vec<(&str, &str, Kind, usize)> = g
            .entities
            .iter()
            .map(|e| (e.id.as_str(), e.name.as_str(), e.kind, e.aliases.len()))
            .collect();
        assert_eq!(
            names,
            [
                ("ab", "Adam Boehler", Kind::Person, 1),
                ("gaza", "Gaza", Kind::Place, 0),
                ("israelis", "Israelis", Kind::Organization, 0),
                ("gaza-2", "Gaza", Kind::Misc, 0),
            ]
        );
    }

    #[test]
    fn import_errors_name_file_line_and_fix() {
        let table: &[(&str, &str, &str)] = &[
            (
                "p.jsonl",
                "{\"label\": \"ORG\", \"pattern\": \"Hamas\"}\n{\"label\": \"ORG\", \"pattern\": [{\"LOWER\": \"hamas\"}]}\n",
                "p.jsonl: line 2 column 1: token patterns (a list of token attributes) are not supported; write the phrase as a string",
            ),
            (
                "p.jsonl",
                "{\"label\": \"ORG\", \"pattern\": \"Hamas\",}\n",
                "p.jsonl: line 1 column 37: trailing comma; each line is",
            ),
            (
                "p.jsonl",
                "{\"label\": \"ORG\", \"pattern\": \"Hamas\", \"colour\": 1}\n",
                "line 1 column",
            ),
            (
                "p.jsonl",
                "{\"label\": \"ORG\", \"pattern\": \"x\", \"id\": \"a\"}\n{\"label\": \"GPE\", \"pattern\": \"y\", \"id\": \"a\"}",
                "p.jsonl: line 2 column 1: the id \"a\" has kind place here but organization on line 1",
            ),
            ("p.jsonl", "\n\n", "p.jsonl: the file is empty"),
            (
                "places.lst",
                "Gaza\n",
                "places.lst: a GATE list does not say what kind of entity its lines name; give the kind after the path: --gazetteer places.lst:place",
            ),
            (
                "places.lst:plac",
                "Gaza\n",
                "places.lst: unknown kind \"plac\"; use one of: person, organization, place, misc",
            ),
            (
                "places.lst:place",
                "Gaza\n\u{200b}\n",
                "places.lst: line 2 column 1: the surface form is empty",
            ),
            ("places.lst:place", "Gaza\nG\u{1b}[2Kx\n", ""),
        ];
        for (label, text, expected) in table {
            match load(label, text) {
                Err(error) => {
                    let message = error.to_string();
                    assert!(
                        !expected.is_empty() && message.contains(expected),
                        "{text}\n  gave: {message}\n  want: {expected}"
                    );
                }
                Ok(_) => assert!(expected.is_empty(), "{text} loaded; want {expected}"),
            }
        }
    }

    #[test]
    fn gate_lists_skip_comments_features_and_duplicates() {
        let g = load(
            "p.lst:place",
            "# places\nGaza\tcountry=PS\n\nGaza Strip\nGaza\nU.S.\nUS\n",
        )
        .unwrap();
        let ids: Vec<&str> = g.entities.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["gaza", "gaza-strip", "u-s", "us"]);
        assert!(g.entities.iter().all(|e| e.kind == Kind::Place));
    }

    #[test]
    fn export_round_trips() {
        let g = Gazetteer::load(&[LayerSource::built_in()]).unwrap();
        let mut json = Vec::new();
        write_json(&mut json, &g).unwrap();
        let again = load("export.json", std::str::from_utf8(&json).unwrap()).unwrap();
        assert_eq!(again.entities, g.entities);
        let mut spacy = Vec::new();
        write_spacy(&mut spacy, &g).unwrap();
        let again = load("export.jsonl", std::str::from_utf8(&spacy).unwrap()).unwrap();
        let strip = |g: &Gazetteer| -> Vec<(String, Vec<String>, Kind)> {
            g.entities
                .iter()
                .map(|e| {
                    (
                        e.id.clone(),
                        e.surfaces().map(str::to_owned).collect(),
                        e.kind,
                    )
                })
                .collect()
        };
        assert_eq!(strip(&again), strip(&g));
    }
}
