//! Property tests of the model and the file format: whatever is saved loads back identical.

use carecheck::domain::assessment::{
    Action, ActionStatus, Answer, Assessment, ChecklistUse, Details, Event, Evidence,
    EvidenceSource, Priority, Status,
};
use carecheck::domain::checklist::ItemRef;
use carecheck::domain::date::{Date, Timestamp};
use carecheck::store::journal::{self, Entry};
use carecheck::store::snapshot::{SAVE_FORMAT, Snapshot, decode, encode};
use carecheck::store::{DataDir, NewChecklist, Store};
use proptest::prelude::*;

fn any_text() -> impl Strategy<Value = String> {
    // Any Unicode, including controls, quotes, bidi marks and emoji.
    prop_oneof![
        any::<String>(),
        "[a-z £é’✓\"\\\\\n\t\u{1b}\u{202e}😀]{0,40}"
    ]
}

fn any_date() -> impl Strategy<Value = Date> {
    (0i64..80_000).prop_map(|d| Date::parse("1970-01-01").expect("epoch").add_days(d))
}

fn any_answer() -> impl Strategy<Value = Answer> {
    let evidence = prop_oneof![
        (
            any_text(),
            "[0-9a-f]{64}",
            any::<u64>(),
            0i64..4_000_000_000
        )
            .prop_map(|(path, sha256, size, t)| {
                EvidenceSource::File {
                    path,
                    sha256,
                    size,
                    recorded: Timestamp::from_unix(t),
                    os_path: None,
                }
            }),
        any_text().prop_map(|name| EvidenceSource::Document { name }),
    ];
    let evidence = (
        evidence,
        proptest::option::of(any_date()),
        proptest::option::of(any_date()),
    )
        .prop_map(|(source, dated, review_by)| Evidence {
            source,
            dated,
            review_by,
        });
    let action = (any_text(), proptest::option::of(any_date()), 0..3u8, 0..3u8).prop_map(
        |(owner, due, p, s)| Action {
            text: String::new(),
            owner,
            due,
            priority: [Priority::High, Priority::Medium, Priority::Low][usize::from(p)],
            status: [
                ActionStatus::Open,
                ActionStatus::InProgress,
                ActionStatus::Done,
            ][usize::from(s)],
            closed: due,
        },
    );
    (
        0..6usize,
        any::<bool>(),
        any_text(),
        proptest::option::of(any_text()),
        proptest::option::of(any_text()),
        proptest::collection::vec(evidence, 0..3),
        proptest::option::of(action),
        proptest::option::of(any_date()),
    )
        .prop_map(
            |(s, flagged, note, value, justification, evidence, action, answered)| Answer {
                status: Status::ALL[s],
                flagged,
                note,
                value,
                justification,
                evidence,
                action,
                answered,
                // Some answers carried forward, so the new field is saved and read back too.
                carried: answered.filter(|_| flagged),
                confirmed: answered.filter(|_| !flagged),
                first_answered_by: flagged.then(|| "Sam Lee".to_owned()),
            },
        )
}

fn any_item() -> impl Strategy<Value = ItemRef> {
    (
        "[a-z]{1,6}(-[a-z0-9]{1,4})?",
        "[A-Za-z0-9][A-Za-z0-9._-]{0,8}",
    )
        .prop_map(|(c, i)| ItemRef::new(c, i))
}

fn any_assessment() -> impl Strategy<Value = Assessment> {
    (
        any_text(),
        proptest::option::of(any_text()),
        proptest::collection::btree_map(any_item(), any_answer(), 0..20),
        0i64..4_000_000_000,
    )
        .prop_map(|(organisation, site, answers, t)| {
            let details = Details {
                organisation,
                site,
                assessor: None,
                ..Default::default()
            };
            let mut a =
                Assessment::new("prop".into(), details, Vec::new(), Timestamp::from_unix(t));
            a.answers = answers.into_iter().filter(|(_, a)| !a.is_blank()).collect();
            a
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn snapshots_round_trip(assessment in any_assessment(), seq in 0u64..1_000_000) {
        let snapshot = Snapshot { format: SAVE_FORMAT, journal_seq: seq, assessment };
        let bytes = encode(&snapshot);
        let back = decode(std::path::Path::new("a.json"), &bytes).expect("decodes");
        prop_assert_eq!(back, snapshot);
    }

    #[test]
    fn journal_entries_round_trip(items in proptest::collection::vec((any_item(), any_answer()), 1..10)) {
        let entries: Vec<Entry> = items.into_iter().enumerate().map(|(i, (item, answer))| Entry {
            seq: i as u64 + 1,
            at: Timestamp::from_unix(i as i64),
            by: Some("tester".into()),
            change: Event::Answered { item, answer },
        }).collect();
        let mut bytes = Vec::new();
        for e in &entries {
            bytes.extend(serde_json::to_vec(e).expect("encode"));
            bytes.push(b'\n');
        }
        let read = journal::read(std::path::Path::new("j"), &bytes).expect("reads");
        prop_assert_eq!(read.entries, entries);
        prop_assert!(!read.torn_tail);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Changes recorded through the store and read back give the same assessment as applying
    /// them in memory.
    #[test]
    fn recorded_changes_reload_identically(changes in proptest::collection::vec((any_item(), any_answer()), 1..15)) {
        let dir = tempfile::tempdir().expect("temp");
        let store = Store::new(DataDir::new(dir.path()));
        let used = ChecklistUse { id: "demo".into(), title: "Demo".into(), edition: "1".into(), hash: "0".repeat(64) };
        let details = Details { organisation: "Prop Care".into(), site: None, assessor: None, ..Default::default() };
        let mut open = store
            .create(details, &[NewChecklist { used, text: "x" }], Timestamp::from_unix(0), None)
            .expect("create");
        let mut expected = open.assessment.clone();
        let count = changes.len();
        for (i, (item, answer)) in changes.into_iter().enumerate() {
            let at = Timestamp::from_unix(i as i64 + 1);
            let event = Event::Answered { item, answer };
            expected.apply(&event, at);
            open.record(event, at, None).expect("record");
        }
        drop(open);
        let reopened = store.open_read_only("prop-care").expect("reopen");
        prop_assert_eq!(&reopened.assessment, &expected);
        prop_assert_eq!(reopened.assessment.fingerprint(), expected.fingerprint());
        // The journal holds the creation and then every change, in order.
        let history = reopened.history().expect("history");
        prop_assert_eq!(history.len(), count + 1);
        prop_assert!(history.iter().enumerate().all(|(i, e)| e.seq == i as u64 + 1));
    }
}
