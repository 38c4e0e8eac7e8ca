//! What changed between two assessments (last year's and this year's, usually), computed from
//! their two [`Summary`] values alone, so it agrees with everything else carecheck shows.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::domain::assessment::{Answer, EvidenceSource, Status};
use crate::domain::checklist::ItemRef;
use crate::domain::progress::{Bucket, Outcome, Tally};
use crate::domain::recorded::Recorded;
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
    /// Where the "then" side's judgement comes from.
    pub then_judged: Basis,
}

/// Where the earlier assessment's judgement comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "basis", rename_all = "kebab-case")]
pub enum Basis {
    /// As it was recorded when this assessment was renewed from it (judged on `on`, the day
    /// of its last change): what its pack said.
    Recorded { on: crate::domain::date::Date },
    /// Its answers judged again today: no recorded summary was kept (a renewal made by an
    /// older carecheck, or two assessments that are not a renewal pair). A date that has
    /// aged since can make an item met then a gap now.
    JudgedAgain,
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
    /// Met, counting met another way (the same "met" as every page's).
    pub met: usize,
    /// Of those, met another way.
    pub alternative: usize,
    pub gaps: usize,
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

impl Met {
    fn of(t: &Tally) -> Met {
        Met {
            met: t.met + t.alternative,
            alternative: t.alternative,
            gaps: t.gaps,
            total: t.total,
            to_confirm: t.to_confirm,
        }
    }

    /// "38 of 50 met (2 another way)": the one way a met count is written.
    pub fn describe(&self) -> String {
        let another = if self.alternative == 0 {
            String::new()
        } else {
            format!(" ({} another way)", self.alternative)
        };
        format!("{} of {} met{another}", self.met, self.total)
    }
}

/// Last year's judgement kept with `now`, when `then` is the assessment it was renewed from.
fn recorded_for<'a>(then: &Summary, now: &'a Summary) -> Option<&'a Recorded> {
    now.details
        .last_year
        .as_deref()
        .filter(|r| r.assessment == then.id)
}

impl Diff {
    /// What changed from `then` to `now`. When `now` was renewed from `then` and kept its
    /// recorded summary, the "then" side is that record, not a judgement made today.
    pub fn between(then: &Summary, now: &Summary) -> Diff {
        let recorded = recorded_for(then, now);
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
            checklists: checklist_changes(then, now, recorded),
            then_judged: recorded
                .map_or(Basis::JudgedAgain, |r| Basis::Recorded { on: r.judged_on }),
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
            let gap_then = match recorded {
                Some(r) => r
                    .items
                    .get(key)
                    .filter(|i| i.state == Bucket::Gap)
                    .map(|i| i.reason.clone().unwrap_or_default()),
                None => gap(before.map(|s| &s.outcome)),
            };
            match (gap_then, gap(after.map(|s| &s.outcome))) {
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
        diff.answers.sort_by(|a, b| a.item.natural_cmp(&b.item));
        diff.gaps_opened.sort_by(|a, b| a.item.natural_cmp(&b.item));
        diff.gaps_closed.sort_by(|a, b| a.item.natural_cmp(&b.item));
        diff.to_confirm.sort_by(ItemRef::natural_cmp);
        diff.evidence.sort_by(|a, b| a.item.natural_cmp(&b.item));
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

fn checklist_changes(
    then: &Summary,
    now: &Summary,
    recorded: Option<&Recorded>,
) -> Vec<ChecklistChange> {
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
                c.map(|c| Met::of(&c.progress.tally))
            };
            let kept = recorded.and_then(|r| r.checklists.iter().find(|c| c.id == id));
            let mut sections: Vec<SectionChange> = Vec::new();
            for side in [b, a].into_iter().flatten() {
                for s in &side.progress.sections {
                    if sections.iter().any(|x| x.id == s.id) {
                        continue;
                    }
                    let find = |c: Option<&crate::summary::ChecklistSummary>| {
                        c.and_then(|c| c.progress.sections.iter().find(|x| x.id == s.id))
                            .map(|x| Met::of(&x.tally))
                    };
                    let then_section = match (recorded, kept) {
                        (Some(_), Some(k)) => k
                            .sections
                            .iter()
                            .find(|x| x.id == s.id)
                            .map(|x| Met::of(&x.tally)),
                        (Some(_), None) => None,
                        (None, _) => find(a),
                    };
                    sections.push(SectionChange {
                        id: s.id.clone(),
                        title: s.title.clone(),
                        then: then_section,
                        now: find(b),
                    });
                }
            }
            ChecklistChange {
                id: id.to_owned(),
                title: named.map(|p| p.title.clone()).unwrap_or_default(),
                then: match recorded {
                    Some(_) => kept.map(|k| Met::of(&k.tally)),
                    None => met(a),
                },
                now: met(b),
                sections,
            }
        })
        .collect()
}
