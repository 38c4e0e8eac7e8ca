//! The JSON Schema that editors use agrees with carecheck's own validator.

use std::path::Path;

fn schema() -> jsonschema::Validator {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text =
        std::fs::read_to_string(root.join("checklists/checklist.schema.json")).expect("schema");
    let schema: serde_json::Value = serde_json::from_str(&text).expect("schema is JSON");
    jsonschema::validator_for(&schema).expect("schema compiles")
}

/// The TOML as the JSON an editor's schema checker sees: TOML dates become text, as taplo
/// presents them.
fn as_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).expect("read");
    let value: toml::Value = toml::from_str(text.trim_start_matches('\u{FEFF}')).expect("TOML");
    to_json(value)
}

fn to_json(value: toml::Value) -> serde_json::Value {
    match value {
        toml::Value::Datetime(d) => serde_json::Value::String(d.to_string()),
        toml::Value::Array(items) => items.into_iter().map(to_json).collect(),
        toml::Value::Table(table) => table.into_iter().map(|(k, v)| (k, to_json(v))).collect(),
        other => serde_json::to_value(other).expect("to JSON"),
    }
}

#[test]
fn bundled_and_valid_checklists_satisfy_the_schema() {
    let validator = schema();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in ["checklists", "tests/fixtures/valid"] {
        for entry in std::fs::read_dir(root.join(dir)).expect("dir") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "toml") {
                let errors: Vec<String> = validator
                    .iter_errors(&as_json(&path))
                    .map(|e| e.to_string())
                    .collect();
                assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
            }
        }
    }
}

#[test]
fn the_schema_rejects_what_carecheck_rejects() {
    let validator = schema();
    let invalid = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid");
    for name in [
        "typo-guidance",
        "unknown-root-key",
        "missing-format",
        "future-format",
        "threshold-too-high",
        "answer-unknown-kind",
        "answer-key-wrong-kind",
        "review-months-zero",
        "bad-url",
        "empty-section",
        "link-bad-syntax",
        "missing-question",
        "critical-not-bool",
        "link-unknown-kind",
        "link-table-missing-to",
        "link-table-missing-kind",
        "link-table-unknown-key",
        "link-not-text-or-table",
        "assessor-test-not-bool",
        "official-count-zero",
        "official-count-text",
        "requires-bad-syntax",
        "reporting-bad-date",
        "reporting-with-time",
        "reporting-missing-deadline",
        "reporting-unknown-key",
    ] {
        let value = as_json(&invalid.join(format!("{name}.toml")));
        assert!(!validator.is_valid(&value), "schema accepts {name}");
    }
}
