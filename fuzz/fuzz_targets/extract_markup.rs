//! Any bytes as an HTML page or a Markdown article: extraction never panics, never overflows
//! the stack and ends. The first byte chooses the format, the character set an HTTP header
//! declares, and how many times the next sixteen bytes repeat before the rest: so that short
//! inputs reach deep nesting (`<b>` × 6,000, `>` × 6,000) and huge attributes.

#![no_main]

use gazette::formats::{self, Format};
use libfuzzer_sys::fuzz_target;

/// Character sets an HTTP header may declare.
const CHARSETS: [Option<&str>; 4] = [
    None,
    Some("text/html; charset=windows-1252"),
    Some("text/html; charset=shift_jis"),
    Some("text/html; charset=utf-16le"),
];

fuzz_target!(|bytes: &[u8]| {
    let Some((&mode, rest)) = bytes.split_first() else {
        return;
    };
    let (unit, body) = rest.split_at(rest.len().min(16));
    let repeats = 100 * usize::from(mode >> 2 & 0x3F);
    let mut input = unit.repeat(repeats.max(1));
    input.extend_from_slice(body);
    // The loader's 2 MiB stack.
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || match mode & 3 {
            0 => drop(formats::extract(Format::Html, &input)),
            1 => drop(formats::extract(Format::Markdown, &input)),
            charset => drop(formats::html_page(&input, CHARSETS[usize::from(charset)])),
        })
        .unwrap()
        .join()
        .unwrap();
});
