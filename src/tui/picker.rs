//! The assessment picker's order and search: grouped by organisation, then site (the head
//! office first), then year (newest first), and narrowed by what is typed after `/` (matching
//! the organisation, the site or the id). An assessment that cannot be read is still listed,
//! by its id, at the end.

use std::cmp::Reverse;

use super::app::{App, AssessmentRow, Screen};
use super::input::{Editor, Purpose};

impl AssessmentRow {
    /// How the assessment is named to the user: organisation and site, or its id when it
    /// cannot be read.
    pub fn name(&self) -> String {
        if self.unreadable {
            return self.id.clone();
        }
        match &self.site {
            Some(site) => format!("{} · {site}", self.organisation),
            None if self.head_office => format!("{} · head office", self.organisation),
            None => self.organisation.clone(),
        }
    }

    /// The site column: the site's name, "head office", or nothing for a single-site provider.
    pub fn place(&self) -> String {
        match &self.site {
            Some(site) => site.clone(),
            None if self.head_office => "head office".to_owned(),
            None => String::new(),
        }
    }

    /// The period it covers, as the header names it, else the year (rows made without one).
    pub fn period(&self) -> String {
        if self.period.is_empty() {
            self.year.map(|y| y.to_string()).unwrap_or_default()
        } else {
            self.period.clone()
        }
    }

    fn matches(&self, needle_lower: &str) -> bool {
        let has = |text: &str| text.to_lowercase().contains(needle_lower);
        has(&self.organisation) || self.site.as_deref().is_some_and(has) || has(&self.id)
    }
}

impl App {
    /// What the picker is narrowed to: the search being typed, else the last one entered.
    pub fn picker_needle(&self) -> String {
        match &self.editor {
            Some(Editor::Line {
                purpose: Purpose::Search,
                input,
                ..
            }) if self.screen == Screen::Assessments => input.text().trim().to_lowercase(),
            _ => self.picker_search.trim().to_lowercase(),
        }
    }

    /// The picker's rows (indexes into `assessments`), grouped and searched.
    pub fn visible_assessments(&self) -> Vec<usize> {
        let needle = self.picker_needle();
        let mut shown: Vec<usize> = (0..self.assessments.len())
            .filter(|&i| needle.is_empty() || self.assessments[i].matches(&needle))
            .collect();
        shown.sort_by_key(|&i| {
            let a = &self.assessments[i];
            (
                a.unreadable,
                a.organisation.to_lowercase(),
                !a.head_office,
                a.site.as_deref().map(str::to_lowercase),
                Reverse(a.year),
                Reverse(a.id.clone()),
            )
        });
        shown
    }

    /// The assessment the picker's selection is on.
    pub fn selected_assessment(&self) -> Option<&AssessmentRow> {
        let index = *self.visible_assessments().get(self.assessments_selected)?;
        self.assessments.get(index)
    }

    /// The search was entered (or emptied): narrow the list to it, from the top.
    pub(crate) fn search_assessments(&mut self, text: String) {
        self.editor = None;
        self.picker_search = text;
        self.assessments_selected = 0;
        let found = self.visible_assessments().len();
        if !self.picker_search.is_empty() {
            self.say(
                format!(
                    "{} matching `{}` (Esc shows them all).",
                    crate::text::count(found, "assessment", "assessments"),
                    self.picker_search
                ),
                found == 0,
            );
        }
    }
}
