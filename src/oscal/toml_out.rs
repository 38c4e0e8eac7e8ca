//! Writing checklist TOML text directly, a key at a time, into the one output buffer.
//!
//! Only what an imported checklist needs: text keys, a list of texts, and `[[table]]` headers.
//! Text with line breaks is written as a multi-line string so a person editing the file reads
//! it as prose. Every control character is escaped, so nothing in a catalog can end a string
//! early or put a raw control byte into the file.

use std::fmt::Write as _;

/// `key = "text"`, as a multi-line string when the text has line breaks.
pub fn text(out: &mut String, key: &str, value: &str) {
    out.push_str(key);
    out.push_str(" = ");
    if value.contains('\n') {
        // The line break straight after the opening quotes is not part of the text in TOML.
        out.push_str("\"\"\"\n");
        escaped(out, value, true);
        out.push_str("\"\"\"\n");
    } else {
        out.push('"');
        escaped(out, value, false);
        out.push_str("\"\n");
    }
}

/// `key = ["a", "b"]`.
pub fn text_list<'t>(out: &mut String, key: &str, values: impl IntoIterator<Item = &'t str>) {
    out.push_str(key);
    out.push_str(" = [");
    for (index, value) in values.into_iter().enumerate() {
        if index > 0 {
            out.push_str(", ");
        }
        out.push('"');
        escaped(out, value, false);
        out.push('"');
    }
    out.push_str("]\n");
}

/// `"text"`, escaped, for inline tables and lists written by the caller.
pub fn quoted(out: &mut String, value: &str) {
    out.push('"');
    escaped(out, value, false);
    out.push('"');
}

/// `key = 1`.
pub fn integer(out: &mut String, key: &str, value: i64) {
    let _ = writeln!(out, "{key} = {value}");
}

/// `[[name]]` after a blank line.
pub fn table_array(out: &mut String, name: &str) {
    out.push_str("\n[[");
    out.push_str(name);
    out.push_str("]]\n");
}

/// The text inside quotes: backslashes, quotes and every control character escaped, except
/// line breaks in a multi-line string. Everything else, accents and scripts included, is
/// written as it is. Every character that needs escaping is ASCII, so the scan is by byte.
fn escaped(out: &mut String, value: &str, multi_line: bool) {
    let mut rest = value;
    while let Some(at) = rest.bytes().position(|b| needs_escape(b, multi_line)) {
        out.push_str(&rest[..at]);
        match rest.as_bytes()[at] {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            other => {
                let _ = write!(out, "\\u{:04X}", u32::from(other));
            }
        }
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

/// Quotes, backslashes and the control characters TOML does not allow raw (all but tab, and
/// line breaks in a multi-line string).
fn needs_escape(b: u8, multi_line: bool) -> bool {
    match b {
        b'"' | b'\\' | 0x7f => true,
        b'\t' => false,
        b'\n' => !multi_line,
        b => b < 0x20,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(toml: &str) -> toml::Table {
        toml.parse().expect("valid TOML")
    }

    #[test]
    fn any_text_reads_back_as_itself() {
        let awkward = [
            "plain",
            "quote \" and backslash \\ and \"\"\" three",
            "ends with a quote\"",
            "\nstarts with a line break",
            "line\nbreaks\r\nand\ttabs",
            "controls \u{0}\u{1}\u{1b}[31m\u{7f} and é 日本 \u{202e}",
            "ends with a backslash\\",
            "",
        ];
        for value in awkward {
            let mut out = String::new();
            text(&mut out, "k", value);
            text_list(&mut out, "l", [value, "two"]);
            assert!(!out.contains('\u{0}') && !out.contains('\u{1b}'), "{out:?}");
            let table = parsed(&out);
            assert_eq!(table["k"].as_str(), Some(value), "{out}");
            assert_eq!(table["l"][0].as_str(), Some(value), "{out}");
        }
    }

    #[test]
    fn tables_and_integers() {
        let mut out = String::new();
        integer(&mut out, "format", 1);
        table_array(&mut out, "sections");
        text(&mut out, "id", "a");
        table_array(&mut out, "sections.items");
        text(&mut out, "id", "b");
        let table = parsed(&out);
        assert_eq!(table["format"].as_integer(), Some(1));
        assert_eq!(table["sections"][0]["items"][0]["id"].as_str(), Some("b"));
    }
}
