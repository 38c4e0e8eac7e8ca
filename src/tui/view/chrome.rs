//! The parts around every screen: header, message line, footer and the editor box.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::clean;
use crate::domain::assessment::Status;
use crate::tui::app::{App, Screen};
use crate::tui::input::{EDITOR_KEYS, Editor, NOTE_KEYS, PROPAGATE_KEYS};
use crate::tui::keymap;
use crate::tui::theme::{Theme, symbol};

/// The top line: where you are, progress, and whether the last change is saved.
pub fn header(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let mut spans = vec![Span::styled(" carecheck ", theme.title())];
    if let Some(s) = &app.session {
        let d = &s.assessment().details;
        let place = match &d.site {
            Some(site) => format!("{} · {}", clean(&d.organisation), clean(site)),
            None => clean(&d.organisation),
        };
        spans.push(Span::raw(place));
        let answered = (0..s.entries.len())
            .filter(|&i| s.status(i) != crate::domain::assessment::Status::Unanswered)
            .count();
        spans.push(Span::styled(
            format!("  {answered}/{} answered", s.entries.len()),
            theme.dim(),
        ));
        let state = if s.read_only.is_some() {
            Span::styled("  READ-ONLY", theme.warn())
        } else if app.save_error.is_some() {
            Span::styled("  NOT SAVED", theme.error())
        } else if app.saves > 0 {
            Span::styled("  saved ✓", theme.good())
        } else {
            Span::raw("")
        };
        spans.push(state);
    } else {
        spans.push(Span::raw(if app.screen == Screen::Setup {
            "Start a new assessment"
        } else {
            "Your assessments"
        }));
    }
    frame.render_widget(Line::from(spans), area);
}

pub fn message(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    if let Some(m) = &app.message {
        let style = if m.error { theme.error() } else { theme.warn() };
        frame.render_widget(Line::styled(format!(" {}", clean(&m.text)), style), area);
    }
}

/// The keys that work here, from the keymap (or the editor's own keys while typing).
pub fn footer(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let hints: Vec<(String, &str)> = match &app.editor {
        Some(Editor::Note { .. }) => NOTE_KEYS
            .iter()
            .map(|(k, l)| ((*k).to_owned(), *l))
            .collect(),
        Some(Editor::Propagate { .. }) => PROPAGATE_KEYS
            .iter()
            .map(|(k, l)| ((*k).to_owned(), *l))
            .collect(),
        Some(Editor::Line { .. }) => EDITOR_KEYS
            .iter()
            .map(|(k, l)| ((*k).to_owned(), *l))
            .collect(),
        None if app.help => vec![("any key".to_owned(), "close help")],
        None if app.screen == Screen::Setup => vec![
            ("Tab".to_owned(), "next field"),
            ("Space".to_owned(), "tick"),
            ("Enter".to_owned(), "start"),
            ("Esc".to_owned(), "back"),
        ],
        None => keymap::footer(app.context()),
    };
    // Help and quit must always show; other hints fill the room left, in keymap order.
    let (always, others): (Vec<_>, Vec<_>) = hints
        .into_iter()
        .partition(|(_, label)| matches!(*label, "help" | "quit"));
    let piece = |(key, label): &(String, &str)| key.chars().count() + label.chars().count() + 3;
    let mut room = usize::from(area.width).saturating_sub(always.iter().map(piece).sum());
    let mut shown: Vec<(String, &str)> = Vec::new();
    for hint in others {
        if piece(&hint) > room {
            break;
        }
        room -= piece(&hint);
        shown.push(hint);
    }
    shown.extend(always);
    let mut spans = Vec::new();
    for (key, label) in shown {
        spans.push(Span::styled(format!(" {key}"), theme.key()));
        spans.push(Span::raw(format!(" {label} ")));
    }
    frame.render_widget(Line::from(spans), area);
}

/// The open editor, drawn over the lower part of the body.
pub fn editor(app: &App, theme: Theme, frame: &mut Frame, body: Rect) {
    match &app.editor {
        Some(Editor::Note { item, area: text }) => {
            let height = (body.height * 3 / 5).max(5);
            let [_, region] =
                Layout::vertical([Constraint::Min(0), Constraint::Length(height)]).areas(body);
            frame.render_widget(Clear, region);
            let block = Block::bordered()
                .title(format!(" Note for {} ", clean(&item.to_string())))
                .title_style(theme.heading());
            let inner = block.inner(region);
            frame.render_widget(block, region);
            frame.render_widget(text.as_ref(), inner);
        }
        Some(Editor::Line {
            purpose,
            input,
            error,
        }) => {
            let [_, region] =
                Layout::vertical([Constraint::Min(0), Constraint::Length(3)]).areas(body);
            frame.render_widget(Clear, region);
            let mut block = Block::bordered()
                .title(format!(" {} ", purpose.prompt()))
                .title_style(theme.heading());
            if let Some(e) = error {
                block = block.title_bottom(Line::styled(format!(" {} ", clean(e)), theme.error()));
            }
            let inner = block.inner(region);
            frame.render_widget(block, region);
            let text = input.text();
            // Keep the cursor in view on a narrow screen by showing the tail of a long input.
            let visible = usize::from(inner.width.saturating_sub(1));
            let skip = input.cursor().saturating_sub(visible);
            let shown: String = text.chars().skip(skip).take(visible + 1).collect();
            frame.render_widget(Paragraph::new(shown), inner);
            let x = inner.x + u16::try_from(input.cursor() - skip).unwrap_or(0);
            frame.set_cursor_position((x.min(inner.right().saturating_sub(1)), inner.y));
        }
        Some(Editor::Propagate {
            source,
            answer,
            offers,
            selected,
            ..
        }) => {
            let height = u16::try_from(offers.len())
                .unwrap_or(u16::MAX)
                .saturating_add(3)
                .min(body.height);
            let [_, region] =
                Layout::vertical([Constraint::Min(0), Constraint::Length(height)]).areas(body);
            frame.render_widget(Clear, region);
            let title = format!(
                " Also answer {} for the same control elsewhere? ",
                answer.status
            );
            let block = Block::bordered().title(Line::styled(title, theme.heading()));
            let mut lines = vec![Line::styled(
                format!(
                    " Same control as {}. Only ticked items change:",
                    clean(&source.to_string())
                ),
                theme.dim(),
            )];
            for (i, offer) in offers.iter().enumerate() {
                let tick = if offer.ticked { "[x]" } else { "[ ]" };
                let now = if offer.current == Status::Unanswered {
                    "unanswered".to_owned()
                } else {
                    format!("now {} {}", symbol(offer.current), offer.current)
                };
                let line = Line::from(vec![
                    Span::raw(format!(" {tick} {} ", clean(&offer.item.to_string()))),
                    Span::styled(format!("({now}) "), theme.status(offer.current)),
                    Span::raw(clean(&offer.title)),
                ]);
                lines.push(if i == *selected {
                    line.style(theme.selected())
                } else {
                    line
                });
            }
            frame.render_widget(Paragraph::new(lines).block(block), region);
        }
        None => {}
    }
}
