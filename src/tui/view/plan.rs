//! The continuity plan screen: where the plan's test stands (DSPT 7.2.1), what is still
//! missing, and every part of the plan as a list to fill in (see `tui::plan_builder`). The
//! form that edits a part is drawn by `plan_form.rs`.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::clean;
use crate::domain::plan::TestStanding;
use crate::tui::app::App;
use crate::tui::plan_builder::{self, Row, RowState};
use crate::tui::theme::Theme;

pub fn render(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let Some(s) = &app.session else { return };
    let block = Block::bordered().title(Line::styled(" Continuity plan ", theme.heading()));
    let starter = match crate::continuity::shared_starter() {
        Ok(starter) => starter,
        Err(why) => {
            frame.render_widget(
                Paragraph::new(Line::styled(clean(&why), theme.error())).block(block),
                area,
            );
            return;
        }
    };
    let plan = plan_builder::effective(s, starter);
    let test = plan.test_standing(app.today);
    let rows = plan_builder::rows(s, starter, app.today);
    let missing = rows.iter().filter(|r| r.state == RowState::Missing).count();
    let width = usize::from(area.width.saturating_sub(2));
    // The command-line hint of `describe` has no place on a screen with its own form.
    let standing = match test {
        TestStanding::Never => "Continuity plan never tested: no exercise recorded. DSPT 7.2.1 asks for a test in the last 12 months: record one under Exercises.".to_owned(),
        _ => test.describe(),
    };
    let mut top = vec![Line::styled(
        clean(&standing),
        if test.needs_reminder() {
            theme.warn()
        } else {
            theme.good()
        },
    )];
    top.push(if missing > 0 {
        Line::from(vec![
            Span::styled(
                format!(
                    "{} ",
                    crate::text::count(missing, "part missing", "parts missing")
                ),
                theme.warn(),
            ),
            Span::raw("· n walks you through them · Enter fills in a line · p prints"),
        ])
    } else {
        Line::from(vec![
            Span::styled("Nothing missing ", theme.good()),
            Span::raw("· Enter changes a line · p prints the card and the plan"),
        ])
    });
    let (mut lines, selected_line) = list_lines(&rows, app.plan.selected, width, theme);
    let inner = usize::from(area.height.saturating_sub(2));
    // The lines above the list wrap (a narrow screen still reads the whole test line).
    let top_height = Paragraph::new(top.clone())
        .wrap(Wrap { trim: false })
        .line_count(area.width.saturating_sub(2));
    let room = inner.saturating_sub(top_height);
    let start = super::window(selected_line, lines.len(), room);
    let more = if lines.len() > start + room {
        " ↓ more (j/↓) "
    } else {
        ""
    };
    let block = block.title_bottom(Line::styled(more, theme.dim()).right_aligned());
    let body = block.inner(area);
    frame.render_widget(block, area);
    let top_rows = u16::try_from(top_height)
        .unwrap_or(u16::MAX)
        .min(body.height);
    frame.render_widget(
        Paragraph::new(top).wrap(Wrap { trim: false }),
        Rect {
            height: top_rows,
            ..body
        },
    );
    let list: Vec<Line> = lines.drain(start..).take(room).collect();
    frame.render_widget(
        Paragraph::new(list),
        Rect {
            y: body.y + top_rows,
            height: body.height.saturating_sub(top_rows),
            ..body
        },
    );
    if app.plan.form.is_some() {
        super::plan_form::render(app, theme, frame, area);
    }
}

/// `text` cut or padded to exactly `width` characters, so the columns line up.
fn column(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return format!("{text:<width$}");
    }
    let cut: String = text.chars().take(width.saturating_sub(1)).collect();
    format!("{cut}…")
}

/// The list as lines, with a heading before each part, and the line the selection is on.
fn list_lines(
    rows: &[Row],
    selected: usize,
    width: usize,
    theme: Theme,
) -> (Vec<Line<'static>>, usize) {
    let mut lines = Vec::new();
    let mut selected_line = 0;
    let mut part = None;
    // Labels as wide as the longest needs, up to a limit that leaves the detail room for a
    // phone number and when it was checked.
    let longest = rows
        .iter()
        .map(|r| clean(&r.label).chars().count())
        .max()
        .unwrap_or(0);
    let label_width = longest.clamp(12, if width >= 100 { 40 } else { 30 });
    for (i, row) in rows.iter().enumerate() {
        if part != Some(row.part) {
            part = Some(row.part);
            lines.push(Line::styled(row.part.heading(), theme.heading()));
        }
        let (mark, style) = match row.state {
            RowState::Missing => ("✗", theme.warn()),
            RowState::Done => ("✓", theme.good()),
            RowState::HeadOffice => ("↑", theme.dim()),
            RowState::Suggested => ("·", theme.dim()),
            RowState::Info | RowState::Add => (" ", theme.dim()),
        };
        let mut detail = row.detail.clone();
        if row.state == RowState::HeadOffice {
            detail.push_str(" (head office)");
        }
        let pointer = if i == selected { "▶" } else { " " };
        let label = column(&clean(&row.label), label_width);
        let used = 4 + label_width + 1;
        let detail = column(&clean(&detail), width.saturating_sub(used))
            .trim_end()
            .to_owned();
        let line = Line::from(vec![
            Span::raw(pointer),
            Span::styled(format!("{mark} "), style),
            Span::raw(format!(" {label} ")),
            Span::styled(
                detail,
                if row.state == RowState::Info {
                    theme.dim()
                } else {
                    ratatui::style::Style::default()
                },
            ),
        ]);
        if i == selected {
            selected_line = lines.len();
            lines.push(line.style(theme.selected()));
        } else {
            lines.push(line);
        }
    }
    (lines, selected_line)
}

/// The overview's row for the plan: how many parts are missing and when it was last tested.
pub fn overview_spans(app: &App, theme: Theme) -> Vec<Span<'static>> {
    let (Some(s), Ok(starter)) = (&app.session, crate::continuity::shared_starter()) else {
        return Vec::new();
    };
    let missing = plan_builder::rows(s, starter, app.today)
        .iter()
        .filter(|r| r.state == RowState::Missing)
        .count();
    let test = plan_builder::effective(s, starter).test_standing(app.today);
    let parts = match missing {
        0 => "nothing missing".to_owned(),
        n => crate::text::count(n, "part missing", "parts missing"),
    };
    let tested = match test {
        TestStanding::Never => "never tested".to_owned(),
        TestStanding::Current { last, .. } => format!("tested {}", last.uk()),
        TestStanding::Overdue { last, .. } => format!("test overdue (last {})", last.uk()),
    };
    vec![Span::styled(
        format!("   Continuity plan: {parts} · {tested} (P)"),
        if missing > 0 || test.needs_reminder() {
            theme.warn()
        } else {
            theme.dim()
        },
    )]
}
