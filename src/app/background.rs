//! News from the work that runs beside the reader: the background load, matching again after
//! an addition, and the reader's own jobs. Each producer owns its event type; [`Background`]
//! is the one message the reader takes them all in.

use super::entities::presence;
use super::{App, JobDone};
use crate::gazetteer::{EntityId, Gazetteer};
use crate::index::Index;
use crate::loader::{Corpus, LoadEvent, Rebuild};
use std::sync::Arc;

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

/// Whether the gazetteer can be used and changed now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GazetteerState {
    /// Built, and not being changed.
    Ready,
    /// Being read and built in the background (a large one, at start): the sources show
    /// without mentions until it comes.
    Building,
    /// An addition or a decision on a suggestion is being written, and the corpus matched
    /// again.
    Changing,
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
            Background::Load(LoadEvent::Gazetteer(built)) => {
                let (gazetteer, index) = *built;
                self.absorb_gazetteer(gazetteer, index);
            }
            Background::Load(LoadEvent::GazetteerFailed(error)) => {
                self.gazetteer_state = GazetteerState::Ready;
                self.gazetteer_failed = Some(error);
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
            Background::Job(JobDone::Suggested(run, found)) => self.absorb_suggestions(run, found),
            Background::Job(JobDone::Named(run, found)) => self.absorb_naming(run, found),
            Background::Job(JobDone::Wrapped(run, Ok(whole))) => self.absorb_wrap(run, *whole),
            Background::Job(JobDone::Wrapped(run, Err(error))) => {
                self.view.cache.ended(run);
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
        self.labels = crate::corpus::labels(&self.corpus.articles);
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
        self.tell_left_out();
        if let Some(saved) = self.pending_restore.take() {
            self.restore(saved);
        }
    }

    /// Tells, in the status line, of the mentions the corpus has past those it keeps.
    pub(super) fn tell_left_out(&mut self) {
        if let Some(message) = self.corpus.index.left_out_message() {
            self.notice = Some(message);
        }
    }

    /// The gazetteer built in the background, with the mentions of the sources shown: they
    /// are highlighted, and the saved entity is selected.
    fn absorb_gazetteer(&mut self, gazetteer: Gazetteer, index: Index) {
        self.gazetteer_state = GazetteerState::Ready;
        if index.article_count() != self.corpus.articles.len() {
            // Not the sources it was matched for (the loader sends it before any other).
            self.notice = Some("the gazetteer came for other sources; start again".to_owned());
            return;
        }
        self.replace_matches(gazetteer, Arc::new(index));
        let pending = self.pending_entity.take();
        let saved = pending.and_then(|id| self.gazetteer.find(&id));
        if let (Some(entity), None) = (saved, self.selected) {
            self.select(entity);
        }
    }

    /// Whether the gazetteer is being built or changed (a decision or an addition then
    /// waits), with the notice that says so: `busy` for a change.
    pub(super) fn still_matching(&mut self, busy: &str) -> bool {
        let notice = if self.is_building_gazetteer() {
            "the gazetteer is still being built; wait a moment"
        } else if self.gazetteer_state == GazetteerState::Changing {
            busy
        } else {
            return false;
        };
        self.notice = Some(notice.to_owned());
        true
    }

    /// Whether the reader has to end: nothing to read, or the gazetteer failed.
    pub fn must_end(&self) -> bool {
        self.nothing_to_read() || self.gazetteer_failed.is_some()
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

    /// The corpus matched again under another gazetteer (an addition, the suggestions): the
    /// selection, marks, cursor and passage view follow their entities by id.
    pub(super) fn replace_matches(&mut self, gazetteer: Gazetteer, index: Arc<Index>) {
        // An accepted suggestion keeps its slug, without the mark of a suggestion.
        let remap = |old: EntityId| {
            let id = &self.gazetteer.entity(old).id;
            gazetteer.find(id).or_else(|| {
                let accepted = id.strip_prefix(crate::suggest::shown::SUGGESTED_ID)?;
                gazetteer.find(accepted)
            })
        };
        let selected = self.selected.and_then(remap);
        let marked = self
            .entities
            .marked
            .iter()
            .filter_map(|&e| remap(e))
            .collect();
        let cursor = self.cursor_entity().and_then(remap);
        let passages: Option<Vec<EntityId>> = self
            .passages
            .as_ref()
            .map(|p| p.entities.iter().filter_map(|&e| remap(e)).collect());
        let all = self.passages.as_ref().is_some_and(|p| p.all);
        let compare = self.compare_anchors(remap);
        let current = self
            .current
            .and_then(|at| self.doc_mentions().get(at))
            .map(|m| (m.start, remap(m.entity)));
        // The jump list's places name entities and mentions of the old matches.
        let mut jumps = std::mem::take(&mut self.jumps);
        for place in jumps.back.iter_mut().chain(jumps.forward.iter_mut()) {
            if let Some((entities, _)) = &mut place.passages {
                *entities = entities.iter().filter_map(|&e| remap(e)).collect();
            }
            place.current = None;
        }
        self.jumps = jumps;
        // The same mentions of the same entities (no suggestion came): the quotations stand.
        let quotes_stand = Arc::ptr_eq(&index, &self.corpus.index)
            && gazetteer.entities.iter().map(|e| &e.id).eq(self
                .gazetteer
                .entities
                .iter()
                .map(|e| &e.id));
        self.gazetteer = Arc::new(gazetteer);
        self.corpus.index = index;
        self.selected = selected;
        self.entities.marked = marked;
        self.presence = presence(&self.corpus, self.gazetteer.entities.len());
        self.current = None;
        self.refresh_entities();
        if let Some(row) = cursor.and_then(|e| self.entities.rows.iter().position(|&r| r == e)) {
            self.entities.cursor = row;
        }
        if let Some(entities) = passages {
            self.passages = Some(self.compose(&entities, all));
        }
        // The current mention stays current when its entity is still found there.
        self.current = current.and_then(|(start, entity)| {
            let mentions = self.doc_mentions();
            let at = mentions.partition_point(|m| m.start < start);
            mentions
                .get(at)
                .filter(|m| m.start == start && Some(m.entity) == entity)
                .map(|_| at)
        });
        if !quotes_stand {
            self.want_quotes();
        }
        self.reanchor_compare(compare);
        self.relayout();
    }
}
