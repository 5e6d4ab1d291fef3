//! One pass over an article: the capitalised runs that may be names, cut at titles, em dashes
//! and punctuation, each with what its context says about its kind and a descriptor.

use super::tokens::{Class, Token, tokenize};
use super::words;
use crate::matcher::Mention;
use rustc_hash::FxHashMap;
use std::hash::BuildHasher;
use std::ops::Range;

/// Evidence for each kind: person, organization, place, misc.
pub type Votes = [i32; 4];

pub const PERSON: usize = 0;
pub const ORGANIZATION: usize = 1;
pub const PLACE: usize = 2;
pub const MISC: usize = 3;

/// What the corpus says about one written form.
#[derive(Debug, Clone, Default)]
pub struct Stats {
    /// How often it occurs.
    pub count: u32,
    /// How often at a sentence start or in a headline, where any word is capitalised.
    pub initial: u32,
    /// What its contexts say about its kind.
    pub votes: Votes,
    /// The earliest descriptor seen beside it ("US hostage envoy"), with where it was seen.
    pub descriptor: Option<((usize, usize), String)>,
    /// An acronym given in brackets after it ("Israel Defense Forces (IDF)").
    pub acronym: Option<String>,
    /// How often in a line that shouts (several words in capitals).
    pub shouted: u32,
    /// How often in a headline.
    pub headline: u32,
    /// How often right after a title ("President Biden").
    pub titled: u32,
}

impl Stats {
    /// Adds what `other` says about the same form.
    pub fn merge(&mut self, other: Stats) {
        self.count += other.count;
        self.initial += other.initial;
        self.shouted += other.shouted;
        self.headline += other.headline;
        self.titled += other.titled;
        for (vote, more) in self.votes.iter_mut().zip(other.votes) {
            *vote += more;
        }
        if let Some(theirs) = other.descriptor
            && self
                .descriptor
                .as_ref()
                .is_none_or(|ours| theirs.0 < ours.0)
        {
            self.descriptor = Some(theirs);
        }
        if self.acronym.is_none() {
            self.acronym = other.acronym;
        }
    }
}

/// What a stretch of articles holds.
#[derive(Debug, Default)]
pub struct Found<'t> {
    /// Candidate names by their text.
    pub names: FxHashMap<&'t str, Stats>,
    /// How often each word is written in lowercase: an ordinary word, when capitalised, is
    /// not a name.
    pub lowercase: WordCounts,
}

/// The most candidate names kept at once. A story names a few thousand; a text of millions
/// of distinct capitalised runs ("Article 1", "Article 2", …) would otherwise hold them all,
/// and make them all suggestions. Past this many, the rarest are let go (see
/// [`Found::bound`]). A candidate takes about 150 bytes, so a scan holds a few megabytes.
pub const MOST_CANDIDATES: usize = 20_000;

impl<'t> Found<'t> {
    /// Adds what another stretch found.
    pub fn merge(&mut self, other: Found<'t>) {
        for (text, stats) in other.names {
            self.names.entry(text).or_default().merge(stats);
        }
        self.lowercase.merge(other.lowercase);
        self.bound();
    }

    /// Past [`MOST_CANDIDATES`] names, keeps at most half that many: those seen most often.
    /// Names seen as often as the first one let go are let go with it, whatever order they
    /// were found in.
    pub fn bound(&mut self) {
        if self.names.len() <= MOST_CANDIDATES {
            return;
        }
        let mut counts: Vec<u32> = self.names.values().map(|stats| stats.count).collect();
        let dropped = counts.len() - MOST_CANDIDATES / 2;
        let (_, &mut threshold, _) = counts.select_nth_unstable(dropped - 1);
        self.names.retain(|_, stats| stats.count > threshold);
        self.names.shrink_to_fit();
    }
}

/// Counts of words by a 64-bit hash of their text: counting every word of a large corpus
/// is the dear part of a scan, and a hash is cheaper to keep and compare than the text.
#[derive(Debug, Default)]
pub struct WordCounts {
    counts: FxHashMap<u64, u32>,
}

impl WordCounts {
    fn key(word: &str) -> u64 {
        rustc_hash::FxBuildHasher.hash_one(word)
    }

    /// Counts one more `word`.
    pub fn add(&mut self, word: &str) {
        *self.counts.entry(Self::key(word)).or_default() += 1;
    }

    /// How often `word` was counted.
    pub fn get(&self, word: &str) -> u32 {
        self.counts.get(&Self::key(word)).copied().unwrap_or(0)
    }

    fn merge(&mut self, other: WordCounts) {
        for (key, count) in other.counts {
            *self.counts.entry(key).or_default() += count;
        }
    }
}

/// A text longer than this is scanned in pieces of about this size, cut at line breaks (or,
/// on a line that long, at sentence ends), so that its tokens need not all be held at once.
pub const PIECE_BYTES: usize = 1 << 18;

/// The pieces `text` is scanned in: itself when it is short; else stretches of about
/// [`PIECE_BYTES`] (see [`crate::text::pieces`]). Names never run over a line break, so a cut
/// there changes nothing; a cut after a sentence's end opens a sentence, as the text did.
pub fn pieces(text: &str) -> Vec<Range<usize>> {
    crate::text::pieces(text, PIECE_BYTES)
}

/// Scans the piece `within` of one article's `text`, leaving out the known names `known`
/// (all of the article's mentions, in order; those in the piece are found by binary search).
pub fn scan<'t>(
    found: &mut Found<'t>,
    article: usize,
    text: &'t str,
    within: Range<usize>,
    known: &[Mention],
) {
    let offset = within.start;
    let first = known.partition_point(|m| m.range().end <= within.start);
    let covered: Vec<Range<usize>> = known[first..]
        .iter()
        .map(Mention::range)
        .take_while(|range| range.start < within.end)
        .map(|range| range.start.saturating_sub(offset)..range.end - offset)
        .collect();
    scan_piece(found, (article, offset), &text[within], &covered);
    found.bound();
}

/// Scans `text`, the piece of an article at `(article, offset)`.
fn scan_piece<'t>(
    found: &mut Found<'t>,
    (article, offset): (usize, usize),
    text: &'t str,
    covered: &[Range<usize>],
) {
    let tokens = tokenize(text);
    let lines = line_styles(text, &tokens);
    let word = |at: usize| tokens.get(at).map_or("", |t| &text[t.range()]);
    let mut at = 0;
    while at < tokens.len() {
        let token = &tokens[at];
        let this = word(at);
        // Words of one or two letters are never taken for names, so they need no count.
        if token.class == Class::Word && token.range().len() > 2 && is_lowercase_word(this) {
            found.lowercase.add(this);
        }
        if !starts_name(this, token) || is_covered(covered, &token.range()) {
            at += 1;
            continue;
        }
        let end = run_end(text, &tokens, at, covered);
        let scanner = Scanner {
            text,
            tokens: &tokens,
            at: (article, offset),
            line: lines[at],
        };
        for piece in split_at_titles(text, &tokens, at..end) {
            scanner.record(found, &piece);
        }
        at = end.max(at + 1);
    }
}

fn is_lowercase_word(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_lowercase)
}

fn is_covered(covered: &[Range<usize>], range: &Range<usize>) -> bool {
    let after = covered.partition_point(|c| c.end <= range.start);
    covered.get(after).is_some_and(|c| c.start < range.end)
}

/// Whether a token can open a name: a capitalised word that is not a function word.
fn starts_name(word: &str, token: &Token) -> bool {
    // Every token of the corpus comes here: the cheap tests first.
    if token.class != Class::Word
        || !(words::is_capitalised(word)
            || word.bytes().any(|b| b == b'-') && words::is_particle_name(word))
    {
        return false;
    }
    // "I’ll", "They’re": a function word with its contraction.
    let base = before_apostrophe(word);
    !is_not_name_as_written(word) && (base.len() == word.len() || !words::is_not_name(base))
}

/// The word up to its first apostrophe (`'` or `’`), found byte by byte.
fn before_apostrophe(word: &str) -> &str {
    let bytes = word.as_bytes();
    let curly = "’".as_bytes();
    (0..bytes.len())
        .find(|&at| bytes[at] == b'\'' || bytes[at..].starts_with(curly))
        .map_or(word, |at| &word[..at])
}

/// Whether a word, capitals-only words in title case ("THE" → "The"), is no name.
fn is_not_name_as_written(word: &str) -> bool {
    if !(words::is_all_caps(word) && word.chars().count() > 2) {
        return words::is_not_name(word);
    }
    if word.is_ascii() {
        return words::is_not_name_shouted(word);
    }
    words::is_not_name(&words::title_case(word))
}

/// Whether a token continues a name (a capitalised word, or a particle name).
fn continues_name(text: &str, token: &Token) -> bool {
    let word = &text[token.range()];
    starts_name(word, token) && !token.line_start
}

/// The end (exclusive token index) of the run of name words starting at `start`.
fn run_end(text: &str, tokens: &[Token], start: usize, covered: &[Range<usize>]) -> usize {
    let word = |at: usize| &text[tokens[at].range()];
    let usable = |at: usize| at < tokens.len() && !is_covered(covered, &tokens[at].range());
    let mut end = start + 1;
    while usable(end) {
        let token = &tokens[end];
        if continues_name(text, token) {
            end += 1;
            continue;
        }
        let next_continues = usable(end + 1) && continues_name(text, &tokens[end + 1]);
        let connector = !token.line_start
            && (matches!(token.class, Class::Word)
                && words::is_connector(word(end))
                && (word(end) != "of" || words::takes_of(word(end - 1)))
                || token.class == Class::Punct('&'));
        // "Secretary of the Navy": one connector, or "of the".
        if connector && next_continues {
            end += 1;
            continue;
        }
        if connector
            && word(end) == "of"
            && usable(end + 2)
            && word(end + 1) == "the"
            && continues_name(text, &tokens[end + 2])
        {
            end += 2;
            continue;
        }
        // "Channel 13": a number after a word that takes one.
        if token.class == Class::Number
            && !token.line_start
            && words::is_numbered(word(end - 1))
            && !(usable(end + 1) && continues_name(text, &tokens[end + 1]))
        {
            end += 1;
        }
        // "Prime Minister’s Office".
        if token.class == Class::Possessive
            && words::is_title(word(end - 1))
            && usable(end + 1)
            && words::is_organization_word(word(end + 1))
        {
            end += 2;
            continue;
        }
        break;
    }
    end
}

/// A run's pieces without its titles: "White House Press Secretary Karoline Leavitt" →
/// "White House", then "Karoline Leavitt" (after a title). Titles before a name of an
/// organization stay ("Foreign Ministry", "Prime Minister’s Office").
fn split_at_titles(text: &str, tokens: &[Token], run: Range<usize>) -> Vec<Piece> {
    let word = |at: usize| &text[tokens[at].range()];
    let last = run.end - 1;
    if words::is_organization_word(word(last)) || words::is_misc_word(word(last)) {
        let first_title = (run.start..run.end).find(|&at| words::is_title(word(at)));
        // A title opening an organization's name is part of it; after other words it is not
        // ("White House Press Office" keeps all).
        if first_title.is_none()
            || first_title == Some(run.start)
            || !has_name_after(text, tokens, run.clone())
        {
            // "Israeli Prime Minister’s Office": the people before the title are not its name.
            let lists = super::reference::reference();
            let start = first_title
                .filter(|&title| (run.start..title).all(|at| lists.is_demonym(word(at))))
                .unwrap_or(run.start);
            return trimmed(text, tokens, start..run.end, false)
                .into_iter()
                .collect();
        }
    }
    let mut pieces = Vec::new();
    let mut start = run.start;
    let mut after_title = false;
    let mut at = run.start;
    while at < run.end {
        if words::is_title(word(at)) {
            // "Secretary of State Marco Rubio": "of" and one word belong to the title when a
            // name follows them.
            let mut title_end = at + 1;
            while title_end < run.end && words::is_title(word(title_end)) {
                title_end += 1;
            }
            // A name known already may follow the run: "Secretary of State [Marco Rubio]".
            let name_follows = |at: usize| {
                at < run.end
                    || tokens.get(at).is_some_and(|t| {
                        t.class == Class::Word && words::is_capitalised(&text[t.range()])
                    })
            };
            if title_end + 2 <= run.end && name_follows(title_end + 2) && word(title_end) == "of" {
                title_end += 2;
            }
            pieces.extend(trimmed(text, tokens, start..at, after_title));
            after_title = true;
            start = title_end;
            at = title_end;
            continue;
        }
        at += 1;
    }
    pieces.extend(trimmed(text, tokens, start..run.end, after_title));
    pieces
}

/// Whether a run holds a capitalised non-title word after its first title.
fn has_name_after(text: &str, tokens: &[Token], run: Range<usize>) -> bool {
    let word = |at: usize| &text[tokens[at].range()];
    let Some(title) = run.clone().find(|&at| words::is_title(word(at))) else {
        return false;
    };
    (title..run.end - 1).any(|at| !words::is_title(word(at)) && words::is_capitalised(word(at)))
}

/// A piece of a run: token indices, and whether a title came just before it.
#[derive(Debug, Clone)]
struct Piece {
    tokens: Range<usize>,
    after_title: bool,
}

/// The piece without connectors at either end, if anything is left.
fn trimmed(
    text: &str,
    tokens: &[Token],
    mut range: Range<usize>,
    after_title: bool,
) -> Option<Piece> {
    let is_connector = |at: usize| {
        let token = &tokens[at];
        matches!(token.class, Class::Punct(_) | Class::Possessive)
            || words::is_connector(&text[token.range()])
    };
    while range.start < range.end && is_connector(range.start) {
        range.start += 1;
    }
    while range.start < range.end && is_connector(range.end - 1) {
        range.end -= 1;
    }
    (range.start < range.end).then_some(Piece {
        tokens: range,
        after_title,
    })
}

/// How a line is written.
#[derive(Debug, Clone, Copy, Default)]
struct LineStyle {
    /// Two words or more, most capitalised: a headline, where capitals say little.
    headline: bool,
    /// Four words or more in capitals only: shouting (or a headline in capitals).
    shouting: bool,
    /// Three numbers or more, and at least half as many numbers as words: a table of results.
    table: bool,
}

/// For each token, how its line is written.
fn line_styles(text: &str, tokens: &[Token]) -> Vec<LineStyle> {
    let mut marks = vec![LineStyle::default(); tokens.len()];
    let mut line_start = 0;
    for at in 0..=tokens.len() {
        if at == tokens.len() || (at > line_start && tokens[at].line_start) {
            let (mut words, mut capitalised, mut caps) = (0, 0, 0);
            let line = &tokens[line_start..at];
            let numbers = line.iter().filter(|t| t.class == Class::Number).count();
            for token in line.iter().filter(|t| t.class == Class::Word) {
                let word = &text[token.range()];
                if words::is_capitalised(word) {
                    capitalised += 1;
                    caps += usize::from(words::is_all_caps(word));
                } else if words::is_connector(word) {
                    continue;
                }
                words += 1;
            }
            marks[line_start..at].fill(LineStyle {
                headline: words >= 2 && capitalised * 4 >= words * 3,
                shouting: caps >= 4,
                table: numbers >= 3 && numbers * 2 >= words,
            });
            line_start = at;
        }
    }
    marks
}

struct Scanner<'t, 'k> {
    text: &'t str,
    tokens: &'k [Token],
    /// The article, and where `text` starts in it.
    at: (usize, usize),
    line: LineStyle,
}

impl<'t> Scanner<'t, '_> {
    fn word(&self, at: usize) -> &'t str {
        self.tokens.get(at).map_or("", |t| &self.text[t.range()])
    }

    fn record(&self, found: &mut Found<'t>, piece: &Piece) {
        let range = self.tokens[piece.tokens.start].range().start
            ..self.tokens[piece.tokens.end - 1].range().end;
        let name = &self.text[range.clone()];
        let initial =
            self.line.headline || (!piece.after_title && self.sentence_start(piece.tokens.start));
        let votes = self.votes(piece);
        let stats = found.names.entry(name).or_default();
        stats.count += 1;
        stats.initial += u32::from(initial);
        stats.shouted += u32::from(self.line.shouting);
        stats.headline += u32::from(self.line.headline);
        stats.titled += u32::from(piece.after_title);
        for (vote, more) in stats.votes.iter_mut().zip(votes) {
            *vote += more;
        }
        if stats.acronym.is_none() {
            stats.acronym = self.acronym_after(piece.tokens.end);
        }
        if stats.descriptor.is_none() {
            stats.descriptor = self
                .descriptor(piece)
                .map(|descriptor| ((self.at.0, self.at.1 + range.start), descriptor));
        }
    }

    /// Whether the token at `at` opens a sentence (after quotes or brackets that do).
    fn sentence_start(&self, mut at: usize) -> bool {
        loop {
            if self.tokens[at].line_start || at == 0 {
                return true;
            }
            match self.tokens[at - 1].class {
                Class::Punct('.' | '!' | '?' | ':' | ';' | '…' | '•' | '“' | '‘' | '"') => {
                    return true;
                }
                // "VALMORA — Thousands": a dateline's dash opens the story.
                Class::Punct('–' | '—')
                    if at >= 2
                        && self.tokens[at - 2].line_start
                        && words::is_all_caps(self.word(at - 2)) =>
                {
                    return true;
                }
                Class::Punct('”' | '’' | '\'' | '(' | '[' | '–' | '—' | '-') => at -= 1,
                _ => return false,
            }
        }
    }

    /// What the words around a piece say about its kind.
    fn votes(&self, piece: &Piece) -> Votes {
        let mut votes = [0; 4];
        if piece.after_title {
            votes[PERSON] += 3;
        }
        let before = piece
            .tokens
            .start
            .checked_sub(1)
            .map_or("", |at| self.word(at));
        let after = self.word(piece.tokens.end);
        match before {
            "in" | "at" | "near" | "inside" | "outside" | "throughout" => votes[PLACE] += 2,
            word if words::is_place_cue(word) => votes[PLACE] += 1,
            "the" if !words::is_personal_noun(after) => votes[ORGANIZATION] += 1,
            word if words::is_role_noun(word) && is_lowercase_word(word) => votes[PERSON] += 2,
            _ => {}
        }
        if words::is_person_verb(after) || words::is_personal_noun(after) {
            votes[PERSON] += 1;
        }
        if words::is_group_noun(after) || after == "news" || after == "-based" {
            votes[ORGANIZATION] += 1;
        }
        // "CHICAGO 65 47 .580": a name followed by its figures in a table is a team's.
        let figures = self
            .tokens
            .get(piece.tokens.end)
            .is_some_and(|t| t.class == Class::Number);
        if self.line.table && figures {
            votes[ORGANIZATION] += 2;
        }
        votes
    }

    /// An acronym in brackets right after the name: "Israel Defense Forces (IDF)".
    fn acronym_after(&self, at: usize) -> Option<String> {
        (self.word(at) == "(" && self.word(at + 2) == ")" && words::is_all_caps(self.word(at + 1)))
            .then(|| self.word(at + 1).to_owned())
    }

    /// The words before a name that describe it ("US hostage envoy", "Hamas spokesperson"),
    /// or an apposition after it (", a senior Hamas political official").
    fn descriptor(&self, piece: &Piece) -> Option<String> {
        self.descriptor_before(piece.tokens.start)
            .or_else(|| self.apposition_after(piece.tokens.end))
    }

    fn descriptor_before(&self, start: usize) -> Option<String> {
        const STOP: &[&str] = &[
            "the", "a", "an", "of", "and", "his", "her", "its", "their", "with", "by", "to", "for",
            "said", "that", "which", "as", "on", "in", "from", "at", "but", "or", "when", "told",
        ];
        if start == 0 || !words::is_role_noun(self.word(start - 1)) {
            return None;
        }
        let mut first = start;
        while first > 0 && start - first < 5 {
            let token = &self.tokens[first - 1];
            let word = self.word(first - 1);
            let fits = match token.class {
                Class::Word => !STOP.contains(&word) && !words::is_not_name(word),
                Class::Possessive => true,
                _ => false,
            };
            if !fits || self.tokens[first].line_start {
                break;
            }
            first -= 1;
        }
        while first < start && self.tokens[first].class == Class::Possessive {
            first += 1;
        }
        (first < start).then(|| {
            self.text[self.tokens[first].range().start..self.tokens[start - 1].range().end]
                .to_owned()
        })
    }

    fn apposition_after(&self, end: usize) -> Option<String> {
        if self.word(end) != "," || !matches!(self.word(end + 1), "a" | "an" | "the") {
            return None;
        }
        let first = end + 2;
        let mut last = first;
        while last < self.tokens.len() && last - first < 8 {
            let token = &self.tokens[last];
            if !matches!(token.class, Class::Word | Class::Possessive)
                || token.line_start
                || self.word(last) == "and"
            {
                break;
            }
            last += 1;
        }
        let described = (first..last).any(|at| words::is_role_noun(self.word(at)));
        (described && last > first).then(|| {
            self.text[self.tokens[first].range().start..self.tokens[last - 1].range().end]
                .to_owned()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(String, u32)> {
        let mut found = Found::default();
        scan(&mut found, 0, text, 0..text.len(), &[]);
        let mut names: Vec<(String, u32)> = found
            .names
            .iter()
            .map(|(name, stats)| ((*name).to_owned(), stats.initial))
            .collect();
        names.sort();
        names
    }

    /// Every name found and all that is known of it, in a comparable form.
    fn everything(found: &Found) -> Vec<String> {
        let mut all: Vec<String> = found
            .names
            .iter()
            .map(|(name, stats)| format!("{name} {stats:?}"))
            .collect();
        all.sort();
        all
    }

    #[test]
    fn a_long_text_is_cut_after_a_line_break_else_a_sentence_else_a_space_else_anywhere() {
        let line = "Maria Lindqvist met the mayor. ".repeat(PIECE_BYTES / 31 + 10);
        let cases: [(String, &str); 5] = [
            ("Short text.".to_owned(), ""),
            (format!("{line}\nTail."), "\n"),
            (line.clone(), ". "),
            (format!("{}x", "y".repeat(PIECE_BYTES + 10)), ""),
            ("é".repeat(3 * PIECE_BYTES), ""),
        ];
        for (text, cut_after) in cases {
            let pieces = pieces(&text);
            assert_eq!(pieces.first().map(|p| p.start), Some(0));
            assert_eq!(pieces.last().map(|p| p.end), Some(text.len()));
            for pair in pieces.windows(2) {
                assert_eq!(pair[0].end, pair[1].start);
                assert!(text[..pair[0].end].ends_with(cut_after), "{cut_after:?}");
                // At most a character's bytes short of the size asked.
                assert!(pair[0].len() > PIECE_BYTES - 4);
            }
            // No piece is much longer than asked, whatever the text: its tokens are bounded.
            assert!(
                pieces
                    .iter()
                    .all(|p| p.len() <= PIECE_BYTES + PIECE_BYTES / 4 + 1)
            );
            assert_eq!(pieces.len() > 1, text.len() > PIECE_BYTES);
        }
    }

    /// A text of more distinct capitalised runs than [`MOST_CANDIDATES`] keeps a bounded
    /// number of them, the often seen among them.
    #[test]
    fn candidates_are_bounded_and_the_frequent_kept() {
        let mut text = String::new();
        for i in 0..MOST_CANDIDATES + MOST_CANDIDATES / 2 {
            text.push_str("Article ");
            text.push_str(&i.to_string());
            text.push_str(" opened. Then Maria Lindqvist spoke.\n");
        }
        let mut found = Found::default();
        for piece in pieces(&text) {
            scan(&mut found, 0, &text, piece, &[]);
        }
        assert!(
            found.names.len() <= MOST_CANDIDATES,
            "{}",
            found.names.len()
        );
        let lindqvist = &found.names["Maria Lindqvist"];
        assert!(lindqvist.count > 1, "counted across the bound");
        let mut merged = Found::default();
        merged.merge(found);
        assert!(merged.names.contains_key("Maria Lindqvist"));
    }

    /// A huge article scanned in pieces finds what it finds whole: the same names with the
    /// same counts, votes, descriptors (where they were first seen) and acronyms.
    #[test]
    fn scanning_in_pieces_finds_what_scanning_whole_finds() {
        let story = concat!(
            "US hostage envoy Adam Boehler met Hamas in Doha, Qatar. “We talked,” Boehler said. ",
            "The Israel Defense Forces (IDF) said Prime Minister Benjamin Netanyahu objected.\n",
            "WASHINGTON — Secretary of State Marco Rubio spoke to Channel 13 in Port of Valmora.\n"
        );
        for text in [
            story.repeat(12_000),
            story.replace('\n', " ").repeat(12_000),
        ] {
            assert!(text.len() > 2 * PIECE_BYTES);
            let mut whole = Found::default();
            scan_piece(&mut whole, (0, 0), &text, &[]);
            let mut in_pieces = Found::default();
            for piece in pieces(&text) {
                scan(&mut in_pieces, 0, &text, piece, &[]);
            }
            assert_eq!(everything(&whole), everything(&in_pieces));
        }
    }

    fn only(text: &str) -> Vec<String> {
        names(text).into_iter().map(|(name, _)| name).collect()
    }

    #[test]
    fn finds_runs_without_titles_bylines_or_dashes() {
        for (text, expected) in [
            (
                "said Mayor Elena Vasquez-Thorne today",
                vec!["Elena Vasquez-Thorne"],
            ),
            ("By Zoë Brennan\nthe story", vec!["Zoë Brennan"]),
            ("VALMORA — Thousands marched", vec!["Thousands", "VALMORA"]),
            ("met the Port of Valmora staff", vec!["Port of Valmora"]),
            (
                "she met Khalil al-Hayya, a Hamas official",
                vec!["Hamas", "Khalil al-Hayya"],
            ),
            (
                "she met Abdel-Latif al-Qanua there",
                vec!["Abdel-Latif al-Qanua"],
            ),
            ("According to Channel 13 news, it", vec!["Channel 13"]),
            ("told The Times of Israel on", vec!["Times of Israel"]),
            ("with the U.S. on it", vec!["U.S."]),
            (
                "as White House Press Secretary Karoline Leavitt said",
                vec!["Karoline Leavitt", "White House"],
            ),
            (
                "as US Secretary of State Marco Rubio said",
                vec!["Marco Rubio", "US"],
            ),
            (
                "the Prime Minister’s Office indicated",
                vec!["Prime Minister’s Office"],
            ),
            ("the body of Lt. Hadar Goldin is", vec!["Hadar Goldin"]),
            (
                "the Israel Defense Forces (IDF) said",
                vec!["IDF", "Israel Defense Forces"],
            ),
            ("the Foreign Ministry said", vec!["Foreign Ministry"]),
            ("Boehler’s remit and Hamas’ side", vec!["Boehler", "Hamas"]),
        ] {
            assert_eq!(only(text), expected, "{text}");
        }
    }

    #[test]
    fn cuts_a_word_at_its_first_apostrophe() {
        for word in ["I’ll", "They're", "O'Neill’s", "Hamas", "–’", "", "’s"] {
            let plain = word.split(['’', '\'']).next().unwrap_or(word);
            assert_eq!(before_apostrophe(word), plain, "{word}");
        }
    }

    #[test]
    fn knows_sentence_starts_and_headlines() {
        for (text, name, initial) in [
            (
                "“It was hard.” Reflecting on it, she left.",
                "Reflecting",
                1,
            ),
            ("They left. Pressed further, he said", "Pressed", 1),
            ("we met Witkoff there", "Witkoff", 0),
            (
                "Secret Talks in Doha\nThe talks went on.",
                "Secret Talks",
                1,
            ),
            ("– But Netanyahu said", "Netanyahu", 0),
        ] {
            let found = names(text);
            let stats = found.iter().find(|(n, _)| n == name);
            assert_eq!(stats.map(|(_, i)| *i), Some(initial), "{text}: {found:?}");
        }
    }

    #[test]
    fn reads_context_votes_and_descriptors() {
        let mut found = Found::default();
        let text = "Trump hostage envoy Adam Boehler met officials in Doha. Khalil al-Hayya, a senior \
                    Hamas political official and the head, said no.";
        scan(&mut found, 0, text, 0..text.len(), &[]);
        let stats = |name: &str| found.names[name].clone();
        assert_eq!(
            stats("Adam Boehler").descriptor.unwrap().1,
            "Trump hostage envoy"
        );
        assert_eq!(
            stats("Khalil al-Hayya").descriptor.unwrap().1,
            "senior Hamas political official"
        );
        assert!(stats("Doha").votes[PLACE] > 0);
        let mut table = Found::default();
        let standings = "Standings:\nKarsten Dunmore 65 47 12 3\nBy Ann Lee\n";
        scan(&mut table, 0, standings, 0..standings.len(), &[]);
        assert!(table.names["Karsten Dunmore"].votes[ORGANIZATION] > 0);
        assert_eq!(table.names["Ann Lee"].votes[ORGANIZATION], 0);
        assert!(stats("Adam Boehler").votes[PERSON] > 0);
    }
}
