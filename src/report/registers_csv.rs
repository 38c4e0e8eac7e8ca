//! The supplier and risk registers as CSV (opens cleanly in Excel), written by the same CSV
//! writer as the answers, so every field is quoted and neutralised the same way. Dates are
//! ISO 8601 (2027-06-01) like every CSV carecheck writes: a spreadsheet set to US or UK
//! order reads them the same way.

use super::export::csv_line;
use crate::domain::date::Date;
use crate::domain::supplier::SUPPLIER_FIELDS;
use crate::registers::{RegisterView, band};

const BOM: &str = "\u{FEFF}";

fn date(d: Option<Date>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// One row per supplier that counts (a site's own and its head office's): its id, then the
/// columns of its field table, with whether it is the head office's after its name and its
/// reminders before its notes.
pub fn suppliers_csv(view: &RegisterView) -> String {
    let mut out = String::from(BOM);
    let mut header = vec!["id".to_owned()];
    for field in SUPPLIER_FIELDS {
        if field.key == "notes" {
            header.push("reminders".to_owned());
        }
        header.extend(field.columns.iter().map(|c| c.header.to_owned()));
        if field.key == "name" {
            header.push("from_head_office".to_owned());
        }
    }
    csv_line(&mut out, &header);
    // Each supplier's reminders, gathered once: looking them up row by row took minutes at
    // 100,000 suppliers (every row scanned every reminder).
    let mut reminders_of: std::collections::HashMap<&str, Vec<&str>> =
        std::collections::HashMap::new();
    for r in &view.reminders {
        reminders_of
            .entry(r.subject.as_str())
            .or_default()
            .push(r.text.as_str());
    }
    for c in &view.suppliers {
        let reminders = reminders_of
            .get(c.id.as_str())
            .map(Vec::as_slice)
            .unwrap_or_default();
        let mut row = vec![c.id.clone()];
        for field in SUPPLIER_FIELDS {
            if field.key == "notes" {
                row.push(reminders.join("; "));
            }
            row.extend(field.columns.iter().map(|column| (column.value)(&c.record)));
            if field.key == "name" {
                row.push(yes_no(c.inherited));
            }
        }
        csv_line(&mut out, &row);
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
