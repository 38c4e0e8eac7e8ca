//! Reading a checklist file (format version 1) into a [`Checklist`], with every problem located.

use std::collections::HashMap;
use std::ops::Range;

use toml::de::DeTable;

use super::decode::decode;
use super::diagnostic::{Diagnostic, Position};
use super::reader::{Reader, Table};
use crate::domain::checklist::{
    AnswerKind, Checklist, FORMAT_VERSION, Item, ItemRef, Level, Link, LinkKind, Reference,
    Reporting, Section, is_checklist_id, is_item_id,
};

/// At most this many syntax errors are listed; later ones are usually echoes of the first.
const MAX_SYNTAX_ERRORS: usize = 20;

const ROOT_KEYS: &[&str] = &[
    "format",
    "id",
    "title",
    "edition",
    "publisher",
    "source_url",
    "licence",
    "summary",
    "caution",
    "reporting",
    "levels",
    "sections",
];
const REPORTING_KEYS: &[&str] = &["period_start", "period_end", "deadline"];
const LEVEL_KEYS: &[&str] = &["id", "name", "description", "official_count", "requires"];
const SECTION_KEYS: &[&str] = &["id", "title", "summary", "items"];
const ITEM_KEYS: &[&str] = &[
    "id",
    "title",
    "question",
    "guidance",
    "evidence",
    "levels",
    "review_months",
    "answer",
    "references",
    "links",
    "caution",
    "exempt_with",
    "critical",
    "assessor_test",
];
const LINK_KEYS: &[&str] = &["to", "kind"];
const LINK_KINDS: &[&str] = &["same", "related"];
const REFERENCE_KEYS: &[&str] = &["title", "url"];
const ANSWER_KINDS: &[&str] = &["status", "text", "whole-number", "percentage", "date"];

/// A checklist that is valid on its own, with the links to other checklists still to be checked.
#[derive(Debug)]
pub struct Parsed {
    pub checklist: Checklist,
    /// Every link the file declares, where it was written.
    pub link_sites: Vec<LinkSite>,
    /// Every level of another checklist that a level requires, where it was written.
    pub external_requires: Vec<RequireSite>,
}

impl Parsed {
    /// The links that point into other checklists, still to be resolved.
    pub fn external_links(&self) -> impl Iterator<Item = &LinkSite> {
        self.link_sites
            .iter()
            .filter(|site| site.target.checklist != self.checklist.id)
    }
}

/// Where a link from one item to another was written.
#[derive(Debug, Clone)]
pub struct LinkSite {
    /// The ID of the item that declares the link.
    pub from: String,
    pub target: ItemRef,
    pub kind: LinkKind,
    pub position: Position,
}

/// Where a level required a level of another checklist (`checklist:level`).
#[derive(Debug, Clone)]
pub struct RequireSite {
    pub checklist: String,
    pub level: String,
    pub position: Position,
}

/// Parses and validates one checklist file. `origin` names the file in messages.
pub fn parse(origin: &str, bytes: &[u8]) -> Result<Parsed, Vec<Diagnostic>> {
    let text = decode(origin, bytes).map_err(|d| vec![d])?;
    let (document, syntax_errors) = DeTable::parse_recoverable(text);
    if !syntax_errors.is_empty() {
        let mut reader = Reader::new(origin, text);
        for error in syntax_errors.iter().take(MAX_SYNTAX_ERRORS) {
            let message = format!("TOML syntax: {}", error.message());
            reader.error(&error.span().unwrap_or(0..0), message);
        }
        let mut diagnostics = reader.diagnostics;
        if syntax_errors.len() > MAX_SYNTAX_ERRORS {
            let more = syntax_errors.len() - MAX_SYNTAX_ERRORS;
            diagnostics.push(Diagnostic::new(
                origin,
                None,
                format!("and {more} more syntax errors"),
            ));
        }
        return Err(diagnostics);
    }
    if document.get_ref().is_empty() {
        return Err(vec![Diagnostic::new(
            origin,
            None,
            "file is empty (it has only comments or blank lines)",
        )]);
    }
    let root = Table {
        map: document.get_ref(),
        span: 0..0,
        name: "the checklist".to_owned(),
    };
    let mut builder = Builder {
        reader: Reader::new(origin, text),
        level_ids: Vec::new(),
        item_lines: HashMap::new(),
        own_id: None,
        internal_links: Vec::new(),
        link_sites: Vec::new(),
        local_requires: Vec::new(),
        external_requires: Vec::new(),
    };
    let checklist = builder.checklist(&root);
    builder.check_internal_links();
    if let Some(checklist) = &checklist {
        builder.check_requires(&checklist.levels);
    }
    let mut diagnostics = builder.reader.diagnostics;
    match checklist {
        Some(checklist) if diagnostics.is_empty() => Ok(Parsed {
            checklist,
            link_sites: builder.link_sites,
            external_requires: builder.external_requires,
        }),
        _ => {
            diagnostics.sort_by_key(|d| d.position);
            Err(diagnostics)
        }
    }
}

struct Builder<'a> {
    reader: Reader<'a>,
    level_ids: Vec<String>,
    /// Line of each item ID seen so far, to point at the first of two duplicates.
    item_lines: HashMap<String, usize>,
    /// This checklist's own ID, once read, to tell its internal links from external ones.
    own_id: Option<String>,
    internal_links: Vec<(String, Range<usize>)>,
    link_sites: Vec<LinkSite>,
    /// Each level's requirements on levels of this checklist, checked once all are read.
    local_requires: Vec<(String, String, Range<usize>)>,
    external_requires: Vec<RequireSite>,
}

impl Builder<'_> {
    fn checklist(&mut self, root: &Table<'_, '_>) -> Option<Checklist> {
        let r = &mut self.reader;
        r.check_keys(root, ROOT_KEYS);
        match r.integer(root, "format", true) {
            Some(FORMAT_VERSION) | None => {}
            Some(other) => {
                let span = r.span_of(root, "format");
                r.error(&span, format!("format {other} is not one this carecheck reads (it reads format {FORMAT_VERSION})"));
            }
        }
        let id = r.text(root, "id", true);
        if let Some(id) = id.as_deref().filter(|id| !is_checklist_id(id)) {
            let span = r.span_of(root, "id");
            r.error(&span, format!("checklist id `{id}` must be lower-case letters, digits and single hyphens, starting with a letter"));
        } else if let Some(id) = id
            .as_deref()
            .filter(|id| crate::portable_name::is_reserved_on_windows(id))
        {
            let span = r.span_of(root, "id");
            r.error(&span, format!("checklist id `{id}` is a name Windows keeps for a device (CON, PRN, AUX, NUL, COM1-9, LPT1-9), so its file could not be made there: choose another"));
        }
        self.own_id.clone_from(&id);
        let r = &mut self.reader;
        let title = r.text(root, "title", true);
        let edition = r.text(root, "edition", true);
        let publisher = r.text(root, "publisher", true);
        let source_url = self.url(root, "source_url", true);
        let r = &mut self.reader;
        let licence = r.text(root, "licence", true);
        let summary = r.text(root, "summary", true);
        let caution = r.text(root, "caution", false);
        let reporting = self.reporting(root);
        let levels = self.levels(root);
        let sections = self.sections(root);
        Some(Checklist {
            id: id?,
            title: title?,
            edition: edition?,
            publisher: publisher?,
            source_url: source_url?,
            licence: licence?,
            summary: summary?,
            caution,
            reporting,
            levels,
            sections,
        })
    }

    fn reporting(&mut self, root: &Table<'_, '_>) -> Option<Reporting> {
        let r = &mut self.reader;
        let table = r.table(root, "reporting", "the reporting table".to_owned())?;
        r.check_keys(&table, REPORTING_KEYS);
        let period_start = r.date(&table, "period_start", true);
        let period_end = r.date(&table, "period_end", true);
        let deadline = r.date(&table, "deadline", true);
        let (period_start, period_end, deadline) = (period_start?, period_end?, deadline?);
        if period_end < period_start {
            let span = r.span_of(&table, "period_end");
            r.error(
                &span,
                format!("`period_end` ({period_end}) is before `period_start` ({period_start})"),
            );
        }
        if deadline < period_start {
            let span = r.span_of(&table, "deadline");
            r.error(
                &span,
                format!("`deadline` ({deadline}) is before `period_start` ({period_start})"),
            );
        }
        Some(Reporting {
            period_start,
            period_end,
            deadline,
        })
    }

    fn levels(&mut self, root: &Table<'_, '_>) -> Vec<Level> {
        let tables = self
            .reader
            .tables(root, "levels", false, |i| format!("level {}", i + 1));
        let mut levels = Vec::new();
        for table in &tables {
            let r = &mut self.reader;
            r.check_keys(table, LEVEL_KEYS);
            let id = self.reader.id(table, Some("level"));
            let r = &mut self.reader;
            let name = r.text(table, "name", true);
            let description = r.text(table, "description", true);
            let official_count = self.official_count(table);
            let requires = self.requires(table, id.as_deref());
            if let Some(id) = &id {
                if self.level_ids.contains(id) {
                    let span = self.reader.span_of(table, "id");
                    self.reader
                        .error(&span, format!("level `{id}` is defined twice"));
                }
                self.level_ids.push(id.clone());
            }
            if let (Some(id), Some(name), Some(description)) = (id, name, description) {
                levels.push(Level {
                    id,
                    name,
                    description,
                    official_count,
                    requires,
                });
            }
        }
        levels
    }

    fn official_count(&mut self, level: &Table<'_, '_>) -> Option<u32> {
        let count = self.reader.integer(level, "official_count", false)?;
        match u32::try_from(count) {
            Ok(n @ 1..=100_000) => Some(n),
            _ => {
                let span = self.reader.span_of(level, "official_count");
                self.reader.error(
                    &span,
                    format!("`official_count` is {count}; it must be a whole number from 1 up"),
                );
                None
            }
        }
    }

    /// The levels a level requires: bare IDs are checked once every level is read; those of
    /// other checklists once the library knows them.
    fn requires(&mut self, level: &Table<'_, '_>, own: Option<&str>) -> Vec<String> {
        let mut requires = Vec::new();
        for (text, span) in self.reader.text_list(level, "requires") {
            if requires.contains(&text) {
                self.reader
                    .error(&span, format!("`requires` names `{text}` twice"));
                continue;
            }
            match text.split_once(':') {
                None if is_item_id(&text) => {
                    if let Some(own) = own {
                        self.local_requires
                            .push((own.to_owned(), text.clone(), span));
                    }
                }
                Some((checklist, other)) if is_checklist_id(checklist) && is_item_id(other) => {
                    if self.own_id.as_deref() == Some(checklist) {
                        if let Some(own) = own {
                            self.local_requires
                                .push((own.to_owned(), other.to_owned(), span));
                        }
                    } else {
                        let position = self.reader.position(&span);
                        self.external_requires.push(RequireSite {
                            checklist: checklist.to_owned(),
                            level: other.to_owned(),
                            position,
                        });
                    }
                }
                _ => {
                    self.reader.error(
                        &span,
                        format!(
                            "`requires` entry `{text}` should be LEVEL-ID or CHECKLIST-ID:LEVEL-ID"
                        ),
                    );
                    continue;
                }
            }
            requires.push(text);
        }
        requires
    }

    /// Every level of this checklist that a level requires exists, and no level requires
    /// itself, directly or round a circle (readiness could never be worked out).
    fn check_requires(&mut self, levels: &[Level]) {
        let requires = std::mem::take(&mut self.local_requires);
        let mut known = true;
        for (from, to, span) in &requires {
            if !self.level_ids.contains(to) {
                known = false;
                self.reader.error(
                    span,
                    format!(
                        "level `{from}` requires level `{to}`, which this checklist does not define"
                    ),
                );
            } else if from == to {
                known = false;
                self.reader
                    .error(span, format!("level `{from}` requires itself"));
            }
        }
        if !known {
            return;
        }
        let edges = |level: &str| -> Vec<&str> {
            requires
                .iter()
                .filter(|(from, _, _)| from == level)
                .map(|(_, to, _)| to.as_str())
                .collect()
        };
        for level in levels {
            // Depth-first from each level; reaching it again means a circle.
            let mut stack = edges(&level.id);
            let mut seen: Vec<&str> = Vec::new();
            while let Some(next) = stack.pop() {
                if next == level.id {
                    let span = requires
                        .iter()
                        .find(|(from, _, _)| *from == level.id)
                        .map(|(_, _, span)| span.clone())
                        .unwrap_or(0..0);
                    self.reader.error(
                        &span,
                        format!("level `{}` requires itself through other levels", level.id),
                    );
                    return;
                }
                if !seen.contains(&next) {
                    seen.push(next);
                    stack.extend(edges(next));
                }
            }
        }
    }

    fn sections(&mut self, root: &Table<'_, '_>) -> Vec<Section> {
        let tables = self
            .reader
            .tables(root, "sections", true, |i| format!("section {}", i + 1));
        if tables.is_empty() && root.map.contains_key("sections") {
            let span = self.reader.span_of(root, "sections");
            self.reader.error(&span, "the checklist has no sections");
        }
        let mut section_ids: Vec<String> = Vec::new();
        let mut sections = Vec::new();
        for mut table in tables {
            let id = self.reader.id(&table, Some("section"));
            if let Some(id) = &id {
                if section_ids.contains(id) {
                    let span = self.reader.span_of(&table, "id");
                    self.reader
                        .error(&span, format!("section `{id}` is defined twice"));
                }
                section_ids.push(id.clone());
                table.name = format!("section {id}");
            }
            self.reader.check_keys(&table, SECTION_KEYS);
            let title = self.reader.text(&table, "title", true);
            let summary = self
                .reader
                .text(&table, "summary", false)
                .unwrap_or_default();
            let item_tables = self.reader.tables(&table, "items", true, |i| {
                format!("item {} of {}", i + 1, table.name)
            });
            if item_tables.is_empty() && table.map.contains_key("items") {
                let span = table.span.clone();
                self.reader
                    .error(&span, format!("{} has no items", table.name));
            }
            let items: Vec<Item> = item_tables
                .into_iter()
                .filter_map(|t| self.item(t))
                .collect();
            if let (Some(id), Some(title)) = (id, title) {
                sections.push(Section {
                    id,
                    title,
                    summary,
                    items,
                });
            }
        }
        sections
    }

    fn item(&mut self, mut table: Table<'_, '_>) -> Option<Item> {
        let id = self.reader.id(&table, Some("item"));
        if let Some(id) = &id {
            let line = self
                .reader
                .position(&self.reader.span_of(&table, "id"))
                .line;
            if let Some(first) = self.item_lines.insert(id.clone(), line) {
                let span = self.reader.span_of(&table, "id");
                self.reader.error(
                    &span,
                    format!("item `{id}` is defined twice (first at line {first})"),
                );
            }
            table.name = format!("item {id}");
        }
        self.reader.check_keys(&table, ITEM_KEYS);
        let r = &mut self.reader;
        let title = r.text(&table, "title", true);
        let question = r.text(&table, "question", true);
        let guidance = r.text(&table, "guidance", true);
        let evidence = r
            .text_list(&table, "evidence")
            .into_iter()
            .map(|(t, _)| t)
            .collect();
        let caution = r.text(&table, "caution", false);
        let exempt_with = r
            .text_list(&table, "exempt_with")
            .into_iter()
            .map(|(t, _)| t)
            .collect();
        let critical = r.boolean(&table, "critical").unwrap_or(false);
        let assessor_test = r.boolean(&table, "assessor_test").unwrap_or(false);
        let review_months = self.months(&table, "review_months");
        let levels = self.item_levels(&table);
        let answer = self.answer(&table);
        let references = self.references(&table);
        let links = self.links(&table, id.as_deref());
        Some(Item {
            id: id?,
            title: title?,
            question: question?,
            guidance: guidance?,
            evidence,
            levels,
            review_months,
            answer: answer?,
            references,
            links,
            caution,
            exempt_with,
            critical,
            assessor_test,
        })
    }

    fn item_levels(&mut self, table: &Table<'_, '_>) -> Vec<String> {
        let mut levels = Vec::new();
        for (level, span) in self.reader.text_list(table, "levels") {
            if self.level_ids.contains(&level) {
                levels.push(level);
            } else if self.level_ids.is_empty() {
                self.reader.error(
                    &span,
                    format!("unknown level `{level}`: this checklist defines no levels"),
                );
            } else {
                let known = self.level_ids.join(", ");
                self.reader.error(
                    &span,
                    format!("unknown level `{level}`; this checklist defines: {known}"),
                );
            }
        }
        levels
    }

    fn answer(&mut self, item: &Table<'_, '_>) -> Option<AnswerKind> {
        let Some(table) = self
            .reader
            .table(item, "answer", format!("the answer of {}", item.name))
        else {
            return Some(AnswerKind::Status);
        };
        let r = &mut self.reader;
        let kind = r.text(&table, "kind", true)?;
        let allowed: &[&str] = match kind.as_str() {
            "status" => &["kind"],
            "text" => &["kind", "label"],
            "whole-number" => &["kind", "label", "min", "max"],
            "percentage" => &["kind", "label", "threshold"],
            "date" => &["kind", "label", "max_age_months"],
            other => {
                let span = r.span_of(&table, "kind");
                r.error(
                    &span,
                    format!(
                        "unknown answer kind `{other}`; use one of: {}",
                        ANSWER_KINDS.join(", ")
                    ),
                );
                return None;
            }
        };
        r.check_keys(&table, allowed);
        if kind == "status" {
            return Some(AnswerKind::Status);
        }
        let label = r.text(&table, "label", true)?;
        match kind.as_str() {
            "text" => Some(AnswerKind::Text { label }),
            "whole-number" => {
                let (min, max) = (
                    r.integer(&table, "min", false),
                    r.integer(&table, "max", false),
                );
                if let (Some(low), Some(high)) = (min, max)
                    && low > high
                {
                    let span = r.span_of(&table, "min");
                    r.error(
                        &span,
                        format!("`min` ({low}) is greater than `max` ({high})"),
                    );
                }
                Some(AnswerKind::WholeNumber { label, min, max })
            }
            "percentage" => {
                let threshold = r.number(&table, "threshold", true)?;
                if !(0.0..=100.0).contains(&threshold) {
                    let span = r.span_of(&table, "threshold");
                    r.error(&span, format!("`threshold` is {threshold}; a percentage threshold must be from 0 to 100"));
                }
                Some(AnswerKind::Percentage { label, threshold })
            }
            _ => {
                let max_age_months = self.months(&table, "max_age_months");
                Some(AnswerKind::Date {
                    label,
                    max_age_months,
                })
            }
        }
    }

    fn references(&mut self, item: &Table<'_, '_>) -> Vec<Reference> {
        let name = item.name.clone();
        let tables = self.reader.tables(item, "references", false, |i| {
            format!("reference {} of {name}", i + 1)
        });
        let mut references = Vec::new();
        for table in &tables {
            self.reader.check_keys(table, REFERENCE_KEYS);
            let title = self.reader.text(table, "title", true);
            let url = self.url(table, "url", false);
            if let Some(title) = title {
                references.push(Reference { title, url });
            }
        }
        references
    }

    fn links(&mut self, item: &Table<'_, '_>, own_id: Option<&str>) -> Vec<Link> {
        let mut links: Vec<Link> = Vec::new();
        let want = "a list of links, like [\"checklist:ITEM\", { to = \"checklist:ITEM\", kind = \"related\" }]";
        for element in self.reader.list(item, "links", want) {
            let span = element.span();
            let Some((text, kind)) = self.link_parts(item, element) else {
                continue;
            };
            let target = match ItemRef::parse(&text) {
                Ok(target) => target,
                Err(why) => {
                    self.reader.error(&span, format!("bad link: {why}"));
                    continue;
                }
            };
            if own_id == Some(target.item.as_str()) && self.is_own_checklist(&target) {
                self.reader
                    .error(&span, format!("{} links to itself", item.name));
                continue;
            }
            if links.iter().any(|l| l.to == target) {
                self.reader
                    .error(&span, format!("{} links to `{target}` twice", item.name));
                continue;
            }
            if self.is_own_checklist(&target) {
                self.internal_links
                    .push((target.item.clone(), span.clone()));
            }
            if let Some(from) = own_id {
                let position = self.reader.position(&span);
                self.link_sites.push(LinkSite {
                    from: from.to_owned(),
                    target: target.clone(),
                    kind,
                    position,
                });
            }
            links.push(Link { to: target, kind });
        }
        links
    }

    /// A link's target text and kind: `"checklist:ITEM"` is the same control;
    /// `{ to = "checklist:ITEM", kind = "related" }` says how the two relate.
    fn link_parts(
        &mut self,
        item: &Table<'_, '_>,
        element: &toml::Spanned<toml::de::DeValue<'_>>,
    ) -> Option<(String, LinkKind)> {
        if let Some(text) = element.get_ref().as_str() {
            if text.trim().is_empty() {
                self.reader.error(
                    &element.span(),
                    format!("`links` in {} has an empty entry", item.name),
                );
                return None;
            }
            return Some((text.trim().to_owned(), LinkKind::Same));
        }
        let Some(map) = element.get_ref().as_table() else {
            self.reader.wrong_type(
                item,
                "links",
                element,
                "a list of \"checklist:ITEM\" texts or { to = …, kind = … } tables",
            );
            return None;
        };
        let table = Table {
            map,
            span: element.span(),
            name: format!("a link of {}", item.name),
        };
        let r = &mut self.reader;
        r.check_keys(&table, LINK_KEYS);
        let to = r.text(&table, "to", true);
        let kind = r.text(&table, "kind", true)?;
        let Some(kind) = LinkKind::parse(&kind) else {
            let span = r.span_of(&table, "kind");
            r.error(
                &span,
                format!(
                    "unknown link kind `{kind}`; use one of: {}",
                    LINK_KINDS.join(", ")
                ),
            );
            return None;
        };
        Some((to?, kind))
    }

    /// Whether a link points into the checklist being read.
    fn is_own_checklist(&self, target: &ItemRef) -> bool {
        self.own_id.as_deref() == Some(target.checklist.as_str())
    }

    /// Links inside the checklist are checked once every item has been read.
    fn check_internal_links(&mut self) {
        for (item, span) in std::mem::take(&mut self.internal_links) {
            if !self.item_lines.contains_key(&item) {
                self.reader.error(
                    &span,
                    format!("link to item `{item}`, which this checklist does not have"),
                );
            }
        }
    }

    fn url(&mut self, table: &Table<'_, '_>, key: &str, required: bool) -> Option<String> {
        let url = self.reader.text(table, key, required)?;
        if url.starts_with("https://") || url.starts_with("http://") {
            return Some(url);
        }
        let span = self.reader.span_of(table, key);
        self.reader.error(
            &span,
            format!("`{key}` must be a web address starting with https://"),
        );
        None
    }

    fn months(&mut self, table: &Table<'_, '_>, key: &str) -> Option<u32> {
        let months = self.reader.integer(table, key, false)?;
        match u32::try_from(months) {
            Ok(m @ 1..=120) => Some(m),
            _ => {
                let span = self.reader.span_of(table, key);
                self.reader.error(
                    &span,
                    format!("`{key}` is {months}; it must be from 1 to 120 months"),
                );
                None
            }
        }
    }
}
