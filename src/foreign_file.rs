//! Opening a file carecheck did not write: evidence, OSCAL catalogs, bundles, user checklists.
//!
//! Such a path may name anything: a device that never ends (`/dev/zero`), a FIFO that blocks
//! for ever when opened, a folder, a link to any of these, or a file far too large. Every such
//! file is opened here and nowhere else, so the same rules hold at every door:
//!
//! - it is opened non-blocking (`O_NONBLOCK` on Unix), so opening a FIFO returns at once;
//! - what was opened is checked *on the handle* to be a regular file, so a path swapped for a
//!   device between a check and the open cannot slip through;
//! - it is read with a size limit, named in the message when exceeded.

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

use thiserror::Error;

/// How much carecheck reads of one kind of foreign file, and what to call that kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub bytes: u64,
    /// "an OSCAL catalog", "a bundle": completes "the most carecheck reads for ...".
    pub what: &'static str,
}

/// Why a foreign file was refused. The message does not repeat the path: callers put it first.
#[derive(Debug, Error)]
pub enum ForeignError {
    #[error("no such file")]
    NotFound,
    #[error("permission denied")]
    PermissionDenied,
    #[error("is a folder, not a file")]
    Folder,
    #[error(
        "is not a regular file (a device, pipe or socket); carecheck reads only ordinary files"
    )]
    NotRegular,
    #[error("is larger than {}, the most carecheck reads for {}", size(limit.bytes), limit.what)]
    TooLarge { limit: Limit },
    #[error("is a link; carecheck does not follow links here")]
    Link,
    #[error("{}", crate::io_words::describe(.0))]
    Io(io::Error),
}

impl From<io::Error> for ForeignError {
    fn from(error: io::Error) -> ForeignError {
        match error.kind() {
            _ if crate::io_words::in_use_by_another_program(&error) => ForeignError::Io(error),
            io::ErrorKind::NotFound => ForeignError::NotFound,
            io::ErrorKind::PermissionDenied => ForeignError::PermissionDenied,
            io::ErrorKind::IsADirectory => ForeignError::Folder,
            _ => ForeignError::Io(error),
        }
    }
}

/// A size in the units people read: "64 MiB", "1 GiB", "32 KiB".
pub fn size(bytes: u64) -> String {
    const KIB: u64 = 1024;
    match bytes {
        b if b >= KIB * KIB * KIB && b.is_multiple_of(KIB * KIB * KIB) => {
            format!("{} GiB", b >> 30)
        }
        b if b >= KIB * KIB && b.is_multiple_of(KIB * KIB) => format!("{} MiB", b >> 20),
        b if b >= KIB && b.is_multiple_of(KIB) => format!("{} KiB", b >> 10),
        b => format!("{b} bytes"),
    }
}

/// Opens a foreign file for reading: never blocks, and refuses anything but a regular file no
/// larger than `limit`. Returns the file and its size when opened.
pub fn open(path: &Path, limit: Limit) -> Result<(File, u64), ForeignError> {
    open_with(path, limit, false)
}

/// [`open`], but a symbolic link is refused ([`ForeignError::Link`]) rather than followed: for
/// a folder of files someone else gathered (`verify --evidence`), where a link could point
/// anywhere on this computer.
pub fn open_not_link(path: &Path, limit: Limit) -> Result<(File, u64), ForeignError> {
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(ForeignError::Link);
    }
    open_with(path, limit, true)
}

fn open_with(path: &Path, limit: Limit, not_link: bool) -> Result<(File, u64), ForeignError> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting for
        // ever. O_NOCTTY: a terminal device never becomes our controlling terminal. Reads
        // from a regular file are unaffected by either. O_NOFOLLOW: a link swapped in after
        // the check above fails to open.
        let no_follow = if not_link { libc::O_NOFOLLOW } else { 0 };
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY | no_follow);
    }
    #[cfg(not(unix))]
    let _ = not_link;
    let file = options.open(path)?;
    let metadata = file.metadata()?;
    if metadata.is_dir() {
        return Err(ForeignError::Folder);
    }
    if !metadata.is_file() {
        return Err(ForeignError::NotRegular);
    }
    if metadata.len() > limit.bytes {
        return Err(ForeignError::TooLarge { limit });
    }
    Ok((file, metadata.len()))
}

/// Reads a whole foreign file, never more than `limit` bytes into memory (even if the file
/// grows while it is read).
pub fn read(path: &Path, limit: Limit) -> Result<Vec<u8>, ForeignError> {
    let (file, len) = open(path, limit)?;
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(limit.bytes + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit.bytes {
        return Err(ForeignError::TooLarge { limit });
    }
    Ok(bytes)
}

/// A reader over a foreign file that fails, rather than reading on, past `limit` bytes.
pub fn bounded_reader(file: File, limit: Limit) -> impl Read {
    Bounded {
        inner: file.take(limit.bytes + 1),
        read: 0,
        limit,
    }
}

struct Bounded {
    inner: io::Take<File>,
    read: u64,
    limit: Limit,
}

impl Read for Bounded {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        if self.read > self.limit.bytes {
            return Err(io::Error::other(ForeignError::TooLarge {
                limit: self.limit,
            }));
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: Limit = Limit {
        bytes: 8,
        what: "a test file",
    };

    #[test]
    fn regular_files_within_the_limit_are_read() {
        let dir = tempfile::tempdir().expect("temp");
        let path = dir.path().join("f");
        std::fs::write(&path, b"12345678").expect("write");
        assert_eq!(read(&path, SMALL).expect("read"), b"12345678");
        std::fs::write(&path, b"123456789").expect("write");
        let err = read(&path, SMALL).expect_err("too large");
        assert_eq!(
            err.to_string(),
            "is larger than 8 bytes, the most carecheck reads for a test file"
        );
        assert!(matches!(read(dir.path(), SMALL), Err(ForeignError::Folder)));
        assert!(matches!(
            read(&dir.path().join("nope"), SMALL),
            Err(ForeignError::NotFound)
        ));
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_fifos_are_refused_without_blocking() {
        assert!(matches!(
            read(Path::new("/dev/zero"), SMALL),
            Err(ForeignError::NotRegular)
        ));
        let dir = tempfile::tempdir().expect("temp");
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo runs");
        assert!(made.success());
        // With no writer, a blocking open would wait for ever.
        assert!(matches!(read(&fifo, SMALL), Err(ForeignError::NotRegular)));
        let link = dir.path().join("link");
        std::os::unix::fs::symlink("/dev/zero", &link).expect("symlink");
        assert!(matches!(read(&link, SMALL), Err(ForeignError::NotRegular)));
    }

    #[test]
    fn sizes_are_named_in_people_units() {
        assert_eq!(size(64 * 1024 * 1024), "64 MiB");
        assert_eq!(size(1024 * 1024 * 1024), "1 GiB");
        assert_eq!(size(32 * 1024), "32 KiB");
        assert_eq!(size(1000), "1000 bytes");
    }
}
