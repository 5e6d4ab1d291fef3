//! gazette
pub mod cli;
pub mod command;
pub mod corpus;
pub mod error;
pub mod gazetteer;
pub mod index;
pub mod matcher;
pub mod paths;
pub mod report;
pub mod text;
pub mod work;
