//! carecheck's TUI in a real terminal: a private tmux server per test, keys typed as a person
//! would, the screen read back. carecheck runs on the tests' fixed day ([`TODAY`]) unless the
//! test's own environment names another; every tmux command is killed after [`TMUX_TIMEOUT`]
//! and every wait gives up after 10 seconds with the screen in the failure.

use std::process::{Command, Output};
use std::time::{Duration, Instant};

use super::{Sandbox, TODAY, output_within, require_tool};

/// The longest any one tmux command may take (they take milliseconds).
pub const TMUX_TIMEOUT: Duration = Duration::from_secs(10);

/// Runs `tmux` with `args` within [`TMUX_TIMEOUT`], outside any tmux the tests run in.
fn tmux(args: &[&str]) -> Output {
    output_within(
        Command::new("tmux").env_remove("TMUX").args(args),
        TMUX_TIMEOUT,
    )
}

/// A tmux server running carecheck, stopped when dropped.
pub struct Tmux {
    socket: String,
}

impl Tmux {
    /// Starts carecheck in a fresh tmux server of 100×30, keeping the pane after it exits.
    pub fn start(name: &str, sandbox: &Sandbox, extra_env: &str) -> Tmux {
        Tmux::start_sized(name, sandbox, extra_env, (100, 30))
    }

    /// The same at `size` (columns, rows). carecheck runs in `sandbox`'s output folder (where
    /// `R` writes), on its data folder.
    pub fn start_sized(name: &str, sandbox: &Sandbox, extra_env: &str, size: (u16, u16)) -> Tmux {
        Tmux::launch(name, sandbox, extra_env, size, &[])
    }

    /// carecheck with `args` (a command rather than the guided screens) at 100×30, for what
    /// only a terminal can show, such as a passphrase typed without echo.
    pub fn start_command(name: &str, sandbox: &Sandbox, extra_env: &str, args: &[&str]) -> Tmux {
        Tmux::launch(name, sandbox, extra_env, (100, 30), args)
    }

    fn launch(
        name: &str,
        sandbox: &Sandbox,
        extra_env: &str,
        size: (u16, u16),
        args: &[&str],
    ) -> Tmux {
        require_tool("tmux");
        let socket = format!("carecheck-test-{name}-{}", std::process::id());
        // A server of that name left by an earlier run would be reused: start clean.
        let _ = tmux(&["-L", &socket, "kill-server"]);
        let bin = super::bin();
        let args: String = args
            .iter()
            .map(|arg| format!(" '{}'", arg.replace('\'', r"'\''")))
            .collect();
        // After carecheck exits, print the terminal mode and then its exit code, so the test can
        // see the terminal was restored (cooked mode: `icanon` and `echo`, not `-icanon`); the
        // mode comes first so that waiting for the exit code also waits for it.
        // The settings come from the sandbox too, never the real user's config folder; the day is
        // the tests' fixed day unless `extra_env` (read later, so it wins) names another.
        let script = format!(
            "cd '{2}' && CARECHECK_TODAY='{TODAY}' {extra_env} CARECHECK_DATA_DIR='{0}' CARECHECK_CONFIG_DIR='{3}' '{1}'{args}; code=$?; stty -a | tr ' ' '\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '; echo; echo EXITED:$code; sleep 60",
            sandbox.path().display(),
            bin.display(),
            sandbox.outputs.path().display(),
            sandbox.config_dir().display(),
        );
        let output = tmux(&[
            "-L",
            &socket,
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            "t",
            "-x",
            &size.0.to_string(),
            "-y",
            &size.1.to_string(),
            "sh",
            "-c",
            &script,
        ]);
        assert!(output.status.success());
        Tmux { socket }
    }

    pub fn keys(&self, keys: &[&str]) {
        for key in keys {
            let sent = tmux(&["-L", &self.socket, "send-keys", "-t", "t", key]);
            assert!(sent.status.success(), "send-keys {key}");
            // Give the program a moment to draw, as a person typing would.
            std::thread::sleep(Duration::from_millis(40));
        }
    }

    pub fn text(&self, text: &str) {
        let sent = tmux(&["-L", &self.socket, "send-keys", "-t", "t", "-l", text]);
        assert!(sent.status.success(), "send-keys {text:?}");
        std::thread::sleep(Duration::from_millis(40));
    }

    pub fn screen(&self) -> String {
        let out = tmux(&["-L", &self.socket, "capture-pane", "-p", "-t", "t"]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The screen with its styles as escape sequences (colours, bold, reverse).
    pub fn styled_screen(&self) -> String {
        let out = tmux(&["-L", &self.socket, "capture-pane", "-e", "-p", "-t", "t"]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// A tmux format read from the pane, such as `#{cursor_x},#{cursor_y}` or
    /// `#{alternate_on}`.
    pub fn format(&self, format: &str) -> String {
        let out = tmux(&[
            "-L",
            &self.socket,
            "display-message",
            "-p",
            "-t",
            "t",
            format,
        ]);
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    }

    /// The process id of carecheck itself (the child of the pane's shell), for a test that
    /// signals it.
    pub fn program_pid(&self) -> u32 {
        let shell = self.format("#{pane_pid}");
        let children = std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children"))
            .unwrap_or_default();
        children
            .split_whitespace()
            .next()
            .and_then(|pid| pid.parse().ok())
            .unwrap_or_else(|| panic!("no program under the pane's shell {shell}"))
    }

    /// Waits until the screen shows `text`, failing with the screen after 10 seconds.
    pub fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "timed out waiting for {text:?}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Kills the tmux server, closing the terminal under carecheck as a dropped SSH session or
    /// a closed window does.
    pub fn kill_server(&self) {
        let _ = tmux(&["-L", &self.socket, "kill-server"]);
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.kill_server();
    }
}
