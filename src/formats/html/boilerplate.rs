//! Boxes the extractor would keep that are not the article, removed from the page first.
//!
//! Measured on news pages, most rules that name boilerplate by class or id (`related`,
//! `share`, …) cost more article text than they save; these do not: elements the page hides
//! (`hidden`, `aria-hidden="true"`, `display: none`) and boxes of links without a paragraph
//! (lists of other stories placed inside the article).

use dom_query::{Document, NodeRef};

/// Removes hidden elements and boxes of links from `document`; whether any was removed.
pub fn remove(document: &Document) -> bool {
    let Some(body) = document.body() else {
        return false;
    };
    let dropped: Vec<NodeRef<'_>> = body
        .descendants_it()
        .filter(|node| node.is_element() && (is_hidden(node) || is_link_box(node)))
        .collect();
    for node in &dropped {
        node.remove_from_parent();
    }
    !dropped.is_empty()
}

/// Whether the page hides an element.
fn is_hidden(element: &NodeRef<'_>) -> bool {
    element.has_attr("hidden")
        || element
            .attr("aria-hidden")
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
        || element.attr("style").is_some_and(|style| {
            let style: String = style
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase();
            style.contains("display:none") || style.contains("visibility:hidden")
        })
}

/// Whether an element is a box of three or more links, with no paragraph, whose text is
/// nearly all link text.
fn is_link_box(element: &NodeRef<'_>) -> bool {
    if !element
        .node_name()
        .is_some_and(|name| matches!(&*name, "div" | "ul" | "ol" | "section" | "aside"))
    {
        return false;
    }
    let mut links = 0;
    let mut linked = 0;
    for node in element.descendants_it().filter(NodeRef::is_element) {
        match node.node_name().as_deref() {
            Some("p") => return false,
            Some("a") => {
                links += 1;
                linked += text_len(&node);
            }
            _ => {}
        }
    }
    links >= 3 && linked * 10 >= text_len(element) * 9
}

fn text_len(node: &NodeRef<'_>) -> usize {
    node.text().chars().filter(|c| !c.is_whitespace()).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_elements_and_link_boxes_are_removed() {
        let document = Document::from(
            r#"<body><p>Kept <a href="/a">one link</a></p><div hidden>Hidden</div>
            <p style="display: none">No</p><div><a href="/1">One</a> <a href="/2">Two</a>
            <a href="/3">Three</a></div><ul><li><a href="/x">X</a></li></ul></body>"#,
        );
        assert!(remove(&document));
        let words = document.select("body").text();
        let words: Vec<&str> = words.split_whitespace().collect();
        assert_eq!(words, ["Kept", "one", "link", "X"]);
    }
}
