//! RSS and Atom feeds (through `feed-rs`): a feed is a list of articles, each with its title,
//! date, link and, when the feed carries it, its full text.

/// One item of a feed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Item {
    /// The item's title.
    pub title: Option<String>,
    /// Its date, `YYYY-MM-DD` (published, else updated).
    pub date: Option<String>,
    /// The page it links to.
    pub link: Option<String>,
    /// Its full text as HTML, when the feed carries it (Atom `content`, RSS
    /// `content:encoded`); a summary alone does not count.
    pub content: Option<String>,
}

/// A feed's title and items.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Feed {
    /// The feed's own title (the outlet, usually).
    pub title: Option<String>,
    /// Its items, in the feed's order.
    pub items: Vec<Item>,
}

/// Whether a document is a feed: by its content type, else by its first element.
pub fn looks_like_feed(bytes: &[u8], content_type: Option<&str>) -> bool {
    let by_type = content_type.is_some_and(|t| {
        let t = t.to_ascii_lowercase();
        t.contains("rss") || t.contains("atom") || (t.contains("xml") && !t.contains("html"))
    });
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let first_element = head
        .match_indices('<')
        .map(|(at, _)| &head[at + 1..])
        .find(|rest| !rest.starts_with(['?', '!']));
    by_type && !head.contains("<html")
        || first_element.is_some_and(|e| {
            e.starts_with("rss") || e.starts_with("feed") || e.starts_with("rdf:rdf")
        })
}

/// Reads a feed found at `address` (links relative to it are made whole); the error says
/// what is wrong with it.
pub fn parse(bytes: &[u8], address: &str) -> Result<Feed, String> {
    let base = url::Url::parse(address).ok();
    let resolve = |href: &str| match &base {
        Some(base) => base
            .join(href)
            .map_or_else(|_| href.to_owned(), String::from),
        None => href.to_owned(),
    };
    let feed = feed_rs::parser::parse(bytes)
        .map_err(|error| format!("not a readable RSS or Atom feed ({error})"))?;
    let text = |t: Option<feed_rs::model::Text>| {
        t.map(|t| t.content.trim().to_owned())
            .filter(|t| !t.is_empty())
    };
    let items = feed
        .entries
        .into_iter()
        .map(|entry| Item {
            title: text(entry.title),
            date: entry
                .published
                .or(entry.updated)
                .map(|d| d.format("%Y-%m-%d").to_string()),
            link: entry
                .links
                .iter()
                .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                .or(entry.links.first())
                .map(|l| resolve(&l.href)),
            content: entry
                .content
                .and_then(|c| c.body)
                .filter(|body| !body.trim().is_empty()),
        })
        .collect();
    Ok(Feed {
        title: text(feed.title),
        items,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0"?>
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
        <title>The Wire</title>
        <item><title>First</title><link>/a</link>
          <pubDate>Wed, 05 Mar 2025 10:00:00 GMT</pubDate><description>Short</description></item>
        <item><title>Second</title><link>http://127.0.0.1:1/b</link>
          <content:encoded><![CDATA[<p>Full text.</p>]]></content:encoded></item>
        </channel></rss>"#;

    #[test]
    fn items_carry_title_date_link_and_full_text() {
        assert!(looks_like_feed(RSS.as_bytes(), None));
        assert!(!looks_like_feed(
            b"<!doctype html><html>",
            Some("text/html")
        ));
        let feed = parse(RSS.as_bytes(), "http://127.0.0.1:1/feed").unwrap();
        assert_eq!(feed.title.as_deref(), Some("The Wire"));
        assert_eq!(
            feed.items[0],
            Item {
                title: Some("First".into()),
                date: Some("2025-03-05".into()),
                link: Some("http://127.0.0.1:1/a".into()),
                content: None,
            }
        );
        assert_eq!(feed.items[1].content.as_deref(), Some("<p>Full text.</p>"));
        assert!(
            parse(b"<html></html>", "f.xml")
                .unwrap_err()
                .contains("RSS or Atom")
        );
    }
}
