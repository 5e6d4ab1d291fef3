//! gazette: a terminal reader for several news articles about one story.
//!
//! A gazetteer of people, organizations and places drives an Aho-Corasick matcher that finds
//! every mention in every article; an index then lets a reader (or a script) follow one entity
//! from article to article.
//!
//! # Module map
//!
//! | module | role |
//! |---|---|
//! | [`cli`] | arguments (clap) and the options they resolve to |
//! | [`command`] | runs a command: loads what it needs, prints a report |
//! | [`paths`] | configuration and data directories, with environment overrides |
//! | [`text`] | bytes → sanitized NFC text, with a map back to the original byte offsets |
//! | [`corpus`] | files and folders → articles (splitting, titles, `sources.json`) |
//! | [`gazetteer`] | JSON → validated entities and surface forms; layers; conflicts |
//! | [`matcher`] | the automaton and the matching rules of spec §4 |
//! | [`index`] | mentions by article and by entity; next and previous mention; counts |
//! | [`report`] | `annotate`, `entities`, `check` and the plain marked-up print |
//! | [`error`] | the error type, whose messages name the file, the value and the fix |
//! | [`work`] | a small parallel map over items |
//!
//! # Data flow
//!
//! ```text
//! paths ─→ text (sanitized, offset map) ─→ corpus (articles)
//! gazetteer layers ─→ entities ─→ matcher
//! (articles, matcher) ─→ mentions ─→ index ─→ report
//! ```
//!
//! The core (`text` … `index`, `report`) never touches the terminal.

pub mod cli;
pub mod command;
pub mod corpus;
pub mod discover;
pub mod error;
pub mod gazetteer;
pub mod index;
pub mod insight;
pub mod matcher;
pub mod paths;
pub mod report;
pub mod text;
pub mod work;
