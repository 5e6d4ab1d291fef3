//! `n` and `N`: the next and previous mention of the selected entity across sources (or in the
//! passage view), or the next and previous search match.

use super::{App, Target};
use crate::index::{Position, Step};
use crate::search::next_match;
use crate::text::to_u32;

impl App {
    pub(super) fn step_mention(&mut self, forward: bool) {
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
        let current = self.current.and_then(|i| self.doc_mentions().get(i));
        // From the current mention, or from the top of the view.
        let here = Position {
            article: to_u32(self.article),
            offset: current.map_or_else(|| self.top_offset(), |mention| mention.start),
        };
        let step = match (forward, current) {
            (true, Some(_)) => index.next(entity, here),
            (true, None) => match index.previous(entity, here) {
                // The step from the top is the first mention at or after it: the one after
                // the last mention above it, or the very first when there is none above.
                Some(Step {
                    target,
                    wrapped: false,
                }) => index.next(entity, index.position(target)),
                _ => index.of_entity(entity).first().map(|target| Step {
                    target,
                    wrapped: false,
                }),
            },
            (false, _) => index.previous(entity, here),
        };
        let Some(Step { target, wrapped }) = step else {
            self.notice = Some("no mentions of this entity".to_owned());
            return;
        };
        self.show_mention(target);
        if wrapped {
            self.notice = Some(wrap_notice(forward, "mention"));
        }
        self.moved = true;
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
            let row = self.view.wrap.row_of_mention(&mentions[index]);
            self.current = Some(index);
            self.scroll_to_row(row.unwrap_or(0));
            if wrapped {
                self.notice = Some(wrap_notice(forward, "passage mention"));
            }
        }
    }

    pub(super) fn step_search(&mut self, forward: bool) {
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
        self.remember_place();
        if found_article != self.article {
            self.open_article(found_article);
            if let Some(search) = &mut self.search {
                search.current = Some((found_article, found));
            }
        }
        // A match inside a mention makes it the current mention, so that Enter selects its
        // entity from the keyboard.
        let mentions = self.doc_mentions();
        let inside = mentions.partition_point(|m| m.end <= start);
        self.current = mentions
            .get(inside)
            .filter(|m| m.start <= start && !self.is_hidden(self.kind_of(m.entity)))
            .map(|_| inside);
        let row = self.view.wrap.row_of(start);
        self.scroll_to_row(row);
        if wrapped {
            self.notice = Some(wrap_notice(forward, "match"));
        }
    }
}

fn wrap_notice(forward: bool, what: &str) -> String {
    if forward {
        format!("passed the last {what}: back to the first")
    } else {
        format!("passed the first {what}: on to the last")
    }
}
