//! The passphrase that protects a bundle: from `CARECHECK_PASSPHRASE` (for scripts), or typed
//! at the terminal without being shown.

use std::io::{IsTerminal, Write};

use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::crossterm::terminal;

use super::Failure;

pub const PASSPHRASE_ENV: &str = "CARECHECK_PASSPHRASE";

/// The passphrase: the environment's, or asked for (twice when `confirm`, to catch a typing
/// slip that would lock the bundle for good).
pub fn get(prompt: &str, confirm: bool) -> Result<String, Failure> {
    if let Some(given) = std::env::var_os(PASSPHRASE_ENV) {
        return given.into_string().map_err(|_| {
            Failure::new(format!(
                "{PASSPHRASE_ENV} is not valid text; nothing was done"
            ))
        });
    }
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        return Err(Failure::new(format!(
            "a passphrase is needed: run this in a terminal to type it, or set {PASSPHRASE_ENV}; nothing was done"
        )));
    }
    let first = ask(prompt)?;
    let again = if confirm {
        Some(ask("Type it again: ")?)
    } else {
        None
    };
    agreed(first, again)
}

/// The passphrase, once the second typing (when asked for) matches the first to the character.
fn agreed(first: String, again: Option<String>) -> Result<String, Failure> {
    match again {
        Some(again) if again != first => Err(Failure::new(
            "the two passphrases differ; nothing was written",
        )),
        _ => Ok(first),
    }
}

/// One line typed without echo. Raw mode is always switched off again, whatever happens.
fn ask(prompt: &str) -> Result<String, Failure> {
    let failed = |e: std::io::Error| Failure::new(format!("cannot read the passphrase: {e}"));
    eprint!("{prompt}");
    std::io::stderr().flush().map_err(failed)?;
    terminal::enable_raw_mode().map_err(failed)?;
    let typed = read_hidden();
    let restored = terminal::disable_raw_mode();
    eprintln!();
    restored.map_err(failed)?;
    typed.map_err(failed)?.ok_or_else(|| Failure {
        message: "cancelled; nothing was done".into(),
        code: 1,
    })
}

/// Keys until Enter (`Some`) or Esc / Ctrl-C (`None`).
fn read_hidden() -> std::io::Result<Option<String>> {
    let mut typed = String::new();
    loop {
        let Event::Key(key) = event::read()? else {
            continue;
        };
        if key.kind == KeyEventKind::Release {
            continue;
        }
        match key.code {
            KeyCode::Enter => return Ok(Some(typed)),
            KeyCode::Esc => return Ok(None),
            KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                return Ok(None);
            }
            KeyCode::Backspace => {
                typed.pop();
            }
            KeyCode::Char(c) => typed.push(c),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::agreed;

    #[test]
    fn the_second_typing_must_match_the_first_exactly() {
        let ok = |a: &str, b: Option<&str>| agreed(a.to_owned(), b.map(str::to_owned)).ok();
        assert_eq!(
            ok("long passphrase 1", Some("long passphrase 1")).as_deref(),
            Some("long passphrase 1")
        );
        assert_eq!(ok("long passphrase 1", Some("long passphrase 2")), None);
        assert_eq!(ok("long passphrase 1", Some("long passphrase")), None);
        assert_eq!(ok("long passphrase 1", Some("Long passphrase 1")), None);
        assert_eq!(ok("only once", None).as_deref(), Some("only once"));
    }
}
