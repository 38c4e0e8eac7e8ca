//! Evidence paths as RFC 8089 `file:` URIs, for the OSCAL exports' links.
//!
//! A path is split into its segments and each is percent-encoded by the `percent-encoding`
//! crate, keeping only RFC 3986's unreserved characters, so a space, `#`, `%`, `?` or any
//! non-ASCII character never cuts or breaks the URI. Windows paths keep their drive letter as
//! the first segment (`C:\Users\x` → `file:///C:/Users/x`, RFC 8089 appendix E.2) and UNC
//! paths name their server as the host (`\\server\share\x` → `file://server/share/x`,
//! appendix E.3). The flavour is a parameter, not the build's platform, so Windows paths are
//! tested on Linux too.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Everything but RFC 3986's unreserved characters (ALPHA / DIGIT / "-" / "." / "_" / "~"):
/// what is left is valid in any path segment and in a host name.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// How a path is spelt: Windows (drive letters, UNC, either slash) or Unix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathFlavour {
    Windows,
    Unix,
}

impl PathFlavour {
    /// The flavour of the system carecheck runs on.
    pub fn native() -> PathFlavour {
        if cfg!(windows) {
            PathFlavour::Windows
        } else {
            PathFlavour::Unix
        }
    }

    /// The flavour a recorded path was written in: one that starts with a drive letter and a
    /// slash (`C:\`, `C:/`) or with `\\` was recorded on Windows (an assessment bundled on a
    /// consultant's Windows laptop keeps its paths when opened elsewhere); any other is taken
    /// as this system's.
    pub fn of(path: &str) -> PathFlavour {
        let drive_root = drive(path).is_some() && path[2..].starts_with(['\\', '/']);
        if drive_root || path.starts_with(r"\\") {
            PathFlavour::Windows
        } else {
            PathFlavour::native()
        }
    }
}

/// `path` as a `file:` URI.
pub fn file_uri(path: &str, flavour: PathFlavour) -> String {
    match flavour {
        PathFlavour::Unix => with_segments("file://", "", path.split('/')),
        PathFlavour::Windows => windows(path),
    }
}

fn windows(path: &str) -> String {
    if let Some(rest) = path.strip_prefix(r"\\").or_else(|| path.strip_prefix("//")) {
        // `\\?\C:\x` and `\\.\C:\x` are the long-path spellings of `C:\x`.
        if let Some(local) = rest
            .strip_prefix(r"?\")
            .or_else(|| rest.strip_prefix(r".\"))
            .filter(|local| drive(local).is_some())
        {
            return windows(local);
        }
        let mut parts = segments(rest);
        let server = parts.next().unwrap_or_default();
        if !server.is_empty() {
            let host = utf8_percent_encode(server, SEGMENT).to_string();
            return with_segments("file://", &host, parts);
        }
    }
    match drive(path) {
        Some(letter) => {
            let rest = &path[2..];
            let mut uri = format!("file:///{letter}:");
            uri.push_str(&with_segments("", "", segments(rest)));
            uri
        }
        None => with_segments("file://", "", segments(path)),
    }
}

/// A Windows path's segments: either slash separates them.
fn segments(path: &str) -> std::str::Split<'_, [char; 2]> {
    path.split(['\\', '/'])
}

/// The drive letter of a path that starts `C:`.
fn drive(path: &str) -> Option<char> {
    let mut chars = path.chars();
    let letter = chars.next().filter(char::is_ascii_alphabetic)?;
    (chars.next() == Some(':')).then_some(letter)
}

/// `prefix` and `host`, then each non-empty segment after a `/`, percent-encoded.
fn with_segments<'s>(prefix: &str, host: &str, segments: impl Iterator<Item = &'s str>) -> String {
    let mut uri = format!("{prefix}{host}");
    let mut any = false;
    for segment in segments.filter(|s| !s.is_empty()) {
        uri.push('/');
        uri.extend(utf8_percent_encode(segment, SEGMENT));
        any = true;
    }
    if !any && !prefix.is_empty() {
        uri.push('/');
    }
    uri
}

#[cfg(test)]
mod tests {
    use super::PathFlavour::{Unix, Windows};
    use super::file_uri;

    #[test]
    fn unix_paths_are_percent_encoded_segment_by_segment() {
        assert_eq!(
            file_uri("/home/sam/Evidence #2/50% done/Ça.png", Unix),
            "file:///home/sam/Evidence%20%232/50%25%20done/%C3%87a.png"
        );
        assert_eq!(file_uri("/", Unix), "file:///");
        assert_eq!(file_uri("/a?b", Unix), "file:///a%3Fb");
    }

    #[test]
    fn windows_drive_letters_stay_in_the_path() {
        assert_eq!(
            file_uri(r"C:\Users\Nguyễn Lan\MFA #1.png", Windows),
            "file:///C:/Users/Nguy%E1%BB%85n%20Lan/MFA%20%231.png"
        );
        assert_eq!(file_uri("d:/x/y.pdf", Windows), "file:///d:/x/y.pdf");
        assert_eq!(file_uri(r"\\?\C:\x\y", Windows), "file:///C:/x/y");
    }

    #[test]
    fn a_path_recorded_on_windows_is_read_as_windows_anywhere() {
        use super::PathFlavour;
        assert_eq!(PathFlavour::of(r"C:\Users\x.png"), Windows);
        assert_eq!(PathFlavour::of("c:/x.png"), Windows);
        assert_eq!(PathFlavour::of(r"\\nas\share\x"), Windows);
        assert_eq!(PathFlavour::of("C:x"), PathFlavour::native());
        if cfg!(unix) {
            assert_eq!(PathFlavour::of("/home/x.png"), Unix);
        }
    }

    #[test]
    fn unc_paths_name_their_server_as_the_host() {
        assert_eq!(
            file_uri(r"\\server\share\Care Plans\x.docx", Windows),
            "file://server/share/Care%20Plans/x.docx"
        );
        assert_eq!(file_uri("//nas/evidence", Windows), "file://nas/evidence");
    }
}
