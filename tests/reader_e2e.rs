//! The real binary in a pseudo-terminal, read back through a terminal emulator (`vt100`):
//! reading, hostile content, and the terminal's lifecycle (hostile inputs F 37–38): every
//! way the reader ends or stops gives the terminal back and keeps the reading position.
//!
//! Every run gets its own configuration and data directories, so nothing outside the
//! test's temporary directory is read or written.

#[path = "support/pty.rs"]
mod pty;

use pty::{Session, saved_positions};
use std::path::Path;
use std::time::{Duration, Instant};

#[test]
fn read_follow_an_entity_across_sources_and_quit() {
    let home = tempfile::tempdir().unwrap();
    let mut session = Session::reader(home.path(), &[]);
    session.wait_for("Sources 6");
    session.wait_for("1/6 The Times of Israel");
    session.keys("]");
    session.wait_for("2/6 Progress was reported…");
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
    assert_eq!(saved_positions(home.path()).len(), 1);
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

/// The reader on the seeds, moved to the second source (so that a saved position shows the
/// move).
fn at_second_source(home: &Path, env: &[(&str, &str)]) -> Session {
    let mut session = Session::start(home, env!("CARGO_BIN_EXE_gazette"), &[], env);
    session.wait_for("Sources 6");
    session.keys("]");
    session.wait_for("2/6");
    session
}

/// The one position saved under `home` names `file`.
fn assert_saved_at(home: &Path, file: &str, case: &str) {
    let saved = saved_positions(home);
    assert_eq!(saved.len(), 1, "{case}: {saved:?}");
    assert!(saved[0].contains(file), "{case}: {saved:?}");
}

#[test]
fn ending_signals_and_ctrl_c_restore_the_terminal_and_keep_the_position() {
    for how in ["-TERM", "-HUP", "-INT", "-QUIT", "Ctrl-C"] {
        let home = tempfile::tempdir().unwrap();
        let mut session = at_second_source(home.path(), &[]);
        if how == "Ctrl-C" {
            // Raw mode turns off the terminal's own signals: Ctrl-C arrives as a key.
            session.keys("\u{3}");
        } else {
            session.signal(how);
        }
        assert_eq!(session.wait_exit(), 0, "{how}");
        session.assert_restored();
        assert_saved_at(home.path(), pty::SECOND_SOURCE, how);
    }
}

#[test]
fn ending_signals_and_ctrl_c_end_a_busy_reader_within_a_moment() {
    // Every frame after the first takes ten minutes: the reader's thread is busy.
    let env = [("GAZETTE_TEST_STALL", "draw")];
    let binary = env!("CARGO_BIN_EXE_gazette");
    for (how, status) in [
        ("-TERM", 143),
        ("-HUP", 129),
        ("-INT", 130),
        ("-QUIT", 131),
        ("Ctrl-C", 130),
    ] {
        let home = tempfile::tempdir().unwrap();
        let mut session = Session::start(home.path(), binary, &[], &env);
        session.wait_for("Sources 6");
        session.keys("]");
        std::thread::sleep(Duration::from_millis(300));
        assert!(!session.screen().contains("2/6"), "{how}: the frame came");
        let asked = Instant::now();
        if how == "Ctrl-C" {
            session.keys("\u{3}");
        } else {
            session.signal(how);
        }
        assert_eq!(session.wait_exit(), status, "{how}");
        assert!(
            asked.elapsed() < Duration::from_secs(5),
            "{how}: took {:?}",
            asked.elapsed()
        );
        session.assert_restored();
        // The position of the last frame drawn.
        assert_saved_at(home.path(), "000_4c2ccd68bbfaab2a.txt", how);
    }
}

#[test]
fn ctrl_z_and_sigtstp_suspend_and_sigcont_repaints_everything() {
    for how in ["Ctrl-Z", "-TSTP"] {
        let home = tempfile::tempdir().unwrap();
        let mut session = at_second_source(home.path(), &[]);
        let before = session.written();
        if how == "Ctrl-Z" {
            session.keys("\u{1a}");
        } else {
            session.signal(how);
        }
        session.wait_for_state(&['T']);
        // Stopped, the terminal is the shell's again.
        pty::wait_until(
            "the terminal to be given back",
            || pty::gives_back(&session.written_since(before)),
            || {
                format!(
                    "{how}: {:?}",
                    String::from_utf8_lossy(&session.written_since(before))
                )
            },
        );
        assert!(session.line_mode(), "{how}: raw mode left on while stopped");
        let resumed = session.written();
        session.signal("-CONT");
        session.wait_for_state(&['S', 'R']);
        // Entering the alternate screen again clears it: only a full repaint shows these.
        session.wait_for("Entities 49");
        session.wait_for("2/6");
        assert!(!session.line_mode(), "{how}: raw mode back on");
        let repaint = session.written_since(resumed);
        assert!(
            String::from_utf8_lossy(&repaint).contains("\u{1b}[?1000h"),
            "{how}: mouse on"
        );
        session.keys("]");
        session.wait_for("3/6");
        session.keys("q");
        assert_eq!(session.wait_exit(), 0, "{how}");
        session.assert_restored();
        assert_saved_at(home.path(), "002_53869dcf0c4d9c8d.txt", how);
    }
}

#[test]
fn a_panic_in_the_background_load_is_reported_and_reading_goes_on() {
    let home = tempfile::tempdir().unwrap();
    let corpus = home.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    for (name, text) in [("a.txt", "Boehler in Doha"), ("b.txt", "Hamas in Gaza")] {
        std::fs::write(corpus.join(name), text).unwrap();
    }
    let env = [("GAZETTE_TEST_PANIC", "loader")];
    let binary = env!("CARGO_BIN_EXE_gazette");
    let mut session = Session::start(home.path(), binary, &[corpus.to_str().unwrap()], &env);
    session.wait_for("a background task failed: thread 'gazette-loader' panicked at");
    // The first source was read before the terminal opened; the reader still answers keys.
    session.keys("fBoehler\r");
    session.wait_for("Adam Boehler: mention 1 of 1");
    session.keys("q");
    assert_eq!(session.wait_exit(), 1, "a failure is an error on exit");
    session.assert_restored();
    session.wait_for("gazette: error: a background task failed: thread 'gazette-loader'");
    session.wait_for("GAZETTE_TEST_PANIC=loader asked for this panic");
    assert_saved_at(home.path(), "a.txt", "loader panic");
}

#[test]
fn a_panic_while_matching_an_addition_again_ends_that_addition_only() {
    let home = tempfile::tempdir().unwrap();
    let env = [("GAZETTE_TEST_PANIC", "rebuild")];
    let mut session = at_second_source(home.path(), &env);
    session.keys("a");
    session.wait_for("Names the gazetteer lacks");
    session.keys("a");
    session.wait_for("as: p person");
    session.keys("o");
    session.wait_for("thread 'gazette-rebuild' panicked");
    // The failed addition is over: another can start (it would say "still adding" if not).
    session.keys("a");
    session.wait_for("as: p person");
    session.keys("\u{1b}");
    session.keys("q");
    std::thread::sleep(Duration::from_millis(200));
    session.keys("q");
    assert_eq!(session.wait_exit(), 1);
    session.assert_restored();
    session.wait_for("gazette: error: a background task failed: thread 'gazette-rebuild'");
    assert_saved_at(home.path(), pty::SECOND_SOURCE, "rebuild panic");
}

#[test]
fn a_panic_in_the_reader_thread_restores_the_terminal_and_keeps_the_position() {
    let home = tempfile::tempdir().unwrap();
    // Without a backtrace, the panic message stays on the 40 rows of the terminal.
    let env = [("GAZETTE_TEST_PANIC", "draw"), ("RUST_BACKTRACE", "0")];
    let binary = env!("CARGO_BIN_EXE_gazette");
    let mut session = Session::start(home.path(), binary, &[], &env);
    assert_eq!(session.wait_exit(), 101, "Rust's status for a panic");
    session.assert_restored();
    session.wait_for("GAZETTE_TEST_PANIC=draw asked for this panic");
    assert_saved_at(home.path(), "000_4c2ccd68bbfaab2a.txt", "draw panic");
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
    let saved = saved_positions(home.path());
    assert_eq!(saved.len(), 1);
    assert!(saved[0].contains("001_080e800688616bee.txt"), "{saved:?}");
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
fn the_quotes_and_retold_views_open_on_the_seeds_and_enter_reads_in_place() {
    let home = tempfile::tempdir().unwrap();
    let mut session = Session::reader(home.path(), &[]);
    session.wait_for("Sources 6");
    // Quotations are set apart from the first frames on, before any key.
    pty::wait_until(
        "a quotation in italics",
        || session.italic_at("We are having discussions") == Some(true),
        || session.screen(),
    );
    assert_eq!(session.italic_at("Reflecting on his meetings"), Some(false));
    session.keys("f");
    session.wait_for("find entity:");
    session.keys("Witkoff\r");
    session.wait_for("Steve Witkoff: mention 1 of 24");
    session.keys("Q");
    session.wait_for("Quoted: Steve Witkoff");
    session.wait_for("Speakers × sources: words quoted");
    session.wait_for("Donald Trump");
    session.keys("jj\r");
    session.wait_for("quoted: Steve Witkoff");
    session.wait_for("Entities 49");
    session.wait_for("We want to see these hostages come home");
    session.keys("Q");
    session.wait_for("Quoted: Steve Witkoff");
    session.keys("q");
    session.wait_for("Entities 49");
    session.keys("R");
    session.wait_for("Retold passages: 11 pairs of sources share");
    session.keys("\r\r");
    session.wait_for("retold: 6 Axios · 2 and 3 Israel’s deep concerns over…");
    session.keys("q");
    assert_eq!(session.wait_exit(), 0);
    session.assert_restored();
}

#[test]
fn two_sources_side_by_side_from_reading_and_from_the_retold_passages() {
    let home = tempfile::tempdir().unwrap();
    let mut session = Session::reader(home.path(), &[]);
    session.wait_for("Sources 6");
    session.keys("f");
    session.wait_for("find entity:");
    session.keys("Witkoff\r");
    session.wait_for("Steve Witkoff: mention 1 of 24");
    session.keys("|");
    session.wait_for("side by side │ 1 The Times of Israel ⇄ 2 Progress was reported…");
    session.wait_for("Steve Witkoff 1 of 17");
    session.wait_for("Steve Witkoff 1 of 2");
    // The words 001's paragraph lacks are underlined in the terminal; "Witkoff" and its
    // neighbours as well, since the two paragraphs share little.
    assert_eq!(session.underlined_at("admits US captives"), Some(true));
    session.keys("n");
    session.wait_for("Steve Witkoff 2 of 17");
    session.wait_for("Steve Witkoff 2 of 2");
    session.keys("q");
    session.wait_for("Steve Witkoff: mention 1 of 24");
    session.keys("R");
    session.wait_for("Retold passages: 11 pairs of sources share");
    session.keys("\r|");
    session.wait_for("3 Israel’s deep concerns over… ⇄ 6 Axios · 2 │ retold sentence 1 of 10");
    assert_eq!(session.underlined_at("heated  "), Some(true));
    assert_eq!(
        session.underlined_at("leading the talks, sources"),
        Some(false)
    );
    session.keys("n");
    session.wait_for("retold sentence 2 of 10");
    session.keys("\u{1b}");
    session.wait_for("Retold sentences: 10");
    session.keys("q");
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

/// The last line of the screen.
fn status_line(session: &Session) -> String {
    let screen = session.screen();
    screen.lines().last().unwrap_or_default().to_owned()
}

#[test]
fn at_80x24_and_60x20_the_status_line_keeps_its_numbers_and_hints_fit_each_view() {
    let no_color: &[(&str, &str)] = &[("NO_COLOR", "1")];
    for (size, env) in [
        ((80, 24), &[][..]),
        ((60, 20), &[][..]),
        ((80, 24), no_color),
    ] {
        let home = tempfile::tempdir().unwrap();
        let binary = env!("CARGO_BIN_EXE_gazette");
        let mut session = Session::start_sized(home.path(), binary, &[], env, size);
        session.wait_for("Sources 6");
        session.keys("fWitk\r");
        session.wait_for("mention 1 of 24");
        session.keys(&"n".repeat(19));
        session.wait_for("mention 20 of 24");
        let status = status_line(&session);
        assert!(
            status.contains("?:help") && status.contains("q:quit"),
            "{size:?}: {status}"
        );
        session.keys("c");
        session.wait_for("Coverage");
        session.wait_for("q:back");
        let status = status_line(&session);
        assert!(
            !status.contains("Tab:") && !status.contains("a:add"),
            "{size:?}: {status}"
        );
        session.keys("q");
        session.wait_for("q:quit");
        session.keys("v");
        session.wait_for("Passages:");
        session.wait_for("q:back");
        session.keys("q");
        session.wait_for("q:quit");
        session.keys("?");
        session.wait_for("Help 1–");
        session.keys(" ");
        pty::wait_until(
            "the next page of the help",
            || !session.screen().contains("Help 1–"),
            || session.screen(),
        );
        session.keys("G");
        session.keys("q");
        session.wait_for("q:quit");
        session.keys("q");
        assert_eq!(session.wait_exit(), 0, "{size:?}");
        session.assert_restored();
    }
}

/// Three articles of a story the built-in gazetteer knows nothing of.
const NEW_STORY: [(&str, &str); 3] = [
    (
        "a.txt",
        "Dock workers walk out as talks stall in Rotterdam\n\
         Dock workers at the Port of Rotterdam walked out on Monday after talks with the Dutch \
         Ministry of Infrastructure broke down, union leader Maria Lindqvist said.\n\
         Lindqvist said the strike would last until the government met the workers' demands. \
         \"We have waited long enough,\" she told reporters in Rotterdam.\n\
         The Ministry of Infrastructure said it regretted the walkout. Transport minister \
         Pieter Janssen said he would meet the union on Wednesday in The Hague.\n",
    ),
    (
        "b.txt",
        "Rotterdam strike spreads to Antwerp\n\
         The dock strike that began in Rotterdam spread to Antwerp on Tuesday, as the Belgian \
         Transport Workers Union joined the walkout.\n\
         Maria Lindqvist, who leads the Dutch dockers, said the two unions would act together. \
         Janssen said the talks in The Hague would go ahead.\n\
         Analysts at ING said the strike could cost the Netherlands millions a day.\n",
    ),
    (
        "c.txt",
        "Minister offers dockers new talks\n\
         Transport minister Pieter Janssen offered new talks to the striking dockers on \
         Thursday, after a week in which the Port of Rotterdam stood still.\n\
         Lindqvist said the union would study the offer. Ships were moved to Hamburg and \
         Bremen.\n\
         In Brussels, the European Commission said it was following the strike closely. \
         Janssen said he hoped to reach a deal in The Hague by Friday.\n",
    ),
];

#[test]
fn on_a_new_story_suggestions_show_and_one_kind_is_accepted_in_a_few_keys() {
    let home = tempfile::tempdir().unwrap();
    let story = home.path().join("story");
    std::fs::create_dir(&story).unwrap();
    for (name, text) in NEW_STORY {
        std::fs::write(story.join(name), text).unwrap();
    }
    let mut session = Session::reader(home.path(), &["story"]);
    session.wait_for("S reviews the");
    session.wait_for("Maria Lindqvist");
    let screen = session.screen();
    assert!(screen.contains("Entities 0 + "), "{screen}");
    session.keys("S");
    session.wait_for("Suggested entities:");
    session.keys("P");
    session.wait_for("only person");
    session.keys("A");
    session.wait_for("added 2 suggested entities");
    session.wait_for("(no suggestions of this kind");
    session.keys("q");
    session.wait_for("Entities 2 + ");
    session.keys("q");
    assert_eq!(session.wait_exit(), 0);
    session.assert_restored();
    let written = std::fs::read_to_string(story.join("gazette.json")).unwrap();
    assert!(
        written.contains(r#""name":"Maria Lindqvist","kind":"person""#),
        "{written}"
    );
    assert!(
        written.contains(r#""name":"Pieter Janssen","kind":"person""#),
        "{written}"
    );
    assert!(!written.contains("place"), "only people: {written}");
    assert!(
        !home.path().join("config/gazetteer.json").exists(),
        "a folder's decisions go beside its articles"
    );

    let mut again = Session::reader(home.path(), &["story"]);
    again.wait_for("Entities 2 + ");
    let screen = again.screen();
    assert!(!screen.contains("S reviews the"), "{screen}");
    again.keys("q");
    assert_eq!(again.wait_exit(), 0);
}

#[test]
fn a_failed_addition_is_told_again_on_exit_with_status_1() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    // The lock beside the user gazetteer is a FIFO: the addition cannot be written.
    let made = std::process::Command::new("mkfifo")
        .arg(config.join("gazetteer.json.lock"))
        .status()
        .unwrap();
    assert!(made.success());
    let mut session = Session::reader(home.path(), &[]);
    session.wait_for("Sources 6");
    session.keys("a");
    session.wait_for("Names the gazetteer lacks");
    session.keys("a");
    session.wait_for("as: p person");
    session.keys("o");
    session.wait_for("not added:");
    session.keys("\u{1b}");
    session.keys("q");
    std::thread::sleep(Duration::from_millis(200));
    session.keys("q");
    assert_eq!(session.wait_exit(), 1, "a lost addition is an error");
    session.assert_restored();
    session.wait_for("gazette: error: not added:");
    assert!(!config.join("gazetteer.json").exists());
}

/// A gazetteer file of `entities` fillers and the entities given, over 1 MiB: the reader
/// builds it after its first frame.
fn large_gazetteer(path: &Path, extra: &str) {
    let fillers: Vec<String> = (0..40_000)
        .map(|i| format!(r#"{{"name": "Qfiller{i} Zed", "kind": "person"}}"#))
        .collect();
    let json = format!(r#"{{"entities": [{}, {extra}]}}"#, fillers.join(", "));
    assert!(json.len() > 1 << 20);
    std::fs::write(path, json).unwrap();
}

#[test]
fn a_large_gazetteer_is_built_after_the_first_frame_and_then_highlights() {
    let home = tempfile::tempdir().unwrap();
    std::fs::write(
        home.path().join("story.txt"),
        "Talks in Valmora\n\nMaria Lindqvist met the mayor of Valmora.\n",
    )
    .unwrap();
    large_gazetteer(
        &home.path().join("large.json"),
        r#"{"name": "Maria Lindqvist", "kind": "person", "id": "maria"}"#,
    );
    let timing = home.path().join("timing.txt");
    let args = [
        "--no-default-gazetteer",
        "--gazetteer",
        "large.json",
        "story.txt",
    ];
    let env = [("GAZETTE_TIMING", timing.to_str().unwrap())];
    let mut session = Session::start(home.path(), env!("CARGO_BIN_EXE_gazette"), &args, &env);
    session.wait_for("Maria Lindqvist met");
    session.wait_for("Entities 1");
    session.keys("q");
    assert_eq!(session.wait_exit(), 0);
    session.assert_restored();
    let log = std::fs::read_to_string(&timing).unwrap();
    let at = |mark: &str| log.find(mark).unwrap_or_else(|| panic!("{mark}: {log}"));
    assert!(at("first frame drawn") < at("gazetteer built"), "{log}");

    large_gazetteer(
        &home.path().join("large.json"),
        r#"{"name": "Valmora", "kind": "city"}"#,
    );
    let mut session = Session::start(home.path(), env!("CARGO_BIN_EXE_gazette"), &args, &[]);
    assert_eq!(session.wait_exit(), 2, "a bad gazetteer is a usage error");
    session.assert_restored();
    session.wait_for("large.json: line 1 column");
    session.wait_for("unknown kind \"city\"");
}

/// The problems met before the first frame are told on exit once: the only input's own
/// warnings are not lost, and an input the background load reads again is not told twice.
#[test]
fn problems_met_before_the_first_frame_are_told_once_on_exit() {
    let home = tempfile::tempdir().unwrap();
    let bad = home.path().join("bad.txt");
    std::fs::write(&bad, b"Hamas met \xff in Gaza.\n").unwrap();
    let ok = home.path().join("ok.txt");
    std::fs::write(&ok, "Gaza.\n").unwrap();
    let missing = home.path().join("missing.txt");
    let (bad, ok, missing) = (
        bad.to_str().unwrap(),
        ok.to_str().unwrap(),
        missing.to_str().unwrap(),
    );
    for (args, status) in [(vec![bad], 0), (vec![missing, bad, ok], 1)] {
        let mut session = Session::reader(home.path(), &args);
        session.wait_for("Sources");
        session.keys("q");
        assert_eq!(session.wait_exit(), status, "{args:?}");
        session.wait_for("invalid UTF-8");
        let screen = session.screen();
        assert_eq!(screen.matches("invalid UTF-8").count(), 1, "{screen}");
        let unreadable = usize::from(args.contains(&missing));
        assert_eq!(
            screen.matches("cannot read").count(),
            unreadable,
            "{screen}"
        );
    }
}
