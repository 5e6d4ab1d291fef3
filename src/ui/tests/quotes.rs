//! Quotations set apart in the text (with and without colour), and the quotes and reuse
//! views' screens.

use super::*;

/// The style of the cell `offset` cells after where `word` is first written.
fn style_after(buf: &Buffer, word: &str, offset: u16) -> ratatui::style::Style {
    let (x, y) =
        find(buf, word).unwrap_or_else(|| panic!("{word} is on screen:\n{}", screen_text(buf)));
    buf[(x + offset, y)].style()
}

#[test]
fn quotations_are_italic_and_coloured_and_mentions_inside_keep_their_colour() {
    let mut app = seeds_app(true);
    let buf = draw(&mut app, 120, 40);
    let quoted = style_after(&buf, "“We are having", 1);
    assert!(quoted.add_modifier.contains(Modifier::ITALIC));
    assert_eq!(quoted.fg, Some(Color::LightBlue));
    let hamas = style_after(&buf, "with Hamas. We", 5);
    assert_eq!(
        hamas.fg,
        Some(Color::Cyan),
        "the mention keeps its kind's colour"
    );
    assert!(hamas.add_modifier.contains(Modifier::ITALIC));
    let narration = style_after(&buf, "Reflecting on", 0);
    assert!(!narration.add_modifier.contains(Modifier::ITALIC));
}

#[test]
fn without_colour_quotations_are_italic_and_mentions_keep_their_markers() {
    let mut app = seeds_app(false);
    let buf = draw(&mut app, 120, 40);
    let quoted = style_after(&buf, "“We are having", 1);
    assert!(quoted.add_modifier.contains(Modifier::ITALIC));
    assert!(quoted.fg.is_none_or(|c| c == Color::Reset));
    let hamas = style_after(&buf, "with #Hamas. We", 6);
    assert!(
        hamas
            .add_modifier
            .contains(Modifier::UNDERLINED | Modifier::ITALIC)
    );
    let narration = style_after(&buf, "Reflecting on", 0);
    assert!(!narration.add_modifier.contains(Modifier::ITALIC));
}

#[test]
fn quotes_view_at_three_sizes() {
    for (width, height) in [(120, 40), (80, 24), (60, 20)] {
        let mut app = seeds_app(true);
        type_keys(&mut app, "fWitkoff");
        press(&mut app, KeyCode::Enter);
        type_keys(&mut app, "Q");
        let text = screen_text(&draw(&mut app, width, height));
        assert!(
            text.contains("Quoted: Steve Witkoff"),
            "{width}×{height}\n{text}"
        );
        assert!(
            text.contains("Speakers × sources"),
            "{width}×{height}\n{text}"
        );
        insta::assert_snapshot!(format!("quotes_at_{width}x{height}"), text);
    }
}

#[test]
fn the_quotes_view_shows_its_cursors_and_quotations_in_the_quote_style() {
    let mut app = seeds_app(false);
    type_keys(&mut app, "fWitkoff");
    press(&mut app, KeyCode::Enter);
    type_keys(&mut app, "Qj");
    let buf = draw(&mut app, 120, 40);
    let (x, y) = find(&buf, "  “").expect("a quotation line");
    assert!(
        buf[(x + 3, y)]
            .style()
            .add_modifier
            .contains(Modifier::ITALIC)
    );
    let cursor = (0..39).filter(|&y| {
        (1..119).all(|x| {
            buf[(x, y)]
                .style()
                .add_modifier
                .contains(Modifier::REVERSED)
        })
    });
    assert_eq!(cursor.count(), 1, "one focused cursor row");
}

#[test]
fn reuse_view_at_three_sizes() {
    for (width, height) in [(120, 40), (80, 24), (60, 20)] {
        let mut app = seeds_app(true);
        type_keys(&mut app, "R");
        press(&mut app, KeyCode::Enter);
        let text = screen_text(&draw(&mut app, width, height));
        assert!(
            text.contains("Retold passages: 11 pairs"),
            "{width}×{height}\n{text}"
        );
        assert!(text.contains("▶"), "{width}×{height}\n{text}");
        insta::assert_snapshot!(format!("reuse_at_{width}x{height}"), text);
    }
}
