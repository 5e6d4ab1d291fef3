//! The byte-level render oracle: hostile articles, loaded the way the reader loads them, are
//! drawn through the real crossterm backend into a byte sink, and a terminal emulator
//! (`vt100`) replays the bytes.
//!
//! Nothing an article or its file name holds may reach the terminal as a control: the
//! emulator must see no title, clipboard write, bell, or escape or character it does not
//! know, and the emulated screen must show exactly what ratatui meant to draw, with the
//! articles' words and none of their escape sequences' remains.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use gazette::app::{Action, App, Corpus, keymap};
use gazette::gazetteer::{Gazetteer, Kind, LayerSource};
use gazette::index::Index;
use gazette::matcher::Matcher;
use gazette::text::is_unsafe_char;
use gazette::ui::theme::Theme;
use ratatui::backend::CrosstermBackend;
use ratatui::buffer::{Buffer, CellWidth};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use std::io::Write;
use std::path::Path;
use std::sync::{Arc, Mutex};
use unicode_width::UnicodeWidthChar;

/// The hostile corpus: file names and contents, in the order the reader lists them.
fn hostile_files() -> Vec<(&'static str, String)> {
    let zalgo = format!("Z{}algo", "\u{301}".repeat(1000));
    vec![
        (
            "01 \u{1b}]0;pwned\u{7}escapes\u{1b}[2J.txt",
            "Escapes \u{1b}]0;x\u{7}in the headline\n\
             CSI spoof: Hamas said\u{1b}[2A\u{1b}[2K the talks went well.\n\
             Clipboard: \u{1b}]52;c;ZWNobyBwd25lZA==\u{7}Witkoff met them.\n\
             Reports: \u{1b}[21t title \u{1b}[c attributes \u{1b}P$q\"p\u{1b}\\ status in Doha.\n\
             Link: \u{1b}]8;;http://evil\u{7}bank.example\u{1b}]8;;\u{7} moves Gaza money.\n\
             C1: \u{9b}31mred \u{9d}0;osc\u{7}gone \u{90}q\u{9c}dcs \u{9a}decid in Israel.\n\
             Bells\u{7}\u{7}\u{7}\u{7}\u{7}\u{7}\u{7}\u{7} and _\u{8}X overstrike, \
             vt\u{b}ff\u{c} so\u{e}si\u{f} del\u{7f} in Qatar.\n\
             Lone CSI at the end \u{1b}[\n\
             Unterminated title \u{1b}]0;never-ends here\n\
             Netanyahu still shows.\n"
                .to_owned(),
        ),
        (
            "02 bidi \u{202e}txt.exe\nsecond line.txt",
            format!(
                "Right-to-left \u{202e}Gaza\u{202c} news\n\
                 Overrides \u{202a}a\u{202b}b\u{202d}c\u{2066}d\u{2067}e\u{2068}f\u{2069} \u{61c}Hamas.\n\
                 שלום from Witkoff in ירושלים and Gaza, 2025.\n\
                 مرحبا Hamas في الدوحة 12 and Doha.\n\
                 Invisible: Ga\u{200b}za, W\u{2060}itkoff, \u{feff}bom, soft\u{ad}hyphen, \
                 tags\u{e0041}\u{e0042}, lrm\u{200e}rlm\u{200f}.\n\
                 {zalgo} ends here.\n"
            ),
        ),
        (
            "03 wide\u{1b}[31m\u{9b}1m.txt",
            format!(
                "Wide graphemes 漢字 at the edges\n\
                 CJK {} fullwidth ＡＢＣＤ Gaza {}\n\
                 Family 👨\u{200d}👩\u{200d}👧 flag 🇮🇱 skin 👍🏽 keycap 1\u{fe0f}\u{20e3} Hamas\n\
                 NFD: Que\u{301}bec and cafe\u{301} near Doha\n\
                 \tTabbed\tquote\twith Witkoff\n\
                 name\tcount\nGaza\t29\n\
                 lone\rCR nel\u{85}NEL ls\u{2028}LS ps\u{2029}PS crlf\r\nend\n",
                "漢字".repeat(40),
                "ab漢".repeat(40),
            ),
        ),
        (
            "04 ends in an OSC.txt",
            "Never ending\nIsrael and Gaza\n\u{1b}]0;never-ends".to_owned(),
        ),
        (
            "05 ends in ESC.txt",
            "Trailing escape\nHamas and Egypt\u{1b}".to_owned(),
        ),
    ]
}

/// Text with NUL bytes, which the reader refuses as binary when it reads a file, so it is
/// cleaned as text, under a name cleaned as every input's name is.
const WITH_NULS: (&str, &[u8]) = (
    "06 nul\x1b]0;x\x07.txt",
    b"NUL bytes\nnul\0 between Hamas\0\0and Gaza\n",
);

/// A reader over the hostile corpus, loaded from disk as the reader loads a folder.
fn hostile_app(dir: &Path, color: bool) -> App {
    let gazetteer = Gazetteer::load(&[LayerSource::built_in()]).unwrap();
    let matcher = Matcher::new(&gazetteer).unwrap();
    let (inputs, problems) = gazette::corpus::list_inputs(&[dir.to_path_buf()]);
    assert!(problems.is_empty(), "{problems:?}");
    let (loaded, problems) =
        gazette::loader::load_all(&inputs, &matcher, gazetteer.entities.len(), |_, _| {});
    assert!(problems.is_empty(), "{problems:?}");
    let mut articles = loaded.articles.to_vec();
    let name = gazette::corpus::display_path(Path::new(WITH_NULS.0));
    articles.extend(gazette::corpus::articles_of(&name, WITH_NULS.1));
    assert_eq!(articles.len(), hostile_files().len() + 1);
    let corpus = Corpus {
        index: Index::build(&articles, &matcher, gazetteer.entities.len()).into(),
        articles: articles.into(),
        complete: true,
    };
    App::new(gazetteer, corpus, color)
}

fn write_corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in hostile_files() {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

/// A writer whose bytes stay readable while the terminal owns it.
#[derive(Clone, Default)]
struct Sink(Arc<Mutex<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Sink {
    fn take(&self) -> Vec<u8> {
        std::mem::take(&mut *self.0.lock().unwrap())
    }
}

/// Everything the emulator saw that drawing must never cause.
#[derive(Debug, Default)]
struct Oracle {
    alarms: Vec<String>,
}

impl Oracle {
    fn alarm(&mut self, what: String) {
        self.alarms.push(what);
    }
}

impl vt100::Callbacks for Oracle {
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.alarm("audible bell".into());
    }
    fn visual_bell(&mut self, _: &mut vt100::Screen) {
        self.alarm("visual bell".into());
    }
    fn resize(&mut self, _: &mut vt100::Screen, request: (u16, u16)) {
        self.alarm(format!("resize to {request:?}"));
    }
    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.alarm(format!("icon name {:?}", String::from_utf8_lossy(name)));
    }
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.alarm(format!("window title {:?}", String::from_utf8_lossy(title)));
    }
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _: &[u8], data: &[u8]) {
        self.alarm(format!("clipboard {:?}", String::from_utf8_lossy(data)));
    }
    fn paste_from_clipboard(&mut self, _: &mut vt100::Screen, _: &[u8]) {
        self.alarm("clipboard read".into());
    }
    fn unhandled_char(&mut self, _: &mut vt100::Screen, c: char) {
        self.alarm(format!("unhandled char {c:?}"));
    }
    fn unhandled_control(&mut self, _: &mut vt100::Screen, b: u8) {
        self.alarm(format!("unhandled control {b:#04x}"));
    }
    fn unhandled_escape(&mut self, _: &mut vt100::Screen, i1: Option<u8>, i2: Option<u8>, b: u8) {
        self.alarm(format!(
            "unhandled escape {i1:?} {i2:?} {:?}",
            char::from(b)
        ));
    }
    fn unhandled_csi(
        &mut self,
        _: &mut vt100::Screen,
        i1: Option<u8>,
        i2: Option<u8>,
        params: &[&[u16]],
        c: char,
    ) {
        // The backend ends every frame by resetting the underline colour, which the emulator
        // does not model; anything else is an alarm.
        if !(c == 'm' && params == [&[59]] && i1.is_none() && i2.is_none()) {
            self.alarm(format!("unhandled CSI {i1:?} {i2:?} {params:?} {c:?}"));
        }
    }
    fn unhandled_osc(&mut self, _: &mut vt100::Screen, params: &[&[u8]]) {
        let params: Vec<_> = params.iter().map(|p| String::from_utf8_lossy(p)).collect();
        self.alarm(format!("unhandled OSC {params:?}"));
    }
}

/// One fixed viewport drawn through the crossterm backend, watched by an emulated terminal one
/// column and one row larger, so that anything drawn outside the viewport shows.
struct Emulated {
    terminal: Terminal<CrosstermBackend<Sink>>,
    sink: Sink,
    parser: vt100::Parser<Oracle>,
    area: Rect,
    /// Whether the last frame held a cluster the emulator measures differently, which can
    /// leave stray glyphs that later diffs never repaint: the next frame starts afresh.
    stale: bool,
}

impl Emulated {
    fn new(width: u16, height: u16) -> Emulated {
        let sink = Sink::default();
        let area = Rect::new(0, 0, width, height);
        let terminal = Terminal::with_options(
            CrosstermBackend::new(sink.clone()),
            TerminalOptions {
                viewport: Viewport::Fixed(area),
            },
        )
        .unwrap();
        let parser = vt100::Parser::new_with_callbacks(height + 1, width + 1, 0, Oracle::default());
        Emulated {
            terminal,
            sink,
            parser,
            area,
            stale: false,
        }
    }

    /// Draws `app`, replays the bytes, and checks the emulated screen against the frame;
    /// returns the screen's text.
    fn draw(&mut self, app: &mut App, state: &str) -> String {
        if self.stale {
            *self = Emulated::new(self.area.width, self.area.height);
        }
        app.update(Action::Resize {
            width: self.area.width,
            height: self.area.height,
        });
        let frame = self
            .terminal
            .draw(|frame| frame.render_widget(&*app, frame.area()))
            .unwrap()
            .buffer
            .clone();
        self.parser.process(&self.sink.take());
        let context = format!("{state} at {}x{}", self.area.width, self.area.height);
        let alarms = std::mem::take(&mut self.parser.callbacks_mut().alarms);
        assert!(alarms.is_empty(), "{context}: {alarms:?}");
        self.check_screen(&frame, &context);
        self.parser.screen().contents()
    }

    /// No cell holds a control or invisible character, and every row the emulator measures
    /// as ratatui does (and that is not below one it does not) shows exactly the frame's
    /// cells, with nothing beyond the viewport.
    fn check_screen(&mut self, frame: &Buffer, context: &str) {
        let screen = self.parser.screen();
        let (rows, columns) = screen.size();
        let mut above_differs = false;
        for y in 0..rows {
            let shown = emulated_row(screen, y, columns);
            assert!(
                !shown.chars().any(is_unsafe_char),
                "{context}: row {y} shows {shown:?}"
            );
            let expected = if y < self.area.height {
                expected_row(frame, y)
            } else {
                Some(" ".repeat(usize::from(columns)))
            };
            match expected {
                Some(expected) if !above_differs => {
                    assert_eq!(shown, expected, "{context}: row {y}");
                }
                Some(_) => above_differs = false,
                None => {
                    above_differs = true;
                    self.stale = true;
                }
            }
        }
    }
}

/// Row `y` of the emulated screen, a space for each empty cell.
fn emulated_row(screen: &vt100::Screen, y: u16, columns: u16) -> String {
    let mut row = String::new();
    for x in 0..columns {
        let Some(cell) = screen.cell(y, x) else {
            continue;
        };
        if cell.is_wide_continuation() {
            continue;
        }
        match cell.contents() {
            "" => row.push(' '),
            symbol => row.push_str(symbol),
        }
    }
    row
}

/// Row `y` of the frame as the emulator should show it (plus the empty column beyond), or
/// `None` when it holds a grapheme cluster the emulator measures differently (ZWJ sequences,
/// flags, keycaps: how wide those are depends on the terminal).
fn expected_row(frame: &Buffer, y: u16) -> Option<String> {
    let mut row = String::new();
    let mut x = frame.area.x;
    while x < frame.area.right() {
        let symbol = frame[(x, y)].symbol();
        let width = symbol.cell_width();
        if width != terminal_width(symbol) {
            return None;
        }
        row.push_str(symbol);
        x += width.max(1);
    }
    row.push(' ');
    Some(row)
}

/// The cells a terminal that advances character by character gives `symbol`.
fn terminal_width(symbol: &str) -> u16 {
    let width: usize = symbol.chars().map(|c| c.width().unwrap_or(0)).sum();
    u16::try_from(width).unwrap_or(u16::MAX)
}

/// Key presses written as text: `<Enter>`, `<Esc>`, `<Tab>`, `<PgUp>`, `<PgDn>`; any other
/// character is typed.
fn keys(script: &str) -> Vec<KeyCode> {
    let mut codes = Vec::new();
    let mut rest = script;
    while let Some(c) = rest.chars().next() {
        let named = [
            ("<Enter>", KeyCode::Enter),
            ("<Esc>", KeyCode::Esc),
            ("<Tab>", KeyCode::Tab),
            ("<PgUp>", KeyCode::PageUp),
            ("<PgDn>", KeyCode::PageDown),
        ]
        .into_iter()
        .find(|(name, _)| rest.starts_with(name));
        if let Some((name, code)) = named {
            codes.push(code);
            rest = &rest[name.len()..];
        } else {
            codes.push(KeyCode::Char(c));
            rest = &rest[c.len_utf8()..];
        }
    }
    codes
}

fn press(app: &mut App, script: &str) {
    for code in keys(script) {
        let event = KeyEvent::new(code, KeyModifiers::NONE);
        if let Some(action) = keymap::action_for(app.scope(), &event) {
            app.update(action);
        }
    }
}

/// Keys pressed one after the other (from the first article), and text the screen then
/// shows when it is large enough.
const SCRIPT: &[(&str, &[&str])] = &[
    (
        "",
        &[
            "said the talks went well",
            "bank.example",
            "Witkoff met them",
        ],
    ),
    ("j", &["Netanyahu still shows"]),
    ("]", &["Right-to-left Gaza news", "ends here"]),
    ("]", &["Québec", "Tabbed"]),
    ("G", &["end"]),
    ("]", &["Israel and Gaza"]),
    ("]", &["Hamas and Egypt"]),
    ("]", &["between Hamasand Gaza"]),
    ("[[[[[", &["bank.example"]),
    ("fGaza<Enter>", &["Gaza Strip: mention 1 of"]),
    ("n", &["Gaza Strip: mention 2 of"]),
    ("nnn", &["Gaza Strip: mention 5 of"]),
    ("nnnnnnnn", &[]),
    ("N", &[]),
    ("|", &["side by side │"]),
    ("nN]<Tab>[jj<PgDn>", &["side by side │"]),
    ("<Esc>", &[]),
    ("/bank<Enter>", &["bank.example"]),
    ("n", &[]),
    ("<Esc>", &[]),
    ("v", &["Passages:"]),
    ("<PgDn>", &[]),
    ("v", &[]),
    ("?", &["Help 1–"]),
    ("jjj", &[]),
    ("?", &[]),
    ("c", &["Coverage:"]),
    ("jl", &[]),
    ("<Esc>", &[]),
    ("K", &["Concordance:"]),
    ("<Tab>", &["Shares paragraphs with"]),
    ("<Esc>", &[]),
    ("a", &["Names the gazetteer lacks"]),
    ("j", &[]),
    ("<Esc>", &[]),
    ("<Tab>j<Enter>", &[]),
    ("<Tab>j<Enter>", &[]),
    ("<Tab>", &[]),
    ("G<PgUp>", &[]),
    ("sPOLM", &[]),
    ("POLMe", &[]),
    ("e", &[]),
];

/// What an escape sequence leaves behind when only its control bytes are dropped.
const REMNANTS: &[&str] = &[
    "[2A",
    "[2K",
    "]52",
    "ZWNob",
    "[31m",
    "31m",
    "]0;",
    "pwned",
    "never-ends",
    "8;;",
    "http://evil",
    "[21t",
    "$q",
    "0;osc",
];

const SIZES: &[(u16, u16)] = &[
    (1, 1),
    (2, 2),
    (20, 5),
    (39, 10),
    (40, 10),
    (41, 11),
    (80, 24),
    (79, 23),
    (120, 40),
    (133, 17),
    (200, 60),
    (250, 3),
    (3, 50),
];

/// Whether the screen is large enough for the expected text to be checked.
fn roomy((width, height): (u16, u16)) -> bool {
    width >= 120 && height >= 40
}

fn run_script(dir: &Path, color: bool, size: (u16, u16)) {
    let mut app = hostile_app(dir, color);
    let mut screen = Emulated::new(size.0, size.1);
    for (step, (script, expected)) in SCRIPT.iter().enumerate() {
        press(&mut app, script);
        // The event loop runs jobs (finding names, searching) apart; here they run in place.
        while let Some(job) = app.take_job() {
            app.absorb(job.run());
        }
        let state = format!("step {step} {script:?} (colour {color})");
        let text = screen.draw(&mut app, &state);
        for remnant in REMNANTS {
            assert!(!text.contains(remnant), "{state}: {remnant:?} in\n{text}");
        }
        if roomy(size) {
            let text = if color { text } else { without_markers(&text) };
            for wanted in *expected {
                assert!(text.contains(wanted), "{state}: no {wanted:?} in\n{text}");
            }
        }
    }
}

/// The screen without the kind markers drawn before mentions when colour is off.
fn without_markers(text: &str) -> String {
    let markers: String = Kind::ALL
        .iter()
        .map(|&kind| Theme::marker_of(kind))
        .collect();
    text.replace(|c| markers.contains(c), "")
}

#[test]
fn hostile_articles_reach_the_terminal_as_plain_text_only() {
    let dir = write_corpus();
    for &size in SIZES {
        for color in [true, false] {
            run_script(dir.path(), color, size);
        }
    }
}

#[test]
fn without_colour_mentions_carry_their_markers() {
    let dir = write_corpus();
    let mut app = hostile_app(dir.path(), false);
    let text = Emulated::new(120, 40).draw(&mut app, "the first article");
    assert!(text.contains("#Hamas said"), "{text}");
    assert!(text.contains("@Witkoff met them"), "{text}");
}

#[test]
fn file_names_are_shown_sanitized() {
    let dir = write_corpus();
    let mut app = hostile_app(dir.path(), true);
    let mut screen = Emulated::new(120, 40);
    let names = [
        "01 escapes.txt",
        "02 bidi txt.exe␤second line.txt",
        "03 wide.txt",
        "04 ends in an OSC.txt",
        "05 ends in ESC.txt",
        "06 nul.txt",
    ];
    for (step, name) in names.iter().enumerate() {
        let text = screen.draw(&mut app, name);
        let status = text.lines().last().unwrap();
        // The reader names a source by its label (here its title); the file name is kept,
        // sanitized, for saved positions and the reports.
        assert_eq!(
            app.corpus.articles[step].file.rsplit('/').next(),
            Some(*name)
        );
        let label = app.label(step).to_owned();
        assert!(
            status.contains(&label),
            "{step}: no {label:?} in {status:?}"
        );
        press(&mut app, "]");
    }
}

/// The oracle itself: each thing it guards against, written straight to the emulator, raises
/// an alarm (so a quiet oracle means something).
#[test]
fn the_oracle_hears_what_it_guards_against() {
    let table: &[(&str, &str)] = &[
        ("\u{1b}]0;x\u{7}", "window title"),
        ("\u{1b}]2;x\u{7}", "window title"),
        ("\u{1b}]52;c;ZWNobyBwd25lZA==\u{7}", "clipboard"),
        ("a\u{7}", "audible bell"),
        ("\u{9b}31m", "unhandled control"),
        ("\u{1b}P$q\"p\u{1b}\\", "unhandled"),
        ("\u{1b}[21t", "unhandled CSI"),
        ("\u{1b}#8", "unhandled escape"),
        ("\u{1b}]8;;http://evil\u{7}", "unhandled OSC"),
    ];
    for (bytes, alarm) in table {
        let mut parser = vt100::Parser::new_with_callbacks(5, 20, 0, Oracle::default());
        parser.process(bytes.as_bytes());
        let alarms = &parser.callbacks().alarms;
        assert!(
            alarms.iter().any(|a| a.starts_with(alarm)),
            "{bytes:?}: {alarms:?}"
        );
    }
}
