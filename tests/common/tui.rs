//! Building a TUI app on the bundled checklists without a terminal or files, and a fake shell
//! that carries out its effects in memory.

use carecheck::checklist::Library;
use carecheck::domain::assessment::{Assessment, ChecklistUse, Details};
use carecheck::domain::date::{Date, Timestamp};
use carecheck::tui::action::{Action, Command, Effect};
use carecheck::tui::app::{App, AssessmentRow, ChecklistChoice, Session};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub fn today() -> Date {
    Date::parse("2026-11-28").expect("date")
}

pub fn at() -> Timestamp {
    Timestamp::parse("2026-11-28T10:00:00Z").expect("time")
}

pub fn library() -> Library {
    Library::load(None).0
}

pub fn choices(library: &Library) -> Vec<ChecklistChoice> {
    ChecklistChoice::all(library)
}

/// A session on the named bundled checklists, with no answers yet.
pub fn session(library: &Library, ids: &[&str], read_only: Option<String>) -> Session {
    let uses = ids
        .iter()
        .map(|id| {
            let e = library.get(id).expect("bundled");
            ChecklistUse {
                id: e.checklist.id.clone(),
                title: e.checklist.title.clone(),
                edition: e.checklist.edition.clone(),
                hash: e.hash.clone(),
            }
        })
        .collect();
    let details = Details {
        organisation: "Sunnyside Care".into(),
        site: Some("Leeds".into()),
        assessor: Some("Jo Bloggs".into()),
        ..Default::default()
    };
    let assessment = Assessment::new("sunnyside-care-leeds".into(), details, uses, at());
    let checklists = ids
        .iter()
        .map(|id| library.get(id).expect("bundled").checklist.clone())
        .collect();
    Session::new(assessment, checklists, library, read_only, today())
}

/// An app with a session open on the given checklists.
pub fn app(ids: &[&str]) -> App {
    let library = library();
    let mut app = App::new(choices(&library), "dspt-social-care", Vec::new(), today());
    app.open(session(&library, ids, None));
    app
}

/// An app on the setup form or picker.
pub fn app_without_session(rows: Vec<AssessmentRow>) -> App {
    let library = library();
    App::new(choices(&library), "dspt-social-care", rows, today())
}

/// Feeds an action through `update`, carrying out effects as a shell would but in memory.
/// Returns the effects that were produced, in order.
pub fn step(app: &mut App, action: Action) -> Vec<Effect> {
    let mut effects = Vec::new();
    let mut next = Some(action);
    while let Some(action) = next.take() {
        let Some(effect) = app.update(action) else {
            break;
        };
        effects.push(effect.clone());
        next = match effect {
            Effect::Save(event) => Some(Action::Saved(Ok((event, at())))),
            Effect::SaveAll(events) => Some(Action::SavedAll {
                saved: events.into_iter().map(|e| (e, at())).collect(),
                error: None,
            }),
            Effect::RecordEvidence { item, input } => Some(Action::EvidenceRecorded {
                item,
                outcome: Ok(carecheck::domain::assessment::EvidenceSource::Document {
                    name: input,
                }),
            }),
            // No file exists in memory: every file entry is found missing.
            Effect::RecheckEvidence { item, sources } => Some(Action::EvidenceChecked {
                item,
                checks: sources
                    .iter()
                    .map(|s| match s {
                        carecheck::domain::assessment::EvidenceSource::File { .. } => {
                            carecheck::evidence::FileCheck::Missing
                        }
                        carecheck::domain::assessment::EvidenceSource::Document { .. } => {
                            carecheck::evidence::FileCheck::NotAFile
                        }
                    })
                    .collect(),
            }),
            Effect::Report { exports } => Some(Action::Reported(Ok(format!("exports: {exports}")))),
            Effect::PrintPlan => Some(Action::Reported(Ok("printed the plan".into()))),
            Effect::Quit
            | Effect::Create { .. }
            | Effect::Open { .. }
            | Effect::Renew { .. }
            | Effect::RenewKeepingEditions { .. }
            | Effect::KeepDraft(_)
            | Effect::ChangeChecklist { .. }
            | Effect::CompletePath { .. }
            | Effect::ListAssessments
            | Effect::ForgetDraft => None,
        };
    }
    effects
}

pub fn cmd(app: &mut App, command: Command) -> Vec<Effect> {
    step(app, Action::Command(command))
}

pub fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    step(app, Action::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

/// A left click at (`column`, `row`), hit-tested against the drawn layout as the shell does.
pub fn click(app: &mut App, column: u16, row: u16) -> Vec<Effect> {
    match carecheck::tui::view::hit_test(app, column, row) {
        Some(index) => step(app, Action::PickRow(index)),
        None => Vec::new(),
    }
}
