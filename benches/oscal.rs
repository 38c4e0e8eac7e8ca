//! Importing the full NIST SP 800-53 rev5 catalog (3.2 MB, 1,189 controls). Target: under
//! 100 ms in-process; the whole `carecheck import oscal` process against compliance-trestle is
//! `scripts/compare-trestle.sh`.

mod support;

use carecheck::checklist::library::{Origin, candidate};
use carecheck::oscal::import::{ImportOptions, import};

fn main() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/data/oscal/NIST_SP-800-53_rev5.0.1_catalog.json"
    );
    let Ok(json) = std::fs::read(path) else {
        println!("skipped: {path} is not there");
        return;
    };
    let options = ImportOptions {
        id: "nist-800-53".into(),
        source_url: None,
    };
    println!("catalog: {} bytes", json.len());
    support::measure(
        "import: parse OSCAL JSON, convert, write TOML (what `import oscal` does)",
        30,
        || import(&json, &options).expect("imports"),
    );
    let (toml, _) = import(&json, &options).expect("imports");
    println!("checklist: {} bytes", toml.len());
    // `import oscal` no longer re-parses its result (it is valid by construction); the fuzz
    // targets and tests do, and this is what that check costs.
    support::measure(
        "parse and validate the imported checklist (the check the tests make)",
        30,
        || candidate(Origin::Bundled("nist.toml"), toml.as_bytes()).expect("valid"),
    );
}
