//! Year two in the TUI, action by action with no terminal and no files: the walk through
//! carried-forward answers (`V`), confirming each with a single key through the one core.

mod common;

use carecheck::domain::assessment::{Answer, Event, Evidence, EvidenceSource, Status};
use carecheck::domain::checklist::ItemRef;
use carecheck::tui::action::{Command, Effect};
use carecheck::tui::app::{App, OverviewRow, Screen, Session};
use carecheck::tui::keymap::{Context, resolve};
use common::tui::{at, cmd, library, today};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// An app on a renewed DSPT assessment: the first `carried` items answered last year (Yes, or
/// No for every fifth) and carried forward, waiting to be confirmed.
fn renewed(carried: usize, read_only: Option<String>) -> App {
    answered(carried, true, read_only)
}

/// The same answers, carried forward or (with `carry` false) given this year.
fn answered(carried: usize, carry: bool, read_only: Option<String>) -> App {
    let library = library();
    let base = common::tui::session(&library, &["dspt-social-care"], None);
    let mut assessment = base.assessment().clone();
    for (n, entry) in base.entries.iter().take(carried).enumerate() {
        let mut answer = Answer::default();
        let status = if n % 5 == 4 { Status::No } else { Status::Yes };
        answer.set_status(status, today());
        // A Yes carries the value its item asks for: one without it could not be confirmed.
        if status == Status::Yes {
            answer.value = value_for(&base, &entry.key);
        }
        answer.note = format!("last year's note {n}");
        answer.carried = carry.then(today);
        assessment.answers.insert(entry.key.clone(), answer);
    }
    let checklists = base.checklists.clone();
    let session = Session::new(assessment, checklists, &library, read_only, today());
    let mut app = App::new(
        common::tui::choices(&library),
        "dspt-social-care",
        Vec::new(),
        today(),
    );
    app.open(session);
    app
}

/// A value that meets `key`'s item today, where it asks for one.
fn value_for(session: &Session, key: &ItemRef) -> Option<String> {
    use carecheck::domain::checklist::AnswerKind;
    let index = session.index_of(key)?;
    match &session.item(index)?.answer {
        AnswerKind::Status => None,
        AnswerKind::Text { .. } => Some("ZA123456".into()),
        AnswerKind::WholeNumber { min, .. } => Some(min.unwrap_or(1).max(1).to_string()),
        AnswerKind::Percentage { .. } => Some("100".into()),
        AnswerKind::Date { .. } => Some(today().to_string()),
    }
}

fn waiting(app: &App) -> usize {
    app.session.as_ref().expect("session").summary.carried.len()
}

fn shown(app: &App) -> ItemRef {
    app.walk
        .as_ref()
        .and_then(|w| w.current())
        .expect("an answer is shown")
        .clone()
}

#[test]
fn forty_unchanged_answers_are_confirmed_with_single_keys() {
    let mut app = renewed(40, None);
    assert_eq!(app.screen, Screen::Overview);
    assert_eq!(waiting(&app), 40);
    assert_eq!(
        app.overview_rows().get(1),
        Some(&OverviewRow::Carried),
        "the overview offers the walk as a row"
    );
    let met_before: usize = app.session.as_ref().expect("s").summary.checklists[0]
        .progress
        .tally
        .met;
    assert_eq!(
        met_before, 0,
        "nothing carried counts before it is confirmed"
    );

    // The row opens the walk, as V does.
    app.overview_selected = 1;
    cmd(&mut app, Command::Open);
    assert_eq!(app.screen, Screen::Walk);
    let progress = app.walk_progress().expect("walk");
    assert_eq!((progress.confirmed, progress.total), (0, 40));
    let first = shown(&app);
    assert_eq!(first.item, "1.1.1", "checklist order");

    for n in 0..40 {
        let key = shown(&app);
        let effects = cmd(&mut app, Command::ConfirmCarried);
        assert!(
            matches!(&effects[..], [Effect::Save(Event::Answered { item, answer })] if *item == key && answer.carried.is_none()),
            "{n}: {effects:?}"
        );
        assert_eq!(app.walk_progress().expect("walk").confirmed, n + 1);
    }
    assert!(app.walk.as_ref().expect("walk").finished());
    assert_eq!(waiting(&app), 0);
    assert!(app.carried_waiting().is_empty());
    assert!(
        !app.overview_rows().contains(&OverviewRow::Carried),
        "the row goes once none wait"
    );
    let s = app.session.as_ref().expect("s");
    // Confirming keeps each answer as it was: they count exactly as the same answers given
    // this year do (a Yes whose item asks for a value still needs it; the No stay gaps).
    let fresh = answered(40, false, None);
    let met = |app: &App| {
        app.session.as_ref().expect("s").summary.checklists[0]
            .progress
            .tally
            .met
    };
    assert!(met(&fresh) > 20, "{}", met(&fresh));
    assert_eq!(s.summary.checklists[0].progress.tally.met, met(&fresh));
    assert_eq!(
        s.summary.checklists[0].progress.tally.gaps,
        fresh.session.as_ref().expect("s").summary.checklists[0]
            .progress
            .tally
            .gaps
    );
    let confirmed = s.own_answer(&first);
    assert_eq!(confirmed.status, Status::Yes);
    assert_eq!(confirmed.note, "last year's note 0");
    assert_eq!(confirmed.answered, Some(today()));
    // One more y at the end changes nothing and saves nothing.
    assert!(cmd(&mut app, Command::ConfirmCarried).is_empty());
    cmd(&mut app, Command::Back);
    assert_eq!(app.screen, Screen::Overview);
}

#[test]
fn answering_again_from_the_walk_comes_back_to_it_in_guided_mode() {
    let mut app = renewed(3, None);
    assert!(app.guided);
    cmd(&mut app, Command::WalkCarried);
    let keys: Vec<ItemRef> = app.walk.as_ref().expect("walk").queue.clone();
    cmd(&mut app, Command::ChangeCarried);
    assert_eq!(app.screen, Screen::Item);
    cmd(&mut app, Command::SetStatus(Status::Partial));
    assert_eq!(
        app.session.as_ref().expect("s").own_answer(&keys[0]).status,
        Status::Partial
    );
    // Back on the walk at the next answer waiting, not off to the next unanswered item.
    assert_eq!(app.screen, Screen::Walk);
    assert_eq!(shown(&app), keys[1]);
    // Answering some other item later moves on as guided mode always does.
    cmd(&mut app, Command::Back);
    cmd(&mut app, Command::NextUnanswered);
    assert_eq!(app.screen, Screen::Item);
    cmd(&mut app, Command::SetStatus(Status::Yes));
    assert_eq!(app.screen, Screen::Item, "the walk is not pulled back up");
}

#[test]
fn skip_back_and_change_then_v_picks_up_where_it_left_off() {
    let mut app = renewed(4, None);
    cmd(&mut app, Command::WalkCarried);
    let keys: Vec<ItemRef> = app.walk.as_ref().expect("walk").queue.clone();
    assert_eq!(keys.len(), 4);
    assert!(cmd(&mut app, Command::SkipCarried).is_empty());
    assert_eq!(shown(&app), keys[1]);
    cmd(&mut app, Command::BackCarried);
    assert_eq!(shown(&app), keys[0]);
    cmd(&mut app, Command::BackCarried);
    assert_eq!(shown(&app), keys[0], "no further back than the first");
    cmd(&mut app, Command::SkipCarried);

    // c opens the item to answer it again; the new answer is this year's.
    cmd(&mut app, Command::ChangeCarried);
    assert_eq!(app.screen, Screen::Item);
    assert_eq!(
        app.session.as_ref().expect("s").entries[app.cursor].key,
        keys[1]
    );
    cmd(&mut app, Command::ToggleGuided);
    cmd(&mut app, Command::SetStatus(Status::Partial));
    let own = app.session.as_ref().expect("s").own_answer(&keys[1]);
    assert_eq!(own.status, Status::Partial);
    assert_eq!(own.carried, None, "answering again settles it");
    assert_eq!(app.walk_progress().expect("walk").confirmed, 1);

    // V from the item screen comes back to the walk at the next answer still waiting.
    cmd(&mut app, Command::WalkCarried);
    assert_eq!(app.screen, Screen::Walk);
    assert_eq!(shown(&app), keys[2]);
    cmd(&mut app, Command::ConfirmCarried);
    cmd(&mut app, Command::ConfirmCarried);
    assert!(app.walk.as_ref().expect("walk").finished());
    assert_eq!(app.walk_progress().expect("walk").confirmed, 3);
    // The skipped first one is still waiting: V goes back round to it.
    cmd(&mut app, Command::WalkCarried);
    assert_eq!(shown(&app), keys[0]);
    cmd(&mut app, Command::ConfirmCarried);
    assert_eq!(waiting(&app), 0);
    // With nothing left, V says so and stays put.
    cmd(&mut app, Command::Back);
    assert!(cmd(&mut app, Command::WalkCarried).is_empty());
    assert_eq!(app.screen, Screen::Overview);
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.text.contains("No carried-forward answers"))
    );
}

#[test]
fn arriving_at_an_answer_rechecks_its_evidence_files() {
    let mut app = renewed(2, None);
    let key = ItemRef::new("dspt-social-care", "1.1.2");
    {
        let s = app.session.as_ref().expect("s");
        let mut own = s.own().clone();
        own.answers
            .get_mut(&key)
            .expect("carried")
            .evidence
            .push(Evidence {
                source: EvidenceSource::File {
                    path: "/home/manager/policy.pdf".into(),
                    sha256: "ab".repeat(32),
                    size: 10,
                    recorded: at(),
                    os_path: None,
                },
                dated: None,
                review_by: Some(today()),
            });
        let library = library();
        let session = Session::new(own, s.checklists.clone(), &library, None, today());
        app.open(session);
    }
    // The first has no files: nothing to read.
    assert!(cmd(&mut app, Command::WalkCarried).is_empty());
    let effects = cmd(&mut app, Command::ConfirmCarried);
    assert!(
        matches!(&effects[..], [Effect::Save(_), Effect::RecheckEvidence { item, .. }] if *item == key),
        "{effects:?}"
    );
    assert_eq!(
        app.evidence_checks.get(&key).map(Vec::len),
        Some(1),
        "what the re-check found is kept to show beside it"
    );
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.text.starts_with("Confirmed 1.1.1: still true.")),
        "the message line keeps what confirming said: {:?}",
        app.message
    );
    // Going back and forth does not read the files again.
    cmd(&mut app, Command::BackCarried);
    assert!(cmd(&mut app, Command::SkipCarried).is_empty());
}

#[test]
fn a_read_only_assessment_refuses_to_confirm_and_stays() {
    let mut app = renewed(2, Some("another carecheck has it open".into()));
    cmd(&mut app, Command::WalkCarried);
    let before = shown(&app);
    assert!(cmd(&mut app, Command::ConfirmCarried).is_empty());
    assert_eq!(shown(&app), before);
    assert_eq!(waiting(&app), 2);
    assert!(app.message.as_ref().is_some_and(|m| m.error));
}

#[test]
fn the_walk_keys_are_single_letters() {
    let press = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    let shift = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::SHIFT);
    for context in [Context::Overview, Context::Assessments] {
        assert_eq!(
            resolve(shift('Y'), context, false),
            Some(Command::RenewAssessment)
        );
    }
    assert_eq!(
        resolve(shift('V'), Context::Overview, false),
        Some(Command::WalkCarried)
    );
    assert_eq!(
        resolve(shift('V'), Context::Item, false),
        Some(Command::WalkCarried)
    );
    for (c, command) in [
        ('y', Command::ConfirmCarried),
        ('c', Command::ChangeCarried),
        ('s', Command::SkipCarried),
        ('b', Command::BackCarried),
    ] {
        assert_eq!(resolve(press(c), Context::Walk, false), Some(command));
    }
}

mod snapshots {
    use super::*;
    use carecheck::domain::date::Date;
    use carecheck::tui::action::Action;
    use carecheck::tui::theme::Theme;
    use carecheck::tui::view;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    fn snapshot(name: &str, app: &mut App) {
        for (w, h) in [(80, 24), (120, 40)] {
            app.update(Action::Resize {
                width: w,
                height: h,
            });
            let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
            terminal
                .draw(|f| view::render(app, Theme { colour: true }, f))
                .expect("draw");
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), terminal.backend());
        }
    }

    #[test]
    fn the_overview_offers_the_walk_and_the_walk_shows_its_progress() {
        let mut app = renewed(40, None);
        snapshot("year_overview_carried", &mut app);
        cmd(&mut app, Command::WalkCarried);
        for _ in 0..12 {
            cmd(&mut app, Command::ConfirmCarried);
        }
        app.message = None;
        snapshot("year_walk_12_of_40", &mut app);
        for _ in 0..27 {
            cmd(&mut app, Command::SkipCarried);
        }
        cmd(&mut app, Command::SkipCarried);
        app.message = None;
        snapshot("year_walk_all_seen", &mut app);
    }

    #[test]
    fn the_walk_shows_last_years_value_note_and_what_the_evidence_check_found() {
        let mut app = renewed(2, None);
        let key = ItemRef::new("dspt-social-care", "1.1.1");
        let s = app.session.as_ref().expect("s");
        let mut own = s.own().clone();
        let answer = own.answers.get_mut(&key).expect("carried");
        answer.value = Some("ZA123456".into());
        answer.flagged = true;
        answer.evidence.push(Evidence {
            source: EvidenceSource::File {
                path: "/home/manager/ico-certificate.pdf".into(),
                sha256: "ab".repeat(32),
                size: 10,
                recorded: at(),
                os_path: None,
            },
            dated: None,
            review_by: None,
        });
        answer.evidence.push(Evidence {
            source: EvidenceSource::Document {
                name: "Policy binder, office shelf".into(),
            },
            dated: None,
            review_by: Some(Date::parse("2026-06-30").expect("date")),
        });
        let library = library();
        let session = Session::new(own, s.checklists.clone(), &library, None, today());
        app.open(session);
        cmd(&mut app, Command::WalkCarried);
        app.message = None;
        snapshot("year_walk_evidence", &mut app);
    }
}

/// Several organisations, sites and years, out of order, and one that cannot be read.
fn many_clients() -> Vec<carecheck::tui::app::AssessmentRow> {
    use carecheck::tui::app::AssessmentRow;
    let row = |id: &str, org: &str, site: Option<&str>, year: i32, progress: &str| AssessmentRow {
        id: id.into(),
        organisation: org.into(),
        site: site.map(Into::into),
        progress: progress.into(),
        updated: format!("20/11/{year}"),
        year: Some(year),
        head_office: false,
        unreadable: false,
        renew_facts: None,
        ..AssessmentRow::default()
    };
    let mut rows = vec![
        row("willow-court", "Willow Court", None, 2025, "49/50 answered"),
        row(
            "oak-group-north-2",
            "Oak Group",
            Some("North"),
            2026,
            "40/50 answered",
        ),
        row("oak-group", "Oak Group", None, 2025, "50/50 answered"),
        row(
            "oak-group-north",
            "Oak Group",
            Some("North"),
            2025,
            "50/50 answered",
        ),
        row(
            "willow-court-2",
            "Willow Court",
            None,
            2026,
            "3/50 answered",
        ),
        row(
            "oak-group-south",
            "Oak Group",
            Some("South"),
            2026,
            "12/50 answered",
        ),
        row("oak-group-2", "Oak Group", None, 2026, "45/50 answered"),
        row(
            "birch-lodge",
            "Birch Lodge Care Home (Harrogate) Ltd",
            None,
            2026,
            "0/50 answered",
        ),
    ];
    rows[2].head_office = true;
    rows[6].head_office = true;
    rows.push(AssessmentRow {
        id: "elm-house".into(),
        organisation: "(cannot be read)".into(),
        progress: "see message".into(),
        unreadable: true,
        ..AssessmentRow::default()
    });
    rows
}

fn picker_ids(app: &App) -> Vec<String> {
    app.visible_assessments()
        .into_iter()
        .map(|i| app.assessments[i].id.clone())
        .collect()
}

#[test]
fn the_picker_groups_by_organisation_site_and_year_newest_first() {
    let app = common::tui::app_without_session(many_clients());
    assert_eq!(app.screen, Screen::Assessments);
    assert_eq!(
        picker_ids(&app),
        [
            "birch-lodge",
            "oak-group-2",
            "oak-group",
            "oak-group-north-2",
            "oak-group-north",
            "oak-group-south",
            "willow-court-2",
            "willow-court",
            "elm-house",
        ]
    );
}

#[test]
fn slash_narrows_the_picker_by_organisation_or_site_as_you_type() {
    let mut app = common::tui::app_without_session(many_clients());
    cmd(&mut app, Command::StartSearch);
    common::tui::type_text(&mut app, "nor");
    assert_eq!(
        picker_ids(&app),
        ["oak-group-north-2", "oak-group-north"],
        "narrowed while typing"
    );
    common::tui::key(&mut app, KeyCode::Enter);
    assert!(app.editor.is_none());
    assert_eq!(app.picker_search, "nor");
    cmd(&mut app, Command::ScrollDown);
    let opened = cmd(&mut app, Command::Open);
    assert_eq!(
        opened,
        [Effect::Open {
            id: "oak-group-north".into()
        }],
        "Enter opens the row selected in the narrowed list"
    );

    cmd(&mut app, Command::StartSearch);
    common::tui::type_text(&mut app, "WILLOW");
    common::tui::key(&mut app, KeyCode::Enter);
    assert_eq!(picker_ids(&app), ["willow-court-2", "willow-court"]);
    // Esc shows every assessment again before it leaves the picker.
    assert!(cmd(&mut app, Command::Back).is_empty());
    assert_eq!(picker_ids(&app).len(), 9);
    assert_eq!(cmd(&mut app, Command::Back), [Effect::Quit]);
}

#[test]
fn y_asks_before_renewing_and_the_new_assessment_opens_on_the_walk() {
    let mut app = common::tui::app_without_session(many_clients());
    cmd(&mut app, Command::ScrollDown);
    // The first Y only asks; any other key leaves it, and does nothing else.
    assert!(cmd(&mut app, Command::RenewAssessment).is_empty());
    assert_eq!(
        app.renew_ask.as_ref().map(|a| a.id.as_str()),
        Some("oak-group-2")
    );
    assert!(
        cmd(&mut app, Command::Open).is_empty(),
        "Enter does not open it"
    );
    assert!(app.renew_ask.is_none());
    assert_eq!(app.screen, Screen::Assessments);
    cmd(&mut app, Command::RenewAssessment);
    assert!(cmd(&mut app, Command::Back).is_empty());
    assert!(app.renew_ask.is_none());
    assert_eq!(
        app.screen,
        Screen::Assessments,
        "Esc only closes the question"
    );

    cmd(&mut app, Command::RenewAssessment);
    assert_eq!(
        cmd(&mut app, Command::RenewAssessment),
        [Effect::Renew {
            id: "oak-group-2".into()
        }]
    );
    // The shell renews and hands back this year's assessment: it opens on the walk.
    let session = renewed(3, None).session.take().expect("session");
    let effects = common::tui::step(
        &mut app,
        carecheck::tui::action::Action::Renewed(Ok(Box::new((session, "Renewed.".into())))),
    );
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(app.screen, Screen::Walk);
    assert_eq!(app.walk_progress().map(|p| p.total), Some(3));
    assert_eq!(
        app.message.as_ref().map(|m| m.text.as_str()),
        Some("Renewed.")
    );

    // A renew that fails says why and opens nothing.
    let mut app = common::tui::app_without_session(many_clients());
    common::tui::step(
        &mut app,
        carecheck::tui::action::Action::Renewed(Err("disk full; nothing was created".into())),
    );
    assert_eq!(app.screen, Screen::Assessments);
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.error && m.text.contains("disk full"))
    );
}

#[test]
fn an_unreadable_assessment_is_listed_but_not_renewed() {
    let mut app = common::tui::app_without_session(many_clients());
    app.assessments_selected = 8;
    assert_eq!(
        app.selected_assessment().map(|a| a.id.as_str()),
        Some("elm-house")
    );
    assert!(cmd(&mut app, Command::RenewAssessment).is_empty());
    assert!(app.renew_ask.is_none());
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.error && m.text.contains("elm-house"))
    );
}

#[test]
fn y_on_the_overview_renews_the_open_assessment() {
    let mut app = renewed(0, None);
    assert_eq!(app.screen, Screen::Item, "fresh: opens on its first item");
    cmd(&mut app, Command::ShowOverview);
    cmd(&mut app, Command::RenewAssessment);
    assert_eq!(
        cmd(&mut app, Command::RenewAssessment),
        [Effect::Renew {
            id: "sunnyside-care-leeds".into()
        }]
    );
}

mod picker_snapshots {
    use super::*;
    use carecheck::tui::action::Action;
    use carecheck::tui::theme::Theme;
    use carecheck::tui::view;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    fn snapshot(name: &str, app: &mut App) {
        for (w, h) in [(80, 24), (120, 40)] {
            app.update(Action::Resize {
                width: w,
                height: h,
            });
            let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
            terminal
                .draw(|f| view::render(app, Theme { colour: true }, f))
                .expect("draw");
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), terminal.backend());
        }
    }

    #[test]
    fn the_grouped_picker_searched_and_asking_to_renew() {
        let mut app = common::tui::app_without_session(many_clients());
        cmd(&mut app, Command::ScrollDown);
        snapshot("year_picker_grouped", &mut app);
        cmd(&mut app, Command::StartSearch);
        common::tui::type_text(&mut app, "oak");
        snapshot("year_picker_search", &mut app);
        common::tui::key(&mut app, KeyCode::Enter);
        cmd(&mut app, Command::RenewAssessment);
        snapshot("year_picker_renew_ask", &mut app);
    }
}

#[test]
fn the_setup_form_starts_with_the_default_assessor_from_the_settings() {
    let mut app = common::tui::app_without_session(many_clients());
    app.default_assessor = Some("Sam Consultant".into());
    cmd(&mut app, Command::NewAssessment);
    assert_eq!(app.screen, Screen::Setup);
    assert_eq!(app.setup.field(2), "Sam Consultant");
    // Nothing typed yet: Esc leaves without asking to discard the prefilled name.
    common::tui::key(&mut app, KeyCode::Esc);
    assert!(app.confirm.is_none());
    assert_eq!(app.screen, Screen::Assessments);

    cmd(&mut app, Command::NewAssessment);
    common::tui::type_text(&mut app, "Ash Grove");
    for _ in 0..3 {
        common::tui::key(&mut app, KeyCode::Tab);
    }
    let start = app.setup.start_button();
    while app.setup.focus != start {
        common::tui::key(&mut app, KeyCode::Down);
    }
    match &common::tui::key(&mut app, KeyCode::Enter)[..] {
        [Effect::Create { details, .. }] => {
            assert_eq!(details.organisation, "Ash Grove");
            assert_eq!(details.assessor.as_deref(), Some("Sam Consultant"));
        }
        other => panic!("expected Create, got {other:?}"),
    }
}
