//! `App::update`, action by action, with no terminal and no files.

mod common;

use carecheck::domain::assessment::{Event, Priority, Status};
use carecheck::domain::checklist::ItemRef;
use carecheck::tui::action::{Action, Command, Effect};
use carecheck::tui::app::{Filter, Screen};
use carecheck::tui::input::Editor;
use common::tui::{app, app_without_session, cmd, key, step, type_text};
use ratatui::crossterm::event::KeyCode;

fn current(app: &carecheck::tui::app::App) -> ItemRef {
    app.session.as_ref().expect("session").entries[app.cursor]
        .key
        .clone()
}

fn answer_of(app: &carecheck::tui::app::App, item: &str) -> carecheck::domain::assessment::Answer {
    app.session
        .as_ref()
        .expect("session")
        .assessment()
        .answer(&ItemRef::parse(item).expect("ref"))
}

#[test]
fn a_fresh_assessment_opens_on_its_first_item() {
    let app = app(&["dspt-social-care"]);
    assert_eq!(app.screen, Screen::Item);
    assert_eq!(current(&app).to_string(), "dspt-social-care:1.1.1");
}

#[test]
fn answering_saves_and_guided_mode_moves_on() {
    let mut app = app(&["dspt-social-care"]);
    // 1.1.1 asks for a value: a Yes without it would (rightly) stay to ask for it.
    give_value(&mut app, "ZA123456");
    let effects = cmd(&mut app, Command::SetStatus(Status::Yes));
    assert!(
        matches!(&effects[..], [Effect::Save(Event::Answered { item, answer })] if item.item == "1.1.1" && answer.status == Status::Yes)
    );
    assert_eq!(
        answer_of(&app, "dspt-social-care:1.1.1").status,
        Status::Yes
    );
    assert_eq!(
        answer_of(&app, "dspt-social-care:1.1.1").answered,
        Some(common::tui::today())
    );
    assert_eq!(
        current(&app).item,
        "1.1.2",
        "guided mode moves to the next unanswered item"
    );
    assert_eq!(app.saves, 2, "the value, then the answer");

    cmd(&mut app, Command::ToggleGuided);
    cmd(&mut app, Command::SetStatus(Status::No));
    assert_eq!(current(&app).item, "1.1.2", "guided off: stays");
    let answer = answer_of(&app, "dspt-social-care:1.1.2");
    assert_eq!(answer.status, Status::No);
    assert!(answer.action.is_some(), "a gap gets an action");
}

#[test]
fn alternative_asks_why_before_saving() {
    let mut app = app(&["dspt-social-care"]);
    assert!(cmd(&mut app, Command::SetStatus(Status::Alternative)).is_empty());
    assert!(matches!(app.editor, Some(Editor::Line { .. })));
    let effects = key(&mut app, KeyCode::Enter);
    assert!(effects.is_empty(), "an empty reason is refused");
    assert!(matches!(
        &app.editor,
        Some(Editor::Line { error: Some(_), .. })
    ));
    type_text(&mut app, "Covered by the group's ISO 27001 scope");
    key(&mut app, KeyCode::Enter);
    assert!(app.editor.is_none());
    let answer = answer_of(&app, "dspt-social-care:1.1.1");
    assert_eq!(answer.status, Status::Alternative);
    assert_eq!(
        answer.justification.as_deref(),
        Some("Covered by the group's ISO 27001 scope")
    );
}

#[test]
fn notes_are_written_in_the_editor_and_saved_on_escape() {
    let mut app = app(&["dspt-social-care"]);
    cmd(&mut app, Command::EditNote);
    type_text(&mut app, "Renewed in May");
    key(&mut app, KeyCode::Enter);
    type_text(&mut app, "Certificate in office");
    let effects = key(&mut app, KeyCode::Esc);
    assert!(
        matches!(&effects[..], [Effect::Save(_), Effect::ForgetDraft]),
        "{effects:?}"
    );
    assert!(app.editor.is_none());
    assert_eq!(
        answer_of(&app, "dspt-social-care:1.1.1").note,
        "Renewed in May\nCertificate in office"
    );
}

#[test]
fn values_are_checked_before_they_are_saved() {
    let mut app = app(&["dspt-social-care"]);
    cmd(&mut app, Command::StartJump);
    type_text(&mut app, "3.2.1");
    key(&mut app, KeyCode::Enter);
    assert_eq!(current(&app).item, "3.2.1");
    cmd(&mut app, Command::EditValue);
    type_text(&mut app, "most");
    assert!(key(&mut app, KeyCode::Enter).is_empty());
    assert!(
        matches!(&app.editor, Some(Editor::Line { error: Some(e), .. }) if e.contains("not a percentage"))
    );
    for _ in 0..4 {
        key(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "96%");
    assert_eq!(key(&mut app, KeyCode::Enter).len(), 1);
    assert_eq!(
        answer_of(&app, "dspt-social-care:3.2.1").value.as_deref(),
        Some("96")
    );
    // An item with no value says so instead of opening an editor.
    cmd(&mut app, Command::StartJump);
    type_text(&mut app, "4.5.3");
    key(&mut app, KeyCode::Enter);
    cmd(&mut app, Command::EditValue);
    assert!(app.editor.is_none());
    assert!(app.message.is_some());
}

#[test]
fn gap_actions_owner_date_and_priority() {
    let mut app = app(&["dspt-social-care"]);
    cmd(&mut app, Command::ToggleGuided);
    cmd(&mut app, Command::SetStatus(Status::Partial));
    cmd(&mut app, Command::EditOwner);
    type_text(&mut app, "Sam");
    key(&mut app, KeyCode::Enter);
    cmd(&mut app, Command::EditDue);
    type_text(&mut app, "31/02/2027");
    key(&mut app, KeyCode::Enter);
    assert!(
        app.editor.is_some(),
        "a date that does not exist keeps the editor open"
    );
    key(&mut app, KeyCode::Esc);
    assert!(app.confirm.is_some(), "asks before losing the typed date");
    key(&mut app, KeyCode::Char('y'));
    cmd(&mut app, Command::EditDue);
    type_text(&mut app, "31/01/2027");
    key(&mut app, KeyCode::Enter);
    cmd(&mut app, Command::CyclePriority);
    let action = answer_of(&app, "dspt-social-care:1.1.1")
        .action
        .expect("action");
    assert_eq!(
        (
            action.owner.as_str(),
            action.due.map(|d| d.to_string()),
            action.priority
        ),
        ("Sam", Some("2027-01-31".into()), Priority::Low)
    );
}

#[test]
fn evidence_is_added_through_the_shell() {
    let mut app = app(&["dspt-social-care"]);
    cmd(&mut app, Command::AddEvidence);
    type_text(&mut app, "Fire folder, office");
    let effects = key(&mut app, KeyCode::Enter);
    assert!(
        matches!(&effects[0], Effect::RecordEvidence { input, .. } if input == "Fire folder, office")
    );
    assert!(matches!(&effects[1], Effect::Save(_)));
    assert_eq!(answer_of(&app, "dspt-social-care:1.1.1").evidence.len(), 1);
    assert!(app.editor.is_none());
}

#[test]
fn undo_puts_the_last_change_back() {
    let mut app = app(&["dspt-social-care"]);
    // 1.1.1 asks for a value: a Yes without it would (rightly) stay to ask for it.
    give_value(&mut app, "ZA123456");
    cmd(&mut app, Command::SetStatus(Status::Yes));
    cmd(&mut app, Command::SetStatus(Status::No));
    assert_eq!(answer_of(&app, "dspt-social-care:1.1.2").status, Status::No);
    cmd(&mut app, Command::Undo);
    assert_eq!(
        answer_of(&app, "dspt-social-care:1.1.2").status,
        Status::Unanswered
    );
    assert_eq!(
        current(&app).item,
        "1.1.2",
        "undo shows the item it changed"
    );
    cmd(&mut app, Command::Undo);
    assert_eq!(
        answer_of(&app, "dspt-social-care:1.1.1").status,
        Status::Unanswered
    );
    cmd(&mut app, Command::Undo);
    assert_eq!(
        answer_of(&app, "dspt-social-care:1.1.1").value,
        None,
        "the value was the first change"
    );
    cmd(&mut app, Command::Undo);
    assert_eq!(
        app.message.as_ref().map(|m| m.text.as_str()),
        Some("Nothing to undo.")
    );
}

#[test]
fn a_failed_save_is_shown_and_changes_nothing() {
    let mut app = app(&["dspt-social-care"]);
    cmd(&mut app, Command::EditNote);
    type_text(&mut app, "important words");
    let effect = app
        .update(Action::Key(ratatui::crossterm::event::KeyEvent::from(
            KeyCode::Esc,
        )))
        .expect("save");
    assert!(matches!(effect, Effect::Save(_)));
    app.update(Action::Saved(Err("disk full".into())));
    assert_eq!(app.save_error.as_deref(), Some("disk full"));
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.error && m.text.contains("NOT SAVED: disk full"))
    );
    assert!(
        matches!(&app.editor, Some(Editor::Note { area, .. }) if area.lines().join("") == "important words"),
        "typed text is kept"
    );
    assert_eq!(answer_of(&app, "dspt-social-care:1.1.1").note, "");
}

#[test]
fn read_only_sessions_refuse_changes_with_a_reason() {
    let library = common::tui::library();
    let mut app = app_without_session(Vec::new());
    app.open(common::tui::session(
        &library,
        &["dspt-social-care"],
        Some("open elsewhere".into()),
    ));
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.text.contains("Read-only"))
    );
    assert!(cmd(&mut app, Command::SetStatus(Status::Yes)).is_empty());
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.error && m.text.contains("read-only"))
    );
}

#[test]
fn moving_between_items_sections_and_history() {
    let mut app = app(&["dspt-social-care", "first-hour-starter"]);
    cmd(&mut app, Command::NextItem);
    assert_eq!(current(&app).item, "1.1.2");
    cmd(&mut app, Command::PrevItem);
    cmd(&mut app, Command::PrevItem);
    assert_eq!(current(&app).item, "1.1.1");
    assert!(app.message.is_some(), "says it is the first item");
    cmd(&mut app, Command::NextSection);
    assert_eq!(current(&app).item, "2.1.1");
    cmd(&mut app, Command::PrevSection);
    assert_eq!(current(&app).item, "1.1.1");
    cmd(&mut app, Command::StartJump);
    type_text(&mut app, "first-hour-starter:SH10");
    key(&mut app, KeyCode::Enter);
    assert_eq!(current(&app).to_string(), "first-hour-starter:SH10");
    cmd(&mut app, Command::HistoryBack);
    assert_eq!(current(&app).item, "1.1.1");
    cmd(&mut app, Command::HistoryForward);
    assert_eq!(current(&app).item, "SH10");
    cmd(&mut app, Command::StartJump);
    type_text(&mut app, "nope");
    key(&mut app, KeyCode::Enter);
    assert!(
        matches!(&app.editor, Some(Editor::Line { error: Some(e), .. }) if e.contains("No item `nope`"))
    );
}

#[test]
fn next_unanswered_skips_answered_items_and_wraps() {
    let mut app = app(&["ncsc-10-steps"]);
    for _ in 0..9 {
        cmd(&mut app, Command::SetStatus(Status::Yes));
    }
    assert_eq!(current(&app).item, "SUPPLY");
    cmd(&mut app, Command::SetStatus(Status::Yes));
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.text.starts_with("Every item has an answer"))
    );
    cmd(&mut app, Command::StartJump);
    type_text(&mut app, "IAM");
    key(&mut app, KeyCode::Enter);
    cmd(&mut app, Command::SetStatus(Status::Unanswered));
    cmd(&mut app, Command::StartJump);
    type_text(&mut app, "SUPPLY");
    key(&mut app, KeyCode::Enter);
    cmd(&mut app, Command::NextUnanswered);
    assert_eq!(current(&app).item, "IAM", "wraps round to the start");
}

#[test]
fn a_skipped_item_is_left_until_the_end_and_tab_moves_on_from_an_unanswered_one() {
    let mut app = app(&["ncsc-10-steps"]);
    let first = current(&app).item;
    cmd(&mut app, Command::SetStatus(Status::Yes));
    let skipped = current(&app).item;
    // Tab on an unanswered item goes on to the next one.
    cmd(&mut app, Command::NextUnanswered);
    let third = current(&app).item;
    assert_ne!(third, skipped);
    cmd(&mut app, Command::SetStatus(Status::Yes));
    let fourth = current(&app).item;
    assert!(
        ![first.as_str(), skipped.as_str(), third.as_str()].contains(&fourth.as_str()),
        "after an answer, guided mode goes on, not back to the skipped {skipped}: {fourth}"
    );
    // Answering every other item leaves the skipped one for the end.
    for _ in 0..7 {
        cmd(&mut app, Command::SetStatus(Status::Yes));
    }
    assert_eq!(current(&app).item, skipped, "round to the skipped item");
}

#[test]
fn filters_search_and_the_overview_lead_to_the_right_items() {
    let mut app = app(&["dspt-social-care"]);
    cmd(&mut app, Command::ToggleGuided);
    cmd(&mut app, Command::SetStatus(Status::No));
    cmd(&mut app, Command::ToggleFlag);
    cmd(&mut app, Command::ShowItems);
    assert_eq!(app.visible_items().len(), 50);
    let mut seen = Vec::new();
    for _ in 0..6 {
        cmd(&mut app, Command::CycleFilter);
        seen.push((app.filter.clone(), app.visible_items().len()));
    }
    assert_eq!(seen[0], (Filter::Unanswered, 49));
    assert_eq!(seen[1], (Filter::Gaps, 1));
    assert_eq!(seen[2], (Filter::Flagged, 1));
    assert!(matches!(&seen[3], (Filter::Required(0, id), 21) if id == "approaching"));
    assert!(matches!(&seen[4], (Filter::Required(0, id), 38) if id == "met"));
    assert_eq!(seen[5], (Filter::All, 50));

    cmd(&mut app, Command::StartSearch);
    type_text(&mut app, "BACKUP");
    key(&mut app, KeyCode::Enter);
    let found: Vec<String> = app
        .visible_items()
        .iter()
        .map(|&i| app.session.as_ref().expect("s").entries[i].key.item.clone())
        .collect();
    assert_eq!(found, ["7.3.4"]);
    cmd(&mut app, Command::Open);
    assert_eq!(current(&app).item, "7.3.4");

    cmd(&mut app, Command::ShowOverview);
    cmd(&mut app, Command::ScrollDown);
    cmd(&mut app, Command::ScrollDown);
    cmd(&mut app, Command::Open);
    assert!(matches!(&app.filter, Filter::Blocking(0, id) if id == "met"));
    assert_eq!(app.visible_items().len(), 38);
}

#[test]
fn escape_backs_out_one_step_at_a_time() {
    let mut app = app(&["dspt-social-care"]);
    cmd(&mut app, Command::Back);
    assert_eq!(app.screen, Screen::Items);
    cmd(&mut app, Command::CycleFilter);
    cmd(&mut app, Command::Back);
    assert_eq!(
        (app.screen, app.filter.clone()),
        (Screen::Items, Filter::All)
    );
    cmd(&mut app, Command::Back);
    assert_eq!(app.screen, Screen::Overview);
    assert!(
        cmd(&mut app, Command::Back).is_empty(),
        "Esc never quits from the overview"
    );
    assert_eq!(cmd(&mut app, Command::Quit), [Effect::Quit]);
    cmd(&mut app, Command::Help);
    assert!(app.help);
    cmd(&mut app, Command::ShowItems);
    assert!(!app.help, "any key closes help");
    assert_eq!(app.screen, Screen::Overview, "and does nothing else");
}

#[test]
fn the_setup_form_checks_its_fields_and_creates() {
    let mut app = app_without_session(Vec::new());
    assert_eq!(app.screen, Screen::Setup);
    for _ in 0..8 {
        key(&mut app, KeyCode::Tab);
    }
    assert!(key(&mut app, KeyCode::Enter).is_empty());
    assert_eq!(
        app.setup.error.as_deref(),
        Some("Type the organisation's name first.")
    );
    assert_eq!(app.setup.focus, 0);
    type_text(&mut app, "Oak House");
    key(&mut app, KeyCode::Tab);
    type_text(&mut app, "North");
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Char(' ')); // untick the DSPT
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Char(' ')); // tick the starter
    for _ in 0..4 {
        key(&mut app, KeyCode::Down);
    }
    let effects = key(&mut app, KeyCode::Enter);
    match &effects[..] {
        [
            Effect::Create {
                details,
                checklists,
            },
        ] => {
            assert_eq!(details.organisation, "Oak House");
            assert_eq!(details.site.as_deref(), Some("North"));
            assert_eq!(details.assessor, None);
            assert_eq!(checklists, &["first-hour-starter".to_owned()]);
        }
        other => panic!("expected Create, got {other:?}"),
    }
    key(&mut app, KeyCode::Esc);
    assert!(app.confirm.is_some(), "a form with typing asks first");
    assert_eq!(
        key(&mut app, KeyCode::Char('y')),
        [Effect::Quit],
        "Esc on a first launch form quits"
    );
}

#[test]
fn clicks_open_list_rows_and_the_wheel_scrolls() {
    let mut app = app(&["dspt-social-care"]);
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    cmd(&mut app, Command::ShowItems);
    // Rows start below the header (1) and the list border (1): row 2 is the first item.
    common::tui::click(&mut app, 10, 4);
    assert_eq!(app.screen, Screen::Item);
    assert_eq!(current(&app).item, "1.1.3");
    step(&mut app, Action::Wheel { down: true });
    assert_eq!(app.scroll, 1);
    cmd(&mut app, Command::ShowItems);
    assert!(
        common::tui::click(&mut app, 10, 0).is_empty(),
        "a click on the header does nothing"
    );
    assert_eq!(app.screen, Screen::Items);
}

#[test]
fn pasted_text_never_carries_control_characters() {
    let mut app = app(&["dspt-social-care"]);
    cmd(&mut app, Command::AddEvidence);
    step(&mut app, Action::Paste("policy\u{1b}[2J.pdf".into()));
    match &app.editor {
        Some(Editor::Line { input, .. }) => assert!(!input.text().chars().any(char::is_control)),
        other => panic!("{other:?}"),
    }
}

#[test]
fn reports_and_exports_are_asked_of_the_shell_and_their_outcome_shown() {
    let mut app = app(&["dspt-social-care"]);
    assert_eq!(
        cmd(&mut app, Command::BuildReport)[0],
        Effect::Report { exports: false }
    );
    assert_eq!(
        app.message.as_ref().map(|m| m.text.as_str()),
        Some("exports: false")
    );
    assert_eq!(
        cmd(&mut app, Command::Export)[0],
        Effect::Report { exports: true }
    );
    app.update(Action::Reported(Err("evidence changed".into())));
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.error && m.text == "evidence changed")
    );
    let mut none = app_without_session(Vec::new());
    assert!(
        cmd(&mut none, Command::BuildReport).is_empty(),
        "no assessment, no report"
    );
}

#[test]
fn the_same_answer_is_offered_for_linked_items() {
    let mut app = app(&[
        "dspt-social-care",
        "first-hour-starter",
        "ncsc-small-business",
        "cyber-essentials",
    ]);
    cmd(&mut app, Command::StartJump);
    type_text(&mut app, "6.2.1");
    key(&mut app, KeyCode::Enter);
    cmd(&mut app, Command::SetStatus(Status::Yes));
    let offered: Vec<String> = match &app.editor {
        Some(Editor::Propagate { offers, .. }) => {
            offers.iter().map(|o| o.item.to_string()).collect()
        }
        other => panic!("expected the offer, got {other:?}"),
    };
    // The same control only: Cyber Essentials' MW-PROTECT (anti-malware or allow-listing) is
    // related, never offered.
    assert_eq!(
        offered,
        ["first-hour-starter:SH7", "ncsc-small-business:MW-AV"]
    );
    assert_eq!(
        current(&app).item,
        "6.2.1",
        "guided mode waits for the answer to the offer"
    );
    // One by one: untick the second, accept the first.
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Char(' '));
    let effects = key(&mut app, KeyCode::Enter);
    assert!(matches!(&effects[..], [Effect::SaveAll(events)] if events.len() == 1));
    assert_eq!(
        answer_of(&app, "first-hour-starter:SH7").status,
        Status::Yes
    );
    assert_eq!(
        answer_of(&app, "ncsc-small-business:MW-AV").status,
        Status::Unanswered
    );
    assert!(app.editor.is_none());
    assert_ne!(current(&app).item, "6.2.1", "then moves on");
    cmd(&mut app, Command::Undo);
    assert_eq!(
        answer_of(&app, "first-hour-starter:SH7").status,
        Status::Unanswered,
        "undo takes back the linked answer"
    );
}

#[test]
fn the_offer_can_be_taken_all_at_once_or_skipped() {
    let mut app = app(&[
        "dspt-social-care",
        "first-hour-starter",
        "ncsc-small-business",
    ]);
    cmd(&mut app, Command::ToggleGuided);
    cmd(&mut app, Command::StartJump);
    type_text(&mut app, "6.2.1");
    key(&mut app, KeyCode::Enter);
    cmd(&mut app, Command::SetStatus(Status::No));
    key(&mut app, KeyCode::Enter);
    assert_eq!(answer_of(&app, "first-hour-starter:SH7").status, Status::No);
    assert_eq!(
        answer_of(&app, "ncsc-small-business:MW-AV").status,
        Status::No
    );
    assert!(
        answer_of(&app, "ncsc-small-business:MW-AV")
            .action
            .is_some(),
        "the linked gap gets its own action"
    );
    // Already the same everywhere: no offer.
    cmd(&mut app, Command::SetStatus(Status::No));
    assert!(app.editor.is_none());
    // Answered items are offered with their answer but not ticked: Enter changes nothing.
    cmd(&mut app, Command::SetStatus(Status::Yes));
    match &app.editor {
        Some(Editor::Propagate { offers, .. }) => {
            assert!(offers.iter().all(|o| !o.ticked && o.current == Status::No));
        }
        other => panic!("expected the offer, got {other:?}"),
    }
    assert!(key(&mut app, KeyCode::Enter).is_empty());
    assert_eq!(
        answer_of(&app, "ncsc-small-business:MW-AV").status,
        Status::No,
        "an answered item is never replaced unless picked"
    );
    // Picked explicitly, it is replaced.
    cmd(&mut app, Command::SetStatus(Status::Partial));
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        answer_of(&app, "ncsc-small-business:MW-AV").status,
        Status::Partial
    );
    assert_eq!(answer_of(&app, "first-hour-starter:SH7").status, Status::No);
    cmd(&mut app, Command::SetStatus(Status::Yes));
    key(&mut app, KeyCode::Esc);
    assert!(app.editor.is_none());
    assert_eq!(
        answer_of(&app, "first-hour-starter:SH7").status,
        Status::No,
        "skipped"
    );
}

#[test]
fn a_site_shows_inherited_answers_and_overrides_them_when_answered() {
    use carecheck::domain::assessment::{Answer, Status};
    let library = common::tui::library();
    let head = {
        let session = common::tui::session(&library, &["dspt-social-care"], None);
        let mut head = session.assessment().clone();
        let mut answer = Answer::default();
        answer.set_status(Status::Yes, common::tui::today());
        answer.note = "Group policy".into();
        head.answers.insert(
            ItemRef::parse("dspt-social-care:1.1.1").expect("ref"),
            answer,
        );
        head.id = "head".into();
        head
    };
    let mut app = app_without_session(Vec::new());
    app.open(common::tui::session(&library, &["dspt-social-care"], None).with_head_office(head));
    let s = app.session.as_ref().expect("session");
    assert_eq!(s.inherited_from(0).map(|h| h.id.as_str()), Some("head"));
    assert_eq!(
        answer_of(&app, "dspt-social-care:1.1.1").note,
        "Group policy"
    );
    app.cursor = 0;
    app.screen = Screen::Item;
    cmd(&mut app, Command::ToggleGuided);
    cmd(&mut app, Command::SetStatus(Status::No));
    assert_eq!(
        answer_of(&app, "dspt-social-care:1.1.1").status,
        Status::No,
        "the site's own answer wins"
    );
    assert_eq!(
        answer_of(&app, "dspt-social-care:1.1.1").note,
        "",
        "the site's answer starts from its own, not the head office's note"
    );
    assert_eq!(app.session.as_ref().expect("s").inherited_from(0), None);
    cmd(&mut app, Command::SetStatus(Status::Unanswered));
    assert_eq!(
        answer_of(&app, "dspt-social-care:1.1.1").status,
        Status::Yes,
        "clearing it brings the head office's back"
    );
}

fn give_value(app: &mut carecheck::tui::app::App, value: &str) {
    cmd(app, Command::EditValue);
    step(
        app,
        Action::Key(ratatui::crossterm::event::KeyEvent::new(
            KeyCode::Char('u'),
            ratatui::crossterm::event::KeyModifiers::CONTROL,
        )),
    );
    type_text(app, value);
    key(app, KeyCode::Enter);
}

#[test]
fn yes_against_a_failing_value_warns_and_stays() {
    let mut app = app(&["dspt-social-care"]);
    cmd(&mut app, Command::StartJump);
    type_text(&mut app, "3.2.1");
    key(&mut app, KeyCode::Enter);
    give_value(&mut app, "80");
    cmd(&mut app, Command::SetStatus(Status::Yes));
    assert_eq!(current(&app).item, "3.2.1", "stays to show why");
    let said = app
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(said.contains("80% is below the 95% required"), "{said}");
    assert!(app.message.as_ref().is_some_and(|m| m.error));
    // With a value that meets the bar, Yes moves on as usual.
    give_value(&mut app, "96");
    cmd(&mut app, Command::SetStatus(Status::Yes));
    assert_ne!(current(&app).item, "3.2.1");
}

fn ctrl_u(app: &mut carecheck::tui::app::App) {
    step(
        app,
        Action::Key(ratatui::crossterm::event::KeyEvent::new(
            KeyCode::Char('u'),
            ratatui::crossterm::event::KeyModifiers::CONTROL,
        )),
    );
}

#[test]
fn an_entered_value_can_be_cleared() {
    let mut app = app(&["dspt-social-care"]);
    give_value(&mut app, "ZA123456");
    assert!(answer_of(&app, "dspt-social-care:1.1.1").value.is_some());
    cmd(&mut app, Command::EditValue);
    ctrl_u(&mut app);
    key(&mut app, KeyCode::Enter);
    assert!(
        app.editor.is_none(),
        "an empty value is accepted: {:?}",
        app.editor
    );
    assert_eq!(answer_of(&app, "dspt-social-care:1.1.1").value, None);
}

fn add_document(app: &mut carecheck::tui::app::App, name: &str) {
    cmd(app, Command::AddEvidence);
    type_text(app, name);
    key(app, KeyCode::Enter);
}

fn evidence_names(app: &carecheck::tui::app::App) -> Vec<String> {
    answer_of(app, "dspt-social-care:1.1.1")
        .evidence
        .iter()
        .map(|e| e.source.describe().to_owned())
        .collect()
}

#[test]
fn evidence_can_be_removed_replaced_and_put_back() {
    let mut app = app(&["dspt-social-care"]);
    add_document(&mut app, "Wrong folder");
    add_document(&mut app, "ICO certificate, office file");
    cmd(&mut app, Command::ManageEvidence);
    assert!(matches!(app.editor, Some(Editor::Evidence { .. })));
    let effects = key(&mut app, KeyCode::Char('x'));
    assert!(matches!(&effects[..], [Effect::Save(_)]), "{effects:?}");
    assert_eq!(evidence_names(&app), ["ICO certificate, office file"]);
    let said = app
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(
        said.contains("Removed the evidence \"Wrong folder\""),
        "{said}"
    );
    assert!(
        matches!(app.editor, Some(Editor::Evidence { selected: 0, .. })),
        "the list stays open"
    );
    // Replace the one left: the old entry makes way for the new in one change.
    key(&mut app, KeyCode::Char('r'));
    ctrl_u(&mut app);
    type_text(&mut app, "ICO certificate 2026, office file");
    key(&mut app, KeyCode::Enter);
    assert_eq!(evidence_names(&app), ["ICO certificate 2026, office file"]);
    assert!(app.editor.is_none());
    cmd(&mut app, Command::Undo);
    assert_eq!(
        evidence_names(&app),
        ["ICO certificate, office file"],
        "undo puts the old one back"
    );
    cmd(&mut app, Command::Undo);
    assert_eq!(
        evidence_names(&app),
        ["Wrong folder", "ICO certificate, office file"]
    );
}

#[test]
fn evidence_is_rechecked_through_the_shell_and_shown() {
    use carecheck::domain::assessment::EvidenceSource;
    let mut app = app(&["dspt-social-care"]);
    let item = ItemRef::new("dspt-social-care", "1.1.1");
    step(
        &mut app,
        Action::EvidenceRecorded {
            item: item.clone(),
            outcome: Ok(EvidenceSource::File {
                path: "/home/manager/ico-certificate.pdf".into(),
                sha256: "ab".repeat(32),
                size: 1200,
                recorded: common::tui::at(),
                os_path: None,
            }),
        },
    );
    let effects = cmd(&mut app, Command::RecheckEvidence);
    assert!(
        matches!(&effects[..], [Effect::RecheckEvidence { item: i, sources }] if *i == item && sources.len() == 1),
        "{effects:?}"
    );
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.error && m.text.contains("1 missing"))
    );
    assert_eq!(
        app.evidence_checks.get(&item).map(Vec::len),
        Some(1),
        "the result is kept for the item screen"
    );
}

fn ctrl(app: &mut carecheck::tui::app::App, c: char) -> Vec<Effect> {
    step(
        app,
        Action::Key(ratatui::crossterm::event::KeyEvent::new(
            KeyCode::Char(c),
            ratatui::crossterm::event::KeyModifiers::CONTROL,
        )),
    )
}

#[test]
fn esc_on_a_setup_form_with_typing_asks_first() {
    use carecheck::tui::input::Confirm;
    let mut app = app_without_session(Vec::new());
    type_text(&mut app, "Sunnyside Care");
    assert!(key(&mut app, KeyCode::Esc).is_empty());
    assert_eq!(app.confirm, Some(Confirm::DiscardSetup));
    key(&mut app, KeyCode::Char('n'));
    assert_eq!(app.confirm, None);
    assert_eq!(app.setup.field(0), "Sunnyside Care", "kept");
    assert_eq!(app.screen, Screen::Setup);
    key(&mut app, KeyCode::Esc);
    let effects = key(&mut app, KeyCode::Char('y'));
    assert!(
        matches!(&effects[..], [Effect::Quit]),
        "first run: nothing to go back to"
    );
    // An empty form closes at once.
    let mut app = app_without_session(Vec::new());
    assert!(matches!(&key(&mut app, KeyCode::Esc)[..], [Effect::Quit]));
}

#[test]
fn the_note_editor_keeps_a_draft_and_ctrl_c_asks_before_discarding() {
    use carecheck::tui::input::Confirm;
    let mut app = app(&["dspt-social-care"]);
    cmd(&mut app, Command::EditNote);
    let effects = key(&mut app, KeyCode::Char('H'));
    assert!(
        matches!(&effects[..], [Effect::KeepDraft(d)] if d.text == "H" && d.item.item == "1.1.1"),
        "{effects:?}"
    );
    type_text(&mut app, "alf a thought");
    assert!(ctrl(&mut app, 'c').is_empty());
    assert_eq!(app.confirm, Some(Confirm::DiscardEditor));
    key(&mut app, KeyCode::Char('n'));
    assert!(
        matches!(app.editor, Some(Editor::Note { .. })),
        "still typing"
    );
    ctrl(&mut app, 'c');
    let effects = key(&mut app, KeyCode::Char('y'));
    assert!(matches!(&effects[..], [Effect::ForgetDraft]), "{effects:?}");
    assert!(app.editor.is_none());
    assert_eq!(
        answer_of(&app, "dspt-social-care:1.1.1").note,
        "",
        "nothing saved"
    );
    // Esc saves, and the draft is then forgotten.
    cmd(&mut app, Command::EditNote);
    type_text(&mut app, "Kept");
    let effects = key(&mut app, KeyCode::Esc);
    assert!(
        matches!(&effects[..], [Effect::Save(_), Effect::ForgetDraft]),
        "{effects:?}"
    );
    assert_eq!(answer_of(&app, "dspt-social-care:1.1.1").note, "Kept");
    // Nothing typed: Ctrl-C closes without asking.
    cmd(&mut app, Command::EditNote);
    ctrl(&mut app, 'c');
    assert!(app.editor.is_none() && app.confirm.is_none());
}

#[test]
fn esc_on_a_value_box_with_typing_asks_first_but_search_does_not() {
    let mut app = app(&["dspt-social-care"]);
    cmd(&mut app, Command::EditOwner);
    type_text(&mut app, "Sam");
    key(&mut app, KeyCode::Esc);
    assert!(app.confirm.is_some());
    key(&mut app, KeyCode::Char('y'));
    assert!(app.editor.is_none());
    cmd(&mut app, Command::StartSearch);
    type_text(&mut app, "backup");
    key(&mut app, KeyCode::Esc);
    assert!(app.confirm.is_none() && app.editor.is_none());
}

#[test]
fn reopening_resumes_on_the_last_item_with_the_kept_draft() {
    use carecheck::tui::app::Resume;
    use carecheck::tui::persist::NoteDraft;
    let library = common::tui::library();
    let mut app = carecheck::tui::app::App::new(
        common::tui::choices(&library),
        "dspt-social-care",
        Vec::new(),
        common::tui::today(),
    );
    let session = common::tui::session(&library, &["dspt-social-care"], None);
    app.open_at(
        session,
        Resume {
            item: Some(ItemRef::new("dspt-social-care", "3.2.1")),
            draft: None,
        },
    );
    assert_eq!(app.screen, Screen::Item);
    assert_eq!(current(&app).item, "3.2.1");
    let session = common::tui::session(&library, &["dspt-social-care"], None);
    app.open_at(
        session,
        Resume {
            item: Some(ItemRef::new("dspt-social-care", "3.2.1")),
            draft: Some(NoteDraft {
                item: ItemRef::new("dspt-social-care", "1.1.2"),
                text: "Half-typed".into(),
            }),
        },
    );
    assert_eq!(current(&app).item, "1.1.2", "the draft's item wins");
    assert!(
        matches!(&app.editor, Some(Editor::Note { area, .. }) if area.lines().join("") == "Half-typed")
    );
    key(&mut app, KeyCode::Esc);
    assert_eq!(answer_of(&app, "dspt-social-care:1.1.2").note, "Half-typed");
    // A kept item that no longer exists is ignored.
    let session = common::tui::session(&library, &["dspt-social-care"], None);
    app.open_at(
        session,
        Resume {
            item: Some(ItemRef::new("dspt-social-care", "99.9")),
            draft: None,
        },
    );
    assert_eq!(
        app.screen,
        Screen::Item,
        "a fresh assessment starts at its first item"
    );
    assert_eq!(current(&app).item, "1.1.1");
}

#[test]
fn a_forgotten_checklist_is_added_through_the_shell() {
    let library = common::tui::library();
    let mut app = app(&["dspt-social-care"]);
    cmd(&mut app, Command::StartJump);
    type_text(&mut app, "3.2.1");
    key(&mut app, KeyCode::Enter);
    cmd(&mut app, Command::ChooseChecklists);
    assert!(matches!(
        app.editor,
        Some(Editor::Checklists { selected: 0 })
    ));
    // DSPT is first and in use: Space would take it off.
    let effects = key(&mut app, KeyCode::Char(' '));
    assert!(
        matches!(&effects[..], [Effect::ChangeChecklist { id, add: false }] if id == "dspt-social-care"),
        "{effects:?}"
    );
    key(&mut app, KeyCode::Down);
    let effects = key(&mut app, KeyCode::Char(' '));
    let Some(Effect::ChangeChecklist { id, add: true }) = effects.first() else {
        panic!("{effects:?}")
    };
    // The shell reloads the assessment with both checklists.
    let both = common::tui::session(&library, &["dspt-social-care", id.as_str()], None);
    app.update(Action::ChecklistsChanged(Ok(Box::new((
        both,
        "Added First hour (13 items).".into(),
    )))));
    assert!(app.uses_checklist(id));
    assert_eq!(current(&app).item, "3.2.1", "still on the same item");
    assert!(
        matches!(app.editor, Some(Editor::Checklists { selected: 1 })),
        "the list stays open"
    );
    assert_eq!(app.session.as_ref().map(|s| s.entries.len()), Some(63));
}

#[test]
fn the_jump_box_completes_ids_with_tab() {
    let mut app = app(&["dspt-social-care"]);
    cmd(&mut app, Command::StartJump);
    type_text(&mut app, "3.2");
    key(&mut app, KeyCode::Tab);
    assert!(
        matches!(&app.editor, Some(Editor::Line { input, .. }) if input.text() == "3.2.1"),
        "the only match is filled in"
    );
    key(&mut app, KeyCode::Enter);
    assert_eq!(current(&app).item, "3.2.1");
}

#[test]
fn a_click_in_the_wide_list_opens_that_row() {
    let mut app = app(&["dspt-social-care"]);
    step(
        &mut app,
        Action::Resize {
            width: 120,
            height: 40,
        },
    );
    cmd(&mut app, Command::ShowItems);
    // Row 0 of the list is on screen row 2 (header, border); row 2 is 1.1.3.
    common::tui::click(&mut app, 10, 4);
    assert_eq!(app.screen, Screen::Item);
    assert_eq!(current(&app).item, "1.1.3");
    cmd(&mut app, Command::ShowItems);
    assert!(
        common::tui::click(&mut app, 90, 4).is_empty() && app.screen == Screen::Items,
        "a click in the detail pane is not a list row"
    );
}

#[test]
fn tab_in_the_evidence_box_asks_the_shell_to_complete_the_path() {
    let mut app = app(&["dspt-social-care"]);
    cmd(&mut app, Command::AddEvidence);
    type_text(&mut app, "/home/jo/pol");
    let effects = key(&mut app, KeyCode::Tab);
    assert!(
        matches!(&effects[..], [Effect::CompletePath { typed }] if typed == "/home/jo/pol"),
        "{effects:?}"
    );
    app.update(Action::PathCompleted {
        typed: "/home/jo/pol".into(),
        completed: "/home/jo/policy-202".into(),
        choices: vec!["policy-2025.pdf".into(), "policy-2026.pdf".into()],
    });
    assert!(
        matches!(&app.editor, Some(Editor::Line { input, error: Some(e), .. })
            if input.text() == "/home/jo/policy-202" && e.contains("policy-2026.pdf"))
    );
    // A completion that arrives after more typing is dropped.
    type_text(&mut app, "6");
    app.update(Action::PathCompleted {
        typed: "/home/jo/policy-202".into(),
        completed: "/home/jo/policy-2025.pdf".into(),
        choices: Vec::new(),
    });
    assert!(
        matches!(&app.editor, Some(Editor::Line { input, .. }) if input.text() == "/home/jo/policy-2026")
    );
}

#[test]
fn page_keys_and_the_wheel_over_it_scroll_the_overviews_progress_box() {
    let mut app = app(&["dspt-social-care"]);
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    cmd(&mut app, Command::ShowOverview);
    cmd(&mut app, Command::PageDown);
    assert_eq!(app.overview_selected, 0, "the list keeps its selection");
    assert_eq!(app.progress_scroll, 8, "half a page of the box");
    cmd(&mut app, Command::PageUp);
    assert_eq!(app.progress_scroll, 0);
    step(&mut app, Action::WheelProgress { down: true });
    assert_eq!(app.progress_scroll, 3);
    step(&mut app, Action::Wheel { down: true });
    assert_eq!(
        (app.overview_selected, app.progress_scroll),
        (1, 3),
        "the wheel over the list moves the selection"
    );
    // Only the overview's Progress box, at the foot of the overview, takes the wheel.
    assert!(carecheck::tui::view::over_progress(&app, 40, 20));
    assert!(!carecheck::tui::view::over_progress(&app, 40, 3));
    // The shell keeps it within what the box holds, so PgUp acts at once after the end.
    let limit = carecheck::tui::view::progress_limit(&app);
    assert!(limit > 0 && limit < 20, "{limit}");
    // With help open, the page keys scroll the help.
    cmd(&mut app, Command::Help);
    cmd(&mut app, Command::PageDown);
    assert_eq!(app.progress_scroll, 3);
}

#[test]
fn the_renew_question_offers_the_editions_choice() {
    let mut app = app(&["dspt-social-care"]);
    cmd(&mut app, Command::ShowOverview);
    cmd(&mut app, Command::RenewAssessment);
    assert!(app.is_typing(), "the question takes its own keys");
    assert_eq!(
        key(&mut app, KeyCode::Char('K')),
        [Effect::RenewKeepingEditions {
            id: "sunnyside-care-leeds".into()
        }]
    );
    assert!(app.renew_ask.is_none());
    cmd(&mut app, Command::RenewAssessment);
    assert_eq!(
        key(&mut app, KeyCode::Char('Y')),
        [Effect::Renew {
            id: "sunnyside-care-leeds".into()
        }]
    );
    cmd(&mut app, Command::RenewAssessment);
    assert!(key(&mut app, KeyCode::Char('q')).is_empty());
    assert!(app.renew_ask.is_none(), "any other key leaves it");
    assert!(!app.quit);
}

#[test]
fn a_due_date_already_past_is_questioned_before_it_is_kept() {
    let mut app = app(&["dspt-social-care"]);
    cmd(&mut app, Command::ToggleGuided);
    cmd(&mut app, Command::SetStatus(Status::No));
    cmd(&mut app, Command::EditDue);
    type_text(&mut app, "01/11/2026");
    assert!(
        key(&mut app, KeyCode::Enter).is_empty(),
        "not saved at once"
    );
    match &app.editor {
        Some(Editor::Line { error, .. }) => assert_eq!(
            error.as_deref(),
            Some(
                "01/11/2026 is already past, so the action would be overdue at once. Press Enter again to keep it, or change the date."
            )
        ),
        other => panic!("the box stays open with the question: {other:?}"),
    }
    let effects = key(&mut app, KeyCode::Enter);
    assert!(matches!(&effects[..], [Effect::Save(_)]), "{effects:?}");
    let action = answer_of(&app, "dspt-social-care:1.1.1")
        .action
        .expect("action");
    assert_eq!(action.due.map(|d| d.to_string()), Some("2026-11-01".into()));
}

#[test]
fn a_checklist_of_one_item_says_item_not_items() {
    use carecheck::tui::app::{App, ChecklistChoice};
    let choice = ChecklistChoice {
        id: "one".into(),
        title: "One question".into(),
        items: 1,
    };
    let mut app = App::new(vec![choice], "one", Vec::new(), common::tui::today());
    app.size = (80, 24);
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).expect("terminal");
    terminal
        .draw(|f| {
            carecheck::tui::view::render(&app, carecheck::tui::theme::Theme { colour: false }, f)
        })
        .expect("draw");
    let buffer = terminal.backend().buffer().clone();
    let line = (0..24)
        .map(|y| (0..80).map(|x| buffer[(x, y)].symbol()).collect::<String>())
        .find(|l| l.contains("One question"))
        .expect("the choice is listed");
    assert_eq!(
        line.trim_end().trim_end_matches('│').trim_end(),
        "│  [x] One question (1 item)"
    );
}
