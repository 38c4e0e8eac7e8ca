//! The evidence pack's content and order, as layout blocks: cover with the verdict, summary,
//! action plan, exceptions, every item, the evidence index, the change log and sign-off.

use super::appendix;
use super::layout::{Block, Cell, Colour, TextStyle};
use super::model::{ChecklistReport, ItemReport, PlannedAction, ReportModel};
use super::phrases::{
    answer_mark, capitalised, evidence_state, heading, key_cell, labelled, level_line, place, safe,
    when,
};
use crate::domain::assessment::{ActionStatus, Status};
use crate::domain::date::Date;
use crate::domain::progress::{Bucket, Outcome};
use crate::text;

const BODY: TextStyle = TextStyle::BODY;
const LABEL: TextStyle = TextStyle::LABEL;
const SMALL: TextStyle = TextStyle::SMALL;

/// The whole pack.
pub fn compose(model: &ReportModel) -> Vec<Block> {
    let mut blocks = cover(model);
    blocks.extend(summary(model));
    if let Some(since) = &model.since {
        blocks.extend(super::trend::page(since));
    }
    blocks.extend(action_plan(model));
    blocks.extend(exceptions(model));
    for checklist in &model.checklists {
        blocks.push(heading(&format!("Answers: {}", checklist.title), 1));
        let mut section = "";
        for item in &checklist.items {
            let mut group = vec![Block::Anchor(item.key.to_string())];
            if item.section != section {
                section = &item.section;
                group.push(heading(section, 2));
            }
            group.extend(item_detail(model, item));
            blocks.push(Block::Keep(group));
        }
    }
    blocks.extend(appendix::evidence_index(model));
    if let Some(plan) = &model.continuity {
        blocks.extend(super::plan::appendix_blocks(plan));
    }
    if let Some(registers) = &model.registers {
        blocks.extend(super::registers::appendix_blocks(
            registers,
            model.generated.date(),
        ));
    }
    blocks.extend(appendix::change_log(model));
    blocks.extend(appendix::sign_off(model));
    blocks
}

/// The first page: who, what scope, the verdict per checklist, evidence problems, fingerprints.
fn cover(model: &ReportModel) -> Vec<Block> {
    let mut blocks = vec![
        Block::paragraph(
            "Cyber security and data protection",
            TextStyle {
                size: 12.0,
                bold: false,
                mono: false,
                colour: Colour::Grey,
            },
        ),
        Block::titled(
            "Evidence pack",
            1,
            TextStyle {
                size: 24.0,
                bold: true,
                mono: false,
                colour: Colour::Blue,
            },
        ),
        Block::Space(6.0),
        Block::paragraph(
            safe(&place(model)),
            TextStyle {
                size: 16.0,
                bold: true,
                mono: false,
                colour: Colour::Black,
            },
        ),
        Block::Space(4.0),
    ];
    blocks.push(identity_table(model));
    blocks.push(heading("Verdict", 2));
    let (answered, total) = (model.answered(), model.total());
    if answered == 0 {
        blocks.push(Block::paragraph(
            "No item has been answered yet. This pack lists the questions still to answer; it is not evidence that any control is in place.",
            LABEL,
        ));
    } else if answered < total {
        blocks.push(Block::paragraph(
            format!(
                "{answered} of {total} items are answered. Items without an answer are shown as unanswered; they are not evidence either way."
            ),
            SMALL.colour(Colour::Black),
        ));
    }
    if let Some(head) = &model.head_office {
        let inherited = model
            .checklists
            .iter()
            .flat_map(|c| &c.items)
            .filter(|i| i.inherited_from.is_some())
            .count();
        let overrides = model
            .checklists
            .iter()
            .flat_map(|c| &c.items)
            .filter(|i| i.overrides.is_some())
            .count();
        let overriding = match overrides {
            0 => String::new(),
            1 => " 1 of this site's own answers overrides the head office's.".to_owned(),
            n => format!(" {n} of this site's own answers override the head office's."),
        };
        blocks.push(Block::paragraph(
            format!(
                "{inherited} of {answered} answers are the head office's ({}).{overriding}",
                safe(&head.name),
            ),
            SMALL.colour(Colour::Black),
        ));
    }
    for c in &model.checklists {
        blocks.extend(verdict(c));
    }
    blocks.push(Block::Space(4.0));
    blocks.push(evidence_standing(model));
    blocks.push(Block::Space(4.0));
    blocks.push(Block::Paragraph {
        cells: vec![
            Cell::new("Assessment fingerprint:", SMALL.colour(Colour::Grey)),
            Cell::new(&model.fingerprint, TextStyle::MONO),
        ],
        indent: 0.0,
    });
    blocks.push(Block::Paragraph {
        cells: vec![
            Cell::new("Pack fingerprint:", SMALL.colour(Colour::Grey)),
            Cell::new(&model.pack_fingerprint, TextStyle::MONO),
        ],
        indent: 0.0,
    });
    blocks.push(Block::paragraph(
        "Assessment: a SHA-256 of the saved answers (carecheck status shows the same while they are unchanged). Pack: a SHA-256 of that and of what checking every evidence file again found when this pack was built, so it changes when a file changes or goes missing. carecheck verify checks a pack and its evidence files. Notes from the checklists on their sources and limits follow the summary.",
        SMALL,
    ));
    blocks
}

/// The organisation's identifiers and scope, with "not recorded" where a field is empty so a
/// reader can see it was not forgotten by the printer.
fn identity_table(model: &ReportModel) -> Block {
    let p = &model.profile;
    let head = model.head_profile.as_ref();
    let missing = || "not recorded".to_owned();
    let text = |v: &Option<String>| v.as_deref().map_or_else(missing, safe);
    // The organisation's identifiers and period are the head office's unless the site
    // records its own; a site's location and address are its own.
    let inherited = |own: &Option<String>, theirs: Option<&Option<String>>| match (own, theirs) {
        (None, Some(Some(value))) => format!("{} (from head office)", safe(value)),
        _ => text(own),
    };
    let period_of = |p: &crate::domain::assessment::Profile| match (p.period_start, p.period_end) {
        (Some(a), Some(b)) => Some(format!("{} to {}", a.uk(), b.uk())),
        (Some(a), None) => Some(format!("from {}", a.uk())),
        (None, Some(b)) => Some(format!("to {}", b.uk())),
        (None, None) => None,
    };
    let period = match (period_of(p), head.and_then(period_of)) {
        (Some(own), _) => own,
        (None, Some(theirs)) => format!("{theirs} (from head office)"),
        (None, None) => missing(),
    };
    let mut sites: Vec<String> = p.sites_covered.iter().map(|s| safe(s)).collect();
    if sites.is_empty() {
        sites.push(model.site.as_deref().map_or_else(missing, safe));
    }
    let mut rows = vec![
        (
            "ODS code",
            inherited(&p.ods_code, head.map(|h| &h.ods_code)),
        ),
        (
            "CQC provider ID",
            inherited(&p.cqc_provider_id, head.map(|h| &h.cqc_provider_id)),
        ),
        ("CQC location ID", text(&p.cqc_location_id)),
        (
            "ICO registration",
            inherited(&p.ico_registration, head.map(|h| &h.ico_registration)),
        ),
        ("Address", text(&p.address)),
        ("Sites covered", sites.join("; ")),
        ("Period assessed", period),
    ];
    if let Some(head) = &model.head_office {
        rows.push((
            "Head office",
            format!(
                "{} (answers it gives count here where this site gives none)",
                safe(&head.name)
            ),
        ));
    }
    rows.extend([
        (
            "Assessor",
            model.assessor.as_deref().map_or_else(missing, safe),
        ),
        ("Assessment", safe(&model.assessment_id)),
        (
            "Generated",
            format!(
                "{} UTC by carecheck {}",
                when(model.generated),
                model.carecheck_version
            ),
        ),
    ]);
    // Two fields a row, so the cover keeps room for the verdict.
    let cell = |(label, value): &(&str, String)| {
        let style = if value == "not recorded" { SMALL } else { BODY };
        [
            Cell::new(*label, SMALL.colour(Colour::Grey)),
            Cell::new(value.clone(), style),
        ]
    };
    Block::Table {
        widths: vec![1.25, 2.35, 1.25, 2.35],
        header: Vec::new(),
        rows: rows
            .chunks(2)
            .map(|pair| pair.iter().flat_map(cell).collect())
            .collect(),
    }
}

/// One checklist's verdict: each level reached or not in the summary's own words, the counts
/// and the deadline.
fn verdict(c: &ChecklistReport) -> Vec<Block> {
    let t = c.progress.tally;
    let mut blocks = vec![Block::Paragraph {
        cells: vec![
            Cell::new(safe(&c.title), LABEL),
            Cell::new(format!("({} edition)", safe(&c.edition)), SMALL),
        ],
        indent: 0.0,
    }];
    for level in &c.progress.levels {
        blocks.push(level_line(level, 10.0));
        // Why not, in brief: the first few gaps in the way (every blocker is in the summary).
        const SHOWN: usize = 4;
        let gaps: Vec<String> = level
            .blocking
            .iter()
            .filter_map(|b| match &b.outcome {
                Outcome::Gap { reason } => Some(format!(
                    "{} {} ({})",
                    safe(&b.item),
                    safe(&b.title),
                    safe(reason)
                )),
                _ => None,
            })
            .collect();
        let waiting = |bucket: Bucket| {
            level
                .blocking
                .iter()
                .filter(|b| b.outcome.bucket() == bucket)
                .count()
        };
        let (to_confirm, unanswered) = (waiting(Bucket::ToConfirm), waiting(Bucket::Unanswered));
        if !level.blocking.is_empty() {
            let mut why: Vec<String> = gaps.iter().take(SHOWN).cloned().collect();
            if gaps.len() > SHOWN {
                why.push(format!("{} more gaps", gaps.len() - SHOWN));
            }
            if to_confirm > 0 {
                why.push(format!(
                    "{} to confirm (carried forward from last year, not yet confirmed)",
                    text::count(to_confirm, "item", "items")
                ));
            }
            if unanswered > 0 {
                why.push(format!(
                    "{} not answered yet",
                    text::count(unanswered, "item", "items")
                ));
            }
            blocks.push(Block::Paragraph {
                cells: vec![
                    Cell::new("Held back by:", SMALL.colour(Colour::Grey)),
                    Cell::new(why.join("; "), SMALL.colour(Colour::Black)),
                ],
                indent: 22.0,
            });
        }
    }
    if c.progress.levels.is_empty() {
        blocks.push(Block::Paragraph {
            cells: vec![Cell::new(
                "This checklist sets no levels; see the summary for what is met.",
                BODY,
            )],
            indent: 10.0,
        });
    }
    blocks.push(Block::Paragraph {
        cells: vec![Cell::new(
            format!(
                "{} items: {} met, {} met another way, {} gaps, {} not applicable, {}{} unanswered.",
                t.total,
                t.met,
                t.alternative,
                t.gaps,
                t.not_applicable,
                to_confirm(t, ", "),
                t.unanswered
            ),
            SMALL.colour(Colour::Black),
        )],
        indent: 10.0,
    });
    if let Some(reporting) = &c.reporting {
        blocks.push(Block::Paragraph {
            cells: vec![Cell::new(
                safe(&reporting.describe(&c.edition)),
                SMALL.colour(
                    if reporting.period_ended || reporting.days_to_deadline < 0 {
                        Colour::Red
                    } else {
                        Colour::Black
                    },
                ),
            )],
            indent: 10.0,
        });
    }
    blocks.push(Block::Space(3.0));
    blocks
}

/// The evidence problems, counted, for the cover.
fn evidence_standing(model: &ReportModel) -> Block {
    let files = model.evidence.len();
    if files == 0 {
        return Block::paragraph("Evidence: none has been recorded.", BODY);
    }
    let changed = model
        .evidence
        .iter()
        .filter(|e| e.check.is_problem())
        .count();
    let overdue = model.evidence.iter().filter(|e| e.overdue).count();
    if changed == 0 && overdue == 0 {
        return Block::paragraph(
            format!(
                "Evidence: {} recorded: {}.",
                text::count(files, "evidence entry", "evidence entries"),
                super::phrases::evidence_checked(model.evidence_counts())
            ),
            BODY,
        );
    }
    let mut parts = Vec::new();
    if changed > 0 {
        parts.push(format!(
            "{} changed, went missing or cannot be read since it was recorded",
            text::count(changed, "file", "files")
        ));
    }
    if overdue > 0 {
        parts.push(format!(
            "{} past its review date",
            text::count(overdue, "entry is", "entries are")
        ));
    }
    Block::paragraph(
        format!(
            "✗ Evidence needs attention: {} (of {files}). Each is marked on its item and in the evidence index.",
            parts.join("; ")
        ),
        LABEL.colour(Colour::Red),
    )
}

/// The parts of a results bar: met (and met another way), gaps, not applicable; the empty
/// rest is unanswered.
fn bar(label: &str, t: crate::domain::progress::Tally, indent: f32) -> Block {
    Block::Bar {
        label: safe(label),
        parts: vec![
            (t.met + t.alternative, Colour::BarMet),
            (t.gaps, Colour::BarGap),
            (t.not_applicable, Colour::BarNotApplicable),
        ],
        total: t.total,
        // Met counts met another way too, and says how many, as page 1, the comparison and
        // the roll-up do.
        caption: format!(
            "{} met{} · {} gap · {} n/a · {}{} unanswered",
            t.met + t.alternative,
            match t.alternative {
                0 => String::new(),
                n => format!(" ({n} another way)"),
            },
            t.gaps,
            t.not_applicable,
            to_confirm(t, " · "),
            t.unanswered
        ),
        indent,
    }
}

/// "3 to confirm" and `separator` when last year's answers wait to be confirmed (they are
/// neither met nor gaps, so they go unfilled in a bar and are named in words); else nothing.
fn to_confirm(t: crate::domain::progress::Tally, separator: &str) -> String {
    if t.to_confirm == 0 {
        String::new()
    } else {
        format!("{} to confirm{separator}", t.to_confirm)
    }
}

fn summary(model: &ReportModel) -> Vec<Block> {
    let mut blocks = vec![
        heading("Summary", 1),
        Block::Paragraph {
            cells: vec![
                Cell::new("Key:", SMALL.colour(Colour::Grey)),
                Cell::new("■", SMALL.colour(Colour::BarMet)),
                Cell::new("met (or met another way)", SMALL.colour(Colour::Black)),
                Cell::new("■", SMALL.colour(Colour::BarGap)),
                Cell::new("gap", SMALL.colour(Colour::Black)),
                Cell::new("■", SMALL.colour(Colour::BarNotApplicable)),
                Cell::new("not applicable", SMALL.colour(Colour::Black)),
                Cell::new(Bucket::ToConfirm.symbol(), SMALL.colour(Colour::Amber)),
                Cell::new("to confirm", SMALL.colour(Colour::Black)),
                Cell::new("□", SMALL.colour(Colour::Grey)),
                Cell::new(
                    "unanswered (to confirm and unanswered are left blank; the caption counts each)",
                    SMALL.colour(Colour::Black),
                ),
            ],
            indent: 0.0,
        },
        Block::Space(4.0),
    ];
    for c in &model.checklists {
        let mut group = vec![
            heading(&c.title, 2),
            bar("Whole checklist", c.progress.tally, 0.0),
        ];
        group.extend(
            c.progress
                .sections
                .iter()
                .map(|s| bar(&s.title, s.tally, 10.0)),
        );
        blocks.push(Block::Keep(group));
        blocks.push(Block::Space(4.0));
        for level in &c.progress.levels {
            let mut group = vec![level_line(level, 0.0)];
            if !level.blocking.is_empty() {
                let rows = level
                    .blocking
                    .iter()
                    .map(|b| {
                        let why = match &b.outcome {
                            Outcome::Gap { reason } => safe(reason),
                            Outcome::Unanswered => "not answered yet".into(),
                            other => safe(&other.describe()),
                        };
                        let critical = if b.critical { " (critical)" } else { "" };
                        vec![
                            Cell::new(safe(&b.item), LABEL.colour(Colour::Blue))
                                .linked(format!("{}:{}", c.id, b.item)),
                            Cell::new(format!("{}{critical}", safe(&b.title)), BODY),
                            Cell::new(why, BODY),
                        ]
                    })
                    .collect();
                group.push(Block::Table {
                    widths: vec![1.0, 4.0, 3.0],
                    header: vec![
                        Cell::new("Item", LABEL),
                        Cell::new("Blocking this level", LABEL),
                        Cell::new("Why", LABEL),
                    ],
                    rows,
                });
            }
            blocks.push(Block::Keep(group));
        }
        blocks.push(heading("Checklist text answered", 3));
        blocks.push(Block::Paragraph {
            cells: vec![
                Cell::new(
                    format!("{} ({}), SHA-256:", safe(&c.publisher), safe(&c.edition)),
                    SMALL,
                ),
                Cell::new(&c.hash, TextStyle::MONO),
            ],
            indent: 0.0,
        });
    }
    if model.checklists.iter().any(|c| c.caution.is_some()) {
        blocks.push(heading("Notes from the checklists", 3));
    }
    for c in model.checklists.iter().filter(|c| c.caution.is_some()) {
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

/// The action plan: every gap in the summary's order (level blocked, priority, due date),
/// with what will be done, by whom and when.
pub(super) fn action_plan(model: &ReportModel) -> Vec<Block> {
    let plan = model.action_plan();
    let mut blocks = vec![heading("Action plan", 1)];
    if plan.is_empty() {
        blocks.push(Block::paragraph(
            "There are no gaps: no item is answered partial or no, and no value falls short.",
            BODY,
        ));
        return blocks;
    }
    let without = plan
        .iter()
        .filter(|p| p.action().is_none_or(|a| a.text.is_empty()))
        .count();
    let from_exercises = plan.iter().filter(|p| p.entry.is_exercise_action()).count();
    let listed = match from_exercises {
        0 => text::count(plan.len(), "gap", "gaps"),
        n => format!(
            "{} and {} from continuity plan exercises",
            text::count(plan.len() - n, "gap", "gaps"),
            text::count(n, "action", "actions")
        ),
    };
    blocks.push(Block::paragraph(
        format!(
            "{listed}, most urgent first: by the level each blocks, then priority, then due date. {} still open; {} no action recorded yet.",
            model.open_actions(),
            text::count(without, "has", "have")
        ),
        BODY,
    ));
    for checklist in &model.checklists {
        let rows: Vec<Vec<Cell>> = plan
            .iter()
            .filter(|p| p.item.key.checklist == checklist.id)
            .map(|p| plan_row(p, model.generated.date()))
            .collect();
        if rows.is_empty() {
            continue;
        }
        blocks.push(heading(&checklist.title, 2));
        blocks.push(Block::Table {
            widths: vec![0.9, 2.6, 3.4, 1.3, 1.1, 1.2],
            header: ["Priority", "Gap", "Action", "Owner", "Due", "Status"]
                .iter()
                .map(|h| Cell::new(*h, LABEL))
                .collect(),
            rows,
        });
    }
    blocks
}

fn plan_row(p: &PlannedAction<'_>, today: Date) -> Vec<Cell> {
    let a = p.action();
    let priority = a.map_or("not set".into(), |a| capitalised(&a.priority.to_string()));
    let owner = a
        .map(|a| safe(&a.owner))
        .filter(|o| !o.is_empty())
        .unwrap_or_else(|| "no owner yet".into());
    let due = a.and_then(|a| a.due).map_or("no date".into(), |d| d.uk());
    let state = match a.map(|a| (a.status, a.closed)) {
        Some((ActionStatus::Done, Some(closed))) => format!("Done {}", closed.uk()),
        Some((ActionStatus::Done, None)) => "Done".to_owned(),
        Some((ActionStatus::InProgress, _)) => "In progress".to_owned(),
        Some((ActionStatus::Open, _)) => "Open".to_owned(),
        None => "No action".to_owned(),
    };
    let blocks = if p.entry.blocks.is_empty() {
        String::new()
    } else {
        format!("\nBlocks: {}", safe(&p.entry.blocks.join(", ")))
    };
    let inherited = p
        .item
        .inherited_from
        .as_ref()
        .map(|h| format!("\nInherited from {}", safe(&h.name)))
        .unwrap_or_default();
    let action = a
        .map(|a| safe(&a.text))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| "No action recorded".into());
    vec![
        Cell::new(priority, LABEL),
        Cell::new(
            format!(
                "{} {}\n{}: {}{blocks}{inherited}",
                safe(&p.item.key.item),
                safe(&p.item.title),
                answer_mark(p.item).0,
                safe(&p.entry.reason)
            ),
            SMALL.colour(Colour::Black),
        )
        .linked(p.item.key.to_string()),
        Cell::new(
            action,
            if a.is_some_and(|a| !a.text.is_empty()) {
                BODY
            } else {
                BODY.colour(Colour::Red)
            },
        ),
        Cell::new(owner, BODY),
        if p.overdue(today) {
            Cell::new(format!("{due}\noverdue"), LABEL.colour(Colour::Red))
        } else {
            Cell::new(due, BODY)
        },
        Cell::new(state, BODY),
    ]
}

/// The exceptions a reviewer looks at first: not applicable with reasons, met another way
/// with justifications, flagged for review.
fn exceptions(model: &ReportModel) -> Vec<Block> {
    let items = || model.checklists.iter().flat_map(|c| c.items.iter());
    let mut blocks = vec![heading("Exceptions", 1)];
    let na: Vec<Vec<Cell>> = items()
        .filter_map(|i| match &i.outcome {
            Outcome::NotApplicable { reason } => Some(vec![
                key_cell(model, &i.key),
                Cell::new(safe(&i.title), BODY),
                Cell::new(
                    reason
                        .as_deref()
                        .map_or("(no reason recorded)".into(), safe),
                    BODY,
                ),
            ]),
            _ => None,
        })
        .collect();
    exception_table(
        &mut blocks,
        "Not applicable",
        "No item is marked not applicable.",
        "Reason",
        na,
    );
    let alternatives: Vec<Vec<Cell>> = items()
        .filter(|i| i.status == Status::Alternative)
        .map(|i| {
            vec![
                key_cell(model, &i.key),
                Cell::new(safe(&i.title), BODY),
                Cell::new(
                    i.justification
                        .as_deref()
                        .map_or("(no justification recorded: counted as a gap)".into(), safe),
                    BODY,
                ),
            ]
        })
        .collect();
    exception_table(
        &mut blocks,
        "Met another way",
        "No item is answered as met another way.",
        "Justification",
        alternatives,
    );
    let flagged: Vec<Vec<Cell>> = model
        .flagged()
        .map(|i| {
            let why = if i.note.is_empty() {
                format!("{} (no note recorded)", answer_mark(i).0)
            } else {
                format!("{}: {}", answer_mark(i).0, safe(&i.note))
            };
            vec![
                key_cell(model, &i.key),
                Cell::new(safe(&i.title), BODY),
                Cell::new(why, BODY),
            ]
        })
        .collect();
    exception_table(
        &mut blocks,
        "Flagged for review",
        "No item is flagged for review.",
        "Answer and note",
        flagged,
    );
    blocks
}

fn exception_table(
    blocks: &mut Vec<Block>,
    title: &str,
    none: &str,
    third: &str,
    rows: Vec<Vec<Cell>>,
) {
    blocks.push(heading(title, 2));
    if rows.is_empty() {
        blocks.push(Block::paragraph(none, BODY));
        return;
    }
    blocks.push(Block::Table {
        widths: vec![1.3, 3.2, 4.5],
        header: vec![
            Cell::new("Item", LABEL),
            Cell::new("Title", LABEL),
            Cell::new(third, LABEL),
        ],
        rows,
    });
}

/// Where the answer comes from, in one sentence: the head office's (with its answerer), a
/// site's own overriding the head office's, carried forward from last year (confirmed, with
/// by whom, or not yet).
fn origin_words(item: &ItemReport) -> Option<String> {
    let by = |name: &Option<String>| {
        name.as_deref()
            .map(|b| format!(" by {}", safe(b)))
            .unwrap_or_default()
    };
    let on = |day: Option<Date>| day.map(|d| format!(" on {}", d.uk())).unwrap_or_default();
    let first = format!(
        "first answered{}{}",
        by(&item.answered_by),
        on(item.answered_on)
    );
    if let Some(head) = &item.inherited_from {
        return Some(format!(
            "The head office's answer ({}), given{}{}; this site gave none of its own.",
            safe(&head.name),
            by(&item.answered_by),
            on(item.answered_on)
        ));
    }
    if let Some(theirs) = item.overrides {
        return Some(format!(
            "Overrides the head office: this site's own answer; the head office answered {}.",
            super::phrases::status_word(theirs)
        ));
    }
    let (from, carried_on) = item.carried_from.as_ref()?;
    Some(match item.confirmed_on {
        Some(day) => format!(
            "Confirmed{}{} ({first}); carried forward from {} on {}.",
            by(&item.confirmed_by),
            on(Some(day)),
            safe(from),
            carried_on.uk()
        ),
        None => format!(
            "Carried forward from {} on {} ({first}); not yet confirmed, so it does not count as met.",
            safe(from),
            carried_on.uk()
        ),
    })
}

/// The answer's mark beside an item's title: its status, except that an answer carried
/// forward and not yet confirmed is drawn as to confirm, never as met.
fn heading_mark(item: &ItemReport) -> Cell {
    let (text, colour) = answer_mark(item);
    Cell::new(text, LABEL.colour(colour))
}

fn item_detail(model: &ReportModel, item: &ItemReport) -> Vec<Block> {
    let mut head = vec![
        Cell::new(
            format!("{} {}", safe(&item.key.item), safe(&item.title)),
            LABEL,
        ),
        heading_mark(item),
    ];
    if item.flagged {
        head.push(Cell::new("⚑\u{a0}flagged", LABEL.colour(Colour::Amber)));
    }
    if item.evidence_problems > 0 {
        head.push(Cell::new(
            "✗\u{a0}evidence\u{a0}needs\u{a0}attention",
            LABEL.colour(Colour::Red),
        ));
    }
    let mut blocks = vec![Block::Paragraph {
        cells: head,
        indent: 0.0,
    }];
    let indent = 12.0;
    if !item.question.is_empty() {
        blocks.push(Block::Paragraph {
            cells: vec![Cell::new(safe(&item.question), SMALL.colour(Colour::Black))],
            indent,
        });
    }
    if !item.expected_evidence.is_empty() {
        blocks.push(Block::Paragraph {
            cells: vec![
                Cell::new("Expected evidence:", SMALL.colour(Colour::Grey)),
                Cell::new(
                    safe(&item.expected_evidence.join("; ")),
                    SMALL.colour(Colour::Grey),
                ),
            ],
            indent,
        });
    }
    if let Some(words) = origin_words(item) {
        blocks.push(Block::Paragraph {
            cells: vec![Cell::new(words, SMALL.colour(Colour::Blue))],
            indent,
        });
    }
    match &item.outcome {
        Outcome::NotApplicable { reason } => blocks.push(labelled(
            "Not applicable because",
            reason.as_deref().unwrap_or("(no reason recorded)"),
            indent,
        )),
        Outcome::Alternative { justification } => {
            blocks.push(labelled("Met another way because", justification, indent));
        }
        Outcome::Gap { reason } => blocks.push(Block::Paragraph {
            cells: vec![
                Cell::new("Not met:", SMALL.colour(Colour::Grey)),
                Cell::new(safe(reason), BODY.colour(Colour::Red)),
            ],
            indent,
        }),
        Outcome::ToConfirm { was } => {
            // Where it came from is said above; what last year's answer said still shows.
            match was.as_ref() {
                Outcome::NotApplicable { reason } => blocks.push(labelled(
                    "Not applicable because",
                    reason.as_deref().unwrap_or("(no reason recorded)"),
                    indent,
                )),
                Outcome::Alternative { justification } => {
                    blocks.push(labelled("Met another way because", justification, indent));
                }
                // Last year's value has aged: saying it is still true will not do.
                Outcome::Gap { reason } => blocks.push(Block::Paragraph {
                    cells: vec![
                        Cell::new("Confirming is not enough:", SMALL.colour(Colour::Grey)),
                        Cell::new(safe(reason), BODY.colour(Colour::Red)),
                    ],
                    indent,
                }),
                _ => {}
            }
        }
        Outcome::Met | Outcome::Unanswered => {}
    }
    if let Some(label) = &item.value_label {
        let value = item
            .value_shown
            .as_deref()
            .map_or("not recorded".into(), safe);
        blocks.push(labelled(label, &value, indent));
    }
    if !item.note.is_empty() {
        blocks.push(Block::Paragraph {
            cells: vec![
                Cell::new("Note:", SMALL.colour(Colour::Grey))
                    .continues_as(format!("{} note", safe(&item.key.item))),
                Cell::new(safe(&item.note), BODY),
            ],
            indent,
        });
    }
    for n in &item.evidence {
        if let Some(e) = model.evidence.iter().find(|e| e.number == *n) {
            blocks.push(Block::Paragraph {
                cells: vec![
                    Cell::new(format!("Evidence E{n}:"), SMALL.colour(Colour::Grey)),
                    Cell::new(safe(e.name()), BODY),
                    evidence_state(e),
                ],
                indent,
            });
        }
    }
    if let Some(a) = &item.action {
        let owner = if a.owner.is_empty() {
            "no owner yet".into()
        } else {
            safe(&a.owner)
        };
        let due = a.due.map_or("no date".into(), Date::uk);
        let what = if a.text.is_empty() {
            "no action recorded".to_owned()
        } else {
            safe(&a.text)
        };
        blocks.push(labelled(
            "Action",
            &format!("{what} ({owner}, by {due}, {} priority)", a.priority),
            indent,
        ));
    }
    let mut provenance = Vec::new();
    if item.inherited_from.is_none() && item.carried_from.is_none() {
        let by = item
            .answered_by
            .as_deref()
            .map(|b| format!(" by {}", safe(b)))
            .unwrap_or_default();
        if let Some(on) = item.answered_on {
            provenance.push(format!("Answered{by} on {}", on.uk()));
        }
    }
    if let Some(at) = item.changed_at {
        let by = item
            .changed_by
            .as_deref()
            .map(|b| format!(" by {}", safe(b)))
            .unwrap_or_default();
        provenance.push(format!("last changed{by} on {}", when(at)));
    }
    if !provenance.is_empty() {
        blocks.push(Block::Paragraph {
            cells: vec![Cell::new(provenance.join("; "), SMALL)],
            indent,
        });
    }
    blocks.push(Block::Space(5.0));
    blocks
}
