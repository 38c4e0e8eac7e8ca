//! The registers end to end in a real 80×24 terminal (tmux): a manager adds a supplier whose
//! Cyber Essentials certificate expires within 60 days, sees the reminder on the supplier
//! screen and counted on the overview, adds the starter risks with one key, and the records
//! are there afterwards for the command line. Skips with a notice when tmux is missing (and
//! fails under CI=true, so CI cannot skip it).

#![cfg(unix)]

mod common;

use std::time::Duration;

use common::tmux::Tmux;
use common::{Sandbox, safe_text};

fn run(s: &Sandbox, args: &[&str]) -> (i32, String) {
    let output = s
        .cmd()
        .env("CARECHECK_TODAY", "2026-11-28")
        .timeout(Duration::from_secs(60))
        .args(args)
        .output()
        .expect("runs");
    (
        output.status.code().unwrap_or(-1),
        safe_text(&output.stdout) + &safe_text(&output.stderr),
    )
}

#[test]
#[ignore = "needs tmux: run with `cargo test -- --include-ignored`, as CI does"]
fn add_a_supplier_with_an_expiring_certificate_and_see_the_reminder() {
    common::require_tool("tmux");
    let s = Sandbox::new();
    let (code, out) = run(&s, &["new", "--org", "Rowan House"]);
    assert_eq!(code, 0, "{out}");
    let tmux = Tmux::start_sized("registers", &s, "CARECHECK_TODAY=2026-11-28", (80, 24));
    tmux.wait_for("1.1.1 ICO registration");
    tmux.keys(&["s"]);
    let overview = tmux.wait_for("Suppliers: 0 · Risks: 0 (0 high) · Reminders: 0");
    assert!(overview.contains("What next"), "{overview}");
    tmux.keys(&["S"]);
    tmux.wait_for("No suppliers recorded yet");
    tmux.keys(&["a"]);
    tmux.wait_for("New supplier");
    tmux.text("Acme Care Records Ltd");
    tmux.keys(&["Tab"]);
    tmux.text("care records, emar");
    tmux.keys(&["Tab", "y", "Tab", "Space", "Tab"]);
    tmux.text("1/4/2025");
    tmux.keys(&["Tab"]);
    tmux.text("yes");
    tmux.keys(&["Tab", "Space", "Tab"]);
    tmux.text("CE-777");
    tmux.keys(&["Tab"]);
    tmux.text("10/01/2027");
    tmux.keys(&["C-s"]);
    let list = tmux.wait_for("Saved Acme Care Records Ltd.");
    assert!(
        list.contains("Cyber Essentials certificate expires on 10/01/2027"),
        "{list}"
    );
    assert!(list.contains("01/04/2025"), "{list}");
    // The overview counts the reminders: the certificate, and a review never recorded.
    tmux.keys(&["Escape"]);
    tmux.wait_for("Reminders: 2");
    // The starter risks with one key, from the risk register.
    tmux.keys(&["K"]);
    tmux.wait_for("No risks yet");
    tmux.keys(&["T"]);
    let risks = tmux.wait_for("starter risks. The scores are suggestions");
    assert!(risks.contains("Phishing and payment fraud"), "{risks}");
    // X writes both registers as CSV beside the answers.
    tmux.keys(&["s", "X"]);
    tmux.wait_for("Exported");
    let written: Vec<String> = std::fs::read_dir(s.outputs.path())
        .expect("outputs")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    for kind in ["suppliers", "risks", "answers", "actions"] {
        assert!(
            written
                .iter()
                .any(|n| n.contains(kind) && n.ends_with(".csv")),
            "{kind}: {written:?}"
        );
    }
    // And every dated duty as a calendar, as `export --calendar` writes it.
    let calendar = written
        .iter()
        .find(|n| n.contains("duties") && n.ends_with(".ics"))
        .unwrap_or_else(|| panic!("no calendar: {written:?}"));
    let ics = std::fs::read_to_string(s.outputs.path().join(calendar)).expect("calendar");
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"), "{ics}");
    assert!(
        ics.contains("SUMMARY:Acme Care Records Ltd: Cyber Essentials certificate expires"),
        "{ics}"
    );
    tmux.keys(&["q"]);
    tmux.wait_for("EXITED:0");
    drop(tmux);

    // Everything typed survived, for the command line too.
    let (code, list) = run(&s, &["supplier", "list"]);
    assert_eq!(code, 0, "{list}");
    assert!(list.contains("acme-care-records-ltd"), "{list}");
    assert!(
        list.contains(
            "Acme Care Records Ltd: Cyber Essentials certificate expires on 10/01/2027 (in 43 days)"
        ),
        "{list}"
    );
    let (_, shown) = run(&s, &["supplier", "show", "acme"]);
    assert!(
        shown.contains("Cyber Essentials no. CE-777, expires 10/01/2027"),
        "{shown}"
    );
    assert!(shown.contains("in place, dated 01/04/2025"), "{shown}");
    let (_, risks) = run(&s, &["risk", "list"]);
    assert!(risks.contains("Phishing and payment fraud"), "{risks}");
    // A reminder is due, so status says so in its exit code.
    let (code, status) = run(&s, &["status"]);
    assert_eq!(code, 1, "{status}");
}
