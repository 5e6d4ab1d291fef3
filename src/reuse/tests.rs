//! Retold sentences on small corpora: found when rewritten with shared wording, left alone
//! when only common phrases are shared, capped when a text is copied many times.

use super::*;
use crate::corpus::articles_of;
use words::Vocabulary;

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
fn a_whole_short_quotation_framed_two_ways_is_retold() {
    let a = "Trump issued an ultimatum to Hamas, threatening “hell to pay” if hostages stay.";
    let b = "His approach differs, including repeatedly threatening “hell to pay” for Hamas.";
    assert_eq!(retold(&[a, b]).len(), 1);
    let a = "The plan would mean hell to pay for everyone in the region, he wrote.";
    let b = "Observers said the government faced hell to pay after the vote.";
    assert!(
        retold(&[a, b]).is_empty(),
        "unquoted, it is a common phrase"
    );
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

fn side<'a>(words: &'a [Word], quote: &'a [u32]) -> Side<'a> {
    Side {
        words,
        quote: &quote[..words.len()],
    }
}

#[test]
fn runs_and_similarity() {
    let mut vocabulary = Vocabulary::default();
    let mut w = |text: &str| {
        let mut words = Vec::new();
        vocabulary.split(text, 0..text.len(), &mut words, &mut Vec::new());
        words
    };
    let quoted = [1; 8];
    let pairs = [
        ("a b c d e", "x b c d y", (3, 0)),
        ("of the a b", "x of the y", (2, 0)),
        (
            "Hamas member will be safe",
            "no Hamas member will be safe",
            (5, 5),
        ),
        ("it’s time for them to", "and it's time for them", (4, 0)),
    ];
    let stop = [
        "of", "the", "it's", "for", "them", "to", "and", "be", "will", "no",
    ]
    .map(&mut w);
    let content = |word: Word| !stop.iter().any(|s| s[0] == word);
    for (a, b, runs) in pairs {
        let (a, b) = (w(a), w(b));
        assert_eq!(
            longest_runs(&side(&a, &quoted), &side(&b, &quoted), content),
            runs
        );
    }
    assert_eq!(w("We’re in the U.S."), w("we're in the US"));
    let (a, b, stop) = (
        w("Boehler met Hamas in Doha"),
        w("Boehler met Hamas in Qatar today"),
        w("in")[0],
    );
    let score = similarity(&a, &b, |word| word != stop, |_| 1.0);
    assert!((score - 0.75).abs() < 1e-9, "{score}");
}

#[test]
fn source_pairs_group_the_pairs_of_two_articles_most_shared_first() {
    let pair = |a: usize, b: usize, start: usize| Retold {
        a: Passage {
            article: a,
            range: start..start + 1,
        },
        b: Passage {
            article: b,
            range: start..start + 1,
        },
        similarity: 0.5,
    };
    let found = [pair(0, 1, 0), pair(0, 2, 0), pair(0, 2, 5), pair(1, 2, 0)];
    let groups = source_pairs(&found);
    let summary: Vec<(usize, usize, Range<usize>)> =
        groups.into_iter().map(|g| (g.a, g.b, g.pairs)).collect();
    assert_eq!(summary, [(0, 2, 1..3), (0, 1, 0..1), (1, 2, 3..4)]);
    assert!(source_pairs(&[]).is_empty());
}
