//! `carecheck diff A B`: what changed from assessment A (last year's, say) to B.

use std::io::Write;
use std::process::ExitCode;

use super::{CommandResult, Context, Failure};
use crate::diff::{Diff, Met};
use crate::domain::checklist::ItemRef;
use crate::text::{self, one_line};
use crate::workspace::{Access, Loaded};

pub fn run(
    ctx: &Context,
    then_query: &str,
    now_query: &str,
    json: bool,
    out: &mut dyn Write,
) -> CommandResult {
    let then = ctx.workspace.load(Some(then_query), Access::Read)?;
    let now = ctx.workspace.load(Some(now_query), Access::Read)?;
    let diff = Diff::between(
        &then.summary(&ctx.workspace.library, ctx.today()),
        &now.summary(&ctx.workspace.library, ctx.today()),
    );
    if json {
        let text = serde_json::to_string_pretty(&diff).map_err(|e| Failure::new(e.to_string()))?;
        writeln!(out, "{text}")?;
    } else {
        write_text(&diff, &[&now, &then], out)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn write_text(diff: &Diff, loaded: &[&Loaded], out: &mut dyn Write) -> std::io::Result<()> {
    // An item's title from whichever assessment still has it (this year's edition first).
    let named = |key: &ItemRef| {
        let title = loaded
            .iter()
            .find_map(|l| l.find_item(&key.to_string()).ok())
            .map(|(_, item)| format!(" {}", one_line(&item.title)))
            .unwrap_or_default();
        format!("{key}{title}")
    };
    writeln!(
        out,
        "Changes from `{}` to `{}`",
        one_line(&diff.then),
        one_line(&diff.now)
    )?;
    writeln!(
        out,
        "{}",
        crate::report::trend::basis_words(diff.then_judged)
    )?;
    for c in &diff.checklists {
        writeln!(
            out,
            "\n{} ({}): {} then, {} now",
            one_line(&c.title),
            one_line(&c.id),
            met(c.then),
            met(c.now)
        )?;
        for s in &c.sections {
            writeln!(
                out,
                "  {}: {} then, {} now",
                one_line(&s.title),
                met(s.then),
                met(s.now)
            )?;
        }
    }
    writeln!(
        out,
        "\nAnswers changed: {}",
        text::count(diff.answers.len(), "item", "items")
    )?;
    for a in &diff.answers {
        let mut what = Vec::new();
        if a.status_then != a.status_now {
            what.push(format!("{} -> {}", a.status_then, a.status_now));
        }
        if a.value_then != a.value_now {
            what.push(format!(
                "value {} -> {}",
                shown(a.value_then.as_deref()),
                shown(a.value_now.as_deref())
            ));
        }
        for part in a
            .changed
            .iter()
            .filter(|p| matches!(**p, "reason" | "note"))
        {
            what.push(format!("{part} changed"));
        }
        writeln!(out, "  {}: {}", named(&a.item), what.join("; "))?;
    }
    for (heading, gaps) in [
        ("Gaps opened", &diff.gaps_opened),
        ("Gaps closed", &diff.gaps_closed),
    ] {
        writeln!(out, "\n{heading}: {}", gaps.len())?;
        for g in gaps {
            writeln!(out, "  {}: {}", named(&g.item), one_line(&g.reason))?;
        }
    }
    if !diff.to_confirm.is_empty() {
        writeln!(
            out,
            "\nCarried forward, to confirm (counted neither met nor a gap until then): {}",
            diff.to_confirm.len()
        )?;
        for item in &diff.to_confirm {
            writeln!(out, "  {}", named(item))?;
        }
    }
    writeln!(
        out,
        "\nEvidence changed: {}",
        text::count(diff.evidence.len(), "item", "items")
    )?;
    for e in &diff.evidence {
        writeln!(out, "  {}:", named(&e.item))?;
        for removed in &e.removed {
            writeln!(out, "    - {}", one_line(removed))?;
        }
        for added in &e.added {
            writeln!(out, "    + {}", one_line(added))?;
        }
    }
    Ok(())
}

fn met(m: Option<Met>) -> String {
    m.map_or_else(
        || "not used".to_owned(),
        |m| match m.to_confirm {
            0 => m.describe(),
            waiting => format!("{} ({waiting} to confirm)", m.describe()),
        },
    )
}

/// A typed value as a reader sees it: a date (kept as YYYY-MM-DD) in the UK form.
fn shown(value: Option<&str>) -> String {
    match value {
        None => "(none)".to_owned(),
        Some(text) => crate::domain::date::Date::parse(text).map_or_else(
            || one_line(text).into_owned(),
            crate::domain::date::Date::uk,
        ),
    }
}
