//! Properties of the reading pane on hostile text, cleaned as articles are, at every width
//! from 1 to 120, with colour and with kind markers.
//!
//! The wrap loses only line breaks and the spaces it breaks at, never splits a grapheme
//! cluster, and maps each mention to its row; each row draws exactly as wide as it was laid
//! out and no wider than the pane (but for a single cluster wider than the pane); the cells
//! drawn are the row's clusters in order, and a highlight covers whole clusters.

use crate::app::wrap::{self, Row, Wrap, cluster_width, clusters};
use crate::gazetteer::{Gazetteer, LayerSource};
use crate::matcher::{Matcher, Mention};
use crate::ui::reader::{self, Page};
use crate::ui::theme::Theme;
use proptest::prelude::*;
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;
use ratatui::style::Style;
use std::collections::BTreeSet;
use std::sync::LazyLock;
use unicode_segmentation::UnicodeSegmentation;

/// The built-in gazetteer and its matcher, so that real names get highlighted.
static BUILT_IN: LazyLock<(Gazetteer, Matcher)> = LazyLock::new(|| {
    let gazetteer = Gazetteer::load(&[LayerSource::built_in()]).unwrap();
    let matcher = Matcher::new(&gazetteer).unwrap();
    (gazetteer, matcher)
});

/// What a cell is filled with before drawing: nothing in the alphabet below.
const UNDRAWN: &str = "¤";

/// Strings rich in what wrapping must handle: spaces of every width, wide and zero-width
/// clusters, marks, joiners, RTL, names to highlight, and escapes and controls that cleaning
/// removes or expands (tabs).
fn hostile_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a",
        "word",
        "Gaza",
        "Hamas",
        "Witkoff",
        " ",
        "   ",
        "\u{3000}",
        "\u{a0}",
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        "\t",
        "\x1b[31m",
        "\x1b]0;t\x07",
        "\u{9b}",
        "\u{202e}",
        "\u{200b}",
        "\u{ad}",
        "\u{301}",
        "\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}\u{307}\u{308}\u{309}",
        "e\u{301}",
        "漢",
        "字字",
        "Ａ",
        "👨\u{200d}👩\u{200d}👧",
        "🇮🇱",
        "👍🏽",
        "1\u{fe0f}\u{20e3}",
        "\u{200d}",
        "\u{200c}",
        "\u{fe0f}",
        "ｶﾞ",
        "שלום",
        "مرحبا",
        "\u{600}",
        "\u{e0041}",
        "_\x08",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|pieces| pieces.concat())
}

/// A text cleaned and laid out as the reading pane does it.
struct Laid {
    text: String,
    mentions: Vec<Mention>,
    markers: Vec<u32>,
    wrap: Wrap,
    theme: Theme,
}

impl Laid {
    fn new(raw: &str, width: u16, color: bool) -> Laid {
        let text = crate::text::clean(raw.as_bytes()).text;
        let (gazetteer, matcher) = &*BUILT_IN;
        let mentions = matcher.find(&text);
        let theme = Theme::new(color);
        let kind_of = |entity| gazetteer.entity(entity).kind;
        let markers = wrap::marker_offsets(theme.uses_markers(), &mentions, kind_of, |_| false);
        let wrap = wrap::wrap(&text, width, &markers);
        Laid {
            text,
            mentions,
            markers,
            wrap,
            theme,
        }
    }

    fn row_text(&self, row: Row) -> &str {
        &self.text[row.start as usize..row.end as usize]
    }

    /// The byte offsets where a grapheme cluster starts, and the end.
    fn boundaries(&self) -> BTreeSet<usize> {
        let starts = self.text.grapheme_indices(true).map(|(at, _)| at);
        starts.chain([self.text.len()]).collect()
    }

    /// Whether a kind marker is drawn before the cluster at `range`.
    fn marked(&self, range: std::ops::Range<usize>) -> bool {
        let first = self
            .markers
            .partition_point(|&m| (m as usize) < range.start);
        self.markers
            .get(first)
            .is_some_and(|&m| (m as usize) < range.end)
    }

    /// The cells the row was laid out to take: its clusters and the markers before them.
    fn laid_out_width(&self, row: Row) -> usize {
        clusters(self.row_text(row))
            .map(|(at, cluster)| {
                let start = row.start as usize + at;
                cluster_width(cluster) + usize::from(self.marked(start..start + cluster.len()))
            })
            .sum()
    }

    /// The style a cluster is drawn in: a mention's if it overlaps one.
    fn style_of(&self, range: std::ops::Range<usize>) -> Style {
        let (gazetteer, _) = &*BUILT_IN;
        self.mentions
            .iter()
            .find(|m| (m.start as usize) < range.end && range.start < m.end as usize)
            .map_or_else(Style::default, |m| {
                self.theme.mention(gazetteer.entity(m.entity).kind)
            })
    }

    /// Every row, drawn into a buffer as wide as the wrap, one screen row each.
    fn draw(&self) -> Buffer {
        let (gazetteer, _) = &*BUILT_IN;
        let height = u16::try_from(self.wrap.len()).unwrap();
        let area = Rect::new(0, 0, self.wrap.width, height);
        let mut buf = Buffer::filled(area, Cell::new(UNDRAWN));
        let page = Page {
            text: &self.text,
            wrap: &self.wrap,
            scroll: 0,
            mentions: &self.mentions,
            kind_of: &|entity| gazetteer.entity(entity).kind,
            suggested: &|_| false,
            hidden: &|_| false,
            current: None,
            matches: &[],
            headings: &[],
            quotes: &[],
            diff: &[],
        };
        reader::render(&page, &self.theme, area, &mut buf);
        buf
    }
}

/// Rows run in order over the whole text, start and end on cluster boundaries, and what lies
/// between two rows is nothing, a line break, or the one whitespace cluster broken at.
fn rows_cover_the_text(laid: &Laid) -> Result<(), TestCaseError> {
    let rows: Vec<Row> = laid.wrap.rows_from(0).collect();
    let boundaries = laid.boundaries();
    prop_assert_eq!(rows.first().map(|row| row.start), Some(0));
    prop_assert_eq!(
        rows.last().map(|row| row.end as usize),
        Some(laid.text.len())
    );
    for &row in &rows {
        prop_assert!(row.start <= row.end);
        for edge in [row.start, row.end] {
            prop_assert!(
                boundaries.contains(&(edge as usize)),
                "{edge} splits a cluster"
            );
        }
        prop_assert!(!laid.row_text(row).contains('\n'));
    }
    for pair in rows.windows(2) {
        let gap = &laid.text[pair[0].end as usize..pair[1].start as usize];
        let dropped_space = gap.graphemes(true).count() == 1 && gap.trim().is_empty();
        prop_assert!(
            gap.is_empty() || gap == "\n" || dropped_space,
            "{gap:?} lost between rows"
        );
    }
    Ok(())
}

/// Each mention's row is the row its first byte is on.
fn mentions_know_their_rows(laid: &Laid) -> Result<(), TestCaseError> {
    for mention in &laid.mentions {
        let row = laid
            .wrap
            .row_of_mention(mention)
            .expect("every mention is wrapped");
        let row = laid.wrap.row(row).unwrap();
        prop_assert!(
            row.start <= mention.start && mention.start < row.end,
            "{mention:?} is not on {row:?}"
        );
    }
    Ok(())
}

/// Row `y` draws its clusters in order, each in its style, markers where they were laid
/// out, as wide as laid out and no wider than the pane, and nothing after them.
fn row_draws_as_laid_out(laid: &Laid, buf: &Buffer, y: u16) -> Result<(), TestCaseError> {
    let row = laid.wrap.row(usize::from(y)).unwrap();
    let width = usize::from(laid.wrap.width);
    let mut x = 0;
    let mut clusters_shown = 0;
    for (at, cluster) in clusters(laid.row_text(row)) {
        let range = row.start as usize + at..row.start as usize + at + cluster.len();
        let marked = laid.marked(range.clone());
        let cluster_cells = cluster_width(cluster);
        if x + usize::from(marked) + cluster_cells > width {
            prop_assert_eq!(x, 0, "only a lone cluster may be wider than the pane");
            x = usize::from(marked);
            break;
        }
        if marked {
            let symbol = buf[(u16::try_from(x).unwrap(), y)].symbol();
            prop_assert!(symbol != UNDRAWN, "no marker at {}", x);
            x += 1;
        }
        if cluster_cells == 0 {
            continue;
        }
        let cell = &buf[(u16::try_from(x).unwrap(), y)];
        // As drawn: a cluster of more than 16 characters shows its first one.
        let drawn = crate::text::drawn_cluster(cluster);
        prop_assert_eq!(cell.symbol(), drawn, "at column {}", x);
        let mut expected = Cell::new(UNDRAWN);
        expected.set_style(laid.style_of(range));
        prop_assert_eq!(cell.style(), expected.style(), "{:?}", cluster);
        x += cluster_cells;
        clusters_shown += 1;
    }
    let laid_out = laid.laid_out_width(row);
    if laid_out <= width {
        prop_assert_eq!(x, laid_out, "drawn width");
    } else {
        prop_assert_eq!(clusters_shown, 0, "{} > {}", laid_out, width);
    }
    for after in x..width {
        let symbol = buf[(u16::try_from(after).unwrap(), y)].symbol();
        prop_assert_eq!(symbol, UNDRAWN, "drawn past the row's end at {}", after);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn wrapped_rows_keep_the_text_and_fit_as_drawn(
        raw in hostile_text(),
        width in 1u16..=120,
        color in any::<bool>(),
    ) {
        let laid = Laid::new(&raw, width, color);
        rows_cover_the_text(&laid)?;
        mentions_know_their_rows(&laid)?;
        let buf = laid.draw();
        for y in 0..buf.area.height {
            row_draws_as_laid_out(&laid, &buf, y)?;
        }
    }
}
