//! `carecheck import oscal`: an OSCAL catalog as a carecheck checklist.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{CommandResult, Failure};
use crate::checklist::bundled::BUNDLED;
use crate::domain::checklist::is_checklist_id;
use crate::foreign_file::{self, Limit};
use crate::oscal::import::{ImportOptions, import};
use crate::output::check_output;
use crate::store::DataDir;
use crate::store::fsutil::{create_private_dir, write_atomic};
use crate::text::one_line;

/// The largest catalog carecheck reads; the full NIST SP 800-53 catalog is about 4 MB.
const MAX_CATALOG: Limit = Limit {
    bytes: 64 * 1024 * 1024,
    what: "an OSCAL catalog",
};

pub fn oscal(
    data_dir: &DataDir,
    catalog: &Path,
    output: Option<PathBuf>,
    (id, source_url): (Option<String>, Option<String>),
    force: bool,
    out: &mut dyn Write,
) -> CommandResult {
    let shown = catalog.display().to_string();
    let json = read_catalog(catalog).map_err(|why| Failure::new(format!("{shown}: {why}")))?;
    let id = id.unwrap_or_else(|| id_from_name(catalog, "oscal"));
    if !is_checklist_id(&id) {
        return Err(Failure {
            message: format!(
                "--id `{id}` must be lower-case letters, digits and single hyphens, starting with a letter"
            ),
            code: 2,
        });
    }
    let (toml, stats) = import(
        &json,
        &ImportOptions {
            id: id.clone(),
            source_url,
        },
    )
    .map_err(|why| Failure::new(why.located(&shown)))?;
    // The same destination rule as `import table`: never a bundled id, never over a file.
    let path = destination(data_dir, output, &id, force)?;
    write_atomic(&path, toml.as_bytes())
        .map_err(|e| Failure::new(format!("{}: cannot write: {e}", path.display())))?;
    writeln!(out, "{}", stats.describe(&id))?;
    writeln!(out, "Wrote {}", one_line(&path.display().to_string()))?;
    if path.starts_with(data_dir.checklists()) {
        writeln!(
            out,
            "Start an assessment with it: carecheck new --org NAME --checklist {id}"
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Bundled checklists are named by their ids (a test in `tests/` holds them to it), so this
/// needs no parsing.
fn is_bundled_id(id: &str) -> bool {
    BUNDLED
        .iter()
        .any(|(name, _)| name.strip_suffix(".toml") == Some(id))
}

fn read_catalog(path: &Path) -> Result<Vec<u8>, String> {
    foreign_file::read(path, MAX_CATALOG).map_err(|e| e.to_string())
}

/// "NIST_SP-800-53_rev5.0.1_catalog.json" becomes "nist-sp-800-53-rev5-0-1-catalog"; a name
/// that does not start with a letter gets `prefix` and a hyphen in front.
fn id_from_name(path: &Path, prefix: &str) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let mut id = String::new();
    for c in stem.chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c);
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    let id: String = id.trim_end_matches('-').chars().take(60).collect();
    let id = id.trim_end_matches('-').to_owned();
    if id.starts_with(|c: char| c.is_ascii_lowercase()) {
        id
    } else {
        format!("{prefix}-{id}")
    }
}

/// The largest spreadsheet carecheck reads; the DSPT's full list is well under 1 MB.
const MAX_TABLE: Limit = Limit {
    bytes: 32 * 1024 * 1024,
    what: "a spreadsheet",
};

/// `carecheck import table`: a published control list (CSV or XLSX) as a checklist.
#[derive(Debug, clap::Args)]
pub struct TableArgs {
    /// The spreadsheet: .xlsx or .csv (UTF-8).
    pub file: PathBuf,
    /// Where to write the checklist (.toml). Default: your checklists folder.
    #[arg(short = 'o', long = "output", value_name = "FILE.toml")]
    pub output: Option<PathBuf>,
    /// Replace FILE if it already exists (carecheck never does otherwise).
    #[arg(long)]
    pub force: bool,
    /// Known headers for a list: `dspt` (NHS England's DSPT evidence items; needs --category).
    #[arg(long, value_enum, requires = "category")]
    pub preset: Option<TablePreset>,
    /// With --preset dspt: the organisation category whose mandatory items make Standards Met
    /// (social care is 3).
    #[arg(long, value_name = "N", requires = "preset", value_parser = clap::value_parser!(u8).range(1..=9))]
    pub category: Option<u8>,
    /// The sheet to read (default: the first). XLSX only.
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// The header of the column holding each item's id.
    #[arg(long, value_name = "HEADER")]
    pub id_column: Option<String>,
    /// The header of the column holding each item's question (the official text).
    #[arg(long, value_name = "HEADER")]
    pub question_column: Option<String>,
    /// The header of a column of short titles.
    #[arg(long, value_name = "HEADER")]
    pub title_column: Option<String>,
    /// The header of a column of guidance.
    #[arg(long, value_name = "HEADER")]
    pub guidance_column: Option<String>,
    /// The header of a column naming each item's section.
    #[arg(long, value_name = "HEADER")]
    pub section_column: Option<String>,
    /// ID=COLUMN[:VALUE]: an item counts towards level ID when COLUMN holds VALUE (default: any
    /// of yes, y, mandatory, x; case ignored). Repeat for several levels.
    #[arg(long = "level", value_name = "ID=COLUMN[:VALUE]")]
    pub levels: Vec<String>,
    /// Keep this checklist's plain-English titles, guidance, evidence notes, links and answer
    /// kinds for every item with the same id (e.g. dspt-social-care).
    #[arg(long, value_name = "CHECKLIST")]
    pub merge_with: Option<String>,
    /// The checklist's id (default: from the file name).
    #[arg(long)]
    pub id: Option<String>,
    /// The checklist's title (default: from the file name).
    #[arg(long)]
    pub title: Option<String>,
    /// Which edition of the list this is, e.g. "2026-27 (version 9)".
    #[arg(long)]
    pub edition: Option<String>,
    /// Where the list is published (https://...). Default: the merged checklist's, or the
    /// DSPT's with --preset dspt.
    #[arg(long, value_name = "URL")]
    pub source_url: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TablePreset {
    /// NHS England's DSPT evidence-item list.
    Dspt,
}

pub fn table(data_dir: &DataDir, args: &TableArgs, out: &mut dyn Write) -> CommandResult {
    let shown = args.file.display().to_string();
    let (library, _) = super::load_library(data_dir);
    let merge_with = match &args.merge_with {
        Some(id) => Some(&library.get(id).ok_or_else(|| Failure {
            message: format!(
                "--merge-with: no checklist has the id `{id}` (`carecheck checklists` lists them)"
            ),
            code: 2,
        })?.checklist),
        None => None,
    };
    let options = table_options(args, merge_with)?;
    let grid = read_table(&args.file, args.sheet.as_deref())
        .map_err(|why| Failure::new(format!("{shown}: {why}")))?;
    let (toml, stats) = crate::table_import::import(&grid, &options)
        .map_err(|why| Failure::new(format!("{shown}: {why}")))?;
    let path = destination(data_dir, args.output.clone(), &options.id, args.force)?;
    validated(&path, &toml, &library)?;
    write_atomic(&path, toml.as_bytes())
        .map_err(|e| Failure::new(format!("{}: cannot write: {e}", path.display())))?;
    report_table(&options, &stats, &path, data_dir, out)
}

/// The checklist's facts from the options, the merged checklist and the preset.
fn table_options<'l>(
    args: &TableArgs,
    merge_with: Option<&'l crate::domain::checklist::Checklist>,
) -> Result<crate::table_import::Options<'l>, Failure> {
    use crate::table_import::columns::{LevelRule, Wanted};
    let usage = |message: String| Failure { message, code: 2 };
    let id = args
        .id
        .clone()
        .unwrap_or_else(|| id_from_name(&args.file, "imported"));
    if !is_checklist_id(&id) {
        return Err(usage(format!(
            "--id `{id}` must be lower-case letters, digits and single hyphens, starting with a letter"
        )));
    }
    let levels = args
        .levels
        .iter()
        .map(|l| LevelRule::parse(l))
        .collect::<Result<Vec<_>, _>>()
        .map_err(usage)?;
    let dspt = args.preset == Some(TablePreset::Dspt);
    let source_url = args
        .source_url
        .clone()
        .or_else(|| merge_with.map(|m| m.source_url.clone()))
        .or_else(|| dspt.then(|| "https://www.dsptoolkit.nhs.uk/".to_owned()))
        .ok_or_else(|| {
            usage("--source-url: say where the list is published (https://...)".to_owned())
        })?;
    if !(source_url.starts_with("https://") || source_url.starts_with("http://")) {
        return Err(usage(format!(
            "--source-url `{source_url}` must be a web address starting with https://"
        )));
    }
    let file_name = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = args
        .file
        .file_stem()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // A title that says what the list is, not what its file was called.
    let title = match (&args.title, merge_with) {
        (Some(title), _) => title.clone(),
        (None, Some(merged)) => format!(
            "{}, {}",
            merged.title,
            args.edition.as_deref().unwrap_or("imported list")
        ),
        (None, None) if dspt => "Data Security and Protection Toolkit (imported list)".to_owned(),
        (None, None) => stem,
    };
    Ok(crate::table_import::Options {
        title,
        edition: args
            .edition
            .clone()
            .unwrap_or_else(|| format!("as imported on {}", crate::clock::now().date())),
        publisher: if dspt {
            "NHS England"
        } else {
            "the list's publisher"
        }
        .to_owned(),
        id,
        source_url,
        file_name,
        wanted: Wanted {
            id: args.id_column.clone(),
            question: args.question_column.clone(),
            title: args.title_column.clone(),
            guidance: args.guidance_column.clone(),
            section: args.section_column.clone(),
            levels,
            dspt_category: if dspt { args.category } else { None },
        },
        merge_with,
    })
}

/// Reads the spreadsheet through the one safe open, by its extension.
fn read_table(path: &Path, sheet: Option<&str>) -> Result<crate::table_import::grid::Grid, String> {
    use crate::table_import::grid::{self, Sheet};
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let read = || foreign_file::read(path, MAX_TABLE).map_err(|e| e.to_string());
    match extension.as_str() {
        "xlsx" | "xlsm" => grid::xlsx(
            &read()?,
            &sheet.map_or(Sheet::First, Sheet::Named),
        ),
        "csv" if sheet.is_some() => Err("--sheet is for XLSX workbooks; a CSV file has one sheet".to_owned()),
        "csv" => grid::csv(&read()?),
        _ => Err("carecheck imports .xlsx and .csv files; save the list as one of those (an older .xls: save it as .xlsx)".to_owned()),
    }
}

/// Where the checklist goes: -o through the one output rule, or the user's checklists folder.
fn destination(
    data_dir: &DataDir,
    output: Option<PathBuf>,
    id: &str,
    force: bool,
) -> Result<PathBuf, Failure> {
    let path = match output {
        Some(path) => path,
        None if is_bundled_id(id) => {
            return Err(Failure {
                message: format!(
                    "--id `{id}` is the id of a checklist built into carecheck; choose another --id"
                ),
                code: 2,
            });
        }
        None => {
            let dir = data_dir.checklists();
            create_private_dir(&dir)
                .map_err(|e| Failure::new(format!("{}: {e}", dir.display())))?;
            dir.join(format!("{id}.toml"))
        }
    };
    check_output(&path, data_dir, Some(&data_dir.checklists()), force).map_err(|e| match e {
        crate::output::OutputError::Exists(path) => Failure::new(format!(
            "{path}: already exists; carecheck never replaces a file unless you add --force, or choose another --id"
        )),
        other => other.into(),
    })?;
    Ok(path)
}

/// Runs carecheck's checklist validator on what is about to be written, links resolved
/// against the checklists carecheck knows; nothing is written when it finds a problem.
fn validated(path: &Path, toml: &str, library: &crate::checklist::Library) -> Result<(), Failure> {
    use crate::checklist::{Library, Origin, library::candidate};
    let problems = match candidate(Origin::File(path.to_path_buf()), toml.as_bytes()) {
        Ok(c) => Library::assemble(vec![c], library).1,
        Err(problems) => problems,
    };
    if problems.is_empty() {
        return Ok(());
    }
    let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
    Err(Failure::new(format!(
        "the imported checklist did not pass carecheck's validator, so nothing was written:\n{}",
        lines.join("\n")
    )))
}

fn report_table(
    options: &crate::table_import::Options<'_>,
    stats: &crate::table_import::Stats,
    path: &Path,
    data_dir: &DataDir,
    out: &mut dyn Write,
) -> CommandResult {
    let id = &options.id;
    writeln!(
        out,
        "Imported {} in {} as checklist `{id}`.",
        crate::text::count(stats.items, "item", "items"),
        crate::text::count(stats.sections, "section", "sections"),
    )?;
    for (level, count) in &stats.levels {
        writeln!(
            out,
            "Level {}: {}",
            one_line(level),
            crate::text::count(*count, "item", "items")
        )?;
    }
    if let Some(merge) = options.merge_with {
        writeln!(
            out,
            "Kept carecheck's help from `{}` for {}.",
            one_line(&merge.id),
            crate::text::count(stats.merged, "item", "items")
        )?;
        if !stats.not_in_sheet.is_empty() {
            writeln!(
                out,
                "Not in the list (carecheck's `{}` has them): {}",
                one_line(&merge.id),
                one_line(&stats.not_in_sheet.join(", "))
            )?;
        }
    }
    writeln!(out, "Wrote {}", one_line(&path.display().to_string()))?;
    if path.starts_with(data_dir.checklists()) {
        let answers_from = options
            .merge_with
            .map(|m| format!(" --answers-from {}", m.id))
            .unwrap_or_default();
        writeln!(
            out,
            "Use it: carecheck checklists add {id}{answers_from} (or carecheck new --org NAME --checklist {id})"
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
