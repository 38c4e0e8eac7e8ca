//! The supplier and risk registers on paper: reminders, the supplier table, which critical
//! services rest on one supplier, a risk heat map with each risk placed, and the risks with
//! their owners and the items that keep them high. Also each supplier's questionnaire.

use super::Pack;
use super::document::{DocumentKind, Finish, finish};
use super::heads::add_running_heads;
use super::layout::{A4, Block, Cell, Colour, TextStyle, layout};
use super::pdf;
use crate::domain::date::{Date, Timestamp};
use crate::domain::fields::paper_cells;
use crate::domain::registers::{SUPPLIER_FIELDS, Supplier, SupplierQuestion};
use crate::registers::{Counted, Mitigation, RegisterView, band};
use crate::text::one_line;

fn safe(text: &str) -> String {
    one_line(text).into_owned()
}

fn heading(text: impl Into<String>, level: u8) -> Block {
    Block::Heading {
        text: text.into(),
        level,
    }
}

fn header(titles: &[&str]) -> Vec<Cell> {
    titles
        .iter()
        .map(|h| Cell::new(*h, TextStyle::LABEL))
        .collect()
}

/// The colour a score is printed in; its band's word always goes with it.
fn score_colour(score: u8) -> Colour {
    match score {
        0..=4 => Colour::Green,
        5..=9 => Colour::Amber,
        _ => Colour::Red,
    }
}

/// The registers as an appendix of the evidence pack (for `compose` to append).
/// How many entries of one list (suppliers, risks, reminders, suppliers' loads) the printed
/// registers show. A provider has dozens; a register of 100,000 made a 3,000-page PDF that
/// took gigabytes to lay out, and nobody reads it on paper. The CSV exports list every one.
const PRINTED_AT_MOST: usize = 500;

/// How many risk ids one heat-map cell names before it counts the rest.
const IDS_PER_CELL: usize = 12;

/// The entries of `all` that are printed, and the line that says how many were left out.
fn printed<'a, T>(all: &'a [T], one: &str, many: &str) -> (&'a [T], Option<Block>) {
    if all.len() <= PRINTED_AT_MOST {
        return (all, None);
    }
    let left = all.len() - PRINTED_AT_MOST;
    let line = Block::paragraph(
        format!(
            "... and {} more {}, not printed here: the register's CSV export lists every one.",
            grouped(left),
            if left == 1 { one } else { many }
        ),
        TextStyle::LABEL,
    );
    (&all[..PRINTED_AT_MOST], Some(line))
}

/// A count with thousands separated by commas, as it is written in the UK: 99,500.
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

pub fn appendix_blocks(view: &RegisterView, today: Date) -> Vec<Block> {
    titled(view, today, "Appendix: suppliers and risks".to_owned())
}

/// The registers' blocks for their own PDF.
pub fn blocks(view: &RegisterView, place: &str, today: Date) -> Vec<Block> {
    titled(view, today, format!("Suppliers and risks: {}", safe(place)))
}

fn titled(view: &RegisterView, today: Date, title: String) -> Vec<Block> {
    let mut b = vec![
        heading(title, 1),
        Block::paragraph(
            format!(
                "Made {} from what is recorded in carecheck. How well each risk is mitigated is worked out from the answers to the checklist items that protect against it, never entered separately. Scores are likelihood x impact, each 1 to 5 (our own scale): 1-4 low, 5-9 medium, 10-14 high, 15-25 very high.",
                today.uk()
            ),
            TextStyle::BODY,
        ),
    ];
    b.push(heading("Reminders", 2));
    if view.reminders.is_empty() {
        b.push(Block::paragraph(
            "Nothing due: no certificate or DSPT status expires within 60 days, and no supplier or risk is due for review.",
            TextStyle::BODY.colour(Colour::Green),
        ));
    }
    let (reminders, more) = printed(&view.reminders, "reminder", "reminders");
    for r in reminders {
        b.push(Block::paragraph(
            format!("! {}", safe(r.on_paper())),
            TextStyle::LABEL.colour(Colour::Red),
        ));
    }
    b.extend(more);
    b.extend(suppliers(view));
    b.extend(concentration(view));
    b.extend(heat_map(view));
    b.extend(risks(view));
    b
}

fn suppliers(view: &RegisterView) -> Vec<Block> {
    let mut b = vec![heading("Supplier register", 2)];
    if view.suppliers.is_empty() {
        b.push(Block::paragraph(
            "No suppliers recorded yet.",
            TextStyle::BODY,
        ));
        return b;
    }
    // The printed table's columns are the field table's paper cells.
    let columns = paper_cells(SUPPLIER_FIELDS);
    let (shown, more) = printed(&view.suppliers, "supplier", "suppliers");
    let rows = shown
        .iter()
        .map(|s| {
            columns
                .iter()
                .enumerate()
                .map(|(n, column)| {
                    let mut text: Vec<String> =
                        (column.lines)(&s.record).iter().map(|l| safe(l)).collect();
                    // The first column names the supplier, and whose record it is.
                    if n == 0 && s.inherited {
                        text.push("(head office)".into());
                    }
                    let style = if column.body {
                        TextStyle::BODY
                    } else {
                        TextStyle::SMALL
                    };
                    Cell::new(text.join("\n"), style)
                })
                .collect()
        })
        .collect();
    for note in &view.evidence {
        b.push(Block::Paragraph {
            cells: vec![
                Cell::new(
                    format!("Evidence for {}:", note.item.item),
                    TextStyle::LABEL,
                ),
                Cell::new(safe(&note.text), TextStyle::BODY),
            ],
            indent: 0.0,
        });
    }
    b.push(Block::Table {
        widths: columns.iter().map(|c| c.width).collect(),
        header: header(&columns.iter().map(|c| c.header).collect::<Vec<_>>()),
        rows,
    });
    b.extend(more);
    b
}

fn concentration(view: &RegisterView) -> Vec<Block> {
    let c = &view.concentration;
    let mut b = vec![heading("If a supplier goes down", 2)];
    if c.by_supplier.is_empty() {
        b.push(Block::paragraph(
            "No supplier is marked critical to care with the services it provides.",
            TextStyle::BODY,
        ));
        return b;
    }
    let (loads, more) = printed(&c.by_supplier, "critical supplier", "critical suppliers");
    for load in loads {
        b.push(Block::paragraph(safe(&load.describe()), TextStyle::BODY));
    }
    b.extend(more);
    if c.single_supplier.is_empty() {
        b.push(Block::paragraph(
            "Every critical service has more than one critical supplier.",
            TextStyle::BODY.colour(Colour::Green),
        ));
    } else {
        let single: Vec<String> = c
            .single_supplier
            .iter()
            .map(|s| format!("{} (only {})", s.service.label(), safe(&s.name)))
            .collect();
        b.push(Block::paragraph(
            format!(
                "Critical services resting on one supplier: {}.",
                single.join("; ")
            ),
            TextStyle::LABEL.colour(Colour::Amber),
        ));
    }
    b
}

const LIKELIHOOD: [&str; 5] = [
    "1 rare",
    "2 unlikely",
    "3 possible",
    "4 likely",
    "5 almost certain",
];
const IMPACT: [&str; 5] = [
    "1 negligible",
    "2 minor",
    "3 moderate",
    "4 major",
    "5 severe",
];

/// A 5 x 5 grid, impact down the side (severe at the top) and likelihood across, with each
/// risk's id placed at its residual score and the band named in each occupied cell.
fn heat_map(view: &RegisterView) -> Vec<Block> {
    let title = heading("Risk heat map (after controls)", 2);
    if view.risks.is_empty() {
        return vec![
            title,
            Block::paragraph(
                "No risks recorded yet. carecheck has a starter set of the risks most care providers share, to adopt and score.",
                TextStyle::BODY,
            ),
        ];
    }
    let mut head = vec!["Impact / likelihood"];
    head.extend(LIKELIHOOD);
    let rows = (1..=5u8)
        .rev()
        .map(|impact| {
            let mut row = vec![Cell::new(IMPACT[usize::from(impact - 1)], TextStyle::LABEL)];
            for likelihood in 1..=5u8 {
                let here: Vec<&str> = view
                    .risks
                    .iter()
                    .filter(|r| {
                        r.residual_likelihood == likelihood && r.risk.record.impact == impact
                    })
                    .map(|r| r.risk.id.as_str())
                    .collect();
                let score = likelihood * impact;
                let mut named = here
                    .iter()
                    .take(IDS_PER_CELL)
                    .copied()
                    .collect::<Vec<_>>()
                    .join("\n");
                if here.len() > IDS_PER_CELL {
                    named.push_str(&format!(
                        "\nand {} more",
                        grouped(here.len() - IDS_PER_CELL)
                    ));
                }
                row.push(if here.is_empty() {
                    Cell::new("", TextStyle::SMALL)
                } else {
                    Cell::new(
                        format!("{}:\n{named}", band(score)),
                        TextStyle::SMALL.colour(score_colour(score)),
                    )
                });
            }
            row
        })
        .collect();
    // The grid is read as a whole: its heading and its five rows are kept on one page.
    vec![Block::Keep(vec![
        title,
        Block::Table {
            widths: vec![1.6, 1.7, 1.7, 1.7, 1.7, 1.7],
            header: header(&head),
            rows,
        },
    ])]
}

fn risks(view: &RegisterView) -> Vec<Block> {
    if view.risks.is_empty() {
        return Vec::new();
    }
    let mut b = vec![heading("Risks, owners and mitigations", 2)];
    let (shown, more) = printed(&view.risks, "risk", "risks");
    let rows = shown
        .iter()
        .map(|r| {
            let rec = &r.risk.record;
            let title = if r.risk.inherited {
                format!("{} ({})\n(head office)", safe(&rec.title), r.risk.id)
            } else {
                format!("{} ({})", safe(&rec.title), r.risk.id)
            };
            let weak: Vec<String> = r
                .weak
                .iter()
                // The item's official id, never carecheck's internal key (checklist:item).
                .map(|w| format!("{}: {}", w.item.item, safe(&w.outcome.describe())))
                .collect();
            // The suppliers whose controls protect against it, by name (an id the register
            // no longer has is shown as it was recorded, so a dangling link is visible).
            let linked: Vec<String> = rec
                .suppliers
                .iter()
                .map(|id| match view.supplier(id) {
                    Some(s) => safe(&s.record.name),
                    None => format!("{} (not in the register)", safe(id)),
                })
                .collect();
            let mut mitigation = match r.mitigation {
                Mitigation::InPlace => format!("{} ({} met)", r.mitigation.label(), r.met.len()),
                _ => format!(
                    "{}: {} met, {} open",
                    r.mitigation.label(),
                    r.met.len(),
                    r.weak.len()
                ),
            };
            if !linked.is_empty() {
                mitigation = format!("{mitigation}\nSuppliers: {}", linked.join(", "));
            }
            vec![
                Cell::new(title, TextStyle::BODY),
                Cell::new(
                    format!(
                        "{}\n{}",
                        if rec.owner.is_empty() {
                            "-".into()
                        } else {
                            safe(&rec.owner)
                        },
                        rec.review_by
                            .map_or("no review date".into(), |d| format!("review {}", d.uk()))
                    ),
                    TextStyle::SMALL,
                ),
                Cell::new(
                    format!("{} {}", r.inherent, band(r.inherent)),
                    TextStyle::SMALL.colour(score_colour(r.inherent)),
                ),
                Cell::new(
                    format!("{} {}", r.residual, band(r.residual)),
                    TextStyle::LABEL.colour(score_colour(r.residual)),
                ),
                Cell::new(
                    if weak.is_empty() {
                        mitigation
                    } else {
                        format!("{mitigation}\nKeeping it high:\n{}", weak.join("\n"))
                    },
                    TextStyle::SMALL,
                ),
            ]
        })
        .collect();
    b.push(Block::Table {
        widths: vec![2.4, 1.8, 1.1, 1.2, 4.5],
        header: header(&["Risk", "Owner", "Before", "After", "Mitigation"]),
        rows,
    });
    b.extend(more);
    b
}

/// The questions for one supplier, with space for its answers, to send or take to a meeting.
pub fn questionnaire_blocks(
    supplier: &Counted<Supplier>,
    questions: &[SupplierQuestion],
    place: &str,
    today: Date,
) -> Vec<Block> {
    let mut b = vec![
        heading(
            format!("Security questions for {}", safe(&supplier.record.name)),
            1,
        ),
        Block::paragraph(
            format!(
                "From {} on {}. Please answer each question below; where you have a document (certificate, policy, contract clause), name it.",
                safe(place),
                today.uk()
            ),
            TextStyle::BODY,
        ),
    ];
    for (n, q) in questions.iter().enumerate() {
        let mut item = vec![
            heading(format!("{}. {}", n + 1, safe(&q.title)), 3),
            Block::paragraph(safe(&q.question), TextStyle::BODY),
            Block::Paragraph {
                cells: vec![
                    Cell::new("Why we ask:", TextStyle::LABEL),
                    Cell::new(safe(&q.why), TextStyle::SMALL),
                ],
                indent: 0.0,
            },
        ];
        match supplier.record.answers.get(&q.id) {
            Some(answer) => item.push(Block::Paragraph {
                cells: vec![
                    Cell::new("Answer recorded:", TextStyle::LABEL),
                    Cell::new(safe(answer), TextStyle::BODY),
                ],
                indent: 0.0,
            }),
            None => item.push(Block::Field {
                label: format!("Answer ({})", q.id),
                height: 48.0,
            }),
        }
        b.push(Block::Keep(item));
    }
    b
}

/// Lays out blocks as a PDF with running heads.
fn pack(
    blocks: &[Block],
    place: &str,
    (document, kind): (DocumentKind, &str),
    today: Date,
    generated: Timestamp,
    manifest: Option<String>,
) -> Result<Pack, String> {
    let place = safe(place);
    let right = format!("{kind} · {}", today.uk());
    let lay_out = |fonts: &pdf::Fonts| {
        let mut pages = layout(blocks, fonts, A4);
        add_running_heads(&mut pages, 0, fonts, A4, &place, &right, "carecheck");
        Ok(pages)
    };
    let meta = pdf::Metadata {
        title: format!("{kind}: {place}"),
        author: place.clone(),
        subject: kind.to_owned(),
        keywords: vec!["carecheck".into(), kind.to_lowercase()],
        created: generated,
        // The headings' own bookmarks are added from the pages.
        bookmarks: Vec::new(),
        manifest,
    };
    let document = Finish {
        kind: document,
        spec: A4,
        meta,
    };
    finish(document, &lay_out)
}

/// The registers as their own PDF.
pub fn registers_pack(
    view: &RegisterView,
    place: &str,
    today: Date,
    generated: Timestamp,
) -> Result<Pack, String> {
    let manifest = super::manifest::for_document(
        super::manifest::DocumentKind::Registers,
        None,
        generated,
        &(place, view),
    );
    pack(
        &blocks(view, place, today),
        place,
        (DocumentKind::Registers, "Suppliers and risks"),
        today,
        generated,
        Some(manifest.to_json()),
    )
}

/// One supplier's questionnaire as a PDF.
pub fn questionnaire_pack(
    supplier: &Counted<Supplier>,
    questions: &[SupplierQuestion],
    place: &str,
    today: Date,
    generated: Timestamp,
) -> Result<Pack, String> {
    pack(
        &questionnaire_blocks(supplier, questions, place, today),
        place,
        (DocumentKind::SupplierQuestions, "Supplier questions"),
        today,
        generated,
        None,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::registers::{Risk, ServiceKind};
    use crate::registers::{RiskStanding, WeakItem, concentration};
    use crate::report::layout::plain_text;

    fn standing(id: &str, likelihood: u8, impact: u8, residual_likelihood: u8) -> RiskStanding {
        let record = Risk {
            title: format!("Risk {id}"),
            description: String::new(),
            likelihood,
            impact,
            owner: "Sam".into(),
            review_by: None,
            mitigated_by: Vec::new(),
            suppliers: Vec::new(),
            starter: None,
            notes: String::new(),
        };
        RiskStanding {
            risk: Counted {
                id: id.into(),
                record,
                inherited: false,
            },
            inherent: likelihood * impact,
            mitigation: Mitigation::Partial,
            residual_likelihood,
            residual: residual_likelihood * impact,
            met: Vec::new(),
            weak: vec![WeakItem {
                item: crate::domain::checklist::ItemRef::new("dspt-social-care", "7.3.4"),
                outcome: crate::domain::progress::Outcome::Unanswered,
            }],
            not_applicable: Vec::new(),
            not_in_assessment: Vec::new(),
            review_due: false,
        }
    }

    #[test]
    fn counts_are_grouped_in_thousands() {
        for (n, shown) in [
            (0, "0"),
            (999, "999"),
            (1_000, "1,000"),
            (99_500, "99,500"),
            (1_234_567, "1,234,567"),
        ] {
            assert_eq!(grouped(n), shown);
        }
    }

    fn many_suppliers(n: usize) -> RegisterView {
        let records: Vec<Counted<Supplier>> = (0..n)
            .map(|i| Counted {
                id: format!("s{i}"),
                record: Supplier::named(&format!("Supplier {i}")),
                inherited: false,
            })
            .collect();
        RegisterView {
            concentration: concentration(&records),
            suppliers: records,
            risks: Vec::new(),
            reminders: Vec::new(),
            evidence: Vec::new(),
        }
    }

    /// The table's rows, and the paragraph after it, if any.
    fn printed_rows(blocks: &[Block]) -> (usize, Option<String>) {
        let at = blocks
            .iter()
            .position(|b| matches!(b, Block::Table { .. }))
            .expect("a table");
        let Block::Table { rows, .. } = &blocks[at] else {
            unreachable!()
        };
        let after = blocks
            .get(at + 1)
            .map(|b| plain_text(std::slice::from_ref(b)));
        (rows.len(), after)
    }

    /// A register of 100,000 suppliers made a 3,000-page PDF that took gigabytes to lay
    /// out: the paper shows the first 500 of a list and says how many more there are.
    #[test]
    fn a_long_register_prints_its_first_entries_and_counts_the_rest() {
        assert_eq!(printed_rows(&suppliers(&many_suppliers(500))), (500, None));
        let (rows, after) = printed_rows(&suppliers(&many_suppliers(501)));
        assert_eq!(rows, 500);
        assert_eq!(
            after.as_deref().map(str::trim),
            Some(
                "... and 1 more supplier, not printed here: the register's CSV export lists every one."
            )
        );
        let (rows, after) = printed_rows(&suppliers(&many_suppliers(2_600)));
        assert_eq!(rows, 500);
        assert!(
            after
                .as_deref()
                .is_some_and(|t| t.trim().starts_with("... and 2,100 more suppliers,")),
            "{after:?}"
        );
    }

    #[test]
    fn a_crowded_heat_map_cell_names_twelve_risks_and_counts_the_rest() {
        let mut view = many_suppliers(0);
        view.risks = (1..=13)
            .map(|n| standing(&format!("R{n}"), 3, 3, 3))
            .collect();
        let text = plain_text(&heat_map(&view));
        assert!(text.contains("R12"), "{text}");
        assert!(!text.contains("R13"), "{text}");
        assert!(text.contains("and 1 more"), "{text}");
    }

    #[test]
    fn the_heat_map_places_each_risk_at_its_residual_score() {
        let mut linked = standing("ransomware", 3, 5, 2);
        linked.risk.record.suppliers = vec!["acme".into(), "gone".into()];
        let suppliers = vec![Counted {
            id: "acme".into(),
            record: Supplier {
                critical: true,
                provides: vec![ServiceKind::CareRecords],
                ..Supplier::named("Acme")
            },
            inherited: false,
        }];
        let view = RegisterView {
            concentration: concentration(&suppliers),
            suppliers,
            risks: vec![linked, standing("lost", 1, 1, 1)],
            reminders: Vec::new(),
            evidence: Vec::new(),
        };
        let blocks = blocks(&view, "Oak", Date::parse("2026-11-28").expect("date"));
        let text = plain_text(&blocks);
        assert!(
            !text.contains("dspt-social-care:"),
            "an internal key on paper: {text}"
        );
        // The grid is never split between pages: its heading and rows are kept together.
        assert!(
            blocks.iter().any(|b| matches!(
                b,
                Block::Keep(inner) if matches!(
                    inner.as_slice(),
                    [Block::Heading { text, .. }, Block::Table { rows, .. }]
                        if text == "Risk heat map (after controls)" && rows.len() == 5
                )
            )),
            "{blocks:#?}"
        );
        // Impact 5 row: ransomware at likelihood 2 (after controls), score 10: high.
        assert!(
            text.contains("5 severe |  | high: ransomware |  |  | "),
            "{text}"
        );
        assert!(text.contains("1 negligible | low: lost |"), "{text}");
        assert!(text.contains("Digital care records (only Acme)"), "{text}");
        assert!(
            text.contains("Keeping it high: 7.3.4: unanswered"),
            "{text}"
        );
        assert!(text.contains("15 very high"), "{text}");
        assert!(text.contains("Nothing due"), "{text}");
        // The risk's linked suppliers are named in its row, a dangling id said to be one.
        let row = text
            .lines()
            .find(|l| l.starts_with("Risk ransomware (ransomware)"))
            .expect("risk row");
        assert!(
            row.contains("Suppliers: Acme, gone (not in the register)"),
            "{row}"
        );
        let lost = text
            .lines()
            .find(|l| l.starts_with("Risk lost (lost)"))
            .expect("risk row");
        assert!(!lost.contains("Suppliers:"), "{lost}");
    }

    /// A supplier never reviewed: the screen's reminder names the command, the paper says
    /// what to do in words (one rule for the reminder, two ways of saying what to do).
    #[test]
    fn a_reminder_on_paper_names_no_command() {
        let suppliers = vec![Counted {
            id: "bt-business".into(),
            record: Supplier::named("BT Business"),
            inherited: false,
        }];
        let today = Date::parse("2026-11-28").expect("date");
        let reminders = crate::registers::reminders(&suppliers, &[], today);
        assert!(
            reminders[0]
                .text
                .contains("`carecheck supplier edit bt-business --reviewed DATE`"),
            "the command line keeps its command: {reminders:?}"
        );
        let view = RegisterView {
            concentration: concentration(&suppliers),
            suppliers,
            risks: Vec::new(),
            reminders,
            evidence: Vec::new(),
        };
        let text = plain_text(&blocks(&view, "Oak", today));
        assert!(
            text.contains("BT Business: never reviewed; review it and record when you did"),
            "{text}"
        );
        for command in ["`", "carecheck supplier", "carecheck risk", "--reviewed"] {
            assert!(!text.contains(command), "{command:?} in:\n{text}");
        }
    }
}

#[cfg(test)]
mod field_table {
    use super::*;
    use crate::domain::registers::{Agreement, ServiceKind};
    use crate::registers::concentration;
    use crate::report::layout::plain_text;

    /// The printed supplier table, every column filled, as a site sees its head office's
    /// supplier: the same cells as before the field table drove it.
    #[test]
    fn the_printed_supplier_table_reads_its_cells_from_the_field_table() {
        // Every field filled, with an undated data-processing agreement and two services.
        let record = Supplier {
            name: "Acme Ltd".into(),
            provides: vec![ServiceKind::CareRecords, ServiceKind::Emar],
            dpa: Some(Agreement {
                in_place: true,
                dated: None,
            }),
            notes: "Met them".into(),
            ..crate::domain::supplier::example()
        };
        let records = vec![
            Counted {
                id: "acme".into(),
                record,
                inherited: true,
            },
            Counted {
                id: "bt".into(),
                record: Supplier::named("BT"),
                inherited: false,
            },
        ];
        let view = RegisterView {
            concentration: concentration(&records),
            suppliers: records,
            risks: Vec::new(),
            reminders: Vec::new(),
            evidence: Vec::new(),
        };
        let blocks = suppliers(&view);
        assert_eq!(
            plain_text(&blocks),
            "Supplier register\n\
             Acme Ltd (head office) | Digital care records, eMAR (medicines) | Yes | UK | 01/04/2025 Ends 31/03/2027 Renews 01/04/2027 Notice by 01/01/2027 DPA: in place (no date recorded) | DSPT Standards Met 01/03/2026 Cyber Essentials Plus to 10/02/2027 ISO 27001 | 24 h | 01/06/2026\n\
             BT |  | No | - | not recorded DPA: not recorded | - | - | never"
        );
        let Some(Block::Table { widths, header, .. }) = blocks.last() else {
            panic!("the register is a table");
        };
        assert_eq!(widths, &[2.0, 2.0, 0.9, 1.1, 1.8, 2.2, 0.9, 1.3]);
        let titles: Vec<&str> = header.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Supplier",
                "Provides",
                "Critical",
                "Data held",
                "Contract",
                "Certificates",
                "Breach notice",
                "Reviewed"
            ]
        );
    }
}
