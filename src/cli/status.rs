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
    let effective = crate::workspace::effective(&ctx.store, &open)?;
    let mut summary = summarise(&effective.assessment, &checklists, &newer, ctx.today());
    summary.inherited = effective.inherited.into_iter().collect();
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
    if s.details.head_office {
        writeln!(
            out,
            "Head-office assessment: sites created with --inherit-from {} show these answers.",
            one_line(&s.id)
        )?;
    }
    if let Some(head) = &s.details.inherits_from {
        writeln!(
            out,
            "Site of head office `{}`: {} inherited.",
            one_line(head),
            text::count(s.inherited.len(), "answer", "answers")
        )?;
    }
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

/// Every assessment's rows of the roll-up, each with its effective answers.
fn rollup_rows(ctx: &Context) -> Result<Vec<crate::summary::RollupRow>, Failure> {
    let mut loaded = Vec::new();
    for id in ctx.store.ids()? {
        let open = ctx.store.open_read_only(&id)?;
        let checklists = checklists_of(&open, &ctx.library)?;
        loaded.push((crate::workspace::effective(&ctx.store, &open)?, checklists));
    }
    if loaded.is_empty() {
        return Err(crate::store::StoreError::NoneYet.into());
    }
    Ok(crate::summary::rollup(&loaded, ctx.today()))
}

/// `carecheck status --all`: every assessment side by side. Exits 0 only when every level of
/// every assessment is reached.
pub fn all(ctx: &Context, json: bool, out: &mut dyn Write) -> CommandResult {
    let rows = rollup_rows(ctx)?;
    let reached = rows
        .iter()
        .all(|r| r.levels.iter().all(|(_, met, required)| met == required));
    if json {
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&rows).map_err(|e| Failure::new(e.to_string()))?
        )?;
    } else {
        let table: Vec<[String; 7]> = rows
            .iter()
            .map(|r| {
                let levels: Vec<String> = r
                    .levels
                    .iter()
                    .map(|(name, met, required)| format!("{name} {met}/{required}"))
                    .collect();
                let inherited = if r.inherited > 0 {
                    format!(" ({} inherited)", r.inherited)
                } else {
                    String::new()
                };
                [
                    r.organisation.clone(),
                    r.site.clone().unwrap_or_else(|| {
                        if r.role == "head office" {
                            "(head office)".into()
                        } else {
                            String::new()
                        }
                    }),
                    r.checklist.clone(),
                    format!("{}/{}{inherited}", r.answered, r.total),
                    r.met.to_string(),
                    r.gaps.to_string(),
                    levels.join(", "),
                ]
            })
            .collect();
        super::checklists::print_table(
            out,
            &[
                "ORGANISATION",
                "SITE",
                "CHECKLIST",
                "ANSWERED",
                "MET",
                "GAPS",
                "LEVELS (MET/REQUIRED)",
            ],
            &table,
        )?;
    }
    Ok(if reached {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// `carecheck export --all`: the roll-up as CSV, for a spreadsheet comparing sites.
pub fn rollup_csv(
    ctx: &Context,
    output: Option<&std::path::Path>,
    out: &mut dyn Write,
) -> CommandResult {
    let rows = rollup_rows(ctx)?;
    let text = crate::report::export::rollup_csv(&rows);
    match output {
        None => out.write_all(text.as_bytes())?,
        // The caller has checked the path (`cli::output::check_output`).
        Some(path) => {
            crate::store::fsutil::write_atomic(path, text.as_bytes())
                .map_err(|e| Failure::new(format!("{}: cannot write: {e}", path.display())))?;
            eprintln!("Wrote {}.", one_line(&path.display().to_string()));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `carecheck report --all`: the roll-up as a PDF.
pub fn rollup_pdf(
    ctx: &Context,
    output: Option<std::path::PathBuf>,
    out: &mut dyn Write,
) -> CommandResult {
    let rows = rollup_rows(ctx)?;
    let path =
        output.unwrap_or_else(|| std::path::PathBuf::from(format!("rollup-{}.pdf", ctx.today())));
    let pack = crate::report::rollup_pack(&rows, ctx.now).map_err(Failure::new)?;
    crate::store::fsutil::write_atomic(&path, &pack.bytes)
        .map_err(|e| Failure::new(format!("{}: cannot write the report: {e}", path.display())))?;
    writeln!(
        out,
        "Wrote {} ({} pages, {} rows).",
        one_line(&path.display().to_string()),
        pack.pages,
        rows.len()
    )?;
    Ok(ExitCode::SUCCESS)
}
