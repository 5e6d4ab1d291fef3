//! `gazette quotes` and `gazette reuse` end to end: the real binary on the seeds and on files
//! written here, offsets checked against the bytes on disk.

#[path = "support/command.rs"]
mod command;

use command::{gazette, write};
use serde_json::Value;
use std::path::Path;
use tempfile::TempDir;

fn records(output: &[u8]) -> Vec<Value> {
    String::from_utf8(output.to_vec())
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is JSON"))
        .collect()
}

fn offset(record: &Value, field: &str) -> usize {
    usize::try_from(record[field].as_u64().unwrap()).unwrap()
}

/// The bytes of the file a record names (`seeds/NAME` for the built-in seeds).
fn bytes_of(home: &TempDir, file: &str) -> Vec<u8> {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    match file.strip_prefix("seeds/") {
        Some(name) => std::fs::read(seeds.join(name)).unwrap(),
        None => std::fs::read(home.path().join(file)).unwrap(),
    }
}

/// Checks that `record`'s `start`..`end` holds its `text` in the file it names.
fn assert_offsets(home: &TempDir, record: &Value) {
    let bytes = bytes_of(home, record["file"].as_str().unwrap());
    let (start, end) = (offset(record, "start"), offset(record, "end"));
    assert_eq!(
        std::str::from_utf8(&bytes[start..end]).unwrap(),
        record["text"].as_str().unwrap(),
        "{record}"
    );
}

#[test]
fn quotes_on_the_seeds_point_at_the_quoted_words() {
    let home = TempDir::new().unwrap();
    let output = gazette(&home).arg("quotes").output().unwrap();
    assert!(output.status.success());
    let found = records(&output.stdout);
    assert!((60..=70).contains(&found.len()), "{} pieces", found.len());
    for record in &found {
        assert_offsets(&home, record);
        for field in ["article", "speaker", "speaker_text", "cue"] {
            assert!(record.get(field).is_some(), "{field} missing in {record}");
        }
    }
    let speaker_of = |words: &str| {
        let record = found
            .iter()
            .find(|r| r["text"].as_str().unwrap().starts_with(words))
            .unwrap_or_else(|| panic!("no piece starts with {words}"));
        (record["speaker"].clone(), record["speaker_text"].clone())
    };
    assert_eq!(speaker_of("Edan Alexander is very").0, "steve-witkoff");
    assert_eq!(speaker_of("I put out a statement").0, "donald-trump");
    assert_eq!(
        speaker_of("We do not know of progress"),
        (Value::Null, Value::from("a PMO official"))
    );
    assert!(
        !found.iter().any(|r| r["text"] == "Witkoff proposal"),
        "a title is no quotation"
    );
}

#[test]
fn quotes_count_offsets_in_the_file_as_read() {
    let home = TempDir::new().unwrap();
    let gazetteer = write(
        home.path(),
        "g.json",
        br#"{"entities": [{"id": "ana", "name": "Ana Ruiz", "kind": "person", "aliases": ["Ruiz"]}]}"#,
    );
    let text = "\u{feff}Title\r\n\r\nAna Ruiz spoke on Monday.\r\n\"We will rebuild the bridge,\" Ruiz said. \u{201c}It takes a year.\u{201d}\r\n";
    write(home.path(), "story.txt", text.as_bytes());
    let output = gazette(&home)
        .args(["quotes", "--no-default-gazetteer", "--gazetteer"])
        .arg(&gazetteer)
        .arg("story.txt")
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let found = records(&output.stdout);
    assert_eq!(found.len(), 2);
    for record in &found {
        assert_offsets(&home, record);
        assert_eq!(record["speaker"], "ana");
    }
    assert_eq!(found[0]["cue"], "said");
    assert_eq!(found[1]["text"], "It takes a year.");
}

#[test]
fn quotes_print_tsv_and_a_table() {
    let home = TempDir::new().unwrap();
    let tsv = gazette(&home)
        .args(["quotes", "--format", "tsv"])
        .output()
        .unwrap();
    let tsv = String::from_utf8(tsv.stdout).unwrap();
    let mut lines = tsv.lines();
    assert_eq!(
        lines.next(),
        Some("file\tarticle\tstart\tend\ttext\tspeaker\tspeaker_text\tcue")
    );
    assert!(lines.all(|line| line.split('\t').count() == 8));
    let table = gazette(&home)
        .args(["quotes", "--format", "table"])
        .output()
        .unwrap();
    let table = String::from_utf8(table.stdout).unwrap();
    assert!(table.lines().any(|line| line.contains("steve-witkoff")));
}

#[test]
fn reuse_on_the_seeds_pairs_the_retold_axios_sentences() {
    let home = TempDir::new().unwrap();
    let output = gazette(&home).arg("reuse").output().unwrap();
    assert!(output.status.success());
    let found = records(&output.stdout);
    for record in &found {
        assert_offsets(&home, &record["a"]);
        assert_offsets(&home, &record["b"]);
        let similarity = record["similarity"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&similarity), "{record}");
    }
    let retold_from_axios = found
        .iter()
        .filter(|r| {
            r["a"]["file"].as_str().unwrap().contains("002_")
                && r["b"]["file"].as_str().unwrap().contains("004_")
                && r["b"]["article"] == 1
        })
        .count();
    assert!(retold_from_axios >= 5, "{retold_from_axios} pairs");
}

#[test]
fn reuse_finds_a_rewritten_sentence_between_two_files_and_nothing_more() {
    let home = TempDir::new().unwrap();
    write(
        home.path(),
        "a.txt",
        b"The council met on Monday.\nThe mayor said the new bridge over the river will open in the spring of next year.\nTraffic was light.\n",
    );
    write(
        home.path(),
        "b.txt",
        b"Residents waited.\nAccording to the mayor, the new bridge over the river should open next spring.\nShops closed early on Friday.\n",
    );
    let output = gazette(&home)
        .args(["reuse", "a.txt", "b.txt"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let found = records(&output.stdout);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0]["a"]["text"]
            .as_str()
            .unwrap()
            .starts_with("The mayor said")
    );
    assert_eq!(found[0]["b"]["file"], "b.txt");
    assert_offsets(&home, &found[0]["b"]);
}

#[test]
fn an_unreadable_input_is_named_and_the_rest_still_read() {
    let home = TempDir::new().unwrap();
    write(home.path(), "a.txt", "“We stay,” she said.\n".as_bytes());
    for command in ["quotes", "reuse"] {
        let output = gazette(&home)
            .args([command, "a.txt", "missing.txt"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{command}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.contains("missing.txt"), "{command}: {stderr}");
    }
}
