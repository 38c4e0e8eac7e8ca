//! carecheck: offline cyber security checklists and evidence packs for UK adult social care.
//!
//! The library holds everything; `main.rs` only parses the command line and reports errors.

pub mod answers_across;
pub mod bundle;
pub mod checklist;
pub mod checklist_choice;
pub mod cli;
pub mod clock;
pub mod continuity;
pub mod diff;
pub mod digest;
pub mod domain;
pub mod duties;
pub mod evidence;
pub mod foreign_file;
pub mod io_words;
pub mod oscal;
pub mod output;
pub mod portable_name;
pub mod provenance;
pub mod registers;
pub mod renew;
pub mod renew_guard;
pub mod report;
pub mod seal;
pub mod settings;
pub mod signing;
pub mod store;
pub mod summary;
pub mod table_import;
pub mod text;
pub mod tui;
pub mod workspace;
