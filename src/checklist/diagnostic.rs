//! Problems found in a file, each with the place it was found.

use std::fmt;

use crate::text;

/// One problem with an input file, printed as `path:line:column: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file (or bundled checklist) the problem is in, as the user would name it.
    pub origin: String,
    pub position: Option<Position>,
    pub message: String,
}

/// A 1-based line and column (the column counts characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Diagnostic {
    pub fn new(origin: &str, position: Option<Position>, message: impl Into<String>) -> Self {
        Diagnostic {
            origin: origin.to_owned(),
            position,
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Paths and messages may quote the file's own text: never let it reach a terminal raw.
        let origin = text::one_line(&self.origin);
        let message = text::one_line(&self.message);
        match self.position {
            Some(Position { line, column }) => write!(f, "{origin}:{line}:{column}: {message}"),
            None => write!(f, "{origin}: {message}"),
        }
    }
}

/// Turns byte offsets into line and column numbers.
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { text, line_starts }
    }

    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = self.line_starts[line - 1];
        let column = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count())
            + 1;
        Position { line, column }
    }
}

/// The position of the first byte that is not valid UTF-8.
pub fn position_in_bytes(bytes: &[u8], offset: usize) -> Position {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    Position { line, column }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_character_columns() {
        let index = LineIndex::new("ab\n£é = 1\n\nx");
        assert_eq!(index.position(0), Position { line: 1, column: 1 });
        assert_eq!(index.position(3), Position { line: 2, column: 1 });
        // `=` follows two two-byte characters and a space.
        assert_eq!(index.position(8), Position { line: 2, column: 4 });
        assert_eq!(index.position(13), Position { line: 4, column: 1 });
        assert_eq!(index.position(999), Position { line: 4, column: 2 });
    }

    #[test]
    fn diagnostics_print_with_and_without_position() {
        let d = Diagnostic::new(
            "a.toml",
            Some(Position { line: 3, column: 7 }),
            "bad\u{1b}[31m",
        );
        assert_eq!(d.to_string(), "a.toml:3:7: bad\\u{1b}[31m");
        assert_eq!(
            Diagnostic::new("a.toml", None, "empty").to_string(),
            "a.toml: empty"
        );
    }

    #[test]
    fn invalid_utf8_is_located() {
        assert_eq!(
            position_in_bytes(b"ok\nab\xff", 5),
            Position { line: 2, column: 3 }
        );
    }
}
