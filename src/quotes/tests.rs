//! The attribution patterns, one table row each: a paragraph or two, and who says each piece.

use super::*;
use crate::testing::indexed;

const GAZETTEER: &str = r#"{"entities": [
    {"id": "trump", "name": "Donald Trump", "kind": "person", "aliases": ["Trump"]},
    {"id": "witkoff", "name": "Steve Witkoff", "kind": "person", "aliases": ["Witkoff"]},
    {"id": "boehler", "name": "Adam Boehler", "kind": "person", "aliases": ["Boehler"]},
    {"id": "bruce", "name": "Tammy Bruce", "kind": "person"},
    {"id": "alexander", "name": "Edan Alexander", "kind": "person", "aliases": ["Alexander"]},
    {"id": "hamas", "name": "Hamas", "kind": "organization"},
    {"id": "pmo", "name": "Prime Minister’s Office", "kind": "organization", "aliases": ["PMO", "Prime Minister’s office"]},
    {"id": "reuters", "name": "Reuters", "kind": "organization"},
    {"id": "truth", "name": "Truth Social", "kind": "organization"},
    {"id": "israel", "name": "Israel", "kind": "place"}
]}"#;

/// Each piece of `text` as `words=speaker`, the speaker being an entity id, `(words)` for an
/// unnamed one, or `?`.
fn pieces(text: &str) -> Vec<String> {
    let (articles, index, gazetteer) = indexed(GAZETTEER, &[text]);
    let article = &articles[0];
    find(&article.text, index.mentions(0), &gazetteer)
        .iter()
        .map(|p| {
            let speaker = match (p.speaker, p.speaker_text()) {
                (Some(e), _) => gazetteer.entity(e).id.clone(),
                (None, Some(words)) => format!("({})", &article.text[words]),
                (None, None) => "?".to_owned(),
            };
            format!("{}={speaker}", &article.text[p.range()])
        })
        .collect()
}

#[test]
fn speakers_named_around_the_quotation() {
    let cases: &[(&str, &[&str])] = &[
        // The speaker after the quotation, before or after the verb.
        (
            "“We are talking,” Witkoff said.",
            &["We are talking,=witkoff"],
        ),
        ("“We are talking,” said Trump.", &["We are talking,=trump"]),
        (
            "“We are talking,” Trump told reporters on Friday.",
            &["We are talking,=trump"],
        ),
        (
            "“Leave now,” Trump wrote on Truth Social.",
            &["Leave now,=trump"],
        ),
        (
            "“It is over,” according to Reuters.",
            &["It is over,=reuters"],
        ),
        (
            "“We wait and see” with the rest of the deal, said Trump.",
            &["We wait and see=trump"],
        ),
        (
            "\"Straight marks,\" Boehler said.",
            &["Straight marks,=boehler"],
        ),
        (
            "Boehler left. “No,” the spokesman said.",
            &["No,=(the spokesman)"],
        ),
        (
            "“Talks go well,” Boehler, who leads the team, told CNN.",
            &["Talks go well,=boehler"],
        ),
        (
            "“No comment,” a spokesperson for Hamas said.",
            &["No comment,=hamas"],
        ),
        (
            "“We will win,” said Jane Doe, an analyst.",
            &["We will win,=(Jane Doe)"],
        ),
        (
            "“I am not leaving,” Trump said, “and I never will.”",
            &["I am not leaving,=trump", "and I never will.=trump"],
        ),
        // The speaker before it.
        (
            "Boehler told CNN on Sunday that “talks are going well.”",
            &["talks are going well.=boehler"],
        ),
        (
            "Officials said the talks “are going nowhere.”",
            &["are going nowhere.=(Officials)"],
        ),
        (
            "Asked about it, Witkoff said only: “We will see.”",
            &["We will see.=witkoff"],
        ),
        (
            "Trump told reporters: “We will see.”",
            &["We will see.=trump"],
        ),
        ("Witkoff said, “It is time.”", &["It is time.=witkoff"]),
        (
            "According to Reuters, “talks have stalled for now.”",
            &["talks have stalled for now.=reuters"],
        ),
        (
            "The State Department agreed, with spokesperson Tammy Bruce saying, “Aid waits.”",
            &["Aid waits.=bruce"],
        ),
        (
            "Boehler commented on the talks, saying, “You will see.”",
            &["You will see.=boehler"],
        ),
    ];
    check(cases);
}

#[test]
fn speakers_resolved_and_pieces_split() {
    let cases: &[(&str, &[&str])] = &[
        // Pronouns: the person last named as a subject, not the last name.
        (
            "Trump met Alexander. “We talk,” he said.",
            &["We talk,=trump"],
        ),
        (
            "Witkoff defended the talks, saying they are within Boehler’s remit.\n“It was right,” he said.",
            &["It was right,=witkoff"],
        ),
        // Unnamed sources are anonymous, not the nearest name.
        (
            "Trump spoke. “We do not know,” said a PMO official.",
            &["We do not know,=(a PMO official)"],
        ),
        (
            "“Talks went nowhere,” the former Trump adviser said.",
            &["Talks went nowhere,=(the former Trump adviser)"],
        ),
        (
            "Boehler left. Sources described the call as “difficult.”",
            &["difficult.=(Sources)"],
        ),
        (
            "Hamas representatives charged that threats were “encouraging” Israel.",
            &["encouraging=hamas"],
        ),
        (
            "The Prime Minister’s office said in a statement: “Israel spoke.”",
            &["Israel spoke.=pmo"],
        ),
        // A quotation interrupted by its attribution, and one running over paragraphs.
        (
            "“We talk,” he continued. “You have to negotiate.”",
            &["We talk,=(he)", "You have to negotiate.=(he)"],
        ),
        (
            "Trump spoke. “One,” he said. “Two.”\n“Three runs on\n“and ends.”",
            &[
                "One,=trump",
                "Two.=trump",
                "Three runs on=trump",
                "and ends.=trump",
            ],
        ),
        // Several quotations in one sentence share the speaker.
        (
            "Witkoff left. He said “good action by Hamas” would “get them capital,” and stressed a “deadline”.",
            &[
                "good action by Hamas=witkoff",
                "get them capital,=witkoff",
                "deadline=witkoff",
            ],
        ),
        // "Trump’s envoy": the person last named other than Trump.
        (
            "Witkoff spoke. Trump’s envoy said that “some action will be taken” soon.",
            &["some action will be taken=witkoff"],
        ),
        // Titles and scare quotes are not quotations.
        ("The “Witkoff proposal” he unveiled envisions a truce.", &[]),
        ("Trump proposed a U.S. “takeover” of Gaza.", &[]),
    ];
    check(cases);
}

fn check(cases: &[(&str, &[&str])]) {
    for (text, expected) in cases {
        assert_eq!(pieces(text), *expected, "{text}");
    }
}

/// Past its budget a corpus keeps its first quotations in reading order, and says so; the
/// text after the one past the budget is not read.
#[test]
fn quotations_past_the_budget_are_left_out_and_told() {
    let text = "“We talk,” Trump said.\n“We wait,” Witkoff said.\n_____\n“Yes,” Trump said.";
    let (articles, index, gazetteer) = indexed(GAZETTEER, &[text]);
    let whole = Quotations::find(&articles, &index, &gazetteer);
    assert_eq!(whole.left_out_message(), None);
    let all: Vec<Vec<Piece>> = (0..2).map(|a| whole.of_article(a).to_vec()).collect();
    assert_eq!((all[0].len(), all[1].len()), (2, 1));
    for (budget, kept) in [(3, [2, 1]), (2, [2, 0]), (1, [1, 0]), (0, [0, 0])] {
        let cut = Quotations::find_within(&articles, &index, &gazetteer, budget);
        for article in 0..2 {
            assert_eq!(cut.of_article(article), &all[article][..kept[article]]);
        }
        let message = cut.left_out_message();
        assert_eq!(message.is_some(), budget < 3, "budget {budget}");
        if let Some(message) = message {
            assert!(message.starts_with(&format!("quotations past the first {budget} ")));
            assert!(message.ends_with("`gazette quotes` lists them all"));
        }
    }
    let (pieces, more) = find_at_most(&articles[0].text, index.mentions(0), &gazetteer, 1);
    assert_eq!((pieces, more), (all[0][..1].to_vec(), true));
    let (pieces, more) = find_at_most(&articles[0].text, index.mentions(0), &gazetteer, 2);
    assert_eq!((pieces, more), (all[0].clone(), false));
}

/// A paragraph of megabytes (a file on one line) is read a stretch at a time, cut after a
/// sentence's end: every quotation is still found, with its speaker.
#[test]
fn a_huge_paragraph_is_read_in_stretches_and_loses_no_quotation() {
    let sentence = "“We talk,” Trump said. ";
    let repeats = 2 * PARAGRAPH_BYTES / sentence.len() + 10;
    let text = sentence.repeat(repeats);
    let found = pieces(&text);
    assert_eq!(found.len(), repeats);
    assert!(
        found.iter().all(|p| p == "We talk,=trump"),
        "{:?}",
        &found[..3]
    );
}

/// Read a stretch of lines at a time, with the mentions of each, a text gives the pieces it
/// gives read whole: the people named and the last speaker carry from one to the next.
#[test]
fn pieces_read_a_stretch_at_a_time_are_those_read_whole() {
    let text = "“We talk,” Trump said.\n“We wait,” he said.\n“Yes.”\nWitkoff met Hamas.\n\
                “No,” Witkoff said. “Later.”\n“Fine,” he added.\n"
        .repeat(20);
    let (articles, index, gazetteer) = indexed(GAZETTEER, &[text.as_str()]);
    let article = &articles[0];
    let whole = find(&article.text, index.mentions(0), &gazetteer);
    let matcher = crate::matcher::Matcher::new(&gazetteer).unwrap();
    for stretch in [1, 30, 100, 1000, text.len()] {
        let mut read = Vec::new();
        let with = (&gazetteer, &matcher);
        for_each_piece(&article.text, with, stretch, |piece| {
            read.push(piece.clone());
            Ok::<(), ()>(())
        })
        .unwrap();
        assert_eq!(read, whole, "stretches of {stretch} bytes");
    }
}
