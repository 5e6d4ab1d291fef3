//! The reader's model and its one entry point, [`App::update`].
//!
//! Keys become [`Action`]s in [`keymap`]; `update` changes the model; `ui` draws it by
//! shared reference. The model keeps the layout of the panes ([`layout`]) and the wrap of the
//! shown text ([`wrap`], [`TextView`]) because scrolling, jumping and the mouse need row
//! numbers; everything else the screen needs is derived. News from the work beside the
//! reader comes in as one message, [`Background`], through [`App::absorb`].
//!
//! Each part of the model has its own file: the entity list (`entities`), `n`/`N` (`steps`),
//! typing a search or filter (`typing`), the mouse (`mouse`), news from background work
//! (`background`), the views ([`views`]; quotations in [`quotes`], retold passages in
//! [`reuse`]) and the jobs over the whole corpus ([`jobs`]); this
//! file has the state, the dispatch, the shown text and moving.

pub mod action;
mod background;
pub mod compare;
mod entities;
pub mod grid;
pub mod help;
pub mod jobs;
mod jumps;
pub mod keymap;
pub mod layout;
mod mouse;
pub mod naming;
pub mod passages;
mod position;
pub mod quotes;
pub mod reuse;
pub mod review;
mod steps;
mod typing;
pub mod views;
pub mod wrap;
pub mod wrap_cache;

pub use crate::config::Sort;
pub use crate::insight::passages::Passages;
pub use crate::loader::Corpus;
pub use crate::search::{MAX_MATCHES, Search};
pub use action::{Action, Control};
pub use background::{Background, GazetteerState};
pub use compare::CompareView;
pub use entities::{EntityList, STRIP_MARKS};
pub use jobs::{Discovery, Finding, Job, JobDone, Matched, Purpose, Searching};
pub use quotes::QuotesView;
pub use reuse::{Retellings, ReuseView};
pub use views::{AddPrompt, Candidate, ConcordanceView, CoverageView, DiscoveryView, Panel};

use crate::additions::Addition;
use crate::corpus::Article;
use crate::gazetteer::{EntityId, Gazetteer, Kind};
use crate::matcher::Mention;
use crate::state::Saved;
use crate::text::Lines;
use keymap::Scope;
use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::Arc;

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
    /// Two sources side by side.
    Compare,
    /// Reviewing the suggested entities.
    Review,
    /// Typing a name in the review (renaming, merging).
    ReviewTyping,
}

/// What `n` and `N` step through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Entity,
    Search,
}

/// Where the last article's lines start: the article (held weakly, as the wrap cache holds
/// it), its position, and the starts.
type ArticleLines = (std::sync::Weak<[crate::corpus::Article]>, usize, Arc<Lines>);

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
    /// Where the lines of the shown text start (for `line N/M`).
    pub lines: Arc<Lines>,
    /// The last article shown and where its lines start, so that a huge article's lines are
    /// found once, not on every change of layout or return from another view.
    article_lines: Option<ArticleLines>,
    /// The first visible row.
    pub scroll: usize,
    /// Visible rows.
    pub height: usize,
    /// What the wrap was made of, and the article wrap shown before it.
    cache: wrap_cache::WrapCache,
}

/// The reader.
#[derive(Debug)]
pub struct App {
    /// The entities.
    pub gazetteer: Arc<Gazetteer>,
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
    /// Additions that failed (their messages), told again on exit.
    pub failed_additions: Vec<String>,
    /// Background loading progress, while it runs.
    pub progress: Option<(usize, usize)>,
    /// Pages fetched from the web and pages to fetch, while the background load fetches.
    pub fetching: Option<(usize, usize)>,
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
    /// Whether the gazetteer is being built or changed.
    pub gazetteer_state: GazetteerState,
    /// Why the gazetteer built in the background could not be read: the reader ends, and
    /// this is the error it ends with.
    pub gazetteer_failed: Option<Box<crate::error::Error>>,
    /// The saved entity to select once the gazetteer is built.
    pending_entity: Option<String>,
    /// Where finding the names the gazetteer lacks stands.
    pub discovery: Discovery,
    /// Where a search stands.
    pub searching: Searching,
    /// The corpus's quotations (empty until found).
    pub quotes: crate::quotes::Quotations,
    /// Where finding the quotations stands.
    pub quoting: Finding,
    /// The corpus's retold passages (empty until found).
    pub retellings: Retellings,
    /// Where finding the retold passages stands.
    pub retelling: Finding,
    /// How each source is named ([`crate::corpus::labels`]).
    pub labels: Vec<String>,
    /// The places jumps left, for `Ctrl-O` and back.
    pub jumps: jumps::JumpList,
    /// Two sources side by side, when open.
    pub compare: Option<CompareView>,
    /// The suggested entities and their review.
    pub review: review::Review,
    /// Jobs handed out so far (each job's run number).
    job_runs: u64,
    /// Finding the side lists of a concordance on a thread.
    naming_job: naming::NamingJob,
    addition: Option<Addition>,
    target: Target,
    pending_restore: Option<Saved>,
    moved: bool,
}

impl App {
    /// A reader over `corpus`, at the first article.
    pub fn new(gazetteer: Gazetteer, corpus: Corpus, color: bool) -> App {
        let mut app = App {
            gazetteer: Arc::new(gazetteer),
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
            failed_additions: Vec::new(),
            progress: None,
            fetching: None,
            help_scroll: 0,
            entity_pane_toggled: false,
            presence: Vec::new(),
            panel: None,
            prompt: None,
            gazetteer_state: GazetteerState::Ready,
            gazetteer_failed: None,
            pending_entity: None,
            discovery: Discovery::Idle,
            searching: Searching::Idle,
            quotes: crate::quotes::Quotations::default(),
            quoting: Finding::Wanted,
            retellings: Retellings::default(),
            retelling: Finding::Idle,
            labels: Vec::new(),
            jumps: jumps::JumpList::default(),
            compare: None,
            review: review::Review::default(),
            job_runs: 0,
            naming_job: naming::NamingJob::Idle,
            addition: None,
            target: Target::Entity,
            pending_restore: None,
            moved: false,
        };
        app.presence = entities::presence(&app.corpus, app.gazetteer.entities.len());
        app.labels = crate::corpus::labels(&app.corpus.articles);
        app.refresh_entities();
        app.relayout();
        app.tell_left_out();
        app
    }

    /// Whether the gazetteer is still being built in the background.
    pub fn is_building_gazetteer(&self) -> bool {
        self.gazetteer_state == GazetteerState::Building
    }

    /// The keymap scope the keys are read in: the mode, and which view is open.
    pub fn scope(&self) -> Scope {
        match self.mode {
            Mode::Reading if self.passages.is_some() => Scope::Passages,
            Mode::Reading => Scope::Reading,
            Mode::Search | Mode::Filter | Mode::ReviewTyping => Scope::Typing,
            Mode::Help => Scope::Help,
            Mode::Panel => self.panel.as_ref().map_or(Scope::Reading, Panel::scope),
            Mode::Prompt => Scope::Prompt,
            Mode::Compare => Scope::Compare,
            Mode::Review => Scope::Review,
        }
    }

    /// Applies one action; says whether to go on, quit or suspend.
    pub fn update(&mut self, action: Action) -> Control {
        if !matches!(action, Action::Resize { .. }) {
            self.notice = None;
        }
        if action != Action::JumpQuote {
            self.jumps.quote_typed = false;
        }
        if matches!(self.mode, Mode::Review | Mode::ReviewTyping) && self.review_action(action) {
            return Control::Continue;
        }
        match action {
            Action::Quit => return Control::Quit,
            Action::Suspend => return Control::Suspend,
            Action::Resize { width, height } => self.resize(width, height),
            Action::Wheel { down, .. } if self.mode == Mode::Help => {
                let step = if down {
                    Action::MoveDown
                } else {
                    Action::MoveUp
                };
                for _ in 0..3 {
                    self.help_action(step);
                }
            }
            Action::Click { column, row } if self.mode == Mode::Panel => {
                self.click_in_panel(column, row);
            }
            Action::Click { .. } | Action::Wheel { .. } if self.mode != Mode::Reading => {
                match action {
                    Action::Wheel { down, .. } if self.mode == Mode::Compare => {
                        self.compare_action(if down {
                            Action::MoveDown
                        } else {
                            Action::MoveUp
                        });
                    }
                    Action::Wheel { down, .. } => self.move_in_panel(if down { 1 } else { -1 }, 0),
                    _ => {}
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
            Mode::Compare => return self.compare_action(action),
            _ => {}
        }
        match action {
            Action::MoveDown => self.move_by(1),
            Action::MoveUp => self.move_by(-1),
            Action::PageDown => self.move_by(self.page()),
            Action::PageUp => self.move_by(-self.page()),
            Action::HalfPageDown => self.move_by(self.page() / 2),
            Action::HalfPageUp => self.move_by(-self.page() / 2),
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
            Action::ToggleTogether => self.toggle_together(),
            Action::JumpBack => self.jump_back(),
            Action::JumpQuote => self.jump_quote(),
            Action::JumpForward => self.jump_forward(),
            Action::ToggleMark => self.toggle_mark(),
            Action::ToggleKind(kind) => self.toggle_kind(kind),
            Action::CycleSort => self.cycle_sort(),
            Action::ToggleEntityPane => self.toggle_entity_pane(),
            Action::Dismiss => self.dismiss(),
            Action::ToggleCoverage => self.toggle_coverage(),
            Action::ToggleConcordance => self.toggle_concordance(),
            Action::ToggleQuotes => self.toggle_quotes(),
            Action::ToggleReuse => self.toggle_reuse(),
            Action::ToggleCompare => self.toggle_compare(),
            Action::Add => self.add(),
            Action::Review(_) => self.open_review(),
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
            Action::HalfPageDown => self.move_in_panel(page / 2, 0),
            Action::HalfPageUp => self.move_in_panel(-page / 2, 0),
            Action::GoTop => self.move_in_panel(isize::MIN, 0),
            Action::GoBottom => self.move_in_panel(isize::MAX, 0),
            Action::FocusNext | Action::FocusPrevious => self.switch_in_panel(),
            Action::Activate => self.activate_in_panel(),
            Action::ToggleCoverage => self.toggle_coverage(),
            Action::ToggleConcordance => self.toggle_concordance(),
            Action::ToggleQuotes => self.toggle_quotes(),
            Action::ToggleReuse => self.toggle_reuse(),
            Action::ToggleCompare => self.compare_from_panel(),
            Action::Add => self.add(),
            Action::ClosePanel => self.close_panel(),
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

    /// How source `article` is named.
    pub fn label(&self, article: usize) -> &str {
        self.labels.get(article).map_or("", String::as_str)
    }

    /// The line at the top of the text and the last line: in the file, as `annotate` counts
    /// lines, for an article; in the composed text, for the passage view.
    pub fn line_position(&self) -> (usize, usize) {
        let first = match (&self.passages, self.current_article()) {
            (None, Some(article)) => article.first_line,
            _ => 1,
        };
        let (lines, text) = (&self.view.lines, self.doc_text());
        let top = lines.line_at(text, self.top_offset() as usize);
        // The text ends in its last line, not in an empty one after a final line feed.
        let last = lines.line_at(text, text.trim_end().len());
        (first + top - 1, first + last - 1)
    }

    /// How source `article` is named with its title: “label — title”.
    pub fn full_label(&self, article: usize) -> String {
        self.corpus
            .articles
            .get(article)
            .map_or_else(String::new, |a| {
                crate::corpus::full_label(a, self.label(article))
            })
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
        self.entities.hidden[kind.slot()]
    }

    fn top_offset(&self) -> u32 {
        self.view
            .wrap
            .row(self.view.scroll)
            .map_or(0, |row| row.start)
    }

    fn resize(&mut self, width: u16, height: u16) {
        self.size = (width, height);
        self.relayout();
        self.relayout_compare();
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
        let key = self.passages.is_none().then(|| {
            let corpus = &self.corpus;
            let markers = &self.view.markers;
            wrap_cache::WrapKey::new(&corpus.articles, self.article, width, markers)
        });
        let mut cache = std::mem::take(&mut self.view.cache);
        let mut shown = std::mem::take(&mut self.view.wrap);
        let text = self.doc_text();
        match key {
            Some(key) if text.len() > wrap_cache::LAZY_WRAP_BYTES && !cache.has(&key) => {
                let bytes = wrap_cache::START_WRAP_BYTES;
                let start = wrap::wrap_start(text, width, &self.view.markers, bytes);
                cache.show_start(&mut shown, key, start);
            }
            key => cache.show(&mut shown, key, || {
                wrap::wrap(text, width, &self.view.markers)
            }),
        }
        self.view.cache = cache;
        self.view.wrap = shown;
        self.refresh_lines();
        self.view.scroll = self.view.wrap.row_of(top);
        self.clamp_scroll();
    }

    /// Finds where the shown text's lines start, unless they are known for this article.
    fn refresh_lines(&mut self) {
        if self.passages.is_some() {
            self.view.lines = Arc::new(Lines::new(self.doc_text()));
            return;
        }
        let articles = &self.corpus.articles;
        let known = self.view.article_lines.as_ref().filter(|(then, at, _)| {
            then.strong_count() > 0
                && std::sync::Weak::ptr_eq(then, &Arc::downgrade(articles))
                && *at == self.article
        });
        if let Some((_, _, lines)) = known {
            self.view.lines = Arc::clone(lines);
            return;
        }
        let lines = Arc::new(Lines::new(self.doc_text()));
        self.view.lines = Arc::clone(&lines);
        self.view.article_lines = Some((Arc::downgrade(articles), self.article, lines));
    }

    /// Takes in the whole wrap of a large article, made on a thread, keeping the top line.
    /// The current mention, if any, is brought into view (it may lie past the start); a view
    /// at the end of the start (`G`) goes on to the end.
    pub(super) fn absorb_wrap(&mut self, run: u64, whole: wrap::Wrap) {
        let top = self.top_offset();
        let at_end = self.view.scroll > 0 && self.view.scroll >= self.max_scroll();
        if !self.view.cache.finish(&mut self.view.wrap, run, whole) {
            return;
        }
        self.view.scroll = self.view.wrap.row_of(top);
        if at_end {
            self.view.scroll = self.max_scroll();
        }
        self.clamp_scroll();
        let current = self.current.and_then(|m| self.doc_mentions().get(m));
        if let Some(row) = current.and_then(|m| self.view.wrap.row_of_mention(m)) {
            self.scroll_to_row(row);
        }
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
            } else if self.compare.is_some() {
                Mode::Compare
            } else if self.review.open {
                Mode::Review
            } else {
                Mode::Reading
            }
        } else {
            self.help_scroll = 0;
            Mode::Help
        };
    }

    // ----- saved positions -----

    fn find_article(&self, file: &str, index: usize) -> Option<usize> {
        self.corpus
            .articles
            .iter()
            .position(|a| &*a.file == file && a.index == index)
    }
}

fn moved(at: usize, delta: isize, len: usize) -> usize {
    at.saturating_add_signed(delta).min(len.saturating_sub(1))
}

#[cfg(test)]
pub(crate) mod tests;
