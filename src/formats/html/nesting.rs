//! A bound on how deeply a page's elements nest, applied to the markup before any parser.
//!
//! HTML parsers and extractors walk the tree by recursion, and the HTML tree builder checks
//! the whole stack of open elements for every new block: 100,000 nested `<div>` would take
//! minutes or overflow the stack. Real pages nest a few dozen levels. This pass reads the
//! markup's tags (comments, quoted attributes and raw text such as `<script>` understood), keeps
//! a stack of the open elements much as the parser would, and leaves out the start and end
//! tags of elements that would open deeper than [`MAX_DEPTH`], or after the first
//! [`MAX_ELEMENTS`]: their text stays, in the element that holds them.

use std::borrow::Cow;

/// The deepest element kept; deeper elements are unwrapped into their ancestor at this depth.
pub const MAX_DEPTH: usize = 80;

/// The most elements kept; later ones are unwrapped too (extractors slow down with very many
/// siblings, and news pages have a few thousand elements).
pub const MAX_ELEMENTS: usize = 25_000;

/// The longest start tag kept whole: attributes carry no article text, and a `class` of
/// 50 million words would take gigabytes in the parser.
pub const MAX_TAG_BYTES: usize = 4096;

/// Elements that never have an end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose text is raw (no tags inside) up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// Elements that end an open element of the same name (`<p>` after `<p>`, `<li>` after `<li>`).
const SELF_ENDING: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot",
];

/// `html`, with elements nested deeper than [`MAX_DEPTH`] unwrapped; borrowed when none is.
pub fn bound(html: &str) -> Cow<'_, str> {
    let mut scan = Scan::default();
    let mut out = String::new();
    let mut copied = 0;
    let mut pos = 0;
    while let Some(found) = html[pos..].find('<') {
        let start = pos + found;
        let Some((end, tag)) = read_tag(html, start) else {
            pos = start + 1;
            continue;
        };
        pos = end;
        let keep = match &tag {
            Tag::Start { name, closed } => scan.start(name, *closed),
            Tag::End { name } => scan.end(name),
            Tag::Other => true,
        };
        if let Tag::Start {
            name,
            closed: false,
        } = &tag
            && RAW_TEXT.contains(&name.as_str())
        {
            pos = raw_text_end(html, pos, name);
        }
        if !keep {
            out.push_str(&html[copied..start]);
            copied = end;
        } else if let Tag::Start { closed, .. } = tag
            && end - start > MAX_TAG_BYTES
        {
            out.push_str(&html[copied..start]);
            out.push_str(&shortened(&html[start..end], closed));
            copied = end;
        }
    }
    if copied == 0 {
        return Cow::Borrowed(html);
    }
    out.push_str(&html[copied..]);
    Cow::Owned(out)
}

/// `tag`, a start tag longer than [`MAX_TAG_BYTES`], cut there: a value cut in the middle is
/// closed, the attributes after it are left out.
fn shortened(tag: &str, closed: bool) -> String {
    let mut cut = MAX_TAG_BYTES;
    while !tag.is_char_boundary(cut) {
        cut -= 1;
    }
    let mut quote = None;
    for (i, b) in tag.bytes().take(cut).enumerate() {
        match quote {
            Some(q) if b == q => quote = None,
            None if (b == b'"' || b == b'\'') && tag[..i].trim_end().ends_with('=') => {
                quote = Some(b);
            }
            _ => {}
        }
    }
    let mut out = tag[..cut].to_owned();
    out.extend(quote.map(char::from));
    out.push_str(if closed { "/>" } else { ">" });
    out
}

/// The open elements, and the elements left out while at the limit.
#[derive(Default)]
struct Scan {
    open: Vec<String>,
    /// Start tags kept so far.
    elements: usize,
    /// Names of the elements left out, innermost last.
    dropped: Vec<String>,
}

impl Scan {
    /// Whether a start tag is kept.
    fn start(&mut self, name: &str, closed: bool) -> bool {
        let void = VOID.contains(&name) || closed;
        if self.elements >= MAX_ELEMENTS {
            if !void {
                self.dropped.push(name.to_owned());
            }
            return false;
        }
        self.elements += 1;
        if void {
            return true;
        }
        let ends_top = self.open.last().is_some_and(|top| {
            (top == name && SELF_ENDING.contains(&name)) || (top == "p" && !is_inline(name))
        });
        if ends_top {
            self.open.pop();
        }
        if self.open.len() >= MAX_DEPTH {
            self.dropped.push(name.to_owned());
            return false;
        }
        self.open.push(name.to_owned());
        true
    }

    /// Whether an end tag is kept.
    fn end(&mut self, name: &str) -> bool {
        if self.dropped.last().is_some_and(|last| last == name) {
            self.dropped.pop();
            return false;
        }
        if let Some(at) = self.open.iter().rposition(|open| open == name) {
            self.open.truncate(at);
        }
        true
    }
}

/// Phrasing elements, which do not end an open `<p>`.
fn is_inline(name: &str) -> bool {
    matches!(
        name,
        "a" | "abbr"
            | "b"
            | "bdi"
            | "bdo"
            | "cite"
            | "code"
            | "data"
            | "dfn"
            | "em"
            | "font"
            | "i"
            | "kbd"
            | "mark"
            | "q"
            | "s"
            | "samp"
            | "small"
            | "span"
            | "strong"
            | "sub"
            | "sup"
            | "time"
            | "u"
            | "var"
            | "label"
            | "button"
            | "select"
            | "textarea"
            | "picture"
            | "svg"
            | "math"
            | "script"
            | "style"
    )
}

/// A tag read from the markup.
enum Tag {
    Start {
        name: String,
        closed: bool,
    },
    End {
        name: String,
    },
    /// A comment, doctype or processing instruction.
    Other,
}

/// The tag at `start` (a `<`) and the offset just past it; `None` when `<` starts no tag.
fn read_tag(html: &str, start: usize) -> Option<(usize, Tag)> {
    let rest = &html[start + 1..];
    if let Some(comment) = rest.strip_prefix("!--") {
        let end = comment
            .find("-->")
            .map_or(html.len(), |e| start + 4 + e + 3);
        return Some((end, Tag::Other));
    }
    if rest.starts_with(['!', '?']) {
        let end = rest.find('>').map_or(html.len(), |e| start + 1 + e + 1);
        return Some((end, Tag::Other));
    }
    let (is_end, name_at) = if rest.starts_with('/') {
        (true, 1)
    } else {
        (false, 0)
    };
    // Checked first, so that a run of `<` is not scanned to its end for each one.
    if !rest[name_at..].starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let name_len = rest[name_at..]
        .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
        .unwrap_or(rest.len() - name_at);
    let name = &rest[name_at..name_at + name_len];
    let (end, closed) = attributes_end(html, start + 1 + name_at + name_len);
    let name = name.to_ascii_lowercase();
    let tag = if is_end {
        Tag::End { name }
    } else {
        Tag::Start { name, closed }
    };
    Some((end, tag))
}

/// Past the `>` that ends a tag's attributes (quotes respected), and whether it ended `/>`.
fn attributes_end(html: &str, from: usize) -> (usize, bool) {
    let bytes = html.as_bytes();
    let mut quote = None;
    let mut i = from;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) if b == q => quote = None,
            None if b == b'"' || b == b'\'' => {
                // Only a quote right after `=` (with spaces) opens a value.
                let before = html[from..i].trim_end();
                if before.ends_with('=') {
                    quote = Some(b);
                }
            }
            None if b == b'>' => return (i + 1, i > from && bytes[i - 1] == b'/'),
            _ => {}
        }
        i += 1;
    }
    (html.len(), false)
}

/// Where the raw text of element `name` that starts at `from` ends: at its end tag.
fn raw_text_end(html: &str, from: usize, name: &str) -> usize {
    let closing = format!("</{name}");
    let bytes = html.as_bytes();
    let mut at = from;
    while let Some(found) = html[at..].find("</") {
        let start = at + found;
        let candidate = &bytes[start..(start + closing.len()).min(bytes.len())];
        if candidate.eq_ignore_ascii_case(closing.as_bytes()) {
            return start;
        }
        at = start + 2;
    }
    html.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(tag: &str, depth: usize, inner: &str) -> String {
        format!(
            "{}{inner}{}",
            format!("<{tag}>").repeat(depth),
            format!("</{tag}>").repeat(depth)
        )
    }

    #[test]
    fn ordinary_pages_are_left_alone() {
        let page = "<!doctype html><html><head><script>if (a < b && '<div>') {}</script></head>\
            <body><p>One<p>Two<ul><li>a<li>b</ul><div title='x > y'><img src=a.png>\
            <br/></div><!-- <div><div> --></body></html>";
        assert!(matches!(bound(page), Cow::Borrowed(_)));
        let deep_enough = nested("div", MAX_DEPTH - 3, "text");
        assert!(matches!(bound(&deep_enough), Cow::Borrowed(_)));
    }

    #[test]
    fn deeper_elements_are_unwrapped_and_their_text_kept() {
        let page = format!(
            "<html><body>{}<p>after</p></body></html>",
            nested("div", 1000, "deep")
        );
        let bounded = bound(&page);
        let opened = bounded.matches("<div>").count();
        assert_eq!(opened, bounded.matches("</div>").count());
        assert!(opened <= MAX_DEPTH, "{opened} divs kept");
        assert!(bounded.contains("deep") && bounded.ends_with("<p>after</p></body></html>"));
    }

    #[test]
    fn elements_past_the_cap_are_unwrapped() {
        let page = format!("<select>{}</select>", "<option>x".repeat(MAX_ELEMENTS * 2));
        let bounded = bound(&page);
        assert_eq!(bounded.matches("<option>").count(), MAX_ELEMENTS - 1);
        assert_eq!(bounded.matches('x').count(), MAX_ELEMENTS * 2);
        assert!(bounded.ends_with("</select>"));
    }

    #[test]
    fn huge_start_tags_are_cut_and_their_text_kept() {
        let words = "w ".repeat(1 << 20);
        let table = [
            (format!("<p class=\"{words}\">kept text</p>"), "<p class=\""),
            (
                format!("<p class='{words}' id=x>kept text</p>"),
                "<p class='",
            ),
            (format!("<p {words}>kept text</p>"), "<p w w"),
            (format!("<img src=\"{words}\"/>kept text"), "<img src=\""),
        ];
        for (page, start) in table {
            let bounded = bound(&page);
            assert!(
                bounded.len() < MAX_TAG_BYTES + 100,
                "{start}: {}",
                bounded.len()
            );
            assert!(
                bounded.starts_with(start) && bounded.contains(">kept text"),
                "{start}"
            );
            // The value cut is closed: the text is not read as part of it.
            let text = super::super::extract(&format!("<article>{bounded}</article>")).text;
            assert!(text.contains("kept text"), "{start}: {text:.100}");
        }
        let page = format!("<p class=\"{}\">ünïcode</p>", "é".repeat(MAX_TAG_BYTES));
        assert!(bound(&page).ends_with("\">ünïcode</p>"));
    }

    #[test]
    fn raw_text_is_not_read_as_tags() {
        let page = format!("<script>{}</script>", "<div>".repeat(1000));
        assert!(matches!(bound(&page), Cow::Borrowed(_)));
    }
}
