//! Every screen drawn on ratatui's TestBackend at 80×24 and 120×40, compared with the
//! reviewed snapshots in tests/snapshots/.

mod common;

use carecheck::domain::assessment::Status;
use carecheck::tui::action::{Action, Command};
use carecheck::tui::app::{App, AssessmentRow};
use carecheck::tui::keymap::{BINDINGS, describe};
use carecheck::tui::theme::Theme;
use carecheck::tui::view;
use common::tui::{app, app_without_session, cmd, key, type_text};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn draw(app: &mut App, width: u16, height: u16) -> Terminal<TestBackend> {
    app.update(Action::Resize { width, height });
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal
        .draw(|f| view::render(app, Theme { colour: true }, f))
        .expect("draw");
    terminal
}

fn snapshot(name: &str, app: &mut App) {
    for (w, h) in SIZES {
        let terminal = draw(app, w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), terminal.backend());
    }
}

/// An assessment part-way through, with each kind of answer.
fn answered() -> App {
    let mut app = app(&["dspt-social-care", "first-hour-starter"]);
    cmd(&mut app, Command::EditValue);
    type_text(&mut app, "ZA123456");
    key(&mut app, KeyCode::Enter);
    cmd(&mut app, Command::EditNote);
    type_text(&mut app, "Renewed in May; certificate in the office file.");
    key(&mut app, KeyCode::Esc);
    cmd(&mut app, Command::AddEvidence);
    type_text(&mut app, "ICO certificate, office file");
    key(&mut app, KeyCode::Enter);
    cmd(&mut app, Command::SetStatus(Status::Yes));
    cmd(&mut app, Command::SetStatus(Status::Partial));
    cmd(&mut app, Command::StartJump);
    type_text(&mut app, "3.2.1");
    key(&mut app, KeyCode::Enter);
    cmd(&mut app, Command::EditValue);
    type_text(&mut app, "80");
    key(&mut app, KeyCode::Enter);
    cmd(&mut app, Command::ToggleGuided);
    cmd(&mut app, Command::SetStatus(Status::Yes));
    // 3.2.1 only helps with the starter's SH4 (a related link): nothing is offered.
    assert!(app.editor.is_none());
    cmd(&mut app, Command::ToggleFlag);
    app.message = None;
    app
}

#[test]
fn same_answer_for_linked_items_prompt() {
    let mut app = app(&[
        "dspt-social-care",
        "first-hour-starter",
        "ncsc-small-business",
    ]);
    cmd(&mut app, Command::ToggleGuided);
    cmd(&mut app, Command::StartJump);
    type_text(&mut app, "MW-AV");
    key(&mut app, KeyCode::Enter);
    cmd(&mut app, Command::SetStatus(Status::No));
    key(&mut app, KeyCode::Esc);
    // 6.2.1 now offers the starter's SH7 (unanswered, ticked) and the NCSC guide's MW-AV
    // (answered No, shown with its answer and not ticked).
    cmd(&mut app, Command::StartJump);
    type_text(&mut app, "6.2.1");
    key(&mut app, KeyCode::Enter);
    cmd(&mut app, Command::SetStatus(Status::Yes));
    snapshot("propagate_prompt", &mut app);
}

#[test]
fn setup_form() {
    let mut app = app_without_session(Vec::new());
    type_text(&mut app, "Sunnyside Care");
    snapshot("setup", &mut app);
}

#[test]
fn assessment_picker() {
    let rows = vec![
        AssessmentRow {
            id: "oak-house-north".into(),
            organisation: "Oak House".into(),
            site: Some("North".into()),
            progress: "12/49 answered".into(),
            updated: "2026-11-20".into(),
            ..AssessmentRow::default()
        },
        AssessmentRow {
            id: "birch-lodge".into(),
            organisation: "Birch Lodge".into(),
            site: None,
            progress: "49/49 answered".into(),
            updated: "2026-10-02".into(),
            ..AssessmentRow::default()
        },
    ];
    snapshot("picker", &mut app_without_session(rows));
}

#[test]
fn first_item_of_a_new_assessment() {
    snapshot("item_new", &mut app(&["dspt-social-care"]));
}

#[test]
fn item_with_a_value_below_its_threshold() {
    snapshot("item_answered", &mut answered());
}

#[test]
fn item_with_value_note_and_evidence() {
    let mut app = answered();
    cmd(&mut app, Command::StartJump);
    type_text(&mut app, "1.1.1");
    key(&mut app, KeyCode::Enter);
    snapshot("item_evidence", &mut app);
}

#[test]
fn overview() {
    let mut app = answered();
    cmd(&mut app, Command::ShowOverview);
    snapshot("overview", &mut app);
}

#[test]
fn item_list_filtered_to_gaps() {
    let mut app = answered();
    cmd(&mut app, Command::ShowItems);
    snapshot("items_all", &mut app);
    cmd(&mut app, Command::CycleFilter);
    cmd(&mut app, Command::CycleFilter);
    snapshot("items_gaps", &mut app);
}

#[test]
fn editors() {
    let mut app = answered();
    cmd(&mut app, Command::EditNote);
    type_text(&mut app, " More to say.");
    snapshot("note_editor", &mut app);
    key(&mut app, KeyCode::Esc);
    cmd(&mut app, Command::EditDue);
    type_text(&mut app, "soon");
    key(&mut app, KeyCode::Enter);
    snapshot("line_editor_error", &mut app);
}

#[test]
fn help_screen() {
    let mut app = answered();
    cmd(&mut app, Command::Help);
    snapshot("help", &mut app);
}

#[test]
fn a_too_small_window_says_so() {
    let mut app = app(&["dspt-social-care"]);
    let terminal = draw(&mut app, 50, 12);
    insta::assert_snapshot!("too_small_50x12", terminal.backend());
}

#[test]
fn help_lists_every_binding_of_its_screen_once() {
    use carecheck::tui::keymap::ALL_CONTEXTS;
    for context in ALL_CONTEXTS {
        let text: String = view::help::lines(Theme { colour: false }, context, 200)
            .iter()
            .map(|line| {
                line.spans
                    .iter()
                    .map(|s| s.content.as_ref())
                    .collect::<String>()
                    + "\n"
            })
            .collect();
        for binding in BINDINGS {
            let keys: Vec<String> = binding.keys.iter().map(|k| describe(*k)).collect();
            let row = format!(" {:<14}{}", keys.join(" / "), binding.help);
            let here = binding.contexts.contains(&context);
            assert_eq!(
                text.contains(&row),
                here,
                "{context:?}: {row} should {}be listed",
                if here { "" } else { "not " }
            );
        }
        assert_eq!(
            text.matches(" ↓ / j ").count(),
            1,
            "{context:?} lists ↓ / j once:\n{text}"
        );
    }
}

#[test]
fn help_wraps_at_80_columns() {
    use carecheck::tui::keymap::Context;
    let lines: Vec<String> = view::help::lines(Theme { colour: false }, Context::Item, 78)
        .iter()
        .map(|line| line.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect();
    for line in &lines {
        assert!(line.chars().count() <= 78, "too wide: {line:?}");
    }
    let at = lines
        .iter()
        .position(|l| l.contains("Guided mode on or off"))
        .expect("listed");
    assert!(
        lines[at + 1].trim_start().starts_with("unanswered item")
            || lines[at + 1].contains("next unanswered item"),
        "the rest wraps under its column: {:?}",
        &lines[at..at + 2]
    );
}

#[test]
fn checklist_text_with_escapes_is_drawn_harmlessly() {
    let mut app = app(&["dspt-social-care"]);
    cmd(&mut app, Command::EditNote);
    app.update(Action::Paste(
        "evil\u{1b}]0;title\u{7} \u{202e}reversed".into(),
    ));
    key(&mut app, KeyCode::Esc);
    let terminal = draw(&mut app, 80, 24);
    let shown: String = terminal
        .backend()
        .buffer()
        .content
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(
        !shown.chars().any(|c| c.is_control() || c == '\u{202e}'),
        "raw control reached the screen"
    );
    assert!(
        shown.contains("evil\\u{1b}]0;title\\u{7}"),
        "escapes are shown as text"
    );
}

/// A long message as the shell would say it, drawn in full at both sizes.
fn message_snapshot(name: &str, text: String, error: bool) {
    let mut app = answered();
    app.say(text, error);
    snapshot(name, &mut app);
}

#[test]
fn report_with_changed_evidence_is_read_in_full() {
    let text = carecheck::tui::report_message(
        "Wrote sunnyside-care-leeds-evidence-2026-11-28.pdf (7 pages) to /home/manager/Documents/carecheck",
        2,
    );
    assert!(
        text.starts_with("Warning: 2 evidence files changed"),
        "{text}"
    );
    message_snapshot("message_report_changed_evidence", text, false);
}

#[test]
fn export_names_both_csv_files() {
    let text = carecheck::tui::report_message(
        "Exported sunnyside-care-leeds-answers-2026-11-28.csv and sunnyside-care-leeds-actions-2026-11-28.csv to /home/manager/Documents/carecheck",
        0,
    );
    message_snapshot("message_export", text, false);
}

#[test]
fn read_only_notice_is_read_in_full() {
    let library = common::tui::library();
    let mut app = App::new(
        common::tui::choices(&library),
        "dspt-social-care",
        Vec::new(),
        common::tui::today(),
    );
    app.open(common::tui::session(
        &library,
        &["dspt-social-care"],
        Some("assessment `sunnyside-care-leeds` is open in another carecheck (process 4242 on office-pc); close that one first, or open this one read-only".into()),
    ));
    snapshot("message_read_only", &mut app);
}

#[test]
fn header_keeps_progress_and_saved_at_80_columns() {
    let mut app = answered();
    let terminal = draw(&mut app, 80, 24);
    let top: String = (0..80)
        .map(|x| terminal.backend().buffer()[(x, 0)].symbol().to_owned())
        .collect();
    assert!(top.contains("answered"), "{top}");
    assert!(top.contains("saved ✓"), "{top}");
    snapshot("header_saved", &mut app);
}

#[test]
fn message_log_shows_earlier_messages_in_full() {
    let mut app = answered();
    app.say("First: something long enough to wrap at eighty columns, so the log must show every word of it in full.", false);
    app.say("Second message.", true);
    cmd(&mut app, Command::Messages);
    assert!(app.show_log);
    snapshot("message_log", &mut app);
    cmd(&mut app, Command::ScrollDown);
    assert!(!app.show_log, "any key closes the log");
}

#[test]
fn yes_without_the_value_warns_and_says_why() {
    let mut app = app(&["dspt-social-care"]);
    cmd(&mut app, Command::SetStatus(Status::Yes));
    let said = app
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(said.contains("does not count yet"), "{said}");
    assert_eq!(
        app.session
            .as_ref()
            .map(|s| s.entries[app.cursor].key.item.clone()),
        Some("1.1.1".to_owned()),
        "guided mode stays on an item whose Yes does not count"
    );
    snapshot("item_yes_not_counting", &mut app);
    app.message = None;
    cmd(&mut app, Command::ShowItems);
    snapshot("items_with_why", &mut app);
}

#[test]
fn a_date_typed_the_uk_way_is_accepted_and_shown_that_way() {
    let mut app = app(&["dspt-social-care"]);
    cmd(&mut app, Command::StartJump);
    type_text(&mut app, "1.1.2");
    key(&mut app, KeyCode::Enter);
    cmd(&mut app, Command::EditValue);
    snapshot("date_box_empty", &mut app);
    type_text(&mut app, "15/09/2026");
    key(&mut app, KeyCode::Enter);
    assert!(app.editor.is_none(), "accepted");
    let stored = app
        .session
        .as_ref()
        .and_then(|s| s.answer_ref(app.cursor))
        .and_then(|a| a.value.clone());
    assert_eq!(stored.as_deref(), Some("2026-09-15"), "stored as ISO");
    snapshot("date_value_shown_uk", &mut app);
}

#[test]
fn evidence_list_shows_what_a_recheck_found() {
    use carecheck::domain::assessment::EvidenceSource;
    use carecheck::domain::checklist::ItemRef;
    let mut app = app(&["dspt-social-care"]);
    cmd(&mut app, Command::AddEvidence);
    type_text(&mut app, "ICO certificate, office file");
    key(&mut app, KeyCode::Enter);
    common::tui::step(
        &mut app,
        Action::EvidenceRecorded {
            item: ItemRef::new("dspt-social-care", "1.1.1"),
            outcome: Ok(EvidenceSource::File {
                path: "/home/manager/Documents/ico-renewal-2026.pdf".into(),
                sha256: "ab".repeat(32),
                size: 1200,
                recorded: common::tui::at(),
                os_path: None,
            }),
        },
    );
    cmd(&mut app, Command::RecheckEvidence);
    snapshot("item_evidence_missing", &mut app);
    cmd(&mut app, Command::ManageEvidence);
    snapshot("evidence_list", &mut app);
}

#[test]
fn a_long_note_wraps_instead_of_scrolling_sideways() {
    let mut app = app(&["dspt-social-care"]);
    cmd(&mut app, Command::EditNote);
    type_text(
        &mut app,
        "Renewal letter arrived in May and is filed in the blue office folder; the direct debit is set up so it renews itself next year without anyone needing to remember.",
    );
    snapshot("note_editor_wrapped", &mut app);
}

#[test]
fn discarding_a_typed_form_asks_first() {
    let mut app = app_without_session(Vec::new());
    type_text(&mut app, "Sunnyside Care");
    key(&mut app, KeyCode::Esc);
    snapshot("setup_discard_question", &mut app);
}

#[test]
fn checklist_chooser() {
    let mut app = app(&["dspt-social-care"]);
    cmd(&mut app, Command::ChooseChecklists);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down);
    snapshot("checklist_chooser", &mut app);
}

#[test]
fn search_and_jump_boxes_say_what_enter_does() {
    let mut app = app(&["dspt-social-care"]);
    cmd(&mut app, Command::StartJump);
    type_text(&mut app, "3.2");
    let terminal = draw(&mut app, 80, 24);
    let footer: String = (0..80)
        .map(|x| terminal.backend().buffer()[(x, 23)].symbol().to_owned())
        .collect();
    assert!(footer.contains("Enter go"), "{footer}");
    key(&mut app, KeyCode::Esc);
    cmd(&mut app, Command::StartSearch);
    snapshot("search_box", &mut app);
}

#[test]
fn jump_box_lists_matching_ids() {
    let mut app = app(&["dspt-social-care"]);
    cmd(&mut app, Command::StartJump);
    type_text(&mut app, "1.3");
    snapshot("jump_box_matches", &mut app);
}
