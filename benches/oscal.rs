//! Importing the full NIST SP 800-53 rev5 catalog (3.2 MB, 1,189 controls). Target: under
//! 100 ms (a well-known Python OSCAL library takes about 120 ms just to parse this file).

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
    support::measure("import: parse OSCAL JSON, convert, write TOML", 30, || {
        import(&json, &options).expect("imports")
    });
    support::measure(
        "import and validate the result (what `import oscal` does)",
        30,
        || {
            let (toml, _) = import(&json, &options).expect("imports");
            candidate(Origin::Bundled("nist.toml"), toml.as_bytes()).expect("valid")
        },
    );
}
