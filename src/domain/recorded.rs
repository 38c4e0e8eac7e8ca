//! Last year's judgement as it was recorded: kept with this year's assessment when it is
//! renewed, so "Since the last assessment" compares with what last year's pack said rather
//! than with last year's answers judged again today (a date that has aged since would turn
//! a met item into a gap that never was one).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::checklist::ItemRef;
use super::date::Date;
use super::progress::{Bucket, Tally};

/// What an assessment stood at when it was renewed from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recorded {
    /// The assessment this is the summary of (this one's `previous`).
    pub assessment: String,
    /// The day its answers were judged on: the day of its last change.
    pub judged_on: Date,
    pub checklists: Vec<RecordedChecklist>,
    /// Every answered item's state, with the reason for a gap.
    pub items: BTreeMap<ItemRef, RecordedItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordedChecklist {
    pub id: String,
    pub title: String,
    pub edition: String,
    pub tally: Tally,
    pub sections: Vec<RecordedSection>,
    /// Each level's name and whether it was reached.
    pub levels: Vec<(String, bool)>,
    /// Each level as the roll-up shows it, with its counts and why it was not reached
    /// (empty in a summary kept by an older carecheck, which recorded only `levels`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub level_detail: Vec<RecordedLevel>,
}

/// A level as it stood when recorded: its counts, verdict and why it was not reached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordedLevel {
    pub name: String,
    pub met: usize,
    pub required: usize,
    pub reached: bool,
    pub verdict: String,
    pub why_not: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordedSection {
    pub id: String,
    pub title: String,
    pub tally: Tally,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordedItem {
    pub state: Bucket,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}
