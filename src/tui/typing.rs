//! Keys typed into the note editor, a one-line input or the setup form, and pasted text.

use ratatui::crossterm::event::KeyEvent;

use super::action::Effect;
use super::app::{App, Screen};
use super::input::{Confirm, Edit, Editor};
use super::persist::NoteDraft;

impl App {
    /// A key typed into the editor or the setup form.
    pub(crate) fn typed(&mut self, key: KeyEvent) -> Option<Effect> {
        if let Some(confirm) = self.confirm {
            return self.confirm_key(confirm, key);
        }
        if self.editor.is_some() {
            return self.editor_key(key);
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
            None if self.screen == Screen::Setup => {
                if let Some(field) = self.setup.fields.get_mut(self.setup.focus) {
                    field.insert_str(text);
                }
            }
            None => {}
        }
        None
    }

    pub(crate) fn setup_key(&mut self, key: KeyEvent) -> Option<Effect> {
        use ratatui::crossterm::event::KeyCode;
        let form = &mut self.setup;
        form.error = None;
        match key.code {
            KeyCode::Tab | KeyCode::Down => form.move_focus(true),
            KeyCode::BackTab | KeyCode::Up => form.move_focus(false),
            KeyCode::Esc if form.has_typing() => self.confirm = Some(Confirm::DiscardSetup),
            KeyCode::Esc => return self.back(),
            KeyCode::Char(' ') if form.focus >= 3 && form.focus < form.start_button() => {
                let tick = &mut form.chosen[form.focus - 3];
                *tick = !*tick;
            }
            KeyCode::Enter if form.focus < form.start_button() => form.move_focus(true),
            KeyCode::Enter => return self.submit_setup(),
            _ => {
                if let Some(field) = form.fields.get_mut(form.focus) {
                    field.key(key);
                }
            }
        }
        None
    }

    pub(crate) fn submit_setup(&mut self) -> Option<Effect> {
        let form = &mut self.setup;
        let [org, site, assessor] = form.fields.clone().map(|f| f.text().trim().to_owned());
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
        use ratatui::crossterm::event::{KeyCode, KeyModifiers};
        if let Some(Editor::Propagate {
            offers, selected, ..
        }) = self.editor.as_mut()
        {
            match key.code {
                KeyCode::Enter => return self.accept_offers(),
                KeyCode::Esc => return self.close_offers(),
                KeyCode::Down | KeyCode::Char('j') => {
                    *selected = (*selected + 1).min(offers.len().saturating_sub(1))
                }
                KeyCode::Up | KeyCode::Char('k') => *selected = selected.saturating_sub(1),
                KeyCode::Char(' ') => {
                    if let Some(offer) = offers.get_mut(*selected) {
                        offer.ticked = !offer.ticked;
                    }
                }
                _ => {}
            }
            return None;
        }
        if matches!(self.editor, Some(Editor::Evidence { .. })) {
            return self.evidence_key(key);
        }
        if matches!(self.editor, Some(Editor::Checklists { .. })) {
            return self.checklists_key(key);
        }
        match self.editor.as_mut()? {
            Editor::Note { area, item, .. } => {
                let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
                if key.code == KeyCode::Esc || (ctrl && key.code == KeyCode::Char('s')) {
                    return self.commit_note();
                }
                if ctrl && key.code == KeyCode::Char('c') {
                    return self.cancel_editor();
                }
                // Every change to the text is kept on disk by the shell until it is saved.
                area.input(key).then(|| {
                    Effect::KeepDraft(NoteDraft {
                        item: item.clone(),
                        text: area.lines().join("\n"),
                    })
                })
            }
            Editor::Line { input, error, .. } => match input.key(key) {
                Edit::Submit => self.submit_line(),
                Edit::Cancel => self.cancel_editor(),
                Edit::Changed => {
                    *error = None;
                    None
                }
                Edit::Ignored => None,
            },
            // Handled above, before the match.
            Editor::Propagate { .. } | Editor::Evidence { .. } | Editor::Checklists { .. } => None,
        }
    }
}

impl App {
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
        use ratatui::crossterm::event::KeyCode;
        match key.code {
            KeyCode::Char('y' | 'Y') => {
                self.confirm = None;
                match confirm {
                    Confirm::DiscardEditor => self.close_editor_unsaved(),
                    Confirm::DiscardSetup => {
                        let chosen = self.setup.chosen.clone();
                        self.setup = super::input::SetupForm::new(chosen);
                        self.back()
                    }
                }
            }
            KeyCode::Char('n' | 'N') | KeyCode::Esc => {
                self.confirm = None;
                None
            }
            _ => None,
        }
    }
}
