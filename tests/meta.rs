//! `carecheck --version`, `carecheck completions SHELL` and `carecheck man`, through the real
//! binary.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use carecheck::checklist::Library;
use common::{Sandbox, run};

/// Every command a user can type, at the top level, from clap itself: a new command is checked
/// the day it lands, with no list here to fall behind.
fn commands() -> Vec<String> {
    use clap::CommandFactory;
    let cli = carecheck::cli::Cli::command();
    let names: Vec<String> = cli
        .get_subcommands()
        .map(|c| c.get_name().to_owned())
        .collect();
    assert!(names.len() >= 23, "{names:?}");
    names
}

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
fn every_shell_gets_a_script_that_asks_carecheck() {
    let s = Sandbox::new();
    for (shell, registers) in [
        (
            "bash",
            "complete -o nospace -o bashdefault -o nosort -F _clap_complete_carecheck carecheck",
        ),
        ("zsh", "compdef _clap_dynamic_completer_carecheck carecheck"),
        (
            "fish",
            "complete --keep-order --exclusive --command carecheck --arguments",
        ),
        ("elvish", "set edit:completion:arg-completer[carecheck]"),
        (
            "powershell",
            "Register-ArgumentCompleter -Native -CommandName carecheck",
        ),
    ] {
        let (code, out, err) = run(&s, &["completions", shell]);
        assert_eq!(code, 0, "{shell}: {err}");
        assert!(out.contains(registers), "{shell}:\n{out}");
        assert!(
            out.contains("COMPLETE"),
            "{shell}: asks carecheck through COMPLETE"
        );
    }
    let (code, _, err) = run(&s, &["completions", "cmd.exe"]);
    assert_eq!(code, 2);
    assert!(err.contains("possible values"), "{err}");
}

/// What bash offers for a half-typed line, through the real script and the real binary.
fn bash_offers(s: &Sandbox, words: &[&str]) -> Vec<String> {
    let (_, script, _) = run(s, &["completions", "bash"]);
    let bin_dir = common::bin().parent().expect("bin dir").to_owned();
    let words_list = words
        .iter()
        .map(|w| format!("'{w}'"))
        .collect::<Vec<_>>()
        .join(" ");
    let last = words.len() - 1;
    let check = format!(
        "{script}\nCOMP_WORDS=({words_list}); COMP_CWORD={last}; COMP_TYPE=9; _clap_complete_carecheck carecheck '{}' '{}'; printf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        words[last],
        words[last.saturating_sub(1)]
    );
    let mut bash = Command::new("timeout")
        .args(["10", "bash", "--norc", "--noprofile"])
        .env(
            "PATH",
            format!(
                "{}:{}",
                bin_dir.display(),
                std::env::var("PATH").unwrap_or_default()
            ),
        )
        .env("CARECHECK_DATA_DIR", s.path())
        .env("CARECHECK_CONFIG_DIR", s.config_dir())
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
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| l.trim_end().to_owned())
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn bash_completes_commands_assessment_ids_and_checklist_ids() {
    let s = Sandbox::new();
    assert_eq!(bash_offers(&s, &["carecheck", "imp"]), ["import"]);
    run(&s, &["new", "--org", "Oak House Care"]);
    run(&s, &["new", "--org", "Elm Lodge", "--site", "Leeds"]);
    assert_eq!(
        bash_offers(&s, &["carecheck", "status", "-a", ""]),
        ["elm-lodge-leeds", "oak-house-care"]
    );
    assert_eq!(
        bash_offers(&s, &["carecheck", "plan", "show", "-a", "oa"]),
        ["oak-house-care"]
    );
    assert_eq!(
        bash_offers(&s, &["carecheck", "checklists", "add", "ncsc"]),
        ["ncsc-small-business", "ncsc-10-steps"]
    );
}

#[test]
fn the_manual_page_names_every_command_and_option() {
    let s = Sandbox::new();
    let (code, page, err) = run(&s, &["man"]);
    assert_eq!(code, 0, "{err}");
    assert!(page.contains(".TH carecheck 1"), "{page}");
    assert!(page.contains(&format!("carecheck {}", env!("CARGO_PKG_VERSION"))));
    for command in commands() {
        // The SUBCOMMANDS section names each command's own page.
        let reference = format!("carecheck\\-{}(1)", command.replace('-', "\\-"));
        assert!(page.contains(&reference), "no {reference} in the main page");
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
