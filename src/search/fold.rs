//! Folding for search: straight and curly apostrophes and quotes match each other, as do
//! the dashes; with case ignored, letters fold to lower case (any script, where the lower
//! case is one character). A folded text keeps a map back to the original's byte offsets.

/// One character as search compares it.
pub fn fold_char(c: char, ignore_case: bool) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '\u{02bc}' => '\'',
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe58}' | '\u{fe63}' | '\u{ff0d}' => '-',
        c if ignore_case && !c.is_ascii() => {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => l,
                _ => c,
            }
        }
        c if ignore_case => c.to_ascii_lowercase(),
        c => c,
    }
}

/// A string folded, and where its bytes came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Folded {
    /// The folded text.
    pub text: String,
    /// Where the difference between original and folded offsets changes: from each folded
    /// offset on, the original offset is the folded one plus the difference.
    shifts: Vec<(usize, isize)>,
}

impl Folded {
    /// Folds `text`: runs of ASCII are copied at once (lower-cased with case ignored), the
    /// other characters folded one by one.
    pub fn new(text: &str, ignore_case: bool) -> Folded {
        let mut folded = Folded {
            text: String::with_capacity(text.len()),
            shifts: Vec::new(),
        };
        let mut shift = 0isize;
        let mut at = 0;
        while at < text.len() {
            let run = text.as_bytes()[at..]
                .iter()
                .position(|b| !b.is_ascii())
                .map_or(text.len(), |n| at + n);
            let start = folded.text.len();
            folded.text.push_str(&text[at..run]);
            if ignore_case {
                folded.text[start..].make_ascii_lowercase();
            }
            let Some(c) = text[run..].chars().next() else {
                break;
            };
            folded.text.push(fold_char(c, ignore_case));
            at = run + c.len_utf8();
            let now = signed(at) - signed(folded.text.len());
            if now != shift {
                shift = now;
                folded.shifts.push((folded.text.len(), shift));
            }
        }
        folded
    }

    /// The original offset of folded offset `at` (a character boundary).
    pub fn original(&self, at: usize) -> usize {
        let after = self.shifts.partition_point(|&(from, _)| from <= at);
        let shift = after.checked_sub(1).map_or(0, |i| self.shifts[i].1);
        at.saturating_add_signed(shift)
    }
}

fn signed(value: usize) -> isize {
    isize::try_from(value).unwrap_or(isize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_offsets_map_back_to_the_original() {
        let table = [
            ("Netanyahu’s office", true, "netanyahu's office"),
            ("“Quote” – dash", false, "\"Quote\" - dash"),
            ("ÉCOLE Straße", true, "école straße"),
            ("plain", false, "plain"),
        ];
        for (text, ignore_case, expected) in table {
            let folded = Folded::new(text, ignore_case);
            assert_eq!(folded.text, expected);
            for (at, c) in folded.text.char_indices() {
                let original = folded.original(at);
                let end = folded.original(at + c.len_utf8());
                let back: String = text[original..end]
                    .chars()
                    .map(|c| fold_char(c, ignore_case))
                    .collect();
                assert_eq!(back, c.to_string(), "{text:?} at {at}");
            }
            assert_eq!(folded.original(folded.text.len()), text.len());
        }
    }
}
