//! Finds where a value sits in a JSON document, so validation errors can name a line and
//! column after serde has parsed the file.

/// One step into a JSON document.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Step<'a> {
    /// A member of an object.
    Key(&'a str),
    /// An element of an array.
    Index(usize),
}

/// The byte offset of the value at `path`, or of the deepest value found along it.
pub(crate) fn locate(json: &[u8], path: &[Step<'_>]) -> usize {
    let mut pos = skip_space(json, 0);
    for step in path {
        let found = match step {
            Step::Key(key) => member(json, pos, key),
            Step::Index(index) => element(json, pos, *index),
        };
        match found {
            Some(next) => pos = next,
            None => break,
        }
    }
    pos
}

/// 1-based line and column (in characters) of byte `offset`.
pub(crate) fn line_column(json: &[u8], offset: usize) -> (usize, usize) {
    let before = &json[..offset.min(json.len())];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let line = 1 + before.split(|&b| b == b'\n').count() - 1;
    let column = 1 + String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count();
    (line, column)
}

fn member(json: &[u8], object: usize, key: &str) -> Option<usize> {
    if json.get(object) != Some(&b'{') {
        return None;
    }
    let mut pos = skip_space(json, object + 1);
    while json.get(pos) == Some(&b'"') {
        let key_end = skip_string(json, pos)?;
        let name = &json[pos + 1..key_end - 1];
        pos = skip_space(json, key_end);
        if json.get(pos) != Some(&b':') {
            return None;
        }
        pos = skip_space(json, pos + 1);
        if name == key.as_bytes() {
            return Some(pos);
        }
        pos = skip_space(json, skip_value(json, pos)?);
        if json.get(pos) == Some(&b',') {
            pos = skip_space(json, pos + 1);
        }
    }
    None
}

fn element(json: &[u8], array: usize, index: usize) -> Option<usize> {
    if json.get(array) != Some(&b'[') {
        return None;
    }
    let mut pos = skip_space(json, array + 1);
    for _ in 0..index {
        pos = skip_space(json, skip_value(json, pos)?);
        if json.get(pos) != Some(&b',') {
            return None;
        }
        pos = skip_space(json, pos + 1);
    }
    Some(pos)
}

fn skip_space(json: &[u8], mut pos: usize) -> usize {
    while json.get(pos).is_some_and(u8::is_ascii_whitespace) {
        pos += 1;
    }
    pos
}

/// Position just past the string starting at `pos` (which holds `"`).
fn skip_string(json: &[u8], pos: usize) -> Option<usize> {
    let mut at = pos + 1;
    while let Some(&byte) = json.get(at) {
        match byte {
            b'\\' => at += 2,
            b'"' => return Some(at + 1),
            _ => at += 1,
        }
    }
    None
}

/// Position just past the value starting at `pos`; nesting is counted, not recursed.
fn skip_value(json: &[u8], pos: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut at = pos;
    loop {
        match *json.get(at)? {
            b'"' => at = skip_string(json, at)?,
            b'{' | b'[' => {
                depth += 1;
                at += 1;
            }
            b'}' | b']' => {
                if depth == 0 {
                    return Some(at);
                }
                depth -= 1;
                at += 1;
            }
            b',' if depth == 0 => return Some(at),
            _ => at += 1,
        }
        if depth == 0 && matches!(json.get(at.wrapping_sub(1)), Some(b'"' | b'}' | b']')) {
            return Some(at);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_values() {
        let json = br#"{"entities": [
  {"name": "A", "kind": "person"},
  {"name": "B, \"quoted\"", "aliases": [1, {"x": [2]}], "kind": "persn"}
]}"#;
        let at = locate(
            json,
            &[Step::Key("entities"), Step::Index(1), Step::Key("kind")],
        );
        assert_eq!(line_column(json, at), (3, 65));
        let at = locate(json, &[Step::Key("entities"), Step::Index(0)]);
        assert_eq!(line_column(json, at), (2, 3));
    }

    #[test]
    fn stops_at_the_deepest_step_found() {
        let json = br#"{"entities": [{"name": "A"}]}"#;
        let at = locate(json, &[Step::Key("entities"), Step::Index(5)]);
        assert_eq!(at, 13);
    }
}
