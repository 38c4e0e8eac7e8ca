//! Saving one answer (including fsync) and loading an assessment of 1,200 answered items.
//! Targets: save under 5 ms, load under 20 ms. Runs in a temporary data directory.

mod support;

use carecheck::checklist::Library;
use carecheck::checklist::library::{Origin, candidate};
use carecheck::digest::sha256_hex;
use carecheck::domain::assessment::{
    Action, ActionStatus, Answer, ChecklistUse, Details, Event, Priority, Status,
};
use carecheck::domain::checklist::ItemRef;
use carecheck::domain::date::Timestamp;
use carecheck::store::{DataDir, NewChecklist, Store};
use carecheck::workspace::{Access, Workspace};

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::new(DataDir::new(dir.path()));
    let text = support::synthetic_checklist(1200);
    let used = ChecklistUse {
        id: "bench".into(),
        title: "Benchmark".into(),
        edition: "1".into(),
        hash: sha256_hex(text.as_bytes()),
    };
    let details = Details {
        organisation: "Bench Care".into(),
        site: None,
        assessor: Some("Bench".into()),
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
    let note = "Checked with the registered manager on site; the policy is in the office file and staff confirmed it. ".repeat(2);
    let answer = |i: usize| Answer {
        status: if i.is_multiple_of(7) {
            Status::Partial
        } else {
            Status::Yes
        },
        note: format!("{note} ({i})"),
        value: i.is_multiple_of(5).then(|| "96".to_owned()),
        action: i.is_multiple_of(7).then(|| Action {
            text: String::new(),
            owner: "Manager".into(),
            due: None,
            priority: Priority::Medium,
            status: ActionStatus::Open,
            closed: None,
        }),
        ..Answer::default()
    };
    for i in 0..1200 {
        let event = Event::Answered {
            item: ItemRef::new("bench", format!("I{i}")),
            answer: answer(i),
        };
        open.record(event, Timestamp::now(), Some("Bench".into()))
            .expect("record");
    }
    let size = std::fs::metadata(open.dir().join("assessment.json"))
        .expect("stat")
        .len();
    println!(
        "assessment: 1,200 answered items, assessment.json {size} bytes, journal 1,201 entries"
    );

    let mut i = 0;
    support::measure(
        "save one answer (journal fsync + atomic rewrite)",
        200,
        || {
            i += 1;
            let event = Event::Answered {
                item: ItemRef::new("bench", format!("I{}", i % 1200)),
                answer: answer(i + 3),
            };
            open.record(event, Timestamp::now(), Some("Bench".into()))
                .expect("record");
        },
    );
    drop(open);
    support::measure("load the assessment (read-only)", 50, || {
        store.open_read_only("bench-care").expect("load")
    });
    support::measure("load for writing (lock + load)", 50, || {
        store.open("bench-care").expect("open")
    });

    let (library, _) = {
        let c = candidate(Origin::Bundled("bench.toml"), text.as_bytes()).expect("valid");
        Library::assemble(vec![c], &Library::default())
    };
    let workspace = Workspace::new(store.clone(), library);
    support::measure(
        "load + resolve its checklist from the library + summarise",
        50,
        || {
            let loaded = workspace.load_id("bench-care", Access::Read).expect("load");
            loaded.summary(&workspace.library, Timestamp::now().date())
        },
    );
}
