//! Reads the corpus for the reader: the first article at once, the rest in the background.
//!
//! The first input that yields an article is read and matched before the terminal opens,
//! so the first frame does not wait for a large corpus. A worker thread then reads and
//! matches every input, sending progress, and finally the whole [`Corpus`].

use crate::app::{Corpus, Loading};
use crate::corpus::{self, Article, Input, Origin, Problem, SourcesCache};
use crate::index::Index;
use crate::matcher::{Matcher, Mention};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::Sender;

/// Progress is reported about this many times over a load.
const PROGRESS_STEPS: usize = 100;

/// The first input that has an article, with its mentions; problems met on the way.
pub fn load_first(
    inputs: &[Input],
    matcher: &Matcher,
    entity_count: usize,
) -> (Corpus, Vec<Problem>) {
    let sources = SourcesCache::default();
    let mut problems = Vec::new();
    for input in inputs {
        match corpus::load(input, &sources) {
            Ok(file) if !file.articles.is_empty() => {
                let corpus =
                    index_articles(file.articles, matcher, entity_count, inputs.len() == 1);
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

fn index_articles(
    articles: Vec<Article>,
    matcher: &Matcher,
    entity_count: usize,
    complete: bool,
) -> Corpus {
    let mentions: Vec<Vec<Mention>> = articles.iter().map(|a| matcher.find(&a.text)).collect();
    Corpus {
        articles,
        index: Index::from_mentions(mentions, entity_count),
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
        let result = corpus::load(input, &sources).map(|file| {
            let mentions: Vec<Vec<Mention>> = file
                .articles
                .iter()
                .map(|a| matcher.find(&a.text))
                .collect();
            (file.articles, mentions, file.warnings)
        });
        let finished = done.fetch_add(1, Ordering::Relaxed) + 1;
        if finished.is_multiple_of(step) || finished == total {
            progress(finished, total);
        }
        result
    });
    let mut articles = Vec::new();
    let mut mentions = Vec::new();
    let mut problems = Vec::new();
    for result in loaded {
        match result {
            Ok((more, found, warnings)) => {
                articles.extend(more);
                mentions.extend(found);
                problems.extend(warnings);
            }
            Err(problem) => problems.push(problem),
        }
    }
    let corpus = Corpus {
        articles,
        index: Index::from_mentions(mentions, entity_count),
        complete: true,
    };
    (corpus, problems)
}

/// Starts the background load; its problems come back through the join handle.
pub fn spawn(
    inputs: Vec<Input>,
    matcher: Arc<Matcher>,
    entity_count: usize,
    sender: Sender<Loading>,
) -> std::io::Result<std::thread::JoinHandle<Vec<Problem>>> {
    std::thread::Builder::new()
        .name("gazette-loader".to_owned())
        .spawn(move || {
            let report = |done, total| {
                let _ = sender.send(Loading::Progress { done, total });
            };
            let (corpus, problems) = load_all(&inputs, &matcher, entity_count, report);
            let _ = sender.send(Loading::Done(Box::new(corpus), problems.len()));
            problems
        })
}
