//! Where gazette reads its configuration and keeps its data, and how it writes there.
//!
//! The standard per-user directories (`directories::ProjectDirs`), unless an environment
//! variable names another: `GAZETTE_CONFIG_DIR` for the configuration (`config.toml`, the user
//! gazetteer),
//! `GAZETTE_DATA_DIR` for data (saved reading positions). With neither a home directory nor
//! an override there is no such directory, and gazette runs without it rather than writing
//! into the current directory.
//!
//! A file there is replaced whole ([`replace`]): the new contents go to a temporary file
//! beside it (`.NAME.XXXXXX.tmp`), which is synced and renamed over the file, then the
//! directory is synced; a crash leaves the old file or the new one. A symbolic link is written
//! through to its target, the temporary file beside the target, so the link stays a link. A
//! writer killed before the rename leaves its temporary file, which is never read;
//! [`remove_stale_temps`] clears such files away.

use std::ffi::OsString;
use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Environment variable that overrides the configuration directory.
pub const CONFIG_DIR_ENV: &str = "GAZETTE_CONFIG_DIR";

/// Environment variable that overrides the data directory.
pub const DATA_DIR_ENV: &str = "GAZETTE_DATA_DIR";

/// Environment variable that overrides the cache directory (fetched pages and feeds).
pub const CACHE_DIR_ENV: &str = "GAZETTE_CACHE_DIR";

/// The file name of the configuration inside the configuration directory.
pub const CONFIG_FILE: &str = "config.toml";

/// The file name of the user gazetteer inside the configuration directory.
pub const USER_GAZETTEER: &str = "gazetteer.json";

/// The folder of saved reading positions inside the data directory.
pub const POSITIONS_DIR: &str = "positions";

/// The file of article metadata beside the articles (outlet, title, author, date, url).
pub const SOURCES_FILE: &str = "sources.json";

/// The story gazetteer: a gazetteer file at the top of a corpus folder, read as a layer
/// (between the user's gazetteer and `--gazetteer`), never as an article.
pub const STORY_GAZETTEER: &str = "gazette.json";

/// The files gazette keeps at the top of a corpus folder, never read as articles: the story
/// gazetteer, the names its review rejected, and their lock.
pub const STORY_FILES: [&str; 3] = [
    STORY_GAZETTEER,
    "gazette.rejected.json",
    "gazette.json.lock",
];

/// The suffix of the lock file beside a shared file: `gazetteer.json.lock`.
const LOCK_SUFFIX: &str = ".lock";

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "gazette")
}

fn from_env(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .filter(|value| !value.is_empty())
        .map(PathBuf::from)
}

/// The configuration directory, e.g. `~/.config/gazette`.
pub fn config_dir() -> Option<PathBuf> {
    from_env(CONFIG_DIR_ENV).or_else(|| project_dirs().map(|dirs| dirs.config_dir().to_path_buf()))
}

/// The data directory, e.g. `~/.local/share/gazette`.
pub fn data_dir() -> Option<PathBuf> {
    from_env(DATA_DIR_ENV).or_else(|| project_dirs().map(|dirs| dirs.data_dir().to_path_buf()))
}

/// The cache directory of fetched pages and feeds, e.g. `~/.cache/gazette`.
pub fn cache_dir() -> Option<PathBuf> {
    from_env(CACHE_DIR_ENV).or_else(|| project_dirs().map(|dirs| dirs.cache_dir().to_path_buf()))
}

/// The configuration file, e.g. `~/.config/gazette/config.toml`.
pub fn config_file() -> Option<PathBuf> {
    config_dir().map(|dir| dir.join(CONFIG_FILE))
}

/// The user gazetteer, e.g. `~/.config/gazette/gazetteer.json`.
pub fn user_gazetteer() -> Option<PathBuf> {
    config_dir().map(|dir| dir.join(USER_GAZETTEER))
}

/// The lock file beside `path`: `gazetteer.json.lock`.
pub fn lock_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(LOCK_SUFFIX);
    path.with_file_name(name)
}

/// A path as shown to the user: lossy UTF-8, sanitized, on one line.
pub fn display_path(path: &Path) -> String {
    crate::text::clean_inline(&path.to_string_lossy())
}

/// Why a file could not be replaced: the file or directory involved, what was being done.
#[derive(Debug, thiserror::Error)]
#[error("{}: {action}: {error}", display_path(path))]
pub struct WriteError {
    /// The file or directory involved.
    pub path: PathBuf,
    /// What was being done.
    pub action: &'static str,
    /// The error.
    #[source]
    pub error: io::Error,
}

impl WriteError {
    /// A function that turns an `io::Error` met doing `action` on `path` into a `WriteError`.
    pub fn doing(path: &Path, action: &'static str) -> impl FnOnce(io::Error) -> WriteError {
        let path = path.to_path_buf();
        move |error| WriteError {
            path,
            action,
            error,
        }
    }
}

/// The directory `path` is in (`.` for a bare file name).
pub fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// The start of the names of `path`'s temporary files: `.NAME.`.
fn temp_prefix(path: &Path) -> OsString {
    let mut prefix = OsString::from(".");
    prefix.push(path.file_name().unwrap_or_default());
    prefix.push(".");
    prefix
}

/// A new temporary file beside `path`, deleted when dropped unless persisted.
fn temp_beside(path: &Path) -> io::Result<tempfile::NamedTempFile> {
    tempfile::Builder::new()
        .prefix(&temp_prefix(path))
        .suffix(".tmp")
        .tempfile_in(parent(path))
        .map_err(without_path)
}

/// The system's error without the "at path …" that `tempfile` adds (the messages here name
/// the path themselves).
fn without_path(error: io::Error) -> io::Error {
    let inner = error.get_ref().and_then(std::error::Error::source);
    match inner.and_then(|inner| inner.downcast_ref::<io::Error>()) {
        Some(inner) => inner
            .raw_os_error()
            .map_or(error, io::Error::from_raw_os_error),
        None => error,
    }
}

/// Whether a new file can be written beside `path` (tried with an empty temporary file).
pub fn check_writable(path: &Path) -> io::Result<()> {
    temp_beside(path).map(drop)
}

/// The most symbolic links followed from one path (the system's own limit, `MAXSYMLINKS`).
const MAX_LINKS: usize = 40;

/// The file `path` stands for: `path` itself, or where its symbolic links lead (the last
/// one, even if it does not exist yet). Writing there keeps the user's link a link.
pub fn link_target(path: &Path) -> PathBuf {
    let mut path = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match std::fs::read_link(&path) {
            Ok(target) => path = parent(&path).join(target),
            Err(_) => break,
        }
    }
    path
}

/// Replaces `path` with `contents` (see the module docs), giving the new file `permissions`
/// when set. A symbolic link is written through: its target is replaced, with the temporary
/// file beside the target.
pub fn replace(
    path: &Path,
    contents: &[u8],
    permissions: Option<std::fs::Permissions>,
) -> Result<(), WriteError> {
    let path = &link_target(path);
    let dir = parent(path);
    let mut temp =
        temp_beside(path).map_err(WriteError::doing(dir, "cannot create a temporary file"))?;
    if let Some(permissions) = permissions {
        let _ = temp.as_file().set_permissions(permissions);
    }
    // Errors name `path`: the temporary file is gone once the error is reported.
    let file = temp.as_file_mut();
    file.write_all(contents)
        .and_then(|()| file.sync_all())
        .map_err(WriteError::doing(path, "cannot write"))?;
    temp.persist(path)
        .map_err(|error| WriteError::doing(path, "cannot replace")(error.error))?;
    // Make the rename itself durable; not every file system can sync a directory.
    if let Ok(dir) = File::open(dir) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// Removes the temporary files of writers of `path` that died before renaming them: those at
/// least `age` old. With `Duration::ZERO`, only while holding a lock every writer holds.
pub fn remove_stale_temps(path: &Path, age: Duration) {
    let path = &link_target(path);
    let prefix = temp_prefix(path);
    let Ok(entries) = std::fs::read_dir(parent(path)) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.as_encoded_bytes();
        let temp = name.starts_with(prefix.as_encoded_bytes()) && name.ends_with(b".tmp");
        let old = || {
            entry
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|time| time.elapsed().is_ok_and(|elapsed| elapsed >= age))
        };
        if temp && (age.is_zero() || old()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Takes an exclusive lock on `path` (created if missing), held until the file is dropped. A
/// FIFO, device or directory there is an error, never a wait.
pub fn lock(path: &Path) -> Result<File, WriteError> {
    let mut options = File::options();
    options.create(true).truncate(false).write(true);
    let file = crate::regular::open_with(path, &mut options)
        .map_err(|error| WriteError::doing(path, "cannot open the lock file")(error.into()))?;
    file.lock()
        .map_err(WriteError::doing(path, "cannot lock"))?;
    Ok(file)
}
