//! The list of items, filtered, with a status symbol on each.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::chrome::shorten;
use super::{clean, window};
use crate::domain::date::Date;
use crate::tui::app::{App, Filter};
use crate::tui::session::Session;
use crate::tui::theme::{FLAG, Theme};

/// From this width the list and the selected item show side by side (as lazygit and gitui do).
pub const SIDE_BY_SIDE: u16 = 120;

/// The list's part of the body, and the detail pane's when the screen is wide enough.
pub fn split(body: Rect) -> (Rect, Option<Rect>) {
    if body.width < SIDE_BY_SIDE {
        return (body, None);
    }
    let [list, detail] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(body);
    (list, Some(detail))
}

/// Where the rows are: inside the list's border.
pub fn list_area(body: Rect) -> Rect {
    Block::bordered().inner(split(body).0)
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

/// Why an item whose status looks met (a Yes, say) does not count, in the list's short form;
/// `None` when it counts or when its status already says it is a gap.
pub fn hidden_gap(s: &Session, index: usize) -> Option<&str> {
    let reason = s.outcome(index).gap_reason()?;
    if s.status(index).is_gap() {
        return None;
    }
    // The symbol already says "Yes": keep only what falls short.
    Some(reason.strip_prefix("answered Yes but ").unwrap_or(reason))
}

/// Which optional columns the rows show.
#[derive(Debug, Clone, Copy)]
struct Columns {
    /// The checklist's ID, when rows come from more than one.
    checklist: bool,
    /// Who closes the gap and by when (in the gaps list).
    action: bool,
    /// To mark an action overdue.
    today: Date,
}

/// " Sam · 31/01/2027", or what is missing, for a gap's action.
fn action_span(s: &Session, index: usize, today: Date, theme: Theme) -> Span<'static> {
    let action = s.answer_ref(index).and_then(|a| a.action.as_ref());
    let owner = action
        .map(|a| clean(&a.owner))
        .filter(|o| !o.is_empty())
        .unwrap_or_else(|| "no owner".to_owned());
    let due = action
        .and_then(|a| a.due)
        .map_or_else(|| "no date".to_owned(), |d| d.uk());
    if action.is_some_and(|a| a.is_overdue(today)) {
        return Span::styled(format!("  {owner} · {due} overdue"), theme.error());
    }
    Span::styled(format!("  {owner} · {due}"), theme.dim())
}

/// Whether the rows come from more than one checklist, so each must say which.
fn several_checklists(s: &Session, visible: &[usize]) -> bool {
    visible.first().is_some_and(|&first| {
        visible
            .iter()
            .any(|&i| s.entries[i].checklist != s.entries[first].checklist)
    })
}

/// One row: status, ID, title (shortened to fit) and, at the right, why it does not count.
fn row(s: &Session, index: usize, columns: Columns, width: usize, theme: Theme) -> Line<'static> {
    let several = columns.checklist;
    let mark = super::mark::of(s, index, theme);
    let checklist = if several {
        format!("{}: ", clean(&s.entries[index].key.checklist))
    } else {
        String::new()
    };
    let mut left = vec![
        Span::styled(format!(" {} ", mark.symbol), mark.style),
        Span::styled(
            format!("{checklist}{:<8} ", clean(&s.entries[index].key.item)),
            theme.dim(),
        ),
    ];
    let mut right = Vec::new();
    if s.answer_ref(index).is_some_and(|a| a.flagged) {
        right.push(Span::styled(format!(" {FLAG}"), theme.warn()));
    }
    if mark.listed && hidden_gap(s, index).is_none() {
        right.push(Span::styled(format!(" · {}", mark.words), mark.style));
    }
    if let Some(origin) = super::mark::origin(s, index) {
        right.push(Span::styled(format!(" {origin}"), theme.dim()));
    }
    if columns.action {
        right.push(action_span(s, index, columns.today, theme));
    }
    let fixed: usize = left.iter().chain(&right).map(Span::width).sum();
    let title = s.item(index).map(|i| clean(&i.title)).unwrap_or_default();
    if let Some(why) = hidden_gap(s, index) {
        // The reason gets up to half the room left; the title gets the rest.
        let room = width.saturating_sub(fixed);
        let why_room = (room / 2).max(12);
        let why = shorten(&format!(" ✗ {}", clean(why)), why_room);
        let title_room = room.saturating_sub(Span::raw(why.as_str()).width());
        let title = shorten(&title, title_room);
        let pad = title_room.saturating_sub(Span::raw(title.as_str()).width());
        left.push(Span::raw(format!("{title}{}", " ".repeat(pad))));
        left.extend(right);
        left.push(Span::styled(why, theme.error()));
    } else {
        left.push(Span::raw(shorten(&title, width.saturating_sub(fixed))));
        left.extend(right);
    }
    Line::from(left)
}

pub fn render(app: &App, theme: Theme, frame: &mut Frame, body: Rect) {
    let Some(s) = &app.session else { return };
    let visible = app.visible_items();
    let (area, detail) = split(body);
    if let (Some(detail), Some(&index)) = (detail, visible.get(app.items_selected)) {
        super::item::render_at(app, index, 0, theme, frame, detail);
    }
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
    let columns = Columns {
        checklist: several_checklists(s, &visible),
        // Beside the detail pane (which shows the action) the list keeps to the essentials.
        action: app.filter == Filter::Gaps && detail.is_none(),
        today: app.today,
    };
    let width = usize::from(rows.width);
    let lines: Vec<Line> = visible
        .iter()
        .enumerate()
        .skip(start)
        .take(height)
        .map(|(n, &index)| {
            let line = row(s, index, columns, width, theme);
            if n == app.items_selected {
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
