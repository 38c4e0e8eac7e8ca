//! The DSPT entry sheet: every item in the live toolkit's order with the answer to give and
//! the text to paste as its evidence, so a manager can transcribe the assessment in one sitting.

use super::layout::{Block, Cell, Colour, TextStyle};
use super::model::{ChecklistReport, ItemReport, ReportModel};
use super::phrases::{heading, level_line, mark, place, safe};
use crate::domain::progress::Outcome;

const BODY: TextStyle = TextStyle::BODY;
const LABEL: TextStyle = TextStyle::LABEL;
const SMALL: TextStyle = TextStyle::SMALL;

/// The sheet, or why there is none (the assessment does not use a DSPT checklist).
pub(super) fn compose(model: &ReportModel) -> Result<Vec<Block>, String> {
    let dspt: Vec<&ChecklistReport> = model
        .checklists
        .iter()
        .filter(|c| c.id.starts_with("dspt"))
        .collect();
    if dspt.is_empty() {
        return Err(format!(
            "the entry sheet is for the Data Security and Protection Toolkit, and assessment `{}` does not answer a DSPT checklist",
            model.assessment_id
        ));
    }
    let mut blocks = vec![heading(&format!("DSPT entry sheet: {}", place(model)), 1)];
    if let Some(ods) = &model.profile.ods_code {
        blocks.push(Block::paragraph(
            format!("Log in to the toolkit with ODS code {}.", safe(ods)),
            BODY,
        ));
    }
    blocks.push(Block::paragraph(
        "Work down the list in the live toolkit. \"Answer\" is what carecheck's answer means there; \"Paste as evidence\" is text to copy into the item's evidence or comment box. Check each against the toolkit's own wording: the toolkit is the authority, and it may ask for items carecheck does not list.",
        SMALL.colour(Colour::Black),
    ));
    for checklist in dspt {
        blocks.push(heading(&checklist.title, 2));
        for level in &checklist.progress.levels {
            blocks.push(level_line(level, 0.0));
        }
        let mut items: Vec<&ItemReport> = checklist.items.iter().collect();
        items.sort_by_key(|i| toolkit_order(&i.key.item));
        let rows = items.iter().map(|i| row(model, i)).collect();
        blocks.push(Block::Table {
            widths: vec![0.8, 2.6, 2.1, 4.0, 0.5],
            header: ["Item", "Title", "Answer", "Paste as evidence", "Done"]
                .iter()
                .map(|h| Cell::new(*h, LABEL))
                .collect(),
            rows,
        });
    }
    Ok(blocks)
}

/// "1.10.2" sorts after "1.9.1": each dotted part compared as a number where it is one.
fn toolkit_order(id: &str) -> Vec<(u64, String)> {
    id.split('.')
        .map(|part| (part.parse().unwrap_or(u64::MAX), part.to_owned()))
        .collect()
}

fn row(model: &ReportModel, item: &ItemReport) -> Vec<Cell> {
    let (answer, colour) = match &item.outcome {
        Outcome::Met => ("Yes".to_owned(), Colour::Green),
        Outcome::Gap { reason } => (
            format!("No: {} ({})", safe(reason), mark(item.status)),
            Colour::Red,
        ),
        Outcome::NotApplicable { .. } => ("Not applicable".to_owned(), Colour::Blue),
        Outcome::Alternative { .. } => (
            "Met another way: say how in the evidence box".to_owned(),
            Colour::Blue,
        ),
        Outcome::Unanswered => ("Not answered yet in carecheck".to_owned(), Colour::Grey),
        Outcome::ToConfirm { was } => (
            format!(
                "Carried forward ({}): confirm it in carecheck before entering it",
                was.describe()
            ),
            Colour::Grey,
        ),
    };
    let mut paste: Vec<String> = Vec::new();
    if let (Some(label), Some(value)) = (&item.value_label, &item.value_shown) {
        paste.push(format!("{}: {}.", safe(label), safe(value)));
    }
    match &item.outcome {
        Outcome::NotApplicable {
            reason: Some(reason),
        } => paste.push(format!("Not applicable because {}.", safe(reason))),
        Outcome::Alternative { justification } => paste.push(safe(justification)),
        _ => {}
    }
    if !item.note.is_empty() {
        paste.push(safe(&item.note));
    }
    let evidence: Vec<String> = item
        .evidence
        .iter()
        .filter_map(|n| model.evidence.iter().find(|e| e.number == *n))
        .map(|e| {
            let mut text = safe(e.name());
            match (e.dated, e.review_by) {
                (Some(d), Some(r)) => {
                    text.push_str(&format!(" (dated {}, review by {})", d.uk(), r.uk()))
                }
                (Some(d), None) => text.push_str(&format!(" (dated {})", d.uk())),
                (None, Some(r)) => text.push_str(&format!(" (review by {})", r.uk())),
                (None, None) => {}
            }
            text
        })
        .collect();
    if !evidence.is_empty() {
        paste.push(format!("Evidence held: {}.", evidence.join("; ")));
    }
    if let Some(head) = &item.inherited_from {
        paste.push(format!(
            "(Answered by the head office, {}.)",
            safe(&head.name)
        ));
    }
    let paste = if paste.is_empty() {
        "–".to_owned()
    } else {
        paste.join(" ")
    };
    vec![
        Cell::new(safe(&item.key.item), LABEL),
        Cell::new(safe(&item.title), SMALL.colour(Colour::Black)),
        Cell::new(answer, BODY.colour(colour)),
        Cell::new(paste, SMALL.colour(Colour::Black)),
        Cell::new("☐", BODY),
    ]
}

#[cfg(test)]
mod tests {
    use super::toolkit_order;

    #[test]
    fn items_sort_as_the_toolkit_numbers_them() {
        let mut ids = vec!["1.10.1", "1.9.2", "10.1.1", "2.1.1", "1.9.10"];
        ids.sort_by_key(|i| toolkit_order(i));
        assert_eq!(ids, ["1.9.2", "1.9.10", "1.10.1", "2.1.1", "10.1.1"]);
    }
}
