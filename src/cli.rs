//! Command-line arguments (clap) and the options they resolve to.

pub use crate::config::ColorChoice;
pub use crate::gazetteer::import::ExportFormat;
pub use crate::report::{AnnotateFormat, RecordFormat, TableFormat};
use clap::builder::PossibleValue;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// The text after the options in `--help`: the files gazette reads, where they are on this
/// system, and the exit status.
pub fn after_help() -> String {
    let shown = |path: Option<PathBuf>| {
        path.map_or_else(
            || "(none: no home directory)".to_owned(),
            |p| crate::text::clean_inline(&p.to_string_lossy()),
        )
    };
    format!(
        "\
Files:
  Configuration: {config}
    colours per kind, the entity list's sort and the colour mode (see the README).
  User gazetteer: {gazetteer}
  Both are in the configuration directory ({config_env} overrides it).
  Reading positions are kept in the data directory: {data}
  ({data_env} overrides it).
  Fetched pages and feeds are kept in the cache directory: {cache}
  ({cache_env} overrides it; --refresh fetches again).

Articles: .txt (and any other file) as plain text; .html/.htm saved web pages and .md
Markdown as their extracted text; http(s) URLs; RSS/Atom feeds (.rss/.atom/.xml or a URL),
one article per item; .story files listing URLs and paths, one per line (# comments).
Gazetteers: .json, spaCy patterns (.jsonl), GATE lists (.lst, with the kind:
places.lst:place).

Exit status: 0 success, 1 an input could not be read, 2 bad usage or an invalid gazetteer.",
        config = shown(crate::paths::config_file()),
        gazetteer = shown(crate::paths::user_gazetteer()),
        config_env = crate::paths::CONFIG_DIR_ENV,
        data = shown(crate::paths::data_dir()),
        data_env = crate::paths::DATA_DIR_ENV,
        cache = shown(crate::paths::cache_dir()),
        cache_env = crate::paths::CACHE_DIR_ENV,
    )
}

/// A terminal reader for several news articles about one story: every person,
/// organization and place from a gazetteer is highlighted, and you can follow
/// any of them from article to article.
#[derive(Debug, Parser)]
#[command(name = "gazette", version, after_help = after_help(), args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// Options shared by every command.
    #[command(flatten)]
    pub common: CommonArgs,
    /// What to do (without one: read the articles).
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Articles: files, directories (read recursively), - for standard input, http(s) URLs,
    /// RSS/Atom feeds, or .story files listing any of these.
    /// Without any, the built-in seed articles.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

/// Options every command takes.
#[derive(Debug, Args)]
pub struct CommonArgs {
    /// Add a gazetteer layer; later layers win. Repeatable. JSON, spaCy patterns (.jsonl), or a
    /// GATE list with its kind (places.lst:place).
    #[arg(long = "gazetteer", value_name = "FILE", global = true)]
    pub gazetteers: Vec<PathBuf>,
    /// Leave out the built-in gazetteer.
    #[arg(long, global = true)]
    pub no_default_gazetteer: bool,
    /// When to use colour [default: `color` in config.toml, else auto] (NO_COLOR in the
    /// environment means never, unless "always").
    #[arg(long, value_enum, value_name = "WHEN", global = true)]
    pub color: Option<ColorChoice>,
    /// Fetch URLs and feeds again rather than reading them from the cache.
    #[arg(long, global = true)]
    pub refresh: bool,
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
    /// Every direct quotation, one record per piece, with its speaker where the text names one.
    Quotes {
        /// Output format.
        #[arg(long, value_enum, default_value_t = RecordFormat::Jsonl)]
        format: RecordFormat,
        /// Articles (default: the built-in seeds).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Sentences one source retells from another (shared wording or the same quotation), one
    /// record per pair.
    Reuse {
        /// Output format.
        #[arg(long, value_enum, default_value_t = RecordFormat::Jsonl)]
        format: RecordFormat,
        /// Articles (default: the built-in seeds).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Work with the gazetteer layers.
    #[command(subcommand)]
    Gazetteer(GazetteerCommand),
    /// Print a shell completion script, e.g. `gazette completions bash > ~/.local/share/bash-completion/completions/gazette`.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `gazette man | man -l -`.
    Man,
}

/// `gazette gazetteer …`.
#[derive(Debug, Subcommand)]
pub enum GazetteerCommand {
    /// Write the merged layers (built-in, user, each --gazetteer) to standard output.
    Export {
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
        format: ExportFormat,
    },
    /// Print a gazetteer (JSON) of the entities the articles name that the loaded layers
    /// lack, with kinds, aliases and descriptions: review it, then use it with --gazetteer.
    Suggest {
        /// Articles (default: the built-in seeds).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
}

/// Spells the values of an option on the command line: its name and help for each variant of
/// a type that the module using it defines.
macro_rules! value_enum {
    ($type:ty { $($variant:ident => $name:literal: $help:literal,)+ }) => {
        impl ValueEnum for $type {
            fn value_variants<'a>() -> &'a [Self] {
                &[$(Self::$variant),+]
            }

            fn to_possible_value(&self) -> Option<PossibleValue> {
                Some(match self {
                    $(Self::$variant => PossibleValue::new($name).help($help),)+
                })
            }
        }
    };
}

// `gazetteer export --format`.
value_enum!(ExportFormat {
    Json => "json": "gazette's JSON gazetteer, one entity a line",
    Spacy => "spacy": "spaCy EntityRuler patterns (JSON lines), one per name and alias",
});

// `--color`.
value_enum!(ColorChoice {
    Auto => "auto": "Colour when writing to a terminal and NO_COLOR is not set",
    Always => "always": "Always colour",
    Never => "never": "Never colour",
});

// `annotate --format`.
value_enum!(AnnotateFormat {
    Jsonl => "jsonl": "One JSON object per line",
    Tsv => "tsv": "Tab-separated values with a header line",
});

// `--format` of `entities`, `coverage`, `concordance` and `discover`.
value_enum!(TableFormat {
    Table => "table": "An aligned table for reading",
    Json => "json": "One JSON document with the articles and the entities",
    Tsv => "tsv": "Tab-separated values with a header line",
});

// `--format` of `quotes` and `reuse`.
value_enum!(RecordFormat {
    Jsonl => "jsonl": "One JSON object per line",
    Tsv => "tsv": "Tab-separated values with a header line",
    Table => "table": "An aligned table for reading",
});

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
        assert_eq!(cli.common.color, Some(ColorChoice::Never));
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
