//! Damaged save files: each gives a clear error naming the file, and is never changed.

mod common;

use std::fs;

use carecheck::store::{DataDir, Store, StoreError};
use common::{Sandbox, copy_tree, fixtures, run, snapshot_tree, status_json};

#[test]
fn every_damaged_save_is_reported_by_name_and_left_untouched() {
    let corpus = fixtures().join("saves");
    let mut checked = 0;
    for entry in fs::read_dir(&corpus).expect("saves corpus") {
        let case = entry.expect("entry").path();
        let expected = fs::read_to_string(case.join("expect")).expect("expect file");
        let expected = expected.trim();
        if expected.is_empty() {
            continue;
        }
        let name = case
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let sandbox = Sandbox::new();
        copy_tree(
            &case.join("assessments"),
            &sandbox.path().join("assessments"),
        );
        let before = snapshot_tree(&sandbox.path().join("assessments"));
        for args in [
            &["status", "-a", "demo-care"][..],
            &["answer", "-a", "demo-care", "1.1", "yes"],
            &["list"],
        ] {
            let (code, _, stderr) = run(&sandbox, args);
            assert_eq!(code, 1, "{name} {args:?}: {stderr}");
            assert!(
                stderr.contains(expected),
                "{name} {args:?}: expected `{expected}` in\n{stderr}"
            );
            assert!(
                stderr.contains("demo-care"),
                "{name}: message should name the file\n{stderr}"
            );
        }
        // A lock file may be created by the attempt to write; nothing else may change.
        let after: Vec<_> = snapshot_tree(&sandbox.path().join("assessments"))
            .into_iter()
            .filter(|(p, _)| p.file_name().is_none_or(|n| n != "lock"))
            .collect();
        assert_eq!(before, after, "{name}: files were changed");
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} damaged saves");
}

#[test]
fn a_format_1_save_still_loads() {
    let sandbox = Sandbox::new();
    copy_tree(
        &fixtures().join("saves/valid-v1/assessments"),
        &sandbox.path().join("assessments"),
    );
    let json = status_json(&sandbox, "demo-care");
    assert_eq!(json["organisation"], "Demo Care");
    assert_eq!(json["answers"]["demo:1.1"]["status"], "partial");
    assert_eq!(json["answers"]["demo:1.1"]["note"], "second");
}

#[test]
fn a_format_2_save_with_a_plan_and_registers_still_loads_and_is_written_as_format_3() {
    let sandbox = Sandbox::new();
    copy_tree(
        &fixtures().join("saves/valid-v2/assessments"),
        &sandbox.path().join("assessments"),
    );
    let file = sandbox.path().join("assessments/demo-care/assessment.json");
    assert!(
        fs::read_to_string(&file)
            .expect("file")
            .contains("\"format\": 2")
    );
    let json = status_json(&sandbox, "demo-care");
    assert_eq!(json["answers"]["demo:1.1"]["note"], "format two");
    assert_eq!(
        json["registers"]["suppliers"][0]["name"],
        "Oak Care Records"
    );
    assert_eq!(json["registers"]["risks"][0]["title"], "Ransomware");
    assert_eq!(json["continuity_plan"]["contacts"], 1);

    let (code, _, err) = run(
        &sandbox,
        &["answer", "-a", "demo-care", "1.1", "no", "--note", "now"],
    );
    assert_eq!(code, 0, "{err}");
    let saved = fs::read_to_string(&file).expect("file");
    assert!(saved.contains("\"format\": 3"), "{saved}");
    let json = status_json(&sandbox, "demo-care");
    assert_eq!(
        json["registers"]["suppliers"][0]["name"],
        "Oak Care Records"
    );
    assert_eq!(json["continuity_plan"]["contacts"], 1);
    assert_eq!(json["answers"]["demo:1.1"]["status"], "no");
}

#[test]
fn an_unfinished_last_journal_line_is_dropped_and_work_continues() {
    let sandbox = Sandbox::new();
    copy_tree(
        &fixtures().join("saves/journal-torn-tail/assessments"),
        &sandbox.path().join("assessments"),
    );
    assert_eq!(
        status_json(&sandbox, "demo-care")["answers"]["demo:1.1"]["note"],
        "second"
    );
    let (code, _, err) = run(
        &sandbox,
        &["answer", "-a", "demo-care", "1.1", "yes", "--note", "third"],
    );
    assert_eq!(code, 0, "{err}");
    let journal = fs::read_to_string(sandbox.path().join("assessments/demo-care/journal.jsonl"))
        .expect("journal");
    assert_eq!(
        journal.lines().count(),
        4,
        "torn line cut off, new entry on its own line:\n{journal}"
    );
    assert!(journal.ends_with('\n'));
    assert_eq!(
        status_json(&sandbox, "demo-care")["answers"]["demo:1.1"]["note"],
        "third"
    );
}

#[test]
fn changes_the_assessment_file_missed_are_replayed_from_the_journal() {
    let sandbox = Sandbox::new();
    copy_tree(
        &fixtures().join("saves/snapshot-behind-journal/assessments"),
        &sandbox.path().join("assessments"),
    );
    let json = status_json(&sandbox, "demo-care");
    assert_eq!(json["answers"]["demo:1.1"]["status"], "partial");
    assert_eq!(json["answers"]["demo:1.1"]["note"], "second");
}

#[test]
fn a_second_writer_is_refused_but_may_read() {
    let sandbox = Sandbox::new();
    copy_tree(
        &fixtures().join("saves/valid-v1/assessments"),
        &sandbox.path().join("assessments"),
    );
    let store = Store::new(DataDir::new(sandbox.path()));
    let held = store.open("demo-care").expect("first writer");
    let (code, _, err) = run(&sandbox, &["answer", "-a", "demo-care", "1.1", "yes"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("assessment `demo-care` is open in another carecheck (process"),
        "{err}"
    );
    assert!(matches!(
        store.open("demo-care"),
        Err(StoreError::Locked { .. })
    ));
    // Reading does not need the lock.
    assert_eq!(
        status_json(&sandbox, "demo-care")["answers"]["demo:1.1"]["status"],
        "partial"
    );
    drop(held);
    assert_eq!(
        run(&sandbox, &["answer", "-a", "demo-care", "1.1", "yes"]).0,
        0
    );
}

#[cfg(unix)]
#[test]
fn nothing_carecheck_creates_is_readable_by_others() {
    use std::os::unix::fs::PermissionsExt;
    let sandbox = Sandbox::new();
    let evidence = sandbox.path().join("policy.pdf");
    fs::write(&evidence, b"policy").expect("write");
    assert_eq!(
        run(
            &sandbox,
            &[
                "new",
                "--org",
                "Private Care",
                "--checklist",
                "first-hour-starter"
            ]
        )
        .0,
        0
    );
    let ev = evidence.to_string_lossy().into_owned();
    assert_eq!(
        run(&sandbox, &["answer", "SH1", "yes", "--evidence", &ev]).0,
        0
    );
    let root = sandbox.path();
    let mut checked = 0;
    let mut stack = vec![root.join("assessments")];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).expect("dir") {
            let path = entry.expect("entry").path();
            let mode = fs::metadata(&path).expect("stat").permissions().mode();
            assert_eq!(
                mode & 0o077,
                0,
                "{} has mode {:o}",
                path.display(),
                mode & 0o777
            );
            checked += 1;
            if path.is_dir() {
                stack.push(path);
            }
        }
    }
    let last = fs::metadata(root.join("last-used"))
        .expect("last-used")
        .permissions()
        .mode();
    assert_eq!(last & 0o077, 0);
    assert!(checked >= 5);
}
