//! Year two end to end in a real terminal (tmux, 80×24): renew last year's assessment from the
//! picker, confirm three carried-forward answers with single keys, and see `carecheck status`
//! count them as confirmed. Skips with a notice when tmux is missing (and fails under CI).

#![cfg(unix)]

mod common;

use common::tmux::Tmux;
use common::{Sandbox, safe_text, status_json};

fn ok_on(s: &Sandbox, day: &str, args: &[&str]) -> String {
    let output = s
        .cmd()
        .env("CARECHECK_TODAY", day)
        .args(args)
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{args:?}: {}",
        safe_text(&output.stderr)
    );
    safe_text(&output.stdout)
}

#[test]
#[ignore = "needs tmux: run with `cargo test -- --include-ignored`, as CI does"]
fn renew_from_the_picker_and_confirm_three_answers_with_single_keys() {
    common::require_tool("tmux");
    let s = Sandbox::new();
    let last_year = "2025-11-20";
    ok_on(&s, last_year, &["new", "--org", "Rowan House"]);
    // Yes to items that ask no value: a carried Yes missing its value cannot be confirmed.
    for (item, status) in [
        ("1.1.3", "yes"),
        ("1.1.5", "yes"),
        ("1.1.6", "yes"),
        ("1.3.2", "no"),
    ] {
        ok_on(&s, last_year, &["answer", item, status]);
    }

    let tmux = Tmux::start_sized("year", &s, "CARECHECK_TODAY=2026-11-28", (80, 24));
    tmux.wait_for("What next");
    tmux.keys(&["A"]);
    tmux.wait_for("Rowan House");
    tmux.keys(&["Y"]);
    tmux.wait_for("Renew for this year?");
    tmux.keys(&["Y"]);
    let screen = tmux.wait_for("0 of 4 confirmed");
    assert!(screen.contains("1.1.3"), "{screen}");
    assert!(screen.contains("Last year: Yes"), "{screen}");
    tmux.keys(&["y", "y"]);
    tmux.wait_for("2 of 4 confirmed");
    // One skipped, the third confirmed.
    tmux.keys(&["s", "y"]);
    let screen = tmux.wait_for("3 of 4 confirmed");
    assert!(screen.contains("all seen"), "{screen}");
    tmux.keys(&["Escape"]);
    tmux.wait_for("1 carried-forward answer to confirm");
    tmux.keys(&["q"]);
    tmux.wait_for("EXITED:0");
    drop(tmux);

    // status exits 1 while a level is not reached; what it says is what matters here.
    let output = s
        .cmd()
        .args(["status", "-a", "rowan-house-2"])
        .output()
        .expect("runs");
    let status = safe_text(&output.stdout);
    assert!(
        status.contains(
            "Carried forward from last year: 1 to confirm (they count as met only once confirmed, with `carecheck confirm ITEM`), 0 gaps carried forward (still gaps until answered again), 3 confirmed or answered this time."
        ),
        "{status}"
    );
    let json = status_json(&s, "rowan-house-2");
    assert_eq!(json["previous"], "rowan-house");
    assert_eq!(
        json["carried"],
        serde_json::json!(["dspt-social-care:1.1.6"])
    );
    assert_eq!(
        json["answers"]["dspt-social-care:1.1.3"]["carried"],
        serde_json::Value::Null
    );
    assert_eq!(json["answers"]["dspt-social-care:1.3.2"]["status"], "no");
}
