//! The OSCAL exports carry each gap's action (text, owner, due date, status) and link evidence
//! with RFC 8089 `file:` URIs, valid under NIST's OSCAL 1.2.3 schema with format checking on.

mod common;
#[path = "support/oscal_schema.rs"]
mod oscal_schema;

use carecheck::oscal::file_uri::{PathFlavour, file_uri};
use common::{Sandbox, run};
use serde_json::{Value, json};

/// An assessment whose evidence lives in a folder named with a space, `#`, `%` and accents,
/// and whose gap has a full action.
fn assessment() -> (Sandbox, std::path::PathBuf) {
    let s = Sandbox::new();
    let (code, _, err) = run(&s, &["new", "--org", "Lark Rise Care"]);
    assert_eq!(code, 0, "{err}");
    let folder = s.path().join("Évidence #2 50%");
    std::fs::create_dir(&folder).expect("folder");
    let file = folder.join("MFA écran.png");
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
        ][..],
        &[
            "answer",
            "1.1.2",
            "no",
            "--action",
            "Appoint a SIRO and\nrecord it in the minutes",
            "--owner",
            "Nguyễn Thị Lan",
            "--due",
            "28/02/2027",
            "--priority",
            "medium",
            "--action-status",
            "in-progress",
        ],
    ] {
        let (code, _, err) = run(&s, args);
        assert_eq!(code, 0, "{args:?}: {err}");
    }
    (s, file)
}

fn export(s: &Sandbox, format: &str) -> Value {
    let (code, out, err) = run(s, &["export", "--format", format]);
    assert_eq!(code, 0, "{err}");
    let doc: Value = serde_json::from_str(&out).expect("JSON");
    oscal_schema::assert_valid(&doc);
    doc
}

/// The gap's risk as both exports write it: the action is its remediation.
fn expected_gap_risk(doc_metadata: &Value) -> Value {
    let party = doc_metadata["parties"][0]["uuid"].clone();
    json!({
        "title": "Gap in dspt-social-care:1.1.2 Record of the personal data you hold and share",
        "status": "remediating",
        "deadline": "2027-02-28T00:00:00Z",
        "remediation": {
            "lifecycle": "planned",
            "title": "Appoint a SIRO and record it in the minutes",
            "description": "Appoint a SIRO and record it in the minutes. Owner: Nguyễn Thị Lan, by 2027-02-28; priority medium; in progress.",
            "task": {
                "type": "milestone",
                "title": "Appoint a SIRO and record it in the minutes",
                "timing": { "on-date": { "date": "2027-02-28T00:00:00Z" } },
                "responsible-roles": [{ "role-id": "action-owner", "party-uuids": [party] }],
                "status": "in progress",
            },
        },
    })
}

/// The parts of a risk the user relies on, in the shape of [`expected_gap_risk`].
fn gap_risk_seen(risk: &Value) -> Value {
    let remediation = &risk["remediations"][0];
    let task = &remediation["tasks"][0];
    json!({
        "title": risk["title"],
        "status": risk["status"],
        "deadline": risk["deadline"],
        "remediation": {
            "lifecycle": remediation["lifecycle"],
            "title": remediation["title"],
            "description": remediation["description"],
            "task": {
                "type": task["type"],
                "title": task["title"],
                "timing": task["timing"],
                "responsible-roles": task["responsible-roles"],
                "status": task["props"][0]["value"],
            },
        },
    })
}

#[test]
fn the_poam_carries_the_action_text_owner_due_date_and_status() {
    let (s, _) = assessment();
    let doc = export(&s, "oscal-poam");
    let poam = &doc["plan-of-action-and-milestones"];
    assert_eq!(
        poam["metadata"]["oscal-version"], "1.2.3",
        "the version the documents validate against"
    );
    assert_eq!(
        poam["metadata"]["parties"],
        json!([{ "uuid": poam["metadata"]["parties"][0]["uuid"], "type": "person", "name": "Nguyễn Thị Lan" }])
    );
    let items = poam["poam-items"].as_array().expect("items");
    assert_eq!(items.len(), 1);
    assert_eq!(
        items[0]["description"],
        "dspt-social-care:1.1.2 is answered no in Data Security and Protection Toolkit: adult social care. Action: Appoint a SIRO and record it in the minutes. Owner: Nguyễn Thị Lan, by 2027-02-28; priority medium; in progress."
    );
    let risk_uuid = &items[0]["related-risks"][0]["risk-uuid"];
    let risk = poam["risks"]
        .as_array()
        .expect("risks")
        .iter()
        .find(|r| &r["uuid"] == risk_uuid)
        .expect("the gap's risk");
    assert_eq!(gap_risk_seen(risk), expected_gap_risk(&poam["metadata"]));
}

#[test]
fn assessment_results_link_the_gap_to_its_action_and_evidence_by_file_uri() {
    let (s, file) = assessment();
    let doc = export(&s, "oscal-ar");
    let ar = &doc["assessment-results"];
    assert_eq!(ar["metadata"]["oscal-version"], "1.2.3");
    let result = &ar["results"][0];
    let finding = result["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["target"]["target-id"] == "dspt-social-care_1.1.2")
        .expect("the gap's finding");
    let risk = &result["risks"][0];
    assert_eq!(finding["related-risks"][0]["risk-uuid"], risk["uuid"]);
    assert_eq!(gap_risk_seen(risk), expected_gap_risk(&ar["metadata"]));
    // The sandbox's own folder is plain ASCII (letters, digits, `/`, `.`, `_`), so only the
    // folder and file carecheck's test named need encoding.
    let base = file
        .parent()
        .and_then(|p| p.parent())
        .expect("sandbox")
        .to_string_lossy()
        .into_owned();
    assert!(
        base.chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-".contains(c)),
        "{base}"
    );
    let hrefs: Vec<&str> = ar["back-matter"]["resources"]
        .as_array()
        .expect("resources")
        .iter()
        .filter_map(|r| r["rlinks"][0]["href"].as_str())
        .collect();
    assert_eq!(
        hrefs,
        [format!(
            "file://{base}/%C3%89vidence%20%232%2050%25/MFA%20%C3%A9cran.png"
        )]
    );
}

/// Format checking is really on: the hrefs carecheck used to write (`file://` + the raw path)
/// fail it, and the builder's URIs for Windows, UNC and awkward Unix paths pass.
#[test]
fn windows_and_unc_paths_become_valid_file_uris() {
    let (s, _) = assessment();
    let doc = export(&s, "oscal-ar");
    let with_href = |href: &str| {
        let mut doc = doc.clone();
        *doc.pointer_mut("/assessment-results/back-matter/resources/1/rlinks/0/href")
            .expect("the evidence link") = json!(href);
        doc
    };
    for raw in [
        r"file://C:\Users\Lan\MFA screen.png",
        "file:///home/lan/MFA screen.png",
        "file:///home/lan/50%.png",
    ] {
        assert!(
            !oscal_schema::errors(&with_href(raw)).is_empty(),
            "{raw} passed the schema's uri-reference format"
        );
    }
    let cases = [
        (
            r"C:\Users\Nguyễn Lan\Evidence #2\MFA screen.png",
            PathFlavour::Windows,
            "file:///C:/Users/Nguy%E1%BB%85n%20Lan/Evidence%20%232/MFA%20screen.png",
        ),
        (
            r"\\care-nas\shared docs\50% done.pdf",
            PathFlavour::Windows,
            "file://care-nas/shared%20docs/50%25%20done.pdf",
        ),
        (
            "d:/Policies/Données.docx",
            PathFlavour::Windows,
            "file:///d:/Policies/Donn%C3%A9es.docx",
        ),
        (
            "/home/lan/a?b#c.png",
            PathFlavour::Unix,
            "file:///home/lan/a%3Fb%23c.png",
        ),
    ];
    for (path, flavour, expected) in cases {
        let uri = file_uri(path, flavour);
        assert_eq!(uri, expected, "{path}");
        oscal_schema::assert_valid(&with_href(&uri));
    }
}
