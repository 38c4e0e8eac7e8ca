//! The parts around every screen: header, message line, footer and the editor box.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::clean;
use crate::domain::assessment::Status;
use crate::tui::app::{App, AssessmentRow, Screen};
use crate::tui::edit_keys::{self, EditContext};
use crate::tui::input::{Confirm, Editor, NOTE_TYPING_KEYS, Purpose};
use crate::tui::keymap;
use crate::tui::theme::{Theme, symbol};

/// The most lines the message line grows to; a longer message ends with a pointer to the log.
pub const MESSAGE_LINES: u16 = 3;

/// The top line: where you are, progress, and whether the last change is saved. The right-hand
/// part (progress and save state) always shows in full; the place name gives way first.
pub fn header(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let width = usize::from(area.width);
    let Some(s) = &app.session else {
        let place = if app.screen == Screen::Setup {
            "Start a new assessment"
        } else {
            "Your assessments"
        };
        let line = Line::from(vec![
            Span::styled(" carecheck ", theme.title()),
            Span::raw(place),
        ]);
        frame.render_widget(line, area);
        return;
    };
    let d = &s.assessment().details;
    let place = clean(&d.place());
    // The period and where the assessment was renewed from tell copies apart (ids cut at 80
    // columns do not): the period is never cut, the place and the origin shorten first.
    let label = s.period_label();
    let own = &s.assessment().id;
    // Another copy for the same place and period (renewed twice): only the id tells them
    // apart, so it is said whole, in place of where it was renewed from.
    let twin = app.assessments.iter().any(|r| {
        r.id != *own && r.organisation == d.organisation && r.site == d.site && r.period() == label
    });
    let period = if twin {
        format!(" · {} · {}", clean(&label), clean(own))
    } else {
        format!(" · {}", clean(&label))
    };
    // Where it was renewed from, by that assessment's period where it is listed ("renewed
    // from 2025-26"), else by its id.
    let renewed = d.previous.as_ref().filter(|_| !twin).map(|previous| {
        let from = app
            .assessments
            .iter()
            .find(|r| r.id == *previous && !r.period().is_empty())
            .map_or_else(|| previous.clone(), AssessmentRow::period);
        format!(" · renewed from {}", clean(&from))
    });
    let answered = s.summary.answered_of_total();
    let progress = format!("  {}/{} answered", answered.0, answered.1);
    let state = if s.read_only.is_some() {
        Span::styled("  READ-ONLY ", theme.warn())
    } else if app.save_error.is_some() {
        Span::styled("  NOT SAVED ", theme.error())
    } else if app.saves > 0 {
        Span::styled("  saved ✓ ", theme.good())
    } else {
        Span::raw(" ")
    };
    let right = Line::from(vec![Span::styled(progress, theme.dim()), state]);
    let room = width.saturating_sub(right.width());
    let title = " carecheck ";
    let mut left = Vec::new();
    // The program's name is the first thing to go on a narrow screen, then the place shortens.
    if room >= title.len() + 12 {
        left.push(Span::styled(title, theme.title()));
    } else {
        left.push(Span::raw(" "));
    }
    let used: usize = left.iter().map(Span::width).sum::<usize>() + Span::raw(&period).width();
    // Where it was renewed from is said whole, or not at all, as long as the place keeps a
    // dozen columns: the place shortens first.
    let renewed = renewed.filter(|r| room >= used + Span::raw(r.as_str()).width() + 12);
    let used = used
        + renewed
            .as_ref()
            .map_or(0, |r| Span::raw(r.as_str()).width());
    left.push(Span::raw(shorten(&place, room.saturating_sub(used))));
    left.push(Span::styled(period, theme.key()));
    if let Some(renewed) = renewed {
        left.push(Span::styled(renewed, theme.dim()));
    }
    let [left_area, right_area] = Layout::horizontal([
        Constraint::Min(0),
        Constraint::Length(u16::try_from(right.width()).unwrap_or(u16::MAX)),
    ])
    .areas(area);
    frame.render_widget(Line::from(left), left_area);
    frame.render_widget(right.right_aligned(), right_area);
}

/// `text` cut to `width` columns, with an ellipsis when anything was cut.
pub(crate) fn shorten(text: &str, width: usize) -> String {
    if Span::raw(text).width() <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    for c in text.chars() {
        if Span::raw(format!("{out}{c}…")).width() > width {
            break;
        }
        out.push(c);
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// How many lines the current message needs at `width` (none when there is no message).
pub fn message_height(app: &App, width: u16) -> u16 {
    app.message.as_ref().map_or(1, |m| {
        let lines = wrap(&clean(&m.text), message_width(width)).len();
        u16::try_from(lines)
            .unwrap_or(u16::MAX)
            .clamp(1, MESSAGE_LINES)
    })
}

/// Messages keep a column clear at each side.
fn message_width(width: u16) -> usize {
    usize::from(width.saturating_sub(2))
}

/// Words of `text` laid out in lines of at most `width` columns; a word longer than a line
/// (a long path) is split where it reaches the edge.
pub(crate) fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let candidate = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if Span::raw(candidate.as_str()).width() <= width {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        for c in word.chars() {
            if Span::raw(format!("{line}{c}")).width() > width {
                lines.push(std::mem::take(&mut line));
            }
            line.push(c);
        }
    }
    lines.push(line);
    lines
}

/// The message, wrapped over as many lines as it needs (see [`message_height`]).
pub fn message(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let Some(m) = &app.message else { return };
    let style = if m.error { theme.error() } else { theme.warn() };
    let mut lines = wrap(&clean(&m.text), message_width(area.width));
    let shown = usize::from(area.height);
    if lines.len() > shown {
        lines.truncate(shown);
        if let Some(last) = lines.last_mut() {
            let pointer = " … m: read in full";
            let keep = message_width(area.width).saturating_sub(Span::raw(pointer).width());
            *last = shorten(last, keep).trim_end_matches('…').to_owned() + pointer;
        }
    }
    let text: Vec<Line> = lines
        .into_iter()
        .map(|l| Line::styled(format!(" {l}"), style))
        .collect();
    frame.render_widget(Paragraph::new(text), area);
}

/// Every message said so far, newest first, each in full.
pub fn log(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    frame.render_widget(Clear, area);
    let block = Block::bordered().title(Line::styled(
        " Messages, newest first (any key closes) ",
        theme.heading(),
    ));
    let width = usize::from(block.inner(area).width);
    let mut lines = Vec::new();
    for m in app.log.iter().rev() {
        let style = if m.error {
            theme.error()
        } else {
            Style::default()
        };
        let mut first = true;
        for l in wrap(&clean(&m.text), width.saturating_sub(2)) {
            let bullet = if first { "• " } else { "  " };
            first = false;
            lines.push(Line::styled(format!("{bullet}{l}"), style));
        }
    }
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// The keys that work here, from the keymap (or the editor's own keys while typing), as many
/// as fit, the most useful first (see [`keymap::footer`]).
pub fn footer(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let owned = |keys: &[(&str, &'static str)]| -> Vec<(String, &'static str)> {
        keys.iter().map(|(k, l)| ((*k).to_owned(), *l)).collect()
    };
    let hints: Vec<(String, &str)> = match &app.editor {
        _ if app.confirm.is_some() => edit_keys::hints(EditContext::Confirm),
        Some(editor @ Editor::Note { .. }) => {
            let mut hints = edit_keys::hints(editor.context());
            hints.extend(owned(NOTE_TYPING_KEYS));
            hints
        }
        Some(Editor::Line { purpose, .. }) => {
            let mut hints: Vec<(String, &str)> = edit_keys::hints(EditContext::Line)
                .into_iter()
                // Completing works in the jump box (IDs) and the evidence box (paths).
                .filter(|(_, label)| {
                    *label != "complete"
                        || matches!(purpose, Purpose::Jump | Purpose::Evidence { .. })
                })
                .map(|(k, label)| {
                    let label = if label == "save" {
                        purpose.enter_label()
                    } else {
                        label
                    };
                    (k, label)
                })
                .collect();
            hints.extend(owned(purpose.typing_keys()));
            hints
        }
        Some(editor) => edit_keys::hints(editor.context()),
        None if app.help || app.show_log => vec![("any key".to_owned(), "closes")],
        None if app.screen == Screen::Setup => edit_keys::hints(EditContext::Setup),
        None if app.registers.form.is_some() || app.form.is_some() => {
            edit_keys::hints(EditContext::Record)
        }
        None if app.screen == Screen::Plan && app.plan.form.is_some() => {
            edit_keys::hints(EditContext::PlanForm)
        }
        // A carried answer that no longer counts cannot be confirmed: y is not offered.
        None if app.screen == Screen::Walk && app.walk_shows_stale() => {
            keymap::footer(app.context(), usize::from(area.width))
                .into_iter()
                .filter(|(key, _)| key != "y")
                .collect()
        }
        None => keymap::footer(app.context(), usize::from(area.width)),
    };
    let mut room = usize::from(area.width);
    let mut spans = Vec::new();
    for (key, label) in hints {
        let needed = keymap::hint_width(&key, label);
        if needed > room {
            break;
        }
        room -= needed;
        spans.push(Span::styled(format!(" {key}"), theme.key()));
        spans.push(Span::raw(format!(" {label} ")));
    }
    frame.render_widget(Line::from(spans), area);
}

/// The open editor, drawn over the lower part of the body.
pub fn editor(app: &App, theme: Theme, frame: &mut Frame, body: Rect) {
    match &app.editor {
        Some(Editor::Note {
            item, area: text, ..
        }) => {
            let height = (body.height * 3 / 5).max(5);
            let [_, region] =
                Layout::vertical([Constraint::Min(0), Constraint::Length(height)]).areas(body);
            frame.render_widget(Clear, region);
            let block = Block::bordered()
                .title(format!(" Note for {} ", clean(&item.item)))
                .title_style(theme.heading());
            let inner = block.inner(region);
            frame.render_widget(block, region);
            frame.render_widget(text.as_ref(), inner);
        }
        Some(Editor::Line {
            purpose,
            input,
            error,
            ..
        }) => {
            let [_, region] =
                Layout::vertical([Constraint::Min(0), Constraint::Length(3)]).areas(body);
            frame.render_widget(Clear, region);
            let mut block = Block::bordered()
                .title(format!(" {} ", purpose.prompt()))
                .title_style(theme.heading());
            if let Some(e) = error {
                block = block.title_bottom(Line::styled(format!(" {} ", clean(e)), theme.error()));
            } else if let (Purpose::Jump, Some(s)) = (purpose, &app.session) {
                // The IDs that match what is typed so far (Tab completes them).
                let matches = s.ids_starting(&input.text());
                let shown: Vec<String> = matches.iter().take(8).map(|m| clean(m)).collect();
                let more = if matches.len() > 8 { " …" } else { "" };
                let hint = if matches.is_empty() {
                    " no item ID starts like that ".to_owned()
                } else {
                    format!(" {}{more} (Tab completes) ", shown.join(" "))
                };
                block = block.title_bottom(Line::styled(hint, theme.dim()));
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
        Some(Editor::Evidence { item, selected }) => {
            evidence_list(app, theme, frame, body, item, *selected)
        }
        Some(Editor::Checklists { selected }) => {
            checklist_chooser(app, theme, frame, body, *selected)
        }
        None => {}
    }
}

/// Every checklist carecheck knows, ticked where this assessment uses it.
fn checklist_chooser(app: &App, theme: Theme, frame: &mut Frame, body: Rect, selected: usize) {
    let mut lines = vec![Line::styled(
        " Space adds a checklist, or takes one off (its answers are kept and come back with it).",
        theme.dim(),
    )];
    for (i, choice) in app.choices.iter().enumerate() {
        let tick = if app.uses_checklist(&choice.id) {
            "[x]"
        } else {
            "[ ]"
        };
        let line = Line::raw(format!(
            " {tick} {} ({})",
            clean(&choice.title),
            crate::text::count(choice.items, "item", "items")
        ));
        lines.push(if i == selected {
            line.style(theme.selected())
        } else {
            line
        });
    }
    let inner_width = body.width.saturating_sub(2);
    let height = u16::try_from(
        Paragraph::new(lines.clone())
            .wrap(ratatui::widgets::Wrap { trim: false })
            .line_count(inner_width),
    )
    .unwrap_or(u16::MAX)
    .saturating_add(2)
    .min(body.height);
    let [_, region] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(height)]).areas(body);
    frame.render_widget(Clear, region);
    let block = Block::bordered().title(Line::styled(
        " Checklists in this assessment ",
        theme.heading(),
    ));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(ratatui::widgets::Wrap { trim: false }),
        region,
    );
}

/// The item's own evidence, one entry a line with what the last re-check found.
fn evidence_list(
    app: &App,
    theme: Theme,
    frame: &mut Frame,
    body: Rect,
    item: &crate::domain::checklist::ItemRef,
    selected: usize,
) {
    use crate::tui::evidence::entry_state;
    let Some(s) = &app.session else { return };
    let evidence = s.own_answer(item).evidence;
    let checks = app.evidence_checks.get(item);
    let mut lines = Vec::new();
    for (i, e) in evidence.iter().enumerate() {
        let state = entry_state(e, checks.and_then(|c| c.get(i)), app.today);
        let style = if state.problem {
            theme.error()
        } else {
            theme.good()
        };
        let mut line = Line::from(vec![
            Span::raw(format!(" {}. {}", i + 1, clean(e.source.describe()))),
            Span::styled(format!("  {}", clean(&state.words)), style),
        ]);
        if i == selected {
            line = line.style(theme.selected());
        }
        lines.push(line);
    }
    let height = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2)
        .min(body.height);
    let [_, region] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(height)]).areas(body);
    frame.render_widget(Clear, region);
    let block = Block::bordered().title(Line::styled(
        format!(" Evidence for {} ", clean(&item.item)),
        theme.heading(),
    ));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(ratatui::widgets::Wrap { trim: false }),
        region,
    );
}

/// The "discard what you typed?" question, in a box over the middle of the body.
pub fn confirm(app: &App, theme: Theme, frame: &mut Frame, body: Rect) {
    let Some(confirm) = app.confirm else { return };
    let question = match confirm {
        Confirm::DiscardSetup => "Close the form and lose what you typed?",
        Confirm::DiscardEditor | Confirm::DiscardRecord | Confirm::DiscardForm => {
            "Close without saving what you typed?"
        }
    };
    let width = body.width.min(60);
    let region = Rect {
        x: body.x + (body.width - width) / 2,
        y: body.y + body.height.saturating_sub(4) / 2,
        width,
        height: 4.min(body.height),
    };
    frame.render_widget(Clear, region);
    let block = Block::bordered().title(Line::styled(" Discard? ", theme.heading()));
    let lines = vec![
        Line::raw(format!(" {question}")),
        Line::from(vec![
            Span::styled(" y", theme.key()),
            Span::raw(" discard it    "),
            Span::styled("n", theme.key()),
            Span::raw(" keep typing"),
        ]),
    ];
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(ratatui::widgets::Wrap { trim: false }),
        region,
    );
}
