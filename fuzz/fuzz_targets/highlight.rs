//! Random surface forms and text: the matcher finds exactly what the literal reading of
//! spec §4 finds.

#![no_main]

#[path = "../../tests/support/brute_force.rs"]
mod brute_force;

use arbitrary::Arbitrary;
use gazette::gazetteer::{Gazetteer, LayerSource};
use gazette::matcher::Matcher;
use libfuzzer_sys::fuzz_target;
use std::collections::HashSet;

#[derive(Debug, Arbitrary)]
struct Case {
    entities: Vec<(Vec<String>, bool)>,
    text: String,
}

fuzz_target!(|case: Case| {
    let text = gazette::text::clean(case.text.as_bytes()).text;
    let mut seen = HashSet::new();
    let mut seen_folded = HashSet::new();
    let mut entities = Vec::new();
    let mut surfaces = Vec::new();
    for (aliases, case_insensitive) in case.entities.iter().take(8) {
        let aliases: Vec<String> = aliases
            .iter()
            .take(4)
            .map(|a| gazette::text::clean(a.as_bytes()).text.trim().to_owned())
            .filter(|a| !a.is_empty() && !a.contains('\n') && a.len() <= 64)
            .filter(|a| seen.insert(a.clone()))
            .filter(|a| !case_insensitive || seen_folded.insert(brute_force::fold(a)))
            .collect();
        let Some((name, rest)) = aliases.split_first() else { continue };
        let entity = u32::try_from(entities.len()).unwrap();
        entities.push(serde_json::json!({
            "id": format!("e{entity}"), "name": name, "kind": "misc",
            "aliases": rest, "case_insensitive": case_insensitive,
        }));
        surfaces.extend(aliases.iter().map(|a| (a.clone(), entity, *case_insensitive)));
    }
    if entities.is_empty() {
        return;
    }
    let layer = LayerSource {
        label: "fuzz".into(),
        bytes: serde_json::json!({ "entities": entities }).to_string().into_bytes(),
    };
    let Ok(gazetteer) = Gazetteer::load(&[layer]) else { return };
    // Validation may normalise a surface further; compare on what was loaded.
    let loaded: Vec<(String, u32, bool)> = gazetteer
        .surfaces
        .iter()
        .map(|s| (s.text.clone(), s.entity, gazetteer.entity(s.entity).case_insensitive))
        .collect();
    let _ = surfaces;
    let matcher = Matcher::new(&gazetteer).unwrap();
    let found: Vec<(usize, usize, u32)> = matcher
        .find(&text)
        .iter()
        .map(|m| (m.start as usize, m.end as usize, m.entity))
        .collect();
    assert_eq!(found, brute_force::brute_force(&text, &loaded));
});
