//! Building the PDF evidence pack. Targets: a fully answered DSPT assessment under 300 KB and
//! 200 ms; a 1,200-item assessment with notes under 1 s.

mod support;

use carecheck::checklist::Library;
use carecheck::checklist::library::{Origin, candidate};
use carecheck::domain::assessment::{
    Answer, Assessment, ChecklistUse, Details, Evidence, EvidenceSource, Status,
};
use carecheck::domain::checklist::{Checklist, ItemRef};
use carecheck::domain::date::Timestamp;
use carecheck::evidence::FileCheck;
use carecheck::report::evidence_pack;
use carecheck::report::model::{ReportModel, evidence_sources};
use carecheck::workspace::Effective;

fn answered(checklist: &Checklist, hash: &str) -> Assessment {
    let used = ChecklistUse {
        id: checklist.id.clone(),
        title: checklist.title.clone(),
        edition: checklist.edition.clone(),
        hash: hash.to_owned(),
    };
    let details = Details {
        organisation: "Sunnyside Care".into(),
        site: Some("Leeds".into()),
        assessor: Some("Jo Bloggs".into()),
        ..Default::default()
    };
    let mut a = Assessment::new("bench".into(), details, vec![used], Timestamp::now());
    let note = "Checked with the registered manager; the document is in the office file and staff confirmed the practice on the floor. ";
    for (i, item) in checklist.items().enumerate() {
        let status = [
            Status::Yes,
            Status::Yes,
            Status::Partial,
            Status::No,
            Status::NotApplicable,
        ][i % 5];
        let mut answer = Answer {
            note: note.repeat(2),
            ..Answer::default()
        };
        answer.set_status(status, Timestamp::now().date());
        answer.evidence.push(Evidence {
            source: EvidenceSource::Document {
                name: format!("Folder {i}, office cabinet"),
            },
            dated: None,
            review_by: None,
        });
        a.answers
            .insert(ItemRef::new(&checklist.id, &item.id), answer);
    }
    a
}

fn build(assessment: &Assessment, checklist: &Checklist) -> (usize, usize) {
    let checklists = std::slice::from_ref(checklist);
    let checks = vec![FileCheck::NotAFile; evidence_sources(assessment, checklists).len()];
    let model = ReportModel::of(
        &Effective::merge(assessment, None),
        checklists,
        &checks,
        Timestamp::now(),
    );
    let pack = evidence_pack(&model).expect("pack");
    (pack.bytes.len(), pack.pages)
}

fn main() {
    let (library, _) = Library::load(None);
    let dspt = library.get("dspt-social-care").expect("bundled");
    let assessment = answered(&dspt.checklist, &dspt.hash);
    let (bytes, pages) = build(&assessment, &dspt.checklist);
    println!(
        "DSPT, every item answered with a note and evidence: {pages} pages, {bytes} bytes ({} KB)",
        bytes / 1024
    );
    support::measure("DSPT evidence pack (model + layout + PDF)", 20, || {
        build(&assessment, &dspt.checklist)
    });

    let text = support::synthetic_checklist(1200);
    let big = candidate(Origin::Bundled("bench.toml"), text.as_bytes())
        .expect("valid")
        .parsed
        .checklist;
    let assessment = answered(&big, "0");
    let (bytes, pages) = build(&assessment, &big);
    println!(
        "1,200 items with notes: {pages} pages, {bytes} bytes ({} KB)",
        bytes / 1024
    );
    support::measure("1,200-item evidence pack", 5, || build(&assessment, &big));
}
