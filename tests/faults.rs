//! Faults in persistence (hostile inputs D 30, G 39): `kill -9` in the middle of saving a
//! position or a gazetteer addition, and data directories that cannot take a save (read-only,
//! a regular file, over the file size limit, a full disk).
//!
//! What must hold: the file on disk always parses and keeps every save reported as done; a
//! killed writer's temporary file is never read and is cleared away later; a reader that
//! cannot save says so once, goes on, quits normally and writes nothing anywhere else.

#[path = "support/permissions.rs"]
mod permissions;
use permissions::chmod;
#[path = "support/pty.rs"]
mod pty;

use gazette::additions;
use gazette::gazetteer::{Gazetteer, Kind, LayerSource};
use gazette::state::{Saved, Store, VERSION};
use pty::{Session, saved_positions};
use std::ffi::OsString;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

const GAZETTE: &str = env!("CARGO_BIN_EXE_gazette");

/// The corpus identity of the built-in seeds, as the reader names it.
const SEEDS: &str = "built-in seeds";

/// Environment of the child processes the kill loops start (this test binary, running one of
/// its own tests): the directory or file to write to, and the round.
const WRITE_TO: &str = "GAZETTE_FAULTS_WRITE_TO";
const ROUND: &str = "GAZETTE_FAULTS_ROUND";

/// Rounds of each kill loop.
const ROUNDS: u32 = 30;

/// How long round `round` lets the writer run before killing it: 10 to 59 ms, spread so that
/// kills land at every point of a save.
fn kill_delay(round: u32) -> Duration {
    Duration::from_millis(u64::from(10 + round * 17 % 50))
}

/// The child's settings: where to write and which round it is; `None` in an ordinary run.
fn child_settings() -> Option<(OsString, u32)> {
    let target = std::env::var_os(WRITE_TO)?;
    let round = std::env::var(ROUND).ok()?.parse().ok()?;
    Some((target, round))
}

/// Runs this binary's test `child` writing to `target`, kills it (SIGKILL) [`kill_delay`]
/// after it says it is ready; the lines it printed.
fn run_and_kill(child: &str, target: &Path, round: u32) -> Vec<String> {
    let mut process = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", child, "--nocapture", "--test-threads=1"])
        .env(WRITE_TO, target)
        .env(ROUND, round.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(process.stdout.take().unwrap()).lines();
    // Timed from the child's start of work, not of the process, however busy the machine.
    // (The test harness starts the line: "test NAME ... ready".)
    let ready = lines
        .by_ref()
        .map_while(Result::ok)
        .any(|line| line.ends_with("ready"));
    assert!(ready, "the child started");
    std::thread::sleep(kill_delay(round));
    process.kill().unwrap();
    process.wait().unwrap();
    lines.map_while(Result::ok).collect()
}

/// The names in `dir` that are not `keep`, sorted.
fn others(dir: &Path, keep: impl Fn(&str) -> bool) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| !keep(name))
        .collect();
    names.sort();
    names
}

/// Whether `name` is a saved position's file (`HASH.json`).
fn is_position(name: &str) -> bool {
    Path::new(name).extension().is_some_and(|e| e == "json")
}

fn position(offset: u32) -> Saved {
    Saved {
        version: VERSION,
        file: "seeds/000_4c2ccd68bbfaab2a.txt".to_owned(),
        article: 0,
        offset,
        entity: None,
    }
}

/// The child of [`kill_9_while_saving_positions_leaves_the_last_save_whole`]: saves position
/// after position, from `round × 1 000 000` up, printing each once it is saved.
#[test]
fn saves_positions_until_killed() {
    let Some((dir, round)) = child_settings() else {
        return;
    };
    let (store, _) = Store::open(Some(Path::new(&dir)), SEEDS);
    println!("ready");
    for offset in round * 1_000_000.. {
        store.save(&position(offset)).unwrap();
        println!("saved {offset}");
    }
}

#[test]
fn kill_9_while_saving_positions_leaves_the_last_save_whole() {
    let dir = tempfile::tempdir().unwrap();
    let mut reported = Vec::new();
    for round in 1..=ROUNDS {
        let lines = run_and_kill("saves_positions_until_killed", dir.path(), round);
        reported.extend(
            lines
                .iter()
                .filter_map(|l| l.strip_prefix("saved ")?.parse::<u32>().ok()),
        );
        // The next start finds a whole file holding the last save reported, or a later one.
        let (_, opened) = Store::open(Some(dir.path()), SEEDS);
        assert_eq!(
            opened.message, None,
            "round {round}: the file did not parse"
        );
        if let Some(&last) = reported.last() {
            let saved = opened.saved.expect("a save was reported");
            assert!(
                saved.offset >= last,
                "round {round}: {saved:?} is older than {last}"
            );
        }
    }
    assert!(!reported.is_empty(), "no writer saved before it was killed");
    // Killed writers' temporary files are hidden and never read.
    let positions = dir.path().join("positions");
    for name in others(&positions, is_position) {
        let temporary = Path::new(&name).extension().is_some_and(|e| e == "tmp");
        assert!(name.starts_with('.') && temporary, "{name}");
    }
}

/// The child of [`kill_9_while_adding_names_loses_no_reported_addition`]: adds name after
/// name to the gazetteer, printing each once it is added.
#[test]
fn adds_names_until_killed() {
    let Some((path, round)) = child_settings() else {
        return;
    };
    println!("ready");
    for n in 0.. {
        let name = format!("Name {round} {n}");
        additions::add_entity(Path::new(&path), &name, Kind::Misc).unwrap();
        println!("added {name}");
    }
}

/// The entity names in the gazetteer at `path` (none when there is no file yet).
fn gazetteer_names(path: &Path) -> Vec<String> {
    let Ok(bytes) = std::fs::read(path) else {
        return Vec::new();
    };
    let layer = LayerSource {
        label: "gazetteer.json".to_owned(),
        bytes,
    };
    let gazetteer = Gazetteer::load(&[layer]).expect("the gazetteer parses");
    gazetteer.entities.into_iter().map(|e| e.name).collect()
}

#[test]
fn kill_9_while_adding_names_loses_no_reported_addition() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gazetteer.json");
    let mut reported = Vec::new();
    let is_own = |name: &str| name == "gazetteer.json" || name == "gazetteer.json.lock";
    for round in 1..=ROUNDS {
        let lines = run_and_kill("adds_names_until_killed", &path, round);
        reported.extend(
            lines
                .iter()
                .filter_map(|l| Some(l.strip_prefix("added ")?.to_owned())),
        );
        let names = gazetteer_names(&path);
        for name in &reported {
            assert!(names.contains(name), "round {round}: {name} was lost");
        }
        // Each writer clears away the temporary file of the one killed before it.
        let left = others(dir.path(), is_own);
        assert!(left.len() <= 1, "round {round}: {left:?}");
    }
    assert!(
        !reported.is_empty(),
        "no writer added a name before it was killed"
    );
    additions::add_entity(&path, "One more", Kind::Misc).unwrap();
    assert_eq!(others(dir.path(), is_own), Vec::<String>::new());
}

#[test]
fn kill_9_as_the_reader_saves_on_quit_leaves_a_position_that_loads() {
    let home = tempfile::tempdir().unwrap();
    for round in 0..8 {
        let mut session = Session::reader(home.path(), &[]);
        session.wait_for("Sources 6");
        session.keys("]");
        session.type_now("q");
        std::thread::sleep(Duration::from_millis(round * 3));
        session.signal("-KILL");
        session.wait_exit();
        let (_, opened) = Store::open(Some(&home.path().join("data")), SEEDS);
        assert_eq!(
            opened.message, None,
            "round {round}: the file did not parse"
        );
    }
}

/// The reader on the seeds in `home`, run after `prefix` (a command such as `setpriv …`):
/// shows `notice` if given, moves one source on (to `moved`, e.g. `2/6`) and quits.
fn read_move_and_quit(
    home: &Path,
    prefix: &[String],
    notice: Option<&str>,
    moved: &str,
) -> Session {
    let mut command: Vec<&str> = prefix.iter().map(String::as_str).collect();
    command.push(GAZETTE);
    let mut session = Session::start(home, command[0], &command[1..], &[]);
    session.wait_for("Sources 6");
    if let Some(notice) = notice {
        session.wait_for(notice);
    }
    session.keys("]");
    session.wait_for(moved);
    session.keys("q");
    assert_eq!(session.wait_exit(), 0);
    session.assert_restored();
    session
}

/// A reader run before in `home`, saved at the second source.
fn saved_at_second_source(home: &Path) {
    read_move_and_quit(home, &[], None, "2/6");
    assert!(saved_positions(home)[0].contains(pty::SECOND_SOURCE));
}

#[test]
fn a_data_directory_that_is_a_file_warns_once_and_nothing_is_written() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    std::fs::write(&data, "not a directory").unwrap();
    let notice = Some("positions are not saved");
    let session = read_move_and_quit(home.path(), &[], notice, "2/6");
    assert!(!session.screen().contains("cannot save"), "warned once");
    assert_eq!(std::fs::read(&data).unwrap(), b"not a directory");
    // Not in the working directory either (the session runs in `home`).
    assert_eq!(others(home.path(), |_| false), ["data"]);
}

/// Sets `dir`'s permission bits (Unix mode).

#[test]
fn a_read_only_data_directory_warns_once_and_nothing_is_written() {
    // Read-only before the first save, and read-only with a position saved earlier, which
    // is still restored.
    for saved_before in [false, true] {
        let home = tempfile::tempdir().unwrap();
        let data = home.path().join("data");
        std::fs::create_dir(&data).unwrap();
        if saved_before {
            saved_at_second_source(home.path());
        }
        let locked = if saved_before {
            data.join("positions")
        } else {
            data.clone()
        };
        let before = saved_positions(home.path());
        chmod(&locked, 0o555);
        let create_a_file = r#"file=$(mktemp -p "$0") && rm "$file""#;
        let probe = ["sh", "-c", create_a_file, locked.to_str().unwrap()];
        let Some(prefix) = permissions::prefix_denying(&probe) else {
            chmod(&locked, 0o755);
            return;
        };
        // With a position saved before, the reader starts there: one source on is the third.
        let moved = if saved_before { "3/6" } else { "2/6" };
        let notice = Some("positions are not saved");
        let session = read_move_and_quit(home.path(), &prefix, notice, moved);
        chmod(&locked, 0o755);
        let screen = session.screen();
        assert!(!screen.contains("cannot save"), "warned once: {screen}");
        assert_eq!(saved_positions(home.path()), before, "nothing saved");
        assert_eq!(others(&locked, |_| false).len(), usize::from(saved_before));
        assert_eq!(others(home.path(), |_| false), ["data"]);
    }
}

#[test]
fn over_the_file_size_limit_the_save_fails_with_a_warning_and_the_old_file_stays() {
    let home = tempfile::tempdir().unwrap();
    saved_at_second_source(home.path());
    let before = saved_positions(home.path());
    // `ulimit -f 0`: any write to a file fails with EFBIG (or, unhandled, SIGXFSZ kills).
    let limited = ["sh", "-c", "ulimit -f 0 && exec \"$0\"", GAZETTE].map(str::to_owned);
    let session = read_move_and_quit(home.path(), &limited, None, "3/6");
    session.wait_for("gazette: warning: cannot save the reading position");
    session.wait_for("File too large");
    assert_eq!(
        saved_positions(home.path()),
        before,
        "the old position is whole"
    );
    let positions = home.path().join("data").join("positions");
    assert_eq!(others(&positions, is_position), Vec::<String>::new());
}

/// Runs the reader with its data directory on a full 32 KiB file system of its own (a
/// private mount), holding the files of `seeded`; after it quits, the script lists the
/// positions directory and prints the saved position. `None` where mounting is not allowed.
fn on_a_full_disk(home: &Path, seeded: &Path) -> Option<Session> {
    const MOUNT: [&str; 3] = ["unshare", "--map-root-user", "--mount"];
    let scratch = home.join("scratch");
    std::fs::create_dir(&scratch).unwrap();
    let probe = [
        &MOUNT[..],
        &["mount", "-t", "tmpfs", "tmpfs", scratch.to_str()?],
    ]
    .concat();
    let mounts = Command::new(probe[0]).args(&probe[1..]).status();
    std::fs::remove_dir(&scratch).unwrap();
    if !mounts.is_ok_and(|status| status.success()) {
        eprintln!("skipped: no private tmpfs mount here (`unshare --map-root-user --mount`)");
        return None;
    }
    let script = r#"set -e
mount -t tmpfs -o size=32k tmpfs "$1"
cp -R "$2"/. "$1"
cat /dev/zero > "$1/filler" 2>/dev/null || true
set +e
"$3"
echo "exit status $?"
ls -A "$1/positions"
cat "$1"/positions/*.json"#;
    let data = home.join("data");
    let args = [data.to_str()?, seeded.to_str()?, GAZETTE];
    let command = [&MOUNT[1..], &["sh", "-c", script, "sh"], &args[..]].concat();
    Some(Session::start(home, MOUNT[0], &command, &[]))
}

#[test]
fn on_a_full_disk_the_save_fails_with_a_warning_and_the_old_file_stays() {
    let home = tempfile::tempdir().unwrap();
    saved_at_second_source(home.path());
    let seeded = home.path().join("seeded");
    std::fs::rename(home.path().join("data"), &seeded).unwrap();
    std::fs::create_dir(home.path().join("data")).unwrap();
    let Some(mut session) = on_a_full_disk(home.path(), &seeded) else {
        return;
    };
    session.wait_for("Sources 6");
    session.keys("]");
    session.wait_for("3/6");
    session.keys("q");
    session.wait_for("exit status 0");
    assert_eq!(session.wait_exit(), 0);
    session.assert_restored();
    let screen = session.screen();
    assert!(
        screen.contains("cannot save the reading position"),
        "{screen}"
    );
    assert!(screen.contains("No space left on device"), "{screen}");
    assert!(
        screen.contains(pty::SECOND_SOURCE),
        "the old position is whole: {screen}"
    );
    let listing = &screen[screen.find("exit status 0").unwrap()..];
    assert!(
        !listing.contains(".tmp"),
        "no temporary file left: {screen}"
    );
}
