//! The append-only journal: every change, who made it and when, one JSON object per line.
//!
//! It is the audit trail and the safety net: a change is on disk in the journal before the
//! assessment file is rewritten, so if carecheck dies between the two, the next load replays it.

use std::fs::File;
use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::error::StoreError;
use crate::domain::assessment::Event;
use crate::domain::date::Timestamp;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// 1 for the first change, then one more for each.
    pub seq: u64,
    pub at: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    pub change: Event,
}

/// What reading a journal found.
#[derive(Debug, Default)]
pub struct Journal {
    pub entries: Vec<Entry>,
    /// Length in bytes of the complete lines; anything after is an unfinished final write.
    pub complete_len: u64,
    /// An unfinished last line was found (a write cut off by a crash). Its change had not been
    /// reported as saved, so it is discarded.
    pub torn_tail: bool,
}

/// Reads and checks a journal. A line in the middle that cannot be read means the file was
/// damaged, and is an error; only an unterminated last line is treated as an interrupted write.
pub fn read(path: &Path, bytes: &[u8]) -> Result<Journal, StoreError> {
    read_after(path, bytes, 0)
}

/// Like [`read`], but only decodes the entries after the first `skip`, which the caller
/// already has (the assessment file reflects them). Loading then costs the same however long
/// the audit trail grows. `entries` holds only the decoded ones.
pub fn read_after(path: &Path, bytes: &[u8], skip: u64) -> Result<Journal, StoreError> {
    let mut journal = Journal::default();
    let complete = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    journal.complete_len = complete as u64;
    journal.torn_tail = complete < bytes.len();
    let body = bytes[..complete].strip_suffix(b"\n").unwrap_or(&[]);
    if complete == 0 {
        return Ok(journal);
    }
    let mut lines = body.split(|&b| b == b'\n').enumerate();
    for expected in 1..=skip {
        let Some((index, line)) = lines.next() else {
            return Err(StoreError::Corrupt {
                path: path.to_owned(),
                line: None,
                message: format!(
                    "journal has {} entries but the assessment file reflects {skip}; the journal was cut short",
                    expected - 1
                ),
            });
        };
        // carecheck always writes `seq` first, so a cheap look at the start of each line
        // catches a garbled or missing entry without decoding the whole history.
        if !line.starts_with(format!("{{\"seq\":{expected},").as_bytes()) {
            let found = serde_json::from_slice::<Entry>(line).map(|e| e.seq);
            let message = match found {
                Ok(seq) => format!("journal entry {seq} found where {expected} was expected"),
                Err(e) => format!("journal entry cannot be read ({e})"),
            };
            return Err(StoreError::Corrupt {
                path: path.to_owned(),
                line: Some(index + 1),
                message,
            });
        }
    }
    for (index, line) in lines {
        let corrupt = |message: String| StoreError::Corrupt {
            path: path.to_owned(),
            line: Some(index + 1),
            message,
        };
        let entry: Entry = serde_json::from_slice(line)
            .map_err(|e| corrupt(format!("journal entry cannot be read ({e})")))?;
        let expected = skip + journal.entries.len() as u64 + 1;
        if entry.seq != expected {
            return Err(corrupt(format!(
                "journal entry {} found where {expected} was expected",
                entry.seq
            )));
        }
        journal.entries.push(entry);
    }
    Ok(journal)
}

/// Appends one entry and waits until it is on disk.
pub fn append(file: &mut File, path: &Path, entry: &Entry) -> Result<(), StoreError> {
    let mut line = serde_json::to_vec(entry).map_err(|e| StoreError::Corrupt {
        path: path.to_owned(),
        line: None,
        message: format!("cannot encode a change ({e})"),
    })?;
    line.push(b'\n');
    file.write_all(&line).map_err(StoreError::io(path))?;
    file.sync_data().map_err(StoreError::io(path))
}
