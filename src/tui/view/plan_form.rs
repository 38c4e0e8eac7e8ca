//! The form that fills in one part of the continuity plan, drawn over the plan screen: a
//! label and a one-line box per field, the focused one with the cursor.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::clean;
use crate::tui::app::App;
use crate::tui::form::FieldKind;
use crate::tui::theme::Theme;

pub fn render(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let Some(form) = &app.plan.form else { return };
    // As wide as the plan's frame, so no stray list text shows beside it.
    let width = area.width.saturating_sub(2);
    let wanted = u16::try_from(form.fields.len() * 2 + 5).unwrap_or(u16::MAX);
    let height = wanted.min(area.height.saturating_sub(2));
    let region = Rect::new(
        area.x + (area.width.saturating_sub(width)) / 2,
        area.y + (area.height.saturating_sub(height)) / 2,
        width,
        height,
    );
    frame.render_widget(Clear, region);
    let block = Block::bordered().title(Line::styled(
        format!(" {} ", clean(&form.title)),
        theme.heading(),
    ));
    let inner = block.inner(region);
    frame.render_widget(block, region);
    let box_width = usize::from(inner.width.saturating_sub(2));
    let mut lines = Vec::new();
    if !form.hint.is_empty() {
        // One line only, so the boxes stay where the cursor is placed.
        let hint = cut(&clean(&form.hint), usize::from(inner.width));
        lines.push(Line::styled(hint, theme.dim()));
    }
    let mut cursor = None;
    // Each field takes two lines: its label, then its box. Scroll so the focused one shows.
    let room = usize::from(inner.height).saturating_sub(lines.len() + 1) / 2;
    let first = super::window(form.focus, form.fields.len(), room.max(1));
    for (i, field) in form.fields.iter().enumerate().skip(first).take(room.max(1)) {
        let focused = i == form.focus;
        lines.push(Line::styled(
            format!(
                "{}{}",
                if focused { "▶ " } else { "  " },
                clean(&field.label)
            ),
            if focused {
                theme.key()
            } else {
                theme.heading()
            },
        ));
        let choice = matches!(field.kind, FieldKind::Choice(_));
        let text = if choice {
            format!("< {} >", field.input.text())
        } else {
            clean(&field.input.text())
        };
        // A long value shows its start, cut with "…"; the focused one the part with the cursor.
        let chars: Vec<char> = text.chars().collect();
        let (skip, shown) = if focused && !choice {
            let skip = field
                .input
                .cursor()
                .saturating_sub(box_width.saturating_sub(1));
            (skip, chars[skip..].iter().take(box_width).collect())
        } else {
            (0, cut(&text, box_width))
        };
        if focused && !choice {
            let x = field.input.cursor().saturating_sub(skip);
            cursor = Some((
                inner.x + 2 + u16::try_from(x).unwrap_or(0),
                inner.y + u16::try_from(lines.len()).unwrap_or(0),
            ));
        }
        lines.push(Line::from(Span::styled(
            format!("  {shown}"),
            if focused {
                theme.selected()
            } else {
                theme.dim()
            },
        )));
    }
    if let Some(error) = &form.error {
        lines.push(Line::styled(clean(error), theme.error()));
    } else {
        lines.push(Line::styled(
            "Enter: next field, or save on the last · Ctrl-S: save now",
            theme.dim(),
        ));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
    if let Some(position) = cursor.filter(|(x, y)| *x < inner.right() && *y < inner.bottom()) {
        frame.set_cursor_position(position);
    }
}

/// `text` cut to `width` characters, ending with "…" when it was longer.
fn cut(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let mut shown: String = text.chars().take(width.saturating_sub(1)).collect();
    shown.push('…');
    shown
}
