//! Retold passages in the reader: found once per corpus (as a [`super::Job`]) when `R` first
//! asks for them, and the reuse view: which sources retell which and how much, and the retold
//! sentence pairs of one pair of sources; `Enter` reads one side of a pair in place.

use super::{App, Finding, Focus, Mode, Panel};
use crate::reuse::{Retold, SourcePair, source_pairs};

/// Every retold sentence pair of the corpus, grouped by pair of sources.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Retellings {
    /// The pairs, ordered by their sources, then by position.
    pub pairs: Vec<Retold>,
    /// The pairs of sources sharing sentences, most shared first.
    pub sources: Vec<SourcePair>,
}

impl Retellings {
    /// Groups `pairs`, ordered as [`crate::reuse::find`] orders them.
    pub fn new(pairs: Vec<Retold>) -> Retellings {
        let sources = source_pairs(&pairs);
        Retellings { pairs, sources }
    }

    /// The retold pairs of the `index`-th pair of sources.
    pub fn of_sources(&self, index: usize) -> &[Retold] {
        self.sources
            .get(index)
            .and_then(|group| self.pairs.get(group.pairs.clone()))
            .unwrap_or(&[])
    }
}

/// The reuse view's cursors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReuseView {
    /// The cursor in the pairs of sources.
    pub source_pair: usize,
    /// The cursor in that pair's retold sentences.
    pub cursor: usize,
    /// Whether the list of source pairs has the keys (else the retold sentences).
    pub on_sources: bool,
    /// Whether `Enter` reads the later source's sentence (else the earlier one's).
    pub later: bool,
}

impl App {
    /// Forgets the retold passages (the corpus changed); `R` finds them again.
    pub(super) fn want_retellings(&mut self) {
        self.retellings = Retellings::default();
        self.retelling = Finding::Idle;
    }

    /// Takes in found retold passages, if they are the ones awaited.
    pub(super) fn absorb_retellings(&mut self, run: u64, found: Result<Box<Retellings>, String>) {
        if !self.retelling.finish(run) {
            return;
        }
        // The "finding…" notice has had its answer, whichever it is.
        self.notice = None;
        match found {
            Ok(found) if self.mode == Mode::Reading && self.panel.is_none() => {
                self.retellings = *found;
                self.toggle_reuse();
            }
            Ok(found) => self.retellings = *found,
            Err(error) => self.notice = Some(format!("finding retold passages failed: {error}")),
        }
    }

    /// Opens the reuse view, or closes it when open.
    pub(super) fn toggle_reuse(&mut self) {
        if matches!(self.panel, Some(Panel::Reuse(_))) {
            self.close_panel();
            return;
        }
        match self.retelling {
            Finding::Done => {}
            Finding::Idle => {
                self.retelling = Finding::Wanted;
                self.notice = Some("finding the retold passages…".to_owned());
                return;
            }
            Finding::Wanted | Finding::Running(_) => {
                self.notice = Some("still finding the retold passages…".to_owned());
                return;
            }
        }
        let view = ReuseView {
            later: true,
            on_sources: true,
            ..ReuseView::default()
        };
        self.open_panel(Panel::Reuse(view));
    }

    /// Moves the reuse view's cursor: `rows` down in the focused list; `columns` picks the
    /// side `Enter` reads (left: the earlier source, right: the later).
    pub(super) fn move_in_reuse(
        view: &mut ReuseView,
        retellings: &Retellings,
        rows: isize,
        columns: isize,
    ) {
        if view.on_sources {
            let before = view.source_pair;
            view.source_pair = super::moved(view.source_pair, rows, retellings.sources.len());
            if before != view.source_pair {
                view.cursor = 0;
            }
        } else {
            let len = retellings.of_sources(view.source_pair).len();
            view.cursor = super::moved(view.cursor, rows, len);
        }
        if columns != 0 {
            view.later = columns > 0;
        }
    }

    /// Enter in the reuse view: on a pair of sources, its retold sentences; on a retold
    /// sentence, reads the chosen side in place.
    pub(super) fn activate_retold(&mut self, mut view: ReuseView) {
        if view.on_sources {
            view.on_sources = self.retellings.of_sources(view.source_pair).is_empty();
            return self.keep_panel(Panel::Reuse(view));
        }
        let Some(retold) = self
            .retellings
            .of_sources(view.source_pair)
            .get(view.cursor)
        else {
            return self.keep_panel(Panel::Reuse(view));
        };
        let (here, there) = if view.later {
            (retold.b.clone(), retold.a.clone())
        } else {
            (retold.a.clone(), retold.b.clone())
        };
        let row = self.show_offset(here.article, here.range.start);
        let other = self.labels.get(there.article).cloned().unwrap_or_default();
        let this = self.label(here.article);
        self.notice = Some(format!(
            "retold: {} {this} and {} {other} share this sentence (line {})",
            here.article + 1,
            there.article + 1,
            row + 1
        ));
        self.mode = Mode::Reading;
        self.focus = Focus::Text;
    }
}
