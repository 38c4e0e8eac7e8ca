//! What follows from the supplier and risk registers, computed and never entered: the records
//! that count for an assessment (a site's own plus its head office's), each risk's mitigation
//! from the outcomes of its mitigating items in the one [`Summary`], which critical services
//! rest on one supplier, and the reminders (certificates expiring, reviews due).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use serde::Serialize;

use crate::checklist::Diagnostic;
use crate::checklist::register_starter;
use crate::domain::checklist::{Checklist, ItemRef};
use crate::domain::date::Date;
use crate::domain::progress::Outcome;
use crate::domain::registers::{
    Registers, Risk, ServiceKind, StarterRisk, Supplier, SupplierQuestion,
};
use crate::summary::Summary;
use crate::workspace::Loaded;

/// Certificates and DSPT statuses expiring within this many days get a reminder.
pub const EXPIRY_WARNING_DAYS: i64 = 60;
/// A supplier is due for review this long after it was last reviewed.
pub const SUPPLIER_REVIEW_MONTHS: u32 = 12;

/// A record that counts, and whether it comes from the head office.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Counted<T> {
    pub id: String,
    #[serde(flatten)]
    pub record: T,
    /// The head office's record, shown at the site (which may add its own).
    pub inherited: bool,
}

/// The record a user means: by id, by the id its name would have, by its name (ignoring case),
/// or by the start of an id when only one id starts that way. One rule for suppliers and risks.
pub fn find_named<'a, T>(
    records: &'a [Counted<T>],
    wanted: &str,
    name: impl Fn(&T) -> &str,
) -> Option<&'a Counted<T>> {
    let as_id = crate::domain::registers::slug(wanted);
    records
        .iter()
        .find(|r| r.id == wanted || r.id == as_id)
        .or_else(|| {
            records
                .iter()
                .find(|r| name(&r.record).trim().eq_ignore_ascii_case(wanted.trim()))
        })
        .or_else(|| {
            let mut starting = records
                .iter()
                .filter(|r| !as_id.is_empty() && r.id.starts_with(&as_id));
            match (starting.next(), starting.next()) {
                (Some(only), None) => Some(only),
                _ => None,
            }
        })
}

/// The registers that count: the assessment's own records, and for a site its head office's
/// records too (a site's record with the same id replaces the head office's).
pub fn effective<'r, T: Clone>(
    own: &'r BTreeMap<String, T>,
    head: Option<&'r BTreeMap<String, T>>,
) -> Vec<Counted<T>> {
    let mut out: Vec<Counted<T>> = own
        .iter()
        .map(|(id, record)| Counted {
            id: id.clone(),
            record: record.clone(),
            inherited: false,
        })
        .collect();
    for (id, record) in head.into_iter().flatten() {
        if !own.contains_key(id) {
            out.push(Counted {
                id: id.clone(),
                record: record.clone(),
                inherited: true,
            });
        }
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

/// How well a risk's mitigating items are in place, from their outcomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mitigation {
    /// No mitigating item is in this assessment's checklists.
    NoneLinked,
    /// Every mitigating item is met (or met another way).
    InPlace,
    /// Some are met; the rest are gaps or unanswered.
    Partial,
    /// None is met.
    NotInPlace,
}

impl Mitigation {
    pub fn label(self) -> &'static str {
        match self {
            Mitigation::NoneLinked => "no mitigating items in this assessment",
            Mitigation::InPlace => "mitigations in place",
            Mitigation::Partial => "mitigations partly in place",
            Mitigation::NotInPlace => "mitigations not in place",
        }
    }
}

/// A 1–25 score's band (our own scale, printed on the heat map).
pub fn band(score: u8) -> &'static str {
    match score {
        0..=4 => "low",
        5..=9 => "medium",
        10..=14 => "high",
        _ => "very high",
    }
}

/// One mitigating item that is not helping: a gap or not yet answered.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeakItem {
    pub item: ItemRef,
    pub outcome: Outcome,
}

/// A risk with its mitigation worked out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RiskStanding {
    #[serde(flatten)]
    pub risk: Counted<Risk>,
    pub inherent: u8,
    pub mitigation: Mitigation,
    /// Likelihood after the mitigating items: lowered by up to 2 as more of them are met, so
    /// every gap or unanswered item keeps it higher.
    pub residual_likelihood: u8,
    pub residual: u8,
    pub met: Vec<ItemRef>,
    /// The items keeping the risk high, each with why.
    pub weak: Vec<WeakItem>,
    /// Not applicable here: neither helping nor hurting.
    pub not_applicable: Vec<ItemRef>,
    /// Named items that no checklist of this assessment has.
    pub not_in_assessment: Vec<ItemRef>,
    pub review_due: bool,
}

/// A risk's standing, judged from the outcomes the summary gave its items.
pub fn judge(
    risk: Counted<Risk>,
    checklists: &[Checklist],
    summary: &Summary,
    today: Date,
) -> RiskStanding {
    let (mut met, mut weak, mut not_applicable, mut not_in_assessment) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for item in &risk.record.mitigated_by {
        let known = checklists
            .iter()
            .any(|c| c.id == item.checklist && c.items().any(|i| i.id == item.item));
        if !known {
            not_in_assessment.push(item.clone());
            continue;
        }
        let outcome = summary
            .answers
            .get(item)
            .map_or(Outcome::Unanswered, |a| a.outcome.clone());
        match outcome {
            Outcome::Met | Outcome::Alternative { .. } => met.push(item.clone()),
            Outcome::NotApplicable { .. } => not_applicable.push(item.clone()),
            outcome => weak.push(WeakItem {
                item: item.clone(),
                outcome,
            }),
        }
    }
    let counted = met.len() + weak.len();
    let mitigation = match (met.len(), weak.len()) {
        (0, 0) => Mitigation::NoneLinked,
        (_, 0) => Mitigation::InPlace,
        (0, _) => Mitigation::NotInPlace,
        _ => Mitigation::Partial,
    };
    let reduction = (2 * met.len())
        .checked_div(counted)
        .and_then(|r| u8::try_from(r).ok())
        .unwrap_or(0);
    let likelihood = risk.record.likelihood.clamp(1, 5);
    let impact = risk.record.impact.clamp(1, 5);
    let residual_likelihood = likelihood.saturating_sub(reduction).max(1);
    let review_due = risk.record.review_by.is_some_and(|d| d <= today);
    RiskStanding {
        inherent: likelihood * impact,
        mitigation,
        residual_likelihood,
        residual: residual_likelihood * impact,
        met,
        weak,
        not_applicable,
        not_in_assessment,
        review_due,
        risk,
    }
}

/// Which critical services rest on which suppliers.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Concentration {
    /// Services that only one critical supplier provides: if it goes down, they stop.
    pub single_supplier: Vec<SingleSupplier>,
    /// Critical suppliers by how many services rest on them, most first.
    pub by_supplier: Vec<SupplierLoad>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SingleSupplier {
    pub service: ServiceKind,
    pub supplier: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SupplierLoad {
    pub supplier: String,
    pub name: String,
    /// Every critical service it provides.
    pub services: Vec<ServiceKind>,
    /// The services only this supplier provides: if it goes down, they stop.
    pub stops: Vec<ServiceKind>,
    /// The services another critical supplier also provides: only affected if it goes down.
    pub affected: Vec<SharedService>,
}

/// The most other suppliers a "who else provides it" names; the rest are counted. Naming every
/// other supplier of a service made the registers grow with the square of their size (each of
/// 100,000 suppliers naming 99,999 others).
pub const MAX_NAMED_OTHERS: usize = 3;

/// A service a critical supplier shares with others, and who they are.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SharedService {
    pub service: ServiceKind,
    /// The other critical suppliers' names, at most [`MAX_NAMED_OTHERS`], in register order.
    pub also_from: Vec<String>,
    /// How many more other critical suppliers provide it.
    pub and_others: usize,
}

impl SupplierLoad {
    /// What happens if it goes down, in one sentence for every front end ("If Acme goes down,
    /// these stop: Digital care records; affected (also from MedsOnline): eMAR (medicines)").
    pub fn describe(&self) -> String {
        let labels = |kinds: &[ServiceKind]| {
            kinds
                .iter()
                .map(|k| k.label())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut parts = vec![if self.stops.is_empty() {
            "no service stops (another supplier provides each)".to_owned()
        } else {
            format!("these stop: {}", labels(&self.stops))
        }];
        // Services shared with the same suppliers are named together (at most one group per
        // service, so this stays small however large the register).
        let mut groups: Vec<(&[String], usize, Vec<ServiceKind>)> = Vec::new();
        for shared in &self.affected {
            match groups
                .iter_mut()
                .find(|(also, more, _)| *also == shared.also_from && *more == shared.and_others)
            {
                Some((_, _, kinds)) => kinds.push(shared.service),
                None => groups.push((&shared.also_from, shared.and_others, vec![shared.service])),
            }
        }
        for (also, more, kinds) in groups {
            let more = match more {
                0 => String::new(),
                1 => " and 1 other".to_owned(),
                n => format!(" and {n} others"),
            };
            parts.push(format!(
                "affected (also from {}{more}): {}",
                also.join(", "),
                labels(&kinds)
            ));
        }
        format!("If {} goes down, {}", self.name, parts.join("; "))
    }
}

pub fn concentration(suppliers: &[Counted<Supplier>]) -> Concentration {
    let critical: Vec<&Counted<Supplier>> =
        suppliers.iter().filter(|s| s.record.critical).collect();
    let mut providers: BTreeMap<ServiceKind, Vec<&Counted<Supplier>>> = BTreeMap::new();
    for s in &critical {
        let kinds: BTreeSet<ServiceKind> = s.record.provides.iter().copied().collect();
        for kind in kinds {
            providers.entry(kind).or_default().push(s);
        }
    }
    let single_supplier = providers
        .iter()
        .filter(|(_, list)| list.len() == 1)
        .map(|(kind, list)| SingleSupplier {
            service: *kind,
            supplier: list[0].id.clone(),
            name: list[0].record.name.clone(),
        })
        .collect();
    let mut by_supplier: Vec<SupplierLoad> = critical
        .iter()
        .filter(|s| !s.record.provides.is_empty())
        .map(|s| {
            let services: Vec<ServiceKind> = s
                .record
                .provides
                .iter()
                .copied()
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect();
            let (mut stops, mut affected) = (Vec::new(), Vec::new());
            for service in &services {
                // Per service, not per pair: the providers were gathered once above; this
                // names a bounded few of them and counts the rest.
                let others = providers.get(service).map_or(0, |list| list.len() - 1);
                let also_from: Vec<String> = providers
                    .get(service)
                    .into_iter()
                    .flatten()
                    .filter(|other| other.id != s.id)
                    .take(MAX_NAMED_OTHERS)
                    .map(|other| other.record.name.clone())
                    .collect();
                if others == 0 {
                    stops.push(*service);
                } else {
                    affected.push(SharedService {
                        service: *service,
                        and_others: others - also_from.len(),
                        also_from,
                    });
                }
            }
            SupplierLoad {
                supplier: s.id.clone(),
                name: s.record.name.clone(),
                services,
                stops,
                affected,
            }
        })
        .collect();
    by_supplier.sort_by(|a, b| {
        b.services
            .len()
            .cmp(&a.services.len())
            .then_with(|| a.supplier.cmp(&b.supplier))
    });
    Concentration {
        single_supplier,
        by_supplier,
    }
}

/// What a reminder is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReminderKind {
    CertificateExpiring,
    CertificateExpired,
    DsptExpiring,
    DsptExpired,
    /// The last day to give notice on a contract is near (or today).
    ContractNotice,
    /// The contract's fixed end is near, or has passed.
    ContractEnding,
    SupplierReview,
    RiskReview,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reminder {
    pub kind: ReminderKind,
    /// The supplier's or risk's id.
    pub subject: String,
    /// The day it expires or falls due (none for a supplier never reviewed).
    pub date: Option<Date>,
    /// For the screen and the command line: what to do is the command that does it.
    pub text: String,
    /// The same reminder for paper, where it names a command: what to do in plain words.
    /// `None` when `text` names no command and serves paper as it is.
    #[serde(skip)]
    pub paper: Option<String>,
}

impl Reminder {
    /// The reminder as printed: never a command a reader of paper cannot type.
    pub fn on_paper(&self) -> &str {
        self.paper.as_deref().unwrap_or(&self.text)
    }
}

/// Certificates and DSPT statuses expiring within [`EXPIRY_WARNING_DAYS`] (or expired), and
/// suppliers and risks due for review, on `today`.
pub fn reminders(
    suppliers: &[Counted<Supplier>],
    risks: &[RiskStanding],
    today: Date,
) -> Vec<Reminder> {
    let mut out = Vec::new();
    for s in suppliers {
        let name = &s.record.name;
        let mut expiry = |date: Date, what: &str, soon: ReminderKind, past: ReminderKind| {
            let days = today.days_until(date);
            if days < 0 {
                out.push(Reminder {
                    kind: past,
                    subject: s.id.clone(),
                    date: Some(date),
                    text: format!("{name}: {what} expired on {}", date.uk()),
                    paper: None,
                });
            } else if days <= EXPIRY_WARNING_DAYS {
                out.push(Reminder {
                    kind: soon,
                    subject: s.id.clone(),
                    date: Some(date),
                    text: format!(
                        "{name}: {what} expires on {} (in {})",
                        date.uk(),
                        crate::text::count(usize::try_from(days).unwrap_or(0), "day", "days")
                    ),
                    paper: None,
                });
            }
        };
        if let Some(cert) = &s.record.cyber_essentials {
            expiry(
                cert.expires,
                &format!("{} certificate", cert.kind.label()),
                ReminderKind::CertificateExpiring,
                ReminderKind::CertificateExpired,
            );
        }
        if let Some(dspt) = &s.record.dspt {
            expiry(
                dspt.expires(),
                &format!(
                    "DSPT status ({}, published {})",
                    dspt.level,
                    dspt.published.uk()
                ),
                ReminderKind::DsptExpiring,
                ReminderKind::DsptExpired,
            );
        }
        out.extend(contract_reminders(s, today));
        match s.record.last_reviewed {
            None => out.push(Reminder {
                kind: ReminderKind::SupplierReview,
                subject: s.id.clone(),
                date: None,
                text: format!(
                    "{name}: never reviewed; record a review with `carecheck supplier edit {} --reviewed DATE`",
                    s.id
                ),
                paper: Some(format!(
                    "{name}: never reviewed; review it and record when you did"
                )),
            }),
            Some(last) => {
                let due = last.add_months(SUPPLIER_REVIEW_MONTHS);
                if due <= today {
                    out.push(Reminder {
                        kind: ReminderKind::SupplierReview,
                        subject: s.id.clone(),
                        date: Some(due),
                        text: format!(
                            "{name}: due for review since {} (last reviewed {})",
                            due.uk(),
                            last.uk()
                        ),
                        paper: None,
                    });
                }
            }
        }
    }
    for r in risks {
        if let (true, Some(due)) = (r.review_due, r.risk.record.review_by) {
            out.push(Reminder {
                kind: ReminderKind::RiskReview,
                subject: r.risk.id.clone(),
                date: Some(due),
                text: format!(
                    "Risk {}: due for review since {}",
                    r.risk.record.title,
                    due.uk()
                ),
                paper: None,
            });
        }
    }
    out
}

/// A supplier's contract dates that need a decision soon: the last day to give notice (to end
/// or change the contract before it renews) within [`EXPIRY_WARNING_DAYS`], and a fixed end
/// within that window or past. A notice date already gone needs no reminder: the contract
/// runs on to its renewal, which the facts list shows.
fn contract_reminders(s: &Counted<Supplier>, today: Date) -> Vec<Reminder> {
    let name = &s.record.name;
    let in_days = |days: i64| {
        if days == 0 {
            "today".to_owned()
        } else {
            format!(
                "in {}",
                crate::text::count(usize::try_from(days).unwrap_or(0), "day", "days")
            )
        }
    };
    let mut out = Vec::new();
    if let Some(notice) = s.record.notice_by {
        let days = today.days_until(notice);
        if (0..=EXPIRY_WARNING_DAYS).contains(&days) {
            let renews = s
                .record
                .renews
                .map_or(String::new(), |r| format!("; it renews on {}", r.uk()));
            out.push(Reminder {
                kind: ReminderKind::ContractNotice,
                subject: s.id.clone(),
                date: Some(notice),
                text: format!(
                    "{name}: the last day to give notice on the contract is {} ({}){renews}",
                    notice.uk(),
                    in_days(days)
                ),
                paper: None,
            });
        }
    }
    if let Some(ends) = s.record.contract_ends {
        let days = today.days_until(ends);
        let text = if days < 0 {
            Some(format!("{name}: the contract ended on {}", ends.uk()))
        } else {
            (days <= EXPIRY_WARNING_DAYS).then(|| {
                format!(
                    "{name}: the contract ends on {} ({})",
                    ends.uk(),
                    in_days(days)
                )
            })
        };
        out.extend(text.map(|text| Reminder {
            kind: ReminderKind::ContractEnding,
            subject: s.id.clone(),
            date: Some(ends),
            text,
            paper: None,
        }));
    }
    out
}

/// The DSPT items the supplier register is evidence for: suppliers who handle your data
/// (10.1.2), their certification (10.2.1), processor contracts (10.2.2), and critical assets
/// and what they depend on (7.1.5).
pub const EVIDENCE_ITEMS: [(&str, &str); 4] = [
    ("dspt-social-care", "10.1.2"),
    ("dspt-social-care", "10.2.1"),
    ("dspt-social-care", "10.2.2"),
    ("dspt-social-care", "7.1.5"),
];

/// What the register says about one item it is evidence for, for the item's screen and
/// status ("8 suppliers recorded, 2 without a contract date").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EvidenceNote {
    pub item: ItemRef,
    pub text: String,
}

/// The register's note for each evidence item, given today's date.
pub fn evidence_notes(
    suppliers: &[Counted<Supplier>],
    concentration: &Concentration,
    today: Date,
) -> Vec<EvidenceNote> {
    if suppliers.is_empty() {
        return Vec::new();
    }
    let recorded = crate::text::count(suppliers.len(), "supplier", "suppliers") + " recorded";
    let without =
        |test: &dyn Fn(&Supplier) -> bool| suppliers.iter().filter(|s| !test(&s.record)).count();
    let dated = |a: Option<crate::domain::registers::Agreement>| {
        a.is_some_and(|a| a.in_place && a.dated.is_some())
    };
    let no_contract = without(&|s| dated(s.contract));
    let no_dpa = without(&|s| dated(s.dpa));
    let uncertified = without(&|s| {
        s.cyber_essentials
            .as_ref()
            .is_some_and(|c| c.expires >= today)
            || s.dspt.as_ref().is_some_and(|d| d.expires() >= today)
    });
    let single = concentration.single_supplier.len();
    let notes = [
        format!("{recorded}, {no_contract} without a contract date"),
        format!(
            "{recorded}, {uncertified} without a current Cyber Essentials certificate or DSPT status"
        ),
        format!("{recorded}, {no_dpa} without a dated data-processing agreement"),
        format!(
            "{recorded}; {}",
            match single {
                0 => "no critical service rests on one supplier".to_owned(),
                n => format!(
                    "{} on one supplier",
                    crate::text::count(n, "critical service rests", "critical services rest")
                ),
            }
        ),
    ];
    EVIDENCE_ITEMS
        .iter()
        .zip(notes)
        .map(|((checklist, item), text)| EvidenceNote {
            item: ItemRef::new(*checklist, *item),
            text,
        })
        .collect()
}

/// Everything the registers show for one assessment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegisterView {
    pub suppliers: Vec<Counted<Supplier>>,
    /// Highest residual score first.
    pub risks: Vec<RiskStanding>,
    pub concentration: Concentration,
    pub reminders: Vec<Reminder>,
    /// What the register says about the checklist items it is evidence for (only items of
    /// this assessment's checklists).
    pub evidence: Vec<EvidenceNote>,
}

impl RegisterView {
    /// From the assessment's own registers, its head office's (for a site), its checklists and
    /// the summary already computed for `today`.
    pub fn of(
        own: &Registers,
        head: Option<&Registers>,
        checklists: &[Checklist],
        summary: &Summary,
        today: Date,
    ) -> RegisterView {
        let suppliers = effective(&own.suppliers, head.map(|h| &h.suppliers));
        let mut risks: Vec<RiskStanding> = effective(&own.risks, head.map(|h| &h.risks))
            .into_iter()
            .map(|r| judge(r, checklists, summary, today))
            .collect();
        risks.sort_by(|a, b| {
            b.residual
                .cmp(&a.residual)
                .then_with(|| b.inherent.cmp(&a.inherent))
                .then_with(|| a.risk.id.cmp(&b.risk.id))
        });
        let concentration = concentration(&suppliers);
        let reminders = reminders(&suppliers, &risks, today);
        let evidence = evidence_notes(&suppliers, &concentration, today)
            .into_iter()
            .filter(|n| checklists.iter().any(|c| c.id == n.item.checklist))
            .collect();
        RegisterView {
            suppliers,
            risks,
            concentration,
            reminders,
            evidence,
        }
    }

    /// The view of a loaded assessment.
    pub fn of_loaded(loaded: &Loaded, summary: &Summary, today: Date) -> RegisterView {
        RegisterView::of(
            &loaded.assessment().registers,
            loaded.head.as_ref().map(|h| &h.registers),
            &loaded.checklists,
            summary,
            today,
        )
    }

    pub fn is_empty(&self) -> bool {
        self.suppliers.is_empty() && self.risks.is_empty()
    }

    /// By id. `suppliers` is sorted by id ([`effective`]), so this is a binary search: the
    /// list's reminders each look their supplier up, and a linear search made that quadratic.
    pub fn supplier(&self, id: &str) -> Option<&Counted<Supplier>> {
        self.suppliers
            .binary_search_by(|s| s.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.suppliers[i])
    }
}

pub use crate::domain::supplier::{agreement_words, services_words};

/// Every recorded fact of a supplier, labelled, in the order `supplier show` and the TUI's
/// record in full print them: its field table's facts.
pub fn supplier_facts(s: &Supplier) -> Vec<(&'static str, String)> {
    crate::domain::fields::facts(crate::domain::supplier::SUPPLIER_FIELDS, s)
}

/// A refused edit in plain words, for any front end (the CLI words the rest by its flags,
/// the TUI by its form fields).
pub fn refusal(e: &crate::domain::registers::EditRefused) -> String {
    use crate::domain::registers::{AgreementKind, EditRefused};
    match e {
        EditRefused::Blank(what) => format!("the {what} must not be empty"),
        EditRefused::NoId => "a name needs a letter or digit".to_owned(),
        EditRefused::Taken(id) => format!("`{id}` is already recorded; edit that one instead"),
        EditRefused::DatedButNotInPlace(AgreementKind::Contract) => {
            "a contract not in place has no date".to_owned()
        }
        EditRefused::DatedButNotInPlace(AgreementKind::Dpa) => {
            "a data-processing agreement not in place has no date".to_owned()
        }
        EditRefused::DsptIncomplete => {
            "a DSPT status needs both its level and the date it was published".to_owned()
        }
        EditRefused::CertificateIncomplete => {
            "a Cyber Essentials certificate needs its kind and its expiry date".to_owned()
        }
        EditRefused::NumberWithoutCertificate => {
            "a certificate number needs a certificate (its kind and expiry date)".to_owned()
        }
        EditRefused::ReviewedInFuture(d) => format!("{} is in the future", d.uk()),
        EditRefused::NoticeAfterEnd(notice, ends) => format!(
            "the last day to give notice ({}) is after the contract ends ({})",
            notice.uk(),
            ends.uk()
        ),
        EditRefused::Score(n) => format!("`{n}` is not a score; use a whole number from 1 to 5"),
        EditRefused::Invalid(_, why) => why.clone(),
    }
}

/// The bundled starter risks, read once per run, or the located problems of a broken build.
pub fn starter_risks() -> Result<&'static [StarterRisk], String> {
    static RISKS: OnceLock<Result<Vec<StarterRisk>, String>> = OnceLock::new();
    RISKS
        .get_or_init(|| register_starter::bundled_risks().map_err(broken("starter risks")))
        .as_deref()
        .map_err(Clone::clone)
}

/// The bundled supplier questions, read once per run.
pub fn questions() -> Result<&'static [SupplierQuestion], String> {
    static QUESTIONS: OnceLock<Result<Vec<SupplierQuestion>, String>> = OnceLock::new();
    QUESTIONS
        .get_or_init(|| register_starter::bundled_questions().map_err(broken("supplier questions")))
        .as_deref()
        .map_err(Clone::clone)
}

fn broken(what: &str) -> impl Fn(Vec<Diagnostic>) -> String + '_ {
    move |problems| {
        let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
        format!("the built-in {what} are broken:\n{}", lines.join("\n"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::registers::{Certificate, CertificateKind, DsptStatus};

    fn date(text: &str) -> Date {
        Date::parse(text).expect("date")
    }

    fn supplier(name: &str, critical: bool, provides: &[ServiceKind]) -> Supplier {
        Supplier {
            critical,
            provides: provides.to_vec(),
            last_reviewed: Some(date("2026-06-01")),
            ..Supplier::named(name)
        }
    }

    #[test]
    fn a_site_sees_its_head_office_suppliers_and_its_own() {
        let mut head = BTreeMap::new();
        head.insert("acme".to_owned(), supplier("Acme (group)", true, &[]));
        head.insert("bt".to_owned(), supplier("BT", true, &[]));
        let mut own = BTreeMap::new();
        own.insert(
            "acme".to_owned(),
            supplier("Acme (site contract)", true, &[]),
        );
        own.insert("local-it".to_owned(), supplier("Local IT", false, &[]));
        let counted = effective(&own, Some(&head));
        let seen: Vec<(&str, &str, bool)> = counted
            .iter()
            .map(|c| (c.id.as_str(), c.record.name.as_str(), c.inherited))
            .collect();
        assert_eq!(
            seen,
            [
                ("acme", "Acme (site contract)", false),
                ("bt", "BT", true),
                ("local-it", "Local IT", false)
            ]
        );
        assert_eq!(effective(&own, None).len(), 2);
    }

    #[test]
    fn concentration_names_services_resting_on_one_supplier() {
        use ServiceKind::*;
        let suppliers = effective(
            &BTreeMap::from([
                ("a".to_owned(), supplier("A", true, &[CareRecords, Emar])),
                (
                    "b".to_owned(),
                    supplier("B", true, &[Emar, Rostering, Email]),
                ),
                ("c".to_owned(), supplier("C", false, &[CareRecords])),
            ]),
            None,
        );
        let found = concentration(&suppliers);
        let single: Vec<(ServiceKind, &str)> = found
            .single_supplier
            .iter()
            .map(|s| (s.service, s.supplier.as_str()))
            .collect();
        // eMAR has two critical suppliers; C is not critical so care records rest on A alone.
        assert_eq!(single, [(CareRecords, "a"), (Rostering, "b"), (Email, "b")]);
        assert_eq!(found.by_supplier[0].supplier, "b");
        assert_eq!(found.by_supplier.len(), 2);
    }

    #[test]
    fn a_supplier_going_down_stops_only_what_no_one_else_provides() {
        use ServiceKind::*;
        let suppliers = effective(
            &BTreeMap::from([
                (
                    "acme".to_owned(),
                    supplier("Acme Care Records Ltd", true, &[CareRecords, Emar]),
                ),
                (
                    "meds".to_owned(),
                    supplier("MedsOnline eMAR", true, &[Emar]),
                ),
            ]),
            None,
        );
        let found = concentration(&suppliers);
        let acme = &found.by_supplier[0];
        assert_eq!(
            acme.describe(),
            "If Acme Care Records Ltd goes down, these stop: Digital care records; affected (also from MedsOnline eMAR): eMAR (medicines)"
        );
        assert_eq!(
            found.by_supplier[1].describe(),
            "If MedsOnline eMAR goes down, no service stops (another supplier provides each); affected (also from Acme Care Records Ltd): eMAR (medicines)"
        );
        // The single-supplier list agrees: only care records rest on one supplier.
        let single: Vec<ServiceKind> = found.single_supplier.iter().map(|s| s.service).collect();
        assert_eq!(single, [CareRecords]);
    }

    #[test]
    fn a_widely_shared_service_names_a_few_others_and_counts_the_rest() {
        use ServiceKind::*;
        let many: BTreeMap<String, Supplier> = (0..6)
            .map(|i| (format!("s{i}"), supplier(&format!("S{i}"), true, &[Emar])))
            .collect();
        let found = concentration(&effective(&many, None));
        assert_eq!(
            found.by_supplier[0].describe(),
            "If S0 goes down, no service stops (another supplier provides each); affected (also from S1, S2, S3 and 2 others): eMAR (medicines)"
        );
        assert_eq!(
            found.by_supplier[5].affected[0].also_from,
            ["S0", "S1", "S2"]
        );
        assert_eq!(found.by_supplier[5].affected[0].and_others, 2);
    }

    #[test]
    fn reminders_follow_the_day() {
        let mut s = supplier("Acme", true, &[]);
        s.cyber_essentials = Some(Certificate {
            kind: CertificateKind::CyberEssentialsPlus,
            number: "123".into(),
            expires: date("2027-02-10"),
        });
        s.dspt = Some(DsptStatus {
            level: "Standards Met".into(),
            published: date("2026-03-01"),
        });
        let suppliers = effective(&BTreeMap::from([("acme".to_owned(), s)]), None);
        let kinds = |today: &str| -> Vec<ReminderKind> {
            reminders(&suppliers, &[], date(today))
                .iter()
                .map(|r| r.kind)
                .collect()
        };
        assert!(kinds("2026-11-28").is_empty());
        // 61 days before expiry: nothing; 60: a reminder.
        assert!(kinds("2026-12-11").is_empty());
        assert_eq!(kinds("2026-12-12"), [ReminderKind::CertificateExpiring]);
        let text = &reminders(&suppliers, &[], date("2026-12-12"))[0].text;
        assert!(
            text.contains("10/02/2027") && text.contains("60 days"),
            "{text}"
        );
        assert_eq!(
            kinds("2027-02-11"),
            [ReminderKind::CertificateExpired, ReminderKind::DsptExpiring]
        );
        assert_eq!(
            kinds("2027-06-01"),
            [
                ReminderKind::CertificateExpired,
                ReminderKind::DsptExpired,
                ReminderKind::SupplierReview
            ]
        );
    }

    #[test]
    fn the_register_is_described_for_the_items_it_evidences() {
        use crate::domain::registers::{Agreement, Certificate, CertificateKind};
        let mut a = supplier("A", true, &[ServiceKind::CareRecords]);
        a.contract = Some(Agreement {
            in_place: true,
            dated: Some(date("2025-01-01")),
        });
        a.cyber_essentials = Some(Certificate {
            kind: CertificateKind::CyberEssentials,
            number: String::new(),
            expires: date("2026-12-01"),
        });
        let b = supplier("B", true, &[ServiceKind::Email]);
        let suppliers = effective(
            &BTreeMap::from([("a".to_owned(), a), ("b".to_owned(), b)]),
            None,
        );
        let c = concentration(&suppliers);
        let notes = evidence_notes(&suppliers, &c, date("2026-11-28"));
        let texts: Vec<(String, &str)> = notes
            .iter()
            .map(|n| (n.item.to_string(), n.text.as_str()))
            .collect();
        assert_eq!(
            texts[0],
            (
                "dspt-social-care:10.1.2".to_owned(),
                "2 suppliers recorded, 1 without a contract date"
            )
        );
        assert!(
            texts[1]
                .1
                .ends_with("1 without a current Cyber Essentials certificate or DSPT status")
        );
        assert!(
            texts[2]
                .1
                .ends_with("2 without a dated data-processing agreement")
        );
        assert!(
            texts[3]
                .1
                .ends_with("2 critical services rest on one supplier")
        );
        // Once the certificate has expired, it no longer counts.
        let later = evidence_notes(&suppliers, &c, date("2026-12-02"));
        assert!(
            later[1]
                .text
                .ends_with("2 without a current Cyber Essentials certificate or DSPT status")
        );
        assert!(evidence_notes(&[], &c, date("2026-11-28")).is_empty());
    }

    #[test]
    fn bands_cover_the_scale() {
        assert_eq!(band(1), "low");
        assert_eq!(band(9), "medium");
        assert_eq!(band(12), "high");
        assert_eq!(band(25), "very high");
    }
}
