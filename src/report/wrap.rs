//! Breaking text into lines that fit a width, measured with the real font.

use super::style::{Measure, TextStyle};

/// Wraps text to `width`, keeping explicit line breaks and breaking words longer than a line.
pub fn wrap(measure: &dyn Measure, text: &str, width: f32, style: TextStyle) -> Vec<String> {
    wrap_first(measure, text, width, width, style)
}

/// Like [`wrap`], but the first line may be narrower (it follows a label). If the first
/// word does not fit there but would fit on a full line, the first line is left empty.
pub(super) fn wrap_first(
    measure: &dyn Measure,
    text: &str,
    first_width: f32,
    width: f32,
    style: TextStyle,
) -> Vec<String> {
    let text = measure.displayable(text);
    let space = measure.width(" ", style);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut line_width = 0.0;
    for (index, paragraph) in text.split('\n').enumerate() {
        if index > 0 {
            lines.push(std::mem::take(&mut line));
            line_width = 0.0;
        }
        for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
            let word_width = measure.width(word, style);
            loop {
                let limit = if lines.is_empty() { first_width } else { width };
                let gap = if line.is_empty() { 0.0 } else { space };
                if line_width + gap + word_width <= limit {
                    if !line.is_empty() {
                        line.push(' ');
                    }
                    line.push_str(word);
                    line_width += gap + word_width;
                    break;
                }
                if !line.is_empty() || (word_width <= width && limit < width) {
                    lines.push(std::mem::take(&mut line));
                    line_width = 0.0;
                    continue;
                }
                // A word longer than a whole line (a path, a URL) is broken after its separators
                // so its parts stay whole; only a part still too long is broken between
                // characters.
                for piece in pieces(word) {
                    let piece_width = measure.width(piece, style);
                    let limit = if lines.is_empty() { first_width } else { width };
                    if line_width + piece_width > limit && !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                        line_width = 0.0;
                    } else if line.is_empty() && piece_width > limit && piece_width <= width {
                        // The narrow first line beside a label cannot take it; a full one can.
                        lines.push(String::new());
                    }
                    let limit = if lines.is_empty() { first_width } else { width };
                    if line_width + piece_width <= limit {
                        line.push_str(piece);
                        line_width += piece_width;
                        continue;
                    }
                    for c in piece.chars() {
                        let limit = if lines.is_empty() { first_width } else { width };
                        let w = measure.width(c.encode_utf8(&mut [0; 4]), style);
                        if line_width + w > limit && !line.is_empty() {
                            lines.push(std::mem::take(&mut line));
                            line_width = 0.0;
                        }
                        line.push(c);
                        line_width += w;
                    }
                }
                break;
            }
        }
    }
    lines.push(line);
    lines
}

/// The parts of a long word that a line may end after: each ends with a separator of a path
/// or address (`/ \\ . - _ ? & = : @`), or is the rest of the word.
fn pieces(word: &str) -> impl Iterator<Item = &str> {
    word.split_inclusive(['/', '\\', '.', '-', '_', '?', '&', '=', ':', '@'])
}

/// The widest unbreakable run in `text` (a word with no space): the narrowest a column can be
/// without breaking inside a word.
pub(super) fn widest_word(measure: &dyn Measure, text: &str, style: TextStyle) -> f32 {
    text.split([' ', '\n'])
        .map(|w| measure.width(w, style))
        .fold(0.0, f32::max)
}

/// The widest line of `text` set without wrapping.
pub(super) fn widest_line(measure: &dyn Measure, text: &str, style: TextStyle) -> f32 {
    text.split('\n')
        .map(|l| measure.width(l, style))
        .fold(0.0, f32::max)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::layout::Colour;

    /// Every character is 5 points wide at size 10, scaled with the size.
    struct Fixed;
    impl Measure for Fixed {
        fn width(&self, text: &str, style: TextStyle) -> f32 {
            text.chars().count() as f32 * style.size * 0.5
        }
        fn displayable(&self, text: &str) -> String {
            text.to_owned()
        }
    }

    fn body(size: f32) -> TextStyle {
        TextStyle {
            size,
            bold: false,
            mono: false,
            colour: Colour::Black,
        }
    }

    #[test]
    fn wrapping_respects_width_words_and_breaks() {
        let lines = wrap(&Fixed, "one two three four\nfive", 50.0, body(10.0));
        assert_eq!(lines, ["one two", "three four", "five"]);
        // A narrow first line that cannot take the first word is left empty.
        let lines = wrap_first(&Fixed, "alpha beta", 10.0, 50.0, body(10.0));
        assert_eq!(lines, ["", "alpha beta"]);
        assert_eq!(wrap(&Fixed, "", 50.0, body(10.0)), [""]);
        let lines = wrap(
            &Fixed,
            "https://example.org/a/very/long/address",
            50.0,
            body(10.0),
        );
        assert!(
            lines.iter().all(|l| Fixed.width(l, body(10.0)) <= 50.0),
            "{lines:?}"
        );
        assert_eq!(lines.concat(), "https://example.org/a/very/long/address");
        // A path breaks only after its separators when each part fits a line.
        let lines = wrap(
            &Fixed,
            "/home/manager/Documents/policies/backup.pdf",
            60.0,
            body(10.0),
        );
        assert_eq!(
            lines,
            [
                "/home/",
                "manager/",
                "Documents/",
                "policies/",
                "backup.pdf"
            ]
        );
        // Identifiers and words that fit are never split.
        let lines = wrap(&Fixed, "SCOPE-BYOD UPD-SUPPORTED", 60.0, body(10.0));
        assert_eq!(lines, ["SCOPE-BYOD", "UPD-", "SUPPORTED"]);
        let lines = wrap(&Fixed, "SCOPE-BYOD Organisation", 60.0, body(10.0));
        assert_eq!(lines, ["SCOPE-BYOD", "Organisation"]);
    }
}
