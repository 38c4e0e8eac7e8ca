//! Everything the CLI can record about an assessment can be recorded in the TUI: the gap's
//! action on one form, the profile and identifiers on another (checked by the same rule as
//! `carecheck profile`), and a list of the CLI's writable flags each mapped to its TUI key.

mod common;

use carecheck::domain::assessment::{ActionStatus, Priority, Status};
use carecheck::domain::checklist::ItemRef;
use carecheck::tui::action::{Command, Effect};
use carecheck::tui::input::Editor;
use carecheck::tui::keymap::BINDINGS;
use clap::CommandFactory;
use common::Sandbox;
use common::tui::{app, cmd, key, step, type_text};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn ctrl(app: &mut carecheck::tui::app::App, c: char) -> Vec<Effect> {
    step(
        app,
        carecheck::tui::action::Action::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)),
    )
}

fn own(app: &carecheck::tui::app::App, item: &str) -> carecheck::domain::assessment::Answer {
    app.session
        .as_ref()
        .expect("session")
        .assessment()
        .answer(&ItemRef::parse(item).expect("ref"))
}

#[test]
fn a_gaps_action_owner_date_priority_and_state_are_set_on_one_form() {
    let mut app = app(&["dspt-social-care"]);
    cmd(&mut app, Command::ToggleGuided);
    cmd(&mut app, Command::SetStatus(Status::No));
    cmd(&mut app, Command::EditAction);
    assert!(app.is_typing(), "the form has the keyboard");
    type_text(&mut app, "Register with the ICO");
    key(&mut app, KeyCode::Tab);
    type_text(&mut app, "Sam Patel");
    key(&mut app, KeyCode::Tab);
    type_text(&mut app, "31/01/2027");
    key(&mut app, KeyCode::Tab);
    // h picks high; Space on the state moves it from open to in progress.
    type_text(&mut app, "h");
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Char(' '));
    let effects = key(&mut app, KeyCode::Enter);
    assert_eq!(effects.len(), 1, "one save: {effects:?}");
    assert!(app.form.is_none(), "saved, the form closes");
    let action = own(&app, "dspt-social-care:1.1.1").action.expect("action");
    assert_eq!(action.text, "Register with the ICO");
    assert_eq!(action.owner, "Sam Patel");
    assert_eq!(action.due.map(|d| d.uk()).as_deref(), Some("31/01/2027"));
    assert_eq!(action.priority, Priority::High);
    assert_eq!(action.status, ActionStatus::InProgress);
}

#[test]
fn a_due_date_already_past_is_questioned_before_it_is_kept() {
    let mut app = app(&["dspt-social-care"]);
    cmd(&mut app, Command::ToggleGuided);
    cmd(&mut app, Command::SetStatus(Status::No));
    cmd(&mut app, Command::EditAction);
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    type_text(&mut app, "01/11/2026");
    // Ctrl-S saves from any field: the past date is asked about first.
    assert!(ctrl(&mut app, 's').is_empty(), "not saved yet");
    let form = &app.form.as_ref().expect("still open").form;
    assert_eq!(form.fields[form.focus].label, "Close by");
    assert_eq!(
        form.error.as_deref(),
        Some(
            "Close by: 01/11/2026 is already past, so the action would be overdue at once. Save again (Ctrl-S) to keep it, or change the date."
        )
    );
    // Asked once; saving again keeps it.
    assert_eq!(ctrl(&mut app, 's').len(), 1);
    let action = own(&app, "dspt-social-care:1.1.1").action.expect("action");
    assert_eq!(action.due.map(|d| d.uk()).as_deref(), Some("01/11/2026"));
}

#[test]
fn the_profile_form_refuses_what_the_cli_refuses_and_saves_what_it_takes() {
    let mut app = app(&["dspt-social-care"]);
    cmd(&mut app, Command::EditProfile);
    type_text(&mut app, "!!");
    assert!(ctrl(&mut app, 's').is_empty());
    let form = &app.form.as_ref().expect("open").form;
    assert_eq!(form.fields[form.focus].label, "ODS code");
    assert_eq!(
        form.error.as_deref(),
        Some(
            "ODS code: `!!` does not look like an ODS code (3 to 6 letters and digits, e.g. VNABC)"
        )
    );
    // Ctrl-U clears the field; then a good code, and an ICO number of the wrong shape.
    ctrl(&mut app, 'u');
    type_text(&mut app, "vnabc");
    for _ in 0..3 {
        key(&mut app, KeyCode::Tab);
    }
    type_text(&mut app, "12345");
    ctrl(&mut app, 's');
    let form = &app.form.as_ref().expect("open").form;
    assert_eq!(form.fields[form.focus].label, "ICO registration");
    ctrl(&mut app, 'u');
    type_text(&mut app, "ZA123456");
    key(&mut app, KeyCode::Tab);
    type_text(&mut app, "1 High Street, Leeds");
    assert_eq!(ctrl(&mut app, 's').len(), 1);
    assert!(app.form.is_none());
    let profile = app
        .session
        .as_ref()
        .expect("session")
        .assessment()
        .details
        .profile
        .clone();
    assert_eq!(
        profile.ods_code.as_deref(),
        Some("VNABC"),
        "as the register writes it"
    );
    assert_eq!(profile.ico_registration.as_deref(), Some("ZA123456"));
    assert_eq!(profile.address.as_deref(), Some("1 High Street, Leeds"));
    assert_eq!(
        app.message.as_ref().map(|m| m.text.as_str()),
        Some("Profile saved: it is printed on the pack's cover.")
    );
}

#[test]
fn the_profiles_ico_number_is_offered_for_the_item_that_asks_for_it() {
    let mut app = app(&["dspt-social-care"]);
    cmd(&mut app, Command::EditProfile);
    for _ in 0..3 {
        key(&mut app, KeyCode::Tab);
    }
    type_text(&mut app, "ZA654321");
    ctrl(&mut app, 's');
    // 1.1.1 asks for the ICO registration number: v opens its box holding the profile's.
    assert_eq!(app.cursor, 0);
    cmd(&mut app, Command::EditValue);
    assert!(
        matches!(&app.editor, Some(Editor::Line { input, .. }) if input.text() == "ZA654321"),
        "{:?}",
        app.editor
    );
    assert_eq!(
        app.message.as_ref().map(|m| m.text.as_str()),
        Some("Filled in from the organisation's profile (I): Enter saves it.")
    );
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        own(&app, "dspt-social-care:1.1.1").value.as_deref(),
        Some("ZA654321")
    );
}

/// `carecheck profile` refuses the shapes the issue found it taking, with the field named.
#[test]
fn the_cli_profile_refuses_identifiers_of_the_wrong_shape() {
    let s = Sandbox::new();
    let (code, _, err) = common::run(&s, &["new", "--org", "Birch Care"]);
    assert_eq!(code, 0, "{err}");
    for (flag, value, line) in [
        (
            "--ico",
            "12345",
            "ICO registration: `12345` does not look like an ICO registration number (Z followed by seven letters or digits, e.g. ZA123456)",
        ),
        (
            "--cqc-provider",
            "12",
            "CQC provider ID: `12` does not look like a CQC provider ID (1- then digits, e.g. 1-101234567)",
        ),
        (
            "--ods",
            "!!",
            "ODS code: `!!` does not look like an ODS code (3 to 6 letters and digits, e.g. VNABC)",
        ),
    ] {
        let (code, _, err) = common::run(&s, &["profile", flag, value]);
        assert_eq!(code, 2, "{flag} {value}: {err}");
        assert!(
            err.lines().any(|l| l.ends_with(line)),
            "{flag}: expected a line ending `{line}` in:\n{err}"
        );
    }
    let (code, shown, err) = common::run(&s, &["profile", "--ico", "za 123456"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        shown.lines().any(|l| l == "ICO registration:  ZA123456"),
        "{shown}"
    );
}

/// Where each flag that records something about an assessment is set in the TUI. A new flag
/// fails this test until it is given a TUI path here (and that path has a key).
const TUI_PATHS: &[(&str, &str, Command)] = &[
    ("answer", "status", Command::SetStatus(Status::Yes)),
    ("answer", "note", Command::EditNote),
    ("answer", "value", Command::EditValue),
    ("answer", "justification", Command::EditJustification),
    ("answer", "evidence_files", Command::AddEvidence),
    ("answer", "documents", Command::AddEvidence),
    ("answer", "evidence_date", Command::AddEvidence),
    ("answer", "review_by", Command::AddEvidence),
    ("answer", "flag", Command::ToggleFlag),
    ("answer", "unflag", Command::ToggleFlag),
    ("answer", "remove_evidence", Command::ManageEvidence),
    ("answer", "action", Command::EditAction),
    ("answer", "owner", Command::EditAction),
    ("answer", "due", Command::EditAction),
    ("answer", "action_status", Command::EditAction),
    ("answer", "priority", Command::EditAction),
    ("answer", "propagate", Command::SetStatus(Status::Yes)),
    (
        "answer",
        "propagate_overwrite",
        Command::SetStatus(Status::Yes),
    ),
    ("profile", "ods", Command::EditProfile),
    ("profile", "cqc_provider", Command::EditProfile),
    ("profile", "cqc_location", Command::EditProfile),
    ("profile", "ico", Command::EditProfile),
    ("profile", "address", Command::EditProfile),
    ("profile", "covers", Command::EditProfile),
    ("profile", "period_start", Command::EditProfile),
    ("profile", "period_end", Command::EditProfile),
    ("confirm", "items", Command::ConfirmCarried),
];

/// Flags that choose what to act on or how to print, not what is recorded.
const NOT_RECORDED: &[&str] = &["item", "assessment", "data_dir", "help", "json"];

#[test]
fn every_writable_cli_flag_has_a_tui_path_with_a_key() {
    let cli = carecheck::cli::Cli::command();
    for sub in ["answer", "profile", "confirm"] {
        let command = cli.find_subcommand(sub).expect(sub);
        for arg in command.get_arguments() {
            let id = arg.get_id().as_str();
            if NOT_RECORDED.contains(&id) {
                continue;
            }
            let path = TUI_PATHS
                .iter()
                .find(|(s, flag, _)| *s == sub && *flag == id);
            let Some((_, _, command)) = path else {
                panic!("`carecheck {sub}`'s `{id}` has no TUI path listed");
            };
            assert!(
                BINDINGS.iter().any(|b| b.command == *command),
                "`{sub} {id}`: no key runs {command:?}"
            );
        }
    }
}

/// `carecheck renew` refuses an assessment renewed already, saying as what, and renews it with
/// `--force`.
#[test]
fn renewing_an_assessment_renewed_already_is_refused_without_force() {
    let s = Sandbox::new();
    let (code, _, err) = common::run(&s, &["new", "--org", "Meadowview Care Group"]);
    assert_eq!(code, 0, "{err}");
    // The first renewal of an assessment made today is this period's own: --force.
    let (code, out, err) = common::run(&s, &["renew", "--force", "-a", "meadowview-care-group"]);
    assert_eq!(code, 0, "{err}");
    let renewed = out.lines().next().expect("the new id").to_owned();
    let (code, _, err) = common::run(&s, &["renew", "-a", "meadowview-care-group"]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(
        err.trim_end(),
        format!(
            "carecheck: not renewed: meadowview-care-group: it was renewed already, as {renewed} (2026); and its period assessed runs to 30/06/2027, so it is this period's own assessment. Renew it all the same with --force."
        )
    );
    // This year's own (a renewal made this year) is questioned too.
    let (code, _, err) = common::run(&s, &["renew", "-a", &renewed]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("it is this year's: it was renewed from meadowview-care-group on "),
        "{err}"
    );
    let (code, _, err) = common::run(&s, &["renew", "-a", "meadowview-care-group", "--force"]);
    assert_eq!(code, 0, "{err}");
}

/// In the picker, `Y` on an assessment renewed already says so before a second `Y` renews it.
#[test]
fn the_picker_says_an_assessment_was_renewed_already_before_renewing_it() {
    use carecheck::renew_guard::Facts;
    use carecheck::tui::app::AssessmentRow;
    let date = |d: &str| carecheck::domain::date::Date::parse(d).expect("date");
    let row = |id: &str, year: i32, previous: Option<&str>, started: &str| AssessmentRow {
        id: id.into(),
        organisation: "Meadowview Care Group".into(),
        progress: "0/50 answered".into(),
        year: Some(year),
        renew_facts: Some(Facts {
            id: id.into(),
            previous: previous.map(Into::into),
            period_end: None,
            started: date(started),
        }),
        ..AssessmentRow::default()
    };
    let mut app = common::tui::app_without_session(vec![
        row("meadowview-care-group", 2025, None, "2025-07-01"),
        row(
            "meadowview-care-group-2",
            2026,
            Some("meadowview-care-group"),
            "2026-11-01",
        ),
    ]);
    let last_year = app
        .visible_assessments()
        .iter()
        .position(|&i| app.assessments[i].id == "meadowview-care-group")
        .expect("listed");
    app.assessments_selected = last_year;
    assert!(
        cmd(&mut app, Command::RenewAssessment).is_empty(),
        "asks first"
    );
    assert_eq!(
        app.renew_ask.as_ref().map(|a| a.concerns.clone()),
        Some(vec![
            "it was renewed already, as meadowview-care-group-2 (2026)".to_owned()
        ])
    );
    let effects = cmd(&mut app, Command::RenewAssessment);
    assert!(
        matches!(&effects[..], [Effect::Renew { id }] if id == "meadowview-care-group"),
        "{effects:?}"
    );
}
