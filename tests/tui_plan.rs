//! The continuity plan screen: reached from the overview with P, drawn at 80×24 and 120×40
//! (compared with reviewed snapshots), scrolled, and left with Esc.

mod common;

use carecheck::domain::assessment::Event;
use carecheck::domain::date::Date;
use carecheck::domain::plan::{Contact, Exercise, PlanChange, Role};
use carecheck::tui::action::{Action, Command, Effect};
use carecheck::tui::app::{App, Screen};
use carecheck::tui::keymap::{Context, resolve};
use carecheck::tui::plan_builder::{RowKind, RowState};
use carecheck::tui::theme::Theme;
use carecheck::tui::view;
use common::tui::{app, at, cmd, key, step, type_text};
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

fn ctrl_s(app: &mut App) -> Vec<Effect> {
    step(
        app,
        Action::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)),
    )
}

/// Selects the first row of the plan screen that `wanted` picks.
fn select(app: &mut App, wanted: impl Fn(&RowKind) -> bool) {
    let rows = app.plan_rows();
    app.plan.selected = rows
        .iter()
        .position(|r| wanted(&r.kind))
        .unwrap_or_else(|| panic!("no such row in {rows:#?}"));
}

fn own_plan(app: &App) -> carecheck::domain::plan::Plan {
    app.session.as_ref().expect("session").own().plan.clone()
}

fn plan_saves(effects: &[Effect]) -> Vec<PlanChange> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Save(Event::Plan { change }) => Some(change.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn p_opens_the_plan_on_the_first_missing_part_and_esc_goes_back() {
    let mut app = planned();
    let p = KeyEvent::new(KeyCode::Char('P'), KeyModifiers::SHIFT);
    assert_eq!(
        resolve(p, Context::Overview, false),
        Some(Command::ShowPlan)
    );
    cmd(&mut app, Command::ShowPlan);
    assert_eq!(app.screen, Screen::Plan);
    let rows = app.plan_rows();
    assert_eq!(rows[app.plan.selected].state, RowState::Missing);
    assert_eq!(
        rows[app.plan.selected].kind,
        RowKind::MissingRole(Role::OnCallManager),
        "decides, IT support and insurer are entered; the manager on call is the first gap"
    );
    // Answering keys do nothing here; the plan's own keys do.
    let key_of = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    assert_eq!(resolve(key_of('y'), Context::Plan, false), None);
    assert_eq!(
        resolve(key_of('n'), Context::Plan, false),
        Some(Command::PlanNextMissing)
    );
    assert_eq!(
        resolve(key_of('p'), Context::Plan, false),
        Some(Command::PrintPlan)
    );
    let before = app.plan.selected;
    cmd(&mut app, Command::ScrollDown);
    assert_eq!(app.plan.selected, before + 1);
    cmd(&mut app, Command::Back);
    assert_eq!(app.screen, Screen::Overview);
}

#[test]
fn the_plan_screen_shows_the_test_the_numbers_and_what_is_missing() {
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
    assert!(text.contains("8 parts missing"), "{text}");
    for (w, h) in [(80, 24), (120, 40)] {
        let terminal = draw(&mut app, w, h);
        insta::assert_snapshot!(format!("plan_{w}x{h}"), terminal.backend());
    }
    // Further down: the incidents, the duties and the exercise.
    let mut seen = String::new();
    for _ in 0..10 {
        cmd(&mut app, Command::PageDown);
        seen.push_str(&screen_text(&draw(&mut app, 120, 40)));
    }
    assert!(seen.contains("A screen says files are locke"), "{seen}");
    assert!(seen.contains("E1 14/03/2026"), "{seen}");
    assert!(seen.contains("Your insurer's terms"), "{seen}");
}

#[test]
fn an_untested_plan_says_so() {
    let mut app = app(&["dspt-social-care"]);
    cmd(&mut app, Command::ShowOverview);
    cmd(&mut app, Command::ShowPlan);
    let text = screen_text(&draw(&mut app, 120, 40));
    assert!(text.contains("Continuity plan never tested"), "{text}");
    assert!(text.contains("12 parts missing"), "{text}");
}

#[test]
fn n_walks_a_new_user_through_the_missing_parts_one_form_after_another() {
    let mut app = app(&["dspt-social-care"]);
    cmd(&mut app, Command::ShowOverview);
    cmd(&mut app, Command::ShowPlan);
    cmd(&mut app, Command::PlanNextMissing);
    let form = app.plan.form.as_ref().expect("a form opens");
    assert_eq!(form.title, "New contact: Who decides");
    assert_eq!(form.focus, 1, "the name is asked first");
    for (w, h) in [(80, 24), (120, 40)] {
        let terminal = draw(&mut app, w, h);
        insta::assert_snapshot!(format!("plan_contact_form_{w}x{h}"), terminal.backend());
    }
    type_text(&mut app, "Sam Patel");
    key(&mut app, KeyCode::Enter);
    // A contact that cannot be reached is refused in the form, and nothing is saved.
    assert!(plan_saves(&ctrl_s(&mut app)).is_empty());
    let error = app.plan.form.as_ref().and_then(|f| f.error.clone());
    assert!(error.is_some_and(|e| e.contains("phone number or an email")));
    type_text(&mut app, "07700 900001");
    let saved = plan_saves(&ctrl_s(&mut app));
    assert_eq!(saved.len(), 1);
    let plan = own_plan(&app);
    assert_eq!(plan.contacts["decides"].name, "Sam Patel");
    assert_eq!(plan.contacts["decides"].phone, "07700 900001");
    // Said without carecheck's internal id for the contact.
    assert_eq!(
        app.message.as_ref().map(|m| m.text.as_str()),
        Some("Added contact: Who decides (Sam Patel). The next missing part is open (Esc stops).")
    );
    // Walking on: the next missing part's form is already open.
    let form = app.plan.form.as_ref().expect("the walk goes on");
    assert_eq!(form.title, "New contact: Manager on call");
    // Esc with nothing typed stops the walk; n then skips the part just left.
    key(&mut app, KeyCode::Esc);
    assert!(app.plan.form.is_none());
    assert!(!app.plan.walking);
    cmd(&mut app, Command::PlanNextMissing);
    assert_eq!(
        app.plan.form.as_ref().map(|f| f.title.as_str()),
        Some("New contact: IT support")
    );
    // Esc with something typed asks first; a second Esc discards it.
    type_text(&mut app, "Acme");
    key(&mut app, KeyCode::Esc);
    assert!(app.plan.form.is_some(), "one Esc never loses typing");
    key(&mut app, KeyCode::Esc);
    assert!(app.plan.form.is_none());
    assert_eq!(own_plan(&app).contacts.len(), 1);
}

#[test]
fn a_service_is_adopted_with_how_long_care_can_continue() {
    let mut app = app(&["dspt-social-care"]);
    cmd(&mut app, Command::ShowOverview);
    cmd(&mut app, Command::ShowPlan);
    select(
        &mut app,
        |k| matches!(k, RowKind::Service { id } if id == "emar"),
    );
    cmd(&mut app, Command::Open);
    let form = app.plan.form.as_ref().expect("service form");
    assert_eq!(form.focus, 1, "how long is asked first");
    assert!(
        !form.fields[2].input.text().is_empty(),
        "the suggested fallback is filled in"
    );
    type_text(&mut app, "4 hours: paper MAR charts");
    for _ in 0..2 {
        key(&mut app, KeyCode::Tab);
    }
    key(&mut app, KeyCode::End);
    type_text(&mut app, " Office cabinet 2.");
    let saved = plan_saves(&ctrl_s(&mut app));
    assert_eq!(saved.len(), 1);
    let svc = own_plan(&app).services["emar"].clone();
    assert_eq!(svc.how_long, "4 hours: paper MAR charts");
    assert!(svc.forms_kept.ends_with("Office cabinet 2."), "{svc:?}");
    // The other suggestions are still offered, as suggestions.
    let rows = app.plan_rows();
    assert!(rows.iter().any(
        |r| matches!(&r.kind, RowKind::Service { id } if id == "care-records")
            && r.state == RowState::Suggested
    ));
    // A service of the provider's own gets its id from its name.
    select(&mut app, |k| *k == RowKind::AddService);
    cmd(&mut app, Command::Open);
    type_text(&mut app, "Call bells");
    key(&mut app, KeyCode::Enter);
    type_text(&mut app, "Unsafe at once: hourly checks");
    // The name of a suggested service is refused: that one is changed from its own line.
    assert!(plan_saves(&ctrl_s(&mut app)).is_empty());
    key(&mut app, KeyCode::Up);
    step(
        &mut app,
        Action::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)),
    );
    type_text(&mut app, "Lift alarm");
    ctrl_s(&mut app);
    assert_eq!(own_plan(&app).services["lift-alarm"].title, "Lift alarm");
}

#[test]
fn first_hour_steps_are_adjusted_and_reset() {
    let mut app = app(&["dspt-social-care"]);
    cmd(&mut app, Command::ShowOverview);
    cmd(&mut app, Command::ShowPlan);
    select(
        &mut app,
        |k| matches!(k, RowKind::Incident { id } if id == "ransomware"),
    );
    cmd(&mut app, Command::Open);
    let suggested = app.plan.form.as_ref().expect("steps form").fields.len() - 2;
    // Empty the first step, and add one at the end.
    key(&mut app, KeyCode::Char('u'));
    step(
        &mut app,
        Action::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)),
    );
    let fields = app.plan.form.as_ref().expect("form").fields.len();
    for _ in 0..fields - 2 {
        key(&mut app, KeyCode::Tab);
    }
    type_text(&mut app, "Ring Rowan House's IT on 0113 496 0000");
    ctrl_s(&mut app);
    let steps = own_plan(&app).steps["ransomware"].clone();
    assert_eq!(steps.len(), suggested, "one removed, one added");
    assert_eq!(
        steps.last().map(String::as_str),
        Some("Ring Rowan House's IT on 0113 496 0000")
    );
    // d twice goes back to carecheck's steps.
    cmd(&mut app, Command::PlanRemove);
    assert!(
        own_plan(&app).steps.contains_key("ransomware"),
        "one d only asks"
    );
    cmd(&mut app, Command::PlanRemove);
    assert!(!own_plan(&app).steps.contains_key("ransomware"));
}

#[test]
fn an_exercise_is_recorded_and_answers_the_test() {
    let mut app = app(&["dspt-social-care"]);
    cmd(&mut app, Command::ShowOverview);
    cmd(&mut app, Command::ShowPlan);
    select(&mut app, |k| *k == RowKind::AddExercise);
    cmd(&mut app, Command::Open);
    for (w, h) in [(80, 24), (120, 40)] {
        let terminal = draw(&mut app, w, h);
        insta::assert_snapshot!(format!("plan_exercise_form_{w}x{h}"), terminal.backend());
    }
    key(&mut app, KeyCode::BackTab);
    step(
        &mut app,
        Action::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)),
    );
    type_text(&mut app, "31/02/2026");
    key(&mut app, KeyCode::Enter);
    type_text(&mut app, "No internet at 7am");
    key(&mut app, KeyCode::Enter);
    type_text(&mut app, "Sam Patel, Priya Shah");
    key(&mut app, KeyCode::Enter);
    type_text(&mut app, "Paper MAR charts were a month old");
    key(&mut app, KeyCode::Enter);
    type_text(
        &mut app,
        "Print MAR charts weekly; Put the card by the phone",
    );
    // The impossible date is refused in the form.
    assert!(plan_saves(&key(&mut app, KeyCode::Enter)).is_empty());
    assert!(
        app.plan
            .form
            .as_ref()
            .and_then(|f| f.error.as_ref())
            .is_some_and(|e| e.contains("not a date"))
    );
    for _ in 0..4 {
        key(&mut app, KeyCode::Up);
    }
    step(
        &mut app,
        Action::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)),
    );
    type_text(&mut app, "12/03/2026");
    assert_eq!(plan_saves(&ctrl_s(&mut app)).len(), 1);
    let e = own_plan(&app).exercises["E1"].clone();
    assert_eq!(e.date, Date::parse("2026-03-12").expect("date"));
    assert_eq!(e.participants, ["Sam Patel", "Priya Shah"]);
    assert_eq!(
        e.actions,
        ["Print MAR charts weekly", "Put the card by the phone"]
    );
    let text = screen_text(&draw(&mut app, 120, 40));
    assert!(
        text.contains("Continuity plan last tested 12/03/2026"),
        "{text}"
    );
    // Its actions are in the one action plan the overview, status and reports read.
    let summary = &app.session.as_ref().expect("session").summary;
    let actions: Vec<&str> = summary
        .action_plan
        .iter()
        .filter(|p| p.from_exercise.as_deref() == Some("E1"))
        .filter_map(|p| p.action.as_ref().map(|a| a.text.as_str()))
        .collect();
    assert_eq!(
        actions,
        ["Print MAR charts weekly", "Put the card by the phone"]
    );
    // The overview counts them apart: they are actions, not gaps in the answers.
    assert_eq!(summary.gap_count(), 0);
    cmd(&mut app, Command::Back);
    cmd(&mut app, Command::ShowOverview);
    let text = screen_text(&draw(&mut app, 80, 24));
    assert!(
        text.contains("Gaps to act on: 0, and 2 from plan exercises"),
        "{text}"
    );
}

#[test]
fn a_critical_supplier_in_the_register_is_offered_as_a_helpdesk_to_ring() {
    use carecheck::domain::registers::{RegisterChange, Supplier};
    let mut app = app(&["dspt-social-care"]);
    let mut supplier = Supplier::named("Acme Care Records");
    supplier.critical = true;
    supplier.support_contact = "0113 496 0999".into();
    app.session.as_mut().expect("session").apply(
        &Event::Register {
            change: Box::new(RegisterChange::Supplier {
                id: "acme-care-records".into(),
                supplier: Some(supplier),
            }),
        },
        at(),
    );
    cmd(&mut app, Command::ShowOverview);
    cmd(&mut app, Command::ShowPlan);
    select(&mut app, |k| matches!(k, RowKind::SupplierHelpdesk { .. }));
    cmd(&mut app, Command::Open);
    let form = app.plan.form.as_ref().expect("form");
    assert_eq!(form.fields[1].input.text(), "Acme Care Records helpdesk");
    assert_eq!(form.fields[2].input.text(), "0113 496 0999");
    ctrl_s(&mut app);
    let plan = own_plan(&app);
    assert_eq!(
        plan.contacts["supplier-helpdesk"].role,
        Role::SupplierHelpdesk
    );
    assert!(
        !app.plan_rows()
            .iter()
            .any(|r| matches!(r.kind, RowKind::SupplierHelpdesk { .. })),
        "no longer missing"
    );
}

#[test]
fn a_helpdesk_named_loosely_or_kept_in_the_register_is_not_missing() {
    use carecheck::domain::registers::{RegisterChange, Supplier};
    let mut app = planned();
    for (id, name, support) in [
        ("acme", "Acme Care Records Ltd", "0113 496 0000 (24/7)"),
        ("meds", "MedsOnline", "0800 000 222"),
        ("rota", "RotaCloud Limited", ""),
    ] {
        let mut supplier = Supplier::named(name);
        supplier.critical = true;
        supplier.support_contact = support.into();
        app.session.as_mut().expect("session").apply(
            &Event::Register {
                change: Box::new(RegisterChange::Supplier {
                    id: id.into(),
                    supplier: Some(supplier),
                }),
            },
            at(),
        );
    }
    // The plan names Acme without its "Ltd": that is Acme's helpdesk.
    record(
        &mut app,
        PlanChange::Contact {
            id: "supplier-helpdesk".into(),
            contact: Some(Contact {
                role: Role::SupplierHelpdesk,
                name: "Acme Care Records support".into(),
                phone: "0113 496 0001".into(),
                email: String::new(),
                notes: String::new(),
            }),
        },
    );
    cmd(&mut app, Command::ShowPlan);
    let helpdesks: Vec<(String, RowState)> = app
        .plan_rows()
        .into_iter()
        .filter(|r| {
            matches!(
                r.kind,
                RowKind::SupplierHelpdesk { .. } | RowKind::MissingRole(Role::SupplierHelpdesk)
            )
        })
        .map(|r| (r.detail, r.state))
        .collect();
    assert_eq!(
        helpdesks,
        [
            (
                "0800 000 222  MedsOnline (from your supplier register)".to_owned(),
                RowState::Done
            ),
            (
                "RotaCloud Limited (critical in your supplier register): not entered".to_owned(),
                RowState::Missing
            ),
        ]
    );
    let text = screen_text(&draw(&mut app, 120, 40));
    assert!(!text.contains("✗ Supplier helpdesk Acme"), "{text}");
    assert!(text.contains("RotaCloud Limited"), "{text}");
    // The count agrees with the rows: only RotaCloud among the helpdesks is missing.
    let missing = app
        .plan_rows()
        .iter()
        .filter(|r| r.state == RowState::Missing)
        .count();
    assert!(
        text.contains(&format!("{missing} parts missing")),
        "{missing}: {text}"
    );
}

#[test]
fn a_site_sees_its_head_office_contacts_and_editing_one_makes_its_own_copy() {
    let library = common::tui::library();
    let mut head = common::tui::session(&library, &["dspt-social-care"], None)
        .own()
        .clone();
    head.plan.contacts.insert(
        "it-support".into(),
        Contact {
            role: Role::ItSupport,
            name: "Group IT".into(),
            phone: "0113 000 0000".into(),
            email: String::new(),
            notes: String::new(),
        },
    );
    let mut app = app(&["dspt-social-care"]);
    let session = app.session.take().expect("session").with_head_office(head);
    app.session = Some(session);
    cmd(&mut app, Command::ShowOverview);
    cmd(&mut app, Command::ShowPlan);
    let rows = app.plan_rows();
    let inherited = rows
        .iter()
        .find(|r| matches!(&r.kind, RowKind::Contact { id, inherited: true } if id == "it-support"))
        .expect("inherited row");
    assert_eq!(inherited.state, RowState::HeadOffice);
    assert!(screen_text(&draw(&mut app, 120, 40)).contains("(head office)"));
    select(&mut app, |k| {
        matches!(
            k,
            RowKind::Contact {
                inherited: true,
                ..
            }
        )
    });
    cmd(&mut app, Command::Open);
    key(&mut app, KeyCode::End);
    type_text(&mut app, " (Leeds)");
    ctrl_s(&mut app);
    assert_eq!(
        own_plan(&app).contacts["it-support"].name,
        "Group IT (Leeds)"
    );
}

#[test]
fn p_on_the_plan_screen_asks_the_shell_to_print_and_d_twice_removes_a_contact() {
    let mut app = planned();
    cmd(&mut app, Command::ShowPlan);
    let effects = cmd(&mut app, Command::PrintPlan);
    assert_eq!(effects, [Effect::PrintPlan]);
    select(
        &mut app,
        |k| matches!(k, RowKind::Contact { id, .. } if id == "insurer"),
    );
    cmd(&mut app, Command::PlanRemove);
    cmd(&mut app, Command::ScrollUp);
    cmd(&mut app, Command::ScrollDown);
    cmd(&mut app, Command::PlanRemove);
    assert!(
        own_plan(&app).contacts.contains_key("insurer"),
        "moving away cancels"
    );
    let removed = plan_saves(&cmd(&mut app, Command::PlanRemove));
    assert_eq!(removed.len(), 1);
    assert!(!own_plan(&app).contacts.contains_key("insurer"));
}

#[test]
fn continuity_items_say_the_plan_is_evidence_and_o_adds_it() {
    use carecheck::domain::assessment::EvidenceSource;
    use carecheck::domain::checklist::ItemRef;
    let mut app = planned();
    let o = KeyEvent::new(KeyCode::Char('O'), KeyModifiers::SHIFT);
    assert_eq!(
        resolve(o, Context::Item, false),
        Some(Command::OfferPlanEvidence)
    );
    let open = |app: &mut App, item: &str| {
        let key = ItemRef::new("dspt-social-care", item);
        app.cursor = app
            .session
            .as_ref()
            .and_then(|s| s.index_of(&key))
            .expect("item");
        app.screen = Screen::Item;
        key
    };
    let documents = |app: &App, key: &ItemRef| -> Vec<String> {
        app.session
            .as_ref()
            .expect("session")
            .own_answer(key)
            .evidence
            .iter()
            .filter_map(|e| match &e.source {
                EvidenceSource::Document { name } => Some(name.clone()),
                EvidenceSource::File { .. } => None,
            })
            .collect()
    };
    let test_item = open(&mut app, "7.2.1");
    let text = screen_text(&draw(&mut app, 120, 40));
    assert!(
        text.contains("Your continuity plan is evidence here"),
        "{text}"
    );
    assert!(
        text.contains("Continuity plan: 3 contacts, 0 services; last exercise 14/03/2026"),
        "{text}"
    );
    let effects = cmd(&mut app, Command::OfferPlanEvidence);
    assert!(
        matches!(effects.first(), Some(Effect::Save(Event::Answered { .. }))),
        "{effects:?}"
    );
    assert_eq!(
        documents(&app, &test_item),
        ["Continuity plan exercise E1, 14/03/2026: No internet at 7am"]
    );
    // Offered twice, recorded once.
    assert!(cmd(&mut app, Command::OfferPlanEvidence).is_empty());
    assert_eq!(documents(&app, &test_item).len(), 1);
    let plan_item = open(&mut app, "7.1.2");
    cmd(&mut app, Command::OfferPlanEvidence);
    assert_eq!(
        documents(&app, &plan_item),
        [
            "Continuity plan and one-page incident card (carecheck plan): 3 contacts, 0 services; last exercise 14/03/2026"
        ]
    );
    // An item the plan is not evidence for says so and changes nothing.
    let other = open(&mut app, "1.1.1");
    assert!(cmd(&mut app, Command::OfferPlanEvidence).is_empty());
    assert!(documents(&app, &other).is_empty());
    assert!(
        !screen_text(&draw(&mut app, 120, 40)).contains("Your continuity plan is evidence here")
    );
}

#[test]
fn a_read_only_plan_opens_no_form_and_saves_nothing() {
    let library = common::tui::library();
    let mut app = App::new(
        carecheck::tui::app::ChecklistChoice::all(&library),
        "dspt-social-care",
        Vec::new(),
        common::tui::today(),
    );
    app.open(common::tui::session(
        &library,
        &["dspt-social-care"],
        Some("another carecheck has it open".into()),
    ));
    cmd(&mut app, Command::ShowOverview);
    cmd(&mut app, Command::ShowPlan);
    assert!(cmd(&mut app, Command::Open).is_empty());
    assert!(app.plan.form.is_none());
    assert!(cmd(&mut app, Command::PlanNextMissing).is_empty());
    assert!(app.plan.form.is_none());
    let said = app
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(said.contains("read-only"), "{said}");
}

#[test]
fn the_overview_says_what_the_plan_lacks_and_enter_on_that_row_opens_it() {
    use carecheck::tui::app::OverviewRow;
    let mut app = app(&["dspt-social-care"]);
    cmd(&mut app, Command::ShowOverview);
    let text = screen_text(&draw(&mut app, 80, 24));
    let missing = app
        .plan_rows()
        .iter()
        .filter(|r| r.state == RowState::Missing)
        .count();
    assert!(missing > 0);
    assert!(
        text.contains(&format!(
            "Continuity plan: {missing} parts missing · never tested (P)"
        )),
        "{text}"
    );
    record(
        &mut app,
        PlanChange::Exercise {
            id: "E1".into(),
            exercise: Some(Exercise {
                date: Date::parse("2026-03-12").expect("date"),
                scenario: "No internet at 7am".into(),
                participants: Vec::new(),
                went_wrong: String::new(),
                actions: Vec::new(),
            }),
        },
    );
    let text = screen_text(&draw(&mut app, 80, 24));
    assert!(text.contains("· tested 12/03/2026 (P)"), "{text}");
    let row = app
        .overview_rows()
        .iter()
        .position(|r| *r == OverviewRow::Plan)
        .expect("a plan row");
    app.overview_selected = row;
    cmd(&mut app, Command::Open);
    assert_eq!(app.screen, Screen::Plan);
}

#[test]
fn the_plan_screen_calls_missing_exactly_the_roles_the_card_leaves_blank() {
    // The starter's incidents ring the data protection lead and a supplier helpdesk, neither
    // of them in the essential list: the card leaves a line for each, so the screen lists both.
    let app = planned();
    let mut missing: Vec<Role> = app
        .plan_rows()
        .iter()
        .filter_map(|r| match r.kind {
            RowKind::MissingRole(role) => Some(role),
            _ => None,
        })
        .collect();
    missing.sort();
    assert_eq!(
        missing,
        [
            Role::OnCallManager,
            Role::SupplierHelpdesk,
            Role::DataProtectionLead,
            Role::Bank,
            Role::LocalAuthority,
            Role::Icb,
        ]
    );
    let s = app.session.as_ref().expect("session");
    let starter = carecheck::continuity::shared_starter().expect("starter");
    let plan = carecheck::tui::plan_builder::effective(s, starter);
    assert_eq!(missing, plan.missing_roles(&[]));
}
