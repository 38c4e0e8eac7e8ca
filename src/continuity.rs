//! The continuity plan of a loaded assessment: carecheck's starter content joined with the
//! plan that counts (the assessment's own, or for a site its head office's), ready for the
//! command line, the reports and the screens.

use serde::Serialize;

use crate::checklist::Diagnostic;
use crate::checklist::plan_starter;
use crate::domain::assessment::Status;
use crate::domain::checklist::ItemRef;
use crate::domain::date::Date;
use crate::domain::plan::{EffectivePlan, Starter, SupplierHelpdesk, TestStanding};
use crate::summary::Summary;
use crate::workspace::Loaded;

/// Everything needed to show or print one assessment's plan.
#[derive(Debug, Clone, Serialize)]
pub struct PlanView {
    pub assessment_id: String,
    pub organisation: String,
    pub site: Option<String>,
    /// For a site that inherits: the head office's name.
    pub head_office: Option<String>,
    /// The postal address from the profile, for a 999 call (printed at the top of the card).
    pub address: Option<String>,
    pub starter: Starter,
    pub plan: EffectivePlan,
    /// Each critical supplier in the registers that count and the helpdesk to ring for it.
    pub helpdesks: Vec<SupplierHelpdesk>,
    /// The day the view was made (what "overdue" is judged against).
    pub today: Date,
    pub test: TestStanding,
    /// The DSPT items the plan is evidence for, each with this assessment's answer once
    /// [`PlanView::with_answers`] has been given the summary.
    pub evidence: Vec<PlanEvidence>,
}

/// The DSPT items a continuity plan is evidence for, and what it offers each: never a claim
/// that the item is met (the item's own answer says that).
pub const EVIDENCE_FOR: [(&str, &str); 3] = [
    ("7.1.2", "a continuity plan that covers cyber incidents"),
    (
        "7.2.1",
        "a test of the plan (the latest exercise in section 5)",
    ),
    (
        "7.3.2",
        "emergency contacts kept on paper (section 1 and the incident card)",
    ),
];

/// One item the plan is evidence for.
#[derive(Debug, Clone, Serialize)]
pub struct PlanEvidence {
    pub item: ItemRef,
    /// What the plan offers towards it, in words.
    pub towards: &'static str,
    /// The item's answer and outcome in this assessment, from the summary, in words; `None`
    /// before the summary is given (then left out of the JSON rather than shown as null).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answer: Option<String>,
}

impl PlanEvidence {
    /// Every item, answers not yet known.
    pub fn all() -> Vec<PlanEvidence> {
        EVIDENCE_FOR
            .iter()
            .map(|(item, towards)| PlanEvidence {
                item: ItemRef::new(crate::domain::plan::TEST_ITEM.0, *item),
                towards,
                answer: None,
            })
            .collect()
    }
}

/// An item's answer as the summary has it, in words: "answered Partial (not met: only partly
/// in place). Note: ...". Never judged here: the outcome is the summary's.
fn answer_words(summary: &Summary, item: &ItemRef) -> String {
    let Some(standing) = summary.answers.get(item) else {
        let uses = summary
            .checklists
            .iter()
            .any(|c| c.progress.id == item.checklist);
        return if uses {
            "not answered yet"
        } else {
            "not answered (this assessment does not use the DSPT)"
        }
        .to_owned();
    };
    let status = standing.answer.status;
    let mut words = if status == Status::Unanswered {
        "not answered yet".to_owned()
    } else {
        format!(
            "answered {} ({})",
            status.label(),
            standing.outcome.describe()
        )
    };
    let note = standing.answer.note.trim();
    if !note.is_empty() {
        words.push_str(&format!(". Note: {note}"));
    }
    words
}

impl PlanView {
    pub fn of(loaded: &Loaded, starter: Starter, today: Date) -> PlanView {
        let assessment = loaded.assessment();
        let plan = EffectivePlan::of(
            &assessment.plan,
            loaded.head.as_ref().map(|h| &h.plan),
            &starter,
        );
        let test = plan.test_standing(today);
        let suppliers = crate::registers::effective(
            &assessment.registers.suppliers,
            loaded.head.as_ref().map(|h| &h.registers.suppliers),
        );
        let helpdesks =
            plan.supplier_helpdesks(suppliers.iter().map(|s| (s.id.as_str(), &s.record)));
        PlanView {
            assessment_id: assessment.id.clone(),
            organisation: assessment.details.organisation.clone(),
            site: assessment.details.site.clone(),
            head_office: loaded.head.as_ref().map(|h| h.details.organisation.clone()),
            address: assessment.details.profile.address.clone(),
            starter,
            plan,
            helpdesks,
            today,
            test,
            evidence: PlanEvidence::all(),
        }
    }

    /// The view with each evidence item's answer, from `summary` (the one place outcomes are
    /// judged).
    pub fn with_answers(mut self, summary: &Summary) -> PlanView {
        for e in &mut self.evidence {
            e.answer = Some(answer_words(summary, &e.item));
        }
        self
    }

    /// The organisation and site as one line.
    pub fn place(&self) -> String {
        crate::domain::assessment::place(&self.organisation, self.site.as_deref())
    }

    /// National facts whose review date has passed: they may be out of date.
    pub fn overdue_reviews(&self) -> Vec<String> {
        plan_starter::overdue_reviews(&self.starter, self.today)
    }

    /// The numbers on the incident card to check before relying on them, one line each: a
    /// national number past its review date (with the month it was checked, as the card
    /// prints it), and a contact whose phone, saved before numbers were checked, is not one.
    pub fn needs_checking(&self) -> Vec<String> {
        let mut out = self.overdue_numbers();
        out.extend(self.phones_not_numbers());
        out
    }

    /// National numbers past their review date, as [`PlanView::needs_checking`] words them.
    fn overdue_numbers(&self) -> Vec<String> {
        let mut out = Vec::new();
        for c in &self.starter.contacts {
            if let Some(phone) = c.phone.as_deref().filter(|p| !p.is_empty())
                && c.checked.review_overdue(self.today)
            {
                out.push(format!(
                    "{phone} ({}): checked {}, due for review on {}; check it against {}",
                    crate::report::plan_export::short_name(&c.name),
                    &c.checked.checked.uk()[3..],
                    c.checked.review_by.uk(),
                    c.checked.source_url.as_deref().unwrap_or("its source")
                ));
            }
        }
        out
    }

    /// The contacts whose phone, saved before numbers were checked, is not a number.
    pub fn phones_not_numbers(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (id, c) in &self.plan.contacts {
            if let crate::domain::plan::Number::NotANumber(text) = c.number() {
                out.push(format!(
                    "contact {id} ({}): \"{text}\" is not a phone number; enter it with `carecheck plan contact edit {id} --phone NUMBER`",
                    c.name
                ));
            }
        }
        out
    }
}

/// The bundled starter, or the located problems if the build shipped a broken one.
pub fn starter() -> Result<Starter, String> {
    shared_starter().cloned()
}

/// The bundled starter, read once per run (the screens draw it on every frame).
pub fn shared_starter() -> Result<&'static Starter, String> {
    static STARTER: std::sync::OnceLock<Result<Starter, String>> = std::sync::OnceLock::new();
    STARTER
        .get_or_init(|| {
            plan_starter::bundled().map_err(|problems: Vec<Diagnostic>| {
                let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
                format!("the built-in plan starter is broken:\n{}", lines.join("\n"))
            })
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// The plan view of a loaded assessment.
pub fn view(loaded: &Loaded, today: Date) -> Result<PlanView, String> {
    Ok(PlanView::of(loaded, starter()?, today))
}

/// Where the plan stands for `carecheck status`: the test DSPT 7.2.1 asks for, and what needs
/// a reminder. Computed here so the summary needs no extra input.
#[derive(Debug, Clone, Serialize)]
pub struct PlanStanding {
    pub test: TestStanding,
    /// The exercise the test date comes from.
    pub last_exercise: Option<String>,
    /// The status that counts for DSPT 7.2.1, when the assessment answers the DSPT.
    pub test_item_status: Option<crate::domain::assessment::Status>,
    pub contacts: usize,
    pub exercises: usize,
    /// National entries past their review date.
    pub overdue_reviews: Vec<String>,
    /// Each reminder, in words.
    pub reminders: Vec<String>,
    /// What the latest exercise said would change.
    pub last_actions: Vec<String>,
}

/// The plan's standing for an assessment that answers the DSPT or has a plan; `None` otherwise.
pub fn standing(loaded: &Loaded, today: Date) -> Result<Option<PlanStanding>, String> {
    use crate::domain::assessment::Status;
    use crate::domain::checklist::ItemRef;
    use crate::domain::plan::TEST_ITEM;
    let (checklist, item) = TEST_ITEM;
    let uses_dspt = loaded.assessment().uses_checklist(checklist);
    let own_or_head_plan = !loaded.assessment().plan.is_empty()
        || loaded.head.as_ref().is_some_and(|h| !h.plan.is_empty());
    if !uses_dspt && !own_or_head_plan {
        return Ok(None);
    }
    let view = view(loaded, today)?;
    let test_item_status =
        uses_dspt.then(|| loaded.effective.status(&ItemRef::new(checklist, item)));
    let mut reminders = Vec::new();
    if view.test.needs_reminder() {
        reminders.push(view.test.describe());
    }
    if matches!(test_item_status, Some(Status::Yes | Status::Alternative))
        && view.test.needs_reminder()
    {
        reminders.push(format!(
            "DSPT {item} is answered as met, but no exercise in the last 12 months is recorded in the plan"
        ));
    }
    reminders.extend(view.phones_not_numbers());
    let overdue_reviews = view.overdue_reviews();
    if !overdue_reviews.is_empty() {
        reminders.push(format!(
            "{} national contacts or duties are past their review date: check them against their sources",
            overdue_reviews.len()
        ));
    }
    Ok(Some(PlanStanding {
        test: view.test,
        last_exercise: view.plan.exercises.first().map(|(id, _)| id.clone()),
        test_item_status,
        contacts: view.plan.contacts.len(),
        exercises: view.plan.exercises.len(),
        overdue_reviews,
        reminders,
        last_actions: view
            .plan
            .exercises
            .first()
            .map(|(_, e)| e.actions.clone())
            .unwrap_or_default(),
    }))
}
