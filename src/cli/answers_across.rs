//! `carecheck checklists add ID --answers-from CHECKLIST`: the command's side of
//! [`crate::answers_across`].

use std::io::Write;

use super::{Context, Failure};
use crate::text::{count, one_line};
use crate::workspace::Loaded;

/// Refuses, before anything changes, a source the assessment does not use or the checklist
/// being added itself.
pub fn check_source(loaded: &Loaded, from: Option<&str>, adding: &str) -> Result<(), Failure> {
    let Some(from) = from else {
        return Ok(());
    };
    let usage = |message: String| Failure { message, code: 2 };
    if from == adding {
        return Err(usage(format!(
            "--answers-from `{}` is the checklist being added; name the one whose answers it takes",
            one_line(from)
        )));
    }
    if !loaded.assessment().uses_checklist(from) {
        return Err(usage(format!(
            "--answers-from: `{}` uses no checklist `{}` (`carecheck status` lists its checklists); nothing was changed",
            one_line(&loaded.assessment().id),
            one_line(from)
        )));
    }
    Ok(())
}

/// Copies the answers across once the checklist is added, and says what moved.
pub fn copy(
    ctx: &Context,
    loaded: &mut Loaded,
    from: &str,
    to: &str,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let checklist = ctx
        .workspace
        .library
        .get(to)
        .map(|e| e.checklist.clone())
        .ok_or_else(|| Failure::new(format!("no checklist has the id `{}`", one_line(to))))?;
    let by = ctx.who(loaded.assessment().details.assessor.as_deref());
    let moved =
        crate::answers_across::copy_by_id(loaded, from, &checklist, ctx.now, by.as_deref())?;
    writeln!(
        out,
        "Gave {} the answers of {} for {} with the same id.",
        one_line(to),
        one_line(from),
        count(moved.copied.len(), "item", "items")
    )?;
    if !moved.kept.is_empty() {
        writeln!(
            out,
            "Kept {}'s own answers to: {}",
            one_line(to),
            one_line(&moved.kept.join(", "))
        )?;
    }
    Ok(())
}
