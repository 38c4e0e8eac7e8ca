//! SIGTERM and SIGHUP leave the terminal as `q` does: out of the alternate screen, mouse
//! reporting off, cooked and echoing, and every answer kept. A terminal that goes away (tmux
//! killed, SSH dropped) ends carecheck within seconds, never leaving it spinning.

#![cfg(unix)]

mod common;

use common::tmux::Tmux;
use common::{Sandbox, status_json};

/// Starts the TUI (with `extra_env` before the program), makes the "Signal Care" assessment
/// and answers 1.1.1 "No".
fn one_answer(name: &str, sandbox: &Sandbox, extra_env: &str) -> Tmux {
    let tmux = Tmux::start_sized(name, sandbox, extra_env, (80, 24));
    tmux.wait_for("New assessment");
    tmux.text("Signal Care");
    tmux.keys(&[
        "Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "Enter",
    ]);
    tmux.wait_for("1.1.1 ICO registration");
    tmux.keys(&["n"]);
    tmux.wait_for("1.1.2 Record");
    tmux
}

fn stopped_by(signal: &str, name: &str) {
    let sandbox = Sandbox::new();
    let tmux = one_answer(name, &sandbox, "");
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

#[test]
#[ignore = "needs tmux: run with `cargo test -- --include-ignored`, as CI does"]
fn sighup_restores_the_terminal() {
    stopped_by("HUP", "sighup");
}

/// Whether process `pid` has ended (gone, or a zombie nobody has reaped yet).
fn ended(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        Ok(stat) => stat
            .rsplit_once(") ")
            .is_some_and(|(_, rest)| rest.starts_with('Z')),
    }
}

/// Closes the terminal under carecheck and expects it to end on its own within three seconds,
/// with the answer kept.
fn outlives_no_terminal(name: &str, extra_env: &str) {
    let sandbox = Sandbox::new();
    let tmux = one_answer(name, &sandbox, extra_env);
    let pid = tmux.program_pid();
    tmux.kill_server();
    let start = std::time::Instant::now();
    while !ended(pid) && start.elapsed() < std::time::Duration::from_secs(3) {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let left = !ended(pid);
    if left {
        // Do not leave it spinning for the rest of the machine's life.
        let _ = std::process::Command::new("kill")
            .args(["-KILL", &pid.to_string()])
            .status();
    }
    assert!(
        !left,
        "carecheck was still running 3 s after its terminal closed"
    );
    assert_eq!(
        status_json(&sandbox, "signal-care")["answers"]["dspt-social-care:1.1.1"]["status"],
        "no"
    );
}

#[test]
#[ignore = "needs tmux: run with `cargo test -- --include-ignored`, as CI does"]
fn a_closed_terminal_ends_carecheck() {
    outlives_no_terminal("closed", "");
}

#[test]
#[ignore = "needs tmux: run with `cargo test -- --include-ignored`, as CI does"]
fn a_closed_terminal_ends_carecheck_even_without_a_hang_up_signal() {
    // In a session of its own the terminal is not carecheck's controlling terminal, so closing
    // it sends no SIGHUP (as when a dropped connection's signal never arrives): carecheck must
    // notice the terminal has gone by itself.
    outlives_no_terminal("closed-quiet", "setsid env");
}
