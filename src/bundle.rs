//! Bundles: one portable file holding an assessment (and optionally its evidence files), to
//! carry between machines or hand to a client.
//!
//! ```text
//! carecheck-bundle 1 sha256=<SHA-256 of the manifest line>\n
//! <manifest: one line of JSON listing every file with its size and SHA-256>\n
//! <the files' bytes, one after another, in manifest order>
//! ```
//!
//! Reading checks the header, the manifest's hash, every path, the number of files and their
//! total size against the bundle's real length before any file's bytes are read, then each
//! file's hash as it is read, so an altered or oversized bundle is refused whole, early, and
//! nothing is written until everything has been checked.
//! Pure: encoding and decoding work on bytes; the caller does the file I/O.

use serde::{Deserialize, Serialize};

use crate::digest::sha256_hex;
use crate::store::paths::is_assessment_id;

const MAGIC: &str = "carecheck-bundle 1";

/// The largest bundle carecheck reads (evidence files included). Its files are held in memory
/// while they are checked, so this bounds the memory an import takes.
pub const MAX_BUNDLE_BYTES: u64 = 512 * 1024 * 1024;

/// The most files one bundle may hold. An assessment has two, one per checklist, one per
/// 8 MiB of archived journal and one per evidence file; each is written (and flushed to disk)
/// on import, so this also bounds how long an import takes (about 3 seconds for 500 on the
/// project's machine).
pub const MAX_BUNDLE_FILES: usize = 500;

/// The most the header and manifest lines may take together (the manifest of a bundle with
/// [`MAX_BUNDLE_FILES`] files is about 150 KB).
pub const MAX_HEADER_BYTES: usize = 1024 * 1024;

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
    let mut out = encode_header(assessment, created, notes_included, files);
    for (_, bytes) in files {
        out.extend_from_slice(bytes);
    }
    out
}

/// The header and manifest lines of a bundle of `files`; the files' bytes follow them, in
/// order. Lets a caller write a large bundle without first copying it whole into memory.
pub fn encode_header(
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
    format!("{MAGIC} sha256={}\n{line}\n", sha256_hex(line.as_bytes())).into_bytes()
}

/// Why a bundle was refused. Nothing of a refused bundle is imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BundleError {
    #[error(
        "is larger than {}, the most carecheck reads for a bundle",
        crate::foreign_file::size(MAX_BUNDLE_BYTES)
    )]
    TooLarge,
    #[error("this is not a carecheck bundle ({0})")]
    NotABundle(&'static str),
    #[error("this is not a carecheck bundle, or was made by a newer carecheck")]
    UnknownFormat,
    #[error("the bundle's manifest is larger than carecheck reads; it was not imported")]
    ManifestTooLarge,
    #[error("the bundle is cut short: {0}")]
    CutShort(&'static str),
    #[error(
        "the bundle's manifest has been altered (its SHA-256 does not match); it was not imported"
    )]
    ManifestAltered,
    #[error("the bundle's manifest cannot be read ({0})")]
    ManifestUnreadable(String),
    #[error("the bundle names an unusable assessment id `{0}`")]
    BadAssessmentId(String),
    #[error(
        "the bundle lists {0} files, more than the {MAX_BUNDLE_FILES} carecheck accepts; it was not imported"
    )]
    TooManyFiles(usize),
    #[error("the bundle lists {0} more than once; it was not imported")]
    Duplicate(String),
    #[error("the bundle's manifest gives {0} a fingerprint that is not a SHA-256")]
    BadFingerprint(String),
    #[error("the bundle has no {0}")]
    Missing(&'static str),
    #[error(
        "the bundle has extra bytes after its last file; it was altered, and nothing was imported"
    )]
    ExtraBytes,
    #[error(
        "{0} in the bundle has been altered (its SHA-256 does not match); nothing was imported"
    )]
    FileAltered(String),
    #[error("the bundle contains a file carecheck does not expect ({0}); it was not imported")]
    Unexpected(String),
    #[error("{0}")]
    Unreadable(String),
}

/// Reads and verifies a bundle held in memory. Any change to any byte is an error.
pub fn decode(bytes: &[u8]) -> Result<Bundle, BundleError> {
    let prefix = &bytes[..bytes.len().min(MAX_HEADER_BYTES)];
    let header = decode_header(prefix, bytes.len() as u64)?;
    let mut data = &bytes[header.len..];
    let mut contents = Vec::with_capacity(header.manifest.files.len());
    for file in &header.manifest.files {
        let size = usize::try_from(file.size).map_err(|_| BundleError::TooLarge)?;
        let (content, rest) = data.split_at(size);
        verify_file(file, content)?;
        contents.push(content.to_vec());
        data = rest;
    }
    Ok(Bundle {
        manifest: header.manifest,
        contents,
    })
}

/// A bundle's manifest, verified, and where its files' bytes start.
#[derive(Debug)]
pub struct Header {
    pub manifest: Manifest,
    /// Length in bytes of the header and manifest lines.
    pub len: usize,
}

/// Reads and checks a bundle's header and manifest from its first bytes (`prefix`, at least
/// the first [`MAX_HEADER_BYTES`] when the bundle is longer) and its total length: the
/// manifest's hash, the assessment id, every path (each once), the number of files and that
/// their sizes add up exactly to the bytes that follow. Nothing of the files is read.
pub fn decode_header(prefix: &[u8], total_len: u64) -> Result<Header, BundleError> {
    if total_len > MAX_BUNDLE_BYTES {
        return Err(BundleError::TooLarge);
    }
    let (header, rest) = split_line(prefix).ok_or(BundleError::NotABundle("no header line"))?;
    let header = std::str::from_utf8(header)
        .map_err(|_| BundleError::NotABundle("the header is not text"))?;
    let expected = header
        .strip_prefix(MAGIC)
        .and_then(|h| h.strip_prefix(" sha256="))
        .ok_or(BundleError::UnknownFormat)?;
    let (line, _) = split_line(rest).ok_or(if prefix.len() >= MAX_HEADER_BYTES {
        BundleError::ManifestTooLarge
    } else {
        BundleError::CutShort("its manifest is incomplete")
    })?;
    if sha256_hex(line) != expected {
        return Err(BundleError::ManifestAltered);
    }
    let manifest: Manifest =
        serde_json::from_slice(line).map_err(|e| BundleError::ManifestUnreadable(e.to_string()))?;
    if !crate::domain::checklist::is_checklist_id(&manifest.assessment)
        && !is_assessment_id(&manifest.assessment)
    {
        return Err(BundleError::BadAssessmentId(manifest.assessment));
    }
    if manifest.files.len() > MAX_BUNDLE_FILES {
        return Err(BundleError::TooManyFiles(manifest.files.len()));
    }
    let mut seen = std::collections::HashSet::new();
    let mut total: u64 = 0;
    for file in &manifest.files {
        check_path(&file.path)?;
        if !seen.insert(file.path.as_str()) {
            return Err(BundleError::Duplicate(file.path.clone()));
        }
        if !crate::evidence::is_sha256(&file.sha256) {
            return Err(BundleError::BadFingerprint(file.path.clone()));
        }
        total = total.saturating_add(file.size);
    }
    for required in ["assessment.json", "journal.jsonl"] {
        if !seen.contains(required) {
            return Err(BundleError::Missing(required));
        }
    }
    let len = header.len() + line.len() + 2;
    let data_len = total_len - len as u64;
    if total > data_len {
        return Err(BundleError::CutShort(
            "its files are shorter than its manifest says",
        ));
    }
    if total < data_len {
        return Err(BundleError::ExtraBytes);
    }
    Ok(Header { manifest, len })
}

/// Checks one file's bytes against its manifest entry.
pub fn verify_file(file: &FileEntry, content: &[u8]) -> Result<(), BundleError> {
    if content.len() as u64 != file.size || sha256_hex(content) != file.sha256 {
        return Err(BundleError::FileAltered(file.path.clone()));
    }
    Ok(())
}

fn split_line(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    let end = bytes.iter().position(|&b| b == b'\n')?;
    Some((&bytes[..end], &bytes[end + 1..]))
}

/// Only the files an assessment folder holds, by exact shape, so a crafted bundle can never
/// write outside the folder (`../`, absolute paths, devices) or over the lock.
fn check_path(path: &str) -> Result<(), BundleError> {
    let ok = match path.split_once('/') {
        None => path == "assessment.json" || path == "journal.jsonl",
        Some(("checklists", name)) => name
            .strip_suffix(".toml")
            .is_some_and(crate::domain::checklist::is_checklist_id),
        Some(("journal-archive", name)) => crate::store::parse_archive_name(name).is_some(),
        Some(("evidence", name)) => crate::evidence::is_sha256(name),
        Some(_) => false,
    };
    if ok {
        Ok(())
    } else {
        Err(BundleError::Unexpected(path.to_owned()))
    }
}

/// An assessment's files with every note removed from the assessment file, the journal and
/// its archive, for sharing outside the client. Other files are unchanged.
pub fn without_notes(files: &mut [(String, Vec<u8>)]) -> Result<(), String> {
    use crate::domain::assessment::Event;
    for (path, bytes) in files.iter_mut() {
        if path == "assessment.json" {
            let mut snap = crate::store::snapshot::decode(std::path::Path::new(path), bytes)
                .map_err(|e| e.to_string())?;
            for answer in snap.assessment.answers.values_mut() {
                answer.note.clear();
            }
            // A plan contact's notes are notes too (policy numbers, private arrangements).
            for contact in snap.assessment.plan.contacts.values_mut() {
                contact.notes.clear();
            }
            snap.assessment.registers.clear_notes();
            *bytes = crate::store::snapshot::encode(&snap);
        } else if path == "journal.jsonl" || path.starts_with("journal-archive/") {
            // Archives and the live journal do not start at 1, so read each for what it is.
            let first = first_seq(bytes);
            let journal = crate::store::journal::read_after(
                std::path::Path::new(path),
                bytes,
                first.saturating_sub(1),
                first.saturating_sub(1),
            )
            .map_err(|e| e.to_string())?;
            let mut out = Vec::new();
            for mut entry in journal.entries {
                match &mut entry.change {
                    Event::Answered { answer, .. } => answer.note.clear(),
                    Event::Plan {
                        change:
                            crate::domain::plan::PlanChange::Contact {
                                contact: Some(contact),
                                ..
                            },
                    } => contact.notes.clear(),
                    Event::Register { change } => change.clear_notes(),
                    _ => {}
                }
                out.extend(serde_json::to_vec(&entry).map_err(|e| e.to_string())?);
                out.push(b'\n');
            }
            *bytes = out;
        }
    }
    Ok(())
}

/// The seq of a journal's first entry (1 for an empty one).
fn first_seq(journal: &[u8]) -> u64 {
    #[derive(serde::Deserialize)]
    struct Seq {
        seq: u64,
    }
    let line = journal.split(|&b| b == b'\n').next().unwrap_or_default();
    let mut de = serde_json::Deserializer::from_slice(line);
    serde::Deserialize::deserialize(&mut de)
        .map(|s: Seq| s.seq)
        .unwrap_or(1)
        .max(1)
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

    /// Finding 10: a bundle listing one path twice had the first checked and the last written.
    #[test]
    fn a_path_listed_twice_is_refused() {
        let twice = encode(
            "oak-house",
            "2026-11-28T10:00:00Z",
            true,
            &[
                ("assessment.json".into(), b"{}".to_vec()),
                ("journal.jsonl".into(), b"{\"seq\":1}\n".to_vec()),
                ("journal.jsonl".into(), b"other\n".to_vec()),
            ],
        );
        let err = decode(&twice).expect_err("refused");
        assert!(err.to_string().contains("more than once"), "{err}");
    }

    /// Finding 11: limits are checked from the header, before any file is read.
    #[test]
    fn too_many_files_or_bytes_are_refused_from_the_header() {
        let many: Vec<(String, Vec<u8>)> = (0..=MAX_BUNDLE_FILES)
            .map(|i| {
                (
                    format!("evidence/{}", crate::digest::sha256_hex(&i.to_le_bytes())),
                    Vec::new(),
                )
            })
            .chain([
                ("assessment.json".to_owned(), Vec::new()),
                ("journal.jsonl".to_owned(), Vec::new()),
            ])
            .collect();
        let bytes = encode("oak-house", "2026-11-28T10:00:00Z", true, &many);
        let err = decode_header(
            &bytes[..bytes.len().min(MAX_HEADER_BYTES)],
            bytes.len() as u64,
        )
        .expect_err("too many");
        assert!(err.to_string().contains("more than the 500"), "{err}");
        let small = sample();
        let err = decode_header(&small, MAX_BUNDLE_BYTES + 1).expect_err("too big");
        assert!(err.to_string().contains("larger than 512 MiB"), "{err}");
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
            "journal-archive/../x",
            "journal-archive/12.jsonl",
        ] {
            assert!(check_path(path).is_err(), "{path}");
        }
        for path in [
            "assessment.json",
            "journal.jsonl",
            "checklists/dspt-social-care.toml",
            &format!("evidence/{}", "a".repeat(64)),
            "journal-archive/000000000560.jsonl",
        ] {
            assert!(check_path(path).is_ok(), "{path}");
        }
    }
}
