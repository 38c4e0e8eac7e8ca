//! Exports people can work with: CSV for spreadsheets, the action plan alone as CSV, a
//! complete JSON document, and a Markdown summary. Pure functions of the report model.
//!
//! Every CSV writes dates in ISO 8601 (2027-06-01), the one form a spreadsheet set to any
//! country reads the same way, and values with their unit (a percentage keeps its `%`).

use std::fmt::Write as _;

use serde::Serialize;

use super::model::{ItemReport, ReportModel};
use super::trend::{SinceLast, Unavailable};
use crate::domain::assessment::{ActionStatus, EvidenceSource};
use crate::domain::progress::Outcome;
use crate::text;

/// One CSV field: quoted when needed, and never read as a formula. A spreadsheet runs a cell
/// that starts with `=`, `+`, `-` or `@` as a formula (some also after leading spaces, or a
/// tab, carriage return or line break), so a note like `=HYPERLINK(...)` could act when the
/// file is opened; such cells are prefixed with an apostrophe. Every cell passes through
/// here, whatever its source.
fn field(value: &str) -> String {
    let value = text::multi_line(value);
    let guarded = if needs_formula_guard(value.as_ref()) {
        format!("'{value}")
    } else {
        value.into_owned()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// Whether a spreadsheet could read the cell as a formula.
fn needs_formula_guard(value: &str) -> bool {
    const FORMULA: [char; 4] = ['=', '+', '-', '@'];
    value.starts_with(['\t', '\r', '\n'])
        || value
            .trim_start_matches(|c: char| c.is_whitespace())
            .starts_with(FORMULA)
}

pub(crate) fn csv_line(out: &mut String, fields: &[String]) {
    let line: Vec<String> = fields.iter().map(|f| field(f)).collect();
    out.push_str(&line.join(","));
    out.push_str("\r\n");
}

/// Excel reads a file as UTF-8 only when it starts with a byte-order mark.
const BOM: &str = "\u{FEFF}";

fn evidence_text(model: &ReportModel, item: &ItemReport) -> String {
    item.evidence
        .iter()
        .filter_map(|n| model.evidence.get(n - 1))
        .map(|e| match &e.source {
            EvidenceSource::File { path, sha256, .. } => format!(
                "E{} {path} (sha256 {sha256}; {})",
                e.number,
                e.check.describe()
            ),
            EvidenceSource::Document { name } => format!("E{} {name}", e.number),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// One row per item with every field.
pub fn items_csv(model: &ReportModel) -> String {
    let mut out = String::from(BOM);
    let header = [
        "checklist",
        "checklist_edition",
        "section",
        "item",
        "title",
        "status",
        "outcome",
        "why_not_met",
        "inherited_from",
        "flagged",
        "counts_towards",
        "value_asked",
        "value",
        "note",
        "justification",
        "evidence",
        "action",
        "action_owner",
        "action_due",
        "action_priority",
        "action_status",
    ];
    csv_line(&mut out, &header.map(str::to_owned));
    for c in &model.checklists {
        for i in &c.items {
            let (outcome, why) = match &i.outcome {
                Outcome::Met => ("met", String::new()),
                Outcome::Gap { reason } => ("gap", reason.clone()),
                Outcome::NotApplicable { .. } => ("not applicable", String::new()),
                Outcome::Alternative { .. } => ("met another way", String::new()),
                Outcome::Unanswered => ("", String::new()),
                Outcome::ToConfirm { was } => ("to confirm", was.describe()),
            };
            let action = i.action.as_ref();
            csv_line(
                &mut out,
                &[
                    c.id.clone(),
                    c.edition.clone(),
                    i.section.clone(),
                    i.key.item.clone(),
                    i.title.clone(),
                    i.status.keyword().to_owned(),
                    outcome.to_owned(),
                    why,
                    inherited(i),
                    if i.flagged {
                        "yes".into()
                    } else {
                        String::new()
                    },
                    i.levels.join("; "),
                    i.value_label.clone().unwrap_or_default(),
                    csv_value(i),
                    i.note.clone(),
                    i.justification.clone().unwrap_or_default(),
                    evidence_text(model, i),
                    action.map(|a| a.text.clone()).unwrap_or_default(),
                    action.map(|a| a.owner.clone()).unwrap_or_default(),
                    action
                        .and_then(|a| a.due)
                        .map(|d| d.to_string())
                        .unwrap_or_default(),
                    action.map(|a| a.priority.to_string()).unwrap_or_default(),
                    action
                        .map(|a| action_status(a.status).to_owned())
                        .unwrap_or_default(),
                ],
            );
        }
    }
    out
}

/// The answer's value with its unit: a percentage keeps its `%` (the model stores the number
/// alone); a date stays ISO 8601 like every date in the CSV.
fn csv_value(item: &ItemReport) -> String {
    match (&item.value, &item.value_shown) {
        (Some(_), Some(shown)) if shown.ends_with('%') => shown.clone(),
        (value, _) => value.clone().unwrap_or_default(),
    }
}

/// "Name (id)" of the head office an answer is inherited from, or nothing for an own answer.
fn inherited(item: &ItemReport) -> String {
    item.inherited_from
        .as_ref()
        .map(|h| format!("{} ({})", h.name, h.id))
        .unwrap_or_default()
}

fn action_status(status: ActionStatus) -> &'static str {
    match status {
        ActionStatus::Open => "open",
        ActionStatus::InProgress => "in progress",
        ActionStatus::Done => "done",
    }
}

/// The action plan alone, most urgent first, for providers who track it in a spreadsheet.
pub fn actions_csv(model: &ReportModel) -> String {
    let mut out = String::from(BOM);
    csv_line(
        &mut out,
        &[
            "priority",
            "checklist",
            "item",
            "gap",
            "answer",
            "why",
            "blocks",
            "action",
            "owner",
            "due",
            "overdue",
            "status",
            "closed",
            "inherited_from",
            "note",
        ]
        .map(str::to_owned),
    );
    let today = model.generated.date();
    for p in model.action_plan() {
        let a = p.action();
        let why = p.entry.reason.clone();
        csv_line(
            &mut out,
            &[
                a.map(|a| a.priority.to_string()).unwrap_or_default(),
                p.checklist.to_owned(),
                p.item.key.item.clone(),
                p.item.title.clone(),
                p.item.status.label().to_owned(),
                why,
                p.entry.blocks.join("; "),
                a.map(|a| a.text.clone()).unwrap_or_default(),
                a.map(|a| a.owner.clone()).unwrap_or_default(),
                a.and_then(|a| a.due)
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                if p.overdue(today) { "overdue" } else { "" }.to_owned(),
                a.map_or_else(
                    || "no action recorded".to_owned(),
                    |a| action_status(a.status).to_owned(),
                ),
                a.and_then(|a| a.closed)
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                inherited(p.item),
                p.item.note.clone(),
            ],
        );
    }
    out
}

#[derive(Serialize)]
struct JsonExport<'a> {
    format: &'static str,
    format_version: u32,
    #[serde(flatten)]
    report: &'a ReportModel,
    /// The supplier and risk registers as the pack shows them (absent when none is kept).
    registers: Option<&'a crate::registers::RegisterView>,
    /// The continuity plan as the pack prints it (absent when none is started).
    continuity_plan: Option<&'a crate::continuity::PlanView>,
    /// The comparison with the assessment this one was renewed from (absent when it was not
    /// renewed).
    since_last: Option<JsonSince<'a>>,
}

/// The comparison with last year's assessment, or why there is none.
#[derive(Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
enum JsonSince<'a> {
    Compared {
        then_started: crate::domain::date::Date,
        now_started: crate::domain::date::Date,
        diff: &'a crate::diff::Diff,
    },
    Unavailable {
        previous: &'a str,
        why: String,
    },
}

fn json_since(since: &SinceLast) -> JsonSince<'_> {
    match since {
        SinceLast::Compared(s) => JsonSince::Compared {
            then_started: s.then_started,
            now_started: s.now_started,
            diff: &s.diff,
        },
        SinceLast::Unavailable { previous, why } => JsonSince::Unavailable {
            previous,
            why: match why {
                Unavailable::NotHere => "not in this data folder".to_owned(),
                Unavailable::Unreadable(reason) => reason.clone(),
            },
        },
    }
}

/// Everything in the report model, as JSON: the answers, evidence and history, the registers,
/// the continuity plan and the comparison with last year.
pub fn json(model: &ReportModel) -> String {
    let export = JsonExport {
        format: "carecheck-export",
        format_version: 2,
        report: model,
        registers: model.registers.as_ref(),
        continuity_plan: model.continuity.as_ref(),
        since_last: model.since.as_ref().map(json_since),
    };
    serde_json::to_string_pretty(&export).unwrap_or_default() + "\n"
}

/// Markdown that shows `value` as plain text (the one Markdown escaper, shared with the
/// continuity plan's export).
fn md(value: &str) -> String {
    text::markdown(value)
}

/// A readable summary: progress, levels, gaps, flagged and alternative answers, evidence
/// problems.
/// The organisation's identifiers and scope that are recorded, labelled, for exports.
pub fn profile_lines(model: &ReportModel) -> Vec<(&'static str, String)> {
    let p = &model.profile;
    let mut lines: Vec<(&'static str, String)> = [
        ("ODS code", &p.ods_code),
        ("CQC provider ID", &p.cqc_provider_id),
        ("CQC location ID", &p.cqc_location_id),
        ("ICO registration", &p.ico_registration),
        ("Address", &p.address),
    ]
    .into_iter()
    .filter_map(|(label, v)| v.clone().map(|v| (label, v)))
    .collect();
    if !p.sites_covered.is_empty() {
        lines.push(("Sites covered", p.sites_covered.join("; ")));
    }
    match (p.period_start, p.period_end) {
        (Some(a), Some(b)) => lines.push(("Period assessed", format!("{} to {}", a.uk(), b.uk()))),
        (Some(a), None) => lines.push(("Period assessed", format!("from {}", a.uk()))),
        (None, Some(b)) => lines.push(("Period assessed", format!("to {}", b.uk()))),
        (None, None) => {}
    }
    lines
}

pub fn markdown(model: &ReportModel) -> String {
    let mut out = String::new();
    let place = match &model.site {
        Some(site) => format!("{}, {}", md(&model.organisation), md(site)),
        None => md(&model.organisation),
    };
    let _ = writeln!(out, "# Evidence summary: {place}\n");
    let _ = writeln!(
        out,
        "Generated {} by carecheck {}. Assessment fingerprint `{}`.\n",
        model.generated, model.carecheck_version, model.fingerprint
    );
    let identifiers = profile_lines(model);
    if !identifiers.is_empty() {
        for (label, value) in identifiers {
            let _ = writeln!(out, "- **{label}**: {}", md(&value));
        }
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "{} of {} items answered.\n",
        model.answered(),
        model.total()
    );
    for c in &model.checklists {
        let t = c.progress.tally;
        let _ = writeln!(out, "## {} ({})\n", md(&c.title), md(&c.edition));
        let _ = writeln!(
            out,
            "{} of {} answered, {} met, {} gaps, {} flagged.\n",
            t.answered, t.total, t.met, t.gaps, t.flagged
        );
        for level in &c.progress.levels {
            let verdict = if level.reached() {
                "reached"
            } else {
                "not yet reached"
            };
            let _ = writeln!(
                out,
                "- **{}**: {verdict} ({} of {} required items met)",
                md(&level.name),
                level.met,
                level.required
            );
        }
        out.push('\n');
    }
    let plan = model.action_plan();
    let _ = writeln!(out, "## Gaps and action plan\n");
    if plan.is_empty() {
        out.push_str("No gaps.\n\n");
    } else {
        out.push_str(
            "| Priority | Item | Gap | Action | Owner | Due | Status |\n|---|---|---|---|---|---|---|\n",
        );
        for p in plan {
            let a = p.action();
            let _ = writeln!(
                out,
                "| {} | {} | {} ({}) | {} | {} | {} | {} |",
                a.map(|a| a.priority.to_string()).unwrap_or_default(),
                md(&p.item.key.to_string()),
                md(&p.item.title),
                super::phrases::answer_mark_plain(p.item),
                a.map(|a| md(&a.text)).unwrap_or_default(),
                a.map(|a| md(&a.owner)).unwrap_or_default(),
                a.and_then(|a| a.due)
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                a.map_or("no action recorded", |a| action_status(a.status))
            );
        }
        out.push('\n');
    }
    let flagged: Vec<String> = model
        .flagged()
        .map(|i| format!("- {} {}", md(&i.key.to_string()), md(&i.title)))
        .collect();
    if !flagged.is_empty() {
        let _ = writeln!(out, "## Flagged for review\n\n{}\n", flagged.join("\n"));
    }
    let alternatives: Vec<String> = model
        .alternatives()
        .map(|i| {
            format!(
                "- {} {}: {}",
                md(&i.key.to_string()),
                md(&i.title),
                md(i.justification.as_deref().unwrap_or_default())
            )
        })
        .collect();
    if !alternatives.is_empty() {
        let _ = writeln!(out, "## Met another way\n\n{}\n", alternatives.join("\n"));
    }
    let problems: Vec<String> = model
        .evidence_problems()
        .map(|e| {
            format!(
                "- E{} for {}: {} is {}",
                e.number,
                md(&e.item.to_string()),
                md(e.source.describe()),
                e.check.describe()
            )
        })
        .collect();
    if !problems.is_empty() {
        let _ = writeln!(
            out,
            "## Evidence that changed or went missing\n\n{}\n",
            problems.join("\n")
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{field, md};

    /// Finding 13: a note starting with a line break (typed in the TUI) or a tab or carriage
    /// return (from a bundle) came out unguarded.
    #[test]
    fn no_leading_space_or_break_gets_a_formula_past_the_guard() {
        for value in [
            "\n=cmd()",
            "\t=cmd()",
            "\r=cmd()",
            "  =cmd()",
            "\r\n@SUM(A1)",
            "\n\n+1",
        ] {
            let out = field(value);
            assert!(
                out.trim_start_matches('"').starts_with('\''),
                "{value:?} gave {out:?}"
            );
        }
        assert_eq!(
            field("\tplain"),
            "    plain",
            "a tab becomes spaces; nothing to guard"
        );
    }

    /// Finding 14: a live link in an organisation name and a remote image in a justification.
    #[test]
    fn markdown_never_makes_a_link_an_image_or_html() {
        let link = md("[md](javascript:alert(1))");
        assert_eq!(link, "\\[md\\]\\(javascript:alert\\(1\\)\\)");
        let image = md("![i](http://x/t.png)");
        assert!(image.starts_with("\\!\\[i\\]\\("), "{image}");
        assert_eq!(md("<img src=x>"), "&lt;img src=x&gt;");
        assert_eq!(md("a|b"), "a\\|b");
    }

    #[test]
    fn csv_fields_are_quoted_and_never_formulas() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a, b"), "\"a, b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(
            field("=HYPERLINK(\"http://x\")"),
            "\"'=HYPERLINK(\"\"http://x\"\")\""
        );
        assert_eq!(field("-1"), "'-1");
        assert_eq!(field("line\nbreak"), "\"line\nbreak\"");
        assert_eq!(field("esc\u{1b}"), "esc\\u{1b}");
    }
}
