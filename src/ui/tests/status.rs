//! The status line: numbers never cut, help and the way out always there, and only hints
//! whose keys do something in the view shown.

use super::*;
use crate::app::keymap::{self, Key, Scope};
use crossterm::event::{KeyEvent, KeyModifiers};

/// The last row of the screen.
fn status_line(buf: &Buffer) -> String {
    screen_text(buf)
        .lines()
        .last()
        .unwrap_or_default()
        .to_owned()
}

fn witkoff_twentieth() -> App {
    let mut app = seeds_app(true);
    type_keys(&mut app, "fWitk");
    press(&mut app, KeyCode::Enter);
    for _ in 0..19 {
        type_keys(&mut app, "n");
    }
    app
}

#[test]
fn the_status_line_keeps_its_numbers_help_and_quit_at_every_width() {
    for (width, height) in [(120, 40), (80, 24), (60, 20), (40, 10)] {
        let mut app = witkoff_twentieth();
        let status = status_line(&draw(&mut app, width, height));
        let count = if width > 40 {
            "mention 20 of 24"
        } else {
            " 20/24"
        };
        assert!(status.contains(count), "{width}: {status:?}");
        assert!(
            status.contains("/6 "),
            "{width}: the source counter: {status:?}"
        );
        assert!(
            status.contains("?:help") && status.contains("q:quit"),
            "{width}: {status:?}"
        );
    }
}

#[test]
fn names_shorten_before_anything_else() {
    let mut app = witkoff_twentieth();
    let wide = status_line(&draw(&mut app, 120, 40));
    assert!(wide.contains("Steve Witkoff: mention 20 of 24"), "{wide:?}");
    let narrow = status_line(&draw(&mut app, 60, 20));
    assert!(narrow.contains('…'), "a name is shortened: {narrow:?}");
}

/// The views to try each hint in, by the keys that open them.
const VIEWS: &[(&str, &str)] = &[
    ("reading", ""),
    ("passages", "mjmv"),
    ("coverage", "c"),
    ("concordance", "K"),
    ("discovery", "a"),
    ("quotes", "Q"),
    ("retold", "R"),
    ("help", "?"),
];

fn opened(keys: &str) -> App {
    let mut app = seeds_app(true);
    type_keys(&mut app, "fWitkoff");
    press(&mut app, KeyCode::Enter);
    type_keys(&mut app, keys);
    app
}

fn event(key: Key) -> KeyEvent {
    let modifiers = match key.code {
        KeyCode::Char(_) if key.ctrl => KeyModifiers::CONTROL,
        KeyCode::Char(c) if c.is_uppercase() => KeyModifiers::SHIFT,
        _ => KeyModifiers::NONE,
    };
    KeyEvent::new(key.code, modifiers)
}

#[test]
fn every_hint_shown_does_something_in_its_view() {
    for &(name, keys) in VIEWS {
        let mut app = opened(keys);
        let scope = app.scope();
        let before = draw(&mut app, 120, 40);
        let status = status_line(&draw(&mut app, 200, 40));
        let hinted: Vec<&keymap::Binding> = keymap::hints(scope).collect();
        assert!(!hinted.is_empty(), "{name}");
        for binding in hinted {
            let hint = format!(
                "{}:{}",
                binding.label.split(' ').next().unwrap(),
                binding.hint.unwrap()
            );
            assert!(status.contains(&hint), "{name}: {hint} in {status:?}");
            let mut app = opened(keys);
            let control = crate::app::tests::press_event(&mut app, event(binding.keys[0]));
            let after = draw(&mut app, 120, 40);
            assert!(
                before != after || control != crate::app::Control::Continue,
                "{name}: {hint} changes nothing"
            );
        }
    }
}

#[test]
fn views_hint_only_their_own_keys() {
    let lacks = [
        ("c", &["Tab:", "a:add"][..]),
        ("K", &["a:add"][..]),
        ("a", &["Tab:"][..]),
        ("Q", &["a:add"][..]),
        ("R", &["a:add"][..]),
    ];
    for (keys, absent) in lacks {
        let mut app = opened(keys);
        let status = status_line(&draw(&mut app, 200, 40));
        for hint in absent {
            assert!(!status.contains(hint), "{keys}: {hint} in {status:?}");
        }
        assert!(status.contains("q:back"), "{keys}: {status:?}");
    }
}

#[test]
fn q_goes_back_from_every_view_and_quits_only_when_reading() {
    for &(name, keys) in &VIEWS[1..] {
        let mut app = opened(keys);
        assert_ne!(app.scope(), Scope::Reading, "{name}");
        let control = press(&mut app, KeyCode::Char('q'));
        assert_eq!(control, crate::app::Control::Continue, "{name}");
        assert_eq!(app.scope(), Scope::Reading, "{name}");
    }
    let mut app = opened("");
    assert_eq!(
        press(&mut app, KeyCode::Char('q')),
        crate::app::Control::Quit
    );
}

#[test]
fn coverage_names_the_cell_and_the_sources_that_leave_the_entity_out() {
    let mut app = seeds_app(true);
    type_keys(&mut app, "fDermer");
    press(&mut app, KeyCode::Enter);
    type_keys(&mut app, "c");
    let status = status_line(&draw(&mut app, 200, 40));
    assert!(status.contains("Ron Dermer in "), "{status:?}");
    assert!(
        status.contains("not named by 1 The Times of Israel, 2 Progress was reported…"),
        "{status:?}"
    );
    assert!(!status.contains(".txt"), "{status:?}");
    let narrow = status_line(&draw(&mut app, 60, 20));
    assert!(
        narrow.contains("in 3: 5 │ not in 1, 2, 4, 5 "),
        "{narrow:?}"
    );
    assert!(narrow.contains("?:help q:back"), "{narrow:?}");
}

#[test]
fn at_every_width_the_position_fits_whole_beside_help_and_the_way_out() {
    use unicode_width::UnicodeWidthStr;
    for &(name, keys) in VIEWS.iter().filter(|(name, _)| *name != "help") {
        let mut app = opened(keys);
        for _ in 0..19 {
            type_keys(&mut app, if name == "reading" { "n" } else { "" });
        }
        // A notice takes the position's place for one key; it is cut with an ellipsis.
        app.notice = None;
        for width in (40..=160).step_by(3) {
            let status = status_line(&draw(&mut app, width, 30));
            let (essential, _) = crate::ui::status::hints(&app);
            let tail = essential.join(" ");
            let room = usize::from(width) - tail.width() - 2;
            let left = crate::ui::status::fitted_position(&app, room);
            assert!(left.width() <= room, "{name} at {width}: {left:?}");
            assert!(
                status.starts_with(left.trim_end()),
                "{name} at {width}: {status:?}"
            );
            assert!(
                status.trim_end().ends_with(&tail),
                "{name} at {width}: {status:?}"
            );
        }
    }
}

#[test]
fn q_in_the_question_before_adding_a_name_adds_nothing() {
    let mut app = opened("a");
    type_keys(&mut app, "a");
    assert_eq!(app.scope(), Scope::Prompt);
    let status = status_line(&draw(&mut app, 120, 40));
    assert!(status.contains("Esc:cancel"), "{status:?}");
    assert_eq!(
        press(&mut app, KeyCode::Char('q')),
        crate::app::Control::Continue
    );
    assert_eq!(app.scope(), Scope::Discovery);
    assert!(app.take_addition().is_none());
}
