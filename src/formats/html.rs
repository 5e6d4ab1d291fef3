//! Saved web pages: the article's paragraphs and headings, and the page's metadata.
//!
//! The page is parsed by a real HTML parser (html5ever, through `scraper`). The article is
//! the element marked `itemprop="articleBody"`, else the largest `<article>`, else `<main>`
//! (or `role="main"`), else `<body>`. Inside it, paragraphs, headings, list items, quotes and
//! table rows are kept, one per line. Dropped: scripts, styles, forms, navigation, asides,
//! footers, page headers (an `<header>` holding the `<h1>` is kept), hidden elements, and
//! boxes whose class or id names boilerplate (`related`, `share`, `cookie`, `newsletter`,
//! `promo`, `ad`, …) or whose text is mostly links (lists of related stories).
//!
//! Metadata, first found wins: the title from JSON-LD `headline`, `og:title`, then
//! `<title>`; the outlet from `og:site_name`, then JSON-LD `publisher.name`; the author from
//! JSON-LD `author.name`, then `<meta name="author">`; the date from
//! `article:published_time`, then JSON-LD `datePublished`; the url from `og:url`, then
//! `<link rel="canonical">`.

use super::Metadata;
use super::{Extracted, Paragraphs, date_value, meta_value};
use scraper::{ElementRef, Html, Node, Selector};
use serde_json::Value;

/// Elements never part of an article's text.
const DROPPED_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed",
    "video", "audio", "picture", "form", "button", "input", "select", "textarea", "label", "nav",
    "aside", "footer", "dialog", "menu", "head", "link", "meta",
];

/// Elements that end a paragraph before and after.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "dt",
    "dd",
    "blockquote",
    "div",
    "section",
    "article",
    "main",
    "header",
    "figure",
    "figcaption",
    "ul",
    "ol",
    "dl",
    "table",
    "tr",
    "pre",
    "address",
    "hr",
    "body",
];

/// Words in a class or id that mark a box as boilerplate rather than the article.
const BOILERPLATE_WORDS: &[&str] = &[
    "ad",
    "ads",
    "advert",
    "advertisement",
    "adslot",
    "banner",
    "breadcrumb",
    "breadcrumbs",
    "byline",
    "comment",
    "comments",
    "consent",
    "cookie",
    "cookies",
    "footer",
    "gdpr",
    "masthead",
    "menu",
    "modal",
    "nav",
    "navbar",
    "navigation",
    "newsletter",
    "outbrain",
    "paywall",
    "popular",
    "popup",
    "promo",
    "recommended",
    "recirculation",
    "related",
    "share",
    "sharing",
    "sidebar",
    "signup",
    "social",
    "sponsored",
    "subscribe",
    "subscription",
    "taboola",
    "toolbar",
    "trending",
    "hidden",
];

/// Pairs of adjacent class or id words that mark boilerplate.
const BOILERPLATE_PAIRS: &[(&str, &str)] = &[
    ("more", "stories"),
    ("more", "news"),
    ("more", "from"),
    ("more", "coverage"),
    ("read", "more"),
    ("read", "next"),
    ("also", "read"),
    ("site", "header"),
    ("page", "header"),
    ("skip", "link"),
];

/// Roles that mark a landmark other than the article.
const DROPPED_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "dialog",
    "alertdialog",
    "menu",
    "menubar",
];

/// Reads a saved web page.
pub fn extract(html: &str) -> Extracted {
    let document = Html::parse_document(html);
    let metadata = page_metadata(&document);
    let root = content_root(&document);
    let mut paragraphs = Paragraphs::default();
    walk(root, &mut paragraphs);
    Extracted {
        text: paragraphs.finish(),
        metadata,
    }
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("the selectors here are valid")
}

/// The element that holds the article.
fn content_root(document: &Html) -> ElementRef<'_> {
    let kept = |element: &ElementRef<'_>| !has_dropped_ancestor(*element);
    if let Some(body) = document
        .select(&selector("[itemprop~=articleBody]"))
        .find(kept)
    {
        return body;
    }
    let largest_article = document
        .select(&selector("article"))
        .filter(kept)
        .max_by_key(|article| text_len(*article));
    if let Some(article) = largest_article.filter(|a| text_len(*a) > 0) {
        return article;
    }
    if let Some(main) = document.select(&selector("main, [role=main]")).find(kept) {
        return main;
    }
    document
        .select(&selector("body"))
        .next()
        .unwrap_or_else(|| document.root_element())
}

fn text_len(element: ElementRef<'_>) -> usize {
    element.text().map(|t| t.trim().len()).sum()
}

fn has_dropped_ancestor(element: ElementRef<'_>) -> bool {
    element
        .ancestors()
        .filter_map(ElementRef::wrap)
        .any(is_dropped)
}

/// Appends the text of `element` and its descendants.
fn walk(element: ElementRef<'_>, out: &mut Paragraphs) {
    for child in element.children() {
        match child.value() {
            Node::Text(text) => out.push_text(text),
            Node::Element(_) => {
                let Some(child) = ElementRef::wrap(child) else {
                    continue;
                };
                if is_dropped(child) {
                    continue;
                }
                let name = child.value().name();
                match name {
                    "br" => out.line_break(),
                    "img" => {}
                    "td" | "th" => {
                        out.push_text(" ");
                        walk(child, out);
                        out.push_text(" ");
                    }
                    _ if BLOCK_TAGS.contains(&name) => {
                        out.end();
                        walk(child, out);
                        out.end();
                    }
                    _ => walk(child, out),
                }
            }
            _ => {}
        }
    }
}

/// Whether an element is boilerplate rather than article text.
fn is_dropped(element: ElementRef<'_>) -> bool {
    let value = element.value();
    let name = value.name();
    if DROPPED_TAGS.contains(&name) {
        return true;
    }
    if name == "header" && element.select(&selector("h1")).next().is_none() {
        return true;
    }
    if value.attr("hidden").is_some()
        || value.attr("aria-hidden") == Some("true")
        || value.attr("role").is_some_and(|role| {
            role.split_whitespace()
                .any(|r| DROPPED_ROLES.contains(&r.to_ascii_lowercase().as_str()))
        })
        || value.attr("style").is_some_and(|style| {
            let style: String = style
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase();
            style.contains("display:none") || style.contains("visibility:hidden")
        })
    {
        return true;
    }
    let names_boilerplate = [value.attr("class"), value.attr("id")]
        .into_iter()
        .flatten()
        .any(names_boilerplate);
    if names_boilerplate && !holds_article(element) {
        return true;
    }
    matches!(
        name,
        "ul" | "ol" | "div" | "section" | "figure" | "table" | "dl"
    ) && mostly_links(element)
}

/// Whether a class or id value contains a boilerplate word (split at anything not a letter
/// or digit, and at camelCase humps).
fn names_boilerplate(value: &str) -> bool {
    let mut words: Vec<String> = Vec::new();
    for part in value.split(|c: char| !c.is_ascii_alphanumeric()) {
        let mut word = String::new();
        for c in part.chars() {
            if c.is_ascii_uppercase() && !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            word.push(c.to_ascii_lowercase());
        }
        if !word.is_empty() {
            words.push(word);
        }
    }
    words
        .iter()
        .any(|w| BOILERPLATE_WORDS.contains(&w.as_str()))
        || words
            .windows(2)
            .any(|pair| BOILERPLATE_PAIRS.contains(&(pair[0].as_str(), pair[1].as_str())))
}

/// Whether an element contains the article itself (a wrapper that happens to be named
/// like boilerplate must not take the article with it).
fn holds_article(element: ElementRef<'_>) -> bool {
    element
        .select(&selector("article, [itemprop~=articleBody], main, h1"))
        .next()
        .is_some()
}

/// Whether most of an element's text is link text, as in lists of related stories.
fn mostly_links(element: ElementRef<'_>) -> bool {
    let total: usize = element.text().map(|t| t.trim().chars().count()).sum();
    if total == 0 {
        return false;
    }
    let links: Vec<ElementRef<'_>> = element.select(&selector("a")).collect();
    if links.len() < 2 {
        return false;
    }
    let linked: usize = links
        .iter()
        .flat_map(ElementRef::text)
        .map(|t| t.trim().chars().count())
        .sum();
    linked * 2 > total
}

/// Title, outlet, author, date and url from the page's head and JSON-LD.
fn page_metadata(document: &Html) -> Metadata {
    let meta = |key: &str| -> Option<String> {
        document
            .select(&selector("meta"))
            .find(|m| {
                let v = m.value();
                v.attr("property")
                    .or_else(|| v.attr("name"))
                    .or_else(|| v.attr("itemprop"))
                    .is_some_and(|k| k.eq_ignore_ascii_case(key))
            })
            .and_then(|m| m.value().attr("content"))
            .and_then(meta_value)
    };
    let ld = json_ld_article(document);
    let ld_str = |value: Option<&Value>| value.and_then(name_of).and_then(|s| meta_value(&s));
    let title_tag = document
        .select(&selector("title"))
        .next()
        .and_then(|t| meta_value(&t.text().collect::<String>()));
    let outlet =
        meta("og:site_name").or_else(|| ld_str(ld.as_ref().and_then(|a| a.get("publisher"))));
    let title = ld_str(ld.as_ref().and_then(|a| a.get("headline")))
        .or_else(|| meta("og:title"))
        .or_else(|| meta("twitter:title"))
        .or_else(|| title_tag.map(|t| strip_outlet(&t, outlet.as_deref())));
    let author = ld_str(ld.as_ref().and_then(|a| a.get("author")))
        .or_else(|| meta("author"))
        .or_else(|| meta("article:author").filter(|a| !a.starts_with("http")));
    let date = meta("article:published_time")
        .or_else(|| ld_str(ld.as_ref().and_then(|a| a.get("datePublished"))))
        .or_else(|| meta("date"))
        .and_then(|d| date_value(&d));
    let url = meta("og:url")
        .or_else(|| {
            document
                .select(&selector("link[rel~=canonical]"))
                .next()
                .and_then(|l| l.value().attr("href"))
                .and_then(meta_value)
        })
        .or_else(|| ld_str(ld.as_ref().and_then(|a| a.get("url"))));
    Metadata {
        outlet,
        title,
        author,
        date,
        url,
    }
}

/// `<title>` often ends with the outlet: "Headline | Outlet" or "Headline - Outlet".
fn strip_outlet(title: &str, outlet: Option<&str>) -> String {
    let Some(outlet) = outlet else {
        return title.to_owned();
    };
    for separator in [" | ", " - ", " – ", " — ", " · "] {
        if let Some(head) = title
            .strip_suffix(outlet)
            .and_then(|h| h.strip_suffix(separator))
        {
            return head.trim().to_owned();
        }
    }
    title.to_owned()
}

/// The first JSON-LD object typed as an article (`NewsArticle`, `Article`, `BlogPosting`, …).
fn json_ld_article(document: &Html) -> Option<Value> {
    document
        .select(&selector(r#"script[type="application/ld+json"]"#))
        .filter_map(|script| serde_json::from_str::<Value>(&script.text().collect::<String>()).ok())
        .find_map(find_article)
}

fn find_article(value: Value) -> Option<Value> {
    match value {
        Value::Array(items) => items.into_iter().find_map(find_article),
        Value::Object(mut object) => {
            if is_article_type(object.get("@type")) {
                return Some(Value::Object(object));
            }
            object.remove("@graph").and_then(find_article)
        }
        _ => None,
    }
}

fn is_article_type(value: Option<&Value>) -> bool {
    let is_article = |t: &str| t.ends_with("Article") || t == "BlogPosting" || t == "Report";
    match value {
        Some(Value::String(t)) => is_article(t),
        Some(Value::Array(types)) => types.iter().any(|t| t.as_str().is_some_and(is_article)),
        _ => false,
    }
}

/// A JSON-LD value as text: a string, an object's `name`, or a list of those joined by ", ".
fn name_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Object(object) => object.get("name").and_then(name_of),
        Value::Array(items) => {
            let names: Vec<String> = items.iter().filter_map(name_of).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        _ => None,
    }
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
            <p>Adam   Boehler met
               officials.</p><p>Second<br>line.</p>
            <aside class="related"><a href="/a">Gaza story</a><a href="/b">Other</a></aside>
            <ul class="tags"><li><a href="/t/gaza">Gaza</a></li><li><a href="/t/us">US</a></li></ul>
            </article></main><footer>© The Daily</footer></body></html>"##;
        let extracted = extract(page);
        assert_eq!(
            extracted.text,
            "US talks with Hamas\n\nAdam Boehler met officials.\n\nSecond\nline.\n"
        );
        assert_eq!(
            extracted.metadata.title.as_deref(),
            Some("Talks | The Daily")
        );
    }

    #[test]
    fn reads_open_graph_and_json_ld() {
        let page = r#"<html><head><title>Headline - Outlet</title>
            <meta property="og:site_name" content="Outlet">
            <meta property="article:published_time" content="2025-03-05T10:00:00Z">
            <script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
              {"@type": "WebPage"},
              {"@type": "NewsArticle", "headline": "LD headline",
               "author": [{"@type": "Person", "name": "Barak Ravid"}],
               "publisher": {"name": "LD outlet"}}]}</script>
            </head><body><p>Text</p></body></html>"#;
        let metadata = extract(page).metadata;
        assert_eq!(metadata.title.as_deref(), Some("LD headline"));
        assert_eq!(metadata.outlet.as_deref(), Some("Outlet"));
        assert_eq!(metadata.author.as_deref(), Some("Barak Ravid"));
        assert_eq!(metadata.date.as_deref(), Some("2025-03-05"));
        let plain =
            extract("<title>Headline - Outlet</title><meta property=og:site_name content=Outlet>");
        assert_eq!(plain.metadata.title.as_deref(), Some("Headline"));
    }

    #[test]
    fn class_words_are_split() {
        for (value, boilerplate) in [
            ("related-stories", true),
            ("moreStories", true),
            ("article-body", false),
            ("headline", false),
            ("ad-slot", true),
            ("read-more-link", true),
            ("c-article__header", false),
        ] {
            assert_eq!(names_boilerplate(value), boilerplate, "{value}");
        }
    }

    #[test]
    fn escape_sequences_in_pages_are_plain_text_for_the_cleaner() {
        let extracted = extract("<p>a&#x1b;[31mb</p>");
        assert_eq!(extracted.text, "a\u{1b}[31mb\n");
    }
}
