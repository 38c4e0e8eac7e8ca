//! The continuity plan screen: where the plan's test stands (DSPT 7.2.1), the numbers to
//! ring, the critical services, the first-hour steps and the exercises, as one scrolling page.
//! It shows what `carecheck plan` records; printing is `carecheck report --incident-card`.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::clean;
use crate::domain::plan::{EffectivePlan, PartOrigin, Ring, Starter};
use crate::tui::app::App;
use crate::tui::theme::Theme;

pub fn render(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let Some(s) = &app.session else { return };
    let block = Block::bordered().title(Line::styled(" Continuity plan ", theme.heading()));
    let lines = match crate::continuity::shared_starter() {
        Ok(starter) => {
            let plan = EffectivePlan::of(
                &s.assessment().plan,
                s.head_assessment().map(|h| &h.plan),
                starter,
            );
            lines(&plan, starter, app, theme)
        }
        Err(why) => vec![Line::styled(clean(&why), theme.error())],
    };
    // Same as the item screen: never scroll past the end, and say when there is more below.
    let inner_height = area.height.saturating_sub(2);
    let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false });
    let total =
        u16::try_from(paragraph.line_count(area.width.saturating_sub(2))).unwrap_or(u16::MAX);
    let scroll = app.scroll.min(total.saturating_sub(inner_height));
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

/// `text` cut or padded to exactly `width` characters, so the numbers line up.
fn column(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return format!("{text:<width$}");
    }
    let cut: String = text.chars().take(width.saturating_sub(1)).collect();
    format!("{cut}…")
}

fn from(origin: PartOrigin) -> &'static str {
    match origin {
        PartOrigin::Own | PartOrigin::Missing => "",
        PartOrigin::HeadOffice => " (from the head office)",
        PartOrigin::Starter => " (carecheck's suggestions)",
    }
}

fn lines(plan: &EffectivePlan, starter: &Starter, app: &App, theme: Theme) -> Vec<Line<'static>> {
    let today = app.today;
    let test = plan.test_standing(today);
    let mut out = vec![
        Line::styled(
            clean(&test.describe()),
            if test.needs_reminder() {
                theme.warn()
            } else {
                theme.good()
            },
        ),
        Line::styled(
            "Print: carecheck report --incident-card (one page) or --continuity-plan",
            theme.dim(),
        ),
        Line::raw(""),
        Line::styled(
            format!("Numbers to ring{}", from(plan.contacts_from)),
            theme.heading(),
        ),
    ];
    if plan.contacts.is_empty() {
        out.push(Line::styled(
            "  None of your own yet: carecheck plan contact add --role ROLE --name NAME --phone NUMBER",
            theme.warn(),
        ));
    }
    for (id, c) in &plan.contacts {
        let from_head = if plan.inherited_contacts.contains(id) {
            " (head office)"
        } else {
            ""
        };
        let reach = if c.phone.is_empty() {
            &c.email
        } else {
            &c.phone
        };
        out.push(Line::from(vec![
            Span::raw(format!("  {} ", column(c.role.label(), 23))),
            Span::styled(format!("{:<16} ", clean(reach)), theme.heading()),
            Span::raw(clean(&c.name)),
            Span::styled(from_head, theme.dim()),
        ]));
    }
    for c in starter.contacts.iter().filter(|c| c.phone.is_some()) {
        let mut note = String::new();
        if !c.checked.confidence.is_confirmed() {
            note.push_str(" [unconfirmed]");
        }
        if c.checked.review_overdue(today) {
            note.push_str(" [review overdue]");
        }
        let name = crate::report::plan_export::short_name(&c.name);
        out.push(Line::from(vec![
            Span::raw(format!("  {} ", column(&clean(&name), 23))),
            Span::styled(
                format!("{:<16} ", clean(c.phone.as_deref().unwrap_or(""))),
                theme.heading(),
            ),
            Span::styled(
                format!("checked {}{note}", c.checked.checked.uk()),
                theme.dim(),
            ),
        ]));
    }
    out.push(Line::raw(""));
    out.push(Line::styled(
        format!("Critical services{}", from(plan.services_from)),
        theme.heading(),
    ));
    for (_, svc) in &plan.services {
        let how_long = if svc.how_long.is_empty() {
            "how long without it: not answered".to_owned()
        } else {
            format!("without it: {}", clean(&svc.how_long))
        };
        out.push(Line::from(vec![
            Span::raw(format!("  {}", clean(&svc.title))),
            Span::styled(format!(" · {how_long}"), theme.dim()),
        ]));
        out.push(Line::raw(format!("    fallback: {}", clean(&svc.fallback))));
    }
    out.push(Line::raw(""));
    out.push(Line::styled("The first hour", theme.heading()));
    for i in &plan.incidents {
        out.push(Line::styled(
            format!("  {}{}", clean(&i.incident.title), from(i.steps_from)),
            theme.title(),
        ));
        for (n, step) in i.steps.iter().enumerate() {
            out.push(Line::raw(format!("    {}. {}", n + 1, clean(step))));
        }
        let ring: Vec<String> = i
            .incident
            .ring
            .iter()
            .map(|r| match r {
                Ring::Local(role) => role.label().to_owned(),
                Ring::National(id) => starter.contact(id).map_or_else(
                    || id.clone(),
                    |c| crate::report::plan_export::short_name(&c.name),
                ),
            })
            .collect();
        out.push(Line::styled(
            format!("    Ring: {}", clean(&ring.join(", "))),
            theme.dim(),
        ));
    }
    out.push(Line::raw(""));
    out.push(Line::styled(
        format!("Exercises{}", from(plan.exercises_from)),
        theme.heading(),
    ));
    if plan.exercises.is_empty() {
        out.push(Line::styled(
            "  None recorded: carecheck plan exercise add --date DD/MM/YYYY --scenario TEXT",
            theme.warn(),
        ));
    }
    for (id, e) in &plan.exercises {
        out.push(Line::raw(format!(
            "  {id} {} · {}",
            e.date.uk(),
            clean(&e.scenario)
        )));
        if !e.went_wrong.is_empty() {
            out.push(Line::styled(
                format!("    went wrong: {}", clean(&e.went_wrong)),
                theme.dim(),
            ));
        }
        for a in &e.actions {
            out.push(Line::styled(
                format!("    action: {}", clean(a)),
                theme.dim(),
            ));
        }
    }
    out
}
