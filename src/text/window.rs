//! Windows of text around a position, read outward from it: the words before and after a
//! mention, and the stretch of its line shown as a passage. None reads from the start of the
//! line, so that the context of each mention on one huge line costs only the context.

use std::ops::Range;

/// The most bytes read on either side of a position for its words of context: a run longer
/// than this without a space (or a line break) is cut there.
pub const MAX_CONTEXT_BYTES: usize = 1024;

/// Where the last `count` words of `at`'s line before `at` begin (at most
/// [`MAX_CONTEXT_BYTES`] back): `text[start..at]` ends with the same `count` words as the
/// whole line up to `at`.
pub fn words_before_start(text: &str, at: usize, count: usize) -> usize {
    let floor = ceil_char_boundary(text, at.saturating_sub(MAX_CONTEXT_BYTES));
    let mut words = 0;
    let mut in_word = false;
    let mut start = floor;
    for (i, c) in text[floor..at].char_indices().rev() {
        if c == '\n' {
            start = floor + i + 1;
            break;
        }
        if c.is_whitespace() {
            if in_word {
                words += 1;
                if words == count {
                    start = floor + i;
                    break;
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    count_scanned(at - start);
    start
}

/// Where the first `count` words of `at`'s line after `at` end (at most
/// [`MAX_CONTEXT_BYTES`] on): `text[at..end]` begins with the same `count` words as the rest
/// of the line.
pub fn words_after_end(text: &str, at: usize, count: usize) -> usize {
    let ceiling = floor_char_boundary(text, at.saturating_add(MAX_CONTEXT_BYTES));
    let mut words = 0;
    let mut in_word = false;
    let mut end = ceiling;
    for (i, c) in text[at..ceiling].char_indices() {
        if c == '\n' {
            end = at + i;
            break;
        }
        if c.is_whitespace() {
            if in_word {
                words += 1;
                if words == count {
                    end = at + i;
                    break;
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    count_scanned(end - at);
    end
}

/// The line (paragraph) of `text` that contains `range`, whatever its length.
pub fn line_around(text: &str, range: Range<usize>) -> Range<usize> {
    let start = text[..range.start].rfind('\n').map_or(0, |p| p + 1);
    let end = text[range.end..]
        .find('\n')
        .map_or(text.len(), |p| range.end + p);
    count_scanned(end - start);
    start..end
}

/// The line around `at`, or, on a line longer than `2 × reach`, the stretch of it within
/// `reach` bytes either side of `at`, cut at spaces; with whether each end was cut.
pub fn line_within(text: &str, at: usize, reach: usize) -> (Range<usize>, bool, bool) {
    let floor = ceil_char_boundary(text, at.saturating_sub(reach));
    let ceiling = floor_char_boundary(text, at.saturating_add(reach));
    let (start, cut_start) = match text[floor..at].rfind('\n') {
        Some(p) => (floor + p + 1, false),
        None if floor == 0 => (0, false),
        None => (cut_after_space(text, floor, at), true),
    };
    let (end, cut_end) = match text[at..ceiling].find('\n') {
        Some(p) => (at + p, false),
        None if ceiling == text.len() => (ceiling, false),
        None => (cut_before_space(text, at, ceiling), true),
    };
    count_scanned(end - start);
    (start..end, cut_start, cut_end)
}

/// Just after the first space in `text[from..to]`, or `from` when there is none.
fn cut_after_space(text: &str, from: usize, to: usize) -> usize {
    text[from..to]
        .find(char::is_whitespace)
        .map_or(from, |p| from + p + 1)
}

/// At the last space in `text[from..to]`, or `to` when there is none.
fn cut_before_space(text: &str, from: usize, to: usize) -> usize {
    text[from..to]
        .rfind(char::is_whitespace)
        .map_or(to, |p| from + p)
}

/// The first character boundary at or after `at` (or the end).
fn ceil_char_boundary(text: &str, at: usize) -> usize {
    (at..text.len())
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(text.len())
}

/// The last character boundary at or before `at` (clamped to the end).
pub fn floor_char_boundary(text: &str, at: usize) -> usize {
    let at = at.min(text.len());
    (0..=at)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

#[cfg(test)]
thread_local! {
    static SCANNED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Adds to the bytes this thread's windows have read (counted in tests only).
fn count_scanned(bytes: usize) {
    #[cfg(test)]
    SCANNED.with(|total| total.set(total.get() + bytes));
    #[cfg(not(test))]
    let _ = bytes;
}

/// The bytes the windows have read on this thread so far: tests compare it with the text's
/// length to check that context costs the context, not the line.
#[cfg(test)]
pub fn scanned() -> usize {
    SCANNED.with(std::cell::Cell::get)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_either_side_stop_at_the_count_or_the_line() {
        let text = "zero\none two three four five";
        let at = text.find("four").unwrap();
        assert_eq!(&text[words_before_start(text, at, 2)..at], " two three ");
        assert_eq!(&text[words_before_start(text, at, 9)..at], "one two three ");
        let end = words_after_end(text, at, 1);
        assert_eq!(&text[at..end], "four");
        let at = text.find("one").unwrap();
        assert_eq!(&text[..words_after_end(text, 0, 5)], "zero");
        assert_eq!(words_before_start(text, at, 3), at);
    }

    #[test]
    fn a_run_without_spaces_is_cut_at_the_limit_on_a_character_boundary() {
        let text = format!("{} x", "é".repeat(MAX_CONTEXT_BYTES));
        let at = text.len() - 1;
        let start = words_before_start(&text, at, 3);
        assert!(text.is_char_boundary(start));
        assert!(at - start <= MAX_CONTEXT_BYTES + 1);
        let end = words_after_end(&text, 0, 3);
        assert!(text.is_char_boundary(end) && end <= MAX_CONTEXT_BYTES);
    }

    #[test]
    fn a_long_line_is_cut_at_spaces_around_the_position() {
        let line = "word ".repeat(100);
        let text = format!("before\n{line}\nafter");
        let at = text.find("word").unwrap() + 250;
        let (range, cut_start, cut_end) = line_within(&text, at, 40);
        assert!(cut_start && cut_end);
        assert!(range.len() <= 80 && range.contains(&at));
        assert!(
            text[range.clone()].starts_with("word"),
            "{:?}",
            &text[range]
        );
        let (whole, cut_start, cut_end) = line_within(&text, 3, 40);
        assert_eq!((&text[whole], cut_start, cut_end), ("before", false, false));
        assert_eq!(line_around(&text, 0..1), 0..6);
    }
}
