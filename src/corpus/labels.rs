//! How each source is named, the same in the reader and in every report: its outlet when
//! known, else its title cut short; sources that would share a name are told apart by their
//! dates when those differ, else by a number.

use super::Article;
use std::collections::HashMap;
use unicode_width::UnicodeWidthStr;

/// The widest a title-made label gets.
const TITLE_WIDTH: usize = 28;

/// The label of every article, in order.
pub fn labels(articles: &[Article]) -> Vec<String> {
    let bases: Vec<String> = articles.iter().map(base).collect();
    let mut groups: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, label) in bases.iter().enumerate() {
        groups.entry(label.as_str()).or_default().push(i);
    }
    let mut out = bases.clone();
    for (label, members) in groups {
        if members.len() < 2 {
            continue;
        }
        let dates: Vec<Option<String>> = members
            .iter()
            .map(|&i| articles[i].metadata.date.as_deref().map(short_date))
            .collect();
        let distinct = dates.iter().all(Option::is_some) && {
            let mut seen: Vec<&Option<String>> = dates.iter().collect();
            seen.sort();
            seen.dedup();
            seen.len() == dates.len()
        };
        for (k, &i) in members.iter().enumerate() {
            out[i] = match &dates[k] {
                Some(date) if distinct => format!("{label} · {date}"),
                _ => format!("{label} · {}", k + 1),
            };
        }
    }
    out
}

/// A source's label with its title: “outlet — title” when the label is the outlet, else
/// the title in full (the label is cut from it), with the label's number or date when it has
/// one.
pub fn full_label(article: &Article, label: &str) -> String {
    let base = base(article);
    let suffix = label.strip_prefix(base.as_str()).unwrap_or("");
    if has_outlet(article) {
        format!("{label} — {}", shortened(&article.title))
    } else if base == article.title.trim() || article.title.trim().is_empty() {
        label.to_owned()
    } else {
        format!("{}{suffix}", shortened(article.title.trim()))
    }
}

/// The most characters of a title in a label: a text on one huge line is its own title, which
/// would otherwise be drawn (and measured) whole on every frame.
pub(super) const MAX_LABEL_TITLE_CHARS: usize = 200;

/// `title`, or its first [`MAX_LABEL_TITLE_CHARS`] characters and `…`.
fn shortened(title: &str) -> std::borrow::Cow<'_, str> {
    match title.char_indices().nth(MAX_LABEL_TITLE_CHARS) {
        Some((cut, _)) => format!("{}…", title[..cut].trim_end()).into(),
        None => title.into(),
    }
}

fn has_outlet(article: &Article) -> bool {
    article
        .metadata
        .outlet
        .as_deref()
        .is_some_and(|o| !o.trim().is_empty())
}

/// The outlet, else the title cut at a word to [`TITLE_WIDTH`] columns, else the file name.
fn base(article: &Article) -> String {
    if let Some(outlet) = article
        .metadata
        .outlet
        .as_deref()
        .filter(|_| has_outlet(article))
    {
        return outlet.trim().to_owned();
    }
    let title = article.title.trim();
    if title.is_empty() || title == "(empty article)" {
        return article
            .file
            .rsplit('/')
            .next()
            .unwrap_or(&article.file)
            .to_owned();
    }
    // Measured on its first characters only: a text on one huge line is its own title.
    shorten(&shortened(title), TITLE_WIDTH)
}

/// `text` cut at a word boundary to at most `width` columns, with an ellipsis when cut.
fn shorten(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let mut kept = String::new();
    for word in text.split_whitespace() {
        let next = if kept.is_empty() {
            word.to_owned()
        } else {
            format!("{kept} {word}")
        };
        if next.width() + 1 > width {
            break;
        }
        kept = next;
    }
    if kept.is_empty() {
        // One long word: cut it by characters.
        for c in text.chars() {
            if kept.width() + c.to_string().width() + 1 > width {
                break;
            }
            kept.push(c);
        }
        return kept + "…";
    }
    kept.trim_end_matches([',', ';', ':', '.', '—', '-'])
        .to_owned()
        + "…"
}

/// `YYYY-MM-DD` as `Mon D`; anything else as it is.
fn short_date(date: &str) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let mut parts = date.splitn(3, '-');
    let (Some(_), Some(month), Some(day)) = (parts.next(), parts.next(), parts.next()) else {
        return date.to_owned();
    };
    match (month.parse::<usize>(), day.parse::<u32>()) {
        (Ok(m @ 1..=12), Ok(d)) => format!("{} {d}", MONTHS[m - 1]),
        _ => date.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::articles_of;

    fn article(file: &str, title: &str, outlet: Option<&str>, date: Option<&str>) -> Article {
        let mut article = articles_of(file, format!("{title}\nbody\n").as_bytes()).remove(0);
        article.file = file.into();
        article.title = title.to_owned();
        let metadata = std::sync::Arc::make_mut(&mut article.metadata);
        metadata.outlet = outlet.map(str::to_owned);
        metadata.date = date.map(str::to_owned);
        article
    }

    #[test]
    fn labels_fit_and_tell_sources_apart() {
        let table: &[(&[Article], &[&str])] = &[
            (
                &[article("a.txt", "Talks begin", Some("Axios"), None)],
                &["Axios"],
            ),
            (
                &[article(
                    "001_080e800688616bee.txt",
                    "Progress was reported Thursday in newly revealed talks",
                    None,
                    None,
                )],
                &["Progress was reported…"],
            ),
            (
                &[
                    article("a.txt", "One", Some("Axios"), Some("2025-03-05")),
                    article("b.txt", "Two", Some("Axios"), Some("2025-03-07")),
                ],
                &["Axios · Mar 5", "Axios · Mar 7"],
            ),
            (
                &[
                    article("a.txt", "One", Some("Axios"), Some("2025-03-05")),
                    article("b.txt", "Two", Some("Axios"), Some("2025-03-05")),
                    article("c.txt", "Three", Some("Reuters"), None),
                ],
                &["Axios · 1", "Axios · 2", "Reuters"],
            ),
            (&[article("dir/x.txt", "", None, None)], &["x.txt"]),
        ];
        for (articles, expected) in table {
            assert_eq!(&labels(articles), expected);
        }
    }

    /// Naming a source is drawn on every frame: its cost must not grow with a title that is a
    /// whole text on one line (the best of several timings, compared as a generous ratio).
    #[test]
    fn naming_a_source_costs_the_same_whatever_its_title_length() {
        let cost = |words: usize| {
            let article = article("a.txt", &"word ".repeat(words), None, None);
            let label = labels(std::slice::from_ref(&article)).remove(0);
            crate::testing::best_time(|| {
                for _ in 0..20 {
                    std::hint::black_box(full_label(&article, &label));
                }
            })
        };
        let (short, long) = (cost(1_000), cost(1_000_000));
        assert!(
            long < short * 50,
            "{short:?} for 1,000 words, {long:?} for 1,000,000"
        );
    }
}
