//! The suggestions as the reader shows them: appended to the confirmed entities, so that
//! they are highlighted, listed and stepped through like any other, and every article matched
//! again under both.

use super::Suggestion;
use crate::corpus::Article;
use crate::error::GazetteerError;
use crate::gazetteer::{EntityId, Gazetteer, Surface};
use crate::index::Index;
use crate::matcher::Matcher;
use rustc_hash::FxHashSet;
use std::sync::Arc;

/// Ids of suggested entities start with this, which no gazetteer id can (ids are slugs or
/// given, and the review writes a new slug when it accepts one).
pub const SUGGESTED_ID: &str = "?";

/// Confirmed entities, then suggested ones, and the mentions of both.
#[derive(Debug)]
pub struct Shown {
    /// The confirmed entities, then the suggestions (from [`Shown::first`] on).
    pub gazetteer: Gazetteer,
    /// Every article's mentions under it (the confirmed ones' own, shared, when there are no
    /// suggestions).
    pub index: Arc<Index>,
    /// The first suggested entity.
    pub first: EntityId,
    /// Suggestions found but not shown, as the corpus is too dense with mentions to match it
    /// a second time within its memory (see [`too_dense`]); none are shown then.
    pub withheld: usize,
}

/// Texts smaller than this are always matched again with the suggestions: what that holds
/// is small beside the program itself.
pub const DENSE_FROM_BYTES: usize = 16 << 20;

/// What the reader holds beside its texts and their mentions, about: the program, its
/// screen and its lists.
const PROGRAM_BYTES: usize = 12 << 20;

/// Whether matching `text` bytes that have `mentions` again with the suggestions would take
/// the reader past 2.4 times its input, for a text of at least `dense_from` bytes. The new
/// mentions are built beside the confirmed ones, which stay shown until they arrive, at 16
/// bytes a mention each (the mention and its place in the index): the text, the mentions
/// twice and the program must stay within the bound. News text, with one mention every 40
/// to 60 bytes even with a gazetteer of every city, is matched again from 16 MiB on; a text
/// of 64 MiB is not past one every 26 bytes.
pub fn too_dense(text: usize, mentions: usize, dense_from: usize) -> bool {
    let peak = text + 2 * 16 * mentions + PROGRAM_BYTES;
    text >= dense_from && peak > text * 12 / 5
}

/// The entities `articles` name beyond `confirmed` (whose mentions `index` holds), less the
/// `rejected` names, shown beside the confirmed ones.
pub fn shown(
    articles: &[Article],
    index: &Arc<Index>,
    confirmed: &Gazetteer,
    rejected: &[String],
) -> Result<Shown, GazetteerError> {
    shown_unless_dense(articles, index, (confirmed, rejected), DENSE_FROM_BYTES)
}

/// [`shown`], withholding the suggestions of a text of at least `dense_from` bytes that is
/// [`too_dense`].
fn shown_unless_dense(
    articles: &[Article],
    index: &Arc<Index>,
    (confirmed, rejected): (&Gazetteer, &[String]),
    dense_from: usize,
) -> Result<Shown, GazetteerError> {
    let suggestions = without_rejected(super::suggest(articles, index, confirmed), rejected);
    let first = EntityId::try_from(confirmed.entities.len()).unwrap_or(EntityId::MAX);
    let text = articles.iter().map(|a| a.text.len()).sum();
    let mentions = index.mention_count() + index.left_out();
    if !suggestions.is_empty() && too_dense(text, mentions, dense_from) {
        return Ok(Shown {
            gazetteer: confirmed.clone(),
            index: Arc::clone(index),
            first,
            withheld: suggestions.len(),
        });
    }
    let gazetteer = appended(confirmed, &suggestions);
    // Without suggestions the mentions are the confirmed ones: matching again would only
    // hold a second copy of them for a while.
    let index = if suggestions.is_empty() {
        Arc::clone(index)
    } else {
        let matcher = Matcher::new(&gazetteer)?;
        Arc::new(Index::build(articles, &matcher, gazetteer.entities.len()))
    };
    Ok(Shown {
        index,
        first,
        gazetteer,
        withheld: 0,
    })
}

/// The suggestions less every rejected name: a rejected name is no suggestion, nor anyone's
/// alias.
fn without_rejected(suggestions: Vec<Suggestion>, rejected: &[String]) -> Vec<Suggestion> {
    let rejected: FxHashSet<&str> = rejected.iter().map(String::as_str).collect();
    suggestions
        .into_iter()
        .filter(|s| !rejected.contains(s.name.as_str()))
        .map(|mut s| {
            s.aliases.retain(|alias| !rejected.contains(alias.as_str()));
            s
        })
        .collect()
}

/// `confirmed` with the suggestions after its entities, in a layer of their own; a form a
/// confirmed entity (or an earlier suggestion) has stays with it.
fn appended(confirmed: &Gazetteer, suggestions: &[Suggestion]) -> Gazetteer {
    let mut gazetteer = confirmed.clone();
    let layer = gazetteer.layers.len();
    gazetteer.layers.push("suggestions".to_owned());
    let mut taken: FxHashSet<String> = confirmed.surfaces.iter().map(|s| s.text.clone()).collect();
    let offset = confirmed.entities.len();
    for (at, mut entity) in super::gazetteer(suggestions)
        .entities
        .into_iter()
        .enumerate()
    {
        let Ok(id) = EntityId::try_from(offset + at) else {
            break;
        };
        entity.id = format!("{SUGGESTED_ID}{}", entity.id);
        for text in entity.surfaces() {
            let text = crate::text::nfc(text);
            if taken.insert(text.clone()) {
                gazetteer.surfaces.push(Surface {
                    text,
                    entity: id,
                    layer,
                });
            }
        }
        gazetteer.entities.push(entity);
    }
    gazetteer
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Kind;

    #[test]
    fn a_text_is_too_dense_to_match_again_when_the_peak_would_pass_the_bound() {
        let mb = 1 << 20;
        for (text, mentions, dense) in [
            (96 * mb, 2_416_414, false),   // Reuters news with the CoNLL gazetteer
            (105 * mb, 6_000_000, true),   // "Article N: Hamas and Israel met in Gaza."
            (24 * mb, 2_000_000, true),    // a mention every 12 bytes
            (24 * mb, 24 * mb / 32, true), // as many as an article keeps: always withheld
            (16 * mb, 16 * mb / 32, true),
            (16 * mb, 16 * mb / 50, false),
            (64 * mb, 2_542_796, false), // a mention every 26.4 bytes
            (64 * mb, 2_542_797, true),
            (mb, mb, false), // small: always matched again
        ] {
            assert_eq!(
                too_dense(text, mentions, DENSE_FROM_BYTES),
                dense,
                "{text} bytes, {mentions} mentions"
            );
        }
    }

    /// Past the bound the suggestions are withheld: nothing is matched again, the confirmed
    /// entities and mentions stay as they are, and the reader is told how many there were.
    #[test]
    fn the_suggestions_of_a_text_too_dense_with_mentions_are_withheld() {
        let text = "Hamas, Gaza, Doha. Adam Boehler met Mark Lowell.\n".repeat(50);
        let (articles, index, confirmed) = crate::testing::indexed(
            r#"{"entities": [{"name": "Hamas", "kind": "organization"},
                {"name": "Gaza", "kind": "place"}, {"name": "Doha", "kind": "place"}]}"#,
            &[text.as_str()],
        );
        let index = Arc::new(index);
        let withheld = shown_unless_dense(&articles, &index, (&confirmed, &[]), 0).unwrap();
        assert!(withheld.withheld >= 2, "{}", withheld.withheld);
        assert!(Arc::ptr_eq(&withheld.index, &index));
        assert_eq!(withheld.gazetteer.entities, confirmed.entities);
        assert_eq!(withheld.first, 3);
        let shown = shown(&articles, &index, &confirmed, &[]).unwrap();
        assert_eq!(shown.withheld, 0, "a small text is matched again");
        assert!(shown.gazetteer.lookup("Adam Boehler")[0] >= 3);
    }

    #[test]
    fn suggestions_come_after_the_confirmed_entities_and_rejected_names_never_return() {
        let text = "Envoy Adam Boehler met Hamas in Doha on Monday. Boehler said the talks in \
                    Doha went well. Reporters asked Mark Lowell about Doha. Lowell said nothing.";
        let (articles, index, confirmed) = crate::testing::indexed(
            r#"{"entities": [{"name": "Hamas", "kind": "organization"}]}"#,
            &[text],
        );
        let index = Arc::new(index);
        let shown = shown(&articles, &index, &confirmed, &[]).unwrap();
        assert_eq!(shown.first, 1);
        assert_eq!(shown.gazetteer.entities[0].name, "Hamas");
        let names: Vec<&str> = shown.gazetteer.entities[1..]
            .iter()
            .map(|e| e.name.as_str())
            .collect();
        assert!(names.contains(&"Adam Boehler"), "{names:?}");
        let boehler = shown.gazetteer.lookup("Boehler")[0];
        assert!(boehler >= shown.first);
        assert!(shown.gazetteer.entity(boehler).id.starts_with(SUGGESTED_ID));
        assert_eq!(shown.gazetteer.entity(boehler).kind, Kind::Person);
        assert_eq!(shown.index.total(boehler), 2, "both forms are matched");
        assert_eq!(
            shown.index.total(0),
            1,
            "the confirmed entity keeps its mention"
        );

        let rejected = ["Adam Boehler".to_owned(), "Lowell".to_owned()];
        let again = super::shown(&articles, &index, &confirmed, &rejected).unwrap();
        let names: Vec<&str> = again
            .gazetteer
            .entities
            .iter()
            .map(|e| e.name.as_str())
            .collect();
        assert!(!names.contains(&"Adam Boehler"), "{names:?}");
        let lowell = again.gazetteer.lookup("Mark Lowell");
        assert!(!lowell.is_empty(), "{names:?}");
        assert!(
            !again
                .gazetteer
                .entity(lowell[0])
                .aliases
                .contains(&"Lowell".to_owned()),
            "a rejected name is no alias either"
        );
    }

    #[test]
    fn without_suggestions_the_confirmed_mentions_are_shared_not_matched_again() {
        let text = "hamas met in doha.\n_____\n";
        let (articles, index, confirmed) = crate::testing::indexed(
            r#"{"entities": [{"name": "Hamas", "kind": "organization"}]}"#,
            &[text],
        );
        let index = Arc::new(index);
        let shown = shown(&articles, &index, &confirmed, &[]).unwrap();
        assert_eq!(shown.gazetteer.entities.len(), 1, "nothing suggested");
        assert!(Arc::ptr_eq(&shown.index, &index));
    }
}
