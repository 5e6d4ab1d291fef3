//! The cache of fetched pages and feeds, so a story opens again offline with the same text.
//!
//! It lives in the user's cache directory ([`paths::cache_dir`]: `$XDG_CACHE_HOME/gazette`
//! or `~/.cache/gazette` on Linux), unless `GAZETTE_CACHE_DIR` names another. A page is kept as
//! `pages/KEY.html`, or `.txt` or `.md` when it was served as plain text or Markdown (the
//! extension is what the corpus reads it by), with `pages/KEY.url` holding its address (KEY
//! is a hash of the address; the address file tells two addresses with one key apart). A feed
//! gets a folder `feeds/KEY/`: the feed itself (`feed.xml`), one `NNN.html` (or `.txt`,
//! `.md`) per item and a `sources.json`
//! with each item's title, date and address. Files are written whole (a temporary file renamed
//! over the old one).

use crate::formats::Format;
use crate::paths::{self, WriteError};
use std::path::{Path, PathBuf};

/// A stable key for an address: 64-bit FNV-1a, in hex.
pub fn key(address: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in address.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// Where a page fetched from `url` is kept, without the extension its format adds.
fn page_base(root: &Path, url: &str) -> PathBuf {
    root.join("pages").join(key(url))
}

/// The document kept at `base` in any format (`base.html`, `base.txt`, `base.md`).
pub fn existing(base: &Path) -> Option<PathBuf> {
    FORMATS
        .iter()
        .map(|format| base.with_extension(format.extension()))
        .find(|path| path.is_file())
}

/// The formats a fetched document is kept in.
const FORMATS: [Format; 3] = [Format::Html, Format::Text, Format::Markdown];

/// The folder of a feed read from `address` (a URL or a file's path).
pub fn feed_dir(root: &Path, address: &str) -> PathBuf {
    root.join("feeds").join(key(address))
}

/// The cached page for `url`, if there is one and it is for that address.
pub fn cached_page(root: &Path, url: &str) -> Option<PathBuf> {
    let base = page_base(root, url);
    let recorded =
        crate::regular::read_text(&base.with_extension("url"), crate::regular::MAX_DATA_BYTES)
            .ok()?;
    if recorded != url {
        return None;
    }
    existing(&base)
}

/// Keeps `bytes` as the page for `url` in `format`; returns its path.
pub fn store_page(
    root: &Path,
    url: &str,
    bytes: &[u8],
    format: Format,
) -> Result<PathBuf, WriteError> {
    let base = page_base(root, url);
    let path = store(&base, bytes, format)?;
    write(&base.with_extension("url"), url.as_bytes())?;
    Ok(path)
}

/// Keeps `bytes` at `base` with the extension of `format`, removing a copy kept in another
/// format (the address changed what it serves); returns its path.
pub fn store(base: &Path, bytes: &[u8], format: Format) -> Result<PathBuf, WriteError> {
    let path = base.with_extension(format.extension());
    write(&path, bytes)?;
    for other in FORMATS.iter().filter(|other| **other != format) {
        let _ = std::fs::remove_file(base.with_extension(other.extension()));
    }
    Ok(path)
}

/// Writes `path` whole, creating its folder.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let folder = paths::parent(path);
    std::fs::create_dir_all(folder)
        .map_err(WriteError::doing(folder, "cannot create the cache folder"))?;
    paths::replace(path, bytes, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_found_again_by_their_address() {
        let root = tempfile::tempdir().unwrap();
        let url = "http://127.0.0.1:1/a";
        assert_eq!(cached_page(root.path(), url), None);
        let path = store_page(root.path(), url, b"<p>a</p>", Format::Html).unwrap();
        assert_eq!(cached_page(root.path(), url), Some(path.clone()));
        let text = store_page(root.path(), url, b"a", Format::Text).unwrap();
        assert_eq!(
            cached_page(root.path(), url),
            Some(text),
            "served as text now"
        );
        assert!(!path.exists());
        assert_eq!(cached_page(root.path(), "http://127.0.0.1:1/b"), None);
        assert_eq!(key("a"), "af63dc4c8601ec8c");
    }
}
