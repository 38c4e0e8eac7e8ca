//! Loading checklists from TOML, with errors a checklist author can act on.

pub mod bundled;
mod decode;
pub mod diagnostic;
pub mod library;
pub mod parse;
pub mod plan_starter;
mod reader;

use std::fs::File;
use std::io::Read;
use std::path::Path;

pub use decode::MAX_CHECKLIST_BYTES;
pub use diagnostic::{Diagnostic, Position};
pub use library::{Entry, Library, Origin};

/// Reads a checklist file's bytes, refusing what is not a regular file and anything larger than
/// the format allows, without ever reading more than that limit into memory.
pub fn read_checklist_file(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    let origin = path.display().to_string();
    let fail = |message: String| Diagnostic::new(&origin, None, message);
    let metadata = std::fs::metadata(path).map_err(|e| fail(describe_io_error(&e)))?;
    if metadata.is_dir() {
        return Err(fail("is a folder, not a checklist file".to_owned()));
    }
    if !metadata.is_file() {
        return Err(fail("is not a regular file (a device or pipe?)".to_owned()));
    }
    let file = File::open(path).map_err(|e| fail(describe_io_error(&e)))?;
    let limit = u64::try_from(MAX_CHECKLIST_BYTES).unwrap_or(u64::MAX) + 1;
    let mut bytes = Vec::new();
    file.take(limit)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(describe_io_error(&e)))?;
    Ok(bytes)
}

/// An I/O error in words a care manager can act on.
pub fn describe_io_error(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::NotFound => "no such file".to_owned(),
        ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => error.to_string(),
    }
}
