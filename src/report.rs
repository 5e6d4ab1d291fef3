//! The printed outputs of every command, one file each: `annotate`, `entities`, `coverage`,
//! `concordance`, `discover`, `check` and the marked-up plain print. What they share (escaping,
//! cutting to a width, the three table formats) is in `format`.
//!
//! Everything printed is safe for a terminal: article text is already clean, JSON escapes
//! controls, BiDi and invisible characters as `\uXXXX`, and TSV escapes them as `\u{XXXX}`.

mod annotate;
mod check;
mod concordance;
mod coverage;
mod discover;
mod entities;
mod format;
mod plain;
mod span;

pub use annotate::annotate;
pub use check::{check, check_corpus};
pub use concordance::concordance;
pub use coverage::coverage;
pub use discover::discoveries;
pub use entities::entities;
pub use format::{truncate, truncate_left, tsv_field, write_json};
pub use plain::plain;
pub use span::SpanRecord;

/// The formats of `annotate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnnotateFormat {
    /// One JSON object per line.
    Jsonl,
    /// Tab-separated values with a header line.
    Tsv,
}

/// The formats of `quotes` and `reuse`: one record a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordFormat {
    /// One JSON object per line.
    Jsonl,
    /// Tab-separated values with a header line.
    Tsv,
    /// An aligned table for reading.
    Table,
}

/// The formats of `entities`, `coverage`, `concordance` and `discover`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableFormat {
    /// An aligned table for reading.
    Table,
    /// One JSON document.
    Json,
    /// Tab-separated values with a header line.
    Tsv,
}
