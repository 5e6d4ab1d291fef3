//! The terminal's lifecycle and the event loop around [`App`]: taking the terminal and giving
//! it back, signals, suspend, panics of background threads.
//!
//! The reader is assembled before this runs (`command`'s reader: everything that can fail on
//! bad input is loaded before raw mode, so errors print on a normal terminal). The loop itself
//! is generic over the ratatui backend and over where events come from, so tests drive it
//! headless with `TestBackend`.

use crate::app::{Action, App, Background, Control, Job, JobDone};
use crate::error::Error;
use crate::loader::{self, LoadEvent, Rebuilder};
use crate::ui::Screen;
use crate::ui::theme::Theme;
use crossterm::event::{self, Event, MouseButton, MouseEventKind};
use ratatui::Terminal;
use ratatui::backend::Backend;
use std::io::{self, Write};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::{Duration, Instant};

mod host;

use host::{Failures, TerminalHost, lock};
pub use host::{GRACE, STALL_ENV, Save};

/// How long the loop waits for input before looking at signals and the loader again.
const TICK: Duration = Duration::from_millis(40);

/// Environment variable naming a file to append timing figures to.
pub const TIMING_ENV: &str = "GAZETTE_TIMING";

/// Where events come from.
pub trait Events {
    /// Waits up to `timeout` for input; returns every event that is ready (maybe none).
    fn read(&mut self, timeout: Duration) -> io::Result<Vec<Event>>;
}

/// The real terminal's events (crossterm), read on a thread of their own.
///
/// When the terminal goes away (the window closes, the pseudo-terminal's other end dies),
/// crossterm's reader can spin on end-of-file without returning. Reading on a separate thread
/// keeps the event loop free to notice: it checks that the terminal still answers before each
/// wait, and sees the SIGHUP or SIGTERM that comes with a hang-up.
#[derive(Debug)]
pub struct TerminalEvents {
    receiver: mpsc::Receiver<io::Result<Event>>,
    /// Whether the terminal has answered a size query (some never do; those are not
    /// checked).
    answered: bool,
}

impl TerminalEvents {
    /// Starts the reading thread.
    pub fn start() -> Self {
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            loop {
                let event = event::read();
                if let Ok(event) = &event {
                    host::interrupt_on_ctrl_c(event);
                }
                let failed = event.is_err();
                if sender.send(event).is_err() || failed {
                    break;
                }
            }
        });
        TerminalEvents {
            receiver,
            answered: false,
        }
    }
}

impl Events for TerminalEvents {
    fn read(&mut self, timeout: Duration) -> io::Result<Vec<Event>> {
        // A terminal that answered before and fails now has hung up (EIO): stop rather than
        // wait on it. (`window_size` asks the terminal itself; `size` would fall back to
        // running `tput`.)
        match crossterm::terminal::window_size() {
            Ok(_) => self.answered = true,
            Err(error) if self.answered => return Err(error),
            Err(_) => {}
        }
        let mut ready = Vec::new();
        match self.receiver.recv_timeout(timeout) {
            Ok(event) => ready.push(event?),
            Err(mpsc::RecvTimeoutError::Timeout) => return Ok(ready),
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                return Err(io::Error::new(
                    io::ErrorKind::BrokenPipe,
                    "the terminal closed",
                ));
            }
        }
        while ready.len() < 1024 {
            match self.receiver.try_recv() {
                Ok(event) => ready.push(event?),
                Err(_) => break,
            }
        }
        Ok(ready)
    }
}

/// What the loop needs from its surroundings: signals, suspending, failed background threads.
pub trait Host {
    /// Whether a signal asked the reader to stop (TERM, HUP, INT, QUIT).
    fn stop_requested(&mut self) -> bool;
    /// Whether a signal asked the reader to suspend (TSTP from outside); clears the request.
    fn take_suspend_request(&mut self) -> bool;
    /// Gives the terminal back, stops until resumed, then takes it again.
    fn suspend(&mut self) -> io::Result<()>;
    /// The failures of background threads (panics) since the last call; none by default.
    fn take_failures(&mut self) -> Vec<String> {
        Vec::new()
    }
    /// A frame of `app` was drawn (the host may keep its position); nothing by default.
    fn drawn(&mut self, _app: &App) {}
}

/// A host with no signals that cannot suspend (tests).
#[derive(Debug, Default)]
pub struct NoHost;

impl Host for NoHost {
    fn stop_requested(&mut self) -> bool {
        false
    }
    fn take_suspend_request(&mut self) -> bool {
        false
    }
    fn suspend(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Time figures of one session, written to [`TIMING_ENV`]'s file when set.
#[derive(Debug)]
pub struct Timing {
    start: Instant,
    log: Vec<String>,
    slowest_answer: Duration,
    answers: usize,
}

impl Timing {
    /// Starts the clock.
    pub fn start() -> Timing {
        Timing {
            start: Instant::now(),
            log: Vec::new(),
            slowest_answer: Duration::ZERO,
            answers: 0,
        }
    }

    /// Notes that `what` happened now.
    pub fn mark(&mut self, what: &str) {
        let ms = self.start.elapsed().as_secs_f64() * 1000.0;
        self.log.push(format!("{ms:9.2} ms  {what}"));
    }

    fn answered(&mut self, took: Duration, what: Option<Action>) {
        self.answers += 1;
        self.slowest_answer = self.slowest_answer.max(took);
        if took > Duration::from_millis(16) {
            let ms = took.as_secs_f64() * 1000.0;
            self.mark(&format!("slow answer: {ms:.2} ms for {what:?}"));
        }
    }

    fn write(&mut self) {
        let Some(path) = std::env::var_os(TIMING_ENV) else {
            return;
        };
        let ms = self.slowest_answer.as_secs_f64() * 1000.0;
        self.log.push(format!(
            "{} inputs answered; slowest answer (update + draw) {ms:.2} ms",
            self.answers
        ));
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path);
        if let Ok(mut file) = file {
            let _ = writeln!(file, "{}", self.log.join("\n"));
        }
    }
}

/// Turns a terminal event into an action for the app's current mode.
pub fn action_for(app: &App, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) => crate::app::keymap::action_for(app.scope(), key),
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                column: mouse.column,
                row: mouse.row,
            }),
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => Some(Action::Wheel {
                column: mouse.column,
                row: mouse.row,
                down: mouse.kind == MouseEventKind::ScrollDown,
            }),
            _ => None,
        },
        _ => None,
    }
}

fn draw<B: Backend>(terminal: &mut Terminal<B>, app: &mut App, theme: &Theme) -> io::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    loader::fault_point("draw");
    host::stall_point("draw");
    let size = terminal.size().map_err(io::Error::other)?;
    if (size.width, size.height) != app.size {
        app.update(Action::Resize {
            width: size.width,
            height: size.height,
        });
    }
    terminal
        .draw(|frame| frame.render_widget(Screen { app, theme }, frame.area()))
        .map_err(io::Error::other)?;
    Ok(())
}

/// The work beside the reader whose news the event loop takes in (it runs the reader's own
/// jobs itself): the background load, and the rebuilder for additions. None of either in
/// tests, by default.
#[derive(Debug, Clone, Copy, Default)]
pub struct Workers<'a> {
    /// The background load's events; the channel closes when the load ends.
    pub loading: Option<&'a Receiver<LoadEvent>>,
    /// Writes additions and matches the corpus again.
    pub rebuilder: Option<&'a Rebuilder>,
}

/// Runs the reader until it quits or a signal stops it, drawing it in `theme`.
pub fn event_loop<B, E, H>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    theme: &Theme,
    events: &mut E,
    host: &mut H,
    workers: Workers<'_>,
    timing: &mut Timing,
) -> io::Result<()>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
    E: Events,
    H: Host,
{
    draw(terminal, app, theme)?;
    host.drawn(app);
    timing.mark("first frame drawn");
    let Workers {
        mut loading,
        rebuilder,
    } = workers;
    let jobs = BackgroundJobs::default();
    loop {
        if host.stop_requested() {
            return Ok(());
        }
        if host.take_suspend_request() {
            suspend(terminal, app, theme, host)?;
        }
        let batch = events.read(TICK)?;
        let received = Instant::now();
        let mut dirty = !batch.is_empty();
        if let Some(receiver) = loading {
            let (news, open) = drain(receiver, app, timing);
            dirty |= news;
            if !open {
                loading = None;
            }
            if news && app.must_end() {
                return Ok(());
            }
        }
        if let Some(rebuilder) = rebuilder {
            while let Ok(message) = rebuilder.receiver().try_recv() {
                app.absorb(message);
                timing.mark("gazetteer rebuilt");
                dirty = true;
            }
        }
        dirty |= jobs.drain(app, timing);
        if let Some(failure) = host.take_failures().pop() {
            app.notice = Some(format!(
                "a background task failed: {failure}; the reader goes on without it"
            ));
            dirty = true;
        }
        let mut last_action = None;
        for event in &batch {
            let Some(action) = action_for(app, event) else {
                continue;
            };
            last_action = Some(action);
            match app.update(action) {
                Control::Quit => return Ok(()),
                Control::Suspend => suspend(terminal, app, theme, host)?,
                Control::Continue => {}
            }
            if let Some(addition) = app.take_addition() {
                start_addition(app, addition, rebuilder);
            }
        }
        dirty |= jobs.start(app);
        if dirty {
            draw(terminal, app, theme)?;
            host.drawn(app);
            if !batch.is_empty() {
                timing.answered(received.elapsed(), last_action);
            }
        }
    }
}

/// The reader's jobs over the whole corpus (finding names, searching, quotations, retold
/// passages): small ones run in
/// place, the others on threads of their own, so that the reader answers keys meanwhile.
struct BackgroundJobs {
    sender: mpsc::Sender<JobDone>,
    receiver: Receiver<JobDone>,
}

impl Default for BackgroundJobs {
    fn default() -> Self {
        let (sender, receiver) = mpsc::channel();
        BackgroundJobs { sender, receiver }
    }
}

impl BackgroundJobs {
    /// Starts the jobs the reader asked for, if any; whether any ran in place (the reader
    /// then has news to draw).
    fn start(&self, app: &mut App) -> bool {
        let mut news = false;
        while let Some(job) = app.take_job() {
            if job.is_small() {
                app.absorb(job.run());
                news = true;
                continue;
            }
            // The job is handed over once the thread exists, so that it is never lost.
            let (hand, take) = mpsc::channel::<Job>();
            let sender = self.sender.clone();
            let spawned = std::thread::Builder::new()
                .name(format!("job-{}", job.number()))
                .spawn(move || {
                    if let Ok(job) = take.recv() {
                        let _ = sender.send(job.run());
                    }
                });
            if spawned.is_ok() {
                let _ = hand.send(job);
            } else {
                // No thread to spare: the job runs here instead.
                app.absorb(job.run());
                news = true;
            }
        }
        news
    }

    /// Hands finished jobs to the reader; whether there were any.
    fn drain(&self, app: &mut App, timing: &mut Timing) -> bool {
        let mut news = false;
        while let Ok(message) = self.receiver.try_recv() {
            timing.mark(message.what());
            app.absorb(message);
            news = true;
        }
        news
    }
}

/// Hands an addition to the rebuilder (or tells the reader there is none).
fn start_addition(
    app: &mut App,
    addition: crate::additions::Addition,
    rebuilder: Option<&Rebuilder>,
) {
    match rebuilder {
        Some(rebuilder) => {
            rebuilder.start(addition, &app.gazetteer, app.corpus.articles.clone());
        }
        None => app.absorb(Background::Rebuilt(Box::new(Err(
            "adding names is off in this session".to_owned(),
        )))),
    }
}

/// Takes in the loader's events; says whether any came and whether the loader is still on.
fn drain(receiver: &Receiver<LoadEvent>, app: &mut App, timing: &mut Timing) -> (bool, bool) {
    let mut news = false;
    loop {
        match receiver.try_recv() {
            Ok(event) => {
                let mark = match event {
                    LoadEvent::Done(..) => Some("corpus indexed"),
                    LoadEvent::Gazetteer(..) => Some("gazetteer built"),
                    _ => None,
                };
                app.absorb(event);
                if let Some(mark) = mark {
                    timing.mark(mark);
                }
                news = true;
            }
            Err(TryRecvError::Empty) => return (news, true),
            // The load is over: finished (its corpus came) or failed.
            Err(TryRecvError::Disconnected) => {
                if !app.corpus.complete {
                    app.absorb(LoadEvent::Stopped);
                    news = true;
                }
                return (news, false);
            }
        }
    }
}

fn suspend<B, H>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    theme: &Theme,
    host: &mut H,
) -> io::Result<()>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
    H: Host,
{
    host.suspend()?;
    // Clear the screen and forget the last frame, so that the next one is drawn whole. Not
    // `Terminal::clear`: it asks the terminal where the cursor is, and the answer would go to
    // the thread that reads input, so the question times out and ends the reader.
    let size = terminal.size().map_err(io::Error::other)?;
    terminal
        .resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
        .map_err(io::Error::other)?;
    draw(terminal, app, theme)
}

/// Gives the terminal back: mouse capture off, raw mode off, main screen, cursor shown. Each
/// step is tried even if one before failed, and nothing is printed about failures: the
/// terminal may be gone (a closed window), and so may stderr.
fn restore_terminal() {
    restore_terminal_through(&mut io::stdout());
}

/// [`restore_terminal`], writing to `out` (the terminal).
fn restore_terminal_through(out: &mut impl Write) {
    let _ = crossterm::execute!(out, crossterm::event::DisableMouseCapture);
    let _ = crossterm::terminal::disable_raw_mode();
    let _ = crossterm::execute!(out, crossterm::terminal::LeaveAlternateScreen);
    let _ = crossterm::execute!(out, crossterm::cursor::Show);
}

/// On a panic in the reader's own thread, restores the terminal before the message is
/// printed. A panic in a background thread leaves the screen alone: it is recorded in
/// `failures`, which the event loop shows and the reader prints on exit.
fn install_panic_hook(failures: Failures) {
    let ratatui_hook = std::panic::take_hook();
    let main = std::thread::current().id();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().id() == main {
            let _ = crossterm::execute!(io::stdout(), crossterm::event::DisableMouseCapture);
            ratatui_hook(info);
            let _ = crossterm::execute!(io::stdout(), crossterm::cursor::Show);
        } else {
            lock(&failures).push(describe_panic(info));
        }
    }));
}

/// "thread 'NAME' panicked at FILE:LINE:COLUMN: MESSAGE", on one clean line.
fn describe_panic(info: &std::panic::PanicHookInfo<'_>) -> String {
    let thread = std::thread::current();
    let name = thread.name().unwrap_or("<unnamed>");
    let message = loader::panic_message(info.payload());
    let place = info
        .location()
        .map(|at| format!(" at {at}"))
        .unwrap_or_default();
    crate::text::clean_inline(&format!("thread '{name}' panicked{place}: {message}"))
}

/// Whether the reader can run here: stdin and stdout are terminals and TERM is not `dumb`.
pub fn check_interactive() -> Result<(), Error> {
    use std::io::IsTerminal;
    let dumb = std::env::var_os("TERM").is_some_and(|term| term == "dumb");
    if dumb || !io::stdin().is_terminal() {
        let why = if dumb {
            "TERM is \"dumb\""
        } else {
            "standard input is not a terminal"
        };
        return Err(Error::Terminal(format!(
            "the reader needs an interactive terminal ({why}); \
             use `gazette annotate` or `gazette entities`, or redirect the output for plain text"
        )));
    }
    Ok(())
}

/// Runs the reader in the terminal until it quits: takes the terminal, starts the background
/// work (`start`, once the panic hook records background panics), runs the event loop and
/// gives the terminal back. `save` then keeps the reader's position, even when the loop failed
/// or panicked (or keeps the last frame's, when a signal ends a busy reader: see `host`).
/// Returns what `start` gave, and whether a background task failed (each failure is printed).
pub fn run<T>(
    app: &mut App,
    theme: &Theme,
    rebuilder: Option<&Rebuilder>,
    mut timing: Timing,
    start: impl FnOnce(&mut App) -> (Receiver<LoadEvent>, T),
    save: Save,
) -> Result<(T, bool), Error> {
    let mut host = TerminalHost::register(save).map_err(terminal_error)?;
    let mut terminal = ratatui::try_init().map_err(terminal_error)?;
    // Before any background thread starts, so that none of its panics goes unrecorded.
    install_panic_hook(Arc::clone(&host.failures));
    let (receiver, started) = start(app);
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        crossterm::execute!(io::stdout(), crossterm::event::EnableMouseCapture)?;
        let workers = Workers {
            loading: Some(&receiver),
            rebuilder,
        };
        event_loop(
            &mut terminal,
            app,
            theme,
            &mut TerminalEvents::start(),
            &mut host,
            workers,
            &mut timing,
        )
    }));
    // After a panic the hook has restored the terminal and printed the message below it;
    // restoring again would move the cursor back over that message.
    host.end(outcome.is_ok(), app.saved());
    // The cursor is shown already; ratatui's `Drop` would try again and report a failure with
    // `eprintln!`, which panics when the terminal (and so stderr) has hung up.
    std::mem::forget(terminal);
    let result = outcome.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
    result.map_err(terminal_error)?;
    timing.write();
    let failed = print_failures(&host.failures());
    Ok((started, failed))
}

/// Prints the failures of background threads; whether there were any.
fn print_failures(failures: &[String]) -> bool {
    let stderr = io::stderr();
    let mut err = stderr.lock();
    for failure in failures {
        let _ = writeln!(err, "gazette: error: a background task failed: {failure}");
    }
    !failures.is_empty()
}

#[allow(clippy::needless_pass_by_value)] // used as `map_err(terminal_error)`
fn terminal_error(error: io::Error) -> Error {
    Error::Terminal(format!("terminal: {error}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Panel, Searching};

    /// A reader over one article of `text`, matched with the built-in gazetteer.
    fn app_over(text: &str) -> App {
        let (articles, index, gazetteer) = crate::testing::indexed(
            &String::from_utf8(crate::gazetteer::LayerSource::built_in().bytes).unwrap(),
            &[text],
        );
        let corpus = crate::app::Corpus {
            articles: articles.into(),
            index: index.into(),
            complete: true,
        };
        App::new(gazetteer, corpus, true)
    }

    /// Drains `jobs` until `done` holds, for at most a minute.
    fn wait(jobs: &BackgroundJobs, app: &mut App, done: impl Fn(&App) -> bool) {
        let start = Instant::now();
        while !done(app) {
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "the job never ended"
            );
            jobs.drain(app, &mut Timing::start());
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    #[test]
    fn large_jobs_run_on_threads_and_come_back() {
        let text = "Hamas met Adam Boehler in Doha; Khalil al-Hayya spoke. ".repeat(180_000);
        let mut app = app_over(&text);
        let jobs = BackgroundJobs::default();
        app.update(Action::Add);
        jobs.start(&mut app);
        assert!(app.panel.is_none(), "the names are found on another thread");
        wait(&jobs, &mut app, |app| app.panel.is_some());
        assert!(matches!(app.panel, Some(Panel::Discovery(_))));
        app.update(Action::ClosePanel);
        app.update(Action::EnterSearch);
        "boehler".chars().for_each(|c| {
            app.update(Action::InsertChar(c));
        });
        app.update(Action::ConfirmInput);
        jobs.start(&mut app);
        assert!(app.search.is_none(), "the search runs on another thread");
        wait(&jobs, &mut app, |app| app.searching == Searching::Idle);
        let search = app.search.as_ref().unwrap();
        assert!(search.capped && search.total == crate::app::MAX_MATCHES);
    }
}
