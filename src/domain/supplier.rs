//! A supplier: what a provider records about one technology supplier, and the one table of
//! its fields ([`SUPPLIER_FIELDS`]) that `supplier show`, the TUI's form and record in full,
//! the CSV and the printed register all read. A new field is a field of [`Supplier`], its
//! place in [`Supplier::named`], and one row of the table.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::assessment::Evidence;
use super::date::Date;
use super::fields::{Column, Field, Flag, FormInput, Input, Paper, dash, text};
/// What a technology supplier provides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ServiceKind {
    CareRecords,
    Emar,
    Rostering,
    ItSupport,
    Email,
    PhonesInternet,
    Cctv,
    Payroll,
    Other,
}

impl ServiceKind {
    pub const ALL: [ServiceKind; 9] = [
        ServiceKind::CareRecords,
        ServiceKind::Emar,
        ServiceKind::Rostering,
        ServiceKind::ItSupport,
        ServiceKind::Email,
        ServiceKind::PhonesInternet,
        ServiceKind::Cctv,
        ServiceKind::Payroll,
        ServiceKind::Other,
    ];

    pub fn keyword(self) -> &'static str {
        match self {
            ServiceKind::CareRecords => "care-records",
            ServiceKind::Emar => "emar",
            ServiceKind::Rostering => "rostering",
            ServiceKind::ItSupport => "it-support",
            ServiceKind::Email => "email",
            ServiceKind::PhonesInternet => "phones-internet",
            ServiceKind::Cctv => "cctv",
            ServiceKind::Payroll => "payroll",
            ServiceKind::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ServiceKind::CareRecords => "Digital care records",
            ServiceKind::Emar => "eMAR (medicines)",
            ServiceKind::Rostering => "Rostering",
            ServiceKind::ItSupport => "IT support",
            ServiceKind::Email => "Email",
            ServiceKind::PhonesInternet => "Phones and internet",
            ServiceKind::Cctv => "CCTV",
            ServiceKind::Payroll => "Payroll",
            ServiceKind::Other => "Other",
        }
    }
}

impl fmt::Display for ServiceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl FromStr for ServiceKind {
    type Err = String;
    fn from_str(text: &str) -> Result<ServiceKind, String> {
        let wanted = text.trim().to_ascii_lowercase();
        ServiceKind::ALL
            .into_iter()
            .find(|k| k.keyword() == wanted)
            .ok_or_else(|| {
                let all: Vec<&str> = ServiceKind::ALL.iter().map(|k| k.keyword()).collect();
                format!("`{text}` is not a service; use one of: {}", all.join(", "))
            })
    }
}

/// Where a supplier holds the provider's data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DataLocation {
    Uk,
    Eea,
    Elsewhere,
}

impl DataLocation {
    pub fn label(self) -> &'static str {
        match self {
            DataLocation::Uk => "UK",
            DataLocation::Eea => "EEA",
            DataLocation::Elsewhere => "Outside the UK and EEA",
        }
    }
}

impl FromStr for DataLocation {
    type Err = String;
    fn from_str(text: &str) -> Result<DataLocation, String> {
        match text.trim().to_ascii_lowercase().as_str() {
            "uk" => Ok(DataLocation::Uk),
            "eea" | "eu" => Ok(DataLocation::Eea),
            "elsewhere" | "other" => Ok(DataLocation::Elsewhere),
            _ => Err(format!(
                "`{text}` is not a data location; use uk, eea or elsewhere"
            )),
        }
    }
}

/// A contract or data-processing agreement: whether it is in place, and its date if known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agreement {
    pub in_place: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dated: Option<Date>,
}

/// A supplier's published DSPT assessment. A publication lasts a year, so it falls due
/// twelve months after the date published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DsptStatus {
    /// The standard reached, in the DSPT's words ("Standards Met", "Standards Exceeded").
    pub level: String,
    pub published: Date,
}

impl DsptStatus {
    pub fn expires(&self) -> Date {
        self.published.add_months(12)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CertificateKind {
    CyberEssentials,
    CyberEssentialsPlus,
}

impl CertificateKind {
    pub fn label(self) -> &'static str {
        match self {
            CertificateKind::CyberEssentials => "Cyber Essentials",
            CertificateKind::CyberEssentialsPlus => "Cyber Essentials Plus",
        }
    }
}

impl FromStr for CertificateKind {
    type Err = String;
    fn from_str(text: &str) -> Result<CertificateKind, String> {
        match text.trim().to_ascii_lowercase().as_str() {
            "ce" | "cyber-essentials" => Ok(CertificateKind::CyberEssentials),
            "ce-plus" | "plus" | "cyber-essentials-plus" => {
                Ok(CertificateKind::CyberEssentialsPlus)
            }
            _ => Err(format!(
                "`{text}` is not a certificate kind; use ce or ce-plus"
            )),
        }
    }
}

/// A Cyber Essentials (or Plus) certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Certificate {
    pub kind: CertificateKind,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub number: String,
    pub expires: Date,
}

/// One technology supplier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Supplier {
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub provides: Vec<ServiceKind>,
    /// Which personal data it handles, in the provider's words.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub personal_data: String,
    /// Care cannot run safely for long without it.
    #[serde(default)]
    pub critical: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_location: Option<DataLocation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract: Option<Agreement>,
    /// The data-processing agreement (UK GDPR Article 28 terms).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dpa: Option<Agreement>,
    /// The day the contract ends, where it has a fixed end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract_ends: Option<Date>,
    /// The day the contract renews (often by itself, unless notice is given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renews: Option<Date>,
    /// The last day to give notice to end or change the contract: reminders come before it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice_by: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dspt: Option<DsptStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cyber_essentials: Option<Certificate>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_certifications: Vec<String>,
    /// How many hours after finding a breach the supplier promises to tell the provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub breach_notice_hours: Option<u32>,
    /// Who to ring in an outage.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub support_contact: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_reviewed: Option<Date>,
    /// Files (hashed like answers' evidence) and named documents.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
    /// The supplier's answers to carecheck's questions, by question id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub answers: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
}

impl Supplier {
    pub fn named(name: &str) -> Supplier {
        Supplier {
            name: name.to_owned(),
            provides: Vec::new(),
            personal_data: String::new(),
            critical: false,
            data_location: None,
            contract: None,
            dpa: None,
            contract_ends: None,
            renews: None,
            notice_by: None,
            dspt: None,
            cyber_essentials: None,
            other_certifications: Vec::new(),
            breach_notice_hours: None,
            support_contact: String::new(),
            last_reviewed: None,
            evidence: Vec::new(),
            answers: BTreeMap::new(),
            notes: String::new(),
        }
    }
}

/// An agreement as words ("in place, dated 01/04/2025").
pub fn agreement_words(agreement: Option<Agreement>) -> String {
    match agreement {
        None => "not recorded".into(),
        Some(Agreement {
            in_place: false, ..
        }) => "not in place".into(),
        Some(Agreement {
            in_place: true,
            dated: Some(d),
        }) => format!("in place, dated {}", d.uk()),
        Some(Agreement {
            in_place: true,
            dated: None,
        }) => "in place (no date recorded)".into(),
    }
}

/// An agreement in a printed table's narrow cell: just its date when it has one, otherwise
/// the same words as everywhere else.
fn agreement_on_paper(a: Option<Agreement>) -> String {
    match a {
        Some(Agreement {
            in_place: true,
            dated: Some(d),
        }) => d.uk(),
        other => agreement_words(other),
    }
}

/// An agreement as the form shows it: its date, `yes`, `no`, or empty for not recorded.
fn agreement_typed(a: Option<Agreement>) -> String {
    match a {
        None => String::new(),
        Some(Agreement {
            in_place: false, ..
        }) => "no".into(),
        Some(Agreement { dated: Some(d), .. }) => d.uk(),
        Some(_) => "yes".into(),
    }
}

/// What a supplier provides, as labels ("-" for nothing recorded).
pub fn services_words(s: &Supplier) -> String {
    if s.provides.is_empty() {
        return "-".into();
    }
    let labels: Vec<&str> = s.provides.iter().map(|k| k.label()).collect();
    labels.join(", ")
}

// The form's labels, which its refusals name.
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
pub const NOTES: &str = "Notes";

pub const YES_NO: &[&str] = &["no", "yes"];
pub const LOCATIONS: &[&str] = &["not recorded", "UK", "EEA", "elsewhere"];
pub const CERTIFICATES: &[&str] = &["none", "Cyber Essentials", "Cyber Essentials Plus"];

fn uk(d: Option<Date>) -> String {
    d.map(Date::uk).unwrap_or_default()
}
fn iso(d: Option<Date>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}
fn yes_no(value: bool) -> String {
    if value { "yes" } else { "no" }.to_owned()
}
fn nothing(_: &Supplier) -> Vec<(&'static str, String)> {
    Vec::new()
}

const NOT_ON_PAPER: &str =
    "the printed table keeps to what a reader compares across suppliers; show and the CSV have it";

/// Every field of a supplier, in the order `show` and the CSV list them: what `show`, the
/// TUI, the CSV and the printed register do with each.
pub static SUPPLIER_FIELDS: &[Field<Supplier>] = &[
    Field {
        key: "name",
        facts: nothing, // the heading of every door's record
        columns: &[Column {
            header: "supplier",
            value: |s| s.name.clone(),
        }],
        form: &[FormInput {
            label: NAME,
            input: Input::Text,
            place: 0,
            text: |s| s.name.clone(),
            by_table: false,
        }],
        paper: Paper::Cell {
            header: "Supplier",
            width: 2.0,
            body: true,
            lines: |s| vec![s.name.clone()],
        },
        flag: Flag::Own(&["rename"]),
        set: None,
    },
    Field {
        key: "provides",
        facts: |s| vec![("Provides", services_words(s))],
        columns: &[Column {
            header: "provides",
            value: |s| {
                if s.provides.is_empty() {
                    String::new()
                } else {
                    services_words(s)
                }
            },
        }],
        form: &[FormInput {
            label: PROVIDES,
            input: Input::Services,
            place: 1,
            text: |s| {
                let labels: Vec<&str> = s.provides.iter().map(|k| k.label()).collect();
                labels.join(", ")
            },
            by_table: false,
        }],
        paper: Paper::Cell {
            header: "Provides",
            width: 2.0,
            body: false,
            lines: |s| {
                let labels: Vec<&str> = s.provides.iter().map(|k| k.label()).collect();
                vec![labels.join(", ")]
            },
        },
        flag: Flag::Own(&["provides"]),
        set: None,
    },
    Field {
        key: "critical",
        facts: |s| {
            vec![(
                "Critical to care",
                if s.critical { "yes" } else { "no" }.into(),
            )]
        },
        columns: &[Column {
            header: "critical",
            value: |s| yes_no(s.critical),
        }],
        form: &[FormInput {
            label: CRITICAL,
            input: Input::Choice(YES_NO),
            place: 2,
            text: |s| yes_no(s.critical),
            by_table: false,
        }],
        paper: Paper::Cell {
            header: "Critical",
            width: 0.9,
            body: true,
            lines: |s| vec![if s.critical { "Yes" } else { "No" }.into()],
        },
        flag: Flag::Own(&["critical"]),
        set: None,
    },
    Field {
        key: "personal_data",
        facts: |s| vec![("Personal data", dash(&s.personal_data))],
        columns: &[Column {
            header: "personal_data",
            value: |s| s.personal_data.clone(),
        }],
        form: &[FormInput {
            label: PERSONAL,
            input: Input::Text,
            place: 13,
            text: |s| s.personal_data.clone(),
            by_table: true,
        }],
        paper: Paper::Omitted(NOT_ON_PAPER),
        flag: Flag::Own(&["personal-data"]),
        set: Some(|s, typed| {
            s.personal_data = text(typed);
            Ok(())
        }),
    },
    Field {
        key: "data_location",
        facts: |s| {
            vec![(
                "Data held",
                s.data_location.map_or("-".into(), |l| l.label().to_owned()),
            )]
        },
        columns: &[Column {
            header: "data_held",
            value: |s| {
                s.data_location
                    .map(|l| l.label().to_owned())
                    .unwrap_or_default()
            },
        }],
        form: &[FormInput {
            label: LOCATION,
            input: Input::Choice(LOCATIONS),
            place: 3,
            text: |s| {
                match s.data_location {
                    None => LOCATIONS[0],
                    Some(DataLocation::Uk) => LOCATIONS[1],
                    Some(DataLocation::Eea) => LOCATIONS[2],
                    Some(DataLocation::Elsewhere) => LOCATIONS[3],
                }
                .to_owned()
            },
            by_table: false,
        }],
        paper: Paper::Cell {
            header: "Data held",
            width: 1.1,
            body: false,
            lines: |s| vec![s.data_location.map_or("-", |l| l.label()).to_owned()],
        },
        flag: Flag::Own(&["data-location"]),
        set: None,
    },
    Field {
        key: "contract",
        facts: |s| vec![("Contract", agreement_words(s.contract))],
        columns: &[Column {
            header: "contract",
            value: |s| agreement_words(s.contract),
        }],
        form: &[FormInput {
            label: CONTRACT,
            input: Input::Agreement,
            place: 4,
            text: |s| agreement_typed(s.contract),
            by_table: false,
        }],
        paper: Paper::Cell {
            header: "Contract",
            width: 1.8,
            body: false,
            lines: |s| {
                [
                    Some(agreement_on_paper(s.contract)),
                    s.contract_ends.map(|d| format!("Ends {}", d.uk())),
                    s.renews.map(|d| format!("Renews {}", d.uk())),
                    s.notice_by.map(|d| format!("Notice by {}", d.uk())),
                    Some(format!("DPA: {}", agreement_on_paper(s.dpa))),
                ]
                .into_iter()
                .flatten()
                .collect()
            },
        },
        flag: Flag::Own(&["contract", "contract-date"]),
        set: None,
    },
    Field {
        key: "dpa",
        facts: |s| vec![("Data-processing agreement", agreement_words(s.dpa))],
        columns: &[Column {
            header: "data_processing_agreement",
            value: |s| agreement_words(s.dpa),
        }],
        form: &[FormInput {
            label: DPA,
            input: Input::Agreement,
            place: 5,
            text: |s| agreement_typed(s.dpa),
            by_table: false,
        }],
        paper: Paper::Within("contract"),
        flag: Flag::Own(&["dpa", "dpa-date"]),
        set: None,
    },
    Field {
        key: "contract_ends",
        // The contract's dates, after its agreements, once any is recorded (most small
        // suppliers' terms have none worth a reminder): all three lines come from here.
        facts: |s| {
            if s.contract_ends.is_none() && s.renews.is_none() && s.notice_by.is_none() {
                return Vec::new();
            }
            let day = |d: Option<Date>| d.map_or("-".into(), Date::uk);
            vec![
                ("Contract ends", day(s.contract_ends)),
                ("Contract renews", day(s.renews)),
                ("Give notice by", day(s.notice_by)),
            ]
        },
        columns: &[Column {
            header: "contract_ends",
            value: |s| iso(s.contract_ends),
        }],
        form: &[],
        paper: Paper::Within("contract"),
        flag: Flag::Own(&["contract-ends"]),
        set: None,
    },
    Field {
        key: "renews",
        facts: nothing, // with the contract's end
        columns: &[Column {
            header: "contract_renews",
            value: |s| iso(s.renews),
        }],
        form: &[],
        paper: Paper::Within("contract"),
        flag: Flag::Own(&["renews"]),
        set: None,
    },
    Field {
        key: "notice_by",
        facts: nothing, // with the contract's end
        columns: &[Column {
            header: "notice_by",
            value: |s| iso(s.notice_by),
        }],
        form: &[],
        paper: Paper::Within("contract"),
        flag: Flag::Own(&["notice-by"]),
        set: None,
    },
    Field {
        key: "dspt",
        facts: |s| {
            vec![(
                "DSPT status",
                s.dspt.as_ref().map_or("-".into(), |d| {
                    format!(
                        "{}, published {} (renew by {})",
                        d.level,
                        d.published.uk(),
                        d.expires().uk()
                    )
                }),
            )]
        },
        columns: &[
            Column {
                header: "dspt_level",
                value: |s| s.dspt.as_ref().map(|d| d.level.clone()).unwrap_or_default(),
            },
            Column {
                header: "dspt_published",
                value: |s| iso(s.dspt.as_ref().map(|d| d.published)),
            },
            Column {
                header: "dspt_renew_by",
                value: |s| iso(s.dspt.as_ref().map(DsptStatus::expires)),
            },
        ],
        form: &[
            FormInput {
                label: DSPT,
                input: Input::Text,
                place: 9,
                text: |s| s.dspt.as_ref().map(|d| d.level.clone()).unwrap_or_default(),
                by_table: false,
            },
            FormInput {
                label: DSPT_DATE,
                input: Input::Date,
                place: 10,
                text: |s| uk(s.dspt.as_ref().map(|d| d.published)),
                by_table: false,
            },
        ],
        paper: Paper::Cell {
            header: "Certificates",
            width: 2.2,
            body: false,
            lines: |s| {
                let lines: Vec<String> = [
                    s.dspt
                        .as_ref()
                        .map(|d| format!("DSPT {} {}", d.level, d.published.uk())),
                    s.cyber_essentials
                        .as_ref()
                        .map(|c| format!("{} to {}", c.kind.label(), c.expires.uk())),
                ]
                .into_iter()
                .flatten()
                .chain(s.other_certifications.iter().cloned())
                .collect();
                if lines.is_empty() {
                    vec!["-".into()]
                } else {
                    lines
                }
            },
        },
        flag: Flag::Own(&["dspt-level", "dspt-date"]),
        set: None,
    },
    Field {
        key: "cyber_essentials",
        facts: |s| {
            vec![(
                "Cyber Essentials",
                s.cyber_essentials.as_ref().map_or("-".into(), |c| {
                    let number = if c.number.is_empty() {
                        String::new()
                    } else {
                        format!(" no. {}", c.number)
                    };
                    format!("{}{number}, expires {}", c.kind.label(), c.expires.uk())
                }),
            )]
        },
        columns: &[
            Column {
                header: "certificate",
                value: |s| {
                    s.cyber_essentials
                        .as_ref()
                        .map(|c| c.kind.label().to_owned())
                        .unwrap_or_default()
                },
            },
            Column {
                header: "certificate_number",
                value: |s| {
                    s.cyber_essentials
                        .as_ref()
                        .map(|c| c.number.clone())
                        .unwrap_or_default()
                },
            },
            Column {
                header: "certificate_expires",
                value: |s| iso(s.cyber_essentials.as_ref().map(|c| c.expires)),
            },
        ],
        form: &[
            FormInput {
                label: CERTIFICATE,
                input: Input::Choice(CERTIFICATES),
                place: 6,
                text: |s| {
                    match s.cyber_essentials.as_ref().map(|c| c.kind) {
                        None => CERTIFICATES[0],
                        Some(CertificateKind::CyberEssentials) => CERTIFICATES[1],
                        Some(CertificateKind::CyberEssentialsPlus) => CERTIFICATES[2],
                    }
                    .to_owned()
                },
                by_table: false,
            },
            FormInput {
                label: CERT_NUMBER,
                input: Input::Text,
                place: 7,
                text: |s| {
                    s.cyber_essentials
                        .as_ref()
                        .map(|c| c.number.clone())
                        .unwrap_or_default()
                },
                by_table: false,
            },
            FormInput {
                label: CERT_EXPIRES,
                input: Input::Date,
                place: 8,
                text: |s| uk(s.cyber_essentials.as_ref().map(|c| c.expires)),
                by_table: false,
            },
        ],
        paper: Paper::Within("dspt"),
        flag: Flag::Own(&["ce", "ce-number", "ce-expires"]),
        set: None,
    },
    Field {
        key: "other_certifications",
        facts: |s| {
            vec![(
                "Other certifications",
                dash(&s.other_certifications.join(", ")),
            )]
        },
        columns: &[Column {
            header: "other_certifications",
            value: |s| s.other_certifications.join("; "),
        }],
        form: &[],
        paper: Paper::Within("dspt"),
        flag: Flag::Own(&["certification"]),
        set: None,
    },
    Field {
        key: "breach_notice_hours",
        facts: |s| {
            vec![(
                "Breach notice promised",
                s.breach_notice_hours
                    .map_or("-".into(), |h| format!("within {h} hours")),
            )]
        },
        columns: &[Column {
            header: "breach_notice_hours",
            value: |s| {
                s.breach_notice_hours
                    .map(|h| h.to_string())
                    .unwrap_or_default()
            },
        }],
        form: &[FormInput {
            label: BREACH,
            input: Input::Hours,
            place: 11,
            text: |s| {
                s.breach_notice_hours
                    .map(|h| h.to_string())
                    .unwrap_or_default()
            },
            by_table: false,
        }],
        paper: Paper::Cell {
            header: "Breach notice",
            width: 0.9,
            body: false,
            lines: |s| {
                vec![
                    s.breach_notice_hours
                        .map_or("-".into(), |h| format!("{h} h")),
                ]
            },
        },
        flag: Flag::Own(&["breach-hours"]),
        set: None,
    },
    Field {
        key: "support_contact",
        facts: |s| vec![("Support in an outage", dash(&s.support_contact))],
        columns: &[Column {
            header: "support_contact",
            value: |s| s.support_contact.clone(),
        }],
        form: &[FormInput {
            label: SUPPORT,
            input: Input::Text,
            place: 12,
            text: |s| s.support_contact.clone(),
            by_table: true,
        }],
        paper: Paper::Omitted(NOT_ON_PAPER),
        flag: Flag::Own(&["support"]),
        set: Some(|s, typed| {
            s.support_contact = text(typed);
            Ok(())
        }),
    },
    Field {
        key: "last_reviewed",
        facts: |s| {
            vec![(
                "Last reviewed",
                s.last_reviewed.map_or("never".into(), Date::uk),
            )]
        },
        columns: &[Column {
            header: "last_reviewed",
            value: |s| iso(s.last_reviewed),
        }],
        form: &[FormInput {
            label: REVIEWED,
            input: Input::Date,
            place: 14,
            text: |s| uk(s.last_reviewed),
            by_table: false,
        }],
        paper: Paper::Cell {
            header: "Reviewed",
            width: 1.3,
            body: false,
            lines: |s| vec![s.last_reviewed.map_or("never".into(), Date::uk)],
        },
        flag: Flag::Own(&["reviewed"]),
        set: None,
    },
    Field {
        key: "evidence",
        facts: nothing, // listed after the facts, one line each
        columns: &[],
        form: &[],
        paper: Paper::Omitted(
            "files and documents are listed by `supplier show` and the record in full",
        ),
        flag: Flag::Own(&["evidence", "document"]),
        set: None,
    },
    Field {
        key: "answers",
        facts: nothing, // the questionnaire's own section
        columns: &[],
        form: &[],
        paper: Paper::Omitted("printed on the supplier's questionnaire"),
        flag: Flag::Own(&["answer"]),
        set: None,
    },
    Field {
        key: "notes",
        facts: |s| vec![("Notes", dash(&s.notes))],
        columns: &[Column {
            header: "notes",
            value: |s| s.notes.clone(),
        }],
        form: &[FormInput {
            label: NOTES,
            input: Input::Text,
            place: 15,
            text: |s| s.notes.clone(),
            by_table: true,
        }],
        paper: Paper::Omitted(NOT_ON_PAPER),
        flag: Flag::Own(&["notes"]),
        set: Some(|s, typed| {
            s.notes = text(typed);
            Ok(())
        }),
    },
];

/// A supplier with every field filled in, for tests. No `..`: a new field of `Supplier` stops
/// this compiling until it is filled here, and then the tests ask for its row in the table.
#[cfg(test)]
pub(crate) fn example() -> Supplier {
    use super::assessment::EvidenceSource;
    let day = |text: &str| Date::parse(text).expect("date");
    Supplier {
        name: "Acme".into(),
        provides: vec![ServiceKind::Emar],
        personal_data: "Residents' records".into(),
        critical: true,
        data_location: Some(DataLocation::Uk),
        contract: Some(Agreement {
            in_place: true,
            dated: Some(day("2025-04-01")),
        }),
        dpa: Some(Agreement {
            in_place: false,
            dated: None,
        }),
        contract_ends: Some(day("2027-03-31")),
        renews: Some(day("2027-04-01")),
        notice_by: Some(day("2027-01-01")),
        dspt: Some(DsptStatus {
            level: "Standards Met".into(),
            published: day("2026-03-01"),
        }),
        cyber_essentials: Some(Certificate {
            kind: CertificateKind::CyberEssentialsPlus,
            number: "CE-1".into(),
            expires: day("2027-02-10"),
        }),
        other_certifications: vec!["ISO 27001".into()],
        breach_notice_hours: Some(24),
        support_contact: "0113 496 0000".into(),
        last_reviewed: Some(day("2026-06-01")),
        evidence: vec![Evidence {
            source: EvidenceSource::Document {
                name: "Contract".into(),
            },
            dated: None,
            review_by: None,
        }],
        answers: BTreeMap::from([("backups".into(), "Nightly".into())]),
        notes: "Met them in May".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::fields::{Flag, Paper, by_key, serialised_keys};
    use super::*;

    #[test]
    fn the_table_has_one_row_per_saved_field() {
        let mut keys: Vec<&str> = SUPPLIER_FIELDS.iter().map(|f| f.key).collect();
        keys.sort_unstable();
        let mut saved = serialised_keys(&example());
        saved.sort();
        assert_eq!(saved, keys);
    }

    #[test]
    fn every_row_says_how_its_text_is_set_and_where_it_is_printed() {
        for f in SUPPLIER_FIELDS {
            let typed_by_table = matches!(f.flag, Flag::FromTable { .. })
                || f.form.iter().any(|input| input.by_table);
            assert_eq!(
                typed_by_table,
                f.set.is_some(),
                "{}: a field set through the table needs its rule, and only then",
                f.key
            );
            if let Paper::Within(other) = f.paper {
                let other = by_key(SUPPLIER_FIELDS, other).expect("a field of the table");
                assert!(
                    matches!(other.paper, Paper::Cell { .. }),
                    "{} is printed within {}, which has no cell",
                    f.key,
                    other.key
                );
            }
        }
        let places: Vec<u8> = super::super::fields::form_inputs(SUPPLIER_FIELDS)
            .iter()
            .map(|i| i.place)
            .collect();
        let mut unique = places.clone();
        unique.dedup();
        assert_eq!(places, unique, "two inputs share a place in the form");
    }

    #[test]
    fn a_field_set_through_the_table_takes_the_text_as_typed() {
        let mut s = Supplier::named("Acme");
        for (key, typed) in [
            ("personal_data", "  Names  "),
            ("support_contact", " 0113 "),
        ] {
            let set = by_key(SUPPLIER_FIELDS, key)
                .and_then(|f| f.set)
                .expect("set by the table");
            set(&mut s, typed).expect("text is always taken");
        }
        assert_eq!(
            (s.personal_data.as_str(), s.support_contact.as_str()),
            ("Names", "0113")
        );
    }
}
