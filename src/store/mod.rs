//! Everything carecheck writes to disk, and reading it back.

pub mod paths;

pub use paths::DataDir;
