//! Work over the whole corpus that runs off the reader's thread: finding the names the
//! gazetteer lacks, searching, finding the quotations and the retold passages, and suggesting
//! entities.
//!
//! The reader asks for a job; the event loop takes it with [`App::take_job`], runs it (in place
//! when the corpus is small, otherwise on a thread of its own) and hands the result back through
//! [`App::absorb`]. Each job has a run number, and only the result of the run the reader still
//! awaits is taken: a search typed again, or `Esc`, leaves the older result unused.

use super::naming::{Named, NamingJob};
use super::wrap::Wrap;
use super::{App, DiscoveryView, Retellings, Search};
use crate::additions::rejected;
use crate::corpus::Article;
use crate::gazetteer::Gazetteer;
use crate::index::Index;
use crate::quotes::Quotations;
use crate::search::search_articles;
use crate::suggest::shown::{Shown, shown};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Text up to which finding names runs in place (about 10 ms).
const SMALL_DISCOVERY_BYTES: usize = 1 << 20;

/// Text up to which the suggestions are found in place (about 10 ms).
const SMALL_SUGGEST_BYTES: usize = 256 << 10;
/// Surface forms up to which finding names runs in place: the near-miss index is built from
/// every one, so a large gazetteer sends the job to a thread even on a small corpus.
const SMALL_DISCOVERY_SURFACES: usize = 20_000;

/// Text up to which a search runs in place (a few milliseconds).
const SMALL_SEARCH_BYTES: usize = 8 << 20;

/// Text up to which the quotations, or the retold passages, are found in place (a few
/// milliseconds).
const SMALL_FINDING_BYTES: usize = 1 << 20;

/// Where finding names stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Discovery {
    /// Nothing asked.
    #[default]
    Idle,
    /// Asked for; the event loop has not started it yet.
    Wanted(Purpose),
    /// Running; only the result of this run is taken.
    Running(u64, Purpose),
}

/// Why names are being found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// `a` asked for the list: it opens when found.
    Open,
    /// An addition changed the corpus: the open list is replaced, if it is still open.
    Refresh,
}

/// Where a search stands.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Searching {
    /// No search under way.
    #[default]
    Idle,
    /// Asked for this query; the event loop has not started it yet.
    Wanted(String),
    /// Running; only the result of this run is taken.
    Running(u64, String),
}

/// Where finding something once per corpus (the quotations, the retold passages) stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Finding {
    /// Not asked for yet: found on demand (the retold passages, which take long on a large
    /// corpus and are only shown in their view).
    Idle,
    /// The corpus (or the gazetteer) changed, or the view asked: the event loop should find
    /// it.
    #[default]
    Wanted,
    /// Running; only the result of this run is taken.
    Running(u64),
    /// Found for the corpus and gazetteer the reader has.
    Done,
}

impl Finding {
    /// Whether `run` is the run awaited; if it is, the finding is done.
    pub fn finish(&mut self, run: u64) -> bool {
        let awaited = *self == Finding::Running(run);
        if awaited {
            *self = Finding::Done;
        }
        awaited
    }
}

/// What a finished job reports.
#[derive(Debug)]
pub enum JobDone {
    /// Finding names, run number `.0`, finished (or failed, and why).
    Discovered(u64, Result<Box<DiscoveryView>, String>),
    /// Search run number `.0` finished (or failed, and why).
    Searched(u64, Result<Box<Search>, String>),
    /// Finding the quotations, run number `.0`, finished (or failed, and why).
    Quoted(u64, Result<Box<Quotations>, String>),
    /// Finding the retold passages, run number `.0`, finished (or failed, and why).
    Retold(u64, Result<Box<Retellings>, String>),
    /// Suggesting entities, run number `.0`, finished (or failed, and why).
    Suggested(u64, Result<Box<Shown>, String>),
    /// The side lists of a concordance, run number `.0` (or why not).
    Named(u64, Result<Box<Named>, String>),
    /// The whole wrap of a large article, run number `.0` (or why not).
    Wrapped(u64, Result<Box<Wrap>, String>),
}

impl JobDone {
    /// What the job found, in a few words (for the timing log).
    pub fn what(&self) -> &'static str {
        match self {
            JobDone::Discovered(..) => "names found",
            JobDone::Searched(..) => "search done",
            JobDone::Quoted(..) => "quotations found",
            JobDone::Retold(..) => "retold passages found",
            JobDone::Suggested(..) => "suggestions found",
            JobDone::Named(..) => "naming found",
            JobDone::Wrapped(..) => "whole wrap made",
        }
    }
}

/// The corpus as matched, shared with a job: the articles, their mentions and the entities.
#[derive(Debug)]
pub struct Matched {
    /// The articles, shared.
    pub articles: Arc<[Article]>,
    /// The mentions, shared.
    pub index: Arc<Index>,
    /// The entities.
    pub gazetteer: Arc<Gazetteer>,
}

/// A job for the event loop.
#[derive(Debug)]
pub enum Job {
    /// Finding the names the gazetteer lacks.
    Discovery {
        /// The run number.
        run: u64,
        /// The corpus with its mentions and entities.
        matched: Matched,
    },
    /// Searching every source.
    Search {
        /// The run number.
        run: u64,
        /// The corpus, shared.
        articles: Arc<[Article]>,
        /// What to search for.
        query: String,
    },
    /// Finding every quotation and its speaker.
    Quotes {
        /// The run number.
        run: u64,
        /// The corpus with its mentions, which name the speakers.
        matched: Matched,
    },
    /// Finding the sentences one source retells from another.
    Reuse {
        /// The run number.
        run: u64,
        /// The corpus, shared.
        articles: Arc<[Article]>,
    },
    /// Suggesting the entities no layer covers, and matching them.
    Suggest {
        /// The run number.
        run: u64,
        /// The corpus with its confirmed entities and their mentions.
        matched: Matched,
        /// The gazetteer beside which the rejected names are listed.
        rejected_beside: Option<PathBuf>,
    },
    /// The side lists of a concordance: how each source names the entity, what shares its
    /// paragraphs.
    Naming {
        /// The run number.
        run: u64,
        /// The corpus, shared.
        articles: Arc<[Article]>,
        /// The mentions, shared.
        index: Arc<Index>,
        /// The entity.
        entity: crate::gazetteer::EntityId,
    },
    /// Wrapping the whole of a large article.
    Wrap {
        /// The run number.
        run: u64,
        /// The corpus, shared.
        articles: Arc<[Article]>,
        /// Which article.
        article: usize,
        /// The width to wrap to.
        width: u16,
        /// Where kind markers take a cell.
        markers: Vec<u32>,
    },
}

impl Job {
    /// Which run this is.
    pub fn number(&self) -> u64 {
        match self {
            Job::Discovery { run, .. }
            | Job::Search { run, .. }
            | Job::Quotes { run, .. }
            | Job::Reuse { run, .. }
            | Job::Suggest { run, .. }
            | Job::Naming { run, .. }
            | Job::Wrap { run, .. } => *run,
        }
    }

    /// Whether the job is quick enough to run in place, without a thread.
    pub fn is_small(&self) -> bool {
        let text = |articles: &[Article]| articles.iter().map(|a| a.text.len()).sum::<usize>();
        match self {
            Job::Discovery { matched, .. } => {
                text(&matched.articles) <= SMALL_DISCOVERY_BYTES
                    && matched.gazetteer.surfaces.len() <= SMALL_DISCOVERY_SURFACES
            }
            Job::Search { articles, .. } => text(articles) <= SMALL_SEARCH_BYTES,
            Job::Quotes { matched, .. } => text(&matched.articles) <= SMALL_FINDING_BYTES,
            Job::Reuse { articles, .. } => text(articles) <= SMALL_FINDING_BYTES,
            Job::Suggest { matched, .. } => text(&matched.articles) <= SMALL_SUGGEST_BYTES,
            // Asked for only when too large to do within a frame.
            Job::Naming { .. } | Job::Wrap { .. } => false,
        }
    }

    /// Does the work; the message for [`App::absorb`]. A panic is caught and reported.
    pub fn run(self) -> JobDone {
        let reason =
            |panic: Box<dyn std::any::Any + Send>| crate::loader::panic_message(&*panic).to_owned();
        match self {
            Job::Discovery { run, matched: m } => {
                let found = std::panic::catch_unwind(|| {
                    DiscoveryView::new(&m.articles, &m.index, &m.gazetteer)
                });
                JobDone::Discovered(run, found.map(Box::new).map_err(reason))
            }
            Job::Search {
                run,
                articles,
                query,
            } => {
                let found = std::panic::catch_unwind(|| search_articles(&articles, &query));
                JobDone::Searched(run, found.map(Box::new).map_err(reason))
            }
            Job::Quotes { run, matched: m } => {
                let found = std::panic::catch_unwind(|| {
                    Quotations::find(&m.articles, &m.index, &m.gazetteer)
                });
                JobDone::Quoted(run, found.map(Box::new).map_err(reason))
            }
            Job::Reuse { run, articles } => {
                let found =
                    std::panic::catch_unwind(|| Retellings::new(crate::reuse::find(&articles)));
                JobDone::Retold(run, found.map(Box::new).map_err(reason))
            }
            Job::Suggest {
                run,
                matched: m,
                rejected_beside,
            } => {
                let found = std::panic::catch_unwind(|| suggested(&m, rejected_beside.as_deref()));
                let found = found.map_err(reason).and_then(|shown| shown.map(Box::new));
                JobDone::Suggested(run, found)
            }
            Job::Naming {
                run,
                articles,
                index,
                entity,
            } => {
                let found = std::panic::catch_unwind(|| Named::find(&articles, &index, entity));
                JobDone::Named(run, found.map(Box::new).map_err(reason))
            }
            Job::Wrap {
                run,
                articles,
                article,
                width,
                markers,
            } => {
                let found = std::panic::catch_unwind(|| {
                    super::wrap::wrap(&articles[article].text, width, &markers)
                });
                JobDone::Wrapped(run, found.map(Box::new).map_err(reason))
            }
        }
    }
}

/// The suggestions for `matched`, less the names rejected beside `gazetteer`.
fn suggested(matched: &Matched, gazetteer: Option<&Path>) -> Result<Shown, String> {
    let rejected = match gazetteer {
        Some(path) => rejected::read(path).map_err(|error| error.to_string())?,
        None => Vec::new(),
    };
    let (articles, index) = (&matched.articles, &matched.index);
    shown(articles, index, &matched.gazetteer, &rejected).map_err(|error| error.to_string())
}

impl App {
    /// The corpus as matched now, to share with a job.
    fn matched(&self) -> Matched {
        Matched {
            articles: Arc::clone(&self.corpus.articles),
            index: Arc::clone(&self.corpus.index),
            gazetteer: Arc::clone(&self.gazetteer),
        }
    }

    /// The next job the reader asked for, if any (the event loop runs it).
    pub fn take_job(&mut self) -> Option<Job> {
        if let NamingJob::Wanted(entity) = self.naming_job {
            self.job_runs += 1;
            self.naming_job = NamingJob::Running(self.job_runs, entity);
            return Some(Job::Naming {
                run: self.job_runs,
                articles: Arc::clone(&self.corpus.articles),
                index: Arc::clone(&self.corpus.index),
                entity,
            });
        }
        if self.view.cache.start(self.job_runs + 1) {
            self.job_runs += 1;
            return Some(Job::Wrap {
                run: self.job_runs,
                articles: Arc::clone(&self.corpus.articles),
                article: self.article,
                width: self.view.wrap.width,
                markers: self.view.markers.clone(),
            });
        }
        if self.is_building_gazetteer() {
            // Names, quotations and suggestions are found with the gazetteer.
            return self.searching_job();
        }
        if let Discovery::Wanted(purpose) = self.discovery {
            self.job_runs += 1;
            self.discovery = Discovery::Running(self.job_runs, purpose);
            return Some(Job::Discovery {
                run: self.job_runs,
                matched: self.matched(),
            });
        }
        if self.quoting == Finding::Wanted && !self.going_over_the_corpus() {
            self.job_runs += 1;
            self.quoting = Finding::Running(self.job_runs);
            return Some(Job::Quotes {
                run: self.job_runs,
                matched: self.matched(),
            });
        }
        if self.retelling == Finding::Wanted {
            self.job_runs += 1;
            self.retelling = Finding::Running(self.job_runs);
            return Some(Job::Reuse {
                run: self.job_runs,
                articles: Arc::clone(&self.corpus.articles),
            });
        }
        if self.review.finding == Finding::Wanted
            && self.corpus.complete
            && !self.going_over_the_corpus()
        {
            self.job_runs += 1;
            self.review.finding = Finding::Running(self.job_runs);
            return Some(Job::Suggest {
                run: self.job_runs,
                matched: self.matched(),
                rejected_beside: self.review.gazetteer.clone(),
            });
        }
        self.searching_job()
    }

    /// Whether the quotations or the suggestions are being found. Each goes over the whole
    /// corpus with working memory in proportion to it; they take turns, so that on a large
    /// corpus their memory does not add up (the cores are kept busy by either).
    fn going_over_the_corpus(&self) -> bool {
        matches!(self.quoting, Finding::Running(_))
            || matches!(self.review.finding, Finding::Running(_))
    }

    /// The search asked for, if any.
    fn searching_job(&mut self) -> Option<Job> {
        let Searching::Wanted(query) = &self.searching else {
            return None;
        };
        let query = query.clone();
        self.job_runs += 1;
        self.searching = Searching::Running(self.job_runs, query.clone());
        Some(Job::Search {
            run: self.job_runs,
            articles: Arc::clone(&self.corpus.articles),
            query,
        })
    }

    /// Takes in a finished search, if it is the one awaited.
    pub(super) fn absorb_search(&mut self, run: u64, found: Result<Box<Search>, String>) {
        if !matches!(&self.searching, Searching::Running(awaited, _) if *awaited == run) {
            return;
        }
        self.searching = Searching::Idle;
        match found {
            Ok(search) => self.show_search(*search),
            Err(error) => self.notice = Some(format!("the search failed: {error}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn discovery(entities: usize) -> Job {
        let entities: Vec<String> = (0..entities)
            .map(|n| format!(r#"{{"id": "e{n}", "name": "Placename{n}", "kind": "place"}}"#))
            .collect();
        let json = format!(r#"{{"entities": [{}]}}"#, entities.join(","));
        let (articles, index, gazetteer) = crate::testing::indexed(&json, &["Placename1 met."]);
        Job::Discovery {
            run: 1,
            matched: Matched {
                articles: articles.into(),
                index: Arc::new(index),
                gazetteer: Arc::new(gazetteer),
            },
        }
    }

    #[test]
    fn finding_names_with_a_large_gazetteer_runs_on_a_thread() {
        assert!(discovery(10).is_small());
        assert!(!discovery(SMALL_DISCOVERY_SURFACES + 1).is_small());
    }
}
