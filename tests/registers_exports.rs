//! The registers in `carecheck export`: each as CSV through the answers' CSV writer (quoted,
//! never read as a formula), and the open risks in the OSCAL plan of action and milestones,
//! linked from the gaps that keep them high and valid against the OSCAL 1.2.3 schema.

mod common;
#[path = "support/oscal_schema.rs"]
mod oscal_schema;

use std::time::Duration;

use common::{Sandbox, parse_csv, safe_text};

fn run(s: &Sandbox, args: &[&str]) -> (i32, String, String) {
    let output = s
        .cmd()
        .env("CARECHECK_TODAY", "2026-11-28")
        .timeout(Duration::from_secs(60))
        .args(args)
        .output()
        .expect("runs");
    (
        output.status.code().unwrap_or(-1),
        safe_text(&output.stdout),
        safe_text(&output.stderr),
    )
}

fn ok(s: &Sandbox, args: &[&str]) -> String {
    let (code, out, err) = run(s, args);
    assert_eq!(code, 0, "{args:?}: {out}{err}");
    out
}

fn registers() -> Sandbox {
    let s = Sandbox::new();
    ok(&s, &["new", "--org", "Oak House Care"]);
    ok(
        &s,
        &[
            "supplier",
            "add",
            "Acme, \"Records\" Ltd",
            "--provides",
            "care-records",
            "--critical",
            "yes",
            "--ce",
            "ce",
            "--ce-expires",
            "10/01/2027",
            "--support",
            "=HYPERLINK(\"http://x\")",
        ],
    );
    ok(&s, &["risk", "starter"]);
    ok(&s, &["answer", "3.2.1", "no"]);
    s
}

#[test]
fn each_register_exports_as_csv_through_the_one_csv_writer() {
    let s = registers();
    let out = ok(&s, &["export", "--suppliers"]);
    assert!(out.starts_with('\u{FEFF}'), "Excel needs the BOM");
    let rows = parse_csv(out.trim_start_matches('\u{FEFF}'));
    assert_eq!(rows[0][0], "id");
    assert_eq!(rows.len(), 2, "{rows:?}");
    let col = |name: &str| rows[0].iter().position(|h| h == name).expect(name);
    assert_eq!(rows[1][col("supplier")], "Acme, \"Records\" Ltd");
    assert_eq!(rows[1][col("certificate_expires")], "2027-01-10");
    assert_eq!(
        rows[1][col("support_contact")],
        "'=HYPERLINK(\"http://x\")",
        "a formula is never run"
    );
    assert!(rows[1][col("reminders")].contains("expires on 10/01/2027"));

    let file = s.out("risks.csv");
    ok(&s, &["export", "--risks", "-o", &file.to_string_lossy()]);
    let text = std::fs::read_to_string(&file).expect("written");
    let rows = parse_csv(text.trim_start_matches('\u{FEFF}'));
    let starter = carecheck::registers::starter_risks()
        .expect("starter")
        .len();
    assert_eq!(rows.len(), starter + 1);
    let col = |name: &str| rows[0].iter().position(|h| h == name).expect(name);
    let phishing = rows
        .iter()
        .find(|r| r[col("risk")] == "Phishing and payment fraud")
        .expect("phishing");
    assert!(
        phishing[col("kept_high_by")].contains("dspt-social-care:3.2.1"),
        "{phishing:?}"
    );
    // Never over an existing file without --force.
    let (code, _, err) = run(&s, &["export", "--risks", "-o", &file.to_string_lossy()]);
    assert_eq!(code, 1, "{err}");
    let (code, _, _) = run(&s, &["export", "--risks", "--format", "json"]);
    assert_ne!(code, 0, "--risks is CSV only");
}

#[test]
fn the_poam_lists_open_risks_linked_from_the_gaps_that_keep_them_high() {
    let s = registers();
    let out = ok(&s, &["export", "--format", "oscal-poam"]);
    let doc: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    oscal_schema::assert_valid(&doc);
    let poam = &doc["plan-of-action-and-milestones"];
    let risks = poam["risks"].as_array().expect("risks");
    let starter = carecheck::registers::starter_risks()
        .expect("starter")
        .len();
    let gaps = poam["poam-items"].as_array().expect("items").len();
    assert_eq!(
        risks.len(),
        gaps + starter,
        "a risk for each gap, and every register risk: nothing is mitigated yet"
    );
    let phishing = risks
        .iter()
        .find(|r| r["title"] == "Phishing and payment fraud")
        .expect("phishing");
    assert_eq!(phishing["status"], "open");
    assert!(
        phishing["statement"]
            .as_str()
            .is_some_and(|t| t.contains("Kept high by: dspt-social-care:3.2.1")),
        "{phishing}"
    );
    // The gap on 3.2.1 names the risks it keeps high.
    let item = poam["poam-items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["title"].as_str().is_some_and(|t| t.contains("3.2.1")))
        .expect("the gap");
    let related: Vec<&str> = item["related-risks"]
        .as_array()
        .expect("related")
        .iter()
        .filter_map(|r| r["risk-uuid"].as_str())
        .collect();
    assert!(related.contains(&phishing["uuid"].as_str().expect("uuid")));
}

#[test]
fn status_all_counts_each_assessments_reminders() {
    let s = registers();
    ok(&s, &["new", "--org", "Elm Lodge"]);
    let (_, out, err) = run(&s, &["status", "--all"]);
    let lines: Vec<&str> = out.lines().collect();
    // The roll-up's title, a blank line, then the header.
    assert!(lines[2].contains("REMINDERS DUE"), "{out}{err}");
    let column = lines[2].find("REMINDERS DUE").expect("column");
    let value = |org: &str| -> String {
        let line = lines
            .iter()
            .find(|l| l.starts_with(org))
            .unwrap_or_else(|| panic!("{org}: {out}"));
        line[column..]
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_owned()
    };
    // Oak House: the certificate expiring and a supplier never reviewed.
    assert_eq!(value("oak-house-care"), "2", "{out}");
    assert_eq!(value("elm-lodge"), "0", "{out}");

    // The JSON says the same, and the exit code counts them as `status` does for one.
    let (code, json, err) = run(&s, &["status", "--all", "--json"]);
    assert_eq!(code, 1, "{err}");
    let rows: serde_json::Value = serde_json::from_str(&json).expect("json");
    let due = |org: &str| {
        rows.as_array()
            .expect("rows")
            .iter()
            .find(|r| r["organisation"] == org)
            .unwrap_or_else(|| panic!("{org}: {json}"))["reminders"]
            .clone()
    };
    assert_eq!(due("Oak House Care"), 2);
    assert_eq!(due("Elm Lodge"), 0);
}

#[test]
fn status_all_exits_1_while_a_reminder_is_due_even_with_every_level_reached() {
    let s = Sandbox::new();
    let dir = s.path().join("checklists");
    std::fs::create_dir_all(&dir).expect("test setup");
    std::fs::write(
        dir.join("one.toml"),
        r#"format = 1
id = "one"
title = "One item"
edition = "1"
publisher = "Test"
source_url = "https://example.org/"
licence = "Test fixture"
summary = "One item at one level."

[[levels]]
id = "met"
name = "Met"
description = "It."

[[sections]]
id = "s1"
title = "Section one"

[[sections.items]]
id = "a"
title = "Item a"
question = "Is a done?"
guidance = "Do a."
levels = ["met"]
"#,
    )
    .expect("test setup");
    ok(&s, &["new", "--org", "Ash Court", "--checklist", "one"]);
    ok(&s, &["answer", "a", "yes"]);
    let (code, _, err) = run(&s, &["status", "--all"]);
    assert_eq!(code, 0, "every level reached, nothing due: {err}");
    ok(
        &s,
        &[
            "supplier",
            "add",
            "Acme Care Records Ltd",
            "--reviewed",
            "01/11/2026",
            "--ce",
            "ce",
            "--ce-expires",
            "10/01/2027",
        ],
    );
    let (code, out, _) = run(&s, &["status", "--all"]);
    assert_eq!(code, 1, "a certificate expiring within 60 days: {out}");
    let (code, _, _) = run(&s, &["status"]);
    assert_eq!(code, 1, "the same as status for the one assessment");
}
