//! The real binary in a real terminal (tmux): first launch to answers on disk, and the terminal
//! restored afterwards, even after a panic. `.ci/run` installs tmux; elsewhere the test skips
//! with a notice when tmux is missing (and fails under CI=true, so CI cannot skip it).

#![cfg(unix)]

mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::{Sandbox, status_json};

struct Tmux {
    socket: String,
}

impl Tmux {
    /// Starts `command` in a fresh tmux server of 100×30, keeping the pane after it exits.
    fn start(name: &str, data_dir: &Path, extra_env: &str) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            assert_ne!(
                std::env::var("CI").as_deref(),
                Ok("true"),
                "tmux is required under CI"
            );
            eprintln!("tmux not installed: skipping the terminal test (CI installs it)");
            return None;
        }
        let socket = format!("carecheck-test-{name}-{}", std::process::id());
        let bin = assert_cmd::cargo::cargo_bin("carecheck");
        // After carecheck exits, print its exit code and the terminal mode, so the test can
        // see the terminal was restored (cooked mode: `icanon` and `echo`, not `-icanon`).
        let script = format!(
            "cd '{0}' && {extra_env} CARECHECK_DATA_DIR='{0}' '{1}'; echo EXITED:$?; stty -a | tr ' ' '\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '; echo; sleep 60",
            data_dir.display(),
            bin.display(),
        );
        let status = Command::new("tmux")
            .args([
                "-L",
                &socket,
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-s",
                "t",
                "-x",
                "100",
                "-y",
                "30",
                "sh",
                "-c",
                &script,
            ])
            .env_remove("TMUX")
            .status()
            .expect("tmux runs");
        assert!(status.success());
        Some(Tmux { socket })
    }

    fn keys(&self, keys: &[&str]) {
        for key in keys {
            let status = Command::new("tmux")
                .args(["-L", &self.socket, "send-keys", "-t", "t", key])
                .status()
                .expect("send-keys");
            assert!(status.success());
            // Give the program a moment to draw, as a person typing would.
            std::thread::sleep(Duration::from_millis(40));
        }
    }

    fn text(&self, text: &str) {
        let status = Command::new("tmux")
            .args(["-L", &self.socket, "send-keys", "-t", "t", "-l", text])
            .status()
            .expect("send-keys");
        assert!(status.success());
        std::thread::sleep(Duration::from_millis(40));
    }

    fn screen(&self) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket, "capture-pane", "-p", "-t", "t"])
            .output()
            .expect("capture");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Waits until the screen shows `text`, failing with the screen after 10 seconds.
    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "timed out waiting for {text:?}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .status();
    }
}

/// The terminal is back in normal (cooked, echoing) mode.
fn assert_restored(screen: &str) {
    let modes = screen
        .lines()
        .find(|l| l.contains("icanon"))
        .unwrap_or_else(|| panic!("no stty output:\n{screen}"));
    assert!(
        modes.contains("icanon") && !modes.contains("-icanon"),
        "still raw: {modes}"
    );
    assert!(
        modes.split_whitespace().any(|m| m == "echo"),
        "echo off: {modes}"
    );
    assert!(
        !screen.contains("What next") && !screen.contains("Your answer"),
        "TUI left on screen:\n{screen}"
    );
}

#[test]
fn first_launch_to_answers_on_disk_and_back() {
    let sandbox = Sandbox::new();
    let Some(tmux) = Tmux::start("e2e", sandbox.path(), "") else {
        return;
    };
    tmux.wait_for("New assessment");
    tmux.text("Oak House");
    tmux.keys(&["Tab"]);
    tmux.text("North");
    tmux.keys(&["Tab"]);
    tmux.text("Sam Auditor");
    tmux.keys(&["Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "Enter"]);
    tmux.wait_for("1.1.1 ICO registration");
    tmux.keys(&["v"]);
    tmux.text("ZA123456");
    tmux.keys(&["Enter", "y"]);
    tmux.wait_for("1.1.2 Record of the personal data");
    tmux.keys(&["e"]);
    tmux.text("Register kept in the office");
    tmux.keys(&["Escape"]);
    tmux.wait_for("Note: Register kept in the office");
    tmux.keys(&["p"]);
    tmux.wait_for("1.1.3 Privacy notices");
    tmux.keys(&["n", "R"]);
    tmux.wait_for("pages) to");
    let reports: Vec<_> = std::fs::read_dir(sandbox.path())
        .expect("dir")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".pdf"))
        .collect();
    assert_eq!(
        reports.len(),
        1,
        "the evidence pack was written where carecheck was started"
    );
    tmux.keys(&["q"]);
    let screen = tmux.wait_for("EXITED:0");
    assert_restored(&screen);
    drop(tmux);

    let json = status_json(&sandbox, "oak-house-north");
    assert_eq!(json["assessor"], "Sam Auditor");
    let answers = &json["answers"];
    assert_eq!(answers["dspt-social-care:1.1.1"]["status"], "yes");
    assert_eq!(answers["dspt-social-care:1.1.1"]["value"], "ZA123456");
    assert_eq!(answers["dspt-social-care:1.1.2"]["status"], "partial");
    assert_eq!(
        answers["dspt-social-care:1.1.2"]["note"],
        "Register kept in the office"
    );
    assert_eq!(answers["dspt-social-care:1.1.3"]["status"], "no");
    assert_eq!(answers.as_object().map(serde_json::Map::len), Some(3));

    // A second launch reopens the same assessment at the overview.
    let tmux = Tmux::start("e2e-again", sandbox.path(), "").expect("tmux");
    let screen = tmux.wait_for("What next");
    assert!(
        screen.contains("Oak House · North  3/50 answered"),
        "{screen}"
    );
    tmux.keys(&["q"]);
    assert_restored(&tmux.wait_for("EXITED:0"));
}

#[test]
fn a_panic_restores_the_terminal_and_keeps_every_answer() {
    let sandbox = Sandbox::new();
    let Some(tmux) = Tmux::start("panic", sandbox.path(), "CARECHECK_TEST_HOOKS=1") else {
        return;
    };
    tmux.wait_for("New assessment");
    tmux.text("Panic Care");
    tmux.keys(&[
        "Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "Enter",
    ]);
    tmux.wait_for("1.1.1 ICO registration");
    tmux.keys(&["n"]);
    tmux.wait_for("1.1.2 Record");
    tmux.keys(&["F12"]);
    let screen = tmux.wait_for("EXITED:");
    assert!(
        screen.contains("EXITED:101"),
        "a panic exits with 101:\n{screen}"
    );
    assert!(
        screen.contains("debug panic requested"),
        "the panic message is visible:\n{screen}"
    );
    assert_restored(&screen);
    drop(tmux);
    assert_eq!(
        status_json(&sandbox, "panic-care")["answers"]["dspt-social-care:1.1.1"]["status"],
        "no"
    );
}
