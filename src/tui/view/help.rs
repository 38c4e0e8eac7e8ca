//! The help screen, generated from the keymap so it always tells the truth.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::domain::assessment::Status;
use crate::tui::app::App;
use crate::tui::edit_keys::{self, EditContext};
use crate::tui::input::{LINE_TYPING_KEYS, NOTE_TYPING_KEYS};
use crate::tui::keymap::{BINDINGS, Context, describe};
use crate::tui::theme::{FLAG, Theme, symbol};

/// The width of the keys column.
const KEYS: usize = 15;

/// A key and what it does, the words wrapped to `width` under their own column.
fn row(keys: &str, words: &str, width: usize, theme: Theme) -> Vec<Line<'static>> {
    let wrapped = super::chrome::wrap(words, width.saturating_sub(KEYS + 1).max(10));
    wrapped
        .into_iter()
        .enumerate()
        .map(|(i, text)| {
            let key = if i == 0 { keys } else { "" };
            Line::from(vec![
                Span::styled(format!(" {key:<width$}", width = KEYS - 1), theme.key()),
                Span::raw(text),
            ])
        })
        .collect()
}

/// The help for where the user is (`context`), at `width` columns: the keys that work here,
/// each once, and the keys for typing. Generated from the keymap, so it cannot disagree.
pub fn lines(theme: Theme, context: Context, width: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    if context == Context::Item {
        lines.extend(
            super::chrome::wrap(
                "Answering: pick a status with one key. Everything is saved the moment you make it.",
                width,
            )
            .into_iter()
            .map(|l| Line::styled(l, theme.heading())),
        );
        let legend = Status::ALL
            .iter()
            // A no-break space keeps each symbol with its word when the legend wraps.
            .map(|s| {
                format!(
                    "{}\u{a0}{}",
                    symbol(*s),
                    s.to_string().replace(' ', "\u{a0}")
                )
            })
            .collect::<Vec<_>>()
            .join("   ")
            + &format!("   {FLAG}\u{a0}flagged");
        lines.extend(
            super::chrome::wrap(&legend, width)
                .into_iter()
                .map(Line::raw),
        );
        lines.push(Line::raw(""));
    }
    lines.push(Line::styled(
        format!("Keys on this screen ({})", context_name(context)),
        theme.heading(),
    ));
    for binding in BINDINGS.iter().filter(|b| b.contexts.contains(&context)) {
        let keys: Vec<String> = binding.keys.iter().map(|k| describe(*k)).collect();
        lines.extend(row(&keys.join(" / "), binding.help, width, theme));
    }
    let mut typing_contexts = vec![
        ("While typing a note", EditContext::Note, NOTE_TYPING_KEYS),
        (
            "While typing a value, name, date or search",
            EditContext::Line,
            LINE_TYPING_KEYS,
        ),
    ];
    if matches!(context, Context::Suppliers | Context::Risks) {
        typing_contexts.push((
            "While filling in a supplier or risk",
            EditContext::Record,
            LINE_TYPING_KEYS,
        ));
    }
    for (title, context, typing) in typing_contexts {
        lines.extend([Line::raw(""), Line::styled(title, theme.heading())]);
        let rows = edit_keys::help_rows(context)
            .into_iter()
            .chain(typing.iter().map(|(k, what)| ((*k).to_owned(), *what)));
        for (k, what) in rows {
            lines.extend(row(&k, what, width, theme));
        }
    }
    lines.extend([Line::raw("")]);
    lines.extend(
        super::chrome::wrap(
            "The mouse works too: click a row to open it, scroll with the wheel.",
            width,
        )
        .into_iter()
        .map(Line::raw),
    );
    lines
}

fn context_name(context: Context) -> &'static str {
    match context {
        Context::Overview => "the overview",
        Context::Items => "the list of items",
        Context::Item => "an item",
        Context::Assessments => "your assessments",
        Context::Plan => "the continuity plan",
        Context::Suppliers => "the supplier register",
        Context::Risks => "the risk register",
        Context::Walk => "last year's answers to confirm",
    }
}

pub fn render(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    frame.render_widget(Clear, area);
    let block = Block::bordered().title(Line::styled(
        " Help: keys (↓/PgDn to scroll, any other key closes) ",
        theme.heading(),
    ));
    let width = usize::from(block.inner(area).width);
    frame.render_widget(
        Paragraph::new(lines(theme, app.context(), width))
            .block(block)
            .scroll((app.help_scroll, 0)),
        area,
    );
}
