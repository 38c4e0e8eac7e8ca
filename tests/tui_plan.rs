//! The continuity plan screen: reached from the overview with P, drawn at 80×24 and 120×40
//! (compared with reviewed snapshots), scrolled, and left with Esc.

mod common;

use carecheck::domain::assessment::Event;
use carecheck::domain::date::Date;
use carecheck::domain::plan::{Contact, Exercise, PlanChange, Role};
use carecheck::tui::action::{Action, Command};
use carecheck::tui::app::{App, Screen};
use carecheck::tui::keymap::{Context, resolve};
use carecheck::tui::theme::Theme;
use carecheck::tui::view;
use common::tui::{app, at, cmd};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn record(app: &mut App, change: PlanChange) {
    app.session
        .as_mut()
        .expect("session")
        .apply(&Event::Plan { change }, at());
}

fn planned() -> App {
    let mut app = app(&["dspt-social-care"]);
    for (id, role, name, phone) in [
        (
            "decides",
            Role::Decides,
            "Sam Patel, registered manager",
            "07700 900001",
        ),
        (
            "it-support",
            Role::ItSupport,
            "Acme IT service desk",
            "0113 496 0000",
        ),
        (
            "insurer",
            Role::Insurer,
            "CyberSure incident line",
            "0800 000 0123",
        ),
    ] {
        record(
            &mut app,
            PlanChange::Contact {
                id: id.into(),
                contact: Some(Contact {
                    role,
                    name: name.into(),
                    phone: phone.into(),
                    email: String::new(),
                    notes: String::new(),
                }),
            },
        );
    }
    record(
        &mut app,
        PlanChange::Exercise {
            id: "E1".into(),
            exercise: Some(Exercise {
                date: Date::parse("2026-03-14").expect("date"),
                scenario: "No internet at 7am".into(),
                participants: vec!["Sam Patel".into()],
                went_wrong: "Paper MAR charts were a month old".into(),
                actions: vec!["Print MAR charts every week".into()],
            }),
        },
    );
    cmd(&mut app, Command::ShowOverview);
    app
}

fn draw(app: &mut App, width: u16, height: u16) -> Terminal<TestBackend> {
    app.update(Action::Resize { width, height });
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal
        .draw(|f| view::render(app, Theme { colour: true }, f))
        .expect("draw");
    terminal
}

fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect()
}

#[test]
fn p_opens_the_plan_from_the_overview_and_esc_goes_back() {
    let mut app = planned();
    let p = KeyEvent::new(KeyCode::Char('P'), KeyModifiers::SHIFT);
    assert_eq!(
        resolve(p, Context::Overview, false),
        Some(Command::ShowPlan)
    );
    cmd(&mut app, Command::ShowPlan);
    assert_eq!(app.screen, Screen::Plan);
    // Reading keys scroll; answering keys do nothing here.
    let y = KeyEvent::new(KeyCode::Char('y'), KeyModifiers::NONE);
    assert_eq!(resolve(y, Context::Plan, false), None);
    cmd(&mut app, Command::ScrollDown);
    cmd(&mut app, Command::ScrollDown);
    assert_eq!(app.scroll, 2);
    cmd(&mut app, Command::Back);
    assert_eq!(app.screen, Screen::Overview);
}

#[test]
fn the_plan_screen_shows_the_test_the_numbers_and_the_steps() {
    let mut app = planned();
    cmd(&mut app, Command::ShowPlan);
    let text = screen_text(&draw(&mut app, 120, 40));
    assert!(
        text.contains("Continuity plan last tested 14/03/2026"),
        "{text}"
    );
    assert!(text.contains("0800 000 0123"));
    assert!(text.contains("0303 123 1113"));
    assert!(text.contains("[unconfirmed]"));
    for (w, h) in [(80, 24), (120, 40)] {
        let terminal = draw(&mut app, w, h);
        insta::assert_snapshot!(format!("plan_{w}x{h}"), terminal.backend());
    }
    // Further down: the first-hour steps and the exercise.
    let mut seen = String::new();
    for _ in 0..40 {
        cmd(&mut app, Command::PageDown);
        seen.push_str(&screen_text(&draw(&mut app, 120, 40)));
    }
    assert!(seen.contains("1. Do not pay, reply or follow the message."));
    assert!(seen.contains("E1 14/03/2026 · No internet at 7am"));
}

#[test]
fn an_untested_plan_says_so() {
    let mut app = app(&["dspt-social-care"]);
    cmd(&mut app, Command::ShowOverview);
    cmd(&mut app, Command::ShowPlan);
    let text = screen_text(&draw(&mut app, 120, 40));
    assert!(text.contains("Continuity plan never tested"), "{text}");
    assert!(text.contains("None of your own yet"), "{text}");
}
