//! Every view at 80×24 and 60×20, as text snapshots reviewed by eye.

use super::*;

/// The views, by name and the keys that open them (after selecting Steve Witkoff).
const SCREENS: &[(&str, &str)] = &[
    ("reading", ""),
    ("passages_any", "mfNetanyahu\rmv"),
    ("passages_together", "mfNetanyahu\rmvt"),
    ("help", "?"),
    ("help_paged", "? "),
    ("coverage", "c"),
    ("concordance", "K"),
    ("discovery", "a"),
    ("adding_a_name", "aa"),
    ("filter", "fDer"),
    ("search", "/Netanyahu's\r"),
    ("hidden_kinds", "POLM"),
];

fn keys(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let code = match c {
            '\r' => KeyCode::Enter,
            c => KeyCode::Char(c),
        };
        press(app, code);
    }
}

#[test]
fn every_view_at_80x24_and_60x20() {
    for &(name, typed) in SCREENS {
        for (width, height) in [(80, 24), (60, 20)] {
            let mut app = seeds_app(true);
            app.update(Action::Resize { width, height });
            keys(&mut app, "fWitkoff\r");
            keys(&mut app, typed);
            let text = screen_text(&draw(&mut app, width, height));
            insta::assert_snapshot!(format!("{name}_at_{width}x{height}"), text);
        }
    }
}

#[test]
fn names_cut_short_end_in_an_ellipsis() {
    let mut app = seeds_app(true);
    let text = screen_text(&draw(&mut app, 80, 24));
    assert!(text.contains("United Stat… L"), "{text}");
    assert!(!text.contains("United State "), "{text}");
    type_keys(&mut app, "POLM");
    let text = screen_text(&draw(&mut app, 80, 24));
    assert!(text.contains("hidden POLM"), "{text}");
    type_keys(&mut app, "POLMc");
    let text = screen_text(&draw(&mut app, 60, 20));
    let left_out = &text[text.find("Left out").unwrap()..];
    assert!(left_out.contains("…│"), "{left_out}");
}

#[test]
fn pane_titles_cut_short_end_in_an_ellipsis() {
    let mut app = seeds_app(true);
    type_keys(&mut app, "fWitkoff");
    press(&mut app, KeyCode::Enter);
    type_keys(&mut app, "K");
    let text = screen_text(&draw(&mut app, 60, 20));
    let top = text.lines().next().unwrap();
    assert!(top.starts_with("┌ Concordance: Steve Witkof"), "{top}");
    assert!(top.contains("… ┐"), "{top}");
}

#[test]
fn the_passage_view_names_its_entities_in_its_title_and_the_status_line() {
    let mut app = seeds_app(true);
    keys(&mut app, "fWitkoff\rmfNetanyahu\rmv");
    let text = screen_text(&draw(&mut app, 200, 40));
    assert!(
        text.contains(
            "Passages: 35 paragraphs from 6 sources · Steve Witkoff or Benjamin Netanyahu"
        ),
        "{text}"
    );
    let status = text.lines().last().unwrap();
    assert!(
        status.contains("passages: Steve Witkoff or Benjamin Netanyahu"),
        "{status}"
    );
    assert!(
        !status.contains("mention"),
        "the old entity is gone: {status}"
    );
    keys(&mut app, "t");
    let text = screen_text(&draw(&mut app, 200, 40));
    assert!(
        text.contains(
            "Passages: 1 paragraph from 1 source · Steve Witkoff and Benjamin Netanyahu together"
        ),
        "{text}"
    );
}

#[test]
fn n_in_the_passage_view_counts_its_mentions_in_the_status_line() {
    let mut app = seeds_app(true);
    keys(&mut app, "fDermer\rv");
    let status = |app: &mut App| {
        let text = screen_text(&draw(app, 80, 24));
        text.lines().last().unwrap().to_owned()
    };
    assert!(
        !status(&mut app).contains("mention"),
        "no current mention yet"
    );
    keys(&mut app, "n");
    assert!(
        status(&mut app).contains("Ron Dermer: mention 1 of 10"),
        "{}",
        status(&mut app)
    );
    keys(&mut app, "n");
    assert!(
        status(&mut app).contains("mention 2 of 10"),
        "{}",
        status(&mut app)
    );
}
