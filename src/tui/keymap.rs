//! Which key does what, where. One table serves the key handling, the help screen and the
//! footer, so they can never disagree.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Command;
use crate::domain::assessment::Status;

/// Where the user is, as far as keys are concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Overview,
    Items,
    Item,
    Assessments,
    Plan,
    /// The supplier register: list and detail.
    Suppliers,
    /// The risk register: list and detail.
    Risks,
    /// The walk through carried-forward answers.
    Walk,
}

pub const ALL_CONTEXTS: [Context; 8] = [
    Context::Overview,
    Context::Items,
    Context::Item,
    Context::Assessments,
    Context::Plan,
    Context::Suppliers,
    Context::Risks,
    Context::Walk,
];
const EVERYWHERE: &[Context] = &ALL_CONTEXTS;
const BROWSING: &[Context] = &[Context::Overview, Context::Items, Context::Item];
const LISTS: &[Context] = &[Context::Overview, Context::Items, Context::Assessments];
const ITEM: &[Context] = &[Context::Item];
const PLAN: &[Context] = &[Context::Plan];
const WALK: &[Context] = &[Context::Walk];
/// Screens of text that scroll: an item, the continuity plan and the walk.
const READING: &[Context] = &[Context::Item, Context::Plan, Context::Walk];
/// Where `u` undoes: answers from the browsing screens, records on the registers.
const UNDOING: &[Context] = &[
    Context::Overview,
    Context::Items,
    Context::Item,
    Context::Suppliers,
    Context::Risks,
];
/// The supplier and risk registers.
const REGISTERS: &[Context] = &[Context::Suppliers, Context::Risks];
/// Where S and K open the registers from.
const TO_REGISTERS: &[Context] = &[
    Context::Overview,
    Context::Items,
    Context::Item,
    Context::Suppliers,
    Context::Risks,
];

/// A key and the modifiers that must be held (Shift is implied by upper-case letters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn k(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
    }
}
const fn code(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}
const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

pub struct Binding {
    pub keys: &'static [Key],
    pub command: Command,
    pub contexts: &'static [Context],
    /// Words for the help screen.
    pub help: &'static str,
    /// A short label when the binding is worth showing in the footer.
    pub footer: Option<&'static str>,
}

const fn bind(
    keys: &'static [Key],
    command: Command,
    contexts: &'static [Context],
    help: &'static str,
    footer: Option<&'static str>,
) -> Binding {
    Binding {
        keys,
        command,
        contexts,
        help,
        footer,
    }
}

/// Every binding, in the order the help screen lists them.
pub const BINDINGS: &[Binding] = &[
    bind(
        &[k('y')],
        Command::SetStatus(Status::Yes),
        ITEM,
        "Answer yes: in place",
        None,
    ),
    bind(
        &[k('p')],
        Command::SetStatus(Status::Partial),
        ITEM,
        "Answer partial: partly in place",
        None,
    ),
    bind(
        &[k('n')],
        Command::SetStatus(Status::No),
        ITEM,
        "Answer no: not in place",
        None,
    ),
    bind(
        &[k('a')],
        Command::SetStatus(Status::NotApplicable),
        ITEM,
        "Answer not applicable",
        None,
    ),
    bind(
        &[k('t')],
        Command::SetStatus(Status::Alternative),
        ITEM,
        "Answer alternative: met another way (asks why)",
        None,
    ),
    bind(
        &[k('x')],
        Command::SetStatus(Status::Unanswered),
        ITEM,
        "Clear the answer's status",
        None,
    ),
    bind(
        &[k('e')],
        Command::EditNote,
        ITEM,
        "Write or edit the note",
        Some("note"),
    ),
    bind(
        &[k('v')],
        Command::EditValue,
        ITEM,
        "Enter the value the item asks for",
        None,
    ),
    bind(
        &[k('b')],
        Command::EditJustification,
        ITEM,
        "Edit why an alternative answer meets the item (because...)",
        None,
    ),
    bind(
        &[k('d')],
        Command::AddEvidence,
        ITEM,
        "Add evidence: a file (fingerprinted) or a document's name",
        Some("evidence"),
    ),
    bind(
        &[k('O')],
        Command::OfferPlanEvidence,
        ITEM,
        "Add the continuity plan (or its last exercise) as evidence, where it counts",
        None,
    ),
    bind(
        &[k('D')],
        Command::ManageEvidence,
        ITEM,
        "Evidence: remove, replace or re-check an entry",
        None,
    ),
    bind(
        &[k('c')],
        Command::RecheckEvidence,
        ITEM,
        "Re-check the evidence files: unchanged, changed or missing",
        None,
    ),
    bind(
        &[k('f')],
        Command::ToggleFlag,
        ITEM,
        "Flag or unflag for review",
        None,
    ),
    bind(
        &[k('o')],
        Command::EditOwner,
        ITEM,
        "Set who owns the action for a gap",
        None,
    ),
    bind(
        &[k('w')],
        Command::EditDue,
        ITEM,
        "Set when the gap should be closed",
        None,
    ),
    bind(
        &[k('G')],
        Command::EditAction,
        ITEM,
        "The gap's action on one form: what will be done, owner, close-by date, priority",
        None,
    ),
    bind(
        &[k('r')],
        Command::CyclePriority,
        ITEM,
        "Change the gap's priority",
        None,
    ),
    bind(
        &[k('u')],
        Command::Undo,
        UNDOING,
        "Undo the last change",
        None,
    ),
    bind(
        &[k('g')],
        Command::ToggleGuided,
        ITEM,
        "Guided mode on or off: after answering, go to the next unanswered item",
        None,
    ),
    bind(
        &[code(KeyCode::Tab)],
        Command::NextUnanswered,
        BROWSING,
        "Go to the next unanswered item",
        Some("unanswered"),
    ),
    bind(
        &[code(KeyCode::Right), k('l')],
        Command::NextItem,
        ITEM,
        "Next item",
        Some("next"),
    ),
    bind(
        &[code(KeyCode::Left), k('h')],
        Command::PrevItem,
        ITEM,
        "Previous item",
        None,
    ),
    bind(
        &[k('}')],
        Command::NextSection,
        ITEM,
        "First item of the next section",
        None,
    ),
    bind(
        &[k('{')],
        Command::PrevSection,
        ITEM,
        "First item of the previous section",
        None,
    ),
    bind(
        &[k('[')],
        Command::HistoryBack,
        BROWSING,
        "Back to the item seen before",
        None,
    ),
    bind(
        &[k(']')],
        Command::HistoryForward,
        BROWSING,
        "Forward again",
        None,
    ),
    bind(
        &[code(KeyCode::Down), k('j')],
        Command::ScrollDown,
        READING,
        "Scroll the text down",
        None,
    ),
    bind(
        &[code(KeyCode::Up), k('k')],
        Command::ScrollUp,
        READING,
        "Scroll the text up",
        None,
    ),
    bind(
        &[code(KeyCode::Down), k('j')],
        Command::ScrollDown,
        LISTS,
        "Move down the list",
        None,
    ),
    bind(
        &[code(KeyCode::Up), k('k')],
        Command::ScrollUp,
        LISTS,
        "Move up the list",
        None,
    ),
    bind(
        &[k('V')],
        Command::WalkCarried,
        &[Context::Overview, Context::Item, Context::Walk],
        "Go through last year's carried-forward answers, confirming each still true",
        None,
    ),
    bind(
        &[k('y')],
        Command::ConfirmCarried,
        WALK,
        "Still true: confirm last year's answer for this year",
        Some("still true"),
    ),
    bind(
        &[k('c')],
        Command::ChangeCarried,
        WALK,
        "Changed: open the item to answer it again",
        Some("change"),
    ),
    bind(
        &[k('s'), code(KeyCode::Right)],
        Command::SkipCarried,
        WALK,
        "Skip: leave it waiting and show the next",
        Some("skip"),
    ),
    bind(
        &[k('b'), code(KeyCode::Left)],
        Command::BackCarried,
        WALK,
        "Back to the answer before",
        Some("back"),
    ),
    bind(
        &[k('Y')],
        Command::RenewAssessment,
        &[Context::Overview, Context::Assessments],
        "Renew: start this year's assessment from this one (answers carried forward to confirm)",
        None,
    ),
    bind(
        &[k('P')],
        Command::ShowPlan,
        &[
            Context::Overview,
            Context::Items,
            Context::Item,
            Context::Plan,
        ],
        "The continuity plan: numbers to ring, first-hour steps, exercises",
        None,
    ),
    bind(
        &[k('S')],
        Command::ShowSuppliers,
        TO_REGISTERS,
        "The supplier register: who you depend on, contracts, certificates",
        None,
    ),
    bind(
        &[k('K')],
        Command::ShowRisks,
        TO_REGISTERS,
        "The risk register: what could go wrong and what protects against it",
        None,
    ),
    bind(
        &[k('L')],
        Command::LinkRegister,
        ITEM,
        "Add the supplier register as evidence for this item (where it counts)",
        None,
    ),
    bind(
        &[code(KeyCode::Down), k('j')],
        Command::ScrollDown,
        REGISTERS,
        "Next row, or scroll a record shown in full",
        None,
    ),
    bind(
        &[code(KeyCode::Up), k('k')],
        Command::ScrollUp,
        REGISTERS,
        "Previous row, or scroll back up",
        None,
    ),
    bind(
        &[code(KeyCode::Enter)],
        Command::Open,
        REGISTERS,
        "Show the selected record in full",
        Some("open"),
    ),
    bind(
        &[k('a')],
        Command::AddRecord,
        REGISTERS,
        "Add a supplier or risk",
        Some("add"),
    ),
    bind(
        &[k('e')],
        Command::EditRecord,
        REGISTERS,
        "Edit the selected supplier or risk",
        Some("edit"),
    ),
    bind(
        &[k('x')],
        Command::RemoveRecord,
        REGISTERS,
        "Remove the selected supplier or risk (press x twice)",
        None,
    ),
    bind(
        &[k('T')],
        Command::AddStarterRisks,
        &[Context::Risks],
        "Add carecheck's starter risks for care settings (those not yet recorded)",
        Some("starter risks"),
    ),
    bind(
        &[code(KeyCode::PageDown), ctrl('d')],
        Command::PageDown,
        EVERYWHERE,
        "Down a page",
        None,
    ),
    bind(
        &[code(KeyCode::PageUp), ctrl('u')],
        Command::PageUp,
        EVERYWHERE,
        "Up a page",
        None,
    ),
    bind(
        &[code(KeyCode::Home)],
        Command::Top,
        EVERYWHERE,
        "To the top",
        None,
    ),
    bind(
        &[code(KeyCode::End)],
        Command::Bottom,
        EVERYWHERE,
        "To the bottom",
        None,
    ),
    bind(
        &[code(KeyCode::Enter)],
        Command::Open,
        LISTS,
        "Open the selected row",
        Some("open"),
    ),
    bind(
        &[code(KeyCode::Enter)],
        Command::Open,
        PLAN,
        "Fill in or change the selected part of the plan",
        Some("fill in"),
    ),
    bind(
        &[k('n')],
        Command::PlanNextMissing,
        PLAN,
        "Walk through the parts of the plan still missing, one form after another",
        Some("next missing"),
    ),
    bind(
        &[k('p')],
        Command::PrintPlan,
        PLAN,
        "Print: write the one-page incident card and the full plan as PDFs",
        Some("print"),
    ),
    bind(
        &[k('d')],
        Command::PlanRemove,
        PLAN,
        "Remove the selected contact, service or exercise (press twice)",
        None,
    ),
    bind(
        &[k('F')],
        Command::CycleFilter,
        &[Context::Items],
        "Show all items, unanswered, gaps, flagged, or blocking a level",
        Some("filter"),
    ),
    bind(
        &[k('/')],
        Command::StartSearch,
        &[
            Context::Overview,
            Context::Items,
            Context::Item,
            Context::Assessments,
        ],
        "Search IDs, titles and text",
        Some("search"),
    ),
    bind(
        &[k(':')],
        Command::StartJump,
        BROWSING,
        "Jump to an item by its ID",
        None,
    ),
    bind(
        &[k('s')],
        Command::ShowOverview,
        &[
            Context::Overview,
            Context::Items,
            Context::Item,
            Context::Suppliers,
            Context::Risks,
        ],
        "Overview: progress, levels, gaps, what is due",
        Some("overview"),
    ),
    bind(
        &[k('i')],
        Command::ShowItems,
        BROWSING,
        "List of items",
        Some("items"),
    ),
    bind(
        &[k('R')],
        Command::BuildReport,
        BROWSING,
        "Build the PDF evidence pack (written to the folder carecheck was started in)",
        Some("report"),
    ),
    bind(
        &[k('X')],
        Command::Export,
        BROWSING,
        "Export every answer and the action plan as CSV files",
        None,
    ),
    bind(
        &[k('I')],
        Command::EditProfile,
        BROWSING,
        "The organisation's profile: ODS code, CQC and ICO numbers, address, period",
        None,
    ),
    bind(
        &[k('C')],
        Command::ChooseChecklists,
        BROWSING,
        "Checklists of this assessment: add one you forgot, or take one off",
        None,
    ),
    bind(
        &[k('A')],
        Command::ShowAssessments,
        BROWSING,
        "Switch to another assessment, or start one",
        None,
    ),
    bind(
        &[k('N')],
        Command::NewAssessment,
        &[Context::Assessments],
        "Start a new assessment",
        Some("new"),
    ),
    bind(
        &[k('?')],
        Command::Help,
        EVERYWHERE,
        "Show this help: every key that works here",
        Some("more keys"),
    ),
    bind(
        &[k('m')],
        Command::Messages,
        EVERYWHERE,
        "Read every message so far in full",
        Some("messages"),
    ),
    bind(
        &[code(KeyCode::Esc)],
        Command::Back,
        EVERYWHERE,
        "Go back, or close what is open",
        None,
    ),
    bind(
        &[k('q'), ctrl('c')],
        Command::Quit,
        EVERYWHERE,
        "Quit (your answers are already saved)",
        Some("quit"),
    ),
];

/// Only bound when `CARECHECK_TEST_HOOKS=1`: crashes on purpose so tests can prove the terminal
/// is restored and no answer is lost. Never listed in help.
pub const DEBUG_PANIC_KEY: Key = Key {
    code: KeyCode::F(12),
    ctrl: false,
};

/// The command a key press asks for here, if any.
pub fn resolve(key: KeyEvent, context: Context, test_hooks: bool) -> Option<Command> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let pressed = Key {
        code: normalise(key.code, key.modifiers),
        ctrl,
    };
    if test_hooks && pressed == DEBUG_PANIC_KEY {
        return Some(Command::DebugPanic);
    }
    BINDINGS
        .iter()
        .find(|b| b.contexts.contains(&context) && b.keys.contains(&pressed))
        .map(|b| b.command)
}

/// Shift+Tab arrives as BackTab on most terminals and as Tab with Shift on some; Shift with a
/// letter arrives as the upper-case letter on some and lower-case plus Shift on others.
fn normalise(code: KeyCode, modifiers: KeyModifiers) -> KeyCode {
    match code {
        KeyCode::Char(c) if modifiers.contains(KeyModifiers::SHIFT) => {
            KeyCode::Char(c.to_ascii_uppercase())
        }
        other => other,
    }
}

/// How a key is written in help and footer text.
pub fn describe(key: Key) -> String {
    let name = match key.code {
        KeyCode::Char(' ') => "Space".to_owned(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Enter => "Enter".to_owned(),
        KeyCode::Esc => "Esc".to_owned(),
        KeyCode::Tab => "Tab".to_owned(),
        KeyCode::BackTab => "Shift-Tab".to_owned(),
        KeyCode::Delete => "Delete".to_owned(),
        KeyCode::Left => "←".to_owned(),
        KeyCode::Right => "→".to_owned(),
        KeyCode::Up => "↑".to_owned(),
        KeyCode::Down => "↓".to_owned(),
        KeyCode::PageUp => "PgUp".to_owned(),
        KeyCode::PageDown => "PgDn".to_owned(),
        KeyCode::Home => "Home".to_owned(),
        KeyCode::End => "End".to_owned(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    if key.ctrl {
        format!("Ctrl-{}", name.to_uppercase())
    } else {
        name
    }
}

/// Footer hints, most useful first: when the footer cannot show every hint, these win.
pub const FOOTER_PRIORITY: &[Command] = &[
    Command::Help,
    Command::Quit,
    Command::NextUnanswered,
    Command::PlanNextMissing,
    Command::Open,
    Command::AddRecord,
    Command::EditRecord,
    Command::PrintPlan,
    Command::ConfirmCarried,
    Command::ChangeCarried,
    Command::SkipCarried,
    Command::BackCarried,
    Command::NewAssessment,
    Command::ShowOverview,
    Command::ShowItems,
    Command::BuildReport,
    Command::Messages,
    Command::CycleFilter,
    Command::StartSearch,
    Command::EditNote,
    Command::AddEvidence,
    Command::NextItem,
];

/// The columns a footer hint takes: a space, the key, a space, the label and a space.
pub fn hint_width(key: &str, label: &str) -> usize {
    use ratatui::text::Span;
    Span::raw(key).width() + Span::raw(label).width() + 3
}

/// The footer's key hints for a context that fit in `width` columns: the most useful ones
/// (by [`FOOTER_PRIORITY`]) are kept, and shown in table order, except that "? more keys"
/// always comes last: no footer holds every key, and that hint says where the rest are.
pub fn footer(context: Context, width: usize) -> Vec<(String, &'static str)> {
    let all: Vec<(usize, Command, String, &'static str)> = BINDINGS
        .iter()
        .enumerate()
        .filter(|(_, b)| b.contexts.contains(&context))
        .filter_map(|(i, b)| {
            b.footer
                .map(|label| (i, b.command, describe(b.keys[0]), label))
        })
        .collect();
    let rank = |command: Command| {
        FOOTER_PRIORITY
            .iter()
            .position(|c| *c == command)
            .unwrap_or(usize::MAX)
    };
    let mut by_rank: Vec<&(usize, Command, String, &str)> = all.iter().collect();
    by_rank.sort_by_key(|(i, command, ..)| (rank(*command), *i));
    let mut room = width;
    let mut kept: Vec<usize> = Vec::new();
    for (i, _, key, label) in by_rank {
        let needed = hint_width(key, label);
        if needed <= room {
            room -= needed;
            kept.push(*i);
        }
    }
    let mut shown: Vec<_> = all.into_iter().filter(|(i, ..)| kept.contains(i)).collect();
    shown.sort_by_key(|(i, command, ..)| (*command == Command::Help, *i));
    shown
        .into_iter()
        .map(|(_, _, key, label)| (key, label))
        .collect()
}
