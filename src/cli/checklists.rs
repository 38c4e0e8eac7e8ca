//! `carecheck checklists` and `carecheck validate`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::{ChecklistsChange, CommandResult, Context, Failure, load_library};
use crate::checklist::library::{Candidate, candidate, one_way_links};
use crate::checklist::{Library, Origin, read_checklist_file};
use crate::checklist_choice;
use crate::store::DataDir;
use crate::text;
use crate::workspace::Access;

/// Lists every usable checklist. Exits 1 (after listing the good ones) if a user checklist is
/// broken, so the problem is not missed.
pub fn list(data_dir: &DataDir, out: &mut dyn Write) -> CommandResult {
    let (library, all_valid) = load_library(data_dir);
    let rows: Vec<[String; 5]> = library
        .entries()
        .iter()
        .map(|e| {
            let source = match &e.origin {
                Origin::Bundled(_) => "built in".to_owned(),
                Origin::File(path) => path.display().to_string(),
            };
            [
                e.checklist.id.clone(),
                shorten(&e.checklist.title, 56),
                shorten(&e.checklist.edition, 28),
                e.checklist.item_count().to_string(),
                source,
            ]
        })
        .collect();
    print_table(out, &["ID", "TITLE", "EDITION", "ITEMS", "FROM"], &rows)?;
    writeln!(
        out,
        "\nYour own checklists go in {} (see checklists/FORMAT.md).",
        text::one_line(&data_dir.checklists().display().to_string())
    )?;
    Ok(if all_valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Validates files; links may point at each other or at any checklist carecheck already knows.
pub fn validate(data_dir: &DataDir, files: &[PathBuf], out: &mut dyn Write) -> CommandResult {
    let mut problems = Vec::new();
    let mut candidates: Vec<Candidate> = Vec::new();
    for path in files {
        match read_checklist_file(path) {
            Ok(bytes) => match candidate(Origin::File(path.clone()), &bytes) {
                Ok(c) => candidates.push(c),
                Err(d) => problems.extend(d),
            },
            Err(d) => problems.push(d),
        }
    }
    // A file being edited may be a new version of a known checklist; its links resolve against
    // the file first and the installed checklists second.
    let (known, _) = Library::load(Some(&data_dir.checklists()));
    // Warnings are printed but do not change the exit status.
    let warnings = one_way_links(&candidates, &known);
    let (valid, link_problems) = Library::assemble(candidates, &known);
    problems.extend(link_problems);
    for line in problems.iter().chain(&warnings) {
        writeln!(out, "{line}")?;
    }
    for entry in valid.entries() {
        writeln!(
            out,
            "ok: {} ({}, {})",
            text::one_line(&entry.origin.describe()),
            text::one_line(&entry.checklist.id),
            text::count(entry.checklist.item_count(), "item", "items")
        )?;
    }
    Ok(if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Prints rows as aligned columns; the last column is not padded.
pub(crate) fn print_table<const N: usize>(
    out: &mut dyn Write,
    header: &[&str; N],
    rows: &[[String; N]],
) -> std::io::Result<()> {
    let clean: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|cell| text::one_line(cell).into_owned())
                .collect()
        })
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &clean {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |out: &mut dyn Write, cells: Vec<&str>| {
        let mut text = String::new();
        for (i, cell) in cells.iter().enumerate() {
            if i + 1 == N {
                text.push_str(cell);
            } else {
                text.push_str(&format!("{cell:<width$}  ", width = widths[i]));
            }
        }
        writeln!(out, "{}", text.trim_end())
    };
    line(out, header.to_vec())?;
    for row in &clean {
        line(out, row.iter().map(String::as_str).collect())?;
    }
    Ok(())
}

/// At most `max` characters, ending in "…" when cut, so tables fit a terminal.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max - 1).collect();
    format!("{}…", cut.trim_end())
}

/// `carecheck checklists add|remove ID`: changes which checklists an assessment uses.
pub fn change(ctx: &Context, change: &ChecklistsChange, out: &mut dyn Write) -> CommandResult {
    let (ChecklistsChange::Add { id, target, .. } | ChecklistsChange::Remove { id, target }) =
        change;
    let mut loaded = ctx
        .workspace
        .load(target.assessment.as_deref(), Access::Write)?;
    let by = ctx.who(loaded.assessment().details.assessor.as_deref());
    let name = text::one_line(&loaded.assessment().id).into_owned();
    let failed = |e: checklist_choice::ChecklistChoiceError| Failure::new(e.to_string());
    match change {
        ChecklistsChange::Add { answers_from, .. } => {
            let from = answers_from.as_deref();
            super::answers_across::check_source(&loaded, from, id)?;
            let added = checklist_choice::add(&mut loaded, &ctx.workspace.library, id, ctx.now, by)
                .map_err(failed)?;
            writeln!(
                out,
                "Added {} ({}) to {name}.",
                text::one_line(&added.title),
                text::count(added.items, "item", "items")
            )?;
            if added.answers > 0 {
                writeln!(
                    out,
                    "{} again.",
                    text::count(
                        added.answers,
                        "answer given before it was removed counts",
                        "answers given before it was removed count"
                    )
                )?;
            }
            if let Some(from) = from {
                super::answers_across::copy(ctx, &mut loaded, from, id, out)?;
            }
        }
        ChecklistsChange::Remove { .. } => {
            let removed = checklist_choice::remove(&mut loaded, id, ctx.now, by).map_err(failed)?;
            writeln!(
                out,
                "Removed {} from {name}.",
                text::one_line(&removed.title)
            )?;
            writeln!(
                out,
                "Its {} kept in the journal and the assessment, not counted; `carecheck checklists add {}` brings {} back.",
                text::count(removed.answers, "answer is", "answers are"),
                text::one_line(id),
                if removed.answers == 1 { "it" } else { "them" }
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
