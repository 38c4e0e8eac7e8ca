//! Links that never over-claim: "same" means a Yes on one item is a Yes on the other in every
//! case, thresholds included, so an answer offered across a "same" link can never turn a valid
//! answer into a failing one.

mod common;

use carecheck::checklist::Library;
use carecheck::domain::checklist::{Item, ItemRef, LinkKind};
use carecheck::workspace::LinkIndex;
use common::{Sandbox, run, status_json};

fn item<'a>(library: &'a Library, key: &ItemRef) -> &'a Item {
    library
        .item(key)
        .unwrap_or_else(|| panic!("{key} is a bundled item"))
}

/// Every pair of bundled items linked as the same control, each pair once.
fn same_pairs(library: &Library) -> Vec<(ItemRef, ItemRef)> {
    let index = LinkIndex::build(&[], library);
    let mut pairs: Vec<(ItemRef, ItemRef)> = index
        .iter()
        .flat_map(|(from, links)| {
            links
                .iter()
                .filter(|l| l.kind == LinkKind::Same)
                .map(move |l| (from.clone(), l.to.clone()))
        })
        .filter(|(a, b)| a < b)
        .collect();
    pairs.sort();
    pairs
}

#[test]
fn no_same_link_joins_different_value_rules_an_automatic_fail_or_an_assessor_test() {
    let library = Library::load(None).0;
    let pairs = same_pairs(&library);
    assert!(!pairs.is_empty(), "the bundled checklists link some items");
    for (a, b) in &pairs {
        let (x, y) = (item(&library, a), item(&library, b));
        assert_eq!(
            x.answer, y.answer,
            "{a} and {b} are linked as the same but ask for different values or thresholds"
        );
        for (key, it) in [(a, x), (b, y)] {
            assert!(
                !it.critical,
                "{key} is an automatic fail: a link to it can only be related ({a}, {b})"
            );
            assert!(
                !it.assessor_test,
                "{key} is an assessor's test: a link to it can only be related ({a}, {b})"
            );
        }
    }
}

#[test]
fn the_links_that_over_claimed_are_related() {
    let library = Library::load(None).0;
    let index = LinkIndex::build(&[], &library);
    let kind = |a: &str, b: &str| {
        let from = ItemRef::parse(a).expect("ref");
        let to = ItemRef::parse(b).expect("ref");
        index
            .of(&from)
            .iter()
            .find(|l| l.to == to)
            .map(|l| l.kind)
            .unwrap_or_else(|| panic!("{a} links to {b}"))
    };
    for (a, b) in [
        ("cyber-essentials:UA-PROCESS", "dspt-social-care:4.2.4"),
        ("cyber-essentials:UPD-SUPPORTED", "dspt-social-care:8.1.4"),
        ("cyber-essentials:UPD-14DAYS", "dspt-social-care:8.3.1"),
        ("dspt-social-care:9.1.1", "first-hour-starter:SH9"),
        ("cyber-essentials:FW-DEFAULTS", "first-hour-starter:SH9"),
        (
            "first-hour-starter:SH10",
            "ncsc-small-business:BACKUP-RESTORE",
        ),
        ("first-hour-starter:SH6", "ncsc-small-business:MW-PATCH"),
        // Found by the rule: a strong password, allow-listing, a dated review, a check that
        // access went, reporting, and a firewall on each computer are asked of one side only.
        ("cyber-essentials:FW-DEFAULTS", "dspt-social-care:9.1.1"),
        ("cyber-essentials:MW-PROTECT", "dspt-social-care:6.2.1"),
        ("cyber-essentials:SCOPE-INVENTORY", "dspt-social-care:7.1.1"),
        ("dspt-social-care:4.2.4", "first-hour-starter:SH5"),
        ("first-hour-starter:SH4", "ncsc-small-business:PH-TRAIN"),
        (
            "cyber-essentials:FW-BOUNDARY",
            "ncsc-small-business:MW-FIREWALL",
        ),
    ] {
        assert_eq!(kind(a, b), LinkKind::Related, "{a} and {b}");
        assert_eq!(kind(b, a), LinkKind::Related, "{b} and {a}");
    }
    // The same controls keep offering one answer to the other.
    assert_eq!(
        kind("dspt-social-care:6.2.1", "first-hour-starter:SH7"),
        LinkKind::Same
    );
}

#[test]
fn a_monthly_patching_yes_on_8_3_1_is_never_pushed_into_the_14_day_automatic_fail() {
    let s = Sandbox::new();
    let (code, id, err) = run(
        &s,
        &[
            "new",
            "--org",
            "Patch Care",
            "--checklist",
            "dspt-social-care",
            "--checklist",
            "cyber-essentials",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let id = id.trim();
    let (code, out, err) = run(&s, &["answer", "8.3.1", "yes", "--propagate"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "dspt-social-care:8.3.1 Updates installed promptly: Yes (saved)\n"
    );
    let answers = &status_json(&s, id)["answers"];
    assert_eq!(answers["dspt-social-care:8.3.1"]["status"], "yes");
    assert!(
        answers.get("cyber-essentials:UPD-14DAYS").is_none(),
        "UPD-14DAYS is untouched: {answers}"
    );
    // Nor an unsupported PC kept with the risk accepted into "all software supported".
    let (code, out, err) = run(&s, &["answer", "8.1.4", "yes", "--propagate"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "dspt-social-care:8.1.4 Software and systems still supported: Yes (saved)\n"
    );
    let answers = &status_json(&s, id)["answers"];
    assert!(answers.get("cyber-essentials:UPD-SUPPORTED").is_none());
}
