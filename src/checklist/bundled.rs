//! The checklists compiled into carecheck, so an installed binary works anywhere.
//!
//! Each is a file in `checklists/` of the source tree; a test proves every one of them validates.

/// A bundled checklist's file name and its text, read at compile time.
macro_rules! bundle {
    ($name:literal) => {
        ($name, include_str!(concat!("../../checklists/", $name)))
    };
}

/// File name and text of every bundled checklist, in the order `carecheck checklists` lists them.
pub const BUNDLED: &[(&str, &str)] = &[
    bundle!("dspt-social-care.toml"),
    bundle!("first-hour-starter.toml"),
    bundle!("cyber-essentials.toml"),
    bundle!("ncsc-small-business.toml"),
    bundle!("ncsc-10-steps.toml"),
];

/// The checklist a new assessment uses when none is named.
pub const DEFAULT_CHECKLIST: &str = "dspt-social-care";
