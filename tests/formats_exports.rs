//! The machine formats hold what they say they hold: every CSV in ISO 8601 dates with units
//! kept, the registers' notes and descriptions, the action text in Markdown, the registers,
//! plan and comparison in JSON; and each export computes only what it prints.

mod common;

use common::{Sandbox, parse_csv, run};

fn ok(s: &Sandbox, args: &[&str]) -> String {
    let (code, out, err) = run(s, args);
    assert_eq!(code, 0, "{args:?}: {out}{err}");
    out
}

/// The rows of a CSV export, each as (header, cell) pairs for the row whose first cell is `id`.
fn csv_row(out: &str, id: &str) -> Vec<(String, String)> {
    let rows = parse_csv(out.trim_start_matches('\u{FEFF}'));
    let row = rows
        .iter()
        .find(|r| r.first().map(String::as_str) == Some(id))
        .unwrap_or_else(|| panic!("{id} in {rows:?}"));
    rows[0].iter().cloned().zip(row.iter().cloned()).collect()
}

fn cell<'r>(row: &'r [(String, String)], header: &str) -> &'r str {
    row.iter()
        .find(|(h, _)| h == header)
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("no column {header} in {row:?}"))
}

/// An assessment with a dated supplier that provides nothing, a described risk with notes, a
/// percentage answer and a gap with a full action.
fn assessment() -> Sandbox {
    let s = Sandbox::new();
    ok(&s, &["new", "--org", "Oak House Care"]);
    ok(
        &s,
        &[
            "supplier",
            "add",
            "Paper Co",
            "--ce",
            "ce",
            "--ce-expires",
            "01/06/2027",
            "--reviewed",
            "02/03/2026",
            "--notes",
            "Delivers forms; no system access",
        ],
    );
    ok(
        &s,
        &[
            "risk",
            "add",
            "Laptop stolen",
            "--likelihood",
            "2",
            "--impact",
            "4",
            "--description",
            "A manager's laptop is taken from a car",
            "--review-by",
            "01/06/2027",
            "--notes",
            "Disk encryption checked 11/2026",
        ],
    );
    ok(&s, &["answer", "3.2.1", "yes", "--value", "80%"]);
    ok(
        &s,
        &[
            "answer",
            "1.1.2",
            "no",
            "--action",
            "Appoint a [SIRO](javascript:x)",
            "--owner",
            "Sam",
            "--due",
            "28/02/2027",
            "--priority",
            "high",
        ],
    );
    s
}

#[test]
fn register_csvs_use_iso_dates_and_carry_notes_and_descriptions() {
    let s = assessment();
    let out = ok(&s, &["export", "--suppliers"]);
    let row = csv_row(&out, "paper-co");
    let seen: Vec<(&str, &str)> = ["provides", "certificate_expires", "last_reviewed", "notes"]
        .iter()
        .map(|h| (*h, cell(&row, h)))
        .collect();
    assert_eq!(
        seen,
        [
            ("provides", ""),
            ("certificate_expires", "2027-06-01"),
            ("last_reviewed", "2026-03-02"),
            ("notes", "Delivers forms; no system access"),
        ]
    );
    let out = ok(&s, &["export", "--risks"]);
    let row = csv_row(&out, "laptop-stolen");
    let seen: Vec<(&str, &str)> = ["risk", "description", "review_by", "notes"]
        .iter()
        .map(|h| (*h, cell(&row, h)))
        .collect();
    assert_eq!(
        seen,
        [
            ("risk", "Laptop stolen"),
            ("description", "A manager's laptop is taken from a car"),
            ("review_by", "2027-06-01"),
            ("notes", "Disk encryption checked 11/2026"),
        ]
    );
}

#[test]
fn the_answers_csv_keeps_a_percentages_unit_and_iso_dates() {
    let s = assessment();
    let out = ok(&s, &["export", "--format", "csv"]);
    let rows = parse_csv(out.trim_start_matches('\u{FEFF}'));
    let find = |item: &str| -> Vec<(String, String)> {
        let row = rows
            .iter()
            .find(|r| r.get(3).map(String::as_str) == Some(item))
            .unwrap_or_else(|| panic!("{item}"));
        rows[0].iter().cloned().zip(row.iter().cloned()).collect()
    };
    assert_eq!(cell(&find("3.2.1"), "value"), "80%");
    assert_eq!(cell(&find("1.1.2"), "action_due"), "2027-02-28");
}

#[test]
fn markdown_carries_the_action_text_escaped() {
    let s = assessment();
    let out = ok(&s, &["export", "--format", "md"]);
    let lines: Vec<&str> = out.lines().collect();
    let header = lines
        .iter()
        .position(|l| l.starts_with("| Priority |"))
        .expect("the action plan table");
    assert_eq!(
        lines[header..header + 3],
        [
            "| Priority | Item | Gap | Action | Owner | Due | Status |",
            "|---|---|---|---|---|---|---|",
            "| high | dspt-social-care:1.1.2 | Record of the personal data you hold and share (✗ No) | Appoint a \\[SIRO\\]\\(javascript:x\\) | Sam | 2027-02-28 | open |",
        ]
    );
}

#[test]
fn json_carries_the_registers_the_plan_and_the_comparison_with_last_year() {
    let s = assessment();
    ok(
        &s,
        &[
            "plan",
            "contact",
            "add",
            "--role",
            "it-support",
            "--name",
            "Kim Lee",
            "--phone",
            "0113 496 0000",
        ],
    );
    ok(&s, &["renew", "--force", "-a", "oak-house-care"]);
    let out = ok(
        &s,
        &["export", "--format", "json", "-a", "oak-house-care-2"],
    );
    let doc: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(doc["format_version"], 2);
    let suppliers: Vec<(&str, &str)> = doc["registers"]["suppliers"]
        .as_array()
        .expect("suppliers")
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap_or_default(),
                c["notes"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        suppliers,
        [("Paper Co", "Delivers forms; no system access")]
    );
    let risk = doc["registers"]["risks"]
        .as_array()
        .expect("risks")
        .iter()
        .find(|r| r["id"] == "laptop-stolen")
        .expect("the risk");
    assert_eq!(
        (&risk["description"], &risk["notes"], &risk["inherent"]),
        (
            &serde_json::json!("A manager's laptop is taken from a car"),
            &serde_json::json!("Disk encryption checked 11/2026"),
            &serde_json::json!(8)
        )
    );
    let contacts = doc["continuity_plan"]["plan"].to_string();
    assert!(contacts.contains("Kim Lee"), "{contacts}");
    assert_eq!(doc["since_last"]["state"], "compared");
    assert_eq!(doc["since_last"]["diff"]["then"], "oak-house-care");
    assert_eq!(doc["since_last"]["diff"]["now"], "oak-house-care-2");
}

/// Issue 23: the CSV export built the whole pack model, reading last year's assessment for a
/// comparison it never prints. Traced, it opens nothing in last year's folder; the JSON, which
/// prints the comparison, does (so the trace would see it).
#[test]
#[ignore = "needs strace"]
fn the_csv_export_opens_nothing_of_last_years_assessment() {
    common::require_tool("strace");
    let s = assessment();
    ok(&s, &["renew", "--force", "-a", "oak-house-care"]);
    let last_year = format!("{}/", s.path().join("assessments/oak-house-care").display());
    assert!(std::path::Path::new(&last_year).is_dir(), "{last_year}");
    let opened = |args: &[&str]| -> Vec<String> {
        let trace = s.out(&format!("trace-{}", args.join("-")));
        let cmd = s.std_cmd();
        let program = cmd.get_program().to_owned();
        let mut strace = std::process::Command::new("strace");
        strace
            .args(["-f", "-e", "trace=openat", "-o"])
            .arg(&trace)
            .arg(program)
            .args(args)
            .args(["-a", "oak-house-care-2"])
            .current_dir(common::fixtures());
        for (key, value) in cmd.get_envs() {
            if let Some(value) = value {
                strace.env(key, value);
            }
        }
        let out = common::output_within(&mut strace, common::COMMAND_TIMEOUT);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        std::fs::read_to_string(&trace)
            .expect("trace")
            .lines()
            .filter(|l| l.contains(&last_year))
            .map(str::to_owned)
            .collect()
    };
    for args in [
        &["export", "--format", "csv"][..],
        &["export", "--actions"],
        &["export", "--format", "md"],
        &["export", "--format", "oscal-ar"],
    ] {
        assert_eq!(opened(args), Vec::<String>::new(), "{args:?}");
    }
    assert!(
        !opened(&["export", "--format", "json"]).is_empty(),
        "the trace sees last year's folder when an export does read it"
    );
}

/// The change history (the pack's `--history` appendix, and the JSON's `history`) wrote a
/// percentage without its `%`: "Yes, value 80".
#[test]
fn the_history_keeps_a_percentages_unit() {
    let s = assessment();
    let out = ok(&s, &["export", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let answered: Vec<&str> = doc["history"]
        .as_array()
        .expect("history")
        .iter()
        .filter(|c| c["item"] == "dspt-social-care:3.2.1")
        .filter_map(|c| c["what"].as_str())
        .collect();
    assert_eq!(answered, ["Yes, value 80%"]);
}
