//! A site's evidence pack knows its head office: the organisation's identifiers and period on
//! the cover (marked as the head office's), who at the head office gave each inherited answer,
//! a site answer that overrides the head office's marked, and page 1 saying how many answers
//! are the head office's.

mod common;

use std::fs;

use common::{Sandbox, run};

fn checklist() -> String {
    let mut text = String::from(
        r#"format = 1
id = "sp"
title = "Site checklist"
edition = "2026"
publisher = "Test"
source_url = "https://example.org/"
licence = "Test fixture"
summary = "Three items at one level."

[[levels]]
id = "met"
name = "Met"
description = "All of them."

[[sections]]
id = "s1"
title = "Section one"
"#,
    );
    for id in ["1.1", "4.2", "9.1"] {
        text.push_str(&format!(
            "\n[[sections.items]]\nid = \"{id}\"\ntitle = \"Item {id}\"\nquestion = \"Is {id} done?\"\nguidance = \"Do {id}.\"\nlevels = [\"met\"]\n"
        ));
    }
    text
}

fn ok(s: &Sandbox, args: &[&str]) -> String {
    let (code, out, err) = run(s, args);
    assert_eq!(code, 0, "{args:?}: {out}{err}");
    out
}

/// A head office with its identifiers and period, answering all three items (4.2 No); a site
/// that answers 4.2 Yes itself and inherits the rest.
fn group() -> Sandbox {
    let s = Sandbox::new();
    let dir = s.path().join("checklists");
    fs::create_dir_all(&dir).expect("test setup");
    fs::write(dir.join("sp.toml"), checklist()).expect("test setup");
    ok(
        &s,
        &[
            "new",
            "--org",
            "Ash Group",
            "--head-office",
            "--checklist",
            "sp",
            "--assessor",
            "Ann Head",
            "--ods",
            "VNA12",
            "--cqc-provider",
            "1-101234567",
            "--ico",
            "ZA123456",
            "--period-start",
            "2026-07-01",
            "--period-end",
            "2027-06-30",
        ],
    );
    for args in [["1.1", "yes"], ["4.2", "no"], ["9.1", "yes"]] {
        ok(&s, &["answer", "-a", "ash-group", args[0], args[1]]);
    }
    ok(
        &s,
        &[
            "new",
            "--org",
            "Ash Group",
            "--site",
            "Birch House",
            "--inherit-from",
            "ash-group",
            "--checklist",
            "sp",
            "--assessor",
            "Pat Site",
            "--cqc-location",
            "1-987654321",
        ],
    );
    ok(&s, &["answer", "-a", "ash-group-birch-house", "4.2", "yes"]);
    s
}

/// Each page's lines, trimmed, runs of spaces made one.
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

/// The item's block on the item pages: from its heading to the next item's.
fn item_block(answer_pages: &[Vec<String>], heading: &str) -> Vec<String> {
    let lines: Vec<&String> = answer_pages.iter().flatten().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with(heading))
        .unwrap_or_else(|| panic!("no item {heading:?}"));
    lines[at..].iter().take(4).map(|l| (*l).clone()).collect()
}

#[test]
#[ignore = "needs pdftotext and pdfinfo: run with `cargo test -- --include-ignored`, as CI does"]
fn a_sites_pack_names_its_head_office_on_the_cover_and_on_each_inherited_answer() {
    common::require_tool("pdftotext");
    common::require_tool("pdfinfo");
    let s = group();
    let pdf = s.out("site.pdf");
    ok(
        &s,
        &[
            "report",
            "-a",
            "ash-group-birch-house",
            "-o",
            pdf.to_str().expect("utf-8"),
        ],
    );
    let pages = pages(&pdf);
    let first = &pages[0];
    // The cover: the organisation's identifiers and period are the head office's, marked;
    // the site's own CQC location is its own.
    for line in [
        "ODS code VNA12 (from head office) CQC provider ID 1-101234567 (from head office)",
        "CQC location ID 1-987654321 ICO registration ZA123456 (from head office)",
    ] {
        assert!(first.contains(&line.to_owned()), "{line:?} in {first:#?}");
    }
    // The period's cell wraps beside the head office's.
    assert!(
        first.contains(
            &"Period assessed 01/07/2026 to 30/06/2027 (from Head office Ash Group head office (answers it".to_owned()
        ),
        "{first:#?}"
    );
    assert!(
        first.contains(&"head office) gives count here where this site".to_owned()),
        "{first:#?}"
    );
    let said: Vec<&str> = first
        .iter()
        .skip_while(|l| *l != "Verdict")
        .skip(1)
        .take_while(|l| !l.starts_with("Site checklist"))
        .map(String::as_str)
        .collect();
    assert_eq!(
        said.join(" "),
        "2 of 3 answers are the head office's (Ash Group head office). 1 of this site's own answers overrides the head office's."
    );

    // The item pages (not the action plan or summary, which name items too).
    let start = pages
        .iter()
        .position(|p| p.iter().any(|l| l == "Answers: Site checklist"))
        .expect("item pages");
    let answers = &pages[start..];
    assert_eq!(
        item_block(answers, "1.1 Item 1.1")[..3],
        [
            "1.1 Item 1.1 ✓ Yes",
            "Is 1.1 done?",
            "The head office's answer (Ash Group head office), given by Ann Head on 28/11/2026; this site gave none of its own.",
        ]
        .map(str::to_owned)
    );
    let overridden = item_block(answers, "4.2 Item 4.2");
    assert_eq!(
        overridden[..3],
        [
            "4.2 Item 4.2 ✓ Yes",
            "Is 4.2 done?",
            "Overrides the head office: this site's own answer; the head office answered No.",
        ]
        .map(str::to_owned)
    );
    assert!(
        overridden[3].starts_with("Answered by Pat Site on 28/11/2026;"),
        "{overridden:?}"
    );
}
