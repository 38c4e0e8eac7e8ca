//! Where the assessment stands: what to do next, each level's readiness, progress by section,
//! what is due, and the DSPT deadline.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::chrome::shorten;
use super::{clean, window};
use crate::tui::app::{App, OverviewRow};
use crate::tui::theme::Theme;

/// The selectable rows sit in the top box, sized to fit them: every row at 80×24, as long as
/// the progress box keeps eight lines (and never less than half the body).
fn split(app: &App, body: Rect) -> [Rect; 2] {
    let wanted = u16::try_from(app.overview_rows().len())
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let room = body.height.saturating_sub(8).max(body.height / 2);
    Layout::vertical([
        Constraint::Length(wanted.min(room).max(3)),
        Constraint::Min(0),
    ])
    .areas(body)
}

pub fn list_area(app: &App, body: Rect) -> Rect {
    Block::bordered().inner(split(app, body)[0])
}

pub fn render(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let Some(s) = &app.session else { return };
    let [top, bottom] = split(app, area);
    let rows = app.overview_rows();
    let height = usize::from(list_area(app, area).height);
    let start = window(app.overview_selected, rows.len(), height);
    let progresses: Vec<_> = s.summary.checklists.iter().map(|c| &c.progress).collect();
    let due_items = &s.summary.due;
    let unanswered: usize = progresses.iter().map(|p| p.tally.unanswered).sum();
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(start)
        .take(height)
        .map(|(i, row)| {
            let spans = match *row {
                OverviewRow::Continue if unanswered == 0 => {
                    vec![Span::styled(" ✓ Every item has an answer", theme.good())]
                }
                OverviewRow::Continue => vec![Span::styled(
                    format!(" Continue: next unanswered item ({unanswered} left)"),
                    theme.heading(),
                )],
                OverviewRow::Level { checklist, level }
                    if progresses[checklist].levels[level].required == 0 =>
                {
                    // A level made only of other levels: say what it waits for.
                    let l = &progresses[checklist].levels[level];
                    let (mark, style) = if l.reached() {
                        ("✓", theme.good())
                    } else {
                        ("✗", theme.error())
                    };
                    vec![
                        Span::styled(format!(" {mark} "), style),
                        Span::raw(clean(&l.verdict())),
                    ]
                }
                OverviewRow::Level { checklist, level } => {
                    let l = &progresses[checklist].levels[level];
                    let (mark, style, to_go) = if l.reached() {
                        ("✓", theme.good(), "reached".to_owned())
                    } else if l.blocking.is_empty() && l.unknown_items() > 0 {
                        // Everything carecheck knows is met, but not every official item.
                        (
                            "?",
                            theme.warn(),
                            format!("check {} more in the toolkit", l.unknown_items()),
                        )
                    } else if l.unknown_items() > 0 {
                        // Never let the count look complete when the toolkit asks more: those
                        // are the online toolkit's own questions, which carecheck cannot judge.
                        (
                            "✗",
                            theme.error(),
                            format!(
                                "{} to go, +{} more in the online toolkit",
                                l.blocking.len(),
                                l.unknown_items()
                            ),
                        )
                    } else {
                        ("✗", theme.error(), format!("{} to go", l.blocking.len()))
                    };
                    vec![
                        Span::styled(format!(" {mark} "), style),
                        Span::raw(format!(
                            "{}: {} of {} met, ",
                            clean(&l.name),
                            l.met,
                            l.required
                        )),
                        Span::styled(to_go, style),
                        // Wide screens name the checklist too; narrow ones keep the numbers whole.
                        Span::styled(
                            if area.width >= 100 {
                                format!("  {}", clean(&s.checklists[checklist].title))
                            } else {
                                String::new()
                            },
                            theme.dim(),
                        ),
                    ]
                }
                OverviewRow::Carried => vec![Span::styled(
                    format!(
                        " ↻ {} to confirm (V)",
                        crate::text::count(
                            app.carried_waiting().len(),
                            "carried-forward answer",
                            "carried-forward answers"
                        )
                    ),
                    theme.warn(),
                )],
                OverviewRow::Gaps => {
                    let gaps = s.summary.gap_count();
                    let exercise = s.summary.action_plan.len() - gaps;
                    let mut text = format!("   Gaps to act on: {gaps}");
                    if exercise > 0 {
                        text.push_str(&format!(", and {exercise} from plan exercises"));
                    }
                    vec![Span::raw(text)]
                }
                OverviewRow::Due => vec![Span::styled(
                    format!("   Due for review: {}", due_items.len()),
                    if due_items.is_empty() {
                        theme.dim()
                    } else {
                        theme.warn()
                    },
                )],
                OverviewRow::Plan => super::plan::overview_spans(app, theme),
                OverviewRow::Registers => super::registers::overview_spans(s, theme),
                OverviewRow::Flagged => {
                    let flagged: usize = progresses.iter().map(|p| p.tally.flagged).sum();
                    vec![Span::raw(format!("   Flagged for review: {flagged}"))]
                }
            };
            let line = Line::from(spans);
            if i == app.overview_selected {
                line.style(theme.selected())
            } else {
                line
            }
        })
        .collect();
    let block = Block::bordered()
        .title(Line::styled(" What next ", theme.heading()))
        .title_bottom(Line::styled(
            " Enter: open the items behind a row ",
            theme.dim(),
        ));
    frame.render_widget(Paragraph::new(lines).block(block), top);

    let lines = progress_lines(app, theme, bottom.width);
    let shown = Block::bordered().inner(bottom).height;
    let scroll = app.progress_scroll.min(overflow(lines.len(), shown));
    let below = usize::from(scroll) + usize::from(shown) < lines.len();
    let mut block = Block::bordered().title(Line::styled(" Progress ", theme.heading()));
    // Say where the rest is, as the item screen does: the sections below are reachable.
    if below || scroll > 0 {
        let hint = if below {
            " ↓ more (PgDn) "
        } else {
            " ↑ more (PgUp) "
        };
        block = block.title(Line::styled(hint, theme.dim()).right_aligned());
    }
    // The deadline of the edition in use, from the checklist itself: never a guessed date.
    if let Some(standing) = s
        .summary
        .checklists
        .iter()
        .find_map(|c| c.reporting.as_ref())
    {
        block = block.title_bottom(Line::styled(
            format!(" {} ", clean(&standing.short())),
            theme.warn(),
        ));
    }
    frame.render_widget(
        Paragraph::new(lines).block(block).scroll((scroll, 0)),
        bottom,
    );
}

/// How many lines of `len` a box showing `shown` of them can scroll.
fn overflow(len: usize, shown: u16) -> u16 {
    u16::try_from(len.saturating_sub(usize::from(shown))).unwrap_or(u16::MAX)
}

/// The furthest the Progress box can scroll in the overview's `body`: the shell keeps
/// [`App::progress_scroll`] within it, so PgUp takes effect at once after scrolling to the end.
pub fn progress_limit(app: &App, body: Rect) -> u16 {
    let [_, bottom] = split(app, body);
    let lines = progress_lines(app, Theme { colour: false }, bottom.width).len();
    overflow(lines, Block::bordered().inner(bottom).height)
}

/// Progress: every checklist's total, then the sections of the one in focus.
fn progress_lines(app: &App, theme: Theme, width: u16) -> Vec<Line<'static>> {
    let Some(s) = &app.session else {
        return Vec::new();
    };
    let rows = app.overview_rows();
    let progresses: Vec<_> = s.summary.checklists.iter().map(|c| &c.progress).collect();
    let focus = match rows.get(app.overview_selected) {
        Some(OverviewRow::Level { checklist, .. }) => *checklist,
        _ => s.entries.get(app.cursor).map_or(0, |e| e.checklist),
    };
    let bar_width = 20;
    // The border, the marker, the bar and the count come before the title.
    let title_room = usize::from(width).saturating_sub(2 + 1 + bar_width + 1 + 8);
    let mut lines = Vec::new();
    for (c, p) in progresses.iter().enumerate() {
        let t = p.tally;
        let marker = if c == focus { "▸" } else { " " };
        lines.push(Line::from(vec![
            Span::styled(
                format!("{marker}{} ", theme.bar(t.answered, t.total, bar_width)),
                theme.good(),
            ),
            Span::styled(
                format!("{:>3}/{:<3} ", t.answered, t.total),
                theme.heading(),
            ),
            // Cut with an ellipsis, not at the box's edge (the sections below name it whole).
            Span::raw(shorten(&clean(&p.title), title_room)),
        ]));
    }
    if let Some(p) = progresses.get(focus) {
        lines.push(Line::styled(
            format!(" Sections of {}:", clean(&p.title)),
            theme.dim(),
        ));
        for section in &p.sections {
            let t = section.tally;
            lines.push(Line::from(vec![
                Span::styled(
                    format!("   {} ", theme.bar(t.answered, t.total, 10)),
                    theme.good(),
                ),
                Span::raw(format!(
                    "{:>2}/{:<2} {}",
                    t.answered,
                    t.total,
                    clean(&section.title)
                )),
            ]));
        }
    }
    lines
}
