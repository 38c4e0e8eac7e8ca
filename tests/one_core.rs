//! One core, many doors: the TUI and the CLI answer through the same rules and every output
//! tells the same truth.
//!
//! - the same random changes, made through the TUI's `update` and through `carecheck answer`,
//!   leave identical saved answers (inherited items and propagation included);
//! - the buckets of every summary add up and every gap is in the action plan;
//! - the overview, `status --json`, the CSV and the report model give the same numbers.

mod common;

use std::collections::BTreeMap;

use carecheck::checklist::Library;
use carecheck::domain::assessment::{Answer, Status};
use carecheck::domain::checklist::ItemRef;
use carecheck::domain::progress::Bucket;
use carecheck::report::model::ReportModel;
use carecheck::store::{DataDir, Store};
use carecheck::summary::{LibraryFacts, Summary};
use carecheck::tui::action::Command;
use carecheck::tui::app::{App, Screen};
use carecheck::tui::session::Session;
use carecheck::workspace::{Access, Effective, Loaded, Workspace};
use common::tui::{choices, cmd, key, today, type_text};
use common::{Sandbox, copy_tree, run};
use proptest::prelude::*;
use ratatui::crossterm::event::KeyCode;

const HEAD: &str = "oak-group";
const SITE: &str = "oak-group-north";

/// A head office with three answers and one site that inherits them, on the DSPT and Cyber
/// Essentials; built once and copied for each case.
fn group() -> Sandbox {
    let s = Sandbox::new();
    let both = [
        "--checklist",
        "dspt-social-care",
        "--checklist",
        "cyber-essentials",
    ];
    let mut head = vec!["new", "--org", "Oak Group", "--head-office"];
    head.extend(both);
    assert_eq!(run(&s, &head).0, 0);
    for args in [
        &["1.1.2", "yes", "--value", "2026-10-01"][..],
        &["4.5.3", "yes", "--note", "Group-wide MFA"],
        &["8.3.1", "no", "--owner", "Group IT"],
    ] {
        let mut all = vec!["answer", "-a", HEAD];
        all.extend_from_slice(args);
        assert_eq!(run(&s, &all).0, 0, "{all:?}");
    }
    let mut site = vec![
        "new",
        "--org",
        "Oak Group",
        "--site",
        "North",
        "--inherit-from",
        HEAD,
    ];
    site.extend(both);
    assert_eq!(run(&s, &site).0, 0);
    s
}

fn workspace(s: &Sandbox) -> Workspace {
    let data = DataDir::new(s.path());
    let (library, _) = Library::load(Some(&data.checklists()));
    Workspace::new(Store::new(data), library)
}

fn load_site(s: &Sandbox) -> (Workspace, Loaded) {
    let ws = workspace(s);
    let loaded = ws.load_id(SITE, Access::Read).expect("site loads");
    (ws, loaded)
}

/// The TUI on the site, opened the way the shell opens it, not guided (each step jumps).
fn tui_on(s: &Sandbox) -> App {
    let (ws, loaded) = load_site(s);
    let session = Session::new(
        loaded.assessment().clone(),
        loaded.checklists.clone(),
        &ws.library,
        None,
        today(),
    )
    .with_head_office(loaded.head.clone().expect("a site has a head office"));
    let mut app = App::new(
        choices(&ws.library),
        "dspt-social-care",
        Vec::new(),
        today(),
    );
    app.open(session);
    app.guided = false;
    app
}

/// One change a user makes to one item, expressible in both front ends.
#[derive(Debug, Clone)]
struct Step {
    item: &'static str,
    status: Status,
    reason: &'static str,
    note: Option<&'static str>,
    value: Option<&'static str>,
    flag: Option<bool>,
}

/// Items with something to test: inherited ones (1.1.2, 4.5.3, 8.3.1), linked pairs that are
/// the same control (8.3.1 and UPD-14DAYS; 4.2.4 and UA-PROCESS), typed values (1.1.1 text,
/// 3.2.1 percentage, 7.3.4 date). Every one counts towards a level, so not applicable needs
/// its reason in both front ends.
const ITEMS: [(&str, Option<[&str; 2]>); 9] = [
    ("dspt-social-care:1.1.1", Some(["ZA123456", "Z9"])),
    ("dspt-social-care:1.1.2", Some(["2026-11-01", "2025-01-01"])),
    ("dspt-social-care:3.2.1", Some(["96", "80%"])),
    ("dspt-social-care:7.3.4", Some(["2026-09-01", "2024-06-01"])),
    ("dspt-social-care:4.5.3", None),
    ("dspt-social-care:8.3.1", None),
    ("dspt-social-care:4.2.4", None),
    ("cyber-essentials:UPD-14DAYS", None),
    ("cyber-essentials:UA-PROCESS", None),
];

fn any_step() -> impl Strategy<Value = Step> {
    let statuses = prop::sample::select(vec![
        Status::Yes,
        Status::Partial,
        Status::No,
        Status::NotApplicable,
        Status::Alternative,
        Status::Unanswered,
    ]);
    (
        0..ITEMS.len(),
        statuses,
        prop::sample::select(vec!["No remote access at all", "Paper records only"]),
        prop::option::of(prop::sample::select(vec!["Checked on site", "Ask IT"])),
        prop::option::of(0usize..2),
        prop::option::of(any::<bool>()),
    )
        .prop_map(|(i, status, reason, note, value, flag)| {
            let (item, values) = ITEMS[i];
            // Clearing a status takes nothing else with it: a note on an item that falls
            // back to the head office's answer is refused in both front ends, but the TUI
            // has already cleared the status by then, one key at a time.
            let extras = status != Status::Unanswered;
            Step {
                item,
                status,
                reason,
                note: note.filter(|_| extras),
                value: values.zip(value).map(|(v, i)| v[i]).filter(|_| extras),
                flag: flag.filter(|_| extras),
            }
        })
}

/// The step through `carecheck answer ... --propagate`.
fn by_cli(s: &Sandbox, step: &Step) {
    let mut args = vec![
        "answer".to_owned(),
        "-a".into(),
        SITE.into(),
        step.item.into(),
        step.status.keyword().into(),
        "--propagate".into(),
    ];
    if matches!(step.status, Status::Alternative | Status::NotApplicable) {
        args.extend(["--justification".into(), step.reason.into()]);
    }
    if let Some(note) = step.note {
        args.extend(["--note".into(), note.into()]);
    }
    if let Some(value) = step.value {
        args.extend(["--value".into(), value.into()]);
    }
    match step.flag {
        Some(true) => args.push("--flag".into()),
        Some(false) => args.push("--unflag".into()),
        None => {}
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, _, err) = run(s, &args);
    assert_eq!(code, 0, "{args:?}: {err}");
}

/// Replaces the item's reason with the step's, as a user does with `b`.
fn replace_reason(app: &mut App, step: &Step) {
    cmd(app, Command::EditJustification);
    for _ in 0..60 {
        key(app, KeyCode::Backspace);
    }
    type_text(app, step.reason);
    key(app, KeyCode::Enter);
    assert!(app.editor.is_none(), "{step:?}: {:?}", app.editor);
}

/// The step through the keys a user presses: jump, answer (typing the reason when asked),
/// accept the offer for linked items, then note, value and flag.
fn by_tui(app: &mut App, step: &Step) {
    cmd(app, Command::StartJump);
    type_text(app, step.item);
    key(app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Item);
    // Answering the same again with a new reason: the TUI user changes the reason first (`b`),
    // then answers, so linked items are offered the answer as it now stands, as
    // `answer --justification R --propagate` offers it.
    let index = app.cursor;
    let current = app.session.as_ref().map(|s| s.status(index));
    if matches!(step.status, Status::Alternative | Status::NotApplicable)
        && current == Some(step.status)
    {
        replace_reason(app, step);
    }
    cmd(app, Command::SetStatus(step.status));
    if matches!(app.editor, Some(carecheck::tui::input::Editor::Line { .. })) {
        type_text(app, step.reason);
        key(app, KeyCode::Enter);
    }
    if matches!(
        app.editor,
        Some(carecheck::tui::input::Editor::Propagate { .. })
    ) {
        key(app, KeyCode::Enter);
    }
    assert!(app.editor.is_none(), "{step:?}: {:?}", app.editor);
    // An answer that already had a reason keeps it; a user changing the reason edits it.
    if matches!(step.status, Status::Alternative | Status::NotApplicable) {
        replace_reason(app, step);
    }
    if let Some(note) = step.note {
        cmd(app, Command::EditNote);
        // Replace whatever note is there, as --note does.
        for _ in 0..200 {
            key(app, KeyCode::Backspace);
        }
        type_text(app, note);
        key(app, KeyCode::Esc);
    }
    if let Some(value) = step.value {
        cmd(app, Command::EditValue);
        for _ in 0..40 {
            key(app, KeyCode::Backspace);
        }
        type_text(app, value);
        key(app, KeyCode::Enter);
        assert!(app.editor.is_none(), "{step:?}: value refused");
    }
    if let Some(flag) = step.flag {
        let index = app.cursor;
        let now = app
            .session
            .as_ref()
            .and_then(|s| s.answer_ref(index))
            .is_some_and(|a| a.flagged);
        if now != flag {
            cmd(app, Command::ToggleFlag);
        }
    }
}

fn own_answers(app: &App) -> BTreeMap<ItemRef, Answer> {
    app.session.as_ref().expect("session").own().answers.clone()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn the_tui_and_the_cli_save_the_same_answers(steps in prop::collection::vec(any_step(), 1..7)) {
        let template = group();
        let cli = Sandbox::new();
        copy_tree(template.path(), cli.path());
        let mut app = tui_on(&template);
        for step in &steps {
            by_cli(&cli, step);
            by_tui(&mut app, step);
        }
        let (_, saved) = load_site(&cli);
        prop_assert_eq!(&own_answers(&app), &saved.assessment().answers);
    }
}

/// An item's summary bucket agrees with its outcome, the buckets add up, and every gap is in
/// the action plan exactly once.
fn assert_invariants(summary: &Summary) {
    for c in &summary.checklists {
        let t = &c.progress.tally;
        assert_eq!(
            t.met + t.gaps + t.not_applicable + t.alternative + t.to_confirm,
            t.answered
        );
        assert_eq!(t.answered + t.unanswered, t.total);
        let sections: usize = c.progress.sections.iter().map(|s| s.tally.total).sum();
        assert_eq!(sections, t.total);
        let gaps = summary
            .answers
            .iter()
            .filter(|(k, a)| k.checklist == c.progress.id && a.outcome.bucket() == Bucket::Gap)
            .count();
        assert_eq!(gaps, t.gaps, "{}", c.progress.id);
    }
    let planned: Vec<&ItemRef> = summary.action_plan.iter().map(|p| &p.item).collect();
    let gaps: Vec<&ItemRef> = summary
        .answers
        .iter()
        .filter(|(_, a)| a.outcome.is_gap())
        .map(|(k, _)| k)
        .collect();
    assert_eq!(planned.len(), gaps.len());
    for gap in gaps {
        assert!(
            planned.contains(&gap),
            "{gap} is a gap missing from the plan"
        );
    }
}

fn any_answer() -> impl Strategy<Value = Answer> {
    (
        prop::sample::select(Status::ALL.to_vec()),
        prop::option::of(prop::sample::select(vec![
            "96",
            "80",
            "2026-09-01",
            "2020-01-01",
            "ZA1",
        ])),
        prop::option::of(Just("because".to_owned())),
        any::<bool>(),
    )
        .prop_map(|(status, value, justification, flagged)| {
            let mut answer = Answer {
                value: value.map(str::to_owned),
                justification,
                flagged,
                ..Answer::default()
            };
            answer.set_status(status, today());
            answer
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn buckets_add_up_and_every_gap_is_planned(
        answers in prop::collection::vec((0usize..50, any_answer()), 0..60),
        head_answers in prop::collection::vec((0usize..50, any_answer()), 0..20),
    ) {
        let library = Library::load(None).0;
        let dspt = library.get("dspt-social-care").expect("bundled");
        let items: Vec<&str> = dspt.checklist.items().map(|i| i.id.as_str()).collect();
        let app = common::tui::app(&["dspt-social-care"]);
        let mut own = app.session.as_ref().expect("session").assessment().clone();
        let mut head = own.clone();
        for (i, answer) in answers {
            own.answers.insert(ItemRef::new("dspt-social-care", items[i % items.len()]), answer);
        }
        for (i, answer) in head_answers {
            head.answers.insert(ItemRef::new("dspt-social-care", items[i % items.len()]), answer);
        }
        let checklists = vec![dspt.checklist.clone()];
        for effective in [Effective::merge(&own, None), Effective::merge(&own, Some(&head))] {
            let summary = Summary::of(&effective, &checklists, &LibraryFacts::default(), today());
            assert_invariants(&summary);
            // The report model reads the same numbers.
            let model = ReportModel::of(&effective, &checklists, &[], common::tui::at());
            let plan: Vec<&ItemRef> = model.action_plan().iter().map(|p| &p.item.key).collect();
            let expected: Vec<&ItemRef> = summary.action_plan.iter().map(|p| &p.item).collect();
            prop_assert_eq!(plan, expected);
            prop_assert_eq!(&model.checklists[0].progress.tally, &summary.checklists[0].progress.tally);
        }
    }
}

/// The numbers a user sees in the overview (the TUI session's summary), `status --json`, the
/// CSV export and the report agree, for a site with inherited answers and a failing value.
#[test]
fn every_door_gives_the_same_numbers() {
    let s = group();
    for args in [
        &["3.2.1", "yes", "--value", "91%"][..],
        &["7.3.4", "yes", "--value", "2024-06-01"],
        &["1.1.1", "partial"],
        &[
            "UPD-14DAYS",
            "na",
            "--justification",
            "No computers at this site",
        ],
    ] {
        let mut all = vec!["answer", "-a", SITE];
        all.extend_from_slice(args);
        assert_eq!(run(&s, &all).0, 0, "{all:?}");
    }
    let json = common::status_json(&s, SITE);
    let app = tui_on(&s);
    let overview = &app.session.as_ref().expect("session").summary;
    let (code, csv, err) = run(&s, &["export", "-a", SITE, "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    let rows = common::parse_csv(csv.trim_start_matches('\u{feff}'));
    let col = |name: &str| rows[0].iter().position(|h| h == name).expect(name);
    for (c, checklist) in overview.checklists.iter().enumerate() {
        let t = &checklist.progress.tally;
        let from_json = &json["checklists"][c]["tally"];
        for (name, value) in [
            ("answered", t.answered),
            ("met", t.met),
            ("gaps", t.gaps),
            ("not_applicable", t.not_applicable),
            ("alternative", t.alternative),
            ("inherited", t.inherited),
        ] {
            assert_eq!(
                from_json[name], value,
                "{name} in {}",
                checklist.progress.id
            );
        }
        let in_csv = |outcome: &str| {
            rows[1..]
                .iter()
                .filter(|r| {
                    r[col("checklist")] == checklist.progress.id && r[col("outcome")] == outcome
                })
                .count()
        };
        assert_eq!(in_csv("met"), t.met);
        assert_eq!(in_csv("gap"), t.gaps);
        assert_eq!(in_csv("not applicable"), t.not_applicable);
        let inherited_rows = rows[1..]
            .iter()
            .filter(|r| {
                r[col("checklist")] == checklist.progress.id && !r[col("inherited_from")].is_empty()
            })
            .count();
        assert_eq!(inherited_rows, t.inherited);
    }
    let dspt = &overview.checklists[0].progress.tally;
    assert_eq!(
        (dspt.met, dspt.gaps, dspt.inherited),
        (2, 4, 3),
        "1.1.2 and 4.5.3 met (inherited), 8.3.1 no (inherited), 3.2.1 and 7.3.4 fall short, 1.1.1 partial"
    );
    // Every gap, whatever makes it one, is in the action plan with its reason.
    let (_, actions, _) = run(&s, &["export", "-a", SITE, "--actions"]);
    for (item, why) in [
        ("3.2.1", "answered Yes but 91% is below the 95% required"),
        (
            "7.3.4",
            "answered Yes but 01/06/2024 is more than 12 months ago",
        ),
        ("8.3.1", "not in place"),
        ("1.1.1", "only partly in place"),
    ] {
        assert!(
            actions
                .lines()
                .any(|l| l.contains(&format!(",{item},")) && l.contains(why)),
            "{item}: {why}\n{actions}"
        );
    }
    // The site's outputs name the head office its inherited answers come from.
    assert!(
        actions.contains("Oak Group head office (oak-group)"),
        "inherited gap marked: {actions}"
    );
    assert_eq!(
        json["answers"]["dspt-social-care:4.5.3"]["origin"],
        "inherited"
    );
    assert_eq!(
        json["answers"]["dspt-social-care:4.5.3"]["head_office"]["id"],
        HEAD
    );
    assert_eq!(json["answers"]["dspt-social-care:3.2.1"]["origin"], "own");
    let (_, text, _) = run(&s, &["status", "-a", SITE]);
    assert!(
        text.contains("Site of Oak Group head office (`oak-group`): 3 answers inherited from it"),
        "{text}"
    );
    assert!(text.contains("[inherited]"), "{text}");
}

/// A date decides an outcome: the clock the tests set moves it, not the calendar.
#[test]
fn the_day_comes_from_carecheck_today() {
    let s = Sandbox::new();
    assert_eq!(run(&s, &["new", "--org", "Clock Care"]).0, 0);
    assert_eq!(
        run(&s, &["answer", "7.3.4", "yes", "--value", "2026-09-01"]).0,
        0
    );
    let met = |day: &str| {
        let out = s
            .cmd()
            .env("CARECHECK_TODAY", day)
            .args(["status", "--json"])
            .output()
            .expect("runs");
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        json["answers"]["dspt-social-care:7.3.4"]["outcome"].clone()
    };
    assert_eq!(met("2027-08-31"), "met");
    assert_eq!(met("2027-09-02"), "gap");
}
