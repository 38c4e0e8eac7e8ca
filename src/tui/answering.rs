//! Changing answers from the TUI. Every change becomes one `Effect::Save`; the screen only
//! shows it once the shell reports it saved, so what you see is what is on disk.

use super::action::{Command, Effect};
use super::app::{App, Filter, Pending, Screen};
use super::input::{Editor, Purpose};
use crate::domain::answering::{self, AnswerError, Change, Target};
use crate::domain::assessment::{Answer, Event, Evidence, EvidenceSource, Status};
use crate::domain::checklist::{AnswerKind, ItemRef};
use crate::domain::date::{DATE_HINT, Date, Timestamp};

impl App {
    /// The item being answered, its own answer (which changes start from) and the answer
    /// that counts for it (for a site, perhaps its head office's).
    fn current(&self) -> Option<(ItemRef, Answer, Answer)> {
        let s = self.session.as_ref()?;
        let entry = s.entries.get(self.cursor)?;
        Some((
            entry.key.clone(),
            s.own_answer(&entry.key),
            s.answer(self.cursor),
        ))
    }

    /// Saves `changes` to the current item through the answering core. Refused, with a
    /// message, when read-only or when the core refuses them.
    pub(crate) fn change(&mut self, pending: Pending, changes: Vec<Change>) -> Option<Effect> {
        if let Some(reason) = self.session.as_ref().and_then(|s| s.read_only.clone()) {
            self.say(format!("Not saved: read-only ({reason})"), true);
            return None;
        }
        let (item, before, _) = self.current()?;
        let s = self.session.as_ref()?;
        let target = Target {
            item: s.item(self.cursor)?,
            own: &before,
            inherited_from: s.fallback_for(self.cursor).map(|h| h.name.as_str()),
        };
        let after = match answering::apply(target, &changes, self.today) {
            Ok(after) => after,
            Err(error) => {
                self.refused(&error, &changes);
                return None;
            }
        };
        let mut pending = pending;
        if let Some(why) = self.yes_that_does_not_count(&changes, &after) {
            // Stay on the item so the reason and the fix are in front of the user.
            pending.advance = false;
            self.say(
                format!("Saved as Yes, but it does not count yet: {why}. Press v to enter or fix the value."),
                true,
            );
        }
        let Some(event) = answering::event(&item, &before, after.clone()) else {
            if pending.close_editor {
                self.editor = None;
            }
            if pending.close_form {
                self.form = None;
            }
            // Answering the same again still offers it to linked items that lack it, as
            // `carecheck answer --propagate` does.
            let unchanged = Event::Answered {
                item,
                answer: after,
            };
            if pending.offer_links && self.offer_links(&unchanged, pending.advance) {
                return None;
            }
            if pending.advance {
                return self.move_on();
            }
            return None;
        };
        self.pending = Pending {
            undo: Some((item, before)),
            ..pending
        };
        Some(Effect::Save(event))
    }

    /// Why a Yes being given now would not count (a value that falls short or is missing), in
    /// words for the user; `None` when it counts or no Yes is being given.
    fn yes_that_does_not_count(&self, changes: &[Change], after: &Answer) -> Option<String> {
        if !changes.contains(&Change::Status(Status::Yes)) {
            return None;
        }
        let item = self.session.as_ref()?.item(self.cursor)?;
        let outcome = crate::domain::progress::outcome(item, after, self.today);
        let reason = outcome.gap_reason()?;
        Some(
            reason
                .strip_prefix("answered Yes but ")
                .unwrap_or(reason)
                .to_owned(),
        )
    }

    /// The profile's value for an item that asks for one of its identifiers (the ICO number
    /// for DSPT 1.1.1), so it is not typed twice.
    fn profile_offer(&self, kind: &AnswerKind) -> Option<String> {
        let id = crate::domain::identifiers::Identifier::asked_by(kind.label()?)?;
        let s = self.session.as_ref()?;
        id.in_profile(&s.assessment().details.profile)
            .map(str::to_owned)
    }

    /// Words the core's refusal for this screen; where a reason is missing, asks for it.
    fn refused(&mut self, error: &AnswerError, changes: &[Change]) {
        let status = changes.iter().rev().find_map(|c| match c {
            Change::Status(s) => Some(*s),
            _ => None,
        });
        match (error, status) {
            (AnswerError::JustificationNeeded | AnswerError::ReasonNeeded, Some(status))
                if self.editor.is_none() =>
            {
                self.editor = Some(Editor::line(
                    Purpose::Reason {
                        status,
                        setting: true,
                    },
                    "",
                ));
            }
            (AnswerError::Inherited { head }, _) => {
                self.editor = None;
                self.say(
                    format!(
                        "This answer comes from {head}. Answer the item here first (y, p, n, a or t) to give this site its own answer."
                    ),
                    true,
                );
            }
            _ if self.editor.is_some() => self.editor_error(format!("{error}.")),
            _ => self.say(format!("Not saved: {error}."), true),
        }
    }

    pub(crate) fn answer_command(&mut self, command: Command) -> Option<Effect> {
        if self.screen != Screen::Item && command != Command::Undo {
            return None;
        }
        let (_, _, answer) = self.current()?;
        let advance = self.guided;
        let kind = self
            .session
            .as_ref()
            .and_then(|s| s.item(self.cursor))
            .map(|i| i.answer.clone());
        match command {
            Command::SetStatus(status) => self.change(
                Pending {
                    advance: advance && status != Status::Unanswered,
                    offer_links: status != Status::Unanswered,
                    ..Pending::default()
                },
                vec![Change::Status(status)],
            ),
            Command::ToggleFlag => {
                self.change(Pending::default(), vec![Change::Flag(!answer.flagged)])
            }
            Command::EditNote => {
                let (item, own, _) = self.current()?;
                self.editor = Some(Editor::note(item, &own.note, &own.note));
                None
            }
            Command::EditValue => {
                if let Some(kind) = kind.filter(|k| *k != AnswerKind::Status) {
                    let shown = answer.value.as_deref().map(|v| shown_value(&kind, v));
                    let offered = shown.is_none().then(|| self.profile_offer(&kind)).flatten();
                    if offered.is_some() {
                        self.say(
                            "Filled in from the organisation's profile (I): Enter saves it.",
                            false,
                        );
                    }
                    self.editor = Some(Editor::line(
                        Purpose::value(&kind),
                        shown.or(offered).as_deref().unwrap_or(""),
                    ));
                } else {
                    self.say("This item asks for no value, only an answer.", false);
                }
                None
            }
            Command::EditJustification => {
                if matches!(answer.status, Status::Alternative | Status::NotApplicable) {
                    self.editor = Some(Editor::line(
                        Purpose::Reason {
                            status: answer.status,
                            setting: false,
                        },
                        answer.justification.as_deref().unwrap_or(""),
                    ));
                } else {
                    self.say(
                        "Only an answer met another way (t) or not applicable (a) takes a reason.",
                        false,
                    );
                }
                None
            }
            Command::AddEvidence => {
                self.editor = Some(Editor::line(Purpose::Evidence { replace: None }, ""));
                None
            }
            Command::EditOwner => {
                let owner = answer
                    .action
                    .as_ref()
                    .map_or("", |a| a.owner.as_str())
                    .to_owned();
                self.editor = Some(Editor::line(Purpose::Owner, &owner));
                None
            }
            Command::EditDue => {
                let due = answer
                    .action
                    .as_ref()
                    .and_then(|a| a.due)
                    .map(Date::uk)
                    .unwrap_or_default();
                self.editor = Some(Editor::line(Purpose::Due, &due));
                None
            }
            Command::CyclePriority => {
                let next = answer
                    .action
                    .as_ref()
                    .map_or_else(crate::domain::assessment::Priority::default, |a| {
                        a.priority.next()
                    });
                self.change(Pending::default(), vec![Change::Priority(next)])
            }
            Command::Undo => self.undo_last(),
            _ => None,
        }
    }

    fn undo_last(&mut self) -> Option<Effect> {
        let Some((item, previous)) = self.undo.pop() else {
            self.say("Nothing to undo.", false);
            return None;
        };
        if let Some(index) = self.session.as_ref().and_then(|s| s.index_of(&item)) {
            self.go_to(index);
        }
        // An undo is itself saved, but not pushed back onto the undo stack.
        self.pending = Pending::default();
        self.say(format!("Undone: {} is back as it was.", item.item), false);
        Some(Effect::Save(Event::Answered {
            item,
            answer: previous,
        }))
    }

    pub(crate) fn commit_note(&mut self) -> Option<Effect> {
        let Some(Editor::Note { item, area, .. }) = &self.editor else {
            return None;
        };
        let note = area.lines().join("\n").trim_end().to_owned();
        let item = item.clone();
        // The note belongs to the item it was opened on, even if that is no longer current.
        if let Some(index) = self.session.as_ref().and_then(|s| s.index_of(&item)) {
            self.cursor = index;
        }
        let effect = self.change(
            Pending {
                close_editor: true,
                forget_draft: true,
                ..Pending::default()
            },
            vec![Change::Note(note)],
        );
        // Nothing changed (and nothing refused): the editor is closed, the draft not needed.
        if effect.is_none() && self.editor.is_none() {
            return Some(Effect::ForgetDraft);
        }
        effect
    }

    pub(crate) fn submit_line(&mut self) -> Option<Effect> {
        let Some(Editor::Line { purpose, input, .. }) = &self.editor else {
            return None;
        };
        let (purpose, text) = (purpose.clone(), input.text().trim().to_owned());
        let close = Pending {
            close_editor: true,
            ..Pending::default()
        };
        match purpose {
            Purpose::Search if self.screen == Screen::Assessments => {
                self.search_assessments(text);
                None
            }
            Purpose::Search => {
                self.editor = None;
                if !text.is_empty() {
                    self.show_items(Some(Filter::Search(text)));
                    self.items_selected = 0;
                }
                None
            }
            Purpose::Jump => {
                match self.session.as_ref().and_then(|s| s.find(&text)) {
                    Some(index) => {
                        self.editor = None;
                        self.go_to(index);
                    }
                    None => self.editor_error(format!("No item `{text}` in this assessment.")),
                }
                None
            }
            Purpose::Value { .. } => self.change(close, vec![Change::Value(text)]),
            Purpose::Reason { status, setting } => {
                let advance = setting && self.guided;
                let mut changes = vec![Change::Justification(text)];
                if setting {
                    changes.push(Change::Status(status));
                }
                self.change(
                    Pending {
                        advance,
                        offer_links: setting,
                        ..close
                    },
                    changes,
                )
            }
            Purpose::Evidence { .. } if text.is_empty() => {
                self.editor = None;
                None
            }
            Purpose::Evidence { .. } => {
                let (item, _, _) = self.current()?;
                Some(Effect::RecordEvidence { item, input: text })
            }
            Purpose::Owner => self.change(close, vec![Change::Owner(text)]),
            Purpose::Due if text.is_empty() => self.change(close, vec![Change::Due(None)]),
            Purpose::Due => match Date::parse_input(&text) {
                // A date already past is questioned once (as the action form does): Enter
                // again keeps it.
                Some(due) if due < self.today && !self.past_due_asked(due) => {
                    self.editor_error(past_due_question(due));
                    None
                }
                Some(due) => self.change(close, vec![Change::Due(Some(due))]),
                None => {
                    self.editor_error(format!(
                        "`{text}` is not a date; write it as {DATE_HINT}, e.g. 15/09/2025."
                    ));
                    None
                }
            },
        }
    }

    /// Whether the open box already asked about `due` being past.
    fn past_due_asked(&self, due: Date) -> bool {
        matches!(&self.editor, Some(Editor::Line { error: Some(e), .. }) if *e == past_due_question(due))
    }

    fn editor_error(&mut self, why: String) {
        if let Some(Editor::Line { error, .. }) = &mut self.editor {
            *error = Some(why);
        }
    }

    /// The shell recorded a file's fingerprint (or refused): add it to the item's evidence.
    pub(crate) fn evidence_recorded(
        &mut self,
        item: ItemRef,
        outcome: Result<EvidenceSource, String>,
    ) -> Option<Effect> {
        match outcome {
            Ok(source) => {
                if let Some(index) = self.session.as_ref().and_then(|s| s.index_of(&item)) {
                    self.cursor = index;
                }
                let note = match &source {
                    EvidenceSource::File { size, .. } => {
                        format!("File fingerprinted ({size} bytes).")
                    }
                    EvidenceSource::Document { .. } => {
                        "No file there, so it was added as a named document.".to_owned()
                    }
                };
                self.say(note, false);
                // A replacement takes the old entry's place in one change (one undo).
                let replace = match &self.editor {
                    Some(Editor::Line {
                        purpose: Purpose::Evidence { replace },
                        ..
                    }) => *replace,
                    _ => None,
                };
                let mut changes: Vec<Change> =
                    replace.map(Change::RemoveEvidence).into_iter().collect();
                changes.push(Change::AddEvidence(Evidence {
                    source,
                    dated: None,
                    review_by: None,
                }));
                if let Some(at) = replace {
                    self.forget_check(&item, at);
                }
                self.change(
                    Pending {
                        close_editor: true,
                        ..Pending::default()
                    },
                    changes,
                )
            }
            Err(why) => {
                self.editor_error(why);
                None
            }
        }
    }

    /// The outcome of a save: only now does the screen show the change.
    pub(crate) fn saved(&mut self, outcome: Result<(Event, Timestamp), String>) -> Option<Effect> {
        match outcome {
            Ok((event, at)) => {
                let pending = std::mem::take(&mut self.pending);
                let forget = pending.forget_draft.then_some(Effect::ForgetDraft);
                if forget.is_some() {
                    // Whatever was said about the note (a kept draft, say) is settled now.
                    self.message = None;
                }
                if let Some(s) = &mut self.session {
                    s.apply(&event, at);
                }
                self.save_error = None;
                self.saves += 1;
                if let Some(entry) = pending.undo {
                    self.undo.push(entry);
                }
                if pending.close_editor {
                    self.editor = None;
                }
                if pending.close_form {
                    self.form = None;
                    if matches!(event, Event::DetailsChanged { .. }) {
                        self.say("Profile saved: it is printed on the pack's cover.", false);
                    }
                }
                self.tidy_evidence_list();
                // Offering the answer to linked items comes before moving on.
                if pending.offer_links && self.offer_links(&event, pending.advance) {
                    return forget;
                }
                if pending.advance {
                    // A draft to forget matters more than re-reading the walk's evidence.
                    let walk = self.move_on();
                    return forget.or(walk);
                }
                forget
            }
            Err(why) => {
                // Keep the editor (and what was typed) open so nothing is lost.
                self.pending = Pending::default();
                self.say(format!("NOT SAVED: {why}"), true);
                self.save_error = Some(why);
                None
            }
        }
    }
}

impl App {
    /// Opens the "same answer for linked items?" prompt when linked items that are the same
    /// control could take the answer. Unanswered ones come ticked; answered ones are shown
    /// with their answer and replaced only if ticked. Returns whether it opened.
    fn offer_links(&mut self, event: &Event, advance: bool) -> bool {
        let (Event::Answered { item, answer }, Some(s)) = (event, &self.session) else {
            return false;
        };
        let offers = s.offers(item, answer.status);
        if offers.is_empty() {
            return false;
        }
        self.editor = Some(Editor::Propagate {
            source: item.clone(),
            answer: Box::new(answer.clone()),
            offers,
            selected: 0,
            advance,
        });
        true
    }

    /// Enter in the prompt: the same answer for each ticked item, through the answering core.
    pub(crate) fn accept_offers(&mut self) -> Option<Effect> {
        let Some(Editor::Propagate { answer, offers, .. }) = &self.editor else {
            return None;
        };
        let s = self.session.as_ref()?;
        let mut events = Vec::new();
        let mut undo = Vec::new();
        for offer in offers.iter().filter(|o| o.ticked) {
            let Some(index) = s.index_of(&offer.item) else {
                continue;
            };
            let own = s.own_answer(&offer.item);
            let target = Target {
                item: s.item(index)?,
                own: &own,
                inherited_from: s.fallback_for(index).map(|h| h.name.as_str()),
            };
            match answering::fill(answer, target, self.today) {
                Ok(after) => {
                    if let Some(event) = answering::event(&offer.item, &own, after) {
                        undo.push((offer.item.clone(), own));
                        events.push(event);
                    }
                }
                Err(why) => {
                    let message = format!("Not saved for {}: {why}.", offer.item);
                    self.say(message, true);
                    return None;
                }
            }
        }
        if events.is_empty() {
            return self.close_offers();
        }
        self.undo.extend(undo);
        Some(Effect::SaveAll(events))
    }

    /// Esc in the prompt, or after it is done: close it and move on if guided.
    pub(crate) fn close_offers(&mut self) -> Option<Effect> {
        if let Some(Editor::Propagate { advance, .. }) = self.editor.take()
            && advance
        {
            return self.move_on();
        }
        None
    }

    pub(crate) fn saved_all(&mut self, saved: Vec<(Event, Timestamp)>, error: Option<String>) {
        let count = saved.len();
        if let Some(s) = &mut self.session {
            for (event, at) in &saved {
                s.apply(event, *at);
            }
        }
        self.saves += count;
        match error {
            Some(why) => {
                self.say(
                    format!("NOT SAVED after {count} linked item(s): {why}"),
                    true,
                );
                self.save_error = Some(why);
                self.editor = None;
            }
            None => {
                self.save_error = None;
                self.close_offers();
                self.say(
                    format!("Also answered {count} linked item(s) the same way."),
                    false,
                );
            }
        }
    }
}

/// A stored value as the user reads and edits it: dates in the UK form, the rest as stored.
pub fn shown_value(kind: &AnswerKind, value: &str) -> String {
    match (kind, Date::parse(value)) {
        (AnswerKind::Date { .. }, Some(date)) => date.uk(),
        _ => value.to_owned(),
    }
}

impl App {
    /// After a save, the evidence list closes when nothing is left in it and keeps its
    /// selection on an entry that exists.
    fn tidy_evidence_list(&mut self) {
        let Some(Editor::Evidence { item, selected }) = &mut self.editor else {
            return;
        };
        let left = self
            .session
            .as_ref()
            .map_or(0, |s| s.own_answer(item).evidence.len());
        if left == 0 {
            self.editor = None;
        } else {
            *selected = (*selected).min(left - 1);
        }
    }
}

/// What the due-date box says when the date typed is already past.
fn past_due_question(due: Date) -> String {
    format!(
        "{} is already past, so the action would be overdue at once. Press Enter again to keep it, or change the date.",
        due.uk()
    )
}
