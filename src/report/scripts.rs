//! Writing systems the bundled font cannot draw: naming their script, and warning plainly,
//! with what to install, when no installed font draws them, so that a name never silently
//! becomes "��" (the fonts are found by [`super::fonts`]). Also right-to-left order and
//! Arabic joining, which the PDF writer cannot do itself.

/// A script, for a user: its name, and the kind of font that draws it (which says what to
/// install: the fonts module's `Platform::advice`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Script {
    pub name: &'static str,
    pub family: Family,
}

/// Kinds of script that need different fonts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Cjk,
    Indic,
    Emoji,
    Other,
}

impl Family {
    /// Parts of font file names that suggest a font for this family (lower case), tried first
    /// when fonts are found by listing folders.
    pub fn file_hints(self) -> &'static [&'static str] {
        match self {
            Family::Cjk => &[
                "cjk",
                "msyh",
                "yahei",
                "simsun",
                "simhei",
                "yugoth",
                "meiryo",
                "msgothic",
                "malgun",
                "gulim",
                "pingfang",
                "hiragino",
                "songti",
                "stheiti",
                "applegothic",
                "wqy",
                "droidsansfallback",
                "arialuni",
                "sourcehan",
            ],
            Family::Indic => &[
                "nirmala",
                "mangal",
                "devanagari",
                "bengali",
                "gurmukhi",
                "gujarati",
                "tamil",
                "telugu",
                "kannada",
                "malayalam",
                "kohinoor",
                "arialuni",
            ],
            Family::Emoji => &[],
            Family::Other => &["noto", "arialuni"],
        }
    }
}

const CJK: Script = Script {
    name: "Chinese, Japanese or Korean",
    family: Family::Cjk,
};
const INDIC: Script = Script {
    name: "a South Asian script (such as Devanagari, Bengali, Gurmukhi, Gujarati or Tamil)",
    family: Family::Indic,
};
const EMOJI: Script = Script {
    name: "emoji, which carecheck cannot print",
    family: Family::Emoji,
};
const OTHER: Script = Script {
    name: "another script",
    family: Family::Other,
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
        0x1F000..=0x1FAFF | 0x2600..=0x27BF => EMOJI,
        _ => OTHER,
    }
}

/// Arabic text with its joined forms (as laid out by [`shape_arabic`]) turned back into the
/// letters a person typed, so a warning quotes the name as it was entered.
fn unshape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let code = u32::from(c);
        if let Some(alef) = ['\u{0622}', '\u{0623}', '\u{0625}', '\u{0627}']
            .into_iter()
            .find(|a| lam_alef(*a).is_some_and(|l| code == l || code == l + 1))
        {
            out.push('\u{0644}');
            out.push(alef);
            continue;
        }
        let letter = ('\u{0621}'..='\u{064A}').find(|&letter| match joining(letter) {
            Some(Joining::None(base)) => code == base,
            Some(Joining::Right(base)) => (base..base + 2).contains(&code),
            Some(Joining::Dual(base)) => (base..base + 4).contains(&code),
            None => false,
        });
        out.push(letter.unwrap_or(c));
    }
    out
}

/// A letter of a right-to-left script (Hebrew, Arabic, Syriac, Thaana, ...).
pub fn is_right_to_left(c: char) -> bool {
    matches!(u32::from(c), 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF)
}

/// Arabic script, whose letters join.
fn is_arabic(c: char) -> bool {
    matches!(u32::from(c), 0x0600..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
}

/// How an Arabic letter joins, and where its forms start in Arabic Presentation Forms-B
/// (isolated, then final, then initial, then medial).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Joining {
    /// Never joins (hamza).
    None(u32),
    /// Joins only to the letter before it (alef, dal, reh, waw, ...): two forms.
    Right(u32),
    /// Joins on both sides: four forms.
    Dual(u32),
}

fn joining(c: char) -> Option<Joining> {
    use Joining::{Dual, None as Alone, Right};
    Some(match c {
        '\u{0621}' => Alone(0xFE80),
        '\u{0622}' => Right(0xFE81),
        '\u{0623}' => Right(0xFE83),
        '\u{0624}' => Right(0xFE85),
        '\u{0625}' => Right(0xFE87),
        '\u{0626}' => Dual(0xFE89),
        '\u{0627}' => Right(0xFE8D),
        '\u{0628}' => Dual(0xFE8F),
        '\u{0629}' => Right(0xFE93),
        '\u{062A}' => Dual(0xFE95),
        '\u{062B}' => Dual(0xFE99),
        '\u{062C}' => Dual(0xFE9D),
        '\u{062D}' => Dual(0xFEA1),
        '\u{062E}' => Dual(0xFEA5),
        '\u{062F}' => Right(0xFEA9),
        '\u{0630}' => Right(0xFEAB),
        '\u{0631}' => Right(0xFEAD),
        '\u{0632}' => Right(0xFEAF),
        '\u{0633}' => Dual(0xFEB1),
        '\u{0634}' => Dual(0xFEB5),
        '\u{0635}' => Dual(0xFEB9),
        '\u{0636}' => Dual(0xFEBD),
        '\u{0637}' => Dual(0xFEC1),
        '\u{0638}' => Dual(0xFEC5),
        '\u{0639}' => Dual(0xFEC9),
        '\u{063A}' => Dual(0xFECD),
        '\u{0641}' => Dual(0xFED1),
        '\u{0642}' => Dual(0xFED5),
        '\u{0643}' => Dual(0xFED9),
        '\u{0644}' => Dual(0xFEDD),
        '\u{0645}' => Dual(0xFEE1),
        '\u{0646}' => Dual(0xFEE5),
        '\u{0647}' => Dual(0xFEE9),
        '\u{0648}' => Right(0xFEED),
        '\u{0649}' => Right(0xFEEF),
        '\u{064A}' => Dual(0xFEF1),
        _ => return None,
    })
}

/// Marks (harakat) sit on a letter and do not break its joining.
fn is_transparent(c: char) -> bool {
    matches!(u32::from(c), 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED)
}

/// The lam-alef ligature (isolated form) for an alef after lam.
fn lam_alef(alef: char) -> Option<u32> {
    match alef {
        '\u{0622}' => Some(0xFEF5),
        '\u{0623}' => Some(0xFEF7),
        '\u{0625}' => Some(0xFEF9),
        '\u{0627}' => Some(0xFEFB),
        _ => None,
    }
}

/// Arabic letters in their joined forms (Presentation Forms-B), in logical order, so a font
/// without a shaping engine draws connected words. `has` says whether the font can draw a
/// form; a letter whose form it lacks is left as it is. Letters outside the basic Arabic
/// alphabet (Persian and Urdu additions) are left unjoined.
pub fn shape_arabic(text: &str, has: &dyn Fn(char) -> bool) -> String {
    if !text.chars().any(|c| joining(c).is_some()) {
        return text.to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    // The nearest letter before and after `i`, skipping marks.
    let before = |i: usize| {
        chars[..i]
            .iter()
            .rev()
            .find(|c| !is_transparent(**c))
            .copied()
    };
    let after = |i: usize| {
        chars[i + 1..]
            .iter()
            .find(|c| !is_transparent(**c))
            .copied()
    };
    let joins_forward = |c: Option<char>| {
        c.is_some_and(|c| c == '\u{0640}' || matches!(joining(c), Some(Joining::Dual(_))))
    };
    let joins_back = |c: Option<char>| {
        c.is_some_and(|c| {
            c == '\u{0640}' || matches!(joining(c), Some(Joining::Dual(_) | Joining::Right(_)))
        })
    };
    let form = |code: u32| char::from_u32(code).filter(|f| has(*f));
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let Some(kind) = joining(c) else {
            out.push(c);
            i += 1;
            continue;
        };
        let prev = joins_forward(before(i));
        // Lam followed directly by an alef: one ligature glyph.
        if c == '\u{0644}'
            && let Some(ligature) = chars.get(i + 1).and_then(|a| lam_alef(*a))
            && let Some(glyph) = form(ligature + u32::from(prev))
        {
            out.push(glyph);
            i += 2;
            continue;
        }
        let next = joins_back(after(i));
        let code = match kind {
            Joining::None(base) => base,
            Joining::Right(base) => base + u32::from(prev),
            Joining::Dual(base) => {
                base + match (prev, next) {
                    (false, false) => 0,
                    (true, false) => 1,
                    (false, true) => 2,
                    (true, true) => 3,
                }
            }
        };
        out.push(form(code).unwrap_or(c));
        i += 1;
    }
    out
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

/// Warnings for the command to print about `document` ("the incident card"): characters no
/// font could draw, by script, with what to install (`advice`, which knows the platform), and
/// right-to-left text that is not shaped.
pub fn warnings(
    missing: &[char],
    text: &str,
    document: &str,
    advice: &dyn Fn(Script) -> String,
) -> Vec<String> {
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
        out.push(if script == EMOJI {
            format!(
                "{document}: prints {chars} as \u{FFFD}: carecheck cannot print emoji; write the words instead."
            )
        } else {
            format!(
                "{document}: no installed font can draw {chars} ({}), so it prints them as \u{FFFD}. Install {} and print it again.",
                script.name,
                advice(script)
            )
        });
    }
    // Letters carecheck cannot join (beyond the basic Arabic alphabet, such as Urdu's).
    let unjoined = text
        .split_whitespace()
        .filter(|w| {
            w.chars().any(|c| {
                is_arabic(c)
                    && c.is_alphabetic()
                    && joining(c).is_none()
                    && !is_transparent(c)
                    && !matches!(u32::from(c), 0xFB50..=0xFDFF | 0xFE70..=0xFEFF | 0x0640)
            })
        })
        .take(4)
        .map(unshape)
        .collect::<Vec<_>>()
        .join(" ");
    if !unjoined.is_empty() {
        out.push(format!(
            "{document} has Arabic-script letters carecheck cannot join ({unjoined}); they are set right to left, each on its own, so such names may read wrongly: check them on the page."
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_characters_are_named_with_their_script_and_a_package() {
        use crate::report::fonts::Platform;
        let warn = |missing: &[char], text: &str| {
            warnings(missing, text, "the incident card", &|s| {
                Platform::Linux.advice(s)
            })
        };
        let w = warn(&['张', '伟', 'ह'], "张伟 हिन्दी");
        assert_eq!(w.len(), 2, "{w:?}");
        assert!(
            w[0].starts_with("the incident card: no installed font can draw 张伟 (Chinese, Japanese or Korean), so it prints them as \u{FFFD}. Install a font that covers it (for example the fonts-noto-cjk package"),
            "{w:?}"
        );
        assert!(w[1].contains("South Asian"));
        let w = warnings(&['张'], "张", "the evidence pack", &|s| {
            Platform::Windows.advice(s)
        });
        assert!(
            !w[0].contains("package"),
            "no Debian package on Windows: {w:?}"
        );
        let w = warn(&['😀'], "ok 😀");
        assert!(w[0].contains("cannot print emoji"), "{w:?}");
        assert!(warn(&[], "Name: مرحبا").is_empty(), "joined");
        let w = warn(&[], "Name: پاکستان");
        assert!(w[0].contains("cannot join (پاکستان)"), "{w:?}");
        // Laid out (shaped), the name is still quoted as it was typed.
        let w = warn(&[], &shape_arabic("Name: پاکستان", &|_| true));
        assert!(w[0].contains("cannot join (پاکستان)"), "{w:?}");
        assert!(
            warn(&[], "Oak House שלום").is_empty(),
            "Hebrew needs no joining"
        );
    }

    #[test]
    fn arabic_letters_take_their_joined_forms() {
        let all = |_: char| true;
        // meem initial, reh final, hah initial, beh medial, alef final.
        assert_eq!(
            shape_arabic("مرحبا", &all),
            "\u{FEE3}\u{FEAE}\u{FEA3}\u{FE92}\u{FE8E}"
        );
        // seen initial, lam-alef final ligature, meem isolated.
        assert_eq!(shape_arabic("سلام", &all), "\u{FEB3}\u{FEFC}\u{FEE1}");
        assert_eq!(shape_arabic("Oak", &all), "Oak");
        // A font without the forms keeps the letters as they are.
        assert_eq!(shape_arabic("مرحبا", &|_| false), "مرحبا");
    }

    #[test]
    fn right_to_left_runs_are_drawn_reversed_with_numbers_kept() {
        assert_eq!(visual_order("Oak House"), "Oak House");
        assert_eq!(visual_order("Name: שלום עולם"), "Name: םלוע םולש");
        assert_eq!(visual_order("x אב 12 גד y"), "x דג 12 בא y");
        assert_eq!(visual_order("(שלום)"), "(םולש)");
    }
}
