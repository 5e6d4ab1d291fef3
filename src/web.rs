//! Inputs from the web: URLs, RSS and Atom feeds, and story files, turned into files in the
//! cache that the corpus then reads like any other.
//!
//! - A URL (`http://`, `https://`) is fetched ([`fetch`]) and kept in the cache ([`cache`]);
//!   later runs read the cached copy without the network, so a story opens again offline with
//!   the same text and offsets. `--refresh` fetches again (keeping the cached copy when that
//!   fails). Its articles are named by the URL. A page served as plain text or Markdown
//!   (`Content-Type`) is read as such, not as a web page.
//! - A feed (a URL whose document is RSS or Atom, or a `.rss`, `.atom` or `.xml` file) is a
//!   list of sources ([`feed`]): each item's page is fetched, or its full text used when the
//!   feed carries it, and titled and dated from the feed (through a `sources.json` in the
//!   feed's cache folder).
//! - A story file (`.story`) lists URLs and paths, one per line, `#` starting a comment;
//!   relative paths are from the story file's folder.
//!
//! A failed fetch is an error naming the URL, the HTTP status or network failure and the fix;
//! the other inputs are still read. Nothing is written outside the cache directory.

pub mod cache;
pub mod feed;
pub mod fetch;

use crate::corpus::{self, Input, Origin, Problem, Severity};
use crate::formats::{Format, charset};
use crate::regular;
use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The extension of a story file.
pub const STORY_EXTENSION: &str = "story";

/// How deeply story files may name other story files.
const MAX_STORY_DEPTH: usize = 8;

/// The most bytes read from a feed on disk or in the cache (as from the network).
const MAX_FEED_BYTES: u64 = 32 << 20;

/// How many fetches run at once.
const FETCHES_AT_ONCE: usize = 8;

/// How inputs from the web are read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Fetch again even what the cache holds.
    pub refresh: bool,
    /// Say nothing of each fetch on stderr (a terminal reader is drawing there).
    pub quiet: bool,
}

/// Whether an argument is a URL gazette fetches.
pub fn is_url(argument: &Path) -> bool {
    let text = argument.to_string_lossy();
    let lower = text.get(..8).unwrap_or(&text).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// The inputs named by `paths`, with URLs fetched (or taken from the cache), feeds read into
/// their items and story files into what they list; problems met on the way.
pub fn list_inputs(paths: &[PathBuf], options: Options) -> (Vec<Input>, Vec<Problem>) {
    list_inputs_reporting(paths, options, &|_, _| {})
}

/// [`list_inputs`], calling `report(done, total)` as fetches start and end (`total` grows
/// when a feed names more pages).
pub fn list_inputs_reporting(
    paths: &[PathBuf],
    options: Options,
    report: &Report<'_>,
) -> (Vec<Input>, Vec<Problem>) {
    let listed = list(paths, options, false, report);
    (listed.inputs, listed.problems)
}

/// Told of fetching progress: fetches done, fetches known so far.
pub type Report<'a> = dyn Fn(usize, usize) + Sync + 'a;

/// What [`list_cached`] found without the network.
#[derive(Debug)]
pub struct Cached {
    /// The inputs that need no fetching: files, and pages and feeds in the cache.
    pub inputs: Vec<Input>,
    /// Problems met on the way.
    pub problems: Vec<Problem>,
    /// Whether some input still has to be fetched (not cached, or `--refresh`).
    pub missing: bool,
}

/// The inputs of `paths` that can be read without the network, for the reader's first frame;
/// [`list_inputs`] then gives them all.
pub fn list_cached(paths: &[PathBuf], options: Options) -> Cached {
    let listed = list(paths, options, true, &|_, _| {});
    Cached {
        inputs: listed.inputs,
        problems: listed.problems,
        missing: listed.missing,
    }
}

fn list<'a>(
    paths: &[PathBuf],
    options: Options,
    offline: bool,
    report: &'a Report<'a>,
) -> Reader<'a> {
    let mut reader = Reader {
        options,
        offline,
        missing: false,
        root: crate::paths::cache_dir(),
        inputs: Vec::new(),
        problems: Vec::new(),
        progress: !options.quiet && std::io::stderr().is_terminal(),
        fetched: HashMap::new(),
        report,
        fetches_done: AtomicUsize::new(0),
        fetches_known: 0,
    };
    if paths.is_empty() {
        (reader.inputs, reader.problems) = corpus::list_inputs(paths);
    }
    if !offline {
        let mut urls = Vec::new();
        for path in paths {
            named_urls(path, 0, &mut urls);
        }
        reader.prefetch(urls);
    }
    for path in paths {
        reader.argument(path, 0);
    }
    reader
}

struct Reader<'a> {
    options: Options,
    /// Only what the cache holds; `missing` says whether something was left out.
    offline: bool,
    missing: bool,
    root: Option<PathBuf>,
    inputs: Vec<Input>,
    problems: Vec<Problem>,
    progress: bool,
    /// Fetched ahead, several at once, by address.
    fetched: HashMap<String, Result<fetch::Fetched, String>>,
    /// Told of each fetch done.
    report: &'a Report<'a>,
    /// Fetches ended, and fetches asked for so far.
    fetches_done: AtomicUsize,
    fetches_known: usize,
}

/// The URLs `path` names: itself, or those a story file lists.
fn named_urls(path: &Path, depth: usize, urls: &mut Vec<String>) {
    if is_url(path) {
        urls.push(path.to_string_lossy().into_owned());
    } else if depth < MAX_STORY_DEPTH && has_extension(path, &[STORY_EXTENSION]) {
        let Ok(text) = regular::read_text(path, regular::MAX_DATA_BYTES) else {
            return;
        };
        let folder = crate::paths::parent(path);
        for entry in story_entries(&text) {
            named_urls(&resolve_entry(folder, entry), depth + 1, urls);
        }
    }
}

impl Reader<'_> {
    /// Fetches the `urls` that the cache does not answer, several at once.
    fn prefetch(&mut self, mut urls: Vec<String>) {
        let root = self.root.clone();
        let refresh = self.options.refresh;
        urls.retain(|url| {
            refresh
                || root.as_deref().is_some_and(|root| {
                    cache::cached_page(root, url).is_none()
                        && !cache::feed_dir(root, url).join("feed.xml").is_file()
                })
        });
        self.fetch_many(urls);
    }

    /// Fetches `urls` several at once, keeping the results for when each is read.
    fn fetch_many(&mut self, mut urls: Vec<String>) {
        urls.sort();
        urls.dedup();
        if urls.is_empty() {
            return;
        }
        self.fetches_known += urls.len();
        (self.report)(
            self.fetches_done.load(Ordering::Relaxed),
            self.fetches_known,
        );
        let results = crate::work::parallel_map_on(FETCHES_AT_ONCE, &urls, |url| self.fetch(url));
        self.fetched.extend(urls.into_iter().zip(results));
    }

    fn argument(&mut self, path: &Path, depth: usize) {
        if is_url(path) {
            self.url(&path.to_string_lossy());
        } else if has_extension(path, &[STORY_EXTENSION]) && path.is_file() {
            self.story(path, depth);
        } else if has_extension(path, &["rss", "atom", "xml"]) && path.is_file() {
            self.feed_file(path);
        } else {
            let (inputs, problems) = corpus::list_inputs(std::slice::from_ref(&path.to_path_buf()));
            self.inputs.extend(inputs);
            self.problems.extend(problems);
        }
    }

    fn fail(&mut self, name: &str, message: String) {
        self.problems.push(Problem {
            name: crate::text::clean_inline(name),
            message,
            severity: Severity::Unreadable,
        });
    }

    fn warn(&mut self, name: &str, message: String) {
        self.problems.push(Problem {
            name: crate::text::clean_inline(name),
            message,
            severity: Severity::Skipped,
        });
    }

    fn cache_root(&mut self, url: &str) -> Option<PathBuf> {
        if self.root.is_none() {
            self.fail(
                url,
                format!(
                    "there is no cache directory to keep fetched pages in; set {}",
                    crate::paths::CACHE_DIR_ENV
                ),
            );
        }
        self.root.clone()
    }

    /// A URL: a page, or a feed of pages.
    fn url(&mut self, url: &str) {
        let Some(root) = self.cache_root(url) else {
            return;
        };
        let feed_folder = cache::feed_dir(&root, url);
        let cached_feed = feed_folder.join("feed.xml");
        if !self.options.refresh {
            if let Some(path) = cache::cached_page(&root, url) {
                return self.inputs.push(named(path, url));
            }
            if let Ok(bytes) = regular::read(&cached_feed, MAX_FEED_BYTES) {
                return self.feed(&bytes, url, &feed_folder);
            }
        }
        if self.offline {
            self.missing = true;
            return;
        }
        let fetched = match self.fetched.remove(url).unwrap_or_else(|| self.fetch(url)) {
            Ok(fetched) => fetched,
            Err(message) => return self.fetch_failed(url, message, &root),
        };
        if feed::looks_like_feed(&fetched.bytes, fetched.content_type.as_deref()) {
            if let Err(error) = cache::write(&cached_feed, &fetched.bytes) {
                self.warn(url, format!("not kept in the cache: {error}"));
            }
            return self.feed(&fetched.bytes, url, &feed_folder);
        }
        let bytes = page_bytes(&fetched);
        match cache::store_page(&root, url, &bytes, served_format(&fetched, url)) {
            Ok(path) => self.inputs.push(named(path, url)),
            Err(error) => self.fail(url, cache_problem(&error)),
        }
    }

    /// After a failed fetch, the cached copy (with a warning) or the error.
    fn fetch_failed(&mut self, url: &str, message: String, root: &Path) {
        if let Some(path) = cache::cached_page(root, url) {
            self.warn(url, format!("{message}; the cached copy is read instead"));
            return self.inputs.push(named(path, url));
        }
        self.fail(url, message);
    }

    fn fetch(&self, url: &str) -> Result<fetch::Fetched, String> {
        if self.progress {
            eprintln!("gazette: fetching {}", crate::text::clean_inline(url));
        }
        let fetched = fetch::get(url);
        let done = self.fetches_done.fetch_add(1, Ordering::Relaxed) + 1;
        (self.report)(done, self.fetches_known.max(done));
        fetched
    }

    /// A feed file on disk.
    fn feed_file(&mut self, path: &Path) {
        let name = corpus::display_path(path);
        let bytes = match regular::read(path, MAX_FEED_BYTES) {
            Ok(bytes) => bytes,
            Err(error) => return self.fail(&name, format!("cannot read: {error}")),
        };
        if !feed::looks_like_feed(&bytes, None) {
            let (inputs, problems) = corpus::list_inputs(&[path.to_path_buf()]);
            self.inputs.extend(inputs);
            return self.problems.extend(problems);
        }
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let Some(root) = self.cache_root(&name) else {
            return;
        };
        self.feed(
            &bytes,
            &name,
            &cache::feed_dir(&root, &absolute.to_string_lossy()),
        );
    }

    /// The items of a feed, each an article: its full text, or its page fetched into `folder`.
    fn feed(&mut self, bytes: &[u8], name: &str, folder: &Path) {
        let parsed = match feed::parse(bytes, name) {
            Ok(parsed) => parsed,
            Err(message) => return self.fail(name, message),
        };
        if !self.offline {
            let links = parsed
                .items
                .iter()
                .enumerate()
                .filter(|(number, item)| {
                    item.content.is_none()
                        && (self.options.refresh
                            || cache::existing(&item_base(folder, *number)).is_none())
                })
                .filter_map(|(_, item)| item.link.clone())
                .collect();
            self.fetch_many(links);
        }
        let mut sources = serde_json::Map::new();
        for (number, item) in parsed.items.iter().enumerate() {
            let item_name = item
                .link
                .clone()
                .unwrap_or_else(|| format!("{name}#{number}"));
            if let Some(path) = self.item_page(item, &item_base(folder, number), &item_name) {
                let file = path.file_name().unwrap_or_default().to_string_lossy();
                sources.insert(
                    file.into_owned(),
                    item_metadata(item, parsed.title.as_deref()),
                );
                self.inputs.push(named(path, &item_name));
            }
        }
        let table = serde_json::Value::Object(sources).to_string();
        if let Err(error) = cache::write(&folder.join("sources.json"), table.as_bytes()) {
            self.warn(name, format!("the items' titles are not kept: {error}"));
        }
    }

    /// Puts an item's text at `base` (with the extension of its format); its path, if there
    /// is one.
    fn item_page(&mut self, item: &feed::Item, base: &Path, name: &str) -> Option<PathBuf> {
        if let Some(content) = &item.content {
            let page = format!("<!doctype html><meta charset=utf-8><article>{content}</article>");
            return self.write_item(base, name, page.as_bytes(), Format::Html);
        }
        let Some(link) = &item.link else {
            self.warn(name, "the feed item has neither text nor a link".to_owned());
            return None;
        };
        let cached = cache::existing(base);
        if cached.is_some() && !self.options.refresh {
            return cached;
        }
        if self.offline {
            self.missing = true;
            return None;
        }
        let fetched = self
            .fetched
            .remove(link)
            .unwrap_or_else(|| self.fetch(link));
        match fetched {
            Ok(fetched) => {
                let format = served_format(&fetched, link);
                self.write_item(base, name, &page_bytes(&fetched), format)
            }
            Err(message) if cached.is_some() => {
                self.warn(name, format!("{message}; the cached copy is read instead"));
                cached
            }
            Err(message) => {
                self.fail(name, message);
                None
            }
        }
    }

    fn write_item(
        &mut self,
        base: &Path,
        name: &str,
        bytes: &[u8],
        format: Format,
    ) -> Option<PathBuf> {
        cache::store(base, bytes, format)
            .map_err(|error| self.fail(name, cache_problem(&error)))
            .ok()
    }

    /// A story file: its URLs and paths, in order.
    fn story(&mut self, path: &Path, depth: usize) {
        let name = corpus::display_path(path);
        if depth >= MAX_STORY_DEPTH {
            return self.fail(
                &name,
                format!(
                    "story files name each other more than {MAX_STORY_DEPTH} deep; check for a loop"
                ),
            );
        }
        let text = match regular::read_text(path, regular::MAX_DATA_BYTES) {
            Ok(text) => text,
            Err(error) => {
                return self.fail(
                    &name,
                    format!("cannot read the story file: {error}; it must be UTF-8 text"),
                );
            }
        };
        let folder = crate::paths::parent(path);
        for entry in story_entries(&text) {
            self.argument(&resolve_entry(folder, entry), depth + 1);
        }
    }
}

/// What to say when the cache cannot be written.
fn cache_problem(error: &crate::paths::WriteError) -> String {
    format!(
        "cannot keep the page in the cache ({error}); make that folder writable or set {} to one",
        crate::paths::CACHE_DIR_ENV
    )
}

/// A story file's entry: a URL or an absolute path as it is, a relative path from `folder`.
fn resolve_entry(folder: &Path, entry: &str) -> PathBuf {
    let entry = Path::new(entry);
    if is_url(entry) || entry.is_absolute() {
        entry.to_path_buf()
    } else {
        folder.join(entry)
    }
}

/// Where a feed item's page is kept in the feed's folder, without its extension.
fn item_base(folder: &Path, number: usize) -> PathBuf {
    folder.join(format!("{number:03}"))
}

/// How a fetched document is read: by what the server says it is.
fn served_format(fetched: &fetch::Fetched, url: &str) -> Format {
    Format::of_content_type(fetched.content_type.as_deref(), url)
}

/// The entries of a story file: one per line, blank lines and `#` comments left out.
pub fn story_entries(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(|line| {
            line.split_once(" #")
                .map_or(line, |(entry, _)| entry)
                .trim()
        })
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .is_some_and(|e| extensions.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// An input read from `path` in the cache and named by its address.
fn named(path: PathBuf, address: &str) -> Input {
    Input {
        origin: Origin::File(path),
        name: crate::text::clean_inline(address),
        explicit: true,
    }
}

/// A fetched page as it is kept: when the HTTP header gave the character set and the page
/// has no byte order mark, it is kept as UTF-8 with one, so that the cached copy reads the
/// same without the header.
fn page_bytes(fetched: &fetch::Fetched) -> Vec<u8> {
    let header = fetched
        .content_type
        .as_deref()
        .and_then(charset::of_content_type);
    if header.is_none() || encoding_rs::Encoding::for_bom(&fetched.bytes).is_some() {
        return fetched.bytes.clone();
    }
    let decoded = charset::decode(&fetched.bytes, header.as_deref());
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(decoded.text.as_bytes());
    bytes
}

/// An item's entry in its feed folder's `sources.json`.
fn item_metadata(item: &feed::Item, outlet: Option<&str>) -> serde_json::Value {
    let mut entry = serde_json::Map::new();
    let fields = [
        ("title", item.title.as_deref()),
        ("date", item.date.as_deref()),
        ("url", item.link.as_deref()),
        ("outlet", outlet),
    ];
    for (key, value) in fields {
        if let Some(value) = value {
            entry.insert(key.to_owned(), crate::text::clean_inline(value).into());
        }
    }
    serde_json::Value::Object(entry)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_and_story_entries() {
        assert!(is_url(Path::new("https://example.org/a")));
        assert!(is_url(Path::new("HTTP://example.org")));
        assert!(!is_url(Path::new("http.txt")));
        let story = "# The talks\nhttps://a.example/1\n\n  notes/b.html  # saved\n#x\n";
        assert_eq!(
            story_entries(story).collect::<Vec<_>>(),
            ["https://a.example/1", "notes/b.html"]
        );
    }
}
