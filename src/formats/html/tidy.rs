//! The extracted paragraphs, less what is not the article's text.
//!
//! Extractors keep some boxes that read like paragraphs: a heading such as "You may also be
//! interested in..." followed by the stories it lists, a copyright or photo credit line, a
//! prompt to share or subscribe. These are recognised by their words, never by the site.

/// What the page says of the article, to recognise its headline, byline and outlet.
#[derive(Debug, Clone, Copy, Default)]
pub struct Known<'a> {
    /// The headline.
    pub title: Option<&'a str>,
    /// The outlet's name.
    pub outlet: Option<&'a str>,
    /// The author's name.
    pub author: Option<&'a str>,
}

/// The paragraphs of `text` that belong to the article the page describes as `known`.
///
/// Paragraphs are separated by blank lines; a single line break inside one (the extractor
/// puts one around some inline elements) is a space.
pub fn paragraphs(text: &str, known: Known<'_>) -> Vec<String> {
    let lines: Vec<String> = text
        .split("\n\n")
        .map(|paragraph| paragraph.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty())
        .collect();
    let first_paragraph = lines.iter().position(|line| !is_fragment(line));
    let mut kept: Vec<String> = Vec::with_capacity(lines.len());
    for (i, line) in lines.into_iter().enumerate() {
        if i == 0 && known.title.is_some_and(|t| is_headline(t, &line)) {
            continue;
        }
        if i <= first_paragraph.unwrap_or(0).max(2) && is_byline(&line, known.author) {
            continue;
        }
        if starts_trailing_list(&line) || names_outlet_list(&line, known.outlet) {
            // A list of other stories ends the article; one before it is left out.
            if kept.len() >= 2 {
                break;
            }
            if line.split_whitespace().count() > 8 {
                continue;
            }
        }
        if first_paragraph.is_some_and(|first| i < first) {
            continue;
        }
        if !is_junk(&line) {
            kept.push(line);
        }
    }
    kept
}

/// Whether a line is the headline `title`: a short line nearly all of whose words (case and
/// punctuation ignored) are the title's.
fn is_headline(title: &str, line: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (title, line) = (words(title), words(line));
    if line.is_empty() || line.len() > 30 {
        return false;
    }
    let shared = line.iter().filter(|w| title.contains(w)).count();
    shared * 5 >= line.len() * 4 && shared * 5 >= title.len() * 4
}

/// Headings that open a list of other stories at the end of an article.
const TRAILING_HEADINGS: &[&str] = &[
    "you may also like",
    "you might also like",
    "you may also be interested in",
    "you might be interested in",
    "related stories",
    "related articles",
    "related coverage",
    "related content",
    "related",
    "recommended",
    "recommended for you",
    "more stories",
    "more from",
    "more in",
    "more on this story",
    "most popular",
    "most read",
    "trending now",
    "read next",
    "sponsored links",
    "sponsored content",
    "leave a reply",
    "leave a comment",
];

/// Whether `line` opens a list of the outlet's other stories ("More Outlet", "More from
/// Outlet").
fn names_outlet_list(line: &str, outlet: Option<&str>) -> bool {
    let Some(outlet) = outlet.filter(|o| !o.is_empty()) else {
        return false;
    };
    ["More ", "More from ", "More From "]
        .iter()
        .any(|more| line.starts_with(&format!("{more}{outlet}")))
}

/// Whether `line` is a short heading that opens a list of other stories.
fn starts_trailing_list(line: &str) -> bool {
    // "More Great Outlet Stories …": a title-case heading, with the list run into it.
    let head: Vec<&str> = line.split_whitespace().take(5).collect();
    if head.first() == Some(&"More")
        && head[1..]
            .iter()
            .any(|w| matches!(*w, "Stories" | "Articles" | "News" | "Coverage" | "STORIES"))
    {
        return true;
    }
    if line.split_whitespace().count() > 8 {
        return false;
    }
    let lower = line.trim_end_matches(['.', ':', '…', ' ']).to_lowercase();
    TRAILING_HEADINGS.iter().any(|heading| {
        lower == *heading
            || (heading.starts_with("more ") && lower.starts_with(&format!("{heading} ")))
    })
}

/// Whether a line near the top names the author ("By …", or the author's name first): short,
/// and not a sentence.
fn is_byline(line: &str, author: Option<&str>) -> bool {
    line.split_whitespace().count() <= 12
        && !line.ends_with(['.', '!', '?'])
        && (line.starts_with("By ")
            || line.starts_with("BY ")
            || author.is_some_and(|a| !a.is_empty() && line.starts_with(a)))
}

/// A line too short to be a paragraph: a date, a label, a button ("Print Article"). Such
/// lines before the article's first paragraph are left out.
fn is_fragment(line: &str) -> bool {
    line.split_whitespace().count() < 8 && line.chars().count() < 40
}

/// Whether a line is a list of other stories' headlines tagged with a label in brackets
/// ("… [VIDEO] … [INSIGHT]"), or one such headline.
fn links_with_labels(line: &str) -> bool {
    let labels = line
        .split('[')
        .skip(1)
        .filter_map(|rest| rest.split_once(']'))
        .filter(|(label, _)| {
            let label = label.trim();
            !label.is_empty()
                && label.len() <= 12
                && label.chars().all(char::is_alphabetic)
                && label.starts_with(|c: char| c.is_uppercase())
        })
        .count();
    labels >= 2 || (labels == 1 && line.ends_with(']') && line.split_whitespace().count() <= 20)
}

/// Lines that are prompts or labels rather than text.
fn is_junk(line: &str) -> bool {
    let lower = line.to_lowercase();
    let words = line.split_whitespace().count();
    let short = words <= 30;
    if lower.starts_with("this document is subject to copyright") && words <= 60 {
        return true;
    }
    if links_with_labels(line) {
        return true;
    }
    let labels = [
        "read more:",
        "see more:",
        "related:",
        "don't miss",
        "don’t miss",
        "citation:",
    ];
    if labels.iter().any(|l| lower.starts_with(l)) && line.split_whitespace().count() <= 40 {
        return true;
    }
    let newsletter = lower.contains("inbox")
        && ["newsletter", "sign up", "delivered", "subscribe"]
            .iter()
            .any(|w| lower.contains(w));
    if short && (newsletter || lower.contains("protected by recaptcha")) {
        return true;
    }
    let prompts = [
        "advertisement",
        "explore further",
        "you must be logged in",
        "you have read",
        "share this article",
        "share this story",
        "print this article",
        "sign up for",
        "subscribe to",
    ];
    short && prompts.iter().any(|p| lower.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailing_lists_and_credits_are_dropped() {
        let first = "The first paragraph of the article, long enough to be one.";
        let text = format!(
            "Headline\n\nBy A. Writer · 5 October\n\n05\n\nOct\n\n{first}\n\nSecond\nparagraph.\n\nAdvertisement\n\n\
             Third paragraph.\n\nYou may also be interested in...\n\nOther story\n"
        );
        assert_eq!(
            paragraphs(
                &text,
                Known {
                    title: Some("headline"),
                    ..Known::default()
                }
            ),
            [first, "Second paragraph.", "Third paragraph."]
        );
        let outlet = format!("{first}\n\nSecond.\n\nMore The Daily stories\n\nOther\n");
        assert_eq!(
            paragraphs(
                &outlet,
                Known {
                    outlet: Some("The Daily"),
                    ..Known::default()
                }
            ),
            [first, "Second."]
        );
    }

    #[test]
    fn headlines_bylines_run_in_lists_and_newsletter_boxes_are_dropped() {
        let first = "The first paragraph of the article, long enough to be one.";
        let text = format!(
            "Milan Design Week | Michael Anastassiades' lights\n\nBy A. WRITER - 2019-04-10\n\n\
             {first}\n\nBy the end of the week, the show had closed.\n\n\
             Let our news meet your inbox. The stories, delivered weekday mornings.\n\n\
             More than 500 news outlets were there.\n\n\
             One headline [ INSIGHT]| Another headline [VIDEO]\n\nA review of a thing [Video]\n\n\
             More Great Outlet Stories Other headline one Other headline two\n\nTail\n"
        );
        let known = Known {
            title: Some("Milan Design Week | Anastassiades’ lights"),
            ..Known::default()
        };
        assert_eq!(
            paragraphs(&text, known),
            [
                first,
                "By the end of the week, the show had closed.",
                "More than 500 news outlets were there."
            ]
        );
    }

    #[test]
    fn a_heading_early_in_the_article_stays() {
        let text = "Related\n\nFirst paragraph.\n";
        assert_eq!(
            paragraphs(text, Known::default()),
            ["Related", "First paragraph."]
        );
    }
}
