//! Every fixture checklist, valid and invalid, through the real binary.

mod common;

use std::fs;

use common::{Sandbox, fixtures, safe_text};

#[test]
fn every_invalid_fixture_fails_with_its_message() {
    let sandbox = Sandbox::new();
    let mut checked = 0;
    for entry in fs::read_dir(fixtures().join("invalid")).expect("invalid fixtures") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let expected = fs::read_to_string(path.with_extension("expect"))
            .unwrap_or_else(|_| panic!("{name} has no .expect file"));
        let relative = format!("invalid/{name}");
        let output = sandbox
            .cmd()
            .args(["validate", &relative])
            .output()
            .expect("runs");
        let stdout = safe_text(&output.stdout);
        assert_eq!(output.status.code(), Some(1), "{name}: exit code\n{stdout}");
        // Each .expect holds text that one output line, naming this file, must contain.
        let wanted = expected.trim_end();
        let found = stdout
            .lines()
            .any(|line| line.starts_with(&format!("{relative}:")) && line.contains(wanted));
        assert!(
            found,
            "{name}: expected a line with\n  {wanted}\ngot\n{stdout}"
        );
        assert!(output.stderr.is_empty(), "{name}: unexpected stderr");
        checked += 1;
    }
    assert!(checked >= 25, "only {checked} invalid fixtures");
}

#[test]
fn every_valid_fixture_passes() {
    let sandbox = Sandbox::new();
    for entry in fs::read_dir(fixtures().join("valid")).expect("valid fixtures") {
        let path = entry.expect("entry").path();
        let output = sandbox
            .cmd()
            .arg("validate")
            .arg(&path)
            .output()
            .expect("runs");
        let stdout = safe_text(&output.stdout);
        assert!(output.status.success(), "{}: {stdout}", path.display());
        // Warnings (one-way links) may come first; they never change the exit status.
        let (ok, other): (Vec<&str>, Vec<&str>) =
            stdout.lines().partition(|l| l.starts_with("ok: "));
        assert_eq!(ok.len(), 1, "{stdout}");
        assert!(other.iter().all(|l| l.contains(": warning: ")), "{stdout}");
    }
}

#[test]
fn several_files_report_all_problems_and_fail_once_any_is_invalid() {
    let output = Sandbox::new()
        .cmd()
        .args([
            "validate",
            "valid/minimal.toml",
            "invalid/typo-guidance.toml",
            "invalid/duplicate-item.toml",
        ])
        .output()
        .expect("runs");
    let stdout = safe_text(&output.stdout);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout.contains(
            "invalid/typo-guidance.toml:19:1: item 1.1 is missing required key `guidance`"
        )
    );
    assert!(stdout.contains("invalid/typo-guidance.toml:23:1: unknown key `guidence`"));
    assert!(stdout.contains("invalid/duplicate-item.toml:"));
    assert!(stdout.contains("ok: valid/minimal.toml (demo, 1 item)"));
}

#[test]
fn one_way_links_are_warned_about_without_failing() {
    let output = Sandbox::new()
        .cmd()
        .args(["validate", "valid/every-field.toml"])
        .output()
        .expect("runs");
    let stdout = safe_text(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    // Within the file, and to a bundled checklist that does not link back.
    for (at, target) in [
        ("45:10", "demo-full:1.2"),
        ("45:27", "dspt-social-care:4.5.3"),
    ] {
        let line = format!(
            "valid/every-field.toml:{at}: warning: the link from `demo-full:1.1` to `{target}` is one way"
        );
        assert!(stdout.contains(&line), "missing {line}\n{stdout}");
    }
}

#[test]
fn links_declared_at_both_ends_draw_no_warning() {
    let output = Sandbox::new()
        .cmd()
        .args(["validate", "valid/levels-and-links.toml"])
        .output()
        .expect("runs");
    let stdout = safe_text(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    assert_eq!(
        stdout.trim_end(),
        "ok: valid/levels-and-links.toml (demo-levels, 3 items)"
    );
}

#[test]
fn two_files_that_link_each_other_validate_together_without_warnings() {
    let sandbox = Sandbox::new();
    let dir = tempfile::tempdir().expect("temp dir");
    let a = dir.path().join("a.toml");
    let b = dir.path().join("b.toml");
    fs::write(&a, pair("pair-a", "pair-b")).expect("write a");
    fs::write(&b, pair("pair-b", "pair-a")).expect("write b");
    let output = sandbox
        .cmd()
        .arg("validate")
        .args([&a, &b])
        .output()
        .expect("runs");
    let stdout = safe_text(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    assert!(!stdout.contains("warning"), "{stdout}");
    // Alone, each is one way to a checklist carecheck cannot see: an error, not a warning.
    let output = sandbox
        .cmd()
        .arg("validate")
        .arg(&a)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
}

fn pair(id: &str, other: &str) -> String {
    format!(
        "format = 1\nid = \"{id}\"\ntitle = \"T\"\nedition = \"1\"\npublisher = \"P\"\n\
         source_url = \"https://example.org/\"\nlicence = \"L\"\nsummary = \"S\"\n\
         [[sections]]\nid = \"s\"\ntitle = \"S\"\n[[sections.items]]\nid = \"1\"\n\
         title = \"T\"\nquestion = \"Q?\"\nguidance = \"G\"\n\
         links = [{{ to = \"{other}:1\", kind = \"related\" }}]\n"
    )
}

#[test]
fn usage_errors_exit_with_two() {
    let output = Sandbox::new().cmd().arg("validate").output().expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let output = Sandbox::new()
        .cmd()
        .arg("no-such-command")
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
}
