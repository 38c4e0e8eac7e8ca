//! `carecheck report`: the PDF evidence pack.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{CommandResult, Context, ExportFormat, Failure};
use crate::report::model::ReportModel;
use crate::report::{
    Pack, action_plan_pack, default_name, entry_sheet_pack, evidence_pack, gather_in,
};
use crate::store::fsutil::write_atomic;
use crate::text::one_line;
use crate::workspace::Access;

/// Builds the report model for an assessment, re-checking every evidence file now.
pub(crate) fn model(ctx: &Context, query: Option<&str>) -> Result<ReportModel, Failure> {
    let loaded = ctx.workspace.load(query, Access::Read)?;
    Ok(gather_in(&loaded, &ctx.workspace.library, ctx.now))
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
    let path =
        in_a_folder(output.unwrap_or_else(|| PathBuf::from(default_name(&model, suffix) + ".pdf")));
    refuse_to_clobber(&path)?;
    let Pack {
        bytes,
        pages,
        warnings,
    } = build(&model).map_err(Failure::new)?;
    for warning in &warnings {
        eprintln!("warning: {}", crate::text::multi_line(warning));
    }
    write_atomic(&path, &bytes)
        .map_err(|e| Failure::new(format!("{}: cannot write the report: {e}", path.display())))?;
    writeln!(
        out,
        "Wrote {} ({pages} pages, {} KB).",
        one_line(&path.display().to_string()),
        bytes.len().div_ceil(1024)
    )?;
    writeln!(out, "Assessment fingerprint: {}", model.fingerprint)?;
    writeln!(out, "Pack fingerprint: {}", model.pack_fingerprint)?;
    report_evidence_problems(&model)
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

/// A bare file name as `./name`: `write_atomic` syncs the file's parent folder, and a bare
/// name's parent is the empty path, which cannot be opened (so the report was written and
/// then reported as failed).
fn in_a_folder(path: PathBuf) -> PathBuf {
    if path.parent().is_some_and(|p| p.as_os_str().is_empty()) {
        Path::new(".").join(path)
    } else {
        path
    }
}

/// A report may replace an earlier report, but never another kind of file named by mistake.
pub(crate) fn refuse_to_clobber(path: &Path) -> Result<(), Failure> {
    let Ok(metadata) = std::fs::metadata(path) else {
        return Ok(());
    };
    if metadata.is_dir() {
        return Err(Failure::new(format!(
            "{}: is a folder; name a file to write",
            path.display()
        )));
    }
    let mut start = [0u8; 5];
    let is_pdf = std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut start))
        .is_ok()
        && &start == b"%PDF-";
    if !is_pdf {
        return Err(Failure::new(format!(
            "{}: already exists and is not a PDF; choose another name so it is not overwritten",
            path.display()
        )));
    }
    Ok(())
}

pub fn export(
    ctx: &Context,
    query: Option<&str>,
    format: ExportFormat,
    actions: bool,
    output: Option<&Path>,
    out: &mut dyn Write,
) -> CommandResult {
    use crate::report::export;
    let model = model(ctx, query)?;
    let (text, extension) = match (actions, format) {
        (true, _) => (export::actions_csv(&model), "csv"),
        (false, ExportFormat::Csv) => (export::items_csv(&model), "csv"),
        (false, ExportFormat::Json) => (export::json(&model), "json"),
        (false, ExportFormat::Md) => (export::markdown(&model), "md"),
        (false, ExportFormat::OscalAr) => (
            pretty(&crate::oscal::export::assessment_results(&model)),
            "json",
        ),
        (false, ExportFormat::OscalPoam) => match crate::oscal::export::poam(&model) {
            Some(poam) => (pretty(&poam), "json"),
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
            if path.exists() && path.extension().is_none_or(|e| e != extension) {
                return Err(Failure::new(format!(
                    "{}: already exists and is not a .{extension} file; choose another name so it is not overwritten",
                    path.display()
                )));
            }
            if path.is_dir() {
                return Err(Failure::new(format!(
                    "{}: is a folder; name a file to write",
                    path.display()
                )));
            }
            write_atomic(&in_a_folder(path.to_path_buf()), text.as_bytes())
                .map_err(|e| Failure::new(format!("{}: cannot write: {e}", path.display())))?;
            eprintln!("Wrote {}.", one_line(&path.display().to_string()));
        }
    }
    report_evidence_problems(&model)
}

fn pretty(value: &serde_json::Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default() + "\n"
}
