//! An assessment together with the checklists it was answered against.
//!
//! Each checklist comes from the assessment's own stored copy, so answers are always read
//! against the exact questions they answered, even after carecheck ships a newer edition. When
//! the library holds the same text (same hash), its already-parsed copy is reused.

use std::collections::{BTreeSet, HashMap};

use crate::checklist::Library;
use crate::checklist::library::{Origin, candidate};
use crate::digest::sha256_hex;
use crate::domain::assessment::{Assessment, ChecklistUse, Status};
use crate::domain::checklist::{Checklist, Item, ItemRef, Link};
use crate::store::{OpenAssessment, Store, StoreError};

/// The checklists of an assessment, in the order the assessment lists them.
pub fn checklists_of(
    open: &OpenAssessment,
    library: &Library,
) -> Result<Vec<Checklist>, StoreError> {
    open.assessment
        .checklists
        .iter()
        .map(|used| checklist_for(open, used, library))
        .collect()
}

fn checklist_for(
    open: &OpenAssessment,
    used: &ChecklistUse,
    library: &Library,
) -> Result<Checklist, StoreError> {
    if let Some(entry) = library.get(&used.id).filter(|e| e.hash == used.hash) {
        return Ok(entry.checklist.clone());
    }
    let path = open
        .dir()
        .join("checklists")
        .join(format!("{}.toml", used.id));
    let bytes = open.checklist_copy(&used.id)?;
    let corrupt = |message: String| StoreError::Corrupt {
        path: path.clone(),
        line: None,
        message,
    };
    if sha256_hex(&bytes) != used.hash {
        return Err(corrupt(
            "this stored checklist copy has been changed since the assessment used it".into(),
        ));
    }
    candidate(Origin::File(path.clone()), &bytes)
        .map(|c| c.parsed.checklist)
        .map_err(|problems| {
            corrupt(format!(
                "stored checklist copy is not valid: {}",
                problems
                    .first()
                    .map(ToString::to_string)
                    .unwrap_or_default()
            ))
        })
}

/// Finds the item a user means: `CHECKLIST:ID`, or a bare ID that only one of the assessment's
/// checklists has.
pub fn find_item<'c>(
    checklists: &'c [Checklist],
    query: &str,
) -> Result<(ItemRef, &'c Item), String> {
    if let Some((checklist_id, item_id)) = query.split_once(':') {
        let checklist = checklists
            .iter()
            .find(|c| c.id == checklist_id)
            .ok_or_else(|| format!("this assessment does not use checklist `{checklist_id}`"))?;
        let item = checklist
            .item(item_id)
            .ok_or_else(|| format!("checklist `{checklist_id}` has no item `{item_id}`"))?;
        return Ok((ItemRef::new(checklist_id, item_id), item));
    }
    let mut matches = checklists
        .iter()
        .filter_map(|c| c.item(query).map(|i| (ItemRef::new(&c.id, &i.id), i)));
    match (matches.next(), matches.next()) {
        (Some(only), None) => Ok(only),
        (None, _) => Err(format!(
            "no checklist in this assessment has an item `{query}`"
        )),
        (Some(first), Some(second)) => {
            let names: Vec<String> = [first, second]
                .into_iter()
                .chain(matches)
                .map(|(r, _)| r.to_string())
                .collect();
            Err(format!(
                "`{query}` is in more than one checklist; write one of: {}",
                names.join(", ")
            ))
        }
    }
}

/// Library checklists newer than the copies this assessment answered.
pub fn newer_editions<'l>(assessment: &Assessment, library: &'l Library) -> Vec<&'l Checklist> {
    assessment
        .checklists
        .iter()
        .filter_map(|used| library.get(&used.id).filter(|e| e.hash != used.hash))
        .map(|e| &e.checklist)
        .collect()
}

/// Every link between items, indexed from both ends and without repeats: links written in the
/// assessment's checklists and in every other checklist carecheck knows. A link declared at one
/// end only is known at both; a pair declared with two kinds counts as the weaker (`related`).
pub fn link_index(checklists: &[Checklist], library: &Library) -> HashMap<ItemRef, Vec<Link>> {
    let in_assessment = |id: &str| checklists.iter().any(|c| c.id == id);
    let sources = checklists.iter().chain(
        library
            .entries()
            .iter()
            .map(|e| &e.checklist)
            .filter(|c| !in_assessment(&c.id)),
    );
    let mut index: HashMap<ItemRef, Vec<Link>> = HashMap::new();
    for checklist in sources {
        for item in checklist.items() {
            let from = ItemRef::new(&checklist.id, &item.id);
            for link in &item.links {
                for (a, b) in [(&from, &link.to), (&link.to, &from)] {
                    let list = index.entry(a.clone()).or_default();
                    match list.iter_mut().find(|l| &l.to == b) {
                        Some(known) => known.kind = known.kind.combine(link.kind),
                        None => list.push(Link {
                            to: b.clone(),
                            kind: link.kind,
                        }),
                    }
                }
            }
        }
    }
    index
}

/// The items linked to `key` that this assessment also answers (their checklist is one of
/// its own), in checklist order.
pub fn linked_in_assessment(
    key: &ItemRef,
    checklists: &[Checklist],
    index: &HashMap<ItemRef, Vec<Link>>,
) -> Vec<Link> {
    let mut linked: Vec<Link> = index
        .get(key)
        .into_iter()
        .flatten()
        .filter(|l| {
            checklists
                .iter()
                .any(|c| c.id == l.to.checklist && c.item(&l.to.item).is_some())
        })
        .cloned()
        .collect();
    let order = |l: &Link| checklists.iter().position(|c| c.id == l.to.checklist);
    linked.sort_by_key(|l| (order(l), l.to.item.clone()));
    linked
}

/// A site's answers with its head office's filled in wherever the site has given none.
#[derive(Debug, Clone)]
pub struct Effective {
    pub assessment: Assessment,
    /// The items whose answer comes from the head office.
    pub inherited: BTreeSet<crate::domain::checklist::ItemRef>,
}

/// The answers that count for `site`: its own, or its head office's where it has no status of
/// its own for an item of one of its checklists.
pub fn merge_inherited(site: &Assessment, head: Option<&Assessment>) -> Effective {
    let mut assessment = site.clone();
    let mut inherited = BTreeSet::new();
    for (item, answer) in head.map(|h| &h.answers).into_iter().flatten() {
        let has_own = site
            .answers
            .get(item)
            .is_some_and(|a| a.status != Status::Unanswered);
        if !has_own && answer.status != Status::Unanswered && site.uses_checklist(&item.checklist) {
            assessment.answers.insert(item.clone(), answer.clone());
            inherited.insert(item.clone());
        }
    }
    Effective {
        assessment,
        inherited,
    }
}

/// The head-office assessment a site inherits from, if it has one.
pub fn head_office_of(store: &Store, site: &Assessment) -> Result<Option<Assessment>, StoreError> {
    let Some(head) = &site.details.inherits_from else {
        return Ok(None);
    };
    store
        .open_read_only(head)
        .map(|open| Some(open.assessment))
        .map_err(|e| match e {
            StoreError::NotFound(_) => StoreError::NotFound(format!(
                "{head} (the head office `{}` inherits from)",
                site.id
            )),
            other => other,
        })
}

/// [`merge_inherited`] for an open assessment, loading its head office from the store.
pub fn effective(store: &Store, open: &OpenAssessment) -> Result<Effective, StoreError> {
    let head = head_office_of(store, &open.assessment)?;
    Ok(merge_inherited(&open.assessment, head.as_ref()))
}
