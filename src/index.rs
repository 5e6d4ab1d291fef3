//! Mentions by article and by entity: counts, and next / previous mention across articles.
//!
//! Mentions are stored once, per article in text order, and numbered across the corpus in
//! that order. Each entity keeps the numbers of its mentions, sorted, so the next or previous
//! mention of an entity from any position is a binary search. The lists lie end to end in one
//! vector, four bytes a mention: on a file of a hundred megabytes, the index of its millions
//! of mentions is a fraction of the text.
//!
//! A corpus keeps as many mentions as half its text's size holds, and tells how many more it
//! has ([`budget`]).

pub mod budget;

use crate::corpus::{Article, Problem, Severity};
use crate::gazetteer::EntityId;
use crate::matcher::{Matcher, Mention};
use crate::text::to_u32;

/// Points at one mention: `Index::mentions(article)[mention]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct MentionRef {
    /// The article, as an index into the corpus.
    pub article: u32,
    /// The mention, as an index into that article's mentions.
    pub mention: u32,
}

/// A place in the corpus: an article and a byte offset in its clean text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Position {
    /// The article.
    pub article: u32,
    /// Byte offset in the article's clean text.
    pub offset: u32,
}

/// The result of a step to the next or previous mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    /// Where the step landed.
    pub target: MentionRef,
    /// Whether it went past the last (or first) mention and came round to the other end.
    pub wrapped: bool,
}

/// All mentions of a corpus, by article and by entity.
#[derive(Debug, Clone, Default)]
pub struct Index {
    by_article: Vec<Vec<Mention>>,
    /// The number of each article's first mention, then the number of mentions in all.
    article_starts: Vec<u32>,
    /// Every mention's number, grouped by entity, each group in corpus order.
    by_entity: Vec<u32>,
    /// Where each entity's group starts in `by_entity`, then where the last one ends.
    entity_starts: Vec<usize>,
    /// Where the mentions kept end, when the corpus has more than its [`budget::budget`].
    cut: Option<budget::Cut>,
}

/// The mentions of one entity, in corpus order (see [`Index::of_entity`]).
#[derive(Debug, Clone, Copy)]
pub struct EntityMentions<'a> {
    numbers: &'a [u32],
    article_starts: &'a [u32],
}

impl<'a> EntityMentions<'a> {
    /// How many there are.
    pub fn len(&self) -> usize {
        self.numbers.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.numbers.is_empty()
    }

    /// The `i`th, if there is one.
    pub fn get(&self, i: usize) -> Option<MentionRef> {
        self.numbers.get(i).map(|&number| self.reference(number))
    }

    /// The first, if any.
    pub fn first(&self) -> Option<MentionRef> {
        self.get(0)
    }

    /// The last, if any.
    pub fn last(&self) -> Option<MentionRef> {
        self.get(self.len().checked_sub(1)?)
    }

    /// Each in turn.
    pub fn iter(
        &self,
    ) -> impl DoubleEndedIterator<Item = MentionRef> + ExactSizeIterator + use<'a> {
        let starts = self.article_starts;
        self.numbers
            .iter()
            .map(move |&number| reference(starts, number))
    }

    /// Where `at` is among them (`Ok`), or where it would go (`Err`).
    pub fn binary_search(&self, at: &MentionRef) -> Result<usize, usize> {
        let article = at.article as usize;
        let (Some(&start), Some(&end)) = (
            self.article_starts.get(article),
            self.article_starts.get(article + 1),
        ) else {
            return Err(self.len());
        };
        let number = start.saturating_add(at.mention);
        if number >= end {
            // No such mention in that article: it would go after the article's own.
            return Err(self.numbers.partition_point(|&n| n < end));
        }
        self.numbers.binary_search(&number)
    }

    /// Those in `article`.
    #[must_use]
    pub fn in_article(&self, article: usize) -> EntityMentions<'a> {
        let bound = |at: usize| {
            let number = self.article_starts.get(at).copied().unwrap_or(u32::MAX);
            self.numbers.partition_point(|&n| n < number)
        };
        self.slice(bound(article)..bound(article + 1))
    }

    /// How many come before the first for which `before` is false (they must be in that order).
    pub fn partition_point(&self, mut before: impl FnMut(MentionRef) -> bool) -> usize {
        self.numbers
            .partition_point(|&number| before(self.reference(number)))
    }

    /// Those from the `range` of positions.
    #[must_use]
    pub fn slice(&self, range: std::ops::Range<usize>) -> EntityMentions<'a> {
        EntityMentions {
            numbers: &self.numbers[range],
            article_starts: self.article_starts,
        }
    }

    /// All of them, in a vector.
    pub fn to_vec(&self) -> Vec<MentionRef> {
        self.iter().collect()
    }

    fn reference(&self, number: u32) -> MentionRef {
        reference(self.article_starts, number)
    }
}

/// The reference of mention number `number`, given where each article's numbers start.
fn reference(article_starts: &[u32], number: u32) -> MentionRef {
    // The last article starting at or before `number`: empty articles before it share its
    // start, and the final entry (the total) is past every number.
    let article = article_starts
        .partition_point(|&start| start <= number)
        .saturating_sub(1);
    MentionRef {
        article: to_u32(article),
        mention: number - article_starts[article],
    }
}

impl Index {
    /// Finds the mentions of every article (on every core) and indexes them, the first
    /// [`budget::budget`] of them.
    pub fn build(articles: &[Article], matcher: &Matcher, entity_count: usize) -> Index {
        let text = articles.iter().map(|a| a.text.len()).sum();
        Index::build_within(articles, matcher, entity_count, budget::budget(text))
    }

    /// [`Index::build`], keeping the first `budget` mentions.
    pub fn build_within(
        articles: &[Article],
        matcher: &Matcher,
        entity_count: usize,
        budget: usize,
    ) -> Index {
        let (by_article, cut) = budget::find(articles, matcher, budget);
        Index {
            cut,
            ..Index::from_mentions(by_article, entity_count)
        }
    }

    /// Indexes mentions already found, one list per article in text order.
    pub fn from_mentions(by_article: Vec<Vec<Mention>>, entity_count: usize) -> Index {
        let mut entity_starts = vec![0usize; entity_count + 1];
        for mention in by_article.iter().flatten() {
            entity_starts[mention.entity as usize + 1] += 1;
        }
        for entity in 0..entity_count {
            entity_starts[entity + 1] += entity_starts[entity];
        }
        let mut next = entity_starts.clone();
        let mut by_entity = vec![0; entity_starts[entity_count]];
        for (number, found) in by_article.iter().flatten().enumerate() {
            let slot = &mut next[found.entity as usize];
            by_entity[*slot] = to_u32(number);
            *slot += 1;
        }
        let mut article_starts = Vec::with_capacity(by_article.len() + 1);
        let mut total = 0;
        for mentions in &by_article {
            article_starts.push(to_u32(total));
            total += mentions.len();
        }
        article_starts.push(to_u32(total));
        Index {
            by_article,
            article_starts,
            by_entity,
            entity_starts,
            cut: None,
        }
    }

    /// How many mentions were left out, past the corpus's [`budget::budget`].
    pub fn left_out(&self) -> usize {
        self.cut.map_or(0, |cut| cut.left_out)
    }

    /// What is left out, when the corpus has more mentions than it keeps (for the status
    /// line).
    pub fn left_out_message(&self) -> Option<String> {
        let cut = self.cut?;
        Some(format!(
            "{} mentions left out past the first {}: a corpus keeps one for every {} bytes of \
             its text (at least {}); `gazette annotate` lists them all",
            cut.left_out,
            self.mention_count(),
            budget::BYTES_A_MENTION,
            budget::MENTIONS_ALWAYS_KEPT,
        ))
    }

    /// The warning for a corpus (`articles`, those the index was built from) that has more
    /// mentions than it keeps, naming the first article that keeps fewer than it has.
    pub fn left_out_warning(&self, articles: &[Article]) -> Option<Problem> {
        let article = articles.get(self.cut?.article as usize)?;
        Some(Problem {
            name: article.file.to_string(),
            message: format!(
                "from article {} on, {}",
                article.index + 1,
                self.left_out_message()?
            ),
            severity: Severity::Skipped,
        })
    }

    /// The mentions of one article, in text order.
    pub fn mentions(&self, article: usize) -> &[Mention] {
        self.by_article.get(article).map_or(&[], Vec::as_slice)
    }

    /// The mention a reference points at.
    pub fn mention(&self, at: MentionRef) -> Mention {
        self.by_article[at.article as usize][at.mention as usize]
    }

    /// Every mention of `entity`, in corpus order.
    pub fn of_entity(&self, entity: EntityId) -> EntityMentions<'_> {
        let entity = entity as usize;
        let numbers = match (
            self.entity_starts.get(entity),
            self.entity_starts.get(entity + 1),
        ) {
            (Some(&start), Some(&end)) => &self.by_entity[start..end],
            _ => &[],
        };
        EntityMentions {
            numbers,
            article_starts: &self.article_starts,
        }
    }

    /// How many mentions `entity` has in all.
    pub fn total(&self, entity: EntityId) -> usize {
        self.of_entity(entity).len()
    }

    /// How many articles there are.
    pub fn article_count(&self) -> usize {
        self.by_article.len()
    }

    /// How many mentions there are in all.
    pub fn mention_count(&self) -> usize {
        self.article_starts
            .last()
            .map_or(0, |&total| total as usize)
    }

    /// Mentions of `entity` per article, as `(article, count)` for articles that have any.
    pub fn counts(&self, entity: EntityId) -> Vec<(u32, u32)> {
        let mut counts: Vec<(u32, u32)> = Vec::new();
        for at in self.of_entity(entity).iter() {
            match counts.last_mut() {
                Some((article, count)) if *article == at.article => *count += 1,
                _ => counts.push((at.article, 1)),
            }
        }
        counts
    }

    /// Where a mention starts.
    pub fn position(&self, at: MentionRef) -> Position {
        Position {
            article: at.article,
            offset: self.mention(at).start,
        }
    }

    /// The first mention of `entity` after `from`, wrapping round to the first of all.
    pub fn next(&self, entity: EntityId, from: Position) -> Option<Step> {
        let list = self.of_entity(entity);
        let after = list.partition_point(|at| self.position(at) <= from);
        match list.get(after) {
            Some(target) => Some(Step {
                target,
                wrapped: false,
            }),
            None => list.first().map(|target| Step {
                target,
                wrapped: true,
            }),
        }
    }

    /// The last mention of `entity` before `from`, wrapping round to the last of all.
    pub fn previous(&self, entity: EntityId, from: Position) -> Option<Step> {
        let list = self.of_entity(entity);
        let before = list.partition_point(|at| self.position(at) < from);
        match before.checked_sub(1).and_then(|index| list.get(index)) {
            Some(target) => Some(Step {
                target,
                wrapped: false,
            }),
            None => list.last().map(|target| Step {
                target,
                wrapped: true,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(start: u32, entity: EntityId) -> Mention {
        Mention {
            start,
            end: start + 3,
            entity,
        }
    }

    fn index() -> Index {
        Index::from_mentions(
            vec![
                vec![mention(0, 0), mention(10, 1), mention(20, 0)],
                vec![],
                vec![mention(5, 1), mention(7, 0)],
            ],
            3,
        )
    }

    fn at(article: u32, offset: u32) -> Position {
        Position { article, offset }
    }

    /// Past its budget a corpus keeps the first mentions, and says where the cut is, how many
    /// are left out and what lists them all, once.
    #[test]
    fn mentions_past_the_budget_are_left_out_with_one_warning_naming_the_first_article() {
        let gazetteer = r#"{"entities": [{"name": "Hamas", "kind": "organization"}]}"#;
        let texts = ["Hamas.\n_____\nHamas and Hamas.\n_____\nHamas.", "Hamas."];
        let (articles, whole, gazetteer) = crate::testing::indexed(gazetteer, &texts);
        assert_eq!((whole.mention_count(), whole.left_out()), (5, 0));
        assert!(whole.left_out_warning(&articles).is_none() && whole.left_out_message().is_none());
        let matcher = Matcher::new(&gazetteer).unwrap();
        let index = Index::build_within(&articles, &matcher, 1, 2);
        assert_eq!((index.mention_count(), index.left_out()), (2, 3));
        assert_eq!(index.mentions(1), whole.mentions(1)[..1].to_vec());
        assert!(index.mentions(2).is_empty() && index.mentions(3).is_empty());
        assert_eq!(index.total(0), 2);
        let warning = index.left_out_warning(&articles).unwrap();
        assert_eq!(warning.name, "t.txt");
        assert_eq!(warning.severity, Severity::Skipped);
        assert_eq!(
            warning.message,
            "from article 2 on, 3 mentions left out past the first 2: a corpus keeps one for \
             every 32 bytes of its text (at least 262144); `gazette annotate` lists them all"
        );
        assert!(
            warning
                .message
                .ends_with(&index.left_out_message().unwrap())
        );
    }

    #[test]
    fn steps_forward_across_articles_and_wraps() {
        let index = index();
        let table = [
            (at(0, 0), (0, 2, false)),
            (at(0, 20), (2, 1, false)),
            (at(1, 0), (2, 1, false)),
            (at(2, 7), (0, 0, true)),
        ];
        for (from, (article, mention, wrapped)) in table {
            let step = index.next(0, from).unwrap();
            assert_eq!(
                (step.target.article, step.target.mention, step.wrapped),
                (article, mention, wrapped),
                "{from:?}"
            );
        }
    }

    #[test]
    fn steps_backward_across_articles_and_wraps() {
        let index = index();
        let table = [
            (at(2, 7), (0, 2, false)),
            (at(2, 0), (0, 2, false)),
            (at(0, 20), (0, 0, false)),
            (at(0, 0), (2, 1, true)),
        ];
        for (from, (article, mention, wrapped)) in table {
            let step = index.previous(0, from).unwrap();
            assert_eq!(
                (step.target.article, step.target.mention, step.wrapped),
                (article, mention, wrapped),
                "{from:?}"
            );
        }
    }

    #[test]
    fn numbers_map_back_to_references_past_empty_articles() {
        let index = Index::from_mentions(
            vec![
                vec![],
                vec![mention(1, 0)],
                vec![],
                vec![],
                vec![mention(2, 0), mention(9, 0)],
            ],
            1,
        );
        let list = index.of_entity(0);
        let refs: Vec<(u32, u32)> = list.iter().map(|at| (at.article, at.mention)).collect();
        assert_eq!(refs, [(1, 0), (4, 0), (4, 1)]);
        assert_eq!(list.last().map(|at| at.article), Some(4));
        let second = MentionRef {
            article: 4,
            mention: 0,
        };
        assert_eq!(list.binary_search(&second), Ok(1));
        let absent = MentionRef {
            article: 9,
            mention: 0,
        };
        assert_eq!(list.binary_search(&absent), Err(3));
        assert_eq!(list.slice(1..3).to_vec(), list.to_vec()[1..]);
        assert_eq!(index.mention_count(), 3);
    }

    #[test]
    fn counts_per_article() {
        let index = index();
        assert_eq!(index.counts(0), [(0, 2), (2, 1)]);
        assert_eq!(index.counts(1), [(0, 1), (2, 1)]);
        assert_eq!(index.total(2), 0);
        assert!(index.next(2, at(0, 0)).is_none());
        assert_eq!(index.mention_count(), 5);
    }
}
