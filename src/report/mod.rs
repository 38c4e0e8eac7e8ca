//! Reports built from an assessment: the PDF evidence pack and the exports.

mod appendix;
pub mod calendar;
pub mod card;
pub mod compose;
pub mod document;
mod entry_sheet;
pub mod export;
pub mod fonts;
pub mod heads;
pub mod layout;
pub mod manifest;
pub mod model;
pub mod pdf;
pub mod pdf_read;
mod pdf_tags;
mod phrases;
pub mod plan;
pub mod plan_export;
pub mod registers;
pub mod registers_csv;
pub mod rollup;
pub mod scripts;
pub mod style;
mod table;
pub mod trend;
mod wrap;

use self::document::{DocumentKind, Finish, finish};
use self::heads::add_running_heads;
use self::layout::{A4, layout};
use self::model::{ReportModel, evidence_sources};
use crate::domain::date::Timestamp;
use crate::evidence::{FileCheck, recheck};
use crate::workspace::Loaded;

/// The report model for a loaded assessment, re-reading every evidence file now so that a
/// changed or missing file is caught, and reading the journal for who answered when. (This is
/// the one part of reporting that does I/O.) `library` names the levels of checklists the
/// assessment does not use.
pub fn gather(loaded: &Loaded, library: &crate::checklist::Library, now: Timestamp) -> ReportModel {
    gather_parts(loaded, library, now, Parts::PACK)
}

/// The optional parts of the report model: each export computes only the parts it prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parts {
    /// The continuity plan's view.
    pub plan: bool,
    /// The supplier and risk registers' view.
    pub registers: bool,
}

impl Parts {
    /// What the pack prints (and [`gather`] computes).
    pub const PACK: Parts = Parts {
        plan: true,
        registers: true,
    };
    /// The answers, evidence and action plan alone.
    pub const ANSWERS: Parts = Parts {
        plan: false,
        registers: false,
    };
}

/// [`gather`], computing only the optional `parts` asked for.
pub fn gather_parts(
    loaded: &Loaded,
    library: &crate::checklist::Library,
    now: Timestamp,
    parts: Parts,
) -> ReportModel {
    let effective = &loaded.effective;
    let copies = loaded.open.dir().join("evidence");
    let checks: Vec<FileCheck> = evidence_sources(&effective.assessment, &loaded.checklists)
        .into_iter()
        .map(|source| recheck(source, Some(&copies)))
        .collect();
    // A journal that cannot be read leaves the answered-by lines and change log empty; the
    // answers themselves were already loaded and checked by the workspace.
    let journal = loaded.open.history().unwrap_or_default();
    let facts = crate::summary::LibraryFacts::of(&effective.assessment, library);
    let mut model = ReportModel::with_facts(effective, &loaded.checklists, &facts, &checks, now)
        .with_journal(&journal, &loaded.checklists);
    // The continuity plan is evidence for the DSPT continuity items: print it as an appendix
    // once the provider (or its head office) has started one.
    if parts == Parts::ANSWERS {
        return model;
    }
    let has_plan = parts.plan
        && (!loaded.assessment().plan.is_empty()
            || loaded.head.as_ref().is_some_and(|h| !h.plan.is_empty()));
    let summary = loaded.summary(library, now.date());
    if has_plan {
        model.continuity = crate::continuity::view(loaded, now.date())
            .ok()
            .map(|view| view.with_answers(&summary));
    }
    // The registers are evidence for the DSPT supplier items: likewise, once there are any.
    if parts.registers {
        let registers = crate::registers::RegisterView::of_loaded(loaded, &summary, now.date());
        if !registers.is_empty() {
            model.registers = Some(registers);
        }
    }
    model
}

/// [`gather`], with the "since the last assessment" comparison when the assessment was renewed
/// from another: the comparison when that one is in the store, otherwise a note saying why
/// there is none (what the evidence pack prints; see [`trend`]).
pub fn gather_pack(
    workspace: &crate::workspace::Workspace,
    loaded: &Loaded,
    now: Timestamp,
) -> ReportModel {
    let mut model = gather(loaded, &workspace.library, now);
    model.since = trend::since_last(workspace, loaded, now.date());
    // A site's pack names who gave each inherited answer: the head office's journal says.
    if let Some(head) = &loaded.head {
        let journal = workspace
            .store
            .open_read_only(&head.id)
            .and_then(|open| open.history())
            .unwrap_or_default();
        model = model.with_head_office(head, &journal);
    }
    model
}

/// The file name a report or export gets when none is given.
pub fn default_name(model: &ReportModel, suffix: &str) -> String {
    format!(
        "{}-{suffix}-{}",
        model.assessment_id,
        model.generated.date()
    )
}

/// A built PDF, how many pages it has, and anything the user should be told about it.
pub struct Pack {
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// Text the fonts could not draw, or could not draw properly (see [`scripts`]).
    pub warnings: Vec<String>,
}

impl Pack {
    /// The warnings as the command line prints them, one a line, made safe for a terminal.
    pub fn warning_lines(&self) -> Vec<String> {
        self.warnings
            .iter()
            .map(|w| format!("warning: {}", crate::text::multi_line(w)))
            .collect()
    }
}

/// The warnings as a screen's message adds them after what was written: " Warning: ..."
/// for each, or nothing.
pub fn warnings_said(pack: &Pack) -> String {
    pack.warnings
        .iter()
        .map(|w| format!(" Warning: {}", crate::text::one_line(w)))
        .collect()
}

/// Builds the PDF evidence pack for `model`.
pub fn evidence_pack(model: &ReportModel) -> Result<Pack, String> {
    let blocks = compose::compose(model);
    let checklists: Vec<&str> = model.checklists.iter().map(|c| c.title.as_str()).collect();
    build(
        model,
        &blocks,
        DocumentKind::EvidencePack,
        format!(
            "Cyber security and data protection assessment against {}",
            checklists.join(", ")
        ),
        true,
    )
}

/// The action plan on its own, for the people who will carry it out or to send with an
/// Approaching Standards publication.
pub fn action_plan_pack(model: &ReportModel) -> Result<Pack, String> {
    let mut blocks = vec![phrases::heading(
        &format!("Action plan: {}", phrases::place(model)),
        1,
    )];
    blocks.push(phrases::labelled("Generated", &model.generated.uk(), 0.0));
    for c in &model.checklists {
        for level in &c.progress.levels {
            blocks.push(phrases::level_line(level, 0.0));
        }
    }
    let mut plan = compose::action_plan(model);
    // The plan's own level-1 heading would start a second page; the title above stands for it.
    plan.remove(0);
    blocks.extend(plan);
    build(
        model,
        &blocks,
        DocumentKind::ActionPlan,
        "The gaps and what will be done about them".to_owned(),
        false,
    )
}

/// The sheet for entering the assessment in the live DSPT.
pub fn entry_sheet_pack(model: &ReportModel) -> Result<Pack, String> {
    let blocks = entry_sheet::compose(model)?;
    build(
        model,
        &blocks,
        DocumentKind::EntrySheet,
        "The answers to give and the evidence text to paste in the live toolkit".to_owned(),
        false,
    )
}

/// Lays out `blocks`, adds the running heads (not on a cover) and finishes the PDF.
fn build(
    model: &ReportModel,
    blocks: &[layout::Block],
    doc: DocumentKind,
    subject: String,
    has_cover: bool,
) -> Result<Pack, String> {
    let title = doc.title();
    let manifest = manifest::for_model(doc, model);
    let place = phrases::place(model);
    let place = crate::text::one_line(&place).into_owned();
    let footer = format!(
        "{} {}",
        doc.fingerprint_label(),
        &manifest.document_fingerprint[..16.min(manifest.document_fingerprint.len())]
    );
    let first = usize::from(has_cover);
    let right = format!("{title} · {}", model.generated.date().uk());
    let lay_out = |fonts: &pdf::Fonts| {
        let mut pages = layout(blocks, fonts, A4);
        add_running_heads(&mut pages, first, fonts, A4, &place, &right, &footer);
        Ok(pages)
    };
    let meta = pdf::Metadata {
        title: format!("{title}: {place}"),
        author: model
            .assessor
            .clone()
            .unwrap_or_else(|| model.organisation.clone()),
        subject,
        keywords: vec![
            "carecheck".into(),
            "evidence".into(),
            model.fingerprint.clone(),
        ],
        created: model.generated,
        bookmarks: has_cover
            .then(|| (1, "Cover".to_owned(), 0))
            .into_iter()
            .collect(),
        manifest: Some(manifest.to_json()),
    };
    let document = Finish {
        kind: doc,
        spec: A4,
        meta,
    };
    finish(document, &lay_out)
}

/// The side-by-side comparison of every site (one row per assessment and checklist) as a
/// PDF, titled `title` (see [`rollup::title`]).
pub fn rollup_pack(
    rows: &[crate::summary::RollupRow],
    title: &str,
    generated: Timestamp,
) -> Result<Pack, String> {
    let blocks = rollup::blocks(rows, title);
    let right = format!("Generated {}", generated.date().uk());
    let lay_out = |fonts: &pdf::Fonts| {
        let mut pages = layout(&blocks, fonts, rollup::PAGE);
        add_running_heads(
            &mut pages,
            0,
            fonts,
            rollup::PAGE,
            title,
            &right,
            "carecheck",
        );
        Ok(pages)
    };
    let meta = pdf::Metadata {
        title: title.to_owned(),
        author: "carecheck".into(),
        subject: "Progress and gaps of every site side by side".into(),
        keywords: vec!["carecheck".into(), "roll-up".into()],
        created: generated,
        // The heading's own bookmark is added from the page.
        bookmarks: Vec::new(),
        manifest: Some(
            manifest::for_document(DocumentKind::Rollup, None, generated, rows).to_json(),
        ),
    };
    let document = Finish {
        kind: DocumentKind::Rollup,
        spec: rollup::PAGE,
        meta,
    };
    finish(document, &lay_out)
}
