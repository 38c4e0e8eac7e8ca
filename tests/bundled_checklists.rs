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
    let stdout = safe_text(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    // Every bundled link is declared at both ends, so the validator has nothing to warn about.
    assert!(!stdout.contains("warning"), "{stdout}");
}

#[test]
fn dspt_item_ids_are_pinned() {
    let library = bundled();
    let dspt = &library.get("dspt-social-care").expect("dspt").checklist;
    let ids: Vec<&str> = dspt.items().map(|i| i.id.as_str()).collect();
    let expected = [
        "1.1.1", "1.1.2", "1.1.3", "1.1.5", "1.1.6", "1.2.4", "1.3.1", "1.3.2", "1.3.6", "1.3.7",
        "1.3.8", "1.3.12", "1.3.13", "1.4.1", "1.4.3", "2.1.1", "2.2.1", "3.1.1", "3.2.1", "3.4.1",
        "4.1.1", "4.2.4", "4.3.1", "4.4.1", "4.5.3", "5.1.1", "5.2.1", "6.1.1", "6.1.2", "6.1.3",
        "6.2.1", "6.3.5", "7.1.1", "7.1.2", "7.1.5", "7.1.6", "7.2.1", "7.3.2", "7.3.4", "8.1.4",
        "8.2.1", "8.3.1", "8.3.8", "8.4.3", "9.1.1", "9.2.1", "9.5.2", "10.1.2", "10.2.1",
        "10.2.2",
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
        "50",
        "cyber-essentials",
        "35",
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
    let tests = plus.items.iter().filter(|i| i.assessor_test).count();
    assert_eq!(tests, 7, "Cyber Essentials Plus has seven tests");
    assert!(plus.items.iter().any(|i| i.id == "PLUS-ACCOUNTS"));
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

/// Official counts against what the checklist tags: never more than the toolkit has, and any
/// shortfall declared in the checklist's caution in the words users read.
#[test]
fn published_counts_match_the_tags_or_the_shortfall_is_declared() {
    let library = bundled();
    let mut checked = 0;
    for entry in library.entries() {
        let checklist = &entry.checklist;
        for level in &checklist.levels {
            let Some(official) = level.official_count else {
                continue;
            };
            let tagged = checklist
                .items()
                .filter(|i| i.levels.contains(&level.id))
                .count();
            let official = usize::try_from(official).expect("fits");
            assert!(
                tagged <= official,
                "{}: {} tags {tagged} items, more than the official {official}",
                checklist.id,
                level.id
            );
            if tagged < official {
                let declared = format!("{tagged} of the {official} {}", level.name);
                let caution = checklist.caution.as_deref().unwrap_or_default();
                let caution = caution.split_whitespace().collect::<Vec<_>>().join(" ");
                assert!(
                    caution.contains(&declared),
                    "{}: the caution must declare the shortfall as \"{declared}\"",
                    checklist.id
                );
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 2, "the DSPT publishes counts for two levels");
}

/// Every link is declared at both of its ends with the same kind, and points at an item that
/// exists, so an answer shows everywhere it counts whichever end it was given at.
#[test]
fn every_bundled_link_is_declared_at_both_ends_with_one_kind() {
    use carecheck::domain::checklist::ItemRef;
    let library = bundled();
    let mut pairs = 0;
    for entry in library.entries() {
        for item in entry.checklist.items() {
            let from = ItemRef::new(&entry.checklist.id, &item.id);
            for link in &item.links {
                let target = library
                    .item(&link.to)
                    .unwrap_or_else(|| panic!("{from} links to missing {}", link.to));
                let back: Vec<_> = target.links.iter().filter(|l| l.to == from).collect();
                assert_eq!(back.len(), 1, "{} does not link back to {from}", link.to);
                assert_eq!(
                    back[0].kind, link.kind,
                    "{from} <-> {}: kinds differ",
                    link.to
                );
                pairs += 1;
            }
        }
    }
    assert!(pairs >= 200, "only {pairs} link ends");
}

#[test]
fn every_ncsc_item_links_to_the_dspt_or_cyber_essentials() {
    let library = bundled();
    for id in ["ncsc-small-business", "ncsc-10-steps"] {
        for item in library.get(id).expect(id).checklist.items() {
            assert!(
                item.links.iter().any(|l| {
                    l.to.checklist == "dspt-social-care" || l.to.checklist == "cyber-essentials"
                }),
                "{id}:{} supports no DSPT or Cyber Essentials item",
                item.id
            );
        }
    }
}

#[test]
fn the_wrong_pairs_are_gone_and_partial_pairs_are_related() {
    use carecheck::domain::checklist::{ItemRef, LinkKind};
    let library = bundled();
    let kind = |a: &str, b: &str| {
        let a = ItemRef::parse(a).expect("ref");
        let b = ItemRef::parse(b).expect("ref");
        library
            .item(&a)
            .expect("item")
            .links
            .iter()
            .find(|l| l.to == b)
            .map(|l| l.kind)
    };
    for (a, b) in [
        ("dspt-social-care:4.2.4", "cyber-essentials:UA-ACCOUNTS"),
        ("first-hour-starter:SH5", "cyber-essentials:UA-ACCOUNTS"),
        (
            "cyber-essentials:SCOPE-BYOD",
            "ncsc-small-business:PHONE-PIN",
        ),
        ("first-hour-starter:SH2", "dspt-social-care:4.1.1"),
    ] {
        assert_eq!(kind(a, b), None, "{a} should not link to {b}");
    }
    // Approved account creation is not the removal of leavers' access: related only.
    assert_eq!(
        kind("dspt-social-care:4.2.4", "cyber-essentials:UA-PROCESS"),
        Some(LinkKind::Related)
    );
    assert!(kind("first-hour-starter:SH5", "cyber-essentials:UA-PROCESS").is_some());
    for (a, b) in [
        ("dspt-social-care:4.5.3", "cyber-essentials:UA-MFA"),
        ("dspt-social-care:4.3.1", "cyber-essentials:UA-ADMIN"),
        ("dspt-social-care:3.2.1", "ncsc-small-business:PH-TRAIN"),
        ("dspt-social-care:7.1.2", "ncsc-small-business:PH-PLAN"),
    ] {
        assert_eq!(kind(a, b), Some(LinkKind::Related), "{a} <-> {b}");
    }
    // A hands-on test is never the same control as an answer the organisation gives.
    for entry in library.entries() {
        for item in entry.checklist.items().filter(|i| i.assessor_test) {
            assert!(
                item.links.iter().all(|l| l.kind == LinkKind::Related),
                "{}: an assessor's test may only have related links",
                item.id
            );
        }
    }
}

#[test]
fn cyber_essentials_automatic_fails_are_critical_and_say_so() {
    let library = bundled();
    let ce = &library.get("cyber-essentials").expect("ce").checklist;
    let critical: Vec<&str> = ce
        .items()
        .filter(|i| i.critical)
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(critical, ["UPD-14DAYS", "UA-MFA"]);
    for id in critical {
        let guidance = ce.item(id).expect(id).guidance.replace('\n', " ");
        assert!(
            guidance.contains("fails the application on its own"),
            "{id}: say plainly that a No fails the application"
        );
    }
}

#[test]
fn dspt_corrections_are_in_the_shipped_text() {
    let library = bundled();
    let dspt = &library.get("dspt-social-care").expect("dspt").checklist;
    let flat = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    let summary = flat(&dspt.summary);
    assert!(summary.contains("Approaching Standards is enough for an NHSmail account"));
    let guidance = |id: &str| flat(&dspt.item(id).expect(id).guidance);
    assert!(guidance("4.3.1").contains("only if you use no IT systems at all"));
    assert!(guidance("6.1.1").contains("without undue delay"));
    assert!(guidance("8.3.1").contains("CVSS version 3 score of 7 or more"));
    for id in ["4.3.1", "7.1.1"] {
        let item = dspt.item(id).expect(id);
        assert!(item.caution.is_none(), "{id} is confirmed; no caution");
        assert!(
            item.references
                .iter()
                .any(|r| r.title.contains("Digital Care Hub"))
        );
    }
    // Every tag that rests on inference says so; the confirmed ones need not.
    let confirmed = [
        "1.1.1", "1.1.2", "1.1.3", "1.1.5", "1.3.1", "1.3.12", "1.3.13", "2.1.1", "2.2.1", "4.1.1",
        "6.1.1", "1.2.4", "3.1.1", "3.2.1", "3.4.1", "4.3.1", "4.5.3", "7.1.1",
    ];
    for item in dspt.items().filter(|i| !i.levels.is_empty()) {
        if confirmed.contains(&item.id.as_str()) {
            continue;
        }
        let caution = flat(item.caution.as_deref().unwrap_or_default());
        assert!(
            caution.contains("infer") || caution.contains("not verified"),
            "{}: its level is not confirmed for social care; the caution must say so",
            item.id
        );
    }
}
