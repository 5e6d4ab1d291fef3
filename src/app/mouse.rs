//! Clicks and the wheel: the pane under the pointer, and the mention under a click.

use super::{App, Focus, layout, wrap};

impl App {
    pub(super) fn click(&mut self, column: u16, row: u16) {
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
        let Some(line) = self.view.wrap.row(self.view.scroll + usize::from(row)) else {
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

    pub(super) fn wheel(&mut self, column: u16, row: u16, down: bool) {
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
}
