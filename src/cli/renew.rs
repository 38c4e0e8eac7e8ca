//! `carecheck renew` (this year's assessment from last year's) and `carecheck confirm` (a
//! carried-forward answer is still true).

use std::io::Write;
use std::process::ExitCode;

use super::{CommandResult, Context, Failure};
use crate::domain::answering::{self, Change, Target};
use crate::domain::assessment::Status;
use crate::text::{self, one_line};
use crate::workspace::Access;

/// Starts this year's assessment from last year's `query` (see [`crate::renew`]) and says what
/// it did.
pub fn renew(
    ctx: &Context,
    query: Option<&str>,
    edition: crate::renew::Editions<'_>,
    out: &mut dyn Write,
) -> CommandResult {
    let done = crate::renew::renew(&ctx.workspace, query, edition, ctx.now)
        .map_err(|e| Failure::new(e.to_string()))?;
    let id = &done.id;
    writeln!(out, "{id}")?;
    writeln!(
        out,
        "Renewed `{}` as `{id}`: {} carried forward; each counts as met only once confirmed (`carecheck confirm ITEM -a {id}`).",
        one_line(&done.from),
        text::count(done.carried, "answer", "answers")
    )?;
    for (checklist, edition) in &done.moved {
        writeln!(out, "{}: now {}", one_line(checklist), one_line(edition))?;
    }
    if let Some(head) = &done.repointed {
        writeln!(
            out,
            "Inherits from this year's head office `{}` (renewed already).",
            one_line(head)
        )?;
    }
    if !done.new_items.is_empty() {
        writeln!(out, "New in this edition, to answer first:")?;
        for key in &done.new_items {
            writeln!(out, "  {key}")?;
        }
    }
    if !done.look_again.is_empty() {
        writeln!(
            out,
            "Evidence to look at again (those answers are flagged):"
        )?;
        for (key, problem) in &done.look_again {
            writeln!(out, "  {key} {}", one_line(problem))?;
        }
    }
    if done.period_cleared {
        writeln!(
            out,
            "The period assessed was last year's and is left blank: set it with `carecheck profile -a {id} --period-start DATE --period-end DATE`."
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Refuses to renew, saying why and that `--force` renews all the same, an assessment renewed
/// already or this period's own ([`crate::renew_guard`]).
pub fn guard(ctx: &Context, query: Option<&str>, force: bool) -> Result<(), Failure> {
    if force {
        return Ok(());
    }
    let target = ctx.workspace.load(query, Access::Read)?;
    let target = crate::renew_guard::Facts::of(target.assessment());
    let others: Vec<_> = ctx
        .workspace
        .load_all()?
        .into_iter()
        .filter_map(|(_, loaded)| loaded.ok())
        .map(|loaded| crate::renew_guard::Facts::of(loaded.assessment()))
        .filter(|f| f.id != target.id)
        .collect();
    let concerns = crate::renew_guard::concerns(&target, &others, ctx.now.date());
    if concerns.is_empty() {
        return Ok(());
    }
    Err(Failure {
        message: format!(
            "not renewed: {}: {}. Renew it all the same with --force.",
            one_line(&target.id),
            concerns.join("; and ")
        ),
        code: 2,
    })
}

/// Confirms carried-forward answers: each is still true this year.
pub fn confirm(
    ctx: &Context,
    query: Option<&str>,
    items: &[String],
    out: &mut dyn Write,
) -> CommandResult {
    let mut loaded = ctx.workspace.load(query, Access::Write)?;
    // Every item is found before any is confirmed: a mistyped one saves nothing.
    let mut found = Vec::new();
    for query in items {
        let (key, item) = loaded
            .find_item(query)
            .map(|(key, item)| (key, item.clone()))
            .map_err(|e| Failure::new(format!("{e}; nothing was confirmed")))?;
        found.push((key, item));
    }
    let by = ctx.who(loaded.assessment().details.assessor.as_deref());
    for (key, item) in found {
        let (own, head) = loaded.own_answer(&key);
        if own.carried.is_none() {
            let why = if own.status == Status::Unanswered {
                "has no answer of its own to confirm"
            } else {
                "was not carried forward (or is already confirmed)"
            };
            writeln!(out, "{key}: {why}")?;
            continue;
        }
        let target = Target {
            item: &item,
            own: &own,
            inherited_from: head.map(|h| h.name.as_str()),
        };
        let after = answering::apply(target, &[Change::Confirm], ctx.today())
            .map_err(|e| Failure::new(format!("{key}: {e}")))?;
        let status = after.status;
        if let Some(event) = answering::event(&key, &own, after) {
            loaded.record(event, ctx.now, by.clone())?;
        }
        writeln!(out, "{key} {}: {status} (confirmed)", one_line(&item.title))?;
    }
    let waiting = loaded
        .summary(&ctx.workspace.library, ctx.today())
        .carried
        .len();
    writeln!(
        out,
        "{} still waiting to be confirmed.",
        text::count(waiting, "carried-forward answer", "carried-forward answers")
    )?;
    Ok(ExitCode::SUCCESS)
}
