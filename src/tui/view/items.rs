//! The list of items, filtered, with a status symbol on each.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::{clean, window};
use crate::tui::app::{App, Filter};
use crate::tui::theme::{FLAG, Theme, symbol};

/// Where the rows are: inside the border.
pub fn list_area(body: Rect) -> Rect {
    Block::bordered().inner(body)
}

pub fn describe(app: &App) -> String {
    let level_name = |c: usize, id: &str| {
        app.session
            .as_ref()
            .and_then(|s| s.checklists.get(c))
            .and_then(|ch| ch.level(id))
            .map_or(id.to_owned(), |l| clean(&l.name))
    };
    match &app.filter {
        Filter::All => "All items".to_owned(),
        Filter::Unanswered => "Unanswered items".to_owned(),
        Filter::Gaps => "Gaps (answered but not met)".to_owned(),
        Filter::Flagged => "Flagged for review".to_owned(),
        Filter::Due => "Due for review".to_owned(),
        Filter::Required(c, id) => format!("Required for {}", level_name(*c, id)),
        Filter::Blocking(c, id) => format!("Not yet met for {}", level_name(*c, id)),
        Filter::Search(q) => format!("Search: {}", clean(q)),
    }
}

pub fn render(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let Some(s) = &app.session else { return };
    let visible = app.visible_items();
    let rows = list_area(area);
    let height = usize::from(rows.height);
    let start = window(app.items_selected, visible.len(), height);
    let title = format!(" {} ({}) ", describe(app), visible.len());
    let block = Block::bordered()
        .title(Line::styled(title, theme.heading()))
        .title_bottom(Line::styled(
            " F filter · / search · Enter open ",
            theme.dim(),
        ));
    let several = s.checklists.len() > 1;
    let lines: Vec<Line> = visible
        .iter()
        .enumerate()
        .skip(start)
        .take(height)
        .map(|(row, &index)| {
            let status = s.status(index);
            let item = s.item(index);
            let checklist = if several {
                format!("{}: ", clean(&s.entries[index].key.checklist))
            } else {
                String::new()
            };
            let mut spans = vec![
                Span::styled(format!(" {} ", symbol(status)), theme.status(status)),
                Span::styled(
                    format!("{checklist}{:<8} ", clean(&s.entries[index].key.item)),
                    theme.dim(),
                ),
                Span::raw(item.map(|i| clean(&i.title)).unwrap_or_default()),
            ];
            if s.answer_ref(index).is_some_and(|a| a.flagged) {
                spans.push(Span::styled(format!(" {FLAG}"), theme.warn()));
            }
            if s.inherited_from(index).is_some() {
                spans.push(Span::styled(" ↓ head office", theme.dim()));
            }
            // A gap whose status does not say so (a Yes with a value that falls short, say)
            // names its reason, so nothing sits under "not met" unexplained.
            if let Some(reason) = s.outcome(index).gap_reason().filter(|_| !status.is_gap()) {
                // The symbol already says "Yes": the list keeps only what falls short.
                let short = reason.strip_prefix("answered Yes but ").unwrap_or(reason);
                spans.push(Span::styled(format!(" · {}", clean(short)), theme.error()));
            }
            let line = Line::from(spans);
            if row == app.items_selected {
                line.style(theme.selected())
            } else {
                line
            }
        })
        .collect();
    let body = if visible.is_empty() {
        vec![Line::styled(
            " Nothing here. Press F to change the filter, or Esc for all items.",
            theme.dim(),
        )]
    } else {
        lines
    };
    frame.render_widget(Paragraph::new(body).block(block), area);
}
