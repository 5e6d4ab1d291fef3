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
//! | [`cli`] | arguments (clap); spells on the command line the option types that other modules own |
//! | [`command`] | runs a command: loads what it needs, then prints a report, or assembles the reader and hands it to [`tui`] |
//! | [`paths`] | configuration and data directories, with environment overrides; every file name gazette uses; replacing and locking files |
//! | [`config`] | `config.toml`: colours per kind, the entity list's sort, the colour mode |
//! | [`text`] | bytes → sanitized NFC text, with a map back to the original byte offsets |
//! | [`corpus`] | files and folders → articles (splitting, titles, `sources.json`); how a source is named |
//! | [`formats`] | saved web pages and Markdown → article text and metadata |
//! | [`gazetteer`] | JSON, spaCy patterns, GATE lists (from plain paths) → validated entities and surface forms; layers; conflicts; export |
//! | [`matcher`] | the automaton and the matching rules of spec §4 |
//! | [`index`] | mentions by article and by entity; next and previous mention; counts |
//! | [`insight`] | coverage, concordance, naming, co-occurrence and the passage view, across sources |
//! | [`search`] | a string in every article, and stepping from match to match |
//! | [`discover`] | names the gazetteer misses, and near-misses of known names |
//! | [`suggest`] | entities the articles name that no layer covers, with kinds, aliases and descriptions |
//! | [`additions`] | adding entities and aliases to the user gazetteer, safely shared |
//! | [`quotes`] | direct quotations and their speakers; `gazette quotes` |
//! | [`regular`] | regular files opened without blocking, checked, and read up to a cap |
//! | [`reuse`] | sentences one source retells from another; `gazette reuse` |
//! | [`compare`] | two passages side by side: which words of each the other lacks (a word diff) |
//! | [`report`] | the printed outputs, one file each, sharing escaping and the table formats |
//! | [`loader`] | the reader's corpus (the first file at once, the rest on a worker thread) and matching again after an addition, each with its own event type |
//! | [`app`] | the reader's model: keys → actions → `App::update`, background news → `App::absorb`; the panes' layout and the text's wrap |
//! | [`ui`] | drawing the model with ratatui, in a [`ui::theme::Theme`] |
//! | [`tui`] | the terminal's lifecycle and the event loop |
//! | [`state`] | reading positions saved per corpus |
//! | [`error`] | the error type, and the located error of a file the user writes |
//! | [`web`] | URLs, feeds and story files: fetched, cached, read as files |
//! | [`work`] | a small parallel map over items |
//!
//! # Data flow
//!
//! ```text
//! paths ─→ text (sanitized, offset map) ─→ corpus (articles; formats for pages and Markdown)
//! gazetteer layers (plain paths) ─→ entities ─→ matcher
//! (articles, matcher) ─→ mentions ─→ index ─→ insight / search / discover
//! command ─→ report (printed)      or      command's reader ─→ tui (terminal, event loop)
//! key ─→ Action ─→ App::update ─→ &App ─→ ui (styles from a Theme the App does not hold)
//! loader, rebuilder, jobs ─→ their own events ─→ app::Background ─→ App::absorb
//! ```
//!
//! Dependencies between the modules go one way (no cycles): the core (`text` … `discover`,
//! `report`, `compare`) never touches the terminal; `app` holds the reader's state and layout
//! without styles; `ui` draws `app`; `tui` runs `app` and `ui` in a terminal; `command`
//! assembles.

pub mod additions;
pub mod app;
pub mod cli;
pub mod command;
pub mod compare;
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
pub mod quotes;
pub mod regular;
pub mod report;
pub mod reuse;
pub mod search;
pub mod state;
pub mod suggest;
#[cfg(test)]
mod testing;
pub mod text;
pub mod tui;
pub mod ui;
pub mod web;
pub mod work;
