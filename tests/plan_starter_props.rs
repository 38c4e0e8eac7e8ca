//! The plan starter's reader on damaged input: it never panics, and every refusal names the
//! file and, where it can, the line.

use carecheck::checklist::plan_starter::{BUNDLED_STARTER, parse};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        if let Err(problems) = parse("p.toml", &bytes) {
            prop_assert!(!problems.is_empty());
            prop_assert!(problems.iter().all(|p| p.to_string().starts_with("p.toml")));
        }
    }

    #[test]
    fn edits_to_the_bundled_starter_read_cleanly_or_are_located(
        cut in 0..BUNDLED_STARTER.1.len(),
        insert in "[\\[\\]{}\"=,:a-z0-9 \n]{0,8}",
    ) {
        let text = BUNDLED_STARTER.1.as_bytes();
        let mut edited = text[..cut].to_vec();
        edited.extend_from_slice(insert.as_bytes());
        edited.extend_from_slice(&text[cut..]);
        if let Err(problems) = parse("p.toml", &edited) {
            prop_assert!(!problems.is_empty());
            for p in &problems {
                let shown = p.to_string();
                prop_assert!(shown.starts_with("p.toml"), "{}", shown);
                prop_assert!(!shown.chars().any(char::is_control), "{}", shown);
            }
        }
    }
}

#[test]
fn an_unconfirmed_entry_must_say_why() {
    let text = BUNDLED_STARTER.1.replacen(
        "confidence = \"unconfirmed: the role of the tool",
        "confidence = \"unconfirmed:\"\nnotes_x = \"the role of the tool",
        1,
    );
    let problems = parse("p.toml", text.as_bytes()).expect_err("refused");
    let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(
        shown
            .iter()
            .any(|p| p.contains("`confidence`") && p.contains("<why>")),
        "{shown:?}"
    );
}
