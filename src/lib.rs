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
//! | [`command`] | runs a command: loads what it needs, prints a report or opens the reader |
//! | [`paths`] | configuration and data directories, with environment overrides |
//! | [`config`] | `config.toml`: colours per kind, the entity list's sort, the colour mode |
//! | [`text`] | bytes → sanitized NFC text, with a map back to the original byte offsets |
//! | [`corpus`] | files and folders → articles (splitting, titles, `sources.json`) |
//! | [`formats`] | saved web pages and Markdown → article text and metadata |
//! | [`gazetteer`] | JSON, spaCy patterns, GATE lists → validated entities and surface forms; layers; conflicts; export |
//! | [`matcher`] | the automaton and the matching rules of spec §4 |
//! | [`index`] | mentions by article and by entity; next and previous mention; counts |
//! | [`insight`] | coverage, concordance, naming and co-occurrence across sources |
//! | [`discover`] | names the gazetteer misses, and near-misses of known names |
//! | [`additions`] | adding entities and aliases to the user gazetteer, safely shared |
//! | [`report`] | the printed outputs of every command |
//! | [`loader`] | the reader's corpus: the first file at once, the rest on a worker thread |
//! | [`app`] | the reader's model: keys → actions → `App::update` |
//! | [`ui`] | rendering the model with ratatui |
//! | [`tui`] | the terminal's lifecycle and the event loop |
//! | [`state`] | reading positions saved per corpus |
//! | [`error`] | the error type, whose messages name the file, the value and the fix |
//! | [`web`] | URLs, feeds and story files: fetched, cached, read as files |
//! | [`work`] | a small parallel map over items |
//!
//! # Data flow
//!
//! ```text
//! paths ─→ text (sanitized, offset map) ─→ corpus (articles)
//! gazetteer layers ─→ entities ─→ matcher
//! (articles, matcher) ─→ mentions ─→ index ─→ report / insight / discover
//! key ─→ Action ─→ App::update ─→ &App ─→ ui (styles from theme)
//! ```
//!
//! The core (`text` … `discover`, `report`) never touches the terminal.

pub mod additions;
pub mod app;
pub mod cli;
pub mod command;
pub mod config;
pub mod corpus;
pub mod discover;
pub mod error;
pub mod formats;
pub mod gazetteer;
pub mod index;
pub mod insight;
pub mod loader;
pub mod matcher;
pub mod paths;
pub mod report;
pub mod state;
#[cfg(test)]
mod testing;
pub mod text;
pub mod tui;
pub mod ui;
pub mod web;
pub mod work;
