//! `carecheck verify` says exactly what it checked (issue 25): the kind of document, a seal it
//! never calls proof of "unaltered", a re-save by another PDF program told apart from a change
//! to what the pages show; and it is safe on hostile input (issue 29): a FIFO, a device, an
//! oversized file or a link is refused at once, and the exit code is the verdict's even when
//! nobody reads the output.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

#[cfg(unix)]
use common::run_within;
use common::{Sandbox, run};

/// Refusing must be immediate; a hang (today's FIFO bug) fails the test instead of stalling.
const AT_ONCE: Duration = Duration::from_secs(10);

fn ok(s: &Sandbox, args: &[&str]) -> String {
    let (code, out, err) = run(s, args);
    assert_eq!(code, 0, "{args:?}: {err}");
    out
}

/// An assessment with one evidence file; returns the evidence file's path.
fn setup(s: &Sandbox) -> PathBuf {
    ok(s, &["new", "--org", "Oak Care", "--assessor", "Ann Lee"]);
    let evidence = s.out("backup-policy.pdf");
    fs::write(&evidence, "policy v1").expect("evidence");
    ok(
        s,
        &[
            "answer",
            "3.2.1",
            "yes",
            "--evidence",
            &evidence.to_string_lossy(),
        ],
    );
    evidence
}

/// Builds a document with `report` and returns its path and the fingerprint lines printed.
fn report(s: &Sandbox, name: &str, extra: &[&str]) -> (PathBuf, String) {
    let path = s.out(name);
    let mut args = vec!["report", "-o", path.to_str().expect("utf-8")];
    args.extend_from_slice(extra);
    let out = ok(s, &args);
    (path, out)
}

fn line<'a>(out: &'a str, prefix: &str) -> &'a str {
    out.lines()
        .find_map(|l| l.strip_prefix(prefix))
        .unwrap_or_else(|| panic!("no `{prefix}` line in:\n{out}"))
}

fn s(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

#[test]
fn a_sealed_pack_is_described_exactly_and_never_called_unaltered() {
    let sb = Sandbox::new();
    let evidence = setup(&sb);
    let (pack, printed) = report(&sb, "pack.pdf", &[]);
    let folder = evidence.parent().expect("folder");
    let (code, out, err) = run(&sb, &["verify", s(&pack), "--evidence", s(folder)]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        format!(
            "{}: SEALED: this evidence pack is byte for byte the file carecheck wrote, or someone rebuilt its manifest and seal after changing it (a seal is a checksum anyone can recompute, not a signature).",
            s(&pack)
        )
    );
    assert_eq!(
        lines[1],
        format!(
            "Signature:              none ({}.sig not found): nothing shows who made this file.",
            s(&pack)
        )
    );
    assert_eq!(lines[2], "Document:               evidence pack");
    assert_eq!(lines[3], "Assessment:             oak-care");
    assert_eq!(
        lines[5],
        format!(
            "Document fingerprint:   {}",
            line(&printed, "Pack fingerprint: ")
        )
    );
    assert_eq!(
        lines[6],
        format!(
            "Assessment fingerprint: {}",
            line(&printed, "Assessment fingerprint: ")
        )
    );
    assert_eq!(
        lines[7],
        "Evidence listed:        1 (0 marked in the pack as changed or missing when it was made)"
    );
    assert_eq!(
        lines[8],
        "E1 backup-policy.pdf (dspt-social-care:3.2.1): matches (SHA-256 and size)"
    );
    assert_eq!(lines.len(), 9, "{out}");
    assert!(!out.contains("unaltered since carecheck"), "{out}");

    // The evidence file given is not the one the pack lists.
    fs::write(&evidence, "policy v2").expect("edit");
    let (code, out, _) = run(&sb, &["verify", s(&pack), "--evidence", s(folder)]);
    assert_eq!(code, 1);
    assert_eq!(
        out.lines().last(),
        Some("E1 backup-policy.pdf (dspt-social-care:3.2.1): DIFFERS from the file the pack lists")
    );
}

/// Flips one byte inside the page-content stream that follows the first `/Contents` page's
/// stream keyword: the drawing changes (or no longer decodes), so the seal no longer fits.
fn damage_a_page(bytes: &mut [u8]) {
    let at = bytes
        .windows(7)
        .rposition(|w| w == b"stream\n")
        .expect("a stream");
    // The last stream of a carecheck PDF is page content or a font; flip a byte well inside.
    let target = at + 7 + 40;
    bytes[target] ^= 0x55;
}

#[test]
fn a_change_to_what_the_pages_show_is_altered_and_a_metadata_edit_is_a_re_save() {
    let sb = Sandbox::new();
    setup(&sb);
    let (pack, _) = report(&sb, "pack.pdf", &[]);
    let original = fs::read(&pack).expect("read");

    let mut bytes = original.clone();
    damage_a_page(&mut bytes);
    let altered = sb.out("altered.pdf");
    fs::write(&altered, &bytes).expect("write");
    let (code, out, _) = run(&sb, &["verify", s(&altered)]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(
        out.lines().next(),
        Some(
            format!(
                "{}: ALTERED after carecheck made it: its pages or its manifest are not the ones carecheck sealed. Do not rely on it; ask for it again.",
                s(&altered)
            )
            .as_str()
        )
    );

    // A bookmark's title changed (the outline is part of what a reader sees).
    let mut bytes = original.clone();
    let outline = bytes
        .windows(9)
        .position(|w| w == b"/Outlines")
        .expect("an outline");
    let title = outline
        + bytes[outline..]
            .windows(7)
            .position(|w| w == b"/Title<")
            .expect("a bookmark title");
    // "/Title<FEFF00" then the first character's hex digits: make "C" (43) a "D" (44).
    let digit = title + 13;
    assert!(bytes[digit].is_ascii_digit() && bytes[digit] < b'9');
    bytes[digit] += 1;
    let renamed = sb.out("renamed.pdf");
    fs::write(&renamed, &bytes).expect("write");
    let (code, out, _) = run(&sb, &["verify", s(&renamed)]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.starts_with(&format!("{}: ALTERED", s(&renamed))),
        "{out}"
    );

    // The author in the document information changed: the bytes differ, the pages do not.
    let mut bytes = original;
    let at = bytes
        .windows(7)
        .position(|w| w == b"/Author")
        .expect("an author");
    bytes[at + 1] = b't';
    let edited = sb.out("edited.pdf");
    fs::write(&edited, &bytes).expect("write");
    let (code, out, _) = run(&sb, &["verify", s(&edited)]);
    assert_eq!(code, 0, "{out}");
    let first = out.lines().next().expect("a line");
    assert!(
        first.starts_with(&format!(
            "{}: RE-SAVED by another program: its bytes are not the ones carecheck wrote, but its ",
            s(&edited)
        )),
        "{first}"
    );

    // Not a carecheck PDF at all.
    let other = sb.out("other.pdf");
    fs::write(&other, b"%PDF-1.4\n%%EOF\n").expect("write");
    let (code, _, err) = run(&sb, &["verify", s(&other)]);
    assert_eq!(code, 1);
    assert!(
        err.starts_with(&format!(
            "carecheck: {}: cannot be read as a PDF",
            s(&other)
        )),
        "{err}"
    );
}

#[test]
#[ignore = "needs qpdf: run with `cargo test -- --include-ignored`, as CI does"]
fn a_qpdf_linearized_pack_is_reported_as_re_saved_with_what_still_checks() {
    common::require_tool("qpdf");
    let sb = Sandbox::new();
    setup(&sb);
    let (pack, printed) = report(&sb, "pack.pdf", &[]);
    let pages = line(&printed, "Wrote ")
        .split_once(" (")
        .and_then(|(_, rest)| rest.split_once(' '))
        .map(|(n, _)| n.to_owned())
        .expect("page count");
    let linear = sb.out("linear.pdf");
    let status = std::process::Command::new("qpdf")
        .args(["--linearize", s(&pack), s(&linear)])
        .status()
        .expect("qpdf runs");
    assert!(status.success());
    assert_ne!(fs::read(&pack).expect("a"), fs::read(&linear).expect("b"));
    let (code, out, err) = run(&sb, &["verify", s(&linear)]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(
        out.lines().next(),
        Some(
            format!(
                "{}: RE-SAVED by another program: its bytes are not the ones carecheck wrote, but its {pages} pages, its bookmarks and its manifest are the ones carecheck sealed, or someone rebuilt its manifest and seal after changing it.",
                s(&linear)
            )
            .as_str()
        )
    );
    assert_eq!(
        out.lines().nth(5),
        Some(
            format!(
                "Document fingerprint:   {}",
                line(&printed, "Pack fingerprint: ")
            )
            .as_str()
        )
    );

    // qpdf's editable form (QDF) is itself only a re-save ...
    let qdf = sb.out("qdf.pdf");
    let status = std::process::Command::new("qpdf")
        .args([
            "--qdf",
            "--normalize-content=n",
            "--object-streams=disable",
            s(&pack),
            s(&qdf),
        ])
        .status()
        .expect("qpdf runs");
    assert!(status.success());
    let (code, out, _) = run(&sb, &["verify", s(&qdf)]);
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with(&format!("{}: RE-SAVED", s(&qdf))), "{out}");
    // ... but a line drawn on a page, or an action added to run when the file opens, is a
    // change to what it shows.
    let text = fs::read(&qdf).expect("qdf");
    for (name, after, added) in [
        ("drawn.pdf", &b"\nET"[..], &b"\n0 0 m 500 500 l S"[..]),
        (
            "opens.pdf",
            &b"/Type /Catalog"[..],
            &b" /OpenAction << /S /JavaScript /JS (app.alert(1)) >>"[..],
        ),
    ] {
        let at = text
            .windows(after.len())
            .position(|w| w == after)
            .expect("the place to edit");
        let mut changed = text[..at].to_vec();
        if after == b"\nET" {
            changed.extend_from_slice(added);
            changed.extend_from_slice(&text[at..]);
        } else {
            changed.extend_from_slice(after);
            changed.extend_from_slice(added);
            changed.extend_from_slice(&text[at + after.len()..]);
        }
        let edited = fix_qdf(&sb, &changed, name);
        let (code, out, _) = run(&sb, &["verify", s(&edited)]);
        assert_eq!(code, 1, "{name}: {out}");
        assert!(
            out.starts_with(&format!("{}: ALTERED after carecheck made it", s(&edited))),
            "{out}"
        );
    }
}

/// Runs qpdf's `fix-qdf` over an edited QDF file (it puts the lengths and offsets right again),
/// within the time limit, and returns the fixed file.
fn fix_qdf(sb: &Sandbox, edited: &[u8], name: &str) -> PathBuf {
    let raw = sb.out(&format!("raw-{name}"));
    fs::write(&raw, edited).expect("write");
    let fixed = sb.out(name);
    let mut child = std::process::Command::new("fix-qdf")
        .arg(&raw)
        .stdin(std::process::Stdio::null())
        .stdout(fs::File::create(&fixed).expect("create"))
        .spawn()
        .expect("fix-qdf starts");
    let status = common::wait_within(&mut child, common::COMMAND_TIMEOUT).expect("finishes");
    assert!(status.success());
    fixed
}

/// `report` with extra flags builds another kind; verify names it and gives it its own
/// fingerprint, never the pack's.
#[test]
fn each_kind_of_document_says_what_it_is_with_its_own_fingerprint() {
    let sb = Sandbox::new();
    setup(&sb);
    ok(
        &sb,
        &[
            "plan",
            "contact",
            "add",
            "--role",
            "it-support",
            "--name",
            "Sam",
            "--phone",
            "0113 496 0000",
        ],
    );
    ok(&sb, &["supplier", "add", "Acme IT", "--provides", "email"]);
    let (_, printed) = report(&sb, "pack.pdf", &[]);
    let pack_fingerprint = line(&printed, "Pack fingerprint: ").to_owned();
    let kinds: [(&str, &[&str], &str, &str); 6] = [
        ("plan.pdf", &["--action-plan"], "action plan", "oak-care"),
        (
            "sheet.pdf",
            &["--entry-sheet"],
            "DSPT entry sheet",
            "oak-care",
        ),
        (
            "card.pdf",
            &["--incident-card"],
            "incident card",
            "oak-care",
        ),
        (
            "bcp.pdf",
            &["--continuity-plan"],
            "continuity plan",
            "oak-care",
        ),
        (
            "registers.pdf",
            &["--registers"],
            "supplier and risk registers",
            "not recorded in this document",
        ),
        (
            "rollup.pdf",
            &["--all"],
            "roll-up of every assessment",
            "none (it covers every assessment)",
        ),
    ];
    let mut seen = vec![pack_fingerprint];
    for (name, flags, kind, assessment) in kinds {
        let (path, _) = report(&sb, name, flags);
        let (code, out, err) = run(&sb, &["verify", s(&path)]);
        assert_eq!(code, 0, "{name}: {out}{err}");
        let lines: Vec<&str> = out.lines().collect();
        assert!(
            lines[0].starts_with(&format!(
                "{}: SEALED: this {kind} is byte for byte",
                s(&path)
            )),
            "{out}"
        );
        assert_eq!(
            lines[2],
            format!("Document:               {kind}"),
            "{name}"
        );
        assert_eq!(
            lines[3],
            format!("Assessment:             {assessment}"),
            "{name}"
        );
        let fingerprint = line(&out, "Document fingerprint:   ").to_owned();
        assert_eq!(fingerprint.len(), 64, "{name}");
        assert!(!seen.contains(&fingerprint), "{name} shares a fingerprint");
        seen.push(fingerprint);
    }
}

#[test]
fn the_exit_code_is_the_verdicts_when_nobody_reads_the_output() {
    let sb = Sandbox::new();
    setup(&sb);
    let (pack, _) = report(&sb, "pack.pdf", &[]);
    let mut bytes = fs::read(&pack).expect("read");
    damage_a_page(&mut bytes);
    let altered = sb.out("altered.pdf");
    fs::write(&altered, &bytes).expect("write");
    assert_eq!(verify_unread(&sb, &altered), Some(1));
    // And a good pack still exits 0.
    assert_eq!(verify_unread(&sb, &pack), Some(0));
}

/// The exit code of `verify PACK` whose output goes to a pipe whose reading end is already
/// closed: every write fails, as under `| grep -q` once grep has its match.
fn verify_unread(sb: &Sandbox, pack: &Path) -> Option<i32> {
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    let mut child = sb
        .std_cmd()
        .args(["verify", s(pack)])
        .stdin(std::process::Stdio::null())
        .stdout(writer)
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("starts");
    common::wait_within(&mut child, AT_ONCE)
        .expect("finishes")
        .code()
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
}

#[cfg(unix)]
#[test]
fn a_fifo_a_device_or_an_oversized_file_given_as_the_pack_is_refused_at_once() {
    let sb = Sandbox::new();
    let fifo = sb.out("pack.pdf");
    mkfifo(&fifo);
    let zero = sb.out("zero.pdf");
    std::os::unix::fs::symlink("/dev/zero", &zero).expect("link");
    let not_regular =
        "is not a regular file (a device, pipe or socket); carecheck reads only ordinary files";
    for path in [&fifo, &zero] {
        let (code, out, err) = run_within(&sb, &["verify", s(path)], AT_ONCE);
        assert_eq!(code, 1);
        assert_eq!(out, "");
        assert_eq!(err, format!("carecheck: {}: {not_regular}\n", s(path)));
    }
    // A sparse file just over the limit: refused by its size, before it is read.
    let big = sb.out("big.pdf");
    let file = fs::File::create(&big).expect("create");
    file.set_len(64 * 1024 * 1024 + 1).expect("size");
    drop(file);
    let (code, _, err) = run_within(&sb, &["verify", s(&big)], AT_ONCE);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        format!(
            "carecheck: {}: is larger than 64 MiB, the most carecheck reads for a PDF carecheck makes\n",
            s(&big)
        )
    );
}

#[cfg(unix)]
#[test]
fn fifos_devices_and_links_in_the_evidence_folder_are_reported_never_followed() {
    let sb = Sandbox::new();
    let evidence = setup(&sb);
    let (pack, _) = report(&sb, "pack.pdf", &[]);
    let listed = "E1 backup-policy.pdf (dspt-social-care:3.2.1)";
    let folder = sb.out("given");
    fs::create_dir(&folder).expect("mkdir");
    let inside = folder.join("backup-policy.pdf");
    let link = "NOT CHECKED: it is a link, and carecheck does not follow links in the evidence folder; put the file itself there";
    let cases: [(&dyn Fn(), String); 3] = [
        (
            &|| mkfifo(&inside),
            "NOT CHECKED: it is not a regular file (a device, pipe or socket); carecheck reads only ordinary files".to_owned(),
        ),
        (
            &|| std::os::unix::fs::symlink("/dev/zero", &inside).expect("link"),
            link.to_owned(),
        ),
        // Even a link to the very file the pack lists: links are not followed.
        (
            &|| std::os::unix::fs::symlink(&evidence, &inside).expect("link"),
            link.to_owned(),
        ),
    ];
    for (make, verdict) in cases {
        let _ = fs::remove_file(&inside);
        make();
        let (code, out, _) = run_within(
            &sb,
            &["verify", s(&pack), "--evidence", s(&folder)],
            AT_ONCE,
        );
        assert_eq!(code, 1, "{out}");
        assert_eq!(
            out.lines().last(),
            Some(format!("{listed}: {verdict}").as_str())
        );
    }
}

#[test]
#[ignore = "needs pdftotext: run with `cargo test -- --include-ignored`, as CI does"]
fn the_action_plan_prints_its_own_fingerprint_not_the_packs() {
    common::require_tool("pdftotext");
    let sb = Sandbox::new();
    setup(&sb);
    let (_, printed) = report(&sb, "pack.pdf", &[]);
    let (plan, made) = report(&sb, "plan.pdf", &["--action-plan"]);
    let (_, out, _) = run(&sb, &["verify", s(&plan)]);
    let own = line(&out, "Document fingerprint:   ");
    assert_eq!(line(&made, "Document fingerprint: "), own);
    let text = common::tool_output("pdftotext", &["-f", "1", "-l", "1", s(&plan), "-"]);
    let footer = text
        .lines()
        .find(|l| l.contains("fingerprint"))
        .expect("a footer");
    assert_eq!(footer, format!("Document fingerprint {}", &own[..16]));
    assert!(!text.contains(&line(&printed, "Pack fingerprint: ")[..16]));
}

/// An action plan made by carecheck before documents had kinds (manifest format
/// carecheck-pack/1, a seal over the bytes only), kept in tests/fixtures/verify.
#[test]
fn a_first_format_document_still_verifies_and_a_change_to_it_is_never_called_a_re_save() {
    let sb = Sandbox::new();
    let fixture = common::fixtures().join("verify/first-format-action-plan.pdf");
    let copy = sb.out("old.pdf");
    fs::copy(&fixture, &copy).expect("copy");
    let (code, out, err) = run(&sb, &["verify", s(&copy)]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        format!(
            "{}: SEALED: this PDF is byte for byte the file carecheck wrote, or someone rebuilt its manifest and seal after changing it (a seal is a checksum anyone can recompute, not a signature).",
            s(&copy)
        )
    );
    assert_eq!(
        lines[2],
        "Document:               not recorded (an older carecheck's evidence pack, action plan or entry sheet)"
    );
    assert_eq!(lines[3], "Assessment:             oak-care");

    let mut bytes = fs::read(&copy).expect("read");
    let at = bytes
        .windows(6)
        .position(|w| w == b"/Title")
        .expect("a title");
    bytes[at + 1] = b't';
    fs::write(&copy, &bytes).expect("write");
    let (code, out, _) = run(&sb, &["verify", s(&copy)]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(
        out.lines().next(),
        Some(format!(
            "{}: CHANGED after carecheck made it: its bytes are not the ones carecheck sealed. It was made by an older carecheck, whose seal covers only the bytes, so whether its pages changed or it was only re-saved by another program cannot be told. Ask for the original file.",
            s(&copy)
        ).as_str())
    );
}
