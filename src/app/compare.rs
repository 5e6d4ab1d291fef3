//! Two sources side by side: the text pane (with the entity list's room) split in two, each
//! side scrolled to a mention of one entity, or to one side of a retold sentence pair, with
//! the words the other side lacks marked (a word diff, [`crate::compare`]).
//!
//! From reading, `|` sets the current source beside the next source that names the selected
//! entity; `n`/`N` move both sides to their next / previous mention of it, `]`/`[` change the
//! chosen side's source (`Tab` chooses the side). From the retold passages, `|` sets the pair
//! under the cursor side by side; `n`/`N` step through that pair of sources' retold
//! sentences, `]`/`[` through the pairs of sources. The diff of two passages is computed once
//! and kept; a key never diffs more than the two passages shown.

use super::wrap::{Wrap, marker_offsets, wrap};
use super::{App, Focus, Mode, Panel, ReuseView, layout};
use crate::compare::{WordDiff, clipped, passage_around, word_diff, words_in};
use crate::gazetteer::EntityId;
use crate::index::{Index, MentionRef};
use crate::text::to_u32;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use std::collections::HashMap;
use std::ops::Range;

/// From this width the two sides stand beside each other; narrower, one above the other.
pub const SIDE_BY_SIDE_FROM: u16 = 80;

/// Diffs kept at most; past it the cache starts again.
const CACHED: usize = 64;

/// Where an open view stands, in terms that survive new matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchors {
    /// The entity compared, found again.
    origin: Compared,
    /// Each side's mention, as its start and remapped entity.
    at: [Option<(u32, EntityId)>; 2],
}

/// The entity an open view compares, found again in new matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Compared {
    /// A retold pair: no entity.
    Retold,
    /// This entity.
    Entity(EntityId),
    /// The entity is gone.
    Gone,
}

/// What the sides show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Mentions of one entity, one source a side.
    Entity(EntityId),
    /// A retold sentence pair: the `cursor`-th of the `source_pair`-th pair of sources.
    Retold {
        /// The pair of sources, in [`super::Retellings::sources`].
        source_pair: usize,
        /// The retold pair, in that pair of sources' pairs.
        cursor: usize,
    },
}

/// One side: a source, the passage compared in it, and its own wrap and scroll.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Side {
    /// The article shown.
    pub article: usize,
    /// The mention the side is at (entity sides), in the article's mentions.
    pub mention: Option<usize>,
    /// The bytes compared with the other side.
    pub passage: Range<usize>,
    /// The runs of words the other side lacks, as bytes of the article.
    pub marks: Vec<Range<u32>>,
    /// The article wrapped to the side's width.
    pub wrap: Wrap,
    /// Where kind markers take a cell (colour off).
    pub markers: Vec<u32>,
    /// The first visible row.
    pub scroll: usize,
    /// Visible rows.
    pub height: usize,
    /// The article and width the wrap was made for.
    wrapped: Option<(usize, u16)>,
}

impl Side {
    fn new(article: usize, mention: Option<usize>, passage: Range<usize>) -> Side {
        Side {
            article,
            mention,
            passage,
            ..Side::default()
        }
    }

    /// Moves the side to `new`'s article and passage, keeping the wrap when the article is
    /// the same.
    fn move_to(&mut self, new: Side) {
        let wrapped = self.wrapped.filter(|&(article, _)| article == new.article);
        *self = Side {
            wrap: std::mem::take(&mut self.wrap),
            markers: std::mem::take(&mut self.markers),
            height: self.height,
            wrapped,
            ..new
        };
    }

    /// The byte the side is scrolled to.
    pub fn focus(&self, index: &Index) -> u32 {
        self.mention.map_or(to_u32(self.passage.start), |m| {
            index
                .mentions(self.article)
                .get(m)
                .map_or(0, |mention| mention.start)
        })
    }

    fn scroll_by(&mut self, delta: isize) {
        let most = self.wrap.len().saturating_sub(self.height);
        self.scroll = self.scroll.saturating_add_signed(delta).min(most);
    }
}

/// The side by side view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompareView {
    /// What the sides show.
    pub origin: Origin,
    /// The left (or upper) and the right (or lower) side.
    pub sides: [Side; 2],
    /// The side `]`/`[` move and `Enter` reads: 0 or 1.
    pub active: usize,
    /// The retold passages' view to go back to, when opened from it.
    pub back: Option<ReuseView>,
    /// How many diffs were computed (the rest came from the cache).
    pub diffs_computed: usize,
    cache: HashMap<(usize, Range<usize>, usize, Range<usize>), WordDiff>,
}

impl CompareView {
    fn new(origin: Origin, sides: [Side; 2], active: usize, back: Option<ReuseView>) -> Self {
        CompareView {
            origin,
            sides,
            active,
            back,
            diffs_computed: 0,
            cache: HashMap::new(),
        }
    }

    /// How many words differ on each side.
    pub fn differing(&self, app: &App) -> (usize, usize) {
        let count = |side: &Side| {
            let text = app
                .corpus
                .articles
                .get(side.article)
                .map_or("", |a| &a.text);
            let runs = side.marks.iter().map(|r| r.start as usize..r.end as usize);
            words_in(text, runs)
        };
        (count(&self.sides[0]), count(&self.sides[1]))
    }
}

/// The two sides' boxes (with their borders): the text pane and the entity list's room,
/// halved across from [`SIDE_BY_SIDE_FROM`] columns, else one above the other.
pub fn side_areas(app: &App) -> Option<[Rect; 2]> {
    let panes = layout::panes(app)?;
    let area = panes
        .entities
        .map_or(panes.text_block, |list| panes.text_block.union(list));
    let halves = [Constraint::Fill(1), Constraint::Fill(1)];
    Some(if area.width >= SIDE_BY_SIDE_FROM {
        Layout::horizontal(halves).areas(area)
    } else {
        Layout::vertical(halves).areas(area)
    })
}

/// Where a side's text goes in its box: inside the border, after a one-cell gutter that marks
/// the row of the compared passage.
pub fn text_area(block: Rect) -> Rect {
    let inner = block.inner(Margin::new(1, 1));
    Rect {
        x: inner.x.saturating_add(1).min(inner.right()),
        width: inner.width.saturating_sub(1),
        ..inner
    }
}

/// The item `step` places from `at` in `items`, round the ends.
fn cycled<T: Copy + PartialEq>(items: &[T], at: T, step: isize) -> Option<T> {
    let here = items.iter().position(|&item| item == at)?;
    let len = isize::try_from(items.len()).ok()?;
    let index = (isize::try_from(here).ok()? + step).rem_euclid(len);
    items.get(usize::try_from(index).ok()?).copied()
}

impl App {
    /// `|` while reading: the current source beside the next that names the selected entity.
    pub(super) fn toggle_compare(&mut self) {
        let entity = match self.focus {
            Focus::Entities => self.cursor_entity().or(self.selected),
            _ => self.selected.or_else(|| self.cursor_entity()),
        };
        let Some(entity) = entity else {
            self.notice = Some("select an entity first (Enter on the entity list, or f)".into());
            return;
        };
        let sources = self.sources_naming(entity);
        if sources.len() < 2 {
            let name = &self.gazetteer.entity(entity).name;
            self.notice = Some(format!(
                "no two sources name {name}: nothing to set side by side"
            ));
            return;
        }
        let left = sources
            .iter()
            .copied()
            .find(|&a| a >= self.article)
            .unwrap_or(sources[0]);
        let right = cycled(&sources, left, 1).unwrap_or(left);
        let sides = [
            self.entity_side(entity, left, self.starting_mention(entity, left)),
            self.entity_side(entity, right, None),
        ];
        self.select(entity);
        self.open_compare(CompareView::new(Origin::Entity(entity), sides, 1, None));
    }

    /// The sources that name `entity`, in order.
    fn sources_naming(&self, entity: EntityId) -> Vec<usize> {
        let counts = self.corpus.index.counts(entity);
        counts
            .iter()
            .map(|&(article, _)| article as usize)
            .collect()
    }

    /// `|` in a view: the retold pair under the cursor of the retold passages, side by side.
    pub(super) fn compare_from_panel(&mut self) {
        let Some(Panel::Reuse(view)) = self.panel else {
            self.notice = Some("side by side opens from reading (|) or the retold passages".into());
            return;
        };
        let cursor = if view.on_sources { 0 } else { view.cursor };
        let origin = Origin::Retold {
            source_pair: view.source_pair,
            cursor,
        };
        let Some(sides) = self.retold_sides(origin) else {
            self.notice = Some("no retold sentences to set side by side".into());
            return;
        };
        self.panel = None;
        let active = usize::from(view.later);
        self.open_compare(CompareView::new(origin, sides, active, Some(view)));
    }

    fn open_compare(&mut self, mut view: CompareView) {
        self.settle(&mut view);
        self.compare = Some(view);
        self.mode = Mode::Compare;
    }

    /// The mention a side starts at in the shown article: the current one, else the first at
    /// or below the top of the text.
    fn starting_mention(&self, entity: EntityId, article: usize) -> Option<usize> {
        if article != self.article || self.passages.is_some() {
            return None;
        }
        let mentions = self.doc_mentions();
        if let Some(current) = self.current.filter(|&m| {
            mentions
                .get(m)
                .is_some_and(|mention| mention.entity == entity)
        }) {
            return Some(current);
        }
        let top = self.top_offset();
        self.corpus
            .index
            .of_entity(entity)
            .in_article(article)
            .iter()
            .map(|at| at.mention as usize)
            .find(|&m| mentions[m].start >= top)
    }

    /// A side at `mention` of `entity` in `article` (its first when `None`).
    fn entity_side(&self, entity: EntityId, article: usize, mention: Option<usize>) -> Side {
        let index = &self.corpus.index;
        let mention = mention.or_else(|| {
            index
                .of_entity(entity)
                .in_article(article)
                .first()
                .map(|at| at.mention as usize)
        });
        let text = self.corpus.articles.get(article).map_or("", |a| &a.text);
        let passage = mention
            .and_then(|m| index.mentions(article).get(m))
            .map_or(0..0, |found| {
                passage_around(text, found.start as usize..found.end as usize)
            });
        Side::new(article, mention, passage)
    }

    /// The two sides of a retold pair.
    fn retold_sides(&self, origin: Origin) -> Option<[Side; 2]> {
        let Origin::Retold {
            source_pair,
            cursor,
        } = origin
        else {
            return None;
        };
        let pair = self.retellings.of_sources(source_pair).get(cursor)?;
        let side = |passage: &crate::reuse::Passage| {
            let text = self
                .corpus
                .articles
                .get(passage.article)
                .map_or("", |a| &a.text);
            Side::new(passage.article, None, clipped(text, passage.range.clone()))
        };
        Some([side(&pair.a), side(&pair.b)])
    }

    /// Wraps what changed, diffs the two passages (once per pair) and scrolls each side to its
    /// passage.
    fn settle(&mut self, view: &mut CompareView) {
        self.wrap_sides(view);
        self.diff_sides(view);
        for side in &mut view.sides {
            let row = side.wrap.row_of(side.focus(&self.corpus.index));
            side.scroll = row.saturating_sub(side.height / 3);
            side.scroll_by(0);
        }
    }

    fn wrap_sides(&self, view: &mut CompareView) {
        let Some(areas) = side_areas(self) else {
            return;
        };
        for (side, area) in view.sides.iter_mut().zip(areas) {
            let text_area = text_area(area);
            side.height = usize::from(text_area.height);
            if side.wrapped == Some((side.article, text_area.width)) {
                continue;
            }
            let text = self
                .corpus
                .articles
                .get(side.article)
                .map_or("", |a| &a.text);
            let mentions = self.corpus.index.mentions(side.article);
            side.markers = marker_offsets(
                self.view.kind_markers,
                mentions,
                |entity| self.kind_of(entity),
                |kind| self.is_hidden(kind),
            );
            side.wrap = wrap(text, text_area.width, &side.markers);
            side.wrapped = Some((side.article, text_area.width));
        }
    }

    fn diff_sides(&self, view: &mut CompareView) {
        let [a, b] = &view.sides;
        let key = (a.article, a.passage.clone(), b.article, b.passage.clone());
        let passage = |side: &Side| {
            self.corpus
                .articles
                .get(side.article)
                .and_then(|article| article.text.get(side.passage.clone()))
                .unwrap_or("")
        };
        if !view.cache.contains_key(&key) {
            if view.cache.len() >= CACHED {
                view.cache.clear();
            }
            let diff = word_diff(passage(a), passage(b));
            view.cache.insert(key.clone(), diff);
            view.diffs_computed += 1;
        }
        let diff = &view.cache[&key];
        for (side, runs) in view.sides.iter_mut().zip([&diff.a, &diff.b]) {
            let base = side.passage.start;
            side.marks = runs
                .iter()
                .map(|run| to_u32(base + run.start)..to_u32(base + run.end))
                .collect();
        }
    }

    /// A key in the side by side view.
    pub(super) fn compare_action(&mut self, action: super::Action) {
        use super::Action;
        let Some(mut view) = self.compare.take() else {
            self.mode = Mode::Reading;
            return;
        };
        let page = isize::try_from(view.sides[0].height.saturating_sub(2).max(1)).unwrap_or(1);
        match action {
            Action::MoveDown => scroll_both(&mut view, 1),
            Action::MoveUp => scroll_both(&mut view, -1),
            Action::PageDown => scroll_both(&mut view, page),
            Action::PageUp => scroll_both(&mut view, -page),
            Action::NextMention => self.step_both(&mut view, 1),
            Action::PreviousMention => self.step_both(&mut view, -1),
            Action::NextSource => self.step_source_of_side(&mut view, 1),
            Action::PreviousSource => self.step_source_of_side(&mut view, -1),
            Action::FocusNext | Action::FocusPrevious => view.active = 1 - view.active,
            Action::Activate => return self.read_side(&view),
            Action::ToggleCompare | Action::ClosePanel => {
                self.compare = Some(view);
                return self.close_compare();
            }
            _ => {}
        }
        self.compare = Some(view);
    }

    /// `n`/`N`: each side to its next / previous mention of the entity, or the next / previous
    /// retold pair of the same two sources.
    fn step_both(&mut self, view: &mut CompareView, step: isize) {
        match view.origin {
            Origin::Entity(entity) => {
                let mut wrapped = false;
                for at in 0..2 {
                    let side = &view.sides[at];
                    let list: Vec<usize> = self
                        .corpus
                        .index
                        .of_entity(entity)
                        .in_article(side.article)
                        .iter()
                        .map(|m| m.mention as usize)
                        .collect();
                    let Some(mention) = side.mention.and_then(|m| cycled(&list, m, step)) else {
                        continue;
                    };
                    let old = side.mention.unwrap_or(0);
                    wrapped |= if step > 0 {
                        mention <= old
                    } else {
                        mention >= old
                    };
                    let new = self.entity_side(entity, side.article, Some(mention));
                    view.sides[at].move_to(new);
                }
                if wrapped {
                    self.notice = Some("a side came round to its other end".to_owned());
                }
            }
            Origin::Retold {
                source_pair,
                cursor,
            } => {
                let len = self.retellings.of_sources(source_pair).len();
                let all: Vec<usize> = (0..len).collect();
                let cursor = cycled(&all, cursor, step).unwrap_or(cursor);
                self.show_retold(view, source_pair, cursor);
            }
        }
        self.settle(view);
    }

    /// `]`/`[`: the chosen side's next / previous source naming the entity (never the other
    /// side's), or the next / previous pair of sources.
    fn step_source_of_side(&mut self, view: &mut CompareView, step: isize) {
        match view.origin {
            Origin::Entity(entity) => {
                let other = view.sides[1 - view.active].article;
                let here = view.sides[view.active].article;
                let mut choices = self.sources_naming(entity);
                choices.retain(|&article| article != other);
                if !choices.contains(&here) {
                    choices.push(here);
                    choices.sort_unstable();
                }
                match cycled(&choices, here, step).filter(|&next| next != here) {
                    Some(next) => {
                        let new = self.entity_side(entity, next, None);
                        view.sides[view.active].move_to(new);
                    }
                    None => self.notice = Some("no other source names it".to_owned()),
                }
            }
            Origin::Retold { source_pair, .. } => {
                let all: Vec<usize> = (0..self.retellings.sources.len()).collect();
                let next = cycled(&all, source_pair, step).unwrap_or(source_pair);
                self.show_retold(view, next, 0);
            }
        }
        self.settle(view);
    }

    fn show_retold(&self, view: &mut CompareView, source_pair: usize, cursor: usize) {
        let origin = Origin::Retold {
            source_pair,
            cursor,
        };
        if let Some(sides) = self.retold_sides(origin) {
            for (side, new) in view.sides.iter_mut().zip(sides) {
                side.move_to(new);
            }
            view.origin = origin;
        }
    }

    /// `Enter`: reads the chosen side in place.
    fn read_side(&mut self, view: &CompareView) {
        let side = &view.sides[view.active];
        match (view.origin, side.mention) {
            (Origin::Entity(entity), Some(mention)) => {
                self.select(entity);
                self.show_mention(MentionRef {
                    article: to_u32(side.article),
                    mention: to_u32(mention),
                });
            }
            _ => {
                self.show_offset(side.article, side.passage.start);
            }
        }
        self.compare = None;
        self.mode = Mode::Reading;
        self.focus = Focus::Text;
    }

    /// Back to where the view was opened: reading, or the retold passages at the pair shown.
    pub(super) fn close_compare(&mut self) {
        let Some(view) = self.compare.take() else {
            return;
        };
        self.mode = Mode::Reading;
        if let (
            Some(mut back),
            Origin::Retold {
                source_pair,
                cursor,
            },
        ) = (view.back, view.origin)
        {
            back.source_pair = source_pair;
            back.cursor = cursor;
            back.on_sources = false;
            back.later = view.active == 1;
            self.open_panel(Panel::Reuse(back));
        }
    }

    /// Where the open view stands, in terms that survive new matches: its entity and each
    /// side's mention as a start and an entity, both through `remap`.
    pub(super) fn compare_anchors(
        &self,
        remap: impl Fn(EntityId) -> Option<EntityId>,
    ) -> Option<Anchors> {
        let view = self.compare.as_ref()?;
        let origin = match view.origin {
            Origin::Entity(entity) => remap(entity).map_or(Compared::Gone, Compared::Entity),
            Origin::Retold { .. } => Compared::Retold,
        };
        let at = view.sides.each_ref().map(|side| {
            let mention = self
                .corpus
                .index
                .mentions(side.article)
                .get(side.mention?)?;
            Some((mention.start, remap(mention.entity)?))
        });
        Some(Anchors { origin, at })
    }

    /// Finds the open view's places again in new matches (suggestions arrived, a name was
    /// added); closes it when its entity is gone.
    pub(super) fn reanchor_compare(&mut self, anchors: Option<Anchors>) {
        let (Some(mut view), Some(anchors)) = (self.compare.take(), anchors) else {
            return;
        };
        match anchors.origin {
            Compared::Gone => {
                self.compare = Some(view);
                return self.close_compare();
            }
            Compared::Entity(entity) => view.origin = Origin::Entity(entity),
            Compared::Retold => {}
        }
        for (side, at) in view.sides.iter_mut().zip(anchors.at) {
            let mentions = self.corpus.index.mentions(side.article);
            side.mention = at.and_then(|(start, entity)| {
                let i = mentions.partition_point(|m| m.start < start);
                mentions
                    .get(i)
                    .filter(|m| m.start == start && m.entity == entity)
                    .map(|_| i)
            });
            side.wrapped = None;
        }
        self.settle(&mut view);
        self.compare = Some(view);
    }

    /// Wraps the sides again for a new size.
    pub(super) fn relayout_compare(&mut self) {
        if let Some(mut view) = self.compare.take() {
            self.settle(&mut view);
            self.compare = Some(view);
        }
    }
}

fn scroll_both(view: &mut CompareView, delta: isize) {
    for side in &mut view.sides {
        side.scroll_by(delta);
    }
}
