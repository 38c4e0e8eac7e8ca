//! The help screen, generated from the keymap so it always tells the truth.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::domain::assessment::Status;
use crate::tui::app::App;
use crate::tui::input::{EDITOR_KEYS, NOTE_KEYS};
use crate::tui::keymap::{BINDINGS, describe};
use crate::tui::theme::{FLAG, Theme, symbol};

/// Every line of help, in order (also used by the keymap test).
pub fn lines(theme: Theme) -> Vec<Line<'static>> {
    let mut lines = vec![
        Line::styled(
            "Answering: pick a status with one key. Everything is saved the moment you make it.",
            theme.heading(),
        ),
        Line::raw(
            Status::ALL
                .iter()
                .map(|s| format!("{} {}", symbol(*s), s))
                .collect::<Vec<_>>()
                .join("   ")
                + &format!("   {FLAG} flagged"),
        ),
        Line::raw(""),
    ];
    for binding in BINDINGS {
        let keys: Vec<String> = binding.keys.iter().map(|k| describe(*k)).collect();
        lines.push(Line::from(vec![
            Span::styled(format!(" {:<14}", keys.join(" / ")), theme.key()),
            Span::raw(binding.help),
        ]));
    }
    lines.extend([
        Line::raw(""),
        Line::styled("While typing a note", theme.heading()),
    ]);
    lines.extend(NOTE_KEYS.iter().map(|(k, what)| {
        Line::from(vec![
            Span::styled(format!(" {k:<14}"), theme.key()),
            Span::raw(*what),
        ])
    }));
    lines.extend([Line::styled(
        "While typing a value, name or search",
        theme.heading(),
    )]);
    lines.extend(EDITOR_KEYS.iter().map(|(k, what)| {
        Line::from(vec![
            Span::styled(format!(" {k:<14}"), theme.key()),
            Span::raw(*what),
        ])
    }));
    lines.extend([
        Line::raw(""),
        Line::raw("The mouse works too: click a row to open it, scroll with the wheel."),
    ]);
    lines
}

pub fn render(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    frame.render_widget(Clear, area);
    let block = Block::bordered().title(Line::styled(
        " Help: keys (↓/PgDn to scroll, any other key closes) ",
        theme.heading(),
    ));
    frame.render_widget(
        Paragraph::new(lines(theme))
            .block(block)
            .scroll((app.help_scroll, 0)),
        area,
    );
}
