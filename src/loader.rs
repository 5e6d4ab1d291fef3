//! Reads the corpus for the reader: the first article at once, the rest in the background.
//!
//! The first input that yields an article is read and matched before the terminal opens,
//! so the first frame does not wait for a large corpus. A worker thread then reads and
//! matches every input, sending progress, and finally the whole [`Corpus`] ([`LoadEvent`]).
//!
//! A large gazetteer is built on that thread too, before it reads ([`Matching::Build`]): the
//! reader shows the first source meanwhile, and takes the gazetteer with that source's
//! mentions when it is built ([`LoadEvent::Gazetteer`]).
//!
//! A [`Rebuilder`] does the same for an addition to the user gazetteer: it writes the
//! addition, reads the gazetteer layers again and matches the loaded articles again, on a
//! worker thread, then sends the new gazetteer and index ([`Rebuild`]).
//!
//! A worker that panics sends nothing more: the reader goes on with what it has (the panic
//! itself is reported by the reader's panic hook). [`PANIC_ENV`] makes one panic on purpose,
//! for the tests of that path.

use crate::additions::{self, Addition};
use crate::corpus::{self, Article, Input, Origin, Problem, SourcesCache};
use crate::error::Error;
use crate::gazetteer::Gazetteer;
use crate::index::Index;
use crate::matcher::Matcher;
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};

/// The articles and their mentions, shared with the threads that work on them (finding
/// names, matching again after an addition) without copying.
#[derive(Debug, Default)]
pub struct Corpus {
    /// The articles, in corpus order.
    pub articles: Arc<[Article]>,
    /// Their mentions.
    pub index: Arc<Index>,
    /// Whether every input has been read (the rest load in the background).
    pub complete: bool,
}

/// What the background load reports.
#[derive(Debug)]
pub enum LoadEvent {
    /// `done` of `total` inputs read.
    Progress {
        /// Inputs read.
        done: usize,
        /// Inputs in all.
        total: usize,
    },
    /// `done` of `total` pages fetched from the web so far (listing, before reading).
    Fetching {
        /// Fetches ended (fetched or failed).
        done: usize,
        /// Fetches asked for so far (a feed adds its pages when it arrives).
        total: usize,
    },
    /// The gazetteer, built on the worker, with the mentions of the sources the reader
    /// already shows (in their order).
    Gazetteer(Box<(Gazetteer, Index)>),
    /// The gazetteer could not be read: the reader ends with this error.
    GazetteerFailed(Box<Error>),
    /// Every input is read; the problems met (shown as one notice).
    Done(Box<Corpus>, usize),
    /// The load ended before `Done`: it failed (a panic), and its channel closed. The event
    /// loop reports this when it finds the channel closed.
    Stopped,
}

/// What an addition produced: the gazetteer read again and the corpus matched again.
#[derive(Debug)]
pub struct Rebuilt {
    /// The gazetteer with the addition.
    pub gazetteer: Gazetteer,
    /// The corpus's mentions under it.
    pub index: Index,
    /// What was added, for the message.
    pub added: String,
    /// The id of the entity added to.
    pub entity: String,
}

/// What the [`Rebuilder`] reports for one addition: the new gazetteer and index, or why not.
pub type Rebuild = Result<Rebuilt, String>;

/// Progress is reported about this many times over a load.
const PROGRESS_STEPS: usize = 100;

/// Environment variable that makes one part of the reader panic on purpose, to test that the
/// reader survives it: `loader` (the background load), `rebuild` (matching again after an
/// addition) or `draw` (drawing a frame, on the reader's own thread).
pub const PANIC_ENV: &str = "GAZETTE_TEST_PANIC";

/// Panics when [`PANIC_ENV`] names `point`.
pub fn fault_point(point: &str) {
    // Read once: the draw point is on every frame.
    static ASKED: std::sync::OnceLock<Option<std::ffi::OsString>> = std::sync::OnceLock::new();
    let asked = ASKED
        .get_or_init(|| std::env::var_os(PANIC_ENV))
        .as_ref()
        .is_some_and(|value| value == point);
    assert!(!asked, "{PANIC_ENV}={point} asked for this panic");
}

/// The message a panic carries (`panic!` with a literal or with formatting).
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> &str {
    payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("(no message)")
}

/// A first input larger than this is not read before the first frame: the reader opens at
/// once, showing the progress, and the background load reads it.
pub const FIRST_FRAME_BYTES: u64 = 4 << 20;

/// Gazetteer files larger than this in all are read and built after the first frame, on the
/// loader's thread: the reader shows the first source meanwhile.
pub const FIRST_FRAME_GAZETTEER_BYTES: u64 = 1 << 20;

/// How the loader matches what it reads.
pub enum Matching {
    /// With this matcher, for a gazetteer of this many entities.
    Ready(Arc<Matcher>, usize),
    /// With the gazetteer `reload` reads, built first; `shown` are the sources the reader
    /// already shows (read without it), matched as soon as it is built.
    Build {
        /// Reads the gazetteer layers.
        reload: Arc<Reload>,
        /// The sources shown before the gazetteer.
        shown: Arc<[Article]>,
    },
}

/// The first input that has an article, with its mentions; problems met on the way, and the
/// warnings of that input. When the first input is a file larger than [`FIRST_FRAME_BYTES`],
/// nothing is read: the corpus comes back empty and not complete.
pub fn load_first(
    inputs: &[Input],
    matcher: &Matcher,
    entity_count: usize,
) -> (Corpus, Vec<Problem>) {
    let sources = SourcesCache::default();
    let mut problems = Vec::new();
    for input in inputs {
        if is_large(input) {
            return (Corpus::default(), problems);
        }
        match corpus::load_articles(input, &sources) {
            Ok(file) if !file.articles.is_empty() => {
                problems.extend(file.warnings);
                let complete = inputs.len() == 1;
                let corpus = index_articles(file.articles, matcher, entity_count, complete);
                problems.extend(corpus.index.left_out_warning(&corpus.articles));
                return (corpus, problems);
            }
            Ok(_) => {}
            Err(problem) => problems.push(problem),
        }
    }
    (
        Corpus {
            complete: true,
            ..Corpus::default()
        },
        problems,
    )
}

/// Whether `input` is a file too large to read before the first frame.
fn is_large(input: &Input) -> bool {
    match &input.origin {
        Origin::File(path) => std::fs::metadata(path).is_ok_and(|m| m.len() > FIRST_FRAME_BYTES),
        Origin::BuiltIn(..) | Origin::Stdin => false,
    }
}

fn index_articles(
    articles: Vec<Article>,
    matcher: &Matcher,
    entity_count: usize,
    complete: bool,
) -> Corpus {
    // Moved into their shared slice first, so that the copy that makes is freed before the
    // mentions are found.
    let articles: Arc<[Article]> = articles.into();
    Corpus {
        index: Arc::new(Index::build(&articles, matcher, entity_count)),
        articles,
        complete,
    }
}

/// Whether every input is compiled in (small enough to read before the first frame).
pub fn all_built_in(inputs: &[Input]) -> bool {
    inputs
        .iter()
        .all(|input| matches!(input.origin, Origin::BuiltIn(..)))
}

/// Reads and matches every input on all cores, calling `progress(done, total)` as it goes.
pub fn load_all(
    inputs: &[Input],
    matcher: &Matcher,
    entity_count: usize,
    progress: impl Fn(usize, usize) + Sync,
) -> (Corpus, Vec<Problem>) {
    let sources = SourcesCache::default();
    let done = AtomicUsize::new(0);
    let total = inputs.len();
    let step = (total / PROGRESS_STEPS).max(1);
    let loaded = crate::work::parallel_map(inputs, |input| {
        let result = corpus::load_articles(input, &sources);
        let finished = done.fetch_add(1, Ordering::Relaxed) + 1;
        if finished.is_multiple_of(step) || finished == total {
            progress(finished, total);
        }
        result
    });
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
    // Matched once every text is read: how many mentions the corpus keeps depends on its size.
    let corpus = index_articles(articles, matcher, entity_count, true);
    problems.extend(corpus.index.left_out_warning(&corpus.articles));
    (corpus, problems)
}

/// Starts the background load of the inputs `list` gives; listing itself runs on the worker
/// (it may fetch from the network, and reports its fetches through the function it is given).
/// When `list` gives nothing, every source is read already: the worker only builds the
/// gazetteer (with [`Matching::Build`]).
pub fn spawn_listing(
    list: impl FnOnce(&crate::web::Report<'_>) -> Option<(Vec<Input>, Vec<Problem>)> + Send + 'static,
    matching: Matching,
    sender: Sender<LoadEvent>,
) -> std::io::Result<std::thread::JoinHandle<Vec<Problem>>> {
    std::thread::Builder::new()
        .name("gazette-loader".to_owned())
        .spawn(move || {
            fault_point("loader");
            let Some((matcher, entity_count)) = matcher_for(matching, &sender) else {
                return Vec::new();
            };
            let fetching = |done, total| {
                let _ = sender.send(LoadEvent::Fetching { done, total });
            };
            let Some((inputs, mut problems)) = list(&fetching) else {
                return Vec::new();
            };
            let report = |done, total| {
                let _ = sender.send(LoadEvent::Progress { done, total });
            };
            let (corpus, more) = load_all(&inputs, &matcher, entity_count, report);
            problems.extend(more);
            let _ = sender.send(LoadEvent::Done(Box::new(corpus), problems.len()));
            problems
        })
}

/// The matcher to load with: the one given, or the one built from the gazetteer, which is
/// sent to the reader with the shown sources' mentions. None when the gazetteer failed (the
/// failure is sent).
fn matcher_for(matching: Matching, sender: &Sender<LoadEvent>) -> Option<(Arc<Matcher>, usize)> {
    let (reload, shown) = match matching {
        Matching::Ready(matcher, entity_count) => return Some((matcher, entity_count)),
        Matching::Build { reload, shown } => (reload, shown),
    };
    let built = reload().and_then(|gazetteer| Ok((Matcher::new(&gazetteer)?, gazetteer)));
    match built {
        Ok((matcher, gazetteer)) => {
            let entity_count = gazetteer.entities.len();
            let index = Index::build(&shown, &matcher, entity_count);
            let _ = sender.send(LoadEvent::Gazetteer(Box::new((gazetteer, index))));
            Some((Arc::new(matcher), entity_count))
        }
        Err(error) => {
            let _ = sender.send(LoadEvent::GazetteerFailed(Box::new(error)));
            None
        }
    }
}

/// Reads the gazetteer layers again (the built-in one, the user's, any given with
/// `--gazetteer`), as at start.
pub type Reload = dyn Fn() -> Result<Gazetteer, crate::error::Error> + Send + Sync;

/// Writes additions to the user gazetteer and matches the corpus again, off the event loop.
pub struct Rebuilder {
    path: Option<PathBuf>,
    review: Option<PathBuf>,
    reload: Arc<Reload>,
    sender: Sender<Box<Rebuild>>,
    receiver: Receiver<Box<Rebuild>>,
}

impl std::fmt::Debug for Rebuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rebuilder")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Rebuilder {
    /// Additions go to `path` (none: there is no configuration directory); `reload` reads
    /// the layers again.
    pub fn new(path: Option<PathBuf>, reload: Arc<Reload>) -> Rebuilder {
        let (sender, receiver) = mpsc::channel();
        Rebuilder {
            review: path.clone(),
            path,
            reload,
            sender,
            receiver,
        }
    }

    /// The same, with the decisions on suggestions written to `review` (none: nowhere).
    #[must_use]
    pub fn with_review(mut self, review: Option<PathBuf>) -> Rebuilder {
        self.review = review;
        self
    }

    /// Starts writing `addition` and matching `articles` again; the result comes back
    /// through [`Rebuilder::receiver`].
    pub fn start(&self, addition: Addition, gazetteer: &Gazetteer, articles: Arc<[Article]>) {
        let sender = self.sender.clone();
        let path = if addition.is_review() {
            &self.review
        } else {
            &self.path
        };
        let Some(path) = path.clone() else {
            let message = "there is no configuration directory (set GAZETTE_CONFIG_DIR)";
            let _ = sender.send(Box::new(Err(message.to_owned())));
            return;
        };
        let taken: HashSet<String> = gazetteer.entities.iter().map(|e| e.id.clone()).collect();
        let reload = Arc::clone(&self.reload);
        let work = move || {
            // A panic must still end the addition, or the reader would wait for it forever.
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                fault_point("rebuild");
                rebuild(&path, &addition, &taken, reload.as_ref(), &articles)
            }))
            .unwrap_or_else(|panic| {
                Err(format!("matching again failed: {}", panic_message(&*panic)))
            });
            let _ = sender.send(Box::new(result));
        };
        let spawned = std::thread::Builder::new()
            .name("gazette-rebuild".to_owned())
            .spawn(work);
        if let Err(error) = spawned {
            let message = format!("cannot start a worker thread: {error}");
            let _ = self.sender.send(Box::new(Err(message)));
        }
    }

    /// Where the results arrive.
    pub fn receiver(&self) -> &Receiver<Box<Rebuild>> {
        &self.receiver
    }
}

fn rebuild(
    path: &std::path::Path,
    addition: &Addition,
    taken: &HashSet<String>,
    reload: &Reload,
    articles: &[Article],
) -> Rebuild {
    let is_taken = |id: &str| taken.contains(id);
    let entity = additions::apply(path, addition, &is_taken).map_err(|error| error.to_string())?;
    let gazetteer = reload().map_err(|error| error.to_string())?;
    let matcher = Matcher::new(&gazetteer).map_err(|error| error.to_string())?;
    let index = Index::build(articles, &matcher, gazetteer.entities.len());
    Ok(Rebuilt {
        added: addition.describe(),
        gazetteer,
        index,
        entity,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_first_file_is_left_to_the_background_load() {
        let dir = tempfile::tempdir().unwrap();
        let small = dir.path().join("small.txt");
        std::fs::write(&small, "Hamas met.").unwrap();
        let large = dir.path().join("large.txt");
        let size = usize::try_from(FIRST_FRAME_BYTES).unwrap() + 1;
        std::fs::write(&large, "Hamas met. ".repeat(size / 11 + 1)).unwrap();
        let gazetteer = r#"{"entities": [{"name": "Hamas", "kind": "organization"}]}"#;
        let (_, _, gazetteer) = crate::testing::indexed(gazetteer, &[]);
        let matcher = Matcher::new(&gazetteer).unwrap();
        let first = |paths: &[PathBuf]| {
            let (inputs, _) = corpus::list_inputs(paths);
            load_first(&inputs, &matcher, gazetteer.entities.len())
        };
        let (corpus, problems) = first(&[large.clone(), small.clone()]);
        assert!(corpus.articles.is_empty() && !corpus.complete && problems.is_empty());
        let (corpus, _) = first(&[small, large]);
        assert_eq!(corpus.articles.len(), 1);
        assert_eq!(corpus.index.total(0), 1);
    }
}
