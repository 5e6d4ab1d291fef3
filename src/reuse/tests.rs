//! Retold sentences on small corpora: found when rewritten with shared wording, left alone
//! when only common phrases are shared, capped when a text is copied many times.

use super::*;
use crate::corpus::articles_of;

/// The retold pairs of `texts` (one article each) as `(a's text, b's text)`.
fn retold(texts: &[&str]) -> Vec<(String, String)> {
    let articles: Vec<Article> = texts
        .iter()
        .enumerate()
        .flat_map(|(i, text)| articles_of(&format!("{i}.txt"), text.as_bytes()))
        .collect();
    find(&articles)
        .iter()
        .map(|r| {
            let text = |p: &Passage| articles[p.article].text[p.range.clone()].to_owned();
            (text(&r.a), text(&r.b))
        })
        .collect()
}

const AXIOS: &str = "Israel objected to the talks.\n\
    The call happened several hours after Boehler met in Doha with Khalil al-Hayya, one of the most senior political officials.\n\
    The weather in the region was mild for the season, observers noted.";

const RETOLD: &str = "Officials were angry.\n\
    The contentious call came just hours after the American envoy met in Doha with Khalil al-Hayya, a senior political official.\n\
    Markets in Europe closed higher on Friday after a quiet session.";

#[test]
fn a_rewritten_sentence_is_found_and_nothing_else() {
    assert_eq!(
        retold(&[AXIOS, RETOLD]),
        [(
            "The call happened several hours after Boehler met in Doha with Khalil al-Hayya, one of the most senior political officials.".to_owned(),
            "The contentious call came just hours after the American envoy met in Doha with Khalil al-Hayya, a senior political official.".to_owned()
        )]
    );
}

#[test]
fn a_common_phrase_alone_is_no_retelling() {
    let a = "Witkoff said Washington is determined to release all of the hostages held in Gaza.";
    let b = "Hamas did not agree to release all of the hostages, but it freed three of them.";
    assert!(retold(&[a, b]).is_empty());
}

#[test]
fn the_same_quotation_in_two_framings_is_retold() {
    let a = "“I am sending Israel everything it needs to finish the job; not a single Hamas member will be safe if you don’t do as I say,” Trump warned.";
    let b = "Trump declared that “not a single Hamas member will be safe” unless the hostages were freed.";
    assert_eq!(retold(&[a, b]).len(), 1);
}

#[test]
fn copies_pair_with_a_few_earlier_sources_only() {
    let copies = vec![AXIOS; 10];
    let found = retold(&copies);
    // Each of the 3 sentences of copies 1..10 pairs with at most MAX_SOURCES earlier ones.
    let expected: usize = (1..10).map(|i: usize| 3 * i.min(MAX_SOURCES)).sum();
    assert_eq!(found.len(), expected);
    assert!(found.iter().all(|(a, b)| a == b));
}

fn side<'a>(words: &'a [Box<str>], quoted: &'a [bool]) -> Side<'a> {
    Side {
        words,
        quoted: &quoted[..words.len()],
    }
}

#[test]
fn runs_and_similarity() {
    let w = |text: &str| words(text, 0..text.len()).0;
    let (a, b) = (w("a b c d e"), w("x b c d y"));
    let quoted = [true; 8];
    assert_eq!(longest_runs(&side(&a, &quoted), &side(&b, &quoted)), (3, 3));
    let (a, b) = (w("of the a b"), w("x of the y"));
    assert_eq!(longest_runs(&side(&a, &quoted), &side(&b, &quoted)), (2, 0));
    let (a, b) = (
        w("Hamas member will be safe"),
        w("no Hamas member will be safe"),
    );
    assert_eq!(longest_runs(&side(&a, &quoted), &side(&b, &quoted)), (5, 5));
    assert_eq!(w("We’re in the U.S."), w("we're in the US"));
    let one = |_: &str| 1.0;
    let score = similarity(
        &w("Boehler met Hamas in Doha"),
        &w("Boehler met Hamas in Qatar today"),
        &one,
    );
    assert!((score - 0.75).abs() < 1e-9, "{score}");
}
