//! The reading position saved per corpus: source, scroll and selected entity.
//!
//! One small JSON file per corpus in the data directory, named by a hash of the corpus
//! identity (its input paths). Writes go to a temporary file in the same directory, are
//! synced, then renamed over the old file, so a crash leaves the old or the new file whole.
//! A file that does not parse is moved aside to `NAME.corrupt-SECONDS`, never dropped.

use serde::{Deserialize, Serialize};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The format version written.
pub const VERSION: u32 = 1;

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
            let message = "no data directory (set GAZETTE_DATA_DIR): positions are not saved";
            return (Store::disabled(), opened_with(message.to_owned()));
        };
        let dir = dir.join("positions");
        if let Err(error) = std::fs::create_dir_all(&dir) {
            let message = format!(
                "cannot use the data directory {}: {error}; positions are not saved",
                crate::corpus::display_path(&dir)
            );
            return (Store::disabled(), opened_with(message));
        }
        let path = dir.join(format!("{:016x}.json", fnv1a(identity.as_bytes())));
        let opened = read(&path);
        (Store { path: Some(path) }, opened)
    }

    /// Writes `saved` atomically.
    pub fn save(&self, saved: &Saved) -> io::Result<()> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        let dir = path.parent().unwrap_or(Path::new("."));
        let mut file = tempfile::NamedTempFile::new_in(dir)?;
        serde_json::to_writer_pretty(&mut file, saved)?;
        file.write_all(b"\n")?;
        file.as_file().sync_all()?;
        file.persist(path).map_err(|error| error.error)?;
        // Make the rename itself durable; not every file system allows syncing a directory.
        if let Ok(dir) = std::fs::File::open(dir) {
            let _ = dir.sync_all();
        }
        Ok(())
    }
}

fn opened_with(message: String) -> Opened {
    Opened {
        saved: None,
        message: Some(message),
    }
}

fn read(path: &Path) -> Opened {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Opened::default(),
        Err(error) => {
            let name = crate::corpus::display_path(path);
            return opened_with(format!("cannot read the saved position {name}: {error}"));
        }
    };
    match serde_json::from_slice::<Saved>(&bytes) {
        Ok(saved) if saved.version <= VERSION => Opened {
            saved: Some(saved),
            message: None,
        },
        Ok(_) | Err(_) => set_aside(path),
    }
}

fn set_aside(path: &Path) -> Opened {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let mut aside = path.as_os_str().to_owned();
    aside.push(format!(".corrupt-{seconds}"));
    let aside = PathBuf::from(aside);
    let name = crate::corpus::display_path(path);
    match std::fs::rename(path, &aside) {
        Ok(()) => opened_with(format!(
            "the saved position {name} was unreadable; moved to {}",
            crate::corpus::display_path(&aside)
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
            b"{\"version\": 99, \"file\": \"x\", \"article\": 0, \"offset\": 0, \"entity\": null}",
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
