//! Finding a system font for characters the bundled fonts lack (Chinese, Japanese, Korean,
//! South Asian scripts), where each platform keeps its fonts: Windows' fonts folders, macOS's
//! three Fonts folders, and on Linux fontconfig first and then the usual folders. The folders
//! are a parameter, so a test can point the finder at one laid out like any platform's.
//!
//! `CARECHECK_FONT_DIRS` (folders separated as in `PATH`) replaces the platform's folders and
//! fontconfig: for fonts kept somewhere unusual, and for tests.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use super::scripts::{Family, Script};

/// The variable that names the only folders to look in.
pub const FONT_DIRS_ENV: &str = "CARECHECK_FONT_DIRS";

/// How deep into a fonts folder the finder looks, and how many files it lists at most: a
/// user's folder can be large, and a PDF should not wait on it.
const MAX_DEPTH: usize = 5;
const MAX_FILES: usize = 20_000;

/// Where fonts are kept, and what a user there installs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Platform {
    Windows,
    MacOs,
    Linux,
}

impl Platform {
    /// The platform carecheck was built for.
    pub fn current() -> Platform {
        if cfg!(windows) {
            Platform::Windows
        } else if cfg!(target_os = "macos") {
            Platform::MacOs
        } else {
            Platform::Linux
        }
    }

    /// The folders this platform keeps fonts in, from its environment (`env` looks a variable
    /// up), system folders first.
    pub fn roots(self, env: &dyn Fn(&str) -> Option<OsString>) -> Vec<PathBuf> {
        let var = |name: &str| env(name).filter(|v| !v.is_empty()).map(PathBuf::from);
        let home = var("HOME");
        let mut roots = Vec::new();
        match self {
            Platform::Windows => {
                let windir = var("WINDIR")
                    .or_else(|| var("SystemRoot"))
                    .unwrap_or_else(|| PathBuf::from(r"C:\Windows"));
                roots.push(windir.join("Fonts"));
                if let Some(local) = var("LOCALAPPDATA") {
                    roots.push(local.join("Microsoft").join("Windows").join("Fonts"));
                }
            }
            Platform::MacOs => {
                roots.push(PathBuf::from("/System/Library/Fonts"));
                roots.push(PathBuf::from("/Library/Fonts"));
                if let Some(home) = &home {
                    roots.push(home.join("Library").join("Fonts"));
                }
            }
            Platform::Linux => {
                roots.push(PathBuf::from("/usr/share/fonts"));
                roots.push(PathBuf::from("/usr/local/share/fonts"));
                let data = var("XDG_DATA_HOME")
                    .or_else(|| home.as_ref().map(|h| h.join(".local").join("share")));
                if let Some(data) = data {
                    roots.push(data.join("fonts"));
                }
                if let Some(home) = &home {
                    roots.push(home.join(".fonts"));
                }
            }
        }
        roots
    }

    /// What to install on this platform to draw `script`, in words that follow "Install".
    pub fn advice(self, script: Script) -> String {
        match (self, script.family) {
            (_, Family::Emoji) => String::new(),
            (Platform::Linux, Family::Cjk) => {
                "a font that covers it (for example the fonts-noto-cjk package on Debian or Ubuntu, google-noto-sans-cjk-fonts on Fedora)".into()
            }
            (Platform::Linux, _) => {
                "a font that covers it (for example the fonts-noto-core package on Debian or Ubuntu, google-noto-sans-fonts on Fedora)".into()
            }
            (Platform::Windows, Family::Cjk) => {
                "the language's supplemental fonts (Settings › System › Optional features › Add a feature, for example \"Chinese (Simplified) Supplemental Fonts\"), or Noto Sans CJK (right-click the font file, Install for all users)".into()
            }
            (Platform::Windows, _) => {
                "the script's supplemental fonts (Settings › System › Optional features › Add a feature, for example \"Devanagari Supplemental Fonts\"), or the Noto Sans font for the script (right-click the font file, Install for all users)".into()
            }
            (Platform::MacOs, Family::Cjk) => {
                "Noto Sans CJK or another font that covers it (open the font file and click Install in Font Book)".into()
            }
            (Platform::MacOs, _) => {
                "the Noto Sans font for the script (open the font file and click Install in Font Book)".into()
            }
        }
    }
}

/// Where to look for fonts: folders, and on Linux fontconfig.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finder {
    pub platform: Platform,
    pub roots: Vec<PathBuf>,
    /// Ask fontconfig (`fc-list`) first.
    pub fontconfig: bool,
}

impl Finder {
    /// The finder for this machine: `CARECHECK_FONT_DIRS` when it is set, else the platform's
    /// folders (and fontconfig on Linux).
    pub fn for_this_machine() -> Finder {
        let platform = Platform::current();
        if let Some(dirs) = std::env::var_os(FONT_DIRS_ENV) {
            return Finder {
                platform,
                roots: std::env::split_paths(&dirs).collect(),
                fontconfig: false,
            };
        }
        Finder {
            platform,
            roots: platform.roots(&|name| std::env::var_os(name)),
            fontconfig: platform == Platform::Linux,
        }
    }

    /// Font files that may draw `c`, most likely first: fontconfig's answer when it has one,
    /// else the files in the folders, those whose names suggest the script first.
    pub fn candidates(&self, c: char) -> Vec<PathBuf> {
        let mut files = if self.fontconfig {
            fontconfig_files(c)
        } else {
            Vec::new()
        };
        if !files.is_empty() {
            return files;
        }
        let mut listed = Vec::new();
        for root in &self.roots {
            list_fonts(root, 0, &mut listed);
        }
        let hints = super::scripts::script_of(c).family.file_hints();
        // Hinted names first, regular faces before bold or italic ones, then by name, so the
        // choice is repeatable.
        listed.sort_by_key(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().to_ascii_lowercase())
                .unwrap_or_default();
            (!hints.iter().any(|h| name.contains(h)), styled(&name), name)
        });
        for file in listed {
            if !files.contains(&file) {
                files.push(file);
            }
        }
        files
    }
}

/// A bold, italic or oblique face (the fallback is used for regular and bold text alike).
fn styled(name: &str) -> bool {
    name.contains("bold") || name.contains("italic") || name.contains("oblique")
}

fn is_font(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "ttf" | "otf" | "ttc"))
}

/// The font files under `dir`, a bounded walk (symbolic links to files are followed, to
/// folders are not).
fn list_fonts(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
    if depth > MAX_DEPTH || out.len() >= MAX_FILES {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for entry in entries {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            list_fonts(&path, depth + 1, out);
        } else if is_font(&path) && out.len() < MAX_FILES {
            out.push(path);
        }
    }
}

/// Font files fontconfig says contain `c`, regular faces first; empty without fontconfig.
#[cfg(unix)]
fn fontconfig_files(c: char) -> Vec<PathBuf> {
    use std::process::{Command, Stdio};
    let charset = format!(":charset={:x}", u32::from(c));
    let Ok(output) = Command::new("fc-list")
        .args(["--format", "%{file}\\n", &charset])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
    else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(PathBuf::from)
        .filter(|p| is_font(p))
        .collect();
    files.sort_by_key(|p| {
        let name = p.to_string_lossy().to_ascii_lowercase();
        (styled(&name), name)
    });
    files.dedup();
    files
}

/// Windows has no fontconfig: its folders are listed instead.
#[cfg(not(unix))]
fn fontconfig_files(_c: char) -> Vec<PathBuf> {
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<OsString> {
        let pairs: Vec<(String, OsString)> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), OsString::from(v)))
            .collect();
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        }
    }

    #[test]
    fn each_platform_looks_where_it_keeps_fonts() {
        let windows = Platform::Windows.roots(&env(&[
            ("WINDIR", "/w"),
            ("LOCALAPPDATA", "/u/AppData/Local"),
        ]));
        assert_eq!(
            windows,
            [
                PathBuf::from("/w").join("Fonts"),
                PathBuf::from("/u/AppData/Local")
                    .join("Microsoft")
                    .join("Windows")
                    .join("Fonts")
            ]
        );
        assert_eq!(
            Platform::Windows.roots(&env(&[])),
            [PathBuf::from(r"C:\Windows").join("Fonts")]
        );
        let mac = Platform::MacOs.roots(&env(&[("HOME", "/Users/jo")]));
        assert_eq!(
            mac,
            [
                PathBuf::from("/System/Library/Fonts"),
                PathBuf::from("/Library/Fonts"),
                PathBuf::from("/Users/jo").join("Library").join("Fonts")
            ]
        );
        let linux = Platform::Linux.roots(&env(&[("HOME", "/home/jo")]));
        assert_eq!(
            linux,
            [
                PathBuf::from("/usr/share/fonts"),
                PathBuf::from("/usr/local/share/fonts"),
                PathBuf::from("/home/jo")
                    .join(".local")
                    .join("share")
                    .join("fonts"),
                PathBuf::from("/home/jo").join(".fonts"),
            ]
        );
    }

    #[test]
    fn the_advice_names_what_to_install_on_that_platform() {
        let cjk = super::super::scripts::script_of('张');
        assert!(Platform::Linux.advice(cjk).contains("fonts-noto-cjk"));
        for platform in [Platform::Windows, Platform::MacOs] {
            let advice = platform.advice(cjk);
            assert!(!advice.contains("package"), "{advice}");
        }
        assert!(Platform::Windows.advice(cjk).contains("Optional features"));
        assert!(Platform::MacOs.advice(cjk).contains("Font Book"));
    }
}
