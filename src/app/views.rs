//! The views over the whole corpus: coverage, concordance (with naming and co-occurrence)
//! and the names the gazetteer lacks, and adding one of those names.
//!
//! Each view is computed once when it opens, from `insight` and `discover`; moving in it
//! only moves a cursor. Finding the names the gazetteer lacks reads the whole corpus, so it
//! runs as a [`super::Job`], and the view opens when its result comes back.

use super::{App, Discovery, Focus, Mode, Purpose, QuotesView, ReuseView};
use crate::additions::Addition;
use crate::app::GazetteerState;
use crate::corpus::Article;
use crate::discover::{self, Location};
use crate::gazetteer::EntityId;
use crate::gazetteer::Gazetteer;
use crate::index::{Index, MentionRef};
use crate::insight::{self, Coverage, Naming};
use crate::loader::{Rebuild, Rebuilt};

/// An open view.
#[derive(Debug, Clone)]
pub enum Panel {
    /// Entities × sources.
    Coverage(CoverageView),
    /// One entity's mentions in context.
    Concordance(ConcordanceView),
    /// Names the gazetteer lacks.
    Discovery(DiscoveryView),
    /// Who is quoted saying what, and by which source.
    Quotes(QuotesView),
    /// Which sources retell which, and the retold sentences.
    Reuse(ReuseView),
}

impl Panel {
    /// The keymap scope of the view: the keys valid in it.
    pub fn scope(&self) -> super::keymap::Scope {
        use super::keymap::Scope;
        match self {
            Panel::Coverage(_) => Scope::Coverage,
            Panel::Concordance(_) => Scope::Concordance,
            Panel::Discovery(_) => Scope::Discovery,
            Panel::Quotes(_) => Scope::Quotes,
            Panel::Reuse(_) => Scope::Reuse,
        }
    }
}

/// The coverage grid and its cursor cell.
#[derive(Debug, Clone)]
pub struct CoverageView {
    /// The grid.
    pub table: Coverage,
    /// The cursor's row.
    pub row: usize,
    /// The cursor's column: an article.
    pub column: usize,
}

/// The concordance of one entity, its naming per source and its co-occurring entities.
#[derive(Debug, Clone)]
pub struct ConcordanceView {
    /// The entity.
    pub entity: EntityId,
    /// Every mention, in corpus order; each is shown in context
    /// ([`insight::concordance_line`]) only when on screen.
    pub mentions: Vec<MentionRef>,
    /// How each source names the entity.
    pub naming: Vec<Naming>,
    /// The entities sharing paragraphs with it, most shared first.
    pub cooccurring: Vec<(EntityId, u32)>,
    /// The cursor in `lines`.
    pub cursor: usize,
    /// The cursor in `cooccurring`.
    pub other: usize,
    /// Whether the co-occurrence list has the keys.
    pub on_others: bool,
}

/// A name the gazetteer lacks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The name as written.
    pub text: String,
    /// Every place it occurs, the first first.
    pub locations: Vec<Location>,
    /// How many sources have it.
    pub sources: usize,
    /// For a near-miss: the known form it nearly matches, and that form's entity.
    pub near: Option<(String, EntityId)>,
}

/// The names the gazetteer lacks: unlisted names, then near-misses.
#[derive(Debug, Clone, Default)]
pub struct DiscoveryView {
    /// The candidates.
    pub candidates: Vec<Candidate>,
    /// The cursor.
    pub cursor: usize,
}

/// Choosing how to add a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddPrompt {
    /// The name.
    pub name: String,
    /// The entity it nearly matches, for a near-miss.
    pub near: Option<EntityId>,
}

impl DiscoveryView {
    /// The candidates found in `articles`.
    pub fn new(articles: &[Article], index: &Index, gazetteer: &Gazetteer) -> DiscoveryView {
        let found = discover::discover(articles, index, gazetteer);
        let unlisted = found.unlisted.into_iter().map(|name| Candidate {
            text: name.text,
            sources: name.sources,
            locations: sorted(name.locations),
            near: None,
        });
        let near = found.near_misses.into_iter().map(|miss| {
            let locations = sorted(miss.locations);
            let mut sources: Vec<usize> = locations.iter().map(|l| l.article).collect();
            sources.dedup();
            Candidate {
                text: miss.text,
                sources: sources.len(),
                locations,
                near: Some((miss.surface, miss.entity)),
            }
        });
        DiscoveryView {
            candidates: unlisted.chain(near).collect(),
            cursor: 0,
        }
    }

    /// How many unlisted names come before the near-misses.
    pub fn unlisted(&self) -> usize {
        self.candidates.iter().filter(|c| c.near.is_none()).count()
    }
}

fn sorted(mut locations: Vec<Location>) -> Vec<Location> {
    locations.sort_unstable();
    locations
}

impl App {
    /// Opens the coverage, or closes it when open.
    pub(super) fn toggle_coverage(&mut self) {
        if matches!(self.panel, Some(Panel::Coverage(_))) {
            self.close_panel();
            return;
        }
        let table = insight::coverage(&self.corpus.index, &self.gazetteer);
        let row = self
            .selected
            .and_then(|entity| table.rows.iter().position(|r| r.entity == entity))
            .unwrap_or(0);
        self.open_panel(Panel::Coverage(CoverageView {
            table,
            row,
            column: self.article,
        }));
    }

    /// Opens the concordance of the selected entity (or the one under the list's cursor).
    pub(super) fn toggle_concordance(&mut self) {
        if matches!(self.panel, Some(Panel::Concordance(_))) {
            self.close_panel();
            return;
        }
        let entity = match self.focus {
            Focus::Entities => self.cursor_entity().or(self.selected),
            _ => self.selected.or_else(|| self.cursor_entity()),
        };
        let Some(entity) = entity else {
            self.notice = Some("select an entity first (Enter on the entity list, or f)".into());
            return;
        };
        self.select(entity);
        let side = self.side_lists(entity);
        let view = ConcordanceView {
            entity,
            mentions: self.corpus.index.of_entity(entity).to_vec(),
            naming: side.naming,
            cooccurring: side.cooccurring,
            cursor: self.current_line(entity),
            other: 0,
            on_others: false,
        };
        self.open_panel(Panel::Concordance(view));
    }

    /// The concordance line of the current mention, if it is one of `entity`'s.
    fn current_line(&self, entity: EntityId) -> usize {
        let at = self
            .current
            .filter(|_| self.passages.is_none())
            .map(|m| MentionRef {
                article: u32::try_from(self.article).unwrap_or(u32::MAX),
                mention: u32::try_from(m).unwrap_or(u32::MAX),
            });
        at.and_then(|at| self.corpus.index.of_entity(entity).binary_search(&at).ok())
            .unwrap_or(0)
    }

    /// `a`: opens the names to add, or, in that list, asks how to add the one under the
    /// cursor.
    pub(super) fn add(&mut self) {
        let Some(Panel::Discovery(view)) = &self.panel else {
            if !self.corpus.complete {
                self.notice = Some("the other sources are still loading".to_owned());
                return;
            }
            self.discovery = match self.discovery {
                Discovery::Running(run, _) => Discovery::Running(run, Purpose::Open),
                _ => Discovery::Wanted(Purpose::Open),
            };
            return;
        };
        let Some(candidate) = view.candidates.get(view.cursor) else {
            self.notice = Some("no names to add".to_owned());
            return;
        };
        let prompt = AddPrompt {
            name: candidate.text.clone(),
            near: candidate.near.as_ref().map(|&(_, entity)| entity),
        };
        if self.still_matching("still adding the last name; wait a moment") {
            return;
        }
        self.prompt = Some(prompt);
        self.mode = Mode::Prompt;
    }

    /// The prompt's answer: asks the shell to write the addition.
    pub(super) fn answer_prompt(&mut self, how: super::Action) {
        let Some(prompt) = self.prompt.clone() else {
            return;
        };
        // A suggestion given an alias is accepted with it (it has no entry to add to).
        let alias_of = |entity: Option<EntityId>| {
            entity.map(|entity| {
                let mut known = self.gazetteer.entity(entity).clone();
                if self.is_suggested(entity) {
                    known.aliases.push(prompt.name.clone());
                    return Addition::Accept(vec![known]);
                }
                Addition::Alias {
                    entity: known,
                    alias: prompt.name.clone(),
                }
            })
        };
        let addition = match how {
            super::Action::AddEntity(kind) => Some(Addition::Entity {
                name: prompt.name.clone(),
                kind,
            }),
            super::Action::AddAliasOfSelected => alias_of(self.selected),
            super::Action::AddAliasOfNear => alias_of(prompt.near),
            _ => None,
        };
        let Some(addition) = addition else {
            self.notice = Some(match how {
                super::Action::AddAliasOfNear => "this name is not a near-miss".to_owned(),
                _ => "no entity is selected: Esc, select one (f), then add again".to_owned(),
            });
            return;
        };
        self.notice = Some(format!("adding {}…", addition.describe()));
        self.prompt = None;
        self.mode = Mode::Panel;
        self.gazetteer_state = GazetteerState::Changing;
        self.addition = Some(addition);
    }

    /// The addition the shell should write, once.
    pub fn take_addition(&mut self) -> Option<Addition> {
        self.addition.take()
    }

    pub(super) fn open_panel(&mut self, panel: Panel) {
        self.panel = Some(panel);
        self.mode = Mode::Panel;
    }

    pub(super) fn close_panel(&mut self) {
        if matches!(
            self.discovery,
            Discovery::Wanted(Purpose::Refresh) | Discovery::Running(_, Purpose::Refresh)
        ) {
            self.discovery = Discovery::Idle;
        }
        self.panel = None;
        self.prompt = None;
        self.mode = Mode::Reading;
    }

    /// Moves the open view's cursor: `rows` down (negative: up), `columns` right.
    pub(super) fn move_in_panel(&mut self, rows: isize, columns: isize) {
        let Some(panel) = &mut self.panel else {
            return;
        };
        match panel {
            Panel::Coverage(view) => {
                view.row = super::moved(view.row, rows, view.table.rows.len());
                let articles = self.corpus.articles.len();
                view.column = super::moved(view.column, columns, articles);
            }
            Panel::Concordance(view) if view.on_others => {
                view.other = super::moved(view.other, rows, view.cooccurring.len());
            }
            Panel::Concordance(view) => {
                view.cursor = super::moved(view.cursor, rows, view.mentions.len());
            }
            Panel::Discovery(view) => {
                view.cursor = super::moved(view.cursor, rows, view.candidates.len());
            }
            Panel::Quotes(view) if view.on_table => {
                view.row = super::moved(view.row, rows, self.quotes.speakers.len());
            }
            Panel::Quotes(view) => {
                view.cursor = super::moved(view.cursor, rows, view.quotes.len());
            }
            Panel::Reuse(view) => App::move_in_reuse(view, &self.retellings, rows, columns),
        }
    }

    /// Tab in a view: the concordance, the quotes and the reuse views switch between their
    /// two lists.
    pub(super) fn switch_in_panel(&mut self) {
        match &mut self.panel {
            Some(Panel::Concordance(view)) => {
                view.on_others = !view.on_others && !view.cooccurring.is_empty();
            }
            Some(Panel::Quotes(view)) => {
                view.on_table = !view.on_table && !self.quotes.speakers.is_empty();
            }
            Some(Panel::Reuse(view)) => view.on_sources = !view.on_sources,
            _ => {}
        }
    }

    /// Enter in a view: jump to what the cursor is on.
    pub(super) fn activate_in_panel(&mut self) {
        let Some(panel) = self.panel.take() else {
            return;
        };
        self.mode = Mode::Reading;
        match &panel {
            Panel::Coverage(view) => {
                let Some(row) = view.table.rows.get(view.row) else {
                    return self.keep_panel(panel);
                };
                let entity = row.entity;
                let mentions = self.corpus.index.of_entity(entity);
                let first = mentions.in_article(view.column).first();
                let Some(first) = first else {
                    let name = self.gazetteer.entity(entity).name.clone();
                    self.notice = Some(format!("this source does not name {name}"));
                    return self.keep_panel(panel);
                };
                self.select(entity);
                self.show_mention(first);
            }
            Panel::Concordance(view) if view.on_others => {
                let Some(&(other, _)) = view.cooccurring.get(view.other) else {
                    return self.keep_panel(panel);
                };
                self.open_shared_passages(view.entity, other);
            }
            Panel::Concordance(view) => {
                let Some(&at) = view.mentions.get(view.cursor) else {
                    return self.keep_panel(panel);
                };
                self.select(view.entity);
                self.show_mention(at);
            }
            Panel::Discovery(view) => {
                let Some(first) = view.candidates.get(view.cursor).map(|c| c.locations[0]) else {
                    return self.keep_panel(panel);
                };
                self.show_location(first);
            }
            Panel::Quotes(view) => return self.activate_quote(view.clone()),
            Panel::Reuse(view) => return self.activate_retold(*view),
        }
        self.focus = Focus::Text;
    }

    pub(super) fn keep_panel(&mut self, panel: Panel) {
        self.panel = Some(panel);
        self.mode = Mode::Panel;
    }

    /// The passage view narrowed to the paragraphs that mention both entities.
    fn open_shared_passages(&mut self, entity: EntityId, other: EntityId) {
        self.select(entity);
        self.remember_place();
        self.show_passages(self.compose(&[entity, other], true));
        let shown = self.passages.as_ref().map_or(0, |p| p.paragraphs);
        let names = format!(
            "{} and {}",
            self.gazetteer.entity(entity).name,
            self.gazetteer.entity(other).name
        );
        let verb = if shown == 1 { "mentions" } else { "mention" };
        self.notice = Some(format!(
            "{} {verb} both {names} (q leaves)",
            super::passages::paragraphs(shown)
        ));
    }

    /// Shows an article at a byte offset (a discovered name), with no current mention.
    fn show_location(&mut self, location: Location) {
        let row = self.show_offset(location.article, location.start);
        let article = &self.corpus.articles[location.article].text;
        self.notice = Some(format!(
            "“{}” is here (line {})",
            &article[location.start..location.end],
            row + 1
        ));
    }

    /// Shows `article` scrolled to the byte `offset`, with no current mention; the row it is
    /// on.
    pub(super) fn show_offset(&mut self, article: usize, offset: usize) -> usize {
        self.remember_place();
        self.open_article(article);
        self.current = None;
        let row = self
            .view
            .wrap
            .row_of(u32::try_from(offset).unwrap_or(u32::MAX));
        self.scroll_to_row(row);
        row
    }

    /// Takes in a finished discovery: a fresh list for the open view, or the view opened,
    /// unless the reader has since moved to another view or asked again.
    pub(super) fn absorb_discovery(&mut self, run: u64, found: Result<Box<DiscoveryView>, String>) {
        let Discovery::Running(awaited, purpose) = self.discovery else {
            return;
        };
        if awaited != run {
            return;
        }
        self.discovery = Discovery::Idle;
        let mut view = match found {
            Ok(view) => *view,
            Err(error) => {
                self.notice = Some(format!("finding names failed: {error}"));
                return;
            }
        };
        match &self.panel {
            Some(Panel::Discovery(old)) => {
                view.cursor = old.cursor.min(view.candidates.len().saturating_sub(1));
                self.panel = Some(Panel::Discovery(view));
            }
            None if purpose == Purpose::Open && self.mode == Mode::Reading => {
                let count = view.candidates.len();
                self.open_panel(Panel::Discovery(view));
                self.notice = Some(format!(
                    "{count} names the gazetteer lacks: a adds the one under the cursor"
                ));
            }
            _ => {}
        }
    }

    /// After an addition: the new gazetteer and index, or why it failed.
    pub(super) fn absorb_rebuild(&mut self, rebuilt: Rebuild) {
        self.gazetteer_state = GazetteerState::Ready;
        let rebuilt = match rebuilt {
            Ok(rebuilt) => rebuilt,
            Err(error) => {
                let message = format!("not added: {error}");
                self.failed_additions.push(message.clone());
                self.notice = Some(message);
                return;
            }
        };
        if rebuilt.index.article_count() != self.corpus.articles.len() {
            self.notice = Some("the corpus changed while adding; add again".to_owned());
            return;
        }
        let Rebuilt {
            gazetteer,
            index,
            added,
            entity,
        } = rebuilt;
        self.want_suggestions();
        self.replace_matches(gazetteer, std::sync::Arc::new(index));
        let mentions = self
            .gazetteer
            .find(&entity)
            .map(|e| self.corpus.index.total(e));
        if matches!(self.panel, Some(Panel::Discovery(_))) {
            // Found again in the background; the list stays until the new one comes.
            self.discovery = Discovery::Wanted(Purpose::Refresh);
        }
        self.notice = Some(match mentions {
            Some(mentions) => format!("added {added}: {mentions} mentions now matched"),
            None => format!("added {added}"),
        });
    }
}
