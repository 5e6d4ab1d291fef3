//! Where gazette reads its configuration and keeps its data.
//!
//! The standard per-user directories (`directories::ProjectDirs`), unless an environment
//! variable names another: `GAZETTE_CONFIG_DIR` for the configuration (`config.toml`, the user
//! gazetteer),
//! `GAZETTE_DATA_DIR` for data (saved reading positions). With neither a home directory nor
//! an override there is no such directory, and gazette runs without it rather than writing
//! into the current directory.

use std::path::PathBuf;

/// Environment variable that overrides the configuration directory.
pub const CONFIG_DIR_ENV: &str = "GAZETTE_CONFIG_DIR";

/// Environment variable that overrides the data directory.
pub const DATA_DIR_ENV: &str = "GAZETTE_DATA_DIR";

/// The file name of the user gazetteer inside the configuration directory.
pub const USER_GAZETTEER: &str = "gazetteer.json";

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "gazette")
}

fn from_env(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .filter(|value| !value.is_empty())
        .map(PathBuf::from)
}

/// The configuration directory, e.g. `~/.config/gazette`.
pub fn config_dir() -> Option<PathBuf> {
    from_env(CONFIG_DIR_ENV).or_else(|| project_dirs().map(|dirs| dirs.config_dir().to_path_buf()))
}

/// The data directory, e.g. `~/.local/share/gazette`.
pub fn data_dir() -> Option<PathBuf> {
    from_env(DATA_DIR_ENV).or_else(|| project_dirs().map(|dirs| dirs.data_dir().to_path_buf()))
}

/// The configuration file, e.g. `~/.config/gazette/config.toml`.
pub fn config_file() -> Option<PathBuf> {
    config_dir().map(|dir| dir.join(crate::config::CONFIG_FILE))
}

/// The user gazetteer, e.g. `~/.config/gazette/gazetteer.json`.
pub fn user_gazetteer() -> Option<PathBuf> {
    config_dir().map(|dir| dir.join(USER_GAZETTEER))
}
