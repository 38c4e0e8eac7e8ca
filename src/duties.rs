//! Every dated duty an assessment carries, each with the day it falls on: actions due, answers
//! and evidence to review, certificates and DSPT statuses expiring, suppliers and risks to
//! review, the next continuity exercise and the DSPT deadline. Reminders on the screen say what
//! is due *now*; this list says what falls due *when*, for a calendar a manager already reads.
//! Pure: built from the summary, the registers and the plan already computed for the day.

use serde::Serialize;

use crate::continuity::PlanView;
use crate::domain::assessment::ActionStatus;
use crate::domain::checklist::Checklist;
use crate::domain::date::Date;
use crate::domain::plan::TestStanding;
use crate::registers::{RegisterView, SUPPLIER_REVIEW_MONTHS};
use crate::summary::Summary;
use crate::workspace::AnswerOrigin;

/// What kind of duty it is; each kind has its own words and its own identity in a calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DutyKind {
    Deadline,
    Action,
    AnswerReview,
    EvidenceReview,
    CertificateExpiry,
    DsptStatusExpiry,
    SupplierReview,
    RiskReview,
    PlanExercise,
}

impl DutyKind {
    /// A short stable word for the kind, part of a duty's identity (never shown alone).
    fn key(self) -> &'static str {
        match self {
            DutyKind::Deadline => "deadline",
            DutyKind::Action => "action",
            DutyKind::AnswerReview => "answer-review",
            DutyKind::EvidenceReview => "evidence-review",
            DutyKind::CertificateExpiry => "certificate",
            DutyKind::DsptStatusExpiry => "dspt-status",
            DutyKind::SupplierReview => "supplier-review",
            DutyKind::RiskReview => "risk-review",
            DutyKind::PlanExercise => "exercise",
        }
    }
}

/// One dated duty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Duty {
    pub kind: DutyKind,
    /// What the duty is about, stable from one day to the next (an item, a supplier's id, a
    /// risk's id): with the kind and the assessment it names the duty, so a calendar updates
    /// the event when its date moves instead of adding a second one.
    pub subject: String,
    pub date: Date,
    /// One line: what to do.
    pub title: String,
    /// What it is about and why, in words (several lines allowed).
    pub detail: String,
    /// Who is to do it, where recorded.
    pub owner: Option<String>,
}

impl Duty {
    /// The duty's identity within its assessment: kind and subject, never its date or words.
    pub fn key(&self) -> String {
        format!("{}:{}", self.kind.key(), self.subject)
    }
}

/// Everything a duty list is built from, computed once by the caller for the same day.
pub struct Sources<'a> {
    pub summary: &'a Summary,
    pub checklists: &'a [Checklist],
    pub registers: &'a RegisterView,
    pub plan: Option<&'a PlanView>,
}

/// Every dated duty, earliest first (ties in a fixed order, so two exports list them alike).
pub fn of(sources: &Sources) -> Vec<Duty> {
    let mut out = Vec::new();
    deadlines(sources.summary, &mut out);
    actions(sources.summary, &mut out);
    reviews(sources.summary, sources.checklists, &mut out);
    registers(sources.registers, &mut out);
    if let Some(plan) = sources.plan {
        exercise(plan, &mut out);
    }
    out.sort_by(|a, b| (a.date, a.kind, &a.subject).cmp(&(b.date, b.kind, &b.subject)));
    out
}

fn deadlines(summary: &Summary, out: &mut Vec<Duty>) {
    for checklist in &summary.checklists {
        let Some(standing) = &checklist.reporting else {
            continue;
        };
        if standing.days_to_deadline < 0 {
            continue;
        }
        let id = &checklist.progress.id;
        out.push(Duty {
            kind: DutyKind::Deadline,
            subject: id.clone(),
            date: standing.reporting.deadline,
            title: format!("Publish the {} assessment", checklist.progress.title),
            detail: format!(
                "The deadline for the {} edition of {}.",
                checklist.progress.edition, checklist.progress.title
            ),
            owner: None,
        });
    }
}

fn actions(summary: &Summary, out: &mut Vec<Duty>) {
    for entry in &summary.action_plan {
        let Some(action) = &entry.action else {
            continue;
        };
        let Some(due) = action.due else {
            continue;
        };
        if action.status == ActionStatus::Done {
            continue;
        }
        let what = if action.text.is_empty() {
            "No action text recorded yet".to_owned()
        } else {
            action.text.clone()
        };
        let mut detail = format!(
            "{}, {} {}\nWhy it is a gap: {}\nAction: {what}",
            entry.checklist, entry.item.item, entry.title, entry.reason
        );
        if let Some(head) = &entry.inherited_from {
            detail.push_str(&format!("\nThe head office's answer ({}).", head.name));
        }
        out.push(Duty {
            kind: DutyKind::Action,
            subject: entry.item.to_string(),
            date: due,
            title: format!("Action due: {} {}", entry.item.item, entry.title),
            detail,
            owner: (!action.owner.is_empty()).then(|| action.owner.clone()),
        });
    }
}

/// Answers with a review period, and evidence with a review-by date: the assessment's own only
/// (an inherited answer is reviewed by its head office).
fn reviews(summary: &Summary, checklists: &[Checklist], out: &mut Vec<Duty>) {
    for (key, standing) in &summary.answers {
        if !matches!(standing.origin, AnswerOrigin::Own) {
            continue;
        }
        let answer = &standing.answer;
        let item = checklists
            .iter()
            .find(|c| c.id == key.checklist)
            .and_then(|c| c.item(&key.item));
        let title = item.map_or_else(|| key.item.clone(), |i| i.title.clone());
        if let (Some(months), Some(answered)) =
            (item.and_then(|i| i.review_months), answer.answered)
            && answer.status != crate::domain::assessment::Status::Unanswered
        {
            out.push(Duty {
                kind: DutyKind::AnswerReview,
                subject: key.to_string(),
                date: answered.add_months(months),
                title: format!("Review the answer to {} {title}", key.item),
                detail: format!(
                    "{} asks for its answer to be reviewed every {months} months; last answered {}.",
                    key.item,
                    answered.uk()
                ),
                owner: None,
            });
        }
        for evidence in &answer.evidence {
            let Some(review_by) = evidence.review_by else {
                continue;
            };
            let name = evidence.source.describe().to_owned();
            out.push(Duty {
                kind: DutyKind::EvidenceReview,
                subject: format!("{key}:{name}"),
                date: review_by,
                title: format!("Review evidence for {} {title}", key.item),
                detail: format!("Evidence to review: {name}"),
                owner: None,
            });
        }
    }
}

fn registers(view: &RegisterView, out: &mut Vec<Duty>) {
    for s in view.suppliers.iter().filter(|s| !s.inherited) {
        let name = &s.record.name;
        if let Some(cert) = &s.record.cyber_essentials {
            out.push(Duty {
                kind: DutyKind::CertificateExpiry,
                subject: s.id.clone(),
                date: cert.expires,
                title: format!("{name}: {} certificate expires", cert.kind.label()),
                detail: format!(
                    "Ask {name} for their renewed {} certificate.",
                    cert.kind.label()
                ),
                owner: None,
            });
        }
        if let Some(dspt) = &s.record.dspt {
            out.push(Duty {
                kind: DutyKind::DsptStatusExpiry,
                subject: s.id.clone(),
                date: dspt.expires(),
                title: format!("{name}: DSPT status runs out"),
                detail: format!(
                    "{name} published {} on {}; check they have published this year's.",
                    dspt.level,
                    dspt.published.uk()
                ),
                owner: None,
            });
        }
        if let Some(last) = s.record.last_reviewed {
            out.push(Duty {
                kind: DutyKind::SupplierReview,
                subject: s.id.clone(),
                date: last.add_months(SUPPLIER_REVIEW_MONTHS),
                title: format!("Review supplier {name}"),
                detail: format!("Last reviewed {}; review each supplier yearly.", last.uk()),
                owner: None,
            });
        }
    }
    for r in view.risks.iter().filter(|r| !r.risk.inherited) {
        let risk = &r.risk.record;
        if let Some(due) = risk.review_by {
            out.push(Duty {
                kind: DutyKind::RiskReview,
                subject: r.risk.id.clone(),
                date: due,
                title: format!("Review risk: {}", risk.title),
                detail: format!(
                    "Residual score {} (likelihood {} × impact {} before its items).",
                    r.residual, risk.likelihood, risk.impact
                ),
                owner: (!risk.owner.is_empty()).then(|| risk.owner.clone()),
            });
        }
    }
}

fn exercise(plan: &PlanView, out: &mut Vec<Duty>) {
    let due = match plan.test {
        TestStanding::Current { due, .. } | TestStanding::Overdue { due, .. } => due,
        TestStanding::Never => return,
    };
    out.push(Duty {
        kind: DutyKind::PlanExercise,
        subject: "continuity-plan".to_owned(),
        date: due,
        title: "Exercise the continuity plan".to_owned(),
        detail: plan.test.describe_on_paper(),
        owner: None,
    });
}

/// One assessment's duties on `today`, from its summary, registers and plan: what the CLI's
/// `export --calendar` and the TUI's `X` both write.
pub fn for_loaded(
    loaded: &crate::workspace::Loaded,
    library: &crate::checklist::Library,
    today: Date,
) -> Vec<Duty> {
    let summary = loaded.summary(library, today);
    let registers = RegisterView::of_loaded(loaded, &summary, today);
    // A plan whose starter cannot be read still leaves every other duty in the calendar.
    let plan = crate::continuity::view(loaded, today).ok();
    of(&Sources {
        summary: &summary,
        checklists: &loaded.checklists,
        registers: &registers,
        plan: plan.as_ref(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_duty_is_named_by_kind_and_subject_never_by_its_date() {
        let duty = |date: &str| Duty {
            kind: DutyKind::Action,
            subject: "dspt-social-care:1.1.1".into(),
            date: Date::parse(date).expect("date"),
            title: "t".into(),
            detail: "d".into(),
            owner: None,
        };
        assert_eq!(duty("2027-01-01").key(), duty("2027-03-01").key());
        assert_eq!(duty("2027-01-01").key(), "action:dspt-social-care:1.1.1");
    }
}
