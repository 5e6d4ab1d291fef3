//! The character set of a web page: from a byte order mark, the HTTP header, or the page's
//! own `<meta charset>` / `http-equiv` declaration, decoded through `encoding_rs`.
//!
//! First found wins: a BOM, then the HTTP `Content-Type` charset (for fetched pages), then a
//! declaration in the first 4 KiB of the page. Without one, UTF-8. A label `encoding_rs` does
//! not know, or bytes that are not valid in the declared encoding, give a warning and never
//! lost text: a page declared (or assumed) UTF-8 that is not valid UTF-8 is read as
//! windows-1252, which gives every byte a character.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// How far into a page a `<meta>` declaration is looked for.
const PRESCAN_BYTES: usize = 4096;

/// A page decoded to text, and what went wrong on the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// The encoding it was read in (`UTF-8`, `windows-1252`, `Shift_JIS`, …).
    pub encoding: &'static str,
    /// What was wrong with the declaration, if anything, and what was done instead.
    pub warning: Option<String>,
}

/// Decodes a web page's bytes; `header` is the charset the HTTP header gave, if any.
pub fn decode(bytes: &[u8], header: Option<&str>) -> Decoded {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return decoded(text.into_owned(), encoding, None);
    }
    let mut warnings = Vec::new();
    let declared = header
        .map(|label| (label.to_owned(), "the HTTP header"))
        .or_else(|| declared_in_page(bytes).map(|label| (label, "the page")));
    let encoding = declared.and_then(|(label, whence)| {
        let found = Encoding::for_label(label.trim().as_bytes());
        if found.is_none() {
            warnings.push(format!(
                "unknown character set \"{label}\" in {whence}; read as UTF-8 (or windows-1252 where it is not)"
            ));
        }
        found
    });
    // A page can only be in an ASCII-compatible encoding if its declaration could be read.
    let encoding = encoding.map_or(UTF_8, Encoding::output_encoding);
    let (text, _, malformed) = encoding.decode(bytes);
    if !malformed {
        return decoded(text.into_owned(), encoding, warnings.pop());
    }
    if encoding == UTF_8 {
        let (text, _, _) = WINDOWS_1252.decode(bytes);
        let warning = warnings.pop().unwrap_or_else(|| {
            "not valid UTF-8 and no character set declared; read as windows-1252".to_owned()
        });
        return decoded(text.into_owned(), WINDOWS_1252, Some(warning));
    }
    let warning = format!(
        "bytes not valid in {} (as declared) are shown as \u{FFFD}",
        encoding.name()
    );
    decoded(text.into_owned(), encoding, Some(warning))
}

fn decoded(text: String, encoding: &'static Encoding, warning: Option<String>) -> Decoded {
    Decoded {
        text,
        encoding: encoding.name(),
        warning,
    }
}

/// The charset label a `<meta charset>` or `<meta http-equiv="Content-Type">` near the top
/// declares.
fn declared_in_page(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let mut rest = head.as_str();
    while let Some(at) = rest.find("<meta") {
        let tag = &rest[at..];
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        if let Some(label) = charset_in(tag) {
            return Some(label);
        }
        rest = &rest[at + 5..];
    }
    None
}

/// The value after `charset=` in a tag (quoted or not).
fn charset_in(tag: &str) -> Option<String> {
    let at = tag.find("charset")?;
    let value = tag[at + "charset".len()..].trim_start().strip_prefix('=')?;
    let value = value.trim_start().trim_start_matches(['"', '\'']);
    let end = value
        .find(|c: char| matches!(c, '"' | '\'' | ';' | '/' | '>') || c.is_whitespace())
        .unwrap_or(value.len());
    let label = &value[..end];
    (!label.is_empty()).then(|| label.to_owned())
}

/// The charset parameter of an HTTP `Content-Type` value (`text/html; charset=ISO-8859-1`).
pub fn of_content_type(value: &str) -> Option<String> {
    charset_in(&value.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_meta_declaration_is_followed() {
        let page =
            b"<html><head><meta charset=\"windows-1252\"></head><p>Zo\xEB at the caf\xE9</p>";
        let decoded = decode(page, None);
        assert!(decoded.text.contains("Zoë at the café"), "{}", decoded.text);
        assert_eq!(decoded.encoding, "windows-1252");
        assert_eq!(decoded.warning, None);
        let http_equiv =
            b"<meta http-equiv=Content-Type content='text/html; charset=ISO-8859-1'>caf\xE9";
        assert!(decode(http_equiv, None).text.ends_with("café"));
    }

    #[test]
    fn the_header_and_a_bom_win() {
        let page = b"<meta charset=utf-8>caf\xE9";
        assert!(decode(page, Some("latin1")).text.ends_with("café"));
        let bom = b"\xEF\xBB\xBF<meta charset=windows-1252>caf\xC3\xA9";
        assert!(decode(bom, None).text.ends_with("café"));
        let sjis = decode(b"<meta charset=\"Shift_JIS\">\x93\xfa\x96\x7b", None);
        assert_eq!(sjis.text, "<meta charset=\"Shift_JIS\">日本");
    }

    #[test]
    fn a_wrong_or_missing_declaration_loses_no_text() {
        let wrong = decode(b"<meta charset=utf-8><p>caf\xE9</p>", None);
        assert!(wrong.text.contains("café"));
        assert!(wrong.warning.is_some());
        let missing = decode(b"<p>caf\xE9</p>", None);
        assert!(missing.text.contains("café"));
        assert!(missing.warning.unwrap().contains("windows-1252"));
        let unknown = decode(b"<meta charset=klingon><p>caf\xC3\xA9</p>", None);
        assert!(unknown.text.contains("café"));
        assert!(unknown.warning.unwrap().contains("\"klingon\""));
        assert_eq!(
            of_content_type("text/html; charset=\"ISO-8859-1\"").as_deref(),
            Some("iso-8859-1")
        );
    }
}
