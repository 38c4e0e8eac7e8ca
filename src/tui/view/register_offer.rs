//! On the items the supplier register is evidence for (DSPT 10.1.2, 10.2.1, 10.2.2 and the
//! critical-assets item 7.1.5), what the register says today and the key that adds it.

use ratatui::text::Line;

use super::clean;
use crate::domain::checklist::ItemRef;
use crate::registers::EVIDENCE_ITEMS;
use crate::tui::session::Session;
use crate::tui::theme::Theme;

/// The lines for item `key`'s screen: nothing for an item the register is not evidence for.
pub fn lines(s: &Session, key: &ItemRef, theme: Theme) -> Vec<Line<'static>> {
    if !EVIDENCE_ITEMS
        .iter()
        .any(|(c, i)| key.checklist == *c && key.item == *i)
    {
        return Vec::new();
    }
    let view = crate::tui::registers::view(s);
    let mut out = vec![
        Line::raw(""),
        Line::styled("Supplier register", theme.heading()),
    ];
    match view.evidence.iter().find(|n| n.item == *key) {
        Some(note) => {
            out.push(Line::raw(format!(
                "Supplier register: {}",
                clean(&note.text)
            )));
            out.push(Line::styled(
                "L adds the register as evidence here · S opens it",
                theme.dim(),
            ));
        }
        None => out.push(Line::styled(
            "No suppliers recorded yet: S opens the supplier register.",
            theme.dim(),
        )),
    }
    out
}
