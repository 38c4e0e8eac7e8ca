//! `carecheck status`: progress, level readiness and what blocks it, as text or JSON.

use std::io::Write;
use std::process::ExitCode;

use super::{CommandResult, Context, Failure};
use crate::domain::progress::Outcome;
use crate::summary::{Summary, summarise};
use crate::text::{self, one_line};
use crate::workspace::{checklists_of, newer_editions};

/// How many blocking items to list per level in the text output.
const BLOCKERS_SHOWN: usize = 10;

pub fn run(ctx: &Context, query: Option<&str>, json: bool, out: &mut dyn Write) -> CommandResult {
    let id = ctx.store.resolve(query)?;
    let open = ctx.store.open_read_only(&id)?;
    let checklists = checklists_of(&open, &ctx.library)?;
    let newer: Vec<&str> = newer_editions(&open.assessment, &ctx.library)
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    let summary = summarise(&open.assessment, &checklists, &newer, ctx.today());
    if json {
        let text =
            serde_json::to_string_pretty(&summary).map_err(|e| Failure::new(e.to_string()))?;
        writeln!(out, "{text}")?;
    } else {
        write_text(&summary, out)?;
    }
    Ok(if summary.all_levels_reached {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn write_text(s: &Summary, out: &mut dyn Write) -> std::io::Result<()> {
    let site = s
        .details
        .site
        .as_deref()
        .map(|site| format!(", {}", one_line(site)))
        .unwrap_or_default();
    writeln!(
        out,
        "{}{site}  (assessment {})",
        one_line(&s.details.organisation),
        one_line(&s.id)
    )?;
    if let Some(assessor) = &s.details.assessor {
        writeln!(out, "Assessor: {}", one_line(assessor))?;
    }
    writeln!(
        out,
        "Last change: {}   Fingerprint: {}",
        s.updated,
        &s.fingerprint[..16]
    )?;
    for c in &s.checklists {
        let p = &c.progress;
        let t = &p.tally;
        writeln!(out, "\n{} ({})", one_line(&p.title), one_line(&p.edition))?;
        writeln!(
            out,
            "  {} of {} answered ({}%), {} met, {}, {} flagged",
            t.answered,
            t.total,
            t.percent_answered(),
            t.met,
            text::count(t.gaps, "gap", "gaps"),
            t.flagged
        )?;
        for section in &p.sections {
            let st = &section.tally;
            writeln!(
                out,
                "    {:<48} {:>3}/{:<3} answered",
                one_line(&section.title),
                st.answered,
                st.total
            )?;
        }
        for level in &p.levels {
            let verdict = if level.reached() {
                "REACHED"
            } else {
                "not yet"
            };
            writeln!(
                out,
                "  {}: {} of {} required items met ({verdict})",
                one_line(&level.name),
                level.met,
                level.required
            )?;
            // Answered items that fall short are the real problems: list them before the
            // ones simply not reached yet.
            let (failing, unanswered): (Vec<_>, Vec<_>) = level
                .blocking
                .iter()
                .partition(|b| b.outcome != Outcome::Unanswered);
            for b in failing.into_iter().chain(unanswered).take(BLOCKERS_SHOWN) {
                let why = match &b.outcome {
                    Outcome::NotMet(reason) => one_line(reason).into_owned(),
                    Outcome::Unanswered | Outcome::Met => "unanswered".to_owned(),
                };
                let critical = if b.critical { " [critical]" } else { "" };
                writeln!(
                    out,
                    "    blocked by {} {}: {why}{critical}",
                    one_line(&b.item),
                    one_line(&b.title)
                )?;
            }
            if level.blocking.len() > BLOCKERS_SHOWN {
                writeln!(
                    out,
                    "    ... and {} more (carecheck status --json lists them all)",
                    level.blocking.len() - BLOCKERS_SHOWN
                )?;
            }
        }
        if c.newer_edition_available {
            writeln!(
                out,
                "  A newer edition of this checklist is built into carecheck."
            )?;
        }
    }
    if !s.due.is_empty() {
        writeln!(out, "\nDue for review:")?;
        for d in &s.due {
            writeln!(out, "  {} since {}: {}", d.item, d.since, one_line(&d.what))?;
        }
    }
    if !s.orphaned.is_empty() {
        writeln!(
            out,
            "\nAnswers kept for items no longer in their checklist:"
        )?;
        for item in &s.orphaned {
            writeln!(out, "  {item}")?;
        }
    }
    Ok(())
}
