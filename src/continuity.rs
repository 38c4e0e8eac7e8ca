//! The continuity plan of a loaded assessment: carecheck's starter content joined with the
//! plan that counts (the assessment's own, or for a site its head office's), ready for the
//! command line, the reports and the screens.

use serde::Serialize;

use crate::checklist::Diagnostic;
use crate::checklist::plan_starter;
use crate::domain::date::Date;
use crate::domain::plan::{EffectivePlan, Starter, TestStanding};
use crate::workspace::Loaded;

/// Everything needed to show or print one assessment's plan.
#[derive(Debug, Clone, Serialize)]
pub struct PlanView {
    pub assessment_id: String,
    pub organisation: String,
    pub site: Option<String>,
    /// For a site that inherits: the head office's name.
    pub head_office: Option<String>,
    pub starter: Starter,
    pub plan: EffectivePlan,
    /// The day the view was made (what "overdue" is judged against).
    pub today: Date,
    pub test: TestStanding,
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
        PlanView {
            assessment_id: assessment.id.clone(),
            organisation: assessment.details.organisation.clone(),
            site: assessment.details.site.clone(),
            head_office: loaded.head.as_ref().map(|h| h.details.organisation.clone()),
            starter,
            plan,
            today,
            test,
        }
    }

    /// The organisation and site as one line.
    pub fn place(&self) -> String {
        match &self.site {
            Some(site) => format!("{} · {}", self.organisation, site),
            None => self.organisation.clone(),
        }
    }

    /// National facts whose review date has passed: they may be out of date.
    pub fn overdue_reviews(&self) -> Vec<String> {
        plan_starter::overdue_reviews(&self.starter, self.today)
    }
}

/// The bundled starter, or the located problems if the build shipped a broken one.
pub fn starter() -> Result<Starter, String> {
    plan_starter::bundled().map_err(|problems: Vec<Diagnostic>| {
        let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
        format!("the built-in plan starter is broken:\n{}", lines.join("\n"))
    })
}

/// The plan view of a loaded assessment.
pub fn view(loaded: &Loaded, today: Date) -> Result<PlanView, String> {
    Ok(PlanView::of(loaded, starter()?, today))
}
