//! The real terminal's host: signal flags, suspending, failed background threads, and the
//! watcher that ends the reader on a signal even while its thread is busy.
//!
//! The event loop looks at the stop flag between frames, which is enough while it waits for
//! input. A frame that takes long (wrapping an article of one 8 MB line, a slow key) would make
//! a signal, or `Ctrl-C`, wait for it; so a watcher thread waits on the ending signals too.
//! When the reader's thread has not ended [`GRACE`] after a signal, the watcher gives the
//! terminal back itself, saves the position of the last frame drawn (a copy taken at each
//! frame, so nothing waits on the busy thread) and exits with 128 + the signal's number.
//!
//! The reader's thread and the watcher each *claim* the ending; the first one ends, the other
//! stands aside.

use super::{Host, restore_terminal, restore_terminal_through};
use crate::app::App;
use crate::state::Saved;
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGXFSZ};
use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

/// How long the reader's thread has to end by itself after an ending signal.
pub const GRACE: Duration = Duration::from_millis(150);

/// The signals that end the reader.
const ENDING: [i32; 4] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT];

/// Environment variable that makes every frame after the first take ten minutes (tests of a
/// busy reader).
pub const STALL_ENV: &str = "GAZETTE_TEST_STALL";

/// Panics of background threads, as the panic hook records them, in order.
pub type Failures = Arc<Mutex<Vec<String>>>;

/// The failures, even if a thread panicked while holding them.
pub fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Saves a reading position (a failure is the saver's to report).
pub type Save = Arc<dyn Fn(&Saved) + Send + Sync>;

/// What the reader's thread and the watcher share.
struct Ending {
    /// Set by whichever ends the reader first.
    claimed: AtomicBool,
    /// The position of the last frame drawn.
    last: Mutex<Option<Saved>>,
    save: Save,
}

impl Ending {
    /// Claims the ending; whether it was still free.
    fn claim(&self) -> bool {
        !self.claimed.swap(true, Ordering::SeqCst)
    }

    /// On an ending signal: gives the reader's thread [`GRACE`] to end, then ends in its
    /// place (the terminal given back, the last position saved, the process gone).
    fn on_signal(&self, signal: i32) {
        let deadline = Instant::now() + GRACE;
        while Instant::now() < deadline {
            if self.claimed.load(Ordering::SeqCst) {
                return;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        if !self.claim() {
            return;
        }
        // Not through standard output: the busy thread may hold it. CAN ends an escape
        // sequence that thread may have left half written.
        if let Ok(mut terminal) = std::fs::OpenOptions::new().write(true).open("/dev/tty") {
            use std::io::Write;
            let _ = terminal.write_all(b"\x18");
            restore_terminal_through(&mut terminal);
        } else {
            let _ = crossterm::terminal::disable_raw_mode();
        }
        if let Some(saved) = lock(&self.last).clone() {
            (self.save)(&saved);
        }
        std::process::exit(128 + signal);
    }
}

/// Signal flags, suspending and failed background threads, for the real terminal.
pub struct TerminalHost {
    stop: Arc<AtomicBool>,
    suspend: Arc<AtomicBool>,
    pub failures: Failures,
    /// How many failures the event loop has been told of.
    reported: usize,
    ending: Arc<Ending>,
}

impl TerminalHost {
    /// Registers the signals and starts the watcher; `save` keeps a position.
    pub fn register(save: Save) -> io::Result<TerminalHost> {
        let stop = Arc::new(AtomicBool::new(false));
        let suspend = Arc::new(AtomicBool::new(false));
        for signal in ENDING {
            signal_hook::flag::register(signal, Arc::clone(&stop))?;
        }
        signal_hook::flag::register(SIGTSTP, Arc::clone(&suspend))?;
        // Over the file size limit (`ulimit -f`), a write then fails with EFBIG, which saving
        // reports, instead of the signal killing the reader in the middle of a save.
        signal_hook::flag::register(SIGXFSZ, Arc::new(AtomicBool::new(false)))?;
        let ending = Arc::new(Ending {
            claimed: AtomicBool::new(false),
            last: Mutex::new(None),
            save,
        });
        let mut signals = signal_hook::iterator::Signals::new(ENDING)?;
        let watcher = Arc::clone(&ending);
        std::thread::Builder::new()
            .name("gazette-signals".to_owned())
            .spawn(move || {
                for signal in signals.forever() {
                    watcher.on_signal(signal);
                }
            })?;
        Ok(TerminalHost {
            stop,
            suspend,
            failures: Failures::default(),
            reported: 0,
            ending,
        })
    }

    /// Every failure recorded in this session.
    pub fn failures(&self) -> Vec<String> {
        lock(&self.failures).clone()
    }

    /// Ends the reader from its own thread: gives the terminal back (if `restore`) and saves
    /// `saved`, unless the watcher is ending it already; then this thread waits for the
    /// process to go.
    pub fn end(&self, restore: bool, saved: Option<Saved>) {
        if !self.ending.claim() {
            loop {
                std::thread::park();
            }
        }
        if restore {
            restore_terminal();
        }
        if let Some(saved) = saved {
            (self.ending.save)(&saved);
        }
    }
}

impl Host for TerminalHost {
    fn stop_requested(&mut self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    fn take_suspend_request(&mut self) -> bool {
        self.suspend.swap(false, Ordering::Relaxed)
    }

    fn take_failures(&mut self) -> Vec<String> {
        let failures = lock(&self.failures);
        let new = failures[self.reported..].to_vec();
        self.reported = failures.len();
        new
    }

    fn suspend(&mut self) -> io::Result<()> {
        restore_terminal();
        signal_hook::low_level::emulate_default_handler(SIGTSTP)?;
        // Running again after SIGCONT.
        crossterm::terminal::enable_raw_mode()?;
        crossterm::execute!(
            io::stdout(),
            crossterm::terminal::EnterAlternateScreen,
            crossterm::event::EnableMouseCapture
        )
    }

    fn drawn(&mut self, app: &App) {
        let saved = app.saved();
        let mut last = lock(&self.ending.last);
        if *last != saved {
            *last = saved;
        }
    }
}

/// `Ctrl-C` pressed in raw mode (it comes as a key, not as SIGINT): raised as SIGINT, so that
/// the watcher ends the reader even when its thread is too busy to read the key.
pub fn interrupt_on_ctrl_c(event: &crossterm::event::Event) {
    use crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers};
    if let Event::Key(key) = event {
        let ctrl_c = matches!(key.code, KeyCode::Char('c' | 'C'))
            && key.modifiers.contains(KeyModifiers::CONTROL)
            && key.kind != KeyEventKind::Release;
        if ctrl_c {
            let _ = signal_hook::low_level::raise(SIGINT);
        }
    }
}

/// With [`STALL_ENV`] set to `draw`, every frame after the first waits ten minutes first.
pub fn stall_point(point: &str) {
    static ASKED: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    static FRAMES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let asked =
        *ASKED.get_or_init(|| std::env::var_os(STALL_ENV).is_some_and(|value| value == point));
    if asked && FRAMES.fetch_add(1, Ordering::Relaxed) > 0 {
        std::thread::sleep(Duration::from_secs(600));
    }
}
