//! Writing laid-out pages as a PDF. The only module that uses printpdf.
//!
//! Text is set in DejaVu Sans (embedded, and subset to the characters used, so reports stay
//! small): it covers Latin, Greek and Cyrillic names, £, curly quotes, accents and ✓. Any
//! character it lacks is drawn as U+FFFD rather than silently vanishing.

use printpdf::{
    Color, DateTime, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem,
};

use super::layout::{Colour, Measure, Page, PageSpec, Placed, TextStyle};
use crate::domain::date::Timestamp;

const REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// Drawn in place of a character the font has no glyph for.
const REPLACEMENT: char = '\u{FFFD}';

struct Face {
    font: ParsedFont,
    units_per_em: f32,
    /// Advance widths of the first 256 code points, in font units, looked up once.
    latin: [u16; 256],
}

impl Face {
    fn load(bytes: &[u8]) -> Option<Face> {
        let font = ParsedFont::from_bytes(bytes, 0, &mut Vec::new())?;
        let units_per_em = f32::from(font.pdf_font_metrics.units_per_em.max(1));
        let mut latin = [0u16; 256];
        for (code, advance) in (0u32..).zip(latin.iter_mut()) {
            if let Some(gid) = font.lookup_glyph_index(code) {
                *advance = font.get_horizontal_advance(gid);
            }
        }
        Some(Face {
            font,
            units_per_em,
            latin,
        })
    }

    fn advance(&self, c: char) -> u16 {
        match usize::try_from(u32::from(c))
            .ok()
            .and_then(|i| self.latin.get(i))
        {
            Some(&a) if a > 0 => a,
            _ => self
                .font
                .lookup_glyph_index(u32::from(c))
                .map_or(0, |gid| self.font.get_horizontal_advance(gid)),
        }
    }

    fn has(&self, c: char) -> bool {
        self.font
            .lookup_glyph_index(u32::from(c))
            .is_some_and(|gid| gid != 0)
    }
}

/// The report's fonts, with measurement for the layout.
pub struct Fonts {
    regular: Face,
    bold: Face,
}

impl Fonts {
    pub fn load() -> Result<Fonts, String> {
        let regular =
            Face::load(REGULAR_TTF).ok_or("the bundled regular font could not be read")?;
        let bold = Face::load(BOLD_TTF).ok_or("the bundled bold font could not be read")?;
        Ok(Fonts { regular, bold })
    }

    fn face(&self, bold: bool) -> &Face {
        if bold { &self.bold } else { &self.regular }
    }
}

impl Measure for Fonts {
    fn width(&self, text: &str, style: TextStyle) -> f32 {
        let face = self.face(style.bold);
        let units: u32 = text.chars().map(|c| u32::from(face.advance(c))).sum();
        units as f32 / face.units_per_em * style.size
    }

    fn displayable(&self, text: &str) -> String {
        // Both faces cover the same characters, so checking the regular one is enough.
        text.chars()
            .map(|c| {
                if c == '\n' || self.regular.has(c) {
                    c
                } else {
                    REPLACEMENT
                }
            })
            .collect()
    }
}

/// The document's properties, shown by PDF readers.
pub struct Metadata {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub keywords: Vec<String>,
    pub created: Timestamp,
    /// Bookmarks: a title and the 0-based page it points to.
    pub bookmarks: Vec<(String, usize)>,
}

/// Draws `pages` and returns the PDF's bytes.
pub fn write(pages: &[Page], fonts: &Fonts, spec: PageSpec, meta: &Metadata) -> Vec<u8> {
    let mut doc = PdfDocument::new(&meta.title);
    let regular = PdfFontHandle::External(doc.add_font(&fonts.regular.font));
    let bold = PdfFontHandle::External(doc.add_font(&fonts.bold.font));
    let pdf_pages = pages
        .iter()
        .map(|page| {
            let mut ops = Vec::with_capacity(page.items.len() * 6);
            for item in &page.items {
                draw(&mut ops, item, spec, &regular, &bold);
            }
            PdfPage::new(Mm::from(Pt(spec.width)), Mm::from(Pt(spec.height)), ops)
        })
        .collect();
    let when =
        DateTime::from_unix_timestamp(meta.created.unix()).unwrap_or_else(|_| DateTime::now());
    let info = &mut doc.metadata.info;
    info.document_title.clone_from(&meta.title);
    info.author.clone_from(&meta.author);
    info.subject.clone_from(&meta.subject);
    info.keywords.clone_from(&meta.keywords);
    info.creator = format!("carecheck {}", env!("CARGO_PKG_VERSION"));
    info.producer = "carecheck".to_owned();
    info.creation_date = when;
    info.modification_date = when;
    info.metadata_date = when;
    for (title, page) in &meta.bookmarks {
        // printpdf numbers pages from 1 here.
        doc.add_bookmark(title, page + 1);
    }
    doc.with_pages(pdf_pages)
        .save(&PdfSaveOptions::default(), &mut Vec::new())
}

fn draw(
    ops: &mut Vec<Op>,
    item: &Placed,
    spec: PageSpec,
    regular: &PdfFontHandle,
    bold: &PdfFontHandle,
) {
    match item {
        Placed::Text { x, y, text, style } => {
            ops.extend([
                Op::StartTextSection,
                Op::SetFont {
                    font: if style.bold {
                        bold.clone()
                    } else {
                        regular.clone()
                    },
                    size: Pt(style.size),
                },
                Op::SetFillColor {
                    col: colour(style.colour),
                },
                Op::SetTextCursor {
                    pos: Point {
                        x: Pt(*x),
                        y: Pt(spec.height - y),
                    },
                },
                Op::ShowText {
                    items: vec![TextItem::Text(text.clone())],
                },
                Op::EndTextSection,
            ]);
        }
        Placed::Rect {
            x,
            y,
            width,
            height,
            colour: c,
        } => {
            ops.push(Op::SetFillColor { col: colour(*c) });
            ops.push(Op::DrawRectangle {
                rectangle: Rect {
                    x: Pt(*x),
                    y: Pt(spec.height - y - height),
                    width: Pt(*width),
                    height: Pt(*height),
                    mode: Some(PaintMode::Fill),
                    winding_order: None,
                },
            });
        }
    }
}

fn colour(c: Colour) -> Color {
    let (r, g, b) = match c {
        Colour::Black => (0.1, 0.1, 0.12),
        Colour::Grey => (0.42, 0.42, 0.45),
        Colour::Light => (0.93, 0.94, 0.96),
        Colour::Green => (0.08, 0.5, 0.25),
        Colour::Amber => (0.75, 0.45, 0.0),
        Colour::Red => (0.75, 0.1, 0.1),
        Colour::Blue => (0.1, 0.3, 0.6),
    };
    Color::Rgb(Rgb {
        r,
        g,
        b,
        icc_profile: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_font_covers_what_care_records_need() {
        let fonts = Fonts::load().expect("fonts");
        for text in [
            "£ € “quoted” ’ – é ü ç ñ ✓ ✗ ◐ ⚑",
            "Łódź Ørsted Ærø",
            "Ψυχή",
            "Жанна Иванова",
        ] {
            assert_eq!(fonts.displayable(text), text, "{text}");
        }
        assert_eq!(
            fonts.displayable("介護"),
            "\u{FFFD}\u{FFFD}",
            "missing glyphs are replaced visibly"
        );
        let narrow = fonts.width("iii", TextStyle::BODY);
        let wide = fonts.width("MMM", TextStyle::BODY);
        assert!(narrow > 0.0 && wide > narrow * 2.0, "{narrow} {wide}");
        assert!(fonts.width(" ", TextStyle::BODY) > 0.0, "spaces have width");
    }
}
