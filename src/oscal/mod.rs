//! OSCAL (NIST's Open Security Controls Assessment Language): importing catalogs as
//! checklists, and exporting assessment results and plans of action.

mod catalog;
pub mod export;
pub mod file_uri;
pub mod import;
pub(crate) mod toml_out;
