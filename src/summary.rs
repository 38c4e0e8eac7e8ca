//! Where an assessment stands, computed once: the overview screen, `carecheck status` (text
//! and JSON), every export, the PDF and the roll-up all read a [`Summary`], so they cannot
//! disagree. Pure: built from the effective answers and the checklists, with the date passed in.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::checklist::Library;
use crate::domain::assessment::Assessment;
use crate::domain::assessment::{Action, Answer, Details, Priority};
use crate::domain::checklist::{Checklist, ItemRef, Reporting};
use crate::domain::date::{Date, Timestamp};
use crate::domain::progress::{
    ChecklistProgress, Due, Judged, Outcome, RequiredLevel, due_for, orphans, outcome, progress,
};
use crate::domain::recorded::{
    Recorded, RecordedChecklist, RecordedItem, RecordedLevel, RecordedSection,
};
use crate::workspace::{AnswerOrigin, Effective, HeadOffice, newer_editions};

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
    /// True when every level of every checklist is reached (and can be confirmed).
    pub all_levels_reached: bool,
    /// Every gap, in the order to work on them.
    pub action_plan: Vec<PlanEntry>,
    pub due: Vec<Due>,
    /// Answers kept for items that the checklists no longer have.
    pub orphaned: Vec<ItemRef>,
    /// Those answers themselves, kept as they were.
    pub orphaned_answers: BTreeMap<ItemRef, Answer>,
    /// For a site: the head office it inherits from.
    pub head_office: Option<HeadOffice>,
    /// For a site: the items whose answer comes from its head office.
    pub inherited: Vec<ItemRef>,
    /// Every item's answer that counts, with where it came from and where it leaves the item.
    pub answers: BTreeMap<ItemRef, AnswerStanding>,
    /// Answers carried forward from last year's assessment and not yet confirmed (none of
    /// them counts as met until it is).
    pub carried: Vec<ItemRef>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChecklistSummary {
    #[serde(flatten)]
    pub progress: ChecklistProgress,
    pub hash: String,
    /// carecheck has a newer edition than the copy this assessment answered.
    pub newer_edition_available: bool,
    /// The edition's reporting period and deadline, where the checklist declares them.
    pub reporting: Option<EditionStanding>,
}

/// The reporting period an assessment is for, and where today falls in it: every door (status,
/// the overview, the pack) reads this, so the period, its deadline and the provisional note are
/// worded once, here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EditionStanding {
    /// The period the assessment is for (see [`Reporting::period_containing`]).
    #[serde(flatten)]
    pub reporting: Reporting,
    /// Its name, "2026-27".
    pub period: String,
    /// Days from today to the period's deadline (negative once it has passed).
    pub days_to_deadline: i64,
    /// The period is over.
    pub period_ended: bool,
    /// The period the checklist's edition was written for.
    pub edition_period: Reporting,
    /// The questions are an earlier period's: carecheck has no edition for this period yet, so
    /// each is to be checked against the live toolkit.
    pub provisional: bool,
}

impl EditionStanding {
    /// The standing of an assessment whose period assessed ends on `period_end` (when it
    /// records one) or, when not, is the period today falls in.
    pub fn of(edition: Reporting, period_end: Option<Date>, today: Date) -> EditionStanding {
        let reporting = edition.period_containing(period_end.unwrap_or(today));
        EditionStanding {
            reporting,
            period: reporting.label(),
            days_to_deadline: today.days_until(reporting.deadline),
            period_ended: today > reporting.period_end,
            edition_period: edition,
            provisional: reporting != edition,
        }
    }

    /// "publish by 30/06/2027: 205 days to go", "publish today, 30/06/2027", or that the deadline
    /// has passed.
    fn countdown(&self) -> String {
        let deadline = self.reporting.deadline.uk();
        match self.days_to_deadline {
            0 => format!("publish today, {deadline}"),
            days if days > 0 => format!(
                "publish by {deadline}: {} to go",
                crate::text::count(usize::try_from(days).unwrap_or(0), "day", "days")
            ),
            _ => format!("deadline {deadline} has passed"),
        }
    }

    /// A few words for a screen's border: the period, its deadline, and whether the questions
    /// are provisional.
    pub fn short(&self) -> String {
        let mut words = format!("{}: {}", self.period, self.countdown());
        if self.provisional {
            words.push_str("; questions provisional");
        } else if self.period_ended {
            words = format!(
                "{}: period ended {}; a newer edition may differ",
                self.period,
                self.reporting.period_end.uk()
            );
        }
        words
    }

    /// The sentence every page and screen shows when the questions are an earlier edition's.
    pub fn provisional_note(&self, edition: &str) -> Option<String> {
        self.provisional.then(|| {
            format!(
                "The questions are the {edition} edition's, provisional for {period}: check each against the live toolkit until carecheck has the {period} edition.",
                period = self.period
            )
        })
    }

    /// Sentences for the user, in UK dates: the period, its deadline, and the provisional note.
    pub fn describe(&self, edition: &str) -> String {
        let deadline = self.reporting.deadline.uk();
        if self.period_ended && !self.provisional {
            return format!(
                "This is the {edition} edition, whose period ended on {}; its deadline was {deadline}. The next edition may ask different questions: check the live toolkit.",
                self.reporting.period_end.uk()
            );
        }
        let countdown = self.countdown();
        let mut chars = countdown.chars();
        let first = chars.next().map(|c| c.to_uppercase().to_string());
        let mut text = format!(
            "The {} period runs {} to {}. {}{}",
            self.period,
            self.reporting.period_start.uk(),
            self.reporting.period_end.uk(),
            first.unwrap_or_default(),
            chars.as_str()
        );
        match self.provisional_note(edition) {
            Some(note) => {
                text.push_str(". ");
                text.push_str(&note);
            }
            None => text.push_str(&format!(" ({edition} edition).")),
        }
        text
    }
}

/// One answer as every output shows it.
#[derive(Debug, Clone, Serialize)]
pub struct AnswerStanding {
    #[serde(flatten)]
    pub answer: Answer,
    #[serde(flatten)]
    pub outcome: Outcome,
    #[serde(flatten)]
    pub origin: AnswerOrigin,
}

/// A gap and what is to be done about it.
#[derive(Debug, Clone, Serialize)]
pub struct PlanEntry {
    pub item: ItemRef,
    pub checklist: String,
    pub title: String,
    /// Why it is a gap, in words for the user.
    pub reason: String,
    /// The names of the levels it stops being reached, lowest first.
    pub blocks: Vec<String>,
    pub critical: bool,
    /// The recorded action, if any (a value that fell short may have none yet).
    pub action: Option<Action>,
    pub inherited_from: Option<HeadOffice>,
    /// For an action that a continuity plan exercise recorded: the exercise's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_exercise: Option<String>,
    #[serde(skip)]
    rank: (usize, Priority, bool, Option<Date>),
}

/// What a summary needs to know from the checklist library: which checklists have a newer
/// edition, and the names of levels in checklists the assessment does not use (a level may
/// require one). Built once from the library; empty when there is none to ask.
#[derive(Debug, Clone, Default)]
pub struct LibraryFacts {
    pub newer: Vec<String>,
    /// `checklist:level` to the level's name, for every level carecheck knows.
    pub level_names: BTreeMap<String, String>,
}

impl LibraryFacts {
    pub fn of(assessment: &Assessment, library: &Library) -> LibraryFacts {
        LibraryFacts {
            newer: newer_editions(assessment, library)
                .iter()
                .map(|c| c.id.clone())
                .collect(),
            level_names: library
                .entries()
                .iter()
                .flat_map(|e| {
                    e.checklist
                        .levels
                        .iter()
                        .map(|l| (format!("{}:{}", e.checklist.id, l.id), l.name.clone()))
                })
                .collect(),
        }
    }
}

/// The actions recorded by the continuity plan's exercises of the last 12 months, as entries
/// of the action plan against the DSPT item the exercise tests (when the assessment answers
/// the DSPT). Entered once, in the exercise; listed here so every output shows them.
fn exercise_actions(
    assessment: &Assessment,
    checklists: &[Checklist],
    today: Date,
) -> Vec<PlanEntry> {
    use crate::domain::plan::{TEST_INTERVAL_MONTHS, TEST_ITEM};
    let (checklist_id, item_id) = TEST_ITEM;
    let Some(checklist) = checklists.iter().find(|c| c.id == checklist_id) else {
        return Vec::new();
    };
    let Some(item) = checklist.items().find(|i| i.id == item_id) else {
        return Vec::new();
    };
    let key = ItemRef::new(checklist_id, item_id);
    let mut exercises: Vec<_> = assessment
        .plan
        .exercises
        .iter()
        .filter(|(_, e)| e.date.add_months(TEST_INTERVAL_MONTHS) >= today)
        .collect();
    exercises.sort_by_key(|(_, e)| std::cmp::Reverse(e.date));
    exercises
        .into_iter()
        .flat_map(|(id, e)| {
            let key = key.clone();
            e.actions.iter().map(move |text| PlanEntry {
                item: key.clone(),
                checklist: checklist.title.clone(),
                title: item.title.clone(),
                reason: format!(
                    "An action from continuity plan exercise {id} on {}: {}",
                    e.date.uk(),
                    e.scenario
                ),
                blocks: Vec::new(),
                critical: false,
                action: Some(Action {
                    text: text.clone(),
                    ..Action::default()
                }),
                inherited_from: None,
                from_exercise: Some(id.clone()),
                // After the gaps that block a level, in the order the exercises were held.
                rank: (usize::MAX, Priority::Medium, true, None),
            })
        })
        .collect()
}

impl PlanEntry {
    /// Whether this is an action a continuity plan exercise recorded rather than a gap in an
    /// answer (counted apart, so "gaps" means items answered partial or no, or falling short).
    pub fn is_exercise_action(&self) -> bool {
        self.from_exercise.is_some()
    }
}

impl Summary {
    /// How many entries of the action plan are gaps in answers (not exercise actions).
    pub fn gap_count(&self) -> usize {
        self.action_plan
            .iter()
            .filter(|e| !e.is_exercise_action())
            .count()
    }

    /// Summarises `effective` against its `checklists` (in the assessment's order) on `today`.
    pub fn of(
        effective: &Effective,
        checklists: &[Checklist],
        facts: &LibraryFacts,
        today: Date,
    ) -> Summary {
        let assessment = &effective.assessment;
        let mut answers = BTreeMap::new();
        let mut action_plan = Vec::new();
        let mut due = Vec::new();
        let mut progresses = Vec::with_capacity(checklists.len());
        for checklist in checklists {
            let mut outcomes: BTreeMap<&str, Outcome> = BTreeMap::new();
            for item in checklist.items() {
                let key = ItemRef::new(&checklist.id, &item.id);
                let answer = effective.answer(&key);
                let judged = answer.map_or(Outcome::Unanswered, |a| outcome(item, a, today));
                if let Outcome::Gap { reason } = &judged {
                    let levels: Vec<usize> = checklist
                        .levels
                        .iter()
                        .enumerate()
                        .filter(|(_, l)| item.levels.contains(&l.id))
                        .map(|(i, _)| i)
                        .collect();
                    let action = answer.and_then(|a| a.action.clone());
                    let rank = (
                        levels.first().copied().unwrap_or(usize::MAX),
                        action.as_ref().map_or(Priority::Medium, |a| a.priority),
                        action.as_ref().and_then(|a| a.due).is_none(),
                        action.as_ref().and_then(|a| a.due),
                    );
                    action_plan.push(PlanEntry {
                        item: key.clone(),
                        checklist: checklist.title.clone(),
                        title: item.title.clone(),
                        reason: reason.clone(),
                        blocks: levels
                            .iter()
                            .map(|&i| checklist.levels[i].name.clone())
                            .collect(),
                        critical: item.critical,
                        action,
                        inherited_from: effective.inherited_from(&key).cloned(),
                        from_exercise: None,
                        rank,
                    });
                }
                if let Some(answer) = answer {
                    due.extend(due_for(item, &key, answer, today));
                    answers.insert(
                        key.clone(),
                        AnswerStanding {
                            answer: answer.clone(),
                            outcome: judged.clone(),
                            origin: effective.origin(&key),
                        },
                    );
                }
                outcomes.insert(item.id.as_str(), judged);
            }
            let p = progress(checklist, |key| Judged {
                answer: effective.answer(key),
                outcome: &outcomes[key.item.as_str()],
                inherited: effective.inherited.contains(key),
            });
            progresses.push(p);
        }
        action_plan.extend(exercise_actions(assessment, checklists, today));
        settle_levels(&mut progresses, checklists, &facts.level_names);
        // Critical items first within a rank: a No there fails the whole application.
        action_plan.sort_by_key(|p| (p.rank, !p.critical));
        due.sort_by_key(|d| d.since);
        let summaries: Vec<ChecklistSummary> = progresses
            .into_iter()
            .zip(&assessment.checklists)
            .zip(checklists)
            .map(|((progress, used), checklist)| ChecklistSummary {
                newer_edition_available: facts.newer.contains(&progress.id),
                progress,
                hash: used.hash.clone(),
                reporting: checklist
                    .reporting
                    .map(|r| EditionStanding::of(r, assessment.details.profile.period_end, today)),
            })
            .collect();
        let orphaned: Vec<(ItemRef, Answer)> = orphans(&assessment.answers, checklists)
            .into_iter()
            .map(|k| (k.clone(), assessment.answer(k)))
            .collect();
        let all_levels_reached = summaries
            .iter()
            .all(|c| c.progress.levels.iter().all(|l| l.reached()));
        Summary {
            id: assessment.id.clone(),
            details: assessment.details.clone(),
            created: assessment.created,
            updated: assessment.updated,
            fingerprint: assessment.fingerprint(),
            checklists: summaries,
            all_levels_reached,
            action_plan,
            due,
            orphaned: orphaned.iter().map(|(k, _)| k.clone()).collect(),
            orphaned_answers: orphaned.into_iter().collect(),
            head_office: effective.head.clone(),
            inherited: effective.inherited.iter().cloned().collect(),
            carried: answers
                .iter()
                .filter(|(_, s)| s.answer.carried.is_some())
                .map(|(k, _)| k.clone())
                .collect(),
            answers,
        }
    }

    /// This summary as it is kept with a renewal: the counts per checklist and section, each
    /// level reached or not, and every answered item's state, judged on `judged_on`.
    pub fn recorded(&self, judged_on: Date) -> Recorded {
        Recorded {
            assessment: self.id.clone(),
            judged_on,
            checklists: self
                .checklists
                .iter()
                .map(|c| RecordedChecklist {
                    id: c.progress.id.clone(),
                    title: c.progress.title.clone(),
                    edition: c.progress.edition.clone(),
                    tally: c.progress.tally,
                    sections: c
                        .progress
                        .sections
                        .iter()
                        .map(|s| RecordedSection {
                            id: s.id.clone(),
                            title: s.title.clone(),
                            tally: s.tally,
                        })
                        .collect(),
                    levels: c
                        .progress
                        .levels
                        .iter()
                        .map(|l| (l.name.clone(), l.reached()))
                        .collect(),
                    level_detail: c
                        .progress
                        .levels
                        .iter()
                        .map(|l| RollupLevel::of(l).recorded())
                        .collect(),
                })
                .collect(),
            items: self
                .answers
                .iter()
                .filter(|(_, a)| a.outcome != Outcome::Unanswered)
                .map(|(k, a)| {
                    let item = RecordedItem {
                        state: a.outcome.bucket(),
                        reason: a.outcome.gap_reason().map(str::to_owned),
                    };
                    (k.clone(), item)
                })
                .collect(),
        }
    }

    /// The summary of one checklist, by id.
    pub fn checklist(&self, id: &str) -> Option<&ChecklistSummary> {
        self.checklists.iter().find(|c| c.progress.id == id)
    }

    /// Answered items across every checklist, and all items.
    pub fn answered_of_total(&self) -> (usize, usize) {
        self.checklists.iter().fold((0, 0), |(a, t), c| {
            (a + c.progress.tally.answered, t + c.progress.tally.total)
        })
    }
}

/// Fills in each level's official count and the levels it requires, once every checklist's
/// own readiness is known (a level may require one in another checklist).
fn settle_levels(
    progresses: &mut [ChecklistProgress],
    checklists: &[Checklist],
    known_names: &BTreeMap<String, String>,
) {
    for (p, checklist) in progresses.iter_mut().zip(checklists) {
        for (readiness, level) in p.levels.iter_mut().zip(&checklist.levels) {
            readiness.official_count = level.official_count.map(|n| n as usize);
        }
    }
    // Requirements are settled in order of depth: a level that needs another is decided once
    // that one is. Levels cannot require themselves, so a few passes settle any real chain.
    for _ in 0..4 {
        let reached: Vec<(String, String, bool)> = progresses
            .iter()
            .flat_map(|p| {
                p.levels
                    .iter()
                    .map(move |l| (format!("{}:{}", p.id, l.id), l.name.clone(), l.reached()))
            })
            .collect();
        for (p, checklist) in progresses.iter_mut().zip(checklists) {
            for (readiness, level) in p.levels.iter_mut().zip(&checklist.levels) {
                readiness.requires = level
                    .requires
                    .iter()
                    .map(|wanted| {
                        let full = if wanted.contains(':') {
                            wanted.clone()
                        } else {
                            format!("{}:{wanted}", checklist.id)
                        };
                        let found = reached.iter().find(|(id, _, _)| *id == full);
                        // A level of a checklist this assessment does not use cannot be
                        // reached here; its name still says what it is.
                        let name = found.map_or_else(
                            || {
                                known_names
                                    .get(&full)
                                    .cloned()
                                    .unwrap_or_else(|| full.clone())
                            },
                            |(_, n, _)| n.clone(),
                        );
                        RequiredLevel {
                            level: full.clone(),
                            name,
                            reached: found.is_some_and(|(_, _, r)| *r),
                        }
                    })
                    .collect();
            }
        }
    }
}

/// Whose judgement a roll-up row's counts are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "basis", rename_all = "kebab-case")]
pub enum RowBasis {
    /// The assessment's answers judged today: it is the current one.
    Today,
    /// As recorded when it was renewed (judged on `on`, the day of its last change), kept
    /// with the renewal: last year's figures as last year's pack gave them.
    Recorded { on: Date },
    /// Renewed, but by a carecheck that kept no record: its answers judged again today, so
    /// a date that has aged since can make these figures differ from its own pack's.
    JudgedAgain,
}

impl RowBasis {
    /// The roll-up's "Figures" cell: whose judgement the counts are.
    pub fn words(self, renewed_as: Option<&str>) -> String {
        let next = renewed_as.map_or(String::new(), |id| format!(", renewed as {id}"));
        match self {
            RowBasis::Today => "today's".to_owned(),
            RowBasis::Recorded { on } => format!("as recorded {}{next}", on.uk()),
            RowBasis::JudgedAgain => {
                format!("judged again today{next} (no record was kept then)")
            }
        }
    }
}

/// What kind of assessment a roll-up row is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(tag = "role", rename_all = "kebab-case")]
pub enum Role {
    HeadOffice,
    Site { head_office: String },
    StandAlone,
}

/// One assessment's standing against one checklist, for comparing sites side by side. The
/// counts are the checklist's [`Tally`](crate::domain::progress::Tally): the same numbers as
/// the assessment's own pack and `status`.
#[derive(Debug, Clone, Serialize)]
pub struct RollupRow {
    pub organisation: String,
    pub site: Option<String>,
    pub assessment: String,
    #[serde(flatten)]
    pub role: Role,
    /// The day the assessment was started, and the period it assesses (when recorded).
    pub started: Date,
    pub period_start: Option<Date>,
    pub period_end: Option<Date>,
    /// The assessment it was renewed from (last year's), by id.
    pub renewed_from: Option<String>,
    /// The assessment renewed from this one (next year's), by id.
    pub renewed_as: Option<String>,
    /// Whose judgement the counts are: today's, or, for an assessment since renewed, the
    /// one recorded when it was renewed (what its own pack said then).
    pub judged: RowBasis,
    pub checklist: String,
    pub edition: String,
    pub answered: usize,
    pub total: usize,
    /// Answered Yes and met (not counting met another way; see `alternative`).
    pub met: usize,
    pub gaps: usize,
    pub not_applicable: usize,
    pub alternative: usize,
    pub to_confirm: usize,
    pub unanswered: usize,
    pub flagged: usize,
    pub inherited: usize,
    /// Answer reviews and evidence reviews due (the assessment's, on each of its rows).
    pub reviews_due: usize,
    /// Supplier and risk reminders due (the assessment's, on each of its rows); set by the
    /// caller, which reads the registers.
    pub reminders: usize,
    pub levels: Vec<RollupLevel>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RollupLevel {
    pub name: String,
    pub met: usize,
    pub required: usize,
    pub reached: bool,
    pub verdict: String,
    /// Why it is not reached, in a few words (empty when reached).
    pub why_not: String,
}

impl RollupLevel {
    /// This level as kept with a renewal.
    fn recorded(self) -> RecordedLevel {
        RecordedLevel {
            name: self.name,
            met: self.met,
            required: self.required,
            reached: self.reached,
            verdict: self.verdict,
            why_not: self.why_not,
        }
    }

    /// A level as it was recorded; from an older record, which kept only whether it was
    /// reached, without counts.
    fn from_record(kept: &RecordedChecklist) -> Vec<RollupLevel> {
        if kept.level_detail.is_empty() {
            return kept
                .levels
                .iter()
                .map(|(name, reached)| RollupLevel {
                    name: name.clone(),
                    met: 0,
                    required: 0,
                    reached: *reached,
                    verdict: String::new(),
                    why_not: if *reached {
                        String::new()
                    } else {
                        "not reached when recorded".to_owned()
                    },
                })
                .collect();
        }
        kept.level_detail
            .iter()
            .map(|l| RollupLevel {
                name: l.name.clone(),
                met: l.met,
                required: l.required,
                reached: l.reached,
                verdict: l.verdict.clone(),
                why_not: l.why_not.clone(),
            })
            .collect()
    }

    fn of(l: &crate::domain::progress::LevelReadiness) -> RollupLevel {
        use crate::domain::progress::Bucket;
        let count = |bucket: Bucket| {
            l.blocking
                .iter()
                .filter(|b| b.outcome.bucket() == bucket)
                .count()
        };
        let mut why = Vec::new();
        for (bucket, one, many) in [
            (Bucket::Gap, "gap", "gaps"),
            (Bucket::ToConfirm, "to confirm", "to confirm"),
            (Bucket::Unanswered, "unanswered", "unanswered"),
        ] {
            let n = count(bucket);
            if n > 0 {
                why.push(format!("{n} {}", if n == 1 { one } else { many }));
            }
        }
        let unknown = l.unknown_items();
        if unknown > 0 {
            why.push(format!(
                "the toolkit has {unknown} more {} carecheck cannot check",
                if unknown == 1 { "item" } else { "items" }
            ));
        }
        let missing: Vec<&str> = l
            .requires
            .iter()
            .filter(|r| !r.reached)
            .map(|r| r.name.as_str())
            .collect();
        if !missing.is_empty() {
            why.push(format!("needs {} first", missing.join(" and ")));
        }
        RollupLevel {
            name: l.name.clone(),
            met: l.met,
            required: l.required,
            reached: l.reached(),
            verdict: l.verdict(),
            why_not: why.join("; "),
        }
    }

    /// "✓ Standards Met 45/45", or "✗ Approaching Standards 21/21: the toolkit has 5 more
    /// items carecheck cannot check"; a level made only of other levels has no count.
    pub fn label(&self) -> String {
        let mark = if self.reached { "✓" } else { "✗" };
        let count = if self.required == 0 {
            String::new()
        } else {
            format!(" {}/{}", self.met, self.required)
        };
        let why = if self.why_not.is_empty() {
            String::new()
        } else {
            format!(": {}", self.why_not)
        };
        format!("{mark} {}{count}{why}", self.name)
    }
}

impl RollupRow {
    /// Whether every level in this row is reached.
    pub fn all_reached(&self) -> bool {
        self.levels.iter().all(|l| l.reached)
    }
}

/// Rows for every summary given, sorted by organisation, head office first, then site.
pub fn rollup(summaries: &[Summary]) -> Vec<RollupRow> {
    let mut rows: Vec<RollupRow> = summaries
        .iter()
        .flat_map(|s| {
            let role = match (&s.details.inherits_from, s.details.head_office) {
                (Some(head), _) => Role::Site {
                    head_office: head.clone(),
                },
                (None, true) => Role::HeadOffice,
                (None, false) => Role::StandAlone,
            };
            s.checklists.iter().map(move |c| {
                let t = &c.progress.tally;
                RollupRow {
                    organisation: s.details.organisation.clone(),
                    site: s.details.site.clone(),
                    assessment: s.id.clone(),
                    role: role.clone(),
                    started: s.created.date(),
                    period_start: s.details.profile.period_start,
                    period_end: s.details.profile.period_end,
                    renewed_from: s.details.previous.clone(),
                    renewed_as: None,
                    judged: RowBasis::Today,
                    checklist: c.progress.id.clone(),
                    edition: c.progress.edition.clone(),
                    answered: t.answered,
                    total: t.total,
                    met: t.met,
                    gaps: t.gaps,
                    not_applicable: t.not_applicable,
                    alternative: t.alternative,
                    to_confirm: t.to_confirm,
                    unanswered: t.unanswered,
                    flagged: t.flagged,
                    inherited: t.inherited,
                    reviews_due: s.due.len(),
                    reminders: 0,
                    levels: c.progress.levels.iter().map(RollupLevel::of).collect(),
                }
            })
        })
        .collect();
    for later in summaries {
        if let Some(previous) = &later.details.previous {
            as_recorded(&mut rows, previous, later);
        }
    }
    rows.sort_by(|x, y| {
        let key = |r: &RollupRow| {
            (
                r.organisation.to_lowercase(),
                r.role != Role::HeadOffice,
                r.site.clone(),
                r.checklist.clone(),
                r.started,
                r.assessment.clone(),
            )
        };
        key(x).cmp(&key(y))
    });
    rows
}

/// The rows of `previous`, since renewed as `later`: their counts and levels as recorded
/// when it was renewed, where `later` kept that record; else marked as judged again today.
fn as_recorded(rows: &mut [RollupRow], previous: &str, later: &Summary) {
    let kept = later
        .details
        .last_year
        .as_deref()
        .filter(|r| r.assessment == previous);
    for row in rows.iter_mut().filter(|r| r.assessment == previous) {
        row.renewed_as = Some(later.id.clone());
        let Some(record) = kept else {
            row.judged = RowBasis::JudgedAgain;
            continue;
        };
        row.judged = RowBasis::Recorded {
            on: record.judged_on,
        };
        let Some(c) = record.checklists.iter().find(|c| c.id == row.checklist) else {
            // A checklist added after the renewal: no record of it, so today's judgement.
            row.judged = RowBasis::JudgedAgain;
            continue;
        };
        let t = &c.tally;
        row.answered = t.answered;
        row.total = t.total;
        row.met = t.met;
        row.gaps = t.gaps;
        row.not_applicable = t.not_applicable;
        row.alternative = t.alternative;
        row.to_confirm = t.to_confirm;
        row.unanswered = t.unanswered;
        row.flagged = t.flagged;
        row.inherited = t.inherited;
        row.levels = RollupLevel::from_record(c);
    }
}
