//! The `gazette` binary: parse the arguments, run, print the error, exit.

use clap::Parser;
use gazette::cli::Cli;
use gazette::error::Error;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match gazette::command::run(cli) {
        Ok(status) => ExitCode::from(status),
        Err(Error::Output(error)) if error.kind() == std::io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("gazette: error: {error}");
            ExitCode::from(error.exit_code())
        }
    }
}
