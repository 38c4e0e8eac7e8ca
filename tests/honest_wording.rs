//! Printed words that claim no more than is known: an overdue action is marked as overdue in
//! the pack's action plan and its CSV, named documents are not said to have been re-read, the
//! continuity plan shows the answer to the item it is evidence for, and paper carries no
//! command-line syntax. Dates are pinned with CARECHECK_TODAY (tests/common: 28/11/2026).

mod common;

use common::{Sandbox, parse_csv, run};

fn ok(s: &Sandbox, args: &[&str]) -> String {
    let (code, out, err) = run(s, args);
    assert_eq!(code, 0, "{args:?}: {err}");
    out
}

/// A DSPT assessment with one action past its due date, one due later and one done late.
fn with_actions(s: &Sandbox) {
    ok(
        s,
        &[
            "new",
            "--org",
            "Sunnyside Care",
            "--checklist",
            "dspt-social-care",
        ],
    );
    for (item, due, status) in [
        ("4.5.3", "2026-11-01", "open"),
        ("1.1.2", "2027-01-31", "open"),
        ("3.2.1", "2026-10-01", "done"),
    ] {
        ok(
            s,
            &[
                "answer",
                item,
                "no",
                "--action",
                "Close the gap",
                "--due",
                due,
                "--action-status",
                status,
            ],
        );
    }
}

fn pdf_text(path: &std::path::Path) -> String {
    let p = path.to_string_lossy().into_owned();
    common::tool_output("pdftotext", &[&p, "-"])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_actions_csv_marks_an_action_past_its_due_date_and_not_done() {
    let s = Sandbox::new();
    with_actions(&s);
    let csv = ok(&s, &["export", "--actions"]);
    let rows = parse_csv(csv.trim_start_matches('\u{feff}'));
    let col = |name: &str| rows[0].iter().position(|h| h == name).expect(name);
    let overdue = |item: &str| {
        rows.iter()
            .find(|r| r[col("item")] == item)
            .map(|r| r[col("overdue")].clone())
            .expect(item)
    };
    assert_eq!(overdue("4.5.3"), "overdue", "due 01/11/2026, still open");
    assert_eq!(overdue("1.1.2"), "", "due next year");
    assert_eq!(overdue("3.2.1"), "", "done, so never overdue");
}

#[test]
#[ignore = "needs poppler: run with cargo test -- --include-ignored, as CI does"]
fn the_packs_action_plan_says_overdue_beside_the_due_date() {
    common::require_tool("pdftotext");
    let s = Sandbox::new();
    with_actions(&s);
    let path = s.out("pack.pdf");
    ok(&s, &["report", "-o", &path.to_string_lossy()]);
    let text = pdf_text(&path);
    // The due cell reads "01/11/2026 overdue"; the status cell ("Open") may come between.
    let at = text
        .find("01/11/2026")
        .unwrap_or_else(|| panic!("no due date 01/11/2026:\n{text}"));
    let after: String = text[at..].chars().take(40).collect();
    assert!(after.contains("overdue"), "{after}");
    assert_eq!(text.matches("overdue").count(), 1, "only 4.5.3:\n{text}");
}

#[test]
#[ignore = "needs poppler: run with cargo test -- --include-ignored, as CI does"]
fn a_renewal_unbundled_without_its_previous_says_there_is_no_comparison() {
    common::require_tool("pdftotext");
    let home = Sandbox::new();
    ok(
        &home,
        &[
            "new",
            "--org",
            "Oak Care",
            "--checklist",
            "dspt-social-care",
        ],
    );
    ok(&home, &["renew", "--force", "-a", "oak-care"]);
    let bundle = home.out("oak-care-2.ccbundle");
    ok(
        &home,
        &[
            "bundle",
            "-a",
            "oak-care-2",
            "-o",
            &bundle.to_string_lossy(),
        ],
    );
    let away = Sandbox::new();
    ok(&away, &["unbundle", &bundle.to_string_lossy()]);
    let path = away.out("pack.pdf");
    ok(
        &away,
        &["report", "-a", "oak-care-2", "-o", &path.to_string_lossy()],
    );
    let text = pdf_text(&path);
    assert!(
        text.contains("Since the last assessment Renewed from oak-care; that assessment is not in this copy of carecheck, so there is no comparison with it."),
        "{text}"
    );
}

#[test]
#[ignore = "needs poppler: run with cargo test -- --include-ignored, as CI does"]
fn the_continuity_plan_shows_the_answer_to_each_item_it_is_evidence_for() {
    common::require_tool("pdftotext");
    let s = Sandbox::new();
    ok(
        &s,
        &[
            "new",
            "--org",
            "Oak Care",
            "--checklist",
            "dspt-social-care",
        ],
    );
    ok(
        &s,
        &[
            "plan",
            "contact",
            "add",
            "--role",
            "decides",
            "--name",
            "Jo Bloggs",
            "--phone",
            "01632 960000",
        ],
    );
    ok(
        &s,
        &[
            "answer",
            "7.1.2",
            "partial",
            "--note",
            "Plan exists but does not cover ransomware",
        ],
    );
    ok(&s, &["supplier", "add", "BT Business", "--critical", "yes"]);
    for (flag, name) in [
        ("--continuity-plan", "plan.pdf"),
        ("--registers", "registers.pdf"),
        ("", "pack.pdf"),
    ] {
        let path = s.out(name);
        let p = path.to_string_lossy().into_owned();
        let mut args = vec!["report", "-o", &p];
        if !flag.is_empty() {
            args.push(flag);
        }
        ok(&s, &args);
        let text = pdf_text(&path);
        if name != "registers.pdf" {
            assert!(
                !text.contains("the continuity plan covers cyber incidents"),
                "{name}: {text}"
            );
            assert!(
                text.contains("7.1.2: a continuity plan that covers cyber incidents · This assessment: answered Partial (not met: only partly in place). Note: Plan exists but does not cover ransomware."),
                "{name}: {text}"
            );
            assert!(
                text.contains("7.2.1: a test of the plan (the latest exercise in section 5) · This assessment: not answered yet."),
                "{name}: {text}"
            );
        }
        // Paper names no command: the reminders and hints say what to do in words.
        for command in [
            "`carecheck",
            "carecheck plan",
            "carecheck supplier",
            "--reviewed",
        ] {
            assert!(!text.contains(command), "{name}: {command:?} in {text}");
        }
    }
}

#[test]
#[ignore = "needs poppler: run with cargo test -- --include-ignored, as CI does"]
fn named_documents_alone_are_not_said_to_have_been_read_again() {
    common::require_tool("pdftotext");
    let s = Sandbox::new();
    ok(
        &s,
        &[
            "new",
            "--org",
            "Oak Care",
            "--checklist",
            "dspt-social-care",
        ],
    );
    for (item, document) in [
        ("1.1.2", "Fire folder, office cabinet 2"),
        ("7.3.2", "Contacts sheet on the office wall"),
    ] {
        ok(&s, &["answer", item, "yes", "--document", document]);
    }
    let path = s.out("pack.pdf");
    ok(&s, &["report", "-o", &path.to_string_lossy()]);
    let text = pdf_text(&path);
    assert!(!text.contains("read again"), "{text}");
    assert!(
        text.contains(
            "Evidence: 2 evidence entries recorded: no evidence files; 2 named documents (not files, so not checked)."
        ),
        "cover: {text}"
    );
    assert!(
        text.contains("No evidence files; 2 named documents (not files, so not checked)."),
        "evidence index: {text}"
    );
}
