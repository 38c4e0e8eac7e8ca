//! `carecheck export --calendar`: every dated duty as an iCalendar file, for one assessment or
//! (with `--all`, `--org`) every one, through the one duties list and the one output rule.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use super::status::same_organisation;
use super::{CommandResult, Context, Failure};
use crate::duties::Duty;
use crate::output::check_output;
use crate::report::calendar::{CalendarFor, CalendarOptions, write};
use crate::text::one_line;
use crate::workspace::{Access, Loaded};

/// Which assessments, and how the calendar is made.
pub struct CalendarRequest<'a> {
    pub query: Option<&'a str>,
    pub all: bool,
    pub org: Option<&'a str>,
    pub alarm_days: u32,
}

pub fn export(
    ctx: &Context,
    request: &CalendarRequest,
    output: Option<&Path>,
    force: bool,
    out: &mut dyn Write,
) -> CommandResult {
    if let Some(path) = output {
        check_output(path, ctx.workspace.store.data(), None, force)?;
    }
    let chosen = assessments(ctx, request)?;
    let lists: Vec<(String, String, Vec<Duty>)> = chosen
        .iter()
        .map(|loaded| {
            let a = loaded.assessment();
            (a.id.clone(), a.details.place(), duties(ctx, loaded))
        })
        .collect();
    let calendars: Vec<CalendarFor> = lists
        .iter()
        .map(|(id, name, duties)| CalendarFor {
            assessment_id: id,
            name,
            duties,
        })
        .collect();
    let title = match (request.all, request.org, lists.first()) {
        (true, Some(org), _) => format!("carecheck duties: {org}"),
        (true, None, _) => "carecheck duties: every assessment".to_owned(),
        (false, _, Some((_, name, _))) => format!("carecheck duties: {name}"),
        (false, _, None) => "carecheck duties".to_owned(),
    };
    let options = CalendarOptions {
        alarm_days: (request.alarm_days > 0).then_some(request.alarm_days),
        made: ctx.now,
    };
    let text = write(&title, &calendars, &options);
    let count: usize = lists.iter().map(|(_, _, d)| d.len()).sum();
    match output {
        None => out.write_all(text.as_bytes())?,
        Some(path) => {
            crate::store::fsutil::write_atomic(path, text.as_bytes())
                .map_err(|e| Failure::new(format!("{}: cannot write: {e}", path.display())))?;
            writeln!(
                out,
                "Wrote {} ({}).",
                one_line(&path.display().to_string()),
                crate::text::count(count, "dated duty", "dated duties")
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn assessments(ctx: &Context, request: &CalendarRequest) -> Result<Vec<Loaded>, Failure> {
    if !request.all {
        return Ok(vec![ctx.workspace.load(request.query, Access::Read)?]);
    }
    let mut chosen = Vec::new();
    for (id, loaded) in ctx.workspace.load_all()? {
        let loaded = loaded.map_err(|e| Failure::new(format!("assessment `{id}`: {e}")))?;
        if request
            .org
            .is_some_and(|o| !same_organisation(&loaded.assessment().details.organisation, o))
        {
            continue;
        }
        chosen.push(loaded);
    }
    if chosen.is_empty() {
        return Err(match request.org {
            Some(o) => Failure::new(format!(
                "no assessment is for an organisation called `{}`; `carecheck list` shows them all",
                one_line(o)
            )),
            None => crate::store::StoreError::NoneYet.into(),
        });
    }
    Ok(chosen)
}

/// One assessment's duties, from the summary, registers and plan computed for today.
fn duties(ctx: &Context, loaded: &Loaded) -> Vec<Duty> {
    crate::duties::for_loaded(loaded, &ctx.workspace.library, ctx.today())
}
