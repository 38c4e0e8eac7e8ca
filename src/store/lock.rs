//! One writer per assessment.
//!
//! An operating-system file lock (released automatically if the process dies, even by
//! `kill -9`) on a `lock` file in the assessment's folder. The holder writes its process id
//! there so that a second carecheck can say who has it.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

use super::error::StoreError;
use super::fsutil::open_read_write;

/// Held while an assessment is open for writing; dropping it releases the lock.
#[derive(Debug)]
pub struct AssessmentLock {
    _file: File,
}

impl AssessmentLock {
    pub fn acquire(dir: &Path, id: &str) -> Result<AssessmentLock, StoreError> {
        let path = dir.join("lock");
        let mut file = open_read_write(&path).map_err(StoreError::io(&path))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = file.read_to_string(&mut holder);
                let holder = holder.trim();
                return Err(StoreError::Locked {
                    id: id.to_owned(),
                    holder: (!holder.is_empty()).then(|| holder.to_owned()),
                });
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(StoreError::io(&path)(e)),
        }
        // Best effort: the lock itself is what protects the data, not this note.
        let _ = file.set_len(0);
        let _ = file.seek(SeekFrom::Start(0));
        let _ = write!(file, "process {}", std::process::id());
        Ok(AssessmentLock { _file: file })
    }
}
