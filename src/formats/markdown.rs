//! Markdown articles: headings and paragraphs as text, the markup not shown, and the front
//! matter as metadata.
//!
//! Emphasis and links show only their text, code spans their code; images and raw HTML are
//! dropped. Front matter between `---` lines (YAML) or `+++` lines (TOML) gives `title`,
//! `date`, the outlet (`source`, `outlet`, `publisher` or `site`), `author` (or `authors`,
//! `byline`) and `url` (or `link`, `canonical`); other keys are ignored. The YAML read is the
//! subset front matter uses: `key: value` with plain or quoted values, and lists of values
//! (`- item` lines, or `[a, b]`).

use super::Metadata;
use super::{Extracted, Paragraphs, date_value, meta_value};
use pulldown_cmark::{Event, MetadataBlockKind, Options, Parser, Tag, TagEnd};

/// Reads a Markdown article.
pub fn extract(markdown: &str) -> Extracted {
    let options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
        | Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES;
    let mut out = Paragraphs::default();
    let mut metadata = Metadata::default();
    let mut front_matter: Option<MetadataBlockKind> = None;
    let mut in_image = 0usize;
    let mut in_code = false;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::MetadataBlock(kind)) => front_matter = Some(kind),
            Event::End(TagEnd::MetadataBlock(_)) => front_matter = None,
            Event::Text(text) if front_matter.is_some() => {
                let fields = match front_matter {
                    Some(MetadataBlockKind::PlusesStyle) => toml_fields(&text),
                    _ => yaml_fields(&text),
                };
                metadata = metadata_of(&fields);
            }
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            _ if in_image > 0 => {}
            Event::Text(text) if in_code => out.push_verbatim(&text),
            Event::Text(text) => out.push_text(&text),
            Event::Code(code) => out.push_text(&code),
            Event::HardBreak => out.line_break(),
            Event::Start(Tag::CodeBlock(_)) => {
                out.end();
                in_code = true;
            }
            Event::End(TagEnd::CodeBlock) => {
                out.end();
                in_code = false;
            }
            Event::Start(
                Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::Item
                | Tag::BlockQuote(_)
                | Tag::TableRow
                | Tag::TableHead
                | Tag::FootnoteDefinition(_),
            )
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::BlockQuote(_)
                | TagEnd::TableRow
                | TagEnd::TableHead
                | TagEnd::FootnoteDefinition,
            )
            | Event::Rule => out.end(),
            Event::SoftBreak | Event::Start(Tag::TableCell) | Event::End(TagEnd::TableCell) => {
                out.push_text(" ");
            }
            _ => {}
        }
    }
    Extracted {
        text: out.finish(),
        metadata,
        warning: None,
    }
}

/// The metadata named by front-matter keys (first key found wins for each field).
fn metadata_of(fields: &[(String, String)]) -> Metadata {
    let get = |keys: &[&str]| {
        keys.iter().find_map(|key| {
            fields
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(key))
                .and_then(|(_, v)| meta_value(v))
        })
    };
    Metadata {
        title: get(&["title", "headline"]),
        outlet: get(&["source", "outlet", "publisher", "site"]),
        author: get(&["author", "authors", "byline"]),
        date: get(&["date", "published", "datePublished"]).and_then(|d| date_value(&d)),
        url: get(&["url", "link", "canonical"]),
    }
}

/// Top-level `key: value` pairs of YAML front matter; lists are joined with ", ".
fn yaml_fields(yaml: &str) -> Vec<(String, String)> {
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut list_key: Option<usize> = None;
    for line in yaml.lines() {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let indented = line.starts_with([' ', '\t']);
        let trimmed = line.trim();
        if let (Some(index), Some(item)) = (list_key, trimmed.strip_prefix('-')) {
            let item = unquote(item.trim());
            let value = &mut fields[index].1;
            if !value.is_empty() {
                value.push_str(", ");
            }
            value.push_str(&item);
            continue;
        }
        if indented {
            continue;
        }
        let Some((key, value)) = trimmed.split_once(':') else {
            list_key = None;
            continue;
        };
        let value = strip_comment(value.trim());
        let value = match value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
            Some(items) => items
                .split(',')
                .map(|item| unquote(item.trim()))
                .filter(|item| !item.is_empty())
                .collect::<Vec<_>>()
                .join(", "),
            None => unquote(value),
        };
        list_key = value.is_empty().then_some(fields.len());
        fields.push((key.trim().to_owned(), value));
    }
    fields
}

/// A value without a trailing ` # comment` (outside quotes).
fn strip_comment(value: &str) -> &str {
    if value.starts_with(['"', '\'']) {
        return value;
    }
    value.find(" #").map_or(value, |at| value[..at].trim_end())
}

fn unquote(value: &str) -> String {
    let value = value.trim();
    for quote in ['"', '\''] {
        if let Some(inner) = value
            .strip_prefix(quote)
            .and_then(|v| v.strip_suffix(quote))
        {
            return if quote == '"' {
                inner.replace("\\\"", "\"")
            } else {
                inner.replace("''", "'")
            };
        }
    }
    value.to_owned()
}

/// Top-level string (or list of strings, or date) values of TOML front matter.
fn toml_fields(text: &str) -> Vec<(String, String)> {
    let Ok(table) = toml::from_str::<toml::Table>(text) else {
        return Vec::new();
    };
    table
        .into_iter()
        .filter_map(|(key, value)| {
            let text = match value {
                toml::Value::String(s) => s,
                toml::Value::Datetime(d) => d.to_string(),
                toml::Value::Array(items) => items
                    .iter()
                    .filter_map(|v| v.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                _ => return None,
            };
            Some((key, text))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_not_shown() {
        let markdown = "---\ntitle: \"US talks: a note\"\ndate: 2025-03-05\nsource: Axios # outlet\nauthor:\n  - Barak Ravid\n  - Someone Else\ntags: [a, b]\n---\n\n# The *talks*\n\nAdam **Boehler** met [Hamas](https://example.com \"t\")\nofficials in `Doha`.\n\n![a photo of Gaza](gaza.jpg)\n\n- one\n- two\n\n> quoted<br>\n\n```\ncode line\n```\n";
        let extracted = extract(markdown);
        assert_eq!(
            extracted.text,
            "The talks\n\nAdam Boehler met Hamas officials in Doha.\n\none\n\ntwo\n\nquoted\n\ncode line\n"
        );
        let m = extracted.metadata;
        assert_eq!(m.title.as_deref(), Some("US talks: a note"));
        assert_eq!(m.date.as_deref(), Some("2025-03-05"));
        assert_eq!(m.outlet.as_deref(), Some("Axios"));
        assert_eq!(m.author.as_deref(), Some("Barak Ravid, Someone Else"));
    }

    #[test]
    fn toml_front_matter() {
        let extracted =
            extract("+++\ntitle = \"T\"\ndate = 2025-03-05T10:00:00Z\noutlet = \"O\"\n+++\nBody\n");
        assert_eq!(extracted.text, "Body\n");
        assert_eq!(extracted.metadata.title.as_deref(), Some("T"));
        assert_eq!(extracted.metadata.date.as_deref(), Some("2025-03-05"));
        assert_eq!(extracted.metadata.outlet.as_deref(), Some("O"));
    }

    #[test]
    fn no_front_matter() {
        let extracted = extract("Just text\nmore\n");
        assert_eq!(extracted.text, "Just text more\n");
        assert_eq!(extracted.metadata, Metadata::default());
    }
}
