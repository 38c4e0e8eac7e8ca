//! Reports built from an assessment: the PDF evidence pack and the exports.

mod appendix;
pub mod compose;
pub mod export;
pub mod heads;
pub mod layout;
pub mod model;
pub mod pdf;
mod table;
mod wrap;

use self::heads::add_running_heads;
use self::layout::{A4, layout};
use self::model::{ReportModel, evidence_sources};
use crate::checklist::Library;
use crate::domain::date::Timestamp;
use crate::domain::progress::orphans;
use crate::evidence::{FileCheck, recheck};
use crate::store::{OpenAssessment, Store, StoreError};
use crate::workspace::checklists_of;

/// The report model for an open assessment, re-reading every evidence file now so that a
/// changed or missing file is caught. (This is the one part of reporting that does I/O.)
pub fn gather(
    store: &Store,
    open: &OpenAssessment,
    library: &Library,
    now: Timestamp,
) -> Result<ReportModel, StoreError> {
    let checklists = checklists_of(open, library)?;
    // A site reports its head office's answers where it has none of its own.
    let assessment = crate::workspace::effective(store, open)?.assessment;
    let copies = open.dir().join("evidence");
    let checks: Vec<FileCheck> = evidence_sources(&assessment, &checklists)
        .into_iter()
        .map(|source| recheck(source, Some(&copies)))
        .collect();
    let refs: Vec<_> = checklists.iter().collect();
    let orphaned = orphans(&assessment, &refs).into_iter().cloned().collect();
    Ok(ReportModel::build(
        &assessment,
        &checklists,
        &checks,
        orphaned,
        now,
    ))
}

/// The file name a report or export gets when none is given.
pub fn default_name(model: &ReportModel, suffix: &str) -> String {
    format!(
        "{}-{suffix}-{}",
        model.assessment_id,
        model.generated.date()
    )
}

/// A built PDF and how many pages it has.
pub struct Pack {
    pub bytes: Vec<u8>,
    pub pages: usize,
}

/// Builds the PDF evidence pack for `model`.
pub fn evidence_pack(model: &ReportModel) -> Result<Pack, String> {
    let fonts = pdf::Fonts::load()?;
    let blocks = compose::compose(model);
    let mut pages = layout(&blocks, &fonts, A4);
    let place = match &model.site {
        Some(site) => format!("{} · {}", model.organisation, site),
        None => model.organisation.clone(),
    };
    let place = crate::text::one_line(&place).into_owned();
    let footer = format!(
        "Assessment fingerprint {}",
        &model.fingerprint[..16.min(model.fingerprint.len())]
    );
    add_running_heads(
        &mut pages,
        &fonts,
        A4,
        &place,
        &format!("Evidence pack · {}", model.generated.date()),
        &footer,
    );
    let cover = std::iter::once(("Cover".to_owned(), 0));
    let bookmarks = cover
        .chain(
            pages
                .iter()
                .enumerate()
                .flat_map(|(i, p)| p.bookmarks.iter().map(move |b| (b.clone(), i))),
        )
        .collect();
    let checklists: Vec<&str> = model.checklists.iter().map(|c| c.title.as_str()).collect();
    let meta = pdf::Metadata {
        title: format!("Evidence pack: {place}"),
        author: model
            .assessor
            .clone()
            .unwrap_or_else(|| model.organisation.clone()),
        subject: format!(
            "Cyber security and data protection assessment against {}",
            checklists.join(", ")
        ),
        keywords: vec![
            "carecheck".into(),
            "evidence".into(),
            model.fingerprint.clone(),
        ],
        created: model.generated,
        bookmarks,
    };
    Ok(Pack {
        bytes: pdf::write(&pages, &fonts, A4, &meta),
        pages: pages.len(),
    })
}
