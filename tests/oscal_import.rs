//! Importing OSCAL catalogs as checklists, through the real binary.

mod common;

use std::path::Path;

use common::{Sandbox, run};

/// A NIST catalog from the shared data folder beside the repository, or `None` after saying
/// loudly on the error stream that the test checks nothing without it (issue 32: the
/// repository's own fixtures cover the shapes; these 6 MB catalogs are not copied into it).
fn shared(name: &str) -> Option<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data/oscal")
        .join(name);
    if path.is_file() {
        return Some(path.to_string_lossy().into_owned());
    }
    eprintln!(
        "SKIPPED: {} is not here, so the NIST catalogs are not imported by this test; put NIST's catalogs in ../shared/data/oscal to run it",
        path.display()
    );
    None
}

#[test]
fn a_small_catalog_becomes_a_valid_checklist() {
    let s = Sandbox::new();
    let (code, out, err) = run(&s, &["import", "oscal", "oscal/tiny-catalog.json"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(
            "Imported 2 controls in 1 sections as checklist `tiny-catalog` (4 withdrawn left out)."
        ),
        "{out}"
    );
    let text =
        std::fs::read_to_string(s.path().join("checklists/tiny-catalog.toml")).expect("written");
    assert!(text.contains("title = \"AC-1 Policy\""), "{text}");
    assert!(
        text.contains("title = \"AC-1(1) Policy: Automation\""),
        "enhancement under its control"
    );
    assert!(text.contains("a. Review the policy [Selection (one or more): monthly; every [Assignment: organization-defined frequency]]."), "{text}");
    assert!(text.contains("Loops end: ["), "parameter loops stop");
    assert!(text.contains("Keep the policy short."));
    assert!(
        !text.contains("ac-2") && !text.contains("Gone"),
        "withdrawn controls are left out"
    );
    let (code, out, _) = run(&s, &["checklists"]);
    assert_eq!(code, 0);
    assert!(out.contains("tiny-catalog"), "{out}");
    assert_eq!(
        run(&s, &["new", "--org", "Test", "--checklist", "tiny-catalog"]).0,
        0
    );
    assert_eq!(run(&s, &["answer", "ac-1.1", "yes"]).0, 0);
}

#[test]
#[ignore = "needs the NIST catalogs in ../shared/data/oscal (skips loudly without them): run with `cargo test -- --include-ignored`, as CI does"]
fn the_nist_catalogs_import_validate_and_load() {
    let s = Sandbox::new();
    let (Some(full), Some(low)) = (
        shared("NIST_SP-800-53_rev5.0.1_catalog.json"),
        shared("NIST_SP-800-53_rev5_LOW-baseline-resolved-profile_catalog.json"),
    ) else {
        return;
    };
    let (code, out, err) = run(&s, &["import", "oscal", &full, "--id", "nist-800-53"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Imported 1007 controls in 20 sections as checklist `nist-800-53` (182 withdrawn left out)."), "{out}");
    let (code, out, err) = run(&s, &["import", "oscal", &low, "--id", "nist-low"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Imported 149 controls"), "{out}");
    let (code, out, _) = run(
        &s,
        &[
            "validate",
            &s.path()
                .join("checklists/nist-800-53.toml")
                .to_string_lossy(),
            &s.path().join("checklists/nist-low.toml").to_string_lossy(),
        ],
    );
    assert_eq!(code, 0, "{out}");
    // And it opens as an assessment the TUI can show.
    let (library, problems) =
        carecheck::checklist::Library::load(Some(&s.path().join("checklists")));
    assert!(problems.is_empty(), "{problems:?}");
    let big = library.get("nist-800-53").expect("imported");
    let item = big.checklist.item("ac-2.1").expect("AC-2(1)");
    assert_eq!(
        item.title,
        "AC-2(1) Account Management: Automated System Account Management"
    );
    assert!(
        big.checklist.item("ac-2.10").is_none(),
        "AC-2(10) is withdrawn"
    );
    let low = library.get("nist-low").expect("imported");
    assert!(
        low.checklist
            .item("ac-1")
            .expect("AC-1")
            .evidence
            .iter()
            .any(|e| e.starts_with("Examine:"))
    );
    assert_eq!(
        run(&s, &["new", "--org", "Big", "--checklist", "nist-800-53"]).0,
        0
    );
    let json = common::status_json(&s, "big");
    assert_eq!(json["checklists"][0]["tally"]["total"], 1007);
}

#[test]
fn inputs_that_are_not_catalogs_are_refused_by_name() {
    let s = Sandbox::new();
    let write = |name: &str, text: &str| {
        let path = s.path().join(name);
        std::fs::write(&path, text).expect("write");
        path.to_string_lossy().into_owned()
    };
    let cases = [
        (
            write("broken.json", "{\"catalog\": {\n  \"metadata\": "),
            "broken.json:2:14: not valid JSON (EOF while parsing a value)",
        ),
        (
            write("profile.json", "{\"profile\": {}}"),
            "profile.json: this is an OSCAL profile, not a catalog",
        ),
        (
            write("other.json", "[1, 2, 3]"),
            "this is not an OSCAL catalog",
        ),
        (
            write(
                "empty.json",
                "{\"catalog\": {\"metadata\": {\"title\": \"T\"}, \"groups\": []}}",
            ),
            "the catalog has no controls (carecheck looked in every group at every depth)",
        ),
        (
            write("notitle.json", "{\"catalog\": {\"metadata\": {}}}"),
            "metadata has no `title`",
        ),
        (
            s.path().join("missing.json").to_string_lossy().into_owned(),
            "missing.json: no such file",
        ),
        (s.path().to_string_lossy().into_owned(), "is a folder"),
    ];
    for (path, expected) in cases {
        let (code, _, err) = run(&s, &["import", "oscal", &path, "--id", "x"]);
        assert_eq!(code, 1, "{path}: {err}");
        assert!(
            err.contains(expected),
            "{path}: expected {expected:?} in {err}"
        );
    }
    let (code, _, err) = run(
        &s,
        &[
            "import",
            "oscal",
            "oscal/tiny-catalog.json",
            "--id",
            "Bad Id",
        ],
    );
    assert_eq!(code, 2, "{err}");
    assert_eq!(
        run(&s, &["import", "oscal", "oscal/tiny-catalog.json"]).0,
        0
    );
    let (code, _, err) = run(&s, &["import", "oscal", "oscal/tiny-catalog.json"]);
    assert_eq!(code, 1);
    assert!(err.contains("already exists"), "never overwrites: {err}");
}

/// Inputs the fuzzer found that once gave an invalid checklist; each must now give a clear error.
#[test]
fn fuzzer_findings_stay_fixed() {
    let s = Sandbox::new();
    let (code, _, err) = run(
        &s,
        &[
            "import",
            "oscal",
            "oscal/regressions/duplicate-control-id.json",
            "--id",
            "dup",
        ],
    );
    assert_eq!(code, 1);
    assert!(
        err.contains(
            "duplicate-control-id.json: the catalog uses the control id `ac-1.1` more than once"
        ),
        "{err}"
    );
    // Distinct ids that only collide once made safe for a checklist are caught too.
    let clash = s.path().join("clash.json");
    std::fs::write(&clash, r#"{"catalog": {"metadata": {"title": "T"}, "groups": [{"id": "g", "title": "G", "controls": [{"id": "a/1", "title": "A"}, {"id": "a-1", "title": "B"}]}]}}"#).expect("write");
    let (code, _, err) = run(
        &s,
        &[
            "import",
            "oscal",
            clash.to_str().expect("utf-8"),
            "--id",
            "clash",
        ],
    );
    assert_eq!(code, 1);
    assert!(
        err.contains("ids `a/1` and `a-1` would both become `a-1`"),
        "{err}"
    );
    assert!(
        !s.path().join("checklists").exists()
            || std::fs::read_dir(s.path().join("checklists"))
                .expect("dir")
                .count()
                == 0,
        "nothing written"
    );
}

/// The checklists folder cannot be given a checklist that a bundled one would hide; carecheck
/// tells by the bundled files' names, which must therefore be their ids.
#[test]
fn a_bundled_checklists_id_is_refused_for_the_checklists_folder() {
    for entry in carecheck::checklist::Library::load(None).0.entries() {
        let carecheck::checklist::Origin::Bundled(name) = &entry.origin else {
            panic!("only bundled checklists here");
        };
        assert_eq!(*name, format!("{}.toml", entry.checklist.id));
    }
    let s = Sandbox::new();
    let (code, _, err) = run(
        &s,
        &[
            "import",
            "oscal",
            "oscal/tiny-catalog.json",
            "--id",
            "dspt-social-care",
        ],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("built into carecheck"), "{err}");
    assert!(!s.path().join("checklists/dspt-social-care.toml").exists());
    let (code, out, err) = run(&s, &["import", "oscal", "oscal/tiny-catalog.json"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("carecheck new --org NAME --checklist tiny-catalog"),
        "{out}"
    );
}
