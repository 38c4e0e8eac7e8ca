//! The checklists shipped inside carecheck: valid, linked, and not silently changed.

mod common;

use carecheck::checklist::Library;
use common::{Sandbox, safe_text};

fn bundled() -> Library {
    let (library, problems) = Library::load(None);
    assert!(
        problems.is_empty(),
        "bundled checklists have problems: {problems:#?}"
    );
    library
}

#[test]
fn every_bundled_checklist_loads_and_at_least_five_ship() {
    let library = bundled();
    let ids: Vec<&str> = library
        .entries()
        .iter()
        .map(|e| e.checklist.id.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "dspt-social-care",
            "first-hour-starter",
            "cyber-essentials",
            "ncsc-small-business",
            "ncsc-10-steps"
        ]
    );
}

#[test]
fn the_files_in_checklists_validate_through_the_binary() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("checklists");
    let mut files: Vec<_> = std::fs::read_dir(&root)
        .expect("checklists dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 5);
    let output = Sandbox::new()
        .cmd()
        .arg("validate")
        .args(&files)
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", safe_text(&output.stdout));
}

#[test]
fn dspt_item_ids_are_pinned() {
    let library = bundled();
    let dspt = &library.get("dspt-social-care").expect("dspt").checklist;
    let ids: Vec<&str> = dspt.items().map(|i| i.id.as_str()).collect();
    let expected = [
        "1.1.1", "1.1.2", "1.1.3", "1.1.5", "1.1.6", "1.2.4", "1.3.1", "1.3.2", "1.3.6", "1.3.8",
        "1.3.12", "1.3.13", "1.4.1", "1.4.3", "2.1.1", "2.2.1", "3.1.1", "3.2.1", "3.4.1", "4.1.1",
        "4.2.4", "4.3.1", "4.4.1", "4.5.3", "5.1.1", "5.2.1", "6.1.1", "6.1.2", "6.1.3", "6.2.1",
        "6.3.5", "7.1.1", "7.1.2", "7.1.5", "7.1.6", "7.2.1", "7.3.2", "7.3.4", "8.1.4", "8.2.1",
        "8.3.1", "8.3.8", "8.4.3", "9.1.1", "9.2.1", "9.5.2", "10.1.2", "10.2.1", "10.2.2",
    ];
    assert_eq!(ids, expected);
    let sections: Vec<&str> = dspt.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        sections,
        ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]
    );
}

#[test]
fn dspt_typed_answers_carry_the_official_thresholds() {
    use carecheck::domain::checklist::AnswerKind;
    let library = bundled();
    let dspt = &library.get("dspt-social-care").expect("dspt").checklist;
    let kind = |id: &str| dspt.item(id).expect(id).answer.clone();
    assert!(matches!(kind("1.1.1"), AnswerKind::Text { .. }));
    assert!(
        matches!(kind("3.2.1"), AnswerKind::Percentage { threshold, .. } if (threshold - 95.0).abs() < f64::EPSILON)
    );
    assert!(matches!(
        kind("1.3.1"),
        AnswerKind::Date {
            max_age_months: Some(36),
            ..
        }
    ));
    assert!(matches!(
        kind("7.3.4"),
        AnswerKind::Date {
            max_age_months: Some(12),
            ..
        }
    ));
    for id in ["4.3.1", "7.1.1"] {
        assert!(
            dspt.item(id).expect(id).levels.contains(&"met".to_owned()),
            "{id} is newly mandatory"
        );
    }
    let exempt: Vec<&str> = dspt
        .items()
        .filter(|i| !i.exempt_with.is_empty())
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(exempt, ["4.2.4", "6.2.1", "9.1.1", "9.2.1"]);
}

#[test]
fn cross_links_are_plentiful_and_all_resolve() {
    let library = bundled();
    let mut links = 0;
    for entry in library.entries() {
        for item in entry.checklist.items() {
            for link in &item.links {
                assert!(
                    library.item(&link.to).is_some(),
                    "{}:{} -> {}",
                    entry.checklist.id,
                    item.id,
                    link.to
                );
                links += 1;
            }
        }
    }
    assert!(links >= 40, "only {links} cross-links");
}

#[test]
fn every_item_says_what_to_do_and_what_evidence_counts() {
    let library = bundled();
    for entry in library.entries() {
        for item in entry.checklist.items() {
            let name = format!("{}:{}", entry.checklist.id, item.id);
            assert!(
                item.question.ends_with('?'),
                "{name}: question should be a question"
            );
            assert!(!item.evidence.is_empty(), "{name}: no typical evidence");
            assert!(!item.references.is_empty(), "{name}: no official reference");
            assert!(item.guidance.len() >= 40, "{name}: guidance too thin");
        }
    }
}

#[test]
fn checklists_command_lists_every_bundled_checklist() {
    let output = Sandbox::new()
        .cmd()
        .arg("checklists")
        .output()
        .expect("runs");
    let stdout = safe_text(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    for line in [
        "dspt-social-care",
        "2025-26 (version 8)",
        "49",
        "cyber-essentials",
        "34",
        "ncsc-10-steps",
    ] {
        assert!(stdout.contains(line), "missing {line}:\n{stdout}");
    }
}

#[test]
fn the_example_in_format_md_is_valid() {
    use carecheck::checklist::library::{Origin, candidate};
    let doc = include_str!("../checklists/FORMAT.md");
    let start = doc.find("```toml\n").expect("an example") + "```toml\n".len();
    let example = &doc[start..start + doc[start..].find("```").expect("closed")];
    let parsed =
        candidate(Origin::Bundled("FORMAT.md"), example.as_bytes()).expect("example parses");
    let (library, problems) = Library::assemble(vec![parsed], &bundled());
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(
        library
            .get("acme-home-care")
            .expect("loaded")
            .checklist
            .item_count(),
        2
    );
}

#[test]
fn cyber_essentials_plus_tests_are_marked_as_the_assessors() {
    let library = bundled();
    let ce = &library.get("cyber-essentials").expect("ce").checklist;
    let plus = ce.sections.iter().find(|s| s.id == "PLUS").expect("PLUS");
    for item in &plus.items {
        // Booking the audit is the organisation's job; every other Plus item is a test.
        assert_eq!(
            item.assessor_test,
            item.id != "PLUS-TIMING",
            "{}: assessor_test",
            item.id
        );
    }
    let elsewhere: Vec<&str> = ce
        .sections
        .iter()
        .filter(|s| s.id != "PLUS")
        .flat_map(|s| &s.items)
        .filter(|i| i.assessor_test)
        .map(|i| i.id.as_str())
        .collect();
    assert!(elsewhere.is_empty(), "{elsewhere:?}");
}

#[test]
fn dspt_declares_its_reporting_period_and_official_counts() {
    use carecheck::domain::date::Date;
    let library = bundled();
    let dspt = &library.get("dspt-social-care").expect("dspt").checklist;
    let reporting = dspt.reporting.expect("reporting period");
    assert_eq!(
        reporting.period_start,
        Date::parse("2025-07-01").expect("date")
    );
    assert_eq!(
        reporting.period_end,
        Date::parse("2026-06-30").expect("date")
    );
    assert_eq!(reporting.deadline, Date::parse("2026-06-30").expect("date"));
    assert_eq!(dspt.level("met").expect("met").official_count, Some(45));
    assert_eq!(
        dspt.level("approaching")
            .expect("approaching")
            .official_count,
        Some(26)
    );
}
