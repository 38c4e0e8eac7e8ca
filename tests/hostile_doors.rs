//! Hostile input through every other door: checklist text on screen, oversized and deeply
//! nested save files and catalogs, and evidence paths that are not ordinary files.

mod common;

use std::fs;

use carecheck::checklist::Library;
use carecheck::checklist::library::{Origin, candidate};
use carecheck::domain::assessment::{Assessment, ChecklistUse, Details};
use carecheck::domain::date::Timestamp;
use carecheck::tui::app::{App, Session};
use carecheck::tui::theme::Theme;
use carecheck::tui::view;
use common::{Sandbox, copy_tree, fixtures, run};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[test]
fn escapes_and_bidi_marks_in_a_checklist_never_reach_the_screen() {
    let text = r#"format = 1
id = "evil"
title = "Evil \u001b]0;owned\u0007 checklist"
edition = "1"
publisher = "x"
source_url = "https://example.org/"
licence = "x"
summary = "x"
[[sections]]
id = "s"
title = "Section \u202e reversed"
[[sections.items]]
id = "E1"
title = "Clear \u001b[2J the screen"
question = "Bell \u0007 and zero\u200bwidth?"
guidance = "Cursor \u001b[10;10H jump"
evidence = ["\u009b31m C1 escape"]
"#;
    let checklist = candidate(Origin::Bundled("evil.toml"), text.as_bytes())
        .expect("valid TOML")
        .parsed
        .checklist;
    let used = ChecklistUse {
        id: "evil".into(),
        title: checklist.title.clone(),
        edition: "1".into(),
        hash: "0".repeat(64),
    };
    let details = Details {
        organisation: "Org \u{1b}[31m".into(),
        ..Default::default()
    };
    let assessment = Assessment::new("evil".into(), details, vec![used], Timestamp::now());
    let mut app = App::new(Vec::new(), "evil", Vec::new(), Timestamp::now().date());
    app.open(Session::new(
        assessment,
        vec![checklist],
        &Library::default(),
        None,
        Timestamp::now().date(),
    ));
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    terminal
        .draw(|f| view::render(&app, Theme { colour: true }, f))
        .expect("draw");
    let shown: String = terminal
        .backend()
        .buffer()
        .content
        .iter()
        .map(|c| c.symbol())
        .collect();
    let bad: Vec<char> = shown
        .chars()
        .filter(|c| c.is_control() || carecheck::text::is_unsafe_char(*c))
        .collect();
    assert!(bad.is_empty(), "unsafe characters drawn: {bad:?}");
    assert!(
        shown.contains("\\u{1b}[2J"),
        "shown as visible text instead"
    );
}

#[test]
fn an_enormous_save_file_is_refused_without_reading_it_all() {
    let s = Sandbox::new();
    copy_tree(
        &fixtures().join("saves/valid-v1/assessments"),
        &s.path().join("assessments"),
    );
    let path = s.path().join("assessments/demo-care/assessment.json");
    let file = fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .expect("open");
    file.set_len(65 * 1024 * 1024).expect("grow");
    let (code, _, err) = run(&s, &["status", "-a", "demo-care"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("assessment.json: is larger than 64 MiB, the most carecheck reads"),
        "{err}"
    );
}

#[test]
fn deeply_nested_json_is_an_error_not_a_crash() {
    let s = Sandbox::new();
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    copy_tree(
        &fixtures().join("saves/valid-v1/assessments"),
        &s.path().join("assessments"),
    );
    fs::write(
        s.path().join("assessments/demo-care/assessment.json"),
        &deep,
    )
    .expect("write");
    let (code, _, err) = run(&s, &["status", "-a", "demo-care"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("not valid JSON") && err.contains("recursion limit"),
        "{err}"
    );
    let catalog = s.path().join("deep.json");
    fs::write(&catalog, format!("{{\"catalog\": {deep}}}")).expect("write");
    let (code, _, err) = run(
        &s,
        &[
            "import",
            "oscal",
            catalog.to_str().expect("utf-8"),
            "--id",
            "deep",
        ],
    );
    assert_eq!(code, 1);
    assert!(
        err.contains("deep.json:1:") && err.contains("recursion limit"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn evidence_that_is_not_an_ordinary_file_is_refused_by_name() {
    let s = Sandbox::new();
    assert_eq!(
        run(
            &s,
            &["new", "--org", "Door Care", "--checklist", "ncsc-10-steps"]
        )
        .0,
        0
    );
    let looped = s.path().join("loop.pdf");
    std::os::unix::fs::symlink(&looped, &looped).expect("symlink");
    let folder = s.path().to_string_lossy().into_owned();
    let cases = [
        ("/dev/zero", "/dev/zero: is not a regular file"),
        (folder.as_str(), "is a folder"),
        (looped.to_str().expect("utf-8"), "loop.pdf: "),
    ];
    for (path, expected) in cases {
        let (code, _, err) = run(&s, &["answer", "RISK", "yes", "--evidence", path]);
        assert_eq!(code, 1, "{path}");
        assert!(err.contains(expected), "{path}: {err}");
    }
    assert!(
        common::status_json(&s, "door-care")["answers"]
            .get("ncsc-10-steps:RISK")
            .is_none(),
        "nothing saved"
    );
}
