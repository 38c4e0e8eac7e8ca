//! Helpers shared by the integration tests. Every run of the binary gets its own temporary data
//! directory, so no test ever touches the real user's files.

#![allow(dead_code, reason = "each test binary uses a different subset")]

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

    pub fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("carecheck").expect("binary built");
        cmd.env("CARECHECK_DATA_DIR", self.dir.path())
            .env_remove("NO_COLOR")
            .current_dir(fixtures());
        cmd
    }
}

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Output as text, asserting it carries no raw escape or other control character.
pub fn safe_text(bytes: &[u8]) -> String {
    let text = String::from_utf8(bytes.to_vec()).expect("output is UTF-8");
    if let Some(c) = text.chars().find(|&c| c.is_control() && c != '\n') {
        panic!("raw control character {c:?} in output:\n{text}");
    }
    text
}
