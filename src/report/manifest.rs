//! The machine-readable manifest a pack carries: which assessment state it shows and every
//! evidence file it lists, with size and SHA-256, so `carecheck verify` can check them.

use serde::{Deserialize, Serialize};

use super::model::ReportModel;
use crate::domain::assessment::EvidenceSource;

/// What the manifest says. Read back by `carecheck verify`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// "carecheck-pack/1".
    pub format: String,
    pub assessment: String,
    pub fingerprint: String,
    pub pack_fingerprint: String,
    pub generated: String,
    pub evidence: Vec<ManifestEntry>,
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

pub const FORMAT: &str = "carecheck-pack/1";

/// The document-information keys the manifest and the seal are kept under.
pub const MANIFEST_KEY: &str = "CarecheckManifest";
pub const SEAL_KEY: &str = "CarecheckSeal";
/// The seal's value while the SHA-256 of the whole file is worked out.
pub const UNSEALED: &str = "0000000000000000000000000000000000000000000000000000000000000000";

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

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Where the seal's 64 digits start in a written pack.
fn seal_at(bytes: &[u8]) -> Option<usize> {
    let key = format!("/{SEAL_KEY}(");
    find(bytes, key.as_bytes())
        .map(|at| at + key.len())
        .filter(|at| bytes.len() >= at + UNSEALED.len())
}

/// Fills in the seal: the SHA-256 of the whole file as written with the seal all zeros. The
/// length does not change, so the PDF's cross-references stay right.
pub fn seal(bytes: &mut [u8]) {
    let Some(at) = seal_at(bytes) else { return };
    let digest = crate::digest::sha256_hex(bytes);
    bytes[at..at + UNSEALED.len()].copy_from_slice(digest.as_bytes());
}

/// What reading a pack's manifest found.
#[derive(Debug)]
pub struct Opened {
    pub manifest: Manifest,
    /// The file is byte for byte as carecheck wrote it.
    pub intact: bool,
}

/// Reads the manifest from a pack's bytes and checks its seal. The seal catches any change
/// to the file after it was written (an edit, a re-save by another program, damage); it is not
/// a digital signature, so someone who knows how it is made could forge one.
pub fn open(bytes: &[u8]) -> Result<Opened, String> {
    let key = format!("/{MANIFEST_KEY}(");
    let start = find(bytes, key.as_bytes()).map(|at| at + key.len()).ok_or(
        "it carries no carecheck manifest (was it made by carecheck report, version 0.1 or later?)",
    )?;
    let end = bytes[start..]
        .iter()
        .position(|&b| b == b')')
        .map(|n| start + n)
        .ok_or("its carecheck manifest is cut short")?;
    let json = unhex(&bytes[start..end]).ok_or("its carecheck manifest is damaged")?;
    let manifest: Manifest = serde_json::from_slice(&json)
        .map_err(|e| format!("its carecheck manifest cannot be read: {e}"))?;
    if manifest.format != FORMAT {
        return Err(format!(
            "its manifest is in format `{}`, which this carecheck does not know",
            crate::text::one_line(&manifest.format)
        ));
    }
    let intact = seal_at(bytes).is_some_and(|at| {
        let recorded = bytes[at..at + UNSEALED.len()].to_vec();
        let mut copy = bytes.to_vec();
        copy[at..at + UNSEALED.len()].copy_from_slice(UNSEALED.as_bytes());
        crate::digest::sha256_hex(&copy).as_bytes() == recorded.as_slice()
    });
    Ok(Opened { manifest, intact })
}

/// The manifest of `model`, as JSON.
pub fn of(model: &ReportModel) -> String {
    let manifest = Manifest {
        format: FORMAT.to_owned(),
        assessment: model.assessment_id.clone(),
        fingerprint: model.fingerprint.clone(),
        pack_fingerprint: model.pack_fingerprint.clone(),
        generated: model.generated.to_string(),
        evidence: model
            .evidence
            .iter()
            .map(|e| {
                let (size, sha256) = match &e.source {
                    EvidenceSource::File { size, sha256, .. } => {
                        (Some(*size), Some(sha256.clone()))
                    }
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
            .collect(),
    };
    serde_json::to_string(&manifest).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_file_opens_intact_and_any_change_breaks_the_seal() {
        let manifest = Manifest {
            format: FORMAT.into(),
            assessment: "oak".into(),
            fingerprint: "f".repeat(64),
            pack_fingerprint: "p".repeat(64),
            generated: "2026-11-28T10:00:00Z".into(),
            evidence: Vec::new(),
        };
        let json = serde_json::to_string(&manifest).expect("json");
        let mut bytes = format!(
            "%PDF-1.7 /{MANIFEST_KEY}({}) /{SEAL_KEY}({UNSEALED}) page text",
            hex(&json)
        )
        .into_bytes();
        seal(&mut bytes);
        let opened = open(&bytes).expect("opens");
        assert!(opened.intact);
        assert_eq!(opened.manifest, manifest);
        let at = bytes.len() - 2;
        bytes[at] = b'X';
        assert!(!open(&bytes).expect("opens").intact);
        assert!(open(b"%PDF-1.7 nothing here").is_err());
    }
}
