//! The file system as it really is (hostile inputs D 26–29): files that vanish, shrink or
//! change kind between listing and reading, permission denied, FIFOs, sockets and devices,
//! symbolic link loops, a very deep tree, and file names that are not UTF-8 or hold control
//! characters.
//!
//! What must hold: each problem is reported for its own file, naming it and why; the other
//! files load; nothing blocks, panics or writes a control character.

#[path = "support/command.rs"]
mod command;
#[path = "support/permissions.rs"]
mod permissions;
use permissions::chmod;

use command::gazette_after;
use gazette::corpus::{self, Severity};
use serde_json::Value;
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::time::Duration;
use tempfile::TempDir;

/// A gazetteer of one place, so that every test article has a mention.
const GAZETTEER: &str = r#"{"entities": [{"id": "gaza", "name": "Gaza", "kind": "place"}]}"#;

fn write(path: &Path, bytes: &[u8]) -> PathBuf {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
    path.to_path_buf()
}

fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo").arg(path).status();
    assert!(made.unwrap().success());
}

/// What `gazette annotate` printed: its exit status, the `file` of each mention, stderr.
struct Annotated {
    status: Option<i32>,
    files: Vec<String>,
    stderr: String,
}

/// `gazette annotate` with the one-place gazetteer over `inputs`, started by `prefix` (see
/// [`gazette_after`]). It gets 20 seconds: an input that blocks it fails the test.
fn annotate(home: &TempDir, prefix: &[String], inputs: &[&Path]) -> Annotated {
    let gazetteer = write(&home.path().join("gazetteer.json"), GAZETTEER.as_bytes());
    let output = gazette_after(prefix, home)
        .args(["annotate", "--no-default-gazetteer", "--gazetteer"])
        .arg(gazetteer)
        .args(inputs)
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    let files = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| {
            let mention: Value = serde_json::from_str(line).unwrap();
            mention["file"].as_str().unwrap().to_owned()
        })
        .collect();
    Annotated {
        status: output.status.code(),
        files,
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// The part of each of `files` after `dir/`.
fn relative<'a>(files: &'a [String], dir: &str) -> Vec<&'a str> {
    files
        .iter()
        .map(|file| {
            file.rsplit_once(&format!("{dir}/"))
                .map_or(&**file, |(_, r)| r)
        })
        .collect()
}

#[test]
fn files_that_change_between_listing_and_reading_are_reported_one_by_one() {
    let home = TempDir::new().unwrap();
    let dir = home.path().join("corpus");
    let path = |name: &str| dir.join(name);
    write(&path("a-stays.txt"), b"Gaza stays");
    write(&path("b-vanishes.txt"), b"Gaza vanishes");
    write(
        &path("c-shrinks.txt"),
        "Gaza then more\n".repeat(1000).as_bytes(),
    );
    write(&path("d-becomes-a-folder.txt"), b"Gaza");
    write(&path("e-becomes-a-fifo.txt"), b"Gaza");
    let (inputs, problems) = corpus::list_inputs(std::slice::from_ref(&dir));
    assert!(problems.is_empty() && inputs.len() == 5, "{problems:?}");

    std::fs::remove_file(path("b-vanishes.txt")).unwrap();
    let shrinking = std::fs::File::options()
        .write(true)
        .open(path("c-shrinks.txt"));
    shrinking.unwrap().set_len(4).unwrap();
    std::fs::remove_file(path("d-becomes-a-folder.txt")).unwrap();
    std::fs::create_dir(path("d-becomes-a-folder.txt")).unwrap();
    std::fs::remove_file(path("e-becomes-a-fifo.txt")).unwrap();
    mkfifo(&path("e-becomes-a-fifo.txt"));

    let (articles, problems) = corpus::load_all(&inputs);
    let texts: Vec<&str> = articles.iter().map(|a| a.text.as_str()).collect();
    assert_eq!(texts, ["Gaza stays", "Gaza"]);
    let reported: Vec<(String, Severity)> = problems
        .iter()
        .map(|p| (p.to_string(), p.severity))
        .collect();
    let expected = [
        (
            "b-vanishes.txt: cannot read: No such file or directory",
            Severity::Unreadable,
        ),
        (
            "d-becomes-a-folder.txt: skipped: not a regular file (directory)",
            Severity::Skipped,
        ),
        (
            "e-becomes-a-fifo.txt: skipped: not a regular file (FIFO)",
            Severity::Skipped,
        ),
    ];
    assert_eq!(reported.len(), expected.len(), "{reported:?}");
    for ((message, severity), (part, expected)) in reported.iter().zip(expected) {
        assert!(message.contains(part), "{message}");
        assert_eq!(*severity, expected, "{message}");
    }
}

#[test]
fn unreadable_files_and_folders_are_named_and_the_rest_is_read() {
    let home = TempDir::new().unwrap();
    let dir = home.path().join("corpus");
    let readable = write(&dir.join("a.txt"), b"Gaza");
    let secret = write(&dir.join("secret.txt"), b"Gaza");
    let locked = dir.join("locked");
    write(&locked.join("inside.txt"), b"Gaza");
    chmod(&secret, 0o000);
    chmod(&locked, 0o000);
    let probe = ["cat", secret.to_str().unwrap()];
    if let Some(prefix) = permissions::prefix_denying(&probe) {
        let found = annotate(&home, &prefix, &[&dir]);
        assert_eq!(found.status, Some(1), "{}", found.stderr);
        assert_eq!(relative(&found.files, "corpus"), ["a.txt"]);
        let denied = "cannot read: Permission denied (os error 13); check its permissions";
        for name in ["secret.txt", "locked"] {
            let line = format!("error: {}: {denied}", dir.join(name).display());
            assert!(found.stderr.contains(&line), "{line}\n{}", found.stderr);
        }
        let named = annotate(&home, &prefix, &[&secret, &readable]);
        assert_eq!(named.status, Some(1));
        assert_eq!(named.files.len(), 1);
        assert!(named.stderr.contains(denied), "{}", named.stderr);
    }
    chmod(&secret, 0o644);
    chmod(&locked, 0o755);
}

#[test]
fn fifos_sockets_and_devices_are_skipped_by_name_and_never_block() {
    let home = TempDir::new().unwrap();
    let dir = home.path().join("corpus");
    let article = write(&dir.join("a.txt"), b"Gaza");
    let fifo = dir.join("pipe");
    mkfifo(&fifo);
    let socket = dir.join("socket");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();

    let in_folder = annotate(&home, &[], &[&dir]);
    assert_eq!(in_folder.status, Some(0), "skipped in a folder: warnings");
    assert_eq!(in_folder.files.len(), 1);
    for (name, kind) in [("pipe", "FIFO"), ("socket", "socket")] {
        let line = format!(
            "warning: {}: skipped: not a regular file ({kind})",
            dir.join(name).display()
        );
        assert!(
            in_folder.stderr.contains(&line),
            "{line}\n{}",
            in_folder.stderr
        );
    }

    let device = Path::new("/dev/null");
    let named = annotate(&home, &[], &[&fifo, &socket, device, &article]);
    assert_eq!(named.status, Some(1), "named directly: errors");
    assert_eq!(named.files.len(), 1);
    for (path, kind) in [(&*fifo, "FIFO"), (&*socket, "socket"), (device, "device")] {
        let line = format!(
            "error: {}: skipped: not a regular file ({kind})",
            path.display()
        );
        assert!(named.stderr.contains(&line), "{line}\n{}", named.stderr);
    }
}

#[test]
fn symbolic_link_loops_are_not_followed_and_a_link_to_itself_is_named() {
    let home = TempDir::new().unwrap();
    let dir = home.path().join("corpus");
    write(&dir.join("a.txt"), b"Gaza");
    write(&dir.join("sub").join("b.txt"), b"Gaza");
    symlink("..", dir.join("sub").join("up")).unwrap();
    symlink(&dir, dir.join("sub").join("root")).unwrap();
    symlink("a.txt", dir.join("link.txt")).unwrap();
    symlink("self", dir.join("self")).unwrap();
    let found = annotate(&home, &[], &[&dir]);
    assert_eq!(
        relative(&found.files, "corpus"),
        ["a.txt", "link.txt", "sub/b.txt"]
    );
    let line = format!(
        "error: {}: cannot read: Too many levels of symbolic links",
        dir.join("self").display()
    );
    assert!(found.stderr.contains(&line), "{line}\n{}", found.stderr);
    assert_eq!(found.status, Some(1));
}

#[test]
fn a_very_deep_tree_is_read_down_to_the_depth_cap_with_a_warning() {
    let home = TempDir::new().unwrap();
    let dir = home.path().join("corpus");
    let mut deep = dir.clone();
    for level in 1..=80 {
        deep.push("d");
        if level == 3 || level == 70 {
            write(&deep.join(format!("at-{level}.txt")), b"Gaza");
        }
    }
    let found = annotate(&home, &[], &[&dir]);
    assert_eq!(found.status, Some(0), "{}", found.stderr);
    assert_eq!(relative(&found.files, "corpus"), ["d/d/d/at-3.txt"]);
    assert!(
        found
            .stderr
            .contains("skipped: folders more than 64 levels deep"),
        "{}",
        found.stderr
    );
}

#[test]
fn a_folder_of_more_than_the_file_cap_lists_the_cap_with_a_warning() {
    let home = TempDir::new().unwrap();
    let dir = home.path().join("many");
    std::fs::create_dir(&dir).unwrap();
    for number in 0..=corpus::MAX_FILES {
        std::fs::File::create(dir.join(format!("{number:06}.txt"))).unwrap();
    }
    let (inputs, problems) = corpus::list_inputs(std::slice::from_ref(&dir));
    assert_eq!(inputs.len(), corpus::MAX_FILES);
    let warning = format!("only the first {} files are read", corpus::MAX_FILES);
    assert!(
        problems.iter().any(|p| p.message == warning),
        "{problems:?}"
    );
}

#[test]
fn names_not_utf8_or_with_controls_are_shown_clean_and_opened_as_they_are() {
    let home = TempDir::new().unwrap();
    let dir = home.path().join("corpus");
    let names: [&[u8]; 4] = [
        b"caf\xE9.txt",
        b"line\nbreak.txt",
        b"red\x1b[31m\x07title\x1b]0;pwned\x07.txt",
        b"\xC2\x9B31mc1.txt",
    ];
    let paths: Vec<PathBuf> = names
        .iter()
        .map(|name| write(&dir.join(OsStr::from_bytes(name)), b"Gaza"))
        .collect();
    let binary = write(&dir.join(OsStr::from_bytes(b"bin\x1b[2J.txt")), b"\0");
    let in_folder = annotate(&home, &[], &[&dir]);
    let refs: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    let one_by_one = annotate(&home, &[], &refs);
    for found in [&in_folder, &one_by_one] {
        assert_eq!(found.files.len(), names.len(), "every file opened");
        let shown = found.files.join("\n");
        assert!(shown.contains("caf\u{FFFD}.txt"), "{shown}");
        let clean = |text: &str| !text.chars().any(|c| c.is_control() && c != '\n');
        assert!(found.files.iter().all(|file| clean(file)), "{shown:?}");
        assert!(clean(&found.stderr), "{:?}", found.stderr);
    }
    assert!(
        in_folder.stderr.contains("skipped: binary"),
        "{}",
        in_folder.stderr
    );
    assert!(binary.exists());
}

/// Puts a FIFO at `path`, or a link to `/dev/zero` when `kind` is `device`.
fn place(path: &Path, kind: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    if kind == "FIFO" {
        mkfifo(path);
    } else {
        symlink("/dev/zero", path).unwrap();
    }
}

#[test]
fn fifos_and_devices_among_gazettes_own_files_are_named_and_never_block() {
    for kind in ["FIFO", "device"] {
        let home = TempDir::new().unwrap();
        let dir = home.path().join("corpus");
        write(&dir.join("a.txt"), b"Gaza");
        let sources = dir.join("sources.json");
        place(&sources, kind);
        let warned = annotate(&home, &[], &[&dir]);
        assert_eq!(warned.status, Some(0), "{}", warned.stderr);
        assert_eq!(warned.files.len(), 1);
        let line = format!(
            "warning: {}: ignored: not a regular file ({kind})",
            sources.display()
        );
        assert!(warned.stderr.contains(&line), "{line}\n{}", warned.stderr);
        std::fs::remove_file(&sources).unwrap();

        let config = home.path().join("config");
        for file in [
            config.join("config.toml"),
            config.join("gazetteer.json"),
            dir.join("gazette.json"),
        ] {
            place(&file, kind);
            let refused = annotate(&home, &[], &[&dir]);
            assert_eq!(refused.status, Some(2), "{}", refused.stderr);
            let named = format!("{}", file.display());
            let reason = format!("not a regular file ({kind})");
            assert!(
                refused.stderr.contains(&named) && refused.stderr.contains(&reason),
                "{named}: {reason}\n{}",
                refused.stderr
            );
            std::fs::remove_file(&file).unwrap();
        }
    }
}

#[test]
fn fifos_and_devices_among_story_files_and_the_web_cache_are_never_waited_on() {
    for kind in ["FIFO", "device"] {
        let home = TempDir::new().unwrap();
        let dir = home.path().join("corpus");
        write(&dir.join("a.txt"), b"Gaza");
        // A story file that names another one which is a FIFO or a device.
        let story = write(&dir.join("s.story"), b"a.txt\ninner.story\n");
        place(&dir.join("inner.story"), kind);
        let read = annotate(&home, &[], &[&story]);
        assert_eq!(read.files.len(), 1, "{kind}: {}", read.stderr);
        assert!(
            read.stderr.contains("inner.story"),
            "{kind}: {}",
            read.stderr
        );
        // The cached copy of a page and of a feed: refused, so the page is fetched again
        // (here from a closed port: an error naming the URL).
        let url = "http://127.0.0.1:9/story";
        let key = gazette::web::cache::key(url);
        let cache = home.path().join("cache");
        place(&cache.join("pages").join(format!("{key}.url")), kind);
        place(&cache.join("feeds").join(&key).join("feed.xml"), kind);
        let mut command = gazette_after(&[], &home);
        for proxy in [
            "http_proxy",
            "https_proxy",
            "HTTP_PROXY",
            "HTTPS_PROXY",
            "ALL_PROXY",
            "all_proxy",
        ] {
            command.env_remove(proxy);
        }
        let output = command
            .args(["annotate", url])
            .timeout(Duration::from_secs(20))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.code().is_some(),
            "{kind}: killed after waiting: {stderr}"
        );
        assert!(stderr.contains(url), "{kind}: {stderr}");
    }
}
