//! The picker's counts are read again when it opens: an answer given to another assessment
//! from the command line while the TUI is open shows there (it showed the counts from when the
//! session began).

#![cfg(unix)]

mod common;

use common::tmux::Tmux;
use common::{Sandbox, safe_text};

fn ok(s: &Sandbox, args: &[&str]) {
    let out = s.cmd().args(args).output().expect("runs");
    assert!(out.status.success(), "{args:?}: {}", safe_text(&out.stderr));
}

#[test]
#[ignore = "needs tmux: run with `cargo test -- --include-ignored`, as CI does"]
fn the_picker_shows_answers_given_elsewhere_since_the_session_began() {
    common::require_tool("tmux");
    let s = Sandbox::new();
    ok(&s, &["new", "--org", "Birch Care"]);
    ok(&s, &["new", "--org", "Cedar Care"]);
    let tmux = Tmux::start_sized("live", &s, "", (80, 24));
    tmux.wait_for("Cedar Care");
    // Meanwhile, in another window: two answers for Birch Care.
    ok(&s, &["answer", "-a", "birch-care", "1.1.2", "yes"]);
    ok(&s, &["answer", "-a", "birch-care", "1.1.3", "no"]);
    tmux.keys(&["A"]);
    let screen = tmux.wait_for("Birch Care");
    let row = screen
        .lines()
        .find(|l| l.contains("Birch Care"))
        .expect("row");
    assert!(row.contains("2/50 answered"), "{row:?}\n{screen}");
    tmux.keys(&["q"]);
    tmux.wait_for("EXITED:0");
}
