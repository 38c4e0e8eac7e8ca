//! Correcting an item's evidence: the list of entries with what a re-check found, removing or
//! replacing an entry, and asking the shell to re-read the files (the only part that is I/O).

use super::action::Effect;
use super::app::{App, Pending, Screen};
use super::edit_keys::Edit;
use super::input::{Editor, Purpose};
use crate::domain::answering::Change;
use crate::domain::assessment::{Evidence, EvidenceSource};
use crate::domain::checklist::ItemRef;
use crate::domain::date::Date;
use crate::evidence::FileCheck;

/// What the user should know about one evidence entry: how it stands now, and whether that is a
/// problem (changed, missing, unreadable or overdue for review).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryState {
    pub words: String,
    pub problem: bool,
}

/// How an entry stands: the last re-check (if any) and its review date against `today`.
pub fn entry_state(evidence: &Evidence, check: Option<&FileCheck>, today: Date) -> EntryState {
    let mut words = Vec::new();
    let mut problem = false;
    match (&evidence.source, check) {
        (EvidenceSource::Document { .. }, _) => words.push("a named document".to_owned()),
        (EvidenceSource::File { .. }, None) => words.push("not re-checked yet (c)".to_owned()),
        (EvidenceSource::File { .. }, Some(FileCheck::Changed { .. })) => {
            problem = true;
            words.push("✗ changed since it was recorded".to_owned());
        }
        (EvidenceSource::File { .. }, Some(FileCheck::Missing)) => {
            problem = true;
            words.push("✗ missing".to_owned());
        }
        (EvidenceSource::File { .. }, Some(FileCheck::Unreadable { reason })) => {
            problem = true;
            words.push(format!("✗ cannot be read: {reason}"));
        }
        (EvidenceSource::File { .. }, Some(check)) => words.push(format!("✓ {}", check.describe())),
    }
    if let Some(review) = evidence.review_by {
        if review < today {
            problem = true;
            words.push(format!("review overdue since {}", review.uk()));
        } else {
            words.push(format!("review by {}", review.uk()));
        }
    }
    EntryState {
        words: words.join(" · "),
        problem,
    }
}

/// The last part of a path (or a document's name), for a short list.
pub fn short_name(source: &EvidenceSource) -> &str {
    match source {
        EvidenceSource::File { path, .. } => path.rsplit(['/', '\\']).next().unwrap_or(path),
        EvidenceSource::Document { name } => name,
    }
}

impl App {
    /// Entry `at` is going: the other entries keep what their last re-check found.
    pub(crate) fn forget_check(&mut self, item: &ItemRef, at: usize) {
        if let Some(checks) = self.evidence_checks.get_mut(item)
            && at < checks.len()
        {
            checks.remove(at);
        }
    }

    /// The current item's key and its own evidence.
    fn own_evidence(&self) -> Option<(ItemRef, Vec<Evidence>)> {
        let s = self.session.as_ref()?;
        let key = s.entries.get(self.cursor)?.key.clone();
        let evidence = s.own_answer(&key).evidence;
        Some((key, evidence))
    }

    /// `D`: the evidence list, with a re-check of its files.
    pub(crate) fn manage_evidence(&mut self) -> Option<Effect> {
        if self.screen != Screen::Item {
            return None;
        }
        let (item, evidence) = self.own_evidence()?;
        if evidence.is_empty() {
            self.say(
                "This item has no evidence of its own yet. Press d to add some.",
                false,
            );
            return None;
        }
        self.editor = Some(Editor::Evidence { item, selected: 0 });
        self.recheck_evidence()
    }

    /// `c`: re-read the current item's evidence files (the shell does the reading).
    pub(crate) fn recheck_evidence(&mut self) -> Option<Effect> {
        if self.screen != Screen::Item {
            return None;
        }
        let (item, evidence) = self.own_evidence()?;
        if !evidence
            .iter()
            .any(|e| matches!(e.source, EvidenceSource::File { .. }))
        {
            self.say(
                "No evidence files to re-check here (named documents cannot be).",
                false,
            );
            return None;
        }
        Some(Effect::RecheckEvidence {
            item,
            sources: evidence.into_iter().map(|e| e.source).collect(),
        })
    }

    /// The shell re-read the files: keep what it found and say it in a sentence.
    pub(crate) fn evidence_checked(&mut self, item: ItemRef, checks: Vec<FileCheck>) {
        let files = checks
            .iter()
            .filter(|c| !matches!(c, FileCheck::NotAFile))
            .count();
        let problems = checks.iter().filter(|c| c.is_problem()).count();
        let text = if problems == 0 {
            format!(
                "Re-checked {}: all unchanged.",
                crate::text::count(files, "evidence file", "evidence files")
            )
        } else {
            let count = |f: fn(&FileCheck) -> bool| checks.iter().filter(|c| f(c)).count();
            let found = [
                (count(|c| matches!(c, FileCheck::Changed { .. })), "changed"),
                (count(|c| matches!(c, FileCheck::Missing)), "missing"),
                (
                    count(|c| matches!(c, FileCheck::Unreadable { .. })),
                    "cannot be read",
                ),
            ]
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, what)| format!("{n} {what}"))
            .collect::<Vec<_>>()
            .join(", ");
            format!(
                "Re-checked {}: {found} (marked ✗). Replace or remove it with D.",
                crate::text::count(files, "evidence file", "evidence files"),
            )
        };
        self.say(text, problems > 0);
        self.evidence_checks.insert(item, checks);
    }

    /// A key (as the editing key map reads it) while the evidence list is open.
    pub(crate) fn evidence_key(&mut self, edit: Edit) -> Option<Effect> {
        let Some(Editor::Evidence { item, selected }) = &mut self.editor else {
            return None;
        };
        let (item, at) = (item.clone(), *selected);
        let count = self
            .session
            .as_ref()
            .map_or(0, |s| s.own_answer(&item).evidence.len());
        match edit {
            Edit::Cancel => self.editor = None,
            Edit::Down => *selected = (at + 1).min(count.saturating_sub(1)),
            Edit::Up => *selected = at.saturating_sub(1),
            Edit::Remove => return self.remove_evidence(&item, at),
            Edit::Replace => {
                let old = self
                    .session
                    .as_ref()
                    .and_then(|s| s.own_answer(&item).evidence.get(at).cloned());
                if let Some(old) = old {
                    self.editor = Some(Editor::line(
                        Purpose::Evidence { replace: Some(at) },
                        old.source.describe(),
                    ));
                }
            }
            Edit::Add => {
                self.editor = Some(Editor::line(Purpose::Evidence { replace: None }, ""));
            }
            Edit::Recheck => return self.recheck_evidence(),
            Edit::Submit | Edit::Toggle | Edit::Yes | Edit::No | Edit::Complete | Edit::Save => {}
        }
        None
    }

    /// Removes entry `at` (undo puts it back); the list stays open while entries remain.
    fn remove_evidence(&mut self, item: &ItemRef, at: usize) -> Option<Effect> {
        let name = self
            .session
            .as_ref()
            .and_then(|s| s.own_answer(item).evidence.get(at).cloned())
            .map(|e| short_name(&e.source).to_owned())?;
        self.forget_check(item, at);
        self.say(
            format!("Removed the evidence \"{name}\". Press u to undo."),
            false,
        );
        let effect = self.change(Pending::default(), vec![Change::RemoveEvidence(at)]);
        let left = self
            .session
            .as_ref()
            .map_or(0, |s| s.own_answer(item).evidence.len());
        // `change` only returns the save; the list is tidied when the save is reported.
        if let Some(Editor::Evidence { selected, .. }) = &mut self.editor {
            *selected = at.min(left.saturating_sub(2));
        }
        effect
    }
}
