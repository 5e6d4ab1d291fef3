//! `gazette gazetteer suggest`, the story gazetteer beside the articles, and the empty states
//! that point to them, end to end on the real binary.

#[path = "support/command.rs"]
mod command;

use command::{gazette, write};
use serde_json::Value;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// A story no built-in list knows: its names must come from the text itself.
const STORY: &str = "\
VALMORA — Thousands marched on Tuesday to the Port of Valmora, where Mayor Elena Vasquez-Thorne \
spoke to dock workers.
By Zoë Brennan
“We will not sell the harbour,” Vasquez-Thorne said. Reflecting on the vote, she thanked the \
Harbour Workers Union (HWU) and Channel 13 for their coverage.
The Valmora Maritime Authority said the sale was paused. Brennan asked Elena about it.
People in Valmora said they were TIRED OF WAITING FOR ANSWERS and called the plan DEAD.
Israeli and American observers and the U.S. embassy watched; US officials met Tomas Ferreira, \
a senior Valmora port official.
";

const MORE: &str = "\
The Harbour Workers Union met again in Valmora on Friday. Ferreira said the Port of Valmora \
would stay public, and the United States said nothing.
";

fn story_folder(home: &TempDir) -> PathBuf {
    let dir = home.path().join("story");
    write(&dir, "a.txt", STORY.as_bytes());
    write(&dir, "b.txt", MORE.as_bytes());
    dir
}

fn suggest(home: &TempDir, paths: &[&Path]) -> Value {
    let output = gazette(home)
        .args(["gazetteer", "suggest", "--no-default-gazetteer"])
        .args(paths)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("suggest prints JSON")
}

fn entity<'a>(gazetteer: &'a Value, name: &str) -> &'a Value {
    gazetteer["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == name)
        .unwrap_or_else(|| panic!("no {name} in {gazetteer:#}"))
}

fn names(gazetteer: &Value) -> Vec<String> {
    gazetteer["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn suggests_the_story_s_entities_with_kinds_and_aliases() {
    let home = TempDir::new().unwrap();
    let dir = story_folder(&home);
    let found = suggest(&home, &[&dir]);
    for (name, kind) in [
        ("Elena Vasquez-Thorne", "person"),
        ("Zoë Brennan", "person"),
        ("Tomas Ferreira", "person"),
        ("Port of Valmora", "place"),
        ("Valmora", "place"),
        ("Harbour Workers Union", "organization"),
        ("Channel 13", "organization"),
        ("Valmora Maritime Authority", "organization"),
        ("United States", "place"),
    ] {
        assert_eq!(entity(&found, name)["kind"], kind, "{name}");
    }
    let aliases = |name: &str| entity(&found, name)["aliases"].clone();
    assert_eq!(
        aliases("Elena Vasquez-Thorne"),
        serde_json::json!(["Elena", "Vasquez-Thorne"])
    );
    assert_eq!(aliases("Zoë Brennan"), serde_json::json!(["Brennan"]));
    assert_eq!(aliases("Harbour Workers Union"), serde_json::json!(["HWU"]));
    assert_eq!(aliases("United States"), serde_json::json!(["U.S.", "US"]));
    assert_eq!(
        entity(&found, "Tomas Ferreira")["description"],
        "senior Valmora port official"
    );
    let listed = names(&found);
    for noise in [
        "VALMORA — Thousands",
        "Thousands",
        "Mayor Elena Vasquez-Thorne",
        "By Zoë Brennan",
        "Reflecting",
        "People",
        "DEAD",
        "TIRED",
        "Israeli",
        "American",
        "Tuesday",
        "Port",
    ] {
        assert!(!listed.iter().any(|n| n == noise), "{noise} in {listed:?}");
    }
}

#[test]
fn the_suggestions_are_a_gazetteer_annotate_can_use() {
    let home = TempDir::new().unwrap();
    let dir = story_folder(&home);
    let output = gazette(&home)
        .args(["gazetteer", "suggest", "--no-default-gazetteer"])
        .arg(&dir)
        .output()
        .unwrap();
    let file = write(home.path(), "s.json", &output.stdout);
    let annotated = gazette(&home)
        .args(["annotate", "--no-default-gazetteer", "--gazetteer"])
        .arg(&file)
        .arg(&dir)
        .output()
        .unwrap();
    assert!(annotated.status.success());
    let texts: HashSet<String> = String::from_utf8(annotated.stdout)
        .unwrap()
        .lines()
        .map(|line| {
            serde_json::from_str::<Value>(line).unwrap()["text"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    for text in [
        "Port of Valmora",
        "Vasquez-Thorne",
        "U.S.",
        "HWU",
        "Channel 13",
        "Brennan",
    ] {
        assert!(texts.contains(text), "{text}: {texts:?}");
    }
}

#[test]
fn the_seeds_suggestions_find_what_the_hand_gazetteer_finds() {
    // The built-in gazetteer was written by hand for the seeds; the suggestions, made with no
    // gazetteer at all, must find nine in ten of its mentions with the same kind.
    let home = TempDir::new().unwrap();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let output = gazette(&home)
        .args(["gazetteer", "suggest", "--no-default-gazetteer"])
        .arg(&seeds)
        .output()
        .unwrap();
    let file = write(home.path(), "s.json", &output.stdout);
    let mentions = |args: &[&str]| -> HashSet<(String, u64, u64, String)> {
        let output = gazette(&home).args(args).arg(&seeds).output().unwrap();
        String::from_utf8(output.stdout)
            .unwrap()
            .lines()
            .map(|line| serde_json::from_str::<Value>(line).unwrap())
            .filter(|m| m["kind"] != "misc")
            .map(|m| {
                // Names are written without a leading "The".
                let skip = if m["text"].as_str().unwrap().starts_with("The ") {
                    4
                } else {
                    0
                };
                (
                    m["file"].as_str().unwrap().to_owned(),
                    m["start"].as_u64().unwrap() + skip,
                    m["end"].as_u64().unwrap(),
                    m["kind"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    let hand = mentions(&["annotate"]);
    let found = mentions(&[
        "annotate",
        "--no-default-gazetteer",
        "--gazetteer",
        file.to_str().unwrap(),
    ]);
    let agreed = hand.intersection(&found).count();
    // F1 of at least 0.9, in whole numbers: 2 × agreed / (hand + found) ≥ 9 / 10.
    let both = hand.len() + found.len();
    assert!(
        20 * agreed >= 9 * both,
        "{agreed} agreed of {} by hand, {} found",
        hand.len(),
        found.len()
    );
}

#[test]
fn a_story_gazetteer_is_a_layer_and_not_an_article() {
    let home = TempDir::new().unwrap();
    let dir = story_folder(&home);
    write(
        &dir,
        "gazette.json",
        br#"{"entities": [{"name": "Tomas Ferreira", "kind": "person", "aliases": ["Ferreira"]}]}"#,
    );
    let output = gazette(&home)
        .args(["entities", "--no-default-gazetteer", "--format", "json"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(output.status.success());
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let files: Vec<&str> = report["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["file"].as_str().unwrap())
        .collect();
    assert!(
        files.iter().all(|f| !f.ends_with("gazette.json")),
        "{files:?}"
    );
    assert_eq!(report["entities"][0]["name"], "Tomas Ferreira");
    // What the story gazetteer has is not suggested again.
    let found = suggest(&home, &[&dir]);
    assert!(!names(&found).contains(&"Tomas Ferreira".to_owned()));
    let check = gazette(&home).arg("check").arg(&dir).output().unwrap();
    let text = String::from_utf8(check.stdout).unwrap();
    assert!(
        text.contains("layer 2: ") && text.contains("gazette.json: 2 surface forms"),
        "{text}"
    );
}

#[test]
fn check_rejects_a_bad_story_gazetteer_by_name() {
    let home = TempDir::new().unwrap();
    let dir = story_folder(&home);
    write(
        &dir,
        "gazette.json",
        br#"{"entities": [{"name": "X", "kind": "thing"}]}"#,
    );
    let output = gazette(&home).arg("check").arg(&dir).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let message = String::from_utf8(output.stderr).unwrap();
    assert!(
        message.contains("gazette.json") && message.contains("unknown kind \"thing\""),
        "{message}"
    );
}

#[test]
fn check_says_once_that_the_built_in_layer_is_unused() {
    let home = TempDir::new().unwrap();
    let dir = story_folder(&home);
    let output = gazette(&home).arg("check").arg(&dir).output().unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains("of its 49 entities mentioned: it is about another story")
            && text.contains("entities never mentioned: 0"),
        "{text}"
    );
    assert!(!text.contains("adam-boehler"), "{text}");
}

#[test]
fn entities_and_coverage_with_no_mention_point_to_suggest() {
    let home = TempDir::new().unwrap();
    let dir = story_folder(&home);
    for command in ["entities", "coverage"] {
        let output = gazette(&home)
            .args([command, "--no-default-gazetteer"])
            .arg(&dir)
            .output()
            .unwrap();
        assert!(output.status.success());
        let message = String::from_utf8(output.stderr).unwrap();
        assert!(
            message.contains("gazette gazetteer suggest"),
            "{command}: {message}"
        );
    }
    let seeds = gazette(&home).arg("entities").output().unwrap();
    assert!(String::from_utf8(seeds.stderr).unwrap().is_empty());
}

#[test]
fn a_suggestion_written_into_the_folder_is_read_back() {
    // `suggest DIR > DIR/gazette.json` reads the empty file the shell has just made.
    let home = TempDir::new().unwrap();
    let dir = story_folder(&home);
    write(&dir, "gazette.json", b"");
    let found = suggest(&home, &[&dir]);
    write(
        &dir,
        "gazette.json",
        serde_json::to_string(&found).unwrap().as_bytes(),
    );
    let output = gazette(&home)
        .args(["entities", "--no-default-gazetteer"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(
        String::from_utf8(output.stdout)
            .unwrap()
            .contains("Port of Valmora")
    );
}
