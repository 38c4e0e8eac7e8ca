//! Starting an assessment (the setup form) and choosing one (the picker).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::{clean, window};
use crate::tui::app::App;
use crate::tui::setup_form::SETUP_LABELS;
use crate::tui::theme::Theme;

pub fn list_area(body: Rect) -> Rect {
    Block::bordered().inner(body)
}

/// The picker: one row per assessment, grouped by organisation, then site, then year (newest
/// first). An organisation and a site are named on the first row of their group only, so the
/// groups stand out and a click still lands on one assessment.
pub fn picker(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let rows = list_area(area);
    let height = usize::from(rows.height);
    let shown = app.visible_assessments();
    let start = window(app.assessments_selected, shown.len(), height);
    let org_width = shown
        .iter()
        .map(|&i| clean(&app.assessments[i].organisation).chars().count())
        .max()
        .unwrap_or(0)
        .clamp(8, if area.width >= 100 { 30 } else { 20 });
    let place_width = shown
        .iter()
        .map(|&i| clean(&app.assessments[i].place()).chars().count())
        .max()
        .unwrap_or(0)
        .min(if area.width >= 100 { 24 } else { 14 });
    let period_width = shown
        .iter()
        .map(|&i| app.assessments[i].period().chars().count())
        .max()
        .unwrap_or(0);
    let progress_width = shown
        .iter()
        .map(|&i| clean(&app.assessments[i].progress).chars().count())
        .max()
        .unwrap_or(0);
    let fit = |text: &str, width: usize| -> String {
        let text = clean(text);
        if text.chars().count() <= width {
            format!("{text:<width$}")
        } else {
            let cut: String = text.chars().take(width.saturating_sub(1)).collect();
            format!("{cut}…")
        }
    };
    let mut lines: Vec<Line> = Vec::new();
    for (n, &i) in shown.iter().enumerate().skip(start).take(height) {
        let a = &app.assessments[i];
        let before = n.checked_sub(1).map(|p| &app.assessments[shown[p]]);
        // At the top of the window the group is named again, so it is never out of sight.
        let new_org =
            n == start || before.is_none_or(|b| b.organisation != a.organisation || b.unreadable);
        let new_place = new_org || before.is_none_or(|b| b.place() != a.place());
        let place = a.place();
        let line = if a.unreadable {
            Line::from(vec![
                Span::styled(format!(" ⚠ {}", clean(&a.id)), theme.error()),
                Span::styled(" cannot be read (m: the message log says why)", theme.dim()),
            ])
        } else {
            Line::from(vec![
                Span::styled(
                    format!(
                        " {} ",
                        fit(if new_org { &a.organisation } else { "" }, org_width)
                    ),
                    theme.heading(),
                ),
                Span::raw(format!(
                    "{} ",
                    fit(if new_place { &place } else { "" }, place_width)
                )),
                Span::styled(format!("{:<period_width$}", a.period()), theme.key()),
                Span::raw(format!("  {:>progress_width$}  ", clean(&a.progress))),
                // Narrow screens keep the id whole and leave the date for wide ones.
                Span::styled(
                    if area.width >= 100 && !a.updated.is_empty() {
                        format!("{} · updated {}", clean(&a.id), clean(&a.updated))
                    } else {
                        clean(&a.id)
                    },
                    theme.dim(),
                ),
            ])
        };
        lines.push(if n == app.assessments_selected {
            line.style(theme.selected())
        } else {
            line
        });
    }
    if shown.is_empty() {
        lines.push(Line::styled(
            format!(
                " No assessment matches `{}`. Esc shows them all.",
                clean(&app.picker_needle())
            ),
            theme.dim(),
        ));
    }
    let title = if app.picker_needle().is_empty() {
        format!(" Your assessments ({}) ", app.assessments.len())
    } else {
        format!(
            " Your assessments: {} of {} match `{}` ",
            shown.len(),
            app.assessments.len(),
            clean(&app.picker_needle())
        )
    };
    let block = Block::bordered()
        .title(Line::styled(title, theme.heading()))
        .title_bottom(Line::styled(
            " Enter open · Y renew for this year · N new · / search ",
            theme.dim(),
        ));
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
                + u16::try_from(prefix.chars().count() + 1 + form.text.fields[i].input.cursor())
                    .unwrap_or(0);
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
                format!("[{}]", clean(&form.field(i))),
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
            "{marker} {tick} {} ({})",
            clean(&choice.title),
            crate::text::count(choice.items, "item", "items")
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
