//! Any bytes as a gazetteer: an error or a gazetteer, never a panic; a loaded gazetteer always
//! compiles into a matcher, and every surface form belongs to one entity.

#![no_main]

use gazette::gazetteer::{Gazetteer, LayerSource};
use gazette::matcher::Matcher;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let layer = LayerSource {
        label: "fuzz.json".into(),
        bytes: bytes.to_vec(),
    };
    match Gazetteer::load(&[layer]) {
        Ok(gazetteer) => {
            assert!(gazetteer.surfaces.iter().all(|s| (s.entity as usize) < gazetteer.entities.len()));
            assert!(gazetteer.surfaces.iter().all(|s| !s.text.is_empty()));
            Matcher::new(&gazetteer).expect("a valid gazetteer compiles");
        }
        Err(error) => assert!(!error.to_string().is_empty()),
    }
});
