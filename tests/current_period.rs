//! A new assessment belongs to the DSPT period in force: once the newest bundled edition's period
//! has ended, the period, its deadline and the countdown are the current year's, and every door
//! says the questions are provisional. And the countdown is exact on the day before the deadline,
//! on the deadline and the day after.

mod common;

use carecheck::domain::checklist::Reporting;
use carecheck::domain::date::Date;
use carecheck::summary::EditionStanding;
use common::Sandbox;

const DSPT: &str = "Data Security and Protection Toolkit: adult social care";
const EDITION: &str = "2025-26 (version 8)";

fn date(text: &str) -> Date {
    Date::parse(text).expect("test date")
}

fn dspt_2025_26() -> Reporting {
    Reporting {
        period_start: date("2025-07-01"),
        period_end: date("2026-06-30"),
        deadline: date("2026-06-30"),
    }
}

/// Runs carecheck on `day`, returning (exit code, stdout, stderr).
fn on(s: &Sandbox, day: &str, args: &[&str]) -> (i32, String, String) {
    let output = s
        .cmd()
        .env("CARECHECK_TODAY", day)
        .args(args)
        .output()
        .expect("runs");
    (
        output.status.code().unwrap_or(-1),
        common::safe_text(&output.stdout),
        common::safe_text(&output.stderr),
    )
}

/// The line under the DSPT's heading in `carecheck status`.
fn status_period_line(s: &Sandbox, day: &str, id: &str) -> String {
    // Status exits 1 while a level is still to reach.
    let (code, out, err) = on(s, day, &["status", "-a", id]);
    assert_eq!(code, 1, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    let heading = format!("{DSPT} ({EDITION})");
    let at = lines
        .iter()
        .position(|l| *l == heading)
        .unwrap_or_else(|| panic!("no DSPT heading in:\n{out}"));
    lines[at + 1].to_owned()
}

#[test]
fn a_new_assessment_in_december_2026_is_for_2026_27_with_the_questions_provisional() {
    let s = Sandbox::new();
    let (code, out, err) = on(&s, "2026-12-07", &["new", "--org", "Oak House"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "oak-house\n");
    let said: Vec<&str> = err.lines().collect();
    assert_eq!(
        said[1..],
        [
            "Data Security and Protection Toolkit: adult social care: The 2026-27 period runs 01/07/2026 to 30/06/2027. Publish by 30/06/2027: 205 days to go. The questions are the 2025-26 (version 8) edition's, provisional for 2026-27: check each against the live toolkit until carecheck has the 2026-27 edition."
        ],
        "{err}"
    );
    // The period assessed is the current period.
    let (_, profile, _) = on(&s, "2026-12-07", &["profile", "-a", "oak-house"]);
    let period: Vec<&str> = profile
        .lines()
        .filter(|l| l.starts_with("Period assessed"))
        .collect();
    assert_eq!(period, ["Period assessed:   01/07/2026 to 30/06/2027"]);
    // Status says the same, and so does its JSON.
    assert_eq!(
        status_period_line(&s, "2026-12-07", "oak-house"),
        "  The 2026-27 period runs 01/07/2026 to 30/06/2027. Publish by 30/06/2027: 205 days to go. The questions are the 2025-26 (version 8) edition's, provisional for 2026-27: check each against the live toolkit until carecheck has the 2026-27 edition."
    );
    let (_, json, _) = on(&s, "2026-12-07", &["status", "--json", "-a", "oak-house"]);
    let json: serde_json::Value = serde_json::from_str(&json).expect("json");
    let reporting = &json["checklists"][0]["reporting"];
    assert_eq!(reporting["period"], "2026-27");
    assert_eq!(reporting["period_start"], "2026-07-01");
    assert_eq!(reporting["deadline"], "2027-06-30");
    assert_eq!(reporting["days_to_deadline"], 205);
    assert_eq!(reporting["provisional"], true);
    assert_eq!(reporting["edition_period"]["deadline"], "2026-06-30");
}

#[test]
fn a_new_assessment_in_may_2026_is_for_2025_26_as_before() {
    let s = Sandbox::new();
    let (code, _, err) = on(&s, "2026-05-20", &["new", "--org", "Oak House"]);
    assert_eq!(code, 0, "{err}");
    let said: Vec<&str> = err.lines().collect();
    assert_eq!(
        said[1..],
        [
            "Data Security and Protection Toolkit: adult social care: The 2025-26 period runs 01/07/2025 to 30/06/2026. Publish by 30/06/2026: 41 days to go (2025-26 (version 8) edition)."
        ]
    );
    let (_, profile, _) = on(&s, "2026-05-20", &["profile", "-a", "oak-house"]);
    assert!(
        profile
            .lines()
            .any(|l| l == "Period assessed:   01/07/2025 to 30/06/2026"),
        "{profile}"
    );
}

#[test]
fn a_period_given_on_the_command_line_is_kept() {
    let s = Sandbox::new();
    let (code, _, err) = on(
        &s,
        "2026-12-07",
        &[
            "new",
            "--org",
            "Oak House",
            "--period-start",
            "2025-07-01",
            "--period-end",
            "2026-06-30",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        status_period_line(&s, "2026-12-07", "oak-house"),
        "  This is the 2025-26 (version 8) edition, whose period ended on 30/06/2026; its deadline was 30/06/2026. The next edition may ask different questions: check the live toolkit."
    );
}

#[test]
fn the_countdown_is_exact_the_day_before_on_the_day_and_after() {
    let s = Sandbox::new();
    let (code, _, err) = on(&s, "2026-05-20", &["new", "--org", "Oak House"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        status_period_line(&s, "2026-06-29", "oak-house"),
        "  The 2025-26 period runs 01/07/2025 to 30/06/2026. Publish by 30/06/2026: 1 day to go (2025-26 (version 8) edition)."
    );
    assert_eq!(
        status_period_line(&s, "2026-06-30", "oak-house"),
        "  The 2025-26 period runs 01/07/2025 to 30/06/2026. Publish today, 30/06/2026 (2025-26 (version 8) edition)."
    );
    assert_eq!(
        status_period_line(&s, "2026-07-01", "oak-house"),
        "  This is the 2025-26 (version 8) edition, whose period ended on 30/06/2026; its deadline was 30/06/2026. The next edition may ask different questions: check the live toolkit."
    );
}

#[test]
fn the_screen_border_counts_down_to_the_period_in_force() {
    let short = |period_end: Option<&str>, today: &str| {
        EditionStanding::of(dspt_2025_26(), period_end.map(date), date(today)).short()
    };
    assert_eq!(
        short(None, "2026-06-28"),
        "2025-26: publish by 30/06/2026: 2 days to go"
    );
    assert_eq!(
        short(None, "2026-06-29"),
        "2025-26: publish by 30/06/2026: 1 day to go"
    );
    assert_eq!(
        short(None, "2026-06-30"),
        "2025-26: publish today, 30/06/2026"
    );
    // The day after, with no period assessed recorded: the next period, provisional.
    assert_eq!(
        short(None, "2026-07-01"),
        "2026-27: publish by 30/06/2027: 364 days to go; questions provisional"
    );
    // An assessment recorded for 2025-26, seen the day after its deadline.
    assert_eq!(
        short(Some("2026-06-30"), "2026-07-01"),
        "2025-26: period ended 30/06/2026; a newer edition may differ"
    );
    // An assessment for 2026-27 seen after its deadline, still on last year's questions.
    assert_eq!(
        short(Some("2027-06-30"), "2027-07-02"),
        "2026-27: deadline 30/06/2027 has passed; questions provisional"
    );
}

#[test]
fn the_provisional_note_names_both_editions_and_only_when_provisional() {
    let standing = EditionStanding::of(dspt_2025_26(), None, date("2026-12-07"));
    assert_eq!(
        standing.provisional_note(EDITION).as_deref(),
        Some(
            "The questions are the 2025-26 (version 8) edition's, provisional for 2026-27: check each against the live toolkit until carecheck has the 2026-27 edition."
        )
    );
    let own = EditionStanding::of(dspt_2025_26(), None, date("2026-05-20"));
    assert_eq!(own.provisional_note(EDITION), None);
}

#[test]
fn a_renewal_in_december_2026_is_for_2026_27() {
    let s = Sandbox::new();
    let (code, _, err) = on(&s, "2026-05-20", &["new", "--org", "Oak House"]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = on(&s, "2026-12-07", &["renew", "--force", "-a", "oak-house"]);
    assert_eq!(code, 0, "{err}");
    let renewed = out
        .lines()
        .next()
        .expect("the renewed id")
        .trim()
        .to_owned();
    assert_ne!(renewed, "oak-house");
    assert_eq!(
        status_period_line(&s, "2026-12-07", &renewed),
        "  The 2026-27 period runs 01/07/2026 to 30/06/2027. Publish by 30/06/2027: 205 days to go. The questions are the 2025-26 (version 8) edition's, provisional for 2026-27: check each against the live toolkit until carecheck has the 2026-27 edition."
    );
    // Last year's keeps its own period, now over.
    assert_eq!(
        status_period_line(&s, "2026-12-07", "oak-house"),
        "  This is the 2025-26 (version 8) edition, whose period ended on 30/06/2026; its deadline was 30/06/2026. The next edition may ask different questions: check the live toolkit."
    );
}
