//! Ending the session when the terminal goes away (tmux killed, SSH dropped, window closed) or
//! carecheck is asked to stop (SIGTERM, SIGHUP), as `q` would.
//!
//! Why a thread: crossterm's reader retries a read that returns nothing, and a hung-up terminal
//! returns nothing for ever, so once the terminal has gone the event loop never gets control
//! back to see a stop flag (it was seen spinning for hours, deaf to SIGTERM). The watchdog
//! notices the signal or the lost terminal, asks the loop to stop, and if the loop has not
//! finished shortly after, ends carecheck itself. It never ends it while an event is being acted
//! on, so a change being saved is finished first; every change is saved as it is made, so
//! nothing is lost.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

/// How often the watchdog looks at the flag and the terminal (a cheap check): often enough
/// that a closed window frees the assessment for the next carecheck at once.
const LOOK_EVERY: Duration = Duration::from_millis(20);

/// How long the loop has to finish on its own after a stop signal (it wakes every 200 ms and
/// restores the terminal) before the watchdog ends carecheck itself. Once the terminal has
/// gone there is nothing to wait for.
const GRACE: Duration = Duration::from_millis(1000);

/// Shared between the event loop and the watchdog thread.
#[derive(Default)]
struct Shared {
    /// Set by SIGTERM or SIGHUP, or by the watchdog when the terminal has gone.
    stop: Arc<AtomicBool>,
    /// Set when the session has ended normally: the watchdog then has nothing to do.
    finished: AtomicBool,
    /// Held by the loop while it acts on an event (and so may be saving).
    busy: Mutex<()>,
}

/// The event loop's side of the watchdog. Dropping it stands the watchdog down.
pub struct Watchdog {
    shared: Arc<Shared>,
}

impl Watchdog {
    /// Registers the stop signals and starts the watchdog thread. `restore` puts the terminal
    /// back (best effort) before the watchdog ends carecheck.
    pub fn start(restore: fn()) -> Watchdog {
        let shared = Arc::new(Shared::default());
        #[cfg(unix)]
        for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
            // Without a handler the signal still ends carecheck, only less tidily.
            let _ = signal_hook::flag::register(signal, Arc::clone(&shared.stop));
        }
        let watched = Arc::clone(&shared);
        let started = std::thread::Builder::new()
            .name("carecheck-watchdog".into())
            .spawn(move || watch(&watched, restore));
        // Without the thread, a stop signal still ends the loop while it waits for input.
        drop(started);
        Watchdog { shared }
    }

    /// Whether the loop should leave now, as `q` does.
    pub fn should_stop(&self) -> bool {
        self.shared.stop.load(Ordering::Relaxed)
    }

    /// Held while acting on an event, so the watchdog never ends carecheck mid-save.
    pub fn busy(&self) -> MutexGuard<'_, ()> {
        self.shared
            .busy
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        self.shared.finished.store(true, Ordering::Relaxed);
    }
}

/// Whether the terminal carecheck was started in has gone: a hung-up terminal answers no
/// terminal request, so it no longer counts as one.
pub fn terminal_gone() -> bool {
    !std::io::stdin().is_terminal()
}

/// The watchdog thread: waits for a reason to stop, gives the loop its grace, then ends
/// carecheck once no event is being acted on.
fn watch(shared: &Shared, restore: fn()) {
    loop {
        std::thread::sleep(LOOK_EVERY);
        if shared.finished.load(Ordering::Relaxed) {
            return;
        }
        if shared.stop.load(Ordering::Relaxed) || terminal_gone() {
            shared.stop.store(true, Ordering::Relaxed);
            break;
        }
    }
    let start = std::time::Instant::now();
    while start.elapsed() < GRACE && !terminal_gone() {
        if shared.finished.load(Ordering::Relaxed) {
            return;
        }
        std::thread::sleep(LOOK_EVERY);
    }
    let _idle = shared.busy.lock().unwrap_or_else(PoisonError::into_inner);
    if shared.finished.load(Ordering::Relaxed) {
        return;
    }
    restore();
    std::process::exit(0);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_finished_session_stands_the_watchdog_down_and_a_stop_is_seen_by_the_loop() {
        let shared = Arc::new(Shared::default());
        shared.finished.store(true, Ordering::Relaxed);
        // Returns at once (rather than ending the test process) because the session finished.
        watch(&shared, || panic!("nothing to restore"));
        let watchdog = Watchdog {
            shared: Arc::new(Shared::default()),
        };
        assert!(!watchdog.should_stop());
        watchdog.shared.stop.store(true, Ordering::Relaxed);
        assert!(watchdog.should_stop());
    }
}
