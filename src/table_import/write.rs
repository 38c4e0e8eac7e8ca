//! Writing the imported rows as checklist TOML, through the writer OSCAL imports use, keeping
//! carecheck's own help for items the merged checklist already knows.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::columns::Columns;
use super::{Options, Row};
use crate::domain::checklist::{AnswerKind, Checklist, Item, Section, is_item_id};
use crate::oscal::toml_out;

/// Counts for the user.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Stats {
    pub items: usize,
    pub sections: usize,
    /// Each level's id and how many items count towards it, in the order defined.
    pub levels: Vec<(String, usize)>,
    /// Items that kept the merged checklist's help.
    pub merged: usize,
    /// Items of the merged checklist the sheet does not have.
    pub not_in_sheet: Vec<String>,
}

/// A section, with the rows in it, in order of first appearance.
struct Group<'r> {
    key: String,
    title: Option<&'r str>,
    rows: Vec<&'r Row>,
}

pub fn checklist(rows: &[Row], columns: &Columns, options: &Options<'_>) -> (String, Stats) {
    let merge = options.merge_with;
    let level_ids = level_ids(columns);
    let mut stats = Stats {
        items: rows.len(),
        levels: level_ids
            .iter()
            .map(|id| {
                (
                    id.clone(),
                    rows.iter().filter(|r| r.levels.contains(id)).count(),
                )
            })
            .collect(),
        merged: merge.map_or(0, |m| {
            rows.iter().filter(|r| m.item(&r.id).is_some()).count()
        }),
        not_in_sheet: merge.map_or_else(Vec::new, |m| {
            m.sections
                .iter()
                .flat_map(|s| &s.items)
                .filter(|i| !rows.iter().any(|r| r.id == i.id))
                .map(|i| i.id.clone())
                .collect()
        }),
        ..Stats::default()
    };
    let groups = groups(rows);
    stats.sections = groups.len();
    let mut out = String::new();
    head(&mut out, options, &stats);
    for id in &level_ids {
        level(&mut out, id, columns, merge);
    }
    for level in merge.iter().flat_map(|m| &m.levels) {
        // A level reached through others (Standards Exceeded) comes across when every level
        // of this checklist it needs does.
        let local = level.requires.iter().filter(|r| !r.contains(':'));
        if !level.requires.is_empty()
            && !level_ids.contains(&level.id)
            && local.clone().all(|r| level_ids.contains(r))
        {
            toml_out::table_array(&mut out, "levels");
            toml_out::text(&mut out, "id", &level.id);
            toml_out::text(&mut out, "name", &level.name);
            toml_out::text(&mut out, "description", &level.description);
            toml_out::text_list(
                &mut out,
                "requires",
                level.requires.iter().map(String::as_str),
            );
        }
    }
    for (number, group) in groups.iter().enumerate() {
        section(&mut out, number, group, options);
        for row in &group.rows {
            item(&mut out, row, &level_ids, options, rows);
        }
    }
    (out, stats)
}

/// The levels' ids, each once, in the order the options named them.
fn level_ids(columns: &Columns) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for level in &columns.levels {
        if !ids.contains(&level.rule.id) {
            ids.push(level.rule.id.clone());
        }
    }
    ids
}

fn head(out: &mut String, options: &Options<'_>, stats: &Stats) {
    out.push_str(
        "# Imported from a published control list by carecheck (`carecheck import table`).\n",
    );
    toml_out::integer(out, "format", 1);
    toml_out::text(out, "id", &options.id);
    toml_out::text(out, "title", &options.title);
    toml_out::text(out, "edition", &options.edition);
    toml_out::text(out, "publisher", &options.publisher);
    toml_out::text(out, "source_url", &options.source_url);
    let mut licence = format!(
        "Imported by carecheck from \"{}\"; the ids and questions are the publisher's own, under its terms (NHS England publishes under the Open Government Licence v3.0).",
        options.file_name
    );
    let mut summary = format!(
        "{} items imported from \"{}\".",
        stats.items, options.file_name
    );
    if let Some(merge) = options.merge_with {
        let _ = write!(
            licence,
            " Titles, guidance and evidence notes of the items carecheck already knew are carecheck's own words, from its checklist \"{}\" ({}).",
            merge.title, merge.edition
        );
        let _ = write!(
            summary,
            " {} of them keep carecheck's plain-English title, guidance and evidence notes from \"{}\" ({}); the question is the official text.",
            stats.merged, merge.title, merge.edition
        );
    }
    toml_out::text(out, "licence", &licence);
    toml_out::text(out, "summary", &summary);
}

fn level(out: &mut String, id: &str, columns: &Columns, merge: Option<&Checklist>) {
    toml_out::table_array(out, "levels");
    toml_out::text(out, "id", id);
    let known = merge.and_then(|m| m.level(id));
    let headers: Vec<&str> = columns
        .levels
        .iter()
        .filter(|l| l.rule.id == id)
        .map(|l| l.header.as_str())
        .collect();
    let from_sheet = format!(
        "The items the list marks in its column \"{}\".",
        headers.join("\", \"")
    );
    match known {
        Some(level) => {
            toml_out::text(out, "name", &level.name);
            toml_out::text(
                out,
                "description",
                &format!("{} {from_sheet}", level.description),
            );
        }
        None => {
            toml_out::text(out, "name", headers.first().copied().unwrap_or(id));
            toml_out::text(out, "description", &from_sheet);
        }
    }
}

/// Rows grouped by their section cell, or by the part of the id before its first dot
/// ("4" for "4.5.3"), or all in one.
fn groups(rows: &[Row]) -> Vec<Group<'_>> {
    let mut order: Vec<Group<'_>> = Vec::new();
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    for row in rows {
        let (key, title) = match &row.section {
            Some(title) => (title.clone(), Some(title.as_str())),
            None => (
                row.id
                    .split_once('.')
                    .map_or("", |(first, _)| first)
                    .to_owned(),
                None,
            ),
        };
        let at = *index.entry(key.clone()).or_insert_with(|| {
            order.push(Group {
                key,
                title,
                rows: Vec::new(),
            });
            order.len() - 1
        });
        order[at].rows.push(row);
    }
    order
}

fn section(out: &mut String, number: usize, group: &Group<'_>, options: &Options<'_>) {
    let known: Option<&Section> = options
        .merge_with
        .and_then(|m| m.sections.iter().find(|s| s.id == group.key));
    let id = if is_item_id(&group.key) {
        group.key.clone()
    } else {
        format!("section-{}", number + 1)
    };
    let title = match (group.title, known) {
        (Some(title), _) => title.to_owned(),
        (None, Some(section)) => section.title.clone(),
        (None, None) if group.key.is_empty() => "Items".to_owned(),
        (None, None) => format!("Section {}", group.key),
    };
    toml_out::table_array(out, "sections");
    toml_out::text(out, "id", &id);
    toml_out::text(out, "title", &title);
    if let Some(section) = known.filter(|s| !s.summary.is_empty()) {
        toml_out::text(out, "summary", &section.summary);
    }
}

fn item(out: &mut String, row: &Row, level_ids: &[String], options: &Options<'_>, rows: &[Row]) {
    let known = options.merge_with.and_then(|m| m.item(&row.id));
    toml_out::table_array(out, "sections.items");
    toml_out::text(out, "id", &row.id);
    let title = match (&row.title, known) {
        (Some(title), _) => title.clone(),
        (None, Some(item)) => item.title.clone(),
        (None, None) => short_title(&row.question),
    };
    toml_out::text(out, "title", &title);
    toml_out::text(out, "question", &row.question);
    toml_out::text(out, "guidance", &guidance(row, known));
    let levels = level_ids.iter().filter(|id| row.levels.contains(id));
    toml_out::text_list(out, "levels", levels.map(String::as_str));
    if let Some(item) = known {
        kept(out, item, options, rows);
    }
}

/// carecheck's help for an item it knows: everything but its levels (the sheet's) and its
/// question (the official one, with carecheck's plain version in the guidance).
fn kept(out: &mut String, item: &Item, options: &Options<'_>, rows: &[Row]) {
    if !item.evidence.is_empty() {
        toml_out::text_list(out, "evidence", item.evidence.iter().map(String::as_str));
    }
    if let Some(months) = item.review_months {
        toml_out::integer(out, "review_months", i64::from(months));
    }
    answer(out, &item.answer);
    links(out, item, options, rows);
    if !item.references.is_empty() {
        out.push_str("references = [");
        for (n, reference) in item.references.iter().enumerate() {
            out.push_str(if n == 0 {
                "\n  { title = "
            } else {
                ",\n  { title = "
            });
            toml_out::quoted(out, &reference.title);
            if let Some(url) = &reference.url {
                out.push_str(", url = ");
                toml_out::quoted(out, url);
            }
            out.push_str(" }");
        }
        out.push_str(",\n]\n");
    }
    if let Some(caution) = &item.caution {
        toml_out::text(out, "caution", caution);
    }
    if !item.exempt_with.is_empty() {
        toml_out::text_list(
            out,
            "exempt_with",
            item.exempt_with.iter().map(String::as_str),
        );
    }
    if item.critical {
        out.push_str("critical = true\n");
    }
    if item.assessor_test {
        out.push_str("assessor_test = true\n");
    }
}

fn answer(out: &mut String, kind: &AnswerKind) {
    let Some(label) = kind.label() else {
        return;
    };
    let name = match kind {
        AnswerKind::Status => return,
        AnswerKind::Text { .. } => "text",
        AnswerKind::WholeNumber { .. } => "whole-number",
        AnswerKind::Percentage { .. } => "percentage",
        AnswerKind::Date { .. } => "date",
    };
    let _ = write!(out, "answer = {{ kind = \"{name}\", label = ");
    toml_out::quoted(out, label);
    match kind {
        AnswerKind::WholeNumber { min, max, .. } => {
            if let Some(min) = min {
                let _ = write!(out, ", min = {min}");
            }
            if let Some(max) = max {
                let _ = write!(out, ", max = {max}");
            }
        }
        AnswerKind::Percentage { threshold, .. } => {
            let _ = write!(out, ", threshold = {threshold}");
        }
        AnswerKind::Date {
            max_age_months: Some(months),
            ..
        } => {
            let _ = write!(out, ", max_age_months = {months}");
        }
        _ => {}
    }
    out.push_str(" }\n");
}

/// The item's links. A link within the merged checklist points to the same item here when the
/// sheet has it (and is left out when not); links to other checklists are kept as they are.
fn links(out: &mut String, item: &Item, options: &Options<'_>, rows: &[Row]) {
    let Some(merge) = options.merge_with else {
        return;
    };
    let kept: Vec<(String, &str)> = item
        .links
        .iter()
        .filter_map(|link| {
            if link.to.checklist == merge.id {
                rows.iter().any(|r| r.id == link.to.item).then(|| {
                    (
                        format!("{}:{}", options.id, link.to.item),
                        link.kind.as_str(),
                    )
                })
            } else {
                Some((link.to.to_string(), link.kind.as_str()))
            }
        })
        .collect();
    if kept.is_empty() {
        return;
    }
    out.push_str("links = [");
    for (n, (to, kind)) in kept.iter().enumerate() {
        out.push_str(if n == 0 {
            "\n  { to = "
        } else {
            ",\n  { to = "
        });
        toml_out::quoted(out, to);
        let _ = write!(out, ", kind = \"{kind}\" }}");
    }
    out.push_str(",\n]\n");
}

/// The sheet's guidance, and carecheck's where it knows the item (with its plain-English
/// question, so the official wording and carecheck's sit side by side).
fn guidance(row: &Row, known: Option<&Item>) -> String {
    let official = row.guidance.as_deref();
    match (known, official) {
        (Some(item), Some(official)) => format!(
            "In plain English: {}\n\n{}\n\nFrom the official list: {official}",
            item.question, item.guidance
        ),
        (Some(item), None) => format!("In plain English: {}\n\n{}", item.question, item.guidance),
        (None, Some(official)) => official.to_owned(),
        (None, None) => {
            "The official list gives no guidance for this item; see the source for what counts as evidence.".to_owned()
        }
    }
}

/// A title from a question: its first sentence when short, else its first words.
fn short_title(question: &str) -> String {
    const MOST: usize = 80;
    let first = question
        .split_inclusive(['.', '?'])
        .next()
        .unwrap_or(question)
        .trim()
        .trim_end_matches('.');
    if first.chars().count() <= MOST {
        return first.to_owned();
    }
    let cut: String = first.chars().take(MOST - 1).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':']))
}

#[cfg(test)]
mod tests {
    use super::short_title;

    #[test]
    fn titles_come_from_the_first_sentence_or_words() {
        assert_eq!(
            short_title("Staff are trained. All of them."),
            "Staff are trained"
        );
        assert_eq!(short_title("Is it done?"), "Is it done?");
        let long = "word ".repeat(30);
        let title = short_title(&long);
        assert!(
            title.ends_with("word…") && title.chars().count() <= 80,
            "{title}"
        );
    }
}
