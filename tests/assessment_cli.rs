//! `new`, `answer`, `status`, `list` and `upgrade` end to end through the built binary.

mod common;

use common::{Sandbox, run, status_json};

fn new_assessment(sandbox: &Sandbox, args: &[&str]) -> String {
    let mut all = vec!["new"];
    all.extend_from_slice(args);
    let (code, stdout, stderr) = run(sandbox, &all);
    assert_eq!(code, 0, "{stderr}");
    stdout.trim().to_owned()
}

#[test]
fn new_answer_status_round_trip() {
    let s = Sandbox::new();
    let id = new_assessment(
        &s,
        &[
            "--org",
            "Sunnyside Care",
            "--site",
            "Leeds",
            "--assessor",
            "Jo Bloggs",
        ],
    );
    assert_eq!(id, "sunnyside-care-leeds");

    let (code, out, err) = run(
        &s,
        &[
            "answer",
            "1.1.1",
            "yes",
            "--value",
            "ZA123456",
            "--note",
            "Renewed in May",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("dspt-social-care:1.1.1 ICO registration: Yes (saved)"),
        "{out}"
    );
    let (code, _, err) = run(
        &s,
        &["answer", "dspt-social-care:3.2.1", "yes", "--value", "80%"],
    );
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run(
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
            "--flag",
        ],
    );
    assert_eq!(code, 0, "{err}");

    let json = status_json(&s, &id);
    assert_eq!(json["organisation"], "Sunnyside Care");
    assert_eq!(json["site"], "Leeds");
    assert_eq!(
        json["answers"]["dspt-social-care:1.1.1"]["value"],
        "ZA123456"
    );
    assert_eq!(
        json["answers"]["dspt-social-care:1.1.1"]["note"],
        "Renewed in May"
    );
    assert_eq!(
        json["answers"]["dspt-social-care:4.5.3"]["action"]["owner"],
        "Sam"
    );
    assert_eq!(
        json["answers"]["dspt-social-care:4.5.3"]["action"]["priority"],
        "high"
    );
    assert_eq!(json["answers"]["dspt-social-care:4.5.3"]["flagged"], true);
    let dspt = &json["checklists"][0];
    assert_eq!(dspt["id"], "dspt-social-care");
    assert_eq!(dspt["tally"]["answered"], 3);
    assert_eq!(dspt["tally"]["met"], 1, "80% is below the 95% threshold");
    let met = dspt["levels"]
        .as_array()
        .expect("levels")
        .iter()
        .find(|l| l["id"] == "met")
        .expect("met level");
    let blockers: Vec<&str> = met["blocking"]
        .as_array()
        .expect("blocking")
        .iter()
        .map(|b| b["item"].as_str().expect("id"))
        .collect();
    assert!(
        blockers.contains(&"3.2.1") && blockers.contains(&"4.5.3") && !blockers.contains(&"1.1.1")
    );
    assert_eq!(json["all_levels_reached"], false);

    let (code, out, _) = run(&s, &["status"]);
    assert_eq!(code, 1, "levels not reached: exit 1");
    assert!(out.contains("Standards Met: "), "{out}");
    assert!(
        out.contains(
            "blocked by 3.2.1 95% of staff trained this year: answered Yes but 80% is below the 95% required"
        ),
        "{out}"
    );
}

#[test]
fn status_exits_zero_once_every_level_is_reached() {
    let s = Sandbox::new();
    new_assessment(&s, &["--org", "Tiny", "--checklist", "ncsc-10-steps"]);
    for item in [
        "RISK", "TRAINING", "ASSETS", "ARCH", "VULN", "IAM", "DATA", "LOGGING", "INCIDENT",
    ] {
        assert_eq!(run(&s, &["answer", item, "yes"]).0, 0);
    }
    assert_eq!(run(&s, &["status"]).0, 1);
    let (code, _, err) = run(&s, &["answer", "SUPPLY", "na"]);
    assert_eq!(
        code, 1,
        "a mandatory item needs a reason to be not applicable"
    );
    assert!(err.contains("add --justification"), "{err}");
    let (code, _, err) = run(
        &s,
        &[
            "answer",
            "SUPPLY",
            "na",
            "--justification",
            "No suppliers: we run everything ourselves",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let (code, out, _) = run(&s, &["status"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("All ten steps managed: reached (10 of 10 items)"),
        "{out}"
    );
}

#[test]
fn alternative_needs_a_justification_and_nothing_is_saved_without_one() {
    let s = Sandbox::new();
    let id = new_assessment(&s, &["--org", "Alt Care"]);
    let (code, _, err) = run(&s, &["answer", "9.2.1", "alt"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("needs a justification") && err.contains("add --justification"),
        "{err}"
    );
    assert!(
        status_json(&s, &id)["answers"]
            .as_object()
            .expect("answers")
            .is_empty()
    );
    let (code, _, err) = run(
        &s,
        &[
            "answer",
            "9.2.1",
            "alt",
            "--justification",
            "IT supplier runs quarterly scans",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        status_json(&s, &id)["answers"]["dspt-social-care:9.2.1"]["status"],
        "alternative"
    );
}

#[test]
fn evidence_files_are_fingerprinted_and_a_missing_one_saves_nothing() {
    let s = Sandbox::new();
    let id = new_assessment(&s, &["--org", "Evidence Care"]);
    let file = s.path().join("ICO certificate £ 2026.pdf");
    std::fs::write(&file, b"certificate").expect("write");
    let file_arg = file.to_string_lossy().into_owned();
    let (code, _, err) = run(
        &s,
        &[
            "answer",
            "1.1.1",
            "yes",
            "--evidence",
            &file_arg,
            "--evidence-date",
            "2026-05-01",
            "--document",
            "Fire folder, office",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let evidence = &status_json(&s, &id)["answers"]["dspt-social-care:1.1.1"]["evidence"];
    assert_eq!(
        evidence[0]["source"]["sha256"],
        "03d66dd08835c1ca3f128cceacd1f31ac94163096b20f445ae84285bc0832d72"
    );
    assert_eq!(evidence[0]["source"]["size"], 11);
    assert_eq!(evidence[0]["dated"], "2026-05-01");
    assert_eq!(evidence[1]["source"]["name"], "Fire folder, office");

    let missing = s.path().join("gone.pdf").to_string_lossy().into_owned();
    let (code, _, err) = run(&s, &["answer", "1.1.2", "yes", "--evidence", &missing]);
    assert_eq!(code, 1);
    assert!(err.contains("gone.pdf: no such file"), "{err}");
    assert!(
        status_json(&s, &id)["answers"]
            .get("dspt-social-care:1.1.2")
            .is_none()
    );
}

#[test]
fn bad_values_items_and_statuses_are_refused_clearly() {
    let s = Sandbox::new();
    new_assessment(
        &s,
        &[
            "--org",
            "Values Care",
            "--checklist",
            "dspt-social-care",
            "--checklist",
            "first-hour-starter",
        ],
    );
    let cases: [(&[&str], i32, &str); 6] = [
        (
            &["answer", "3.2.1", "yes", "--value", "lots"],
            1,
            "--value: `lots` is not a percentage",
        ),
        (
            &["answer", "7.3.4", "yes", "--value", "2999-01-01"],
            1,
            "--value: 01/01/2999 is in the future",
        ),
        (
            &["answer", "4.5.3", "yes", "--value", "1"],
            1,
            "--value: this item asks for no value",
        ),
        (
            &["answer", "9.9.9", "yes"],
            1,
            "no checklist in this assessment has an item `9.9.9`",
        ),
        (
            &["answer", "cyber-essentials:UA-MFA", "yes"],
            1,
            "this assessment does not use checklist `cyber-essentials`",
        ),
        (&["answer", "4.5.3", "maybe"], 2, "`maybe` is not a status"),
    ];
    for (args, want_code, want) in cases {
        let (code, _, err) = run(&s, args);
        assert_eq!(code, want_code, "{args:?}: {err}");
        assert!(err.contains(want), "{args:?}: {err}");
    }
}

#[test]
fn assessments_are_found_by_id_prefix_or_organisation() {
    let s = Sandbox::new();
    let a = new_assessment(&s, &["--org", "Oak House", "--site", "North"]);
    let b = new_assessment(&s, &["--org", "Oak House", "--site", "South"]);
    let c = new_assessment(&s, &["--org", "Birch Lodge"]);
    assert_eq!(
        (a.as_str(), b.as_str(), c.as_str()),
        ("oak-house-north", "oak-house-south", "birch-lodge")
    );
    assert_eq!(
        run(&s, &["answer", "-a", "birch lodge", "1.1.1", "yes"]).0,
        0
    );
    assert_eq!(
        run(&s, &["answer", "-a", "oak-house-s", "1.1.1", "yes"]).0,
        0
    );
    let (code, _, err) = run(&s, &["answer", "-a", "oak", "1.1.1", "yes"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("matches more than one assessment: oak-house-north, oak-house-south"),
        "{err}"
    );
    let (code, _, err) = run(&s, &["status", "-a", "elm"]);
    assert_eq!(code, 1);
    assert!(err.contains("no assessment matches `elm`"), "{err}");
    // Without -a: the one used last.
    assert_eq!(run(&s, &["answer", "1.1.2", "yes"]).0, 0);
    assert!(
        status_json(&s, "oak-house-south")["answers"]
            .get("dspt-social-care:1.1.2")
            .is_some()
    );

    let (code, out, _) = run(&s, &["list"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("birch-lodge") && out.contains("1/50 (2%)"),
        "{out}"
    );
}

#[test]
fn a_second_id_for_the_same_name_and_an_empty_store_are_handled() {
    let s = Sandbox::new();
    let (code, _, err) = run(&s, &["status"]);
    assert_eq!(code, 1);
    assert!(err.contains("no assessments yet"), "{err}");
    assert_eq!(
        run(&s, &["list"]).1.trim(),
        "No assessments yet. Start one with: carecheck new --org \"Your organisation\""
    );
    assert_eq!(new_assessment(&s, &["--org", "Same"]), "same");
    assert_eq!(new_assessment(&s, &["--org", "Same"]), "same-2");
    let (code, _, err) = run(&s, &["new", "--org", "X", "--checklist", "nope"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("there is no checklist `nope`; choose from: dspt-social-care"),
        "{err}"
    );
}

#[test]
fn upgrading_keeps_answers_to_removed_items_as_orphans() {
    let s = Sandbox::new();
    let dir = s.path().join("checklists");
    std::fs::create_dir_all(&dir).expect("mkdir");
    let v1 = std::fs::read_to_string(common::fixtures().join("valid/every-field.toml"))
        .expect("fixture");
    std::fs::write(dir.join("mine.toml"), &v1).expect("write");
    let id = new_assessment(&s, &["--org", "Orphan Care", "--checklist", "demo-full"]);
    assert_eq!(
        run(
            &s,
            &["answer", "1.5", "yes", "--value", "Z1", "--note", "keep me"]
        )
        .0,
        0
    );
    assert_eq!(run(&s, &["answer", "1.1", "yes"]).0, 0);

    // The next edition drops item 1.5.
    let cut = v1
        .find("\n[[sections.items]]\nid = \"1.5\"")
        .expect("item 1.5");
    let v2 = v1[..cut].replace("edition = \"1\"", "edition = \"2\"") + "\n";
    std::fs::write(dir.join("mine.toml"), v2).expect("write");
    assert_eq!(
        status_json(&s, &id)["checklists"][0]["newer_edition_available"],
        true
    );

    let (code, out, err) = run(&s, &["upgrade"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("demo-full: now 2"), "{out}");
    assert!(
        out.contains("Kept 1 answer for items the new edition no longer has:\n  demo-full:1.5"),
        "{out}"
    );
    let json = status_json(&s, &id);
    assert_eq!(json["orphaned"][0], "demo-full:1.5");
    assert_eq!(json["orphaned_answers"]["demo-full:1.5"]["note"], "keep me");
    assert_eq!(json["checklists"][0]["edition"], "2");
    assert_eq!(json["checklists"][0]["tally"]["total"], 4);
    let (_, text, _) = run(&s, &["status"]);
    assert!(
        text.contains("Answers kept for items no longer in their checklist:\n  demo-full:1.5"),
        "{text}"
    );
}

#[test]
fn an_answer_given_once_can_count_everywhere_it_applies() {
    let s = Sandbox::new();
    let id = new_assessment(
        &s,
        &[
            "--org",
            "Once Care",
            "--checklist",
            "dspt-social-care",
            "--checklist",
            "cyber-essentials",
            "--checklist",
            "first-hour-starter",
        ],
    );
    // 6.2.1 and the starter's SH7 are the same control (anti-malware on every computer);
    // Cyber Essentials' MW-PROTECT also allows allow-listing instead, so it only helps with
    // it and is never offered.
    let (code, out, _) = run(&s, &["answer", "6.2.1", "yes"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("also counts towards: first-hour-starter:SH7 (unanswered) (add --propagate"),
        "{out}"
    );
    assert!(
        !out.contains("MW-PROTECT"),
        "related items are not offered: {out}"
    );
    assert!(
        status_json(&s, &id)["answers"]
            .get("first-hour-starter:SH7")
            .is_none(),
        "nothing changes without --propagate"
    );
    let (code, out, err) = run(
        &s,
        &[
            "answer",
            "6.2.1",
            "alt",
            "--justification",
            "The supplier's managed service runs anti-malware on every computer",
            "--propagate",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("first-hour-starter:SH7: Alternative (saved, same as dspt-social-care:6.2.1)"),
        "{out}"
    );
    let answers = &status_json(&s, &id)["answers"];
    let linked = &answers["first-hour-starter:SH7"];
    assert_eq!(linked["status"], "alternative");
    assert_eq!(
        linked["justification"],
        "The supplier's managed service runs anti-malware on every computer"
    );
    assert!(answers.get("cyber-essentials:MW-PROTECT").is_none());
}

/// The case from the one-core issue: propagating never destroys work already recorded, and
/// never answers an assessor's hands-on test.
#[test]
fn propagation_skips_answered_items_and_assessor_tests() {
    let s = Sandbox::new();
    let id = new_assessment(
        &s,
        &[
            "--org",
            "Q",
            "--checklist",
            "dspt-social-care",
            "--checklist",
            "cyber-essentials",
            "--checklist",
            "first-hour-starter",
        ],
    );
    let (code, _, err) = run(
        &s,
        &[
            "answer",
            "6.2.1",
            "no",
            "--owner",
            "Deputy manager",
            "--due",
            "2027-01-31",
            "--action",
            "Ask the IT supplier to put anti-malware on the office PC",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = run(&s, &["answer", "SH7", "yes", "--propagate"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(
            "skipped dspt-social-care:6.2.1: already answered No (use --propagate-overwrite to replace it)"
        ),
        "{out}"
    );
    assert!(
        !out.contains("PLUS-"),
        "an assessor's test is never offered: {out}"
    );
    let answers = &status_json(&s, &id)["answers"];
    let kept = &answers["dspt-social-care:6.2.1"];
    assert_eq!(kept["status"], "no", "6.2.1 keeps its own answer");
    assert_eq!(kept["action"]["owner"], "Deputy manager");
    assert_eq!(
        kept["action"]["text"],
        "Ask the IT supplier to put anti-malware on the office PC"
    );
    assert_eq!(kept["action"]["status"], "open");
    assert!(answers.get("cyber-essentials:PLUS-EMAIL").is_none());

    // Only an explicit overwrite replaces it.
    let (code, out, err) = run(&s, &["answer", "SH7", "yes", "--propagate-overwrite"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("dspt-social-care:6.2.1: Yes (saved, same as first-hour-starter:SH7)"),
        "{out}"
    );
    let answers = &status_json(&s, &id)["answers"];
    assert_eq!(answers["dspt-social-care:6.2.1"]["status"], "yes");
    assert!(answers.get("cyber-essentials:PLUS-EMAIL").is_none());
}

#[test]
fn dates_are_typed_the_uk_way_and_stored_iso() {
    let s = Sandbox::new();
    new_assessment(
        &s,
        &["--org", "Dates Care", "--checklist", "dspt-social-care"],
    );
    let (code, _, err) = run(
        &s,
        &[
            "answer",
            "1.1.2",
            "partial",
            "--value",
            "15/09/2026",
            "--due",
            "1 Mar 2027",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let json = status_json(&s, "dates-care");
    let answer = &json["answers"]["dspt-social-care:1.1.2"];
    assert_eq!(answer["value"], "2026-09-15");
    assert_eq!(answer["action"]["due"], "2027-03-01");
    let (code, _, err) = run(&s, &["answer", "1.1.2", "partial", "--due", "03/15/2027"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("write it as DD/MM/YYYY"), "{err}");
}

#[test]
fn a_checklist_can_be_added_later_and_removed_keeping_its_answers() {
    let s = Sandbox::new();
    new_assessment(
        &s,
        &["--org", "Later Care", "--checklist", "dspt-social-care"],
    );
    let (code, out, err) = run(
        &s,
        &[
            "checklists",
            "add",
            "first-hour-starter",
            "-a",
            "later-care",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Added First hour"), "{out}");
    let (code, _, err) = run(
        &s,
        &[
            "answer",
            "first-hour-starter:SH1",
            "yes",
            "-a",
            "later-care",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = run(
        &s,
        &[
            "checklists",
            "remove",
            "first-hour-starter",
            "-a",
            "later-care",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("Its 1 answer is kept in the journal and the assessment"),
        "{out}"
    );
    let json = status_json(&s, "later-care");
    assert_eq!(
        json["orphaned_answers"]["first-hour-starter:SH1"]["status"], "yes",
        "the answer is still in the assessment, shown as orphaned"
    );
    let (code, out, err) = run(&s, &["checklists", "add", "first-hour-starter"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("1 answer given before it was removed counts again"),
        "{out}"
    );
    let (code, out, _) = run(&s, &["checklists", "add", "first-hour-starter"]);
    assert_eq!(code, 1, "{out}");
    let (code, _, err) = run(&s, &["checklists", "remove", "first-hour-starter"]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run(&s, &["checklists", "remove", "dspt-social-care"]);
    assert_eq!(code, 1);
    assert!(err.contains("only checklist"), "{err}");
    let (code, _, err) = run(&s, &["checklists", "add", "no-such-list"]);
    assert_eq!(code, 1);
    assert!(err.contains("no checklist `no-such-list`"), "{err}");
    // Plain `carecheck checklists` still lists.
    let (code, out, _) = run(&s, &["checklists"]);
    assert_eq!(code, 0);
    assert!(out.contains("cyber-essentials"), "{out}");
}

/// What people read on the terminal is in UK dates: `list`, `status` and `diff` never show an
/// ISO timestamp or a YYYY-MM-DD value.
#[test]
fn list_status_and_diff_show_uk_dates() {
    let s = Sandbox::new();
    assert_eq!(run(&s, &["new", "--org", "Birch Care"]).0, 0);
    assert_eq!(
        run(&s, &["answer", "7.3.4", "yes", "--value", "20/11/2026"]).0,
        0
    );
    let iso_time = |text: &str| {
        text.split_whitespace()
            .any(|w| w.len() == 20 && w.ends_with('Z') && w.contains('T'))
    };
    let (_, list, _) = run(&s, &["list"]);
    assert!(
        list.contains("28/11/2026") && list.contains(" UTC"),
        "{list}"
    );
    assert!(!iso_time(&list), "{list}");
    let (_, status, _) = run(&s, &["status"]);
    assert!(status.contains("Last change: 28/11/2026 "), "{status}");
    assert!(!iso_time(&status), "{status}");
    // Renewing this period's own assessment needs --force (the renew guard).
    assert_eq!(run(&s, &["renew", "-a", "birch-care", "--force"]).0, 0);
    assert_eq!(
        run(
            &s,
            &[
                "answer",
                "-a",
                "birch-care-2",
                "7.3.4",
                "yes",
                "--value",
                "21/11/2026"
            ]
        )
        .0,
        0
    );
    let (_, diff, _) = run(&s, &["diff", "birch-care", "birch-care-2"]);
    assert!(diff.contains("value 20/11/2026 -> 21/11/2026"), "{diff}");
    assert!(!diff.contains("2026-11-2"), "{diff}");
}
