//! The supplier and risk registers as CSV (opens cleanly in Excel), written by the same CSV
//! writer as the answers, so every field is quoted and neutralised the same way. Dates are
//! ISO 8601 (2027-06-01) like every CSV carecheck writes: a spreadsheet set to US or UK
//! order reads them the same way.

use super::export::csv_line;
use crate::domain::date::Date;
use crate::registers::{RegisterView, agreement_words, band, services_words};

const BOM: &str = "\u{FEFF}";

fn date(d: Option<Date>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// One row per supplier that counts (a site's own and its head office's).
pub fn suppliers_csv(view: &RegisterView) -> String {
    let mut out = String::from(BOM);
    let header = [
        "id",
        "supplier",
        "from_head_office",
        "provides",
        "critical",
        "personal_data",
        "data_held",
        "contract",
        "data_processing_agreement",
        "contract_ends",
        "contract_renews",
        "notice_by",
        "dspt_level",
        "dspt_published",
        "dspt_renew_by",
        "certificate",
        "certificate_number",
        "certificate_expires",
        "other_certifications",
        "breach_notice_hours",
        "support_contact",
        "last_reviewed",
        "reminders",
        "notes",
    ];
    csv_line(&mut out, &header.map(String::from));
    for c in &view.suppliers {
        let s = &c.record;
        let reminders: Vec<&str> = view
            .reminders
            .iter()
            .filter(|r| r.subject == c.id)
            .map(|r| r.text.as_str())
            .collect();
        csv_line(
            &mut out,
            &[
                c.id.clone(),
                s.name.clone(),
                yes_no(c.inherited),
                // A supplier that provides nothing is an empty cell, not a dash (which the
                // formula guard would turn into `'-`).
                if s.provides.is_empty() {
                    String::new()
                } else {
                    services_words(s)
                },
                yes_no(s.critical),
                s.personal_data.clone(),
                s.data_location
                    .map(|l| l.label().to_owned())
                    .unwrap_or_default(),
                agreement_words(s.contract),
                agreement_words(s.dpa),
                date(s.contract_ends),
                date(s.renews),
                date(s.notice_by),
                s.dspt.as_ref().map(|d| d.level.clone()).unwrap_or_default(),
                date(s.dspt.as_ref().map(|d| d.published)),
                date(s.dspt.as_ref().map(|d| d.expires())),
                s.cyber_essentials
                    .as_ref()
                    .map(|c| c.kind.label().to_owned())
                    .unwrap_or_default(),
                s.cyber_essentials
                    .as_ref()
                    .map(|c| c.number.clone())
                    .unwrap_or_default(),
                date(s.cyber_essentials.as_ref().map(|c| c.expires)),
                s.other_certifications.join("; "),
                s.breach_notice_hours
                    .map(|h| h.to_string())
                    .unwrap_or_default(),
                s.support_contact.clone(),
                date(s.last_reviewed),
                reminders.join("; "),
                s.notes.clone(),
            ],
        );
    }
    out
}

/// One row per risk, highest residual score first, with what keeps it high.
pub fn risks_csv(view: &RegisterView) -> String {
    let mut out = String::from(BOM);
    let header = [
        "id",
        "risk",
        "description",
        "from_head_office",
        "likelihood",
        "impact",
        "inherent",
        "inherent_band",
        "residual_likelihood",
        "residual",
        "residual_band",
        "mitigation",
        "met",
        "kept_high_by",
        "owner",
        "review_by",
        "review_due",
        "suppliers",
        "notes",
    ];
    csv_line(&mut out, &header.map(String::from));
    for r in &view.risks {
        let rec = &r.risk.record;
        let met: Vec<String> = r.met.iter().map(ToString::to_string).collect();
        let weak: Vec<String> = r
            .weak
            .iter()
            .map(|w| format!("{} ({})", w.item, w.outcome.describe()))
            .collect();
        csv_line(
            &mut out,
            &[
                r.risk.id.clone(),
                rec.title.clone(),
                rec.description.clone(),
                yes_no(r.risk.inherited),
                rec.likelihood.to_string(),
                rec.impact.to_string(),
                r.inherent.to_string(),
                band(r.inherent).to_owned(),
                r.residual_likelihood.to_string(),
                r.residual.to_string(),
                band(r.residual).to_owned(),
                r.mitigation.label().to_owned(),
                met.join(" "),
                weak.join("; "),
                rec.owner.clone(),
                date(rec.review_by),
                yes_no(r.review_due),
                rec.suppliers.join(" "),
                rec.notes.clone(),
            ],
        );
    }
    out
}

fn yes_no(value: bool) -> String {
    if value { "yes" } else { "no" }.to_owned()
}
