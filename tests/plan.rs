//! The continuity plan end to end through the real binary: building it, storing it, carrying it
//! in bundles and to sites, printing the one-page incident card and the full plan, and the
//! exercise dates that drive the DSPT 7.2.1 reminder.

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use carecheck::domain::plan::Role;
use carecheck::store::{DataDir, Store};
use common::{Sandbox, safe_text, tool_output};

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

const TODAY: &str = "2026-11-28";

fn ok(s: &Sandbox, args: &[&str]) -> String {
    let (code, out, err) = on(s, TODAY, args);
    assert_eq!(code, 0, "{args:?}: {out}{err}");
    out
}

/// Ten contacts, as a realistic care home would enter them.
const CONTACTS: [(&str, &str, &str, &str); 10] = [
    (
        "decides",
        "Sam Patel, registered manager",
        "07700 900001",
        "",
    ),
    (
        "on-call-manager",
        "On-call manager rota",
        "07700 900002",
        "Evenings, nights and weekends",
    ),
    (
        "it-support",
        "Acme IT service desk",
        "0113 496 0000",
        "24 hours; contract ACM-1182",
    ),
    (
        "supplier-helpdesk",
        "CareNotes records and eMAR",
        "0330 088 0000",
        "Quote site code OAK-LS1",
    ),
    (
        "supplier-helpdesk",
        "RotaSafe rostering",
        "0330 088 0001",
        "",
    ),
    (
        "data-protection-lead",
        "Jo Brown, deputy manager",
        "07700 900003",
        "",
    ),
    (
        "bank",
        "Northern Bank business fraud team",
        "0345 600 0000",
        "",
    ),
    (
        "insurer",
        "CyberSure incident line",
        "0800 000 0123",
        "Ring within 24 hours; policy CS-99812",
    ),
    (
        "local-authority",
        "Leeds adult social care contracts",
        "0113 222 4401",
        "",
    ),
    (
        "icb",
        "West Yorkshire ICB digital team",
        "0113 825 0000",
        "Weekdays",
    ),
];

/// A care home with a realistic plan: ten contacts, a service, an adjusted step, an exercise.
fn realistic(s: &Sandbox) -> &'static str {
    ok(s, &["new", "--org", "Oak House Care", "--site", "Leeds"]);
    for (role, name, phone, notes) in CONTACTS {
        ok(
            s,
            &[
                "plan", "contact", "add", "--role", role, "--name", name, "--phone", phone,
                "--notes", notes,
            ],
        );
    }
    ok(
        s,
        &[
            "plan",
            "service",
            "add",
            "emar",
            "--how-long",
            "Until the next medicines round",
            "--forms-kept",
            "Medicines room, red folder",
        ],
    );
    ok(
        s,
        &[
            "plan",
            "step",
            "add",
            "ransomware",
            "Ring the pharmacy if the next round is at risk.",
            "--at",
            "8",
        ],
    );
    ok(
        s,
        &[
            "plan",
            "exercise",
            "add",
            "--date",
            "14/03/2026",
            "--scenario",
            "No internet at 7am",
            "--participant",
            "Sam Patel",
            "--participant",
            "Night seniors",
            "--went-wrong",
            "Paper MAR charts were a month old",
            "--action",
            "Print MAR charts every week",
        ],
    );
    "oak-house-care-leeds"
}

fn pdf_path(s: &Sandbox, name: &str) -> PathBuf {
    s.out(name)
}

fn pdf_text(path: &Path) -> String {
    tool_output("pdftotext", &["-layout", &path.to_string_lossy(), "-"])
}

#[test]
fn plan_records_are_stored_with_the_assessment_and_survive_reopening() {
    let s = Sandbox::new();
    let id = realistic(&s);
    let store = Store::new(DataDir::new(s.path()));
    let open = store.open_read_only(id).expect("opens");
    let plan = &open.assessment.plan;
    assert_eq!(plan.contacts.len(), 10);
    assert_eq!(
        plan.contacts["supplier-helpdesk-2"].name,
        "RotaSafe rostering"
    );
    assert_eq!(plan.contacts["insurer"].role, Role::Insurer);
    assert_eq!(
        plan.services["emar"].forms_kept,
        "Medicines room, red folder"
    );
    // Adopting a suggested service keeps carecheck's suggested fallback.
    assert!(plan.services["emar"].fallback.contains("Paper MAR"));
    assert_eq!(
        plan.steps["ransomware"][7],
        "Ring the pharmacy if the next round is at risk."
    );
    let exercise = &plan.exercises["E1"];
    assert_eq!(exercise.date.uk(), "14/03/2026");
    assert_eq!(exercise.participants, ["Sam Patel", "Night seniors"]);
    // Every change went through the journal.
    let history = open.history().expect("history");
    let plan_entries = history
        .iter()
        .filter(|e| matches!(e.change, carecheck::domain::assessment::Event::Plan { .. }))
        .count();
    assert_eq!(plan_entries, 13);

    // Removing works and is recorded too.
    ok(&s, &["plan", "contact", "remove", "icb"]);
    ok(&s, &["plan", "step", "reset", "ransomware"]);
    let open = store.open_read_only(id).expect("opens");
    assert!(!open.assessment.plan.contacts.contains_key("icb"));
    assert!(open.assessment.plan.steps.is_empty());
}

#[test]
fn bad_plan_input_is_refused_with_a_clear_message_and_nothing_changes() {
    let s = Sandbox::new();
    let id = realistic(&s);
    let store = Store::new(DataDir::new(s.path()));
    let before = store.open_read_only(id).expect("opens").assessment;
    for (args, expected) in [
        (
            vec![
                "plan",
                "exercise",
                "add",
                "--date",
                "31/02/2026",
                "--scenario",
                "x",
            ],
            "DD/MM/YYYY",
        ),
        (
            vec!["plan", "step", "add", "flood", "Bail water"],
            "no incident `flood`",
        ),
        (
            vec!["plan", "step", "remove", "ransomware", "40"],
            "no step 40",
        ),
        (
            vec!["plan", "contact", "remove", "plumber"],
            "no contact `plumber`",
        ),
        (
            vec![
                "plan", "contact", "add", "--role", "plumber", "--name", "P", "--phone", "1",
            ],
            "not a contact role",
        ),
        (
            vec!["plan", "contact", "add", "--role", "bank", "--name", "B"],
            "a phone number or an email",
        ),
        (
            vec!["plan", "service", "add", "lifts"],
            "not a suggested service, so give it a name",
        ),
    ] {
        let (code, out, err) = on(&s, TODAY, &args);
        assert_ne!(code, 0, "{args:?} should fail: {out}");
        assert!(err.contains(expected), "{args:?}: {err}");
    }
    assert_eq!(store.open_read_only(id).expect("opens").assessment, before);
}

#[test]
#[ignore = "needs pdfinfo and pdftotext: run with `cargo test -- --include-ignored`, as CI does"]
fn the_incident_card_is_one_page_with_the_numbers_and_the_steps() {
    common::require_tool("pdfinfo");
    common::require_tool("pdftotext");
    let s = Sandbox::new();
    realistic(&s);
    let path = pdf_path(&s, "card.pdf");
    let out = ok(
        &s,
        &["report", "--incident-card", "-o", &path.to_string_lossy()],
    );
    // Ten contacts, the national lines and six incidents in readable type: both sides of one
    // sheet (tests/incident_card.rs checks the sizes).
    assert!(out.contains("(2 pages,"), "{out}");
    let info = tool_output("pdfinfo", &[&path.to_string_lossy()]);
    assert!(
        info.lines()
            .any(|l| l.starts_with("Pages:") && l.trim_end().ends_with(" 2")),
        "{info}"
    );
    let text = pdf_text(&path);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for (_, _, phone, _) in CONTACTS {
        assert!(flat.contains(phone), "card lacks {phone}:\n{text}");
    }
    // National numbers, and when they were checked.
    for number in ["0303 123 1113", "0300 123 2040", "03000 616161", "101"] {
        assert!(flat.contains(number), "card lacks {number}");
    }
    assert!(
        flat.contains("National numbers were checked against their sources on 28/11/2026"),
        "{text}"
    );
    // All six incidents, with their steps (one adjusted by the provider).
    for title in [
        "suspicious email",
        "ransomware",
        "lost or stolen",
        "supplier",
        "taken over",
        "wrong person",
    ] {
        assert!(flat.contains(title), "card lacks {title}");
    }
    // The steps are set in columns: read them in reading order, not across the page.
    let steps = tool_output("pdftotext", &[&path.to_string_lossy(), "-"])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(steps.contains("Ring the pharmacy if the next round is at risk."));
    assert!(steps.contains("Do not pay, reply or follow the message."));
    assert!(flat.contains("printed 28/11/2026"));
}

#[test]
#[ignore = "needs pdfinfo and pdftotext: run with `cargo test -- --include-ignored`, as CI does"]
fn each_critical_suppliers_helpdesk_reaches_the_card_and_the_plan_from_the_register() {
    common::require_tool("pdfinfo");
    common::require_tool("pdftotext");
    let s = Sandbox::new();
    realistic(&s);
    for (name, support) in [
        // Named by the plan's "CareNotes records and eMAR" contact: the plan's number counts.
        ("CareNotes Ltd", "0330 000 9999"),
        // Not in the plan: the register's support contact is the number to ring.
        ("Acme Care Records Ltd", "0113 496 0999 (24/7)"),
        // Neither: missing.
        ("MedsOnline", ""),
    ] {
        let mut args = vec!["supplier", "add", name, "--critical", "yes"];
        if !support.is_empty() {
            args.extend(["--support", support]);
        }
        ok(&s, &args);
    }
    let card = pdf_path(&s, "card.pdf");
    let out = ok(
        &s,
        &["report", "--incident-card", "-o", &card.to_string_lossy()],
    );
    assert!(out.contains("(2 pages,"), "{out}");
    let flat = |path: &Path| {
        tool_output("pdftotext", &[&path.to_string_lossy(), "-"])
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let text = flat(&card);
    for expected in [
        // The register's free text split: the number in its column, the note under the name.
        "Acme Care Records Ltd (supplier register) (24/7) 0113 496 0999",
        "MedsOnline (critical supplier): not in the plan yet",
        "0330 088 0000",
    ] {
        assert!(text.contains(expected), "card lacks {expected:?}:\n{text}");
    }
    assert!(!text.contains("0330 000 9999"), "{text}");
    assert!(!text.contains("CareNotes Ltd"), "{text}");

    let plan = pdf_path(&s, "plan.pdf");
    ok(
        &s,
        &["report", "--continuity-plan", "-o", &plan.to_string_lossy()],
    );
    let text = flat(&plan);
    for expected in [
        "Acme Care Records Ltd",
        "0113 496 0999 (24/7)",
        "(from your supplier register)",
        "MedsOnline",
        "its helpdesk is not recorded yet",
    ] {
        assert!(text.contains(expected), "plan lacks {expected:?}:\n{text}");
    }
    assert!(!text.contains("0330 000 9999"), "{text}");

    // The Markdown export lists the same helpdesks.
    let markdown = ok(&s, &["plan", "export", "--format", "md"]);
    assert!(
        markdown.contains("| Supplier helpdesk | Acme Care Records Ltd | 0113 496 0999 \\(24/7\\) |  | from your supplier register |"),
        "{markdown}"
    );
    assert!(
        markdown.contains(
            "| Supplier helpdesk | MedsOnline |  |  | critical supplier: not in the plan yet |"
        ),
        "{markdown}"
    );
}

#[test]
#[ignore = "needs pdfinfo: run with `cargo test -- --include-ignored`, as CI does"]
fn the_card_keeps_to_one_sheet_in_readable_type_or_says_what_to_shorten() {
    common::require_tool("pdfinfo");
    let s = Sandbox::new();
    realistic(&s);
    let step = "Write the time, who found it and what they saw in the incident log in the office.";
    let path = pdf_path(&s, "card.pdf");
    let card = &["report", "--incident-card", "-o", &path.to_string_lossy()];
    ok(&s, &["plan", "step", "add", "lost-device", step]);
    ok(&s, card);
    let info = tool_output("pdfinfo", &[&path.to_string_lossy()]);
    assert!(info.contains("Pages:           2"), "{info}");
    std::fs::remove_file(&path).expect("remove");
    // A long step on every incident is more than two sides hold at 10 points: the card is
    // refused (type is never shrunk below what a night senior can read) and says what to do.
    for incident in [
        "phishing-click",
        "ransomware",
        "supplier-outage",
        "email-takeover",
        "wrong-recipient",
    ] {
        ok(&s, &["plan", "step", "add", incident, step]);
    }
    let (code, _, err) = on(&s, TODAY, card);
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        err.trim_end(),
        "carecheck: the incident card does not fit on the two sides of one sheet even at the smallest readable type (10 points): shorten the first-hour steps or the contacts' notes (`carecheck plan show`)"
    );
    assert!(!path.exists());
}

#[test]
#[ignore = "needs pdftotext: run with `cargo test -- --include-ignored`, as CI does"]
fn the_continuity_plan_has_every_part_with_sources_and_review_dates() {
    common::require_tool("pdftotext");
    let s = Sandbox::new();
    realistic(&s);
    let path = pdf_path(&s, "plan.pdf");
    ok(
        &s,
        &["report", "--continuity-plan", "-o", &path.to_string_lossy()],
    );
    let (_, status, _) = on(&s, TODAY, &["status"]);
    assert!(
        status.contains("action from the last exercise: Print MAR charts every week"),
        "{status}"
    );
    let text = pdf_text(&path);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "Continuity plan: Oak House Care · Leeds",
        "Continuity plan last tested 14/03/2026",
        "CyberSure incident line",
        "Until the next medicines round",
        "carecheck suggests you consider: Digital care records (care-records)",
        "Reporting duties and their clocks",
        "within 72 hours",
        "review by 28/11/2027",
        "unconfirmed:",
        "Paper MAR charts were a month old",
        "Print MAR charts every week",
        "7.2.1",
    ] {
        assert!(flat.contains(expected), "plan lacks {expected:?}");
    }
}

#[test]
fn the_last_exercise_drives_the_dspt_test_reminder() {
    let s = Sandbox::new();
    ok(&s, &["new", "--org", "Birch Lodge"]);
    let (_, out, _) = on(&s, TODAY, &["status"]);
    assert!(out.contains("Continuity plan never tested"), "{out}");
    assert!(out.contains("Reminders:"), "{out}");
    let out = ok(
        &s,
        &[
            "plan",
            "exercise",
            "add",
            "--date",
            "2026-01-20",
            "--scenario",
            "Ransomware screen",
        ],
    );
    assert!(
        out.contains(
            "carecheck answer 7.2.1 yes --document \"Continuity plan exercise E1, 20/01/2026\""
        ),
        "{out}"
    );
    ok(
        &s,
        &[
            "plan",
            "exercise",
            "add",
            "--date",
            "10/02/2025",
            "--scenario",
            "Older one",
        ],
    );
    // Within twelve months of the latest exercise: no reminder.
    let (_, out, _) = on(&s, "2027-01-20", &["status"]);
    assert!(
        out.contains("last tested 20/01/2026 (DSPT 7.2.1); next test due by 20/01/2027"),
        "{out}"
    );
    assert!(!out.contains("Reminders:"), "{out}");
    // A day later it is overdue.
    let (_, out, _) = on(&s, "2027-01-21", &["status"]);
    assert!(out.contains("Reminders:"), "{out}");
    assert!(
        out.contains("test overdue: last exercise 20/01/2026"),
        "{out}"
    );
    let (_, json, _) = on(&s, "2027-01-21", &["status", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(json["continuity_plan"]["test"]["standing"], "overdue");
    assert_eq!(json["continuity_plan"]["last_exercise"], "E1");
    // Answering 7.2.1 as met without a recent exercise is pointed out.
    ok(&s, &["answer", "7.2.1", "yes"]);
    let (_, out, _) = on(&s, "2027-06-01", &["status"]);
    assert!(
        out.contains("7.2.1 is answered as met, but no exercise in the last 12 months"),
        "{out}"
    );
    // And national numbers past their review date are flagged.
    let (_, out, _) = on(&s, "2027-11-29", &["status"]);
    assert!(out.contains("past their review date"), "{out}");
}

#[test]
fn a_site_uses_its_head_office_plan_until_it_has_its_own() {
    let s = Sandbox::new();
    ok(&s, &["new", "--org", "Elm Group", "--head-office"]);
    ok(
        &s,
        &[
            "plan",
            "-a",
            "elm-group",
            "contact",
            "add",
            "--role",
            "it-support",
            "--name",
            "Group IT",
            "--phone",
            "0113 000 1111",
        ],
    );
    ok(
        &s,
        &[
            "plan",
            "exercise",
            "add",
            "-a",
            "elm-group",
            "--date",
            "01/10/2026",
            "--scenario",
            "Group table-top",
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
            "plan",
            "-a",
            "elm-group",
            "contact",
            "add",
            "--role",
            "insurer",
            "--name",
            "Group insurer",
            "--phone",
            "0800 111 222",
        ],
    );
    let out = ok(&s, &["plan", "show", "-a", "elm-group-york"]);
    assert!(out.contains("Group IT"), "{out}");
    assert!(out.contains("from the head office"), "{out}");
    assert!(out.contains("last tested 01/10/2026"), "{out}");
    ok(
        &s,
        &[
            "plan",
            "contact",
            "add",
            "-a",
            "elm-group-york",
            "--role",
            "it-support",
            "--name",
            "York IT",
            "--phone",
            "01904 000 222",
        ],
    );
    let out = ok(&s, &["plan", "show", "-a", "elm-group-york"]);
    assert!(
        out.contains("York IT") && !out.contains("Group IT"),
        "{out}"
    );
    // Contacts are inherited role by role: the group's insurer still shows, marked.
    assert!(
        out.lines()
            .any(|l| l.contains("Group insurer") && l.contains("(head office)")),
        "{out}"
    );
    // The exercises still come from the head office: the site has none of its own.
    assert!(out.contains("last tested 01/10/2026"), "{out}");
    // Steps the head office adjusted are where a site's own adjustment starts.
    ok(
        &s,
        &[
            "plan",
            "step",
            "add",
            "-a",
            "elm-group",
            "ransomware",
            "Ring the group IT lead.",
        ],
    );
    ok(
        &s,
        &[
            "plan",
            "step",
            "add",
            "-a",
            "elm-group-york",
            "ransomware",
            "Ring York's manager.",
        ],
    );
    let out = ok(&s, &["plan", "show", "-a", "elm-group-york"]);
    assert!(out.contains("10. Ring the group IT lead."), "{out}");
    assert!(out.contains("11. Ring York's manager."), "{out}");
    // And a service the head office described is where the site's own version starts.
    ok(
        &s,
        &[
            "plan",
            "service",
            "add",
            "-a",
            "elm-group",
            "emar",
            "--forms-kept",
            "Group red folder",
        ],
    );
    ok(
        &s,
        &[
            "plan",
            "service",
            "add",
            "-a",
            "elm-group-york",
            "emar",
            "--how-long",
            "Two hours",
        ],
    );
    let store = Store::new(DataDir::new(s.path()));
    let york = store.open_read_only("elm-group-york").expect("opens");
    let emar = &york.assessment.plan.services["emar"];
    assert_eq!(emar.forms_kept, "Group red folder");
    assert_eq!(emar.how_long, "Two hours");
}

#[test]
fn the_plan_exports_as_markdown_and_json_and_travels_in_bundles() {
    let s = Sandbox::new();
    let id = realistic(&s);
    let md = ok(&s, &["plan", "export", "--format", "md"]);
    assert!(
        md.contains("# Continuity plan: Oak House Care · Leeds"),
        "{md}"
    );
    assert!(md.contains("| Insurer's incident line | CyberSure incident line | 0800 000 0123 |"));
    assert!(md.contains("unconfirmed:"));
    assert!(md.contains("28/11/2027"));
    let json = ok(&s, &["plan", "export", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(json["plan"]["contacts"].as_array().map(Vec::len), Some(10));
    assert_eq!(json["plan"]["contacts"][0]["id"], "decides");
    assert_eq!(json["plan"]["contacts"][0]["phone"], "07700 900001");
    assert_eq!(json["plan"]["exercises"][0]["id"], "E1");
    assert_eq!(
        json["starter"]["contacts"][2]["checked"]["confidence"],
        "unconfirmed"
    );
    assert_eq!(json["test"]["last"], "2026-03-14");

    let bundle = s.out("oak.carecheck");
    ok(&s, &["bundle", "-a", id, "-o", &bundle.to_string_lossy()]);
    let other = Sandbox::new();
    let (code, out, err) = on(&other, TODAY, &["unbundle", &bundle.to_string_lossy()]);
    assert_eq!(code, 0, "{out}{err}");
    let shown = ok(&other, &["plan", "show", "-a", id]);
    assert!(shown.contains("CyberSure incident line"), "{shown}");
    assert!(shown.contains("No internet at 7am"), "{shown}");
    let md = ok(&other, &["plan", "export", "-a", id]);
    assert!(md.contains("Ring within 24 hours; policy CS-99812"));

    // Without notes, a contact's notes stay behind (in the file and in the journal).
    let bare = s.out("bare.carecheck");
    ok(
        &s,
        &[
            "bundle",
            "-a",
            id,
            "--no-notes",
            "-o",
            &bare.to_string_lossy(),
        ],
    );
    let third = Sandbox::new();
    let (code, out, err) = on(&third, TODAY, &["unbundle", &bare.to_string_lossy()]);
    assert_eq!(code, 0, "{out}{err}");
    let md = ok(&third, &["plan", "export", "-a", id]);
    assert!(md.contains("CyberSure incident line"), "{md}");
    assert!(!md.contains("CS-99812"), "{md}");
    let journal = std::fs::read_to_string(
        third
            .path()
            .join("assessments")
            .join(id)
            .join("journal.jsonl"),
    )
    .expect("journal");
    assert!(!journal.contains("CS-99812"));
}

#[test]
fn a_relative_output_name_is_written_in_the_current_folder() {
    let s = Sandbox::new();
    realistic(&s);
    let output = s
        .cmd()
        .env("CARECHECK_TODAY", TODAY)
        .timeout(Duration::from_secs(60))
        .current_dir(s.out(""))
        .args(["report", "--incident-card", "-o", "card.pdf"])
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", safe_text(&output.stderr));
    assert!(s.out("card.pdf").is_file());
}

/// Killing carecheck at random moments while it records plan changes never loses a change whose
/// command finished, and never leaves a plan that cannot be read.
#[cfg(unix)]
#[test]
fn sigkill_while_recording_plan_changes_loses_nothing_acknowledged() {
    use std::process::Stdio;
    use std::time::Instant;

    let s = Sandbox::new();
    ok(&s, &["new", "--org", "Crash Care"]);
    let store = Store::new(DataDir::new(s.path()));
    let mut seed: u64 = 0x91a7;
    let mut next = |below: u64| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % below
    };
    let add = |name: &str| {
        let mut cmd = s.std_cmd();
        cmd.env("CARECHECK_TODAY", TODAY).args([
            "plan",
            "-a",
            "crash-care",
            "contact",
            "add",
            "--role",
            "other",
            "--name",
            name,
            "--phone",
            "0113 496 0000",
        ]);
        cmd
    };
    let calibrate = Instant::now();
    assert!(
        common::output_within(&mut add("n0"), common::COMMAND_TIMEOUT)
            .status
            .success()
    );
    let full_run = u64::try_from(calibrate.elapsed().as_micros()).expect("fits");
    let mut acknowledged = vec!["n0".to_owned()];
    let mut killed = 0;
    let runs = 120;
    for counter in 1..=runs {
        let name = format!("n{counter}");
        let mut child = add(&name)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(Duration::from_micros(next(full_run * 13 / 10)));
        let _ = child.kill();
        let ended =
            common::wait_within(&mut child, common::COMMAND_TIMEOUT).expect("ends once killed");
        if ended.success() {
            acknowledged.push(name);
        } else {
            killed += 1;
        }
        let open = store
            .open_read_only("crash-care")
            .expect("loads after a kill");
        let names: Vec<&str> = open
            .assessment
            .plan
            .contacts
            .values()
            .map(|c| c.name.as_str())
            .collect();
        for name in &acknowledged {
            assert!(
                names.contains(&name.as_str()),
                "{name} was acknowledged but lost"
            );
        }
    }
    assert!(
        killed > 10 && killed < runs,
        "kills should land both before and after saves ({killed} of {runs})"
    );
    // A normal writer carries on afterwards.
    ok(
        &s,
        &["plan", "-a", "crash-care", "step", "reset", "ransomware"],
    );
}

#[test]
#[ignore = "needs pdftotext: run with `cargo test -- --include-ignored`, as CI does"]
fn control_characters_in_plan_text_never_reach_the_terminal_raw() {
    let s = Sandbox::new();
    ok(&s, &["new", "--org", "Ash Court"]);
    ok(
        &s,
        &[
            "plan",
            "contact",
            "add",
            "--role",
            "it-support",
            "--name",
            "Evil\u{1b}[2J IT\u{202e}",
            "--phone",
            "0113 496 0000",
            "--notes",
            "line\nbreak",
        ],
    );
    ok(
        &s,
        &[
            "plan",
            "step",
            "add",
            "ransomware",
            "Step \u{1b}]0;title\u{7} here",
        ],
    );
    // `on` fails the test if any output carries a raw control character.
    let shown = ok(&s, &["plan", "show"]);
    assert!(shown.contains("\\u{1b}"), "{shown}");
    let md = ok(&s, &["plan", "export", "--format", "md"]);
    assert!(!md.contains('\u{1b}') && !md.contains('\u{202e}'));
    let json = ok(&s, &["plan", "export", "--format", "json"]);
    assert!(!json.contains('\u{1b}'));
    {
        common::require_tool("pdftotext");
        let path = pdf_path(&s, "card.pdf");
        ok(
            &s,
            &["report", "--incident-card", "-o", &path.to_string_lossy()],
        );
        assert!(pdf_text(&path).contains("Evil"));
    }
}

#[test]
#[ignore = "needs pdftotext: run with `cargo test -- --include-ignored`, as CI does"]
fn national_numbers_past_their_review_date_are_marked_on_the_card() {
    common::require_tool("pdftotext");
    let s = Sandbox::new();
    realistic(&s);
    let path = pdf_path(&s, "late.pdf");
    let (code, _, err) = on(
        &s,
        "2027-12-01",
        &["report", "--incident-card", "-o", &path.to_string_lossy()],
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("past its review date"), "{err}");
    let flat = pdf_text(&path)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        flat.contains("Report Fraud · checked 11/2026, due a check 0300 123 2040"),
        "{flat}"
    );
    assert!(flat.contains("printed 01/12/2027"), "{flat}");
}

#[test]
fn a_plan_change_waits_for_the_lock_and_loses_nothing() {
    let s = Sandbox::new();
    let id = realistic(&s);
    let store = Store::new(DataDir::new(s.path()));
    let holder = store.open(id).expect("takes the lock");
    let (code, _, err) = on(
        &s,
        TODAY,
        &[
            "plan", "contact", "add", "--role", "other", "--name", "Late", "--phone", "101",
        ],
    );
    assert_ne!(code, 0);
    assert!(err.contains("is open in another carecheck"), "{err}");
    drop(holder);
    ok(
        &s,
        &[
            "plan", "contact", "add", "--role", "other", "--name", "Late", "--phone", "101",
        ],
    );
    let open = store.open_read_only(id).expect("opens");
    assert_eq!(open.assessment.plan.contacts.len(), 11);
}

/// The evidence pack carries the plan and its exercise as an appendix, beside the DSPT
/// continuity items it is evidence for; an assessment without a plan gets none.
#[test]
#[ignore = "needs pdftotext: run with `cargo test -- --include-ignored`, as CI does"]
fn the_evidence_pack_shows_the_plan_and_its_exercise() {
    common::require_tool("pdftotext");
    let s = Sandbox::new();
    realistic(&s);
    let path = pdf_path(&s, "pack.pdf");
    let (code, _, err) = on(&s, TODAY, &["report", "-o", &path.to_string_lossy()]);
    assert!(code <= 1, "{err}");
    let text = pdf_text(&path);
    for expected in [
        "Appendix: continuity plan and exercises",
        "No internet at 7am",
        "Paper MAR charts were a month old",
    ] {
        assert!(text.contains(expected), "missing {expected:?}");
    }
    ok(&s, &["new", "--org", "No Plan Care"]);
    let bare = pdf_path(&s, "bare.pdf");
    on(&s, TODAY, &["report", "-o", &bare.to_string_lossy()]);
    assert!(!pdf_text(&bare).contains("Appendix: continuity plan"));
}

#[test]
fn exercise_actions_feed_the_action_plan_in_status_and_the_csv() {
    let s = Sandbox::new();
    realistic(&s);
    ok(
        &s,
        &[
            "plan",
            "exercise",
            "add",
            "--date",
            "02/10/2025",
            "--scenario",
            "Older than a year",
            "--action",
            "An action long since overtaken",
        ],
    );
    let (_, json, _) = on(&s, TODAY, &["status", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&json).expect("json");
    let from_exercises: Vec<&serde_json::Value> = json["action_plan"]
        .as_array()
        .expect("action plan")
        .iter()
        .filter(|e| e.get("from_exercise").is_some())
        .collect();
    assert_eq!(from_exercises.len(), 1, "{from_exercises:?}");
    let entry = from_exercises[0];
    assert_eq!(entry["from_exercise"], "E1");
    assert_eq!(entry["item"], "dspt-social-care:7.2.1");
    assert_eq!(entry["action"]["text"], "Print MAR charts every week");
    assert!(
        entry["reason"]
            .as_str()
            .is_some_and(|r| r.contains("exercise E1 on 14/03/2026")),
        "{entry}"
    );
    let csv = ok(&s, &["export", "--actions"]);
    let line = csv
        .lines()
        .find(|l| l.contains("Print MAR charts every week"))
        .unwrap_or_else(|| panic!("the CSV action plan lacks the exercise action:\n{csv}"));
    assert!(line.contains("7.2.1"), "{line}");
    assert!(!csv.contains("long since overtaken"), "{csv}");
    // Removing the exercise takes its actions with it: they were never entered twice.
    ok(&s, &["plan", "exercise", "remove", "E1"]);
    let csv = ok(&s, &["export", "--actions"]);
    assert!(!csv.contains("Print MAR charts every week"), "{csv}");
}
