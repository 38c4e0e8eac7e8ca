//! The continuity plan on paper: every contact with its source and review date, every
//! critical service and its fallback, the first hour of each incident, the reporting duties
//! and their clocks, and the exercises that tested the plan.

use super::Pack;
use super::document::{DocumentKind, Finish, finish};
use super::heads::add_running_heads;
use super::layout::{A4, Block, Cell, Colour, TextStyle, layout};
use super::pdf;
use super::plan_export::ring_label;
use crate::continuity::PlanView;
use crate::domain::date::Timestamp;
use crate::domain::plan::{HelpdeskFrom, PartOrigin, Role};
use crate::text::one_line;

fn safe(text: &str) -> String {
    one_line(text).into_owned()
}

fn heading(text: impl Into<String>, level: u8) -> Block {
    Block::Heading {
        text: text.into(),
        level,
    }
}

fn labelled(label: &str, text: &str) -> Block {
    Block::Paragraph {
        cells: vec![
            Cell::new(format!("{label}:"), TextStyle::LABEL),
            Cell::new(safe(text), TextStyle::BODY),
        ],
        indent: 0.0,
    }
}

fn origin_note(origin: PartOrigin) -> Option<Block> {
    let text = match origin {
        PartOrigin::Own | PartOrigin::Missing => return None,
        PartOrigin::HeadOffice => "These come from the head office's plan.",
        PartOrigin::Starter => {
            "carecheck's suggestions: not yet adopted. No official source says how long care can carry on without each service, so the prompts below are for you to answer with the team; record each answer in this plan."
        }
    };
    Some(Block::paragraph(
        text,
        TextStyle::SMALL.colour(Colour::Amber),
    ))
}

/// The plan's blocks for its own PDF.
pub fn blocks(view: &PlanView) -> Vec<Block> {
    titled(view, format!("Continuity plan: {}", safe(&view.place())))
}

/// The plan as an appendix of the evidence pack (for `compose`: append these blocks after the
/// answers). It is evidence for DSPT 7.1.2, 7.2.1 and 7.3.2, which its last section names.
pub fn appendix_blocks(view: &PlanView) -> Vec<Block> {
    titled(view, "Appendix: continuity plan and exercises".to_owned())
}

fn titled(view: &PlanView, title: String) -> Vec<Block> {
    let plan = &view.plan;
    let mut b = vec![
        heading(title, 1),
        Block::paragraph(
            format!(
                "What to do when systems fail or are attacked, so that care carries on safely. Made {} from what is recorded in carecheck. Print it and keep it with the incident card and the paper forms.",
                view.today.uk()
            ),
            TextStyle::BODY,
        ),
        Block::paragraph(
            safe(&view.test.describe_on_paper()),
            TextStyle::LABEL.colour(if view.test.needs_reminder() {
                Colour::Red
            } else {
                Colour::Green
            }),
        ),
        heading("1. Who to ring", 2),
    ];
    b.extend(origin_note(plan.contacts_from));
    let header = ["Role", "Name", "Phone / email", "Notes"]
        .iter()
        .map(|h| Cell::new(*h, TextStyle::LABEL))
        .collect();
    let mut rows: Vec<Vec<Cell>> = plan
        .contacts
        .iter()
        .map(|(id, c)| {
            let reach = [c.phone.as_str(), c.email.as_str()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join("\n");
            vec![
                Cell::new(
                    if plan.inherited_contacts.contains(id) {
                        format!("{} (head office)", c.role.label())
                    } else {
                        c.role.label().to_owned()
                    },
                    TextStyle::BODY,
                ),
                Cell::new(safe(&c.name), TextStyle::BODY),
                Cell::new(safe(&reach), TextStyle::LABEL),
                Cell::new(safe(&c.notes), TextStyle::SMALL),
            ]
        })
        .collect();
    if rows.is_empty() {
        rows.push(vec![
            Cell::new("None entered yet", TextStyle::BODY),
            Cell::new("", TextStyle::BODY),
            Cell::new("", TextStyle::BODY),
            Cell::new(
                "Add who decides, the manager on call, IT support, each critical supplier's helpdesk, the bank, the insurer's incident line, the local authority and the ICB.",
                TextStyle::SMALL,
            ),
        ]);
    }
    // Each critical supplier's helpdesk the plan has no contact for: the register's support
    // contact, else a row saying it is missing (the same rule as the card and the screen).
    for h in &view.helpdesks {
        let (reach, note) = match &h.from {
            HelpdeskFrom::Plan { .. } => continue,
            HelpdeskFrom::Register { support } => {
                (safe(support), "(from your supplier register)".to_owned())
            }
            HelpdeskFrom::Missing => (
                String::new(),
                "Critical in your supplier register: its helpdesk is not recorded yet (add a supplier-helpdesk contact, or its support contact in the register)".to_owned(),
            ),
        };
        rows.push(vec![
            Cell::new(Role::SupplierHelpdesk.label(), TextStyle::BODY),
            Cell::new(safe(&h.name), TextStyle::BODY),
            Cell::new(reach, TextStyle::LABEL),
            Cell::new(note, TextStyle::SMALL),
        ]);
    }
    b.push(Block::Table {
        widths: vec![1.5, 2.0, 1.6, 2.6],
        header,
        rows,
    });
    b.push(heading("National contacts", 3));
    for c in &view.starter.contacts {
        b.push(Block::paragraph(safe(&c.name), TextStyle::LABEL));
        b.push(Block::paragraph(safe(&c.purpose), TextStyle::BODY));
        for (label, value) in [
            ("Phone", c.phone.as_deref()),
            ("Email", c.email.as_deref()),
            ("Address", c.url.as_deref()),
            ("Online form", c.online_form_url.as_deref()),
            ("Hours", c.hours.as_deref()),
        ] {
            if let Some(value) = value {
                b.push(labelled(label, value));
            }
        }
        let overdue = if c.checked.review_overdue(view.today) {
            " REVIEW OVERDUE."
        } else {
            ""
        };
        b.push(Block::paragraph(
            format!(
                "Checked {} against {}; review by {}.{overdue} {}.",
                c.checked.checked.uk(),
                safe(
                    c.checked
                        .source_url
                        .as_deref()
                        .unwrap_or("(no public source)")
                ),
                c.checked.review_by.uk(),
                safe(&c.checked.confidence.describe())
            ),
            TextStyle::SMALL.colour(if c.checked.confidence.is_confirmed() {
                Colour::Grey
            } else {
                Colour::Amber
            }),
        ));
        if let Some(notes) = &c.notes {
            b.push(Block::paragraph(safe(notes), TextStyle::SMALL));
        }
        b.push(Block::Space(3.0));
    }

    b.push(heading("2. Critical services and their fallbacks", 2));
    b.extend(origin_note(plan.services_from));
    for (id, s) in &plan.services {
        b.push(heading(format!("{} ({id})", safe(&s.title)), 3));
        let how_long = if s.how_long.is_empty() {
            "not yet answered"
        } else {
            &s.how_long
        };
        b.push(labelled("How long care can carry on without it", how_long));
        for (label, text) in [
            ("Fallback", &s.fallback),
            ("Forms kept", &s.forms_kept),
            ("Who switches", &s.who_switches),
            ("Entering data back", &s.back_entry),
        ] {
            if !text.is_empty() {
                b.push(labelled(label, text));
            }
        }
        if let Some(template) = s.template.as_deref().and_then(|t| view.starter.service(t)) {
            b.push(labelled("Prepare beforehand", &template.prepare));
            if s.how_long.is_empty() {
                b.push(labelled("To decide", &template.how_long_prompt));
            }
        }
    }

    let to_consider = plan.services_to_consider(&view.starter);
    if !to_consider.is_empty() {
        let names: Vec<String> = to_consider
            .iter()
            .map(|t| format!("{} ({})", t.title, t.id))
            .collect();
        b.push(Block::paragraph(
            format!(
                "Not in this plan yet; carecheck suggests you consider: {}. Add the ones that apply to this plan.",
                names.join(", ")
            ),
            TextStyle::SMALL.colour(Colour::Amber),
        ));
    }

    b.push(heading("3. The first hour", 2));
    for i in &plan.incidents {
        b.push(heading(safe(&i.incident.title), 3));
        b.extend(origin_note(match i.steps_from {
            PartOrigin::Starter => PartOrigin::Missing,
            other => other,
        }));
        b.push(labelled("How you recognise it", &i.incident.when));
        for (n, step) in i.steps.iter().enumerate() {
            b.push(Block::Paragraph {
                cells: vec![
                    Cell::new(format!("{}.", n + 1), TextStyle::LABEL),
                    Cell::new(safe(step), TextStyle::BODY),
                ],
                indent: 10.0,
            });
        }
        let ring: Vec<String> = i
            .incident
            .ring
            .iter()
            .map(|r| ring_label(view, r))
            .collect();
        b.push(labelled("Ring", &ring.join(", ")));
        for d in &i.incident.do_not {
            b.push(Block::paragraph(
                safe(d),
                TextStyle::LABEL.colour(Colour::Red),
            ));
        }
        let duties: Vec<String> = i
            .incident
            .duties
            .iter()
            .filter_map(|d| view.starter.duty(d))
            .map(|d| d.title.clone())
            .collect();
        if !duties.is_empty() {
            b.push(labelled("May need reporting", &duties.join("; ")));
        }
        for source in &i.incident.sources {
            let url = source
                .url
                .as_deref()
                .map(|u| format!(" {u}"))
                .unwrap_or_default();
            b.push(Block::paragraph(
                format!("Based on: {}{}", safe(&source.title), safe(&url)),
                TextStyle::SMALL,
            ));
        }
    }

    b.push(heading("4. Reporting duties and their clocks", 2));
    b.push(Block::paragraph(
        "Not legal advice: each duty says where it comes from and how sure carecheck is of it.",
        TextStyle::SMALL,
    ));
    for d in &view.starter.duties {
        b.push(heading(
            format!("{} ({})", safe(&d.title), d.kind.label()),
            3,
        ));
        b.push(labelled("When it applies", &d.applies_when));
        b.push(labelled("Clock", &d.clock));
        if let Some(starts) = &d.clock_starts {
            b.push(labelled("Clock starts", starts));
        }
        if !d.how.is_empty() {
            let how: Vec<String> = d.how.iter().map(|r| ring_label(view, r)).collect();
            b.push(labelled("How", &how.join(", ")));
        }
        if let Some(keep) = &d.keep_record {
            b.push(labelled("Keep a record", keep));
        }
        if let Some(notes) = &d.notes {
            b.push(Block::paragraph(safe(notes), TextStyle::SMALL));
        }
        for source in &d.sources {
            let url = source
                .url
                .as_deref()
                .map(|u| format!(" {u}"))
                .unwrap_or_default();
            b.push(Block::paragraph(
                format!("Source: {}{}", safe(&source.title), safe(&url)),
                TextStyle::SMALL,
            ));
        }
        b.push(Block::paragraph(
            format!(
                "Checked {}; review by {}. {}.",
                d.checked.checked.uk(),
                d.checked.review_by.uk(),
                safe(&d.checked.confidence.describe())
            ),
            TextStyle::SMALL.colour(if d.checked.confidence.is_confirmed() {
                Colour::Grey
            } else {
                Colour::Amber
            }),
        ));
    }

    b.push(heading("5. Exercises", 2));
    b.extend(origin_note(plan.exercises_from));
    if plan.exercises.is_empty() {
        b.push(Block::paragraph(
            "No exercise recorded yet. Gather the team for half an hour with one of the incidents above, note what went wrong, and record it in this plan.",
            TextStyle::BODY,
        ));
    }
    for (id, e) in &plan.exercises {
        b.push(heading(
            format!("{id}: {} · {}", e.date.uk(), safe(&e.scenario)),
            3,
        ));
        if !e.participants.is_empty() {
            b.push(labelled("Who took part", &e.participants.join(", ")));
        }
        if !e.went_wrong.is_empty() {
            b.push(labelled("What went wrong", &e.went_wrong));
        }
        for a in &e.actions {
            b.push(labelled("Action", a));
        }
    }
    b.push(heading("6. What this plan is evidence for", 2));
    b.push(Block::paragraph(
        "DSPT (adult social care) items this plan can be evidence towards. Whether each is met is the item's own answer, shown beside it.",
        TextStyle::BODY,
    ));
    for e in &view.evidence {
        let mut cells = vec![
            Cell::new(format!("{}:", e.item.item), TextStyle::LABEL),
            Cell::new(e.towards, TextStyle::BODY),
        ];
        if let Some(answer) = &e.answer {
            cells.push(Cell::new(
                format!("· This assessment: {}.", safe(answer)),
                TextStyle::BODY.colour(Colour::Grey),
            ));
        }
        b.push(Block::Paragraph { cells, indent: 0.0 });
    }
    b.push(Block::paragraph(
        "It also supports the NCSC Small Business Guide's incident plan and the NCSC 10 Steps incident management step.",
        TextStyle::BODY,
    ));
    b
}

/// The continuity plan as its own PDF.
pub fn continuity_plan(view: &PlanView, generated: Timestamp) -> Result<Pack, String> {
    let blocks = blocks(view);
    let place = safe(&view.place());
    let right = format!("Continuity plan · {}", view.today.uk());
    let lay_out = |fonts: &pdf::Fonts| {
        let mut pages = layout(&blocks, fonts, A4);
        add_running_heads(
            &mut pages,
            0,
            fonts,
            A4,
            &place,
            &right,
            "carecheck continuity plan",
        );
        Ok(pages)
    };
    let meta = pdf::Metadata {
        title: format!("Continuity plan: {place}"),
        author: view.organisation.clone(),
        subject: "Business continuity plan for cyber and data incidents".into(),
        keywords: vec!["carecheck".into(), "continuity plan".into()],
        created: generated,
        // The headings' own bookmarks are added from the pages.
        bookmarks: Vec::new(),
        manifest: Some(
            super::manifest::for_plan(
                super::manifest::DocumentKind::ContinuityPlan,
                view,
                generated,
            )
            .to_json(),
        ),
    };
    let document = Finish {
        kind: DocumentKind::ContinuityPlan,
        spec: A4,
        meta,
    };
    finish(document, &lay_out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checklist::plan_starter;
    use crate::domain::date::Date;
    use crate::domain::plan::{EffectivePlan, Exercise, Plan};
    use crate::report::layout::plain_text;

    #[test]
    fn the_appendix_carries_the_exercise_and_names_the_items_it_evidences() {
        let mut plan = Plan::default();
        plan.exercises.insert(
            "E1".into(),
            Exercise {
                date: Date::parse("2026-03-14").expect("date"),
                scenario: "No internet at 7am".into(),
                participants: Vec::new(),
                went_wrong: String::new(),
                actions: vec!["Print MAR charts weekly".into()],
            },
        );
        let view = view_of(&plan);
        let blocks = appendix_blocks(&view);
        assert!(
            matches!(&blocks[0], Block::Heading { text, level: 1 } if text.starts_with("Appendix"))
        );
        let text = plain_text(&blocks);
        for expected in [
            "E1: 14/03/2026 · No internet at 7am",
            "Print MAR charts weekly",
            "7.2.1",
            "7.1.2",
            "7.3.2",
            "unconfirmed:",
        ] {
            assert!(text.contains(expected), "{expected}");
        }
    }

    fn empty_view() -> PlanView {
        view_of(&Plan::default())
    }

    /// `plan` as a stand-alone home's plan on 28/11/2026.
    fn view_of(plan: &Plan) -> PlanView {
        let starter = plan_starter::bundled().expect("starter");
        let today = Date::parse("2026-11-28").expect("date");
        let effective = EffectivePlan::of(plan, None, &starter);
        PlanView {
            assessment_id: "oak".into(),
            organisation: "Oak".into(),
            site: None,
            head_office: None,
            address: None,
            test: effective.test_standing(today),
            starter,
            plan: effective,
            helpdesks: Vec::new(),
            today,
            evidence: crate::continuity::PlanEvidence::all(),
        }
    }

    /// The plan on paper: what the plan is evidence towards, with the item's own answer
    /// beside it, never a claim that the item is met.
    #[test]
    fn the_evidence_section_shows_each_items_answer_and_claims_nothing_more() {
        let mut view = empty_view();
        view.evidence[0].answer = Some(
            "answered Partial (not met: only partly in place). Note: Plan exists but does not cover ransomware"
                .into(),
        );
        let text = plain_text(&blocks(&view));
        assert!(
            !text.contains("the continuity plan covers cyber incidents"),
            "{text}"
        );
        assert!(
            text.contains("7.1.2: a continuity plan that covers cyber incidents · This assessment: answered Partial (not met: only partly in place). Note: Plan exists but does not cover ransomware."),
            "{text}"
        );
    }

    /// Paper carries no command a reader cannot type: what to do is said in words.
    #[test]
    fn an_empty_plan_on_paper_names_no_command() {
        let text = plain_text(&blocks(&empty_view()));
        assert!(text.contains("never tested"), "{text}");
        for command in ["`", "carecheck plan", "service add", "exercise add"] {
            assert!(!text.contains(command), "{command:?} in:\n{text}");
        }
    }
}
