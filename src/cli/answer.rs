//! `carecheck answer`: record one item's answer from the command line, through the same
//! answering core as the TUI.

use std::io::Write;
use std::process::ExitCode;

use super::{AnswerArgs, CommandResult, Context, Failure};
use crate::domain::answering::{self, AnswerError, Change, Target};
use crate::domain::assessment::{Answer, Evidence, EvidenceSource, Status};
use crate::domain::checklist::{Item, ItemRef};
use crate::domain::progress::{Outcome, outcome};
use crate::evidence::record_file;
use crate::text::one_line;
use crate::workspace::{Access, Loaded};

pub fn run(ctx: &Context, args: &AnswerArgs, out: &mut dyn Write) -> CommandResult {
    let mut loaded = ctx
        .workspace
        .load(args.target.assessment.as_deref(), Access::Write)?;
    let (key, item) = loaded
        .find_item(&args.item)
        .map(|(key, item)| (key, item.clone()))
        .map_err(|e| Failure::new(e.to_string()))?;
    let changes = changes_from(ctx, args)?;
    let saved = save(ctx, &mut loaded, &key, &item, &changes)?;
    writeln!(
        out,
        "{key} {}: {} (saved)",
        one_line(&item.title),
        saved.status
    )?;
    if let Outcome::Gap { reason } = outcome(&item, &saved, ctx.today())
        && !saved.status.is_gap()
    {
        writeln!(out, "note: not met yet: {}", one_line(&reason))?;
    }
    if let Some(head) = loaded
        .effective
        .head
        .as_ref()
        .filter(|_| saved.status == Status::Unanswered)
    {
        writeln!(
            out,
            "note: this site now shows the answer of {} for {key}",
            one_line(&head.name)
        )?;
    }
    propagate(ctx, &mut loaded, &key, &saved, args, out)?;
    Ok(ExitCode::SUCCESS)
}

/// Applies `changes` to the item's own answer and records the result; returns the answer now
/// saved.
fn save(
    ctx: &Context,
    loaded: &mut Loaded,
    key: &ItemRef,
    item: &Item,
    changes: &[Change],
) -> Result<Answer, Failure> {
    try_save(ctx, loaded, key, item, changes)?.map_err(|e| worded(&e, key))
}

/// The one door every command that answers an item goes through (`answer`, `guide`): applies
/// `changes` through the answering core and records the result at once. The core's refusal is
/// returned as it is, for each door to word (or to ask for what is missing).
pub(super) fn try_save(
    ctx: &Context,
    loaded: &mut Loaded,
    key: &ItemRef,
    item: &Item,
    changes: &[Change],
) -> Result<Result<Answer, AnswerError>, Failure> {
    let (own, head) = loaded.own_answer(key);
    let target = Target {
        item,
        own: &own,
        inherited_from: head.map(|h| h.name.as_str()),
    };
    let after = match answering::apply(target, changes, ctx.today()) {
        Ok(after) => after,
        Err(refused) => return Ok(Err(refused)),
    };
    let by = ctx.who(loaded.assessment().details.assessor.as_deref());
    if let Some(event) = answering::event(key, &own, after.clone()) {
        loaded.record(event, ctx.now, by)?;
    }
    Ok(Ok(after))
}

/// The core's refusal, with the option that fixes it.
fn worded(error: &AnswerError, key: &ItemRef) -> Failure {
    let hint = match error {
        AnswerError::JustificationNeeded => {
            " (add --justification \"how the item is met another way\")"
        }
        AnswerError::ReasonNeeded => " (add --justification \"why it does not apply\")",
        AnswerError::NoValueAsked | AnswerError::BadValue(_) => "",
        AnswerError::Inherited { .. } => " (give a status such as yes, partial or no)",
        AnswerError::NoSuchEvidence { .. } => " (`carecheck status --json` lists its evidence)",
    };
    let prefix = match error {
        AnswerError::NoValueAsked | AnswerError::BadValue(_) => "--value: ",
        _ => "",
    };
    Failure::new(format!("{key}: {prefix}{error}{hint}; nothing was saved"))
}

/// The command's options as changes. The core checks the result as a whole, so a reason given
/// with the status that needs it is accepted in any order.
fn changes_from(ctx: &Context, args: &AnswerArgs) -> Result<Vec<Change>, Failure> {
    let mut changes = vec![Change::Status(args.status)];
    if let Some(justification) = &args.justification {
        changes.push(Change::Justification(justification.clone()));
    }
    if let Some(note) = &args.note {
        changes.push(Change::Note(note.trim().to_owned()));
    }
    if let Some(value) = &args.value {
        changes.push(Change::Value(value.clone()));
    }
    if args.flag {
        changes.push(Change::Flag(true));
    }
    if args.unflag {
        changes.push(Change::Flag(false));
    }
    // Removals first, numbered as the answer had them before this command.
    let mut removals = args.remove_evidence.clone();
    removals.sort_unstable_by(|a, b| b.cmp(a));
    removals.dedup();
    for number in removals {
        changes.push(Change::RemoveEvidence(number.saturating_sub(1)));
    }
    changes.extend(
        new_evidence(ctx, args)?
            .into_iter()
            .map(Change::AddEvidence),
    );
    if let Some(text) = &args.action {
        changes.push(Change::ActionText(text.clone()));
    }
    if let Some(owner) = &args.owner {
        changes.push(Change::Owner(owner.clone()));
    }
    if let Some(due) = args.due {
        changes.push(Change::Due(Some(due)));
    }
    if let Some(priority) = args.priority {
        changes.push(Change::Priority(priority));
    }
    if let Some(status) = args.action_status {
        changes.push(Change::ActionStatus(status));
    }
    Ok(changes)
}

fn new_evidence(ctx: &Context, args: &AnswerArgs) -> Result<Vec<Evidence>, Failure> {
    let dated = |source: EvidenceSource| Evidence {
        source,
        dated: args.evidence_date,
        review_by: args.review_by,
    };
    let mut added = Vec::new();
    for path in &args.evidence_files {
        // A missing file stops the command before anything is saved.
        let source = record_file(path, ctx.now).map_err(|e| {
            let hint = if e.is_folder() {
                "; name a file, or use --document for a folder of papers"
            } else {
                ""
            };
            Failure::new(format!("{e}{hint}; nothing was saved"))
        })?;
        added.push(dated(source));
    }
    for name in args
        .documents
        .iter()
        .map(|d| d.trim())
        .filter(|d| !d.is_empty())
    {
        added.push(dated(EvidenceSource::Document {
            name: name.to_owned(),
        }));
    }
    Ok(added)
}

/// Offers the saved status to the linked items that are the same control. Without
/// `--propagate` it only says where else the answer counts; with it, unanswered items take the
/// answer and answered ones are skipped (named) unless `--propagate-overwrite`.
fn propagate(
    ctx: &Context,
    loaded: &mut Loaded,
    key: &ItemRef,
    saved: &Answer,
    args: &AnswerArgs,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let links = ctx.workspace.links(&loaded.checklists);
    let offers = answering::offers(
        saved.status,
        links.candidates(key, &loaded.checklists, &loaded.effective),
    );
    if offers.is_empty() {
        return Ok(());
    }
    if !args.propagate && !args.propagate_overwrite {
        let names: Vec<String> = offers
            .iter()
            .map(|o| format!("{} ({})", o.item, o.current.label().to_lowercase()))
            .collect();
        writeln!(
            out,
            "also counts towards: {} (add --propagate to answer the unanswered ones the same way)",
            names.join(", ")
        )?;
        return Ok(());
    }
    for offer in offers {
        if !offer.ticked && !args.propagate_overwrite {
            writeln!(
                out,
                "skipped {}: already answered {} (use --propagate-overwrite to replace it)",
                offer.item,
                offer.current.label()
            )?;
            continue;
        }
        let item = loaded
            .find_item(&offer.item.to_string())
            .map(|(_, item)| item.clone())
            .map_err(|e| Failure::new(e.to_string()))?;
        let (own, head) = loaded.own_answer(&offer.item);
        let target = Target {
            item: &item,
            own: &own,
            inherited_from: head.map(|h| h.name.as_str()),
        };
        let filled =
            answering::fill(saved, target, ctx.today()).map_err(|e| worded(&e, &offer.item))?;
        let by = ctx.who(loaded.assessment().details.assessor.as_deref());
        if let Some(event) = answering::event(&offer.item, &own, filled) {
            loaded.record(event, ctx.now, by)?;
        }
        writeln!(
            out,
            "{}: {} (saved, same as {key})",
            offer.item, saved.status
        )?;
    }
    Ok(())
}
