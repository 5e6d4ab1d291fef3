//! Spec §4 read literally, as simply as possible: the reference the matcher is tested
//! against (by the property test and the fuzz target).

/// Simple case folding: each character whose lowercase is one character of the same length.
pub fn fold(text: &str) -> String {
    text.chars()
        .map(|c| {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
                _ => c,
            }
        })
        .collect()
}

/// A word character: general category L*, N* or M* (spec §4). The definition is the
/// library's (`text::is_word_char`, tested against its own table); what this file checks is
/// the matching built on it.
pub fn is_word(c: char) -> bool {
    gazette::text::is_word_char(c)
}

/// Every occurrence whose boundaries hold is a candidate; take the leftmost start, then the
/// longest, then an exact-case match over a case-insensitive one. `surfaces` are
/// `(text, entity, case_insensitive)`.
pub fn brute_force(text: &str, surfaces: &[(String, u32, bool)]) -> Vec<(usize, usize, u32)> {
    let mut candidates = Vec::new();
    for (start, _) in text.char_indices() {
        for (surface, entity, case_insensitive) in surfaces {
            let end = start + surface.len();
            let Some(found) = text.get(start..end) else {
                continue;
            };
            let equal = if *case_insensitive {
                fold(found) == fold(surface)
            } else {
                found == surface
            };
            if !equal {
                continue;
            }
            let before = text[..start].chars().next_back();
            let first = found.chars().next();
            let last = found.chars().next_back();
            let after = text[end..].chars().next();
            let glued =
                |a: Option<char>, b: Option<char>| a.is_some_and(is_word) && b.is_some_and(is_word);
            if !glued(before, first) && !glued(last, after) {
                candidates.push((start, end, *entity, *case_insensitive));
            }
        }
    }
    let mut mentions = Vec::new();
    let mut pos = 0;
    loop {
        let best = candidates
            .iter()
            .filter(|c| c.0 >= pos)
            .min_by_key(|c| (c.0, std::cmp::Reverse(c.1), c.3));
        let Some(&(start, end, entity, _)) = best else {
            return mentions;
        };
        mentions.push((start, end, entity));
        pos = end;
    }
}

/// A gazetteer from generated entries `(aliases, case_insensitive)`: each alias cleaned like
/// article text and trimmed, each used once (and once ignoring case among case-insensitive
/// ones); entries left with no alias are dropped. `None` when nothing is left or it does not
/// load.
pub fn gazetteer_of(entries: &[(Vec<String>, bool)]) -> Option<gazette::gazetteer::Gazetteer> {
    use std::collections::HashSet;
    let mut seen = HashSet::new();
    let mut seen_folded = HashSet::new();
    let mut entities = Vec::new();
    for (aliases, case_insensitive) in entries {
        let aliases: Vec<String> = aliases
            .iter()
            .map(|a| gazette::text::clean(a.as_bytes()).text.trim().to_owned())
            .filter(|a| !a.is_empty() && !a.contains('\n') && seen.insert(a.clone()))
            .filter(|a| !case_insensitive || seen_folded.insert(fold(a)))
            .collect();
        let Some((name, rest)) = aliases.split_first() else {
            continue;
        };
        entities.push(serde_json::json!({
            "id": format!("e{}", entities.len()), "name": name, "kind": "misc",
            "aliases": rest, "case_insensitive": case_insensitive,
        }));
    }
    if entities.is_empty() {
        return None;
    }
    let layer = gazette::gazetteer::LayerSource {
        label: "generated".into(),
        bytes: serde_json::json!({ "entities": entities })
            .to_string()
            .into_bytes(),
    };
    gazette::gazetteer::Gazetteer::load(&[layer]).ok()
}

/// A mention as `(start, end, entity)`.
pub type Found = (usize, usize, u32);

/// The matcher's mentions and the reference's, on the surfaces as loaded.
pub fn both_readings(
    gazetteer: &gazette::gazetteer::Gazetteer,
    text: &str,
) -> (Vec<Found>, Vec<Found>) {
    let surfaces: Vec<(String, u32, bool)> = gazetteer
        .surfaces
        .iter()
        .map(|s| {
            (
                s.text.clone(),
                s.entity,
                gazetteer.entity(s.entity).case_insensitive,
            )
        })
        .collect();
    let matcher = gazette::matcher::Matcher::new(gazetteer).expect("a loaded gazetteer compiles");
    let found = matcher
        .find(text)
        .iter()
        .map(|m| (m.start as usize, m.end as usize, m.entity))
        .collect();
    (found, brute_force(text, &surfaces))
}
