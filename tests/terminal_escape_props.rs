//! Issue 29, major 3: no raw control character from stored text ever reaches the terminal.
//! Hostile text (escape sequences, a clipboard write (OSC 52), C1 controls, bidi overrides and
//! isolates, U+061C, tag characters, a lone carriage return) is stored in every field a user can
//! fill, and every command that prints stored text is run; nothing unsafe may come out on
//! stdout or stderr. Every command prints through the one gate, `text::TerminalWriter`.

mod common;

use std::path::Path;
use std::time::Duration;

use carecheck::text::is_unsafe_char;
use common::Sandbox;
use proptest::prelude::*;

const LIMIT: Duration = Duration::from_secs(30);

/// One of each class, always present; the property varies what surrounds it.
const EVERY_CLASS: &str = "\u{1b}]52;c;QUFBQQ==\u{7}\u{1b}]0;owned\u{7}\u{1b}[2J\u{9b}31m\u{202e}\u{2066}\u{61c}\u{e0041}\u{e007f}\r\u{8}";

fn hostile() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\u{1b}[".to_owned()),
        Just("\u{1b}]8;;http://x\u{7}".to_owned()),
        Just("\u{85}".to_owned()),
        Just("\u{200f}".to_owned()),
        Just("\u{e0020}".to_owned()),
        Just("\u{2028}".to_owned()),
        "[a-z ]{0,4}",
        any::<char>()
            .prop_filter("arguments cannot hold NUL", |c| *c != '\0')
            .prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..5).prop_map(|v| format!("Ann{EVERY_CLASS}{}", v.concat()))
}

/// Runs carecheck, failing if it panics, and returns (code, stdout, stderr) as they were.
fn raw(s: &Sandbox, args: &[&str]) -> (i32, String, String) {
    let output = s.cmd().timeout(LIMIT).args(args).output().expect("runs");
    let text = |b: &[u8]| String::from_utf8(b.to_vec()).expect("UTF-8 output");
    let (out, err) = (text(&output.stdout), text(&output.stderr));
    assert!(!err.contains("panicked"), "{args:?}: {err}");
    (output.status.code().unwrap_or(-1), out, err)
}

/// The first character that must not reach a terminal (a newline, CRLF in CSV, and a CSV's
/// byte order mark before anything else, may).
fn first_unsafe(text: &str) -> Option<char> {
    text.trim_start_matches('\u{FEFF}')
        .replace("\r\n", "\n")
        .chars()
        .find(|&c| c != '\n' && (c.is_control() || is_unsafe_char(c)))
}

fn setup(s: &Sandbox, h: &str, evidence: &Path) -> Vec<(i32, String)> {
    let ev = evidence.to_str().expect("utf-8");
    let answer = format!("SQ-BREACH-NOTICE={h}");
    let commands: Vec<Vec<&str>> = vec![
        vec![
            "new",
            "--org",
            h,
            "--site",
            h,
            "--assessor",
            h,
            "--checklist",
            "ncsc-10-steps",
        ],
        vec![
            "answer", "RISK", "partial", "--note", h, "--action", h, "--owner", h,
        ],
        vec![
            "answer",
            "ASSETS",
            "yes",
            "--note",
            h,
            "--evidence",
            ev,
            "--document",
            h,
        ],
        vec!["answer", "TRAINING", "alt", "--justification", h],
        vec![
            "supplier",
            "add",
            h,
            "--provides",
            "care-records",
            "--critical",
            "yes",
            "--personal-data",
            h,
            "--support",
            h,
            "--notes",
            h,
            "--certification",
            h,
            "--document",
            h,
            "--answer",
            &answer,
        ],
        vec![
            "risk",
            "add",
            h,
            "--likelihood",
            "3",
            "--impact",
            "4",
            "--owner",
            h,
            "--description",
            h,
            "--notes",
            h,
            "--supplier",
            h,
        ],
        vec![
            "plan",
            "contact",
            "add",
            "--role",
            "decides",
            "--name",
            h,
            "--phone",
            "0113 496 0000",
            "--email",
            h,
            "--notes",
            h,
        ],
        vec!["plan", "step", "add", "ransomware", h],
        vec![
            "plan",
            "exercise",
            "add",
            "--date",
            "01/06/2026",
            "--scenario",
            h,
            "--participant",
            h,
            "--went-wrong",
            h,
            "--action",
            h,
        ],
        vec!["profile", "--address", h, "--covers", h, "--ods", "VNABC"],
    ];
    commands
        .iter()
        .map(|args| {
            let (code, out, err) = raw(s, args);
            assert_eq!(first_unsafe(&out), None, "{args:?} stdout: {out}");
            assert_eq!(first_unsafe(&err), None, "{args:?} stderr: {err}");
            (code, err)
        })
        .collect()
}

/// Every command that prints stored text, given the hostile store.
fn readers(id: &str, next: &str, h: &str) -> Vec<Vec<String>> {
    let list: Vec<&[&str]> = vec![
        &["status"],
        &["status", "--json"],
        &["status", "--all"],
        &["status", "--all", "--json"],
        &["list"],
        &["export", "--format", "csv"],
        &["export", "--format", "json"],
        &["export", "--format", "md"],
        &["export", "--actions"],
        &["export", "--suppliers"],
        &["export", "--risks"],
        &["export", "--all"],
        &["plan", "show"],
        &["plan", "list"],
        &["plan", "export", "--format", "md"],
        &["plan", "export", "--format", "json"],
        &["supplier", "list"],
        &["risk", "list"],
        &["profile"],
        &["checklists"],
        &["config"],
    ];
    let mut all: Vec<Vec<String>> = list
        .into_iter()
        .map(|a| a.iter().map(|s| (*s).to_owned()).collect())
        .collect();
    for named in [
        vec!["supplier", "show", h],
        vec!["supplier", "ask", h],
        vec!["risk", "show", h],
        vec!["diff", id, next],
        vec!["diff", id, next, "--json"],
        vec!["answer", "RISK", "yes", "-a", "no-such-assessment"],
        vec!["status", "-a", h],
    ] {
        all.push(named.into_iter().map(str::to_owned).collect());
    }
    all
}

proptest! {
    // Each case runs about forty commands, so only a few; every case holds every class.
    #![proptest_config(ProptestConfig::with_cases(3))]
    #[test]
    fn no_command_prints_a_raw_control_character(h in hostile()) {
        let s = Sandbox::new();
        let evidence = s.out(&format!("policy{EVERY_CLASS}.pdf"));
        std::fs::write(&evidence, b"policy").expect("write");
        let done = setup(&s, &h, &evidence);
        for (code, err) in &done {
            prop_assert!(*code == 0, "a hostile field was refused: {err}");
        }
        let (_, listed, _) = raw(&s, &["list"]);
        let id = listed.lines().nth(1).and_then(|l| l.split_whitespace().next()).expect("an id").to_owned();
        let (code, _, err) = raw(&s, &["renew", "--force", "-a", &id, "--keep-editions"]);
        prop_assert_eq!(code, 0, "{}", err);
        let (_, listed, _) = raw(&s, &["list"]);
        let next = listed.lines().nth(2).and_then(|l| l.split_whitespace().next()).expect("the renewal").to_owned();
        raw(&s, &["answer", "-a", &next, "RISK", "no", "--note", &h]);
        for args in readers(&id, &next, &h) {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let (_, out, err) = raw(&s, &args);
            prop_assert_eq!(first_unsafe(&out), None, "{:?} stdout: {}", args, out);
            prop_assert_eq!(first_unsafe(&err), None, "{:?} stderr: {}", args, err);
        }
    }
}
