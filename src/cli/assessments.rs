//! `carecheck new` and `carecheck list`.

use std::io::Write;
use std::process::ExitCode;

use super::checklists::print_table;
use super::{CommandResult, Context, Failure, NewArgs};
use crate::checklist::bundled::DEFAULT_CHECKLIST;
use crate::domain::assessment::{ChecklistUse, Details};
use crate::domain::progress::orphans;
use crate::store::NewChecklist;
use crate::text;
use crate::workspace::{Access, newer_editions};

pub fn new(ctx: &Context, args: &NewArgs, out: &mut dyn Write) -> CommandResult {
    let organisation = required_text(&args.org, "--org")?;
    let ids: Vec<&str> = if args.checklists.is_empty() {
        let default = ctx
            .workspace
            .library
            .get(DEFAULT_CHECKLIST)
            .or_else(|| ctx.workspace.library.entries().first());
        default
            .map(|e| e.checklist.id.as_str())
            .into_iter()
            .collect()
    } else {
        args.checklists.iter().map(String::as_str).collect()
    };
    let mut chosen = Vec::new();
    for id in ids {
        if chosen.iter().any(|c: &NewChecklist<'_>| c.used.id == id) {
            continue;
        }
        let entry = ctx.workspace.library.get(id).ok_or_else(|| {
            let known: Vec<&str> = ctx
                .workspace
                .library
                .entries()
                .iter()
                .map(|e| e.checklist.id.as_str())
                .collect();
            Failure::new(format!(
                "there is no checklist `{id}`; choose from: {}",
                known.join(", ")
            ))
        })?;
        chosen.push(NewChecklist {
            used: ChecklistUse {
                id: entry.checklist.id.clone(),
                title: entry.checklist.title.clone(),
                edition: entry.checklist.edition.clone(),
                hash: entry.hash.clone(),
            },
            text: &entry.text,
        });
    }
    if chosen.is_empty() {
        return Err(Failure::new(
            "no checklist is available to start an assessment with",
        ));
    }
    let inherits_from = match &args.inherit_from {
        None => None,
        Some(query) => {
            let head = ctx.workspace.store.resolve(Some(query))?;
            let open = ctx.workspace.store.open_read_only(&head)?;
            if !open.assessment.details.head_office {
                return Err(Failure::new(format!(
                    "`{head}` is not a head-office assessment; create one with `carecheck new --org NAME --head-office`"
                )));
            }
            Some(head)
        }
    };
    let mut profile = args
        .profile
        .applied_to(&crate::domain::assessment::Profile::default())?;
    let used: Vec<&str> = chosen.iter().map(|c| c.used.id.as_str()).collect();
    let library = &ctx.workspace.library;
    library.default_period(&mut profile, &used, ctx.today());
    let details = Details {
        organisation,
        site: optional_text(args.site.as_deref()),
        assessor: match optional_text(args.assessor.as_deref()) {
            Some(assessor) => Some(assessor),
            None => super::config::default_assessor(),
        },
        head_office: args.head_office,
        inherits_from,
        previous: None,
        last_year: None,
        profile: Box::new(profile),
    };
    let by = ctx.who(details.assessor.as_deref());
    let open = ctx.workspace.store.create(details, &chosen, ctx.now, by)?;
    writeln!(out, "{}", open.assessment.id)?;
    let titles: Vec<&str> = chosen.iter().map(|c| c.used.title.as_str()).collect();
    eprintln!(
        "Started assessment `{}` ({}). Answer items with `carecheck answer`, or run `carecheck` to be guided.",
        text::one_line(&open.assessment.id),
        text::one_line(&titles.join(", "))
    );
    // The period the new assessment is for, worded by the one rule every door uses.
    for id in &used {
        let Some(entry) = library.get(id) else {
            continue;
        };
        if let Some(edition) = entry.checklist.reporting {
            let standing = crate::summary::EditionStanding::of(
                edition,
                open.assessment.details.profile.period_end,
                ctx.today(),
            );
            eprintln!(
                "{}: {}",
                text::one_line(&entry.checklist.title),
                text::one_line(&standing.describe(&entry.checklist.edition))
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn list(ctx: &Context, org: Option<&str>, out: &mut dyn Write) -> CommandResult {
    let mut rows = Vec::new();
    let mut unreadable = false;
    for (id, loaded) in ctx.workspace.load_all()? {
        let loaded = match loaded {
            Ok(loaded) => loaded,
            Err(e) => {
                eprintln!(
                    "warning: assessment `{}` cannot be read: {}",
                    text::one_line(&id),
                    text::one_line(&e.to_string())
                );
                unreadable = true;
                continue;
            }
        };
        let a = loaded.assessment();
        if org.is_some_and(|o| !super::status::same_organisation(&a.details.organisation, o)) {
            continue;
        }
        // A site's progress counts the answers it inherits from its head office.
        let summary = loaded.summary(&ctx.workspace.library, ctx.today());
        let (answered, total) = summary.answered_of_total();
        let percent = crate::domain::progress::whole_percent(answered, total);
        let checklist_ids: Vec<&str> = a.checklists.iter().map(|c| c.id.as_str()).collect();
        rows.push([
            a.id.clone(),
            a.details.organisation.clone(),
            a.details.site.clone().unwrap_or_default(),
            checklist_ids.join(","),
            format!("{answered}/{total} ({percent}%)"),
            a.updated.uk(),
        ]);
    }
    if rows.is_empty() && !unreadable {
        writeln!(
            out,
            "No assessments yet. Start one with: carecheck new --org \"Your organisation\""
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    print_table(
        out,
        &[
            "ID",
            "ORGANISATION",
            "SITE",
            "CHECKLISTS",
            "ANSWERED",
            "LAST CHANGE",
        ],
        &rows,
    )?;
    Ok(if unreadable {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn required_text(value: &str, flag: &str) -> Result<String, Failure> {
    optional_text(Some(value)).ok_or_else(|| Failure {
        message: format!("{flag} must not be empty"),
        code: 2,
    })
}

/// Trimmed text, or nothing if blank.
fn optional_text(value: Option<&str>) -> Option<String> {
    value
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

/// Adopts newer editions of an assessment's checklists, keeping every answer.
pub fn upgrade(ctx: &Context, query: Option<&str>, out: &mut dyn Write) -> CommandResult {
    let id = ctx.workspace.store.resolve(query)?;
    let mut open = ctx.workspace.store.open(&id)?;
    let newer: Vec<String> = newer_editions(&open.assessment, &ctx.workspace.library)
        .iter()
        .map(|c| c.id.clone())
        .collect();
    if newer.is_empty() {
        writeln!(
            out,
            "`{}` already uses the newest edition of each of its checklists.",
            text::one_line(&id)
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let by = ctx.who(open.assessment.details.assessor.as_deref());
    for checklist_id in &newer {
        let Some(entry) = ctx.workspace.library.get(checklist_id) else {
            continue;
        };
        let used = ChecklistUse {
            id: entry.checklist.id.clone(),
            title: entry.checklist.title.clone(),
            edition: entry.checklist.edition.clone(),
            hash: entry.hash.clone(),
        };
        open.replace_checklist(used, &entry.text, ctx.now, by.clone())?;
        writeln!(
            out,
            "{}: now {}",
            text::one_line(checklist_id),
            text::one_line(&entry.checklist.edition)
        )?;
    }
    drop(open);
    let loaded = ctx.workspace.load_id(&id, Access::Read)?;
    let orphaned = orphans(&loaded.assessment().answers, &loaded.checklists);
    if !orphaned.is_empty() {
        writeln!(
            out,
            "Kept {} for items the new edition no longer has:",
            text::count(orphaned.len(), "answer", "answers")
        )?;
        for item in orphaned {
            writeln!(out, "  {item}")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
