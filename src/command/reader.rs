//! The reader's assembly: everything that can fail on bad input (the gazetteer, the corpus
//! listing, the first article, the saved position) is loaded before the terminal is taken, so
//! errors print on a normal terminal; then the reader is configured and handed to
//! [`tui::run`].

use crate::app::App;
use crate::app::GazetteerState;
use crate::cli::CommonArgs;
use crate::config::Config;
use crate::corpus::{self, Problem};
use crate::error::Error;
use crate::gazetteer::Gazetteer;
use crate::loader::{self, LoadEvent, Matching, Rebuilder, Reload};
use crate::matcher::Matcher;
use crate::paths;
use crate::state::{self, Store};
use crate::tui::{self, Timing};
use crate::ui::theme::Theme;
use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver};
use std::thread::JoinHandle;

/// Loads everything, runs the reader in the terminal, saves the position; the exit status.
pub fn run(
    common: &CommonArgs,
    paths: &[PathBuf],
    color: bool,
    config: &Config,
) -> Result<u8, Error> {
    tui::check_interactive()?;
    let mut timing = Timing::start();
    let reload = reload(common, paths);
    // A large gazetteer is read and built on the loader's thread, after the first frame.
    let deferred = super::gazetteer_bytes(common, paths) > loader::FIRST_FRAME_GAZETTEER_BYTES;
    let gazetteer = if deferred {
        Gazetteer::default()
    } else {
        reload()?
    };
    let matcher = Arc::new(Matcher::new(&gazetteer)?);
    timing.mark(if deferred {
        "gazetteer left to the loader"
    } else {
        "gazetteer loaded"
    });
    let (inputs, mut problems, fetching) = list_without_waiting(paths, common);
    timing.mark(&format!("{} inputs listed", inputs.len()));
    let entity_count = gazetteer.entities.len();
    let (mut first, more) = if loader::all_built_in(&inputs) {
        loader::load_all(&inputs, &matcher, entity_count, |_, _| {})
    } else {
        loader::load_first(&inputs, &matcher, entity_count)
    };
    // A load that is not complete goes on in the background, which reads every input again
    // and reports their problems.
    if first.complete {
        problems.extend(more);
    }
    if fetching.is_some() {
        // The background load lists and reads everything again, fetching included, and
        // reports every problem.
        first.complete = false;
        problems.clear();
    }
    if first.articles.is_empty() && first.complete && fetching.is_none() {
        return nothing_to_read(&problems);
    }
    timing.mark("first source read and matched");
    let matching = if deferred {
        Matching::Build {
            reload: Arc::clone(&reload),
            shown: Arc::clone(&first.articles),
        }
    } else {
        Matching::Ready(matcher, entity_count)
    };
    let (store, opened) = Store::open(paths::data_dir().as_deref(), &state::corpus_identity(paths));
    let mut app = App::new(gazetteer, first, color);
    if deferred {
        app.gazetteer_state = GazetteerState::Building;
    }
    let theme = Theme::new(color).with_configured_colors(&config.colors);
    configure(&mut app, config, opened);
    let review = crate::gazetteer::review_gazetteer(paths, paths::user_gazetteer());
    app.review.gazetteer.clone_from(&review);
    let rebuilder = Rebuilder::new(paths::user_gazetteer(), reload).with_review(review);
    let (worker, failed) = tui::run(
        &mut app,
        &theme,
        Some(&rebuilder),
        timing,
        |app| start_loading(app, inputs, fetching, matching),
        // Saved even when the loop failed (a hung-up terminal, a panic): the position is the
        // user's work.
        Arc::new(move |saved| save_position(saved, &store)),
    )?;
    // A load that is complete has sent its corpus and is ending: its problems are waited for.
    if let Some(worker) = worker.filter(|worker| app.corpus.complete || worker.is_finished()) {
        problems.extend(worker.join().unwrap_or_default());
    }
    if let Some(error) = app.gazetteer_failed.take() {
        return Err(*error);
    }
    if app.nothing_to_read() {
        return nothing_to_read(&problems);
    }
    let lost = report_failed_additions(&app);
    Ok(super::report_problems(&problems).max(u8::from(failed || lost)))
}

/// Prints the additions that failed; whether there were any.
fn report_failed_additions(app: &App) -> bool {
    for message in &app.failed_additions {
        let _ = writeln!(io::stderr(), "gazette: error: {message}");
    }
    !app.failed_additions.is_empty()
}

/// Nothing could be read: the problems, then the error.
fn nothing_to_read(problems: &[Problem]) -> Result<u8, Error> {
    super::report_problems(problems);
    Err(Error::Input("no articles to read".to_owned()))
}

/// Applies the configuration and what the saved-position store found to a new reader.
fn configure(app: &mut App, config: &Config, opened: state::Opened) {
    if let Some(sort) = config.sort {
        app.set_sort(sort);
    }
    if let Some(saved) = opened.saved {
        app.restore(saved);
    }
    app.notice = opened.message;
}

/// Reads the gazetteer layers (the built-in one, the user's, the story's, any given with
/// `--gazetteer`): at start, and again after each addition.
fn reload(common: &CommonArgs, corpus: &[PathBuf]) -> Arc<Reload> {
    let reload_args = CommonArgs {
        gazetteers: common.gazetteers.clone(),
        no_default_gazetteer: common.no_default_gazetteer,
        color: common.color,
        refresh: false,
    };
    let corpus = corpus.to_vec();
    Arc::new(move || super::load_story_gazetteer(&reload_args, &corpus))
}

/// Listing that does not wait for the network: the inputs readable now (files, and pages in
/// the cache), their problems, and, when some URL still has to be fetched, the paths and
/// options to list again on the loader's thread. With nothing readable now, the reader opens
/// empty and shows the fetching.
fn list_without_waiting(paths: &[PathBuf], common: &CommonArgs) -> Listed {
    let options = super::web_options(common);
    let cached = crate::web::list_cached(paths, options);
    if !cached.missing {
        return (cached.inputs, cached.problems, None);
    }
    let quiet = crate::web::Options {
        quiet: true,
        ..options
    };
    (
        cached.inputs,
        cached.problems,
        Some((paths.to_vec(), quiet)),
    )
}

/// Inputs, problems, and what to list again in the background.
type Listed = (
    Vec<corpus::Input>,
    Vec<Problem>,
    Option<(Vec<PathBuf>, crate::web::Options)>,
);

/// Starts reading every input on a worker thread, unless the first load read them all (and
/// the gazetteer is built). A worker that cannot start leaves the reader on what it has, with
/// a notice.
fn start_loading(
    app: &mut App,
    inputs: Vec<corpus::Input>,
    fetching: Option<(Vec<PathBuf>, crate::web::Options)>,
    matching: Matching,
) -> (Receiver<LoadEvent>, Option<JoinHandle<Vec<Problem>>>) {
    let (sender, receiver) = mpsc::channel();
    let read = !app.corpus.complete;
    if !read && matches!(matching, Matching::Ready(..)) {
        return (receiver, None);
    }
    let total = inputs.len();
    let from_web = fetching.is_some();
    let spawned = match fetching {
        Some((paths, options)) => loader::spawn_listing(
            move |report| Some(crate::web::list_inputs_reporting(&paths, options, report)),
            matching,
            sender,
        ),
        None => loader::spawn_listing(
            move |_| read.then(|| (inputs, Vec::new())),
            matching,
            sender,
        ),
    };
    match spawned {
        Ok(worker) => {
            if from_web {
                app.fetching = Some((0, 0));
            } else if read {
                app.progress = Some((0, total));
            }
            (receiver, Some(worker))
        }
        Err(error) => {
            app.gazetteer_state = GazetteerState::Ready;
            app.notice = Some(format!("cannot load the other sources: {error}"));
            (receiver, None)
        }
    }
}

/// Saves the reader's position; a failure is a warning.
fn save_position(saved: &state::Saved, store: &Store) {
    if let Err(error) = store.save(saved) {
        let _ = writeln!(
            io::stderr(),
            "gazette: warning: cannot save the reading position: {error}"
        );
    }
}
