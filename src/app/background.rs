//! News from the work that runs beside the reader: the background load, matching again after
//! an addition, and the reader's own jobs. Each producer owns its event type; [`Background`]
//! is the one message the reader takes them all in.

use super::entities::presence;
use super::{App, JobDone};
use crate::loader::{Corpus, LoadEvent, Rebuild};

/// News from the work that runs beside the reader, each producer with its own event type:
/// the background load, matching again after an addition, and the reader's jobs (finding
/// names, searching). The event loop hands each to [`App::absorb`].
#[derive(Debug)]
pub enum Background {
    /// From the background load.
    Load(LoadEvent),
    /// A name was added to the user gazetteer and the corpus matched again (or not, and why).
    Rebuilt(Box<Rebuild>),
    /// A job finished.
    Job(JobDone),
}

impl From<LoadEvent> for Background {
    fn from(event: LoadEvent) -> Self {
        Background::Load(event)
    }
}

impl From<Box<Rebuild>> for Background {
    fn from(rebuild: Box<Rebuild>) -> Self {
        Background::Rebuilt(rebuild)
    }
}

impl From<JobDone> for Background {
    fn from(done: JobDone) -> Self {
        Background::Job(done)
    }
}

impl App {
    /// Takes in news from the work beside the reader.
    pub fn absorb(&mut self, news: impl Into<Background>) {
        match news.into() {
            Background::Load(LoadEvent::Fetching { done, total }) => {
                self.fetching = Some((done, total));
            }
            Background::Load(LoadEvent::Progress { done, total }) => {
                self.fetching = None;
                self.progress = Some((done, total));
            }
            Background::Load(LoadEvent::Done(corpus, problems)) => {
                self.absorb_corpus(*corpus, problems);
            }
            Background::Load(LoadEvent::Stopped) => {
                self.loading_stopped();
            }
            Background::Rebuilt(rebuilt) => self.absorb_rebuild(*rebuilt),
            Background::Job(JobDone::Discovered(run, found)) => self.absorb_discovery(run, found),
            Background::Job(JobDone::Searched(run, found)) => self.absorb_search(run, found),
            Background::Job(JobDone::Quoted(run, found)) => self.absorb_quotes(run, found),
            Background::Job(JobDone::Retold(run, found)) => self.absorb_retellings(run, found),
            Background::Job(JobDone::Named(run, found)) => self.absorb_naming(run, found),
            Background::Job(JobDone::Wrapped(run, Ok(whole))) => self.absorb_wrap(run, *whole),
            Background::Job(JobDone::Wrapped(_, Err(error))) => {
                self.notice = Some(format!("wrapping the article failed: {error}"));
            }
        }
    }

    /// The whole corpus, read in the background, replaces the first source.
    fn absorb_corpus(&mut self, corpus: Corpus, problems: usize) {
        self.progress = None;
        self.fetching = None;
        let file = self.current_article().map(|a| (a.file.clone(), a.index));
        self.corpus = corpus;
        self.presence = presence(&self.corpus, self.gazetteer.entities.len());
        self.article = file
            .and_then(|(file, index)| self.find_article(&file, index))
            .unwrap_or(0);
        self.current = None;
        self.refresh_entities();
        self.want_quotes();
        self.want_retellings();
        self.relayout();
        if problems > 0 {
            self.notice = Some(format!(
                "{problems} inputs skipped or unreadable (listed on exit)"
            ));
        }
        if let Some(saved) = self.pending_restore.take() {
            self.restore(saved);
        }
    }

    /// Whether every input has been tried and none gave an article (every fetch failed):
    /// the reader has nothing to show, and ends so that the errors print on the terminal.
    pub fn nothing_to_read(&self) -> bool {
        self.corpus.complete && self.corpus.articles.is_empty()
    }

    /// The background load stopped without finishing (it failed): the reader goes on with
    /// the sources it has. Returns whether anything changed.
    pub fn loading_stopped(&mut self) -> bool {
        if self.corpus.complete {
            return false;
        }
        self.progress = None;
        self.fetching = None;
        self.corpus.complete = true;
        self.notice = Some("loading the other sources failed; reading the ones loaded".to_owned());
        true
    }
}
