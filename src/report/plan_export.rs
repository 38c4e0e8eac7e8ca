//! The continuity plan as Markdown (to read or print anywhere) and JSON (everything, for other
//! tools). Markdown cells escape what would break a table or run text together.

use std::fmt::Write as _;

use crate::continuity::PlanView;
use crate::domain::plan::{HelpdeskFrom, PartOrigin, Ring, Role};

/// Everything in the view, as pretty JSON.
pub fn json(view: &PlanView) -> String {
    serde_json::to_string_pretty(view).unwrap_or_default() + "\n"
}

/// Text for one Markdown line or table cell, shown as plain text (the one Markdown escaper).
fn md(text: &str) -> String {
    crate::text::markdown(text)
}

fn origin(origin: PartOrigin) -> &'static str {
    match origin {
        PartOrigin::Own | PartOrigin::Missing => "",
        PartOrigin::HeadOffice => " (from the head office)",
        PartOrigin::Starter => " (carecheck's suggestions, not yet adopted)",
    }
}

/// Who a ring entry means, in words.
pub fn ring_label(view: &PlanView, ring: &Ring) -> String {
    match ring {
        Ring::Local(role) => role.label().to_owned(),
        Ring::National(id) => view
            .starter
            .contact(id)
            .map_or_else(|| id.clone(), |c| short_name(&c.name)),
    }
}

/// The part of a contact's name before any colon or bracket ("ICO", "Report Fraud").
pub fn short_name(name: &str) -> String {
    let cut = name.find([':', '(']).unwrap_or(name.len());
    let short = name[..cut].trim();
    // "159: the bank fraud line" is known by what follows the number.
    if short.chars().any(char::is_alphabetic) {
        short.to_owned()
    } else {
        name.to_owned()
    }
}

pub fn markdown(view: &PlanView) -> String {
    let mut s = String::new();
    let plan = &view.plan;
    let _ = writeln!(s, "# Continuity plan: {}\n", md(&view.place()));
    let _ = writeln!(s, "Made {} by carecheck.\n", view.today.uk());
    let _ = writeln!(s, "**{}**\n", md(&view.test.describe()));

    let _ = writeln!(s, "## Who to ring{}\n", origin(plan.contacts_from));
    let _ = writeln!(
        s,
        "| Role | Name | Phone | Email | Notes |\n|---|---|---|---|---|"
    );
    for (id, c) in &plan.contacts {
        let from_head = if plan.inherited_contacts.contains(id) {
            " (head office)"
        } else {
            ""
        };
        let _ = writeln!(
            s,
            "| {}{from_head} | {} | {} | {} | {} |",
            c.role.label(),
            md(&c.name),
            md(&c.phone),
            md(&c.email),
            md(&c.notes)
        );
    }
    // Each critical supplier's helpdesk the plan has no contact for, as the card lists them.
    for h in &view.helpdesks {
        let (phone, notes) = match &h.from {
            HelpdeskFrom::Plan { .. } => continue,
            HelpdeskFrom::Register { support } => (md(support), "from your supplier register"),
            HelpdeskFrom::Missing => (String::new(), "critical supplier: not in the plan yet"),
        };
        let _ = writeln!(
            s,
            "| {} | {} | {phone} |  | {notes} |",
            Role::SupplierHelpdesk.label(),
            md(&h.name)
        );
    }
    if plan.contacts.is_empty() && view.helpdesks.is_empty() {
        let _ = writeln!(s, "| (none entered yet) | | | | |");
    }
    let _ = writeln!(s, "\n## National contacts\n");
    let _ = writeln!(
        s,
        "| Organisation | Phone | Address | Hours | Checked | Review by | Source | Confidence |\n|---|---|---|---|---|---|---|---|"
    );
    for c in &view.starter.contacts {
        let address = c.url.as_deref().or(c.email.as_deref()).unwrap_or("");
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {}{} | {} | {} |",
            md(&c.name),
            md(c.phone.as_deref().unwrap_or("")),
            md(address),
            md(c.hours.as_deref().unwrap_or("")),
            c.checked.checked.uk(),
            c.checked.review_by.uk(),
            if c.checked.review_overdue(view.today) {
                " (overdue)"
            } else {
                ""
            },
            md(c.checked.source_url.as_deref().unwrap_or("")),
            md(&c.checked.confidence.describe())
        );
    }

    let _ = writeln!(
        s,
        "\n## Critical services and fallbacks{}\n",
        origin(plan.services_from)
    );
    for (id, svc) in &plan.services {
        let _ = writeln!(s, "### {} (`{}`)\n", md(&svc.title), md(id));
        let how_long = if svc.how_long.is_empty() {
            "not yet answered"
        } else {
            svc.how_long.as_str()
        };
        for (label, text) in [
            ("How long care can carry on without it", how_long),
            ("Fallback", &svc.fallback),
            ("Forms kept", &svc.forms_kept),
            ("Who switches", &svc.who_switches),
            ("Entering data back", &svc.back_entry),
        ] {
            if !text.is_empty() {
                let _ = writeln!(s, "- **{label}:** {}", md(text));
            }
        }
        let _ = writeln!(s);
    }

    let to_consider = plan.services_to_consider(&view.starter);
    if !to_consider.is_empty() {
        let ids: Vec<String> = to_consider.iter().map(|t| md(&t.title)).collect();
        let _ = writeln!(
            s,
            "Not in this plan yet (carecheck suggests you consider): {}\n",
            ids.join(", ")
        );
    }
    let _ = writeln!(s, "## The first hour\n");
    for i in &plan.incidents {
        let _ = writeln!(s, "### {}{}\n", md(&i.incident.title), origin(i.steps_from));
        let _ = writeln!(s, "*When:* {}\n", md(&i.incident.when));
        for (n, step) in i.steps.iter().enumerate() {
            let _ = writeln!(s, "{}. {}", n + 1, md(step));
        }
        let ring: Vec<String> = i
            .incident
            .ring
            .iter()
            .map(|r| ring_label(view, r))
            .collect();
        let _ = writeln!(s, "\n**Ring:** {}", md(&ring.join(", ")));
        for d in &i.incident.do_not {
            let _ = writeln!(s, "\n> {}", md(d));
        }
        for source in &i.incident.sources {
            let url = source
                .url
                .as_deref()
                .map(|u| format!(" {}", crate::text::markdown_url(u)))
                .unwrap_or_default();
            let _ = writeln!(s, "\nBased on: {}{url}", md(&source.title));
        }
        let _ = writeln!(s);
    }

    let _ = writeln!(s, "## Reporting duties and their clocks\n");
    for d in &view.starter.duties {
        let _ = writeln!(s, "### {} ({})\n", md(&d.title), d.kind.label());
        let _ = writeln!(s, "- **When it applies:** {}", md(&d.applies_when));
        let _ = writeln!(s, "- **Clock:** {}", md(&d.clock));
        if let Some(starts) = &d.clock_starts {
            let _ = writeln!(s, "- **Clock starts:** {}", md(starts));
        }
        if let Some(keep) = &d.keep_record {
            let _ = writeln!(s, "- **Keep a record:** {}", md(keep));
        }
        let _ = writeln!(
            s,
            "- **Checked:** {}; review by {}; {}",
            d.checked.checked.uk(),
            d.checked.review_by.uk(),
            md(&d.checked.confidence.describe())
        );
        for source in &d.sources {
            let _ = writeln!(
                s,
                "- Source: {}{}",
                md(&source.title),
                source
                    .url
                    .as_deref()
                    .map(|u| format!(" {}", crate::text::markdown_url(u)))
                    .unwrap_or_default()
            );
        }
        let _ = writeln!(s);
    }

    let _ = writeln!(s, "## Exercises{}\n", origin(plan.exercises_from));
    if plan.exercises.is_empty() {
        let _ = writeln!(s, "None recorded.\n");
    }
    for (id, e) in &plan.exercises {
        let _ = writeln!(s, "### {} {}: {}\n", md(id), e.date.uk(), md(&e.scenario));
        if !e.participants.is_empty() {
            let _ = writeln!(s, "- **Who took part:** {}", md(&e.participants.join(", ")));
        }
        if !e.went_wrong.is_empty() {
            let _ = writeln!(s, "- **What went wrong:** {}", md(&e.went_wrong));
        }
        for a in &e.actions {
            let _ = writeln!(s, "- **Action:** {}", md(a));
        }
        let _ = writeln!(s);
    }
    let _ = writeln!(
        s,
        "## What this plan is evidence for\n\nDSPT (adult social care) items this plan can be evidence towards; whether each is met is the item's own answer.\n"
    );
    for e in &view.evidence {
        let answer = e
            .answer
            .as_ref()
            .map(|a| format!(" This assessment: {}.", md(a)))
            .unwrap_or_default();
        let _ = writeln!(s, "- **{}:** {}.{answer}", md(&e.item.item), e.towards);
    }
    s
}
