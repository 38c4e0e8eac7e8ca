//! CSV, JSON and Markdown exports through the real binary.

mod common;

use common::{Sandbox, parse_csv, run};

fn setup() -> Sandbox {
    let s = Sandbox::new();
    assert_eq!(
        run(
            &s,
            &[
                "new",
                "--org",
                "Export Care",
                "--checklist",
                "dspt-social-care",
                "--checklist",
                "first-hour-starter"
            ]
        )
        .0,
        0
    );
    assert_eq!(
        run(
            &s,
            &[
                "answer",
                "1.1.1",
                "yes",
                "--value",
                "ZA123456",
                "--note",
                "Renewed, in May\nsecond line \"quoted\""
            ]
        )
        .0,
        0
    );
    assert_eq!(
        run(
            &s,
            &[
                "answer",
                "4.5.3",
                "no",
                "--owner",
                "Sam",
                "--due",
                "2027-01-31",
                "--priority",
                "high"
            ]
        )
        .0,
        0
    );
    assert_eq!(
        run(
            &s,
            &[
                "answer",
                "1.1.2",
                "partial",
                "--priority",
                "low",
                "--note",
                "=HYPERLINK(\"http://evil\",\"click\")"
            ]
        )
        .0,
        0
    );
    assert_eq!(
        run(
            &s,
            &[
                "answer",
                "SH1",
                "partial",
                "--owner",
                "Jo",
                "--priority",
                "medium"
            ]
        )
        .0,
        0
    );
    s
}

#[test]
fn csv_has_a_row_per_item_and_opens_cleanly_in_excel() {
    let s = setup();
    let (code, out, err) = run(&s, &["export", "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with('\u{FEFF}'),
        "UTF-8 byte-order mark for Excel"
    );
    assert!(out.contains("\r\n"), "CRLF line ends");
    let rows = parse_csv(out.trim_start_matches('\u{FEFF}'));
    assert_eq!(rows[0][0], "checklist");
    assert_eq!(rows.len(), 1 + 50 + 13, "header plus one row per item");
    assert!(
        rows.iter().all(|r| r.len() == rows[0].len()),
        "every row has every column"
    );
    let col = |name: &str| rows[0].iter().position(|h| h == name).expect(name);
    let ico = rows
        .iter()
        .find(|r| r[col("item")] == "1.1.1")
        .expect("1.1.1");
    assert_eq!(
        ico[col("note")],
        "Renewed, in May\nsecond line \"quoted\"",
        "commas, quotes and line breaks survive"
    );
    assert_eq!(
        (
            ico[col("status")].as_str(),
            ico[col("outcome")].as_str(),
            ico[col("value")].as_str()
        ),
        ("yes", "met", "ZA123456")
    );
    let mfa = rows
        .iter()
        .find(|r| r[col("item")] == "4.5.3")
        .expect("4.5.3");
    assert_eq!(
        (
            mfa[col("action_owner")].as_str(),
            mfa[col("action_due")].as_str(),
            mfa[col("action_priority")].as_str()
        ),
        ("Sam", "2027-01-31", "high")
    );
    let evil = rows
        .iter()
        .find(|r| r[col("item")] == "1.1.2")
        .expect("1.1.2");
    assert!(
        evil[col("note")].starts_with("'="),
        "a formula is never left live: {}",
        evil[col("note")]
    );
}

#[test]
fn the_action_plan_alone_is_most_urgent_first() {
    let s = setup();
    let out = s.out("actions.csv");
    let (code, _, err) = run(&s, &["export", "--actions", "-o", &out.to_string_lossy()]);
    assert_eq!(code, 0, "{err}");
    let rows = parse_csv(
        std::fs::read_to_string(&out)
            .expect("written")
            .trim_start_matches('\u{FEFF}'),
    );
    let order: Vec<(&str, &str)> = rows[1..]
        .iter()
        .map(|r| (r[0].as_str(), r[2].as_str()))
        .collect();
    // The gaps that block a first level (Approaching Standards, the starter's basics) come
    // before those that block only a later one, then by priority.
    assert_eq!(
        order,
        [("medium", "SH1"), ("low", "1.1.2"), ("high", "4.5.3")]
    );
    // Each gap names the levels it keeps from being reached.
    let blocks = rows[0]
        .iter()
        .position(|h| h == "blocks")
        .expect("a blocks column");
    assert_eq!(rows[3][blocks], "Standards Met");
}

#[test]
fn json_holds_everything() {
    let s = setup();
    let (code, out, _) = run(&s, &["export", "--format", "json"]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(json["format"], "carecheck-export");
    assert_eq!(json["organisation"], "Export Care");
    assert_eq!(json["fingerprint"].as_str().map(str::len), Some(64));
    assert_eq!(
        json["checklists"][0]["items"].as_array().map(Vec::len),
        Some(50)
    );
    assert_eq!(
        json["checklists"][1]["items"].as_array().map(Vec::len),
        Some(13)
    );
    let first = &json["checklists"][0]["items"][0];
    assert_eq!(first["key"], "dspt-social-care:1.1.1");
    assert_eq!(first["value"], "ZA123456");
}

#[test]
fn markdown_summarises_and_escapes() {
    let s = setup();
    let (code, out, _) = run(&s, &["export", "--format", "md"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("# Evidence summary: Export Care"));
    assert!(out.contains("## Gaps and action plan"));
    assert!(out.lines().any(|l| l == "| high | dspt-social-care:4.5.3 | Multi-factor authentication on remote access (✗ No) |  | Sam | 2027-01-31 | open |"), "no action text recorded: an empty cell\n{out}");
    assert!(out.contains("**Standards Met**: not yet reached"));
}

#[test]
fn exports_never_replace_a_file_without_force() {
    let s = setup();
    let precious = s.out("precious.json");
    std::fs::write(&precious, "keep").expect("write");
    let (code, _, err) = run(
        &s,
        &[
            "export",
            "--format",
            "json",
            "-o",
            &precious.to_string_lossy(),
        ],
    );
    assert_eq!(code, 1);
    assert!(
        err.contains("already exists; carecheck never replaces a file unless you add --force"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&precious).expect("read"), "keep");
}
