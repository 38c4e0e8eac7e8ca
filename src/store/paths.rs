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

    /// The folder of one assessment: the only place an assessment id becomes a path.
    pub fn assessment_dir(&self, id: &AssessmentId) -> PathBuf {
        self.assessments().join(&id.0)
    }
}

/// An assessment id that is safe as a folder name: lower-case letters, digits and hyphens, not
/// starting with a hyphen, at most 64 characters. It can only be made by [`AssessmentId::parse`],
/// so an id read from any file (a bundle's `inherits_from` or `previous`, an `--as` argument)
/// can never hold `..`, a separator or an absolute path when it is turned into a folder.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AssessmentId(String);

impl AssessmentId {
    /// `text` as an id, or `None` when it could name anything but one folder.
    pub fn parse(text: &str) -> Option<AssessmentId> {
        is_assessment_id(text).then(|| AssessmentId(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for AssessmentId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The rule of [`AssessmentId`], for code that only needs the yes or no.
pub fn is_assessment_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && !id.starts_with('-')
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_that_could_name_another_folder_do_not_parse() {
        for bad in [
            "",
            "..",
            "../x",
            "/etc",
            "a/b",
            "a\\b",
            "C:x",
            "-x",
            "A",
            "x.y",
            "x\0",
            "é",
            &"a".repeat(65),
        ] {
            assert_eq!(AssessmentId::parse(bad), None, "{bad:?}");
        }
        let id = AssessmentId::parse("ten-care-2").expect("an id");
        let data = DataDir::new("/data");
        assert_eq!(
            data.assessment_dir(&id),
            Path::new("/data/assessments/ten-care-2")
        );
    }
}
