//! Refusing what cannot be a checklist before the TOML parser sees it: files that are too
//! large, binary, not UTF-8 or empty.

use super::diagnostic::{Diagnostic, position_in_bytes};

/// Larger files are refused before parsing: the biggest real catalogue (NIST SP 800-53, 1,189
/// controls) is about 3 MB as a checklist, so this leaves ample room while bounding memory.
pub const MAX_CHECKLIST_BYTES: usize = 16 * 1024 * 1024;

/// Refuses what cannot be a checklist before the TOML parser sees it.
pub fn decode<'b>(origin: &str, bytes: &'b [u8]) -> Result<&'b str, Diagnostic> {
    if bytes.len() > MAX_CHECKLIST_BYTES {
        let mib = MAX_CHECKLIST_BYTES / (1024 * 1024);
        return Err(Diagnostic::new(
            origin,
            None,
            format!("file is larger than {mib} MiB, the most a checklist may be"),
        ));
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        let position = Some(position_in_bytes(bytes, offset));
        return Err(Diagnostic::new(
            origin,
            position,
            "this is a binary file, not a TOML checklist",
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let position = Some(position_in_bytes(bytes, e.valid_up_to()));
        Diagnostic::new(
            origin,
            position,
            "text is not UTF-8; save the file as UTF-8",
        )
    })?;
    // Editors on Windows may add a byte-order mark; it is not part of the TOML.
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Diagnostic::new(origin, None, "file is empty"));
    }
    Ok(text)
}
