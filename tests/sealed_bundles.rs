//! Bundles protected with a passphrase (age, scrypt): a finder of the USB stick reads nothing,
//! and a wrong passphrase or an altered file imports nothing.

mod common;

use std::fs;

use common::{Sandbox, run, safe_text, status_json};

const NOTE: &str = "Key safe code is 2468, behind the boiler";

/// Runs carecheck with `passphrase` in CARECHECK_PASSPHRASE (or none at all).
fn run_with(s: &Sandbox, passphrase: Option<&str>, args: &[&str]) -> (i32, String, String) {
    let mut cmd = s.cmd();
    cmd.env_remove("CARECHECK_PASSPHRASE");
    if let Some(p) = passphrase {
        cmd.env("CARECHECK_PASSPHRASE", p);
    }
    let output = cmd.args(args).output().expect("runs");
    (
        output.status.code().unwrap_or(-1),
        safe_text(&output.stdout),
        safe_text(&output.stderr),
    )
}

fn sealed_bundle() -> (Sandbox, std::path::PathBuf) {
    let s = Sandbox::new();
    assert_eq!(run(&s, &["new", "--org", "Birch Care"]).0, 0);
    assert_eq!(
        run(
            &s,
            &["answer", "-a", "birch-care", "4.5.3", "yes", "--note", NOTE]
        )
        .0,
        0
    );
    let file = s.out("birch.ccb");
    let path = file.to_str().expect("utf-8");
    let (code, out, err) = run_with(
        &s,
        Some("correct horse battery"),
        &["bundle", "-a", "birch-care", "-o", path, "--encrypt"],
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("protected with a passphrase"), "{out}");
    (s, file)
}

fn nothing_imported(target: &Sandbox) {
    let (_, list, _) = run(target, &["list"]);
    assert!(list.contains("No assessments yet"), "{list}");
}

#[test]
fn an_encrypted_bundle_hides_everything_and_round_trips_with_the_passphrase() {
    let (_s, file) = sealed_bundle();
    let bytes = fs::read(&file).expect("written");
    assert!(bytes.starts_with(b"age-encryption.org/v1\n"));
    for plain in [
        NOTE,
        "Key safe",
        "Birch Care",
        "birch-care",
        "carecheck-bundle",
        "4.5.3",
    ] {
        assert!(
            !bytes.windows(plain.len()).any(|w| w == plain.as_bytes()),
            "`{plain}` readable in the encrypted bundle"
        );
    }
    let path = file.to_str().expect("utf-8");

    let target = Sandbox::new();
    // No passphrase and no terminal to type one: refused, saying how to give it.
    let (code, _, err) = run_with(&target, None, &["unbundle", path]);
    assert_ne!(code, 0);
    assert!(err.contains("CARECHECK_PASSPHRASE"), "{err}");
    nothing_imported(&target);

    let (code, _, err) = run_with(&target, Some("wrong horse"), &["unbundle", path]);
    assert_ne!(code, 0);
    assert!(
        err.contains("passphrase is wrong") && err.contains("nothing was imported"),
        "{err}"
    );
    nothing_imported(&target);

    let (code, out, err) = run_with(&target, Some("correct horse battery"), &["unbundle", path]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("Imported assessment `birch-care`"), "{out}");
    let status = status_json(&target, "birch-care");
    assert_eq!(status["answers"]["dspt-social-care:4.5.3"]["note"], NOTE);
}

#[test]
fn a_flipped_byte_anywhere_in_an_encrypted_bundle_imports_nothing() {
    let (s, file) = sealed_bundle();
    let bytes = fs::read(&file).expect("written");
    // One in the header (the scrypt stanza), one in the middle, the last byte.
    for at in [40, bytes.len() / 2, bytes.len() - 1] {
        let mut altered = bytes.clone();
        altered[at] ^= 0x01;
        let copy = s.out(&format!("altered-{at}.ccb"));
        fs::write(&copy, &altered).expect("written");
        let target = Sandbox::new();
        let (code, _, err) = run_with(
            &target,
            Some("correct horse battery"),
            &["unbundle", copy.to_str().expect("utf-8")],
        );
        assert_ne!(code, 0, "byte {at} flipped was accepted");
        assert!(
            err.contains("nothing was imported") || err.contains("altered"),
            "{at}: {err}"
        );
        nothing_imported(&target);
    }
}

#[test]
fn encrypting_needs_a_passphrase_and_writes_nothing_without_one() {
    let s = Sandbox::new();
    assert_eq!(run(&s, &["new", "--org", "Birch Care"]).0, 0);
    let file = s.out("none.ccb");
    let path = file.to_str().expect("utf-8");
    let (code, _, err) = run_with(&s, None, &["bundle", "-o", path, "--encrypt"]);
    assert_ne!(code, 0);
    assert!(err.contains("CARECHECK_PASSPHRASE"), "{err}");
    let (code, _, err) = run_with(&s, Some(""), &["bundle", "-o", path, "--encrypt"]);
    assert_ne!(code, 0);
    assert!(err.contains("empty passphrase"), "{err}");
    assert!(!file.exists());
}
