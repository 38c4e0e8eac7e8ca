//! Property tests: no input, however mangled, makes the checklist loader panic.

use carecheck::checklist::parse::parse;
use proptest::prelude::*;

const VALID: &str = include_str!("fixtures/valid/every-field.toml");

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = parse("fuzz.toml", &bytes);
    }

    #[test]
    fn mutated_checklists_never_panic_and_errors_are_located(
        cut in 0..VALID.len(),
        insert in "[\\[\\]{}=\"'\\n#a-z0-9.\\x00-\\x1f]{0,12}",
    ) {
        let mut text = VALID.as_bytes()[..cut].to_vec();
        text.extend_from_slice(insert.as_bytes());
        text.extend_from_slice(&VALID.as_bytes()[cut..]);
        if let Err(problems) = parse("fuzz.toml", &text) {
            prop_assert!(!problems.is_empty());
            for problem in problems {
                let line = problem.to_string();
                prop_assert!(line.starts_with("fuzz.toml"));
                prop_assert!(!line.chars().any(|c| c.is_control()), "raw control in {line:?}");
            }
        }
    }
}

#[test]
fn the_valid_fixture_parses() {
    let parsed = parse("every-field.toml", VALID.as_bytes()).expect("valid");
    assert_eq!(parsed.checklist.item_count(), 5);
    assert_eq!(parsed.external_links().count(), 1);
    assert_eq!(parsed.link_sites.len(), 2);
}
