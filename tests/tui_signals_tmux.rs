//! SIGTERM leaves the terminal as `q` does: out of the alternate screen, mouse
//! reporting off, cooked and echoing, and every answer kept.

#![cfg(unix)]

mod common;

use common::tmux::Tmux;
use common::{Sandbox, status_json};

fn stopped_by(signal: &str, name: &str) {
    let sandbox = Sandbox::new();
    let tmux = Tmux::start_sized(name, &sandbox, "", (80, 24));
    tmux.wait_for("New assessment");
    tmux.text("Signal Care");
    tmux.keys(&[
        "Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "Enter",
    ]);
    tmux.wait_for("1.1.1 ICO registration");
    tmux.keys(&["n"]);
    tmux.wait_for("1.1.2 Record");
    assert_eq!(
        tmux.format("#{alternate_on}"),
        "1",
        "the TUI is on the alternate screen"
    );
    let pid = tmux.program_pid();
    let sent = std::process::Command::new("kill")
        .args([&format!("-{signal}"), &pid.to_string()])
        .status()
        .expect("kill");
    assert!(sent.success());
    let screen = tmux.wait_for("EXITED:");
    let screen = if screen.contains("icanon") {
        screen
    } else {
        tmux.wait_for("icanon")
    };
    assert!(screen.contains("EXITED:0"), "stops as q does:\n{screen}");
    let modes = screen
        .lines()
        .find(|l| l.contains("icanon"))
        .expect("stty output");
    assert_eq!(modes.trim(), "icanon echo", "cooked and echoing again");
    assert_eq!(
        tmux.format("#{alternate_on}"),
        "0",
        "back on the main screen"
    );
    assert_eq!(tmux.format("#{mouse_any_flag}"), "0", "mouse reporting off");
    drop(tmux);
    assert_eq!(
        status_json(&sandbox, "signal-care")["answers"]["dspt-social-care:1.1.1"]["status"],
        "no"
    );
}

#[test]
#[ignore = "needs tmux: run with `cargo test -- --include-ignored`, as CI does"]
fn sigterm_restores_the_terminal() {
    stopped_by("TERM", "sigterm");
}
