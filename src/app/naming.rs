//! The concordance's side lists (how each source names the entity, and what shares its
//! paragraphs) of an entity with many mentions are found on a thread, so that `K` answers at
//! once; they fill in when found, and leaving the concordance leaves them unused.

use super::{App, Panel};
use crate::gazetteer::EntityId;
use crate::insight::{self, Naming};

/// Above this many mentions, `K` finds the naming and co-occurrence on a thread.
pub const SMALL_NAMING_MENTIONS: usize = 20_000;

/// Where finding the side lists of a concordance stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NamingJob {
    /// Nothing asked.
    #[default]
    Idle,
    /// Asked for this entity; the event loop has not started it yet.
    Wanted(EntityId),
    /// Running; only the result of this run is taken.
    Running(u64, EntityId),
}

/// The side lists of one entity's concordance.
#[derive(Debug, Clone, Default)]
pub struct Named {
    /// The entity.
    pub entity: EntityId,
    /// How each source names it.
    pub naming: Vec<Naming>,
    /// The entities sharing paragraphs with it, most shared first.
    pub cooccurring: Vec<(EntityId, u32)>,
}

impl Named {
    /// Finds the side lists of `entity`'s concordance.
    pub fn find(
        articles: &[crate::corpus::Article],
        index: &crate::index::Index,
        entity: EntityId,
    ) -> Named {
        Named {
            entity,
            naming: insight::naming(articles, index, entity),
            cooccurring: insight::cooccurrence(articles, index, entity),
        }
    }
}

impl App {
    /// The side lists of `entity`'s concordance: found now for an entity with few mentions;
    /// otherwise empty, and asked of a job.
    pub(super) fn side_lists(&mut self, entity: EntityId) -> Named {
        let (articles, index) = (&self.corpus.articles, &self.corpus.index);
        if index.of_entity(entity).len() <= SMALL_NAMING_MENTIONS {
            self.naming_job = NamingJob::Idle;
            return Named::find(articles, index, entity);
        }
        self.naming_job = NamingJob::Wanted(entity);
        self.notice = Some("working… finding how each source names it".to_owned());
        Named {
            entity,
            ..Named::default()
        }
    }

    /// Takes in the side lists of job `run`, if awaited and the concordance is still open.
    pub(super) fn absorb_naming(&mut self, run: u64, found: Result<Box<Named>, String>) {
        if !matches!(self.naming_job, NamingJob::Running(awaited, _) if awaited == run) {
            return;
        }
        self.naming_job = NamingJob::Idle;
        let named = match found {
            Ok(named) => named,
            Err(error) => {
                self.notice = Some(format!("finding the naming failed: {error}"));
                return;
            }
        };
        if let Some(Panel::Concordance(view)) = &mut self.panel
            && view.entity == named.entity
        {
            view.naming = named.naming;
            view.cooccurring = named.cooccurring;
            self.notice = None;
        }
    }
}
