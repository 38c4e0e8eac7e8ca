//! The form that starts an assessment: who it is for, then which checklists.

use ratatui::crossterm::event::KeyEvent;

/// The form that starts an assessment: three text fields (the form engine's), then a tick box
/// per checklist, then the Start button.
#[derive(Debug, Clone)]
pub struct SetupForm {
    /// Organisation, site, assessor.
    pub text: crate::tui::form::Form,
    /// One per available checklist, in the library's order.
    pub chosen: Vec<bool>,
    /// 0..=2 the fields, then the checklists, then the Start button.
    pub focus: usize,
    pub error: Option<String>,
}

pub const SETUP_LABELS: [&str; 3] = ["Organisation", "Site (optional)", "Your name (optional)"];

impl SetupForm {
    pub fn new(chosen: Vec<bool>) -> SetupForm {
        SetupForm::filled(chosen, "")
    }

    fn filled(chosen: Vec<bool>, assessor: &str) -> SetupForm {
        use crate::tui::form::{FieldKind, Form, field};
        let values = ["", "", assessor];
        SetupForm {
            text: Form::new(
                SETUP_LABELS
                    .iter()
                    .zip(values)
                    .map(|(label, value)| field(*label, FieldKind::Text, value))
                    .collect(),
            ),
            chosen,
            focus: 0,
            error: None,
        }
    }

    /// The form with the assessor's name filled in from the settings (`carecheck config`): a
    /// prefilled name left as it was is not typing, so closing the form loses nothing.
    pub fn with_assessor(self, assessor: Option<&str>) -> SetupForm {
        match assessor.map(str::trim).filter(|n| !n.is_empty()) {
            Some(name) => SetupForm::filled(self.chosen, name),
            None => self,
        }
    }

    /// Whether anything has been typed into the fields.
    pub fn has_typing(&self) -> bool {
        self.text.has_typing()
    }

    /// The text of field `i` (0 organisation, 1 site, 2 assessor), as typed.
    pub fn field(&self, i: usize) -> String {
        self.text.text(i)
    }

    pub fn start_button(&self) -> usize {
        3 + self.chosen.len()
    }

    pub fn move_focus(&mut self, forward: bool) {
        let count = self.start_button() + 1;
        self.focus = if forward {
            (self.focus + 1) % count
        } else {
            (self.focus + count - 1) % count
        };
    }

    /// A key typed into the focused text field (the form engine types it).
    pub fn type_key(&mut self, key: KeyEvent) {
        if self.focus < 3 {
            self.text.focus = self.focus;
            self.text.key(key, None);
        }
    }

    /// Pasted text, into the focused text field.
    pub fn paste(&mut self, pasted: &str) {
        if self.focus < 3 {
            self.text.focus = self.focus;
            self.text.paste(pasted);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_focus_wraps_both_ways() {
        let mut form = SetupForm::new(vec![true, false]);
        assert_eq!(form.start_button(), 5);
        form.move_focus(false);
        assert_eq!(form.focus, 5);
        form.move_focus(true);
        assert_eq!(form.focus, 0);
    }
}
