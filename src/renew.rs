//! Renewing: this year's assessment from last year's. One rule, used by `carecheck renew` and by
//! the TUI's `Y`: the same details (with the period assessed left blank), every answer carried
//! forward and marked to confirm, evidence checked again, open actions kept open, the plan and
//! registers copied. A renew that fails part-way leaves no half-made assessment behind.

use std::collections::{BTreeMap, BTreeSet};

use thiserror::Error;

use crate::domain::answering;
use crate::domain::assessment::{Assessment, ChecklistUse, Details, Event};
use crate::domain::checklist::ItemRef;
use crate::domain::date::Timestamp;
use crate::domain::plan::{Plan, PlanChange};
use crate::domain::registers::{RegisterChange, Registers};
use crate::evidence::recheck;
use crate::store::{NewChecklist, StoreError, author};
use crate::text::one_line;
use crate::workspace::{Access, LoadError, Workspace};

#[derive(Debug, Error)]
pub enum RenewError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error(
        "the stored copy of checklist `{checklist}` in `{assessment}` is not UTF-8 text; nothing was created"
    )]
    NotText {
        checklist: String,
        assessment: String,
    },
    #[error(
        "none of the checklists of `{assessment}` has an edition `{wanted}` here (carecheck has: {known}); nothing was created"
    )]
    NoSuchEdition {
        assessment: String,
        wanted: String,
        known: String,
    },
    #[error("could not finish renewing `{assessment}`, so nothing was created: {source}")]
    Unfinished {
        assessment: String,
        source: StoreError,
    },
}

/// What a renew made, for the CLI's and the TUI's messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Renewed {
    /// The new assessment's id.
    pub id: String,
    /// Last year's id.
    pub from: String,
    /// How many answers wait to be confirmed.
    pub carried: usize,
    /// Checklists moved to a newer edition: (checklist id, edition).
    pub moved: Vec<(String, String)>,
    /// Items new in a moved checklist's edition, to answer first.
    pub new_items: Vec<ItemRef>,
    /// Evidence that changed, went missing or is due a review (those answers are flagged).
    pub look_again: Vec<(ItemRef, String)>,
    /// Last year's period assessed was left blank for this year's dates.
    pub period_cleared: bool,
    /// The head office this site now inherits from, when it was moved to this year's.
    pub repointed: Option<String>,
}

/// Records one event in the new assessment (a parameter so a test can make one fail).
pub use crate::store::Recorder;

/// Which edition of each checklist this year's assessment answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Editions<'a> {
    /// The one carecheck has now, where it differs from last year's (as `upgrade` moves to):
    /// the DSPT is republished each year, and this year's answers are to this year's edition.
    Newest,
    /// Last year's, whatever carecheck has now.
    Keep,
    /// This edition, for the checklists carecheck has in it; the others keep last year's.
    Only(&'a str),
}

/// Renews `query` (see the module comment), moving its checklists to `editions` as `upgrade`
/// does.
pub fn renew(
    workspace: &Workspace,
    query: Option<&str>,
    edition: Editions<'_>,
    now: Timestamp,
) -> Result<Renewed, RenewError> {
    renew_recording(
        workspace,
        query,
        edition,
        now,
        &mut |open, event, at, by| open.record(event, at, by),
    )
}

/// [`renew`], recording each event through `record`.
pub fn renew_recording(
    workspace: &Workspace,
    query: Option<&str>,
    edition: Editions<'_>,
    now: Timestamp,
    record: &mut Recorder<'_>,
) -> Result<Renewed, RenewError> {
    let last = workspace.load(query, Access::Read)?;
    let old = last.assessment();
    let today = now.date();

    // Every checklist's text is read (and the edition chosen) before anything is created.
    let mut texts: Vec<(ChecklistUse, String)> = Vec::new();
    let mut moved = Vec::new();
    for used in &old.checklists {
        let newer = workspace
            .library
            .get(&used.id)
            .filter(|entry| entry.hash != used.hash)
            .filter(|entry| match edition {
                Editions::Newest => true,
                Editions::Keep => false,
                Editions::Only(wanted) => entry.checklist.edition == wanted,
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
                let text = String::from_utf8(bytes).map_err(|_| RenewError::NotText {
                    checklist: one_line(&used.id).into_owned(),
                    assessment: one_line(&old.id).into_owned(),
                })?;
                texts.push((used.clone(), text));
            }
        }
    }
    if let Editions::Only(wanted) = edition {
        let already = old.checklists.iter().any(|c| c.edition == wanted);
        if moved.is_empty() && !already {
            let known: Vec<String> = old
                .checklists
                .iter()
                .filter_map(|c| workspace.library.get(&c.id))
                .map(|e| format!("{} {}", e.checklist.id, e.checklist.edition))
                .collect();
            return Err(RenewError::NoSuchEdition {
                assessment: one_line(&old.id).into_owned(),
                wanted: one_line(wanted).into_owned(),
                known: one_line(&known.join(", ")).into_owned(),
            });
        }
    }

    let mut details = renewed_details(&old.details, &old.id);
    // Last year's judgement as it stood at its last change, kept for the comparison.
    let judged_on = old.updated.date().min(today);
    details.last_year = Some(Box::new(
        last.summary(&workspace.library, judged_on)
            .recorded(judged_on),
    ));
    let repointed = match &old.details.inherits_from {
        Some(head) => this_years_head_office(workspace, head)?,
        None => None,
    };
    if let Some(head) = &repointed {
        details.inherits_from = Some(head.clone());
    }

    // The answers, plan and registers are worked out before anything is written.
    let copies = last.open.dir().join("evidence");
    let mut carried = 0;
    let mut look_again: Vec<(ItemRef, String)> = Vec::new();
    let mut events = Vec::new();
    let last_answerers = crate::provenance::answerers(&last.open.history()?);
    // In the order a reader counts (6.3.5 before 10.2.1), so the change log lists the
    // carried answers as the item pages do.
    let mut answers: Vec<_> = old.answers.iter().collect();
    answers.sort_by(|(a, _), (b, _)| a.natural_cmp(b));
    for (key, answer) in answers {
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
        let mut next = answering::carry_forward(answer, !problems.is_empty(), today);
        if next.carried.is_some() {
            next.first_answered_by = last_answerers.get(key).and_then(|a| a.by.clone());
        }
        if next.carried.is_some() {
            carried += 1;
        }
        look_again.extend(problems.into_iter().map(|p| (key.clone(), p)));
        events.push(Event::Answered {
            item: key.clone(),
            answer: next,
        });
    }
    events.extend(
        plan_changes(&old.plan)
            .into_iter()
            .map(|change| Event::Plan { change }),
    );
    events.extend(
        register_changes(&old.registers)
            .into_iter()
            .map(|change| Event::Register {
                change: Box::new(change),
            }),
    );

    let chosen: Vec<NewChecklist<'_>> = texts
        .iter()
        .map(|(used, text)| NewChecklist {
            used: used.clone(),
            text,
        })
        .collect();
    let by = author(details.assessor.as_deref());
    // Built whole in the store's hidden folder and renamed into place: a renew that fails
    // (or is killed) part-way leaves nothing half-made, and last year's is only read.
    let open = workspace
        .store
        .create_filled(details, &chosen, now, by, events, record)
        .map_err(|source| RenewError::Unfinished {
            assessment: one_line(&old.id).into_owned(),
            source,
        })?;
    let id = open.assessment.id.clone();
    drop(open);

    let last_items = items_of(&last.checklists);
    let from = old.id.clone();
    let period_cleared =
        old.details.profile.period_start.is_some() || old.details.profile.period_end.is_some();
    // Last year's is let go before this year's is loaded, so a large register is held once.
    drop(last);
    let renewed = workspace.load_id(&id, Access::Read)?;
    let new_items = renewed
        .checklists
        .iter()
        .filter(|c| moved.iter().any(|(id, _)| *id == c.id))
        .flat_map(|c| c.items().map(|i| ItemRef::new(&c.id, &i.id)))
        .filter(|key| !last_items.contains(key))
        .collect();
    Ok(Renewed {
        id,
        from,
        carried,
        moved,
        new_items,
        look_again,
        period_cleared,
        repointed,
    })
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

/// The newest renewal of head office `head`, following renewals year on year, when it has
/// been renewed; `None` when `head` is still the newest.
fn this_years_head_office(workspace: &Workspace, head: &str) -> Result<Option<String>, RenewError> {
    let all = workspace.store.all()?;
    // Unreadable assessments cannot be a renewal anyone could inherit from.
    let renewals: BTreeMap<&str, &Assessment> = all
        .iter()
        .filter_map(|(_, a)| a.as_ref().ok())
        .filter(|a| a.details.head_office)
        .filter_map(|a| a.details.previous.as_deref().map(|p| (p, a)))
        .collect();
    let mut current = head;
    let mut seen = BTreeSet::new();
    while let Some(next) = renewals.get(current) {
        if !seen.insert(current) {
            break;
        }
        current = next.id.as_str();
    }
    Ok((current != head).then(|| current.to_owned()))
}

fn items_of(checklists: &[crate::domain::checklist::Checklist]) -> BTreeSet<ItemRef> {
    checklists
        .iter()
        .flat_map(|c| c.items().map(|i| ItemRef::new(&c.id, &i.id)))
        .collect()
}

/// The changes that rebuild `plan` in a new assessment.
fn plan_changes(plan: &Plan) -> Vec<PlanChange> {
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

/// The changes that rebuild the supplier and risk registers in a new assessment.
fn register_changes(registers: &Registers) -> Vec<RegisterChange> {
    let suppliers = registers
        .suppliers
        .iter()
        .map(|(id, s)| RegisterChange::Supplier {
            id: id.clone(),
            supplier: Some(s.clone()),
        });
    let risks = registers.risks.iter().map(|(id, r)| RegisterChange::Risk {
        id: id.clone(),
        risk: Some(r.clone()),
    });
    suppliers.chain(risks).collect()
}
