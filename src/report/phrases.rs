//! How a report writes the things every part of it shows: an answer's mark and colour, an
//! item's id, a level's verdict, a date, a size, a piece of evidence's state, and text made safe
//! for the page. The evidence pack, its appendices, the entry sheet and the exports share these.

use super::layout::{Block, Cell, Colour, TextStyle};
use super::model::{EvidenceCounts, EvidenceRow, ItemReport, ReportModel};
use crate::domain::assessment::Status;
use crate::domain::date::Timestamp;
use crate::domain::progress::LevelReadiness;
use crate::domain::progress::{Bucket, Outcome};
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

/// A label and its value on one line (the value wraps under the label's indent).
pub(super) fn labelled(label: &str, value: &str, indent: f32) -> Block {
    Block::Paragraph {
        cells: vec![
            Cell::new(format!("{label}:"), SMALL.colour(Colour::Grey)),
            Cell::new(safe(value), BODY),
        ],
        indent,
    }
}

/// The symbol and word of an answer, joined by no-break spaces so a line never parts them
/// (the symbol alone means nothing to a reader who does not know the key, and colour alone
/// nothing to one who cannot see it).
pub(super) fn mark(status: Status) -> &'static str {
    match status {
        Status::Yes => "✓\u{a0}Yes",
        Status::Partial => "◐\u{a0}Partial",
        Status::No => "✗\u{a0}No",
        Status::NotApplicable => "–\u{a0}Not\u{a0}applicable",
        Status::Alternative => "≈\u{a0}Met\u{a0}another\u{a0}way",
        Status::Unanswered => "·\u{a0}Unanswered",
    }
}

/// An answer's word as every page writes it ("Met another way", not the stored
/// "Alternative"): [`mark`] without its symbol, with plain spaces.
pub(super) fn status_word(status: Status) -> String {
    mark(status)
        .split_once('\u{a0}')
        .map_or("", |(_, word)| word)
        .replace('\u{a0}', " ")
}

/// An item's answer as every table and item page draws it: its mark, except that an answer
/// carried forward and not yet confirmed is "↻ To confirm (last year: Yes)", never "✓ Yes",
/// even when a value it gave has aged since (it is waiting for someone to look at it).
pub(super) fn answer_mark(item: &ItemReport) -> (String, Colour) {
    match item.outcome {
        Outcome::ToConfirm { .. } => {
            let last_year = status_word(item.status).replace(' ', "\u{a0}");
            (
                format!(
                    "{}\u{a0}To\u{a0}confirm\u{a0}(last\u{a0}year:\u{a0}{last_year})",
                    Bucket::ToConfirm.symbol()
                ),
                Colour::Amber,
            )
        }
        _ => (mark(item.status).to_owned(), status_colour(item.status)),
    }
}

/// [`answer_mark`] for exports (plain spaces).
pub fn answer_mark_plain(item: &ItemReport) -> String {
    answer_mark(item).0.replace('\u{a0}', " ")
}

pub(super) fn status_colour(status: Status) -> Colour {
    match status {
        Status::Yes => Colour::Green,
        Status::Partial => Colour::Amber,
        Status::No => Colour::Red,
        Status::NotApplicable | Status::Alternative => Colour::Blue,
        Status::Unanswered => Colour::Grey,
    }
}

/// An item's id for a table column (the checklist is named by the heading above the table).
pub(super) fn id_cell(key: &crate::domain::checklist::ItemRef) -> Cell {
    Cell::new(safe(&key.item), LABEL.colour(Colour::Blue)).linked(key.to_string())
}

/// An item's id for a table that mixes checklists: under it, the checklist's title when the
/// pack has more than one (never the checklist's internal id).
pub(super) fn key_cell(model: &ReportModel, key: &crate::domain::checklist::ItemRef) -> Cell {
    let checklist = model
        .checklists
        .iter()
        .find(|c| c.id == key.checklist)
        .filter(|_| model.checklists.len() > 1);
    let text = match checklist {
        Some(c) => format!("{}\n{}", safe(&key.item), safe(&c.title)),
        None => safe(&key.item),
    };
    Cell::new(text, SMALL.colour(Colour::Blue)).linked(key.to_string())
}

/// The organisation and site the report is about, as everything names them.
pub(super) fn place(model: &ReportModel) -> String {
    crate::domain::assessment::place(&model.organisation, model.site.as_deref())
}

/// A date and time for a reader: 28/11/2026 14:05 (UTC).
pub(super) fn when(at: Timestamp) -> String {
    at.uk_without_zone()
}

/// A size with its unit, never split from it.
pub(super) fn size(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if bytes < 1024 {
        format!("{bytes}\u{a0}bytes")
    } else if b < KB * KB {
        format!("{:.1}\u{a0}KB", b / KB)
    } else {
        format!("{:.1}\u{a0}MB", b / KB / KB)
    }
}

/// A level's verdict with a mark and colour that agree with [`LevelReadiness::reached`].
pub(super) fn level_line(level: &LevelReadiness, indent: f32) -> Block {
    let (mark, colour) = if level.reached() {
        ("✓", Colour::Green)
    } else {
        ("✗", Colour::Red)
    };
    Block::Paragraph {
        cells: vec![Cell::new(
            format!("{mark} {}", safe(&level.verdict())),
            LABEL.colour(colour),
        )],
        indent,
    }
}

/// What the re-check found for a piece of evidence, in a word and a mark.
pub(super) fn evidence_state(e: &EvidenceRow) -> Cell {
    use crate::evidence::FileCheck;
    let (text, colour) = match &e.check {
        FileCheck::Changed { .. } => ("✗\u{a0}CHANGED since recorded".to_owned(), Colour::Red),
        FileCheck::Missing => ("✗\u{a0}MISSING".to_owned(), Colour::Red),
        FileCheck::Unreadable { .. } => ("✗\u{a0}cannot be read".to_owned(), Colour::Red),
        FileCheck::Unchanged | FileCheck::CarriedCopy => {
            ("✓\u{a0}unchanged".to_owned(), Colour::Green)
        }
        FileCheck::NotAFile => ("a named document".to_owned(), Colour::Grey),
    };
    let text = match (e.overdue, e.review_by) {
        (true, Some(d)) => format!("{text}; ✗\u{a0}review overdue since {}", d.uk()),
        _ => text,
    };
    let colour = if e.overdue { Colour::Red } else { colour };
    Cell::new(text, SMALL.colour(colour))
}

/// What the evidence check found when nothing changed, in words that claim no more than was
/// checked: files read again and matched, named documents not checked (they are not files),
/// and review dates only when some entry has one. Starts lower case ("3 files read again...").
pub(super) fn evidence_checked(counts: EvidenceCounts) -> String {
    let mut parts = Vec::new();
    if counts.files == 0 {
        parts.push("no evidence files".to_owned());
    } else {
        parts.push(format!(
            "{} read again for this pack and matched {} recorded SHA-256",
            text::count(counts.files, "file", "files"),
            if counts.files == 1 { "its" } else { "their" }
        ));
    }
    if counts.documents > 0 {
        parts.push(format!(
            "{} (not {}, so not checked)",
            text::count(counts.documents, "named document", "named documents"),
            if counts.documents == 1 {
                "a file"
            } else {
                "files"
            }
        ));
    }
    if counts.with_review_date > 0 && counts.overdue == 0 {
        parts.push("none is past its review date".to_owned());
    }
    parts.join("; ")
}

pub(super) fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(files: usize, documents: usize, with_review_date: usize) -> EvidenceCounts {
        EvidenceCounts {
            files,
            documents,
            with_review_date,
            ..EvidenceCounts::default()
        }
    }

    #[test]
    fn named_documents_alone_are_not_said_to_be_read_again() {
        let said = evidence_checked(counts(0, 2, 0));
        assert_eq!(
            said,
            "no evidence files; 2 named documents (not files, so not checked)"
        );
        assert!(!said.contains("read again"), "{said}");
        assert!(!said.contains("review date"), "{said}");
        assert_eq!(
            evidence_checked(counts(0, 1, 0)),
            "no evidence files; 1 named document (not a file, so not checked)"
        );
    }

    #[test]
    fn files_and_documents_are_counted_apart() {
        assert_eq!(
            evidence_checked(counts(3, 2, 1)),
            "3 files read again for this pack and matched their recorded SHA-256; 2 named documents (not files, so not checked); none is past its review date"
        );
        assert_eq!(
            evidence_checked(counts(1, 0, 0)),
            "1 file read again for this pack and matched its recorded SHA-256"
        );
    }
}
