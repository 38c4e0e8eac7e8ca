//! Starting an assessment (the setup form) and choosing one (the picker).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::{clean, window};
use crate::tui::app::App;
use crate::tui::input::SETUP_LABELS;
use crate::tui::theme::Theme;

pub fn list_area(body: Rect) -> Rect {
    Block::bordered().inner(body)
}

pub fn picker(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let rows = list_area(area);
    let height = usize::from(rows.height);
    let start = window(app.assessments_selected, app.assessments.len(), height);
    let lines: Vec<Line> = app
        .assessments
        .iter()
        .enumerate()
        .skip(start)
        .take(height)
        .map(|(i, a)| {
            let site = a
                .site
                .as_deref()
                .map(|s| format!(" · {}", clean(s)))
                .unwrap_or_default();
            let line = Line::from(vec![
                Span::styled(
                    format!(" {}{site}", clean(&a.organisation)),
                    theme.heading(),
                ),
                Span::raw(format!("  {}  ", clean(&a.progress))),
                Span::styled(
                    format!("{} · {}", clean(&a.id), clean(&a.updated)),
                    theme.dim(),
                ),
            ]);
            if i == app.assessments_selected {
                line.style(theme.selected())
            } else {
                line
            }
        })
        .collect();
    let block = Block::bordered()
        .title(Line::styled(" Your assessments ", theme.heading()))
        .title_bottom(Line::styled(" Enter open · N new ", theme.dim()));
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

pub fn setup(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let form = &app.setup;
    let block = Block::bordered().title(Line::styled(" New assessment ", theme.heading()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let intro = Paragraph::new(
        "carecheck walks you through cyber security and data protection checklists, one item at a \
         time, and keeps your answers on this computer. Everything is saved as you go. Who is this \
         assessment for?",
    )
    .wrap(Wrap { trim: true });
    let intro_height = u16::try_from(intro.line_count(inner.width))
        .unwrap_or(3)
        .saturating_add(1);
    let [intro_area, form_area] =
        Layout::vertical([Constraint::Length(intro_height), Constraint::Min(0)]).areas(inner);
    frame.render_widget(intro, intro_area);

    let mut lines = Vec::new();
    let mut cursor = None;
    for (i, label) in SETUP_LABELS.iter().enumerate() {
        let focused = form.focus == i;
        // A pointer marks the focus in words as well as colour (NO_COLOR, screen readers).
        let marker = if focused { '▶' } else { ' ' };
        let prefix = format!("{marker} {label:<21}");
        if focused {
            let x = form_area.x
                + u16::try_from(prefix.chars().count() + 1 + form.fields[i].cursor()).unwrap_or(0);
            cursor = Some((x, form_area.y + u16::try_from(i).unwrap_or(0)));
        }
        lines.push(Line::from(vec![
            Span::styled(
                prefix,
                if focused {
                    theme.key()
                } else {
                    theme.heading()
                },
            ),
            Span::styled(
                format!("[{}]", clean(&form.fields[i].text())),
                if focused {
                    theme.selected()
                } else {
                    theme.dim()
                },
            ),
        ]));
    }
    lines.extend([
        Line::raw(""),
        Line::styled(" Checklists (Space ticks or unticks):", theme.heading()),
    ]);
    for (i, choice) in app.choices.iter().enumerate() {
        let tick = if form.chosen.get(i).copied().unwrap_or(false) {
            "[x]"
        } else {
            "[ ]"
        };
        let marker = if form.focus == 3 + i { '▶' } else { ' ' };
        let line = Line::raw(format!(
            "{marker} {tick} {} ({} items)",
            clean(&choice.title),
            choice.items
        ));
        lines.push(if form.focus == 3 + i {
            line.style(theme.selected())
        } else {
            line
        });
    }
    lines.push(Line::raw(""));
    lines.push(if form.focus == form.start_button() {
        Line::styled("▶ [ Start ]  (Enter)", theme.selected())
    } else {
        Line::raw("  [ Start ]")
    });
    if let Some(error) = &form.error {
        lines.push(Line::styled(format!("  {}", clean(error)), theme.error()));
    }
    frame.render_widget(Paragraph::new(lines), form_area);
    if let Some(position) =
        cursor.filter(|(x, y)| *x < form_area.right() && *y < form_area.bottom())
    {
        frame.set_cursor_position(position);
    }
}
