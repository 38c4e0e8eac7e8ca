//! The two small forms of the answering screens, on the one form engine (`form.rs`): a gap's
//! action (what will be done, who, by when, how urgent), saved through the answering core as
//! `carecheck answer --action --owner --due --priority` is; and the organisation's profile
//! (identifiers, address, sites, period), checked by `domain::identifiers` as
//! `carecheck profile` is.

use ratatui::crossterm::event::KeyEvent;

use super::action::Effect;
use super::app::{App, Pending};
use super::edit_keys::{self, EditContext};
use super::form::{FieldKind, Form, FormKey, field};
use super::input::Confirm;
use crate::domain::answering::Change;
use crate::domain::assessment::{ActionStatus, Answer, Details, Event, Priority, Profile};
use crate::domain::checklist::ItemRef;
use crate::domain::date::Date;
use crate::domain::identifiers::{self, Identifier};

/// What an open form saves into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormPurpose {
    /// The action of the gap on this item.
    Action(ItemRef),
    Profile,
}

/// A form open over the answering screens.
#[derive(Debug, Clone)]
pub struct OpenForm {
    pub purpose: FormPurpose,
    pub form: Form,
    /// A due date before today that the user was told about: saving it again keeps it.
    past_due_asked: Option<Date>,
}

impl OpenForm {
    /// The form's title, as drawn on its border.
    pub fn title(&self) -> String {
        match &self.purpose {
            FormPurpose::Action(item) => format!(" Action for {} ", item.item),
            FormPurpose::Profile => " Organisation profile (printed on the pack's cover) ".into(),
        }
    }
}

// The action form's fields.
pub const ACTION: &str = "What will be done";
pub const OWNER: &str = "Owner";
pub const DUE: &str = "Close by";
pub const PRIORITY: &str = "Priority";
pub const STATE: &str = "Action is";
const PRIORITIES: &[&str] = &["high", "medium", "low"];
const STATES: &[&str] = &["open", "in progress", "done"];

// The profile form's own fields (the identifiers are labelled by `Identifier::label`).
pub const ADDRESS: &str = "Address";
pub const SITES: &str = "Sites covered";
pub const PERIOD_START: &str = "Period starts";
pub const PERIOD_END: &str = "Period ends";

fn priority_word(p: Priority) -> &'static str {
    match p {
        Priority::High => "high",
        Priority::Medium => "medium",
        Priority::Low => "low",
    }
}

/// The action form, filled in from the item's own answer.
pub fn action_form(item: ItemRef, own: &Answer) -> OpenForm {
    let action = own.action.clone().unwrap_or_default();
    OpenForm {
        purpose: FormPurpose::Action(item),
        form: Form::new(vec![
            field(ACTION, FieldKind::Text, &action.text),
            field(OWNER, FieldKind::Text, &action.owner),
            field(
                DUE,
                FieldKind::Date,
                &action.due.map(Date::uk).unwrap_or_default(),
            ),
            field(
                PRIORITY,
                FieldKind::Choice(PRIORITIES),
                priority_word(action.priority),
            ),
            field(
                STATE,
                FieldKind::Choice(STATES),
                match action.status {
                    ActionStatus::Open => "open",
                    ActionStatus::InProgress => "in progress",
                    ActionStatus::Done => "done",
                },
            ),
        ]),
        past_due_asked: None,
    }
}

/// The profile form, filled in from the assessment's details.
pub fn profile_form(profile: &Profile) -> OpenForm {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let date = |d: Option<Date>| d.map(Date::uk).unwrap_or_default();
    let mut fields: Vec<_> = Identifier::ALL
        .iter()
        .map(|id| {
            let value = match id {
                Identifier::Ods => text(&profile.ods_code),
                Identifier::CqcProvider => text(&profile.cqc_provider_id),
                Identifier::CqcLocation => text(&profile.cqc_location_id),
                Identifier::Ico => text(&profile.ico_registration),
            };
            field(id.label(), FieldKind::Identifier(id.form()), &value)
        })
        .collect();
    fields.extend([
        field(ADDRESS, FieldKind::Text, &text(&profile.address)),
        field(
            SITES,
            FieldKind::Identifier("The homes or branches it covers, ; between"),
            &profile.sites_covered.join("; "),
        ),
        field(PERIOD_START, FieldKind::Date, &date(profile.period_start)),
        field(PERIOD_END, FieldKind::Date, &date(profile.period_end)),
    ]);
    OpenForm {
        purpose: FormPurpose::Profile,
        form: Form::new(fields),
        past_due_asked: None,
    }
}

/// The profile a filled-in form asks for, checked as the CLI checks it; refused with the field
/// to fix and why.
pub fn profile_from(form: &Form) -> Result<Profile, (String, String)> {
    let some = |label: &str| Some(form.value(label)).filter(|v| !v.is_empty());
    let date = |label: &'static str| -> Result<Option<Date>, (String, String)> {
        super::record_form::typed_date(label, &form.value(label)).map_err(|e| (label.into(), e))
    };
    let profile = Profile {
        ods_code: some(Identifier::Ods.label()),
        cqc_provider_id: some(Identifier::CqcProvider.label()),
        cqc_location_id: some(Identifier::CqcLocation.label()),
        ico_registration: some(Identifier::Ico.label()),
        address: some(ADDRESS),
        sites_covered: form
            .value(SITES)
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect(),
        period_start: date(PERIOD_START)?,
        period_end: date(PERIOD_END)?,
    };
    identifiers::checked(profile).map_err(|r| {
        let field = if r.field == identifiers::PERIOD {
            PERIOD_END
        } else {
            r.field
        };
        (field.to_owned(), format!("{}: {}", r.field, r.why))
    })
}

impl App {
    /// `G` on an item: the gap's action on one small form.
    pub(crate) fn open_action_form(&mut self) {
        let Some(s) = &self.session else { return };
        let Some(entry) = s.entries.get(self.cursor) else {
            return;
        };
        let own = s.own_answer(&entry.key);
        self.form = Some(action_form(entry.key.clone(), &own));
    }

    /// `I`: the organisation's profile and identifiers.
    pub(crate) fn open_profile_form(&mut self) {
        let Some(s) = &self.session else { return };
        self.form = Some(profile_form(&s.assessment().details.profile));
    }

    /// A key typed into the open form.
    pub(crate) fn form_key(&mut self, key: KeyEvent) -> Option<Effect> {
        let open = self.form.as_mut()?;
        match open
            .form
            .key(key, edit_keys::resolve(key, EditContext::Record))
        {
            FormKey::Save => return self.submit_open_form(),
            FormKey::Cancel { typed: true } => self.confirm = Some(Confirm::DiscardForm),
            FormKey::Cancel { typed: false } => self.form = None,
            FormKey::Handled => {}
        }
        None
    }

    pub(crate) fn form_paste(&mut self, text: &str) {
        if let Some(open) = &mut self.form {
            open.form.paste(text);
        }
    }

    fn form_refused(&mut self, label: &str, why: String) {
        if let Some(open) = &mut self.form {
            open.form.focus_on(label, why);
        }
    }

    fn submit_open_form(&mut self) -> Option<Effect> {
        let open = self.form.as_ref()?;
        match open.purpose.clone() {
            FormPurpose::Action(item) => self.submit_action(&item),
            FormPurpose::Profile => self.submit_profile(),
        }
    }

    fn submit_action(&mut self, item: &ItemRef) -> Option<Effect> {
        let open = self.form.as_ref()?;
        let form = &open.form;
        let due = match super::record_form::typed_date(DUE, &form.value(DUE)) {
            Ok(due) => due,
            Err(why) => {
                self.form_refused(DUE, why);
                return None;
            }
        };
        if let Some(past) = due.filter(|d| *d < self.today)
            && open.past_due_asked != Some(past)
        {
            if let Some(open) = &mut self.form {
                open.past_due_asked = Some(past);
            }
            self.form_refused(DUE, past_due_question(past));
            return None;
        }
        let changes = vec![
            Change::ActionText(form.value(ACTION)),
            Change::Owner(form.value(OWNER)),
            Change::Due(due),
            Change::Priority(form.value(PRIORITY).parse().unwrap_or_default()),
            Change::ActionStatus(form.value(STATE).parse().unwrap_or_default()),
        ];
        // The form is for the item it was opened on, even if the cursor moved since.
        if let Some(index) = self.session.as_ref().and_then(|s| s.index_of(item)) {
            self.cursor = index;
        }
        self.change(
            Pending {
                close_form: true,
                ..Pending::default()
            },
            changes,
        )
    }

    fn submit_profile(&mut self) -> Option<Effect> {
        if let Some(reason) = self.session.as_ref().and_then(|s| s.read_only.clone()) {
            self.say(format!("Not saved: read-only ({reason})"), true);
            return None;
        }
        let s = self.session.as_ref()?;
        let details = s.assessment().details.clone();
        let open = self.form.as_ref()?;
        match profile_from(&open.form) {
            Err((label, why)) => {
                self.form_refused(&label, why);
                None
            }
            Ok(profile) if profile == *details.profile => {
                self.form = None;
                self.say("The profile is as it was: nothing to save.", false);
                None
            }
            Ok(profile) => {
                self.pending = Pending {
                    close_form: true,
                    ..Pending::default()
                };
                Some(Effect::Save(Event::DetailsChanged {
                    details: Details {
                        profile: Box::new(profile),
                        ..details
                    },
                }))
            }
        }
    }
}

/// What the form says when a due date typed is already past.
pub fn past_due_question(date: Date) -> String {
    format!(
        "{}: {} is already past, so the action would be overdue at once. Save again (Ctrl-S) to keep it, or change the date.",
        DUE,
        date.uk()
    )
}
