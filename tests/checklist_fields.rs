//! The format's newer fields read into the right values: link kinds, assessor tests, official
//! counts, levels that require others, and the reporting period.

use carecheck::checklist::Library;
use carecheck::checklist::library::{Origin, candidate};
use carecheck::checklist::parse::parse;
use carecheck::domain::checklist::{ItemRef, Link, LinkKind, Reporting};
use carecheck::domain::date::Date;
use carecheck::workspace::LinkIndex;

const LEVELS: &str = include_str!("fixtures/valid/levels-and-links.toml");
const EVERY: &str = include_str!("fixtures/valid/every-field.toml");

fn date(text: &str) -> Date {
    Date::parse(text).expect("date")
}

fn link(to: &str, kind: LinkKind) -> Link {
    Link {
        to: ItemRef::parse(to).expect("ref"),
        kind,
    }
}

#[test]
fn links_read_as_text_or_table_with_their_kind() {
    let parsed = parse("levels.toml", LEVELS.as_bytes()).expect("valid");
    let c = &parsed.checklist;
    assert_eq!(
        c.item("1.1").expect("1.1").links,
        [
            link("demo-levels:1.2", LinkKind::Same),
            link("demo-levels:1.3", LinkKind::Related)
        ]
    );
    assert_eq!(
        c.item("1.2").expect("1.2").links,
        [link("demo-levels:1.1", LinkKind::Same)]
    );
    assert!(c.item("1.3").expect("1.3").assessor_test);
    assert!(!c.item("1.1").expect("1.1").assessor_test);
    let sites: Vec<(&str, String, LinkKind)> = parsed
        .link_sites
        .iter()
        .map(|s| (s.from.as_str(), s.target.to_string(), s.kind))
        .collect();
    assert_eq!(sites.len(), 4);
    assert_eq!(
        sites[1],
        ("1.1", "demo-levels:1.3".to_owned(), LinkKind::Related)
    );
}

#[test]
fn levels_carry_official_counts_and_requirements() {
    let c = parse("levels.toml", LEVELS.as_bytes())
        .expect("valid")
        .checklist;
    let first = c.level("first").expect("first");
    assert_eq!(first.official_count, Some(3));
    assert!(first.requires.is_empty());
    let second = c.level("second").expect("second");
    assert_eq!(second.official_count, None);
    assert_eq!(second.requires, ["first", "cyber-essentials:ce-plus"]);
    assert_eq!(
        second.required_levels().collect::<Vec<_>>(),
        [(None, "first"), (Some("cyber-essentials"), "ce-plus")]
    );
    // A level that only requires others has no items of its own, and that is allowed.
    assert!(c.items().all(|i| !i.levels.contains(&"second".to_owned())));
}

#[test]
fn reporting_dates_read_from_text_and_from_toml_dates_alike() {
    let expected = Some(Reporting {
        period_start: date("2025-07-01"),
        period_end: date("2026-06-30"),
        deadline: date("2026-06-30"),
    });
    let from_text = parse("levels.toml", LEVELS.as_bytes()).expect("valid");
    assert_eq!(from_text.checklist.reporting, expected);
    let from_dates = parse("every.toml", EVERY.as_bytes()).expect("valid");
    assert_eq!(from_dates.checklist.reporting, expected);
    let minimal = include_str!("fixtures/valid/minimal.toml");
    let none = parse("minimal.toml", minimal.as_bytes()).expect("valid");
    assert_eq!(none.checklist.reporting, None);
}

#[test]
fn a_link_declared_once_is_indexed_from_both_ends_with_its_kind() {
    let (bundled, problems) = Library::load(None);
    assert!(problems.is_empty(), "{problems:#?}");
    let every = candidate(Origin::Bundled("every-field.toml"), EVERY.as_bytes()).expect("parses");
    let (library, problems) = Library::assemble(vec![every], &bundled);
    assert!(problems.is_empty(), "{problems:#?}");
    let demo = library.get("demo-full").expect("demo").checklist.clone();
    let index = LinkIndex::build(std::slice::from_ref(&demo), &bundled);
    let from = ItemRef::new("demo-full", "1.1");
    let dspt = ItemRef::new("dspt-social-care", "4.5.3");
    let kind_between =
        |a: &ItemRef, b: &ItemRef| index.of(a).iter().find(|l| &l.to == b).map(|l| l.kind);
    assert_eq!(kind_between(&from, &dspt), Some(LinkKind::Related));
    assert_eq!(kind_between(&dspt, &from), Some(LinkKind::Related));
    let other = ItemRef::new("demo-full", "1.2");
    assert_eq!(kind_between(&other, &from), Some(LinkKind::Same));
}

#[test]
fn a_pair_declared_with_two_kinds_counts_as_related() {
    let text = LEVELS.replace(
        r#"links = [{ to = "demo-levels:1.1", kind = "same" }]"#,
        r#"links = [{ to = "demo-levels:1.1", kind = "related" }]"#,
    );
    assert_ne!(text, LEVELS, "fixture changed: update this test");
    let c = parse("levels.toml", text.as_bytes())
        .expect("valid")
        .checklist;
    let index = LinkIndex::build(std::slice::from_ref(&c), &Library::default());
    let one = ItemRef::new("demo-levels", "1.1");
    let two = ItemRef::new("demo-levels", "1.2");
    for (a, b) in [(&one, &two), (&two, &one)] {
        let found = index.of(a).iter().find(|l| &l.to == b).expect("linked");
        assert_eq!(found.kind, LinkKind::Related, "{a} -> {b}");
        assert_eq!(index.of(a).iter().filter(|l| &l.to == b).count(), 1);
    }
}
