//! Everything a report says, worked out once from the assessment: the PDF, CSV, JSON and
//! Markdown writers all read this, so they cannot disagree. Pure: evidence re-checks and the
//! time are passed in.

use serde::Serialize;

use crate::domain::assessment::{
    Action, ActionStatus, Assessment, Event, EvidenceSource, Profile, Status,
};
use crate::domain::checklist::{AnswerKind, Checklist, ItemRef};
use crate::domain::date::{Date, Timestamp};
use crate::domain::progress::{ChecklistProgress, Outcome};
use crate::evidence::FileCheck;
use crate::store::journal::Entry;
use crate::summary::{EditionStanding, LibraryFacts, PlanEntry, Summary};
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
    /// The pack fingerprint: a SHA-256 over the assessment fingerprint and the result of
    /// re-checking every evidence file (see [`pack_fingerprint`]), so two packs of the same
    /// answers differ when an evidence file changed or went missing in between.
    pub pack_fingerprint: String,
    /// The organisation's identifiers and scope.
    pub profile: Profile,
    /// For a site: its head office's identifiers and period, shown (marked as the head
    /// office's) where the site records none of its own.
    pub head_profile: Option<Profile>,
    pub checklists: Vec<ChecklistReport>,
    pub evidence: Vec<EvidenceRow>,
    /// Answers kept for items their checklist no longer has.
    pub orphaned: Vec<ItemRef>,
    /// For a site: the head office whose answers it shows where it has none of its own.
    pub head_office: Option<HeadOffice>,
    /// The gaps in the order to work on them (see [`Summary::action_plan`]).
    plan: Vec<PlanEntry>,
    /// The assessment this one was renewed from, by id.
    pub previous: Option<String>,
    /// Every change from the journal, oldest first (empty unless the journal was read).
    pub history: Vec<Change>,
    /// The continuity plan and its exercises, printed as an appendix when the assessment (or
    /// its head office) has one. Exported on its own by `carecheck plan export`.
    #[serde(skip)]
    pub continuity: Option<crate::continuity::PlanView>,
    /// The supplier and risk registers, printed as an appendix when there are any.
    #[serde(skip)]
    pub registers: Option<crate::registers::RegisterView>,
    /// Last year's assessment compared with this one, printed as a page of its own when this
    /// one was renewed from another (or a note on why there is no comparison).
    #[serde(skip)]
    pub since: Option<super::trend::SinceLast>,
}

/// One change from the journal, for the change-log appendix.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub at: Timestamp,
    pub by: Option<String>,
    /// The item changed, or none for a change to the details or a checklist.
    pub item: Option<ItemRef>,
    /// What it became, in words.
    pub what: String,
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
    /// The edition's reporting period and deadline, where the checklist declares them.
    pub reporting: Option<EditionStanding>,
    pub items: Vec<ItemReport>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ItemReport {
    pub key: ItemRef,
    pub section: String,
    pub title: String,
    /// What the item asks, and the evidence it expects (from the checklist).
    pub question: String,
    pub expected_evidence: Vec<String>,
    pub status: Status,
    pub outcome: Outcome,
    pub critical: bool,
    pub flagged: bool,
    pub levels: Vec<String>,
    pub value_label: Option<String>,
    pub value: Option<String>,
    /// The value as a reader should see it: a percentage with its `%`, a date in UK form.
    pub value_shown: Option<String>,
    /// Why the value does not meet the item, if it does not.
    pub value_problem: Option<String>,
    pub note: String,
    pub justification: Option<String>,
    /// Numbers of this item's rows in the evidence index.
    pub evidence: Vec<usize>,
    pub action: Option<Action>,
    /// The head office this answer comes from, for a site that gave none of its own.
    pub inherited_from: Option<HeadOffice>,
    /// The day the status was last set.
    pub answered_on: Option<Date>,
    /// Who gave the present answer (for a carried one, last year's answerer; for an
    /// inherited one, the head office's), from the journal.
    pub answered_by: Option<String>,
    /// A carried-forward answer confirmed this year: who confirmed it and on what day.
    pub confirmed_by: Option<String>,
    pub confirmed_on: Option<Date>,
    /// Carried forward from last year's assessment (its id) on this day, confirmed or not.
    pub carried_from: Option<(String, Date)>,
    /// For a site's own answer to an item the head office answered differently: the head
    /// office's status, which this answer overrides.
    pub overrides: Option<Status>,
    /// Who last changed this answer, and when (from the journal).
    pub changed_by: Option<String>,
    pub changed_at: Option<Timestamp>,
    /// Evidence of this item that changed, went missing or is past its review date.
    pub evidence_problems: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct EvidenceRow {
    /// 1-based, as printed: "E3".
    pub number: usize,
    pub item: ItemRef,
    pub source: EvidenceSource,
    pub dated: Option<Date>,
    pub review_by: Option<Date>,
    /// The review date has passed on the day the report was built.
    pub overdue: bool,
    /// What re-reading the file found when the report was built.
    pub check: FileCheck,
}

impl EvidenceRow {
    /// The file's name without its folder, or the document's name.
    pub fn name(&self) -> &str {
        match &self.source {
            EvidenceSource::File { path, .. } => path
                .rsplit(['/', '\\'])
                .find(|part| !part.is_empty())
                .unwrap_or(path),
            EvidenceSource::Document { name } => name,
        }
    }

    /// Changed, missing, unreadable or past its review date.
    pub fn is_problem(&self) -> bool {
        self.overdue || self.check.is_problem()
    }
}

/// How many evidence entries of each kind there are, and how many need attention.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EvidenceCounts {
    pub files: usize,
    /// Named documents or places: recorded by name only, so never checked.
    pub documents: usize,
    /// Files that changed, went missing or could not be read.
    pub changed: usize,
    pub overdue: usize,
    pub with_review_date: usize,
}

/// A gap and its action, for the action plan.
#[derive(Debug, Clone, Serialize)]
pub struct PlannedAction<'a> {
    pub checklist: &'a str,
    pub item: &'a ItemReport,
    /// The summary's entry: why it is a gap and which levels it blocks.
    pub entry: &'a PlanEntry,
}

impl PlannedAction<'_> {
    /// The action shown is not done and its due date passed before `today`.
    pub fn overdue(&self, today: Date) -> bool {
        self.action().is_some_and(|a| a.is_overdue(today))
    }

    /// The action to show: the item's own, or one a continuity plan exercise recorded.
    pub fn action(&self) -> Option<&crate::domain::assessment::Action> {
        self.entry.action.as_ref()
    }
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
        ReportModel::with_facts(
            effective,
            checklists,
            &LibraryFacts::default(),
            checks,
            generated,
        )
    }

    /// Like [`ReportModel::of`], with what the checklist library knows (the names of levels in
    /// checklists this assessment does not use, such as Cyber Essentials Plus for the DSPT).
    pub fn with_facts(
        effective: &Effective,
        checklists: &[Checklist],
        facts: &LibraryFacts,
        checks: &[FileCheck],
        generated: Timestamp,
    ) -> ReportModel {
        let summary = Summary::of(effective, checklists, facts, generated.date());
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
                    let mut problems = 0;
                    for e in &answer.evidence {
                        let check = next_check.next().cloned().unwrap_or(FileCheck::NotAFile);
                        numbers.push(evidence.len() + 1);
                        let row = EvidenceRow {
                            number: evidence.len() + 1,
                            item: key.clone(),
                            source: e.source.clone(),
                            dated: e.dated,
                            review_by: e.review_by,
                            overdue: e.review_by.is_some_and(|d| d < generated.date()),
                            check,
                        };
                        problems += usize::from(row.is_problem());
                        evidence.push(row);
                    }
                    let outcome = summary
                        .answers
                        .get(&key)
                        .map_or(Outcome::Unanswered, |a| a.outcome.clone());
                    items.push(ItemReport {
                        section: section.title.clone(),
                        title: item.title.clone(),
                        question: item.question.clone(),
                        expected_evidence: item.evidence.clone(),
                        value_shown: answer.value.as_deref().map(|v| shown(&item.answer, v)),
                        answered_on: answer.answered,
                        answered_by: None,
                        confirmed_by: None,
                        confirmed_on: answer.confirmed,
                        carried_from: assessment.details.previous.clone().and_then(|from| {
                            let on = answer
                                .carried
                                .or(answer.confirmed.map(|_| assessment.created.date()))?;
                            Some((from, on))
                        }),
                        overrides: None,
                        changed_by: None,
                        changed_at: None,
                        evidence_problems: problems,
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
                reporting: standing.reporting.clone(),
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
            pack_fingerprint: pack_fingerprint(&summary.fingerprint, &evidence),
            fingerprint: summary.fingerprint.clone(),
            profile: assessment.details.profile.as_ref().clone(),
            head_profile: None,
            checklists: reports,
            evidence,
            orphaned: summary.orphaned.clone(),
            plan: summary.action_plan.clone(),
            previous: assessment.details.previous.clone(),
            history: Vec::new(),
            continuity: None,
            registers: None,
            since: None,
        }
    }

    /// Adds who changed each answer and when, and the change log, from the assessment's own
    /// journal (oldest first). An inherited answer keeps none: its journal is the head office's
    /// (see [`ReportModel::with_head_office`]). Values are written as a reader sees them (a
    /// percentage with its `%`), by the item's kind in `checklists`.
    pub fn with_journal(mut self, entries: &[Entry], checklists: &[Checklist]) -> ReportModel {
        let answerers = crate::provenance::answerers(entries);
        let mut last: std::collections::BTreeMap<&ItemRef, &crate::domain::assessment::Answer> =
            std::collections::BTreeMap::new();
        for entry in entries {
            let (item, what) = match &entry.change {
                Event::Answered { item, answer } => {
                    let before = last.insert(item, answer);
                    let confirmed_now =
                        answer.confirmed.is_some() && before.is_some_and(|b| b.carried.is_some());
                    if confirmed_now && let Some(report) = self.own_item_mut(item) {
                        report.confirmed_by.clone_from(&entry.by);
                    }
                    (
                        Some(item.clone()),
                        self.answer_words(
                            answer,
                            entry,
                            confirmed_now,
                            value_kind(checklists, item),
                        ),
                    )
                }
                other => (None, event_words(other)),
            };
            if let Some(key) = &item
                && let Some(report) = self.own_item_mut(key)
            {
                report.changed_by.clone_from(&entry.by);
                report.changed_at = Some(entry.at);
                report.answered_by = answerers.get(key).and_then(|a| a.by.clone());
            }
            self.history.push(Change {
                at: entry.at,
                by: entry.by.clone(),
                item,
                what,
            });
        }
        self
    }

    /// For a site: who gave each inherited answer (from the head office's journal), and
    /// which of the site's own answers override the head office's.
    pub fn with_head_office(mut self, head: &Assessment, head_journal: &[Entry]) -> ReportModel {
        let answerers = crate::provenance::answerers(head_journal);
        self.head_profile = Some(head.details.profile.as_ref().clone());
        for item in self.checklists.iter_mut().flat_map(|c| c.items.iter_mut()) {
            let theirs = head.answer(&item.key).status;
            if item.inherited_from.is_some() {
                item.answered_by = answerers.get(&item.key).and_then(|a| a.by.clone());
            } else if theirs != Status::Unanswered
                && item.status != Status::Unanswered
                && theirs != item.status
            {
                item.overrides = Some(theirs);
            }
        }
        self
    }

    /// The site's own (or a stand-alone assessment's) report of an item, not an inherited one.
    fn own_item_mut(&mut self, key: &ItemRef) -> Option<&mut ItemReport> {
        self.checklists
            .iter_mut()
            .flat_map(|c| c.items.iter_mut())
            .find(|i| i.key == *key && i.inherited_from.is_none())
    }

    /// A journal entry's answer in words: a carried-forward answer says where from, a
    /// confirmation says whose answer it confirmed.
    fn answer_words(
        &self,
        answer: &crate::domain::assessment::Answer,
        entry: &Entry,
        confirmed_now: bool,
        kind: Option<&AnswerKind>,
    ) -> String {
        let first = || {
            let by = answer
                .first_answered_by
                .as_deref()
                .map(|b| format!(" by {b}"))
                .unwrap_or_default();
            let on = answer
                .answered
                .map(|d| format!(" on {}", d.uk()))
                .unwrap_or_default();
            format!("first answered{by}{on}")
        };
        let from = self.previous.as_deref().unwrap_or("last year's assessment");
        if let Some(on) = answer.carried {
            return format!(
                "{} carried forward from {from} on {} ({})",
                super::phrases::status_word(answer.status),
                on.uk(),
                first()
            );
        }
        if confirmed_now {
            let by = entry
                .by
                .as_deref()
                .map(|b| format!(" by {b}"))
                .unwrap_or_default();
            return format!(
                "{} confirmed{by} on {} ({})",
                super::phrases::status_word(answer.status),
                entry.at.date().uk(),
                first()
            );
        }
        let mut what = super::phrases::status_word(answer.status);
        if let Some(value) = &answer.value {
            let value = kind.map_or_else(|| value.clone(), |k| shown(k, value));
            what.push_str(&format!(", value {value}"));
        }
        if !answer.note.is_empty() {
            what.push_str(", with a note");
        }
        if !answer.evidence.is_empty() {
            what.push_str(&format!(", {} evidence", answer.evidence.len()));
        }
        what
    }

    /// Evidence files that changed, went missing or are past their review date.
    pub fn evidence_needing_attention(&self) -> impl Iterator<Item = &EvidenceRow> {
        self.evidence.iter().filter(|e| e.is_problem())
    }

    /// An item as a reader knows it, never by its internal key: its official id and title,
    /// or, for an item its checklist no longer has, its id and the checklist's title.
    pub fn item_name(&self, key: &ItemRef) -> String {
        let checklist = self.checklists.iter().find(|c| c.id == key.checklist);
        match checklist.and_then(|c| c.items.iter().find(|i| i.key == *key)) {
            Some(item) => format!("{} {}", key.item, item.title),
            None => match checklist {
                Some(c) => format!("{} ({})", key.item, c.title),
                None => key.item.clone(),
            },
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
            .filter_map(|entry| {
                let key = &entry.item;
                let checklist = self.checklists.iter().find(|c| c.id == key.checklist)?;
                let item = checklist.items.iter().find(|i| i.key == *key)?;
                Some(PlannedAction {
                    checklist: &checklist.title,
                    item,
                    entry,
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

    /// What the evidence check covered when the pack was built: files are read again; a named
    /// document is not a file, so nothing about it can be checked.
    pub fn evidence_counts(&self) -> EvidenceCounts {
        let files = self
            .evidence
            .iter()
            .filter(|e| matches!(e.source, EvidenceSource::File { .. }))
            .count();
        EvidenceCounts {
            files,
            documents: self.evidence.len() - files,
            changed: self.evidence_problems().count(),
            overdue: self.evidence.iter().filter(|e| e.overdue).count(),
            with_review_date: self
                .evidence
                .iter()
                .filter(|e| e.review_by.is_some())
                .count(),
        }
    }

    /// Evidence files that changed or went missing since they were recorded.
    pub fn evidence_problems(&self) -> impl Iterator<Item = &EvidenceRow> {
        self.evidence.iter().filter(|e| e.check.is_problem())
    }

    pub fn open_actions(&self) -> usize {
        self.action_plan()
            .iter()
            .filter(|p| p.action().is_none_or(|a| a.status != ActionStatus::Done))
            .count()
    }
}

/// A typed value as a reader should see it: a percentage keeps its `%`, a date is in UK form.
/// A journal entry other than an answer, in words.
fn event_words(event: &Event) -> String {
    match event {
        Event::Created { .. } => "assessment started".to_owned(),
        Event::Answered { item, .. } => format!("{item} answered"),
        Event::DetailsChanged { .. } => "organisation details changed".to_owned(),
        Event::Plan { .. } => "continuity plan changed".to_owned(),
        Event::Register { .. } => "supplier or risk register changed".to_owned(),
        Event::ChecklistRemoved { checklist } => {
            format!("checklist {checklist} taken off (its answers kept)")
        }
        Event::ChecklistUpdated { checklist } => format!(
            "checklist {} moved to edition {}",
            checklist.id, checklist.edition
        ),
    }
}

/// The answer kind of `item`, where the checklists have it: how its value reads.
fn value_kind<'c>(checklists: &'c [Checklist], item: &ItemRef) -> Option<&'c AnswerKind> {
    checklists
        .iter()
        .find(|c| c.id == item.checklist)
        .and_then(|c| c.item(&item.item))
        .map(|i| &i.answer)
}

fn shown(kind: &AnswerKind, value: &str) -> String {
    match kind {
        AnswerKind::Percentage { .. } if !value.trim_end().ends_with('%') => {
            format!("{}%", value.trim())
        }
        AnswerKind::Date { .. } => Date::parse(value).map_or_else(|| value.to_owned(), Date::uk),
        _ => value.to_owned(),
    }
}

/// The pack fingerprint: SHA-256 over the assessment fingerprint, then one line per evidence
/// source in index order: its number, item, what was recorded (the file's SHA-256 and size, or
/// the document's name) and what re-reading it found (unchanged, the new SHA-256 and size,
/// missing, unreadable). Equal answers with equal evidence give equal fingerprints; a changed
/// or missing file changes it.
pub fn pack_fingerprint(assessment_fingerprint: &str, evidence: &[EvidenceRow]) -> String {
    let mut input = format!("carecheck pack v1\n{assessment_fingerprint}\n");
    for e in evidence {
        let recorded = match &e.source {
            EvidenceSource::File { sha256, size, .. } => format!("file {sha256} {size}"),
            EvidenceSource::Document { name } => format!("document {name}"),
        };
        let found = match &e.check {
            FileCheck::NotAFile => "not-a-file".to_owned(),
            FileCheck::Unchanged | FileCheck::CarriedCopy => "unchanged".to_owned(),
            FileCheck::Changed { sha256, size } => format!("changed {sha256} {size}"),
            FileCheck::Missing => "missing".to_owned(),
            FileCheck::Unreadable { .. } => "unreadable".to_owned(),
        };
        input.push_str(&format!("E{}\t{}\t{recorded}\t{found}\n", e.number, e.item));
    }
    crate::digest::sha256_hex(input.as_bytes())
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
