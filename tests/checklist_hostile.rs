//! Inputs no checklist author would write on purpose: each must end in a clean error.

mod common;

use std::fs;

use common::{Sandbox, safe_text};

/// Writes `bytes` to a file in the sandbox, validates it and returns (exit code, stdout).
fn validate_bytes(bytes: &[u8]) -> (Option<i32>, String) {
    let sandbox = Sandbox::new();
    let path = sandbox.path().join("hostile.toml");
    fs::write(&path, bytes).expect("write");
    let output = sandbox
        .cmd()
        .arg("validate")
        .arg(&path)
        .output()
        .expect("runs");
    assert!(
        !String::from_utf8_lossy(&output.stderr).contains("panicked"),
        "panic: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.code(), safe_text(&output.stdout))
}

#[test]
fn oversized_file_is_refused_without_reading_it_all() {
    let mut bytes = b"format = 1\n".to_vec();
    bytes.resize(17 * 1024 * 1024, b'#');
    let (code, out) = validate_bytes(&bytes);
    assert_eq!(code, Some(1));
    assert!(out.contains("hostile.toml: is larger than 16 MiB"), "{out}");
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    for (open, close) in [("[", "]"), ("{a=", "}")] {
        let text = format!("x = {}1{}", open.repeat(200_000), close.repeat(200_000));
        let (code, out) = validate_bytes(text.as_bytes());
        assert_eq!(code, Some(1));
        assert!(out.contains("hostile.toml:1:"), "{out}");
    }
    let headers = format!("[{}]\n", vec!["a"; 50_000].join("."));
    let (code, _) = validate_bytes(headers.as_bytes());
    assert_eq!(code, Some(1));
}

#[test]
fn escape_sequences_in_values_never_reach_the_terminal() {
    // Raw control characters are a TOML syntax error; escaped ones parse into the value.
    let text = r#"format = 1
id = "x\u001b]0;pwned\u0007"
title = "\u001b[2J\u202e"
"#;
    let (code, out) = validate_bytes(text.as_bytes());
    assert_eq!(code, Some(1));
    assert!(
        out.contains("checklist id `x\\u{1b}]0;pwned\\u{7}`"),
        "{out}"
    );
}

#[test]
fn random_binary_and_long_lines_fail_cleanly() {
    let noise: Vec<u8> = (0..100_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    assert_eq!(validate_bytes(&noise).0, Some(1));
    let long_line = format!("title = \"{}\"\n", "x".repeat(5_000_000));
    assert_eq!(validate_bytes(long_line.as_bytes()).0, Some(1));
}

#[test]
fn paths_that_are_not_files_are_named_in_the_error() {
    let sandbox = Sandbox::new();
    let folder = sandbox.path().join("a folder.toml");
    fs::create_dir(&folder).expect("mkdir");
    let missing = sandbox.path().join("missing.toml");
    let mut cmd = sandbox.cmd();
    cmd.arg("validate").arg(&folder).arg(&missing);
    #[cfg(unix)]
    {
        let looped = sandbox.path().join("loop.toml");
        std::os::unix::fs::symlink(&looped, &looped).expect("symlink");
        cmd.arg(&looped).arg("/dev/null");
    }
    let output = cmd.output().expect("runs");
    let out = safe_text(&output.stdout);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        out.contains("a folder.toml: is a folder, not a file"),
        "{out}"
    );
    assert!(out.contains("missing.toml: no such file"), "{out}");
    #[cfg(unix)]
    {
        assert!(out.contains("loop.toml: "), "{out}");
        assert!(out.contains("/dev/null: is not a regular file"), "{out}");
    }
}

#[test]
fn a_broken_user_checklist_is_reported_but_the_rest_still_list() {
    let sandbox = Sandbox::new();
    let dir = sandbox.path().join("checklists");
    fs::create_dir_all(&dir).expect("mkdir");
    fs::write(dir.join("mine.toml"), "format = 1\nid = \"mine\"\n").expect("write");
    let output = sandbox.cmd().arg("checklists").output().expect("runs");
    let stdout = safe_text(&output.stdout);
    let stderr = safe_text(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout.contains("dspt-social-care"), "{stdout}");
    assert!(
        stderr.contains("mine.toml:1:1: the checklist is missing required key `title`"),
        "{stderr}"
    );
}
