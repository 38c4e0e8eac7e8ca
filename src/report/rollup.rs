//! The roll-up: every assessment side by side, as a commissioner would read a status return.
//! One set of columns, written once here, read by `status --all` (text), `export --all` (CSV)
//! and `report --all` (PDF), so the three never differ. Each row names its assessment (id,
//! organisation, site, period, edition, what it was renewed from); its counts are the
//! assessment's own summary's.

use super::layout::{Block, Cell, PageSpec, TextStyle};
use crate::domain::progress::Bucket;
use crate::summary::{Role, RollupRow};

/// A4 turned sideways: sixteen columns need the width.
pub const PAGE: PageSpec = PageSpec {
    width: 841.89,
    height: 595.28,
    margin: 28.0,
    top: 62.0,
    bottom: 58.0,
};

/// The table's text: small, as sixteen columns on one line need.
const CELL: TextStyle = TextStyle {
    size: 6.5,
    bold: false,
    mono: false,
    colour: super::layout::Colour::Black,
};

/// The columns, in order, as headed in every form of the roll-up.
pub const COLUMNS: [&str; 16] = [
    "Assessment",
    "Organisation",
    "Site",
    "Period",
    "Renewed from",
    "Figures",
    "Checklist",
    "Edition",
    "Answered",
    "Met (another way)",
    "Gaps",
    "To confirm",
    "Unanswered",
    "Inherited",
    "Reminders due",
    "Levels",
];

/// One row's cells, in [`COLUMNS`] order, as plain text (the caller escapes for its form).
pub fn cells(r: &RollupRow) -> [String; 16] {
    let site = r.site.clone().unwrap_or_else(|| match r.role {
        Role::HeadOffice => "head office".to_owned(),
        _ => String::new(),
    });
    let period = match (r.period_start, r.period_end) {
        (Some(a), Some(b)) => format!("{} to {}", a.uk(), b.uk()),
        (Some(a), None) => format!("from {}", a.uk()),
        (None, Some(b)) => format!("to {}", b.uk()),
        (None, None) => format!("not recorded (started {})", r.started.uk()),
    };
    let met = r.met + r.alternative;
    let met = if r.alternative == 0 {
        met.to_string()
    } else {
        format!("{met} ({})", r.alternative)
    };
    let levels: Vec<String> = r
        .levels
        .iter()
        .map(crate::summary::RollupLevel::label)
        .collect();
    [
        r.assessment.clone(),
        r.organisation.clone(),
        site,
        period,
        r.renewed_from.clone().unwrap_or_default(),
        r.judged.words(r.renewed_as.as_deref()),
        r.checklist.clone(),
        r.edition.clone(),
        format!("{}/{}", r.answered, r.total),
        met,
        r.gaps.to_string(),
        r.to_confirm.to_string(),
        r.unanswered.to_string(),
        r.inherited.to_string(),
        (r.reviews_due + r.reminders).to_string(),
        levels.join("; "),
    ]
}

/// What the roll-up covers, for its title: every assessment, or one organisation's, and
/// the years the assessments were started in.
pub fn title(rows: &[RollupRow], organisation: Option<&str>) -> String {
    // The organisation as its assessments spell it, not as typed after --org.
    let scope = match (organisation, rows.first()) {
        (Some(_), Some(row)) => format!("Roll-up of {}", crate::text::one_line(&row.organisation)),
        (Some(org), None) => format!("Roll-up of {}", crate::text::one_line(org.trim())),
        (None, _) => "Roll-up of every assessment".to_owned(),
    };
    let years = rows.iter().map(|r| r.started.ymd().0);
    match (years.clone().min(), years.max()) {
        (Some(a), Some(b)) if a == b => format!("{scope}, started in {a}"),
        (Some(a), Some(b)) => format!("{scope}, started {a} to {b}"),
        _ => scope,
    }
}

/// What each count means, written once, under the table in every form.
pub fn legend() -> String {
    format!(
        "Met counts items met another way too (how many in brackets). To confirm: {}. Gap: {}. Reminders due: answer and evidence reviews, and supplier and risk reminders, of the assessment. Levels: ✓ reached, ✗ not reached, with why. Figures: today's judgement of the answers, or, for an assessment since renewed, as recorded when it was renewed.",
        Bucket::ToConfirm.definition(),
        Bucket::Gap.definition(),
    )
}

/// The roll-up's PDF content: its table and legend.
pub fn blocks(rows: &[RollupRow], title: &str) -> Vec<Block> {
    let safe = |t: &str| crate::text::one_line(t).into_owned();
    let header = COLUMNS
        .iter()
        .map(|h| Cell::new(*h, TextStyle { bold: true, ..CELL }))
        .collect();
    let table_rows = rows
        .iter()
        .map(|r| {
            let mut row = cells(r).map(|c| safe(&c));
            // One level a line: the same words as the text and CSV forms.
            let last = row.len() - 1;
            row[last] = row[last].replace("; ✗", "\n✗").replace("; ✓", "\n✓");
            row.iter().map(|c| Cell::new(c.clone(), CELL)).collect()
        })
        .collect();
    vec![
        Block::Heading {
            text: safe(title),
            level: 1,
        },
        Block::paragraph(
            "Each row is one assessment against one checklist; the counts are that assessment's own summary's (its pack and carecheck status give the same). An assessment since renewed shows its figures as recorded when it was renewed (what its own pack said then), not its answers judged again today. Sites that inherit from a head office count the answers they inherit; the head office comes first in each organisation, and each year's assessment of a place has its own row.",
            TextStyle::BODY,
        ),
        Block::Table {
            widths: vec![
                1.1, 0.8, 0.7, 1.0, 0.8, 1.0, 1.0, 0.9, 0.7, 0.7, 0.5, 0.6, 0.8, 0.7, 0.7, 7.5,
            ],
            header,
            rows: table_rows,
        },
        Block::paragraph(legend(), TextStyle::SMALL),
    ]
}
