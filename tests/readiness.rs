//! Honest readiness: a level is called reached only when carecheck knows every mandatory item
//! the toolkit asks for; otherwise every door names the shortfall.

mod common;

use carecheck::checklist::Library;
use carecheck::domain::checklist::AnswerKind;
use common::{Sandbox, run, status_json};

/// A value that meets each kind of answer on the test day.
fn valid_value(kind: &AnswerKind) -> Option<String> {
    match kind {
        AnswerKind::Status => None,
        AnswerKind::Text { label } if label.contains("ICO") => Some("ZA123456".into()),
        AnswerKind::Text { .. } => Some("Recorded".into()),
        AnswerKind::WholeNumber { min, .. } => Some(min.unwrap_or(1).max(1).to_string()),
        AnswerKind::Percentage { .. } => Some("100".into()),
        AnswerKind::Date { .. } => Some("01/11/2026".into()),
    }
}

#[test]
fn every_item_met_still_names_the_items_only_the_live_toolkit_has() {
    let s = Sandbox::new();
    assert_eq!(run(&s, &["new", "--org", "Every Yes Care"]).0, 0);
    let library = Library::load(None).0;
    let dspt = &library.get("dspt-social-care").expect("bundled").checklist;
    for item in dspt.items() {
        let mut args = vec!["answer".to_owned(), item.id.clone(), "yes".into()];
        if let Some(value) = valid_value(&item.answer) {
            args.extend(["--value".into(), value]);
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, _, err) = run(&s, &args);
        assert_eq!(code, 0, "{args:?}: {err}");
    }
    let json = status_json(&s, "every-yes-care");
    let dspt_json = &json["checklists"][0];
    assert_eq!(
        dspt_json["tally"]["met"],
        dspt.item_count(),
        "every item met"
    );
    let met = dspt_json["levels"]
        .as_array()
        .expect("levels")
        .iter()
        .find(|l| l["id"] == "met")
        .expect("Standards Met");
    let tagged = met["required"].as_u64().expect("count");
    let official = met["official_count"].as_u64().expect("declared");
    assert_eq!(official, 45);
    assert!(met["blocking"].as_array().expect("blockers").is_empty());
    assert_eq!(json["all_levels_reached"], false);

    let (code, text, _) = run(&s, &["status"]);
    assert_eq!(
        code, 1,
        "not reached while the toolkit has items carecheck lacks"
    );
    if tagged < official {
        let shortfall = official - tagged;
        let expected = format!(
            "Standards Met: {tagged} of the {tagged} mandatory items carecheck knows are met; the toolkit has 45: check the other {shortfall} in the live toolkit"
        );
        assert!(text.contains(&expected), "{text}");
        assert!(!text.contains("Standards Met: reached"), "{text}");
    } else {
        assert!(text.contains("Standards Met: reached"), "{text}");
    }
}

/// An action marked done carries the day it was closed into the action plan; reopening the
/// gap clears it.
#[test]
fn a_closed_action_is_dated_in_the_action_plan() {
    let s = Sandbox::new();
    assert_eq!(run(&s, &["new", "--org", "Closing Care"]).0, 0);
    let (code, _, err) = run(
        &s,
        &[
            "answer",
            "1.1.2",
            "partial",
            "--action",
            "Finish the record of processing",
            "--action-status",
            "done",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let (_, csv, _) = run(&s, &["export", "--actions"]);
    let rows = common::parse_csv(csv.trim_start_matches('\u{feff}'));
    let col = |name: &str| rows[0].iter().position(|h| h == name).expect(name);
    let row = rows
        .iter()
        .find(|r| r[col("item")] == "1.1.2")
        .expect("planned");
    assert_eq!(row[col("status")], "done");
    assert_eq!(row[col("closed")], common::TODAY);
    let (code, _, err) = run(
        &s,
        &["answer", "1.1.2", "partial", "--action-status", "open"],
    );
    assert_eq!(code, 0, "{err}");
    let json = status_json(&s, "closing-care");
    let action = &json["answers"]["dspt-social-care:1.1.2"]["action"];
    assert_eq!(action["status"], "open");
    assert!(action.get("closed").is_none(), "{action}");
    let (code, _, err) = run(
        &s,
        &["answer", "1.1.2", "no", "--action-status", "finished"],
    );
    assert_eq!(code, 2);
    assert!(err.contains("not an action status"), "{err}");
}
