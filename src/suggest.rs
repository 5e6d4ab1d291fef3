//! Suggested entities: the people, organizations and places the articles name that no
//! gazetteer layer covers, each once with every form the corpus uses, a kind and a
//! description, written as a gazetteer (`gazette gazetteer suggest`).
//!
//! The articles are read in one pass ([`scan`]): capitalised runs, cut at titles, dashes and
//! punctuation, with what their contexts say. The forms are then judged over the whole corpus
//! ([`group`]): ordinary words that open sentences, shouted words and demonyms are left out,
//! the forms of one referent are joined, and each entity gets the kind the corpus and the
//! built-in reference lists ([`reference`]) most support.

mod group;
mod reference;
mod scan;
pub mod shown;
mod tokens;
mod words;

pub use group::Suggestion;

use crate::corpus::Article;
use crate::gazetteer::{Entity, EntityId, Gazetteer, Surface, slug};
use crate::index::Index;
use crate::work;
use rustc_hash::FxHashSet;
use std::io::{self, Write};
use std::ops::Range;

/// The entities the articles name outside the mentions `index` already holds, most
/// mentioned first, without those whose name a layer of `gazetteer` already has.
pub fn suggest(articles: &[Article], index: &Index, gazetteer: &Gazetteer) -> Vec<Suggestion> {
    // Pieces of articles (a huge article is scanned in pieces, on every thread), in order.
    let pieces: Vec<(usize, Range<usize>)> = articles
        .iter()
        .enumerate()
        .flat_map(|(number, article)| {
            scan::pieces(&article.text)
                .into_iter()
                .map(move |piece| (number, piece))
        })
        .collect();
    let threads = work::threads();
    let per_stretch = pieces.len().div_ceil(threads * 4).max(1);
    let stretches: Vec<&[(usize, Range<usize>)]> = pieces.chunks(per_stretch).collect();
    let mut found = scan::Found::default();
    // A stretch on each thread at a time, merged as they end: each holds up to
    // `scan::MOST_CANDIDATES` names until then.
    for wave in stretches.chunks(threads) {
        let parts = work::parallel_map(wave, |stretch| {
            let mut found = scan::Found::default();
            for (number, piece) in *stretch {
                let (text, known) = (&articles[*number].text, index.mentions(*number));
                scan::scan(&mut found, *number, text, piece.clone(), known);
            }
            found
        });
        for part in parts {
            found.merge(part);
        }
    }
    let known: FxHashSet<&str> = gazetteer.surfaces.iter().map(|s| s.text.as_str()).collect();
    group::entities(&found)
        .into_iter()
        .filter(|suggestion| !known.contains(suggestion.name.as_str()))
        .map(|mut suggestion| {
            suggestion
                .aliases
                .retain(|alias| !known.contains(alias.as_str()));
            suggestion
        })
        .collect()
}

/// The suggestions as a gazetteer: one entity each, with a unique id.
pub fn gazetteer(suggestions: &[Suggestion]) -> Gazetteer {
    let mut ids: FxHashSet<String> = FxHashSet::default();
    let mut result = Gazetteer::default();
    for (index, suggestion) in suggestions.iter().enumerate() {
        let base = slug(&suggestion.name, index);
        let mut id = base.clone();
        let mut number = 2;
        while !ids.insert(id.clone()) {
            id = format!("{base}-{number}");
            number += 1;
        }
        let entity = EntityId::try_from(index).expect("fewer than 4 billion suggestions");
        let entity_value = Entity {
            id,
            name: suggestion.name.clone(),
            kind: suggestion.kind,
            aliases: suggestion.aliases.clone(),
            description: suggestion.description.clone(),
            case_insensitive: false,
        };
        for text in entity_value.surfaces() {
            result.surfaces.push(Surface {
                text: crate::text::nfc(text),
                entity,
                layer: 0,
            });
        }
        result.entities.push(entity_value);
    }
    result
}

/// Writes the suggestions as a gazette JSON gazetteer, one entity a line.
pub fn write_json<W: Write>(out: &mut W, suggestions: &[Suggestion]) -> io::Result<()> {
    crate::gazetteer::import::write_json(out, &gazetteer(suggestions))
}
