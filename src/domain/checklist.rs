//! What a checklist is, once loaded and validated.
//!
//! These types are plain data: the loader (`crate::checklist`) builds them from TOML and has
//! already checked every rule the format promises, so code that reads them can rely on unique IDs,
//! known level names and resolvable links.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::date::Date;

/// The version of the checklist file format this build reads and writes.
pub const FORMAT_VERSION: i64 = 1;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Checklist {
    pub id: String,
    pub title: String,
    pub edition: String,
    pub publisher: String,
    pub source_url: String,
    pub licence: String,
    pub summary: String,
    /// What the authors could not confirm and the user should check against the official source.
    pub caution: Option<String>,
    /// The reporting period and deadline of this edition, where the source has one.
    pub reporting: Option<Reporting>,
    pub levels: Vec<Level>,
    pub sections: Vec<Section>,
}

impl Checklist {
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.sections.iter().flat_map(|s| s.items.iter())
    }

    pub fn item_count(&self) -> usize {
        self.sections.iter().map(|s| s.items.len()).sum()
    }

    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items().find(|i| i.id == id)
    }

    pub fn level(&self, id: &str) -> Option<&Level> {
        self.levels.iter().find(|l| l.id == id)
    }
}

/// The period an edition covers and the date by which it must be published (the DSPT's
/// yearly cycle). Front ends use it to say when an edition is out of date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Reporting {
    /// The first day of the period the edition's answers cover.
    pub period_start: Date,
    /// The last day of that period; after it, a newer edition may ask different questions.
    pub period_end: Date,
    /// The date by which an assessment on this edition must be published.
    pub deadline: Date,
}

impl Reporting {
    /// The reporting period that `day` falls in. This is the one rule for which period an
    /// assessment is for: the DSPT's year runs 1 July to 30 June with a 30 June deadline, every
    /// year, so once the edition's own period has ended the period in force is the same dates
    /// moved on by whole years (its questions are then provisional: see [`Reporting::label`]).
    /// A day before the edition's period gives the edition's own period.
    pub fn period_containing(&self, day: Date) -> Reporting {
        if day <= self.period_end {
            return *self;
        }
        let gap = day.ymd().0 - self.period_end.ymd().0;
        // Starts one year short of the answer and moves on: at most two steps.
        let mut years = u32::try_from(gap - 1).unwrap_or(0).max(1);
        while self.period_end.add_months(12 * years) < day {
            years += 1;
        }
        let on = |d: Date| d.add_months(12 * years);
        Reporting {
            period_start: on(self.period_start),
            period_end: on(self.period_end),
            deadline: on(self.deadline),
        }
    }

    /// The period's name as the toolkit writes it: "2026-27" for 1 July 2026 to 30 June 2027,
    /// "2026" for a calendar year, "2026-2028" for a longer span.
    pub fn label(&self) -> String {
        let (start, end) = (self.period_start.ymd().0, self.period_end.ymd().0);
        match end - start {
            0 => start.to_string(),
            1 => format!("{start}-{:02}", end.rem_euclid(100)),
            _ => format!("{start}-{end}"),
        }
    }
}

/// A named level of achievement, such as the DSPT's "Standards Met".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Level {
    pub id: String,
    pub name: String,
    pub description: String,
    /// The official number of mandatory items for this level, where the source publishes one.
    /// The checklist may tag fewer items than this; readiness must then not claim the level.
    pub official_count: Option<u32>,
    /// Other levels that must also be reached: a bare ID is a level of this checklist,
    /// `CHECKLIST-ID:LEVEL-ID` one of another checklist (DSPT Standards Exceeded needs
    /// Standards Met here and Cyber Essentials Plus there).
    pub requires: Vec<String>,
}

impl Level {
    /// The required levels split into this checklist's (`None`) and other checklists' own.
    pub fn required_levels(&self) -> impl Iterator<Item = (Option<&str>, &str)> {
        self.requires.iter().map(|r| match r.split_once(':') {
            Some((checklist, level)) => (Some(checklist), level),
            None => (None, r.as_str()),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    /// Stable ID, the official one where there is one (DSPT "4.5.3").
    pub id: String,
    pub title: String,
    /// The question, in plain English.
    pub question: String,
    /// What good looks like, and how to get there.
    pub guidance: String,
    /// Typical evidence: what to show an inspector or upload.
    pub evidence: Vec<String>,
    /// IDs of the levels this item counts towards.
    pub levels: Vec<String>,
    /// How often the answer must be looked at again.
    pub review_months: Option<u32>,
    pub answer: AnswerKind,
    pub references: Vec<Reference>,
    /// Items elsewhere that are the same control or help with it.
    pub links: Vec<Link>,
    /// A fact about this item that is not verified, stated so the user can check it.
    pub caution: Option<String>,
    /// Certifications whose holders may skip this item (e.g. "Cyber Essentials Plus").
    pub exempt_with: Vec<String>,
    /// Failing this item fails the whole assessment (Cyber Essentials "automatic fail").
    pub critical: bool,
    /// The item records a hands-on test an assessor performs (Cyber Essentials Plus): the
    /// organisation cannot answer it by saying so, so answers are never copied onto it.
    pub assessor_test: bool,
}

/// A link from one item to another, in this checklist or another.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Link {
    pub to: ItemRef,
    pub kind: LinkKind,
}

/// How two linked items relate. Both kinds read the same from either end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LinkKind {
    /// The same control: an answer to one may be offered to the other.
    Same,
    /// Helps with the other: shown beside it, never offered as its answer.
    Related,
}

impl LinkKind {
    /// The word the format uses.
    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::Same => "same",
            LinkKind::Related => "related",
        }
    }

    pub fn parse(text: &str) -> Option<LinkKind> {
        match text {
            "same" => Some(LinkKind::Same),
            "related" => Some(LinkKind::Related),
            _ => None,
        }
    }

    /// What a pair declared with two different kinds counts as: the weaker, so an answer is
    /// offered only where both ends agree it is the same control.
    pub fn combine(self, other: LinkKind) -> LinkKind {
        self.max(other)
    }
}

impl fmt::Display for LinkKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What kind of answer an item asks for beyond its status.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum AnswerKind {
    /// Only a status (yes, partial, no, ...).
    Status,
    /// A piece of text, such as an ICO registration number.
    Text { label: String },
    /// A whole number within optional bounds.
    WholeNumber {
        label: String,
        min: Option<i64>,
        max: Option<i64>,
    },
    /// A percentage from 0 to 100; values below the threshold do not meet the item.
    Percentage { label: String, threshold: f64 },
    /// A date; with a maximum age, an older date no longer meets the item.
    Date {
        label: String,
        max_age_months: Option<u32>,
    },
}

impl AnswerKind {
    pub fn label(&self) -> Option<&str> {
        match self {
            AnswerKind::Status => None,
            AnswerKind::Text { label }
            | AnswerKind::WholeNumber { label, .. }
            | AnswerKind::Percentage { label, .. }
            | AnswerKind::Date { label, .. } => Some(label),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reference {
    pub title: String,
    pub url: Option<String>,
}

/// A reference to one item of one checklist, written `CHECKLIST-ID:ITEM-ID`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ItemRef {
    pub checklist: String,
    pub item: String,
}

impl ItemRef {
    pub fn new(checklist: impl Into<String>, item: impl Into<String>) -> ItemRef {
        ItemRef {
            checklist: checklist.into(),
            item: item.into(),
        }
    }

    /// The order a reader expects: by checklist, then by item id with its numbers compared as
    /// numbers (6.3.5 before 10.2.1). Lists shown to people use it; maps keep the derived
    /// order, which saved files and fingerprints depend on.
    pub fn natural_cmp(&self, other: &ItemRef) -> std::cmp::Ordering {
        self.checklist
            .cmp(&other.checklist)
            .then_with(|| natural_cmp(&self.item, &other.item))
    }

    /// Parses `CHECKLIST-ID:ITEM-ID`, checking both halves are valid IDs.
    pub fn parse(text: &str) -> Result<ItemRef, String> {
        let Some((checklist, item)) = text.split_once(':') else {
            return Err(format!("`{text}` should be CHECKLIST-ID:ITEM-ID"));
        };
        if !is_checklist_id(checklist) {
            return Err(format!("`{checklist}` is not a valid checklist ID"));
        }
        if !is_item_id(item) {
            return Err(format!("`{item}` is not a valid item ID"));
        }
        Ok(ItemRef::new(checklist, item))
    }
}

/// Compares two ids part by part, numbers as numbers: "6.3.5" < "10.2.1", "A2" < "A10".
pub fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    fn parts(text: &str) -> Vec<(bool, &str)> {
        let mut out = Vec::new();
        let mut start = 0;
        for (i, c) in text.char_indices().skip(1) {
            let prev = text[..i].chars().next_back().unwrap_or(c);
            if prev.is_ascii_digit() != c.is_ascii_digit() {
                out.push((prev.is_ascii_digit(), &text[start..i]));
                start = i;
            }
        }
        if start < text.len() {
            let digit = text[start..].starts_with(|c: char| c.is_ascii_digit());
            out.push((digit, &text[start..]));
        }
        out
    }
    let (x, y) = (parts(a), parts(b));
    for ((xd, xs), (yd, ys)) in x.iter().zip(&y) {
        let order = if *xd && *yd {
            let (xt, yt) = (xs.trim_start_matches('0'), ys.trim_start_matches('0'));
            xt.len().cmp(&yt.len()).then_with(|| xt.cmp(yt))
        } else {
            xs.cmp(ys)
        };
        if order.is_ne() {
            return order;
        }
    }
    x.len().cmp(&y.len()).then_with(|| a.cmp(b))
}

impl fmt::Display for ItemRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.checklist, self.item)
    }
}

impl TryFrom<String> for ItemRef {
    type Error = String;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        ItemRef::parse(&text)
    }
}

impl From<ItemRef> for String {
    fn from(r: ItemRef) -> String {
        r.to_string()
    }
}

/// Checklist IDs: lower-case letters, digits and single hyphens, starting with a letter; at most
/// 64 characters. They name files and folders, so they must be safe on every platform.
pub fn is_checklist_id(id: &str) -> bool {
    id.len() <= 64
        && id.starts_with(|c: char| c.is_ascii_lowercase())
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Item, section and level IDs: letters, digits, `.`, `-` and `_`, starting with a letter or
/// digit; at most 64 characters. Official IDs such as `4.5.3`, `A7.1` and `AC-2(1)` are written
/// with these (`AC-2.1`).
pub fn is_item_id(id: &str) -> bool {
    id.len() <= 64
        && id.starts_with(|c: char| c.is_ascii_alphanumeric())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_refs_parse_and_print() {
        let r = ItemRef::parse("dspt-social-care:4.5.3").expect("valid");
        assert_eq!(r, ItemRef::new("dspt-social-care", "4.5.3"));
        assert_eq!(r.to_string(), "dspt-social-care:4.5.3");
    }

    #[test]
    fn ids_sort_with_their_numbers_as_numbers() {
        let mut ids = vec![
            "10.2.1", "6.3.5", "1.3.12", "1.3.2", "A10", "A2", "1.3", "01.4",
        ];
        ids.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(
            ids,
            [
                "1.3", "1.3.2", "1.3.12", "01.4", "6.3.5", "10.2.1", "A2", "A10"
            ]
        );
    }

    #[test]
    fn bad_item_refs_are_refused() {
        for text in [
            "4.5.3",
            "DSPT:4.5.3",
            "dspt:",
            ":4.5.3",
            "dspt:4 5",
            "dspt:a:b",
        ] {
            assert!(ItemRef::parse(text).is_err(), "{text}");
        }
    }

    #[test]
    fn link_kinds_read_and_combine() {
        assert_eq!(LinkKind::parse("same"), Some(LinkKind::Same));
        assert_eq!(LinkKind::parse("related"), Some(LinkKind::Related));
        assert_eq!(LinkKind::parse("Same"), None);
        assert_eq!(LinkKind::Same.combine(LinkKind::Related), LinkKind::Related);
        assert_eq!(LinkKind::Related.combine(LinkKind::Same), LinkKind::Related);
        assert_eq!(LinkKind::Same.combine(LinkKind::Same), LinkKind::Same);
        let json = serde_json::to_string(&Link {
            to: ItemRef::new("a", "1"),
            kind: LinkKind::Related,
        })
        .expect("serialises");
        assert_eq!(json, r#"{"to":"a:1","kind":"related"}"#);
    }

    #[test]
    fn required_levels_split_at_the_colon() {
        let level = Level {
            id: "exceeded".to_owned(),
            name: "Exceeded".to_owned(),
            description: "More".to_owned(),
            official_count: None,
            requires: vec!["met".to_owned(), "cyber-essentials:ce-plus".to_owned()],
        };
        let split: Vec<_> = level.required_levels().collect();
        assert_eq!(
            split,
            [(None, "met"), (Some("cyber-essentials"), "ce-plus")]
        );
    }

    fn reporting(start: &str, end: &str, deadline: &str) -> Reporting {
        let d = |t: &str| Date::parse(t).expect("test date");
        Reporting {
            period_start: d(start),
            period_end: d(end),
            deadline: d(deadline),
        }
    }

    #[test]
    fn the_period_in_force_moves_on_by_whole_years_once_the_edition_s_has_ended() {
        let edition = reporting("2025-07-01", "2026-06-30", "2026-06-30");
        let on = |day: &str| edition.period_containing(Date::parse(day).expect("date"));
        assert_eq!(
            on("2025-06-01"),
            edition,
            "before the period: the edition's own"
        );
        assert_eq!(on("2026-05-31"), edition);
        assert_eq!(
            on("2026-06-30"),
            edition,
            "the deadline day is still the period"
        );
        let next = reporting("2026-07-01", "2027-06-30", "2027-06-30");
        assert_eq!(on("2026-07-01"), next, "the day after: the next period");
        assert_eq!(on("2026-12-07"), next);
        assert_eq!(on("2027-06-30"), next);
        assert_eq!(
            on("2029-01-15"),
            reporting("2028-07-01", "2029-06-30", "2029-06-30"),
            "years later: still the period the day falls in"
        );
        assert_eq!(edition.label(), "2025-26");
        assert_eq!(next.label(), "2026-27");
        assert_eq!(
            reporting("2099-07-01", "2100-06-30", "2100-06-30").label(),
            "2099-00"
        );
        assert_eq!(
            reporting("2026-01-01", "2026-12-31", "2027-01-31").label(),
            "2026"
        );
        assert_eq!(
            reporting("2026-01-01", "2028-12-31", "2029-01-31").label(),
            "2026-2028"
        );
    }

    #[test]
    fn id_rules() {
        assert!(is_checklist_id("cyber-essentials-v3-3"));
        assert!(!is_checklist_id("Cyber"));
        assert!(!is_checklist_id("a--b"));
        assert!(!is_checklist_id("-a"));
        assert!(is_item_id("A7.1"));
        assert!(is_item_id("ac-2.1"));
        assert!(!is_item_id(".hidden"));
        assert!(!is_item_id("a/b"));
    }
}
