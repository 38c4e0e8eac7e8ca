//! `carecheck import table`: a published control list (CSV or XLSX, in the shape of the DSPT
//! evidence-item spreadsheet) becomes a checklist that validates, merged with carecheck's own
//! help, and goes into use. The rows here are the tests' own words, not NHS text.

mod common;

use std::path::Path;

use common::{Sandbox, run};

/// A title line, a blank line, then the header row and the items, as a published list is laid
/// out. 1.1.1 and 1.1.2 are items the bundled DSPT knows; 1.9.9 is not.
const ROWS: &[[&str; 6]] = &[
    ["Sample evidence list for tests", "", "", "", "", ""],
    ["", "", "", "", "", ""],
    [
        "Standard",
        "Evidence Item Reference",
        "Evidence Text",
        "Category 2",
        "Category 3",
        "Cat 3 Approaching Standards",
    ],
    [
        "1",
        "1.1.1",
        "State the number the regulator gave you.",
        "Mandatory",
        "Mandatory",
        "Yes",
    ],
    [
        "1",
        "1.1.2",
        "Show your list of the records you keep.",
        "Mandatory",
        "Mandatory",
        "No",
    ],
    [
        "1",
        "1.9.9",
        "Keep paper files in a locked cabinet.",
        "Mandatory",
        "Non-mandatory",
        "No",
    ],
    [
        "4",
        "4.5.3",
        "Explain how passwords are kept strong.",
        "Non-mandatory",
        "MANDATORY",
        "",
    ],
];

fn write_csv(path: &Path, rows: &[[&str; 6]]) {
    let mut text = String::new();
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| format!("\"{c}\"")).collect();
        text.push_str(&cells.join(","));
        text.push_str("\r\n");
    }
    std::fs::write(path, text).expect("write csv");
}

/// The list on a second sheet, after a sheet of notes, as published workbooks often are.
fn write_xlsx(path: &Path, rows: &[[&str; 6]]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let notes = book.add_worksheet();
    notes.set_name("Read me").expect("name");
    notes.write_string(0, 0, "Notes only").expect("write");
    let sheet = book.add_worksheet();
    sheet.set_name("Evidence items").expect("name");
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                let (r, c) = (
                    u32::try_from(r).expect("row"),
                    u16::try_from(c).expect("col"),
                );
                sheet.write_string(r, c, *cell).expect("write");
            }
        }
    }
    book.save(path).expect("save xlsx");
}

fn import(s: &Sandbox, file: &Path, extra: &[&str]) -> (i32, String, String) {
    let file = file.to_str().expect("utf-8 path");
    let mut args = vec![
        "import",
        "table",
        file,
        "--preset",
        "dspt",
        "--category",
        "3",
        "--merge-with",
        "dspt-social-care",
        "--id",
        "dspt-test",
        "--edition",
        "2026-27 (test)",
    ];
    args.extend_from_slice(extra);
    run(s, &args)
}

fn items(toml_text: &str) -> Vec<toml::Value> {
    let table: toml::Table = toml_text.parse().expect("written TOML parses");
    table["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .flat_map(|s| s["items"].as_array().expect("items").clone())
        .collect()
}

fn item<'v>(items: &'v [toml::Value], id: &str) -> &'v toml::Value {
    items
        .iter()
        .find(|i| i["id"].as_str() == Some(id))
        .unwrap_or_else(|| panic!("no item {id}"))
}

#[test]
fn a_dspt_shaped_xlsx_and_csv_import_merge_and_validate() {
    let s = Sandbox::new();
    let csv = s.out("list.csv");
    let xlsx = s.out("list.xlsx");
    write_csv(&csv, ROWS);
    write_xlsx(&xlsx, ROWS);
    let from_csv = s.out("from-csv.toml");
    let from_xlsx = s.out("from-xlsx.toml");
    let (code, out, err) = import(&s, &csv, &["-o", from_csv.to_str().expect("path")]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[..4],
        [
            "Imported 4 items in 2 sections as checklist `dspt-test`.",
            "Level met: 3 items",
            "Level approaching: 1 item",
            "Kept carecheck's help from `dspt-social-care` for 3 items.",
        ]
    );
    let xlsx_args = [
        "--sheet",
        "evidence items",
        "-o",
        from_xlsx.to_str().expect("path"),
    ];
    let (code, out_x, err) = import(&s, &xlsx, &xlsx_args);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out_x.lines().take(4).collect::<Vec<_>>(), lines[..4]);

    let csv_text = std::fs::read_to_string(&from_csv).expect("written");
    let xlsx_text = std::fs::read_to_string(&from_xlsx).expect("written");
    let (csv_items, xlsx_items) = (items(&csv_text), items(&xlsx_text));
    assert_eq!(csv_items, xlsx_items, "both formats give the same items");

    // The official text is the question; carecheck's title, help, evidence notes and answer
    // kind are kept beside it.
    let ico = item(&csv_items, "1.1.1");
    assert_eq!(
        ico["question"].as_str(),
        Some("State the number the regulator gave you.")
    );
    assert_eq!(ico["title"].as_str(), Some("ICO registration"));
    let guidance = ico["guidance"].as_str().expect("guidance");
    assert_eq!(
        guidance.lines().next(),
        Some(
            "In plain English: Is your organisation registered with the Information Commissioner's Office (ICO), and what is the registration number?"
        )
    );
    assert_eq!(
        ico["evidence"].as_array().expect("evidence")[0].as_str(),
        Some("ICO registration number and its expiry date")
    );
    assert_eq!(ico["answer"]["kind"].as_str(), Some("text"));
    assert_eq!(
        ico["levels"],
        toml::Value::Array(vec!["met".into(), "approaching".into()])
    );
    let record = item(&csv_items, "1.1.2");
    assert_eq!(record["answer"]["kind"].as_str(), Some("date"));
    assert_eq!(record["answer"]["max_age_months"].as_integer(), Some(12));
    assert_eq!(record["levels"], toml::Value::Array(vec!["met".into()]));
    // An item carecheck does not know is the official text alone, in no level here.
    let cabinet = item(&csv_items, "1.9.9");
    assert_eq!(
        cabinet["title"].as_str(),
        Some("Keep paper files in a locked cabinet")
    );
    assert_eq!(cabinet["levels"], toml::Value::Array(vec![]));
    assert!(cabinet.get("answer").is_none());

    let (code, out, err) = run(&s, &["validate", from_csv.to_str().expect("path")]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(
        out.lines().last(),
        Some(format!("ok: {} (dspt-test, 4 items)", from_csv.display()).as_str())
    );
}

#[test]
fn the_dspt_preset_refuses_a_sheet_that_is_not_the_list() {
    let s = Sandbox::new();
    let csv = s.out("other.csv");
    std::fs::write(&csv, "Control,Wording,Owner\nA1,Lock the door,Ann\n").expect("write");
    let (code, _, err) = import(&s, &csv, &[]);
    assert_eq!(code, 1);
    assert_eq!(
        err.trim_end(),
        format!(
            "carecheck: {}: this does not look like the DSPT evidence-item list: no id column (looked for \"evidence item reference\", \"evidence item ref\", \"evidence item id\", \"evidence item number\", \"evidence item no\", \"evidence reference\", \"evidence ref\", \"reference\", \"ref\"); the headers found are: \"Control\", \"Wording\", \"Owner\". Name the columns yourself with --id-column, --question-column and --level",
            csv.display()
        )
    );
    // The ids are there but no column for the category asked.
    let mut rows = ROWS.to_vec();
    rows[2][4] = "Category 5";
    rows[2][5] = "Notes";
    write_csv(&csv, &rows);
    let (code, _, err) = import(&s, &csv, &[]);
    assert_eq!(code, 1);
    assert!(
        err.contains("no category 3 (mandatory) column (looked for \"Category 3\", \"Cat 3 mandatory\"); the headers found are: \"Sample evidence list for tests\""),
        "{err}"
    );
}

#[test]
fn bad_rows_are_refused_naming_the_row_and_column() {
    let s = Sandbox::new();
    let csv = s.out("bad.csv");
    let out = s.out("never.toml");
    let cases: [(usize, usize, &str, String); 4] = [
        (4, 1, "1.1.1", "row 7, column B (Evidence Item Reference): the id `1.1.1` is already used on row 4".to_owned()),
        (5, 1, "", "row 6, column B (Evidence Item Reference): the id is empty".to_owned()),
        (5, 1, "1 9 9", "row 6, column B (Evidence Item Reference): `1 9 9` is not an item id: use letters, digits, `.`, `-` and `_`, at most 64 characters".to_owned()),
        (3, 2, "", "row 4, column C (Evidence Text): the question is empty".to_owned()),
    ];
    for (row, column, value, message) in cases {
        let mut rows = ROWS.to_vec();
        rows[row][column] = value;
        if message.contains("already used") {
            rows[6][1] = "1.1.1";
            rows[row][1] = "1.1.2";
        }
        write_csv(&csv, &rows);
        let (code, _, err) = import(&s, &csv, &["-o", out.to_str().expect("path")]);
        assert_eq!(code, 1, "{message}");
        assert_eq!(
            err.trim_end(),
            format!("carecheck: {}: {message}", csv.display())
        );
        assert!(!out.exists(), "nothing is written");
    }
}

#[test]
fn named_columns_and_level_values_work_without_a_preset() {
    let s = Sandbox::new();
    let csv = s.out("own.csv");
    std::fs::write(
        &csv,
        "Ref,Wording,Short name,Help,Area,Tier\nA-1,Is the door locked?,Door,Check it nightly.,Building,Gold\nA-2,Is the alarm set?,Alarm,,Building,Silver\nB-1,Are laptops encrypted?,Laptops,Use BitLocker.,IT,gold\n",
    )
    .expect("write");
    let out = s.out("own.toml");
    let (code, stdout, err) = run(
        &s,
        &[
            "import",
            "table",
            csv.to_str().expect("path"),
            "--id-column",
            "ref",
            "--question-column",
            "WORDING",
            "--title-column",
            "short name",
            "--guidance-column",
            "help",
            "--section-column",
            "area",
            "--level",
            "gold=Tier:Gold",
            "--source-url",
            "https://example.org/list",
            "-o",
            out.to_str().expect("path"),
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        stdout.lines().take(2).collect::<Vec<_>>(),
        [
            "Imported 3 items in 2 sections as checklist `own`.",
            "Level gold: 2 items"
        ]
    );
    let text = std::fs::read_to_string(&out).expect("written");
    let all = items(&text);
    assert_eq!(
        item(&all, "A-1")["guidance"].as_str(),
        Some("Check it nightly.")
    );
    assert_eq!(item(&all, "B-1")["title"].as_str(), Some("Laptops"));
    let table: toml::Table = text.parse().expect("toml");
    assert_eq!(table["sections"][1]["title"].as_str(), Some("IT"));
    // A level column that is not there is named, with the headers that are.
    let (code, _, err) = run(
        &s,
        &[
            "import",
            "table",
            csv.to_str().expect("path"),
            "--id-column",
            "ref",
            "--question-column",
            "wording",
            "--level",
            "gold=Grade",
            "--source-url",
            "https://example.org/list",
            "-o",
            s.out("x.toml").to_str().expect("path"),
        ],
    );
    assert_eq!(code, 1);
    assert!(
        err.ends_with("no column headed \"Grade\"; the headers found are: \"Ref\", \"Wording\", \"Short name\", \"Help\", \"Area\", \"Tier\"\n"),
        "{err}"
    );
}

#[test]
fn an_imported_list_goes_into_use_and_takes_the_answers_by_id() {
    let s = Sandbox::new();
    let csv = s.out("list.csv");
    write_csv(&csv, ROWS);
    assert_eq!(run(&s, &["new", "--org", "Rose House"]).0, 0);
    let answer = [
        "answer", "1.1.1", "yes", "--value", "ZA123456", "--note", "Seen",
    ];
    assert_eq!(run(&s, &answer).0, 0);
    assert_eq!(run(&s, &["answer", "1.1.2", "no"]).0, 0);
    // Into the checklists folder (no -o), from where `checklists add` finds it.
    let (code, out, err) = import(&s, &csv, &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out.lines().last(),
        Some(
            "Use it: carecheck checklists add dspt-test --answers-from dspt-social-care (or carecheck new --org NAME --checklist dspt-test)"
        )
    );
    let add = [
        "checklists",
        "add",
        "dspt-test",
        "--answers-from",
        "dspt-social-care",
    ];
    let (code, out, err) = run(&s, &add);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        [
            "Added Data Security and Protection Toolkit: adult social care, 2026-27 (test) (4 items) to rose-house.",
            "Gave dspt-test the answers of dspt-social-care for 2 items with the same id.",
        ]
    );
    let status = common::status_json(&s, "rose-house");
    let moved = &status["answers"]["dspt-test:1.1.1"];
    assert_eq!(moved["status"], "yes");
    assert_eq!(moved["value"], "ZA123456");
    assert_eq!(moved["note"], "Seen");
    assert_eq!(status["answers"]["dspt-test:1.1.2"]["status"], "no");
    assert!(status["answers"]["dspt-test:4.5.3"].is_null());
    // The old checklist keeps its answers.
    assert_eq!(status["answers"]["dspt-social-care:1.1.1"]["status"], "yes");
    // The imported levels count the answers it took: 1.1.1 met, 1.1.2 a gap.
    let imported = status["checklists"]
        .as_array()
        .expect("checklists")
        .iter()
        .find(|c| c["id"] == "dspt-test")
        .expect("imported checklist in use");
    let met = imported["levels"]
        .as_array()
        .expect("levels")
        .iter()
        .find(|l| l["id"] == "met")
        .expect("met level");
    assert_eq!(
        (met["met"].as_u64(), met["required"].as_u64()),
        (Some(1), Some(3))
    );
}

#[test]
fn answers_come_only_from_a_checklist_the_assessment_uses() {
    let s = Sandbox::new();
    let csv = s.out("list.csv");
    write_csv(&csv, ROWS);
    assert_eq!(run(&s, &["new", "--org", "Rose House"]).0, 0);
    assert_eq!(import(&s, &csv, &[]).0, 0);
    let add = [
        "checklists",
        "add",
        "dspt-test",
        "--answers-from",
        "cyber-essentials",
    ];
    let (code, _, err) = run(&s, &add);
    assert_eq!(code, 2);
    assert_eq!(
        err.trim_end(),
        "carecheck: --answers-from: `rose-house` uses no checklist `cyber-essentials` (`carecheck status` lists its checklists); nothing was changed"
    );
    let status = common::status_json(&s, "rose-house");
    assert_eq!(status["checklists"].as_array().map(Vec::len), Some(1));
}

#[test]
fn an_xlsx_names_the_row_and_column_as_the_spreadsheet_shows_them() {
    let s = Sandbox::new();
    // The list starts at C3, as when a publisher leaves a margin: rows and columns in messages
    // are the ones the spreadsheet program shows.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let mut rows = ROWS[2..].to_vec();
    rows[3][1] = "1.1.1";
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                let (r, c) = (
                    u32::try_from(r + 2).expect("row"),
                    u16::try_from(c + 2).expect("col"),
                );
                sheet.write_string(r, c, *cell).expect("write");
            }
        }
    }
    let xlsx = s.out("margin.xlsx");
    book.save(&xlsx).expect("save");
    let (code, _, err) = import(&s, &xlsx, &["-o", s.out("x.toml").to_str().expect("path")]);
    assert_eq!(code, 1);
    assert_eq!(
        err.trim_end(),
        format!(
            "carecheck: {}: row 6, column D (Evidence Item Reference): the id `1.1.1` is already used on row 4",
            xlsx.display()
        )
    );
    let (code, _, err) = import(&s, &xlsx, &["--sheet", "Nope"]);
    assert_eq!(code, 1);
    assert_eq!(
        err.trim_end(),
        format!(
            "carecheck: {}: the workbook has no sheet called \"Nope\"; its sheets are: \"Sheet1\"",
            xlsx.display()
        )
    );
}
