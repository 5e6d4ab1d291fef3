//! The map from positions in cleaned text back to byte offsets in the original input.
//!
//! Cleaning an article (dropping escape sequences, folding CRLF, expanding tabs, composing
//! to NFC) changes byte positions. [`OffsetMap`] records the change as a short list of
//! segments, so that a 100 MB article of clean text costs a single segment rather than a
//! table entry per byte.

use std::ops::Range;

/// How one stretch of cleaned text relates to the original bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SegmentKind {
    /// Cleaned bytes are the original bytes, one for one.
    Copy,
    /// Every cleaned byte stands for the whole original range (a tab, a CRLF, a U+FFFD).
    Replace { source_len: usize },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Segment {
    text_start: usize,
    source_start: usize,
    kind: SegmentKind,
}

/// Maps byte positions in cleaned text to byte positions in the original input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    segments: Vec<Segment>,
    text_len: usize,
    source_end: usize,
}

impl OffsetMap {
    /// The identity map for text that needed no cleaning, starting at `source_start`.
    pub fn identity(source_start: usize, len: usize) -> Self {
        let mut builder = MapBuilder::default();
        builder.copy(0, source_start);
        builder.finish(len, source_start + len)
    }

    /// Length of the cleaned text this map covers.
    pub fn text_len(&self) -> usize {
        self.text_len
    }

    /// The original byte range that the cleaned byte range `text` came from.
    ///
    /// An empty range maps to the original position where that text position falls.
    pub fn source_range(&self, text: Range<usize>) -> Range<usize> {
        let start = self.source_start_of(text.start);
        if text.end <= text.start {
            return start..start;
        }
        let end = self.source_end_of(text.end - 1);
        start..end.max(start)
    }

    /// The original offset where the cleaned byte at `pos` begins.
    pub fn source_start_of(&self, pos: usize) -> usize {
        if pos >= self.text_len {
            return self.source_end;
        }
        let segment = self.segment_at(pos);
        match segment.kind {
            SegmentKind::Copy => segment.source_start + (pos - segment.text_start),
            SegmentKind::Replace { .. } => segment.source_start,
        }
    }

    /// The original offset just past the cleaned byte at `pos`.
    fn source_end_of(&self, pos: usize) -> usize {
        let segment = self.segment_at(pos);
        match segment.kind {
            SegmentKind::Copy => segment.source_start + (pos - segment.text_start) + 1,
            SegmentKind::Replace { source_len } => segment.source_start + source_len,
        }
    }

    fn segment_at(&self, pos: usize) -> &Segment {
        let index = self
            .segments
            .partition_point(|segment| segment.text_start <= pos)
            .saturating_sub(1);
        &self.segments[index]
    }

    /// The part of this map covering cleaned bytes `range`, rebased so it starts at 0.
    #[must_use]
    pub fn slice(&self, range: Range<usize>) -> OffsetMap {
        let mut builder = MapBuilder::default();
        builder.append_shifted(self, range.clone(), 0);
        let source_end = self.source_range(range.clone()).end;
        builder.finish(range.len(), source_end)
    }
}

/// Builds an [`OffsetMap`] while cleaned text is appended.
#[derive(Debug, Default)]
pub(crate) struct MapBuilder {
    segments: Vec<Segment>,
}

impl MapBuilder {
    /// From cleaned position `text_pos` on, bytes are copied from `source_pos` on.
    pub(crate) fn copy(&mut self, text_pos: usize, source_pos: usize) {
        if let Some(last) = self.segments.last()
            && last.kind == SegmentKind::Copy
            && last.source_start + (text_pos - last.text_start) == source_pos
        {
            return;
        }
        self.push(Segment {
            text_start: text_pos,
            source_start: source_pos,
            kind: SegmentKind::Copy,
        });
    }

    /// The cleaned bytes from `text_pos` up to the next segment all stand for `source`.
    pub(crate) fn replace(&mut self, text_pos: usize, source: Range<usize>) {
        self.push(Segment {
            text_start: text_pos,
            source_start: source.start,
            kind: SegmentKind::Replace {
                source_len: source.len(),
            },
        });
    }

    /// Forgets every segment starting at or after `text_len` (the text was truncated).
    pub(crate) fn truncate(&mut self, text_len: usize) {
        while self
            .segments
            .last()
            .is_some_and(|segment| segment.text_start >= text_len)
        {
            self.segments.pop();
        }
    }

    fn push(&mut self, segment: Segment) {
        if let Some(last) = self.segments.last_mut()
            && last.text_start == segment.text_start
        {
            *last = segment;
            return;
        }
        self.segments.push(segment);
    }

    /// Appends the segments of `inner` that cover its cleaned `range`, placed at `text_pos`.
    pub(crate) fn append_shifted(
        &mut self,
        inner: &OffsetMap,
        range: Range<usize>,
        text_pos: usize,
    ) {
        if range.is_empty() {
            return;
        }
        let first = inner
            .segments
            .partition_point(|segment| segment.text_start <= range.start)
            .saturating_sub(1);
        for segment in &inner.segments[first..] {
            if segment.text_start >= range.end {
                break;
            }
            let from = segment.text_start.max(range.start);
            let placed = text_pos + (from - range.start);
            match segment.kind {
                SegmentKind::Copy => {
                    self.copy(placed, segment.source_start + (from - segment.text_start));
                }
                SegmentKind::Replace { source_len } => {
                    self.replace(
                        placed,
                        segment.source_start..segment.source_start + source_len,
                    );
                }
            }
        }
    }

    pub(crate) fn finish(mut self, text_len: usize, source_end: usize) -> OffsetMap {
        self.truncate(text_len);
        if self.segments.is_empty() {
            self.segments.push(Segment {
                text_start: 0,
                source_start: source_end,
                kind: SegmentKind::Copy,
            });
        }
        // Kept for as long as the article: without the room left by growing (a file split
        // into thousands of articles has a map for each).
        self.segments.shrink_to_fit();
        OffsetMap {
            segments: self.segments,
            text_len,
            source_end,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_maps_one_for_one() {
        let map = OffsetMap::identity(10, 5);
        assert_eq!(map.source_range(0..5), 10..15);
        assert_eq!(map.source_range(2..3), 12..13);
        assert_eq!(map.source_range(5..5), 15..15);
    }

    #[test]
    fn replaced_bytes_cover_their_whole_source() {
        // "a\tb" cleaned to "a    b" (4 spaces for one tab byte).
        let mut builder = MapBuilder::default();
        builder.copy(0, 0);
        builder.replace(1, 1..2);
        builder.copy(5, 2);
        let map = builder.finish(6, 3);
        assert_eq!(map.source_range(0..1), 0..1);
        assert_eq!(map.source_range(2..3), 1..2);
        assert_eq!(map.source_range(5..6), 2..3);
        assert_eq!(map.source_range(0..6), 0..3);
    }

    #[test]
    fn slices_rebase_to_zero() {
        let mut builder = MapBuilder::default();
        builder.copy(0, 3);
        builder.copy(4, 20);
        let map = builder.finish(8, 24);
        let slice = map.slice(2..6);
        assert_eq!(slice.source_range(0..2), 5..7);
        assert_eq!(slice.source_range(2..4), 20..22);
        assert_eq!(slice.text_len(), 4);
    }
}
