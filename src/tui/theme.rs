//! Colours and symbols. Every status has a symbol as well as a colour, so the screen reads the
//! same without colour; with `NO_COLOR` set (https://no-color.org) only bold, dim and reverse
//! are used.

use ratatui::style::{Color, Modifier, Style};

use crate::domain::assessment::Status;
use crate::domain::progress::Outcome;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub colour: bool,
}

impl Theme {
    /// Colour unless the user asked for none.
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme { colour: !no_color }
    }

    fn fg(self, colour: Color) -> Style {
        if self.colour {
            Style::new().fg(colour)
        } else {
            Style::new()
        }
    }

    pub fn title(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn heading(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn dim(self) -> Style {
        if self.colour {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    pub fn key(self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn error(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn good(self) -> Style {
        self.fg(Color::Green)
    }

    pub fn warn(self) -> Style {
        self.fg(Color::Yellow)
    }

    pub fn status(self, status: Status) -> Style {
        match status {
            Status::Yes => self.fg(Color::Green),
            Status::Partial => self.fg(Color::Yellow),
            Status::No => self.fg(Color::Red),
            Status::NotApplicable | Status::Alternative => self.fg(Color::Blue),
            Status::Unanswered => self.dim(),
        }
    }

    pub fn outcome(self, outcome: &Outcome) -> Style {
        match outcome {
            Outcome::Met => self.good(),
            Outcome::NotApplicable { .. } | Outcome::Alternative { .. } => self.fg(Color::Blue),
            Outcome::Gap { .. } => self.fg(Color::Red),
            Outcome::Unanswered => self.dim(),
            Outcome::ToConfirm { .. } => self.warn(),
        }
    }

    /// A bar `width` cells wide, `part` of `whole` filled: drawn with characters, so it needs
    /// no colour to read.
    pub fn bar(self, part: usize, whole: usize, width: usize) -> String {
        let filled = (part * width).checked_div(whole).unwrap_or(0).min(width);
        format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
    }
}

/// The symbol shown beside a status everywhere.
pub fn symbol(status: Status) -> &'static str {
    match status {
        Status::Yes => "✓",
        Status::Partial => "◐",
        Status::No => "✗",
        Status::NotApplicable => "–",
        Status::Alternative => "≈",
        Status::Unanswered => "·",
    }
}

pub const FLAG: &str = "⚑";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_colour_only_weight_and_reverse_remain() {
        let plain = Theme { colour: false };
        for status in Status::ALL {
            assert_eq!(plain.status(status).fg, None, "{status:?}");
        }
        for style in [
            plain.title(),
            plain.error(),
            plain.good(),
            plain.warn(),
            plain.key(),
            plain.dim(),
        ] {
            assert_eq!((style.fg, style.bg), (None, None));
        }
        assert!(Theme { colour: true }.status(Status::No).fg.is_some());
        // Every status still reads without colour, by its symbol.
        let symbols: std::collections::HashSet<&str> =
            Status::ALL.iter().map(|s| symbol(*s)).collect();
        assert_eq!(symbols.len(), Status::ALL.len());
    }
}
