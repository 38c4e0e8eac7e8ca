//! Renewing from the TUI (`Y` on the picker or the overview): a question first, then the shell
//! runs the same renew as `carecheck renew` ([`crate::renew`]) and the new assessment opens on
//! the walk through its carried-forward answers.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::action::{Command, Effect};
use super::app::{App, Screen, Session};

/// The assessment `Y` would renew, waiting for a yes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenewAsk {
    pub id: String,
    /// How the assessment is named to the user (organisation and site).
    pub name: String,
    /// Why renewing it deserves a second thought (renewed already, this period's own): the
    /// question says so before `Y` renews it all the same.
    pub concerns: Vec<String>,
}

impl App {
    /// While "renew?" is asked, `Y` answers it and any other key leaves it (and does nothing
    /// else). Returns whether the key was taken that way.
    pub(crate) fn renew_question_closed(&mut self, command: Command) -> bool {
        if self.renew_ask.is_none() || matches!(command, Command::RenewAssessment | Command::Quit) {
            return false;
        }
        self.renew_ask = None;
        self.say("Not renewed.", false);
        true
    }

    /// A key while "renew?" is asked: `Y` or Enter renews, moving each checklist to the
    /// newest edition carecheck has (as `carecheck renew` does); `K` renews keeping last
    /// year's editions (`--keep-editions`); any other key leaves it.
    pub(crate) fn renew_key(&mut self, key: KeyEvent) -> Option<Effect> {
        match key.code {
            KeyCode::Char('Y' | 'y') | KeyCode::Enter => self.renew_command(),
            KeyCode::Char('K' | 'k') => {
                let ask = self.renew_ask.take()?;
                self.say(
                    format!("Renewing {}, keeping last year's editions…", ask.name),
                    false,
                );
                Some(Effect::RenewKeepingEditions { id: ask.id })
            }
            _ => {
                self.renew_ask = None;
                self.say("Not renewed.", false);
                None
            }
        }
    }

    /// `Y`: ask about renewing the assessment meant here; `Y` (or Enter) again does it.
    pub(crate) fn renew_command(&mut self) -> Option<Effect> {
        if let Some(ask) = self.renew_ask.take() {
            self.say(format!("Renewing {}…", ask.name), false);
            return Some(Effect::Renew { id: ask.id });
        }
        let ask = match self.screen {
            Screen::Assessments => {
                let row = self.selected_assessment()?;
                if row.unreadable {
                    self.say(
                        format!(
                            "{} cannot be read, so it cannot be renewed (see the message log, m).",
                            row.id
                        ),
                        true,
                    );
                    return None;
                }
                RenewAsk {
                    concerns: self.renew_concerns(row.renew_facts.clone()),
                    id: row.id.clone(),
                    name: row.name(),
                }
            }
            Screen::Overview => {
                let s = self.session.as_ref()?;
                let d = &s.assessment().details;
                RenewAsk {
                    concerns: self
                        .renew_concerns(Some(crate::renew_guard::Facts::of(s.assessment()))),
                    id: s.assessment().id.clone(),
                    name: match &d.site {
                        Some(site) => format!("{} · {site}", d.organisation),
                        None => d.organisation.clone(),
                    },
                }
            }
            _ => return None,
        };
        self.renew_ask = Some(ask);
        None
    }

    /// The renew guard's concerns about renewing `target`, against every assessment listed.
    fn renew_concerns(&self, target: Option<crate::renew_guard::Facts>) -> Vec<String> {
        let Some(target) = target else {
            return Vec::new();
        };
        let others: Vec<_> = self
            .assessments
            .iter()
            .filter_map(|row| row.renew_facts.clone())
            .filter(|f| f.id != target.id)
            .collect();
        crate::renew_guard::concerns(&target, &others, self.today)
    }

    /// The shell renewed it: open this year's assessment on the walk.
    pub(crate) fn renewed(
        &mut self,
        outcome: Result<Box<(Session, String)>, String>,
    ) -> Option<Effect> {
        match outcome {
            Ok(done) => {
                let (session, message) = *done;
                self.open(session);
                let effect = self.start_walk();
                // What renewing did matters more than what the walk says on arrival.
                self.say(message, false);
                effect
            }
            Err(why) => {
                self.say(format!("Not renewed: {why}"), true);
                None
            }
        }
    }
}

/// What renewing did, in a sentence or two for the message line.
pub fn message(done: &crate::renew::Renewed) -> String {
    use crate::text::{count, one_line};
    let mut text = format!(
        "Renewed {} as {}: {} carried forward. y confirms each still true, c answers it again, s skips.",
        one_line(&done.from),
        one_line(&done.id),
        count(done.carried, "answer", "answers")
    );
    for (checklist, edition) in &done.moved {
        text.push_str(&format!(
            " {} moved to edition {}",
            one_line(checklist),
            one_line(edition)
        ));
        let new = done
            .new_items
            .iter()
            .filter(|item| item.checklist == *checklist)
            .count();
        text.push_str(&match new {
            0 => ".".to_owned(),
            n => format!(" ({} new to answer).", count(n, "item", "items")),
        });
    }
    if !done.look_again.is_empty() {
        text.push_str(&format!(
            " {} changed, went missing or is due a review (flagged).",
            count(done.look_again.len(), "evidence entry", "evidence entries")
        ));
    }
    if let Some(head) = &done.repointed {
        text.push_str(&format!(
            " It inherits from this year's head office, {}.",
            one_line(head)
        ));
    }
    if done.period_cleared {
        text.push_str(" The period assessed is left blank for this year's dates.");
    }
    text
}
