//! The one layout of the reader's panes, model-side: rendering, the text wrap width and
//! mouse hit tests all use [`panes`]. Below [`MIN_WIDTH`] × [`MIN_HEIGHT`] there are no panes
//! (`ui` draws only a notice).

use super::App;
use ratatui::layout::{Constraint, Layout, Margin, Rect};

/// Narrower than this, only a notice is drawn.
pub const MIN_WIDTH: u16 = 40;
/// Lower than this, only a notice is drawn.
pub const MIN_HEIGHT: u16 = 10;
/// From this width the sources get a column of their own.
const SOURCES_COLUMN_FROM: u16 = 150;
/// From this width the entity list is shown beside the text by default.
const ENTITIES_BESIDE_FROM: u16 = 80;
/// Lower than this, the source list is left out (the text's title names the source).
const SOURCES_STRIP_FROM_HEIGHT: u16 = 16;

/// Where each pane goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panes {
    /// The source list (with its border), if shown.
    pub sources: Option<Rect>,
    /// The text pane with its border.
    pub text_block: Rect,
    /// The text itself (inside the border).
    pub text: Rect,
    /// The entity list (with its border), if shown.
    pub entities: Option<Rect>,
    /// The status line.
    pub status: Rect,
}

/// Whether the entity list is on screen.
pub fn entity_pane_visible(app: &App) -> bool {
    (app.size.0 >= ENTITIES_BESIDE_FROM) != app.entity_pane_toggled
}

/// The layout for the app's terminal size; `None` when the terminal is too small.
pub fn panes(app: &App) -> Option<Panes> {
    let area = Rect::new(0, 0, app.size.0, app.size.1);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let [main, status] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    let show_entities = entity_pane_visible(app);
    let sources_count = u16::try_from(app.corpus.articles.len()).unwrap_or(u16::MAX);
    let (sources, rest) = if area.width >= SOURCES_COLUMN_FROM {
        let [left, rest] =
            Layout::horizontal([Constraint::Length(30), Constraint::Fill(1)]).areas(main);
        (Some(left), rest)
    } else if area.height >= SOURCES_STRIP_FROM_HEIGHT {
        let most = match area.height {
            36.. => 6,
            28.. => 4,
            _ => 2,
        };
        let strip = sources_count.clamp(1, most) + 2;
        let [top, rest] =
            Layout::vertical([Constraint::Length(strip), Constraint::Fill(1)]).areas(main);
        (Some(top), rest)
    } else {
        (None, main)
    };
    let (text_block, entities) = match (show_entities, area.width >= ENTITIES_BESIDE_FROM) {
        (false, _) => (rest, None),
        (true, true) => {
            let width = (area.width / 3).clamp(30, 42);
            let [text, list] =
                Layout::horizontal([Constraint::Fill(1), Constraint::Length(width)]).areas(rest);
            (text, Some(list))
        }
        (true, false) => {
            let [text, list] =
                Layout::vertical([Constraint::Fill(3), Constraint::Fill(2)]).areas(rest);
            (text, Some(list))
        }
    };
    Some(Panes {
        sources,
        text_block,
        text: text_block.inner(Margin::new(1, 1)),
        entities,
        status,
    })
}

/// The size the text is wrapped to. On a terminal too small for the panes nothing is drawn,
/// and the text is wrapped as on the smallest one: at one column a long article would take
/// eight bytes of rows per character.
pub fn text_area_size(app: &App) -> (u16, u16) {
    panes(app).map_or((MIN_WIDTH, MIN_HEIGHT), |panes| {
        (panes.text.width, panes.text.height)
    })
}

/// The first row shown of a list of `len` rows in `height` rows with the cursor on `cursor`:
/// lists move a page at a time.
pub fn list_start(cursor: usize, len: usize, height: usize) -> usize {
    let height = height.max(1);
    let cursor = cursor.min(len.saturating_sub(1));
    cursor - cursor % height
}

/// The list row under screen row `y` of a list pane `area` (with its border).
pub fn list_row_at(area: Rect, cursor: usize, len: usize, y: u16) -> Option<usize> {
    let inner = area.inner(Margin::new(1, 1));
    if y < inner.y || y >= inner.bottom() {
        return None;
    }
    let start = list_start(cursor, len, usize::from(inner.height));
    let index = start + usize::from(y - inner.y);
    (index < len).then_some(index)
}
