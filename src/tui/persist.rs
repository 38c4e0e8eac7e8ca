//! What the TUI keeps between runs, beside an assessment's own files: the item you were on and
//! a note you were part-way through. Both are private to this computer (bundles carry only the
//! snapshot, journal, checklists and evidence) and owner-only, like the rest of the folder.
//! Only the shell calls these.

use std::fs;
use std::io::Read;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::domain::checklist::ItemRef;

const LAST_ITEM: &str = "tui-last-item";
const NOTE_DRAFT: &str = "tui-note-draft.json";
/// Bigger than any note a person types; a larger file is not ours and is ignored.
const MOST: u64 = 1 << 20;

/// A note being written, kept in case the terminal closes before it is saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoteDraft {
    pub item: ItemRef,
    pub text: String,
}

fn read_small(path: &Path) -> Option<String> {
    let file = fs::File::open(path).ok()?;
    let mut text = String::new();
    file.take(MOST).read_to_string(&mut text).ok()?;
    Some(text)
}

/// The item last shown for the assessment in `dir`, if one was kept and still reads.
pub fn last_item(dir: &Path) -> Option<ItemRef> {
    ItemRef::parse(read_small(&dir.join(LAST_ITEM))?.trim()).ok()
}

pub fn keep_last_item(dir: &Path, item: &ItemRef) -> std::io::Result<()> {
    write_quick(&dir.join(LAST_ITEM), item.to_string().as_bytes())
}

/// The note draft left in `dir`, if any (an unreadable one is ignored, not fatal).
pub fn note_draft(dir: &Path) -> Option<NoteDraft> {
    serde_json::from_str(&read_small(&dir.join(NOTE_DRAFT))?).ok()
}

/// Written on every key typed into a note, so it must be quick (see [`write_quick`]).
pub fn keep_note_draft(dir: &Path, draft: &NoteDraft) -> std::io::Result<()> {
    let json = serde_json::to_vec(draft).map_err(std::io::Error::other)?;
    write_quick(&dir.join(NOTE_DRAFT), &json)
}

/// Replaces a small file whole through a temporary file (never half-written), owner-only, but
/// without forcing it to disk as answers are: these are conveniences written on every key or
/// step, and a power cut costs at most the last few words of an unsaved note.
fn write_quick(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let temp = path.with_file_name(format!(".{name}.tmp"));
    let mut file = crate::store::fsutil::open_read_write(&temp)?;
    file.set_len(0)?;
    file.write_all(bytes)?;
    drop(file);
    fs::rename(&temp, path)
}

pub fn forget_note_draft(dir: &Path) -> std::io::Result<()> {
    match fs::remove_file(dir.join(NOTE_DRAFT)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_item_and_draft_round_trip_and_bad_files_are_ignored() {
        let dir = tempfile::tempdir().expect("temp");
        assert_eq!(last_item(dir.path()), None);
        let item = ItemRef::new("dspt-social-care", "1.1.2");
        keep_last_item(dir.path(), &item).expect("write");
        assert_eq!(last_item(dir.path()), Some(item.clone()));
        let draft = NoteDraft {
            item,
            text: "half a thought".into(),
        };
        keep_note_draft(dir.path(), &draft).expect("write");
        assert_eq!(note_draft(dir.path()), Some(draft));
        forget_note_draft(dir.path()).expect("remove");
        forget_note_draft(dir.path()).expect("removing twice is fine");
        assert_eq!(note_draft(dir.path()), None);
        fs::write(dir.path().join(NOTE_DRAFT), "{not json").expect("write");
        assert_eq!(note_draft(dir.path()), None);
        fs::write(dir.path().join(LAST_ITEM), "no colon here").expect("write");
        assert_eq!(last_item(dir.path()), None);
    }
}

/// Where to pick up an assessment, as the shell kept it.
#[derive(Debug, Clone, Default)]
pub struct Resume {
    pub item: Option<crate::domain::checklist::ItemRef>,
    pub draft: Option<NoteDraft>,
}
