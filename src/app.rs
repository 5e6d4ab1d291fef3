//! The reader's model and its one entry point, [`App::update`].
//!
//! Keys become [`Action`]s in [`keymap`]; `update` changes the model; `ui` draws it by
//! shared reference. The model keeps the wrap of the shown text (see [`TextView`]) because
//! scrolling and jumping need row numbers; everything else the screen needs is derived.

pub mod action;
pub mod jobs;
pub mod keymap;
pub mod layout;
pub mod views;
pub mod wrap;

pub use crate::loader::Corpus;
pub use action::{Action, Control};
pub use jobs::{Discovery, Job, JobDone, Purpose, Searching};
pub use views::{AddPrompt, Candidate, ConcordanceView, CoverageView, DiscoveryView, Panel};

use crate::additions::Addition;
use crate::corpus::Article;
use crate::gazetteer::{EntityId, Gazetteer, Kind};
use crate::index::{Index, MentionRef, Position};
use crate::loader::{LoadEvent, Rebuild};
use crate::matcher::Mention;
use crate::state::Saved;
use crate::text::to_u32;
use keymap::Scope;
use std::collections::BTreeSet;
use std::ops::Range;

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

/// The pane with the keyboard focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The article text.
    Text,
    /// The entity list.
    Entities,
    /// The source list.
    Sources,
}

/// What the keyboard is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Reading and moving.
    Reading,
    /// Typing a search.
    Search,
    /// Typing an entity filter.
    Filter,
    /// Reading the help.
    Help,
    /// In a view: coverage, concordance, names to add.
    Panel,
    /// Choosing how to add a name.
    Prompt,
}

impl Mode {
    /// The keymap scope of the mode.
    pub fn scope(self) -> Scope {
        match self {
            Mode::Reading => Scope::Reading,
            Mode::Search | Mode::Filter => Scope::Typing,
            Mode::Help => Scope::Help,
            Mode::Panel => Scope::Panel,
            Mode::Prompt => Scope::Prompt,
        }
    }
}

/// The order of the entity list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    /// Most mentions first.
    Mentions,
    /// By name.
    Name,
    /// By first mention in the corpus.
    FirstAppearance,
}

impl Sort {
    fn next(self) -> Sort {
        match self {
            Sort::Mentions => Sort::Name,
            Sort::Name => Sort::FirstAppearance,
            Sort::FirstAppearance => Sort::Mentions,
        }
    }

    /// How the order is named on screen.
    pub fn label(self) -> &'static str {
        match self {
            Sort::Mentions => "by mentions",
            Sort::Name => "by name",
            Sort::FirstAppearance => "by first appearance",
        }
    }
}

/// What `n` and `N` step through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Entity,
    Search,
}

/// The paragraphs that mention the chosen entities, from every source.
#[derive(Debug, Clone, Default)]
pub struct Passages {
    /// The composed text: a heading per source, then its paragraphs.
    pub text: String,
    /// Every mention inside the composed text.
    pub mentions: Vec<Mention>,
    /// The headings' byte ranges.
    pub headings: Vec<Range<u32>>,
    /// The entities the view is about.
    pub entities: Vec<EntityId>,
    /// How many paragraphs are shown.
    pub paragraphs: usize,
    /// From how many sources.
    pub sources: usize,
    /// Whether paragraphs were left out to keep the view small.
    pub truncated: bool,
    /// Whether only paragraphs that mention every one of `entities` are shown.
    pub all: bool,
}

/// At most this many bytes of passages are composed.
const MAX_PASSAGE_BYTES: usize = 256 << 10;

/// At most this many search matches are kept.
pub const MAX_MATCHES: usize = 100_000;

/// A search and its matches in every article.
#[derive(Debug, Clone, Default)]
pub struct Search {
    /// What was searched for.
    pub query: String,
    /// Matches per article: sorted, disjoint byte ranges.
    pub matches: Vec<Vec<Range<u32>>>,
    /// Matches in all.
    pub total: usize,
    /// Whether the count stopped at [`MAX_MATCHES`].
    pub capped: bool,
    /// The current match: (article, index into its matches).
    pub current: Option<(usize, usize)>,
}

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
    /// Kinds hidden in highlights and the list, by [`kind_slot`].
    pub hidden: [bool; 4],
    /// Entities marked for the passage view.
    pub marked: BTreeSet<EntityId>,
}

/// The position of a kind in per-kind tables.
pub fn kind_slot(kind: Kind) -> usize {
    match kind {
        Kind::Person => 0,
        Kind::Organization => 1,
        Kind::Place => 2,
        Kind::Misc => 3,
    }
}

/// The shown text's wrap and scroll.
#[derive(Debug, Clone, Default)]
pub struct TextView {
    /// The wrap at the pane's width.
    pub wrap: wrap::Wrap,
    /// Whether kinds are told apart by a marker before each mention (colour is off); a
    /// marker takes a cell, so the wrap depends on it.
    pub kind_markers: bool,
    /// Where kind markers take a cell (with `kind_markers` only).
    pub markers: Vec<u32>,
    /// The first visible row.
    pub scroll: usize,
    /// Visible rows.
    pub height: usize,
}

/// The reader.
#[derive(Debug)]
pub struct App {
    /// The entities.
    pub gazetteer: Gazetteer,
    /// The articles and mentions.
    pub corpus: Corpus,
    /// The terminal size.
    pub size: (u16, u16),
    /// The focused pane.
    pub focus: Focus,
    /// What the keyboard is doing.
    pub mode: Mode,
    /// The article shown (and the source list's cursor).
    pub article: usize,
    /// The passage view, when open.
    pub passages: Option<Passages>,
    /// The text pane's wrap and scroll.
    pub view: TextView,
    /// The entity `n`/`N` follow.
    pub selected: Option<EntityId>,
    /// The current mention, as an index into the shown text's mentions.
    pub current: Option<usize>,
    /// The entity list.
    pub entities: EntityList,
    /// The last search.
    pub search: Option<Search>,
    /// What is being typed after `/`.
    pub input: String,
    /// A one-time message for the status line.
    pub notice: Option<String>,
    /// Background loading progress, while it runs.
    pub progress: Option<(usize, usize)>,
    /// The help screen's scroll.
    pub help_scroll: usize,
    /// Per entity, where it is mentioned: bit `k` for the `k`th of [`STRIP_MARKS`] groups of
    /// sources (one source per group when there are few).
    pub presence: Vec<u16>,
    /// Whether the user flipped the entity list from its default for the width.
    pub entity_pane_toggled: bool,
    /// The open view (coverage, concordance, names to add), drawn over the panes.
    pub panel: Option<Panel>,
    /// The question asked before adding a name.
    pub prompt: Option<AddPrompt>,
    /// Whether an addition is being written and the corpus matched again.
    pub rebuilding: bool,
    /// Where finding the names the gazetteer lacks stands.
    pub discovery: Discovery,
    /// Where a search stands.
    pub searching: Searching,
    /// Jobs handed out so far (each job's run number).
    job_runs: u64,
    addition: Option<Addition>,
    target: Target,
    pending_restore: Option<Saved>,
    moved: bool,
}

impl App {
    /// A reader over `corpus`, at the first article.
    pub fn new(gazetteer: Gazetteer, corpus: Corpus, color: bool) -> App {
        let mut app = App {
            gazetteer,
            corpus,
            size: (80, 24),
            focus: Focus::Text,
            mode: Mode::Reading,
            article: 0,
            passages: None,
            view: TextView {
                kind_markers: !color,
                ..TextView::default()
            },
            selected: None,
            current: None,
            entities: EntityList {
                rows: Vec::new(),
                cursor: 0,
                sort: Sort::Mentions,
                filter: String::new(),
                hidden: [false; 4],
                marked: BTreeSet::new(),
            },
            search: None,
            input: String::new(),
            notice: None,
            progress: None,
            help_scroll: 0,
            entity_pane_toggled: false,
            presence: Vec::new(),
            panel: None,
            prompt: None,
            rebuilding: false,
            discovery: Discovery::Idle,
            searching: Searching::Idle,
            job_runs: 0,
            addition: None,
            target: Target::Entity,
            pending_restore: None,
            moved: false,
        };
        app.presence = presence(&app.corpus, app.gazetteer.entities.len());
        app.refresh_entities();
        app.relayout();
        app
    }

    /// How many marks the presence strip has.
    pub fn strip_marks(&self) -> usize {
        self.corpus.articles.len().clamp(1, STRIP_MARKS)
    }

    /// Applies one action; says whether to go on, quit or suspend.
    pub fn update(&mut self, action: Action) -> Control {
        if !matches!(action, Action::Resize { .. }) {
            self.notice = None;
        }
        match action {
            Action::Quit => return Control::Quit,
            Action::Suspend => return Control::Suspend,
            Action::Resize { width, height } => self.resize(width, height),
            Action::Click { .. } | Action::Wheel { .. } if self.mode != Mode::Reading => {
                if let Action::Wheel { down, .. } = action {
                    self.move_in_panel(if down { 1 } else { -1 }, 0);
                }
            }
            Action::Click { column, row } => self.click(column, row),
            Action::Wheel { column, row, down } => self.wheel(column, row, down),
            Action::ToggleHelp => self.toggle_help(),
            Action::CancelInput if self.mode == Mode::Prompt => {
                self.prompt = None;
                self.mode = Mode::Panel;
            }
            Action::AddEntity(_) | Action::AddAliasOfSelected | Action::AddAliasOfNear => {
                self.answer_prompt(action);
            }
            Action::InsertChar(c) => self.type_char(Some(c)),
            Action::DeleteChar => self.type_char(None),
            Action::ConfirmInput => self.confirm_input(),
            Action::CancelInput => self.cancel_input(),
            _ => self.reading_action(action),
        }
        Control::Continue
    }

    fn reading_action(&mut self, action: Action) {
        match self.mode {
            Mode::Help => return self.help_action(action),
            Mode::Panel => return self.panel_action(action),
            _ => {}
        }
        match action {
            Action::MoveDown => self.move_by(1),
            Action::MoveUp => self.move_by(-1),
            Action::PageDown => self.move_by(self.page()),
            Action::PageUp => self.move_by(-self.page()),
            Action::GoTop => self.move_by(isize::MIN),
            Action::GoBottom => self.move_by(isize::MAX),
            Action::FocusNext => self.cycle_focus(true),
            Action::FocusPrevious => self.cycle_focus(false),
            Action::NextSource => self.step_source(1),
            Action::PreviousSource => self.step_source(-1),
            Action::Activate => self.activate(),
            Action::NextMention => self.step_mention(true),
            Action::PreviousMention => self.step_mention(false),
            Action::EnterSearch => self.enter_input(Mode::Search),
            Action::EnterFilter => self.enter_input(Mode::Filter),
            Action::TogglePassages => self.toggle_passages(),
            Action::ToggleMark => self.toggle_mark(),
            Action::ToggleKind(kind) => self.toggle_kind(kind),
            Action::CycleSort => self.cycle_sort(),
            Action::ToggleEntityPane => self.toggle_entity_pane(),
            Action::Dismiss => self.dismiss(),
            Action::ToggleCoverage => self.toggle_coverage(),
            Action::ToggleConcordance => self.toggle_concordance(),
            Action::Add => self.add(),
            _ => {}
        }
    }

    fn panel_action(&mut self, action: Action) {
        let page = isize::try_from(usize::from(self.size.1).saturating_sub(8).max(1)).unwrap_or(1);
        match action {
            Action::MoveDown => self.move_in_panel(1, 0),
            Action::MoveUp => self.move_in_panel(-1, 0),
            Action::MoveLeft => self.move_in_panel(0, -1),
            Action::MoveRight => self.move_in_panel(0, 1),
            Action::PageDown => self.move_in_panel(page, 0),
            Action::PageUp => self.move_in_panel(-page, 0),
            Action::GoTop => self.move_in_panel(isize::MIN, 0),
            Action::GoBottom => self.move_in_panel(isize::MAX, 0),
            Action::FocusNext | Action::FocusPrevious => self.switch_in_panel(),
            Action::Activate => self.activate_in_panel(),
            Action::ToggleCoverage => self.toggle_coverage(),
            Action::ToggleConcordance => self.toggle_concordance(),
            Action::Add => self.add(),
            Action::ClosePanel => self.close_panel(),
            _ => {}
        }
    }

    fn help_action(&mut self, action: Action) {
        match action {
            Action::MoveDown => self.help_scroll += 1,
            Action::MoveUp => self.help_scroll = self.help_scroll.saturating_sub(1),
            _ => {}
        }
    }

    fn page(&self) -> isize {
        isize::try_from(self.view.height.saturating_sub(2).max(1)).unwrap_or(1)
    }

    // ----- the shown text -----

    /// The text the reading pane shows.
    pub fn doc_text(&self) -> &str {
        match &self.passages {
            Some(passages) => &passages.text,
            None => self
                .corpus
                .articles
                .get(self.article)
                .map_or("", |article| article.text.as_str()),
        }
    }

    /// The mentions in the shown text.
    pub fn doc_mentions(&self) -> &[Mention] {
        match &self.passages {
            Some(passages) => &passages.mentions,
            None => self.corpus.index.mentions(self.article),
        }
    }

    /// The search matches in the shown text.
    pub fn doc_matches(&self) -> &[Range<u32>] {
        match (&self.passages, &self.search) {
            (None, Some(search)) => search.matches.get(self.article).map_or(&[], Vec::as_slice),
            _ => &[],
        }
    }

    /// The shown article.
    pub fn current_article(&self) -> Option<&Article> {
        self.corpus.articles.get(self.article)
    }

    /// The kind of an entity.
    pub fn kind_of(&self, entity: EntityId) -> Kind {
        self.gazetteer
            .entities
            .get(entity as usize)
            .map_or(Kind::Misc, |e| e.kind)
    }

    /// Whether a kind is hidden.
    pub fn is_hidden(&self, kind: Kind) -> bool {
        self.entities.hidden[kind_slot(kind)]
    }

    fn top_offset(&self) -> u32 {
        self.view
            .wrap
            .rows
            .get(self.view.scroll)
            .map_or(0, |row| row.start)
    }

    fn resize(&mut self, width: u16, height: u16) {
        self.size = (width, height);
        self.relayout();
    }

    /// Recomputes the text pane's size and wrap, keeping the top line in view.
    fn relayout(&mut self) {
        let top = self.top_offset();
        let (width, height) = layout::text_area_size(self);
        self.view.height = usize::from(height);
        self.view.markers = wrap::marker_offsets(
            self.view.kind_markers,
            self.doc_mentions(),
            |entity| self.kind_of(entity),
            |kind| self.is_hidden(kind),
        );
        self.view.wrap = wrap::wrap(
            self.doc_text(),
            width,
            &self.view.markers,
            self.doc_mentions(),
        );
        self.view.scroll = self.view.wrap.row_of(top);
        self.clamp_scroll();
    }

    /// Shows another text from its top.
    fn show_new_text(&mut self) {
        self.view.scroll = 0;
        self.current = None;
        self.relayout();
        self.view.scroll = 0;
    }

    fn max_scroll(&self) -> usize {
        self.view.wrap.len().saturating_sub(self.view.height)
    }

    fn clamp_scroll(&mut self) {
        self.view.scroll = self.view.scroll.min(self.max_scroll());
    }

    fn scroll_to_row(&mut self, row: usize) {
        let height = self.view.height.max(1);
        if row < self.view.scroll || row >= self.view.scroll + height {
            self.view.scroll = row.saturating_sub(height / 3);
        }
        self.clamp_scroll();
    }

    // ----- moving -----

    fn move_by(&mut self, delta: isize) {
        self.moved = true;
        match self.focus {
            Focus::Text => {
                self.view.scroll = self.view.scroll.saturating_add_signed(delta);
                self.clamp_scroll();
            }
            Focus::Entities => {
                let len = self.entities.rows.len();
                self.entities.cursor = moved(self.entities.cursor, delta, len);
            }
            Focus::Sources => {
                let len = self.corpus.articles.len();
                let target = moved(self.article, delta, len);
                self.open_article(target);
            }
        }
    }

    fn cycle_focus(&mut self, forward: bool) {
        let order = [Focus::Text, Focus::Entities, Focus::Sources];
        let at = order.iter().position(|&f| f == self.focus).unwrap_or(0);
        let step = if forward { 1 } else { order.len() - 1 };
        self.focus = order[(at + step) % order.len()];
        if self.focus == Focus::Entities && !layout::entity_pane_visible(self) {
            self.entity_pane_toggled = !self.entity_pane_toggled;
            self.relayout();
        }
    }

    fn step_source(&mut self, delta: isize) {
        if self.corpus.articles.len() <= 1 && !self.corpus.complete {
            self.notice = Some("the other sources are still loading".to_owned());
            return;
        }
        let len = self.corpus.articles.len();
        let target = moved(self.article, delta, len);
        if target == self.article && self.passages.is_none() {
            let edge = if delta > 0 { "last" } else { "first" };
            self.notice = Some(format!("this is the {edge} source"));
            return;
        }
        self.open_article(target);
    }

    fn open_article(&mut self, article: usize) {
        self.moved = true;
        let left_passages = self.passages.take().is_some();
        if article != self.article || left_passages || self.view.wrap.is_empty() {
            self.article = article;
            self.show_new_text();
        }
        if let Some(search) = &mut self.search {
            search.current = None;
        }
    }

    // ----- entities -----

    /// Rebuilds the entity list rows, keeping the cursor on the same entity.
    fn refresh_entities(&mut self) {
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
            Sort::FirstAppearance => rows.sort_by_key(|&id| index.of_entity(id).first().copied()),
        }
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

    fn cursor_entity(&self) -> Option<EntityId> {
        self.entities.rows.get(self.entities.cursor).copied()
    }

    fn activate(&mut self) {
        match self.focus {
            Focus::Entities => {
                if let Some(entity) = self.cursor_entity() {
                    self.select_and_jump(entity);
                }
            }
            Focus::Sources => self.focus = Focus::Text,
            Focus::Text => {
                if let Some(mention) = self.current.and_then(|i| self.doc_mentions().get(i)) {
                    self.select(mention.entity);
                }
            }
        }
    }

    fn select(&mut self, entity: EntityId) {
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
            Some(&first) => self.show_mention(first),
            None => self.notice = Some("no mentions of this entity".to_owned()),
        }
    }

    fn show_mention(&mut self, at: MentionRef) {
        let article = at.article as usize;
        if article != self.article || self.passages.is_some() {
            self.open_article(article);
        }
        self.current = Some(at.mention as usize);
        let row = self
            .view
            .wrap
            .mention_rows
            .get(at.mention as usize)
            .copied();
        if let Some(row) = row {
            self.scroll_to_row(row as usize);
        }
    }

    fn toggle_mark(&mut self) {
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
        if self.passages.is_some() {
            self.open_passages();
        }
    }

    fn toggle_kind(&mut self, kind: Kind) {
        let slot = &mut self.entities.hidden[kind_slot(kind)];
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

    fn cycle_sort(&mut self) {
        self.entities.sort = self.entities.sort.next();
        self.notice = Some(format!("entities sorted {}", self.entities.sort.label()));
        self.refresh_entities();
    }

    fn toggle_entity_pane(&mut self) {
        self.entity_pane_toggled = !self.entity_pane_toggled;
        if self.focus == Focus::Entities && !layout::entity_pane_visible(self) {
            self.focus = Focus::Text;
        }
        self.relayout();
    }

    fn dismiss(&mut self) {
        if self.discovery != Discovery::Idle {
            self.discovery = Discovery::Idle;
            self.notice = Some("stopped finding names".to_owned());
        } else if self.searching != Searching::Idle {
            self.searching = Searching::Idle;
            self.notice = Some("stopped searching".to_owned());
        } else if self.passages.is_some() {
            self.passages = None;
            self.show_new_text();
        } else if self.search.take().is_some() {
            self.target = Target::Entity;
            self.notice = Some("search cleared".to_owned());
        }
    }

    fn toggle_help(&mut self) {
        self.mode = if self.mode == Mode::Help {
            if self.panel.is_some() {
                Mode::Panel
            } else {
                Mode::Reading
            }
        } else {
            self.help_scroll = 0;
            Mode::Help
        };
    }

    // ----- n / N -----

    fn step_mention(&mut self, forward: bool) {
        if self.target == Target::Search && self.search.is_some() && self.passages.is_none() {
            self.step_search(forward);
        } else if self.passages.is_some() {
            self.step_in_passages(forward);
        } else {
            self.step_entity(forward);
        }
    }

    fn step_entity(&mut self, forward: bool) {
        let Some(entity) = self.selected else {
            self.notice = Some("select an entity first (Enter on the entity list, or f)".into());
            return;
        };
        let index = &self.corpus.index;
        let list = index.of_entity(entity);
        let from = self.step_origin(forward);
        let step = if forward {
            let after = list.partition_point(|&at| position_key(index, at) < from);
            match list.get(after) {
                Some(&target) => Some((target, false)),
                None => list.first().map(|&target| (target, true)),
            }
        } else {
            let before = list.partition_point(|&at| position_key(index, at) < from);
            match before.checked_sub(1) {
                Some(i) => Some((list[i], false)),
                None => list.last().map(|&target| (target, true)),
            }
        };
        let Some((target, wrapped)) = step else {
            self.notice = Some("no mentions of this entity".to_owned());
            return;
        };
        self.show_mention(target);
        if wrapped {
            self.notice = Some(wrap_notice(forward, "mention"));
        }
        self.moved = true;
    }

    /// Where a step starts, between two mention positions (see [`position_key`]): just
    /// past the current mention, or just before the top of the view.
    fn step_origin(&self, forward: bool) -> (u32, i64) {
        let article = u32::try_from(self.article).unwrap_or(u32::MAX);
        match self.current.and_then(|i| self.doc_mentions().get(i)) {
            Some(mention) if forward => (article, i64::from(mention.start) * 2 + 1),
            Some(mention) => (article, i64::from(mention.start) * 2 - 1),
            None => (article, i64::from(self.top_offset()) * 2 - 1),
        }
    }

    fn step_in_passages(&mut self, forward: bool) {
        let wanted = self
            .passages
            .as_ref()
            .map(|p| p.entities.clone())
            .unwrap_or_default();
        let mentions = self.doc_mentions();
        let top = self.top_offset();
        let from = self.current.map_or(top, |i| mentions[i].start);
        let hits: Vec<usize> = (0..mentions.len())
            .filter(|&i| wanted.contains(&mentions[i].entity))
            .collect();
        let step = if forward {
            let after = hits.partition_point(|&i| {
                mentions[i].start < from || (self.current.is_some() && mentions[i].start == from)
            });
            hits.get(after)
                .map(|&i| (i, false))
                .or(hits.first().map(|&i| (i, true)))
        } else {
            let before = hits.partition_point(|&i| mentions[i].start < from);
            match before.checked_sub(1) {
                Some(b) => Some((hits[b], false)),
                None => hits.last().map(|&i| (i, true)),
            }
        };
        if let Some((index, wrapped)) = step {
            self.current = Some(index);
            let row = self.view.wrap.mention_rows[index] as usize;
            self.scroll_to_row(row);
            if wrapped {
                self.notice = Some(wrap_notice(forward, "passage mention"));
            }
        }
    }

    // ----- search -----

    fn enter_input(&mut self, mode: Mode) {
        self.mode = mode;
        self.input.clear();
        if mode == Mode::Filter {
            self.entities.filter.clear();
            self.refresh_entities();
            if !layout::entity_pane_visible(self) {
                self.entity_pane_toggled = !self.entity_pane_toggled;
                self.relayout();
            }
        }
    }

    fn type_char(&mut self, typed: Option<char>) {
        match typed {
            Some(c) => self.input.push(c),
            None => {
                self.input.pop();
            }
        }
        if self.mode == Mode::Filter {
            self.entities.filter.clone_from(&self.input);
            self.entities.cursor = 0;
            self.refresh_entities();
            self.entities.cursor = 0;
        }
    }

    fn confirm_input(&mut self) {
        let mode = std::mem::replace(&mut self.mode, Mode::Reading);
        match mode {
            Mode::Search => self.run_search(),
            Mode::Filter => {
                let first = self.entities.rows.first().copied();
                self.entities.filter.clear();
                self.refresh_entities();
                match first {
                    Some(entity) => self.select_and_jump(entity),
                    None => self.notice = Some(format!("no entity matches “{}”", self.input)),
                }
            }
            _ => {}
        }
    }

    fn cancel_input(&mut self) {
        if self.mode == Mode::Filter {
            self.entities.filter.clear();
            self.refresh_entities();
        }
        self.mode = Mode::Reading;
    }

    fn run_search(&mut self) {
        let query = self.input.trim().to_owned();
        if query.is_empty() {
            self.search = None;
            return;
        }
        if self.passages.is_some() {
            self.passages = None;
            self.show_new_text();
        }
        self.searching = Searching::Wanted(query);
    }

    /// Shows a finished search: its counts, then the first match from here.
    fn show_search(&mut self, search: Search) {
        let query = search.query.clone();
        let more = if search.capped { "+" } else { "" };
        let here = search.matches.get(self.article).map_or(0, Vec::len);
        self.notice = Some(format!(
            "“{query}”: {}{more} matches, {here} in this source",
            search.total
        ));
        self.search = Some(search);
        self.target = Target::Search;
        if search_is_empty(self.search.as_ref()) {
            return;
        }
        self.current = None;
        self.step_search(true);
    }

    fn step_search(&mut self, forward: bool) {
        let article = self.article;
        let top = self.top_offset();
        let Some(search) = &mut self.search else {
            return;
        };
        let Some(((found_article, found), wrapped)) = next_match(search, article, top, forward)
        else {
            self.notice = Some(format!("“{}” not found", search.query));
            return;
        };
        search.current = Some((found_article, found));
        let start = search.matches[found_article][found].start;
        if found_article != self.article {
            self.open_article(found_article);
            if let Some(search) = &mut self.search {
                search.current = Some((found_article, found));
            }
        }
        self.current = None;
        let row = self.view.wrap.row_of(start);
        self.scroll_to_row(row);
        if wrapped {
            self.notice = Some(wrap_notice(forward, "match"));
        }
    }

    /// The current search match's number and the total, for the status line.
    pub fn search_position(&self) -> Option<(usize, usize)> {
        let search = self.search.as_ref()?;
        let (article, index) = search.current?;
        let before: usize = search.matches[..article].iter().map(Vec::len).sum();
        Some((before + index + 1, search.total))
    }

    // ----- passages -----

    fn toggle_passages(&mut self) {
        if self.passages.is_some() {
            self.passages = None;
            self.show_new_text();
            return;
        }
        self.open_passages();
    }

    fn open_passages(&mut self) {
        let entities: Vec<EntityId> = if self.entities.marked.is_empty() {
            self.selected.into_iter().collect()
        } else {
            self.entities.marked.iter().copied().collect()
        };
        if entities.is_empty() {
            self.notice = Some("select an entity (Enter) or mark some (m) first".to_owned());
            return;
        }
        let passages = compose_passages(&self.corpus, &entities);
        if passages.truncated {
            self.notice = Some("passage view cut short: too many paragraphs".to_owned());
        }
        self.passages = Some(passages);
        self.show_new_text();
    }

    // ----- mouse -----

    fn click(&mut self, column: u16, row: u16) {
        let Some(panes) = layout::panes(self) else {
            return;
        };
        let point = ratatui::layout::Position::new(column, row);
        if panes.text.contains(point) {
            self.focus = Focus::Text;
            self.click_text(column - panes.text.x, row - panes.text.y);
        } else if let Some(list) = panes.entities.filter(|area| area.contains(point)) {
            self.focus = Focus::Entities;
            let rows = self.entities.rows.len();
            if let Some(index) = layout::list_row_at(list, self.entities.cursor, rows, row) {
                self.entities.cursor = index;
                self.activate();
            }
        } else if let Some(list) = panes.sources.filter(|area| area.contains(point)) {
            self.focus = Focus::Sources;
            let rows = self.corpus.articles.len();
            if let Some(index) = layout::list_row_at(list, self.article, rows, row) {
                self.open_article(index);
            }
        }
    }

    fn click_text(&mut self, column: u16, row: u16) {
        let Some(&line) = self.view.wrap.rows.get(self.view.scroll + usize::from(row)) else {
            return;
        };
        let Some(cluster) = wrap::cluster_at(self.doc_text(), line, &self.view.markers, column)
        else {
            return;
        };
        // The first mention that touches the cluster (a mention may start inside one).
        let mentions = self.doc_mentions();
        let index = mentions.partition_point(|m| m.end <= cluster.start);
        let Some(mention) = mentions
            .get(index)
            .filter(|m| m.start < cluster.end)
            .copied()
        else {
            return;
        };
        if self.is_hidden(self.kind_of(mention.entity)) {
            return;
        }
        self.select(mention.entity);
        self.current = Some(index);
    }

    fn wheel(&mut self, column: u16, row: u16, down: bool) {
        let Some(panes) = layout::panes(self) else {
            return;
        };
        let point = ratatui::layout::Position::new(column, row);
        let saved = self.focus;
        let over_list =
            |area: Option<ratatui::layout::Rect>| area.is_some_and(|a| a.contains(point));
        self.focus = if over_list(panes.entities) {
            Focus::Entities
        } else if over_list(panes.sources) {
            Focus::Sources
        } else {
            Focus::Text
        };
        let delta = match (self.focus, down) {
            (Focus::Text, true) => 3,
            (Focus::Text, false) => -3,
            (_, true) => 1,
            (_, false) => -1,
        };
        self.move_by(delta);
        self.focus = saved;
    }

    // ----- loading and saved positions -----

    /// Takes in news from the work beside the reader.
    pub fn absorb(&mut self, news: impl Into<Background>) {
        match news.into() {
            Background::Load(LoadEvent::Progress { done, total }) => {
                self.progress = Some((done, total));
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
        }
    }

    /// The whole corpus, read in the background, replaces the first source.
    fn absorb_corpus(&mut self, corpus: Corpus, problems: usize) {
        self.progress = None;
        let file = self.current_article().map(|a| (a.file.clone(), a.index));
        self.corpus = corpus;
        self.presence = presence(&self.corpus, self.gazetteer.entities.len());
        self.article = file
            .and_then(|(file, index)| self.find_article(&file, index))
            .unwrap_or(0);
        self.current = None;
        self.refresh_entities();
        self.relayout();
        if problems > 0 {
            self.notice = Some(format!(
                "{problems} inputs skipped or unreadable (listed on exit)"
            ));
        }
        if let Some(saved) = self.pending_restore.take() {
            self.restore(saved);
        }
    }

    /// The background load stopped without finishing (it failed): the reader goes on with
    /// the sources it has. Returns whether anything changed.
    pub fn loading_stopped(&mut self) -> bool {
        if self.corpus.complete {
            return false;
        }
        self.progress = None;
        self.corpus.complete = true;
        self.notice = Some("loading the other sources failed; reading the ones loaded".to_owned());
        true
    }

    fn find_article(&self, file: &str, index: usize) -> Option<usize> {
        self.corpus
            .articles
            .iter()
            .position(|a| a.file == file && a.index == index)
    }

    /// Where the reader is, for saving.
    pub fn saved(&self) -> Option<Saved> {
        let article = self.current_article()?;
        Some(Saved {
            version: crate::state::VERSION,
            file: article.file.clone(),
            article: article.index,
            offset: if self.passages.is_some() {
                0
            } else {
                self.top_offset()
            },
            entity: self
                .selected
                .map(|id| self.gazetteer.entities[id as usize].id.clone()),
        })
    }

    /// Goes back to a saved position (now, or once its source has loaded).
    pub fn restore(&mut self, saved: Saved) {
        if self.moved {
            return;
        }
        let Some(article) = self.find_article(&saved.file, saved.article) else {
            if !self.corpus.complete {
                self.pending_restore = Some(saved);
            }
            return;
        };
        self.open_article(article);
        self.view.scroll = self.view.wrap.row_of(saved.offset);
        self.clamp_scroll();
        let entity = saved.entity.as_deref().and_then(|id| {
            self.gazetteer
                .entities
                .iter()
                .position(|e| e.id == id)
                .and_then(|i| u32::try_from(i).ok())
        });
        if let Some(entity) = entity {
            self.select(entity);
        }
        self.moved = false;
    }
}

/// The widest the presence strip gets; with more sources, each mark covers several.
pub const STRIP_MARKS: usize = 12;

fn presence(corpus: &Corpus, entity_count: usize) -> Vec<u16> {
    let articles = corpus.articles.len().max(1);
    let marks = articles.min(STRIP_MARKS);
    (0..entity_count)
        .map(|entity| {
            let entity = u32::try_from(entity).unwrap_or(u32::MAX);
            let mut bits = 0u16;
            let mut last = None;
            for at in corpus.index.of_entity(entity) {
                if last != Some(at.article) {
                    last = Some(at.article);
                    bits |= 1 << (at.article as usize * marks / articles);
                }
            }
            bits
        })
        .collect()
}

fn moved(at: usize, delta: isize, len: usize) -> usize {
    at.saturating_add_signed(delta).min(len.saturating_sub(1))
}

/// Orders mentions on even numbers, so that a step origin can sit between two of them.
fn position_key(index: &Index, at: MentionRef) -> (u32, i64) {
    let Position { article, offset } = index.position(at);
    (article, i64::from(offset) * 2)
}

fn wrap_notice(forward: bool, what: &str) -> String {
    if forward {
        format!("passed the last {what}: back to the first")
    } else {
        format!("passed the first {what}: on to the last")
    }
}

fn search_is_empty(search: Option<&Search>) -> bool {
    search.is_none_or(|s| s.total == 0)
}

/// Finds `query` in every article: ASCII case-insensitive unless it has a capital letter.
pub fn search_articles(articles: &[Article], query: &str) -> Search {
    let smart_case = !query.chars().any(char::is_uppercase);
    let mut search = Search {
        query: query.to_owned(),
        ..Search::default()
    };
    let Ok(finder) = aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(smart_case)
        .build([query])
    else {
        return search;
    };
    // Each article is searched on its own (on every core), up to the cap; the cap over all
    // of them is applied in order afterwards.
    let per_article = crate::work::parallel_map(articles, |article| {
        finder
            .find_iter(&article.text)
            .take(MAX_MATCHES + 1)
            .filter_map(|m| Some(u32::try_from(m.start()).ok()?..u32::try_from(m.end()).ok()?))
            .collect::<Vec<Range<u32>>>()
    });
    for mut found in per_article {
        let room = MAX_MATCHES - search.total;
        search.capped |= found.len() > room;
        found.truncate(room);
        search.total += found.len();
        search.matches.push(found);
    }
    search
}

/// The next (or previous) match from the current one, or from the top of the view.
fn next_match(
    search: &Search,
    article: usize,
    top: u32,
    forward: bool,
) -> Option<((usize, usize), bool)> {
    if search.total == 0 {
        return None;
    }
    let count = search.matches.len();
    let here = &search.matches[article.min(count - 1)];
    let local = match search.current {
        Some((a, i)) if a == article => {
            if forward {
                Some(i + 1).filter(|&n| n < here.len())
            } else {
                i.checked_sub(1)
            }
        }
        _ if forward => Some(here.partition_point(|m| m.start < top)).filter(|&n| n < here.len()),
        _ => here.partition_point(|m| m.start < top).checked_sub(1),
    };
    if let Some(index) = local {
        return Some(((article, index), false));
    }
    (1..=count).find_map(|step| {
        let (other, wrapped) = if forward {
            ((article + step) % count, article + step >= count)
        } else {
            ((article + count - step) % count, step > article)
        };
        let list = &search.matches[other];
        let index = if forward {
            0
        } else {
            list.len().checked_sub(1)?
        };
        (!list.is_empty()).then_some(((other, index), wrapped))
    })
}

/// Composes the paragraphs mentioning any of `entities`, grouped under their sources.
///
/// Driven by the entities' mentions, so the work grows with what is shown, not with the
/// size of the corpus.
pub fn compose_passages(corpus: &Corpus, entities: &[EntityId]) -> Passages {
    compose(corpus, entities, false)
}

/// Composes the paragraphs that mention every one of `entities`, grouped under their
/// sources (the co-occurrence of two entities).
pub fn compose_passages_with_all(corpus: &Corpus, entities: &[EntityId]) -> Passages {
    compose(corpus, entities, true)
}

fn compose(corpus: &Corpus, entities: &[EntityId], all: bool) -> Passages {
    let mut passages = Passages {
        entities: entities.to_vec(),
        all,
        ..Passages::default()
    };
    let mut refs: Vec<MentionRef> = entities
        .iter()
        .flat_map(|&e| corpus.index.of_entity(e).iter().copied())
        .collect();
    refs.sort_unstable();
    let mut last: Option<(u32, Range<usize>)> = None;
    let mut heading_article = None;
    for at in refs {
        let Some(article) = corpus.articles.get(at.article as usize) else {
            continue;
        };
        let offset = corpus.index.mention(at).start as usize;
        let same = |(previous, range): &(u32, Range<usize>)| {
            *previous == at.article && range.contains(&offset)
        };
        if last.as_ref().is_some_and(same) {
            continue;
        }
        let paragraph = paragraph_around(&article.text, offset);
        let mentions = corpus.index.mentions(at.article as usize);
        if all && !mentions_all(mentions, &paragraph, entities) {
            last = Some((at.article, paragraph.start..paragraph.end + 1));
            continue;
        }
        if passages.text.len() > MAX_PASSAGE_BYTES {
            passages.truncated = true;
            break;
        }
        if heading_article != Some(at.article) {
            heading_article = Some(at.article);
            push_heading(&mut passages.text, &mut passages.headings, &article.label());
            passages.sources += 1;
        }
        last = Some((at.article, paragraph.start..paragraph.end + 1));
        add_paragraph(
            &mut passages,
            article,
            corpus.index.mentions(at.article as usize),
            paragraph,
        );
    }
    passages
}

/// Whether every one of `entities` is mentioned inside `paragraph`.
fn mentions_all(mentions: &[Mention], paragraph: &Range<usize>, entities: &[EntityId]) -> bool {
    let (start, end) = (to_u32(paragraph.start), to_u32(paragraph.end));
    let first = mentions.partition_point(|m| m.start < start);
    let inside = mentions[first..].iter().take_while(|m| m.end <= end);
    let found: BTreeSet<EntityId> = inside.map(|m| m.entity).collect();
    entities.iter().all(|e| found.contains(e))
}

/// The line (paragraph) of `text` holding byte `offset`.
fn paragraph_around(text: &str, offset: usize) -> Range<usize> {
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    start..end
}

fn add_paragraph(
    passages: &mut Passages,
    article: &Article,
    mentions: &[Mention],
    paragraph: Range<usize>,
) {
    let (start, end) = (to_u32(paragraph.start), to_u32(paragraph.end));
    let first = mentions.partition_point(|m| m.start < start);
    let inside = &mentions[first..first + mentions[first..].partition_point(|m| m.end <= end)];
    let base = to_u32(passages.text.len());
    passages.text.push_str(&article.text[paragraph]);
    passages.text.push_str("\n\n");
    passages.mentions.extend(inside.iter().map(|m| Mention {
        start: m.start - start + base,
        end: m.end - start + base,
        entity: m.entity,
    }));
    passages.paragraphs += 1;
}

fn push_heading(text: &mut String, headings: &mut Vec<Range<u32>>, label: &str) {
    let start = to_u32(text.len());
    text.push_str("── ");
    text.push_str(label);
    text.push_str(" ──");
    headings.push(start..to_u32(text.len()));
    text.push_str("\n\n");
}

#[cfg(test)]
pub(crate) mod tests;
