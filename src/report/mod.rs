//! Reports built from an assessment: the PDF evidence pack and the exports.

mod appendix;
pub mod calendar;
pub mod card;
pub mod compose;
mod entry_sheet;
pub mod export;
pub mod heads;
pub mod layout;
pub mod manifest;
pub mod model;
pub mod pdf;
pub mod pdf_read;
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

/// Every piece of text in the model, one a line: what the fonts must be able to draw.
fn all_text(model: &ReportModel) -> String {
    fn collect(value: &serde_json::Value, out: &mut String) {
        match value {
            serde_json::Value::String(s) => {
                out.push_str(s);
                out.push('\n');
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| collect(v, out)),
            serde_json::Value::Object(map) => map.values().for_each(|v| collect(v, out)),
            _ => {}
        }
    }
    let mut out = String::new();
    if let Ok(value) = serde_json::to_value(model) {
        collect(&value, &mut out);
    }
    out
}

/// The fonts for `text`: the bundled ones, plus a system font for characters they lack when
/// fontconfig finds one; and warnings for what still cannot be drawn well.
fn fonts_for(text: &str) -> Result<(pdf::Fonts, Vec<String>), String> {
    let mut fonts = pdf::Fonts::load()?;
    let missing = fonts.missing(text);
    if let Some(&first) = missing.first() {
        let candidates = scripts::fonts_with(first)
            .into_iter()
            .take(8)
            .filter_map(|path| std::fs::read(path).ok())
            .collect();
        fonts.add_fallback(candidates, &missing);
    }
    let still = fonts.missing(text);
    Ok((fonts, scripts::warnings(&still, text)))
}

/// Builds the PDF evidence pack for `model`.
pub fn evidence_pack(model: &ReportModel) -> Result<Pack, String> {
    let blocks = compose::compose(model);
    let checklists: Vec<&str> = model.checklists.iter().map(|c| c.title.as_str()).collect();
    build(
        model,
        &blocks,
        manifest::DocumentKind::EvidencePack,
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
        manifest::DocumentKind::ActionPlan,
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
        manifest::DocumentKind::EntrySheet,
        "The answers to give and the evidence text to paste in the live toolkit".to_owned(),
        false,
    )
}

/// Lays out `blocks`, adds the running heads (not on a cover) and writes the PDF.
fn build(
    model: &ReportModel,
    blocks: &[layout::Block],
    doc: manifest::DocumentKind,
    subject: String,
    has_cover: bool,
) -> Result<Pack, String> {
    let kind = doc.title();
    let manifest = manifest::for_model(doc, model);
    let (fonts, warnings) = fonts_for(&all_text(model))?;
    let mut pages = layout(blocks, &fonts, A4);
    let place = match &model.site {
        Some(site) => format!("{} · {}", model.organisation, site),
        None => model.organisation.clone(),
    };
    let place = crate::text::one_line(&place).into_owned();
    let footer = format!(
        "{} {}",
        doc.fingerprint_label(),
        &manifest.document_fingerprint[..16.min(manifest.document_fingerprint.len())]
    );
    let first = usize::from(has_cover);
    add_running_heads(
        &mut pages,
        first,
        &fonts,
        A4,
        &place,
        &format!("{kind} · {}", model.generated.date().uk()),
        &footer,
    );
    let cover = has_cover.then(|| (1, "Cover".to_owned(), 0));
    let bookmarks = cover
        .into_iter()
        .chain(pages.iter().enumerate().flat_map(|(i, p)| {
            p.bookmarks
                .iter()
                .map(move |(level, title)| (*level, title.clone(), i))
        }))
        .collect();
    let meta = pdf::Metadata {
        title: format!("{kind}: {place}"),
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
        bookmarks,
        manifest: Some(manifest.to_json()),
    };
    Ok(Pack {
        bytes: pdf::write(&pages, &fonts, A4, &meta),
        pages: pages.len(),
        warnings,
    })
}

/// The side-by-side comparison of every site (one row per assessment and checklist) as a
/// PDF, titled `title` (see [`rollup::title`]).
pub fn rollup_pack(
    rows: &[crate::summary::RollupRow],
    title: &str,
    generated: Timestamp,
) -> Result<Pack, String> {
    let fonts = pdf::Fonts::load()?;
    let blocks = rollup::blocks(rows, title);
    let mut pages = layout(&blocks, &fonts, rollup::PAGE);
    add_running_heads(
        &mut pages,
        0,
        &fonts,
        rollup::PAGE,
        title,
        &format!("Generated {}", generated.date().uk()),
        "carecheck",
    );
    let meta = pdf::Metadata {
        title: title.to_owned(),
        author: "carecheck".into(),
        subject: "Progress and gaps of every site side by side".into(),
        keywords: vec!["carecheck".into(), "roll-up".into()],
        created: generated,
        bookmarks: vec![(1, title.to_owned(), 0)],
        manifest: Some(
            manifest::for_document(manifest::DocumentKind::Rollup, None, generated, rows).to_json(),
        ),
    };
    Ok(Pack {
        bytes: pdf::write(&pages, &fonts, rollup::PAGE, &meta),
        pages: pages.len(),
        warnings: Vec::new(),
    })
}
