//! Two passages side by side: which words of each the other lacks (a word diff).
//!
//! Words are compared normalized as the retold passages compare them (lower case, `’` as `'`,
//! no points: `U.S.` and `US` are one word); punctuation and spacing are not words, so they
//! never differ. The alignment is `similar`'s patience diff over the words, which keeps the
//! runs two retellings share together; what differs is returned as runs of words, each from
//! the first differing word's first byte to the last one's end.

use crate::insight::paragraph_within;
use crate::reuse::{normalize, word_spans};
use rustc_hash::FxHashMap;
use similar::{Algorithm, DiffOp};
use std::ops::Range;

/// Bytes either side of a mention that the compared paragraph around it keeps at most.
pub const REACH: usize = 2048;

/// The differing words of two passages: runs of words, as byte ranges of each passage's
/// text, sorted and disjoint.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordDiff {
    /// The runs of the first passage the second lacks.
    pub a: Vec<Range<usize>>,
    /// The runs of the second passage the first lacks.
    pub b: Vec<Range<usize>>,
}

/// How many words `runs` of `text` hold (runs out of `text` count none).
pub fn words_in(text: &str, runs: impl IntoIterator<Item = Range<usize>>) -> usize {
    runs.into_iter()
        .filter_map(|run| text.get(run))
        .map(|run| word_spans(run).count())
        .sum()
}

/// The paragraph around `range` of `text` that a side by side comparison diffs: the line
/// holding it, cut to [`REACH`] bytes either side.
pub fn passage_around(text: &str, range: Range<usize>) -> Range<usize> {
    paragraph_within(text, range, REACH)
}

/// The first `2 × REACH` bytes of `range` of `text` (a whole sentence when it is shorter), cut at
/// a character boundary: what a side by side comparison diffs of a retold sentence.
pub fn clipped(text: &str, range: Range<usize>) -> Range<usize> {
    let mut end = range
        .end
        .min(range.start.saturating_add(2 * REACH))
        .min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    range.start..end.max(range.start)
}

/// The words of `a` that `b` lacks and those of `b` that `a` lacks.
///
/// The passages are bounded ([`passage_around`], [`clipped`]), so the diff's time is too, and it
/// is exact: no deadline makes it depend on how busy the machine is.
pub fn word_diff(a: &str, b: &str) -> WordDiff {
    let mut ids = FxHashMap::default();
    let mut normalized = String::new();
    let mut words = |text: &str| -> (Vec<Range<usize>>, Vec<u32>) {
        let spans: Vec<Range<usize>> = word_spans(text).collect();
        let tokens = spans
            .iter()
            .map(|span| {
                normalize(&text[span.clone()], &mut normalized);
                let next = u32::try_from(ids.len()).unwrap_or(u32::MAX);
                *ids.entry(normalized.clone()).or_insert(next)
            })
            .collect();
        (spans, tokens)
    };
    let (a_spans, a_words) = words(a);
    let (b_spans, b_words) = words(b);
    let ops = similar::capture_diff_slices(Algorithm::Patience, &a_words, &b_words);
    let (mut a_marked, mut b_marked) = (vec![false; a_words.len()], vec![false; b_words.len()]);
    for op in ops {
        let (old, new) = (op.old_range(), op.new_range());
        if !matches!(op, DiffOp::Equal { .. }) {
            a_marked[old].fill(true);
            b_marked[new].fill(true);
        }
    }
    WordDiff {
        a: runs(&a_spans, &a_marked),
        b: runs(&b_spans, &b_marked),
    }
}

/// Consecutive marked words joined into runs.
fn runs(spans: &[Range<usize>], marked: &[bool]) -> Vec<Range<usize>> {
    let mut runs: Vec<Range<usize>> = Vec::new();
    let mut previous = false;
    for (span, &mark) in spans.iter().zip(marked) {
        match (mark, previous, runs.last_mut()) {
            (true, true, Some(run)) => run.end = span.end,
            (true, _, _) => runs.push(span.clone()),
            _ => {}
        }
        previous = mark;
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` with each run in brackets.
    fn marked(text: &str, runs: &[Range<usize>]) -> String {
        let mut out = String::new();
        let mut last = 0;
        for run in runs {
            out.push_str(&text[last..run.start]);
            out.push('[');
            out.push_str(&text[run.clone()]);
            out.push(']');
            last = run.end;
        }
        out.push_str(&text[last..]);
        out
    }

    #[test]
    fn differing_words_are_marked_as_runs_on_their_own_side() {
        let table = [
            // identical
            (
                "Boehler met Hamas.",
                "Boehler met Hamas.",
                "Boehler met Hamas.",
                "Boehler met Hamas.",
            ),
            // a word replaced
            (
                "Boehler met Hamas.",
                "Boehler called Hamas.",
                "Boehler [met] Hamas.",
                "Boehler [called] Hamas.",
            ),
            // words inserted: only the longer side is marked
            (
                "Dermer called Boehler.",
                "Dermer angrily called Boehler on Friday.",
                "Dermer called Boehler.",
                "Dermer [angrily] called Boehler [on Friday].",
            ),
            // case, points, curly apostrophes and punctuation are not differences
            (
                "The U.S. envoy’s talks, in Doha",
                "the US envoy's talks in Doha!",
                "The U.S. envoy’s talks, in Doha",
                "the US envoy's talks in Doha!",
            ),
            // a run of changed words is one mark, spaces inside included
            (
                "a senior Hamas political official",
                "one of Hamas’ most senior political officials",
                "[a] senior [Hamas] political [official]",
                "[one of Hamas’ most] senior political [officials]",
            ),
            // nothing to compare with
            ("", "Witkoff said", "", "[Witkoff said]"),
            // Unicode words, with their bytes right
            (
                "José met Ünal",
                "José met Ana",
                "José met [Ünal]",
                "José met [Ana]",
            ),
        ];
        for (a, b, want_a, want_b) in table {
            let diff = word_diff(a, b);
            assert_eq!(marked(a, &diff.a), want_a, "{a:?} / {b:?}");
            assert_eq!(marked(b, &diff.b), want_b, "{a:?} / {b:?}");
        }
    }

    #[test]
    fn counts_the_differing_words_of_each_side() {
        let (a, b) = (
            "Boehler met Hamas",
            "Boehler secretly met with Hamas leaders",
        );
        let diff = word_diff(a, b);
        assert_eq!((words_in(a, diff.a), words_in(b, diff.b.clone())), (0, 3));
        assert_eq!(
            words_in(b, std::iter::once(0..100)),
            0,
            "a run out of the text"
        );
    }

    #[test]
    fn a_long_sentence_is_clipped_at_a_character_boundary() {
        let text = format!("ab{}", "é".repeat(2 * REACH));
        let range = clipped(&text, 1..text.len());
        assert_eq!(range.start, 1);
        assert!(range.len() <= 2 * REACH && range.len() >= 2 * REACH - 1);
        assert!(text.is_char_boundary(range.end));
        assert_eq!(clipped("short one", 0..5), 0..5);
    }

    #[test]
    fn the_passage_is_the_line_around_cut_to_its_reach() {
        let text = "first line\nsecond line with Witkoff in it\nthird";
        let at = text.find("Witkoff").unwrap();
        let passage = passage_around(text, at..at + 7);
        assert_eq!(&text[passage], "second line with Witkoff in it");
        let long = format!("{}Witkoff{}", "é".repeat(REACH), "x ".repeat(REACH));
        let at = long.find("Witkoff").unwrap();
        let passage = passage_around(&long, at..at + 7);
        assert!(passage.start >= at - REACH && passage.end <= at + 7 + REACH);
        assert!(long.is_char_boundary(passage.start));
        assert_eq!(&long[at..at + 7], "Witkoff");
    }
}
