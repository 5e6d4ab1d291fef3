//! URLs, feeds, story files and the cache, against a server on 127.0.0.1 started here.

#[path = "support/command.rs"]
mod command;
#[path = "support/pty.rs"]
mod pty;
#[path = "support/server.rs"]
mod server;

use assert_cmd::Command;
use serde_json::Value;
use server::{Reply, Server, gzip, html};
use std::time::Duration;
use tempfile::TempDir;

/// A page about the seed story, long enough to be an article.
fn article(title: &str, who: &str) -> String {
    format!(
        "<!doctype html><html><head><meta charset=utf-8><title>{title}</title></head><body>\
         <article><h1>{title}</h1><p>{who} met officials from Hamas in Doha on Tuesday, in the \
         first direct talks between the United States and the group, people familiar said.</p>\
         <p>The talks were about the hostages still held in Gaza, and about what could follow a \
         deal, according to two officials who spoke on condition of anonymity.</p></article>\
         </body></html>"
    )
}

/// The binary, with its own directories, short timeouts and no proxy.
fn gazette(home: &TempDir) -> Command {
    let mut command = command::gazette(home);
    command
        .env("GAZETTE_HTTP_TIMEOUT", "1")
        .env("GAZETTE_HTTP_MAX_BYTES", "20000");
    for proxy in pty::PROXY_VARIABLES {
        command.env_remove(proxy);
    }
    command
}

fn routes() -> Vec<(&'static str, Reply)> {
    let cp1252 = b"<html><head><meta charset=\"windows-1252\"><title>Caf\xE9</title></head>\
        <body><article><p>Zo\xEB met the envoy at the caf\xE9 near the harbour, where the two of \
        them talked for an hour about the hostages.</p></article></body></html>";
    let feed = r#"<?xml version="1.0"?>
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
        <title>The Wire</title>
        <item><title>Envoy in Doha</title><link>/a.html</link>
          <pubDate>Wed, 05 Mar 2025 10:00:00 GMT</pubDate></item>
        <item><title>Talks go on</title><link>/nowhere</link><pubDate>Thu, 06 Mar 2025 10:00:00 GMT</pubDate>
          <content:encoded><![CDATA[<p>Steve Witkoff said the talks with Hamas would go on next week in Doha, with Qatar and Egypt as mediators.</p>]]></content:encoded></item>
        </channel></rss>"#;
    vec![
        ("/a.html", html(&article("Envoy in Doha", "Adam Boehler"))),
        ("/b.html", html(&article("Talks in Qatar", "Steve Witkoff"))),
        (
            "/gzip.html",
            Reply::Page(
                200,
                vec![
                    ("Content-Type", "text/html; charset=utf-8".to_owned()),
                    ("Content-Encoding", "gzip".to_owned()),
                ],
                gzip(article("Compressed", "Benjamin Netanyahu").as_bytes()),
            ),
        ),
        ("/moved", Reply::Redirect("/b.html")),
        ("/broken", Reply::Page(500, Vec::new(), b"oops".to_vec())),
        ("/slow", Reply::Slow(Duration::from_secs(4))),
        ("/slow2", Reply::Slow(Duration::from_secs(4))),
        ("/slow3", Reply::Slow(Duration::from_secs(4))),
        ("/big", html(&"<p>words and more words</p>".repeat(2000))),
        (
            "/cp1252.html",
            Reply::Page(
                200,
                vec![("Content-Type", "text/html".to_owned())],
                cp1252.to_vec(),
            ),
        ),
        (
            "/feed.xml",
            Reply::Page(
                200,
                vec![("Content-Type", "application/rss+xml".to_owned())],
                feed.as_bytes().to_vec(),
            ),
        ),
    ]
}

fn start() -> Server {
    Server::start(routes())
}

/// A document served with a content type.
fn served(content_type: &str, body: &str) -> Reply {
    Reply::Page(
        200,
        vec![("Content-Type", content_type.to_owned())],
        body.as_bytes().to_vec(),
    )
}

fn entities_json(home: &TempDir, args: &[&str]) -> (Value, String, i32) {
    let output = gazette(home)
        .args(["entities", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let json = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (json, stderr, output.status.code().unwrap_or(-1))
}

fn titles(json: &Value) -> Vec<String> {
    json["articles"]
        .as_array()
        .map(|articles| {
            articles
                .iter()
                .map(|a| a["title"].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

fn files(json: &Value) -> Vec<String> {
    json["articles"]
        .as_array()
        .map(|articles| {
            articles
                .iter()
                .map(|a| a["file"].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn two_urls_are_read_as_two_articles_and_again_offline() {
    let home = TempDir::new().unwrap();
    let server = start();
    let (a, b, gz) = (
        server.url("/a.html"),
        server.url("/moved"),
        server.url("/gzip.html"),
    );
    let (json, stderr, status) = entities_json(&home, &[&a, &b, &gz]);
    assert_eq!(status, 0, "{stderr}");
    assert_eq!(files(&json), [a.clone(), b.clone(), gz.clone()]);
    assert_eq!(
        titles(&json),
        ["Envoy in Doha", "Talks in Qatar", "Compressed"]
    );
    let annotate = |home: &TempDir| {
        gazette(home)
            .args(["annotate", &a, &b, &gz])
            .output()
            .unwrap()
            .stdout
    };
    let online = annotate(&home);
    assert!(String::from_utf8_lossy(&online).contains("Adam Boehler"));
    drop(server);
    assert_eq!(
        annotate(&home),
        online,
        "the cached pages give the same mentions"
    );
    let refreshed = gazette(&home)
        .args(["annotate", "--refresh", &a])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&refreshed.stderr);
    assert!(
        stderr.contains(&a) && stderr.contains("cached copy"),
        "{stderr}"
    );
}

#[test]
fn failures_name_the_url_and_the_rest_is_read() {
    let home = TempDir::new().unwrap();
    let server = start();
    let (good, missing, broken, slow, big) = (
        server.url("/a.html"),
        server.url("/missing"),
        server.url("/broken"),
        server.url("/slow"),
        server.url("/big"),
    );
    let started = std::time::Instant::now();
    let (json, stderr, status) = entities_json(&home, &[&missing, &broken, &slow, &big, &good]);
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "the timeout holds"
    );
    assert_eq!(status, 1);
    assert_eq!(files(&json), [good]);
    for (url, says) in [
        (&missing, "HTTP 404"),
        (&broken, "HTTP 500"),
        (&slow, "timed out"),
        (&big, "cap"),
    ] {
        let line = stderr
            .lines()
            .find(|l| l.contains(url.as_str()))
            .unwrap_or_default();
        assert!(line.contains(says), "{url}: {stderr}");
    }
}

#[test]
fn a_feed_gives_one_source_per_item_titled_and_dated_from_the_feed() {
    let home = TempDir::new().unwrap();
    let server = start();
    let feed = server.url("/feed.xml");
    let (json, stderr, _) = entities_json(&home, &[&feed]);
    assert_eq!(titles(&json), ["Envoy in Doha", "Talks go on"], "{stderr}");
    let dates: Vec<&str> = json["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["date"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(dates, ["2025-03-05", "2025-03-06"]);
    drop(server);
    let (offline, stderr, status) = entities_json(&home, &[&feed]);
    assert_eq!((offline, status), (json, 0), "{stderr}");
}

#[test]
fn a_cp1252_page_declared_only_in_meta_reads_right() {
    let home = TempDir::new().unwrap();
    let server = start();
    let output = gazette(&home)
        .args(["--color", "never", &server.url("/cp1252.html")])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("Zoë") && text.contains("café"), "{text}");
}

#[test]
fn a_story_file_lists_urls_and_paths_as_one_corpus() {
    let home = TempDir::new().unwrap();
    let server = start();
    let page = command::write(home.path(), "saved/c.txt", b"Saved\nAdam Boehler spoke.\n");
    let story = format!(
        "# The talks\n{}\n\nsaved/c.txt  # kept by hand\n",
        server.url("/b.html")
    );
    let story_file = command::write(home.path(), "talks.story", story.as_bytes());
    let (json, stderr, status) = entities_json(&home, &[story_file.to_str().unwrap()]);
    assert_eq!(status, 0, "{stderr}");
    assert_eq!(titles(&json), ["Talks in Qatar", "Saved"]);
    assert!(
        files(&json)[1].ends_with("c.txt"),
        "{:?} {page:?}",
        files(&json)
    );
}

#[test]
fn the_reader_opens_on_what_it_has_while_a_slow_page_is_fetched() {
    let home = TempDir::new().unwrap();
    let server = start();
    let saved = command::write(
        home.path(),
        "saved.txt",
        b"Saved by hand\nAdam Boehler spoke.\n",
    );
    let slow = server.url("/slow");
    let started = std::time::Instant::now();
    let mut session = pty::Session::start(
        home.path(),
        env!("CARGO_BIN_EXE_gazette"),
        &[saved.to_str().unwrap(), &slow],
        &[("GAZETTE_HTTP_TIMEOUT", "3")],
    );
    session.wait_for("Saved by hand");
    let first_frame = started.elapsed();
    assert!(first_frame < Duration::from_millis(2500), "{first_frame:?}");
    std::thread::sleep(Duration::from_secs(4));
    session.keys("q");
    assert_eq!(session.wait_exit(), 1, "the slow page is an error at exit");
}

#[test]
fn the_reader_opens_at_once_while_its_only_page_is_fetched_and_quits_at_any_moment() {
    let home = TempDir::new().unwrap();
    let server = start();
    let slow = server.url("/slow");
    let started = std::time::Instant::now();
    let mut session = pty::Session::start(
        home.path(),
        env!("CARGO_BIN_EXE_gazette"),
        &[&slow],
        &[("GAZETTE_HTTP_TIMEOUT", "3")],
    );
    session.wait_for("Nothing to read yet: fetching 0/1…");
    let first_frame = started.elapsed();
    assert!(first_frame < Duration::from_millis(2500), "{first_frame:?}");
    assert!(
        session.screen().contains("fetching 0/1…"),
        "the status line"
    );
    session.keys("q");
    assert_eq!(session.wait_exit(), 0, "quit before the page came");
    session.assert_restored();
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "no wait for the fetch"
    );
}

#[test]
fn when_every_fetch_fails_the_reader_ends_and_names_each_url() {
    let home = TempDir::new().unwrap();
    let server = start();
    let (missing, broken) = (server.url("/missing"), server.url("/broken"));
    let mut session = pty::Session::start(
        home.path(),
        env!("CARGO_BIN_EXE_gazette"),
        &[&missing, &broken],
        &[],
    );
    assert_eq!(session.wait_exit(), 1);
    session.assert_restored();
    let screen = session.screen();
    for (url, says) in [(&missing, "HTTP 404"), (&broken, "HTTP 500")] {
        let line = screen.lines().find(|l| l.contains(url.as_str()));
        assert!(line.is_some_and(|l| l.contains(says)), "{url}: {screen}");
    }
    assert!(screen.contains("no articles to read"), "{screen}");
}

#[test]
fn plain_text_markdown_and_feeds_are_read_by_what_the_server_says_they_are() {
    let home = TempDir::new().unwrap();
    let body =
        "Adam Boehler met officials from Hamas in Doha, people familiar with the talks said.";
    let atom = r#"<?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom"><title>Updates</title><id>u</id>
        <updated>2025-03-07T10:00:00Z</updated>
        <entry><title>From the feed</title><id>e1</id><updated>2025-03-07T10:00:00Z</updated>
          <content type="html">&lt;p&gt;Steve Witkoff spoke of the talks with Hamas in Doha.&lt;/p&gt;</content></entry>
        </feed>"#;
    let server = Server::start(vec![
        (
            "/notes",
            served(
                "text/plain; charset=utf-8",
                &format!("Talks <b>resume</b>\n\n{body}\n"),
            ),
        ),
        (
            "/raw/envoy.md",
            served("text/plain", &format!("# Envoy *returns*\n\n{body}\n")),
        ),
        ("/latest", served("application/octet-stream", atom)),
    ]);
    let urls = ["/notes", "/raw/envoy.md", "/latest"].map(|path| server.url(path));
    let args: Vec<&str> = urls.iter().map(String::as_str).collect();
    let (json, stderr, status) = entities_json(&home, &args);
    assert_eq!(status, 0, "{stderr}");
    assert_eq!(
        titles(&json),
        ["Talks <b>resume</b>", "Envoy returns", "From the feed"],
        "plain text keeps its angle brackets, Markdown loses its marks, the feed is a feed"
    );
    drop(server);
    let (offline, stderr, status) = entities_json(&home, &args);
    assert_eq!((offline, status), (json, 0), "{stderr}");
}
