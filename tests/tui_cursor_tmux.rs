//! The terminal's cursor follows the selection at 80×24 (what screen readers and magnifiers
//! follow): on the picker's selected assessment, the overview's selected row, the selected
//! item of a list, and the focused field of a form, after the end of what was typed.

#![cfg(unix)]

mod common;

use common::tmux::Tmux;
use common::{Sandbox, safe_text};

/// The cursor's column and row, and the text of its row.
fn cursor(tmux: &Tmux) -> (usize, usize, String) {
    let at = tmux.format("#{cursor_flag} #{cursor_x} #{cursor_y}");
    let parts: Vec<usize> = at
        .split_whitespace()
        .map(|n| n.parse().expect("number"))
        .collect();
    assert_eq!(parts[0], 1, "the cursor is shown");
    let screen = tmux.screen();
    let line = screen.lines().nth(parts[2]).unwrap_or_default().to_owned();
    (parts[1], parts[2], line)
}

#[test]
#[ignore = "needs tmux: run with `cargo test -- --include-ignored`, as CI does"]
fn the_cursor_sits_on_the_selection_on_every_screen() {
    common::require_tool("tmux");
    let s = Sandbox::new();
    for org in ["Birch Care", "Cedar Care"] {
        let out = s.cmd().args(["new", "--org", org]).output().expect("runs");
        assert!(out.status.success(), "{}", safe_text(&out.stderr));
    }
    let tmux = Tmux::start_sized("cursor", &s, "", (80, 24));
    tmux.wait_for("Cedar Care");
    tmux.keys(&["A"]);
    tmux.wait_for("Birch Care");
    // The picker: down one, and the cursor's row is the one Enter opens.
    tmux.keys(&["j"]);
    std::thread::sleep(std::time::Duration::from_millis(150));
    let (x, _, row) = cursor(&tmux);
    let chosen = if row.contains("Birch Care") {
        "Birch Care"
    } else {
        assert!(row.contains("Cedar Care"), "cursor row: {row:?}");
        "Cedar Care"
    };
    assert!(x <= 2, "at the row's start: {x}");
    tmux.keys(&["Enter"]);
    // A new assessment opens on its first item; the header names it.
    let screen = tmux.wait_for("1.1.1 ICO registration");
    assert!(
        screen.lines().next().unwrap_or_default().contains(chosen),
        "opened the row the cursor was on ({chosen}):\n{screen}"
    );
    tmux.keys(&["s"]);
    tmux.wait_for("What next");
    // The overview: on its selected row, Continue.
    let (_, _, row) = cursor(&tmux);
    assert!(row.contains("Continue: next unanswered item"), "{row:?}");
    tmux.keys(&["j"]);
    std::thread::sleep(std::time::Duration::from_millis(150));
    let (_, _, row) = cursor(&tmux);
    assert!(row.contains("Approaching Standards"), "{row:?}");
    // The items list, moved down twice.
    tmux.keys(&["i"]);
    tmux.wait_for("1.1.1");
    tmux.keys(&["j", "j"]);
    std::thread::sleep(std::time::Duration::from_millis(150));
    let (_, _, row) = cursor(&tmux);
    assert!(row.contains(" 1.1.3 "), "{row:?}");
    // A form: the focused field, after what was typed.
    tmux.keys(&["Enter"]);
    tmux.wait_for("1.1.3 Privacy notices");
    tmux.keys(&["G"]);
    tmux.wait_for("Action for 1.1.3");
    let (_, _, row) = cursor(&tmux);
    assert!(row.contains("What will be done"), "{row:?}");
    tmux.keys(&["Tab"]);
    tmux.text("Sam");
    std::thread::sleep(std::time::Duration::from_millis(150));
    let (x, _, row) = cursor(&tmux);
    assert!(row.contains("Owner"), "{row:?}");
    let end = row.find("Sam").map(|at| row[..at].chars().count() + 3);
    assert_eq!(Some(x), end, "after the typed text on {row:?}");
    tmux.keys(&["Escape", "y", "q"]);
    tmux.wait_for("EXITED:0");
}
