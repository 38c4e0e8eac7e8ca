//! Who gave each answer and when, read from an assessment's journal: the record behind
//! "confirmed by NAME on DATE (first answered by NAME on DATE)" and behind a site's
//! inherited answer naming the head office's answerer.

use std::collections::BTreeMap;

use crate::domain::assessment::{Answer, Event};
use crate::domain::checklist::ItemRef;
use crate::domain::date::Date;
use crate::store::journal::Entry;

/// The change that set an item's present answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answerer {
    /// Who, as the journal names them (none for a change nobody was named for).
    pub by: Option<String>,
    /// The day it was given.
    pub on: Date,
}

/// For each item, who set its present status: the entry where the status or its day
/// changed (a note or evidence added later is not a new answer). A renewal's carried answers
/// name last year's answerer where the renewal recorded one.
pub fn answerers(entries: &[Entry]) -> BTreeMap<ItemRef, Answerer> {
    let mut last: BTreeMap<&ItemRef, &Answer> = BTreeMap::new();
    let mut out = BTreeMap::new();
    for entry in entries {
        let Event::Answered { item, answer } = &entry.change else {
            continue;
        };
        let before = last.insert(item, answer);
        let fresh = before.is_none_or(|b| {
            b.status != answer.status || b.answered != answer.answered || b.carried.is_some()
        });
        if answer.carried.is_some() {
            // Last year's answer: last year's answerer (unknown for a renewal made before
            // carecheck kept it), never whoever ran the renewal.
            out.insert(
                item.clone(),
                Answerer {
                    by: answer.first_answered_by.clone(),
                    on: answer.answered.unwrap_or(entry.at.date()),
                },
            );
        } else if fresh && answer.confirmed.is_none() {
            out.insert(
                item.clone(),
                Answerer {
                    by: entry.by.clone(),
                    on: entry.at.date(),
                },
            );
        }
    }
    out
}
