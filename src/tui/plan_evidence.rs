//! `O` on an item the continuity plan is evidence for (DSPT 7.1.2, 7.2.1, 7.3.2 and the NCSC
//! incident items): the plan, or for the DSPT test item its last exercise, is added to the
//! answer as a named document, through the one answering core.

use super::action::Effect;
use super::app::{App, Pending};
use crate::domain::answering::Change;
use crate::domain::assessment::{Evidence, EvidenceSource};
use crate::domain::plan;

impl App {
    pub(crate) fn offer_plan_evidence(&mut self) -> Option<Effect> {
        let s = self.session.as_ref()?;
        let key = s.entries.get(self.cursor)?.key.clone();
        if !plan::is_evidence_item(&key) {
            self.say(
                "The continuity plan is not evidence for this item (it is for DSPT 7.1.2, 7.2.1 and 7.3.2 and NCSC's incident items).",
                false,
            );
            return None;
        }
        let starter = match crate::continuity::shared_starter() {
            Ok(starter) => starter,
            Err(why) => {
                self.say(why, true);
                return None;
            }
        };
        let effective = super::plan_builder::effective(s, starter);
        let Some(name) = effective.evidence_document(&key) else {
            self.say(
                "No exercise is recorded yet: record one on the plan screen (P, then the Exercises part).",
                true,
            );
            return None;
        };
        let already = s
            .own_answer(&key)
            .evidence
            .iter()
            .any(|e| matches!(&e.source, EvidenceSource::Document { name: n } if *n == name));
        if already {
            self.say("The plan is already recorded as evidence here.", false);
            return None;
        }
        let change = Change::AddEvidence(Evidence {
            source: EvidenceSource::Document { name: name.clone() },
            dated: None,
            review_by: None,
        });
        let effect = self.change(Pending::default(), vec![change]);
        if effect.is_some() {
            self.say(
                format!("Added as evidence: {}", crate::text::one_line(&name)),
                false,
            );
        }
        effect
    }
}
