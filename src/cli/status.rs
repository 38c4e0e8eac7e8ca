//! `carecheck status`: progress, level readiness and what blocks it, as text or JSON.

use std::io::Write;
use std::process::ExitCode;

use super::{CommandResult, Context, Failure};
use crate::domain::progress::Outcome;
use crate::registers::RegisterView;
use crate::report::rollup;
use crate::summary::Summary;
use crate::text::{self, one_line};
use crate::workspace::Access;

/// How many blocking items to list per level in the text output.
const BLOCKERS_SHOWN: usize = 10;

pub fn run(ctx: &Context, query: Option<&str>, json: bool, out: &mut dyn Write) -> CommandResult {
    let loaded = ctx.workspace.load(query, Access::Read)?;
    let summary = loaded.summary(&ctx.workspace.library, ctx.today());
    let plan = crate::continuity::standing(&loaded, ctx.today()).map_err(Failure::new)?;
    let registers = RegisterView::of_loaded(&loaded, &summary, ctx.today());
    if json {
        let document = StatusJson {
            summary: &summary,
            continuity_plan: plan.as_ref(),
            registers: (!registers.is_empty()).then_some(&registers),
        };
        write_json(&document, out)?;
    } else {
        write_text(&summary, out)?;
        if let Some(plan) = &plan {
            super::plan::write_standing(plan, out)?;
        }
        write_registers(&registers, out)?;
    }
    // A certificate about to lapse or a review that has fallen due needs attention as much
    // as a level not reached.
    Ok(
        if summary.all_levels_reached && registers.reminders.is_empty() {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        },
    )
}

/// What `status --json` prints: the summary's fields, then the plan's standing and the
/// registers where there are any. Borrowed and written straight to the output, so a register
/// of 100,000 suppliers is never held a second time as a JSON tree or a string.
#[derive(serde::Serialize)]
struct StatusJson<'a> {
    #[serde(flatten)]
    summary: &'a Summary,
    #[serde(skip_serializing_if = "Option::is_none")]
    continuity_plan: Option<&'a crate::continuity::PlanStanding>,
    #[serde(skip_serializing_if = "Option::is_none")]
    registers: Option<&'a RegisterView>,
}

/// Pretty JSON and a final newline, written as it is produced.
fn write_json(value: &impl serde::Serialize, out: &mut dyn Write) -> Result<(), Failure> {
    let mut buffered = std::io::BufWriter::new(out);
    // serde_json gives back the writer's own error (a closed pipe stays a closed pipe).
    serde_json::to_writer_pretty(&mut buffered, value).map_err(std::io::Error::from)?;
    writeln!(buffered)?;
    buffered.flush()?;
    Ok(())
}

/// The registers in brief: counts, the highest risks, concentration and reminders.
fn write_registers(view: &RegisterView, out: &mut dyn Write) -> std::io::Result<()> {
    if view.is_empty() {
        return Ok(());
    }
    let critical = view.suppliers.iter().filter(|s| s.record.critical).count();
    let no_contract = view
        .suppliers
        .iter()
        .filter(|s| {
            !s.record
                .contract
                .is_some_and(|c| c.in_place && c.dated.is_some())
        })
        .count();
    writeln!(
        out,
        "\nSuppliers: {} recorded ({critical} critical to care), {no_contract} without a dated contract",
        view.suppliers.len()
    )?;
    for note in &view.evidence {
        writeln!(
            out,
            "  evidence for {}: {}",
            note.item,
            one_line(&note.text)
        )?;
    }
    super::supplier::write_concentration(view, out)?;
    if !view.risks.is_empty() {
        let high = view.risks.iter().filter(|r| r.residual >= 10).count();
        writeln!(
            out,
            "\nRisks: {} recorded, {high} still high or very high after controls",
            view.risks.len()
        )?;
        for r in view.risks.iter().filter(|r| r.residual >= 10).take(5) {
            writeln!(
                out,
                "  {} {}: residual {} ({}), {} ({} items keep it high)",
                one_line(&r.risk.id),
                one_line(&r.risk.record.title),
                r.residual,
                crate::registers::band(r.residual),
                r.mitigation.label(),
                r.weak.len()
            )?;
        }
    }
    if !view.reminders.is_empty() {
        writeln!(out, "\nSupplier and risk reminders:")?;
        for reminder in &view.reminders {
            writeln!(out, "  {}", one_line(&reminder.text))?;
        }
    }
    Ok(())
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
        s.updated.uk(),
        &s.fingerprint[..16]
    )?;
    if s.details.head_office {
        writeln!(
            out,
            "Head-office assessment: sites created with --inherit-from {} show these answers.",
            one_line(&s.id)
        )?;
    }
    if let Some(head) = &s.head_office {
        writeln!(
            out,
            "Site of {} (`{}`): {} inherited from it, marked [inherited] below.",
            one_line(&head.name),
            one_line(&head.id),
            text::count(s.inherited.len(), "answer", "answers")
        )?;
        if !s.inherited.is_empty() {
            let items: Vec<String> = s.inherited.iter().map(ToString::to_string).collect();
            writeln!(out, "  Inherited: {}", one_line(&items.join(", ")))?;
        }
    }
    if let Some(previous) = &s.details.previous {
        writeln!(out, "Renewed from: {}", one_line(previous))?;
    }
    if !s.carried.is_empty() {
        let confirmed = s
            .answers
            .values()
            .filter(|a| {
                a.answer.carried.is_none()
                    && a.answer.status != crate::domain::assessment::Status::Unanswered
            })
            .count();
        let to_confirm: usize = s
            .checklists
            .iter()
            .map(|c| c.progress.tally.to_confirm)
            .sum();
        // A gap carried forward is counted as a gap, never as to confirm: the same
        // numbers as the pack's and the roll-up's.
        let carried_gaps = s.carried.len().saturating_sub(to_confirm);
        writeln!(
            out,
            "Carried forward from last year: {to_confirm} to confirm (they count as met only once confirmed, with `carecheck confirm ITEM`), {} carried forward (still gaps until answered again), {confirmed} confirmed or answered this time.",
            text::count(carried_gaps, "gap", "gaps")
        )?;
    }
    for c in &s.checklists {
        let p = &c.progress;
        let t = &p.tally;
        writeln!(out, "\n{} ({})", one_line(&p.title), one_line(&p.edition))?;
        if let Some(edition) = &c.reporting {
            writeln!(out, "  {}", one_line(&edition.describe(&p.edition)))?;
        }
        writeln!(
            out,
            "  {} of {} answered ({}%): {} met, {}, {} not applicable, {} met another way{}; {} flagged",
            t.answered,
            t.total,
            t.percent_answered(),
            t.met,
            text::count(t.gaps, "gap", "gaps"),
            t.not_applicable,
            t.alternative,
            if t.to_confirm > 0 {
                format!(", {} to confirm", t.to_confirm)
            } else {
                String::new()
            },
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
            writeln!(out, "  {}", one_line(&level.verdict()))?;
            // Answered items that fall short are the real problems: list them before the
            // ones simply not reached yet.
            let (failing, unanswered): (Vec<_>, Vec<_>) = level
                .blocking
                .iter()
                .partition(|b| b.outcome != Outcome::Unanswered);
            for b in failing.into_iter().chain(unanswered).take(BLOCKERS_SHOWN) {
                let why = match &b.outcome {
                    Outcome::Gap { reason } => one_line(reason).into_owned(),
                    other => other.describe(),
                };
                let critical = if b.critical { " [critical]" } else { "" };
                let key = crate::domain::checklist::ItemRef::new(&p.id, &b.item);
                let inherited = if s.inherited.contains(&key) {
                    " [inherited]"
                } else {
                    ""
                };
                writeln!(
                    out,
                    "    blocked by {} {}: {why}{critical}{inherited}",
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

/// Every assessment's rows of the roll-up. An assessment that cannot be read stops the
/// roll-up with its name and reason: a comparison with a site silently missing would mislead.
fn rollup_rows(
    ctx: &Context,
    org: Option<&str>,
) -> Result<Vec<crate::summary::RollupRow>, Failure> {
    rollup_with_reminders(ctx, org).map(|(rows, _)| rows)
}

/// The roll-up's rows, and how many supplier and risk reminders each assessment has due.
fn rollup_with_reminders(
    ctx: &Context,
    org: Option<&str>,
) -> Result<
    (
        Vec<crate::summary::RollupRow>,
        std::collections::BTreeMap<String, usize>,
    ),
    Failure,
> {
    let mut summaries = Vec::new();
    let mut reminders = std::collections::BTreeMap::new();
    for (id, loaded) in ctx.workspace.load_all()? {
        let loaded = loaded.map_err(|e| Failure::new(format!("assessment `{id}`: {e}")))?;
        if org.is_some_and(|o| !same_organisation(&loaded.assessment().details.organisation, o)) {
            continue;
        }
        let summary = loaded.summary(&ctx.workspace.library, ctx.today());
        let due = crate::registers::RegisterView::of_loaded(&loaded, &summary, ctx.today())
            .reminders
            .len();
        reminders.insert(loaded.assessment().id.clone(), due);
        summaries.push(summary);
    }
    if summaries.is_empty() {
        return Err(match org {
            Some(o) => Failure::new(format!(
                "no assessment is for an organisation called `{}`; `carecheck list` shows them all",
                one_line(o)
            )),
            None => crate::store::StoreError::NoneYet.into(),
        });
    }
    let mut rows = crate::summary::rollup(&summaries);
    for row in &mut rows {
        row.reminders = reminders.get(&row.assessment).copied().unwrap_or_default();
    }
    Ok((rows, reminders))
}

/// Organisation names match ignoring case and surrounding spaces.
pub(crate) fn same_organisation(name: &str, wanted: &str) -> bool {
    name.trim().eq_ignore_ascii_case(wanted.trim())
}

/// `carecheck status --all`: every assessment side by side. Exits 0 only when every level of
/// every assessment not since renewed is reached and no supplier or risk reminder of theirs
/// is due, as `status` does for one.
pub fn all(ctx: &Context, org: Option<&str>, json: bool, out: &mut dyn Write) -> CommandResult {
    let (rows, _) = rollup_with_reminders(ctx, org)?;
    // An assessment since renewed is history: this year's assessment decides, so last year's
    // unreached levels and lapsed reminders never keep the exit code at 1.
    let reached = rows
        .iter()
        .filter(|r| r.renewed_as.is_none())
        .all(|r| r.all_reached() && r.reminders == 0);
    if json {
        // Each row carries its assessment's reminders due (the same number on each of its rows).
        write_json(&rows, out)?;
    } else {
        writeln!(out, "{}\n", rollup::title(&rows, org))?;
        let table: Vec<[String; rollup::COLUMNS.len()]> = rows
            .iter()
            .map(|r| rollup::cells(r).map(|c| one_line(&c).into_owned()))
            .collect();
        let header = rollup::COLUMNS.map(str::to_uppercase);
        super::checklists::print_table(out, &header.each_ref().map(String::as_str), &table)?;
        writeln!(out, "\n{}", rollup::legend())?;
    }
    Ok(if reached {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// The roll-up as CSV: the same columns as the text and the PDF, headed the same.
fn rollup_csv_text(rows: &[crate::summary::RollupRow]) -> String {
    let mut out = String::from("\u{FEFF}");
    crate::report::export::csv_line(&mut out, &rollup::COLUMNS.map(str::to_owned));
    for r in rows {
        crate::report::export::csv_line(&mut out, &rollup::cells(r));
    }
    out
}

/// `carecheck export --all`: the roll-up as CSV, for a spreadsheet comparing sites.
pub fn rollup_csv(
    ctx: &Context,
    org: Option<&str>,
    output: Option<&std::path::Path>,
    out: &mut dyn Write,
) -> CommandResult {
    let rows = rollup_rows(ctx, org)?;
    let text = rollup_csv_text(&rows);
    match output {
        None => out.write_all(text.as_bytes())?,
        // The caller has checked the path (`crate::output::check_output`).
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
    org: Option<&str>,
    output: Option<std::path::PathBuf>,
    out: &mut dyn Write,
) -> CommandResult {
    let rows = rollup_rows(ctx, org)?;
    let path =
        output.unwrap_or_else(|| std::path::PathBuf::from(format!("rollup-{}.pdf", ctx.today())));
    let pack = crate::report::rollup_pack(&rows, &rollup::title(&rows, org), ctx.now)
        .map_err(Failure::new)?;
    pack.warning_lines().iter().for_each(|w| eprintln!("{w}"));
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
