//! What a new user sees at 80×24: every standard within reach on the overview, every key
//! discoverable from the footer, and copies of one assessment told apart without their ids.

#![cfg(unix)]

mod common;

use common::tmux::Tmux;
use common::{Sandbox, safe_text};

fn ok(s: &Sandbox, today: &str, args: &[&str]) {
    let out = s
        .cmd()
        .env("CARECHECK_TODAY", today)
        .args(args)
        .output()
        .expect("runs");
    assert!(out.status.success(), "{args:?}: {}", safe_text(&out.stderr));
}

/// The screen's line that starts with `start` (after any border), whole.
fn line_starting<'a>(screen: &'a str, start: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.trim_start_matches('│').starts_with(start))
        .unwrap_or_else(|| panic!("no line starting {start:?} in:\n{screen}"))
}

#[test]
#[ignore = "needs tmux: run with `cargo test -- --include-ignored`, as CI does"]
fn the_overview_scrolls_to_every_standard_and_the_footer_says_where_the_other_keys_are() {
    let s = Sandbox::new();
    ok(&s, common::TODAY, &["new", "--org", "Small Screen Care"]);
    let tmux = Tmux::start_sized("overview", &s, "", (80, 24));
    tmux.wait_for("1.1.1 ICO registration");
    tmux.keys(&["s"]);
    let screen = tmux.wait_for("Sections of");
    let lines: Vec<&str> = screen.lines().collect();
    assert_eq!(
        lines[12],
        "┌ Progress ───────────────────────────────────────────────────── ↓ more (PgDn) ┐",
        "{screen}"
    );
    assert!(
        !screen.contains("Standard 10"),
        "not yet in sight:\n{screen}"
    );
    // The harness runs carecheck on the tests' fixed day unless told otherwise.
    assert_eq!(
        lines[21],
        "└ 2026-27: publish by 30/06/2027: 214 days to go; questions provisional ───────┘",
        "{screen}"
    );
    assert_eq!(
        lines[23],
        " Tab unanswered  Enter open  s overview  i items  R report  q quit  ? more keys",
        "{screen}"
    );
    tmux.keys(&["PageDown", "PageDown"]);
    let screen = tmux.wait_for("Standard 10");
    assert_eq!(
        line_starting(&screen, "   ░░░░░░░░░░  0/3  Standard 10"),
        "│   ░░░░░░░░░░  0/3  Standard 10: Accountable suppliers                        │",
        "{screen}"
    );
    assert_eq!(
        screen.lines().nth(12).expect("line"),
        "┌ Progress ───────────────────────────────────────────────────── ↑ more (PgUp) ┐",
        "{screen}"
    );
    // Back up at once: the scroll never runs past the end.
    tmux.keys(&["PageUp", "PageUp"]);
    let screen = tmux.wait_for("↓ more (PgDn)");
    assert!(screen.contains("Data Security and Protection Toolkit: adult soc…"));
    // The wheel over the Progress box scrolls it too (SGR mouse report: wheel down, column
    // 40, row 20).
    for _ in 0..4 {
        tmux.text("\x1b[<65;40;20M");
    }
    tmux.wait_for("Standard 10");
    tmux.keys(&["?"]);
    let help = tmux.wait_for("Keys on this screen (the overview)");
    assert_eq!(
        line_starting(&help, " Y "),
        "│ Y             Renew: start this year's assessment from this one (answers     │",
        "a key the footer had no room for:\n{help}"
    );
    tmux.keys(&["Escape", "q"]);
    tmux.wait_for("EXITED:0");
}

#[test]
#[ignore = "needs tmux: run with `cargo test -- --include-ignored`, as CI does"]
fn copies_of_an_assessment_are_told_apart_by_period_and_origin() {
    let s = Sandbox::new();
    ok(&s, "2025-11-20", &["new", "--org", "Meadowview Care Group"]);
    ok(&s, common::TODAY, &["renew", "-a", "meadowview-care-group"]);
    ok(
        &s,
        common::TODAY,
        &["renew", "-a", "meadowview-care-group", "--force"],
    );
    let tmux = Tmux::start_sized("copies", &s, "", (80, 24));
    let screen = tmux.wait_for("answered");
    assert_eq!(
        screen.lines().next().expect("header"),
        " carecheck Meadowview Care … · 2026-27 · meadowview-care-group-3  0/50 answered",
        "the open copy named whole:\n{screen}"
    );
    tmux.keys(&["A"]);
    let screen = tmux.wait_for("Your assessments");
    let rows: Vec<&str> = screen.lines().skip(2).take(3).collect();
    assert_eq!(
        rows,
        [
            "│ Meadowview Care Gro…  2026-27  0/50 answered  meadowview-care-group-3        │",
            "│                       2026-27  0/50 answered  meadowview-care-group-2        │",
            "│                       2025-26  0/50 answered  meadowview-care-group          │",
        ],
        "{screen}"
    );
    // Last year's, with no copy in its period, says only its period.
    tmux.keys(&["Down", "Down", "Enter"]);
    let screen = tmux.wait_for("2025-26");
    assert_eq!(
        screen.lines().next().expect("header"),
        " carecheck Meadowview Care Group · 2025-26                        0/50 answered",
        "{screen}"
    );
    tmux.keys(&["q"]);
    tmux.wait_for("EXITED:0");
}

#[test]
#[ignore = "needs tmux: run with `cargo test -- --include-ignored`, as CI does"]
fn a_renewed_assessment_says_which_period_it_was_renewed_from() {
    let s = Sandbox::new();
    ok(&s, "2025-11-20", &["new", "--org", "Meadowview Care Group"]);
    ok(&s, common::TODAY, &["renew", "-a", "meadowview-care-group"]);
    let tmux = Tmux::start_sized("renewed", &s, "", (80, 24));
    let screen = tmux.wait_for("answered");
    assert_eq!(
        screen.lines().next().expect("header"),
        " carecheck Meadowview Care Gro… · 2026-27 · renewed from 2025-26  0/50 answered",
        "{screen}"
    );
    tmux.keys(&["q"]);
    tmux.wait_for("EXITED:0");
}
