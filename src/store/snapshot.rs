//! The assessment file: the whole assessment as pretty JSON with a format version, rewritten
//! atomically after every change. Keys are sorted and IDs stable, so two versions diff cleanly.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::error::StoreError;
use super::paths::AssessmentId;
use crate::domain::assessment::Assessment;

/// The save-file format this build writes. Files with a lower number are migrated on load;
/// files with a higher one are refused, untouched, with a request to update carecheck.
pub const SAVE_FORMAT: u32 = 3;

/// The largest assessment file carecheck will read (an assessment of 1,200 items with long
/// notes is about 1 MB), so a wrong or hostile file cannot exhaust memory.
pub const MAX_SNAPSHOT_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Snapshot {
    pub format: u32,
    /// The last journal entry already reflected in this file.
    pub journal_seq: u64,
    pub assessment: Assessment,
}

pub fn encode(snapshot: &Snapshot) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(snapshot).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// Reads an assessment file of this or an older format.
pub fn decode(path: &Path, bytes: &[u8]) -> Result<Snapshot, StoreError> {
    let corrupt = |line: Option<usize>, message: String| StoreError::Corrupt {
        path: path.to_owned(),
        line,
        message,
    };
    // serde_json keeps the last of two equal keys without a word; a hand-edited or crafted
    // file with two `notes` must say so, not lose one.
    serde_json::from_slice::<NoDuplicateKeys>(bytes)
        .map_err(|e| corrupt(Some(e.line()), format!("not valid JSON ({e})")))?;
    let value: serde_json::Value = serde_json::from_slice(bytes)
        .map_err(|e| corrupt(Some(e.line()), format!("not valid JSON ({e})")))?;
    let format = value
        .get("format")
        .and_then(serde_json::Value::as_u64)
        .ok_or_else(|| {
            corrupt(
                None,
                "no save format number; this is not a carecheck assessment file".into(),
            )
        })?;
    let format = u32::try_from(format).unwrap_or(u32::MAX);
    if format > SAVE_FORMAT {
        return Err(StoreError::TooNew {
            path: path.to_owned(),
            found: format,
            supported: SAVE_FORMAT,
        });
    }
    let value = migrate(value, format).map_err(|m| corrupt(None, m))?;
    let snapshot: Snapshot = serde_json::from_value(value)
        .map_err(|e| corrupt(None, format!("unexpected content ({e})")))?;
    let details = &snapshot.assessment.details;
    for (field, id) in [
        ("inherits_from", &details.inherits_from),
        ("previous", &details.previous),
    ] {
        if let Some(id) = id
            && AssessmentId::parse(id).is_none()
        {
            return Err(corrupt(
                None,
                format!(
                    "details.{field} is `{}`, which is not an assessment id (lower-case letters, digits and hyphens)",
                    crate::text::one_line(id)
                ),
            ));
        }
    }
    Ok(snapshot)
}

/// Any JSON at all, refusing an object that has the same key twice (the error names the key;
/// serde_json adds the line and column).
struct NoDuplicateKeys;

impl<'de> Deserialize<'de> for NoDuplicateKeys {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NoDuplicateKeys)
    }
}

impl<'de> serde::de::Visitor<'de> for NoDuplicateKeys {
    type Value = NoDuplicateKeys;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(self)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(self)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(self)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(self)
    }
    fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
        Ok(self)
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(self)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<NoDuplicateKeys>()?.is_some() {}
        Ok(self)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut seen = std::collections::HashSet::new();
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if !seen.insert(key.clone()) {
                return Err(serde::de::Error::custom(format!(
                    "the key `{}` appears twice in one object",
                    crate::text::one_line(&key)
                )));
            }
            map.next_value::<NoDuplicateKeys>()?;
        }
        Ok(self)
    }
}

/// Brings an older file's JSON up to the current format, one version at a time. Each step is
/// a pure function from one format's JSON to the next, tested with a saved file of that format.
fn migrate(mut value: serde_json::Value, from: u32) -> Result<serde_json::Value, String> {
    match from {
        SAVE_FORMAT => Ok(value),
        // Format 2 added head offices and sites (`head_office`, `inherits_from` in the
        // details). A format 1 assessment is a stand-alone one: neither is set.
        1 => {
            let details = value
                .pointer_mut("/assessment/details")
                .and_then(serde_json::Value::as_object_mut)
                .ok_or("no assessment details")?;
            details.insert("head_office".into(), serde_json::Value::Bool(false));
            details.insert("inherits_from".into(), serde_json::Value::Null);
            value["format"] = serde_json::Value::from(2);
            migrate(value, 2)
        }
        // Format 3 added the continuity plan, the supplier and risk registers and answers
        // carried forward from last year. Each is empty when absent, so a format 2 file needs
        // only its new number. The number changed so that a carecheck from before them refuses
        // a newer file as "saved by a newer carecheck" instead of calling it damaged.
        2 => {
            value["format"] = serde_json::Value::from(3);
            migrate(value, 3)
        }
        other => Err(format!(
            "save format {other} was never written by any carecheck"
        )),
    }
}
