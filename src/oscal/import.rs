//! Turning an OSCAL catalog (or a resolved profile catalog) into a carecheck checklist.
//!
//! Groups at any depth become sections: a checklist has one level of sections, so nested groups
//! are flattened, each group that holds controls a section titled with the path of group titles
//! above it ("Guidelines – Roles – CISO"). Controls and their enhancements become items, each
//! enhancement straight after its control; withdrawn controls are left out, and so are controls
//! without an id (which cannot be answered); both are counted, so every control is accounted
//! for in the summary line. Parameters are written into the
//! statement readably ("[Assignment: organization-defined frequency]"), guidance is kept, and
//! the official IDs and labels are kept. Assessment methods, where the catalog has them, become
//! the items' typical evidence.
//!
//! The catalog is parsed into typed structures as its bytes are read ([`super::catalog`]), and
//! the checklist is written as TOML straight into one buffer ([`super::toml_out`]) with no
//! intermediate copy. What is written is valid by construction: every id is made safe and
//! checked unique, every text is non-blank, the size is within what a checklist may be; so the
//! result needs no second parse to be trusted. The fuzz targets (`oscal_json`, `oscal_params`)
//! and the property tests hold that promise to carecheck's own checklist validator.

use std::collections::HashMap;

use super::catalog::{Catalog, Control, Document, Group, Param, Part, prop, text};
use super::toml_out;
use crate::checklist::MAX_CHECKLIST_BYTES;
use crate::domain::checklist::is_checklist_id;

/// Facts about the checklist that the catalog cannot supply.
pub struct ImportOptions {
    pub id: String,
    pub source_url: Option<String>,
}

/// Counts for the user.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ImportStats {
    pub sections: usize,
    pub items: usize,
    pub withdrawn: usize,
    /// Controls left out because they have no id (with any enhancements inside them).
    pub skipped: usize,
}

impl ImportStats {
    /// The line the user reads once a catalog is imported as checklist `id`: every control in
    /// the catalog is in one of its counts.
    pub fn describe(&self, id: &str) -> String {
        let skipped = match self.skipped {
            0 => String::new(),
            n => format!("; {n} skipped because they have no id"),
        };
        format!(
            "Imported {} controls in {} sections as checklist `{id}` ({} withdrawn left out{skipped}).",
            self.items, self.sections, self.withdrawn
        )
    }
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

/// Reads OSCAL catalog JSON and writes checklist TOML that carecheck's validator accepts.
/// Errors name what is wrong with the input.
pub fn import(json: &[u8], options: &ImportOptions) -> Result<(String, ImportStats), ImportError> {
    // Editors on Windows may start the file with a UTF-8 byte-order mark; JSON has no use for it.
    let json = json.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(json);
    let document: Document<'_> = serde_json::from_slice(json).map_err(|e| {
        let what = e.to_string();
        let what = what.split(" at line").next().unwrap_or_default();
        let message = if e.is_data() {
            format!("not an OSCAL catalog carecheck can read ({what})")
        } else {
            format!("not valid JSON ({what})")
        };
        ImportError {
            line_column: Some((e.line(), e.column())),
            message,
        }
    })?;
    let catalog = match document {
        Document::Catalog(catalog) => catalog,
        Document::OtherModel(kind) => {
            return Err(format!("this is an OSCAL {kind}, not a catalog; import the catalog (or a resolved profile catalog)").into());
        }
        Document::NotOscal => {
            return Err(
                "this is not an OSCAL catalog: it has no top-level `catalog` object".into(),
            );
        }
    };
    convert(&catalog, options)
}

/// The checklist's facts that come before its sections.
struct Header<'c> {
    title: &'c str,
    edition: &'c str,
    publisher: &'c str,
    source_url: &'c str,
}

fn header<'c>(
    catalog: &'c Catalog<'_>,
    options: &'c ImportOptions,
) -> Result<Header<'c>, ImportError> {
    if !is_checklist_id(&options.id) {
        return Err(format!(
            "`{}` is not a checklist id: use lower-case letters, digits and single hyphens, starting with a letter",
            options.id
        )
        .into());
    }
    let metadata = catalog
        .metadata
        .as_ref()
        .ok_or("the catalog has no `metadata`")?;
    let title = text(&metadata.title).ok_or("the catalog's metadata has no `title`")?;
    let source_url = options
        .source_url
        .as_deref()
        .map_or("https://pages.nist.gov/OSCAL/", str::trim);
    if !(source_url.starts_with("https://") || source_url.starts_with("http://")) {
        return Err(format!(
            "the source address `{source_url}` must be a web address starting with https://"
        )
        .into());
    }
    Ok(Header {
        title,
        edition: text(&metadata.version).unwrap_or("unversioned"),
        publisher: metadata
            .parties
            .iter()
            .find_map(|party| text(&party.name))
            .unwrap_or("unknown publisher"),
        source_url,
    })
}

/// One section of the checklist: a group that holds controls itself, its title the path of
/// group titles that leads to it, or the controls outside any group.
struct SectionSpec<'c, 'a> {
    id: Option<&'c str>,
    title: String,
    controls: &'c [Control<'a>],
}

/// The separator between the titles of nested groups in a section's title.
pub const PATH_SEPARATOR: &str = " \u{2013} ";

/// Every group at any depth that holds controls, in document order, then the loose controls.
/// Checklists have one level of sections, so nested groups are flattened: a section's title
/// names the groups above it ("Guidelines – Roles – CISO").
fn sections<'c, 'a>(catalog: &'c Catalog<'a>) -> Vec<SectionSpec<'c, 'a>> {
    fn walk<'c, 'a>(group: &'c Group<'a>, path: &str, out: &mut Vec<SectionSpec<'c, 'a>>) {
        let own = text(&group.title)
            .or(text(&group.id))
            .unwrap_or("Untitled group");
        let title = if path.is_empty() {
            own.to_owned()
        } else {
            format!("{path}{PATH_SEPARATOR}{own}")
        };
        if !group.controls.is_empty() {
            out.push(SectionSpec {
                id: text(&group.id),
                title: title.clone(),
                controls: &group.controls,
            });
        }
        for sub in &group.groups {
            walk(sub, &title, out);
        }
    }
    let mut out = Vec::new();
    for group in &catalog.groups {
        walk(group, "", &mut out);
    }
    if !catalog.controls.is_empty() {
        out.push(SectionSpec {
            id: Some("controls"),
            title: "Controls".to_owned(),
            controls: &catalog.controls,
        });
    }
    out
}

/// Writes the checklist: its facts, then each group with items as a section, then the controls
/// outside any group.
fn convert(
    catalog: &Catalog<'_>,
    options: &ImportOptions,
) -> Result<(String, ImportStats), ImportError> {
    let head = header(catalog, options)?;
    let params = collect_params(catalog);
    let specs = sections(catalog);
    // The summary states the counts, and TOML wants it before the sections: count first (cheap,
    // no text is expanded), then write once.
    let mut stats = ImportStats::default();
    for control in specs.iter().flat_map(|s| s.controls) {
        count(control, &mut stats);
    }
    if stats.items == 0 {
        return Err(nothing_to_import(&stats).into());
    }
    let mut out = String::with_capacity(MAX_CHECKLIST_BYTES.min(json_size_hint(&specs)));
    out.push_str("# Imported from an OSCAL catalog by carecheck.\n");
    toml_out::integer(&mut out, "format", 1);
    toml_out::text(&mut out, "id", &options.id);
    toml_out::text(&mut out, "title", head.title);
    toml_out::text(&mut out, "edition", head.edition);
    toml_out::text(&mut out, "publisher", head.publisher);
    toml_out::text(&mut out, "source_url", head.source_url);
    toml_out::text(
        &mut out,
        "licence",
        &format!(
            "Imported by carecheck from the OSCAL catalog \"{}\"; the text is the catalog's own, under its publisher's terms (NIST publications are public domain in the United States).",
            head.title
        ),
    );
    toml_out::text(
        &mut out,
        "summary",
        &format!(
            "{} controls imported from the OSCAL catalog \"{}\". Withdrawn controls ({}) were left out.",
            stats.items, head.title, stats.withdrawn
        ),
    );
    let mut writer = Writer {
        params: &params,
        out,
        item_ids: Ids::default(),
        buffer: String::new(),
        written: 0,
    };
    let mut section_ids = Ids::default();
    let mut sections = 0;
    for spec in &specs {
        // A section is written only if it gets items: its header is taken back otherwise.
        let mark = writer.out.len();
        let before = writer.written;
        let fallback = format!("group-{}", sections + 1);
        let id = spec.id.unwrap_or(&fallback);
        let safe = safe_id(id);
        toml_out::table_array(&mut writer.out, "sections");
        toml_out::text(&mut writer.out, "id", &safe);
        toml_out::text(&mut writer.out, "title", &spec.title);
        writer.controls(spec.controls, None)?;
        if writer.written == before {
            writer.out.truncate(mark);
            continue;
        }
        section_ids.note(&safe, id);
        sections += 1;
    }
    writer.item_ids.check("control")?;
    section_ids.check("group")?;
    debug_assert_eq!(writer.written, stats.items, "counted as written");
    stats.sections = sections;
    Ok((writer.out, stats))
}

/// Why a catalog gave no item, in its own counts.
fn nothing_to_import(stats: &ImportStats) -> String {
    match (stats.withdrawn, stats.skipped) {
        (0, 0) => "the catalog has no controls (carecheck looked in every group at every depth)"
            .to_owned(),
        (withdrawn, 0) => format!(
            "every control in the catalog ({withdrawn}) is withdrawn, so there is nothing to import"
        ),
        (withdrawn, skipped) => format!(
            "the catalog has no control carecheck can import: {withdrawn} withdrawn, {skipped} without an id"
        ),
    }
}

/// The error for a checklist that has reached its size limit.
fn too_large() -> ImportError {
    format!(
        "the checklist would be larger than {} MiB, the most a checklist may be; carecheck stopped as it reached that size",
        MAX_CHECKLIST_BYTES / (1024 * 1024)
    )
    .into()
}

/// Room for the output: an imported checklist is a little smaller than its catalog's JSON, so
/// the statement and guidance text of every control is a fair first guess.
fn json_size_hint(specs: &[SectionSpec<'_, '_>]) -> usize {
    fn part_size(part: &Part<'_>) -> usize {
        part.prose.as_ref().map_or(0, |p| p.len() + 8)
            + part.parts.iter().map(part_size).sum::<usize>()
    }
    fn control_size(control: &Control<'_>) -> usize {
        256 + control.parts.iter().map(part_size).sum::<usize>()
            + control.controls.iter().map(control_size).sum::<usize>()
    }
    4096 + specs
        .iter()
        .flat_map(|s| s.controls)
        .map(control_size)
        .sum::<usize>()
}

/// Counts the items a control gives, and the controls left out as withdrawn or skipped,
/// exactly as [`Writer::controls`] decides.
fn count(control: &Control<'_>, stats: &mut ImportStats) {
    if is_withdrawn(control) {
        stats.withdrawn += count_controls(control);
        return;
    }
    if text(&control.id).is_none() {
        stats.skipped += count_controls(control);
        return;
    }
    stats.items += 1;
    for child in &control.controls {
        count(child, stats);
    }
}

fn is_withdrawn(control: &Control<'_>) -> bool {
    prop(&control.props, "status") == Some("withdrawn")
}

/// A control and all its enhancements.
fn count_controls(control: &Control<'_>) -> usize {
    1 + control.controls.iter().map(count_controls).sum::<usize>()
}

/// The one output buffer and what is needed to write items into it.
struct Writer<'p> {
    params: &'p Params<'p>,
    out: String,
    item_ids: Ids,
    /// Reused for each statement and guidance while its parameters are filled in.
    buffer: String,
    written: usize,
}

impl Writer<'_> {
    /// Each control that is not withdrawn as an item, its enhancements straight after it.
    fn controls(
        &mut self,
        controls: &[Control<'_>],
        parent: Option<&str>,
    ) -> Result<(), ImportError> {
        for control in controls {
            if is_withdrawn(control) {
                continue;
            }
            let Some(id) = text(&control.id) else {
                continue;
            };
            let name = text(&control.title).unwrap_or(id);
            let upper;
            let label = match prop(&control.props, "label") {
                Some(label) => label,
                None => {
                    upper = id.to_uppercase();
                    &upper
                }
            };
            let safe = safe_id(id);
            self.item_ids.note(&safe, id);
            toml_out::table_array(&mut self.out, "sections.items");
            toml_out::text(&mut self.out, "id", &safe);
            let title = match parent {
                Some(parent) => format!("{label} {parent}: {name}"),
                None => format!("{label} {name}"),
            };
            toml_out::text(&mut self.out, "title", &title);
            if self.part_text(control, "statement", id)? {
                toml_out::text(&mut self.out, "question", &self.buffer);
            } else {
                toml_out::text(
                    &mut self.out,
                    "question",
                    &format!("Is {label} ({name}) in place?"),
                );
            }
            if self.part_text(control, "guidance", id)? {
                toml_out::text(&mut self.out, "guidance", &self.buffer);
            } else {
                toml_out::text(
                    &mut self.out,
                    "guidance",
                    "The catalog gives no guidance for this control.",
                );
            }
            let evidence = evidence_of(control);
            if !evidence.is_empty() {
                toml_out::text_list(
                    &mut self.out,
                    "evidence",
                    evidence.iter().map(String::as_str),
                );
            }
            self.written += 1;
            // The one budget: the checklist's size is checked as it grows, item by item, so a
            // catalog that would expand past it stops here rather than at the end.
            if self.out.len() > MAX_CHECKLIST_BYTES {
                return Err(too_large());
            }
            self.controls(&control.controls, Some(name))?;
        }
        Ok(())
    }

    /// A control's statement or guidance into `buffer`; false when it has none.
    fn part_text(
        &mut self,
        control: &Control<'_>,
        name: &str,
        id: &str,
    ) -> Result<bool, ImportError> {
        self.buffer.clear();
        // A part may grow to its own cap, or to what is left of the checklist's, whichever is
        // less: expansion never writes past the budget.
        let left = MAX_CHECKLIST_BYTES.saturating_sub(self.out.len());
        let limit = MAX_EXPANDED_BYTES.min(left);
        for part in control
            .parts
            .iter()
            .filter(|p| p.name.as_deref() == Some(name))
        {
            flatten_part(part, self.params, (0, limit), &mut self.buffer).map_err(|TooLong| {
                if limit < MAX_EXPANDED_BYTES {
                    return too_large();
                }
                ImportError::from(format!(
                    "control `{id}`: its {name} grows past {} KiB once its parameters are filled in (they insert each other too often); carecheck does not import it",
                    MAX_EXPANDED_BYTES / 1024
                ))
            })?;
        }
        Ok(!self.buffer.trim().is_empty())
    }
}

/// Each parameter's readable text, by its id.
type Params<'c> = HashMap<&'c str, String>;

/// Every parameter in the catalog, by id, rendered as readable text. Where two share an id the
/// one met last in this walk wins, as it always has.
fn collect_params<'c>(catalog: &'c Catalog<'_>) -> Params<'c> {
    enum Node<'n, 'a> {
        Group(&'n super::catalog::Group<'a>),
        Control(&'n Control<'a>),
    }
    let mut out = HashMap::new();
    let add = |params: &'c [Param<'_>], out: &mut HashMap<&'c str, String>| {
        for param in params {
            if let Some(id) = param.id.as_deref() {
                out.insert(id, render_param(param));
            }
        }
    };
    add(&catalog.params, &mut out);
    let mut stack: Vec<Node<'c, '_>> = catalog.groups.iter().map(Node::Group).collect();
    stack.extend(catalog.controls.iter().map(Node::Control));
    while let Some(node) = stack.pop() {
        match node {
            Node::Group(group) => {
                add(&group.params, &mut out);
                stack.extend(group.groups.iter().map(Node::Group));
                stack.extend(group.controls.iter().map(Node::Control));
            }
            Node::Control(control) => {
                add(&control.params, &mut out);
                stack.extend(control.controls.iter().map(Node::Control));
            }
        }
    }
    out
}

fn render_param(param: &Param<'_>) -> String {
    if let Some(select) = &param.select {
        let how = match select.how_many.as_deref() {
            Some("one-or-more") => "Selection (one or more)",
            _ => "Selection",
        };
        let choices: Vec<&str> = select.choice.iter().map(|c| &**c).collect();
        return format!("[{how}: {}]", choices.join("; "));
    }
    match text(&param.label) {
        Some(label) => format!("[Assignment: {label}]"),
        None => format!("[Assignment: {}]", text(&param.id).unwrap_or_default()),
    }
}

/// The most text one part (a statement or guidance, with its sub-parts) may grow to once its
/// parameters are filled in. The longest in NIST SP 800-53 is under 8 KiB; without a cap, a
/// catalog of a few KB whose parameters insert each other repeatedly grows exponentially.
pub const MAX_EXPANDED_BYTES: usize = 64 * 1024;

/// Filling in parameters made a text longer than [`MAX_EXPANDED_BYTES`].
#[derive(Debug)]
struct TooLong;

/// Where `{{` (or `}}`) first occurs: searching for the single byte is far quicker than for
/// the two-byte string, and the text between inserts is long.
fn find_pair(text: &str, brace: u8) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = 0;
    // `str::find` with a single character searches with core's memchr, a word at a time.
    while let Some(at) = text[from..].find(char::from(brace)) {
        let at = from + at;
        if bytes.get(at + 1) == Some(&brace) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Replaces `{{ insert: param, ID }}` in `prose` with the parameter's readable text, appending
/// to `out`, which may not grow past [`MAX_EXPANDED_BYTES`].
fn substitute(
    prose: &str,
    params: &Params<'_>,
    limit: usize,
    out: &mut String,
) -> Result<(), TooLong> {
    substitute_within(prose, params, (0, limit), out)
}

/// A selection's choices may insert further parameters; `depth` stops a catalog whose
/// parameters refer to each other in a loop from recursing for ever, and the size cap stops
/// one whose parameters insert each other many times from growing without bound.
fn substitute_within(
    prose: &str,
    params: &Params<'_>,
    (depth, limit): (usize, usize),
    out: &mut String,
) -> Result<(), TooLong> {
    let push = |out: &mut String, text: &str| {
        if out.len() + text.len() > limit {
            return Err(TooLong);
        }
        out.push_str(text);
        Ok(())
    };
    let mut rest = prose;
    while let Some(start) = find_pair(rest, b'{') {
        push(out, &rest[..start])?;
        let Some(end) = find_pair(&rest[start..], b'}') else {
            return push(out, &rest[start..]);
        };
        let inner = &rest[start + 2..start + end];
        let id = inner.split(',').nth(1).map(str::trim).unwrap_or_default();
        match params.get(id) {
            Some(rendered) if depth < 4 => {
                substitute_within(rendered, params, (depth + 1, limit), out)?;
            }
            _ => push(out, &format!("[{}]", inner.trim()))?,
        }
        rest = &rest[start + end + 2..];
    }
    push(out, rest)
}

/// The prose of a part and all its sub-parts, each sub-part on its own line with its label,
/// appended to `out` within `limit` bytes (at most [`MAX_EXPANDED_BYTES`]).
fn flatten_part(
    part: &Part<'_>,
    params: &Params<'_>,
    (depth, limit): (usize, usize),
    out: &mut String,
) -> Result<(), TooLong> {
    if let Some(prose) = part.prose.as_deref() {
        if !out.is_empty() {
            out.push('\n');
        }
        for _ in 0..depth.saturating_sub(1).min(32) {
            out.push_str("  ");
        }
        if let Some(label) = prop(&part.props, "label") {
            out.push_str(label);
            out.push(' ');
        }
        substitute(prose.trim(), params, limit, out)?;
        if out.len() > limit {
            return Err(TooLong);
        }
    }
    for sub in &part.parts {
        flatten_part(sub, params, (depth + 1, limit), out)?;
    }
    Ok(())
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
fn evidence_of(control: &Control<'_>) -> Vec<String> {
    control
        .parts
        .iter()
        .filter(|p| p.name.as_deref() == Some("assessment-method"))
        .filter_map(|method| {
            let name = prop(&method.props, "method")?;
            let title = capitalised(name.trim());
            let mut line = String::new();
            for word in method
                .parts
                .iter()
                .filter_map(|p| p.prose.as_deref())
                .flat_map(str::split_whitespace)
            {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
            }
            let has_objects = method.parts.iter().any(|p| p.prose.is_some());
            (has_objects && !title.is_empty()).then(|| format!("{title}: {line}"))
        })
        .collect()
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
        params.insert("p", "{{ insert: param, p }}".repeat(150));
        let mut out = String::new();
        assert!(
            substitute(
                "{{ insert: param, p }}",
                &params,
                MAX_EXPANDED_BYTES,
                &mut out
            )
            .is_err()
        );
        assert!(out.len() <= MAX_EXPANDED_BYTES);
        params.insert("q", "[Assignment: x]".to_owned());
        let mut out = String::new();
        substitute(
            "every {{ insert: param, q }}",
            &params,
            MAX_EXPANDED_BYTES,
            &mut out,
        )
        .expect("small");
        assert_eq!(out, "every [Assignment: x]");
        let mut out = String::new();
        substitute(
            "{a} {{ insert: param, q }}} {{ x }} }{{",
            &params,
            MAX_EXPANDED_BYTES,
            &mut out,
        )
        .expect("small");
        assert_eq!(out, "{a} [Assignment: x]} [x] }{{");
        assert_eq!(find_pair("a{b{{", b'{'), Some(3));
        assert_eq!(find_pair("{ {", b'{'), None);
    }

    /// What the catalog cannot make invalid, the options still could: both are checked, since
    /// the result is not parsed again.
    #[test]
    fn options_that_would_make_an_invalid_checklist_are_refused() {
        let catalog = br#"{"catalog": {"metadata": {"title": "T"}, "controls": [{"id": "c-1", "title": "C"}]}}"#;
        let options = |id: &str, url: Option<&str>| ImportOptions {
            id: id.to_owned(),
            source_url: url.map(str::to_owned),
        };
        let (toml, stats) =
            import(catalog, &options("good", Some(" https://example.org/ "))).expect("imports");
        assert_eq!(
            stats,
            ImportStats {
                sections: 1,
                items: 1,
                withdrawn: 0,
                skipped: 0
            }
        );
        assert!(
            toml.contains("source_url = \"https://example.org/\""),
            "{toml}"
        );
        let err =
            import(catalog, &options("good", Some("ftp://example.org/"))).expect_err("bad url");
        assert!(err.message.contains("https://"), "{}", err.message);
        let err = import(catalog, &options("Bad Id", None)).expect_err("bad id");
        assert!(
            err.message.contains("not a checklist id"),
            "{}",
            err.message
        );
    }

    /// A group that uses the id carecheck gives the controls outside any group would make two
    /// sections with one id: refused, since the result is not validated again.
    #[test]
    fn a_group_called_controls_beside_loose_controls_is_refused() {
        let catalog = br#"{"catalog": {"metadata": {"title": "T"},
            "groups": [{"id": "controls", "title": "G", "controls": [{"id": "a-1", "title": "A"}]}],
            "controls": [{"id": "b-1", "title": "B"}]}}"#;
        let options = ImportOptions {
            id: "x".to_owned(),
            source_url: None,
        };
        let err = import(catalog, &options).expect_err("clash");
        assert!(
            err.message.contains("group id `controls` more than once"),
            "{}",
            err.message
        );
    }
}
