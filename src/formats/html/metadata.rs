//! What a web page says about itself: title, outlet, author, date and url.
//!
//! First found wins: the title from JSON-LD `headline`, `og:title`, `twitter:title`, then
//! `<title>` (without the outlet's name at its end); the outlet from `og:site_name`, then
//! JSON-LD `publisher.name`; the author from JSON-LD `author.name`, then `<meta
//! name="author">`; the date from `article:published_time`, then JSON-LD `datePublished`; the
//! url from `og:url`, then `<link rel="canonical">`, then JSON-LD `url`.

use super::super::{date_value, meta_value};
use crate::formats::Metadata;
use dom_query::Document;
use serde_json::Value;

/// Title, outlet, author, date and url from the page's head and JSON-LD.
pub fn read(document: &Document) -> Metadata {
    let meta = |key: &str| meta_content(document, key);
    let ld = json_ld_article(document);
    let ld_str = |field: &str| {
        ld.as_ref()
            .and_then(|article| article.get(field))
            .and_then(name_of)
            .and_then(|s| meta_value(&unescape(&s)))
    };
    let title_tag = meta_value(&document.select("title").first().text());
    let outlet = meta("og:site_name").or_else(|| ld_str("publisher"));
    let title = ld_str("headline")
        .or_else(|| meta("og:title"))
        .or_else(|| meta("twitter:title"))
        .or_else(|| title_tag.map(|t| strip_outlet(&t, outlet.as_deref())));
    let author = ld_str("author")
        .or_else(|| meta("author"))
        .or_else(|| meta("article:author").filter(|a| !a.starts_with("http")));
    let date = meta("article:published_time")
        .or_else(|| ld_str("datePublished"))
        .or_else(|| meta("date"))
        .and_then(|d| date_value(&d));
    let canonical = document
        .select("link[rel~=canonical]")
        .first()
        .attr("href")
        .and_then(|href| meta_value(&href));
    let url = meta("og:url").or(canonical).or_else(|| ld_str("url"));
    Metadata {
        outlet,
        title,
        author,
        date,
        url,
    }
}

/// The `content` of the first `<meta>` whose `property`, `name` or `itemprop` is `key`.
fn meta_content(document: &Document, key: &str) -> Option<String> {
    document
        .select("meta")
        .nodes()
        .iter()
        .find(|m| {
            m.attr("property")
                .or_else(|| m.attr("name"))
                .or_else(|| m.attr("itemprop"))
                .is_some_and(|k| k.eq_ignore_ascii_case(key))
        })
        .and_then(|m| m.attr("content"))
        .and_then(|content| meta_value(&content))
}

/// JSON-LD strings that still hold HTML character references (`&#8216;`, `&amp;`), as some
/// sites write them, as text.
fn unescape(value: &str) -> String {
    if !value.contains('&') {
        return value.to_owned();
    }
    let escaped = value.replace('<', "&lt;");
    Document::fragment(format!("<p>{escaped}</p>"))
        .text()
        .to_string()
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
fn json_ld_article(document: &Document) -> Option<Value> {
    document
        .select(r#"script[type="application/ld+json"]"#)
        .nodes()
        .iter()
        .filter_map(|script| serde_json::from_str::<Value>(&script.text()).ok())
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
    fn reads_open_graph_and_json_ld() {
        let page = r#"<html><head><title>Headline - Outlet</title>
            <meta property="og:site_name" content="Outlet">
            <meta property="article:published_time" content="2025-03-05T10:00:00Z">
            <script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
              {"@type": "WebPage"},
              {"@type": "NewsArticle", "headline": "LD &#8216;headline&#8217; &amp; <b>",
               "author": [{"@type": "Person", "name": "Barak Ravid"}],
               "publisher": {"name": "LD outlet"}}]}</script>
            </head><body><p>Text</p></body></html>"#;
        let metadata = read(&Document::from(page));
        assert_eq!(metadata.title.as_deref(), Some("LD ‘headline’ & <b>"));
        assert_eq!(metadata.outlet.as_deref(), Some("Outlet"));
        assert_eq!(metadata.author.as_deref(), Some("Barak Ravid"));
        assert_eq!(metadata.date.as_deref(), Some("2025-03-05"));
        let plain = read(&Document::from(
            "<title>Headline - Outlet</title><meta property=og:site_name content=Outlet>",
        ));
        assert_eq!(plain.title.as_deref(), Some("Headline"));
        let canonical = read(&Document::from(
            r#"<link rel="canonical" href="https://example.org/a">"#,
        ));
        assert_eq!(canonical.url.as_deref(), Some("https://example.org/a"));
    }
}
