//! `sources.json`: metadata for the articles of a folder, by file name.

use super::{Input, Metadata, Origin, Problem, SEED_SOURCES, Severity, display_path};
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

/// One directory's `sources.json`: metadata by file name, or why it could not be used.
type SourcesTable = Result<HashMap<String, FileMetadata>, String>;

/// The `sources.json` files met so far, one per directory.
#[derive(Debug, Default)]
pub struct SourcesCache {
    directories: std::sync::Mutex<HashMap<PathBuf, SourcesTable>>,
}

impl SourcesCache {
    /// The metadata for `input`, and a warning if its `sources.json` could not be used.
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
        let table = directories.entry(directory.clone()).or_insert_with(|| {
            read_sources(&directory, matches!(input.origin, Origin::BuiltIn(..)))
        });
        match table {
            Ok(table) => (table.get(&file_name).cloned().unwrap_or_default(), None),
            Err(message) => (
                FileMetadata::default(),
                Some(Problem {
                    name: display_path(&directory.join(SOURCES_FILE)),
                    message: message.clone(),
                    severity: Severity::Skipped,
                }),
            ),
        }
    }
}

fn read_sources(directory: &Path, built_in: bool) -> Result<HashMap<String, FileMetadata>, String> {
    let json = if built_in {
        SEED_SOURCES.to_owned()
    } else {
        match regular::read(&directory.join(SOURCES_FILE), regular::MAX_DATA_BYTES) {
            Ok(bytes) => String::from_utf8(bytes)
                .map_err(|_| "ignored: not valid UTF-8; save it as UTF-8".to_owned())?,
            Err(error) if error.is_missing() => return Ok(HashMap::new()),
            Err(error) => return Err(format!("ignored: {error}")),
        }
    };
    parse_sources(&json)
}

/// Parses a `sources.json`: `{"FILE": {"outlet": …, "articles": [{…}, …]}}`.
pub fn parse_sources(json: &str) -> Result<HashMap<String, FileMetadata>, String> {
    let json = json.strip_prefix('\u{FEFF}').unwrap_or(json);
    let raw: HashMap<String, RawFileMetadata> = serde_json::from_str(json).map_err(|error| {
        format!(
            "ignored: {}; expected {{\"FILE\": {{\"outlet\", \"title\", \"author\", \"date\", \"url\", \"articles\": [...]}}}}",
            text::clean_message(&error.to_string())
        )
    })?;
    Ok(raw
        .into_iter()
        .map(|(file, meta)| {
            let clean = |m: Metadata| Metadata {
                outlet: m.outlet.map(|s| text::clean_inline(&s)),
                title: m.title.map(|s| text::clean_inline(&s)),
                author: m.author.map(|s| text::clean_inline(&s)),
                date: m.date.map(|s| text::clean_inline(&s)),
                url: m.url.map(|s| text::clean_inline(&s)),
            };
            let metadata = FileMetadata {
                whole: clean(meta.whole),
                articles: meta.articles.into_iter().map(clean).collect(),
            };
            (file, metadata)
        })
        .collect())
}
