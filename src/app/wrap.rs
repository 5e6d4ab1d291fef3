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
/// A file of a hundred megabytes wraps to millions of rows, so a row is kept as how far its
/// start is from the one before and how many bytes are left out between them (none, the line
/// break, or the space broken at), packed in a variable number of bytes: one or two for a
/// row of ordinary width. The blank row between two paragraphs is not kept at all: the row
/// after it says that one comes before it, at the line break.
/// Every [`CHECKPOINT_ROWS`]th row's start is kept whole, so that a row is found by decoding
/// at most that many.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Wrap {
    /// The width it was wrapped to.
    pub width: u16,
    /// How many rows there are.
    rows: usize,
    /// For each row after the first but the blank rows between paragraphs, in order:
    /// `(start − previous start) << 3 | blank << 2 | gap`, where the previous row is the last
    /// one kept, `blank` says a blank row comes between the two (at the end of the previous
    /// one), and the gap is the bytes left out before this row (as 3 when it is 3 or more,
    /// then followed by the gap less 3); each number in LEB128.
    steps: Vec<u8>,
    /// For every [`CHECKPOINT_ROWS`]th row: its start, and where the next row's step is.
    checkpoints: Vec<Checkpoint>,
    /// How many bytes of the text the rows cover: all of it, or its start only.
    pub covered: u32,
}

/// Rows between two starts kept whole.
const CHECKPOINT_ROWS: usize = 128;

/// A row's start kept whole: eight bytes every [`CHECKPOINT_ROWS`] rows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Checkpoint {
    start: u32,
    /// Where the step of the next row kept is, below [`BLANK`]; with [`BLANK`] when this row
    /// is a blank row between paragraphs (not kept: the step there is the one of the row
    /// after it).
    next_step: u32,
}

/// The bit of [`Checkpoint::next_step`] that marks a blank row (steps take a byte or more a
/// row, and a text at most 256 MiB, so their offsets stay below it).
const BLANK: u32 = 1 << 31;

impl Checkpoint {
    fn new(start: u32, next_step: u32, blank: bool) -> Checkpoint {
        debug_assert!(next_step < BLANK, "steps past 2 GiB");
        Checkpoint {
            start,
            next_step: next_step | if blank { BLANK } else { 0 },
        }
    }

    /// Where the step of the next row kept is.
    fn next_step(self) -> usize {
        (self.next_step & !BLANK) as usize
    }

    /// Whether this row is a blank row between paragraphs.
    fn blank(self) -> bool {
        self.next_step & BLANK != 0
    }
}

/// Rows read in order from one of them on.
struct Rows<'a> {
    wrap: &'a Wrap,
    /// The next row's number, and its start.
    index: usize,
    start: u32,
    /// Where the step to the row after it is.
    at: usize,
    /// When the next row is a blank row between paragraphs: where the row after it starts.
    after_blank: Option<u32>,
}

impl Iterator for Rows<'_> {
    type Item = Row;

    fn next(&mut self) -> Option<Row> {
        if self.index >= self.wrap.rows {
            return None;
        }
        let start = self.start;
        self.index += 1;
        if let Some(next) = self.after_blank.take() {
            self.start = next;
            return Some(Row { start, end: start });
        }
        if self.index >= self.wrap.rows {
            return Some(Row {
                start,
                end: self.wrap.covered,
            });
        }
        let step = read_step(&self.wrap.steps, &mut self.at);
        let next = start + step.distance;
        let end = next - step.gap;
        if step.blank {
            // The blank row, at this row's end, comes first.
            self.after_blank = Some(next);
            self.start = end;
        } else {
            self.start = next;
        }
        Some(Row { start, end })
    }
}

impl Wrap {
    /// Row `index`, if there is one.
    pub fn row(&self, index: usize) -> Option<Row> {
        self.rows_from(index).next()
    }

    /// The rows from `first` on, in order.
    pub fn rows_from(&self, first: usize) -> impl Iterator<Item = Row> + '_ {
        let checkpoint = self
            .checkpoints
            .get(first / CHECKPOINT_ROWS)
            .copied()
            .unwrap_or_default();
        let first = first.min(self.rows);
        let mut at = checkpoint.next_step();
        // At a blank row the next step is the one of the row after it, which starts its gap
        // past the blank row.
        let after_blank = checkpoint.blank().then(|| {
            let step = read_step(&self.steps, &mut at);
            checkpoint.start + step.gap
        });
        let mut rows = Rows {
            wrap: self,
            index: first / CHECKPOINT_ROWS * CHECKPOINT_ROWS,
            start: checkpoint.start,
            at,
            after_blank,
        };
        while rows.index < first {
            rows.next();
        }
        rows
    }

    /// The row that shows byte `offset`.
    pub fn row_of(&self, offset: u32) -> usize {
        let block = self
            .checkpoints
            .partition_point(|checkpoint| checkpoint.start <= offset)
            .saturating_sub(1);
        let first = block * CHECKPOINT_ROWS;
        let later = self
            .rows_from(first)
            .skip(1)
            .take(CHECKPOINT_ROWS - 1)
            .take_while(|row| row.start <= offset)
            .count();
        first + later
    }

    /// The row `mention` starts on; none when the rows do not reach its end.
    pub fn row_of_mention(&self, mention: &Mention) -> Option<usize> {
        (mention.end <= self.covered && !self.is_empty()).then(|| self.row_of(mention.start))
    }

    /// How many rows there are.
    pub fn len(&self) -> usize {
        self.rows
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }
}

/// One kept row, as read from the steps.
struct Step {
    /// How far its start is from the start of the row kept before it.
    distance: u32,
    /// The bytes left out before it.
    gap: u32,
    /// Whether a blank row comes before it, where the row kept before it ends.
    blank: bool,
}

/// Reads the step at `at`, moving past it.
fn read_step(steps: &[u8], at: &mut usize) -> Step {
    let packed = read_number(steps, at);
    let gap = match packed & 3 {
        3 => 3 + read_number(steps, at),
        gap => gap,
    };
    Step {
        distance: packed >> 3,
        gap,
        blank: packed & 4 != 0,
    }
}

fn read_number(steps: &[u8], at: &mut usize) -> u32 {
    let mut value = 0;
    let mut shift = 0;
    while let Some(&byte) = steps.get(*at) {
        *at += 1;
        value |= u32::from(byte & 0x7F) << shift;
        if byte < 0x80 {
            break;
        }
        shift += 7;
    }
    value
}

fn write_number(steps: &mut Vec<u8>, mut value: u32) {
    let low_bits = |value: u32| u8::try_from(value & 0x7F).unwrap_or(0);
    while value >= 0x80 {
        steps.push(low_bits(value) | 0x80);
        value >>= 7;
    }
    steps.push(low_bits(value));
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
        rows: Wrap {
            width,
            ..Wrap::default()
        },
        last_start: 0,
        last_end: 0,
        blank: false,
        markers,
    };
    let mut start = 0;
    let mut lines = text.split('\n').peekable();
    while let Some(line) = lines.next() {
        wrapper.line(line, start);
        start += line.len() + 1;
        let next_is_text = lines.peek().is_some_and(|next| !next.trim().is_empty());
        if next_is_text && !line.trim().is_empty() {
            wrapper.push_blank(start - 1);
        }
    }
    debug_assert!(!wrapper.blank, "a blank row is followed by a line of text");
    let mut rows = wrapper.rows;
    // Kept as long as the article is read: without the room left by growing.
    rows.steps.shrink_to_fit();
    rows.checkpoints.shrink_to_fit();
    rows.covered = to_u32(text.len());
    rows
}

/// The wrap of the start of `text` only, about `bytes` of it (to a line end when one is near),
/// for a large text shown before its whole wrap is made.
pub fn wrap_start(text: &str, width: u16, markers: &[u32], bytes: usize) -> Wrap {
    let mut cut = crate::text::window::floor_char_boundary(text, bytes);
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
    rows: Wrap,
    /// Where the last row kept starts and ends.
    last_start: usize,
    last_end: usize,
    /// Whether a blank row between paragraphs was pushed after it (and not kept).
    blank: bool,
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
        let rows = &mut self.rows;
        if rows.rows > 0 {
            // Offsets fit in 29 bits (inputs are capped at 256 MiB).
            let gap = to_u32(start - self.last_end);
            let step = to_u32(start - self.last_start);
            let blank = u32::from(std::mem::take(&mut self.blank));
            write_number(&mut rows.steps, step << 3 | blank << 2 | gap.min(3));
            if gap >= 3 {
                write_number(&mut rows.steps, gap - 3);
            }
        }
        self.checkpoint(start, false);
        self.last_start = start;
        self.last_end = end;
    }

    /// The blank row between two paragraphs, at `at`, the first one's line break: kept as a
    /// mark on the row after it when it lies where the row before it ends (as it does).
    fn push_blank(&mut self, at: usize) {
        if self.rows.rows == 0 || self.blank || at != self.last_end {
            return self.push(at, at);
        }
        self.blank = true;
        self.checkpoint(at, true);
    }

    /// Counts a row starting at `start`, keeping its start whole if it is a checkpoint's.
    fn checkpoint(&mut self, start: usize, blank: bool) {
        let rows = &mut self.rows;
        if rows.rows.is_multiple_of(CHECKPOINT_ROWS) {
            let next_step = to_u32(rows.steps.len());
            rows.checkpoints
                .push(Checkpoint::new(to_u32(start), next_step, blank));
        }
        rows.rows += 1;
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

    /// Rows found one at a time, from any row on, or by offset agree with the rows read in
    /// order, across many checkpoints, long rows and wide gaps.
    #[test]
    fn rows_are_found_alike_in_order_at_random_and_by_offset() {
        let text = "_____\nshort line\n\n漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字\u{3000}漢字 \
                    and words that wrap at spaces here\n"
            .repeat(300);
        for width in [1, 7, 40, 200] {
            let wrap = wrap(&text, width, &[]);
            let rows: Vec<Row> = wrap.rows_from(0).collect();
            assert_eq!(rows.len(), wrap.len());
            assert!(wrap.len() > 3 * CHECKPOINT_ROWS);
            let starts: Vec<u32> = rows.iter().map(|row| row.start).collect();
            for (index, row) in rows.iter().enumerate() {
                assert_eq!(wrap.row(index), Some(*row), "row {index} at {width}");
                assert_eq!(wrap.rows_from(index).next(), Some(*row));
                let expected = starts.partition_point(|&s| s <= row.start) - 1;
                assert_eq!(wrap.row_of(row.start), expected, "offset {}", row.start);
                assert_eq!(
                    wrap.row_of(row.end),
                    starts.partition_point(|&s| s <= row.end) - 1
                );
            }
            assert_eq!(wrap.row(wrap.len()), None);
            assert_eq!(wrap.rows_from(wrap.len() + 5).count(), 0);
        }
    }

    /// Short lines, each a row, with the blank rows between paragraphs where a checkpoint
    /// falls on them (the empty first line puts every blank row on an even number): every
    /// row is the one expected, read in order, at random, and by offset.
    #[test]
    fn checkpoints_on_blank_rows_find_the_rows_after_them() {
        let text = format!("\n{}", "a\nbb\n".repeat(200));
        let mut expected = Vec::new();
        let mut start = 0u32;
        let lines: Vec<&str> = text.split('\n').collect();
        for (at, line) in lines.iter().enumerate() {
            let end = start + to_u32(line.len());
            expected.push(Row { start, end });
            let next_is_text = lines.get(at + 1).is_some_and(|next| !next.is_empty());
            if next_is_text && !line.is_empty() {
                expected.push(Row { start: end, end });
            }
            start = end + 1;
        }
        let wrap = wrap(&text, 80, &[]);
        assert_eq!(wrap.rows_from(0).collect::<Vec<_>>(), expected);
        assert_eq!(
            expected[CHECKPOINT_ROWS].start,
            expected[CHECKPOINT_ROWS].end
        );
        for (index, row) in expected.iter().enumerate() {
            assert_eq!(wrap.row(index), Some(*row), "row {index}");
            assert_eq!(
                wrap.rows_from(index).nth(1),
                expected.get(index + 1).copied()
            );
            let last_at = expected.iter().rposition(|r| r.start <= row.start).unwrap();
            assert_eq!(wrap.row_of(row.start), last_at, "offset {}", row.start);
        }
    }

    /// Millions of rows are a common wrap (a file of short lines): a row costs one or two
    /// bytes, not a start and an end, and the blank row between two paragraphs nothing.
    #[test]
    fn a_row_costs_a_byte_or_two_and_a_blank_row_nothing() {
        let text = "_____\nHamas said so.\n".repeat(10_000);
        let wrap = wrap(&text, 80, &[]);
        assert_eq!(
            wrap.len(),
            4 * 10_000,
            "each line, a blank row after it, and the end"
        );
        let first: Vec<Row> = wrap.rows_from(0).take(5).collect();
        let row = |start, end| Row { start, end };
        assert_eq!(
            first,
            [row(0, 5), row(5, 5), row(6, 20), row(20, 20), row(21, 26)]
        );
        let bytes = wrap.steps.len() + wrap.checkpoints.len() * size_of::<Checkpoint>();
        assert!(
            bytes < wrap.len() * 3 / 4,
            "{bytes} bytes for {} rows",
            wrap.len()
        );
    }

    #[test]
    fn markers_take_a_cell() {
        let text = "ab cd";
        let wrap = wrap(text, 5, &[3]);
        assert_eq!(wrap.len(), 2);
    }
}
