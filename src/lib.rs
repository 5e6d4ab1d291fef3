//! gazette
pub mod app;
pub mod cli;
pub mod command;
pub mod corpus;
pub mod error;
pub mod gazetteer;
pub mod index;
pub mod loader;
pub mod matcher;
pub mod paths;
pub mod report;
pub mod state;
pub mod text;
pub mod tui;
pub mod ui;
pub mod work;
