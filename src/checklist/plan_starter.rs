//! Reading the plan starter (`checklists/plan/plan-starter.toml`): the national contacts, the
//! first-hour steps, the reporting duties and the suggested services, with every problem
//! located as `FILE:LINE:COL`, like a checklist.
//!
//! It is read with the checklist reader so that its authors get the same kind of messages, and
//! it checks what matters for facts printed on a card pinned by the phone: every official entry
//! has a source, a checked date and a review date 12 months later, and anything unconfirmed
//! says why.

use std::collections::HashSet;

use toml::de::DeTable;

use super::decode::decode;
use super::diagnostic::Diagnostic;
use super::reader::{Reader, Table};
use crate::domain::checklist::ItemRef;
use crate::domain::date::Date;
use crate::domain::plan::{
    Checked, Confidence, Duty, DutyKind, Incident, NationalContact, Ring, ServiceTemplate, Source,
    Starter, TEST_INTERVAL_MONTHS,
};

/// The starter compiled into carecheck.
pub const BUNDLED_STARTER: (&str, &str) = (
    "plan-starter.toml",
    include_str!("../../checklists/plan/plan-starter.toml"),
);

const PLAN_FORMAT: i64 = 1;
const ROOT_KEYS: &[&str] = &[
    "format",
    "edition",
    "contacts",
    "incidents",
    "duties",
    "services",
];
const CONTACT_KEYS: &[&str] = &[
    "id",
    "name",
    "purpose",
    "phone",
    "email",
    "url",
    "online_form_url",
    "hours",
    "source_url",
    "checked",
    "review_by",
    "confidence",
    "notes",
];
const INCIDENT_KEYS: &[&str] = &[
    "id", "title", "when", "steps", "ring", "duties", "do_not", "sources", "on_card",
];
const DUTY_KEYS: &[&str] = &[
    "id",
    "title",
    "kind",
    "applies_when",
    "clock",
    "clock_hours",
    "clock_starts",
    "how",
    "keep_record",
    "sources",
    "checked",
    "review_by",
    "confidence",
    "notes",
];
const SERVICE_KEYS: &[&str] = &[
    "id",
    "title",
    "what_it_covers",
    "fallback",
    "forms_kept",
    "prepare",
    "how_long_prompt",
    "who_switches",
    "back_entry",
    "depends_on",
    "links",
];
const SOURCE_KEYS: &[&str] = &["title", "url"];
const CONFIRMED: &str = "confirmed from source";
const UNCONFIRMED: &str = "unconfirmed:";

/// The bundled starter. A test proves it reads cleanly, so an error here means a broken build;
/// it is still returned, never panicked on.
pub fn bundled() -> Result<Starter, Vec<Diagnostic>> {
    let (name, text) = BUNDLED_STARTER;
    parse(&format!("(built in) {name}"), text.as_bytes())
}

/// Reads a plan starter file.
pub fn parse(origin: &str, bytes: &[u8]) -> Result<Starter, Vec<Diagnostic>> {
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
        name: "the plan starter".to_owned(),
    };
    let mut builder = Builder { reader };
    let starter = builder.starter(&root);
    let mut diagnostics = builder.reader.diagnostics;
    match starter {
        Some(starter) if diagnostics.is_empty() => Ok(starter),
        _ => {
            diagnostics.sort_by_key(|d| d.position);
            Err(diagnostics)
        }
    }
}

struct Builder<'a> {
    reader: Reader<'a>,
}

impl Builder<'_> {
    fn starter(&mut self, root: &Table<'_, '_>) -> Option<Starter> {
        self.reader.check_keys(root, ROOT_KEYS);
        let format = self.reader.integer(root, "format", true);
        if let Some(format) = format.filter(|&f| f != PLAN_FORMAT) {
            let span = self.reader.span_of(root, "format");
            self.reader.error(
                &span,
                format!("plan starter format {format} is not one this carecheck reads (it reads {PLAN_FORMAT})"),
            );
        }
        let edition = self.reader.text(root, "edition", true);
        let contacts: Vec<NationalContact> = self
            .reader
            .tables(root, "contacts", true, |i| format!("contact {}", i + 1))
            .iter()
            .filter_map(|t| self.contact(t))
            .collect();
        let contact_ids: HashSet<String> = contacts.iter().map(|c| c.id.clone()).collect();
        self.unique(root, "contacts", contacts.iter().map(|c| c.id.as_str()));
        let duties: Vec<Duty> = self
            .reader
            .tables(root, "duties", true, |i| format!("duty {}", i + 1))
            .iter()
            .filter_map(|t| self.duty(t, &contact_ids))
            .collect();
        self.unique(root, "duties", duties.iter().map(|d| d.id.as_str()));
        let duty_ids: HashSet<String> = duties.iter().map(|d| d.id.clone()).collect();
        let incidents: Vec<Incident> = self
            .reader
            .tables(root, "incidents", true, |i| format!("incident {}", i + 1))
            .iter()
            .filter_map(|t| self.incident(t, &contact_ids, &duty_ids))
            .collect();
        self.unique(root, "incidents", incidents.iter().map(|i| i.id.as_str()));
        let services: Vec<ServiceTemplate> = self
            .reader
            .tables(root, "services", true, |i| format!("service {}", i + 1))
            .iter()
            .filter_map(|t| self.service(t))
            .collect();
        self.unique(root, "services", services.iter().map(|s| s.id.as_str()));
        Some(Starter {
            edition: edition?,
            contacts,
            incidents,
            duties,
            services,
        })
    }

    fn unique<'s>(&mut self, root: &Table<'_, '_>, key: &str, ids: impl Iterator<Item = &'s str>) {
        let mut seen = HashSet::new();
        for id in ids {
            if !seen.insert(id) {
                let span = self.reader.span_of(root, key);
                self.reader
                    .error(&span, format!("two entries in `{key}` have the id `{id}`"));
            }
        }
    }

    /// Optional text where `""` means "none" (the content leaves unknown numbers blank).
    fn maybe(&mut self, table: &Table<'_, '_>, key: &str) -> Option<String> {
        let value = table.map.get(key)?;
        match value.get_ref().as_str() {
            Some(text) if text.trim().is_empty() => None,
            Some(text) => Some(text.trim().to_owned()),
            None => {
                self.reader.wrong_type(table, key, value, "text in quotes");
                None
            }
        }
    }

    fn url(&mut self, table: &Table<'_, '_>, key: &str) -> Option<String> {
        let url = self.maybe(table, key)?;
        if url.starts_with("https://") || url.starts_with("http://") {
            return Some(url);
        }
        let span = self.reader.span_of(table, key);
        self.reader.error(
            &span,
            format!(
                "`{key}` in {} must be a web address starting with https://",
                table.name
            ),
        );
        None
    }

    /// The source, checked and review dates and confidence of an official fact.
    fn checked(&mut self, table: &Table<'_, '_>, needs_source: bool) -> Option<Checked> {
        let source_url = self.url(table, "source_url");
        let checked = self.reader.date(table, "checked", true);
        let review_by = self.reader.date(table, "review_by", true);
        let confidence = self.confidence(table);
        if let (Some(checked), Some(review_by)) = (checked, review_by) {
            let expected = checked.add_months(TEST_INTERVAL_MONTHS);
            if review_by != expected {
                let span = self.reader.span_of(table, "review_by");
                self.reader.error(
                    &span,
                    format!(
                        "`review_by` in {} must be 12 months after `checked` ({expected})",
                        table.name
                    ),
                );
            }
        }
        let confidence = confidence?;
        if needs_source && source_url.is_none() && confidence.is_confirmed() {
            let span = self.reader.span_of(table, "confidence");
            self.reader.error(
                &span,
                format!(
                    "{} says it is confirmed but gives no `source_url`; give the page or mark it unconfirmed",
                    table.name
                ),
            );
        }
        Some(Checked {
            source_url,
            checked: checked?,
            review_by: review_by?,
            confidence,
        })
    }

    fn confidence(&mut self, table: &Table<'_, '_>) -> Option<Confidence> {
        let text = self.reader.text(table, "confidence", true)?;
        if text == CONFIRMED {
            return Some(Confidence::Confirmed);
        }
        match text.strip_prefix(UNCONFIRMED).map(str::trim) {
            Some(why) if !why.is_empty() => Some(Confidence::Unconfirmed(why.to_owned())),
            _ => {
                let span = self.reader.span_of(table, "confidence");
                self.reader.error(
                    &span,
                    format!(
                        "`confidence` in {} must be \"{CONFIRMED}\" or \"{UNCONFIRMED} <why>\"",
                        table.name
                    ),
                );
                None
            }
        }
    }

    fn contact(&mut self, table: &Table<'_, '_>) -> Option<NationalContact> {
        self.reader.check_keys(table, CONTACT_KEYS);
        let id = self.reader.id(table, None);
        let name = self.reader.text(table, "name", true);
        let purpose = self.reader.text(table, "purpose", true);
        let phone = self.maybe(table, "phone");
        let email = self.maybe(table, "email");
        let url = self.url(table, "url");
        let online_form_url = self.url(table, "online_form_url");
        let hours = self.maybe(table, "hours");
        let notes = self.maybe(table, "notes");
        let checked = self.checked(table, phone.is_some() || url.is_some());
        Some(NationalContact {
            id: id?,
            name: name?,
            purpose: purpose?,
            phone,
            email,
            url,
            online_form_url,
            hours,
            notes,
            checked: checked?,
        })
    }

    fn rings(&mut self, table: &Table<'_, '_>, key: &str, contacts: &HashSet<String>) -> Vec<Ring> {
        let mut out = Vec::new();
        for (text, span) in self.reader.text_list(table, key) {
            match Ring::parse(&text) {
                Ok(Ring::National(id)) if !contacts.contains(&id) => self.reader.error(
                    &span,
                    format!("`{key}` in {} names `{id}`, which is not a contact in this file; use a contact id or local:ROLE", table.name),
                ),
                Ok(ring) => out.push(ring),
                Err(message) => self.reader.error(&span, message),
            }
        }
        out
    }

    fn sources(&mut self, table: &Table<'_, '_>) -> Vec<Source> {
        let name = table.name.clone();
        let mut out = Vec::new();
        for source in self.reader.tables(table, "sources", false, |i| {
            format!("source {} of {name}", i + 1)
        }) {
            self.reader.check_keys(&source, SOURCE_KEYS);
            let title = self.reader.text(&source, "title", true);
            let url = self.url(&source, "url");
            if let Some(title) = title {
                out.push(Source { title, url });
            }
        }
        out
    }

    fn incident(
        &mut self,
        table: &Table<'_, '_>,
        contacts: &HashSet<String>,
        duties: &HashSet<String>,
    ) -> Option<Incident> {
        self.reader.check_keys(table, INCIDENT_KEYS);
        let id = self.reader.id(table, None);
        let title = self.reader.text(table, "title", true);
        let when = self.reader.text(table, "when", true);
        let steps: Vec<String> = self
            .reader
            .text_list(table, "steps")
            .into_iter()
            .map(|(s, _)| s)
            .collect();
        if steps.is_empty() {
            let span = self.reader.span_of(table, "steps");
            self.reader
                .error(&span, format!("{} has no `steps`", table.name));
        }
        let ring = self.rings(table, "ring", contacts);
        let mut duty_ids = Vec::new();
        for (duty, span) in self.reader.text_list(table, "duties") {
            if duties.contains(&duty) {
                duty_ids.push(duty);
            } else {
                self.reader.error(
                    &span,
                    format!(
                        "`duties` in {} names `{duty}`, which is not a duty in this file",
                        table.name
                    ),
                );
            }
        }
        let do_not = self
            .reader
            .text_list(table, "do_not")
            .into_iter()
            .map(|(s, _)| s)
            .collect();
        let sources = self.sources(table);
        let on_card = self.reader.boolean(table, "on_card").unwrap_or(true);
        Some(Incident {
            id: id?,
            title: title?,
            when: when?,
            steps,
            ring,
            duties: duty_ids,
            do_not,
            sources,
            on_card,
        })
    }

    fn duty(&mut self, table: &Table<'_, '_>, contacts: &HashSet<String>) -> Option<Duty> {
        self.reader.check_keys(table, DUTY_KEYS);
        let id = self.reader.id(table, None);
        let title = self.reader.text(table, "title", true);
        let kind = self.reader.text(table, "kind", true).and_then(|k| {
            let parsed = DutyKind::parse(&k);
            if parsed.is_none() {
                let span = self.reader.span_of(table, "kind");
                self.reader.error(
                    &span,
                    format!(
                        "`kind` in {} is `{k}`; use one of: {}",
                        table.name,
                        DutyKind::KEYWORDS.join(", ")
                    ),
                );
            }
            parsed
        });
        let applies_when = self.reader.text(table, "applies_when", true);
        let clock = self.reader.text(table, "clock", true);
        let clock_hours = self
            .reader
            .integer(table, "clock_hours", false)
            .and_then(|h| {
                let hours = u32::try_from(h).ok().filter(|h| (1..=8760).contains(h));
                if hours.is_none() {
                    let span = self.reader.span_of(table, "clock_hours");
                    self.reader.error(
                        &span,
                        format!(
                            "`clock_hours` in {} is {h}; it must be from 1 to 8760",
                            table.name
                        ),
                    );
                }
                hours
            });
        let clock_starts = self.maybe(table, "clock_starts");
        let how = self.rings(table, "how", contacts);
        let keep_record = self.maybe(table, "keep_record");
        let sources = self.sources(table);
        let notes = self.maybe(table, "notes");
        let checked = self.checked(table, false);
        Some(Duty {
            id: id?,
            title: title?,
            kind: kind?,
            applies_when: applies_when?,
            clock: clock?,
            clock_hours,
            clock_starts,
            how,
            keep_record,
            sources,
            notes,
            checked: checked?,
        })
    }

    fn service(&mut self, table: &Table<'_, '_>) -> Option<ServiceTemplate> {
        self.reader.check_keys(table, SERVICE_KEYS);
        let id = self.reader.id(table, None);
        let mut text = |key: &str| self.reader.text(table, key, true);
        let title = text("title");
        let what_it_covers = text("what_it_covers");
        let fallback = text("fallback");
        let forms_kept = text("forms_kept");
        let prepare = text("prepare");
        let how_long_prompt = text("how_long_prompt");
        let who_switches = text("who_switches");
        let back_entry = text("back_entry");
        let depends_on = self
            .reader
            .text_list(table, "depends_on")
            .into_iter()
            .map(|(s, _)| s)
            .collect();
        let mut links = Vec::new();
        for (link, span) in self.reader.text_list(table, "links") {
            match ItemRef::parse(&link) {
                Ok(item) => links.push(item),
                Err(message) => self.reader.error(&span, message),
            }
        }
        Some(ServiceTemplate {
            id: id?,
            title: title?,
            what_it_covers: what_it_covers?,
            fallback: fallback?,
            forms_kept: forms_kept?,
            prepare: prepare?,
            how_long_prompt: how_long_prompt?,
            who_switches: who_switches?,
            back_entry: back_entry?,
            depends_on,
            links,
        })
    }
}

/// For tests and messages: today's date is after the review date of some official fact.
pub fn overdue_reviews(starter: &Starter, today: Date) -> Vec<String> {
    let contacts = starter
        .contacts
        .iter()
        .filter(|c| c.checked.review_overdue(today))
        .map(|c| c.name.clone());
    let duties = starter
        .duties
        .iter()
        .filter(|d| d.checked.review_overdue(today))
        .map(|d| d.title.clone());
    contacts.chain(duties).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_starter_reads_cleanly() {
        let starter = bundled().expect("bundled starter");
        assert_eq!(starter.incidents.len(), 9);
        // The continuity incidents are in the plan, not on the one-page card.
        let off_card: Vec<&str> = starter
            .incidents
            .iter()
            .filter(|i| !i.on_card)
            .map(|i| i.id.as_str())
            .collect();
        assert_eq!(
            off_card,
            ["power-cut", "no-internet-or-phones", "building-unusable"]
        );
        assert!(starter.contacts.len() >= 10);
        let ico = starter.contact("ico-breach").expect("ICO");
        assert_eq!(ico.phone.as_deref(), Some("0303 123 1113"));
        assert!(ico.checked.confidence.is_confirmed());
        // What the research could not confirm stays marked.
        let fraud = starter.contact("report-fraud").expect("Report Fraud");
        assert!(!fraud.checked.confidence.is_confirmed());
        assert_eq!(
            starter.duty("ico-breach").and_then(|d| d.clock_hours),
            Some(72)
        );
    }

    fn errors(text: &str) -> Vec<String> {
        parse("p.toml", text.as_bytes())
            .expect_err("should fail")
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    const CONTACT: &str = r#"
format = 1
edition = "t"
incidents = []
duties = []
services = []
[[contacts]]
id = "x"
name = "X"
purpose = "P"
phone = "101"
source_url = "https://example.org/"
checked = "2026-11-28"
review_by = "2027-11-28"
confidence = "confirmed from source"
"#;

    #[test]
    fn a_minimal_file_reads() {
        let starter = parse("p.toml", CONTACT.as_bytes()).expect("reads");
        assert_eq!(starter.contacts[0].phone.as_deref(), Some("101"));
    }

    #[test]
    fn problems_are_located_by_line_and_column() {
        let text = CONTACT.replace("review_by = \"2027-11-28\"", "review_by = \"2028-01-01\"");
        let found = errors(&text);
        assert!(
            found
                .iter()
                .any(|e| e.starts_with("p.toml:14:13:") && e.contains("12 months")),
            "{found:?}"
        );
        let text = CONTACT.replace(
            "confidence = \"confirmed from source\"",
            "confidence = \"probably\"",
        );
        assert!(
            errors(&text).iter().any(|e| e.starts_with("p.toml:15:")),
            "bad confidence"
        );
        let text = CONTACT.replace("purpose", "purpse");
        let found = errors(&text);
        assert!(
            found.iter().any(|e| e.contains("did you mean `purpose`")),
            "{found:?}"
        );
    }

    #[test]
    fn a_confirmed_number_needs_its_source() {
        let text = CONTACT.replace("source_url = \"https://example.org/\"\n", "");
        assert!(errors(&text).iter().any(|e| e.contains("no `source_url`")));
    }

    #[test]
    fn incidents_may_only_ring_known_contacts() {
        let text = CONTACT.replace("incidents = []\n", "")
            + "[[incidents]]\nid = \"i\"\ntitle = \"T\"\nwhen = \"W\"\nsteps = [\"s\"]\nring = [\"nobody\", \"local:plumber\"]\n";
        let found = errors(&text);
        assert!(found.iter().any(|e| e.contains("`nobody`")), "{found:?}");
        assert!(found.iter().any(|e| e.contains("`plumber`")), "{found:?}");
    }
}
