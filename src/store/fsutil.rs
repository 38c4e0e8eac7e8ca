//! File operations that keep the user's data private and never leave a half-written file.
//!
//! Everything carecheck creates is readable by its owner only (on Unix; on Windows files inherit
//! the ACL of the user's profile folder, which is already private). Replacing a file goes
//! through a temporary file in the same folder: write, flush to disk, rename over the old one,
//! then flush the folder, so a crash or power cut at any instant leaves the old or the new file.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// Creates `dir` and any missing parents, each new one private to the owner.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    private_dir_builder().recursive(true).create(dir)
}

/// Creates `dir` private to the owner, failing with `AlreadyExists` if it is there: creating
/// a folder is atomic, so this is how two processes agree which of them took a name.
pub fn create_new_private_dir(dir: &Path) -> io::Result<()> {
    private_dir_builder().create(dir)
}

fn private_dir_builder() -> fs::DirBuilder {
    let builder = fs::DirBuilder::new();
    #[cfg(unix)]
    let builder = {
        use std::os::unix::fs::DirBuilderExt;
        let mut builder = builder;
        builder.mode(0o700);
        builder
    };
    builder
}

/// Options for a file of our own: created private to the owner, and never through a symbolic
/// link (`O_NOFOLLOW`), so a link planted in the data folder cannot redirect a write or a read
/// to another file. Windows has no such flag; [`refuse_link`] checks first there.
fn own_options() -> OpenOptions {
    let options = OpenOptions::new();
    #[cfg(unix)]
    let options = {
        use std::os::unix::fs::OpenOptionsExt;
        let mut options = options;
        options.mode(0o600);
        // O_NONBLOCK too: a FIFO planted in our place must not block the open.
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
        options
    };
    options
}

/// Opens one of our own files with `options`, refusing a symbolic link or anything but a
/// regular file in its place with [`NotOurs`] (an error of kind `InvalidData`).
fn open_own(path: &Path, options: &OpenOptions) -> io::Result<File> {
    refuse_link(path)?;
    let file = options.open(path).map_err(|e| link_refused(path, e))?;
    if !file.metadata()?.is_file() {
        return Err(not_ours(path));
    }
    Ok(file)
}

/// `O_NOFOLLOW` on a link fails with ELOOP (EMLINK on FreeBSD): that is a link in our place.
#[cfg(unix)]
fn link_refused(path: &Path, error: io::Error) -> io::Error {
    if matches!(error.raw_os_error(), Some(libc::ELOOP | libc::EMLINK)) {
        not_ours(path)
    } else {
        error
    }
}

/// Without `O_NOFOLLOW` a link was refused before opening; an error is as the system gave it.
#[cfg(not(unix))]
fn link_refused(_: &Path, error: io::Error) -> io::Error {
    error
}

/// Where `O_NOFOLLOW` does not exist, a link is refused before opening (a race remains there,
/// which Windows' own permissions on the profile folder cover).
#[cfg(not(unix))]
fn refuse_link(path: &Path) -> io::Result<()> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => Err(not_ours(path)),
        _ => Ok(()),
    }
}

#[cfg(unix)]
fn refuse_link(_: &Path) -> io::Result<()> {
    Ok(())
}

/// Something other than a file carecheck wrote sits where one of its files belongs.
#[derive(Debug, thiserror::Error)]
#[error(
    "is a symbolic link or not a regular file; carecheck never follows links or opens devices inside its data folder. Nothing was read or written: remove it, or move it aside and restore the file"
)]
pub struct NotOurs;

fn not_ours(_: &Path) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, NotOurs)
}

/// Opens a file for appending, creating it private if it does not exist.
pub fn open_append(path: &Path) -> io::Result<File> {
    open_own(path, own_options().create(true).append(true))
}

/// Opens (or creates, private) a file for reading and writing without truncating it.
pub fn open_read_write(path: &Path) -> io::Result<File> {
    open_own(
        path,
        own_options()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true),
    )
}

/// Opens one of our own files for reading.
pub fn open_read(path: &Path) -> io::Result<File> {
    open_own(path, own_options().read(true))
}

/// Reads one of our own files whole, refusing one larger than `limit` bytes without reading
/// more than that into memory. `Ok(None)` when it is larger.
pub fn read_own(path: &Path, limit: u64) -> io::Result<Option<Vec<u8>>> {
    let file = open_read(path)?;
    let mut bytes = Vec::new();
    file.take(limit + 1).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

/// The folder a file is written into: its parent, or the current folder for a bare name such
/// as `out.csv` (whose parent is the empty path, which cannot be opened).
pub fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// Replaces `path` with `bytes` atomically and durably.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_parts(path, &[bytes])
}

/// Replaces `path` with `parts`, one after another, atomically and durably, without first
/// joining them in memory.
pub fn write_atomic_parts(path: &Path, parts: &[&[u8]]) -> io::Result<()> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = parent_dir(path);
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let temp = dir.join(format!(
        ".{name}.{}-{}.tmp",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let mut file = own_options().write(true).create_new(true).open(&temp)?;
        for part in parts {
            file.write_all(part)?;
        }
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

/// Writes a new file (which must not exist yet) and flushes its data to disk. For filling a
/// hidden staging folder that is renamed into place whole: the folder, not each file, is what
/// appears atomically, so the file needs no temporary name of its own. The caller syncs the
/// folder once all its files are written.
pub fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = open_own(path, own_options().write(true).create_new(true))?;
    file.write_all(bytes)?;
    file.sync_data()
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

/// How long a staging folder is left alone after it last changed. A creation makes its folder
/// a moment before it takes the folder's lock; without this, a second carecheck starting in
/// that moment took the lock first and removed the folder being filled (seen as "no such
/// file" in concurrent renews).
const STAGING_GRACE: std::time::Duration = std::time::Duration::from_secs(60);

/// Removes hidden staging folders (`.new-…`, `.import-…`) left in `root` by a creation or
/// import that was interrupted. Each holds its `lock` while it is being filled, so a folder
/// whose lock can be taken, and that has not changed for [`STAGING_GRACE`], belongs to no
/// running carecheck and holds nothing acknowledged.
pub fn remove_stale_staging_dirs(root: &Path) {
    remove_staging_dirs_older_than(root, STAGING_GRACE);
}

fn remove_staging_dirs_older_than(root: &Path, grace: std::time::Duration) {
    let Ok(entries) = fs::read_dir(root) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let staging = name.starts_with(".new-") || name.starts_with(".import-");
        if !staging || !entry.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let changed = entry.metadata().and_then(|m| m.modified());
        // A clock set back makes the age unknown: then the folder is kept, as a fresh one is.
        let settled = changed.is_ok_and(|t| t.elapsed().is_ok_and(|age| age >= grace));
        if !settled {
            continue;
        }
        let path = entry.path();
        if let Ok(lock) = super::lock::AssessmentLock::acquire(&path, &name) {
            let _ = fs::remove_dir_all(&path);
            drop(lock);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The race behind "no such file" in concurrent renews: a staging folder made a moment
    /// ago, whose lock its maker has not taken yet, is another carecheck's work in progress.
    #[test]
    fn a_staging_folder_is_removed_only_once_it_has_settled_and_nobody_holds_it() {
        let root = tempfile::tempdir().expect("temp dir");
        let fresh = root.path().join(".new-oak-care-1");
        create_private_dir(&fresh.join("checklists")).expect("mkdir");
        remove_stale_staging_dirs(root.path());
        assert!(fresh.exists(), "a folder still being made was removed");

        let held = root.path().join(".import-oak-care-2");
        create_private_dir(&held).expect("mkdir");
        let lock = super::super::lock::AssessmentLock::acquire(&held, "oak-care-2").expect("lock");
        remove_staging_dirs_older_than(root.path(), std::time::Duration::ZERO);
        assert!(held.exists(), "a folder whose lock is held was removed");
        assert!(!fresh.exists(), "a settled folder nobody holds was kept");
        drop(lock);

        let other = root.path().join("oak-care-3");
        create_private_dir(&other).expect("mkdir");
        remove_staging_dirs_older_than(root.path(), std::time::Duration::ZERO);
        assert!(
            !held.exists(),
            "a settled, released staging folder was kept"
        );
        assert!(
            other.exists(),
            "an assessment's own folder is never a staging folder"
        );
    }

    /// Finding 6: `report -o pack.pdf` wrote the file, then failed to sync its folder, the
    /// empty path.
    #[test]
    fn a_bare_file_name_is_written_in_the_current_folder() {
        assert_eq!(parent_dir(Path::new("out.csv")), Path::new("."));
        assert_eq!(parent_dir(Path::new("a/out.csv")), Path::new("a"));
        assert_eq!(parent_dir(Path::new("/out.csv")), Path::new("/"));
    }

    /// Finding 3: a `lock` or journal replaced by a link to another file had that file
    /// truncated or appended to.
    #[cfg(unix)]
    #[test]
    fn our_files_are_never_opened_through_a_link() {
        let dir = tempfile::tempdir().expect("temp");
        let victim = dir.path().join("victim");
        fs::write(&victim, b"precious").expect("write");
        let link = dir.path().join("lock");
        std::os::unix::fs::symlink(&victim, &link).expect("symlink");
        for result in [open_append(&link), open_read_write(&link), open_read(&link)] {
            let err = result.expect_err("refused");
            assert!(err.to_string().contains("symbolic link"), "{err}");
        }
        let dangling = dir.path().join("journal.jsonl");
        std::os::unix::fs::symlink(dir.path().join("new-file"), &dangling).expect("symlink");
        assert!(open_append(&dangling).is_err());
        assert!(
            !dir.path().join("new-file").exists(),
            "a link created its target"
        );
        assert_eq!(fs::read(&victim).expect("read"), b"precious");
    }

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
