//! Finds every mention of every entity in a text, by the rules of spec §4.
//!
//! Surface forms, sorted, are compiled into Aho-Corasick automata (aho-corasick's contiguous
//! NFA) of at most 8,192 surface forms each, so that building stays linear in their number.
//! They are walked *anchored* from each position where a mention may start (each automaton
//! whose surface forms may start there, the longest result kept): a byte that begins
//! some surface form, not glued to a word character before it when it is itself one. The walk
//! sees every surface form that starts there, shortest first, so the longest one whose end
//! boundary holds is taken, and a longer alias that fails its boundary never hides a shorter
//! one ("Gaza Strips" still yields "Gaza"). The search then goes on after the mention, so
//! mentions never overlap. Entities marked `case_insensitive` get a second automaton walked over
//! a case-folded copy of the text; at the same start the longer mention wins, and an
//! exact-case mention wins a tie.
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
use crate::text::{is_word_char, to_u32};
use crate::work;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind, PatternID};
use std::borrow::Cow;
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::ops::Range;

/// Texts longer than this are split at line breaks into pieces at least about this long,
/// searched on several threads.
const PARALLEL_THRESHOLD: usize = 1 << 20;

/// The mentions kept of a text, and how many more it has.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    /// The first mentions, in order.
    pub mentions: Vec<Mention>,
    /// How many mentions come after them.
    pub left_out: usize,
}

impl Found {
    /// Adds the mentions of the next piece of text, keeping at most `limit` in all.
    fn append(&mut self, mut next: Found, limit: usize) {
        let kept = next.mentions.len().min(limit - self.mentions.len());
        self.left_out += next.mentions.len() - kept + next.left_out;
        next.mentions.truncate(kept);
        if self.mentions.is_empty() {
            // The first piece's are taken as they are, never copied.
            self.mentions = next.mentions;
            return;
        }
        // Grown by exactly a piece at a time: blocks this large are mapped on their own (see
        // `main`), so glibc grows them in place (mremap) and nothing is held twice for long.
        self.mentions.reserve_exact(kept);
        self.mentions.extend_from_slice(&next.mentions);
    }
}

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

/// The most surface forms in one shard. aho-corasick's build reorders the states of an
/// automaton with a cost that grows with the square of its size on some sets of patterns
/// (many sharing prefixes: "Name123x Q", "Al123"); automata of bounded size keep building
/// linear in the number of surface forms.
const SHARD_PATTERNS: usize = 8_192;

#[derive(Debug, Clone)]
struct Automaton {
    /// The sorted patterns in runs of at most [`SHARD_PATTERNS`], each compiled on its own
    /// (in parallel).
    shards: Vec<Shard>,
    /// The first pattern of each shard, to find the shards a text's position may match in.
    firsts: Vec<Box<[u8]>>,
    /// By [`pair_index`], the pairs of bytes some pattern starts with (any second byte after
    /// a pattern of one byte); never a UTF-8 continuation byte first.
    first_pairs: Box<[bool]>,
    /// What the patterns start with.
    prefixes: PrefixFilter,
}

/// What the patterns start with, to skip positions before walking the automaton: exact
/// first-two-byte pairs for patterns of one or two bytes, and a Bloom filter of the first
/// three bytes of longer ones.
#[derive(Debug, Clone)]
struct PrefixFilter {
    short: Vec<u64>,
    triples: Vec<u64>,
}

/// Bits in the three-byte filter (128 KiB: it stays in cache).
const TRIPLE_BITS: u32 = 20;

impl PrefixFilter {
    fn new<P: AsRef<[u8]>>(patterns: &[P]) -> Self {
        let mut filter = PrefixFilter {
            short: vec![0; (1 << 16) / 64],
            triples: vec![0; (1 << TRIPLE_BITS) / 64],
        };
        for pattern in patterns {
            match *pattern.as_ref() {
                [first] => {
                    for second in 0..=u8::MAX {
                        set(&mut filter.short, pair_index(first, second));
                    }
                }
                [first, second] => set(&mut filter.short, pair_index(first, second)),
                [first, second, third, ..] => {
                    set(&mut filter.triples, triple_index(first, second, third));
                }
                [] => {}
            }
        }
        filter
    }

    /// Whether a pattern may start at `at`. Past the end of the text, bytes read as NUL,
    /// which no pattern contains.
    #[inline]
    fn may_start(&self, bytes: &[u8], at: usize) -> bool {
        let byte = |offset: usize| bytes.get(at + offset).copied().unwrap_or(0);
        let (first, second, third) = (byte(0), byte(1), byte(2));
        // Both looked up, without a branch between.
        get(&self.short, pair_index(first, second))
            | get(&self.triples, triple_index(first, second, third))
    }
}

fn pair_index(first: u8, second: u8) -> usize {
    usize::from(first) << 8 | usize::from(second)
}

fn triple_index(first: u8, second: u8, third: u8) -> usize {
    let key = u32::from(first) << 16 | u32::from(second) << 8 | u32::from(third);
    (key.wrapping_mul(0x9E37_79B1) >> (32 - TRIPLE_BITS)) as usize
}

fn set(bits: &mut [u64], index: usize) {
    bits[index / 64] |= 1 << (index % 64);
}

fn get(bits: &[u64], index: usize) -> bool {
    bits[index / 64] & (1 << (index % 64)) != 0
}

#[derive(Debug, Clone)]
struct Shard {
    nfa: NFA,
    /// The entity of each pattern.
    entities: Vec<EntityId>,
    /// What all its patterns start with (sorted, they share their first's and last's).
    common: Box<[u8]>,
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
        Matcher::with_shards_of(gazetteer, SHARD_PATTERNS)
    }

    /// [`Matcher::new`] with at most `shard_patterns` surface forms per shard.
    fn with_shards_of(
        gazetteer: &Gazetteer,
        shard_patterns: usize,
    ) -> Result<Matcher, GazetteerError> {
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
        let mut folded: Vec<(String, EntityId)> = folded
            .into_iter()
            .map(|(pattern, (entity, _))| (pattern, entity))
            .collect();
        folded.sort_unstable();
        let (folded_patterns, folded_entities): (Vec<String>, Vec<EntityId>) =
            folded.into_iter().unzip();
        let mut exact: Vec<(&str, EntityId)> = exact.0.into_iter().zip(exact.1).collect();
        // Sorted patterns make a trie with better locality, and build faster.
        exact.sort_unstable();
        let (exact_patterns, exact_entities): (Vec<&str>, Vec<EntityId>) =
            exact.into_iter().unzip();
        Ok(Matcher {
            exact: Automaton::build(&exact_patterns, &exact_entities, shard_patterns)?,
            folded: Automaton::build(&folded_patterns, &folded_entities, shard_patterns)?,
        })
    }

    /// Every mention in `text`, in order, never overlapping.
    pub fn find(&self, text: &str) -> Vec<Mention> {
        self.find_at_most(text, usize::MAX).mentions
    }

    /// The first `limit` mentions in `text`, in order, and how many more there are.
    ///
    /// A long text is searched a piece of whole lines at a time, a piece on each thread, so
    /// that what is held beside the mentions kept is a few pieces' worth however many more
    /// the text has.
    pub fn find_at_most(&self, text: &str, limit: usize) -> Found {
        let threads = work::threads();
        let mut found = Found::default();
        if text.len() < PARALLEL_THRESHOLD || threads == 1 {
            self.find_in_chunk(text, 0, limit, &mut found);
            return found;
        }
        // Four pieces a thread, none smaller than the threshold: a wave of them at a time keeps
        // the threads busy, and what a wave finds is a small part of a text's mentions.
        let piece_count = (threads * 4).min(text.len().div_ceil(PARALLEL_THRESHOLD));
        let pieces = crate::text::line_pieces(text.as_bytes(), 0, piece_count);
        for wave in pieces.chunks(threads) {
            let room = limit - found.mentions.len();
            let parts = work::parallel_map(wave, |range| {
                let mut part = Found::default();
                self.find_in_chunk(&text[range.clone()], range.start, room, &mut part);
                part.mentions.shrink_to_fit();
                part
            });
            for part in parts {
                found.append(part, limit);
            }
        }
        found
    }

    /// The mentions of `text` a stretch of whole lines of about `stretch_bytes` at a time,
    /// each stretch with its mentions (offsets in `text`), in order: for reading a long text
    /// while it is matched, never holding all its mentions.
    pub fn find_by_stretch<'t>(
        &'t self,
        text: &'t str,
        stretch_bytes: usize,
    ) -> impl Iterator<Item = (Range<usize>, Vec<Mention>)> + 't {
        let count = text.len().div_ceil(stretch_bytes.max(1));
        crate::text::line_pieces(text.as_bytes(), 0, count)
            .into_iter()
            .map(move |stretch| {
                let mut mentions = self.find(&text[stretch.clone()]);
                for mention in &mut mentions {
                    mention.start += to_u32(stretch.start);
                    mention.end += to_u32(stretch.start);
                }
                (stretch, mentions)
            })
    }

    /// Finds the mentions in `chunk`, a run of whole lines starting at `base` in the text,
    /// keeping them while `out` holds fewer than `limit` and counting the rest.
    fn find_in_chunk(&self, chunk: &str, base: usize, limit: usize, out: &mut Found) {
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
            if out.mentions.len() < limit {
                out.mentions.push(Mention {
                    start: to_u32(base + best.start),
                    end: to_u32(base + best.end),
                    entity: best.entity,
                });
            } else {
                out.left_out += 1;
            }
            pos = best.end;
        }
    }
}

impl Automaton {
    /// Builds the automaton for `patterns`, which must be sorted.
    fn build<P: AsRef<[u8]> + Sync>(
        patterns: &[P],
        entities: &[EntityId],
        shard_patterns: usize,
    ) -> Result<Option<Automaton>, GazetteerError> {
        if patterns.is_empty() {
            return Ok(None);
        }
        let ranges: Vec<Range<usize>> = (0..patterns.len())
            .step_by(shard_patterns)
            .map(|start| start..(start + shard_patterns).min(patterns.len()))
            .collect();
        let shards = work::parallel_map(&ranges, |range| {
            Shard::build(&patterns[range.clone()], entities[range.clone()].to_vec())
        });
        let shards = shards.into_iter().collect::<Result<Vec<_>, _>>()?;
        let firsts = ranges
            .iter()
            .map(|range| patterns[range.start].as_ref().into())
            .collect();
        let mut first_pairs = vec![false; 1 << 16].into_boxed_slice();
        for pattern in patterns {
            match *pattern.as_ref() {
                [first] => {
                    for second in 0..=u8::MAX {
                        first_pairs[pair_index(first, second)] = true;
                    }
                }
                [first, second, ..] => first_pairs[pair_index(first, second)] = true,
                [] => {}
            }
        }
        Ok(Some(Automaton {
            shards,
            firsts,
            first_pairs,
            prefixes: PrefixFilter::new(patterns),
        }))
    }

    /// The shards that may hold a pattern starting `rest` (the text from a position on):
    /// every such pattern lies, in sorted order, between `rest`'s first byte and `rest`.
    fn shards_for(&self, rest: &[u8]) -> Range<usize> {
        if self.shards.len() == 1 {
            return 0..1;
        }
        let from = self.firsts.partition_point(|first| **first <= rest[..1]);
        let to = self.firsts.partition_point(|first| **first <= *rest);
        from.saturating_sub(1)..to
    }

    /// Fills `starts` with the positions of `text` from `from` on, over at most [`BLOCK`]
    /// bytes, where a surface form may start; returns where the scan stopped.
    ///
    /// A position is kept when its byte and the next begin some surface form, it is not inside
    /// an ASCII word (a letter or digit after another), and the prefix filter lets it through.
    /// The positions of 64 bytes are found at once and kept without a branch each, since
    /// whether one is kept cannot be predicted.
    fn possible_starts(&self, text: &str, from: usize, starts: &mut Vec<usize>) -> usize {
        let bytes = text.as_bytes();
        let end = (from + BLOCK).min(bytes.len());
        starts.resize(BLOCK, 0);
        let mut kept = 0;
        // A non-ASCII byte before counts as "not a word": `try_start` checks exactly.
        let mut after_word = from > 0 && bytes[from - 1].is_ascii_alphanumeric();
        let mut at = from;
        while at + 64 <= end {
            let mut found = 0;
            for i in 0..8 {
                let chunk = &bytes[at + 8 * i..at + 8 * i + 8];
                let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
                let alnum = ascii_alnum_mask(word);
                let inside = alnum & ((alnum << 8) | if after_word { 0x80 } else { 0 });
                let next = bytes.get(at + 8 * i + 8).copied().unwrap_or(0);
                found |= gather_high_bits(!inside & self.first_pair_mask(word, next)) << (8 * i);
                after_word = alnum >> 63 != 0;
            }
            while found != 0 {
                let start = at + found.trailing_zeros() as usize;
                found &= found - 1;
                starts[kept] = start;
                kept += usize::from(self.prefixes.may_start(bytes, start));
            }
            at += 64;
        }
        for start in at..end {
            let is_word = bytes[start].is_ascii_alphanumeric();
            let second = bytes.get(start + 1).copied().unwrap_or(0);
            if !(after_word && is_word)
                && self.first_pairs[pair_index(bytes[start], second)]
                && self.prefixes.may_start(bytes, start)
            {
                starts[kept] = start;
                kept += 1;
            }
            after_word = is_word;
        }
        starts.truncate(kept);
        end
    }

    /// The high bit of each byte of `word` (eight bytes of text, `next` the one after) that,
    /// with the byte after it, begins some surface form.
    fn first_pair_mask(&self, word: u64, next: u8) -> u64 {
        let firsts = word.to_le_bytes();
        let seconds = (word >> 8 | u64::from(next) << 56).to_le_bytes();
        (0..8).fold(0, |mask, i| {
            let pair = pair_index(firsts[i], seconds[i]);
            mask | u64::from(self.first_pairs[pair]) << (8 * i + 7)
        })
    }

    /// The candidate at `start`, a position where a surface form may start, if one does.
    #[inline(never)]
    fn try_start(&self, text: &str, start: usize) -> Option<Candidate> {
        if !start_boundary_holds(text, start) {
            return None;
        }
        let rest = &text.as_bytes()[start..];
        // The longest over the shards: each gives its longest surface form whose boundary
        // holds.
        self.shards[self.shards_for(rest)]
            .iter()
            .filter(|shard| shard.common.is_empty() || rest.starts_with(&shard.common))
            .filter_map(|shard| shard.longest_at(text, start))
            .reduce(|best, other| if other.end > best.end { other } else { best })
    }
}

/// The high bit of each byte of `mask` (whose other bits are clear), gathered into its low
/// byte: bit `i` for byte `i`.
fn gather_high_bits(mask: u64) -> u64 {
    (mask >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56
}

/// The high bit of each byte of a `u64`.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// One in each byte of a `u64`.
const ONE_PER_BYTE: u64 = 0x0101_0101_0101_0101;

/// The high bit of each byte of `word` that is an ASCII letter or digit.
fn ascii_alnum_mask(word: u64) -> u64 {
    let ascii = !word & HIGH_BITS;
    let low = word & !HIGH_BITS;
    let letters = bytes_in_range(low | (0x20 * ONE_PER_BYTE), b'a', b'z');
    let digits = bytes_in_range(low, b'0', b'9');
    (letters | digits) & ascii
}

/// The high bit of each byte of `low` (bytes below 0x80) that lies in `first..=last`.
fn bytes_in_range(low: u64, first: u8, last: u8) -> u64 {
    let at_least_first = low + ONE_PER_BYTE * u64::from(0x80 - first);
    let above_last = low + ONE_PER_BYTE * u64::from(0x7F - last);
    at_least_first & !above_last & HIGH_BITS
}

impl Shard {
    fn build<P: AsRef<[u8]>>(
        patterns: &[P],
        entities: Vec<EntityId>,
    ) -> Result<Shard, GazetteerError> {
        let too_many = |error: aho_corasick::BuildError| GazetteerError {
            file: "gazetteer".to_owned(),
            line: 0,
            column: 0,
            entry: None,
            problem: format!(
                "the {} surface forms are too many to compile: {error}",
                patterns.len()
            ),
            fix: "split the gazetteer or remove entries".to_owned(),
        };
        let nfa = NFA::builder()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(patterns)
            .map_err(too_many)?;
        let first = patterns.first().map_or(&[][..], AsRef::as_ref);
        let last = patterns.last().map_or(&[][..], AsRef::as_ref);
        let common = first.iter().zip(last).take_while(|(a, b)| a == b).count();
        Ok(Shard {
            nfa,
            entities,
            common: first[..common].into(),
        })
    }

    /// The longest surface form starting at `start` whose end boundary holds (the start's is
    /// the caller's to check).
    fn longest_at(&self, text: &str, start: usize) -> Option<Candidate> {
        let (end, pattern) = longest_anchored(&self.nfa, text, start)?;
        Some(Candidate {
            start,
            end,
            entity: self.entities[pattern.as_usize()],
        })
    }
}

/// Walks `automaton` anchored at `start`; returns the end and pattern of the longest surface
/// form there whose end boundary holds.
fn longest_anchored<A: aho_corasick::automaton::Automaton>(
    automaton: &A,
    text: &str,
    start: usize,
) -> Option<(usize, PatternID)> {
    let mut state = automaton.start_state(Anchored::Yes).ok()?;
    let mut best = None;
    for (depth, &byte) in text.as_bytes()[start..].iter().enumerate() {
        state = automaton.next_state(Anchored::Yes, state, byte);
        if !automaton.is_special(state) {
            continue;
        }
        if automaton.is_dead(state) {
            break;
        }
        let end = start + depth + 1;
        if automaton.is_match(state) && end_boundary_holds(text, end) {
            // The state's pattern of this length is the one that starts at `start`; the
            // others are shorter suffixes of it.
            best = (0..automaton.match_len(state))
                .map(|index| automaton.match_pattern(state, index))
                .find(|&pattern| automaton.pattern_len(pattern) == depth + 1)
                .map(|pattern| (end, pattern))
                .or(best);
        }
    }
    best
}

/// Bytes scanned at a time for the positions where a surface form may start.
const BLOCK: usize = 2048;

/// The candidates of one automaton over one text, remembered between calls.
struct Stream<'a> {
    automaton: Option<&'a Automaton>,
    text: &'a str,
    next: Option<Candidate>,
    exhausted: bool,
    /// Where a surface form may start in the block scanned last, in order.
    starts: Vec<usize>,
    /// The first of `starts` not yet tried.
    tried: usize,
    /// Where the block scanned last ends.
    scanned: usize,
}

impl<'a> Stream<'a> {
    fn new(automaton: Option<&'a Automaton>, text: &'a str) -> Self {
        Stream {
            automaton,
            text,
            next: None,
            exhausted: automaton.is_none(),
            starts: Vec::with_capacity(BLOCK),
            tried: 0,
            scanned: 0,
        }
    }

    fn next_at_or_after(&mut self, pos: usize) -> Option<Candidate> {
        if self.exhausted {
            return None;
        }
        if let Some(candidate) = self.next.filter(|c| c.start >= pos) {
            return Some(candidate);
        }
        let automaton = self.automaton?;
        loop {
            while let Some(&start) = self.starts.get(self.tried) {
                self.tried += 1;
                if start >= pos
                    && let Some(candidate) = automaton.try_start(self.text, start)
                {
                    self.next = Some(candidate);
                    return self.next;
                }
            }
            let from = self.scanned.max(pos);
            if from >= self.text.len() {
                self.exhausted = true;
                return None;
            }
            self.scanned = automaton.possible_starts(self.text, from, &mut self.starts);
            self.tried = 0;
        }
    }
}

/// Spec §4 rule 1: a word character at either end of the match must not touch another.
pub fn boundaries_hold(text: &str, start: usize, end: usize) -> bool {
    start_boundary_holds(text, start) && end_boundary_holds(text, end)
}

/// A mention may start at `start` unless a word character there follows another.
fn start_boundary_holds(text: &str, start: usize) -> bool {
    !word_characters_meet(text, start)
}

/// A mention may end at `end` unless a word character before it is followed by another.
fn end_boundary_holds(text: &str, end: usize) -> bool {
    !word_characters_meet(text, end)
}

/// Whether the characters on either side of byte `at` are both word characters.
#[inline]
fn word_characters_meet(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    match (
        at.checked_sub(1).and_then(|before| bytes.get(before)),
        bytes.get(at),
    ) {
        (Some(before), Some(after)) if before.is_ascii() && after.is_ascii() => {
            before.is_ascii_alphanumeric() && after.is_ascii_alphanumeric()
        }
        (Some(_), Some(_)) => characters_meet(text, at),
        _ => false,
    }
}

/// [`word_characters_meet`] beside a non-ASCII byte: the characters are decoded.
fn characters_meet(text: &str, at: usize) -> bool {
    let before = text[..at].chars().next_back();
    let after = text[at..].chars().next();
    before.is_some_and(is_word_char) && after.is_some_and(is_word_char)
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

/// Splits sorted `patterns` into up to `count` ranges of similar size, never splitting the
/// patterns that share a first byte.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::LayerSource;
    use std::fmt::Write as _;

    /// Test entities: `(id, case_insensitive, surfaces)`; the first surface is the name.
    type Entities<'a> = &'a [(&'a str, bool, &'a [&'a str])];

    /// Builds a gazetteer from `entities`: `(id, kind, case_insensitive, surfaces)`.
    fn matcher(entities: &[(&str, bool, &[&str])]) -> (Matcher, Gazetteer) {
        matcher_in_shards_of(entities, SHARD_PATTERNS)
    }

    /// [`matcher`] with at most `shard_patterns` surface forms per shard.
    fn matcher_in_shards_of(entities: Entities<'_>, shard_patterns: usize) -> (Matcher, Gazetteer) {
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
        let matcher = Matcher::with_shards_of(&gazetteer, shard_patterns).unwrap();
        (matcher, gazetteer)
    }

    /// Renders the mentions as `[text|id]` inline, as the style guide suggests; the same
    /// whatever the size of the shards.
    fn marks(entities: &[(&str, bool, &[&str])], text: &str) -> String {
        let whole = marks_in_shards_of(entities, text, SHARD_PATTERNS);
        for size in 1..=3 {
            let sharded = marks_in_shards_of(entities, text, size);
            assert_eq!(sharded, whole, "shards of {size}: {text}");
        }
        whole
    }

    fn marks_in_shards_of(entities: Entities<'_>, text: &str, shard_patterns: usize) -> String {
        let (matcher, gazetteer) = matcher_in_shards_of(entities, shard_patterns);
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
    fn shards_stay_small_whatever_the_gazetteer() {
        // Surface forms sharing prefixes, as in the gazetteers whose single automaton took
        // minutes to build: shards of a bounded size keep building linear.
        let names: Vec<[String; 2]> = (0..SHARD_PATTERNS)
            .map(|i| [format!("Name{i}x Q"), format!("Al{i}")])
            .collect();
        let ids: Vec<String> = (0..names.len()).map(|i| format!("e{i}")).collect();
        let surfaces: Vec<[&str; 2]> = names
            .iter()
            .map(|[a, b]| [a.as_str(), b.as_str()])
            .collect();
        let entities: Vec<(&str, bool, &[&str])> = ids
            .iter()
            .zip(&surfaces)
            .map(|(id, surfaces)| (id.as_str(), false, &surfaces[..]))
            .collect();
        let (matcher, gazetteer) = matcher(&entities);
        let exact = matcher.exact.as_ref().unwrap();
        assert_eq!(exact.shards.len(), 2);
        assert!(
            exact
                .shards
                .iter()
                .all(|shard| shard.entities.len() <= SHARD_PATTERNS)
        );
        let found: Vec<&str> = matcher
            .find("Al0, Name8191x Q and Al81910 met Al4096.")
            .iter()
            .map(|mention| gazetteer.entity(mention.entity).id.as_str())
            .collect();
        assert_eq!(found, ["e0", "e8191", "e4096"]);
    }

    #[test]
    fn the_word_mask_marks_ascii_letters_and_digits() {
        for byte in 0..=u8::MAX {
            let chunk = [byte, b' ', byte, 0xC3, 0xA9, b'Z', b'0', b'~'];
            let expected = chunk.iter().enumerate().fold(0u64, |mask, (i, b)| {
                mask | (u64::from(b.is_ascii_alphanumeric()) << (8 * i + 7))
            });
            assert_eq!(
                ascii_alnum_mask(u64::from_le_bytes(chunk)),
                expected,
                "byte {byte:#x}"
            );
        }
    }

    #[test]
    fn mentions_across_the_scanned_blocks_are_found_whatever_the_alignment() {
        let (matcher, _) = matcher(&[("g", false, &["Gaza Strip"]), ("h", false, &["Hamas"])]);
        let piece = "Gaza Strip and Hamas; ";
        let repeats = 3 * BLOCK / piece.len();
        for pad in 0..70 {
            let text = " ".repeat(pad) + &piece.repeat(repeats);
            let expected: Vec<Range<usize>> = (0..repeats)
                .flat_map(|i| {
                    let at = pad + i * piece.len();
                    [at..at + 10, at + 15..at + 20]
                })
                .collect();
            let found: Vec<Range<usize>> = matcher.find(&text).iter().map(Mention::range).collect();
            assert_eq!(found, expected, "padding {pad}");
        }
    }

    #[test]
    fn a_limit_keeps_the_first_mentions_and_counts_the_rest() {
        let (matcher, _) = matcher(&[("h", false, &["Hamas"])]);
        let line = "Hamas and Hamas.\n";
        // One piece, then several pieces of whole lines, searched a wave of them at a time.
        for repeats in [3, 3 * PARALLEL_THRESHOLD / line.len() + 7] {
            let text = line.repeat(repeats);
            let all = matcher.find(&text);
            assert_eq!(all.len(), 2 * repeats);
            for limit in [0, 1, all.len() / 2, all.len() - 1, all.len(), all.len() + 5] {
                let found = matcher.find_at_most(&text, limit);
                let kept = limit.min(all.len());
                assert_eq!(found.mentions, all[..kept], "limit {limit}");
                assert_eq!(found.left_out, all.len() - kept, "limit {limit}");
            }
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
        let mut serial = Found::default();
        matcher.find_in_chunk(&text, 0, usize::MAX, &mut serial);
        assert_eq!(matcher.find(&text), serial.mentions);
        assert_eq!(serial.mentions.len(), 3 * text.lines().count());
    }
}
