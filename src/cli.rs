//! Command-line arguments (clap) and the options they resolve to.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::IsTerminal;
use std::path::PathBuf;

const AFTER_HELP: &str = "\
Files:
  The user gazetteer is gazetteer.json in the configuration directory
  (~/.config/gazette on Linux; set GAZETTE_CONFIG_DIR to use another).
  Reading positions are kept in the data directory
  (~/.local/share/gazette on Linux; set GAZETTE_DATA_DIR to use another).

Exit status: 0 success, 1 an input could not be read, 2 bad usage or an invalid gazetteer.";

/// A terminal reader for several news articles about one story: every person,
/// organization and place from a gazetteer is highlighted, and you can follow
/// any of them from article to article.
#[derive(Debug, Parser)]
#[command(name = "gazette", version, after_help = AFTER_HELP, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// Options shared by every command.
    #[command(flatten)]
    pub common: CommonArgs,
    /// What to do (without one: read the articles).
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Articles: files, directories (read recursively), or - for standard input.
    /// Without any, the built-in seed articles.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

/// Options every command takes.
#[derive(Debug, Args)]
pub struct CommonArgs {
    /// Add a gazetteer layer (JSON); later layers win. Repeatable.
    #[arg(long = "gazetteer", value_name = "FILE", global = true)]
    pub gazetteers: Vec<PathBuf>,
    /// Leave out the built-in gazetteer.
    #[arg(long, global = true)]
    pub no_default_gazetteer: bool,
    /// When to use colour (NO_COLOR in the environment means never, unless "always").
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print every mention, one per line, ordered by file then offset.
    Annotate {
        /// Output format.
        #[arg(long, value_enum, default_value_t = AnnotateFormat::Jsonl)]
        format: AnnotateFormat,
        /// Articles (default: the built-in seeds).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Count the mentions of each entity in each article.
    Entities {
        /// Output format.
        #[arg(long, value_enum, default_value_t = TableFormat::Table)]
        format: TableFormat,
        /// Articles (default: the built-in seeds).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Validate the gazetteer layers and report surface forms claimed twice; with articles,
    /// also entities never mentioned and surface forms always hidden by longer ones.
    Check {
        /// Articles to check the gazetteer against (default: none).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Entities × articles: who is named where, who only one source names, and what each
    /// source leaves out that most others name.
    Coverage {
        /// Output format.
        #[arg(long, value_enum, default_value_t = TableFormat::Table)]
        format: TableFormat,
        /// Articles (default: the built-in seeds).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Every mention of one entity with words of context either side, by article.
    Concordance {
        /// The entity: its id, name or one of its aliases (letter case ignored).
        name: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TableFormat::Table)]
        format: TableFormat,
        /// Articles (default: the built-in seeds).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Capitalised names no gazetteer entry covers, and near-misses of known names.
    Discover {
        /// Output format.
        #[arg(long, value_enum, default_value_t = TableFormat::Table)]
        format: TableFormat,
        /// Articles (default: the built-in seeds).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and NO_COLOR is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

impl ColorChoice {
    /// Whether to colour output going to standard output.
    pub fn resolve(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
                let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
                !no_color && !dumb && std::io::stdout().is_terminal()
            }
        }
    }
}

/// `annotate --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AnnotateFormat {
    /// One JSON object per line.
    Jsonl,
    /// Tab-separated values with a header line.
    Tsv,
}

/// `--format` of `entities`, `coverage`, `concordance` and `discover`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    /// An aligned table for reading.
    Table,
    /// One JSON document with the articles and the entities.
    Json,
    /// Tab-separated values with a header line.
    Tsv,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn arguments_are_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn global_options_go_anywhere() {
        let cli = Cli::try_parse_from([
            "gazette",
            "annotate",
            "--gazetteer",
            "g.json",
            "a.txt",
            "--color",
            "never",
        ])
        .unwrap();
        assert_eq!(cli.common.gazetteers, [PathBuf::from("g.json")]);
        assert_eq!(cli.common.color, ColorChoice::Never);
        assert!(
            matches!(cli.command, Some(Command::Annotate { ref paths, .. }) if paths == &[PathBuf::from("a.txt")])
        );
    }

    #[test]
    fn bad_values_name_the_choices() {
        let error = Cli::try_parse_from(["gazette", "entities", "--format", "xml"]).unwrap_err();
        let message = error.to_string();
        assert!(
            message.contains("'xml'") && message.contains("table, json, tsv"),
            "{message}"
        );
    }
}
