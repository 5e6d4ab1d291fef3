//! The one error type, whose messages name the file, the value and the fix.

use std::fmt;

/// Everything that can stop a command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A gazetteer layer that cannot be used.
    #[error(transparent)]
    Gazetteer(#[from] GazetteerError),
    /// Bad arguments or options.
    #[error("{0}")]
    Usage(String),
    /// One or more inputs could not be read; the rest were processed.
    #[error("{0}")]
    Input(String),
    /// Writing the output failed (other than a closed pipe, which ends quietly).
    #[error("cannot write the output: {0}")]
    Output(#[source] std::io::Error),
    /// The interactive reader could not run.
    #[error("{0}")]
    Terminal(String),
}

impl Error {
    /// The process exit status for this error (spec: 1 unreadable input, 2 usage or gazetteer).
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Input(_) | Error::Output(_) | Error::Terminal(_) => 1,
            Error::Gazetteer(_) | Error::Usage(_) => 2,
        }
    }
}

/// A problem in one file, located by line and column, with what is wrong and what would fix
/// it: the shape of every error in a file the user writes (gazetteers, `config.toml`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocatedError {
    /// The file as the user named it (or `built-in gazetteer`).
    pub file: String,
    /// 1-based line of the offending value, 0 when the file has no lines to point at (or the
    /// problem is not at one place).
    pub line: usize,
    /// 1-based column (in characters) of the offending value.
    pub column: usize,
    /// Which entry, e.g. `entity 3 ("Adam Boehler")`, when the problem is inside one.
    pub entry: Option<String>,
    /// What is wrong, with the value in quotes.
    pub problem: String,
    /// What would fix it (the valid choices, where there are some).
    pub fix: String,
}

impl std::error::Error for LocatedError {}

impl fmt::Display for LocatedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if self.line > 0 {
            write!(f, ": line {} column {}", self.line, self.column)?;
        }
        if let Some(entry) = &self.entry {
            write!(f, ": {entry}")?;
        }
        write!(f, ": {}; {}", self.problem, self.fix)
    }
}

/// A problem in one gazetteer file.
pub type GazetteerError = LocatedError;

/// Shorthand for results in this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
