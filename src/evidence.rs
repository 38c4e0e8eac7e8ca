//! Evidence files: fingerprinting them when recorded, and checking them again later.
//!
//! A report is only trustworthy if the files it lists are the files that were looked at, so a
//! file is recorded with its SHA-256 and size, and re-checked whenever a report is built.

use std::fs::File;
use std::path::Path;

use serde::Serialize;

use crate::digest::sha256_reader;
use crate::domain::assessment::EvidenceSource;
use crate::domain::date::Timestamp;

/// Fingerprints a file as evidence. The path is stored absolute, so the record still points at
/// the file when carecheck is later run from another folder.
pub fn record_file(path: &Path, now: Timestamp) -> Result<EvidenceSource, String> {
    let shown = path.display().to_string();
    let absolute = std::path::absolute(path).map_err(|e| format!("{shown}: {e}"))?;
    let metadata = std::fs::metadata(&absolute).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => format!("{shown}: no such file"),
        _ => format!("{shown}: {e}"),
    })?;
    if metadata.is_dir() {
        return Err(format!(
            "{shown}: is a folder; name a file, or use --document for a folder of papers"
        ));
    }
    if !metadata.is_file() {
        return Err(format!("{shown}: is not a regular file"));
    }
    let file = File::open(&absolute).map_err(|e| format!("{shown}: {e}"))?;
    let (sha256, size) = sha256_reader(file).map_err(|e| format!("{shown}: {e}"))?;
    Ok(EvidenceSource::File {
        path: absolute.display().to_string(),
        sha256,
        size,
        recorded: now,
    })
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
            FileCheck::Unreadable { .. } => "cannot be read",
        }
    }
}

/// Re-reads an evidence file and compares it with its record. When the file is not at its
/// recorded path (the assessment came from another computer in a bundle), a copy carried in
/// the bundle, in `copies`, is checked instead.
pub fn recheck(source: &EvidenceSource, copies: Option<&Path>) -> FileCheck {
    let EvidenceSource::File { path, sha256, .. } = source else {
        return FileCheck::NotAFile;
    };
    let file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let copy = copies.map(|dir| dir.join(sha256)).filter(|p| p.is_file());
            return match copy.map(|p| File::open(p).and_then(sha256_reader)) {
                Some(Ok((found, _))) if found == *sha256 => FileCheck::CarriedCopy,
                Some(Ok((found, size))) => FileCheck::Changed {
                    sha256: found,
                    size,
                },
                _ => FileCheck::Missing,
            };
        }
        Err(e) => {
            return FileCheck::Unreadable {
                reason: e.to_string(),
            };
        }
    };
    match sha256_reader(file) {
        Ok((now, _)) if now == *sha256 => FileCheck::Unchanged,
        Ok((now, size)) => FileCheck::Changed { sha256: now, size },
        Err(e) => FileCheck::Unreadable {
            reason: e.to_string(),
        },
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
        assert!(err.ends_with("nope.pdf: no such file"), "{err}");
        let err = record_file(dir.path(), Timestamp::from_unix(0)).expect_err("folder");
        assert!(err.contains("is a folder"), "{err}");
    }
}
