//! The binary under test, with configuration, data and cache directories of its own, so the user's
//! files never leak into a test, and the files it reads. Each test crate that includes this
//! file uses part of it.
#![allow(dead_code)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// `gazette`, run in `home` with its configuration and data under `home`.
pub fn gazette(home: &TempDir) -> Command {
    in_home(
        Command::cargo_bin("gazette").expect("the binary is built"),
        home,
    )
}

/// `gazette` as [`gazette`] runs it, but started by `prefix` (a command that then runs it,
/// such as `setpriv …`); plain [`gazette`] when `prefix` is empty.
pub fn gazette_after(prefix: &[String], home: &TempDir) -> Command {
    let Some((program, args)) = prefix.split_first() else {
        return gazette(home);
    };
    let mut command = Command::new(program);
    command.args(args).arg(env!("CARGO_BIN_EXE_gazette"));
    in_home(command, home)
}

fn in_home(mut command: Command, home: &TempDir) -> Command {
    command
        .env("GAZETTE_CONFIG_DIR", home.path().join("config"))
        .env("GAZETTE_DATA_DIR", home.path().join("data"))
        .env("GAZETTE_CACHE_DIR", home.path().join("cache"))
        .env_remove("NO_COLOR")
        .current_dir(home.path());
    command
}

/// Writes `bytes` to `dir/name`, making the folders on the way; returns the path.
pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().expect("a file in a folder")).unwrap();
    std::fs::write(&path, bytes).unwrap();
    path
}
