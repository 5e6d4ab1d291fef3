//! How many mentions a corpus keeps in memory, and finding them within that.
//!
//! A mention costs sixteen bytes in all (the mention and its place in the index), so a text
//! denser with mentions than news ever is (a list of names, a name on every line) would take
//! several times its own size. A corpus keeps its first [`budget`] mentions in reading order,
//! one for every [`BYTES_A_MENTION`] bytes of its text or [`MENTIONS_ALWAYS_KEPT`], whichever
//! is more, and counts the rest. News has a mention every 40 to 60 bytes, even with a
//! gazetteer of every city, so it keeps them all.
//!
//! The articles are searched a run of about [`WAVE_BYTES`] at a time, on every core, each
//! keeping at most what is left of the budget: what is held beside the mentions kept is a
//! run's worth, however many more the corpus has.

use crate::corpus::Article;
use crate::matcher::{Found, Matcher, Mention};
use crate::text::to_u32;

/// A corpus keeps at most one mention for every this many bytes of its text...
pub const BYTES_A_MENTION: usize = 32;

/// ...or this many, if that is more.
pub const MENTIONS_ALWAYS_KEPT: usize = 1 << 18;

/// How many bytes of articles are searched at a time.
const WAVE_BYTES: usize = 1 << 20;

/// How many mentions a corpus of `text` bytes keeps: `max(text / 32, 262,144)`, that is
/// half the text or 4 MiB at sixteen bytes a mention.
pub fn budget(text: usize) -> usize {
    (text / BYTES_A_MENTION).max(MENTIONS_ALWAYS_KEPT)
}

/// Where the mentions kept end, when a corpus has more than its budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cut {
    /// The first article that keeps fewer mentions than it has (the later ones keep none).
    pub article: u32,
    /// How many mentions are left out in all.
    pub left_out: usize,
}

/// The mentions of every article, in text order, the first `budget` of the corpus kept;
/// and where they end, if some are left out.
pub fn find(
    articles: &[Article],
    matcher: &Matcher,
    budget: usize,
) -> (Vec<Vec<Mention>>, Option<Cut>) {
    keep_first(articles, budget, |_, article, room| {
        let Found { mentions, left_out } = matcher.find_at_most(&article.text, room);
        (mentions, left_out)
    })
}

/// What `find(number, article, room)` gives for every article, in reading order, the first
/// `budget` items of the corpus kept; and where they end, if some are left out. `find` gives
/// an article's first `room` items at most (or more, to be cut here) and how many more it
/// has past those (or at least one, when it only knows there are more).
///
/// The articles are read a run of about [`WAVE_BYTES`] at a time, on every core, each given
/// what is left of the budget, so that what is held beside the items kept is a run's worth.
pub(crate) fn keep_first<T: Send>(
    articles: &[Article],
    budget: usize,
    find: impl Fn(usize, &Article, usize) -> (Vec<T>, usize) + Sync,
) -> (Vec<Vec<T>>, Option<Cut>) {
    let mut kept = Kept {
        budget,
        count: 0,
        by_article: Vec::with_capacity(articles.len()),
        cut: None,
    };
    let numbered: Vec<(usize, &Article)> = articles.iter().enumerate().collect();
    for wave in waves(articles) {
        let room = kept.room();
        let found = crate::work::parallel_map(&numbered[wave], |&(number, article)| {
            find(number, article, room)
        });
        for (items, left_out) in found {
            kept.push(items, left_out);
        }
    }
    (kept.by_article, kept.cut)
}

/// The items kept so far.
struct Kept<T> {
    budget: usize,
    count: usize,
    by_article: Vec<Vec<T>>,
    cut: Option<Cut>,
}

impl<T> Kept<T> {
    /// How many more may be kept.
    fn room(&self) -> usize {
        self.budget - self.count
    }

    /// Adds the next article's items, as many as there is room for, and `left_out` more.
    fn push(&mut self, mut items: Vec<T>, left_out: usize) {
        let kept = items.len().min(self.room());
        let left_out = left_out + (items.len() - kept);
        // Kept for as long as the corpus: without the room left by growing.
        items.truncate(kept);
        items.shrink_to_fit();
        if left_out > 0 {
            let article = to_u32(self.by_article.len());
            let cut = self.cut.get_or_insert(Cut {
                article,
                left_out: 0,
            });
            cut.left_out += left_out;
        }
        self.count += kept;
        self.by_article.push(items);
    }
}

/// Runs of consecutive articles of about [`WAVE_BYTES`] in all (an article longer than that
/// is a run of its own), covering them all in order.
fn waves(articles: &[Article]) -> Vec<std::ops::Range<usize>> {
    let mut waves = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (at, article) in articles.iter().enumerate() {
        bytes += article.text.len();
        if bytes >= WAVE_BYTES {
            waves.push(start..at + 1);
            (start, bytes) = (at + 1, 0);
        }
    }
    if start < articles.len() {
        waves.push(start..articles.len());
    }
    waves
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::articles_of;

    #[test]
    fn a_corpus_keeps_half_its_size_in_mentions_or_four_mebibytes() {
        let mb = 1 << 20;
        for (text, kept) in [
            (0, MENTIONS_ALWAYS_KEPT),
            (8 * mb, MENTIONS_ALWAYS_KEPT),
            (8 * mb + 32, MENTIONS_ALWAYS_KEPT + 1),
            (96 * mb, 3 * mb),
        ] {
            assert_eq!(budget(text), kept, "{text} bytes");
            // Sixteen bytes a mention: half the text, or 4 MiB.
            assert!(16 * kept <= (text / 2).max(4 * mb));
        }
    }

    fn corpus(texts: &[String]) -> (Vec<Article>, Matcher) {
        let (_, _, gazetteer) = crate::testing::indexed(
            r#"{"entities": [{"name": "Hamas", "kind": "organization"},
                {"name": "Gaza", "kind": "place"}]}"#,
            &[],
        );
        let articles = texts
            .iter()
            .flat_map(|text| articles_of("t.txt", text.as_bytes()))
            .collect();
        (articles, Matcher::new(&gazetteer).unwrap())
    }

    /// Small articles and one of several waves' worth, cut at every kind of place: nowhere,
    /// in a small article, at an article's end, inside the long one.
    #[test]
    fn the_first_mentions_in_reading_order_are_kept_and_the_rest_counted() {
        let small = |n: usize| "Hamas met in Gaza.\n".repeat(n);
        let long = "Gaza, Hamas and Gaza.\n".repeat(3 * WAVE_BYTES / 22);
        let texts = [small(3), small(1), long, small(2)];
        let (articles, matcher) = corpus(&texts);
        let all: Vec<Vec<Mention>> = articles.iter().map(|a| matcher.find(&a.text)).collect();
        let total: usize = all.iter().map(Vec::len).sum();
        for budget in [total, total + 1, 0, 1, 6, 7, 8, 10, total / 2, total - 1] {
            let (kept, cut) = find(&articles, &matcher, budget);
            let mut room = budget;
            for (article, (kept, all)) in kept.iter().zip(&all).enumerate() {
                let expected = room.min(all.len());
                assert_eq!(
                    kept[..],
                    all[..expected],
                    "budget {budget}, article {article}"
                );
                room -= expected;
            }
            let cut_at = all
                .iter()
                .scan(0, |count, mentions| {
                    *count += mentions.len();
                    Some(*count)
                })
                .position(|count| count > budget);
            let expected = cut_at.map(|article| Cut {
                article: to_u32(article),
                left_out: total - budget,
            });
            assert_eq!(cut, expected, "budget {budget}");
        }
    }

    #[test]
    fn waves_cover_the_articles_in_order_about_a_wave_at_a_time() {
        let texts: Vec<String> = [10, WAVE_BYTES, 10, 10, WAVE_BYTES / 2, WAVE_BYTES / 2, 3]
            .iter()
            .map(|&len| "x".repeat(len))
            .collect();
        let (articles, _) = corpus(&texts);
        assert_eq!(waves(&articles), [0..2, 2..6, 6..7]);
        assert!(waves(&[]).is_empty());
    }
}
