//! The guided plan builder: the continuity plan screen as a list of its parts (contacts,
//! services, first-hour steps, reporting duties, exercises), what is still missing, and the
//! keys that open and save the forms (the forms themselves are `plan_forms.rs`). Every change is built by the same `domain::plan` builders the
//! command line uses and saved as `Event::Plan`, like an answer. No I/O here.

use ratatui::crossterm::event::KeyEvent;

use super::action::{Command, Effect};
use super::app::{App, Screen};
use super::edit_keys::{self, Edit, EditContext};
pub use super::plan_forms::*;
use super::session::Session;
use crate::domain::assessment::Event;
use crate::domain::date::Date;
use crate::domain::plan::{
    self, Built, EffectivePlan, HelpdeskFrom, PartOrigin, Role, Starter, StepEdit,
};

/// The plan screen's own state.
#[derive(Debug, Default)]
pub struct PlanState {
    pub selected: usize,
    pub form: Option<PlanForm>,
    /// Walking through the missing parts: after each save the next one opens.
    pub walking: bool,
    /// The row a second `d` would remove.
    pub removing: Option<usize>,
    /// A plan change is being saved: what to say when it is.
    pub saving: Option<String>,
    /// The selected row's form was just closed unsaved, so `n` skips it.
    pub skipped: bool,
}

/// The parts of the plan, in the order the screen shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Part {
    Contacts,
    Services,
    FirstHour,
    Duties,
    Exercises,
}

impl Part {
    pub fn heading(self) -> &'static str {
        match self {
            Part::Contacts => "Numbers to ring",
            Part::Services => "Critical services and their fallbacks",
            Part::FirstHour => "The first hour, by incident",
            Part::Duties => "Reporting duties and their clocks",
            Part::Exercises => "Exercises (DSPT 7.2.1 asks for one each year)",
        }
    }
}

/// How far a row is filled in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowState {
    Missing,
    Done,
    /// From the head office: shown, and copied to the site when edited.
    HeadOffice,
    /// carecheck's suggestion, not yet adopted.
    Suggested,
    /// carecheck's content, read-only.
    Info,
    /// A row that adds something.
    Add,
}

/// What a row stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowKind {
    Contact {
        id: String,
        inherited: bool,
    },
    /// A role nobody is entered for yet.
    MissingRole(Role),
    /// A critical supplier from the register with no helpdesk contact in the plan: its
    /// register support contact (blank when it has none, and the row is missing).
    SupplierHelpdesk {
        name: String,
        support: String,
    },
    AddContact,
    Service {
        id: String,
    },
    AddService,
    Incident {
        id: String,
    },
    /// The insurer's terms: how soon it must be told (the insurer contact's notes).
    InsurerTerms,
    Duty {
        id: String,
    },
    NationalContact {
        id: String,
    },
    Exercise {
        id: String,
        inherited: bool,
    },
    AddExercise,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub part: Part,
    pub kind: RowKind,
    pub label: String,
    pub detail: String,
    pub state: RowState,
}

/// The rows of the plan screen for the plan that counts.
pub fn rows(s: &Session, starter: &Starter, today: Date) -> Vec<Row> {
    let plan = effective(s, starter);
    let mut rows = Vec::new();
    let row = |part, kind, label: String, detail: String, state| Row {
        part,
        kind,
        label,
        detail,
        state,
    };
    // Contacts: every one recorded, then the roles and critical suppliers still missing.
    for (id, c) in &plan.contacts {
        let inherited = plan.inherited_contacts.contains(id);
        let reach = [c.phone.as_str(), c.email.as_str()]
            .into_iter()
            .find(|t| !t.is_empty())
            .unwrap_or("");
        rows.push(row(
            Part::Contacts,
            RowKind::Contact {
                id: id.clone(),
                inherited,
            },
            c.role.label().to_owned(),
            format!("{reach}  {}", c.name),
            if inherited {
                RowState::HeadOffice
            } else {
                RowState::Done
            },
        ));
    }
    // Critical suppliers' helpdesks by the one rule the card and the printed plan use: the
    // plan's contact naming the supplier (shown above), else the register's support contact,
    // else missing.
    let suppliers = crate::registers::effective(
        &s.own().registers.suppliers,
        s.head_assessment().map(|h| &h.registers.suppliers),
    );
    let helpdesks = plan.supplier_helpdesks(suppliers.iter().map(|c| (c.id.as_str(), &c.record)));
    // What the plan lacks, by the one rule the card and the printed plan read; a missing
    // supplier helpdesk has its own lines below, naming each critical supplier.
    let missing = plan.missing_roles(&helpdesks);
    for role in missing.into_iter().filter(|r| *r != Role::SupplierHelpdesk) {
        rows.push(row(
            Part::Contacts,
            RowKind::MissingRole(role),
            role.label().to_owned(),
            "not entered yet".into(),
            RowState::Missing,
        ));
    }
    for h in &helpdesks {
        let kind = |support: &str| RowKind::SupplierHelpdesk {
            name: h.name.clone(),
            support: support.to_owned(),
        };
        match &h.from {
            HelpdeskFrom::Plan { .. } => {}
            HelpdeskFrom::Register { support } => rows.push(row(
                Part::Contacts,
                kind(support),
                Role::SupplierHelpdesk.label().to_owned(),
                format!("{support}  {} (from your supplier register)", h.name),
                RowState::Done,
            )),
            HelpdeskFrom::Missing => rows.push(row(
                Part::Contacts,
                kind(""),
                Role::SupplierHelpdesk.label().to_owned(),
                format!(
                    "{} (critical in your supplier register): not entered",
                    h.name
                ),
                RowState::Missing,
            )),
        }
    }
    if plan.lacks_role(Role::SupplierHelpdesk, &helpdesks) {
        rows.push(row(
            Part::Contacts,
            RowKind::MissingRole(Role::SupplierHelpdesk),
            Role::SupplierHelpdesk.label().to_owned(),
            "each critical supplier's helpdesk: not entered yet".into(),
            RowState::Missing,
        ));
    }
    rows.push(row(
        Part::Contacts,
        RowKind::AddContact,
        "+ Add another contact".into(),
        String::new(),
        RowState::Add,
    ));
    for c in starter.contacts.iter().filter(|c| c.phone.is_some()) {
        let mut note = format!("checked {}", c.checked.checked.uk());
        if !c.checked.confidence.is_confirmed() {
            note.push_str(" [unconfirmed]");
        }
        if c.checked.review_overdue(today) {
            note.push_str(" [review overdue]");
        }
        rows.push(row(
            Part::Contacts,
            RowKind::NationalContact { id: c.id.clone() },
            crate::report::plan_export::short_name(&c.name),
            format!("{}  {note}", c.phone.as_deref().unwrap_or("")),
            RowState::Info,
        ));
    }

    // Services. With none of its own yet, the first suggestion is the part missing: the walk
    // asks about it, and the others stay suggestions to adopt or leave.
    for (n, (id, svc)) in plan.services.iter().enumerate() {
        let state = match plan.services_from {
            PartOrigin::Starter if n == 0 => RowState::Missing,
            PartOrigin::Starter => RowState::Suggested,
            PartOrigin::HeadOffice => RowState::HeadOffice,
            _ if svc.how_long.is_empty() => RowState::Missing,
            _ => RowState::Done,
        };
        let detail = match state {
            _ if plan.services_from == PartOrigin::Starter => {
                "suggested: Enter to adopt it and say how long".to_owned()
            }
            _ if svc.how_long.is_empty() => "how long without it: not answered".to_owned(),
            _ => format!("without it: {}", svc.how_long),
        };
        rows.push(row(
            Part::Services,
            RowKind::Service { id: id.clone() },
            svc.title.clone(),
            detail,
            state,
        ));
    }
    for t in plan.services_to_consider(starter) {
        rows.push(row(
            Part::Services,
            RowKind::Service { id: t.id.clone() },
            t.title.clone(),
            "suggested, not in your plan: Enter to adopt it".into(),
            RowState::Suggested,
        ));
    }
    rows.push(row(
        Part::Services,
        RowKind::AddService,
        "+ Add a service of your own".into(),
        String::new(),
        RowState::Add,
    ));

    // First hour.
    for i in &plan.incidents {
        let (state, whose) = match i.steps_from {
            PartOrigin::Own => (RowState::Done, "your steps"),
            PartOrigin::HeadOffice => (RowState::HeadOffice, "head office's steps"),
            _ => (RowState::Suggested, "carecheck's suggested steps"),
        };
        rows.push(row(
            Part::FirstHour,
            RowKind::Incident {
                id: i.incident.id.clone(),
            },
            i.incident.title.clone(),
            format!(
                "{}, {whose}",
                crate::text::count(i.steps.len(), "step", "steps")
            ),
            state,
        ));
    }

    // Reporting duties: carecheck's, and the insurer's terms from the plan.
    let insurer_terms = plan
        .contacts_for(Role::Insurer)
        .map(|c| c.notes.as_str())
        .find(|n| !n.is_empty());
    rows.push(row(
        Part::Duties,
        RowKind::InsurerTerms,
        "Your insurer's terms".into(),
        insurer_terms.map_or_else(
            || "how soon it must be told, policy number: not entered".to_owned(),
            str::to_owned,
        ),
        if insurer_terms.is_some() {
            RowState::Done
        } else {
            RowState::Missing
        },
    ));
    for d in &starter.duties {
        rows.push(row(
            Part::Duties,
            RowKind::Duty { id: d.id.clone() },
            d.title.clone(),
            d.clock.clone(),
            RowState::Info,
        ));
    }

    // Exercises.
    let test = plan.test_standing(today);
    for (id, e) in &plan.exercises {
        let inherited = plan.exercises_from == PartOrigin::HeadOffice;
        rows.push(row(
            Part::Exercises,
            RowKind::Exercise {
                id: id.clone(),
                inherited,
            },
            format!("{id} {}", e.date.uk()),
            e.scenario.clone(),
            if inherited {
                RowState::HeadOffice
            } else {
                RowState::Done
            },
        ));
    }
    rows.push(row(
        Part::Exercises,
        RowKind::AddExercise,
        "+ Record an exercise".into(),
        if test.needs_reminder() {
            "none in the last 12 months".into()
        } else {
            String::new()
        },
        if test.needs_reminder() {
            RowState::Missing
        } else {
            RowState::Add
        },
    ));
    rows
}

/// The plan that counts for the open assessment.
pub fn effective(s: &Session, starter: &Starter) -> EffectivePlan {
    EffectivePlan::of(&s.own().plan, s.head_assessment().map(|h| &h.plan), starter)
}

impl App {
    /// The rows of the plan screen now (none without a session or starter).
    pub fn plan_rows(&self) -> Vec<Row> {
        match (&self.session, crate::continuity::shared_starter()) {
            (Some(s), Ok(starter)) => rows(s, starter, self.today),
            _ => Vec::new(),
        }
    }

    /// A key command on the plan screen; `None` when it is not the plan's to handle.
    pub(crate) fn plan_command(&mut self, command: Command) -> Option<Option<Effect>> {
        if self.screen != Screen::Plan {
            return None;
        }
        let rows = self.plan_rows();
        let last = rows.len().saturating_sub(1);
        if command != Command::PlanRemove {
            self.plan.removing = None;
        }
        let skipped = std::mem::take(&mut self.plan.skipped);
        let page = usize::from(self.page());
        let sel = &mut self.plan.selected;
        match command {
            Command::ScrollDown => *sel = (*sel + 1).min(last),
            Command::ScrollUp => *sel = sel.saturating_sub(1),
            Command::PageDown => *sel = (*sel + page).min(last),
            Command::PageUp => *sel = sel.saturating_sub(page),
            Command::Top => *sel = 0,
            Command::Bottom => *sel = last,
            Command::Open => {
                self.plan.walking = false;
                self.open_plan_row();
            }
            Command::PlanNextMissing => self.next_missing(skipped),
            Command::PlanRemove => return Some(self.remove_plan_row()),
            Command::PrintPlan => {
                self.say("Printing the incident card and the plan…", false);
                return Some(Some(Effect::PrintPlan));
            }
            _ => return None,
        }
        Some(None)
    }

    /// Opens the form of the selected row, or says why it has none.
    fn open_plan_row(&mut self) {
        let (Some(s), Ok(starter)) = (&self.session, crate::continuity::shared_starter()) else {
            return;
        };
        let rows = rows(s, starter, self.today);
        let Some(row) = rows.get(self.plan.selected) else {
            return;
        };
        if s.read_only.is_some() {
            self.say(
                "This assessment is open read-only: the plan cannot be changed here.",
                true,
            );
            return;
        }
        match form_for(row, s, starter, self.today) {
            Some(form) => self.plan.form = Some(form),
            None => {
                let why = match &row.kind {
                    RowKind::Exercise { .. } => {
                        "This exercise is the head office's. Record the site's own with \"+ Record an exercise\"."
                    }
                    _ => {
                        "carecheck's content, cited and dated in the printed plan: it cannot be edited here."
                    }
                };
                self.say(why, false);
            }
        }
    }

    /// Opens the next missing part from the selected row on (after it, when `skip`), wrapping
    /// round, walking on from part to part after each save until `Esc`.
    fn next_missing(&mut self, skip: bool) {
        let rows = self.plan_rows();
        let start = self.plan.selected + usize::from(skip);
        let found = (0..rows.len())
            .map(|i| (start + i) % rows.len().max(1))
            .find(|&i| rows[i].state == RowState::Missing);
        match found {
            Some(i) => {
                self.plan.selected = i;
                self.plan.walking = true;
                self.open_plan_row();
            }
            None => {
                self.plan.walking = false;
                self.say(
                    "Nothing is missing from the plan. Press p to print the incident card and the plan.",
                    false,
                );
            }
        }
    }

    /// `d` asks; a second `d` on the same row removes it.
    fn remove_plan_row(&mut self) -> Option<Effect> {
        let rows = self.plan_rows();
        let selected = self.plan.selected;
        let (Some(s), Some(row)) = (&self.session, rows.get(selected)) else {
            return None;
        };
        let own = &s.own().plan;
        let built = match &row.kind {
            RowKind::Contact {
                id,
                inherited: false,
            } => plan::remove_contact(own, id),
            RowKind::Service { id } if own.services.contains_key(id) => {
                plan::remove_service(own, id)
            }
            RowKind::Exercise {
                id,
                inherited: false,
            } => plan::remove_exercise(own, id),
            RowKind::Incident { id } if own.steps.contains_key(id) => {
                match crate::continuity::shared_starter() {
                    Ok(starter) => plan::edit_steps(own, None, starter, id, StepEdit::Reset),
                    Err(why) => Err(why),
                }
            }
            _ => {
                self.say("Nothing of this site's own to remove here.", false);
                return None;
            }
        };
        if self.plan.removing != Some(selected) {
            self.plan.removing = Some(selected);
            self.say(
                format!(
                    "Press d again to remove {} from the plan (any other key keeps it).",
                    crate::text::one_line(&row.label)
                ),
                false,
            );
            return None;
        }
        self.plan.removing = None;
        self.save_plan(built)
    }

    fn save_plan(&mut self, built: Result<Built, String>) -> Option<Effect> {
        if let Some(reason) = self.session.as_ref().and_then(|s| s.read_only.clone()) {
            self.say(format!("Not saved: read-only ({reason})"), true);
            return None;
        }
        match built {
            Ok(Built { change, message }) => {
                self.plan.saving = Some(without_id(&message, &change));
                Some(Effect::Save(Event::Plan { change }))
            }
            Err(why) => {
                self.say(why, true);
                None
            }
        }
    }

    /// A key typed into a plan form.
    pub(crate) fn plan_form_key(&mut self, key: KeyEvent) -> Option<Effect> {
        let form = self.plan.form.as_mut()?;
        let last = form.fields.len().saturating_sub(1);
        let edit = edit_keys::resolve(key, EditContext::PlanForm);
        let asked = std::mem::take(&mut form.confirm_cancel);
        match edit {
            // What was typed is never thrown away by one stray Esc.
            Some(Edit::Cancel) if form.has_typing() && !asked => {
                form.confirm_cancel = true;
                form.error = Some(
                    "Press Esc again to close without saving what you typed (Ctrl-S saves it)."
                        .into(),
                );
            }
            Some(Edit::Down) => form.focus = (form.focus + 1).min(last),
            Some(Edit::Up) => form.focus = form.focus.saturating_sub(1),
            Some(Edit::Submit) if form.focus < last => form.focus += 1,
            Some(Edit::Submit | Edit::Add) => return self.submit_plan_form(),
            Some(Edit::Cancel) => {
                self.plan.form = None;
                self.plan.skipped = true;
                if self.plan.walking {
                    self.plan.walking = false;
                    self.say("Stopped. Press n to go on to the next missing part.", false);
                }
            }
            // A choice (the role) or typing: the form engine's.
            Some(Edit::Toggle) => {
                form.form.key(key, edit);
            }
            _ => {
                form.form.key(key, None);
            }
        }
        None
    }

    pub(crate) fn plan_form_paste(&mut self, text: &str) {
        if let Some(form) = self.plan.form.as_mut() {
            form.paste(text);
        }
    }

    fn submit_plan_form(&mut self) -> Option<Effect> {
        let (Some(s), Ok(starter), Some(form)) = (
            &self.session,
            crate::continuity::shared_starter(),
            &self.plan.form,
        ) else {
            return None;
        };
        match form.build(s, starter) {
            Ok(built) => self.save_plan(Ok(built)),
            Err(why) => {
                if let Some(form) = self.plan.form.as_mut() {
                    form.error = Some(why);
                }
                None
            }
        }
    }

    /// The outcome of saving a plan change: close the form and, when walking, open the next
    /// missing part. On failure the form stays open with what was typed.
    pub(crate) fn plan_saved(
        &mut self,
        outcome: Result<(Event, crate::domain::date::Timestamp), String>,
    ) -> Option<Effect> {
        let message = self.plan.saving.take().unwrap_or_default();
        match outcome {
            Ok((event, at)) => {
                if let Some(s) = &mut self.session {
                    s.apply(&event, at);
                }
                self.save_error = None;
                self.saves += 1;
                self.plan.form = None;
                let len = self.plan_rows().len();
                self.plan.selected = self.plan.selected.min(len.saturating_sub(1));
                self.say(crate::text::one_line(&message).into_owned(), false);
                if self.plan.walking {
                    self.next_missing(false);
                    if self.plan.form.is_some() {
                        self.say(
                            format!(
                                "{} The next missing part is open (Esc stops).",
                                crate::text::one_line(&message)
                            ),
                            false,
                        );
                    }
                }
                None
            }
            Err(why) => {
                self.say(format!("NOT SAVED: {why}"), true);
                self.save_error = Some(why);
                None
            }
        }
    }
}

impl App {
    /// Opens the plan screen on the first part still missing (or where it was left).
    pub(crate) fn show_plan(&mut self) {
        self.scroll = 0;
        self.screen = Screen::Plan;
        self.plan.form = None;
        self.plan.walking = false;
        self.plan.removing = None;
        let rows = self.plan_rows();
        self.plan.selected = rows
            .iter()
            .position(|r| r.state == RowState::Missing)
            .unwrap_or_else(|| self.plan.selected.min(rows.len().saturating_sub(1)));
    }
}

/// The plan's message said on screen: the command line names a contact or service by its id (to edit it later), but on screen that id is internal ("Added contact
/// on-call-manager: …" reads as "Added contact: …").
fn without_id(message: &str, change: &crate::domain::plan::PlanChange) -> String {
    use crate::domain::plan::PlanChange;
    let id = match change {
        PlanChange::Contact { id, .. } | PlanChange::Service { id, .. } => id,
        // Exercises are numbered for people (E1, E2) and steps belong to a named incident.
        PlanChange::Exercise { .. } | PlanChange::Steps { .. } => return message.to_owned(),
    };
    // "Added contact {id}: …", "Updated service {id}: …" or "Removed contact {id}."
    let named = format!(" {id}:");
    if message.contains(&named) {
        return message.replacen(&named, ":", 1);
    }
    match message.strip_suffix(&format!(" {id}.")) {
        Some(start) => format!("{start}."),
        None => message.to_owned(),
    }
}
