//! File permissions that bind even when the tests run as root.
//!
//! `chmod` does not stop root, whose capabilities override file permissions. For root, a
//! command runs under `setpriv` with those capabilities dropped from its bounding set, so
//! that a read-only directory or an unreadable file denies it as it would anyone else.
#![allow(dead_code)]

use std::process::{Command, Stdio};

/// `setpriv` without the capabilities that override file permissions (a new program gets
/// at most its bounding set, even as root).
const WITHOUT_OVERRIDE: [&str; 3] = [
    "setpriv",
    "--bounding-set=-dac_override,-dac_read_search",
    "--",
];

fn succeeds(command: &[&str]) -> bool {
    Command::new(command[0])
        .args(&command[1..])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// What to put before a command so that permissions bind it, tried on `probe` (a command
/// that permissions should make fail, and that leaves nothing behind when it succeeds):
/// nothing, or `setpriv …` for root. `None`, with the
/// reason on stderr, when neither makes `probe` fail here.
pub fn prefix_denying(probe: &[&str]) -> Option<Vec<String>> {
    if !succeeds(probe) {
        return Some(Vec::new());
    }
    let usable: Vec<&str> = WITHOUT_OVERRIDE.iter().chain(&["true"]).copied().collect();
    if !succeeds(&usable) {
        eprintln!(
            "skipped: {probe:?} succeeds despite permissions (root), and `setpriv` cannot \
             drop the capabilities that override them here"
        );
        return None;
    }
    let bound: Vec<&str> = WITHOUT_OVERRIDE.iter().chain(probe).copied().collect();
    if !succeeds(&bound) {
        return Some(WITHOUT_OVERRIDE.iter().map(|&s| s.to_owned()).collect());
    }
    eprintln!(
        "skipped: {probe:?} succeeds despite permissions, with and without `setpriv` \
         (root with no way to drop its capabilities here)"
    );
    None
}

/// Sets the permission bits of `path`.
pub fn chmod(path: &std::path::Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}
