//! The one way to open an assessment: a [`Workspace`] (the data folder and the checklist
//! library) loads an assessment together with the checklists it was answered against and its
//! effective answers (for a site, its head office's filled in). Every command, the TUI and the
//! reports load through here, with one error policy: an assessment that cannot be read is named
//! with its path and reason, never silently dropped.
//!
//! Each checklist comes from the assessment's own stored copy, so answers are always read
//! against the exact questions they answered, even after carecheck ships a newer edition. When
//! the library holds the same text (same hash), its already-parsed copy is reused.

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;
use thiserror::Error;

use crate::checklist::Library;
use crate::checklist::library::{Origin as ChecklistOrigin, candidate};
use crate::digest::sha256_hex;
use crate::domain::answering::Candidate;
use crate::domain::assessment::{Answer, Assessment, ChecklistUse, Event, Status};
use crate::domain::checklist::{Checklist, Item, ItemRef, Link, LinkKind};
use crate::domain::date::{Date, Timestamp};
use crate::store::{OpenAssessment, Store, StoreError};
use crate::summary::{LibraryFacts, Summary};

/// The data folder and the checklists carecheck knows: everything needed to open assessments.
#[derive(Debug)]
pub struct Workspace {
    pub store: Store,
    pub library: Library,
}

/// How to open an assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Reading only: no lock is taken and nothing is written.
    Read,
    /// Holding the lock, to record changes; fails if another carecheck has it.
    Write,
    /// To write if possible, otherwise read-only with the reason (the TUI).
    WriteOrRead,
}

/// An assessment ready to use: open, with its checklists and effective answers.
#[derive(Debug)]
pub struct Loaded {
    pub open: OpenAssessment,
    pub checklists: Vec<Checklist>,
    /// For a site: its head office's assessment, whose answers fill the site's gaps.
    pub head: Option<Assessment>,
    pub effective: Effective,
    /// Why changes cannot be saved (another carecheck has it open), when opened that way.
    pub read_only: Option<String>,
}

/// An assessment's id, and the assessment loaded or why it could not be.
pub type Listed = (String, Result<Loaded, LoadError>);

/// An assessment that could not be loaded, named.
#[derive(Debug, Error)]
#[error("{0}")]
pub struct LoadError(#[from] pub StoreError);

impl Workspace {
    pub fn new(store: Store, library: Library) -> Workspace {
        Workspace { store, library }
    }

    /// Opens the assessment a user means (see [`Store::resolve`]).
    pub fn load(&self, query: Option<&str>, access: Access) -> Result<Loaded, LoadError> {
        let id = self.store.resolve(query)?;
        self.load_id(&id, access)
    }

    /// Opens the assessment with this exact id.
    pub fn load_id(&self, id: &str, access: Access) -> Result<Loaded, LoadError> {
        let (open, read_only) = match access {
            Access::Read => (self.store.open_read_only(id)?, None),
            Access::Write => (self.store.open(id)?, None),
            Access::WriteOrRead => match self.store.open(id) {
                Ok(open) => (open, None),
                Err(StoreError::Locked { .. }) => (
                    self.store.open_read_only(id)?,
                    Some(
                        "another carecheck has this assessment open; close it to make changes here"
                            .to_owned(),
                    ),
                ),
                Err(e) => return Err(e.into()),
            },
        };
        self.complete(open, read_only)
    }

    /// Adds the checklists and effective answers to an assessment already open (one just
    /// created, say).
    pub fn complete(
        &self,
        open: OpenAssessment,
        read_only: Option<String>,
    ) -> Result<Loaded, LoadError> {
        let checklists = checklists_of(&open, &self.library)?;
        let head = head_office_of(&self.store, &open.assessment)?;
        let effective = Effective::merge(&open.assessment, head.as_ref());
        Ok(Loaded {
            open,
            checklists,
            head,
            effective,
            read_only,
        })
    }

    /// Every assessment, read-only and in id order, each loaded or with the reason it could
    /// not be. Callers show the failures; none may drop them.
    pub fn load_all(&self) -> Result<Vec<Listed>, LoadError> {
        Ok(self
            .store
            .ids()?
            .into_iter()
            .map(|id| {
                let loaded = self.load_id(&id, Access::Read);
                (id, loaded)
            })
            .collect())
    }

    /// The links between items, from every checklist carecheck knows, indexed from both ends.
    pub fn links(&self, checklists: &[Checklist]) -> LinkIndex {
        LinkIndex::build(checklists, &self.library)
    }
}

impl Loaded {
    pub fn assessment(&self) -> &Assessment {
        &self.open.assessment
    }

    /// The item a user means (see [`find_item`]).
    pub fn find_item(&self, query: &str) -> Result<(ItemRef, &Item), ItemLookupError> {
        find_item(&self.checklists, query)
    }

    /// Records one change (journal first, then the assessment file) and brings the effective
    /// answers up to date. The one way every front end saves.
    pub fn record(
        &mut self,
        event: Event,
        at: Timestamp,
        by: Option<String>,
    ) -> Result<(), StoreError> {
        self.open.record(event, at, by)?;
        self.effective = Effective::merge(&self.open.assessment, self.head.as_ref());
        Ok(())
    }

    /// Where the assessment stands on `today`.
    pub fn summary(&self, library: &Library, today: Date) -> Summary {
        let facts = LibraryFacts::of(self.assessment(), library);
        Summary::of(&self.effective, &self.checklists, &facts, today)
    }

    /// An item's own answer (for a site, never its head office's) and the head office whose
    /// answer shows when it has no status of its own: what
    /// [`crate::domain::answering::apply`] starts from.
    pub fn own_answer(&self, key: &ItemRef) -> (Answer, Option<&HeadOffice>) {
        (
            self.assessment().answer(key),
            self.effective.fallback_for(key),
        )
    }
}

/// The checklists of an assessment, in the order the assessment lists them.
fn checklists_of(open: &OpenAssessment, library: &Library) -> Result<Vec<Checklist>, StoreError> {
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
    candidate(ChecklistOrigin::File(path.clone()), &bytes)
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

/// Why an item could not be found in an assessment.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ItemLookupError {
    #[error("this assessment does not use checklist `{0}`")]
    NoSuchChecklist(String),
    #[error("checklist `{checklist}` has no item `{item}`")]
    NotInChecklist { checklist: String, item: String },
    #[error("no checklist in this assessment has an item `{0}`")]
    NoSuchItem(String),
    #[error("`{query}` is in more than one checklist; write one of: {}", candidates.join(", "))]
    Ambiguous {
        query: String,
        candidates: Vec<String>,
    },
}

/// Finds the item a user means: `CHECKLIST:ID`, or a bare ID that only one of the assessment's
/// checklists has.
pub fn find_item<'c>(
    checklists: &'c [Checklist],
    query: &str,
) -> Result<(ItemRef, &'c Item), ItemLookupError> {
    if let Some((checklist_id, item_id)) = query.split_once(':') {
        let checklist = checklists
            .iter()
            .find(|c| c.id == checklist_id)
            .ok_or_else(|| ItemLookupError::NoSuchChecklist(checklist_id.to_owned()))?;
        let item = checklist
            .item(item_id)
            .ok_or_else(|| ItemLookupError::NotInChecklist {
                checklist: checklist_id.to_owned(),
                item: item_id.to_owned(),
            })?;
        return Ok((ItemRef::new(checklist_id, item_id), item));
    }
    let mut matches = checklists
        .iter()
        .filter_map(|c| c.item(query).map(|i| (ItemRef::new(&c.id, &i.id), i)));
    match (matches.next(), matches.next()) {
        (Some(only), None) => Ok(only),
        (None, _) => Err(ItemLookupError::NoSuchItem(query.to_owned())),
        (Some(first), Some(second)) => Err(ItemLookupError::Ambiguous {
            query: query.to_owned(),
            candidates: [first, second]
                .into_iter()
                .chain(matches)
                .map(|(r, _)| r.to_string())
                .collect(),
        }),
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
/// assessment's checklists and in every other checklist carecheck knows. A link declared at
/// only one end is known from both; where the two ends disagree on its kind, it is `related`.
#[derive(Debug, Clone, Default)]
pub struct LinkIndex {
    links: HashMap<ItemRef, Vec<Link>>,
}

impl LinkIndex {
    pub fn build(checklists: &[Checklist], library: &Library) -> LinkIndex {
        let in_assessment = |id: &str| checklists.iter().any(|c| c.id == id);
        let sources = checklists.iter().chain(
            library
                .entries()
                .iter()
                .map(|e| &e.checklist)
                .filter(|c| !in_assessment(&c.id)),
        );
        let mut links: HashMap<ItemRef, Vec<Link>> = HashMap::new();
        for checklist in sources {
            for item in checklist.items() {
                let from = ItemRef::new(&checklist.id, &item.id);
                for link in &item.links {
                    for (a, b) in [(&from, &link.to), (&link.to, &from)] {
                        let list = links.entry(a.clone()).or_default();
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
        LinkIndex { links }
    }

    /// Each item and the items linked to it.
    pub fn iter(&self) -> impl Iterator<Item = (&ItemRef, &Vec<Link>)> {
        self.links.iter()
    }

    /// Every item linked to `key`, in any checklist carecheck knows.
    pub fn of(&self, key: &ItemRef) -> &[Link] {
        self.links.get(key).map_or(&[], Vec::as_slice)
    }

    /// The items linked to `key` as the same control that this assessment also answers, in
    /// checklist order, each with its item and the status it shows now: the candidates for the
    /// same answer. Related items only help with each other and are never candidates.
    pub fn candidates<'a>(
        &'a self,
        key: &ItemRef,
        checklists: &'a [Checklist],
        effective: &Effective,
    ) -> Vec<Candidate<'a>> {
        let mut found: Vec<(usize, Candidate<'a>)> = self
            .of(key)
            .iter()
            .filter(|link| link.kind == LinkKind::Same)
            .map(|link| &link.to)
            .filter_map(|target| {
                let (position, checklist) = checklists
                    .iter()
                    .enumerate()
                    .find(|(_, c)| c.id == target.checklist)?;
                let item = checklist.item(&target.item)?;
                Some((
                    position,
                    Candidate {
                        key: target,
                        item,
                        current: effective.status(target),
                    },
                ))
            })
            .collect();
        found.sort_by(|(pa, a), (pb, b)| pa.cmp(pb).then_with(|| a.key.item.cmp(&b.key.item)));
        found.into_iter().map(|(_, c)| c).collect()
    }
}

/// Where an answer comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "origin", rename_all = "kebab-case")]
pub enum AnswerOrigin {
    /// The assessment's own answer.
    Own,
    /// The head office's answer, shown because this site has none of its own.
    Inherited { head_office: HeadOffice },
}

/// The head-office assessment a site inherits from: its id and a name to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HeadOffice {
    pub id: String,
    pub name: String,
}

impl HeadOffice {
    fn of(head: &Assessment) -> HeadOffice {
        let d = &head.details;
        let name = match &d.site {
            Some(site) => format!("{}, {site}", d.organisation),
            None => format!("{} head office", d.organisation),
        };
        HeadOffice {
            id: head.id.clone(),
            name,
        }
    }
}

/// The answers that count for an assessment: its own, and for a site, its head office's
/// wherever it has given no status of its own.
#[derive(Debug, Clone)]
pub struct Effective {
    /// The assessment with the head office's answers filled in.
    pub assessment: Assessment,
    /// The items whose answer comes from the head office.
    pub inherited: BTreeSet<ItemRef>,
    /// The items the head office has answered: the site shows those answers whenever it has
    /// no status of its own (now, or after a change).
    pub head_answered: BTreeSet<ItemRef>,
    /// The head office, for a site.
    pub head: Option<HeadOffice>,
}

impl Effective {
    /// The answers that count for `own`, given its head office's assessment (if a site).
    pub fn merge(own: &Assessment, head: Option<&Assessment>) -> Effective {
        let mut assessment = own.clone();
        let mut inherited = BTreeSet::new();
        let mut head_answered = BTreeSet::new();
        for (item, answer) in head.map(|h| &h.answers).into_iter().flatten() {
            if answer.status == Status::Unanswered || !own.uses_checklist(&item.checklist) {
                continue;
            }
            head_answered.insert(item.clone());
            let has_own = own
                .answers
                .get(item)
                .is_some_and(|a| a.status != Status::Unanswered);
            if !has_own {
                assessment.answers.insert(item.clone(), answer.clone());
                inherited.insert(item.clone());
            }
        }
        Effective {
            assessment,
            inherited,
            head_answered,
            head: head.map(HeadOffice::of),
        }
    }

    /// The answer that counts for an item, if it has one.
    pub fn answer(&self, key: &ItemRef) -> Option<&Answer> {
        self.assessment.answers.get(key)
    }

    /// The status that counts for an item.
    pub fn status(&self, key: &ItemRef) -> Status {
        self.answer(key).map(|a| a.status).unwrap_or_default()
    }

    /// Where an item's answer comes from.
    pub fn origin(&self, key: &ItemRef) -> AnswerOrigin {
        match (&self.head, self.inherited.contains(key)) {
            (Some(head), true) => AnswerOrigin::Inherited {
                head_office: head.clone(),
            },
            _ => AnswerOrigin::Own,
        }
    }

    /// The head office whose answer an item shows whenever the site gives it no status of its
    /// own: what the answering core needs to refuse a note that would sit hidden behind it.
    pub fn fallback_for(&self, key: &ItemRef) -> Option<&HeadOffice> {
        self.head
            .as_ref()
            .filter(|_| self.head_answered.contains(key))
    }

    /// The head office an item's answer is inherited from, if it is.
    pub fn inherited_from(&self, key: &ItemRef) -> Option<&HeadOffice> {
        self.head.as_ref().filter(|_| self.inherited.contains(key))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::assessment::Details;
    use crate::domain::date::Timestamp;

    fn assessment(id: &str, checklists: &[&str]) -> Assessment {
        let uses = checklists
            .iter()
            .map(|c| ChecklistUse {
                id: (*c).into(),
                title: String::new(),
                edition: String::new(),
                hash: String::new(),
            })
            .collect();
        Assessment::new(
            id.into(),
            Details {
                organisation: "Sunnyside Care".into(),
                ..Details::default()
            },
            uses,
            Timestamp::from_unix(0),
        )
    }

    #[test]
    fn a_site_inherits_only_where_it_has_no_status_of_its_own() {
        let mut head = assessment("sunny", &["dspt", "ce"]);
        let mut site = assessment("sunny-leeds", &["dspt"]);
        let yes = Answer {
            status: Status::Yes,
            note: "head office note".into(),
            ..Answer::default()
        };
        for item in ["1.1.1", "1.1.2", "1.1.3"] {
            head.answers.insert(ItemRef::new("dspt", item), yes.clone());
        }
        head.answers.insert(ItemRef::new("ce", "A1"), yes.clone());
        site.answers.insert(
            ItemRef::new("dspt", "1.1.2"),
            Answer {
                status: Status::No,
                ..Answer::default()
            },
        );
        site.answers.insert(
            ItemRef::new("dspt", "1.1.3"),
            Answer {
                note: "a site note without a status".into(),
                ..Answer::default()
            },
        );
        let e = Effective::merge(&site, Some(&head));
        let inherited: Vec<String> = e.inherited.iter().map(ToString::to_string).collect();
        assert_eq!(inherited, ["dspt:1.1.1", "dspt:1.1.3"]);
        assert_eq!(e.status(&ItemRef::new("dspt", "1.1.2")), Status::No);
        assert_eq!(e.status(&ItemRef::new("ce", "A1")), Status::Unanswered);
        assert_eq!(
            e.origin(&ItemRef::new("dspt", "1.1.1")),
            AnswerOrigin::Inherited {
                head_office: HeadOffice {
                    id: "sunny".into(),
                    name: "Sunnyside Care head office".into()
                }
            }
        );
        assert_eq!(e.origin(&ItemRef::new("dspt", "1.1.2")), AnswerOrigin::Own);
    }

    #[test]
    fn item_lookup_errors_are_typed() {
        assert_eq!(
            find_item(&[], "4.5.3").err(),
            Some(ItemLookupError::NoSuchItem("4.5.3".into()))
        );
        assert_eq!(
            find_item(&[], "x:4.5.3").err(),
            Some(ItemLookupError::NoSuchChecklist("x".into()))
        );
    }
}
