//! The evidence pack's "Since the last assessment" page, for an assessment renewed from one
//! still in the store (for one that is not, a note saying there is no comparison): met counts then and now per checklist with a small bar chart (drawn
//! as layout bars, so only pdf.rs touches printpdf), per-section counts, gaps opened and
//! closed, and answers changed. Everything comes from [`crate::diff::Diff`], the same
//! comparison `carecheck diff` prints.

use super::layout::{Block, Cell, Colour, TextStyle};
use super::phrases::{heading, safe, status_word};
use std::collections::BTreeMap;

use crate::diff::{Basis, Diff, GapChange, Met};
use crate::domain::checklist::ItemRef;
use crate::domain::date::Date;
use crate::store::StoreError;
use crate::workspace::{Access, LoadError, Loaded, Workspace};

const BODY: TextStyle = TextStyle::BODY;
const LABEL: TextStyle = TextStyle::LABEL;
const SMALL: TextStyle = TextStyle::SMALL;

/// Last year's assessment compared with this one.
#[derive(Debug, Clone)]
pub struct Since {
    pub diff: Diff,
    /// When last year's assessment was started.
    pub then_started: Date,
    /// When this one was started.
    pub now_started: Date,
    /// Each item's title, this year's where it has one, else last year's (an item an edition
    /// dropped), so the page names items as a reader knows them, never by internal key.
    pub titles: BTreeMap<ItemRef, String>,
}

/// What the pack can say about the assessment this one was renewed from.
#[derive(Debug, Clone)]
pub enum SinceLast {
    Compared(Since),
    /// Renewed from `previous`, which this copy of carecheck cannot compare with.
    Unavailable {
        previous: String,
        why: Unavailable,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unavailable {
    /// Not in this store (renewed on another computer, then unbundled here; or deleted).
    NotHere,
    /// In the store but could not be read: the reason, for the reader.
    Unreadable(String),
}

/// The comparison with the assessment `loaded` was renewed from, or why there is none;
/// `None` only when this assessment was not renewed from another.
pub fn since_last(workspace: &Workspace, loaded: &Loaded, today: Date) -> Option<SinceLast> {
    let previous = loaded.assessment().details.previous.as_deref()?;
    let then = match workspace.load_id(previous, Access::Read) {
        Ok(then) => then,
        Err(LoadError(StoreError::NotFound(_))) => {
            return Some(SinceLast::Unavailable {
                previous: previous.to_owned(),
                why: Unavailable::NotHere,
            });
        }
        Err(e) => {
            return Some(SinceLast::Unavailable {
                previous: previous.to_owned(),
                why: Unavailable::Unreadable(e.to_string()),
            });
        }
    };
    let diff = Diff::between(
        &then.summary(&workspace.library, today),
        &loaded.summary(&workspace.library, today),
    );
    let titles = [&then, loaded]
        .into_iter()
        .flat_map(|l| l.checklists.iter())
        .flat_map(|c| {
            c.items()
                .map(|i| (ItemRef::new(&c.id, &i.id), i.title.clone()))
        })
        .collect();
    Some(SinceLast::Compared(Since {
        diff,
        then_started: then.assessment().created.date(),
        now_started: loaded.assessment().created.date(),
        titles,
    }))
}

/// The page's blocks: the comparison, or a short note saying why there is none (so a
/// renewed assessment's pack never silently lacks the page).
pub fn page(since: &SinceLast) -> Vec<Block> {
    match since {
        SinceLast::Compared(since) => blocks(since),
        SinceLast::Unavailable { previous, why } => vec![
            heading("Since the last assessment", 1),
            Block::paragraph(unavailable_note(previous, why), BODY),
        ],
    }
}

/// Why there is no comparison, in one sentence.
pub fn unavailable_note(previous: &str, why: &Unavailable) -> String {
    match why {
        Unavailable::NotHere => format!(
            "Renewed from {}; that assessment is not in this copy of carecheck, so there is no comparison with it.",
            safe(previous)
        ),
        Unavailable::Unreadable(reason) => format!(
            "Renewed from {}; that assessment could not be read ({}), so there is no comparison with it.",
            safe(previous),
            safe(reason)
        ),
    }
}

/// The comparison page's blocks.
pub fn blocks(since: &Since) -> Vec<Block> {
    let diff = &since.diff;
    let then_label = format!("Last time ({})", since.then_started.uk());
    let now_label = format!("This time ({})", since.now_started.uk());
    let mut blocks = vec![
        heading("Since the last assessment", 1),
        Block::paragraph(
            format!(
                "Compared with the assessment this one was renewed from ({}, started {}). \
                 An answer carried forward from last time counts as met only once it has been \
                 confirmed this time; until then it is counted apart, as to confirm, and is \
                 neither met nor a gap (a gap carried forward stays a gap). {}",
                safe(&diff.then),
                since.then_started.uk(),
                basis_words(diff.then_judged)
            ),
            BODY,
        ),
        Block::Space(6.0),
    ];
    for c in &diff.checklists {
        let mut chart = vec![heading(&c.title, 2)];
        chart.push(trend_bar(&then_label, c.then));
        chart.push(trend_bar(&now_label, c.now));
        chart.push(Block::paragraph(change_words(c.then, c.now), SMALL));
        blocks.push(Block::Keep(chart));
        let rows: Vec<Vec<Cell>> = c
            .sections
            .iter()
            .map(|s| {
                vec![
                    Cell::new(safe(&s.title), BODY),
                    Cell::new(count(s.then), BODY),
                    Cell::new(count(s.now), BODY),
                    Cell::new(delta(s.then, s.now), LABEL),
                ]
            })
            .collect();
        if !rows.is_empty() {
            blocks.push(Block::Table {
                widths: vec![4.6, 1.4, 1.4, 0.9],
                header: ["Section", "Met then", "Met now", "Change"]
                    .iter()
                    .map(|h| Cell::new(*h, LABEL))
                    .collect(),
                rows,
            });
            blocks.push(Block::paragraph(
                "Met counts items met another way too, as every page of this pack does; to confirm: carried forward from last time and not yet confirmed.",
                SMALL,
            ));
        }
        blocks.push(Block::Space(6.0));
    }
    if !diff.to_confirm.is_empty() {
        let items: Vec<String> = diff.to_confirm.iter().map(|k| safe(&k.item)).collect();
        blocks.push(heading("Still to confirm", 2));
        blocks.push(Block::paragraph(
            format!(
                "{} carried forward from last time and not yet confirmed: {}.",
                crate::text::count(diff.to_confirm.len(), "answer", "answers"),
                items.join(", ")
            ),
            BODY,
        ));
    }
    blocks.extend(gap_table(
        since,
        "Gaps opened",
        "No gap opened since last time.",
        &diff.gaps_opened,
    ));
    blocks.extend(gap_table(
        since,
        "Gaps closed",
        "No gap from last time has been closed yet.",
        &diff.gaps_closed,
    ));
    blocks.push(heading("Answers changed", 2));
    if diff.answers.is_empty() {
        blocks.push(Block::paragraph("No answer differs from last time.", BODY));
    } else {
        let rows = diff
            .answers
            .iter()
            .map(|a| {
                vec![
                    item_cell(since, &a.item),
                    Cell::new(status_word(a.status_then), BODY),
                    Cell::new(status_word(a.status_now), BODY),
                    Cell::new(a.changed.join(", "), SMALL),
                ]
            })
            .collect();
        blocks.push(Block::Table {
            widths: vec![2.0, 1.6, 1.6, 2.6],
            header: ["Item", "Then", "Now", "What changed"]
                .iter()
                .map(|h| Cell::new(*h, LABEL))
                .collect(),
            rows,
        });
    }
    if !diff.evidence.is_empty() {
        blocks.push(Block::paragraph(
            format!(
                "Evidence differs for {} (comparing {} with {} in carecheck lists each entry).",
                crate::text::count(diff.evidence.len(), "item", "items"),
                safe(&diff.then),
                safe(&diff.now)
            ),
            SMALL,
        ));
    }
    blocks
}

/// Where last time's figures come from, in one sentence.
pub fn basis_words(basis: Basis) -> String {
    match basis {
        Basis::Recorded { on } => format!(
            "Last time's figures are as they were recorded when this assessment was renewed (judged on {}, the day of its last change).",
            on.uk()
        ),
        Basis::JudgedAgain => "Last time's figures are last time's answers judged again today: this assessment was renewed before carecheck kept the summary as it was recorded, so a date that has aged since can make them differ from last time's pack.".to_owned(),
    }
}

/// One bar of the chart: items met of the checklist's items.
fn trend_bar(label: &str, met: Option<Met>) -> Block {
    let (count, total, to_confirm) = met.map_or((0, 0, 0), |m| (m.met, m.total, m.to_confirm));
    Block::Bar {
        label: label.to_owned(),
        parts: vec![(count, Colour::BarMet)],
        total,
        caption: match (met, to_confirm) {
            (None, _) => "not part of that assessment".to_owned(),
            (Some(m), 0) => m.describe(),
            (Some(m), waiting) => format!("{}, {waiting} more to confirm", m.describe()),
        },
        indent: 0.0,
    }
}

/// "Up 5 met since last time", in words (the chart's meaning never rests on colour alone).
fn change_words(then: Option<Met>, now: Option<Met>) -> String {
    match (then, now) {
        (Some(a), Some(b)) if b.met > a.met => {
            format!("{} more met than last time.", b.met - a.met)
        }
        (Some(a), Some(b)) if b.met < a.met && b.to_confirm > 0 => format!(
            "{} fewer met than last time so far; {} carried forward still to confirm.",
            a.met - b.met,
            b.to_confirm
        ),
        (Some(a), Some(b)) if b.met < a.met => {
            format!("{} fewer met than last time.", a.met - b.met)
        }
        (Some(_), Some(_)) => "The same number met as last time.".to_owned(),
        (None, Some(_)) => "New in this assessment.".to_owned(),
        (Some(_), None) => "Not part of this assessment.".to_owned(),
        (None, None) => String::new(),
    }
}

fn count(met: Option<Met>) -> String {
    met.map_or("–".to_owned(), |m| match m.to_confirm {
        0 => format!("{}/{}", m.met, m.total),
        waiting => format!("{}/{} (+{waiting} to confirm)", m.met, m.total),
    })
}

fn delta(then: Option<Met>, now: Option<Met>) -> String {
    match (then, now) {
        (Some(a), Some(b)) if b.met == a.met => "same".to_owned(),
        (Some(a), Some(b)) if b.met > a.met => format!("+{}", b.met - a.met),
        (Some(a), Some(b)) => format!("−{}", a.met - b.met),
        _ => "–".to_owned(),
    }
}

/// An item's id and title as text (these items may not be in this pack: an edition moved,
/// so no link), with its checklist's title where the comparison spans more than one.
fn item_cell(since: &Since, key: &ItemRef) -> Cell {
    let mut text = match since.titles.get(key) {
        Some(title) => format!("{} {}", safe(&key.item), safe(title)),
        None => safe(&key.item),
    };
    let diff = &since.diff;
    if diff.checklists.len() > 1
        && let Some(c) = diff.checklists.iter().find(|c| c.id == key.checklist)
    {
        text = format!("{text}\n{}", safe(&c.title));
    }
    Cell::new(text, SMALL.colour(Colour::Blue))
}

fn gap_table(since: &Since, title: &str, none: &str, gaps: &[GapChange]) -> Vec<Block> {
    let mut blocks = vec![heading(title, 2)];
    if gaps.is_empty() {
        blocks.push(Block::paragraph(none, BODY));
        return blocks;
    }
    blocks.push(Block::Table {
        widths: vec![2.0, 5.8],
        header: ["Item", "Why it is (or was) a gap"]
            .iter()
            .map(|h| Cell::new(*h, LABEL))
            .collect(),
        rows: gaps
            .iter()
            .map(|g| vec![item_cell(since, &g.item), Cell::new(safe(&g.reason), BODY)])
            .collect(),
    });
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::layout::plain_text;

    #[test]
    fn a_renewal_whose_previous_is_not_here_says_so_where_the_page_would_be() {
        let text = plain_text(&page(&SinceLast::Unavailable {
            previous: "oak-care".into(),
            why: Unavailable::NotHere,
        }));
        assert_eq!(
            text,
            "Since the last assessment\nRenewed from oak-care; that assessment is not in this copy of carecheck, so there is no comparison with it."
        );
    }

    #[test]
    fn an_unreadable_previous_is_not_called_missing() {
        let note = unavailable_note(
            "oak-care",
            &Unavailable::Unreadable("assessment.json: line 3: expected value".into()),
        );
        assert!(
            note.contains("could not be read (assessment.json"),
            "{note}"
        );
        assert!(!note.contains("not in this copy"), "{note}");
    }
}
