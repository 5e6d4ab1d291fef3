//! Names the gazetteer misses: capitalised sequences no entry covers, and near-misses of
//! known aliases (one edit away: a letter added, dropped, changed, or two letters swapped).

use crate::corpus::Article;
use crate::gazetteer::{EntityId, Gazetteer};
use crate::index::Index;
use crate::matcher::Mention;
use crate::work;
use rustc_hash::FxHashMap;
use std::ops::Range;

mod near;

pub use near::NEAR_MISS_MIN_LETTERS;
use near::NearMissIndex;

/// Capitalised words that are not names on their own: function words, days, months, titles.
/// Inside a run of capitalised words they split it: "White House Press Secretary Karoline
/// Leavitt" gives "White House" and "Karoline Leavitt".
const NOT_NAMES: &[&str] = &[
    "A",
    "According",
    "After",
    "Ahead",
    "All",
    "Also",
    "Although",
    "Among",
    "An",
    "And",
    "Another",
    "Any",
    "April",
    "As",
    "Asked",
    "At",
    "August",
    "Because",
    "Before",
    "Between",
    "Both",
    "But",
    "Chief",
    "December",
    "Despite",
    "During",
    "Each",
    "Earlier",
    "Even",
    "Every",
    "February",
    "Following",
    "For",
    "Former",
    "Friday",
    "From",
    "He",
    "Her",
    "Here",
    "His",
    "How",
    "However",
    "I",
    "If",
    "In",
    "Instead",
    "It",
    "Its",
    "January",
    "July",
    "June",
    "Last",
    "Later",
    "Many",
    "March",
    "May",
    "Meanwhile",
    "Minister",
    "Monday",
    "Most",
    "Mr",
    "Mrs",
    "Ms",
    "My",
    "No",
    "Not",
    "November",
    "Now",
    "October",
    "Officials",
    "On",
    "One",
    "Only",
    "Other",
    "Our",
    "President",
    "Press",
    "Prime",
    "Saturday",
    "Secretary",
    "Senior",
    "September",
    "She",
    "Since",
    "So",
    "Some",
    "Sources",
    "Speaking",
    "Still",
    "Such",
    "Sunday",
    "That",
    "The",
    "Their",
    "Then",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "Though",
    "Thursday",
    "To",
    "Today",
    "Tuesday",
    "Two",
    "Under",
    "Until",
    "Update",
    "We",
    "Wednesday",
    "What",
    "When",
    "Where",
    "Whether",
    "Which",
    "While",
    "Who",
    "Why",
    "With",
    "Yesterday",
    "Yet",
    "You",
];

/// Lowercase particles that may join the parts of a name: "Khalil al-Hayya", "Ursula von der".
const PARTICLES: &[&str] = &[
    "al", "bin", "ibn", "da", "de", "del", "der", "di", "du", "la", "le", "van", "von",
];

/// Where a name was seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// The article.
    pub article: usize,
    /// Byte range in its clean text.
    pub start: usize,
    /// End of the byte range.
    pub end: usize,
}

/// A capitalised sequence that no gazetteer entry covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unlisted {
    /// The sequence as written.
    pub text: String,
    /// Every place it occurs.
    pub locations: Vec<Location>,
    /// How many articles it occurs in.
    pub sources: usize,
}

/// A word or sequence one edit away from a known surface form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NearMiss {
    /// The form in the text.
    pub text: String,
    /// The known surface form it nearly matches.
    pub surface: String,
    /// The entity of that surface form.
    pub entity: EntityId,
    /// Every place it occurs.
    pub locations: Vec<Location>,
}

/// What discovery found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Discoveries {
    /// Unlisted names, most frequent first.
    pub unlisted: Vec<Unlisted>,
    /// Near-misses of known names, most frequent first.
    pub near_misses: Vec<NearMiss>,
}

/// Finds unlisted names and near-misses in every article.
///
/// The articles are scanned in stretches, one per thread; the stretches' findings are merged
/// in article order, so every list of locations is in reading order.
pub fn discover(articles: &[Article], index: &Index, gazetteer: &Gazetteer) -> Discoveries {
    let near = NearMissIndex::new(gazetteer);
    let per_thread = articles.len().div_ceil(work::threads()).max(1);
    let stretches: Vec<Range<usize>> = (0..articles.len())
        .step_by(per_thread)
        .map(|start| start..(start + per_thread).min(articles.len()))
        .collect();
    let found = work::parallel_map(&stretches, |stretch| {
        scan(articles, index, &near, stretch.clone())
    });
    let mut sequences: FxHashMap<&str, Vec<Location>> = FxHashMap::default();
    let mut misses: FxHashMap<&str, (usize, Vec<Location>)> = FxHashMap::default();
    for part in found {
        for (text, locations) in part.sequences {
            sequences.entry(text).or_default().extend(locations);
        }
        for (text, (surface, locations)) in part.misses {
            misses
                .entry(text)
                .or_insert_with(|| (surface, Vec::new()))
                .1
                .extend(locations);
        }
    }
    let near_misses = near_misses(misses, gazetteer);
    let mut unlisted = unlisted(sequences, articles);
    // A name that nearly matches a known one is listed once, as the near-miss.
    unlisted.retain(|name| !near_misses.iter().any(|miss| miss.text == name.text));
    Discoveries {
        unlisted,
        near_misses,
    }
}

/// What a stretch of articles holds, by text (borrowed from the articles).
#[derive(Default)]
struct Found<'t> {
    /// Whole capitalised sequences.
    sequences: FxHashMap<&'t str, Vec<Location>>,
    /// Runs of words one edit from a known surface form (its position in the gazetteer).
    misses: FxHashMap<&'t str, (usize, Vec<Location>)>,
}

/// Scans the articles `stretch` of `articles`.
fn scan<'t>(
    articles: &'t [Article],
    index: &Index,
    near: &NearMissIndex<'_>,
    stretch: Range<usize>,
) -> Found<'t> {
    let mut found = Found::default();
    // Each run's text is looked up once: most are no near-miss, and asking is the dear part.
    let mut checked: FxHashMap<&str, Option<usize>> = FxHashMap::default();
    for number in stretch {
        let text = &articles[number].text;
        let covered: Vec<Range<usize>> =
            index.mentions(number).iter().map(Mention::range).collect();
        let locate = |range: &Range<usize>| Location {
            article: number,
            start: range.start,
            end: range.end,
        };
        for words in name_sequences(text, &covered) {
            let whole = words[0].start..words[words.len() - 1].end;
            found
                .sequences
                .entry(&text[whole.clone()])
                .or_default()
                .push(locate(&whole));
            for run in sub_runs(&words) {
                let run_text = &text[run.clone()];
                let surface = *checked
                    .entry(run_text)
                    .or_insert_with(|| near.closest(run_text));
                if let Some(surface) = surface {
                    found
                        .misses
                        .entry(run_text)
                        .or_insert_with(|| (surface, Vec::new()))
                        .1
                        .push(locate(&run));
                }
            }
        }
    }
    found
}

/// The sequences worth listing, most frequent first.
fn unlisted(sequences: FxHashMap<&str, Vec<Location>>, articles: &[Article]) -> Vec<Unlisted> {
    let mut unlisted: Vec<Unlisted> = sequences
        .into_iter()
        .filter(|(text, locations)| is_worth_listing(text, locations, articles))
        .map(|(text, locations)| {
            let mut sources: Vec<usize> = locations.iter().map(|l| l.article).collect();
            sources.dedup();
            Unlisted {
                text: text.to_owned(),
                sources: sources.len(),
                locations,
            }
        })
        .collect();
    unlisted.sort_by(|a, b| {
        (b.locations.len(), b.sources)
            .cmp(&(a.locations.len(), a.sources))
            .then_with(|| a.text.cmp(&b.text))
    });
    unlisted
}

/// The near-misses with their known forms, most frequent first.
fn near_misses(
    misses: FxHashMap<&str, (usize, Vec<Location>)>,
    gazetteer: &Gazetteer,
) -> Vec<NearMiss> {
    let mut near_misses: Vec<NearMiss> = misses
        .into_iter()
        .map(|(text, (position, locations))| {
            let surface = &gazetteer.surfaces[position];
            NearMiss {
                text: text.to_owned(),
                surface: surface.text.clone(),
                entity: surface.entity,
                locations,
            }
        })
        .collect();
    near_misses.sort_by(|a, b| {
        b.locations
            .len()
            .cmp(&a.locations.len())
            .then_with(|| a.text.cmp(&b.text))
    });
    near_misses
}

/// Several words are kept always; one word only when it also appears inside a sentence.
fn is_worth_listing(text: &str, locations: &[Location], articles: &[Article]) -> bool {
    if text.contains(' ') {
        return true;
    }
    locations.iter().any(|location| {
        let before = articles[location.article].text[..location.start]
            .trim_end()
            .trim_end_matches(['“', '"', '‘', '(']);
        !(before.is_empty() || before.ends_with(['.', '!', '?', '\n', ':']))
    })
}

/// A word of the text: its range without surrounding punctuation or a possessive `’s`.
#[derive(Debug, Clone)]
struct Word {
    range: Range<usize>,
    /// Punctuation was cut from its end (a sequence does not run on past it).
    ends_phrase: bool,
    /// Punctuation was cut from its start.
    starts_phrase: bool,
}

/// The words of `text`, in order, found as they are asked for (a text of a hundred megabytes
/// has millions).
fn words(text: &str) -> impl Iterator<Item = Word> + '_ {
    let mut offset = 0;
    text.split_inclusive(char::is_whitespace)
        .filter_map(move |piece| {
            let at = offset;
            offset += piece.len();
            word_in(piece, at)
        })
}

/// The word in `piece` (a run of text up to and including one whitespace), which starts at
/// byte `offset` of the text, if it has one.
fn word_in(piece: &str, offset: usize) -> Option<Word> {
    let raw = piece.trim_end_matches(char::is_whitespace);
    let start_cut = raw.len() - raw.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
    let mut inner = &raw[start_cut..];
    inner = inner.trim_end_matches(|c: char| !c.is_alphanumeric());
    let end_cut = raw.len() - start_cut - inner.len();
    let possessive = ["’s", "'s"]
        .iter()
        .find(|s| inner.ends_with(*s))
        .map_or(0, |s| s.len());
    let core = &inner[..inner.len() - possessive];
    if core.is_empty() {
        return None;
    }
    let start = offset + start_cut;
    Some(Word {
        range: start..start + core.len(),
        ends_phrase: end_cut > 0 || possessive > 0 || piece.ends_with('\n'),
        starts_phrase: start_cut > 0,
    })
}

/// Whether a word is written in capitals only ("NOW", "IDF").
fn is_all_caps(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !word.chars().any(char::is_lowercase)
}

/// Whether a word can be part of a name: capitalised, or a particle joined to a capitalised
/// part ("al-Hayya").
fn is_name_word(word: &str) -> bool {
    if word.chars().next().is_some_and(char::is_uppercase) {
        return true;
    }
    // "al-Hayya": a particle joined to a capitalised part.
    word.split_once(['-', '’', '\''])
        .is_some_and(|(particle, rest)| {
            PARTICLES.contains(&particle) && rest.chars().next().is_some_and(char::is_uppercase)
        })
}

/// Capitalised sequences in `text` that overlap no range of `covered`, each as the byte
/// ranges of its words.
fn name_sequences(text: &str, covered: &[Range<usize>]) -> Vec<Vec<Range<usize>>> {
    let overlaps = |range: &Range<usize>| {
        let after = covered.partition_point(|c| c.end <= range.start);
        covered.get(after).is_some_and(|c| c.start < range.end)
    };
    let mut sequences = Vec::new();
    let mut current: Vec<Range<usize>> = Vec::new();
    let mut flush = |current: &mut Vec<Range<usize>>| {
        while current
            .last()
            .is_some_and(|w| PARTICLES.contains(&&text[w.clone()]))
        {
            current.pop();
        }
        if !current.is_empty() {
            sequences.push(std::mem::take(current));
        }
    };
    let caps = |w: Option<&Word>| w.is_some_and(|w| is_all_caps(&text[w.range.clone()]));
    let mut words = words(text).peekable();
    let mut previous: Option<Word> = None;
    while let Some(word) = words.next() {
        // A word in capitals beside another is shouted, not a name.
        let shouted = caps(Some(&word)) && (caps(previous.as_ref()) || caps(words.peek()));
        let surface = &text[word.range.clone()];
        let particle = !current.is_empty() && PARTICLES.contains(&surface);
        let base = surface.split(['’', '\'']).next().unwrap_or(surface);
        let joins = (is_name_word(surface) || particle) && !NOT_NAMES.contains(&base) && !shouted;
        if !joins || overlaps(&word.range) || word.starts_phrase {
            flush(&mut current);
        }
        if joins && !overlaps(&word.range) {
            current.push(word.range.clone());
        }
        if word.ends_phrase {
            flush(&mut current);
        }
        previous = Some(word);
    }
    flush(&mut current);
    sequences
}

/// Every run of consecutive words of a sequence: the whole, and each part of it.
fn sub_runs(words: &[Range<usize>]) -> impl Iterator<Item = Range<usize>> + '_ {
    (0..words.len()).flat_map(move |first| {
        (first..words.len()).map(move |last| words[first].start..words[last].end)
    })
}

#[cfg(test)]
mod tests {
    use super::near::one_edit_apart;
    use super::*;

    /// The words are found as they are asked for, never all held at once: the first word of
    /// a long text costs a sliver of finding them all.
    #[test]
    fn words_are_found_as_they_are_asked_for() {
        let long = "Officials met in Doha. ".repeat(400_000);
        let first = crate::testing::best_time(|| {
            std::hint::black_box(words(&long).next());
        });
        let all = crate::testing::best_time(|| {
            std::hint::black_box(words(&long).count());
        });
        assert!(
            first * 100 < all,
            "{first:?} for the first word of 9 MB, {all:?} for all"
        );
        assert_eq!(words(&long).count(), 1_600_000);
    }

    fn found(text: &str, gazetteer: &str) -> (Discoveries, Gazetteer) {
        let (articles, index, gazetteer) = crate::testing::indexed(gazetteer, &[text]);
        (discover(&articles, &index, &gazetteer), gazetteer)
    }

    const GAZETTEER: &str = r#"{"entities": [
        {"id": "witkoff", "name": "Steve Witkoff", "kind": "person", "aliases": ["Witkoff"]},
        {"id": "hamas", "name": "Hamas", "kind": "organization"}
    ]}"#;

    #[test]
    fn finds_capitalised_names_no_entry_covers() {
        let text = "White House Press Secretary Karoline Leavitt said Hamas met Khalil al-Hayya in Doha.\n\
                    The talks went on. Leavitt’s statement came Thursday. Then Doha again.\n\
                    “I’ll say RELEASE THE HOSTAGES NOW,” said the IDF.";
        let (found, _) = found(text, GAZETTEER);
        let names: Vec<&str> = found.unlisted.iter().map(|u| u.text.as_str()).collect();
        assert!(names.contains(&"Karoline Leavitt"), "{names:?}");
        assert!(names.contains(&"Khalil al-Hayya"), "{names:?}");
        assert!(names.contains(&"Doha"), "{names:?}");
        assert!(names.contains(&"White House"), "{names:?}");
        assert!(names.contains(&"IDF"), "{names:?}");
        for not_a_name in [
            "Hamas",
            "The",
            "Thursday",
            "Then",
            "I’ll",
            "NOW",
            "RELEASE THE HOSTAGES NOW",
        ] {
            assert!(!names.contains(&not_a_name), "{not_a_name}: {names:?}");
        }
        assert!(
            !names.contains(&"Leavitt"),
            "one word seen only at a sentence start: {names:?}"
        );
    }

    #[test]
    fn flags_near_misses_of_known_names() {
        let text = "Envoy Steve Wiktoff met Hamas. Later Witkof spoke, and Witkoff too.";
        let (found, g) = found(text, GAZETTEER);
        let misses: Vec<(&str, &str)> = found
            .near_misses
            .iter()
            .map(|n| (n.text.as_str(), n.surface.as_str()))
            .collect();
        assert!(
            misses.contains(&("Steve Wiktoff", "Steve Witkoff")),
            "{misses:?}"
        );
        assert!(misses.contains(&("Witkof", "Witkoff")), "{misses:?}");
        assert!(
            found
                .near_misses
                .iter()
                .all(|n| n.entity == g.find("witkoff").unwrap())
        );
    }

    #[test]
    fn one_edit_means_one_edit() {
        for (a, b, expected) in [
            ("witkoff", "wiktoff", true),
            ("witkoff", "witkof", true),
            ("witkoff", "whitkoff", true),
            ("witkoff", "witkaff", true),
            ("witkoff", "witkoff", false),
            ("witkoff", "wiktofx", false),
            ("boehler", "behlerx", false),
        ] {
            assert_eq!(one_edit_apart(a, b), expected, "{a} {b}");
        }
    }
}
