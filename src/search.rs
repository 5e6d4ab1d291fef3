//! Searching every article for a string, and stepping from match to match across them.
//!
//! Pure functions of the articles: the reader runs a search as a job (on a thread of its own
//! for a large corpus) and keeps the result.

mod fold;

use crate::corpus::Article;
pub use fold::{Folded, fold_char};
use std::ops::Range;

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

impl Search {
    /// The current match's number (from 1, across the articles) and the total.
    pub fn position(&self) -> Option<(usize, usize)> {
        let (article, index) = self.current?;
        let before: usize = self.matches[..article].iter().map(Vec::len).sum();
        Some((before + index + 1, self.total))
    }
}

/// Finds `query` in every article: case-insensitive (in any script) unless it has a capital
/// letter; straight and curly quotes and apostrophes match each other, and so do dashes.
pub fn search_articles(articles: &[Article], query: &str) -> Search {
    let ignore_case = !query.chars().any(char::is_uppercase);
    let mut search = Search {
        query: query.to_owned(),
        ..Search::default()
    };
    let folded_query = Folded::new(query, ignore_case).text;
    // Folding matters only for a query with quotes, apostrophes, dashes or letters beyond
    // ASCII, and only in an article with characters beyond ASCII: the others are searched
    // as they are (folding changes nothing in them but ASCII case).
    let needs_folding = !folded_query.is_ascii() || folded_query.contains(['\'', '"', '-']);
    let builder = |ascii_case: bool| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(ascii_case)
            .build([folded_query.as_str()])
    };
    let (Ok(ascii), Ok(exact)) = (builder(ignore_case), builder(false)) else {
        return search;
    };
    let found = |finder: &aho_corasick::AhoCorasick, text: &str, map: &dyn Fn(usize) -> usize| {
        finder
            .find_iter(text)
            .take(MAX_MATCHES + 1)
            .filter_map(|m| Some(to_u32(map(m.start()))?..to_u32(map(m.end()))?))
            .collect::<Vec<Range<u32>>>()
    };
    // Each article is searched on its own (on every core), up to the cap; the cap over all
    // of them is applied in order afterwards.
    let per_article = crate::work::parallel_map(articles, |article| {
        if !needs_folding || article.text.is_ascii() {
            found(&ascii, &article.text, &|at| at)
        } else {
            let folded = Folded::new(&article.text, ignore_case);
            found(&exact, &folded.text, &|at| folded.original(at))
        }
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

fn to_u32(value: usize) -> Option<u32> {
    u32::try_from(value).ok()
}

/// The next (or previous) match from the current one, or from the top of the view.
pub fn next_match(
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
