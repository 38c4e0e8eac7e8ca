//! Reports built from an assessment: the PDF evidence pack and the exports.

mod appendix;
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
mod phrases;
pub mod plan;
pub mod plan_export;
pub mod registers;
pub mod registers_csv;
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
        .with_journal(&journal);
    // The continuity plan is evidence for the DSPT continuity items: print it as an appendix
    // once the provider (or its head office) has started one.
    let has_plan = !loaded.assessment().plan.is_empty()
        || loaded.head.as_ref().is_some_and(|h| !h.plan.is_empty());
    let summary = loaded.summary(library, now.date());
    if has_plan {
        model.continuity = crate::continuity::view(loaded, now.date())
            .ok()
            .map(|view| view.with_answers(&summary));
    }
    // The registers are evidence for the DSPT supplier items: likewise, once there are any.
    let registers = crate::registers::RegisterView::of_loaded(loaded, &summary, now.date());
    if !registers.is_empty() {
        model.registers = Some(registers);
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
    kind: DocumentKind,
    subject: String,
    has_cover: bool,
) -> Result<Pack, String> {
    let title = match kind {
        DocumentKind::ActionPlan => "Action plan",
        DocumentKind::EntrySheet => "DSPT entry sheet",
        _ => "Evidence pack",
    };
    let place = match &model.site {
        Some(site) => format!("{} · {}", model.organisation, site),
        None => model.organisation.clone(),
    };
    let place = crate::text::one_line(&place).into_owned();
    let footer = format!(
        "Pack fingerprint {}",
        &model.pack_fingerprint[..16.min(model.pack_fingerprint.len())]
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
        manifest: Some(manifest::of(model)),
    };
    let document = Finish {
        kind,
        spec: A4,
        meta,
    };
    finish(document, &lay_out)
}

/// The side-by-side comparison of every site (one row per assessment and checklist) as a PDF.
pub fn rollup_pack(
    rows: &[crate::summary::RollupRow],
    generated: Timestamp,
) -> Result<Pack, String> {
    use self::layout::{Block, Cell, TextStyle};
    let safe = |t: &str| crate::text::one_line(t).into_owned();
    let mut blocks = vec![
        Block::Heading {
            text: "Every site side by side".into(),
            level: 1,
        },
        Block::paragraph(
            "Each row is one assessment against one checklist. Sites that inherit from a head office count the answers they inherit; the head office comes first in each organisation.",
            TextStyle::BODY,
        ),
    ];
    let header = [
        "Organisation",
        "Site",
        "Checklist",
        "Answered",
        "Met",
        "Gaps",
        "Levels (met / required)",
    ]
    .iter()
    .map(|h| Cell::new(*h, TextStyle::LABEL))
    .collect();
    let table_rows = rows
        .iter()
        .map(|r| {
            let site = r.site.as_deref().map_or_else(
                || {
                    if r.role == crate::summary::Role::HeadOffice {
                        "(head office)".to_owned()
                    } else {
                        String::new()
                    }
                },
                safe,
            );
            let inherited = if r.inherited > 0 {
                format!("\n{} inherited", r.inherited)
            } else {
                String::new()
            };
            let levels: Vec<String> = r.levels.iter().map(|l| safe(&l.label())).collect();
            vec![
                Cell::new(safe(&r.organisation), TextStyle::BODY),
                Cell::new(site, TextStyle::BODY),
                Cell::new(
                    safe(&r.checklist),
                    TextStyle::SMALL.colour(layout::Colour::Black),
                ),
                Cell::new(
                    format!("{}/{}{inherited}", r.answered, r.total),
                    TextStyle::BODY,
                ),
                Cell::new(r.met.to_string(), TextStyle::BODY),
                Cell::new(r.gaps.to_string(), TextStyle::BODY),
                Cell::new(levels.join("\n"), TextStyle::BODY),
            ]
        })
        .collect();
    blocks.push(Block::Table {
        widths: vec![1.9, 2.3, 2.0, 1.7, 0.9, 1.1, 3.1],
        header,
        rows: table_rows,
    });
    let right = format!("Generated {}", generated.date().uk());
    let lay_out = |fonts: &pdf::Fonts| {
        let mut pages = layout(&blocks, fonts, A4);
        add_running_heads(
            &mut pages,
            0,
            fonts,
            A4,
            "Roll-up of every assessment",
            &right,
            "carecheck",
        );
        Ok(pages)
    };
    let meta = pdf::Metadata {
        title: "Roll-up of every assessment".into(),
        author: "carecheck".into(),
        subject: "Progress and gaps of every site side by side".into(),
        keywords: vec!["carecheck".into(), "roll-up".into()],
        created: generated,
        // The heading's own bookmark is added from the page.
        bookmarks: Vec::new(),
        manifest: None,
    };
    let document = Finish {
        kind: DocumentKind::Rollup,
        spec: A4,
        meta,
    };
    finish(document, &lay_out)
}
