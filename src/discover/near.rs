//! The near-miss index: the known surface forms by the hashes of their one-deletion variants,
//! so that finding the known form one edit from a run of words costs a few lookups.
//!
//! Building it allocates no string per variant: each variant's hash is computed from the two
//! halves around the deleted character, the (hash, form) pairs are packed into one `u64` each,
//! and sorted on every core, so a gazetteer of hundreds of thousands of aliases is indexed in a
//! fraction of a second. A hash names candidates only; each is confirmed by
//! [`one_edit_apart`].

use crate::gazetteer::Gazetteer;
use crate::work;

/// Near-misses are sought only for names of at least this many letters.
pub const NEAR_MISS_MIN_LETTERS: usize = 6;

/// Surface forms per piece of work while building.
const CHUNK: usize = 16 * 1024;

/// Known surface forms by the hashes of their one-deletion variants (lowercase).
pub(super) struct NearMissIndex<'a> {
    gazetteer: &'a Gazetteer,
    /// Shards by hash; in each, `hash << 32 | position` sorted, so the forms of one hash are a
    /// contiguous run.
    shards: Vec<Vec<u64>>,
}

impl<'a> NearMissIndex<'a> {
    pub(super) fn new(gazetteer: &'a Gazetteer) -> Self {
        let shard_count = work::threads().max(1);
        let chunks: Vec<std::ops::Range<usize>> = (0..gazetteer.surfaces.len())
            .step_by(CHUNK)
            .map(|start| start..(start + CHUNK).min(gazetteer.surfaces.len()))
            .collect();
        let pieces = work::parallel_map(&chunks, |chunk| {
            let mut shards = vec![Vec::new(); shard_count];
            for position in chunk.clone() {
                let text = &gazetteer.surfaces[position].text;
                if letters(text) < NEAR_MISS_MIN_LETTERS {
                    continue;
                }
                let position = u32::try_from(position).expect("fewer than 2^32 surface forms");
                for_each_variant_hash(&text.to_lowercase(), |hash| {
                    shards[shard_of(hash, shard_count)].push(pack(hash, position));
                });
            }
            shards
        });
        let numbers: Vec<usize> = (0..shard_count).collect();
        let shards = work::parallel_map(&numbers, |&shard| {
            let mut entries: Vec<u64> = pieces
                .iter()
                .flat_map(|piece| piece[shard].iter().copied())
                .collect();
            entries.sort_unstable();
            entries.dedup();
            entries
        });
        NearMissIndex { gazetteer, shards }
    }

    /// The position of the known surface form one edit from `text`, if there is one and
    /// `text` is not itself a known form.
    pub(super) fn closest(&self, text: &str) -> Option<usize> {
        if letters(text) < NEAR_MISS_MIN_LETTERS {
            return None;
        }
        let lower = text.to_lowercase();
        let mut found = None;
        for_each_variant_hash(&lower, |hash| {
            if found.is_some() {
                return;
            }
            found = self.forms_of(hash).find(|&position| {
                let known = self.gazetteer.surfaces[position].text.to_lowercase();
                known != lower && one_edit_apart(&known, &lower)
            });
        });
        found
    }

    /// The positions of the forms with a variant of hash `hash`.
    fn forms_of(&self, hash: u32) -> impl Iterator<Item = usize> + '_ {
        let shard = &self.shards[shard_of(hash, self.shards.len())];
        let low = pack(hash, 0);
        let first = shard.partition_point(|&entry| entry < low);
        shard[first..]
            .iter()
            .take_while(move |&&entry| entry >> 32 == u64::from(hash))
            .map(|&entry| position_of(entry))
    }
}

fn pack(hash: u32, position: u32) -> u64 {
    u64::from(hash) << 32 | u64::from(position)
}

/// The surface form's position packed in `entry`.
fn position_of(entry: u64) -> usize {
    let low = u32::try_from(entry & u64::from(u32::MAX)).expect("the low 32 bits");
    low as usize
}

fn shard_of(hash: u32, shards: usize) -> usize {
    hash as usize % shards
}

/// Calls `found` with the hash of `text` itself, then of each string made by deleting one
/// character of it (in order), without building those strings.
fn for_each_variant_hash(text: &str, mut found: impl FnMut(u32)) {
    found(hash_parts(text.as_bytes(), b""));
    for (at, c) in text.char_indices() {
        let (before, after) = (&text[..at], &text[at + c.len_utf8()..]);
        found(hash_parts(before.as_bytes(), after.as_bytes()));
    }
}

/// FNV-1a over the bytes of `first` then `second`: the hash of their concatenation.
fn hash_parts(first: &[u8], second: &[u8]) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for &byte in first.iter().chain(second) {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash
}

pub(super) fn letters(text: &str) -> usize {
    text.chars().filter(|c| c.is_alphabetic()).count()
}

/// Optimal-string-alignment distance of exactly one: one insertion, deletion, substitution, or
/// swap of two neighbouring characters.
pub(super) fn one_edit_apart(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let (a_rest, b_rest) = (&a[prefix..], &b[prefix..]);
    match (a_rest.len(), b_rest.len()) {
        (0, 0) => false,
        (x, y) if x == y + 1 => a_rest[1..] == *b_rest,
        (x, y) if y == x + 1 => b_rest[1..] == *a_rest,
        (x, y) if x == y => {
            a_rest[1..] == b_rest[1..]
                || (x >= 2
                    && a_rest[0] == b_rest[1]
                    && a_rest[1] == b_rest[0]
                    && a_rest[2..] == b_rest[2..])
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_variant_hash_is_the_hash_of_the_variant() {
        let mut hashes = Vec::new();
        for_each_variant_hash("abé", |hash| hashes.push(hash));
        let expected: Vec<u32> = ["abé", "bé", "aé", "ab"]
            .iter()
            .map(|v| hash_parts(v.as_bytes(), b""))
            .collect();
        assert_eq!(hashes, expected);
    }

    #[test]
    fn finds_the_form_one_edit_away_among_many() {
        let mut entities: Vec<String> = (0..5_000)
            .map(|n| format!(r#"{{"id": "c{n}", "name": "Placename{n}", "kind": "place"}}"#))
            .collect();
        entities.push(r#"{"id": "w", "name": "Steve Witkoff", "kind": "person"}"#.to_owned());
        let json = format!(r#"{{"entities": [{}]}}"#, entities.join(","));
        let gazetteer = crate::testing::indexed(&json, &[]).2;
        let index = NearMissIndex::new(&gazetteer);
        let form = |text: &str| index.closest(text).map(|p| &gazetteer.surfaces[p].text);
        assert_eq!(
            form("Steve Wiktoff").map(String::as_str),
            Some("Steve Witkoff")
        );
        assert_eq!(
            form("Placename417x").map(String::as_str),
            Some("Placename417")
        );
        let own = form("Placename417").map(String::as_str);
        assert_eq!(own, Some("Placename1417"), "not the form itself");
        assert_eq!(form("Somewhere else"), None);
    }
}
