//! The incident card: ONE A4 page to pin by the phone, with the numbers to ring and the
//! first-hour steps of each common incident, in type as large as will fit.
//!
//! The card is laid out with the report's own layout engine at a large size first, and the
//! size is stepped down until everything fits on one page; a provider with a long contact list
//! gets smaller type rather than a second page that would get lost.

use super::document::{DocumentKind, Finish, finish};
use super::layout::{Block, Cell, Colour, Page, PageSpec, TextStyle, layout};
use super::pdf;
use super::plan_export::{ring_label, short_name};
use super::{Pack, layout::A4};
use crate::continuity::PlanView;
use crate::domain::date::Timestamp;
use crate::domain::plan::{HelpdeskFrom, Ring, Role};
use crate::text::one_line;

/// A4 with narrow margins: a card has no use for wide ones.
const CARD: PageSpec = PageSpec {
    margin: 28.0,
    top: 26.0,
    bottom: 24.0,
    ..A4
};

/// Body type sizes tried, largest first (points). A plan with ten contacts and the six
/// suggested incidents (about fifty steps) fits at 8pt, where each step takes one line of its
/// column; a shorter plan gets larger type. Below 7.5pt a card is no longer readable on a wall.
const SIZES: [f32; 14] = [
    12.0, 11.5, 11.0, 10.5, 10.0, 9.5, 9.0, 8.75, 8.5, 8.25, 8.0, 7.75, 7.5, 7.25,
];

/// Builds the incident card. Fails only if even the smallest type would need a second page.
pub fn incident_card(view: &PlanView, generated: Timestamp) -> Result<Pack, String> {
    let lay_out = |fonts: &pdf::Fonts| {
        fit(view, fonts).map(|(_, pages)| pages).ok_or_else(|| {
            "the incident card does not fit on one page even in small type: shorten the first-hour steps or the contact notes (`carecheck plan show`)".to_owned()
        })
    };
    let meta = pdf::Metadata {
        title: format!("Incident card: {}", one_line(&view.place())),
        author: view.organisation.clone(),
        subject: "What to do in the first hour of a cyber or data incident, and who to ring".into(),
        keywords: vec!["carecheck".into(), "incident card".into()],
        created: generated,
        bookmarks: vec![(1, "Incident card".into(), 0)],
        manifest: None,
    };
    let document = Finish {
        kind: DocumentKind::IncidentCard,
        spec: CARD,
        meta,
    };
    finish(document, &lay_out)
}

/// The provider's roles that some incident says to ring but that have no contact yet, in the
/// order the roles are listed.
fn missing_roles(view: &PlanView) -> Vec<Role> {
    let rung: Vec<Role> = view
        .plan
        .incidents
        .iter()
        .flat_map(|i| &i.incident.ring)
        .filter_map(|r| match r {
            Ring::Local(role) => Some(*role),
            Ring::National(_) => None,
        })
        .collect();
    Role::ALL
        .into_iter()
        .filter(|role| rung.contains(role) && view.plan.lacks_role(*role, &view.helpdesks))
        .collect()
}

/// Opening hours cut to their first sentence ("Phone: Monday to Friday, 9am to 5pm").
fn short_hours(hours: &str) -> String {
    let first = hours.split(". ").next().unwrap_or(hours);
    let first = first.strip_prefix("Phone: ").unwrap_or(first);
    first.trim_end_matches('.').to_owned()
}

/// The largest body size at which the card fits one page, with its laid-out page.
fn fit(view: &PlanView, fonts: &pdf::Fonts) -> Option<(f32, Vec<Page>)> {
    SIZES.into_iter().find_map(|size| {
        let pages = layout(&blocks(view, size), fonts, CARD);
        (pages.len() == 1).then_some((size, pages))
    })
}

fn style(size: f32, bold: bool, colour: Colour) -> TextStyle {
    TextStyle {
        size,
        bold,
        mono: false,
        colour,
    }
}

/// The card's content at body size `size`.
fn blocks(view: &PlanView, size: f32) -> Vec<Block> {
    let bold = style(size, true, Colour::Black);
    let small = style((size * 0.85).max(7.0), false, Colour::Black);
    let safe = |t: &str| one_line(t).into_owned();
    let mut blocks = vec![
        Block::paragraph(
            "IF IT GOES WRONG: THE FIRST HOUR",
            style(size * 1.7, true, Colour::Red),
        ),
        Block::paragraph(
            format!(
                "{} · printed {} · keep by the phone",
                safe(&view.place()),
                view.today.uk()
            ),
            style(size, true, Colour::Grey),
        ),
        Block::paragraph(
            "Someone in danger, or a crime happening now: ring 999. Keep people safe first; then follow the steps for what has happened.",
            bold,
        ),
        Block::paragraph("NUMBERS TO RING", style(size * 1.2, true, Colour::Blue)),
    ];

    // Two contacts side by side: who (with when to ring) and the number in bold.
    let mut entries: Vec<(String, String)> = Vec::new();
    for (_, c) in &view.plan.contacts {
        let mut who = format!("{}: {}", c.role.label(), safe(&c.name));
        if !c.email.is_empty() {
            who = format!("{who}, {}", safe(&c.email));
        }
        if !c.notes.is_empty() {
            who = format!("{who} ({})", safe(&c.notes));
        }
        let number = if c.phone.is_empty() {
            "(email)".to_owned()
        } else {
            safe(&c.phone)
        };
        entries.push((who, number));
    }
    // Each critical supplier's helpdesk the plan has no contact for: the register's support
    // contact, else a line to write the number on.
    for h in &view.helpdesks {
        let label = Role::SupplierHelpdesk.label();
        match &h.from {
            HelpdeskFrom::Plan { .. } => {}
            HelpdeskFrom::Register { support } => entries.push((
                format!("{label}: {} (from your supplier register)", safe(&h.name)),
                safe(support),
            )),
            HelpdeskFrom::Missing => entries.push((
                format!(
                    "{label}: {} (critical supplier): not in the plan yet; write the number here",
                    safe(&h.name)
                ),
                "____________".into(),
            )),
        }
    }
    // A role the steps tell staff to ring but with no number yet gets a line to write it on.
    for role in missing_roles(view) {
        entries.push((
            format!(
                "{}: not in the plan yet; write the number here",
                role.label()
            ),
            "____________".into(),
        ));
    }
    let mut unconfirmed = false;
    for c in view.starter.contacts.iter().filter(|c| c.phone.is_some()) {
        let mut who = safe(&short_name(&c.name));
        if let Some(hours) = &c.hours {
            who = format!("{who} ({})", safe(&short_hours(hours)));
        }
        if !c.checked.confidence.is_confirmed() {
            unconfirmed = true;
            who.push_str(" [unconfirmed: check]");
        }
        if c.checked.review_overdue(view.today) {
            who.push_str(" [review overdue]");
        }
        entries.push((who, safe(c.phone.as_deref().unwrap_or(""))));
    }
    let rows = entries
        .chunks(2)
        .map(|pair| {
            let mut row = Vec::new();
            for (who, number) in pair {
                row.push(Cell::new(who.clone(), small));
                row.push(Cell::new(number.clone(), bold));
            }
            row
        })
        .collect();
    blocks.push(Block::Table {
        widths: vec![2.35, 1.05, 2.35, 1.05],
        header: Vec::new(),
        rows,
    });

    blocks.push(Block::paragraph(
        "WHAT HAS HAPPENED?",
        style(size * 1.2, true, Colour::Blue),
    ));
    let steps_style = style(size * 0.92, false, Colour::Black);
    let mut rows = Vec::new();
    for pair in view.plan.incidents.chunks(2) {
        let titles = pair
            .iter()
            .map(|i| Cell::new(safe(&i.incident.title), bold))
            .collect::<Vec<_>>();
        let steps = pair
            .iter()
            .map(|i| {
                let mut text: Vec<String> = i
                    .steps
                    .iter()
                    .enumerate()
                    .map(|(n, s)| format!("{}. {}", n + 1, safe(s)))
                    .collect();
                let ring: Vec<String> = i
                    .incident
                    .ring
                    .iter()
                    .map(|r| ring_label(view, r))
                    .collect();
                text.push(format!("Ring: {}", safe(&ring.join(", "))));
                Cell::new(text.join("\n"), steps_style)
            })
            .collect::<Vec<_>>();
        rows.push(titles);
        rows.push(steps);
    }
    blocks.push(Block::Table {
        widths: vec![1.0, 1.0],
        header: Vec::new(),
        rows,
    });
    let (checked, review) = view
        .starter
        .contacts
        .iter()
        .map(|c| (c.checked.checked, c.checked.review_by))
        .max()
        .map(|(c, r)| (c.uk(), r.uk()))
        .unwrap_or_default();
    let mut footer = format!(
        "National numbers checked {checked} against their public sources; review them by {review}."
    );
    if unconfirmed {
        footer.push_str(
            " Entries marked \"unconfirmed\" could not be read on the organisation's own page: check them before relying on them.",
        );
    }
    footer.push_str(
        " Personal data breach: decide within 72 hours whether it must be reported (DSPT incident tool or ICO); record every breach.",
    );
    blocks.push(Block::paragraph(footer, small));
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checklist::plan_starter;
    use crate::domain::date::Date;
    use crate::domain::plan::{Contact, EffectivePlan, Plan};
    use crate::domain::registers::Supplier;

    fn view(plan: &Plan) -> PlanView {
        with_suppliers(plan, &[])
    }

    fn with_suppliers(plan: &Plan, suppliers: &[(&str, Supplier)]) -> PlanView {
        let starter = plan_starter::bundled().expect("starter");
        let effective = EffectivePlan::of(plan, None, &starter);
        let helpdesks = effective.supplier_helpdesks(suppliers.iter().map(|(id, s)| (*id, s)));
        let today = Date::parse("2026-11-28").expect("date");
        PlanView {
            assessment_id: "oak".into(),
            organisation: "Oak House Care".into(),
            site: Some("Leeds".into()),
            head_office: None,
            test: effective.test_standing(today),
            starter,
            plan: effective,
            helpdesks,
            today,
            evidence: crate::continuity::PlanEvidence::all(),
        }
    }

    fn ten_contacts() -> Plan {
        let mut plan = Plan::default();
        for (n, role) in Role::ALL.into_iter().enumerate() {
            plan.contacts.insert(
                format!("c{n}"),
                Contact {
                    role,
                    name: format!("{} for Oak House, named in full", role.label()),
                    phone: format!("0113 496 00{n:02}"),
                    email: String::new(),
                    notes: if n % 2 == 0 {
                        "Out of hours: the on-call number on the office board".into()
                    } else {
                        String::new()
                    },
                },
            );
        }
        plan
    }

    #[test]
    fn a_realistic_card_fits_one_page_in_readable_type() {
        let fonts = pdf::Fonts::load().expect("fonts");
        let (size, pages) = fit(&view(&ten_contacts()), &fonts).expect("fits");
        assert_eq!(pages.len(), 1);
        // Ten contacts and six incidents still leave type a night-shift carer can read.
        // At 8pt each suggested step fits one line of its column; larger type wraps them.
        assert!(size >= 8.0, "body type {size}pt");
        // A plan with no contacts yet gets larger type than a full one.
        let (empty_size, _) = fit(&view(&Plan::default()), &fonts).expect("fits");
        assert!(empty_size >= size);
    }

    #[test]
    fn roles_the_steps_ring_get_a_line_to_write_in_until_entered() {
        let empty = view(&Plan::default());
        let missing = missing_roles(&empty);
        assert!(missing.contains(&Role::ItSupport) && missing.contains(&Role::OnCallManager));
        assert!(
            !missing.contains(&Role::Icb),
            "no incident rings the ICB locally"
        );
        assert!(missing_roles(&view(&ten_contacts())).is_empty());
    }

    fn card_text(view: &PlanView) -> String {
        let mut out = Vec::new();
        for b in blocks(view, 8.0) {
            if let Block::Table { rows, .. } = b {
                for row in rows {
                    for pair in row.chunks(2) {
                        let texts: Vec<&str> = pair.iter().map(|c| c.text.as_str()).collect();
                        out.push(texts.join(" => "));
                    }
                }
            }
        }
        out.join("\n")
    }

    #[test]
    fn each_critical_suppliers_helpdesk_is_on_the_card_from_the_plan_or_the_register() {
        let supplier = |name: &str, support: &str| Supplier {
            critical: true,
            support_contact: support.into(),
            ..Supplier::named(name)
        };
        let mut plan = Plan::default();
        plan.contacts.insert(
            "supplier-helpdesk".into(),
            Contact {
                role: Role::SupplierHelpdesk,
                name: "MedsOnline support".into(),
                phone: "0800 000 111".into(),
                email: String::new(),
                notes: String::new(),
            },
        );
        let card = with_suppliers(
            &plan,
            &[
                (
                    "acme",
                    supplier("Acme Care Records Ltd", "0113 496 0000 (24/7)"),
                ),
                ("meds", supplier("MedsOnline Ltd", "0800 999 999")),
                ("rota", supplier("RotaCloud", "")),
            ],
        );
        let text = card_text(&card);
        assert!(
            text.contains(
                "Supplier helpdesk: Acme Care Records Ltd (from your supplier register) => 0113 496 0000 (24/7)"
            ),
            "{text}"
        );
        // The plan's own contact names MedsOnline, so the register's number is not repeated.
        assert!(
            text.contains("Supplier helpdesk: MedsOnline support => 0800 000 111"),
            "{text}"
        );
        assert!(!text.contains("0800 999 999"), "{text}");
        assert!(
            text.contains("Supplier helpdesk: RotaCloud (critical supplier): not in the plan yet"),
            "{text}"
        );
        assert_eq!(
            text.matches("not in the plan yet").count(),
            missing_roles(&card).len() + 1,
            "only RotaCloud and the roles without a contact are missing: {text}"
        );
        assert!(!missing_roles(&card).contains(&Role::SupplierHelpdesk));
        // Ten contacts, six incidents and the register's helpdesks still fit one page.
        let mut full = ten_contacts();
        full.contacts.extend(plan.contacts.clone());
        let fonts = pdf::Fonts::load().expect("fonts");
        let (size, pages) = fit(
            &with_suppliers(
                &full,
                &[
                    (
                        "acme",
                        supplier("Acme Care Records Ltd", "0113 496 0000 (24/7)"),
                    ),
                    ("meds", supplier("MedsOnline Ltd", "0800 999 999")),
                ],
            ),
            &fonts,
        )
        .expect("fits");
        assert_eq!(pages.len(), 1);
        assert!(size >= 7.5, "body type {size}pt");
    }

    #[test]
    fn the_card_refuses_rather_than_spilling_onto_a_second_page() {
        let mut plan = ten_contacts();
        let long: Vec<String> = (0..40)
            .map(|n| format!("Step {n}: a long instruction that goes on and on about what to do"))
            .collect();
        for incident in ["ransomware", "phishing-click", "lost-device"] {
            plan.steps.insert(incident.into(), long.clone());
        }
        let result = incident_card(&view(&plan), Timestamp::from_unix(0));
        assert!(result.is_err());
    }
}
