//! Everything a report says, worked out once from the assessment: the PDF, CSV, JSON and
//! Markdown writers all read this, so they cannot disagree. Pure: evidence re-checks and the
//! time are passed in.

use serde::Serialize;

use crate::domain::assessment::{Action, ActionStatus, Assessment, EvidenceSource, Status};
use crate::domain::checklist::{AnswerKind, Checklist, ItemRef};
use crate::domain::date::{Date, Timestamp};
use crate::domain::progress::{ChecklistProgress, Outcome};
use crate::evidence::FileCheck;
use crate::summary::{LibraryFacts, Summary};
use crate::workspace::{Effective, HeadOffice};

#[derive(Debug, Clone, Serialize)]
pub struct ReportModel {
    pub assessment_id: String,
    pub organisation: String,
    pub site: Option<String>,
    pub assessor: Option<String>,
    pub generated: Timestamp,
    pub carecheck_version: &'static str,
    /// Matches `carecheck status`: which saved state this report shows.
    pub fingerprint: String,
    pub checklists: Vec<ChecklistReport>,
    pub evidence: Vec<EvidenceRow>,
    /// Answers kept for items their checklist no longer has.
    pub orphaned: Vec<ItemRef>,
    /// For a site: the head office whose answers it shows where it has none of its own.
    pub head_office: Option<HeadOffice>,
    /// The gaps in the order to work on them (see [`Summary::action_plan`]).
    plan: Vec<ItemRef>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChecklistReport {
    pub id: String,
    pub title: String,
    pub edition: String,
    pub publisher: String,
    pub source_url: String,
    pub hash: String,
    pub caution: Option<String>,
    pub progress: ChecklistProgress,
    pub items: Vec<ItemReport>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ItemReport {
    pub key: ItemRef,
    pub section: String,
    pub title: String,
    pub status: Status,
    pub outcome: Outcome,
    pub critical: bool,
    pub flagged: bool,
    pub levels: Vec<String>,
    pub value_label: Option<String>,
    pub value: Option<String>,
    /// Why the value does not meet the item, if it does not.
    pub value_problem: Option<String>,
    pub note: String,
    pub justification: Option<String>,
    /// Numbers of this item's rows in the evidence index.
    pub evidence: Vec<usize>,
    pub action: Option<Action>,
    /// The head office this answer comes from, for a site that gave none of its own.
    pub inherited_from: Option<HeadOffice>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EvidenceRow {
    /// 1-based, as printed: "E3".
    pub number: usize,
    pub item: ItemRef,
    pub source: EvidenceSource,
    pub dated: Option<Date>,
    pub review_by: Option<Date>,
    /// What re-reading the file found when the report was built.
    pub check: FileCheck,
}

/// A gap and its action, for the action plan.
#[derive(Debug, Clone, Serialize)]
pub struct PlannedAction<'a> {
    pub checklist: &'a str,
    pub item: &'a ItemReport,
}

impl ReportModel {
    /// The model for `effective` answers against `checklists`, summarised on the day
    /// `generated` falls. `checks` holds the re-check of every evidence source, in the order
    /// [`evidence_sources`] lists them.
    pub fn of(
        effective: &Effective,
        checklists: &[Checklist],
        checks: &[FileCheck],
        generated: Timestamp,
    ) -> ReportModel {
        let summary = Summary::of(
            effective,
            checklists,
            &LibraryFacts::default(),
            generated.date(),
        );
        ReportModel::build(effective, checklists, &summary, checks, generated)
    }

    /// Builds the model from the assessment's [`Summary`] (the one place where outcomes,
    /// counts and the action plan are worked out). `checks` holds the re-check of every
    /// evidence source, in the order [`evidence_sources`] lists them.
    fn build(
        effective: &Effective,
        checklists: &[Checklist],
        summary: &Summary,
        checks: &[FileCheck],
        generated: Timestamp,
    ) -> ReportModel {
        let assessment = &effective.assessment;
        let mut evidence = Vec::new();
        let mut next_check = checks.iter();
        let mut reports = Vec::with_capacity(checklists.len());
        for ((checklist, used), standing) in checklists
            .iter()
            .zip(&assessment.checklists)
            .zip(&summary.checklists)
        {
            let mut items = Vec::with_capacity(checklist.item_count());
            for section in &checklist.sections {
                for item in &section.items {
                    let key = ItemRef::new(&checklist.id, &item.id);
                    let answer = assessment.answer(&key);
                    let mut numbers = Vec::new();
                    for e in &answer.evidence {
                        let check = next_check.next().cloned().unwrap_or(FileCheck::NotAFile);
                        numbers.push(evidence.len() + 1);
                        evidence.push(EvidenceRow {
                            number: evidence.len() + 1,
                            item: key.clone(),
                            source: e.source.clone(),
                            dated: e.dated,
                            review_by: e.review_by,
                            check,
                        });
                    }
                    let outcome = summary
                        .answers
                        .get(&key)
                        .map_or(Outcome::Unanswered, |a| a.outcome.clone());
                    items.push(ItemReport {
                        section: section.title.clone(),
                        title: item.title.clone(),
                        status: answer.status,
                        critical: item.critical,
                        flagged: answer.flagged,
                        levels: item
                            .levels
                            .iter()
                            .filter_map(|l| checklist.level(l))
                            .map(|l| l.name.clone())
                            .collect(),
                        value_label: (item.answer != AnswerKind::Status)
                            .then(|| item.answer.label().unwrap_or_default().to_owned()),
                        value: answer.value.clone(),
                        value_problem: outcome
                            .gap_reason()
                            .filter(|_| answer.status == Status::Yes)
                            .map(str::to_owned),
                        note: answer.note.clone(),
                        justification: answer.justification.clone(),
                        evidence: numbers,
                        action: answer.action.clone().filter(|_| outcome.is_gap()),
                        inherited_from: effective.inherited_from(&key).cloned(),
                        outcome,
                        key,
                    });
                }
            }
            reports.push(ChecklistReport {
                id: checklist.id.clone(),
                title: checklist.title.clone(),
                edition: checklist.edition.clone(),
                publisher: checklist.publisher.clone(),
                source_url: checklist.source_url.clone(),
                hash: used.hash.clone(),
                caution: checklist.caution.clone(),
                progress: standing.progress.clone(),
                items,
            });
        }
        ReportModel {
            assessment_id: assessment.id.clone(),
            organisation: assessment.details.organisation.clone(),
            site: assessment.details.site.clone(),
            assessor: assessment.details.assessor.clone(),
            head_office: effective.head.clone(),
            generated,
            carecheck_version: env!("CARGO_PKG_VERSION"),
            fingerprint: summary.fingerprint.clone(),
            checklists: reports,
            evidence,
            orphaned: summary.orphaned.clone(),
            plan: summary.action_plan.iter().map(|p| p.item.clone()).collect(),
        }
    }

    pub fn answered(&self) -> usize {
        self.checklists
            .iter()
            .map(|c| c.progress.tally.answered)
            .sum()
    }

    pub fn total(&self) -> usize {
        self.checklists.iter().map(|c| c.progress.tally.total).sum()
    }

    /// Every gap (whatever makes it one), in the summary's order: by the level it blocks,
    /// then priority, then due date.
    pub fn action_plan(&self) -> Vec<PlannedAction<'_>> {
        self.plan
            .iter()
            .filter_map(|key| {
                let checklist = self.checklists.iter().find(|c| c.id == key.checklist)?;
                let item = checklist.items.iter().find(|i| i.key == *key)?;
                Some(PlannedAction {
                    checklist: &checklist.title,
                    item,
                })
            })
            .collect()
    }

    pub fn flagged(&self) -> impl Iterator<Item = &ItemReport> {
        self.checklists
            .iter()
            .flat_map(|c| c.items.iter())
            .filter(|i| i.flagged)
    }

    pub fn alternatives(&self) -> impl Iterator<Item = &ItemReport> {
        self.checklists
            .iter()
            .flat_map(|c| c.items.iter())
            .filter(|i| i.status == Status::Alternative)
    }

    /// Evidence files that changed or went missing since they were recorded.
    pub fn evidence_problems(&self) -> impl Iterator<Item = &EvidenceRow> {
        self.evidence.iter().filter(|e| e.check.is_problem())
    }

    pub fn open_actions(&self) -> usize {
        self.action_plan()
            .iter()
            .filter(|p| {
                p.item
                    .action
                    .as_ref()
                    .is_none_or(|a| a.status != ActionStatus::Done)
            })
            .count()
    }
}

/// Every evidence source of the assessment's answers, in the order [`ReportModel::build`]
/// expects their checks: checklist order, then each answer's evidence in turn.
pub fn evidence_sources<'a>(
    assessment: &'a Assessment,
    checklists: &[Checklist],
) -> Vec<&'a EvidenceSource> {
    let mut out = Vec::new();
    for checklist in checklists {
        for item in checklist.items() {
            if let Some(answer) = assessment
                .answers
                .get(&ItemRef::new(&checklist.id, &item.id))
            {
                out.extend(answer.evidence.iter().map(|e| &e.source));
            }
        }
    }
    out
}
