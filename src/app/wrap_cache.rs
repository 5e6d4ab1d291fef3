//! The wrap shown and the one shown before it, so that going back to an article (leaving the
//! passage view or another view, or a change that does not touch the text) reuses its wrap
//! instead of wrapping the whole article again: on a file of a hundred megabytes, that is the
//! difference between a frame and a second.
//!
//! An article larger than [`LAZY_WRAP_BYTES`] that has no wrap yet is shown with the wrap of
//! its start ([`START_WRAP_BYTES`]), made at once, while a job wraps the whole of it on a
//! thread ([`WrapCache::wanted`]); the whole wrap replaces the start's when it arrives.

use super::wrap::Wrap;
use crate::corpus::Article;
use std::sync::{Arc, Weak};

/// What an article's wrap was made of. The corpus is held weakly: a wrap is never kept alive
/// for a corpus the reader has let go, nor mistaken for a newer one's. The mentions are not
/// part of it (only the markers drawn for them): new mentions keep the wrap.
#[derive(Debug, Clone)]
pub struct WrapKey {
    articles: Weak<[Article]>,
    article: usize,
    width: u16,
    markers: Vec<u32>,
}

impl WrapKey {
    /// The key of article `article` of `articles` at `width`, with kind markers at `markers`.
    pub fn new(articles: &Arc<[Article]>, article: usize, width: u16, markers: &[u32]) -> WrapKey {
        WrapKey {
            articles: Arc::downgrade(articles),
            article,
            width,
            markers: markers.to_vec(),
        }
    }
}

impl PartialEq for WrapKey {
    fn eq(&self, other: &Self) -> bool {
        Weak::ptr_eq(&self.articles, &other.articles)
            && self.articles.strong_count() > 0
            && (self.article, self.width) == (other.article, other.width)
            && self.markers == other.markers
    }
}

/// Articles larger than this are wrapped on a thread, their start shown meanwhile.
pub const LAZY_WRAP_BYTES: usize = 1 << 20;

/// How much of a large article is wrapped at once, for the screen to show.
pub const START_WRAP_BYTES: usize = 64 << 10;

/// The key of the wrap shown (none: not an article's whole wrap, such as the passage view's)
/// and the article wrap shown before it; the whole wrap awaited from a thread.
#[derive(Debug, Clone, Default)]
pub struct WrapCache {
    shown: Option<WrapKey>,
    spare: Option<(WrapKey, Wrap)>,
    /// The article whose whole wrap should be made on a thread (the event loop starts it).
    pub wanted: Option<WrapKey>,
    /// The wrap job awaited, and the article it wraps: only its result is taken.
    pub running: Option<(u64, WrapKey)>,
    /// The wrap job still at work, awaited or not: one at a time, so that a storm of
    /// resizes does not set a whole wrap of a huge article going for every size.
    pub in_flight: Option<u64>,
}

impl WrapCache {
    /// Whether the wrap for `key` is at hand (shown or spare).
    pub fn has(&self, key: &WrapKey) -> bool {
        self.shown.as_ref() == Some(key) || self.spare.as_ref().is_some_and(|(k, _)| k == key)
    }

    /// Shows `start`, the wrap of the start of the article `key`, and asks for the whole.
    pub fn show_start(&mut self, shown: &mut Wrap, key: WrapKey, start: Wrap) {
        self.show(shown, None, || start);
        self.running = None;
        self.wanted = Some(key);
    }

    /// Whether a new job (run number `run`) should make the whole wrap wanted: one is, and
    /// no job is still at work.
    pub fn start(&mut self, run: u64) -> bool {
        if self.in_flight.is_some() {
            return false;
        }
        let Some(key) = self.wanted.take() else {
            return false;
        };
        self.running = Some((run, key));
        self.in_flight = Some(run);
        true
    }

    /// Job `run` ended (with a wrap or not): another may start.
    pub fn ended(&mut self, run: u64) {
        if self.in_flight == Some(run) {
            self.in_flight = None;
        }
    }

    /// Takes in the whole wrap of job `run`, if it is the one awaited; whether it was.
    pub fn finish(&mut self, shown: &mut Wrap, run: u64, whole: Wrap) -> bool {
        self.ended(run);
        match self.running.take() {
            Some((awaited, key)) if awaited == run => {
                self.shown = None;
                self.show(shown, Some(key), || whole);
                true
            }
            other => {
                self.running = other;
                false
            }
        }
    }

    /// Makes `shown` the wrap for `key`: kept when it already is, the spare when that is,
    /// otherwise `make()`. The article wrap it replaces becomes the spare.
    pub fn show(&mut self, shown: &mut Wrap, key: Option<WrapKey>, make: impl FnOnce() -> Wrap) {
        self.wanted = None;
        if key.is_some() && key == self.shown {
            return;
        }
        self.running = None;
        let reused = match (&key, self.spare.take()) {
            (Some(key), Some((spare_key, wrap))) if *key == spare_key => Some(wrap),
            (_, spare) => {
                self.spare = spare;
                None
            }
        };
        let old = std::mem::replace(shown, reused.unwrap_or_else(make));
        if let Some(old_key) = self.shown.take() {
            self.spare = Some((old_key, old));
        }
        self.shown = key;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_article_shown_again_reuses_its_wrap_and_a_new_corpus_does_not() {
        let (articles, _, _) = crate::testing::indexed(
            r#"{"entities": [{"name": "Hamas", "kind": "organization"}]}"#,
            &["Hamas one.", "Hamas two."],
        );
        let articles: Arc<[Article]> = articles.into();
        let key = |article, width, markers: &[u32]| {
            Some(WrapKey::new(&articles, article, width, markers))
        };
        let mut cache = WrapCache::default();
        let mut shown = Wrap::default();
        let mut made = 0;
        let mut show = |key: Option<WrapKey>, width| {
            cache.show(&mut shown, key, || {
                made += 1;
                super::super::wrap::wrap("", width, &[])
            });
            made
        };
        show(key(0, 40, &[]), 40);
        show(key(0, 40, &[]), 40);
        show(None, 40);
        assert_eq!(
            show(key(0, 40, &[]), 40),
            2,
            "the article's wrap came back from the spare"
        );
        show(key(1, 40, &[]), 40);
        assert_eq!(
            show(key(1, 50, &[]), 50),
            4,
            "another article, another width"
        );
        assert_eq!(
            show(key(1, 50, &[0]), 50),
            5,
            "new kind markers, a new wrap"
        );
        let again: Arc<[Article]> = articles.to_vec().into();
        let fresh = Some(WrapKey::new(&again, 1, 50, &[0]));
        assert_eq!(show(fresh, 50), 6, "a new corpus, a new wrap");
    }
}
