//! The end of the evidence pack: the evidence index (every file re-checked when the pack is
//! built), the change log and the sign-off page.

use super::layout::{Block, Cell, Colour, TextStyle};
use super::model::{EvidenceRow, ReportModel};
use super::phrases::{
    capitalised, evidence_checked, evidence_state, heading, id_cell, level_line, place, safe, size,
    when,
};
use crate::domain::assessment::EvidenceSource;
use crate::evidence::FileCheck;

const BODY: TextStyle = TextStyle::BODY;
const LABEL: TextStyle = TextStyle::LABEL;
const SMALL: TextStyle = TextStyle::SMALL;

/// A SHA-256 split into two fixed halves of 32 digits, so it never breaks at a random place
/// and the halves line up in the monospaced face.
pub(super) fn split_hash(hash: &str) -> String {
    if hash.len() == 64 && hash.is_ascii() {
        format!("{}\n{}", &hash[..32], &hash[32..])
    } else {
        safe(hash)
    }
}

pub(super) fn evidence_index(model: &ReportModel) -> Vec<Block> {
    let mut blocks = vec![heading("Evidence index", 1)];
    if model.evidence.is_empty() {
        blocks.push(Block::paragraph("No evidence has been recorded.", BODY));
        return blocks;
    }
    let problems = model.evidence_problems().count();
    let overdue = model.evidence.iter().filter(|e| e.overdue).count();
    let check_text = if problems == 0 {
        format!(
            "{}.",
            capitalised(&evidence_checked(model.evidence_counts()))
        )
    } else {
        format!(
            "WARNING: {problems} evidence file(s) changed or went missing after they were recorded. They are marked below; the recorded SHA-256 no longer matches what is on disk."
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
    if overdue > 0 {
        blocks.push(Block::paragraph(
            format!(
                "{} past its review date on the day this pack was built.",
                crate::text::count(overdue, "entry is", "entries are")
            ),
            LABEL.colour(Colour::Red),
        ));
    }
    for checklist in &model.checklists {
        let rows: Vec<Vec<Cell>> = model
            .evidence
            .iter()
            .filter(|e| e.item.checklist == checklist.id)
            .map(evidence_row)
            .collect();
        if rows.is_empty() {
            continue;
        }
        blocks.push(heading(&checklist.title, 2));
        blocks.push(Block::Table {
            widths: vec![0.6, 0.9, 2.6, 1.7, 2.5, 1.7],
            header: [
                "No.",
                "Item",
                "Evidence",
                "Dated / review",
                "SHA-256",
                "Check",
            ]
            .iter()
            .map(|h| Cell::new(*h, LABEL))
            .collect(),
            rows,
        });
    }
    blocks
}

fn evidence_row(e: &EvidenceRow) -> Vec<Cell> {
    let (what, hash) = match &e.source {
        EvidenceSource::File {
            sha256,
            size: bytes,
            recorded,
            ..
        } => (
            format!(
                "{}\n{}, recorded {}",
                safe(e.name()),
                size(*bytes),
                recorded.date().uk()
            ),
            match &e.check {
                FileCheck::Changed { sha256: now, .. } => format!(
                    "recorded:\n{}\nnow:\n{}",
                    split_hash(sha256),
                    split_hash(now)
                ),
                _ => split_hash(sha256),
            },
        ),
        EvidenceSource::Document { name } => (safe(name), "–".to_owned()),
    };
    let review = match (e.review_by, e.overdue) {
        (Some(d), true) => format!("review {} (overdue)", d.uk()),
        (Some(d), false) => format!("review {}", d.uk()),
        (None, _) => "no review date".to_owned(),
    };
    let dates = format!(
        "{}\n{review}",
        e.dated
            .map_or("undated".into(), |d| format!("dated {}", d.uk()))
    );
    vec![
        Cell::new(format!("E{}", e.number), BODY),
        id_cell(&e.item),
        Cell::new(what, BODY),
        Cell::new(
            dates,
            SMALL.colour(if e.overdue {
                Colour::Red
            } else {
                Colour::Black
            }),
        ),
        Cell::new(hash, TextStyle::MONO),
        evidence_state(e),
    ]
}

/// Every change from the journal (only when asked for: `carecheck report --history`).
pub(super) fn change_log(model: &ReportModel) -> Vec<Block> {
    if model.history.is_empty() {
        return Vec::new();
    }
    let rows = model
        .history
        .iter()
        .map(|c| {
            vec![
                Cell::new(when(c.at), SMALL.colour(Colour::Black)),
                Cell::new(c.by.as_deref().map_or("–".into(), safe), BODY),
                Cell::new(
                    c.item
                        .as_ref()
                        .map_or("–".into(), |i| safe(&model.item_name(i))),
                    BODY,
                ),
                Cell::new(safe(&c.what), BODY),
            ]
        })
        .collect();
    vec![
        heading("Change log", 1),
        Block::paragraph(
            "Every change recorded in this assessment's journal, oldest first, with who made it (as recorded on the computer used) and when (UTC).",
            BODY,
        ),
        Block::Table {
            widths: vec![1.6, 1.6, 2.4, 3.4],
            header: ["When", "By", "Item", "Change"]
                .iter()
                .map(|h| Cell::new(*h, LABEL))
                .collect(),
            rows,
        },
    ]
}

pub(super) fn sign_off(model: &ReportModel) -> Vec<Block> {
    let mut blocks = Vec::new();
    if !model.orphaned.is_empty() {
        blocks.push(heading("Answers kept from an earlier edition", 1));
        blocks.push(Block::paragraph("These answers are for items the current edition of their checklist no longer has. They are kept so no work is lost.", BODY));
        for item in &model.orphaned {
            blocks.push(Block::paragraph(
                format!("• {}", safe(&model.item_name(item))),
                BODY,
            ));
        }
    }
    blocks.push(heading("Sign-off", 1));
    blocks.push(Block::paragraph(
        format!(
            "We have reviewed this evidence pack for {} and confirm that it is a fair record of our position on the date signed. It records these outcomes:",
            safe(&place(model))
        ),
        BODY,
    ));
    for c in &model.checklists {
        blocks.push(Block::Paragraph {
            cells: vec![Cell::new(safe(&c.title), LABEL)],
            indent: 10.0,
        });
        for level in &c.progress.levels {
            blocks.push(level_line(level, 20.0));
        }
        if c.progress.levels.is_empty() {
            let t = c.progress.tally;
            blocks.push(Block::Paragraph {
                cells: vec![Cell::new(
                    format!(
                        "{} of {} items met or met another way; {} gaps.",
                        t.met + t.alternative,
                        t.total,
                        t.gaps
                    ),
                    BODY,
                )],
                indent: 20.0,
            });
        }
    }
    let problems = model.evidence_needing_attention().count();
    if problems > 0 {
        blocks.push(Block::paragraph(
            format!(
                "✗ {} needs attention (see the evidence index).",
                crate::text::count(problems, "evidence entry", "evidence entries")
            ),
            LABEL.colour(Colour::Red),
        ));
    }
    blocks.push(Block::Paragraph {
        cells: vec![
            Cell::new("Pack fingerprint:", SMALL.colour(Colour::Grey)),
            Cell::new(&model.pack_fingerprint, TextStyle::MONO),
        ],
        indent: 0.0,
    });
    blocks.push(Block::paragraph(
        "How to check this file: carecheck verify FILE.pdf says which document it is and whether its pages are the ones carecheck sealed (a checksum, not a signature). A signed copy comes with FILE.pdf.sig, which anyone can check with OpenSSH, where allowed_signers holds the line the signer's carecheck key show prints:",
        SMALL,
    ));
    blocks.push(Block::paragraph(
        "ssh-keygen -Y verify -f allowed_signers -I NAME -n file -s FILE.pdf.sig < FILE.pdf",
        TextStyle::MONO,
    ));
    blocks.push(Block::paragraph(
        "Cyber Essentials asks for sign-off by a board-level member or equivalent; the DSPT is confirmed by a senior person responsible for data security. Both signatures are expected.",
        SMALL,
    ));
    let assessor = model.assessor.as_deref().map(safe);
    for (role, name) in [
        ("1. Assessor", assessor),
        (
            "2. Senior owner or board member (for example the registered manager, SIRO or a director)",
            None,
        ),
    ] {
        let mut group = vec![Block::Space(6.0), Block::paragraph(role, LABEL)];
        let name_label = match &name {
            Some(n) => format!("Name (recorded as the assessor: {n})"),
            None => "Name".to_owned(),
        };
        group.push(Block::Field {
            label: name_label,
            height: 20.0,
        });
        group.push(Block::Field {
            label: "Role".into(),
            height: 20.0,
        });
        group.push(Block::Field {
            label: "Signature".into(),
            height: 42.0,
        });
        group.push(Block::Field {
            label: "Date (DD/MM/YYYY)".into(),
            height: 20.0,
        });
        blocks.push(Block::Keep(group));
    }
    blocks
}
