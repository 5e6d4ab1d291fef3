//! Helpers for the unit tests: a small indexed corpus from a gazetteer and some texts.

use crate::corpus::{Article, articles_of};
use crate::gazetteer::{Gazetteer, LayerSource};
use crate::index::Index;
use crate::matcher::Matcher;

/// Loads `gazetteer` (JSON), reads each text as one file, and indexes the mentions.
pub(crate) fn indexed(gazetteer: &str, texts: &[&str]) -> (Vec<Article>, Index, Gazetteer) {
    let layer = LayerSource {
        label: "test".into(),
        bytes: gazetteer.as_bytes().to_vec(),
    };
    let gazetteer = Gazetteer::load(&[layer]).expect("test gazetteers are valid");
    let matcher = Matcher::new(&gazetteer).expect("test gazetteers compile");
    let articles: Vec<Article> = texts
        .iter()
        .flat_map(|text| articles_of("t.txt", text.as_bytes()))
        .collect();
    let index = Index::build(&articles, &matcher, gazetteer.entities.len());
    (articles, index, gazetteer)
}
