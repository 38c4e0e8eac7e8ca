//! Whether renewing an assessment would make a copy nobody wants: one already renewed (a
//! later year exists, renewed from it), or this period's own assessment (its period has not
//! ended, or it is itself a renewal made this year). The CLI refuses without `--force`; the
//! TUI asks, saying why. Pure: the doors gather the facts.

use crate::domain::assessment::Assessment;
use crate::domain::date::Date;

/// What the rule needs to know of an assessment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    pub id: String,
    /// The assessment it was renewed from.
    pub previous: Option<String>,
    pub period_end: Option<Date>,
    pub started: Date,
}

impl Facts {
    pub fn of(assessment: &Assessment) -> Facts {
        let d = &assessment.details;
        Facts {
            id: assessment.id.clone(),
            previous: d.previous.clone(),
            period_end: d.profile.period_end,
            started: assessment.created.date(),
        }
    }

    /// The year it covers, as the picker shows it: the year its period ends, else the year
    /// it was started.
    pub fn year(&self) -> i32 {
        self.period_end.unwrap_or(self.started).ymd().0
    }
}

/// Why renewing `target` deserves a second thought, in words; empty when it does not.
pub fn concerns(target: &Facts, others: &[Facts], today: Date) -> Vec<String> {
    let mut out = Vec::new();
    for later in others
        .iter()
        .filter(|o| o.previous.as_deref() == Some(target.id.as_str()))
    {
        out.push(format!(
            "it was renewed already, as {} ({})",
            later.id,
            later.year()
        ));
    }
    match target.period_end {
        Some(end) if end >= today => out.push(format!(
            "its period assessed runs to {}, so it is this period's own assessment",
            end.uk()
        )),
        // A renewal made this year is this year's assessment: renewing it again would start
        // next year's early.
        None if target.previous.is_some() && target.started.ymd().0 == today.ymd().0 => {
            out.push(format!(
                "it is this year's: it was renewed from {} on {}",
                target.previous.as_deref().unwrap_or_default(),
                target.started.uk()
            ));
        }
        _ => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(id: &str, previous: Option<&str>, end: Option<&str>, started: &str) -> Facts {
        Facts {
            id: id.into(),
            previous: previous.map(Into::into),
            period_end: end.and_then(Date::parse),
            started: Date::parse(started).expect("date"),
        }
    }

    #[test]
    fn a_renewed_or_current_assessment_is_questioned_and_last_years_is_not() {
        let today = Date::parse("2026-11-28").expect("date");
        let last = facts("meadowview", None, Some("2026-06-30"), "2025-07-01");
        let this = facts("meadowview-2027", Some("meadowview"), None, "2026-11-01");
        assert_eq!(concerns(&last, &[], today), Vec::<String>::new());
        assert_eq!(
            concerns(&last, std::slice::from_ref(&this), today),
            ["it was renewed already, as meadowview-2027 (2026)"]
        );
        assert_eq!(
            concerns(&this, std::slice::from_ref(&last), today),
            ["it is this year's: it was renewed from meadowview on 01/11/2026"]
        );
        // A new assessment with no period is not questioned.
        let fresh = facts("oak", None, None, "2026-11-01");
        assert_eq!(concerns(&fresh, &[], today), Vec::<String>::new());
        let running = facts("birch", None, Some("2027-06-30"), "2026-07-01");
        assert_eq!(
            concerns(&running, &[], today),
            ["its period assessed runs to 30/06/2027, so it is this period's own assessment"]
        );
    }
}
