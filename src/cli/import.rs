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
    let id = id.unwrap_or_else(|| id_from_name(catalog));
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
    let path = match output {
        Some(path) => path,
        None if is_bundled_id(&id) => {
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

/// "NIST_SP-800-53_rev5.0.1_catalog.json" becomes "nist-sp-800-53-rev5-0-1-catalog".
fn id_from_name(path: &Path) -> String {
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
        format!("oscal-{id}")
    }
}
