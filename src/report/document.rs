//! The one way every printed document is finished: the fonts chosen from the text actually
//! laid out on its pages (with a system font for what the bundled ones lack, and a warning
//! that names the document and the text it could not draw), its bookmarks, metadata and
//! manifest, and the bytes.

use super::fonts::Finder;
use super::layout::{Page, PageSpec, Placed};
use super::{Pack, pdf, scripts};

/// The kinds are the manifest's, so a warning, a running head and `verify` name a document
/// alike; this module adds how a warning names each.
pub use super::manifest::DocumentKind;

impl DocumentKind {
    pub const ALL: [DocumentKind; 8] = [
        DocumentKind::EvidencePack,
        DocumentKind::ActionPlan,
        DocumentKind::EntrySheet,
        DocumentKind::IncidentCard,
        DocumentKind::ContinuityPlan,
        DocumentKind::Registers,
        DocumentKind::SupplierQuestions,
        DocumentKind::Rollup,
    ];

    /// The document as a warning names it: "the incident card".
    pub fn name(self) -> &'static str {
        match self {
            DocumentKind::EvidencePack => "the evidence pack",
            DocumentKind::ActionPlan => "the action plan",
            DocumentKind::EntrySheet => "the DSPT entry sheet",
            DocumentKind::IncidentCard => "the incident card",
            DocumentKind::ContinuityPlan => "the continuity plan",
            DocumentKind::Registers => "the suppliers and risks registers",
            DocumentKind::SupplierQuestions => "the supplier questionnaire",
            DocumentKind::Rollup => "the roll-up of every site",
        }
    }
}

/// What a document is besides its pages.
pub struct Finish {
    pub kind: DocumentKind,
    pub spec: PageSpec,
    /// The document's properties. The pages' own headings are added to its bookmarks, after
    /// any it already has (a cover).
    pub meta: pdf::Metadata,
}

/// Lays out a document (with the fonts given, which measure the text) and returns its pages,
/// or why it cannot be printed. Called once, or twice when a system font is added.
pub type LayOut<'a> = dyn Fn(&pdf::Fonts) -> Result<Vec<Page>, String> + 'a;

/// Finishes a document with the fonts this machine has.
pub fn finish(document: Finish, lay_out: &LayOut<'_>) -> Result<Pack, String> {
    finish_with(&Finder::for_this_machine(), document, lay_out)
}

/// [`finish`], looking for system fonts where `finder` says.
pub fn finish_with(
    finder: &Finder,
    document: Finish,
    lay_out: &LayOut<'_>,
) -> Result<Pack, String> {
    let Finish {
        kind,
        spec,
        mut meta,
    } = document;
    let mut fonts = pdf::Fonts::load()?;
    // First with every character kept, to learn what the pages hold.
    fonts.set_probing(true);
    let mut pages = lay_out(&fonts)?;
    fonts.set_probing(false);
    let text = laid_out_text(&pages);
    let missing = fonts.missing(&text);
    if let Some(&first) = missing.first() {
        let candidates = finder
            .candidates(first)
            .into_iter()
            .take(8)
            .filter_map(|path| std::fs::read(path).ok())
            .collect();
        fonts.add_fallback(candidates, &missing);
        // Widths change with the fallback font, and what it still lacks becomes U+FFFD.
        pages = lay_out(&fonts)?;
    }
    let still = fonts.missing(&text);
    let platform = finder.platform;
    let warnings = scripts::warnings(&still, &text, kind.name(), &|s| platform.advice(s));
    meta.bookmarks
        .extend(pages.iter().enumerate().flat_map(|(i, p)| {
            p.bookmarks
                .iter()
                .map(move |(level, title)| (*level, title.clone(), i))
        }));
    // The manifest (for the packs that carry one) goes through as it is; it is where the
    // document's kind will be named for `carecheck verify`.
    Ok(Pack {
        bytes: pdf::write(&pages, &fonts, spec, &meta),
        pages: pages.len(),
        warnings,
    })
}

/// Every piece of text placed on the pages, one a line: exactly what the fonts must draw.
pub fn laid_out_text(pages: &[Page]) -> String {
    let mut out = String::new();
    for page in pages {
        for item in &page.items {
            if let Placed::Text { text, .. } = item {
                out.push_str(text);
                out.push('\n');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::Timestamp;
    use crate::report::fonts::Platform;
    use crate::report::layout::{A4, Block, TextStyle, layout};

    fn meta() -> pdf::Metadata {
        pdf::Metadata {
            title: "t".into(),
            author: "a".into(),
            subject: "s".into(),
            keywords: Vec::new(),
            created: Timestamp::from_unix(0),
            bookmarks: Vec::new(),
            manifest: None,
        }
    }

    fn empty_finder(dir: &std::path::Path) -> Finder {
        Finder {
            platform: Platform::Linux,
            roots: vec![dir.to_path_buf()],
            fontconfig: false,
        }
    }

    #[test]
    fn the_warning_names_the_document_and_the_text_laid_out() {
        let dir = tempfile::tempdir().expect("dir");
        for kind in DocumentKind::ALL {
            let lay_out = |fonts: &pdf::Fonts| {
                Ok(layout(
                    &[Block::paragraph("Dr Zhang Wei 张伟", TextStyle::BODY)],
                    fonts,
                    A4,
                ))
            };
            let document = Finish {
                kind,
                spec: A4,
                meta: meta(),
            };
            let pack = finish_with(&empty_finder(dir.path()), document, &lay_out).expect("pack");
            assert_eq!(
                pack.warnings,
                [format!(
                    "{}: no installed font can draw 张伟 (Chinese, Japanese or Korean), so it prints them as \u{FFFD}. Install {} and print it again.",
                    kind.name(),
                    Platform::Linux.advice(scripts::script_of('张'))
                )]
            );
        }
        // Text only in the model and never laid out is not asked of the fonts.
        let lay_out = |fonts: &pdf::Fonts| {
            Ok(layout(
                &[Block::paragraph("Oak House", TextStyle::BODY)],
                fonts,
                A4,
            ))
        };
        let document = Finish {
            kind: DocumentKind::IncidentCard,
            spec: A4,
            meta: meta(),
        };
        let pack = finish_with(&empty_finder(dir.path()), document, &lay_out).expect("pack");
        assert!(pack.warnings.is_empty(), "{:?}", pack.warnings);
    }
}
