//! `u` on the registers takes back the last register change (an add, an edit, a removal, or
//! the starter risks added together), saved like any change, as `u` does for answers; the two
//! keep their own histories.

mod common;

use carecheck::domain::assessment::{Event, Status};
use carecheck::domain::registers::{RegisterChange, Supplier};
use carecheck::tui::action::{Action, Command, Effect};
use carecheck::tui::app::{App, Screen};
use carecheck::tui::keymap::resolve;
use common::tui::{app, cmd, step, type_text};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn ctrl_s(app: &mut App) -> Vec<Effect> {
    step(
        app,
        Action::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)),
    )
}

/// `u` as typed on the screen shown, resolved by the keymap as the shell resolves it.
fn press_u(app: &mut App) -> Vec<Effect> {
    let u = KeyEvent::new(KeyCode::Char('u'), KeyModifiers::NONE);
    let command = resolve(u, app.context(), false).expect("u is bound on this screen");
    assert_eq!(command, Command::Undo);
    cmd(app, command)
}

fn said(app: &App) -> &str {
    app.message.as_ref().map_or("", |m| m.text.as_str())
}

fn suppliers(app: &App) -> Vec<(String, Supplier)> {
    let s = app.session.as_ref().expect("session");
    s.own()
        .registers
        .suppliers
        .iter()
        .map(|(id, s)| (id.clone(), s.clone()))
        .collect()
}

/// Adds a supplier named `name` on the form.
fn add(app: &mut App, name: &str) {
    cmd(app, Command::ShowSuppliers);
    cmd(app, Command::AddRecord);
    type_text(app, name);
    ctrl_s(app);
}

#[test]
fn u_takes_back_an_added_supplier_then_the_one_before() {
    let mut app = app(&["dspt-social-care"]);
    add(&mut app, "Acme Ltd");
    add(&mut app, "BT Business");
    assert_eq!(suppliers(&app).len(), 2);
    let effects = press_u(&mut app);
    assert!(
        matches!(
            effects.first(),
            Some(Effect::Save(Event::Register { change }))
                if **change == RegisterChange::Supplier { id: "bt-business".into(), supplier: None }
        ),
        "saved like any change: {effects:?}"
    );
    assert_eq!(said(&app), "Undone: BT Business is no longer recorded.");
    let left: Vec<String> = suppliers(&app).into_iter().map(|(id, _)| id).collect();
    assert_eq!(left, ["acme-ltd"]);
    press_u(&mut app);
    assert!(suppliers(&app).is_empty());
    assert!(press_u(&mut app).is_empty());
    assert_eq!(said(&app), "Nothing to undo in the registers.");
}

#[test]
fn u_puts_an_edited_supplier_back_as_it_was() {
    let mut app = app(&["dspt-social-care"]);
    add(&mut app, "Acme Ltd");
    let before = suppliers(&app);
    cmd(&mut app, Command::EditRecord);
    type_text(&mut app, " Group");
    ctrl_s(&mut app);
    assert_eq!(suppliers(&app)[0].1.name, "Acme Ltd Group");
    press_u(&mut app);
    assert_eq!(suppliers(&app), before);
    assert_eq!(said(&app), "Undone: Acme Ltd Group is back as it was.");
}

#[test]
fn u_brings_back_a_removed_supplier_whole() {
    let mut app = app(&["dspt-social-care"]);
    add(&mut app, "Acme Ltd");
    let before = suppliers(&app);
    cmd(&mut app, Command::RemoveRecord);
    cmd(&mut app, Command::RemoveRecord);
    assert!(suppliers(&app).is_empty());
    assert_eq!(said(&app), "Removed Acme Ltd. Press u to undo.");
    press_u(&mut app);
    assert_eq!(suppliers(&app), before);
    assert_eq!(said(&app), "Undone: Acme Ltd is back.");
    assert_eq!(app.registers.suppliers_selected, 0);
}

#[test]
fn u_takes_back_the_starter_risks_together() {
    let mut app = app(&["dspt-social-care"]);
    cmd(&mut app, Command::ShowRisks);
    cmd(&mut app, Command::AddStarterRisks);
    let risks = |app: &App| {
        app.session
            .as_ref()
            .expect("session")
            .own()
            .registers
            .risks
            .len()
    };
    let starter = carecheck::registers::starter_risks()
        .expect("starter")
        .len();
    assert_eq!(risks(&app), starter);
    let effects = press_u(&mut app);
    assert!(
        matches!(effects.first(), Some(Effect::SaveAll(events)) if events.len() == starter),
        "{effects:?}"
    );
    assert_eq!(risks(&app), 0);
    assert_eq!(
        said(&app),
        format!("Undone: the {starter} starter risks added together are no longer recorded.")
    );
    assert!(press_u(&mut app).is_empty(), "an undo is not undone again");
}

#[test]
fn u_on_a_register_leaves_the_answers_alone_and_goes_to_the_changed_register() {
    let mut app = app(&["dspt-social-care"]);
    app.screen = Screen::Item;
    cmd(&mut app, Command::SetStatus(Status::No));
    let status = |app: &App| {
        app.session
            .as_ref()
            .expect("session")
            .own()
            .answers
            .values()
            .next()
            .map(|a| a.status)
    };
    assert_eq!(status(&app), Some(Status::No));
    add(&mut app, "Acme Ltd");
    cmd(&mut app, Command::ShowRisks);
    press_u(&mut app);
    assert_eq!(app.screen, Screen::Suppliers, "shown where it changed");
    assert!(suppliers(&app).is_empty());
    assert_eq!(
        status(&app),
        Some(Status::No),
        "the answer is not a register's"
    );
    press_u(&mut app);
    assert_eq!(said(&app), "Nothing to undo in the registers.");
    assert_eq!(status(&app), Some(Status::No));
}
