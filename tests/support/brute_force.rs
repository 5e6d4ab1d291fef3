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
