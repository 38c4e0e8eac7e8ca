//! A supplier's contract dates (end, renewal, last day to give notice), with a reminder before
//! the notice date through the one reminders rule, and the supplier questions covering the
//! UK GDPR Article 28 terms (audit, staff confidentiality, help with people's requests).

mod common;

use common::{Sandbox, parse_csv};

fn on(s: &Sandbox, day: &str, args: &[&str]) -> (i32, String, String) {
    let output = s
        .cmd()
        .env("CARECHECK_TODAY", day)
        .args(args)
        .output()
        .expect("runs");
    (
        output.status.code().unwrap_or(-1),
        common::safe_text(&output.stdout),
        common::safe_text(&output.stderr),
    )
}

/// An assessment with one supplier whose contract renews on 01/04/2027, with notice due by
/// 01/01/2027 and a fixed end on 31/03/2027.
fn with_supplier() -> Sandbox {
    let s = Sandbox::new();
    let (code, _, err) = on(&s, "2026-11-28", &["new", "--org", "Oak House"]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = on(
        &s,
        "2026-11-28",
        &[
            "supplier",
            "add",
            "Acme Records",
            "--contract",
            "yes",
            "--contract-ends",
            "31/03/2027",
            "--renews",
            "01/04/2027",
            "--notice-by",
            "01/01/2027",
            "--reviewed",
            "01/11/2026",
        ],
    );
    assert_eq!(code, 0, "{err}");
    s
}

/// The reminder lines `supplier list` prints on `day`.
fn reminders(s: &Sandbox, day: &str) -> Vec<String> {
    let (code, out, err) = on(s, day, &["supplier", "list"]);
    assert_eq!(code, 0, "{err}");
    out.lines()
        .skip_while(|l| *l != "Reminders:")
        .skip(1)
        .map(str::to_owned)
        .collect()
}

#[test]
fn show_lists_the_contract_dates_after_the_agreements() {
    let s = with_supplier();
    let (code, out, err) = on(&s, "2026-11-28", &["supplier", "show", "acme-records"]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.trim_start().starts_with("Data-processing agreement"))
        .expect("agreements");
    assert_eq!(
        lines[at + 1..at + 4],
        [
            "  Contract ends              31/03/2027",
            "  Contract renews            01/04/2027",
            "  Give notice by             01/01/2027",
        ]
    );
}

#[test]
fn a_reminder_comes_before_the_notice_date_and_not_after_it() {
    let s = with_supplier();
    // 61 days before: nothing yet.
    assert_eq!(reminders(&s, "2026-11-01"), Vec::<String>::new());
    assert_eq!(
        reminders(&s, "2026-11-02"),
        [
            "  Acme Records: the last day to give notice on the contract is 01/01/2027 (in 60 days); it renews on 01/04/2027"
        ]
    );
    assert_eq!(
        reminders(&s, "2026-12-31"),
        [
            "  Acme Records: the last day to give notice on the contract is 01/01/2027 (in 1 day); it renews on 01/04/2027"
        ]
    );
    assert_eq!(
        reminders(&s, "2027-01-01"),
        [
            "  Acme Records: the last day to give notice on the contract is 01/01/2027 (today); it renews on 01/04/2027"
        ]
    );
    // The notice date gone, the fixed end not yet near: nothing to do.
    assert_eq!(reminders(&s, "2027-01-02"), Vec::<String>::new());
    assert_eq!(
        reminders(&s, "2027-01-30"),
        ["  Acme Records: the contract ends on 31/03/2027 (in 60 days)"]
    );
    assert_eq!(
        reminders(&s, "2027-04-01"),
        ["  Acme Records: the contract ended on 31/03/2027"]
    );
}

#[test]
fn a_notice_date_after_the_end_is_refused_and_nothing_is_saved() {
    let s = with_supplier();
    let (code, out, err) = on(
        &s,
        "2026-11-28",
        &[
            "supplier",
            "edit",
            "acme-records",
            "--notice-by",
            "2027-05-01",
        ],
    );
    assert_eq!(code, 1, "{out}");
    assert_eq!(
        err.lines().last(),
        Some(
            "carecheck: --notice-by 01/05/2027 is after the contract ends (31/03/2027); nothing was saved"
        ),
        "{err}"
    );
    let (_, shown, _) = on(&s, "2026-11-28", &["supplier", "show", "acme-records"]);
    assert!(
        shown
            .lines()
            .any(|l| l == "  Give notice by             01/01/2027"),
        "{shown}"
    );
    // Cleared together, and the lines go with them.
    let (code, _, err) = on(
        &s,
        "2026-11-28",
        &[
            "supplier",
            "edit",
            "acme-records",
            "--clear",
            "contract-dates",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let (_, shown, _) = on(&s, "2026-11-28", &["supplier", "show", "acme-records"]);
    assert!(!shown.contains("Contract ends"), "{shown}");
    assert!(!shown.contains("Give notice by"), "{shown}");
}

#[test]
fn the_csv_export_carries_the_dates_and_the_reminder() {
    let s = with_supplier();
    let (code, out, err) = on(&s, "2026-12-07", &["export", "--suppliers"]);
    assert_eq!(code, 0, "{err}");
    let rows = parse_csv(out.trim_start_matches('\u{FEFF}'));
    let col = |name: &str| rows[0].iter().position(|h| h == name).expect(name);
    assert_eq!(rows[1][col("contract_ends")], "2027-03-31");
    assert_eq!(rows[1][col("contract_renews")], "2027-04-01");
    assert_eq!(rows[1][col("notice_by")], "2027-01-01");
    assert_eq!(
        rows[1][col("reminders")],
        "Acme Records: the last day to give notice on the contract is 01/01/2027 (in 25 days); it renews on 01/04/2027"
    );
}

#[test]
fn the_supplier_questions_ask_for_the_article_28_terms_that_were_missing() {
    let s = with_supplier();
    let (code, out, err) = on(&s, "2026-11-28", &["supplier", "ask", "acme-records"]);
    assert_eq!(code, 0, "{err}");
    let titles: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("[SQ-"))
        .map(|l| l.split_once(". ").map_or(l, |(_, t)| t))
        .collect();
    for expected in [
        "Only what we ask you to do with our data [SQ-INSTRUCTIONS]",
        "Your staff keep our data confidential [SQ-STAFF-CONFIDENTIALITY]",
        "Help when people ask about their data [SQ-PEOPLES-REQUESTS]",
        "We can check what you do [SQ-AUDIT]",
        "When the contract ends or renews [SQ-CONTRACT-TERM]",
    ] {
        assert!(titles.contains(&expected), "{expected} missing: {titles:?}");
    }
}
