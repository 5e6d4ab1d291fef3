//! Shared passages: the sentences one source retells from another.
//!
//! A pair of sentences from two articles is retold when they share a run of words and much of
//! their distinctive wording (see [`similarity`]: [`MIN_SIMILARITY`] with a run of
//! [`MIN_RUN`] words, [`CLOSE_SIMILARITY`] with one of [`SHINGLE`]), or the same quotation (see
//! [`longest_runs`]), or a long verbatim run ([`LONG_RUN`] words).
//! Finding them takes time in proportion to the text:
//!
//! 1. sentences are normalized (lower case, words only) and identical ones grouped, so a text
//!    copied many times is compared once;
//! 2. each distinct sentence is cut into shingles of [`SHINGLE`] words, with at least two
//!    words that are not stop words; shingles shared by more than [`MAX_SHINGLE_SENTENCES`]
//!    distinct sentences are formulas and are left out;
//! 3. only sentences sharing a shingle are aligned (longest common run of words) and scored;
//! 4. each sentence is paired with the earlier sentences it retells, at most
//!    [`MAX_PER_SOURCE`] from each of at most [`MAX_SOURCES`] other articles.

pub mod print;
mod words;

use crate::corpus::Article;
use rustc_hash::{FxHashMap, FxHashSet};
use std::hash::{Hash, Hasher};
use std::ops::Range;
use words::{Vocabulary, Word};
pub use words::{normalize, word_spans};

/// Words in a shared run that make two sentences candidates.
pub const MIN_RUN: usize = 4;

/// A shared run this long is a retelling whatever else differs.
const LONG_RUN: usize = 8;

/// Words in a shingle: sentences sharing a run this long are aligned.
const SHINGLE: usize = 3;

/// Share of distinctive words that makes a retelling with a shared run of only [`SHINGLE`]
/// words (a sentence rewritten around the same facts).
const CLOSE_SIMILARITY: f64 = 0.43;

/// Words not stop words a run quoted on both sides needs to be the same quotation.
const QUOTATION_CONTENT: usize = 3;

/// Share of distinctive words two sentences need in common (see [`similarity`]).
const MIN_SIMILARITY: f64 = 0.4;

/// Sentences shorter than this (datelines, bylines' fragments) are left out.
const MIN_WORDS: usize = 5;

/// A shingle in more distinct sentences than this is a formula, not a sign of retelling.
const MAX_SHINGLE_SENTENCES: usize = 64;

/// Other articles a sentence is paired with, at most.
const MAX_SOURCES: usize = 3;

/// Sentences of one other article a sentence is paired with, at most.
const MAX_PER_SOURCE: usize = 5;

/// One side of a retold pair: a sentence of an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// The article's index in the slice given to [`find`].
    pub article: usize,
    /// The sentence's bytes in the article's text.
    pub range: Range<usize>,
}

/// Two sentences of different articles, one retelling the other; `a` comes first in the
/// corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct Retold {
    /// The earlier sentence.
    pub a: Passage,
    /// The later sentence.
    pub b: Passage,
    /// From 0 to 1: the share of distinctive words they have in common.
    pub similarity: f64,
}

/// A sentence of the corpus and the distinct sentence it is a copy of.
struct Sentence {
    article: u32,
    range: Range<usize>,
    class: u32,
}

/// The sentences of every article, grouped by their normalized words.
struct Sentences {
    all: Vec<Sentence>,
    /// The words of the corpus.
    vocabulary: Vocabulary,
    /// The words of each distinct sentence.
    classes: Vec<Vec<Word>>,
    /// For each word of each distinct sentence, the quotation it is in (from 1; 0: none).
    quoted: Vec<Vec<u32>>,
    /// The sentences of each distinct sentence, in corpus order.
    members: Vec<Vec<u32>>,
}

/// The retold sentence pairs of `articles`, ordered by the articles of `a` and `b`, then by
/// position.
pub fn find(articles: &[Article]) -> Vec<Retold> {
    let sentences = Sentences::read(articles);
    let weights = Weights::new(&sentences);
    let similar = similar_classes(&sentences, &weights);
    let mut found = pairs(&sentences, &similar);
    found.sort_by(|x, y| {
        (x.a.article, x.b.article, x.a.range.start, x.b.range.start).cmp(&(
            y.a.article,
            y.b.article,
            y.a.range.start,
            y.b.range.start,
        ))
    });
    found
}

/// Two articles and their retold pairs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourcePair {
    /// The earlier article.
    pub a: usize,
    /// The later article.
    pub b: usize,
    /// Where their pairs are in the list given to [`source_pairs`].
    pub pairs: Range<usize>,
}

/// The pairs of articles that share retold sentences, most shared first; `found` is ordered
/// as [`find`] orders it.
pub fn source_pairs(found: &[Retold]) -> Vec<SourcePair> {
    let mut groups: Vec<SourcePair> = Vec::new();
    for (at, retold) in found.iter().enumerate() {
        match groups.last_mut() {
            Some(last) if (last.a, last.b) == (retold.a.article, retold.b.article) => {
                last.pairs.end = at + 1;
            }
            _ => groups.push(SourcePair {
                a: retold.a.article,
                b: retold.b.article,
                pairs: at..at + 1,
            }),
        }
    }
    groups.sort_by_key(|group| std::cmp::Reverse(group.pairs.len()));
    groups
}

impl Sentences {
    fn read(articles: &[Article]) -> Sentences {
        let mut ids: FxHashMap<Vec<Word>, u32> = FxHashMap::default();
        let mut sentences = Sentences {
            vocabulary: Vocabulary::default(),
            all: Vec::new(),
            classes: Vec::new(),
            quoted: Vec::new(),
            members: Vec::new(),
        };
        for (index, article) in articles.iter().enumerate() {
            let article_id = u32::try_from(index).expect("fewer than 2^32 articles");
            let quoted = crate::quotes::quoted_ranges(&article.text);
            let (mut words, mut starts) = (Vec::new(), Vec::new());
            for range in crate::quotes::sentence_ranges(&article.text) {
                words.clear();
                starts.clear();
                let vocabulary = &mut sentences.vocabulary;
                vocabulary.split(&article.text, range.clone(), &mut words, &mut starts);
                if words.len() < MIN_WORDS {
                    continue;
                }
                let next = u32::try_from(sentences.classes.len()).expect("fewer than 2^32");
                let class = *ids.entry(words.clone()).or_insert_with_key(|words| {
                    sentences.classes.push(words.clone());
                    sentences
                        .quoted
                        .push(starts.iter().map(|&at| inside(&quoted, at)).collect());
                    sentences.members.push(Vec::new());
                    next
                });
                let at = u32::try_from(sentences.all.len()).expect("fewer than 2^32 sentences");
                sentences.members[class as usize].push(at);
                sentences.all.push(Sentence {
                    article: article_id,
                    range,
                    class,
                });
            }
        }
        sentences
    }
}

/// Which of `ranges` (sorted, disjoint) byte `at` is inside, from 1; 0 when none.
fn inside(ranges: &[Range<usize>], at: usize) -> u32 {
    let next = ranges.partition_point(|r| r.start <= at);
    if next > 0 && ranges[next - 1].end > at {
        u32::try_from(next).unwrap_or(u32::MAX)
    } else {
        0
    }
}

/// How distinctive each word is: the log of its inverse frequency among distinct sentences.
struct Weights {
    of: Vec<f64>,
}

impl Weights {
    fn new(sentences: &Sentences) -> Weights {
        let mut frequency = vec![0u32; sentences.vocabulary.count()];
        let mut seen = Vec::new();
        for words in &sentences.classes {
            seen.clear();
            seen.extend_from_slice(words);
            seen.sort_unstable();
            seen.dedup();
            for &word in &seen {
                frequency[word as usize] += 1;
            }
        }
        let total = f64::from(u32::try_from(sentences.classes.len()).unwrap_or(u32::MAX));
        let of = frequency
            .into_iter()
            .map(|seen| (total / (1.0 + f64::from(seen))).ln().max(0.05))
            .collect();
        Weights { of }
    }
}

/// The share of distinctive words two sentences have in common: the weight of the content
/// words (not stop words) they share over the weight of those of the one with fewer.
pub fn similarity(
    a: &[Word],
    b: &[Word],
    content: impl Fn(Word) -> bool,
    weight: impl Fn(Word) -> f64,
) -> f64 {
    let set = |words: &[Word]| {
        let mut set: Vec<Word> = words.iter().copied().filter(|&w| content(w)).collect();
        set.sort_unstable();
        set.dedup();
        set
    };
    let (a, b) = (set(a), set(b));
    let total = |set: &[Word]| set.iter().map(|&w| weight(w)).sum::<f64>();
    let shared: f64 = a
        .iter()
        .filter(|w| b.binary_search(w).is_ok())
        .map(|&w| weight(w))
        .sum();
    let smaller = total(&a).min(total(&b));
    if smaller > 0.0 {
        (shared / smaller).min(1.0)
    } else {
        0.0
    }
}

/// The longest runs of words `a` and `b` share, in words: any run, and the longest quoted on
/// both sides that is the same quotation: [`MIN_RUN`] words or more with at least
/// [`QUOTATION_CONTENT`] that are not stop words, or a whole quotation of one side (“hell to
/// pay” framed two ways) with at least two.
pub fn longest_runs(a: &Side<'_>, b: &Side<'_>, content: impl Fn(Word) -> bool) -> (usize, usize) {
    let columns = b.words.len() + 1;
    // For each column: the run ending there, and the quoted run with its content words.
    let mut previous = vec![(0usize, 0usize, 0usize); columns];
    let mut current = vec![(0usize, 0usize, 0usize); columns];
    let (mut best, mut best_quoted) = (0, 0);
    for (i, word) in a.words.iter().enumerate() {
        for (j, other) in b.words.iter().enumerate() {
            current[j + 1] = if word == other {
                let (run, quoted, words) = previous[j];
                let both = a.quote[i] != 0 && b.quote[j] != 0;
                let (quoted, words) = if both {
                    (quoted + 1, words + usize::from(content(*word)))
                } else {
                    (0, 0)
                };
                (run + 1, quoted, words)
            } else {
                (0, 0, 0)
            };
            let (run, quoted, words) = current[j + 1];
            best = best.max(run);
            let whole = quoted > 0 && (a.whole(i + 1 - quoted, i) || b.whole(j + 1 - quoted, j));
            let same = (quoted >= MIN_RUN && words >= QUOTATION_CONTENT)
                || (whole && quoted >= SHINGLE && words >= 2);
            if same {
                best_quoted = best_quoted.max(quoted);
            }
        }
        std::mem::swap(&mut previous, &mut current);
    }
    (best, best_quoted)
}

/// A distinct sentence: its words, and the quotation each is in.
pub struct Side<'a> {
    /// The words.
    pub words: &'a [Word],
    /// For each word, the quotation it is in (from 1; 0: none).
    pub quote: &'a [u32],
}

impl Side<'_> {
    /// Whether words `first..=last` are one whole quotation.
    fn whole(&self, first: usize, last: usize) -> bool {
        let quote = self.quote[first];
        quote != 0
            && self.quote[first..=last].iter().all(|&q| q == quote)
            && (first == 0 || self.quote[first - 1] != quote)
            && self.quote.get(last + 1).is_none_or(|&q| q != quote)
    }
}

/// For each distinct sentence, the distinct sentences it retells or is retold by, with their
/// similarity.
fn similar_classes(sentences: &Sentences, weights: &Weights) -> Vec<Vec<(u32, f64)>> {
    let classes = &sentences.classes;
    let content = |word: Word| !sentences.vocabulary.is_stop(word);
    let mut shingles: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
    for (class, words) in classes.iter().enumerate() {
        let class = u32::try_from(class).expect("fewer than 2^32 sentences");
        for shingle in words.windows(SHINGLE) {
            if shingle.iter().filter(|&&w| content(w)).count() < 2 {
                continue;
            }
            let posting = shingles.entry(hash(shingle)).or_default();
            if posting.last() != Some(&class) {
                posting.push(class);
            }
        }
    }
    let mut candidates: FxHashSet<(u32, u32)> = FxHashSet::default();
    for posting in shingles.values() {
        if posting.len() > MAX_SHINGLE_SENTENCES {
            continue;
        }
        for (i, &x) in posting.iter().enumerate() {
            for &y in &posting[i + 1..] {
                candidates.insert((x.min(y), x.max(y)));
            }
        }
    }
    let mut similar = vec![Vec::new(); classes.len()];
    let weight = |word: Word| weights.of[word as usize];
    for &(x, y) in &candidates {
        let side = |c: u32| Side {
            words: &classes[c as usize],
            quote: &sentences.quoted[c as usize],
        };
        let (a, b) = (side(x), side(y));
        let (run, quoted) = longest_runs(&a, &b, content);
        let score = similarity(a.words, b.words, content, weight);
        let retold = quoted > 0
            || run >= LONG_RUN
            || (run >= MIN_RUN && score >= MIN_SIMILARITY)
            || (run >= SHINGLE && score >= CLOSE_SIMILARITY);
        if retold {
            similar[x as usize].push((y, score));
            similar[y as usize].push((x, score));
        }
    }
    for list in &mut similar {
        list.sort_by(|p, q| q.1.total_cmp(&p.1).then(p.0.cmp(&q.0)));
    }
    similar
}

fn hash(words: &[Word]) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    words.hash(&mut hasher);
    hasher.finish()
}

/// Pairs each sentence with the earlier sentences of other articles it retells: copies of it
/// first, then the most similar.
fn pairs(sentences: &Sentences, similar: &[Vec<(u32, f64)>]) -> Vec<Retold> {
    let mut found = Vec::new();
    for sentence in &sentences.all {
        let own = std::iter::once((sentence.class, 1.0));
        let partners = own.chain(similar[sentence.class as usize].iter().copied());
        let mut taken: Vec<(u32, usize)> = Vec::new();
        for (class, score) in partners {
            // Members are in corpus order: earlier articles first.
            for &a in &sentences.members[class as usize] {
                let article = sentences.all[a as usize].article;
                let full =
                    taken.len() == MAX_SOURCES && taken.iter().all(|&(other, _)| other < article);
                if article >= sentence.article || full {
                    break;
                }
                if !take(&mut taken, article) {
                    continue;
                }
                found.push(Retold {
                    a: passage(&sentences.all[a as usize]),
                    b: passage(sentence),
                    similarity: score,
                });
            }
        }
    }
    found
}

/// Counts one more sentence from `article` if the caps allow it.
fn take(taken: &mut Vec<(u32, usize)>, article: u32) -> bool {
    if let Some(at) = taken.iter().position(|(a, _)| *a == article) {
        let count = &mut taken[at].1;
        *count += 1;
        return *count <= MAX_PER_SOURCE;
    }
    if taken.len() < MAX_SOURCES {
        taken.push((article, 1));
        return true;
    }
    false
}

fn passage(sentence: &Sentence) -> Passage {
    Passage {
        article: sentence.article as usize,
        range: sentence.range.clone(),
    }
}

#[cfg(test)]
mod tests;
