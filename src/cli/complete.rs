//! What a shell offers when the user presses Tab after `-a` or a checklist id: the ids
//! carecheck has, each with the words that tell them apart. The shell asks carecheck itself at
//! that moment (clap_complete's dynamic completion, registered by `carecheck completions
//! SHELL`), so a new assessment completes without reinstalling anything.
//!
//! The completer cannot see `--data-dir` on the line being typed, so it reads the same
//! `CARECHECK_DATA_DIR` the commands do, else the platform's folder. It only reads, and any
//! failure offers nothing rather than an error in the middle of the user's typing.

use clap_complete::engine::{ArgValueCandidates, CompletionCandidate};

use crate::checklist::Library;
use crate::store::{DataDir, Store};
use crate::text::one_line;

/// Assessment ids, each with "organisation · site" as its help.
pub fn assessments() -> ArgValueCandidates {
    ArgValueCandidates::new(|| {
        let Some(store) = data_dir().map(Store::new) else {
            return Vec::new();
        };
        let Ok(ids) = store.ids() else {
            return Vec::new();
        };
        ids.into_iter()
            .map(|id| {
                let help = store
                    .open_read_only(&id)
                    .ok()
                    .map(|open| one_line(&open.assessment.details.place()).into_owned());
                CompletionCandidate::new(id).help(help.map(Into::into))
            })
            .collect()
    })
}

/// Checklist ids (bundled and the user's own), each with its title as help.
pub fn checklists() -> ArgValueCandidates {
    ArgValueCandidates::new(|| {
        let own = data_dir().map(|d| d.checklists());
        let (library, _) = Library::load(own.as_deref());
        library
            .entries()
            .iter()
            .map(|entry| {
                let c = &entry.checklist;
                CompletionCandidate::new(c.id.clone())
                    .help(Some(one_line(&c.title).into_owned().into()))
            })
            .collect()
    })
}

fn data_dir() -> Option<DataDir> {
    let explicit = std::env::var_os("CARECHECK_DATA_DIR").map(std::path::PathBuf::from);
    DataDir::resolve(explicit.as_deref())
}
