//! Progress maths: whether each item is met, how far each section and level has come, and what
//! is due. Pure functions of a checklist, an assessment and the date.

use serde::Serialize;

use super::assessment::{Answer, Assessment, Status};
use super::checklist::{Checklist, Item, ItemRef};
use super::date::Date;
use super::value::{ValueCheck, check_value};

/// Where an item stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", content = "reason", rename_all = "kebab-case")]
pub enum Outcome {
    Unanswered,
    Met,
    /// Answered, but not met; says why.
    NotMet(String),
}

/// Whether `answer` meets `item` on `today`.
pub fn outcome(item: &Item, answer: &Answer, today: Date) -> Outcome {
    let value = || match check_value(&item.answer, answer.value.as_deref(), today) {
        ValueCheck::NotAsked | ValueCheck::Meets => Outcome::Met,
        ValueCheck::Missing => {
            let label = item.answer.label().unwrap_or("value").to_lowercase();
            Outcome::NotMet(format!("no {label} recorded"))
        }
        ValueCheck::Falls(reason) => Outcome::NotMet(reason),
    };
    match answer.status {
        Status::Unanswered => Outcome::Unanswered,
        Status::Yes => value(),
        Status::NotApplicable => Outcome::Met,
        Status::Alternative
            if answer
                .justification
                .as_deref()
                .is_none_or(|j| j.trim().is_empty()) =>
        {
            Outcome::NotMet("an alternative answer needs a justification".to_owned())
        }
        Status::Alternative => Outcome::Met,
        Status::Partial => Outcome::NotMet("only partly in place".to_owned()),
        Status::No => Outcome::NotMet("not in place".to_owned()),
    }
}

/// Counts over a set of items.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub total: usize,
    pub answered: usize,
    pub met: usize,
    /// Answered partial or no.
    pub gaps: usize,
    pub flagged: usize,
}

impl Tally {
    fn add(&mut self, answer: &Answer, outcome: &Outcome) {
        self.total += 1;
        self.answered += usize::from(answer.status != Status::Unanswered);
        self.met += usize::from(*outcome == Outcome::Met);
        self.gaps += usize::from(answer.status.is_gap());
        self.flagged += usize::from(answer.flagged);
    }

    /// Whole percent answered, rounded down so 99.9% never shows as 100%.
    pub fn percent_answered(&self) -> usize {
        (self.answered * 100).checked_div(self.total).unwrap_or(100)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionProgress {
    pub id: String,
    pub title: String,
    pub tally: Tally,
}

/// An item that stops a level being reached.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Blocker {
    pub item: String,
    pub title: String,
    pub outcome: Outcome,
    pub critical: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LevelReadiness {
    pub id: String,
    pub name: String,
    pub required: usize,
    pub met: usize,
    pub blocking: Vec<Blocker>,
}

impl LevelReadiness {
    pub fn reached(&self) -> bool {
        self.blocking.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChecklistProgress {
    pub id: String,
    pub title: String,
    pub edition: String,
    pub tally: Tally,
    pub sections: Vec<SectionProgress>,
    pub levels: Vec<LevelReadiness>,
}

/// Progress through one checklist.
pub fn progress(checklist: &Checklist, assessment: &Assessment, today: Date) -> ChecklistProgress {
    let mut tally = Tally::default();
    let mut sections = Vec::with_capacity(checklist.sections.len());
    let mut levels: Vec<LevelReadiness> = checklist
        .levels
        .iter()
        .map(|l| LevelReadiness {
            id: l.id.clone(),
            name: l.name.clone(),
            required: 0,
            met: 0,
            blocking: Vec::new(),
        })
        .collect();
    for section in &checklist.sections {
        let mut section_tally = Tally::default();
        for item in &section.items {
            let answer = assessment
                .answers
                .get(&ItemRef::new(&checklist.id, &item.id))
                .cloned()
                .unwrap_or_default();
            let result = outcome(item, &answer, today);
            section_tally.add(&answer, &result);
            for level in levels.iter_mut().filter(|l| item.levels.contains(&l.id)) {
                level.required += 1;
                if result == Outcome::Met {
                    level.met += 1;
                } else {
                    level.blocking.push(Blocker {
                        item: item.id.clone(),
                        title: item.title.clone(),
                        outcome: result.clone(),
                        critical: item.critical,
                    });
                }
            }
        }
        add_tally(&mut tally, &section_tally);
        sections.push(SectionProgress {
            id: section.id.clone(),
            title: section.title.clone(),
            tally: section_tally,
        });
    }
    ChecklistProgress {
        id: checklist.id.clone(),
        title: checklist.title.clone(),
        edition: checklist.edition.clone(),
        tally,
        sections,
        levels,
    }
}

fn add_tally(total: &mut Tally, part: &Tally) {
    total.total += part.total;
    total.answered += part.answered;
    total.met += part.met;
    total.gaps += part.gaps;
    total.flagged += part.flagged;
}

/// Answers whose item no checklist of the assessment has any more. They are kept, not dropped.
pub fn orphans<'a>(assessment: &'a Assessment, checklists: &[&Checklist]) -> Vec<&'a ItemRef> {
    assessment
        .answers
        .keys()
        .filter(|key| {
            !checklists
                .iter()
                .any(|c| c.id == key.checklist && c.item(&key.item).is_some())
        })
        .collect()
}

/// Something to look at again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Due {
    pub item: ItemRef,
    pub what: String,
    pub since: Date,
}

/// Answers whose review period has passed, and evidence past its review-by date.
pub fn due(checklist: &Checklist, assessment: &Assessment, today: Date) -> Vec<Due> {
    let mut out = Vec::new();
    for item in checklist.items() {
        let key = ItemRef::new(&checklist.id, &item.id);
        let Some(answer) = assessment.answers.get(&key) else {
            continue;
        };
        if let (Some(months), Some(answered)) = (item.review_months, answer.answered) {
            let since = answered.add_months(months);
            if since <= today && answer.status != Status::Unanswered {
                let what = format!("answer review (every {months} months)");
                out.push(Due {
                    item: key.clone(),
                    what,
                    since,
                });
            }
        }
        for evidence in &answer.evidence {
            if let Some(since) = evidence.review_by.filter(|d| *d <= today) {
                let what = format!("evidence review: {}", evidence.source.describe());
                out.push(Due {
                    item: key.clone(),
                    what,
                    since,
                });
            }
        }
    }
    out.sort_by_key(|d| d.since);
    out
}
