//! The end of the evidence pack: the evidence index (every file re-checked when the pack is
//! built) and the sign-off page.

use super::compose::{heading, key_cell, place, safe};
use super::layout::{Block, Cell, Colour, TextStyle};
use super::model::{EvidenceRow, ReportModel};
use crate::domain::assessment::EvidenceSource;
use crate::evidence::FileCheck;

const BODY: TextStyle = TextStyle::BODY;
const LABEL: TextStyle = TextStyle::LABEL;
const SMALL: TextStyle = TextStyle::SMALL;

pub(super) fn evidence_index(model: &ReportModel) -> Vec<Block> {
    let mut blocks = vec![heading("Evidence index", 1)];
    if model.evidence.is_empty() {
        blocks.push(Block::paragraph("No evidence has been recorded.", BODY));
        return blocks;
    }
    let problems = model.evidence_problems().count();
    let check_text = if problems == 0 {
        "Every evidence file was read again when this pack was built and matched its recorded fingerprint.".to_owned()
    } else {
        format!(
            "WARNING: {problems} evidence file(s) changed or went missing after they were recorded. They are marked below; the recorded fingerprint no longer matches what is on disk."
        )
    };
    blocks.push(Block::paragraph(
        check_text,
        if problems == 0 {
            BODY
        } else {
            LABEL.colour(Colour::Red)
        },
    ));
    let rows = model.evidence.iter().map(evidence_row).collect();
    blocks.push(Block::Table {
        widths: vec![0.6, 1.6, 3.1, 2.6, 1.3, 1.7],
        header: [
            "No.",
            "Item",
            "Evidence",
            "SHA-256 and size",
            "Dated / review",
            "Check",
        ]
        .iter()
        .map(|h| Cell::new(*h, LABEL))
        .collect(),
        rows,
    });
    blocks
}

fn evidence_row(e: &EvidenceRow) -> Vec<Cell> {
    let (what, mut fingerprint) = match &e.source {
        EvidenceSource::File {
            path, sha256, size, ..
        } => (safe(path), format!("{sha256} ({size} bytes)")),
        EvidenceSource::Document { name } => (safe(name), "a named document, not a file".into()),
    };
    let dates = format!(
        "{} / {}",
        e.dated.map_or("–".into(), |d| d.to_string()),
        e.review_by.map_or("–".into(), |d| d.to_string())
    );
    let (check, colour) = match &e.check {
        FileCheck::NotAFile => ("–".to_owned(), Colour::Grey),
        FileCheck::Unchanged => ("✓ unchanged".to_owned(), Colour::Green),
        FileCheck::CarriedCopy => ("✓ unchanged (bundled copy)".to_owned(), Colour::Green),
        FileCheck::Changed { sha256, size } => {
            fingerprint = format!("recorded: {fingerprint}\nnow: {sha256} ({size} bytes)");
            ("✗ CHANGED".to_owned(), Colour::Red)
        }
        FileCheck::Missing => ("✗ MISSING".to_owned(), Colour::Red),
        FileCheck::Unreadable { reason } => {
            (format!("✗ cannot be read: {}", safe(reason)), Colour::Red)
        }
    };
    vec![
        Cell::new(format!("E{}", e.number), BODY),
        key_cell(&e.item),
        Cell::new(what, BODY),
        Cell::new(fingerprint, SMALL.colour(Colour::Black)),
        Cell::new(dates, SMALL.colour(Colour::Black)),
        Cell::new(check, LABEL.colour(colour)),
    ]
}

pub(super) fn sign_off(model: &ReportModel) -> Vec<Block> {
    let mut blocks = Vec::new();
    if !model.orphaned.is_empty() {
        blocks.push(heading("Answers kept from an earlier edition", 1));
        blocks.push(Block::paragraph("These answers are for items the current edition of their checklist no longer has. They are kept so no work is lost.", BODY));
        for item in &model.orphaned {
            blocks.push(Block::paragraph(
                format!("• {}", safe(&item.to_string())),
                BODY,
            ));
        }
    }
    blocks.push(heading("Sign-off", 1));
    blocks.push(Block::paragraph(
        format!("I have reviewed this evidence pack for {} and confirm it is a fair record of our position on the date below.", safe(&place(model))),
        BODY,
    ));
    for field in ["Name", "Role", "Signature", "Date"] {
        blocks.push(Block::Space(18.0));
        blocks.push(Block::Paragraph {
            cells: vec![
                Cell::new(format!("{field}:"), LABEL),
                Cell::new("_".repeat(60), TextStyle::BODY.colour(Colour::Grey)),
            ],
            indent: 0.0,
        });
    }
    blocks
}
