//! `carecheck --version`, `carecheck completions SHELL` and `carecheck man`, through the real
//! binary.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use carecheck::checklist::Library;
use common::{Sandbox, run};

/// Every command a user can type, as clap knows it (the test fails if one is missing from a
/// completion script or the manual page).
const COMMANDS: &[&str] = &[
    "checklists",
    "validate",
    "new",
    "list",
    "answer",
    "status",
    "report",
    "export",
    "bundle",
    "unbundle",
    "import",
    "upgrade",
    "completions",
    "man",
];

#[test]
fn version_names_every_bundled_checklist_and_its_edition() {
    let s = Sandbox::new();
    let (library, problems) = Library::load(None);
    assert!(problems.is_empty());
    for flag in ["--version", "-V"] {
        let (code, out, err) = run(&s, &[flag]);
        assert_eq!(code, 0, "{err}");
        assert!(
            out.starts_with(&format!("carecheck {}\n", env!("CARGO_PKG_VERSION"))),
            "{out}"
        );
        assert_eq!(library.entries().len(), 5, "the five bundled checklists");
        for entry in library.entries() {
            let c = &entry.checklist;
            let line = format!("{} \u{2014} edition {}", c.title, c.edition);
            assert!(
                out.lines()
                    .any(|l| l.trim_start().starts_with(&c.id) && l.ends_with(&line)),
                "{} missing: {out}",
                c.id
            );
        }
    }
    assert!(
        std::fs::read_dir(s.path()).expect("dir").next().is_none(),
        "--version writes nothing into the data folder"
    );
}

#[test]
fn completions_cover_every_command_for_every_shell() {
    let s = Sandbox::new();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let (code, out, err) = run(&s, &["completions", shell]);
        assert_eq!(code, 0, "{shell}: {err}");
        for command in COMMANDS {
            assert!(out.contains(command), "{shell}: no `{command}`");
        }
        assert!(out.contains("data-dir"), "{shell}: global options");
    }
    let (code, _, err) = run(&s, &["completions", "cmd.exe"]);
    assert_eq!(code, 2);
    assert!(err.contains("possible values"), "{err}");
}

/// The bash script is valid bash, and completing `carecheck imp` offers `import`.
#[test]
fn the_bash_completion_script_completes() {
    let s = Sandbox::new();
    let (_, script, _) = run(&s, &["completions", "bash"]);
    let check = format!(
        "{script}\nCOMP_WORDS=(carecheck imp); COMP_CWORD=1; _carecheck carecheck imp carecheck; printf '%s\\n' \"${{COMPREPLY[@]}}\"\n"
    );
    let mut bash = Command::new("timeout")
        .args(["10", "bash", "--norc", "--noprofile"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("bash");
    bash.stdin
        .take()
        .expect("stdin")
        .write_all(check.as_bytes())
        .expect("write");
    let output = bash.wait_with_output().expect("bash ran");
    let offered = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(offered.trim(), "import", "{offered}");
}

#[test]
fn the_manual_page_names_every_command_and_option() {
    let s = Sandbox::new();
    let (code, page, err) = run(&s, &["man"]);
    assert_eq!(code, 0, "{err}");
    assert!(page.contains(".TH carecheck 1"), "{page}");
    assert!(page.contains(&format!("carecheck {}", env!("CARGO_PKG_VERSION"))));
    for command in COMMANDS {
        assert!(
            page.contains(&format!("carecheck\\-{command}")) || page.contains(command),
            "no `{command}`"
        );
    }
    assert!(page.contains("\\-\\-data\\-dir"), "{page}");
    // Each command's own page, which the main page refers to.
    let (code, page, err) = run(&s, &["man", "import"]);
    assert_eq!(code, 0, "{err}");
    assert!(page.contains(".TH carecheck-import 1"), "{page}");
    assert!(page.contains("oscal"), "{page}");
    let (code, _, err) = run(&s, &["man", "nonsense"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("`nonsense` is not a carecheck command"),
        "{err}"
    );
}

/// Every option and argument of every command, at every depth, says what it is for: `--help`
/// is the manual a consultant reads on site.
#[test]
fn every_option_of_every_command_has_help() {
    use clap::CommandFactory;
    fn walk(command: &clap::Command, path: &str, missing: &mut Vec<String>) {
        for arg in command.get_arguments() {
            let id = arg.get_id().as_str();
            if matches!(id, "help" | "version") {
                continue;
            }
            if arg.get_help().is_none() && arg.get_long_help().is_none() {
                missing.push(format!("{path} {id}"));
            }
        }
        for sub in command.get_subcommands() {
            walk(sub, &format!("{path} {}", sub.get_name()), missing);
        }
    }
    let mut missing = Vec::new();
    walk(&carecheck::cli::Cli::command(), "carecheck", &mut missing);
    assert!(missing.is_empty(), "options without help: {missing:#?}");
}
