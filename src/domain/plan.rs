//! The continuity plan: who to ring, how care carries on without each system, the first hour of
//! each common incident, the reporting duties and their clocks, and the exercises that test it.
//!
//! Two halves. The *starter* is carecheck's own content, compiled in and the same for everyone
//! (national contacts with their sources, suggested steps, duties, suggested services). The
//! *plan* is what a provider records: its own contacts, its services, its adjusted steps and
//! its exercises. It lives inside the assessment, so it is saved, journalled, locked and
//! bundled exactly like the answers; a site with no plan of its own uses its head office's.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::checklist::ItemRef;
use super::date::Date;
use super::phone::Phone;

/// The DSPT item the last exercise answers: the continuity plan has been tested.
pub const TEST_ITEM: (&str, &str) = ("dspt-social-care", "7.2.1");
/// The items the plan is evidence for: in the DSPT the plan itself, its test and the paper
/// contacts; in NCSC's guidance, incident management and the plan for a successful phish.
pub const EVIDENCE_ITEMS: [(&str, &str); 5] = [
    ("dspt-social-care", "7.1.2"),
    ("dspt-social-care", "7.2.1"),
    ("dspt-social-care", "7.3.2"),
    ("ncsc-10-steps", "INCIDENT"),
    ("ncsc-small-business", "PH-PLAN"),
];

/// Whether the plan is evidence for `item`.
pub fn is_evidence_item(item: &ItemRef) -> bool {
    EVIDENCE_ITEMS
        .iter()
        .any(|(c, i)| item.checklist == *c && item.item == *i)
}
/// A plan test older than this is overdue (the DSPT asks for a test in the last year).
pub const TEST_INTERVAL_MONTHS: u32 = 12;

// ---------------------------------------------------------------------------------------------
// The starter: carecheck's content.

/// carecheck's bundled content for the plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Starter {
    pub edition: String,
    pub contacts: Vec<NationalContact>,
    pub incidents: Vec<Incident>,
    pub duties: Vec<Duty>,
    pub services: Vec<ServiceTemplate>,
}

impl Starter {
    pub fn contact(&self, id: &str) -> Option<&NationalContact> {
        self.contacts.iter().find(|c| c.id == id)
    }
    pub fn incident(&self, id: &str) -> Option<&Incident> {
        self.incidents.iter().find(|i| i.id == id)
    }
    pub fn duty(&self, id: &str) -> Option<&Duty> {
        self.duties.iter().find(|d| d.id == id)
    }
    pub fn service(&self, id: &str) -> Option<&ServiceTemplate> {
        self.services.iter().find(|s| s.id == id)
    }
}

/// How sure carecheck is of an official fact: read on the organisation's own page, or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "confidence", content = "why", rename_all = "kebab-case")]
pub enum Confidence {
    Confirmed,
    /// Why it could not be confirmed; always shown to users beside the fact.
    Unconfirmed(String),
}

impl Confidence {
    /// The words shown beside the fact.
    pub fn describe(&self) -> String {
        match self {
            Confidence::Confirmed => "confirmed from source".into(),
            Confidence::Unconfirmed(why) => format!("unconfirmed: {why}"),
        }
    }
    pub fn is_confirmed(&self) -> bool {
        matches!(self, Confidence::Confirmed)
    }
}

/// When an official fact was read and when it should be read again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Checked {
    pub source_url: Option<String>,
    pub checked: Date,
    pub review_by: Date,
    #[serde(flatten)]
    pub confidence: Confidence,
}

impl Checked {
    /// True once the review date has passed: the fact may be out of date.
    pub fn review_overdue(&self, today: Date) -> bool {
        today > self.review_by
    }
}

/// A national organisation to ring or report to, as carecheck's content gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NationalContact {
    pub id: String,
    pub name: String,
    pub purpose: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub url: Option<String>,
    pub online_form_url: Option<String>,
    pub hours: Option<String>,
    pub notes: Option<String>,
    pub checked: Checked,
}

/// Someone to ring in an incident: a national contact or one of the provider's own.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", content = "id", rename_all = "kebab-case")]
pub enum Ring {
    National(String),
    Local(Role),
}

impl Ring {
    /// Parses `local:ROLE` or a national contact id.
    pub fn parse(text: &str) -> Result<Ring, String> {
        match text.strip_prefix("local:") {
            Some(role) => role.parse().map(Ring::Local),
            None => Ok(Ring::National(text.to_owned())),
        }
    }
}

/// A cited source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    pub title: String,
    pub url: Option<String>,
}

/// A common incident and what to do in its first hour.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Incident {
    pub id: String,
    pub title: String,
    pub when: String,
    pub steps: Vec<String>,
    pub ring: Vec<Ring>,
    pub duties: Vec<String>,
    pub do_not: Vec<String>,
    pub sources: Vec<Source>,
    /// Printed on the one-page incident card (the continuity incidents, such as a power cut,
    /// are in the continuity plan only, so the card stays one page in readable type).
    pub on_card: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DutyKind {
    Legal,
    Contract,
    Recommended,
    NotUsuallyApplicable,
}

impl DutyKind {
    pub const KEYWORDS: [&str; 4] = ["legal", "contract", "recommended", "not-usually-applicable"];

    pub fn parse(text: &str) -> Option<DutyKind> {
        match text {
            "legal" => Some(DutyKind::Legal),
            "contract" => Some(DutyKind::Contract),
            "recommended" => Some(DutyKind::Recommended),
            "not-usually-applicable" => Some(DutyKind::NotUsuallyApplicable),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            DutyKind::Legal => "Legal duty",
            DutyKind::Contract => "Depends on your contract or policy",
            DutyKind::Recommended => "Recommended",
            DutyKind::NotUsuallyApplicable => "Not usually applicable",
        }
    }
}

/// A duty to report, with its clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Duty {
    pub id: String,
    pub title: String,
    pub kind: DutyKind,
    pub applies_when: String,
    pub clock: String,
    pub clock_hours: Option<u32>,
    pub clock_starts: Option<String>,
    pub how: Vec<Ring>,
    pub keep_record: Option<String>,
    pub sources: Vec<Source>,
    pub notes: Option<String>,
    pub checked: Checked,
}

/// carecheck's suggestion for one critical service: the provider adopts and edits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServiceTemplate {
    pub id: String,
    pub title: String,
    pub what_it_covers: String,
    pub fallback: String,
    pub forms_kept: String,
    pub prepare: String,
    pub how_long_prompt: String,
    pub who_switches: String,
    pub back_entry: String,
    pub depends_on: Vec<String>,
    pub links: Vec<ItemRef>,
}

// ---------------------------------------------------------------------------------------------
// The provider's plan, stored in the assessment.

/// What a provider has recorded. Empty for assessments made before plans existed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// The provider's own contacts, by id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub contacts: BTreeMap<String, Contact>,
    /// Critical services and their fallbacks, by id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub services: BTreeMap<String, Service>,
    /// First-hour steps the provider has adjusted, by incident id (others follow the starter).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub steps: BTreeMap<String, Vec<String>>,
    /// Exercises that tested the plan, by id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub exercises: BTreeMap<String, Exercise>,
}

impl Plan {
    pub fn is_empty(&self) -> bool {
        self == &Plan::default()
    }

    /// Applies one recorded change.
    pub fn apply(&mut self, change: &PlanChange) {
        fn put<T: Clone>(map: &mut BTreeMap<String, T>, id: &str, value: Option<&T>) {
            match value {
                Some(value) => {
                    map.insert(id.to_owned(), value.clone());
                }
                None => {
                    map.remove(id);
                }
            }
        }
        match change {
            PlanChange::Contact { id, contact } => put(&mut self.contacts, id, contact.as_ref()),
            PlanChange::Service { id, service } => put(&mut self.services, id, service.as_ref()),
            PlanChange::Steps { incident, steps } => put(&mut self.steps, incident, steps.as_ref()),
            PlanChange::Exercise { id, exercise } => {
                put(&mut self.exercises, id, exercise.as_ref());
            }
        }
    }

    /// The next free id `prefix`, `prefix-2`, `prefix-3`, ... in `existing`.
    pub fn free_id<T>(existing: &BTreeMap<String, T>, prefix: &str) -> String {
        (1..)
            .map(|n| {
                if n == 1 {
                    prefix.to_owned()
                } else {
                    format!("{prefix}-{n}")
                }
            })
            .find(|id| !existing.contains_key(id))
            .unwrap_or_else(|| prefix.to_owned())
    }
}

/// One change to a plan: a record set to a new value, or removed (`None`). Whole records, like
/// answers, so that replaying the journal needs no history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "part", rename_all = "kebab-case", deny_unknown_fields)]
pub enum PlanChange {
    Contact {
        id: String,
        contact: Option<Contact>,
    },
    Service {
        id: String,
        service: Option<Service>,
    },
    Steps {
        incident: String,
        steps: Option<Vec<String>>,
    },
    Exercise {
        id: String,
        exercise: Option<Exercise>,
    },
}

/// The roles every plan needs someone for, whatever its incidents say to ring.
pub const ESSENTIAL_ROLES: [Role; 7] = [
    Role::Decides,
    Role::OnCallManager,
    Role::ItSupport,
    Role::Bank,
    Role::Insurer,
    Role::LocalAuthority,
    Role::Icb,
];

/// What a local contact is for; the incidents' "ring" lists name these roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// The person who decides (registered manager, owner).
    Decides,
    OnCallManager,
    ItSupport,
    SupplierHelpdesk,
    DataProtectionLead,
    Bank,
    Insurer,
    LocalAuthority,
    Icb,
    Other,
}

impl Role {
    pub const ALL: [Role; 10] = [
        Role::Decides,
        Role::OnCallManager,
        Role::ItSupport,
        Role::SupplierHelpdesk,
        Role::DataProtectionLead,
        Role::Bank,
        Role::Insurer,
        Role::LocalAuthority,
        Role::Icb,
        Role::Other,
    ];

    pub fn keyword(self) -> &'static str {
        match self {
            Role::Decides => "decides",
            Role::OnCallManager => "on-call-manager",
            Role::ItSupport => "it-support",
            Role::SupplierHelpdesk => "supplier-helpdesk",
            Role::DataProtectionLead => "data-protection-lead",
            Role::Bank => "bank",
            Role::Insurer => "insurer",
            Role::LocalAuthority => "local-authority",
            Role::Icb => "icb",
            Role::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Decides => "Who decides",
            Role::OnCallManager => "Manager on call",
            Role::ItSupport => "IT support",
            Role::SupplierHelpdesk => "Supplier helpdesk",
            Role::DataProtectionLead => "Data protection lead",
            Role::Bank => "Bank",
            Role::Insurer => "Insurer's incident line",
            Role::LocalAuthority => "Local authority",
            Role::Icb => "Integrated care board",
            Role::Other => "Other",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl FromStr for Role {
    type Err = String;
    fn from_str(text: &str) -> Result<Role, String> {
        let wanted = text.trim().to_ascii_lowercase();
        Role::ALL
            .into_iter()
            .find(|r| r.keyword() == wanted)
            .ok_or_else(|| {
                let all: Vec<&str> = Role::ALL.iter().map(|r| r.keyword()).collect();
                format!(
                    "`{text}` is not a contact role; use one of: {}",
                    all.join(", ")
                )
            })
    }
}

/// One of the provider's own contacts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub role: Role,
    /// A person or organisation ("Acme IT, service desk").
    pub name: String,
    /// A [`Phone`] in its spaced form, as every contact entered since numbers were checked
    /// has. Kept as text in the save file so that a save from before then, whose phone may be
    /// free text ("ask reception"), still loads: [`Contact::number`] tells the two apart.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub phone: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub email: String,
    /// When to ring, out-of-hours arrangements, policy numbers, notice deadlines.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
}

/// A contact's phone as it can be printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Number<'a> {
    /// No phone recorded (an email only).
    None,
    Checked(Phone),
    /// Free text from a save made before numbers were checked: printed as a note, never as a
    /// number, and listed as needing a check.
    NotANumber(&'a str),
}

impl Contact {
    /// The phone, checked.
    pub fn number(&self) -> Number<'_> {
        let text = self.phone.trim();
        if text.is_empty() {
            return Number::None;
        }
        Phone::parse(text).map_or(Number::NotANumber(text), Number::Checked)
    }
}

/// A critical service, how care carries on without it, and how to recover.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    pub title: String,
    /// How long care can safely carry on without it, in the provider's words.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub how_long: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub fallback: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub forms_kept: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub who_switches: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub back_entry: String,
    /// The starter suggestion it began from, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
}

/// A test of the plan: a table-top exercise or a real switch to paper.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exercise {
    pub date: Date,
    pub scenario: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participants: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub went_wrong: String,
    /// What will change as a result.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<String>,
}

// ---------------------------------------------------------------------------------------------
// Building changes: the one place that turns what a user typed (on the command line or in the
// screens) into a `PlanChange`, with the same checks and the same ids for both.

/// A change ready to record, and what to tell the user once it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Built {
    pub change: PlanChange,
    pub message: String,
}

fn built(change: PlanChange, message: String) -> Result<Built, String> {
    Ok(Built { change, message })
}

fn not_blank(what: &str, text: &str) -> Result<String, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(format!("{what} must not be empty"));
    }
    Ok(text.to_owned())
}

fn unknown<'a>(what: &str, id: &str, known: impl Iterator<Item = &'a String>) -> String {
    let known: Vec<&str> = known.map(String::as_str).collect();
    let hint = if known.is_empty() {
        format!("there are no {what}s in this plan yet")
    } else {
        format!("the plan has: {}", known.join(", "))
    };
    format!("no {what} `{}`; {hint}", crate::text::one_line(id))
}

/// A contact with its text trimmed, checked to have a name and a way to reach it, and its
/// phone number checked and kept in its spaced form (see [`Phone`]).
fn checked_contact(contact: Contact) -> Result<Contact, String> {
    let phone = contact.phone.trim();
    let phone = if phone.is_empty() {
        String::new()
    } else {
        Phone::parse(phone)?.to_string()
    };
    let contact = Contact {
        role: contact.role,
        name: not_blank("the name", &contact.name)?,
        phone,
        email: contact.email.trim().to_owned(),
        notes: contact.notes.trim().to_owned(),
    };
    if contact.phone.is_empty() && contact.email.is_empty() {
        return Err(
            "give a phone number or an email: a contact with neither cannot be reached".into(),
        );
    }
    Ok(contact)
}

/// Adds a contact under the next free id for its role.
pub fn add_contact(plan: &Plan, contact: Contact) -> Result<Built, String> {
    let contact = checked_contact(contact)?;
    let id = Plan::free_id(&plan.contacts, contact.role.keyword());
    let message = format!(
        "Added contact {id}: {} ({}).",
        contact.role.label(),
        contact.name
    );
    built(
        PlanChange::Contact {
            id,
            contact: Some(contact),
        },
        message,
    )
}

/// Replaces the contact `id` (one of the assessment's own) with `contact`.
pub fn change_contact(plan: &Plan, id: &str, contact: Contact) -> Result<Built, String> {
    if !plan.contacts.contains_key(id) {
        return Err(unknown("contact", id, plan.contacts.keys()));
    }
    let contact = checked_contact(contact)?;
    let message = format!(
        "Updated contact {id}: {} ({}).",
        contact.role.label(),
        contact.name
    );
    built(
        PlanChange::Contact {
            id: id.to_owned(),
            contact: Some(contact),
        },
        message,
    )
}

pub fn remove_contact(plan: &Plan, id: &str) -> Result<Built, String> {
    if !plan.contacts.contains_key(id) {
        return Err(unknown("contact", id, plan.contacts.keys()));
    }
    built(
        PlanChange::Contact {
            id: id.to_owned(),
            contact: None,
        },
        format!("Removed contact {id}."),
    )
}

/// The fields of a service to set; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServiceFields {
    pub title: Option<String>,
    pub how_long: Option<String>,
    pub fallback: Option<String>,
    pub forms_kept: Option<String>,
    pub who_switches: Option<String>,
    pub back_entry: Option<String>,
}

/// Adds the service `id`, or changes the fields given of one already in the plan. A
/// suggested id starts from carecheck's suggestion; a site starts from its head office's.
pub fn put_service(
    plan: &Plan,
    head: Option<&Plan>,
    starter: &Starter,
    id: &str,
    fields: &ServiceFields,
) -> Result<Built, String> {
    let shown = crate::text::one_line(id);
    if !super::checklist::is_item_id(id) {
        return Err(format!(
            "service id `{shown}` may use only letters, digits, `.`, `-` and `_`"
        ));
    }
    let is_new = !plan.services.contains_key(id);
    let existing = plan
        .services
        .get(id)
        .or_else(|| head.and_then(|h| h.services.get(id)))
        .cloned();
    let mut service = match (existing, starter.service(id)) {
        (Some(service), _) => service,
        (None, Some(template)) => adopt(template),
        (None, None) => Service {
            title: String::new(),
            how_long: String::new(),
            fallback: String::new(),
            forms_kept: String::new(),
            who_switches: String::new(),
            back_entry: String::new(),
            template: None,
        },
    };
    let given = [
        (&fields.title, &mut service.title),
        (&fields.how_long, &mut service.how_long),
        (&fields.fallback, &mut service.fallback),
        (&fields.forms_kept, &mut service.forms_kept),
        (&fields.who_switches, &mut service.who_switches),
        (&fields.back_entry, &mut service.back_entry),
    ];
    for (given, field) in given {
        if let Some(text) = given {
            *field = text.trim().to_owned();
        }
    }
    if service.title.is_empty() {
        return Err(format!(
            "`{shown}` is not a suggested service, so give it a name (`carecheck plan list` shows the suggested ones)"
        ));
    }
    let verb = if is_new { "Added" } else { "Updated" };
    let mut message = format!("{verb} service {id}: {}.", service.title);
    if service.how_long.is_empty() {
        message.push_str(" Say how long care can carry on without it.");
    }
    built(
        PlanChange::Service {
            id: id.to_owned(),
            service: Some(service),
        },
        message,
    )
}

pub fn remove_service(plan: &Plan, id: &str) -> Result<Built, String> {
    if !plan.services.contains_key(id) {
        return Err(unknown("service", id, plan.services.keys()));
    }
    built(
        PlanChange::Service {
            id: id.to_owned(),
            service: None,
        },
        format!("Removed service {id}."),
    )
}

/// A change to an incident's first-hour steps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepEdit {
    /// Add a step at the end, or at position `at` (1 is the first).
    Add { text: String, at: Option<usize> },
    /// Remove step `number` (1 is the first).
    Remove { number: usize },
    /// Go back to carecheck's suggested steps.
    Reset,
    /// The whole list as the user edited it (blank steps are dropped).
    Replace(Vec<String>),
}

/// The steps a site adjusts are the ones it sees: its own, else its head office's, else the
/// starter's.
pub fn edit_steps(
    plan: &Plan,
    head: Option<&Plan>,
    starter: &Starter,
    incident_id: &str,
    edit: StepEdit,
) -> Result<Built, String> {
    let Some(incident) = starter.incident(incident_id) else {
        let ids: Vec<String> = starter.incidents.iter().map(|i| i.id.clone()).collect();
        return Err(unknown("incident", incident_id, ids.iter()));
    };
    let mut steps = plan
        .steps
        .get(incident_id)
        .or_else(|| head.and_then(|h| h.steps.get(incident_id)))
        .cloned()
        .unwrap_or_else(|| incident.steps.clone());
    let message = match edit {
        StepEdit::Add { text, at } => {
            let text = not_blank("the step", &text)?;
            let position = match at {
                None => steps.len(),
                Some(n) if (1..=steps.len() + 1).contains(&n) => n - 1,
                Some(n) => {
                    return Err(format!(
                        "step {n} is outside the list; use 1 to {}",
                        steps.len() + 1
                    ));
                }
            };
            steps.insert(position, text);
            format!("Added step {} to {incident_id}.", position + 1)
        }
        StepEdit::Remove { number } => {
            if !(1..=steps.len()).contains(&number) {
                return Err(format!(
                    "{incident_id} has steps 1 to {}; there is no step {number}",
                    steps.len()
                ));
            }
            if steps.len() == 1 {
                return Err(
                    "an incident needs at least one step; add another first, or reset it".into(),
                );
            }
            steps.remove(number - 1);
            format!("Removed step {number} of {incident_id}.")
        }
        StepEdit::Reset => {
            return built(
                PlanChange::Steps {
                    incident: incident_id.to_owned(),
                    steps: None,
                },
                format!("{incident_id} now follows carecheck's suggested steps."),
            );
        }
        StepEdit::Replace(new) => {
            let new = clean_list(&new);
            if new.is_empty() {
                return Err("an incident needs at least one step".into());
            }
            steps = new;
            format!(
                "Saved {} for {}.",
                crate::text::count(steps.len(), "first-hour step", "first-hour steps"),
                incident.title
            )
        }
    };
    built(
        PlanChange::Steps {
            incident: incident_id.to_owned(),
            steps: Some(steps),
        },
        message,
    )
}

/// Records an exercise under the next free id (E1, E2, ...).
pub fn add_exercise(plan: &Plan, exercise: Exercise) -> Result<Built, String> {
    let id = (1..)
        .map(|n| format!("E{n}"))
        .find(|id| !plan.exercises.contains_key(id))
        .unwrap_or_else(|| "E".into());
    let exercise = checked_exercise(exercise)?;
    let message = format!(
        "Recorded exercise {id} on {}: {}.",
        exercise.date.uk(),
        exercise.scenario
    );
    built(
        PlanChange::Exercise {
            id,
            exercise: Some(exercise),
        },
        message,
    )
}

/// Replaces the exercise `id` (one of the assessment's own).
pub fn change_exercise(plan: &Plan, id: &str, exercise: Exercise) -> Result<Built, String> {
    if !plan.exercises.contains_key(id) {
        return Err(unknown("exercise", id, plan.exercises.keys()));
    }
    let exercise = checked_exercise(exercise)?;
    let message = format!("Updated exercise {id} on {}.", exercise.date.uk());
    built(
        PlanChange::Exercise {
            id: id.to_owned(),
            exercise: Some(exercise),
        },
        message,
    )
}

fn checked_exercise(exercise: Exercise) -> Result<Exercise, String> {
    Ok(Exercise {
        date: exercise.date,
        scenario: not_blank("the scenario", &exercise.scenario)?,
        participants: clean_list(&exercise.participants),
        went_wrong: exercise.went_wrong.trim().to_owned(),
        actions: clean_list(&exercise.actions),
    })
}

pub fn remove_exercise(plan: &Plan, id: &str) -> Result<Built, String> {
    if !plan.exercises.contains_key(id) {
        return Err(unknown("exercise", id, plan.exercises.keys()));
    }
    built(
        PlanChange::Exercise {
            id: id.to_owned(),
            exercise: None,
        },
        format!("Removed exercise {id}."),
    )
}

/// The entries of a list, trimmed, without the blank ones.
pub fn clean_list(items: &[String]) -> Vec<String> {
    items
        .iter()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The plan that counts: the site's own parts, else its head office's, else the starter's.

/// Where a part of the plan that counts comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PartOrigin {
    Own,
    HeadOffice,
    /// carecheck's suggestion, not yet adopted by the provider.
    Starter,
    /// Nothing recorded anywhere.
    Missing,
}

/// The plan that counts for one assessment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EffectivePlan {
    #[serde(serialize_with = "keyed")]
    pub contacts: Vec<(String, Contact)>,
    pub contacts_from: PartOrigin,
    /// The ids of contacts that come from the head office (roles the site has not filled).
    pub inherited_contacts: BTreeSet<String>,
    #[serde(serialize_with = "keyed")]
    pub services: Vec<(String, Service)>,
    pub services_from: PartOrigin,
    /// Every starter incident with the steps that count and where they come from.
    pub incidents: Vec<IncidentSteps>,
    /// Most recent first.
    #[serde(serialize_with = "keyed")]
    pub exercises: Vec<(String, Exercise)>,
    pub exercises_from: PartOrigin,
}

/// Records with their ids as a list of objects, each with an `id` (easier for other tools
/// than pairs).
fn keyed<T: Serialize, S: serde::Serializer>(
    records: &[(String, T)],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct Keyed<'a, T> {
        id: &'a str,
        #[serde(flatten)]
        record: &'a T,
    }
    serializer.collect_seq(records.iter().map(|(id, record)| Keyed { id, record }))
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IncidentSteps {
    pub incident: Incident,
    pub steps: Vec<String>,
    pub steps_from: PartOrigin,
}

impl EffectivePlan {
    /// The plan that counts, given the assessment's own plan and its head office's (for a site).
    pub fn of(own: &Plan, head: Option<&Plan>, starter: &Starter) -> EffectivePlan {
        fn part<'p, T>(
            own: &'p BTreeMap<String, T>,
            head: Option<&'p BTreeMap<String, T>>,
        ) -> (&'p BTreeMap<String, T>, PartOrigin) {
            match head {
                Some(head) if own.is_empty() && !head.is_empty() => (head, PartOrigin::HeadOffice),
                _ if own.is_empty() => (own, PartOrigin::Missing),
                _ => (own, PartOrigin::Own),
            }
        }
        // Contacts are inherited role by role: a site that enters its own manager on call
        // still sees the head office's IT support.
        let mut contacts: Vec<(String, Contact)> = own
            .contacts
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let mut inherited_contacts = BTreeSet::new();
        for (id, contact) in head.map(|h| &h.contacts).into_iter().flatten() {
            let role_filled = own.contacts.values().any(|c| c.role == contact.role);
            if !role_filled && !own.contacts.contains_key(id) {
                contacts.push((id.clone(), contact.clone()));
                inherited_contacts.insert(id.clone());
            }
        }
        let contacts_from = match (own.contacts.is_empty(), inherited_contacts.is_empty()) {
            (true, true) => PartOrigin::Missing,
            (true, false) => PartOrigin::HeadOffice,
            _ => PartOrigin::Own,
        };
        contacts.sort_by(|a, b| a.1.role.cmp(&b.1.role).then_with(|| a.0.cmp(&b.0)));

        let (services, mut services_from) = part(&own.services, head.map(|h| &h.services));
        let mut services: Vec<(String, Service)> = services
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        if services.is_empty() {
            services = starter
                .services
                .iter()
                .map(|t| (t.id.clone(), adopt(t)))
                .collect();
            services_from = PartOrigin::Starter;
        }
        services.sort_by_key(|(id, _)| {
            starter
                .services
                .iter()
                .position(|t| &t.id == id)
                .unwrap_or(usize::MAX)
        });

        let incidents = starter
            .incidents
            .iter()
            .map(|incident| {
                let (steps, steps_from) = match (
                    own.steps.get(&incident.id),
                    head.and_then(|h| h.steps.get(&incident.id)),
                ) {
                    (Some(steps), _) => (steps.clone(), PartOrigin::Own),
                    (None, Some(steps)) => (steps.clone(), PartOrigin::HeadOffice),
                    (None, None) => (incident.steps.clone(), PartOrigin::Starter),
                };
                IncidentSteps {
                    incident: incident.clone(),
                    steps,
                    steps_from,
                }
            })
            .collect();

        let (exercises, exercises_from) = part(&own.exercises, head.map(|h| &h.exercises));
        let mut exercises: Vec<(String, Exercise)> = exercises
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        exercises.sort_by(|a, b| b.1.date.cmp(&a.1.date).then_with(|| a.0.cmp(&b.0)));

        EffectivePlan {
            contacts,
            contacts_from,
            inherited_contacts,
            services,
            services_from,
            incidents,
            exercises,
            exercises_from,
        }
    }

    /// carecheck's suggested services that the plan does not cover yet (none when the plan
    /// is still showing the suggestions themselves).
    pub fn services_to_consider<'s>(&self, starter: &'s Starter) -> Vec<&'s ServiceTemplate> {
        if self.services_from == PartOrigin::Starter {
            return Vec::new();
        }
        starter
            .services
            .iter()
            .filter(|t| {
                !self
                    .services
                    .iter()
                    .any(|(id, s)| id == &t.id || s.template.as_deref() == Some(t.id.as_str()))
            })
            .collect()
    }

    /// The provider's contacts for a role.
    pub fn contacts_for(&self, role: Role) -> impl Iterator<Item = &Contact> {
        self.contacts
            .iter()
            .map(|(_, c)| c)
            .filter(move |c| c.role == role)
    }

    /// What the plan holds, in one line for an item it is evidence for ("Continuity plan:
    /// 6 contacts, 4 services; last exercise 12/03/2026").
    pub fn evidence_summary(&self) -> String {
        let services = if self.services_from == PartOrigin::Starter {
            0
        } else {
            self.services.len()
        };
        let exercise = match self.exercises.first() {
            Some((_, e)) => format!("last exercise {}", e.date.uk()),
            None => "no exercise recorded".to_owned(),
        };
        format!(
            "Continuity plan: {}, {}; {exercise}",
            crate::text::count(self.contacts.len(), "contact", "contacts"),
            crate::text::count(services, "service", "services"),
        )
    }

    /// The named document to record as evidence for `item`: for the DSPT test item the last
    /// exercise (none without one), for the others the plan and its printed card.
    pub fn evidence_document(&self, item: &ItemRef) -> Option<String> {
        let (checklist, test) = TEST_ITEM;
        if item.checklist == checklist && item.item == test {
            let (id, e) = self.exercises.first()?;
            return Some(format!(
                "Continuity plan exercise {id}, {}: {}",
                e.date.uk(),
                e.scenario
            ));
        }
        Some(format!(
            "Continuity plan and one-page incident card (carecheck plan): {}",
            self.evidence_summary()
                .trim_start_matches("Continuity plan: ")
        ))
    }

    /// Whether the plan has been tested recently enough on `today`: by the latest exercise held
    /// by then (one dated later, a typing slip or a planned one, tests nothing yet).
    pub fn test_standing(&self, today: Date) -> TestStanding {
        let held = self
            .exercises
            .iter()
            .map(|(_, e)| e.date)
            .filter(|d| *d <= today);
        TestStanding::of(held.max(), today)
    }
}

/// Where the helpdesk to ring for a critical supplier comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "from", rename_all = "kebab-case")]
pub enum HelpdeskFrom {
    /// A supplier-helpdesk contact in the plan that names the supplier (by its id).
    Plan { contact: String },
    /// The support contact recorded for the supplier in the register.
    Register { support: String },
    /// Neither: a number the plan still lacks.
    Missing,
}

/// A critical supplier from the register and the helpdesk to ring for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SupplierHelpdesk {
    /// The supplier's id in the register.
    pub supplier: String,
    pub name: String,
    #[serde(flatten)]
    pub from: HelpdeskFrom,
}

/// Company suffixes left out when names are compared ("Acme Ltd" is "Acme").
const COMPANY_SUFFIXES: [&str; 6] = ["ltd", "limited", "plc", "llp", "inc", "incorporated"];

/// A name as the words that tell it apart: lower case, punctuation as spaces, without company
/// suffixes.
fn name_words(name: &str) -> Vec<String> {
    name.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !COMPANY_SUFFIXES.contains(w))
        .map(str::to_owned)
        .collect()
}

/// Whether a contact's name names a supplier: the words of one appear, in order and together,
/// in the other (either way round), ignoring case, punctuation and company suffixes. So
/// "Acme Care Records support" and "ACME care records" both name "Acme Care Records Ltd".
pub fn names_supplier(contact: &str, supplier: &str) -> bool {
    let (a, b) = (name_words(contact), name_words(supplier));
    let within = |long: &[String], short: &[String]| {
        !short.is_empty() && long.windows(short.len()).any(|w| w == short)
    };
    within(&a, &b) || within(&b, &a)
}

impl EffectivePlan {
    /// The one rule for which critical suppliers have a helpdesk to ring: a supplier-helpdesk
    /// contact in the plan that names the supplier, else the supplier's own support contact
    /// from the register, else it is missing. In the order given; suppliers not critical to
    /// care are left out.
    pub fn supplier_helpdesks<'s>(
        &self,
        suppliers: impl IntoIterator<Item = (&'s str, &'s super::registers::Supplier)>,
    ) -> Vec<SupplierHelpdesk> {
        suppliers
            .into_iter()
            .filter(|(_, s)| s.critical)
            .map(|(id, s)| {
                let in_plan = self.contacts.iter().find(|(_, c)| {
                    c.role == Role::SupplierHelpdesk && names_supplier(&c.name, &s.name)
                });
                let support = s.support_contact.trim();
                let from = match in_plan {
                    Some((contact, _)) => HelpdeskFrom::Plan {
                        contact: contact.clone(),
                    },
                    None if !support.is_empty() => HelpdeskFrom::Register {
                        support: support.to_owned(),
                    },
                    None => HelpdeskFrom::Missing,
                };
                SupplierHelpdesk {
                    supplier: id.to_owned(),
                    name: s.name.clone(),
                    from,
                }
            })
            .collect()
    }

    /// The roles the plan has nobody for yet, in the order roles are listed: every role
    /// [`ESSENTIAL_ROLES`] names, and any other role a first-hour step says to ring. The one
    /// rule for what a plan lacks: the plan screen, the incident card and the printed plan
    /// all read it, so none says "nothing missing" while another leaves a line blank.
    pub fn missing_roles(&self, helpdesks: &[SupplierHelpdesk]) -> Vec<Role> {
        let rung: Vec<Role> = self
            .incidents
            .iter()
            .flat_map(|i| &i.incident.ring)
            .filter_map(|r| match r {
                Ring::Local(role) => Some(*role),
                Ring::National(_) => None,
            })
            .collect();
        Role::ALL
            .into_iter()
            .filter(|role| ESSENTIAL_ROLES.contains(role) || rung.contains(role))
            .filter(|role| self.lacks_role(*role, helpdesks))
            .collect()
    }

    /// Whether the plan lacks anyone for `role`, given its critical suppliers' helpdesks: with
    /// critical suppliers in the register, each supplier's own line says whether its helpdesk
    /// is missing, so the role as a whole is never; without, a helpdesk contact fills it.
    pub fn lacks_role(&self, role: Role, helpdesks: &[SupplierHelpdesk]) -> bool {
        if role == Role::SupplierHelpdesk && !helpdesks.is_empty() {
            return false;
        }
        self.contacts_for(role).next().is_none()
    }
}

/// A service record begun from carecheck's suggestion; `how_long` stays for the manager to answer.
pub fn adopt(template: &ServiceTemplate) -> Service {
    Service {
        title: template.title.clone(),
        how_long: String::new(),
        fallback: template.fallback.clone(),
        forms_kept: template.forms_kept.clone(),
        who_switches: template.who_switches.clone(),
        back_entry: template.back_entry.clone(),
        template: Some(template.id.clone()),
    }
}

/// Whether the plan has been tested in the last year: what DSPT 7.2.1 asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "standing", rename_all = "kebab-case")]
pub enum TestStanding {
    Never,
    Current { last: Date, due: Date },
    Overdue { last: Date, due: Date },
}

impl TestStanding {
    pub fn of(last: Option<Date>, today: Date) -> TestStanding {
        match last {
            None => TestStanding::Never,
            Some(last) => {
                let due = last.add_months(TEST_INTERVAL_MONTHS);
                if today > due {
                    TestStanding::Overdue { last, due }
                } else {
                    TestStanding::Current { last, due }
                }
            }
        }
    }

    /// A reminder belongs in status when the plan is untested or the test is over a year old.
    pub fn needs_reminder(self) -> bool {
        !matches!(self, TestStanding::Current { .. })
    }

    /// One line for status and the screens, with UK dates; what to do is the command.
    pub fn describe(self) -> String {
        self.describe_with("record one with `carecheck plan exercise add`")
    }

    /// The same line for paper, where a command means nothing: what to do in plain words.
    pub fn describe_on_paper(self) -> String {
        self.describe_with("hold one with the team and record it in this plan")
    }

    /// The one rule for the line; `step` says what to do about a plan never tested.
    fn describe_with(self, step: &str) -> String {
        let item = TEST_ITEM.1;
        match self {
            TestStanding::Never => format!(
                "Continuity plan never tested: no exercise recorded (DSPT {item} asks for a test in the last 12 months; {step})"
            ),
            TestStanding::Current { last, due } => format!(
                "Continuity plan last tested {} (DSPT {item}); next test due by {}",
                last.uk(),
                due.uk()
            ),
            TestStanding::Overdue { last, due } => format!(
                "Continuity plan test overdue: last exercise {}, due by {} (DSPT {item} asks for a test in the last 12 months)",
                last.uk(),
                due.uk()
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        Date::parse(text).expect("date")
    }

    fn exercise(on: &str) -> Exercise {
        Exercise {
            date: date(on),
            scenario: "No internet at 7am".into(),
            participants: vec!["Registered manager".into()],
            went_wrong: String::new(),
            actions: Vec::new(),
        }
    }

    fn starter() -> Starter {
        Starter {
            edition: "test".into(),
            contacts: Vec::new(),
            incidents: vec![Incident {
                id: "ransomware".into(),
                title: "Ransomware".into(),
                when: "Files locked".into(),
                steps: vec!["Unplug it".into()],
                ring: vec![Ring::Local(Role::ItSupport)],
                duties: Vec::new(),
                do_not: Vec::new(),
                sources: Vec::new(),
                on_card: true,
            }],
            duties: Vec::new(),
            services: Vec::new(),
        }
    }

    #[test]
    fn changes_set_and_remove_whole_records() {
        let mut plan = Plan::default();
        let change = PlanChange::Exercise {
            id: "E1".into(),
            exercise: Some(exercise("2026-03-01")),
        };
        plan.apply(&change);
        assert_eq!(plan.exercises.len(), 1);
        plan.apply(&PlanChange::Exercise {
            id: "E1".into(),
            exercise: None,
        });
        assert!(plan.is_empty());
    }

    #[test]
    fn test_standing_turns_overdue_after_twelve_months() {
        let last = Some(date("2025-11-28"));
        assert!(matches!(
            TestStanding::of(last, date("2026-11-28")),
            TestStanding::Current { .. }
        ));
        let overdue = TestStanding::of(last, date("2026-11-29"));
        assert!(matches!(overdue, TestStanding::Overdue { .. }));
        assert!(overdue.needs_reminder());
        assert!(
            overdue.describe().contains("28/11/2025"),
            "{}",
            overdue.describe()
        );
        assert!(TestStanding::of(None, date("2026-11-28")).needs_reminder());
    }

    #[test]
    fn a_site_uses_its_head_office_parts_only_where_it_has_none() {
        let starter = starter();
        let mut head = Plan::default();
        head.exercises.insert("E1".into(), exercise("2026-01-10"));
        head.steps
            .insert("ransomware".into(), vec!["Head office step".into()]);
        let mut site = Plan::default();
        site.steps
            .insert("ransomware".into(), vec!["Site step".into()]);
        let effective = EffectivePlan::of(&site, Some(&head), &starter);
        assert_eq!(effective.exercises_from, PartOrigin::HeadOffice);
        assert_eq!(effective.incidents[0].steps, ["Site step"]);
        assert_eq!(effective.incidents[0].steps_from, PartOrigin::Own);
        // Contacts: the site's own roles, and the head office's for roles it has not filled.
        let contact = |role, name: &str| Contact {
            role,
            name: name.into(),
            phone: "1".into(),
            email: String::new(),
            notes: String::new(),
        };
        head.contacts
            .insert("it-support".into(), contact(Role::ItSupport, "Group IT"));
        head.contacts.insert(
            "on-call-manager".into(),
            contact(Role::OnCallManager, "Group rota"),
        );
        site.contacts.insert(
            "on-call-manager".into(),
            contact(Role::OnCallManager, "Site rota"),
        );
        let effective = EffectivePlan::of(&site, Some(&head), &starter);
        let names: Vec<&str> = effective
            .contacts
            .iter()
            .map(|(_, c)| c.name.as_str())
            .collect();
        assert_eq!(names, ["Site rota", "Group IT"]);
        assert!(effective.inherited_contacts.contains("it-support"));
        assert_eq!(effective.contacts_from, PartOrigin::Own);
        let alone = EffectivePlan::of(&Plan::default(), None, &starter);
        assert_eq!(alone.incidents[0].steps, ["Unplug it"]);
        assert_eq!(alone.incidents[0].steps_from, PartOrigin::Starter);
        assert_eq!(alone.exercises_from, PartOrigin::Missing);
    }

    #[test]
    fn the_latest_exercise_decides_the_test() {
        let mut plan = Plan::default();
        plan.exercises.insert("E1".into(), exercise("2025-01-10"));
        plan.exercises.insert("E2".into(), exercise("2026-06-10"));
        let effective = EffectivePlan::of(&plan, None, &starter());
        assert_eq!(
            effective.test_standing(date("2026-11-28")),
            TestStanding::Current {
                last: date("2026-06-10"),
                due: date("2027-06-10")
            }
        );
    }

    #[test]
    fn a_phone_saved_as_free_text_before_numbers_were_checked_still_loads() {
        let old: Contact = toml::from_str(
            "role = \"it-support\"\nname = \"Acme\"\nphone = \"ask reception (24/7)\"",
        )
        .expect("an old save loads");
        assert_eq!(old.number(), Number::NotANumber("ask reception (24/7)"));
        let new: Contact =
            toml::from_str("role = \"it-support\"\nname = \"Acme\"\nphone = \"0113 496 0000\"")
                .expect("loads");
        assert_eq!(
            new.number(),
            Number::Checked(Phone::parse("0113 496 0000").expect("phone"))
        );
        assert_eq!(
            toml::to_string(&new).expect("saves").lines().nth(2),
            Some("phone = \"0113 496 0000\"")
        );
    }

    #[test]
    fn builders_check_what_was_typed_and_pick_free_ids() {
        let mut plan = Plan::default();
        let contact = |name: &str, phone: &str| Contact {
            role: Role::ItSupport,
            name: name.into(),
            phone: phone.into(),
            email: String::new(),
            notes: String::new(),
        };
        assert!(add_contact(&plan, contact("  ", "1")).is_err());
        assert!(add_contact(&plan, contact("Acme", " ")).is_err());
        let first = add_contact(&plan, contact(" Acme ", "01134960000")).expect("added");
        plan.apply(&first.change);
        assert_eq!(plan.contacts["it-support"].name, "Acme", "trimmed");
        assert_eq!(
            plan.contacts["it-support"].phone, "0113 496 0000",
            "kept in its spaced form"
        );
        // A scrap of a number is refused with an example of a whole one.
        let err = add_contact(&plan, contact("Backup IT", "0161 49")).expect_err("refused");
        assert!(err.contains("(0113 496 0000)"), "{err}");
        let err = change_contact(&plan, "it-support", contact("Acme", "ask reception"))
            .expect_err("refused");
        assert!(
            err.starts_with("`ask reception` is not a phone number"),
            "{err}"
        );
        let second = add_contact(&plan, contact("Backup IT", "0114 496 0000")).expect("added");
        assert!(matches!(&second.change, PlanChange::Contact { id, .. } if id == "it-support-2"));
        assert!(change_contact(&plan, "nobody", contact("X", "101")).is_err());
        assert!(remove_contact(&plan, "it-support").is_ok());

        let starter = starter();
        let replaced = edit_steps(
            &plan,
            None,
            &starter,
            "ransomware",
            StepEdit::Replace(vec![" Unplug it ".into(), String::new(), "Ring IT".into()]),
        )
        .expect("replaced");
        assert_eq!(
            replaced.change,
            PlanChange::Steps {
                incident: "ransomware".into(),
                steps: Some(vec!["Unplug it".into(), "Ring IT".into()]),
            }
        );
        assert!(
            edit_steps(
                &plan,
                None,
                &starter,
                "ransomware",
                StepEdit::Replace(vec![" ".into()])
            )
            .is_err()
        );
        assert!(edit_steps(&plan, None, &starter, "flood", StepEdit::Reset).is_err());

        let mut e = exercise("2026-03-01");
        e.actions = vec![" Print the card ".into(), "".into()];
        let built = add_exercise(&plan, e).expect("recorded");
        plan.apply(&built.change);
        assert_eq!(plan.exercises["E1"].actions, ["Print the card"]);
        let mut blank = exercise("2026-03-02");
        blank.scenario = " ".into();
        assert!(add_exercise(&plan, blank).is_err());
    }

    #[test]
    fn the_plan_names_itself_as_evidence() {
        let mut plan = Plan::default();
        let effective = EffectivePlan::of(&plan, None, &starter());
        let test = ItemRef::new(TEST_ITEM.0, TEST_ITEM.1);
        assert_eq!(
            effective.evidence_document(&test),
            None,
            "no exercise, no test"
        );
        plan.exercises.insert("E1".into(), exercise("2026-03-12"));
        let effective = EffectivePlan::of(&plan, None, &starter());
        assert_eq!(
            effective.evidence_summary(),
            "Continuity plan: 0 contacts, 0 services; last exercise 12/03/2026"
        );
        assert_eq!(
            effective.evidence_document(&test).as_deref(),
            Some("Continuity plan exercise E1, 12/03/2026: No internet at 7am")
        );
        assert!(is_evidence_item(&ItemRef::new("ncsc-10-steps", "INCIDENT")));
        assert!(!is_evidence_item(&ItemRef::new(
            "dspt-social-care",
            "1.1.1"
        )));
    }

    #[test]
    fn a_critical_suppliers_helpdesk_comes_from_the_plan_else_the_register() {
        use crate::domain::registers::Supplier;
        assert!(names_supplier(
            "Acme Care Records support",
            "Acme Care Records Ltd"
        ));
        assert!(names_supplier(
            "ACME care-records",
            "Acme Care Records Ltd."
        ));
        assert!(names_supplier("Acme", "Acme Care Records Limited"));
        assert!(names_supplier("BT plc helpdesk", "BT"));
        assert!(!names_supplier("Acme Carers", "Acme Care Records Ltd"));
        assert!(
            !names_supplier("Ltd", "Acme Ltd"),
            "a suffix alone names nobody"
        );

        let supplier = |name: &str, critical: bool, support: &str| Supplier {
            critical,
            support_contact: support.into(),
            ..Supplier::named(name)
        };
        let acme = supplier("Acme Care Records Ltd", true, "0113 496 0000 (24/7)");
        let meds = supplier("MedsOnline", true, "");
        let rota = supplier("RotaCloud", true, "");
        let local = supplier("Local IT", false, "0113 000");
        let mut plan = Plan::default();
        plan.contacts.insert(
            "supplier-helpdesk".into(),
            Contact {
                role: Role::SupplierHelpdesk,
                name: "MedsOnline support".into(),
                phone: "0800 1".into(),
                email: String::new(),
                notes: String::new(),
            },
        );
        let effective = EffectivePlan::of(&plan, None, &starter());
        let found = effective.supplier_helpdesks([
            ("acme", &acme),
            ("meds", &meds),
            ("rota", &rota),
            ("local", &local),
        ]);
        let froms: Vec<(&str, &HelpdeskFrom)> = found
            .iter()
            .map(|h| (h.supplier.as_str(), &h.from))
            .collect();
        assert_eq!(
            froms,
            [
                (
                    "acme",
                    &HelpdeskFrom::Register {
                        support: "0113 496 0000 (24/7)".into()
                    }
                ),
                (
                    "meds",
                    &HelpdeskFrom::Plan {
                        contact: "supplier-helpdesk".into()
                    }
                ),
                ("rota", &HelpdeskFrom::Missing),
            ]
        );
        // With critical suppliers, each one's line stands for the role.
        assert!(!effective.lacks_role(Role::SupplierHelpdesk, &found));
        let bare = EffectivePlan::of(&Plan::default(), None, &starter());
        assert!(bare.lacks_role(Role::SupplierHelpdesk, &[]));
        assert!(!effective.lacks_role(Role::SupplierHelpdesk, &[]));
    }

    #[test]
    fn roles_parse_from_their_keywords() {
        for role in Role::ALL {
            assert_eq!(role.keyword().parse::<Role>(), Ok(role));
        }
        assert!("plumber".parse::<Role>().is_err());
        assert_eq!(
            Ring::parse("local:it-support"),
            Ok(Ring::Local(Role::ItSupport))
        );
    }
}
