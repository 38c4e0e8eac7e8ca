//! The supplier and risk registers in the TUI: the lists, a record in full, and one form for
//! adding or editing a supplier or a risk. Every change is built by the domain's rules
//! (`domain::registers::edit_supplier`, `edit_risk`, `new_id`, `adopt_starters`), the same ones
//! the CLI calls, and saved as one `Effect::Save(Event::Register { .. })`. A site's head-office
//! records are shown, marked, and never changed here.

use ratatui::crossterm::event::KeyEvent;

use super::action::{Command, Effect};
use super::app::{App, Pending, Screen};
use super::edit_keys::{self, Edit, EditContext};
use super::input::{Confirm, LineInput, Typed};
use super::session::Session;
use crate::domain::answering::Change;
use crate::domain::assessment::{Event, Evidence, EvidenceSource};
use crate::domain::checklist::ItemRef;
use crate::domain::date::{DATE_HINT, Date};
use crate::domain::registers::{
    self, Agreement, CertificateKind, DataLocation, EditRefused, RegisterChange, Risk, RiskEdit,
    ServiceKind, Supplier, SupplierEdit, SupplierField,
};
use crate::registers::RegisterView;

/// Where the register screens are.
#[derive(Debug, Default)]
pub struct RegisterUi {
    pub suppliers_selected: usize,
    pub risks_selected: usize,
    /// The selected record is shown in full instead of the list.
    pub detail: bool,
    /// How far the record in full is scrolled.
    pub scroll: u16,
    pub form: Option<RecordForm>,
    /// The record whose removal waits for a second `x`.
    pub removing: Option<String>,
    /// A save from the form (or a removal) is in flight.
    saving: Option<Saving>,
    /// Where Esc from the register lists goes back to.
    came_from: Option<Screen>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Saving {
    /// The record to select once saved (none after a removal).
    select: Option<String>,
    message: String,
}

/// The registers as the session stands: its own records, its head office's, and what the
/// core computes from them.
pub fn view(s: &Session) -> RegisterView {
    RegisterView::of(
        &s.own().registers,
        s.head_assessment().map(|h| &h.registers),
        &s.checklists,
        &s.summary,
        s.today(),
    )
}

/// What kind of value a form field takes, which decides the keys it answers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    Text,
    /// What a supplier provides: service names separated by commas.
    Services,
    /// Space cycles through these; they are the field's only values.
    Choice(&'static [&'static str]),
    /// A date as people type it; empty for none.
    Date,
    /// A date, `yes`, `no`, or empty for not recorded.
    Agreement,
    /// A whole number of hours.
    Hours,
    /// 1 to 5, set with a single digit key.
    Score,
    /// Checklist items, by id, separated by commas.
    Items,
    /// Suppliers in the register, by name, separated by commas.
    Suppliers,
}

const YES_NO: &[&str] = &["no", "yes"];
const LOCATIONS: &[&str] = &["not recorded", "UK", "EEA", "elsewhere"];
const CERTIFICATES: &[&str] = &["none", "Cyber Essentials", "Cyber Essentials Plus"];

impl FieldKind {
    /// What the form says under a field while it has the focus.
    pub fn hint(self) -> String {
        match self {
            FieldKind::Text => "Type; empty for none.".to_owned(),
            FieldKind::Services => {
                "Commas between: care records, eMAR, rostering, IT support, email, phones, CCTV, payroll, other".to_owned()
            }
            FieldKind::Choice(values) => format!("Space changes it: {}", values.join(" / ")),
            FieldKind::Date => format!("{DATE_HINT}, e.g. 15/09/2026; empty for none"),
            FieldKind::Agreement => {
                format!("Its date ({DATE_HINT}), or yes, or no; empty if not known")
            }
            FieldKind::Hours => "A whole number of hours, e.g. 24; empty if not promised".to_owned(),
            FieldKind::Score => "Press 1 to 5 (1 lowest, 5 highest)".to_owned(),
            FieldKind::Items => {
                "The checklist items that protect against it, commas between, e.g. 7.2.1, 8.3.1; their answers set how well it is mitigated".to_owned()
            }
            FieldKind::Suppliers => {
                "Suppliers in your register whose controls protect against it, commas between".to_owned()
            }
        }
    }
}

#[derive(Debug, Clone)]
pub struct FormField {
    pub label: &'static str,
    pub kind: FieldKind,
    pub input: LineInput,
}

fn field(label: &'static str, kind: FieldKind, value: &str) -> FormField {
    FormField {
        label,
        kind,
        input: LineInput::with(value),
    }
}

/// What a form saves: a new record (no id yet) or the record with this id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormFor {
    Supplier(Option<String>),
    Risk(Option<String>),
}

#[derive(Debug, Clone)]
pub struct RecordForm {
    pub record: FormFor,
    pub fields: Vec<FormField>,
    pub focus: usize,
    pub error: Option<String>,
    initial: Vec<String>,
}

impl RecordForm {
    fn new(record: FormFor, fields: Vec<FormField>) -> RecordForm {
        let initial = fields.iter().map(|f| f.input.text()).collect();
        RecordForm {
            record,
            fields,
            focus: 0,
            error: None,
            initial,
        }
    }

    /// Whether anything typed would be lost by closing the form.
    pub fn has_typing(&self) -> bool {
        self.fields
            .iter()
            .zip(&self.initial)
            .any(|(f, i)| f.input.text() != *i)
    }

    /// The text in the field labelled `label`, trimmed.
    pub fn value(&self, label: &str) -> String {
        self.fields
            .iter()
            .find(|f| f.label == label)
            .map(|f| f.input.text().trim().to_owned())
            .unwrap_or_default()
    }

    fn focus_on(&mut self, label: &str, error: String) {
        if let Some(at) = self.fields.iter().position(|f| f.label == label) {
            self.focus = at;
        }
        self.error = Some(error);
    }

    fn move_focus(&mut self, forward: bool) {
        let n = self.fields.len();
        self.focus = if forward {
            (self.focus + 1) % n
        } else {
            (self.focus + n - 1) % n
        };
    }
}

// The supplier form's fields, in the order a manager reads them off a contract.
pub const NAME: &str = "Name";
pub const PROVIDES: &str = "Provides";
pub const CRITICAL: &str = "Critical to care";
pub const LOCATION: &str = "Data held in";
pub const CONTRACT: &str = "Contract";
pub const DPA: &str = "Data-processing agreement";
pub const CERTIFICATE: &str = "Cyber Essentials";
pub const CERT_NUMBER: &str = "Certificate number";
pub const CERT_EXPIRES: &str = "Certificate expires";
pub const DSPT: &str = "DSPT status";
pub const DSPT_DATE: &str = "DSPT published";
pub const BREACH: &str = "Breach notice (hours)";
pub const SUPPORT: &str = "Support in an outage";
pub const PERSONAL: &str = "Personal data it handles";
pub const REVIEWED: &str = "Last reviewed";
// The risk form's.
pub const TITLE: &str = "Risk";
pub const LIKELIHOOD: &str = "Likelihood";
pub const IMPACT: &str = "Impact";
pub const OWNER: &str = "Owner";
pub const REVIEW_BY: &str = "Review by";
pub const DESCRIPTION: &str = "Description";
pub const PROTECTED_BY: &str = "Protected by items";
pub const RISK_SUPPLIERS: &str = "Suppliers";

fn agreement_text(a: Option<Agreement>) -> String {
    match a {
        None => String::new(),
        Some(Agreement {
            in_place: false, ..
        }) => "no".into(),
        Some(Agreement { dated: Some(d), .. }) => d.uk(),
        Some(_) => "yes".into(),
    }
}

fn supplier_form(id: Option<String>, s: &Supplier) -> RecordForm {
    let services: Vec<&str> = s.provides.iter().map(|k| k.label()).collect();
    let location = match s.data_location {
        None => LOCATIONS[0],
        Some(DataLocation::Uk) => LOCATIONS[1],
        Some(DataLocation::Eea) => LOCATIONS[2],
        Some(DataLocation::Elsewhere) => LOCATIONS[3],
    };
    let cert = s.cyber_essentials.as_ref();
    let certificate = match cert.map(|c| c.kind) {
        None => CERTIFICATES[0],
        Some(CertificateKind::CyberEssentials) => CERTIFICATES[1],
        Some(CertificateKind::CyberEssentialsPlus) => CERTIFICATES[2],
    };
    let date = |d: Option<Date>| d.map(Date::uk).unwrap_or_default();
    RecordForm::new(
        FormFor::Supplier(id),
        vec![
            field(NAME, FieldKind::Text, &s.name),
            field(PROVIDES, FieldKind::Services, &services.join(", ")),
            field(
                CRITICAL,
                FieldKind::Choice(YES_NO),
                if s.critical { "yes" } else { "no" },
            ),
            field(LOCATION, FieldKind::Choice(LOCATIONS), location),
            field(CONTRACT, FieldKind::Agreement, &agreement_text(s.contract)),
            field(DPA, FieldKind::Agreement, &agreement_text(s.dpa)),
            field(CERTIFICATE, FieldKind::Choice(CERTIFICATES), certificate),
            field(
                CERT_NUMBER,
                FieldKind::Text,
                cert.map_or("", |c| c.number.as_str()),
            ),
            field(
                CERT_EXPIRES,
                FieldKind::Date,
                &date(cert.map(|c| c.expires)),
            ),
            field(
                DSPT,
                FieldKind::Text,
                s.dspt.as_ref().map_or("", |d| d.level.as_str()),
            ),
            field(
                DSPT_DATE,
                FieldKind::Date,
                &date(s.dspt.as_ref().map(|d| d.published)),
            ),
            field(
                BREACH,
                FieldKind::Hours,
                &s.breach_notice_hours
                    .map(|h| h.to_string())
                    .unwrap_or_default(),
            ),
            field(SUPPORT, FieldKind::Text, &s.support_contact),
            field(PERSONAL, FieldKind::Text, &s.personal_data),
            field(REVIEWED, FieldKind::Date, &date(s.last_reviewed)),
        ],
    )
}

fn risk_form(id: Option<String>, r: Option<&Risk>, s: &Session) -> RecordForm {
    let score = |n: Option<u8>| n.map(|n| n.to_string()).unwrap_or_default();
    // Items by the shortest id that still finds them; suppliers by name.
    // This assessment's items first: those are the ones whose answers count now.
    let mut keys: Vec<&ItemRef> = r
        .map(|r| r.mitigated_by.iter().collect())
        .unwrap_or_default();
    keys.sort_by_key(|key| !s.checklists.iter().any(|c| c.id == key.checklist));
    let items: Vec<String> = keys.into_iter().map(|key| short_item(s, key)).collect();
    let suppliers: Vec<String> = r
        .map(|r| {
            let v = view(s);
            r.suppliers
                .iter()
                .map(|id| {
                    v.suppliers
                        .iter()
                        .find(|c| c.id == *id)
                        .map_or_else(|| id.clone(), |c| c.record.name.clone())
                })
                .collect()
        })
        .unwrap_or_default();
    RecordForm::new(
        FormFor::Risk(id),
        vec![
            field(TITLE, FieldKind::Text, r.map_or("", |r| r.title.as_str())),
            field(
                LIKELIHOOD,
                FieldKind::Score,
                &score(r.map(|r| r.likelihood)),
            ),
            field(IMPACT, FieldKind::Score, &score(r.map(|r| r.impact))),
            field(OWNER, FieldKind::Text, r.map_or("", |r| r.owner.as_str())),
            field(
                REVIEW_BY,
                FieldKind::Date,
                &r.and_then(|r| r.review_by)
                    .map(Date::uk)
                    .unwrap_or_default(),
            ),
            field(
                DESCRIPTION,
                FieldKind::Text,
                r.map_or("", |r| r.description.as_str()),
            ),
            field(PROTECTED_BY, FieldKind::Items, &items.join(", ")),
            field(RISK_SUPPLIERS, FieldKind::Suppliers, &suppliers.join(", ")),
        ],
    )
}

/// `key` as a person would type it: the bare item id when only one checklist has it.
fn short_item(s: &Session, key: &ItemRef) -> String {
    match crate::workspace::find_item(&s.checklists, &key.item) {
        Ok((found, _)) if found == *key => key.item.clone(),
        _ => key.to_string(),
    }
}

/// The items typed in `text` (ids, commas between), each found as `carecheck answer` finds one.
fn parse_items(s: &Session, text: &str) -> Result<Vec<ItemRef>, String> {
    let mut items: Vec<ItemRef> = Vec::new();
    for part in text
        .split([',', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        // An item of a checklist this assessment does not use is kept when written in full
        // (`cyber-essentials:A7.1`): starter risks name such items, and they count once the
        // checklist is added.
        let elsewhere = ItemRef::parse(part)
            .ok()
            .filter(|key| !s.checklists.iter().any(|c| c.id == key.checklist));
        let key = match elsewhere {
            Some(key) => key,
            None => {
                crate::workspace::find_item(&s.checklists, part)
                    .map_err(|e| format!("{PROTECTED_BY}: `{}`: {e}", clean_one(part)))?
                    .0
            }
        };
        if !items.contains(&key) {
            items.push(key);
        }
    }
    Ok(items)
}

/// The suppliers named in `text` (commas between), found in the register as the CLI finds them.
fn parse_suppliers(s: &Session, text: &str) -> Result<Vec<String>, String> {
    let v = view(s);
    let mut ids: Vec<String> = Vec::new();
    for part in text
        .split([',', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let found = crate::registers::find_named(&v.suppliers, part, |c| c.name.as_str())
            .ok_or_else(|| {
                format!(
                    "{RISK_SUPPLIERS}: no supplier `{}` in your register (press S to see it)",
                    clean_one(part)
                )
            })?;
        if !ids.contains(&found.id) {
            ids.push(found.id.clone());
        }
    }
    Ok(ids)
}

fn clean_one(text: &str) -> String {
    crate::text::one_line(text).into_owned()
}

/// Services named as people type them: a keyword (`it-support`), a label (`IT support`), or
/// the start of one when only one starts that way (`phones`).
pub fn parse_services(text: &str) -> Result<Vec<ServiceKind>, String> {
    let mut kinds = Vec::new();
    for part in text
        .split([',', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let wanted = part.to_lowercase().replace([' ', '_'], "-");
        let matches = |k: &ServiceKind| {
            let label = k.label().to_lowercase().replace(' ', "-");
            k.keyword() == wanted || label == wanted
        };
        let starts = |k: &&ServiceKind| {
            let label = k.label().to_lowercase().replace(' ', "-");
            k.keyword().starts_with(&wanted) || label.starts_with(&wanted)
        };
        let found = ServiceKind::ALL.iter().find(|k| matches(k)).or_else(|| {
            let mut starting = ServiceKind::ALL.iter().filter(starts);
            match (starting.next(), starting.next()) {
                (Some(only), None) => Some(only),
                _ => None,
            }
        });
        match found {
            Some(kind) => kinds.push(*kind),
            None => {
                return Err(format!(
                    "`{part}` is not a service carecheck knows; use care records, eMAR, rostering, IT support, email, phones, CCTV, payroll or other"
                ));
            }
        }
    }
    Ok(kinds)
}

/// A date typed in a field, or why not.
fn typed_date(label: &str, text: &str) -> Result<Option<Date>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    Date::parse_input(text).map(Some).ok_or_else(|| {
        format!("{label}: `{text}` is not a date; write it as {DATE_HINT}, e.g. 15/09/2026")
    })
}

/// The supplier edit a filled-in form asks for: every field as shown, so an emptied field is
/// cleared. Refused with the field to fix and why.
pub fn supplier_edit(form: &RecordForm) -> Result<SupplierEdit, (&'static str, String)> {
    let mut edit = SupplierEdit {
        name: Some(form.value(NAME)),
        // Every field is set from the form, so each starts from nothing.
        clear: vec![
            SupplierField::Provides,
            SupplierField::DataLocation,
            SupplierField::Contract,
            SupplierField::Dpa,
            SupplierField::Dspt,
            SupplierField::CyberEssentials,
            SupplierField::BreachHours,
            SupplierField::Reviewed,
        ],
        provides: parse_services(&form.value(PROVIDES)).map_err(|e| (PROVIDES, e))?,
        personal_data: Some(form.value(PERSONAL)),
        critical: Some(form.value(CRITICAL) == "yes"),
        support: Some(form.value(SUPPORT)),
        ..SupplierEdit::default()
    };
    edit.data_location = match form.value(LOCATION).as_str() {
        "UK" => Some(DataLocation::Uk),
        "EEA" => Some(DataLocation::Eea),
        "elsewhere" => Some(DataLocation::Elsewhere),
        _ => None,
    };
    for (label, in_place, dated) in [
        (CONTRACT, &mut edit.contract, &mut edit.contract_date),
        (DPA, &mut edit.dpa, &mut edit.dpa_date),
    ] {
        let text = form.value(label);
        match text.to_lowercase().as_str() {
            "" => {}
            "yes" | "y" => *in_place = Some(true),
            "no" | "n" => *in_place = Some(false),
            _ => {
                *dated = typed_date(label, &text)
                    .map_err(|_| {
                        (
                            label,
                            format!(
                                "{label}: `{text}` is not a date, yes or no; write a date as {DATE_HINT}"
                            ),
                        )
                    })?;
            }
        }
    }
    let number = form.value(CERT_NUMBER);
    let expires =
        typed_date(CERT_EXPIRES, &form.value(CERT_EXPIRES)).map_err(|e| (CERT_EXPIRES, e))?;
    match form.value(CERTIFICATE).as_str() {
        "Cyber Essentials" => edit.ce = Some(CertificateKind::CyberEssentials),
        "Cyber Essentials Plus" => edit.ce = Some(CertificateKind::CyberEssentialsPlus),
        _ if !number.is_empty() || expires.is_some() => {
            return Err((
                CERTIFICATE,
                "Choose Cyber Essentials or Cyber Essentials Plus with Space, or empty the certificate's number and expiry".to_owned(),
            ));
        }
        _ => {}
    }
    if edit.ce.is_some() {
        edit.ce_expires = expires;
        edit.ce_number = Some(number);
    }
    let level = form.value(DSPT);
    edit.dspt_level = (!level.is_empty()).then_some(level);
    edit.dspt_date = typed_date(DSPT_DATE, &form.value(DSPT_DATE)).map_err(|e| (DSPT_DATE, e))?;
    let hours = form.value(BREACH);
    if !hours.is_empty() {
        let digits = hours.trim_end_matches(|c: char| c.is_alphabetic() || c == ' ');
        edit.breach_hours = Some(digits.parse().map_err(|_| {
            (
                BREACH,
                format!("{BREACH}: `{hours}` is not a whole number of hours"),
            )
        })?);
    }
    edit.reviewed = typed_date(REVIEWED, &form.value(REVIEWED)).map_err(|e| (REVIEWED, e))?;
    Ok(edit)
}

/// The risk edit a filled-in form asks for.
pub fn risk_edit(form: &RecordForm) -> Result<RiskEdit, (&'static str, String)> {
    let score = |label: &'static str| -> Result<u8, (&'static str, String)> {
        registers::parse_score(&form.value(label))
            .map_err(|_| (label, format!("{label}: press a number from 1 to 5")))
    };
    Ok(RiskEdit {
        title: Some(form.value(TITLE)),
        description: Some(form.value(DESCRIPTION)),
        likelihood: Some(score(LIKELIHOOD)?),
        impact: Some(score(IMPACT)?),
        owner: Some(form.value(OWNER)),
        review_by: Some(typed_date(REVIEW_BY, &form.value(REVIEW_BY)).map_err(|e| (REVIEW_BY, e))?),
        notes: None,
    })
}

/// The field a refusal from the domain's rules is about.
fn refused_field(e: &EditRefused, supplier: bool) -> &'static str {
    match e {
        EditRefused::DsptIncomplete => DSPT,
        EditRefused::CertificateIncomplete | EditRefused::NumberWithoutCertificate => CERT_EXPIRES,
        EditRefused::ReviewedInFuture(_) => REVIEWED,
        EditRefused::DatedButNotInPlace(registers::AgreementKind::Contract) => CONTRACT,
        EditRefused::DatedButNotInPlace(registers::AgreementKind::Dpa) => DPA,
        EditRefused::Score(_) => LIKELIHOOD,
        _ if supplier => NAME,
        _ => TITLE,
    }
}

impl App {
    fn register_records_len(&self) -> usize {
        let Some(s) = &self.session else { return 0 };
        let v = view(s);
        if self.screen == Screen::Risks {
            v.risks.len()
        } else {
            v.suppliers.len()
        }
    }

    fn register_selected(&mut self) -> &mut usize {
        if self.screen == Screen::Risks {
            &mut self.registers.risks_selected
        } else {
            &mut self.registers.suppliers_selected
        }
    }

    /// The selected record's id, name, and whether it is the head office's.
    fn selected_record(&self) -> Option<(String, String, bool)> {
        let s = self.session.as_ref()?;
        let v = view(s);
        if self.screen == Screen::Risks {
            let r = v.risks.get(self.registers.risks_selected)?;
            Some((
                r.risk.id.clone(),
                r.risk.record.title.clone(),
                r.risk.inherited,
            ))
        } else {
            let r = v.suppliers.get(self.registers.suppliers_selected)?;
            Some((r.id.clone(), r.record.name.clone(), r.inherited))
        }
    }

    pub(crate) fn register_command(&mut self, command: Command) -> Option<Effect> {
        self.session.as_ref()?;
        if command != Command::RemoveRecord {
            self.registers.removing = None;
        }
        match command {
            Command::ShowSuppliers | Command::ShowRisks => {
                let to = if command == Command::ShowRisks {
                    Screen::Risks
                } else {
                    Screen::Suppliers
                };
                if !matches!(self.screen, Screen::Suppliers | Screen::Risks) {
                    self.registers.came_from = Some(self.screen);
                }
                if self.screen != to {
                    self.registers.detail = false;
                    self.registers.scroll = 0;
                }
                self.screen = to;
                let len = self.register_records_len();
                let selected = self.register_selected();
                *selected = (*selected).min(len.saturating_sub(1));
                None
            }
            Command::LinkRegister => self.link_register(),
            _ if !matches!(self.screen, Screen::Suppliers | Screen::Risks) => None,
            _ if self.refuse_if_read_only() => None,
            Command::AddRecord => {
                let s = self.session.as_ref()?;
                self.registers.form = Some(if self.screen == Screen::Risks {
                    risk_form(None, None, s)
                } else {
                    supplier_form(None, &Supplier::named(""))
                });
                None
            }
            Command::EditRecord => self.edit_selected(),
            Command::RemoveRecord => self.remove_selected(),
            Command::AddStarterRisks => self.add_starter_risks(),
            _ => None,
        }
    }

    fn refuse_if_read_only(&mut self) -> bool {
        match self.session.as_ref().and_then(|s| s.read_only.clone()) {
            Some(reason) => {
                self.say(format!("Not saved: read-only ({reason})"), true);
                true
            }
            None => false,
        }
    }

    fn edit_selected(&mut self) -> Option<Effect> {
        let Some((id, name, inherited)) = self.selected_record() else {
            self.say("Nothing to edit yet: press a to add one.", false);
            return None;
        };
        if inherited {
            self.say(
                format!(
                    "{} is the head office's record, shown here read-only; change it in the head office's assessment.",
                    crate::text::one_line(&name)
                ),
                true,
            );
            return None;
        }
        let s = self.session.as_ref()?;
        let own = &s.own().registers;
        self.registers.form = if self.screen == Screen::Risks {
            own.risks
                .get(&id)
                .map(|r| risk_form(Some(id.clone()), Some(r), s))
        } else {
            own.suppliers
                .get(&id)
                .map(|r| supplier_form(Some(id.clone()), r))
        };
        None
    }

    fn remove_selected(&mut self) -> Option<Effect> {
        let (id, name, inherited) = self.selected_record()?;
        let name = crate::text::one_line(&name).into_owned();
        if inherited {
            self.say(
                format!("{name} is the head office's record; remove it from the head office's assessment."),
                true,
            );
            return None;
        }
        if self.registers.removing.as_deref() != Some(id.as_str()) {
            self.say(
                format!("Press x again to remove {name}; any other key keeps it."),
                true,
            );
            self.registers.removing = Some(id);
            return None;
        }
        self.registers.removing = None;
        let change = if self.screen == Screen::Risks {
            RegisterChange::Risk { id, risk: None }
        } else {
            RegisterChange::Supplier { id, supplier: None }
        };
        self.registers.detail = false;
        self.registers.saving = Some(Saving {
            select: None,
            message: format!("Removed {name}."),
        });
        Some(Effect::Save(registers::event(change)))
    }

    fn add_starter_risks(&mut self) -> Option<Effect> {
        if self.screen != Screen::Risks {
            return None;
        }
        let starter = match crate::registers::starter_risks() {
            Ok(starter) => starter,
            Err(why) => {
                self.say(why, true);
                return None;
            }
        };
        let s = self.session.as_ref()?;
        let known: Vec<String> = view(s).risks.into_iter().map(|r| r.risk.id).collect();
        let changes =
            registers::adopt_starters(starter, |id| known.iter().any(|k| k == id), self.today);
        if changes.is_empty() {
            self.say("Every starter risk is already recorded.", false);
            return None;
        }
        Some(Effect::SaveAll(
            changes.into_iter().map(registers::event).collect(),
        ))
    }

    /// `L` on an item the supplier register is evidence for: the register, as it stands
    /// today, becomes a named-document evidence entry through the answering core.
    fn link_register(&mut self) -> Option<Effect> {
        if self.screen != Screen::Item {
            return None;
        }
        let s = self.session.as_ref()?;
        let key = s.entries.get(self.cursor)?.key.clone();
        let v = view(s);
        let Some(note) = v.evidence.iter().find(|n| n.item == key) else {
            let counts = crate::registers::EVIDENCE_ITEMS
                .iter()
                .any(|(c, i)| key.checklist == *c && key.item == *i);
            let why = if counts {
                "No suppliers are recorded yet: press S to open the supplier register and add them."
            } else {
                "The supplier register is not evidence for this item (it counts for DSPT 10.1.2, 10.2.1, 10.2.2 and 7.1.5)."
            };
            self.say(why, false);
            return None;
        };
        let name = format!(
            "Supplier register in carecheck, {}: {}",
            self.today.uk(),
            note.text
        );
        let already = s
            .own_answer(&key)
            .evidence
            .iter()
            .any(|e| matches!(&e.source, EvidenceSource::Document { name: n } if *n == name));
        if already {
            self.say(
                "The supplier register as it is today is already evidence here.",
                false,
            );
            return None;
        }
        self.say(format!("Added as evidence: {name}"), false);
        self.change(
            Pending::default(),
            vec![Change::AddEvidence(Evidence {
                source: EvidenceSource::Document { name },
                dated: Some(self.today),
                review_by: None,
            })],
        )
    }

    /// Esc on a register screen: from a record to its list, from the list to where the user was.
    pub(crate) fn register_back(&mut self) {
        self.registers.removing = None;
        if self.registers.detail {
            self.registers.detail = false;
            return;
        }
        self.screen = match self.registers.came_from.take() {
            Some(screen @ (Screen::Item | Screen::Items)) => screen,
            _ => Screen::Overview,
        };
    }

    pub(crate) fn register_open(&mut self) {
        self.registers.removing = None;
        if self.register_records_len() > 0 {
            self.registers.detail = true;
            self.registers.scroll = 0;
        }
    }

    pub(crate) fn register_scroll(&mut self, delta: i32) {
        self.registers.removing = None;
        if self.registers.detail {
            let to = i32::from(self.registers.scroll).saturating_add(delta);
            self.registers.scroll = u16::try_from(to.clamp(0, 300)).unwrap_or(0);
            return;
        }
        let len = self.register_records_len();
        let selected = self.register_selected();
        let to = i64::try_from(*selected).unwrap_or(0) + i64::from(delta);
        let last = i64::try_from(len.saturating_sub(1)).unwrap_or(0);
        *selected = usize::try_from(to.clamp(0, last)).unwrap_or(0);
    }

    pub(crate) fn register_pick(&mut self, hit: usize) {
        *self.register_selected() = hit;
        self.register_open();
    }

    /// A key typed into the form.
    pub(crate) fn register_form_key(&mut self, key: KeyEvent) -> Option<Effect> {
        let form = self.registers.form.as_mut()?;
        let kind = form.fields[form.focus].kind;
        let edit = edit_keys::resolve(key, EditContext::Record);
        match (edit, kind) {
            (Some(Edit::Save), _) => return self.submit_form(),
            (Some(Edit::Submit), _) if form.focus + 1 == form.fields.len() => {
                return self.submit_form();
            }
            (Some(Edit::Submit | Edit::Down), _) => form.move_focus(true),
            (Some(Edit::Up), _) => form.move_focus(false),
            (Some(Edit::Cancel), _) => {
                if form.has_typing() {
                    self.confirm = Some(Confirm::DiscardRecord);
                } else {
                    self.registers.form = None;
                }
            }
            (Some(Edit::Toggle), FieldKind::Choice(values)) => {
                let input = &mut form.fields[form.focus].input;
                let at = values.iter().position(|v| *v == input.text()).unwrap_or(0);
                *input = LineInput::with(values[(at + 1) % values.len()]);
                form.error = None;
            }
            (Some(Edit::Toggle), FieldKind::Score) => {
                let input = &mut form.fields[form.focus].input;
                let next = input.text().parse::<u8>().map_or(1, |n| n % 5 + 1);
                *input = LineInput::with(&next.to_string());
                form.error = None;
            }
            (_, FieldKind::Score) => {
                // A single digit sets the score and moves on.
                if let ratatui::crossterm::event::KeyCode::Char(c @ '1'..='5') = key.code {
                    form.fields[form.focus].input = LineInput::with(&c.to_string());
                    form.error = None;
                    form.move_focus(true);
                }
            }
            (_, FieldKind::Choice(values)) => {
                // y and n answer a yes/no field; other typing cannot make a value it lacks.
                if let ratatui::crossterm::event::KeyCode::Char(c) = key.code {
                    let typed = c.to_ascii_lowercase();
                    if let Some(v) = values
                        .iter()
                        .find(|v| v.to_lowercase().starts_with(typed) && **v != "not recorded")
                    {
                        form.fields[form.focus].input = LineInput::with(v);
                        form.error = None;
                    }
                }
            }
            _ => {
                if form.fields[form.focus].input.key(key) == Typed::Changed {
                    form.error = None;
                }
            }
        }
        None
    }

    pub(crate) fn register_form_paste(&mut self, text: &str) {
        if let Some(form) = &mut self.registers.form {
            let field = &mut form.fields[form.focus];
            if matches!(field.kind, FieldKind::Choice(_) | FieldKind::Score) {
                return;
            }
            field.input.insert_str(text);
        }
    }

    /// Builds the record with the domain's rules and saves it; a refusal keeps the form open
    /// on the field to fix.
    fn submit_form(&mut self) -> Option<Effect> {
        if self.refuse_if_read_only() {
            return None;
        }
        let form = self.registers.form.as_ref()?;
        let s = self.session.as_ref()?;
        let v = view(s);
        let today = self.today;
        let built: Result<(RegisterChange, String), (&'static str, String)> = match &form.record {
            FormFor::Supplier(id) => supplier_edit(form).and_then(|edit| {
                let refused =
                    |e: EditRefused| (refused_field(&e, true), crate::registers::refusal(&e));
                let (id, base) = match id {
                    Some(id) => (
                        id.clone(),
                        s.own()
                            .registers
                            .suppliers
                            .get(id)
                            .cloned()
                            .unwrap_or_else(|| Supplier::named("")),
                    ),
                    None => (
                        registers::new_id(&form.value(NAME), |id| {
                            v.suppliers.iter().any(|s| s.id == id)
                        })
                        .map_err(refused)?,
                        Supplier::named(""),
                    ),
                };
                let supplier = registers::edit_supplier(base, &edit, today).map_err(refused)?;
                let name = supplier.name.clone();
                Ok((
                    RegisterChange::Supplier {
                        id,
                        supplier: Some(supplier),
                    },
                    name,
                ))
            }),
            FormFor::Risk(id) => risk_edit(form).and_then(|edit| {
                let refused =
                    |e: EditRefused| (refused_field(&e, false), crate::registers::refusal(&e));
                let (id, base) = match id {
                    Some(id) => (id.clone(), s.own().registers.risks.get(id).cloned()),
                    None => (
                        registers::new_id(&form.value(TITLE), |id| {
                            v.risks.iter().any(|r| r.risk.id == id)
                        })
                        .map_err(refused)?,
                        None,
                    ),
                };
                let base = match base {
                    Some(base) => base,
                    None => registers::new_risk(&form.value(TITLE), 1, 1).map_err(refused)?,
                };
                let mut risk = registers::edit_risk(base, &edit).map_err(refused)?;
                risk.mitigated_by =
                    parse_items(s, &form.value(PROTECTED_BY)).map_err(|why| (PROTECTED_BY, why))?;
                risk.suppliers = parse_suppliers(s, &form.value(RISK_SUPPLIERS))
                    .map_err(|why| (RISK_SUPPLIERS, why))?;
                let title = risk.title.clone();
                Ok((
                    RegisterChange::Risk {
                        id,
                        risk: Some(risk),
                    },
                    title,
                ))
            }),
        };
        match built {
            Ok((change, name)) => {
                let id = match &change {
                    RegisterChange::Supplier { id, .. } | RegisterChange::Risk { id, .. } => {
                        id.clone()
                    }
                };
                self.registers.saving = Some(Saving {
                    select: Some(id),
                    message: format!("Saved {}.", crate::text::one_line(&name)),
                });
                Some(Effect::Save(registers::event(change)))
            }
            Err((label, why)) => {
                if let Some(form) = &mut self.registers.form {
                    form.focus_on(label, why);
                }
                None
            }
        }
    }

    /// After any save: a register save in flight closes its form and selects its record.
    pub(crate) fn register_saved(&mut self, ok: bool) {
        let Some(saving) = self.registers.saving.take() else {
            return;
        };
        if !ok {
            // The form stays open with what was typed; the shell's message says why.
            return;
        }
        self.registers.form = None;
        self.say(saving.message, false);
        if let (Some(id), Some(s)) = (saving.select, &self.session) {
            let v = view(s);
            let at = if self.screen == Screen::Risks {
                v.risks.iter().position(|r| r.risk.id == id)
            } else {
                v.suppliers.iter().position(|r| r.id == id)
            };
            if let Some(at) = at {
                *self.register_selected() = at;
            }
        } else {
            let len = self.register_records_len();
            let selected = self.register_selected();
            *selected = (*selected).min(len.saturating_sub(1));
        }
    }

    /// Several register records saved at once (the starter risks). Anything else goes back to
    /// the caller untouched.
    #[allow(clippy::type_complexity)]
    pub(crate) fn registers_saved_all(
        &mut self,
        saved: Vec<(Event, crate::domain::date::Timestamp)>,
        error: Option<String>,
    ) -> Option<(Vec<(Event, crate::domain::date::Timestamp)>, Option<String>)> {
        if saved.is_empty()
            || !saved
                .iter()
                .all(|(e, _)| matches!(e, Event::Register { .. }))
        {
            return Some((saved, error));
        }
        let count = saved.len();
        if let Some(s) = &mut self.session {
            for (event, at) in &saved {
                s.apply(event, *at);
            }
        }
        self.saves += count;
        match error {
            Some(why) => {
                self.say(format!("NOT SAVED after {count} risk(s): {why}"), true);
                self.save_error = Some(why);
            }
            None => {
                self.save_error = None;
                self.say(
                    format!(
                        "Added {}. The scores are suggestions: press e on a risk to change them, its owner and review date (each is due for review by {}).",
                        crate::text::count(count, "starter risk", "starter risks"),
                        self.today.add_months(12).uk()
                    ),
                    false,
                );
            }
        }
        None
    }
}
