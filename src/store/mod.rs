//! Everything carecheck writes to disk, and reading it back.
//!
//! ```text
//! DATA/
//!   checklists/                 the user's own checklists
//!   last-used                   id of the assessment opened most recently
//!   assessments/ID/
//!     assessment.json           the whole assessment (rewritten atomically on every change)
//!     journal.jsonl             every change, appended and flushed before the rewrite
//!     journal-archive/N.jsonl   older journal entries, up to change N, moved out of the
//!                               journal when it grew past 8 MiB (the audit trail is kept)
//!     checklists/CHECKLIST.toml each checklist exactly as answered
//!     lock                      held by the one carecheck writing this assessment
//! ```

pub mod error;
pub mod fsutil;
pub mod journal;
pub mod lock;
pub mod paths;
pub mod snapshot;
mod transfer;

use std::fs::{self, File};
use std::path::{Path, PathBuf};

pub use error::StoreError;
pub use paths::{AssessmentId, DataDir};

use self::journal::Entry;
use self::lock::AssessmentLock;
use self::snapshot::{MAX_SNAPSHOT_BYTES, SAVE_FORMAT, Snapshot};
use crate::domain::assessment::{Assessment, ChecklistUse, Details, Event};
use crate::domain::date::Timestamp;

const SNAPSHOT: &str = "assessment.json";
const JOURNAL: &str = "journal.jsonl";
const ARCHIVE: &str = "journal-archive";
const COPIES: &str = "checklists";
const LAST_USED: &str = "last-used";

/// The longest note (and justification) an answer may carry: about 5,000 words. A note is
/// kept in every journal entry for its item, so this bounds how fast the journal grows.
pub const MAX_NOTE_BYTES: usize = 32 * 1024;

/// When the journal would grow past this, its entries are moved to the archive and it starts
/// afresh, so it stays far below what carecheck reads ([`MAX_SNAPSHOT_BYTES`]).
pub const JOURNAL_ROTATE_BYTES: u64 = 8 * 1024 * 1024;

/// An assessment's id and the assessment, or why it could not be read.
pub type Listed = (String, Result<Assessment, StoreError>);

/// A checklist to start an assessment with: its identity and the exact text to store.
pub struct NewChecklist<'a> {
    pub used: ChecklistUse,
    pub text: &'a str,
}

/// The assessments in one data directory.
#[derive(Debug, Clone)]
pub struct Store {
    data: DataDir,
}

/// Records one event in an assessment being created (see [`Store::create_filled`]).
pub type Recorder<'a> =
    dyn FnMut(&mut OpenAssessment, Event, Timestamp, Option<String>) -> Result<(), StoreError> + 'a;

/// An assessment open for reading and writing, holding its lock.
#[derive(Debug)]
pub struct OpenAssessment {
    dir: PathBuf,
    journal: Option<File>,
    _lock: Option<AssessmentLock>,
    seq: u64,
    pub assessment: Assessment,
    /// An unfinished final journal line was found and discarded on opening.
    pub recovered_torn_write: bool,
    /// Being filled in a hidden folder that appears whole or not at all (a renewal): each
    /// change is appended to the journal without rewriting the assessment file, which is
    /// written once at the end, so filling costs time in line with its size, not its square.
    filling: bool,
}

impl Store {
    pub fn new(data: DataDir) -> Store {
        Store { data }
    }

    pub fn data(&self) -> &DataDir {
        &self.data
    }

    /// The folder of assessment `id`, once `id` parses as an [`AssessmentId`]: every id that
    /// reaches the store, typed or read from a file, becomes a path here and nowhere else.
    pub(crate) fn dir_of(&self, id: &str) -> Result<PathBuf, StoreError> {
        let id = AssessmentId::parse(id).ok_or_else(|| StoreError::BadId(id.to_owned()))?;
        Ok(self.data.assessment_dir(&id))
    }

    /// Creates an assessment, fully written before it becomes visible: it is assembled in a
    /// hidden folder and renamed into place.
    pub fn create(
        &self,
        details: Details,
        checklists: &[NewChecklist<'_>],
        at: Timestamp,
        by: Option<String>,
    ) -> Result<OpenAssessment, StoreError> {
        self.create_filled(
            details,
            checklists,
            at,
            by,
            Vec::new(),
            &mut |open, event, at, by| open.record(event, at, by),
        )
    }

    /// Creates an assessment with `events` already recorded (a renewal's carried-forward
    /// answers), each through `record` (normally [`OpenAssessment::record`]; a test can make
    /// one fail). They are written in the hidden folder before it is renamed into place, so
    /// the assessment appears whole or not at all, even if carecheck is killed part-way.
    pub fn create_filled(
        &self,
        details: Details,
        checklists: &[NewChecklist<'_>],
        at: Timestamp,
        by: Option<String>,
        events: Vec<Event>,
        record: &mut Recorder<'_>,
    ) -> Result<OpenAssessment, StoreError> {
        let root = self.data.assessments();
        fsutil::create_private_dir(&root).map_err(StoreError::io(&root))?;
        fsutil::remove_stale_staging_dirs(&root);
        let id = self.reserve_id(&details)?;
        let reserved = self.dir_of(&id)?;
        let staging = root.join(format!(".new-{id}-{}", std::process::id()));
        let copies = staging.join(COPIES);
        fsutil::create_private_dir(&copies).map_err(StoreError::io(&copies))?;
        // Held while the folder is filled, so that no other carecheck takes it for the
        // remains of an interrupted creation; it becomes the assessment's lock file.
        let staging_lock = AssessmentLock::acquire(&staging, &id);
        let result = (|| {
            let _lock = staging_lock?;
            for c in checklists {
                let path = copies.join(format!("{}.toml", c.used.id));
                fsutil::write_atomic(&path, c.text.as_bytes()).map_err(StoreError::io(&path))?;
            }
            let uses = checklists.iter().map(|c| c.used.clone()).collect();
            let event = Event::Created {
                id: id.clone(),
                details: details.clone(),
                checklists: uses,
            };
            let entry = Entry {
                seq: 1,
                at,
                by: by.clone(),
                change: event,
            };
            let journal_path = staging.join(JOURNAL);
            let mut file =
                fsutil::open_append(&journal_path).map_err(StoreError::io(&journal_path))?;
            let line = journal::encode(&journal_path, &entry)?;
            check_entry_size(&journal_path, &line)?;
            journal::append(&mut file, &journal_path, &line)?;
            let assessment =
                assessment_from_created(&entry).ok_or_else(|| corrupt_journal(&journal_path))?;
            write_snapshot(
                &staging,
                &Snapshot {
                    format: SAVE_FORMAT,
                    journal_seq: 1,
                    assessment: assessment.clone(),
                },
            )?;
            if !events.is_empty() {
                // Filled in the hidden folder through the one way changes are recorded; the
                // lock taken above stays held until the folder is renamed.
                let mut filling = OpenAssessment {
                    dir: staging.clone(),
                    journal: Some(file),
                    _lock: None,
                    seq: 1,
                    assessment,
                    recovered_torn_write: false,
                    filling: true,
                };
                for event in events {
                    record(&mut filling, event, at, by.clone())?;
                }
                filling.finish_filling()?;
            }
            // The reserved folder is empty: a rename replaces it on Unix; Windows cannot
            // rename over a folder, so it is taken away first.
            #[cfg(not(unix))]
            fs::remove_dir(&reserved).map_err(StoreError::io(&reserved))?;
            fs::rename(&staging, &reserved).map_err(StoreError::io(&reserved))?;
            fsutil::sync_dir(&root).map_err(StoreError::io(&root))
        })();
        if let Err(e) = result {
            let _ = fs::remove_dir_all(&staging);
            // Only the empty reservation: never a folder that holds anything.
            let _ = fs::remove_dir(&reserved);
            return Err(e);
        }
        self.open(&id)
    }

    /// An id from the organisation and site, made unique with a number if needed.
    /// Takes an unused id for a new assessment by creating its (empty) folder: creating a
    /// folder is atomic, so two carecheck processes creating or renewing at once take different
    /// ids instead of one failing with "Directory not empty" when it moves its folder in.
    fn reserve_id(&self, details: &Details) -> Result<String, StoreError> {
        let root = self.data.assessments();
        for _ in 0..1000 {
            // Unused when looked at; another carecheck may take it before the folder is made.
            let id = self.unused_id(details);
            let dir = self.dir_of(&id)?;
            match fsutil::create_new_private_dir(&dir) {
                Ok(()) => return Ok(id),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(StoreError::io(&root)(e)),
            }
        }
        Err(StoreError::io(&root)(std::io::Error::other(
            "no unused id is left for this organisation",
        )))
    }

    fn unused_id(&self, details: &Details) -> String {
        let mut base = slug(&details.organisation);
        if let Some(site) = details.site.as_deref().map(slug).filter(|s| !s.is_empty()) {
            base = format!("{base}-{site}");
        }
        let base: String = base
            .chars()
            .take(48)
            .collect::<String>()
            .trim_end_matches('-')
            .to_owned();
        let base = if base.is_empty() {
            "assessment".to_owned()
        } else {
            base
        };
        (1..)
            .map(|n| {
                if n == 1 {
                    base.clone()
                } else {
                    format!("{base}-{n}")
                }
            })
            // "CON" or "Nul" would make a folder Windows cannot open: take the next number.
            .find(|id| {
                !crate::portable_name::is_reserved_on_windows(id)
                    && self.dir_of(id).is_ok_and(|dir| !dir.exists())
            })
            .unwrap_or(base)
    }

    /// Opens an assessment for writing. Fails if another carecheck has it open.
    pub fn open(&self, id: &str) -> Result<OpenAssessment, StoreError> {
        let dir = self.dir_of(id)?;
        if fs::symlink_metadata(dir.join(SNAPSHOT)).is_err() {
            return Err(StoreError::NotFound(id.to_owned()));
        }
        refuse_linked_dir(&dir)?;
        let lock = AssessmentLock::acquire(&dir, id)?;
        fsutil::remove_stale_temp_files(&dir);
        let mut open = load(&dir, id)?;
        let journal_path = dir.join(JOURNAL);
        let mut file = fsutil::open_append(&journal_path).map_err(StoreError::io(&journal_path))?;
        if open.recovered_torn_write {
            // Cut the unfinished line off so the next entry starts on a line of its own.
            file.set_len(open.journal_len)
                .map_err(StoreError::io(&journal_path))?;
            file.sync_all().map_err(StoreError::io(&journal_path))?;
        }
        if open.missing_newline {
            // A whole last entry that lost its newline is kept: put the newline back.
            journal::append(&mut file, &journal_path, b"\n")?;
        }
        let last_used = self.data.root().join(LAST_USED);
        let _ = fsutil::write_atomic(&last_used, id.as_bytes());
        open.assessment.id = id.to_owned();
        Ok(OpenAssessment {
            dir,
            journal: Some(file),
            _lock: Some(lock),
            seq: open.seq,
            assessment: open.assessment,
            recovered_torn_write: open.recovered_torn_write,
            filling: false,
        })
    }

    /// Opens an assessment for reading only: no lock is taken and nothing is written.
    pub fn open_read_only(&self, id: &str) -> Result<OpenAssessment, StoreError> {
        let dir = self.dir_of(id)?;
        if fs::symlink_metadata(dir.join(SNAPSHOT)).is_err() {
            return Err(StoreError::NotFound(id.to_owned()));
        }
        refuse_linked_dir(&dir)?;
        let loaded = load(&dir, id)?;
        Ok(OpenAssessment {
            dir,
            journal: None,
            _lock: None,
            seq: loaded.seq,
            assessment: loaded.assessment,
            recovered_torn_write: loaded.recovered_torn_write,
            filling: false,
        })
    }

    /// The ids of every assessment, sorted.
    pub fn ids(&self) -> Result<Vec<String>, StoreError> {
        let root = self.data.assessments();
        let entries = match fs::read_dir(&root) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(StoreError::io(&root)(e)),
        };
        let mut ids: Vec<String> = entries
            .flatten()
            // Anything named `assessment.json` counts, so that a link or device put in its
            // place is refused by name when opened, not silently left out.
            .filter(|e| fs::symlink_metadata(e.path().join(SNAPSHOT)).is_ok())
            .filter_map(|e| e.file_name().to_str().map(str::to_owned))
            .filter(|name| !name.starts_with('.'))
            .collect();
        ids.sort();
        Ok(ids)
    }

    /// Every assessment, read-only, each with any error reading it.
    pub fn all(&self) -> Result<Vec<Listed>, StoreError> {
        Ok(self
            .ids()?
            .into_iter()
            .map(|id| {
                let loaded = self.open_read_only(&id).map(|o| o.assessment);
                (id, loaded)
            })
            .collect())
    }

    /// Finds the assessment a user means: an exact id, a unique id prefix, or an organisation
    /// name; with no query, the one used last (or the only one).
    pub fn resolve(&self, query: Option<&str>) -> Result<String, StoreError> {
        let ids = self.ids()?;
        if ids.is_empty() {
            return Err(StoreError::NoneYet);
        }
        let Some(query) = query else {
            let last = fsutil::read_own(&self.data.root().join(LAST_USED), 256)
                .ok()
                .flatten()
                .and_then(|b| String::from_utf8(b).ok())
                .unwrap_or_default();
            if ids.contains(&last) {
                return Ok(last);
            }
            return self.most_recently_updated(&ids);
        };
        if ids.iter().any(|id| id == query) {
            return Ok(query.to_owned());
        }
        let prefixed: Vec<&String> = ids.iter().filter(|id| id.starts_with(query)).collect();
        if let [only] = prefixed.as_slice() {
            return Ok((*only).clone());
        }
        let named: Vec<String> = self
            .all()?
            .into_iter()
            .filter(|(_, a)| {
                a.as_ref()
                    .is_ok_and(|a| a.details.organisation.eq_ignore_ascii_case(query.trim()))
            })
            .map(|(id, _)| id)
            .collect();
        match (named.as_slice(), prefixed.len()) {
            ([only], _) => Ok(only.clone()),
            ([], 0) => Err(StoreError::NotFound(query.to_owned())),
            ([], _) => Err(StoreError::Ambiguous {
                query: query.to_owned(),
                candidates: prefixed.into_iter().cloned().collect(),
            }),
            (many, _) => Err(StoreError::Ambiguous {
                query: query.to_owned(),
                candidates: many.to_vec(),
            }),
        }
    }

    fn most_recently_updated(&self, ids: &[String]) -> Result<String, StoreError> {
        let mut best: Option<(Timestamp, String)> = None;
        for id in ids {
            if let Ok(open) = self.open_read_only(id)
                && best
                    .as_ref()
                    .is_none_or(|(t, _)| open.assessment.updated > *t)
            {
                best = Some((open.assessment.updated, id.clone()));
            }
        }
        best.map(|(_, id)| id)
            .ok_or_else(|| StoreError::NotFound("(the most recent assessment)".to_owned()))
    }
}

impl OpenAssessment {
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Records one change: first in the journal (flushed to disk), then in the assessment file
    /// (replaced atomically). When this returns `Ok`, the change survives any crash. A change
    /// too large to keep (a note over [`MAX_NOTE_BYTES`], an entry over
    /// [`journal::MAX_ENTRY_BYTES`], an assessment file that would pass what carecheck reads)
    /// is refused before anything is written.
    pub fn record(
        &mut self,
        change: Event,
        at: Timestamp,
        by: Option<String>,
    ) -> Result<(), StoreError> {
        let journal_path = self.dir.join(JOURNAL);
        if self.journal.is_none() {
            return Err(StoreError::Locked {
                id: self.assessment.id.clone(),
                holder: Some("opened read-only".into()),
            });
        }
        check_note_sizes(&change)?;
        let entry = Entry {
            seq: self.seq + 1,
            at,
            by,
            change,
        };
        let line = journal::encode(&journal_path, &entry)?;
        check_entry_size(&journal_path, &line)?;
        if self.filling {
            return self.record_filling(&entry, &line);
        }
        let mut updated = self.assessment.clone();
        updated.apply(&entry.change, at);
        let snapshot = Snapshot {
            format: SAVE_FORMAT,
            journal_seq: self.seq + 1,
            assessment: updated,
        };
        let encoded = snapshot::encode(&snapshot);
        if encoded.len() as u64 > MAX_SNAPSHOT_BYTES {
            return Err(StoreError::ChangeTooLarge {
                path: self.dir.join(SNAPSHOT),
                what: "the assessment file",
                limit: MAX_SNAPSHOT_BYTES,
            });
        }
        let journal_len = self.journal_len()?;
        if journal_len > 0 && journal_len + line.len() as u64 > JOURNAL_ROTATE_BYTES {
            self.rotate_journal()?;
        }
        let journal_len = self.journal_len()?;
        let Some(file) = self.journal.as_mut() else {
            return Err(corrupt_journal(&journal_path));
        };
        if let Err(e) = journal::append(file, &journal_path, &line) {
            // A partial line (a full disk mid-write) must not be left to confuse the next load.
            let _ = file.set_len(journal_len).and_then(|()| file.sync_all());
            return Err(e);
        }
        let path = self.dir.join(SNAPSHOT);
        if let Err(e) = fsutil::write_atomic(&path, &encoded).map_err(StoreError::io(&path)) {
            // Take the entry back off the journal, so that "not saved" stays true: otherwise the
            // next load would replay it. (If even that fails, the entry stays and is replayed,
            // and the change is kept after all: never lost.)
            let _ = file.set_len(journal_len).and_then(|()| file.sync_all());
            return Err(e);
        }
        self.seq += 1;
        self.assessment = snapshot.assessment;
        Ok(())
    }

    /// [`Self::record`] while filling a hidden folder: the change is applied in place and its
    /// line appended, unsynced; [`Self::finish_filling`] makes it all durable at once.
    fn record_filling(&mut self, entry: &Entry, line: &[u8]) -> Result<(), StoreError> {
        let journal_path = self.dir.join(JOURNAL);
        let journal_len = self.journal_len()?;
        if journal_len > 0 && journal_len + line.len() as u64 > JOURNAL_ROTATE_BYTES {
            // The archive is never written again: make what was appended durable first.
            if let Some(file) = self.journal.as_mut() {
                file.sync_all().map_err(StoreError::io(&journal_path))?;
            }
            self.rotate_journal()?;
        }
        let Some(file) = self.journal.as_mut() else {
            return Err(corrupt_journal(&journal_path));
        };
        std::io::Write::write_all(file, line).map_err(StoreError::io(&journal_path))?;
        self.assessment.apply(&entry.change, entry.at);
        self.seq += 1;
        Ok(())
    }

    /// Ends filling: the journal synced, the assessment file written once.
    fn finish_filling(&mut self) -> Result<(), StoreError> {
        let journal_path = self.dir.join(JOURNAL);
        if let Some(file) = self.journal.as_mut() {
            file.sync_all().map_err(StoreError::io(&journal_path))?;
        }
        let snapshot = Snapshot {
            format: SAVE_FORMAT,
            journal_seq: self.seq,
            assessment: self.assessment.clone(),
        };
        let encoded = snapshot::encode(&snapshot);
        if encoded.len() as u64 > MAX_SNAPSHOT_BYTES {
            return Err(StoreError::ChangeTooLarge {
                path: self.dir.join(SNAPSHOT),
                what: "the assessment file",
                limit: MAX_SNAPSHOT_BYTES,
            });
        }
        let path = self.dir.join(SNAPSHOT);
        fsutil::write_atomic(&path, &encoded).map_err(StoreError::io(&path))?;
        self.filling = false;
        Ok(())
    }

    fn journal_len(&self) -> Result<u64, StoreError> {
        let path = self.dir.join(JOURNAL);
        match &self.journal {
            Some(file) => Ok(file.metadata().map_err(StoreError::io(&path))?.len()),
            None => Ok(0),
        }
    }

    /// Moves the journal into the archive as `journal-archive/SEQ.jsonl` (SEQ its last entry)
    /// and starts an empty one. The assessment file is brought up to date first, so it always
    /// reflects at least every archived entry. A crash between the steps leaves either the old
    /// journal or the archive with no journal, which loads as an empty one.
    fn rotate_journal(&mut self) -> Result<(), StoreError> {
        write_snapshot(
            &self.dir,
            &Snapshot {
                format: SAVE_FORMAT,
                journal_seq: self.seq,
                assessment: self.assessment.clone(),
            },
        )?;
        let archive = self.dir.join(ARCHIVE);
        fsutil::create_private_dir(&archive).map_err(StoreError::io(&archive))?;
        let journal_path = self.dir.join(JOURNAL);
        let target = archive.join(archive_name(self.seq));
        if target.exists() {
            return Err(StoreError::Corrupt {
                path: target,
                line: None,
                message: "an archived journal with this number already exists".into(),
            });
        }
        self.journal = None;
        fs::rename(&journal_path, &target).map_err(StoreError::io(&target))?;
        fsutil::sync_dir(&archive).map_err(StoreError::io(&archive))?;
        let file = fsutil::open_append(&journal_path).map_err(StoreError::io(&journal_path))?;
        fsutil::sync_dir(&self.dir).map_err(StoreError::io(&self.dir))?;
        self.journal = Some(file);
        Ok(())
    }

    /// The stored text of a checklist as answered.
    pub fn checklist_copy(&self, id: &str) -> Result<Vec<u8>, StoreError> {
        if !crate::domain::checklist::is_checklist_id(id) {
            // Ids come from the assessment file; one shaped like `../x` must never name a path.
            return Err(StoreError::Corrupt {
                path: self.dir.join(SNAPSHOT),
                line: None,
                message: format!("uses a checklist with an unusable id `{id}`"),
            });
        }
        let path = self.dir.join(COPIES).join(format!("{id}.toml"));
        let limit = crate::checklist::MAX_CHECKLIST_BYTES as u64;
        read_limited(&path, limit, "a checklist")
    }

    /// Replaces a checklist's stored copy (a newer edition) and records the change.
    pub fn replace_checklist(
        &mut self,
        used: ChecklistUse,
        text: &str,
        at: Timestamp,
        by: Option<String>,
    ) -> Result<(), StoreError> {
        let path = self.dir.join(COPIES).join(format!("{}.toml", used.id));
        if self.journal.is_none() {
            return Err(StoreError::Locked {
                id: self.assessment.id.clone(),
                holder: Some("opened read-only".into()),
            });
        }
        fsutil::write_atomic(&path, text.as_bytes()).map_err(StoreError::io(&path))?;
        self.record(Event::ChecklistUpdated { checklist: used }, at, by)
    }

    /// Every change recorded so far, oldest first, archived ones included.
    pub fn history(&self) -> Result<Vec<Entry>, StoreError> {
        let mut entries = Vec::new();
        let mut base = 0;
        for (path, last) in archives(&self.dir)? {
            let bytes = read_bounded(&path)?;
            entries.extend(journal::read_after(&path, &bytes, base, base)?.entries);
            base = last;
        }
        let path = self.dir.join(JOURNAL);
        let bytes = read_journal(&path, base)?;
        entries.extend(journal::read_after(&path, &bytes, base, base)?.entries);
        Ok(entries)
    }
}

struct Loaded {
    assessment: Assessment,
    seq: u64,
    journal_len: u64,
    recovered_torn_write: bool,
    missing_newline: bool,
}

/// Reads the assessment file and replays any journal entries it does not yet reflect.
fn load(dir: &Path, id: &str) -> Result<Loaded, StoreError> {
    let snapshot_path = dir.join(SNAPSHOT);
    let bytes = read_bounded(&snapshot_path)?;
    let snapshot = snapshot::decode(&snapshot_path, &bytes)?;
    let journal_path = dir.join(JOURNAL);
    let base = archives(dir)?.last().map_or(0, |(_, last)| *last);
    let journal_bytes = read_journal(&journal_path, base)?;
    let journal = journal::read_after(&journal_path, &journal_bytes, base, snapshot.journal_seq)?;
    let mut assessment = snapshot.assessment;
    for entry in &journal.entries {
        assessment.apply(&entry.change, entry.at);
    }
    assessment.id = id.to_owned();
    Ok(Loaded {
        assessment,
        seq: snapshot.journal_seq + journal.entries.len() as u64,
        journal_len: journal.complete_len,
        recovered_torn_write: journal.torn_tail,
        missing_newline: journal.missing_newline,
    })
}

fn read_bounded(path: &Path) -> Result<Vec<u8>, StoreError> {
    read_limited(path, MAX_SNAPSHOT_BYTES, "a save file")
}

/// Reads one of our own files (never through a link), refusing one over `limit` bytes.
fn read_limited(path: &Path, limit: u64, what: &'static str) -> Result<Vec<u8>, StoreError> {
    fsutil::read_own(path, limit)
        .map_err(StoreError::io(path))?
        .ok_or_else(|| StoreError::TooLarge {
            path: path.to_owned(),
            what,
            limit,
        })
}

/// The live journal. After a rotation interrupted before the new journal was created, there
/// is none; with an archive in place that is an empty journal, not a lost one.
fn read_journal(path: &Path, base: u64) -> Result<Vec<u8>, StoreError> {
    match read_bounded(path) {
        Err(StoreError::Io { source, .. })
            if base > 0 && source.kind() == std::io::ErrorKind::NotFound =>
        {
            Ok(Vec::new())
        }
        other => other,
    }
}

/// `journal-archive/000000000560.jsonl` holds the entries up to 560.
fn archive_name(last: u64) -> String {
    format!("{last:012}.jsonl")
}

/// The archived journals, oldest first, each with the last entry it holds. Their names must
/// be as carecheck writes them; anything else in the folder is an error, not ignored.
fn archives(dir: &Path) -> Result<Vec<(PathBuf, u64)>, StoreError> {
    let folder = dir.join(ARCHIVE);
    let entries = match fs::read_dir(&folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(StoreError::io(&folder)(e)),
    };
    let mut found = Vec::new();
    for entry in entries {
        let entry = entry.map_err(StoreError::io(&folder))?;
        let name = entry.file_name();
        let Some(last) = name.to_str().and_then(parse_archive_name) else {
            if name.to_string_lossy().starts_with('.') {
                continue; // a temporary file of an interrupted write
            }
            return Err(StoreError::Corrupt {
                path: entry.path(),
                line: None,
                message: "this file does not belong in the journal archive".into(),
            });
        };
        found.push((entry.path(), last));
    }
    found.sort_by_key(|(_, last)| *last);
    Ok(found)
}

/// The last entry an archive file holds, from its name; `None` for any other name.
pub(crate) fn parse_archive_name(name: &str) -> Option<u64> {
    let digits = name.strip_suffix(".jsonl")?;
    (digits.len() == 12 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
}

/// An assessment folder that is a link could lead anywhere; carecheck only opens its own.
fn refuse_linked_dir(dir: &Path) -> Result<(), StoreError> {
    match fs::symlink_metadata(dir) {
        Ok(m) if m.file_type().is_symlink() => Err(StoreError::io(dir)(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            fsutil::NotOurs,
        ))),
        _ => Ok(()),
    }
}

/// Refuses a note or justification longer than [`MAX_NOTE_BYTES`].
fn check_note_sizes(change: &Event) -> Result<(), StoreError> {
    if let Event::Answered { item, answer } = change {
        check_answer_texts(&item.to_string(), answer)?;
    }
    Ok(())
}

/// The one limit on an answer's texts, for a change made here and for an answer that came in
/// a bundle alike.
pub(crate) fn check_answer_texts(
    item: &str,
    answer: &crate::domain::assessment::Answer,
) -> Result<(), StoreError> {
    let texts = [
        ("note", answer.note.len()),
        (
            "justification",
            answer.justification.as_ref().map_or(0, String::len),
        ),
    ];
    for (what, len) in texts {
        if len > MAX_NOTE_BYTES {
            return Err(StoreError::TextTooLong {
                what,
                item: item.to_owned(),
                len,
                limit: MAX_NOTE_BYTES,
            });
        }
    }
    Ok(())
}

fn check_entry_size(path: &Path, line: &[u8]) -> Result<(), StoreError> {
    if line.len() > journal::MAX_ENTRY_BYTES {
        return Err(StoreError::ChangeTooLarge {
            path: path.to_owned(),
            what: "one change",
            limit: journal::MAX_ENTRY_BYTES as u64,
        });
    }
    Ok(())
}

fn write_snapshot(dir: &Path, snapshot: &Snapshot) -> Result<(), StoreError> {
    let path = dir.join(SNAPSHOT);
    fsutil::write_atomic(&path, &snapshot::encode(snapshot)).map_err(StoreError::io(&path))
}

fn assessment_from_created(entry: &Entry) -> Option<Assessment> {
    match &entry.change {
        Event::Created {
            id,
            details,
            checklists,
        } => Some(Assessment::new(
            id.clone(),
            details.clone(),
            checklists.clone(),
            entry.at,
        )),
        _ => None,
    }
}

fn corrupt_journal(path: &Path) -> StoreError {
    StoreError::Corrupt {
        path: path.to_owned(),
        line: Some(1),
        message: "the first journal entry does not create the assessment".into(),
    }
}

/// Who to record as making a change: the assessor if known, otherwise the computer's user name.
pub fn author(assessor: Option<&str>) -> Option<String> {
    assessor
        .map(str::to_owned)
        .or_else(|| std::env::var("USER").ok())
        .or_else(|| std::env::var("USERNAME").ok())
        .filter(|name| !name.trim().is_empty())
}

/// Lower-case ASCII letters and digits, other runs of characters becoming one hyphen.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn slugs_are_safe_folder_names() {
        assert_eq!(
            slug("Sunnyside Care Home (Leeds)"),
            "sunnyside-care-home-leeds"
        );
        assert_eq!(slug("../../etc"), "etc");
        assert_eq!(slug("Café Ørsted"), "caf-rsted");
        assert_eq!(slug("---"), "");
    }
}
