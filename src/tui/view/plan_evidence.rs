//! On an item the continuity plan is evidence for: what the plan holds and that `O` adds it.

use ratatui::text::Line;

use super::clean;
use crate::domain::checklist::ItemRef;
use crate::domain::plan;
use crate::tui::session::Session;
use crate::tui::theme::Theme;

/// The lines to add to the item's text (none for other items).
pub fn lines(s: &Session, key: &ItemRef, theme: Theme) -> Vec<Line<'static>> {
    if !plan::is_evidence_item(key) {
        return Vec::new();
    }
    let Ok(starter) = crate::continuity::shared_starter() else {
        return Vec::new();
    };
    let effective = crate::tui::plan_builder::effective(s, starter);
    let offer = match effective.evidence_document(key) {
        Some(_) => "Press O to add it to this answer as evidence; P opens the plan.",
        None => "No exercise is recorded yet: P opens the plan to record one.",
    };
    vec![
        Line::raw(""),
        Line::styled("Your continuity plan is evidence here", theme.heading()),
        Line::raw(clean(&effective.evidence_summary())),
        Line::styled(offer, theme.dim()),
    ]
}
