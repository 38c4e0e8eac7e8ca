//! The supplier and risk registers in the TUI, without a terminal: S and K open them, the form
//! builds records by the domain's rules and saves them as register events, the starter risks
//! come with one key, a head office's records stay read-only at a site, and `L` on an item
//! adds the register as evidence. Snapshots of each screen at 80×24 and 120×40.

mod common;

use carecheck::domain::assessment::{Event, EvidenceSource};
use carecheck::domain::date::Date;
use carecheck::domain::registers::{
    CertificateKind, DataLocation, RegisterChange, ServiceKind, Supplier,
};
use carecheck::tui::action::{Action, Command, Effect};
use carecheck::tui::app::{App, Screen};
use carecheck::tui::theme::Theme;
use carecheck::tui::view;
use common::tui::{app, at, cmd, key, library, step, today, type_text};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn ctrl(app: &mut App, c: char) -> Vec<Effect> {
    step(
        app,
        Action::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)),
    )
}

fn ctrl_s(app: &mut App) -> Vec<Effect> {
    ctrl(app, 's')
}

fn date(text: &str) -> Date {
    Date::parse(text).expect("date")
}

/// Types `text` into the focused field, then moves to the next one.
fn fill(app: &mut App, text: &str) {
    type_text(app, text);
    key(app, KeyCode::Tab);
}

/// The supplier saved by the effects, if one was.
fn saved_supplier(effects: &[Effect]) -> Option<(String, Supplier)> {
    effects.iter().find_map(|e| match e {
        Effect::Save(Event::Register { change }) => match change.as_ref() {
            RegisterChange::Supplier {
                id,
                supplier: Some(s),
            } => Some((id.clone(), s.clone())),
            _ => None,
        },
        _ => None,
    })
}

/// Adds a supplier through the form as a manager would: name, provides, critical (y),
/// location (Space), contract date, DPA, certificate (Space), number, expiry.
fn add_acme(app: &mut App) -> Vec<Effect> {
    cmd(app, Command::ShowSuppliers);
    cmd(app, Command::AddRecord);
    fill(app, "Acme Care Records Ltd");
    fill(app, "care records, emar");
    key(app, KeyCode::Char('y'));
    key(app, KeyCode::Tab);
    key(app, KeyCode::Char(' '));
    key(app, KeyCode::Tab);
    fill(app, "1/4/2025");
    fill(app, "yes");
    key(app, KeyCode::Char(' '));
    key(app, KeyCode::Tab);
    fill(app, "CE-12345");
    fill(app, "10/01/2027");
    fill(app, "");
    fill(app, "");
    fill(app, "24");
    fill(app, "0113 496 0000");
    ctrl_s(app)
}

fn draw(app: &mut App, width: u16, height: u16) -> Terminal<TestBackend> {
    app.update(Action::Resize { width, height });
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal
        .draw(|f| view::render(app, Theme { colour: true }, f))
        .expect("draw");
    terminal
}

fn screen_text(app: &mut App, width: u16, height: u16) -> String {
    let terminal = draw(app, width, height);
    let buffer = terminal.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..height {
        for x in 0..width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

fn snapshots(name: &str, app: &mut App) {
    for (w, h) in [(80, 24), (120, 40)] {
        let terminal = draw(app, w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), terminal.backend());
    }
}

#[test]
fn s_and_k_open_the_registers_and_esc_goes_back() {
    let mut app = app(&["dspt-social-care"]);
    cmd(&mut app, Command::ShowOverview);
    cmd(&mut app, Command::ShowSuppliers);
    assert_eq!(app.screen, Screen::Suppliers);
    cmd(&mut app, Command::ShowRisks);
    assert_eq!(app.screen, Screen::Risks);
    cmd(&mut app, Command::Back);
    assert_eq!(app.screen, Screen::Overview);
    // From an item, Esc goes back to the item.
    cmd(&mut app, Command::NextUnanswered);
    assert_eq!(app.screen, Screen::Item);
    cmd(&mut app, Command::ShowSuppliers);
    cmd(&mut app, Command::Back);
    assert_eq!(app.screen, Screen::Item);
    // The overview's register row opens the supplier register.
    cmd(&mut app, Command::ShowOverview);
    let row = app
        .overview_rows()
        .iter()
        .position(|r| *r == carecheck::tui::app::OverviewRow::Registers)
        .expect("a registers row");
    app.overview_selected = row;
    cmd(&mut app, Command::Open);
    assert_eq!(app.screen, Screen::Suppliers);
}

#[test]
fn the_form_saves_a_supplier_built_by_the_domains_rules() {
    let mut app = app(&["dspt-social-care"]);
    let effects = add_acme(&mut app);
    let (id, s) = saved_supplier(&effects).expect("a supplier saved");
    assert_eq!(id, "acme-care-records-ltd");
    assert_eq!(s.name, "Acme Care Records Ltd");
    assert_eq!(s.provides, [ServiceKind::CareRecords, ServiceKind::Emar]);
    assert!(s.critical);
    assert_eq!(s.data_location, Some(DataLocation::Uk));
    let contract = s.contract.expect("contract");
    assert!(contract.in_place);
    assert_eq!(
        contract.dated,
        Some(date("2025-04-01")),
        "typed as 1/4/2025"
    );
    assert!(s.dpa.is_some_and(|a| a.in_place && a.dated.is_none()));
    let cert = s.cyber_essentials.expect("certificate");
    assert_eq!(cert.kind, CertificateKind::CyberEssentials);
    assert_eq!(cert.number, "CE-12345");
    assert_eq!(cert.expires, date("2027-01-10"));
    assert_eq!(s.breach_notice_hours, Some(24));
    assert_eq!(s.support_contact, "0113 496 0000");
    // Saved: the form is closed, the record is in the session, and its reminder counts.
    assert!(app.registers.form.is_none());
    let session = app.session.as_ref().expect("session");
    assert!(
        session
            .own()
            .registers
            .suppliers
            .contains_key("acme-care-records-ltd")
    );
    let v = carecheck::tui::registers::view(session);
    assert!(
        v.reminders.iter().any(|r| r.text.contains("10/01/2027")),
        "{:?}",
        v.reminders
    );
    // The same name again is refused, on the name field, and nothing is saved.
    cmd(&mut app, Command::AddRecord);
    type_text(&mut app, "Acme Care Records Ltd");
    assert!(ctrl_s(&mut app).is_empty());
    let form = app.registers.form.as_ref().expect("still open");
    assert_eq!(form.focus, 0);
    assert!(
        form.error
            .as_deref()
            .is_some_and(|e| e.contains("already recorded")),
        "{:?}",
        form.error
    );
}

#[test]
fn a_bad_date_or_half_a_certificate_keeps_the_form_open_on_the_field() {
    let mut app = app(&["dspt-social-care"]);
    cmd(&mut app, Command::ShowSuppliers);
    cmd(&mut app, Command::AddRecord);
    fill(&mut app, "Tiny IT");
    for _ in 0..3 {
        key(&mut app, KeyCode::Tab);
    }
    type_text(&mut app, "31/02/2026");
    assert!(ctrl_s(&mut app).is_empty());
    let form = app.registers.form.as_ref().expect("open");
    assert_eq!(form.fields[form.focus].label, "Contract");
    assert!(
        form.error
            .as_deref()
            .is_some_and(|e| e.contains("31/02/2026"))
    );
    // Fixed, but a certificate expiry with no kind chosen is refused too.
    ctrl(&mut app, 'u');
    for _ in 0..4 {
        key(&mut app, KeyCode::Tab);
    }
    type_text(&mut app, "01/01/2027");
    assert!(ctrl_s(&mut app).is_empty());
    let form = app.registers.form.as_ref().expect("open");
    assert_eq!(form.fields[form.focus].label, "Cyber Essentials");
    // Esc with typing asks first; n keeps the form.
    key(&mut app, KeyCode::Esc);
    assert!(app.confirm.is_some());
    key(&mut app, KeyCode::Char('n'));
    assert!(app.registers.form.is_some());
}

#[test]
fn t_adds_every_starter_risk_once_and_digits_score_a_risk() {
    let mut app = app(&["dspt-social-care"]);
    cmd(&mut app, Command::ShowRisks);
    let effects = cmd(&mut app, Command::AddStarterRisks);
    let starter = carecheck::registers::starter_risks().expect("starter");
    match &effects[0] {
        Effect::SaveAll(events) => assert_eq!(events.len(), starter.len()),
        other => panic!("expected SaveAll, got {other:?}"),
    }
    let session = app.session.as_ref().expect("session");
    assert_eq!(session.own().registers.risks.len(), starter.len());
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.text.contains("starter risks")),
        "{:?}",
        app.message
    );
    assert!(cmd(&mut app, Command::AddStarterRisks).is_empty());
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.text.contains("already recorded"))
    );
    // Edit the first: the digits set likelihood and impact with one key each.
    let first = carecheck::tui::registers::view(app.session.as_ref().expect("session")).risks[0]
        .risk
        .id
        .clone();
    cmd(&mut app, Command::EditRecord);
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Char('2'));
    key(&mut app, KeyCode::Char('9')); // not a score: ignored on the impact field
    key(&mut app, KeyCode::Char('5'));
    type_text(&mut app, "Sam Patel");
    let effects = ctrl_s(&mut app);
    let saved = effects
        .iter()
        .find_map(|e| match e {
            Effect::Save(Event::Register { change }) => match change.as_ref() {
                RegisterChange::Risk { id, risk: Some(r) } => Some((id.clone(), r.clone())),
                _ => None,
            },
            _ => None,
        })
        .expect("a risk saved");
    assert_eq!(saved.0, first);
    assert_eq!((saved.1.likelihood, saved.1.impact), (2, 5));
    assert_eq!(saved.1.owner, "Sam Patel");
    // Its standing is the core's: residual from the (unanswered) mitigating items.
    let v = carecheck::tui::registers::view(app.session.as_ref().expect("session"));
    let r = v.risks.iter().find(|r| r.risk.id == first).expect("risk");
    assert_eq!(r.inherent, 10);
    assert_eq!(r.residual, 10, "nothing met yet, so nothing lowers it");
}

#[test]
fn a_head_offices_supplier_is_shown_and_read_only_at_a_site() {
    let lib = library();
    let mut head = common::tui::session(&lib, &["dspt-social-care"], None)
        .own()
        .clone();
    head.registers
        .suppliers
        .insert("group-payroll".into(), Supplier::named("Group Payroll"));
    let session = common::tui::session(&lib, &["dspt-social-care"], None).with_head_office(head);
    let mut app = App::new(
        common::tui::choices(&lib),
        "dspt-social-care",
        Vec::new(),
        today(),
    );
    app.open(session);
    cmd(&mut app, Command::ShowSuppliers);
    let text = screen_text(&mut app, 80, 24);
    assert!(text.contains("Group Payroll ↓HO"), "{text}");
    assert!(
        text.contains("↓HO: from the head office's register"),
        "{text}"
    );
    assert!(cmd(&mut app, Command::EditRecord).is_empty());
    assert!(app.registers.form.is_none());
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.text.contains("head office")),
        "{:?}",
        app.message
    );
    assert!(cmd(&mut app, Command::RemoveRecord).is_empty());
    cmd(&mut app, Command::Open);
    let text = screen_text(&mut app, 80, 24);
    assert!(text.contains("read-only at this site"), "{text}");
}

#[test]
fn removing_asks_for_a_second_x() {
    let mut app = app(&["dspt-social-care"]);
    add_acme(&mut app);
    assert!(cmd(&mut app, Command::RemoveRecord).is_empty());
    cmd(&mut app, Command::ScrollDown);
    // Anything in between keeps it.
    assert!(cmd(&mut app, Command::RemoveRecord).is_empty());
    let effects = cmd(&mut app, Command::RemoveRecord);
    assert!(matches!(
        effects.first(),
        Some(Effect::Save(Event::Register { change }))
            if matches!(change.as_ref(), RegisterChange::Supplier { supplier: None, .. })
    ));
    assert!(
        app.session
            .as_ref()
            .expect("session")
            .own()
            .registers
            .suppliers
            .is_empty()
    );
}

#[test]
fn l_adds_the_register_as_evidence_on_the_items_it_counts_for() {
    let mut app = app(&["dspt-social-care"]);
    add_acme(&mut app);
    cmd(&mut app, Command::StartJump);
    type_text(&mut app, "10.1.2");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Item);
    let text = screen_text(&mut app, 120, 40);
    assert!(
        text.contains("Supplier register: 1 supplier recorded, 0 without a contract date"),
        "{text}"
    );
    let effects = cmd(&mut app, Command::LinkRegister);
    let key10 = carecheck::domain::checklist::ItemRef::new("dspt-social-care", "10.1.2");
    match effects.first() {
        Some(Effect::Save(Event::Answered { item, answer })) => {
            assert_eq!(*item, key10);
            assert!(matches!(
                &answer.evidence[0].source,
                EvidenceSource::Document { name } if name.contains("1 supplier recorded")
            ));
        }
        other => panic!("expected the answer saved, got {other:?}"),
    }
    // Once is enough.
    assert!(cmd(&mut app, Command::LinkRegister).is_empty());
    // An item the register is not evidence for says so and changes nothing.
    cmd(&mut app, Command::StartJump);
    type_text(&mut app, "1.1.1");
    key(&mut app, KeyCode::Enter);
    assert!(cmd(&mut app, Command::LinkRegister).is_empty());
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.text.contains("not evidence for this item"))
    );
    let _ = at();
}

#[test]
fn the_needs_attention_box_says_what_stops_and_what_another_supplier_keeps_going() {
    let mut app = app(&["dspt-social-care"]);
    add_acme(&mut app);
    cmd(&mut app, Command::AddRecord);
    fill(&mut app, "MedsOnline");
    fill(&mut app, "emar");
    key(&mut app, KeyCode::Char('y'));
    ctrl_s(&mut app);
    cmd(&mut app, Command::ShowSuppliers);
    let text = screen_text(&mut app, 160, 40);
    assert!(
        text.contains("If Acme Care Records Ltd goes down, these stop: Digital care records; affected (also from MedsOnline): eMAR (medicines)"),
        "{text}"
    );
    assert!(
        !text.contains("these stop: Digital care records, eMAR"),
        "{text}"
    );
}

#[test]
fn register_screens() {
    let mut app = app(&["dspt-social-care"]);
    add_acme(&mut app);
    cmd(&mut app, Command::AddRecord);
    fill(&mut app, "BT Business");
    fill(&mut app, "phones");
    key(&mut app, KeyCode::Char('y'));
    ctrl_s(&mut app);
    cmd(&mut app, Command::ShowOverview);
    let text = screen_text(&mut app, 80, 24);
    assert!(
        text.contains("Suppliers: 2 · Risks: 0 (0 high) · Reminders: 3"),
        "{text}"
    );
    cmd(&mut app, Command::ShowSuppliers);
    snapshots("suppliers_list", &mut app);
    cmd(&mut app, Command::Open);
    snapshots("supplier_detail", &mut app);
    cmd(&mut app, Command::EditRecord);
    snapshots("supplier_form", &mut app);
    // The hint for what it provides is long: read whole at 80 columns, not cut at the edge.
    key(&mut app, KeyCode::Tab);
    snapshots("supplier_form_provides", &mut app);
    key(&mut app, KeyCode::Esc);
    cmd(&mut app, Command::ShowRisks);
    snapshots("risks_empty", &mut app);
    cmd(&mut app, Command::AddStarterRisks);
    snapshots("risks_list", &mut app);
    cmd(&mut app, Command::Open);
    snapshots("risk_detail", &mut app);
    cmd(&mut app, Command::EditRecord);
    snapshots("risk_form", &mut app);
}

#[test]
fn read_only_refuses_changes_and_a_click_opens_a_record() {
    let lib = library();
    let mut app = App::new(
        common::tui::choices(&lib),
        "dspt-social-care",
        Vec::new(),
        today(),
    );
    app.open(common::tui::session(
        &lib,
        &["dspt-social-care"],
        Some("another carecheck has it open".into()),
    ));
    cmd(&mut app, Command::ShowRisks);
    assert!(cmd(&mut app, Command::AddStarterRisks).is_empty());
    assert!(cmd(&mut app, Command::AddRecord).is_empty());
    assert!(app.registers.form.is_none());
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.error && m.text.contains("read-only"))
    );

    let mut app = common::tui::app(&["dspt-social-care"]);
    add_acme(&mut app);
    cmd(&mut app, Command::AddRecord);
    fill(&mut app, "BT Business");
    ctrl_s(&mut app);
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    // Rows start under the box's border and header: row 3 is the first supplier.
    common::tui::click(&mut app, 10, 3);
    assert!(app.registers.detail);
    assert_eq!(app.registers.suppliers_selected, 0);
    let text = screen_text(&mut app, 80, 24);
    assert!(text.contains("Acme Care Records Ltd"), "{text}");
    // Pasted text lands in the focused field, without control characters.
    cmd(&mut app, Command::Back);
    cmd(&mut app, Command::AddRecord);
    step(&mut app, Action::Paste("Tiny\u{1b}[2J IT".into()));
    let form = app.registers.form.as_ref().expect("form");
    assert!(!form.value("Name").chars().any(char::is_control));
    assert!(form.value("Name").starts_with("Tiny"));
}

/// The risk saved by the effects, if one was.
fn saved_risk(effects: &[Effect]) -> Option<carecheck::domain::registers::Risk> {
    effects.iter().find_map(|e| match e {
        Effect::Save(Event::Register { change }) => match change.as_ref() {
            RegisterChange::Risk { risk: Some(r), .. } => Some(r.clone()),
            _ => None,
        },
        _ => None,
    })
}

#[test]
fn a_risks_protecting_items_and_suppliers_are_typed_on_its_form() {
    let mut app = app(&["dspt-social-care"]);
    add_acme(&mut app);
    cmd(&mut app, Command::ShowRisks);
    cmd(&mut app, Command::AddRecord);
    fill(&mut app, "Care records down for a day");
    key(&mut app, KeyCode::Char('3'));
    key(&mut app, KeyCode::Char('4'));
    fill(&mut app, "Sam Patel");
    fill(&mut app, "");
    fill(&mut app, "");
    fill(&mut app, "7.2.1, 99.9");
    type_text(&mut app, "acme");
    // An item no checklist has keeps the form open on that field, saying which.
    let refused = saved_risk(&ctrl_s(&mut app));
    assert!(refused.is_none(), "{refused:?}");
    let error = app
        .registers
        .form
        .as_ref()
        .and_then(|f| f.error.clone())
        .expect("refused");
    assert!(error.contains("99.9"), "{error}");
    ctrl(&mut app, 'u');
    type_text(&mut app, "7.2.1, 10.1.2");
    let risk = saved_risk(&ctrl_s(&mut app)).expect("saved");
    let keys: Vec<String> = risk.mitigated_by.iter().map(|k| k.to_string()).collect();
    assert_eq!(keys, ["dspt-social-care:7.2.1", "dspt-social-care:10.1.2"]);
    assert_eq!(risk.suppliers, ["acme-care-records-ltd"]);
    // The core judges it from those answers: nothing met yet, so it stays at its full score.
    let v = carecheck::tui::registers::view(app.session.as_ref().expect("session"));
    let standing = v
        .risks
        .iter()
        .find(|r| r.risk.record.title == "Care records down for a day")
        .expect("listed");
    assert_eq!((standing.inherent, standing.residual), (12, 12));

    // Editing shows them as typed, and a supplier not in the register is refused by name.
    let row = v
        .risks
        .iter()
        .position(|r| r.risk.record.title == "Care records down for a day")
        .expect("row");
    app.registers.risks_selected = row;
    cmd(&mut app, Command::EditRecord);
    let text = screen_text(&mut app, 80, 24);
    assert!(text.contains("7.2.1, 10.1.2"), "{text}");
    assert!(text.contains("Acme Care Records Ltd"), "{text}");
    for _ in 0..7 {
        key(&mut app, KeyCode::Tab);
    }
    ctrl(&mut app, 'u');
    type_text(&mut app, "Nobody Ltd");
    assert!(saved_risk(&ctrl_s(&mut app)).is_none());
    let error = app
        .registers
        .form
        .as_ref()
        .and_then(|f| f.error.clone())
        .expect("refused");
    assert!(error.contains("no supplier `Nobody Ltd`"), "{error}");
}

#[test]
fn editing_a_starter_risk_keeps_the_items_it_came_with() {
    let mut app = app(&["dspt-social-care"]);
    cmd(&mut app, Command::ShowRisks);
    cmd(&mut app, Command::AddStarterRisks);
    let before = carecheck::tui::registers::view(app.session.as_ref().expect("session")).risks[0]
        .risk
        .record
        .mitigated_by
        .clone();
    assert!(!before.is_empty());
    cmd(&mut app, Command::EditRecord);
    let mut after = saved_risk(&ctrl_s(&mut app)).expect("saved").mitigated_by;
    // The form lists this assessment's items first; the set is what counts.
    let mut before = before;
    before.sort();
    after.sort();
    assert_eq!(after, before);
}
