//! Typing after `/` (a search) or `f` (an entity filter), and showing a finished search.

use super::{App, Mode, Searching, Target, layout};
use crate::search::Search;

impl App {
    pub(super) fn enter_input(&mut self, mode: Mode) {
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

    pub(super) fn type_char(&mut self, typed: Option<char>) {
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

    pub(super) fn confirm_input(&mut self) {
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

    pub(super) fn cancel_input(&mut self) {
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
    pub(super) fn show_search(&mut self, search: Search) {
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

    /// The current search match's number and the total, for the status line.
    pub fn search_position(&self) -> Option<(usize, usize)> {
        self.search.as_ref()?.position()
    }
}

fn search_is_empty(search: Option<&Search>) -> bool {
    search.is_none_or(|s| s.total == 0)
}
