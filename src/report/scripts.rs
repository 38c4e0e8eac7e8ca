//! Writing systems the bundled font cannot draw: finding a system font for them through
//! fontconfig, and warning plainly, naming the script and a font package, when none is
//! installed, so that a name never silently becomes "��".

use std::path::PathBuf;
use std::process::{Command, Stdio};

/// A script, for a user: its name and a font package that covers it on Debian and Ubuntu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Script {
    pub name: &'static str,
    pub package: &'static str,
}

const CJK: Script = Script {
    name: "Chinese, Japanese or Korean",
    package: "fonts-noto-cjk",
};
const INDIC: Script = Script {
    name: "a South Asian script (such as Devanagari, Bengali, Gurmukhi, Gujarati or Tamil)",
    package: "fonts-noto-core",
};
const OTHER: Script = Script {
    name: "another script",
    package: "fonts-noto-core",
};

/// The script of a character the bundled font lacks.
pub fn script_of(c: char) -> Script {
    match u32::from(c) {
        0x1100..=0x11FF
        | 0x2E80..=0x2FDF
        | 0x3000..=0x30FF
        | 0x3130..=0x318F
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xAC00..=0xD7AF
        | 0xF900..=0xFAFF
        | 0xFF00..=0xFFEF
        | 0x20000..=0x3FFFF => CJK,
        0x0900..=0x0DFF => INDIC,
        _ => OTHER,
    }
}

/// A letter of a right-to-left script (Hebrew, Arabic, Syriac, Thaana, ...).
pub fn is_right_to_left(c: char) -> bool {
    matches!(u32::from(c), 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF)
}

/// Arabic script, whose letters join: carecheck does not shape them.
fn is_arabic(c: char) -> bool {
    matches!(u32::from(c), 0x0600..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
}

/// One laid-out line in the order its characters are drawn, left to right: each run of
/// right-to-left words (with the spaces and punctuation between them) is reversed, numbers
/// inside such a run keep their own order, and brackets in it are mirrored. A small part of
/// the Unicode bidirectional algorithm, enough for names and short notes in Hebrew or Arabic
/// within English text; the text is stored and extracted in its logical order.
pub fn visual_order(line: &str) -> String {
    if !line.chars().any(is_right_to_left) {
        return line.to_owned();
    }
    let chars: Vec<char> = line.chars().collect();
    let neutral = |c: char| !c.is_alphanumeric() && !is_right_to_left(c);
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < chars.len() {
        if !is_right_to_left(chars[i]) {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        // The run: right-to-left letters, and neutrals or digits followed by more of them.
        let mut end = i + 1;
        let mut j = i + 1;
        while j < chars.len() {
            let c = chars[j];
            if is_right_to_left(c) {
                end = j + 1;
            } else if !(neutral(c) || c.is_ascii_digit()) {
                break;
            }
            j += 1;
        }
        let mut reversed: Vec<char> = chars[i..end]
            .iter()
            .rev()
            .map(|&c| match c {
                '(' => ')',
                ')' => '(',
                '[' => ']',
                ']' => '[',
                other => other,
            })
            .collect();
        // Numbers read left to right even inside right-to-left text.
        let mut k = 0;
        while k < reversed.len() {
            if reversed[k].is_ascii_digit() {
                let start = k;
                while k < reversed.len() && reversed[k].is_ascii_digit() {
                    k += 1;
                }
                reversed[start..k].reverse();
            } else {
                k += 1;
            }
        }
        out.extend(reversed);
        i = end;
    }
    out
}

/// Warnings for the command to print: characters no font could draw, by script, and
/// right-to-left text that is not shaped.
pub fn warnings(missing: &[char], text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut scripts: Vec<(Script, String)> = Vec::new();
    for &c in missing {
        let script = script_of(c);
        match scripts.iter_mut().find(|(s, _)| *s == script) {
            Some((_, chars)) if chars.chars().count() < 12 => chars.push(c),
            Some(_) => {}
            None => scripts.push((script, c.to_string())),
        }
    }
    for (script, chars) in scripts {
        out.push(format!(
            "no installed font can draw {chars} ({}); the pack prints them as \u{FFFD}. Install a font that covers it (for example the {} package) and build the pack again.",
            script.name, script.package
        ));
    }
    let arabic = text
        .split_whitespace()
        .filter(|w| w.chars().any(is_arabic))
        .take(4)
        .collect::<Vec<_>>()
        .join(" ");
    if !arabic.is_empty() {
        out.push(format!(
            "the pack has Arabic-script text ({arabic}); carecheck sets it right to left but does not join its letters, so such names may read wrongly: check them in the pack."
        ));
    }
    out
}

/// Font files fontconfig says contain `c`, best first; empty when fontconfig is not there.
pub fn fonts_with(c: char) -> Vec<PathBuf> {
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
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "ttf" | "otf" | "ttc"))
        })
        .collect();
    // Regular faces before bold or italic ones, then by name, so the choice is repeatable.
    files.sort_by_key(|p| {
        let name = p.to_string_lossy().to_ascii_lowercase();
        (
            name.contains("bold") || name.contains("italic") || name.contains("oblique"),
            name,
        )
    });
    files.dedup();
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_characters_are_named_with_their_script_and_a_package() {
        let w = warnings(&['张', '伟', 'ह'], "张伟 हिन्दी");
        assert_eq!(w.len(), 2, "{w:?}");
        assert!(
            w[0].contains("张伟") && w[0].contains("Chinese") && w[0].contains("fonts-noto-cjk")
        );
        assert!(w[1].contains("South Asian"));
        let w = warnings(&[], "Name: مرحبا");
        assert!(w[0].contains("Arabic-script text (مرحبا)"), "{w:?}");
        assert!(
            warnings(&[], "Oak House שלום").is_empty(),
            "Hebrew needs no joining"
        );
    }

    #[test]
    fn right_to_left_runs_are_drawn_reversed_with_numbers_kept() {
        assert_eq!(visual_order("Oak House"), "Oak House");
        assert_eq!(visual_order("Name: שלום עולם"), "Name: םלוע םולש");
        assert_eq!(visual_order("x אב 12 גד y"), "x דג 12 בא y");
        assert_eq!(visual_order("(שלום)"), "(םולש)");
    }
}
