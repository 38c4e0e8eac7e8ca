//! `carecheck verify`: says what can be known about a PDF carecheck made, in words an inspector
//! can repeat: what kind of document it is, whether its seal still fits (a checksum, which
//! anyone could rebuild), whether a signature beside it (`PACK.pdf.sig`) fits and by which
//! key, and, given the evidence files, whether they are the ones it lists. For a commissioner
//! or inspector who was sent a pack; needs no assessment and no data folder of its own.

use std::ffi::OsString;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{CommandResult, Failure};
use crate::digest::sha256_reader;
use crate::domain::date::Timestamp;
use crate::evidence::MAX_EVIDENCE;
use crate::foreign_file::{self, ForeignError, Limit};
use crate::report::manifest::{self, Manifest, ManifestEntry, Opened, SealCheck};
use crate::signing;
use crate::text::one_line;

/// Packs are small (a few MB with every font); anything larger is not one, and is refused
/// before a byte is read.
const LARGEST_PACK: Limit = Limit {
    bytes: 64 * 1024 * 1024,
    what: "a PDF carecheck makes",
};

/// Checks `pack`, and with `evidence` the files it lists, and prints what was found. The exit
/// code is the verdict's even when nobody reads the output (`verify x.pdf | grep -q …`).
pub fn run(pack: &Path, evidence: Option<&Path>, out: &mut dyn Write) -> CommandResult {
    let shown = shown(pack);
    let bytes = foreign_file::read(pack, LARGEST_PACK)
        .map_err(|e| Failure::new(format!("{shown}: {e}")))?;
    if !bytes.starts_with(b"%PDF-") {
        return Err(Failure::new(format!("{shown}: is not a PDF")));
    }
    if let Some(dir) = evidence
        && !dir.is_dir()
    {
        return Err(Failure::new(format!(
            "{}: is not a folder of evidence files",
            self::shown(dir)
        )));
    }
    let opened = manifest::open(&bytes).map_err(|e| Failure::new(format!("{shown}: {e}")))?;
    let mut lines = Vec::new();
    let mut good = seal_lines(&shown, &opened, &mut lines);
    good &= signature_line(pack, &bytes, &mut lines);
    document_lines(&opened.manifest, &mut lines);
    if let Some(dir) = evidence {
        good &= evidence_lines(dir, &opened.manifest.evidence, &mut lines);
    }
    let code = if good {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    };
    match write_all(out, &lines) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(Failure::from(e)),
        _ => Ok(code),
    }
}

fn shown(path: &Path) -> String {
    one_line(&path.display().to_string()).into_owned()
}

fn write_all(out: &mut dyn Write, lines: &[String]) -> io::Result<()> {
    for line in lines {
        writeln!(out, "{line}")?;
    }
    out.flush()
}

/// What the seal says, first; whether that is a pass.
fn seal_lines(shown: &str, opened: &Opened, lines: &mut Vec<String>) -> bool {
    let kind = opened
        .manifest
        .kind
        .map_or("PDF", manifest::DocumentKind::describe);
    let (line, good) = match opened.seal {
        SealCheck::Bytes => (
            format!(
                "{shown}: SEALED: this {kind} is byte for byte the file carecheck wrote, or someone rebuilt its manifest and seal after changing it (a seal is a checksum anyone can recompute, not a signature)."
            ),
            true,
        ),
        SealCheck::Content => {
            let by = opened.producer.as_deref().map_or_else(String::new, |p| {
                format!(" (it names the program \"{}\")", one_line(p))
            });
            (
                format!(
                    "{shown}: RE-SAVED by another program{by}: its bytes are not the ones carecheck wrote, but its {}, its bookmarks and its manifest are the ones carecheck sealed, or someone rebuilt its manifest and seal after changing it.",
                    pages(opened.pages)
                ),
                true,
            )
        }
        SealCheck::BytesChanged => (
            format!(
                "{shown}: CHANGED after carecheck made it: its bytes are not the ones carecheck sealed. It was made by an older carecheck, whose seal covers only the bytes, so whether its pages changed or it was only re-saved by another program cannot be told. Ask for the original file."
            ),
            false,
        ),
        SealCheck::Broken => (
            format!(
                "{shown}: ALTERED after carecheck made it: its pages or its manifest are not the ones carecheck sealed. Do not rely on it; ask for it again."
            ),
            false,
        ),
    };
    lines.push(line);
    good
}

fn pages(n: usize) -> String {
    if n == 1 {
        "1 page".to_owned()
    } else {
        format!("{n} pages")
    }
}

/// What `PACK.pdf.sig` says, when there is one; whether that is a pass (no signature is not a
/// failure: most packs are not signed).
fn signature_line(pack: &Path, bytes: &[u8], lines: &mut Vec<String>) -> bool {
    let sig_path = signature_path(pack);
    let sig_shown = shown(&sig_path);
    let (text, good) = match signing::read_signature(&sig_path) {
        Err(ForeignError::NotFound) => (
            format!("none ({sig_shown} not found): nothing shows who made this file"),
            true,
        ),
        Err(e) => (format!("NOT CHECKED: {sig_shown}: {e}"), false),
        Ok(sig) => match signing::check(bytes, &sig) {
            Ok(signer) => (
                format!(
                    "VALID: {sig_shown} signs these exact bytes with the key {}: unaltered since the holder of that key signed it. Only they can say the key is theirs (`carecheck key show` prints it)",
                    signer.fingerprint,
                ),
                true,
            ),
            Err(e) => (format!("DOES NOT MATCH: {sig_shown}: {e}"), false),
        },
    };
    lines.push(format!("Signature:              {text}."));
    good
}

/// The signature file beside `pack`: `PACK.pdf.sig`.
pub fn signature_path(pack: &Path) -> PathBuf {
    let mut name = OsString::from(pack.as_os_str());
    name.push(".sig");
    PathBuf::from(name)
}

fn document_lines(m: &Manifest, lines: &mut Vec<String>) {
    let kind = m.kind.map_or(
        "not recorded (an older carecheck's evidence pack, action plan or entry sheet)",
        manifest::DocumentKind::describe,
    );
    let made = Timestamp::parse(&m.generated)
        .map_or_else(|| one_line(&m.generated).into_owned(), Timestamp::uk);
    let none = |t: &str| {
        if !t.is_empty() {
            one_line(t).into_owned()
        } else if m.kind == Some(manifest::DocumentKind::Rollup) {
            "none (it covers every assessment)".to_owned()
        } else {
            "not recorded in this document".to_owned()
        }
    };
    lines.push(format!("Document:               {kind}"));
    lines.push(format!("Assessment:             {}", none(&m.assessment)));
    lines.push(format!("Made:                   {made}"));
    lines.push(format!(
        "Document fingerprint:   {}",
        one_line(&m.document_fingerprint)
    ));
    lines.push(format!("Assessment fingerprint: {}", none(&m.fingerprint)));
    if m.evidence.is_empty() && m.kind != Some(manifest::DocumentKind::EvidencePack) {
        return;
    }
    let flagged = m
        .evidence
        .iter()
        .filter(|e| !(e.check == "not a file" || e.check.starts_with("unchanged")))
        .count();
    lines.push(format!(
        "Evidence listed:        {} ({flagged} marked in the pack as changed or missing when it was made)",
        m.evidence.len(),
    ));
}

/// One line per evidence file the pack lists; whether every one matches.
fn evidence_lines(dir: &Path, listed: &[ManifestEntry], lines: &mut Vec<String>) -> bool {
    let mut good = true;
    for entry in listed {
        let (Some(sha256), Some(size)) = (&entry.sha256, entry.size) else {
            continue;
        };
        let verdict = check_file(dir, &entry.name, sha256, size);
        good &= verdict.starts_with("matches");
        lines.push(format!(
            "{} {} ({}): {verdict}",
            one_line(&entry.number),
            one_line(&entry.name),
            one_line(&entry.item)
        ));
    }
    good
}

/// Whether `dir/name` is the file the pack lists. The name comes from the pack, so it is only
/// looked up when it is a plain file name (no folder, no `..`); the file is opened through the
/// one safe open, never through a link, never a device or pipe, and read within a limit.
fn check_file(dir: &Path, name: &str, sha256: &str, size: u64) -> String {
    let plain = !name.is_empty()
        && name != ".."
        && name != "."
        && !name.contains(['/', '\\'])
        && !name.chars().any(char::is_control);
    if !plain {
        return "not looked up: the pack gives no plain file name".to_owned();
    }
    let found = foreign_file::open_not_link(&dir.join(name), MAX_EVIDENCE).and_then(|(file, _)| {
        sha256_reader(foreign_file::bounded_reader(file, MAX_EVIDENCE)).map_err(ForeignError::from)
    });
    match found {
        Ok((found, found_size)) if found == sha256 && found_size == size => {
            "matches (SHA-256 and size)".to_owned()
        }
        Ok(_) => "DIFFERS from the file the pack lists".to_owned(),
        Err(ForeignError::NotFound) => "NOT FOUND in the folder".to_owned(),
        Err(ForeignError::Link) => {
            "NOT CHECKED: it is a link, and carecheck does not follow links in the evidence folder; put the file itself there".to_owned()
        }
        Err(e @ (ForeignError::Folder | ForeignError::NotRegular | ForeignError::TooLarge { .. })) => {
            format!("NOT CHECKED: it {e}")
        }
        Err(e) => format!("NOT CHECKED: cannot be read ({e})"),
    }
}
