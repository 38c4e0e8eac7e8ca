//! The forms of the plan builder: one per part of the plan (a contact, a service and its
//! fallback, an incident's first-hour steps, the insurer's terms, an exercise), their fields,
//! and the `domain::plan` change each builds. Which row opens which form, and saving, are
//! `plan_builder.rs`'s.

use super::form::{FieldKind, Form, FormField, field};
use super::plan_builder::{Row, RowKind, effective};
use super::session::Session;
use crate::domain::date::Date;
use crate::domain::plan::{self, Built, Contact, Exercise, Role, ServiceFields, Starter, StepEdit};

/// What a form saves into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormTarget {
    NewContact,
    EditContact(String),
    /// A service by id; `None` for a new service of the provider's own (its id comes from
    /// its name).
    Service(Option<String>),
    Steps(String),
    NewExercise,
    EditExercise(String),
}

/// The roles a contact can have, as the role field's choices (cycled with Space).
static ROLE_LABELS: std::sync::LazyLock<[&'static str; 10]> =
    std::sync::LazyLock::new(|| Role::ALL.map(Role::label));

/// The role field's label.
pub const ROLE: &str = "Role (Space changes it)";

/// A plain text field of a plan form.
fn text_field(label: impl Into<std::borrow::Cow<'static, str>>, value: &str) -> FormField {
    field(label, FieldKind::Text, value)
}

/// A form on the plan screen: the form engine's fields, what it saves into, a title and a
/// line of guidance.
#[derive(Debug, Clone)]
pub struct PlanForm {
    pub target: FormTarget,
    pub title: String,
    /// A line of guidance under the title.
    pub hint: String,
    pub form: Form,
    /// Esc was pressed once with something typed: a second Esc discards it.
    pub confirm_cancel: bool,
}

impl std::ops::Deref for PlanForm {
    type Target = Form;
    fn deref(&self) -> &Form {
        &self.form
    }
}

impl std::ops::DerefMut for PlanForm {
    fn deref_mut(&mut self) -> &mut Form {
        &mut self.form
    }
}

impl PlanForm {
    fn new(
        target: FormTarget,
        title: String,
        hint: &str,
        fields: Vec<FormField>,
        focus: usize,
    ) -> Self {
        PlanForm {
            target,
            title,
            hint: hint.to_owned(),
            form: Form::new(fields).focused(focus),
            confirm_cancel: false,
        }
    }

    fn contact(target: FormTarget, contact: &Contact, hint: &str, focus: usize) -> PlanForm {
        let notes_label = if contact.role == Role::Insurer {
            "Terms: how soon to tell them, policy no."
        } else {
            "Notes (when to ring, out of hours)"
        };
        let title = match &target {
            FormTarget::EditContact(id) => format!("Contact {id}"),
            _ => format!("New contact: {}", contact.role.label()),
        };
        PlanForm::new(
            target,
            title,
            hint,
            vec![
                field(ROLE, FieldKind::Choice(&*ROLE_LABELS), contact.role.label()),
                text_field("Name (person or organisation)", &contact.name),
                text_field("Phone", &contact.phone),
                text_field("Email", &contact.email),
                text_field(notes_label, &contact.notes),
            ],
            focus,
        )
    }

    /// The change this form asks for, built by the domain's builders.
    pub(super) fn build(&self, s: &Session, starter: &Starter) -> Result<Built, String> {
        let own = &s.own().plan;
        let head = s.head_assessment().map(|h| &h.plan);
        let text = |i: usize| self.form.text(i);
        match &self.target {
            FormTarget::NewContact | FormTarget::EditContact(_) => {
                let contact = Contact {
                    role: Role::ALL
                        .into_iter()
                        .find(|r| r.label() == self.form.value(ROLE))
                        .unwrap_or(Role::Other),
                    name: text(1),
                    phone: text(2),
                    email: text(3),
                    notes: text(4),
                };
                match &self.target {
                    FormTarget::EditContact(id) => plan::change_contact(own, id, contact),
                    _ => plan::add_contact(own, contact),
                }
            }
            FormTarget::Service(id) => {
                let name = text(0);
                let id = match id {
                    Some(id) => id.clone(),
                    None => {
                        let slug = crate::domain::registers::slug(&name);
                        if slug.is_empty() {
                            return Err("give the service a name".into());
                        }
                        if own.services.contains_key(&slug) || starter.service(&slug).is_some() {
                            return Err(format!(
                                "the plan already has a service called `{slug}`; choose it from the list to change it"
                            ));
                        }
                        slug
                    }
                };
                let fields = ServiceFields {
                    title: Some(name),
                    how_long: Some(text(1)),
                    fallback: Some(text(2)),
                    forms_kept: Some(text(3)),
                    who_switches: Some(text(4)),
                    back_entry: Some(text(5)),
                };
                plan::put_service(own, head, starter, &id, &fields)
            }
            FormTarget::Steps(incident) => {
                let steps: Vec<String> = self.fields.iter().map(|f| f.input.text()).collect();
                let edit = if plan::clean_list(&steps).is_empty() {
                    StepEdit::Reset
                } else {
                    StepEdit::Replace(steps)
                };
                plan::edit_steps(own, head, starter, incident, edit)
            }
            FormTarget::NewExercise | FormTarget::EditExercise(_) => {
                let date = Date::parse_input(&text(0)).ok_or_else(|| {
                    format!(
                        "`{}` is not a date; type it as DD/MM/YYYY",
                        crate::text::one_line(&text(0))
                    )
                })?;
                let split = |t: String, by: char| -> Vec<String> {
                    t.split(by).map(str::to_owned).collect()
                };
                let exercise = Exercise {
                    date,
                    scenario: text(1),
                    participants: split(text(2), ','),
                    went_wrong: text(3),
                    actions: split(text(4), ';'),
                };
                match &self.target {
                    FormTarget::EditExercise(id) => plan::change_exercise(own, id, exercise),
                    _ => plan::add_exercise(own, exercise),
                }
            }
        }
    }
}

/// The form that fills in `row`, if it has one (carecheck's own content has none).
pub fn form_for(row: &Row, s: &Session, starter: &Starter, today: Date) -> Option<PlanForm> {
    let plan = effective(s, starter);
    let blank = |role| Contact {
        role,
        name: String::new(),
        phone: String::new(),
        email: String::new(),
        notes: String::new(),
    };
    let contact_of = |id: &str| plan.contacts.iter().find(|(k, _)| k == id).map(|(_, c)| c);
    Some(match &row.kind {
        RowKind::Contact { id, inherited } => {
            let c = contact_of(id)?;
            if *inherited {
                PlanForm::contact(
                    FormTarget::NewContact,
                    c,
                    "From the head office: saving makes this site's own copy.",
                    1,
                )
            } else {
                PlanForm::contact(FormTarget::EditContact(id.clone()), c, "", 1)
            }
        }
        RowKind::MissingRole(role) => {
            PlanForm::contact(FormTarget::NewContact, &blank(*role), role_hint(*role), 1)
        }
        RowKind::SupplierHelpdesk { name, support } => {
            let mut c = blank(Role::SupplierHelpdesk);
            c.name = format!("{name} helpdesk");
            // The register's free text: the number in the phone field, the rest in the notes
            // (a phone is checked as a number when saved).
            match crate::domain::phone::Phone::find_in(support) {
                Some((phone, rest)) => {
                    c.phone = phone.to_string();
                    c.notes = rest;
                }
                None => c.notes = support.clone(),
            }
            PlanForm::contact(
                FormTarget::NewContact,
                &c,
                "Filled in from your supplier register: check the number.",
                2,
            )
        }
        RowKind::AddContact => PlanForm::contact(
            FormTarget::NewContact,
            &blank(Role::Other),
            "Space on the role picks what the contact is for.",
            0,
        ),
        RowKind::InsurerTerms => {
            let own_insurer = s
                .own()
                .plan
                .contacts
                .iter()
                .find(|(_, c)| c.role == Role::Insurer);
            match own_insurer {
                Some((id, c)) => {
                    PlanForm::contact(FormTarget::EditContact(id.clone()), c, INSURER_HINT, 4)
                }
                None => {
                    let c = plan
                        .contacts_for(Role::Insurer)
                        .next()
                        .cloned()
                        .unwrap_or_else(|| blank(Role::Insurer));
                    PlanForm::contact(FormTarget::NewContact, &c, INSURER_HINT, 1)
                }
            }
        }
        RowKind::Service { id } => {
            let svc = plan
                .services
                .iter()
                .find(|(k, _)| k == id)
                .map(|(_, s)| s.clone())
                .or_else(|| starter.service(id).map(plan::adopt))?;
            let template = starter.service(id);
            let hint = template.map_or(String::new(), |t| t.how_long_prompt.clone());
            PlanForm::new(
                FormTarget::Service(Some(id.clone())),
                format!("Service: {}", svc.title),
                &hint,
                service_fields(&svc),
                1,
            )
        }
        RowKind::AddService => PlanForm::new(
            FormTarget::Service(None),
            "New critical service".into(),
            "Call bells, door entry, phones: whatever care depends on.",
            service_fields(&plan::Service {
                title: String::new(),
                how_long: String::new(),
                fallback: String::new(),
                forms_kept: String::new(),
                who_switches: String::new(),
                back_entry: String::new(),
                template: None,
            }),
            0,
        ),
        RowKind::Incident { id } => {
            let i = plan.incidents.iter().find(|i| &i.incident.id == id)?;
            let mut fields: Vec<FormField> = i
                .steps
                .iter()
                .enumerate()
                .map(|(n, step)| text_field(format!("Step {}", n + 1), step))
                .collect();
            fields.push(text_field("New step", ""));
            fields.push(text_field("New step", ""));
            PlanForm::new(
                FormTarget::Steps(id.clone()),
                format!("First hour: {}", i.incident.title),
                "Empty a step to remove it; empty them all to go back to carecheck's suggestions.",
                fields,
                0,
            )
        }
        RowKind::Exercise { id, inherited } => {
            if *inherited {
                return None;
            }
            let e = s.own().plan.exercises.get(id)?;
            exercise_form(FormTarget::EditExercise(id.clone()), e)
        }
        RowKind::AddExercise => exercise_form(
            FormTarget::NewExercise,
            &Exercise {
                date: today,
                scenario: String::new(),
                participants: Vec::new(),
                went_wrong: String::new(),
                actions: Vec::new(),
            },
        ),
        RowKind::Duty { .. } | RowKind::NationalContact { .. } => return None,
    })
}

pub(super) const INSURER_HINT: &str =
    "Under Terms: how many hours the policy gives you to tell the insurer, and the policy number.";

pub(super) fn role_hint(role: Role) -> &'static str {
    match role {
        Role::Decides => "The person who decides in an incident (registered manager, owner).",
        Role::OnCallManager => "Who staff ring out of hours.",
        Role::ItSupport => "Whoever fixes your computers: a company or a person.",
        Role::Bank => "The bank's fraud line, for payments that may be fraudulent.",
        Role::Insurer => INSURER_HINT,
        Role::LocalAuthority => "Your commissioning local authority's contact for incidents.",
        Role::Icb => "Your integrated care board's contact.",
        Role::SupplierHelpdesk => "Each critical system's supplier helpdesk.",
        _ => "",
    }
}

pub(super) fn service_fields(svc: &plan::Service) -> Vec<FormField> {
    vec![
        text_field("Name", &svc.title),
        text_field("How long can care continue without it", &svc.how_long),
        text_field("Paper fallback", &svc.fallback),
        text_field("Where its forms are kept", &svc.forms_kept),
        text_field("Who switches to it", &svc.who_switches),
        text_field("How data is entered back after", &svc.back_entry),
    ]
}

pub(super) fn exercise_form(target: FormTarget, e: &Exercise) -> PlanForm {
    let title = match &target {
        FormTarget::EditExercise(id) => format!("Exercise {id}"),
        _ => "Record an exercise".to_owned(),
    };
    PlanForm::new(
        target,
        title,
        "A table-top run-through or a real switch to paper both count.",
        vec![
            text_field("Date (DD/MM/YYYY)", &e.date.uk()),
            text_field("Scenario", &e.scenario),
            text_field("Who took part (commas between)", &e.participants.join(", ")),
            text_field("What went wrong", &e.went_wrong),
            text_field("Actions (; between them)", &e.actions.join("; ")),
        ],
        1,
    )
}
