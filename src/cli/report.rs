//! `carecheck report`: the PDF evidence pack.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{CommandResult, Context, ExportFormat, Failure};
use crate::output::check_output;
use crate::report::manifest::DocumentKind;
use crate::report::model::ReportModel;
use crate::report::{Pack, action_plan_pack, default_name, entry_sheet_pack, evidence_pack};
use crate::store::fsutil::write_atomic;
use crate::text::one_line;
use crate::workspace::Access;

/// Builds the report model for an assessment, re-checking every evidence file now.
pub(crate) fn model(ctx: &Context, query: Option<&str>) -> Result<ReportModel, Failure> {
    let loaded = ctx.workspace.load(query, Access::Read)?;
    Ok(crate::report::gather_pack(&ctx.workspace, &loaded, ctx.now))
}

/// Which PDF `carecheck report` builds.
#[derive(Debug, Default, clap::Args)]
pub struct PackKind {
    /// Only the action plan, as a PDF of its own (to send with an Approaching Standards
    /// publication, or to the owners of the actions).
    #[arg(long, conflicts_with_all = ["entry_sheet", "all"])]
    pub action_plan: bool,
    /// A sheet for filling in the live DSPT: each item in the toolkit's order with the answer to
    /// give and the text to paste as its evidence.
    #[arg(long, conflicts_with = "all")]
    pub entry_sheet: bool,
    /// Add an appendix listing every change from the journal: who changed which answer when.
    #[arg(long, conflicts_with_all = ["action_plan", "entry_sheet", "all"])]
    pub history: bool,
}

pub fn pdf(
    ctx: &Context,
    query: Option<&str>,
    output: Option<PathBuf>,
    force: bool,
    kind: PackKind,
    out: &mut dyn Write,
) -> CommandResult {
    let mut model = model(ctx, query)?;
    if !kind.history {
        model.history.clear();
    }
    type Builder = fn(&ReportModel) -> Result<Pack, String>;
    let (suffix, build): (&str, Builder) = if kind.action_plan {
        ("action-plan", action_plan_pack)
    } else if kind.entry_sheet {
        ("entry-sheet", entry_sheet_pack)
    } else {
        ("evidence", evidence_pack)
    };
    let path = output.unwrap_or_else(|| PathBuf::from(default_name(&model, suffix) + ".pdf"));
    check_output(&path, ctx.workspace.store.data(), None, force)?;
    let pack = build(&model).map_err(Failure::new)?;
    pack.warning_lines().iter().for_each(|w| eprintln!("{w}"));
    let Pack { bytes, pages, .. } = pack;
    write_atomic(&path, &bytes)
        .map_err(|e| Failure::new(format!("{}: cannot write the report: {e}", path.display())))?;
    writeln!(
        out,
        "Wrote {} ({pages} pages, {} KB).",
        one_line(&path.display().to_string()),
        bytes.len().div_ceil(1024)
    )?;
    writeln!(out, "Assessment fingerprint: {}", model.fingerprint)?;
    if kind.action_plan || kind.entry_sheet {
        // Each document has its own fingerprint, the one `verify` prints (see manifest.rs).
        let doc = if kind.action_plan {
            DocumentKind::ActionPlan
        } else {
            DocumentKind::EntrySheet
        };
        let own = crate::report::manifest::for_model(doc, &model).document_fingerprint;
        writeln!(out, "Document fingerprint: {own}")?;
    } else {
        writeln!(out, "Pack fingerprint: {}", model.pack_fingerprint)?;
    }
    report_evidence_problems(&model)
}

/// Which paper of the continuity plan to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanPaper {
    IncidentCard,
    /// The incident card for the office wall (`--incident-card --large`).
    LargeCard,
    ContinuityPlan,
}

/// `carecheck report --incident-card` and `--continuity-plan`.
pub fn plan_pdf(
    ctx: &Context,
    query: Option<&str>,
    output: Option<PathBuf>,
    force: bool,
    paper: PlanPaper,
    out: &mut dyn Write,
) -> CommandResult {
    let loaded = ctx.workspace.load(query, Access::Read)?;
    let summary = loaded.summary(&ctx.workspace.library, ctx.today());
    let view = crate::continuity::view(&loaded, ctx.today())
        .map_err(Failure::new)?
        .with_answers(&summary);
    let (suffix, pack) = match paper {
        PlanPaper::IncidentCard => (
            "incident-card",
            crate::report::card::incident_card(&view, ctx.now),
        ),
        PlanPaper::LargeCard => (
            "incident-card-large",
            crate::report::card::incident_card_sized(
                &view,
                ctx.now,
                crate::report::card::CardSize::Large,
            ),
        ),
        PlanPaper::ContinuityPlan => (
            "continuity-plan",
            crate::report::plan::continuity_plan(&view, ctx.now),
        ),
    };
    let pack = pack.map_err(Failure::new)?;
    pack.warning_lines().iter().for_each(|w| eprintln!("{w}"));
    let Pack { bytes, pages, .. } = pack;
    let path = output.unwrap_or_else(|| {
        PathBuf::from(format!(
            "{}-{suffix}-{}.pdf",
            view.assessment_id,
            ctx.today()
        ))
    });
    check_output(&path, ctx.workspace.store.data(), None, force)?;
    write_atomic(&path, &bytes)
        .map_err(|e| Failure::new(format!("{}: cannot write: {e}", path.display())))?;
    writeln!(
        out,
        "Wrote {} ({pages} {}, {} KB).",
        one_line(&path.display().to_string()),
        if pages == 1 { "page" } else { "pages" },
        bytes.len().div_ceil(1024)
    )?;
    for line in view.overdue_reviews() {
        eprintln!(
            "warning: the national entry `{}` is past its review date; check it against its source",
            one_line(&line)
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Tells the user about every evidence file that changed or vanished; exits 1 if any did.
pub(crate) fn report_evidence_problems(model: &ReportModel) -> CommandResult {
    let mut problems = 0;
    for e in model.evidence_problems() {
        problems += 1;
        eprintln!(
            "warning: evidence E{} for {} ({}) is {}",
            e.number,
            e.item,
            one_line(e.source.describe()),
            e.check.describe()
        );
    }
    for e in model.evidence.iter().filter(|e| e.overdue) {
        eprintln!(
            "warning: evidence E{} for {} ({}) was due for review on {}",
            e.number,
            e.item,
            one_line(e.name()),
            e.review_by.map(|d| d.uk()).unwrap_or_default()
        );
    }
    if problems > 0 {
        eprintln!(
            "The report marks {problems} evidence file(s) as changed or missing; record them again with `carecheck answer ... --evidence`."
        );
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

pub fn export(
    ctx: &Context,
    query: Option<&str>,
    (format, actions): (ExportFormat, bool),
    output: Option<&Path>,
    force: bool,
    out: &mut dyn Write,
) -> CommandResult {
    use crate::report::export;
    if let Some(path) = output {
        check_output(path, ctx.workspace.store.data(), None, force)?;
    }
    let model = export_model(ctx, query, (format, actions))?;
    let text = match (actions, format) {
        (true, _) => export::actions_csv(&model),
        (false, ExportFormat::Csv) => export::items_csv(&model),
        (false, ExportFormat::Json) => export::json(&model),
        (false, ExportFormat::Md) => export::markdown(&model),
        (false, ExportFormat::OscalAr) => pretty(&crate::oscal::export::assessment_results(&model)),
        (false, ExportFormat::OscalPoam) => match crate::oscal::export::poam(&model) {
            Some(poam) => pretty(&poam),
            None => {
                return Err(Failure::new(
                    "there are no gaps (no item is answered partial or no), so there is no plan of action to export",
                ));
            }
        },
    };
    match output {
        None => out.write_all(text.as_bytes())?,
        Some(path) => {
            write_atomic(path, text.as_bytes())
                .map_err(|e| Failure::new(format!("{}: cannot write: {e}", path.display())))?;
            eprintln!("Wrote {}.", one_line(&path.display().to_string()));
        }
    }
    report_evidence_problems(&model)
}

/// The report model with only what the export prints (issue 23): the CSVs, Markdown and
/// assessment results need the answers, evidence and action plan; the plan of action adds the
/// risk register; only the JSON, which carries everything, adds the continuity plan and the
/// comparison with last year (the one export that opens last year's assessment).
fn export_model(
    ctx: &Context,
    query: Option<&str>,
    (format, actions): (ExportFormat, bool),
) -> Result<ReportModel, Failure> {
    use crate::report::Parts;
    let loaded = ctx.workspace.load(query, Access::Read)?;
    let library = &ctx.workspace.library;
    Ok(match (actions, format) {
        (false, ExportFormat::Json) => crate::report::gather_pack(&ctx.workspace, &loaded, ctx.now),
        (false, ExportFormat::OscalPoam) => {
            let parts = Parts {
                registers: true,
                ..Parts::ANSWERS
            };
            crate::report::gather_parts(&loaded, library, ctx.now, parts)
        }
        _ => crate::report::gather_parts(&loaded, library, ctx.now, Parts::ANSWERS),
    })
}

fn pretty(value: &serde_json::Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default() + "\n"
}
