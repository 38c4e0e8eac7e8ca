//! The renewal walk tells the truth about last year's answers: a value that no longer satisfies
//! the item today is said so and `y` is not offered (nor taken); values read the UK way with
//! their units; an open action shows its owner and whether it is overdue.

mod common;

use carecheck::domain::assessment::{Action, Answer, Status};
use carecheck::domain::checklist::ItemRef;
use carecheck::domain::date::Date;
use carecheck::tui::action::Command;
use carecheck::tui::app::{App, Session};
use carecheck::tui::theme::Theme;
use common::tui::{cmd, library, today};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn carried(status: Status, value: Option<&str>) -> Answer {
    let mut answer = Answer::default();
    answer.set_status(status, Date::parse("2025-11-20").expect("date"));
    answer.value = value.map(Into::into);
    answer.carried = Some(today());
    answer
}

/// Last year's: 1.1.2 reviewed 01/08/2025 (now 15 months old), 3.2.1 at 96 %, 1.1.3 a gap
/// whose action is overdue.
fn renewed() -> App {
    let library = library();
    let base = common::tui::session(&library, &["dspt-social-care"], None);
    let mut assessment = base.assessment().clone();
    let key = |id: &str| ItemRef::parse(&format!("dspt-social-care:{id}")).expect("ref");
    assessment
        .answers
        .insert(key("1.1.2"), carried(Status::Yes, Some("2025-08-01")));
    assessment
        .answers
        .insert(key("3.2.1"), carried(Status::Yes, Some("96")));
    let mut gap = carried(Status::No, None);
    gap.action = Some(Action {
        text: "Rewrite the privacy notice".into(),
        owner: "Sam Patel".into(),
        due: Date::parse("2026-10-31"),
        ..Action::default()
    });
    assessment.answers.insert(key("1.1.3"), gap);
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

fn line_with<'a>(screen: &'a [String], text: &str) -> &'a str {
    screen.iter().find(|l| l.contains(text)).map_or_else(
        || panic!("no line with {text:?}:\n{}", screen.join("\n")),
        String::as_str,
    )
}

#[test]
fn the_walk_refuses_a_stale_value_and_shows_units_owners_and_overdue_dates() {
    let mut app = renewed();
    cmd(&mut app, Command::WalkCarried);
    let screen = lines(&mut app);
    assert_eq!(
        line_with(&screen, "Value:"),
        "│   Value: 01/08/2025                                                          │"
    );
    assert_eq!(
        line_with(&screen, "no longer counts"),
        "│ Last year's answer no longer counts: 01/08/2025 is more than 12 months ago.  │"
    );
    assert_eq!(
        screen[23], " c change  s skip  b back  m messages  q quit  ? more keys",
        "y is not offered"
    );
    // y is refused, with the way forward.
    assert!(cmd(&mut app, Command::ConfirmCarried).is_empty());
    assert_eq!(
        app.message.as_ref().map(|m| m.text.as_str()),
        Some(
            "Not confirmed: last year's answer to 1.1.2 no longer counts (01/08/2025 is more than 12 months ago). Press c to answer it again."
        )
    );
    assert!(app.session.as_ref().expect("s").summary.carried.len() == 3);
    // On to the open gap: its action with owner and an overdue date.
    cmd(&mut app, Command::SkipCarried);
    let screen = lines(&mut app);
    assert_eq!(
        line_with(&screen, "Action still open"),
        "│   Action still open: Rewrite the privacy notice · owner Sam Patel · due      │"
    );
    assert!(
        screen.iter().any(|l| l.contains("31/10/2026 (overdue)")),
        "{}",
        screen.join("\n")
    );
    // A percentage with its sign.
    cmd(&mut app, Command::SkipCarried);
    let screen = lines(&mut app);
    assert_eq!(
        line_with(&screen, "Value:"),
        "│   Value: 96 %                                                                │"
    );
}

#[test]
fn a_carried_yes_without_the_value_it_needs_cannot_be_confirmed() {
    let library = library();
    let base = common::tui::session(&library, &["dspt-social-care"], None);
    let mut assessment = base.assessment().clone();
    // 1.1.1 asks for the ICO registration number; last year's Yes has none.
    assessment.answers.insert(
        ItemRef::parse("dspt-social-care:1.1.1").expect("ref"),
        carried(Status::Yes, None),
    );
    let session = Session::new(assessment, base.checklists.clone(), &library, None, today());
    let mut app = App::new(
        common::tui::choices(&library),
        "dspt-social-care",
        Vec::new(),
        today(),
    );
    app.open(session);
    cmd(&mut app, Command::WalkCarried);
    assert!(app.walk_shows_stale(), "y is not offered");
    assert!(cmd(&mut app, Command::ConfirmCarried).is_empty());
    assert_eq!(
        app.message.as_ref().map(|m| m.text.as_str()),
        Some(
            "Not confirmed: last year's answer to 1.1.1 no longer counts (no ICO registration number is recorded). Press c to answer it again."
        )
    );
}
