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

/// The completion script for `shell`, printed for the user to install. It asks carecheck
/// itself what to offer each time Tab is pressed, so commands, options, assessment ids and
/// checklist ids always match the carecheck installed (see `cli/complete.rs`).
pub fn completions(shell: Shell, out: &mut dyn Write) -> CommandResult {
    use clap_complete::env::{Bash, Elvish, EnvCompleter, Fish, Powershell, Zsh};
    let completer: &dyn EnvCompleter = match shell {
        Shell::Bash => &Bash,
        Shell::Elvish => &Elvish,
        Shell::Fish => &Fish,
        Shell::PowerShell => &Powershell,
        Shell::Zsh => &Zsh,
        _ => {
            return Err(super::Failure {
                message: format!("carecheck has no completion script for {shell}"),
                code: 2,
            });
        }
    };
    completer.write_registration("COMPLETE", "carecheck", "carecheck", "carecheck", out)?;
    Ok(ExitCode::SUCCESS)
}

/// The manual page, in roff (`carecheck man | man -l -`, or saved as `carecheck.1`); with a
/// command's words, that command's own page (`carecheck-plan-contact.1` for `plan contact`),
/// which the page of the command around it names.
pub fn man(words: &[String], out: &mut dyn Write) -> CommandResult {
    let mut cli = Cli::command();
    cli.build();
    let mut page = cli;
    for (depth, word) in words.iter().enumerate() {
        let Some(sub) = page.find_subcommand(word).cloned() else {
            let said = words[..=depth].join(" ");
            return Err(super::Failure {
                message: format!(
                    "`{}` is not a carecheck command; `carecheck --help` lists them",
                    one_line(&said)
                ),
                code: 2,
            });
        };
        page = sub;
    }
    if !words.is_empty() {
        page = page
            .name(format!("carecheck-{}", words.join("-")))
            .version(env!("CARGO_PKG_VERSION"));
    }
    clap_mangen::Man::new(page).render(out)?;
    Ok(ExitCode::SUCCESS)
}

/// Every command that has a page of its own, at every depth, one per line as its words
/// (`plan contact add`): what the release archive's man folder is made from.
pub fn man_pages(out: &mut dyn Write) -> CommandResult {
    fn walk(
        command: &clap::Command,
        path: &mut Vec<String>,
        out: &mut dyn Write,
    ) -> std::io::Result<()> {
        for sub in command.get_subcommands() {
            path.push(sub.get_name().to_owned());
            writeln!(out, "{}", path.join(" "))?;
            walk(sub, path, out)?;
            path.pop();
        }
        Ok(())
    }
    let mut cli = Cli::command();
    cli.build();
    walk(&cli, &mut Vec::new(), out)?;
    Ok(ExitCode::SUCCESS)
}
