//! The `gazette` binary: parse the arguments, run, print the error, exit.

use clap::Parser;
use gazette::cli::Cli;
use gazette::error::Error;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    map_large_blocks();
    let cli = Cli::parse();
    match gazette::command::run(cli) {
        Ok(status) => ExitCode::from(status),
        Err(Error::Output(error)) if error.kind() == std::io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        Err(error) => {
            // A closed or hung-up stderr leaves nothing more to do than the exit status.
            let _ = writeln!(std::io::stderr(), "gazette: error: {error}");
            ExitCode::from(error.exit_code())
        }
    }
}

/// The environment variable through which glibc's `malloc` takes a fixed mmap threshold.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const MMAP_THRESHOLD_VAR: &str = "MALLOC_MMAP_THRESHOLD_";

/// Blocks from this size up are mapped on their own, and so returned to the system when freed.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const MMAP_THRESHOLD: &str = "262144";

/// Starts the binary again, once, with a fixed mmap threshold for glibc's `malloc`.
///
/// Left alone, glibc raises its threshold to the size of each large block freed (up to
/// 32 MiB); blocks below it then come from the heap, where they stay resident once freed. On
/// a file of a hundred megabytes that was 40 MB more at the reader's peak. Setting it from
/// within takes `mallopt`, an unsafe call this crate forbids, so it is given in the
/// environment, which glibc reads at start; a value the user set (or a failure to start
/// again) leaves things as they are.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn map_large_blocks() {
    use std::os::unix::process::CommandExt;
    let tuned = std::env::var_os(MMAP_THRESHOLD_VAR).is_some()
        || std::env::var("GLIBC_TUNABLES").is_ok_and(|t| t.contains("mmap_threshold"));
    if tuned {
        return;
    }
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    let mut args = std::env::args_os();
    let name = args.next().unwrap_or_else(|| exe.clone().into_os_string());
    // `exec` returns only if the binary could not be started again: go on as it is.
    let _ = std::process::Command::new(&exe)
        .arg0(name)
        .args(args)
        .env(MMAP_THRESHOLD_VAR, MMAP_THRESHOLD)
        .exec();
}
