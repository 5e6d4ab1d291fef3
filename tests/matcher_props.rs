//! The matcher against a deliberately simple reading of spec §4, on random texts and aliases.

#[path = "support/brute_force.rs"]
mod brute_force;

use brute_force::{both_readings, gazetteer_of};
use proptest::prelude::*;

/// Characters chosen to make boundaries interesting: letters, a combining mark, punctuation
/// that is not a word character, a digit, a non-Latin letter, spaces.
const ALPHABET: &[char] = &[
    'G', 'a', 'z', 'A', 'S', 's', 't', ' ', ' ', '-', '.', '’', '_', '1', 'é', '\u{301}', 'ש', 'İ',
    'K',
];

fn word() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(ALPHABET), 1..5)
        .prop_map(|chars| chars.into_iter().collect())
}

/// An alias: one to three words, trimmed, never empty.
fn alias() -> impl Strategy<Value = String> {
    prop::collection::vec(word(), 1..3)
        .prop_map(|words| words.join(" ").trim().to_owned())
        .prop_filter("non-empty", |alias| !alias.is_empty())
}

/// Gazetteer entries: `(surfaces, case_insensitive)`; each surface string is used only once.
fn entries() -> impl Strategy<Value = Vec<(Vec<String>, bool)>> {
    prop::collection::vec(
        (
            prop::collection::vec(alias(), 1..4),
            prop::bool::weighted(0.3),
        ),
        1..6,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn matches_the_brute_force_reading_of_the_spec(
        entries in entries(),
        words in prop::collection::vec(word(), 0..30),
    ) {
        let text = gazette::text::clean(words.join(" ").as_bytes()).text;
        let gazetteer = gazetteer_of(&entries);
        prop_assume!(gazetteer.is_some());
        let (found, expected) = both_readings(&gazetteer.unwrap(), &text);
        prop_assert_eq!(found, expected, "text {:?}", text);
    }
}
