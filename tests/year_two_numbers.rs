//! The second year says the same numbers and words everywhere: a fully answered assessment
//! renewed on a set day, some answers confirmed and some answered again, then page 1, the
//! comparison page, the item pages, the change log (`--history`), `status --json`,
//! `diff --json` and the roll-up checked field by field against one another.

mod common;

use std::fs;

use common::{Sandbox, TODAY};
use serde_json::{Value, json};

/// Last year's assessment was answered on this day; this year's renewed on the next; the
/// confirmations and new answers made on the third; everything read on the fourth.
const LAST_YEAR: &str = "2026-05-20";
const RENEWED: &str = "2027-05-20";
const CONFIRMED: &str = "2027-05-25";
const READ: &str = "2027-06-10";

/// Seven items, one level. 2.1 asks for a date no older than 12 months: the value given last
/// year was fine then and at the renewal, but has aged by the day the pack is read.
fn checklist() -> String {
    let mut text = String::from(
        r#"format = 1
id = "yn"
title = "Year numbers"
edition = "2026"
publisher = "Test"
source_url = "https://example.org/"
licence = "Test fixture"
summary = "Seven items at one level."

[[levels]]
id = "met"
name = "Met"
description = "All of them."

[[sections]]
id = "s1"
title = "Section one"
"#,
    );
    for id in ["1.1", "2.1", "3.1", "6.3.5", "10.2.1", "10.3.1", "11.1"] {
        let answer = if id == "2.1" {
            "answer = { kind = \"date\", label = \"Last restore test\", max_age_months = 12 }\n"
        } else {
            ""
        };
        text.push_str(&format!(
            "\n[[sections.items]]\nid = \"{id}\"\ntitle = \"Item {id}\"\nquestion = \"Is {id} done?\"\nguidance = \"Do {id}.\"\nlevels = [\"met\"]\n{answer}"
        ));
    }
    text
}

/// Runs carecheck on `day` (not the tests' usual day).
fn run_on(s: &Sandbox, day: &str, args: &[&str]) -> (i32, String, String) {
    let output = s
        .cmd()
        .env("CARECHECK_TODAY", day)
        .args(args)
        .output()
        .expect("runs");
    let err = common::safe_text(&output.stderr);
    assert!(!err.contains("panicked"), "{args:?}: {err}");
    (
        output.status.code().unwrap_or(-1),
        common::safe_text(&output.stdout),
        err,
    )
}

fn ok_on(s: &Sandbox, day: &str, args: &[&str]) -> String {
    let (code, out, err) = run_on(s, day, args);
    assert_eq!(code, 0, "{args:?}: {out}{err}");
    out
}

fn json_on(s: &Sandbox, day: &str, args: &[&str]) -> Value {
    let (_, out, err) = run_on(s, day, args);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: {e}\n{out}\n{err}"))
}

/// Last year fully answered, renewed, two confirmed and two answered again.
fn second_year() -> Sandbox {
    assert_ne!(READ, TODAY, "this test sets its own days");
    let s = Sandbox::new();
    let dir = s.path().join("checklists");
    fs::create_dir_all(&dir).expect("test setup");
    fs::write(dir.join("yn.toml"), checklist()).expect("test setup");
    ok_on(
        &s,
        LAST_YEAR,
        &[
            "new",
            "--org",
            "Yew Care",
            "--checklist",
            "yn",
            "--assessor",
            "Ann Head",
        ],
    );
    for args in [
        vec!["1.1", "yes"],
        vec!["2.1", "yes", "--value", "01/06/2025"],
        vec!["3.1", "alt", "--justification", "Paper log checked weekly"],
        vec!["6.3.5", "yes"],
        vec!["10.2.1", "no", "--action", "Buy a UPS"],
        vec!["10.3.1", "no", "--action", "Train staff"],
        vec!["11.1", "na", "--justification", "No Wi-Fi at all"],
    ] {
        let mut all = vec!["answer", "-a", "yew-care"];
        all.extend(args);
        ok_on(&s, LAST_YEAR, &all);
    }
    assert_eq!(
        ok_on(&s, RENEWED, &["renew", "--force", "-a", "yew-care"])
            .lines()
            .next(),
        Some("yew-care-2")
    );
    ok_on(
        &s,
        CONFIRMED,
        &["confirm", "-a", "yew-care-2", "1.1", "3.1"],
    );
    ok_on(
        &s,
        CONFIRMED,
        &["answer", "-a", "yew-care-2", "6.3.5", "no"],
    );
    ok_on(
        &s,
        CONFIRMED,
        &["answer", "-a", "yew-care-2", "10.2.1", "yes"],
    );
    s
}

/// This year on the day it is read: 1.1 (confirmed) and 10.2.1 (answered again) met; 3.1
/// met another way (confirmed); 6.3.5 (answered No) and 10.3.1 (last year's gap, carried)
/// gaps; 11.1 (not applicable last year) and 2.1 (Yes last year, its date aged since) still
/// to confirm: a carried Yes is never met, nor a gap, until someone looks at it.
const NOW: [(&str, usize); 6] = [
    ("met", 2),
    ("alternative", 1),
    ("gaps", 2),
    ("not_applicable", 0),
    ("to_confirm", 2),
    ("unanswered", 0),
];

/// Last year as recorded at the renewal (judged on its last change, 20/05/2026): 1.1, 2.1,
/// 6.3.5 met; 3.1 another way; 11.1 not applicable; 10.2.1 and 10.3.1 gaps.
const THEN: [(&str, usize); 6] = [
    ("met", 3),
    ("alternative", 1),
    ("gaps", 2),
    ("not_applicable", 1),
    ("to_confirm", 0),
    ("unanswered", 0),
];

fn assert_counts(tally: &Value, expected: &[(&str, usize)], what: &str) {
    for (field, n) in expected {
        assert_eq!(tally[*field], json!(n), "{what}: {field} in {tally}");
    }
}

#[test]
fn status_diff_and_roll_up_give_the_same_numbers() {
    let s = second_year();
    let status = json_on(&s, READ, &["status", "--json", "-a", "yew-care-2"]);
    assert_counts(&status["checklists"][0]["tally"], &NOW, "status now");
    // Last year's judgement is kept with the renewal, as it was recorded.
    let kept = &status["last_year"];
    assert_eq!(kept["assessment"], "yew-care");
    assert_eq!(kept["judged_on"], LAST_YEAR);
    assert_counts(&kept["checklists"][0]["tally"], &THEN, "kept");
    assert_eq!(kept["items"]["yn:2.1"], json!({"state": "met"}));
    assert_eq!(status["answers"]["yn:11.1"]["outcome"], "to-confirm");
    assert_eq!(
        status["answers"]["yn:11.1"]["was"]["outcome"],
        "not-applicable"
    );
    assert_eq!(status["answers"]["yn:1.1"]["confirmed"], CONFIRMED);
    assert_eq!(status["answers"]["yn:1.1"]["answered"], LAST_YEAR);
    assert_eq!(status["answers"]["yn:1.1"]["first_answered_by"], "Ann Head");
    assert_eq!(
        status["answers"]["yn:11.1"]["first_answered_by"],
        "Ann Head"
    );

    let diff = json_on(&s, READ, &["diff", "yew-care", "yew-care-2", "--json"]);
    assert_eq!(
        diff["then_judged"],
        json!({"basis": "recorded", "on": LAST_YEAR})
    );
    // Met counts met another way too: 3 + 1 then, 2 + 1 now.
    assert_eq!(
        diff["checklists"][0]["then"],
        json!({"met": 4, "alternative": 1, "gaps": 2, "total": 7, "to_confirm": 0})
    );
    assert_eq!(
        diff["checklists"][0]["now"],
        json!({"met": 3, "alternative": 1, "gaps": 2, "total": 7, "to_confirm": 2})
    );
    // 2.1 was met as recorded and waits to be confirmed now: no gap opened.
    assert_eq!(
        diff["gaps_opened"],
        json!([{"item": "yn:6.3.5", "reason": "not in place"}])
    );
    assert_eq!(
        diff["gaps_closed"],
        json!([{"item": "yn:10.2.1", "reason": "not in place"}])
    );
    let changed: Vec<&str> = diff["answers"]
        .as_array()
        .expect("answers")
        .iter()
        .filter_map(|a| a["item"].as_str())
        .collect();
    assert_eq!(changed, ["yn:6.3.5", "yn:10.2.1"]);
    // Ids in natural order, 2.1 before 11.1 (and 6.3.5 before 10.2.1 above).
    assert_eq!(diff["to_confirm"], json!(["yn:2.1", "yn:11.1"]));
    assert_eq!(status["answers"]["yn:2.1"]["outcome"], "to-confirm");
    assert_eq!(
        status["answers"]["yn:2.1"]["was"],
        json!({"outcome": "gap", "reason": "answered Yes but 01/06/2025 is more than 12 months ago"})
    );

    let rows = json_on(&s, READ, &["status", "--all", "--json"]);
    let row = rows
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["assessment"] == "yew-care-2")
        .expect("this year's row");
    assert_counts(row, &NOW, "roll-up");
    assert_eq!(row["renewed_from"], "yew-care");
    assert_eq!(row["started"], RENEWED);
    assert_eq!(row["judged"], json!({"basis": "today"}));
    let last = rows
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["assessment"] == "yew-care")
        .expect("last year's row");
    assert_eq!(last["renewed_from"], Value::Null);
    // Last year's row is last year's judgement as recorded with the renewal (what its pack
    // said), never its answers judged again today.
    assert_eq!(last["renewed_as"], "yew-care-2");
    assert_eq!(
        last["judged"],
        json!({"basis": "recorded", "on": LAST_YEAR})
    );
    assert_counts(last, &THEN, "roll-up last year");
    assert_eq!(
        last["levels"],
        json!([{"name": "Met", "met": 5, "required": 7, "reached": false,
            "verdict": "Met: not reached (5 of 7 items met)", "why_not": "2 gaps"}])
    );
    // The text roll-up: the same cells.
    // Exit 1: no level is reached.
    let (code, text, _) = run_on(&s, READ, &["status", "--all"]);
    assert_eq!(code, 1);
    let line = text
        .lines()
        .find(|l| l.starts_with("yew-care-2 "))
        .expect("row");
    let cells: Vec<&str> = line
        .split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    assert_eq!(
        cells[..14],
        [
            "yew-care-2",
            "Yew Care",
            "not recorded (started 20/05/2027)",
            "yew-care",
            "today's",
            "yn",
            "2026",
            "7/7",
            "3 (1)",
            "2",
            "2",
            "0",
            "0",
            // Reviews due (none: no item sets a review period) and reminders.
            "0"
        ],
        "{text}"
    );
    assert_eq!(cells[14], "✗ Met 3/7: 2 gaps; 2 to confirm", "{text}");
    let line = text
        .lines()
        .find(|l| l.starts_with("yew-care "))
        .expect("last year's row");
    let cells: Vec<&str> = line
        .split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    assert_eq!(
        cells[3..],
        [
            "as recorded 20/05/2026, renewed as yew-care-2",
            "yn",
            "2026",
            "7/7",
            "4 (1)",
            "2",
            "0",
            "0",
            "0",
            "0",
            "✗ Met 5/7: 2 gaps"
        ],
        "{text}"
    );
}

#[test]
fn the_history_says_carried_forward_and_confirmed_by_whom() {
    let s = second_year();
    let export = json_on(
        &s,
        READ,
        &["export", "-a", "yew-care-2", "--format", "json"],
    );
    let said = |item: &str| -> Vec<String> {
        export["history"]
            .as_array()
            .expect("history")
            .iter()
            .filter(|c| c["item"] == item)
            .map(|c| c["what"].as_str().unwrap_or_default().to_owned())
            .collect()
    };
    assert_eq!(
        said("yn:1.1"),
        [
            "Yes carried forward from yew-care on 20/05/2027 (first answered by Ann Head on 20/05/2026)",
            "Yes confirmed by Ann Head on 25/05/2027 (first answered by Ann Head on 20/05/2026)",
        ]
    );
    assert_eq!(
        said("yn:6.3.5"),
        [
            "Yes carried forward from yew-care on 20/05/2027 (first answered by Ann Head on 20/05/2026)",
            "No",
        ]
    );
    assert_eq!(
        said("yn:11.1"),
        [
            "Not applicable carried forward from yew-care on 20/05/2027 (first answered by Ann Head on 20/05/2026)"
        ]
    );
}

/// Each page's lines, trimmed and with runs of spaces made one.
fn pages(pdf: &std::path::Path) -> Vec<Vec<String>> {
    let path = pdf.to_str().expect("utf-8");
    let info = common::tool_output("pdfinfo", &[path]);
    let count: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("page count");
    (1..=count)
        .map(|n| {
            let n = n.to_string();
            common::tool_output("pdftotext", &["-layout", "-f", &n, "-l", &n, path, "-"])
                .lines()
                .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|l| !l.is_empty())
                .collect()
        })
        .collect()
}

fn page_with<'a>(pages: &'a [Vec<String>], first_line: &str) -> &'a [String] {
    pages
        .iter()
        .find(|p| p.iter().any(|l| l == first_line))
        .unwrap_or_else(|| panic!("no page has the line {first_line:?}"))
}

/// The lines from the one starting `start`, `n` of them.
fn lines_from(page: &[String], start: &str, n: usize) -> Vec<String> {
    let at = page
        .iter()
        .position(|l| l.starts_with(start))
        .unwrap_or_else(|| panic!("no line starts {start:?} in {page:#?}"));
    page[at..(at + n).min(page.len())].to_vec()
}

#[test]
#[ignore = "needs pdftotext and pdfinfo: run with `cargo test -- --include-ignored`, as CI does"]
fn the_pack_says_the_same_on_page_one_the_comparison_and_the_item_pages() {
    common::require_tool("pdftotext");
    common::require_tool("pdfinfo");
    let s = second_year();
    let pdf = s.out("pack.pdf");
    ok_on(
        &s,
        READ,
        &[
            "report",
            "-a",
            "yew-care-2",
            "--history",
            "-o",
            pdf.to_str().expect("utf-8"),
        ],
    );
    let pages = pages(&pdf);

    // Page 1: the counts in the same words as status; what holds the level back, a carried
    // answer named as to confirm (never "not answered yet").
    let first = &pages[0];
    assert!(
        first.contains(
            &"7 items: 2 met, 1 met another way, 2 gaps, 0 not applicable, 2 to confirm, 0 unanswered."
                .to_owned()
        ),
        "{first:#?}"
    );
    let held = first
        .iter()
        .skip_while(|l| !l.starts_with("Held back by:"))
        .take_while(|l| !l.starts_with("7 items:"))
        .cloned()
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(
        held,
        "Held back by: 6.3.5 Item 6.3.5 (not in place); 10.3.1 Item 10.3.1 (not in place); 2 items to confirm (carried forward from last year, not yet confirmed)"
    );

    // The summary's key has an entry for to confirm; the blocking table says why a stale
    // carried Yes waits (to confirm, and confirming alone will not do).
    let summary = page_with(&pages, "Summary");
    assert_eq!(
        lines_from(summary, "Key:", 2),
        [
            "Key: ■ met (or met another way) ■ gap ■ not applicable ↻ to confirm □ unanswered (to confirm and unanswered are left",
            "blank; the caption counts each)",
        ]
    );
    // Met with how many another way, as page 1 and the comparison count them.
    assert_eq!(
        lines_from(summary, "Section one", 2),
        [
            "Section one 3 met (1 another way) · 2 gap · 0 n/a",
            "· 2 to confirm · 0 unanswered",
        ]
    );
    assert_eq!(
        lines_from(summary, "Item Blocking this level Why", 7)[1..],
        [
            "2.1 Item 2.1 to confirm; confirming is not enough: answered Yes but 01/06/2025 is",
            "more than 12 months ago",
            "6.3.5 Item 6.3.5 not in place",
            "10.3.1 Item 10.3.1 not in place",
            "11.1 Item 11.1 not applicable last year; to confirm",
            "Checklist text answered",
        ]
    );

    // The comparison: last year as recorded, this year as now.
    let since = page_with(&pages, "Since the last assessment");
    assert_eq!(
        lines_from(since, "Last time (20/05/2026)", 4),
        [
            "Last time (20/05/2026) 4 of 7 met (1 another way)",
            // The bar's caption wraps in its column.
            "This time (20/05/2027) 3 of 7 met (1 another way), 2 more to",
            "confirm",
            "1 fewer met than last time so far; 2 carried forward still to confirm.",
        ]
    );
    assert_eq!(
        lines_from(since, "Section one", 1),
        ["Section one 4/7 3/7 (+2 to confirm) −1"]
    );
    let basis = since.join(" ");
    assert!(
        basis.contains("Last time's figures are as they were recorded when this assessment was renewed (judged on 20/05/2026, the day of its last change)."),
        "{basis}"
    );
    // Items by id and title; 2.1 waits to be confirmed, so no gap opened there.
    assert_eq!(
        lines_from(since, "Gaps opened", 4),
        [
            "Gaps opened",
            "Item Why it is (or was) a gap",
            "6.3.5 Item 6.3.5 not in place",
            "Gaps closed",
        ]
    );
    assert_eq!(
        lines_from(since, "Still to confirm", 2),
        [
            "Still to confirm",
            "2 answers carried forward from last time and not yet confirmed: 2.1, 11.1.",
        ]
    );
    assert_eq!(
        lines_from(since, "Answers changed", 4),
        [
            "Answers changed",
            "Item Then Now What changed",
            "6.3.5 Item 6.3.5 Yes No status",
            "10.2.1 Item 10.2.1 No Yes status",
        ]
    );

    // Item pages: a confirmed answer says by whom and whose it was; one still to confirm is
    // drawn as to confirm, not met.
    // The item pages start at the "Answers" heading (the summary's tables name items too).
    let start = pages
        .iter()
        .position(|p| p.iter().any(|l| l == "Answers: Year numbers"))
        .expect("item pages");
    let answer_pages = &pages[start..];
    let items = &answer_pages[0];
    assert_eq!(
        lines_from(items, "1.1 Item 1.1", 4)[..],
        [
            "1.1 Item 1.1 ✓ Yes".to_owned(),
            "Is 1.1 done?".to_owned(),
            "Confirmed by Ann Head on 25/05/2027 (first answered by Ann Head on 20/05/2026); carried forward from yew-care on".to_owned(),
            "20/05/2027.".to_owned(),
        ]
    );
    let later = answer_pages
        .iter()
        .find(|p| p.iter().any(|l| l.starts_with("11.1 Item 11.1")))
        .expect("11.1's page");
    assert_eq!(
        lines_from(later, "11.1 Item 11.1", 4)[..],
        [
            "11.1 Item 11.1 ↻ To confirm (last year: Not applicable)".to_owned(),
            "Is 11.1 done?".to_owned(),
            "Carried forward from yew-care on 20/05/2027 (first answered by Ann Head on 20/05/2026); not yet confirmed, so it".to_owned(),
            "does not count as met.".to_owned(),
        ]
    );
    // A carried Yes whose date has aged since: to confirm, never ✓ Yes, and why confirming
    // alone will not make it met.
    assert_eq!(
        lines_from(items, "2.1 Item 2.1", 6)[..],
        [
            "2.1 Item 2.1 ↻ To confirm (last year: Yes)",
            "Is 2.1 done?",
            "Carried forward from yew-care on 20/05/2027 (first answered by Ann Head on 20/05/2026); not yet confirmed, so it",
            "does not count as met.",
            "Confirming is not enough: answered Yes but 01/06/2025 is more than 12 months ago",
            "Last restore test: 01/06/2025",
        ]
        .map(str::to_owned)
    );
    // No page prints an internal key (checklist:item) or a table's checklist id.
    for (n, page) in pages.iter().enumerate() {
        for line in page {
            assert!(!line.contains("yn:"), "page {}: {line}", n + 1);
            assert_ne!(line, "yn", "page {}", n + 1);
        }
    }
    // The change log names items by id and title, in the same words as the item pages, and
    // lists the carried answers in the item pages' order (6.3.5 before 10.2.1).
    let log = page_with(&pages, "Change log");
    let carried: Vec<&str> = log
        .iter()
        .filter(|l| l.contains(" carried forward from yew-care"))
        .filter_map(|l| l.split(" Ann Head ").nth(1))
        .filter_map(|rest| rest.split(' ').next())
        .collect();
    assert_eq!(
        carried,
        ["1.1", "2.1", "3.1", "6.3.5", "10.2.1", "10.3.1", "11.1"]
    );
    assert_eq!(
        lines_from(log, "25/05/2027", 4)
            .iter()
            // The time of day is the clock's: leave it out.
            .map(|l| {
                match l
                    .strip_prefix("25/05/2027 ")
                    .and_then(|rest| rest.split_once(' '))
                {
                    Some((time, rest)) if time.len() == 5 && time.as_bytes()[2] == b':' => {
                        rest.to_owned()
                    }
                    _ => l.clone(),
                }
            })
            .collect::<Vec<_>>(),
        [
            "Ann Head 1.1 Item 1.1 Yes confirmed by Ann Head on 25/05/2027 (first",
            "answered by Ann Head on 20/05/2026)",
            "Ann Head 3.1 Item 3.1 Met another way confirmed by Ann Head on",
            "25/05/2027 (first answered by Ann Head on",
        ]
    );
    let fresh = answer_pages
        .iter()
        .find(|p| p.iter().any(|l| l.starts_with("10.2.1 Item 10.2.1")))
        .expect("10.2.1's page");
    let block = lines_from(fresh, "10.2.1 Item 10.2.1", 3);
    assert_eq!(block[0], "10.2.1 Item 10.2.1 ✓ Yes");
    assert!(
        block[2].starts_with("Answered by Ann Head on 25/05/2027;"),
        "{block:?}"
    );
}

/// A renewal made before carecheck kept last year's summary (its file has none) still loads,
/// and the comparison says it judged last year's answers again.
#[test]
fn an_older_renewal_without_the_kept_summary_loads_and_says_it_judged_again() {
    let s = second_year();
    let path = s.path().join("assessments/yew-care-2/assessment.json");
    let mut saved: Value =
        serde_json::from_str(&fs::read_to_string(&path).expect("read")).expect("JSON");
    let details = saved
        .pointer_mut("/assessment/details")
        .and_then(Value::as_object_mut)
        .expect("details");
    assert!(
        details.remove("last_year").is_some(),
        "a new renewal keeps it"
    );
    fs::write(&path, serde_json::to_string_pretty(&saved).expect("JSON")).expect("write");

    let status = json_on(&s, READ, &["status", "--json", "-a", "yew-care-2"]);
    assert_eq!(status["last_year"], Value::Null);
    assert_counts(&status["checklists"][0]["tally"], &NOW, "status now");
    let diff = json_on(&s, READ, &["diff", "yew-care", "yew-care-2", "--json"]);
    assert_eq!(diff["then_judged"], json!({"basis": "judged-again"}));
    // Judged again today, 2.1's date has aged last year too: 3 met then, not 4.
    assert_eq!(diff["checklists"][0]["then"]["met"], 4 - 1);
    // The roll-up says so too: last year's row is judged again today, and says so.
    let rows = json_on(&s, READ, &["status", "--all", "--json"]);
    let last = rows
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["assessment"] == "yew-care")
        .expect("last year's row");
    assert_eq!(last["judged"], json!({"basis": "judged-again"}));
    assert_eq!(last["met"], 3 - 1);
    let csv = ok_on(&s, READ, &["export", "--all"]);
    let row = csv
        .lines()
        .find(|l| l.starts_with("yew-care,"))
        .expect("last year's CSV row");
    assert_eq!(
        row,
        "yew-care,Yew Care,,not recorded (started 20/05/2026),,\"judged again today, renewed as yew-care-2 (no record was kept then)\",yn,2026,7/7,3 (1),3,0,0,0,0,✗ Met 4/7: 3 gaps"
    );
    let text = ok_on(&s, READ, &["diff", "yew-care", "yew-care-2"]);
    assert_eq!(
        text.lines().nth(1),
        Some(
            "Last time's figures are last time's answers judged again today: this assessment was renewed before carecheck kept the summary as it was recorded, so a date that has aged since can make them differ from last time's pack."
        )
    );
}
