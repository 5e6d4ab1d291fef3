//! The reading position saved per corpus: source, scroll and selected entity.
//!
//! One small JSON file per corpus in the data directory, named by a hash of the corpus
//! identity (its input paths). Writes go to a temporary file in the same directory, are
//! synced, then renamed over the old file ([`paths::replace`]), so a crash leaves the old or
//! the new file whole; a temporary file left by a crash is removed by a later save once it is
//! [`STALE`]. A file that does not parse is moved aside to `NAME.corrupt-SECONDS`, never
//! dropped; a file from a newer version is left alone and nothing is saved over it. A
//! directory that cannot be written is found at start, with one message, and nothing is
//! saved.

use crate::paths::{self, WriteError};
use crate::regular::{self, ReadError};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The format version written.
pub const VERSION: u32 = 1;

/// How old a temporary file must be to count as left by a crash. Saves take no lock (a
/// reader quitting never waits on another), so a younger one may be another reader's save
/// in progress.
pub const STALE: Duration = Duration::from_secs(60);

/// A saved position.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Saved {
    /// The format version.
    pub version: u32,
    /// The article's file, as named in the corpus.
    pub file: String,
    /// The article's index within its file.
    pub article: usize,
    /// Byte offset of the top line in the article's clean text.
    pub offset: u32,
    /// The selected entity's id.
    pub entity: Option<String>,
}

/// Where positions for one corpus are kept (or not, when the directory is unusable).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Store {
    path: Option<PathBuf>,
}

/// What opening the store found.
#[derive(Debug, Default)]
pub struct Opened {
    /// The position saved last time, if any.
    pub saved: Option<Saved>,
    /// One message for the user (an unusable directory, a corrupt file set aside).
    pub message: Option<String>,
}

/// A stable 64-bit FNV-1a hash (the standard hasher may change between Rust versions).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The identity of a corpus: its inputs, made absolute where they exist.
pub fn corpus_identity(paths: &[PathBuf]) -> String {
    if paths.is_empty() {
        return "built-in seeds".to_owned();
    }
    paths
        .iter()
        .map(|path| {
            let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
            absolute.to_string_lossy().into_owned()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

impl Store {
    /// A store that never saves.
    pub fn disabled() -> Store {
        Store { path: None }
    }

    /// The store for `identity` in `dir` (`None`: no data directory), and what it holds.
    pub fn open(dir: Option<&Path>, identity: &str) -> (Store, Opened) {
        let Some(dir) = dir else {
            let message = "positions are not saved: no data directory (set GAZETTE_DATA_DIR)";
            return (Store::disabled(), opened_with(message.to_owned()));
        };
        let dir = dir.join(paths::POSITIONS_DIR);
        if let Err(error) = std::fs::create_dir_all(&dir) {
            let message = format!(
                "positions are not saved: cannot use the data directory {}: {error}",
                paths::display_path(&dir)
            );
            return (Store::disabled(), opened_with(message));
        }
        let path = dir.join(format!("{:016x}.json", fnv1a(identity.as_bytes())));
        let (mut opened, access) = read(&path);
        if access == Access::ReadOnly {
            return (Store::disabled(), opened);
        }
        // A read-only directory (or file system) is found now, not when the reader quits.
        if let Err(error) = paths::check_writable(&path) {
            let message = format!(
                "positions are not saved: cannot write in {}: {error}",
                paths::display_path(&dir)
            );
            opened.message = Some(match opened.message {
                Some(first) => format!("{first}; {message}"),
                None => message,
            });
            return (Store::disabled(), opened);
        }
        (Store { path: Some(path) }, opened)
    }

    /// Writes `saved` atomically.
    pub fn save(&self, saved: &Saved) -> Result<(), WriteError> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        paths::remove_stale_temps(path, STALE);
        let mut json = serde_json::to_vec_pretty(saved).map_err(|error| WriteError {
            path: path.clone(),
            action: "cannot encode",
            error: error.into(),
        })?;
        json.push(b'\n');
        paths::replace(path, &json, None)
    }
}

fn opened_with(message: String) -> Opened {
    Opened {
        saved: None,
        message: Some(message),
    }
}

/// Whether a saved file may be replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Access {
    ReadWrite,
    /// Written by a newer gazette: left alone, and nothing is saved over it.
    ReadOnly,
}

/// The version field alone, read from any JSON object (newer formats may add fields).
#[derive(Deserialize)]
struct VersionOnly {
    version: u32,
}

fn read(path: &Path) -> (Opened, Access) {
    let bytes = match regular::read(path, regular::MAX_DATA_BYTES) {
        Ok(bytes) => bytes,
        Err(error) if error.is_missing() => {
            return (Opened::default(), Access::ReadWrite);
        }
        Err(error @ ReadError::Io(_)) => {
            let name = paths::display_path(path);
            let message = format!("cannot read the saved position {name}: {error}");
            return (opened_with(message), Access::ReadWrite);
        }
        // Not gazette's to replace: left as it is, and nothing saved over it.
        Err(refusal) => {
            let name = paths::display_path(path);
            let message = format!(
                "positions are not saved: {name} is {refusal}; remove it to save positions again"
            );
            return (opened_with(message), Access::ReadOnly);
        }
    };
    if let Ok(VersionOnly { version }) = serde_json::from_slice(&bytes)
        && version > VERSION
    {
        let name = paths::display_path(path);
        let message = format!(
            "positions are not saved: {name} was written by a newer gazette (format \
             {version}; this one knows up to {VERSION}), so it is left as it is"
        );
        return (opened_with(message), Access::ReadOnly);
    }
    let opened = match serde_json::from_slice::<Saved>(&bytes) {
        Ok(saved) => Opened {
            saved: Some(saved),
            message: None,
        },
        Err(_) => set_aside(path),
    };
    (opened, Access::ReadWrite)
}

fn set_aside(path: &Path) -> Opened {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let mut aside = path.as_os_str().to_owned();
    aside.push(format!(".corrupt-{seconds}"));
    let aside = PathBuf::from(aside);
    let name = paths::display_path(path);
    match std::fs::rename(path, &aside) {
        Ok(()) => opened_with(format!(
            "the saved position {name} was unreadable; moved to {}",
            paths::display_path(&aside)
        )),
        Err(error) => opened_with(format!(
            "the saved position {name} is unreadable and could not be moved aside: {error}"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn saved() -> Saved {
        Saved {
            version: VERSION,
            file: "seeds/000.txt".into(),
            article: 0,
            offset: 120,
            entity: Some("ron-dermer".into()),
        }
    }

    #[test]
    fn saves_and_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let (store, opened) = Store::open(Some(dir.path()), "corpus");
        assert!(opened.saved.is_none() && opened.message.is_none());
        store.save(&saved()).unwrap();
        let (_, opened) = Store::open(Some(dir.path()), "corpus");
        assert_eq!(opened.saved, Some(saved()));
        let (_, other) = Store::open(Some(dir.path()), "another corpus");
        assert!(other.saved.is_none());
    }

    #[test]
    fn a_corrupt_file_is_moved_aside_with_a_message() {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = Store::open(Some(dir.path()), "corpus");
        let path = store.path.clone().unwrap();
        for bad in [
            &b"{\"version\": 1, \"fi"[..],
            b"\0\0\0\0",
            b"{\"version\": 1, \"from\": \"another program\"}",
        ] {
            std::fs::write(&path, bad).unwrap();
            let (_, opened) = Store::open(Some(dir.path()), "corpus");
            assert!(opened.saved.is_none());
            assert!(opened.message.unwrap().contains("corrupt-"));
            assert!(!path.exists());
            let aside: Vec<_> = std::fs::read_dir(path.parent().unwrap())
                .unwrap()
                .filter_map(Result::ok)
                .filter(|entry| entry.file_name().to_string_lossy().contains(".corrupt-"))
                .collect();
            assert_eq!(std::fs::read(aside[0].path()).unwrap(), bad);
            std::fs::remove_file(aside[0].path()).unwrap();
        }
    }

    #[test]
    fn a_file_from_a_newer_version_is_left_alone_and_nothing_is_saved_over_it() {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = Store::open(Some(dir.path()), "corpus");
        let path = store.path.clone().unwrap();
        let future =
            b"{\"version\": 2, \"file\": \"x\", \"article\": 0, \"offset\": 0, \"new\": 1}";
        std::fs::write(&path, future).unwrap();
        let (store, opened) = Store::open(Some(dir.path()), "corpus");
        assert!(opened.saved.is_none());
        let message = opened.message.unwrap();
        assert!(message.contains("newer gazette (format 2"), "{message}");
        assert_eq!(store, Store::disabled());
        store.save(&saved()).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), future);
    }

    #[test]
    fn a_fifo_or_device_for_a_position_is_named_never_waited_on_nor_replaced() {
        for device in [false, true] {
            let dir = tempfile::tempdir().unwrap();
            let (store, _) = Store::open(Some(dir.path()), "corpus");
            let path = store.path.clone().unwrap();
            if device {
                std::os::unix::fs::symlink("/dev/zero", &path).unwrap();
            } else {
                crate::testing::mkfifo(&path);
            }
            let root = dir.path().to_path_buf();
            let (store, opened) =
                crate::testing::within_seconds(move || Store::open(Some(&root), "corpus"));
            let message = opened.message.unwrap();
            let kind = if device { "device" } else { "FIFO" };
            assert!(message.contains("positions are not saved"), "{message}");
            assert!(
                message.contains(&format!("not a regular file ({kind})")),
                "{message}"
            );
            assert_eq!(store, Store::disabled());
            assert!(!std::fs::symlink_metadata(&path).unwrap().is_file());
        }
    }

    #[test]
    fn an_unusable_directory_warns_once_and_disables_saving() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("not-a-directory");
        std::fs::write(&file, "x").unwrap();
        let (store, opened) = Store::open(Some(&file), "corpus");
        assert!(opened.message.unwrap().contains("positions are not saved"));
        assert_eq!(store, Store::disabled());
        store.save(&saved()).unwrap();
        let (_, none) = Store::open(None, "corpus");
        assert!(none.message.is_some());
    }

    #[test]
    fn a_later_save_removes_temporary_files_left_by_a_crash() {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = Store::open(Some(dir.path()), "corpus");
        let path = store.path.clone().unwrap();
        let positions = path.parent().unwrap();
        let name = path.file_name().unwrap().to_string_lossy();
        let temp = |tag: &str, age: Duration| {
            let temp = positions.join(format!(".{name}.{tag}.tmp"));
            let file = std::fs::File::create(&temp).unwrap();
            file.set_modified(std::time::SystemTime::now() - age)
                .unwrap();
            temp
        };
        let crashed = temp("crashed", STALE * 2);
        let in_progress = temp("saving", Duration::ZERO);
        store.save(&saved()).unwrap();
        assert!(!crashed.exists(), "left by a crash long ago");
        assert!(in_progress.exists(), "maybe another reader's save");
    }

    #[test]
    fn a_failed_save_leaves_the_old_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = Store::open(Some(dir.path()), "corpus");
        store.save(&saved()).unwrap();
        let path = store.path.clone().unwrap();
        let before = std::fs::read(&path).unwrap();
        // A save that cannot create its temporary file changes nothing.
        let broken = Store {
            path: Some(dir.path().join("missing").join("x.json")),
        };
        assert!(broken.save(&saved()).is_err());
        assert_eq!(std::fs::read(&path).unwrap(), before);
        let leftovers = std::fs::read_dir(path.parent().unwrap()).unwrap().count();
        assert_eq!(leftovers, 1);
    }
}
