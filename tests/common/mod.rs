//! Helpers shared by the integration tests. Every run of the binary gets its own temporary data
//! directory, so no test ever touches the real user's files.

#![allow(dead_code, reason = "each test binary uses a different subset")]

pub mod tui;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// A private data directory and a way to run carecheck against it.
pub struct Sandbox {
    pub dir: TempDir,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// carecheck on this sandbox's data, on the fixed day [`TODAY`] so that outcomes that
    /// depend on dates (a restore test "in the last 12 months") do not change with the calendar.
    pub fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("carecheck").expect("binary built");
        cmd.env("CARECHECK_DATA_DIR", self.dir.path())
            .env("CARECHECK_TODAY", TODAY)
            .env_remove("NO_COLOR")
            .current_dir(fixtures());
        cmd
    }
}

impl Sandbox {
    /// A plain `std` command, for tests that need to spawn and kill the process.
    pub fn std_cmd(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("carecheck"));
        cmd.env("CARECHECK_DATA_DIR", self.dir.path())
            .env("CARECHECK_TODAY", TODAY)
            .current_dir(fixtures());
        cmd
    }
}

/// The day every test runs on (see `CARECHECK_TODAY` in the README).
pub const TODAY: &str = "2026-11-28";

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Output as text, asserting it carries no raw escape or other control character.
pub fn safe_text(bytes: &[u8]) -> String {
    let text = String::from_utf8(bytes.to_vec()).expect("output is UTF-8");
    // CRLF line ends (CSV) are fine; a lone carriage return could overwrite a terminal line.
    let without_crlf = text.replace("\r\n", "\n");
    if let Some(c) = without_crlf.chars().find(|&c| c.is_control() && c != '\n') {
        panic!("raw control character {c:?} in output:\n{text}");
    }
    text
}

/// Runs carecheck in the sandbox and returns (exit code, stdout, stderr), all checked for raw
/// control characters.
pub fn run(sandbox: &Sandbox, args: &[&str]) -> (i32, String, String) {
    let output = sandbox.cmd().args(args).output().expect("runs");
    let stderr = safe_text(&output.stderr);
    assert!(
        !stderr.contains("panicked"),
        "panic running {args:?}: {stderr}"
    );
    (
        output.status.code().unwrap_or(-1),
        safe_text(&output.stdout),
        stderr,
    )
}

/// Copies a folder tree.
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// Every file under `dir` with its bytes, to prove nothing was changed.
pub fn snapshot_tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).expect("read");
                out.push((path, bytes));
            }
        }
    }
    out.sort();
    out
}

/// Parses `carecheck status --json`.
pub fn status_json(sandbox: &Sandbox, assessment: &str) -> serde_json::Value {
    let (_, stdout, stderr) = run(sandbox, &["status", "--json", "-a", assessment]);
    serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("status --json: {e}\n{stdout}\n{stderr}"))
}

/// Whether a command-line tool the test needs is installed. Under CI (which installs them all
/// in `.ci/run`) a missing tool is a failure, not a reason to skip.
pub fn tool(name: &str) -> bool {
    let found = std::process::Command::new(name).arg("-v").output().is_ok();
    if !found {
        assert_ne!(
            std::env::var("CI").as_deref(),
            Ok("true"),
            "{name} is required under CI"
        );
        eprintln!("{name} is not installed: skipping the checks that need it (CI installs it)");
    }
    found
}

/// Runs a tool and returns its standard output.
pub fn tool_output(name: &str, args: &[&str]) -> String {
    let out = std::process::Command::new(name)
        .args(args)
        .output()
        .expect("tool runs");
    assert!(
        out.status.success(),
        "{name} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Reads CSV as a spreadsheet would (RFC 4180: quoted fields, doubled quotes, CRLF).
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = vec![];
    let mut row = vec![];
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    rows
}
