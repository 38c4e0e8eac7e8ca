//! Moving assessments between data directories: the files that make one up, and putting a
//! verified set of them in place as a new assessment.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use super::error::StoreError;
use super::lock::AssessmentLock;
use super::{ARCHIVE, COPIES, JOURNAL, SNAPSHOT, Store, fsutil, journal, read_bounded, snapshot};
use crate::checklist::library::{Origin, candidate};
use crate::digest::sha256_hex;
use crate::domain::assessment::EvidenceSource;
use crate::domain::checklist::is_checklist_id;
use crate::evidence::is_sha256;

impl Store {
    /// The files of an assessment (relative path, bytes): the assessment file, the journal
    /// and its archive, the checklist copies and any evidence copies carried in from an
    /// earlier bundle.
    ///
    /// The assessment file is read before the journal: the journal is always written first,
    /// so read in this order the pair is consistent even while another carecheck is saving.
    pub fn assessment_files(&self, id: &str) -> Result<Vec<(String, Vec<u8>)>, StoreError> {
        let dir = self.dir_of(id)?;
        let read = |name: &str| read_bounded(&dir.join(name));
        let mut files = vec![
            (SNAPSHOT.to_owned(), read(SNAPSHOT)?),
            (JOURNAL.to_owned(), read(JOURNAL)?),
        ];
        for sub in [ARCHIVE, COPIES, "evidence"] {
            let Ok(entries) = fs::read_dir(dir.join(sub)) else {
                continue;
            };
            let mut names: Vec<String> = entries
                .flatten()
                .filter_map(|e| e.file_name().to_str().map(str::to_owned))
                .filter(|n| !n.starts_with('.'))
                .collect();
            names.sort();
            for name in names {
                let relative = format!("{sub}/{name}");
                files.push((relative.clone(), read(&relative)?));
            }
        }
        Ok(files)
    }

    /// Creates assessment `id` from `files`, which must load as an assessment and hold
    /// together (see [`check_files`]). It is written in a hidden folder and renamed into
    /// place, so it appears whole or not at all.
    pub fn import_files(&self, id: &str, files: &[(String, Vec<u8>)]) -> Result<(), StoreError> {
        let root = self.data.assessments();
        let target = self.dir_of(id)?;
        if target.exists() {
            return Err(StoreError::Corrupt {
                path: target,
                line: None,
                message:
                    "an assessment with this id already exists here; import it under another id"
                        .into(),
            });
        }
        // Prove the files load and agree with each other before anything touches the disk.
        check_files(files).map_err(|(path, message)| StoreError::Rejected {
            path: PathBuf::from(path),
            message,
        })?;
        fsutil::create_private_dir(&root).map_err(StoreError::io(&root))?;
        fsutil::remove_stale_staging_dirs(&root);
        let staging = root.join(format!(".import-{id}-{}", std::process::id()));
        fsutil::create_private_dir(&staging).map_err(StoreError::io(&staging))?;
        let result = (|| {
            // Held while the folder is filled (see `remove_stale_staging_dirs`).
            let _lock = AssessmentLock::acquire(&staging, id)?;
            let mut folders = HashSet::from([staging.clone()]);
            for (relative, bytes) in files {
                let path = staging.join(relative);
                let parent = fsutil::parent_dir(&path).to_path_buf();
                if folders.insert(parent.clone()) {
                    fsutil::create_private_dir(&parent).map_err(StoreError::io(&parent))?;
                }
                fsutil::write_new(&path, bytes).map_err(StoreError::io(&path))?;
            }
            // Every file is on disk; make their names durable, then show the folder whole.
            for folder in &folders {
                fsutil::sync_dir(folder).map_err(StoreError::io(folder))?;
            }
            fs::rename(&staging, &target).map_err(StoreError::io(&target))?;
            fsutil::sync_dir(&root).map_err(StoreError::io(&root))
        })();
        if result.is_err() {
            let _ = fs::remove_dir_all(&staging);
        }
        result
    }
}

/// Everything that must hold of an assessment's files that came from outside, checked in
/// full (unlike a local load, which trusts what carecheck itself wrote): no file twice; the
/// journal and its archive decode entry by entry, numbered without a gap from the creation;
/// the assessment file is one of those states; every checklist it uses has exactly one copy,
/// whose SHA-256 is the one recorded and whose own id is the one it is used under; no copy is
/// there that nothing uses; every evidence copy is named by its own SHA-256; and every
/// recorded evidence fingerprint is a SHA-256. Errors name the file inside the bundle.
pub fn check_files(files: &[(String, Vec<u8>)]) -> Result<(), (String, String)> {
    let mut seen = HashSet::new();
    for (path, _) in files {
        if !seen.insert(path.as_str()) {
            return Err((path.clone(), "is in the bundle more than once".into()));
        }
    }
    let file = |name: &str| {
        files
            .iter()
            .find(|(p, _)| p == name)
            .map(|(_, b)| b.as_slice())
    };
    // The files are the bundle's, not the user's: say what is wrong, without the advice to
    // restore a damaged save from a backup.
    let located = |path: &str, e: StoreError| match e {
        StoreError::Corrupt {
            line: Some(line),
            message,
            ..
        } => (format!("{path}:{line}"), message),
        StoreError::Corrupt { message, .. } => (path.to_owned(), message),
        other => (path.to_owned(), other.to_string()),
    };
    let snapshot_bytes = file(SNAPSHOT).ok_or((SNAPSHOT.to_owned(), "is missing".to_owned()))?;
    let snap =
        snapshot::decode(Path::new(SNAPSHOT), snapshot_bytes).map_err(|e| located(SNAPSHOT, e))?;
    let mut archived: Vec<(&str, u64, &[u8])> = Vec::new();
    for (path, bytes) in files {
        if let Some(name) = path.strip_prefix(&format!("{ARCHIVE}/")) {
            let last = super::parse_archive_name(name)
                .ok_or((path.clone(), "is not a journal archive name".to_owned()))?;
            archived.push((path, last, bytes));
        }
    }
    archived.sort_by_key(|(_, last, _)| *last);
    let mut base = 0;
    for (path, last, bytes) in archived {
        let reached =
            journal::check_all(Path::new(path), bytes, base).map_err(|e| located(path, e))?;
        if reached != last || last == base {
            return Err((
                path.to_owned(),
                format!("holds changes up to {reached}, not {last} as its name says"),
            ));
        }
        base = last;
    }
    let journal_bytes = file(JOURNAL).ok_or((JOURNAL.to_owned(), "is missing".to_owned()))?;
    let last = journal::check_all(Path::new(JOURNAL), journal_bytes, base)
        .map_err(|e| located(JOURNAL, e))?;
    if snap.journal_seq < base.max(1) || snap.journal_seq > last {
        return Err((
            SNAPSHOT.to_owned(),
            format!(
                "reflects {} changes but the journal holds {last}",
                snap.journal_seq
            ),
        ));
    }
    let assessment = &snap.assessment;
    let mut copies = HashSet::new();
    for used in &assessment.checklists {
        let path = format!("{COPIES}/{}.toml", used.id);
        if !is_checklist_id(&used.id) {
            return Err((
                SNAPSHOT.to_owned(),
                format!("uses a checklist with an unusable id `{}`", used.id),
            ));
        }
        let bytes = file(&path).ok_or((
            path.clone(),
            "is missing: the assessment uses it".to_owned(),
        ))?;
        if sha256_hex(bytes) != used.hash {
            return Err((path, "is not the checklist the assessment was answered against (its SHA-256 differs from the one recorded)".into()));
        }
        let parsed = candidate(Origin::File(PathBuf::from(&path)), bytes).map_err(|problems| {
            let first = problems
                .first()
                .map(ToString::to_string)
                .unwrap_or_default();
            (path.clone(), format!("is not a valid checklist: {first}"))
        })?;
        if parsed.parsed.checklist.id != used.id {
            return Err((
                path,
                format!(
                    "holds checklist `{}`, not `{}` as its name and the assessment say",
                    parsed.parsed.checklist.id, used.id
                ),
            ));
        }
        copies.insert(path);
    }
    for (path, bytes) in files {
        if path.starts_with(&format!("{COPIES}/")) && !copies.contains(path) {
            return Err((path.clone(), "is not used by the assessment".into()));
        }
        if let Some(name) = path.strip_prefix("evidence/")
            && sha256_hex(bytes) != name
        {
            return Err((path.clone(), "is not the file its name says".into()));
        }
    }
    for (item, answer) in &assessment.answers {
        super::check_answer_texts(&item.to_string(), answer).map_err(|e| {
            (
                SNAPSHOT.to_owned(),
                format!("{e}; a bundle cannot carry more than carecheck keeps"),
            )
        })?;
        for evidence in &answer.evidence {
            if let EvidenceSource::File { sha256, .. } = &evidence.source
                && !is_sha256(sha256)
            {
                return Err((
                    SNAPSHOT.to_owned(),
                    format!("records an evidence fingerprint that is not a SHA-256 (`{sha256}`)"),
                ));
            }
        }
    }
    Ok(())
}
