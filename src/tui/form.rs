//! The one form engine: a form is a list of fields declared as data (a label, a kind of value,
//! the text typed so far), with the focus, the hint under the focused field, pasting, and the
//! dirty check that decides whether closing it must ask first. The register forms, the plan
//! builder's forms, the gap's action form and the profile form are all this; what each form
//! saves, and when, belongs to its screen.

use std::borrow::Cow;

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::edit_keys::Edit;
use super::input::{LineInput, Typed};
use crate::domain::date::DATE_HINT;

/// What kind of value a form field takes, which decides the keys it answers to and its hint:
/// the domain's field kinds, so a record's field table and its form never describe a value
/// twice.
pub use crate::domain::fields::Input as FieldKind;

/// What the form says under a field while it has the focus.
pub fn hint(kind: FieldKind) -> String {
    match kind {
        FieldKind::Text => "Type; empty for none.".to_owned(),
        FieldKind::Services => {
            "Commas between: care records, eMAR, rostering, IT support, email, phones, CCTV, payroll, other".to_owned()
        }
        FieldKind::Choice(values) => format!("Space changes it: {}", values.join(" / ")),
        FieldKind::Date => format!("{DATE_HINT}, e.g. 15/09/2026; empty for none"),
        FieldKind::Agreement => {
            format!("Its date ({DATE_HINT}), or yes, or no; empty if not known")
        }
        FieldKind::Hours => "A whole number of hours, e.g. 24; empty if not promised".to_owned(),
        FieldKind::Score => "Press 1 to 5 (1 lowest, 5 highest)".to_owned(),
        FieldKind::Items => {
            "The checklist items that protect against it, commas between, e.g. 7.2.1, 8.3.1; their answers set how well it is mitigated".to_owned()
        }
        FieldKind::Suppliers => {
            "Suppliers in your register whose controls protect against it, commas between".to_owned()
        }
        FieldKind::Identifier(shape) => format!("{shape}; empty for none"),
    }
}

/// Whether typed text goes into the field (a choice or a score is set by keys instead).
fn takes_text(kind: FieldKind) -> bool {
    !matches!(kind, FieldKind::Choice(_) | FieldKind::Score)
}

/// One field of a form.
#[derive(Debug, Clone)]
pub struct FormField {
    pub label: Cow<'static, str>,
    pub kind: FieldKind,
    pub input: LineInput,
}

/// A field labelled `label` holding `value`.
pub fn field(label: impl Into<Cow<'static, str>>, kind: FieldKind, value: &str) -> FormField {
    FormField {
        label: label.into(),
        kind,
        input: LineInput::with(value),
    }
}

/// What a key did to a form, for its screen to act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKey {
    /// Save the form now.
    Save,
    /// Close it; `typed` says whether something typed would be lost (the screen asks first).
    Cancel { typed: bool },
    /// The form took the key (focus moved, text typed) or ignored it.
    Handled,
}

/// A form: its fields, which has the focus, why the last save was refused, and what the fields
/// held when it opened (for the dirty check).
#[derive(Debug, Clone)]
pub struct Form {
    pub fields: Vec<FormField>,
    pub focus: usize,
    pub error: Option<String>,
    initial: Vec<String>,
}

impl Form {
    pub fn new(fields: Vec<FormField>) -> Form {
        let initial = fields.iter().map(|f| f.input.text()).collect();
        Form {
            fields,
            focus: 0,
            error: None,
            initial,
        }
    }

    /// The form with the focus on field `focus` (the first one worth typing into).
    pub fn focused(mut self, focus: usize) -> Form {
        self.focus = focus.min(self.fields.len().saturating_sub(1));
        self
    }

    /// Whether anything typed would be lost by closing the form.
    pub fn has_typing(&self) -> bool {
        self.fields
            .iter()
            .zip(&self.initial)
            .any(|(f, i)| f.input.text() != *i)
    }

    /// The text in the field labelled `label`, trimmed.
    pub fn value(&self, label: &str) -> String {
        self.fields
            .iter()
            .find(|f| f.label == label)
            .map(|f| f.input.text().trim().to_owned())
            .unwrap_or_default()
    }

    /// The text of the field at `index`, as typed.
    pub fn text(&self, index: usize) -> String {
        self.fields
            .get(index)
            .map(|f| f.input.text())
            .unwrap_or_default()
    }

    /// The hint for the focused field, or the reason the last save was refused.
    pub fn note(&self) -> (String, bool) {
        match &self.error {
            Some(e) => (e.clone(), true),
            None => (
                self.fields
                    .get(self.focus)
                    .map(|f| hint(f.kind))
                    .unwrap_or_default(),
                false,
            ),
        }
    }

    /// Puts the focus on the field labelled `label`, saying why its value was refused.
    pub fn focus_on(&mut self, label: &str, error: String) {
        if let Some(at) = self.fields.iter().position(|f| f.label == label) {
            self.focus = at;
        }
        self.error = Some(error);
    }

    /// Moves the focus to the next or previous field, round from the last to the first.
    pub fn move_focus(&mut self, forward: bool) {
        let n = self.fields.len().max(1);
        self.focus = if forward {
            (self.focus + 1) % n
        } else {
            (self.focus + n - 1) % n
        };
    }

    fn set(&mut self, value: &str) {
        if let Some(f) = self.fields.get_mut(self.focus) {
            f.input = LineInput::with(value);
            self.error = None;
        }
    }

    /// A key, already resolved through the form's key table to `edit` where it is one of its
    /// keys: moves, sets a choice or a score, or types; Enter on the last field saves.
    pub fn key(&mut self, key: KeyEvent, edit: Option<Edit>) -> FormKey {
        let Some(kind) = self.fields.get(self.focus).map(|f| f.kind) else {
            return FormKey::Handled;
        };
        match (edit, kind) {
            (Some(Edit::Save), _) => return FormKey::Save,
            (Some(Edit::Submit), _) if self.focus + 1 == self.fields.len() => {
                return FormKey::Save;
            }
            (Some(Edit::Submit | Edit::Down), _) => self.move_focus(true),
            (Some(Edit::Up), _) => self.move_focus(false),
            (Some(Edit::Cancel), _) => {
                return FormKey::Cancel {
                    typed: self.has_typing(),
                };
            }
            (Some(Edit::Toggle), FieldKind::Choice(values)) => {
                let now = self.text(self.focus);
                let at = values.iter().position(|v| *v == now).unwrap_or(0);
                self.set(values[(at + 1) % values.len()]);
            }
            (Some(Edit::Toggle), FieldKind::Score) => {
                let next = self.text(self.focus).parse::<u8>().map_or(1, |n| n % 5 + 1);
                self.set(&next.to_string());
            }
            (_, FieldKind::Score) => {
                // A single digit sets the score and moves on.
                if let KeyCode::Char(c @ '1'..='5') = key.code {
                    self.set(&c.to_string());
                    self.move_focus(true);
                }
            }
            (_, FieldKind::Choice(values)) => {
                // y and n answer a yes/no field; other typing cannot make a value it lacks.
                if let KeyCode::Char(c) = key.code {
                    let typed = c.to_ascii_lowercase();
                    if let Some(v) = values
                        .iter()
                        .find(|v| v.to_lowercase().starts_with(typed) && **v != "not recorded")
                    {
                        self.set(v);
                    }
                }
            }
            _ => {
                if let Some(f) = self.fields.get_mut(self.focus)
                    && f.input.key(key) == Typed::Changed
                {
                    self.error = None;
                }
            }
        }
        FormKey::Handled
    }

    /// Pasted text goes into the focused field when it takes text.
    pub fn paste(&mut self, text: &str) {
        if let Some(f) = self.fields.get_mut(self.focus)
            && takes_text(f.kind)
        {
            f.input.insert_str(text);
            self.error = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyModifiers;

    fn press(form: &mut Form, code: KeyCode, edit: Option<Edit>) -> FormKey {
        form.key(KeyEvent::new(code, KeyModifiers::NONE), edit)
    }

    const YES_NO: &[&str] = &["no", "yes"];

    fn sample() -> Form {
        Form::new(vec![
            field("Name", FieldKind::Text, ""),
            field("Critical", FieldKind::Choice(YES_NO), "no"),
            field("Impact", FieldKind::Score, ""),
        ])
    }

    #[test]
    fn typing_choosing_and_scoring_each_go_to_their_field() {
        let mut form = sample();
        press(&mut form, KeyCode::Char('A'), None);
        assert_eq!(form.value("Name"), "A");
        press(&mut form, KeyCode::Tab, Some(Edit::Down));
        press(&mut form, KeyCode::Char('y'), None);
        assert_eq!(form.value("Critical"), "yes");
        press(&mut form, KeyCode::Char(' '), Some(Edit::Toggle));
        assert_eq!(form.value("Critical"), "no");
        press(&mut form, KeyCode::Tab, Some(Edit::Down));
        press(&mut form, KeyCode::Char('4'), None);
        assert_eq!(form.value("Impact"), "4");
        // The score moved the focus on, round to the first field.
        assert_eq!(form.focus, 0);
    }

    #[test]
    fn enter_on_the_last_field_saves_and_esc_says_whether_typing_would_be_lost() {
        let mut form = sample();
        assert_eq!(
            press(&mut form, KeyCode::Esc, Some(Edit::Cancel)),
            FormKey::Cancel { typed: false }
        );
        form.paste("Care\u{1b}[2J Ltd");
        assert!(!form.value("Name").chars().any(char::is_control));
        assert_eq!(
            press(&mut form, KeyCode::Esc, Some(Edit::Cancel)),
            FormKey::Cancel { typed: true }
        );
        form.focus = 2;
        // A score takes no pasted text.
        form.paste("9");
        assert_eq!(form.value("Impact"), "");
        assert_eq!(
            press(&mut form, KeyCode::Enter, Some(Edit::Submit)),
            FormKey::Save
        );
    }
}
