//! Reading the bundled register content (`checklists/registers/`): the starter risks and the
//! supplier questions, with every problem located as `FILE:LINE:COL`, like a checklist. Both
//! files are read with the checklist reader so their authors get the same kind of messages.

use std::collections::HashSet;

use toml::de::DeTable;

use super::decode::decode;
use super::diagnostic::Diagnostic;
use super::reader::{Reader, Table};
use crate::domain::checklist::ItemRef;
use crate::domain::registers::{StarterRisk, SupplierQuestion};

pub const BUNDLED_RISKS: (&str, &str) = (
    "risks.toml",
    include_str!("../../checklists/registers/risks.toml"),
);
pub const BUNDLED_QUESTIONS: (&str, &str) = (
    "supplier-questions.toml",
    include_str!("../../checklists/registers/supplier-questions.toml"),
);

const FORMAT: i64 = 1;
const RISK_KEYS: &[&str] = &[
    "id",
    "title",
    "description",
    "likelihood",
    "impact",
    "rationale",
    "mitigated_by",
];
const QUESTION_KEYS: &[&str] = &["id", "title", "question", "why", "good_answer", "supports"];

/// The bundled starter risks. A test proves they read cleanly; an error is still returned,
/// never panicked on.
pub fn bundled_risks() -> Result<Vec<StarterRisk>, Vec<Diagnostic>> {
    let (name, text) = BUNDLED_RISKS;
    parse_risks(&format!("(built in) {name}"), text.as_bytes())
}

/// The bundled supplier questions.
pub fn bundled_questions() -> Result<Vec<SupplierQuestion>, Vec<Diagnostic>> {
    let (name, text) = BUNDLED_QUESTIONS;
    parse_questions(&format!("(built in) {name}"), text.as_bytes())
}

/// Reads a starter risks file.
pub fn parse_risks(origin: &str, bytes: &[u8]) -> Result<Vec<StarterRisk>, Vec<Diagnostic>> {
    read(origin, bytes, "risks", |b, t| b.risk(t))
}

/// Reads a supplier questions file.
pub fn parse_questions(
    origin: &str,
    bytes: &[u8],
) -> Result<Vec<SupplierQuestion>, Vec<Diagnostic>> {
    read(origin, bytes, "questions", |b, t| b.question(t))
}

/// Something in a register file that has an id.
trait HasId {
    fn id(&self) -> &str;
}
impl HasId for StarterRisk {
    fn id(&self) -> &str {
        &self.id
    }
}
impl HasId for SupplierQuestion {
    fn id(&self) -> &str {
        &self.id
    }
}

fn read<T: HasId>(
    origin: &str,
    bytes: &[u8],
    key: &str,
    entry: impl Fn(&mut Builder<'_>, &Table<'_, '_>) -> Option<T>,
) -> Result<Vec<T>, Vec<Diagnostic>> {
    let text = decode(origin, bytes).map_err(|d| vec![d])?;
    let (document, syntax_errors) = DeTable::parse_recoverable(text);
    let mut reader = Reader::new(origin, text);
    if !syntax_errors.is_empty() {
        for error in syntax_errors.iter().take(20) {
            let message = format!("TOML syntax: {}", error.message());
            reader.error(&error.span().unwrap_or(0..0), message);
        }
        return Err(reader.diagnostics);
    }
    let root = Table {
        map: document.get_ref(),
        span: 0..0,
        name: format!("the {key} file"),
    };
    let mut builder = Builder { reader };
    builder
        .reader
        .check_keys(&root, &["format", "edition", key]);
    if let Some(format) = builder
        .reader
        .integer(&root, "format", true)
        .filter(|&f| f != FORMAT)
    {
        let span = builder.reader.span_of(&root, "format");
        builder.reader.error(
            &span,
            format!("format {format} is not one this carecheck reads (it reads {FORMAT})"),
        );
    }
    builder.reader.text(&root, "edition", true);
    let singular = key.trim_end_matches('s').to_owned();
    let entries: Vec<T> = builder
        .reader
        .tables(&root, key, true, |i| format!("{singular} {}", i + 1))
        .iter()
        .filter_map(|t| entry(&mut builder, t))
        .collect();
    let mut seen = HashSet::new();
    for entry in &entries {
        if !seen.insert(entry.id().to_owned()) {
            let span = builder.reader.span_of(&root, key);
            builder.reader.error(
                &span,
                format!("two entries in `{key}` have the id `{}`", entry.id()),
            );
        }
    }
    let mut diagnostics = builder.reader.diagnostics;
    if diagnostics.is_empty() {
        Ok(entries)
    } else {
        diagnostics.sort_by_key(|d| d.position);
        Err(diagnostics)
    }
}

struct Builder<'a> {
    reader: Reader<'a>,
}

impl Builder<'_> {
    fn refs(&mut self, table: &Table<'_, '_>, key: &str) -> Vec<ItemRef> {
        let mut out = Vec::new();
        for (text, span) in self.reader.text_list(table, key) {
            match ItemRef::parse(&text) {
                Ok(item) => out.push(item),
                Err(message) => self.reader.error(&span, message),
            }
        }
        out
    }

    fn score(&mut self, table: &Table<'_, '_>, key: &str) -> Option<u8> {
        let n = self.reader.integer(table, key, true)?;
        let score = u8::try_from(n).ok().filter(|n| (1..=5).contains(n));
        if score.is_none() {
            let span = self.reader.span_of(table, key);
            self.reader.error(
                &span,
                format!("`{key}` in {} is {n}; it must be from 1 to 5", table.name),
            );
        }
        score
    }

    fn risk(&mut self, table: &Table<'_, '_>) -> Option<StarterRisk> {
        self.reader.check_keys(table, RISK_KEYS);
        let id = self.reader.id(table, None);
        let title = self.reader.text(table, "title", true);
        let description = self.reader.text(table, "description", true);
        let likelihood = self.score(table, "likelihood");
        let impact = self.score(table, "impact");
        let rationale = self.reader.text(table, "rationale", true);
        let mitigated_by = self.refs(table, "mitigated_by");
        Some(StarterRisk {
            id: id?,
            title: title?,
            description: description?,
            likelihood: likelihood?,
            impact: impact?,
            rationale: rationale?,
            mitigated_by,
        })
    }

    fn question(&mut self, table: &Table<'_, '_>) -> Option<SupplierQuestion> {
        self.reader.check_keys(table, QUESTION_KEYS);
        let id = self.reader.id(table, None);
        let title = self.reader.text(table, "title", true);
        let question = self.reader.text(table, "question", true);
        let why = self.reader.text(table, "why", true);
        let good_answer = self.reader.text(table, "good_answer", true);
        let supports = self.refs(table, "supports");
        Some(SupplierQuestion {
            id: id?,
            title: title?,
            question: question?,
            why: why?,
            good_answer: good_answer?,
            supports,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checklist::Library;

    #[test]
    fn the_bundled_content_reads_cleanly_and_names_real_items() {
        let risks = bundled_risks().expect("bundled risks");
        assert_eq!(risks.len(), 10);
        assert!(risks.iter().any(|r| r.id == "ransomware" && r.impact == 5));
        let questions = bundled_questions().expect("bundled questions");
        assert!(questions.len() >= 10);
        let (library, problems) = Library::load(None);
        assert!(problems.is_empty(), "{problems:?}");
        let refs = risks
            .iter()
            .flat_map(|r| &r.mitigated_by)
            .chain(questions.iter().flat_map(|q| &q.supports));
        for item in refs {
            let checklist = library
                .get(&item.checklist)
                .unwrap_or_else(|| panic!("no checklist {item}"));
            assert!(
                checklist.checklist.items().any(|i| i.id == item.item),
                "{item} is not a bundled item"
            );
        }
    }

    const ONE: &str = "format = 1\nedition = \"t\"\n[[risks]]\nid = \"r\"\ntitle = \"T\"\ndescription = \"D\"\nlikelihood = 3\nimpact = 4\nrationale = \"R\"\nmitigated_by = [\"dspt-social-care:1.1.1\"]\n";

    #[test]
    fn problems_are_located() {
        assert_eq!(
            parse_risks("r.toml", ONE.as_bytes()).expect("reads").len(),
            1
        );
        let bad = ONE.replace("impact = 4", "impact = 9");
        let found: Vec<String> = parse_risks("r.toml", bad.as_bytes())
            .expect_err("fails")
            .iter()
            .map(ToString::to_string)
            .collect();
        assert!(
            found
                .iter()
                .any(|e| e.starts_with("r.toml:8:") && e.contains("1 to 5")),
            "{found:?}"
        );
        let bad = ONE.replace("dspt-social-care:1.1.1", "no-colon");
        assert!(parse_risks("r.toml", bad.as_bytes()).is_err());
        let bad = ONE.replace("rationale", "rationle");
        let found: Vec<String> = parse_risks("r.toml", bad.as_bytes())
            .expect_err("fails")
            .iter()
            .map(ToString::to_string)
            .collect();
        assert!(found.iter().any(|e| e.contains("rationale")), "{found:?}");
    }
}
