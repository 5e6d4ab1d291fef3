//! The names the review of suggestions rejected, never suggested again: a JSON list beside
//! the gazetteer the review writes to (`gazette.rejected.json` beside a story's
//! `gazette.json`, `gazetteer.rejected.json` beside the user's `gazetteer.json`), changed under
//! that gazetteer's lock and replaced atomically like it.

use super::{AdditionError, permissions};
use crate::error::GazetteerError;
use crate::paths::{self, WriteError};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The file's shape: `{"rejected": ["Name", …]}`.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Rejected {
    rejected: Vec<String>,
}

/// The list beside `gazetteer`: its name with `.rejected` before the extension.
pub fn path_beside(gazetteer: &Path) -> PathBuf {
    let stem = gazetteer.file_stem().unwrap_or_default().to_string_lossy();
    gazetteer.with_file_name(format!("{stem}.rejected.json"))
}

/// The names rejected for `gazetteer` (none when the list does not exist).
pub fn read(gazetteer: &Path) -> Result<Vec<String>, AdditionError> {
    read_list(&path_beside(gazetteer)).map(|list| list.rejected)
}

fn read_list(path: &Path) -> Result<Rejected, AdditionError> {
    let bytes = match crate::regular::read(path, crate::corpus::MAX_INPUT_BYTES) {
        Ok(bytes) => bytes,
        Err(error) if error.is_missing() => return Ok(Rejected::default()),
        Err(error) => return Err(WriteError::doing(path, "cannot read")(error.into()).into()),
    };
    serde_json::from_slice(&bytes).map_err(|error| {
        AdditionError::Invalid(GazetteerError {
            file: paths::display_path(path),
            line: error.line(),
            column: error.column(),
            entry: None,
            problem: error.to_string(),
            fix: "give {\"rejected\": [\"a name\", …]}, or remove the file".to_owned(),
        })
    })
}

/// Adds `names` to the list beside `gazetteer`, under the gazetteer's lock.
pub(super) fn add(gazetteer: &Path, names: &[String]) -> Result<(), AdditionError> {
    let names = names
        .iter()
        .map(|name| super::one_line(name))
        .collect::<Result<Vec<_>, _>>()?;
    let path = path_beside(gazetteer);
    let dir = paths::parent(&path);
    std::fs::create_dir_all(dir).map_err(WriteError::doing(dir, "cannot create the directory"))?;
    let lock = paths::lock(&paths::lock_path(gazetteer))?;
    paths::remove_stale_temps(&path, std::time::Duration::ZERO);
    let mut list = read_list(&path)?;
    for name in names {
        if !list.rejected.contains(&name) {
            list.rejected.push(name);
        }
    }
    let mut text = serde_json::to_string_pretty(&list).unwrap_or_default();
    text.push('\n');
    paths::replace(&path, text.as_bytes(), permissions(&path))?;
    drop(lock);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejections_accumulate_beside_the_gazetteer_and_a_broken_list_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let gazetteer = dir.path().join("gazette.json");
        assert_eq!(
            path_beside(&gazetteer),
            dir.path().join("gazette.rejected.json")
        );
        assert!(
            read(&gazetteer).unwrap().is_empty(),
            "no list: nothing rejected"
        );
        add(&gazetteer, &["Reflecting".into(), "Pressed".into()]).unwrap();
        add(&gazetteer, &["Pressed".into(), "Beyond".into()]).unwrap();
        assert_eq!(
            read(&gazetteer).unwrap(),
            ["Reflecting", "Pressed", "Beyond"]
        );
        assert!(!gazetteer.exists(), "the gazetteer itself is not written");

        let broken = b"{\"rejected\": [\"A\",]}";
        std::fs::write(path_beside(&gazetteer), broken).unwrap();
        let message = add(&gazetteer, &["B".into()]).unwrap_err().to_string();
        assert!(
            message.contains("gazette.rejected.json: line 1"),
            "{message}"
        );
        assert_eq!(std::fs::read(path_beside(&gazetteer)).unwrap(), broken);
        std::fs::remove_file(path_beside(&gazetteer)).unwrap();
        assert!(matches!(
            add(&gazetteer, &["two\nlines".into()]),
            Err(AdditionError::BadName(_))
        ));
    }
}
