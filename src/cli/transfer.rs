//! `carecheck bundle` and `carecheck unbundle`: carrying an assessment between computers.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::ExitCode;

use super::{CommandResult, Context, Failure};
use crate::bundle::{
    Bundle, MAX_BUNDLE_BYTES, MAX_BUNDLE_FILES, MAX_HEADER_BYTES, decode_header, encode_header,
    verify_file, without_notes,
};
use crate::domain::assessment::EvidenceSource;
use crate::evidence::read_recorded;
use crate::foreign_file::{self, Limit};
use crate::output::check_output;
use crate::seal;
use crate::store::fsutil::write_atomic_parts;
use crate::text::one_line;
use crate::workspace::Access;

#[derive(Debug, Clone, Copy)]
pub struct BundleOptions {
    pub with_evidence: bool,
    pub no_notes: bool,
    /// Protect it with a passphrase.
    pub encrypt: bool,
    /// Replace an existing file.
    pub force: bool,
}

pub fn bundle(
    ctx: &Context,
    query: Option<&str>,
    output: &Path,
    options: BundleOptions,
    out: &mut dyn Write,
) -> CommandResult {
    let id = ctx.workspace.store.resolve(query)?;
    check_output(output, ctx.workspace.store.data(), None, options.force)?;
    let mut files = ctx.workspace.store.assessment_files(&id)?;
    if options.no_notes {
        without_notes(&mut files).map_err(Failure::new)?;
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
                match read_recorded(&evidence.source) {
                    Ok(bytes) => files.push((relative, bytes)),
                    Err(other) => {
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
    if files.len() > MAX_BUNDLE_FILES {
        return Err(Failure::new(format!(
            "the bundle would hold {} files, more than the {MAX_BUNDLE_FILES} carecheck imports; leave out --with-evidence",
            files.len()
        )));
    }
    let header = encode_header(&id, &ctx.now.to_string(), !options.no_notes, &files);
    let total = header.len() as u64 + files.iter().map(|(_, b)| b.len() as u64).sum::<u64>();
    if total > MAX_BUNDLE_BYTES {
        return Err(Failure::new(format!(
            "the bundle would be larger than {}, the most carecheck imports; leave out --with-evidence",
            foreign_file::size(MAX_BUNDLE_BYTES)
        )));
    }
    let mut parts: Vec<&[u8]> = vec![&header];
    parts.extend(files.iter().map(|(_, b)| b.as_slice()));
    // Asked for before anything is written, and the plain bundle never touches the disk.
    let sealed = if options.encrypt {
        let passphrase = super::passphrase::get("Passphrase for the bundle: ", true)?;
        Some(seal::seal(&parts, &passphrase).map_err(|e| Failure::new(e.to_string()))?)
    } else {
        None
    };
    let written = match &sealed {
        Some(sealed) => write_atomic_parts(output, &[sealed]),
        None => write_atomic_parts(output, &parts),
    };
    written.map_err(|e| Failure::new(format!("{}: cannot write: {e}", output.display())))?;
    let evidence = files
        .iter()
        .filter(|(p, _)| p.starts_with("evidence/"))
        .count();
    let notes = match (options.no_notes, options.encrypt) {
        (true, false) => "notes left out",
        (false, false) => "notes included",
        (true, true) => "notes left out, protected with a passphrase",
        (false, true) => "notes included, protected with a passphrase",
    };
    writeln!(
        out,
        "Wrote {} ({} KB): assessment `{id}`, {} files with SHA-256 sums, {evidence} evidence file(s), {notes}.",
        one_line(&output.display().to_string()),
        total.div_ceil(1024),
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
    let bundle = read_bundle(file).map_err(|why| Failure::new(format!("{shown}: {why}")))?;
    let id = as_id.unwrap_or_else(|| bundle.manifest.assessment.clone());
    let Some(parsed) = crate::store::AssessmentId::parse(&id) else {
        return Err(Failure {
            message: format!("--as `{id}`: use lower-case letters, digits and hyphens"),
            code: 2,
        });
    };
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
    let loaded = match ctx.workspace.load_id(&id, Access::Read) {
        Ok(loaded) => loaded,
        Err(e) => {
            let _ = std::fs::remove_dir_all(ctx.workspace.store.data().assessment_dir(&parsed));
            return Err(Failure::new(format!(
                "{shown}: the bundle was verified but its assessment does not open: {e}; nothing was imported"
            )));
        }
    };
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
    if let Some(head) = &loaded.head {
        // The bundle names its head office by id alone, and that id was matched here: say
        // which local assessment now fills the site's gaps, so a wrong match is seen.
        writeln!(
            out,
            "It is a site of head office `{}` ({}), already in carecheck here: that assessment's answers fill the site's gaps. If it is not the same organisation, remove this import.",
            one_line(&head.id),
            one_line(&head.details.organisation)
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads and verifies a bundle: its header and manifest first (so a bundle over the limits is
/// refused without reading its files), then each file, checked as it is read.
fn read_bundle(path: &Path) -> Result<Bundle, String> {
    let limit = Limit {
        bytes: MAX_BUNDLE_BYTES,
        what: "a bundle",
    };
    let (file, len) = foreign_file::open(path, limit).map_err(|e| e.to_string())?;
    let mut reader = BufReader::new(file);
    if seal::is_sealed(reader.fill_buf().map_err(|e| e.to_string())?) {
        let mut sealed = Vec::new();
        reader.read_to_end(&mut sealed).map_err(|e| e.to_string())?;
        // Bounded before the passphrase is asked for: a file refused anyway does not ask.
        let sealed = seal::checked(&sealed)
            .map_err(|e| format!("cannot unlock it: {e}; nothing was imported"))?;
        let passphrase =
            super::passphrase::get("Passphrase for the bundle: ", false).map_err(|f| f.message)?;
        let plain = seal::open(&sealed, &passphrase, MAX_BUNDLE_BYTES)
            .map_err(|e| format!("cannot unlock it: {e}; nothing was imported"))?;
        let len = plain.len() as u64;
        return parse_bundle(&plain[..], len);
    }
    parse_bundle(reader, len)
}

/// Reads and verifies a plain bundle of `len` bytes from `reader`.
fn parse_bundle(mut reader: impl Read, len: u64) -> Result<Bundle, String> {
    let mut prefix = Vec::new();
    (&mut reader)
        .take(MAX_HEADER_BYTES as u64)
        .read_to_end(&mut prefix)
        .map_err(|e| e.to_string())?;
    let header = decode_header(&prefix, len).map_err(|e| e.to_string())?;
    let mut contents = Vec::with_capacity(header.manifest.files.len());
    let mut rest = prefix.get(header.len..).unwrap_or_default();
    for entry in &header.manifest.files {
        // The sizes add up to the file's real length (checked above), so this allocates no
        // more than the bundle holds.
        let size = usize::try_from(entry.size).map_err(|_| "a file in the bundle is too large")?;
        let mut content = vec![0u8; size];
        let from_prefix = size.min(rest.len());
        content[..from_prefix].copy_from_slice(&rest[..from_prefix]);
        rest = &rest[from_prefix..];
        reader
            .read_exact(&mut content[from_prefix..])
            .map_err(|_| format!("the bundle is cut short inside {}", entry.path))?;
        verify_file(entry, &content).map_err(|e| e.to_string())?;
        contents.push(content);
    }
    let mut extra = [0u8; 1];
    if !rest.is_empty() || reader.read(&mut extra).map_err(|e| e.to_string())? > 0 {
        return Err(crate::bundle::BundleError::ExtraBytes.to_string());
    }
    Ok(Bundle {
        manifest: header.manifest,
        contents,
    })
}
