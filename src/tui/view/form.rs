//! A form of the one form engine (`tui/form.rs`), drawn over the lower part of the body: a
//! label and a value per field, the focused one marked and holding the terminal's cursor, then
//! the focused field's hint or why the last save was refused.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::chrome::wrap;
use super::clean;
use crate::tui::form::Form;
use crate::tui::theme::Theme;

/// Draws `form` titled `title` over the foot of `body`; the cursor is placed in the focused
/// field unless a question over the form has it (`cursor` false).
pub fn render(frame: &mut Frame, theme: Theme, body: Rect, title: &str, form: &Form, cursor: bool) {
    let label_w = form
        .fields
        .iter()
        .map(|f| f.label.len())
        .max()
        .unwrap_or(10)
        + 2;
    // The reason a value was refused, or how to fill the field in, wrapped so it is read whole.
    let (note, refused) = form.note();
    let (note, note_style) = if refused {
        (clean(&note), theme.error())
    } else {
        (note, theme.dim())
    };
    let note = wrap(&note, usize::from(body.width.saturating_sub(2)));
    let height = u16::try_from(form.fields.len() + 3 + note.len())
        .unwrap_or(u16::MAX)
        .min(body.height);
    let [_, region] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(height)]).areas(body);
    frame.render_widget(Clear, region);
    let block = Block::bordered().title(Line::styled(title, theme.heading()));
    let inner = block.inner(region);
    frame.render_widget(block, region);
    let value_w = usize::from(inner.width).saturating_sub(label_w + 3).max(1);
    let mut lines = Vec::new();
    let mut placed = None;
    for (i, f) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        let text = f.input.text();
        // Keep the cursor in view on a narrow screen by showing the tail of a long value.
        let skip = if focused {
            f.input.cursor().saturating_sub(value_w.saturating_sub(1))
        } else {
            0
        };
        let shown: String = text.chars().skip(skip).take(value_w).collect();
        let marker = if focused { "▸" } else { " " };
        let value = if shown.is_empty() && !focused {
            Span::styled("-", theme.dim())
        } else {
            Span::raw(clean(&shown))
        };
        let line = Line::from(vec![
            Span::styled(
                format!("{marker}{:<label_w$}", f.label),
                if focused {
                    theme.heading()
                } else {
                    theme.dim()
                },
            ),
            value,
        ]);
        if focused {
            let at = f.input.cursor().saturating_sub(skip);
            placed = Some((
                inner.x + u16::try_from(label_w + 1 + at).unwrap_or(0),
                inner.y + u16::try_from(i).unwrap_or(0),
            ));
        }
        lines.push(line);
    }
    lines.push(Line::raw(""));
    lines.extend(note.into_iter().map(|l| Line::styled(l, note_style)));
    frame.render_widget(Paragraph::new(lines), inner);
    if let Some((x, y)) = placed
        && cursor
        && y < inner.bottom()
    {
        frame.set_cursor_position((x.min(inner.right().saturating_sub(1)), y));
    }
}
