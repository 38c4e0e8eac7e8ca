//! Changing answers from the TUI. Every change becomes one `Effect::Save`; the screen only
//! shows it once the shell reports it saved, so what you see is what is on disk.

use super::action::{Command, Effect};
use super::app::{App, Filter, Pending, Screen};
use super::input::{Editor, Purpose};
use crate::domain::assessment::{Answer, Event, Evidence, EvidenceSource, Status};
use crate::domain::checklist::{AnswerKind, ItemRef};
use crate::domain::date::{Date, Timestamp};
use crate::domain::value::parse_value;

impl App {
    /// The item being answered and its current answer.
    fn current(&self) -> Option<(ItemRef, Answer)> {
        let s = self.session.as_ref()?;
        let entry = s.entries.get(self.cursor)?;
        Some((entry.key.clone(), s.answer(self.cursor)))
    }

    /// Saves `change` applied to the current answer. Refused, with a message, when read-only.
    fn change(&mut self, pending: Pending, change: impl FnOnce(&mut Answer)) -> Option<Effect> {
        if let Some(reason) = self.session.as_ref().and_then(|s| s.read_only.clone()) {
            self.say(format!("Not saved: read-only ({reason})"), true);
            return None;
        }
        let (item, before) = self.current()?;
        let mut after = before.clone();
        change(&mut after);
        if after == before {
            if pending.close_editor {
                self.editor = None;
            }
            if pending.advance {
                self.next_unanswered();
            }
            return None;
        }
        self.pending = Pending {
            undo: Some((item.clone(), before)),
            ..pending
        };
        Some(Effect::Save(Event::Answered {
            item,
            answer: after,
        }))
    }

    pub(crate) fn answer_command(&mut self, command: Command) -> Option<Effect> {
        if self.screen != Screen::Item && command != Command::Undo {
            return None;
        }
        let today = self.today;
        let (_, answer) = self.current()?;
        let advance = self.guided;
        match command {
            Command::SetStatus(Status::Alternative) if answer.justification.is_none() => {
                self.editor = Some(Editor::line(Purpose::Justification { setting: true }, ""));
                None
            }
            Command::SetStatus(status) => self.change(
                Pending {
                    advance: advance && status != Status::Unanswered,
                    offer_links: status != Status::Unanswered,
                    ..Pending::default()
                },
                |a| a.set_status(status, today),
            ),
            Command::ToggleFlag => self.change(Pending::default(), |a| a.flagged = !a.flagged),
            Command::EditNote => {
                let (item, answer) = self.current()?;
                self.editor = Some(Editor::note(item, &answer.note));
                None
            }
            Command::EditValue => {
                let asks = self
                    .session
                    .as_ref()
                    .and_then(|s| s.item(self.cursor))
                    .is_some_and(|i| i.answer != AnswerKind::Status);
                if asks {
                    self.editor = Some(Editor::line(
                        Purpose::Value,
                        answer.value.as_deref().unwrap_or(""),
                    ));
                } else {
                    self.say("This item asks for no value, only an answer.", false);
                }
                None
            }
            Command::EditJustification => {
                self.editor = Some(Editor::line(
                    Purpose::Justification { setting: false },
                    answer.justification.as_deref().unwrap_or(""),
                ));
                None
            }
            Command::AddEvidence => {
                self.editor = Some(Editor::line(Purpose::Evidence, ""));
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
                    .map(|d| d.to_string())
                    .unwrap_or_default();
                self.editor = Some(Editor::line(Purpose::Due, &due));
                None
            }
            Command::CyclePriority => self.change(Pending::default(), |a| {
                let action = a.action_mut();
                action.priority = action.priority.next();
            }),
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
        self.say(format!("Undone: {item} is back as it was."), false);
        Some(Effect::Save(Event::Answered {
            item,
            answer: previous,
        }))
    }

    pub(crate) fn commit_note(&mut self) -> Option<Effect> {
        let Some(Editor::Note { item, area }) = &self.editor else {
            return None;
        };
        let note = area.lines().join("\n").trim_end().to_owned();
        let item = item.clone();
        // The note belongs to the item it was opened on, even if that is no longer current.
        if let Some(index) = self.session.as_ref().and_then(|s| s.index_of(&item)) {
            self.cursor = index;
        }
        self.change(
            Pending {
                close_editor: true,
                ..Pending::default()
            },
            |a| a.note = note,
        )
    }

    pub(crate) fn submit_line(&mut self) -> Option<Effect> {
        let Some(Editor::Line { purpose, input, .. }) = &self.editor else {
            return None;
        };
        let (purpose, text) = (purpose.clone(), input.text().trim().to_owned());
        let today = self.today;
        let close = Pending {
            close_editor: true,
            ..Pending::default()
        };
        match purpose {
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
            Purpose::Value => {
                let kind = self.session.as_ref()?.item(self.cursor)?.answer.clone();
                match parse_value(&kind, &text, today) {
                    Ok(value) => self.change(close, |a| a.value = Some(value)),
                    Err(why) => {
                        self.editor_error(why);
                        None
                    }
                }
            }
            Purpose::Justification { setting } => {
                if text.is_empty() {
                    self.editor_error("An alternative answer needs a reason.".into());
                    return None;
                }
                let advance = setting && self.guided;
                self.change(
                    Pending {
                        advance,
                        offer_links: setting,
                        ..close
                    },
                    |a| {
                        a.justification = Some(text);
                        if setting {
                            a.set_status(Status::Alternative, today);
                        }
                    },
                )
            }
            Purpose::Evidence if text.is_empty() => {
                self.editor = None;
                None
            }
            Purpose::Evidence => {
                let (item, _) = self.current()?;
                Some(Effect::RecordEvidence { item, input: text })
            }
            Purpose::Owner => self.change(close, |a| a.action_mut().owner = text),
            Purpose::Due if text.is_empty() => self.change(close, |a| a.action_mut().due = None),
            Purpose::Due => match Date::parse(&text) {
                Some(due) => self.change(close, |a| a.action_mut().due = Some(due)),
                None => {
                    self.editor_error(format!("`{text}` is not a date; write it as YYYY-MM-DD."));
                    None
                }
            },
        }
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
                self.change(
                    Pending {
                        close_editor: true,
                        ..Pending::default()
                    },
                    |a| {
                        a.evidence.push(Evidence {
                            source,
                            dated: None,
                            review_by: None,
                        });
                    },
                )
            }
            Err(why) => {
                self.editor_error(why);
                None
            }
        }
    }

    /// The outcome of a save: only now does the screen show the change.
    pub(crate) fn saved(&mut self, outcome: Result<(Event, Timestamp), String>) {
        match outcome {
            Ok((event, at)) => {
                let pending = std::mem::take(&mut self.pending);
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
                // Offering the answer to linked items comes before moving on.
                if pending.offer_links && self.offer_links(&event, pending.advance) {
                    return;
                }
                if pending.advance {
                    self.next_unanswered();
                }
            }
            Err(why) => {
                // Keep the editor (and what was typed) open so nothing is lost.
                self.pending = Pending::default();
                self.say(format!("NOT SAVED: {why}"), true);
                self.save_error = Some(why);
            }
        }
    }
}

impl App {
    /// Opens the "same answer for linked items?" prompt if a linked item in this assessment
    /// has a different status. Returns whether it opened.
    fn offer_links(&mut self, event: &Event, advance: bool) -> bool {
        let (Event::Answered { item, answer }, Some(s)) = (event, &self.session) else {
            return false;
        };
        let offers: Vec<super::input::Offer> = s
            .links(item)
            .iter()
            .filter(|l| l.in_assessment && s.assessment.answer(&l.target).status != answer.status)
            .map(|l| super::input::Offer {
                item: l.target.clone(),
                title: l.title.clone(),
                ticked: true,
            })
            .collect();
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

    /// Enter in the prompt: the same status (and reason, for an alternative) for each ticked item.
    pub(crate) fn accept_offers(&mut self) -> Option<Effect> {
        let Some(Editor::Propagate { answer, offers, .. }) = &self.editor else {
            return None;
        };
        let today = self.today;
        let s = self.session.as_ref()?;
        let events: Vec<Event> = offers
            .iter()
            .filter(|o| o.ticked)
            .map(|o| {
                let mut copy = s.assessment.answer(&o.item);
                copy.set_status(answer.status, today);
                if answer.status == Status::Alternative {
                    copy.justification.clone_from(&answer.justification);
                }
                Event::Answered {
                    item: o.item.clone(),
                    answer: copy,
                }
            })
            .collect();
        if events.is_empty() {
            return self.close_offers();
        }
        for event in &events {
            if let Event::Answered { item, .. } = event {
                self.undo.push((item.clone(), s.assessment.answer(item)));
            }
        }
        Some(Effect::SaveAll(events))
    }

    /// Esc in the prompt, or after it is done: close it and move on if guided.
    pub(crate) fn close_offers(&mut self) -> Option<Effect> {
        if let Some(Editor::Propagate { advance, .. }) = self.editor.take()
            && advance
        {
            self.next_unanswered();
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
