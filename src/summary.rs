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
        answers: assessment.answers.clone(),
    }
}
