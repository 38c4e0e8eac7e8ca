//! What changed between two assessments (last year's and this year's, usually), computed from
//! their two [`Summary`] values alone, so it agrees with everything else carecheck shows.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::domain::assessment::{Answer, EvidenceSource, Status};
use crate::domain::checklist::ItemRef;
use crate::domain::progress::Outcome;
use crate::summary::Summary;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diff {
    pub then: String,
    pub now: String,
    /// Items whose status, value, reason or note differ (a carried-forward mark alone is not
    /// a change: the answer is the same one).
    pub answers: Vec<AnswerChange>,
    /// Items that are gaps now and were not then, with why.
    pub gaps_opened: Vec<GapChange>,
    /// Items that were gaps then and are not now, with why they were.
    pub gaps_closed: Vec<GapChange>,
    /// Items carried forward and not yet confirmed now: neither met nor gaps until someone
    /// says last year's answer still holds.
    pub to_confirm: Vec<ItemRef>,
    /// Items whose evidence differs: entries taken away and entries added.
    pub evidence: Vec<EvidenceChange>,
    /// Met counts per checklist (and its sections), then and now.
    pub checklists: Vec<ChecklistChange>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnswerChange {
    pub item: ItemRef,
    pub status_then: Status,
    pub status_now: Status,
    pub value_then: Option<String>,
    pub value_now: Option<String>,
    /// Which parts changed: "status", "value", "reason", "note".
    pub changed: Vec<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GapChange {
    pub item: ItemRef,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EvidenceChange {
    pub item: ItemRef,
    pub removed: Vec<String>,
    pub added: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChecklistChange {
    pub id: String,
    pub title: String,
    /// Absent when the assessment did not use the checklist.
    pub then: Option<Met>,
    pub now: Option<Met>,
    pub sections: Vec<SectionChange>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Met {
    pub met: usize,
    pub total: usize,
    /// Carried forward and not yet confirmed (not counted in `met`).
    pub to_confirm: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SectionChange {
    pub id: String,
    pub title: String,
    pub then: Option<Met>,
    pub now: Option<Met>,
}

impl Diff {
    pub fn between(then: &Summary, now: &Summary) -> Diff {
        let blank = Answer::default();
        let keys: BTreeSet<&ItemRef> = then.answers.keys().chain(now.answers.keys()).collect();
        let mut diff = Diff {
            then: then.id.clone(),
            now: now.id.clone(),
            answers: Vec::new(),
            gaps_opened: Vec::new(),
            gaps_closed: Vec::new(),
            to_confirm: Vec::new(),
            evidence: Vec::new(),
            checklists: checklist_changes(then, now),
        };
        for key in keys {
            let before = then.answers.get(key);
            let after = now.answers.get(key);
            let a = before.map_or(&blank, |s| &s.answer);
            let b = after.map_or(&blank, |s| &s.answer);
            let changed: Vec<&'static str> = [
                ("status", a.status != b.status),
                ("value", a.value != b.value),
                ("reason", a.justification != b.justification),
                ("note", a.note != b.note),
            ]
            .into_iter()
            .filter_map(|(name, differs)| differs.then_some(name))
            .collect();
            if !changed.is_empty() {
                diff.answers.push(AnswerChange {
                    item: key.clone(),
                    status_then: a.status,
                    status_now: b.status,
                    value_then: a.value.clone(),
                    value_now: b.value.clone(),
                    changed,
                });
            }
            match (
                gap(before.map(|s| &s.outcome)),
                gap(after.map(|s| &s.outcome)),
            ) {
                (None, Some(reason)) => diff.gaps_opened.push(GapChange {
                    item: key.clone(),
                    reason,
                }),
                (Some(reason), None) => diff.gaps_closed.push(GapChange {
                    item: key.clone(),
                    reason,
                }),
                _ => {}
            }
            if after.is_some_and(|s| matches!(s.outcome, Outcome::ToConfirm { .. })) {
                diff.to_confirm.push(key.clone());
            }
            let (old, new) = (evidence_names(a), evidence_names(b));
            if old != new {
                diff.evidence.push(EvidenceChange {
                    item: key.clone(),
                    removed: old.difference(&new).cloned().collect(),
                    added: new.difference(&old).cloned().collect(),
                });
            }
        }
        diff
    }
}

fn gap(outcome: Option<&Outcome>) -> Option<String> {
    match outcome {
        Some(Outcome::Gap { reason }) => Some(reason.clone()),
        _ => None,
    }
}

/// Each evidence entry as a name that changes when the entry does: a file by its path and
/// fingerprint (the same path holding a different file is a replacement), a document by name.
fn evidence_names(answer: &Answer) -> BTreeSet<String> {
    answer
        .evidence
        .iter()
        .map(|e| match &e.source {
            EvidenceSource::File { path, sha256, .. } => {
                format!("{path} (SHA-256 {})", sha256.get(..12).unwrap_or(sha256))
            }
            EvidenceSource::Document { name } => name.clone(),
        })
        .collect()
}

fn checklist_changes(then: &Summary, now: &Summary) -> Vec<ChecklistChange> {
    let mut ids: Vec<&str> = now
        .checklists
        .iter()
        .map(|c| c.progress.id.as_str())
        .collect();
    for c in &then.checklists {
        if !ids.contains(&c.progress.id.as_str()) {
            ids.push(&c.progress.id);
        }
    }
    ids.into_iter()
        .map(|id| {
            let (a, b) = (then.checklist(id), now.checklist(id));
            let named = b.or(a).map(|c| &c.progress);
            let met = |c: Option<&crate::summary::ChecklistSummary>| {
                c.map(|c| Met {
                    met: c.progress.tally.met,
                    total: c.progress.tally.total,
                    to_confirm: c.progress.tally.to_confirm,
                })
            };
            let mut sections: Vec<SectionChange> = Vec::new();
            for side in [b, a].into_iter().flatten() {
                for s in &side.progress.sections {
                    if sections.iter().any(|x| x.id == s.id) {
                        continue;
                    }
                    let find = |c: Option<&crate::summary::ChecklistSummary>| {
                        c.and_then(|c| c.progress.sections.iter().find(|x| x.id == s.id))
                            .map(|x| Met {
                                met: x.tally.met,
                                total: x.tally.total,
                                to_confirm: x.tally.to_confirm,
                            })
                    };
                    sections.push(SectionChange {
                        id: s.id.clone(),
                        title: s.title.clone(),
                        then: find(a),
                        now: find(b),
                    });
                }
            }
            ChecklistChange {
                id: id.to_owned(),
                title: named.map(|p| p.title.clone()).unwrap_or_default(),
                then: met(a),
                now: met(b),
                sections,
            }
        })
        .collect()
}
