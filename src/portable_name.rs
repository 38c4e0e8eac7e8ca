//! Names that every platform can use as a file or folder name. Windows reserves the names of
//! its old devices (CON, PRN, AUX, NUL, COM1–COM9, LPT1–LPT9, also with superscript digits) in
//! every folder, with or without an extension: a folder called `con` or a file `nul.toml`
//! cannot be made there, and the error Windows gives says nothing useful. An assessment id or a
//! checklist id becomes such a name, so carecheck never makes one of these, on any platform (an
//! assessment made on Linux must still unpack on a consultant's Windows laptop).
//! Source: Microsoft, "Naming Files, Paths, and Namespaces" (learn.microsoft.com, win32
//! fileio/naming-a-file).

/// True when Windows would refuse `name` as a file or folder name because it names a device.
pub fn is_reserved_on_windows(name: &str) -> bool {
    // The device name is the part before the first dot, ignoring trailing spaces, any case.
    let stem = name.split('.').next().unwrap_or(name).trim_end_matches(' ');
    let lower = stem.to_ascii_lowercase();
    match lower.as_str() {
        "con" | "prn" | "aux" | "nul" => true,
        _ => {
            let Some(number) = lower
                .strip_prefix("com")
                .or_else(|| lower.strip_prefix("lpt"))
            else {
                return false;
            };
            matches!(
                number,
                "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9" | "¹" | "²" | "³"
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_reserved_on_windows;

    #[test]
    fn device_names_are_reserved_with_or_without_an_extension_in_any_case() {
        for name in [
            "con",
            "CON",
            "Prn",
            "aux",
            "nul",
            "com1",
            "COM9",
            "lpt1",
            "LPT9",
            "com¹",
            "lpt³",
            "nul.toml",
            "con.txt",
            "aux.tar.gz",
            "con ",
            "nul .toml",
        ] {
            assert!(is_reserved_on_windows(name), "{name}");
        }
    }

    #[test]
    fn names_that_only_start_like_a_device_are_fine() {
        for name in [
            "cons",
            "console",
            "con-leeds",
            "com",
            "com0",
            "com10",
            "lpt",
            "lpt0",
            "nul-care",
            "auxiliary",
            "oak-house",
            "",
            "xcon",
        ] {
            assert!(!is_reserved_on_windows(name), "{name}");
        }
    }
}
