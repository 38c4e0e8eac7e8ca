//! The assessment being worked on, with its checklists flattened into one ordered list of items
//! and the links between items indexed both ways. Built once when an assessment is opened.

use std::collections::{BTreeSet, HashMap};

use crate::checklist::Library;
use crate::domain::assessment::{Answer, Assessment};
use crate::domain::checklist::{Checklist, Item, ItemRef, LinkKind, Section};
use crate::domain::date::Date;
use crate::domain::progress::{Outcome, outcome};

/// One item's place in the flattened list.
#[derive(Debug, Clone)]
pub struct Entry {
    pub checklist: usize,
    pub section: usize,
    pub item: usize,
    pub key: ItemRef,
}

/// An equivalent item in another checklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub target: ItemRef,
    /// Whether the target is the same control or only related to this one.
    pub kind: LinkKind,
    pub title: String,
    /// The target's checklist is part of this assessment, so it has an answer to show.
    pub in_assessment: bool,
}

#[derive(Debug)]
pub struct Session {
    pub assessment: Assessment,
    pub checklists: Vec<Checklist>,
    pub entries: Vec<Entry>,
    /// Why changes cannot be saved (another carecheck has the assessment open), if so.
    pub read_only: Option<String>,
    links: HashMap<ItemRef, Vec<Link>>,
    /// For a site: its own answers (`assessment` holds them merged with the head office's).
    own: Option<Assessment>,
    head: Option<Assessment>,
    inherited: BTreeSet<ItemRef>,
}

impl Session {
    pub fn new(
        assessment: Assessment,
        checklists: Vec<Checklist>,
        library: &Library,
        read_only: Option<String>,
    ) -> Session {
        let entries = checklists
            .iter()
            .enumerate()
            .flat_map(|(c, checklist)| {
                checklist
                    .sections
                    .iter()
                    .enumerate()
                    .flat_map(move |(s, section)| {
                        section
                            .items
                            .iter()
                            .enumerate()
                            .map(move |(i, item)| Entry {
                                checklist: c,
                                section: s,
                                item: i,
                                key: ItemRef::new(&checklist.id, &item.id),
                            })
                    })
            })
            .collect();
        let links = index_links(&checklists, library);
        Session {
            assessment,
            checklists,
            entries,
            read_only,
            links,
            own: None,
            head: None,
            inherited: BTreeSet::new(),
        }
    }

    /// Makes this a site that inherits `head`'s answers where it has none of its own.
    pub fn with_head_office(mut self, head: Assessment) -> Session {
        let own = self.assessment.clone();
        let merged = crate::workspace::merge_inherited(&own, Some(&head));
        self.assessment = merged.assessment;
        self.inherited = merged.inherited;
        self.own = Some(own);
        self.head = Some(head);
        self
    }

    /// Applies a saved change, keeping inherited answers in step.
    pub fn apply(
        &mut self,
        event: &crate::domain::assessment::Event,
        at: crate::domain::date::Timestamp,
    ) {
        match &mut self.own {
            Some(own) => {
                own.apply(event, at);
                let merged = crate::workspace::merge_inherited(own, self.head.as_ref());
                self.assessment = merged.assessment;
                self.inherited = merged.inherited;
            }
            None => self.assessment.apply(event, at),
        }
    }

    /// The head office whose answer this item shows, when the site has none of its own.
    pub fn inherited_from(&self, index: usize) -> Option<&str> {
        let key = &self.entries.get(index)?.key;
        self.inherited
            .contains(key)
            .then(|| self.head.as_ref().map(|h| h.id.as_str()))
            .flatten()
    }

    pub fn item(&self, index: usize) -> Option<&Item> {
        let e = self.entries.get(index)?;
        self.checklists[e.checklist].sections[e.section]
            .items
            .get(e.item)
    }

    pub fn section(&self, index: usize) -> Option<&Section> {
        let e = self.entries.get(index)?;
        self.checklists[e.checklist].sections.get(e.section)
    }

    pub fn checklist(&self, index: usize) -> Option<&Checklist> {
        self.checklists.get(self.entries.get(index)?.checklist)
    }

    pub fn answer(&self, index: usize) -> Answer {
        self.entries
            .get(index)
            .map(|e| self.assessment.answer(&e.key))
            .unwrap_or_default()
    }

    /// The answer to an item, borrowed (for drawing and filtering, which run on every frame
    /// and must not copy notes and evidence); `None` when it has none.
    pub fn answer_ref(&self, index: usize) -> Option<&Answer> {
        self.assessment.answers.get(&self.entries.get(index)?.key)
    }

    /// An item's status: unanswered when it has no answer.
    pub fn status(&self, index: usize) -> crate::domain::assessment::Status {
        self.answer_ref(index).map(|a| a.status).unwrap_or_default()
    }

    pub fn outcome(&self, index: usize, today: Date) -> Outcome {
        match (self.item(index), self.answer_ref(index)) {
            (Some(item), Some(answer)) => outcome(item, answer, today),
            _ => Outcome::Unanswered,
        }
    }

    pub fn index_of(&self, key: &ItemRef) -> Option<usize> {
        self.entries.iter().position(|e| e.key == *key)
    }

    /// An item by `CHECKLIST:ID` or a bare ID (the first checklist that has it).
    pub fn find(&self, query: &str) -> Option<usize> {
        let query = query.trim();
        match query.split_once(':') {
            Some((c, i)) => self.index_of(&ItemRef::new(c, i)),
            None => self
                .entries
                .iter()
                .position(|e| e.key.item == query)
                .or_else(|| {
                    self.entries
                        .iter()
                        .position(|e| e.key.item.eq_ignore_ascii_case(query))
                }),
        }
    }

    /// The first unanswered item after `from`, wrapping round to the start.
    pub fn next_unanswered(&self, from: usize) -> Option<usize> {
        let n = self.entries.len();
        (1..=n).map(|step| (from + step) % n).find(|&i| {
            self.assessment
                .answers
                .get(&self.entries[i].key)
                .is_none_or(|a| a.status == crate::domain::assessment::Status::Unanswered)
        })
    }

    /// Items in other checklists that are the same control, both ways round.
    pub fn links(&self, key: &ItemRef) -> &[Link] {
        self.links.get(key).map_or(&[], Vec::as_slice)
    }

    /// Whether an item matches a search: its ID, title, question, guidance or evidence,
    /// ignoring case.
    pub fn matches(&self, index: usize, needle_lower: &str) -> bool {
        let Some(item) = self.item(index) else {
            return false;
        };
        let has = |text: &str| text.to_lowercase().contains(needle_lower);
        has(&item.id)
            || has(&item.title)
            || has(&item.question)
            || has(&item.guidance)
            || item.evidence.iter().any(|e| has(e))
    }
}

/// Links from every known checklist, indexed from each end, with titles for display.
fn index_links(checklists: &[Checklist], library: &Library) -> HashMap<ItemRef, Vec<Link>> {
    let title_of = |key: &ItemRef| -> Option<String> {
        checklists
            .iter()
            .find(|c| c.id == key.checklist)
            .or_else(|| library.get(&key.checklist).map(|e| &e.checklist))
            .and_then(|c| c.item(&key.item))
            .map(|i| i.title.clone())
    };
    crate::workspace::link_index(checklists, library)
        .into_iter()
        .map(|(from, targets)| {
            let mut links: Vec<Link> = targets
                .into_iter()
                .filter_map(|link| {
                    let title = title_of(&link.to)?;
                    let in_assessment = checklists.iter().any(|c| c.id == link.to.checklist);
                    Some(Link {
                        target: link.to,
                        kind: link.kind,
                        title,
                        in_assessment,
                    })
                })
                .collect();
            // The assessment's own checklists first, in its order; then the others.
            let position = |l: &Link| {
                checklists
                    .iter()
                    .position(|c| c.id == l.target.checklist)
                    .unwrap_or(usize::MAX)
            };
            links.sort_by(|a, b| {
                position(a)
                    .cmp(&position(b))
                    .then_with(|| a.target.cmp(&b.target))
            });
            (from, links)
        })
        .collect()
}
