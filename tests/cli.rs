//! The command line end to end: the real binary on real files (spec §5, hostile inputs C, D, E).

#[path = "support/command.rs"]
mod command;

use assert_cmd::Command;
use command::{gazette, write};
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use tempfile::TempDir;

fn stdout_of(command: &mut Command) -> String {
    let output = command.output().unwrap();
    String::from_utf8(output.stdout).unwrap()
}

/// The `[start, end)` byte range of a mention record.
fn span(mention: &Value) -> (usize, usize) {
    let offset = |field: &str| usize::try_from(mention[field].as_u64().unwrap()).unwrap();
    (offset("start"), offset("end"))
}

fn mentions(output: &str) -> Vec<Value> {
    output
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is JSON"))
        .collect()
}

const GAZETTEER: &str = r#"{"entities": [
    {"id": "gaza", "name": "Gaza", "kind": "place", "aliases": ["Gaza Strip"]},
    {"id": "jose", "name": "José Ramos", "kind": "person", "aliases": ["José"]},
    {"id": "hamas", "name": "Hamas", "kind": "organization"}
]}"#;

#[test]
fn annotate_works_on_the_built_in_seeds_from_any_directory() {
    let home = TempDir::new().unwrap();
    let output = stdout_of(gazette(&home).arg("annotate"));
    let found = mentions(&output);
    assert!(found.len() > 400, "{} mentions", found.len());
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    for mention in &found {
        let file = mention["file"].as_str().unwrap();
        let name = file
            .strip_prefix("seeds/")
            .expect("seeds are named seeds/NAME");
        let bytes = std::fs::read(seeds.join(name)).unwrap();
        let (start, end) = span(mention);
        assert_eq!(
            &bytes[start..end],
            mention["text"].as_str().unwrap().as_bytes()
        );
        assert_eq!(mention["offsets"], "file");
        for field in ["article", "line", "column", "entity", "name", "kind"] {
            assert!(!mention[field].is_null(), "{field} missing in {mention}");
        }
    }
    let boehler = found.iter().find(|m| m["text"] == "Adam Boehler").unwrap();
    assert_eq!(boehler["entity"], "adam-boehler");
    assert_eq!(boehler["kind"], "person");
    let second_axios = found
        .iter()
        .find(|m| m["file"].as_str().unwrap().starts_with("seeds/004") && m["article"] == 1);
    assert!(second_axios.is_some(), "seed 004 holds two articles");
}

#[test]
fn offsets_point_into_the_bytes_on_disk() {
    let home = TempDir::new().unwrap();
    let gazetteer = write(home.path(), "g.json", GAZETTEER.as_bytes());
    let files: &[(&str, &[u8])] = &[
        ("bom-crlf.txt", b"\xEF\xBB\xBFIn Gaza\r\nthe Gaza Strip\r\n"),
        (
            "invalid.txt",
            b"bad \xFF\xFE bytes near Gaza, and Hamas\xE2\x80",
        ),
        (
            "escapes.txt",
            b"\x1b[31mHamas\x1b[0m in Ga\xE2\x80\x8Bza and \x1b]0;title\x07Gaza",
        ),
        ("nfd.txt", "Jose\u{301} Ramos and Jose\u{301}.\n".as_bytes()),
        ("tabs.txt", b"\tGaza\tHamas\n_____\nsecond Gaza\n"),
    ];
    let mut command = gazette(&home);
    command
        .args(["annotate", "--no-default-gazetteer", "--gazetteer"])
        .arg(&gazetteer);
    for (name, bytes) in files {
        command.arg(write(home.path(), name, bytes));
    }
    let found = mentions(&stdout_of(&mut command));
    assert_eq!(found.len(), 12, "{found:#?}");
    for mention in &found {
        let bytes = std::fs::read(mention["file"].as_str().unwrap()).unwrap();
        let (start, end) = span(mention);
        assert_eq!(
            &bytes[start..end],
            mention["text"].as_str().unwrap().as_bytes(),
            "{mention}"
        );
    }
    let texts: Vec<&str> = found.iter().map(|m| m["text"].as_str().unwrap()).collect();
    assert!(texts.contains(&"Ga\u{200B}za"));
    assert!(texts.contains(&"Jose\u{301} Ramos"));
    let crlf_second = &found[1];
    assert_eq!(
        (crlf_second["line"].as_u64(), crlf_second["column"].as_u64()),
        (Some(2), Some(5))
    );
    let last = found.last().unwrap();
    assert_eq!(last["article"], 1);
}

#[test]
fn tsv_has_a_header_and_escapes_fields() {
    let home = TempDir::new().unwrap();
    let output = stdout_of(gazette(&home).args(["annotate", "--format", "tsv"]));
    let mut lines = output.lines();
    assert_eq!(
        lines.next().unwrap(),
        "file\tarticle\tstart\tend\tline\tcolumn\ttext\tentity\tname\tkind\toffsets"
    );
    assert!(lines.all(|line| line.split('\t').count() == 11 && line.ends_with("\tfile")));
}

#[test]
fn entities_prints_table_json_and_tsv() {
    let home = TempDir::new().unwrap();
    let table = stdout_of(gazette(&home).arg("entities"));
    assert!(table.contains("ENTITY") && table.contains("Adam Boehler"));
    let json: Value = serde_json::from_str(&stdout_of(
        gazette(&home).args(["entities", "--format", "json"]),
    ))
    .unwrap();
    let articles = json["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 6);
    assert_eq!(articles[4]["outlet"], "Axios");
    let hamas = json["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "hamas")
        .unwrap();
    let counts: u64 = hamas["counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_u64().unwrap())
        .sum();
    assert_eq!(counts, hamas["total"].as_u64().unwrap());
    let tsv = stdout_of(gazette(&home).args(["entities", "--format", "tsv"]));
    assert!(tsv.starts_with("id\tname\tkind\ttotal\tseeds/000_4c2ccd68bbfaab2a.txt#0"));
}

#[test]
fn check_reports_layers_and_conflicts() {
    let home = TempDir::new().unwrap();
    let user = write(
        home.path(),
        "mine.json",
        br#"{"entities": [{"id": "strip", "name": "Strip", "kind": "misc"}]}"#,
    );
    let output = gazette(&home)
        .arg("check")
        .arg("--gazetteer")
        .arg(&user)
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("layer 1: built-in gazetteer"), "{text}");
    assert!(text.contains("\"Strip\": matches strip"), "{text}");
}

#[test]
fn the_user_gazetteer_in_the_config_directory_is_a_layer() {
    let home = TempDir::new().unwrap();
    write(
        &home.path().join("config"),
        "gazetteer.json",
        br#"{"entities": [{"id": "ynet", "name": "Ynet news site", "kind": "organization"}]}"#,
    );
    let found = mentions(&stdout_of(gazette(&home).arg("annotate")));
    assert!(found.iter().any(|m| m["text"] == "Ynet news site"));
}

#[test]
fn bad_gazetteers_exit_2_with_file_line_column_and_fix() {
    let home = TempDir::new().unwrap();
    let deep = vec![b'['; 100_000];
    let cases: &[(&str, &[u8], &str)] = &[
        (
            "trailing.json",
            br#"{"entities": [{"name": "A", "kind": "place"},]}"#,
            "trailing.json: line 1 column 46: at entities: trailing comma; fix the JSON syntax",
        ),
        (
            "comment.json",
            b"// list\n{\"entities\": []}",
            "comment.json: line 1 column 1: expected value",
        ),
        (
            "kind.json",
            br#"{"entities": [{"name": "A", "kind": "city"}]}"#,
            "unknown kind \"city\"; use one of: person, organization, place, misc",
        ),
        (
            "field.json",
            br#"{"entities": [{"name": "A", "kind": "place", "url": "x"}]}"#,
            "unknown field `url`",
        ),
        ("empty.json", b"", "empty.json: the file is empty"),
        (
            "truncated.json",
            br#"{"entities": [{"name": "A""#,
            "the file ends too early",
        ),
        ("utf16.json", b"\xFF\xFE{\x00}\x00", "the file is UTF-16"),
        (
            "dup.json",
            br#"{"entities": [{"name": "A", "kind": "place"}, {"name": "A", "kind": "place"}]}"#,
            "entity 2 (\"A\"): the id \"a\" is already used by entity 1 (\"A\")",
        ),
        (
            "alias.json",
            br#"{"entities": [{"name": "A", "kind": "place", "aliases": [""]}]}"#,
            "alias 1 is empty",
        ),
        ("deep.json", &deep, "deep.json: line 1 column"),
        (
            "type.json",
            br#"{"entities": {"name": "A"}}"#,
            "invalid type: map, expected a sequence",
        ),
    ];
    for (name, bytes, expected) in cases {
        let path = write(home.path(), name, bytes);
        let output = gazette(&home)
            .args(["check", "--gazetteer"])
            .arg(&path)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{name}: {stderr}");
        assert!(
            stderr.contains(expected),
            "{name}: {stderr}\nwanted: {expected}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
    let output = gazette(&home)
        .args(["check", "--gazetteer", "missing.json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("missing.json: cannot read the gazetteer")
    );
}

#[test]
fn a_gazetteer_with_a_bom_loads() {
    let home = TempDir::new().unwrap();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(GAZETTEER.as_bytes());
    let path = write(home.path(), "bom.json", &bytes);
    gazette(&home)
        .args(["check", "--gazetteer"])
        .arg(path)
        .assert()
        .success();
}

#[test]
fn folders_are_read_recursively_in_order_and_odd_files_are_skipped() {
    let home = TempDir::new().unwrap();
    let dir = home.path().join("corpus");
    write(&dir, "b/2.txt", b"Hamas in b2");
    write(&dir, "a.txt", b"Gaza in a");
    write(&dir, "b/1.txt", b"Gaza in b1");
    write(&dir, ".hidden.txt", b"Gaza hidden");
    write(
        &dir,
        "picture.png",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR",
    );
    write(&dir, "empty.txt", b"");
    write(
        &dir,
        "utf16.txt",
        &[0xFF, 0xFE, b'G', 0, b'a', 0, b'z', 0, b'a', 0],
    );
    write(
        &dir,
        "sources.json",
        br#"{"a.txt": {"outlet": "The Outlet"}}"#,
    );
    #[cfg(unix)]
    {
        let fifo = dir.join("pipe.txt");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
    }
    let gazetteer = write(home.path(), "g.json", GAZETTEER.as_bytes());
    let output = gazette(&home)
        .args([
            "entities",
            "--format",
            "json",
            "--no-default-gazetteer",
            "--gazetteer",
        ])
        .arg(&gazetteer)
        .arg(&dir)
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let files: Vec<String> = json["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            a["file"]
                .as_str()
                .unwrap()
                .rsplit("corpus/")
                .next()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(
        files,
        ["a.txt", "b/1.txt", "b/2.txt", "empty.txt", "utf16.txt"]
    );
    assert_eq!(json["articles"][0]["outlet"], "The Outlet");
    assert_eq!(json["articles"][3]["title"], "(empty article)");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("picture.png: skipped: binary (NUL at offset 8)"),
        "{stderr}"
    );
    #[cfg(unix)]
    assert!(
        stderr.contains("pipe.txt: skipped: not a regular file (FIFO)"),
        "{stderr}"
    );
    let gaza = json["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "gaza")
        .unwrap();
    assert_eq!(gaza["counts"], serde_json::json!([1, 1, 0, 0, 1]));
}

/// A text denser with mentions than a corpus keeps (a name on every line): the counts stop
/// at the budget, one warning names the file and the fix, and `annotate` lists them all.
#[test]
fn mentions_past_the_budget_are_left_out_with_a_warning_and_annotate_lists_them_all() {
    let home = TempDir::new().unwrap();
    let lines = 300_000;
    let names = write(home.path(), "names.txt", "Hamas\n".repeat(lines).as_bytes());
    let gazetteer = write(home.path(), "g.json", GAZETTEER.as_bytes());
    let run = |command: &str| {
        let options = ["--format", "tsv", "--no-default-gazetteer", "--gazetteer"];
        let mut run = gazette(&home);
        run.arg(command).args(options).args([&gazetteer, &names]);
        run.output().unwrap()
    };
    let output = run("entities");
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("hamas\tHamas\torganization\t262144\t"),
        "{stdout}"
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("names.txt: from article 1 on, 37856 mentions left out past the first")
            && stderr.contains("`gazette annotate` lists them all"),
        "{stderr}"
    );
    assert_eq!(run("annotate").stdout.lines().count(), lines + 1);
}

/// A file in plain ASCII is its own text: its lines are counted in its articles. The same
/// words with CRLF line breaks (kept beside their text) give the same lines and columns.
#[test]
fn lines_and_columns_agree_whether_the_bytes_are_kept_or_are_the_text() {
    let home = TempDir::new().unwrap();
    let gazetteer = write(home.path(), "g.json", GAZETTEER.as_bytes());
    let text =
        "Hamas in Gaza\n\n  and Gaza\n_____\nfirst line\nthe Gaza Strip, Hamas\n_____\n\nGaza";
    let plain = write(home.path(), "plain.txt", text.as_bytes());
    let crlf = write(
        home.path(),
        "crlf.txt",
        text.replace('\n', "\r\n").as_bytes(),
    );
    let places = |path: &Path| -> Vec<(u64, u64, u64, String)> {
        let mut command = gazette(&home);
        command
            .args(["annotate", "--no-default-gazetteer", "--gazetteer"])
            .args([&gazetteer, path]);
        mentions(&stdout_of(&mut command))
            .iter()
            .map(|m| {
                let number = |field: &str| m[field].as_u64().unwrap();
                let text = m["text"].as_str().unwrap().to_owned();
                (number("article"), number("line"), number("column"), text)
            })
            .collect()
    };
    let expected = [
        (0, 1, 1, "Hamas"),
        (0, 1, 10, "Gaza"),
        (0, 3, 7, "Gaza"),
        (1, 6, 5, "Gaza Strip"),
        (1, 6, 17, "Hamas"),
        (2, 9, 1, "Gaza"),
    ]
    .map(|(article, line, column, text)| (article, line, column, text.to_owned()));
    assert_eq!(places(&plain), expected);
    assert_eq!(places(&crlf), expected);
}

#[test]
fn unreadable_inputs_exit_1_after_the_rest_is_processed() {
    let home = TempDir::new().unwrap();
    let good = write(home.path(), "good.txt", b"Hamas and Gaza");
    let binary = write(home.path(), "binary.bin", b"ab\x00cd");
    let output = gazette(&home)
        .arg("annotate")
        .arg("missing.txt")
        .arg(&good)
        .arg(&binary)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        mentions(&String::from_utf8(output.stdout).unwrap()).len(),
        2
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("error: missing.txt: cannot read: No such file or directory"),
        "{stderr}"
    );
    assert!(
        stderr.contains("error:")
            && stderr.contains("binary.bin: skipped: binary (NUL at offset 2)"),
        "{stderr}"
    );
}

#[test]
fn invalid_utf8_is_a_warning_and_the_article_opens() {
    let home = TempDir::new().unwrap();
    let file = write(home.path(), "cp1252.txt", b"caf\xE9 in Gaza");
    let output = gazette(&home).arg("annotate").arg(&file).output().unwrap();
    assert!(output.status.success());
    assert_eq!(
        mentions(&String::from_utf8(output.stdout).unwrap()).len(),
        1
    );
    assert!(String::from_utf8_lossy(&output.stderr).contains("1 invalid UTF-8 sequences shown as"));
}

#[test]
fn standard_input_is_read_with_a_dash() {
    let home = TempDir::new().unwrap();
    let output = stdout_of(
        gazette(&home)
            .args(["annotate", "-"])
            .write_stdin("Boehler met Hamas in Doha"),
    );
    let found = mentions(&output);
    assert_eq!(found.len(), 3);
    assert_eq!(found[0]["file"], "-");
}

#[test]
fn the_plain_print_colours_only_when_asked() {
    let home = TempDir::new().unwrap();
    let never = stdout_of(gazette(&home).args(["--color", "never"]));
    assert!(!never.contains('\x1b'));
    assert!(never.contains("[Adam Boehler|person]"));
    let always = stdout_of(gazette(&home).args(["--color", "always"]));
    assert!(always.contains("\x1b[1;33mAdam Boehler\x1b[0m"));
    let auto = stdout_of(gazette(&home).env("NO_COLOR", "1"));
    assert!(!auto.contains('\x1b'));
    let piped = stdout_of(&mut gazette(&home));
    assert!(!piped.contains('\x1b'), "auto colours only a terminal");
}

#[test]
fn nothing_from_a_hostile_article_reaches_the_output_as_a_control() {
    let home = TempDir::new().unwrap();
    let file = write(
        home.path(),
        "hostile\x1b[31m.txt",
        b"\x1b]52;c;ZWNobyBwd25lZA==\x07Gaza \x1b]0;title\x07\xC2\x9B31m \xE2\x80\xAEHamas\n",
    );
    for args in [
        &["--color", "never"][..],
        &["annotate", "--format", "tsv"],
        &["annotate"],
    ] {
        let output = gazette(&home).args(args).arg(&file).output().unwrap();
        let stdout = String::from_utf8(output.stdout).unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        for text in [&stdout, &stderr] {
            assert!(
                !text.contains(['\x1b', '\x07', '\u{9B}', '\u{202E}']),
                "{args:?}: {text:?}"
            );
        }
    }
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("gazette"))
        .args(["annotate"])
        .env("GAZETTE_CONFIG_DIR", "/nonexistent-gazette-config")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(first.starts_with('{'));
    assert!(output.status.success());
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn usage_errors_exit_2_and_name_the_choices() {
    let home = TempDir::new().unwrap();
    let output = gazette(&home)
        .args(["entities", "--format", "xml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("[possible values: table, json, tsv]")
    );
    gazette(&home).arg("--version").assert().success();
    gazette(&home)
        .arg("--help")
        .assert()
        .success()
        .stdout(predicates::str::contains("GAZETTE_CONFIG_DIR"));
}

/// The built-in gazetteer with some entities and aliases taken out.
fn reduced_gazetteer(home: &TempDir, drop_entities: &[&str], drop_aliases: &[&str]) -> PathBuf {
    let built_in: Value = serde_json::from_str(include_str!("../assets/gazetteer.json")).unwrap();
    let entities: Vec<Value> = built_in["entities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| !drop_entities.contains(&e["id"].as_str().unwrap()))
        .map(|e| {
            let mut e = e.clone();
            if let Some(aliases) = e.get_mut("aliases").and_then(Value::as_array_mut) {
                aliases.retain(|a| !drop_aliases.contains(&a.as_str().unwrap()));
            }
            e
        })
        .collect();
    let json = serde_json::json!({ "entities": entities }).to_string();
    write(home.path(), "reduced.json", json.as_bytes())
}

#[test]
fn discover_finds_names_taken_out_of_the_gazetteer() {
    let home = TempDir::new().unwrap();
    let reduced = reduced_gazetteer(
        &home,
        &["karoline-leavitt", "jonathan-panikoff", "khalil-al-hayya"],
        &["Wiktoff"],
    );
    let output = gazette(&home)
        .args([
            "discover",
            "--format",
            "json",
            "--no-default-gazetteer",
            "--gazetteer",
        ])
        .arg(&reduced)
        .output()
        .unwrap();
    assert!(output.status.success());
    let found: Value = serde_json::from_slice(&output.stdout).unwrap();
    let unlisted: Vec<&str> = found["unlisted"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["text"].as_str().unwrap())
        .collect();
    for name in ["Karoline Leavitt", "Jonathan Panikoff", "Khalil al-Hayya"] {
        assert!(unlisted.contains(&name), "{name} not in {unlisted:?}");
    }
    let misses = found["near_misses"].as_array().unwrap();
    let wiktoff = misses
        .iter()
        .find(|m| m["text"] == "Wiktoff")
        .expect("the misspelling is flagged");
    assert_eq!(wiktoff["surface"], "Witkoff");
    assert_eq!(wiktoff["entity"], "steve-witkoff");
    let location = &wiktoff["locations"][0];
    let bytes = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(location["file"].as_str().unwrap()),
    )
    .unwrap();
    let (start, end) = span(location);
    assert_eq!(&bytes[start..end], b"Wiktoff");
}

#[test]
fn coverage_and_concordance_describe_one_entity_across_sources() {
    let home = TempDir::new().unwrap();
    let coverage: Value = serde_json::from_str(&stdout_of(
        gazette(&home).args(["coverage", "--format", "json"]),
    ))
    .unwrap();
    let dermer = coverage["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "ron-dermer")
        .unwrap();
    assert_eq!(dermer["sources"], 2);
    assert_eq!(dermer["counts"], serde_json::json!([0, 0, 5, 0, 0, 5]));
    let leavitt = coverage["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "karoline-leavitt")
        .unwrap();
    assert_eq!(leavitt["only_one_source"], true);
    assert_eq!(coverage["omissions"].as_array().unwrap().len(), 6);
    let table = stdout_of(gazette(&home).arg("coverage"));
    assert!(table.contains("named by one source only") && table.contains("left out by a source"));

    let concordance: Value = serde_json::from_str(&stdout_of(gazette(&home).args([
        "concordance",
        "DERMER",
        "--format",
        "json",
    ])))
    .unwrap();
    assert_eq!(concordance["id"], "ron-dermer");
    let mentions = concordance["mentions"].as_array().unwrap();
    assert_eq!(mentions.len(), 10);
    assert_eq!(mentions[0]["text"], "Ron Dermer");
    assert!(mentions[0]["left"].as_str().unwrap().ends_with("Minister "));
    let table = stdout_of(gazette(&home).args(["concordance", "ron-dermer"]));
    assert!(table.contains("[Ron Dermer]") && table.contains("── seeds/002"));
    let missing = gazette(&home)
        .args(["concordance", "Nobody Atall"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&missing.stderr)
            .contains("no entity has the id, name or alias \"Nobody Atall\"")
    );
}

#[test]
fn entities_json_says_how_each_source_names_an_entity() {
    let home = TempDir::new().unwrap();
    let json: Value = serde_json::from_str(&stdout_of(
        gazette(&home).args(["entities", "--format", "json"]),
    ))
    .unwrap();
    let boehler = json["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "adam-boehler")
        .unwrap();
    let axios = boehler["naming"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["file"].as_str().unwrap().contains("004") && n["article"] == 0)
        .unwrap();
    assert_eq!(
        axios["introduction"],
        "U.S. presidential envoy for hostage affairs"
    );
    assert_eq!(axios["forms"][0], serde_json::json!(["Boehler", 2]));
}

#[test]
fn check_with_articles_reports_unused_entities_and_hidden_aliases() {
    let home = TempDir::new().unwrap();
    let extra = write(
        home.path(),
        "extra.json",
        br#"{"entities": [{"id": "nowhere", "name": "Atlantis", "kind": "place"}, {"id": "times", "name": "Times", "kind": "organization"}]}"#,
    );
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let output = gazette(&home)
        .arg("check")
        .arg("--gazetteer")
        .arg(&extra)
        .arg(&seeds)
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains("entities never mentioned: 2\n  nowhere (Atlantis)\n  times (Times)"),
        "{text}"
    );
    assert!(text.contains("\"Times\" (times): found"), "{text}");
}

/// The environment of process `pid` once it holds `name` (within five seconds), or as it is.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn environment_with(pid: u32, name: &str) -> Vec<String> {
    let read = || {
        let bytes = std::fs::read(format!("/proc/{pid}/environ")).unwrap_or_default();
        bytes
            .split(|&b| b == 0)
            .map(|entry| String::from_utf8_lossy(entry).into_owned())
            .collect::<Vec<String>>()
    };
    let start = std::time::Instant::now();
    loop {
        let environment = read();
        let found = environment
            .iter()
            .any(|e| e.starts_with(&format!("{name}=")));
        if found || start.elapsed() > std::time::Duration::from_secs(5) {
            return environment;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

/// glibc maps large blocks on their own (so that freed ones go back to the system): the binary
/// starts again once with a fixed threshold, in the same process, unless the user set one.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[test]
fn large_blocks_are_mapped_on_their_own_unless_the_user_chose() {
    use std::io::Write;
    use std::process::Stdio;
    const VAR: &str = "MALLOC_MMAP_THRESHOLD_";
    for (chosen, expected) in [(None, "262144"), (Some("1048576"), "1048576")] {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_gazette"));
        command
            .args(["annotate", "--format", "tsv", "-"])
            .env_remove(VAR)
            .env_remove("GLIBC_TUNABLES")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped());
        if let Some(value) = chosen {
            command.env(VAR, value);
        }
        let mut child = command.spawn().unwrap();
        let environment = environment_with(child.id(), VAR);
        assert!(
            environment.contains(&format!("{VAR}={expected}")),
            "{chosen:?}: {environment:?}"
        );
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(b"Hamas spoke.\n").unwrap();
        drop(stdin);
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success(), "{chosen:?}");
        let printed = String::from_utf8_lossy(&output.stdout);
        assert!(printed.contains("\tHamas\t"), "{chosen:?}: {printed}");
    }
}
