//! The keys of every editor, prompt and form, as one table: the handlers resolve keys through
//! it and the footer and help are drawn from it, so they can never disagree. (Keys typed as
//! text, in the boxes and the note, are whatever the table does not claim.)

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where the keyboard is while something is being typed or chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditContext {
    Note,
    /// A one-line box: a value, reason, name, date, search or jump.
    Line,
    /// "Same answer for linked items?"
    Propagate,
    /// An item's evidence list.
    Evidence,
    /// Which checklists the assessment uses.
    Checklists,
    /// "Discard what you typed?"
    Confirm,
    /// The form that starts an assessment.
    Setup,
    /// The supplier or risk form.
    Record,
    /// A form of the continuity plan builder.
    PlanForm,
}

impl EditContext {
    /// A form of several fields rather than one box of text.
    fn is_form(self) -> bool {
        matches!(
            self,
            EditContext::Setup | EditContext::Record | EditContext::PlanForm
        )
    }
}

pub const ALL_EDIT_CONTEXTS: [EditContext; 9] = [
    EditContext::Note,
    EditContext::Line,
    EditContext::Propagate,
    EditContext::Evidence,
    EditContext::Checklists,
    EditContext::Confirm,
    EditContext::Setup,
    EditContext::Record,
    EditContext::PlanForm,
];

/// What a key asks an editor to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// Save, answer, start or go (Enter in most places; Esc in the note).
    Submit,
    /// Close without saving (asking first when typing would be lost).
    Cancel,
    Up,
    Down,
    /// Tick or untick, add or take off.
    Toggle,
    Remove,
    Replace,
    Recheck,
    Add,
    Yes,
    No,
    /// Complete what is typed (an item ID in the jump box, a path in the evidence box).
    Complete,
    /// Save the whole form from any field.
    Save,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EditKey {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn key(code: KeyCode) -> EditKey {
    EditKey { code, ctrl: false }
}
const fn ch(c: char) -> EditKey {
    key(KeyCode::Char(c))
}
const fn ctrl(c: char) -> EditKey {
    EditKey {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

pub struct EditBinding {
    pub keys: &'static [EditKey],
    pub edit: Edit,
    pub contexts: &'static [EditContext],
    /// A short label for the footer and the help.
    pub label: &'static str,
}

const fn bind(
    keys: &'static [EditKey],
    edit: Edit,
    contexts: &'static [EditContext],
    label: &'static str,
) -> EditBinding {
    EditBinding {
        keys,
        edit,
        contexts,
        label,
    }
}

use EditContext as C;

/// Every editing key, in the order the footer shows them.
pub const EDIT_BINDINGS: &[EditBinding] = &[
    bind(
        &[key(KeyCode::Esc), ctrl('s')],
        Edit::Submit,
        &[C::Note],
        "save and close",
    ),
    bind(&[ctrl('c')], Edit::Cancel, &[C::Note], "cancel"),
    bind(&[key(KeyCode::Enter)], Edit::Submit, &[C::Line], "save"),
    bind(&[key(KeyCode::Esc)], Edit::Cancel, &[C::Line], "cancel"),
    bind(&[key(KeyCode::Tab)], Edit::Complete, &[C::Line], "complete"),
    bind(
        &[key(KeyCode::Down), ch('j')],
        Edit::Down,
        &[C::Propagate, C::Evidence, C::Checklists],
        "down",
    ),
    bind(
        &[key(KeyCode::Up), ch('k')],
        Edit::Up,
        &[C::Propagate, C::Evidence, C::Checklists],
        "up",
    ),
    bind(
        &[key(KeyCode::Tab), key(KeyCode::Down)],
        Edit::Down,
        &[C::Setup, C::PlanForm],
        "next field",
    ),
    bind(
        &[key(KeyCode::Enter)],
        Edit::Submit,
        &[C::Propagate],
        "answer the ticked ones",
    ),
    bind(
        &[ch(' ')],
        Edit::Toggle,
        &[C::Propagate, C::Setup, C::PlanForm],
        "tick or untick",
    ),
    bind(
        &[ch(' '), key(KeyCode::Enter)],
        Edit::Toggle,
        &[C::Checklists],
        "add or take off",
    ),
    bind(
        &[ch('x'), key(KeyCode::Delete)],
        Edit::Remove,
        &[C::Evidence],
        "remove",
    ),
    bind(&[ch('r')], Edit::Replace, &[C::Evidence], "replace"),
    bind(&[ch('c')], Edit::Recheck, &[C::Evidence], "re-check"),
    bind(&[ch('d')], Edit::Add, &[C::Evidence], "add"),
    bind(
        &[key(KeyCode::Enter)],
        Edit::Submit,
        &[C::Setup],
        "next, or start",
    ),
    bind(&[key(KeyCode::Esc)], Edit::Cancel, &[C::Propagate], "skip"),
    bind(
        &[key(KeyCode::Esc)],
        Edit::Cancel,
        &[C::Evidence, C::Checklists],
        "close",
    ),
    bind(&[key(KeyCode::Esc)], Edit::Cancel, &[C::Setup], "back"),
    bind(
        &[key(KeyCode::Enter)],
        Edit::Submit,
        &[C::PlanForm],
        "next, or save",
    ),
    bind(&[ctrl('s')], Edit::Add, &[C::PlanForm], "save"),
    bind(&[key(KeyCode::Esc)], Edit::Cancel, &[C::PlanForm], "cancel"),
    bind(
        &[key(KeyCode::BackTab), key(KeyCode::Up)],
        Edit::Up,
        &[C::Setup, C::PlanForm],
        "previous field",
    ),
    bind(&[ctrl('s')], Edit::Save, &[C::Record], "save"),
    bind(
        &[key(KeyCode::Enter)],
        Edit::Submit,
        &[C::Record],
        "next (saves on the last)",
    ),
    bind(
        &[key(KeyCode::Tab), key(KeyCode::Down)],
        Edit::Down,
        &[C::Record],
        "next field",
    ),
    bind(
        &[key(KeyCode::BackTab), key(KeyCode::Up)],
        Edit::Up,
        &[C::Record],
        "previous field",
    ),
    bind(&[ch(' ')], Edit::Toggle, &[C::Record], "change a choice"),
    bind(&[key(KeyCode::Esc)], Edit::Cancel, &[C::Record], "cancel"),
    bind(&[ch('y'), ch('Y')], Edit::Yes, &[C::Confirm], "discard it"),
    bind(
        &[ch('n'), ch('N'), key(KeyCode::Esc)],
        Edit::No,
        &[C::Confirm],
        "keep typing",
    ),
];

/// What `key` asks for in `context`, if the table claims it.
pub fn resolve(key: KeyEvent, context: EditContext) -> Option<Edit> {
    let pressed = EditKey {
        code: key.code,
        ctrl: key.modifiers.contains(KeyModifiers::CONTROL),
    };
    EDIT_BINDINGS
        .iter()
        .find(|b| b.contexts.contains(&context) && b.keys.contains(&pressed))
        .map(|b| b.edit)
}

/// How an editing key is written in the footer and help.
pub fn describe(key: EditKey) -> String {
    super::keymap::describe(super::keymap::Key {
        code: key.code,
        ctrl: key.ctrl,
    })
}

/// The footer hints for `context` (first key of each binding; the arrows as one hint).
pub fn hints(context: EditContext) -> Vec<(String, &'static str)> {
    let mut hints = Vec::new();
    for b in EDIT_BINDINGS
        .iter()
        .filter(|b| b.contexts.contains(&context))
    {
        match b.edit {
            // On forms, ↑↓ move between fields and say so in their own words.
            Edit::Down if !context.is_form() => hints.push(("↑↓".to_owned(), "move")),
            Edit::Up if !context.is_form() => {}
            _ => hints.push((describe(b.keys[0]), b.label)),
        }
    }
    hints
}

/// Every key of `context` with its label, for the help screen.
pub fn help_rows(context: EditContext) -> Vec<(String, &'static str)> {
    EDIT_BINDINGS
        .iter()
        .filter(|b| b.contexts.contains(&context))
        .map(|b| {
            let keys: Vec<String> = b.keys.iter().map(|k| describe(*k)).collect();
            (keys.join(" / "), b.label)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_means_two_things_in_one_context() {
        for context in ALL_EDIT_CONTEXTS {
            let mut seen = Vec::new();
            for b in EDIT_BINDINGS
                .iter()
                .filter(|b| b.contexts.contains(&context))
            {
                for k in b.keys {
                    assert!(!seen.contains(k), "{context:?}: {k:?} bound twice");
                    seen.push(*k);
                }
            }
        }
    }

    #[test]
    fn every_context_can_be_left() {
        for context in ALL_EDIT_CONTEXTS {
            assert!(
                EDIT_BINDINGS
                    .iter()
                    .any(|b| b.contexts.contains(&context)
                        && matches!(b.edit, Edit::Cancel | Edit::No)),
                "{context:?} has no way out"
            );
        }
    }
}
