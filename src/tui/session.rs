//! The assessment being worked on, with its checklists flattened into one ordered list of items
//! and the links between items indexed both ways. Built once when an assessment is opened.

use std::collections::HashMap;

use crate::checklist::Library;
use crate::domain::answering::{self, Offer};
use crate::domain::assessment::{Answer, Assessment, Event, Status};
use crate::domain::checklist::{Checklist, Item, ItemRef, LinkKind, Section};
use crate::domain::date::{Date, Timestamp};
use crate::domain::progress::Outcome;
use crate::summary::{LibraryFacts, Summary};
use crate::workspace::{Effective, HeadOffice, LinkIndex};

/// One item's place in the flattened list.
#[derive(Debug, Clone)]
pub struct Entry {
    pub checklist: usize,
    pub section: usize,
    pub item: usize,
    pub key: ItemRef,
}

/// A linked item in another checklist: the same control, or one that helps with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub target: ItemRef,
    pub kind: LinkKind,
    pub title: String,
    /// The target's checklist is part of this assessment, so it has an answer to show.
    pub in_assessment: bool,
}

#[derive(Debug)]
pub struct Session {
    /// The answers that count: the assessment's own, and for a site its head office's
    /// wherever it has none. What every screen shows.
    pub effective: Effective,
    pub checklists: Vec<Checklist>,
    pub entries: Vec<Entry>,
    /// Why changes cannot be saved (another carecheck has the assessment open), if so.
    pub read_only: Option<String>,
    /// Where the assessment stands, recomputed after every saved change.
    pub summary: Summary,
    links: HashMap<ItemRef, Vec<Link>>,
    link_index: LinkIndex,
    /// The assessment's own answers (for a site, without its head office's).
    own: Assessment,
    head: Option<Assessment>,
    /// What the summary needs from the library (newer editions, level names).
    facts: LibraryFacts,
    today: Date,
}

impl Session {
    pub fn new(
        assessment: Assessment,
        checklists: Vec<Checklist>,
        library: &Library,
        read_only: Option<String>,
        today: Date,
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
        let link_index = LinkIndex::build(&checklists, library);
        let links = index_links(&checklists, library, &link_index);
        let facts = LibraryFacts::of(&assessment, library);
        let effective = Effective::merge(&assessment, None);
        let summary = Summary::of(&effective, &checklists, &facts, today);
        let mut session = Session {
            effective,
            checklists,
            entries,
            read_only,
            summary,
            links,
            link_index,
            own: assessment,
            head: None,
            facts,
            today,
        };
        session.refresh();
        session
    }

    /// Makes this a site that inherits `head`'s answers where it has none of its own.
    pub fn with_head_office(mut self, head: Assessment) -> Session {
        self.head = Some(head);
        self.refresh();
        self
    }

    /// Shows `head`'s answers as they are now (read again after another window changed them).
    pub fn set_head_office(&mut self, head: Assessment) {
        self.head = Some(head);
        self.refresh();
    }

    /// Applies a saved change, keeping inherited answers and the summary in step.
    pub fn apply(&mut self, event: &Event, at: Timestamp) {
        self.own.apply(event, at);
        self.refresh();
    }

    /// Judges everything again as of `today` (the day may have turned since it was opened).
    pub fn set_today(&mut self, today: Date) {
        if today != self.today {
            self.today = today;
            self.refresh();
        }
    }

    fn refresh(&mut self) {
        self.effective = Effective::merge(&self.own, self.head.as_ref());
        self.summary = Summary::of(&self.effective, &self.checklists, &self.facts, self.today);
    }

    /// The day everything is judged on.
    pub fn today(&self) -> Date {
        self.today
    }

    /// The head office a site inherits from (its plan fills the site's gaps).
    pub fn head_assessment(&self) -> Option<&Assessment> {
        self.head.as_ref()
    }

    /// The assessment as shown: its details, and the answers that count.
    /// The period the assessment covers, as people name it (see [`period_label`]).
    pub fn period_label(&self) -> String {
        period_label(&self.summary, self.assessment())
    }

    pub fn assessment(&self) -> &Assessment {
        &self.effective.assessment
    }

    /// The assessment's own answers, as saved (for a site, without its head office's).
    pub fn own(&self) -> &Assessment {
        &self.own
    }

    /// An item's own answer (never the head office's), which changes start from.
    pub fn own_answer(&self, key: &ItemRef) -> Answer {
        self.own.answer(key)
    }

    /// The head office whose answer this item shows, when the site has none of its own.
    pub fn inherited_from(&self, index: usize) -> Option<&HeadOffice> {
        self.effective.inherited_from(&self.entries.get(index)?.key)
    }

    /// The head office whose answer this item would show without a status of the site's own.
    pub fn fallback_for(&self, index: usize) -> Option<&HeadOffice> {
        self.effective.fallback_for(&self.entries.get(index)?.key)
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

    /// The answer that counts for an item (for a site, possibly its head office's).
    pub fn answer(&self, index: usize) -> Answer {
        self.entries
            .get(index)
            .map(|e| self.assessment().answer(&e.key))
            .unwrap_or_default()
    }

    /// The answer to an item, borrowed (for drawing and filtering, which run on every frame
    /// and must not copy notes and evidence); `None` when it has none.
    pub fn answer_ref(&self, index: usize) -> Option<&Answer> {
        self.effective.answer(&self.entries.get(index)?.key)
    }

    /// An item's status: unanswered when it has no answer.
    pub fn status(&self, index: usize) -> Status {
        self.answer_ref(index).map(|a| a.status).unwrap_or_default()
    }

    /// Where an item stands, as the summary judged it.
    pub fn outcome(&self, index: usize) -> &Outcome {
        const UNANSWERED: &Outcome = &Outcome::Unanswered;
        self.entries
            .get(index)
            .and_then(|e| self.summary.answers.get(&e.key))
            .map_or(UNANSWERED, |a| &a.outcome)
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

    /// Item IDs that start with `prefix` (ignoring case), in checklist order, each once.
    pub fn ids_starting(&self, prefix: &str) -> Vec<&str> {
        let prefix = prefix.trim().to_lowercase();
        let mut ids: Vec<&str> = Vec::new();
        for e in &self.entries {
            let id = e.key.item.as_str();
            if id.to_lowercase().starts_with(&prefix) && !ids.contains(&id) {
                ids.push(id);
            }
        }
        ids
    }

    /// The first unanswered item in checklist order, from the start.
    /// The next unanswered item after `index`, going round to the start, so an item skipped
    /// is left until the end instead of coming back after every answer; `index` itself only
    /// when it is the last one unanswered.
    pub fn unanswered_after(&self, index: usize) -> Option<usize> {
        let n = self.entries.len();
        (1..=n)
            .map(|step| (index + step) % n)
            .find(|&i| self.status(i) == Status::Unanswered)
    }

    pub fn first_unanswered(&self) -> Option<usize> {
        (0..self.entries.len()).find(|&i| self.status(i) == Status::Unanswered)
    }

    /// The linked items that could take `status` from `key` (see [`answering::offers`]).
    pub fn offers(&self, key: &ItemRef, status: Status) -> Vec<Offer> {
        answering::offers(
            status,
            self.link_index
                .candidates(key, &self.checklists, &self.effective),
        )
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
fn index_links(
    checklists: &[Checklist],
    library: &Library,
    index: &LinkIndex,
) -> HashMap<ItemRef, Vec<Link>> {
    let title_of = |key: &ItemRef| -> Option<String> {
        checklists
            .iter()
            .find(|c| c.id == key.checklist)
            .or_else(|| library.get(&key.checklist).map(|e| &e.checklist))
            .and_then(|c| c.item(&key.item))
            .map(|i| i.title.clone())
    };
    index
        .iter()
        .map(|(from, targets)| {
            let mut links: Vec<Link> = targets
                .iter()
                .filter_map(|link| {
                    let title = title_of(&link.to)?;
                    let in_assessment = checklists.iter().any(|c| c.id == link.to.checklist);
                    Some(Link {
                        target: link.to.clone(),
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
            (from.clone(), links)
        })
        .collect()
}

/// The period an assessment covers, as people name it ("2026-27"): the DSPT period in force
/// for it, else its own period assessed, else the year it was started. With the organisation
/// and site it tells copies of an assessment apart; the header and the picker both say it.
pub fn period_label(summary: &crate::summary::Summary, a: &Assessment) -> String {
    if let Some(standing) = summary.checklists.iter().find_map(|c| c.reporting.as_ref()) {
        return standing.period.clone();
    }
    match (a.details.profile.period_start, a.details.profile.period_end) {
        (Some(period_start), Some(period_end)) => crate::domain::checklist::Reporting {
            period_start,
            period_end,
            deadline: period_end,
        }
        .label(),
        _ => a.created.date().ymd().0.to_string(),
    }
}
