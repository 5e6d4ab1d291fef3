//! Suggested entities in the reader, and their review (`S`).
//!
//! Once the whole corpus is read, the suggester runs as a [`super::Job`]; its entities come
//! back appended to the confirmed ones ([`crate::suggest::shown`]), so that they are
//! highlighted (in a style of their own), listed after the confirmed ones and stepped through
//! like any other. The review view lists them with their kinds and mention counts; each
//! decision (accept one, all, or all of one kind; accept with another kind or another name;
//! merge into another entity; reject) is an [`Addition`] the rebuilder writes at once, under
//! the gazetteer's lock, to the story gazetteer (or the user's). The corpus is then matched
//! again and the suggester runs again on what is left.

use super::action::Review as Step;
use super::{Action, App, Finding, Focus, Mode};
use crate::additions::Addition;
use crate::app::GazetteerState;
use crate::gazetteer::{Entity, EntityId, Kind};
use crate::suggest::shown::Shown;
use std::path::PathBuf;

/// The suggestions and the review view's state.
#[derive(Debug, Clone, Default)]
pub struct Review {
    /// The first suggested entity of the gazetteer, when suggestions are shown: every entity
    /// from it on is a suggestion.
    pub first: Option<EntityId>,
    /// Where finding the suggestions stands.
    pub finding: Finding,
    /// The gazetteer decisions are written to, beside which the rejected names are listed
    /// (none: no rejected names are read).
    pub gazetteer: Option<PathBuf>,
    /// Whether the review view is open.
    pub open: bool,
    /// The cursor, in [`App::review_rows`].
    pub cursor: usize,
    /// The one kind listed, when narrowed.
    pub only: Option<Kind>,
    /// A name being typed in the view.
    pub editing: Option<Editing>,
    /// Suggestions found but not shown (the text is too dense with mentions to match it
    /// again within its memory).
    pub withheld: usize,
}

/// A name typed in the review view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Editing {
    /// What the name is for.
    pub purpose: Purpose,
    /// The suggestion it is for.
    pub entity: EntityId,
    /// What is typed so far.
    pub text: String,
}

/// What a typed name is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// The suggestion's new name (its old one stays an alias).
    Rename,
    /// The entity the suggestion joins.
    Merge,
}

impl App {
    /// Whether `entity` is a suggestion rather than a confirmed entity.
    pub fn is_suggested(&self, entity: EntityId) -> bool {
        self.review.first.is_some_and(|first| entity >= first)
    }

    /// How many confirmed entities the corpus mentions.
    pub fn confirmed_mentioned(&self) -> usize {
        let confirmed = self
            .review
            .first
            .map_or(self.gazetteer.entities.len(), |f| f as usize);
        (0..confirmed)
            .filter_map(|id| EntityId::try_from(id).ok())
            .filter(|&id| self.corpus.index.total(id) > 0)
            .count()
    }

    /// The suggestions the review lists: those mentioned, of the kind shown, most mentioned
    /// first.
    pub fn review_rows(&self) -> Vec<EntityId> {
        let Some(first) = self.review.first else {
            return Vec::new();
        };
        let count = EntityId::try_from(self.gazetteer.entities.len()).unwrap_or(EntityId::MAX);
        let index = &self.corpus.index;
        let mut rows: Vec<EntityId> = (first..count)
            .filter(|&id| index.total(id) > 0)
            .filter(|&id| self.review.only.is_none_or(|kind| self.kind_of(id) == kind))
            .collect();
        rows.sort_by_key(|&id| (std::cmp::Reverse(index.total(id)), id));
        rows
    }

    /// The suggestion under the review's cursor.
    pub fn review_cursor_entity(&self) -> Option<EntityId> {
        let rows = self.review_rows();
        rows.get(self.review.cursor.min(rows.len().saturating_sub(1)))
            .copied()
    }

    /// Takes in found suggestions, if they are the ones awaited and fit the corpus.
    pub(super) fn absorb_suggestions(&mut self, run: u64, found: Result<Box<Shown>, String>) {
        if !self.review.finding.finish(run) {
            return;
        }
        match found {
            Ok(shown) if shown.index.article_count() == self.corpus.articles.len() => {
                let Shown {
                    gazetteer,
                    index,
                    first,
                    withheld,
                } = *shown;
                self.review.first = Some(first);
                self.review.withheld = withheld;
                self.replace_matches(gazetteer, index);
                if withheld > 0 {
                    self.notice = Some(withheld_notice(withheld));
                }
            }
            Ok(_) => self.review.finding = Finding::Wanted,
            Err(error) => self.notice = Some(format!("finding suggestions failed: {error}")),
        }
    }

    /// The gazetteer changed on disk (a decision, an addition): the suggestions are found
    /// again.
    pub(super) fn want_suggestions(&mut self) {
        self.review.first = None;
        self.review.finding = Finding::Wanted;
    }

    /// Keys while the review is open; whether the action was taken here.
    pub(super) fn review_action(&mut self, action: Action) -> bool {
        if self.mode == Mode::ReviewTyping {
            return self.review_typing(action);
        }
        let page = isize::try_from(usize::from(self.size.1).saturating_sub(8).max(1)).unwrap_or(1);
        match action {
            Action::MoveDown => self.move_in_review(1),
            Action::MoveUp => self.move_in_review(-1),
            Action::PageDown => self.move_in_review(page),
            Action::PageUp => self.move_in_review(-page),
            Action::GoTop => self.move_in_review(isize::MIN),
            Action::GoBottom => self.move_in_review(isize::MAX),
            Action::Wheel { down, .. } => self.move_in_review(if down { 1 } else { -1 }),
            Action::Activate => self.read_suggestion(),
            Action::ClosePanel | Action::Review(Step::Open) => self.close_review(),
            Action::Review(step) => self.review_step(step),
            Action::Click { .. } => {}
            _ => return false,
        }
        true
    }

    /// `S`: opens the review (once the suggestions are found).
    pub(super) fn open_review(&mut self) {
        if !self.corpus.complete {
            self.notice = Some("the other sources are still loading".to_owned());
            return;
        }
        self.panel = None;
        self.passages = None;
        self.review.open = true;
        self.mode = Mode::Review;
        if self.review.first.is_none() {
            self.notice = Some("finding suggestions…".to_owned());
        }
    }

    fn close_review(&mut self) {
        self.review.open = false;
        self.review.editing = None;
        self.mode = Mode::Reading;
    }

    fn move_in_review(&mut self, delta: isize) {
        let len = self.review_rows().len();
        self.review.cursor = super::moved(self.review.cursor, delta, len);
    }

    /// Enter: reads the suggestion's first mention (`S` comes back to the review).
    fn read_suggestion(&mut self) {
        let Some(entity) = self.review_cursor_entity() else {
            return;
        };
        self.close_review();
        self.focus = Focus::Text;
        self.select_and_jump(entity);
        self.notice = Some(format!(
            "suggested: {} (S reviews the suggestions)",
            self.gazetteer.entity(entity).name
        ));
    }

    fn review_step(&mut self, step: Step) {
        if let Step::Only(kind) = step {
            self.review.only = (self.review.only != Some(kind)).then_some(kind);
            self.review.cursor = 0;
            return;
        }
        let Some(entity) = self.review_cursor_entity() else {
            self.notice = Some(self.nothing_to_review());
            return;
        };
        let suggestion = self.gazetteer.entity(entity).clone();
        match step {
            Step::Accept => self.decide(Addition::Accept(vec![suggestion])),
            Step::AcceptAll => {
                let all = self.review_rows();
                let all = all.iter().map(|&id| self.gazetteer.entity(id).clone());
                self.decide(Addition::Accept(all.collect()));
            }
            Step::AcceptAs(kind) => {
                self.decide(Addition::Accept(vec![Entity { kind, ..suggestion }]));
            }
            Step::Reject => self.decide(Addition::Reject(forms(&suggestion))),
            Step::Rename | Step::Merge => {
                let (purpose, text) = if step == Step::Rename {
                    (Purpose::Rename, suggestion.name)
                } else {
                    (Purpose::Merge, String::new())
                };
                self.review.editing = Some(Editing {
                    purpose,
                    entity,
                    text,
                });
                self.mode = Mode::ReviewTyping;
            }
            Step::Open | Step::Only(_) => {}
        }
    }

    fn nothing_to_review(&self) -> String {
        match (self.review.first, self.review.only) {
            (None, _) => "finding suggestions…".to_owned(),
            (Some(_), Some(kind)) => {
                format!("no {kind} suggestions ({} shows all)", kind_key(kind))
            }
            (Some(_), None) if self.review.withheld > 0 => withheld_notice(self.review.withheld),
            (Some(_), None) => "no suggestions left".to_owned(),
        }
    }

    /// Hands a decision to the rebuilder, unless one is still being written.
    fn decide(&mut self, addition: Addition) {
        if self.still_matching("still writing the last decision; wait a moment") {
            return;
        }
        self.notice = Some(format!("writing {}…", addition.describe()));
        self.gazetteer_state = GazetteerState::Changing;
        self.addition = Some(addition);
    }

    fn review_typing(&mut self, action: Action) -> bool {
        let Some(editing) = &mut self.review.editing else {
            self.mode = Mode::Review;
            return false;
        };
        match action {
            Action::InsertChar(c) => editing.text.push(c),
            Action::DeleteChar => {
                editing.text.pop();
            }
            Action::CancelInput => {
                self.review.editing = None;
                self.mode = Mode::Review;
            }
            Action::ConfirmInput => self.confirm_editing(),
            _ => return false,
        }
        true
    }

    fn confirm_editing(&mut self) {
        let Some(editing) = self.review.editing.take() else {
            return;
        };
        self.mode = Mode::Review;
        let suggestion = self.gazetteer.entity(editing.entity).clone();
        let text = editing.text.trim().to_owned();
        match editing.purpose {
            Purpose::Rename if text.is_empty() => {
                self.notice = Some("a name cannot be empty".to_owned());
            }
            Purpose::Rename => {
                let mut renamed = suggestion.clone();
                renamed.aliases.retain(|alias| *alias != text);
                if suggestion.name != text {
                    renamed.aliases.insert(0, suggestion.name);
                }
                renamed.name = text;
                self.decide(Addition::Accept(vec![renamed]));
            }
            Purpose::Merge => match self.merge_target(editing.entity, &text) {
                Some(target) => self.merge(&suggestion, target),
                None => self.notice = Some(format!("no other entity is named like “{text}”")),
            },
        }
    }

    /// The entity a suggestion would merge into, for what is typed: one named or aliased
    /// so (letter case aside), else the most mentioned whose name contains it.
    pub fn merge_target(&self, entity: EntityId, typed: &str) -> Option<EntityId> {
        let typed = typed.trim();
        if typed.is_empty() {
            return None;
        }
        let named = self
            .gazetteer
            .lookup(typed)
            .into_iter()
            .find(|&e| e != entity);
        named.or_else(|| {
            let lower = typed.to_lowercase();
            let index = &self.corpus.index;
            (0..self.gazetteer.entities.len())
                .filter_map(|id| EntityId::try_from(id).ok())
                .filter(|&id| id != entity && index.total(id) > 0)
                .filter(|&id| {
                    self.gazetteer
                        .entity(id)
                        .name
                        .to_lowercase()
                        .contains(&lower)
                })
                .max_by_key(|&id| (index.total(id), std::cmp::Reverse(id)))
        })
    }

    /// The suggestion's forms become aliases of `target`: written as aliases of a confirmed
    /// entity, or with the target accepted when it is a suggestion too.
    fn merge(&mut self, suggestion: &Entity, target: EntityId) {
        let forms = forms(suggestion);
        let mut into = self.gazetteer.entity(target).clone();
        if self.is_suggested(target) {
            for form in forms {
                if form != into.name && !into.aliases.contains(&form) {
                    into.aliases.push(form);
                }
            }
            self.decide(Addition::Accept(vec![into]));
        } else {
            self.decide(Addition::Merge {
                entity: into,
                forms,
            });
        }
    }
}

/// Every form of an entity: its name, then its aliases.
fn forms(entity: &Entity) -> Vec<String> {
    entity.surfaces().map(str::to_owned).collect()
}

/// The key that lists only one kind in the review.
pub fn kind_key(kind: Kind) -> char {
    match kind {
        Kind::Person => 'P',
        Kind::Organization => 'O',
        Kind::Place => 'L',
        Kind::Misc => 'M',
    }
}

/// What the reader says of suggestions found but not shown.
pub fn withheld_notice(withheld: usize) -> String {
    format!(
        "{withheld} suggested names not shown: this text has too many mentions to match it \
         again in memory; `gazette gazetteer suggest` lists them"
    )
}
