//! Gazetteer files in, validated entities and their surface forms out.
//!
//! A gazetteer is JSON (`{"entities": [...]}`, spec §2), or a spaCy pattern file (`.jsonl`)
//! or GATE list (`.lst`) read by [`import`], which also writes gazetteers back out. Each file is parsed into `Raw*`
//! structs that reject unknown fields, then validated once into [`Entity`] values; every
//! error names the file, the line and column, the entry and the fix. Layers are merged in
//! order (built-in, the user's file, each `--gazetteer`): the same `id` merges, and a surface
//! form claimed by two entities goes to the later layer, or within one file to the entity
//! listed first. Every such conflict is kept for `gazette check`.

mod files;
pub mod import;
mod locate;

use crate::error::GazetteerError;
use crate::text::{self, is_unsafe_char};
use locate::{Step, line_column, locate};
use rustc_hash::FxHashMap as HashMap;
use serde::Deserialize;
use std::fmt;
use std::str::FromStr;

/// The gazetteer compiled into the binary: the people, organizations and places of the seeds.
pub const BUILT_IN: &str = include_str!("../assets/gazetteer.json");

/// The name under which the built-in layer is reported.
pub const BUILT_IN_LABEL: &str = "built-in gazetteer";

/// The story gazetteers of the folders among `paths` that have one. An empty file is none:
/// it is what `gazette gazetteer suggest DIR > DIR/gazette.json` reads while it writes. A
/// FIFO, device or directory there is kept, for reading to refuse by name.
pub fn story_gazetteers(paths: &[std::path::PathBuf]) -> Vec<std::path::PathBuf> {
    paths
        .iter()
        .filter(|path| path.is_dir())
        .map(|dir| dir.join(crate::paths::STORY_GAZETTEER))
        .filter(|file| file.metadata().is_ok_and(|m| !m.is_file() || m.len() > 0))
        .collect()
}

/// The gazetteer the review of suggestions writes to: the story gazetteer when the corpus is
/// one folder, otherwise the user's gazetteer (`user`).
pub fn review_gazetteer(
    paths: &[std::path::PathBuf],
    user: Option<std::path::PathBuf>,
) -> Option<std::path::PathBuf> {
    match paths {
        [dir] if dir.is_dir() => Some(dir.join(crate::paths::STORY_GAZETTEER)),
        _ => user,
    }
}

/// The longest alias accepted, in bytes.
pub const MAX_ALIAS_BYTES: usize = 1024;

/// Index of an entity in [`Gazetteer::entities`].
pub type EntityId = u32;

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A person.
    Person,
    /// An organization: a government body, a group, an outlet.
    Organization,
    /// A place: a country, city, region, building.
    Place,
    /// Anything else worth following.
    Misc,
}

impl Kind {
    /// Every kind, in display order.
    pub const ALL: [Kind; 4] = [Kind::Person, Kind::Organization, Kind::Place, Kind::Misc];

    /// The name used in gazetteer files and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Organization => "organization",
            Kind::Place => "place",
            Kind::Misc => "misc",
        }
    }

    /// The kind's position in [`Kind::ALL`], and in tables with one entry per kind.
    pub fn slot(self) -> usize {
        match self {
            Kind::Person => 0,
            Kind::Organization => 1,
            Kind::Place => 2,
            Kind::Misc => 3,
        }
    }

    /// The ANSI SGR attributes of the kind's colour in the plain print (bold and a colour).
    pub fn sgr(self) -> &'static str {
        match self {
            Kind::Person => "1;33",
            Kind::Organization => "1;36",
            Kind::Place => "1;32",
            Kind::Misc => "1;35",
        }
    }

    /// The kind as a noun with its article, for messages: “a person”.
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Person => "a person",
            Kind::Organization => "an organization",
            Kind::Place => "a place",
            Kind::Misc => "a misc entity",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Kind {
    type Err = ();

    fn from_str(value: &str) -> Result<Self, ()> {
        Kind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == value)
            .ok_or(())
    }
}

/// A validated entity, merged across layers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// Unique identifier (given, or a slug of the first name).
    pub id: String,
    /// Display name.
    pub name: String,
    /// What the entity is.
    pub kind: Kind,
    /// Other surface forms, in the order first given (the name excluded).
    pub aliases: Vec<String>,
    /// One line shown beside the entity.
    pub description: Option<String>,
    /// Whether letter case is ignored when matching.
    pub case_insensitive: bool,
}

impl Entity {
    /// The name followed by the aliases.
    pub fn surfaces(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// A surface form (NFC) and the entity it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Surface {
    /// The text to find, in NFC.
    pub text: String,
    /// The entity it names.
    pub entity: EntityId,
    /// The layer that gave it.
    pub layer: usize,
}

/// A surface form that two entities claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The surface form (NFC).
    pub surface: String,
    /// The entity that keeps it.
    pub kept: EntityId,
    /// The entity that loses it.
    pub lost: EntityId,
    /// The layer that decided (the later one, or the file both are in).
    pub layer: usize,
}

/// One gazetteer file to load.
#[derive(Debug, Clone)]
pub struct LayerSource {
    /// How the file is named in messages.
    pub label: String,
    /// Its contents.
    pub bytes: Vec<u8>,
}

impl LayerSource {
    /// The built-in layer.
    pub fn built_in() -> Self {
        LayerSource {
            label: BUILT_IN_LABEL.to_owned(),
            bytes: BUILT_IN.as_bytes().to_vec(),
        }
    }
}

/// The merged gazetteer: entities and the surface forms that find them.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    /// Entities in order of first appearance across the layers.
    pub entities: Vec<Entity>,
    /// Every surface form, each owned by exactly one entity.
    pub surfaces: Vec<Surface>,
    /// Surface forms claimed by more than one entity, and who kept them.
    pub conflicts: Vec<Conflict>,
    /// The layers' labels, in order.
    pub layers: Vec<String>,
}

impl Gazetteer {
    /// Loads and merges `layers` in order (later wins).
    pub fn load(layers: &[LayerSource]) -> Result<Gazetteer, GazetteerError> {
        let mut builder = Builder::default();
        for (index, layer) in layers.iter().enumerate() {
            let entities = parse_layer(&layer.label, &layer.bytes)?;
            builder.add_layer(index, &layer.label, entities);
        }
        Ok(builder.finish())
    }

    /// Finds an entity by id.
    pub fn find(&self, id: &str) -> Option<EntityId> {
        self.entities
            .iter()
            .position(|entity| entity.id == id)
            .and_then(|index| EntityId::try_from(index).ok())
    }

    /// The entities `name` designates: the one with that id; else those with that name or
    /// alias as written; else ignoring letter case.
    pub fn lookup(&self, name: &str) -> Vec<EntityId> {
        let name = text::nfc(name.trim());
        if let Some(entity) = self.find(&name) {
            return vec![entity];
        }
        let matching = |same: &dyn Fn(&str) -> bool| -> Vec<EntityId> {
            (0..self.entities.len())
                .filter(|&index| {
                    self.entities[index]
                        .surfaces()
                        .any(|surface| same(&text::nfc(surface)))
                })
                .filter_map(|index| EntityId::try_from(index).ok())
                .collect()
        };
        let exact = matching(&|surface| surface == name);
        if !exact.is_empty() {
            return exact;
        }
        let lower = name.to_lowercase();
        matching(&|surface| surface.to_lowercase() == lower)
    }

    /// The entities (by index) that the built-in layer gives a surface form to.
    pub fn built_in_entities(&self) -> Vec<usize> {
        let Some(layer) = self.layers.iter().position(|label| label == BUILT_IN_LABEL) else {
            return Vec::new();
        };
        let mut entities: Vec<usize> = self
            .surfaces
            .iter()
            .filter(|surface| surface.layer == layer)
            .map(|surface| surface.entity as usize)
            .collect();
        entities.sort_unstable();
        entities.dedup();
        entities
    }

    /// The entity with this index.
    pub fn entity(&self, id: EntityId) -> &Entity {
        &self.entities[id as usize]
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGazetteer {
    entities: Vec<RawEntity>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntity {
    id: Option<String>,
    name: String,
    kind: String,
    #[serde(default)]
    aliases: Vec<String>,
    description: Option<String>,
    case_insensitive: Option<bool>,
}

/// One entity of one layer, validated.
#[derive(Debug)]
struct LayerEntity {
    id: String,
    name: String,
    kind: Kind,
    aliases: Vec<String>,
    description: Option<String>,
    case_insensitive: Option<bool>,
}

/// Parses and validates one file, in the format its label's extension names.
fn parse_layer(label: &str, bytes: &[u8]) -> Result<Vec<LayerEntity>, GazetteerError> {
    match import::Format::of_label(label) {
        import::Format::Json => parse_json(label, bytes),
        format => import::parse(label, bytes, format),
    }
}

/// Parses and validates one JSON file.
fn parse_json(label: &str, bytes: &[u8]) -> Result<Vec<LayerEntity>, GazetteerError> {
    let body = check_encoding(label, bytes)?;
    // The path-tracking parser is slower; it runs again only to explain an error.
    let raw: RawGazetteer = serde_json::from_slice(body).map_err(|_| {
        let mut deserializer = serde_json::Deserializer::from_slice(body);
        match serde_path_to_error::deserialize::<_, RawGazetteer>(&mut deserializer) {
            Err(error) => parse_error(label, body, &error),
            Ok(_) => unreachable_parse(label),
        }
    })?;
    let mut validator = Validator {
        label,
        json: body,
        ids: HashMap::with_capacity_and_hasher(raw.entities.len(), rustc_hash::FxBuildHasher),
        names: Vec::with_capacity(raw.entities.len()),
    };
    raw.entities
        .into_iter()
        .enumerate()
        .map(|(index, entity)| validator.entity(index, &entity))
        .collect()
}

fn check_encoding<'a>(label: &str, bytes: &'a [u8]) -> Result<&'a [u8], GazetteerError> {
    let fail = |problem: &str, fix: &str| GazetteerError {
        file: label.to_owned(),
        line: 0,
        column: 0,
        entry: None,
        problem: problem.to_owned(),
        fix: fix.to_owned(),
    };
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(fail(
            "the file is UTF-16",
            "save it as UTF-8 (for example with `iconv -f UTF-16 -t UTF-8`)",
        ));
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(fail(
            "the file is empty",
            r#"a gazetteer is {"entities": [{"name": "…", "kind": "person"}]}"#,
        ));
    }
    Ok(body)
}

/// Both parsers are serde_json; they cannot disagree, but if they did, say so plainly.
fn unreachable_parse(label: &str) -> GazetteerError {
    GazetteerError {
        file: label.to_owned(),
        line: 0,
        column: 0,
        entry: None,
        problem: "the file could not be parsed".to_owned(),
        fix: "check that it is valid JSON".to_owned(),
    }
}

fn parse_error(
    label: &str,
    json: &[u8],
    error: &serde_path_to_error::Error<serde_json::Error>,
) -> GazetteerError {
    let inner = error.inner();
    let message = inner.to_string();
    let message = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(text, _)| text);
    let path = error.path().to_string();
    let path = path.trim_end_matches(".?").trim_end_matches('?');
    let fix = match inner.classify() {
        serde_json::error::Category::Syntax => {
            "fix the JSON syntax (JSON allows no comments and no trailing commas)"
        }
        serde_json::error::Category::Eof => {
            "the file ends too early: close every open string, [ and {"
        }
        serde_json::error::Category::Io | serde_json::error::Category::Data => {
            r#"each entity is {"name": "…", "kind": "person|organization|place|misc", "id", "aliases", "description", "case_insensitive" optional}"#
        }
    };
    let (line, column) = if inner.line() > 0 {
        (inner.line(), inner.column())
    } else {
        line_column(json, json.len())
    };
    GazetteerError {
        file: label.to_owned(),
        line,
        column,
        entry: (!path.is_empty() && path != ".").then(|| format!("at {}", entry_path(path))),
        problem: text::clean_message(message),
        fix: fix.to_owned(),
    }
}

/// A field path as a message shows it: as it is, or quoted short when a key in it is long.
fn entry_path(path: &str) -> String {
    if path.chars().nth(text::QUOTED_CHARS).is_some() {
        text::quoted(path)
    } else {
        text::clean_inline(path)
    }
}

struct Validator<'a> {
    label: &'a str,
    json: &'a [u8],
    /// id → entity index, for duplicate detection.
    ids: HashMap<String, usize>,
    /// The names of the entities validated so far, for messages.
    names: Vec<String>,
}

impl Validator<'_> {
    fn entity(&mut self, index: usize, raw: &RawEntity) -> Result<LayerEntity, GazetteerError> {
        let fail = |steps: &[Step<'_>], problem: String, fix: &str| {
            let entry = format!("entity {} ({})", index + 1, text::quoted(&raw.name));
            self.error(index, steps, &entry, problem, fix)
        };
        let name = clean_value(&raw.name, &[Step::Key("name")], &fail)?;
        if name.is_empty() {
            return Err(fail(
                &[Step::Key("name")],
                "the name is empty".to_owned(),
                "give the entity a name, e.g. \"name\": \"Adam Boehler\"",
            ));
        }
        let kind = raw.kind.parse::<Kind>().map_err(|()| {
            fail(
                &[Step::Key("kind")],
                format!("unknown kind {}", text::quoted(&raw.kind)),
                "use one of: person, organization, place, misc",
            )
        })?;
        let aliases = validate_aliases(&name, &raw.aliases, &fail)?;
        let description = match &raw.description {
            Some(description) => Some(clean_value(
                description,
                &[Step::Key("description")],
                &fail,
            )?),
            None => None,
        };
        let id = match &raw.id {
            Some(id) if id.trim().is_empty() => {
                return Err(fail(
                    &[Step::Key("id")],
                    "the id is empty".to_owned(),
                    "remove \"id\" to use a slug of the name, or give a non-empty id",
                ));
            }
            Some(id) => clean_value(id, &[Step::Key("id")], &fail)?,
            None => slug(&name, index),
        };
        if let Some(&other) = self.ids.get(&id) {
            return Err(fail(
                &[],
                format!(
                    "the id {} is already used by entity {} ({})",
                    text::quoted(&id),
                    other + 1,
                    text::quoted(&self.names[other])
                ),
                "give one of them a different \"id\"",
            ));
        }
        self.ids.insert(id.clone(), index);
        self.names.push(name.clone());
        Ok(LayerEntity {
            id,
            name,
            kind,
            aliases,
            description,
            case_insensitive: raw.case_insensitive,
        })
    }

    fn error(
        &self,
        index: usize,
        steps: &[Step<'_>],
        entry: &str,
        problem: String,
        fix: &str,
    ) -> GazetteerError {
        let mut path = vec![Step::Key("entities"), Step::Index(index)];
        path.extend_from_slice(steps);
        let (line, column) = line_column(self.json, locate(self.json, &path));
        GazetteerError {
            file: self.label.to_owned(),
            line,
            column,
            entry: Some(entry.to_owned()),
            problem,
            fix: fix.to_owned(),
        }
    }
}

/// Trims, checks and de-duplicates the aliases of one entity.
fn validate_aliases<F>(name: &str, raw: &[String], fail: &F) -> Result<Vec<String>, GazetteerError>
where
    F: Fn(&[Step<'_>], String, &str) -> GazetteerError,
{
    let mut aliases: Vec<String> = Vec::with_capacity(raw.len());
    for (position, alias) in raw.iter().enumerate() {
        let steps = [Step::Key("aliases"), Step::Index(position)];
        let raw_empty = alias.trim().is_empty();
        let alias = clean_value(alias, &steps, fail)?;
        if alias.is_empty() && !raw_empty {
            continue;
        }
        if alias.is_empty() {
            return Err(fail(
                &steps,
                format!("alias {} is empty", position + 1),
                "remove it, or write the surface form it should match",
            ));
        }
        if alias.len() > MAX_ALIAS_BYTES {
            return Err(fail(
                &steps,
                format!("alias {} is {} bytes long", position + 1, alias.len()),
                &format!("aliases are at most {MAX_ALIAS_BYTES} bytes; shorten it"),
            ));
        }
        aliases.push(alias);
    }
    Ok(without_repeats(name, aliases))
}

/// `aliases` without `name` and without repeats, in the order of their first occurrence (a
/// hash set, so that an entity of 200,000 aliases costs as much as 200,000 entities).
fn without_repeats(name: &str, aliases: Vec<String>) -> Vec<String> {
    let mut seen = rustc_hash::FxHashSet::default();
    let keep: Vec<bool> = aliases
        .iter()
        .map(|alias| alias != name && seen.insert(alias.as_str()))
        .collect();
    aliases
        .into_iter()
        .zip(keep)
        .filter_map(|(alias, keep)| keep.then_some(alias))
        .collect()
}

/// A gazetteer string, trimmed and sanitized like article text (escape sequences, BiDi
/// controls and invisible characters removed), so that it matches what the reader shows.
fn clean_value<F>(value: &str, steps: &[Step<'_>], fail: &F) -> Result<String, GazetteerError>
where
    F: Fn(&[Step<'_>], String, &str) -> GazetteerError,
{
    if value.len() > MAX_ALIAS_BYTES * 4 {
        return Err(fail(
            steps,
            format!("the value is {} bytes long", value.len()),
            "shorten it to a name or one line",
        ));
    }
    if !value.chars().any(is_unsafe_char) {
        return Ok(value.trim().to_owned());
    }
    if value.trim().contains(is_line_break) {
        return Err(fail(
            steps,
            format!("{} contains a line break", text::quoted(value)),
            "keep each name, alias and description on one line",
        ));
    }
    let cleaned = if value.contains('\x1b') {
        text::clean(value.as_bytes()).text
    } else {
        value.chars().filter(|&c| !is_unsafe_char(c)).collect()
    };
    Ok(cleaned.trim().to_owned())
}

fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' | '\x0B' | '\x0C'
    )
}

/// A lowercase, hyphenated id from a name: "Adam Boehler" → "adam-boehler".
pub fn slug(name: &str, index: usize) -> String {
    let mut slug = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    if slug.is_empty() {
        format!("entity-{}", index + 1)
    } else {
        slug
    }
}

/// Merges layers into one gazetteer.
#[derive(Default)]
struct Builder {
    entities: Vec<Entity>,
    by_id: HashMap<String, EntityId>,
    /// Every surface form given, in order, before ownership is decided.
    claims: Vec<Claim>,
    layers: Vec<String>,
}

/// One entity's claim on a surface form.
struct Claim {
    text: String,
    entity: EntityId,
    layer: usize,
}

impl Builder {
    fn add_layer(&mut self, layer: usize, label: &str, entities: Vec<LayerEntity>) {
        self.layers.push(label.to_owned());
        self.claims
            .reserve(entities.iter().map(|e| 1 + e.aliases.len()).sum());
        for raw in entities {
            let surfaces: Vec<String> = std::iter::once(&raw.name)
                .chain(&raw.aliases)
                .map(|s| text::nfc(s))
                .collect();
            let entity = self.merge_entity(raw);
            self.claims.extend(surfaces.into_iter().map(|text| Claim {
                text,
                entity,
                layer,
            }));
        }
    }

    fn merge_entity(&mut self, raw: LayerEntity) -> EntityId {
        if let Some(&existing) = self.by_id.get(&raw.id) {
            let entity = &mut self.entities[existing as usize];
            let old_name = std::mem::replace(&mut entity.name, raw.name);
            entity.kind = raw.kind;
            if raw.description.is_some() {
                entity.description = raw.description;
            }
            if let Some(case_insensitive) = raw.case_insensitive {
                entity.case_insensitive = case_insensitive;
            }
            let mut aliases = std::mem::take(&mut entity.aliases);
            aliases.push(old_name);
            aliases.extend(raw.aliases);
            entity.aliases = without_repeats(&entity.name, aliases);
            return existing;
        }
        let id = EntityId::try_from(self.entities.len()).expect("fewer than 4 billion entities");
        self.by_id.insert(raw.id.clone(), id);
        self.entities.push(Entity {
            id: raw.id,
            name: raw.name,
            kind: raw.kind,
            aliases: raw.aliases,
            description: raw.description,
            case_insensitive: raw.case_insensitive.unwrap_or(false),
        });
        id
    }

    /// Decides who owns each surface form: the latest layer, and within it the claim made
    /// first. The surfaces come out sorted by text.
    fn finish(mut self) -> Gazetteer {
        // A stable sort keeps the order of claims within one text.
        self.claims.sort_by(|a, b| a.text.cmp(&b.text));
        let mut surfaces = Vec::with_capacity(self.claims.len());
        let mut conflicts = Vec::new();
        let mut claims = self.claims.into_iter().peekable();
        while let Some(first) = claims.next() {
            let mut group = vec![first];
            while let Some(next) = claims.next_if(|next| next.text == group[0].text) {
                group.push(next);
            }
            let last_layer = group.iter().map(|claim| claim.layer).max().unwrap_or(0);
            let winner = group
                .iter()
                .position(|claim| claim.layer == last_layer)
                .unwrap_or(0);
            let (kept, layer) = (group[winner].entity, group[winner].layer);
            let mut lost = rustc_hash::FxHashSet::default();
            for claim in &group {
                if claim.entity != kept && lost.insert(claim.entity) {
                    conflicts.push(Conflict {
                        surface: claim.text.clone(),
                        kept,
                        lost: claim.entity,
                        layer,
                    });
                }
            }
            let text = group.swap_remove(winner).text;
            surfaces.push(Surface {
                text,
                entity: kept,
                layer,
            });
        }
        Gazetteer {
            entities: self.entities,
            surfaces,
            conflicts,
            layers: self.layers,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layer(label: &str, json: &str) -> LayerSource {
        LayerSource {
            label: label.to_owned(),
            bytes: json.as_bytes().to_vec(),
        }
    }

    fn load(layers: &[(&str, &str)]) -> Result<Gazetteer, GazetteerError> {
        let sources: Vec<LayerSource> = layers.iter().map(|(l, j)| layer(l, j)).collect();
        Gazetteer::load(&sources)
    }

    fn error_text(json: &str) -> String {
        load(&[("g.json", json)]).unwrap_err().to_string()
    }

    /// The fastest of three runs of `work`.
    fn fastest(work: impl Fn()) -> std::time::Duration {
        (0..3)
            .map(|_| {
                let started = std::time::Instant::now();
                work();
                started.elapsed()
            })
            .min()
            .unwrap()
    }

    #[test]
    fn many_aliases_of_one_entity_load_in_linear_time() {
        // One entity of n aliases costs about what n entities of one alias each do (timed
        // side by side, so that a busy machine slows both alike); de-duplicating by searching
        // the aliases kept made it cost the square of n.
        let n = 40_000;
        let aliases: Vec<String> = (0..n).map(|i| format!("\"Al{i}\"")).collect();
        let one = format!(
            r#"{{"entities": [{{"id": "e", "name": "E", "kind": "misc", "aliases": [{}]}}]}}"#,
            aliases.join(",")
        );
        let entities: Vec<String> = aliases
            .iter()
            .enumerate()
            .map(|(i, alias)| format!(r#"{{"id": "e{i}", "name": {alias}, "kind": "misc"}}"#))
            .collect();
        let many = format!(r#"{{"entities": [{}]}}"#, entities.join(","));
        let cases = [
            (
                "one entity",
                vec![("a", one.clone())],
                vec![("a", many.clone())],
            ),
            (
                "one entity in two layers",
                vec![("a", one.clone()), ("b", one.replace("Al", "Bl"))],
                vec![("a", many.clone()), ("b", many.replace("Al", "Bl"))],
            ),
        ];
        for (case, one, many) in cases {
            let time = |layers: &[(&str, String)]| {
                let layers: Vec<(&str, &str)> =
                    layers.iter().map(|(l, j)| (*l, j.as_str())).collect();
                fastest(|| {
                    load(&layers).unwrap();
                })
            };
            let (one, many) = (time(&one), time(&many));
            assert!(
                one < many * 4,
                "{case}: one entity of {n} aliases in {one:?}, {n} entities in {many:?}"
            );
        }
    }

    #[test]
    fn long_names_kinds_and_keys_are_quoted_short_in_errors() {
        let long = "x".repeat(1 << 20);
        let cut = format!("{}\u{2026}", "x".repeat(crate::text::QUOTED_CHARS));
        let table = [
            (
                format!(r#"{{"entities": [{{"name": "{long}", "kind": "place"}}]}}"#),
                format!("entity 1 (\"{cut}\" (1048576 bytes))"),
            ),
            (
                format!(r#"{{"entities": [{{"name": "A", "kind": "{long}"}}]}}"#),
                format!("unknown kind \"{cut}\" (1048576 bytes)"),
            ),
            (
                format!(r#"{{"entities": [{{"name": "A", "kind": "place", "{long}": 1}}]}}"#),
                format!("unknown field `{cut}` (1048576 bytes)"),
            ),
        ];
        for (json, expected) in table {
            let message = error_text(&json);
            assert!(message.contains(&expected), "{message}");
            assert!(message.len() < 1000, "{} bytes", message.len());
        }
    }

    #[test]
    fn built_in_gazetteer_loads() {
        let gazetteer = Gazetteer::load(&[LayerSource::built_in()]).unwrap();
        assert!(gazetteer.find("adam-boehler").is_some());
        assert!(gazetteer.conflicts.is_empty(), "{:?}", gazetteer.conflicts);
    }

    #[test]
    fn reports_errors_with_position_entry_and_fix() {
        let table: &[(&str, &str)] = &[
            (
                r#"{"entities": [{"name": "A", "kind": "person",}]}"#,
                "g.json: line 1 column 46: at entities[0]: trailing comma; fix the JSON syntax",
            ),
            (
                "{\"entities\": [\n  {\"name\": \"A\", \"kind\": \"persn\"}]}",
                "g.json: line 2 column 25: entity 1 (\"A\"): unknown kind \"persn\"; use one of: person, organization, place, misc",
            ),
            (
                r#"{"entities": [{"name": "A", "kind": "place", "colour": 1}]}"#,
                "unknown field `colour`",
            ),
            (
                r#"{"entities": [{"name": "A", "kind": "place", "aliases": ["x", " "]}]}"#,
                "line 1 column 63: entity 1 (\"A\"): alias 2 is empty",
            ),
            (
                r#"{"entities": [{"name": "A", "kind": "place"}, {"name": "a", "id": "a", "kind": "place"}]}"#,
                "entity 2 (\"a\"): the id \"a\" is already used by entity 1 (\"A\")",
            ),
            (
                r#"{"entities": [{"name": "A", "kind": "place", "aliases": ["one\ntwo"]}]}"#,
                "line 1 column 58: entity 1 (\"A\"): \"one␤two\" contains a line break",
            ),
            ("", "g.json: the file is empty"),
            (
                "\u{feff}{\"entities\": []",
                "line 1 column 15: EOF while parsing an object; the file ends too early",
            ),
            (r#"{"entities": [{"name": "A"}]}"#, "missing field `kind`"),
            (
                r#"{"entities": [{"name": 5, "kind": "place"}]}"#,
                "at entities[0].name: invalid type: integer `5`",
            ),
        ];
        for (json, expected) in table {
            let message = error_text(json);
            assert!(
                message.contains(expected),
                "{json}\n  gave: {message}\n  want: {expected}"
            );
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let json = format!("{{\"entities\": {}", "[".repeat(100_000));
        let message = error_text(&json);
        assert!(message.contains("invalid type: sequence"), "{message}");
    }

    #[test]
    fn ids_default_to_slugs() {
        let g = load(&[("g", r#"{"entities": [{"name": "Adam  Boehler!", "kind": "person"}, {"name": "***", "kind": "misc"}]}"#)]).unwrap();
        assert_eq!(g.entities[0].id, "adam-boehler");
        assert_eq!(g.entities[1].id, "entity-2");
    }

    #[test]
    fn later_layers_merge_by_id_and_take_surfaces() {
        let base = r#"{"entities": [
            {"id": "g", "name": "Gaza", "kind": "place", "aliases": ["Strip"]},
            {"id": "h", "name": "Hamas", "kind": "organization"}]}"#;
        let user = r#"{"entities": [
            {"id": "g", "name": "Gaza Strip", "kind": "place", "aliases": ["the Strip"], "description": "d"},
            {"id": "s", "name": "Strip", "kind": "misc"}]}"#;
        let g = load(&[("base", base), ("user", user)]).unwrap();
        let gaza = g.entity(g.find("g").unwrap());
        assert_eq!(gaza.name, "Gaza Strip");
        assert_eq!(gaza.aliases, ["Strip", "Gaza", "the Strip"]);
        assert_eq!(gaza.description.as_deref(), Some("d"));
        let strip = g.surfaces.iter().find(|s| s.text == "Strip").unwrap();
        assert_eq!(strip.entity, g.find("s").unwrap());
        assert_eq!(g.conflicts.len(), 1);
        assert_eq!(g.conflicts[0].kept, g.find("s").unwrap());
    }

    #[test]
    fn within_one_file_the_first_entity_keeps_a_shared_surface() {
        let json = r#"{"entities": [
            {"name": "Springfield", "id": "a", "kind": "place"},
            {"name": "Springfield", "id": "b", "kind": "place"}]}"#;
        let g = load(&[("g", json)]).unwrap();
        assert_eq!(g.surfaces.len(), 1);
        assert_eq!(g.surfaces[0].entity, 0);
        assert_eq!(g.conflicts[0].lost, 1);
    }

    #[test]
    fn controls_and_invisibles_are_removed_from_names() {
        let json = r#"{"entities": [{"name": "Ga\u001b[31mza\u200b", "kind": "place", "aliases": ["\u202eStrip\u202c"]}]}"#;
        let g = load(&[("g", json)]).unwrap();
        assert_eq!(g.entities[0].name, "Gaza");
        assert_eq!(g.entities[0].aliases, ["Strip"]);
    }

    #[test]
    fn surfaces_are_nfc() {
        let g = load(&[(
            "g",
            "{\"entities\": [{\"name\": \"Jose\u{301}\", \"kind\": \"person\"}]}",
        )])
        .unwrap();
        assert_eq!(g.surfaces[0].text, "Jos\u{e9}");
    }
}
