//! Turning an OSCAL catalog (or a resolved profile catalog) into a carecheck checklist.
//!
//! Groups become sections; controls and their enhancements become items, each enhancement
//! straight after its control; withdrawn controls are left out. Parameters are written into the
//! statement readably ("[Assignment: organization-defined frequency]"), guidance is kept, and
//! the official IDs and labels are kept. Assessment methods, where the catalog has them, become
//! the items' typical evidence.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::Value;

/// Facts about the checklist that the catalog cannot supply.
pub struct ImportOptions {
    pub id: String,
    pub source_url: Option<String>,
}

/// A checklist in the shape of the TOML format, for serialising.
#[derive(Serialize)]
struct Out {
    format: i64,
    id: String,
    title: String,
    edition: String,
    publisher: String,
    source_url: String,
    licence: String,
    summary: String,
    sections: Vec<OutSection>,
}

#[derive(Serialize)]
struct OutSection {
    id: String,
    title: String,
    items: Vec<OutItem>,
}

#[derive(Serialize)]
struct OutItem {
    id: String,
    title: String,
    question: String,
    guidance: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    evidence: Vec<String>,
}

/// Counts for the user.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ImportStats {
    pub sections: usize,
    pub items: usize,
    pub withdrawn: usize,
}

/// What is wrong with the input, and where when it has a place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub line_column: Option<(usize, usize)>,
    pub message: String,
}

impl ImportError {
    /// As `FILE:LINE:COLUMN: message` (or `FILE: message`).
    pub fn located(&self, file: &str) -> String {
        match self.line_column {
            Some((line, column)) => format!("{file}:{line}:{column}: {}", self.message),
            None => format!("{file}: {}", self.message),
        }
    }
}

impl From<&str> for ImportError {
    fn from(message: &str) -> ImportError {
        ImportError {
            line_column: None,
            message: message.to_owned(),
        }
    }
}

impl From<String> for ImportError {
    fn from(message: String) -> ImportError {
        ImportError {
            line_column: None,
            message,
        }
    }
}

/// Reads OSCAL catalog JSON and writes checklist TOML. Errors name what is wrong with the input.
pub fn import(json: &[u8], options: &ImportOptions) -> Result<(String, ImportStats), ImportError> {
    // Editors on Windows may start the file with a UTF-8 byte-order mark; JSON has no use for it.
    let json = json.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(json);
    let document: Value = serde_json::from_slice(json).map_err(|e| ImportError {
        line_column: Some((e.line(), e.column())),
        message: format!(
            "not valid JSON ({})",
            e.to_string().split(" at line").next().unwrap_or_default()
        ),
    })?;
    let catalog = document.get("catalog").ok_or_else(|| -> ImportError {
        let kinds = ["profile", "component-definition", "system-security-plan", "assessment-plan", "assessment-results", "plan-of-action-and-milestones"];
        match kinds.iter().find(|k| document.get(**k).is_some()) {
            Some(kind) => format!("this is an OSCAL {kind}, not a catalog; import the catalog (or a resolved profile catalog)").into(),
            None => "this is not an OSCAL catalog: it has no top-level `catalog` object".into(),
        }
    })?;
    let metadata = catalog
        .get("metadata")
        .ok_or("the catalog has no `metadata`")?;
    let title = text(metadata, "title").ok_or("the catalog's metadata has no `title`")?;
    let version = text(metadata, "version").unwrap_or_else(|| "unversioned".into());
    let publisher = metadata
        .get("parties")
        .and_then(Value::as_array)
        .and_then(|p| p.iter().find_map(|party| text(party, "name")))
        .unwrap_or_else(|| "unknown publisher".into());
    let params = collect_params(catalog);
    let mut stats = ImportStats::default();
    let mut seen = Ids::default();
    let mut group_ids = Ids::default();
    let mut sections = Vec::new();
    if let Some(groups) = catalog.get("groups").and_then(Value::as_array) {
        for group in groups {
            let mut items = Vec::new();
            add_controls(
                group.get("controls"),
                None,
                &params,
                &mut items,
                &mut stats,
                &mut seen,
            )?;
            if items.is_empty() {
                continue;
            }
            let id = text(group, "id").unwrap_or_else(|| format!("group-{}", sections.len() + 1));
            let title = text(group, "title").unwrap_or_else(|| id.clone());
            group_ids.note(&safe_id(&id), &id);
            sections.push(OutSection {
                id: safe_id(&id),
                title,
                items,
            });
        }
    }
    // Controls directly under the catalog, outside any group.
    let mut loose = Vec::new();
    add_controls(
        catalog.get("controls"),
        None,
        &params,
        &mut loose,
        &mut stats,
        &mut seen,
    )?;
    if !loose.is_empty() {
        sections.push(OutSection {
            id: "controls".into(),
            title: "Controls".into(),
            items: loose,
        });
    }
    seen.check("control")?;
    group_ids.check("group")?;
    if sections.is_empty() {
        return Err("the catalog has no controls that are not withdrawn".into());
    }
    stats.sections = sections.len();
    let out = Out {
        format: 1,
        id: options.id.clone(),
        title: title.clone(),
        edition: version,
        publisher,
        source_url: options
            .source_url
            .clone()
            .unwrap_or_else(|| "https://pages.nist.gov/OSCAL/".into()),
        licence: format!(
            "Imported by carecheck from the OSCAL catalog \"{title}\"; the text is the catalog's own, under its publisher's terms (NIST publications are public domain in the United States)."
        ),
        summary: format!(
            "{} controls imported from the OSCAL catalog \"{title}\". Withdrawn controls ({}) were left out.",
            stats.items, stats.withdrawn
        ),
        sections,
    };
    let toml = toml::to_string(&out)
        .map_err(|e| ImportError::from(format!("could not write the checklist: {e}")))?;
    Ok((
        format!("# Imported from an OSCAL catalog by carecheck.\n{toml}"),
        stats,
    ))
}

fn text(value: &Value, key: &str) -> Option<String> {
    value
        .get(key)
        .and_then(Value::as_str)
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
}

fn prop<'v>(value: &'v Value, name: &str) -> Option<&'v str> {
    value
        .get("props")?
        .as_array()?
        .iter()
        .find(|p| p.get("name").and_then(Value::as_str) == Some(name))?
        .get("value")?
        .as_str()
}

/// Every parameter in the catalog, by id, rendered as readable text.
fn collect_params(catalog: &Value) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let mut stack = vec![catalog];
    while let Some(node) = stack.pop() {
        for param in node
            .get("params")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(id) = param.get("id").and_then(Value::as_str) {
                out.insert(id.to_owned(), render_param(param));
            }
        }
        for key in ["groups", "controls"] {
            stack.extend(
                node.get(key)
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten(),
            );
        }
    }
    out
}

fn render_param(param: &Value) -> String {
    if let Some(select) = param.get("select") {
        let how = match select.get("how-many").and_then(Value::as_str) {
            Some("one-or-more") => "Selection (one or more)",
            _ => "Selection",
        };
        let choices: Vec<String> = select
            .get("choice")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect();
        return format!("[{how}: {}]", choices.join("; "));
    }
    match text(param, "label") {
        Some(label) => format!("[Assignment: {label}]"),
        None => format!("[Assignment: {}]", text(param, "id").unwrap_or_default()),
    }
}

/// The most text one part (a statement or guidance, with its sub-parts) may grow to once its
/// parameters are filled in. The longest in NIST SP 800-53 is under 8 KiB; without a cap, a
/// catalog of a few KB whose parameters insert each other repeatedly grows exponentially.
pub const MAX_EXPANDED_BYTES: usize = 64 * 1024;

/// Filling in parameters made a text longer than [`MAX_EXPANDED_BYTES`].
#[derive(Debug)]
struct TooLong;

/// Replaces `{{ insert: param, ID }}` in `prose` with the parameter's readable text, appending
/// to `out`, which may not grow past [`MAX_EXPANDED_BYTES`].
fn substitute(
    prose: &str,
    params: &HashMap<String, String>,
    out: &mut String,
) -> Result<(), TooLong> {
    substitute_within(prose, params, 0, out)
}

/// A selection's choices may insert further parameters; `depth` stops a catalog whose
/// parameters refer to each other in a loop from recursing for ever, and the size cap stops
/// one whose parameters insert each other many times from growing without bound.
fn substitute_within(
    prose: &str,
    params: &HashMap<String, String>,
    depth: usize,
    out: &mut String,
) -> Result<(), TooLong> {
    let push = |out: &mut String, text: &str| {
        if out.len() + text.len() > MAX_EXPANDED_BYTES {
            return Err(TooLong);
        }
        out.push_str(text);
        Ok(())
    };
    let mut rest = prose;
    while let Some(start) = rest.find("{{") {
        push(out, &rest[..start])?;
        let Some(end) = rest[start..].find("}}") else {
            return push(out, &rest[start..]);
        };
        let inner = &rest[start + 2..start + end];
        let id = inner.split(',').nth(1).map(str::trim).unwrap_or_default();
        match params.get(id) {
            Some(rendered) if depth < 4 => substitute_within(rendered, params, depth + 1, out)?,
            _ => push(out, &format!("[{}]", inner.trim()))?,
        }
        rest = &rest[start + end + 2..];
    }
    push(out, rest)
}

/// The prose of a part and all its sub-parts, each sub-part on its own line with its label,
/// appended to `out` within [`MAX_EXPANDED_BYTES`].
fn flatten_part(
    part: &Value,
    params: &HashMap<String, String>,
    depth: usize,
    out: &mut String,
) -> Result<(), TooLong> {
    let label = prop(part, "label")
        .map(|l| format!("{l} "))
        .unwrap_or_default();
    if let Some(prose) = part.get("prose").and_then(Value::as_str) {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&"  ".repeat(depth.saturating_sub(1).min(32)));
        out.push_str(&label);
        substitute(prose.trim(), params, out)?;
        if out.len() > MAX_EXPANDED_BYTES {
            return Err(TooLong);
        }
    }
    for sub in part
        .get("parts")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        flatten_part(sub, params, depth + 1, out)?;
    }
    Ok(())
}

/// A control's statement or guidance as text, or `None` when it has none.
fn part_text(
    control: &Value,
    name: &str,
    params: &HashMap<String, String>,
    id: &str,
) -> Result<Option<String>, ImportError> {
    let mut out = String::new();
    for part in control
        .get("parts")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|p| p.get("name").and_then(Value::as_str) == Some(name))
    {
        flatten_part(part, params, 0, &mut out).map_err(|TooLong| {
            ImportError::from(format!(
                "control `{id}`: its {name} grows past {} KiB once its parameters are filled in (they insert each other too often); carecheck does not import it",
                MAX_EXPANDED_BYTES / 1024
            ))
        })?;
    }
    Ok((!out.trim().is_empty()).then_some(out))
}

/// "Examine" from "EXAMINE", "" from "": the first character upper-case, the rest lower.
fn capitalised(name: &str) -> String {
    let lower = name.to_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "Examine: ..." lines from the catalog's assessment methods, where it has them.
fn evidence_of(control: &Value) -> Vec<String> {
    control
        .get("parts")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|p| p.get("name").and_then(Value::as_str) == Some("assessment-method"))
        .filter_map(|method| {
            let name = prop(method, "method")?;
            let objects: Vec<&str> = method
                .get("parts")?
                .as_array()?
                .iter()
                .filter_map(|p| p.get("prose")?.as_str())
                .collect();
            let title = capitalised(name.trim());
            (!objects.is_empty() && !title.is_empty()).then(|| {
                format!(
                    "{title}: {}",
                    objects
                        .join(" ")
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                )
            })
        })
        .collect()
}

fn add_controls(
    controls: Option<&Value>,
    parent: Option<&str>,
    params: &HashMap<String, String>,
    items: &mut Vec<OutItem>,
    stats: &mut ImportStats,
    seen: &mut Ids,
) -> Result<(), ImportError> {
    for control in controls.and_then(Value::as_array).into_iter().flatten() {
        if prop(control, "status") == Some("withdrawn") {
            // Enhancements of a withdrawn control are withdrawn with it.
            stats.withdrawn += count_controls(control);
            continue;
        }
        let Some(id) = text(control, "id") else {
            continue;
        };
        let name = text(control, "title").unwrap_or_else(|| id.clone());
        let label = prop(control, "label").map_or_else(|| id.to_uppercase(), str::to_owned);
        let title = match parent {
            Some(parent) => format!("{label} {parent}: {name}"),
            None => format!("{label} {name}"),
        };
        let question = part_text(control, "statement", params, &id)?
            .unwrap_or_else(|| format!("Is {label} ({name}) in place?"));
        let guidance = part_text(control, "guidance", params, &id)?
            .unwrap_or_else(|| "The catalog gives no guidance for this control.".into());
        let safe = safe_id(&id);
        seen.note(&safe, &id);
        items.push(OutItem {
            id: safe,
            title,
            question,
            guidance,
            evidence: evidence_of(control),
        });
        stats.items += 1;
        add_controls(
            control.get("controls"),
            Some(&name),
            params,
            items,
            stats,
            seen,
        )?;
    }
    Ok(())
}

/// The ids given out so far, to refuse a catalog whose ids are not unique (OSCAL requires them
/// to be). Ids are compared as carecheck writes them, so two that only become equal once made
/// safe are caught too.
#[derive(Default)]
struct Ids {
    given: HashMap<String, String>,
    clash: Option<(String, String)>,
}

impl Ids {
    fn note(&mut self, safe: &str, original: &str) {
        if let Some(first) = self.given.insert(safe.to_owned(), original.to_owned()) {
            self.clash.get_or_insert((first, original.to_owned()));
        }
    }

    fn check(&self, what: &str) -> Result<(), ImportError> {
        match &self.clash {
            None => Ok(()),
            Some((first, second)) if first == second => Err(format!("the catalog uses the {what} id `{first}` more than once; OSCAL ids must be unique").into()),
            Some((first, second)) => Err(format!("the catalog's {what} ids `{first}` and `{second}` would both become `{}` in a checklist", safe_id(second)).into()),
        }
    }
}

/// A control and all its enhancements.
fn count_controls(control: &Value) -> usize {
    1 + control
        .get("controls")
        .and_then(Value::as_array)
        .map_or(0, |c| c.iter().map(count_controls).sum())
}

/// OSCAL ids are tokens; carecheck's item ids allow a subset. Anything else becomes `-`.
fn safe_id(id: &str) -> String {
    let cleaned: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '-'
            }
        })
        .take(64)
        .collect();
    if cleaned.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        cleaned
    } else {
        format!("x{}", &cleaned[..cleaned.len().min(63)])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn method_names_are_capitalised_by_character() {
        assert_eq!(capitalised("EXAMINE"), "Examine");
        assert_eq!(capitalised("éXAMINE"), "Éxamine");
        assert_eq!(capitalised(""), "");
    }

    /// Finding 2: each level of inserts multiplied the text; the cap stops it at once.
    #[test]
    fn parameter_expansion_stops_at_its_cap() {
        let mut params = HashMap::new();
        params.insert("p".to_owned(), "{{ insert: param, p }}".repeat(150));
        let mut out = String::new();
        assert!(substitute("{{ insert: param, p }}", &params, &mut out).is_err());
        assert!(out.len() <= MAX_EXPANDED_BYTES);
        params.insert("q".to_owned(), "[Assignment: x]".to_owned());
        let mut out = String::new();
        substitute("every {{ insert: param, q }}", &params, &mut out).expect("small");
        assert_eq!(out, "every [Assignment: x]");
    }
}
