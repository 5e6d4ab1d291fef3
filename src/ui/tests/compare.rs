//! The side by side view's screens: snapshots at three sizes, and the diff style on the words
//! one side lacks, with and without colour, under the entities' own styles.

use super::*;
use crate::app::compare::{side_areas, text_area};
use ratatui::layout::Rect;

/// The reader with the first retold pair of the first pair of sources side by side.
fn retold_side_by_side(color: bool) -> App {
    let mut app = seeds_app(color);
    type_keys(&mut app, "R");
    press(&mut app, KeyCode::Enter);
    type_keys(&mut app, "|");
    assert!(app.compare.is_some());
    app
}

/// The screen cell where `word` is first written inside `area`.
fn find_in(buf: &Buffer, area: Rect, word: &str) -> (u16, u16) {
    for y in area.y..area.bottom() {
        let cells: Vec<&str> = (area.x..area.right())
            .map(|x| buf[(x, y)].symbol())
            .collect();
        let row = cells.concat();
        if let Some(at) = row.find(word) {
            let x = area.x + u16::try_from(row[..at].chars().count()).unwrap();
            return (x, y);
        }
    }
    panic!("{word:?} is not in {area:?}:\n{}", screen_text(buf));
}

#[test]
fn side_by_side_at_three_sizes() {
    for (width, height) in [(120, 40), (80, 24), (60, 20)] {
        let mut app = seeds_app(true);
        type_keys(&mut app, "fWitkoff");
        press(&mut app, KeyCode::Enter);
        type_keys(&mut app, "|n");
        let text = screen_text(&draw(&mut app, width, height));
        assert!(
            text.contains("side by side │ 1 The Times of Israel ⇄ 2 Pr"),
            "{width}×{height}\n{text}"
        );
        assert!(text.contains("▶"), "{width}×{height}\n{text}");
        insta::assert_snapshot!(format!("side_by_side_at_{width}x{height}"), text);
    }
}

#[test]
fn a_retold_pair_side_by_side_at_120x40() {
    let mut app = retold_side_by_side(true);
    let text = screen_text(&draw(&mut app, 120, 40));
    assert!(text.contains("retold sentence 1 of 10"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn differing_words_have_the_diff_style_and_mentions_keep_their_colour() {
    let mut app = retold_side_by_side(true);
    let buf = draw(&mut app, 120, 40);
    let [left, right] = side_areas(&app).unwrap().map(text_area);
    // "Netanyahu’s right-hand man" has no counterpart in 002's sentence: the person keeps
    // its colour under the diff style.
    let netanyahu = buf[find_in(&buf, right, "Benjamin Netanyahu’s")].style();
    assert_eq!(netanyahu.fg, Some(Color::Yellow));
    assert_eq!(netanyahu.bg, Some(Color::Indexed(238)));
    assert!(
        netanyahu
            .add_modifier
            .contains(Modifier::UNDERLINED | Modifier::BOLD)
    );
    let (x, y) = find_in(&buf, left, "deep concerns");
    assert_eq!(
        buf[(x, y)].style().bg,
        Some(Color::Indexed(238)),
        "002's own word"
    );
    // Words both sentences share are not marked; Hamas keeps its own colour.
    let (x, y) = find_in(&buf, left, "concerns over");
    assert_ne!(buf[(x + 9, y)].style().bg, Some(Color::Indexed(238)));
    let hamas = buf[find_in(&buf, left, "Hamas resulted")].style();
    assert_eq!(hamas.fg, Some(Color::Cyan));
    assert_ne!(hamas.bg, Some(Color::Indexed(238)));
}

#[test]
fn without_colour_differing_words_are_reversed_and_mentions_keep_their_markers() {
    let mut app = retold_side_by_side(false);
    let buf = draw(&mut app, 120, 40);
    let [left, right] = side_areas(&app).unwrap().map(text_area);
    let (x, y) = find_in(&buf, right, "@Benjamin Netanyahu’s");
    let netanyahu = buf[(x + 1, y)].style();
    assert!(
        netanyahu
            .add_modifier
            .contains(Modifier::REVERSED | Modifier::BOLD)
    );
    let (x, y) = find_in(&buf, left, "#Hamas resulted");
    let hamas = buf[(x + 1, y)].style();
    assert!(hamas.add_modifier.contains(Modifier::UNDERLINED));
    assert!(!hamas.add_modifier.contains(Modifier::REVERSED));
    let deep = buf[find_in(&buf, left, "deep concerns")].style();
    assert!(deep.add_modifier.contains(Modifier::REVERSED));
}

#[test]
fn the_sides_never_draw_over_their_borders_at_any_size() {
    for (width, height) in [(40, 10), (41, 16), (79, 24), (80, 12), (200, 60)] {
        let mut app = seeds_app(false);
        type_keys(&mut app, "fWitkoff");
        press(&mut app, KeyCode::Enter);
        type_keys(&mut app, "|");
        let buf = draw(&mut app, width, height);
        for area in side_areas(&app).unwrap() {
            for y in area.y..area.bottom() {
                for x in [area.x, area.right() - 1] {
                    let border = buf[(x, y)].symbol();
                    assert!(
                        "│┌┐└┘".contains(border),
                        "{width}×{height}: {border:?} at {x},{y}\n{}",
                        screen_text(&buf)
                    );
                }
            }
        }
    }
}
