//! Gazetteer layers read from files: the built-in layer, the user's file, then each file
//! given, as plain paths.

use super::{Gazetteer, LayerSource, import};
use crate::error::GazetteerError;
use crate::paths::display_path;
use crate::regular::ReadError;
use std::path::{Path, PathBuf};

impl Gazetteer {
    /// Loads the layers in order: the built-in one (unless `built_in` is false), the user's
    /// file (when there is one and it exists), then each of `given`.
    pub fn load_files(
        built_in: bool,
        user: Option<&Path>,
        story: &[PathBuf],
        given: &[PathBuf],
    ) -> Result<Gazetteer, GazetteerError> {
        let mut layers = Vec::new();
        if built_in {
            layers.push(LayerSource::built_in());
        }
        if let Some(user) = user.filter(|path| path.exists()) {
            layers.push(read_layer(user)?);
        }
        for path in story.iter().chain(given) {
            layers.push(read_layer(path)?);
        }
        Gazetteer::load(&layers)
    }
}

/// Reads one layer. A GATE list comes with its kind, `places.lst:place`: the file read is
/// `places.lst`, and the label keeps the kind for the loader.
fn read_layer(path: &Path) -> Result<LayerSource, GazetteerError> {
    let given = path.to_string_lossy();
    let (path, kind) = match import::split_kind(&given) {
        Some((file, kind)) if !path.exists() => (Path::new(file), Some(kind)),
        _ => (path, None),
    };
    let file = display_path(path);
    let label = match kind {
        Some(kind) => format!("{file}:{}", crate::text::clean_inline(kind)),
        None => file.clone(),
    };
    match crate::regular::read(path, crate::corpus::MAX_INPUT_BYTES) {
        Ok(bytes) => Ok(LayerSource { label, bytes }),
        Err(error) => Err(GazetteerError {
            file,
            line: 0,
            column: 0,
            entry: None,
            fix: match error {
                ReadError::Io(_) => "check the path and its permissions",
                _ => "give a regular file of at most 256 MiB",
            }
            .to_owned(),
            problem: format!("cannot read the gazetteer: {error}"),
        }),
    }
}
