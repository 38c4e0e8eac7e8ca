//! The keymap: keys resolve by context, no key means two things in one place, and the
//! test-only panic key exists only when asked for.

use carecheck::domain::assessment::Status;
use carecheck::tui::action::Command;
use carecheck::tui::keymap::{ALL_CONTEXTS, BINDINGS, Context, Key, describe, resolve};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn press(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

#[test]
fn keys_resolve_by_context() {
    assert_eq!(
        resolve(press(KeyCode::Char('y')), Context::Item, false),
        Some(Command::SetStatus(Status::Yes))
    );
    assert_eq!(
        resolve(press(KeyCode::Char('y')), Context::Overview, false),
        None
    );
    assert_eq!(
        resolve(press(KeyCode::Down), Context::Item, false),
        Some(Command::ScrollDown)
    );
    assert_eq!(
        resolve(
            KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL),
            Context::Items,
            false
        ),
        Some(Command::Quit)
    );
    assert_eq!(
        resolve(
            KeyEvent::new(KeyCode::Char('f'), KeyModifiers::SHIFT),
            Context::Items,
            false
        ),
        Some(Command::CycleFilter)
    );
}

#[test]
fn the_panic_key_exists_only_with_test_hooks() {
    assert_eq!(resolve(press(KeyCode::F(12)), Context::Item, false), None);
    assert_eq!(
        resolve(press(KeyCode::F(12)), Context::Item, true),
        Some(Command::DebugPanic)
    );
}

#[test]
fn no_key_means_two_things_in_one_context() {
    for context in ALL_CONTEXTS {
        let mut seen: Vec<Key> = Vec::new();
        for binding in BINDINGS.iter().filter(|b| b.contexts.contains(&context)) {
            for key in binding.keys {
                assert!(
                    !seen.contains(key),
                    "{} is bound twice in {context:?}",
                    describe(*key)
                );
                seen.push(*key);
            }
        }
    }
}

#[test]
fn quit_help_and_back_work_everywhere() {
    for context in ALL_CONTEXTS {
        for (code, command) in [
            (KeyCode::Char('q'), Command::Quit),
            (KeyCode::Char('?'), Command::Help),
            (KeyCode::Esc, Command::Back),
        ] {
            assert_eq!(
                resolve(press(code), context, false),
                Some(command),
                "{context:?}"
            );
        }
    }
}

#[test]
fn every_command_a_user_needs_has_a_key() {
    let bound: Vec<Command> = BINDINGS.iter().map(|b| b.command).collect();
    let needed = [
        Command::Quit,
        Command::Help,
        Command::Back,
        Command::ShowOverview,
        Command::ShowItems,
        Command::ShowAssessments,
        Command::Open,
        Command::NextItem,
        Command::PrevItem,
        Command::NextUnanswered,
        Command::NextSection,
        Command::PrevSection,
        Command::HistoryBack,
        Command::HistoryForward,
        Command::ScrollDown,
        Command::ScrollUp,
        Command::PageDown,
        Command::PageUp,
        Command::Top,
        Command::Bottom,
        Command::CycleFilter,
        Command::StartSearch,
        Command::StartJump,
        Command::ToggleFlag,
        Command::EditNote,
        Command::EditValue,
        Command::EditJustification,
        Command::AddEvidence,
        Command::EditOwner,
        Command::EditDue,
        Command::CyclePriority,
        Command::ToggleGuided,
        Command::Undo,
        Command::NewAssessment,
        Command::BuildReport,
        Command::Export,
        Command::SetStatus(Status::Yes),
        Command::SetStatus(Status::Partial),
        Command::SetStatus(Status::No),
        Command::SetStatus(Status::NotApplicable),
        Command::SetStatus(Status::Alternative),
        Command::SetStatus(Status::Unanswered),
    ];
    for command in needed {
        assert!(bound.contains(&command), "{command:?} has no key");
    }
}

#[test]
fn the_80_column_footer_keeps_the_most_useful_keys() {
    use carecheck::tui::keymap::{Context, footer, hint_width};
    let item = footer(Context::Item, 80);
    let keys: Vec<&str> = item.iter().map(|(k, _)| k.as_str()).collect();
    for wanted in ["Tab", "s", "i", "R", "?", "q"] {
        assert!(keys.contains(&wanted), "{wanted} missing at 80: {keys:?}");
    }
    let used: usize = item.iter().map(|(k, l)| hint_width(k, l)).sum();
    assert!(used <= 80, "{used}");
    let wide: Vec<String> = footer(Context::Item, 120)
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    assert!(
        wide.iter().any(|k| k == "/"),
        "search shows when there is room: {wide:?}"
    );
}

#[test]
fn every_footer_ends_by_saying_where_the_other_keys_are() {
    use carecheck::tui::keymap::{ALL_CONTEXTS, footer};
    for context in ALL_CONTEXTS {
        for width in [80, 120] {
            let hints = footer(context, width);
            assert_eq!(
                hints.last().map(|(k, l)| (k.as_str(), *l)),
                Some(("?", "more keys")),
                "{context:?} at {width}: {hints:?}"
            );
        }
    }
}
