//! The commands: load what each needs, then print a report or open the reader.

mod reader;

use crate::cli::{Cli, Command, CommonArgs, GazetteerCommand};
use crate::config::ColorChoice;
use crate::corpus::{self, Severity};
use crate::error::Error;
use crate::gazetteer::{EntityId, Gazetteer, import};
use crate::index::Index;
use crate::matcher::Matcher;
use crate::report::RecordFormat;
use crate::{config, discover, insight, paths, quotes, report, reuse, suggest};
use clap::CommandFactory;
use std::io::{self, IsTerminal, Write};

/// Runs the command line; returns the exit status (0, or 1 when an input was unreadable).
pub fn run(cli: Cli) -> Result<u8, Error> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    // Generated from the arguments alone: these work whatever the configuration says.
    match cli.command {
        Some(Command::Completions { shell }) => {
            out.write_all(&completions(shell)).map_err(Error::Output)?;
            out.flush().map_err(Error::Output)?;
            return Ok(0);
        }
        Some(Command::Man) => {
            out.write_all(&man_page().map_err(Error::Output)?)
                .map_err(Error::Output)?;
            out.flush().map_err(Error::Output)?;
            return Ok(0);
        }
        _ => {}
    }
    let config = config::load().map_err(|error| Error::Usage(error.to_string()))?;
    let color = cli
        .common
        .color
        .or(config.color)
        .unwrap_or(ColorChoice::Auto)
        .resolve();
    let status = match cli.command {
        Some(Command::Completions { .. } | Command::Man) => 0,
        Some(Command::Gazetteer(command)) => gazetteer_command(&mut out, &cli.common, command)?,
        Some(Command::Check { paths }) => {
            let gazetteer = load_story_gazetteer(&cli.common, &paths)?;
            report::check(&mut out, &gazetteer).map_err(Error::Output)?;
            if paths.is_empty() {
                0
            } else {
                let (articles, index, problems) =
                    index_corpus(&gazetteer, &paths, web_options(&cli.common))?;
                report::check_corpus(&mut out, &articles, &index, &gazetteer)
                    .map_err(Error::Output)?;
                report_problems(&problems)
            }
        }
        Some(Command::Coverage { format, paths }) => {
            let (articles, index, gazetteer, problems) = load_corpus(&cli.common, &paths)?;
            suggest_when_empty(&index, &paths);
            let coverage = insight::coverage(&index, &gazetteer);
            report::coverage(&mut out, &articles, &coverage, &gazetteer, format)
                .map_err(Error::Output)?;
            report_problems(&problems)
        }
        Some(Command::Concordance {
            name,
            format,
            paths,
        }) => {
            let (articles, index, gazetteer, problems) = load_corpus(&cli.common, &paths)?;
            let entity = find_entity(&gazetteer, &name)?;
            let lines = insight::concordance(&articles, &index, entity);
            report::concordance(
                &mut out, &articles, &index, &gazetteer, entity, &lines, format,
            )
            .map_err(Error::Output)?;
            report_problems(&problems)
        }
        Some(Command::Discover { format, paths }) => {
            let (articles, index, gazetteer, problems) = load_corpus(&cli.common, &paths)?;
            let found = discover::discover(&articles, &index, &gazetteer);
            report::discoveries(&mut out, &articles, &found, &gazetteer, format)
                .map_err(Error::Output)?;
            report_problems(&problems)
        }
        Some(Command::Annotate { format, paths }) => {
            let gazetteer = load_story_gazetteer(&cli.common, &paths)?;
            let matcher = Matcher::new(&gazetteer)?;
            let (inputs, mut problems) = crate::web::list_inputs(&paths, web_options(&cli.common));
            problems.extend(
                report::annotate(&mut out, &inputs, &gazetteer, &matcher, format)
                    .map_err(Error::Output)?,
            );
            report_problems(&problems)
        }
        Some(Command::Quotes { format, paths }) => quotes(&mut out, &cli.common, &paths, format)?,
        Some(Command::Reuse { format, paths }) => reuse(&mut out, &cli.common, &paths, format)?,
        Some(Command::Entities { format, paths }) => {
            let (articles, index, gazetteer, problems) = load_corpus(&cli.common, &paths)?;
            suggest_when_empty(&index, &paths);
            report::entities(&mut out, &articles, &index, &gazetteer, format)
                .map_err(Error::Output)?;
            report_problems(&problems)
        }
        None if io::stdout().is_terminal() => reader::run(&cli.common, &cli.paths, color, &config)?,
        None => {
            let (articles, index, gazetteer, problems) = load_corpus(&cli.common, &cli.paths)?;
            report::plain(&mut out, &articles, &index, &gazetteer, color).map_err(Error::Output)?;
            report_problems(&problems)
        }
    };
    out.flush().map_err(Error::Output)?;
    Ok(status)
}

/// `gazette quotes`: reads and prints file by file, so memory stays flat on large corpora.
fn quotes<W: Write>(
    out: &mut W,
    common: &CommonArgs,
    paths: &[std::path::PathBuf],
    format: RecordFormat,
) -> Result<u8, Error> {
    let gazetteer = load_story_gazetteer(common, paths)?;
    let matcher = Matcher::new(&gazetteer)?;
    let (inputs, mut problems) = crate::web::list_inputs(paths, web_options(common));
    problems.extend(
        quotes::print::quotes(out, &inputs, &gazetteer, &matcher, format).map_err(Error::Output)?,
    );
    Ok(report_problems(&problems))
}

/// `gazette reuse`: every article is read first, since any two may share passages.
fn reuse<W: Write>(
    out: &mut W,
    common: &CommonArgs,
    paths: &[std::path::PathBuf],
    format: RecordFormat,
) -> Result<u8, Error> {
    let (inputs, mut problems) = crate::web::list_inputs(paths, web_options(common));
    let (articles, more) = corpus::load_all(&inputs);
    problems.extend(more);
    let found = reuse::find(&articles);
    reuse::print::reuse(out, &articles, &found, format).map_err(Error::Output)?;
    Ok(report_problems(&problems))
}

type Loaded = (Vec<corpus::Article>, Index, Gazetteer, Vec<corpus::Problem>);

fn load_corpus(common: &CommonArgs, paths: &[std::path::PathBuf]) -> Result<Loaded, Error> {
    let gazetteer = load_story_gazetteer(common, paths)?;
    let (articles, index, problems) = index_corpus(&gazetteer, paths, web_options(common))?;
    Ok((articles, index, gazetteer, problems))
}

/// How URLs and feeds are read, from the common options.
pub fn web_options(common: &CommonArgs) -> crate::web::Options {
    crate::web::Options {
        refresh: common.refresh,
        quiet: false,
    }
}

type Indexed = (Vec<corpus::Article>, Index, Vec<corpus::Problem>);

fn index_corpus(
    gazetteer: &Gazetteer,
    paths: &[std::path::PathBuf],
    web: crate::web::Options,
) -> Result<Indexed, Error> {
    let matcher = Matcher::new(gazetteer)?;
    let (inputs, mut problems) = crate::web::list_inputs(paths, web);
    let (articles, more) = corpus::load_all(&inputs);
    problems.extend(more);
    let index = Index::build(&articles, &matcher, gazetteer.entities.len());
    problems.extend(index.left_out_warning(&articles));
    Ok((articles, index, problems))
}

/// The entity `name` designates, or a usage error listing the candidates.
fn find_entity(gazetteer: &Gazetteer, name: &str) -> Result<EntityId, Error> {
    match gazetteer.lookup(name).as_slice() {
        [entity] => Ok(*entity),
        [] => Err(Error::Usage(format!(
            "no entity has the id, name or alias \"{}\"; `gazette entities` lists the entities found",
            crate::text::clean_inline(name)
        ))),
        several => {
            let names: Vec<String> = several
                .iter()
                .map(|&e| format!("{} ({})", gazetteer.entity(e).id, gazetteer.entity(e).name))
                .collect();
            Err(Error::Usage(format!(
                "\"{}\" names several entities: {}; give the id instead",
                crate::text::clean_inline(name),
                names.join(", ")
            )))
        }
    }
}

/// Prints each problem on stderr; returns 1 if any input could not be read.
fn report_problems(problems: &[corpus::Problem]) -> u8 {
    let stderr = io::stderr();
    let mut err = stderr.lock();
    for problem in problems {
        // Nothing more can be done if stderr itself is closed.
        let _ = writeln!(err, "gazette: {problem}");
    }
    u8::from(problems.iter().any(|p| p.severity == Severity::Unreadable))
}

/// `gazette gazetteer …`: the merged layers written out, or the entities no layer covers.
fn gazetteer_command<W: Write>(
    out: &mut W,
    common: &CommonArgs,
    command: GazetteerCommand,
) -> Result<u8, Error> {
    match command {
        GazetteerCommand::Export { format } => {
            let gazetteer = load_gazetteer(common)?;
            import::write(out, &gazetteer, format).map_err(Error::Output)?;
            Ok(0)
        }
        GazetteerCommand::Suggest { paths } => {
            let (articles, index, gazetteer, problems) = load_corpus(common, &paths)?;
            let suggestions = suggest::suggest(&articles, &index, &gazetteer);
            suggest::write_json(out, &suggestions).map_err(Error::Output)?;
            Ok(report_problems(&problems))
        }
    }
}

/// Says on stderr, when no entity is mentioned, how to have gazette propose some.
fn suggest_when_empty(index: &Index, paths: &[std::path::PathBuf]) {
    if index.mention_count() > 0 {
        return;
    }
    let shown: Vec<String> = paths.iter().map(|p| corpus::display_path(p)).collect();
    let target = if shown.is_empty() {
        "PATH".to_owned()
    } else {
        shown.join(" ")
    };
    // Nothing more can be done if stderr itself is closed.
    let _ = writeln!(
        io::stderr(),
        "gazette: no entity of the gazetteer is mentioned in these articles; \
         `gazette gazetteer suggest {target} > gazette.json` proposes the ones they name: \
         review it, then put it at the top of the articles' folder or pass it with --gazetteer"
    );
}

/// The gazetteer layers in order: built-in, the user's file, then each `--gazetteer`.
pub fn load_gazetteer(common: &CommonArgs) -> Result<Gazetteer, Error> {
    load_story_gazetteer(common, &[])
}

/// The gazetteer layers for the articles in `paths`: built-in, the user's file, the story
/// gazetteer of each folder in `paths` (`gazette.json` at its top), then each `--gazetteer`.
pub fn load_story_gazetteer(
    common: &CommonArgs,
    paths: &[std::path::PathBuf],
) -> Result<Gazetteer, Error> {
    let (user, story) = layer_files(paths);
    let built_in = !common.no_default_gazetteer;
    Ok(Gazetteer::load_files(
        built_in,
        user.as_deref(),
        &story,
        &common.gazetteers,
    )?)
}

/// The bytes of the gazetteer files [`load_story_gazetteer`] reads (the built-in layer left
/// out): the reader builds a large gazetteer after its first frame.
pub fn gazetteer_bytes(common: &CommonArgs, paths: &[std::path::PathBuf]) -> u64 {
    let (user, story) = layer_files(paths);
    user.iter()
        .chain(&story)
        .chain(&common.gazetteers)
        .filter_map(|path| std::fs::metadata(path).ok())
        .map(|metadata| metadata.len())
        .sum()
}

/// The user's gazetteer file and the story gazetteers of the folders in `paths`.
fn layer_files(
    paths: &[std::path::PathBuf],
) -> (Option<std::path::PathBuf>, Vec<std::path::PathBuf>) {
    (
        paths::user_gazetteer(),
        crate::gazetteer::story_gazetteers(paths),
    )
}

/// The completion script for `shell`, generated from the argument definitions.
pub fn completions(shell: clap_complete::Shell) -> Vec<u8> {
    let mut script = Vec::new();
    // The generators panic on a failed write, so they write to memory, never to a pipe.
    clap_complete::generate(shell, &mut Cli::command(), "gazette", &mut script);
    script
}

/// The manual page (roff), generated from the argument definitions: the main page, then a
/// section for each subcommand with its own options.
pub fn man_page() -> io::Result<Vec<u8>> {
    let mut command = Cli::command();
    command.build();
    let mut page = Vec::new();
    clap_mangen::Man::new(command.clone()).render(&mut page)?;
    for sub in command.get_subcommands() {
        man_subcommand(&mut page, "gazette", sub)?;
    }
    Ok(page)
}

fn man_subcommand(page: &mut Vec<u8>, parent: &str, command: &clap::Command) -> io::Result<()> {
    if command.get_name() == "help" {
        return Ok(());
    }
    let name = format!("{parent} {}", command.get_name());
    let man = clap_mangen::Man::new(command.clone().bin_name(&name));
    writeln!(page, ".SH \"{}\"", name.to_uppercase())?;
    let mut section = Vec::new();
    man.render_description_section(&mut section)?;
    man.render_synopsis_section(&mut section)?;
    if command.get_arguments().any(|arg| !arg.is_hide_set()) {
        man.render_options_section(&mut section)?;
    }
    if command.has_subcommands() {
        man.render_subcommands_section(&mut section)?;
    }
    // Each part is a section of its own page; here they are subsections of this one.
    let section = String::from_utf8_lossy(&section);
    for line in section.lines() {
        // Each render repeats the page's preamble, which the page already has.
        if line.starts_with(".ie \\n(.g") || line.starts_with(".el .ds Aq") {
            continue;
        }
        match line.strip_prefix(".SH ") {
            Some(heading) => writeln!(page, ".SS {heading}")?,
            None => writeln!(page, "{line}")?,
        }
    }
    for sub in command.get_subcommands() {
        man_subcommand(page, &name, sub)?;
    }
    Ok(())
}
