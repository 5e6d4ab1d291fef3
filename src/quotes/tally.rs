//! The quotations of a whole corpus: by article (the reading pane sets them apart), by
//! speaker (the quotes view lists them), and how many words each speaker is quoted saying in
//! each source. Found once per corpus and gazetteer; reading them after is a lookup.

use super::Piece;
use crate::corpus::Article;
use crate::gazetteer::{EntityId, Gazetteer};
use crate::index::Index;
use crate::index::budget::{Cut, keep_first};

/// One quotation piece of the corpus: its article and its place among that article's pieces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct QuoteRef {
    /// The article, in corpus order.
    pub article: u32,
    /// The piece, in the article's order.
    pub piece: u32,
}

/// How much one speaker is quoted, source by source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally {
    /// The speaker, or `None` for the unnamed and unknown.
    pub speaker: Option<EntityId>,
    /// `(article, words)` for each article quoting the speaker, in corpus order.
    pub words: Vec<(u32, u32)>,
    /// Words in all.
    pub total: u32,
    /// Pieces in all.
    pub pieces: u32,
}

impl Tally {
    /// The words the speaker is quoted saying in `article` (0 when none).
    pub fn words_in(&self, article: usize) -> u32 {
        let Ok(article) = u32::try_from(article) else {
            return 0;
        };
        self.words
            .binary_search_by_key(&article, |&(a, _)| a)
            .map_or(0, |at| self.words[at].1)
    }
}

/// Every quotation piece of a corpus, by article and by speaker.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Quotations {
    by_article: Vec<Vec<Piece>>,
    by_speaker: Vec<Vec<QuoteRef>>,
    unattributed: Vec<QuoteRef>,
    /// Speakers by words quoted, most first; the unnamed and unknown as one row.
    pub speakers: Vec<Tally>,
    /// Where the quotations kept end, when the corpus has more than [`budget`].
    cut: Option<Cut>,
}

/// A corpus keeps at most one quotation for every this many bytes of its text (news has one
/// every 500 to 1,500)...
pub const BYTES_A_QUOTATION: usize = 256;

/// ...or this many, if that is more.
pub const QUOTATIONS_ALWAYS_KEPT: usize = 1 << 16;

/// How many quotations a corpus of `text` bytes keeps: at about 50 bytes each (the piece and
/// its place by speaker), a fifth of the text's size, or 3 MiB.
pub fn budget(text: usize) -> usize {
    (text / BYTES_A_QUOTATION).max(QUOTATIONS_ALWAYS_KEPT)
}

impl Quotations {
    /// The quotations of `articles`, whose mentions are in `index`, on all cores: the first
    /// [`budget`] of them in reading order.
    pub fn find(articles: &[Article], index: &Index, gazetteer: &Gazetteer) -> Quotations {
        let text = articles.iter().map(|a| a.text.len()).sum();
        Quotations::find_within(articles, index, gazetteer, budget(text))
    }

    /// [`Quotations::find`], keeping the first `budget` (see [`keep_first`]).
    pub fn find_within(
        articles: &[Article],
        index: &Index,
        gazetteer: &Gazetteer,
        budget: usize,
    ) -> Quotations {
        let (by_article, cut) = keep_first(articles, budget, |at, article, room| {
            let (pieces, more) =
                super::find_at_most(&article.text, index.mentions(at), gazetteer, room);
            (pieces, usize::from(more))
        });
        Quotations {
            cut,
            ..Quotations::from_pieces(articles, by_article, gazetteer.entities.len())
        }
    }

    /// What is left out, when the corpus has more quotations than it keeps (for the status
    /// line and the quotations view).
    pub fn left_out_message(&self) -> Option<String> {
        self.cut?;
        let kept: usize = self.by_article.iter().map(Vec::len).sum();
        Some(format!(
            "quotations past the first {kept} are not listed: a corpus keeps one for every \
             {BYTES_A_QUOTATION} bytes of its text (at least {QUOTATIONS_ALWAYS_KEPT}); \
             `gazette quotes` lists them all"
        ))
    }

    /// Indexes pieces already found, one list per article of `articles`.
    pub fn from_pieces(
        articles: &[Article],
        by_article: Vec<Vec<Piece>>,
        entity_count: usize,
    ) -> Quotations {
        let mut by_speaker = vec![Vec::new(); entity_count];
        let mut unattributed = Vec::new();
        let mut tallies: Vec<Option<Tally>> = vec![None; entity_count + 1];
        for (article, pieces) in by_article.iter().enumerate() {
            let article_ref = u32::try_from(article).unwrap_or(u32::MAX);
            for (piece, found) in pieces.iter().enumerate() {
                let at = QuoteRef {
                    article: article_ref,
                    piece: u32::try_from(piece).unwrap_or(u32::MAX),
                };
                let list = match found.speaker {
                    Some(entity) => by_speaker.get_mut(entity as usize),
                    None => Some(&mut unattributed),
                };
                if let Some(list) = list {
                    list.push(at);
                }
                let slot = found.speaker.map_or(entity_count, |e| e as usize);
                let words = words_of(&articles[article].text, found);
                if let Some(tally) = tallies.get_mut(slot) {
                    add(tally, found.speaker, article_ref, words);
                }
            }
        }
        let mut speakers: Vec<Tally> = tallies.into_iter().flatten().collect();
        speakers
            .sort_by(|a, b| (b.total, a.speaker.is_none()).cmp(&(a.total, b.speaker.is_none())));
        Quotations {
            by_article,
            by_speaker,
            unattributed,
            speakers,
            cut: None,
        }
    }

    /// The pieces of `article`, in order.
    pub fn of_article(&self, article: usize) -> &[Piece] {
        self.by_article.get(article).map_or(&[], Vec::as_slice)
    }

    /// The pieces `speaker` is quoted saying (`None`: the unnamed and unknown), in corpus
    /// order.
    pub fn of_speaker(&self, speaker: Option<EntityId>) -> &[QuoteRef] {
        match speaker {
            Some(entity) => self
                .by_speaker
                .get(entity as usize)
                .map_or(&[], Vec::as_slice),
            None => &self.unattributed,
        }
    }

    /// One piece.
    pub fn piece(&self, at: QuoteRef) -> Option<&Piece> {
        self.by_article
            .get(at.article as usize)?
            .get(at.piece as usize)
    }

    /// How many articles the quotations were found in.
    pub fn article_count(&self) -> usize {
        self.by_article.len()
    }
}

/// Words inside the quotation marks of `piece`.
fn words_of(text: &str, piece: &Piece) -> u32 {
    let words = text
        .get(piece.range())
        .map_or(0, |quoted| quoted.split_whitespace().count());
    u32::try_from(words).unwrap_or(u32::MAX)
}

fn add(tally: &mut Option<Tally>, speaker: Option<EntityId>, article: u32, words: u32) {
    let tally = tally.get_or_insert_with(|| Tally {
        speaker,
        words: Vec::new(),
        total: 0,
        pieces: 0,
    });
    tally.total = tally.total.saturating_add(words);
    tally.pieces += 1;
    match tally.words.last_mut() {
        Some((last, count)) if *last == article => *count = count.saturating_add(words),
        _ => tally.words.push((article, words)),
    }
}
