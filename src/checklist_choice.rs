//! Adding a checklist to an assessment after it was started, or taking one off. The CLI and the
//! TUI both come here, so the rules are the same: a checklist is added from the library (its
//! copy stored with the assessment, as at creation); removing one keeps every answer, in the
//! journal and in the assessment, orphaned until the checklist is added again; an assessment
//! always keeps at least one checklist.

use thiserror::Error;

use crate::checklist::Library;
use crate::domain::assessment::{ChecklistUse, Event};
use crate::domain::date::Timestamp;
use crate::store::StoreError;
use crate::workspace::Loaded;

#[derive(Debug, Error)]
pub enum ChecklistChoiceError {
    #[error("no checklist `{0}` is installed (see `carecheck checklists` for the list)")]
    Unknown(String),
    #[error("this assessment already uses `{0}`")]
    AlreadyUsed(String),
    #[error("this assessment does not use `{0}`")]
    NotUsed(String),
    #[error("`{0}` is the assessment's only checklist; add another before removing it")]
    LastOne(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What changed, for each front end to put in its own words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecklistChanged {
    pub id: String,
    pub title: String,
    pub items: usize,
    /// Answers the assessment holds for this checklist's items: counted again after an add,
    /// kept but no longer counted after a removal.
    pub answers: usize,
}

/// Adds checklist `id` from the library to the open assessment. `loaded.checklists` is not
/// refreshed: reload the assessment (`Workspace::complete`) to work with it.
pub fn add(
    loaded: &mut Loaded,
    library: &Library,
    id: &str,
    at: Timestamp,
    by: Option<String>,
) -> Result<ChecklistChanged, ChecklistChoiceError> {
    let entry = library
        .get(id)
        .ok_or_else(|| ChecklistChoiceError::Unknown(id.to_owned()))?;
    if loaded.assessment().uses_checklist(id) {
        return Err(ChecklistChoiceError::AlreadyUsed(id.to_owned()));
    }
    let used = ChecklistUse {
        id: entry.checklist.id.clone(),
        title: entry.checklist.title.clone(),
        edition: entry.checklist.edition.clone(),
        hash: entry.hash.clone(),
    };
    loaded.open.replace_checklist(used, &entry.text, at, by)?;
    Ok(ChecklistChanged {
        id: id.to_owned(),
        title: entry.checklist.title.clone(),
        items: entry.checklist.item_count(),
        answers: loaded.assessment().answers_for(id),
    })
}

/// Takes checklist `id` off the open assessment, keeping its answers. `loaded.checklists` is not
/// refreshed: reload the assessment to work with what is left.
pub fn remove(
    loaded: &mut Loaded,
    id: &str,
    at: Timestamp,
    by: Option<String>,
) -> Result<ChecklistChanged, ChecklistChoiceError> {
    let assessment = loaded.assessment();
    let Some(used) = assessment.checklists.iter().find(|c| c.id == id) else {
        return Err(ChecklistChoiceError::NotUsed(id.to_owned()));
    };
    if assessment.checklists.len() == 1 {
        return Err(ChecklistChoiceError::LastOne(id.to_owned()));
    }
    let changed = ChecklistChanged {
        id: id.to_owned(),
        title: used.title.clone(),
        items: loaded
            .checklists
            .iter()
            .find(|c| c.id == id)
            .map_or(0, crate::domain::checklist::Checklist::item_count),
        answers: assessment.answers_for(id),
    };
    loaded.record(
        Event::ChecklistRemoved {
            checklist: id.to_owned(),
        },
        at,
        by,
    )?;
    Ok(changed)
}
