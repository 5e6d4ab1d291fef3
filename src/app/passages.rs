//! The passage view: opening it on the selected or marked entities, any of them or all of
//! them together, naming them, and reading a passage in its article.

use super::{App, Focus};
use crate::gazetteer::EntityId;
use crate::insight::passages::{Passages, compose_passages};

impl App {
    pub(super) fn toggle_passages(&mut self) {
        if self.passages.is_some() {
            self.passages = None;
            self.show_new_text();
            return;
        }
        self.open_passages(false);
    }

    /// Opens the passage view on the marked entities (else the selected one): paragraphs with
    /// any of them, or with `all` of them.
    pub(super) fn open_passages(&mut self, all: bool) {
        let entities: Vec<EntityId> = if self.entities.marked.is_empty() {
            self.selected.into_iter().collect()
        } else {
            self.entities.marked.iter().copied().collect()
        };
        if entities.is_empty() {
            self.notice = Some("select an entity (Enter) or mark some (m) first".to_owned());
            return;
        }
        if self.passages.is_none() {
            self.remember_place();
        }
        self.show_passages(self.compose(&entities, all));
    }

    /// The passage view of `entities`, composed.
    pub(super) fn compose(&self, entities: &[EntityId], all: bool) -> Passages {
        let (articles, index) = (&self.corpus.articles, &self.corpus.index);
        compose_passages(articles, &self.labels, index, entities, all)
    }

    /// Shows composed passages from their top.
    pub(super) fn show_passages(&mut self, passages: Passages) {
        if passages.truncated {
            self.notice = Some("passage view cut short: too many paragraphs".to_owned());
        }
        self.passages = Some(passages);
        self.show_new_text();
    }

    /// `t` in the passage view: paragraphs with any of its entities, or all of them.
    pub(super) fn toggle_together(&mut self) {
        let Some(passages) = &self.passages else {
            return;
        };
        if passages.entities.len() < 2 {
            self.notice = Some("mark two entities or more (m) to see them together".to_owned());
            return;
        }
        let entities = passages.entities.clone();
        let all = !passages.all;
        self.show_passages(self.compose(&entities, all));
        let shown = self.passages.as_ref().map_or(0, |p| p.paragraphs);
        let verb = if shown == 1 { "mentions" } else { "mention" };
        let which = if all { "all of them" } else { "any of them" };
        self.notice = Some(format!("{} {verb} {which}", paragraphs(shown)));
    }

    /// The passage view's entities, as its title and the status line name them: “A and B
    /// together”, or “A or B”.
    pub fn passage_names(&self, passages: &Passages) -> String {
        let names: Vec<&str> = passages
            .entities
            .iter()
            .map(|&e| self.gazetteer.entity(e).name.as_str())
            .collect();
        match (names.as_slice(), passages.all) {
            ([one], _) => (*one).to_owned(),
            ([init @ .., last], true) => format!("{} and {last} together", init.join(", ")),
            ([init @ .., last], false) => format!("{} or {last}", init.join(", ")),
            ([], _) => String::new(),
        }
    }

    /// Enter in the passage view: the current mention (else the paragraph at the top) in its
    /// article.
    pub(super) fn passage_to_article(&mut self) {
        let Some(passages) = &self.passages else {
            return;
        };
        let current = self.current.and_then(|i| passages.mentions.get(i)).copied();
        let offset = current.map_or_else(|| self.top_offset(), |m| m.start);
        let Some((article, start)) = passages.origin_of(offset) else {
            return;
        };
        self.remember_place();
        self.open_article(article);
        self.focus = Focus::Text;
        let mention = current.and_then(|m| {
            let mentions = self.corpus.index.mentions(article);
            mentions
                .binary_search_by_key(&start, |found| found.start)
                .ok()
                .filter(|&i| mentions[i].entity == m.entity)
        });
        if let Some(i) = mention {
            let mention = self.corpus.index.mentions(article)[i];
            self.select(mention.entity);
            let row = self.view.wrap.row_of_mention(&mention);
            self.current = Some(i);
            self.scroll_to_row(row.unwrap_or(0));
        } else {
            self.view.scroll = self.view.wrap.row_of(start);
            self.clamp_scroll();
        }
    }
}

/// “1 paragraph”, “2 paragraphs”.
pub fn paragraphs(count: usize) -> String {
    match count {
        1 => "1 paragraph".to_owned(),
        _ => format!("{count} paragraphs"),
    }
}
