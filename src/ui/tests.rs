//! Screens as text snapshots, colours as styled-cell assertions, hostile text as no-panic
//! and nothing-unsanitized checks.

use crate::app::tests::{open_discovery, press, seeds_app, type_keys};
use crate::app::{Action, App, Corpus};
use crate::corpus::{Article, Metadata};
use crate::gazetteer::{Gazetteer, LayerSource};
use crate::index::Index;
use crate::matcher::Matcher;
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

mod compare;
mod quotes;
mod review;
mod screens;
mod status;
mod wrap_props;

fn draw(app: &mut App, width: u16, height: u16) -> Buffer {
    app.update(Action::Resize { width, height });
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| frame.render_widget(&*app, frame.area()))
        .unwrap();
    terminal.backend().buffer().clone()
}

fn screen_text(buf: &Buffer) -> String {
    let width = usize::from(buf.area.width);
    let mut text = String::new();
    for (i, cell) in buf.content.iter().enumerate() {
        text.push_str(cell.symbol());
        if (i + 1) % width == 0 {
            text.push('\n');
        }
    }
    text
}

/// The cells of the first place on screen where `word` is written.
fn find(buf: &Buffer, word: &str) -> Option<(u16, u16)> {
    let text = screen_text(buf);
    for (y, line) in text.lines().enumerate() {
        let cells: Vec<&str> = buf.content
            [y * usize::from(buf.area.width)..(y + 1) * usize::from(buf.area.width)]
            .iter()
            .map(ratatui::buffer::Cell::symbol)
            .collect();
        let joined = cells.concat();
        if let Some(at) = joined.find(word) {
            let column = joined[..at].chars().count();
            let _ = line;
            return Some((u16::try_from(column).unwrap(), u16::try_from(y).unwrap()));
        }
    }
    None
}

#[test]
fn seeds_at_80x24() {
    let mut app = seeds_app(true);
    insta::assert_snapshot!(screen_text(&draw(&mut app, 80, 24)));
}

#[test]
fn seeds_at_120x40_after_finding_dermer() {
    let mut app = seeds_app(true);
    type_keys(&mut app, "]fDermer");
    press(&mut app, KeyCode::Enter);
    type_keys(&mut app, "n");
    insta::assert_snapshot!(screen_text(&draw(&mut app, 120, 40)));
}

#[test]
fn help_lists_every_key() {
    let mut app = seeds_app(true);
    type_keys(&mut app, "?");
    let screen = screen_text(&draw(&mut app, 120, 120));
    assert!(screen.contains("Help 1–"));
    let lines = super::help_lines(&super::Theme::new(true), 10_000);
    let text = lines
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n");
    for binding in crate::app::keymap::BINDINGS {
        assert!(text.contains(binding.help), "help lacks {:?}", binding.help);
        assert!(
            text.contains(binding.label),
            "help lacks {:?}",
            binding.label
        );
    }
    assert!(text.contains("Legend") && text.contains("Organization"));
}

#[test]
fn entities_are_coloured_by_kind_and_the_current_mention_stands_out() {
    let mut app = seeds_app(true);
    type_keys(&mut app, "fDermer");
    press(&mut app, KeyCode::Enter);
    let buf = draw(&mut app, 120, 40);
    let panes = super::panes(&app).unwrap();
    let text = panes.text;
    let in_text = |word: &str| {
        let mut found = None;
        for y in text.y..text.bottom() {
            let row: String = (text.x..text.right())
                .map(|x| buf[(x, y)].symbol().to_owned())
                .collect();
            if let Some(at) = row.find(word) {
                let x = text.x + u16::try_from(row[..at].chars().count()).unwrap();
                found = Some((x, y));
                break;
            }
        }
        found.unwrap_or_else(|| panic!("{word} not on screen"))
    };
    let hamas = buf[in_text("Hamas")].style();
    assert_eq!(hamas.fg, Some(Color::Cyan));
    let israel = buf[in_text("Israel")].style();
    assert_eq!(israel.fg, Some(Color::Green));
    let (x, y) = in_text("Dermer");
    let dermer = buf[(x, y)].style();
    assert_eq!(dermer.fg, Some(Color::Yellow));
    assert!(
        dermer.add_modifier.contains(Modifier::REVERSED),
        "current mention"
    );
    let plain = buf[(text.x, text.bottom() - 1)].style();
    assert_eq!(plain.fg, Some(Color::Reset));
}

#[test]
fn without_colour_kinds_get_attributes_and_markers() {
    let mut app = seeds_app(false);
    let buf = draw(&mut app, 120, 40);
    let text = screen_text(&buf);
    assert!(text.contains("#Hamas"), "organization marker");
    assert!(
        text.contains("@Donald Trump") || text.contains("@Trump"),
        "person marker"
    );
    let at = find(&buf, "#Hamas").unwrap();
    let style = buf[(at.0 + 1, at.1)].style();
    assert!(style.fg.is_none_or(|c| c == Color::Reset));
    assert!(style.add_modifier.contains(Modifier::UNDERLINED));
    for cell in &buf.content {
        assert!(cell.fg == Color::Reset || cell.fg == Color::default());
    }
}

#[test]
fn small_terminals_get_a_notice_and_never_panic() {
    let mut app = seeds_app(true);
    for (width, height) in [(0, 0), (1, 1), (20, 5), (39, 24), (80, 9)] {
        let buf = draw(&mut app, width, height);
        if width >= 20 {
            assert!(screen_text(&buf).contains("too small"), "{width}x{height}");
        }
    }
    let narrow = screen_text(&draw(&mut app, 60, 20));
    assert!(
        !narrow.contains("Entities"),
        "the entity list is toggled on narrow screens"
    );
    type_keys(&mut app, "e");
    let narrow = screen_text(&draw(&mut app, 60, 20));
    assert!(narrow.contains("Entities"));
}

fn hostile_app(text: &[u8]) -> App {
    let gazetteer = Gazetteer::load(&[LayerSource::built_in()]).unwrap();
    let matcher = Matcher::new(&gazetteer).unwrap();
    let clean = crate::text::clean(text);
    let mentions = matcher.find(&clean.text);
    let article = Article {
        file: "hostile\u{1b}[31m.txt".into(),
        path: None,
        index: 0,
        title: crate::text::clean_inline("Title \u{1b}]0;owned\u{7} \u{202e}gnp.exe"),
        metadata: Metadata::default().into(),
        text: clean.text,
        map: clean.map,
        first_line: 1,
    };
    let corpus = Corpus {
        articles: vec![article].into(),
        index: Index::from_mentions(vec![mentions], gazetteer.entities.len()).into(),
        complete: true,
    };
    App::new(gazetteer, corpus, true)
}

const HOSTILE: &str = "CSI \u{1b}[2A\u{1b}[2Kspoof. OSC52 \u{1b}]52;c;ZWNobyBwd25lZA==\u{7}clip. \
title \u{1b}]0;x\u{7} \u{1b}[21t \u{1b}[c \u{1b}P$q\"p\u{1b}\\ done.\n\
link \u{1b}]8;;http://evil\u{7}bank.example\u{1b}]8;;\u{7} C1 \u{9b}31m \u{9d} \u{90} \u{9a}.\n\
bidi \u{202e}Gaza\u{202c} \u{2066}x\u{2069} \u{61c} zero\u{200b}width Ga\u{200b}za \u{feff}\u{ad}\u{e0041}.\n\
bell\u{7}\u{7} _\u{8}X nul\u{0} \u{b}\u{c} \u{e}\u{f} del\u{7f} lone\rcr nel\u{85}ls\u{2028}ps\u{2029}end\n\
\tindented\tquote with tabs\n\
CJK 漢字漢字漢字 emoji 👨\u{200d}👩\u{200d}👧 🇮🇱 👍🏽 1\u{fe0f}\u{20e3} fullwidth ＡＢＣ\n\
Zalgo Z";

fn unsafe_symbol(symbol: &str) -> bool {
    symbol.chars().any(|c| {
        c.is_control()
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{61c}' | '\u{200b}' | '\u{feff}' | '\u{ad}' | '\u{e0000}'..='\u{e007f}')
    })
}

#[test]
fn hostile_text_renders_sanitized_at_every_size() {
    let mut bytes = HOSTILE.as_bytes().to_vec();
    bytes.extend("\u{301}".repeat(1000).as_bytes());
    // Clusters of 100,000 characters: a ZWJ chain of emoji, a flood of Hangul jamo.
    bytes.extend(format!(" zwj 👨{} jamo \u{1100}", "\u{200d}👩".repeat(50_000)).as_bytes());
    bytes.extend(
        format!(
            "{}{} end",
            "\u{1100}".repeat(50_000),
            "\u{1161}".repeat(50_000)
        )
        .as_bytes(),
    );
    bytes.extend(b" tail\n\x1b]0;never-ends");
    let mut app = hostile_app(&bytes);
    for (width, height) in [(1, 1), (20, 5), (41, 12), (80, 24), (200, 60)] {
        for scroll in ["g", "j", "G"] {
            type_keys(&mut app, scroll);
            let buf = draw(&mut app, width, height);
            for cell in &buf.content {
                assert!(
                    !unsafe_symbol(cell.symbol()),
                    "{:?} at {width}x{height}",
                    cell.symbol()
                );
                assert!(cell.symbol().chars().count() <= crate::text::MAX_CLUSTER_CHARS);
            }
        }
    }
    let text = screen_text(&draw(&mut app, 200, 60));
    assert!(text.contains("bank.example"), "{text}");
    assert!(text.contains("spoof"));
    assert!(!text.contains("[2A") && !text.contains("52;c"));
    let article = &app.corpus.articles[0];
    let gaza = app
        .corpus
        .index
        .mentions(0)
        .iter()
        .filter(|m| &article.text[m.range()] == "Gaza")
        .count();
    assert!(
        gaza >= 2,
        "Gaza highlights through BiDi and zero-width characters"
    );
}

#[test]
fn wide_graphemes_never_drift_into_the_border() {
    let line = "漢".repeat(200) + "👨\u{200d}👩\u{200d}👧" + &"ab漢".repeat(50);
    let mut app = hostile_app(line.as_bytes());
    for width in 40..60 {
        let buf = draw(&mut app, width, 20);
        let panes = super::panes(&app).unwrap();
        let right = panes.text_block.right() - 1;
        for y in panes.text.y..panes.text.bottom() {
            assert_eq!(buf[(right, y)].symbol(), "│", "width {width} row {y}");
        }
    }
}

#[test]
fn a_ten_megabyte_line_and_300k_lines_scroll_to_the_end() {
    let long_line = "Hamas word ".repeat(1_000_000);
    let mut app = hostile_app(long_line.as_bytes());
    type_keys(&mut app, "G");
    let buf = draw(&mut app, 80, 24);
    assert!(app.view.wrap.len() > 65_535);
    assert!(screen_text(&buf).contains("word"));
    let many = (0..300_000)
        .map(|i| format!("line {i}"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut app = hostile_app(many.as_bytes());
    type_keys(&mut app, "G");
    let buf = draw(&mut app, 80, 24);
    assert!(screen_text(&buf).contains("line 299999"));
}

#[test]
fn the_event_loop_runs_headless() {
    use crossterm::event::{Event, KeyEvent, KeyModifiers};
    struct Script(Vec<Event>);
    impl crate::tui::Events for Script {
        fn read(&mut self, _: std::time::Duration) -> std::io::Result<Vec<Event>> {
            Ok(if self.0.is_empty() {
                Vec::new()
            } else {
                vec![self.0.remove(0)]
            })
        }
    }
    let key = |c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    let mut events = Script(vec![
        Event::Resize(100, 30),
        key(']'),
        key('f'),
        key('D'),
        key('e'),
        key('r'),
        key('m'),
        key('e'),
        key('r'),
        Event::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
        key('n'),
        key('q'),
    ]);
    let mut app = seeds_app(true);
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let mut timing = crate::tui::Timing::start();
    crate::tui::event_loop(
        &mut terminal,
        &mut app,
        &super::Theme::new(true),
        &mut events,
        &mut crate::tui::NoHost,
        crate::tui::Workers::default(),
        &mut timing,
    )
    .unwrap();
    let text = screen_text(terminal.backend().buffer());
    assert!(text.contains("Ron Dermer: mention 2 of"), "{text}");
}

#[test]
fn coverage_at_120x40() {
    let mut app = seeds_app(true);
    type_keys(&mut app, "cjl");
    insta::assert_snapshot!(screen_text(&draw(&mut app, 120, 40)));
}

#[test]
fn concordance_at_120x40() {
    let mut app = seeds_app(true);
    type_keys(&mut app, "fDermer");
    press(&mut app, KeyCode::Enter);
    type_keys(&mut app, "Kjj");
    insta::assert_snapshot!(screen_text(&draw(&mut app, 120, 40)));
}

#[test]
fn discovery_at_120x40() {
    let mut app = seeds_app(true);
    open_discovery(&mut app);
    type_keys(&mut app, "j");
    insta::assert_snapshot!(screen_text(&draw(&mut app, 120, 40)));
}

#[test]
fn coverage_colours_kinds_marks_single_sources_and_shows_the_cursor_cell() {
    let mut app = seeds_app(true);
    type_keys(&mut app, "c");
    let buf = draw(&mut app, 120, 40);
    let Some(crate::app::Panel::Coverage(view)) = &app.panel else {
        panic!("coverage is open");
    };
    let top = app.gazetteer.entity(view.table.rows[0].entity);
    let (x, y) = find(&buf, &top.name).unwrap();
    let kind = crate::ui::theme::Theme::default_kind_color(top.kind);
    assert_eq!(buf[(x, y)].style().fg, Some(kind));
    // The cursor cell: reversed.
    let row: String = (0..120).map(|x| buf[(x, y)].symbol().to_owned()).collect();
    let first_count = row
        .char_indices()
        .skip(28)
        .find(|(_, c)| c.is_ascii_digit())
        .map(|(i, _)| row[..i].chars().count())
        .unwrap();
    let cell = buf[(u16::try_from(first_count).unwrap(), y)].style();
    assert!(cell.add_modifier.contains(Modifier::REVERSED), "{cell:?}");
    // An entity only one source names carries a red mark.
    let last = view.table.rows.last().unwrap();
    assert!(last.only_one_source());
    let name: String = app
        .gazetteer
        .entity(last.entity)
        .name
        .chars()
        .take(12)
        .collect();
    type_keys(&mut app, "G");
    let buf = draw(&mut app, 120, 40);
    let (x, y) = find(&buf, &name).unwrap();
    assert_eq!(buf[(x - 2, y)].symbol(), "◆");
    assert_eq!(buf[(x - 2, y)].style().fg, Some(Color::LightRed));
    assert!(buf[(x, y)].style().add_modifier.contains(Modifier::BOLD));
}

#[test]
fn the_views_draw_at_any_size() {
    for keys in ["c", "K", "a", "Q", "R"] {
        let mut app = seeds_app(false);
        if keys == "a" {
            open_discovery(&mut app);
        } else {
            type_keys(&mut app, keys);
        }
        assert!(app.panel.is_some(), "{keys}");
        for (width, height) in [(40, 10), (41, 12), (60, 20), (80, 24), (200, 60)] {
            let buf = draw(&mut app, width, height);
            assert_eq!(buf.area.width, width);
            type_keys(&mut app, "jlG");
        }
    }
}
