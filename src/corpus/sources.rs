//! `sources.json`: metadata for the articles of a folder, by file name.

use super::{Input, Metadata, Origin, Problem, SEED_SOURCES, Severity, display_path};
use crate::formats;
use crate::paths::SOURCES_FILE;
use crate::regular;
use crate::text;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Metadata for the articles of one file.
#[derive(Debug, Clone, Default)]
pub struct FileMetadata {
    whole: Metadata,
    articles: Vec<Metadata>,
}

impl FileMetadata {
    /// This metadata, with `defaults` filling the fields given neither for the file nor for
    /// its articles.
    pub(super) fn with_defaults(mut self, defaults: &Metadata) -> FileMetadata {
        let whole = &mut self.whole;
        let fill = |field: &mut Option<String>, default: &Option<String>| {
            if field.is_none() {
                field.clone_from(default);
            }
        };
        fill(&mut whole.outlet, &defaults.outlet);
        fill(&mut whole.title, &defaults.title);
        fill(&mut whole.author, &defaults.author);
        fill(&mut whole.date, &defaults.date);
        fill(&mut whole.url, &defaults.url);
        self
    }

    /// How many articles have an entry of their own.
    pub(super) fn listed_articles(&self) -> usize {
        self.articles.len()
    }

    /// The metadata of article `index`: its own entry, with the file's fields as defaults.
    pub(super) fn for_article(&self, index: usize) -> Metadata {
        let own = self.articles.get(index).cloned().unwrap_or_default();
        let whole = &self.whole;
        Metadata {
            outlet: own.outlet.or_else(|| whole.outlet.clone()),
            title: own.title.or_else(|| whole.title.clone()),
            author: own.author.or_else(|| whole.author.clone()),
            date: own.date.or_else(|| whole.date.clone()),
            url: own.url.or_else(|| whole.url.clone()),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFileMetadata {
    #[serde(flatten)]
    whole: Metadata,
    #[serde(default)]
    articles: Vec<Metadata>,
}

/// One directory's `sources.json`: metadata by file name, and why all or part of it could not
/// be used.
#[derive(Debug, Default)]
struct SourcesTable {
    files: HashMap<String, FileMetadata>,
    warning: Option<String>,
}

/// The `sources.json` files met so far, one per directory.
#[derive(Debug, Default)]
pub struct SourcesCache {
    directories: std::sync::Mutex<HashMap<PathBuf, SourcesTable>>,
}

impl SourcesCache {
    /// The metadata for `input`, and a warning if its `sources.json` could not be used (only
    /// for the first file of each folder).
    pub(super) fn lookup(&self, input: &Input) -> (FileMetadata, Option<Problem>) {
        let (directory, file_name) = match &input.origin {
            Origin::BuiltIn(name, _) => (PathBuf::from("\0seeds"), (*name).to_owned()),
            Origin::File(path) => (
                path.parent().map(Path::to_path_buf).unwrap_or_default(),
                path.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            ),
            Origin::Stdin => return (FileMetadata::default(), None),
        };
        let mut directories = self
            .directories
            .lock()
            .expect("no panics while holding the lock");
        let first = !directories.contains_key(&directory);
        let table = directories.entry(directory.clone()).or_insert_with(|| {
            read_sources(&directory, matches!(input.origin, Origin::BuiltIn(..)))
        });
        let metadata = table.files.get(&file_name).cloned().unwrap_or_default();
        // Told once, with the first file of its folder.
        let problem = table
            .warning
            .as_ref()
            .filter(|_| first)
            .map(|message| Problem {
                name: display_path(&directory.join(SOURCES_FILE)),
                message: message.clone(),
                severity: Severity::Skipped,
            });
        (metadata, problem)
    }
}

fn read_sources(directory: &Path, built_in: bool) -> SourcesTable {
    let ignored = |message: String| SourcesTable {
        files: HashMap::new(),
        warning: Some(message),
    };
    let json = if built_in {
        SEED_SOURCES.to_owned()
    } else {
        match regular::read(&directory.join(SOURCES_FILE), regular::MAX_DATA_BYTES) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(json) => json,
                Err(_) => return ignored("ignored: not valid UTF-8; save it as UTF-8".to_owned()),
            },
            Err(error) if error.is_missing() => return SourcesTable::default(),
            Err(error) => return ignored(format!("ignored: {error}")),
        }
    };
    // Only the entries of the folder's files are kept (all of them for the seeds).
    let names: Option<std::collections::HashSet<String>> = (!built_in).then(|| {
        std::fs::read_dir(directory)
            .into_iter()
            .flatten()
            .flatten()
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .collect()
    });
    let keep = |file: &str| names.as_ref().is_none_or(|names| names.contains(file));
    match parse_sources_kept(&json, &keep) {
        Ok((files, dropped)) => SourcesTable {
            files,
            warning: dropped_dates(&dropped),
        },
        Err(message) => ignored(message),
    }
}

/// The warning for the invalid dates left out, `(file, date)`, if there are any.
fn dropped_dates(dropped: &[(String, String)]) -> Option<String> {
    let ((file, date), more) = dropped.split_first()?;
    let more = if more.is_empty() {
        String::new()
    } else {
        format!(" and {} more", more.len())
    };
    Some(format!(
        "invalid date {} for {} left out{more}; write dates as YYYY-MM-DD, e.g. \"2025-03-05\"",
        text::quoted(date),
        text::quoted(file),
    ))
}

/// Reads the map of a `sources.json`, keeping the entries of the files `keep` names.
struct Kept<'k> {
    keep: &'k dyn Fn(&str) -> bool,
}

impl<'de> serde::de::Visitor<'de> for Kept<'_> {
    type Value = Vec<(String, RawFileMetadata)>;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("a map")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut kept = Vec::new();
        while let Some(file) = map.next_key::<String>()? {
            let metadata: RawFileMetadata = map.next_value()?;
            if (self.keep)(&file) {
                kept.push((file, metadata));
            }
        }
        Ok(kept)
    }
}

/// A parsed `sources.json`: metadata by file name, and the `(file, date)` pairs left out.
pub type ParsedSources = (HashMap<String, FileMetadata>, Vec<(String, String)>);

/// Parses a `sources.json`: `{"FILE": {"outlet": …, "articles": [{…}, …]}}`. Dates that are
/// not days written `YYYY-MM-DD` are left out, and listed as `(file, date)`.
pub fn parse_sources(json: &str) -> Result<ParsedSources, String> {
    parse_sources_kept(json, &|_| true)
}

/// [`parse_sources`], keeping only the files `keep` names (every entry is still checked): a
/// `sources.json` of millions of entries costs the memory of the folder's files only.
fn parse_sources_kept(json: &str, keep: &dyn Fn(&str) -> bool) -> Result<ParsedSources, String> {
    let json = json.strip_prefix('\u{FEFF}').unwrap_or(json);
    let mut reader = serde_json::Deserializer::from_str(json);
    let raw = serde::Deserializer::deserialize_map(&mut reader, Kept { keep })
        .and_then(|raw| reader.end().map(|()| raw))
        .map_err(|error| {
            format!(
                "ignored: {}; expected {{\"FILE\": {{\"outlet\", \"title\", \"author\", \"date\", \"url\", \"articles\": [...]}}}}",
                text::clean_message(&error.to_string())
            )
        })?;
    let mut dropped = Vec::new();
    let mut files = HashMap::new();
    for (file, meta) in raw {
        let mut clean = |m: Metadata| Metadata {
            outlet: m.outlet.map(|s| text::clean_inline(&s)),
            title: m.title.map(|s| text::clean_inline(&s)),
            author: m.author.map(|s| text::clean_inline(&s)),
            date: m.date.and_then(|date| {
                let valid = formats::is_date(date.trim());
                if !valid {
                    dropped.push((file.clone(), date.clone()));
                }
                valid.then(|| date.trim().to_owned())
            }),
            url: m.url.map(|s| text::clean_inline(&s)),
        };
        let metadata = FileMetadata {
            whole: clean(meta.whole),
            articles: meta.articles.into_iter().map(&mut clean).collect(),
        };
        files.insert(file, metadata);
    }
    dropped.sort();
    Ok((files, dropped))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_entries_of_the_folders_files_are_kept_and_all_are_checked() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "Gaza").unwrap();
        let entry = |name: &str| format!(r#""{name}": {{"title": "T", "date": "2025-01-02"}}"#);
        let mut entries: Vec<String> = (0..100_000).map(|n| entry(&format!("{n}.txt"))).collect();
        entries.push(entry("a.txt"));
        let json = format!("{{{}}}", entries.join(","));
        std::fs::write(dir.path().join(SOURCES_FILE), &json).unwrap();
        let table = read_sources(dir.path(), false);
        assert!(table.warning.is_none(), "{:?}", table.warning);
        assert_eq!(table.files.len(), 1);
        assert_eq!(table.files["a.txt"].whole.title.as_deref(), Some("T"));
        // An entry for a file that is not there is still checked.
        let bad = json.replacen(r#""title""#, r#""publisher""#, 1);
        std::fs::write(dir.path().join(SOURCES_FILE), bad).unwrap();
        let table = read_sources(dir.path(), false);
        assert!(table.files.is_empty());
        assert!(table.warning.unwrap().contains("unknown field `publisher`"));
    }
}
