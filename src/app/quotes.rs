//! Quotations in the reader: finding them once per corpus and gazetteer (as a
//! [`super::Job`]), setting them apart in the text, and the quotes view: what the selected
//! entity is quoted saying, source by source, beside a table of speakers × sources.
//!
//! Opening the view and moving in it only reads what was found; `Enter` on a quotation shows
//! it in place in its article.

use super::{App, Finding, Focus, Mode, Panel};
use crate::gazetteer::EntityId;
use crate::quotes::{Piece, Quotations, QuoteRef};

/// The quotes view: one speaker's quotations and the speakers × sources table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuotesView {
    /// The speaker listed (`None`: the unnamed and unknown).
    pub speaker: Option<EntityId>,
    /// The speaker's quotations, in corpus order (so grouped by source).
    pub quotes: Vec<QuoteRef>,
    /// The cursor in `quotes`.
    pub cursor: usize,
    /// The cursor in the table's rows ([`Quotations::speakers`]).
    pub row: usize,
    /// Whether the table has the keys.
    pub on_table: bool,
}

impl App {
    /// Asks for the quotations to be found again (the corpus or the gazetteer changed).
    pub(super) fn want_quotes(&mut self) {
        self.quotes = Quotations::default();
        self.quoting = Finding::Wanted;
    }

    /// Takes in found quotations, if they are the ones awaited.
    pub(super) fn absorb_quotes(&mut self, run: u64, found: Result<Box<Quotations>, String>) {
        if !self.quoting.finish(run) {
            return;
        }
        match found {
            Ok(quotes) if quotes.article_count() == self.corpus.articles.len() => {
                self.quotes = *quotes;
                if let Some(message) = self.quotes.left_out_message() {
                    self.notice = Some(message);
                }
            }
            Ok(_) => self.quoting = Finding::Wanted,
            Err(error) => self.notice = Some(format!("finding quotations failed: {error}")),
        }
    }

    /// The quotations in the shown text (none in the passage view).
    pub fn doc_quotes(&self) -> &[Piece] {
        match &self.passages {
            Some(_) => &[],
            None => self.quotes.of_article(self.article),
        }
    }

    /// Opens the quotes view of the selected entity (or the one under the list's cursor, or
    /// the most quoted speaker), or closes it when open.
    pub(super) fn toggle_quotes(&mut self) {
        if matches!(self.panel, Some(Panel::Quotes(_))) {
            self.close_panel();
            return;
        }
        if self.quoting != Finding::Done {
            self.notice = Some("still finding the quotations; try again in a moment".to_owned());
            return;
        }
        let entity = match self.focus {
            Focus::Entities => self.cursor_entity().or(self.selected),
            _ => self.selected.or_else(|| self.cursor_entity()),
        };
        let speaker = entity.or_else(|| self.quotes.speakers.first().and_then(|t| t.speaker));
        let row = self.speaker_row(speaker);
        let mut view = QuotesView {
            speaker,
            quotes: Vec::new(),
            cursor: 0,
            row,
            on_table: false,
        };
        self.list_speaker(&mut view, speaker);
        self.open_panel(Panel::Quotes(view));
    }

    /// The table row of `speaker`, or the first.
    fn speaker_row(&self, speaker: Option<EntityId>) -> usize {
        self.quotes
            .speakers
            .iter()
            .position(|t| t.speaker == speaker)
            .unwrap_or(0)
    }

    /// Lists `speaker`'s quotations in `view`, from the first.
    fn list_speaker(&self, view: &mut QuotesView, speaker: Option<EntityId>) {
        view.speaker = speaker;
        view.quotes = self.quotes.of_speaker(speaker).to_vec();
        view.cursor = 0;
    }

    /// Enter in the quotes view: on a quotation, shows it in its article; on a table row,
    /// lists that speaker's quotations.
    pub(super) fn activate_quote(&mut self, mut view: QuotesView) {
        if view.on_table {
            let speaker = self.quotes.speakers.get(view.row).map(|t| t.speaker);
            if let Some(speaker) = speaker {
                self.list_speaker(&mut view, speaker);
                view.on_table = false;
                if let Some(entity) = speaker {
                    self.select(entity);
                }
            }
            return self.keep_panel(Panel::Quotes(view));
        }
        let Some(&at) = view.quotes.get(view.cursor) else {
            return self.keep_panel(Panel::Quotes(view));
        };
        let Some(piece) = self.quotes.piece(at).cloned() else {
            return self.keep_panel(Panel::Quotes(view));
        };
        if let Some(entity) = view.speaker {
            self.select(entity);
        }
        let row = self.show_offset(at.article as usize, piece.range().start);
        self.notice = Some(format!("{} (line {})", self.quote_label(&piece), row + 1));
        self.mode = Mode::Reading;
        self.focus = Focus::Text;
    }

    /// The name of a speaker as the views show it.
    pub fn speaker_name(&self, speaker: Option<EntityId>) -> &str {
        speaker.map_or("(unnamed or unknown)", |entity| {
            self.gazetteer.entity(entity).name.as_str()
        })
    }

    /// The words attributing a piece of `article` ("Witkoff said", "a PMO official told
    /// Axios"); empty when it has none.
    pub fn attribution(&self, article: usize, piece: &Piece) -> String {
        let text = self.corpus.articles.get(article).map_or("", |a| &a.text);
        let words =
            |range: Option<std::ops::Range<usize>>| range.and_then(|r| text.get(r)).unwrap_or("");
        let by = [words(piece.speaker_text()), words(piece.cue())].join(" ");
        by.trim().to_owned()
    }

    /// Who says a piece, for the status line: "quoted: Steve Witkoff (Witkoff said)".
    fn quote_label(&self, piece: &Piece) -> String {
        let name = self.speaker_name(piece.speaker);
        match self.attribution(self.article, piece).as_str() {
            "" => format!("quoted: {name}"),
            by => format!("quoted: {name} ({by})"),
        }
    }
}
