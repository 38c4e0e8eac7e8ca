//! Keys typed into the note editor, a one-line input or the setup form, and pasted text.

use ratatui::crossterm::event::KeyEvent;

use super::action::Effect;
use super::app::{App, Screen};
use super::edit_keys::{self, Edit, EditContext};
use super::input::{Confirm, Editor};
use super::persist::NoteDraft;

impl App {
    /// A key typed into the editor or the setup form.
    pub(crate) fn typed(&mut self, key: KeyEvent) -> Option<Effect> {
        if let Some(confirm) = self.confirm {
            return self.confirm_key(confirm, key);
        }
        if self.renew_ask.is_some() {
            return self.renew_key(key);
        }
        if self.editor.is_some() {
            return self.editor_key(key);
        }
        if self.form.is_some() {
            return self.form_key(key);
        }
        if self.registers.form.is_some() {
            return self.register_form_key(key);
        }
        if self.screen == Screen::Plan && self.plan.form.is_some() {
            return self.plan_form_key(key);
        }
        if self.screen == Screen::Setup {
            return self.setup_key(key);
        }
        None
    }

    pub(crate) fn paste(&mut self, text: &str) -> Option<Effect> {
        match &mut self.editor {
            Some(Editor::Note { area, item, .. }) => {
                area.insert_str(crate::text::multi_line(text));
                return Some(Effect::KeepDraft(NoteDraft {
                    item: item.clone(),
                    text: area.lines().join("\n"),
                }));
            }
            Some(Editor::Line { input, .. }) => input.insert_str(text),
            Some(
                Editor::Propagate { .. } | Editor::Evidence { .. } | Editor::Checklists { .. },
            ) => {}
            None if self.form.is_some() => self.form_paste(text),
            None if self.registers.form.is_some() => self.register_form_paste(text),
            None if self.screen == Screen::Plan => self.plan_form_paste(text),
            None if self.screen == Screen::Setup => self.setup.paste(text),
            None => {}
        }
        None
    }

    pub(crate) fn setup_key(&mut self, key: KeyEvent) -> Option<Effect> {
        let form = &mut self.setup;
        form.error = None;
        let on_checklist = form.focus >= 3 && form.focus < form.start_button();
        match edit_keys::resolve(key, EditContext::Setup) {
            Some(Edit::Down) => form.move_focus(true),
            Some(Edit::Up) => form.move_focus(false),
            Some(Edit::Cancel) if form.has_typing() => self.confirm = Some(Confirm::DiscardSetup),
            Some(Edit::Cancel) => return self.back(),
            Some(Edit::Toggle) if on_checklist => {
                let tick = &mut form.chosen[form.focus - 3];
                *tick = !*tick;
            }
            Some(Edit::Submit) if form.focus < form.start_button() => form.move_focus(true),
            Some(Edit::Submit) => return self.submit_setup(),
            // Anything else (a space in a name, say) is typing.
            _ => form.type_key(key),
        }
        None
    }

    pub(crate) fn submit_setup(&mut self) -> Option<Effect> {
        let form = &mut self.setup;
        let [org, site, assessor] = [0, 1, 2].map(|i| form.field(i).trim().to_owned());
        if org.is_empty() {
            form.error = Some("Type the organisation's name first.".into());
            form.focus = 0;
            return None;
        }
        let checklists: Vec<String> = self
            .choices
            .iter()
            .zip(&form.chosen)
            .filter(|(_, on)| **on)
            .map(|(c, _)| c.id.clone())
            .collect();
        if checklists.is_empty() {
            form.error = Some("Tick at least one checklist with Space.".into());
            form.focus = 3;
            return None;
        }
        let non_empty = |s: String| (!s.is_empty()).then_some(s);
        let details = crate::domain::assessment::Details {
            organisation: org,
            site: non_empty(site),
            assessor: non_empty(assessor),
            ..Default::default()
        };
        Some(Effect::Create {
            details,
            checklists,
        })
    }

    pub(crate) fn editor_key(&mut self, key: KeyEvent) -> Option<Effect> {
        let context = self.editor.as_ref().map(Editor::context)?;
        let edit = edit_keys::resolve(key, context);
        match context {
            EditContext::Propagate => return self.propagate_key(edit),
            EditContext::Evidence => return self.evidence_key(edit?),
            EditContext::Checklists => return self.checklists_key(edit?),
            _ => {}
        }
        match (edit, self.editor.as_mut()?) {
            (Some(Edit::Submit), Editor::Note { .. }) => self.commit_note(),
            (Some(Edit::Submit), Editor::Line { .. }) => self.submit_line(),
            (Some(Edit::Cancel), _) => self.cancel_editor(),
            (
                Some(Edit::Complete),
                Editor::Line {
                    purpose: super::input::Purpose::Evidence { .. },
                    input,
                    ..
                },
            ) => Some(Effect::CompletePath {
                typed: input.text(),
            }),
            (Some(Edit::Complete), _) => {
                self.complete_jump();
                None
            }
            (_, Editor::Note { area, item, .. }) => {
                // Every change to the text is kept on disk by the shell until it is saved.
                area.input(key).then(|| {
                    Effect::KeepDraft(NoteDraft {
                        item: item.clone(),
                        text: area.lines().join("\n"),
                    })
                })
            }
            (_, Editor::Line { input, error, .. }) => {
                if input.key(key) == super::input::Typed::Changed {
                    *error = None;
                }
                None
            }
            _ => None,
        }
    }

    /// A key in the "same answer for linked items?" prompt.
    fn propagate_key(&mut self, edit: Option<Edit>) -> Option<Effect> {
        let Some(Editor::Propagate {
            offers, selected, ..
        }) = self.editor.as_mut()
        else {
            return None;
        };
        match edit? {
            Edit::Submit => return self.accept_offers(),
            Edit::Cancel => return self.close_offers(),
            Edit::Down => *selected = (*selected + 1).min(offers.len().saturating_sub(1)),
            Edit::Up => *selected = selected.saturating_sub(1),
            Edit::Toggle => {
                if let Some(offer) = offers.get_mut(*selected) {
                    offer.ticked = !offer.ticked;
                }
            }
            _ => {}
        }
        None
    }
}

impl App {
    /// The shell found how a typed path goes on: fill it in if the box still holds what was
    /// typed, and name the choices when there are several.
    pub(crate) fn path_completed(&mut self, typed: &str, completed: &str, choices: &[String]) {
        let Some(Editor::Line {
            purpose: super::input::Purpose::Evidence { .. },
            input,
            error,
            ..
        }) = &mut self.editor
        else {
            return;
        };
        if input.text() != typed {
            return;
        }
        *input = super::input::LineInput::with(completed);
        *error = match choices.len() {
            0 | 1 => None,
            n => Some(format!(
                "{n} matches: {}",
                choices
                    .iter()
                    .take(6)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join("  ")
            )),
        };
    }

    /// Tab in the jump box: the typed start of an ID grows to what every match shares (the
    /// whole ID when only one matches).
    fn complete_jump(&mut self) {
        let Some(s) = &self.session else { return };
        let Some(Editor::Line {
            purpose: super::input::Purpose::Jump,
            input,
            ..
        }) = &self.editor
        else {
            return;
        };
        let matches = s.ids_starting(&input.text());
        let Some(first) = matches.first() else { return };
        let shared: String = first
            .chars()
            .enumerate()
            .take_while(|(i, c)| matches.iter().all(|m| m.chars().nth(*i) == Some(*c)))
            .map(|(_, c)| c)
            .collect();
        if shared.chars().count() > input.text().trim().chars().count()
            && let Some(Editor::Line { input, .. }) = &mut self.editor
        {
            *input = super::input::LineInput::with(&shared);
        }
    }

    /// Closes the editor without saving, asking first when something typed would be lost.
    fn cancel_editor(&mut self) -> Option<Effect> {
        if self.editor.as_ref().is_some_and(Editor::has_unsaved_typing) {
            self.confirm = Some(Confirm::DiscardEditor);
            return None;
        }
        self.close_editor_unsaved()
    }

    fn close_editor_unsaved(&mut self) -> Option<Effect> {
        let was_note = matches!(self.editor, Some(Editor::Note { .. }));
        self.editor = None;
        was_note.then_some(Effect::ForgetDraft)
    }

    /// y discards what was typed; n (or Esc) goes back to it.
    fn confirm_key(&mut self, confirm: Confirm, key: KeyEvent) -> Option<Effect> {
        match edit_keys::resolve(key, EditContext::Confirm)? {
            Edit::Yes => {
                self.confirm = None;
                match confirm {
                    Confirm::DiscardEditor => self.close_editor_unsaved(),
                    Confirm::DiscardRecord => {
                        self.registers.form = None;
                        None
                    }
                    Confirm::DiscardForm => {
                        self.form = None;
                        None
                    }
                    Confirm::DiscardSetup => {
                        let chosen = self.setup.chosen.clone();
                        self.setup = super::setup_form::SetupForm::new(chosen)
                            .with_assessor(self.default_assessor.as_deref());
                        self.back()
                    }
                }
            }
            Edit::No => {
                self.confirm = None;
                None
            }
            _ => None,
        }
    }
}
