//! Text → tokens for finding names: words (with their inner hyphens, apostrophes and the dots
//! of abbreviations such as "U.S."), numbers, possessive endings and punctuation, each knowing
//! whether a line break comes before it.

use std::ops::Range;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Letters, perhaps with digits, inner hyphens, apostrophes or abbreviation dots.
    Word,
    /// Digits only (with inner separators: "1,000", "2.5").
    Number,
    /// A possessive ending, `’s` or `'s`, or a lone apostrophe after a plural ("Hamas’").
    Possessive,
    /// Any other character that is neither a letter, a digit nor a space.
    Punct(char),
}

/// One token of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Its first byte in the text (texts are scanned in pieces far smaller than 4 GiB).
    start: u32,
    /// One past its last byte.
    end: u32,
    /// What it is.
    pub class: Class,
    /// A line break comes between this token and the one before (or it is the first).
    pub line_start: bool,
}

impl Token {
    /// Its bytes in the text.
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// Abbreviations whose final dot belongs to them ("Lt. Hadar Goldin", "Inc.").
const DOTTED: &[&str] = &[
    "Capt", "Co", "Col", "Corp", "Dr", "Gen", "Gov", "Inc", "Jr", "Lt", "Ltd", "Mr", "Mrs", "Ms",
    "Mt", "No", "Prof", "Rep", "Rev", "Sen", "Sgt", "Sr", "St", "Vs",
];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c)
}

fn is_mark(c: char) -> bool {
    // Combining marks: the ranges news text meets (Latin, Greek, Cyrillic, Arabic, Hebrew).
    matches!(c, '\u{300}'..='\u{36F}' | '\u{591}'..='\u{5C7}' | '\u{610}'..='\u{61A}' | '\u{64B}'..='\u{65F}')
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// The tokens of `text`, in order.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut line_start = true;
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        // ASCII (most of the text) without decoding.
        let c = if byte.is_ascii() {
            char::from(byte)
        } else {
            text[at..]
                .chars()
                .next()
                .unwrap_or(char::REPLACEMENT_CHARACTER)
        };
        if c.is_whitespace() {
            line_start |= c == '\n' || c == '\r';
            at += c.len_utf8();
            continue;
        }
        let (end, class) = if is_word_char(c) {
            word_end(text, at)
        } else if is_apostrophe(c) {
            possessive_end(text, at, tokens.last())
        } else {
            (run_end(text, at, c), Class::Punct(c))
        };
        tokens.push(Token {
            start: crate::text::to_u32(at),
            end: crate::text::to_u32(end),
            class,
            line_start,
        });
        line_start = false;
        at = end;
    }
    tokens
}

/// Where the run of `c` starting at `start` ends: a rule of `_____` or a row of dots is one
/// token, as it plays one part, and a text of such rules costs a token a run, not a byte.
fn run_end(text: &str, start: usize, c: char) -> usize {
    let rest = &text[start..];
    start + rest.find(|next| next != c).unwrap_or(rest.len())
}

/// Where a word or number starting at `start` ends, and which it is. A trailing `’s` is left
/// for a token of its own.
fn word_end(text: &str, start: usize) -> (usize, Class) {
    let rest = &text[start..];
    // Letters and digits in ASCII (most words, whole) need no decoding.
    let ascii = rest
        .bytes()
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    // What follows the ASCII letters cannot join them to more: the word ends there.
    let joiner = |b: &u8| !b.is_ascii() || matches!(b, b'-' | b'&' | b'\'' | b'.' | b',');
    if !rest.as_bytes().get(ascii).is_some_and(joiner) && ascii > 0 {
        return (start + ascii, word_class(&rest[..ascii]));
    }
    let mut end = ascii;
    let mut segment_start = 0;
    let mut iter = rest[ascii..]
        .char_indices()
        .map(|(at, c)| (at + ascii, c))
        .peekable();
    while let Some((at, c)) = iter.next() {
        if is_word_char(c) {
            end = at + c.len_utf8();
            continue;
        }
        let next = iter.peek().map(|&(_, n)| n);
        let joins = match c {
            // "al-Hayya" and "Vasquez-Thorne" are one word; "Hamas-led" is two.
            '-' => next.is_some_and(|n| {
                let lowercase_after_name = n.is_lowercase()
                    && rest[segment_start..].starts_with(char::is_uppercase)
                    && !particle_follows(&rest[at + 1..]);
                is_word_char(n) && !lowercase_after_name
            }),
            '&' => next.is_some_and(is_word_char),
            '\'' | '’' => next.is_some_and(is_word_char) && !is_possessive_at(&rest[at..]),
            // "U.S", "1.9": a dot after one letter or between digits joins.
            '.' | ',' => {
                let segment = &rest[segment_start..at];
                let digits = segment.chars().all(|d| d.is_ascii_digit());
                next.is_some_and(|n| {
                    (c == '.' && segment.chars().count() == 1 && n.is_alphabetic())
                        || (digits && n.is_ascii_digit())
                })
            }
            _ => false,
        };
        if !joins {
            break;
        }
        segment_start = at + c.len_utf8();
    }
    let word = &rest[..end];
    let dotted = rest[end..].starts_with('.')
        && (word.contains('.') && word.chars().count() <= 5
            || word.chars().count() == 1 && word.chars().all(char::is_uppercase)
            || DOTTED.contains(&word));
    (start + end + usize::from(dotted), word_class(word))
}

/// A word of digits (with their separators) is a number.
fn word_class(word: &str) -> Class {
    if word
        .chars()
        .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        Class::Number
    } else {
        Class::Word
    }
}

/// Whether `rest` opens with a particle joined to a name part ("ul-Haq" in "Inzamam-ul-Haq").
fn particle_follows(rest: &str) -> bool {
    rest.split_once('-').is_some_and(|(particle, name)| {
        super::words::is_particle(particle) && name.starts_with(char::is_uppercase)
    })
}

/// Whether `rest` (starting at an apostrophe) is a possessive `’s` ending the word.
fn is_possessive_at(rest: &str) -> bool {
    let mut chars = rest.chars().skip(1);
    matches!(chars.next(), Some('s' | 'S')) && !chars.next().is_some_and(is_word_char)
}

/// An apostrophe: a possessive ending when it follows a word (`’s`, or a lone `’` after a
/// word ending in s), else punctuation (an opening quote).
fn possessive_end(text: &str, at: usize, previous: Option<&Token>) -> (usize, Class) {
    let rest = &text[at..];
    let c = rest.chars().next().unwrap_or('\'');
    let after_word = previous.is_some_and(|p| p.class == Class::Word);
    if after_word && is_possessive_at(rest) {
        return (at + c.len_utf8() + 1, Class::Possessive);
    }
    let glued = previous.is_some_and(|p| p.range().end == at);
    let next_is_word = rest[c.len_utf8()..]
        .chars()
        .next()
        .is_some_and(is_word_char);
    if glued && after_word && !next_is_word {
        return (at + c.len_utf8(), Class::Possessive);
    }
    (at + c.len_utf8(), Class::Punct(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> Vec<String> {
        tokenize(text)
            .iter()
            .map(|t| {
                let piece = &text[t.range()];
                match t.class {
                    Class::Word => piece.to_owned(),
                    Class::Number => format!("#{piece}"),
                    Class::Possessive => format!("~{piece}"),
                    Class::Punct(_) => format!("<{piece}>"),
                }
            })
            .collect()
    }

    /// A text of punctuation with no spaces has a token for each byte or two: a piece of it
    /// holds some twenty bytes of tokens for every byte, not thirty-two.
    #[test]
    fn a_token_costs_twenty_bytes() {
        assert!(std::mem::size_of::<Token>() <= 20);
        assert_eq!(tokenize("-_-_").len(), 4);
    }

    #[test]
    fn splits_text_into_tokens() {
        for (text, expected) in [
            ("the U.S. said", "the U.S. said"),
            ("U.S.-Hamas talks", "U.S. <-> Hamas talks"),
            ("Boehler’s remit", "Boehler ~’s remit"),
            ("Germany 's lead", "Germany ~'s lead"),
            ("Hamas’ response", "Hamas ~’ response"),
            ("Khalil al-Hayya, a", "Khalil al-Hayya <,> a"),
            ("“We’re here", "<“> We’re here"),
            ("59 left — of which", "#59 left <—> of which"),
            ("hostages.Israel’s deep", "hostages <.> Israel ~’s deep"),
            ("Lt. Hadar Goldin.", "Lt. Hadar Goldin <.>"),
            (
                "$11 billion, 1,000 and 1.9 million",
                "<$> #11 billion <,> #1,000 and #1.9 million",
            ),
            ("AT&T and O'Neill", "AT&T and O'Neill"),
            (
                "Hamas-led al-Hayya mid-March",
                "Hamas <-> led al-Hayya mid-March",
            ),
            ("Inzamam-ul-Haq", "Inzamam-ul-Haq"),
            ("the ‘Shalom", "the <‘> Shalom"),
            ("Hamas\n_____\nGaza", "Hamas <_____> Gaza"),
            ("Wait... what?!", "Wait <...> what <?> <!>"),
        ] {
            assert_eq!(shown(text).join(" "), expected, "{text}");
        }
    }

    #[test]
    fn knows_where_lines_start() {
        let tokens = tokenize("One two\nThree");
        let starts: Vec<bool> = tokens.iter().map(|t| t.line_start).collect();
        assert_eq!(starts, [true, false, true]);
    }
}
