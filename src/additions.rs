//! Additions to the user gazetteer: a new entity, or a new alias of a known one.
//!
//! Several readers may add at once, so every addition is a read-modify-write under an
//! exclusive lock on a sibling `gazetteer.json.lock`: the file is read again under the lock,
//! the addition applied, and the result written to a temporary file in the same directory,
//! synced, renamed over the old file, and the directory synced ([`paths::replace`]). A crash
//! leaves the old or the new file whole; two writers never lose each other's entries; the
//! temporary file of a writer that was killed is removed by the next one, under the lock. A
//! file that does not parse is reported (file, line, column) and never overwritten.
//!
//! Decisions on suggested entities are additions too: accepted entities are written whole
//! (name, kind, aliases, description), merged ones as aliases of a known entity, and rejected
//! names go to a list beside the gazetteer ([`rejected`]), under the same lock.
//!
//! ```no_run
//! use gazette::additions;
//! use gazette::gazetteer::Kind;
//!
//! let path = std::path::Path::new("gazetteer.json");
//! let id = additions::add_entity(path, "Karoline Leavitt", Kind::Person)?;
//! assert_eq!(id, "karoline-leavitt");
//! # Ok::<(), additions::AdditionError>(())
//! ```

pub mod rejected;

use crate::corpus;
use crate::error::GazetteerError;
use crate::gazetteer::{self, Entity, Gazetteer, Kind, LayerSource};
use crate::paths::{self, WriteError};
use crate::regular;
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;
use std::path::Path;

/// Why an addition was not written.
#[derive(Debug, thiserror::Error)]
pub enum AdditionError {
    /// The file on disk is not a valid gazetteer; it was left as it is.
    #[error("{0} (the file was left unchanged; fix it, then add again)")]
    Invalid(#[from] GazetteerError),
    /// Reading, locking or writing failed.
    #[error(transparent)]
    Io(#[from] WriteError),
    /// The name or alias is empty, or has a line break.
    #[error("cannot add {}: a name must be one non-empty line", crate::text::quoted(.0))]
    BadName(String),
}

/// What was added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Addition {
    /// A new entity.
    Entity {
        /// Its name.
        name: String,
        /// Its kind.
        kind: Kind,
    },
    /// A new alias of a known entity.
    Alias {
        /// The entity as the gazetteer knows it now.
        entity: Entity,
        /// The alias.
        alias: String,
    },
    /// Suggested entities accepted, each written whole (its id is made anew).
    Accept(Vec<Entity>),
    /// Forms that become aliases of a known entity (a suggestion merged into it).
    Merge {
        /// The entity as the gazetteer knows it now.
        entity: Entity,
        /// The forms.
        forms: Vec<String>,
    },
    /// Names never to suggest again.
    Reject(Vec<String>),
}

impl Addition {
    /// How the addition is named in messages: “Karoline Leavitt” as a person.
    pub fn describe(&self) -> String {
        match self {
            Addition::Entity { name, kind } => format!("“{name}” as {}", kind.noun()),
            Addition::Alias { entity, alias } => {
                format!("“{alias}” as an alias of {}", entity.name)
            }
            Addition::Accept(entities) => match entities.as_slice() {
                [one] => format!("“{}” as {}", one.name, one.kind.noun()),
                many => format!("{} suggested entities", many.len()),
            },
            Addition::Merge { entity, forms } => {
                format!("{} as aliases of {}", quoted_list(forms), entity.name)
            }
            Addition::Reject(names) => format!("{} to the rejected names", quoted_list(names)),
        }
    }

    /// Whether it is a decision on suggested entities (written where the review writes).
    pub fn is_review(&self) -> bool {
        matches!(
            self,
            Addition::Accept(_) | Addition::Merge { .. } | Addition::Reject(_)
        )
    }
}

/// “A”, “B” and “C”; past three names, “A”, “B” and 5 more.
fn quoted_list(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().take(3).map(|n| format!("“{n}”")).collect();
    match (quoted.as_slice(), names.len()) {
        ([], _) => "nothing".to_owned(),
        ([one], 1) => one.clone(),
        (_, count) if count > 3 => format!("{} and {} more", quoted[..2].join(", "), count - 2),
        (all, _) => format!(
            "{} and {}",
            all[..all.len() - 1].join(", "),
            all[all.len() - 1]
        ),
    }
}

/// Writes `addition` to the gazetteer at `path` (a rejection: to the list beside it); the id
/// of the entity added to (empty for a rejection). New ids avoid every id `taken` reports.
pub fn apply(
    path: &Path,
    addition: &Addition,
    taken: &dyn Fn(&str) -> bool,
) -> Result<String, AdditionError> {
    match addition {
        Addition::Entity { name, kind } => add_entity_avoiding(path, name, *kind, taken),
        Addition::Alias { entity, alias } => {
            add_aliases(path, entity, std::slice::from_ref(alias)).map(|()| entity.id.clone())
        }
        // Of several, no one entity's mentions are worth counting.
        Addition::Accept(entities) => add_entities(path, entities, taken).map(|id| {
            if entities.len() == 1 {
                id
            } else {
                String::new()
            }
        }),
        Addition::Merge { entity, forms } => {
            add_aliases(path, entity, forms).map(|()| entity.id.clone())
        }
        Addition::Reject(names) => rejected::add(path, names).map(|()| String::new()),
    }
}

/// One entity as the file holds it; the fields in the order people write them.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileEntity {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    name: String,
    kind: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    case_insensitive: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileGazetteer {
    entities: Vec<FileEntity>,
}

/// Adds an entity named `name`; returns its id (a slug of the name, made unique in the
/// file). Adding a name the file already has as an entity changes nothing.
pub fn add_entity(path: &Path, name: &str, kind: Kind) -> Result<String, AdditionError> {
    add_entity_avoiding(path, name, kind, &|_| false)
}

/// Like [`add_entity`], but the id also avoids every id `taken` reports (those of the other
/// layers, whose entries an equal id would merge with).
pub fn add_entity_avoiding(
    path: &Path,
    name: &str,
    kind: Kind,
    taken: &dyn Fn(&str) -> bool,
) -> Result<String, AdditionError> {
    let entity = Entity {
        id: String::new(),
        name: name.to_owned(),
        kind,
        aliases: Vec::new(),
        description: None,
        case_insensitive: false,
    };
    add_entities(path, &[entity], taken)
}

/// Adds each entity whole (name, kind, aliases, description) under a new id; an entity whose
/// name the file already has gets the new aliases instead. Returns the first one's id.
pub fn add_entities(
    path: &Path,
    entities: &[Entity],
    taken: &dyn Fn(&str) -> bool,
) -> Result<String, AdditionError> {
    let mut clean = Vec::with_capacity(entities.len());
    for entity in entities {
        let aliases = entity.aliases.iter().map(|a| one_line(a));
        clean.push((
            one_line(&entity.name)?,
            aliases.collect::<Result<Vec<_>, _>>()?,
        ));
    }
    update(path, |file| {
        let mut first = None;
        for (entity, (name, aliases)) in entities.iter().zip(clean) {
            let id = push_entity(file, entity, name, aliases, taken);
            first.get_or_insert(id);
        }
        first.unwrap_or_default()
    })
}

/// Adds one entity to the file, or its aliases to the entry of the same name; its id.
fn push_entity(
    file: &mut FileGazetteer,
    entity: &Entity,
    name: String,
    aliases: Vec<String>,
    taken: &dyn Fn(&str) -> bool,
) -> String {
    if let Some(existing) = file.entities.iter().position(|e| e.name == name) {
        add_new_aliases(&mut file.entities[existing], aliases);
        return id_of(&file.entities, existing);
    }
    let base = gazetteer::slug(&name, file.entities.len());
    let in_file =
        |id: &str| (0..file.entities.len()).any(|index| id_of(&file.entities, index) == id);
    let mut id = base.clone();
    let mut n = 1;
    while in_file(&id) || taken(&id) {
        n += 1;
        id = format!("{base}-{n}");
    }
    let mut entry = FileEntity {
        id: Some(id.clone()),
        name,
        kind: entity.kind.as_str().to_owned(),
        aliases: Vec::new(),
        description: entity.description.clone(),
        case_insensitive: None,
    };
    add_new_aliases(&mut entry, aliases);
    file.entities.push(entry);
    id
}

/// Adds `alias` to `entity`: to its entry in the file, or as a new entry with the same id
/// (and its current name and kind), which layer merging joins to the entity.
pub fn add_alias(path: &Path, entity: &Entity, alias: &str) -> Result<(), AdditionError> {
    add_aliases(path, entity, &[alias.to_owned()])
}

/// Adds each of `aliases` to `entity`, as [`add_alias`] does one.
pub fn add_aliases(path: &Path, entity: &Entity, aliases: &[String]) -> Result<(), AdditionError> {
    let aliases = aliases
        .iter()
        .map(|alias| one_line(alias))
        .collect::<Result<Vec<_>, _>>()?;
    update(path, |file| {
        let own = (0..file.entities.len()).find(|&i| id_of(&file.entities, i) == entity.id);
        let index = own.unwrap_or_else(|| {
            file.entities.push(FileEntity {
                id: Some(entity.id.clone()),
                name: entity.name.clone(),
                kind: entity.kind.as_str().to_owned(),
                aliases: Vec::new(),
                description: None,
                case_insensitive: None,
            });
            file.entities.len() - 1
        });
        add_new_aliases(&mut file.entities[index], aliases);
    })
}

/// Adds the aliases the entry lacks (its name is none of them).
fn add_new_aliases(entry: &mut FileEntity, aliases: Vec<String>) {
    for alias in aliases {
        if entry.name != alias && !entry.aliases.contains(&alias) {
            entry.aliases.push(alias);
        }
    }
}

/// The id an entry has once loaded: its own, or the slug the loader gives it.
fn id_of(entities: &[FileEntity], index: usize) -> String {
    entities[index]
        .id
        .clone()
        .unwrap_or_else(|| gazetteer::slug(&entities[index].name, index))
}

fn one_line(value: &str) -> Result<String, AdditionError> {
    let value = value.trim();
    if value.is_empty() || value.contains(['\n', '\r']) {
        return Err(AdditionError::BadName(value.to_owned()));
    }
    Ok(value.to_owned())
}

/// Read, change and write the file under its lock.
fn update<T>(
    path: &Path,
    change: impl FnOnce(&mut FileGazetteer) -> T,
) -> Result<T, AdditionError> {
    let dir = paths::parent(path);
    std::fs::create_dir_all(dir).map_err(WriteError::doing(dir, "cannot create the directory"))?;
    let lock = paths::lock(&paths::lock_path(path))?;
    // Every writer holds the lock while its temporary file exists: any found now is a dead
    // writer's.
    paths::remove_stale_temps(path, std::time::Duration::ZERO);
    let mut file = read(path)?;
    let result = change(&mut file);
    paths::replace(path, render(&file).as_bytes(), permissions(path))?;
    drop(lock);
    Ok(result)
}

/// The permissions for the new file: the old one's (a new file: read-write for the owner,
/// readable by others, like any file the user creates).
#[allow(clippy::unnecessary_wraps)] // `None` on systems without Unix permissions
fn permissions(path: &Path) -> Option<std::fs::Permissions> {
    match std::fs::metadata(path) {
        Ok(metadata) => Some(metadata.permissions()),
        Err(_) => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                Some(std::fs::Permissions::from_mode(0o644))
            }
            #[cfg(not(unix))]
            None
        }
    }
}

/// The file as it is now: empty when missing; an error (never a rewrite) when invalid.
fn read(path: &Path) -> Result<FileGazetteer, AdditionError> {
    let bytes = match regular::read(path, corpus::MAX_INPUT_BYTES) {
        Ok(bytes) => bytes,
        Err(error) if error.is_missing() => return Ok(FileGazetteer::default()),
        Err(error) => return Err(WriteError::doing(path, "cannot read")(error.into()).into()),
    };
    let label = paths::display_path(path);
    Gazetteer::load(&[LayerSource {
        label: label.clone(),
        bytes: bytes.clone(),
    }])?;
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    serde_json::from_slice(body).map_err(|error| {
        AdditionError::Invalid(GazetteerError {
            file: label,
            line: error.line(),
            column: error.column(),
            entry: None,
            problem: error.to_string(),
            fix: "check that it is valid JSON".to_owned(),
        })
    })
}

/// One entity a line, like the built-in gazetteer.
fn render(file: &FileGazetteer) -> String {
    let mut out = String::from("{\n  \"entities\": [\n");
    for (index, entity) in file.entities.iter().enumerate() {
        let json = serde_json::to_string(entity).unwrap_or_default();
        let comma = if index + 1 < file.entities.len() {
            ","
        } else {
            ""
        };
        let _ = writeln!(out, "    {json}{comma}");
    }
    out.push_str("  ]\n}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(path: &Path) -> Gazetteer {
        let layers = [
            LayerSource::built_in(),
            LayerSource {
                label: "user".into(),
                bytes: std::fs::read(path).unwrap(),
            },
        ];
        Gazetteer::load(&layers).unwrap()
    }

    #[test]
    fn additions_survive_a_reload() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config/gazetteer.json");
        let id = add_entity(&path, "Karoline Leavitt", Kind::Person).unwrap();
        assert_eq!(id, "karoline-leavitt");
        assert_eq!(
            add_entity(&path, "Karoline Leavitt", Kind::Person).unwrap(),
            id,
            "adding twice changes nothing"
        );
        let boehler = load(&path);
        let boehler = boehler
            .entity(boehler.find("adam-boehler").unwrap())
            .clone();
        add_alias(&path, &boehler, "Boehlerr").unwrap();
        let taken = |id: &str| id == "hamas";
        add_entity_avoiding(&path, "Hamas", Kind::Organization, &taken).unwrap();

        let gazetteer = load(&path);
        let leavitt = gazetteer.find("karoline-leavitt").unwrap();
        assert_eq!(gazetteer.entity(leavitt).kind, Kind::Person);
        let boehler = gazetteer.entity(gazetteer.find("adam-boehler").unwrap());
        assert_eq!(boehler.name, "Adam Boehler");
        assert!(boehler.aliases.iter().any(|a| a == "Boehlerr"));
        assert!(boehler.aliases.iter().any(|a| a == "Boehler"), "kept");
        assert!(gazetteer.find("hamas-2").is_some());
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.contains(r#"{"id":"karoline-leavitt","name":"Karoline Leavitt","kind":"person"}"#),
            "{text}"
        );
        let left: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .collect();
        assert_eq!(left.len(), 2, "only the file and its lock: {left:?}");
    }

    /// When run as a child of `two_processes_lose_nothing`, adds 50 names to the file named
    /// in the environment; otherwise does nothing.
    #[test]
    fn adds_names_when_asked_by_another_process() {
        let (Some(path), Some(writer)) = (
            std::env::var_os("GAZETTE_TEST_ADD_TO"),
            std::env::var("GAZETTE_TEST_WRITER").ok(),
        ) else {
            return;
        };
        for n in 0..50 {
            add_entity(Path::new(&path), &format!("Name {writer} {n}"), Kind::Misc).unwrap();
        }
    }

    #[test]
    fn two_processes_lose_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gazetteer.json");
        let exe = std::env::current_exe().unwrap();
        let children: Vec<_> = ["a", "b"]
            .iter()
            .map(|writer| {
                std::process::Command::new(&exe)
                    .args([
                        "--exact",
                        "additions::tests::adds_names_when_asked_by_another_process",
                    ])
                    .env("GAZETTE_TEST_ADD_TO", &path)
                    .env("GAZETTE_TEST_WRITER", writer)
                    .stdout(std::process::Stdio::null())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for mut child in children {
            assert!(child.wait().unwrap().success());
        }
        let built_in = Gazetteer::load(&[LayerSource::built_in()]).unwrap();
        assert_eq!(load(&path).entities.len(), built_in.entities.len() + 100);
    }

    #[test]
    fn a_fifo_or_device_for_the_file_or_its_lock_is_an_error_never_a_wait() {
        for lock in [false, true] {
            for device in [false, true] {
                let dir = tempfile::tempdir().unwrap();
                let path = dir.path().join("gazetteer.json");
                let odd = if lock {
                    paths::lock_path(&path)
                } else {
                    path.clone()
                };
                if device {
                    std::os::unix::fs::symlink("/dev/zero", &odd).unwrap();
                } else {
                    crate::testing::mkfifo(&odd);
                }
                let target = path.clone();
                let added = crate::testing::within_seconds(move || {
                    add_entity(&target, "Someone", Kind::Person)
                });
                let message = added.unwrap_err().to_string();
                let kind = if device { "device" } else { "FIFO" };
                assert!(
                    message.contains(&format!("not a regular file ({kind})")),
                    "{message}"
                );
                assert!(message.contains(&paths::display_path(&odd)), "{message}");
            }
        }
    }

    #[test]
    fn a_linked_gazetteer_is_written_through_to_its_target_and_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let dotfiles = dir.path().join("dotfiles");
        let config = dir.path().join("config");
        std::fs::create_dir_all(&dotfiles).unwrap();
        std::fs::create_dir_all(&config).unwrap();
        let target = dotfiles.join("gaz.json");
        std::fs::write(&target, "{\"entities\": []}").unwrap();
        let path = config.join("gazetteer.json");
        std::os::unix::fs::symlink("../dotfiles/gaz.json", &path).unwrap();
        add_entity(&path, "Karoline Leavitt", Kind::Person).unwrap();
        add_entity(&path, "Adam Boehler", Kind::Person).unwrap();
        assert!(std::fs::symlink_metadata(&path).unwrap().is_symlink());
        let text = std::fs::read_to_string(&target).unwrap();
        assert!(text.contains("Karoline Leavitt") && text.contains("Adam Boehler"));
        let names = |dir: &Path| -> Vec<String> {
            let entries = std::fs::read_dir(dir).unwrap().flatten();
            let mut names: Vec<_> = entries
                .map(|e| e.file_name().into_string().unwrap())
                .collect();
            names.sort();
            names
        };
        assert_eq!(names(&dotfiles), ["gaz.json"]);
        assert_eq!(names(&config), ["gazetteer.json", "gazetteer.json.lock"]);
    }

    #[test]
    fn an_invalid_file_is_reported_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gazetteer.json");
        let broken =
            b"{\n  \"entities\": [\n    {\"name\": \"A\", \"kind\": \"person\",}\n  ]\n}\n";
        std::fs::write(&path, broken).unwrap();
        let error = add_entity(&path, "Someone", Kind::Person).unwrap_err();
        let message = error.to_string();
        assert!(message.contains("gazetteer.json: line 3"), "{message}");
        assert!(message.contains("left unchanged"), "{message}");
        assert_eq!(std::fs::read(&path).unwrap(), broken);
        let entity = Entity {
            id: "x".into(),
            name: "X".into(),
            kind: Kind::Place,
            aliases: Vec::new(),
            description: None,
            case_insensitive: false,
        };
        assert!(add_alias(&path, &entity, "Ex").is_err());
        assert_eq!(std::fs::read(&path).unwrap(), broken);
        assert!(matches!(
            add_entity(&path, " \n ", Kind::Person),
            Err(AdditionError::BadName(_))
        ));
    }
}
