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

/// Whether a styled capture sets any foreground or background colour (39 and 49, back to the
/// terminal's own colours, are not colours).
fn has_colour(styled: &str) -> bool {
    styled.split('\u{1b}').any(|seq| {
        let Some(params) = seq.strip_prefix('[').and_then(|p| p.split('m').next()) else {
            return false;
        };
        params.split(';').any(|p| {
            p.parse::<u16>().is_ok_and(|n| {
                ((30..=49).contains(&n) && n != 39 && n != 49) || (90..=107).contains(&n)
            })
        })
    })
}

#[test]
#[ignore = "needs tmux: run with `cargo test -- --include-ignored`, as CI does"]
fn high_contrast_draws_without_colour() {
    common::require_tool("tmux");
    let s = Sandbox::new();
    let out = s
        .cmd()
        .args(["new", "--org", "Birch Care"])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", safe_text(&out.stderr));
    let plain = Tmux::start_command("contrast", &s, "", &["--high-contrast"]);
    plain.wait_for("1.1.1 ICO registration");
    let styled = plain.styled_screen();
    assert!(
        !has_colour(&styled),
        "colour in the high-contrast theme:\n{styled:?}"
    );
    assert!(styled.contains("\u{1b}[1m"), "bold still marks headings");
    drop(plain);
    let coloured = Tmux::start_command("colour", &s, "", &[]);
    coloured.wait_for("1.1.1 ICO registration");
    assert!(
        has_colour(&coloured.styled_screen()),
        "the usual theme has colour"
    );
}
