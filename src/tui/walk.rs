//! The walk through carried-forward answers (`V`): last year's answers one by one, each with its
//! note and evidence, and a single key to say it is still true (`y`), to answer it again (`c`),
//! to skip it (`s`) or to go back (`b`). Confirming goes through the one answering core, exactly
//! as `carecheck confirm` does, and is saved with `Effect::Save`.

use super::action::Effect;
use super::app::{App, Pending, Screen};
use crate::domain::answering::Change;
use crate::domain::assessment::EvidenceSource;
use crate::domain::checklist::ItemRef;

/// Where the walk is: the answers that waited to be confirmed when it started, in checklist
/// order, and which one is shown (`at == queue.len()` once every one has been seen).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Walk {
    pub queue: Vec<ItemRef>,
    pub at: usize,
    /// The item `c` opened to answer again: answering it returns to the walk.
    pub changing: Option<ItemRef>,
}

impl Walk {
    pub fn current(&self) -> Option<&ItemRef> {
        self.queue.get(self.at)
    }

    pub fn finished(&self) -> bool {
        self.at >= self.queue.len()
    }
}

/// How far the walk has got: answers confirmed (or answered again) of those it started with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WalkProgress {
    pub confirmed: usize,
    pub total: usize,
}

impl App {
    /// The assessment's own answers still carried forward, in checklist order (a site's head
    /// office confirms its own; they are not the site's to confirm).
    pub fn carried_waiting(&self) -> Vec<ItemRef> {
        let Some(s) = &self.session else {
            return Vec::new();
        };
        s.entries
            .iter()
            .filter(|e| {
                s.own()
                    .answers
                    .get(&e.key)
                    .is_some_and(|a| a.carried.is_some())
            })
            .map(|e| e.key.clone())
            .collect()
    }

    /// Whether `key` still waits to be confirmed.
    fn still_carried(&self, key: &ItemRef) -> bool {
        self.session.as_ref().is_some_and(|s| {
            s.own()
                .answers
                .get(key)
                .is_some_and(|a| a.carried.is_some())
        })
    }

    pub fn walk_progress(&self) -> Option<WalkProgress> {
        let walk = self.walk.as_ref()?;
        let confirmed = walk.queue.iter().filter(|k| !self.still_carried(k)).count();
        Some(WalkProgress {
            confirmed,
            total: walk.queue.len(),
        })
    }

    /// `V`: start the walk, or pick it up at the next answer still waiting.
    pub(crate) fn start_walk(&mut self) -> Option<Effect> {
        self.session.as_ref()?;
        let resumed = self.walk.as_ref().and_then(|walk| {
            let waiting = |i: &usize| self.still_carried(&walk.queue[*i]);
            (walk.at..walk.queue.len())
                .find(waiting)
                .or_else(|| (0..walk.at.min(walk.queue.len())).find(waiting))
        });
        match (resumed, &mut self.walk) {
            (Some(at), Some(walk)) => walk.at = at,
            _ => {
                let queue = self.carried_waiting();
                if queue.is_empty() {
                    self.walk = None;
                    self.say(
                        "No carried-forward answers wait to be confirmed: every answer here is this year's.",
                        false,
                    );
                    return None;
                }
                self.walk = Some(Walk {
                    queue,
                    at: 0,
                    changing: None,
                });
            }
        }
        self.screen = Screen::Walk;
        self.scroll = 0;
        self.walk_arrived()
    }

    /// `y`: the shown answer is still true. Saved through the answering core, then on to the next.
    pub(crate) fn walk_confirm(&mut self) -> Option<Effect> {
        let key = self.walk_key()?;
        if !self.still_carried(&key) {
            self.say(
                format!("{} is already this year's answer.", key.item),
                false,
            );
            return self.walk_move(true);
        }
        // Last year's value no longer satisfies the item today (a date now too old, say):
        // confirming would call it met; it must be answered again.
        if let Some(why) = self.stale(&key) {
            self.say(
                format!(
                    "Not confirmed: last year's answer to {} no longer counts ({why}). Press c to answer it again.",
                    key.item,
                ),
                true,
            );
            return None;
        }
        let effect = self.change(Pending::default(), vec![Change::Confirm]);
        // Refused (read-only, say): the reason is on the message line; stay here.
        effect.as_ref()?;
        self.say(format!("Confirmed {}: still true.", key.item), false);
        self.walk_move(true);
        effect
    }

    /// Why the carried Yes to `key` no longer counts today: last year's value no longer
    /// satisfies the item (a review date now too old), or the value it needs is missing. A gap
    /// carried forward may be confirmed as still a gap, so it is never stale.
    pub fn stale(&self, key: &ItemRef) -> Option<String> {
        let s = self.session.as_ref()?;
        let index = s.index_of(key)?;
        let own = s.own().answers.get(key)?;
        if own.carried.is_none() || own.status != crate::domain::assessment::Status::Yes {
            return None;
        }
        let why = s.outcome(index).underlying().gap_reason()?;
        Some(
            why.strip_prefix("answered Yes but ")
                .unwrap_or(why)
                .to_owned(),
        )
    }

    /// Whether the answer the walk shows is stale (so `y` is not offered).
    pub fn walk_shows_stale(&self) -> bool {
        self.walk
            .as_ref()
            .and_then(|w| w.current())
            .is_some_and(|key| self.stale(key).is_some())
    }

    /// `c`: answer the shown item again on its own screen (`V` comes back to the walk).
    pub(crate) fn walk_change(&mut self) -> Option<Effect> {
        let key = self.walk_key()?;
        let index = self.session.as_ref()?.index_of(&key)?;
        self.go_to(index);
        if let Some(walk) = &mut self.walk {
            walk.changing = Some(key.clone());
        }
        self.say(
            format!(
                "Answer {} again for this year; the walk carries on once you have (or press V).",
                key.item
            ),
            false,
        );
        None
    }

    /// After an answer is saved in guided mode: back to the walk when it was the answer `c`
    /// opened from there, otherwise on to the next unanswered item.
    pub(crate) fn move_on(&mut self) -> Option<Effect> {
        let shown = self
            .session
            .as_ref()
            .and_then(|s| s.entries.get(self.cursor))
            .map(|e| e.key.clone());
        if let Some(walk) = &mut self.walk
            && walk.changing.is_some()
            && walk.changing == shown
        {
            walk.changing = None;
            return self.start_walk();
        }
        self.next_unanswered();
        None
    }

    /// `s` (forward) and `b` (back): move along the walk without changing anything.
    pub(crate) fn walk_move(&mut self, forward: bool) -> Option<Effect> {
        let walk = self.walk.as_mut()?;
        if forward {
            walk.at = (walk.at + 1).min(walk.queue.len());
        } else if walk.at == 0 {
            self.say("This is the first carried-forward answer.", false);
            return None;
        } else {
            walk.at -= 1;
        }
        self.scroll = 0;
        self.walk_arrived()
    }

    /// The item on show in the walk, with the cursor moved to it (so answering and re-checking
    /// work on it as on the item screen).
    fn walk_key(&mut self) -> Option<ItemRef> {
        let key = self.walk.as_ref()?.current()?.clone();
        self.cursor = self.session.as_ref()?.index_of(&key)?;
        Some(key)
    }

    /// Arriving at an answer: re-read its evidence files (once), so any that changed or went
    /// missing since last year shows beside it.
    pub(crate) fn walk_arrived(&mut self) -> Option<Effect> {
        if self.screen != Screen::Walk {
            return None;
        }
        let key = self.walk_key()?;
        if self.evidence_checks.contains_key(&key) {
            return None;
        }
        let evidence = self.session.as_ref()?.own_answer(&key).evidence;
        evidence
            .iter()
            .any(|e| matches!(e.source, EvidenceSource::File { .. }))
            .then(|| Effect::RecheckEvidence {
                item: key,
                sources: evidence.into_iter().map(|e| e.source).collect(),
            })
    }
}
