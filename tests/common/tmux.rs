//! carecheck's TUI in a real terminal: a private tmux server per test, keys typed as a person
//! would, the screen read back. Every tmux command runs within the tests' command timeout and
//! every wait gives up after 10 seconds with the screen in the failure.

use std::process::Command;
use std::time::{Duration, Instant};

use super::{COMMAND_TIMEOUT, Sandbox, output_within, require_tool};

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
        let _ = output_within(
            Command::new("tmux")
                .args(["-L", &socket, "kill-server"])
                .env_remove("TMUX"),
            COMMAND_TIMEOUT,
        );
        let bin = super::bin();
        let args: String = args
            .iter()
            .map(|arg| format!(" '{}'", arg.replace('\'', r"'\''")))
            .collect();
        // After carecheck exits, print the terminal mode and then its exit code, so the test can
        // see the terminal was restored (cooked mode: `icanon` and `echo`, not `-icanon`); the
        // mode comes first so that waiting for the exit code also waits for it.
        // The settings come from the sandbox too, never the real user's config folder.
        let script = format!(
            "cd '{2}' && {extra_env} CARECHECK_DATA_DIR='{0}' CARECHECK_CONFIG_DIR='{3}' '{1}'{args}; code=$?; stty -a | tr ' ' '\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '; echo; echo EXITED:$code; sleep 60",
            sandbox.path().display(),
            bin.display(),
            sandbox.outputs.path().display(),
            sandbox.config_dir().display(),
        );
        let output = output_within(
            Command::new("tmux").env_remove("TMUX").args([
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
            ]),
            COMMAND_TIMEOUT,
        );
        assert!(output.status.success());
        Tmux { socket }
    }

    pub fn keys(&self, keys: &[&str]) {
        for key in keys {
            let status = Command::new("tmux")
                .args(["-L", &self.socket, "send-keys", "-t", "t", key])
                .status()
                .expect("send-keys");
            assert!(status.success());
            // Give the program a moment to draw, as a person typing would.
            std::thread::sleep(Duration::from_millis(40));
        }
    }

    pub fn text(&self, text: &str) {
        let status = Command::new("tmux")
            .args(["-L", &self.socket, "send-keys", "-t", "t", "-l", text])
            .status()
            .expect("send-keys");
        assert!(status.success());
        std::thread::sleep(Duration::from_millis(40));
    }

    pub fn screen(&self) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket, "capture-pane", "-p", "-t", "t"])
            .output()
            .expect("capture");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The screen with its styles as escape sequences (colours, bold, reverse).
    pub fn styled_screen(&self) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket, "capture-pane", "-e", "-p", "-t", "t"])
            .output()
            .expect("capture");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// A tmux format read from the pane, such as `#{cursor_x},#{cursor_y}` or
    /// `#{alternate_on}`.
    pub fn format(&self, format: &str) -> String {
        let out = Command::new("tmux")
            .args([
                "-L",
                &self.socket,
                "display-message",
                "-p",
                "-t",
                "t",
                format,
            ])
            .output()
            .expect("display-message");
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
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .status();
    }
}
