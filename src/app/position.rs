//! The reading position: where the reader is, saved on exit, and going back to it at the
//! next start (at once, or once its source has loaded or the gazetteer is built).

use super::App;
use crate::state::Saved;

impl App {
    /// Where the reader is, for saving.
    pub fn saved(&self) -> Option<Saved> {
        let article = self.current_article()?;
        Some(Saved {
            version: crate::state::VERSION,
            file: article.file.to_string(),
            article: article.index,
            offset: if self.passages.is_some() {
                0
            } else {
                self.top_offset()
            },
            entity: self
                .selected
                .map(|id| self.gazetteer.entities[id as usize].id.clone())
                .or_else(|| self.pending_entity.clone()),
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
        let entity = saved
            .entity
            .as_deref()
            .and_then(|id| self.gazetteer.find(id));
        match entity {
            Some(entity) => self.select(entity),
            None if self.is_building_gazetteer() => self.pending_entity = saved.entity,
            None => {}
        }
        self.moved = false;
    }
}
