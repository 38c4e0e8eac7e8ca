//! Bundles carried between two data directories through the real binary.

mod common;

use std::fs;
use std::path::Path;

use common::{Sandbox, run, snapshot_tree, status_json};

/// An assessment with notes and an evidence file, in a fresh data directory.
fn source() -> (Sandbox, String) {
    let s = Sandbox::new();
    assert_eq!(
        run(
            &s,
            &[
                "new",
                "--org",
                "Moving Care",
                "--checklist",
                "first-hour-starter"
            ]
        )
        .0,
        0
    );
    let evidence = s.path().join("backup-test.pdf");
    fs::write(&evidence, b"restore test record").expect("write");
    let ev = evidence.to_string_lossy().into_owned();
    assert_eq!(
        run(
            &s,
            &[
                "answer",
                "SH10",
                "yes",
                "--value",
                "2026-10-01",
                "--evidence",
                &ev,
                "--note",
                "Private: restored the rota folder"
            ]
        )
        .0,
        0
    );
    assert_eq!(
        run(
            &s,
            &[
                "answer",
                "SH1",
                "no",
                "--owner",
                "Sam",
                "--note",
                "Private: MFA not on yet"
            ]
        )
        .0,
        0
    );
    (s, ev)
}

fn bundle(s: &Sandbox, args: &[&str]) -> std::path::PathBuf {
    let path = s.out("moving.ccb");
    let _ = fs::remove_file(&path);
    let mut all = vec!["bundle", "-o", path.to_str().expect("utf-8")];
    all.extend_from_slice(args);
    let (code, out, err) = run(s, &all);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("Wrote "), "{out}");
    path
}

fn folder(s: &Sandbox, id: &str) -> std::path::PathBuf {
    s.path().join("assessments").join(id)
}

/// The assessment's files, by path relative to its folder (the lock is not part of it).
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    snapshot_tree(dir)
        .into_iter()
        .map(|(p, b)| {
            (
                p.strip_prefix(dir)
                    .expect("inside")
                    .to_string_lossy()
                    .into_owned(),
                b,
            )
        })
        .filter(|(p, _)| p != "lock")
        .collect()
}

#[test]
fn a_bundle_arrives_byte_identical() {
    let (from, _) = source();
    let path = bundle(&from, &[]);
    let to = Sandbox::new();
    let (code, out, err) = run(&to, &["unbundle", path.to_str().expect("utf-8")]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Imported assessment `moving-care`"), "{out}");
    assert_eq!(
        files(&folder(&from, "moving-care")),
        files(&folder(&to, "moving-care"))
    );
    assert_eq!(
        status_json(&from, "moving-care")["fingerprint"],
        status_json(&to, "moving-care")["fingerprint"]
    );
    // And it can be worked on at once.
    assert_eq!(run(&to, &["answer", "SH2", "yes"]).0, 0);
}

#[test]
fn a_bundle_with_one_flipped_byte_is_refused_and_nothing_is_imported() {
    let (from, _) = source();
    let path = bundle(&from, &[]);
    let good = fs::read(&path).expect("read");
    for position in [5, good.len() / 3, good.len() / 2, good.len() - 2] {
        let mut bad = good.clone();
        bad[position] ^= 0x20;
        fs::write(&path, &bad).expect("write");
        let to = Sandbox::new();
        let (code, _, err) = run(&to, &["unbundle", path.to_str().expect("utf-8")]);
        assert_eq!(code, 1, "byte {position}: {err}");
        assert!(err.contains("moving.ccb:"), "names the file: {err}");
        assert!(
            !to.path().join("assessments").exists()
                || fs::read_dir(to.path().join("assessments"))
                    .expect("dir")
                    .count()
                    == 0,
            "nothing half-imported"
        );
    }
}

#[test]
fn notes_can_be_left_out() {
    let (from, _) = source();
    let path = bundle(&from, &["--no-notes"]);
    let bytes = fs::read(&path).expect("read");
    assert!(
        !bytes.windows(7).any(|w| w == b"Private"),
        "no note text anywhere in the bundle"
    );
    let to = Sandbox::new();
    let (code, out, _) = run(&to, &["unbundle", path.to_str().expect("utf-8")]);
    assert_eq!(code, 0);
    assert!(out.contains("Notes were left out"), "{out}");
    let answers = &status_json(&to, "moving-care")["answers"];
    assert_eq!(
        answers["first-hour-starter:SH1"]["action"]["owner"], "Sam",
        "everything else is kept"
    );
    assert!(answers["first-hour-starter:SH1"].get("note").is_none());
    assert_eq!(
        run(&to, &["answer", "SH2", "yes"]).0,
        0,
        "a redacted assessment still works"
    );
}

#[test]
fn evidence_travels_inside_the_bundle() {
    let (from, evidence) = source();
    let path = bundle(&from, &["--with-evidence"]);
    fs::remove_file(&evidence).expect("the original is not on the new computer");
    let to = Sandbox::new();
    assert_eq!(run(&to, &["unbundle", path.to_str().expect("utf-8")]).0, 0);
    let (code, out, err) = run(&to, &["export", "--format", "json"]);
    assert_eq!(code, 0, "the carried copy counts as unchanged: {err}");
    let json: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(json["evidence"][0]["check"]["state"], "carried-copy");
    // On the old computer the original is gone: that is reported.
    assert_eq!(run(&from, &["export", "--format", "json"]).0, 1);
}

#[test]
fn an_existing_id_is_never_overwritten() {
    let (from, _) = source();
    let path = bundle(&from, &[]);
    let p = path.to_str().expect("utf-8");
    let (code, _, err) = run(&from, &["unbundle", p]);
    assert_eq!(code, 1);
    assert!(err.contains("already exists"), "{err}");
    let (code, out, err) = run(&from, &["unbundle", p, "--as", "moving-care-copy"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("`moving-care-copy`"));
    assert_eq!(
        status_json(&from, "moving-care-copy")["answers"],
        status_json(&from, "moving-care")["answers"]
    );
}

#[test]
fn a_crafted_bundle_cannot_write_outside_its_folder() {
    let s = Sandbox::new();
    let files = vec![
        ("assessment.json".to_owned(), b"{}".to_vec()),
        ("journal.jsonl".to_owned(), b"".to_vec()),
        ("../../escaped.txt".to_owned(), b"owned".to_vec()),
    ];
    let path = s.out("evil.ccb");
    fs::write(
        &path,
        carecheck::bundle::encode("evil", "2026-11-28T00:00:00Z", true, &files),
    )
    .expect("write");
    let (code, _, err) = run(&s, &["unbundle", path.to_str().expect("utf-8")]);
    assert_eq!(code, 1);
    assert!(err.contains("does not expect (../../escaped.txt)"), "{err}");
    assert!(
        !s.path().join("escaped.txt").exists()
            && !s
                .path()
                .parent()
                .expect("parent")
                .join("escaped.txt")
                .exists()
    );
    for junk in ["not a bundle", ""] {
        fs::write(&path, junk).expect("write");
        let (code, _, err) = run(&s, &["unbundle", path.to_str().expect("utf-8")]);
        assert_eq!(code, 1);
        assert!(err.contains("not a carecheck bundle"), "{err}");
    }
}
