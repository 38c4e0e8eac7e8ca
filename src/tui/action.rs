//! The TUI's message vocabulary: everything that can happen, as data.
//!
//! Keys are first mapped to a [`Command`] by the keymap; the shell wraps those, mouse events and
//! the outcomes of its effects in an [`Action`] for `App::update`. `update` answers with at most
//! one [`Effect`], which the shell carries out (the only place the TUI touches files).

use ratatui::crossterm::event::KeyEvent;

use crate::domain::assessment::{Details, Event, EvidenceSource, Status};
use crate::domain::checklist::ItemRef;
use crate::domain::date::Timestamp;
use crate::evidence::FileCheck;

/// What a key can ask for. Small and `Copy`, so the keymap can be a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// Leave carecheck (everything is already saved).
    Quit,
    /// Show or hide the help screen.
    Help,
    /// Show or hide every message said so far, in full.
    Messages,
    /// Close what is open, or go back a screen.
    Back,
    ShowOverview,
    ShowItems,
    ShowAssessments,
    /// The continuity plan: contacts, first-hour steps, exercises.
    ShowPlan,
    /// The supplier register (tui/registers.rs).
    ShowSuppliers,
    /// The risk register.
    ShowRisks,
    /// Add a supplier or risk (on their screens).
    AddRecord,
    /// Edit the selected supplier or risk.
    EditRecord,
    /// Remove the selected supplier or risk (asks again first).
    RemoveRecord,
    /// Add every bundled starter risk not yet recorded.
    AddStarterRisks,
    /// Add the supplier register as evidence for the item on screen.
    LinkRegister,
    /// Open the selected row.
    Open,
    NextItem,
    PrevItem,
    /// The next item without an answer, in checklist order.
    NextUnanswered,
    NextSection,
    PrevSection,
    HistoryBack,
    HistoryForward,
    ScrollDown,
    ScrollUp,
    PageDown,
    PageUp,
    Top,
    Bottom,
    CycleFilter,
    StartSearch,
    StartJump,
    SetStatus(Status),
    ToggleFlag,
    EditNote,
    EditValue,
    EditJustification,
    AddEvidence,
    EditOwner,
    EditDue,
    /// The gap's action on one form: what will be done, owner, date, priority.
    EditAction,
    /// The organisation's profile and identifiers, on a form.
    EditProfile,
    CyclePriority,
    /// Open the item's evidence to remove, replace or re-check an entry.
    ManageEvidence,
    /// Re-read the item's evidence files and show which changed or went missing.
    RecheckEvidence,
    /// Whether answering moves straight on to the next unanswered item.
    ToggleGuided,
    Undo,
    NewAssessment,
    /// Choose which checklists this assessment uses (add one forgotten, take one off).
    ChooseChecklists,
    /// Go through last year's carried-forward answers one by one.
    WalkCarried,
    /// In the walk: the answer shown is still true.
    ConfirmCarried,
    /// In the walk: answer the item shown again, on its own screen.
    ChangeCarried,
    /// In the walk: on to the next answer, leaving this one waiting.
    SkipCarried,
    /// In the walk: back to the answer before.
    BackCarried,
    /// Start this year's assessment from the one selected or open (asks first).
    RenewAssessment,
    /// Build the PDF evidence pack.
    BuildReport,
    /// Write the CSV exports (every item, and the action plan).
    Export,
    /// On an item the continuity plan is evidence for: add the plan as evidence.
    OfferPlanEvidence,
    /// On the plan screen: open the next part of the plan still missing, and walk on.
    PlanNextMissing,
    /// On the plan screen: remove the selected record (asks by wanting a second press).
    PlanRemove,
    /// On the plan screen: write the incident card and the continuity plan as PDFs.
    PrintPlan,
    /// Panics on purpose, to prove the terminal and data survive (test builds of the keymap only).
    DebugPanic,
}

#[derive(Debug)]
pub enum Action {
    Command(Command),
    /// A key typed while an editor or form has the focus.
    Key(KeyEvent),
    /// Text pasted while an editor has the focus.
    Paste(String),
    /// A click landed on this row of the list on screen (the shell hit-tests the click
    /// against the drawn layout, so `update` needs no view code).
    PickRow(usize),
    Wheel {
        down: bool,
    },
    /// The wheel turned over the overview's Progress box (the shell hit-tests it).
    WheelProgress {
        down: bool,
    },
    Resize {
        width: u16,
        height: u16,
    },
    /// The outcome of `Effect::Save`, with when it was saved.
    Saved(Result<(Event, Timestamp), String>),
    /// The outcome of `Effect::SaveAll`: every change saved, or why the first failure happened
    /// (the changes before it are saved and listed).
    SavedAll {
        saved: Vec<(Event, Timestamp)>,
        error: Option<String>,
    },
    /// The outcome of `Effect::RecordEvidence`.
    EvidenceRecorded {
        item: ItemRef,
        outcome: Result<EvidenceSource, String>,
    },
    /// The outcome of `Effect::RecheckEvidence`: one check per evidence entry, in order.
    EvidenceChecked {
        item: ItemRef,
        checks: Vec<FileCheck>,
    },
    /// The outcome of `Effect::ChangeChecklist`: the assessment reloaded with its checklists
    /// now, and what to tell the user; or why it could not be done.
    ChecklistsChanged(Result<Box<(super::session::Session, String)>, String>),
    /// The outcome of `Effect::CompletePath`: `typed` grows to `completed` (the same when
    /// nothing matched), and `choices` names the matches when there are several.
    PathCompleted {
        typed: String,
        completed: String,
        choices: Vec<String>,
    },
    /// What building a report or export produced: a message for the user, or why it failed.
    Reported(Result<String, String>),
    /// The outcome of `Effect::Renew`: this year's assessment and what renewing did.
    Renewed(Result<Box<(super::session::Session, String)>, String>),
    /// The outcome of `Effect::Open` or `Effect::Create`.
    Opened(Result<Box<(super::session::Session, super::persist::Resume)>, String>),
}

/// Work for the shell: each needs the file system.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Record a change to the open assessment.
    Save(Event),
    /// Record several changes, in order (the same answer for linked items).
    SaveAll(Vec<Event>),
    /// Fingerprint a file (or note a named document) as evidence for an item.
    RecordEvidence {
        item: ItemRef,
        input: String,
    },
    /// Complete a file path typed as evidence (the folder is read to find the matches).
    CompletePath {
        typed: String,
    },
    /// Re-read these evidence entries of `item` (in the answer's order).
    RecheckEvidence {
        item: ItemRef,
        sources: Vec<EvidenceSource>,
    },
    /// Add checklist `id` to the open assessment (or, with `add` false, take it off).
    ChangeChecklist {
        id: String,
        add: bool,
    },
    Create {
        details: Details,
        checklists: Vec<String>,
    },
    Open {
        id: String,
    },
    /// Renew assessment `id` (see [`crate::renew`]) and open the new one.
    Renew {
        id: String,
    },
    /// The same, keeping last year's checklist editions (`carecheck renew --keep-editions`)
    /// rather than moving each to the newest carecheck has.
    RenewKeepingEditions {
        id: String,
    },
    /// Write the evidence pack (or, with `exports`, the CSV files) for the open assessment.
    Report {
        exports: bool,
    },
    /// Write the incident card and the continuity plan PDFs for the open assessment.
    PrintPlan,
    /// Read every assessment's progress again for the picker (another window or the CLI may
    /// have changed them since the session began).
    ListAssessments,
    /// Keep a half-typed note on disk, in case the terminal closes before it is saved.
    KeepDraft(super::persist::NoteDraft),
    /// The note was saved or given up: the kept draft is no longer needed.
    ForgetDraft,
    Quit,
}
