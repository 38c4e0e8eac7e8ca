//! Property tests of the other outside-input parsers: OSCAL catalogs and bundles.

use carecheck::bundle::{decode, encode};
use carecheck::oscal::import::{ImportOptions, import};
use proptest::prelude::*;

const CATALOG: &str = include_str!("fixtures/oscal/tiny-catalog.json");

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_bytes_as_a_catalog_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = import(&bytes, &ImportOptions { id: "p".into(), source_url: None });
    }

    #[test]
    fn mutated_catalogs_import_cleanly_or_fail_with_a_message(cut in 0..CATALOG.len(), insert in "[\\[\\]{}\",:a-z0-9 ]{0,8}") {
        let mut text = CATALOG.as_bytes()[..cut].to_vec();
        text.extend_from_slice(insert.as_bytes());
        text.extend_from_slice(&CATALOG.as_bytes()[cut..]);
        match import(&text, &ImportOptions { id: "p".into(), source_url: None }) {
            Ok((toml, _)) => prop_assert!(carecheck::checklist::parse::parse("p.toml", toml.as_bytes()).is_ok()),
            Err(e) => prop_assert!(!e.message.is_empty()),
        }
    }

    #[test]
    fn bundles_round_trip_and_reject_any_change(
        files in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..200), 0..4),
        flip in any::<prop::sample::Index>(),
        bit in 0u8..8,
    ) {
        let mut named = vec![("assessment.json".to_owned(), b"{}".to_vec()), ("journal.jsonl".to_owned(), Vec::new())];
        named.extend(files.into_iter().enumerate().map(|(i, bytes)| (format!("checklists/c{i}.toml"), bytes)));
        let bytes = encode("prop", "2026-11-28T00:00:00Z", true, &named);
        let bundle = decode(&bytes).expect("decodes");
        prop_assert_eq!(bundle.contents, named.iter().map(|(_, b)| b.clone()).collect::<Vec<_>>());
        let mut bad = bytes.clone();
        let at = flip.index(bad.len());
        bad[at] ^= 1 << bit;
        prop_assert!(decode(&bad).is_err(), "a flipped bit at {} was accepted", at);
    }
}
