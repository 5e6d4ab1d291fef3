//! Formats end to end: saved web pages and Markdown as articles, spaCy and GATE gazetteers,
//! gazetteer export, `config.toml`, completions, the man page, and closed pipes.

#[path = "support/command.rs"]
mod command;

use assert_cmd::Command;
use clap::CommandFactory;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use tempfile::TempDir;

/// The binary with directories of its own, run from the repository (fixtures are relative).
fn gazette(home: &TempDir) -> Command {
    let mut command = command::gazette(home);
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    command
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(name)
}

fn read(name: &str) -> String {
    std::fs::read_to_string(fixture(name)).unwrap()
}

fn stdout_of(command: &mut Command) -> String {
    let output = command.output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// `entities --format json` of one file: the article's metadata and each entity's total.
fn entities(home: &TempDir, file: &Path) -> (Value, BTreeMap<String, u64>) {
    let output = stdout_of(
        gazette(home)
            .args(["entities", "--format", "json"])
            .arg(file),
    );
    let json: Value = serde_json::from_str(&output).unwrap();
    let totals = json["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["id"].as_str().unwrap().to_owned(),
                e["total"].as_u64().unwrap(),
            )
        })
        .collect();
    (json["articles"][0].clone(), totals)
}

/// A saved page, its article as plain text, and the title, outlet, author and date it gives.
type Page = (
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static str,
    &'static str,
);

const PAGES: &[Page] = &[
    (
        "courier.html",
        "courier.txt",
        "US envoy defends direct talks with Hamas as Israel objects",
        Some("The Evening Courier"),
        "Dana Whitfield",
        "2025-03-06",
    ),
    (
        "ledger.htm",
        "ledger.txt",
        "Qatar and Egypt press Hamas on ceasefire extension",
        Some("Gulf Ledger"),
        "Samir Haddad",
        "2025-03-07",
    ),
    (
        "wire.html",
        "wire.txt",
        "Israel says it was consulted before US-Hamas meeting",
        None,
        "Staff reporter",
        "2025-03-05",
    ),
];

#[test]
fn saved_pages_yield_just_the_article() {
    for (page, text, ..) in PAGES {
        let extracted = gazette::formats::html::extract(&read(page));
        assert_eq!(extracted.text, read(text), "{page}");
    }
}

#[test]
fn saved_pages_give_the_entities_of_the_plain_text_and_their_metadata() {
    let home = TempDir::new().unwrap();
    for (page, text, title, outlet, author, date) in PAGES {
        let (article, from_page) = entities(&home, &fixture(page));
        let (_, from_text) = entities(&home, &fixture(text));
        assert!(from_page.len() >= 8, "{page}: {from_page:?}");
        assert_eq!(from_page, from_text, "{page}");
        assert_eq!(article["title"], *title, "{page}");
        assert_eq!(article["outlet"].as_str(), *outlet, "{page}");
        assert_eq!(article["author"], *author, "{page}");
        assert_eq!(article["date"], *date, "{page}");
    }
}

#[test]
fn sources_json_wins_over_page_metadata() {
    let home = TempDir::new().unwrap();
    let dir = home.path().join("articles");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(fixture("courier.html"), dir.join("courier.html")).unwrap();
    std::fs::write(
        dir.join("sources.json"),
        r#"{"courier.html": {"outlet": "Courier Weekly"}}"#,
    )
    .unwrap();
    let (article, _) = entities(&home, &dir);
    assert_eq!(article["outlet"], "Courier Weekly");
    assert_eq!(article["author"], "Dana Whitfield");
}

#[test]
fn mentions_in_pages_point_into_the_extracted_text() {
    let home = TempDir::new().unwrap();
    let page = fixture("courier.html");
    let text = gazette::formats::html::extract(&read("courier.html")).text;
    let output = stdout_of(gazette(&home).arg("annotate").arg(&page));
    let lines: Vec<&str> = text.split('\n').collect();
    let mut count = 0;
    for line in output.lines() {
        let mention: Value = serde_json::from_str(line).unwrap();
        let start = usize::try_from(mention["start"].as_u64().unwrap()).unwrap();
        let end = usize::try_from(mention["end"].as_u64().unwrap()).unwrap();
        assert_eq!(&text[start..end], mention["text"].as_str().unwrap());
        let line_text = lines[usize::try_from(mention["line"].as_u64().unwrap()).unwrap() - 1];
        let column = usize::try_from(mention["column"].as_u64().unwrap()).unwrap();
        let rest: String = line_text.chars().skip(column - 1).collect();
        assert!(
            rest.starts_with(mention["text"].as_str().unwrap()),
            "{line}"
        );
        if let Some(offsets) = mention.get("offsets") {
            assert_eq!(offsets, "extracted");
        }
        count += 1;
    }
    assert!(count > 15, "{count} mentions");
    let inputs = gazette::corpus::list_inputs(&[page]).0;
    let sources = gazette::corpus::SourcesCache::default();
    let file = gazette::corpus::load(&inputs[0], &sources).unwrap();
    assert_eq!(file.offsets.as_str(), "extracted");
    assert_eq!(file.articles[0].offsets().as_str(), "extracted");
    let seeds = gazette::corpus::list_inputs(&[]).0;
    let seed = gazette::corpus::load(&seeds[0], &sources).unwrap();
    assert_eq!(seed.offsets.as_str(), "file");
}

#[test]
fn markdown_shows_text_without_markup_and_reads_front_matter() {
    let home = TempDir::new().unwrap();
    let extracted = gazette::formats::markdown::extract(&read("notes.md"));
    assert_eq!(extracted.text, read("notes.txt"));
    let (article, from_markdown) = entities(&home, &fixture("notes.md"));
    let (_, from_text) = entities(&home, &fixture("notes.txt"));
    assert_eq!(from_markdown, from_text);
    assert_eq!(article["title"], "Envoy's Doha meetings: notes");
    assert_eq!(article["outlet"], "Personal notes");
    assert_eq!(article["author"], "R. Reader");
    assert_eq!(article["date"], "2025-03-06");
}

fn annotate(home: &TempDir, gazetteers: &[&str]) -> String {
    let mut command = gazette(home);
    command.args(["annotate", "--no-default-gazetteer"]);
    for layer in gazetteers {
        command.arg("--gazetteer").arg(layer);
    }
    for file in ["courier.txt", "ledger.txt", "wire.txt", "notes.md"] {
        command.arg(fixture(file));
    }
    stdout_of(&mut command)
}

fn fixture_arg(name: &str) -> String {
    fixture(name).to_string_lossy().into_owned()
}

#[test]
fn spacy_patterns_give_the_mentions_of_the_json_gazetteer() {
    let home = TempDir::new().unwrap();
    let json = annotate(&home, &[&fixture_arg("story.json")]);
    let spacy = annotate(&home, &[&fixture_arg("story.jsonl")]);
    assert!(json.lines().count() > 30, "{json}");
    assert_eq!(spacy, json);
}

#[test]
fn gate_lists_give_the_mentions_of_the_json_gazetteer() {
    let home = TempDir::new().unwrap();
    let json = annotate(&home, &[&fixture_arg("lists.json")]);
    let gate = annotate(
        &home,
        &[
            &format!("{}:person", fixture_arg("people.lst")),
            &format!("{}:organization", fixture_arg("organizations.lst")),
            &format!("{}:place", fixture_arg("places.lst")),
        ],
    );
    assert!(json.lines().count() > 30, "{json}");
    assert_eq!(gate, json);
}

#[test]
fn bad_imports_name_the_file_the_line_and_the_fix() {
    let home = TempDir::new().unwrap();
    let dir = home.path();
    std::fs::write(
        dir.join("tokens.jsonl"),
        "{\"label\": \"ORG\", \"pattern\": \"Hamas\"}\n{\"label\": \"ORG\", \"pattern\": [{\"LOWER\": \"hamas\"}]}\n",
    )
    .unwrap();
    std::fs::write(dir.join("places.lst"), "Gaza\n").unwrap();
    let table: &[(&str, &str)] = &[
        (
            "tokens.jsonl",
            "tokens.jsonl: line 2 column 1: token patterns (a list of token attributes) are not supported; write the phrase as a string",
        ),
        (
            "places.lst",
            "places.lst: a GATE list does not say what kind of entity its lines name; give the kind after the path: --gazetteer places.lst:place",
        ),
        (
            "places.lst:town",
            "places.lst: unknown kind \"town\"; use one of: person, organization, place, misc",
        ),
        (
            "missing.lst:place",
            "missing.lst: cannot read the gazetteer",
        ),
    ];
    for (layer, expected) in table {
        let output = gazette(&home)
            .current_dir(dir)
            .args(["check", "--gazetteer", layer])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{layer}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(expected), "{layer}\n  gave: {stderr}");
    }
}

#[test]
fn export_writes_the_merged_layers_back_out() {
    let home = TempDir::new().unwrap();
    let extra = fixture_arg("story.jsonl");
    let json = stdout_of(
        gazette(&home)
            .args(["gazetteer", "export", "--format", "json", "--gazetteer"])
            .arg(&extra),
    );
    let parsed: Value = serde_json::from_str(&json).unwrap();
    let ids: Vec<&str> = parsed["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"donald-trump") && ids.contains(&"pmo"),
        "{ids:?}"
    );
    let spacy = stdout_of(
        gazette(&home)
            .args(["gazetteer", "export", "--format", "spacy", "--gazetteer"])
            .arg(&extra),
    );
    assert!(spacy.contains(r#"{"label":"PERSON","pattern":"Boehler","id":"adam-boehler"}"#));
    // Both exports load again and find what the layers they came from find.
    let dir = home.path();
    std::fs::write(dir.join("export.json"), &json).unwrap();
    std::fs::write(dir.join("export.jsonl"), &spacy).unwrap();
    let direct = stdout_of(
        gazette(&home)
            .args(["annotate", "--gazetteer", &extra])
            .arg(fixture("courier.txt")),
    );
    for exported in ["export.json", "export.jsonl"] {
        let again = stdout_of(
            gazette(&home)
                .args(["annotate", "--no-default-gazetteer", "--gazetteer"])
                .arg(dir.join(exported))
                .arg(fixture("courier.txt")),
        );
        assert_eq!(again, direct, "{exported}");
    }
}

/// Every subcommand (as `gazette a b`) and every long option of the command line.
fn every_name() -> (Vec<String>, Vec<String>) {
    fn walk(command: &clap::Command, path: &str, subs: &mut Vec<String>, opts: &mut Vec<String>) {
        for arg in command.get_arguments() {
            if let Some(long) = arg.get_long() {
                opts.push(long.to_owned());
            }
        }
        for sub in command.get_subcommands() {
            let path = format!("{path} {}", sub.get_name());
            subs.push(path.clone());
            walk(sub, &path, subs, opts);
        }
    }
    let mut subs = Vec::new();
    let mut opts = Vec::new();
    walk(
        &gazette::cli::Cli::command(),
        "gazette",
        &mut subs,
        &mut opts,
    );
    opts.sort();
    opts.dedup();
    (subs, opts)
}

#[test]
fn completions_and_man_page_list_every_subcommand_and_option() {
    let home = TempDir::new().unwrap();
    let (subcommands, options) = every_name();
    assert!(subcommands.len() >= 10 && options.contains(&"format".to_owned()));
    for shell in ["bash", "zsh", "fish"] {
        let script = stdout_of(gazette(&home).args(["completions", shell]));
        for path in &subcommands {
            let name = path.rsplit(' ').next().unwrap();
            assert!(script.contains(name), "{shell}: {path}");
        }
        for option in &options {
            assert!(script.contains(option.as_str()), "{shell}: --{option}");
        }
    }
    let page = stdout_of(gazette(&home).arg("man"));
    assert!(page.starts_with(".ie") && page.contains(".TH gazette 1"));
    for path in &subcommands {
        let heading = format!(".SH \"{}\"", path.to_uppercase());
        assert!(page.contains(&heading), "man: {heading}");
    }
    for option in &options {
        let roff = format!("\\fB\\-\\-{}\\fR", option.replace('-', "\\-"));
        assert!(page.contains(&roff), "man: --{option}");
    }
    let help = stdout_of(gazette(&home).arg("--help"));
    let config = home.path().join("config").join("config.toml");
    assert!(
        help.contains(&config.to_string_lossy().into_owned()),
        "{help}"
    );
}

#[test]
fn config_errors_name_the_file_line_value_and_choices() {
    let table: &[(&str, &str)] = &[
        (
            "sort = \"name\"\ncolor = \"sometimes\"\n",
            "config.toml: line 2 column 9: invalid color mode \"sometimes\"; use one of: auto, always, never",
        ),
        (
            "[colors]\nperson = \"purple\"\n",
            "config.toml: line 2 column 10: invalid colour \"purple\" for person; use #rrggbb or one of: black, red, green",
        ),
        (
            "sort = \"mentions\"\ntheme = \"dark\"\n",
            "config.toml: line 2 column 1: unknown field `theme`, expected one of `color`, `sort`, `colors`",
        ),
    ];
    for (text, expected) in table {
        let home = TempDir::new().unwrap();
        let dir = home.path().join("config");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("config.toml"), text).unwrap();
        let output = gazette(&home).arg("entities").output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{text}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(expected), "{text}\n  gave: {stderr}");
        // Completions and the man page do not depend on the configuration.
        assert!(gazette(&home).arg("man").output().unwrap().status.success());
    }
}

#[test]
fn config_sets_the_default_colour_mode_and_the_flag_wins() {
    let home = TempDir::new().unwrap();
    let dir = home.path().join("config");
    std::fs::create_dir_all(&dir).unwrap();
    let plain = || {
        let mut command = gazette(&home);
        command.arg(fixture("wire.txt"));
        command
    };
    assert!(
        !stdout_of(&mut plain()).contains('\x1b'),
        "auto: not a terminal"
    );
    std::fs::write(
        dir.join("config.toml"),
        "color = \"always\"\n[colors]\nplace = \"#00ff00\"\n",
    )
    .unwrap();
    assert!(stdout_of(&mut plain()).contains('\x1b'));
    assert!(!stdout_of(plain().args(["--color", "never"])).contains('\x1b'));
}

#[test]
fn a_closed_pipe_ends_every_command_quietly() {
    let home = TempDir::new().unwrap();
    let commands: &[&[&str]] = &[
        &["annotate"],
        &["entities"],
        &["coverage"],
        &["concordance", "Hamas"],
        &["discover"],
        &["check"],
        &["gazetteer", "export"],
        &["gazetteer", "export", "--format", "spacy"],
        &["completions", "bash"],
        &["completions", "zsh"],
        &["man"],
        &[],
    ];
    for args in commands {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_gazette"))
            .env("GAZETTE_CONFIG_DIR", home.path().join("config"))
            .env("GAZETTE_DATA_DIR", home.path().join("data"))
            .args(*args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        assert!(
            output.stderr.is_empty(),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

#[test]
fn deeply_nested_pages_are_read_quickly_on_a_small_stack() {
    let intro = "The first paragraph of a page built to be hostile, long enough to be the article.";
    // Inline elements nest inside a paragraph, blocks around one.
    let cases = [
        ("b", 20_000, "<p>{}deep words{}</p>"),
        ("span", 100_000, "<p>{}deep words{}</p>"),
        (
            "div",
            100_000,
            "{}<p>deep words, in a paragraph long enough to be kept as text.</p>{}",
        ),
    ];
    for (tag, depth, shape) in cases {
        let (open, close) = shape.split_once("deep words").unwrap();
        let inner = format!(
            "{}deep words{}",
            open.replace("{}", &format!("<{tag}>").repeat(depth)),
            close.replace("{}", &format!("</{tag}>").repeat(depth))
        );
        let page = format!("<html><body><article><p>{intro}</p>{inner}</article></body></html>");
        let started = std::time::Instant::now();
        // The reader's loader thread has the default 2 MiB stack: read on one like it.
        let text = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || gazette::formats::html::extract(&page).text)
            .unwrap()
            .join()
            .unwrap();
        let elapsed = started.elapsed();
        assert!(
            text.contains(intro) && text.contains("deep words"),
            "{tag}: {text}"
        );
        assert!(elapsed.as_secs() < 5, "{tag} × {depth}: {elapsed:?}");
    }
}

/// Runs `read` on a thread with the loader's 2 MiB stack; what it returns, and how long it took.
fn on_a_small_stack<T: Send + 'static>(
    read: impl FnOnce() -> T + Send + 'static,
) -> (T, std::time::Duration) {
    let started = std::time::Instant::now();
    let value = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(read)
        .unwrap()
        .join()
        .unwrap();
    (value, started.elapsed())
}

#[test]
fn deeply_nested_markdown_and_feeds_are_read_quickly_on_a_small_stack() {
    let depth = 100_000;
    let markdown = [
        ("quotes", format!("{} deep words\n", ">".repeat(depth))),
        ("lists", format!("{}deep words\n", "- ".repeat(depth))),
        (
            "numbered lists",
            format!("{}deep words\n", "1. ".repeat(depth)),
        ),
        ("emphasis", format!("{0}deep words{0}\n", "*".repeat(depth))),
        (
            "links",
            format!("{}deep words{}\n", "[".repeat(depth), "](x)".repeat(depth)),
        ),
        (
            "TOML front matter",
            format!("+++\ntitle = {}1\n+++\ndeep words\n", "[".repeat(depth)),
        ),
        (
            "YAML front matter",
            format!("---\ntitle: {}1\n---\ndeep words\n", "[".repeat(depth)),
        ),
    ];
    for (case, page) in markdown {
        let (text, elapsed) = on_a_small_stack(move || {
            gazette::formats::extract(gazette::formats::Format::Markdown, page.as_bytes())
                .unwrap()
                .text
        });
        assert!(text.contains("deep words"), "{case}: {text:.200}");
        assert!(elapsed.as_secs() < 10, "{case}: {elapsed:?}");
    }
    let nested = format!("{}deep words{}", "<b>".repeat(depth), "</b>".repeat(depth));
    let feeds = [
        (
            "RSS",
            format!(
                "<rss version=\"2.0\"><channel><title>T</title><item><title>A</title>\
                 <description>{}</description><x>{}</x></item></channel></rss>",
                nested.replace('<', "&lt;"),
                nested
            ),
        ),
        (
            "Atom",
            format!(
                "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title><entry><title>A</title>\
                 <content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">{nested}</div>\
                 </content></entry></feed>"
            ),
        ),
    ];
    for (case, feed) in feeds {
        let (parsed, elapsed) = on_a_small_stack(move || {
            gazette::web::feed::parse(feed.as_bytes(), "http://127.0.0.1/f")
        });
        // A feed read, or an error that says why: never a crash.
        if let Err(error) = &parsed {
            assert!(error.contains("feed"), "{case}: {error}");
        }
        assert!(elapsed.as_secs() < 10, "{case}: {elapsed:?}");
    }
}

#[test]
fn deeply_nested_sources_json_and_config_are_named_never_a_crash() {
    let home = tempfile::tempdir().unwrap();
    let corpus = home.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(corpus.join("a.txt"), "Hamas in Gaza").unwrap();
    std::fs::write(corpus.join("sources.json"), "[".repeat(100_000)).unwrap();
    let output = gazette(&home)
        .arg("annotate")
        .arg(&corpus)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.code().is_some_and(|code| code < 3),
        "{stderr}"
    );
    assert!(stderr.contains("sources.json"), "{stderr}");
    let config = home.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    for toml in [
        format!("sort = {}", "[".repeat(100_000)),
        format!("sort = {}", "{a=".repeat(100_000)),
        // A table 50,000 levels deep, from one dotted header.
        format!("[{}a]\n", "a.".repeat(50_000)),
    ] {
        std::fs::write(config.join("config.toml"), &toml).unwrap();
        let output = gazette(&home)
            .arg("annotate")
            .arg(&corpus)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{stderr:.300}");
        assert!(stderr.contains("config.toml"), "{stderr:.300}");
    }
}
