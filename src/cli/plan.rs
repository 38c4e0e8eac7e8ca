//! `carecheck plan`: build the continuity plan (contacts, services, first-hour steps,
//! exercises) and show or export it. Every change is recorded like an answer: journal first,
//! under the assessment's lock.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};

use super::{CommandResult, Context, Failure};
use crate::continuity::{PlanView, view};
use crate::domain::assessment::Event;
use crate::domain::date::Date;
use crate::domain::plan::{self, Contact, Exercise, PartOrigin, Plan, PlanChange, Role};
use crate::store::fsutil::write_atomic;
use crate::text::one_line;
use crate::workspace::{Access, Loaded};

#[derive(Debug, Args)]
pub struct PlanArgs {
    #[command(flatten)]
    pub target: super::CommandTarget,
    #[command(subcommand)]
    pub command: PlanCommand,
}

#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// Show the plan that counts: contacts, services, first-hour steps, duties and exercises.
    Show,
    /// List the ids to use: incidents, suggested services and contact roles.
    List,
    /// Add or remove one of your own contacts (IT support, manager on call, insurer...).
    #[command(subcommand)]
    Contact(ContactCommand),
    /// Add, change or remove a critical service and its fallback.
    #[command(subcommand)]
    Service(ServiceCommand),
    /// Adjust the first-hour steps of an incident.
    #[command(subcommand)]
    Step(StepCommand),
    /// Record a test of the plan (a table-top exercise or a real switch to paper).
    #[command(subcommand)]
    Exercise(ExerciseCommand),
    /// Write the plan as Markdown or JSON.
    Export {
        /// md or json.
        #[arg(long, value_enum, default_value = "md")]
        format: PlanFormat,
        /// Where to write it. Default: print it.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace FILE if it already exists.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PlanFormat {
    Md,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum ContactCommand {
    /// Add a contact and print its id.
    Add {
        /// decides, on-call-manager, it-support, supplier-helpdesk, data-protection-lead, bank,
        /// insurer, local-authority, icb or other.
        #[arg(long, value_parser = parse_role)]
        role: Role,
        /// The person or organisation.
        #[arg(long)]
        name: String,
        /// The number to ring, with its area code (0113 496 0000), a mobile (07700 900123), a
        /// short code (101) or an international number starting with +. Checked, and kept in
        /// its spaced form; put hours or extensions in --notes.
        #[arg(long, value_name = "NUMBER")]
        phone: Option<String>,
        /// An email address, for when the phone is not answered.
        #[arg(long, value_name = "ADDRESS")]
        email: Option<String>,
        /// When to ring, out-of-hours arrangements, policy number, notice deadline.
        #[arg(long, value_name = "TEXT")]
        notes: Option<String>,
    },
    /// Change the fields given of a contact (`carecheck plan show` lists them); "" clears one.
    Edit {
        /// The contact's id (`carecheck plan show` lists them).
        id: String,
        /// A new role (as for `add`).
        #[arg(long, value_parser = parse_role)]
        role: Option<Role>,
        /// A new name: the person or organisation.
        #[arg(long)]
        name: Option<String>,
        /// The number to ring, checked as for `add`.
        #[arg(long, value_name = "NUMBER")]
        phone: Option<String>,
        /// An email address, for when the phone is not answered.
        #[arg(long, value_name = "ADDRESS")]
        email: Option<String>,
        /// When to ring, out-of-hours arrangements, policy number, notice deadline.
        #[arg(long, value_name = "TEXT")]
        notes: Option<String>,
    },
    /// Remove a contact by its id (`carecheck plan show` lists them).
    Remove {
        /// The contact's id (`carecheck plan show` lists them).
        id: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum ServiceCommand {
    /// Add a service, or change the fields given of one already in the plan. A suggested id
    /// (`carecheck plan list`) starts from carecheck's suggested fallback.
    Add {
        /// The service's id: a suggested one (care-records, emar...) or your own.
        id: String,
        /// Its name (required for a service of your own).
        #[arg(long)]
        title: Option<String>,
        /// How long care can safely carry on without it, in your words.
        #[arg(long)]
        how_long: Option<String>,
        /// The paper (or other) way of working.
        #[arg(long)]
        fallback: Option<String>,
        /// Where the fallback's forms are kept.
        #[arg(long)]
        forms_kept: Option<String>,
        /// Who decides to switch to the fallback.
        #[arg(long)]
        who_switches: Option<String>,
        /// How the data is entered back afterwards.
        #[arg(long)]
        back_entry: Option<String>,
    },
    /// Remove a service from the plan.
    Remove {
        /// The service's id (`carecheck plan show` lists them).
        id: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum StepCommand {
    /// Add a step to an incident (at the end, or at position N).
    Add {
        /// The incident's id (`carecheck plan list`).
        incident: String,
        /// What to do, in words a night-shift senior carer can follow.
        text: String,
        /// Put it at this position (1 is first) instead of at the end.
        #[arg(long, value_name = "N")]
        at: Option<usize>,
    },
    /// Remove step N (1 is the first) of an incident.
    Remove {
        /// The incident's id (`carecheck plan list`).
        incident: String,
        /// The step's number, as `carecheck plan show` prints it (1 is first).
        number: usize,
    },
    /// Go back to carecheck's suggested steps for an incident.
    Reset {
        /// The incident's id (`carecheck plan list`).
        incident: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum ExerciseCommand {
    /// Record an exercise and print its id. The latest exercise answers DSPT 7.2.1.
    Add {
        /// When it took place: DD/MM/YYYY or YYYY-MM-DD.
        #[arg(long, value_parser = parse_uk_date)]
        date: Date,
        /// What was practised ("no internet at 7am", "ransomware screen on the office PC").
        #[arg(long)]
        scenario: String,
        /// Who took part (repeat for several).
        #[arg(long = "participant", value_name = "NAME")]
        participants: Vec<String>,
        /// What went wrong or was missing.
        #[arg(long, value_name = "TEXT")]
        went_wrong: Option<String>,
        /// What will change as a result (repeat for several).
        #[arg(long = "action", value_name = "TEXT")]
        actions: Vec<String>,
    },
    /// Remove an exercise by its id.
    Remove {
        /// The exercise's id (`carecheck plan show` lists them).
        id: String,
    },
}

fn parse_role(text: &str) -> Result<Role, String> {
    text.parse()
}

/// A date as people in the UK write it (28/11/2026, also 28-11-2026) or as YYYY-MM-DD.
pub fn parse_uk_date(text: &str) -> Result<Date, String> {
    let text = text.trim();
    if let Some(date) = Date::parse(text) {
        return Ok(date);
    }
    let parts: Vec<&str> = text.split(['/', '-', '.']).collect();
    let number = |s: &str| {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    if let [d, m, y] = parts[..]
        && y.len() == 4
        && let (Some(d), Some(m), Some(y)) = (number(d), number(m), number(y))
        && let Some(date) = i32::try_from(y).ok().and_then(|y| Date::from_ymd(y, m, d))
    {
        return Ok(date);
    }
    Err(format!(
        "`{}` is not a date; write it as DD/MM/YYYY (or YYYY-MM-DD)",
        one_line(text)
    ))
}

pub fn run(ctx: &Context, args: &PlanArgs, out: &mut dyn Write) -> CommandResult {
    let query = args.target.assessment.as_deref();
    match &args.command {
        PlanCommand::Show => {
            let loaded = ctx.workspace.load(query, Access::Read)?;
            let view = view(&loaded, ctx.today()).map_err(Failure::new)?;
            write_text(&view, out)?;
            Ok(ExitCode::SUCCESS)
        }
        PlanCommand::List => {
            let starter = crate::continuity::starter().map_err(Failure::new)?;
            writeln!(out, "Incidents (for `plan step`):")?;
            for i in &starter.incidents {
                writeln!(out, "  {:<18} {}", i.id, one_line(&i.title))?;
            }
            writeln!(out, "Suggested services (for `plan service add`):")?;
            for s in &starter.services {
                writeln!(out, "  {:<18} {}", s.id, one_line(&s.title))?;
            }
            writeln!(out, "Contact roles (for `plan contact add --role`):")?;
            for r in Role::ALL {
                writeln!(out, "  {:<22} {}", r.keyword(), r.label())?;
            }
            Ok(ExitCode::SUCCESS)
        }
        PlanCommand::Export {
            format,
            output,
            force,
        } => {
            let loaded = ctx.workspace.load(query, Access::Read)?;
            let view = view(&loaded, ctx.today()).map_err(Failure::new)?;
            let text = match format {
                PlanFormat::Md => crate::report::plan_export::markdown(&view),
                PlanFormat::Json => crate::report::plan_export::json(&view),
            };
            match output {
                None => out.write_all(text.as_bytes())?,
                Some(path) => {
                    crate::output::check_output(path, ctx.workspace.store.data(), None, *force)?;
                    write_atomic(path, text.as_bytes()).map_err(|e| {
                        Failure::new(format!("{}: cannot write: {e}", path.display()))
                    })?;
                    writeln!(out, "Wrote {}.", one_line(&path.display().to_string()))?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        PlanCommand::Contact(command) => {
            change(ctx, query, out, |plan, _, _| contact(plan, command))
        }
        PlanCommand::Service(command) => change(ctx, query, out, |plan, head, starter| {
            service(plan, head, starter, command)
        }),
        PlanCommand::Step(command) => change(ctx, query, out, |plan, head, starter| {
            step(plan, head, starter, command)
        }),
        PlanCommand::Exercise(command) => {
            change(ctx, query, out, |plan, _, _| exercise(plan, command))
        }
    }
}

/// Opens the assessment for writing, works out one change from its own plan, records it and
/// prints what was done.
fn change(
    ctx: &Context,
    query: Option<&str>,
    out: &mut dyn Write,
    decide: impl FnOnce(
        &Plan,
        Option<&Plan>,
        &crate::domain::plan::Starter,
    ) -> Result<(PlanChange, String), Failure>,
) -> CommandResult {
    let starter = crate::continuity::starter().map_err(Failure::new)?;
    let mut loaded: Loaded = ctx.workspace.load(query, Access::Write)?;
    let head = loaded.head.as_ref().map(|h| &h.plan);
    let (change, message) = decide(&loaded.assessment().plan, head, &starter)?;
    let hint = test_item_hint(&loaded, &change);
    let by = ctx.who(loaded.assessment().details.assessor.as_deref());
    loaded.record(Event::Plan { change }, ctx.now, by)?;
    writeln!(out, "{}", one_line(&message))?;
    if let Some(hint) = hint {
        writeln!(out, "{}", one_line(&hint))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// After an exercise is recorded: how to answer the DSPT test item with it, when the
/// assessment answers the DSPT and the item is not yet met.
fn test_item_hint(loaded: &Loaded, change: &PlanChange) -> Option<String> {
    let PlanChange::Exercise {
        id,
        exercise: Some(exercise),
    } = change
    else {
        return None;
    };
    let (checklist, item) = crate::domain::plan::TEST_ITEM;
    let key = crate::domain::checklist::ItemRef::new(checklist, item);
    if !loaded.assessment().uses_checklist(checklist)
        || loaded.effective.status(&key) == crate::domain::assessment::Status::Yes
    {
        return None;
    }
    Some(format!(
        "This exercise is the test DSPT {item} asks for. Record it there with: carecheck answer {item} yes --document \"Continuity plan exercise {id}, {}\"",
        exercise.date.uk()
    ))
}

/// The domain's builder for the change, with its error as the command's failure.
fn from_domain(built: Result<plan::Built, String>) -> Result<(PlanChange, String), Failure> {
    built.map(|b| (b.change, b.message)).map_err(Failure::new)
}

fn contact(plan: &Plan, command: &ContactCommand) -> Result<(PlanChange, String), Failure> {
    from_domain(match command {
        ContactCommand::Add {
            role,
            name,
            phone,
            email,
            notes,
        } => {
            let given = |text: &Option<String>| text.clone().unwrap_or_default();
            plan::add_contact(
                plan,
                Contact {
                    role: *role,
                    name: name.clone(),
                    phone: given(phone),
                    email: given(email),
                    notes: given(notes),
                },
            )
        }
        ContactCommand::Edit {
            id,
            role,
            name,
            phone,
            email,
            notes,
        } => {
            let Some(old) = plan.contacts.get(id) else {
                // The domain's message names the contacts there are.
                return from_domain(plan::remove_contact(plan, id));
            };
            let or =
                |given: &Option<String>, old: &str| given.clone().unwrap_or_else(|| old.to_owned());
            plan::change_contact(
                plan,
                id,
                Contact {
                    role: role.unwrap_or(old.role),
                    name: or(name, &old.name),
                    phone: or(phone, &old.phone),
                    email: or(email, &old.email),
                    notes: or(notes, &old.notes),
                },
            )
        }
        ContactCommand::Remove { id } => plan::remove_contact(plan, id),
    })
}

fn service(
    plan: &Plan,
    head: Option<&Plan>,
    starter: &crate::domain::plan::Starter,
    command: &ServiceCommand,
) -> Result<(PlanChange, String), Failure> {
    from_domain(match command {
        ServiceCommand::Add {
            id,
            title,
            how_long,
            fallback,
            forms_kept,
            who_switches,
            back_entry,
        } => plan::put_service(
            plan,
            head,
            starter,
            id,
            &plan::ServiceFields {
                title: title.clone(),
                how_long: how_long.clone(),
                fallback: fallback.clone(),
                forms_kept: forms_kept.clone(),
                who_switches: who_switches.clone(),
                back_entry: back_entry.clone(),
            },
        ),
        ServiceCommand::Remove { id } => plan::remove_service(plan, id),
    })
}

fn step(
    plan: &Plan,
    head: Option<&Plan>,
    starter: &crate::domain::plan::Starter,
    command: &StepCommand,
) -> Result<(PlanChange, String), Failure> {
    let (incident, edit) = match command {
        StepCommand::Add { incident, text, at } => (
            incident,
            plan::StepEdit::Add {
                text: text.clone(),
                at: *at,
            },
        ),
        StepCommand::Remove { incident, number } => {
            (incident, plan::StepEdit::Remove { number: *number })
        }
        StepCommand::Reset { incident } => (incident, plan::StepEdit::Reset),
    };
    from_domain(plan::edit_steps(plan, head, starter, incident, edit))
}

fn exercise(plan: &Plan, command: &ExerciseCommand) -> Result<(PlanChange, String), Failure> {
    from_domain(match command {
        ExerciseCommand::Add {
            date,
            scenario,
            participants,
            went_wrong,
            actions,
        } => plan::add_exercise(
            plan,
            Exercise {
                date: *date,
                scenario: scenario.clone(),
                participants: participants.clone(),
                went_wrong: went_wrong.clone().unwrap_or_default(),
                actions: actions.clone(),
            },
        ),
        ExerciseCommand::Remove { id } => plan::remove_exercise(plan, id),
    })
}

fn origin_note(origin: PartOrigin, head: Option<&str>) -> String {
    match origin {
        PartOrigin::Own | PartOrigin::Missing => String::new(),
        PartOrigin::HeadOffice => format!(
            " (from the head office{})",
            head.map(|h| format!(", {}", one_line(h)))
                .unwrap_or_default()
        ),
        PartOrigin::Starter => " (carecheck's suggestions: not yet adopted)".into(),
    }
}

/// The plan's part of `carecheck status`: the DSPT 7.2.1 test and any reminders.
pub(crate) fn write_standing(
    standing: &crate::continuity::PlanStanding,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let (_, item) = crate::domain::plan::TEST_ITEM;
    writeln!(
        out,
        "\nContinuity plan (evidence for DSPT 7.1.2, {item} and 7.3.2):"
    )?;
    writeln!(out, "  {}", one_line(&standing.test.describe()))?;
    if let Some(status) = standing.test_item_status {
        writeln!(out, "  DSPT {item} answered: {status}")?;
    }
    writeln!(
        out,
        "  {} of your own contacts, {} recorded",
        standing.contacts,
        crate::text::count(standing.exercises, "exercise", "exercises")
    )?;
    for action in &standing.last_actions {
        writeln!(out, "  action from the last exercise: {}", one_line(action))?;
    }
    if !standing.reminders.is_empty() {
        writeln!(out, "\nReminders:")?;
        for reminder in &standing.reminders {
            writeln!(out, "  {}", one_line(reminder))?;
        }
    }
    Ok(())
}

fn write_text(view: &PlanView, out: &mut dyn Write) -> std::io::Result<()> {
    let plan = &view.plan;
    let head = view.head_office.as_deref();
    writeln!(out, "Continuity plan: {}", one_line(&view.place()))?;
    writeln!(out, "{}", one_line(&view.test.describe()))?;
    writeln!(
        out,
        "\nYour contacts{}:",
        origin_note(plan.contacts_from, head)
    )?;
    if plan.contacts.is_empty() {
        writeln!(
            out,
            "  none yet: add them with `carecheck plan contact add --role ROLE --name NAME --phone NUMBER`"
        )?;
    }
    for (id, c) in &plan.contacts {
        let reach = [c.phone.as_str(), c.email.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        let from_head = if plan.inherited_contacts.contains(id) {
            "  (head office)"
        } else {
            ""
        };
        writeln!(
            out,
            "  {id:<20} {:<22} {}  {}{from_head}",
            c.role.label(),
            one_line(&c.name),
            one_line(&reach)
        )?;
    }
    writeln!(out, "\nNational contacts (carecheck's content):")?;
    for c in &view.starter.contacts {
        let reach = c
            .phone
            .as_deref()
            .or(c.email.as_deref())
            .or(c.url.as_deref())
            .unwrap_or("enter your own");
        let review = if c.checked.review_overdue(view.today) {
            "  REVIEW OVERDUE"
        } else {
            ""
        };
        writeln!(
            out,
            "  {:<20} {}: {}  [checked {}, review by {}; {}]{review}",
            c.id,
            one_line(&c.name),
            one_line(reach),
            c.checked.checked.uk(),
            c.checked.review_by.uk(),
            one_line(&c.checked.confidence.describe())
        )?;
    }
    writeln!(
        out,
        "\nCritical services{}:",
        origin_note(plan.services_from, head)
    )?;
    for (id, s) in &plan.services {
        let how_long = if s.how_long.is_empty() {
            "how long without it: not yet answered".to_owned()
        } else {
            format!("how long without it: {}", one_line(&s.how_long))
        };
        writeln!(out, "  {id:<16} {}: {how_long}", one_line(&s.title))?;
        writeln!(out, "      fallback: {}", one_line(&s.fallback))?;
    }
    let to_consider = plan.services_to_consider(&view.starter);
    if !to_consider.is_empty() {
        let ids: Vec<&str> = to_consider.iter().map(|t| t.id.as_str()).collect();
        writeln!(out, "  not in the plan yet (suggested): {}", ids.join(", "))?;
    }
    writeln!(out, "\nFirst hour:")?;
    for i in &plan.incidents {
        writeln!(
            out,
            "  {} ({}){}",
            one_line(&i.incident.title),
            i.incident.id,
            origin_note(i.steps_from, head)
        )?;
        for (n, step) in i.steps.iter().enumerate() {
            writeln!(out, "    {}. {}", n + 1, one_line(step))?;
        }
    }
    writeln!(
        out,
        "\nExercises{}:",
        origin_note(plan.exercises_from, head)
    )?;
    if plan.exercises.is_empty() {
        writeln!(out, "  none recorded")?;
    }
    for (id, e) in &plan.exercises {
        writeln!(out, "  {id:<4} {}  {}", e.date.uk(), one_line(&e.scenario))?;
        if !e.participants.is_empty() {
            writeln!(out, "       with: {}", one_line(&e.participants.join(", ")))?;
        }
        if !e.went_wrong.is_empty() {
            writeln!(out, "       went wrong: {}", one_line(&e.went_wrong))?;
        }
        for action in &e.actions {
            writeln!(out, "       action: {}", one_line(action))?;
        }
    }
    let overdue = view.overdue_reviews();
    if !overdue.is_empty() {
        writeln!(
            out,
            "\n{} national entries are past their review date: check them against their sources.",
            overdue.len()
        )?;
    }
    let check = view.needs_checking();
    if !check.is_empty() {
        writeln!(out, "\nNumbers on the incident card to check:")?;
        for line in check {
            writeln!(out, "  {}", one_line(&line))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uk_and_iso_dates_are_accepted() {
        let expected = Date::parse("2026-03-05").expect("date");
        for text in [
            "05/03/2026",
            "5/3/2026",
            "05-03-2026",
            "2026-03-05",
            " 5.3.2026 ",
        ] {
            assert_eq!(parse_uk_date(text), Ok(expected), "{text}");
        }
        for bad in [
            "31/02/2026",
            "03/05/26",
            "2026/03/05",
            "tomorrow",
            "1/2/3/2026",
            "",
        ] {
            assert!(parse_uk_date(bad).is_err(), "{bad}");
        }
    }
}
