//! Helpers for the unit tests: a small indexed corpus from a gazetteer and some texts, and
//! the best of several timings, for tests that compare the costs of two shapes of input.

use crate::corpus::{Article, articles_of};
use crate::gazetteer::{Gazetteer, LayerSource};
use crate::index::Index;
use crate::matcher::Matcher;

/// Loads `gazetteer` (JSON), reads each text as one file, and indexes the mentions.
pub(crate) fn indexed(gazetteer: &str, texts: &[&str]) -> (Vec<Article>, Index, Gazetteer) {
    let layer = LayerSource {
        label: "test".into(),
        bytes: gazetteer.as_bytes().to_vec(),
    };
    let gazetteer = Gazetteer::load(&[layer]).expect("test gazetteers are valid");
    let matcher = Matcher::new(&gazetteer).expect("test gazetteers compile");
    let articles: Vec<Article> = texts
        .iter()
        .flat_map(|text| articles_of("t.txt", text.as_bytes()))
        .collect();
    let index = Index::build(&articles, &matcher, gazetteer.entities.len());
    (articles, index, gazetteer)
}

/// Runs `work` on a thread and returns its result, failing the test if it takes longer than
/// 20 seconds (a FIFO opened for reading or writing blocks forever).
pub(crate) fn within_seconds<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || sender.send(work()));
    receiver
        .recv_timeout(std::time::Duration::from_secs(20))
        .expect("it ended within 20 seconds")
}

/// Makes a FIFO at `path`.
pub(crate) fn mkfifo(path: &std::path::Path) {
    let made = std::process::Command::new("mkfifo").arg(path).status();
    assert!(made.is_ok_and(|status| status.success()), "mkfifo");
}

/// The shortest of five timings of `work`: tests compare two of them as a generous ratio (a
/// cost that grows too fast shows as a ratio far past it), never against a fixed time.
pub(crate) fn best_time(mut work: impl FnMut()) -> std::time::Duration {
    (0..5)
        .map(|_| {
            let start = std::time::Instant::now();
            work();
            start.elapsed()
        })
        .min()
        .expect("five timings")
}
