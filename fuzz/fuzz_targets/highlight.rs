//! Random surface forms and text: the matcher finds exactly what the literal reading of
//! spec §4 finds.

#![no_main]

#[path = "../../tests/support/brute_force.rs"]
mod brute_force;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Case {
    entities: Vec<(Vec<String>, bool)>,
    text: String,
}

fuzz_target!(|case: Case| {
    let text = gazette::text::clean(case.text.as_bytes()).text;
    let entries: Vec<(Vec<String>, bool)> = case
        .entities
        .into_iter()
        .take(8)
        .map(|(aliases, folded)| {
            let short = aliases.into_iter().take(4).filter(|a| a.len() <= 64).collect();
            (short, folded)
        })
        .collect();
    let Some(gazetteer) = brute_force::gazetteer_of(&entries) else { return };
    let (found, expected) = brute_force::both_readings(&gazetteer, &text);
    assert_eq!(found, expected);
});
