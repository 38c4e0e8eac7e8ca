//! The continuity plan end to end in a real terminal (tmux): build a small plan on the command
//! line, see it in the TUI's plan screen, and print the one-page card. Skips with a notice when
//! tmux is missing (and fails under CI=true, so CI cannot skip it).

#![cfg(unix)]

mod common;

use std::time::Duration;

use common::tmux::Tmux;
use common::{Sandbox, safe_text, tool_output};

fn ok(s: &Sandbox, args: &[&str]) {
    let output = s
        .cmd()
        .env("CARECHECK_TODAY", "2026-11-28")
        .timeout(Duration::from_secs(60))
        .args(args)
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{args:?}: {}",
        safe_text(&output.stderr)
    );
}

#[test]
#[ignore = "needs tmux and pdfinfo: run with `cargo test -- --include-ignored`, as CI does"]
fn build_a_small_plan_see_it_in_the_terminal_and_print_the_card() {
    common::require_tool("tmux");
    let s = Sandbox::new();
    ok(&s, &["new", "--org", "Rowan House"]);
    ok(
        &s,
        &[
            "plan",
            "contact",
            "add",
            "--role",
            "on-call-manager",
            "--name",
            "Priya Shah",
            "--phone",
            "07700 900123",
        ],
    );
    ok(
        &s,
        &[
            "plan",
            "exercise",
            "add",
            "--date",
            "02/11/2026",
            "--scenario",
            "Ransomware screen on the office PC",
        ],
    );
    let tmux = Tmux::start("plan", &s, "CARECHECK_TODAY=2026-11-28");
    // A fresh assessment opens at its first item; P opens the plan from there.
    tmux.wait_for("1.1.1 ICO registration");
    tmux.keys(&["P"]);
    let screen = tmux.wait_for("Continuity plan last tested 02/11/2026");
    assert!(screen.contains("07700 900123"), "{screen}");
    assert!(screen.contains("0303 123 1113"), "{screen}");
    tmux.keys(&["Escape", "q"]);
    tmux.wait_for("EXITED:0");
    drop(tmux);

    common::require_tool("pdfinfo");
    let card = s.out("card.pdf");
    ok(
        &s,
        &["report", "--incident-card", "-o", &card.to_string_lossy()],
    );
    let info = tool_output("pdfinfo", &[&card.to_string_lossy()]);
    assert!(info.contains("Pages:           1"), "{info}");
}
