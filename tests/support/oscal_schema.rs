//! NIST's OSCAL 1.2.3 JSON Schema (tests/fixtures/oscal/schema-1.2.3), compiled once per test
//! binary with format checking on, so a `uri-reference`, `date-time` or `uri` that is not one
//! fails validation and not only a wrong shape.

use std::path::Path;
use std::sync::OnceLock;

/// The complete schema: it accepts any OSCAL model, each by its top-level key.
pub fn validator() -> &'static jsonschema::Validator {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/oscal/schema-1.2.3/oscal_complete_schema.json");
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let schema: serde_json::Value = serde_json::from_str(&text).expect("schema JSON");
        jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .expect("schema compiles")
    })
}

/// Every way `doc` breaks the schema, with where (the first ten).
pub fn errors(doc: &serde_json::Value) -> Vec<String> {
    validator()
        .iter_errors(doc)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .take(10)
        .collect()
}

#[track_caller]
pub fn assert_valid(doc: &serde_json::Value) {
    let errors = errors(doc);
    assert!(errors.is_empty(), "{errors:#?}");
}
