//! Properties of text intake on arbitrary bytes and strings.

use gazette::corpus::articles_of;
use gazette::text::{clean, is_unsafe_char};
use proptest::prelude::*;

/// Strings rich in what cleaning must handle: escapes, C1, BiDi, zero-width, marks, tabs.
fn hostile_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a",
        "Gaza",
        " ",
        "\n",
        "\r\n",
        "\r",
        "\t",
        "\x1b[31m",
        "\x1b]0;t\x07",
        "\x1b",
        "\u{9b}",
        "\u{9d}",
        "\u{202e}",
        "\u{200b}",
        "\u{feff}",
        "\u{301}",
        "\u{308}",
        "\u{336}",
        "\u{5c8}",
        "\u{dde}",
        "e\u{301}",
        "日本",
        "👩‍👩‍👧",
        "\x08",
        "_____",
        "\u{2028}",
        "\u{e0041}",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn cleaned_text_is_safe_idempotent_and_maps_back(text in hostile_text()) {
        let cleaned = clean(text.as_bytes());
        prop_assert!(!cleaned.text.chars().any(|c| c != '\n' && is_unsafe_char(c)), "{:?}", cleaned.text);
        prop_assert_eq!(&clean(cleaned.text.as_bytes()).text, &cleaned.text);
        for (at, c) in cleaned.text.char_indices() {
            let source = cleaned.map.source_range(at..at + c.len_utf8());
            prop_assert!(source.start < source.end && source.end <= text.len());
        }
    }

    #[test]
    fn any_bytes_clean_without_panic(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let cleaned = clean(&bytes);
        prop_assert!(!cleaned.text.chars().any(|c| c != '\n' && is_unsafe_char(c)));
        let articles = articles_of("bytes", &bytes);
        prop_assert!(!articles.is_empty());
        for article in articles {
            prop_assert!(article.map.source_range(0..article.text.len()).end <= bytes.len());
        }
    }
}

/// Inputs the fuzzer once broke cleaning with (kept in `fuzz/regressions/decode_and_split`).
#[test]
fn fuzz_regressions_clean_safely_and_idempotently() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions/decode_and_split");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        let cleaned = clean(&bytes);
        assert!(!cleaned.text.chars().any(|c| c != '\n' && is_unsafe_char(c)));
        assert_eq!(clean(cleaned.text.as_bytes()).text, cleaned.text);
        seen += 1;
    }
    assert!(seen > 0);
}
