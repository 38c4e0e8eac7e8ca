//! Issue 29, major 2 (and issue 32's dangling link): every command that writes a file the user
//! names goes through the one output rule (`carecheck::output::check_output`): it never
//! replaces an existing file, nor a link (even one pointing nowhere), without `--force`, and
//! never writes inside carecheck's data folder, even with `--force`. Each writing command is
//! listed here once and walked through every case.

mod common;

use std::fs;
use std::path::Path;
use std::time::Duration;

use common::{Sandbox, run_within};

const LIMIT: Duration = Duration::from_secs(30);

fn run(s: &Sandbox, args: &[&str]) -> (i32, String, String) {
    run_within(s, args, LIMIT)
}

fn p(path: &Path) -> String {
    path.to_str().expect("utf-8 path").to_owned()
}

/// An assessment with a supplier (for `supplier ask`).
fn sandbox() -> Sandbox {
    let s = Sandbox::new();
    for args in [
        &[
            "new",
            "--org",
            "Ten Care",
            "--checklist",
            "ncsc-10-steps",
            "--checklist",
            "dspt-social-care",
        ][..],
        &["supplier", "add", "Acme", "--provides", "care-records"],
        &["answer", "ncsc-10-steps:RISK", "no"],
    ] {
        let (code, _, err) = run(&s, args);
        assert_eq!(code, 0, "{args:?}: {err}");
    }
    s
}

/// Every command that writes a file the user names with `-o`, before its `-o FILE`.
fn writers() -> Vec<Vec<&'static str>> {
    let catalog = common::fixtures().join("oscal/tiny-catalog.json");
    let catalog: &'static str = Box::leak(p(&catalog).into_boxed_str());
    vec![
        vec!["report"],
        vec!["report", "--history"],
        vec!["report", "--action-plan"],
        vec!["report", "--entry-sheet"],
        vec!["report", "--incident-card"],
        vec!["report", "--continuity-plan"],
        vec!["report", "--registers"],
        vec!["report", "--all"],
        vec!["export", "--format", "csv"],
        vec!["export", "--format", "json"],
        vec!["export", "--format", "md"],
        vec!["export", "--format", "oscal-ar"],
        vec!["export", "--format", "oscal-poam"],
        vec!["export", "--actions"],
        vec!["export", "--suppliers"],
        vec!["export", "--risks"],
        vec!["export", "--all"],
        vec!["plan", "export", "--format", "md"],
        vec!["plan", "export", "--format", "json"],
        vec!["supplier", "ask", "Acme"],
        vec!["bundle"],
        vec!["import", "oscal", catalog, "--id", "tiny-out"],
    ]
}

fn with_output<'a>(command: &[&'a str], path: &'a str, force: bool) -> Vec<&'a str> {
    let mut args = command.to_vec();
    args.extend(["-o", path]);
    if force {
        args.push("--force");
    }
    args
}

/// The file name each writer is given (a PDF command refuses other extensions, and so on).
fn name_for(command: &[&str]) -> &'static str {
    match command {
        ["report", ..] => "out.pdf",
        ["supplier", ..] => "out.csv",
        ["bundle"] => "out.ccb",
        ["import", ..] => "out.toml",
        _ => "out.txt",
    }
}

#[test]
fn no_writer_replaces_an_existing_file_without_force() {
    let s = sandbox();
    for command in writers() {
        let path = s.out(name_for(&command));
        fs::write(&path, b"mine").expect("write");
        let (code, _, err) = run(&s, &with_output(&command, &p(&path), false));
        assert_eq!(code, 1, "{command:?} replaced a file: {err}");
        let first = err.lines().next().unwrap_or_default();
        let expected = format!(
            "carecheck: {}: already exists; carecheck never replaces a file unless you add --force",
            p(&path)
        );
        assert!(first.starts_with(&expected), "{command:?}: {err}");
        assert_eq!(fs::read(&path).expect("read"), b"mine", "{command:?}");
        fs::remove_file(&path).expect("remove");
    }
}

#[cfg(unix)]
#[test]
fn no_writer_replaces_a_dangling_link_without_force() {
    let s = sandbox();
    for command in writers() {
        let link = s.out(name_for(&command));
        let target = s.out("nowhere-yet");
        std::os::unix::fs::symlink(&target, &link).expect("symlink");
        let (code, _, err) = run(&s, &with_output(&command, &p(&link), false));
        assert_eq!(code, 1, "{command:?} replaced a link: {err}");
        assert!(err.contains("already exists"), "{command:?}: {err}");
        assert!(
            fs::symlink_metadata(&link)
                .expect("link kept")
                .file_type()
                .is_symlink(),
            "{command:?}"
        );
        assert!(!target.exists(), "{command:?} wrote through the link");
        fs::remove_file(&link).expect("remove");
    }
}

#[test]
fn no_writer_writes_inside_the_data_folder_even_with_force() {
    let s = sandbox();
    let own = s.path().join("assessments/ten-care/assessment.json");
    let before = fs::read(&own).expect("read");
    for command in writers() {
        for path in [own.clone(), s.path().join(name_for(&command))] {
            let (code, _, err) = run(&s, &with_output(&command, &p(&path), true));
            assert_eq!(code, 1, "{command:?} wrote {}: {err}", path.display());
            assert!(
                err.contains("inside carecheck's data folder"),
                "{command:?}: {err}"
            );
        }
    }
    assert_eq!(
        fs::read(&own).expect("read"),
        before,
        "the assessment is intact"
    );
    let (code, out, err) = run(&s, &["list"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.lines().any(|l| l.starts_with("ten-care ")), "{out}");
}

#[test]
fn every_writer_replaces_with_force_outside_the_data_folder() {
    let s = sandbox();
    for command in writers() {
        let path = s.out(name_for(&command));
        fs::write(&path, b"mine").expect("write");
        let (code, _, err) = run(&s, &with_output(&command, &p(&path), true));
        assert!(
            code == 0 || code == 1 && err.is_empty(),
            "{command:?}: {err}"
        );
        assert_ne!(fs::read(&path).expect("read"), b"mine", "{command:?}");
        fs::remove_file(&path).expect("remove");
    }
}
