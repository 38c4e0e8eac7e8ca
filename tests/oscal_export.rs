//! OSCAL assessment-results and POA&M exports of a real assessment, validated against NIST's
//! OSCAL 1.2.3 JSON Schema (tests/fixtures/oscal/schema-1.2.3) with format checking on.

mod common;
#[path = "support/oscal_schema.rs"]
mod oscal_schema;

use common::{Sandbox, run};

use oscal_schema::assert_valid;

/// An assessment with every kind of answer, evidence files and a named document.
fn assessment() -> Sandbox {
    let s = Sandbox::new();
    assert_eq!(
        run(
            &s,
            &[
                "new",
                "--org",
                "OSCAL Care",
                "--site",
                "Leeds",
                "--checklist",
                "dspt-social-care",
                "--checklist",
                "cyber-essentials"
            ]
        )
        .0,
        0
    );
    let file = s.path().join("mfa-settings.png");
    std::fs::write(&file, b"screenshot").expect("write");
    let f = file.to_string_lossy().into_owned();
    for args in [
        &[
            "answer",
            "1.1.1",
            "yes",
            "--value",
            "ZA123456",
            "--evidence",
            &f,
            "--document",
            "Office file",
        ][..],
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
            "--note",
            "Not on the care system yet",
        ],
        &["answer", "1.1.2", "partial"],
        &[
            "answer",
            "9.2.1",
            "alt",
            "--justification",
            "Supplier scans quarterly",
        ],
        &[
            "answer",
            "1.3.12",
            "na",
            "--justification",
            "No data leaves the home",
        ],
        &["answer", "UA-MFA", "yes", "--evidence", &f],
    ] {
        let (code, _, err) = run(&s, args);
        assert_eq!(code, 0, "{args:?}: {err}");
    }
    s
}

#[test]
fn assessment_results_validate_and_map_every_answer() {
    let s = assessment();
    let (code, out, err) = run(&s, &["export", "--format", "oscal-ar"]);
    assert_eq!(code, 0, "{err}");
    let doc: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_valid(&doc);
    let result = &doc["assessment-results"]["results"][0];
    let findings = result["findings"].as_array().expect("findings");
    assert_eq!(findings.len(), 6, "one finding per answered item");
    let find = |id: &str| {
        findings
            .iter()
            .find(|f| f["target"]["target-id"] == id)
            .unwrap_or_else(|| panic!("{id}"))
    };
    let ico = find("dspt-social-care_1.1.1");
    assert_eq!(
        (
            ico["target"]["status"]["state"].as_str(),
            ico["target"]["implementation-status"]["state"].as_str()
        ),
        (Some("satisfied"), Some("implemented"))
    );
    let mfa = find("dspt-social-care_4.5.3");
    assert_eq!(mfa["target"]["implementation-status"]["state"], "planned");
    assert_eq!(mfa["remarks"], "Not on the care system yet");
    assert_eq!(
        find("dspt-social-care_1.1.2")["target"]["implementation-status"]["state"],
        "partial"
    );
    let alt = find("dspt-social-care_9.2.1");
    assert_eq!(
        alt["target"]["implementation-status"]["state"],
        "alternative"
    );
    assert!(
        alt["remarks"]
            .as_str()
            .expect("remarks")
            .contains("Supplier scans quarterly")
    );
    assert_eq!(
        find("dspt-social-care_1.3.12")["target"]["implementation-status"]["state"],
        "not-applicable"
    );
    assert_eq!(
        find("UA-MFA")["target"]["status"]["state"],
        "satisfied",
        "token ids are kept as they are"
    );
    // Evidence files are back-matter resources carrying their SHA-256.
    let resources = doc["assessment-results"]["back-matter"]["resources"]
        .as_array()
        .expect("resources");
    let hashes: Vec<&str> = resources
        .iter()
        .filter_map(|r| r["rlinks"][0]["hashes"][0]["value"].as_str())
        .collect();
    let expected = carecheck::digest::sha256_hex(b"screenshot");
    assert_eq!(hashes, [expected.as_str(), expected.as_str()]);
    // The schema really is checked: breaking the document makes it invalid.
    let ar = oscal_schema::validator();
    for breakage in [
        "/assessment-results/results/0/findings/0/target/implementation-status/state",
        "/assessment-results/uuid",
        "/assessment-results/metadata/last-modified",
    ] {
        let mut broken = doc.clone();
        *broken.pointer_mut(breakage).expect("path") = serde_json::json!("not-valid here");
        assert!(!ar.is_valid(&broken), "schema accepted a broken {breakage}");
    }
    // Re-exporting the same state gives the same ids.
    let again: serde_json::Value =
        serde_json::from_str(&run(&s, &["export", "--format", "oscal-ar"]).1).expect("JSON");
    assert_eq!(
        again["assessment-results"]["uuid"],
        doc["assessment-results"]["uuid"]
    );
    assert_eq!(
        again["assessment-results"]["results"][0]["findings"][0]["uuid"],
        findings[0]["uuid"]
    );
}

#[test]
fn the_poam_validates_with_an_item_per_gap() {
    let s = assessment();
    let (code, out, err) = run(&s, &["export", "--format", "oscal-poam"]);
    assert_eq!(code, 0, "{err}");
    let doc: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_valid(&doc);
    let items = doc["plan-of-action-and-milestones"]["poam-items"]
        .as_array()
        .expect("items");
    assert_eq!(items.len(), 2);
    assert!(
        items[0]["title"]
            .as_str()
            .expect("title")
            .starts_with("dspt-social-care:1.1.2"),
        "the gap blocking Approaching Standards first"
    );
    assert!(
        items[1]["description"]
            .as_str()
            .expect("description")
            .contains("Sam, by 2027-01-31; priority high")
    );
}

#[test]
fn an_empty_assessment_still_validates_and_a_poam_without_gaps_is_refused() {
    let s = Sandbox::new();
    assert_eq!(run(&s, &["new", "--org", "Empty"]).0, 0);
    let (code, out, _) = run(&s, &["export", "--format", "oscal-ar"]);
    assert_eq!(code, 0);
    assert_valid(&serde_json::from_str(&out).expect("JSON"));
    let (code, _, err) = run(&s, &["export", "--format", "oscal-poam"]);
    assert_eq!(code, 1);
    assert!(err.contains("there are no gaps"), "{err}");
}

/// The objective's status is the one judge's: a Yes whose value falls short is not satisfied
/// (it was "satisfied" because it said Yes), and neither is last year's answer before it is
/// confirmed.
#[test]
fn a_yes_that_does_not_count_is_not_satisfied() {
    let s = assessment();
    let (code, _, err) = run(&s, &["answer", "3.2.1", "yes", "--value", "80%"]);
    assert_eq!(code, 0, "{err}");
    let findings = |s: &Sandbox, id: &str| {
        let (code, out, err) = run(s, &["export", "--format", "oscal-ar", "-a", id]);
        assert_eq!(code, 0, "{err}");
        let doc: serde_json::Value = serde_json::from_str(&out).expect("JSON");
        assert_valid(&doc);
        doc["assessment-results"]["results"][0]["findings"]
            .as_array()
            .expect("findings")
            .clone()
    };
    let state = |findings: &[serde_json::Value], target: &str| {
        let f = findings
            .iter()
            .find(|f| f["target"]["target-id"] == target)
            .unwrap_or_else(|| panic!("{target}"));
        (
            f["target"]["status"]["state"].as_str().map(str::to_owned),
            f["target"]["implementation-status"]["state"]
                .as_str()
                .map(str::to_owned),
            f["remarks"].as_str().unwrap_or_default().to_owned(),
        )
    };
    let now = findings(&s, "oscal-care-leeds");
    let (objective, implementation, remarks) = state(&now, "dspt-social-care_3.2.1");
    assert_eq!(objective.as_deref(), Some("not-satisfied"));
    assert_eq!(implementation.as_deref(), Some("implemented"));
    assert!(remarks.contains("below"), "{remarks}");

    assert_eq!(
        run(&s, &["renew", "--force", "-a", "oscal-care-leeds"]).0,
        0
    );
    let renewed = findings(&s, "oscal-care-leeds-2");
    let (objective, _, remarks) = state(&renewed, "dspt-social-care_1.1.1");
    assert_eq!(objective.as_deref(), Some("not-satisfied"), "{remarks}");
    assert!(remarks.contains("to confirm"), "{remarks}");
}
