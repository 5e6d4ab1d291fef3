//! Direct quotations in an article and who speaks them.
//!
//! Every pair of quotation marks is a candidate piece; a quotation interrupted by its
//! attribution ("“…,” he said. “…”") is two pieces, and one running over several paragraphs is
//! a piece per paragraph. Short quoted words with no speech verb of their own (a title such as
//! “Witkoff proposal”, a scare quote) are not quotations.
//!
//! The speaker comes from the narration around each piece, sentence by sentence:
//!
//! 1. a speech verb with its phrase, before the quotation ("Witkoff said, “") or after it ("…,”
//!    said Trump", "…,” Trump told reporters", "according to X");
//! 2. the phrase resolved against the gazetteer's mentions: a name is its entity; `he`/`she` is
//!    the person last named as a sentence's subject; "Trump’s envoy" is the person last named
//!    other than Trump; a role without a name ("a PMO official", "sources") is an anonymous
//!    speaker, unless a bare plural names an organization ("Hamas representatives");
//! 3. a participle with no subject of its own ("…, saying “") takes the sentence's subject;
//! 4. a piece with no attribution continues the speaker before it.

mod lexicon;
mod marks;
mod phrase;
pub mod print;
pub mod tally;

pub use tally::{Quotations, QuoteRef, Tally};

use crate::gazetteer::{EntityId, Gazetteer, Kind};
use crate::matcher::{Matcher, Mention};
use crate::text::to_u32;
use crate::text::window::floor_char_boundary;
use marks::Marked;
use phrase::{Cue, Subject};
use std::ops::Range;

/// Quotations of this many words or fewer need a speech verb of their own to count.
const SHORT_WORDS: usize = 2;

/// How many recently named people a pronoun can refer back to.
const REFERENTS_KEPT: usize = 8;

/// A paragraph longer than this is read in stretches of about this size, each cut after a
/// sentence's end where one is near.
const PARAGRAPH_BYTES: usize = 1 << 18;

/// The most narration read for a speech verb on either side of a quotation: a clause of news
/// is far shorter, and a text with no sentence end in megabytes is not read whole for it.
const CLAUSE_BYTES: usize = 4096;

/// One piece of a direct quotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// The words inside the quotation marks, in the article's text.
    range: Span,
    /// The speaker when the text names one the gazetteer knows.
    pub speaker: Option<EntityId>,
    /// The words naming the speaker ("Witkoff", "he", "a PMO official"), anywhere in the text.
    speaker_text: Option<Span>,
    /// The attribution's words ("told reporters", "said"), when the piece has its own.
    cue: Option<Span>,
}

impl Piece {
    fn new(range: Range<usize>, speaker: Option<EntityId>, speaker_text: Option<Span>) -> Piece {
        Piece {
            range: Span::of(range),
            speaker,
            speaker_text,
            cue: None,
        }
    }

    /// The words inside the quotation marks, in the article's text.
    pub fn range(&self) -> Range<usize> {
        self.range.range()
    }

    /// The words naming the speaker ("Witkoff", "he", "a PMO official"), anywhere in the text.
    pub fn speaker_text(&self) -> Option<Range<usize>> {
        self.speaker_text.map(Span::range)
    }

    /// The attribution's words ("told reporters", "said"), when the piece has its own.
    pub fn cue(&self) -> Option<Range<usize>> {
        self.cue.map(Span::range)
    }
}

/// A byte range of an article's text in eight bytes (a text is at most 256 MiB): a text of
/// quotations has a piece every few dozen bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    start: u32,
    end: u32,
}

impl Span {
    fn of(range: Range<usize>) -> Span {
        Span {
            start: to_u32(range.start),
            end: to_u32(range.end),
        }
    }

    fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// The quotation pieces of `text`, in order; `mentions` are the gazetteer's matches in it.
pub fn find(text: &str, mentions: &[Mention], gazetteer: &Gazetteer) -> Vec<Piece> {
    find_at_most(text, mentions, gazetteer, usize::MAX).0
}

/// The first `limit` quotation pieces of `text` (see [`find`]), and whether it has more: the
/// text is read no further than the sentence where one more is found.
pub fn find_at_most(
    text: &str,
    mentions: &[Mention],
    gazetteer: &Gazetteer,
    limit: usize,
) -> (Vec<Piece>, bool) {
    let mut reader = Reader {
        text,
        mentions,
        gazetteer,
        referents: Vec::new(),
        pieces: Vec::new(),
        limit: limit.saturating_add(1),
    };
    reader.read(0..text.len());
    let more = reader.pieces.len() > limit;
    reader.pieces.truncate(limit);
    // Kept as long as the corpus: without the room left by growing.
    reader.pieces.shrink_to_fit();
    (reader.pieces, more)
}

/// The quotation pieces of `text`, each handed to `emit` in order, with the mentions
/// `matcher` finds: the same as [`find`], but the text is matched and read a stretch of lines
/// of about `stretch_bytes` at a time, so that neither its mentions nor its pieces are ever
/// all held (an article of names on every line has a mention every few bytes).
pub fn for_each_piece<E>(
    text: &str,
    (gazetteer, matcher): (&Gazetteer, &Matcher),
    stretch_bytes: usize,
    mut emit: impl FnMut(&Piece) -> Result<(), E>,
) -> Result<(), E> {
    // What one stretch hands the next: the people named, and the last piece (whose speaker
    // a piece without one continues).
    let (mut referents, mut last) = (Vec::new(), None);
    for (stretch, mentions) in matcher.find_by_stretch(text, stretch_bytes) {
        let mut reader = Reader {
            text,
            mentions: &mentions,
            gazetteer,
            referents,
            pieces: Vec::from_iter(last.take()),
            limit: usize::MAX,
        };
        let carried = reader.pieces.len();
        reader.read(stretch);
        for piece in &reader.pieces[carried..] {
            emit(piece)?;
        }
        (referents, last) = (reader.referents, reader.pieces.pop());
    }
    Ok(())
}

/// The byte ranges of the sentences of `text`, paragraph by paragraph, quoted sentences
/// included: "“We talk. We wait,” he said." is two.
pub fn sentence_ranges(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    crate::corpus::paragraphs(text).flat_map(move |paragraph| {
        let mut starts = distinct_starts(text, &paragraph, vec![paragraph.clone()]);
        let mut previous = starts.next().unwrap_or(paragraph.start);
        starts.map(move |start| {
            let range = previous..previous + text[previous..start].trim_end().len();
            previous = start;
            range
        })
    })
}

/// Where the sentences of `paragraph` start, then its end, each once and in order; sentences
/// end only in `narration`, ranges of it in order.
fn distinct_starts<'t>(
    text: &'t str,
    paragraph: &Range<usize>,
    narration: Vec<Range<usize>>,
) -> impl Iterator<Item = usize> + use<'t> {
    let mut last = None;
    std::iter::once(paragraph.start)
        .chain(
            narration
                .into_iter()
                .flat_map(move |range| phrase::sentence_starts(text, range)),
        )
        .chain(std::iter::once(paragraph.end))
        .filter(move |&start| last.replace(start) != Some(start))
}

/// The words inside quotation marks in `text`, as byte ranges in order (titles and scare
/// quotes included).
pub fn quoted_ranges(text: &str) -> Vec<Range<usize>> {
    crate::corpus::paragraphs(text)
        .flat_map(|paragraph| marks::find(text, paragraph))
        .map(|marked| marked.inner)
        .collect()
}

/// What one sentence looks like: its extent, its narration, its quotations.
struct Sentence {
    range: Range<usize>,
    narration: Vec<Range<usize>>,
    quotes: Vec<Marked>,
}

/// The state carried from sentence to sentence.
struct Reader<'a> {
    text: &'a str,
    mentions: &'a [Mention],
    gazetteer: &'a Gazetteer,
    /// People recently named as subjects or speakers, the latest last.
    referents: Vec<EntityId>,
    pieces: Vec<Piece>,
    /// Past this many pieces, the rest of the text is not read.
    limit: usize,
}

impl Reader<'_> {
    /// Reads the paragraphs of `self.text[range]` (whole lines), until the limit is reached.
    /// A paragraph of news is a few hundred bytes; one of megabytes (a file on one line) is
    /// read a stretch at a time, so that its quotation marks are never all listed at once.
    fn read(&mut self, range: Range<usize>) {
        let text = self.text;
        let paragraphs = crate::corpus::paragraphs(&text[range.clone()]).flat_map(|paragraph| {
            let start = range.start + paragraph.start;
            crate::text::pieces(&text[start..range.start + paragraph.end], PARAGRAPH_BYTES)
                .into_iter()
                .map(move |piece| start + piece.start..start + piece.end)
        });
        for stretch in paragraphs {
            if self.pieces.len() >= self.limit {
                break;
            }
            self.paragraph(stretch);
        }
    }

    fn paragraph(&mut self, paragraph: Range<usize>) {
        let quotes = marks::find(self.text, paragraph.clone());
        for sentence in sentences(self.text, &paragraph, quotes) {
            if self.pieces.len() >= self.limit {
                return;
            }
            let first = self.pieces.len();
            let mut narrated = false;
            for at in 0..sentence.quotes.len() {
                let clause_start = match at {
                    0 => sentence.range.start,
                    _ => sentence.quotes[at - 1].outer.end,
                };
                let clause = &self.text[clause_start..sentence.quotes[at].outer.start];
                narrated |= !clause.trim().is_empty();
                self.quote(&sentence, at, first, narrated);
            }
            let subject = self.subject(&sentence.narration).or_else(|| {
                self.pieces[first..]
                    .iter()
                    .rev()
                    .find_map(|p| p.speaker.filter(|&e| self.is_person(e)))
            });
            if let Some(person) = subject {
                self.name(person);
            }
        }
    }

    /// Attributes the `at`-th quotation of `sentence`; `first` is the index of the sentence's
    /// first piece; `narrated` says whether narration comes before it in the sentence.
    fn quote(&mut self, sentence: &Sentence, at: usize, first: usize, narrated: bool) {
        let quote = &sentence.quotes[at];
        let clause_start = match at {
            0 => sentence.range.start,
            _ => sentence.quotes[at - 1].outer.end,
        };
        let near = floor_char_boundary(self.text, quote.outer.start.saturating_sub(CLAUSE_BYTES));
        let before = phrase::before(self.text, clause_start.max(near)..quote.outer.start);
        let after = self.after_clause(sentence, at).and_then(|clause| {
            let near = floor_char_boundary(self.text, clause.start + CLAUSE_BYTES);
            phrase::after(self.text, clause.start..clause.end.min(near))
        });
        let cue = match (before, after) {
            (Some(b), _) if matches!(b.subject, Subject::Phrase(_)) => Some(b),
            (b, Some(a)) => Some(a).or(b),
            (b, None) => b,
        };
        let words = self.text[quote.inner.clone()].split_whitespace().count();
        if words <= SHORT_WORDS && cue.is_none() && narrated {
            return;
        }
        let earlier = (self.pieces.len() > first).then(|| self.pieces.len() - 1);
        let piece = match cue {
            Some(cue) => self.attributed(sentence, quote, &cue, earlier),
            None if earlier.is_none() && narrated => self.implied(sentence, quote, None),
            None => self.continued(quote, earlier.or(self.pieces.len().checked_sub(1))),
        };
        self.pieces.push(piece);
    }

    /// The narration after a closed quotation up to the next quotation or the sentence's end;
    /// none when the quotation ends its own sentence (its last word has a full stop).
    fn after_clause(&self, sentence: &Sentence, at: usize) -> Option<Range<usize>> {
        let quote = &sentence.quotes[at];
        if !quote.closed || self.text[quote.inner.clone()].ends_with('.') {
            return None;
        }
        let end = sentence
            .quotes
            .get(at + 1)
            .map_or(sentence.range.end, |next| next.outer.start);
        Some(quote.outer.end..end.max(quote.outer.end))
    }

    fn attributed(
        &self,
        sentence: &Sentence,
        quote: &Marked,
        cue: &Cue,
        earlier: Option<usize>,
    ) -> Piece {
        let mut piece = match &cue.subject {
            Subject::Phrase(words) => Piece::new(
                quote.inner.clone(),
                self.resolve(words.clone()),
                Some(Span::of(words.clone())),
            ),
            Subject::Implied => self.implied(sentence, quote, earlier),
        };
        piece.cue = Some(Span::of(cue.words.clone()));
        piece
    }

    /// A piece whose verb has no subject of its own, or that has no verb while narration in
    /// its sentence comes first ("Trump defended the talks because “…”"): the speaker of the
    /// sentence's piece before, or the sentence's subject, or the speaker before.
    fn implied(&self, sentence: &Sentence, quote: &Marked, earlier: Option<usize>) -> Piece {
        if let Some(earlier) = earlier {
            return self.continued(quote, Some(earlier));
        }
        // Only the sentence's first piece gets here, so each sentence is read once.
        let before: Vec<Range<usize>> = sentence
            .narration
            .iter()
            .take_while(|r| r.start < quote.outer.start)
            .map(|r| r.start..r.end.min(quote.outer.start))
            .collect();
        match self.subject_words(&before) {
            Some((person, words)) => {
                Piece::new(quote.inner.clone(), Some(person), Some(Span::of(words)))
            }
            None => self.continued(quote, self.pieces.len().checked_sub(1)),
        }
    }

    /// A piece spoken by the speaker of piece `index` (unknown when there is none).
    fn continued(&self, quote: &Marked, index: Option<usize>) -> Piece {
        let previous = index.and_then(|i| self.pieces.get(i));
        Piece::new(
            quote.inner.clone(),
            previous.and_then(|p| p.speaker),
            previous.and_then(|p| p.speaker_text),
        )
    }

    /// The entity a speaker's phrase designates, if any.
    fn resolve(&self, words: Range<usize>) -> Option<EntityId> {
        let phrase = &self.text[words.clone()];
        if lexicon::is_pronoun(phrase) {
            return self.referents.last().copied();
        }
        let inside = self.mentions_in(words.clone());
        let last = inside.last()?;
        let named_last = last.end as usize == words.end && !self.possessive(last);
        if named_last {
            return Some(last.entity);
        }
        let head = phrase.rsplit(char::is_whitespace).next().unwrap_or(phrase);
        if !lexicon::is_role(head) {
            return None;
        }
        let first = inside[0];
        if first.start as usize == words.start && self.possessive(&first) {
            // "Trump’s envoy": someone recently named other than Trump.
            return self
                .referents
                .iter()
                .rev()
                .copied()
                .find(|&e| e != first.entity);
        }
        let bare_plural = head.ends_with('s') && first.start as usize == words.start;
        bare_plural
            .then(|| {
                inside
                    .iter()
                    .find(|m| !self.is_person(m.entity) && !self.possessive(m))
            })
            .flatten()
            .map(|m| m.entity)
    }

    /// The subject of narration: the first person named (not as a possessive), unless `he` or
    /// `she` comes first (then the person they refer to), else a person named as a
    /// possessive ("Trump’s approach … threatening").
    fn subject(&self, narration: &[Range<usize>]) -> Option<EntityId> {
        self.subject_words(narration).map(|(person, _)| person)
    }

    /// [`Self::subject`] with the words naming it.
    fn subject_words(&self, narration: &[Range<usize>]) -> Option<(EntityId, Range<usize>)> {
        let mut possessive = None;
        for range in narration {
            let mentions = self.mentions_in(range.clone());
            let mut people = mentions.iter().filter(|m| self.is_person(m.entity));
            let named = people.clone().find(|m| !self.possessive(m));
            let before = named.map_or(range.end, |m| m.start as usize);
            if let Some(pronoun) = pronoun_in(self.text, range.start..before) {
                return self.referents.last().map(|&p| (p, pronoun));
            }
            if let Some(m) = named {
                return Some((m.entity, m.range()));
            }
            if possessive.is_none() {
                possessive = people.next().map(|m| (m.entity, m.range()));
            }
        }
        possessive
    }

    /// The mentions that start inside `range`.
    fn mentions_in(&self, range: Range<usize>) -> &[Mention] {
        let from = self
            .mentions
            .partition_point(|m| (m.start as usize) < range.start);
        let to = self
            .mentions
            .partition_point(|m| (m.start as usize) < range.end);
        &self.mentions[from..to]
    }

    fn possessive(&self, mention: &Mention) -> bool {
        let rest = &self.text[mention.end as usize..];
        rest.starts_with("’s") || rest.starts_with("'s") || rest.starts_with('’')
    }

    fn is_person(&self, entity: EntityId) -> bool {
        self.gazetteer.entity(entity).kind == Kind::Person
    }

    /// Records `person` as the latest named.
    fn name(&mut self, person: EntityId) {
        self.referents.retain(|&p| p != person);
        self.referents.push(person);
        if self.referents.len() > REFERENTS_KEPT {
            self.referents.remove(0);
        }
    }
}

/// The first `he` or `she` in `text[range]`.
fn pronoun_in(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let body = &text[range.clone()];
    let mut start = None;
    for (at, c) in body
        .char_indices()
        .chain(std::iter::once((body.len(), ' ')))
    {
        if c.is_alphabetic() {
            start.get_or_insert(at);
        } else if let Some(from) = start.take()
            && lexicon::is_pronoun(&body[from..at])
        {
            return Some(range.start + from..range.start + at);
        }
    }
    None
}

/// Splits a paragraph into sentences, each with its narration and quotations. Sentences end in
/// narration only: a quotation belongs to the sentence its opening mark is in. They are made
/// as they are read: a paragraph may be a whole file on one line.
fn sentences<'t>(
    text: &'t str,
    paragraph: &Range<usize>,
    quotes: Vec<Marked>,
) -> impl Iterator<Item = Sentence> + use<'t> {
    let mut narration = Vec::new();
    let mut at = paragraph.start;
    for quote in &quotes {
        narration.push(at..quote.outer.start);
        at = quote.outer.end;
    }
    narration.push(at..paragraph.end);
    let mut starts = distinct_starts(text, paragraph, narration.clone());
    let mut previous = starts.next().unwrap_or(paragraph.start);
    let mut quotes = quotes.into_iter().peekable();
    // Both lists are in order: each sentence takes up where the one before left off.
    let mut next_narration = 0;
    starts.map(move |start| {
        let range = previous..start;
        previous = start;
        let mut inside = Vec::new();
        while let Some(quote) = quotes.next_if(|q| q.outer.start < range.end) {
            inside.push(quote);
        }
        while narration
            .get(next_narration)
            .is_some_and(|r| r.end <= range.start && r.start < range.start)
        {
            next_narration += 1;
        }
        let narration = narration[next_narration..]
            .iter()
            .take_while(|r| r.start < range.end)
            .filter(|r| r.end > range.start)
            .map(|r| r.start.max(range.start)..r.end.min(range.end))
            .collect();
        Sentence {
            range,
            narration,
            quotes: inside,
        }
    })
}

#[cfg(test)]
mod tests;
