//! How the sources differ: coverage, concordance, naming and co-occurrence, from the index.
//!
//! Every function here is a pure view of `(articles, index, gazetteer)`; the reader and the
//! commands both show them.

pub mod passages;

use crate::corpus::Article;
use crate::gazetteer::{EntityId, Gazetteer, Surface};
use crate::index::{Index, MentionRef};
use crate::matcher::{Mention, boundaries_hold, fold_case};
use crate::text::window;
use rustc_hash::FxHashMap;
use std::collections::HashMap;
use std::ops::Range;

/// How many words of context a concordance line shows on either side.
pub const CONTEXT_WORDS: usize = 6;

/// The most words an introduction ("US hostage envoy") takes from before a first mention.
const INTRODUCTION_WORDS: usize = 7;

/// Words that end an introduction when met going backwards: verbs, articles, conjunctions and
/// prepositions that begin a clause rather than a title.
const INTRODUCTION_STOPS: &[&str] = &[
    "a", "about", "after", "against", "an", "and", "as", "asked", "at", "before", "between", "but",
    "by", "called", "from", "had", "has", "have", "in", "inform", "informed", "is", "met", "named",
    "on", "or", "said", "says", "tell", "than", "that", "the", "their", "to", "told", "urged",
    "was", "were", "when", "where", "which", "while", "who", "with",
];

/// Entities × articles, with what stands out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    /// One row per entity with a mention, most sources first, then most mentions.
    pub rows: Vec<CoverageRow>,
    /// For each article, the entities most other articles name that this one leaves out.
    pub omissions: Vec<Vec<EntityId>>,
}

/// One entity's mentions in each article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoverageRow {
    /// The entity.
    pub entity: EntityId,
    /// Mentions per article, in article order.
    pub counts: Vec<u32>,
    /// How many articles name it.
    pub sources: usize,
    /// All mentions.
    pub total: usize,
}

impl CoverageRow {
    /// Whether only one article names the entity (and there is more than one article).
    pub fn only_one_source(&self) -> bool {
        self.sources == 1 && self.counts.len() > 1
    }
}

/// Builds the coverage of every mentioned entity.
pub fn coverage(index: &Index, gazetteer: &Gazetteer) -> Coverage {
    let articles = index.article_count();
    let mut rows: Vec<CoverageRow> = (0..gazetteer.entities.len())
        .filter_map(|entity| {
            let entity = EntityId::try_from(entity).ok()?;
            let mut counts = vec![0u32; articles];
            for (article, count) in index.counts(entity) {
                counts[article as usize] = count;
            }
            let sources = counts.iter().filter(|&&c| c > 0).count();
            (sources > 0).then(|| CoverageRow {
                entity,
                counts,
                sources,
                total: index.total(entity),
            })
        })
        .collect();
    rows.sort_by(|a, b| {
        (b.sources, b.total)
            .cmp(&(a.sources, a.total))
            .then_with(|| {
                gazetteer
                    .entity(a.entity)
                    .name
                    .cmp(&gazetteer.entity(b.entity).name)
            })
    });
    let omissions = (0..articles)
        .map(|article| omissions_of(&rows, article, articles))
        .collect();
    Coverage { rows, omissions }
}

/// The entities that most other articles name and `article` does not (at most five).
fn omissions_of(rows: &[CoverageRow], article: usize, articles: usize) -> Vec<EntityId> {
    let others = articles.saturating_sub(1);
    if others == 0 {
        return Vec::new();
    }
    rows.iter()
        .filter(|row| row.counts[article] == 0 && row.sources * 2 > others)
        .map(|row| row.entity)
        .take(5)
        .collect()
}

/// One mention in context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConcordanceLine {
    /// The mention.
    pub at: MentionRef,
    /// Up to [`CONTEXT_WORDS`] words before it, in its paragraph.
    pub left: String,
    /// The mention's text.
    pub hit: String,
    /// Up to [`CONTEXT_WORDS`] words after it, in its paragraph.
    pub right: String,
}

/// Every mention of `entity`, in corpus order (so grouped by article), with context.
pub fn concordance(articles: &[Article], index: &Index, entity: EntityId) -> Vec<ConcordanceLine> {
    index
        .of_entity(entity)
        .iter()
        .map(|at| concordance_line(articles, index, at))
        .collect()
}

/// One mention in context (the reader makes only the lines it shows). The context is read
/// outward from the mention, so a mention on a huge line costs only its words.
pub fn concordance_line(articles: &[Article], index: &Index, at: MentionRef) -> ConcordanceLine {
    let text = &articles[at.article as usize].text;
    let range = index.mention(at).range();
    let left_start = window::words_before_start(text, range.start, CONTEXT_WORDS);
    let right_end = window::words_after_end(text, range.end, CONTEXT_WORDS);
    ConcordanceLine {
        at,
        left: last_words(&text[left_start..range.start], CONTEXT_WORDS),
        hit: text[range.clone()].to_owned(),
        right: first_words(&text[range.end..right_end], CONTEXT_WORDS),
    }
}

/// The line (paragraph) of `text` that contains `range`, cut to at most `reach` bytes either
/// side of it (at character boundaries), so that a file of one huge line costs only `reach`.
pub fn paragraph_within(text: &str, range: Range<usize>, reach: usize) -> Range<usize> {
    let mut from = range.start.saturating_sub(reach);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let mut to = range.end.saturating_add(reach).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let start = text[from..range.start]
        .rfind('\n')
        .map_or(from, |p| from + p + 1);
    let end = text[range.end..to].find('\n').map_or(to, |p| range.end + p);
    start..end
}

fn last_words(text: &str, count: usize) -> String {
    let mut words: Vec<&str> = text.split_whitespace().rev().take(count).collect();
    words.reverse();
    let joined = words.join(" ");
    if text.ends_with(char::is_whitespace) && !joined.is_empty() {
        joined + " "
    } else {
        joined
    }
}

fn first_words(text: &str, count: usize) -> String {
    let joined = text
        .split_whitespace()
        .take(count)
        .collect::<Vec<_>>()
        .join(" ");
    if text.starts_with(char::is_whitespace) && !joined.is_empty() {
        format!(" {joined}")
    } else {
        joined
    }
}

/// How one article names an entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Naming {
    /// The article.
    pub article: usize,
    /// Each surface form used, with how often, most used first.
    pub forms: Vec<(String, u32)>,
    /// The words that introduce the entity at its first mention, e.g. "US hostage envoy".
    pub introduction: Option<String>,
}

/// Per article that names `entity`: the forms used and the first mention's introduction.
pub fn naming(articles: &[Article], index: &Index, entity: EntityId) -> Vec<Naming> {
    let mut by_article: Vec<Naming> = Vec::new();
    let mut counts: FxHashMap<&str, u32> = FxHashMap::default();
    let mentions = index.of_entity(entity);
    let mut iter = mentions.iter().peekable();
    let mut previous: Option<MentionRef> = None;
    while let Some(at) = iter.next() {
        let article = &articles[at.article as usize];
        let range = index.mention(at).range();
        *counts.entry(&article.text[range.clone()]).or_default() += 1;
        let first_in_article = previous.is_none_or(|before| before.article != at.article);
        previous = Some(at);
        if first_in_article {
            by_article.push(Naming {
                article: at.article as usize,
                forms: Vec::new(),
                introduction: introduction(
                    &article.text,
                    range.start,
                    index.mentions(at.article as usize),
                ),
            });
        }
        let last_in_article = iter.peek().is_none_or(|next| next.article != at.article);
        if last_in_article && let Some(naming) = by_article.last_mut() {
            naming.forms = most_used_first(counts.drain());
        }
    }
    by_article
}

/// [`naming`] of every entity at once, indexed by entity: one pass over each article's
/// mentions in order (for a report on every entity, this reads the corpus's mentions once
/// rather than each entity's from all over it). Articles are read in parallel, and so are
/// the pieces of a long one.
pub fn every_naming(articles: &[Article], index: &Index, entities: usize) -> Vec<Vec<Naming>> {
    let numbers: Vec<usize> = (0..articles.len()).collect();
    let threads = crate::work::threads();
    let by_article = crate::work::parallel_map(&numbers, |&number| {
        let mentions = index.mentions(number);
        // About two pieces a thread: fewer maps to fill and merge.
        let piece = mentions.len().div_ceil(2 * threads).max(NAMING_PIECE);
        article_namings(number, &articles[number].text, mentions, piece)
    });
    let mut namings: Vec<Vec<Naming>> = vec![Vec::new(); entities];
    for (entity, naming) in by_article.into_iter().flatten() {
        if let Some(list) = namings.get_mut(entity as usize) {
            list.push(naming);
        }
    }
    namings
}

/// The fewest mentions counted in one piece; a longer article's pieces are counted in
/// parallel.
const NAMING_PIECE: usize = 1 << 16;

/// Each form's count and its first mention's start, by entity and form.
type FormCounts<'t> = FxHashMap<(EntityId, &'t str), (u32, u32)>;

/// How article `number` (its text, its mentions in order) names each entity it mentions:
/// the forms, most used first, and the introduction of the first mention. Pieces of `piece`
/// mentions are counted in parallel.
fn article_namings(
    number: usize,
    text: &str,
    mentions: &[Mention],
    piece: usize,
) -> Vec<(EntityId, Naming)> {
    let pieces: Vec<&[Mention]> = mentions.chunks(piece).collect();
    let mut counted = crate::work::parallel_map(&pieces, |piece| count_forms(text, piece));
    let mut counts = counted.pop().unwrap_or_default();
    for piece in counted {
        for (key, (count, first)) in piece {
            let entry = counts.entry(key).or_insert((0, first));
            entry.0 += count;
            entry.1 = entry.1.min(first);
        }
    }
    let mut forms: Vec<_> = counts.into_iter().collect();
    forms.sort_unstable_by_key(|&((entity, _), _)| entity);
    forms
        .chunk_by(|a, b| a.0.0 == b.0.0)
        .map(|group| {
            let first = group.iter().map(|&(_, (_, first))| first).min();
            let first = first.expect("a group is never empty") as usize;
            let naming = Naming {
                article: number,
                forms: most_used_first(group.iter().map(|&((_, form), (count, _))| (form, count))),
                introduction: introduction(text, first, mentions),
            };
            (group[0].0.0, naming)
        })
        .collect()
}

/// How often each entity is named by each form in `mentions`, and where first.
fn count_forms<'t>(text: &'t str, mentions: &[Mention]) -> FormCounts<'t> {
    let mut counts = FormCounts::default();
    for mention in mentions {
        counts
            .entry((mention.entity, &text[mention.range()]))
            .or_insert((0, mention.start))
            .0 += 1;
    }
    counts
}

/// Forms with their counts, most used first (then alphabetically).
fn most_used_first<'t>(counts: impl Iterator<Item = (&'t str, u32)>) -> Vec<(String, u32)> {
    let mut forms: Vec<(String, u32)> = counts
        .map(|(form, count)| (form.to_owned(), count))
        .collect();
    forms.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    forms
}

/// The title or role words just before `start`, within its clause: "US hostage envoy" in
/// "the US hostage envoy Adam Boehler". `mentions` (the article's, in order) mark the names of
/// other entities: "of" after one of them ("inform Israel of Trump hostage envoy …") ends the
/// introduction, while "Secretary of State" is kept whole.
pub fn introduction(text: &str, start: usize, mentions: &[Mention]) -> Option<String> {
    // The words taken, one that ends them, and the one before that (for "of" after a name).
    let line_start = window::words_before_start(text, start, INTRODUCTION_WORDS + 2);
    let before = &text[line_start..start];
    if !before.ends_with(' ') {
        return None;
    }
    let mut offset = line_start;
    let words: Vec<(usize, &str)> = before
        .split_inclusive(char::is_whitespace)
        .map(|piece| {
            let at = offset;
            offset += piece.len();
            (at, piece.trim_end())
        })
        .filter(|(_, word)| !word.is_empty())
        .collect();
    let is_mentioned = |at: usize| {
        let after = mentions.partition_point(|m| m.start as usize <= at);
        after > 0 && mentions[after - 1].range().contains(&at)
    };
    let mut taken: Vec<&str> = Vec::new();
    for (position, &(_, word)) in words.iter().enumerate().rev() {
        let ends_clause = word.ends_with([',', ';', ':', '!', '?', ')', '”', '"', '—', '–'])
            || (word.ends_with('.') && !is_abbreviation(word));
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
        let stop = INTRODUCTION_STOPS.contains(&bare.to_lowercase().as_str());
        let of_a_name =
            matches!(bare, "of" | "for") && position > 0 && is_mentioned(words[position - 1].0);
        if ends_clause || stop || of_a_name || bare.is_empty() || taken.len() == INTRODUCTION_WORDS
        {
            break;
        }
        taken.push(word.trim_start_matches(['“', '"', '(', '‘', '\'']));
        if word.starts_with(['“', '"', '(', '‘']) {
            break;
        }
    }
    taken.reverse();
    (!taken.is_empty()).then(|| taken.join(" "))
}

/// Whether a word ending in `.` is an abbreviation ("U.S.", "Lt.") rather than a sentence end.
fn is_abbreviation(word: &str) -> bool {
    const TITLES: &[&str] = &[
        "Capt.", "Col.", "Dr.", "Gen.", "Gov.", "Jr.", "Lt.", "Mr.", "Mrs.", "Ms.", "Prof.",
        "Rep.", "Sen.", "Sgt.", "St.",
    ];
    word[..word.len() - 1].contains('.') || TITLES.contains(&word)
}

/// The entities that share paragraphs with `entity`: `(other, paragraphs shared)`, most
/// shared first.
///
/// Only the paragraphs where `entity` is mentioned are read: each is found from a mention
/// (its line), and its other mentions by binary search, so a frequent entity in a large
/// corpus costs its mentions, not the corpus.
pub fn cooccurrence(articles: &[Article], index: &Index, entity: EntityId) -> Vec<(EntityId, u32)> {
    let mut shared: HashMap<EntityId, u32> = HashMap::new();
    let mut last_paragraph: Option<(u32, Range<usize>)> = None;
    let mut others: Vec<EntityId> = Vec::new();
    for at in index.of_entity(entity).iter() {
        let range = index.mention(at).range();
        let in_last = |(article, paragraph): &(u32, Range<usize>)| {
            *article == at.article && paragraph.contains(&range.start)
        };
        if last_paragraph.as_ref().is_some_and(in_last) {
            continue;
        }
        let text = &articles[at.article as usize].text;
        let mentions = index.mentions(at.article as usize);
        let paragraph = window::line_around(text, range);
        last_paragraph = Some((at.article, paragraph.clone()));
        let first = mentions.partition_point(|m| (m.start as usize) < paragraph.start);
        others.clear();
        others.extend(
            mentions[first..]
                .iter()
                .take_while(|m| (m.start as usize) < paragraph.end)
                .map(|m| m.entity)
                .filter(|&other| other != entity),
        );
        // Sorted, not searched per mention: a paragraph that is a whole huge text has many.
        others.sort_unstable();
        others.dedup();
        for &other in &others {
            *shared.entry(other).or_default() += 1;
        }
    }
    let mut ranked: Vec<(EntityId, u32)> = shared.into_iter().collect();
    ranked.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then_with(|| index.total(b.0).cmp(&index.total(a.0)))
            .then_with(|| a.0.cmp(&b.0))
    });
    ranked
}

/// How much of an article is case-folded at once when counting where surface forms occur.
const FOLDED_PIECE_BYTES: usize = 1 << 20;

/// The surface forms that occur (with their word boundaries) but never as a mention of their
/// own, because a longer mention always covers them; with how often they occur.
pub fn shadowed_surfaces<'g>(
    articles: &[Article],
    index: &Index,
    gazetteer: &'g Gazetteer,
) -> Vec<(&'g Surface, usize)> {
    let folded = |surface: &Surface| gazetteer.entity(surface.entity).case_insensitive;
    let key = |surface: &Surface| {
        if folded(surface) {
            fold_case(&surface.text).into_owned()
        } else {
            surface.text.clone()
        }
    };
    let patterns: Vec<String> = gazetteer.surfaces.iter().map(key).collect();
    let Ok(searcher) = aho_corasick::AhoCorasick::new(&patterns) else {
        return Vec::new();
    };
    let mut occurrences = vec![0usize; patterns.len()];
    let mut used = vec![false; patterns.len()];
    let position: HashMap<&str, usize> = patterns
        .iter()
        .enumerate()
        .map(|(i, p)| (p.as_str(), i))
        .collect();
    for (number, article) in articles.iter().enumerate() {
        // In pieces of whole lines (no surface spans a line), so that a huge article's
        // case-folded copy is one piece at a time.
        let count = article.text.len().div_ceil(FOLDED_PIECE_BYTES);
        for piece in crate::text::line_pieces(article.text.as_bytes(), 0, count) {
            let piece = &article.text[piece];
            let lowered = fold_case(piece);
            for (text, want_folded) in [(piece, false), (lowered.as_ref(), true)] {
                for found in searcher.find_overlapping_iter(text) {
                    let surface = &gazetteer.surfaces[found.pattern().as_usize()];
                    if folded(surface) == want_folded
                        && boundaries_hold(text, found.start(), found.end())
                    {
                        occurrences[found.pattern().as_usize()] += 1;
                    }
                }
            }
        }
        for mention in index.mentions(number) {
            let written = &article.text[mention.range()];
            let exact = position.get(written).copied();
            let by_case = position.get(fold_case(written).as_ref()).copied();
            for at in [exact, by_case].into_iter().flatten() {
                if gazetteer.surfaces[at].entity == mention.entity {
                    used[at] = true;
                }
            }
        }
    }
    gazetteer
        .surfaces
        .iter()
        .enumerate()
        .filter(|&(at, _)| occurrences[at] > 0 && !used[at])
        .map(|(at, surface)| (surface, occurrences[at]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const GAZETTEER: &str = r#"{"entities": [
        {"id": "boehler", "name": "Adam Boehler", "kind": "person", "aliases": ["Boehler"]},
        {"id": "hamas", "name": "Hamas", "kind": "organization"},
        {"id": "doha", "name": "Doha", "kind": "place"},
        {"id": "qatar", "name": "Qatar", "kind": "place"}
    ]}"#;

    fn corpus(texts: &[&str]) -> (Vec<Article>, Index, Gazetteer) {
        crate::testing::indexed(GAZETTEER, texts)
    }

    fn id(gazetteer: &Gazetteer, id: &str) -> EntityId {
        gazetteer.find(id).unwrap()
    }

    #[test]
    fn coverage_marks_single_sources_and_omissions() {
        let (_, index, g) = corpus(&[
            "US envoy Adam Boehler met Hamas in Doha.",
            "Boehler and Hamas talked.",
            "Hamas, Boehler and Qatar.",
        ]);
        let table = coverage(&index, &g);
        let names: Vec<&str> = table
            .rows
            .iter()
            .map(|r| g.entity(r.entity).id.as_str())
            .collect();
        assert_eq!(names, ["boehler", "hamas", "doha", "qatar"]);
        assert!(table.rows[2].only_one_source());
        assert_eq!(table.rows[0].counts, [1, 1, 1]);
        assert!(table.omissions.iter().all(Vec::is_empty));
        let (_, index, g) = corpus(&["Hamas and Doha.", "Hamas in Doha.", "Boehler only."]);
        let table = coverage(&index, &g);
        assert_eq!(table.omissions[2], [id(&g, "doha"), id(&g, "hamas")]);
    }

    #[test]
    fn concordance_shows_words_either_side() {
        let (articles, index, g) = corpus(&[
            "one two three four five six seven Boehler eight nine ten eleven twelve thirteen fourteen\nBoehler.",
        ]);
        let lines = concordance(&articles, &index, id(&g, "boehler"));
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].left, "two three four five six seven ");
        assert_eq!(lines[0].hit, "Boehler");
        assert_eq!(lines[0].right, " eight nine ten eleven twelve thirteen");
        assert_eq!((lines[1].left.as_str(), lines[1].right.as_str()), ("", "."));
    }

    #[test]
    fn introductions_are_the_title_words_before_a_first_mention() {
        let table = [
            (
                "held by U.S. presidential envoy for hostage affairs Adam Boehler",
                Some("U.S. presidential envoy for hostage affairs"),
            ),
            (
                "sources said that Trump’s hostage envoy Adam Boehler held talks",
                Some("Trump’s hostage envoy"),
            ),
            (
                "with US hostage envoy Adam Boehler.",
                Some("US hostage envoy"),
            ),
            (
                "Netanyahu’s closest confidant, Minister Ron Dermer, said",
                Some("Minister"),
            ),
            ("Adam Boehler said", None),
            ("He said: Adam Boehler", None),
            ("“Envoy Adam Boehler", Some("Envoy")),
            (
                "US Secretary of State Adam Boehler",
                Some("US Secretary of State"),
            ),
        ];
        for (text, expected) in table {
            let start = text
                .find("Adam Boehler")
                .or_else(|| text.find("Ron Dermer"))
                .unwrap();
            assert_eq!(
                introduction(text, start, &[]).as_deref(),
                expected,
                "{text}"
            );
        }
    }

    #[test]
    fn an_introduction_stops_at_of_after_another_name() {
        let (articles, index, g) = corpus(&["not to inform Qatar of US envoy Adam Boehler’s trip"]);
        let naming = naming(&articles, &index, id(&g, "boehler"));
        assert_eq!(naming[0].introduction.as_deref(), Some("US envoy"));
    }

    #[test]
    fn naming_counts_forms_per_article() {
        let (articles, index, g) = corpus(&[
            "US envoy Adam Boehler met Hamas. Boehler left. Boehler returned.",
            "Boehler said so.",
        ]);
        let naming = naming(&articles, &index, id(&g, "boehler"));
        assert_eq!(naming.len(), 2);
        assert_eq!(
            naming[0].forms,
            [("Boehler".to_owned(), 2), ("Adam Boehler".to_owned(), 1)]
        );
        assert_eq!(naming[0].introduction.as_deref(), Some("US envoy"));
        assert_eq!(naming[1].article, 1);
        assert_eq!(naming[1].introduction, None);
    }

    #[test]
    fn finds_surfaces_always_inside_longer_mentions() {
        const NESTED: &str = r#"{"entities": [
            {"id": "gs", "name": "Gaza Strip", "kind": "place"},
            {"id": "g", "name": "Gaza", "kind": "place"},
            {"id": "h", "name": "Hamas", "kind": "organization"}
        ]}"#;
        let (articles, index, gazetteer) =
            crate::testing::indexed(NESTED, &["the Gaza Strip, the Gaza Strip, Hamas"]);
        let shadowed: Vec<(&str, usize)> = shadowed_surfaces(&articles, &index, &gazetteer)
            .into_iter()
            .map(|(surface, count)| (surface.text.as_str(), count))
            .collect();
        assert_eq!(shadowed, [("Gaza", 2)]);
        // An article of several pieces (it is case-folded a piece at a time): every
        // occurrence counted once, whatever piece it falls in.
        let line = "The gaza strip and the Gaza Strip.\n";
        let long = line.repeat(3 * FOLDED_PIECE_BYTES / line.len());
        let (articles, index, gazetteer) = crate::testing::indexed(
            &NESTED.replace(
                r#""kind": "place"}"#,
                r#""kind": "place", "case_insensitive": true}"#,
            ),
            &[&long],
        );
        let shadowed: Vec<(&str, usize)> = shadowed_surfaces(&articles, &index, &gazetteer)
            .into_iter()
            .map(|(surface, count)| (surface.text.as_str(), count))
            .collect();
        assert_eq!(shadowed, [("Gaza", 2 * long.matches('\n').count())]);
    }

    #[test]
    fn every_naming_is_each_entitys_naming() {
        let (articles, index, g) = corpus(&[
            "US envoy Adam Boehler met Hamas in Doha. Boehler, Boehler.",
            "Hamas and Qatar.",
            "Officials of Qatar said Hamas envoy Boehler left.",
        ]);
        let every = every_naming(&articles, &index, g.entities.len());
        for entity in 0..g.entities.len() {
            let entity = EntityId::try_from(entity).unwrap();
            assert_eq!(every[entity as usize], naming(&articles, &index, entity));
        }
        assert_eq!(
            every[id(&g, "boehler") as usize][0].forms[0],
            ("Boehler".to_owned(), 2)
        );
    }

    #[test]
    fn an_article_counted_in_pieces_is_named_as_in_one() {
        let (articles, index, _) = corpus(&[
            "Hamas met Hamas. Boehler, US envoy Adam Boehler, met Hamas in Doha; Doha, Boehler.",
        ]);
        let whole = article_namings(0, &articles[0].text, index.mentions(0), NAMING_PIECE);
        for piece in 1..4 {
            assert_eq!(
                article_namings(0, &articles[0].text, index.mentions(0), piece),
                whole
            );
        }
        assert!(whole.iter().any(|(_, naming)| naming.forms.len() == 2));
    }

    /// A 2 MB article on one line: each view reads a stretch around the mentions, never the
    /// line from its start for each mention.
    #[test]
    fn views_of_one_huge_line_read_around_the_mentions() {
        let line = "the envoy Adam Boehler met Hamas in Doha and talked for hours. ".repeat(32_000);
        let (articles, index, g) = corpus(&[&line]);
        let boehler = id(&g, "boehler");
        let mentions = index.of_entity(boehler).len();
        assert_eq!(mentions, 32_000);
        let start = window::scanned();
        let lines = concordance(&articles, &index, boehler);
        assert_eq!(lines[1].left, "and talked for hours. the envoy ");
        assert_eq!(lines[1].right, " met Hamas in Doha and talked");
        let read = window::scanned() - start;
        assert!(read <= 100 * mentions, "concordance read {read} bytes");
        let start = window::scanned();
        let named = naming(&articles, &index, boehler);
        assert_eq!(named[0].introduction.as_deref(), Some("envoy"));
        assert!(window::scanned() - start <= 1_000);
        let start = window::scanned();
        let ranked = cooccurrence(&articles, &index, boehler);
        assert_eq!(ranked, [(id(&g, "hamas"), 1), (id(&g, "doha"), 1)]);
        let read = window::scanned() - start;
        assert!(read <= 2 * line.len(), "co-occurrence read {read} bytes");
    }

    #[test]
    fn cooccurrence_counts_shared_paragraphs() {
        let (articles, index, g) = corpus(&[
            "Boehler met Hamas in Doha.\nHamas and Qatar.\nBoehler and Hamas again, Hamas.",
        ]);
        let ranked = cooccurrence(&articles, &index, id(&g, "boehler"));
        assert_eq!(ranked, [(id(&g, "hamas"), 2), (id(&g, "doha"), 1)]);
    }

    /// One paragraph that is a whole huge text holds every entity: the shared counts cost the
    /// mentions, not the mentions times the entities (the best of several timings, compared
    /// as a generous ratio: ten times the entities and mentions costs about ten times).
    #[test]
    fn cooccurrence_in_one_huge_paragraph_grows_with_its_mentions() {
        let cost = |entities: usize| {
            let names: Vec<String> = (0..entities).map(|i| format!("Qx{i}")).collect();
            let listed: Vec<String> = names
                .iter()
                .map(|n| format!(r#"{{"name": "{n}", "kind": "person"}}"#))
                .collect();
            let gazetteer = format!(r#"{{"entities": [{}]}}"#, listed.join(","));
            let text = format!("Title\n{}\n", names.join(" ").repeat(4));
            let (articles, index, _) = crate::testing::indexed(&gazetteer, &[&text]);
            crate::testing::best_time(|| {
                std::hint::black_box(cooccurrence(&articles, &index, 0));
            })
        };
        let (small, large) = (cost(400), cost(4_000));
        assert!(
            large < small * 40,
            "{small:?} for 400 entities, {large:?} for 4,000"
        );
    }
}
