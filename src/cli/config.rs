//! `carecheck config`: show or change the user's settings (see [`crate::settings`]).

use std::io::Write;
use std::process::ExitCode;

use super::{CommandResult, ConfigChange, Failure};
use crate::settings::{self, KEYS, Settings, SettingsError};
use crate::text::one_line;

impl From<SettingsError> for Failure {
    fn from(error: SettingsError) -> Failure {
        Failure::new(error.to_string())
    }
}

pub fn run(change: Option<&ConfigChange>, out: &mut dyn Write) -> CommandResult {
    let path = settings::path()?;
    let mut current = settings::load(&path)?;
    match change {
        None | Some(ConfigChange::Get { key: None }) => {
            writeln!(out, "# {}", one_line(&path.display().to_string()))?;
            for key in KEYS {
                let value = current.get(key)?.unwrap_or("(not set)");
                writeln!(out, "{key} = {}", one_line(value))?;
            }
        }
        Some(ConfigChange::Get { key: Some(key) }) => match current.get(key)? {
            Some(value) => writeln!(out, "{}", one_line(value))?,
            // Unset is not an error, but scripts can tell it from an empty value.
            None => return Ok(ExitCode::FAILURE),
        },
        Some(ConfigChange::Set { key, value }) => {
            current.set(key, value)?;
            settings::save(&path, &current)?;
            let shown = current.get(key)?.unwrap_or("(not set)");
            writeln!(out, "{key} = {} (saved)", one_line(shown))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The assessor to record when `new` is given none: the one set with `config set assessor`.
/// A settings file that cannot be read is named in a warning, and the assessment is still made.
pub fn default_assessor() -> Option<String> {
    let loaded = settings::path().and_then(|path| settings::load(&path));
    match loaded {
        Ok(Settings { assessor }) => assessor,
        Err(e) => {
            eprintln!("warning: {}", one_line(&e.to_string()));
            None
        }
    }
}
