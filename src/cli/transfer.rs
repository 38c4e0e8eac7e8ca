//! `carecheck bundle` and `carecheck unbundle`: carrying an assessment between computers.

use std::io::{Read, Write};
use std::path::Path;
use std::process::ExitCode;

use super::{CommandResult, Context, Failure};
use crate::bundle::{MAX_BUNDLE_BYTES, decode, encode, without_notes};
use crate::domain::assessment::EvidenceSource;
use crate::evidence::{FileCheck, recheck};
use crate::store::fsutil::write_atomic;
use crate::text::one_line;
use crate::workspace::Access;

#[derive(Debug, Clone, Copy)]
pub struct BundleOptions {
    pub with_evidence: bool,
    pub no_notes: bool,
}

pub fn bundle(
    ctx: &Context,
    query: Option<&str>,
    output: &Path,
    options: BundleOptions,
    out: &mut dyn Write,
) -> CommandResult {
    let id = ctx.workspace.store.resolve(query)?;
    let mut files = ctx.workspace.store.assessment_files(&id)?;
    if options.no_notes {
        let (snapshot, journal) = without_notes(&files[0].1, &files[1].1).map_err(Failure::new)?;
        files[0].1 = snapshot;
        files[1].1 = journal;
    }
    let mut skipped = 0;
    if options.with_evidence {
        let open = ctx.workspace.store.open_read_only(&id)?;
        for answer in open.assessment.answers.values() {
            for evidence in &answer.evidence {
                let EvidenceSource::File { path, sha256, .. } = &evidence.source else {
                    continue;
                };
                let relative = format!("evidence/{sha256}");
                if files.iter().any(|(p, _)| *p == relative) {
                    continue;
                }
                // Only the file as it was recorded goes in; a changed or missing one is named.
                match recheck(&evidence.source, None) {
                    FileCheck::Unchanged => files.push((
                        relative,
                        std::fs::read(path).map_err(|e| Failure::new(format!("{path}: {e}")))?,
                    )),
                    other => {
                        skipped += 1;
                        eprintln!(
                            "warning: evidence {} is {}; it is not in the bundle",
                            one_line(path),
                            other.describe()
                        );
                    }
                }
            }
        }
    }
    if output.exists() {
        let mut start = [0u8; 16];
        let is_bundle = std::fs::File::open(output)
            .and_then(|mut f| f.read_exact(&mut start))
            .is_ok()
            && start.starts_with(b"carecheck-bundle");
        if !is_bundle {
            return Err(Failure::new(format!(
                "{}: already exists and is not a carecheck bundle; choose another name so it is not overwritten",
                output.display()
            )));
        }
    }
    let bytes = encode(&id, &ctx.now.to_string(), !options.no_notes, &files);
    write_atomic(output, &bytes)
        .map_err(|e| Failure::new(format!("{}: cannot write: {e}", output.display())))?;
    let evidence = files
        .iter()
        .filter(|(p, _)| p.starts_with("evidence/"))
        .count();
    let notes = if options.no_notes {
        "notes left out"
    } else {
        "notes included"
    };
    writeln!(
        out,
        "Wrote {} ({} KB): assessment `{id}`, {} files with SHA-256 sums, {evidence} evidence file(s), {notes}.",
        one_line(&output.display().to_string()),
        bytes.len().div_ceil(1024),
        files.len()
    )?;
    Ok(if skipped > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

pub fn unbundle(
    ctx: &Context,
    file: &Path,
    as_id: Option<String>,
    out: &mut dyn Write,
) -> CommandResult {
    let shown = file.display().to_string();
    let bytes = read_bounded(file).map_err(|why| Failure::new(format!("{shown}: {why}")))?;
    let bundle = decode(&bytes).map_err(|why| Failure::new(format!("{shown}: {why}")))?;
    let id = as_id.unwrap_or_else(|| bundle.manifest.assessment.clone());
    let valid = !id.is_empty()
        && id.len() <= 64
        && !id.starts_with('-')
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !valid {
        return Err(Failure {
            message: format!("--as `{id}`: use lower-case letters, digits and hyphens"),
            code: 2,
        });
    }
    let files: Vec<(String, Vec<u8>)> = bundle
        .manifest
        .files
        .iter()
        .map(|f| f.path.clone())
        .zip(bundle.contents)
        .collect();
    ctx.workspace
        .store
        .import_files(&id, &files)
        .map_err(|e| Failure::new(format!("{shown}: {e}")))?;
    // It must open here, with its checklists; if not, take it away again, whole.
    let opened = ctx.workspace.load_id(&id, Access::Read);
    if let Err(e) = opened {
        let _ = std::fs::remove_dir_all(ctx.workspace.store.data().assessments().join(&id));
        return Err(Failure::new(format!(
            "{shown}: the bundle was verified but its assessment does not open: {e}; nothing was imported"
        )));
    }
    let notes = if bundle.manifest.notes_included {
        ""
    } else {
        " Notes were left out of this bundle."
    };
    writeln!(
        out,
        "Imported assessment `{id}`: {} files, every SHA-256 checked.{notes}",
        files.len()
    )?;
    Ok(ExitCode::SUCCESS)
}

fn read_bounded(path: &Path) -> Result<Vec<u8>, String> {
    let metadata = std::fs::metadata(path).map_err(|e| crate::checklist::describe_io_error(&e))?;
    if !metadata.is_file() {
        return Err("is not a file".into());
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_BUNDLE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > MAX_BUNDLE_BYTES {
        return Err("is larger than 1 GiB, more than carecheck will read".into());
    }
    Ok(bytes)
}
