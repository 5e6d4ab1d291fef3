//! Saved and fetched web pages: the article's paragraphs and the page's metadata.
//!
//! The article is found by `rs-trafilatura` (a port of trafilatura), chosen by measurement on
//! news pages with hand-written article bodies (see `benches/extraction.sh` and the README).
//! Around it, gazette adds:
//!
//! - a bound on how deeply elements nest ([`nesting`]), so hostile pages cannot overflow the
//!   stack or take minutes;
//! - removing what the page hides and boxes of links inside the article ([`boilerplate`]);
//! - the page's metadata from JSON-LD, Open Graph and `<meta>` ([`metadata`]);
//! - a pass over the extracted paragraphs that drops what the extractor keeps but is not the
//!   article's text ([`tidy`]): lists of related stories, credits, prompts to share.
//!
//! When the extractor finds no article (a very short page), the text of the page's body is
//! taken instead.

mod boilerplate;
mod metadata;
pub mod nesting;
mod tidy;

use super::{Extracted, Paragraphs};
use dom_query::Document;

/// Reads a web page already decoded to text.
pub fn extract(html: &str) -> Extracted {
    let html = nesting::bound(html);
    let document = Document::from(html.as_ref());
    let metadata = metadata::read(&document);
    let text = if boilerplate::remove(&document) {
        let cleaned = document.html();
        drop(document);
        article_text(&cleaned)
    } else {
        drop(document);
        article_text(&html)
    };
    let mut paragraphs = Paragraphs::default();
    let known = tidy::Known {
        title: metadata.title.as_deref(),
        outlet: metadata.outlet.as_deref(),
        author: metadata.author.as_deref(),
    };
    let kept = tidy::paragraphs(&text, known);
    for paragraph in kept {
        paragraphs.push_text(&paragraph);
        paragraphs.end();
    }
    Extracted {
        text: paragraphs.finish(),
        metadata,
        warning: None,
    }
}

/// The article's text: paragraphs separated by blank lines.
fn article_text(html: &str) -> String {
    match rs_trafilatura::extract(html) {
        Ok(result) if !result.content_text.trim().is_empty() => result.content_text,
        _ => body_text(html),
    }
}

/// The text of the page's body, for pages too short for the extractor.
fn body_text(html: &str) -> String {
    let document = Document::from(html);
    document
        .select("script, style, noscript, template")
        .remove();
    document.select("body").formatted_text().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_article_and_drops_boilerplate() {
        let page = r##"<!doctype html><html><head><title>Talks | The Daily</title>
            <script>var x = "Hamas";</script><style>p { color: red }</style></head>
            <body><header class="site-header"><nav><a href="/">Home</a> <a href="/w">World</a></nav></header>
            <div id="cookie-banner">We use cookies. <button>Accept</button></div>
            <main><article><header><h1>US talks with <em>Hamas</em></h1>
            <div class="share-tools"><a href="#">Share</a></div></header>
            <p>Adam   Boehler met officials in Doha on Tuesday, in the first direct talks
               between the United States and the group since it was designated.</p>
            <p>The talks were about the hostages still held in Gaza, officials said, and about
               what could follow a deal.</p>
            <aside class="related"><a href="/a">Gaza story</a><a href="/b">Other</a></aside>
            </article></main><footer>© The Daily</footer></body></html>"##;
        let extracted = extract(page);
        assert!(
            extracted
                .text
                .starts_with("Adam Boehler met officials in Doha"),
            "{}",
            extracted.text
        );
        for junk in [
            "Home",
            "cookies",
            "Share",
            "Gaza story",
            "The Daily",
            "Hamas\";",
        ] {
            assert!(
                !extracted.text.contains(junk),
                "{junk} in {}",
                extracted.text
            );
        }
        assert_eq!(extracted.text.matches("\n\n").count(), 1);
        assert_eq!(
            extracted.metadata.title.as_deref(),
            Some("Talks | The Daily")
        );
    }

    #[test]
    fn a_short_page_keeps_its_text() {
        assert_eq!(extract("<p>Text</p>").text, "Text\n");
    }

    #[test]
    fn escape_sequences_in_pages_are_plain_text_for_the_cleaner() {
        let extracted = extract("<p>a&#x1b;[31mb</p>");
        assert_eq!(extracted.text, "a\u{1b}[31mb\n");
    }
}
