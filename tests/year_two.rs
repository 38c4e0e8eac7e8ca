//! Year two: renewing last year's assessment (answers carried forward, counted only once
//! confirmed), and what changed between two assessments.

mod common;

use std::fs;

use common::{Sandbox, run, status_json};

/// A small checklist in edition `edition`; `extra` adds an item new in that edition.
fn checklist(edition: &str, extra: bool) -> String {
    let mut text = format!(
        r#"format = 1
id = "yr"
title = "Year checklist"
edition = "{edition}"
publisher = "Test"
source_url = "https://example.org/"
licence = "Test fixture"
summary = "Three items at one level."

[[levels]]
id = "met"
name = "Met"
description = "All of them."

[[sections]]
id = "s1"
title = "Section one"
"#
    );
    let mut items = vec!["a", "b", "c"];
    if extra {
        items.push("d");
    }
    for id in items {
        text.push_str(&format!(
            "\n[[sections.items]]\nid = \"{id}\"\ntitle = \"Item {id}\"\nquestion = \"Is {id} done?\"\nguidance = \"Do {id}.\"\nlevels = [\"met\"]\n"
        ));
    }
    text
}

fn write_checklist(s: &Sandbox, edition: &str, extra: bool) {
    let dir = s.path().join("checklists");
    fs::create_dir_all(&dir).expect("test setup");
    fs::write(dir.join("yr.toml"), checklist(edition, extra)).expect("test setup");
}

/// Last year's assessment, every item answered: a and b met (a with a file as evidence), c a
/// gap with an open action.
fn last_year() -> (Sandbox, std::path::PathBuf) {
    let s = Sandbox::new();
    write_checklist(&s, "2025-26", false);
    let (code, out, err) = run(
        &s,
        &[
            "new",
            "--org",
            "Oak Care",
            "--checklist",
            "yr",
            "--assessor",
            "Sam",
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(out.trim(), "oak-care");
    let policy = s.out("policy.txt");
    fs::write(&policy, "Backups every night.").expect("test setup");
    let policy_arg = policy.to_str().expect("test setup").to_owned();
    for args in [
        vec![
            "a",
            "yes",
            "--evidence",
            policy_arg.as_str(),
            "--note",
            "nightly",
        ],
        vec!["b", "yes"],
        vec!["c", "no", "--action", "Buy a UPS", "--owner", "Jo"],
    ] {
        let mut all = vec!["answer", "-a", "oak-care"];
        all.extend(args);
        let (code, out, err) = run(&s, &all);
        assert_eq!(code, 0, "{out}{err}");
    }
    (s, policy)
}

fn tally(status: &serde_json::Value) -> &serde_json::Value {
    &status["checklists"][0]["tally"]
}

#[test]
fn renew_carries_every_answer_and_counts_none_as_met_until_confirmed() {
    let (s, policy) = last_year();
    assert_eq!(tally(&status_json(&s, "oak-care"))["met"], 2);
    // The evidence changed between the years.
    fs::write(&policy, "Backups every week.").expect("test setup");

    let (code, out, err) = run(&s, &["renew", "-a", "oak-care"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(out.lines().next(), Some("oak-care-2"));
    assert!(out.contains("3 answers carried forward"), "{out}");
    assert!(
        out.contains("yr:a") && out.contains("CHANGED since it was recorded"),
        "the changed evidence is flagged: {out}"
    );

    let now = status_json(&s, "oak-care-2");
    assert_eq!(now["previous"], "oak-care");
    assert_eq!(now["organisation"], "Oak Care");
    assert_eq!(now["assessor"], "Sam");
    assert_eq!(now["carried"].as_array().map(Vec::len), Some(3));
    let t = tally(&now);
    assert_eq!(t["answered"], 3);
    assert_eq!(t["met"], 0, "nothing counts until confirmed: {t}");
    assert_eq!(t["gaps"], 3);
    for id in ["a", "b", "c"] {
        let answer = &now["answers"][format!("yr:{id}")];
        assert_eq!(answer["carried"], common::TODAY, "{id}: {answer}");
        assert_eq!(
            answer["reason"], "carried forward from last year: confirm it",
            "{answer}"
        );
    }
    assert_eq!(now["answers"]["yr:a"]["note"], "nightly");
    assert_eq!(now["answers"]["yr:a"]["flagged"], true);
    assert_eq!(now["answers"]["yr:b"]["flagged"], serde_json::Value::Null);
    assert_eq!(now["answers"]["yr:c"]["status"], "no");
    assert_eq!(now["answers"]["yr:c"]["action"]["status"], "open");
    assert_eq!(now["answers"]["yr:c"]["action"]["owner"], "Jo");
    // Last year's assessment is untouched.
    let before = status_json(&s, "oak-care");
    assert_eq!(tally(&before)["met"], 2);
    assert_eq!(before["carried"].as_array().map(Vec::len), Some(0));

    let (_, text, _) = run(&s, &["status", "-a", "oak-care-2"]);
    assert!(
        text.contains("3 waiting to be confirmed, 0 confirmed"),
        "{text}"
    );

    // Confirming one, answering another afresh: both count again, the third still waits.
    let (code, out, err) = run(&s, &["confirm", "a", "-a", "oak-care-2"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("yr:a Item a: Yes (confirmed)"), "{out}");
    assert!(
        out.contains("2 carried-forward answers still waiting"),
        "{out}"
    );
    assert_eq!(run(&s, &["answer", "b", "yes", "-a", "oak-care-2"]).0, 0);
    let now = status_json(&s, "oak-care-2");
    assert_eq!(tally(&now)["met"], 2);
    assert_eq!(now["carried"], serde_json::json!(["yr:c"]));
    assert_eq!(now["answers"]["yr:a"]["carried"], serde_json::Value::Null);
    assert_eq!(
        now["answers"]["yr:c"]["reason"],
        "carried forward from last year: confirm it"
    );
    let (_, text, _) = run(&s, &["status", "-a", "oak-care-2"]);
    assert!(
        text.contains("1 waiting to be confirmed, 2 confirmed"),
        "{text}"
    );

    // Confirming an item that was not carried changes nothing; an unknown item saves nothing.
    let (code, out, _) = run(&s, &["confirm", "a", "-a", "oak-care-2"]);
    assert_eq!(code, 0);
    assert!(out.contains("was not carried forward"), "{out}");
    let (code, _, err) = run(&s, &["confirm", "c", "zz", "-a", "oak-care-2"]);
    assert_ne!(code, 0);
    assert!(
        err.contains("zz") && err.contains("nothing was confirmed"),
        "{err}"
    );
    assert_eq!(
        status_json(&s, "oak-care-2")["carried"],
        serde_json::json!(["yr:c"])
    );
}

#[test]
fn renew_moves_to_a_named_edition_and_lists_its_new_items_first() {
    let (s, _) = last_year();
    write_checklist(&s, "2026-27", true);
    let (code, _, err) = run(&s, &["renew", "-a", "oak-care", "--edition", "2030-31"]);
    assert_ne!(code, 0);
    assert!(
        err.contains("2030-31") && err.contains("nothing was created"),
        "{err}"
    );
    let (_, list, _) = run(&s, &["list"]);
    assert!(!list.contains("oak-care-2"), "{list}");

    let (code, out, err) = run(&s, &["renew", "-a", "oak-care", "--edition", "2026-27"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("yr: now 2026-27"), "{out}");
    assert!(
        out.contains("New in this edition, to answer first:\n  yr:d"),
        "{out}"
    );
    let now = status_json(&s, "oak-care-2");
    assert_eq!(now["checklists"][0]["edition"], "2026-27");
    assert_eq!(tally(&now)["total"], 4);
    assert_eq!(tally(&now)["answered"], 3);
    assert_eq!(tally(&now)["met"], 0);
}
