//! Files and folders in, articles out.
//!
//! Inputs are files, directories (walked recursively, sorted by path, hidden entries,
//! `sources.json` and the story gazetteer `gazette.json` at the top left out, symbolic links
//! to directories not followed), `-` for standard
//! input, or — given nothing — the seed articles compiled into the binary. Each readable
//! file is cleaned ([`crate::text::clean`]) and split into articles at lines made only of five
//! or more `_`. Titles come from `sources.json` beside the file, else the first non-empty
//! line. Binary files, FIFOs and devices are skipped with a named warning; unreadable paths
//! are reported and the rest is processed.
//!
//! Saved web pages (`.html`, `.htm`) and Markdown (`.md`) are first read by
//! [`crate::formats`]: their extracted text stands in for the file's bytes (offsets then count
//! in that text, [`Offsets::Extracted`]), and the metadata they carry fills in what
//! `sources.json` leaves out.

mod labels;
mod sources;
mod stream;

pub use crate::formats::Metadata;
use crate::formats::{self, Format, Offsets};
pub use crate::paths::display_path;
use crate::paths::{SOURCES_FILE, STORY_FILES};
use crate::regular::{self, ReadError};
use crate::text::{self, CleanText, Encoding, OffsetMap};
pub use labels::{full_label, labels};
pub use sources::{FileMetadata, SourcesCache, parse_sources};
use std::fmt;
use std::io::{Read, Seek};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
pub use stream::{Bytes, for_each_file};

/// The seed articles compiled into the binary, by file name.
pub const SEEDS: &[(&str, &[u8])] = &[
    (
        "000_4c2ccd68bbfaab2a.txt",
        include_bytes!("../seeds/000_4c2ccd68bbfaab2a.txt"),
    ),
    (
        "001_080e800688616bee.txt",
        include_bytes!("../seeds/001_080e800688616bee.txt"),
    ),
    (
        "002_53869dcf0c4d9c8d.txt",
        include_bytes!("../seeds/002_53869dcf0c4d9c8d.txt"),
    ),
    (
        "003_0bb04913180cdacf.txt",
        include_bytes!("../seeds/003_0bb04913180cdacf.txt"),
    ),
    (
        "004_470bc9a9fd20b3c9.txt",
        include_bytes!("../seeds/004_470bc9a9fd20b3c9.txt"),
    ),
];

/// The `sources.json` of the seed articles.
pub const SEED_SOURCES: &str = include_str!("../seeds/sources.json");

/// The most bytes read from one input; the rest is left out with a warning.
pub const MAX_INPUT_BYTES: u64 = 256 << 20;

/// The most files taken from the directories given.
pub const MAX_FILES: usize = 100_000;

/// The deepest directory level walked.
pub const MAX_DEPTH: usize = 64;

/// How far into a file to look for a NUL byte that marks it as binary.
const BINARY_SNIFF_BYTES: usize = 8192;

/// Where an input comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A seed article compiled into the binary.
    BuiltIn(&'static str, &'static [u8]),
    /// A file on disk.
    File(PathBuf),
    /// Standard input.
    Stdin,
}

/// One input to read: where it comes from and how to name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// Where to read it from.
    pub origin: Origin,
    /// The name shown to the user: the path as given, sanitized (`seeds/NAME` for seeds).
    pub name: String,
    /// Whether the user named this file directly (rather than it being found in a folder).
    pub explicit: bool,
}

/// How serious a problem with an input is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// Left out on purpose (binary, not a regular file, metadata ignored): a warning.
    Skipped,
    /// Could not be read: an error, exit status 1.
    Unreadable,
}

/// A problem with one input; the other inputs are still processed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The input, as named to the user.
    pub name: String,
    /// What happened and, where it helps, what to do.
    pub message: String,
    /// Warning or error.
    pub severity: Severity,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Skipped => "warning",
            Severity::Unreadable => "error",
        };
        write!(f, "{label}: {}: {}", self.name, self.message)
    }
}

/// One article: a file, or one part of a file split by a separator line.
#[derive(Debug, Clone)]
pub struct Article {
    /// The file's name as shown (the path as given; `seeds/NAME` for the seeds; `-` for stdin),
    /// shared by the articles of a file.
    pub file: Arc<str>,
    /// The file on disk, when there is one.
    pub path: Option<Arc<Path>>,
    /// Position within the file, from 0.
    pub index: usize,
    /// The title: from `sources.json`, else the first non-empty line.
    pub title: String,
    /// Outlet, author, date and url where known: the file's, shared by those of its articles
    /// that `sources.json` gives nothing of their own. A file split into thousands of
    /// articles keeps one copy of what they have in common.
    pub metadata: Arc<Metadata>,
    /// The clean text.
    pub text: String,
    /// From the clean text back to byte offsets in the file.
    pub map: OffsetMap,
    /// The line of the file (from 1) its text starts on, as `annotate` counts lines.
    pub first_line: usize,
}

impl Article {
    /// Byte ranges of the paragraphs: each non-blank line (the seeds use one line each).
    pub fn paragraphs(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        paragraphs(&self.text)
    }

    /// What the offsets of this article's mentions count: the file's bytes, or the text
    /// extracted from a web page or Markdown file.
    pub fn offsets(&self) -> Offsets {
        self.path
            .as_deref()
            .map_or_else(|| Format::of_name(&self.file), Format::of_path)
            .offsets()
    }

    /// The outlet that published it, or the last part of its file's name when unknown.
    pub fn outlet(&self) -> &str {
        self.metadata
            .outlet
            .as_deref()
            .unwrap_or_else(|| self.file.rsplit('/').next().unwrap_or(&self.file))
    }

    /// How the source is cited in printed tables, where the file names it: `FILE#INDEX`,
    /// then its label ([`labels`]) in brackets.
    pub fn reference(&self, label: &str) -> String {
        format!("{}#{} ({label})", self.file, self.index)
    }
}

/// Byte ranges of the non-blank lines of `text`.
pub fn paragraphs(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = 0;
    text.split_inclusive('\n').filter_map(move |line| {
        let range = start..start + line.trim_end_matches('\n').len();
        start += line.len();
        (!line.trim().is_empty()).then_some(range)
    })
}

/// A file read and split into articles.
#[derive(Debug, Clone)]
pub struct LoadedFile {
    /// The bytes as read (for line and column numbers); for a web page or Markdown file, the
    /// text extracted from it. Empty when they are printable ASCII and line feeds only: the
    /// articles' text is then the same bytes, each article starting a line.
    pub bytes: Vec<u8>,
    /// What mention offsets count: the file's bytes, or the extracted text.
    pub offsets: Offsets,
    /// The encoding they were decoded from.
    pub encoding: Encoding,
    /// The articles, in order.
    pub articles: Vec<Article>,
    /// Warnings about this file (invalid UTF-8, truncation).
    pub warnings: Vec<Problem>,
}

/// The inputs named by `paths` (the seeds when empty), and problems met while listing.
pub fn list_inputs(paths: &[PathBuf]) -> (Vec<Input>, Vec<Problem>) {
    if paths.is_empty() {
        let seeds = SEEDS
            .iter()
            .map(|&(name, bytes)| Input {
                origin: Origin::BuiltIn(name, bytes),
                name: format!("seeds/{name}"),
                explicit: true,
            })
            .collect();
        return (seeds, Vec::new());
    }
    let mut inputs = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input {
                origin: Origin::Stdin,
                name: "-".to_owned(),
                explicit: true,
            });
        } else if path.is_dir() {
            walk_directory(path, &mut inputs, &mut problems);
        } else {
            inputs.push(file_input(path, true));
        }
    }
    (inputs, problems)
}

fn file_input(path: &Path, explicit: bool) -> Input {
    Input {
        origin: Origin::File(path.to_path_buf()),
        name: display_path(path),
        explicit,
    }
}

fn walk_directory(root: &Path, inputs: &mut Vec<Input>, problems: &mut Vec<Problem>) {
    let walker = walkdir::WalkDir::new(root)
        .follow_links(false)
        .max_depth(MAX_DEPTH)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry.file_name()));
    let mut files = 0;
    let mut too_deep = false;
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                problems.push(walk_problem(root, &error));
                continue;
            }
        };
        if entry.file_type().is_dir() {
            // Walking stops at this depth: say so once, if anything is left out.
            if entry.depth() == MAX_DEPTH && !too_deep && has_entries(entry.path()) {
                too_deep = true;
                problems.push(Problem {
                    name: display_path(entry.path()),
                    message: format!("skipped: folders more than {MAX_DEPTH} levels deep"),
                    severity: Severity::Skipped,
                });
            }
            continue;
        }
        if entry.file_name() == SOURCES_FILE
            || entry.depth() == 1 && STORY_FILES.iter().any(|name| entry.file_name() == *name)
            || entry.file_type().is_symlink() && entry.path().is_dir()
        {
            continue;
        }
        if files == MAX_FILES {
            problems.push(Problem {
                name: display_path(root),
                message: format!("only the first {MAX_FILES} files are read"),
                severity: Severity::Skipped,
            });
            return;
        }
        files += 1;
        inputs.push(file_input(entry.path(), false));
    }
}

/// A folder or entry the walk could not read (permissions, a loop, a name too long).
fn walk_problem(root: &Path, error: &walkdir::Error) -> Problem {
    let name = error
        .path()
        .map_or_else(|| display_path(root), display_path);
    Problem {
        name,
        message: format!(
            "cannot read: {}",
            io_message(error.io_error(), &error.to_string())
        ),
        severity: Severity::Unreadable,
    }
}

fn has_entries(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some())
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

fn io_message(error: Option<&std::io::Error>, fallback: &str) -> String {
    let Some(error) = error else {
        return fallback.to_owned();
    };
    let hint = match error.kind() {
        std::io::ErrorKind::NotFound => "; check the path",
        std::io::ErrorKind::PermissionDenied => "; check its permissions",
        std::io::ErrorKind::UnexpectedEof => "; the file got shorter while it was read",
        _ => "",
    };
    format!("{error}{hint}")
}

/// Reads and splits one input, keeping its bytes. `sources` caches each directory's
/// `sources.json`.
pub fn load(input: &Input, sources: &SourcesCache) -> Result<LoadedFile, Problem> {
    let (bytes, warnings) = read_bytes(input)?;
    let (bytes, found) = extract(input, bytes);
    if text::is_plain_ascii(&bytes) {
        // The text is the bytes as they are: held once, by the articles.
        let cleaned = text::clean_owned(bytes);
        return Ok(split_file(input, cleaned, sources, warnings, &found));
    }
    let cleaned = text::clean(&bytes);
    let mut file = split_file(input, cleaned, sources, warnings, &found);
    file.bytes = bytes;
    Ok(file)
}

/// The format `input` is read in, by its extension (standard input is plain text).
pub fn format_of(input: &Input) -> Format {
    match &input.origin {
        Origin::File(path) => Format::of_path(path),
        Origin::BuiltIn(name, _) => Format::of_name(name),
        Origin::Stdin => Format::Text,
    }
}

/// What a markup file says of itself, and what its offsets count.
struct Found {
    metadata: Metadata,
    offsets: Offsets,
    warning: Option<String>,
}

/// For a web page or Markdown file, the extracted text in place of the bytes.
fn extract(input: &Input, bytes: Vec<u8>) -> (Vec<u8>, Found) {
    let format = format_of(input);
    match formats::extract(format, &bytes) {
        Some(extracted) => (
            extracted.text.into_bytes(),
            Found {
                metadata: extracted.metadata,
                offsets: Offsets::Extracted,
                warning: extracted.warning,
            },
        ),
        None => (
            bytes,
            Found {
                metadata: Metadata::default(),
                offsets: Offsets::File,
                warning: None,
            },
        ),
    }
}

/// Reads and splits one input, without keeping its bytes (text needing no cleaning is then
/// never copied).
pub fn load_articles(input: &Input, sources: &SourcesCache) -> Result<LoadedFile, Problem> {
    let (bytes, warnings) = read_bytes(input)?;
    let (bytes, found) = extract(input, bytes);
    let cleaned = text::clean_owned(bytes);
    Ok(split_file(input, cleaned, sources, warnings, &found))
}

fn split_file(
    input: &Input,
    cleaned: CleanText,
    sources: &SourcesCache,
    mut warnings: Vec<Problem>,
    found: &Found,
) -> LoadedFile {
    warnings.extend(
        text::invalid_utf8_warning(cleaned.invalid_sequences).map(|message| Problem {
            name: input.name.clone(),
            message,
            severity: Severity::Skipped,
        }),
    );
    warnings.extend(found.warning.iter().map(|message| Problem {
        name: input.name.clone(),
        message: message.clone(),
        severity: Severity::Skipped,
    }));
    let (metadata, metadata_problem) = sources.lookup(input);
    let metadata = metadata.with_defaults(&found.metadata);
    warnings.extend(metadata_problem);
    let encoding = cleaned.encoding;
    let (articles, capped) = split_articles(input, cleaned, &metadata);
    if capped {
        warnings.push(Problem {
            name: input.name.clone(),
            message: too_many_articles(),
            severity: Severity::Skipped,
        });
    }
    LoadedFile {
        bytes: Vec::new(),
        offsets: found.offsets,
        encoding,
        articles,
        warnings,
    }
}

fn read_bytes(input: &Input) -> Result<(Vec<u8>, Vec<Problem>), Problem> {
    let problem = |message: String, severity| Problem {
        name: input.name.clone(),
        message,
        severity,
    };
    let refused = if input.explicit {
        Severity::Unreadable
    } else {
        Severity::Skipped
    };
    let mut bytes = Vec::new();
    let read = match &input.origin {
        Origin::BuiltIn(_, data) => {
            bytes.extend_from_slice(data);
            Ok(())
        }
        Origin::Stdin => std::io::stdin()
            .lock()
            .take(MAX_INPUT_BYTES + 1)
            .read_to_end(&mut bytes)
            .map(drop),
        Origin::File(path) => {
            let mut file = regular::open(path).map_err(|error| match error {
                ReadError::Io(error) => problem(
                    format!("cannot read: {}", io_message(Some(&error), "")),
                    Severity::Unreadable,
                ),
                refusal => problem(format!("skipped: {refusal}"), refused),
            })?;
            let expected = file
                .metadata()
                .map_or(0, |m| m.len())
                .min(MAX_INPUT_BYTES + 1);
            read_file(
                &mut file,
                usize::try_from(expected).unwrap_or(0),
                &mut bytes,
            )
        }
    };
    read.map_err(|error| {
        problem(
            format!("cannot read: {}", io_message(Some(&error), "")),
            Severity::Unreadable,
        )
    })?;
    let mut warnings = Vec::new();
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        bytes.truncate(usize::try_from(MAX_INPUT_BYTES).unwrap_or(usize::MAX));
        warnings.push(problem(
            format!("only the first {} MiB are read", MAX_INPUT_BYTES >> 20),
            Severity::Skipped,
        ));
    }
    if let Some(offset) = binary_marker(&bytes) {
        return Err(problem(
            format!("skipped: binary (NUL at offset {offset})"),
            refused,
        ));
    }
    Ok((bytes, warnings))
}

/// Files at least this large are read in pieces on several threads.
const PARALLEL_READ_BYTES: usize = 8 << 20;

/// Reads the file into `bytes`; `expected` is its size when opened. A large file is read in
/// pieces on several threads, then read on to the end in case it grew.
fn read_file(
    file: &mut std::fs::File,
    expected: usize,
    bytes: &mut Vec<u8>,
) -> std::io::Result<()> {
    #[cfg(unix)]
    if expected >= PARALLEL_READ_BYTES {
        use std::os::unix::fs::FileExt;
        // A fresh zeroed allocation comes straight from the system, without writing zeros.
        *bytes = vec![0; expected];
        let piece = expected.div_ceil(crate::work::threads());
        let pieces: Vec<(usize, &mut [u8])> = bytes
            .chunks_mut(piece)
            .enumerate()
            .map(|(number, chunk)| (number * piece, chunk))
            .collect();
        let file_ref = &*file;
        std::thread::scope(|scope| {
            let readers: Vec<_> = pieces
                .into_iter()
                .map(|(offset, chunk)| {
                    scope.spawn(move || file_ref.read_exact_at(chunk, offset as u64))
                })
                .collect();
            readers.into_iter().try_for_each(|reader| {
                reader
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
        })?;
        file.seek(std::io::SeekFrom::Start(expected as u64))?;
    }
    bytes.reserve_exact(expected.saturating_sub(bytes.len()).saturating_add(1));
    let room = (MAX_INPUT_BYTES + 1).saturating_sub(bytes.len() as u64);
    file.by_ref().take(room).read_to_end(bytes).map(drop)
}

/// The offset of a NUL byte near the start, unless the file is UTF-16 (which has NULs).
fn binary_marker(bytes: &[u8]) -> Option<usize> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return None;
    }
    let head = &bytes[..bytes.len().min(BINARY_SNIFF_BYTES)];
    head.iter().position(|&b| b == 0)
}

/// Whether a clean line separates two articles: five or more `_` and nothing else.
fn is_separator(line: &str) -> bool {
    let line = line.trim();
    line.len() >= 5 && line.bytes().all(|b| b == b'_')
}

/// The most articles one file is split into; later separators are read as text of the last
/// one (each article costs a few hundred bytes beside its text: two million separators in a
/// 12 MB file would take gigabytes).
pub const MAX_ARTICLES_PER_FILE: usize = 10_000;

/// The warning for a file with more than [`MAX_ARTICLES_PER_FILE`] articles.
fn too_many_articles() -> String {
    format!(
        "more than {MAX_ARTICLES_PER_FILE} articles: the separators after the \
         {MAX_ARTICLES_PER_FILE}th are read as text of the last one; split the file"
    )
}

/// Splits a cleaned file into articles and gives each its title and metadata; whether it
/// had more separators than [`MAX_ARTICLES_PER_FILE`] allows.
fn split_articles(
    input: &Input,
    cleaned: CleanText,
    metadata: &FileMetadata,
) -> (Vec<Article>, bool) {
    let CleanText { text, map, .. } = cleaned;
    let mut parts: Vec<Range<usize>> = Vec::new();
    let mut part_start = 0;
    let mut pos = 0;
    let mut capped = false;
    let may_have_separators = memchr::memmem::find(text.as_bytes(), b"_____").is_some();
    for line in text
        .split_inclusive('\n')
        .take_while(|_| may_have_separators)
    {
        if is_separator(line) {
            if parts.len() + 1 == MAX_ARTICLES_PER_FILE {
                capped = true;
                break;
            }
            parts.push(part_start..pos);
            part_start = pos + line.len();
        }
        pos += line.len();
    }
    parts.push(part_start..text.len());
    let mut parts: Vec<Range<usize>> = parts
        .into_iter()
        .map(|p| trim_blank_lines(&text, p))
        .collect();
    if parts.len() > 1 {
        parts.retain(|part| !part.is_empty());
    }
    if parts.is_empty() {
        parts.push(0..0);
    }
    let path: Option<Arc<Path>> = match &input.origin {
        Origin::File(path) => Some(Arc::from(path.as_path())),
        _ => None,
    };
    let file: Arc<str> = Arc::from(input.name.as_str());
    // Past the articles `sources.json` lists one by one, all have the file's metadata.
    let common = Arc::new(metadata.for_article(metadata.listed_articles()));
    let maps: Vec<OffsetMap> = parts.iter().map(|range| map.slice(range.clone())).collect();
    let first_lines: Vec<usize> = parts
        .iter()
        .scan((0, 1), |(counted, line), range| {
            *line += crate::text::newlines(&text.as_bytes()[*counted..range.start]);
            *counted = range.start;
            Some(*line)
        })
        .collect();
    let articles = take_parts(text, &parts)
        .into_iter()
        .zip(maps)
        .zip(first_lines)
        .enumerate()
        .map(|(index, ((body, map), first_line))| {
            let meta = if index < metadata.listed_articles() {
                Arc::new(metadata.for_article(index))
            } else {
                Arc::clone(&common)
            };
            let title = capped_title(
                meta.title
                    .as_deref()
                    .unwrap_or_else(|| first_non_empty_line(&body)),
            );
            Article {
                file: Arc::clone(&file),
                path: path.clone(),
                index,
                title,
                metadata: meta,
                map,
                text: body,
                first_line,
            }
        })
        .collect();
    (articles, capped)
}

/// Free space a shrinking text may keep beyond a quarter of its length.
const SHRINK_SLACK: usize = 1 << 20;

/// The text of each of `parts` (in order, apart), taken out of `text` without ever holding a
/// second copy of it: the longest part (the first of the longest) stays in `text`'s buffer;
/// the parts after it are copied out from the last while the buffer shrinks behind them,
/// then the parts before it.
fn take_parts(mut text: String, parts: &[Range<usize>]) -> Vec<String> {
    let Some(longest) = (0..parts.len()).max_by_key(|&n| (parts[n].len(), std::cmp::Reverse(n)))
    else {
        return Vec::new();
    };
    let shrink = |text: &mut String| {
        if text.capacity() - text.len() > text.len() / 4 + SHRINK_SLACK {
            text.shrink_to_fit();
        }
    };
    let mut after = Vec::with_capacity(parts.len() - longest - 1);
    for range in parts[longest + 1..].iter().rev() {
        after.push(text[range.clone()].to_owned());
        text.truncate(range.start);
        shrink(&mut text);
    }
    let mut bodies: Vec<String> = parts[..longest]
        .iter()
        .map(|range| text[range.clone()].to_owned())
        .collect();
    text.truncate(parts[longest].end);
    text.drain(..parts[longest].start);
    shrink(&mut text);
    bodies.push(text);
    bodies.extend(after.into_iter().rev());
    bodies
}

/// Narrows `range` to leave out blank lines at either end.
fn trim_blank_lines(text: &str, range: Range<usize>) -> Range<usize> {
    let part = &text[range.clone()];
    let Some(first) = part.find(|c: char| !c.is_whitespace()) else {
        return range.start..range.start;
    };
    let start = part[..first].rfind('\n').map_or(0, |p| p + 1);
    let end = part.trim_end().len();
    range.start + start..range.start + end
}

fn first_non_empty_line(text: &str) -> &str {
    text.lines()
        .map(str::trim)
        .find(|line| !line.is_empty())
        .unwrap_or("(empty article)")
}

/// The most characters of a title kept (a headline or a first paragraph is far shorter): a
/// file of one huge line would otherwise hold that line twice, as its text and as its title,
/// and a huge title in `sources.json` once for each article of its file.
pub const MAX_TITLE_CHARS: usize = 1000;

/// `title`, cut after [`MAX_TITLE_CHARS`] characters with an ellipsis.
fn capped_title(title: &str) -> String {
    match title.char_indices().nth(MAX_TITLE_CHARS) {
        None => title.to_owned(),
        Some((end, _)) => format!("{}\u{2026}", &title[..end]),
    }
}

/// The articles of one file's bytes, named `name`, without metadata (for tests and tools).
pub fn articles_of(name: &str, bytes: &[u8]) -> Vec<Article> {
    let input = Input {
        origin: Origin::Stdin,
        name: name.to_owned(),
        explicit: true,
    };
    split_articles(&input, text::clean(bytes), &FileMetadata::default()).0
}

/// Every article of `inputs`, read in parallel, with the problems met.
pub fn load_all(inputs: &[Input]) -> (Vec<Article>, Vec<Problem>) {
    let sources = SourcesCache::default();
    let loaded = crate::work::parallel_map(inputs, |input| load_articles(input, &sources));
    let mut articles = Vec::new();
    let mut problems = Vec::new();
    for result in loaded {
        match result {
            Ok(file) => {
                articles.extend(file.articles);
                problems.extend(file.warnings);
            }
            Err(problem) => problems.push(problem),
        }
    }
    (articles, problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt::Write as _;

    fn articles_of(bytes: &[u8]) -> Vec<Article> {
        let input = Input {
            origin: Origin::BuiltIn("test.txt", b""),
            name: "test.txt".into(),
            explicit: true,
        };
        split_articles(&input, text::clean(bytes), &FileMetadata::default()).0
    }

    #[test]
    fn parts_are_taken_out_whichever_is_longest() {
        let text = "aa\nbbbb\ncc\ndddd\ne";
        // Each part as (start, end).
        let table: &[&[(usize, usize)]] = &[
            &[(0, 2), (3, 7), (8, 10), (11, 15), (16, 17)],
            &[(3, 7)],
            &[(0, 2), (3, 3), (8, 10)],
            &[(11, 15), (16, 17)],
            &[],
        ];
        for parts in table {
            let parts: Vec<Range<usize>> = parts.iter().map(|&(start, end)| start..end).collect();
            let expected: Vec<&str> = parts.iter().map(|range| &text[range.clone()]).collect();
            assert_eq!(take_parts(text.to_owned(), &parts), expected, "{parts:?}");
        }
    }

    #[test]
    fn splits_at_underscore_lines() {
        let table: &[(&str, &[&str])] = &[
            ("one\ntwo\n", &["one\ntwo"]),
            ("A\n_____\nB\n", &["A", "B"]),
            ("A\r\n  __________  \r\n\r\nB", &["A", "B"]),
            ("A\n____\nB", &["A\n____\nB"]),
            ("A\n_____x\nB", &["A\n_____x\nB"]),
            ("_____\nA\n_____\n", &["A"]),
            ("", &[""]),
            ("  \n\n", &[""]),
            ("\n\n\n  indented\nlast  \n\n", &["  indented\nlast"]),
        ];
        for (input, expected) in table {
            let texts: Vec<String> = articles_of(input.as_bytes())
                .into_iter()
                .map(|a| a.text)
                .collect();
            assert_eq!(&texts, expected, "input {input:?}");
        }
    }

    #[test]
    fn a_title_from_one_huge_line_is_cut_and_its_label_too() {
        let line = "word ".repeat(100_000);
        let article = &articles_of(line.as_bytes())[0];
        assert_eq!(article.title.chars().count(), MAX_TITLE_CHARS + 1);
        assert!(line.starts_with(article.title.trim_end_matches('\u{2026}')));
        assert!(article.title.ends_with('\u{2026}'));
        let label = &labels::labels(std::slice::from_ref(article))[0];
        let title = labels::full_label(article, label);
        assert_eq!(title.chars().count(), labels::MAX_LABEL_TITLE_CHARS);
        assert!(title.ends_with("word…"), "{title}");
    }

    #[test]
    fn titles_are_first_non_empty_lines() {
        let articles = articles_of(b"\n\n  Headline  \nbody\n_____\n\nSecond\n");
        assert_eq!(articles[0].title, "Headline");
        assert_eq!(articles[1].title, "Second");
        assert_eq!(articles[1].index, 1);
        assert_eq!(articles_of(b"\xef\xbb\xbf")[0].title, "(empty article)");
    }

    #[test]
    fn article_offsets_point_into_the_file() {
        let bytes = b"First\r\n_____\r\nSecond article\r\n";
        let articles = articles_of(bytes);
        let second = &articles[1];
        let range = second.map.source_range(0..second.text.len());
        assert_eq!(&bytes[range], b"Second article");
    }

    #[test]
    fn seeds_are_six_articles_with_metadata() {
        let (inputs, problems) = list_inputs(&[]);
        assert!(problems.is_empty());
        let (articles, problems) = load_all(&inputs);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(articles.len(), 6);
        assert_eq!(&*articles[0].file, "seeds/000_4c2ccd68bbfaab2a.txt");
        assert_eq!(articles[4].file, articles[5].file);
        assert_eq!(articles[5].index, 1);
        assert_eq!(articles[4].metadata.outlet.as_deref(), Some("Axios"));
    }

    #[test]
    fn large_files_read_in_pieces_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("large.txt");
        // Not plain ASCII, so the bytes are kept beside the text.
        let line = "Boehler’s team met Hamas officials in Doha.\n";
        let text = line.repeat(PARALLEL_READ_BYTES / line.len() + 1000);
        std::fs::write(&path, &text).unwrap();
        let (inputs, _) = list_inputs(std::slice::from_ref(&path));
        let file = load(&inputs[0], &SourcesCache::default()).unwrap();
        assert_eq!(file.bytes, text.as_bytes());
        assert_eq!(file.articles[0].text, text.trim_end());
    }

    #[cfg(unix)]
    #[test]
    fn a_file_that_shrinks_while_read_in_pieces_is_an_error_not_a_short_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("large.txt");
        let expected = PARALLEL_READ_BYTES + 10;
        std::fs::write(&path, vec![b'a'; expected]).unwrap();
        let mut file = std::fs::File::open(&path).unwrap();
        // Cut short by another program after it was opened.
        std::fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_len(100)
            .unwrap();
        let mut bytes = Vec::new();
        let error = read_file(&mut file, expected, &mut bytes).unwrap_err();
        let message = io_message(Some(&error), "");
        assert!(
            message.ends_with("got shorter while it was read"),
            "{message}"
        );
    }

    #[test]
    fn paragraphs_are_non_blank_lines() {
        let text = "one\n\n  \ntwo three\nfour";
        let found: Vec<&str> = paragraphs(text).map(|r| &text[r]).collect();
        assert_eq!(found, ["one", "two three", "four"]);
    }

    /// The warnings of reading the folder `files` are written to, as `NAME: MESSAGE`, and its
    /// articles.
    fn load_folder(files: &[(&str, &str)]) -> (Vec<String>, Vec<Article>) {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        let (inputs, _) = list_inputs(&[dir.path().to_path_buf()]);
        let (articles, problems) = load_all(&inputs);
        let prefix = format!("{}/", dir.path().display());
        let warnings = problems
            .iter()
            .map(|p| format!("{}: {}", p.name.trim_start_matches(&prefix), p.message))
            .collect();
        (warnings, articles)
    }

    #[test]
    fn a_file_of_too_many_articles_is_split_into_the_most_with_a_warning() {
        let mut text = String::new();
        for n in 0..2 * MAX_ARTICLES_PER_FILE {
            writeln!(text, "A{n}\n_____").unwrap();
        }
        let (warnings, articles) = load_folder(&[("many.txt", &text)]);
        assert_eq!(articles.len(), MAX_ARTICLES_PER_FILE);
        let last = &articles[MAX_ARTICLES_PER_FILE - 1].text;
        assert!(
            last.starts_with(&format!("A{}\n", MAX_ARTICLES_PER_FILE - 1)),
            "{last:.40}"
        );
        assert!(last.ends_with(&format!("A{}\n_____", 2 * MAX_ARTICLES_PER_FILE - 1)));
        assert_eq!(warnings, [format!("many.txt: {}", too_many_articles())]);
    }

    #[test]
    fn a_bad_sources_json_is_told_once_not_once_per_file() {
        let mut files = vec![("sources.json", "{\"a.txt\": {\"publisher\": \"X\"}}")];
        let names: Vec<String> = (0..20).map(|n| format!("{n}.txt")).collect();
        files.extend(names.iter().map(|name| (name.as_str(), "Gaza")));
        let (warnings, articles) = load_folder(&files);
        assert_eq!(articles.len(), 20);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].starts_with("sources.json: ignored: unknown field `publisher`"));
    }

    #[test]
    fn invalid_dates_in_sources_json_are_left_out_with_a_warning() {
        let sources = r#"{"a.txt": {"date": "2025-13-99", "title": "A"},
            "b.txt": {"date": "2024-02-29", "articles": [{"date": "2025-02-29"}]}}"#;
        let files = [("sources.json", sources), ("a.txt", "x"), ("b.txt", "y")];
        let (warnings, articles) = load_folder(&files);
        assert_eq!(
            warnings,
            [
                "sources.json: invalid date \"2025-13-99\" for \"a.txt\" left out and 1 more; \
                 write dates as YYYY-MM-DD, e.g. \"2025-03-05\""
            ]
        );
        let dates: Vec<_> = articles
            .iter()
            .map(|a| a.metadata.date.as_deref())
            .collect();
        assert_eq!(dates, [None, Some("2024-02-29")]);
        assert_eq!(articles[0].title, "A");
    }

    /// A title from `sources.json` is cut as a first line is: a file-wide title is not held
    /// whole for every article of the file.
    #[test]
    fn a_huge_title_in_sources_json_is_cut() {
        let title = "T".repeat(50_000);
        let sources = format!(r#"{{"a.txt": {{"title": "{title}"}}}}"#);
        let files = [("sources.json", sources.as_str()), ("a.txt", "x\n_____\ny")];
        let (_, articles) = load_folder(&files);
        assert_eq!(articles.len(), 2);
        for article in &articles {
            assert_eq!(article.title.chars().count(), MAX_TITLE_CHARS + 1);
        }
    }

    #[test]
    fn parses_sources_json() {
        let (table, dropped) = parse_sources(
            r#"{"a.txt": {"outlet": "X", "articles": [{"title": "T"}]}, "b.txt": {}}"#,
        )
        .unwrap();
        assert!(dropped.is_empty());
        assert_eq!(table["a.txt"].for_article(0).title.as_deref(), Some("T"));
        assert_eq!(table["a.txt"].for_article(1).outlet.as_deref(), Some("X"));
        assert!(
            parse_sources(r#"{"a.txt": {"publisher": "X"}}"#)
                .unwrap_err()
                .contains("unknown field")
        );
    }
}
