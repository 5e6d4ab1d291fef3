//! A stretch of an article as the record-per-line outputs print it: the file, the article,
//! byte offsets as `annotate` counts them, and the words.

use crate::corpus::Article;
use serde::Serialize;
use std::ops::Range;

/// Where some words stand in a file, and the words.
#[derive(Debug, Serialize)]
pub struct SpanRecord<'a> {
    /// The file as given.
    pub file: &'a str,
    /// The article's index in its file, from 0.
    pub article: usize,
    /// First byte, in the file (or in the text extracted from markup).
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// The words.
    pub text: &'a str,
}

impl<'a> SpanRecord<'a> {
    /// The words of `range` in the article's text, with their offsets in the file.
    pub fn of(article: &'a Article, range: Range<usize>) -> SpanRecord<'a> {
        let source = article.map.source_range(range.clone());
        SpanRecord {
            file: &article.file,
            article: article.index,
            start: source.start,
            end: source.end,
            text: &article.text[range],
        }
    }
}
