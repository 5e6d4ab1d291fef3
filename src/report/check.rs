//! `gazette check`: the gazetteer layers and their conflicts; with articles, the entities
//! never mentioned and the surface forms always hidden inside longer mentions.

use crate::corpus::Article;
use crate::gazetteer::{Gazetteer, Kind};
use crate::index::Index;
use std::io::{self, Write};

/// `gazette check`: the layers, their sizes, and every surface form claimed twice.
pub fn check<W: Write>(out: &mut W, gazetteer: &Gazetteer) -> io::Result<()> {
    for (layer, label) in gazetteer.layers.iter().enumerate() {
        let surfaces = gazetteer
            .surfaces
            .iter()
            .filter(|s| s.layer == layer)
            .count();
        writeln!(
            out,
            "layer {}: {label}: {surfaces} surface forms",
            layer + 1
        )?;
    }
    let kinds: Vec<String> = Kind::ALL
        .iter()
        .map(|&kind| {
            let count = gazetteer.entities.iter().filter(|e| e.kind == kind).count();
            format!("{count} {kind}")
        })
        .collect();
    writeln!(
        out,
        "merged: {} entities ({}), {} surface forms",
        gazetteer.entities.len(),
        kinds.join(", "),
        gazetteer.surfaces.len()
    )?;
    if gazetteer.conflicts.is_empty() {
        return writeln!(out, "conflicts: none");
    }
    writeln!(
        out,
        "conflicts: {} surface forms claimed by two entities",
        gazetteer.conflicts.len()
    )?;
    for conflict in &gazetteer.conflicts {
        let kept = gazetteer.entity(conflict.kept);
        let lost = gazetteer.entity(conflict.lost);
        writeln!(
            out,
            "  \"{}\": matches {} ({}); {} ({}) loses it [decided in {}]",
            conflict.surface,
            kept.id,
            kept.name,
            lost.id,
            lost.name,
            gazetteer.layers[conflict.layer]
        )?;
    }
    Ok(())
}

/// `gazette check PATH...`: entities never mentioned, surface forms always hidden inside
/// longer mentions.
pub fn check_corpus<W: Write>(
    out: &mut W,
    articles: &[Article],
    index: &Index,
    gazetteer: &Gazetteer,
) -> io::Result<()> {
    writeln!(
        out,
        "articles: {}, mentions: {}",
        articles.len(),
        index.mention_count()
    )?;
    let mentioned = |e: usize| index.total(crate::text::to_u32(e)) > 0;
    // A built-in layer about another story (fewer than one in four of its entities named) is
    // spoken of once, not entity by entity.
    let built_in = gazetteer.built_in_entities();
    let named = built_in.iter().filter(|&&e| mentioned(e)).count();
    let built_in_unused = !built_in.is_empty() && named * 4 < built_in.len();
    if built_in_unused {
        writeln!(
            out,
            "{}: {named} of its {} entities mentioned: it is about another story, and the \
             others are not listed below (--no-default-gazetteer leaves it out)",
            crate::gazetteer::BUILT_IN_LABEL,
            built_in.len()
        )?;
    }
    let silent: Vec<&crate::gazetteer::Entity> = (0..gazetteer.entities.len())
        .filter(|&e| !(mentioned(e) || built_in_unused && built_in.binary_search(&e).is_ok()))
        .map(|e| &gazetteer.entities[e])
        .collect();
    writeln!(out, "entities never mentioned: {}", silent.len())?;
    for entity in &silent {
        writeln!(out, "  {} ({})", entity.id, entity.name)?;
    }
    let shadowed = crate::insight::shadowed_surfaces(articles, index, gazetteer);
    writeln!(
        out,
        "surface forms found only inside longer mentions: {}",
        shadowed.len()
    )?;
    for (surface, occurrences) in &shadowed {
        let entity = gazetteer.entity(surface.entity);
        writeln!(
            out,
            "  \"{}\" ({}): found {occurrences} {}, each inside a longer mention",
            surface.text,
            entity.id,
            if *occurrences == 1 { "time" } else { "times" }
        )?;
    }
    Ok(())
}
