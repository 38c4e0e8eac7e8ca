//! The manual: a page for every command at every depth, and every page a page refers to
//! (`carecheck-plan-contact(1)`) is one `carecheck man --list` names, so the release archive's
//! man folder has no dangling reference.

mod common;

use std::collections::BTreeSet;

use common::{Sandbox, run};

fn pages(s: &Sandbox) -> Vec<String> {
    let (code, out, err) = run(s, &["man", "--list"]);
    assert_eq!(code, 0, "{err}");
    out.lines().map(str::to_owned).collect()
}

#[test]
fn every_page_a_page_refers_to_is_one_that_is_made() {
    let s = Sandbox::new();
    let listed = pages(&s);
    for nested in [
        "plan contact add",
        "supplier add",
        "risk starter",
        "plan exercise add",
    ] {
        assert!(listed.iter().any(|p| p == nested), "{nested} in {listed:?}");
    }
    let made: BTreeSet<String> = listed
        .iter()
        .map(|words| format!("carecheck-{}", words.replace(' ', "-")))
        .collect();
    let mut checked = 0;
    for words in std::iter::once(String::new()).chain(listed.iter().cloned()) {
        let mut args = vec!["man"];
        args.extend(words.split_whitespace());
        let (code, page, err) = run(&s, &args);
        assert_eq!(code, 0, "{args:?}: {err}");
        let title = if words.is_empty() {
            "carecheck".to_owned()
        } else {
            format!("carecheck-{}", words.replace(' ', "-"))
        };
        assert!(
            page.contains(&format!(".TH {title} 1")),
            "{args:?}: {}",
            page.lines().take(3).collect::<Vec<_>>().join("\n")
        );
        // roff writes a reference as carecheck\-plan\-contact(1).
        let plain = page.replace("\\-", "-");
        for (at, _) in plain.match_indices("(1)") {
            let before = &plain[..at];
            let start = before
                .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                .map_or(0, |i| i + 1);
            let name = &before[start..];
            if name.starts_with("carecheck-") {
                assert!(
                    made.contains(name),
                    "{title} refers to {name}, which is never made"
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 20, "only {checked} references checked");
}

#[test]
fn a_nested_command_that_does_not_exist_is_named_in_full() {
    let s = Sandbox::new();
    let (code, _, err) = run(&s, &["man", "plan", "nonsense"]);
    assert_eq!(code, 2);
    assert_eq!(
        err.trim_end(),
        "carecheck: `plan nonsense` is not a carecheck command; `carecheck --help` lists them"
    );
}
