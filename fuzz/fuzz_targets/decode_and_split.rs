//! Any bytes: cleaning never panics, leaves no control, BiDi or invisible character, is
//! idempotent, maps every cleaned character back inside the input, and splitting into
//! articles keeps the offsets pointing into the file.

#![no_main]

use gazette::corpus::articles_of;
use gazette::text::{clean, is_unsafe_char};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let cleaned = clean(bytes);
    assert!(!cleaned.text.chars().any(|c| c != '\n' && is_unsafe_char(c)));
    assert_eq!(clean(cleaned.text.as_bytes()).text, cleaned.text, "cleaning is idempotent");
    for (at, c) in cleaned.text.char_indices() {
        let source = cleaned.map.source_range(at..at + c.len_utf8());
        assert!(source.start <= source.end && source.end <= bytes.len());
    }
    let articles = articles_of("fuzz.txt", bytes);
    assert!(!articles.is_empty());
    for article in &articles {
        let whole = article.map.source_range(0..article.text.len());
        assert!(whole.end <= bytes.len());
    }
});
