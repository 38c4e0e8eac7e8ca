//! The form that adds or edits a supplier or a risk: its fields (declared for the one form
//! engine, `form.rs`), and the domain edit it builds. Which record it saves and when is `tui/registers.rs`'s business.

pub use super::form::{FieldKind, Form, FormField, field};
use super::registers::view;
use super::session::Session;
use crate::domain::checklist::ItemRef;
use crate::domain::date::{DATE_HINT, Date};
use crate::domain::fields::form_inputs;
use crate::domain::registers::{
    self, CertificateKind, DataLocation, EditRefused, Risk, RiskEdit, SUPPLIER_FIELDS, ServiceKind,
    Supplier, SupplierEdit, SupplierField,
};
// The supplier form's labels are its field table's.
pub use crate::domain::supplier::{
    BREACH, CERT_EXPIRES, CERT_NUMBER, CERTIFICATE, CONTRACT, CRITICAL, DPA, DSPT, DSPT_DATE,
    LOCATION, NAME, NOTES, PERSONAL, PROVIDES, REVIEWED, SUPPORT,
};

/// What a form saves: a new record (no id yet) or the record with this id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormFor {
    Supplier(Option<String>),
    Risk(Option<String>),
}

/// A supplier or risk form: the form engine's fields and the record they save into.
#[derive(Debug, Clone)]
pub struct RecordForm {
    pub record: FormFor,
    pub form: Form,
}

impl RecordForm {
    fn new(record: FormFor, fields: Vec<FormField>) -> RecordForm {
        RecordForm {
            record,
            form: Form::new(fields),
        }
    }
}

impl std::ops::Deref for RecordForm {
    type Target = Form;
    fn deref(&self) -> &Form {
        &self.form
    }
}

impl std::ops::DerefMut for RecordForm {
    fn deref_mut(&mut self) -> &mut Form {
        &mut self.form
    }
}

// The risk form's.
pub const TITLE: &str = "Risk";
pub const LIKELIHOOD: &str = "Likelihood";
pub const IMPACT: &str = "Impact";
pub const OWNER: &str = "Owner";
pub const REVIEW_BY: &str = "Review by";
pub const DESCRIPTION: &str = "Description";
pub const PROTECTED_BY: &str = "Protected by items";
pub const RISK_SUPPLIERS: &str = "Suppliers";

/// The supplier form: its field table's inputs, in their places, holding `s`.
pub(super) fn supplier_form(id: Option<String>, s: &Supplier) -> RecordForm {
    let fields = form_inputs(SUPPLIER_FIELDS)
        .into_iter()
        .map(|input| field(input.label, input.input, &(input.text)(s)))
        .collect();
    RecordForm::new(FormFor::Supplier(id), fields)
}

pub(super) fn risk_form(id: Option<String>, r: Option<&Risk>, s: &Session) -> RecordForm {
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
pub(super) fn short_item(s: &Session, key: &ItemRef) -> String {
    match crate::workspace::find_item(&s.checklists, &key.item) {
        Ok((found, _)) if found == *key => key.item.clone(),
        _ => key.to_string(),
    }
}

/// The items typed in `text` (ids, commas between), each found as `carecheck answer` finds one.
pub(super) fn parse_items(s: &Session, text: &str) -> Result<Vec<ItemRef>, String> {
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
pub(super) fn parse_suppliers(s: &Session, text: &str) -> Result<Vec<String>, String> {
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

pub(super) fn clean_one(text: &str) -> String {
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
pub(super) fn typed_date(label: &str, text: &str) -> Result<Option<Date>, String> {
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
        critical: Some(form.value(CRITICAL) == "yes"),
        // The inputs the table sets from their text, as typed.
        set: SUPPLIER_FIELDS
            .iter()
            .flat_map(|f| {
                f.form
                    .iter()
                    .filter(|input| input.by_table)
                    .map(|input| (f.key, form.value(input.label)))
            })
            .collect(),
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

/// Keeps only the text set through the table that was changed on the form. A field opens
/// holding its stored text made safe to show on one line, so a field left alone must not
/// overwrite what is stored (a note written with line breaks on the command line keeps them).
pub(super) fn keep_changed(edit: &mut SupplierEdit, base: &Supplier) {
    edit.set.retain(|(key, typed)| {
        crate::domain::fields::by_key(SUPPLIER_FIELDS, key).is_none_or(|f| {
            f.form.iter().all(|input| {
                super::input::LineInput::with(&(input.text)(base))
                    .text()
                    .trim()
                    != typed
            })
        })
    });
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
pub(super) fn refused_field(e: &EditRefused, supplier: bool) -> &'static str {
    match e {
        EditRefused::DsptIncomplete => DSPT,
        EditRefused::CertificateIncomplete | EditRefused::NumberWithoutCertificate => CERT_EXPIRES,
        EditRefused::ReviewedInFuture(_) => REVIEWED,
        EditRefused::DatedButNotInPlace(registers::AgreementKind::Contract) => CONTRACT,
        EditRefused::DatedButNotInPlace(registers::AgreementKind::Dpa) => DPA,
        EditRefused::Score(_) => LIKELIHOOD,
        EditRefused::Invalid(key, _) => crate::domain::fields::by_key(SUPPLIER_FIELDS, key)
            .and_then(|f| f.form.first())
            .map_or(NAME, |input| input.label),
        _ if supplier => NAME,
        _ => TITLE,
    }
}
