//! `carecheck verify`: checks that an evidence pack is as carecheck wrote it and, given the
//! evidence files, that they are the ones it lists. For a commissioner or inspector who was
//! sent a pack; needs no assessment and no data folder of its own.

use std::fs::File;
use std::io::{Read, Write};
use std::path::Path;
use std::process::ExitCode;

use super::{CommandResult, Failure};
use crate::digest::sha256_reader;
use crate::report::manifest::{self, ManifestEntry};
use crate::text::one_line;

/// Packs are small; anything far larger is not one, and is not read into memory.
const LARGEST_PACK: u64 = 256 * 1024 * 1024;

pub fn run(pack: &Path, evidence: Option<&Path>, out: &mut dyn Write) -> CommandResult {
    let shown = one_line(&pack.display().to_string()).into_owned();
    let file = File::open(pack).map_err(|e| Failure::new(format!("{shown}: cannot open: {e}")))?;
    let mut bytes = Vec::new();
    file.take(LARGEST_PACK + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Failure::new(format!("{shown}: cannot read: {e}")))?;
    if bytes.len() as u64 > LARGEST_PACK {
        return Err(Failure::new(format!(
            "{shown}: is larger than any evidence pack carecheck makes; not checked"
        )));
    }
    if !bytes.starts_with(b"%PDF-") {
        return Err(Failure::new(format!("{shown}: is not a PDF")));
    }
    let opened = manifest::open(&bytes).map_err(|e| Failure::new(format!("{shown}: {e}")))?;
    let m = &opened.manifest;
    let mut good = opened.intact;
    if opened.intact {
        writeln!(
            out,
            "{shown}: unaltered since carecheck made it (its sealed SHA-256 matches)."
        )?;
    } else {
        writeln!(
            out,
            "{shown}: ALTERED after carecheck made it (its sealed SHA-256 does not match). Do not rely on it; ask for the pack again."
        )?;
    }
    writeln!(out, "Assessment:             {}", one_line(&m.assessment))?;
    writeln!(out, "Made:                   {}", one_line(&m.generated))?;
    writeln!(out, "Assessment fingerprint: {}", one_line(&m.fingerprint))?;
    writeln!(
        out,
        "Pack fingerprint:       {}",
        one_line(&m.pack_fingerprint)
    )?;
    let flagged: Vec<&ManifestEntry> = m
        .evidence
        .iter()
        .filter(|e| !(e.check == "not a file" || e.check.starts_with("unchanged")))
        .collect();
    writeln!(
        out,
        "Evidence listed:        {} ({} marked in the pack as changed or missing when it was made)",
        m.evidence.len(),
        flagged.len()
    )?;
    if let Some(dir) = evidence {
        if !dir.is_dir() {
            return Err(Failure::new(format!(
                "{}: is not a folder of evidence files",
                one_line(&dir.display().to_string())
            )));
        }
        for entry in &m.evidence {
            let (Some(sha256), Some(size)) = (&entry.sha256, entry.size) else {
                continue;
            };
            let verdict = check_file(dir, &entry.name, sha256, size);
            good &= verdict.starts_with("matches");
            writeln!(
                out,
                "{} {} ({}): {verdict}",
                one_line(&entry.number),
                one_line(&entry.name),
                one_line(&entry.item)
            )?;
        }
    }
    Ok(if good {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Whether `dir/name` is the file the pack lists. The name comes from the pack, so it is only
/// looked up when it is a plain file name (no folder, no `..`).
fn check_file(dir: &Path, name: &str, sha256: &str, size: u64) -> String {
    let plain = !name.is_empty()
        && name != ".."
        && name != "."
        && !name.contains(['/', '\\'])
        && !name.chars().any(char::is_control);
    if !plain {
        return "not looked up: the pack gives no plain file name".to_owned();
    }
    let path = dir.join(name);
    match File::open(&path).and_then(sha256_reader) {
        Ok((found, found_size)) if found == sha256 && found_size == size => {
            "matches (SHA-256 and size)".to_owned()
        }
        Ok(_) => "DIFFERS from the file the pack lists".to_owned(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => "NOT FOUND in the folder".to_owned(),
        Err(e) => format!("cannot be read: {e}"),
    }
}
