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
        // After carecheck exits, print the terminal mode and then its exit code, so the test can
        // see the terminal was restored (cooked mode: `icanon` and `echo`, not `-icanon`); the
        // mode comes first so that waiting for the exit code also waits for it.
        let script = format!(
            "cd '{2}' && {extra_env} CARECHECK_DATA_DIR='{0}' CARECHECK_CONFIG_DIR='{3}' '{1}'; code=$?; stty -a | tr ' ' '\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '; echo; echo EXITED:$code; sleep 60",
            sandbox.path().display(),
            bin.display(),
            sandbox.outputs.path().display(),
            // Never the real user's settings (the setup form reads the default assessor).
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
