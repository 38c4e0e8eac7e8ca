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
        assert!(stdout.starts_with("ok: "), "{stdout}");
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
