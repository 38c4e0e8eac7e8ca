//! About carecheck itself: `carecheck --version`, `carecheck completions SHELL` and
//! `carecheck man`. Completions and the manual page are generated from the same clap
//! definitions that parse the command line, so they cannot fall behind the commands.

use std::io::Write;
use std::process::ExitCode;

use clap::CommandFactory;
use clap_complete::Shell;

use super::{Cli, CommandResult};
use crate::checklist::{Library, Origin};
use crate::text::one_line;

/// The version, then each bundled checklist with its edition (what a support question needs).
/// Only here are the bundled checklists parsed for their editions; `--version` alone pays it.
pub fn version(out: &mut dyn Write) -> CommandResult {
    writeln!(out, "carecheck {}", env!("CARGO_PKG_VERSION"))?;
    writeln!(out, "Bundled checklists:")?;
    let (library, _) = Library::load(None);
    for entry in library.entries() {
        if let Origin::Bundled(_) = entry.origin {
            let checklist = &entry.checklist;
            writeln!(
                out,
                "  {:<22} {} — edition {}",
                checklist.id,
                one_line(&checklist.title),
                one_line(&checklist.edition)
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A completion script for `shell`, printed for the user to install.
pub fn completions(shell: Shell, out: &mut dyn Write) -> CommandResult {
    let mut command = Cli::command();
    // `generate` panics when its writer fails (a pipe closed by `head`), so it writes to
    // memory and the one write that can fail returns the error to `main` like any other.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "carecheck", &mut script);
    out.write_all(&script)?;
    Ok(ExitCode::SUCCESS)
}

/// The manual page, in roff (`carecheck man | man -l -`, or saved as `carecheck.1`); with a
/// command's name, that command's own page (`carecheck-NAME.1`, which the main page lists).
pub fn man(command: Option<&str>, out: &mut dyn Write) -> CommandResult {
    let mut cli = Cli::command();
    cli.build();
    let page = match command {
        None => cli,
        Some(name) => {
            let Some(sub) = cli.find_subcommand(name) else {
                return Err(super::Failure {
                    message: format!(
                        "`{name}` is not a carecheck command; `carecheck --help` lists them"
                    ),
                    code: 2,
                });
            };
            sub.clone()
                .name(format!("carecheck-{name}"))
                .version(env!("CARGO_PKG_VERSION"))
        }
    };
    clap_mangen::Man::new(page).render(out)?;
    Ok(ExitCode::SUCCESS)
}
