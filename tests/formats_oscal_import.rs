//! Importing OSCAL catalogs whose groups nest to any depth, counting every control, and
//! refusing (not aborting) a catalog whose expansion outgrows what a checklist may be.

mod common;

use std::fmt::Write as _;

use common::{Sandbox, run};

/// The sections of an imported checklist, each as its title and its items' ids.
fn sections(s: &Sandbox, id: &str) -> Vec<(String, Vec<String>)> {
    let (library, problems) =
        carecheck::checklist::Library::load(Some(&s.path().join("checklists")));
    assert!(problems.is_empty(), "{problems:?}");
    let entry = library.get(id).expect("imported");
    entry
        .checklist
        .sections
        .iter()
        .map(|section| {
            (
                section.title.clone(),
                section.items.iter().map(|i| i.id.clone()).collect(),
            )
        })
        .collect()
}

fn owned(sections: &[(&str, &[&str])]) -> Vec<(String, Vec<String>)> {
    sections
        .iter()
        .map(|(title, ids)| {
            (
                (*title).to_owned(),
                ids.iter().map(|i| (*i).to_owned()).collect(),
            )
        })
        .collect()
}

/// NIST's basic example catalog keeps its four controls two groups down; each was refused
/// as "no controls that are not withdrawn".
#[test]
fn controls_two_groups_down_are_imported() {
    let s = Sandbox::new();
    let (code, out, err) = run(&s, &["import", "oscal", "oscal/basic-shape-catalog.json"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out.lines().next(),
        Some(
            "Imported 4 controls in 2 sections as checklist `basic-shape-catalog` (0 withdrawn left out)."
        )
    );
    assert_eq!(
        sections(&s, "basic-shape-catalog"),
        owned(&[
            (
                "Organisation of Security \u{2013} Internal Organisation",
                &["s1.1.1", "s1.1.2"]
            ),
            (
                "Access control \u{2013} Business requirements",
                &["s2.1.1", "s2.1.2"]
            ),
        ])
    );
    let (code, _, err) = run(
        &s,
        &[
            "new",
            "--org",
            "Shape",
            "--checklist",
            "basic-shape-catalog",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(run(&s, &["answer", "s2.1.2", "yes"]).0, 0);
}

/// Controls at depths one, two and three, outside any group, withdrawn and without an id: every
/// one of the eight is in a count, none is dropped silently.
#[test]
fn a_mixed_depth_catalog_counts_every_control() {
    let s = Sandbox::new();
    let (code, out, err) = run(&s, &["import", "oscal", "oscal/mixed-depth-catalog.json"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out.lines().next(),
        Some(
            "Imported 5 controls in 4 sections as checklist `mixed-depth-catalog` (1 withdrawn left out; 2 skipped because they have no id)."
        )
    );
    assert_eq!(
        sections(&s, "mixed-depth-catalog"),
        owned(&[
            ("Top", &["top-1"]),
            ("Top \u{2013} Middle \u{2013} Deep", &["deep-1", "deep-1.1"]),
            ("Top \u{2013} Side", &["side-1"]),
            ("Controls", &["loose-1"]),
        ])
    );
}

/// A catalog nested deeper than any real one still imports: groups are walked at any depth.
#[test]
fn groups_nested_eight_deep_are_walked() {
    let s = Sandbox::new();
    let mut group =
        r#"{"id": "g8", "title": "G8", "controls": [{"id": "c-8", "title": "Deepest"}]}"#
            .to_owned();
    for depth in (1..8).rev() {
        group = format!(
            r#"{{"id": "g{depth}", "title": "G{depth}", "controls": [{{"id": "c-{depth}", "title": "C"}}], "groups": [{group}]}}"#
        );
    }
    let catalog =
        format!(r#"{{"catalog": {{"metadata": {{"title": "Deep"}}, "groups": [{group}]}}}}"#);
    let path = s.path().join("deep.json");
    std::fs::write(&path, catalog).expect("write");
    let (code, out, err) = run(&s, &["import", "oscal", &path.to_string_lossy()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out.lines().next(),
        Some("Imported 8 controls in 8 sections as checklist `deep` (0 withdrawn left out).")
    );
    let titles: Vec<String> = sections(&s, "deep").into_iter().map(|(t, _)| t).collect();
    assert_eq!(
        titles.last().map(String::as_str),
        Some(
            "G1 \u{2013} G2 \u{2013} G3 \u{2013} G4 \u{2013} G5 \u{2013} G6 \u{2013} G7 \u{2013} G8"
        )
    );
}

/// A catalog with nothing to import says which of its counts left nothing, instead of "no
/// controls that are not withdrawn" for a catalog whose controls were simply not found.
#[test]
fn a_catalog_with_nothing_to_import_is_refused_with_its_counts() {
    let s = Sandbox::new();
    let cases = [
        (
            r#"{"catalog": {"metadata": {"title": "E"}, "groups": [{"id": "a", "title": "A", "groups": [{"id": "b", "title": "B"}]}]}}"#,
            "the catalog has no controls (carecheck looked in every group at every depth)",
        ),
        (
            r#"{"catalog": {"metadata": {"title": "E"}, "groups": [{"id": "a", "title": "A", "groups": [{"id": "b", "title": "B", "controls": [{"id": "x", "title": "X", "props": [{"name": "status", "value": "withdrawn"}]}]}]}]}}"#,
            "every control in the catalog (1) is withdrawn, so there is nothing to import",
        ),
        (
            r#"{"catalog": {"metadata": {"title": "E"}, "controls": [{"title": "X"}, {"id": "y", "title": "Y", "props": [{"name": "status", "value": "withdrawn"}]}]}}"#,
            "the catalog has no control carecheck can import: 1 withdrawn, 1 without an id",
        ),
    ];
    for (n, (json, why)) in cases.iter().enumerate() {
        let path = s.path().join(format!("empty-{n}.json"));
        std::fs::write(&path, json).expect("write");
        let shown = path.to_string_lossy().into_owned();
        let (code, out, err) = run(&s, &["import", "oscal", &shown]);
        assert_eq!((code, out.as_str()), (1, ""), "{err}");
        assert_eq!(err.trim_end(), format!("carecheck: {shown}: {why}"));
    }
}

/// Issue 29: 60,000 controls, each expanding to just under the per-part cap, would make
/// about 3.5 GB of checklist; the size is checked as it grows, so it is refused at 16 MiB.
#[test]
fn a_catalog_that_expands_past_the_checklist_limit_is_refused_as_it_grows() {
    let s = Sandbox::new();
    let mut json = String::from(
        r#"{"catalog": {"metadata": {"title": "Bomb"}, "params": [{"id": "p0", "label": ""#,
    );
    json.push_str(&"x".repeat(900));
    json.push_str(r#""}, {"id": "p1", "select": {"choice": ["#);
    json.push_str(&[r#""{{ insert: param, p0 }}""#; 8].join(","));
    json.push_str(r#"]}}, {"id": "p2", "select": {"choice": ["#);
    json.push_str(&[r#""{{ insert: param, p1 }}""#; 8].join(","));
    json.push_str(r#"]}}], "controls": ["#);
    for n in 0..60_000 {
        if n > 0 {
            json.push(',');
        }
        write!(
            json,
            r#"{{"id": "c-{n}", "title": "C", "parts": [{{"name": "statement", "prose": "{{{{ insert: param, p2 }}}}"}}]}}"#
        )
        .expect("write");
    }
    json.push_str("]}}");
    let path = s.path().join("bomb.json");
    std::fs::write(&path, &json).expect("write");
    let shown = path.to_string_lossy().into_owned();
    let (code, out, err) = run(&s, &["import", "oscal", &shown]);
    assert_eq!((code, out.as_str()), (1, ""), "{err}");
    assert_eq!(
        err.trim_end(),
        format!(
            "carecheck: {shown}: the checklist would be larger than 16 MiB, the most a checklist may be; carecheck stopped as it reached that size"
        )
    );
    assert!(!s.path().join("checklists/bomb.toml").exists());
}
