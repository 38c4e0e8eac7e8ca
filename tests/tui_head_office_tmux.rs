//! A site open in the TUI shows its head office's answers as they are now: an answer given to
//! the head office in another window appears at the site's next key, marked as inherited.

#![cfg(unix)]

mod common;

use common::tmux::Tmux;
use common::{Sandbox, safe_text};

fn ok(s: &Sandbox, args: &[&str]) {
    let out = s.cmd().args(args).output().expect("runs");
    assert!(out.status.success(), "{args:?}: {}", safe_text(&out.stderr));
}

#[test]
#[ignore = "needs tmux: run with `cargo test -- --include-ignored`, as CI does"]
fn a_site_sees_its_head_office_answer_given_in_another_window() {
    let s = Sandbox::new();
    ok(&s, &["new", "--org", "Oak Group", "--head-office"]);
    ok(
        &s,
        &[
            "new",
            "--org",
            "Oak Group",
            "--site",
            "North",
            "--inherit-from",
            "oak-group",
        ],
    );
    let tmux = Tmux::start_sized("head", &s, "", (80, 24));
    let screen = tmux.wait_for("1.1.1 ICO registration");
    assert!(screen.contains("Oak Group · North"), "{screen}");
    assert!(!screen.contains("inherited"), "{screen}");
    // Meanwhile, in another window: the head office answers 1.1.1.
    ok(
        &s,
        &[
            "answer",
            "-a",
            "oak-group",
            "1.1.1",
            "yes",
            "--value",
            "ZA999999",
        ],
    );
    tmux.keys(&["j"]);
    let screen = tmux.wait_for("inherited from");
    let lines: Vec<&str> = screen.lines().collect();
    assert_eq!(
        lines[0], " carecheck Oak Group · North · 2026-27                            1/50 answered",
        "{screen}"
    );
    assert_eq!(
        lines[15],
        "│✓ Yes   ↓ inherited from Oak Group head office; answer here to override for   │",
        "{screen}"
    );
    assert_eq!(
        lines[21..23],
        [
            " The head office's answers changed in another window: shown here as they are",
            " now.",
        ],
        "{screen}"
    );
    tmux.keys(&["q"]);
    tmux.wait_for("EXITED:0");
}
