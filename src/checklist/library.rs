//! The checklists carecheck knows: those bundled into the binary and the user's own.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::bundled::BUNDLED;
use super::diagnostic::Diagnostic;
use super::parse::{Parsed, parse};
use super::read_checklist_file;
use crate::digest::sha256_hex;
use crate::domain::assessment::Profile;
use crate::domain::checklist::{Checklist, Item, ItemRef};
use crate::domain::date::Date;

/// Where a checklist came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Compiled into carecheck, from `checklists/NAME` in the source tree.
    Bundled(&'static str),
    /// A file: in the user's checklists folder, or named on the command line.
    File(PathBuf),
}

impl Origin {
    /// How messages name it.
    pub fn describe(&self) -> String {
        match self {
            Origin::Bundled(name) => format!("bundled:{name}"),
            Origin::File(path) => path.display().to_string(),
        }
    }
}

/// A loaded, valid checklist with the text it was read from and that text's SHA-256.
#[derive(Debug, Clone)]
pub struct Entry {
    pub checklist: Checklist,
    pub origin: Origin,
    pub text: String,
    pub hash: String,
}

/// A set of valid checklists whose IDs are unique and whose links all resolve.
#[derive(Debug, Clone, Default)]
pub struct Library {
    entries: Vec<Entry>,
}

/// A checklist read from somewhere, valid on its own but with links not yet checked.
pub struct Candidate {
    pub origin: Origin,
    pub text: String,
    pub parsed: Parsed,
}

impl Library {
    /// The bundled checklists, then every `*.toml` in `user_dir` (if given and present).
    /// Checklists with problems are left out and their problems returned.
    pub fn load(user_dir: Option<&Path>) -> (Library, Vec<Diagnostic>) {
        let mut problems = Vec::new();
        let mut candidates: Vec<Candidate> = BUNDLED
            .iter()
            .filter_map(|(name, text)| {
                let origin = Origin::Bundled(name);
                candidate(origin, text.as_bytes())
                    .map_err(|d| problems.extend(d))
                    .ok()
            })
            .collect();
        if let Some(dir) = user_dir {
            for path in user_checklist_files(dir, &mut problems) {
                match read_checklist_file(&path) {
                    Ok(bytes) => match candidate(Origin::File(path), &bytes) {
                        Ok(c) => candidates.push(c),
                        Err(d) => problems.extend(d),
                    },
                    Err(d) => problems.push(d),
                }
            }
        }
        let (library, more) = Library::assemble(candidates, &Library::default());
        problems.extend(more);
        (library, problems)
    }

    /// Builds a library from candidates, refusing duplicate IDs and unresolved links. Links may
    /// point at the candidates or at `fallback` (whose entries fill IDs the candidates lack).
    pub fn assemble(candidates: Vec<Candidate>, fallback: &Library) -> (Library, Vec<Diagnostic>) {
        let mut problems = Vec::new();
        let mut first_origin: HashMap<String, String> = HashMap::new();
        let mut unique = Vec::with_capacity(candidates.len());
        for c in candidates {
            let id = c.parsed.checklist.id.clone();
            if let Some(first) = first_origin.get(&id) {
                let message = format!(
                    "checklist id `{id}` is already used by {first}; give this one its own id"
                );
                problems.push(Diagnostic::new(&c.origin.describe(), None, message));
                continue;
            }
            first_origin.insert(id, c.origin.describe());
            unique.push(c);
        }
        let mut scope: HashMap<&str, &Checklist> = fallback
            .entries
            .iter()
            .map(|e| (e.checklist.id.as_str(), &e.checklist))
            .collect();
        scope.extend(
            unique
                .iter()
                .map(|c| (c.parsed.checklist.id.as_str(), &c.parsed.checklist)),
        );
        let mut bad = vec![false; unique.len()];
        for (index, c) in unique.iter().enumerate() {
            for site in c.parsed.external_links() {
                let message = match scope.get(site.target.checklist.as_str()) {
                    None => format!(
                        "link to `{}`: no checklist has the id `{}`",
                        site.target, site.target.checklist
                    ),
                    Some(other) if other.item(&site.target.item).is_none() => {
                        format!(
                            "link to `{}`: that checklist has no item `{}`",
                            site.target, site.target.item
                        )
                    }
                    Some(_) => continue,
                };
                problems.push(Diagnostic::new(
                    &c.origin.describe(),
                    Some(site.position),
                    message,
                ));
                bad[index] = true;
            } // A required level of another checklist is checked when that checklist is known;
            // an absent one (say Cyber Essentials not installed) simply cannot be reached.
            for site in &c.parsed.external_requires {
                if let Some(other) = scope.get(site.checklist.as_str())
                    && other.level(&site.level).is_none()
                {
                    let message = format!(
                        "requires level `{}:{}`: that checklist has no level `{}`",
                        site.checklist, site.level, site.level
                    );
                    problems.push(Diagnostic::new(
                        &c.origin.describe(),
                        Some(site.position),
                        message,
                    ));
                    bad[index] = true;
                }
            }
        }
        let entries = unique
            .into_iter()
            .zip(bad)
            .filter(|(_, bad)| !bad)
            .map(|(c, _)| Entry {
                hash: sha256_hex(c.text.as_bytes()),
                checklist: c.parsed.checklist,
                origin: c.origin,
                text: c.text,
            })
            .collect();
        (Library { entries }, problems)
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.checklist.id == id)
    }

    /// Sets a new assessment's period assessed (one of the checklists `ids`, created on
    /// `today`) to the reporting period in force that day, unless it gives either date itself:
    /// an assessment started in December 2026 is for 2026-27 even while carecheck's newest
    /// DSPT edition is 2025-26 (see `Reporting::period_containing`).
    pub fn default_period(&self, profile: &mut Profile, ids: &[&str], today: Date) {
        if profile.period_start.is_some() || profile.period_end.is_some() {
            return;
        }
        let in_force = ids
            .iter()
            .filter_map(|id| self.get(id)?.checklist.reporting)
            .map(|edition| edition.period_containing(today))
            .next();
        if let Some(period) = in_force {
            profile.period_start = Some(period.period_start);
            profile.period_end = Some(period.period_end);
        }
    }

    pub fn item(&self, target: &ItemRef) -> Option<&Item> {
        self.get(&target.checklist)?.checklist.item(&target.item)
    }
}

/// Warnings (not errors) for links declared at one end only: a candidate's link to an item of
/// a known checklist (another candidate, or one in `known`) that does not link back. carecheck
/// still shows such a link from both ends; the warning helps authors keep both files honest.
pub fn one_way_links(candidates: &[Candidate], known: &Library) -> Vec<Diagnostic> {
    let find = |id: &str| -> Option<&Checklist> {
        candidates
            .iter()
            .map(|c| &c.parsed.checklist)
            .find(|c| c.id == id)
            .or_else(|| known.get(id).map(|e| &e.checklist))
    };
    let mut warnings = Vec::new();
    for c in candidates {
        let own = &c.parsed.checklist.id;
        for site in &c.parsed.link_sites {
            let Some(target) = find(&site.target.checklist).and_then(|t| t.item(&site.target.item))
            else {
                continue;
            };
            let back = ItemRef::new(own, &site.from);
            if target.links.iter().any(|l| l.to == back) {
                continue;
            }
            let message = format!(
                "warning: the link from `{back}` to `{}` is one way: that item does not link back (carecheck still shows it from both ends)",
                site.target
            );
            warnings.push(Diagnostic::new(
                &c.origin.describe(),
                Some(site.position),
                message,
            ));
        }
    }
    warnings
}

/// Parses one checklist text without checking its links to other checklists.
pub fn candidate(origin: Origin, bytes: &[u8]) -> Result<Candidate, Vec<Diagnostic>> {
    let parsed = parse(&origin.describe(), bytes)?;
    // `parse` has already proved the bytes are UTF-8.
    let text = String::from_utf8_lossy(bytes).into_owned();
    let text = text
        .strip_prefix('\u{FEFF}')
        .map(str::to_owned)
        .unwrap_or(text);
    Ok(Candidate {
        origin,
        text,
        parsed,
    })
}

/// The `*.toml` files directly in `dir`, sorted by name. A missing folder is simply empty.
fn user_checklist_files(dir: &Path, problems: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Vec::new(),
        Err(e) => {
            problems.push(Diagnostic::new(
                &dir.display().to_string(),
                None,
                format!("cannot read this checklists folder: {e}"),
            ));
            return Vec::new();
        }
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    files.sort();
    files
}
