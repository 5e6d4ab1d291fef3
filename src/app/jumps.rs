//! The jump list: every jump (to a mention in another place, a search match, a passage in
//! its article, a view's line) first leaves the place it starts from here; `Ctrl-O` goes back
//! along the list and `Ctrl-N` forward again, across sources and into the passage view. `''`
//! goes back, and `''` again returns, as in less.

use super::App;
use crate::gazetteer::EntityId;

/// The most places kept.
const MAX_PLACES: usize = 100;

/// A place the reader was: an article (or a passage view) and its top line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The article shown.
    pub article: usize,
    /// The passage view shown instead, as its entities and whether all are needed.
    pub passages: Option<(Vec<EntityId>, bool)>,
    /// The byte offset at the top of the view.
    pub top: u32,
    /// The current mention, if any.
    pub current: Option<usize>,
}

/// The places behind and ahead.
#[derive(Debug, Clone, Default)]
pub struct JumpList {
    /// Older places, the latest last.
    pub back: Vec<Place>,
    /// Places gone back from, the nearest last.
    pub forward: Vec<Place>,
    /// A first `'` was typed: the next one goes back.
    pub quote_typed: bool,
    /// The last move along the list was `''` going back, so the next `''` returns.
    quote_went_back: bool,
}

impl App {
    /// Where the reader is now.
    fn place(&self) -> Place {
        Place {
            article: self.article,
            passages: self.passages.as_ref().map(|p| (p.entities.clone(), p.all)),
            top: self.top_offset(),
            current: self.current,
        }
    }

    /// Leaves the current place on the jump list, before a jump.
    pub(super) fn remember_place(&mut self) {
        if self.corpus.articles.is_empty() {
            return;
        }
        let place = self.place();
        if self.jumps.back.last() != Some(&place) {
            self.jumps.back.push(place);
        }
        if self.jumps.back.len() > MAX_PLACES {
            self.jumps.back.remove(0);
        }
        self.jumps.forward.clear();
        self.jumps.quote_went_back = false;
    }

    /// `'`: the first of two waits; the second goes back along the jump list, or, right
    /// after `''` went back, returns.
    pub(super) fn jump_quote(&mut self) {
        if !std::mem::replace(&mut self.jumps.quote_typed, true) {
            self.notice = Some("' — type ' again to go back to the last place".to_owned());
            return;
        }
        self.jumps.quote_typed = false;
        if self.jumps.quote_went_back && !self.jumps.forward.is_empty() {
            self.jump_forward();
            self.jumps.quote_went_back = false;
        } else {
            let went = !self.jumps.back.is_empty();
            self.jump_back();
            self.jumps.quote_went_back = went;
        }
    }

    /// `Ctrl-O`: back to the last place a jump left.
    pub(super) fn jump_back(&mut self) {
        self.jumps.quote_went_back = false;
        let Some(place) = self.jumps.back.pop() else {
            self.notice = Some("no earlier place to go back to".to_owned());
            return;
        };
        self.jumps.forward.push(self.place());
        self.go_to(place);
    }

    /// `Ctrl-N`: forward again, after `Ctrl-O`.
    pub(super) fn jump_forward(&mut self) {
        self.jumps.quote_went_back = false;
        let Some(place) = self.jumps.forward.pop() else {
            self.notice = Some("no later place to go forward to".to_owned());
            return;
        };
        self.jumps.back.push(self.place());
        self.go_to(place);
    }

    fn go_to(&mut self, place: Place) {
        let article = place
            .article
            .min(self.corpus.articles.len().saturating_sub(1));
        match place.passages {
            Some((entities, all)) => {
                self.article = article;
                self.show_passages(self.compose(&entities, all));
            }
            None => self.open_article(article),
        }
        self.view.scroll = self.view.wrap.row_of(place.top);
        self.clamp_scroll();
        self.current = place.current.filter(|&i| i < self.doc_mentions().len());
    }
}
