//! The PDF evidence pack, built by the real binary and read back with poppler and qpdf.

mod common;

use std::fs;
use std::path::Path;

use common::{Sandbox, require_tool, run, status_json, tool_output};

fn new(s: &Sandbox, args: &[&str]) {
    let mut all = vec!["new"];
    all.extend_from_slice(args);
    assert_eq!(run(s, &all).0, 0);
}

fn report(s: &Sandbox, name: &str) -> (i32, String, String, std::path::PathBuf) {
    let path = s.out(name);
    let p = path.to_string_lossy().into_owned();
    let (code, out, err) = run(s, &["report", "-o", &p]);
    (code, out, err, path)
}

fn pdf_text(path: &Path) -> String {
    tool_output("pdftotext", &["-layout", &path.to_string_lossy(), "-"])
}

fn check_pdf(path: &Path) {
    let out = tool_output("qpdf", &["--check", &path.to_string_lossy()]);
    assert!(out.contains("No syntax or stream encoding errors"), "{out}");
}

/// Every word on every page lies inside the page's text area (the margins leave 40 points).
fn assert_nothing_off_page(path: &Path) {
    let html = tool_output("pdftotext", &["-bbox", &path.to_string_lossy(), "-"]);
    let mut words = 0;
    for line in html.lines().filter(|l| l.trim_start().starts_with("<word")) {
        let attr = |name: &str| -> f32 {
            let start = line.find(&format!("{name}=\"")).expect("attribute") + name.len() + 2;
            line[start..]
                .split('"')
                .next()
                .expect("value")
                .parse()
                .expect("number")
        };
        let (x0, y0, x1, y1) = (attr("xMin"), attr("yMin"), attr("xMax"), attr("yMax"));
        assert!(
            x0 >= 40.0 && x1 <= 595.28 - 40.0 && y0 >= 20.0 && y1 <= 841.89 - 20.0,
            "word off the page: {line}"
        );
        words += 1;
    }
    assert!(words > 50);
}

#[test]
#[ignore = "needs pdftotext and qpdf: run with `cargo test -- --include-ignored`, as CI does"]
fn a_report_shows_every_item_the_summary_and_the_evidence_checks() {
    require_tool("pdftotext");
    require_tool("qpdf");
    let s = Sandbox::new();
    new(
        &s,
        &[
            "--org",
            "Sunnyside Care",
            "--site",
            "Leeds",
            "--assessor",
            "Jo Bloggs",
            "--checklist",
            "dspt-social-care",
            "--checklist",
            "first-hour-starter",
        ],
    );
    let evidence = s.path().join("policy.txt");
    fs::write(&evidence, "policy v1").expect("write");
    let ev = evidence.to_string_lossy().into_owned();
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
                "Renewed in May",
                "--evidence",
                &ev
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
                "high",
                "--flag"
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
                "9.2.1",
                "alt",
                "--justification",
                "Supplier scans quarterly"
            ]
        )
        .0,
        0
    );

    let (code, out, err, path) = report(&s, "pack.pdf");
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with(&format!("Wrote {}", path.display())),
        "{out}"
    );
    check_pdf(&path);
    let info = tool_output("pdfinfo", &[&path.to_string_lossy()]);
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(&format!("{name}:")))
            .map(str::trim)
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(field("Title"), "Evidence pack: Sunnyside Care · Leeds");
    assert_eq!(field("Author"), "Jo Bloggs");
    assert!(field("Creator").starts_with("carecheck "));
    assert!(field("Subject").contains("Data Security and Protection Toolkit"));
    assert!(!field("CreationDate").contains("1970"), "dates are set");
    let pages: usize = field("Pages").parse().expect("number");
    assert!(pages >= 8, "{pages} pages");

    let text = pdf_text(&path);
    let fingerprint = status_json(&s, "sunnyside-care-leeds")["fingerprint"]
        .as_str()
        .expect("fingerprint")
        .to_owned();
    assert!(
        text.contains(&fingerprint),
        "the full fingerprint is on the cover"
    );
    assert!(
        text.contains(&format!("Page 1 of {pages}"))
            && text.contains(&format!("Page {pages} of {pages}"))
    );
    let library = carecheck::checklist::Library::load(None).0;
    for id in ["dspt-social-care", "first-hour-starter"] {
        for item in library.get(id).expect("bundled").checklist.items() {
            assert!(
                text.contains(&format!("{} {}", item.id, item.title)),
                "item {} missing from the report",
                item.id
            );
        }
    }
    for expected in [
        "Evidence pack",
        "Standards Met: not reached",
        "Action plan",
        "Sam",
        "31/01/2027",
        "Supplier scans quarterly",
        "✓ unchanged",
        "Sign-off",
        "ZA123456",
        "Renewed in May",
    ] {
        assert!(text.contains(expected), "missing {expected:?}");
    }
    assert_nothing_off_page(&path);
    let outline: serde_json::Value =
        serde_json::from_str(&tool_output("qpdf", &["--json", &path.to_string_lossy()]))
            .expect("qpdf JSON");
    let bookmarks: Vec<&str> = outline["outlines"]
        .as_array()
        .expect("outlines")
        .iter()
        .filter_map(|o| o["title"].as_str())
        .collect();
    assert_eq!(
        bookmarks,
        [
            "Cover",
            "Summary",
            "Action plan",
            "Exceptions",
            "Answers: Data Security and Protection Toolkit: adult social care",
            "Answers: First hour: the basics that stop most harm",
            "Evidence index",
            "Sign-off",
        ]
    );
    // Each part of the answers lists its sections beneath it, in reading order.
    let answers = &outline["outlines"][4]["kids"];
    let sections: Vec<&str> = answers
        .as_array()
        .expect("sections")
        .iter()
        .filter_map(|o| o["title"].as_str())
        .collect();
    assert_eq!(
        sections.first(),
        Some(&"Standard 1: Personal confidential data")
    );
    assert_eq!(sections.len(), 10, "{sections:?}");

    // The same assessment built again: the same fingerprint.
    let (_, out_again, _, again) = report(&s, "again.pdf");
    assert_eq!(
        out.lines().nth(1),
        out_again.lines().nth(1),
        "fingerprint line"
    );
    assert!(pdf_text(&again).contains(&fingerprint));

    // A changed evidence file is flagged in the output and the report, and the exit code is 1.
    fs::write(&evidence, "policy v2, edited").expect("edit");
    let (code, _, err, changed) = report(&s, "changed.pdf");
    assert_eq!(code, 1);
    assert!(
        err.contains("evidence E1 for dspt-social-care:1.1.1")
            && err.contains("CHANGED since it was recorded"),
        "{err}"
    );
    let text = pdf_text(&changed);
    assert!(
        text.contains("CHANGED") && text.contains("WARNING: 1 evidence file(s) changed"),
        "report marks it"
    );
    fs::remove_file(&evidence).expect("remove");
    let (code, _, err, missing) = report(&s, "missing.pdf");
    assert_eq!(code, 1);
    assert!(err.contains("MISSING"), "{err}");
    assert!(pdf_text(&missing).contains("MISSING"));
}

#[test]
#[ignore = "needs pdftotext and qpdf: run with `cargo test -- --include-ignored`, as CI does"]
fn an_empty_assessment_gives_a_valid_report_that_says_so() {
    require_tool("pdftotext");
    require_tool("qpdf");
    let s = Sandbox::new();
    new(&s, &["--org", "Empty Care", "--checklist", "ncsc-10-steps"]);
    let (code, _, err, path) = report(&s, "empty.pdf");
    assert_eq!(code, 0, "{err}");
    check_pdf(&path);
    let text = pdf_text(&path);
    assert!(
        text.contains("No item has been answered yet"),
        "says so plainly"
    );
    assert!(text.contains("No evidence has been recorded."));
    assert!(text.contains("There are no gaps") || text.contains("no gaps to close"));
}

#[test]
#[ignore = "needs pdftotext and qpdf: run with `cargo test -- --include-ignored`, as CI does"]
fn hostile_text_gives_a_valid_pdf_with_nothing_off_the_page() {
    require_tool("pdftotext");
    require_tool("qpdf");
    let s = Sandbox::new();
    new(
        &s,
        &[
            "--org",
            "Ünïcödé Care “Ørsted” £ \u{202e}evil",
            "--checklist",
            "first-hour-starter",
        ],
    );
    let long_word = "x".repeat(400);
    let long_note = "A long note that goes on. ".repeat(200);
    let hostile = "bell\u{7} esc\u{1b}[2J rtl \u{5e9}\u{5dc}\u{5d5}\u{5dd} arabic \u{645}\u{631}\u{62d}\u{628}\u{627} emoji 😀 zero\u{200b}width cjk 介護";
    assert_eq!(
        run(&s, &["answer", "SH1", "yes", "--note", &long_note]).0,
        0
    );
    assert_eq!(
        run(
            &s,
            &[
                "answer", "SH2", "no", "--note", &long_word, "--owner", &long_word
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
                "SH3",
                "alt",
                "--justification",
                hostile,
                "--note",
                hostile
            ]
        )
        .0,
        0
    );
    let (code, _, err, path) = report(&s, "hostile.pdf");
    assert_eq!(code, 0, "{err}");
    check_pdf(&path);
    assert_nothing_off_page(&path);
    let text = pdf_text(&path);
    assert!(
        text.contains("\\u{1b}[2J") && text.contains("\\u{7}"),
        "controls shown as visible escapes"
    );
    assert!(
        text.contains("\\u{202e}evil"),
        "bidi override shown, not obeyed"
    );
    assert!(!text.contains('\u{1b}') && !text.contains('\u{202e}'));
    assert!(text.contains("Ünïcödé Care “Ørsted” £"));
}

#[test]
fn the_report_never_replaces_a_file_without_force() {
    let s = Sandbox::new();
    new(
        &s,
        &["--org", "Careful Care", "--checklist", "ncsc-10-steps"],
    );
    let precious = s.out("notes.pdf");
    fs::write(&precious, "my notes").expect("write");
    let (code, _, err) = run(&s, &["report", "-o", &precious.to_string_lossy()]);
    assert_eq!(code, 1);
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(fs::read_to_string(&precious).expect("read"), "my notes");
    let (code, _, err) = run(&s, &["report", "-o", &s.outputs.path().to_string_lossy()]);
    assert_eq!(code, 1);
    assert!(err.contains("is a folder"), "{err}");
}

#[cfg(unix)]
#[test]
fn reports_are_private_to_their_owner() {
    use std::os::unix::fs::PermissionsExt;
    let s = Sandbox::new();
    new(
        &s,
        &["--org", "Private Care", "--checklist", "ncsc-10-steps"],
    );
    let (code, _, _, path) = report(&s, "private.pdf");
    assert_eq!(code, 0);
    assert_eq!(
        fs::metadata(&path).expect("stat").permissions().mode() & 0o077,
        0
    );
}

#[test]
fn a_fully_answered_dspt_pack_stays_under_300_kb() {
    use carecheck::domain::assessment::{Answer, Assessment, ChecklistUse, Details, Status};
    use carecheck::domain::checklist::ItemRef;
    use carecheck::domain::date::Timestamp;
    use carecheck::report::{evidence_pack, model::ReportModel};
    use carecheck::workspace::Effective;
    let library = carecheck::checklist::Library::load(None).0;
    let dspt = library.get("dspt-social-care").expect("bundled");
    let used = ChecklistUse {
        id: dspt.checklist.id.clone(),
        title: dspt.checklist.title.clone(),
        edition: dspt.checklist.edition.clone(),
        hash: dspt.hash.clone(),
    };
    let details = Details {
        organisation: "Full Care".into(),
        site: None,
        assessor: None,
        ..Default::default()
    };
    let mut assessment = Assessment::new("full".into(), details, vec![used], Timestamp::now());
    for item in dspt.checklist.items() {
        let mut answer = Answer {
            note: "Checked with the manager and the IT supplier; records are in the office file. "
                .repeat(3),
            ..Answer::default()
        };
        answer.set_status(Status::Yes, Timestamp::now().date());
        assessment
            .answers
            .insert(ItemRef::new("dspt-social-care", &item.id), answer);
    }
    let model = ReportModel::of(
        &Effective::merge(&assessment, None),
        std::slice::from_ref(&dspt.checklist),
        &[],
        Timestamp::now(),
    );
    let pack = evidence_pack(&model).expect("pack");
    assert!(pack.bytes.starts_with(b"%PDF-"));
    assert!(pack.bytes.len() < 300 * 1024, "{} bytes", pack.bytes.len());
}
