//! Finds every mention of every entity in a text, by the rules of spec §4.
//!
//! Surface forms go into an Aho-Corasick automaton (leftmost-longest). The automaton alone
//! would let a longer alias that fails its word boundary hide a shorter one at the same
//! start ("Gaza Strips" must still yield "Gaza"), so each match is checked here: when it fails,
//! the longest shorter alias at the same start is tried, and only when none holds does the
//! search move one character on. Entities marked `case_insensitive` get a second automaton
//! that runs over a case-folded copy of the text; at the same start the longer mention wins,
//! and an exact-case mention wins a tie.
//!
//! ```
//! use gazette::gazetteer::{Gazetteer, LayerSource};
//! use gazette::matcher::Matcher;
//!
//! let json = r#"{"entities": [{"name": "Gaza", "kind": "place", "aliases": ["Gaza Strip"]}]}"#;
//! let layer = LayerSource { label: "g.json".into(), bytes: json.into() };
//! let matcher = Matcher::new(&Gazetteer::load(&[layer]).unwrap()).unwrap();
//! let found: Vec<_> = matcher.find("the Gaza Strips, Gaza-based").iter().map(|m| m.range()).collect();
//! assert_eq!(found, [4..8, 17..21]);
//! ```

use crate::error::GazetteerError;
use crate::gazetteer::{EntityId, Gazetteer};
use crate::text::is_word_char;
use crate::work;
use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};
use std::borrow::Cow;
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::ops::Range;

/// Texts longer than this are split at line breaks and searched on several threads.
const PARALLEL_THRESHOLD: usize = 1 << 20;

/// Up to this many patterns, the faster but larger DFA is built.
const DFA_MAX_PATTERNS: usize = 20_000;

/// One mention: an entity found at a byte range of the clean text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Mention {
    /// Start byte in the clean text.
    pub start: u32,
    /// End byte (exclusive) in the clean text.
    pub end: u32,
    /// The entity mentioned.
    pub entity: EntityId,
}

impl Mention {
    /// The byte range in the clean text.
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// The compiled gazetteer.
#[derive(Debug, Clone)]
pub struct Matcher {
    exact: Option<Automaton>,
    folded: Option<Automaton>,
}

#[derive(Debug, Clone)]
struct Automaton {
    searcher: AhoCorasick,
    /// The entity of each pattern.
    entities: Vec<EntityId>,
}

/// A valid candidate mention.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    start: usize,
    end: usize,
    entity: EntityId,
}

impl Matcher {
    /// Builds the automata for every surface form of `gazetteer`.
    pub fn new(gazetteer: &Gazetteer) -> Result<Matcher, GazetteerError> {
        let mut exact = (Vec::new(), Vec::new());
        let mut folded: HashMap<String, (EntityId, usize)> = HashMap::new();
        for surface in &gazetteer.surfaces {
            if gazetteer.entity(surface.entity).case_insensitive {
                let key = fold_case(&surface.text).into_owned();
                match folded.entry(key) {
                    Entry::Vacant(vacant) => {
                        vacant.insert((surface.entity, surface.layer));
                    }
                    Entry::Occupied(mut occupied) => {
                        if occupied.get().1 < surface.layer {
                            occupied.insert((surface.entity, surface.layer));
                        }
                    }
                }
            } else {
                exact.0.push(surface.text.as_str());
                exact.1.push(surface.entity);
            }
        }
        let (folded_patterns, folded_entities): (Vec<String>, Vec<EntityId>) = folded
            .into_iter()
            .map(|(pattern, (entity, _))| (pattern, entity))
            .unzip();
        Ok(Matcher {
            exact: Automaton::build(&exact.0, exact.1)?,
            folded: Automaton::build(&folded_patterns, folded_entities)?,
        })
    }

    /// Every mention in `text`, in order, never overlapping.
    pub fn find(&self, text: &str) -> Vec<Mention> {
        let threads = work::threads();
        if text.len() < PARALLEL_THRESHOLD || threads == 1 {
            let mut mentions = Vec::new();
            self.find_in_chunk(text, 0, &mut mentions);
            return mentions;
        }
        let chunks = split_at_lines(text, threads * 4);
        let found = work::parallel_map(&chunks, |range| {
            let mut mentions = Vec::new();
            self.find_in_chunk(&text[range.clone()], range.start, &mut mentions);
            mentions
        });
        found.concat()
    }

    /// Finds the mentions in `chunk`, a run of whole lines starting at `base` in the text.
    fn find_in_chunk(&self, chunk: &str, base: usize, out: &mut Vec<Mention>) {
        let folded_text = self.folded.as_ref().map(|_| fold_case(chunk));
        let mut exact = Stream::new(self.exact.as_ref(), chunk);
        let mut folded = Stream::new(self.folded.as_ref(), folded_text.as_deref().unwrap_or(""));
        let mut pos = 0;
        loop {
            let a = exact.next_at_or_after(pos);
            let b = folded.next_at_or_after(pos);
            let best = match (a, b) {
                (Some(a), Some(b)) => {
                    if b.start < a.start || (b.start == a.start && b.end > a.end) {
                        b
                    } else {
                        a
                    }
                }
                (Some(one), None) | (None, Some(one)) => one,
                (None, None) => return,
            };
            out.push(Mention {
                start: to_u32(base + best.start),
                end: to_u32(base + best.end),
                entity: best.entity,
            });
            pos = best.end;
        }
    }
}

fn to_u32(offset: usize) -> u32 {
    u32::try_from(offset).expect("texts are capped well below 4 GiB")
}

impl Automaton {
    fn build<P: AsRef<[u8]>>(
        patterns: &[P],
        entities: Vec<EntityId>,
    ) -> Result<Option<Automaton>, GazetteerError> {
        if patterns.is_empty() {
            return Ok(None);
        }
        let kind = (patterns.len() <= DFA_MAX_PATTERNS).then_some(AhoCorasickKind::DFA);
        let searcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(kind)
            .build(patterns)
            .map_err(|error| GazetteerError {
                file: "gazetteer".to_owned(),
                line: 0,
                column: 0,
                entry: None,
                problem: format!(
                    "the {} surface forms are too many to compile: {error}",
                    patterns.len()
                ),
                fix: "split the gazetteer or remove entries".to_owned(),
            })?;
        Ok(Some(Automaton { searcher, entities }))
    }

    /// The first valid candidate starting at or after `from`.
    fn next_valid(&self, text: &str, from: usize) -> Option<Candidate> {
        let mut search_from = from;
        while search_from < text.len() {
            let found = self
                .searcher
                .find(Input::new(text).span(search_from..text.len()))?;
            let start = found.start();
            let mut end = found.end();
            let mut pattern = found.pattern();
            loop {
                if boundaries_hold(text, start, end) {
                    return Some(Candidate {
                        start,
                        end,
                        entity: self.entities[pattern.as_usize()],
                    });
                }
                // The longest shorter alias at the same start, if any.
                match self.searcher.find(Input::new(text).span(start..end - 1)) {
                    Some(shorter) if shorter.start() == start => {
                        end = shorter.end();
                        pattern = shorter.pattern();
                    }
                    _ => break,
                }
            }
            search_from = start + 1;
        }
        None
    }
}

/// The candidates of one automaton over one text, remembered between calls.
struct Stream<'a> {
    automaton: Option<&'a Automaton>,
    text: &'a str,
    next: Option<Candidate>,
    exhausted: bool,
}

impl<'a> Stream<'a> {
    fn new(automaton: Option<&'a Automaton>, text: &'a str) -> Self {
        Stream {
            automaton,
            text,
            next: None,
            exhausted: automaton.is_none(),
        }
    }

    fn next_at_or_after(&mut self, pos: usize) -> Option<Candidate> {
        if self.exhausted {
            return None;
        }
        if let Some(candidate) = self.next.filter(|c| c.start >= pos) {
            return Some(candidate);
        }
        self.next = self.automaton.and_then(|a| a.next_valid(self.text, pos));
        self.exhausted = self.next.is_none();
        self.next
    }
}

/// Spec §4 rule 1: a word character at either end of the match must not touch another.
pub fn boundaries_hold(text: &str, start: usize, end: usize) -> bool {
    let first = text[start..].chars().next();
    let before = text[..start].chars().next_back();
    let last = text[..end].chars().next_back();
    let after = text[end..].chars().next();
    let joined = |inner: Option<char>, outer: Option<char>| {
        inner.is_some_and(is_word_char) && outer.is_some_and(is_word_char)
    };
    !joined(first, before) && !joined(last, after)
}

/// Lowercases each character whose lowercase form has the same length in UTF-8, so that
/// byte offsets in the folded text are offsets in the original.
pub fn fold_case(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        if !text.bytes().any(|b| b.is_ascii_uppercase()) {
            return Cow::Borrowed(text);
        }
        return Cow::Owned(text.to_ascii_lowercase());
    }
    let mut folded = String::with_capacity(text.len());
    for c in text.chars() {
        let mut lower = c.to_lowercase();
        match (lower.next(), lower.next()) {
            (Some(l), None) if l.len_utf8() == c.len_utf8() => folded.push(l),
            _ => folded.push(c),
        }
    }
    Cow::Owned(folded)
}

/// Splits `text` into about `parts` ranges that each end just after a line break.
fn split_at_lines(text: &str, parts: usize) -> Vec<Range<usize>> {
    let target = text.len().div_ceil(parts.max(1)).max(1);
    let bytes = text.as_bytes();
    let mut ranges = Vec::with_capacity(parts + 1);
    let mut start = 0;
    while start < text.len() {
        let nominal = (start + target).min(text.len());
        let end = bytes[nominal..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(text.len(), |p| nominal + p + 1);
        ranges.push(start..end);
        start = end;
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::LayerSource;
    use std::fmt::Write as _;

    /// Test entities: `(id, case_insensitive, surfaces)`; the first surface is the name.
    type Entities<'a> = &'a [(&'a str, bool, &'a [&'a str])];

    /// Builds a gazetteer from `entities`: `(id, kind, case_insensitive, surfaces)`.
    fn matcher(entities: &[(&str, bool, &[&str])]) -> (Matcher, Gazetteer) {
        let json = serde_json::json!({
            "entities": entities.iter().map(|(id, ci, surfaces)| serde_json::json!({
                "id": id, "name": surfaces[0], "kind": "misc",
                "aliases": &surfaces[1..], "case_insensitive": ci,
            })).collect::<Vec<_>>()
        });
        let layer = LayerSource {
            label: "test".into(),
            bytes: json.to_string().into_bytes(),
        };
        let gazetteer = Gazetteer::load(&[layer]).unwrap();
        (Matcher::new(&gazetteer).unwrap(), gazetteer)
    }

    /// Renders the mentions as `[text|id]` inline, as the style guide suggests.
    fn marks(entities: &[(&str, bool, &[&str])], text: &str) -> String {
        let (matcher, gazetteer) = matcher(entities);
        let mut out = String::new();
        let mut pos = 0;
        for mention in matcher.find(text) {
            out.push_str(&text[pos..mention.start as usize]);
            let id = &gazetteer.entity(mention.entity).id;
            write!(out, "[{}|{id}]", &text[mention.range()]).unwrap();
            pos = mention.end as usize;
        }
        out.push_str(&text[pos..]);
        out
    }

    #[test]
    fn follows_the_rules_of_spec_section_4() {
        let hamas: &[(&str, bool, &[&str])] = &[("h", false, &["Hamas"])];
        let gaza: &[(&str, bool, &[&str])] =
            &[("g", false, &["Gaza"]), ("gs", false, &["Gaza Strip"])];
        let us: &[(&str, bool, &[&str])] = &[("us", false, &["U.S.", "US"])];
        let table: &[(Entities<'_>, &str, &str)] = &[
            // Rule 1: word boundaries; punctuation and hyphens are not word characters.
            (hamas, "US-Hamas talks", "US-[Hamas|h] talks"),
            (
                hamas,
                "Hamas-led, Hamas’s, Hamas's",
                "[Hamas|h]-led, [Hamas|h]’s, [Hamas|h]'s",
            ),
            (
                hamas,
                "Hamasx xHamas WitkoffHamas",
                "Hamasx xHamas WitkoffHamas",
            ),
            (hamas, "Hamas_x (Hamas)", "[Hamas|h]_x ([Hamas|h])"),
            (
                us,
                "U.S.-based US-Hamas USA",
                "[U.S.|us]-based [US|us]-Hamas USA",
            ),
            (us, "U.S.S.R", "[U.S.|us]S.R"),
            // Rule 2: leftmost, then longest; no overlaps.
            (
                gaza,
                "the Gaza Strip and Gaza",
                "the [Gaza Strip|gs] and [Gaza|g]",
            ),
            (
                &[("a", false, &["New York"]), ("b", false, &["York Times"])],
                "New York Times",
                "[New York|a] Times",
            ),
            // Rule 3: a longer alias that fails its boundary does not hide a shorter one.
            (gaza, "Gaza Strips", "[Gaza|g] Strips"),
            (
                &[
                    ("a", false, &["Abu"]),
                    ("b", false, &["Abu Dhabix"]),
                    ("c", false, &["Dhabi"]),
                ],
                "Abu Dhabixy Dhabi",
                "[Abu|a] Dhabixy [Dhabi|c]",
            ),
            // Rule 4: case-sensitive unless the entity says otherwise.
            (hamas, "HAMAS hamas", "HAMAS hamas"),
            (
                &[("h", true, &["Hamas"])],
                "HAMAS hamas Hamas",
                "[HAMAS|h] [hamas|h] [Hamas|h]",
            ),
            (
                &[("ci", true, &["gaza"]), ("cs", false, &["Gaza Strip"])],
                "GAZA Gaza Strip",
                "[GAZA|ci] [Gaza Strip|cs]",
            ),
            (
                &[("ci", true, &["gaza strip"]), ("cs", false, &["Gaza"])],
                "Gaza Strip",
                "[Gaza Strip|ci]",
            ),
            (
                &[("ci", true, &["Straße"])],
                "STRASSE straße STRAẞE",
                "STRASSE [straße|ci] STRAẞE",
            ),
            // Word characters are Unicode letters, numbers and marks.
            (
                &[("q", false, &["Québec"])],
                "Québecois Québec’s",
                "Québecois [Québec|q]’s",
            ),
            (
                &[("t", false, &["תל אביב"])],
                "ותל אביב תל אביב.",
                "ותל אביב [תל אביב|t].",
            ),
            (&[("n", false, &["24"])], "1924 24th 24", "1924 24th [24|n]"),
            // Aliases that start or end with punctuation only check the word side.
            (
                &[("inc", false, &[", Inc."])],
                "Acme, Inc.x",
                "Acme[, Inc.|inc]x",
            ),
        ];
        for (entities, text, expected) in table {
            assert_eq!(marks(entities, text), *expected, "text: {text}");
        }
    }

    #[test]
    fn large_texts_match_the_same_on_many_threads() {
        let (matcher, _) = matcher(&[
            ("g", false, &["Gaza", "Gaza Strip"]),
            ("h", true, &["hamas"]),
        ]);
        let line = "In the Gaza Strip, HAMAS and Gaza Strips; Hamasx.\n";
        let text = line.repeat(PARALLEL_THRESHOLD / line.len() + 10);
        let mut serial = Vec::new();
        matcher.find_in_chunk(&text, 0, &mut serial);
        assert_eq!(matcher.find(&text), serial);
        assert_eq!(serial.len(), 3 * text.lines().count());
    }

    #[test]
    fn split_at_lines_covers_the_text() {
        let text = "a\nbb\nccc\n\ndddd";
        let ranges = split_at_lines(text, 3);
        assert_eq!(ranges.first().unwrap().start, 0);
        assert_eq!(ranges.last().unwrap().end, text.len());
        for pair in ranges.windows(2) {
            assert_eq!(pair[0].end, pair[1].start);
            assert_eq!(&text[pair[0].end - 1..pair[0].end], "\n");
        }
    }
}
