//! The entity list (order, filter, hidden kinds, marks), selecting an entity and showing its
//! mentions, and the presence strip.

use super::{App, Focus, Target, layout};
use crate::config::Sort;
use crate::gazetteer::{EntityId, Kind};
use crate::index::MentionRef;
use crate::loader::Corpus;
use std::collections::BTreeSet;

/// The entity list: which entities show, in what order, where the cursor is.
#[derive(Debug, Clone)]
pub struct EntityList {
    /// The entities shown, in order.
    pub rows: Vec<EntityId>,
    /// The cursor, as an index into `rows`.
    pub cursor: usize,
    /// The order.
    pub sort: Sort,
    /// The filter being typed (name or alias, case-insensitive).
    pub filter: String,
    /// Kinds hidden in highlights and the list, by [`Kind::slot`].
    pub hidden: [bool; 4],
    /// Entities marked for the passage view.
    pub marked: BTreeSet<EntityId>,
}

impl App {
    /// How many marks the presence strip has.
    pub fn strip_marks(&self) -> usize {
        self.corpus.articles.len().clamp(1, STRIP_MARKS)
    }

    /// Rebuilds the entity list rows, keeping the cursor on the same entity.
    pub(super) fn refresh_entities(&mut self) {
        let keep = self.entities.rows.get(self.entities.cursor).copied();
        let filter = self.entities.filter.to_lowercase();
        let index = &self.corpus.index;
        let mut rows: Vec<EntityId> = (0..self.gazetteer.entities.len())
            .filter_map(|i| u32::try_from(i).ok())
            .filter(|&id| index.total(id) > 0)
            .filter(|&id| !self.is_hidden(self.kind_of(id)))
            .filter(|&id| filter.is_empty() || self.entity_matches(id, &filter))
            .collect();
        let entities = &self.gazetteer.entities;
        match self.entities.sort {
            Sort::Mentions => rows.sort_by_key(|&id| (std::cmp::Reverse(index.total(id)), id)),
            Sort::Name => rows.sort_by_cached_key(|&id| entities[id as usize].name.to_lowercase()),
            Sort::FirstAppearance => rows.sort_by_cached_key(|&id| index.of_entity(id).first()),
        }
        if !filter.is_empty() {
            // Whole names and word starts first; the order above within each.
            rows.sort_by_cached_key(|&id| self.filter_rank(id, &filter));
        }
        // Suggestions after the confirmed entities, in the same order.
        rows.sort_by_key(|&id| self.is_suggested(id));
        self.entities.cursor = keep
            .and_then(|id| rows.iter().position(|&row| row == id))
            .unwrap_or(0);
        self.entities.rows = rows;
    }

    fn entity_matches(&self, id: EntityId, filter: &str) -> bool {
        let entity = &self.gazetteer.entities[id as usize];
        entity
            .surfaces()
            .any(|surface| surface.to_lowercase().contains(filter))
    }

    /// How well an entity matches the (lower-case) filter, best first: a whole name or alias,
    /// the start of one, the start of a word in one, anywhere in one.
    fn filter_rank(&self, id: EntityId, filter: &str) -> u8 {
        let entity = &self.gazetteer.entities[id as usize];
        entity
            .surfaces()
            .map(|surface| match_rank(&surface.to_lowercase(), filter))
            .min()
            .unwrap_or(u8::MAX)
    }

    pub(super) fn cursor_entity(&self) -> Option<EntityId> {
        self.entities.rows.get(self.entities.cursor).copied()
    }

    pub(super) fn activate(&mut self) {
        match self.focus {
            Focus::Entities => {
                if let Some(entity) = self.cursor_entity() {
                    self.select_and_jump(entity);
                }
            }
            Focus::Sources => self.focus = Focus::Text,
            Focus::Text if self.passages.is_some() => self.passage_to_article(),
            Focus::Text => {
                if let Some(mention) = self.current.and_then(|i| self.doc_mentions().get(i)) {
                    self.select(mention.entity);
                }
            }
        }
    }

    pub(super) fn select(&mut self, entity: EntityId) {
        self.moved = true;
        self.selected = Some(entity);
        self.target = Target::Entity;
        if let Some(row) = self.entities.rows.iter().position(|&id| id == entity) {
            self.entities.cursor = row;
        }
    }

    /// Selects an entity and shows its first mention in the corpus.
    pub fn select_and_jump(&mut self, entity: EntityId) {
        self.select(entity);
        if self.passages.is_some() {
            self.passages = None;
            self.show_new_text();
        }
        match self.corpus.index.of_entity(entity).first() {
            Some(first) => self.show_mention(first),
            None => self.notice = Some("no mentions of this entity".to_owned()),
        }
    }

    pub(super) fn show_mention(&mut self, at: MentionRef) {
        self.remember_place();
        let article = at.article as usize;
        if article != self.article || self.passages.is_some() {
            self.open_article(article);
        }
        self.current = Some(at.mention as usize);
        let mention = self.corpus.index.mention(at);
        if let Some(row) = self.view.wrap.row_of_mention(&mention) {
            self.scroll_to_row(row);
        }
    }

    pub(super) fn toggle_mark(&mut self) {
        let entity = match self.focus {
            Focus::Entities => self.cursor_entity(),
            _ => self.selected,
        };
        let Some(entity) = entity else {
            self.notice = Some("select an entity first (Enter on the entity list, or f)".into());
            return;
        };
        let name = self.gazetteer.entities[entity as usize].name.clone();
        let marked = &mut self.entities.marked;
        let verb = if marked.remove(&entity) {
            "unmarked"
        } else {
            marked.insert(entity);
            "marked"
        };
        self.notice = Some(format!("{verb} {name} ({} marked)", marked.len()));
        if let Some(all) = self.passages.as_ref().map(|p| p.all) {
            self.open_passages(all);
        }
    }

    pub(super) fn toggle_kind(&mut self, kind: Kind) {
        let slot = &mut self.entities.hidden[kind.slot()];
        *slot = !*slot;
        let state = if *slot { "hidden" } else { "shown" };
        self.notice = Some(format!("{kind} entities {state}"));
        self.refresh_entities();
        self.relayout();
    }

    /// Orders the entity list by `sort` (the configured order at start).
    pub fn set_sort(&mut self, sort: Sort) {
        self.entities.sort = sort;
        self.refresh_entities();
    }

    pub(super) fn cycle_sort(&mut self) {
        self.entities.sort = self.entities.sort.next();
        self.notice = Some(format!("entities sorted {}", self.entities.sort.label()));
        self.refresh_entities();
    }

    pub(super) fn toggle_entity_pane(&mut self) {
        self.entity_pane_toggled = !self.entity_pane_toggled;
        if self.focus == Focus::Entities && !layout::entity_pane_visible(self) {
            self.focus = Focus::Text;
        }
        self.relayout();
    }
}

/// 0 for the whole of `surface`, 1 for its start, 2 for the start of a word in it, 3 for
/// anywhere, 4 for no match.
fn match_rank(surface: &str, filter: &str) -> u8 {
    if surface == filter {
        0
    } else if surface.starts_with(filter) {
        1
    } else if surface.match_indices(filter).any(|(at, _)| {
        surface[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !crate::text::is_word_char(c))
    }) {
        2
    } else if surface.contains(filter) {
        3
    } else {
        4
    }
}

/// The widest the presence strip gets; with more sources, each mark covers several.
pub const STRIP_MARKS: usize = 12;

pub(super) fn presence(corpus: &Corpus, entity_count: usize) -> Vec<u16> {
    let articles = corpus.articles.len().max(1);
    let marks = articles.min(STRIP_MARKS);
    (0..entity_count)
        .map(|entity| {
            let entity = u32::try_from(entity).unwrap_or(u32::MAX);
            let mut bits = 0u16;
            let mut last = None;
            for at in corpus.index.of_entity(entity).iter() {
                if last != Some(at.article) {
                    last = Some(at.article);
                    bits |= 1 << (at.article as usize * marks / articles);
                }
            }
            bits
        })
        .collect()
}
