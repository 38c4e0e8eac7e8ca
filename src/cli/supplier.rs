//! `carecheck supplier`: the supplier register — add, list, show, edit, remove, and the
//! questionnaire to send each supplier. Every change is recorded like an answer: journal
//! first, under the assessment's lock, and decided in full before anything is saved.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};

use super::{CommandResult, Context, Failure, parse_date};
use crate::domain::assessment::Evidence;
use crate::domain::date::Date;
use crate::domain::fields::{Flag, flag_name};
use crate::domain::registers::{
    self, AgreementKind, CertificateKind, DataLocation, EditRefused, RegisterChange,
    SUPPLIER_FIELDS, ServiceKind, Supplier, SupplierEdit, edit_supplier, new_id,
};
use crate::registers::{Counted, RegisterView};
use crate::text::one_line;
use crate::workspace::{Access, Loaded};

#[derive(Debug, Args)]
pub struct SupplierArgs {
    #[command(flatten)]
    pub target: super::CommandTarget,
    #[command(subcommand)]
    pub command: SupplierCommand,
}

#[derive(Debug, Subcommand)]
pub enum SupplierCommand {
    /// Add a technology supplier and print its id.
    Add {
        /// The supplier's name ("Acme Care Records Ltd").
        name: String,
        #[command(flatten)]
        fields: SupplierFields,
    },
    /// List the suppliers (a site's own and its head office's), with what needs attention.
    List {
        /// Print the registers as JSON (suppliers, risks, concentration, reminders), for
        /// scripts and other tools.
        #[arg(long)]
        json: bool,
    },
    /// Show everything recorded about one supplier.
    Show {
        /// The supplier's id or name.
        supplier: String,
    },
    /// Change the fields given of a supplier. A site editing its head office's supplier gets
    /// its own copy.
    Edit {
        /// The supplier's id or name.
        supplier: String,
        /// A new name.
        #[arg(long)]
        rename: Option<String>,
        /// Remove a recorded field (repeat for several), before any new values given are set:
        /// provides, data-location, contract, dpa, contract-dates, dspt, ce, certifications,
        /// breach-hours, reviewed, evidence or answers.
        #[arg(long = "clear", value_name = "FIELD", value_parser = parse_clear)]
        clear: Vec<Clearable>,
        #[command(flatten)]
        fields: SupplierFields,
    },
    /// Remove a supplier from the register.
    Remove {
        /// The supplier's id or name.
        supplier: String,
    },
    /// The questions to ask a supplier, with any answers recorded (`edit --answer`). Printed,
    /// or written with -o: as a PDF to send or print when FILE ends in .pdf, otherwise as CSV
    /// (opens cleanly in Excel).
    Ask {
        /// The supplier's id or name.
        supplier: String,
        /// Write the questionnaire to this file: PDF for .pdf, otherwise CSV.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace FILE if it already exists (carecheck never does otherwise).
        #[arg(long)]
        force: bool,
    },
}

/// The fields of a supplier; each is left unchanged when not given. An empty value ("")
/// clears a text field.
#[derive(Debug, Args)]
pub struct SupplierFields {
    /// What it provides (repeat for several): care-records, emar, rostering, it-support,
    /// email, phones-internet, cctv, payroll or other. Replaces the list.
    #[arg(long = "provides", value_name = "SERVICE", value_parser = parse_kind)]
    pub provides: Vec<ServiceKind>,
    /// Which personal data it handles.
    #[arg(long, value_name = "TEXT")]
    pub personal_data: Option<String>,
    /// Whether care depends on it: yes or no.
    #[arg(long, value_name = "YES/NO", value_parser = parse_yes_no)]
    pub critical: Option<bool>,
    /// Where it holds your data: uk, eea or elsewhere.
    #[arg(long, value_name = "WHERE", value_parser = parse_location)]
    pub data_location: Option<DataLocation>,
    /// Whether a contract is in place: yes or no.
    #[arg(long, value_name = "YES/NO", value_parser = parse_yes_no)]
    pub contract: Option<bool>,
    /// The contract's date (DD/MM/YYYY); implies it is in place.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub contract_date: Option<Date>,
    /// Whether a data-processing agreement is in place: yes or no.
    #[arg(long, value_name = "YES/NO", value_parser = parse_yes_no)]
    pub dpa: Option<bool>,
    /// The data-processing agreement's date (DD/MM/YYYY); implies it is in place.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub dpa_date: Option<Date>,
    /// The day the contract ends, where it has a fixed end (DD/MM/YYYY).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub contract_ends: Option<Date>,
    /// The day the contract renews (DD/MM/YYYY).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub renews: Option<Date>,
    /// The last day to give notice to end or change the contract (DD/MM/YYYY); carecheck
    /// reminds you before it.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub notice_by: Option<Date>,
    /// Its DSPT standard ("Standards Met"); needs --dspt-date unless one is recorded.
    #[arg(long, value_name = "LEVEL")]
    pub dspt_level: Option<String>,
    /// When its DSPT assessment was published (DD/MM/YYYY).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub dspt_date: Option<Date>,
    /// Its Cyber Essentials certificate: ce or ce-plus; needs --ce-expires.
    #[arg(long, value_name = "KIND", value_parser = parse_certificate)]
    pub ce: Option<CertificateKind>,
    /// The certificate's number, as printed on it.
    #[arg(long, value_name = "NUMBER")]
    pub ce_number: Option<String>,
    /// When the certificate expires (DD/MM/YYYY).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub ce_expires: Option<Date>,
    /// Another certification (ISO 27001...); repeat for several. Adds to the list.
    #[arg(long = "certification", value_name = "TEXT")]
    pub certifications: Vec<String>,
    /// How many hours after finding a breach it promises to tell you.
    #[arg(long, value_name = "HOURS")]
    pub breach_hours: Option<u32>,
    /// Who to ring in an outage.
    #[arg(long, value_name = "TEXT")]
    pub support: Option<String>,
    /// When you last reviewed it (DD/MM/YYYY).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub reviewed: Option<Date>,
    /// A file that is evidence (contract, certificate); its SHA-256 is recorded. Repeat.
    #[arg(long = "evidence", value_name = "PATH")]
    pub evidence: Vec<PathBuf>,
    /// Evidence that is not a file here: a document's name or where it is kept. Repeat.
    #[arg(long = "document", value_name = "TEXT")]
    pub documents: Vec<String>,
    /// The supplier's answer to a question, as QUESTION-ID=ANSWER (`supplier ask` lists the
    /// ids). Repeat for several; an empty answer removes it.
    #[arg(long = "answer", value_name = "ID=TEXT")]
    pub answers: Vec<String>,
    /// Anything else worth keeping about it ("" clears it).
    #[arg(long, value_name = "TEXT")]
    pub notes: Option<String>,
    #[command(flatten)]
    pub table: TableFlags,
}

/// The flags built from the supplier's field table (its rows marked `Flag::FromTable`):
/// `--KEY TEXT`, set through the row's own rule. A new simple field needs no flag here.
#[derive(Debug, Clone, Default)]
pub struct TableFlags(pub Vec<(&'static str, String)>);

fn table_flags() -> impl Iterator<Item = (&'static str, &'static str)> {
    SUPPLIER_FIELDS.iter().filter_map(|f| match f.flag {
        Flag::FromTable { help } => Some((f.key, help)),
        Flag::Own(_) | Flag::Never(_) => None,
    })
}

impl clap::FromArgMatches for TableFlags {
    fn from_arg_matches(matches: &clap::ArgMatches) -> Result<TableFlags, clap::Error> {
        Ok(TableFlags(
            table_flags()
                .filter_map(|(key, _)| {
                    matches
                        .get_one::<String>(key)
                        .map(|value| (key, value.clone()))
                })
                .collect(),
        ))
    }

    fn update_from_arg_matches(&mut self, matches: &clap::ArgMatches) -> Result<(), clap::Error> {
        *self = TableFlags::from_arg_matches(matches)?;
        Ok(())
    }
}

impl clap::Args for TableFlags {
    fn augment_args(cmd: clap::Command) -> clap::Command {
        table_flags().fold(cmd, |cmd, (key, help)| {
            cmd.arg(
                clap::Arg::new(key)
                    .long(flag_name(key))
                    .value_name("TEXT")
                    .help(help),
            )
        })
    }

    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        TableFlags::augment_args(cmd)
    }
}

use crate::domain::registers::SupplierField as Clearable;

const CLEARABLE: [(&str, Clearable); 12] = [
    ("provides", Clearable::Provides),
    ("data-location", Clearable::DataLocation),
    ("contract", Clearable::Contract),
    ("dpa", Clearable::Dpa),
    ("contract-dates", Clearable::ContractDates),
    ("dspt", Clearable::Dspt),
    ("ce", Clearable::CyberEssentials),
    ("certifications", Clearable::Certifications),
    ("breach-hours", Clearable::BreachHours),
    ("reviewed", Clearable::Reviewed),
    ("evidence", Clearable::Evidence),
    ("answers", Clearable::Answers),
];

fn parse_clear(text: &str) -> Result<Clearable, String> {
    let wanted = text.trim().to_ascii_lowercase();
    CLEARABLE
        .iter()
        .find(|(name, _)| *name == wanted)
        .map(|(_, field)| *field)
        .ok_or_else(|| {
            let names: Vec<&str> = CLEARABLE.iter().map(|(n, _)| *n).collect();
            format!(
                "`{text}` cannot be cleared; use one of: {}",
                names.join(", ")
            )
        })
}

fn parse_kind(text: &str) -> Result<ServiceKind, String> {
    text.parse()
}
fn parse_location(text: &str) -> Result<DataLocation, String> {
    text.parse()
}
fn parse_certificate(text: &str) -> Result<CertificateKind, String> {
    text.parse()
}
fn parse_yes_no(text: &str) -> Result<bool, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "yes" | "y" => Ok(true),
        "no" | "n" => Ok(false),
        _ => Err(format!("`{text}` is not yes or no")),
    }
}

pub fn run(ctx: &Context, args: &SupplierArgs, out: &mut dyn Write) -> CommandResult {
    let query = args.target.assessment.as_deref();
    match &args.command {
        SupplierCommand::Add { name, fields } => {
            let mut loaded = ctx.workspace.load(query, Access::Write)?;
            let known = effective(&loaded);
            let id = new_id(name, |id| known.iter().any(|s| s.id == id)).map_err(|e| match e {
                EditRefused::Blank(_) => Failure::new("the name must not be empty"),
                EditRefused::NoId => Failure::new(format!(
                    "`{}`: a supplier's name needs a letter or digit",
                    one_line(name)
                )),
                EditRefused::Taken(id) => Failure::new(format!(
                    "a supplier with the id `{id}` is already recorded; use `carecheck supplier edit {id}`; nothing was saved"
                )),
                other => refused(&other),
            })?;
            let name = name.trim().to_owned();
            let supplier = fill(ctx, Supplier::named(&name), fields, Vec::new(), None)?;
            let message = format!("Added supplier {id}: {name}.");
            save(ctx, &mut loaded, id, Some(supplier), &message, out)
        }
        SupplierCommand::Edit {
            supplier,
            rename,
            clear: clearing,
            fields,
        } => {
            let mut loaded = ctx.workspace.load(query, Access::Write)?;
            let found = find(&loaded, supplier)?;
            let record = fill(
                ctx,
                found.record.clone(),
                fields,
                clearing.clone(),
                rename.clone(),
            )?;
            let message = if found.inherited {
                format!(
                    "Changed supplier {} (now this site's own copy of the head office's record).",
                    found.id
                )
            } else {
                format!("Changed supplier {}.", found.id)
            };
            save(ctx, &mut loaded, found.id, Some(record), &message, out)
        }
        SupplierCommand::Remove { supplier } => {
            let mut loaded = ctx.workspace.load(query, Access::Write)?;
            let found = find(&loaded, supplier)?;
            if found.inherited {
                return Err(Failure::new(format!(
                    "supplier `{}` is the head office's; remove it from the head office's assessment; nothing was changed",
                    found.id
                )));
            }
            let named: Vec<String> = loaded
                .assessment()
                .registers
                .risks
                .iter()
                .filter(|(_, r)| r.suppliers.contains(&found.id))
                .map(|(id, _)| id.clone())
                .collect();
            let mut message = format!("Removed supplier {}.", found.id);
            if !named.is_empty() {
                message.push_str(&format!(
                    " Risks that name it as a mitigation now show it as no longer recorded: {} (`carecheck risk edit ID --no-supplier {}` takes it off).",
                    named.join(", "),
                    found.id
                ));
            }
            save(ctx, &mut loaded, found.id, None, &message, out)
        }
        SupplierCommand::List { json } => {
            let loaded = ctx.workspace.load(query, Access::Read)?;
            let view = view(ctx, &loaded);
            if *json {
                write_json(&view, out)?;
            } else {
                write_list(&view, out)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        SupplierCommand::Show { supplier } => {
            let loaded = ctx.workspace.load(query, Access::Read)?;
            let found = find(&loaded, supplier)?;
            let view = view(ctx, &loaded);
            write_show(&found, &view, out)?;
            Ok(ExitCode::SUCCESS)
        }
        SupplierCommand::Ask {
            supplier,
            output,
            force,
        } => {
            let loaded = ctx.workspace.load(query, Access::Read)?;
            let found = find(&loaded, supplier)?;
            let questions = crate::registers::questions().map_err(Failure::new)?;
            match output {
                None => write_questionnaire(&found, questions, out)?,
                Some(path) => {
                    crate::output::check_output(path, ctx.workspace.store.data(), None, *force)?;
                    let is_pdf = path
                        .extension()
                        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
                    let bytes = if is_pdf {
                        crate::report::registers::questionnaire_pack(
                            &found,
                            questions,
                            &place(&loaded),
                            ctx.today(),
                            ctx.now,
                        )
                        .map_err(Failure::new)
                        .map(|pack| {
                            pack.warning_lines().iter().for_each(|w| eprintln!("{w}"));
                            pack.bytes
                        })?
                    } else {
                        questionnaire_csv(&found, questions).into_bytes()
                    };
                    crate::store::fsutil::write_atomic(path, &bytes).map_err(|e| {
                        Failure::new(format!("{}: cannot write: {e}", path.display()))
                    })?;
                    writeln!(
                        out,
                        "Wrote {} ({} questions for {}).",
                        one_line(&path.display().to_string()),
                        questions.len(),
                        one_line(&found.record.name)
                    )?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The organisation and site as one line.
fn place(loaded: &Loaded) -> String {
    loaded.assessment().details.place()
}

/// `carecheck report --registers`: the registers as their own PDF.
pub fn registers_pdf(
    ctx: &Context,
    query: Option<&str>,
    output: Option<PathBuf>,
    force: bool,
    out: &mut dyn Write,
) -> CommandResult {
    let loaded = ctx.workspace.load(query, Access::Read)?;
    let view = view(ctx, &loaded);
    let path = output.unwrap_or_else(|| {
        PathBuf::from(format!(
            "{}-suppliers-and-risks-{}.pdf",
            loaded.assessment().id,
            ctx.today()
        ))
    });
    crate::output::check_output(&path, ctx.workspace.store.data(), None, force)?;
    let pack =
        crate::report::registers::registers_pack(&view, &place(&loaded), ctx.today(), ctx.now)
            .map_err(Failure::new)?;
    pack.warning_lines().iter().for_each(|w| eprintln!("{w}"));
    crate::store::fsutil::write_atomic(&path, &pack.bytes)
        .map_err(|e| Failure::new(format!("{}: cannot write: {e}", path.display())))?;
    writeln!(
        out,
        "Wrote {} ({} {}).",
        one_line(&path.display().to_string()),
        pack.pages,
        if pack.pages == 1 { "page" } else { "pages" }
    )?;
    Ok(ExitCode::SUCCESS)
}

/// `carecheck export --suppliers` / `--risks`: a register as CSV, printed or written to FILE.
pub fn export_csv(
    ctx: &Context,
    query: Option<&str>,
    risks: bool,
    output: Option<&std::path::Path>,
    force: bool,
    out: &mut dyn Write,
) -> CommandResult {
    if let Some(path) = output {
        crate::output::check_output(path, ctx.workspace.store.data(), None, force)?;
    }
    let loaded = ctx.workspace.load(query, Access::Read)?;
    let view = view(ctx, &loaded);
    let text = if risks {
        crate::report::registers_csv::risks_csv(&view)
    } else {
        crate::report::registers_csv::suppliers_csv(&view)
    };
    match output {
        None => out.write_all(text.as_bytes())?,
        Some(path) => {
            crate::store::fsutil::write_atomic(path, text.as_bytes())
                .map_err(|e| Failure::new(format!("{}: cannot write: {e}", path.display())))?;
            writeln!(out, "Wrote {}.", one_line(&path.display().to_string()))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn view(ctx: &Context, loaded: &Loaded) -> RegisterView {
    let summary = loaded.summary(&ctx.workspace.library, ctx.today());
    RegisterView::of_loaded(loaded, &summary, ctx.today())
}

/// The suppliers that count for the assessment.
pub(crate) fn effective(loaded: &Loaded) -> Vec<Counted<Supplier>> {
    crate::registers::effective(
        &loaded.assessment().registers.suppliers,
        loaded.head.as_ref().map(|h| &h.registers.suppliers),
    )
}

/// The supplier a user means: by id, by the id its name would have, or by name.
pub(crate) fn find(loaded: &Loaded, wanted: &str) -> Result<Counted<Supplier>, Failure> {
    let suppliers = effective(loaded);
    crate::registers::find_named(&suppliers, wanted, |r| r.name.as_str())
        .cloned()
        .ok_or_else(|| {
            let known: Vec<&str> = suppliers.iter().map(|s| s.id.as_str()).collect();
            let hint = if known.is_empty() {
                "no suppliers are recorded yet; add one with `carecheck supplier add NAME`".into()
            } else {
                format!("the register has: {}", known.join(", "))
            };
            Failure::new(format!("no supplier `{}`; {hint}", one_line(wanted)))
        })
}

/// The supplier with the given fields changed, or why they cannot be (nothing is saved then).
/// The rules are the domain's ([`edit_supplier`]), shared with the TUI's form; reading
/// evidence files and checking answers against the question set are this command's part.
fn fill(
    ctx: &Context,
    s: Supplier,
    f: &SupplierFields,
    clear: Vec<Clearable>,
    name: Option<String>,
) -> Result<Supplier, Failure> {
    let edit = SupplierEdit {
        name,
        clear,
        provides: f.provides.clone(),
        personal_data: f.personal_data.clone(),
        critical: f.critical,
        data_location: f.data_location,
        contract: f.contract,
        contract_date: f.contract_date,
        dpa: f.dpa,
        dpa_date: f.dpa_date,
        contract_ends: f.contract_ends,
        renews: f.renews,
        notice_by: f.notice_by,
        dspt_level: f.dspt_level.clone(),
        dspt_date: f.dspt_date,
        ce: f.ce,
        ce_number: f.ce_number.clone(),
        ce_expires: f.ce_expires,
        certifications: f.certifications.clone(),
        breach_hours: f.breach_hours,
        support: f.support.clone(),
        reviewed: f.reviewed,
        documents: f.documents.clone(),
        notes: f.notes.clone(),
        set: f.table.0.clone(),
    };
    let mut s = edit_supplier(s, &edit, ctx.today()).map_err(|e| refused(&e))?;
    if !f.answers.is_empty() {
        let questions = crate::registers::questions().map_err(Failure::new)?;
        for given in &f.answers {
            let Some((id, answer)) = given.split_once('=') else {
                return Err(Failure::new(format!(
                    "--answer `{}` needs the form QUESTION-ID=ANSWER; nothing was saved",
                    one_line(given)
                )));
            };
            let id = id.trim();
            if !questions.iter().any(|q| q.id == id) {
                let ids: Vec<&str> = questions.iter().map(|q| q.id.as_str()).collect();
                return Err(Failure::new(format!(
                    "--answer: no question `{}`; the questions are: {}; nothing was saved",
                    one_line(id),
                    ids.join(", ")
                )));
            }
            if answer.trim().is_empty() {
                s.answers.remove(id);
            } else {
                s.answers.insert(id.to_owned(), answer.trim().to_owned());
            }
        }
    }
    for path in &f.evidence {
        // A missing file stops the command before anything is saved.
        let source = crate::evidence::record_file(path, ctx.now)
            .map_err(|e| Failure::new(format!("--evidence {e}; nothing was saved")))?;
        s.evidence.push(Evidence {
            source,
            dated: None,
            review_by: None,
        });
    }
    Ok(s)
}

/// A refused edit in the command line's terms (naming its flags).
fn refused(e: &EditRefused) -> Failure {
    Failure::new(match e {
        EditRefused::Blank("name") => "--rename must not be empty".to_owned(),
        EditRefused::Blank("DSPT level") => "--dspt-level must not be empty".to_owned(),
        EditRefused::Blank("certification") => "--certification must not be empty".to_owned(),
        EditRefused::Blank("document") => "--document must not be empty".to_owned(),
        EditRefused::Blank(what) => format!("{what} must not be empty"),
        EditRefused::DatedButNotInPlace(kind) => {
            let flag = match kind {
                AgreementKind::Contract => "--contract",
                AgreementKind::Dpa => "--dpa",
            };
            format!(
                "{flag} no with {flag}-date: an agreement not in place has no date; nothing was saved"
            )
        }
        EditRefused::DsptIncomplete => {
            "a DSPT status needs both --dspt-level and --dspt-date; nothing was saved".to_owned()
        }
        EditRefused::CertificateIncomplete => "a Cyber Essentials certificate needs --ce (ce or ce-plus) and --ce-expires; nothing was saved".to_owned(),
        EditRefused::NumberWithoutCertificate => "--ce-number needs a certificate: give --ce and --ce-expires too; nothing was saved".to_owned(),
        EditRefused::ReviewedInFuture(d) => {
            format!("--reviewed {} is in the future; nothing was saved", d.uk())
        }
        EditRefused::NoticeAfterEnd(notice, ends) => format!(
            "--notice-by {} is after the contract ends ({}); nothing was saved",
            notice.uk(),
            ends.uk()
        ),
        EditRefused::Invalid(key, why) => format!(
            "--{} {why}; nothing was saved",
            flag_name(key)
        ),
        EditRefused::NoId | EditRefused::Taken(_) | EditRefused::Score(_) => {
            crate::registers::refusal(e)
        }
    })
}

fn save(
    ctx: &Context,
    loaded: &mut Loaded,
    id: String,
    supplier: Option<Supplier>,
    message: &str,
    out: &mut dyn Write,
) -> CommandResult {
    let by = ctx.who(loaded.assessment().details.assessor.as_deref());
    loaded.record(
        registers::event(RegisterChange::Supplier { id, supplier }),
        ctx.now,
        by,
    )?;
    writeln!(out, "{}", one_line(message))?;
    Ok(ExitCode::SUCCESS)
}

/// The registers as JSON (the same shape as `registers` in `status --json`).
pub(crate) fn write_json(view: &RegisterView, out: &mut dyn Write) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(view).map_err(|e| Failure::new(e.to_string()))?;
    writeln!(out, "{text}")?;
    Ok(())
}

fn write_list(view: &RegisterView, out: &mut dyn Write) -> std::io::Result<()> {
    if view.suppliers.is_empty() {
        writeln!(
            out,
            "No suppliers recorded yet. Add one with: carecheck supplier add NAME --provides care-records --critical yes"
        )?;
        return Ok(());
    }
    let rows: Vec<[String; 5]> = view
        .suppliers
        .iter()
        .map(|s| {
            let r = &s.record;
            [
                s.id.clone(),
                format!(
                    "{}{}",
                    r.name,
                    if s.inherited { " [head office]" } else { "" }
                ),
                crate::registers::services_words(r),
                if r.critical { "yes" } else { "no" }.into(),
                crate::registers::agreement_words(r.contract),
            ]
        })
        .collect();
    super::checklists::print_table(
        out,
        &["ID", "SUPPLIER", "PROVIDES", "CRITICAL", "CONTRACT"],
        &rows,
    )?;
    write_concentration(view, out)?;
    let reminders: Vec<&str> = view
        .reminders
        .iter()
        .filter(|r| view.supplier(&r.subject).is_some())
        .map(|r| r.text.as_str())
        .collect();
    if !reminders.is_empty() {
        writeln!(out, "\nReminders:")?;
        for r in reminders {
            writeln!(out, "  {}", one_line(r))?;
        }
    }
    Ok(())
}

pub(crate) fn write_concentration(view: &RegisterView, out: &mut dyn Write) -> std::io::Result<()> {
    let c = &view.concentration;
    if c.single_supplier.is_empty() && c.by_supplier.is_empty() {
        return Ok(());
    }
    writeln!(out, "\nCritical services resting on one supplier:")?;
    if c.single_supplier.is_empty() {
        writeln!(out, "  none: each has more than one critical supplier")?;
    }
    for s in &c.single_supplier {
        writeln!(out, "  {}: only {}", s.service.label(), one_line(&s.name))?;
    }
    if let Some(top) = c.by_supplier.first() {
        writeln!(out, "  {}", one_line(&top.describe()))?;
    }
    Ok(())
}

fn write_show(
    found: &Counted<Supplier>,
    view: &RegisterView,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let s = &found.record;
    writeln!(out, "{} ({})", one_line(&s.name), one_line(&found.id))?;
    if found.inherited {
        writeln!(out, "  From the head office's register.")?;
    }
    let lines = crate::registers::supplier_facts(s);
    for (label, value) in lines {
        writeln!(out, "  {label:<26} {}", one_line(&value))?;
    }
    for e in &s.evidence {
        writeln!(out, "  Evidence: {}", one_line(e.source.describe()))?;
    }
    if !s.answers.is_empty() {
        writeln!(out, "  Answers to carecheck's questions:")?;
        for (id, answer) in &s.answers {
            writeln!(out, "    {}: {}", one_line(id), one_line(answer))?;
        }
    }
    let risks: Vec<&str> = view
        .risks
        .iter()
        .filter(|r| r.risk.record.suppliers.contains(&found.id))
        .map(|r| r.risk.record.title.as_str())
        .collect();
    if !risks.is_empty() {
        writeln!(out, "  Mitigates: {}", one_line(&risks.join(", ")))?;
    }
    for r in view.reminders.iter().filter(|r| r.subject == found.id) {
        if view.supplier(&r.subject).is_some() {
            writeln!(out, "  Reminder: {}", one_line(&r.text))?;
        }
    }
    Ok(())
}

fn write_questionnaire(
    found: &Counted<Supplier>,
    questions: &[crate::domain::registers::SupplierQuestion],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    writeln!(
        out,
        "Questions for {} ({} questions)",
        one_line(&found.record.name),
        questions.len()
    )?;
    for (n, q) in questions.iter().enumerate() {
        writeln!(out, "\n{}. {} [{}]", n + 1, one_line(&q.title), q.id)?;
        writeln!(out, "   {}", one_line(&q.question))?;
        writeln!(out, "   Why we ask: {}", one_line(&q.why))?;
        writeln!(out, "   A good answer: {}", one_line(&q.good_answer))?;
        if let Some(answer) = found.record.answers.get(&q.id) {
            writeln!(out, "   Their answer: {}", one_line(answer))?;
        }
    }
    Ok(())
}

/// The questionnaire as CSV (opens cleanly in Excel), one row per question.
pub fn questionnaire_csv(
    found: &Counted<Supplier>,
    questions: &[crate::domain::registers::SupplierQuestion],
) -> String {
    use crate::report::export::csv_line;
    let mut out = String::from("\u{FEFF}");
    let header = [
        "supplier",
        "question_id",
        "title",
        "question",
        "why_we_ask",
        "good_answer",
        "answer",
        "evidence_for",
    ];
    csv_line(&mut out, &header.map(String::from));
    for q in questions {
        let supports: Vec<String> = q.supports.iter().map(ToString::to_string).collect();
        csv_line(
            &mut out,
            &[
                found.record.name.clone(),
                q.id.clone(),
                q.title.clone(),
                q.question.clone(),
                q.why.clone(),
                q.good_answer.clone(),
                found.record.answers.get(&q.id).cloned().unwrap_or_default(),
                supports.join(" "),
            ],
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn longs(subcommand: &str) -> Vec<String> {
        let cmd = SupplierArgs::augment_args(clap::Command::new("supplier"));
        let sub = cmd
            .get_subcommands()
            .find(|c| c.get_name() == subcommand)
            .expect("subcommand");
        sub.get_arguments()
            .filter_map(|a| a.get_long().map(str::to_owned))
            .collect()
    }

    /// Every flag the supplier's field table names is one `supplier edit` takes (and `add`,
    /// except the rename), and every flag built from the table is there too.
    #[test]
    fn the_flags_are_the_field_tables() {
        let (edit, add) = (longs("edit"), longs("add"));
        for f in SUPPLIER_FIELDS {
            let flags: Vec<String> = match f.flag {
                Flag::Own(flags) => flags.iter().map(|s| (*s).to_owned()).collect(),
                Flag::FromTable { .. } => vec![flag_name(f.key)],
                Flag::Never(_) => Vec::new(),
            };
            for flag in flags {
                assert!(edit.contains(&flag), "edit has no --{flag} ({})", f.key);
                assert!(
                    flag == "rename" || add.contains(&flag),
                    "add has no --{flag} ({})",
                    f.key
                );
            }
        }
    }
}
