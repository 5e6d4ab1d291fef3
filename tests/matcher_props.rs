//! The matcher against a deliberately simple reading of spec §4, on random texts and aliases.

#[path = "support/brute_force.rs"]
mod brute_force;

use brute_force::{brute_force, fold};
use gazette::gazetteer::{Gazetteer, LayerSource};
use gazette::matcher::Matcher;
use proptest::prelude::*;
use std::collections::HashSet;

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
        let mut seen = HashSet::new();
        let mut seen_folded = HashSet::new();
        let mut json_entities = Vec::new();
        let mut surfaces = Vec::new();
        for (index, (aliases, case_insensitive)) in entries.iter().enumerate() {
            let aliases: Vec<String> = aliases
                .iter()
                .map(|a| gazette::text::clean(a.as_bytes()).text.trim().to_owned())
                .filter(|a| !a.is_empty() && seen.insert(a.clone()))
                .filter(|a| !case_insensitive || seen_folded.insert(fold(a)))
                .collect();
            let Some((name, rest)) = aliases.split_first() else { continue };
            let entity = u32::try_from(json_entities.len()).unwrap();
            json_entities.push(serde_json::json!({
                "id": format!("e{index}"), "name": name, "kind": "misc",
                "aliases": rest, "case_insensitive": case_insensitive,
            }));
            surfaces.extend(aliases.iter().map(|a| (a.clone(), entity, *case_insensitive)));
        }
        prop_assume!(!json_entities.is_empty());
        let layer = LayerSource {
            label: "prop".into(),
            bytes: serde_json::json!({ "entities": json_entities }).to_string().into_bytes(),
        };
        let gazetteer = Gazetteer::load(&[layer]).unwrap();
        let matcher = Matcher::new(&gazetteer).unwrap();
        let found: Vec<(usize, usize, u32)> = matcher
            .find(&text)
            .iter()
            .map(|m| (m.start as usize, m.end as usize, m.entity))
            .collect();
        prop_assert_eq!(found, brute_force(&text, &surfaces), "text {:?}, surfaces {:?}", text, surfaces);
    }
}
