//! The command line: what each command is called, and running it.

mod answer;
mod answers_across;
mod assessments;
mod calendar;
mod checklists;
mod complete;
mod config;
mod diff;
mod guide;
mod import;
mod meta;
mod passphrase;
mod plan;
mod profile;
mod renew;
pub(crate) mod report;
mod risk;
mod sign;
mod status;
mod supplier;
mod transfer;
mod verify;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::checklist::Library;
use crate::domain::assessment::{ActionStatus, Priority, Status};
use crate::domain::date::{Date, Timestamp};
use crate::store::{DataDir, Store, StoreError};
use crate::text;
use crate::workspace::{LoadError, Workspace};

/// carecheck guides you through cyber security and data protection checklists for adult social
/// care (the NHS Data Security and Protection Toolkit, Cyber Essentials, NCSC guidance), keeps
/// your answers on this computer, and prints an evidence pack. It never uses the network.
///
/// Run it with no command to open the guided screens.
#[derive(Debug, Parser)]
#[command(
    name = "carecheck",
    version,
    disable_version_flag = true,
    about,
    long_about,
    max_term_width = 100
)]
pub struct Cli {
    /// Print the version and the checklists built in, with their editions.
    #[arg(short = 'V', long)]
    pub version: bool,

    /// The guided screens in a theme that relies on no colour (weight, reverse and symbols
    /// only), for low vision, colour blindness or a screen reader.
    #[arg(long, env = "CARECHECK_HIGH_CONTRAST")]
    pub high_contrast: bool,

    /// Keep carecheck's files in this folder instead of the usual place (for example a USB stick).
    #[arg(long, global = true, env = "CARECHECK_DATA_DIR", value_name = "FOLDER")]
    pub data_dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the checklists you can use: the ones built in and your own; or add one to an
    /// assessment, or take one off it.
    Checklists {
        #[command(subcommand)]
        change: Option<ChecklistsChange>,
    },
    /// Check checklist files for mistakes before you use them.
    ///
    /// Every problem is printed on its own line as FILE:LINE:COLUMN: what is wrong.
    /// Exits with 0 when every file is valid and 1 when any is not.
    Validate {
        /// The checklist files (.toml) to check.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Start a new assessment for an organisation or one of its sites, and print its id.
    New(NewArgs),
    /// List your assessments with their progress.
    List {
        /// Only the assessments of this organisation.
        #[arg(long, value_name = "NAME")]
        org: Option<String>,
    },
    /// Show or change the organisation's profile: its ODS code, CQC and ICO identifiers,
    /// address, the sites covered and the period assessed, all printed on the evidence pack.
    /// With no flags, shows it. An empty value ("") clears a field.
    Profile {
        #[command(flatten)]
        target: Target,
        #[command(flatten)]
        profile: profile::ProfileArgs,
    },
    /// Record an answer to one item.
    ///
    /// ITEM is CHECKLIST:ID (for example dspt-social-care:4.5.3), or just the ID when only one
    /// checklist of the assessment has it. STATUS is yes, partial, no, na (not applicable),
    /// alt (met another way: needs --justification) or unanswered.
    Answer(AnswerArgs),
    /// Answer the items one at a time as plain lines: for a screen reader, a braille display, a
    /// dumb terminal, a slow remote link or a script (`printf 'y\nn\n' | carecheck guide`).
    /// Each item shows its question, what good looks like and its answer now, then asks
    /// "y yes, p partial, n no, a not applicable, s skip, ? more, q quit". Each answer is saved
    /// as it is given; q or the end of input stops.
    Guide {
        #[command(flatten)]
        target: Target,
        /// Walk every item, answered ones too (default: those with no answer yet, and those
        /// carried forward that wait to be confirmed).
        #[arg(long)]
        all: bool,
    },
    /// Show progress, whether each level (such as Standards Met) is reached, and what blocks it.
    ///
    /// Exits with 0 when every level of the assessment's checklists is reached and no supplier or
    /// risk reminder is due (a certificate or DSPT status expiring within 60 days, a review due),
    /// and 1 when not.
    Status {
        #[command(flatten)]
        target: Target,
        /// Print everything as JSON, for scripts and other tools.
        #[arg(long)]
        json: bool,
        /// Every assessment side by side (each site of an organisation, its head office first),
        /// instead of one in detail.
        #[arg(long, conflicts_with = "assessment")]
        all: bool,
        /// With --all: only the assessments of this organisation (a consultant's one client).
        #[arg(long, value_name = "NAME", requires = "all")]
        org: Option<String>,
    },
    /// Build the PDF evidence pack: summary, gaps and action plan, every answer, the evidence
    /// index (each file checked again now) and a sign-off page. --all builds a roll-up of every
    /// assessment side by side instead.
    ///
    /// Exits with 1 if an evidence file has changed or gone missing since it was recorded (the
    /// report is still written, and marks it).
    Report {
        #[command(flatten)]
        target: Target,
        /// Where to write the PDF. Default: ASSESSMENT-evidence-DATE.pdf in the current folder.
        #[arg(short = 'o', long = "output", value_name = "FILE.pdf")]
        output: Option<PathBuf>,
        /// Instead, a roll-up of every assessment side by side (each organisation's sites).
        #[arg(long, conflicts_with = "assessment")]
        all: bool,
        /// With --all: only the assessments of this organisation (a consultant's one client).
        #[arg(long, value_name = "NAME", requires = "all")]
        org: Option<String>,
        /// Replace FILE if it already exists (carecheck never does otherwise).
        #[arg(long)]
        force: bool,
        /// Instead, the one-page incident card to pin by the phone: the numbers to ring and the
        /// first-hour steps.
        #[arg(long, conflicts_with_all = ["all", "continuity_plan"])]
        incident_card: bool,
        /// With --incident-card: the large card for the office wall, in 14-point type and
        /// more, the numbers on the first side and one incident on each side after it.
        #[arg(long, requires = "incident_card")]
        large: bool,
        /// Instead, the full continuity plan (`carecheck plan` builds it).
        #[arg(long, conflicts_with = "all")]
        continuity_plan: bool,
        /// Instead, the supplier and risk registers: reminders, the supplier table, which
        /// critical services rest on one supplier, the risk heat map and each risk's
        /// mitigations (`carecheck supplier` and `carecheck risk` build them).
        #[arg(long, conflicts_with_all = ["all", "incident_card", "continuity_plan"])]
        registers: bool,
        #[command(flatten)]
        kind: report::PackKind,
    },
    /// Build the continuity plan: your contacts, critical services and their paper fallbacks,
    /// the first-hour steps for common incidents, and the exercises that test it.
    Plan(plan::PlanArgs),
    /// The supplier register: each technology supplier, what it provides, its contract,
    /// certificates and review; which critical services rest on one supplier; the questions
    /// to ask each one.
    Supplier(supplier::SupplierArgs),
    /// The risk register: what could go wrong, scored 1-5 for likelihood and impact, with the
    /// checklist items and suppliers that protect against it (their answers set how well it
    /// is mitigated).
    Risk(risk::RiskArgs),
    /// Export the answers for other tools: CSV (opens cleanly in Excel), JSON (everything),
    /// Markdown (a readable summary) or OSCAL. --actions exports just the action plan as CSV;
    /// --all compares every assessment side by side.
    Export {
        #[command(flatten)]
        target: Target,
        /// csv, json, md, oscal-ar (OSCAL assessment results) or oscal-poam (OSCAL plan of
        /// action and milestones).
        #[arg(long, value_enum, default_value = "csv")]
        format: ExportFormat,
        /// Only the action plan (gaps with owner, due date and priority), as CSV.
        #[arg(long, conflicts_with = "format")]
        actions: bool,
        /// A roll-up of every assessment side by side, as CSV: one row per assessment and
        /// checklist, to compare the sites of an organisation.
        #[arg(long, conflicts_with_all = ["format", "actions"])]
        all: bool,
        /// The supplier register instead, as CSV: one row per supplier with its reminders.
        #[arg(long, conflicts_with_all = ["format", "actions", "all", "risks"])]
        suppliers: bool,
        /// The risk register instead, as CSV: one row per risk with what keeps it high.
        #[arg(long, conflicts_with_all = ["format", "actions", "all"])]
        risks: bool,
        /// Every dated duty (actions due, reviews, certificates and DSPT statuses expiring,
        /// supplier and risk reviews, the next exercise, the deadline) as an iCalendar file
        /// (.ics) for Outlook, Google Calendar or Apple Calendar; with --all, of every
        /// assessment. Importing a newer file updates the events instead of duplicating them.
        #[arg(long, conflicts_with_all = ["format", "actions", "suppliers", "risks"])]
        calendar: bool,
        /// With --calendar: days before each duty that the calendar reminds you (0 for none).
        #[arg(long, value_name = "DAYS", default_value_t = 7, requires = "calendar")]
        alarm_days: u32,
        /// With --all: only the assessments of this organisation (a consultant's one client).
        #[arg(long, value_name = "NAME", requires = "all")]
        org: Option<String>,
        /// Where to write it. Default: print it.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace FILE if it already exists (carecheck never does otherwise).
        #[arg(long)]
        force: bool,
    },
    /// Pack an assessment into one file to carry to another computer or hand over: its answers,
    /// journal and checklist copies, with a SHA-256 for every part.
    Bundle {
        #[command(flatten)]
        target: Target,
        /// The bundle file to write.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
        /// Include the evidence files themselves (each checked against its fingerprint).
        #[arg(long)]
        with_evidence: bool,
        /// Leave every note out, for sharing outside the organisation.
        #[arg(long)]
        no_notes: bool,
        /// Protect the bundle with a passphrase (age format, scrypt): typed without being
        /// shown, or taken from CARECHECK_PASSPHRASE. Use it for any bundle that leaves the
        /// organisation's own computer.
        #[arg(long)]
        encrypt: bool,
        /// Replace FILE if it already exists (carecheck never does otherwise).
        #[arg(long)]
        force: bool,
    },
    /// Import a bundle made by `carecheck bundle`, checking every part. An altered bundle is
    /// refused and nothing is imported. A protected bundle asks for its passphrase (or reads
    /// CARECHECK_PASSPHRASE).
    Unbundle {
        /// The bundle file.
        file: PathBuf,
        /// Import it under this id instead of its own (when that id is taken here).
        #[arg(long = "as", value_name = "ID")]
        as_id: Option<String>,
    },
    /// Turn another format into a carecheck checklist.
    Import {
        #[command(subcommand)]
        what: ImportKind,
    },
    /// Check an evidence pack someone sent you: that it is as carecheck made it, and (with
    /// --evidence) that the evidence files you were given are the ones it lists, by SHA-256.
    ///
    /// It says which kind of document carecheck made (evidence pack, action plan, incident
    /// card…), whether its pages are still the ones carecheck sealed (the seal is a checksum
    /// anyone could rebuild, not a signature), and, when PACK.pdf.sig is beside it (`carecheck
    /// sign`), whether that signature fits and by which key. Exits with 0 when everything
    /// matches and 1 when anything does not, even when the output is not read.
    Verify {
        /// The evidence pack (PDF) to check.
        pack: PathBuf,
        /// A folder holding the evidence files, to check against the pack's list.
        #[arg(long, value_name = "FOLDER")]
        evidence: Option<PathBuf>,
    },
    /// Sign a PDF carecheck made, writing PACK.pdf.sig (OpenSSH's signature format), so anyone
    /// can check with `ssh-keygen -Y verify` or `carecheck verify` that it is byte for byte the
    /// file you signed. Uses carecheck's own key (made on first use) unless --key names yours.
    Sign(sign::SignArgs),
    /// The key `carecheck sign` uses: `key show` prints it with the line and command others
    /// need to check your signatures.
    Key {
        #[command(subcommand)]
        what: sign::KeyCommand,
    },
    /// Move an assessment to the newest edition of its checklists built into carecheck (or in
    /// your checklists folder). Answers are kept; any whose item no longer exists are kept as
    /// orphaned and listed by `carecheck status`.
    Upgrade {
        #[command(flatten)]
        target: Target,
    },
    /// Print a completion script for your shell: bash, zsh, fish, elvish or powershell
    /// (see the README's Install section for where it goes).
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print carecheck's manual page (roff): `carecheck man | man -l -`, or save it as
    /// carecheck.1 in a man folder. With a COMMAND, that command's page (carecheck-COMMAND.1).
    Man {
        /// One command's page instead of the main one; several words for a command inside
        /// another (`carecheck man plan contact add`).
        command: Vec<String>,
        /// List every page there is, one command per line (`plan contact add`), to make them
        /// all: each page names the pages of the commands inside it.
        #[arg(long, conflicts_with = "command")]
        list: bool,
    },
    /// Start this year's assessment from last year's: the same details, profile and plan, every
    /// answer carried forward (open actions still open) and marked to confirm, evidence checked
    /// again. A carried-forward answer counts as met only once confirmed. Prints the new id.
    Renew {
        #[command(flatten)]
        target: Target,
        /// Move only the checklists that carecheck has in this edition (e.g. 2026-27) to it.
        /// Without it, every checklist moves to the edition carecheck has now, as `upgrade`
        /// does; items new in it are listed first.
        #[arg(long, value_name = "EDITION", conflicts_with = "keep_editions")]
        edition: Option<String>,
        /// Keep last year's editions, even where carecheck has a newer one.
        #[arg(long)]
        keep_editions: bool,
        /// Renew even an assessment renewed already, or this period's own.
        #[arg(long)]
        force: bool,
    },
    /// Show or change your settings (kept in carecheck's config folder; the README says
    /// where): `config set assessor "NAME"` records who `new` names as assessor by default.
    Config {
        #[command(subcommand)]
        change: Option<ConfigChange>,
    },
    /// What changed from one assessment to another (last year's to this year's): answers,
    /// gaps opened and closed, evidence replaced, and met counts per checklist and section.
    Diff {
        /// The earlier assessment (its id, the start of its id, or the organisation's name).
        #[arg(add = complete::assessments())]
        then: String,
        /// The later assessment.
        #[arg(add = complete::assessments())]
        now: String,
        /// Print it as JSON, for scripts and other tools.
        #[arg(long)]
        json: bool,
    },
    /// Say that carried-forward answers are still true this year, so they count again.
    /// (Answering an item again with `carecheck answer` confirms it too.)
    Confirm {
        /// The items, as CHECKLIST:ID or just ID.
        #[arg(required = true, value_name = "ITEM")]
        items: Vec<String>,
        #[command(flatten)]
        target: Target,
    },
}

#[derive(Debug, Subcommand)]
pub enum ImportKind {
    /// An OSCAL catalog (JSON), or a resolved profile catalog such as a NIST SP 800-53
    /// baseline. Groups become sections and controls become items; withdrawn controls are
    /// left out. The checklist goes into your checklists folder unless -o says otherwise.
    Oscal {
        /// The catalog's JSON file.
        catalog: PathBuf,
        /// Where to write the checklist (.toml).
        #[arg(short = 'o', long = "output", value_name = "FILE.toml")]
        output: Option<PathBuf>,
        /// The checklist's id (default: from the file name).
        #[arg(long)]
        id: Option<String>,
        /// Where the catalog is published, to cite in the checklist.
        #[arg(long, value_name = "URL")]
        source_url: Option<String>,
        /// Replace FILE if it already exists (carecheck never does otherwise).
        #[arg(long)]
        force: bool,
    },
    /// A published control list as a spreadsheet (.xlsx or .csv), such as NHS England's DSPT
    /// evidence-item list: each row an item, columns found by their headers. With
    /// --merge-with, items carecheck knows keep its plain-English help. The checklist goes
    /// into your checklists folder unless -o says otherwise.
    Table(Box<import::TableArgs>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
    Md,
    /// OSCAL assessment results (JSON).
    OscalAr,
    /// OSCAL plan of action and milestones (JSON): one item per gap.
    OscalPoam,
}

/// Reading or changing one setting.
#[derive(Debug, Subcommand)]
pub enum ConfigChange {
    /// Print a setting's value (exits with 1 when it is not set), or every setting.
    Get {
        /// The setting: assessor.
        key: Option<String>,
    },
    /// Set a setting; an empty value ("") unsets it.
    Set {
        /// The setting: assessor.
        key: String,
        /// Its new value ("" clears it).
        value: String,
    },
}

/// Changing which checklists an assessment uses.
#[derive(Debug, Subcommand)]
pub enum ChecklistsChange {
    /// Add a checklist to an assessment already started (one forgotten at the start, say).
    /// Answers given to it before it was removed count again.
    Add {
        /// The checklist's ID, as `carecheck checklists` lists it.
        #[arg(value_name = "ID", add = complete::checklists())]
        id: String,
        #[command(flatten)]
        target: Target,
        /// Give the added checklist the answers of this checklist of the assessment, item by
        /// item where the ids match (a list imported with `import table` taking over from the
        /// built-in one). Answers stay on the old checklist too.
        #[arg(long, value_name = "CHECKLIST")]
        answers_from: Option<String>,
    },
    /// Take a checklist off an assessment. Its answers are kept (in the journal and the
    /// assessment), no longer counted, and count again if the checklist is added back.
    Remove {
        /// The checklist's id (`carecheck checklists` lists them).
        #[arg(value_name = "ID", add = complete::checklists())]
        id: String,
        #[command(flatten)]
        target: Target,
    },
}

/// Which assessment a command works on.
#[derive(Debug, clap::Args)]
pub struct Target {
    /// The assessment: its id, the start of its id, or the organisation's name. Without it,
    /// the one you used last.
    #[arg(short = 'a', long = "assessment", value_name = "ASSESSMENT", add = complete::assessments())]
    pub assessment: Option<String>,
}

/// Which assessment a command group works on (`plan`, `supplier`, `risk`): the same `-a`, given
/// before or after the subcommand.
#[derive(Debug, clap::Args)]
pub struct CommandTarget {
    /// The assessment: its id, the start of its id, or the organisation's name. Without it,
    /// the one you used last.
    #[arg(
        short = 'a',
        long = "assessment",
        value_name = "ASSESSMENT",
        global = true,
        add = complete::assessments()
    )]
    pub assessment: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// The organisation's name, as on its CQC registration.
    #[arg(long, value_name = "NAME")]
    pub org: String,
    /// The site (care home, branch or office), if this assessment is for one site.
    #[arg(long, value_name = "NAME")]
    pub site: Option<String>,
    /// Who is carrying out the assessment. Default: the one set with `carecheck config set
    /// assessor NAME`.
    #[arg(long, value_name = "NAME")]
    pub assessor: Option<String>,
    /// A checklist to answer (repeat for several). Default: the DSPT for social care.
    /// `carecheck checklists` lists the ids.
    #[arg(long = "checklist", value_name = "ID", add = complete::checklists())]
    pub checklists: Vec<String>,
    /// Make this the organisation's head-office assessment, whose answers its sites inherit
    /// (as the DSPT lets a head office publish for several homes).
    #[arg(long, conflicts_with = "inherit_from")]
    pub head_office: bool,
    /// Make this a site of the head-office assessment HEAD-OFFICE (its id or organisation):
    /// the site shows the head office's answers until it answers differently itself.
    #[arg(long, value_name = "HEAD-OFFICE")]
    pub inherit_from: Option<String>,
    #[command(flatten)]
    pub profile: profile::ProfileArgs,
}

#[derive(Debug, clap::Args)]
pub struct AnswerArgs {
    /// The item, as CHECKLIST:ID or just ID.
    pub item: String,
    /// yes, partial, no, na, alt or unanswered.
    #[arg(value_parser = parse_status)]
    pub status: Status,
    #[command(flatten)]
    pub target: Target,
    /// A note to keep with the answer (replaces any earlier note).
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// The value the item asks for (a number, a percentage, a date as DD/MM/YYYY, or text).
    /// An empty value ("") clears it.
    #[arg(long, value_name = "VALUE")]
    pub value: Option<String>,
    /// Why an alternative answer meets the item. Required with alt.
    #[arg(long, value_name = "TEXT")]
    pub justification: Option<String>,
    /// A file that is evidence for this item; carecheck records its SHA-256 fingerprint so a
    /// later change to the file is noticed. Repeat for several.
    #[arg(long = "evidence", value_name = "PATH")]
    pub evidence_files: Vec<PathBuf>,
    /// Evidence that is not a file here: a document's name or where it is kept.
    #[arg(long = "document", value_name = "TEXT")]
    pub documents: Vec<String>,
    /// The date of the evidence added by this command (DD/MM/YYYY), e.g. a certificate's date.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub evidence_date: Option<Date>,
    /// When the evidence added by this command should be looked at again (DD/MM/YYYY).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub review_by: Option<Date>,
    /// Flag the item for review.
    #[arg(long, conflicts_with = "unflag")]
    pub flag: bool,
    /// Clear the review flag.
    #[arg(long)]
    pub unflag: bool,
    /// Remove the evidence entry with this number (1 is the first listed; repeat for several).
    #[arg(long, value_name = "N")]
    pub remove_evidence: Vec<usize>,
    /// What will be done to close the gap (for partial or no).
    #[arg(long, value_name = "TEXT")]
    pub action: Option<String>,
    /// Who will close the gap (for partial or no).
    #[arg(long, value_name = "NAME")]
    pub owner: Option<String>,
    /// When the gap should be closed (DD/MM/YYYY).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub due: Option<Date>,
    /// Where the action stands: open, in-progress or done (done records today as its closing
    /// date).
    #[arg(long, value_name = "STATUS", value_parser = parse_action_status)]
    pub action_status: Option<ActionStatus>,
    /// How urgent closing the gap is: high, medium or low.
    #[arg(long, value_name = "PRIORITY", value_parser = parse_priority)]
    pub priority: Option<Priority>,
    /// Give the same answer to the linked items in this assessment's other checklists that
    /// are the same control and have no answer yet. Items already answered are skipped (and
    /// named); assessors' hands-on tests are never answered this way.
    #[arg(long)]
    pub propagate: bool,
    /// Like --propagate, but also replace the answers of linked items already answered.
    #[arg(long, conflicts_with = "propagate")]
    pub propagate_overwrite: bool,
}

fn parse_status(text: &str) -> Result<Status, String> {
    text.parse()
}

fn parse_action_status(text: &str) -> Result<ActionStatus, String> {
    text.parse()
}

fn parse_priority(text: &str) -> Result<Priority, String> {
    text.parse()
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse_input(text).ok_or_else(|| {
        format!(
            "`{text}` is not a date; write it as {}, e.g. 15/09/2025",
            crate::domain::date::DATE_HINT
        )
    })
}

/// A command that could not do what was asked: the message for the user and the exit code.
#[derive(Debug)]
pub struct Failure {
    pub message: String,
    pub code: u8,
}

impl Failure {
    pub fn new(message: impl Into<String>) -> Failure {
        Failure {
            message: message.into(),
            code: 1,
        }
    }
}

impl From<StoreError> for Failure {
    fn from(error: StoreError) -> Failure {
        Failure::new(error.to_string())
    }
}

impl From<crate::output::OutputError> for Failure {
    fn from(error: crate::output::OutputError) -> Failure {
        Failure::new(error.to_string())
    }
}

impl From<LoadError> for Failure {
    fn from(error: LoadError) -> Failure {
        Failure::new(error.to_string())
    }
}

impl From<io::Error> for Failure {
    fn from(error: io::Error) -> Failure {
        // Output piped into `head` and closed early is not an error worth a message.
        if error.kind() == io::ErrorKind::BrokenPipe {
            return Failure {
                message: String::new(),
                code: 0,
            };
        }
        Failure::new(format!("cannot write output: {error}"))
    }
}

pub type CommandResult = Result<ExitCode, Failure>;

/// Parses the command line, runs the command and turns any failure into a message and exit code.
pub fn main() -> ExitCode {
    // A shell asking for completions (COMPLETE=bash carecheck -- …) is answered and exits here.
    clap_complete::CompleteEnv::with_factory(<Cli as clap::CommandFactory>::command).complete();
    let cli = Cli::parse();
    // Every command prints through the one terminal gate (see `text::TerminalWriter`).
    let mut out = text::TerminalWriter::new(io::stdout().lock());
    // Output nobody reads any more (`verify x.pdf | grep -q ALTERED`, `completions bash | head`)
    // does not change the verdict's exit code.
    let result = run(cli, &mut out).and_then(|code| match out.flush() {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(Failure::from(e)),
        _ => Ok(code),
    });
    match result {
        Ok(code) => code,
        Err(failure) => {
            if !failure.message.is_empty() {
                eprintln!("carecheck: {}", text::multi_line(&failure.message));
            }
            ExitCode::from(failure.code)
        }
    }
}

fn run(cli: Cli, out: &mut dyn Write) -> CommandResult {
    match cli.command {
        _ if cli.version => return meta::version(out),
        Some(Command::Completions { shell }) => return meta::completions(shell, out),
        Some(Command::Man { list: true, .. }) => return meta::man_pages(out),
        Some(Command::Man { command, .. }) => return meta::man(&command, out),
        _ => {}
    }
    let data_dir = DataDir::resolve(cli.data_dir.as_deref()).ok_or_else(|| {
        Failure::new("cannot find a home folder to keep data in; use --data-dir FOLDER")
    })?;
    match cli.command {
        Some(Command::Checklists { change: None }) => checklists::list(&data_dir, out),
        Some(Command::Checklists {
            change: Some(change),
        }) => checklists::change(&Context::new(data_dir), &change, out),
        Some(Command::Validate { files }) => checklists::validate(&data_dir, &files, out),
        Some(Command::New(args)) => assessments::new(&Context::new(data_dir), &args, out),
        Some(Command::List { org }) => {
            assessments::list(&Context::new(data_dir), org.as_deref(), out)
        }
        Some(Command::Answer(args)) => answer::run(&Context::new(data_dir), &args, out),
        Some(Command::Guide { target, all }) => guide::run_stdio(
            &Context::new(data_dir),
            target.assessment.as_deref(),
            all,
            out,
        ),
        Some(Command::Report {
            all: true,
            output,
            org,
            force,
            ..
        }) => {
            let ctx = Context::new(data_dir);
            let path =
                output.unwrap_or_else(|| PathBuf::from(format!("rollup-{}.pdf", ctx.today())));
            crate::output::check_output(&path, ctx.workspace.store.data(), None, force)?;
            status::rollup_pdf(&ctx, org.as_deref(), Some(path), out)
        }
        Some(Command::Report {
            target,
            output,
            force,
            incident_card,
            large,
            continuity_plan,
            ..
        }) if incident_card || continuity_plan => report::plan_pdf(
            &Context::new(data_dir),
            target.assessment.as_deref(),
            output,
            force,
            if large {
                report::PlanPaper::LargeCard
            } else if incident_card {
                report::PlanPaper::IncidentCard
            } else {
                report::PlanPaper::ContinuityPlan
            },
            out,
        ),
        Some(Command::Report {
            target,
            output,
            force,
            registers: true,
            ..
        }) => supplier::registers_pdf(
            &Context::new(data_dir),
            target.assessment.as_deref(),
            output,
            force,
            out,
        ),
        Some(Command::Plan(args)) => plan::run(&Context::new(data_dir), &args, out),
        Some(Command::Supplier(args)) => supplier::run(&Context::new(data_dir), &args, out),
        Some(Command::Risk(args)) => risk::run(&Context::new(data_dir), &args, out),
        Some(Command::Report {
            target,
            output,
            force,
            kind,
            ..
        }) => report::pdf(
            &Context::new(data_dir),
            target.assessment.as_deref(),
            output,
            force,
            kind,
            out,
        ),
        Some(Command::Profile { target, profile }) => {
            profile::run(&Context::new(data_dir), &target, &profile, out)
        }
        Some(Command::Export {
            target,
            calendar: true,
            all,
            org,
            alarm_days,
            output,
            force,
            ..
        }) => calendar::export(
            &Context::new(data_dir),
            &calendar::CalendarRequest {
                query: target.assessment.as_deref(),
                all,
                org: org.as_deref(),
                alarm_days,
            },
            output.as_deref(),
            force,
            out,
        ),
        Some(Command::Export {
            all: true,
            output,
            org,
            force,
            ..
        }) => {
            let ctx = Context::new(data_dir);
            if let Some(path) = &output {
                crate::output::check_output(path, ctx.workspace.store.data(), None, force)?;
            }
            status::rollup_csv(&ctx, org.as_deref(), output.as_deref(), out)
        }
        Some(Command::Export {
            target,
            suppliers,
            risks,
            output,
            force,
            ..
        }) if suppliers || risks => supplier::export_csv(
            &Context::new(data_dir),
            target.assessment.as_deref(),
            risks,
            output.as_deref(),
            force,
            out,
        ),
        Some(Command::Export {
            target,
            format,
            actions,
            output,
            force,
            ..
        }) => report::export(
            &Context::new(data_dir),
            target.assessment.as_deref(),
            (format, actions),
            output.as_deref(),
            force,
            out,
        ),
        Some(Command::Import {
            what:
                ImportKind::Oscal {
                    catalog,
                    output,
                    id,
                    source_url,
                    force,
                },
        }) => import::oscal(&data_dir, &catalog, output, (id, source_url), force, out),
        Some(Command::Import {
            what: ImportKind::Table(args),
        }) => import::table(&data_dir, &args, out),
        Some(Command::Bundle {
            target,
            output,
            with_evidence,
            no_notes,
            encrypt,
            force,
        }) => {
            let options = transfer::BundleOptions {
                with_evidence,
                no_notes,
                encrypt,
                force,
            };
            transfer::bundle(
                &Context::new(data_dir),
                target.assessment.as_deref(),
                &output,
                options,
                out,
            )
        }
        Some(Command::Unbundle { file, as_id }) => {
            transfer::unbundle(&Context::new(data_dir), &file, as_id, out)
        }
        Some(Command::Verify { pack, evidence }) => verify::run(&pack, evidence.as_deref(), out),
        Some(Command::Sign(args)) => sign::sign(&data_dir, &args, out),
        Some(Command::Key {
            what:
                sign::KeyCommand::Show {
                    key,
                    allowed_signers,
                },
        }) => sign::show(key.as_deref(), allowed_signers, out),
        Some(Command::Upgrade { target }) => {
            assessments::upgrade(&Context::new(data_dir), target.assessment.as_deref(), out)
        }
        Some(Command::Renew {
            target,
            edition,
            keep_editions,
            force,
        }) => {
            let ctx = Context::new(data_dir);
            let query = target.assessment.as_deref();
            match renew::guard(&ctx, query, force) {
                Err(refused) => Err(refused),
                Ok(()) => renew::renew(
                    &ctx,
                    query,
                    match (edition.as_deref(), keep_editions) {
                        (Some(edition), _) => crate::renew::Editions::Only(edition),
                        (None, true) => crate::renew::Editions::Keep,
                        (None, false) => crate::renew::Editions::Newest,
                    },
                    out,
                ),
            }
        }
        Some(Command::Config { change }) => config::run(change.as_ref(), out),
        Some(Command::Diff { then, now, json }) => {
            diff::run(&Context::new(data_dir), &then, &now, json, out)
        }
        Some(Command::Confirm { items, target }) => renew::confirm(
            &Context::new(data_dir),
            target.assessment.as_deref(),
            &items,
            out,
        ),
        Some(Command::Status {
            all: true,
            json,
            org,
            ..
        }) => status::all(&Context::new(data_dir), org.as_deref(), json, out),
        Some(Command::Status { target, json, .. }) => status::run(
            &Context::new(data_dir),
            target.assessment.as_deref(),
            json,
            out,
        ),
        Some(Command::Completions { .. } | Command::Man { .. }) => Ok(ExitCode::SUCCESS),
        None => {
            let (library, _) = load_library(&data_dir);
            crate::tui::run(Store::new(data_dir), library, cli.high_contrast)
                .map_err(Failure::new)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The bundled and user checklists, printing any broken user checklist as a warning.
pub(crate) fn load_library(data_dir: &DataDir) -> (Library, bool) {
    let (library, problems) = Library::load(Some(&data_dir.checklists()));
    for problem in &problems {
        eprintln!("warning: {problem}");
    }
    (library, problems.is_empty())
}

/// What the assessment commands share: the workspace (store and checklists) and the time.
pub(crate) struct Context {
    pub workspace: Workspace,
    pub now: Timestamp,
}

impl Context {
    fn new(data_dir: DataDir) -> Context {
        let (library, _) = load_library(&data_dir);
        Context {
            workspace: Workspace::new(Store::new(data_dir), library),
            now: crate::clock::now(),
        }
    }

    pub fn today(&self) -> Date {
        self.now.date()
    }

    /// Who to record as making a change.
    pub fn who(&self, assessor: Option<&str>) -> Option<String> {
        crate::store::author(assessor)
    }
}
