//! Pure data types and the maths over them: no files, no terminal, no clock.

pub mod answering;
pub mod assessment;
pub mod checklist;
pub mod date;
pub mod fields;
pub mod identifiers;
pub mod phone;
pub mod plan;
pub mod progress;
pub mod recorded;
pub mod registers;
pub mod supplier;
pub mod value;
