//! Truthful marks: an answer carried forward from last year and not yet confirmed is drawn as
//! waiting ("↻ to confirm (last year: Yes)") on the item, in All items and in a level's "not
//! yet met" list, never as ✓.

mod common;

use carecheck::domain::assessment::{Answer, Status};
use carecheck::tui::action::Command;
use carecheck::tui::app::{App, Filter, Session};
use carecheck::tui::theme::Theme;
use common::tui::{cmd, library, today};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// A renewed DSPT assessment whose first three items were Yes last year, carried forward; the
/// second (a date) holds a value that is no date, so it no longer counts.
fn renewed() -> App {
    let library = library();
    let base = common::tui::session(&library, &["dspt-social-care"], None);
    let mut assessment = base.assessment().clone();
    for entry in base.entries.iter().take(3) {
        let mut answer = Answer::default();
        answer.set_status(Status::Yes, today());
        answer.value = Some("ZA123456".into());
        answer.carried = Some(today());
        assessment.answers.insert(entry.key.clone(), answer);
    }
    let session = Session::new(assessment, base.checklists.clone(), &library, None, today());
    let mut app = App::new(
        common::tui::choices(&library),
        "dspt-social-care",
        Vec::new(),
        today(),
    );
    app.open(session);
    app
}

fn lines(app: &mut App) -> Vec<String> {
    app.size = (80, 24);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    terminal
        .draw(|f| carecheck::tui::view::render(app, Theme { colour: false }, f))
        .expect("draw");
    let buffer = terminal.backend().buffer().clone();
    (0..24)
        .map(|y| {
            (0..80)
                .map(|x| buffer[(x, y)].symbol().to_owned())
                .collect::<String>()
                .trim_end()
                .to_owned()
        })
        .collect()
}

fn row<'a>(screen: &'a [String], id: &str) -> &'a str {
    screen
        .iter()
        .find(|l| l.contains(&format!(" {id} ")))
        .map_or("", String::as_str)
}

#[test]
fn a_carried_answer_is_drawn_to_confirm_in_every_list_and_on_the_item() {
    let mut app = renewed();
    cmd(&mut app, Command::ShowItems);
    let all = lines(&mut app);
    assert_eq!(
        row(&all, "1.1.1"),
        "│ ↻ 1.1.1    ICO registration · to confirm (last year: Yes)                    │"
    );
    // A level's "not yet met" list: the carried answer is listed, and not as met.
    app.filter = Filter::Blocking(0, "met".into());
    app.items_selected = 0;
    let blocking = lines(&mut app);
    assert_eq!(
        row(&blocking, "1.1.1"),
        "│ ↻ 1.1.1    ICO registration · to confirm (last year: Yes)                    │"
    );
    assert!(
        !blocking.iter().chain(&all).any(|l| l.contains('✓')),
        "nothing carried is drawn as met:\n{}",
        blocking.join("\n")
    );
    // Carried with a value that no longer meets the rule: still to confirm (someone must look
    // at it), never met, as the pack and status count it.
    assert_eq!(
        row(&blocking, "1.1.2"),
        "│ ↻ 1.1.2    Record of the personal data you hol… · to confirm (last year: Yes)│"
    );
    // The item itself.
    cmd(&mut app, Command::Open);
    let item = lines(&mut app);
    let answer = item
        .iter()
        .find(|l| l.contains("↻"))
        .expect("the answer's line");
    assert_eq!(
        answer,
        "│↻ to confirm (last year: Yes)                                                 │"
    );
}

/// An action past its date is marked overdue on the item and in the gaps list.
#[test]
fn an_overdue_action_is_marked_on_the_item_and_in_the_gaps_list() {
    use carecheck::domain::assessment::Action;
    let library = library();
    let base = common::tui::session(&library, &["dspt-social-care"], None);
    let mut assessment = base.assessment().clone();
    let mut gap = Answer::default();
    gap.set_status(Status::No, today());
    gap.action = Some(Action {
        text: "Register with the ICO".into(),
        owner: "Sam".into(),
        due: carecheck::domain::date::Date::parse("2026-11-01"),
        ..Action::default()
    });
    assessment.answers.insert(base.entries[0].key.clone(), gap);
    let session = Session::new(assessment, base.checklists.clone(), &library, None, today());
    let mut app = App::new(
        common::tui::choices(&library),
        "dspt-social-care",
        Vec::new(),
        today(),
    );
    app.open(session);
    cmd(&mut app, Command::ShowItems);
    app.filter = Filter::Gaps;
    app.items_selected = 0;
    let gaps = lines(&mut app);
    assert_eq!(
        row(&gaps, "1.1.1"),
        "│ ✗ 1.1.1    ICO registration  Sam · 01/11/2026 overdue                        │"
    );
    cmd(&mut app, Command::Open);
    let item = lines(&mut app);
    let at = item
        .iter()
        .position(|l| l.contains("Action:"))
        .unwrap_or_else(|| panic!("{}", item.join("\n")));
    assert_eq!(
        item[at..=at + 1],
        [
            "│Evidence: none yet (d to add)   Action: Register with the ICO · Sam ·         │",
            "│01/11/2026 OVERDUE · medium (r)                                               │"
        ]
    );
}

/// A gap carried forward (last year's No) is still a gap, drawn as one and saying where it
/// came from: never "to confirm", never "no longer counts".
#[test]
fn a_carried_gap_is_drawn_as_the_gap_it_is() {
    let library = library();
    let base = common::tui::session(&library, &["dspt-social-care"], None);
    let mut assessment = base.assessment().clone();
    let first = base.entries[0].key.clone();
    let mut answer = Answer::default();
    answer.set_status(Status::No, today());
    answer.carried = Some(today());
    assessment.answers.insert(first, answer);
    let session = Session::new(assessment, base.checklists.clone(), &library, None, today());
    let mut app = App::new(
        common::tui::choices(&library),
        "dspt-social-care",
        Vec::new(),
        today(),
    );
    app.open(session);
    cmd(&mut app, Command::ShowItems);
    let all = lines(&mut app);
    assert_eq!(
        row(&all, "1.1.1"),
        "│ ✗ 1.1.1    ICO registration · No (carried from last year)                    │"
    );
}
