//! Loading checklists from TOML, with errors a checklist author can act on.

pub mod bundled;
mod decode;
pub mod diagnostic;
pub mod library;
pub mod parse;
pub mod plan_starter;
mod reader;
pub mod register_starter;

use std::path::Path;

use crate::foreign_file::{self, Limit};

pub use decode::MAX_CHECKLIST_BYTES;
pub use diagnostic::{Diagnostic, Position};
pub use library::{Entry, Library, Origin};

/// Reads a checklist file's bytes, refusing what is not a regular file and anything larger than
/// the format allows, without ever reading more than that limit into memory.
pub fn read_checklist_file(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    let limit = Limit {
        bytes: u64::try_from(MAX_CHECKLIST_BYTES).unwrap_or(u64::MAX),
        what: "a checklist",
    };
    foreign_file::read(path, limit)
        .map_err(|e| Diagnostic::new(&path.display().to_string(), None, e.to_string()))
}

/// An I/O error in words a care manager can act on.
pub fn describe_io_error(error: &std::io::Error) -> String {
    crate::io_words::describe(error)
}
