//! Paths dropped into the terminal from a file manager arrive quoted the way the terminal
//! quotes them for a shell. This decodes the common forms, so the evidence box finds the file:
//! - GNOME Terminal and KDE Konsole: single quotes, an apostrophe written `'\''`, often with a
//!   trailing space: `'/home/sam/Manager'\''s notes.pdf' `
//! - macOS Terminal (and xterm-likes): backslashes before spaces and quotes:
//!   `/Users/sam/Manager\'s\ notes.pdf`
//! - Windows Terminal: double quotes around a path whose backslashes are separators:
//!   `"C:\Users\sam\Manager's notes.pdf"`
//! - file managers that drop a URL: `file:///home/sam/Manager%27s%20notes.pdf`

/// What `input` may mean as a path, most likely first: the Windows reading of a double-quoted
/// path, a `file://` URL, the shell's reading, and the text as typed. No duplicates.
pub fn candidates(input: &str) -> Vec<String> {
    let typed = input.trim();
    let mut out: Vec<String> = Vec::new();
    let mut push = |c: Option<String>| {
        if let Some(c) = c.filter(|c| !c.is_empty())
            && !out.contains(&c)
        {
            out.push(c);
        }
    };
    push(windows_quoted(typed));
    push(file_url(typed));
    push(shell_word(typed));
    push(Some(typed.to_owned()));
    out
}

/// The name to record when no file is there: the decoded path when the text was quoted, so
/// a document is never named with the terminal's quoting.
pub fn document_name(input: &str) -> String {
    candidates(input)
        .into_iter()
        .next()
        .unwrap_or_else(|| input.trim().to_owned())
}

/// `"C:\…"`: the inside of double quotes, taken literally, when it looks like a Windows path
/// (a drive letter or a `\\server` share), where backslashes are separators, not escapes.
fn windows_quoted(text: &str) -> Option<String> {
    let inner = text.strip_prefix('"')?.strip_suffix('"')?;
    let bytes = inner.as_bytes();
    let drive = bytes.len() > 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':';
    (drive || inner.starts_with("\\\\")).then(|| inner.to_owned())
}

/// One word as a POSIX shell reads it: single quotes literal, double quotes with `\"`, `\\`,
/// `\$` and `` \` `` escapes, a backslash outside quotes escaping the next character. `None`
/// when the text is not one word (an unclosed quote, or a space outside quotes).
fn shell_word(text: &str) -> Option<String> {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => loop {
                match chars.next()? {
                    '\'' => break,
                    c => out.push(c),
                }
            },
            '"' => loop {
                match chars.next()? {
                    '"' => break,
                    '\\' => match chars.next()? {
                        c @ ('"' | '\\' | '$' | '`') => out.push(c),
                        c => {
                            out.push('\\');
                            out.push(c);
                        }
                    },
                    c => out.push(c),
                }
            },
            '\\' => out.push(chars.next()?),
            c if c.is_whitespace() => return None,
            c => out.push(c),
        }
    }
    Some(out)
}

/// A `file://` URL's path, its `%xx` escapes decoded (`None` for anything else, or for
/// escapes that are not UTF-8).
fn file_url(text: &str) -> Option<String> {
    let rest = text.strip_prefix("file://")?;
    // file:///path, or file://localhost/path.
    let path = rest.strip_prefix("localhost").unwrap_or(rest);
    let mut bytes = Vec::new();
    let mut iter = path.bytes();
    while let Some(b) = iter.next() {
        if b == b'%' {
            let hex = [iter.next()?, iter.next()?];
            let hex = std::str::from_utf8(&hex).ok()?;
            bytes.push(u8::from_str_radix(hex, 16).ok()?);
        } else {
            bytes.push(b);
        }
    }
    String::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const WANTED: &str = "/home/sam/Documents/Manager's notes.pdf";

    #[test]
    fn gnome_and_kde_single_quotes_with_an_apostrophe() {
        let dropped = "'/home/sam/Documents/Manager'\\''s notes.pdf' ";
        assert_eq!(candidates(dropped)[0], WANTED);
        assert_eq!(document_name(dropped), WANTED);
    }

    #[test]
    fn macos_terminal_backslashes() {
        let dropped = "/home/sam/Documents/Manager\\'s\\ notes.pdf";
        assert_eq!(candidates(dropped)[0], WANTED);
    }

    #[test]
    fn windows_terminal_double_quotes_keep_backslashes() {
        let dropped = "\"C:\\Users\\sam\\Documents\\Manager's notes.pdf\"";
        assert_eq!(
            candidates(dropped)[0],
            "C:\\Users\\sam\\Documents\\Manager's notes.pdf"
        );
        let share = "\"\\\\office-nas\\policies\\Backup policy.pdf\"";
        assert_eq!(
            candidates(share)[0],
            "\\\\office-nas\\policies\\Backup policy.pdf"
        );
    }

    #[test]
    fn double_quotes_on_unix_and_file_urls() {
        assert_eq!(
            candidates("\"/home/sam/Documents/Manager's notes.pdf\"")[0],
            WANTED
        );
        assert_eq!(
            candidates("file:///home/sam/Documents/Manager%27s%20notes.pdf")[0],
            WANTED
        );
    }

    #[test]
    fn plain_text_and_a_document_name_stay_as_typed() {
        assert_eq!(
            candidates("Fire safety folder, office shelf"),
            vec!["Fire safety folder, office shelf".to_owned()]
        );
        assert_eq!(
            candidates("  /tmp/plain.pdf "),
            vec!["/tmp/plain.pdf".to_owned()]
        );
        // An unclosed quote is no shell word: kept as typed.
        assert_eq!(candidates("'half"), vec!["'half".to_owned()]);
    }
}
