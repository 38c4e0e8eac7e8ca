//! `carecheck answer`: record one item's answer from the command line.

use std::io::Write;
use std::process::ExitCode;

use super::{AnswerArgs, CommandResult, Context, Failure};
use crate::domain::assessment::{Answer, Event, Evidence, EvidenceSource, Status};
use crate::domain::checklist::Item;
use crate::domain::progress::{Outcome, outcome};
use crate::domain::value::parse_value;
use crate::evidence::record_file;
use crate::text;
use crate::workspace::{checklists_of, find_item, link_index, linked_in_assessment};

pub fn run(ctx: &Context, args: &AnswerArgs, out: &mut dyn Write) -> CommandResult {
    let id = ctx.store.resolve(args.target.assessment.as_deref())?;
    let mut open = ctx.store.open(&id)?;
    let checklists = checklists_of(&open, &ctx.library)?;
    let (key, item) = find_item(&checklists, &args.item).map_err(Failure::new)?;
    let before = open.assessment.answer(&key);
    let answer = updated_answer(ctx, item, before, args)?;
    let by = ctx.who(open.assessment.details.assessor.as_deref());
    open.record(
        Event::Answered {
            item: key.clone(),
            answer: answer.clone(),
        },
        ctx.now,
        by,
    )?;

    writeln!(
        out,
        "{key} {}: {} (saved)",
        text::one_line(&item.title),
        answer.status
    )?;
    if let Outcome::NotMet(reason) = outcome(item, &answer, ctx.today())
        && matches!(answer.status, Status::Yes | Status::Alternative)
    {
        writeln!(out, "note: not met yet: {}", text::one_line(&reason))?;
    }
    let index = link_index(&checklists, &ctx.library);
    let linked: Vec<_> = linked_in_assessment(&key, &checklists, &index)
        .into_iter()
        .map(|link| link.to)
        .collect();
    if linked.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    if !args.propagate {
        let names: Vec<String> = linked.iter().map(ToString::to_string).collect();
        writeln!(
            out,
            "also counts towards: {} (add --propagate to answer them the same way)",
            names.join(", ")
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let by = ctx.who(open.assessment.details.assessor.as_deref());
    for target in linked {
        let mut copy = open.assessment.answer(&target);
        copy.set_status(answer.status, ctx.today());
        if answer.status == Status::Alternative {
            copy.justification.clone_from(&answer.justification);
        }
        open.record(
            Event::Answered {
                item: target.clone(),
                answer: copy,
            },
            ctx.now,
            by.clone(),
        )?;
        writeln!(out, "{target}: {} (saved, same as {key})", answer.status)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The answer after applying the command's options to what was there before. Options not
/// given leave their part of the answer as it was.
fn updated_answer(
    ctx: &Context,
    item: &Item,
    mut answer: Answer,
    args: &AnswerArgs,
) -> Result<Answer, Failure> {
    answer.set_status(args.status, ctx.today());
    if let Some(note) = &args.note {
        note.trim().clone_into(&mut answer.note);
    }
    if let Some(value) = &args.value {
        let parsed = parse_value(&item.answer, value, ctx.today())
            .map_err(|why| Failure::new(format!("--value: {why}")))?;
        answer.value = Some(parsed);
    }
    if let Some(justification) = &args.justification {
        answer.justification = Some(justification.trim().to_owned()).filter(|j| !j.is_empty());
    }
    if answer.status == Status::Alternative && answer.justification.is_none() {
        return Err(Failure::new(
            "an alternative answer needs a reason: add --justification \"how the item is met another way\"",
        ));
    }
    if args.flag {
        answer.flagged = true;
    }
    if args.unflag {
        answer.flagged = false;
    }
    answer.evidence.extend(new_evidence(ctx, args)?);
    update_action(&mut answer, args);
    Ok(answer)
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
        added.push(dated(record_file(path, ctx.now).map_err(Failure::new)?));
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

/// Sets the gap's action from `--owner`, `--due` and `--priority` (creating it if needed).
fn update_action(answer: &mut Answer, args: &AnswerArgs) {
    if args.owner.is_none() && args.due.is_none() && args.priority.is_none() {
        return;
    }
    let action = answer.action_mut();
    if let Some(owner) = &args.owner {
        owner.trim().clone_into(&mut action.owner);
    }
    if args.due.is_some() {
        action.due = args.due;
    }
    if let Some(priority) = args.priority {
        action.priority = priority;
    }
}
