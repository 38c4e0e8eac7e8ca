//! A site's view of its head office kept current: when the head office's files change (its
//! answers given in another window), they are read again and the site's inherited answers
//! redrawn, at the next key (so on opening any screen). Without it a site showed the head
//! office as it was when the site was opened.

use std::path::Path;
use std::time::SystemTime;

use super::Shell;
use super::app::App;
use crate::workspace::{Effective, head_office_of};

/// The files a change to an assessment touches: the journal is appended first, the
/// assessment file rewritten after.
const WRITTEN: [&str; 2] = ["journal.jsonl", "assessment.json"];

/// When the files in `dir` last changed, if they can be read.
fn stamp_of(dir: &Path) -> Option<SystemTime> {
    WRITTEN
        .iter()
        .filter_map(|name| {
            std::fs::metadata(dir.join(name))
                .and_then(|m| m.modified())
                .ok()
        })
        .max()
}

impl Shell {
    /// When the open site's head office last changed; `None` for an assessment that is not a
    /// site.
    pub(super) fn head_stamp(&self) -> Option<SystemTime> {
        let head = self
            .loaded
            .as_ref()?
            .assessment()
            .details
            .inherits_from
            .as_ref()?;
        stamp_of(&self.workspace.store.dir_of(head).ok()?)
    }

    /// Reads the head office again when it changed since it was read, and shows the site's
    /// inherited answers as they are now.
    pub(super) fn refresh_head(&mut self, app: &mut App) {
        let stamp = self.head_stamp();
        if stamp == self.head_seen {
            return;
        }
        self.head_seen = stamp;
        let Some(loaded) = &mut self.loaded else {
            return;
        };
        match head_office_of(&self.workspace.store, loaded.assessment()) {
            Ok(head) => {
                loaded.head = head;
                loaded.effective = Effective::merge(&loaded.open.assessment, loaded.head.as_ref());
                if let (Some(session), Some(head)) = (&mut app.session, &loaded.head) {
                    session.set_head_office(head.clone());
                    app.say(
                        "The head office's answers changed in another window: shown here as they are now.",
                        false,
                    );
                }
            }
            Err(e) => app.say(
                format!("The head office could not be read again: {e}"),
                true,
            ),
        }
    }
}
