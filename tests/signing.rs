//! Signed packs (issue 25): `carecheck sign` writes PACK.pdf.sig in OpenSSH's SSHSIG format,
//! `carecheck key show` prints what OpenSSH needs to check it, and `carecheck verify` says
//! whose key signed. The done-when: `ssh-keygen -Y verify` accepts a signature carecheck made
//! and rejects it once one byte of the PDF changes.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{Sandbox, run};

fn ok(s: &Sandbox, args: &[&str]) -> String {
    let (code, out, err) = run(s, args);
    assert_eq!(code, 0, "{args:?}: {err}");
    out
}

fn p(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

/// A small evidence pack in the sandbox's output folder.
fn pack(s: &Sandbox) -> PathBuf {
    ok(s, &["new", "--org", "Oak Care", "--assessor", "Ann Lee"]);
    let path = s.out("pack.pdf");
    ok(s, &["report", "-o", p(&path)]);
    path
}

/// The key's fingerprint and allowed-signers line, from `key show`.
fn key_show(s: &Sandbox, extra: &[&str]) -> (String, String) {
    let mut args = vec!["key", "show"];
    args.extend_from_slice(extra);
    let out = ok(s, &args);
    let lines: Vec<&str> = out.lines().collect();
    let fingerprint = lines[0]
        .strip_prefix("Signing key: ")
        .and_then(|rest| rest.split_once(' '))
        .map(|(f, _)| f.to_owned())
        .expect("a fingerprint");
    (fingerprint, lines[2].to_owned())
}

#[test]
fn a_signed_pack_verifies_with_the_key_named_and_the_signature_is_never_replaced_silently() {
    let s = Sandbox::new();
    let pack = pack(&s);
    let out = ok(&s, &["sign", p(&pack)]);
    let key_file = s.config_dir().join("signing-key");
    let (fingerprint, allowed) = key_show(&s, &[]);
    let sig = format!("{}.sig", p(&pack));
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        [
            format!(
                "Signed {} with carecheck's own key, made now in {} ({fingerprint}).",
                p(&pack),
                p(&key_file)
            ),
            format!("Wrote {sig}."),
            "To check a signed file without carecheck, put this line in a file named allowed_signers:".to_owned(),
            allowed.clone(),
            "and run (OpenSSH 8.1 or later):".to_owned(),
            format!(
                "ssh-keygen -Y verify -f allowed_signers -I carecheck -n file -s {sig} < {}",
                p(&pack)
            ),
        ]
    );
    assert!(
        allowed.starts_with("carecheck namespaces=\"file\" ssh-ed25519 AAAA"),
        "{allowed}"
    );
    assert_eq!(
        ok(&s, &["key", "show", "--allowed-signers"]),
        format!("{allowed}\n")
    );
    #[cfg(unix)]
    for file in [&key_file, &PathBuf::from(&sig)] {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(file).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{}", file.display());
    }

    let (code, out, err) = run(&s, &["verify", p(&pack)]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out.lines().nth(1),
        Some(format!(
            "Signature:              VALID: {sig} signs these exact bytes with the key {fingerprint}: unaltered since the holder of that key signed it. Only they can say the key is theirs (`carecheck key show` prints it)."
        ).as_str())
    );

    // The one output rule: an existing signature is kept unless --force.
    let before = fs::read(&sig).expect("sig");
    let (code, _, err) = run(&s, &["sign", p(&pack)]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        format!(
            "carecheck: {sig}: already exists; carecheck never replaces a file unless you add --force (or choose another name)\n"
        )
    );
    assert_eq!(fs::read(&sig).expect("sig"), before);
    ok(&s, &["sign", p(&pack), "--force"]);
}

#[test]
fn a_signature_that_does_not_fit_the_bytes_fails_verify_even_when_the_pages_are_sealed() {
    let s = Sandbox::new();
    let pack = pack(&s);
    ok(&s, &["sign", p(&pack)]);
    // Only the author changes: the seal still fits the pages, the signature fits nothing.
    let mut bytes = fs::read(&pack).expect("read");
    let at = bytes
        .windows(7)
        .position(|w| w == b"/Author")
        .expect("an author");
    bytes[at + 1] = b't';
    fs::write(&pack, &bytes).expect("write");
    let (code, out, _) = run(&s, &["verify", p(&pack)]);
    assert_eq!(code, 1, "{out}");
    assert!(out.starts_with(&format!("{}: RE-SAVED", p(&pack))), "{out}");
    assert_eq!(
        out.lines().nth(1),
        Some(format!(
            "Signature:              DOES NOT MATCH: {}.sig: it does not match these bytes: the file changed after it was signed, or the signature is for another file.",
            p(&pack)
        ).as_str())
    );
}

#[test]
fn only_pdfs_carecheck_made_and_left_unaltered_are_signed() {
    let s = Sandbox::new();
    let other = s.out("other.pdf");
    fs::write(&other, b"%PDF-1.4\n%%EOF\n").expect("write");
    let (code, _, err) = run(&s, &["sign", p(&other)]);
    assert_eq!(code, 1);
    assert!(
        err.starts_with(&format!(
            "carecheck: {}: cannot be read as a PDF",
            p(&other)
        )) && err.ends_with("; carecheck signs only PDFs it made\n"),
        "{err}"
    );
    assert!(!s.out("other.pdf.sig").exists());
    assert!(
        !s.config_dir().join("signing-key").exists(),
        "no key made for nothing"
    );
}

/// Runs ssh-keygen within the time limit, with `stdin` as its input (`common::output_within`
/// gives every command an empty input). Its output is a few lines, so it is read after it ends.
fn ssh_keygen(args: &[&str], stdin: Option<&Path>) -> std::process::Output {
    use std::io::Read;
    use std::process::Stdio;
    let input = stdin.map_or_else(Stdio::null, |file| {
        Stdio::from(fs::File::open(file).expect("stdin"))
    });
    let mut child = std::process::Command::new("ssh-keygen")
        .args(args)
        .stdin(input)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("ssh-keygen starts");
    let status = common::wait_within(&mut child, common::COMMAND_TIMEOUT).expect("finishes");
    let mut stdout = Vec::new();
    let mut stderr = Vec::new();
    child
        .stdout
        .take()
        .expect("out")
        .read_to_end(&mut stdout)
        .expect("read");
    child
        .stderr
        .take()
        .expect("err")
        .read_to_end(&mut stderr)
        .expect("read");
    std::process::Output {
        status,
        stdout,
        stderr,
    }
}

#[test]
#[ignore = "needs ssh-keygen: run with `cargo test -- --include-ignored`, as CI does"]
fn ssh_keygen_accepts_a_signature_carecheck_made_and_rejects_it_after_one_byte_changes() {
    common::require_tool("ssh-keygen");
    let s = Sandbox::new();
    let pack = pack(&s);
    ok(&s, &["sign", p(&pack)]);
    let allowed = s.out("allowed_signers");
    fs::write(&allowed, ok(&s, &["key", "show", "--allowed-signers"])).expect("write");
    let sig = format!("{}.sig", p(&pack));
    let check = |file: &Path| {
        ssh_keygen(
            &[
                "-Y",
                "verify",
                "-f",
                p(&allowed),
                "-I",
                "carecheck",
                "-n",
                "file",
                "-s",
                &sig,
            ],
            Some(file),
        )
    };
    let good = check(&pack);
    assert!(
        good.status.success(),
        "{}",
        String::from_utf8_lossy(&good.stderr)
    );
    assert!(
        String::from_utf8_lossy(&good.stdout)
            .starts_with("Good \"file\" signature for carecheck with ED25519 key SHA256:"),
        "{good:?}"
    );
    let mut bytes = fs::read(&pack).expect("read");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 1;
    let changed = s.out("changed.pdf");
    fs::write(&changed, &bytes).expect("write");
    assert!(!check(&changed).status.success());
}

#[test]
#[ignore = "needs ssh-keygen: run with `cargo test -- --include-ignored`, as CI does"]
fn the_users_own_key_signs_both_ways_and_a_protected_key_is_refused() {
    common::require_tool("ssh-keygen");
    let s = Sandbox::new();
    let pack = pack(&s);
    let key = s.out("id_ed25519");
    let made = ssh_keygen(
        &[
            "-q",
            "-t",
            "ed25519",
            "-N",
            "",
            "-C",
            "ann@oak-care",
            "-f",
            p(&key),
        ],
        None,
    );
    assert!(made.status.success(), "{made:?}");
    ok(&s, &["sign", p(&pack), "--key", p(&key)]);
    let allowed_line = ok(&s, &["key", "show", "--key", p(&key), "--allowed-signers"]);
    assert!(
        allowed_line.starts_with("ann@oak-care namespaces=\"file\" ssh-ed25519 AAAA"),
        "{allowed_line}"
    );
    let allowed = s.out("allowed_signers");
    fs::write(&allowed, &allowed_line).expect("write");
    let sig = format!("{}.sig", p(&pack));
    let checked = ssh_keygen(
        &[
            "-Y",
            "verify",
            "-f",
            p(&allowed),
            "-I",
            "ann@oak-care",
            "-n",
            "file",
            "-s",
            &sig,
        ],
        Some(&pack),
    );
    assert!(checked.status.success(), "{checked:?}");
    assert!(
        !s.config_dir().join("signing-key").exists(),
        "carecheck's own key is not made"
    );

    // A signature made by ssh-keygen itself is one carecheck verify accepts.
    fs::remove_file(&sig).expect("rm");
    let signed = ssh_keygen(&["-Y", "sign", "-f", p(&key), "-n", "file", p(&pack)], None);
    assert!(signed.status.success(), "{signed:?}");
    let (code, out, _) = run(&s, &["verify", p(&pack)]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.lines().nth(1).is_some_and(|l| l.starts_with(&format!(
            "Signature:              VALID: {sig} signs these exact bytes with the key SHA256:"
        ))),
        "{out}"
    );

    let locked = s.out("locked");
    let made = ssh_keygen(
        &[
            "-q",
            "-t",
            "ed25519",
            "-N",
            "secret words",
            "-f",
            p(&locked),
        ],
        None,
    );
    assert!(made.status.success(), "{made:?}");
    let (code, _, err) = run(&s, &["sign", p(&pack), "--key", p(&locked), "--force"]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        format!(
            "carecheck: {}: is protected by a passphrase, which carecheck cannot use; sign with `ssh-keygen -Y sign -n file -f KEY PACK.pdf` instead, or use carecheck's own key (leave out --key)\n",
            p(&locked)
        )
    );
}

#[test]
#[ignore = "needs pdftotext: run with `cargo test -- --include-ignored`, as CI does"]
fn the_sign_off_page_says_how_to_check_the_file() {
    common::require_tool("pdftotext");
    let s = Sandbox::new();
    let pack = pack(&s);
    let pages = common::tool_output("pdfinfo", &[p(&pack)])
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse::<usize>().ok())
        .expect("a page count");
    let last = pages.to_string();
    let text = common::tool_output("pdftotext", &["-f", &last, "-l", &last, p(&pack), "-"]);
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.starts_with("Oak Care Evidence pack · 28/11/2026 Sign-off "),
        "{words}"
    );
    let from = words
        .find("How to check this file:")
        .expect("the paragraph");
    let to = words
        .find(" Cyber Essentials asks")
        .expect("what follows it");
    assert_eq!(
        &words[from..to],
        "How to check this file: carecheck verify FILE.pdf says which document it is and whether its pages are the ones carecheck sealed (a checksum, not a signature). A signed copy comes with FILE.pdf.sig, which anyone can check with OpenSSH, where allowed_signers holds the line the signer's carecheck key show prints: ssh-keygen -Y verify -f allowed_signers -I NAME -n file -s FILE.pdf.sig < FILE.pdf"
    );
}
