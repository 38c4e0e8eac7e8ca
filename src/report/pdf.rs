//! Writing laid-out pages as a PDF. The only module that uses printpdf.
//!
//! Text is set in DejaVu Sans (embedded, and subset to the characters used, so reports stay
//! small): it covers Latin, Greek and Cyrillic names, £, curly quotes, accents and ✓. Hashes
//! are set in DejaVu Sans Mono. Any character the fonts lack is drawn as U+FFFD rather than
//! silently vanishing (and the command warns: see [`Fonts::missing`]).
//!
//! The document is tagged as British English (`/Lang en-GB`), opens with its outline shown
//! (`/PageMode /UseOutlines`, a name as the specification requires) and claims no PDF/X or
//! PDF/A conformance it does not have. It is a tagged PDF (PDF/UA-1): everything drawn is
//! marked content in the structure tree [`pdf_tags`] builds from the layout's marks, or an
//! artifact.

use printpdf::{
    Actions, BorderArray, Color, DateTime, Destination, DictItem, HighlightingMode, LinkAnnotation,
    Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt,
    Rect, Rgb, TextItem,
};

use super::layout::{Colour, Measure, Page, PageSpec, Placed, TextStyle};
use super::pdf_tags::{self, Marking};
use crate::domain::date::Timestamp;

// The fonts are carried deflated (build.rs) and inflated when a PDF is made: it halves what
// they add to the binary, for about 20 ms per PDF.
const REGULAR_TTF: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/DejaVuSans.ttf.deflate"));
const BOLD_TTF: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/DejaVuSans-Bold.ttf.deflate"));
const MONO_TTF: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/DejaVuSansMono.ttf.deflate"));

/// A bundled font's bytes, inflated.
fn inflate(deflated: &[u8]) -> Option<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    flate2::read::DeflateDecoder::new(deflated)
        .read_to_end(&mut bytes)
        .ok()?;
    Some(bytes)
}

/// Joins words the wrapping must keep on one line (the parts of a phone number).
pub const NO_BREAK_SPACE: char = '\u{A0}';

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
    mono: Face,
    /// A system font (see [`super::fonts`]) for characters the bundled faces lack, such as
    /// Chinese, Japanese or Korean names. Regular weight only.
    fallback: Option<Face>,
    /// While the text is first laid out to learn what it holds, characters no font draws are
    /// kept (not replaced), so that they can be found and named.
    probing: bool,
}

impl Fonts {
    pub fn load() -> Result<Fonts, String> {
        let bundled = |deflated: &[u8]| inflate(deflated).and_then(|bytes| Face::load(&bytes));
        let regular = bundled(REGULAR_TTF).ok_or("the bundled regular font could not be read")?;
        let bold = bundled(BOLD_TTF).ok_or("the bundled bold font could not be read")?;
        let mono = bundled(MONO_TTF).ok_or("the bundled monospaced font could not be read")?;
        Ok(Fonts {
            regular,
            bold,
            mono,
            fallback: None,
            probing: false,
        })
    }

    /// Keep characters no font draws when laying out (`true`), or replace them with U+FFFD.
    pub(super) fn set_probing(&mut self, probing: bool) {
        self.probing = probing;
    }

    /// Adds the first of `candidates` (font files' bytes) that draws every one of `needed`,
    /// or failing that the one that draws most of them. Returns whether one was added.
    pub fn add_fallback(&mut self, candidates: Vec<Vec<u8>>, needed: &[char]) -> bool {
        let mut best: Option<(usize, Face)> = None;
        for bytes in candidates {
            let Some(face) = Face::load(&bytes) else {
                continue;
            };
            let covered = needed.iter().filter(|c| face.has(**c)).count();
            if covered > 0 && best.as_ref().is_none_or(|(b, _)| covered > *b) {
                let all = covered == needed.len();
                best = Some((covered, face));
                if all {
                    break;
                }
            }
        }
        self.fallback = best.map(|(_, face)| face);
        self.fallback.is_some()
    }

    /// Whether `c` is drawn from the fallback font rather than the bundled one.
    fn drawn_by_fallback(&self, c: char) -> bool {
        !self.regular.has(c) && self.fallback.as_ref().is_some_and(|f| f.has(c))
    }

    fn face(&self, style: TextStyle) -> &Face {
        if style.mono {
            &self.mono
        } else if style.bold {
            &self.bold
        } else {
            &self.regular
        }
    }

    /// The characters of `text` the fonts cannot draw, each once, in order: for a warning that
    /// names what will print as U+FFFD.
    pub fn missing(&self, text: &str) -> Vec<char> {
        let mut missing: Vec<char> = Vec::new();
        for c in text.chars() {
            let drawable = self.regular.has(c) || self.fallback.as_ref().is_some_and(|f| f.has(c));
            if !c.is_control() && !drawable && !missing.contains(&c) {
                missing.push(c);
            }
        }
        missing
    }
}

impl Measure for Fonts {
    fn width(&self, text: &str, style: TextStyle) -> f32 {
        let face = self.face(style);
        let mut units = 0u32;
        let mut fallback_em = 0.0f32;
        for c in text.chars() {
            match &self.fallback {
                Some(f) if self.drawn_by_fallback(c) => {
                    fallback_em += f32::from(f.advance(c)) / f.units_per_em;
                }
                _ => units += u32::from(face.advance(c)),
            }
        }
        (units as f32 / face.units_per_em + fallback_em) * style.size
    }

    fn displayable(&self, text: &str) -> String {
        // Arabic letters become their joined forms where the font has them, before measuring.
        let text = super::scripts::shape_arabic(text, &|c| self.regular.has(c));
        // Both faces cover the same characters, so checking the regular one is enough.
        text.chars()
            .map(|c| {
                if c == '\n' || self.probing || self.regular.has(c) || self.drawn_by_fallback(c) {
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
    /// Bookmarks in reading order: the level (1 for a part, 2 for a section within it), the
    /// title and the 0-based page it points to.
    pub bookmarks: Vec<(u8, String, usize)>,
    /// A machine-readable manifest (JSON), kept in the document information as
    /// `CarecheckManifest` for `carecheck verify`.
    pub manifest: Option<String>,
}

/// printpdf writes a flat outline sorted by page and then title; this puts its entries back in
/// reading order and nests each section under its part (collapsed), so the outline reads
/// "Answers: DSPT" > "1 Personal confidential data" and so on. A macro because printpdf does
/// not re-export the lopdf document type it hands back, and carecheck adds no crate to name it.
macro_rules! nest_outline {
    ($lo:expr, $bookmarks:expr) => {{
        let lo = $lo;
        let bookmarks: &[(u8, String, usize)] = $bookmarks;
        (|| {
            let Some(root) = lo
                .catalog()
                .ok()
                .and_then(|c| c.get(b"Outlines").ok())
                .and_then(|o| o.as_reference().ok())
            else {
                return;
            };
            // printpdf's order: by page, then title (a stable sort of ours gives the same).
            let mut printed: Vec<usize> = (0..bookmarks.len()).collect();
            printed.sort_by(|&a, &b| {
                (bookmarks[a].2, &bookmarks[a].1).cmp(&(bookmarks[b].2, &bookmarks[b].1))
            });
            let mut ids = vec![None; bookmarks.len()];
            let mut next = lo
                .get_dictionary(root)
                .ok()
                .and_then(|d| d.get(b"First").ok())
                .and_then(|o| o.as_reference().ok());
            for &index in &printed {
                let Some(id) = next else { return };
                ids[index] = Some(id);
                next = lo
                    .get_dictionary(id)
                    .ok()
                    .and_then(|d| d.get(b"Next").ok())
                    .and_then(|o| o.as_reference().ok());
            }
            let Some(ids) = ids.into_iter().collect::<Option<Vec<_>>>() else {
                return;
            };
            // Each entry's parent: the root, or the part (level 1) before it.
            let mut parents = Vec::with_capacity(ids.len());
            let mut part = None;
            for ((level, _, _), id) in bookmarks.iter().zip(&ids) {
                if *level <= 1 {
                    part = Some(*id);
                    parents.push(root);
                } else {
                    parents.push(part.unwrap_or(root));
                }
            }
            for parent in std::iter::once(root).chain(ids.iter().copied()) {
                let children: Vec<_> = ids
                    .iter()
                    .zip(&parents)
                    .filter(|(_, p)| **p == parent)
                    .map(|(id, _)| *id)
                    .collect();
                for (i, child) in children.iter().enumerate() {
                    if let Ok(dict) = lo.get_dictionary_mut(*child) {
                        dict.set("Parent", parent);
                        dict.remove(b"Prev");
                        dict.remove(b"Next");
                        if i > 0 {
                            dict.set("Prev", children[i - 1]);
                        }
                        if let Some(after) = children.get(i + 1) {
                            dict.set("Next", *after);
                        }
                    }
                }
                if let (Some(first), Some(last), Ok(dict)) = (
                    children.first(),
                    children.last(),
                    lo.get_dictionary_mut(parent),
                ) {
                    dict.set("First", *first);
                    dict.set("Last", *last);
                    let count = i64::try_from(children.len()).unwrap_or(i64::MAX);
                    // The root counts its visible entries; a part starts closed (a negative count).
                    dict.set("Count", if parent == root { count } else { -count });
                }
            }
        })()
    }};
}

/// Draws `pages` and returns the PDF's bytes.
pub fn write(pages: &[Page], fonts: &Fonts, spec: PageSpec, meta: &Metadata) -> Vec<u8> {
    let mut doc = PdfDocument::new(&meta.title);
    let handles = Handles {
        regular: PdfFontHandle::External(doc.add_font(&fonts.regular.font)),
        bold: PdfFontHandle::External(doc.add_font(&fonts.bold.font)),
        mono: PdfFontHandle::External(doc.add_font(&fonts.mono.font)),
        fallback: fonts
            .fallback
            .as_ref()
            .map(|f| PdfFontHandle::External(doc.add_font(&f.font))),
    };
    // The first anchor of a name wins.
    let anchors: std::collections::HashMap<&str, (usize, f32)> = pages
        .iter()
        .enumerate()
        .flat_map(|(i, p)| p.anchors.iter().map(move |(a, y)| (a.as_str(), (i, *y))))
        .rev()
        .collect();
    let mut tags = pdf_tags::Builder::new();
    let pdf_pages = pages
        .iter()
        .enumerate()
        .map(|(index, page)| {
            let ops = page_ops(page, index, &mut tags, &anchors, (spec, fonts, &handles));
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
    for (_, title, page) in &meta.bookmarks {
        // printpdf numbers pages from 1 here.
        doc.add_bookmark(title, page + 1);
    }
    doc.with_pages(pdf_pages);
    let options = PdfSaveOptions::default();
    let mut lo = doc.to_lopdf_document(&options, &mut Vec::new());
    // Fonts are embedded as TrueType in Type 0 wrappers and outlines are used: 1.7 is honest.
    lo.version = "1.7".to_owned();
    let info_id = lo.trailer.get(b"Info").and_then(|o| o.as_reference()).ok();
    // printpdf writes an empty GTS_PDFXVersion, which makes some readers claim the file is
    // PDF/X, and no /Lang. A text string object for /Lang is made from the creation date's
    // (printpdf does not re-export lopdf's types, and carecheck adds no crate for this).
    let mut lang = None;
    if let Some(info) = info_id.and_then(|id| lo.get_dictionary_mut(id).ok()) {
        info.remove(b"GTS_PDFXVersion");
        info.remove(b"Trapped");
        if let Ok(mut text) = info.get(b"CreationDate").cloned()
            && let Ok(bytes) = text.as_str_mut()
        {
            *bytes = b"en-GB".to_vec();
            lang = Some(text);
        }
        if let Some(manifest) = &meta.manifest {
            for (key, value) in [
                (
                    super::manifest::MANIFEST_KEY,
                    super::manifest::hex(manifest),
                ),
                (
                    super::manifest::SEAL_KEY,
                    super::manifest::UNSEALED.to_owned(),
                ),
            ] {
                if let Ok(mut text) = info.get(b"CreationDate").cloned()
                    && let Ok(bytes) = text.as_str_mut()
                {
                    *bytes = value.into_bytes();
                    info.set(key, text);
                }
            }
        }
    }
    nest_outline!(&mut lo, &meta.bookmarks);
    pdf_tags::apply(
        &mut lo,
        &tags.finish(),
        &pdf_tags::Properties {
            title: &meta.title,
            author: &meta.author,
            subject: &meta.subject,
            producer: "carecheck",
        },
    );
    if let Ok(catalog) = lo.catalog_mut() {
        if let Some(lang) = lang {
            catalog.set("Lang", lang);
        }
        let mode = if meta.bookmarks.is_empty() {
            "UseNone"
        } else {
            "UseOutlines"
        };
        catalog.set("PageMode", mode);
    }
    lo.compress();
    let mut bytes = Vec::new();
    if lo.save_to(&mut bytes).is_err() {
        // Writing to memory does not fail; fall back to printpdf's own output if it ever does.
        return doc.save(&options, &mut Vec::new());
    }
    if meta.manifest.is_some() {
        super::manifest::seal(&mut bytes);
    }
    bytes
}

/// A page's drawing operations, each thing drawn inside the marked content `tags` gives it.
fn page_ops(
    page: &Page,
    index: usize,
    tags: &mut pdf_tags::Builder,
    anchors: &std::collections::HashMap<&str, (usize, f32)>,
    (spec, fonts, handles): (PageSpec, &Fonts, &Handles),
) -> Vec<Op> {
    let mut ops = Vec::with_capacity(page.items.len() * 8);
    let mut in_link = false;
    // Whether a marked-content sequence is open, to go on or be closed.
    let mut open = false;
    let close = |ops: &mut Vec<Op>, open: &mut bool| {
        if std::mem::take(open) {
            ops.push(Op::EndMarkedContent);
        }
    };
    for (i, item) in page.items.iter().enumerate() {
        let marking = match item {
            Placed::Mark(mark) => {
                close(&mut ops, &mut open);
                tags.mark(mark);
                continue;
            }
            Placed::Link {
                x,
                y,
                width,
                height,
                target,
            } => {
                if let Some(&to) = anchors.get(target.as_str()) {
                    close(&mut ops, &mut open);
                    ops.push(link((*x, *y, *width, *height), to, spec));
                    // The link's words are the text drawn over it, next.
                    let words = page.items[i..].iter().find_map(|p| match p {
                        Placed::Text { text, .. } => Some(text.as_str()),
                        _ => None,
                    });
                    tags.begin_link(index, words.unwrap_or_default());
                    in_link = true;
                }
                continue;
            }
            Placed::Text { .. } => tags.text(index),
            Placed::Rect { .. } => tags.shape(index),
        };
        let begin = match marking {
            Marking::Continue if open => None,
            Marking::Artifact | Marking::Continue => Some(Op::BeginMarkedContent {
                tag: "Artifact".to_owned(),
            }),
            Marking::Content { kind, mcid } => Some(Op::BeginMarkedContentWithProperties {
                tag: kind,
                properties: DictItem::Dict {
                    map: std::iter::once(("MCID".to_owned(), DictItem::Int(mcid))).collect(),
                },
            }),
        };
        if let Some(begin) = begin {
            close(&mut ops, &mut open);
            ops.push(begin);
            open = true;
        }
        draw(&mut ops, item, spec, fonts, handles);
        if in_link && matches!(item, Placed::Text { .. }) {
            close(&mut ops, &mut open);
            tags.end_link();
            in_link = false;
        }
    }
    close(&mut ops, &mut open);
    ops
}

/// A borderless link over a rectangle (x, top from the top of the page, width, height) to a
/// place: a page and how far down it.
fn link(
    (x, y, width, height): (f32, f32, f32, f32),
    (to_page, to_y): (usize, f32),
    spec: PageSpec,
) -> Op {
    Op::LinkAnnotation {
        link: LinkAnnotation::new(
            Rect {
                x: Pt(x),
                y: Pt(spec.height - y - height),
                width: Pt(width),
                height: Pt(height),
                mode: None,
                winding_order: None,
            },
            // printpdf numbers pages from 1 here.
            Actions::go_to(Destination::Xyz {
                page: to_page + 1,
                left: None,
                top: Some(spec.height - to_y + 4.0),
                zoom: None,
            }),
            Some(BorderArray::Solid([0.0, 0.0, 0.0])),
            None,
            Some(HighlightingMode::Outline),
        ),
    }
}

struct Handles {
    regular: PdfFontHandle,
    bold: PdfFontHandle,
    mono: PdfFontHandle,
    fallback: Option<PdfFontHandle>,
}

fn draw(ops: &mut Vec<Op>, item: &Placed, spec: PageSpec, fonts: &Fonts, handles: &Handles) {
    match item {
        Placed::Text { x, y, text, style } => {
            let own = if style.mono {
                &handles.mono
            } else if style.bold {
                &handles.bold
            } else {
                &handles.regular
            };
            // Runs of characters drawn from the same font, each placed after the last, in the
            // order they are seen (right-to-left words reversed).
            let mut runs: Vec<(bool, String)> = Vec::new();
            // A no-break space keeps a phone number on one line when wrapping; it is drawn as
            // a plain space so that text copied from the PDF reads plainly.
            let text = text.replace(NO_BREAK_SPACE, " ");
            for c in super::scripts::visual_order(&text).chars() {
                let fallback = handles.fallback.is_some() && fonts.drawn_by_fallback(c);
                match runs.last_mut() {
                    Some((f, run)) if *f == fallback => run.push(c),
                    _ => runs.push((fallback, c.to_string())),
                }
            }
            let mut left = *x;
            for (fallback, run) in runs {
                let font = match (&handles.fallback, fallback) {
                    (Some(f), true) => f.clone(),
                    _ => own.clone(),
                };
                ops.extend([
                    Op::StartTextSection,
                    Op::SetFont {
                        font,
                        size: Pt(style.size),
                    },
                    Op::SetFillColor {
                        col: colour(style.colour),
                    },
                    Op::SetTextCursor {
                        pos: Point {
                            x: Pt(left),
                            y: Pt(spec.height - y),
                        },
                    },
                ]);
                left += fonts.width(&run, *style);
                ops.extend([
                    Op::ShowText {
                        items: vec![TextItem::Text(run)],
                    },
                    Op::EndTextSection,
                ]);
            }
        }
        Placed::Link { .. } | Placed::Mark(_) => {}
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
        // 5.5:1 on white.
        Colour::Grey => (0.4, 0.4, 0.42),
        Colour::Light => (0.93, 0.94, 0.96),
        Colour::White => (1.0, 1.0, 1.0),
        // Text colours, each AA (at least 4.5:1) on white: 5.9:1, 5.7:1, 6.3:1, 8.5:1.
        Colour::Green => (0.0, 0.45, 0.3),
        Colour::Amber => (0.62, 0.33, 0.0),
        Colour::Red => (0.75, 0.1, 0.1),
        Colour::Blue => (0.1, 0.3, 0.6),
        // Okabe–Ito blue and vermilion, and a mid grey: told apart with any colour vision,
        // each at least 3:1 on white and on the light track.
        Colour::BarMet => (0.0, 0.447, 0.698),
        Colour::BarGap => (0.835, 0.369, 0.0),
        Colour::BarNotApplicable => (0.5, 0.5, 0.5),
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
    fn the_bundled_fonts_inflate_to_the_files_in_assets() {
        for (deflated, name) in [
            (REGULAR_TTF, "DejaVuSans.ttf"),
            (BOLD_TTF, "DejaVuSans-Bold.ttf"),
            (MONO_TTF, "DejaVuSansMono.ttf"),
        ] {
            let source = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("assets/fonts")
                .join(name);
            let original = std::fs::read(&source).expect("font source");
            assert!(
                deflated.len() < original.len() * 3 / 4,
                "{name} is carried deflated"
            );
            assert!(inflate(deflated).expect("inflates") == original, "{name}");
        }
        assert_eq!(inflate(b"not deflate data at all"), None);
    }

    #[test]
    fn the_font_covers_what_care_records_need() {
        let fonts = Fonts::load().expect("fonts");
        assert_eq!(fonts.missing("Oak 介護 介"), ['介', '護']);
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
        // Arabic is drawn joined, and both weights have the joined forms.
        let shaped = fonts.displayable("مرحبا سلام");
        assert!(
            shaped
                .chars()
                .any(|c| ('\u{FE70}'..='\u{FEFF}').contains(&c))
        );
        assert!(
            shaped
                .chars()
                .all(|c| c == ' ' || (fonts.regular.has(c) && fonts.bold.has(c)))
        );
        let narrow = fonts.width("iii", TextStyle::BODY);
        let wide = fonts.width("MMM", TextStyle::BODY);
        assert!(narrow > 0.0 && wide > narrow * 2.0, "{narrow} {wide}");
        assert!(fonts.width(" ", TextStyle::BODY) > 0.0, "spaces have width");
    }
}
