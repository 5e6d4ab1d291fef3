//! gazette
pub mod corpus;
pub mod error;
pub mod gazetteer;
pub mod matcher;
pub mod text;
pub mod work;
