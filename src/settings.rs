//! The user's settings: a small TOML file, `settings.toml`, in the platform's config folder
//! (from the `directories` crate: `~/.config/carecheck` on Linux,
//! `~/Library/Application Support/uk.carecheck.carecheck` on macOS,
//! `%APPDATA%\carecheck\carecheck\config` on Windows), or in `CARECHECK_CONFIG_DIR` when set.
//! It holds preferences only, never assessment data.

use std::io;
use std::path::{Path, PathBuf};

use directories::ProjectDirs;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::store::fsutil;

/// The environment variable that moves the config folder (tests; a consultant's USB stick).
pub const CONFIG_DIR_ENV: &str = "CARECHECK_CONFIG_DIR";
const FILE_NAME: &str = "settings.toml";
const SIGNING_KEY_FILE: &str = "signing-key";
/// Far more than any real settings file; a larger one is not ours.
const MAX_BYTES: u64 = 64 * 1024;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Who carries out assessments when `carecheck new` is not told (a consultant's own name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessor: Option<String>,
}

/// The settings a user can set by name, as `carecheck config` lists them.
pub const KEYS: [&str; 1] = ["assessor"];

#[derive(Debug, Error)]
pub enum SettingsError {
    #[error("cannot find a home folder for carecheck's settings; set {CONFIG_DIR_ENV}")]
    NoConfigDir,
    #[error("{path}: cannot read the settings: {source}")]
    Read { path: String, source: io::Error },
    #[error("{path}: cannot save the settings: {source}")]
    Write { path: String, source: io::Error },
    #[error("{path}{line}: not a carecheck settings file: {message}")]
    Bad {
        path: String,
        line: String,
        message: String,
    },
    #[error("there is no setting `{0}`; the settings are: {keys}", keys = KEYS.join(", "))]
    UnknownKey(String),
}

/// The settings file: in `CARECHECK_CONFIG_DIR` when set, else the platform's config folder.
pub fn path() -> Result<PathBuf, SettingsError> {
    config_dir().map(|dir| dir.join(FILE_NAME))
}

/// carecheck's own signing key (`carecheck sign`, `carecheck key show`): an OpenSSH private
/// key, owner-only, beside the settings.
pub fn signing_key_path() -> Result<PathBuf, SettingsError> {
    config_dir().map(|dir| dir.join(SIGNING_KEY_FILE))
}

fn config_dir() -> Result<PathBuf, SettingsError> {
    if let Some(dir) = std::env::var_os(CONFIG_DIR_ENV).filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    ProjectDirs::from("uk", "carecheck", "carecheck")
        .map(|dirs| dirs.config_dir().to_path_buf())
        .ok_or(SettingsError::NoConfigDir)
}

/// The settings in `path`; the defaults when there is no file yet.
pub fn load(path: &Path) -> Result<Settings, SettingsError> {
    let shown = path.display().to_string();
    let bytes = match fsutil::read_own(path, MAX_BYTES) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => {
            return Err(SettingsError::Bad {
                path: shown,
                line: String::new(),
                message: format!("larger than {MAX_BYTES} bytes"),
            });
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Settings::default()),
        Err(source) => {
            return Err(SettingsError::Read {
                path: shown,
                source,
            });
        }
    };
    let text = String::from_utf8(bytes).map_err(|_| SettingsError::Bad {
        path: shown.clone(),
        line: String::new(),
        message: "not UTF-8 text".into(),
    })?;
    toml::from_str(&text).map_err(|e| SettingsError::Bad {
        // A span over the whole file (an unknown setting) says nothing about a line.
        line: e
            .span()
            .filter(|span| span.len() < text.len())
            .map(|span| {
                format!(
                    ":{}",
                    text[..span.start.min(text.len())].lines().count().max(1)
                )
            })
            .unwrap_or_default(),
        path: shown,
        message: e.message().trim().to_owned(),
    })
}

/// Saves `settings` to `path` (owner-only, replaced atomically), creating its folder.
pub fn save(path: &Path, settings: &Settings) -> Result<(), SettingsError> {
    let failed = |source| SettingsError::Write {
        path: path.display().to_string(),
        source,
    };
    fsutil::create_private_dir(fsutil::parent_dir(path)).map_err(failed)?;
    let text = toml::to_string(settings).map_err(|e| failed(io::Error::other(e.to_string())))?;
    fsutil::write_atomic(path, text.as_bytes()).map_err(failed)
}

impl Settings {
    /// A setting's value by name (`None` when unset).
    pub fn get(&self, key: &str) -> Result<Option<&str>, SettingsError> {
        match key {
            "assessor" => Ok(self.assessor.as_deref()),
            _ => Err(SettingsError::UnknownKey(key.to_owned())),
        }
    }

    /// Sets a setting by name; blank text unsets it.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), SettingsError> {
        let value = Some(value.trim().to_owned()).filter(|v| !v.is_empty());
        match key {
            "assessor" => self.assessor = value,
            _ => return Err(SettingsError::UnknownKey(key.to_owned())),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_and_bad_files_are_named_with_their_line() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("deeper").join(FILE_NAME);
        assert_eq!(load(&path).expect("no file yet"), Settings::default());
        let mut settings = Settings::default();
        settings
            .set("assessor", "  Priya Shah ")
            .expect("known key");
        save(&path, &settings).expect("saved");
        let back = load(&path).expect("loads");
        assert_eq!(back.get("assessor").expect("known"), Some("Priya Shah"));
        assert!(matches!(
            back.clone().set("colour", "red"),
            Err(SettingsError::UnknownKey(_))
        ));
        settings.set("assessor", "").expect("known key");
        assert_eq!(settings.assessor, None);

        std::fs::write(&path, "# mine\n\nassessor = 3\n").expect("write");
        let error = load(&path).expect_err("bad").to_string();
        assert!(
            error.contains(FILE_NAME) && error.contains(":3:"),
            "{error}"
        );
    }
}
