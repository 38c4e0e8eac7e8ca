//! File operations that keep the user's data private and never leave a half-written file.
//!
//! Everything carecheck creates is readable by its owner only (on Unix; on Windows files inherit
//! the ACL of the user's profile folder, which is already private). Replacing a file goes
//! through a temporary file in the same folder: write, flush to disk, rename over the old one,
//! then flush the folder, so a crash or power cut at any instant leaves the old or the new file.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// Creates `dir` and any missing parents, each new one private to the owner.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// Options that create a file private to the owner.
fn private_options() -> OpenOptions {
    let mut options = OpenOptions::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
}

/// Opens a file for appending, creating it private if it does not exist.
pub fn open_append(path: &Path) -> io::Result<File> {
    private_options().create(true).append(true).open(path)
}

/// Opens (or creates, private) a file for reading and writing without truncating it.
pub fn open_read_write(path: &Path) -> io::Result<File> {
    private_options()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(path)
}

/// Replaces `path` with `bytes` atomically and durably.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    // A bare file name's parent is "", which cannot be opened to sync: it means ".".
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let temp = dir.join(format!(
        ".{name}.{}-{}.tmp",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let mut file = private_options().write(true).create_new(true).open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&temp, path)?;
        sync_dir(dir)
    })();
    if result.is_err() {
        // The old file is untouched; do not leave the partial new one behind.
        let _ = fs::remove_file(&temp);
    }
    result
}

/// Makes a rename or a new file in `dir` durable. Windows has no way to open a folder for
/// this, and NTFS journals renames itself, so it is a no-op there.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()?;
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
    }
    Ok(())
}

/// Removes temporary files left by a write that was interrupted (a crash between creating and
/// renaming one). They hold nothing that was ever acknowledged.
pub fn remove_stale_temp_files(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') && name.ends_with(".tmp") {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().expect("temp");
        let path = dir.path().join("a.json");
        write_atomic(&path, b"one").expect("first");
        write_atomic(&path, b"two").expect("second");
        assert_eq!(fs::read(&path).expect("read"), b"two");
        assert_eq!(fs::read_dir(dir.path()).expect("list").count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn created_files_and_folders_are_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp");
        let sub = dir.path().join("a/b");
        create_private_dir(&sub).expect("mkdir");
        write_atomic(&sub.join("f"), b"x").expect("write");
        open_append(&sub.join("j")).expect("append");
        for path in [
            dir.path().join("a"),
            sub.clone(),
            sub.join("f"),
            sub.join("j"),
        ] {
            let mode = fs::metadata(&path).expect("stat").permissions().mode() & 0o777;
            assert_eq!(mode & 0o077, 0, "{} is {mode:o}", path.display());
        }
    }
}
