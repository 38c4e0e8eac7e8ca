//! Moving assessments between data directories: the files that make one up, and putting a
//! verified set of them in place as a new assessment.

use std::fs;
use std::path::Path;

use super::error::StoreError;
use super::{JOURNAL, SNAPSHOT, Store, fsutil, journal, snapshot};

impl Store {
    /// The files of an assessment (relative path, bytes): the assessment file, the journal,
    /// the checklist copies and any evidence copies carried in from an earlier bundle.
    ///
    /// The assessment file is read before the journal: the journal is always written first,
    /// so read in this order the pair is consistent even while another carecheck is saving.
    pub fn assessment_files(&self, id: &str) -> Result<Vec<(String, Vec<u8>)>, StoreError> {
        let dir = self.dir_of(id);
        let read = |name: &str| fs::read(dir.join(name)).map_err(StoreError::io(dir.join(name)));
        let mut files = vec![
            (SNAPSHOT.to_owned(), read(SNAPSHOT)?),
            (JOURNAL.to_owned(), read(JOURNAL)?),
        ];
        for sub in ["checklists", "evidence"] {
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

    /// Creates assessment `id` from `files`, which must load as an assessment. It is written
    /// in a hidden folder and renamed into place, so it appears whole or not at all.
    pub fn import_files(&self, id: &str, files: &[(String, Vec<u8>)]) -> Result<(), StoreError> {
        let root = self.data.assessments();
        let target = root.join(id);
        if target.exists() {
            return Err(StoreError::Corrupt {
                path: target,
                line: None,
                message:
                    "an assessment with this id already exists here; import it under another id"
                        .into(),
            });
        }
        // Prove the files load before anything touches the disk.
        let file = |name: &str| {
            files
                .iter()
                .find(|(p, _)| p == name)
                .map(|(_, b)| b.as_slice())
                .unwrap_or_default()
        };
        let snap = snapshot::decode(Path::new(SNAPSHOT), file(SNAPSHOT))?;
        journal::read_after(Path::new(JOURNAL), file(JOURNAL), snap.journal_seq)?;
        fsutil::create_private_dir(&root).map_err(StoreError::io(&root))?;
        let staging = root.join(format!(".import-{id}-{}", std::process::id()));
        let result = (|| {
            for (relative, bytes) in files {
                let path = staging.join(relative);
                if let Some(parent) = path.parent() {
                    fsutil::create_private_dir(parent).map_err(StoreError::io(parent))?;
                }
                fsutil::write_atomic(&path, bytes).map_err(StoreError::io(&path))?;
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
