//! Drawing the TUI. Every function here renders from `&App` and nothing else; the layout maths
//! is shared with `update` (for mouse clicks) so both agree on where things are.

mod assessments;
mod chrome;
mod form;
pub mod help;
mod item;
mod items;
mod mark;
mod overview;
mod plan;
mod plan_evidence;
mod plan_form;
mod register_offer;
pub mod registers;
mod renew;
mod walk;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::app::{App, Screen};
use super::theme::Theme;

/// Below this the screens cannot be laid out readably, so a message is shown instead.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

/// The regions of the screen.
pub struct Areas {
    pub header: Rect,
    pub body: Rect,
    pub message: Rect,
    pub footer: Rect,
}

/// The regions of a screen of `area` for `app`: the message line grows to show the whole
/// message (up to [`chrome::MESSAGE_LINES`] lines), so nothing said is cut off at the edge.
pub fn areas(app: &App, area: Rect) -> Areas {
    let message_lines = chrome::message_height(app, area.width);
    let [header, body, message, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(message_lines),
        Constraint::Length(1),
    ])
    .areas(area);
    Areas {
        header,
        body,
        message,
        footer,
    }
}

/// Draws the whole screen.
pub fn render(app: &App, theme: Theme, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = format!(
            "This window is too small for carecheck ({}×{}). Please make it at least {MIN_WIDTH}×{MIN_HEIGHT}, or zoom out. Press q to quit.",
            area.width, area.height
        );
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
        return;
    }
    let areas = areas(app, area);
    chrome::header(app, theme, frame, areas.header);
    match app.screen {
        Screen::Setup => assessments::setup(app, theme, frame, areas.body),
        Screen::Assessments => assessments::picker(app, theme, frame, areas.body),
        Screen::Overview => overview::render(app, theme, frame, areas.body),
        Screen::Items => items::render(app, theme, frame, areas.body),
        Screen::Item => item::render(app, theme, frame, areas.body),
        Screen::Plan => plan::render(app, theme, frame, areas.body),
        Screen::Suppliers | Screen::Risks => registers::render(app, theme, frame, areas.body),
        Screen::Walk => walk::render(app, theme, frame, areas.body),
    }
    place_cursor(app, frame, areas.body);
    if app.editor.is_some() {
        chrome::editor(app, theme, frame, areas.body);
    }
    registers::form(app, theme, frame, areas.body);
    if let Some(open) = &app.form {
        form::render(
            frame,
            theme,
            areas.body,
            &open.title(),
            &open.form,
            app.confirm.is_none(),
        );
    }
    chrome::confirm(app, theme, frame, areas.body);
    renew::ask(app, theme, frame, areas.body);
    chrome::message(app, theme, frame, areas.message);
    chrome::footer(app, theme, frame, areas.footer);
    if app.help {
        help::render(app, theme, frame, areas.body);
    }
    if app.show_log {
        chrome::log(app, theme, frame, areas.body);
    }
}

/// Puts the terminal's cursor on the selected row of a list, or at the head of a screen without
/// one, so screen readers and magnifiers follow the selection. An editor, form or question
/// drawn after this puts it in its own field instead.
fn place_cursor(app: &App, frame: &mut Frame, body: Rect) {
    let at = match list_geometry(app, body) {
        Some((rows, len, selected)) if len > 0 && rows.height > 0 => {
            let start = window(selected, len, usize::from(rows.height));
            let row = u16::try_from(selected.saturating_sub(start)).unwrap_or(0);
            (rows.x, rows.y + row.min(rows.height - 1))
        }
        // The setup form places its own; elsewhere the screen's title line.
        _ if app.screen == Screen::Setup => return,
        _ => (body.x + 1, body.y),
    };
    frame.set_cursor_position(at);
}

/// The first row of a list so that `selected` is visible in `height` rows.
pub fn window(selected: usize, len: usize, height: usize) -> usize {
    if height == 0 || len <= height {
        return 0;
    }
    selected.saturating_sub(height / 2).min(len - height)
}

/// The list geometry of the current screen: where its rows start, how many show, how many
/// there are and which is selected.
fn list_geometry(app: &App, body: Rect) -> Option<(Rect, usize, usize)> {
    match app.screen {
        Screen::Items => Some((
            items::list_area(body),
            app.visible_items().len(),
            app.items_selected,
        )),
        Screen::Overview => Some((
            overview::list_area(app, body),
            app.overview_rows().len(),
            app.overview_selected,
        )),
        Screen::Assessments => Some((
            assessments::list_area(body),
            app.visible_assessments().len(),
            app.assessments_selected,
        )),
        Screen::Suppliers | Screen::Risks => registers::list_geometry(app, body),
        Screen::Item | Screen::Setup | Screen::Plan | Screen::Walk => None,
    }
}

/// Which list row a click at (`column`, `row`) landed on, if any.
pub fn hit_test(app: &App, column: u16, row: u16) -> Option<usize> {
    let (width, height) = app.size;
    if width < MIN_WIDTH
        || height < MIN_HEIGHT
        || app.help
        || app.show_log
        || app.editor.is_some()
        || app.renew_ask.is_some()
    {
        return None;
    }
    let body = areas(app, Rect::new(0, 0, width, height)).body;
    let (rows, len, selected) = list_geometry(app, body)?;
    if column < rows.x || column >= rows.right() || row < rows.y || row >= rows.bottom() {
        return None;
    }
    let start = window(selected, len, usize::from(rows.height));
    let index = start + usize::from(row - rows.y);
    (index < len).then_some(index)
}

/// Whether (`column`, `row`) is over the overview's Progress box, which the wheel scrolls there.
pub fn over_progress(app: &App, column: u16, row: u16) -> bool {
    let (width, height) = app.size;
    if app.screen != Screen::Overview || app.help || app.show_log || app.editor.is_some() {
        return false;
    }
    let body = areas(app, Rect::new(0, 0, width, height)).body;
    let list = overview::list_area(app, body);
    body.contains(ratatui::layout::Position::new(column, row)) && row > list.bottom()
}

/// The furthest the overview's Progress box can scroll at the app's size.
pub fn progress_limit(app: &App) -> u16 {
    let (width, height) = app.size;
    overview::progress_limit(app, areas(app, Rect::new(0, 0, width, height)).body)
}

/// Text from a checklist or a note, made safe for one terminal line.
pub(crate) fn clean(text: &str) -> String {
    crate::text::one_line(text).into_owned()
}

/// Text that may run over several lines, made safe, as ratatui lines.
pub(crate) fn paragraph_lines(text: &str) -> Vec<Line<'static>> {
    crate::text::multi_line(text)
        .lines()
        .map(|l| Line::raw(l.to_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::window;

    #[test]
    fn the_window_keeps_the_selection_in_view() {
        assert_eq!(window(0, 5, 10), 0);
        assert_eq!(window(0, 50, 10), 0);
        assert_eq!(window(20, 50, 10), 15);
        assert_eq!(window(49, 50, 10), 40);
    }
}
