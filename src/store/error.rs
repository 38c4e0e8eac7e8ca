//! What can go wrong reading or writing assessments, in words that name the file involved.

use std::io;
use std::path::PathBuf;

use thiserror::Error;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error(
        "{}: {}",
        crate::io_words::shown(path),
        crate::io_words::describe(source)
    )]
    Io { path: PathBuf, source: io::Error },

    /// A file carecheck wrote cannot be read back. It is never overwritten.
    #[error("{path}{}: {message}. The file has not been changed; restore it from a backup or move it aside", at_line(*line))]
    Corrupt {
        path: PathBuf,
        line: Option<usize>,
        message: String,
    },

    /// Files from outside (a bundle) that do not hold together. Unlike `Corrupt`, nothing of
    /// the user's is involved: the files were refused and nothing was written.
    #[error("{path}: {message}")]
    Rejected { path: PathBuf, message: String },

    #[error(
        "{path}: this assessment was saved by a newer carecheck (save format {found}; this one reads up to {supported}). Update carecheck to open it"
    )]
    TooNew {
        path: PathBuf,
        found: u32,
        supported: u32,
    },

    #[error("assessment `{id}` is open in another carecheck{}; close that one first, or open this one read-only", holder.as_ref().map(|h| format!(" ({h})")).unwrap_or_default())]
    Locked { id: String, holder: Option<String> },

    /// A file larger than carecheck reads. It is not read, and never overwritten.
    #[error("{path}: is larger than {}, the most carecheck reads for {what}; the file has not been changed", crate::foreign_file::size(*limit))]
    TooLarge {
        path: PathBuf,
        what: &'static str,
        limit: u64,
    },

    /// A change that would make a file larger than carecheck reads back. It is refused.
    #[error("{path}: {what} would be larger than {}, the most carecheck keeps; nothing was saved", crate::foreign_file::size(*limit))]
    ChangeTooLarge {
        path: PathBuf,
        what: &'static str,
        limit: u64,
    },

    #[error("the {what} for {item} is {} KiB long; the most carecheck keeps is {} (about 5,000 words). Shorten it, or keep the full text in a document and record that as evidence", len.div_ceil(1024), crate::foreign_file::size(*limit as u64))]
    TextTooLong {
        what: &'static str,
        item: String,
        len: usize,
        limit: usize,
    },

    #[error("no assessment matches `{0}`; `carecheck list` shows them all")]
    NotFound(String),

    /// An id that could name a folder other than one assessment's (`../x`, `/data`).
    #[error(
        "`{0}` is not an assessment id (lower-case letters, digits and hyphens); nothing was read"
    )]
    BadId(String),

    #[error("`{query}` matches more than one assessment: {}; give more of the id", candidates.join(", "))]
    Ambiguous {
        query: String,
        candidates: Vec<String>,
    },

    #[error("there are no assessments yet; start one with `carecheck new --org NAME`")]
    NoneYet,
}

impl StoreError {
    pub fn io(path: impl Into<PathBuf>) -> impl FnOnce(io::Error) -> StoreError {
        let path = path.into();
        move |source| StoreError::Io { path, source }
    }
}

fn at_line(line: Option<usize>) -> String {
    line.map(|l| format!(":{l}")).unwrap_or_default()
}
