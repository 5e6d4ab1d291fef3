//! Bytes in, clean text out: decoding, sanitizing for display, NFC, and the way back.
//!
//! Every piece of outside text passes through here once. [`clean`] turns the bytes of a file
//! into text that is safe to put on a terminal and ready to match:
//!
//! - UTF-8 (a BOM is skipped; invalid bytes become U+FFFD) or UTF-16 with a BOM;
//! - CRLF, lone CR, NEL, VT, FF, U+2028 and U+2029 become `\n`;
//! - escape sequences (CSI, OSC, DCS, …, in 7-bit and 8-bit form) are removed whole, ending at
//!   the end of the line when unterminated; other C0 and C1 controls are removed; backspace
//!   overstrike collapses to the visible character;
//! - BiDi controls and invisible characters (zero-width space, soft hyphen, tags, stray
//!   variation selectors, noncharacters) are removed; ZWJ, ZWNJ, VS15 and VS16 are kept;
//! - tabs are expanded to the next multiple of eight columns;
//! - runs of combining marks are capped at [`MAX_MARKS_PER_CLUSTER`];
//! - the result is composed to Unicode NFC.
//!
//! The returned [`OffsetMap`] sends any range of the clean text back to the bytes it came
//! from, so mentions can be reported as offsets into the file on disk.

mod lines;
mod offsets;
pub mod window;

pub use lines::Lines;
pub use offsets::OffsetMap;

use offsets::MapBuilder;
use std::ops::Range;
use unicode_normalization::char::{canonical_combining_class, is_combining_mark};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
use unicode_width::UnicodeWidthStr;

/// Combining marks kept on one base character; the rest of a "Zalgo" pile is dropped.
pub const MAX_MARKS_PER_CLUSTER: usize = 8;

/// Characters of one grapheme cluster drawn as they are (the longest emoji sequences have ten;
/// a base and its capped marks, nine).
pub const MAX_CLUSTER_CHARS: usize = 16;

/// What the terminal is given for a grapheme cluster: the cluster, or, when it is longer than
/// [`MAX_CLUSTER_CHARS`] (a ZWJ chain of thousands of emoji, a flood of Hangul jamo), its first
/// character alone, so that a frame stays small and the terminal draws the width computed
/// for it.
pub fn drawn_cluster(cluster: &str) -> &str {
    match cluster.char_indices().nth(MAX_CLUSTER_CHARS) {
        Some(_) => cluster
            .chars()
            .next()
            .map_or(cluster, |first| &cluster[..first.len_utf8()]),
        None => cluster,
    }
}

/// Columns between tab stops.
pub const TAB_WIDTH: usize = 8;

/// How many line feeds `bytes` holds.
pub fn newlines(bytes: &[u8]) -> usize {
    memchr::memchr_iter(b'\n', bytes).count()
}

/// A byte offset or a count as the `u32` that mentions, rows and the index store. Inputs are
/// capped at 256 MiB (`corpus::MAX_INPUT_BYTES`), and the texts made from them (passages,
/// extracted pages) are smaller, so every offset fits; one that does not is a bug.
pub fn to_u32(value: usize) -> u32 {
    u32::try_from(value).expect("offsets and counts fit in u32: inputs are capped at 256 MiB")
}

/// The character encoding a file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8, with or without a BOM.
    Utf8,
    /// UTF-16 little-endian, recognised by its BOM.
    Utf16Le,
    /// UTF-16 big-endian, recognised by its BOM.
    Utf16Be,
}

/// Text ready for display and matching, with the way back to the original bytes.
#[derive(Debug, Clone)]
pub struct CleanText {
    /// The sanitized, NFC-composed text.
    pub text: String,
    /// Maps ranges of `text` to byte ranges of the original input.
    pub map: OffsetMap,
    /// The encoding the input was decoded from.
    pub encoding: Encoding,
    /// How many invalid byte sequences were replaced with U+FFFD.
    pub invalid_sequences: usize,
}

/// Decodes and sanitizes `bytes` (see the module docs for every step).
pub fn clean(bytes: &[u8]) -> CleanText {
    if is_plain_ascii(bytes) {
        return plain_ascii(String::from_utf8_lossy(bytes).into_owned());
    }
    clean_slow(bytes)
}

/// Like [`clean`], but takes the bytes, so that text needing no change is not copied.
pub fn clean_owned(bytes: Vec<u8>) -> CleanText {
    if is_plain_ascii(&bytes) {
        return match String::from_utf8(bytes) {
            Ok(text) => plain_ascii(text),
            Err(error) => clean_slow(error.as_bytes()),
        };
    }
    clean_slow(&bytes)
}

/// Inputs at least this long are cleaned in pieces on several threads...
const PARALLEL_CLEAN_BYTES: usize = 4 << 20;

/// ...of about this many bytes (or a line, when it is longer).
const CLEAN_PIECE_BYTES: usize = 1 << 20;

fn clean_slow(bytes: &[u8]) -> CleanText {
    let (encoding, body_start) = detect_encoding(bytes);
    if encoding != Encoding::Utf8 || bytes.len() < PARALLEL_CLEAN_BYTES {
        return clean_range(bytes, body_start..bytes.len(), encoding);
    }
    // Cleaning never carries state across a line break, so lines can be cleaned apart: a
    // piece of lines on each thread at a time, added to the whole as they end, so that the
    // input, the whole and a few pieces are all that is held (a line is never cut, and the
    // first piece is taken as it is).
    let threads = crate::work::threads();
    let count = (threads * 2).max((bytes.len() - body_start).div_ceil(CLEAN_PIECE_BYTES));
    let pieces = line_pieces(bytes, body_start, count);
    let mut text = String::new();
    let mut builder = MapBuilder::default();
    let mut invalid_sequences = 0;
    for wave in pieces.chunks(threads) {
        let cleaned = crate::work::parallel_map(wave, |piece| {
            clean_range(bytes, piece.clone(), Encoding::Utf8)
        });
        for piece in cleaned {
            builder.append_shifted(&piece.map, 0..piece.text.len(), text.len());
            invalid_sequences += piece.invalid_sequences;
            if text.is_empty() {
                text = piece.text;
            } else {
                // Grown by exactly a piece: a block this large is mapped on its own and
                // grown in place.
                text.reserve_exact(piece.text.len());
                text.push_str(&piece.text);
            }
        }
    }
    let len = text.len();
    CleanText {
        text,
        map: builder.finish(len, bytes.len()),
        encoding,
        invalid_sequences,
    }
}

/// Cleans `bytes[range]`, mapping back to offsets in the whole of `bytes`.
fn clean_range(bytes: &[u8], range: Range<usize>, encoding: Encoding) -> CleanText {
    let mut cleaner = Cleaner::default();
    let body = &bytes[..range.end];
    let invalid_sequences = match encoding {
        Encoding::Utf8 => cleaner.push_utf8(body, range.start),
        Encoding::Utf16Le | Encoding::Utf16Be => cleaner.push_utf16(body, range.start, encoding),
    };
    let (text, map) = cleaner.finish(range.end);
    let (text, map) = compose_nfc(text, map);
    let (text, map) = cap_marks(text, map);
    CleanText {
        text,
        map,
        encoding,
        invalid_sequences,
    }
}

/// Splits `bytes[start..]` into about `count` ranges, each ending just after a line break.
pub(crate) fn line_pieces(bytes: &[u8], start: usize, count: usize) -> Vec<Range<usize>> {
    let target = (bytes.len() - start).div_ceil(count.max(1)).max(1);
    let mut pieces = Vec::with_capacity(count + 1);
    let mut from = start;
    while from < bytes.len() {
        let nominal = (from + target).min(bytes.len());
        let end = bytes[nominal..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |p| nominal + p + 1);
        pieces.push(from..end);
        from = end;
    }
    pieces
}

/// `text` in stretches of about `size` bytes, in order: itself when it is that short; else
/// each ends after a line break, else after a sentence's end (". "), else after a space,
/// within a quarter of `size` past it, else inside a word.
pub fn pieces(text: &str, size: usize) -> Vec<Range<usize>> {
    let mut pieces = Vec::new();
    let mut start = 0;
    while text.len() - start > size {
        let from = start + size;
        let rest = &text.as_bytes()[from..];
        let reach = &rest[..rest.len().min(size / 4)];
        let find = |byte: u8| reach.iter().position(|&b| b == byte);
        let cut = find(b'\n')
            .or_else(|| {
                reach
                    .windows(2)
                    .position(|pair| pair == b". ")
                    .map(|at| at + 1)
            })
            .or_else(|| find(b' '))
            .map_or_else(
                || window::floor_char_boundary(text, from),
                |at| from + at + 1,
            );
        pieces.push(start..cut);
        start = cut;
    }
    if start < text.len() || pieces.is_empty() {
        pieces.push(start..text.len());
    }
    pieces
}

/// Whether `bytes` is printable ASCII and line feeds only: text that cleaning leaves alone.
pub fn is_plain_ascii(bytes: &[u8]) -> bool {
    // Whole blocks without an early exit, so the compiler can vectorise the test.
    let plain = |b: u8| (0x20..0x7F).contains(&b) || b == b'\n';
    bytes
        .chunks(64)
        .all(|block| block.iter().fold(true, |all, &b| all & plain(b)))
}

fn plain_ascii(text: String) -> CleanText {
    let len = text.len();
    CleanText {
        map: OffsetMap::identity(0, len),
        text,
        encoding: Encoding::Utf8,
        invalid_sequences: 0,
    }
}

/// Sanitizes a short string shown on one line: a file name, a gazetteer string, a message.
///
/// Line breaks become a visible `␤`, so a name with a newline cannot fake a second line.
pub fn clean_inline(text: &str) -> String {
    let cleaned = clean(text.as_bytes()).text;
    if cleaned.contains('\n') {
        cleaned.replace('\n', "\u{2424}")
    } else {
        cleaned
    }
}

/// How many invalid UTF-8 sequences `bytes` holds: each shows as one U+FFFD.
pub fn invalid_utf8_sequences(bytes: &[u8]) -> usize {
    bytes
        .utf8_chunks()
        .filter(|chunk| !chunk.invalid().is_empty())
        .count()
}

/// The warning for a file in which `count` invalid UTF-8 sequences were replaced, if any.
pub fn invalid_utf8_warning(count: usize) -> Option<String> {
    (count > 0).then(|| format!("{count} invalid UTF-8 sequences shown as \u{FFFD}"))
}

/// The most characters of a value that a message quotes.
pub const QUOTED_CHARS: usize = 60;

/// `value` as a message quotes it: cleaned, on one line, in double quotes. A value longer
/// than [`QUOTED_CHARS`] is cut, with an ellipsis and its length: `"Adam…" (5000000 bytes)`.
pub fn quoted(value: &str) -> String {
    quoted_with(value, '"')
}

/// [`quoted`] with `mark` for the quotation marks.
fn quoted_with(value: &str, mark: char) -> String {
    match value.char_indices().nth(QUOTED_CHARS) {
        None => format!("{mark}{}{mark}", clean_inline(value)),
        Some((end, _)) => format!(
            "{mark}{}\u{2026}{mark} ({} bytes)",
            clean_inline(&value[..end]),
            value.len()
        ),
    }
}

/// A parser's message (serde, TOML) cleaned onto one line, each value it quotes between
/// backticks cut like [`quoted`].
pub fn clean_message(message: &str) -> String {
    message
        .split('`')
        .enumerate()
        .map(|(index, part)| {
            if index % 2 == 0 {
                clean_inline(part)
            } else {
                quoted_with(part, '`')
            }
        })
        .collect()
}

/// Whether `c` is a word character for matching: a Unicode letter, number or mark.
pub fn is_word_char(c: char) -> bool {
    use unicode_general_category::{GeneralCategory as G, get_general_category};
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    matches!(
        get_general_category(c),
        G::UppercaseLetter
            | G::LowercaseLetter
            | G::TitlecaseLetter
            | G::ModifierLetter
            | G::OtherLetter
            | G::DecimalNumber
            | G::LetterNumber
            | G::OtherNumber
            | G::NonspacingMark
            | G::SpacingMark
            | G::EnclosingMark
    )
}

/// Whether `c` would be removed or replaced by [`clean`]: a control, BiDi control, invisible
/// character or line separator. Gazetteer strings containing one are rejected.
pub fn is_unsafe_char(c: char) -> bool {
    c.is_control() || is_removed(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

fn detect_encoding(bytes: &[u8]) -> (Encoding, usize) {
    match bytes {
        [0xEF, 0xBB, 0xBF, ..] => (Encoding::Utf8, 3),
        [0xFF, 0xFE, ..] => (Encoding::Utf16Le, 2),
        [0xFE, 0xFF, ..] => (Encoding::Utf16Be, 2),
        _ => (Encoding::Utf8, 0),
    }
}

/// Characters dropped outright: BiDi controls, invisible format characters, stray variation
/// selectors, tag characters and noncharacters.
fn is_removed(c: char) -> bool {
    matches!(
        c,
        '\u{AD}'
            | '\u{61C}'
            | '\u{180E}'
            | '\u{200B}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FE00}'..='\u{FE0D}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{FDD0}'..='\u{FDEF}'
            | '\u{E0000}'..='\u{E007F}'
            | '\u{E0100}'..='\u{E01EF}'
    ) || (u32::from(c) & 0xFFFE) == 0xFFFE
}

/// Whether a non-ASCII character can be copied through with no further thought.
fn is_plain(c: char) -> bool {
    !(c.is_control()
        || is_removed(c)
        || matches!(c, '\u{2028}' | '\u{2029}')
        || is_combining_mark(c))
}

/// Bytes the fast path must stop at: controls other than `\n`, DEL, and non-ASCII.
fn needs_attention(byte: u8) -> bool {
    (byte < 0x20 && byte != b'\n') || byte >= 0x7F
}

/// Where the cleaner is inside an escape sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum EscapeState {
    #[default]
    Ground,
    /// After ESC.
    Escape,
    /// After ESC and intermediate bytes (`ESC ( 0`).
    EscapeIntermediate,
    /// Inside a control sequence (`ESC [`, or C1 CSI).
    Csi,
    /// Inside a string (OSC, DCS, SOS, PM, APC), until BEL or ST.
    String,
    /// After ESC inside a string: `\` ends it, anything else starts a new escape.
    StringEscape,
}

/// The sanitizing state machine; see the module docs.
#[derive(Default)]
struct Cleaner {
    out: String,
    map: MapBuilder,
    state: EscapeState,
    /// A CR waiting to see whether an LF follows.
    pending_cr: Option<Range<usize>>,
    /// A known column: `(position in out, display width of its line up to there)`.
    column_cache: (usize, usize),
    /// The current run of combining marks: `(end position in out, marks kept)`.
    mark_run: (usize, usize),
}

impl Cleaner {
    /// Feeds UTF-8 `bytes[start..]`; returns how many invalid sequences were replaced.
    fn push_utf8(&mut self, bytes: &[u8], start: usize) -> usize {
        let mut offset = start;
        let mut invalid_sequences = 0;
        for chunk in bytes[start..].utf8_chunks() {
            self.push_str(chunk.valid(), offset);
            offset += chunk.valid().len();
            let invalid = chunk.invalid();
            if !invalid.is_empty() {
                self.push_char('\u{FFFD}', offset..offset + invalid.len());
                offset += invalid.len();
                invalid_sequences += 1;
            }
        }
        invalid_sequences
    }

    /// Feeds UTF-16 `bytes[start..]`; returns how many invalid sequences were replaced.
    fn push_utf16(&mut self, bytes: &[u8], start: usize, encoding: Encoding) -> usize {
        let body = &bytes[start..];
        let units = body.chunks_exact(2).map(|pair| match encoding {
            Encoding::Utf16Be => u16::from_be_bytes([pair[0], pair[1]]),
            _ => u16::from_le_bytes([pair[0], pair[1]]),
        });
        let mut offset = start;
        let mut invalid_sequences = 0;
        for decoded in char::decode_utf16(units) {
            let (c, width) = if let Ok(c) = decoded {
                (c, c.len_utf16() * 2)
            } else {
                invalid_sequences += 1;
                ('\u{FFFD}', 2)
            };
            self.push_char(c, offset..offset + width);
            offset += width;
        }
        if body.len() % 2 == 1 {
            invalid_sequences += 1;
            self.push_char('\u{FFFD}', offset..offset + 1);
        }
        invalid_sequences
    }

    /// Feeds a valid UTF-8 chunk that starts at original offset `base`.
    fn push_str(&mut self, chunk: &str, base: usize) {
        let bytes = chunk.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if self.state != EscapeState::Ground || self.pending_cr.is_some() {
                let c = next_char(chunk, i);
                self.push_char(c, base + i..base + i + c.len_utf8());
                i += c.len_utf8();
                continue;
            }
            let stop = plain_run_end(chunk, i);
            if stop > i {
                self.map.copy(self.out.len(), base + i);
                self.out.push_str(&chunk[i..stop]);
                i = stop;
            }
            if i < bytes.len() {
                let c = next_char(chunk, i);
                self.push_char(c, base + i..base + i + c.len_utf8());
                i += c.len_utf8();
            }
        }
    }

    /// Feeds one character that came from the original bytes `source`.
    fn push_char(&mut self, c: char, source: Range<usize>) {
        if let Some(cr) = self.pending_cr.take() {
            if c == '\n' {
                self.emit_replacing("\n", cr.start..source.end);
                return;
            }
            self.emit_replacing("\n", cr);
        }
        match self.state {
            EscapeState::Ground => self.ground(c, source),
            EscapeState::Escape => self.escape(c, source),
            EscapeState::EscapeIntermediate => match c {
                ' '..='/' => {}
                '0'..='~' => self.state = EscapeState::Ground,
                _ => self.abort_escape(c, source),
            },
            EscapeState::Csi => match c {
                ' '..='?' => {}
                '@'..='~' => self.state = EscapeState::Ground,
                '\x1b' => self.state = EscapeState::Escape,
                '\n' | '\r' => self.abort_escape(c, source),
                c if c < ' ' => {}
                _ => self.abort_escape(c, source),
            },
            EscapeState::String => match c {
                '\x07' | '\u{9C}' => self.state = EscapeState::Ground,
                '\x1b' => self.state = EscapeState::StringEscape,
                '\n' | '\r' => self.abort_escape(c, source),
                _ => {}
            },
            EscapeState::StringEscape => {
                if c == '\\' {
                    self.state = EscapeState::Ground;
                } else {
                    self.escape(c, source);
                }
            }
        }
    }

    fn abort_escape(&mut self, c: char, source: Range<usize>) {
        self.state = EscapeState::Ground;
        self.ground(c, source);
    }

    fn escape(&mut self, c: char, source: Range<usize>) {
        self.state = match c {
            '[' => EscapeState::Csi,
            ']' | 'P' | 'X' | '^' | '_' => EscapeState::String,
            ' '..='/' => EscapeState::EscapeIntermediate,
            '0'..='~' => EscapeState::Ground,
            '\x1b' => EscapeState::Escape,
            _ => return self.abort_escape(c, source),
        };
    }

    fn ground(&mut self, c: char, source: Range<usize>) {
        match c {
            '\n' => self.emit(c, source),
            '\r' => self.pending_cr = Some(source),
            '\t' => self.expand_tab(source),
            '\x08' => self.overstrike(),
            '\x0B' | '\x0C' | '\u{85}' | '\u{2028}' | '\u{2029}' => {
                self.emit_replacing("\n", source);
            }
            '\x1b' => self.state = EscapeState::Escape,
            '\u{9B}' => self.state = EscapeState::Csi,
            '\u{90}' | '\u{98}' | '\u{9D}' | '\u{9E}' | '\u{9F}' => {
                self.state = EscapeState::String;
            }
            c if c.is_control() || is_removed(c) => {}
            c if is_combining_mark(c) => self.push_mark(c, source),
            c => self.emit(c, source),
        }
    }

    fn push_mark(&mut self, c: char, source: Range<usize>) {
        let (run_end, kept) = self.mark_run;
        let kept = if run_end == self.out.len() { kept } else { 0 };
        if kept < MAX_MARKS_PER_CLUSTER {
            self.emit(c, source);
            self.mark_run = (self.out.len(), kept + 1);
        }
    }

    fn expand_tab(&mut self, source: Range<usize>) {
        let column = self.current_column();
        let spaces = TAB_WIDTH - column % TAB_WIDTH;
        self.emit_replacing(&" ".repeat(spaces), source);
        self.column_cache = (self.out.len(), column + spaces);
    }

    /// Display width of the current line so far.
    fn current_column(&self) -> usize {
        let (known_pos, known_width) = self.column_cache;
        let (from, base) = if self.out.is_char_boundary(known_pos) {
            (known_pos, known_width)
        } else {
            (0, 0)
        };
        let tail = &self.out[from..];
        match tail.rfind('\n') {
            Some(newline) => tail[newline + 1..].width(),
            None if from == 0 => tail.width(),
            None => base + tail.width(),
        }
    }

    /// Backspace: the character before it is struck out (`_\bX` shows `X`).
    fn overstrike(&mut self) {
        if self
            .out
            .chars()
            .next_back()
            .is_some_and(|last| last != '\n')
        {
            self.out.pop();
            self.map.truncate(self.out.len());
        }
    }

    /// Appends `c`, which came from `source`.
    fn emit(&mut self, c: char, source: Range<usize>) {
        if source.len() == c.len_utf8() {
            self.map.copy(self.out.len(), source.start);
        } else {
            self.map.replace(self.out.len(), source);
        }
        self.out.push(c);
    }

    /// Appends `text`, every byte of which stands for all of `source`.
    fn emit_replacing(&mut self, text: &str, source: Range<usize>) {
        self.map.replace(self.out.len(), source);
        self.out.push_str(text);
    }

    fn finish(mut self, source_end: usize) -> (String, OffsetMap) {
        if let Some(cr) = self.pending_cr.take() {
            self.emit_replacing("\n", cr);
        }
        let len = self.out.len();
        (self.out, self.map.finish(len, source_end))
    }
}

fn next_char(text: &str, at: usize) -> char {
    text[at..].chars().next().unwrap_or('\u{FFFD}')
}

/// The end of the run of characters from `start` that can be copied unchanged.
fn plain_run_end(chunk: &str, start: usize) -> usize {
    let bytes = chunk.as_bytes();
    let mut at = start;
    loop {
        match bytes[at..].iter().position(|&b| needs_attention(b)) {
            None => return bytes.len(),
            Some(found) => at += found,
        }
        if bytes[at] < 0x80 {
            return at;
        }
        let c = next_char(chunk, at);
        if !is_plain(c) {
            return at;
        }
        at += c.len_utf8();
    }
}

/// Composes `text` to NFC one normalization segment at a time, carrying the map along.
///
/// A segment starts at a character that composition can never reach back across (see
/// [`starts_normalization_segment`]), so composing the segments one by one gives the NFC form
/// of the whole text, and cleaning clean text changes nothing.
fn compose_nfc(text: String, map: OffsetMap) -> (String, OffsetMap) {
    if text.is_ascii() || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return (text, map);
    }
    let mut out = String::with_capacity(text.len());
    let mut builder = MapBuilder::default();
    let mut unchanged_from = 0;
    for segment in normalization_segments(&text) {
        let piece = &text[segment.clone()];
        if is_nfc_quick(piece.chars()) == IsNormalized::Yes {
            continue;
        }
        let composed: String = piece.nfc().collect();
        if composed == piece {
            continue;
        }
        builder.append_shifted(&map, unchanged_from..segment.start, out.len());
        out.push_str(&text[unchanged_from..segment.start]);
        builder.replace(out.len(), map.source_range(segment.clone()));
        out.push_str(&composed);
        unchanged_from = segment.end;
    }
    builder.append_shifted(&map, unchanged_from..text.len(), out.len());
    out.push_str(&text[unchanged_from..]);
    let source_end = map.source_range(text.len()..text.len()).end;
    let len = out.len();
    (out, builder.finish(len, source_end))
}

/// Splits `text` before every character that starts a normalization segment.
fn normalization_segments(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut starts = text
        .char_indices()
        .filter(|&(at, c)| at == 0 || starts_normalization_segment(c))
        .map(|(at, _)| at)
        .chain(std::iter::once(text.len()))
        .peekable();
    std::iter::from_fn(move || {
        let start = starts.next()?;
        let end = *starts.peek()?;
        Some(start..end)
    })
}

/// A starter that is already in NFC can neither be reordered nor composed with what comes
/// before it, so normalization never looks back across it.
fn starts_normalization_segment(c: char) -> bool {
    canonical_combining_class(c) == 0 && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes
}

/// Caps runs of combining marks again after composition, which can add marks (U+0344
/// becomes two), so that cleaning clean text changes nothing.
fn cap_marks(text: String, map: OffsetMap) -> (String, OffsetMap) {
    let mut excess: Vec<Range<usize>> = Vec::new();
    let mut run = 0;
    for (at, c) in text.char_indices() {
        if is_combining_mark(c) {
            run += 1;
            if run > MAX_MARKS_PER_CLUSTER {
                excess.push(at..at + c.len_utf8());
            }
        } else {
            run = 0;
        }
    }
    if excess.is_empty() {
        return (text, map);
    }
    let mut out = String::with_capacity(text.len());
    let mut builder = MapBuilder::default();
    let mut kept_from = 0;
    for dropped in excess {
        builder.append_shifted(&map, kept_from..dropped.start, out.len());
        out.push_str(&text[kept_from..dropped.start]);
        kept_from = dropped.end;
    }
    builder.append_shifted(&map, kept_from..text.len(), out.len());
    out.push_str(&text[kept_from..]);
    let source_end = map.source_range(text.len()..text.len()).end;
    let len = out.len();
    (out, builder.finish(len, source_end))
}

/// The NFC form of a short string (gazetteer aliases).
pub fn nfc(text: &str) -> String {
    if text.is_ascii() || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        text.to_owned()
    } else {
        text.nfc().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Cleans `input` and checks that every character of the output maps back into the input.
    fn cleaned(input: &[u8]) -> String {
        let result = clean(input);
        for (pos, c) in result.text.char_indices() {
            let source = result.map.source_range(pos..pos + c.len_utf8());
            assert!(source.end <= input.len() && source.start < source.end.max(1));
        }
        result.text
    }

    #[test]
    fn sanitizes_the_catalogue() {
        let table: &[(&[u8], &str)] = &[
            (b"plain text\n", "plain text\n"),
            (b"a\x1b[2A\x1b[2Kb", "ab"),
            (b"x\x1b]52;c;ZWNobyBwd25lZA==\x07y", "xy"),
            (b"\x1b]0;title\x07t\x1b[21t\x1b[c\x1bP$q\"p\x1b\\z", "tz"),
            (
                b"\x1b]8;;http://evil\x07bank.example\x1b]8;;\x07",
                "bank.example",
            ),
            ("a\u{9B}31mb\u{9D}0;t\u{9C}c\u{90}x\u{9C}".as_bytes(), "abc"),
            (b"keep\x1b]0;never-ends\nnext line", "keep\nnext line"),
            (b"line\x1b[\nmore", "line\nmore"),
            (b"end\x1b", "end"),
            (b"\x07\x07bell\x00\x0e\x0f\x7f", "bell"),
            (b"_\x08X and Y\x08Y", "X and Y"),
            (b"a\x0bb\x0cc", "a\nb\nc"),
            (b"crlf\r\nlone\rcr", "crlf\nlone\ncr"),
            ("nel\u{85}ls\u{2028}ps\u{2029}".as_bytes(), "nel\nls\nps\n"),
            (
                "\u{202E}evil\u{202C} \u{2066}iso\u{2069}\u{61C}".as_bytes(),
                "evil iso",
            ),
            ("Ga\u{200B}za\u{AD}\u{2060}\u{FEFF}".as_bytes(), "Gaza"),
            (
                "a\u{200D}b\u{200C}c\u{FE0F}".as_bytes(),
                "a\u{200D}b\u{200C}c\u{FE0F}",
            ),
            ("tag\u{E0041}\u{E007F}".as_bytes(), "tag"),
            (
                "l\u{200E}r\u{200F}w\u{2060}v\u{E0100}\u{FE00}s\u{180E}".as_bytes(),
                "lrwvs",
            ),
            (b"\xef\xbb\xbfbom", "bom"),
            (
                b"bad\xff\xfeutf8\xe2\x82",
                "bad\u{FFFD}\u{FFFD}utf8\u{FFFD}",
            ),
            (b"\tx\tyz", "        x       yz"),
            ("Jose\u{301}".as_bytes(), "Jos\u{E9}"),
        ];
        for (input, expected) in table {
            assert_eq!(
                cleaned(input),
                *expected,
                "input {:?}",
                String::from_utf8_lossy(input)
            );
        }
    }

    #[test]
    fn large_inputs_clean_the_same_in_pieces() {
        let line = "Ga\u{200B}za\t\x1b[31mred\x1b[0m Jose\u{301}\r\n";
        let input = line.repeat(PARALLEL_CLEAN_BYTES / line.len() + 100);
        let whole = clean_range(input.as_bytes(), 0..input.len(), Encoding::Utf8);
        let pieces = clean(input.as_bytes());
        assert_eq!(pieces.text, whole.text);
        for at in [0, 7, whole.text.len() / 2, whole.text.len() - 3] {
            assert_eq!(
                pieces.map.source_range(at..at + 1),
                whole.map.source_range(at..at + 1)
            );
        }
    }

    #[test]
    fn line_pieces_cover_the_input_and_end_at_line_breaks() {
        let text = b"a\nbb\nccc\n\ndddd";
        let pieces = line_pieces(text, 0, 3);
        assert_eq!(pieces.first().unwrap().start, 0);
        assert_eq!(pieces.last().unwrap().end, text.len());
        for pair in pieces.windows(2) {
            assert_eq!(pair[0].end, pair[1].start);
            assert_eq!(text[pair[0].end - 1], b'\n');
        }
    }

    #[test]
    fn plain_ascii_is_taken_as_it_is() {
        let result = clean_owned(b"plain\ntext".to_vec());
        assert_eq!(result.text, "plain\ntext");
        assert_eq!(result.map.source_range(6..10), 6..10);
        assert!(!is_plain_ascii(b"tab\there"));
        assert!(!is_plain_ascii(b"cr\r\n"));
    }

    #[test]
    fn caps_combining_marks() {
        let zalgo = format!("x{}b", "\u{301}".repeat(1000));
        let text = cleaned(zalgo.as_bytes());
        assert_eq!(text.chars().filter(|&c| is_combining_mark(c)).count(), 8);
        assert!(text.ends_with('b'));
    }

    #[test]
    fn overstrike_then_tab_keeps_counting_columns() {
        // Found by the property test: a struck-out wide character left a stale column.
        // The tab gives six spaces, the backspace strikes one out, `本` ends at column 9.
        assert_eq!(cleaned("日\t\x08本\tx".as_bytes()), "日     本       x");
    }

    #[test]
    fn marks_added_by_composition_are_capped_too() {
        // Found by fuzzing: U+0344 counts as one mark, then composes to two.
        let input = "x\u{344}\u{344}\u{344}\u{344}\u{344}\u{344}\u{344}\u{344}";
        let once = cleaned(input.as_bytes());
        assert_eq!(
            once.chars().filter(|&c| is_combining_mark(c)).count(),
            MAX_MARKS_PER_CLUSTER
        );
        assert_eq!(cleaned(once.as_bytes()), once);
    }

    #[test]
    fn tab_stops_follow_wide_characters() {
        assert_eq!(cleaned("日本\tx".as_bytes()), "日本    x");
    }

    #[test]
    fn decodes_utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Gaza\r\n".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        let result = clean(&bytes);
        assert_eq!(result.text, "Gaza\n");
        assert_eq!(result.encoding, Encoding::Utf16Le);
        assert_eq!(result.map.source_range(0..4), 2..10);
    }

    #[test]
    fn maps_back_through_removals_and_composition() {
        let input = "\x1b[31mJose\u{301} in Ga\u{200B}za\r\nnext".as_bytes();
        let result = clean(input);
        assert_eq!(result.text, "José in Gaza\nnext");
        let jose = result.text.find("José").unwrap();
        let range = result.map.source_range(jose..jose + "José".len());
        assert_eq!(&input[range], "Jose\u{301}".as_bytes());
        let gaza = result.text.find("Gaza").unwrap();
        let range = result.map.source_range(gaza..gaza + 4);
        assert_eq!(&input[range], "Ga\u{200B}za".as_bytes());
        let next = result.text.find("next").unwrap();
        assert_eq!(&input[result.map.source_range(next..next + 4)], b"next");
    }

    #[test]
    fn word_characters_are_letters_numbers_and_marks() {
        for c in ['a', 'Z', '5', 'é', 'ß', 'ש', '٣', '\u{301}', '日'] {
            assert!(is_word_char(c), "{c:?}");
        }
        // U+05C8 is unassigned (Cn): not a word character, whatever mark tables say.
        for c in [
            ' ', '-', '_', '\'', '\u{2019}', '.', '\u{A0}', '\u{FFFD}', '\u{5C8}',
        ] {
            assert!(!is_word_char(c), "{c:?}");
        }
    }

    #[test]
    fn inline_text_stays_on_one_line() {
        assert_eq!(clean_inline("evil\nname\x1b]0;x\x07"), "evil\u{2424}name");
    }
}
