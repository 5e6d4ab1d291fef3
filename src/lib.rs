//! gazette
pub mod error;
pub mod gazetteer;
pub mod text;
