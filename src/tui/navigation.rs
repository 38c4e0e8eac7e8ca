//! Moving around: between items, sections, screens and list rows, and back through history.

use super::action::Effect;
use super::app::{App, Filter, OverviewRow, Screen};
use crate::domain::assessment::Status;
use crate::domain::checklist::ItemRef;

impl App {
    /// Shows the item list, optionally with a new filter, selecting the current item if shown.
    pub(crate) fn show_items(&mut self, filter: Option<Filter>) {
        if let Some(filter) = filter {
            self.filter = filter;
        }
        let visible = self.visible_items();
        self.items_selected = visible.iter().position(|&i| i == self.cursor).unwrap_or(0);
        self.screen = Screen::Items;
    }

    /// The items the list shows, in checklist order.
    pub fn visible_items(&self) -> Vec<usize> {
        let Some(s) = &self.session else {
            return Vec::new();
        };
        let due: Vec<&ItemRef> = match self.filter {
            Filter::Due => s.summary.due.iter().map(|d| &d.item).collect(),
            _ => Vec::new(),
        };
        let needle = match &self.filter {
            Filter::Search(q) => q.to_lowercase(),
            _ => String::new(),
        };
        let mut visible: Vec<usize> = (0..s.entries.len())
            .filter(|&i| {
                let answer = s.answer_ref(i);
                let requires = |c: usize, level: &str| {
                    s.entries[i].checklist == c
                        && s.item(i)
                            .is_some_and(|it| it.levels.iter().any(|l| l == level))
                };
                match &self.filter {
                    Filter::All => true,
                    Filter::Unanswered => s.status(i) == Status::Unanswered,
                    Filter::Gaps => s.outcome(i).is_gap(),
                    Filter::Flagged => answer.is_some_and(|a| a.flagged),
                    Filter::Due => due.contains(&&s.entries[i].key),
                    Filter::Required(c, level) => requires(*c, level),
                    Filter::Blocking(c, level) => requires(*c, level) && !s.outcome(i).satisfies(),
                    Filter::Search(_) => s.matches(i, &needle),
                }
            })
            .collect();
        if self.filter == Filter::Gaps {
            // Gaps in the order of the action plan: what blocks the lowest level first, then
            // priority and due date, as the overview, status and reports list them.
            let plan = &s.summary.action_plan;
            visible.sort_by_key(|&i| {
                plan.iter()
                    .position(|p| p.item == s.entries[i].key)
                    .unwrap_or(usize::MAX)
            });
        }
        visible
    }

    /// The filters `F` cycles through: the fixed ones, then each level's required items.
    pub(crate) fn cycle_filter(&mut self) {
        let Some(s) = &self.session else { return };
        let mut cycle = vec![
            Filter::All,
            Filter::Unanswered,
            Filter::Gaps,
            Filter::Flagged,
        ];
        for (c, checklist) in s.checklists.iter().enumerate() {
            // A level made only of other levels (Standards Exceeded) has no items to list.
            cycle.extend(
                checklist
                    .levels
                    .iter()
                    .filter(|l| checklist.items().any(|i| i.levels.contains(&l.id)))
                    .map(|l| Filter::Required(c, l.id.clone())),
            );
        }
        let at = cycle
            .iter()
            .position(|f| *f == self.filter)
            .map_or(0, |p| (p + 1) % cycle.len());
        self.filter = cycle.swap_remove(at);
        self.items_selected = 0;
    }

    pub fn overview_rows(&self) -> Vec<OverviewRow> {
        let Some(s) = &self.session else {
            return Vec::new();
        };
        let mut rows = vec![OverviewRow::Continue];
        if !self.carried_waiting().is_empty() {
            rows.push(OverviewRow::Carried);
        }
        for (c, checklist) in s.checklists.iter().enumerate() {
            rows.extend((0..checklist.levels.len()).map(|level| OverviewRow::Level {
                checklist: c,
                level,
            }));
        }
        rows.extend([
            OverviewRow::Gaps,
            OverviewRow::Flagged,
            OverviewRow::Due,
            OverviewRow::Plan,
            OverviewRow::Registers,
        ]);
        rows
    }

    pub(crate) fn open_selected(&mut self) -> Option<Effect> {
        match self.screen {
            Screen::Items => {
                if let Some(&index) = self.visible_items().get(self.items_selected) {
                    self.go_to(index);
                }
            }
            Screen::Overview => match self.overview_rows().get(self.overview_selected).copied() {
                // Where the work was left: the item shown last, if still unanswered.
                Some(OverviewRow::Continue)
                    if self.session.as_ref().is_some_and(|s| {
                        s.status(self.cursor) == crate::domain::assessment::Status::Unanswered
                    }) =>
                {
                    self.go_to(self.cursor);
                }
                Some(OverviewRow::Continue) => self.next_unanswered(),
                Some(OverviewRow::Carried) => return self.start_walk(),
                Some(OverviewRow::Plan) => self.show_plan(),
                Some(OverviewRow::Level { checklist, level }) => {
                    let id = self
                        .session
                        .as_ref()
                        .map(|s| s.checklists[checklist].levels[level].id.clone());
                    self.show_items(id.map(|id| Filter::Blocking(checklist, id)));
                    self.items_selected = 0;
                }
                Some(OverviewRow::Gaps) => self.show_items(Some(Filter::Gaps)),
                Some(OverviewRow::Flagged) => self.show_items(Some(Filter::Flagged)),
                Some(OverviewRow::Due) => self.show_items(Some(Filter::Due)),
                Some(OverviewRow::Registers) => {
                    return self.register_command(super::action::Command::ShowSuppliers);
                }
                None => {}
            },
            Screen::Assessments => {
                let id = self.selected_assessment().map(|a| a.id.clone());
                return id.map(|id| Effect::Open { id });
            }
            Screen::Suppliers | Screen::Risks => self.register_open(),
            Screen::Item | Screen::Setup | Screen::Plan | Screen::Walk => {}
        }
        None
    }

    /// Shows an item, remembering where we came from.
    pub(crate) fn go_to(&mut self, index: usize) {
        if self.screen == Screen::Item && index != self.cursor {
            self.history.push(self.cursor);
            self.forward.clear();
        }
        self.cursor = index;
        self.scroll = 0;
        self.screen = Screen::Item;
    }

    pub(crate) fn step(&mut self, forward: bool) {
        let Some(s) = &self.session else { return };
        let n = s.entries.len();
        let next = if forward {
            (self.cursor + 1).min(n.saturating_sub(1))
        } else {
            self.cursor.saturating_sub(1)
        };
        if next == self.cursor {
            self.say(
                if forward {
                    "This is the last item."
                } else {
                    "This is the first item."
                },
                false,
            );
        }
        self.go_to(next);
    }

    /// The next unanswered item after the one shown (round to the start at the end), so an
    /// item skipped is left until the rest are answered.
    pub(crate) fn next_unanswered(&mut self) {
        match self
            .session
            .as_ref()
            .and_then(|s| s.unanswered_after(self.cursor))
        {
            Some(index) => self.go_to(index),
            None => self.say("Every item has an answer. Press s for the overview.", false),
        }
    }

    pub(crate) fn section_step(&mut self, forward: bool) {
        let Some(s) = &self.session else { return };
        let here = &s.entries[self.cursor];
        let (c, sec) = (here.checklist, here.section);
        let target = if forward {
            s.entries
                .iter()
                .position(|e| (e.checklist, e.section) > (c, sec))
        } else {
            let start = s
                .entries
                .iter()
                .position(|e| (e.checklist, e.section) == (c, sec))
                .unwrap_or(0);
            let before = s.entries[..start].last().map(|e| (e.checklist, e.section));
            before.and_then(|key| {
                s.entries
                    .iter()
                    .position(|e| (e.checklist, e.section) == key)
            })
        };
        if let Some(index) = target {
            self.go_to(index);
        }
    }

    pub(crate) fn history_move(&mut self, back: bool) {
        let (from, to) = if back {
            (&mut self.history, &mut self.forward)
        } else {
            (&mut self.forward, &mut self.history)
        };
        if let Some(index) = from.pop() {
            to.push(self.cursor);
            self.cursor = index;
            self.scroll = 0;
            self.screen = Screen::Item;
        }
    }

    /// Scrolls the overview's Progress box by `delta` lines; the shell keeps it within what
    /// the box holds (see `view::overview::progress_limit`).
    pub(crate) fn scroll_progress(&mut self, delta: i32) {
        let moved = i32::from(self.progress_scroll).saturating_add(delta).max(0);
        self.progress_scroll = u16::try_from(moved).unwrap_or(u16::MAX);
    }

    pub(crate) fn page(&self) -> u16 {
        self.size.1.saturating_sub(8).max(1)
    }

    pub(crate) fn scroll_by(&mut self, delta: i32) {
        let moved = |value: usize, len: usize| -> usize {
            let target = i64::try_from(value).unwrap_or(0) + i64::from(delta);
            usize::try_from(target.clamp(0, i64::try_from(len.saturating_sub(1)).unwrap_or(0)))
                .unwrap_or(0)
        };
        if self.help {
            self.help_scroll =
                u16::try_from(moved(usize::from(self.help_scroll), 200)).unwrap_or(0);
            return;
        }
        match self.screen {
            Screen::Item | Screen::Plan | Screen::Walk => {
                self.scroll = u16::try_from(moved(usize::from(self.scroll), 500)).unwrap_or(0)
            }
            Screen::Items => {
                self.items_selected = moved(self.items_selected, self.visible_items().len())
            }
            Screen::Overview => {
                self.overview_selected = moved(self.overview_selected, self.overview_rows().len())
            }
            Screen::Assessments => {
                self.assessments_selected =
                    moved(self.assessments_selected, self.visible_assessments().len())
            }
            Screen::Suppliers | Screen::Risks => self.register_scroll(delta),
            Screen::Setup => {}
        }
    }

    /// A click on row `hit` of the list on screen: select it and open it.
    pub(crate) fn pick_row(&mut self, hit: usize) -> Option<Effect> {
        match self.screen {
            Screen::Items => self.items_selected = hit,
            Screen::Overview => self.overview_selected = hit,
            Screen::Assessments => self.assessments_selected = hit,
            Screen::Suppliers | Screen::Risks => self.register_pick(hit),
            Screen::Item | Screen::Setup | Screen::Plan | Screen::Walk => return None,
        }
        self.open_selected()
    }
}
