//! OSCAL exports: assessment results (a finding per answered item) and a plan of action and
//! milestones (a POA&M item per gap), as OSCAL 1.2.3 JSON (the tests validate both against
//! NIST's 1.2.3 schema with format checking on).
//!
//! Each gap is an OSCAL risk whose remediation is its action: the action's text, a task with
//! its due date and status, and its owner as a party in the action-owner role. The POA&M item
//! names that risk; in the assessment results, the finding does.
//!
//! Our answers map onto OSCAL as: yes → implemented/satisfied; partial → partial/not-satisfied;
//! no → planned/not-satisfied; alternative → alternative/satisfied (justification in remarks);
//! not applicable → not-applicable/satisfied. Unanswered items produce no finding.

use serde_json::{Value, json};

use super::file_uri::{PathFlavour, file_uri};
use crate::digest::sha256_hex;
use crate::domain::assessment::{ActionStatus, EvidenceSource, Status};
use crate::report::model::{ItemReport, ReportModel};

const OSCAL_VERSION: &str = "1.2.3";

/// A UUID derived from `parts` (so re-exporting the same assessment gives the same ids),
/// formatted as a version-4 ("pseudorandom") UUID as OSCAL requires.
fn uuid(parts: &[&str]) -> String {
    let hex = sha256_hex(parts.join("\u{1f}").as_bytes());
    let variant =
        ["8", "9", "a", "b"][usize::from(u8::from_str_radix(&hex[16..17], 16).unwrap_or(0) % 4)];
    format!(
        "{}-{}-4{}-{variant}{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[13..16],
        &hex[17..20],
        &hex[20..32]
    )
}

/// OSCAL control ids are tokens (they start with a letter). Item ids that already are one,
/// such as those imported from an OSCAL catalog, are kept; others are prefixed with their
/// checklist's id ("dspt-social-care_4.5.3").
fn control_id(item: &ItemReport) -> String {
    if item.key.item.starts_with(|c: char| c.is_ascii_alphabetic()) {
        item.key.item.clone()
    } else {
        format!("{}_{}", item.key.checklist, item.key.item)
    }
}

fn answered(model: &ReportModel) -> impl Iterator<Item = &ItemReport> {
    model
        .checklists
        .iter()
        .flat_map(|c| c.items.iter())
        .filter(|i| i.status != Status::Unanswered)
}

fn metadata(model: &ReportModel, title: &str) -> Value {
    let mut metadata = json!({
        "title": title,
        "last-modified": model.generated.to_string(),
        "version": model.fingerprint[..16.min(model.fingerprint.len())],
        "oscal-version": OSCAL_VERSION,
        "remarks": format!("Exported by carecheck {} from assessment {} (fingerprint {}).", model.carecheck_version, model.assessment_id, model.fingerprint),
    });
    let owners = owners(model);
    if !owners.is_empty() {
        metadata["roles"] = json!([{ "id": OWNER_ROLE, "title": "Action owner", "description": "Who carries out an action that closes a gap." }]);
        metadata["parties"] = Value::Array(
            owners
                .iter()
                .map(|name| json!({ "uuid": party_uuid(model, name), "type": "person", "name": line(name) }))
                .collect(),
        );
    }
    metadata
}

/// Text as one line with single spaces and no space at either end, as OSCAL's string values
/// must be (their pattern is `^\S(.*\S)?$`).
fn line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The role of whoever owns an action.
const OWNER_ROLE: &str = "action-owner";

/// Every action owner named in the action plan, once each, in plan order.
fn owners(model: &ReportModel) -> Vec<&str> {
    let mut owners: Vec<&str> = Vec::new();
    for p in model.action_plan() {
        let owner = p.item.action.as_ref().map_or("", |a| a.owner.trim());
        if !owner.is_empty() && !owners.contains(&owner) {
            owners.push(owner);
        }
    }
    owners
}

fn party_uuid(model: &ReportModel, owner: &str) -> String {
    uuid(&[&model.fingerprint, "party", owner.trim()])
}

fn gap_risk_uuid(model: &ReportModel, item: &ItemReport) -> String {
    uuid(&[&model.fingerprint, "gap-risk", &item.key.to_string()])
}

/// A gap as an OSCAL risk whose remediation is its action (text, owner, due date, status).
fn gap_risk(model: &ReportModel, item: &ItemReport, checklist: &str) -> Value {
    let key = item.key.to_string();
    let a = item.action.as_ref();
    let text = a.map(|a| line(&a.text)).filter(|t| !t.trim().is_empty());
    let owner = a.map(|a| a.owner.trim()).filter(|o| !o.is_empty());
    let status = match a.map(|a| a.status) {
        Some(ActionStatus::Done) => "done",
        Some(ActionStatus::InProgress) => "in progress",
        _ => "open",
    };
    let title = text
        .clone()
        .unwrap_or_else(|| format!("Close the gap in {key}"));
    let mut task = json!({
        "uuid": uuid(&[&model.fingerprint, "gap-task", &key]),
        "type": "milestone",
        "title": title,
        "props": [{ "name": "status", "ns": NS, "value": status }],
    });
    if let Some(due) = a.and_then(|a| a.due) {
        task["timing"] = json!({ "on-date": { "date": format!("{due}T00:00:00Z") } });
    }
    if let Some(owner) = owner {
        task["responsible-roles"] =
            json!([{ "role-id": OWNER_ROLE, "party-uuids": [party_uuid(model, owner)] }]);
    }
    let mut remediation = json!({
        "uuid": uuid(&[&model.fingerprint, "gap-remediation", &key]),
        "lifecycle": "planned",
        "title": title,
        "description": action_sentence(item),
        "tasks": [task],
    });
    if let Some(a) = a {
        remediation["props"] =
            json!([{ "name": "priority", "ns": NS, "value": a.priority.to_string() }]);
    }
    let mut risk = json!({
        "uuid": gap_risk_uuid(model, item),
        "title": format!("Gap in {key} {}", line(&item.title)),
        "description": format!("{key} is answered {} in {checklist}.", item.status.label().to_lowercase()),
        "statement": format!("Until it is closed, {key} is not met: {}.", item.outcome.describe()),
        "status": match a.map(|a| a.status) {
            Some(ActionStatus::InProgress | ActionStatus::Done) => "remediating",
            _ => "open",
        },
        "remediations": [remediation],
    });
    if let Some(due) = a.and_then(|a| a.due) {
        risk["deadline"] = Value::String(format!("{due}T00:00:00Z"));
    }
    risk
}

/// The action in words: "Appoint a SIRO. Owner: Lan, by 2027-02-28; priority medium; open."
fn action_sentence(item: &ItemReport) -> String {
    let Some(a) = item.action.as_ref() else {
        return "No action recorded yet.".to_owned();
    };
    let text = line(&a.text);
    let text = match text.chars().last() {
        None => "No action text yet.".to_owned(),
        Some('.' | '!' | '?') => text,
        Some(_) => text + ".",
    };
    let owner = if a.owner.trim().is_empty() {
        "no owner yet".to_owned()
    } else {
        line(&a.owner)
    };
    let due = a.due.map_or("no date".to_owned(), |d| d.to_string());
    let status = match a.status {
        ActionStatus::Done => "done",
        ActionStatus::InProgress => "in progress",
        ActionStatus::Open => "open",
    };
    format!(
        "{text} Owner: {owner}, by {due}; priority {}; {status}.",
        a.priority
    )
}

/// The namespace of carecheck's own properties (OSCAL wants one for names it does not define).
const NS: &str = "https://github.com/carecheck/carecheck/ns/oscal";

/// What was answered, as OSCAL's implementation status.
fn implementation(status: Status) -> &'static str {
    match status {
        Status::Yes => "implemented",
        Status::Partial => "partial",
        Status::No | Status::Unanswered => "planned",
        Status::Alternative => "alternative",
        Status::NotApplicable => "not-applicable",
    }
}

/// Whether the objective is met, as the one judge (`progress::outcome`) decided: a Yes whose
/// value falls short, or last year's answer not yet confirmed, is not satisfied.
fn objective(item: &ItemReport) -> &'static str {
    if item.outcome.satisfies() {
        "satisfied"
    } else {
        "not-satisfied"
    }
}

fn place(model: &ReportModel) -> String {
    crate::domain::assessment::place(&model.organisation, model.site.as_deref())
}

/// OSCAL assessment results.
pub fn assessment_results(model: &ReportModel) -> Value {
    let id = |kind: &str, key: &str| uuid(&[&model.fingerprint, kind, key]);
    let plan_resource = id("plan", "");
    let mut resources = vec![json!({
        "uuid": plan_resource,
        "title": "Assessment plan",
        "description": "carecheck keeps no separate OSCAL assessment plan: the plan is the checklists named in these results, answered item by item.",
    })];
    for e in &model.evidence {
        if let EvidenceSource::File { path, sha256, .. } = &e.source {
            resources.push(json!({
                "uuid": id("evidence", &e.number.to_string()),
                "title": format!("Evidence E{} for {}", e.number, e.item),
                "rlinks": [{ "href": file_uri(path, PathFlavour::of(path)), "hashes": [{ "algorithm": "SHA-256", "value": sha256 }] }],
            }));
        }
    }
    let mut observations = Vec::new();
    let mut findings = Vec::new();
    // The gaps in the action plan, each a risk whose remediation is its action.
    let mut risks = Vec::new();
    let plan = model.action_plan();
    for item in answered(model) {
        let key = item.key.to_string();
        let mut evidence = Vec::new();
        for n in &item.evidence {
            let Some(e) = model.evidence.get(n - 1) else {
                continue;
            };
            let description = format!("E{}: {}", e.number, e.source.describe());
            match e.source {
                EvidenceSource::File { .. } => evidence.push(json!({ "href": format!("#{}", id("evidence", &e.number.to_string())), "description": description })),
                EvidenceSource::Document { .. } => evidence.push(json!({ "description": description })),
            }
        }
        let observation = (!evidence.is_empty() || !item.note.is_empty()).then(|| {
            let uuid = id("observation", &key);
            let mut o = json!({
                "uuid": uuid,
                "description": if item.note.is_empty() { format!("Evidence recorded for {key}.") } else { item.note.clone() },
                "methods": ["EXAMINE"],
                "collected": model.generated.to_string(),
            });
            if !evidence.is_empty() {
                o["relevant-evidence"] = Value::Array(evidence);
            }
            observations.push(o);
            uuid
        });
        let (implementation, objective) = (implementation(item.status), objective(item));
        let mut finding = json!({
            "uuid": id("finding", &key),
            "title": format!("{key} {}", item.title),
            "description": format!("Answered {} ({}).", item.status.label().to_lowercase(), item.section),
            "target": {
                "type": "objective-id",
                "target-id": control_id(item),
                "status": { "state": objective },
                "implementation-status": { "state": implementation },
            },
        });
        let mut remarks = Vec::new();
        if !item.outcome.satisfies() && item.status != Status::No {
            // Why an answer that sounds met is not counted: the judge's own words.
            remarks.push(format!("Not met: {}", item.outcome.describe()));
        }
        if let Some(j) = &item.justification {
            remarks.push(format!("Met another way: {j}"));
        }
        if let Some(problem) = &item.value_problem {
            remarks.push(format!("Not met: {problem}"));
        }
        if !item.note.is_empty() {
            remarks.push(item.note.clone());
        }
        if !remarks.is_empty() {
            finding["remarks"] = Value::String(remarks.join("\n"));
        }
        if let Some(uuid) = observation {
            finding["related-observations"] = json!([{ "observation-uuid": uuid }]);
        }
        if let Some(p) = plan.iter().find(|p| p.item.key == item.key) {
            risks.push(gap_risk(model, item, p.checklist));
            finding["related-risks"] = json!([{ "risk-uuid": gap_risk_uuid(model, item) }]);
        }
        findings.push(finding);
    }
    let selected: Vec<Value> = model
        .checklists
        .iter()
        .flat_map(|c| c.items.iter())
        .map(|i| json!({ "control-id": control_id(i) }))
        .collect();
    let checklists: Vec<String> = model
        .checklists
        .iter()
        .map(|c| format!("{} ({})", c.title, c.edition))
        .collect();
    let mut result = json!({
        "uuid": id("result", ""),
        "title": format!("carecheck assessment of {}", place(model)),
        "description": format!("Self-assessment against {}.", checklists.join("; ")),
        "start": model.generated.to_string(),
        "reviewed-controls": { "control-selections": [{ "include-controls": selected }] },
    });
    if !observations.is_empty() {
        result["observations"] = Value::Array(observations);
    }
    if !risks.is_empty() {
        result["risks"] = Value::Array(risks);
    }
    if !findings.is_empty() {
        result["findings"] = Value::Array(findings);
    }
    json!({
        "assessment-results": {
            "uuid": id("assessment-results", ""),
            "metadata": metadata(model, &format!("Assessment results: {}", place(model))),
            "import-ap": { "href": format!("#{plan_resource}") },
            "results": [result],
            "back-matter": { "resources": resources },
        }
    })
}

/// OSCAL plan of action and milestones: one item per gap, naming the gap's risk whose
/// remediation is its action. `None` when there are no gaps (a POA&M must list at least one
/// item).
pub fn poam(model: &ReportModel) -> Option<Value> {
    let mut risks = Vec::new();
    let items: Vec<Value> = model
        .action_plan()
        .iter()
        .map(|p| {
            risks.push(gap_risk(model, p.item, p.checklist));
            // The gap's own risk, then the open register risks it keeps high (see `open_risks`).
            let mut related = vec![json!({ "risk-uuid": gap_risk_uuid(model, p.item) })];
            related.extend(
                model
                    .registers
                    .iter()
                    .flat_map(|v| &v.risks)
                    .filter(|r| r.weak.iter().any(|w| w.item == p.item.key))
                    .map(|r| json!({ "risk-uuid": uuid(&[&model.fingerprint, "risk", &r.risk.id]) })),
            );
            json!({
                "uuid": uuid(&[&model.fingerprint, "poam-item", &p.item.key.to_string()]),
                "title": format!("{} {}", p.item.key, p.item.title),
                "description": format!("{} is answered {} in {}. Action: {}", p.item.key, p.item.status.label().to_lowercase(), p.checklist, action_sentence(p.item)),
                "remarks": if p.item.note.is_empty() { "No note.".to_owned() } else { p.item.note.clone() },
                "related-risks": related,
            })
        })
        .collect();
    risks.extend(open_risks(model));
    (!items.is_empty()).then(|| {
        json!({ "plan-of-action-and-milestones": {
            "uuid": uuid(&[&model.fingerprint, "poam"]),
            "metadata": metadata(model, &format!("Plan of action and milestones: {}", place(model))),
            "risks": risks,
            "poam-items": items,
        } })
    })
}

/// The risk register's open risks (mitigations not all in place), as OSCAL risks: the scores
/// and what keeps each high are in the statement, since OSCAL's characterizations need an
/// assessor's origin carecheck does not have.
fn open_risks(model: &ReportModel) -> Vec<Value> {
    use crate::registers::{Mitigation, band};
    let Some(view) = &model.registers else {
        return Vec::new();
    };
    view.risks
        .iter()
        .filter(|r| r.mitigation != Mitigation::InPlace)
        .map(|r| {
            let rec = &r.risk.record;
            let weak: Vec<String> = r
                .weak
                .iter()
                .map(|w| format!("{} ({})", w.item, w.outcome.describe()))
                .collect();
            let kept = if weak.is_empty() {
                "No mitigating item in this assessment's checklists is linked.".to_owned()
            } else {
                format!("Kept high by: {}.", weak.join("; "))
            };
            let owner = if rec.owner.is_empty() { "no owner yet" } else { rec.owner.as_str() };
            json!({
                "uuid": uuid(&[&model.fingerprint, "risk", &r.risk.id]),
                "title": rec.title,
                "description": if rec.description.is_empty() { rec.title.clone() } else { rec.description.clone() },
                "statement": format!(
                    "Likelihood {} x impact {} = {} ({}) before controls; {} ({}) after them: {}. Owner: {owner}. {kept}",
                    rec.likelihood, rec.impact, r.inherent, band(r.inherent), r.residual, band(r.residual), r.mitigation.label()
                ),
                "status": "open",
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::uuid;

    #[test]
    fn uuids_are_stable_and_shaped_as_oscal_wants() {
        let a = uuid(&["x", "y"]);
        assert_eq!(a, uuid(&["x", "y"]));
        assert_ne!(a, uuid(&["x", "z"]));
        let bytes = a.as_bytes();
        assert_eq!(a.len(), 36);
        assert_eq!(bytes[14], b'4');
        assert!(b"89ab".contains(&bytes[19]));
    }
}
