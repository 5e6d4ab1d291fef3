//! Line numbers in a long text without a number per line: the count of line breaks before
//! every block of [`BLOCK_BYTES`], and the rest counted in one block on demand.
//!
//! A text of short lines (a file of rules, a list) would take four bytes a line to keep every
//! line's start, more than its own bytes; this keeps four bytes for each block instead.

/// Bytes of text between two kept counts: a line number costs counting at most this many.
pub const BLOCK_BYTES: usize = 4096;

/// Where the lines of one text start, kept sparsely. Asked of the text it was made from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lines {
    /// Line breaks before each block's first byte: `before[k]` counts those in
    /// `text[..k * BLOCK_BYTES]`.
    before: Vec<u32>,
}

impl Lines {
    /// Counts the line breaks of `text` block by block.
    pub fn new(text: &str) -> Self {
        let mut before = Vec::with_capacity(text.len() / BLOCK_BYTES + 1);
        let mut breaks = 0usize;
        for block in text.as_bytes().chunks(BLOCK_BYTES) {
            before.push(super::to_u32(breaks));
            breaks += super::newlines(block);
        }
        Lines { before }
    }

    /// The line `offset` lies in, counting from 1: one more than the line breaks before it.
    /// An offset just past a break is the next line's first byte. `text` is the text these
    /// lines were made from.
    pub fn line_at(&self, text: &str, offset: usize) -> usize {
        let offset = offset.min(text.len());
        // A text that fills its last block whole ends where no block starts: count from there.
        let block = (offset / BLOCK_BYTES).min(self.before.len().saturating_sub(1));
        let before = self.before.get(block).map_or(0, |&n| n as usize);
        1 + before + super::newlines(&text.as_bytes()[block * BLOCK_BYTES..offset])
    }

    /// Bytes this index holds, for tests that bound its size.
    pub fn held_bytes(&self) -> usize {
        self.before.capacity() * std::mem::size_of::<u32>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The line of each offset, counted the slow way.
    fn counted(text: &str, offset: usize) -> usize {
        let bytes = &text.as_bytes()[..offset.min(text.len())];
        1 + bytes.split(|&b| b == b'\n').count() - 1
    }

    #[test]
    fn every_offset_is_on_the_line_counting_finds() {
        let long = "a line\n".repeat(BLOCK_BYTES / 7 * 3 + 5);
        let breaks_at_blocks = "x".repeat(BLOCK_BYTES - 1) + "\n" + &"y".repeat(BLOCK_BYTES);
        let texts = [
            String::new(),
            "\n".to_owned(),
            "no break".to_owned(),
            "one\ntwo\n".to_owned(),
            "\n".repeat(2 * BLOCK_BYTES),
            long,
            breaks_at_blocks,
            "é\nü\n".repeat(BLOCK_BYTES),
        ];
        for text in &texts {
            let lines = Lines::new(text);
            for offset in 0..=text.len() + 2 {
                assert_eq!(
                    lines.line_at(text, offset),
                    counted(text, offset),
                    "offset {offset} of a text of {} bytes",
                    text.len()
                );
            }
        }
    }

    #[test]
    fn a_line_costs_nothing_a_block_four_bytes() {
        let text = "_\n".repeat(1 << 20);
        let lines = Lines::new(&text);
        assert!(lines.held_bytes() <= 4 * (text.len() / BLOCK_BYTES + 1));
        assert_eq!(lines.line_at(&text, text.len()), (1 << 20) + 1);
    }
}
