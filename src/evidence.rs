//! Evidence files: fingerprinting them when recorded, and checking them again later.
//!
//! A report is only trustworthy if the files it lists are the files that were looked at, so a
//! file is recorded with its SHA-256 and size, and re-checked whenever a report is built.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::digest::{sha256_hex, sha256_reader};
use crate::domain::assessment::EvidenceSource;
use crate::domain::date::Timestamp;
use crate::foreign_file::{self, ForeignError, Limit};

/// The largest evidence file carecheck fingerprints: the same as a whole bundle may be, so any
/// evidence file can be carried in one.
pub const MAX_EVIDENCE: Limit = Limit {
    bytes: crate::bundle::MAX_BUNDLE_BYTES,
    what: "an evidence file",
};

/// Why a file could not be recorded as evidence. Each front end adds how to fix it in its own
/// terms (a command-line option, or what to type).
#[derive(Debug, thiserror::Error)]
#[error("{path}: {reason}")]
pub struct EvidenceError {
    pub path: String,
    pub reason: ForeignError,
}

impl EvidenceError {
    /// A folder was named: it cannot be fingerprinted, but can be recorded by name.
    pub fn is_folder(&self) -> bool {
        matches!(self.reason, ForeignError::Folder)
    }
}

/// Fingerprints a file as evidence. The path is stored absolute, so the record still points at
/// the file when carecheck is later run from another folder.
pub fn record_file(path: &Path, now: Timestamp) -> Result<EvidenceSource, EvidenceError> {
    let failed = |reason| EvidenceError {
        path: path.display().to_string(),
        reason,
    };
    let absolute = std::path::absolute(path).map_err(|e| failed(ForeignError::from(e)))?;
    let (sha256, size) = fingerprint(&absolute).map_err(failed)?;
    let (path, os_path) = encode_path(&absolute);
    Ok(EvidenceSource::File {
        path,
        sha256,
        size,
        recorded: now,
        os_path,
    })
}

/// The SHA-256 and size of a foreign file, read as a stream within [`MAX_EVIDENCE`].
fn fingerprint(path: &Path) -> Result<(String, u64), ForeignError> {
    let (file, _) = foreign_file::open(path, MAX_EVIDENCE)?;
    sha256_reader(foreign_file::bounded_reader(file, MAX_EVIDENCE)).map_err(unwrap_foreign)
}

fn unwrap_foreign(error: std::io::Error) -> ForeignError {
    if error
        .get_ref()
        .is_some_and(|inner| inner.is::<ForeignError>())
    {
        return ForeignError::TooLarge {
            limit: MAX_EVIDENCE,
        };
    }
    ForeignError::from(error)
}

/// A path as stored: its text, and (only when it is not UTF-8) its exact bytes in hex.
pub fn encode_path(path: &Path) -> (String, Option<String>) {
    match path.to_str() {
        Some(text) => (text.to_owned(), None),
        None => {
            #[cfg(unix)]
            {
                use std::os::unix::ffi::OsStrExt;
                let bytes = path.as_os_str().as_bytes();
                let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
                (path.to_string_lossy().into_owned(), Some(hex))
            }
            #[cfg(not(unix))]
            {
                (path.to_string_lossy().into_owned(), None)
            }
        }
    }
}

/// Where a recorded evidence file is, exactly as it was given.
pub fn file_path(source: &EvidenceSource) -> Option<PathBuf> {
    let EvidenceSource::File { path, os_path, .. } = source else {
        return None;
    };
    #[cfg(unix)]
    if let Some(hex) = os_path {
        use std::os::unix::ffi::OsStrExt;
        let bytes = decode_hex(hex)?;
        return Some(PathBuf::from(std::ffi::OsStr::from_bytes(&bytes)));
    }
    #[cfg(not(unix))]
    let _ = os_path;
    Some(PathBuf::from(path))
}

#[cfg(unix)]
fn decode_hex(hex: &str) -> Option<Vec<u8>> {
    if !hex.len().is_multiple_of(2) || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).ok())
        .collect()
}

/// A SHA-256 as carecheck writes it: 64 lower-case hex digits. Anything else read from a save
/// or bundle is refused before it is used in a path.
pub fn is_sha256(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// What a second look at an evidence file found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum FileCheck {
    /// Not a file: nothing to check.
    NotAFile,
    Unchanged,
    /// The original is not on this computer, but the copy carried in a bundle matches.
    CarriedCopy,
    /// The file is there but its content differs from what was recorded.
    Changed {
        sha256: String,
        size: u64,
    },
    Missing,
    Unreadable {
        reason: String,
    },
}

impl FileCheck {
    pub fn is_problem(&self) -> bool {
        !matches!(
            self,
            FileCheck::NotAFile | FileCheck::Unchanged | FileCheck::CarriedCopy
        )
    }

    pub fn describe(&self) -> &'static str {
        match self {
            FileCheck::NotAFile => "not a file",
            FileCheck::Unchanged => "unchanged",
            FileCheck::CarriedCopy => "unchanged (the copy carried in a bundle)",
            FileCheck::Changed { .. } => "CHANGED since it was recorded",
            FileCheck::Missing => "MISSING",
            FileCheck::Unreadable { .. } => "unreadable",
        }
    }
}

/// Re-reads an evidence file and compares it with its record. When the file is not at its
/// recorded path (the assessment came from another computer in a bundle), a copy carried in
/// the bundle, in `copies`, is checked instead. Anything but a regular file within
/// [`MAX_EVIDENCE`] is reported unreadable, with the reason, without blocking.
pub fn recheck(source: &EvidenceSource, copies: Option<&Path>) -> FileCheck {
    let EvidenceSource::File { sha256, .. } = source else {
        return FileCheck::NotAFile;
    };
    let Some(path) = file_path(source) else {
        return FileCheck::Unreadable {
            reason: "its recorded path is damaged".into(),
        };
    };
    match fingerprint(&path) {
        Ok((now, _)) if now == *sha256 => FileCheck::Unchanged,
        Ok((now, size)) => FileCheck::Changed { sha256: now, size },
        Err(ForeignError::NotFound) => carried_copy(sha256, copies),
        Err(e) => FileCheck::Unreadable {
            reason: e.to_string(),
        },
    }
}

/// The copy of a missing file carried in a bundle, named by its recorded SHA-256 (which must
/// be one, so it can never name a path outside the copies folder).
fn carried_copy(sha256: &str, copies: Option<&Path>) -> FileCheck {
    let Some(dir) = copies.filter(|_| is_sha256(sha256)) else {
        return FileCheck::Missing;
    };
    match fingerprint(&dir.join(sha256)) {
        Ok((found, _)) if found == sha256 => FileCheck::CarriedCopy,
        Ok((found, size)) => FileCheck::Changed {
            sha256: found,
            size,
        },
        Err(_) => FileCheck::Missing,
    }
}

/// The bytes of an evidence file, only if they are still the ones recorded (read once, so the
/// file cannot change between the check and the read).
pub fn read_recorded(source: &EvidenceSource) -> Result<Vec<u8>, FileCheck> {
    let EvidenceSource::File { sha256, .. } = source else {
        return Err(FileCheck::NotAFile);
    };
    let path = file_path(source).ok_or_else(|| FileCheck::Unreadable {
        reason: "its recorded path is damaged".into(),
    })?;
    let bytes = foreign_file::read(&path, MAX_EVIDENCE).map_err(|e| match e {
        ForeignError::NotFound => FileCheck::Missing,
        other => FileCheck::Unreadable {
            reason: other.to_string(),
        },
    })?;
    let found = sha256_hex(&bytes);
    if found == *sha256 {
        Ok(bytes)
    } else {
        Err(FileCheck::Changed {
            sha256: found,
            size: bytes.len() as u64,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recorded_file_is_checked_for_change_and_loss() {
        let dir = tempfile::tempdir().expect("temp");
        let path = dir.path().join("policy.pdf");
        std::fs::write(&path, b"version one").expect("write");
        let source = record_file(&path, Timestamp::from_unix(0)).expect("recorded");
        assert_eq!(recheck(&source, None), FileCheck::Unchanged);
        let copies = dir.path().join("copies");
        std::fs::create_dir(&copies).expect("mkdir");
        if let EvidenceSource::File { sha256, .. } = &source {
            std::fs::write(copies.join(sha256), b"version one").expect("copy");
        }
        std::fs::write(&path, b"version two").expect("write");
        assert!(matches!(
            recheck(&source, Some(&copies)),
            FileCheck::Changed { size: 11, .. }
        ));
        std::fs::remove_file(&path).expect("remove");
        assert_eq!(recheck(&source, None), FileCheck::Missing);
        assert_eq!(recheck(&source, Some(&copies)), FileCheck::CarriedCopy);
    }

    #[test]
    fn missing_files_and_folders_are_refused_by_name() {
        let dir = tempfile::tempdir().expect("temp");
        let err = record_file(&dir.path().join("nope.pdf"), Timestamp::from_unix(0))
            .expect_err("missing");
        assert!(err.to_string().ends_with("nope.pdf: no such file"), "{err}");
        let err = record_file(dir.path(), Timestamp::from_unix(0)).expect_err("folder");
        assert!(
            err.is_folder() && err.to_string().contains("is a folder"),
            "{err}"
        );
    }

    /// Finding 1: a recorded file later replaced by a device, a FIFO or a link to one made the
    /// re-check hang for ever. It must come back at once as unreadable, with the reason.
    #[cfg(unix)]
    #[test]
    fn a_file_that_became_a_device_or_fifo_is_unreadable_at_once() {
        let dir = tempfile::tempdir().expect("temp");
        let path = dir.path().join("policy.pdf");
        std::fs::write(&path, b"v1").expect("write");
        let source = record_file(&path, Timestamp::from_unix(0)).expect("recorded");
        std::fs::remove_file(&path).expect("remove");
        std::os::unix::fs::symlink("/dev/zero", &path).expect("symlink");
        assert!(
            matches!(recheck(&source, None), FileCheck::Unreadable { reason } if reason.contains("not a regular file"))
        );
        assert!(read_recorded(&source).is_err());
        std::fs::remove_file(&path).expect("remove");
        let made = std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .expect("mkfifo");
        assert!(made.success());
        assert!(matches!(
            recheck(&source, None),
            FileCheck::Unreadable { .. }
        ));
        assert!(read_recorded(&source).is_err());
        let err = record_file(&path, Timestamp::from_unix(0)).expect_err("fifo");
        assert!(err.to_string().contains("not a regular file"), "{err}");
    }

    /// Finding 9: a recorded SHA-256 is used as a file name in the copies folder; one that is
    /// not hex (`../x`) must never reach the file system.
    #[test]
    fn a_recorded_hash_that_is_not_hex_never_names_a_file() {
        let dir = tempfile::tempdir().expect("temp");
        let copies = dir.path().join("copies");
        std::fs::create_dir(&copies).expect("mkdir");
        std::fs::write(dir.path().join("secret"), b"x").expect("write");
        let source = EvidenceSource::File {
            path: dir.path().join("gone").display().to_string(),
            sha256: "../secret".into(),
            size: 1,
            recorded: Timestamp::from_unix(0),
            os_path: None,
        };
        assert_eq!(recheck(&source, Some(&copies)), FileCheck::Missing);
    }

    /// Finding 15: a file name that is not UTF-8 is stored exactly and found again.
    #[cfg(unix)]
    #[test]
    fn a_file_name_that_is_not_utf8_round_trips() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().expect("temp");
        let path = dir.path().join(std::ffi::OsStr::from_bytes(b"caf\xe9.pdf"));
        std::fs::write(&path, b"menu").expect("write");
        let source = record_file(&path, Timestamp::from_unix(0)).expect("recorded");
        assert_eq!(file_path(&source).as_deref(), Some(path.as_path()));
        let json = serde_json::to_string(&source).expect("json");
        let back: EvidenceSource = serde_json::from_str(&json).expect("back");
        assert_eq!(recheck(&back, None), FileCheck::Unchanged);
        assert_eq!(read_recorded(&back).expect("read"), b"menu");
    }
}
