//! `carecheck export --calendar`: every dated duty of an assessment as an iCalendar file that
//! Outlook, Google Calendar or Apple Calendar imports, with UIDs that stay the same from one
//! export to the next (so a newer file updates events instead of duplicating them), text that
//! a hostile note cannot break, and the one output rule.

mod common;

use std::collections::BTreeMap;
use std::time::Duration;

use common::{Sandbox, safe_text};

fn run_on(s: &Sandbox, today: &str, args: &[&str]) -> (i32, String, String) {
    let output = s
        .cmd()
        .env("CARECHECK_TODAY", today)
        .timeout(Duration::from_secs(60))
        .args(args)
        .output()
        .expect("runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).expect("UTF-8"),
        safe_text(&output.stderr),
    )
}

fn ok(s: &Sandbox, args: &[&str]) -> String {
    let (code, out, err) = run_on(s, "2026-12-07", args);
    assert_eq!(code, 0, "{args:?}: {out}{err}");
    out
}

const HOSTILE: &str =
    "line one\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil; a, b \\ \u{1b}]52;c;aGk=\u{7} end";

/// An assessment with one of each kind of dated duty.
fn assessment() -> Sandbox {
    let s = Sandbox::new();
    ok(&s, &["new", "--org", "Oak House Care", "--site", "Leeds"]);
    ok(
        &s,
        &[
            "answer",
            "1.1.1",
            "no",
            "--action",
            "Register with the ICO",
            "--owner",
            "Nguyễn Thị Lan",
            "--due",
            "28/02/2027",
            "--note",
            HOSTILE,
        ],
    );
    ok(
        &s,
        &[
            "answer",
            "1.1.2",
            "partial",
            "--action",
            HOSTILE,
            "--owner",
            "Ann",
            "--due",
            "15/01/2027",
        ],
    );
    ok(
        &s,
        &[
            "supplier",
            "add",
            "Acme Care Records",
            "--provides",
            "care-records",
            "--critical",
            "yes",
            "--ce",
            "ce",
            "--ce-expires",
            "20/01/2027",
            "--reviewed",
            "01/11/2025",
        ],
    );
    ok(
        &s,
        &[
            "risk",
            "add",
            "Ransomware",
            "--likelihood",
            "4",
            "--impact",
            "5",
            "--owner",
            "Bob",
            "--review-by",
            "01/12/2026",
        ],
    );
    ok(
        &s,
        &[
            "plan",
            "exercise",
            "add",
            "--date",
            "10/03/2026",
            "--scenario",
            "Ransomware on the office PC",
        ],
    );
    s
}

/// The file's events: each a map of property name to (unfolded, still escaped) value.
fn events(ics: &str) -> Vec<BTreeMap<String, String>> {
    assert!(ics.ends_with("END:VCALENDAR\r\n"), "ends cleanly:\n{ics}");
    for line in ics.split_inclusive('\n') {
        assert!(line.ends_with("\r\n"), "every line ends CRLF: {line:?}");
        assert!(line.len() <= 77, "folded at 75 octets: {line:?}");
        let body = line.trim_end_matches("\r\n");
        assert!(
            !body.chars().any(char::is_control),
            "no control character inside a line: {body:?}"
        );
    }
    let unfolded = ics.replace("\r\n ", "");
    let mut out = Vec::new();
    let mut current: Option<BTreeMap<String, String>> = None;
    let mut depth_in_alarm = false;
    for line in unfolded.split("\r\n") {
        match line {
            "BEGIN:VEVENT" => current = Some(BTreeMap::new()),
            "END:VEVENT" => out.push(current.take().expect("BEGIN before END")),
            "BEGIN:VALARM" => depth_in_alarm = true,
            "END:VALARM" => depth_in_alarm = false,
            _ => {
                if let (Some(event), false) = (current.as_mut(), depth_in_alarm) {
                    let (name, value) = line.split_once(':').expect("NAME:value");
                    let name = name.split(';').next().unwrap_or(name).to_owned();
                    assert!(
                        event.insert(name.clone(), value.to_owned()).is_none(),
                        "{name} once per event"
                    );
                }
            }
        }
    }
    out
}

fn ics_date(uk: &str) -> String {
    // dd/mm/yyyy or yyyy-mm-dd to the iCalendar form yyyymmdd.
    if let [d, m, y] = uk.split('/').collect::<Vec<_>>()[..] {
        format!("{y}{m}{d}")
    } else {
        uk.replace('-', "")
    }
}

#[test]
fn every_dated_duty_in_status_appears_once_on_its_day() {
    let s = assessment();
    let status = common::status_json(&s, "oak-house-care-leeds");
    let ics = ok(&s, &["export", "--calendar"]);
    let events = events(&ics);
    let on = |date: &str, words: &str| {
        events
            .iter()
            .filter(|e| e["DTSTART"] == ics_date(date) && e["SUMMARY"].contains(words))
            .count()
    };
    let mut checked = 0;
    for entry in status["action_plan"].as_array().expect("action plan") {
        if let Some(due) = entry["action"]["due"].as_str() {
            let item = entry["item"].as_str().unwrap_or_default();
            let id = item.rsplit(':').next().expect("id");
            assert_eq!(
                on(due, &format!("Action due: {id} ")),
                1,
                "{item} due {due}"
            );
            checked += 1;
        }
    }
    for reminder in status["registers"]["reminders"]
        .as_array()
        .expect("reminders")
    {
        if let Some(date) = reminder["date"].as_str() {
            let matching = events
                .iter()
                .filter(|e| e["DTSTART"] == ics_date(date))
                .count();
            assert_eq!(matching, 1, "reminder {reminder}");
            checked += 1;
        }
    }
    let test_due = status["continuity_plan"]["test"]["due"]
        .as_str()
        .expect("the plan's next test");
    assert_eq!(on(test_due, "Exercise the continuity plan"), 1);
    // Two actions, the certificate and the overdue risk review (both within the reminders'
    // window), and the exercise: five of the file's duties, each once.
    assert_eq!(checked, 4, "{status}");
    // The supplier's yearly review (01/11/2026) is in the file although not yet a reminder.
    assert_eq!(on("2026-11-01", "Review supplier Acme Care Records"), 1);
}

#[test]
fn an_event_says_what_to_do_who_owns_it_and_for_which_home() {
    let s = assessment();
    let events = events(&ok(&s, &["export", "--calendar"]));
    let action = events
        .iter()
        .find(|e| e["SUMMARY"].starts_with("Action due: 1.1.1 "))
        .expect("the ICO action");
    assert_eq!(action["DTSTART"], "20270228");
    assert_eq!(
        action["DTEND"], "20270301",
        "an all-day event ends the next day"
    );
    let description = &action["DESCRIPTION"];
    assert!(
        description.starts_with("Oak House Care · Leeds\\n"),
        "{description}"
    );
    assert!(
        description.contains("\\nAction: Register with the ICO\\nOwner: Nguyễn Thị Lan"),
        "{description}"
    );
    assert_eq!(action["TRANSP"], "TRANSPARENT");
}

#[test]
fn uids_are_the_same_in_two_exports_a_day_apart_and_follow_a_moved_date() {
    let s = assessment();
    let uids = |today: &str| -> BTreeMap<String, String> {
        let (code, ics, err) = run_on(&s, today, &["export", "--calendar"]);
        assert_eq!(code, 0, "{err}");
        events(&ics)
            .into_iter()
            .map(|e| (e["UID"].clone(), e["SUMMARY"].clone()))
            .collect()
    };
    let first = uids("2026-12-07");
    let next_day = uids("2026-12-08");
    assert_eq!(first, next_day);
    assert_eq!(first.len(), 9, "{first:#?}");
    ok(&s, &["answer", "1.1.1", "no", "--due", "31/03/2027"]);
    let moved = events(&ok(&s, &["export", "--calendar"]));
    let ico = moved
        .iter()
        .find(|e| e["SUMMARY"].starts_with("Action due: 1.1.1 "))
        .expect("still there");
    assert_eq!(ico["DTSTART"], "20270331");
    assert!(
        first.contains_key(&ico["UID"]),
        "same UID after the date moved"
    );
}

#[test]
fn a_hostile_note_or_action_cannot_break_the_file() {
    let s = assessment();
    let ics = ok(&s, &["export", "--calendar"]);
    let events = events(&ics);
    // Eight duties and the DSPT deadline of the period in force (30/06/2027).
    assert_eq!(events.len(), 9);
    // Only real lines begin or end an event: the hostile text's look-alikes sit escaped inside
    // a DESCRIPTION value, never at the start of a line.
    assert_eq!(ics.matches("\r\nBEGIN:VEVENT\r\n").count(), 9);
    assert_eq!(ics.matches("\r\nEND:VEVENT\r\n").count(), 9);
    let action = events
        .iter()
        .find(|e| e["SUMMARY"].starts_with("Action due: 1.1.2 "))
        .expect("the hostile action");
    // The text is kept, escaped the RFC 5545 way, with the escape character made visible.
    assert!(
        action["DESCRIPTION"].contains(
            "Action: line one\\nEND:VEVENT\\nBEGIN:VEVENT\\nUID:evil\\; a\\, b \\\\ \\\\u{1b}]52\\;c\\;aGk=\\\\u{7} end"
        ),
        "{}",
        action["DESCRIPTION"]
    );
}

#[test]
fn alarms_default_to_a_week_ahead_and_can_be_changed_or_left_out() {
    let s = assessment();
    let week = ok(&s, &["export", "--calendar"]);
    assert_eq!(week.matches("TRIGGER:-PT604800S\r\n").count(), 9);
    let two_days = ok(&s, &["export", "--calendar", "--alarm-days", "2"]);
    assert_eq!(two_days.matches("TRIGGER:-PT172800S\r\n").count(), 9);
    let none = ok(&s, &["export", "--calendar", "--alarm-days", "0"]);
    assert!(!none.contains("BEGIN:VALARM"), "{none}");
}

#[test]
fn the_calendar_file_follows_the_one_output_rule() {
    let s = assessment();
    let path = s.out("duties.ics");
    let path = path.to_str().expect("path");
    let said = ok(&s, &["export", "--calendar", "-o", path]);
    assert_eq!(said, format!("Wrote {path} (9 dated duties).\n"));
    let (code, _, err) = run_on(&s, "2026-12-07", &["export", "--calendar", "-o", path]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("already exists"), "{err}");
    ok(&s, &["export", "--calendar", "-o", path, "--force"]);
    let inside = s.path().join("duties.ics");
    let (code, _, err) = run_on(
        &s,
        "2026-12-07",
        &["export", "--calendar", "-o", inside.to_str().expect("path")],
    );
    assert_ne!(code, 0, "{err}");
    assert!(!inside.exists());
}

#[test]
fn every_assessment_of_one_organisation_in_one_calendar() {
    let s = assessment();
    ok(&s, &["new", "--org", "Elm Lodge"]);
    ok(
        &s,
        &[
            "answer",
            "-a",
            "elm-lodge",
            "1.1.1",
            "no",
            "--action",
            "Register",
            "--due",
            "01/02/2027",
        ],
    );
    let all = events(&ok(&s, &["export", "--calendar", "--all"]));
    let elm: Vec<_> = all
        .iter()
        .filter(|e| e["SUMMARY"].ends_with("(Elm Lodge)"))
        .collect();
    assert!(!elm.is_empty());
    assert_eq!(all.len(), 9 + elm.len());
    let oak_only = events(&ok(
        &s,
        &["export", "--calendar", "--all", "--org", "oak house care"],
    ));
    assert_eq!(oak_only.len(), 9);
}

/// The file through a real iCalendar parser (Python's `icalendar`, which `.ci/run` installs in
/// a throw-away virtual environment and names in `CARECHECK_TEST_PYTHON`).
#[test]
#[ignore = "needs Python with the icalendar package (CARECHECK_TEST_PYTHON)"]
fn a_real_icalendar_parser_reads_every_event() {
    let python = std::env::var("CARECHECK_TEST_PYTHON").unwrap_or_else(|_| "python3".into());
    let s = assessment();
    let path = s.out("duties.ics");
    ok(
        &s,
        &["export", "--calendar", "-o", path.to_str().expect("path")],
    );
    let script = r#"
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
for e in cal.walk('VEVENT'):
    alarms = e.walk('VALARM')
    print(str(e['UID']), e.decoded('DTSTART').isoformat(), len(alarms), str(e['SUMMARY']).replace('\n', '|'))
    if str(e['SUMMARY']).startswith('Action due: 1.1.2 '):
        print('DESCRIPTION', str(e['DESCRIPTION']).replace('\n', '|'))
"#;
    let out = common::output_within(
        std::process::Command::new(&python)
            .args(["-c", script])
            .arg(&path),
        Duration::from_secs(60),
    );
    assert!(
        out.status.success(),
        "{python} could not parse the calendar (is icalendar installed?): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 10, "{text}");
    assert!(
        text.contains("|Action: line one|END:VEVENT|BEGIN:VEVENT|UID:evil; a, b \\ \\u{1b}]52;c;aGk=\\u{7} end|Owner: Ann\n"),
        "the hostile action comes back as it was written, inside one event: {text}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains(" 2027-02-28 1 Action due: 1.1.1 ")),
        "{text}"
    );
}
