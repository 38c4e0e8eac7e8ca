//! The TUI's state and how it changes. `update` takes an [`Action`] and returns at most one
//! [`Effect`] for the shell; it never touches files or the terminal, so every behaviour here is
//! testable with plain values.

use ratatui::crossterm::event::KeyEvent;

use super::action::{Action, Command, Effect};
use super::input::{Edit, Editor, Purpose, SetupForm};
use super::keymap::Context;
pub use super::session::Session;
use crate::domain::assessment::Status;
use crate::domain::checklist::ItemRef;
use crate::domain::date::Date;
use crate::domain::progress::Outcome;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// The form that starts a new assessment.
    Setup,
    Assessments,
    Overview,
    Items,
    Item,
}

/// Which items the list shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    All,
    Unanswered,
    Gaps,
    Flagged,
    /// Items whose answer or evidence is due for review.
    Due,
    /// Items a level requires (checklist index, level id).
    Required(usize, String),
    /// Items a level requires that are not yet met.
    Blocking(usize, String),
    Search(String),
}

/// A selectable row of the overview.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OverviewRow {
    Continue,
    Level { checklist: usize, level: usize },
    Gaps,
    Flagged,
    Due,
}

/// One assessment in the picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssessmentRow {
    pub id: String,
    pub organisation: String,
    pub site: Option<String>,
    pub progress: String,
    pub updated: String,
}

/// A checklist that can be ticked on the setup form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecklistChoice {
    pub id: String,
    pub title: String,
    pub items: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

/// What the in-flight save should do once it succeeds.
#[derive(Debug, Clone, Default)]
pub(crate) struct Pending {
    pub undo: Option<(ItemRef, crate::domain::assessment::Answer)>,
    pub advance: bool,
    pub close_editor: bool,
}

#[derive(Debug)]
pub struct App {
    pub session: Option<Session>,
    pub screen: Screen,
    /// The current item (index into `session.entries`).
    pub cursor: usize,
    pub items_selected: usize,
    pub overview_selected: usize,
    pub assessments: Vec<AssessmentRow>,
    pub assessments_selected: usize,
    pub choices: Vec<ChecklistChoice>,
    pub setup: SetupForm,
    pub filter: Filter,
    pub editor: Option<Editor>,
    pub help: bool,
    pub help_scroll: u16,
    /// How far the item's text is scrolled.
    pub scroll: u16,
    pub guided: bool,
    pub history: Vec<usize>,
    pub forward: Vec<usize>,
    pub(crate) undo: Vec<(ItemRef, crate::domain::assessment::Answer)>,
    pub(crate) pending: Pending,
    pub message: Option<Message>,
    /// The last save failed: shown until a save succeeds.
    pub save_error: Option<String>,
    pub saves: usize,
    pub size: (u16, u16),
    pub today: Date,
    pub test_hooks: bool,
    pub quit: bool,
}

impl App {
    /// An app with no assessment open, on the setup form (or the picker when `assessments` is
    /// not empty). `default_checklist` is ticked on the form.
    pub fn new(
        choices: Vec<ChecklistChoice>,
        default_checklist: &str,
        assessments: Vec<AssessmentRow>,
        today: Date,
    ) -> App {
        let chosen = choices.iter().map(|c| c.id == default_checklist).collect();
        let screen = if assessments.is_empty() {
            Screen::Setup
        } else {
            Screen::Assessments
        };
        App {
            session: None,
            screen,
            cursor: 0,
            items_selected: 0,
            overview_selected: 0,
            assessments,
            assessments_selected: 0,
            choices,
            setup: SetupForm::new(chosen),
            filter: Filter::All,
            editor: None,
            help: false,
            help_scroll: 0,
            scroll: 0,
            guided: true,
            history: Vec::new(),
            forward: Vec::new(),
            undo: Vec::new(),
            pending: Pending::default(),
            message: None,
            save_error: None,
            saves: 0,
            size: (80, 24),
            today,
            test_hooks: false,
            quit: false,
        }
    }

    /// Opens a session: a fresh assessment starts at its first item, one under way at the
    /// overview.
    pub fn open(&mut self, session: Session) {
        let fresh = session.assessment.answers.is_empty();
        self.cursor = 0;
        self.items_selected = 0;
        self.overview_selected = 0;
        self.filter = Filter::All;
        self.history.clear();
        self.forward.clear();
        self.undo.clear();
        self.scroll = 0;
        self.screen = if fresh {
            Screen::Item
        } else {
            Screen::Overview
        };
        if let Some(reason) = &session.read_only {
            self.say(format!("Read-only: {reason}"), true);
        }
        self.session = Some(session);
    }

    /// Where the keyboard is, for the keymap.
    pub fn context(&self) -> Context {
        match self.screen {
            Screen::Overview => Context::Overview,
            Screen::Items => Context::Items,
            Screen::Item => Context::Item,
            Screen::Assessments | Screen::Setup => Context::Assessments,
        }
    }

    /// Whether typed keys go to text entry rather than the keymap.
    pub fn is_typing(&self) -> bool {
        self.editor.is_some() || (self.screen == Screen::Setup && !self.help)
    }

    pub fn say(&mut self, text: impl Into<String>, error: bool) {
        self.message = Some(Message {
            text: text.into(),
            error,
        });
    }

    pub fn update(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::Command(command) => {
                self.message = None;
                self.command(command)
            }
            Action::Key(key) => self.typed(key),
            Action::Paste(text) => {
                self.paste(&text);
                None
            }
            Action::Click { column, row } => self.click(column, row),
            Action::Wheel { down } => self.command(if down {
                Command::ScrollDown
            } else {
                Command::ScrollUp
            }),
            Action::Resize { width, height } => {
                self.size = (width, height);
                None
            }
            Action::Saved(outcome) => {
                self.saved(outcome);
                None
            }
            Action::EvidenceRecorded { item, outcome } => self.evidence_recorded(item, outcome),
            Action::Opened(Ok(session)) => {
                self.open(*session);
                None
            }
            Action::Opened(Err(why)) => {
                self.say(why, true);
                None
            }
        }
    }

    fn command(&mut self, command: Command) -> Option<Effect> {
        if self.help
            && !matches!(
                command,
                Command::Quit
                    | Command::PageDown
                    | Command::PageUp
                    | Command::ScrollDown
                    | Command::ScrollUp
            )
        {
            self.help = false;
            self.help_scroll = 0;
            return None;
        }
        match command {
            Command::Quit => return Some(Effect::Quit),
            Command::Help => self.help = true,
            Command::Back => return self.back(),
            Command::ShowOverview if self.session.is_some() => self.screen = Screen::Overview,
            Command::ShowItems if self.session.is_some() => self.show_items(None),
            Command::ShowAssessments => self.screen = Screen::Assessments,
            Command::NewAssessment => self.start_setup(),
            Command::Open => return self.open_selected(),
            Command::NextItem => self.step(true),
            Command::PrevItem => self.step(false),
            Command::NextUnanswered => self.next_unanswered(),
            Command::NextSection => self.section_step(true),
            Command::PrevSection => self.section_step(false),
            Command::HistoryBack => self.history_move(true),
            Command::HistoryForward => self.history_move(false),
            Command::ScrollDown => self.scroll_by(1),
            Command::ScrollUp => self.scroll_by(-1),
            Command::PageDown => self.scroll_by(i32::from(self.page())),
            Command::PageUp => self.scroll_by(-i32::from(self.page())),
            Command::Top => self.scroll_by(i32::MIN / 2),
            Command::Bottom => self.scroll_by(i32::MAX / 2),
            Command::CycleFilter => self.cycle_filter(),
            Command::StartSearch => self.editor = Some(Editor::line(Purpose::Search, "")),
            Command::StartJump => self.editor = Some(Editor::line(Purpose::Jump, "")),
            Command::ToggleGuided => {
                self.guided = !self.guided;
                let state = if self.guided {
                    "on: answering moves to the next unanswered item"
                } else {
                    "off: answering stays on this item"
                };
                self.say(format!("Guided mode {state}"), false);
            }
            Command::DebugPanic if self.test_hooks => {
                panic!("debug panic requested with the test hook key")
            }
            Command::SetStatus(_)
            | Command::ToggleFlag
            | Command::EditNote
            | Command::EditValue
            | Command::EditJustification
            | Command::AddEvidence
            | Command::EditOwner
            | Command::EditDue
            | Command::CyclePriority
            | Command::Undo => {
                return self.answer_command(command);
            }
            Command::ShowOverview | Command::ShowItems | Command::DebugPanic => {}
        }
        None
    }

    /// Esc: close the innermost thing open.
    fn back(&mut self) -> Option<Effect> {
        match self.screen {
            Screen::Item => self.show_items(None),
            Screen::Items if self.filter != Filter::All => {
                self.filter = Filter::All;
                self.items_selected = self.cursor;
            }
            Screen::Items => self.screen = Screen::Overview,
            Screen::Assessments | Screen::Setup if self.session.is_some() => {
                self.screen = Screen::Overview
            }
            Screen::Setup if !self.assessments.is_empty() => self.screen = Screen::Assessments,
            Screen::Assessments | Screen::Setup => return Some(Effect::Quit),
            Screen::Overview => self.say("Press q to quit; your answers are already saved.", false),
        }
        None
    }

    fn start_setup(&mut self) {
        let chosen = self
            .choices
            .iter()
            .map(|c| c.id == crate::checklist::bundled::DEFAULT_CHECKLIST)
            .collect();
        self.setup = SetupForm::new(chosen);
        self.screen = Screen::Setup;
    }

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
        let due: Vec<ItemRef> = match self.filter {
            Filter::Due => s
                .checklists
                .iter()
                .flat_map(|c| crate::domain::progress::due(c, &s.assessment, self.today))
                .map(|d| d.item)
                .collect(),
            _ => Vec::new(),
        };
        let needle = match &self.filter {
            Filter::Search(q) => q.to_lowercase(),
            _ => String::new(),
        };
        (0..s.entries.len())
            .filter(|&i| {
                let answer = s.answer(i);
                let requires = |c: usize, level: &str| {
                    s.entries[i].checklist == c
                        && s.item(i)
                            .is_some_and(|it| it.levels.iter().any(|l| l == level))
                };
                match &self.filter {
                    Filter::All => true,
                    Filter::Unanswered => answer.status == Status::Unanswered,
                    Filter::Gaps => answer.status.is_gap(),
                    Filter::Flagged => answer.flagged,
                    Filter::Due => due.contains(&s.entries[i].key),
                    Filter::Required(c, level) => requires(*c, level),
                    Filter::Blocking(c, level) => {
                        requires(*c, level) && s.outcome(i, self.today) != Outcome::Met
                    }
                    Filter::Search(_) => s.matches(i, &needle),
                }
            })
            .collect()
    }

    /// The filters `F` cycles through: the fixed ones, then each level's required items.
    fn cycle_filter(&mut self) {
        let Some(s) = &self.session else { return };
        let mut cycle = vec![
            Filter::All,
            Filter::Unanswered,
            Filter::Gaps,
            Filter::Flagged,
        ];
        for (c, checklist) in s.checklists.iter().enumerate() {
            cycle.extend(
                checklist
                    .levels
                    .iter()
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
        for (c, checklist) in s.checklists.iter().enumerate() {
            rows.extend((0..checklist.levels.len()).map(|level| OverviewRow::Level {
                checklist: c,
                level,
            }));
        }
        rows.extend([OverviewRow::Gaps, OverviewRow::Flagged, OverviewRow::Due]);
        rows
    }

    fn open_selected(&mut self) -> Option<Effect> {
        match self.screen {
            Screen::Items => {
                if let Some(&index) = self.visible_items().get(self.items_selected) {
                    self.go_to(index);
                }
            }
            Screen::Overview => match self.overview_rows().get(self.overview_selected).copied() {
                Some(OverviewRow::Continue) => self.next_unanswered(),
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
                None => {}
            },
            Screen::Assessments => {
                let id = self
                    .assessments
                    .get(self.assessments_selected)
                    .map(|a| a.id.clone());
                return id.map(|id| Effect::Open { id });
            }
            Screen::Item | Screen::Setup => {}
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

    fn step(&mut self, forward: bool) {
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

    pub(crate) fn next_unanswered(&mut self) {
        match self
            .session
            .as_ref()
            .and_then(|s| s.next_unanswered(self.cursor))
        {
            Some(index) => self.go_to(index),
            None => self.say("Every item has an answer. Press s for the overview.", false),
        }
    }

    fn section_step(&mut self, forward: bool) {
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

    fn history_move(&mut self, back: bool) {
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

    fn page(&self) -> u16 {
        self.size.1.saturating_sub(8).max(1)
    }

    fn scroll_by(&mut self, delta: i32) {
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
            Screen::Item => {
                self.scroll = u16::try_from(moved(usize::from(self.scroll), 500)).unwrap_or(0)
            }
            Screen::Items => {
                self.items_selected = moved(self.items_selected, self.visible_items().len())
            }
            Screen::Overview => {
                self.overview_selected = moved(self.overview_selected, self.overview_rows().len())
            }
            Screen::Assessments => {
                self.assessments_selected = moved(self.assessments_selected, self.assessments.len())
            }
            Screen::Setup => {}
        }
    }

    /// A key typed into the editor or the setup form.
    fn typed(&mut self, key: KeyEvent) -> Option<Effect> {
        if self.editor.is_some() {
            return self.editor_key(key);
        }
        if self.screen == Screen::Setup {
            return self.setup_key(key);
        }
        None
    }

    fn paste(&mut self, text: &str) {
        match &mut self.editor {
            Some(Editor::Note { area, .. }) => {
                area.insert_str(crate::text::multi_line(text));
            }
            Some(Editor::Line { input, .. }) => input.insert_str(text),
            None if self.screen == Screen::Setup => {
                if let Some(field) = self.setup.fields.get_mut(self.setup.focus) {
                    field.insert_str(text);
                }
            }
            None => {}
        }
    }

    fn setup_key(&mut self, key: KeyEvent) -> Option<Effect> {
        use ratatui::crossterm::event::KeyCode;
        let form = &mut self.setup;
        form.error = None;
        match key.code {
            KeyCode::Tab | KeyCode::Down => form.move_focus(true),
            KeyCode::BackTab | KeyCode::Up => form.move_focus(false),
            KeyCode::Esc => return self.back(),
            KeyCode::Char(' ') if form.focus >= 3 && form.focus < form.start_button() => {
                let tick = &mut form.chosen[form.focus - 3];
                *tick = !*tick;
            }
            KeyCode::Enter if form.focus < form.start_button() => form.move_focus(true),
            KeyCode::Enter => return self.submit_setup(),
            _ => {
                if let Some(field) = form.fields.get_mut(form.focus) {
                    field.key(key);
                }
            }
        }
        None
    }

    fn submit_setup(&mut self) -> Option<Effect> {
        let form = &mut self.setup;
        let [org, site, assessor] = form.fields.clone().map(|f| f.text().trim().to_owned());
        if org.is_empty() {
            form.error = Some("Type the organisation's name first.".into());
            form.focus = 0;
            return None;
        }
        let checklists: Vec<String> = self
            .choices
            .iter()
            .zip(&form.chosen)
            .filter(|(_, on)| **on)
            .map(|(c, _)| c.id.clone())
            .collect();
        if checklists.is_empty() {
            form.error = Some("Tick at least one checklist with Space.".into());
            form.focus = 3;
            return None;
        }
        let non_empty = |s: String| (!s.is_empty()).then_some(s);
        let details = crate::domain::assessment::Details {
            organisation: org,
            site: non_empty(site),
            assessor: non_empty(assessor),
        };
        Some(Effect::Create {
            details,
            checklists,
        })
    }

    fn editor_key(&mut self, key: KeyEvent) -> Option<Effect> {
        use ratatui::crossterm::event::{KeyCode, KeyModifiers};
        match self.editor.as_mut()? {
            Editor::Note { area, .. } => {
                let done = key.code == KeyCode::Esc
                    || (key.code == KeyCode::Char('s')
                        && key.modifiers.contains(KeyModifiers::CONTROL));
                if done {
                    return self.commit_note();
                }
                area.input(key);
                None
            }
            Editor::Line { input, error, .. } => match input.key(key) {
                Edit::Submit => self.submit_line(),
                Edit::Cancel => {
                    self.editor = None;
                    None
                }
                Edit::Changed => {
                    *error = None;
                    None
                }
                Edit::Ignored => None,
            },
        }
    }

    fn click(&mut self, column: u16, row: u16) -> Option<Effect> {
        let hit = super::view::hit_test(self, column, row)?;
        match self.screen {
            Screen::Items => self.items_selected = hit,
            Screen::Overview => self.overview_selected = hit,
            Screen::Assessments => self.assessments_selected = hit,
            Screen::Item | Screen::Setup => return None,
        }
        self.open_selected()
    }
}
