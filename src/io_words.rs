//! A failed read or write in words a care manager can act on: one rule for every door (the
//! store, checklists, files named on the command line), so Windows' "file in use" reads the
//! same everywhere instead of as a bare "permission denied".

use std::io;

/// Windows' ERROR_SHARING_VIOLATION and ERROR_LOCK_VIOLATION: another program (Excel, a PDF
/// reader, a backup or antivirus scan) has the file open.
const WINDOWS_IN_USE: [i32; 2] = [32, 33];

/// Why the operation failed, without the path (callers put it first).
pub fn describe(error: &io::Error) -> String {
    if in_use_by_another_program(error) {
        return "in use by another program (close it there, for example in Excel or a PDF reader, and try again)".to_owned();
    }
    match error.kind() {
        io::ErrorKind::NotFound => "no such file".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        io::ErrorKind::StorageFull => {
            "the disk is full; nothing was saved, free some space and try again".to_owned()
        }
        io::ErrorKind::ReadOnlyFilesystem => "the disk is read-only; nothing was saved".to_owned(),
        // EFBIG: the file-size limit of the process or the file system.
        _ if cfg!(unix) && error.raw_os_error() == Some(27) => {
            "the file size limit was reached; nothing was saved".to_owned()
        }
        _ => error.to_string(),
    }
}

/// True when Windows refused because another program holds the file open. The codes are
/// Windows' own, so they are only read as such on Windows.
pub fn in_use_by_another_program(error: &io::Error) -> bool {
    cfg!(windows)
        && error
            .raw_os_error()
            .is_some_and(|c| WINDOWS_IN_USE.contains(&c))
}

/// A path as a person should see it: without the `\\?\` prefix Windows adds to long or
/// canonical paths (`\\?\C:\Users\…` is shown `C:\Users\…`, `\\?\UNC\server\share` as
/// `\\server\share`). Other platforms' paths are shown as they are.
pub fn shown(path: &std::path::Path) -> String {
    plain(&path.display().to_string()).into_owned()
}

fn plain(text: &str) -> std::borrow::Cow<'_, str> {
    if let Some(rest) = text.strip_prefix(r"\\?\UNC\") {
        return std::borrow::Cow::Owned(format!(r"\\{rest}"));
    }
    match text.strip_prefix(r"\\?\") {
        Some(rest) => std::borrow::Cow::Borrowed(rest),
        None => std::borrow::Cow::Borrowed(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_verbatim_prefix_is_never_shown() {
        assert_eq!(
            plain(r"\\?\C:\Users\Ann\report.pdf"),
            r"C:\Users\Ann\report.pdf"
        );
        assert_eq!(
            plain(r"\\?\UNC\server\share\x.pdf"),
            r"\\server\share\x.pdf"
        );
        assert_eq!(plain(r"C:\Users\Ann"), r"C:\Users\Ann");
        assert_eq!(plain("/home/ann/report.pdf"), "/home/ann/report.pdf");
    }

    #[test]
    fn a_sharing_violation_is_in_use_only_on_windows() {
        let sharing = io::Error::from_raw_os_error(32);
        assert_eq!(in_use_by_another_program(&sharing), cfg!(windows));
        if cfg!(windows) {
            assert!(describe(&sharing).starts_with("in use by another program"));
        }
        let denied = io::Error::from(io::ErrorKind::PermissionDenied);
        assert!(!in_use_by_another_program(&denied));
        assert_eq!(describe(&denied), "permission denied");
        assert_eq!(
            describe(&io::Error::from(io::ErrorKind::NotFound)),
            "no such file"
        );
    }
}
