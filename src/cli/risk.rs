//! `carecheck risk`: the risk register — add, list, show, edit, remove, and adopt carecheck's
//! starter risks. How well each risk is mitigated is never entered: it follows the answers to
//! the items that mitigate it (see [`crate::registers::judge`]).

use std::borrow::Cow;
use std::io::Write;
use std::process::ExitCode;

use clap::{Args, Subcommand};

use super::{CommandResult, Context, Failure, parse_date};
use crate::domain::checklist::ItemRef;
use crate::domain::date::Date;
use crate::domain::progress::Outcome;
use crate::domain::registers::{
    self, EditRefused, RegisterChange, Risk, RiskEdit, adopt_starters, edit_risk, new_id, new_risk,
    parse_score,
};
use crate::registers::{Counted, RegisterView, RiskStanding, band};
use crate::text::one_line;
use crate::workspace::{Access, Loaded};

#[derive(Debug, Args)]
pub struct RiskArgs {
    #[command(flatten)]
    pub target: super::CommandTarget,
    #[command(subcommand)]
    pub command: RiskCommand,
}

#[derive(Debug, Subcommand)]
pub enum RiskCommand {
    /// Add a risk and print its id.
    Add {
        /// A short title ("Ransomware").
        title: String,
        /// How likely over a year, 1 (rare) to 5 (almost certain).
        #[arg(long, value_parser = parse_score)]
        likelihood: u8,
        /// How bad if it happens, 1 (negligible) to 5 (severe).
        #[arg(long, value_parser = parse_score)]
        impact: u8,
        #[command(flatten)]
        fields: RiskFields,
    },
    /// Add carecheck's starter risks for care settings (those not already recorded), each
    /// with suggested scores and the checklist items that mitigate it.
    Starter,
    /// The risks, highest residual score first, with how well each is mitigated.
    List {
        /// Print the registers as JSON (suppliers, risks, concentration, reminders).
        #[arg(long)]
        json: bool,
    },
    /// One risk: its scores, and which items are met and which keep it high.
    Show {
        /// The risk's id or title (`carecheck risk list` shows them).
        risk: String,
    },
    /// Change the fields given of a risk.
    Edit {
        /// The risk's id or title (`carecheck risk list` shows them).
        risk: String,
        /// A new short title.
        #[arg(long)]
        title: Option<String>,
        /// How likely over a year, 1 (rare) to 5 (almost certain).
        #[arg(long, value_parser = parse_score)]
        likelihood: Option<u8>,
        /// How bad if it happens, 1 (negligible) to 5 (severe).
        #[arg(long, value_parser = parse_score)]
        impact: Option<u8>,
        #[command(flatten)]
        fields: RiskFields,
        /// Stop counting a mitigating item (repeat for several).
        #[arg(long = "not-mitigated-by", value_name = "ITEM")]
        unmitigated: Vec<String>,
        /// Stop counting a supplier (repeat for several).
        #[arg(long = "no-supplier", value_name = "SUPPLIER")]
        no_suppliers: Vec<String>,
    },
    /// Remove a risk.
    Remove {
        /// The risk's id or title (`carecheck risk list` shows them).
        risk: String,
    },
}

/// Fields of a risk; each left unchanged when not given.
#[derive(Debug, Args)]
pub struct RiskFields {
    /// What could happen and how, in a sentence or two.
    #[arg(long, value_name = "TEXT")]
    pub description: Option<String>,
    /// Who looks after it.
    #[arg(long, value_name = "NAME")]
    pub owner: Option<String>,
    /// When to look at it again (DD/MM/YYYY).
    #[arg(long = "review-by", value_name = "DATE", value_parser = parse_date)]
    pub review_by: Option<Date>,
    /// A checklist item that protects against it, as CHECKLIST:ID or ID (repeat). Its answer
    /// counts towards the mitigation.
    #[arg(long = "mitigated-by", value_name = "ITEM")]
    pub mitigated_by: Vec<String>,
    /// A supplier (id or name) whose controls protect against it (repeat).
    #[arg(long = "supplier", value_name = "SUPPLIER")]
    pub suppliers: Vec<String>,
    /// Anything else worth keeping about it ("" clears it).
    #[arg(long, value_name = "TEXT")]
    pub notes: Option<String>,
}

pub fn run(ctx: &Context, args: &RiskArgs, out: &mut dyn Write) -> CommandResult {
    let query = args.target.assessment.as_deref();
    match &args.command {
        RiskCommand::Add {
            title,
            likelihood,
            impact,
            fields,
        } => {
            let mut loaded = ctx.workspace.load(query, Access::Write)?;
            let known = effective(&loaded);
            let id = new_id(title, |id| known.iter().any(|r| r.id == id)).map_err(|e| match e {
                EditRefused::Blank(_) => Failure::new("the title must not be empty"),
                EditRefused::NoId => Failure::new("a risk's title needs a letter or digit"),
                EditRefused::Taken(id) => Failure::new(format!(
                    "a risk with the id `{id}` is already recorded; use `carecheck risk edit {id}`; nothing was saved"
                )),
                other => Failure::new(crate::registers::refusal(&other)),
            })?;
            let risk = new_risk(title, *likelihood, *impact)
                .map_err(|e| Failure::new(crate::registers::refusal(&e)))?;
            let risk = fill(&loaded, risk, fields)?;
            let message = format!("Added risk {id}: {}.", risk.title);
            save(
                ctx,
                &mut loaded,
                vec![RegisterChange::Risk {
                    id,
                    risk: Some(risk),
                }],
                &message,
                out,
            )
        }
        RiskCommand::Starter => {
            let mut loaded = ctx.workspace.load(query, Access::Write)?;
            let starter = crate::registers::starter_risks().map_err(Failure::new)?;
            let known: Vec<String> = effective(&loaded).into_iter().map(|r| r.id).collect();
            let adding = adopt_starters(starter, |id| known.iter().any(|k| k == id), ctx.today());
            if adding.is_empty() {
                writeln!(out, "Every starter risk is already recorded.")?;
                return Ok(ExitCode::SUCCESS);
            }
            let message = format!(
                "Added {} starter risks (scores are suggestions: re-score them with `carecheck risk edit ID --likelihood N --impact N`; each is due for review by {}).",
                adding.len(),
                ctx.today().add_months(12).uk()
            );
            save(ctx, &mut loaded, adding, &message, out)
        }
        RiskCommand::Edit {
            risk,
            title,
            likelihood,
            impact,
            fields,
            unmitigated,
            no_suppliers,
        } => {
            let mut loaded = ctx.workspace.load(query, Access::Write)?;
            let found = find(&loaded, risk)?;
            let mut record = edit_risk(
                found.record,
                &RiskEdit {
                    title: title.clone(),
                    likelihood: *likelihood,
                    impact: *impact,
                    ..RiskEdit::default()
                },
            )
            .map_err(|e| match e {
                EditRefused::Blank(_) => Failure::new("--title must not be empty"),
                other => Failure::new(crate::registers::refusal(&other)),
            })?;
            for item in unmitigated {
                let key = resolve_item(&loaded, item)?;
                if !record.mitigated_by.contains(&key) {
                    return Err(Failure::new(format!(
                        "--not-mitigated-by: {key} is not one of this risk's mitigating items; nothing was saved"
                    )));
                }
                record.mitigated_by.retain(|k| k != &key);
            }
            for supplier in no_suppliers {
                // A supplier since removed from the register is named by its id.
                let id = if record.suppliers.contains(supplier) {
                    supplier.clone()
                } else {
                    super::supplier::find(&loaded, supplier)?.id
                };
                record.suppliers.retain(|s| s != &id);
            }
            let record = fill(&loaded, record, fields)?;
            let message = format!("Changed risk {}.", found.id);
            save(
                ctx,
                &mut loaded,
                vec![RegisterChange::Risk {
                    id: found.id,
                    risk: Some(record),
                }],
                &message,
                out,
            )
        }
        RiskCommand::Remove { risk } => {
            let mut loaded = ctx.workspace.load(query, Access::Write)?;
            let found = find(&loaded, risk)?;
            if found.inherited {
                return Err(Failure::new(format!(
                    "risk `{}` is the head office's; remove it from the head office's assessment; nothing was changed",
                    found.id
                )));
            }
            let message = format!("Removed risk {}.", found.id);
            save(
                ctx,
                &mut loaded,
                vec![RegisterChange::Risk {
                    id: found.id,
                    risk: None,
                }],
                &message,
                out,
            )
        }
        RiskCommand::List { json } => {
            let loaded = ctx.workspace.load(query, Access::Read)?;
            let view = view(ctx, &loaded);
            if *json {
                super::supplier::write_json(&view, out)?;
            } else {
                write_list(&view, out)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        RiskCommand::Show { risk } => {
            let loaded = ctx.workspace.load(query, Access::Read)?;
            let id = find(&loaded, risk)?.id;
            let view = view(ctx, &loaded);
            if let Some(standing) = view.risks.iter().find(|r| r.risk.id == id) {
                write_show(standing, &view, out)?;
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn view(ctx: &Context, loaded: &Loaded) -> RegisterView {
    let summary = loaded.summary(&ctx.workspace.library, ctx.today());
    RegisterView::of_loaded(loaded, &summary, ctx.today())
}

fn effective(loaded: &Loaded) -> Vec<Counted<Risk>> {
    crate::registers::effective(
        &loaded.assessment().registers.risks,
        loaded.head.as_ref().map(|h| &h.registers.risks),
    )
}

fn find(loaded: &Loaded, wanted: &str) -> Result<Counted<Risk>, Failure> {
    let risks = effective(loaded);
    crate::registers::find_named(&risks, wanted, |r| r.title.as_str())
        .cloned()
        .ok_or_else(|| {
            let known: Vec<&str> = risks.iter().map(|r| r.id.as_str()).collect();
            let hint = if known.is_empty() {
                "no risks are recorded yet; `carecheck risk starter` adds carecheck's starter set"
                    .into()
            } else {
                format!("the register has: {}", known.join(", "))
            };
            Failure::new(format!("no risk `{}`; {hint}", one_line(wanted)))
        })
}

/// An item of this assessment's checklists, as CHECKLIST:ID or an ID only one checklist has.
fn resolve_item(loaded: &Loaded, text: &str) -> Result<ItemRef, Failure> {
    loaded
        .find_item(text)
        .map(|(key, _)| key)
        .map_err(|e| Failure::new(format!("{}: {e}; nothing was saved", one_line(text))))
}

fn fill(loaded: &Loaded, risk: Risk, f: &RiskFields) -> Result<Risk, Failure> {
    let mut risk = edit_risk(
        risk,
        &RiskEdit {
            description: f.description.clone(),
            owner: f.owner.clone(),
            notes: f.notes.clone(),
            review_by: f.review_by.map(Some),
            ..RiskEdit::default()
        },
    )
    .map_err(|e| Failure::new(crate::registers::refusal(&e)))?;
    for item in &f.mitigated_by {
        let key = resolve_item(loaded, item)?;
        if !risk.mitigated_by.contains(&key) {
            risk.mitigated_by.push(key);
        }
    }
    for supplier in &f.suppliers {
        let id = super::supplier::find(loaded, supplier)
            .map_err(|e| Failure::new(format!("--supplier: {}; nothing was saved", e.message)))?
            .id;
        if !risk.suppliers.contains(&id) {
            risk.suppliers.push(id);
        }
    }
    Ok(risk)
}

fn save(
    ctx: &Context,
    loaded: &mut Loaded,
    changes: Vec<RegisterChange>,
    message: &str,
    out: &mut dyn Write,
) -> CommandResult {
    let by = ctx.who(loaded.assessment().details.assessor.as_deref());
    for change in changes {
        loaded.record(registers::event(change), ctx.now, by.clone())?;
    }
    writeln!(out, "{}", one_line(message))?;
    Ok(ExitCode::SUCCESS)
}

fn write_list(view: &RegisterView, out: &mut dyn Write) -> std::io::Result<()> {
    if view.risks.is_empty() {
        writeln!(
            out,
            "No risks recorded yet. `carecheck risk starter` adds carecheck's starter set for care settings."
        )?;
        return Ok(());
    }
    let rows: Vec<[String; 6]> = view
        .risks
        .iter()
        .map(|r| {
            let rec = &r.risk.record;
            [
                r.risk.id.clone(),
                format!(
                    "{}{}",
                    rec.title,
                    if r.risk.inherited {
                        " [head office]"
                    } else {
                        ""
                    }
                ),
                format!("{} ({})", r.inherent, band(r.inherent)),
                format!("{} ({})", r.residual, band(r.residual)),
                format!(
                    "{}: {} met, {} open",
                    r.mitigation.label(),
                    r.met.len(),
                    r.weak.len()
                ),
                if rec.owner.is_empty() {
                    "-".into()
                } else {
                    rec.owner.clone()
                },
            ]
        })
        .collect();
    super::checklists::print_table(
        out,
        &["ID", "RISK", "INHERENT", "RESIDUAL", "MITIGATION", "OWNER"],
        &rows,
    )
}

fn write_show(r: &RiskStanding, view: &RegisterView, out: &mut dyn Write) -> std::io::Result<()> {
    let rec = &r.risk.record;
    writeln!(out, "{} ({})", one_line(&rec.title), one_line(&r.risk.id))?;
    if r.risk.inherited {
        writeln!(out, "  From the head office's register.")?;
    }
    if !rec.description.is_empty() {
        writeln!(out, "  {}", one_line(&rec.description))?;
    }
    writeln!(
        out,
        "  Likelihood {} x impact {} = {} ({}) before controls",
        rec.likelihood,
        rec.impact,
        r.inherent,
        band(r.inherent)
    )?;
    writeln!(
        out,
        "  Residual: likelihood {} x impact {} = {} ({}): {}",
        r.residual_likelihood,
        rec.impact,
        r.residual,
        band(r.residual),
        r.mitigation.label()
    )?;
    writeln!(
        out,
        "  Owner: {}   Review by: {}{}",
        if rec.owner.is_empty() {
            Cow::Borrowed("-")
        } else {
            one_line(&rec.owner)
        },
        rec.review_by.map_or("-".into(), Date::uk),
        if r.review_due { " (due)" } else { "" }
    )?;
    for item in &r.met {
        writeln!(out, "  met: {}", one_line(&item.to_string()))?;
    }
    for weak in &r.weak {
        let why = match &weak.outcome {
            Outcome::Gap { reason } => one_line(reason).into_owned(),
            other => other.describe(),
        };
        writeln!(
            out,
            "  keeps it high: {}: {why}",
            one_line(&weak.item.to_string())
        )?;
    }
    for item in &r.not_applicable {
        writeln!(
            out,
            "  not applicable here: {}",
            one_line(&item.to_string())
        )?;
    }
    if !r.not_in_assessment.is_empty() {
        let items: Vec<String> = r
            .not_in_assessment
            .iter()
            .map(ToString::to_string)
            .collect();
        writeln!(
            out,
            "  not counted (checklist not in this assessment): {}",
            one_line(&items.join(", "))
        )?;
    }
    for id in &rec.suppliers {
        let name = view.supplier(id).map_or_else(
            || format!("{id} (no longer recorded)"),
            |s| s.record.name.clone(),
        );
        writeln!(out, "  supplier: {}", one_line(&name))?;
    }
    if !rec.notes.is_empty() {
        writeln!(out, "  Notes: {}", one_line(&rec.notes))?;
    }
    Ok(())
}
