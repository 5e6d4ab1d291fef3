//! The reading pane's own wrapping, model-side: grapheme clusters, cell widths, kind markers
//! that take a cell, and the row of a byte or a mention. Scrolling, jumping and mouse clicks
//! work on these rows; `ui::reader` draws them.

use crate::gazetteer::Kind;
use crate::matcher::Mention;
use crate::text::to_u32;
use ratatui::buffer::CellWidth;
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
///
/// A row is kept as its start and the bytes left out before the next row (none, the line
/// break, or the space broken at): five bytes a row, since a file of a hundred megabytes
/// wraps to millions of rows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Wrap {
    /// The width it was wrapped to.
    pub width: u16,
    /// Each row's first byte, in order.
    starts: Vec<u32>,
    /// The bytes between each row's end and the next row's start; the last row ends at
    /// `covered`.
    gaps: Vec<u8>,
    /// How many bytes of the text the rows cover: all of it, or its start only.
    pub covered: u32,
}

impl Wrap {
    /// Row `index`, if there is one.
    pub fn row(&self, index: usize) -> Option<Row> {
        let start = *self.starts.get(index)?;
        let end = match self.starts.get(index + 1) {
            Some(&next) => next - u32::from(self.gaps[index]),
            None => self.covered,
        };
        Some(Row { start, end })
    }

    /// The rows from `first` on, in order.
    pub fn rows_from(&self, first: usize) -> impl Iterator<Item = Row> + '_ {
        (first..self.len()).filter_map(|index| self.row(index))
    }

    /// The row that shows byte `offset`.
    pub fn row_of(&self, offset: u32) -> usize {
        self.starts
            .partition_point(|&start| start <= offset)
            .saturating_sub(1)
    }

    /// The row `mention` starts on; none when the rows do not reach its end.
    pub fn row_of_mention(&self, mention: &Mention) -> Option<usize> {
        (mention.end <= self.covered && !self.is_empty()).then(|| self.row_of(mention.start))
    }

    /// How many rows there are.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
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

/// The cells a grapheme cluster takes, as drawn (`text::drawn_cluster`); zero-width clusters
/// are not drawn.
pub fn cluster_width(cluster: &str) -> usize {
    usize::from(crate::text::drawn_cluster(cluster).cell_width())
}

/// Wraps `text` to `width` columns, at spaces where possible; a blank row separates two
/// adjacent non-blank lines, since the articles put one paragraph on each line.
///
/// `markers` are sorted byte offsets where one extra cell is drawn before the text (the
/// kind marker shown when colour is off).
pub fn wrap(text: &str, width: u16, markers: &[u32]) -> Wrap {
    let mut wrapper = Wrapper {
        width: usize::from(width.max(1)),
        starts: Vec::new(),
        gaps: Vec::new(),
        last_end: 0,
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
    // Kept as long as the article is read: without the room left by growing.
    wrapper.starts.shrink_to_fit();
    wrapper.gaps.shrink_to_fit();
    Wrap {
        width,
        starts: wrapper.starts,
        gaps: wrapper.gaps,
        covered: to_u32(text.len()),
    }
}

/// The wrap of the start of `text` only, about `bytes` of it (to a line end when one is near),
/// for a large text shown before its whole wrap is made.
pub fn wrap_start(text: &str, width: u16, markers: &[u32], bytes: usize) -> Wrap {
    let mut cut = bytes.min(text.len());
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let near = (cut + 4096).min(text.len());
    if let Some(line_end) = text.as_bytes()[cut..near].iter().position(|&b| b == b'\n') {
        cut += line_end;
    }
    let within = |offset: u32| (offset as usize) < cut;
    let markers = &markers[..markers.partition_point(|&m| within(m))];
    wrap(&text[..cut], width, markers)
}

struct Wrapper<'a> {
    width: usize,
    starts: Vec<u32>,
    gaps: Vec<u8>,
    /// Where the last row pushed ends.
    last_end: usize,
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
        if !self.starts.is_empty() {
            // A line break or one whitespace cluster: at most a few bytes.
            let gap = start - self.last_end;
            self.gaps.push(u8::try_from(gap).unwrap_or(u8::MAX));
        }
        self.starts.push(to_u32(start));
        self.last_end = end;
    }
}

/// Byte offsets where kind markers go (`markers`: colour is off): the starts of the visible
/// mentions.
pub fn marker_offsets(
    markers: bool,
    mentions: &[Mention],
    kind_of: impl Fn(u32) -> Kind,
    hidden: impl Fn(Kind) -> bool,
) -> Vec<u32> {
    if !markers {
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
        wrap(text, width, &[])
            .rows_from(0)
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
            for row in wrap(&text, width, &[]).rows_from(0) {
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
        let wrap = wrap(text, 4, &[]);
        assert_eq!(wrap.row_of_mention(&mention(0, 3)), Some(0));
        assert_eq!(wrap.row_of_mention(&mention(8, 11)), Some(2));
        assert_eq!(wrap.row_of(9), 2);
    }

    #[test]
    fn the_start_of_a_text_wraps_like_the_whole_as_far_as_it_goes() {
        let text = "one two three four five six seven\n".repeat(1_000);
        let mention = |start: u32| Mention {
            start,
            end: start + 3,
            entity: 0,
        };
        let mentions: Vec<Mention> = (0..1_000).map(|line| mention(line * 34)).collect();
        let whole = wrap(&text, 10, &[]);
        let start = wrap_start(&text, 10, &[], 1_000);
        assert!(start.len() < whole.len() / 10);
        let shared = start.len() - 1;
        assert!(
            start
                .rows_from(0)
                .take(shared)
                .eq(whole.rows_from(0).take(shared))
        );
        assert_eq!(
            start.row(start.len() - 1).unwrap().end,
            34 * 30 - 1,
            "cut at a line end"
        );
        let (reached, beyond): (Vec<&Mention>, Vec<&Mention>) = mentions
            .iter()
            .partition(|m| start.row_of_mention(m).is_some());
        assert_eq!(reached.len(), 30, "the mentions of the 30 lines wrapped");
        for mention in reached {
            assert_eq!(start.row_of_mention(mention), whole.row_of_mention(mention));
        }
        assert!(beyond.iter().all(|m| whole.row_of_mention(m).is_some()));
    }

    #[test]
    fn markers_take_a_cell() {
        let text = "ab cd";
        let wrap = wrap(text, 5, &[3]);
        assert_eq!(wrap.len(), 2);
    }
}
