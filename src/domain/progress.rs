//! Progress maths: where each item stands, how far each section and level has come, and what
//! is due. Pure functions of a checklist, the answers and the date.
//!
//! Every answered item lands in exactly one bucket (met, gap, not applicable, met another
//! way, or carried forward and waiting to be confirmed), so the buckets always add up to the
//! answered count, and every gap carries the reason it is one. Everything that shows progress — the overview, `status`, the exports, the PDF and
//! the roll-up — reads these numbers; none computes its own.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::assessment::{Answer, Status};
use super::checklist::{Checklist, Item, ItemRef};
use super::date::Date;
use super::value::{ValueCheck, check_value};

/// Where an item stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "kebab-case")]
pub enum Outcome {
    Unanswered,
    /// Answered yes, with any value the item asks for meeting its rule.
    Met,
    /// Answered, but not met; `reason` says why in words for the user.
    Gap {
        reason: String,
    },
    /// Does not apply here; mandatory items need the reason.
    NotApplicable {
        reason: Option<String>,
    },
    /// Met another way, with the justification.
    Alternative {
        #[serde(rename = "reason")]
        justification: String,
    },
    /// Carried forward from last year and not yet confirmed: neither met nor a gap until
    /// someone says it is still true. `was` is last year's answer judged today: a gap only
    /// when a value it gave no longer meets the rule (a date that has aged), which confirming
    /// alone will not close; a partial or no carried forward is still a gap, never this.
    ToConfirm {
        was: Box<Outcome>,
    },
}

/// The buckets of [`Outcome`], for counting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Bucket {
    Met,
    Gap,
    NotApplicable,
    Alternative,
    ToConfirm,
    Unanswered,
}

impl Outcome {
    pub fn bucket(&self) -> Bucket {
        match self {
            Outcome::Unanswered => Bucket::Unanswered,
            Outcome::Met => Bucket::Met,
            Outcome::Gap { .. } => Bucket::Gap,
            Outcome::NotApplicable { .. } => Bucket::NotApplicable,
            Outcome::Alternative { .. } => Bucket::Alternative,
            Outcome::ToConfirm { .. } => Bucket::ToConfirm,
        }
    }

    /// Whether the item counts towards the levels it belongs to: met, not applicable (with a
    /// reason where one is needed) or met another way.
    pub fn satisfies(&self) -> bool {
        matches!(
            self,
            Outcome::Met | Outcome::NotApplicable { .. } | Outcome::Alternative { .. }
        )
    }

    pub fn is_gap(&self) -> bool {
        matches!(self, Outcome::Gap { .. })
    }

    /// The reason for a gap, if this is one.
    pub fn gap_reason(&self) -> Option<&str> {
        match self {
            Outcome::Gap { reason } => Some(reason),
            _ => None,
        }
    }

    /// One short phrase for lists and messages: "met", "gap: only partly in place", ...
    pub fn describe(&self) -> String {
        match self {
            Outcome::Unanswered => "unanswered".to_owned(),
            Outcome::Met => "met".to_owned(),
            Outcome::Gap { reason } => format!("not met: {reason}"),
            Outcome::NotApplicable { .. } => "not applicable".to_owned(),
            Outcome::Alternative { .. } => "met another way".to_owned(),
            // Last year's value has aged: say why confirming alone will not make it met.
            Outcome::ToConfirm { was } => match was.as_ref() {
                Outcome::Gap { reason } => {
                    format!("to confirm; confirming is not enough: {reason}")
                }
                was => format!("{} last year; to confirm", was.describe()),
            },
        }
    }

    /// The heading a page or screen draws for this outcome: a symbol and a label from
    /// [`Bucket`], so an answer waiting to be confirmed is never drawn as met.
    pub fn heading(&self) -> String {
        let bucket = self.bucket();
        match self {
            Outcome::ToConfirm { was } => format!(
                "{} {} ({} last year)",
                bucket.symbol(),
                bucket.label(),
                was.bucket().label()
            ),
            _ => format!("{} {}", bucket.symbol(), bucket.label()),
        }
    }

    /// The outcome an answer had before it was carried forward, or this one.
    pub fn underlying(&self) -> &Outcome {
        match self {
            Outcome::ToConfirm { was } => was,
            other => other,
        }
    }
}

impl Bucket {
    /// Every state an answer can be in, in the order a legend lists them.
    pub const ALL: [Bucket; 6] = [
        Bucket::Met,
        Bucket::Alternative,
        Bucket::Gap,
        Bucket::NotApplicable,
        Bucket::ToConfirm,
        Bucket::Unanswered,
    ];

    /// The state's name, as every page, screen and export writes it.
    pub fn label(self) -> &'static str {
        match self {
            Bucket::Met => "met",
            Bucket::Alternative => "met another way",
            Bucket::Gap => "gap",
            Bucket::NotApplicable => "not applicable",
            Bucket::ToConfirm => "to confirm",
            Bucket::Unanswered => "unanswered",
        }
    }

    /// The state's symbol, never shown without its label (a reader who does not know the key
    /// cannot read a symbol alone, and one who cannot see colour cannot read colour alone).
    pub fn symbol(self) -> &'static str {
        match self {
            Bucket::Met => "✓",
            Bucket::Alternative => "≈",
            Bucket::Gap => "✗",
            Bucket::NotApplicable => "–",
            Bucket::ToConfirm => "↻",
            Bucket::Unanswered => "·",
        }
    }

    /// What the state means, once, for a legend under a table that counts it.
    pub fn definition(self) -> &'static str {
        match self {
            Bucket::Met => "answered Yes, with any value the item asks for meeting its rule",
            Bucket::Alternative => "met by other means, with the justification recorded",
            Bucket::Gap => {
                "answered partial or no, or Yes with a value that falls short; a gap carried forward from last year is still a gap"
            }
            Bucket::NotApplicable => "does not apply here, with the reason recorded",
            Bucket::ToConfirm => {
                "carried forward from last year (answered Yes, met another way or not applicable then) and not yet confirmed this year: neither met nor a gap until it is"
            }
            Bucket::Unanswered => "no answer yet",
        }
    }
}

/// One line defining every state a count may be in, for under a table of counts.
pub fn legend() -> String {
    Bucket::ALL
        .iter()
        .map(|b| format!("{} {}: {}", b.symbol(), b.label(), b.definition()))
        .collect::<Vec<_>>()
        .join(". ")
        + "."
}

/// A label as it reads mid-sentence: "Date of the last test" becomes "date of the last test",
/// but an acronym ("ICO registration number") keeps its capitals.
fn lower_first(label: &str) -> String {
    let mut chars = label.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if !second.is_uppercase() => {
            first.to_lowercase().chain(label.chars().skip(1)).collect()
        }
        _ => label.to_owned(),
    }
}

/// Whether an item counts towards any level: such items need a reason to be marked not
/// applicable, as "met another way" always does.
pub fn is_mandatory(item: &Item) -> bool {
    !item.levels.is_empty()
}

/// Where `answer` leaves `item` on `today`. The single place that judges an answer.
pub fn outcome(item: &Item, answer: &Answer, today: Date) -> Outcome {
    let reason = || {
        answer
            .justification
            .as_deref()
            .map(str::trim)
            .filter(|j| !j.is_empty())
    };
    let gap = |reason: String| Outcome::Gap { reason };
    let judged = match answer.status {
        Status::Unanswered => Outcome::Unanswered,
        Status::Yes => match check_value(&item.answer, answer.value.as_deref(), today) {
            ValueCheck::NotAsked | ValueCheck::Meets => Outcome::Met,
            ValueCheck::Missing => {
                let label = lower_first(item.answer.label().unwrap_or("value"));
                gap(format!("answered Yes but no {label} is recorded"))
            }
            ValueCheck::Falls(why) => gap(format!("answered Yes but {why}")),
        },
        Status::NotApplicable => match reason() {
            None if is_mandatory(item) => {
                gap("marked not applicable without a reason, which a mandatory item needs".into())
            }
            r => Outcome::NotApplicable {
                reason: r.map(str::to_owned),
            },
        },
        Status::Alternative => match reason() {
            Some(j) => Outcome::Alternative {
                justification: j.to_owned(),
            },
            None => gap("met another way, but no justification is recorded".into()),
        },
        Status::Partial => gap("only partly in place".into()),
        Status::No => gap("not in place".into()),
    };
    // Last year's answer is a starting point, not this year's evidence: what it said was in
    // place (Yes, met another way, not applicable) waits for a confirmation, even when a date
    // it gave has aged since (then `was` is the gap confirming alone will not close); what
    // it left open (partial, no) is still open.
    let open_last_year = matches!(answer.status, Status::Partial | Status::No);
    match judged {
        Outcome::Unanswered => judged,
        was if answer.carried.is_some() && !open_last_year => {
            Outcome::ToConfirm { was: Box::new(was) }
        }
        other => other,
    }
}

/// Counts over a set of items. `met + gaps + not_applicable + alternative + to_confirm ==
/// answered` and `answered + unanswered == total`, always.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Tally {
    pub total: usize,
    pub answered: usize,
    pub met: usize,
    /// Answered but not met, for whatever reason (partial, no, a failing value, ...).
    pub gaps: usize,
    pub not_applicable: usize,
    /// Met another way.
    pub alternative: usize,
    /// Carried forward from last year, waiting to be confirmed (counted neither met nor gap).
    pub to_confirm: usize,
    pub unanswered: usize,
    pub flagged: usize,
    /// Answers that come from the head office rather than this site.
    pub inherited: usize,
}

impl Tally {
    fn add(&mut self, outcome: &Outcome, flagged: bool, inherited: bool) {
        self.total += 1;
        match outcome.bucket() {
            Bucket::Met => self.met += 1,
            Bucket::Gap => self.gaps += 1,
            Bucket::NotApplicable => self.not_applicable += 1,
            Bucket::Alternative => self.alternative += 1,
            Bucket::ToConfirm => self.to_confirm += 1,
            Bucket::Unanswered => self.unanswered += 1,
        }
        self.answered += usize::from(outcome.bucket() != Bucket::Unanswered);
        self.flagged += usize::from(flagged);
        self.inherited += usize::from(inherited);
    }

    fn absorb(&mut self, part: &Tally) {
        self.total += part.total;
        self.answered += part.answered;
        self.met += part.met;
        self.gaps += part.gaps;
        self.not_applicable += part.not_applicable;
        self.alternative += part.alternative;
        self.to_confirm += part.to_confirm;
        self.unanswered += part.unanswered;
        self.flagged += part.flagged;
        self.inherited += part.inherited;
    }

    /// Whole percent answered, rounded down so 99.9% never shows as 100%.
    pub fn percent_answered(&self) -> usize {
        whole_percent(self.answered, self.total)
    }

    /// Items that count as done: met, not applicable or met another way.
    pub fn satisfied(&self) -> usize {
        self.met + self.not_applicable + self.alternative
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

/// How far one level has come, and whether carecheck can honestly call it reached.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LevelReadiness {
    pub id: String,
    pub name: String,
    /// The items this checklist tags for the level.
    pub required: usize,
    pub met: usize,
    pub blocking: Vec<Blocker>,
    /// The official number of mandatory items, where the checklist declares one.
    pub official_count: Option<usize>,
    /// Other levels that must also be reached (`level` or `checklist:level`), with whether
    /// each is; a level of a checklist this assessment does not use counts as not reached.
    pub requires: Vec<RequiredLevel>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RequiredLevel {
    pub level: String,
    pub name: String,
    pub reached: bool,
}

impl LevelReadiness {
    /// Official items this checklist does not know about: they cannot be confirmed here.
    pub fn unknown_items(&self) -> usize {
        self.official_count
            .map_or(0, |official| official.saturating_sub(self.required))
    }

    /// Reached only when every known item is satisfied, the checklist knows every official
    /// item, and every level it builds on is reached.
    pub fn reached(&self) -> bool {
        self.blocking.is_empty()
            && self.unknown_items() == 0
            && self.requires.iter().all(|r| r.reached)
    }

    /// The verdict in words, saying what carecheck cannot confirm rather than claiming it.
    pub fn verdict(&self) -> String {
        let unknown = self.unknown_items();
        let missing: Vec<&str> = self
            .requires
            .iter()
            .filter(|r| !r.reached)
            .map(|r| r.name.as_str())
            .collect();
        let needs = if missing.is_empty() {
            String::new()
        } else {
            format!("; needs {} first", missing.join(" and "))
        };
        if self.required == 0 && !self.requires.is_empty() {
            return if missing.is_empty() {
                format!("{}: reached", self.name)
            } else {
                format!("{}: needs {} first", self.name, missing.join(" and "))
            };
        }
        if unknown > 0 {
            let official = self.official_count.unwrap_or(self.required);
            return if self.blocking.is_empty() {
                format!(
                    "{}: {} of the {} mandatory items carecheck knows are met; the toolkit has {official}: check the other {unknown} in the live toolkit{needs}",
                    self.name, self.met, self.required
                )
            } else {
                format!(
                    "{}: not reached ({} of {} items met; the toolkit has {official} mandatory items, {unknown} of which carecheck does not list: check them in the live toolkit){needs}",
                    self.name, self.met, self.required
                )
            };
        }
        if self.blocking.is_empty() && missing.is_empty() {
            format!(
                "{}: reached ({} of {} items)",
                self.name, self.met, self.required
            )
        } else {
            format!(
                "{}: not reached ({} of {} items met){needs}",
                self.name, self.met, self.required
            )
        }
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

/// What progress needs to know about one item's answer.
pub struct Judged<'a> {
    pub answer: Option<&'a Answer>,
    pub outcome: &'a Outcome,
    pub inherited: bool,
}

/// Progress through one checklist, from each item's already-judged outcome. `judged` is asked
/// once per item.
pub fn progress<'a>(
    checklist: &Checklist,
    judged: impl Fn(&ItemRef) -> Judged<'a>,
) -> ChecklistProgress {
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
            official_count: None,
            requires: Vec::new(),
        })
        .collect();
    for section in &checklist.sections {
        let mut section_tally = Tally::default();
        for item in &section.items {
            let key = ItemRef::new(&checklist.id, &item.id);
            let j = judged(&key);
            section_tally.add(j.outcome, j.answer.is_some_and(|a| a.flagged), j.inherited);
            for level in levels.iter_mut().filter(|l| item.levels.contains(&l.id)) {
                level.required += 1;
                if j.outcome.satisfies() {
                    level.met += 1;
                } else {
                    level.blocking.push(Blocker {
                        item: item.id.clone(),
                        title: item.title.clone(),
                        outcome: j.outcome.clone(),
                        critical: item.critical,
                    });
                }
            }
        }
        tally.absorb(&section_tally);
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

/// Answers whose item no checklist of the assessment has any more. They are kept, not dropped.
pub fn orphans<'a>(
    answers: &'a BTreeMap<ItemRef, Answer>,
    checklists: &[Checklist],
) -> Vec<&'a ItemRef> {
    answers
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

/// Whether an item's answer is due for review (its review period has passed) and which of its
/// evidence is past its review-by date, on `today`.
pub fn due_for(item: &Item, key: &ItemRef, answer: &Answer, today: Date) -> Vec<Due> {
    let mut out = Vec::new();
    // A confirmation says the answer was looked at again: the review period restarts from it.
    let looked_at = answer.answered.max(answer.confirmed);
    if let (Some(months), Some(answered)) = (item.review_months, looked_at) {
        let since = answered.add_months(months);
        if since <= today && answer.status != Status::Unanswered {
            out.push(Due {
                item: key.clone(),
                what: format!("answer review (every {months} months)"),
                since,
            });
        }
    }
    for evidence in &answer.evidence {
        if let Some(since) = evidence.review_by.filter(|d| *d <= today) {
            out.push(Due {
                item: key.clone(),
                what: format!("evidence review: {}", evidence.source.describe()),
                since,
            });
        }
    }
    out
}

/// `part` of `whole` as a whole percent, rounded down, so 199 of 200 (99.5%) shows 99% and
/// only all of them shows 100%; nothing to do (0 of 0) is 100%. The one rule for every
/// "N% answered" a screen, command or page prints.
pub fn whole_percent(part: usize, whole: usize) -> usize {
    (part * 100).checked_div(whole).unwrap_or(100)
}

#[cfg(test)]
mod percent_tests {
    use super::whole_percent;

    #[test]
    fn a_percent_is_rounded_down_so_only_all_is_a_hundred() {
        assert_eq!(whole_percent(199, 200), 99);
        assert_eq!(whole_percent(200, 200), 100);
        assert_eq!(whole_percent(1, 200), 0);
        assert_eq!(whole_percent(2, 3), 66);
        assert_eq!(whole_percent(0, 0), 100);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::checklist::{AnswerKind, Level, Section};

    fn item(id: &str, answer: AnswerKind, levels: &[&str]) -> Item {
        Item {
            id: id.into(),
            title: format!("Item {id}"),
            question: String::new(),
            guidance: String::new(),
            evidence: Vec::new(),
            levels: levels.iter().map(|l| (*l).to_owned()).collect(),
            review_months: None,
            answer,
            references: Vec::new(),
            links: Vec::new(),
            caution: None,
            exempt_with: Vec::new(),
            critical: false,
            assessor_test: false,
        }
    }

    fn day(text: &str) -> Date {
        Date::parse(text).expect("date")
    }

    fn answered(status: Status) -> Answer {
        Answer {
            status,
            ..Answer::default()
        }
    }

    fn percent() -> AnswerKind {
        AnswerKind::Percentage {
            label: "Staff trained".into(),
            threshold: 95.0,
        }
    }

    #[test]
    fn yes_with_a_failing_value_is_a_gap_that_says_why() {
        let it = item("3.2.1", percent(), &["met"]);
        let mut a = answered(Status::Yes);
        a.value = Some("91".into());
        let o = outcome(&it, &a, day("2026-11-28"));
        assert_eq!(
            o.gap_reason(),
            Some("answered Yes but 91% is below the 95% required")
        );
        a.value = None;
        assert_eq!(
            outcome(&it, &a, day("2026-11-28")).gap_reason(),
            Some("answered Yes but no staff trained is recorded")
        );
        a.value = Some("96.8".into());
        assert_eq!(outcome(&it, &a, day("2026-11-28")), Outcome::Met);
    }

    #[test]
    fn a_date_goes_stale_with_the_clock() {
        let it = item(
            "7.3.4",
            AnswerKind::Date {
                label: "Last restore test".into(),
                max_age_months: Some(12),
            },
            &["met"],
        );
        let mut a = answered(Status::Yes);
        a.value = Some("2026-09-01".into());
        assert_eq!(outcome(&it, &a, day("2027-08-31")), Outcome::Met);
        assert!(outcome(&it, &a, day("2027-09-02")).is_gap());
    }

    #[test]
    fn not_applicable_and_alternative_need_reasons_where_it_matters() {
        let mandatory = item("1.1.1", AnswerKind::Status, &["met"]);
        let optional = item("9.9.9", AnswerKind::Status, &[]);
        let today = day("2026-11-28");
        let na = answered(Status::NotApplicable);
        assert!(outcome(&mandatory, &na, today).is_gap());
        assert_eq!(
            outcome(&optional, &na, today),
            Outcome::NotApplicable { reason: None }
        );
        let mut reasoned = na.clone();
        reasoned.justification = Some("No IT systems at all".into());
        assert!(outcome(&mandatory, &reasoned, today).satisfies());
        let alt = answered(Status::Alternative);
        assert!(outcome(&optional, &alt, today).is_gap());
        let mut alt = alt;
        alt.justification = Some("  ".into());
        assert!(outcome(&optional, &alt, today).is_gap());
        alt.justification = Some("Paper log checked weekly".into());
        assert_eq!(
            outcome(&optional, &alt, today),
            Outcome::Alternative {
                justification: "Paper log checked weekly".into()
            }
        );
    }

    fn checklist(items: Vec<Item>) -> Checklist {
        Checklist {
            id: "c".into(),
            title: "C".into(),
            edition: "1".into(),
            publisher: String::new(),
            source_url: String::new(),
            licence: String::new(),
            summary: String::new(),
            caution: None,
            reporting: None,
            levels: vec![Level {
                id: "met".into(),
                name: "Standards Met".into(),
                description: String::new(),
                official_count: None,
                requires: Vec::new(),
            }],
            sections: vec![Section {
                id: "s".into(),
                title: "S".into(),
                summary: String::new(),
                items,
            }],
        }
    }

    #[test]
    fn buckets_add_up_and_levels_list_every_blocker() {
        let c = checklist(vec![
            item("a", AnswerKind::Status, &["met"]),
            item("b", percent(), &["met"]),
            item("c", AnswerKind::Status, &[]),
            item("d", AnswerKind::Status, &["met"]),
            item("e", AnswerKind::Status, &["met"]),
        ]);
        let outcomes: BTreeMap<ItemRef, Outcome> = [
            ("a", Outcome::Met),
            (
                "b",
                Outcome::Gap {
                    reason: "answered Yes but 91% is below the 95% required".into(),
                },
            ),
            ("c", Outcome::NotApplicable { reason: None }),
            ("d", Outcome::Unanswered),
            (
                "e",
                Outcome::ToConfirm {
                    was: Box::new(Outcome::Met),
                },
            ),
        ]
        .into_iter()
        .map(|(id, o)| (ItemRef::new("c", id), o))
        .collect();
        let p = progress(&c, |key| Judged {
            answer: None,
            outcome: &outcomes[key],
            inherited: key.item == "a",
        });
        let t = p.tally;
        assert_eq!((t.total, t.answered, t.unanswered), (5, 4, 1));
        assert_eq!(
            (t.met, t.gaps, t.not_applicable, t.alternative, t.to_confirm),
            (1, 1, 1, 0, 1)
        );
        assert_eq!(
            t.met + t.gaps + t.not_applicable + t.alternative + t.to_confirm,
            t.answered
        );
        assert_eq!(t.inherited, 1);
        let level = &p.levels[0];
        assert_eq!((level.required, level.met), (4, 1));
        let blockers: Vec<&str> = level.blocking.iter().map(|b| b.item.as_str()).collect();
        assert_eq!(
            blockers,
            ["b", "d", "e"],
            "a carried answer blocks until confirmed"
        );
        assert!(!level.reached());
    }

    #[test]
    fn a_level_short_of_its_official_count_is_never_reached() {
        let mut level = LevelReadiness {
            id: "met".into(),
            name: "Standards Met".into(),
            required: 41,
            met: 41,
            blocking: Vec::new(),
            official_count: Some(45),
            requires: Vec::new(),
        };
        assert!(!level.reached());
        assert_eq!(level.unknown_items(), 4);
        assert_eq!(
            level.verdict(),
            "Standards Met: 41 of the 41 mandatory items carecheck knows are met; the toolkit has 45: check the other 4 in the live toolkit"
        );
        level.official_count = Some(41);
        assert!(level.reached());
        level.requires.push(RequiredLevel {
            level: "cyber-essentials:ce-plus".into(),
            name: "Cyber Essentials Plus".into(),
            reached: false,
        });
        assert!(!level.reached());
        assert!(
            level
                .verdict()
                .ends_with("needs Cyber Essentials Plus first")
        );
    }

    #[test]
    fn reviews_fall_due_after_their_period() {
        let mut it = item("x", AnswerKind::Status, &[]);
        it.review_months = Some(12);
        let key = ItemRef::new("c", "x");
        let mut a = answered(Status::Yes);
        a.answered = Some(day("2025-11-28"));
        assert_eq!(due_for(&it, &key, &a, day("2026-11-27")), Vec::new());
        let due = due_for(&it, &key, &a, day("2026-11-28"));
        assert_eq!(due.len(), 1);
        assert_eq!(due[0].since, day("2026-11-28"));
    }
}
