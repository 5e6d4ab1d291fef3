//! The `gazette` binary: parse the arguments, run, print the error, exit.

use clap::Parser;
use gazette::cli::Cli;
use gazette::error::Error;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
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
