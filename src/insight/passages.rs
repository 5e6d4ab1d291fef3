//! The passage view: the paragraphs that mention chosen entities, from every source, under a
//! heading per source.
//!
//! Driven by the entities' mentions, so the work grows with what is shown, not with the size
//! of the corpus.

use crate::corpus::Article;
use crate::gazetteer::EntityId;
use crate::index::{Index, MentionRef};
use crate::matcher::Mention;
use crate::text::to_u32;
use crate::text::window;
use std::collections::BTreeSet;
use std::ops::Range;

/// The paragraphs that mention the chosen entities, from every source.
#[derive(Debug, Clone, Default)]
pub struct Passages {
    /// The composed text: a heading per source, then its paragraphs.
    pub text: String,
    /// Every mention inside the composed text.
    pub mentions: Vec<Mention>,
    /// The headings' byte ranges.
    pub headings: Vec<Range<u32>>,
    /// The entities the view is about.
    pub entities: Vec<EntityId>,
    /// How many paragraphs are shown.
    pub paragraphs: usize,
    /// From how many sources.
    pub sources: usize,
    /// Whether paragraphs were left out to keep the view small.
    pub truncated: bool,
    /// Whether only paragraphs that mention every one of `entities` are shown.
    pub all: bool,
    /// Where each paragraph comes from: its offset in `text`, its article, and its offset
    /// in that article; in the order of `text`.
    pub origins: Vec<Origin>,
}

/// Where a paragraph of the passage view comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Origin {
    /// Its first byte in the composed text.
    pub at: u32,
    /// Its article.
    pub article: u32,
    /// Its first byte in that article.
    pub start: u32,
}

impl Passages {
    /// The article and offset in it that `offset` of the composed text shows: inside a
    /// paragraph, the same place in its article; on a heading, the next paragraph's start.
    pub fn origin_of(&self, offset: u32) -> Option<(usize, u32)> {
        let after = self.origins.partition_point(|o| o.at <= offset);
        let inside = after.checked_sub(1).map(|i| self.origins[i]).filter(|o| {
            !self
                .headings
                .iter()
                .any(|h| h.start > o.at && h.start <= offset)
        });
        match inside {
            Some(o) => Some((o.article as usize, o.start + (offset - o.at))),
            None => self
                .origins
                .get(after)
                .map(|o| (o.article as usize, o.start)),
        }
    }
}

/// At most this many bytes of passages are composed (then one more paragraph at most).
const MAX_PASSAGE_BYTES: usize = 256 << 10;

/// A paragraph longer than twice this is shown as the stretch within this many bytes of the
/// mention (cut at spaces, marked with `…`), so a page without line breaks shows passages.
const PARAGRAPH_REACH: usize = 8 << 10;

/// Composes the paragraphs mentioning any of `entities` (or, with `all`, every one of them),
/// grouped under their sources, each headed by its label.
pub fn compose_passages(
    articles: &[Article],
    labels: &[String],
    index: &Index,
    entities: &[EntityId],
    all: bool,
) -> Passages {
    compose(articles, labels, index, entities, all)
}

fn compose(
    articles: &[Article],
    labels: &[String],
    index: &Index,
    entities: &[EntityId],
    all: bool,
) -> Passages {
    let mut passages = Passages {
        entities: entities.to_vec(),
        all,
        ..Passages::default()
    };
    let mut refs: Vec<MentionRef> = entities
        .iter()
        .flat_map(|&e| index.of_entity(e).iter())
        .collect();
    refs.sort_unstable();
    let mut last: Option<(u32, Range<usize>)> = None;
    let mut heading_article = None;
    for at in refs {
        let Some(article) = articles.get(at.article as usize) else {
            continue;
        };
        let offset = index.mention(at).start as usize;
        let same = |(previous, range): &(u32, Range<usize>)| {
            *previous == at.article && range.contains(&offset)
        };
        if last.as_ref().is_some_and(same) {
            continue;
        }
        let (mut paragraph, cut_start, cut_end) =
            window::line_within(&article.text, offset, PARAGRAPH_REACH);
        if let Some((previous, shown)) = &last
            && *previous == at.article
        {
            // The stretch before, of the same long line, is not shown twice.
            paragraph.start = paragraph.start.max(shown.end.min(offset));
        }
        let mentions = index.mentions(at.article as usize);
        if all && !mentions_all(mentions, &paragraph, entities) {
            last = Some((at.article, paragraph.start..paragraph.end + 1));
            continue;
        }
        if passages.text.len() > MAX_PASSAGE_BYTES {
            passages.truncated = true;
            break;
        }
        if heading_article != Some(at.article) {
            heading_article = Some(at.article);
            let label = labels.get(at.article as usize).map_or("", String::as_str);
            let heading = crate::corpus::full_label(article, label);
            push_heading(&mut passages.text, &mut passages.headings, &heading);
            passages.sources += 1;
        }
        last = Some((at.article, paragraph.start..paragraph.end + 1));
        let excerpt = Excerpt {
            range: paragraph,
            cut_start,
            cut_end,
        };
        add_paragraph(
            &mut passages,
            (at.article, article),
            index.mentions(at.article as usize),
            excerpt,
        );
    }
    passages
}

/// Whether every one of `entities` is mentioned inside `paragraph`.
fn mentions_all(mentions: &[Mention], paragraph: &Range<usize>, entities: &[EntityId]) -> bool {
    let (start, end) = (to_u32(paragraph.start), to_u32(paragraph.end));
    let first = mentions.partition_point(|m| m.start < start);
    let inside = mentions[first..].iter().take_while(|m| m.end <= end);
    let found: BTreeSet<EntityId> = inside.map(|m| m.entity).collect();
    entities.iter().all(|e| found.contains(e))
}

/// A paragraph, or the stretch of a long one that is shown.
struct Excerpt {
    range: Range<usize>,
    cut_start: bool,
    cut_end: bool,
}

/// Marks where a long paragraph was cut.
const CUT: char = '…';

fn add_paragraph(
    passages: &mut Passages,
    (article_at, article): (u32, &Article),
    mentions: &[Mention],
    excerpt: Excerpt,
) {
    let (start, end) = (to_u32(excerpt.range.start), to_u32(excerpt.range.end));
    let first = mentions.partition_point(|m| m.start < start);
    let inside = &mentions[first..first + mentions[first..].partition_point(|m| m.end <= end)];
    if excerpt.cut_start {
        passages.text.push(CUT);
        passages.text.push(' ');
    }
    let base = to_u32(passages.text.len());
    passages.origins.push(Origin {
        at: base,
        article: article_at,
        start,
    });
    passages.text.push_str(&article.text[excerpt.range]);
    if excerpt.cut_end {
        passages.text.push(' ');
        passages.text.push(CUT);
    }
    passages.text.push_str("\n\n");
    passages.mentions.extend(inside.iter().map(|m| Mention {
        start: m.start - start + base,
        end: m.end - start + base,
        entity: m.entity,
    }));
    passages.paragraphs += 1;
}

fn push_heading(text: &mut String, headings: &mut Vec<Range<u32>>, label: &str) {
    let start = to_u32(text.len());
    text.push_str("── ");
    text.push_str(label);
    text.push_str(" ──");
    headings.push(start..to_u32(text.len()));
    text.push_str("\n\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    const GAZETTEER: &str = r#"{"entities": [
        {"id": "hamas", "name": "Hamas", "kind": "organization"},
        {"id": "doha", "name": "Doha", "kind": "place"}
    ]}"#;

    #[test]
    fn a_long_paragraph_shows_the_stretches_around_its_mentions() {
        let line = format!("{}Hamas met in Doha.", "word ".repeat(10_000));
        let text = format!("Hamas first.\n{line} {line}\nDoha last.");
        let (articles, index, g) = crate::testing::indexed(GAZETTEER, &[&text]);
        let hamas = g.find("hamas").unwrap();
        let start = window::scanned();
        let passages = compose_passages(&articles, &[], &index, &[hamas], false);
        assert!(window::scanned() - start <= 6 * PARAGRAPH_REACH);
        let shown: Vec<&str> = passages.text.split("\n\n").collect();
        assert_eq!(shown[1], "Hamas first.");
        let ends = ["word …", "Hamas met in Doha."];
        for (cut, end) in shown[2..4].iter().zip(ends) {
            assert!(cut.starts_with("… word") && cut.ends_with(end), "{cut}");
            assert!(cut.len() <= 2 * PARAGRAPH_REACH + 8);
        }
        assert_eq!(passages.paragraphs, 3);
        let marked: Vec<&str> = passages
            .mentions
            .iter()
            .map(|m| &passages.text[m.start as usize..m.end as usize])
            .collect();
        assert_eq!(marked, ["Hamas", "Hamas", "Doha", "Hamas", "Doha"]);
    }
}
