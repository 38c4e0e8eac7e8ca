//! The walk through carried-forward answers: one of last year's answers at a time, with its
//! note and evidence (and what re-reading the evidence found), and how far the walk has got.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph, Wrap};

use super::clean;
use crate::domain::assessment::{ActionStatus, Status};
use crate::tui::app::App;
use crate::tui::evidence::{entry_state, short_name};
use crate::tui::theme::Theme;

pub fn render(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let (Some(s), Some(walk), Some(progress)) = (&app.session, &app.walk, app.walk_progress())
    else {
        return;
    };
    let mut lines = vec![Line::from(vec![
        Span::styled(
            format!("{} of {} confirmed", progress.confirmed, progress.total),
            theme.heading(),
        ),
        Span::styled(
            if walk.finished() {
                "  · all seen".to_owned()
            } else {
                format!("  · answer {} of {}", walk.at + 1, walk.queue.len())
            },
            theme.dim(),
        ),
    ])];
    lines.push(bar(progress.confirmed, progress.total, area.width, theme));
    lines.push(Line::raw(""));
    match walk.current().and_then(|key| Some((key, s.index_of(key)?))) {
        None => {
            let waiting = progress.total - progress.confirmed;
            lines.push(Line::styled(
                "You have been through every carried-forward answer.",
                theme.heading(),
            ));
            lines.push(Line::raw(if waiting == 0 {
                "Every one is confirmed or answered again for this year. Esc: the overview."
                    .to_owned()
            } else {
                format!(
                    "{} still to confirm: press b to go back, or V to go through {} again.",
                    crate::text::count(waiting, "answer is", "answers are"),
                    if waiting == 1 { "it" } else { "them" }
                )
            }));
        }
        Some((key, index)) => {
            let own = s.own_answer(key);
            if let Some(item) = s.item(index) {
                lines.push(Line::from(vec![
                    Span::styled(format!(" {} ", clean(&key.item)), theme.title()),
                    Span::styled(format!(" {}", clean(&item.title)), theme.heading()),
                ]));
                lines.push(Line::styled(clean(&item.question), theme.dim()));
            }
            lines.push(Line::raw(""));
            let carried = own
                .carried
                .map(|d| format!(" (carried forward {})", d.uk()))
                .unwrap_or_default();
            lines.push(Line::from(vec![
                Span::styled("Last year: ", theme.heading()),
                Span::raw(own.status.label()),
                Span::styled(carried, theme.dim()),
            ]));
            if let (Some(value), Some(item)) = (&own.value, s.item(index)) {
                lines.push(Line::raw(format!(
                    "  Value: {}",
                    clean(&value_words(&item.answer, value))
                )));
            }
            if let Some(why) = &own.justification {
                lines.push(Line::raw(format!("  Because: {}", clean(why))));
            }
            if !own.note.trim().is_empty() {
                lines.push(Line::raw(format!("  Note: {}", clean(&own.note))));
            }
            if let Some(action) = own
                .action
                .as_ref()
                .filter(|a| own.status.is_gap() && a.status != ActionStatus::Done)
            {
                lines.push(action_line(action, app.today, theme));
            }
            if own.evidence.is_empty() {
                lines.push(Line::styled("  No evidence recorded.", theme.dim()));
            }
            let checks = app.evidence_checks.get(key);
            for (i, evidence) in own.evidence.iter().enumerate() {
                let state = entry_state(evidence, checks.and_then(|c| c.get(i)), app.today);
                lines.push(Line::from(vec![
                    Span::raw(format!(
                        "  Evidence: {} · ",
                        clean(short_name(&evidence.source))
                    )),
                    Span::styled(
                        clean(&state.words),
                        if state.problem {
                            theme.error()
                        } else {
                            theme.dim()
                        },
                    ),
                ]));
            }
            if own.flagged {
                lines.push(Line::styled(
                    "  ⚑ Flagged: look at its evidence again before confirming.",
                    theme.warn(),
                ));
            }
            lines.push(Line::raw(""));
            // Last year's value no longer satisfies the item today: y is not offered.
            lines.push(if let Some(why) = app.stale(key) {
                Line::styled(
                    format!(
                        "Last year's answer no longer counts: {}. c: answer it again · s: skip",
                        clean(&why)
                    ),
                    theme.error(),
                )
            } else if own.carried.is_some() {
                Line::styled(
                    "Does last year's answer still hold?  y: confirm · c: it changed · s: skip",
                    theme.key(),
                )
            } else if own.status == Status::Unanswered {
                Line::styled("Now unanswered this year.", theme.warn())
            } else {
                Line::styled(
                    format!("✓ This year: {} (confirmed)", own.status.label()),
                    theme.good(),
                )
            });
        }
    }
    let block = Block::bordered()
        .padding(Padding::horizontal(1))
        .title(Line::styled(
            " Last year's answers: still true? ",
            theme.heading(),
        ));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((app.scroll, 0)),
        area,
    );
}

/// A value as people read it: a date the UK way, a percentage with its sign.
fn value_words(kind: &crate::domain::checklist::AnswerKind, value: &str) -> String {
    use crate::domain::checklist::AnswerKind;
    match kind {
        AnswerKind::Percentage { .. } if value.trim().parse::<f64>().is_ok() => {
            format!("{} %", value.trim())
        }
        _ => crate::tui::answering::shown_value(kind, value),
    }
}

/// "Action still open: … · owner Sam · due 01/11/2026 (overdue)", what is missing said so.
fn action_line(
    action: &crate::domain::assessment::Action,
    today: crate::domain::date::Date,
    theme: Theme,
) -> Line<'static> {
    let what = if action.text.is_empty() {
        "no action written yet".to_owned()
    } else {
        clean(&action.text)
    };
    let owner = if action.owner.is_empty() {
        "no owner".to_owned()
    } else {
        format!("owner {}", clean(&action.owner))
    };
    let mut spans = vec![Span::raw(format!(
        "  Action still open: {what} · {owner} · "
    ))];
    match action.due {
        Some(due) if action.is_overdue(today) => spans.push(Span::styled(
            format!("due {} (overdue)", due.uk()),
            theme.error(),
        )),
        Some(due) => spans.push(Span::raw(format!("due {}", due.uk()))),
        None => spans.push(Span::raw("no date")),
    }
    Line::from(spans)
}

/// A bar of `done` of `total`, as wide as the box allows.
fn bar(done: usize, total: usize, width: u16, theme: Theme) -> Line<'static> {
    let room = usize::from(width.saturating_sub(4)).min(60);
    let filled = (room * done).checked_div(total).unwrap_or(room);
    Line::from(vec![
        Span::styled("█".repeat(filled), theme.good()),
        Span::styled("░".repeat(room - filled), theme.dim()),
    ])
}
