//! The reading pane: its own wrapping (grapheme clusters, cell widths, a mention → row map)
//! and the rendering of the visible rows only, so articles of any length scroll.

use super::theme::Theme;
use crate::gazetteer::Kind;
use crate::matcher::Mention;
use ratatui::buffer::{Buffer, CellWidth};
use ratatui::layout::Rect;
use ratatui::style::Style;
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

/// One screen row of wrapped text: a byte range of the text, without its line break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    /// First byte.
    pub start: u32,
    /// End byte (exclusive).
    pub end: u32,
}

/// A text wrapped to a width.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Wrap {
    /// The width it was wrapped to.
    pub width: u16,
    /// The rows, in order.
    pub rows: Vec<Row>,
    /// The row of each mention, in the order of the mentions given.
    pub mention_rows: Vec<u32>,
}

impl Wrap {
    /// The row that shows byte `offset`.
    pub fn row_of(&self, offset: u32) -> usize {
        self.rows
            .partition_point(|row| row.start <= offset)
            .saturating_sub(1)
    }

    /// How many rows there are.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

/// The grapheme clusters of `line` with their byte offsets; ASCII text, where every byte
/// is a cluster, takes a fast path.
pub fn clusters(line: &str) -> Box<dyn Iterator<Item = (usize, &str)> + '_> {
    if line.is_ascii() {
        Box::new((0..line.len()).map(move |at| (at, &line[at..=at])))
    } else {
        Box::new(line.grapheme_indices(true))
    }
}

/// The cells a grapheme cluster takes; zero-width clusters are not drawn.
pub fn cluster_width(cluster: &str) -> usize {
    usize::from(cluster.cell_width())
}

/// Wraps `text` to `width` columns, at spaces where possible; a blank row separates two
/// adjacent non-blank lines, since the articles put one paragraph on each line.
///
/// `markers` are sorted byte offsets where one extra cell is drawn before the text (the
/// kind marker shown when colour is off). `mentions` are mapped to their rows.
pub fn wrap(text: &str, width: u16, markers: &[u32], mentions: &[Mention]) -> Wrap {
    let mut wrapper = Wrapper {
        width: usize::from(width.max(1)),
        rows: Vec::new(),
        markers,
    };
    let mut start = 0;
    let mut lines = text.split('\n').peekable();
    while let Some(line) = lines.next() {
        wrapper.line(line, start);
        start += line.len() + 1;
        let next_is_text = lines.peek().is_some_and(|next| !next.trim().is_empty());
        if next_is_text && !line.trim().is_empty() {
            let end = start - 1;
            wrapper.push(end, end);
        }
    }
    let mention_rows = map_mentions(&wrapper.rows, mentions);
    Wrap {
        width,
        rows: wrapper.rows,
        mention_rows,
    }
}

struct Wrapper<'a> {
    width: usize,
    rows: Vec<Row>,
    markers: &'a [u32],
}

impl Wrapper<'_> {
    fn line(&mut self, line: &str, base: usize) {
        let mut row_start = 0;
        let mut column = 0;
        // Byte just after the last space in this row, and the column there.
        let mut last_break: Option<(usize, usize)> = None;
        let first_marker = self.markers.partition_point(|&m| (m as usize) < base);
        let mut markers = self.markers[first_marker..].iter().peekable();
        for (at, cluster) in clusters(line) {
            // A kind marker goes before the cluster a mention starts in, even where the
            // mention starts inside it (after a prepended character such as U+0600).
            let end = base + at + cluster.len();
            let mut marked = false;
            while markers.next_if(|&&m| (m as usize) < end).is_some() {
                marked = true;
            }
            let width = cluster_width(cluster) + usize::from(marked);
            let is_space = cluster.chars().all(char::is_whitespace);
            if column + width > self.width && column > 0 {
                if is_space {
                    self.push(base + row_start, base + at);
                    row_start = at + cluster.len();
                    column = 0;
                    last_break = None;
                    continue;
                }
                if let Some((after_space, break_column)) = last_break.take() {
                    self.push(base + row_start, base + after_space);
                    row_start = after_space;
                    column -= break_column;
                }
                if column + width > self.width && column > 0 {
                    self.push(base + row_start, base + at);
                    row_start = at;
                    column = 0;
                }
            }
            column += width;
            if is_space {
                last_break = Some((at + cluster.len(), column));
            }
        }
        self.push(base + row_start, base + line.len());
    }

    fn push(&mut self, start: usize, end: usize) {
        self.rows.push(Row {
            start: to_u32(start),
            end: to_u32(end),
        });
    }
}

fn to_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

fn map_mentions(rows: &[Row], mentions: &[Mention]) -> Vec<u32> {
    let mut row = 0;
    mentions
        .iter()
        .map(|mention| {
            while row + 1 < rows.len() && rows[row + 1].start <= mention.start {
                row += 1;
            }
            to_u32(row)
        })
        .collect()
}

/// What the reading pane shows: text and the highlight data for it.
pub struct Page<'a> {
    /// The text.
    pub text: &'a str,
    /// Its wrap.
    pub wrap: &'a Wrap,
    /// The first visible row.
    pub scroll: usize,
    /// Entity mentions: sorted, disjoint.
    pub mentions: &'a [Mention],
    /// The kind of each entity.
    pub kind_of: &'a dyn Fn(u32) -> Kind,
    /// Kinds whose highlights are hidden.
    pub hidden: &'a dyn Fn(Kind) -> bool,
    /// The current mention, as an index into `mentions`.
    pub current: Option<usize>,
    /// Search matches: sorted, disjoint.
    pub matches: &'a [Range<u32>],
    /// Headings (passage view): sorted, disjoint.
    pub headings: &'a [Range<u32>],
}

/// Draws the visible rows of `page` into `area`.
pub fn render(page: &Page<'_>, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let visible = page
        .wrap
        .rows
        .iter()
        .skip(page.scroll)
        .take(usize::from(area.height));
    for (y, row) in (area.y..).zip(visible) {
        render_row(page, *theme, *row, Rect::new(area.x, y, area.width, 1), buf);
    }
}

/// The first of `ranges` (sorted, disjoint) that overlaps `span`: a highlight covers every
/// grapheme cluster it touches, so that it never starts or ends inside one.
fn overlapping<T>(
    ranges: &[T],
    span: &Range<u32>,
    range: impl Fn(&T) -> Range<u32>,
) -> Option<usize> {
    let index = ranges.partition_point(|r| range(r).end <= span.start);
    ranges
        .get(index)
        .filter(|r| range(r).start < span.end)
        .map(|_| index)
}

fn render_row(page: &Page<'_>, theme: Theme, row: Row, area: Rect, buf: &mut Buffer) {
    let Some(text) = page.text.get(row.start as usize..row.end as usize) else {
        return;
    };
    let right = usize::from(area.x) + usize::from(area.width);
    let mut x = usize::from(area.x);
    for (at, cluster) in clusters(text) {
        let offset = row.start + to_u32(at);
        let span = offset..offset + to_u32(cluster.len());
        let (style, marker) = style_at(page, theme, &span);
        if let Some(marker) = marker {
            if x + 1 > right {
                return;
            }
            buf.set_stringn(to_u16(x), area.y, marker, 1, style);
            x += 1;
        }
        let width = cluster_width(cluster);
        if width == 0 {
            continue;
        }
        if x + width > right {
            return;
        }
        buf.set_stringn(to_u16(x), area.y, cluster, width, style);
        x += width;
    }
}

fn to_u16(value: usize) -> u16 {
    u16::try_from(value).unwrap_or(u16::MAX)
}

/// The style of the cluster at `span`, and the kind marker to draw before it.
fn style_at(page: &Page<'_>, theme: Theme, span: &Range<u32>) -> (Style, Option<&'static str>) {
    let mut style = Style::default();
    let mut marker = None;
    if overlapping(page.headings, span, Clone::clone).is_some() {
        style = theme.heading();
    }
    if let Some(index) = overlapping(page.mentions, span, |m: &Mention| m.start..m.end) {
        let mention = page.mentions[index];
        let kind = (page.kind_of)(mention.entity);
        if !(page.hidden)(kind) {
            style = style.patch(theme.mention(kind));
            if mention.start >= span.start {
                marker = theme.marker(kind);
            }
            if page.current == Some(index) {
                style = style.patch(theme.current());
            }
        }
    }
    if overlapping(page.matches, span, Clone::clone).is_some() {
        style = style.patch(theme.search_match());
    }
    (style, marker)
}

/// Byte offsets where kind markers go: the starts of the visible mentions.
pub fn marker_offsets(
    theme: &Theme,
    mentions: &[Mention],
    kind_of: impl Fn(u32) -> Kind,
    hidden: impl Fn(Kind) -> bool,
) -> Vec<u32> {
    if !theme.uses_markers() {
        return Vec::new();
    }
    mentions
        .iter()
        .filter(|mention| !hidden(kind_of(mention.entity)))
        .map(|mention| mention.start)
        .collect()
}

/// The bytes of the grapheme cluster shown at `column` of `row` (for mouse clicks).
pub fn cluster_at(text: &str, row: Row, markers: &[u32], column: u16) -> Option<Range<u32>> {
    let line = text.get(row.start as usize..row.end as usize)?;
    let mut x = 0;
    for (at, cluster) in clusters(line) {
        let offset = row.start + to_u32(at);
        let first = markers.partition_point(|&m| m < offset);
        let marked = markers
            .get(first)
            .is_some_and(|&m| m < offset + to_u32(cluster.len()));
        let width = cluster_width(cluster) + usize::from(marked);
        if usize::from(column) < x + width {
            return Some(offset..offset + to_u32(cluster.len()));
        }
        x += width;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str, width: u16) -> Vec<&str> {
        wrap(text, width, &[], &[])
            .rows
            .iter()
            .map(|row| &text[row.start as usize..row.end as usize])
            .collect()
    }

    #[test]
    fn wraps_at_spaces_and_breaks_long_words() {
        let table: [(&str, u16, &[&str]); 7] = [
            ("one two three", 7, &["one two", "three"]),
            ("one two three", 8, &["one two ", "three"]),
            ("abcdefghij", 4, &["abcd", "efgh", "ij"]),
            ("a\n\nb", 5, &["a", "", "b"]),
            ("a\nb", 5, &["a", "", "b"]),
            ("漢字漢字", 5, &["漢字", "漢字"]),
            ("ab漢", 3, &["ab", "漢"]),
        ];
        for (text, width, expected) in table {
            assert_eq!(rows(text, width), expected, "{text:?} at {width}");
        }
    }

    #[test]
    fn clusters_are_never_split() {
        let family = "👨\u{200d}👩\u{200d}👧";
        let text = format!("a{family}b e\u{301}e\u{301}");
        for width in 1..6 {
            for row in wrap(&text, width, &[], &[]).rows {
                assert!(text.is_char_boundary(row.start as usize));
                let shown = &text[row.start as usize..row.end as usize];
                assert!(!shown.starts_with('\u{200d}') && !shown.starts_with('\u{301}'));
            }
        }
    }

    #[test]
    fn mentions_know_their_rows() {
        let text = "aaa bbb ccc";
        let mention = |start, end| Mention {
            start,
            end,
            entity: 0,
        };
        let wrap = wrap(text, 4, &[], &[mention(0, 3), mention(8, 11)]);
        assert_eq!(wrap.mention_rows, [0, 2]);
        assert_eq!(wrap.row_of(9), 2);
    }

    #[test]
    fn markers_take_a_cell() {
        let text = "ab cd";
        let wrap = wrap(text, 5, &[3], &[]);
        assert_eq!(wrap.len(), 2);
    }

    /// Draws `text` with one place mention at `mention`, kind markers on, at `width`.
    fn draw_marked(text: &str, mention: Range<u32>, width: u16) -> (Wrap, Buffer) {
        let theme = Theme::new(false);
        let mentions = [Mention {
            start: mention.start,
            end: mention.end,
            entity: 0,
        }];
        let markers = marker_offsets(&theme, &mentions, |_| Kind::Place, |_| false);
        let wrap = wrap(text, width, &markers, &mentions);
        let area = Rect::new(0, 0, width, u16::try_from(wrap.len()).unwrap());
        let mut buf = Buffer::empty(area);
        let page = Page {
            text,
            wrap: &wrap,
            scroll: 0,
            mentions: &mentions,
            kind_of: &|_| Kind::Place,
            hidden: &|_| false,
            current: None,
            matches: &[],
            headings: &[],
        };
        render(&page, &theme, area, &mut buf);
        (wrap, buf)
    }

    #[test]
    fn a_mention_starting_inside_a_cluster_marks_and_highlights_the_whole_cluster() {
        // U+0600 is prepended to the letter after it: "Gaza" starts inside the cluster
        // "\u{600}G". The marker the wrap counts must be drawn, before that cluster.
        let text = "\u{600}Gaza x";
        let place = Theme::new(false).mention(Kind::Place);
        assert_eq!(cluster_width("\u{600}G"), 2);
        let (wrap, buf) = draw_marked(text, 2..6, 3);
        assert_eq!(wrap.rows[0], Row { start: 0, end: 3 });
        assert_eq!(buf[(0, 0)].symbol(), "^");
        assert_eq!(buf[(1, 0)].symbol(), "\u{600}G");
        assert!(buf[(1, 0)].modifier.contains(place.add_modifier));
        let markers = [2];
        for column in 0..3 {
            assert_eq!(cluster_at(text, wrap.rows[0], &markers, column), Some(0..3));
        }
        assert_eq!(cluster_at(text, wrap.rows[0], &markers, 3), None);
    }

    #[test]
    fn a_mention_ending_inside_a_cluster_highlights_the_whole_cluster() {
        // A zero-width joiner is no word character, so "Gaza" matches before it, but it
        // joins the last "a" into one cluster.
        let text = "Gaza\u{200d} x";
        let place = Theme::new(false).mention(Kind::Place);
        let (_, buf) = draw_marked(text, 0..4, 20);
        assert_eq!(buf[(4, 0)].symbol(), "a\u{200d}");
        assert!(buf[(4, 0)].modifier.contains(place.add_modifier));
        assert!(!buf[(6, 0)].modifier.contains(place.add_modifier));
    }
}
