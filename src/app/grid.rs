//! Where the coverage view puts its grid, model-side: drawing and clicks both use
//! [`coverage_grid`].

use super::layout::{list_start, panes};
use super::{App, CoverageView, Panel};
use ratatui::layout::{Constraint, Layout, Margin, Rect};

/// The width of the entity column.
pub const NAME_WIDTH: u16 = 26;

/// The coverage view's boxes and the part of the grid on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CoverageGrid {
    /// The grid's box.
    pub grid: Rect,
    /// The left-out box.
    pub left_out: Rect,
    /// Inside the grid's box: the header row, then the entity rows.
    pub inner: Rect,
    /// The first source column shown.
    pub first_column: usize,
    /// How many source columns show.
    pub shown: usize,
    /// The width of a source column.
    pub column_width: u16,
    /// The first entity row shown.
    pub first_row: usize,
}

/// The coverage view's layout in `area`, for `articles` sources; `None` for the grid when
/// too small to show cells.
pub fn coverage_grid(
    area: Rect,
    articles: usize,
    view: &CoverageView,
) -> (Rect, Rect, Option<CoverageGrid>) {
    let omissions_height = u16::try_from(articles.min(6)).unwrap_or(6) + 2;
    let [grid, left_out] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(omissions_height)]).areas(area);
    let inner = grid.inner(Margin::new(1, 1));
    if inner.height < 3 || inner.width < NAME_WIDTH + 12 {
        return (grid, left_out, None);
    }
    let room = inner.width - NAME_WIDTH - 10;
    let column_width = (room / u16::try_from(articles.max(1)).unwrap_or(1)).clamp(5, 12);
    let shown = usize::from((room / column_width).max(1));
    let height = usize::from(inner.height - 1);
    let layout = CoverageGrid {
        grid,
        left_out,
        inner,
        first_column: view.column.saturating_sub(shown - 1),
        shown,
        column_width,
        first_row: list_start(view.row, view.table.rows.len(), height),
    };
    (grid, left_out, Some(layout))
}

impl CoverageGrid {
    /// The x of a source column's slot on screen.
    pub fn column_x(&self, slot: usize) -> u16 {
        self.inner.x + NAME_WIDTH + 2 + u16::try_from(slot).unwrap_or(0) * self.column_width
    }

    /// The (entity row, source) of the cell at a screen position; a click on the entity
    /// column keeps the source.
    pub fn cell_at(&self, x: u16, y: u16, rows: usize, column: usize) -> Option<(usize, usize)> {
        if y <= self.inner.y || y >= self.inner.bottom() || x < self.inner.x {
            return None;
        }
        let row = self.first_row + usize::from(y - self.inner.y - 1);
        if row >= rows {
            return None;
        }
        let Some(from) = x.checked_sub(self.inner.x + NAME_WIDTH + 2) else {
            return Some((row, column));
        };
        let slot = usize::from(from / self.column_width);
        (slot < self.shown).then_some((row, self.first_column + slot))
    }
}

/// The area views are drawn in: everything above the status line.
pub fn panel_area(app: &App) -> Option<Rect> {
    let panes = panes(app)?;
    Some(Rect::new(0, 0, app.size.0, panes.status.y))
}

impl App {
    /// A click in an open view: in the coverage, moves the cursor to the cell.
    pub(super) fn click_in_panel(&mut self, x: u16, y: u16) {
        let Some(area) = panel_area(self) else {
            return;
        };
        let articles = self.corpus.articles.len();
        let Some(Panel::Coverage(view)) = &mut self.panel else {
            return;
        };
        let (_, _, Some(grid)) = coverage_grid(area, articles, view) else {
            return;
        };
        if let Some((row, column)) = grid.cell_at(x, y, view.table.rows.len(), view.column) {
            view.row = row;
            view.column = column;
        }
    }
}
