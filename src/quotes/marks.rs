//! Quotation marks in a paragraph: which open, which close, and the words between them.
//!
//! Curly marks say which way they face; a straight `"` opens when it stands before a word, or
//! apart from both neighbours before a capital (tokenized text: `" We will , " he said`), and
//! closes otherwise, and closes whatever is open. Outlets mix the two (`"…”`), so any closing
//! mark ends any open quotation. A quotation still open at the end of its paragraph is one
//! piece of a quotation running on into the next paragraph, as newspapers print them.

use std::ops::Range;

/// One pair of quotation marks (or an opening mark left open at the paragraph's end).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marked {
    /// From the opening mark to just after the closing one (or the paragraph's end).
    pub outer: Range<usize>,
    /// The words inside, without the marks and the spaces next to them.
    pub inner: Range<usize>,
    /// Whether a closing mark ends it (false: it runs on to the next paragraph).
    pub closed: bool,
}

/// Which way a mark can face.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Face {
    Open,
    Close,
    Either,
}

fn face(c: char) -> Option<Face> {
    match c {
        '“' | '„' | '«' => Some(Face::Open),
        '”' | '»' => Some(Face::Close),
        '"' => Some(Face::Either),
        _ => None,
    }
}

/// The quotations of `text[paragraph]`, in order, with offsets into `text`.
pub fn find(text: &str, paragraph: Range<usize>) -> Vec<Marked> {
    let body = &text[paragraph.clone()];
    let base = paragraph.start;
    let mut found = Vec::new();
    let mut open: Option<usize> = None;
    for (at, c) in body.char_indices() {
        let Some(face) = face(c) else { continue };
        let next = body[at + c.len_utf8()..].chars().next();
        let opens = match face {
            Face::Open => true,
            Face::Close => false,
            Face::Either => {
                let previous = body[..at].chars().next_back();
                let spaced = previous.is_none_or(char::is_whitespace);
                // Tokenized text (`" We will , " he said`): a mark apart from both neighbours
                // opens before a capital, and closes one opened earlier before anything else.
                let capital = body[at + c.len_utf8()..]
                    .trim_start()
                    .starts_with(|n: char| n.is_uppercase() || n.is_numeric() || n == '(');
                open.is_none() && (next.is_some_and(|n| !n.is_whitespace()) || (spaced && capital))
            }
        };
        match (open, opens) {
            (Some(start), true) => {
                // A new opening mark while one is open: the first was never closed.
                found.push(marked(text, base + start, base + at, None));
                open = Some(at);
            }
            (None, true) => open = Some(at),
            (Some(start), false) => {
                found.push(marked(text, base + start, base + at, Some(c.len_utf8())));
                open = None;
            }
            (None, false) => {}
        }
    }
    if let Some(start) = open {
        found.push(marked(text, base + start, paragraph.end, None));
    }
    found.retain(|m| !m.inner.is_empty());
    found
}

/// The quotation opening at `open` and ending at `end` (a closing mark of `close` bytes, or
/// none).
fn marked(text: &str, open: usize, end: usize, close: Option<usize>) -> Marked {
    let after_open = open + text[open..].chars().next().map_or(1, char::len_utf8);
    let inside = &text[after_open..end];
    let start = after_open + (inside.len() - inside.trim_start().len());
    let stop = (after_open + inside.trim_end().len()).max(start);
    Marked {
        outer: open..end + close.unwrap_or(0),
        inner: start..stop,
        closed: close.is_some(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The inner texts of `text` taken as one paragraph, with `+` after a closed one.
    fn inners(text: &str) -> Vec<String> {
        find(text, 0..text.len())
            .iter()
            .map(|m| {
                format!(
                    "{}{}",
                    &text[m.inner.clone()],
                    if m.closed { "+" } else { "" }
                )
            })
            .collect()
    }

    #[test]
    fn marks_pair_up() {
        let cases: &[(&str, &[&str])] = &[
            ("“We are here,” he said.", &["We are here,+"]),
            (
                "\"Straight,\" she said. \"Again.\"",
                &["Straight,+", "Again.+"],
            ),
            ("\"Mixed marks.” Trump", &["Mixed marks.+"]),
            ("“One,” he said. “Two runs on", &["One,+", "Two runs on"]),
            ("“Unclosed “reopened”", &["Unclosed", "reopened+"]),
            (
                "“‘Shalom Hamas’ means Hello,” Trump",
                &["‘Shalom Hamas’ means Hello,+"],
            ),
            ("a 5\" pipe and ” stray", &[]),
            ("\" We will , \" he said .", &["We will ,+"]),
            ("talks go on . \" he said .", &[]),
            (
                "Reuters : \" The talks stalled . \"",
                &["The talks stalled .+"],
            ),
            ("empty “ ” marks", &[]),
            ("« Bonjour », dit-il", &["Bonjour+"]),
        ];
        for (text, expected) in cases {
            assert_eq!(inners(text), *expected, "{text}");
        }
    }

    #[test]
    fn offsets_count_in_the_whole_text() {
        let text = "first line\nHe said “yes” twice";
        let found = find(text, 11..text.len());
        assert_eq!(&text[found[0].inner.clone()], "yes");
        assert_eq!(&text[found[0].outer.clone()], "“yes”");
    }
}
