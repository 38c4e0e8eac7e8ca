//! `carecheck verify` reads PDFs from anyone: whatever their bytes, reading the manifest and
//! checking the seal returns an answer (a verdict or a refusal), never a panic or a hang.

use std::sync::OnceLock;

use carecheck::domain::date::Timestamp;
use carecheck::report::layout::{A4, Block, TextStyle, layout};
use carecheck::report::manifest::{self, DocumentKind, SealCheck};
use carecheck::report::pdf;
use proptest::prelude::*;

/// A one-page card as carecheck writes it, made once.
fn sealed() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| {
        let fonts = pdf::Fonts::load().expect("fonts");
        let pages = layout(
            &[Block::paragraph("Ring 0300 303 5222", TextStyle::BODY)],
            &fonts,
            A4,
        );
        let when = Timestamp::parse("2026-11-28T10:00:00Z").expect("time");
        let manifest = manifest::for_document(DocumentKind::IncidentCard, None, when, "card");
        let meta = pdf::Metadata {
            title: "t".into(),
            author: "a".into(),
            subject: "s".into(),
            keywords: Vec::new(),
            created: when,
            bookmarks: Vec::new(),
            manifest: Some(manifest.to_json()),
        };
        pdf::write(&pages, &fonts, A4, &meta)
    })
}

#[test]
fn the_untouched_file_is_sealed() {
    assert_eq!(
        manifest::open(sealed()).expect("opens").seal,
        SealCheck::Bytes
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn changed_or_cut_bytes_never_panic_and_never_pass_as_sealed(
        flips in prop::collection::vec((any::<prop::sample::Index>(), 1u8..=255), 1..6),
        cut in prop::option::of(any::<prop::sample::Index>()),
    ) {
        let mut bytes = sealed().to_vec();
        for (at, mask) in &flips {
            let i = at.index(bytes.len());
            bytes[i] ^= mask;
        }
        if let Some(cut) = cut {
            bytes.truncate(cut.index(bytes.len()));
        }
        if let Ok(opened) = manifest::open(&bytes) {
            prop_assert_ne!(opened.seal, SealCheck::Bytes);
        }
    }
}
