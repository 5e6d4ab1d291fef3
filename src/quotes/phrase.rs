//! The words around a quotation: speech verbs ("said", "told", "according to") and the noun
//! phrase naming who speaks ("Witkoff", "Hamas spokesperson Hazem Qassem", "a PMO official").
//!
//! Works on narration only (the text outside quotation marks), one clause at a time, with
//! small word lists; names are left to the gazetteer's mentions (see `super::speaker`).

use super::lexicon::{
    Verb, capitalized, in_phrase, is_adverb, is_opener, is_other_pronoun, is_pronoun, is_role, verb,
};
use crate::text::is_word_char;
use std::ops::Range;

/// A word or a punctuation mark of narration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Its bytes in the article's text.
    pub range: Range<usize>,
    /// Whether it is a word (else one punctuation character).
    pub word: bool,
}

/// Splits `text[range]` into words and punctuation marks. A word keeps its inner
/// apostrophes, hyphens and points (`Minister’s`, `al-Qanua`, `1.5`), and abbreviations keep
/// their last point (`U.S.`, `Lt.`).
pub fn tokens(text: &str, range: Range<usize>) -> Vec<Token> {
    Tokens::new(text, range).collect()
}

/// The tokens of `text[range]` (see [`tokens`]), read as they are asked for: a paragraph may
/// be a whole file on one line.
struct Tokens<'t> {
    body: &'t str,
    base: usize,
    chars: std::iter::Peekable<std::str::CharIndices<'t>>,
}

impl<'t> Tokens<'t> {
    fn new(text: &'t str, range: Range<usize>) -> Tokens<'t> {
        let body = &text[range.clone()];
        Tokens {
            body,
            base: range.start,
            chars: body.char_indices().peekable(),
        }
    }
}

impl Iterator for Tokens<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        let (body, base) = (self.body, self.base);
        let (at, c) = self.chars.find(|&(_, c)| !c.is_whitespace())?;
        if !is_word_char(c) {
            return Some(Token {
                range: base + at..base + at + c.len_utf8(),
                word: false,
            });
        }
        let mut end = at + c.len_utf8();
        while let Some(&(next_at, next)) = self.chars.peek() {
            let joins = matches!(next, '’' | '\'' | '-' | '.' | '‑')
                && body[next_at + next.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(is_word_char);
            if !is_word_char(next) && !joins {
                break;
            }
            end = next_at + next.len_utf8();
            self.chars.next();
        }
        if body[end..].starts_with('.') && is_abbreviation(&body[at..end]) {
            end += 1;
            self.chars.next();
        }
        Some(Token {
            range: base + at..base + end,
            word: true,
        })
    }
}

/// Words whose following point belongs to them: `U.S.`, single letters, titles.
fn is_abbreviation(word: &str) -> bool {
    const TITLES: &[&str] = &[
        "Mr", "Mrs", "Ms", "Dr", "Lt", "Col", "Gen", "Sgt", "Capt", "Sen", "Rep", "Gov", "St",
        "Jr", "Sr", "Prof", "Rev", "Maj", "Adm", "Cmdr", "Inc", "Co", "Corp", "Ltd", "No", "vs",
    ];
    word.contains('.') || word.chars().count() == 1 || TITLES.contains(&word)
}

/// Where a clause's speech verb says the speaker is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// These words name the speaker.
    Phrase(Range<usize>),
    /// No words of the clause do: the sentence's subject, or the speaker before, speaks.
    Implied,
}

/// A speech verb and its speaker, found in a clause next to a quotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    /// The verb with the words that belong to it ("told reporters", "according to").
    pub words: Range<usize>,
    /// Where the speaker is.
    pub subject: Subject,
}

/// The speech verb nearest the end of `clause` (narration before a quotation), with its
/// speaker.
pub fn before(text: &str, clause: Range<usize>) -> Option<Cue> {
    let tokens = tokens(text, clause);
    let word = |i: usize| &text[tokens[i].range.clone()];
    for at in (0..tokens.len()).rev() {
        if !tokens[at].word {
            continue;
        }
        if word(at).eq_ignore_ascii_case("according")
            && tokens
                .get(at + 1)
                .is_some_and(|t| text[t.range.clone()] == *"to")
        {
            let subject = phrase_after(text, &tokens, at + 2);
            return Some(Cue {
                words: tokens[at].range.start..tokens[at + 1].range.end,
                subject,
            });
        }
        let Some(kind) = verb(word(at)) else { continue };
        let words = cue_words(text, &tokens, at);
        let subject = match kind {
            Verb::Participle => participle_subject(text, &tokens, at),
            Verb::Finite => phrase_before(text, &tokens, at),
        };
        return Some(Cue { words, subject });
    }
    None
}

/// The attribution right after a quotation, in `clause` (narration up to the end of the
/// sentence or the next quotation): "…,” Witkoff said", "…,” said Trump", "…” with … , said
/// Trump", "…,” according to Reuters".
pub fn after(text: &str, clause: Range<usize>) -> Option<Cue> {
    let tokens = tokens(text, clause);
    let mut start = 0;
    // "…,” Witkoff, the envoy, said": a clause that is only a name, then the verb alone.
    let mut named: Option<Range<usize>> = None;
    while start < tokens.len() {
        let end = tokens[start..]
            .iter()
            .position(|t| !t.word && matches!(&text[t.range.clone()], "," | ";" | ":"))
            .map_or(tokens.len(), |p| start + p);
        let clause = &tokens[start..end];
        if let Some(cue) = clause_attribution(text, &tokens[..end], start) {
            return Some(cue);
        }
        let first = clause.first().map(|t| &text[t.range.clone()]);
        if let (Some(phrase), Some(first)) = (&named, first)
            && verb(first) == Some(Verb::Finite)
        {
            return Some(Cue {
                words: cue_words(text, &tokens[..end], start),
                subject: Subject::Phrase(phrase.clone()),
            });
        }
        let only_names = !clause.is_empty()
            && clause
                .iter()
                .all(|t| t.word && in_phrase(&text[t.range.clone()]));
        if named.is_none() && only_names && start == first_word(&tokens) {
            named = Some(clause[0].range.start..clause[clause.len() - 1].range.end);
        }
        start = end + 1;
    }
    None
}

/// The index of the first word of `tokens` (its length when there is none).
fn first_word(tokens: &[Token]) -> usize {
    tokens.iter().position(|t| t.word).unwrap_or(tokens.len())
}

/// "said X" or "X said" at the start of `tokens[from..]` (one comma-free clause).
fn clause_attribution(text: &str, tokens: &[Token], from: usize) -> Option<Cue> {
    let from = (from..tokens.len()).find(|&i| tokens[i].word)?;
    let word = |i: usize| &text[tokens[i].range.clone()];
    if word(from).eq_ignore_ascii_case("according")
        && tokens
            .get(from + 1)
            .is_some_and(|t| text[t.range.clone()] == *"to")
    {
        return Some(Cue {
            words: tokens[from].range.start..tokens[from + 1].range.end,
            subject: phrase_after(text, tokens, from + 2),
        });
    }
    // "said Trump" names the speaker; "told reporters" names who heard.
    let telling = matches!(
        word(from).to_lowercase().as_str(),
        "told" | "tells" | "tell"
    );
    if verb(word(from)) == Some(Verb::Finite) && !telling {
        let subject = phrase_after(text, tokens, from + 1);
        return matches!(subject, Subject::Phrase(_)).then(|| Cue {
            words: tokens[from].range.clone(),
            subject,
        });
    }
    let mut at = from;
    if is_pronoun(word(at)) || is_other_pronoun(word(at)) {
        at += 1;
    } else {
        while at < tokens.len() && tokens[at].word && in_phrase(word(at)) && at - from < 8 {
            at += 1;
        }
    }
    if at == from {
        return None;
    }
    let phrase = tokens[from].range.start..tokens[at - 1].range.end;
    while at < tokens.len() && tokens[at].word && is_adverb(word(at)) {
        at += 1;
    }
    (at < tokens.len() && tokens[at].word && verb(word(at)) == Some(Verb::Finite)).then(|| Cue {
        words: cue_words(text, tokens, at),
        subject: Subject::Phrase(phrase),
    })
}

/// The verb at `tokens[at]` with its object when it says where or to whom ("told
/// reporters", "wrote on Truth Social", "said in a statement").
fn cue_words(text: &str, tokens: &[Token], at: usize) -> Range<usize> {
    let word = |i: usize| &text[tokens[i].range.clone()];
    let start = tokens[at].range.start;
    let mut end = tokens[at].range.end;
    let lower = word(at).to_lowercase();
    let mut next = at + 1;
    let telling = lower.starts_with("tel") || lower == "told";
    let placing = next < tokens.len() && tokens[next].word && matches!(word(next), "on" | "in");
    if telling || placing {
        let limit = if placing { 7 } else { 4 };
        while next < tokens.len() && tokens[next].word && next - at <= limit {
            let w = word(next);
            let fits = if placing {
                !matches!(
                    w,
                    "that" | "to" | "while" | "when" | "after" | "before" | "as"
                )
            } else {
                (capitalized(w) && !is_opener(w))
                    || matches!(w, "reporters" | "journalists" | "lawmakers" | "of")
            };
            if !fits {
                break;
            }
            end = tokens[next].range.end;
            next += 1;
        }
    }
    start..end
}

/// The phrase ending just before the verb at `tokens[at]` ("Witkoff", "Hamas spokesperson
/// Hazem Qassem", "Witkoff, who …, said").
fn phrase_before(text: &str, tokens: &[Token], at: usize) -> Subject {
    let word = |i: usize| &text[tokens[i].range.clone()];
    let mut end = at;
    while end > 0 && tokens[end - 1].word && is_adverb(word(end - 1)) {
        end -= 1;
    }
    // "Witkoff, who is scheduled to travel, said": skip the relative clause.
    if end > 0 && !tokens[end - 1].word && word(end - 1) == "," {
        let relative = (0..end - 1).rev().find(|&i| {
            tokens[i].word
                && matches!(word(i), "who" | "which")
                && i > 0
                && !tokens[i - 1].word
                && word(i - 1) == ","
        });
        if let Some(i) = relative {
            end = i - 1;
        }
    }
    let end = skip_post_modifier(text, tokens, end);
    if end > 0
        && tokens[end - 1].word
        && (is_pronoun(word(end - 1)) || is_other_pronoun(word(end - 1)))
    {
        return Subject::Phrase(tokens[end - 1].range.clone());
    }
    let mut start = end;
    while start > 0 && tokens[start - 1].word && in_phrase(word(start - 1)) && end - start < 8 {
        start -= 1;
    }
    while start < end && is_opener(word(start)) {
        start += 1;
    }
    named_phrase(text, &tokens[start..end])
}

/// Moves `end` back over "familiar with the matter", "with knowledge of the call", "close to
/// the talks", which follow the phrase they describe.
fn skip_post_modifier(text: &str, tokens: &[Token], end: usize) -> usize {
    let word = |i: usize| text[tokens[i].range.clone()].to_lowercase();
    let lower = end.saturating_sub(7);
    for start in (lower..end).rev() {
        if !tokens[start].word {
            break;
        }
        let opens = match word(start).as_str() {
            "familiar" | "close" => true,
            "with" => tokens
                .get(start + 1)
                .is_some_and(|_| word(start + 1) == "knowledge" || word(start + 1) == "direct"),
            _ => false,
        };
        if opens {
            return start;
        }
    }
    end
}

/// The phrase starting at `tokens[from]` ("said a PMO official", "according to Reuters").
fn phrase_after(text: &str, tokens: &[Token], from: usize) -> Subject {
    let word = |i: usize| &text[tokens[i].range.clone()];
    if from < tokens.len() && tokens[from].word && is_pronoun(word(from)) {
        return Subject::Phrase(tokens[from].range.clone());
    }
    let mut end = from;
    while end < tokens.len() && tokens[end].word && in_phrase(word(end)) && end - from < 8 {
        end += 1;
    }
    named_phrase(text, &tokens[from..end])
}

/// `tokens` as a speaker's phrase if it can be one: it names someone (a capital letter) or a
/// role ("sources", "a PMO official"), and does not end with a bare modifier.
fn named_phrase(text: &str, tokens: &[Token]) -> Subject {
    let (Some(first), Some(last)) = (tokens.first(), tokens.last()) else {
        return Subject::Implied;
    };
    let head = &text[last.range.clone()];
    let names = capitalized(head) || is_role(head);
    if names {
        Subject::Phrase(first.range.start..last.range.end)
    } else {
        Subject::Implied
    }
}

/// The subject of a participle ("saying"): "with X saying" and "X as saying" name it;
/// otherwise it is the sentence's subject.
fn participle_subject(text: &str, tokens: &[Token], at: usize) -> Subject {
    let word = |i: usize| &text[tokens[i].range.clone()];
    if at > 0 && tokens[at - 1].word && word(at - 1) == "as" {
        return phrase_before(text, tokens, at - 1);
    }
    let Subject::Phrase(phrase) = phrase_before(text, tokens, at) else {
        return Subject::Implied;
    };
    let first = tokens
        .iter()
        .position(|t| t.range.start == phrase.start)
        .unwrap_or(0);
    if first > 0 && tokens[first - 1].word && word(first - 1).eq_ignore_ascii_case("with") {
        Subject::Phrase(phrase)
    } else {
        Subject::Implied
    }
}

/// Where sentences end: after `.`, `!`, `?` or `…` (and any closing marks right after it)
/// followed by a space and a capital letter, a digit or a quotation mark, or by the end of
/// `range` when more follows it. Gives the start of each next sentence, in order, reading the
/// tokens as it goes.
pub fn sentence_starts(text: &str, range: Range<usize>) -> impl Iterator<Item = usize> + '_ {
    let mut tokens = Tokens::new(text, range.clone()).peekable();
    let is = move |token: &Token, marks: &[&str]| {
        !token.word && marks.contains(&&text[token.range.clone()])
    };
    std::iter::from_fn(move || {
        while let Some(token) = tokens.next() {
            if !is(&token, &[".", "!", "?", "…"]) {
                continue;
            }
            let mut last = token;
            while let Some(closing) = tokens.next_if(|next| {
                next.range.start == last.range.end && is(next, &["”", "\"", "’", ")", "]"])
            }) {
                last = closing;
            }
            match tokens.peek() {
                Some(next) => {
                    let opens = text[next.range.clone()].chars().next().is_some_and(|c| {
                        c.is_uppercase() || c.is_numeric() || matches!(c, '“' | '"' | '‘')
                    });
                    if next.range.start > last.range.end && opens {
                        return Some(next.range.start);
                    }
                }
                None if last.range.end < range.end => return Some(range.end),
                None => {}
            }
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokens(text, 0..text.len())
            .into_iter()
            .map(|t| &text[t.range])
            .collect()
    }

    #[test]
    fn words_keep_their_inner_marks() {
        assert_eq!(
            words("the U.S. official, al-Qanua’s 1.5 talks."),
            [
                "the",
                "U.S.",
                "official",
                ",",
                "al-Qanua’s",
                "1.5",
                "talks",
                "."
            ]
        );
    }

    /// The cue's words and the speaker's words (`-` when implied) of a clause before a
    /// quotation.
    fn before_of(clause: &str) -> Option<(String, String)> {
        before(clause, 0..clause.len()).map(|cue| shown(clause, &cue))
    }

    fn after_of(clause: &str) -> Option<(String, String)> {
        after(clause, 0..clause.len()).map(|cue| shown(clause, &cue))
    }

    fn shown(text: &str, cue: &Cue) -> (String, String) {
        let subject = match &cue.subject {
            Subject::Phrase(range) => text[range.clone()].to_owned(),
            Subject::Implied => "-".to_owned(),
        };
        (text[cue.words.clone()].to_owned(), subject)
    }

    #[test]
    fn cues_before_a_quotation() {
        let cases: &[(&str, Option<(&str, &str)>)] = &[
            ("Witkoff responded, ", Some(("responded", "Witkoff"))),
            (
                "Pressed on a deadline, Witkoff said, ",
                Some(("said", "Witkoff")),
            ),
            ("She said Trump believes ", Some(("said", "She"))),
            (
                "with spokesperson Tammy Bruce saying, ",
                Some(("saying", "spokesperson Tammy Bruce")),
            ),
            (
                "Boehler commented on the efforts, saying, ",
                Some(("saying", "-")),
            ),
            (
                "Rubio urged Hamas to act, telling Fox News: ",
                Some(("telling Fox News", "-")),
            ),
            (
                "Trump commented on the talks and stated, ",
                Some(("stated", "-")),
            ),
            (
                "The Israeli Prime Minister’s office said in a statement: ",
                Some(("said in a statement", "The Israeli Prime Minister’s office")),
            ),
            (
                "While an Arab diplomat told The Times of Israel that the plan was ",
                Some(("told The Times of Israel", "an Arab diplomat")),
            ),
            (
                "The Times cited an unnamed Israeli official as saying it came through ",
                Some(("saying", "an unnamed Israeli official")),
            ),
            (
                "Witkoff, who is to travel next week, said Thursday that it is a ",
                Some(("said", "Witkoff")),
            ),
            (
                "Sources described the call as ",
                Some(("described", "Sources")),
            ),
            (
                "In what both sources described as a ",
                Some(("described", "both sources")),
            ),
            (
                "Hamas representatives charged that threats were ",
                Some(("charged", "Hamas representatives")),
            ),
            (
                "sources familiar with the matter told Axios that ",
                Some(("told Axios", "sources")),
            ),
            (
                "According to Reuters, the envoy was ",
                Some(("According to", "Reuters")),
            ),
            (
                "Before his inauguration, he demanded there be ",
                Some(("demanded", "he")),
            ),
            (
                "Trump’s envoy said that if Hamas takes a ",
                Some(("said", "Trump’s envoy")),
            ),
            ("Trump defended the talks because ", None),
        ];
        for (clause, expected) in cases {
            let expected = expected.map(|(c, s)| (c.to_owned(), s.to_owned()));
            assert_eq!(before_of(clause), expected, "{clause}");
        }
    }

    #[test]
    fn cues_after_a_quotation() {
        let cases: &[(&str, Option<(&str, &str)>)] = &[
            (
                ", Trump told reporters while signing orders.",
                Some(("told reporters", "Trump")),
            ),
            (", he continued.", Some(("continued", "he"))),
            (
                " with the release of the rest, said Trump.",
                Some(("said", "Trump")),
            ),
            (", said a PMO official.", Some(("said", "a PMO official"))),
            (
                " Hamas spokesperson Hazem Qassem told CNN, urging",
                Some(("told CNN", "Hamas spokesperson Hazem Qassem")),
            ),
            (
                " the former Biden adviser said, arguing",
                Some(("said", "the former Biden adviser")),
            ),
            (
                " Trump wrote on his social media platform Truth Social.",
                Some(("wrote on his social media platform Truth Social", "Trump")),
            ),
            (" a U.S. official said.", Some(("said", "a U.S. official"))),
            (", according to Reuters.", Some(("according to", "Reuters"))),
            (" Witkoff also said.", Some(("said", "Witkoff"))),
            (
                ", Witkoff, the envoy, told reporters.",
                Some(("told reporters", "Witkoff")),
            ),
            (", Israel, in turn, said.", Some(("said", "Israel"))),
            (" with the release of the rest.", None),
            (" Israel, in turn, has threatened to resume fighting.", None),
        ];
        for (clause, expected) in cases {
            let expected = expected.map(|(c, s)| (c.to_owned(), s.to_owned()));
            assert_eq!(after_of(clause), expected, "{clause}");
        }
    }

    #[test]
    fn sentences_end_at_stops_before_capitals() {
        let text = "He said so. The U.S. official left. “Yes” came next! then “It ends.” Then";
        let starts: Vec<&str> = sentence_starts(text, 0..text.len())
            .map(|s| &text[s..])
            .collect();
        assert_eq!(
            starts,
            [
                "The U.S. official left. “Yes” came next! then “It ends.” Then",
                "“Yes” came next! then “It ends.” Then",
                "Then"
            ]
        );
    }
}
