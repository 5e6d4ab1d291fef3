//! Hostile inputs that need the whole library or the binary: right-to-left news text, an
//! endless stream, empty articles, files with the same name, pathological gazetteer entries,
//! look-alike names and a storm of resizes. `tests/HOSTILE.md` maps every case to its test.

#[path = "support/command.rs"]
mod command;

use command::{gazette, gazette_after, write};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use gazette::app::App;
use gazette::gazetteer::{Gazetteer, Kind, LayerSource};
use gazette::matcher::Matcher;
use gazette::{additions, corpus, state, tui};
use ratatui::Terminal;
use ratatui::backend::{Backend, TestBackend};
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// The reader's state over the articles at `paths`, loaded as the reader loads them and
/// matched with the built-in gazetteer.
fn app_over(paths: &[PathBuf]) -> App {
    let gazetteer = Gazetteer::load(&[LayerSource::built_in()]).unwrap();
    let matcher = Matcher::new(&gazetteer).unwrap();
    let (inputs, problems) = corpus::list_inputs(paths);
    assert!(problems.is_empty(), "{problems:?}");
    let (corpus, problems) =
        gazette::loader::load_all(&inputs, &matcher, gazetteer.entities.len(), |_, _| {});
    assert!(problems.is_empty(), "{problems:?}");
    App::new(gazetteer, corpus, true)
}

/// Types `keys` (`\n` is Enter) and runs the jobs they ask for in place.
fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let code = if c == '\n' {
            KeyCode::Enter
        } else {
            KeyCode::Char(c)
        };
        let event = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
        if let Some(action) = tui::action_for(app, &event) {
            app.update(action);
        }
        while let Some(job) = app.take_job() {
            app.absorb(job.run());
        }
    }
}

/// The `(start, end, text)` of every mention `annotate --format tsv` reports.
fn annotated(home: &TempDir, args: &[&str]) -> Vec<(usize, usize, String)> {
    let output = gazette(home)
        .args(["annotate", "--format", "tsv"])
        .args(args)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .skip(1)
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            (
                fields[2].parse().unwrap(),
                fields[3].parse().unwrap(),
                fields[6].to_owned(),
            )
        })
        .collect()
}

/// Case 11: Hebrew and Arabic text with Latin names and digits. Mentions land on the right
/// bytes of the file, and names written in those scripts match as whole words.
#[test]
fn right_to_left_news_text_is_matched_on_the_right_characters() {
    let home = tempfile::tempdir().unwrap();
    let text = "שיחות בין Hamas לבין ארה\"ב ב-Doha, 2025.\n\
                قال Steve Witkoff في الدوحة إن حماس وافقت على 5 نقاط.\n\
                חמאס הודיעה; وحماس ليست كلمة كاملة.\n";
    let article = write(home.path(), "rtl.txt", text.as_bytes());
    let layer = write(
        home.path(),
        "rtl.json",
        r#"{"entities": [
            {"name": "Hamas", "kind": "organization", "aliases": ["חמאס", "حماس"]},
            {"name": "Doha", "kind": "place", "aliases": ["الدوحة"]}]}"#
            .as_bytes(),
    );
    let article = article.to_str().unwrap();
    let layer = layer.to_str().unwrap();
    let mentions = annotated(&home, &["--gazetteer", layer, article]);
    for (start, end, surface) in &mentions {
        assert_eq!(&text.as_bytes()[*start..*end], surface.as_bytes());
    }
    let surfaces: Vec<&str> = mentions.iter().map(|(_, _, s)| s.as_str()).collect();
    assert_eq!(
        surfaces,
        ["Hamas", "Doha", "Steve Witkoff", "الدوحة", "حماس", "חמאס"],
        "\"وحماس\" (\"and Hamas\", one word) is not a mention"
    );
}

/// Case 22: an endless stream is read up to the size cap, with a notice, and the rest of the
/// command goes on.
#[test]
fn an_endless_stream_is_cut_at_the_cap_with_a_notice() {
    let home = tempfile::tempdir().unwrap();
    // `sh -c SCRIPT GAZETTE`: the shell pipes an endless `yes` into gazette (its `$0`).
    let script = format!(
        "yes '{}Doha' | \"$0\" entities --format tsv -",
        " ".repeat(60)
    );
    let output = gazette_after(&["sh".to_owned(), "-c".to_owned(), script], &home)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let cap = corpus::MAX_INPUT_BYTES >> 20;
    assert!(
        stderr.contains(&format!("-: only the first {cap} MiB are read")),
        "{stderr}"
    );
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    let doha = stdout
        .lines()
        .find(|line| line.starts_with("doha\t"))
        .unwrap();
    let lines_in_cap = corpus::MAX_INPUT_BYTES / 65;
    assert_eq!(doha.split('\t').nth(3), Some(&*lines_in_cap.to_string()));
}

/// Case 21: empty, blank and BOM-only files open as "(empty article)"; every key still works
/// and the position can be saved.
#[test]
fn empty_articles_can_be_read_navigated_and_saved() {
    let home = tempfile::tempdir().unwrap();
    let files = [
        write(home.path(), "a-empty.txt", b""),
        write(home.path(), "b-blank.txt", b" \n\t\n\r\n"),
        write(home.path(), "c-bom.txt", b"\xef\xbb\xbf"),
    ];
    let mut app = app_over(&files);
    assert_eq!(app.corpus.articles.len(), 3);
    for article in app.corpus.articles.iter() {
        assert_eq!(article.title, "(empty article)");
    }
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let keys = [
        "]", "]", "]", "n", "N", "j", "G", "g", "[", "/x\n", "v", "v", "c", "q", "K", "q", "a",
        "q", "?", "?",
    ];
    for keys in keys {
        press(&mut app, keys);
        terminal
            .draw(|frame| frame.render_widget(&app, frame.area()))
            .unwrap();
    }
    assert!(app.panel.is_none() && app.search.is_some());
    let data = tempfile::tempdir().unwrap();
    let (store, _) = state::Store::open(Some(data.path()), "empty articles");
    store
        .save(&app.saved().expect("a position to save"))
        .unwrap();
    let (_, opened) = state::Store::open(Some(data.path()), "empty articles");
    let mut reopened = app_over(&files);
    reopened.restore(opened.saved.expect("the position saved"));
    assert_eq!(reopened.article, app.article);
}

/// Case 25: two files with the same name and the same text in different folders are two
/// sources, and a saved position goes back to the one it was taken in.
#[test]
fn files_with_the_same_name_and_title_keep_distinct_identities() {
    let home = tempfile::tempdir().unwrap();
    let text = b"Talks in Doha\n\nHamas met Adam Boehler.\n";
    let folder = home.path().join("corpus");
    write(&folder, "one/story.txt", text);
    write(&folder, "two/story.txt", text);
    let mut app = app_over(std::slice::from_ref(&folder));
    let files: Vec<&str> = app.corpus.articles.iter().map(|a| &*a.file).collect();
    assert_eq!(files.len(), 2);
    assert_ne!(files[0], files[1]);
    press(&mut app, "]");
    let saved = app.saved().unwrap();
    assert!(saved.file.contains("two"), "{saved:?}");

    let mut reopened = app_over(&[folder]);
    reopened.restore(saved);
    let current = reopened.current_article().unwrap();
    assert!(current.file.contains("two"), "{}", current.file);
}

/// Case 33: pathological entries are rejected with the entry and the fix, or merged; a
/// one-letter name matches only as a whole word; "York" inside "New York" is not counted.
#[test]
fn pathological_gazetteer_entries() {
    let home = tempfile::tempdir().unwrap();
    let long = "x".repeat(10_000);
    let rejected = [
        (
            format!(r#"{{"entities": [{{"name": "{long}", "kind": "place"}}]}}"#),
            "the value is 10000 bytes long; shorten it",
        ),
        (
            r#"{"entities": [{"name": "A", "kind": "place", "aliases": ["   "]}]}"#.to_owned(),
            "alias 1 is empty",
        ),
        (
            r#"{"entities": [{"name": "A", "name": "B", "kind": "place"}]}"#.to_owned(),
            "duplicate field `name`",
        ),
        (
            "{\"entities\": [] // a comment\n}".to_owned(),
            "line 1 column 17",
        ),
    ];
    let article = write(
        home.path(),
        "a.txt",
        b"New York, York and X. X-ray, Xavier.\n",
    );
    for (json, expected) in rejected {
        let layer = write(home.path(), "bad.json", json.as_bytes());
        let output = gazette(&home)
            .args(["annotate", "--gazetteer"])
            .args([&layer, &article])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("bad.json: "), "{stderr}");
        assert!(stderr.contains(expected), "{stderr}\nwant: {expected}");
    }
    let layer = write(
        home.path(),
        "good.json",
        br#"{"entities": [
            {"name": "X", "kind": "misc", "aliases": ["X", "X"]},
            {"name": "York", "kind": "place"},
            {"name": "New York", "kind": "place"},
            {"name": "York", "id": "york-person", "kind": "person"}]}"#,
    );
    let layer = layer.to_str().unwrap();
    let surfaces: Vec<String> = annotated(
        &home,
        &[
            "--no-default-gazetteer",
            "--gazetteer",
            layer,
            article.to_str().unwrap(),
        ],
    )
    .into_iter()
    .map(|(_, _, surface)| surface)
    .collect();
    assert_eq!(surfaces, ["New York", "York", "X", "X"]);
}

/// Case 34: a name typed with a Cyrillic "а" is stored as typed and stays apart from the
/// Latin entry: each matches only its own spelling.
#[test]
fn a_look_alike_addition_is_stored_as_typed_and_kept_apart() {
    let home = tempfile::tempdir().unwrap();
    let user = home.path().join("user.json");
    let cyrillic = "G\u{430}za";
    let built_in = Gazetteer::load(&[LayerSource::built_in()]).unwrap();
    let latin = built_in.find("gaza-strip").expect("Gaza is built in");
    additions::add_entity_avoiding(&user, cyrillic, Kind::Place, &|id| {
        built_in.find(id).is_some()
    })
    .unwrap();
    let stored = std::fs::read_to_string(&user).unwrap();
    assert!(stored.contains(cyrillic), "{stored}");

    let layers = [
        LayerSource::built_in(),
        LayerSource {
            label: "user.json".into(),
            bytes: stored.into_bytes(),
        },
    ];
    let gazetteer = Gazetteer::load(&layers).unwrap();
    assert_eq!(gazetteer.entities.len(), built_in.entities.len() + 1);
    let matcher = Matcher::new(&gazetteer).unwrap();
    let text = format!("Gaza and {cyrillic}");
    let found: Vec<(String, &str)> = matcher
        .find(&text)
        .iter()
        .map(|m| {
            let entity = gazetteer.entity(m.entity);
            (text[m.range()].to_owned(), entity.name.as_str())
        })
        .collect();
    assert_eq!(
        found,
        [
            ("Gaza".to_owned(), "Gaza Strip"),
            (cyrillic.to_owned(), cyrillic)
        ]
    );
    assert_eq!(gazetteer.entity(latin).name, "Gaza Strip");
}

/// A test backend that counts the frames flushed to it.
struct CountingBackend {
    inner: TestBackend,
    flushes: usize,
}

impl Backend for CountingBackend {
    type Error = <TestBackend as Backend>::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a ratatui::buffer::Cell)>,
    {
        self.inner.draw(content)
    }
    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.hide_cursor()
    }
    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.show_cursor()
    }
    fn get_cursor_position(&mut self) -> Result<ratatui::layout::Position, Self::Error> {
        self.inner.get_cursor_position()
    }
    fn set_cursor_position<P: Into<ratatui::layout::Position>>(
        &mut self,
        position: P,
    ) -> Result<(), Self::Error> {
        self.inner.set_cursor_position(position)
    }
    fn clear(&mut self) -> Result<(), Self::Error> {
        self.inner.clear()
    }
    fn clear_region(&mut self, region: ratatui::backend::ClearType) -> Result<(), Self::Error> {
        self.inner.clear_region(region)
    }
    fn size(&self) -> Result<ratatui::layout::Size, Self::Error> {
        self.inner.size()
    }
    fn window_size(&mut self) -> Result<ratatui::backend::WindowSize, Self::Error> {
        self.inner.window_size()
    }
    fn flush(&mut self) -> Result<(), Self::Error> {
        self.flushes += 1;
        self.inner.flush()
    }
}

/// Events arriving in bursts: each `read` hands over one whole burst.
struct Bursts(Vec<Vec<Event>>);

impl tui::Events for Bursts {
    fn read(&mut self, _: std::time::Duration) -> std::io::Result<Vec<Event>> {
        Ok(if self.0.is_empty() {
            vec![Event::Key(KeyEvent::new(
                KeyCode::Char('q'),
                KeyModifiers::NONE,
            ))]
        } else {
            self.0.remove(0)
        })
    }
}

/// Case 36: five hundred resizes that arrive together cost one frame, drawn at the last size.
#[test]
fn a_resize_storm_is_drawn_once_at_the_final_size() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut app = app_over(&[seeds]);
    let storm: Vec<Event> = (0..500u16)
        .map(|i| Event::Resize(40 + i % 160, 10 + i % 50))
        .chain(std::iter::once(Event::Resize(100, 30)))
        .collect();
    let backend = CountingBackend {
        inner: TestBackend::new(100, 30),
        flushes: 0,
    };
    let mut terminal = Terminal::new(backend).unwrap();
    let mut events = Bursts(vec![storm]);
    let mut timing = tui::Timing::start();
    tui::event_loop(
        &mut terminal,
        &mut app,
        &gazette::ui::theme::Theme::new(true),
        &mut events,
        &mut tui::NoHost,
        tui::Workers::default(),
        &mut timing,
    )
    .unwrap();
    assert_eq!(
        terminal.backend().flushes,
        2,
        "the first frame and one after the storm"
    );
    assert_eq!(app.size, (100, 30));
}

/// `tests/HOSTILE.md` lists all forty cases in order, each with at least one test, and every
/// test it names exists in the file it names.
#[test]
fn the_hostile_input_table_covers_every_case_with_tests_that_exist() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let table = std::fs::read_to_string(root.join("tests/HOSTILE.md")).unwrap();
    let rows: Vec<&str> = table.lines().filter(|l| l.starts_with("| ")).collect();
    let numbered: Vec<&str> = rows
        .iter()
        .filter(|row| row[2..].starts_with(|c: char| c.is_ascii_digit()))
        .copied()
        .collect();
    let numbers: Vec<String> = numbered
        .iter()
        .map(|row| row.split('|').nth(1).unwrap().trim().to_owned())
        .collect();
    // The forty cases of the catalogue, then those found since, numbered on.
    let expected: Vec<String> = (1..=numbers.len().max(40)).map(|n| n.to_string()).collect();
    assert_eq!(numbers, expected);
    let web: Vec<&str> = rows
        .iter()
        .filter(|row| row.starts_with("| W") && row[3..].starts_with(|c: char| c.is_ascii_digit()))
        .copied()
        .collect();
    let labels: Vec<String> = web
        .iter()
        .map(|row| row.split('|').nth(1).unwrap().trim().to_owned())
        .collect();
    let expected: Vec<String> = (1..=5).map(|n| format!("W{n}")).collect();
    assert_eq!(labels, expected, "the web's rows");
    for row in numbered.into_iter().chain(web) {
        assert_tests_exist(root, row);
    }
}

/// Every test a table row names exists, and it names one at least.
fn assert_tests_exist(root: &Path, row: &str) {
    let references = test_references(row);
    assert!(!references.is_empty(), "no test for: {row}");
    for (file, test) in references {
        let source = std::fs::read_to_string(root.join(&file))
            .unwrap_or_else(|error| panic!("{file}: {error}"));
        assert!(
            source.contains(&format!("fn {test}(")),
            "{file} has no test {test}"
        );
    }
}

/// The `` `path.rs::test` `` references in a table row.
fn test_references(row: &str) -> Vec<(String, &str)> {
    row.split('`')
        .skip(1)
        .step_by(2)
        .filter_map(|code| code.split_once(".rs::"))
        .map(|(file, test)| (format!("{file}.rs"), test))
        .collect()
}
