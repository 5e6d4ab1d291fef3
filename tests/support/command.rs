//! The binary under test, with configuration and data directories of its own, so the user's
//! files never leak into a test.

use assert_cmd::Command;
use tempfile::TempDir;

/// `gazette`, run in `home` with its configuration and data under `home`.
pub fn gazette(home: &TempDir) -> Command {
    let mut command = Command::cargo_bin("gazette").expect("the binary is built");
    command
        .env("GAZETTE_CONFIG_DIR", home.path().join("config"))
        .env("GAZETTE_DATA_DIR", home.path().join("data"))
        .env_remove("NO_COLOR")
        .current_dir(home.path());
    command
}
