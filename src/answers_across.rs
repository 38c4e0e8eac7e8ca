//! Giving a checklist added to an assessment the answers of another checklist it already uses,
//! item by item where the ids match: how an imported edition of a list (the DSPT's published
//! spreadsheet, say) takes over from the checklist answered so far.
//!
//! An answer moves whole (status, value, notes, evidence, action), as `upgrade` keeps every
//! answer when a checklist moves to a newer edition under the same id. An item the new
//! checklist has already answered keeps its own answer, and nothing is taken from the old
//! checklist: its answers stay where they are, so taking it off later loses nothing.

use crate::domain::answering;
use crate::domain::checklist::{Checklist, ItemRef};
use crate::domain::date::Timestamp;
use crate::store::StoreError;
use crate::workspace::Loaded;

/// What moved.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Copied {
    /// The ids of the items that took the old checklist's answer.
    pub copied: Vec<String>,
    /// Items with an answer in both, where the new checklist's own answer was kept.
    pub kept: Vec<String>,
}

/// Copies the own answers of checklist `from` onto the items of `to` with the same id, each
/// recorded in the journal like any answer.
pub fn copy_by_id(
    loaded: &mut Loaded,
    from: &str,
    to: &Checklist,
    at: Timestamp,
    by: Option<&str>,
) -> Result<Copied, StoreError> {
    let mut result = Copied::default();
    for item in to.sections.iter().flat_map(|s| &s.items) {
        let key = |checklist: &str| ItemRef {
            checklist: checklist.to_owned(),
            item: item.id.clone(),
        };
        let (source, _) = loaded.own_answer(&key(from));
        if source.is_blank() {
            continue;
        }
        let target = key(&to.id);
        let (own, _) = loaded.own_answer(&target);
        if !own.is_blank() {
            result.kept.push(item.id.clone());
            continue;
        }
        if let Some(event) = answering::event(&target, &own, source) {
            loaded.record(event, at, by.map(str::to_owned))?;
            result.copied.push(item.id.clone());
        }
    }
    Ok(result)
}
