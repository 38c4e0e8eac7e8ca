//! How an item's state is drawn, in one place for every list and the item itself: its symbol,
//! its style and its words. An answer carried forward from last year and not yet confirmed is
//! drawn as waiting ("↻ to confirm (last year: Yes)"), never as met, and where an answer comes
//! from (the head office, or this site overriding it) is said beside it.

use ratatui::style::Style;

use crate::domain::assessment::Status;
use crate::domain::progress::Outcome;
use crate::tui::session::Session;
use crate::tui::theme::{Theme, symbol};

/// The symbol of an answer waiting to be confirmed.
pub const TO_CONFIRM: &str = "↻";

/// An item's state as drawn.
pub struct Mark {
    pub symbol: &'static str,
    pub style: Style,
    /// "Yes", or "to confirm (last year: Yes)".
    pub words: String,
    /// Whether a list row repeats the words: only where the symbol alone would mislead (an
    /// answer carried forward from last year).
    pub listed: bool,
}

/// The mark of the item at `index`.
pub fn of(s: &Session, index: usize, theme: Theme) -> Mark {
    let status = s.status(index);
    match s.outcome(index) {
        Outcome::ToConfirm { .. } => Mark {
            symbol: TO_CONFIRM,
            style: theme.warn(),
            words: format!("to confirm (last year: {status})"),
            listed: true,
        },
        // A gap carried forward (last year's Partial or No) is still a gap: drawn as one,
        // saying where it came from. (A carried Yes whose value has aged is to confirm.)
        Outcome::Gap { .. } if s.answer_ref(index).is_some_and(|a| a.carried.is_some()) => Mark {
            symbol: symbol(status),
            style: theme.status(status),
            words: format!("{status} (carried from last year)"),
            listed: true,
        },
        _ => Mark {
            symbol: symbol(status),
            style: theme.status(status),
            words: status.to_string(),
            listed: false,
        },
    }
}

/// Where the answer at `index` comes from, when not simply this assessment's own: "↓ head
/// office" (inherited) or "overrides head office" (this site's own answer where the head
/// office has one).
pub fn origin(s: &Session, index: usize) -> Option<&'static str> {
    if s.inherited_from(index).is_some() {
        Some("↓ head office")
    } else if s.fallback_for(index).is_some() && s.status(index) != Status::Unanswered {
        Some("overrides head office")
    } else {
        None
    }
}
