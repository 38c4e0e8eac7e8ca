//! The TUI's state and how it changes. `update` takes an [`Action`] and returns at most one
//! [`Effect`] for the shell; it never touches files or the terminal, so every behaviour here is
//! testable with plain values.

use super::action::{Action, Command, Effect};
use super::input::{Editor, Purpose};
use super::keymap::Context;
pub use super::persist::Resume;
pub use super::session::Session;
use super::setup_form::SetupForm;
use crate::domain::checklist::ItemRef;
use crate::domain::date::Date;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// The form that starts a new assessment.
    Setup,
    Assessments,
    Overview,
    Items,
    Item,
    /// The continuity plan (view/plan.rs).
    Plan,
    /// The supplier register (tui/registers.rs, view/registers.rs).
    Suppliers,
    /// The risk register.
    Risks,
    /// Last year's answers, one by one, to confirm (walk.rs, view/walk.rs).
    Walk,
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
    /// Carried-forward answers wait to be confirmed: opens the walk.
    Carried,
    Level {
        checklist: usize,
        level: usize,
    },
    Gaps,
    Flagged,
    Due,
    /// What the continuity plan still lacks and when it was tested (opens the plan).
    Plan,
    /// Suppliers, risks and their reminders (opens the supplier register).
    Registers,
}

/// One assessment in the picker.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AssessmentRow {
    pub id: String,
    pub organisation: String,
    pub site: Option<String>,
    pub progress: String,
    pub updated: String,
    /// The year it covers (renewals make one a year): the year its period assessed ends, or
    /// when none is set the year it was started; `None` when it could not be read.
    pub year: Option<i32>,
    /// The period it covers as the header names it ("2026-27"; see
    /// [`super::session::period_label`]); empty when it could not be read.
    pub period: String,
    pub head_office: bool,
    /// It could not be read: listed by its id, with why in the message log.
    pub unreadable: bool,
    /// What the renew guard needs (`crate::renew_guard`); `None` when it could not be read.
    pub renew_facts: Option<crate::renew_guard::Facts>,
}

/// A checklist that can be ticked on the setup form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecklistChoice {
    pub id: String,
    pub title: String,
    pub items: usize,
}

impl ChecklistChoice {
    /// One choice per checklist in the library, in its order.
    pub fn all(library: &crate::checklist::Library) -> Vec<ChecklistChoice> {
        library
            .entries()
            .iter()
            .map(|e| ChecklistChoice {
                id: e.checklist.id.clone(),
                title: e.checklist.title.clone(),
                items: e.checklist.item_count(),
            })
            .collect()
    }
}

/// How many messages the log keeps.
pub const LOG_LIMIT: usize = 200;

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
    /// Offer the saved status to linked items.
    pub offer_links: bool,
    /// The kept note draft is saved now, so the shell can forget it.
    pub forget_draft: bool,
    /// Close the open form (action, profile) once saved.
    pub close_form: bool,
}

#[derive(Debug)]
pub struct App {
    pub session: Option<Session>,
    pub screen: Screen,
    /// The current item (index into `session.entries`).
    pub cursor: usize,
    pub items_selected: usize,
    pub overview_selected: usize,
    /// How far the overview's Progress box is scrolled (PgDn/PgUp, or the wheel over it), so
    /// every section is within reach on a small screen.
    pub progress_scroll: u16,
    pub assessments: Vec<AssessmentRow>,
    pub assessments_selected: usize,
    /// What the picker is narrowed to (`/`): organisation, site or id.
    pub picker_search: String,
    /// `Y` asked to renew this assessment; waiting for a second `Y` (or Esc).
    pub renew_ask: Option<super::renew::RenewAsk>,
    pub choices: Vec<ChecklistChoice>,
    pub setup: SetupForm,
    /// The assessor's name from the settings file, put on every new setup form.
    pub default_assessor: Option<String>,
    pub filter: Filter,
    pub editor: Option<Editor>,
    /// The gap's action or the profile, on a form (`forms.rs`).
    pub form: Option<super::forms::OpenForm>,
    /// A question about discarding typed text, waiting for y or n.
    pub confirm: Option<super::input::Confirm>,
    pub help: bool,
    pub help_scroll: u16,
    /// The walk through carried-forward answers, once started.
    pub walk: Option<super::walk::Walk>,
    /// How far the item's text is scrolled.
    pub scroll: u16,
    pub guided: bool,
    pub history: Vec<usize>,
    pub forward: Vec<usize>,
    pub(crate) undo: Vec<(ItemRef, crate::domain::assessment::Answer)>,
    pub(crate) pending: Pending,
    pub message: Option<Message>,
    /// Every message said this session, oldest first (read in full with `m`).
    pub log: Vec<Message>,
    /// Whether the message log is open.
    pub show_log: bool,
    /// What the last re-check of each item's evidence found, entry by entry.
    pub evidence_checks: std::collections::HashMap<ItemRef, Vec<crate::evidence::FileCheck>>,
    /// The last save failed: shown until a save succeeds.
    pub save_error: Option<String>,
    pub saves: usize,
    pub size: (u16, u16),
    pub today: Date,
    pub test_hooks: bool,
    pub quit: bool,
    /// Where the supplier and risk screens are (tui/registers.rs).
    pub registers: super::registers::RegisterUi,
    /// The continuity plan screen's selection and open form (`plan_builder.rs`).
    pub plan: super::plan_builder::PlanState,
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
            progress_scroll: 0,
            assessments,
            assessments_selected: 0,
            picker_search: String::new(),
            renew_ask: None,
            choices,
            setup: SetupForm::new(chosen),
            default_assessor: None,
            filter: Filter::All,
            editor: None,
            form: None,
            confirm: None,
            help: false,
            help_scroll: 0,
            walk: None,
            scroll: 0,
            guided: true,
            history: Vec::new(),
            forward: Vec::new(),
            undo: Vec::new(),
            pending: Pending::default(),
            message: None,
            log: Vec::new(),
            show_log: false,
            evidence_checks: std::collections::HashMap::new(),
            save_error: None,
            saves: 0,
            size: (80, 24),
            today,
            test_hooks: false,
            quit: false,
            registers: Default::default(),
            plan: Default::default(),
        }
    }

    /// Opens a session: a fresh assessment starts at its first item, one under way at the
    /// overview.
    pub fn open(&mut self, session: Session) {
        self.open_at(session, Resume::default());
    }

    /// Opens a session where the user left it: on the item last shown, and with a note that was
    /// being written when carecheck closed back in its editor.
    pub fn open_at(&mut self, session: Session, resume: Resume) {
        self.open_fresh(session);
        let Some(s) = &self.session else { return };
        if let Some(index) = resume.item.as_ref().and_then(|key| s.index_of(key)) {
            self.cursor = index;
            self.screen = Screen::Item;
        }
        if let Some(draft) = resume.draft {
            let Some(index) = s.index_of(&draft.item) else {
                return;
            };
            let saved = s.own_answer(&draft.item).note;
            if draft.text.trim_end() == saved.trim_end() {
                return;
            }
            self.cursor = index;
            self.screen = Screen::Item;
            self.say(
                format!(
                    "Your unsaved note for {} was kept when carecheck closed. Esc saves it; Ctrl-C discards it.",
                    draft.item
                ),
                false,
            );
            self.editor = Some(Editor::note(draft.item, &saved, &draft.text));
        }
    }

    fn open_fresh(&mut self, session: Session) {
        let fresh = session.assessment().answers.is_empty();
        self.cursor = 0;
        self.items_selected = 0;
        self.overview_selected = 0;
        self.progress_scroll = 0;
        self.filter = Filter::All;
        self.history.clear();
        self.forward.clear();
        self.undo.clear();
        self.registers.forget_undo();
        self.evidence_checks.clear();
        self.walk = None;
        self.editor = None;
        self.confirm = None;
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
            Screen::Plan => Context::Plan,
            Screen::Suppliers => Context::Suppliers,
            Screen::Risks => Context::Risks,
            Screen::Walk => Context::Walk,
            Screen::Assessments | Screen::Setup => Context::Assessments,
        }
    }

    /// Whether typed keys go to text entry rather than the keymap.
    pub fn is_typing(&self) -> bool {
        self.editor.is_some()
            || self.form.is_some()
            || self.registers.form.is_some()
            || (self.screen == Screen::Setup && !self.help)
            || (self.screen == Screen::Plan && self.plan.form.is_some())
            // The renew question takes its own keys (Y, K), whatever they mean elsewhere.
            || self.renew_ask.is_some()
    }

    /// Shows a message on the message line and keeps it in the log.
    pub fn say(&mut self, text: impl Into<String>, error: bool) {
        let message = Message {
            text: text.into(),
            error,
        };
        // The log is for reading back this session; a long session keeps its latest part.
        if self.log.len() >= LOG_LIMIT {
            self.log.remove(0);
        }
        self.log.push(message.clone());
        self.message = Some(message);
    }

    pub fn update(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::Command(command) => {
                self.message = None;
                self.command(command)
            }
            Action::Key(key) => self.typed(key),
            Action::Paste(text) => self.paste(&text),
            Action::PickRow(index) => self.pick_row(index),
            Action::Wheel { down } => self.command(if down {
                Command::ScrollDown
            } else {
                Command::ScrollUp
            }),
            Action::WheelProgress { down } => {
                self.scroll_progress(if down { 3 } else { -3 });
                None
            }
            Action::Resize { width, height } => {
                self.size = (width, height);
                None
            }
            Action::Saved(outcome) if self.plan.saving.is_some() => self.plan_saved(outcome),
            Action::Saved(outcome) => {
                let ok = outcome.is_ok();
                let effect = self.saved(outcome);
                self.register_saved(ok);
                // In the walk, the next answer's evidence is re-read once the confirmation is saved.
                effect.or_else(|| self.walk_arrived())
            }
            Action::EvidenceRecorded { item, outcome } => self.evidence_recorded(item, outcome),
            Action::PathCompleted {
                typed,
                completed,
                choices,
            } => {
                self.path_completed(&typed, &completed, &choices);
                None
            }
            Action::ChecklistsChanged(outcome) => {
                self.checklists_changed(outcome);
                None
            }
            Action::EvidenceChecked { item, checks } => {
                // The walk shows what the re-check found beside each entry; its message
                // line keeps what was said before (renewed, confirmed).
                let said = self.message.clone();
                self.evidence_checked(item, checks);
                if self.screen == Screen::Walk {
                    self.message = said;
                }
                None
            }
            Action::SavedAll { saved, error } => {
                if let Some((saved, error)) = self.registers_saved_all(saved, error) {
                    self.saved_all(saved, error);
                }
                None
            }
            Action::Reported(outcome) => {
                match outcome {
                    Ok(message) => self.say(message, false),
                    Err(why) => self.say(why, true),
                }
                None
            }
            Action::Opened(Ok(opened)) => {
                let (session, resume) = *opened;
                self.open_at(session, resume);
                None
            }
            Action::Renewed(outcome) => self.renewed(outcome),
            Action::Opened(Err(why)) => {
                self.say(why, true);
                None
            }
        }
    }

    fn command(&mut self, command: Command) -> Option<Effect> {
        if self.show_log {
            self.show_log = false;
            return None;
        }
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
        // A question on screen takes the key before any screen does.
        if self.renew_question_closed(command) {
            return None;
        }
        if let Some(effect) = self.plan_command(command) {
            return effect;
        }
        match command {
            Command::Quit => return Some(Effect::Quit),
            Command::Help => self.help = true,
            Command::Messages if self.log.is_empty() => {
                self.say("No messages yet.", false);
            }
            Command::Messages => self.show_log = true,
            Command::Back => return self.back(),
            Command::ShowOverview if self.session.is_some() => self.screen = Screen::Overview,
            Command::ShowItems if self.session.is_some() => self.show_items(None),
            // The picker's counts are read again as it opens: they may have changed elsewhere.
            Command::ShowAssessments => {
                self.screen = Screen::Assessments;
                return Some(Effect::ListAssessments);
            }
            Command::Undo if matches!(self.screen, Screen::Suppliers | Screen::Risks) => {
                return self.register_command(command);
            }
            Command::ShowSuppliers
            | Command::ShowRisks
            | Command::AddRecord
            | Command::EditRecord
            | Command::RemoveRecord
            | Command::AddStarterRisks
            | Command::LinkRegister => return self.register_command(command),
            Command::ShowPlan if self.session.is_some() => self.show_plan(),
            Command::NewAssessment => self.start_setup(),
            Command::BuildReport | Command::Export if self.session.is_some() => {
                self.say("Building…", false);
                return Some(Effect::Report {
                    exports: command == Command::Export,
                });
            }
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
            // On the overview the list fits; a page key scrolls the Progress box below it.
            Command::PageDown if self.screen == Screen::Overview && !self.help => {
                self.scroll_progress(i32::from(self.page() / 2));
            }
            Command::PageUp if self.screen == Screen::Overview && !self.help => {
                self.scroll_progress(-i32::from(self.page() / 2));
            }
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
            Command::ManageEvidence => return self.manage_evidence(),
            Command::EditAction if self.screen == Screen::Item => self.open_action_form(),
            Command::EditProfile => self.open_profile_form(),
            Command::OfferPlanEvidence if self.screen == Screen::Item => {
                return self.offer_plan_evidence();
            }
            Command::WalkCarried => return self.start_walk(),
            Command::RenewAssessment => return self.renew_command(),
            Command::ConfirmCarried => return self.walk_confirm(),
            Command::ChangeCarried => return self.walk_change(),
            Command::SkipCarried => return self.walk_move(true),
            Command::BackCarried => return self.walk_move(false),
            Command::ChooseChecklists => return self.choose_checklists(),
            Command::RecheckEvidence => return self.recheck_evidence(),
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
            Command::ShowOverview
            | Command::ShowItems
            | Command::ShowPlan
            | Command::DebugPanic
            | Command::EditAction
            | Command::OfferPlanEvidence
            | Command::PlanNextMissing
            | Command::PlanRemove
            | Command::PrintPlan
            | Command::BuildReport
            | Command::Export => {}
        }
        None
    }

    /// Esc: close the innermost thing open.
    pub(crate) fn back(&mut self) -> Option<Effect> {
        match self.screen {
            Screen::Assessments if !self.picker_search.is_empty() => {
                self.search_assessments(String::new())
            }
            Screen::Item => self.show_items(None),
            Screen::Items if self.filter != Filter::All => {
                self.filter = Filter::All;
                self.items_selected = self.cursor;
            }
            Screen::Items | Screen::Plan | Screen::Walk => self.screen = Screen::Overview,
            Screen::Suppliers | Screen::Risks => self.register_back(),
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
        self.setup = SetupForm::new(chosen).with_assessor(self.default_assessor.as_deref());
        self.screen = Screen::Setup;
    }
}

impl App {
    /// The item on screen, when an item is shown (what the shell keeps for the next launch).
    pub fn item_shown(&self) -> Option<(&str, &ItemRef)> {
        let s = self.session.as_ref()?;
        if self.screen != Screen::Item {
            return None;
        }
        Some((s.assessment().id.as_str(), &s.entries.get(self.cursor)?.key))
    }
}
