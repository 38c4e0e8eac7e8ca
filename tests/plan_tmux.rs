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
    // Both sides of one sheet: the six incidents do not fit beside the numbers in type a
    // night senior can read.
    let info = tool_output("pdfinfo", &[&card.to_string_lossy()]);
    assert!(info.contains("Pages:           2"), "{info}");
}

/// A new user builds a small plan in the screens at 80×24 (a contact, a service, an exercise)
/// by following the walk through what is missing, then prints the card from the plan screen.
#[test]
#[ignore = "needs tmux, pdfinfo and pdftotext: run with `cargo test -- --include-ignored`, as CI does"]
fn build_a_small_plan_in_the_screens_and_print_the_card_from_them() {
    common::require_tool("tmux");
    common::require_tool("pdfinfo");
    common::require_tool("pdftotext");
    let s = Sandbox::new();
    ok(&s, &["new", "--org", "Rowan House"]);
    let tmux = Tmux::start_sized("plan-build", &s, "CARECHECK_TODAY=2026-11-28", (80, 24));
    tmux.wait_for("1.1.1 ICO registration");
    tmux.keys(&["P"]);
    tmux.wait_for("12 parts missing");
    // n opens the first missing part: who decides.
    tmux.keys(&["n"]);
    tmux.wait_for("New contact: Who decides");
    tmux.text("Priya Shah");
    tmux.keys(&["Enter"]);
    tmux.text("07700 900123");
    tmux.keys(&["C-s"]);
    // Saved, and the walk goes on to the next missing part; Esc stops it, n skips on.
    tmux.wait_for("New contact: Manager on call");
    tmux.keys(&["Escape"]);
    for next in [
        "New contact: IT support",
        // Not an essential role, but the data-breach incident rings one.
        "New contact: Data protection lead",
        "New contact: Bank",
        "New contact: Insurer's incident line",
        "New contact: Local authority",
        "New contact: Integrated care board",
        "New contact: Supplier helpdesk",
    ] {
        tmux.keys(&["n"]);
        tmux.wait_for(next);
        tmux.keys(&["Escape"]);
    }
    tmux.keys(&["n"]);
    tmux.wait_for("Service: Digital care records");
    tmux.text("About 4 hours");
    tmux.keys(&["C-s"]);
    tmux.wait_for("Added service: Digital care records.");
    tmux.keys(&["Escape", "n"]);
    tmux.wait_for("Record an exercise");
    tmux.text("Ransomware screen on the office PC");
    tmux.keys(&["Enter"]);
    tmux.text("Priya Shah, night seniors");
    tmux.keys(&["Enter"]);
    tmux.text("The card was out of date");
    tmux.keys(&["Enter"]);
    tmux.text("Reprint the card; Test again in May");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Recorded exercise E1 on 28/11/2026");
    tmux.keys(&["Escape"]);
    let screen = tmux.wait_for("Continuity plan last tested 28/11/2026");
    assert!(screen.contains("07700 900123"), "{screen}");
    tmux.keys(&["p"]);
    let screen = tmux.wait_for("Wrote rowan-house-incident-card-2026-11-28.pdf (2 pages)");
    assert!(
        !screen.contains(&s.path().display().to_string()),
        "written outside the data folder: {screen}"
    );
    tmux.keys(&["q"]);
    tmux.wait_for("EXITED:0");
    drop(tmux);

    let card = s.out("rowan-house-incident-card-2026-11-28.pdf");
    let info = tool_output("pdfinfo", &[&card.to_string_lossy()]);
    assert!(info.contains("Pages:           2"), "{info}");
    let text = tool_output("pdftotext", &["-layout", &card.to_string_lossy(), "-"]);
    assert!(text.contains("07700 900123"), "{text}");
    assert!(text.contains("Priya Shah"), "{text}");
    assert!(s.out("rowan-house-continuity-plan-2026-11-28.pdf").exists());
    // What the screens recorded is what the command line sees.
    let output = s
        .cmd()
        .env("CARECHECK_TODAY", "2026-11-28")
        .args(["plan", "show"])
        .output()
        .expect("runs");
    let shown = safe_text(&output.stdout);
    assert!(
        shown.contains("how long without it: About 4 hours"),
        "{shown}"
    );
    assert!(shown.contains("action: Reprint the card"), "{shown}");
    assert!(shown.contains("action: Test again in May"), "{shown}");
}
