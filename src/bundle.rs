//! Bundles: one portable file holding an assessment (and optionally its evidence files), to
//! carry between machines or hand to a client.
//!
//! ```text
//! carecheck-bundle 1 sha256=<SHA-256 of the manifest line>\n
//! <manifest: one line of JSON listing every file with its size and SHA-256>\n
//! <the files' bytes, one after another, in manifest order>
//! ```
//!
//! Reading checks the header, the manifest's hash, every file's size and hash, the total
//! length and every path before anything is written, so an altered bundle is refused whole.
//! Pure: encoding and decoding work on bytes; the caller does the file I/O.

use serde::{Deserialize, Serialize};

use crate::digest::sha256_hex;

const MAGIC: &str = "carecheck-bundle 1";

/// The largest bundle carecheck reads (evidence files included).
pub const MAX_BUNDLE_BYTES: u64 = 1024 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub assessment: String,
    pub created: String,
    pub carecheck: String,
    pub notes_included: bool,
    pub files: Vec<FileEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileEntry {
    /// Relative to the assessment's folder: `assessment.json`, `journal.jsonl`,
    /// `checklists/ID.toml` or `evidence/SHA256`.
    pub path: String,
    pub size: u64,
    pub sha256: String,
}

/// A bundle's contents, verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bundle {
    pub manifest: Manifest,
    /// Each file's bytes, in manifest order.
    pub contents: Vec<Vec<u8>>,
}

/// Writes a bundle. `files` are (relative path, bytes).
pub fn encode(
    assessment: &str,
    created: &str,
    notes_included: bool,
    files: &[(String, Vec<u8>)],
) -> Vec<u8> {
    let manifest = Manifest {
        assessment: assessment.to_owned(),
        created: created.to_owned(),
        carecheck: env!("CARGO_PKG_VERSION").to_owned(),
        notes_included,
        files: files
            .iter()
            .map(|(path, bytes)| FileEntry {
                path: path.clone(),
                size: bytes.len() as u64,
                sha256: sha256_hex(bytes),
            })
            .collect(),
    };
    let line = serde_json::to_string(&manifest).unwrap_or_default();
    let mut out = format!("{MAGIC} sha256={}\n{line}\n", sha256_hex(line.as_bytes())).into_bytes();
    for (_, bytes) in files {
        out.extend_from_slice(bytes);
    }
    out
}

/// Reads and verifies a bundle. Any change to any byte is an error.
pub fn decode(bytes: &[u8]) -> Result<Bundle, String> {
    let (header, rest) =
        split_line(bytes).ok_or("this is not a carecheck bundle (no header line)")?;
    let header = std::str::from_utf8(header)
        .map_err(|_| "this is not a carecheck bundle (the header is not text)")?;
    let expected = header
        .strip_prefix(MAGIC)
        .and_then(|h| h.strip_prefix(" sha256="))
        .ok_or("this is not a carecheck bundle, or was made by a newer carecheck")?;
    let (line, mut data) =
        split_line(rest).ok_or("the bundle is cut short: its manifest is incomplete")?;
    if sha256_hex(line) != expected {
        return Err("the bundle's manifest has been altered (its SHA-256 does not match); it was not imported".into());
    }
    let manifest: Manifest = serde_json::from_slice(line)
        .map_err(|e| format!("the bundle's manifest cannot be read ({e})"))?;
    if !crate::domain::checklist::is_checklist_id(&manifest.assessment)
        && !is_assessment_id(&manifest.assessment)
    {
        return Err(format!(
            "the bundle names an unusable assessment id `{}`",
            manifest.assessment
        ));
    }
    let mut contents = Vec::with_capacity(manifest.files.len());
    for file in &manifest.files {
        check_path(&file.path)?;
        let size = usize::try_from(file.size).map_err(|_| "a file in the bundle is too large")?;
        if data.len() < size {
            return Err(format!("the bundle is cut short inside {}", file.path));
        }
        let (content, rest) = data.split_at(size);
        if sha256_hex(content) != file.sha256 {
            return Err(format!(
                "{} in the bundle has been altered (its SHA-256 does not match); nothing was imported",
                file.path
            ));
        }
        contents.push(content.to_vec());
        data = rest;
    }
    if !data.is_empty() {
        return Err("the bundle has extra bytes after its last file; it was altered, and nothing was imported".into());
    }
    for required in ["assessment.json", "journal.jsonl"] {
        if !manifest.files.iter().any(|f| f.path == required) {
            return Err(format!("the bundle has no {required}"));
        }
    }
    Ok(Bundle { manifest, contents })
}

fn split_line(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    let end = bytes.iter().position(|&b| b == b'\n')?;
    Some((&bytes[..end], &bytes[end + 1..]))
}

fn is_assessment_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-')
}

/// Only the files an assessment folder holds, by exact shape, so a crafted bundle can never
/// write outside the folder (`../`, absolute paths, devices) or over the lock.
fn check_path(path: &str) -> Result<(), String> {
    let ok = match path.split_once('/') {
        None => path == "assessment.json" || path == "journal.jsonl",
        Some(("checklists", name)) => name
            .strip_suffix(".toml")
            .is_some_and(crate::domain::checklist::is_checklist_id),
        Some(("evidence", name)) => {
            name.len() == 64
                && name
                    .chars()
                    .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        }
        Some(_) => false,
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "the bundle contains a file carecheck does not expect ({path}); it was not imported"
        ))
    }
}

/// An assessment file and journal with every note removed, for sharing outside the client.
pub fn without_notes(snapshot: &[u8], journal: &[u8]) -> Result<(Vec<u8>, Vec<u8>), String> {
    use crate::domain::assessment::Event;
    let mut snap =
        crate::store::snapshot::decode(std::path::Path::new("assessment.json"), snapshot)
            .map_err(|e| e.to_string())?;
    for answer in snap.assessment.answers.values_mut() {
        answer.note.clear();
    }
    // A plan contact's notes are notes too (policy numbers, private arrangements).
    for contact in snap.assessment.plan.contacts.values_mut() {
        contact.notes.clear();
    }
    let mut entries = crate::store::journal::read(std::path::Path::new("journal.jsonl"), journal)
        .map_err(|e| e.to_string())?
        .entries;
    let mut out = Vec::new();
    for entry in &mut entries {
        match &mut entry.change {
            Event::Answered { answer, .. } => answer.note.clear(),
            Event::Plan {
                change:
                    crate::domain::plan::PlanChange::Contact {
                        contact: Some(contact),
                        ..
                    },
            } => contact.notes.clear(),
            _ => {}
        }
        out.extend(serde_json::to_vec(entry).map_err(|e| e.to_string())?);
        out.push(b'\n');
    }
    Ok((crate::store::snapshot::encode(&snap), out))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<u8> {
        encode(
            "oak-house",
            "2026-11-28T10:00:00Z",
            true,
            &[
                ("assessment.json".into(), b"{}".to_vec()),
                ("journal.jsonl".into(), b"{\"seq\":1}\n".to_vec()),
            ],
        )
    }

    #[test]
    fn bundles_round_trip() {
        let bundle = decode(&sample()).expect("decodes");
        assert_eq!(bundle.manifest.assessment, "oak-house");
        assert_eq!(bundle.contents, [b"{}".to_vec(), b"{\"seq\":1}\n".to_vec()]);
    }

    #[test]
    fn any_flipped_bit_is_refused() {
        let good = sample();
        for i in 0..good.len() {
            for bit in [0x01, 0x80] {
                let mut bad = good.clone();
                bad[i] ^= bit;
                assert!(decode(&bad).is_err(), "byte {i} bit {bit:#x} accepted");
            }
        }
        assert!(decode(&good[..good.len() - 1]).is_err(), "truncated");
        let mut longer = good.clone();
        longer.push(b'x');
        assert!(decode(&longer).is_err(), "extended");
    }

    #[test]
    fn paths_that_could_escape_the_folder_are_refused() {
        for path in [
            "../x",
            "/etc/passwd",
            "checklists/../../x.toml",
            "lock",
            "evidence/../x",
            "checklists/A.toml",
            "assessment.json/x",
        ] {
            assert!(check_path(path).is_err(), "{path}");
        }
        for path in [
            "assessment.json",
            "journal.jsonl",
            "checklists/dspt-social-care.toml",
            &format!("evidence/{}", "a".repeat(64)),
        ] {
            assert!(check_path(path).is_ok(), "{path}");
        }
    }
}
