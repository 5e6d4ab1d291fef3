//! The words of sentences as numbers: normalized (lower case, `’` as `'`, no points, so
//! `U.S.` is `us`) and interned, so sentences compare and hash as small integer slices.

use crate::text::is_word_char;
use rustc_hash::FxHashMap;
use std::ops::Range;

/// A word's number.
pub type Word = u32;

/// Words that carry no sign of retelling on their own.
const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "of", "to", "in", "on", "and", "or", "for", "with", "by", "at", "from", "as",
    "is", "was", "were", "be", "been", "are", "that", "this", "it", "its", "he", "she", "they",
    "we", "i", "you", "his", "her", "their", "our", "but", "not", "no", "have", "has", "had",
    "will", "would", "could", "should", "about", "into", "after", "before", "over", "than", "then",
    "there", "here", "which", "who", "whom", "what", "when", "where", "while", "also", "said",
    "says", "told", "if", "so", "do", "did", "does", "can", "all", "any", "more", "up", "out",
    "them", "him", "my", "your", "these", "those", "such", "only", "just", "s", "it's", "that's",
    "there's", "we're", "they're", "i'm", "don't", "we'll", "i'll", "he's",
];

/// The byte ranges of the words of `body`: runs of word characters, with `’`, `'` and `.`
/// between two word characters kept inside (`Hamas’s`, `U.S`).
pub fn word_spans(body: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = None;
    body.char_indices()
        .chain(std::iter::once((body.len(), ' ')))
        .filter_map(move |(at, c)| {
            let joins = matches!(c, '’' | '\'' | '.')
                && start.is_some()
                && body[at + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(is_word_char);
            match (start, is_word_char(c) || joins) {
                (None, true) => {
                    start = Some(at);
                    None
                }
                (Some(from), false) => {
                    start = None;
                    Some(from..at)
                }
                _ => None,
            }
        })
}

/// Writes `word` normalized into `out` (cleared first): lower case, `’` as `'`, no points.
pub fn normalize(word: &str, out: &mut String) {
    out.clear();
    for c in word.chars() {
        match c {
            '.' => {}
            '’' => out.push('\''),
            c => out.extend(c.to_lowercase()),
        }
    }
}

/// Every word seen, numbered in order of appearance.
#[derive(Debug, Default)]
pub struct Vocabulary {
    ids: FxHashMap<Box<str>, Word>,
    stop: Vec<bool>,
    normalized: String,
}

impl Vocabulary {
    /// Appends the words of `text[range]` to `words`, and where each starts to `starts`.
    pub fn split(
        &mut self,
        text: &str,
        range: Range<usize>,
        words: &mut Vec<Word>,
        starts: &mut Vec<usize>,
    ) {
        for span in word_spans(&text[range.clone()]) {
            words.push(self.intern(&text[range.start + span.start..range.start + span.end]));
            starts.push(range.start + span.start);
        }
    }

    fn intern(&mut self, word: &str) -> Word {
        normalize(word, &mut self.normalized);
        if let Some(&id) = self.ids.get(self.normalized.as_str()) {
            return id;
        }
        let id = Word::try_from(self.stop.len()).expect("fewer than 2^32 distinct words");
        self.stop
            .push(STOP_WORDS.contains(&self.normalized.as_str()));
        self.ids.insert(self.normalized.as_str().into(), id);
        id
    }

    /// Whether `word` is a stop word.
    pub fn is_stop(&self, word: Word) -> bool {
        self.stop[word as usize]
    }

    /// How many distinct words there are.
    pub fn count(&self) -> usize {
        self.stop.len()
    }
}
