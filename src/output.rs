//! Where reports, exports and bundles may be written.
//!
//! One rule for every command that writes a file the user names (or that carecheck names in
//! the current folder): it never replaces an existing file unless `--force` is given, and it
//! never writes inside carecheck's own data folder, where it could replace an assessment's
//! files. A bare file name (`-o pack.pdf`) means the current folder.

use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::store::DataDir;
use crate::store::fsutil::parent_dir;

/// Why a file may not be written where the user asked.
#[derive(Debug, Error)]
pub enum OutputError {
    #[error("{0}: is a folder; name a file to write")]
    Folder(String),
    #[error("{path}: cannot write there: the folder {folder} {why}")]
    NoFolder {
        path: String,
        folder: String,
        why: String,
    },
    #[error(
        "{path}: is inside carecheck's data folder ({data}); write reports, exports and bundles somewhere else"
    )]
    InsideData { path: String, data: String },
    #[error(
        "{0}: already exists; carecheck never replaces a file unless you add --force (or choose another name)"
    )]
    Exists(String),
}

/// Checks that `path` may be written. `allowed_inside` is the one folder of the data folder a
/// command may write into (the user's checklists folder, for `import oscal`).
pub fn check_output(
    path: &Path,
    data: &DataDir,
    allowed_inside: Option<&Path>,
    force: bool,
) -> Result<(), OutputError> {
    let shown = path.display().to_string();
    if path.is_dir() {
        return Err(OutputError::Folder(shown));
    }
    let folder = parent_dir(path);
    let real_folder = folder.canonicalize().map_err(|e| OutputError::NoFolder {
        path: shown.clone(),
        folder: folder.display().to_string(),
        why: match e.kind() {
            std::io::ErrorKind::NotFound => "does not exist".to_owned(),
            _ => format!("cannot be used ({e})"),
        },
    })?;
    if let Ok(root) = data.root().canonicalize()
        && real_folder.starts_with(&root)
    {
        let allowed = allowed_inside
            .and_then(|a| a.canonicalize().ok())
            .is_some_and(|a| real_folder == a);
        if !allowed {
            return Err(OutputError::InsideData {
                path: shown,
                data: crate::io_words::shown(&root),
            });
        }
    }
    if !force && std::fs::symlink_metadata(path).is_ok() {
        return Err(OutputError::Exists(shown));
    }
    Ok(())
}

/// `folder/STEM.EXT`, or `STEM (2).EXT` and so on when that exists: the TUI writes into the
/// current folder without asking, so it never replaces anything.
pub fn unused_name(folder: &Path, stem: &str, extension: &str) -> PathBuf {
    (1..1000)
        .map(|n| {
            let name = if n == 1 {
                format!("{stem}.{extension}")
            } else {
                format!("{stem} ({n}).{extension}")
            };
            folder.join(name)
        })
        .find(|p| std::fs::symlink_metadata(p).is_err())
        .unwrap_or_else(|| folder.join(format!("{stem} (1000).{extension}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn existing_files_and_the_data_folder_are_refused() {
        let dir = tempfile::tempdir().expect("temp");
        let data = DataDir::new(dir.path().join("data"));
        std::fs::create_dir_all(data.assessments().join("a")).expect("mkdir");
        let inside = data.assessments().join("a/assessment.json");
        let err = check_output(&inside, &data, None, true).expect_err("inside");
        assert!(
            err.to_string().contains("inside carecheck's data folder"),
            "{err}"
        );
        let readme = dir.path().join("README.md");
        std::fs::write(&readme, b"mine").expect("write");
        let err = check_output(&readme, &data, None, false).expect_err("exists");
        assert!(err.to_string().contains("--force"), "{err}");
        assert!(check_output(&readme, &data, None, true).is_ok());
        assert!(check_output(&dir.path().join("new.csv"), &data, None, false).is_ok());
        let missing = dir.path().join("no/such/folder.csv");
        assert!(check_output(&missing, &data, None, false).is_err());
        std::fs::create_dir_all(data.checklists()).expect("mkdir");
        let own = data.checklists().join("x.toml");
        assert!(check_output(&own, &data, Some(&data.checklists()), false).is_ok());
    }

    #[test]
    fn each_refusal_says_exactly_why() {
        let dir = tempfile::tempdir().expect("temp");
        let data = DataDir::new(dir.path().join("data"));
        let missing = dir.path().join("no/such.csv");
        assert_eq!(
            check_output(&missing, &data, None, false)
                .expect_err("no folder")
                .to_string(),
            format!(
                "{}: cannot write there: the folder {} does not exist",
                missing.display(),
                dir.path().join("no").display()
            )
        );
        assert_eq!(
            check_output(dir.path(), &data, None, true)
                .expect_err("a folder")
                .to_string(),
            format!(
                "{}: is a folder; name a file to write",
                dir.path().display()
            )
        );
    }

    #[test]
    fn the_tui_never_reuses_a_name() {
        let dir = tempfile::tempdir().expect("temp");
        std::fs::write(dir.path().join("r.pdf"), b"x").expect("write");
        assert_eq!(
            unused_name(dir.path(), "r", "pdf"),
            dir.path().join("r (2).pdf")
        );
    }
}
