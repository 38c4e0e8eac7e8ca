//! What a run of text looks like on the page (size, weight, face, colour) and how wide it is:
//! the vocabulary shared by wrapping, layout and the PDF writer.

/// Text measurement, from the real font that will draw the text.
pub trait Measure {
    /// Width of `text` in points.
    fn width(&self, text: &str, style: TextStyle) -> f32;
    /// `text` with any character the font cannot draw replaced by one it can.
    fn displayable(&self, text: &str) -> String;
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextStyle {
    pub size: f32,
    pub bold: bool,
    /// Set in the monospaced face (hashes), so that fixed-width splits line up.
    pub mono: bool,
    pub colour: Colour,
}

impl TextStyle {
    pub const BODY: TextStyle = TextStyle {
        size: 9.5,
        bold: false,
        mono: false,
        colour: Colour::Black,
    };
    pub const SMALL: TextStyle = TextStyle {
        size: 8.0,
        bold: false,
        mono: false,
        colour: Colour::Grey,
    };
    pub const LABEL: TextStyle = TextStyle {
        size: 9.5,
        bold: true,
        mono: false,
        colour: Colour::Black,
    };
    pub const MONO: TextStyle = TextStyle {
        size: 7.0,
        bold: false,
        mono: true,
        colour: Colour::Black,
    };

    pub fn colour(self, colour: Colour) -> TextStyle {
        TextStyle { colour, ..self }
    }

    pub fn line_height(self) -> f32 {
        self.size * 1.32
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colour {
    Black,
    Grey,
    Light,
    /// Text colours: each at least 4.5:1 against white (WCAG AA), and never the only sign of
    /// meaning (a symbol and a word go with them).
    Green,
    Amber,
    Red,
    Blue,
    /// Bar fills from the Okabe–Ito colour-blind-safe palette, each at least 3:1 against white.
    BarMet,
    BarGap,
    BarNotApplicable,
    White,
}
