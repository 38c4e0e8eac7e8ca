//! One item: what it asks, how to meet it, what evidence counts, where else it counts, and
//! the answer so far.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::{clean, paragraph_lines};
use crate::domain::assessment::{ActionStatus, Answer, Status};
use crate::domain::checklist::{AnswerKind, LinkKind};
use crate::domain::value::{ValueCheck, check_value};
use crate::tui::app::App;
use crate::tui::session::Session;
use crate::tui::theme::{FLAG, Theme};

pub fn render(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    render_at(app, app.cursor, app.scroll, theme, frame, area);
}

/// Item `index` with its text scrolled by `scroll` (the item screen, or the detail pane beside
/// the list on a wide screen).
pub fn render_at(
    app: &App,
    index: usize,
    scroll: u16,
    theme: Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let Some(s) = &app.session else { return };
    // The answer box grows to show every line in full (a long reason wraps), but never takes
    // more than half the screen from the item's text.
    let answer = Paragraph::new(answer_lines(app, index, s, theme)).wrap(Wrap { trim: false });
    let needed = u16::try_from(answer.line_count(area.width.saturating_sub(2)))
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let height = needed.clamp(
        answer_height(app, index),
        (area.height / 2).max(answer_height(app, index)),
    );
    let [text_area, answer_area] =
        Layout::vertical([Constraint::Min(4), Constraint::Length(height)]).areas(area);
    render_text((index, scroll), s, theme, frame, text_area);
    render_answer(app, answer, theme, frame, answer_area);
}

fn heading(text: &'static str, theme: Theme) -> Line<'static> {
    Line::styled(text, theme.heading())
}

fn render_text(
    (index, scroll): (usize, u16),
    s: &Session,
    theme: Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let (Some(item), Some(section), Some(checklist)) =
        (s.item(index), s.section(index), s.checklist(index))
    else {
        return;
    };
    let position = s
        .entries
        .iter()
        .filter(|e| e.checklist == s.entries[index].checklist)
        .position(|e| e.key == s.entries[index].key)
        .unwrap_or(0);
    let levels: Vec<String> = item
        .levels
        .iter()
        .filter_map(|l| checklist.level(l))
        .map(|l| clean(&l.name))
        .collect();
    let mut title = vec![
        Span::styled(format!(" {} ", clean(&item.id)), theme.title()),
        Span::styled(format!("{} ", clean(&item.title)), theme.heading()),
    ];
    if item.critical {
        title.push(Span::styled("[critical] ", theme.error()));
    }
    let block = Block::bordered()
        .title(Line::from(title))
        .title_bottom(Line::styled(
            format!(" {} ", levels.join(" · ")),
            theme.dim(),
        ));
    let mut lines = vec![
        Line::styled(
            format!(
                "{} · {} · item {} of {}",
                clean(&checklist.title),
                clean(&section.title),
                position + 1,
                checklist.item_count()
            ),
            theme.dim(),
        ),
        Line::raw(""),
        heading("Question", theme),
    ];
    lines.extend(paragraph_lines(&item.question));
    lines.extend([Line::raw(""), heading("What good looks like", theme)]);
    lines.extend(paragraph_lines(&item.guidance));
    if !item.evidence.is_empty() {
        lines.extend([Line::raw(""), heading("Evidence that counts", theme)]);
        lines.extend(
            item.evidence
                .iter()
                .map(|e| Line::raw(format!("• {}", clean(e)))),
        );
    }
    lines.extend(super::register_offer::lines(
        s,
        &s.entries[index].key,
        theme,
    ));
    lines.extend(super::plan_evidence::lines(s, &s.entries[index].key, theme));
    if let Some(caution) = &item.caution {
        lines.extend([Line::raw(""), Line::styled("Not verified", theme.warn())]);
        lines.extend(paragraph_lines(caution));
    }
    if !item.exempt_with.is_empty() {
        lines.push(Line::styled(
            format!(
                "Holders of {} may skip this item.",
                clean(&item.exempt_with.join(" or "))
            ),
            theme.dim(),
        ));
    }
    // Links are shown from both ends, in two groups: the same control (an answer here can be
    // offered there) and related items (which only help with each other).
    let links = s.links(&s.entries[index].key);
    for (kind, title) in [
        (LinkKind::Same, "The same control in other checklists"),
        (LinkKind::Related, "Related items"),
    ] {
        let group: Vec<_> = links.iter().filter(|l| l.kind == kind).collect();
        if group.is_empty() {
            continue;
        }
        lines.extend([Line::raw(""), heading(title, theme)]);
        for link in group {
            let state = if let Some(at) = s.index_of(&link.target).filter(|_| link.in_assessment) {
                let mark = super::mark::of(s, at, theme);
                Span::styled(format!("{} {}", mark.symbol, mark.words), mark.style)
            } else {
                Span::styled("not in this assessment", theme.dim())
            };
            lines.push(Line::from(vec![
                Span::raw(format!(
                    "• {} {}  ",
                    clean(&link.target.to_string()),
                    clean(&link.title)
                )),
                state,
            ]));
        }
    }
    if !item.references.is_empty() {
        lines.extend([Line::raw(""), heading("References", theme)]);
        for r in &item.references {
            let url = r
                .url
                .as_deref()
                .map(|u| format!(" <{}>", clean(u)))
                .unwrap_or_default();
            lines.push(Line::raw(format!("• {}{url}", clean(&r.title))));
        }
    }
    let inner_height = area.height.saturating_sub(2);
    let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false });
    let total =
        u16::try_from(paragraph.line_count(area.width.saturating_sub(2))).unwrap_or(u16::MAX);
    let scroll = scroll.min(total.saturating_sub(inner_height));
    let more = if total > inner_height + scroll {
        " ↓ more (j/↓) "
    } else {
        ""
    };
    frame.render_widget(
        paragraph
            .block(block.title_bottom(Line::styled(more, theme.dim()).right_aligned()))
            .scroll((scroll, 0)),
        area,
    );
}

/// The lines of the answer box: status, then the value if the item asks for one, the note,
/// and evidence with any action.
fn answer_lines(app: &App, index: usize, s: &Session, theme: Theme) -> Vec<Line<'static>> {
    let Some(item) = s.item(index) else {
        return Vec::new();
    };
    let answer = s.answer(index);
    let mark = super::mark::of(s, index, theme);
    let mut first = vec![Span::styled(
        format!("{} {}", mark.symbol, mark.words),
        mark.style.add_modifier(ratatui::style::Modifier::BOLD),
    )];
    if answer.flagged {
        first.push(Span::styled(
            format!("   {FLAG} flagged for review"),
            theme.warn(),
        ));
    }
    if let Some(head) = s.inherited_from(index) {
        first.push(Span::styled(
            format!(
                "   ↓ inherited from {}; answer here to override for this site",
                clean(&head.name)
            ),
            theme.dim(),
        ));
    }
    if let Some(j) = &answer.justification {
        first.push(Span::raw(format!("   because: {}", clean(j))));
    }
    // An answer that does not count although its status looks fine says why, here as in
    // every list.
    let value_check = check_value(&item.answer, answer.value.as_deref(), app.today);
    if let Some(why) = super::items::hidden_gap(s, index) {
        // A value's own line says what is wrong with it; anything else is said here.
        let text = if matches!(value_check, ValueCheck::Falls(_) | ValueCheck::Missing) {
            "   ✗ does not count yet (see the value)".to_owned()
        } else {
            format!("   ✗ does not count yet: {}", clean(why))
        };
        first.push(Span::styled(text, theme.error()));
    }
    let mut lines = vec![Line::from(first)];
    if let Some(label) = item.answer.label() {
        let suffix = if matches!(item.answer, AnswerKind::Percentage { .. }) {
            "%"
        } else {
            ""
        };
        let mut spans = match &answer.value {
            Some(v) => vec![
                Span::styled(format!("{}: ", clean(label)), theme.dim()),
                Span::raw(format!(
                    "{}{suffix}",
                    clean(&crate::tui::answering::shown_value(&item.answer, v))
                )),
            ],
            None => vec![Span::styled(
                format!("{}: (v to enter)", clean(label)),
                theme.dim(),
            )],
        };
        match value_check {
            ValueCheck::Falls(why) => {
                spans.push(Span::styled(format!("  ✗ {}", clean(&why)), theme.error()))
            }
            ValueCheck::Meets => {
                spans.push(Span::styled("  ✓ meets the requirement", theme.good()))
            }
            ValueCheck::Missing if answer.status == Status::Yes => {
                spans.push(Span::styled("  ✗ needed for Yes to count", theme.error()))
            }
            ValueCheck::Missing | ValueCheck::NotAsked => {}
        }
        lines.push(Line::from(spans));
    }
    lines.push(if answer.note.is_empty() {
        Line::styled("Note: (e to write one)", theme.dim())
    } else {
        Line::raw(format!("Note: {}", clean(&answer.note)))
    });
    let mut last = evidence_spans((app, index), s, &answer, theme);
    if let Some(action) = answer
        .action
        .as_ref()
        .filter(|a| answer.status.is_gap() || a.status != ActionStatus::Done)
    {
        let owner = if action.owner.is_empty() {
            "owner? (o)".to_owned()
        } else {
            clean(&action.owner)
        };
        let due = action.due.map_or("date? (w)".to_owned(), |d| d.uk());
        let style = if answer.status == Status::Unanswered {
            theme.dim()
        } else {
            theme.warn()
        };
        let what = if action.text.is_empty() {
            "what will be done? (G)".to_owned()
        } else {
            clean(&action.text)
        };
        last.push(Span::styled(
            format!("   Action: {what} · {owner} · {due}"),
            style,
        ));
        if action.is_overdue(app.today) {
            last.push(Span::styled(" OVERDUE", theme.error()));
        }
        last.push(Span::styled(format!(" · {} (r)", action.priority), style));
    }
    lines.push(Line::from(last));
    lines
}

/// The evidence line: each entry's name, marked ✗ where the last re-check or its review date
/// found a problem.
fn evidence_spans(
    (app, index): (&App, usize),
    s: &Session,
    answer: &Answer,
    theme: Theme,
) -> Vec<Span<'static>> {
    use crate::tui::evidence::{entry_state, short_name};
    if answer.evidence.is_empty() {
        return vec![Span::styled("Evidence: none yet (d to add)", theme.dim())];
    }
    let checks = app.evidence_checks.get(&s.entries[index].key);
    let mut spans = vec![Span::raw("Evidence: ")];
    let mut problems = 0;
    for (i, e) in answer.evidence.iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw(", "));
        }
        let state = entry_state(e, checks.and_then(|c| c.get(i)), app.today);
        if state.problem {
            problems += 1;
            spans.push(Span::styled(
                format!("{} ✗", clean(short_name(&e.source))),
                theme.error(),
            ));
        } else {
            spans.push(Span::raw(clean(short_name(&e.source))));
        }
    }
    if problems > 0 {
        spans.push(Span::styled(" (D to fix)", theme.error()));
    }
    spans
}

/// The least height of the answer box: its lines plus the border.
pub fn answer_height(app: &App, index: usize) -> u16 {
    let asks_value = app
        .session
        .as_ref()
        .and_then(|s| s.item(index))
        .is_some_and(|i| i.answer != AnswerKind::Status);
    if asks_value { 6 } else { 5 }
}

fn render_answer(app: &App, answer: Paragraph<'_>, theme: Theme, frame: &mut Frame, area: Rect) {
    let guided = if app.guided { "guided" } else { "stay" };
    let block = Block::bordered()
        .title(Line::styled(" Your answer ", theme.heading()))
        .title_bottom(Line::styled(
            format!(" y yes · p partial · n no · a n/a · t alt · x clear · g {guided} "),
            theme.dim(),
        ));
    frame.render_widget(answer.block(block), area);
}
