//! Helpers shared by the integration tests. Every run of the binary gets its own temporary data
//! directory, so no test ever touches the real user's files.

#![allow(dead_code, reason = "each test binary uses a different subset")]

pub mod tmux;
pub mod tui;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, ExitStatus, Output, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use tempfile::TempDir;

/// The longest any one command a test runs may take. A command still running then is killed
/// and the test fails, so a hang shows up as a failure instead of stalling the suite.
pub const COMMAND_TIMEOUT: Duration = Duration::from_secs(60);

/// The carecheck binary under test: the one cargo built, or `CARECHECK_TEST_BIN` (to show that
/// a new test fails against an older build).
pub fn bin() -> PathBuf {
    std::env::var_os("CARECHECK_TEST_BIN")
        .map_or_else(|| assert_cmd::cargo::cargo_bin("carecheck"), PathBuf::from)
}

/// A private data directory and a way to run carecheck against it, with a separate folder for
/// what it writes (carecheck never writes reports, exports or bundles into its data folder).
pub struct Sandbox {
    pub dir: TempDir,
    pub outputs: TempDir,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().expect("temp dir"),
            outputs: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Where carecheck keeps its settings in this sandbox (never the real user's config).
    pub fn config_dir(&self) -> PathBuf {
        self.outputs.path().join("config")
    }

    /// Where a test asks carecheck to write a report, export or bundle.
    pub fn out(&self, name: &str) -> PathBuf {
        self.outputs.path().join(name)
    }

    /// A command with [`COMMAND_TIMEOUT`] (one that runs longer is killed, see [`run`]), on
    /// this sandbox's data and on the fixed day [`TODAY`], so that outcomes that depend on
    /// dates (a restore test "in the last 12 months") do not change with the calendar.
    pub fn cmd(&self) -> Command {
        let mut cmd = Command::new(bin());
        cmd.timeout(COMMAND_TIMEOUT)
            .env("CARECHECK_DATA_DIR", self.dir.path())
            .env("CARECHECK_CONFIG_DIR", self.config_dir())
            .env("CARECHECK_TODAY", TODAY)
            .env_remove("NO_COLOR")
            .current_dir(fixtures());
        cmd
    }
}

impl Sandbox {
    /// A plain `std` command, for tests that need to spawn and kill the process. Run it with
    /// [`output_within`] or wait for it with [`wait_within`], never without a limit.
    pub fn std_cmd(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(bin());
        cmd.env("CARECHECK_DATA_DIR", self.dir.path())
            .env("CARECHECK_CONFIG_DIR", self.config_dir())
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
    run_within(sandbox, args, COMMAND_TIMEOUT)
}

/// Like [`run`], failing the test if the command takes longer than `limit`.
pub fn run_within(sandbox: &Sandbox, args: &[&str], limit: Duration) -> (i32, String, String) {
    let output = checked(
        sandbox.cmd().timeout(limit).args(args).output(),
        args,
        limit,
    );
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

/// The output of a command run with a time limit, failing the test if it was killed by the
/// limit (assert_cmd kills it then and reports no exit code).
fn checked(output: std::io::Result<Output>, args: &[&str], limit: Duration) -> Output {
    let output = output.expect("runs");
    if output.status.code().is_none() {
        panic!(
            "{args:?} did not finish within {limit:?} and was killed ({})\nstderr: {}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
    }
    output
}

/// Runs any command to completion within `limit`, collecting its output; a command still
/// running then is killed and the test fails.
pub fn output_within(cmd: &mut std::process::Command, limit: Duration) -> Output {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{cmd:?} does not start: {e}"));
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            bytes
        })
    };
    let stdout = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let stderr = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let status = wait_within(&mut child, limit)
        .unwrap_or_else(|| panic!("{cmd:?} did not finish within {limit:?} and was killed"));
    Output {
        status,
        stdout: stdout.join().expect("stdout"),
        stderr: stderr.join().expect("stderr"),
    }
}

/// `Command::output` with [`COMMAND_TIMEOUT`].
pub trait OutputWithin {
    fn output_within_limit(&mut self) -> Output;
}

impl OutputWithin for std::process::Command {
    fn output_within_limit(&mut self) -> Output {
        output_within(self, COMMAND_TIMEOUT)
    }
}

/// Waits for a child for at most `limit`; if it is still running then, kills it and returns
/// `None`.
pub fn wait_within(child: &mut Child, limit: Duration) -> Option<ExitStatus> {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            return Some(status);
        }
        if start.elapsed() >= limit {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
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
/// in `.ci/run`) a missing tool is a failure. Elsewhere the tests that need it are marked
/// `#[ignore = "needs TOOL"]` and run with `--include-ignored` (as `.ci/run` does), so a
/// missing tool shows as a test not run, never as one passed: called from such a test, this
/// fails when the tool is missing.
pub fn require_tool(name: &str) {
    let found = std::process::Command::new(name)
        .arg("-V")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok();
    assert!(
        found,
        "{name} is not installed; this test needs it (install it, or leave the test ignored)"
    );
}

/// Runs a tool (within [`COMMAND_TIMEOUT`]) and returns its standard output.
pub fn tool_output(name: &str, args: &[&str]) -> String {
    let out = output_within(std::process::Command::new(name).args(args), COMMAND_TIMEOUT);
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
