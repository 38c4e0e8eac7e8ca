//! Where carecheck keeps its files.
//!
//! By default the platform's own place for application data (from the `directories` crate):
//! `~/.local/share/carecheck` on Linux, `~/Library/Application Support/uk.carecheck.carecheck`
//! on macOS, `%APPDATA%\carecheck\carecheck\data` on Windows. `--data-dir` or
//! `CARECHECK_DATA_DIR` override it (tests, and consultants working from a USB stick).

use std::path::{Path, PathBuf};

use directories::ProjectDirs;

/// The folders inside one data directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataDir {
    root: PathBuf,
}

impl DataDir {
    pub fn new(root: impl Into<PathBuf>) -> DataDir {
        DataDir { root: root.into() }
    }

    /// The explicit directory if one was given, otherwise the platform default. `None` only when
    /// the platform has no home directory to put one in.
    pub fn resolve(explicit: Option<&Path>) -> Option<DataDir> {
        if let Some(path) = explicit {
            return Some(DataDir::new(path));
        }
        ProjectDirs::from("uk", "carecheck", "carecheck").map(|dirs| DataDir::new(dirs.data_dir()))
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The user's own checklists, loaded beside the bundled ones.
    pub fn checklists(&self) -> PathBuf {
        self.root.join("checklists")
    }

    /// One sub-folder per assessment.
    pub fn assessments(&self) -> PathBuf {
        self.root.join("assessments")
    }
}
