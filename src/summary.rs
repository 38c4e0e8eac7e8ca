//! Where an assessment stands as a whole: the shared model behind `carecheck status`, the
//! overview screen and the reports. Pure: built from data, with the date passed in.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::domain::assessment::{Answer, Assessment, Details};
use crate::domain::checklist::{Checklist, ItemRef};
use crate::domain::date::{Date, Timestamp};
use crate::domain::progress::{ChecklistProgress, Due, due, orphans, progress};

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub id: String,
    #[serde(flatten)]
    pub details: Details,
    pub created: Timestamp,
    pub updated: Timestamp,
    /// SHA-256 of the assessment's canonical form: matches a printed report to the saved state.
    pub fingerprint: String,
    pub checklists: Vec<ChecklistSummary>,
    /// True when every level of every checklist is reached.
    pub all_levels_reached: bool,
    pub due: Vec<Due>,
    /// Answers kept for items that the checklists no longer have.
    pub orphaned: Vec<ItemRef>,
    /// For a site: the items whose answer comes from its head office.
    pub inherited: Vec<ItemRef>,
    pub answers: BTreeMap<ItemRef, Answer>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChecklistSummary {
    #[serde(flatten)]
    pub progress: ChecklistProgress,
    pub hash: String,
    /// carecheck has a newer edition than the copy this assessment answered.
    pub newer_edition_available: bool,
}

/// Summarises `assessment` against its `checklists` (in the assessment's order) on `today`.
/// `newer` lists the ids of checklists with a newer edition available.
pub fn summarise(
    assessment: &Assessment,
    checklists: &[Checklist],
    newer: &[&str],
    today: Date,
) -> Summary {
    let summaries: Vec<ChecklistSummary> = checklists
        .iter()
        .zip(&assessment.checklists)
        .map(|(checklist, used)| ChecklistSummary {
            progress: progress(checklist, assessment, today),
            hash: used.hash.clone(),
            newer_edition_available: newer.contains(&checklist.id.as_str()),
        })
        .collect();
    let all_levels_reached = summaries
        .iter()
        .all(|c| c.progress.levels.iter().all(|l| l.reached()));
    let refs: Vec<&Checklist> = checklists.iter().collect();
    let mut due_items: Vec<Due> = checklists
        .iter()
        .flat_map(|c| due(c, assessment, today))
        .collect();
    due_items.sort_by_key(|d| d.since);
    Summary {
        id: assessment.id.clone(),
        details: assessment.details.clone(),
        created: assessment.created,
        updated: assessment.updated,
        fingerprint: assessment.fingerprint(),
        checklists: summaries,
        all_levels_reached,
        due: due_items,
        orphaned: orphans(assessment, &refs).into_iter().cloned().collect(),
        inherited: Vec::new(),
        answers: assessment.answers.clone(),
    }
}

/// One assessment's standing against one checklist, for comparing sites side by side.
#[derive(Debug, Clone, Serialize)]
pub struct RollupRow {
    pub organisation: String,
    pub site: Option<String>,
    pub assessment: String,
    /// "head office", "site of ID" or "" for a stand-alone assessment.
    pub role: String,
    pub checklist: String,
    pub answered: usize,
    pub total: usize,
    pub met: usize,
    pub gaps: usize,
    pub flagged: usize,
    pub inherited: usize,
    /// Each level: name, items met, items required.
    pub levels: Vec<(String, usize, usize)>,
}

/// Rows for every assessment given (each with its effective answers and checklists), sorted
/// by organisation, head office first, then site.
pub fn rollup(
    assessments: &[(crate::workspace::Effective, Vec<Checklist>)],
    today: Date,
) -> Vec<RollupRow> {
    let mut rows = Vec::new();
    for (effective, checklists) in assessments {
        let a = &effective.assessment;
        let role = match (&a.details.inherits_from, a.details.head_office) {
            (Some(head), _) => format!("site of {head}"),
            (None, true) => "head office".to_owned(),
            (None, false) => String::new(),
        };
        for checklist in checklists {
            let p = progress(checklist, a, today);
            rows.push(RollupRow {
                organisation: a.details.organisation.clone(),
                site: a.details.site.clone(),
                assessment: a.id.clone(),
                role: role.clone(),
                checklist: checklist.id.clone(),
                answered: p.tally.answered,
                total: p.tally.total,
                met: p.tally.met,
                gaps: p.tally.gaps,
                flagged: p.tally.flagged,
                inherited: effective
                    .inherited
                    .iter()
                    .filter(|i| i.checklist == checklist.id)
                    .count(),
                levels: p
                    .levels
                    .iter()
                    .map(|l| (l.name.clone(), l.met, l.required))
                    .collect(),
            });
        }
    }
    rows.sort_by(|x, y| {
        let key = |r: &RollupRow| {
            (
                r.organisation.to_lowercase(),
                r.role != "head office",
                r.site.clone(),
                r.checklist.clone(),
            )
        };
        key(x).cmp(&key(y))
    });
    rows
}
