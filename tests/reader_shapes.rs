//! The real binary in a pseudo-terminal on the shapes of input that used to stall the reader:
//! a file too large to read before the first frame, and an article on one huge line.

#[path = "support/pty.rs"]
mod pty;

use pty::Session;

#[test]
fn a_large_file_opens_at_once_and_shows_its_text_when_read() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("large.txt");
    let paragraph = "Envoy Adam Boehler met Hamas officials in Doha on Thursday.\n\n";
    std::fs::write(&file, paragraph.repeat(6 << 20 >> 6)).unwrap();
    let mut session = Session::reader(home.path(), &[file.to_str().unwrap()]);
    session.wait_for("Envoy Adam Boehler met Hamas");
    session.wait_for("Adam Boehler");
    session.keys("q");
    assert_eq!(session.wait_exit(), 0);
    session.assert_restored();
}

#[test]
fn an_article_on_one_huge_line_opens_its_concordance_and_passages() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("one-line.txt");
    let sentence = "Envoy Adam Boehler met Hamas officials in Doha on Thursday. ";
    std::fs::write(&file, sentence.repeat(2 << 20 >> 6)).unwrap();
    let mut session = Session::reader(home.path(), &[file.to_str().unwrap()]);
    session.wait_for("Envoy Adam Boehler met Hamas");
    session.keys("fBoehler\r");
    session.wait_for("Adam Boehler: mention 1 of");
    session.keys("K");
    session.wait_for("Concordance: Adam Boehler");
    session.keys("\u{1b}");
    session.keys("v");
    session.wait_for("Passages: ");
    session.wait_for("m… ──");
    session.keys("\u{1b}");
    session.keys("q");
    assert_eq!(session.wait_exit(), 0);
    session.assert_restored();
}
