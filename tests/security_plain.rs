//! Security properties checked with nothing but carecheck itself, so a plain `cargo test`
//! catches their breakage (issue 32: each was caught only by a test needing pdftotext or tmux).

mod common;

use std::fs;

use common::{Sandbox, run};

#[test]
fn changing_an_evidence_file_changes_the_pack_fingerprint_and_not_the_assessments() {
    let s = Sandbox::new();
    run(&s, &["new", "--org", "Oak House Care"]);
    let evidence = s.out("backup-policy.txt");
    fs::write(&evidence, "policy v1").expect("write");
    let (code, _, err) = run(
        &s,
        &[
            "answer",
            "1.1.2",
            "yes",
            "--evidence",
            evidence.to_str().expect("path"),
        ],
    );
    assert_eq!(code, 0, "{err}");
    let fingerprints = || -> (String, String) {
        let (_, json, _) = run(&s, &["export", "--format", "json"]);
        let value: serde_json::Value = serde_json::from_str(&json).expect("json");
        (
            value["fingerprint"]
                .as_str()
                .expect("fingerprint")
                .to_owned(),
            value["pack_fingerprint"].as_str().expect("pack").to_owned(),
        )
    };
    let first = fingerprints();
    assert_eq!(
        first,
        fingerprints(),
        "the same files give the same fingerprints"
    );
    fs::write(&evidence, "policy v2, edited").expect("edit");
    let changed = fingerprints();
    assert_eq!(changed.0, first.0, "the answers did not change");
    assert_ne!(
        changed.1, first.1,
        "the pack fingerprint shows the changed file"
    );
    fs::remove_file(&evidence).expect("remove");
    let missing = fingerprints();
    assert_ne!(missing.1, first.1);
    assert_ne!(missing.1, changed.1, "missing differs from changed");
}

#[test]
fn only_the_whole_passphrase_opens_a_sealed_bundle() {
    let s = Sandbox::new();
    run(&s, &["new", "--org", "Oak House Care"]);
    let bundle = s.out("oak.ccb");
    let path = bundle.to_str().expect("path");
    let passphrase = "correct horse battery staple";
    let out = s
        .cmd()
        .env("CARECHECK_PASSPHRASE", passphrase)
        .args(["bundle", "--encrypt", "-o", path])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let other = Sandbox::new();
    // The same first 8, 16 and 27 characters: a passphrase cut short anywhere would open it.
    for wrong in [
        "correct horse battery stapler",
        "correct hxxxxxxxxxxxxxxxxxxx",
        "correct horse battery stapl",
    ] {
        let out = other
            .cmd()
            .env("CARECHECK_PASSPHRASE", wrong)
            .args(["unbundle", path])
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(1), "{wrong:?} must not open it");
        let (_, list, _) = run(&other, &["list"]);
        assert!(
            !list.contains("oak-house-care"),
            "{wrong:?} imported it: {list}"
        );
    }
    let out = other
        .cmd()
        .env("CARECHECK_PASSPHRASE", passphrase)
        .args(["unbundle", path])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
