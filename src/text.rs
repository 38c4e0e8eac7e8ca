//! Making untrusted text safe to show.
//!
//! Checklists and notes come from files anyone can write. Before any of their text reaches a
//! terminal it passes through here, so an escape sequence in a checklist can never move the
//! cursor, change the title bar or hide text, and bidi overrides cannot reorder what is shown.

use std::borrow::Cow;
use std::io::{self, Write};

/// True for characters that must never reach a terminal raw.
///
/// C0 and C1 controls (which start escape sequences), DEL, bidirectional marks, embeddings,
/// overrides and isolates (the Arabic letter mark U+061C among them: all can make text read
/// differently from how it is stored), the line and paragraph separators (which some terminals
/// break on), invisible zero-width characters (which can hide differences between two IDs that
/// look the same) and the tag characters U+E0000–E007F (invisible, and used to smuggle text).
pub fn is_unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}'
                | '\u{E0000}'..='\u{E007F}'
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

/// The one gate between carecheck's commands and the terminal: everything a command prints
/// passes through it, so stored text that a printing path forgot to clean still cannot reach
/// the terminal raw. Newlines and Windows line ends (CSV) pass; every other unsafe character
/// (see [`is_unsafe_char`]), tabs and a lone carriage return included, and any byte that is
/// not UTF-8, is shown as a visible escape.
///
/// Escapes take JSON's form (`\u202e`, a surrogate pair above U+FFFF), not [`one_line`]'s
/// `\u{202e}`: serde already escapes controls, so what reaches this gate inside JSON is a
/// character such as a bidi override in a string, and JSON's own escape keeps the document
/// valid and meaning the same.
pub struct TerminalWriter<W: Write> {
    inner: W,
    /// Bytes held back: an unfinished UTF-8 sequence, or a carriage return whose next byte
    /// decides whether it ends a line.
    pending: Vec<u8>,
    /// Nothing has been written yet: a byte order mark may pass here, and only here (a CSV
    /// printed for Excel starts with one; anywhere else it is an invisible character).
    at_start: bool,
}

impl<W: Write> TerminalWriter<W> {
    pub fn new(inner: W) -> TerminalWriter<W> {
        TerminalWriter {
            inner,
            pending: Vec::new(),
            at_start: true,
        }
    }

    /// Writes out what `pending` holds, keeping back only what the next bytes may complete
    /// (nothing when `last`).
    fn drain(&mut self, last: bool) -> io::Result<()> {
        let mut out = String::with_capacity(self.pending.len());
        let mut rest: &[u8] = &self.pending;
        const BOM: &[u8] = "\u{FEFF}".as_bytes();
        if self.at_start && rest.len() < BOM.len() && BOM.starts_with(rest) && !last {
            return Ok(());
        }
        if self.at_start && !rest.is_empty() {
            self.at_start = false;
            if let Some(after) = rest.strip_prefix(BOM) {
                out.push('\u{FEFF}');
                rest = after;
            }
        }
        loop {
            match std::str::from_utf8(rest) {
                Ok(text) if !last && text.ends_with('\r') => {
                    push_escaped(&mut out, &text[..text.len() - 1]);
                    rest = &rest[rest.len() - 1..];
                    break;
                }
                Ok(text) => {
                    push_escaped(&mut out, text);
                    rest = &[];
                    break;
                }
                Err(e) => {
                    let (good, bad) = rest.split_at(e.valid_up_to());
                    push_escaped(&mut out, std::str::from_utf8(good).unwrap_or_default());
                    if e.error_len().is_none() && !last {
                        // An unfinished character: the next write may complete it.
                        rest = bad;
                        break;
                    }
                    out.push_str(&format!("\\x{:02x}", bad[0]));
                    rest = &bad[1..];
                }
            }
        }
        self.inner.write_all(out.as_bytes())?;
        self.pending = rest.to_vec();
        Ok(())
    }
}

/// `text` with every unsafe character escaped; a carriage return passes only before a newline.
fn push_escaped(out: &mut String, text: &str) {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let line_end = c == '\r' && chars.peek() == Some(&'\n');
        if c == '\n' || line_end || !(is_unsafe_char(c) || c == '\t') {
            out.push(c);
            continue;
        }
        let mut units = [0u16; 2];
        for unit in c.encode_utf16(&mut units) {
            out.push_str(&format!("\\u{unit:04x}"));
        }
    }
}

impl<W: Write> Write for TerminalWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        self.drain(false)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.drain(true)?;
        self.inner.flush()
    }
}

impl<W: Write> Drop for TerminalWriter<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

/// Markdown that shows `value` as plain text, whatever it holds: controls made visible, and
/// every character that could start markup (a link `[x](javascript:...)`, a remote image
/// `![i](http://...)`, raw HTML, emphasis, code, a heading, a table cell break) escaped. Every
/// Markdown writer (the export's summary, the continuity plan) passes every value through here.
pub fn markdown(value: &str) -> String {
    let line = one_line(value);
    let mut out = String::with_capacity(line.len() + 8);
    for c in line.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '|' | '*' | '_' | '[' | ']' | '(' | ')' | '!' | '`' | '#' | '~' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A web address as a Markdown link only when it is one (`http` or `https`, nothing that could
/// end the link early); anything else, `javascript:` included, is shown as plain text.
pub fn markdown_url(url: &str) -> String {
    let web = (url.starts_with("https://") || url.starts_with("http://"))
        && !url
            .chars()
            .any(|c| c.is_whitespace() || is_unsafe_char(c) || matches!(c, '<' | '>' | '"'));
    if web {
        format!("<{url}>")
    } else {
        markdown(url)
    }
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
    fn arabic_letter_mark_separators_and_tags_become_visible() {
        assert_eq!(one_line("a\u{61C}b"), "a\\u{61c}b");
        assert_eq!(one_line("a\u{2028}b"), "a\\u{2028}b");
        assert_eq!(one_line("a\u{E0041}\u{E007F}"), "a\\u{e0041}\\u{e007f}");
    }

    fn through_gate(chunks: &[&[u8]]) -> String {
        let mut bytes = Vec::new();
        {
            let mut gate = TerminalWriter::new(&mut bytes);
            for chunk in chunks {
                gate.write_all(chunk).expect("write");
            }
            gate.flush().expect("flush");
        }
        String::from_utf8(bytes).expect("the gate writes UTF-8")
    }

    #[test]
    fn the_gate_escapes_what_a_printing_path_forgot() {
        assert_eq!(
            through_gate(&[b"a\x1b]52;c;AAAA\x07b\r\n\tc\rd\n"]),
            "a\\u001b]52;c;AAAA\\u0007b\r\n\\u0009c\\u000dd\n"
        );
        assert_eq!(
            through_gate(&["x\u{202E}\u{61C}\u{E0041}\u{9B}".as_bytes()]),
            "x\\u202e\\u061c\\udb40\\udc41\\u009b"
        );
        assert_eq!(through_gate(&[b"bad \xff byte"]), "bad \\xff byte");
        let bom = "\u{FEFF}".as_bytes();
        assert_eq!(
            through_gate(&[&bom[..1], &bom[1..], b"id\r\n", bom]),
            "\u{FEFF}id\r\n\\ufeff"
        );
    }

    #[test]
    fn the_gate_joins_characters_and_line_ends_split_across_writes() {
        let rlo = "\u{202E}".as_bytes();
        assert_eq!(
            through_gate(&[b"a\r", b"\nb", &rlo[..1], &rlo[1..], b"\r"]),
            "a\r\nb\\u202e\\u000d"
        );
        assert_eq!(through_gate(&["£".as_bytes()[..1].as_ref()]), "\\xc2");
    }

    #[test]
    fn json_through_the_gate_stays_the_same_json() {
        let value = serde_json::json!({"owner": "Eve\u{202E}\u{E0041}\u{1b}[2J"});
        let shown = through_gate(&[value.to_string().as_bytes()]);
        assert!(!shown.chars().any(is_unsafe_char), "{shown}");
        let back: serde_json::Value = serde_json::from_str(&shown).expect("still JSON");
        assert_eq!(back, value);
    }

    #[test]
    fn markdown_is_plain_text_and_only_web_addresses_link() {
        assert_eq!(
            markdown("[x](javascript:alert(1)) ![i](http://e/t.png) <b>"),
            "\\[x\\]\\(javascript:alert\\(1\\)\\) \\!\\[i\\]\\(http://e/t.png\\) &lt;b&gt;"
        );
        assert_eq!(
            markdown_url("https://ico.org.uk/report"),
            "<https://ico.org.uk/report>"
        );
        assert_eq!(
            markdown_url("javascript:alert(1)"),
            "javascript:alert\\(1\\)"
        );
        assert_eq!(
            markdown_url("https://a> [x](javascript:1)"),
            "https://a&gt; \\[x\\]\\(javascript:1\\)"
        );
    }

    #[test]
    fn nothing_unsafe_survives_any_input() {
        let all: String = (0u32..0x3000).filter_map(char::from_u32).collect();
        for out in [one_line(&all), multi_line(&all)] {
            assert!(!out.chars().any(|c| is_unsafe_char(c) && c != '\n'));
        }
    }
}
