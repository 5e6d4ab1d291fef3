//! Regular files, opened without blocking and read up to a cap.
//!
//! Every file gazette reads, its inputs and its own files alike (`sources.json`, gazetteers,
//! `config.toml`, saved positions, the lock beside the user gazetteer), is opened here with
//! `O_NONBLOCK`, so a FIFO or a device never blocks the open, then checked to be a regular
//! file before a byte is read; a link to `/dev/zero` is refused as a device. Reads stop one
//! byte past the cap, so an endless or huge file costs at most the cap in memory.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// The most bytes read from one of gazette's own data files (`sources.json`, `config.toml`,
/// a saved position).
pub const MAX_DATA_BYTES: u64 = 64 << 20;

/// Why a file could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// It exists but is not a regular file: a FIFO, socket, device or directory.
    NotRegular(&'static str),
    /// It is larger than the cap, in bytes.
    TooLarge(u64),
    /// The system's error.
    Io(io::Error),
}

impl ReadError {
    /// Whether the file does not exist.
    pub fn is_missing(&self) -> bool {
        matches!(self, ReadError::Io(error) if error.kind() == io::ErrorKind::NotFound)
    }
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::NotRegular(kind) => write!(f, "not a regular file ({kind})"),
            ReadError::TooLarge(cap) => write!(f, "larger than {}, the most read", size(*cap)),
            ReadError::Io(error) => write!(f, "{error}"),
        }
    }
}

impl From<ReadError> for io::Error {
    fn from(error: ReadError) -> io::Error {
        match error {
            ReadError::Io(error) => error,
            refusal => io::Error::other(refusal.to_string()),
        }
    }
}

/// `cap` bytes in words: `64 MiB`, `10 bytes`.
fn size(cap: u64) -> String {
    if cap > 0 && cap.is_multiple_of(1 << 20) {
        format!("{} MiB", cap >> 20)
    } else {
        format!("{cap} bytes")
    }
}

/// The options to open `path` with `options` without blocking on a FIFO or a device.
fn nonblocking(options: &mut std::fs::OpenOptions) -> &mut std::fs::OpenOptions {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options
}

/// Opens `path` with `options` (plus `O_NONBLOCK`) and checks that it is a regular file.
pub fn open_with(path: &Path, options: &mut std::fs::OpenOptions) -> Result<File, ReadError> {
    // Opening a socket fails (ENXIO), and so does a FIFO opened for writing with no reader:
    // name what it is rather than the error.
    let file = nonblocking(options)
        .open(path)
        .map_err(|error| not_regular(path).unwrap_or(ReadError::Io(error)))?;
    let file_type = file.metadata().map_err(ReadError::Io)?.file_type();
    if file_type.is_file() {
        return Ok(file);
    }
    Err(ReadError::NotRegular(describe_file_type(file_type)))
}

/// Opens a regular file for reading without blocking on FIFOs or devices.
pub fn open(path: &Path) -> Result<File, ReadError> {
    open_with(path, std::fs::OpenOptions::new().read(true))
}

/// The whole of the regular file `path`, if it holds at most `cap` bytes.
pub fn read(path: &Path, cap: u64) -> Result<Vec<u8>, ReadError> {
    let file = open(path)?;
    let expected = file.metadata().map_or(0, |m| m.len()).min(cap + 1);
    let mut bytes = Vec::with_capacity(usize::try_from(expected).unwrap_or(0));
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > cap {
        return Err(ReadError::TooLarge(cap));
    }
    Ok(bytes)
}

/// [`read`], as UTF-8 text; other bytes are an error.
pub fn read_text(path: &Path, cap: u64) -> Result<String, ReadError> {
    String::from_utf8(read(path, cap)?).map_err(|_| {
        ReadError::Io(io::Error::new(
            io::ErrorKind::InvalidData,
            "not valid UTF-8",
        ))
    })
}

/// What `path` is, if it exists and is not a regular file.
fn not_regular(path: &Path) -> Option<ReadError> {
    let metadata = std::fs::metadata(path).ok()?;
    (!metadata.is_file()).then(|| ReadError::NotRegular(describe_file_type(metadata.file_type())))
}

fn describe_file_type(file_type: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "FIFO";
        }
        if file_type.is_socket() {
            return "socket";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "device";
        }
    }
    if file_type.is_dir() {
        "directory"
    } else {
        "special file"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fifos_devices_and_large_files_are_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        crate::testing::mkfifo(&fifo);
        let zero = dir.path().join("zero");
        std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
        let large = dir.path().join("large");
        std::fs::write(&large, [b'x'; 11]).unwrap();
        let small = dir.path().join("small");
        std::fs::write(&small, [b'x'; 10]).unwrap();
        let shown = |path: &Path| match crate::testing::within_seconds({
            let path = path.to_path_buf();
            move || read(&path, 10)
        }) {
            Ok(bytes) => format!("{} bytes", bytes.len()),
            Err(error) => error.to_string(),
        };
        assert_eq!(shown(&fifo), "not a regular file (FIFO)");
        assert_eq!(shown(&zero), "not a regular file (device)");
        assert_eq!(shown(dir.path()), "not a regular file (directory)");
        assert_eq!(shown(&large), "larger than 10 bytes, the most read");
        assert_eq!(shown(&small), "10 bytes");
        assert!(read(&dir.path().join("none"), 10).unwrap_err().is_missing());
    }
}
