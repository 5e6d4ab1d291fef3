//! The real binary in a pseudo-terminal, read back through a terminal emulator (`vt100`).
//!
//! Every run gets its own configuration and data directories under the test's home, so
//! nothing outside the test's temporary directory is read or written. Each test crate that
//! includes this file uses part of it.
#![allow(dead_code)]

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// Proxy variables taken out of a test's environment, so its requests go straight to the
/// test's own server on 127.0.0.1.
pub const PROXY_VARIABLES: [&str; 6] = [
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
    "http_proxy",
    "https_proxy",
    "all_proxy",
];
use std::time::{Duration, Instant};

/// The seeds' second source, the one `]` opens first.
pub const SECOND_SOURCE: &str = "001_080e800688616bee.txt";

pub const ROWS: u16 = 40;
pub const COLS: u16 = 120;

/// How long any wait lasts before the test fails.
const PATIENCE: Duration = Duration::from_secs(20);

/// What the emulated terminal saw that content must never cause.
#[derive(Debug, Default)]
pub struct Oracle {
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

/// One program running in a pseudo-terminal ([`ROWS`] × [`COLS`] unless sized).
pub struct Session {
    /// Tells the thread that reads the terminal to let go of it after its next read.
    stop_reading: Arc<AtomicBool>,
    parser: Arc<Mutex<vt100::Parser<Oracle>>>,
    /// Every byte the program wrote, in order.
    pub raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
}

/// Polls `done` every 20 ms until it holds; panics with `what` and `context()` after
/// [`PATIENCE`].
pub fn wait_until(what: &str, mut done: impl FnMut() -> bool, context: impl Fn() -> String) {
    let deadline = Instant::now() + PATIENCE;
    while Instant::now() < deadline {
        if done() {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("timed out waiting for {what}; {}", context());
}

impl Session {
    /// Runs `command` with `args` in `home`, with `env` added.
    pub fn start(home: &Path, command: &str, args: &[&str], env: &[(&str, &str)]) -> Session {
        Session::start_sized(home, command, args, env, (COLS, ROWS))
    }

    /// As [`Session::start`], in a terminal of `(columns, rows)`.
    pub fn start_sized(
        home: &Path,
        command: &str,
        args: &[&str],
        env: &[(&str, &str)],
        (cols, rows): (u16, u16),
    ) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
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
        builder.env("GAZETTE_CACHE_DIR", home.join("cache"));
        for proxy in PROXY_VARIABLES {
            builder.env_remove(proxy);
        }
        builder.env_remove("NO_COLOR");
        for (key, value) in env {
            builder.env(key, value);
        }
        let child = pair.slave.spawn_command(builder).unwrap();
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new_with_callbacks(
            rows,
            cols,
            0,
            Oracle::default(),
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let reader = pair.master.try_clone_reader().unwrap();
        let stop_reading = Arc::new(AtomicBool::new(false));
        read_in_background(reader, &parser, &raw, &stop_reading);
        let writer = pair.master.take_writer().unwrap();
        Session {
            stop_reading,
            parser,
            raw,
            writer,
            child,
            master: pair.master,
        }
    }

    /// The reader (`gazette ARGS`).
    pub fn reader(home: &Path, args: &[&str]) -> Session {
        Session::start(home, env!("CARGO_BIN_EXE_gazette"), args, &[])
    }

    /// The screen's text.
    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Whether the first place the screen shows `text` is drawn in italics (`None`: it does
    /// not show it).
    pub fn italic_at(&self, text: &str) -> Option<bool> {
        self.first_cell(text, vt100::Cell::italic)
    }

    /// Whether the first place the screen shows `text` is underlined (`None`: it does not
    /// show it).
    pub fn underlined_at(&self, text: &str) -> Option<bool> {
        self.first_cell(text, vt100::Cell::underline)
    }

    /// What `read` tells of the first cell where the screen shows `text`.
    fn first_cell(&self, text: &str, read: impl Fn(&vt100::Cell) -> bool) -> Option<bool> {
        let parser = self.parser.lock().unwrap();
        let screen = parser.screen();
        let (_, columns) = screen.size();
        let (row, line) = screen
            .rows(0, columns)
            .enumerate()
            .find(|(_, line)| line.contains(text))?;
        let column = line[..line.find(text)?].chars().count();
        let cell = screen.cell(u16::try_from(row).ok()?, u16::try_from(column).ok()?)?;
        Some(read(cell))
    }

    /// Waits until the screen shows `what`.
    pub fn wait_for(&self, what: &str) {
        wait_until(
            &format!("{what:?}"),
            || self.screen().contains(what),
            || format!("screen:\n{}", self.screen()),
        );
    }

    /// Types `keys`, then gives the program a moment to take them.
    pub fn keys(&mut self, keys: &str) {
        self.type_now(keys);
        std::thread::sleep(Duration::from_millis(60));
    }

    /// Types `keys` and goes on at once.
    pub fn type_now(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// The program's process id.
    pub fn pid(&self) -> u32 {
        self.child.process_id().unwrap()
    }

    /// Sends a signal with the shell's `kill`, e.g. `-TERM`.
    pub fn signal(&self, name: &str) {
        let status = std::process::Command::new("sh")
            .args(["-c", "kill \"$0\" \"$1\"", name, &self.pid().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// The process state `/proc` shows: `R` running, `S` sleeping, `T` stopped, …
    pub fn process_state(&self) -> char {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid())).unwrap();
        // "PID (NAME) STATE ...": the name may hold spaces and parentheses.
        let after_name = &stat[stat.rfind(')').unwrap() + 1..];
        after_name.trim_start().chars().next().unwrap()
    }

    /// Waits until the process is in one of `states`.
    pub fn wait_for_state(&self, states: &[char]) {
        wait_until(
            &format!("process state {states:?}"),
            || states.contains(&self.process_state()),
            || format!("state {}; screen:\n{}", self.process_state(), self.screen()),
        );
    }

    /// How many bytes the program has written so far (a mark for [`Session::written_since`]).
    pub fn written(&self) -> usize {
        self.raw.lock().unwrap().len()
    }

    /// The bytes written since `mark`.
    pub fn written_since(&self, mark: usize) -> Vec<u8> {
        self.raw.lock().unwrap()[mark..].to_vec()
    }

    /// Whether the terminal is back in its ordinary line mode (canonical input with echo):
    /// raw mode is off.
    pub fn line_mode(&self) -> bool {
        let termios = self
            .master
            .get_termios()
            .expect("a pseudo-terminal has termios");
        // The flags' `Debug` form lists the names set: `LocalFlags(ECHOKE | ECHO | ICANON …)`.
        let flags = format!("{:?}", termios.local_flags);
        let set: Vec<&str> = flags.split(|c: char| !c.is_ascii_alphanumeric()).collect();
        set.contains(&"ICANON") && set.contains(&"ECHO")
    }

    /// Waits for the program to exit; its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + PATIENCE;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader thread take the last bytes.
                std::thread::sleep(Duration::from_millis(100));
                return status.exit_code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("the program did not exit; screen:\n{}", self.screen());
    }

    /// Closes the terminal's other end, as when a window is closed; returns the program.
    pub fn hang_up(mut self) -> Box<dyn Child + Send + Sync> {
        // The reading thread holds a copy of the terminal: a key makes the reader draw, which
        // wakes that thread so that it can let go.
        self.stop_reading.store(true, Ordering::SeqCst);
        self.keys("j");
        std::thread::sleep(Duration::from_millis(300));
        let Session {
            writer,
            child,
            master,
            ..
        } = self;
        drop(writer);
        drop(master);
        child
    }

    /// The terminal is as the program found it: line mode, main screen, cursor shown, no
    /// mouse reporting or bracketed paste; and content set no title, clipboard or bell.
    pub fn assert_restored(&self) {
        assert!(self.line_mode(), "raw mode left on");
        let parser = self.parser.lock().unwrap();
        let screen = parser.screen();
        assert!(!screen.alternate_screen(), "still on the alternate screen");
        assert!(!screen.hide_cursor(), "cursor still hidden");
        assert_eq!(
            screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse capture still on"
        );
        assert!(!screen.bracketed_paste(), "bracketed paste still on");
        let raw = self.raw.lock().unwrap();
        assert!(
            gives_back(&raw),
            "terminal not given back: {:?}",
            String::from_utf8_lossy(&raw)
        );
        let oracle = parser.callbacks();
        assert!(oracle.titles.is_empty(), "title set: {:?}", oracle.titles);
        assert_eq!(oracle.clipboard, 0);
        assert_eq!(oracle.bells, 0);
    }
}

/// Whether `bytes` leave the alternate screen, show the cursor and stop mouse reporting.
pub fn gives_back(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    ["\u{1b}[?1049l", "\u{1b}[?25h", "\u{1b}[?1000l"]
        .iter()
        .all(|sequence| text.contains(sequence))
}

/// Feeds what the program writes to `parser` and `raw`, on a thread of its own.
fn read_in_background(
    mut reader: Box<dyn Read + Send>,
    parser: &Arc<Mutex<vt100::Parser<Oracle>>>,
    raw: &Arc<Mutex<Vec<u8>>>,
    stop: &Arc<AtomicBool>,
) {
    let (feed, log, stop) = (Arc::clone(parser), Arc::clone(raw), Arc::clone(stop));
    std::thread::spawn(move || {
        let mut chunk = [0u8; 8192];
        while let Ok(n) = reader.read(&mut chunk) {
            if n == 0 || stop.load(Ordering::SeqCst) {
                break;
            }
            feed.lock().unwrap().process(&chunk[..n]);
            log.lock().unwrap().extend_from_slice(&chunk[..n]);
        }
    });
}

/// The reading positions saved under `home` (`data/positions/*.json`), as text.
pub fn saved_positions(home: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(home.join("data").join("positions")) else {
        return Vec::new();
    };
    entries
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .map(|path| std::fs::read_to_string(path).unwrap())
        .collect()
}
