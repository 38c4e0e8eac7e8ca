//! The evidence pack's content and order, as layout blocks: cover, summary, gaps and action
//! plan, flagged items, alternative answers, every item, the evidence index and sign-off.

use super::appendix;
use super::layout::{Block, Cell, Colour, TextStyle};
use super::model::{ItemReport, ReportModel};
use crate::domain::assessment::{ActionStatus, Status};
use crate::domain::progress::Outcome;
use crate::text;

const BODY: TextStyle = TextStyle::BODY;
const LABEL: TextStyle = TextStyle::LABEL;
const SMALL: TextStyle = TextStyle::SMALL;

/// Text from the assessment or a checklist, with control and direction characters shown as
/// visible escapes, never passed to the PDF raw.
pub(super) fn safe(text: &str) -> String {
    text::multi_line(text).into_owned()
}

pub(super) fn heading(text: &str, level: u8) -> Block {
    Block::Heading {
        text: safe(text),
        level,
    }
}

fn labelled(label: &str, value: &str) -> Block {
    Block::Paragraph {
        cells: vec![
            Cell::new(format!("{label}:"), LABEL),
            Cell::new(safe(value), BODY),
        ],
        indent: 0.0,
    }
}

pub fn status_mark(status: Status) -> &'static str {
    match status {
        Status::Yes => "✓ Yes",
        Status::Partial => "◐ Partial",
        Status::No => "✗ No",
        Status::NotApplicable => "– Not applicable",
        Status::Alternative => "≈ Alternative",
        Status::Unanswered => "· Unanswered",
    }
}

fn status_colour(status: Status) -> Colour {
    match status {
        Status::Yes => Colour::Green,
        Status::Partial => Colour::Amber,
        Status::No => Colour::Red,
        Status::NotApplicable | Status::Alternative => Colour::Blue,
        Status::Unanswered => Colour::Grey,
    }
}

/// An item's key for a narrow table column: the checklist, then the item on its own line.
pub(super) fn key_cell(key: &crate::domain::checklist::ItemRef) -> Cell {
    Cell::new(
        format!("{}\n{}", safe(&key.checklist), safe(&key.item)),
        SMALL.colour(Colour::Black),
    )
}

pub(super) fn place(model: &ReportModel) -> String {
    match &model.site {
        Some(site) => format!("{}, {}", model.organisation, site),
        None => model.organisation.clone(),
    }
}

/// The whole pack.
pub fn compose(model: &ReportModel) -> Vec<Block> {
    let mut blocks = cover(model);
    blocks.extend(summary(model));
    blocks.extend(action_plan(model));
    blocks.extend(flagged_and_alternatives(model));
    for checklist in &model.checklists {
        blocks.push(heading(&format!("Answers: {}", checklist.title), 1));
        let mut section = "";
        for item in &checklist.items {
            if item.section != section {
                section = &item.section;
                blocks.push(heading(section, 2));
            }
            blocks.extend(item_detail(item));
        }
    }
    blocks.extend(appendix::evidence_index(model));
    blocks.extend(appendix::sign_off(model));
    blocks
}

fn cover(model: &ReportModel) -> Vec<Block> {
    let mut blocks = vec![
        Block::Space(40.0),
        Block::paragraph(
            "Cyber security and data protection",
            TextStyle {
                size: 13.0,
                bold: false,
                colour: Colour::Grey,
            },
        ),
        Block::paragraph(
            "Evidence pack",
            TextStyle {
                size: 28.0,
                bold: true,
                colour: Colour::Blue,
            },
        ),
        Block::Space(16.0),
        Block::paragraph(
            safe(&place(model)),
            TextStyle {
                size: 18.0,
                bold: true,
                colour: Colour::Black,
            },
        ),
        Block::Space(10.0),
    ];
    if let Some(assessor) = &model.assessor {
        blocks.push(labelled("Assessor", assessor));
    }
    blocks.push(labelled(
        "Generated",
        &format!(
            "{} (UTC)",
            model
                .generated
                .to_string()
                .replace('T', " ")
                .trim_end_matches('Z')
        ),
    ));
    blocks.push(labelled("Assessment", &model.assessment_id));
    blocks.push(labelled(
        "Produced by",
        &format!("carecheck {}", model.carecheck_version),
    ));
    let (answered, total) = (model.answered(), model.total());
    let state = if answered == 0 {
        "No item has been answered yet. This pack lists the questions still to answer; it is not evidence that any control is in place.".to_owned()
    } else if answered < total {
        format!(
            "{answered} of {total} items are answered ({}%). Items without an answer are shown as unanswered; they are not evidence either way.",
            answered * 100 / total
        )
    } else {
        format!("All {total} items are answered.")
    };
    blocks.extend([
        Block::Space(8.0),
        Block::paragraph(state, LABEL),
        Block::Space(10.0),
        heading("Checklists answered", 3),
    ]);
    let rows = model
        .checklists
        .iter()
        .map(|c| {
            vec![
                Cell::new(safe(&c.title), BODY),
                Cell::new(safe(&c.edition), BODY),
                Cell::new(&c.hash, SMALL),
            ]
        })
        .collect();
    blocks.push(Block::Table {
        widths: vec![3.0, 2.2, 3.2],
        header: vec![
            Cell::new("Checklist", LABEL),
            Cell::new("Edition", LABEL),
            Cell::new("SHA-256 of the text answered", LABEL),
        ],
        rows,
    });
    blocks.extend([
        heading("Fingerprint of this assessment", 3),
        Block::paragraph(&model.fingerprint, BODY),
        Block::paragraph(
            "The fingerprint is a SHA-256 over the saved assessment. The command carecheck status shows the same value while the assessment is unchanged, so a reader can tell which state of the work this pack shows. It also appears at the foot of every page. Evidence files were fingerprinted when recorded and checked again when this pack was built.",
            SMALL,
        ),
    ]);
    for c in model.checklists.iter().filter(|c| c.caution.is_some()) {
        blocks.push(Block::Space(6.0));
        blocks.push(Block::Paragraph {
            cells: vec![
                Cell::new(
                    format!("Please note ({}):", safe(&c.title)),
                    LABEL.colour(Colour::Amber),
                ),
                Cell::new(
                    safe(c.caution.as_deref().unwrap_or_default()),
                    SMALL.colour(Colour::Black),
                ),
            ],
            indent: 0.0,
        });
    }
    blocks
}

fn summary(model: &ReportModel) -> Vec<Block> {
    let mut blocks = vec![
        heading("Summary", 1),
        Block::Bar {
            label: "All checklists: items answered".into(),
            done: model.answered(),
            total: model.total(),
            indent: 0.0,
        },
    ];
    for c in &model.checklists {
        let t = c.progress.tally;
        blocks.push(heading(&c.title, 2));
        blocks.push(Block::paragraph(
            format!(
                "{} answered of {} · {} met · {} gaps · {} flagged for review",
                t.answered, t.total, t.met, t.gaps, t.flagged
            ),
            BODY,
        ));
        for s in &c.progress.sections {
            blocks.push(Block::Bar {
                label: safe(&s.title),
                done: s.tally.answered,
                total: s.tally.total,
                indent: 10.0,
            });
        }
        for level in &c.progress.levels {
            let (verdict, colour) = if level.reached() {
                ("reached", Colour::Green)
            } else {
                ("not yet reached", Colour::Red)
            };
            blocks.push(Block::Space(4.0));
            blocks.push(Block::Paragraph {
                cells: vec![
                    Cell::new(
                        format!("{}: {verdict}.", safe(&level.name)),
                        LABEL.colour(colour),
                    ),
                    Cell::new(
                        format!("{} of {} required items met.", level.met, level.required),
                        BODY,
                    ),
                ],
                indent: 0.0,
            });
            if !level.blocking.is_empty() {
                let rows = level
                    .blocking
                    .iter()
                    .map(|b| {
                        let why = match &b.outcome {
                            Outcome::Gap { reason } => safe(reason),
                            _ => "not answered yet".into(),
                        };
                        let critical = if b.critical { " (critical)" } else { "" };
                        vec![
                            Cell::new(safe(&b.item), BODY),
                            Cell::new(format!("{}{critical}", safe(&b.title)), BODY),
                            Cell::new(why, BODY),
                        ]
                    })
                    .collect();
                blocks.push(Block::Table {
                    widths: vec![1.0, 4.0, 3.0],
                    header: vec![
                        Cell::new("Item", LABEL),
                        Cell::new("Blocking this level", LABEL),
                        Cell::new("Why", LABEL),
                    ],
                    rows,
                });
            }
        }
    }
    blocks
}

fn action_plan(model: &ReportModel) -> Vec<Block> {
    let plan = model.action_plan();
    let mut blocks = vec![heading("Gaps and action plan", 1)];
    if plan.is_empty() {
        blocks.push(Block::paragraph(
            "No item is answered partial or no, so there are no gaps to close.",
            BODY,
        ));
        return blocks;
    }
    blocks.push(Block::paragraph(
        format!(
            "{} gaps, most urgent first. Each needs an owner and a date; {} are still open.",
            plan.len(),
            model.open_actions()
        ),
        BODY,
    ));
    let rows = plan
        .iter()
        .map(|p| {
            let a = p.item.action.as_ref();
            let priority = a.map_or("not set".into(), |a| capitalised(&a.priority.to_string()));
            let owner = a
                .map(|a| safe(&a.owner))
                .filter(|o| !o.is_empty())
                .unwrap_or_else(|| "no owner yet".into());
            let due = a
                .and_then(|a| a.due)
                .map_or("no date".into(), |d| d.to_string());
            let state = match a.map(|a| a.status) {
                Some(ActionStatus::Done) => "done",
                Some(ActionStatus::InProgress) => "in progress",
                _ => "open",
            };
            vec![
                Cell::new(priority, LABEL),
                key_cell(&p.item.key),
                Cell::new(
                    format!("{} ({})", safe(&p.item.title), status_mark(p.item.status)),
                    BODY,
                ),
                Cell::new(owner, BODY),
                Cell::new(due, BODY),
                Cell::new(state, BODY),
            ]
        })
        .collect();
    blocks.push(Block::Table {
        widths: vec![1.3, 1.9, 3.6, 1.6, 1.4, 1.2],
        header: ["Priority", "Item", "Gap", "Owner", "Due", "Status"]
            .iter()
            .map(|h| Cell::new(*h, LABEL))
            .collect(),
        rows,
    });
    blocks
}

fn flagged_and_alternatives(model: &ReportModel) -> Vec<Block> {
    let mut blocks = vec![
        heading("Flagged for review and alternative answers", 1),
        heading("Flagged for review", 2),
    ];
    let flagged: Vec<Vec<Cell>> = model
        .flagged()
        .map(|i| {
            vec![
                key_cell(&i.key),
                Cell::new(safe(&i.title), BODY),
                Cell::new(status_mark(i.status), BODY.colour(status_colour(i.status))),
            ]
        })
        .collect();
    if flagged.is_empty() {
        blocks.push(Block::paragraph("No item is flagged for review.", BODY));
    } else {
        blocks.push(Block::Table {
            widths: vec![2.0, 5.0, 2.0],
            header: vec![
                Cell::new("Item", LABEL),
                Cell::new("Title", LABEL),
                Cell::new("Answer", LABEL),
            ],
            rows: flagged,
        });
    }
    blocks.push(heading("Met another way (alternative answers)", 2));
    let alternatives: Vec<Vec<Cell>> = model
        .alternatives()
        .map(|i| {
            vec![
                key_cell(&i.key),
                Cell::new(safe(&i.title), BODY),
                Cell::new(
                    safe(
                        i.justification
                            .as_deref()
                            .unwrap_or("(no justification recorded)"),
                    ),
                    BODY,
                ),
            ]
        })
        .collect();
    if alternatives.is_empty() {
        blocks.push(Block::paragraph(
            "No item is answered as met another way.",
            BODY,
        ));
    } else {
        blocks.push(Block::Table {
            widths: vec![2.0, 3.0, 5.0],
            header: vec![
                Cell::new("Item", LABEL),
                Cell::new("Title", LABEL),
                Cell::new("Justification", LABEL),
            ],
            rows: alternatives,
        });
    }
    blocks
}

fn item_detail(item: &ItemReport) -> Vec<Block> {
    let mut blocks = vec![Block::Paragraph {
        cells: vec![
            Cell::new(
                format!("{} {}", safe(&item.key.item), safe(&item.title)),
                LABEL,
            ),
            Cell::new(
                format!("  {}", status_mark(item.status)),
                LABEL.colour(status_colour(item.status)),
            ),
            Cell::new(
                if item.flagged { "  ⚑ flagged" } else { "" },
                BODY.colour(Colour::Amber),
            ),
        ],
        indent: 0.0,
    }];
    let indent = 12.0;
    let line = |label: &str, value: String| Block::Paragraph {
        cells: vec![
            Cell::new(format!("{label}:"), SMALL.colour(Colour::Grey)),
            Cell::new(value, BODY),
        ],
        indent,
    };
    if !item.levels.is_empty() {
        blocks.push(line("Counts towards", safe(&item.levels.join(", "))));
    }
    if let Some(label) = &item.value_label {
        let value = item.value.as_deref().map_or("not recorded".into(), safe);
        let problem = item
            .value_problem
            .as_deref()
            .map(|p| format!(" (not met: {})", safe(p)))
            .unwrap_or_default();
        blocks.push(line(label, format!("{value}{problem}")));
    }
    if let Some(j) = &item.justification {
        blocks.push(line("Met another way because", safe(j)));
    }
    if !item.note.is_empty() {
        blocks.push(line("Note", safe(&item.note)));
    }
    if !item.evidence.is_empty() {
        let refs: Vec<String> = item.evidence.iter().map(|n| format!("E{n}")).collect();
        blocks.push(line(
            "Evidence",
            format!("{} (see the evidence index)", refs.join(", ")),
        ));
    }
    if let Some(a) = &item.action {
        let owner = if a.owner.is_empty() {
            "no owner yet".into()
        } else {
            safe(&a.owner)
        };
        let due = a.due.map_or("no date".into(), |d| d.to_string());
        blocks.push(line(
            "Action",
            format!("{owner}, by {due}, {} priority", a.priority),
        ));
    }
    blocks.push(Block::Space(4.0));
    blocks
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
