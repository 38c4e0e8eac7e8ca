//! Killing carecheck with SIGKILL at random moments while it saves never loses an answer whose
//! command had finished, and never leaves a file that cannot be read.

#![cfg(unix)]

mod common;

use std::collections::HashMap;
use std::io::Read;
use std::os::unix::process::ExitStatusExt;
use std::process::Stdio;
use std::time::{Duration, Instant};

use carecheck::store::{DataDir, Store};
use common::{COMMAND_TIMEOUT, Sandbox, run, wait_within};

const SIGKILL: i32 = 9;

/// The kill tests time their kills against a calibrated run, so they must not share the
/// machine with each other: each holds this while it runs.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// A small deterministic pseudo-random sequence (so a failure can be replayed).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below
    }
}

#[test]
fn sigkill_during_saves_loses_nothing_that_was_acknowledged() {
    let _alone = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let sandbox = Sandbox::new();
    assert_eq!(run(&sandbox, &["new", "--org", "Crash Care"]).0, 0);
    let store = Store::new(DataDir::new(sandbox.path()));
    let items = [
        "1.1.1", "1.1.2", "1.1.3", "1.1.5", "1.3.1", "4.5.3", "7.3.4", "9.5.2",
    ];
    // For each item, the highest counter whose command returned success.
    let mut acknowledged: HashMap<&str, u64> = HashMap::new();
    let mut rng = Lcg(0x5eed);
    // How long one uninterrupted save takes on this machine and build.
    let calibrate = Instant::now();
    assert_eq!(
        run(
            &sandbox,
            &["answer", "-a", "crash-care", "1.1.1", "yes", "--note", "n0"]
        )
        .0,
        0
    );
    let full_run = u64::try_from(calibrate.elapsed().as_micros()).expect("fits");
    let mut killed = 0;
    let started = Instant::now();
    let runs = 300;
    for counter in 1..=runs {
        let item = items[usize::try_from(rng.next(items.len() as u64)).expect("small")];
        let note = format!("n{counter}");
        let mut child = sandbox
            .std_cmd()
            .args(["answer", "-a", "crash-care", item, "yes", "--note", &note])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        // Kill anywhere from start-up to just past the end of a normal run.
        std::thread::sleep(Duration::from_micros(rng.next(full_run * 13 / 10)));
        let _ = child.kill();
        let status = wait_within(&mut child, COMMAND_TIMEOUT).expect("finishes once killed");
        // A run either finished on its own, successfully, or was ended by our SIGKILL; one
        // that failed by itself is a bug, not a kill.
        match (status.code(), status.signal()) {
            (Some(0), _) => {
                acknowledged.insert(item, counter);
            }
            (None, Some(SIGKILL)) => killed += 1,
            _ => {
                let mut stderr = String::new();
                let _ = child
                    .stderr
                    .take()
                    .map(|mut e| e.read_to_string(&mut stderr));
                panic!("run {counter} failed on its own ({status}): {stderr}");
            }
        }
        // After every kill, the assessment must still load.
        let open = store
            .open_read_only("crash-care")
            .expect("loads after a kill");
        for (item, &counter) in &acknowledged {
            let key = format!("dspt-social-care:{item}").parse_ref();
            let stored = open.assessment.answer(&key).note;
            let stored: u64 = stored
                .trim_start_matches('n')
                .parse()
                .expect("a note we wrote");
            assert!(
                stored >= counter,
                "{item}: acknowledged n{counter} but found n{stored}"
            );
        }
    }
    assert!(
        killed > 30 && killed < runs,
        "kills should land both before and after saves ({killed} of {runs})"
    );
    // And a normal writer can carry on afterwards.
    assert_eq!(
        run(&sandbox, &["answer", "-a", "crash-care", "1.1.1", "no"]).0,
        0
    );
    eprintln!(
        "{runs} runs, {killed} killed, one run {full_run} µs, {:?}",
        started.elapsed()
    );
}

#[test]
fn sigkill_during_register_saves_loses_nothing_that_was_acknowledged() {
    let _alone = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let sandbox = Sandbox::new();
    assert_eq!(run(&sandbox, &["new", "--org", "Crash Care"]).0, 0);
    let store = Store::new(DataDir::new(sandbox.path()));
    let calibrate = Instant::now();
    assert_eq!(
        run(&sandbox, &["supplier", "add", "Acme", "--notes", "n0"]).0,
        0
    );
    assert_eq!(
        run(
            &sandbox,
            &[
                "risk",
                "add",
                "Ransomware",
                "--likelihood",
                "3",
                "--impact",
                "5"
            ]
        )
        .0,
        0
    );
    let full_run = u64::try_from(calibrate.elapsed().as_micros() / 2).expect("fits");
    let mut acknowledged = (0, 0);
    let mut rng = Lcg(0xacbe);
    let (mut killed, runs) = (0, 120);
    for counter in 1..=runs {
        let supplier = rng.next(2) == 0;
        let note = format!("n{counter}");
        let args: Vec<&str> = if supplier {
            vec!["supplier", "edit", "acme", "--notes", &note]
        } else {
            vec!["risk", "edit", "ransomware", "--notes", &note]
        };
        let mut child = sandbox
            .std_cmd()
            .args(&args)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        std::thread::sleep(Duration::from_micros(rng.next(full_run * 13 / 10)));
        let _ = child.kill();
        let status = wait_within(&mut child, COMMAND_TIMEOUT).expect("finishes once killed");
        match (status.code(), status.signal()) {
            (Some(0), _) if supplier => acknowledged.0 = counter,
            (Some(0), _) => acknowledged.1 = counter,
            (None, Some(SIGKILL)) => killed += 1,
            _ => {
                let mut stderr = String::new();
                let _ = child
                    .stderr
                    .take()
                    .map(|mut e| e.read_to_string(&mut stderr));
                panic!("run {counter} failed on its own ({status}): {stderr}");
            }
        }
        let open = store
            .open_read_only("crash-care")
            .expect("loads after a kill");
        let number = |note: &str| -> u64 { note.trim_start_matches('n').parse().unwrap_or(0) };
        let registers = &open.assessment.registers;
        assert!(number(&registers.suppliers["acme"].notes) >= acknowledged.0);
        assert!(number(&registers.risks["ransomware"].notes) >= acknowledged.1);
    }
    assert!(killed > 10 && killed < runs, "{killed} of {runs} killed");
    assert_eq!(
        run(&sandbox, &["supplier", "edit", "acme", "--critical", "yes"]).0,
        0
    );
}

trait ParseRef {
    fn parse_ref(&self) -> carecheck::domain::checklist::ItemRef;
}

impl ParseRef for String {
    fn parse_ref(&self) -> carecheck::domain::checklist::ItemRef {
        carecheck::domain::checklist::ItemRef::parse(self).expect("item ref")
    }
}
