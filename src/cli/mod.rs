//! The command line: what each command is called, and running it.

mod checklists;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::checklist::Library;
use crate::store::DataDir;
use crate::text;

/// carecheck guides you through cyber security and data protection checklists for adult social
/// care (the NHS Data Security and Protection Toolkit, Cyber Essentials, NCSC guidance), keeps
/// your answers on this computer, and prints an evidence pack. It never uses the network.
///
/// Run it with no command to open the guided screens.
#[derive(Debug, Parser)]
#[command(name = "carecheck", version, about, long_about, max_term_width = 100)]
pub struct Cli {
    /// Keep carecheck's files in this folder instead of the usual place (for example a USB stick).
    #[arg(long, global = true, env = "CARECHECK_DATA_DIR", value_name = "FOLDER")]
    pub data_dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the checklists you can use: the ones built in and your own.
    Checklists,
    /// Check checklist files for mistakes before you use them.
    ///
    /// Every problem is printed on its own line as FILE:LINE:COLUMN: what is wrong.
    /// Exits with 0 when every file is valid and 1 when any is not.
    Validate {
        /// The checklist files (.toml) to check.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
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
    let cli = Cli::parse();
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let result =
        run(cli, &mut out).and_then(|code| out.flush().map(|()| code).map_err(Failure::from));
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
    let data_dir = DataDir::resolve(cli.data_dir.as_deref()).ok_or_else(|| {
        Failure::new("cannot find a home folder to keep data in; use --data-dir FOLDER")
    })?;
    match cli.command {
        Some(Command::Checklists) => checklists::list(&data_dir, out),
        Some(Command::Validate { files }) => checklists::validate(&data_dir, &files, out),
        None => {
            writeln!(out, "The guided screens are not built yet. For now:")?;
            writeln!(
                out,
                "  carecheck checklists        list the checklists you can use"
            )?;
            writeln!(
                out,
                "  carecheck validate FILE     check a checklist file for mistakes"
            )?;
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
