//! The machine-readable manifest every PDF carecheck makes carries: what kind of document it
//! is, its own fingerprint, which assessment state it shows, and (for the evidence pack) every
//! evidence file it lists with size and SHA-256, so `carecheck verify` can check them.
//!
//! The manifest and a seal sit in the PDF's document information. The seal is two SHA-256
//! digests: one of what a reader sees (every page and the manifest, see
//! [`super::pdf_read::Pdf::content_digest`]), which survives a re-save by another PDF program,
//! and one of the file's exact bytes. Neither is a signature: anyone who knows how they are
//! made can rebuild them after editing the file, which is why `verify` never calls a sealed
//! file "unaltered" and why packs can be signed (`carecheck sign`).

use serde::{Deserialize, Serialize};

use super::model::ReportModel;
use super::pdf_read;
use crate::domain::assessment::EvidenceSource;
use crate::domain::date::Timestamp;

/// What the manifest says. Read back by `carecheck verify`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// [`FORMAT`], or "carecheck-pack/1" in packs made before documents had kinds.
    pub format: String,
    /// What the document is; `None` in the first format (every document said "pack").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<DocumentKind>,
    /// The assessment it shows; empty for the roll-up of every assessment.
    pub assessment: String,
    /// The assessment fingerprint (as `carecheck status` prints it); empty for the roll-up.
    pub fingerprint: String,
    /// The document's own fingerprint: for the evidence pack its pack fingerprint, for every
    /// other kind a SHA-256 over the kind and what the document prints.
    #[serde(alias = "pack_fingerprint")]
    pub document_fingerprint: String,
    pub generated: String,
    #[serde(default)]
    pub evidence: Vec<ManifestEntry>,
}

/// The kinds of document carecheck makes, each with its own fingerprint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocumentKind {
    EvidencePack,
    ActionPlan,
    EntrySheet,
    IncidentCard,
    ContinuityPlan,
    Registers,
    /// One supplier's questionnaire, printed from the registers.
    SupplierQuestions,
    Rollup,
}

impl DocumentKind {
    /// What `verify` calls it: "evidence pack", "incident card".
    pub fn describe(self) -> &'static str {
        match self {
            DocumentKind::EvidencePack => "evidence pack",
            DocumentKind::ActionPlan => "action plan",
            DocumentKind::EntrySheet => "DSPT entry sheet",
            DocumentKind::IncidentCard => "incident card",
            DocumentKind::ContinuityPlan => "continuity plan",
            DocumentKind::Registers => "supplier and risk registers",
            DocumentKind::SupplierQuestions => "supplier questionnaire",
            DocumentKind::Rollup => "roll-up of every assessment",
        }
    }

    /// Its name at the start of a line or in a running head: "Evidence pack".
    pub fn title(self) -> &'static str {
        match self {
            DocumentKind::EvidencePack => "Evidence pack",
            DocumentKind::ActionPlan => "Action plan",
            DocumentKind::EntrySheet => "DSPT entry sheet",
            DocumentKind::IncidentCard => "Incident card",
            DocumentKind::ContinuityPlan => "Continuity plan",
            DocumentKind::Registers => "Suppliers and risks",
            DocumentKind::SupplierQuestions => "Supplier questionnaire",
            DocumentKind::Rollup => "Roll-up of every assessment",
        }
    }

    /// What its printed fingerprint is called: the pack's is the pack fingerprint, which the
    /// cover and sign-off page print in full; every other kind's is its own.
    pub fn fingerprint_label(self) -> &'static str {
        match self {
            DocumentKind::EvidencePack => "Pack fingerprint",
            _ => "Document fingerprint",
        }
    }

    /// The name hashed into its fingerprint, so two kinds made from the same data differ.
    fn tag(self) -> &'static str {
        match self {
            DocumentKind::EvidencePack => "evidence-pack",
            DocumentKind::ActionPlan => "action-plan",
            DocumentKind::EntrySheet => "entry-sheet",
            DocumentKind::IncidentCard => "incident-card",
            DocumentKind::ContinuityPlan => "continuity-plan",
            DocumentKind::Registers => "registers",
            DocumentKind::SupplierQuestions => "supplier-questions",
            DocumentKind::Rollup => "rollup",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestEntry {
    /// As printed: "E3".
    pub number: String,
    pub item: String,
    /// The file's name (no folder), or the document's name.
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    /// What re-checking it found when the pack was built.
    pub check: String,
}

pub const FORMAT: &str = "carecheck-document/2";
/// The first format: packs only, a seal over the bytes only.
const FORMAT_1: &str = "carecheck-pack/1";

/// The document-information keys the manifest and the seal are kept under.
pub const MANIFEST_KEY: &str = "CarecheckManifest";
pub const SEAL_KEY: &str = "CarecheckSeal";
/// The seal's value while it is worked out: the content digest's 64 digits, then the bytes'.
pub const UNSEALED: &str = "00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000";
const DIGITS: usize = 64;

/// Text as lower-case hex, so it sits in a PDF string with nothing to escape.
pub fn hex(text: &str) -> String {
    text.bytes().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &[u8]) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    text.chunks(2)
        .map(|pair| {
            std::str::from_utf8(pair)
                .ok()
                .and_then(|p| u8::from_str_radix(p, 16).ok())
        })
        .collect()
}

/// Where `needle` starts in `haystack`: only ever used to find, in bytes carecheck wrote or
/// whose seal was read by parsing, the seal's exact digits.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Fills in the seal of a PDF carecheck has just written: first the digest of its content
/// (parsed back), then the SHA-256 of the whole file as written with that second digest all
/// zeros. The length does not change, so the PDF's cross-references stay right. A PDF with no
/// seal to fill (or one that cannot be parsed back, which carecheck never writes) is left as is.
pub fn seal(bytes: &mut [u8]) {
    let key = format!("/{SEAL_KEY}({UNSEALED})");
    let Some(at) = find(bytes, key.as_bytes()).map(|at| at + SEAL_KEY.len() + 2) else {
        return;
    };
    let Some(content) = pdf_read::read(bytes).ok().and_then(|pdf| {
        let manifest = pdf.info(MANIFEST_KEY)?;
        pdf.content_digest(&manifest).ok()
    }) else {
        return;
    };
    bytes[at..at + DIGITS].copy_from_slice(content.as_bytes());
    let whole = crate::digest::sha256_hex(bytes);
    bytes[at + DIGITS..at + 2 * DIGITS].copy_from_slice(whole.as_bytes());
}

/// What the seal of a file says about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SealCheck {
    /// The bytes are the ones sealed.
    Bytes,
    /// The bytes are not, but every page and the manifest are: re-saved by another program.
    Content,
    /// Neither matches: what the file shows was changed after it was sealed.
    Broken,
    /// The bytes do not match, and the file (made by a carecheck before documents had kinds)
    /// has no seal of its pages to tell a re-save from a change to what they show.
    BytesChanged,
}

/// What reading a PDF's manifest found.
#[derive(Debug)]
pub struct Opened {
    pub manifest: Manifest,
    pub seal: SealCheck,
    /// What the file says made it last (its /Producer), when not carecheck.
    pub producer: Option<String>,
    pub pages: usize,
}

/// Parses a PDF, reads its manifest and checks its seal.
pub fn open(bytes: &[u8]) -> Result<Opened, String> {
    let pdf = pdf_read::read(bytes)?;
    let stored = pdf.info(MANIFEST_KEY).ok_or(
        "it carries no carecheck manifest, so it was not made by carecheck (or the manifest was removed)",
    )?;
    let json = unhex(&stored).ok_or("its carecheck manifest is damaged")?;
    let manifest: Manifest = serde_json::from_slice(&json)
        .map_err(|e| format!("its carecheck manifest cannot be read: {e}"))?;
    if manifest.format != FORMAT && manifest.format != FORMAT_1 {
        return Err(format!(
            "its manifest is in format `{}`, which this carecheck does not know",
            crate::text::one_line(&manifest.format)
        ));
    }
    let recorded = pdf.info(SEAL_KEY).unwrap_or_default();
    let bytes_match = if manifest.format == FORMAT_1 {
        check_bytes(bytes, &recorded, 0)
    } else {
        recorded.len() == 2 * DIGITS && check_bytes(bytes, &recorded, DIGITS)
    };
    let seal = if bytes_match {
        SealCheck::Bytes
    } else if manifest.format == FORMAT
        && recorded.len() == 2 * DIGITS
        && pdf.content_digest(&stored)?.as_bytes() == &recorded[..DIGITS]
    {
        SealCheck::Content
    } else if manifest.format == FORMAT_1 {
        SealCheck::BytesChanged
    } else {
        SealCheck::Broken
    };
    let producer = pdf.info_text("Producer").filter(|p| p != "carecheck");
    Ok(Opened {
        manifest,
        seal,
        producer,
        pages: pdf.pages(),
    })
}

/// Whether the digest of the file's bytes, at `from` in the seal `recorded` (read by parsing),
/// matches: the file is hashed with those digits zeroed, as [`seal`] did.
fn check_bytes(bytes: &[u8], recorded: &[u8], from: usize) -> bool {
    let Some(digest) = recorded.get(from..from + DIGITS) else {
        return false;
    };
    let Some(at) = find(bytes, recorded) else {
        return false;
    };
    let mut copy = bytes.to_vec();
    copy[at + from..at + from + DIGITS].fill(b'0');
    crate::digest::sha256_hex(&copy).as_bytes() == digest
}

impl Manifest {
    /// As JSON, for the PDF writer (`pdf::Metadata::manifest`).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// The manifest of a document of `kind` made at `generated` for `assessment` (id and
/// fingerprint; `None` for the roll-up), whose fingerprint is a SHA-256 over the kind and
/// `printed`: the data the document prints.
pub fn for_document<T: Serialize + ?Sized>(
    kind: DocumentKind,
    assessment: Option<(&str, &str)>,
    generated: Timestamp,
    printed: &T,
) -> Manifest {
    let data = serde_json::to_string(printed).unwrap_or_default();
    let (id, fingerprint) = assessment.unwrap_or_default();
    Manifest {
        format: FORMAT.to_owned(),
        kind: Some(kind),
        assessment: id.to_owned(),
        fingerprint: fingerprint.to_owned(),
        document_fingerprint: crate::digest::sha256_hex(
            format!("carecheck {} v1\n{data}", kind.tag()).as_bytes(),
        ),
        generated: generated.to_string(),
        evidence: Vec::new(),
    }
}

/// The manifest of a document built from a report model: the evidence pack (whose fingerprint
/// is the pack fingerprint it prints, and which lists the evidence), the action plan or the
/// entry sheet (whose fingerprints are their own, over the pack fingerprint).
pub fn for_model(kind: DocumentKind, model: &ReportModel) -> Manifest {
    let mut manifest = for_document(
        kind,
        Some((&model.assessment_id, &model.fingerprint)),
        model.generated,
        &model.pack_fingerprint,
    );
    if kind == DocumentKind::EvidencePack {
        manifest
            .document_fingerprint
            .clone_from(&model.pack_fingerprint);
        manifest.evidence = evidence(model);
    }
    manifest
}

/// The manifest of the incident card or the continuity plan, over the plan view they print.
pub fn for_plan(
    kind: DocumentKind,
    view: &crate::continuity::PlanView,
    generated: Timestamp,
) -> Manifest {
    for_document(kind, Some((&view.assessment_id, "")), generated, view)
}

/// The evidence pack's manifest, as JSON.
pub fn of(model: &ReportModel) -> String {
    for_model(DocumentKind::EvidencePack, model).to_json()
}

fn evidence(model: &ReportModel) -> Vec<ManifestEntry> {
    model
        .evidence
        .iter()
        .map(|e| {
            let (size, sha256) = match &e.source {
                EvidenceSource::File { size, sha256, .. } => (Some(*size), Some(sha256.clone())),
                EvidenceSource::Document { .. } => (None, None),
            };
            ManifestEntry {
                number: format!("E{}", e.number),
                item: e.item.to_string(),
                name: e.name().to_owned(),
                size,
                sha256,
                check: e.check.describe().to_owned(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::layout::{A4, Block, TextStyle, layout};
    use crate::report::pdf;

    /// A one-page PDF as carecheck writes it, carrying `manifest`.
    fn written(manifest: &Manifest, text: &str) -> Vec<u8> {
        let fonts = pdf::Fonts::load().expect("fonts");
        let pages = layout(&[Block::paragraph(text, TextStyle::BODY)], &fonts, A4);
        let meta = pdf::Metadata {
            title: "t".into(),
            author: "a".into(),
            subject: "s".into(),
            keywords: Vec::new(),
            created: Timestamp::parse("2026-11-28T10:00:00Z").expect("time"),
            bookmarks: Vec::new(),
            manifest: Some(manifest.to_json()),
        };
        pdf::write(&pages, &fonts, A4, &meta)
    }

    fn card() -> Manifest {
        for_document(
            DocumentKind::IncidentCard,
            Some(("oak", "f")),
            Timestamp::parse("2026-11-28T10:00:00Z").expect("time"),
            "Ring 0300 303 5222",
        )
    }

    #[test]
    fn a_sealed_file_opens_with_its_kind_and_a_changed_page_breaks_the_seal() {
        let manifest = card();
        let bytes = written(&manifest, "Ring 0300 303 5222");
        let opened = open(&bytes).expect("opens");
        assert_eq!(opened.seal, SealCheck::Bytes);
        assert_eq!(opened.manifest, manifest);
        assert_eq!(opened.manifest.kind, Some(DocumentKind::IncidentCard));
        // The same manifest over a page that says something else: the content digest of the
        // first file does not fit the second.
        let other = written(&manifest, "Ring 0300 303 5223");
        let key = format!("/{SEAL_KEY}(");
        let seal_of = |b: &[u8]| find(b, key.as_bytes()).expect("a seal") + key.len();
        let (a, b) = (seal_of(&bytes), seal_of(&other));
        let mut forged = other.clone();
        forged[b..b + 2 * DIGITS].copy_from_slice(&bytes[a..a + 2 * DIGITS]);
        assert_eq!(open(&forged).expect("opens").seal, SealCheck::Broken);
        assert!(open(b"%PDF-1.7 nothing here").is_err());
    }

    #[test]
    fn each_kind_has_its_own_fingerprint_over_what_it_prints() {
        let when = Timestamp::parse("2026-11-28T10:00:00Z").expect("time");
        let plan = for_document(DocumentKind::ContinuityPlan, Some(("oak", "f")), when, "x");
        let card = for_document(DocumentKind::IncidentCard, Some(("oak", "f")), when, "x");
        let card_y = for_document(DocumentKind::IncidentCard, Some(("oak", "f")), when, "y");
        assert_ne!(plan.document_fingerprint, card.document_fingerprint);
        assert_ne!(card.document_fingerprint, card_y.document_fingerprint);
        assert_eq!(card.document_fingerprint.len(), 64);
    }

    #[test]
    fn a_first_format_manifest_still_reads() {
        let json = r#"{"format":"carecheck-pack/1","assessment":"oak","fingerprint":"f","pack_fingerprint":"p","generated":"2026-11-28T10:00:00Z","evidence":[]}"#;
        let manifest: Manifest = serde_json::from_str(json).expect("reads");
        assert_eq!(manifest.kind, None);
        assert_eq!(manifest.document_fingerprint, "p");
    }
}
