//! `carecheck guide`: the guided walk as plain lines on standard input and output, for screen
//! readers, dumb terminals, slow links and scripts. Answers go through the same core as
//! `carecheck answer` and are saved one by one.

mod common;

use common::{Sandbox, run, status_json};

/// Runs `carecheck guide ARGS` with `input` on standard input (within the tests' time limit);
/// returns (exit code, stdout bytes, stderr).
fn guide(s: &Sandbox, args: &[&str], input: &str) -> (i32, Vec<u8>, String) {
    let output = s
        .cmd()
        .arg("guide")
        .args(args)
        .write_stdin(input)
        .output()
        .expect("guide runs");
    assert!(
        output.status.code().is_some(),
        "guide was killed by the time limit"
    );
    (
        output.status.code().unwrap_or(-1),
        output.stdout,
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// No escape sequence and no C0 or C1 control other than a line break.
fn assert_plain(bytes: &[u8]) -> String {
    assert!(!bytes.contains(&0x1b), "an escape byte in the output");
    let text = String::from_utf8(bytes.to_vec()).expect("UTF-8");
    if let Some(c) = text
        .chars()
        .find(|&c| c != '\n' && (c.is_control() || ('\u{80}'..='\u{9f}').contains(&c)))
    {
        panic!("control character {c:?} in the output:\n{text}");
    }
    text
}

fn answer_of<'j>(status: &'j serde_json::Value, item: &str) -> &'j serde_json::Value {
    &status["answers"][format!("dspt-social-care:{item}")]
}

#[test]
fn five_items_answered_from_a_script_are_saved() {
    let s = Sandbox::new();
    assert_eq!(run(&s, &["new", "--org", "Rose House"]).0, 0);
    // 1.1.1 yes with its ICO number; 1.1.2 yes, a date that is no date, then a good one;
    // 1.1.3 not applicable, which as a mandatory item asks why; 1.1.5 skipped; 1.1.6 no.
    let input = "y\nZA123456\ny\n31/02/2026\n01/11/2026\na\nWe keep no such notices\ns\nn\n";
    let (code, stdout, stderr) = guide(&s, &["-a", "rose-house"], input);
    assert_eq!(code, 0, "{stderr}");
    let text = assert_plain(&stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[..2],
        [
            "Guided walk of rose-house: 50 of 50 items to answer or confirm. Each answer is saved as you give it.",
            "Keys: y yes, p partial, n no, a not applicable, s skip, ? more, q quit.",
        ]
    );
    // The first item, as a screen reader hears it.
    let first = lines
        .iter()
        .position(|l| l.starts_with("Item 1 of 50"))
        .expect("item 1");
    assert_eq!(
        lines[first],
        "Item 1 of 50: dspt-social-care:1.1.1 ICO registration"
    );
    assert_eq!(
        lines[first + 1],
        "Question: Is your organisation registered with the Information Commissioner's Office (ICO), and what is the registration number?"
    );
    assert!(
        lines[first + 2].starts_with("What good looks like: Almost every care provider must pay")
    );
    assert_eq!(
        lines[first + 3],
        "Evidence expected: ICO registration number and its expiry date"
    );
    assert_eq!(lines[first + 4], "Asks for: ICO registration number");
    assert_eq!(lines[first + 5], "Answer now: Unanswered");
    assert_eq!(
        lines[first + 6],
        "Answer (y yes, p partial, n no, a not applicable, s skip, ? more, q quit) > y"
    );
    assert_eq!(
        lines[first + 7],
        "ICO registration number (Enter to leave it as it is) > ZA123456"
    );
    assert_eq!(
        lines[first + 8],
        "Saved: dspt-social-care:1.1.1 Yes, value ZA123456."
    );
    for expected in [
        "`31/02/2026` is not a date; write it as DD/MM/YYYY, e.g. 15/09/2025.",
        "Saved: dspt-social-care:1.1.2 Yes, value 01/11/2026.",
        "This item is mandatory (it counts towards a level), so marking it not applicable needs a short reason.",
        "Why does it not apply here (Enter to go back) > We keep no such notices",
        "Saved: dspt-social-care:1.1.3 Not applicable, because: We keep no such notices.",
        "Saved: dspt-social-care:1.1.6 No.",
    ] {
        assert!(
            lines.contains(&expected),
            "missing {expected:?} in:\n{text}"
        );
    }
    // The end of input stops the walk cleanly, with every answer kept.
    assert_eq!(lines.last(), Some(&"Stopped. Every answer given is saved."));

    let status = status_json(&s, "rose-house");
    assert_eq!(answer_of(&status, "1.1.1")["status"], "yes");
    assert_eq!(answer_of(&status, "1.1.1")["value"], "ZA123456");
    assert_eq!(answer_of(&status, "1.1.2")["status"], "yes");
    assert_eq!(answer_of(&status, "1.1.2")["value"], "2026-11-01");
    assert_eq!(answer_of(&status, "1.1.3")["status"], "not-applicable");
    assert_eq!(
        answer_of(&status, "1.1.3")["justification"],
        "We keep no such notices"
    );
    assert!(answer_of(&status, "1.1.5").is_null(), "skipped");
    assert_eq!(answer_of(&status, "1.1.6")["status"], "no");
}

#[test]
fn the_walk_resumes_at_the_unanswered_items_and_quits_on_q() {
    let s = Sandbox::new();
    assert_eq!(run(&s, &["new", "--org", "Rose House"]).0, 0);
    assert_eq!(
        run(&s, &["answer", "1.1.1", "yes", "--value", "ZA123456"]).0,
        0
    );
    let (code, stdout, _) = guide(&s, &[], "q\n");
    assert_eq!(code, 0);
    let text = assert_plain(&stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "Guided walk of rose-house: 49 of 50 items to answer or confirm. Each answer is saved as you give it."
    );
    assert_eq!(
        lines[3],
        "Item 1 of 49: dspt-social-care:1.1.2 Record of the personal data you hold and share"
    );
    assert_eq!(lines.last(), Some(&"Stopped. Every answer given is saved."));
    // --all walks answered items too, showing the answer they have.
    let (_, stdout, _) = guide(&s, &["--all"], "");
    let text = assert_plain(&stdout);
    assert!(
        text.lines().any(|l| l == "Answer now: Yes, value ZA123456"),
        "{text}"
    );
}

#[test]
fn stored_text_reaches_the_output_escaped() {
    let s = Sandbox::new();
    assert_eq!(run(&s, &["new", "--org", "Rose House"]).0, 0);
    let hostile = "ZA1\u{1b}[2J\u{9b}31m";
    assert_eq!(
        run(&s, &["answer", "1.1.1", "partial", "--value", hostile]).0,
        0
    );
    let (code, stdout, _) = guide(&s, &["--all"], "");
    assert_eq!(code, 0);
    let text = assert_plain(&stdout);
    assert!(
        text.lines()
            .any(|l| l == "Answer now: Partial, value ZA1\\u{1b}[2J\\u{9b}31m"),
        "{text}"
    );
}

#[test]
fn a_carried_forward_answer_is_walked_and_confirmed_with_c() {
    let s = Sandbox::new();
    assert_eq!(run(&s, &["new", "--org", "Rose House"]).0, 0);
    assert_eq!(
        run(&s, &["answer", "1.1.1", "yes", "--value", "ZA123456"]).0,
        0
    );
    let (code, stdout, err) = run(&s, &["renew", "--force", "-a", "rose-house"]);
    assert_eq!(code, 0, "{err}");
    let renewed = stdout.lines().next().expect("new id").to_owned();
    let (code, stdout, stderr) = guide(&s, &["-a", &renewed], "c\nq\n");
    assert_eq!(code, 0, "{stderr}");
    let text = assert_plain(&stdout);
    let lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("Answer now: "))
        .expect("answer line");
    assert_eq!(
        lines[at..at + 2],
        [
            "Answer now: Yes, value ZA123456, to confirm (carried forward from last year)",
            "c confirms it is still true; answering afresh confirms it too.",
        ]
    );
    assert!(
        lines.contains(&"Saved: dspt-social-care:1.1.1 Yes, value ZA123456."),
        "{text}"
    );
    let status = status_json(&s, &renewed);
    let answer = answer_of(&status, "1.1.1");
    assert_eq!(answer["status"], "yes");
    assert!(
        answer.get("carried").is_none_or(serde_json::Value::is_null),
        "{answer}"
    );
}

#[test]
fn input_that_is_not_utf8_is_read_as_a_wrong_choice_not_a_failure() {
    let s = Sandbox::new();
    assert_eq!(run(&s, &["new", "--org", "Rose House"]).0, 0);
    let output = s
        .cmd()
        .arg("guide")
        .write_stdin(&b"\xff\xfe\nq\n"[..])
        .output()
        .expect("guide runs");
    assert_eq!(output.status.code(), Some(0));
    let text = assert_plain(&output.stdout);
    assert!(
        text.lines().any(|l| l == "Not a choice here: \u{fffd}\u{fffd}. Type one of: y yes, p partial, n no, a not applicable, s skip, ? more, q quit."),
        "{text}"
    );
}
