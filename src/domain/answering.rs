//! Changing an answer: every rule about what an answer may hold, in one place.
//!
//! The TUI and the CLI both describe what the user asked for as a list of [`Change`]s and call
//! [`apply`]; the result is the item's new *own* answer (for a site, never the head office's
//! answer it was showing) or an [`AnswerError`] each front end words for its user. Offering an
//! answer to linked items ([`offers`], [`fill`]) goes through the same rules.

use thiserror::Error;

use super::assessment::{ActionStatus, Answer, Event, Evidence, Priority, Status};
use super::checklist::{Item, ItemRef};
use super::date::Date;
use super::progress::is_mandatory;
use super::value::parse_value;

/// One thing the user asked to change about an answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// Set the status, dated today; a gap gets an open action, a closed gap's action is done.
    Status(Status),
    /// The value the item asks for, as typed; empty text clears it.
    Value(String),
    Note(String),
    /// The reason for "met another way" or "not applicable"; empty text clears it.
    Justification(String),
    AddEvidence(Evidence),
    /// Remove the evidence entry at this index (0-based, in the answer's order).
    RemoveEvidence(usize),
    Flag(bool),
    /// What will be done to close the gap.
    ActionText(String),
    Owner(String),
    Due(Option<Date>),
    Priority(Priority),
    ActionStatus(ActionStatus),
    /// A carried-forward answer is still true: it counts again, dated today. Nothing happens
    /// to an answer that was not carried forward.
    Confirm,
}

/// Why a change was refused. The words name no front end's keys or flags: each adds its own.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AnswerError {
    #[error("this item asks for no value, only an answer")]
    NoValueAsked,
    #[error("{0}")]
    BadValue(String),
    #[error("an answer met another way needs a justification saying how the item is met")]
    JustificationNeeded,
    #[error(
        "this item is mandatory (it counts towards a level), so marking it not applicable needs a short reason"
    )]
    ReasonNeeded,
    #[error("this answer comes from the head office ({head}); give this site its own answer first")]
    Inherited { head: String },
    #[error("there is no evidence entry {number} on this item")]
    NoSuchEvidence { number: usize },
}

/// The item being answered and what it has now.
#[derive(Debug, Clone, Copy)]
pub struct Target<'a> {
    pub item: &'a Item,
    /// The item's own answer (for a site: the site's, not its head office's).
    pub own: &'a Answer,
    /// For a site whose head office has answered this item: the head office, whose answer
    /// shows whenever the site gives the item no status of its own.
    pub inherited_from: Option<&'a str>,
}

/// The item's own answer after `changes`, or why it cannot be saved.
pub fn apply(target: Target<'_>, changes: &[Change], today: Date) -> Result<Answer, AnswerError> {
    let mut answer = target.own.clone();
    let mut reasons_touched = false;
    for change in changes {
        reasons_touched |= matches!(change, Change::Status(_) | Change::Justification(_));
        apply_one(&mut answer, target.item, change, today)?;
    }
    let new_reason = changes
        .iter()
        .any(|c| matches!(c, Change::Justification(_)));
    if !takes_reason(answer.status)
        || (takes_reason(target.own.status) && answer.status != target.own.status && !new_reason)
    {
        // A reason explains only "met another way" or "not applicable", and each its own:
        // how an item is met another way is no reason for it not to apply, so switching
        // between the two asks for the new one.
        answer.justification = None;
    }
    if reasons_touched {
        check_reasons(&answer, target.item)?;
    }
    if let Some(head) = target.inherited_from
        && answer.status == Status::Unanswered
    {
        if changes.contains(&Change::Status(Status::Unanswered)) {
            // Clearing a site's answer hands the item back to its head office: whatever the
            // site had recorded would only sit hidden behind that answer (the journal keeps it).
            return Ok(Answer::default());
        }
        if !answer.is_blank() {
            // A note or evidence without a status of its own would sit hidden behind the head
            // office's answer: the site must answer first.
            return Err(AnswerError::Inherited {
                head: head.to_owned(),
            });
        }
    }
    Ok(answer)
}

fn apply_one(
    answer: &mut Answer,
    item: &Item,
    change: &Change,
    today: Date,
) -> Result<(), AnswerError> {
    match change {
        Change::Status(status) => answer.set_status(*status, today),
        Change::Value(text) if text.trim().is_empty() => answer.value = None,
        Change::Value(_) if item.answer.label().is_none() => return Err(AnswerError::NoValueAsked),
        Change::Value(text) => {
            answer.value =
                Some(parse_value(&item.answer, text, today).map_err(AnswerError::BadValue)?);
        }
        Change::Note(text) => text.trim_end().clone_into(&mut answer.note),
        Change::Justification(text) => {
            answer.justification = Some(text.trim().to_owned()).filter(|j| !j.is_empty());
        }
        Change::AddEvidence(evidence) => answer.evidence.push(evidence.clone()),
        Change::RemoveEvidence(index) => {
            if *index >= answer.evidence.len() {
                return Err(AnswerError::NoSuchEvidence { number: index + 1 });
            }
            answer.evidence.remove(*index);
        }
        Change::Flag(on) => answer.flagged = *on,
        Change::ActionText(text) => text.trim().clone_into(&mut answer.action_mut().text),
        Change::Owner(owner) => owner.trim().clone_into(&mut answer.action_mut().owner),
        Change::Due(due) => answer.action_mut().due = *due,
        Change::Priority(priority) => answer.action_mut().priority = *priority,
        Change::ActionStatus(status) => answer.action_mut().set_status(*status, today),
        Change::Confirm => {
            // The first answer's day is kept: the record says whose answer was confirmed
            // and when it was first given.
            if answer.carried.take().is_some() {
                answer.confirmed = Some(today);
            }
        }
    }
    Ok(())
}

fn takes_reason(status: Status) -> bool {
    matches!(status, Status::Alternative | Status::NotApplicable)
}

/// "Met another way" always needs a justification; "not applicable" needs a reason when the
/// item counts towards a level.
fn check_reasons(answer: &Answer, item: &Item) -> Result<(), AnswerError> {
    let has_reason = answer.justification.is_some();
    match answer.status {
        Status::Alternative if !has_reason => Err(AnswerError::JustificationNeeded),
        Status::NotApplicable if !has_reason && is_mandatory(item) => {
            Err(AnswerError::ReasonNeeded)
        }
        _ => Ok(()),
    }
}

/// Last year's answer as this year's starting point: everything kept (an open action stays
/// open, a done one done), marked carried forward on `today` so that it counts only once
/// confirmed. `look_again` flags it for review: its evidence changed, went missing or is due
/// a review.
pub fn carry_forward(last_year: &Answer, look_again: bool, today: Date) -> Answer {
    let mut answer = last_year.clone();
    if answer.status != Status::Unanswered {
        answer.carried = Some(today);
    }
    // Last year's confirmation was last year's: this year's is still to come.
    answer.confirmed = None;
    answer.flagged |= look_again;
    answer
}

/// The event that records `after` for `item`, or `None` when nothing changed.
pub fn event(item: &ItemRef, before: &Answer, after: Answer) -> Option<Event> {
    (*before != after).then(|| Event::Answered {
        item: item.clone(),
        answer: after,
    })
}

/// A linked item that could take the same answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offer {
    pub item: ItemRef,
    pub title: String,
    /// What it shows now (for a site, possibly inherited).
    pub current: Status,
    /// Ticked to start with: only items without an answer. An answered item is replaced only
    /// when the user picks it.
    pub ticked: bool,
}

/// A linked item the answer might go to, with what it shows now.
#[derive(Debug, Clone, Copy)]
pub struct Candidate<'a> {
    pub key: &'a ItemRef,
    pub item: &'a Item,
    pub current: Status,
}

/// The linked items worth offering `status` to: those not already showing it, never an
/// assessor's hands-on test. Unanswered ones come ticked; answered ones do not.
pub fn offers<'a>(
    status: Status,
    candidates: impl IntoIterator<Item = Candidate<'a>>,
) -> Vec<Offer> {
    if status == Status::Unanswered {
        return Vec::new();
    }
    candidates
        .into_iter()
        .filter(|c| c.current != status && !c.item.assessor_test)
        .map(|c| Offer {
            item: c.key.clone(),
            title: c.item.title.clone(),
            current: c.current,
            ticked: c.current == Status::Unanswered,
        })
        .collect()
}

/// `source`'s status (and its reason, where the status needs one) given to a linked item whose
/// own answer is `target.own`, through the same rules as any answer.
pub fn fill(source: &Answer, target: Target<'_>, today: Date) -> Result<Answer, AnswerError> {
    let mut changes = Vec::with_capacity(2);
    if takes_reason(source.status) {
        changes.push(Change::Justification(
            source.justification.clone().unwrap_or_default(),
        ));
    }
    changes.push(Change::Status(source.status));
    apply(target, &changes, today)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::assessment::EvidenceSource;
    use crate::domain::checklist::AnswerKind;

    fn item(levels: &[&str], answer: AnswerKind) -> Item {
        Item {
            id: "4.5.3".into(),
            title: "MFA for remote access".into(),
            question: String::new(),
            guidance: String::new(),
            evidence: Vec::new(),
            levels: levels.iter().map(|l| (*l).to_owned()).collect(),
            review_months: None,
            answer,
            references: Vec::new(),
            links: Vec::new(),
            caution: None,
            exempt_with: Vec::new(),
            critical: false,
            assessor_test: false,
        }
    }

    fn today() -> Date {
        Date::parse("2026-11-28").expect("date")
    }

    fn target<'a>(item: &'a Item, own: &'a Answer) -> Target<'a> {
        Target {
            item,
            own,
            inherited_from: None,
        }
    }

    #[test]
    fn a_gap_gets_an_open_action_with_its_fields() {
        let it = item(&["met"], AnswerKind::Status);
        let after = apply(
            target(&it, &Answer::default()),
            &[
                Change::Status(Status::No),
                Change::ActionText("Turn on MFA for the VPN".into()),
                Change::Owner(" Deputy manager ".into()),
                Change::Due(Date::parse("2027-01-31")),
            ],
            today(),
        )
        .expect("valid");
        assert_eq!(after.status, Status::No);
        assert_eq!(after.answered, Some(today()));
        let action = after.action.expect("action");
        assert_eq!(action.text, "Turn on MFA for the VPN");
        assert_eq!(action.owner, "Deputy manager");
        assert_eq!(action.status, ActionStatus::Open);
    }

    #[test]
    fn switching_between_met_another_way_and_not_applicable_asks_for_the_new_reason() {
        let mandatory = item(&["met"], AnswerKind::Status);
        let alternative = Answer {
            status: Status::Alternative,
            justification: Some("Paper records only".into()),
            ..Answer::default()
        };
        assert_eq!(
            apply(
                target(&mandatory, &alternative),
                &[Change::Status(Status::NotApplicable)],
                today()
            ),
            Err(AnswerError::ReasonNeeded),
            "how it was met is not why it does not apply"
        );
        let after = apply(
            target(&mandatory, &alternative),
            &[
                Change::Justification("No remote access at all".into()),
                Change::Status(Status::NotApplicable),
            ],
            today(),
        )
        .expect("with its own reason");
        assert_eq!(
            after.justification.as_deref(),
            Some("No remote access at all")
        );
        // The same status again keeps its reason.
        let again = apply(
            target(&mandatory, &alternative),
            &[Change::Status(Status::Alternative)],
            today(),
        )
        .expect("kept");
        assert_eq!(again.justification.as_deref(), Some("Paper records only"));
    }

    #[test]
    fn alternative_and_mandatory_not_applicable_need_reasons() {
        let mandatory = item(&["met"], AnswerKind::Status);
        let optional = item(&[], AnswerKind::Status);
        let blank = Answer::default();
        assert_eq!(
            apply(
                target(&optional, &blank),
                &[Change::Status(Status::Alternative)],
                today()
            ),
            Err(AnswerError::JustificationNeeded)
        );
        assert_eq!(
            apply(
                target(&mandatory, &blank),
                &[Change::Status(Status::NotApplicable)],
                today()
            ),
            Err(AnswerError::ReasonNeeded)
        );
        assert!(
            apply(
                target(&optional, &blank),
                &[Change::Status(Status::NotApplicable)],
                today()
            )
            .is_ok()
        );
        let reasoned = apply(
            target(&mandatory, &blank),
            &[
                Change::Justification(" We hold no IT systems at all ".into()),
                Change::Status(Status::NotApplicable),
            ],
            today(),
        )
        .expect("valid");
        assert_eq!(
            reasoned.justification.as_deref(),
            Some("We hold no IT systems at all")
        );
        // Moving on to Yes drops the reason: it no longer explains anything.
        let yes = apply(
            target(&mandatory, &reasoned),
            &[Change::Status(Status::Yes)],
            today(),
        )
        .expect("valid");
        assert_eq!(yes.justification, None);
    }

    #[test]
    fn a_reason_is_kept_only_by_a_status_it_explains() {
        let it = item(&["met"], AnswerKind::Status);
        let yes = apply(
            target(&it, &Answer::default()),
            &[
                Change::Status(Status::Yes),
                Change::Justification("Paper records only".into()),
            ],
            today(),
        )
        .expect("valid");
        assert_eq!(yes.status, Status::Yes);
        assert_eq!(yes.justification, None, "a yes needs no reason");
        let partial = Answer {
            status: Status::Partial,
            ..Answer::default()
        };
        let noted = apply(
            target(&it, &partial),
            &[Change::Justification("No remote access".into())],
            today(),
        )
        .expect("valid");
        assert_eq!(noted.justification, None, "nor does a partial answer");
    }

    #[test]
    fn values_are_checked_and_can_be_cleared() {
        let percent = item(
            &["met"],
            AnswerKind::Percentage {
                label: "Staff trained".into(),
                threshold: 95.0,
            },
        );
        let blank = Answer::default();
        let set = apply(
            target(&percent, &blank),
            &[Change::Value("91%".into())],
            today(),
        )
        .expect("an honest 91% is recorded");
        assert_eq!(set.value.as_deref(), Some("91"));
        assert!(matches!(
            apply(
                target(&percent, &blank),
                &[Change::Value("lots".into())],
                today()
            ),
            Err(AnswerError::BadValue(_))
        ));
        let cleared = apply(
            target(&percent, &set),
            &[Change::Value(" ".into())],
            today(),
        )
        .expect("ok");
        assert_eq!(cleared.value, None);
        let plain = item(&[], AnswerKind::Status);
        assert_eq!(
            apply(
                target(&plain, &blank),
                &[Change::Value("3".into())],
                today()
            ),
            Err(AnswerError::NoValueAsked)
        );
    }

    #[test]
    fn evidence_can_be_added_and_removed() {
        let it = item(&[], AnswerKind::Status);
        let doc = Evidence {
            source: EvidenceSource::Document {
                name: "Fire folder".into(),
            },
            dated: None,
            review_by: None,
        };
        let with = apply(
            target(&it, &Answer::default()),
            &[Change::Status(Status::Yes), Change::AddEvidence(doc)],
            today(),
        )
        .expect("ok");
        assert_eq!(with.evidence.len(), 1);
        assert_eq!(
            apply(target(&it, &with), &[Change::RemoveEvidence(1)], today()),
            Err(AnswerError::NoSuchEvidence { number: 2 })
        );
        let without = apply(target(&it, &with), &[Change::RemoveEvidence(0)], today()).expect("ok");
        assert!(without.evidence.is_empty());
    }

    #[test]
    fn a_site_answers_an_inherited_item_from_its_own_blank_answer() {
        let it = item(&[], AnswerKind::Status);
        let own = Answer::default();
        let inherited = Target {
            item: &it,
            own: &own,
            inherited_from: Some("sunnyside-head-office"),
        };
        assert_eq!(
            apply(inherited, &[Change::Note("our note".into())], today()),
            Err(AnswerError::Inherited {
                head: "sunnyside-head-office".into()
            })
        );
        let answered = apply(
            inherited,
            &[
                Change::Status(Status::Partial),
                Change::Note("our note".into()),
            ],
            today(),
        )
        .expect("a status of its own makes it the site's answer");
        assert_eq!(answered.note, "our note");
        assert!(answered.evidence.is_empty());
        let site = Target {
            own: &answered,
            ..inherited
        };
        assert_eq!(
            apply(site, &[Change::Status(Status::Unanswered)], today()),
            Ok(Answer::default()),
            "clearing hands the item back to the head office"
        );
    }

    #[test]
    fn offers_tick_only_unanswered_items_and_never_assessor_tests() {
        let plain = item(&[], AnswerKind::Status);
        let mut test = item(&[], AnswerKind::Status);
        test.assessor_test = true;
        let keys = [
            ItemRef::new("dspt", "4.5.3"),
            ItemRef::new("ce", "UA-MFA"),
            ItemRef::new("ce", "PLUS-MFA"),
            ItemRef::new("ncsc", "PW-2FA"),
        ];
        let candidates = [
            Candidate {
                key: &keys[0],
                item: &plain,
                current: Status::No,
            },
            Candidate {
                key: &keys[1],
                item: &plain,
                current: Status::Unanswered,
            },
            Candidate {
                key: &keys[2],
                item: &test,
                current: Status::Unanswered,
            },
            Candidate {
                key: &keys[3],
                item: &plain,
                current: Status::Yes,
            },
        ];
        let offered = offers(Status::Yes, candidates);
        let summary: Vec<(&str, bool)> = offered
            .iter()
            .map(|o| (o.item.item.as_str(), o.ticked))
            .collect();
        assert_eq!(summary, [("4.5.3", false), ("UA-MFA", true)]);
        assert!(offers(Status::Unanswered, candidates).is_empty());
    }

    #[test]
    fn fill_carries_the_reason_and_keeps_the_targets_own_work() {
        let mandatory = item(&["met"], AnswerKind::Status);
        let source = Answer {
            status: Status::NotApplicable,
            justification: Some("No remote access at all".into()),
            ..Answer::default()
        };
        let own = Answer {
            note: "checked with IT".into(),
            ..Answer::default()
        };
        let filled = fill(&source, target(&mandatory, &own), today()).expect("ok");
        assert_eq!(filled.status, Status::NotApplicable);
        assert_eq!(filled.note, "checked with IT");
        assert_eq!(
            filled.justification.as_deref(),
            Some("No remote access at all")
        );
    }

    #[test]
    fn carrying_forward_marks_answers_keeps_blanks_and_flags_only_when_asked() {
        let last_year = Date::parse("2025-11-01").expect("date");
        let answered = Answer {
            status: Status::Yes,
            note: "VPN has MFA".into(),
            answered: Some(last_year),
            confirmed: Some(last_year),
            ..Answer::default()
        };
        assert_eq!(
            carry_forward(&answered, false, today()),
            Answer {
                carried: Some(today()),
                confirmed: None,
                ..answered.clone()
            },
            "kept whole, marked carried today, last year's confirmation dropped"
        );
        assert_eq!(
            carry_forward(&answered, true, today()),
            Answer {
                carried: Some(today()),
                confirmed: None,
                flagged: true,
                ..answered.clone()
            },
            "its evidence needs a look: flagged"
        );
        let already_flagged = Answer {
            flagged: true,
            ..answered.clone()
        };
        assert!(
            carry_forward(&already_flagged, false, today()).flagged,
            "a flag the user set stays"
        );
        let blank = Answer {
            note: "ask IT".into(),
            ..Answer::default()
        };
        assert_eq!(
            carry_forward(&blank, false, today()),
            blank,
            "an unanswered item has nothing to confirm"
        );
    }

    #[test]
    fn a_carried_answer_counts_only_once_confirmed_or_answered_again() {
        use crate::domain::progress::{Outcome, outcome};
        let it = item(&["met"], AnswerKind::Status);
        let last_year = Date::parse("2025-11-01").expect("date");
        let carried = Answer {
            status: Status::Yes,
            answered: Some(last_year),
            carried: Some(today()),
            ..Answer::default()
        };
        assert_eq!(
            outcome(&it, &carried, today()),
            Outcome::ToConfirm {
                was: Box::new(Outcome::Met)
            },
            "neither met nor a gap until confirmed"
        );
        // A gap carried forward is still a gap: nothing says it was closed.
        let carried_gap = Answer {
            status: Status::No,
            ..carried.clone()
        };
        assert_eq!(
            outcome(&it, &carried_gap, today()),
            Outcome::Gap {
                reason: "not in place".into()
            }
        );
        let confirmed = apply(target(&it, &carried), &[Change::Confirm], today()).expect("valid");
        assert_eq!(confirmed.carried, None);
        assert_eq!(confirmed.status, Status::Yes);
        assert_eq!(
            confirmed.answered,
            Some(last_year),
            "the first answer's day is kept"
        );
        assert_eq!(confirmed.confirmed, Some(today()));
        assert_eq!(outcome(&it, &confirmed, today()), Outcome::Met);
        let key = ItemRef::new("dspt-social-care", "4.5.3");
        assert!(event(&key, &carried, confirmed.clone()).is_some());
        // Confirming an answer that was never carried changes nothing, so nothing is recorded.
        let again = apply(target(&it, &confirmed), &[Change::Confirm], today()).expect("valid");
        assert_eq!(event(&key, &confirmed, again), None);
        // Any new status clears the mark too, whatever it is.
        let changed = apply(
            target(&it, &carried),
            &[Change::Status(Status::Partial)],
            today(),
        )
        .expect("valid");
        assert_eq!(changed.carried, None);
        assert_eq!(
            outcome(&it, &changed, today()),
            Outcome::Gap {
                reason: "only partly in place".into()
            }
        );
        // A note alone does not confirm.
        let noted = apply(
            target(&it, &carried),
            &[Change::Note("checked the VPN".into())],
            today(),
        )
        .expect("valid");
        assert_eq!(noted.carried, Some(today()));
    }
}
