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

/// The largest one journal entry may be. Notes have their own, smaller limit
/// ([`crate::store::MAX_NOTE_BYTES`]); this bounds everything else a change can carry.
pub const MAX_ENTRY_BYTES: usize = 1024 * 1024;

/// What reading a journal found.
#[derive(Debug, Default)]
pub struct Journal {
    pub entries: Vec<Entry>,
    /// Length in bytes of the complete lines; anything after is an unfinished final write.
    pub complete_len: u64,
    /// An unfinished last line was found (a write cut off by a crash). Its change had not been
    /// reported as saved, so it is discarded.
    pub torn_tail: bool,
    /// The last line is a whole, valid entry that only lacks its newline (lost by an editor or
    /// a copy). It is kept: the newline is put back, never the entry cut off.
    pub missing_newline: bool,
}

/// Reads and checks a whole journal whose first entry is 1. A line in the middle that cannot
/// be read means the file was damaged, and is an error; only an unterminated last line that
/// is not a valid entry is treated as an interrupted write.
pub fn read(path: &Path, bytes: &[u8]) -> Result<Journal, StoreError> {
    read_after(path, bytes, 0, 0)
}

/// Reads a journal whose first entry is `base + 1` (the entries up to `base` are archived), but
/// only decodes the entries after `skip`, which the caller already has (the assessment file
/// reflects them). Loading then costs the same however long the audit trail grows. `entries`
/// holds only the decoded ones. An entry the assessment file reflects is never treated as
/// an unfinished write: a journal that lacks one is an error, whatever its length.
pub fn read_after(path: &Path, bytes: &[u8], base: u64, skip: u64) -> Result<Journal, StoreError> {
    let corrupt = |line: Option<usize>, message: String| StoreError::Corrupt {
        path: path.to_owned(),
        line,
        message,
    };
    if skip < base {
        return Err(corrupt(
            None,
            format!(
                "the assessment file reflects {skip} changes but the journal's archive already holds {base}; the assessment file is older than its journal"
            ),
        ));
    }
    let mut journal = Journal::default();
    let complete = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    journal.complete_len = complete as u64;
    let (body, tail) = bytes.split_at(complete);
    // Each line with its number in the file. A blank line (an editor's extra newline at the
    // end) holds no entry and is passed over, not read as a damaged one.
    let mut lines: Vec<(usize, &[u8])> = match body.strip_suffix(b"\n") {
        Some(body) => body
            .split(|&b| b == b'\n')
            .enumerate()
            .filter(|(_, line)| !line.trim_ascii().is_empty())
            .collect(),
        None => Vec::new(),
    };
    let covered = usize::try_from(skip - base).unwrap_or(usize::MAX);
    if !tail.is_empty() {
        let next = base + lines.len() as u64 + 1;
        match serde_json::from_slice::<Entry>(tail) {
            Ok(entry) if entry.seq == next => {
                lines.push((body.split(|&b| b == b'\n').count().saturating_sub(1), tail));
                journal.missing_newline = true;
            }
            _ if lines.len() < covered => {
                return Err(corrupt(
                    Some(lines.len() + 1),
                    "the journal's last entry is damaged, and the assessment file reflects it"
                        .into(),
                ));
            }
            _ => journal.torn_tail = true,
        }
    }
    let mut lines = lines.into_iter();
    for expected in base + 1..=skip {
        let Some((index, line)) = lines.next() else {
            let message = if expected == base + 1 {
                format!(
                    "the journal is empty, but the assessment file reflects {skip} changes; it was emptied outside carecheck, and carecheck will not add to an audit trail with a gap"
                )
            } else {
                format!(
                    "the journal holds changes up to {} but the assessment file reflects {skip}; the journal was cut short",
                    expected - 1
                )
            };
            return Err(corrupt(None, message));
        };
        // carecheck always writes `seq` first, so a cheap look at the start of each line
        // passes its own entries without decoding the whole history; any other line (valid
        // JSON written with spaces, say) is decoded to find its number.
        if !line.starts_with(format!("{{\"seq\":{expected},").as_bytes()) {
            let message = match serde_json::from_slice::<Entry>(line).map(|e| e.seq) {
                Ok(seq) if seq == expected => continue,
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

/// Checks every line of a journal fully (each decoded, numbered one after another from
/// `base + 1`), as for one that came from outside in a bundle. Returns the last seq.
pub fn check_all(path: &Path, bytes: &[u8], base: u64) -> Result<u64, StoreError> {
    if !bytes.is_empty() && !bytes.ends_with(b"\n") {
        return Err(StoreError::Corrupt {
            path: path.to_owned(),
            line: None,
            message: "the journal's last line is unfinished".into(),
        });
    }
    let journal = read_after(path, bytes, base, base)?;
    if base == 0
        && !matches!(
            journal.entries.first().map(|e| &e.change),
            Some(Event::Created { .. })
        )
    {
        return Err(StoreError::Corrupt {
            path: path.to_owned(),
            line: Some(1),
            message: "the first journal entry does not create the assessment".into(),
        });
    }
    Ok(base + journal.entries.len() as u64)
}

/// One entry as the line that is appended for it.
pub fn encode(path: &Path, entry: &Entry) -> Result<Vec<u8>, StoreError> {
    let mut line = serde_json::to_vec(entry).map_err(|e| StoreError::Corrupt {
        path: path.to_owned(),
        line: None,
        message: format!("cannot encode a change ({e})"),
    })?;
    line.push(b'\n');
    Ok(line)
}

/// Appends one encoded entry and waits until it is on disk.
pub fn append(file: &mut File, path: &Path, line: &[u8]) -> Result<(), StoreError> {
    file.write_all(line).map_err(StoreError::io(path))?;
    file.sync_data().map_err(StoreError::io(path))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::assessment::Details;

    fn line(seq: u64) -> Vec<u8> {
        let change = if seq == 1 {
            Event::Created {
                id: "a".into(),
                details: Details::default(),
                checklists: Vec::new(),
            }
        } else {
            Event::DetailsChanged {
                details: Details::default(),
            }
        };
        let entry = Entry {
            seq,
            at: Timestamp::from_unix(0),
            by: None,
            change,
        };
        encode(Path::new("j"), &entry).expect("encodes")
    }

    fn journal(seqs: &[u64]) -> Vec<u8> {
        seqs.iter().flat_map(|&s| line(s)).collect()
    }

    /// Finding 4: the only entry, its newline lost, was cut off as a torn write.
    #[test]
    fn a_whole_last_entry_without_its_newline_is_kept() {
        let mut bytes = journal(&[1]);
        bytes.pop();
        let read = read_after(Path::new("j"), &bytes, 0, 1).expect("reads");
        assert!(read.missing_newline && !read.torn_tail);
        let read = read_after(Path::new("j"), &bytes, 0, 0).expect("reads");
        assert_eq!(read.entries.len(), 1);
    }

    #[test]
    fn an_unfinished_line_is_cut_only_if_nothing_reflects_it() {
        let mut bytes = journal(&[1, 2]);
        bytes.extend_from_slice(b"{\"seq\":3,\"at");
        let read = read_after(Path::new("j"), &bytes, 0, 2).expect("reads");
        assert!(read.torn_tail);
        assert_eq!(read.complete_len as usize, bytes.len() - 12);
        let err = read_after(Path::new("j"), &bytes, 0, 3).expect_err("reflected");
        assert!(err.to_string().contains("damaged"), "{err}");
    }

    #[test]
    fn an_emptied_or_cut_journal_is_an_error_not_a_fresh_start() {
        let err = read_after(Path::new("j"), b"", 0, 1).expect_err("emptied");
        assert!(err.to_string().contains("emptied"), "{err}");
        let err = read_after(Path::new("j"), &journal(&[1]), 0, 2).expect_err("cut");
        assert!(err.to_string().contains("cut short"), "{err}");
        // After an archive, an empty journal is just the start of the next part.
        assert!(read_after(Path::new("j"), b"", 5, 5).is_ok());
        assert!(read_after(Path::new("j"), &journal(&[6]), 5, 5).is_ok());
        assert!(read_after(Path::new("j"), &journal(&[6]), 5, 4).is_err());
    }

    /// Issue 29: valid JSON written with spaces was "entry 1 found where 1 was expected", and
    /// one extra blank line at the end made the assessment unreadable.
    #[test]
    fn spaced_json_and_blank_lines_are_read() {
        let spaced: serde_json::Value = serde_json::from_slice(&line(1)).expect("json");
        let mut bytes = serde_json::to_string(&spaced)
            .expect("json")
            .replacen("\"seq\":1", "\"seq\": 1", 1)
            .into_bytes();
        bytes.push(b'\n');
        bytes.extend_from_slice(&line(2));
        bytes.extend_from_slice(b"\n  \n");
        for skip in [0, 1, 2] {
            let read = read_after(Path::new("j"), &bytes, 0, skip).expect("reads");
            assert_eq!(read.entries.len() as u64, 2 - skip);
            assert!(!read.torn_tail && !read.missing_newline);
        }
        assert_eq!(check_all(Path::new("j"), &bytes, 0).ok(), Some(2));
        let mut wrong = bytes.clone();
        wrong.extend_from_slice(&line(2));
        let err = read_after(Path::new("j"), &wrong, 0, 3).expect_err("a repeated entry");
        assert_eq!(
            err.to_string(),
            "j:5: journal entry 2 found where 3 was expected. The file has not been changed; restore it from a backup or move it aside"
        );
    }

    /// Finding 10: entries the assessment file reflects were checked only for their start;
    /// the full check decodes every one.
    #[test]
    fn the_full_check_decodes_every_line() {
        let mut bytes = journal(&[1]);
        bytes.extend_from_slice(b"{\"seq\":2, garbage}\n");
        assert!(
            read_after(Path::new("j"), &bytes, 0, 2).is_ok(),
            "the quick check"
        );
        let err = check_all(Path::new("j"), &bytes, 0).expect_err("full check");
        assert!(err.to_string().contains(":2"), "{err}");
        assert_eq!(
            check_all(Path::new("j"), &journal(&[1, 2, 3]), 0).ok(),
            Some(3)
        );
        assert!(
            check_all(Path::new("j"), &journal(&[2]), 0).is_err(),
            "no creation"
        );
    }
}
