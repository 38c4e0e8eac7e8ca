//! The supplier register and the risk register: what a provider depends on, and what could go
//! wrong. Both live inside the assessment, so they are saved, journalled, locked and bundled
//! exactly like answers; a site sees its head office's records as well as its own.
//!
//! Only facts are entered here. What follows from them — a risk's mitigation from the answers
//! to its mitigating items, which critical services rest on one supplier, what is about to
//! expire — is computed in [`crate::registers`], never entered twice.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::assessment::Evidence;
use super::checklist::ItemRef;
use super::date::Date;
pub use super::supplier::{
    Agreement, Certificate, CertificateKind, DataLocation, DsptStatus, SUPPLIER_FIELDS,
    ServiceKind, Supplier,
};

/// What a provider has recorded. Empty for assessments made before registers existed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Registers {
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub suppliers: BTreeMap<String, Supplier>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub risks: BTreeMap<String, Risk>,
}

impl Registers {
    pub fn is_empty(&self) -> bool {
        self.suppliers.is_empty() && self.risks.is_empty()
    }

    /// Applies one recorded change.
    pub fn apply(&mut self, change: &RegisterChange) {
        match change {
            RegisterChange::Supplier { id, supplier } => match supplier {
                Some(s) => {
                    self.suppliers.insert(id.clone(), s.clone());
                }
                None => {
                    self.suppliers.remove(id);
                }
            },
            RegisterChange::Risk { id, risk } => match risk {
                Some(r) => {
                    self.risks.insert(id.clone(), r.clone());
                }
                None => {
                    self.risks.remove(id);
                }
            },
        }
    }

    /// Clears every free-text note, for a bundle shared outside the organisation.
    pub fn clear_notes(&mut self) {
        self.suppliers.values_mut().for_each(|s| s.notes.clear());
        self.risks.values_mut().for_each(|r| r.notes.clear());
    }
}

/// One change to a register: a whole record set, or removed (`None`), like answers, so that
/// replaying the journal needs no history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "register", rename_all = "kebab-case", deny_unknown_fields)]
pub enum RegisterChange {
    Supplier {
        id: String,
        supplier: Option<Supplier>,
    },
    Risk {
        id: String,
        risk: Option<Risk>,
    },
}

impl RegisterChange {
    /// The same change with its notes cleared (for `bundle --no-notes`).
    pub fn clear_notes(&mut self) {
        match self {
            RegisterChange::Supplier {
                supplier: Some(s), ..
            } => s.notes.clear(),
            RegisterChange::Risk { risk: Some(r), .. } => r.notes.clear(),
            _ => {}
        }
    }
}

/// The id a name gets: lower case letters and digits joined by `-` ("Acme Care Records Ltd" →
/// `acme-care-records-ltd`). Empty when the name has no letters or digits.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// One risk, scored before any controls (inherent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Risk {
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// 1 rare .. 5 almost certain, over a year.
    pub likelihood: u8,
    /// 1 negligible .. 5 severe.
    pub impact: u8,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_by: Option<Date>,
    /// Checklist items whose answers protect against it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mitigated_by: Vec<ItemRef>,
    /// Suppliers (by id) whose controls protect against it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suppliers: Vec<String>,
    /// The bundled starter risk it began from, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starter: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
}

/// Likelihood and impact are whole numbers from 1 to 5.
pub fn parse_score(text: &str) -> Result<u8, String> {
    match text.trim().parse::<u8>() {
        Ok(n) if (1..=5).contains(&n) => Ok(n),
        _ => Err(format!(
            "`{text}` is not a score; use a whole number from 1 to 5"
        )),
    }
}

/// A risk from carecheck's bundled starter set, with suggested scores.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StarterRisk {
    pub id: String,
    pub title: String,
    pub description: String,
    pub likelihood: u8,
    pub impact: u8,
    /// Why these scores were suggested.
    pub rationale: String,
    pub mitigated_by: Vec<ItemRef>,
}

impl StarterRisk {
    /// The risk as recorded when a provider adopts it; `review_by` is a year on.
    pub fn adopt(&self, today: Date) -> Risk {
        Risk {
            title: self.title.clone(),
            description: self.description.clone(),
            likelihood: self.likelihood,
            impact: self.impact,
            owner: String::new(),
            review_by: Some(today.add_months(12)),
            mitigated_by: self.mitigated_by.clone(),
            suppliers: Vec::new(),
            starter: Some(self.id.clone()),
            notes: String::new(),
        }
    }
}

/// A question a manager asks each supplier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SupplierQuestion {
    pub id: String,
    pub title: String,
    pub question: String,
    pub why: String,
    pub good_answer: String,
    /// The checklist items the answer is evidence for.
    pub supports: Vec<ItemRef>,
}

/// A supplier field that an edit can remove before setting new values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SupplierField {
    Provides,
    DataLocation,
    Contract,
    Dpa,
    /// The contract's end, renewal and notice dates, all three.
    ContractDates,
    Dspt,
    CyberEssentials,
    Certifications,
    BreachHours,
    Reviewed,
    Evidence,
    Answers,
}

/// Which agreement an edit is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgreementKind {
    Contract,
    Dpa,
}

/// A change to a supplier's facts, from any front end (the CLI's flags, the TUI's form): each
/// field left `None` (or empty) stays as it was; the fields in `clear` are removed first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SupplierEdit {
    pub name: Option<String>,
    pub clear: Vec<SupplierField>,
    /// Replaces the list when not empty.
    pub provides: Vec<ServiceKind>,
    pub personal_data: Option<String>,
    pub critical: Option<bool>,
    pub data_location: Option<DataLocation>,
    pub contract: Option<bool>,
    pub contract_date: Option<Date>,
    pub dpa: Option<bool>,
    pub dpa_date: Option<Date>,
    pub contract_ends: Option<Date>,
    pub renews: Option<Date>,
    pub notice_by: Option<Date>,
    pub dspt_level: Option<String>,
    pub dspt_date: Option<Date>,
    pub ce: Option<CertificateKind>,
    pub ce_number: Option<String>,
    pub ce_expires: Option<Date>,
    /// Added to the list.
    pub certifications: Vec<String>,
    pub breach_hours: Option<u32>,
    pub support: Option<String>,
    pub reviewed: Option<Date>,
    /// Named documents added as evidence.
    pub documents: Vec<String>,
    pub notes: Option<String>,
    /// Fields set from typed text through their row of [`SUPPLIER_FIELDS`], by key.
    pub set: Vec<(&'static str, String)>,
}

/// Why an edit to a register was refused (nothing is saved then). Each front end words it
/// in its own terms (a flag, a form field).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditRefused {
    /// A name, title or other required text was blank.
    Blank(&'static str),
    /// The name has no letter or digit to make an id from.
    NoId,
    /// A record with this id is already in the register.
    Taken(String),
    /// An agreement said not to be in place was given a date.
    DatedButNotInPlace(AgreementKind),
    /// A DSPT status needs its level and its publication date.
    DsptIncomplete,
    /// A certificate needs its kind and its expiry date.
    CertificateIncomplete,
    /// A certificate number with no certificate recorded.
    NumberWithoutCertificate,
    ReviewedInFuture(Date),
    /// The last day to give notice is after the contract ends (the notice date, the end).
    NoticeAfterEnd(Date, Date),
    /// Likelihood and impact run from 1 to 5.
    Score(u8),
    /// A field set through its table row refused the text typed (its key, and why).
    Invalid(&'static str, String),
}

/// The id for a new record named `name`, unless it cannot make one or it is taken.
pub fn new_id(name: &str, taken: impl Fn(&str) -> bool) -> Result<String, EditRefused> {
    if name.trim().is_empty() {
        return Err(EditRefused::Blank("name"));
    }
    let id = slug(name);
    if id.is_empty() {
        return Err(EditRefused::NoId);
    }
    if taken(&id) {
        return Err(EditRefused::Taken(id));
    }
    Ok(id)
}

fn not_blank(what: &'static str, text: &str) -> Result<String, EditRefused> {
    let text = text.trim();
    if text.is_empty() {
        return Err(EditRefused::Blank(what));
    }
    Ok(text.to_owned())
}

/// `s` with `edit` made to it on `today`: one rule for the CLI and the TUI.
pub fn edit_supplier(
    mut s: Supplier,
    edit: &SupplierEdit,
    today: Date,
) -> Result<Supplier, EditRefused> {
    for field in &edit.clear {
        match field {
            SupplierField::Provides => s.provides.clear(),
            SupplierField::DataLocation => s.data_location = None,
            SupplierField::Contract => s.contract = None,
            SupplierField::Dpa => s.dpa = None,
            SupplierField::ContractDates => {
                (s.contract_ends, s.renews, s.notice_by) = (None, None, None);
            }
            SupplierField::Dspt => s.dspt = None,
            SupplierField::CyberEssentials => s.cyber_essentials = None,
            SupplierField::Certifications => s.other_certifications.clear(),
            SupplierField::BreachHours => s.breach_notice_hours = None,
            SupplierField::Reviewed => s.last_reviewed = None,
            SupplierField::Evidence => s.evidence.clear(),
            SupplierField::Answers => s.answers.clear(),
        }
    }
    if let Some(name) = &edit.name {
        s.name = not_blank("name", name)?;
    }
    let text = |value: &Option<String>, field: &mut String| {
        if let Some(value) = value {
            *field = value.trim().to_owned();
        }
    };
    if !edit.provides.is_empty() {
        let mut kinds = edit.provides.clone();
        kinds.sort();
        kinds.dedup();
        s.provides = kinds;
    }
    text(&edit.personal_data, &mut s.personal_data);
    text(&edit.support, &mut s.support_contact);
    text(&edit.notes, &mut s.notes);
    if let Some(critical) = edit.critical {
        s.critical = critical;
    }
    if let Some(location) = edit.data_location {
        s.data_location = Some(location);
    }
    s.contract = agreement(
        s.contract,
        edit.contract,
        edit.contract_date,
        AgreementKind::Contract,
    )?;
    s.dpa = agreement(s.dpa, edit.dpa, edit.dpa_date, AgreementKind::Dpa)?;
    s.contract_ends = edit.contract_ends.or(s.contract_ends);
    s.renews = edit.renews.or(s.renews);
    s.notice_by = edit.notice_by.or(s.notice_by);
    if let (Some(notice), Some(ends)) = (s.notice_by, s.contract_ends)
        && notice > ends
    {
        return Err(EditRefused::NoticeAfterEnd(notice, ends));
    }
    match (&edit.dspt_level, edit.dspt_date, &mut s.dspt) {
        (None, None, _) => {}
        (Some(level), None, Some(dspt)) => dspt.level = not_blank("DSPT level", level)?,
        (Some(level), Some(published), dspt) => {
            *dspt = Some(DsptStatus {
                level: not_blank("DSPT level", level)?,
                published,
            });
        }
        (None, Some(published), Some(dspt)) => dspt.published = published,
        (Some(_), None, None) | (None, Some(_), None) => return Err(EditRefused::DsptIncomplete),
    }
    match (edit.ce, edit.ce_expires, &mut s.cyber_essentials) {
        (kind, expires, Some(cert)) => {
            if let Some(kind) = kind {
                cert.kind = kind;
            }
            if let Some(expires) = expires {
                cert.expires = expires;
            }
        }
        (Some(kind), Some(expires), cert @ None) => {
            *cert = Some(Certificate {
                kind,
                number: String::new(),
                expires,
            });
        }
        (None, None, None) => {}
        _ => return Err(EditRefused::CertificateIncomplete),
    }
    if let Some(number) = &edit.ce_number {
        match &mut s.cyber_essentials {
            Some(cert) => cert.number = number.trim().to_owned(),
            None => return Err(EditRefused::NumberWithoutCertificate),
        }
    }
    for c in &edit.certifications {
        let c = not_blank("certification", c)?;
        if !s.other_certifications.contains(&c) {
            s.other_certifications.push(c);
        }
    }
    if let Some(hours) = edit.breach_hours {
        s.breach_notice_hours = Some(hours);
    }
    if let Some(reviewed) = edit.reviewed {
        if reviewed > today {
            return Err(EditRefused::ReviewedInFuture(reviewed));
        }
        s.last_reviewed = Some(reviewed);
    }
    for name in &edit.documents {
        s.evidence.push(Evidence {
            source: super::assessment::EvidenceSource::Document {
                name: not_blank("document", name)?,
            },
            dated: None,
            review_by: None,
        });
    }
    for (key, typed) in &edit.set {
        if let Some(set) = super::fields::by_key(SUPPLIER_FIELDS, key).and_then(|f| f.set) {
            set(&mut s, typed).map_err(|why| EditRefused::Invalid(key, why))?;
        }
    }
    Ok(s)
}

fn agreement(
    was: Option<Agreement>,
    in_place: Option<bool>,
    dated: Option<Date>,
    kind: AgreementKind,
) -> Result<Option<Agreement>, EditRefused> {
    Ok(match (in_place, dated) {
        (None, None) => was,
        (Some(false), Some(_)) => return Err(EditRefused::DatedButNotInPlace(kind)),
        (Some(false), None) => Some(Agreement {
            in_place: false,
            dated: None,
        }),
        (_, dated) => Some(Agreement {
            in_place: true,
            dated: dated.or(was.and_then(|a| a.dated)),
        }),
    })
}

/// A change to a risk's own facts (its mitigating items and suppliers are resolved against
/// the assessment by the front end); `None` leaves a field as it was.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RiskEdit {
    pub title: Option<String>,
    pub description: Option<String>,
    pub likelihood: Option<u8>,
    pub impact: Option<u8>,
    pub owner: Option<String>,
    /// `Some(None)` removes the review date.
    pub review_by: Option<Option<Date>>,
    pub notes: Option<String>,
}

/// `r` with `edit` made to it: one rule for the CLI and the TUI.
pub fn edit_risk(mut r: Risk, edit: &RiskEdit) -> Result<Risk, EditRefused> {
    if let Some(title) = &edit.title {
        r.title = not_blank("title", title)?;
    }
    for (given, field) in [
        (edit.likelihood, &mut r.likelihood),
        (edit.impact, &mut r.impact),
    ] {
        if let Some(score) = given {
            if !(1..=5).contains(&score) {
                return Err(EditRefused::Score(score));
            }
            *field = score;
        }
    }
    let text = |value: &Option<String>, field: &mut String| {
        if let Some(value) = value {
            *field = value.trim().to_owned();
        }
    };
    text(&edit.description, &mut r.description);
    text(&edit.owner, &mut r.owner);
    text(&edit.notes, &mut r.notes);
    if let Some(review_by) = edit.review_by {
        r.review_by = review_by;
    }
    Ok(r)
}

/// A new risk titled `title` with its scores and nothing else yet.
pub fn new_risk(title: &str, likelihood: u8, impact: u8) -> Result<Risk, EditRefused> {
    let blank = Risk {
        title: String::new(),
        description: String::new(),
        likelihood: 1,
        impact: 1,
        owner: String::new(),
        review_by: None,
        mitigated_by: Vec::new(),
        suppliers: Vec::new(),
        starter: None,
        notes: String::new(),
    };
    edit_risk(
        blank,
        &RiskEdit {
            title: Some(title.to_owned()),
            likelihood: Some(likelihood),
            impact: Some(impact),
            ..RiskEdit::default()
        },
    )
}

/// The starter risks not yet recorded (by id), adopted on `today`, as changes to save.
pub fn adopt_starters(
    starter: &[StarterRisk],
    known: impl Fn(&str) -> bool,
    today: Date,
) -> Vec<RegisterChange> {
    starter
        .iter()
        .filter(|s| !known(&s.id))
        .map(|s| RegisterChange::Risk {
            id: s.id.clone(),
            risk: Some(s.adopt(today)),
        })
        .collect()
}

/// The event that records `change`, as every front end saves it.
pub fn event(change: RegisterChange) -> super::assessment::Event {
    super::assessment::Event::Register {
        change: Box::new(change),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ids() {
        assert_eq!(slug("Acme Care Records Ltd."), "acme-care-records-ltd");
        assert_eq!(slug("  !!  "), "");
        assert!(crate::domain::checklist::is_item_id(&slug(
            "BT / Openreach"
        )));
    }

    #[test]
    fn changes_set_and_remove_whole_records() {
        let mut registers = Registers::default();
        let change = RegisterChange::Supplier {
            id: "acme".into(),
            supplier: Some(Supplier::named("Acme")),
        };
        registers.apply(&change);
        assert_eq!(registers.suppliers["acme"].name, "Acme");
        registers.apply(&RegisterChange::Supplier {
            id: "acme".into(),
            supplier: None,
        });
        assert!(registers.is_empty());
    }

    #[test]
    fn keywords_and_scores_parse() {
        for kind in ServiceKind::ALL {
            assert_eq!(kind.keyword().parse::<ServiceKind>(), Ok(kind));
        }
        assert!("plumbing".parse::<ServiceKind>().is_err());
        assert_eq!(parse_score("5"), Ok(5));
        assert!(parse_score("0").is_err());
        assert!(parse_score("6").is_err());
        assert!(parse_score("high").is_err());
    }

    fn day(text: &str) -> Date {
        Date::parse(text).expect("date")
    }

    #[test]
    fn one_rule_for_supplier_edits() {
        let today = day("2026-11-28");
        let edit = |e: SupplierEdit| edit_supplier(Supplier::named("Acme"), &e, today);
        let s = edit(SupplierEdit {
            contract_date: Some(day("2025-04-01")),
            ce: Some(CertificateKind::CyberEssentials),
            ce_expires: Some(day("2027-01-10")),
            ce_number: Some(" CE-1 ".into()),
            provides: vec![
                ServiceKind::Emar,
                ServiceKind::CareRecords,
                ServiceKind::Emar,
            ],
            ..SupplierEdit::default()
        })
        .expect("valid");
        assert_eq!(
            s.contract,
            Some(Agreement {
                in_place: true,
                dated: Some(day("2025-04-01"))
            }),
            "a date means in place"
        );
        assert_eq!(s.provides, [ServiceKind::CareRecords, ServiceKind::Emar]);
        assert_eq!(
            s.cyber_essentials.as_ref().map(|c| c.number.as_str()),
            Some("CE-1")
        );
        // Cleared first, then set: the form's whole state replaces the record's.
        let cleared = edit_supplier(
            s,
            &SupplierEdit {
                clear: vec![SupplierField::Contract, SupplierField::CyberEssentials],
                contract: Some(true),
                ..SupplierEdit::default()
            },
            today,
        )
        .expect("valid");
        assert_eq!(
            cleared.contract,
            Some(Agreement {
                in_place: true,
                dated: None
            })
        );
        assert!(cleared.cyber_essentials.is_none());
        for (e, refused) in [
            (
                SupplierEdit {
                    contract: Some(false),
                    contract_date: Some(today),
                    ..SupplierEdit::default()
                },
                EditRefused::DatedButNotInPlace(AgreementKind::Contract),
            ),
            (
                SupplierEdit {
                    ce_expires: Some(today),
                    ..SupplierEdit::default()
                },
                EditRefused::CertificateIncomplete,
            ),
            (
                SupplierEdit {
                    ce_number: Some("1".into()),
                    ..SupplierEdit::default()
                },
                EditRefused::NumberWithoutCertificate,
            ),
            (
                SupplierEdit {
                    dspt_level: Some("Standards Met".into()),
                    ..SupplierEdit::default()
                },
                EditRefused::DsptIncomplete,
            ),
            (
                SupplierEdit {
                    reviewed: Some(day("2026-11-29")),
                    ..SupplierEdit::default()
                },
                EditRefused::ReviewedInFuture(day("2026-11-29")),
            ),
            (
                SupplierEdit {
                    name: Some("  ".into()),
                    ..SupplierEdit::default()
                },
                EditRefused::Blank("name"),
            ),
        ] {
            assert_eq!(edit(e), Err(refused));
        }
    }

    #[test]
    fn ids_scores_and_starters() {
        assert_eq!(new_id("Acme Ltd", |_| false), Ok("acme-ltd".into()));
        assert_eq!(new_id("!!", |_| false), Err(EditRefused::NoId));
        assert_eq!(
            new_id("Acme Ltd", |id| id == "acme-ltd"),
            Err(EditRefused::Taken("acme-ltd".into()))
        );
        assert_eq!(new_risk("Ransomware", 6, 3), Err(EditRefused::Score(6)));
        let r = new_risk("Ransomware", 3, 5).expect("valid");
        assert_eq!((r.likelihood, r.impact), (3, 5));
        let r = edit_risk(
            r,
            &RiskEdit {
                owner: Some(" Sam ".into()),
                review_by: Some(None),
                ..RiskEdit::default()
            },
        )
        .expect("valid");
        assert_eq!(r.owner, "Sam");
        let starter = StarterRisk {
            id: "phishing".into(),
            title: "Phishing".into(),
            description: String::new(),
            likelihood: 4,
            impact: 4,
            rationale: String::new(),
            mitigated_by: Vec::new(),
        };
        let today = day("2026-11-28");
        assert_eq!(
            adopt_starters(std::slice::from_ref(&starter), |_| false, today).len(),
            1
        );
        assert!(adopt_starters(&[starter], |id| id == "phishing", today).is_empty());
    }
}
