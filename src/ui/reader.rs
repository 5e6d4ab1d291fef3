//! The reading pane: draws the visible rows of the model-side wrap ([`crate::app::wrap`])
//! only, so articles of any length scroll.

use super::theme::Theme;
use crate::app::wrap::{Row, Wrap, cluster_width, clusters};
use crate::gazetteer::Kind;
use crate::matcher::Mention;
use crate::quotes::Piece;
use crate::text::to_u32;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use std::ops::Range;

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
    /// Whether an entity is a suggestion (drawn in a style of its own).
    pub suggested: &'a dyn Fn(u32) -> bool,
    /// Kinds whose highlights are hidden.
    pub hidden: &'a dyn Fn(Kind) -> bool,
    /// The current mention, as an index into `mentions`.
    pub current: Option<usize>,
    /// Search matches: sorted, disjoint.
    pub matches: &'a [Range<u32>],
    /// Headings (passage view): sorted, disjoint.
    pub headings: &'a [Range<u32>],
    /// Quotations: sorted, disjoint.
    pub quotes: &'a [Piece],
    /// Words that differ from the other side (side by side): sorted, disjoint.
    pub diff: &'a [Range<u32>],
}

/// Draws the visible rows of `page` into `area`.
pub fn render(page: &Page<'_>, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let visible = page
        .wrap
        .rows_from(page.scroll)
        .take(usize::from(area.height));
    for (y, row) in (area.y..).zip(visible) {
        render_row(page, *theme, row, Rect::new(area.x, y, area.width, 1), buf);
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
        let drawn = crate::text::drawn_cluster(cluster);
        buf.set_stringn(to_u16(x), area.y, drawn, width, style);
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
    if overlapping(page.quotes, span, |p: &Piece| {
        to_u32(p.range().start)..to_u32(p.range().end)
    })
    .is_some()
    {
        style = style.patch(theme.quotation());
    }
    if let Some(index) = overlapping(page.mentions, span, |m: &Mention| m.start..m.end) {
        let mention = page.mentions[index];
        let kind = (page.kind_of)(mention.entity);
        if !(page.hidden)(kind) {
            style = style.patch(if (page.suggested)(mention.entity) {
                theme.suggestion(kind)
            } else {
                theme.mention(kind)
            });
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
    if overlapping(page.diff, span, Clone::clone).is_some() {
        style = style.patch(theme.diff());
    }
    (style, marker)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::wrap::{cluster_at, marker_offsets, wrap};

    /// Draws `text` with one place mention at `mention`, kind markers on, at `width`.
    fn draw_marked(text: &str, mention: Range<u32>, width: u16) -> (Wrap, Buffer) {
        let theme = Theme::new(false);
        let mentions = [Mention {
            start: mention.start,
            end: mention.end,
            entity: 0,
        }];
        let markers = marker_offsets(theme.uses_markers(), &mentions, |_| Kind::Place, |_| false);
        let wrap = wrap(text, width, &markers);
        let area = Rect::new(0, 0, width, u16::try_from(wrap.len()).unwrap());
        let mut buf = Buffer::empty(area);
        let page = Page {
            text,
            wrap: &wrap,
            scroll: 0,
            mentions: &mentions,
            kind_of: &|_| Kind::Place,
            suggested: &|_| false,
            hidden: &|_| false,
            current: None,
            matches: &[],
            headings: &[],
            quotes: &[],
            diff: &[],
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
        assert_eq!(wrap.row(0), Some(Row { start: 0, end: 3 }));
        assert_eq!(buf[(0, 0)].symbol(), "^");
        assert_eq!(buf[(1, 0)].symbol(), "\u{600}G");
        assert!(buf[(1, 0)].modifier.contains(place.add_modifier));
        let markers = [2];
        for column in 0..3 {
            assert_eq!(
                cluster_at(text, wrap.row(0).unwrap(), &markers, column),
                Some(0..3)
            );
        }
        assert_eq!(cluster_at(text, wrap.row(0).unwrap(), &markers, 3), None);
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
