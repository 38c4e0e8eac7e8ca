//! The TUI's speed with a 1,200-item checklist: each keypress handled and redrawn (target
//! under 16 ms), and start-up from files on disk to the first frame (target under 50 ms).

mod support;

use std::time::Instant;

use carecheck::checklist::Library;
use carecheck::checklist::library::{Origin, candidate};
use carecheck::digest::sha256_hex;
use carecheck::domain::assessment::{Answer, ChecklistUse, Details, Event, Status};
use carecheck::domain::checklist::ItemRef;
use carecheck::domain::date::Timestamp;
use carecheck::store::{DataDir, NewChecklist, Store};
use carecheck::tui::action::{Action, Command};
use carecheck::tui::app::{App, Session};
use carecheck::tui::theme::Theme;
use carecheck::tui::view;
use carecheck::workspace::{Access, Workspace};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = support::synthetic_checklist(1200);
    let user_dir = dir.path().join("checklists");
    std::fs::create_dir_all(&user_dir).expect("mkdir");
    std::fs::write(user_dir.join("bench.toml"), &text).expect("write");
    let store = Store::new(DataDir::new(dir.path()));
    let used = ChecklistUse {
        id: "bench".into(),
        title: "Benchmark".into(),
        edition: "1".into(),
        hash: sha256_hex(text.as_bytes()),
    };
    let details = Details {
        organisation: "Bench Care".into(),
        site: None,
        assessor: None,
        ..Default::default()
    };
    let mut open = store
        .create(
            details,
            &[NewChecklist { used, text: &text }],
            Timestamp::now(),
            None,
        )
        .expect("create");
    for i in (0..1200).step_by(2) {
        let answer = Answer {
            status: if i % 6 == 0 { Status::No } else { Status::Yes },
            note: "Checked on site.".into(),
            ..Answer::default()
        };
        open.record(
            Event::Answered {
                item: ItemRef::new("bench", format!("I{i}")),
                answer,
            },
            Timestamp::now(),
            None,
        )
        .expect("record");
    }
    drop(open);

    // Start-up: what `carecheck` does before its first frame, less entering raw mode.
    let startup = || {
        let (library, _) = Library::load(Some(&user_dir));
        let workspace = Workspace::new(store.clone(), library);
        let loaded = workspace
            .load_id("bench-care", Access::Write)
            .expect("open");
        let session = Session::new(
            loaded.assessment().clone(),
            loaded.checklists.clone(),
            &workspace.library,
            None,
            Timestamp::now().date(),
        );
        let mut app = App::new(Vec::new(), "bench", Vec::new(), Timestamp::now().date());
        app.open(session);
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        terminal
            .draw(|f| view::render(&app, Theme { colour: true }, f))
            .expect("draw");
        (app, terminal, loaded)
    };
    let started = Instant::now();
    drop(startup());
    println!(
        "first start-up (cold caches): {:.2} ms",
        started.elapsed().as_secs_f64() * 1e3
    );
    support::measure("start-up to first frame (load, open, draw)", 30, startup);

    let (library, _) = {
        let c = candidate(Origin::Bundled("bench.toml"), text.as_bytes()).expect("valid");
        Library::assemble(vec![c], &Library::default())
    };
    let workspace = Workspace::new(store.clone(), library);
    let loaded = workspace.load_id("bench-care", Access::Read).expect("open");
    let mut app = App::new(Vec::new(), "bench", Vec::new(), Timestamp::now().date());
    app.open(Session::new(
        loaded.assessment().clone(),
        loaded.checklists.clone(),
        &workspace.library,
        None,
        Timestamp::now().date(),
    ));
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let mut press = |app: &mut App, command: Command| {
        app.update(Action::Command(command));
        terminal
            .draw(|f| view::render(app, Theme { colour: true }, f))
            .expect("draw");
    };
    press(&mut app, Command::ShowItems);
    press(&mut app, Command::Open);
    for (name, command) in [
        ("keypress: next item + redraw", Command::NextItem),
        (
            "keypress: next unanswered + redraw",
            Command::NextUnanswered,
        ),
        ("keypress: overview + redraw", Command::ShowOverview),
        ("keypress: item list + redraw", Command::ShowItems),
        (
            "keypress: cycle filter (1,200 items) + redraw",
            Command::CycleFilter,
        ),
        ("keypress: list down + redraw", Command::ScrollDown),
    ] {
        support::measure(name, 200, || press(&mut app, command));
    }
}
