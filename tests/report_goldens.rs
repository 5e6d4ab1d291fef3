//! Golden files of every printed output on the built-in seeds, in every format: where the
//! printing code lives may change, what it prints may not.

#[path = "support/command.rs"]
mod command;

use command::gazette;
use std::path::Path;
use tempfile::TempDir;

/// The standard output of `gazette ARGS`, which must succeed.
fn output(args: &[&str]) -> String {
    let home = TempDir::new().unwrap();
    let output = gazette(&home).args(args).output().unwrap();
    assert!(output.status.success(), "{args:?}: {output:?}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn annotate_in_every_format() {
    for format in ["jsonl", "tsv"] {
        let name = format!("annotate_{format}");
        insta::assert_snapshot!(name, output(&["annotate", "--format", format]));
    }
}

#[test]
fn entities_coverage_and_discover_in_every_format() {
    for command in ["entities", "coverage", "discover"] {
        for format in ["table", "json", "tsv"] {
            let name = format!("{command}_{format}");
            insta::assert_snapshot!(name, output(&[command, "--format", format]));
        }
    }
}

#[test]
fn concordance_in_every_format() {
    for format in ["table", "json", "tsv"] {
        let name = format!("concordance_{format}");
        insta::assert_snapshot!(name, output(&["concordance", "Dermer", "--format", format]));
    }
}

#[test]
fn check_of_the_gazetteer_and_of_the_seeds() {
    insta::assert_snapshot!("check", output(&["check"]));
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let seeds = seeds.to_str().unwrap();
    insta::assert_snapshot!("check_seeds", output(&["check", seeds]));
}

#[test]
fn plain_print_with_and_without_colour() {
    for color in ["always", "never"] {
        let name = format!("plain_{color}");
        insta::assert_snapshot!(name, output(&["--color", color]));
    }
}

#[test]
fn gazetteer_export_in_every_format() {
    for format in ["json", "spacy"] {
        let name = format!("export_{format}");
        insta::assert_snapshot!(name, output(&["gazetteer", "export", "--format", format]));
    }
}
