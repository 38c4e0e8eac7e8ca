//! An assessment: one organisation's (or site's) answers to one or more checklists.
//!
//! Plain data plus the one way it changes, [`Assessment::apply`], so that replaying the journal
//! and making a change live go through the same code.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::checklist::ItemRef;
use super::date::{Date, Timestamp};
use super::plan::{Plan, PlanChange};
use super::registers::{RegisterChange, Registers};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    pub id: String,
    pub details: Details,
    pub created: Timestamp,
    pub updated: Timestamp,
    /// The checklists answered, each pinned to the exact text it was answered against.
    pub checklists: Vec<ChecklistUse>,
    /// Answers by item. Answers to items no checklist has any more are kept (orphaned).
    #[serde(default)]
    pub answers: BTreeMap<ItemRef, Answer>,
    /// The continuity plan: contacts, services, adjusted steps, exercises. Absent in older saves.
    #[serde(default, skip_serializing_if = "Plan::is_empty")]
    pub plan: Plan,
    /// The supplier and risk registers. Absent in older saves.
    #[serde(default, skip_serializing_if = "Registers::is_empty")]
    pub registers: Registers,
}

/// Who and where the assessment is for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Details {
    pub organisation: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessor: Option<String>,
    /// This is an organisation's head-office assessment, whose answers its sites inherit.
    #[serde(default, skip_serializing_if = "is_false")]
    pub head_office: bool,
    /// The head-office assessment this site's answers default to, where the site gives none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inherits_from: Option<String>,
    /// The organisation's identifiers and scope, printed on the evidence pack's cover. All
    /// optional: saves made before they existed load unchanged. Boxed so that an event
    /// carrying details stays small.
    #[serde(default, skip_serializing_if = "Profile::is_empty")]
    pub profile: Box<Profile>,
    /// The assessment this one was renewed from (last year's), by id. Absent in older saves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<String>,
    /// The `previous` assessment's judgement as it stood when this one was renewed from it
    /// (what last year's pack said), for the comparison. Absent in older saves: the
    /// comparison then judges last year's answers again and says so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_year: Option<Box<super::recorded::Recorded>>,
}

impl Details {
    /// "Organisation · site", or the organisation alone: the one way an assessment is named to
    /// a person (issue 23 counted nine copies of this phrase; new code calls this one).
    pub fn place(&self) -> String {
        place(&self.organisation, self.site.as_deref())
    }
}

/// "Organisation · site", or the organisation alone, for what holds the two apart from
/// [`Details`] (a report's model, a continuity plan's view).
pub fn place(organisation: &str, site: Option<&str>) -> String {
    match site {
        Some(site) => format!("{organisation} · {site}"),
        None => organisation.to_owned(),
    }
}

/// Who the organisation is to a regulator or commissioner, and what the assessment covers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// NHS Organisation Data Service code (used to log in to the DSPT), e.g. "VNABC".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ods_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cqc_provider_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cqc_location_id: Option<String>,
    /// Registration number with the Information Commissioner's Office.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ico_registration: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// The sites (homes, branches, offices) this assessment covers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sites_covered: Vec<String>,
    /// The first and last day of the period assessed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_start: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_end: Option<Date>,
}

impl Profile {
    pub fn is_empty(&self) -> bool {
        *self == Profile::default()
    }
}

/// A checklist as used by an assessment: its copy is stored beside the assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistUse {
    pub id: String,
    pub title: String,
    pub edition: String,
    /// SHA-256 of the stored copy's text.
    pub hash: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    #[default]
    Unanswered,
    /// In place.
    Yes,
    /// Partly in place: a gap.
    Partial,
    /// Not in place: a gap.
    No,
    /// Does not apply here.
    NotApplicable,
    /// Met in another way; needs a justification.
    Alternative,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::Yes,
        Status::Partial,
        Status::No,
        Status::NotApplicable,
        Status::Alternative,
        Status::Unanswered,
    ];

    /// The word used on the command line and in exports.
    pub fn keyword(self) -> &'static str {
        match self {
            Status::Unanswered => "unanswered",
            Status::Yes => "yes",
            Status::Partial => "partial",
            Status::No => "no",
            Status::NotApplicable => "na",
            Status::Alternative => "alt",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Unanswered => "Unanswered",
            Status::Yes => "Yes",
            Status::Partial => "Partial",
            Status::No => "No",
            Status::NotApplicable => "Not applicable",
            Status::Alternative => "Alternative",
        }
    }

    /// A partial or missing control, which should carry an action.
    pub fn is_gap(self) -> bool {
        matches!(self, Status::Partial | Status::No)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl FromStr for Status {
    type Err = String;
    fn from_str(text: &str) -> Result<Status, String> {
        match text.to_ascii_lowercase().as_str() {
            "yes" | "y" | "met" => Ok(Status::Yes),
            "partial" | "p" => Ok(Status::Partial),
            "no" | "n" => Ok(Status::No),
            "na" | "n/a" | "not-applicable" => Ok(Status::NotApplicable),
            "alt" | "alternative" => Ok(Status::Alternative),
            "unanswered" | "clear" => Ok(Status::Unanswered),
            _ => Err(format!(
                "`{text}` is not a status; use yes, partial, no, na, alt or unanswered"
            )),
        }
    }
}

/// Everything recorded against one item.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    pub status: Status,
    #[serde(default, skip_serializing_if = "is_false")]
    pub flagged: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The typed value, as entered (already checked to parse for the item's kind).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Why an alternative answer meets the item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub justification: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<Action>,
    /// The day the status was last set, from which reviews fall due.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answered: Option<Date>,
    /// Carried forward from last year's assessment on this day and not yet confirmed: it does
    /// not count as met until someone says it is still true. Absent in older saves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carried: Option<Date>,
    /// The day a carried-forward answer was confirmed as still true this year (`answered`
    /// keeps the day it was first given). Absent in older saves and for fresh answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmed: Option<Date>,
    /// For an answer carried forward from last year: who gave it then, from last year's
    /// journal, so the record says whose answer is being confirmed. Absent in older saves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_answered_by: Option<String>,
}

impl Answer {
    /// Sets the status, dated today, and keeps the gap's action in step: a new gap gets an
    /// open action (so the action plan lists every gap), and closing a gap marks its action done.
    pub fn set_status(&mut self, status: Status, today: Date) {
        self.status = status;
        // Answering again is the fullest confirmation a carried-forward answer can get.
        self.carried = None;
        self.confirmed = None;
        self.first_answered_by = None;
        self.answered = (status != Status::Unanswered).then_some(today);
        match (&mut self.action, status.is_gap()) {
            (None, true) => self.action = Some(Action::default()),
            (Some(action), true) if action.status == ActionStatus::Done => {
                action.set_status(ActionStatus::Open, today)
            }
            (Some(action), false) if status != Status::Unanswered => {
                action.set_status(ActionStatus::Done, today)
            }
            _ => {}
        }
    }

    /// The gap's action, created open if there is none yet.
    pub fn action_mut(&mut self) -> &mut Action {
        self.action.get_or_insert_with(Action::default)
    }

    /// Nothing recorded at all: such an answer is not stored.
    pub fn is_blank(&self) -> bool {
        Answer {
            answered: None,
            carried: None,
            confirmed: None,
            first_answered_by: None,
            ..self.clone()
        } == Answer::default()
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    pub source: EvidenceSource,
    /// The date of the evidence itself (a certificate's issue date), not when it was added.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dated: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_by: Option<Date>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum EvidenceSource {
    /// A file on disk, fingerprinted when it was recorded.
    File {
        /// The path as text, for showing. Exact when the path is valid UTF-8.
        path: String,
        sha256: String,
        size: u64,
        recorded: Timestamp,
        /// Only for a path that is not valid UTF-8 (possible on Unix): its exact bytes in hex,
        /// so the file can still be found; `path` then holds a readable approximation.
        /// Absent in older saves, which only ever held UTF-8 paths.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        os_path: Option<String>,
    },
    /// A named document or place ("Fire folder, office cabinet 2").
    Document { name: String },
}

impl EvidenceSource {
    pub fn describe(&self) -> &str {
        match self {
            EvidenceSource::File { path, .. } => path,
            EvidenceSource::Document { name } => name,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// What will be done to close the gap.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
    pub priority: Priority,
    pub status: ActionStatus,
    /// The day the action was marked done (cleared if the gap opens again).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed: Option<Date>,
}

impl Action {
    /// Sets the action's status, dating it when it is closed.
    pub fn set_status(&mut self, status: ActionStatus, today: Date) {
        if status == ActionStatus::Done && self.status != ActionStatus::Done {
            self.closed = Some(today);
        } else if status != ActionStatus::Done {
            self.closed = None;
        }
        self.status = status;
    }

    /// Not done and its due date has passed on `today`: the one rule for "overdue", used by
    /// the printed action plan and its CSV alike.
    pub fn is_overdue(&self, today: Date) -> bool {
        self.status != ActionStatus::Done && self.due.is_some_and(|due| due < today)
    }
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Priority {
    High,
    #[default]
    Medium,
    Low,
}

impl Priority {
    /// High, then medium, then low, then high again.
    pub fn next(self) -> Priority {
        match self {
            Priority::High => Priority::Medium,
            Priority::Medium => Priority::Low,
            Priority::Low => Priority::High,
        }
    }
}

impl FromStr for Priority {
    type Err = String;
    fn from_str(text: &str) -> Result<Priority, String> {
        match text.to_ascii_lowercase().as_str() {
            "high" | "h" | "1" => Ok(Priority::High),
            "medium" | "m" | "2" => Ok(Priority::Medium),
            "low" | "l" | "3" => Ok(Priority::Low),
            _ => Err(format!(
                "`{text}` is not a priority; use high, medium or low"
            )),
        }
    }
}

impl fmt::Display for Priority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Priority::High => "high",
            Priority::Medium => "medium",
            Priority::Low => "low",
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ActionStatus {
    #[default]
    Open,
    InProgress,
    Done,
}

impl FromStr for ActionStatus {
    type Err = String;
    fn from_str(text: &str) -> Result<ActionStatus, String> {
        match text.to_ascii_lowercase().replace(' ', "-").as_str() {
            "open" => Ok(ActionStatus::Open),
            "in-progress" | "started" => Ok(ActionStatus::InProgress),
            "done" | "closed" => Ok(ActionStatus::Done),
            _ => Err(format!(
                "`{text}` is not an action status; use open, in-progress or done"
            )),
        }
    }
}

/// One change to an assessment. The journal is a list of these, and replaying them in order
/// rebuilds the assessment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Event {
    /// The assessment was created with these details and checklists.
    Created {
        id: String,
        details: Details,
        checklists: Vec<ChecklistUse>,
    },
    /// An item's answer became this (the whole answer, so replay needs no history).
    Answered { item: ItemRef, answer: Answer },
    /// The organisation, site or assessor changed.
    DetailsChanged { details: Details },
    /// A checklist's stored copy was replaced by a newer edition, or a checklist was added.
    ChecklistUpdated { checklist: ChecklistUse },
    /// A part of the continuity plan was set or removed.
    Plan { change: PlanChange },
    /// A supplier or risk was set or removed. Boxed: a supplier is large, and events are
    /// passed around by value.
    Register { change: Box<RegisterChange> },
    /// A checklist was taken off the assessment. Its answers stay, in the journal and in the
    /// assessment, no longer counted (orphaned) until the checklist is added again.
    ChecklistRemoved { checklist: String },
}

impl Assessment {
    /// A new, empty assessment as described by a `Created` event.
    pub fn new(id: String, details: Details, checklists: Vec<ChecklistUse>, at: Timestamp) -> Self {
        Assessment {
            id,
            details,
            created: at,
            updated: at,
            checklists,
            answers: BTreeMap::new(),
            plan: Plan::default(),
            registers: Registers::default(),
        }
    }

    /// The answer to an item, or an unanswered default.
    pub fn answer(&self, item: &ItemRef) -> Answer {
        self.answers.get(item).cloned().unwrap_or_default()
    }

    /// How many answers the assessment holds for items of checklist `id` (in use or not).
    pub fn answers_for(&self, id: &str) -> usize {
        self.answers.keys().filter(|k| k.checklist == id).count()
    }

    pub fn uses_checklist(&self, id: &str) -> bool {
        self.checklists.iter().any(|c| c.id == id)
    }

    /// Applies one change. `Created` is only meaningful to start a journal and is ignored here.
    pub fn apply(&mut self, event: &Event, at: Timestamp) {
        match event {
            Event::Created { .. } => {}
            Event::Answered { item, answer } => {
                if answer.is_blank() {
                    self.answers.remove(item);
                } else {
                    self.answers.insert(item.clone(), answer.clone());
                }
            }
            Event::DetailsChanged { details } => self.details = details.clone(),
            Event::ChecklistUpdated { checklist } => {
                match self.checklists.iter_mut().find(|c| c.id == checklist.id) {
                    Some(existing) => *existing = checklist.clone(),
                    None => self.checklists.push(checklist.clone()),
                }
            }
            Event::Plan { change } => self.plan.apply(change),
            Event::Register { change } => self.registers.apply(change),
            Event::ChecklistRemoved { checklist } => self.checklists.retain(|c| c.id != *checklist),
        }
        self.updated = self.updated.max(at);
    }

    /// A SHA-256 over the assessment's canonical JSON form, so a printout can be matched to the
    /// saved state. Maps are ordered, so equal assessments always give equal fingerprints.
    pub fn fingerprint(&self) -> String {
        let canonical = serde_json::to_vec(self).unwrap_or_default();
        crate::digest::sha256_hex(&canonical)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Assessment {
        let details = Details {
            organisation: "Sunnyside Care".into(),
            site: Some("Leeds".into()),
            ..Details::default()
        };
        Assessment::new(
            "sunnyside".into(),
            details,
            Vec::new(),
            Timestamp::from_unix(0),
        )
    }

    #[test]
    fn statuses_parse_from_their_keywords() {
        for status in Status::ALL {
            assert_eq!(status.keyword().parse::<Status>(), Ok(status));
        }
        assert!("maybe".parse::<Status>().is_err());
    }

    #[test]
    fn answering_then_clearing_leaves_no_trace() {
        let mut a = sample();
        let item = ItemRef::new("dspt-social-care", "1.1.1");
        let answer = Answer {
            status: Status::Yes,
            ..Answer::default()
        };
        a.apply(
            &Event::Answered {
                item: item.clone(),
                answer,
            },
            Timestamp::from_unix(10),
        );
        assert_eq!(a.answer(&item).status, Status::Yes);
        assert_eq!(a.updated, Timestamp::from_unix(10));
        a.apply(
            &Event::Answered {
                item: item.clone(),
                answer: Answer::default(),
            },
            Timestamp::from_unix(20),
        );
        assert!(a.answers.is_empty());
    }

    #[test]
    fn gaps_get_actions_that_close_when_the_gap_does() {
        let today = Date::parse("2026-11-28").expect("date");
        let mut answer = Answer::default();
        answer.set_status(Status::No, today);
        assert_eq!(
            answer.action.as_ref().map(|a| a.status),
            Some(ActionStatus::Open)
        );
        assert_eq!(answer.answered, Some(today));
        answer.set_status(Status::Yes, today);
        assert_eq!(
            answer.action.as_ref().map(|a| (a.status, a.closed)),
            Some((ActionStatus::Done, Some(today))),
            "closing the gap closes its action, dated"
        );
        answer.set_status(Status::Partial, today);
        assert_eq!(
            answer.action.as_ref().map(|a| a.status),
            Some(ActionStatus::Open)
        );
        answer.set_status(Status::Unanswered, today);
        assert_eq!(answer.answered, None);
        assert_eq!(
            answer.action.as_ref().map(|a| a.status),
            Some(ActionStatus::Open)
        );
    }

    #[test]
    fn saves_from_before_plans_still_load_and_plans_round_trip() {
        let old = serde_json::json!({
            "id": "oak", "details": { "organisation": "Oak" },
            "created": "2026-01-01T00:00:00Z", "updated": "2026-01-01T00:00:00Z",
            "checklists": [], "answers": {}
        });
        let a: Assessment = serde_json::from_value(old).expect("an old save loads");
        assert!(a.plan.is_empty());
        // An empty plan is not written, so files stay as they were for assessments without one.
        assert!(!serde_json::to_string(&a).expect("json").contains("plan"));

        let event = Event::Plan {
            change: crate::domain::plan::PlanChange::Steps {
                incident: "ransomware".into(),
                steps: Some(vec!["Unplug it".into()]),
            },
        };
        let line = serde_json::to_string(&event).expect("json");
        assert_eq!(serde_json::from_str::<Event>(&line).expect("reads"), event);
        let mut a = a;
        a.apply(&event, Timestamp::from_unix(5));
        let text = serde_json::to_string(&a).expect("json");
        assert_eq!(serde_json::from_str::<Assessment>(&text).expect("reads"), a);
        assert_eq!(a.plan.steps["ransomware"], ["Unplug it"]);
    }

    #[test]
    fn registers_round_trip_and_old_saves_stay_unchanged() {
        use crate::domain::registers::{RegisterChange, Risk, Supplier};
        let mut a = sample();
        let before = serde_json::to_string(&a).expect("json");
        assert!(!before.contains("registers"), "{before}");
        let mut supplier = Supplier::named("Acme Records");
        supplier.notes = "account manager Jo".into();
        supplier.last_reviewed = Date::parse("2026-01-02");
        let events = [
            Event::Register {
                change: Box::new(RegisterChange::Supplier {
                    id: "acme".into(),
                    supplier: Some(supplier),
                }),
            },
            Event::Register {
                change: Box::new(RegisterChange::Risk {
                    id: "ransomware".into(),
                    risk: Some(Risk {
                        title: "Ransomware".into(),
                        description: String::new(),
                        likelihood: 3,
                        impact: 5,
                        owner: "Manager".into(),
                        review_by: Date::parse("2027-01-01"),
                        mitigated_by: vec![ItemRef::new("dspt-social-care", "7.3.4")],
                        suppliers: vec!["acme".into()],
                        starter: Some("ransomware".into()),
                        notes: String::new(),
                    }),
                }),
            },
        ];
        for event in &events {
            let line = serde_json::to_string(event).expect("json");
            assert_eq!(&serde_json::from_str::<Event>(&line).expect("reads"), event);
            a.apply(event, Timestamp::from_unix(7));
        }
        let text = serde_json::to_string(&a).expect("json");
        assert_eq!(serde_json::from_str::<Assessment>(&text).expect("reads"), a);
        assert_eq!(a.registers.suppliers["acme"].name, "Acme Records");
        assert_eq!(a.registers.risks["ransomware"].impact, 5);
        a.registers.clear_notes();
        assert!(a.registers.suppliers["acme"].notes.is_empty());
    }

    #[test]
    fn details_saved_before_the_profile_existed_still_load_and_save_the_same() {
        let old = r#"{"organisation":"Oak","site":"Leeds"}"#;
        let details: Details = serde_json::from_str(old).expect("old details load");
        assert!(details.profile.is_empty());
        assert_eq!(serde_json::to_string(&details).expect("json"), old);
        let with = Details {
            profile: Box::new(Profile {
                ods_code: Some("VNABC".into()),
                ..Profile::default()
            }),
            ..details
        };
        let json = serde_json::to_string(&with).expect("json");
        assert!(json.contains(r#""profile":{"ods_code":"VNABC"}"#), "{json}");
        assert_eq!(serde_json::from_str::<Details>(&json).expect("loads"), with);
    }

    #[test]
    fn fingerprint_follows_content() {
        let a = sample();
        let mut b = sample();
        assert_eq!(a.fingerprint(), b.fingerprint());
        b.details.site = Some("York".into());
        assert_ne!(a.fingerprint(), b.fingerprint());
    }
}
