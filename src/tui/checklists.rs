//! Choosing the checklists of an open assessment: a list of every checklist carecheck knows,
//! ticked where the assessment uses it. Space adds or takes one off; the shell does it (the
//! rules are in `checklist_choice`, shared with the CLI) and hands back the reloaded assessment.

use super::action::Effect;
use super::app::{App, Session};
use super::edit_keys::Edit;
use super::input::Editor;

impl App {
    /// `C`: the checklist chooser.
    pub(crate) fn choose_checklists(&mut self) -> Option<Effect> {
        let s = self.session.as_ref()?;
        if let Some(reason) = &s.read_only {
            self.say(format!("Not changed: read-only ({reason})"), true);
            return None;
        }
        self.editor = Some(Editor::Checklists { selected: 0 });
        None
    }

    /// Whether the open assessment uses checklist `id`.
    pub fn uses_checklist(&self, id: &str) -> bool {
        self.session
            .as_ref()
            .is_some_and(|s| s.checklists.iter().any(|c| c.id == id))
    }

    /// A key (as the editing key map reads it) while the chooser is open.
    pub(crate) fn checklists_key(&mut self, edit: Edit) -> Option<Effect> {
        let Some(Editor::Checklists { selected }) = &mut self.editor else {
            return None;
        };
        let count = self.choices.len();
        match edit {
            Edit::Cancel => self.editor = None,
            Edit::Down => *selected = (*selected + 1).min(count.saturating_sub(1)),
            Edit::Up => *selected = selected.saturating_sub(1),
            Edit::Toggle => {
                let id = self.choices.get(*selected)?.id.clone();
                let add = !self.uses_checklist(&id);
                self.say(if add { "Adding…" } else { "Taking it off…" }, false);
                return Some(Effect::ChangeChecklist { id, add });
            }
            _ => {}
        }
        None
    }

    /// The shell changed the checklists: carry on in the reloaded assessment, on the same item
    /// if it is still there.
    pub(crate) fn checklists_changed(&mut self, outcome: Result<Box<(Session, String)>, String>) {
        match outcome {
            Ok(changed) => {
                let (session, message) = *changed;
                let here = self
                    .session
                    .as_ref()
                    .and_then(|s| s.entries.get(self.cursor))
                    .map(|e| e.key.clone());
                let screen = self.screen;
                let selected = match &self.editor {
                    Some(Editor::Checklists { selected }) => *selected,
                    _ => 0,
                };
                self.open(session);
                self.screen = screen;
                if let Some(index) = here.and_then(|key| self.session.as_ref()?.index_of(&key)) {
                    self.cursor = index;
                }
                self.cursor = self.cursor.min(
                    self.session
                        .as_ref()
                        .map_or(0, |s| s.entries.len().saturating_sub(1)),
                );
                self.saves += 1;
                self.editor = Some(Editor::Checklists { selected });
                self.say(message, false);
            }
            Err(why) => self.say(why, true),
        }
    }
}
