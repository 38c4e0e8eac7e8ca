//! `carecheck renew` (this year's assessment from last year's) and `carecheck confirm` (a
//! carried-forward answer is still true).

use std::collections::BTreeSet;
use std::io::Write;
use std::process::ExitCode;

use super::{CommandResult, Context, Failure};
use crate::domain::answering::{self, Change, Target};
use crate::domain::assessment::{ChecklistUse, Details, Event, Status};
use crate::domain::checklist::ItemRef;
use crate::domain::plan::PlanChange;
use crate::evidence::recheck;
use crate::store::NewChecklist;
use crate::text::{self, one_line};
use crate::workspace::Access;

/// Starts this year's assessment from last year's `query`: same details and plan, every answer
/// carried forward (counting only once confirmed), evidence checked again. With `edition`, the
/// checklists the library has in that edition move to it, as `upgrade` does.
pub fn renew(
    ctx: &Context,
    query: Option<&str>,
    edition: Option<&str>,
    out: &mut dyn Write,
) -> CommandResult {
    let last = ctx.workspace.load(query, Access::Read)?;
    let old = last.assessment().clone();
    let today = ctx.today();

    // Every checklist's text is read (and the edition chosen) before anything is created, so a
    // failure leaves no half-made assessment behind.
    let mut texts: Vec<(ChecklistUse, String)> = Vec::new();
    let mut moved = Vec::new();
    for used in &old.checklists {
        let newer = edition.and_then(|e| {
            ctx.workspace
                .library
                .get(&used.id)
                .filter(|entry| entry.checklist.edition == e && entry.hash != used.hash)
        });
        match newer {
            Some(entry) => {
                moved.push((used.id.clone(), entry.checklist.edition.clone()));
                texts.push((
                    ChecklistUse {
                        id: entry.checklist.id.clone(),
                        title: entry.checklist.title.clone(),
                        edition: entry.checklist.edition.clone(),
                        hash: entry.hash.clone(),
                    },
                    entry.text.clone(),
                ));
            }
            None => {
                let bytes = last.open.checklist_copy(&used.id)?;
                let text = String::from_utf8(bytes).map_err(|_| {
                    Failure::new(format!(
                        "the stored copy of checklist `{}` in `{}` is not UTF-8 text; nothing was created",
                        one_line(&used.id),
                        one_line(&old.id)
                    ))
                })?;
                texts.push((used.clone(), text));
            }
        }
    }
    if let Some(wanted) = edition {
        let already = old.checklists.iter().any(|c| c.edition == wanted);
        if moved.is_empty() && !already {
            let known: Vec<String> = old
                .checklists
                .iter()
                .filter_map(|c| ctx.workspace.library.get(&c.id))
                .map(|e| format!("{} {}", e.checklist.id, e.checklist.edition))
                .collect();
            return Err(Failure::new(format!(
                "none of the checklists of `{}` has an edition `{}` here (carecheck has: {}); nothing was created",
                one_line(&old.id),
                one_line(wanted),
                one_line(&known.join(", "))
            )));
        }
    }

    let details = renewed_details(&old.details, &old.id);
    let chosen: Vec<NewChecklist<'_>> = texts
        .iter()
        .map(|(used, text)| NewChecklist {
            used: used.clone(),
            text,
        })
        .collect();
    let by = ctx.who(details.assessor.as_deref());
    let mut open = ctx
        .workspace
        .store
        .create(details, &chosen, ctx.now, by.clone())?;
    let id = open.assessment.id.clone();

    let copies = last.open.dir().join("evidence");
    let mut carried = 0;
    let mut look_again: Vec<(ItemRef, String)> = Vec::new();
    for (key, answer) in &old.answers {
        let mut problems = Vec::new();
        for evidence in &answer.evidence {
            let check = recheck(&evidence.source, Some(&copies));
            if check.is_problem() {
                problems.push(format!(
                    "{}: {}",
                    evidence.source.describe(),
                    check.describe()
                ));
            }
            if let Some(by) = evidence.review_by.filter(|d| *d <= today) {
                problems.push(format!(
                    "{}: review was due {}",
                    evidence.source.describe(),
                    by.uk()
                ));
            }
        }
        let next = answering::carry_forward(answer, !problems.is_empty(), today);
        if next.carried.is_some() {
            carried += 1;
        }
        look_again.extend(problems.into_iter().map(|p| (key.clone(), p)));
        open.record(
            Event::Answered {
                item: key.clone(),
                answer: next,
            },
            ctx.now,
            by.clone(),
        )?;
    }
    for change in plan_changes(&old.plan) {
        open.record(Event::Plan { change }, ctx.now, by.clone())?;
    }
    drop(open);

    writeln!(out, "{id}")?;
    writeln!(
        out,
        "Renewed `{}` as `{id}`: {} carried forward; each counts as met only once confirmed (`carecheck confirm ITEM -a {id}`).",
        one_line(&old.id),
        text::count(carried, "answer", "answers")
    )?;
    for (checklist, edition) in &moved {
        writeln!(out, "{}: now {}", one_line(checklist), one_line(edition))?;
    }
    let renewed = ctx.workspace.load_id(&id, Access::Read)?;
    let new_items: Vec<ItemRef> = renewed
        .checklists
        .iter()
        .filter(|c| moved.iter().any(|(id, _)| *id == c.id))
        .flat_map(|c| c.items().map(|i| ItemRef::new(&c.id, &i.id)))
        .filter(|key| !last_year_items(&last).contains(key))
        .collect();
    if !new_items.is_empty() {
        writeln!(out, "New in this edition, to answer first:")?;
        for key in &new_items {
            writeln!(out, "  {key}")?;
        }
    }
    if !look_again.is_empty() {
        writeln!(
            out,
            "Evidence to look at again (those answers are flagged):"
        )?;
        for (key, problem) in &look_again {
            writeln!(out, "  {key} {}", one_line(problem))?;
        }
    }
    if old.details.profile.period_start.is_some() || old.details.profile.period_end.is_some() {
        writeln!(
            out,
            "The period assessed was last year's and is left blank: set it with `carecheck profile -a {id} --period-start DATE --period-end DATE`."
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Last year's details for this year: the same organisation, site, assessor and profile, with
/// the link back; the period assessed is left for this year's dates.
fn renewed_details(old: &Details, old_id: &str) -> Details {
    let mut details = old.clone();
    details.previous = Some(old_id.to_owned());
    details.profile.period_start = None;
    details.profile.period_end = None;
    details
}

fn last_year_items(last: &crate::workspace::Loaded) -> BTreeSet<ItemRef> {
    last.checklists
        .iter()
        .flat_map(|c| c.items().map(|i| ItemRef::new(&c.id, &i.id)))
        .collect()
}

/// The changes that rebuild `plan` in a new assessment.
fn plan_changes(plan: &crate::domain::plan::Plan) -> Vec<PlanChange> {
    let mut changes = Vec::new();
    for (id, contact) in &plan.contacts {
        changes.push(PlanChange::Contact {
            id: id.clone(),
            contact: Some(contact.clone()),
        });
    }
    for (id, service) in &plan.services {
        changes.push(PlanChange::Service {
            id: id.clone(),
            service: Some(service.clone()),
        });
    }
    for (incident, steps) in &plan.steps {
        changes.push(PlanChange::Steps {
            incident: incident.clone(),
            steps: Some(steps.clone()),
        });
    }
    for (id, exercise) in &plan.exercises {
        changes.push(PlanChange::Exercise {
            id: id.clone(),
            exercise: Some(exercise.clone()),
        });
    }
    changes
}

/// Confirms carried-forward answers: each is still true this year.
pub fn confirm(
    ctx: &Context,
    query: Option<&str>,
    items: &[String],
    out: &mut dyn Write,
) -> CommandResult {
    let mut loaded = ctx.workspace.load(query, Access::Write)?;
    // Every item is found before any is confirmed: a mistyped one saves nothing.
    let mut found = Vec::new();
    for query in items {
        let (key, item) = loaded
            .find_item(query)
            .map(|(key, item)| (key, item.clone()))
            .map_err(|e| Failure::new(format!("{e}; nothing was confirmed")))?;
        found.push((key, item));
    }
    let by = ctx.who(loaded.assessment().details.assessor.as_deref());
    for (key, item) in found {
        let (own, head) = loaded.own_answer(&key);
        if own.carried.is_none() {
            let why = if own.status == Status::Unanswered {
                "has no answer of its own to confirm"
            } else {
                "was not carried forward (or is already confirmed)"
            };
            writeln!(out, "{key}: {why}")?;
            continue;
        }
        let target = Target {
            item: &item,
            own: &own,
            inherited_from: head.map(|h| h.name.as_str()),
        };
        let after = answering::apply(target, &[Change::Confirm], ctx.today())
            .map_err(|e| Failure::new(format!("{key}: {e}")))?;
        let status = after.status;
        if let Some(event) = answering::event(&key, &own, after) {
            loaded.record(event, ctx.now, by.clone())?;
        }
        writeln!(out, "{key} {}: {status} (confirmed)", one_line(&item.title))?;
    }
    let waiting = loaded
        .summary(&ctx.workspace.library, ctx.today())
        .carried
        .len();
    writeln!(
        out,
        "{} still waiting to be confirmed.",
        text::count(waiting, "carried-forward answer", "carried-forward answers")
    )?;
    Ok(ExitCode::SUCCESS)
}
