//! The guided screens. This module is the imperative shell: it owns the terminal, reads
//! events, asks [`App::update`] what they mean, and carries out the effects it returns.

pub mod action;
pub mod answering;
pub mod app;
mod checklists;
mod dropped;
pub mod edit_keys;
pub mod evidence;
pub mod form;
pub mod forms;
mod head_office;
pub mod input;
pub mod keymap;
mod navigation;
pub mod persist;
mod picker;
pub mod plan_builder;
mod plan_evidence;
mod plan_forms;
mod record_form;
pub mod registers;
pub mod renew;
pub mod session;
pub mod setup_form;
pub mod theme;
mod typing;
pub mod view;
pub mod walk;
mod watchdog;

use std::io::{self, IsTerminal};
use std::path::Path;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};
use ratatui::crossterm::{cursor, execute, terminal};

use self::action::{Action, Effect};
use self::app::{App, AssessmentRow, ChecklistChoice, Resume, Session};
use self::setup_form::SetupForm;
use self::theme::Theme;
use self::watchdog::Watchdog;
use crate::checklist::Library;
use crate::checklist::bundled::DEFAULT_CHECKLIST;
use crate::domain::assessment::ChecklistUse;
use crate::domain::checklist::ItemRef;
use crate::domain::date::{Date, Timestamp};
use crate::evidence::record_file;
use crate::store::{NewChecklist, Store, author};
use crate::workspace::{Access, Loaded, Workspace};

/// Runs the guided screens until the user quits; `high_contrast` draws them without colour.
pub fn run(store: Store, library: Library, high_contrast: bool) -> Result<(), String> {
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        return Err("the guided screens need a terminal. For scripts, use `carecheck status`, `carecheck answer` and the other commands (see --help).".into());
    }
    let mut shell = Shell {
        workspace: Workspace::new(store, library),
        loaded: None,
        last_kept: None,
        head_seen: None,
    };
    let mut app = shell.initial_app();
    app.test_hooks = std::env::var("CARECHECK_TEST_HOOKS").is_ok_and(|v| v == "1");
    let theme = if high_contrast {
        Theme { colour: false }
    } else {
        Theme::from_env()
    };

    install_panic_restore();
    let watchdog = Watchdog::start(leave_from_another_thread);
    let mut terminal = enter().map_err(|e| format!("cannot set up the terminal: {e}"))?;
    let result = event_loop(&mut terminal, &mut app, &mut shell, theme, &watchdog);
    let restored = leave();
    if watchdog::terminal_gone() {
        // The terminal went away (closed, hung up): the session ends as `q` ends it, with
        // every answer already saved, and there is no terminal left to restore or tell.
        return Ok(());
    }
    restored.map_err(|e| format!("cannot restore the terminal: {e}"))?;
    result.map_err(|e| format!("terminal error: {e}"))
}

type Term = Terminal<CrosstermBackend<io::Stdout>>;

fn event_loop(
    terminal: &mut Term,
    app: &mut App,
    shell: &mut Shell,
    theme: Theme,
    watchdog: &Watchdog,
) -> io::Result<()> {
    let size = terminal.size()?;
    app.size = (size.width, size.height);
    loop {
        // Checked on every turn: a closed terminal may keep reporting input to read.
        if watchdog.should_stop() {
            return Ok(());
        }
        terminal.draw(|frame| view::render(app, theme, frame))?;
        // Wake now and then to see whether a signal asked to stop.
        while !event::poll(std::time::Duration::from_millis(200))? {
            if watchdog.should_stop() {
                return Ok(());
            }
        }
        let event = event::read()?;
        let _busy = watchdog.busy();
        let Some(mut action) = translate(app, event) else {
            continue;
        };
        // An effect's outcome is itself an action; follow the chain until it settles.
        while let Some(effect) = app.update(action) {
            match shell.perform(effect, app) {
                Some(next) => action = next,
                None => break,
            }
        }
        shell.keep_last_item(app);
        shell.refresh_head(app);
        app.progress_scroll = app.progress_scroll.min(view::progress_limit(app));
        if app.quit || watchdog.should_stop() {
            return Ok(());
        }
    }
}

/// What a terminal event means here, if anything.
fn translate(app: &App, event: Event) -> Option<Action> {
    match event {
        // Some platforms also report key releases; act on presses only.
        Event::Key(key) if key.kind == KeyEventKind::Press => {
            if app.is_typing() {
                Some(Action::Key(key))
            } else {
                keymap::resolve(key, app.context(), app.test_hooks).map(Action::Command)
            }
        }
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => {
                view::hit_test(app, mouse.column, mouse.row).map(Action::PickRow)
            }
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let down = mouse.kind == MouseEventKind::ScrollDown;
                Some(if view::over_progress(app, mouse.column, mouse.row) {
                    Action::WheelProgress { down }
                } else {
                    Action::Wheel { down }
                })
            }
            _ => None,
        },
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        Event::Paste(text) => Some(Action::Paste(text)),
        _ => None,
    }
}

/// The part of the TUI that touches files.
struct Shell {
    workspace: Workspace,
    /// The assessment open for writing (or reading, when another carecheck has it).
    loaded: Option<Loaded>,
    /// The item last written down as "where you were", so it is written only when it changes.
    last_kept: Option<ItemRef>,
    /// For a site: when its head office's files had last changed as they were read.
    head_seen: Option<std::time::SystemTime>,
}

impl Shell {
    /// Notes the item on screen, so the next launch reopens there. A failure only costs that
    /// convenience, so it is not reported.
    fn keep_last_item(&mut self, app: &App) {
        let (Some((_, key)), Some(loaded)) = (app.item_shown(), &self.loaded) else {
            return;
        };
        if loaded.read_only.is_some() || self.last_kept.as_ref() == Some(key) {
            return;
        }
        if persist::keep_last_item(loaded.open.dir(), key).is_ok() {
            self.last_kept = Some(key.clone());
        }
    }

    /// Where to pick up the open assessment: the item last shown and any unsaved note.
    fn resume(&self) -> Resume {
        let Some(loaded) = &self.loaded else {
            return Resume::default();
        };
        let dir = loaded.open.dir();
        Resume {
            item: persist::last_item(dir),
            draft: if loaded.read_only.is_some() {
                None
            } else {
                persist::note_draft(dir)
            },
        }
    }

    fn initial_app(&mut self) -> App {
        let choices = ChecklistChoice::all(&self.workspace.library);
        let (rows, problems) = self.assessment_rows();
        let mut app = App::new(choices, DEFAULT_CHECKLIST, rows, crate::clock::now().date());
        if let Some(problem) = problems {
            app.say(problem, true);
        }
        // The default assessor (`carecheck config set assessor NAME`) fills in the setup form. A
        // settings file that cannot be read costs only that, and is named in the message.
        match crate::settings::path().and_then(|path| crate::settings::load(&path)) {
            Ok(settings) => {
                app.default_assessor = settings.assessor;
                app.setup = std::mem::replace(&mut app.setup, SetupForm::new(Vec::new()))
                    .with_assessor(app.default_assessor.as_deref());
            }
            Err(e) => app.say(format!("{e}; the setup form starts without a name"), true),
        }
        if !app.assessments.is_empty() {
            match self
                .workspace
                .store
                .resolve(None)
                .map_err(|e| e.to_string())
                .and_then(|id| self.open_session(&id, app.today))
            {
                Ok(session) => app.open_at(session, self.resume()),
                Err(why) => app.say(why, true),
            }
        }
        app
    }

    fn perform(&mut self, effect: Effect, app: &mut App) -> Option<Action> {
        let now = crate::clock::now();
        match effect {
            Effect::Quit => {
                app.quit = true;
                None
            }
            Effect::KeepDraft(draft) => {
                if let Some(loaded) = &self.loaded
                    && let Err(e) = persist::keep_note_draft(loaded.open.dir(), &draft)
                {
                    app.say(
                        format!("Could not keep a copy of the note while you type: {e}"),
                        true,
                    );
                }
                None
            }
            Effect::ForgetDraft => {
                if let Some(loaded) = &self.loaded {
                    // A draft left behind is only offered again, never saved by itself.
                    let _ = persist::forget_note_draft(loaded.open.dir());
                }
                None
            }
            Effect::Save(event) => {
                let Some(loaded) = self.loaded.as_mut() else {
                    return Some(Action::Saved(Err("no assessment is open".into())));
                };
                let by = author(loaded.assessment().details.assessor.as_deref());
                Some(Action::Saved(
                    loaded
                        .record(event.clone(), now, by)
                        .map(|()| (event, now))
                        .map_err(|e| e.to_string()),
                ))
            }
            Effect::SaveAll(events) => {
                let Some(loaded) = self.loaded.as_mut() else {
                    return Some(Action::SavedAll {
                        saved: Vec::new(),
                        error: Some("no assessment is open".into()),
                    });
                };
                let by = author(loaded.assessment().details.assessor.as_deref());
                let mut saved = Vec::with_capacity(events.len());
                for event in events {
                    if let Err(e) = loaded.record(event.clone(), now, by.clone()) {
                        return Some(Action::SavedAll {
                            saved,
                            error: Some(e.to_string()),
                        });
                    }
                    saved.push((event, now));
                }
                Some(Action::SavedAll { saved, error: None })
            }
            Effect::RecordEvidence { item, input } => Some(Action::EvidenceRecorded {
                item,
                outcome: evidence_from(&input, now),
            }),
            Effect::Create {
                details,
                checklists,
            } => {
                let chosen: Vec<NewChecklist<'_>> = checklists
                    .iter()
                    .filter_map(|id| self.workspace.library.get(id))
                    .map(|e| NewChecklist {
                        used: ChecklistUse {
                            id: e.checklist.id.clone(),
                            title: e.checklist.title.clone(),
                            edition: e.checklist.edition.clone(),
                            hash: e.hash.clone(),
                        },
                        text: &e.text,
                    })
                    .collect();
                let by = author(details.assessor.as_deref());
                let outcome = self
                    .workspace
                    .store
                    .create(details, &chosen, now, by)
                    .map_err(|e| e.to_string())
                    .and_then(|open| {
                        let loaded = self
                            .workspace
                            .complete(open, None)
                            .map_err(|e| e.to_string())?;
                        Ok(self.adopt(loaded, app.today))
                    });
                let (rows, _) = self.assessment_rows();
                app.assessments = rows;
                self.last_kept = None;
                Some(Action::Opened(
                    outcome.map(|session| Box::new((session, Resume::default()))),
                ))
            }
            Effect::RecheckEvidence { item, sources } => {
                let copies = self.loaded.as_ref().map(|l| l.open.dir().join("evidence"));
                let checks = sources
                    .iter()
                    .map(|source| crate::evidence::recheck(source, copies.as_deref()))
                    .collect();
                Some(Action::EvidenceChecked { item, checks })
            }
            Effect::CompletePath { typed } => {
                let (completed, choices) = complete_path(&typed);
                Some(Action::PathCompleted {
                    typed,
                    completed,
                    choices,
                })
            }
            Effect::ChangeChecklist { id, add } => Some(Action::ChecklistsChanged(
                self.change_checklist(&id, add, app.today, now),
            )),
            Effect::Report { exports } => Some(Action::Reported(self.report(exports, now))),
            Effect::PrintPlan => Some(Action::Reported(self.print_plan(app.today, now))),
            Effect::Renew { id } => {
                let outcome = self.renew(&id, crate::renew::Editions::Newest, app.today, now);
                let (rows, _) = self.assessment_rows();
                app.assessments = rows;
                Some(Action::Renewed(outcome))
            }
            Effect::RenewKeepingEditions { id } => {
                let outcome = self.renew(&id, crate::renew::Editions::Keep, app.today, now);
                let (rows, _) = self.assessment_rows();
                app.assessments = rows;
                Some(Action::Renewed(outcome))
            }
            Effect::ListAssessments => {
                let (rows, problem) = self.assessment_rows();
                app.assessments = rows;
                if let Some(problem) = problem {
                    app.say(problem, true);
                }
                None
            }
            Effect::Open { id } => {
                self.loaded = None;
                self.last_kept = None;
                Some(Action::Opened(
                    self.open_session(&id, app.today)
                        .map(|session| Box::new((session, self.resume()))),
                ))
            }
        }
    }

    /// Adds or removes a checklist (see [`crate::checklist_choice`]), then reloads the
    /// assessment so every screen shows its checklists as they are now.
    fn change_checklist(
        &mut self,
        id: &str,
        add: bool,
        today: Date,
        now: Timestamp,
    ) -> Result<Box<(Session, String)>, String> {
        use crate::checklist_choice;
        let loaded = self.loaded.as_mut().ok_or("no assessment is open")?;
        let by = author(loaded.assessment().details.assessor.as_deref());
        let message = if add {
            let added = checklist_choice::add(loaded, &self.workspace.library, id, now, by)
                .map_err(|e| e.to_string())?;
            let again = if added.answers > 0 {
                format!(
                    " {} again.",
                    crate::text::count(
                        added.answers,
                        "answer given before it was taken off counts",
                        "answers given before it was taken off count"
                    )
                )
            } else {
                String::new()
            };
            format!(
                "Added {} ({}).{again}",
                added.title,
                crate::text::count(added.items, "item", "items")
            )
        } else {
            let removed =
                checklist_choice::remove(loaded, id, now, by).map_err(|e| e.to_string())?;
            format!(
                "Took {} off this assessment. Its {} kept (in the journal and the assessment) and count again if you add it back.",
                removed.title,
                crate::text::count(removed.answers, "answer is", "answers are")
            )
        };
        let Some(Loaded {
            open, read_only, ..
        }) = self.loaded.take()
        else {
            return Err("no assessment is open".into());
        };
        let loaded = self
            .workspace
            .complete(open, read_only)
            .map_err(|e| e.to_string())?;
        Ok(Box::new((self.adopt(loaded, today), message)))
    }

    /// Writes the evidence pack (or the CSV exports) into the current folder.
    fn report(&self, exports: bool, now: Timestamp) -> Result<String, String> {
        use crate::report::{default_name, evidence_pack, export};
        let loaded = self.loaded.as_ref().ok_or("no assessment is open")?;
        let model = crate::report::gather_pack(&self.workspace, loaded, now);
        let folder =
            std::env::current_dir().map_err(|e| format!("cannot find the current folder: {e}"))?;
        let write = |name: String, bytes: &[u8]| -> Result<String, String> {
            // Never replaces a file, nor writes into the data folder (see `crate::output`).
            let (stem, extension) = name.rsplit_once('.').unwrap_or((&name, ""));
            let path = crate::output::unused_name(&folder, stem, extension);
            crate::output::check_output(&path, self.workspace.store.data(), None, false)
                .map_err(|e| e.to_string())?;
            crate::store::fsutil::write_atomic(&path, bytes)
                .map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
            Ok(name)
        };
        let mut warned = String::new();
        let written = if exports {
            let items = write(
                default_name(&model, "answers") + ".csv",
                export::items_csv(&model).as_bytes(),
            )?;
            let actions = write(
                default_name(&model, "actions") + ".csv",
                export::actions_csv(&model).as_bytes(),
            )?;
            // The registers too, once there are any (as `export --suppliers` / `--risks`).
            let mut registers = String::new();
            if let Some(view) = &model.registers {
                use crate::report::registers_csv::{risks_csv, suppliers_csv};
                let suppliers = write(
                    default_name(&model, "suppliers") + ".csv",
                    suppliers_csv(view).as_bytes(),
                )?;
                let risks = write(
                    default_name(&model, "risks") + ".csv",
                    risks_csv(view).as_bytes(),
                )?;
                registers = format!(", {suppliers}, {risks}");
            }
            // Every dated duty as a calendar, as `export --calendar` writes it.
            let duties = crate::duties::for_loaded(loaded, &self.workspace.library, now.date());
            let assessment = loaded.assessment();
            let place = assessment.details.place();
            let calendar = crate::report::calendar::write(
                &format!("carecheck duties: {place}"),
                &[crate::report::calendar::CalendarFor {
                    assessment_id: &assessment.id,
                    name: &place,
                    duties: &duties,
                }],
                &crate::report::calendar::CalendarOptions {
                    alarm_days: Some(7),
                    made: now,
                },
            );
            let duties = write(default_name(&model, "duties") + ".ics", calendar.as_bytes())?;
            format!(
                "Exported {items}{registers}, {actions} and the calendar {duties} to {}",
                folder.display()
            )
        } else {
            let pack = evidence_pack(&model)?;
            let name = write(default_name(&model, "evidence") + ".pdf", &pack.bytes)?;
            warned = crate::report::warnings_said(&pack);
            format!(
                "Wrote {name} ({} pages) to {}",
                pack.pages,
                folder.display()
            )
        };
        Ok(report_message(&written, model.evidence_problems().count()) + &warned)
    }

    /// Writes the incident card and the continuity plan into the current folder, with the
    /// same builders and names as `carecheck report --incident-card` / `--continuity-plan`.
    fn print_plan(&self, today: Date, now: Timestamp) -> Result<String, String> {
        let loaded = self.loaded.as_ref().ok_or("no assessment is open")?;
        let view = crate::continuity::view(loaded, today)?;
        let folder =
            std::env::current_dir().map_err(|e| format!("cannot find the current folder: {e}"))?;
        let mut written = Vec::new();
        let mut warned = String::new();
        for (suffix, pack) in [
            (
                "incident-card",
                crate::report::card::incident_card(&view, now)?,
            ),
            (
                "continuity-plan",
                crate::report::plan::continuity_plan(&view, now)?,
            ),
        ] {
            let stem = format!("{}-{suffix}-{today}", view.assessment_id);
            let path = crate::output::unused_name(&folder, &stem, "pdf");
            crate::output::check_output(&path, self.workspace.store.data(), None, false)
                .map_err(|e| e.to_string())?;
            crate::store::fsutil::write_atomic(&path, &pack.bytes)
                .map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            written.push(format!(
                "{name} ({})",
                crate::text::count(pack.pages, "page", "pages")
            ));
            warned.push_str(&crate::report::warnings_said(&pack));
        }
        Ok(format!(
            "Wrote {} to {}.{warned}",
            written.join(" and "),
            folder.display()
        ))
    }

    /// Renews `id` through the one renew core and opens the new assessment.
    fn renew(
        &mut self,
        id: &str,
        editions: crate::renew::Editions<'_>,
        today: Date,
        now: Timestamp,
    ) -> Result<Box<(Session, String)>, String> {
        let done = crate::renew::renew(&self.workspace, Some(id), editions, now)
            .map_err(|e| e.to_string())?;
        self.loaded = None;
        self.last_kept = None;
        let session = self.open_session(&done.id, today)?;
        Ok(Box::new((session, renew::message(&done))))
    }

    /// Opens an assessment for writing, or read-only when another carecheck has it.
    fn open_session(&mut self, id: &str, today: Date) -> Result<Session, String> {
        let loaded = self
            .workspace
            .load_id(id, Access::WriteOrRead)
            .map_err(|e| e.to_string())?;
        Ok(self.adopt(loaded, today))
    }

    /// Keeps `loaded` as the open assessment and gives the app its session.
    fn adopt(&mut self, loaded: Loaded, today: Date) -> Session {
        let session = Session::new(
            loaded.assessment().clone(),
            loaded.checklists.clone(),
            &self.workspace.library,
            loaded.read_only.clone(),
            today,
        );
        // A site shows its head office's answers where it has none of its own.
        let session = match &loaded.head {
            Some(head) => session.with_head_office(head.clone()),
            None => session,
        };
        self.loaded = Some(loaded);
        self.head_seen = self.head_stamp();
        session
    }

    /// A row per assessment for the picker, and a message naming any that cannot be read
    /// (they are listed, marked, never silently left out).
    fn assessment_rows(&self) -> (Vec<AssessmentRow>, Option<String>) {
        let today = crate::clock::now().date();
        let all = match self.workspace.load_all() {
            Ok(all) => all,
            Err(e) => return (Vec::new(), Some(e.to_string())),
        };
        let mut unreadable = Vec::new();
        let rows = all
            .into_iter()
            .map(|(id, loaded)| match loaded {
                Ok(loaded) => {
                    let summary = loaded.summary(&self.workspace.library, today);
                    let (answered, total) = summary.answered_of_total();
                    let d = &loaded.assessment().details;
                    AssessmentRow {
                        organisation: d.organisation.clone(),
                        site: d.site.clone(),
                        progress: format!("{answered}/{total} answered"),
                        updated: loaded.assessment().updated.date().uk(),
                        year: Some(
                            d.profile
                                .period_end
                                .unwrap_or_else(|| loaded.assessment().created.date())
                                .ymd()
                                .0,
                        ),
                        period: session::period_label(&summary, loaded.assessment()),
                        head_office: d.head_office,
                        unreadable: false,
                        renew_facts: Some(crate::renew_guard::Facts::of(loaded.assessment())),
                        id,
                    }
                }
                Err(e) => {
                    unreadable.push(format!("{id}: {e}"));
                    AssessmentRow {
                        organisation: "(cannot be read)".into(),
                        progress: "see message".into(),
                        unreadable: true,
                        id,
                        ..AssessmentRow::default()
                    }
                }
            })
            .collect();
        let problem = (!unreadable.is_empty()).then(|| {
            format!(
                "Cannot read {}: {}",
                crate::text::count(unreadable.len(), "assessment", "assessments"),
                unreadable.join("; ")
            )
        });
        (rows, problem)
    }
}

/// How a typed path goes on: the longest start shared by the names in its folder that begin
/// with what is typed (a folder gets its separator), and those names when there are several.
/// `~` is not expanded: what is typed is what is looked up.
fn complete_path(typed: &str) -> (String, Vec<String>) {
    let unchanged = || (typed.to_owned(), Vec::new());
    let split = typed
        .rfind(['/', std::path::MAIN_SEPARATOR])
        .map_or(0, |i| i + 1);
    let (folder, start) = typed.split_at(split);
    let dir = if folder.is_empty() { "." } else { folder };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return unchanged();
    };
    let mut names: Vec<(String, bool)> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            // Hidden files only when asked for with a dot.
            (name.starts_with(start) && (start.starts_with('.') || !name.starts_with('.')))
                .then(|| (name, e.path().is_dir()))
        })
        .take(500)
        .collect();
    names.sort();
    let Some((first, _)) = names.first() else {
        return unchanged();
    };
    let shared: String = first
        .chars()
        .enumerate()
        .take_while(|(i, c)| names.iter().all(|(n, _)| n.chars().nth(*i) == Some(*c)))
        .map(|(_, c)| c)
        .collect();
    let mut completed = format!("{folder}{shared}");
    if let [(_, true)] = names[..] {
        completed.push(std::path::MAIN_SEPARATOR);
    }
    let choices = if names.len() > 1 {
        names.into_iter().map(|(n, _)| n).collect()
    } else {
        Vec::new()
    };
    (completed, choices)
}

/// What the user reads after a report or export: a warning about changed or missing evidence
/// comes first, so it is never the part that a narrow screen loses.
pub fn report_message(written: &str, evidence_problems: usize) -> String {
    if evidence_problems == 0 {
        return format!("{written}.");
    }
    format!(
        "Warning: {} changed or went missing since recorded (see the evidence index). {written}.",
        crate::text::count(evidence_problems, "evidence file", "evidence files")
    )
}

/// Evidence from what was typed: an existing file is fingerprinted; anything else is kept as
/// the name of a document. Paths dropped into a terminal arrive quoted for a shell, so each
/// terminal's quoting is decoded (`dropped.rs`).
fn evidence_from(
    input: &str,
    now: Timestamp,
) -> Result<crate::domain::assessment::EvidenceSource, String> {
    let candidates = dropped::candidates(input);
    match candidates.iter().find(|c| Path::new(c.as_str()).exists()) {
        Some(path) => record_file(Path::new(path), now).map_err(|e| {
            if e.is_folder() {
                format!(
                    "{e}. Name a file in it, or type where the papers are kept without the path (it is then recorded as a named document)."
                )
            } else {
                format!("{e}.")
            }
        }),
        None => Ok(crate::domain::assessment::EvidenceSource::Document {
            name: dropped::document_name(input),
        }),
    }
}

fn enter() -> io::Result<Term> {
    terminal::enable_raw_mode()?;
    execute!(
        io::stdout(),
        terminal::EnterAlternateScreen,
        event::EnableMouseCapture,
        event::EnableBracketedPaste
    )?;
    Terminal::new(CrosstermBackend::new(io::stdout()))
}

/// Puts the terminal back as it was. Safe to call more than once.
fn leave() -> io::Result<()> {
    let result = execute!(
        io::stdout(),
        event::DisableBracketedPaste,
        event::DisableMouseCapture,
        terminal::LeaveAlternateScreen,
        cursor::Show
    );
    terminal::disable_raw_mode()?;
    result
}

/// Puts a terminal that is still there back as [`leave`] does, from the watchdog's thread while
/// the event loop is stuck: the sequences go straight to the terminal, since the stuck loop may
/// be holding standard output's lock.
fn leave_from_another_thread() {
    if watchdog::terminal_gone() {
        return;
    }
    if let Ok(mut tty) = std::fs::OpenOptions::new().write(true).open("/dev/tty") {
        let _ = execute!(
            tty,
            event::DisableBracketedPaste,
            event::DisableMouseCapture,
            terminal::LeaveAlternateScreen,
            cursor::Show
        );
    }
    let _ = terminal::disable_raw_mode();
}

/// On a panic, restore the terminal before the message is printed, so the user sees it and
/// their shell works. Answers are already on disk: every change is saved as it is made.
fn install_panic_restore() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = leave();
        previous(info);
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_named_as_evidence_is_explained_in_the_screens_own_terms() {
        let dir = tempfile::tempdir().expect("temp");
        let typed = dir.path().display().to_string();
        let why = evidence_from(&typed, Timestamp::from_unix(0)).expect_err("a folder");
        assert!(why.contains("is a folder"), "{why}");
        assert!(
            !why.contains("--"),
            "no command-line option on a screen: {why}"
        );
        let named = evidence_from("Fire folder, office cabinet 2", Timestamp::from_unix(0));
        assert!(matches!(
            named,
            Ok(crate::domain::assessment::EvidenceSource::Document { .. })
        ));
    }

    #[test]
    fn a_dropped_file_with_an_apostrophe_is_fingerprinted_in_each_quoting() {
        let dir = tempfile::tempdir().expect("temp");
        let path = dir.path().join("Manager's notes.pdf");
        std::fs::write(&path, b"notes").expect("write");
        let plain = path.display().to_string();
        let gnome = format!("'{}' ", plain.replace('\'', "'\\''"));
        let macos = plain.replace('\'', "\\'").replace(' ', "\\ ");
        for dropped in [gnome, macos, format!("\"{plain}\"")] {
            let found = evidence_from(&dropped, Timestamp::from_unix(0));
            assert!(
                matches!(
                    &found,
                    Ok(crate::domain::assessment::EvidenceSource::File { size: 5, .. })
                ),
                "{dropped}: {found:?}"
            );
        }
    }

    #[test]
    fn paths_complete_to_what_their_folder_shares() {
        let dir = tempfile::tempdir().expect("temp");
        let base = dir.path().display().to_string();
        for name in [
            "policy-2025.pdf",
            "policy-2026.pdf",
            "training-log.xlsx",
            ".hidden",
        ] {
            std::fs::write(dir.path().join(name), b"x").expect("write");
        }
        std::fs::create_dir(dir.path().join("certificates")).expect("dir");
        let sep = std::path::MAIN_SEPARATOR;
        let (completed, choices) = complete_path(&format!("{base}{sep}tr"));
        assert_eq!(completed, format!("{base}{sep}training-log.xlsx"));
        assert!(choices.is_empty());
        let (completed, choices) = complete_path(&format!("{base}{sep}pol"));
        assert_eq!(completed, format!("{base}{sep}policy-202"));
        assert_eq!(choices, ["policy-2025.pdf", "policy-2026.pdf"]);
        let (completed, _) = complete_path(&format!("{base}{sep}cert"));
        assert_eq!(
            completed,
            format!("{base}{sep}certificates{sep}"),
            "a folder gets its separator"
        );
        let (completed, choices) = complete_path(&format!("{base}{sep}"));
        assert!(!choices.contains(&".hidden".to_owned()), "{choices:?}");
        assert_eq!(completed, format!("{base}{sep}"));
        let nowhere = format!("{base}{sep}missing{sep}x");
        assert_eq!(complete_path(&nowhere), (nowhere.clone(), Vec::new()));
    }
}
