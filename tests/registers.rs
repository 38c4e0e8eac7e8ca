//! The supplier and risk registers end to end through the real binary: stored and journalled
//! like answers, inherited by a site from its head office, carried in bundles (without notes
//! when asked), a risk's mitigation following the answers, and reminders by date.

mod common;

use std::path::Path;
use std::time::Duration;

use carecheck::domain::registers::{CertificateKind, DataLocation, ServiceKind};
use carecheck::store::{DataDir, Store};
use common::{Sandbox, safe_text};

const TODAY: &str = "2026-11-28";

/// Runs carecheck on `today` with a timeout; returns (code, stdout, stderr).
fn on(s: &Sandbox, today: &str, args: &[&str]) -> (i32, String, String) {
    let output = s
        .cmd()
        .env("CARECHECK_TODAY", today)
        .timeout(Duration::from_secs(60))
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

fn ok(s: &Sandbox, args: &[&str]) -> String {
    let (code, out, err) = on(s, TODAY, args);
    assert_eq!(code, 0, "{args:?}: {out}{err}");
    out
}

fn saved(s: &Sandbox, id: &str) -> carecheck::domain::assessment::Assessment {
    let store = Store::new(DataDir::new(s.path()));
    store.open_read_only(id).expect("opens").assessment
}

/// The saved files of an assessment (not the lock, which names the last process to hold it).
fn files_of(dir: &Path) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .expect("dir")
        .filter_map(Result::ok)
        .filter(|e| e.path().is_file() && e.file_name() != "lock")
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                String::from_utf8_lossy(&std::fs::read(e.path()).expect("read")).into_owned(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn a_supplier_is_stored_journalled_and_read_back_whole() {
    let s = Sandbox::new();
    ok(&s, &["new", "--org", "Oak House Care"]);
    let evidence = s.out("contract.pdf");
    std::fs::write(&evidence, b"signed contract").expect("write");
    let out = ok(
        &s,
        &[
            "supplier",
            "add",
            "Acme Care Records Ltd",
            "--provides",
            "care-records",
            "--provides",
            "emar",
            "--critical",
            "yes",
            "--personal-data",
            "Residents' care plans and medicines",
            "--data-location",
            "uk",
            "--contract-date",
            "1 March 2025",
            "--dpa",
            "yes",
            "--dspt-level",
            "Standards Met",
            "--dspt-date",
            "15/06/2026",
            "--ce",
            "ce-plus",
            "--ce-number",
            "CE-12345",
            "--ce-expires",
            "10-02-2027",
            "--certification",
            "ISO 27001",
            "--breach-hours",
            "24",
            "--support",
            "0113 496 0000, 24 hours",
            "--reviewed",
            "01/06/2026",
            "--evidence",
            &evidence.to_string_lossy(),
            "--answer",
            "SQ-BACKUPS=Daily, kept in a separate account",
            "--notes",
            "Account manager Jo",
        ],
    );
    assert!(
        out.contains("Added supplier acme-care-records-ltd"),
        "{out}"
    );
    let a = saved(&s, "oak-house-care");
    let acme = &a.registers.suppliers["acme-care-records-ltd"];
    assert_eq!(acme.provides, [ServiceKind::CareRecords, ServiceKind::Emar]);
    assert!(acme.critical);
    assert_eq!(acme.data_location, Some(DataLocation::Uk));
    assert_eq!(
        acme.contract.and_then(|c| c.dated).map(|d| d.uk()),
        Some("01/03/2025".into())
    );
    assert!(acme.dpa.is_some_and(|d| d.in_place && d.dated.is_none()));
    let cert = acme.cyber_essentials.as_ref().expect("certificate");
    assert_eq!(cert.kind, CertificateKind::CyberEssentialsPlus);
    assert_eq!(
        (cert.number.as_str(), cert.expires.uk()),
        ("CE-12345", "10/02/2027".into())
    );
    assert_eq!(acme.breach_notice_hours, Some(24));
    assert_eq!(
        acme.answers["SQ-BACKUPS"],
        "Daily, kept in a separate account"
    );
    match &acme.evidence[0].source {
        carecheck::domain::assessment::EvidenceSource::File { sha256, .. } => {
            assert_eq!(sha256, &carecheck::digest::sha256_hex(b"signed contract"));
        }
        other => panic!("{other:?}"),
    }
    // The journal holds the change, so replay rebuilds the same register.
    let journal = std::fs::read_to_string(
        s.path()
            .join("assessments")
            .join("oak-house-care")
            .join("journal.jsonl"),
    )
    .expect("journal");
    assert!(journal.contains(r#""event":"register""#), "{journal}");
    let shown = ok(&s, &["supplier", "show", "acme"]);
    assert!(
        shown.contains("Cyber Essentials Plus no. CE-12345, expires 10/02/2027"),
        "{shown}"
    );
    assert!(shown.contains("within 24 hours"), "{shown}");

    ok(&s, &["supplier", "edit", "acme", "--critical", "no"]);
    // A certificate entered by mistake can be taken off, and another put in its place.
    ok(
        &s,
        &[
            "supplier", "edit", "acme", "--clear", "ce", "--clear", "dspt",
        ],
    );
    let acme = &saved(&s, "oak-house-care").registers.suppliers["acme-care-records-ltd"];
    assert!(acme.cyber_essentials.is_none() && acme.dspt.is_none());
    assert_eq!(acme.breach_notice_hours, Some(24), "other fields stay");
    ok(
        &s,
        &[
            "supplier",
            "edit",
            "acme",
            "--clear",
            "ce",
            "--ce",
            "ce",
            "--ce-expires",
            "01/01/2028",
        ],
    );
    let (code, _, err) = on(&s, TODAY, &["supplier", "edit", "acme", "--clear", "name"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot be cleared"), "{err}");
    assert!(!saved(&s, "oak-house-care").registers.suppliers["acme-care-records-ltd"].critical);
    ok(&s, &["supplier", "remove", "Acme Care Records Ltd"]);
    assert!(saved(&s, "oak-house-care").registers.is_empty());
}

#[test]
fn a_site_inherits_its_head_office_suppliers_and_adds_its_own() {
    let s = Sandbox::new();
    ok(&s, &["new", "--org", "Elm Group", "--head-office"]);
    ok(
        &s,
        &[
            "supplier",
            "add",
            "Acme Records",
            "-a",
            "elm-group",
            "--provides",
            "care-records",
            "--critical",
            "yes",
        ],
    );
    ok(
        &s,
        &[
            "new",
            "--org",
            "Elm Group",
            "--site",
            "York",
            "--inherit-from",
            "elm-group",
        ],
    );
    ok(
        &s,
        &[
            "supplier",
            "add",
            "York Broadband",
            "-a",
            "elm-group-york",
            "--provides",
            "phones-internet",
            "--critical",
            "yes",
        ],
    );
    let list = ok(&s, &["supplier", "list", "-a", "elm-group-york"]);
    assert!(list.contains("Acme Records [head office]"), "{list}");
    assert!(list.contains("York Broadband"), "{list}");
    assert!(
        list.contains("Phones and internet: only York Broadband"),
        "{list}"
    );
    // The head office's own register is untouched by the site.
    let head = ok(&s, &["supplier", "list", "-a", "elm-group"]);
    assert!(!head.contains("York Broadband"), "{head}");
    // A supplier added at the head office later shows at the site too.
    ok(
        &s,
        &[
            "supplier",
            "add",
            "Group Payroll",
            "-a",
            "elm-group",
            "--provides",
            "payroll",
        ],
    );
    let list = ok(&s, &["supplier", "list", "-a", "elm-group-york"]);
    assert!(list.contains("Group Payroll [head office]"), "{list}");
    // The register is evidence for the DSPT supplier items, counted with the inherited ones.
    let (_, status, _) = on(&s, TODAY, &["status", "-a", "elm-group-york"]);
    assert!(
        status.contains(
            "evidence for dspt-social-care:10.1.2: 3 suppliers recorded, 3 without a contract date"
        ),
        "{status}"
    );
    let json = ok(&s, &["supplier", "list", "--json", "-a", "elm-group-york"]);
    let json: serde_json::Value = serde_json::from_str(&json).expect("json");
    let inherited: Vec<bool> = json["suppliers"]
        .as_array()
        .expect("suppliers")
        .iter()
        .map(|s| s["inherited"].as_bool().expect("bool"))
        .collect();
    assert_eq!(inherited, [true, true, false]);
    // The site cannot remove the head office's supplier, and is told where to.
    let (code, _, err) = on(
        &s,
        TODAY,
        &[
            "supplier",
            "remove",
            "group-payroll",
            "-a",
            "elm-group-york",
        ],
    );
    assert_eq!(code, 1);
    assert!(err.contains("head office"), "{err}");
    // Editing it gives the site its own copy, leaving the head office's alone.
    ok(
        &s,
        &[
            "supplier",
            "edit",
            "acme",
            "-a",
            "elm-group-york",
            "--notes",
            "York contract",
        ],
    );
    assert!(
        saved(&s, "elm-group-york")
            .registers
            .suppliers
            .contains_key("acme-records")
    );
    assert!(
        saved(&s, "elm-group").registers.suppliers["acme-records"]
            .notes
            .is_empty()
    );
}

#[test]
fn a_risks_mitigation_follows_the_answers_to_its_items() {
    let s = Sandbox::new();
    ok(&s, &["new", "--org", "Oak House Care"]);
    ok(
        &s,
        &[
            "risk",
            "add",
            "Ransomware",
            "--likelihood",
            "4",
            "--impact",
            "5",
            "--owner",
            "Sam",
            "--mitigated-by",
            "dspt-social-care:6.2.1",
            "--mitigated-by",
            "8.3.1",
        ],
    );
    let standing = |s: &Sandbox| -> serde_json::Value {
        let (_, out, err) = on(s, TODAY, &["status", "--json"]);
        let json: serde_json::Value =
            serde_json::from_str(&out).unwrap_or_else(|_| panic!("{err}"));
        json["registers"]["risks"][0].clone()
    };
    let r = standing(&s);
    assert_eq!(r["mitigation"], "not-in-place");
    assert_eq!(
        (r["inherent"].as_u64(), r["residual"].as_u64()),
        (Some(20), Some(20))
    );
    assert_eq!(r["weak"].as_array().map(Vec::len), Some(2));

    ok(&s, &["answer", "6.2.1", "yes"]);
    let r = standing(&s);
    assert_eq!(r["mitigation"], "partial");
    assert_eq!(r["residual"].as_u64(), Some(15));

    ok(&s, &["answer", "8.3.1", "yes"]);
    let r = standing(&s);
    assert_eq!(r["mitigation"], "in-place");
    assert_eq!(r["residual"].as_u64(), Some(10));

    // An item answered No raises the residual risk again, and is named as the reason.
    ok(&s, &["answer", "8.3.1", "no"]);
    let r = standing(&s);
    assert_eq!(r["mitigation"], "partial");
    assert_eq!(r["residual"].as_u64(), Some(15));
    assert_eq!(r["weak"][0]["item"], "dspt-social-care:8.3.1");
    let shown = ok(&s, &["risk", "show", "ransomware"]);
    assert!(
        shown.contains("keeps it high: dspt-social-care:8.3.1"),
        "{shown}"
    );

    // A supplier named by a risk and then removed is shown as gone, and can be taken off.
    ok(&s, &["supplier", "add", "Acme"]);
    ok(&s, &["risk", "edit", "ransomware", "--supplier", "Acme"]);
    let out = ok(&s, &["supplier", "remove", "acme"]);
    assert!(out.contains("ransomware"), "{out}");
    assert!(ok(&s, &["risk", "show", "ransomware"]).contains("acme (no longer recorded)"));
    ok(&s, &["risk", "edit", "ransomware", "--no-supplier", "acme"]);
    assert!(
        saved(&s, "oak-house-care").registers.risks["ransomware"]
            .suppliers
            .is_empty()
    );

    // The starter set adds every bundled risk once.
    let out = ok(&s, &["risk", "starter"]);
    assert!(out.contains("Added 9 starter risks"), "{out}");
    assert!(ok(&s, &["risk", "starter"]).contains("already recorded"));
    let list = ok(&s, &["risk", "list"]);
    assert!(list.contains("Phishing and payment fraud"), "{list}");
}

#[test]
fn reminders_follow_the_day_and_count_in_the_exit_code() {
    let s = Sandbox::new();
    let checklists = s.path().join("checklists");
    std::fs::create_dir_all(&checklists).expect("dir");
    std::fs::copy(
        common::fixtures().join("valid").join("minimal.toml"),
        checklists.join("demo.toml"),
    )
    .expect("copy");
    ok(
        &s,
        &["new", "--org", "Oak House Care", "--checklist", "demo"],
    );
    ok(&s, &["answer", "1.1", "yes"]);
    let (code, _, _) = on(&s, TODAY, &["status"]);
    assert_eq!(code, 0, "every level reached and nothing due");
    ok(
        &s,
        &[
            "supplier",
            "add",
            "Acme",
            "--ce",
            "ce",
            "--ce-expires",
            "10/02/2027",
            "--reviewed",
            "01/06/2026",
        ],
    );
    // 61 days before expiry: nothing due yet.
    let (code, out, _) = on(&s, "2026-12-11", &["status"]);
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("expires on"), "{out}");
    // 60 days before: a reminder, and status exits 1.
    let (code, out, _) = on(&s, "2026-12-12", &["status"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("Acme: Cyber Essentials certificate expires on 10/02/2027 (in 60 days)"),
        "{out}"
    );
    let (_, json, _) = on(&s, "2027-02-11", &["status", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(
        json["registers"]["reminders"][0]["kind"],
        "certificate-expired"
    );
    // A year after the last review, the supplier is due for review.
    let (_, out, _) = on(&s, "2027-06-01", &["status"]);
    assert!(
        out.contains("Acme: due for review since 01/06/2027"),
        "{out}"
    );
    // A risk's review date works the same way.
    ok(
        &s,
        &["supplier", "edit", "acme", "--ce-expires", "10/02/2028"],
    );
    ok(
        &s,
        &[
            "risk",
            "add",
            "Lost tablet",
            "--likelihood",
            "3",
            "--impact",
            "3",
            "--review-by",
            "01/01/2027",
        ],
    );
    assert_eq!(on(&s, "2026-12-31", &["status"]).0, 0);
    let (code, out, _) = on(&s, "2027-01-01", &["status"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("Risk Lost tablet: due for review since 01/01/2027"),
        "{out}"
    );
}

#[test]
fn bad_input_is_refused_clearly_and_nothing_changes() {
    let s = Sandbox::new();
    ok(&s, &["new", "--org", "Oak House Care"]);
    ok(&s, &["supplier", "add", "Acme", "--critical", "yes"]);
    ok(
        &s,
        &[
            "risk",
            "add",
            "Ransomware",
            "--likelihood",
            "3",
            "--impact",
            "5",
        ],
    );
    let dir = s.path().join("assessments").join("oak-house-care");
    let before = files_of(&dir);
    let refused: [(&[&str], &str); 12] = [
        (
            &[
                "supplier",
                "edit",
                "acme",
                "--ce-expires",
                "31/02/2027",
                "--ce",
                "ce",
            ],
            "is not a date",
        ),
        (
            &["supplier", "edit", "acme", "--reviewed", "15/09/25"],
            "is not a date",
        ),
        (
            &["supplier", "edit", "acme", "--reviewed", "01/01/2030"],
            "in the future",
        ),
        (
            &["supplier", "edit", "acme", "--dspt-level", "Standards Met"],
            "--dspt-date",
        ),
        (
            &["supplier", "edit", "acme", "--ce-expires", "01/01/2027"],
            "--ce",
        ),
        (
            &["supplier", "edit", "acme", "--provides", "plumbing"],
            "is not a service",
        ),
        (
            &["supplier", "edit", "acme", "--answer", "SQ-NOPE=yes"],
            "no question `SQ-NOPE`",
        ),
        (
            &["supplier", "edit", "nobody", "--critical", "no"],
            "no supplier `nobody`",
        ),
        (&["supplier", "add", "Acme"], "already recorded"),
        (
            &["risk", "edit", "ransomware", "--likelihood", "6"],
            "from 1 to 5",
        ),
        (
            &["risk", "edit", "ransomware", "--mitigated-by", "99.9.9"],
            "99.9.9",
        ),
        (
            &["risk", "edit", "ransomware", "--supplier", "Nobody Ltd"],
            "no supplier",
        ),
    ];
    for (args, expected) in refused {
        let (code, out, err) = on(&s, TODAY, args);
        assert_ne!(code, 0, "{args:?} should be refused: {out}");
        assert!(err.contains(expected), "{args:?}: {err}");
        assert_eq!(
            files_of(&dir),
            before,
            "{args:?} changed the saved assessment"
        );
    }
    let missing = s.out("missing.pdf");
    let (code, _, err) = on(
        &s,
        TODAY,
        &[
            "supplier",
            "edit",
            "acme",
            "--evidence",
            &missing.to_string_lossy(),
        ],
    );
    assert_eq!(code, 1);
    assert!(
        err.contains("missing.pdf") && err.contains("nothing was saved"),
        "{err}"
    );
    assert_eq!(files_of(&dir), before);
    // The questionnaire never overwrites a file, and never writes into the data folder.
    let existing = s.out("q.csv");
    std::fs::write(&existing, "keep me").expect("write");
    let (code, _, err) = on(
        &s,
        TODAY,
        &["supplier", "ask", "acme", "-o", &existing.to_string_lossy()],
    );
    assert_eq!(code, 1, "{err}");
    assert_eq!(std::fs::read_to_string(&existing).expect("read"), "keep me");
    let inside = s.path().join("q.csv");
    let (code, _, _) = on(
        &s,
        TODAY,
        &["supplier", "ask", "acme", "-o", &inside.to_string_lossy()],
    );
    assert_eq!(code, 1);
    assert!(!inside.exists());
}

#[test]
fn registers_travel_in_bundles_and_no_notes_leaves_their_notes_behind() {
    let s = Sandbox::new();
    ok(&s, &["new", "--org", "Oak House Care"]);
    ok(
        &s,
        &[
            "supplier",
            "add",
            "Acme",
            "--notes",
            "Private arrangement PX-77",
        ],
    );
    ok(
        &s,
        &[
            "risk",
            "add",
            "Ransomware",
            "--likelihood",
            "3",
            "--impact",
            "5",
            "--notes",
            "Board paper RB-12",
        ],
    );
    let csv = s.out("acme.csv");
    ok(
        &s,
        &[
            "supplier",
            "edit",
            "acme",
            "--answer",
            "SQ-MFA-USERS=Yes, enforced",
        ],
    );
    ok(
        &s,
        &["supplier", "ask", "acme", "-o", &csv.to_string_lossy()],
    );
    let text = std::fs::read_to_string(&csv).expect("csv");
    assert!(text.starts_with('\u{FEFF}'));
    assert!(
        text.contains("SQ-MFA-USERS") && text.contains("\"Yes, enforced\""),
        "{text}"
    );

    let bundle = s.out("oak.carecheck");
    ok(&s, &["bundle", "-o", &bundle.to_string_lossy()]);
    let other = Sandbox::new();
    ok(&other, &["unbundle", &bundle.to_string_lossy()]);
    assert!(ok(&other, &["supplier", "show", "acme"]).contains("PX-77"));

    let bare = s.out("bare.carecheck");
    ok(&s, &["bundle", "--no-notes", "-o", &bare.to_string_lossy()]);
    let third = Sandbox::new();
    ok(&third, &["unbundle", &bare.to_string_lossy()]);
    let a = saved(&third, "oak-house-care");
    assert_eq!(a.registers.suppliers["acme"].name, "Acme");
    assert_eq!(a.registers.risks["ransomware"].impact, 5);
    let dir = third.path().join("assessments").join("oak-house-care");
    for (name, text) in files_of(&dir) {
        assert!(
            !text.contains("PX-77") && !text.contains("RB-12"),
            "{name} keeps a note"
        );
    }
}

#[test]
#[ignore = "needs pdftotext: run with `cargo test -- --include-ignored`, as CI does"]
fn the_registers_pdf_and_the_questionnaire_pdf_carry_their_sections() {
    common::require_tool("pdftotext");
    let s = Sandbox::new();
    ok(&s, &["new", "--org", "Oak House Care"]);
    ok(
        &s,
        &[
            "supplier",
            "add",
            "Acme Records",
            "--provides",
            "care-records",
            "--provides",
            "emar",
            "--critical",
            "yes",
            "--ce",
            "ce",
            "--ce-expires",
            "10/01/2027",
        ],
    );
    ok(
        &s,
        &[
            "supplier",
            "add",
            "MedsOnline",
            "--provides",
            "emar",
            "--critical",
            "yes",
        ],
    );
    ok(
        &s,
        &[
            "risk",
            "add",
            "Ransomware",
            "--likelihood",
            "3",
            "--impact",
            "5",
            "--owner",
            "Sam Patel",
            "--mitigated-by",
            "7.3.4",
            "--supplier",
            "acme-records",
        ],
    );
    let pdf = s.out("registers.pdf");
    ok(&s, &["report", "--registers", "-o", &pdf.to_string_lossy()]);
    let text = common::tool_output("pdftotext", &["-layout", &pdf.to_string_lossy(), "-"]);
    for expected in [
        "Suppliers and risks: Oak House Care",
        "Cyber Essentials certificate expires on 10/01/2027",
        "Supplier register",
        "Digital care records (only Acme Records)",
        "Risk heat map (after controls)",
        "Sam Patel",
        // The mitigating item by its official id: carecheck's internal key is never printed.
        "7.3.4: unanswered",
        // The risk's row names the supplier linked to it.
        "Suppliers: Acme Records",
    ] {
        assert!(text.contains(expected), "{expected}:\n{text}");
    }
    assert!(!text.contains("dspt-social-care:"), "{text}");
    // What stops and what is only affected if Acme goes down: eMAR also comes from MedsOnline.
    let flowing = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flowing.contains("If Acme Records goes down, these stop: Digital care records; affected (also from MedsOnline): eMAR (medicines)"),
        "{flowing}"
    );
    // The command line says the same, from the same computation.
    let list = ok(&s, &["supplier", "list"]);
    assert!(
        list.contains("If Acme Records goes down, these stop: Digital care records; affected (also from MedsOnline): eMAR (medicines)"),
        "{list}"
    );
    let questions = s.out("acme.pdf");
    ok(
        &s,
        &[
            "supplier",
            "ask",
            "acme",
            "-o",
            &questions.to_string_lossy(),
        ],
    );
    let text = common::tool_output("pdftotext", &["-layout", &questions.to_string_lossy(), "-"]);
    assert!(
        text.contains("Security questions for Acme Records"),
        "{text}"
    );
    assert!(text.contains("Backups of our data"), "{text}");
}

/// The evidence pack carries the registers as an appendix once there are any.
#[test]
#[ignore = "needs pdftotext: run with `cargo test -- --include-ignored`, as CI does"]
fn the_evidence_pack_shows_the_registers() {
    common::require_tool("pdftotext");
    let s = Sandbox::new();
    ok(&s, &["new", "--org", "Oak House Care"]);
    let bare = s.out("bare.pdf");
    on(&s, "2026-11-28", &["report", "-o", &bare.to_string_lossy()]);
    let text = common::tool_output("pdftotext", &[&bare.to_string_lossy(), "-"]);
    assert!(!text.contains("Appendix: suppliers and risks"));
    ok(
        &s,
        &["supplier", "add", "Acme Care Records", "--critical", "yes"],
    );
    ok(&s, &["risk", "starter"]);
    let pack = s.out("pack.pdf");
    on(&s, "2026-11-28", &["report", "-o", &pack.to_string_lossy()]);
    let text = common::tool_output("pdftotext", &[&pack.to_string_lossy(), "-"]);
    assert!(text.contains("Appendix: suppliers and risks"), "{text}");
    assert!(text.contains("Acme Care Records"));
}
