//! Text entry: a one-line input for values, dates, names and searches; the multi-line note
//! editor; and the form that starts a new assessment.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

use crate::domain::answering::Offer;
use crate::domain::assessment::Status;
use crate::domain::checklist::ItemRef;
use crate::text;

/// A one-line text input with a cursor.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    chars: Vec<char>,
    cursor: usize,
}

/// What a key did to an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typed {
    Changed,
    Submit,
    Cancel,
    Ignored,
}

impl LineInput {
    pub fn with(text: &str) -> LineInput {
        // Never let a stored control character into the editable text.
        let chars: Vec<char> = text::one_line(text).chars().collect();
        LineInput {
            cursor: chars.len(),
            chars,
        }
    }

    pub fn text(&self) -> String {
        self.chars.iter().collect()
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn insert_str(&mut self, pasted: &str) {
        for c in text::one_line(pasted).chars() {
            self.chars.insert(self.cursor, c);
            self.cursor += 1;
        }
    }

    pub fn key(&mut self, key: KeyEvent) -> Typed {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Enter => return Typed::Submit,
            KeyCode::Esc => return Typed::Cancel,
            KeyCode::Char('u') if ctrl => {
                self.chars.drain(..self.cursor);
                self.cursor = 0;
            }
            KeyCode::Char('a') if ctrl => self.cursor = 0,
            KeyCode::Char('e') if ctrl => self.cursor = self.chars.len(),
            KeyCode::Char(_) if ctrl => return Typed::Ignored,
            KeyCode::Char(c) if !c.is_control() => {
                self.chars.insert(self.cursor, c);
                self.cursor += 1;
            }
            KeyCode::Backspace if self.cursor > 0 => {
                self.cursor -= 1;
                self.chars.remove(self.cursor);
            }
            KeyCode::Delete if self.cursor < self.chars.len() => {
                self.chars.remove(self.cursor);
            }
            KeyCode::Left => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Right => self.cursor = (self.cursor + 1).min(self.chars.len()),
            KeyCode::Home => self.cursor = 0,
            KeyCode::End => self.cursor = self.chars.len(),
            _ => return Typed::Ignored,
        }
        Typed::Changed
    }
}

impl Purpose {
    /// What Enter does in a box for this purpose (the key map says "save").
    pub fn enter_label(&self) -> &'static str {
        match self {
            Purpose::Search => "search",
            Purpose::Jump => "go",
            Purpose::Evidence { replace: None } => "add",
            Purpose::Evidence { replace: Some(_) } => "replace",
            _ => "save",
        }
    }

    /// The typing keys of a box for this purpose, shown after the key map's.
    pub fn typing_keys(&self) -> &'static [(&'static str, &'static str)] {
        match self {
            Purpose::Value { .. } | Purpose::Owner | Purpose::Due => {
                &[("←→", "move"), ("Ctrl-U", "clear (then Enter)")]
            }
            _ => LINE_TYPING_KEYS,
        }
    }
}

/// A question that must be answered before anything else happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirm {
    /// Close the setup form and lose what was typed into it.
    DiscardSetup,
    /// Close the open editor without saving what was typed.
    DiscardEditor,
    /// Close the supplier or risk form without saving what was typed.
    DiscardRecord,
    /// Close the action or profile form without saving what was typed.
    DiscardForm,
}

/// Keys that edit the text of a one-line box (handled by [`LineInput`], not the key map).
pub const LINE_TYPING_KEYS: &[(&str, &str)] = &[("←→", "move"), ("Ctrl-U", "clear")];

/// Keys that edit the text of a note (handled by the text area, not the key map).
pub const NOTE_TYPING_KEYS: &[(&str, &str)] = &[("Enter", "new line"), ("Ctrl-U", "undo typing")];

/// What a one-line input is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    /// The value an item asks for; `prompt` names it and the form it takes.
    Value {
        prompt: String,
    },
    /// The reason an answer of `status` (met another way, or not applicable) needs;
    /// `setting` when saving it also sets that status.
    Reason {
        status: Status,
        setting: bool,
    },
    /// Evidence to add, or to put in place of the entry at `replace`.
    Evidence {
        replace: Option<usize>,
    },
    Owner,
    Due,
    Search,
    Jump,
}

impl Purpose {
    /// The value box's title for an item's kind of value, with the form it takes.
    pub fn value(kind: &crate::domain::checklist::AnswerKind) -> Purpose {
        use crate::domain::checklist::AnswerKind;
        let label = kind.label().unwrap_or("Value");
        let form = match kind {
            AnswerKind::Date { .. } => format!(" ({})", crate::domain::date::DATE_HINT),
            AnswerKind::Percentage { .. } => " (a number from 0 to 100, e.g. 95)".to_owned(),
            AnswerKind::WholeNumber { .. } => " (a whole number)".to_owned(),
            AnswerKind::Text { .. } | AnswerKind::Status => String::new(),
        };
        Purpose::Value {
            prompt: format!("{}{form}", text::one_line(label)),
        }
    }

    pub fn prompt(&self) -> String {
        match self {
            Purpose::Value { prompt } => return prompt.clone(),
            Purpose::Reason {
                status: Status::NotApplicable,
                ..
            } => "Why does this not apply here?",
            Purpose::Reason { .. } => "How is it met another way?",
            Purpose::Evidence { replace: None } => {
                "Evidence file path, or a document's name and where it is kept"
            }
            Purpose::Evidence { replace: Some(_) } => {
                "Replace with: a file path, or a document's name and where it is kept"
            }
            Purpose::Owner => "Who will close this gap?",
            Purpose::Due => "Close the gap by (DD/MM/YYYY; empty for no date)",
            Purpose::Search => "Search",
            Purpose::Jump => "Go to item ID",
        }
        .to_owned()
    }
}

/// The editor that has the keyboard, if any.
#[derive(Debug)]
pub enum Editor {
    /// Offers `answer`'s status to items linked to `source`.
    Propagate {
        source: ItemRef,
        answer: Box<crate::domain::assessment::Answer>,
        offers: Vec<Offer>,
        selected: usize,
        advance: bool,
    },
    /// Every checklist carecheck knows, ticked where the assessment uses it.
    Checklists { selected: usize },
    /// The evidence of `item`, to remove, replace or re-check an entry.
    Evidence { item: ItemRef, selected: usize },
    /// The note of `item`, several lines; `original` is the saved note, to tell whether
    /// anything was typed.
    Note {
        item: ItemRef,
        area: Box<TextArea<'static>>,
        original: String,
    },
    Line {
        purpose: Purpose,
        input: LineInput,
        error: Option<String>,
        /// What the box opened with, to tell whether anything was typed.
        initial: String,
    },
}

impl Editor {
    /// The note editor on `item`, holding `text` (the saved note, or a kept draft of it).
    pub fn note(item: ItemRef, original: &str, text: &str) -> Editor {
        let lines: Vec<String> = text::multi_line(text).lines().map(str::to_owned).collect();
        let mut area = TextArea::new(if lines.is_empty() {
            vec![String::new()]
        } else {
            lines
        });
        area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        // Long lines wrap at words (a long path at the edge) instead of scrolling sideways.
        area.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
        Editor::Note {
            item,
            area: Box::new(area),
            original: text::multi_line(original).trim_end().to_owned(),
        }
    }

    pub fn line(purpose: Purpose, initial: &str) -> Editor {
        let input = LineInput::with(initial);
        Editor::Line {
            purpose,
            initial: input.text(),
            input,
            error: None,
        }
    }

    /// Where the keyboard is, for the editing key map.
    pub fn context(&self) -> crate::tui::edit_keys::EditContext {
        use crate::tui::edit_keys::EditContext;
        match self {
            Editor::Propagate { .. } => EditContext::Propagate,
            Editor::Checklists { .. } => EditContext::Checklists,
            Editor::Evidence { .. } => EditContext::Evidence,
            Editor::Note { .. } => EditContext::Note,
            Editor::Line { .. } => EditContext::Line,
        }
    }

    /// Whether something typed here would be lost by closing it. Search and jump boxes hold
    /// nothing worth asking about.
    pub fn has_unsaved_typing(&self) -> bool {
        match self {
            Editor::Note { area, original, .. } => {
                area.lines().join("\n").trim_end() != original.as_str()
            }
            Editor::Line {
                purpose: Purpose::Search | Purpose::Jump,
                ..
            } => false,
            Editor::Line { input, initial, .. } => input.text() != *initial,
            Editor::Propagate { .. } | Editor::Evidence { .. } | Editor::Checklists { .. } => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn typing_editing_and_submitting() {
        let mut input = LineInput::with("95");
        assert_eq!(input.key(key(KeyCode::Char('%'))), Typed::Changed);
        assert_eq!(input.text(), "95%");
        input.key(key(KeyCode::Left));
        input.key(key(KeyCode::Backspace));
        assert_eq!(input.text(), "9%");
        input.key(key(KeyCode::Home));
        input.key(key(KeyCode::Delete));
        assert_eq!(input.text(), "%");
        assert_eq!(input.key(key(KeyCode::Enter)), Typed::Submit);
        assert_eq!(input.key(key(KeyCode::Esc)), Typed::Cancel);
    }

    #[test]
    fn control_characters_never_enter_an_input() {
        let mut input = LineInput::with("a\u{1b}[2J");
        input.insert_str("\u{7}b\n");
        assert!(
            !input.text().chars().any(char::is_control),
            "{:?}",
            input.text()
        );
    }
}
