//! Making untrusted text safe to show.
//!
//! Checklists and notes come from files anyone can write. Before any of their text reaches a
//! terminal it passes through here, so an escape sequence in a checklist can never move the
//! cursor, change the title bar or hide text, and bidi overrides cannot reorder what is shown.

use std::borrow::Cow;

/// True for characters that must never reach a terminal raw.
///
/// C0 and C1 controls (which start escape sequences), DEL, bidirectional embedding and override
/// marks (which can make text read differently from how it is stored) and invisible
/// zero-width characters (which can hide differences between two IDs that look the same).
pub fn is_unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}'
        )
}

/// Text for a single terminal line: every unsafe character, newlines and tabs included, is shown
/// as a visible escape such as `\u{1b}` (tabs and newlines become a space so prose stays readable).
pub fn one_line(text: &str) -> Cow<'_, str> {
    clean(text, false)
}

/// Text that may span lines: newlines are kept, tabs become spaces, and every other unsafe
/// character is shown as a visible escape.
pub fn multi_line(text: &str) -> Cow<'_, str> {
    clean(text, true)
}

fn clean(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    if !text.chars().any(|c| is_unsafe_char(c) || c == '\t') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' if keep_newlines => out.push('\n'),
            // A Windows line ending is one break, not a break and a stray escape.
            '\r' if keep_newlines && chars.peek() == Some(&'\n') => {}
            '\t' => out.push_str(if keep_newlines { "    " } else { " " }),
            '\n' | '\r' => out.push(' '),
            c if is_unsafe_char(c) => {
                out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// "1 item", "2 items".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        assert!(matches!(one_line("Standards Met £ ✓ é"), Cow::Borrowed(_)));
    }

    #[test]
    fn escape_sequences_become_visible() {
        assert_eq!(one_line("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(one_line("bell\u{7}"), "bell\\u{7}");
        assert_eq!(one_line("c1\u{9b}31m"), "c1\\u{9b}31m");
    }

    #[test]
    fn bidi_and_zero_width_become_visible() {
        assert_eq!(one_line("a\u{202E}b"), "a\\u{202e}b");
        assert_eq!(one_line("a\u{200B}b"), "a\\u{200b}b");
        assert_eq!(one_line("\u{FEFF}x"), "\\u{feff}x");
    }

    #[test]
    fn newlines_kept_only_in_multi_line_text() {
        assert_eq!(one_line("a\nb\tc"), "a b c");
        assert_eq!(multi_line("a\r\nb\tc"), "a\nb    c");
        assert_eq!(multi_line("a\rb"), "a b");
    }

    #[test]
    fn nothing_unsafe_survives_any_input() {
        let all: String = (0u32..0x3000).filter_map(char::from_u32).collect();
        for out in [one_line(&all), multi_line(&all)] {
            assert!(!out.chars().any(|c| is_unsafe_char(c) && c != '\n'));
        }
    }
}
