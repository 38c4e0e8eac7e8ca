//! The evidence pack as an auditor, an owner and a typographer read it: the verdict on page 1,
//! identifiers from the profile, every question, the action text, inherited answers, whole
//! identifiers, units kept, and a pack fingerprint that follows the evidence. Text is read back
//! with poppler's pdftotext; dates are pinned with CARECHECK_TODAY.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use common::{Sandbox, safe_text, tool_output};

const TODAY: &str = "2026-11-28";

/// Runs carecheck with a timeout and a fixed day; returns (exit code, stdout, stderr).
fn cc(s: &Sandbox, args: &[&str]) -> (i32, String, String) {
    let output = s
        .cmd()
        .env("CARECHECK_TODAY", TODAY)
        .timeout(Duration::from_secs(120))
        .args(args)
        .output()
        .expect("runs");
    let stderr = safe_text(&output.stderr);
    assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    (
        output.status.code().unwrap_or(-1),
        safe_text(&output.stdout),
        stderr,
    )
}

/// Whether the words of `phrase` appear in `text` in order (a table cell's wrapped lines may
/// be read with a neighbouring cell's text between them).
fn in_order(text: &str, phrase: &str) -> bool {
    let mut words = text.split(' ');
    phrase.split(' ').all(|w| words.any(|t| t == w))
}

fn ok(s: &Sandbox, args: &[&str]) -> String {
    let (code, out, err) = cc(s, args);
    assert_eq!(code, 0, "{args:?}: {err}");
    out
}

fn report(s: &Sandbox, name: &str, extra: &[&str]) -> (i32, String, String, PathBuf) {
    let path = s.out(name);
    let p = path.to_string_lossy().into_owned();
    let mut args = vec!["report", "-o", &p];
    args.extend_from_slice(extra);
    let (code, out, err) = cc(s, &args);
    (code, out, err, path)
}

/// The text of `pages` (first, last) in reading order, whitespace collapsed, so a sentence
/// that wraps still matches.
fn text(path: &Path, pages: Option<(usize, usize)>) -> String {
    let p = path.to_string_lossy().into_owned();
    let (first, last) = pages.map_or((String::new(), String::new()), |(a, b)| {
        (a.to_string(), b.to_string())
    });
    let mut args = vec![];
    if pages.is_some() {
        args.extend(["-f", first.as_str(), "-l", last.as_str()]);
    }
    args.extend([p.as_str(), "-"]);
    let raw = tool_output("pdftotext", &args);
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A DSPT and Cyber Essentials assessment with a profile, gaps with actions, a percentage,
/// N/A, met another way and a piece of evidence.
fn setup(s: &Sandbox) -> PathBuf {
    ok(
        s,
        &[
            "new",
            "--org",
            "Sunnyside Care",
            "--site",
            "Leeds",
            "--assessor",
            "Jo Bloggs",
            "--checklist",
            "dspt-social-care",
            "--checklist",
            "cyber-essentials",
            "--ods",
            "VNABC",
            "--cqc-provider",
            "1-101234567",
            "--cqc-location",
            "1-987654321",
            "--ico",
            "ZA123456",
            "--address",
            "1 High Street, Leeds",
            "--covers",
            "Leeds home",
            "--period-start",
            "2025-07-01",
            "--period-end",
            "2026-06-30",
        ],
    );
    let evidence = s.path().join("backup-policy.pdf");
    fs::write(&evidence, "policy v1").expect("write");
    let ev = evidence.to_string_lossy().into_owned();
    ok(
        s,
        &[
            "answer",
            "3.2.1",
            "yes",
            "--value",
            "96.8",
            "--evidence",
            &ev,
            "--review-by",
            "2027-06-01",
        ],
    );
    ok(
        s,
        &[
            "answer",
            "4.5.3",
            "no",
            "--action",
            "Buy a second backup drive kept off site",
            "--owner",
            "Sam Patel",
            "--due",
            "2027-01-31",
            "--priority",
            "high",
        ],
    );
    ok(
        s,
        &[
            "answer",
            "1.3.13",
            "na",
            "--justification",
            "We hold no paper records off site",
        ],
    );
    ok(
        s,
        &[
            "answer",
            "9.2.1",
            "alt",
            "--justification",
            "Supplier scans quarterly under contract",
        ],
    );
    for id in ["SCOPE-BYOD", "UPD-SUPPORTED", "PLUS-AVCURRENT"] {
        ok(s, &["answer", id, "yes"]);
    }
    evidence
}

#[test]
#[ignore = "needs pdftotext: run with `cargo test -- --include-ignored`, as CI does"]
fn page_one_gives_the_verdict_the_identifiers_and_the_evidence_standing() {
    common::require_tool("pdftotext");
    let s = Sandbox::new();
    setup(&s);
    let (code, out, err, path) = report(&s, "pack.pdf", &[]);
    assert_eq!(code, 0, "{err}");
    let cover = text(&path, Some((1, 1)));
    for expected in [
        "Standards Met: not reached",
        "Approaching Standards",
        "Cyber Essentials: not reached",
        "VNABC",
        "1-101234567",
        "1-987654321",
        "ZA123456",
        "1 High Street, Leeds",
        "Leeds home",
        "01/07/2025 to 30/06/2026",
        "This is the 2025-26 (version 8) edition, whose period ended on 30/06/2026",
        "1 file read again for this pack and matched its recorded SHA-256",
        "Held back by: 4.5.3 Multi-factor authentication on remote access (not in place)",
    ] {
        assert!(
            cover.contains(expected),
            "page 1 lacks {expected:?}:\n{cover}"
        );
    }
    assert!(
        !cover.contains("Evidence pack · "),
        "no running header on the cover"
    );
    assert!(text(&path, Some((2, 2))).contains("Evidence pack · 28/11/2026"));
    // The pack fingerprint is printed, and on the cover.
    let pack_line = out
        .lines()
        .find_map(|l| l.strip_prefix("Pack fingerprint: "))
        .expect("pack fingerprint line");
    assert_eq!(pack_line.len(), 64);
    assert!(cover.contains(pack_line));
    // Never a level the summary does not reach.
    assert!(!cover.contains("✓ Standards Met"), "{cover}");
}

#[test]
#[ignore = "needs pdftotext: run with `cargo test -- --include-ignored`, as CI does"]
fn items_show_questions_values_exceptions_and_whole_identifiers() {
    common::require_tool("pdftotext");
    let s = Sandbox::new();
    setup(&s);
    let (code, _, err, path) = report(&s, "pack.pdf", &[]);
    assert_eq!(code, 0, "{err}");
    let all = text(&path, None);
    let library = carecheck::checklist::Library::load(None).0;
    for id in ["dspt-social-care", "cyber-essentials"] {
        for item in library.get(id).expect("bundled").checklist.items() {
            let question = item
                .question
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            assert!(
                all.contains(&question),
                "question of {id}:{} missing: {question}",
                item.id
            );
        }
    }
    for expected in [
        "96.8%",
        "Buy a second backup drive kept off site",
        "Sam Patel",
        "31/01/2027",
        "Not applicable because: We hold no paper records off site",
        "Met another way because: Supplier scans quarterly under contract",
        "Answered by Jo Bloggs on 28/11/2026",
        "backup-policy.pdf",
    ] {
        assert!(all.contains(expected), "missing {expected:?}");
    }
    // Identifiers extract whole: never split by a line break or a hyphenation.
    let words: Vec<&str> = all.split(' ').collect();
    for id in [
        "SCOPE-BYOD",
        "UPD-SUPPORTED",
        "PLUS-AVCURRENT",
        "SCOPE-INVENTORY",
    ] {
        assert!(words.contains(&id), "{id} is not extracted whole");
    }
    // Evidence by name, never by its full path.
    let folder = s.path().to_string_lossy().into_owned();
    assert!(!all.contains(&format!("{folder}/backup-policy.pdf")));
    // Exception pages name N/A and met another way separately.
    assert!(all.contains("Exceptions Not applicable"), "exceptions page");
}

#[test]
#[ignore = "needs pdftotext: run with `cargo test -- --include-ignored`, as CI does"]
fn the_pack_fingerprint_follows_the_evidence_files() {
    common::require_tool("pdftotext");
    let s = Sandbox::new();
    let evidence = setup(&s);
    let fingerprints = |out: &str| -> (String, String) {
        let line = |prefix: &str| {
            out.lines()
                .find_map(|l| l.strip_prefix(prefix))
                .expect("line")
                .to_owned()
        };
        (line("Assessment fingerprint: "), line("Pack fingerprint: "))
    };
    let (_, first, _, _) = report(&s, "one.pdf", &[]);
    let (_, again, _, _) = report(&s, "two.pdf", &[]);
    assert_eq!(fingerprints(&first), fingerprints(&again), "repeatable");
    fs::write(&evidence, "policy v2, edited").expect("edit");
    let (code, changed, err, path) = report(&s, "changed.pdf", &[]);
    assert_eq!(code, 1, "a changed file fails the command: {err}");
    let (assessment, pack) = fingerprints(&changed);
    assert_eq!(
        assessment,
        fingerprints(&first).0,
        "the answers did not change"
    );
    assert_ne!(pack, fingerprints(&first).1, "the pack shows the change");
    let cover = text(&path, Some((1, 1)));
    assert!(cover.contains("Evidence needs attention"), "{cover}");
    let all = text(&path, None);
    assert!(
        all.contains("evidence needs attention"),
        "marked on the item"
    );
    assert!(all.contains("CHANGED since recorded"));
}

#[test]
#[ignore = "needs pdftotext: run with `cargo test -- --include-ignored`, as CI does"]
fn a_site_pack_says_which_answers_come_from_its_head_office() {
    common::require_tool("pdftotext");
    let s = Sandbox::new();
    ok(
        &s,
        &[
            "new",
            "--org",
            "Oak Group",
            "--head-office",
            "--checklist",
            "dspt-social-care",
        ],
    );
    ok(
        &s,
        &[
            "answer",
            "-a",
            "oak-group",
            "1.1.1",
            "yes",
            "--value",
            "ZA999",
        ],
    );
    let id = ok(
        &s,
        &[
            "new",
            "--org",
            "Oak Group",
            "--site",
            "Elm House",
            "--inherit-from",
            "oak-group",
            "--checklist",
            "dspt-social-care",
        ],
    );
    let (code, _, err, path) = report(&s, "site.pdf", &["-a", id.trim()]);
    assert_eq!(code, 0, "{err}");
    let all = text(&path, None);
    assert!(all.contains("Inherited from Oak Group"), "{all}");
    assert!(text(&path, Some((1, 1))).contains("Head office"));
}

#[test]
#[ignore = "needs pdftotext: run with `cargo test -- --include-ignored`, as CI does"]
fn the_action_plan_and_the_entry_sheet_stand_alone() {
    common::require_tool("pdftotext");
    let s = Sandbox::new();
    setup(&s);
    ok(&s, &["answer", "6.3.5", "no"]);
    let (code, _, err, plan) = report(&s, "plan.pdf", &["--action-plan"]);
    assert_eq!(code, 0, "{err}");
    let plan_text = text(&plan, None);
    for expected in [
        "Action plan: Sunnyside Care · Leeds",
        "Buy a second backup drive kept off site",
        "Sam Patel",
        "Blocks: Standards Met",
        "No action recorded",
    ] {
        assert!(
            in_order(&plan_text, expected),
            "plan lacks {expected:?}: {plan_text}"
        );
    }
    assert!(!plan_text.contains("Sign-off"), "the plan alone");

    let (code, _, err, sheet) = report(&s, "sheet.pdf", &["--entry-sheet"]);
    assert_eq!(code, 0, "{err}");
    let sheet_text = text(&sheet, None);
    assert!(sheet_text.contains("ODS code VNABC"), "{sheet_text}");
    assert!(sheet_text.contains("Evidence held: backup-policy.pdf (review by 01/06/2027)"));
    assert!(sheet_text.contains("Not applicable because We hold no paper records off site"));
    // In the toolkit's order: 1.x before 2.x ... before 10.x.
    let at = |id: &str| {
        sheet_text
            .find(&format!(" {id} "))
            .unwrap_or_else(|| panic!("{id} missing"))
    };
    assert!(at("1.1.1") < at("2.1.1") && at("9.5.2") < at("10.1.2"));

    // A sheet for an assessment without the DSPT is refused, plainly.
    ok(
        &s,
        &[
            "new",
            "--org",
            "Ten Steps Care",
            "--checklist",
            "ncsc-10-steps",
        ],
    );
    let p = s.out("none.pdf").to_string_lossy().into_owned();
    let (code, _, err) = cc(
        &s,
        &["report", "-a", "ten-steps-care", "--entry-sheet", "-o", &p],
    );
    assert_eq!(code, 1);
    assert!(err.contains("does not answer a DSPT checklist"), "{err}");
}

#[test]
#[ignore = "needs qpdf: run with `cargo test -- --include-ignored`, as CI does"]
fn the_document_is_british_english_with_an_outline_and_no_false_pdfx_claim() {
    common::require_tool("qpdf");
    let s = Sandbox::new();
    setup(&s);
    let (_, _, _, path) = report(&s, "pack.pdf", &[]);
    let bytes = fs::read(&path).expect("read");
    assert!(bytes.starts_with(b"%PDF-1.7"));
    let json: serde_json::Value =
        serde_json::from_str(&tool_output("qpdf", &["--json", &path.to_string_lossy()]))
            .expect("qpdf JSON");
    let objects = json["qpdf"][1].as_object().expect("objects");
    let catalog = objects
        .values()
        .find_map(|o| {
            o["value"]
                .as_object()
                .filter(|v| v.get("/Type").is_some_and(|t| t == "/Catalog"))
        })
        .expect("catalog");
    assert_eq!(catalog["/Lang"], "u:en-GB");
    assert_eq!(catalog["/PageMode"], "/UseOutlines", "a name, not a string");
    let info = objects
        .values()
        .find_map(|o| {
            o["value"]
                .as_object()
                .filter(|v| v.contains_key("/Producer"))
        })
        .expect("info");
    assert!(!info.contains_key("/GTS_PDFXVersion"), "{info:?}");
}

#[test]
fn the_profile_is_recorded_in_the_journal_and_shown() {
    let s = Sandbox::new();
    ok(
        &s,
        &["new", "--org", "Birch Care", "--checklist", "ncsc-10-steps"],
    );
    let shown = ok(&s, &["profile"]);
    assert!(shown.contains("ODS code:          not recorded"), "{shown}");
    let shown = ok(
        &s,
        &[
            "profile",
            "--ods",
            "VNXYZ",
            "--covers",
            "Birch House",
            "--covers",
            "Birch Lodge",
        ],
    );
    assert!(shown.contains("ODS code:          VNXYZ"), "{shown}");
    assert!(shown.contains("Birch House; Birch Lodge"), "{shown}");
    let journal = fs::read_to_string(
        s.path()
            .join("assessments")
            .join("birch-care")
            .join("journal.jsonl"),
    )
    .expect("journal");
    let last = journal.lines().last().expect("an entry");
    assert!(
        last.contains("details-changed") && last.contains("VNXYZ"),
        "{last}"
    );
    // Cleared with an empty value; the rest kept.
    let shown = ok(&s, &["profile", "--ods", ""]);
    assert!(shown.contains("ODS code:          not recorded") && shown.contains("Birch Lodge"));
    let (code, _, err) = cc(
        &s,
        &[
            "profile",
            "--period-start",
            "2026-07-01",
            "--period-end",
            "2026-06-30",
        ],
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("starts (01/07/2026) after it ends (30/06/2026)"),
        "{err}"
    );
}

#[test]
#[ignore = "needs pdftotext: run with `cargo test -- --include-ignored`, as CI does"]
fn a_cjk_name_prints_whole_or_the_command_says_which_font_to_install() {
    common::require_tool("pdftotext");
    let s = Sandbox::new();
    ok(
        &s,
        &[
            "new",
            "--org",
            "Lotus Care",
            "--assessor",
            "张伟",
            "--checklist",
            "ncsc-10-steps",
        ],
    );
    let (code, _, err, path) = report(&s, "cjk.pdf", &[]);
    assert_eq!(code, 0, "{err}");
    let cover = text(&path, Some((1, 1)));
    if cover.contains("张伟") {
        assert!(!err.contains("no installed font"), "{err}");
    } else {
        assert!(
            err.contains("no installed font can draw 张伟 (Chinese, Japanese or Korean)")
                && err.contains("fonts-noto-cjk"),
            "neither drawn nor warned: {err}"
        );
    }
    // Arabic is joined (drawn in its presentation forms, which extract in logical order and
    // are the same text under NFKC) and needs no warning; Urdu letters it cannot join do.
    ok(&s, &["answer", "RISK", "yes", "--note", "ملاحظة سلام"]);
    let (_, _, err, path) = report(&s, "rtl.pdf", &[]);
    assert!(!err.contains("Arabic"), "{err}");
    let shaped = carecheck::report::scripts::shape_arabic("ملاحظة سلام", &|_| true);
    let all: String = text(&path, None)
        .chars()
        .filter(|c| !matches!(c, '\u{202a}'..='\u{202e}'))
        .collect();
    assert!(all.contains(&shaped), "{shaped:?} not in the text");
    ok(&s, &["answer", "RISK", "yes", "--note", "پاکستان"]);
    let (_, _, err, _) = report(&s, "urdu.pdf", &[]);
    assert!(err.contains("cannot join (پاکستان)"), "{err}");
}

#[test]
#[ignore = "needs pdftotext: run with `cargo test -- --include-ignored`, as CI does"]
fn the_change_log_appears_only_when_asked_for() {
    common::require_tool("pdftotext");
    let s = Sandbox::new();
    setup(&s);
    let (_, _, _, plain) = report(&s, "plain.pdf", &[]);
    assert!(!text(&plain, None).contains("Change log"));
    let (code, _, err, path) = report(&s, "history.pdf", &["--history"]);
    assert_eq!(code, 0, "{err}");
    let all = text(&path, None);
    assert!(all.contains("Change log"), "{all}");
    assert!(all.contains("assessment started"));
    // The item by its official id and title, never the internal key.
    assert!(
        in_order(&all, "4.5.3 Multi-factor authentication No"),
        "{all}"
    );
    assert!(!all.contains("dspt-social-care:4.5.3"), "{all}");
}

#[test]
fn exports_carry_the_profile() {
    let s = Sandbox::new();
    setup(&s);
    let md = ok(&s, &["export", "--format", "md"]);
    assert!(md.contains("- **ODS code**: VNABC"), "{md}");
    assert!(
        md.contains("- **Period assessed**: 01/07/2025 to 30/06/2026"),
        "{md}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&ok(&s, &["export", "--format", "json"])).expect("json");
    assert_eq!(json["profile"]["cqc_location_id"], "1-987654321");
}

#[test]
fn a_pack_named_without_a_folder_is_written_and_reported_as_written() {
    let s = Sandbox::new();
    ok(
        &s,
        &["new", "--org", "Ash Care", "--checklist", "ncsc-10-steps"],
    );
    for args in [
        vec!["report", "-o", "bare.pdf"],
        vec!["report"],
        vec!["export", "--format", "md", "-o", "bare.md"],
    ] {
        let output = s
            .cmd()
            .current_dir(s.out(""))
            .env("CARECHECK_TODAY", TODAY)
            .timeout(Duration::from_secs(120))
            .args(&args)
            .output()
            .expect("runs");
        assert!(
            output.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    assert!(s.out("bare.pdf").is_file());
    assert!(s.out("ash-care-evidence-2026-11-28.pdf").is_file());
    assert!(s.out("bare.md").is_file());
}

#[test]
#[ignore = "needs qpdf and pdftotext: run with `cargo test -- --include-ignored`, as CI does"]
fn the_action_plan_links_to_each_item() {
    common::require_tool("qpdf");
    common::require_tool("pdftotext");
    let s = Sandbox::new();
    setup(&s);
    let (_, _, _, path) = report(&s, "pack.pdf", &[]);
    let json: serde_json::Value =
        serde_json::from_str(&tool_output("qpdf", &["--json", &path.to_string_lossy()]))
            .expect("qpdf JSON");
    let pages: Vec<String> = json["pages"]
        .as_array()
        .expect("pages")
        .iter()
        .map(|p| p["object"].as_str().expect("object").to_owned())
        .collect();
    let objects = &json["qpdf"][1];
    let page_text = |index: usize| text(&path, Some((index + 1, index + 1)));
    let plan = (0..pages.len())
        .find(|&i| {
            page_text(i)
                .starts_with("Sunnyside Care · Leeds Evidence pack · 28/11/2026 Action plan")
        })
        .expect("the action plan page");
    let targets: Vec<usize> = objects[format!("obj:{}", pages[plan])]["value"]["/Annots"]
        .as_array()
        .expect("links on the action plan")
        .iter()
        // Each annotation is an object of its own (the tagged PDF's structure points at it).
        .map(|a| &objects[format!("obj:{}", a.as_str().unwrap_or_default())]["value"])
        .filter_map(|a| a["/A"]["/D"][0].as_str())
        .filter_map(|to| pages.iter().position(|p| p == to))
        .collect();
    assert!(!targets.is_empty());
    assert!(
        targets
            .iter()
            .any(|&t| page_text(t)
                .contains("4.5.3 Multi-factor authentication on remote access ✗ No")),
        "no link reaches item 4.5.3"
    );
}

#[test]
#[ignore = "needs pdftotext: run with `cargo test -- --include-ignored`, as CI does"]
fn hebrew_reads_right_to_left_and_extracts_in_order() {
    common::require_tool("pdftotext");
    let s = Sandbox::new();
    ok(
        &s,
        &[
            "new",
            "--org",
            "Cedar Care",
            "--assessor",
            "שרה כהן",
            "--checklist",
            "ncsc-10-steps",
        ],
    );
    let (code, _, err, path) = report(&s, "he.pdf", &[]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("warning"), "Hebrew needs no warning: {err}");
    // poppler marks right-to-left text with embedding controls; the letters are in order.
    let cover: String = text(&path, Some((1, 1)))
        .chars()
        .filter(|c| !matches!(c, '\u{202a}'..='\u{202e}'))
        .collect();
    assert!(cover.contains("שרה כהן"), "{cover}");
}
