//! The real binary in a pseudo-terminal, read back through a terminal emulator (`vt100`).
//!
//! Every run gets its own configuration and data directories, so nothing outside the
//! test's temporary directory is read or written.

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const ROWS: u16 = 40;
const COLS: u16 = 120;

/// What the emulated terminal saw that content must never cause.
#[derive(Debug, Default)]
struct Oracle {
    titles: Vec<Vec<u8>>,
    clipboard: usize,
    bells: usize,
}

impl vt100::Callbacks for Oracle {
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.titles.push(title.to_vec());
    }
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _: &[u8], _: &[u8]) {
        self.clipboard += 1;
    }
}

struct Session {
    /// Tells the thread that reads the terminal to let go of it after its next read.
    stop_reading: Arc<std::sync::atomic::AtomicBool>,
    parser: Arc<Mutex<vt100::Parser<Oracle>>>,
    raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
}

impl Session {
    fn start(home: &Path, command: &str, args: &[&str], env: &[(&str, &str)]) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut builder = CommandBuilder::new(command);
        builder.args(args);
        builder.cwd(home);
        builder.env("TERM", "xterm-256color");
        builder.env("GAZETTE_CONFIG_DIR", home.join("config"));
        builder.env("GAZETTE_DATA_DIR", home.join("data"));
        builder.env_remove("NO_COLOR");
        for (key, value) in env {
            builder.env(key, value);
        }
        let child = pair.slave.spawn_command(builder).unwrap();
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new_with_callbacks(
            ROWS,
            COLS,
            0,
            Oracle::default(),
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let (feed, log) = (Arc::clone(&parser), Arc::clone(&raw));
        let stop_reading = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let stop = Arc::clone(&stop_reading);
        std::thread::spawn(move || {
            let mut chunk = [0u8; 8192];
            while let Ok(n) = reader.read(&mut chunk) {
                if n == 0 || stop.load(std::sync::atomic::Ordering::SeqCst) {
                    break;
                }
                feed.lock().unwrap().process(&chunk[..n]);
                log.lock().unwrap().extend_from_slice(&chunk[..n]);
            }
        });
        let writer = pair.master.take_writer().unwrap();
        Session {
            stop_reading,
            parser,
            raw,
            writer,
            child,
            _master: pair.master,
        }
    }

    fn reader(home: &Path, args: &[&str]) -> Session {
        Session::start(home, env!("CARGO_BIN_EXE_gazette"), args, &[])
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    fn wait_for(&self, what: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if self.screen().contains(what) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("timed out waiting for {what:?}; screen:\n{}", self.screen());
    }

    fn keys(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(60));
    }

    fn signal(&self, name: &str) {
        let pid = self.child.process_id().unwrap().to_string();
        let status = std::process::Command::new("kill")
            .args([name, &pid])
            .status()
            .unwrap();
        assert!(status.success());
    }

    fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader thread take the last bytes.
                std::thread::sleep(Duration::from_millis(100));
                return status.exit_code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("the reader did not exit; screen:\n{}", self.screen());
    }

    /// Closes the terminal's other end, as when a window is closed; returns the reader.
    fn hang_up(mut self) -> Box<dyn Child + Send + Sync> {
        // The reading thread holds a copy of the terminal: a key makes the reader draw, which
        // wakes that thread so that it can let go.
        self.stop_reading
            .store(true, std::sync::atomic::Ordering::SeqCst);
        self.keys("j");
        std::thread::sleep(Duration::from_millis(300));
        let Session {
            writer,
            child,
            _master: master,
            ..
        } = self;
        drop(writer);
        drop(master);
        child
    }

    fn assert_restored(&self) {
        let parser = self.parser.lock().unwrap();
        let screen = parser.screen();
        assert!(!screen.alternate_screen(), "alternate screen left");
        assert!(!screen.hide_cursor(), "cursor visible");
        let raw = self.raw.lock().unwrap();
        let text = String::from_utf8_lossy(&raw);
        assert!(text.contains("\u{1b}[?1049l"), "left the alternate screen");
        assert!(text.contains("\u{1b}[?1000l"), "mouse capture released");
        let oracle = parser.callbacks();
        assert!(oracle.titles.is_empty(), "title set: {:?}", oracle.titles);
        assert_eq!(oracle.clipboard, 0);
        assert_eq!(oracle.bells, 0);
    }
}

#[test]
fn read_follow_an_entity_across_sources_and_quit() {
    let home = tempfile::tempdir().unwrap();
    let mut session = Session::reader(home.path(), &[]);
    session.wait_for("Sources 6");
    session.wait_for("1/6 The Times of Israel");
    session.keys("]");
    session.wait_for("2/6 001_080e800688616bee.txt");
    session.keys("f");
    session.wait_for("find entity:");
    session.keys("Dermer");
    session.wait_for("find entity: Dermer");
    session.keys("\r");
    session.wait_for("Ron Dermer: mention 1 of 10");
    let first = session.screen();
    assert!(first.contains("3/6"), "{first}");
    session.keys("n");
    session.wait_for("Ron Dermer: mention 2 of 10");
    for _ in 2..10 {
        session.keys("n");
    }
    session.wait_for("Ron Dermer: mention 10 of 10");
    assert!(
        session.screen().contains("6/6"),
        "n crossed into the last source"
    );
    session.keys("q");
    assert_eq!(session.wait_exit(), 0);
    session.assert_restored();

    // The position is remembered for this corpus.
    let saved = std::fs::read_dir(home.path().join("data/positions"))
        .unwrap()
        .count();
    assert_eq!(saved, 1);
    let mut again = Session::reader(home.path(), &[]);
    again.wait_for("6/6");
    again.wait_for("Ron Dermer: 10 mentions");
    again.keys("q");
    assert_eq!(again.wait_exit(), 0);
}

const HOSTILE: &str = "Hostile \u{1b}]0;pwned\u{7}title\n\
CSI \u{1b}[2A\u{1b}[2Kspoof and clipboard \u{1b}]52;c;ZWNobyBwd25lZA==\u{7}write.\n\
Link \u{1b}]8;;http://evil\u{7}bank.example\u{1b}]8;;\u{7} and C1 \u{9b}31m \u{9d}x \u{90}y.\n\
Queries \u{1b}[21t \u{1b}[c \u{1b}P$q\"p\u{1b}\\ bell\u{7}\u{7} BiDi \u{202e}Hamas\u{202c} and Ga\u{200b}za.\n\
Wide 漢字漢字 👨\u{200d}👩\u{200d}👧 and Zalgo Z\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}.\n\
Unterminated \u{1b}]0;never-ends";

#[test]
fn hostile_content_never_reaches_the_terminal() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("hostile\u{1b}[31m.txt");
    std::fs::write(&file, HOSTILE).unwrap();
    let mut session = Session::reader(home.path(), &[file.to_str().unwrap()]);
    session.wait_for("bank.example");
    let screen = session.screen();
    assert!(screen.contains("spoof and clipboard"), "{screen}");
    assert!(
        !screen.contains("[2A") && !screen.contains("52;c"),
        "{screen}"
    );
    assert!(screen.contains("Hamas and Gaza"), "{screen}");
    session.keys("G]fHamas\r");
    session.wait_for("Hamas: mention 1 of 1");
    session.keys("q");
    assert_eq!(session.wait_exit(), 0);
    session.assert_restored();
}

#[test]
fn sigterm_and_sighup_restore_the_terminal() {
    for signal in ["-TERM", "-HUP"] {
        let home = tempfile::tempdir().unwrap();
        let mut session = Session::reader(home.path(), &[]);
        session.wait_for("Sources 6");
        session.signal(signal);
        assert_eq!(session.wait_exit(), 0, "{signal}");
        session.assert_restored();
    }
}

#[test]
fn a_closed_terminal_ends_the_reader_and_keeps_the_position() {
    let home = tempfile::tempdir().unwrap();
    let mut session = Session::reader(home.path(), &[]);
    session.wait_for("Sources 6");
    session.keys("]");
    session.wait_for("2/6");
    let mut child = session.hang_up();
    let deadline = Instant::now() + Duration::from_secs(20);
    while child.try_wait().unwrap().is_none() {
        assert!(
            Instant::now() < deadline,
            "the reader kept running after its terminal closed"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let positions = home.path().join("data").join("positions");
    let saved: Vec<_> = std::fs::read_dir(&positions).unwrap().collect();
    assert_eq!(saved.len(), 1);
    let text = std::fs::read_to_string(saved[0].as_ref().unwrap().path()).unwrap();
    assert!(text.contains("001_080e800688616bee.txt"), "{text}");
}

#[test]
fn no_terminal_no_escape_bytes() {
    let home = tempfile::tempdir().unwrap();
    let binary = env!("CARGO_BIN_EXE_gazette");
    let cases = [
        (format!("{binary} < /dev/null"), vec![]),
        (binary.to_owned(), vec![("TERM", "dumb")]),
    ];
    for (script, env) in cases {
        let mut session = Session::start(home.path(), "sh", &["-c", &script], &env);
        assert_eq!(session.wait_exit(), 1, "{script}");
        let raw = session.raw.lock().unwrap().clone();
        let text = String::from_utf8_lossy(&raw);
        assert!(text.contains("needs an interactive terminal"), "{text}");
        assert!(!raw.contains(&0x1b), "escape bytes written: {text:?}");
    }
}

#[test]
fn coverage_and_concordance_open_and_the_reader_quits_cleanly() {
    let home = tempfile::tempdir().unwrap();
    let mut session = Session::reader(home.path(), &[]);
    session.wait_for("Sources 6");
    session.keys("c");
    session.wait_for("Coverage: 49 entities × 6 sources");
    session.wait_for("Left out: what most other sources name");
    session.keys("jl\r");
    session.wait_for("Donald Trump: mention");
    session.wait_for("2/6");
    session.keys("K");
    session.wait_for("Concordance: Donald Trump");
    session.wait_for("How each source names it");
    session.keys("\u{1b}");
    std::thread::sleep(Duration::from_millis(200));
    session.wait_for("Entities 49");
    session.keys("q");
    assert_eq!(session.wait_exit(), 0);
    session.assert_restored();
}

#[test]
fn a_name_added_from_the_reader_is_there_after_a_restart() {
    let home = tempfile::tempdir().unwrap();
    let mut session = Session::reader(home.path(), &[]);
    session.wait_for("Sources 6");
    session.keys("a");
    session.wait_for("Names the gazetteer lacks");
    session.keys("jjj");
    session.keys("a");
    session.wait_for("as: p person");
    session.keys("o");
    session.wait_for("mentions now matched");
    assert!(session.screen().contains("as an organization"));
    session.keys("q");
    std::thread::sleep(Duration::from_millis(200));
    session.keys("q");
    assert_eq!(session.wait_exit(), 0);
    session.assert_restored();
    let written = std::fs::read_to_string(home.path().join("config/gazetteer.json")).unwrap();
    assert!(written.contains(r#""kind":"organization""#), "{written}");

    let mut again = Session::reader(home.path(), &[]);
    again.wait_for("Entities 50");
    again.keys("q");
    assert_eq!(again.wait_exit(), 0);
}
