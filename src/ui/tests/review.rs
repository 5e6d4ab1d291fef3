//! Suggested entities on screen: their style (with and without colour), their place in the
//! entity list, the empty state's way to the review, and the review view.

use super::*;
use crate::app::tests::review::{story_app, story_app_with, withhold};

const MARIA: &str =
    r#"{"entities": [{"name": "Maria Lindqvist", "kind": "person", "aliases": ["Lindqvist"]}]}"#;

#[test]
fn a_new_story_at_120x40_lists_its_suggestions_and_says_how_to_review_them() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = story_app(dir.path());
    let text = screen_text(&draw(&mut app, 120, 40));
    assert!(text.contains("S reviews the 10 suggestions"), "{text}");
    assert!(
        text.contains("No entity of this story is confirmed"),
        "{text}"
    );
    insta::assert_snapshot!(text);
}

#[test]
fn the_review_view_at_120x40_80x24_and_60x20() {
    for (width, height) in [(120, 40), (80, 24), (60, 20)] {
        let dir = tempfile::tempdir().unwrap();
        let (mut app, _) = story_app(dir.path());
        type_keys(&mut app, "S");
        let text = screen_text(&draw(&mut app, width, height));
        insta::assert_snapshot!(format!("review_{width}x{height}"), text);
    }
}

#[test]
fn withheld_suggestions_are_told_in_the_review() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = story_app_with(dir.path(), MARIA, true);
    withhold(&mut app, MARIA, 7);
    type_keys(&mut app, "S");
    for (width, height) in [(120, 40), (60, 20)] {
        let text = screen_text(&draw(&mut app, width, height));
        assert!(text.contains("(7 suggested names not shown"), "{text}");
        assert!(
            text.contains("lists them)"),
            "wrapped whole at {width}: {text}"
        );
    }
}

#[test]
fn the_review_narrowed_to_one_kind_and_renaming_in_the_status_line() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = story_app(dir.path());
    type_keys(&mut app, "SP");
    let text = screen_text(&draw(&mut app, 120, 40));
    assert!(text.contains("only person (P shows all)"), "{text}");
    assert!(
        text.contains("Maria Lindqvist") && !text.contains("Antwerp"),
        "{text}"
    );
    type_keys(&mut app, "r");
    let text = screen_text(&draw(&mut app, 120, 40));
    assert!(text.contains("rename “"), "{text}");
    press(&mut app, KeyCode::Esc);
    type_keys(&mut app, "=Jan");
    let text = screen_text(&draw(&mut app, 120, 40));
    assert!(text.contains("→ Pieter Janssen"), "{text}");
}

/// The style of the cell `offset` cells after where `word` is first written on screen.
fn text_style(buf: &Buffer, word: &str, offset: u16) -> ratatui::style::Style {
    let (x, y) =
        find(buf, word).unwrap_or_else(|| panic!("{word} is on screen:\n{}", screen_text(buf)));
    buf[(x + offset, y)].style()
}

#[test]
fn suggestions_are_dim_and_underlined_in_their_kind_colour_and_confirmed_ones_bold() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = story_app_with(dir.path(), MARIA, true);
    let buf = draw(&mut app, 120, 40);
    let confirmed = text_style(&buf, "leader Maria", 7);
    assert_eq!(confirmed.fg, Some(Color::Yellow));
    assert!(confirmed.add_modifier.contains(Modifier::BOLD));
    assert!(!confirmed.add_modifier.contains(Modifier::DIM));
    let suggested = text_style(&buf, "minister Pieter Janssen said", 9);
    assert_eq!(suggested.fg, Some(Color::Yellow), "a person's colour");
    assert!(
        suggested
            .add_modifier
            .contains(Modifier::DIM | Modifier::UNDERLINED)
    );
    assert!(!suggested.add_modifier.contains(Modifier::BOLD));
    let text = screen_text(&buf);
    assert!(text.contains("Entities 1 + "), "{text}");
    assert!(!text.contains("S reviews the"), "{text}");
}

#[test]
fn without_colour_suggestions_keep_their_marker_and_are_dim_and_underlined() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = story_app_with(dir.path(), MARIA, false);
    let buf = draw(&mut app, 120, 40);
    let confirmed = text_style(&buf, "leader @Maria", 8);
    assert!(confirmed.add_modifier.contains(Modifier::BOLD));
    assert!(!confirmed.add_modifier.contains(Modifier::DIM));
    let suggested = text_style(&buf, "minister @Pieter", 10);
    assert!(suggested.fg.is_none_or(|c| c == Color::Reset));
    assert!(
        suggested
            .add_modifier
            .contains(Modifier::DIM | Modifier::UNDERLINED)
    );
    assert!(!suggested.add_modifier.contains(Modifier::BOLD));
    let listed = text_style(&buf, "? Pieter Janssen", 3);
    assert!(
        listed.add_modifier.contains(Modifier::DIM),
        "the list marks it too"
    );
}
