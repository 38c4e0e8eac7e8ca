//! Any bytes as an OSCAL catalog: a clean error, or a checklist that carecheck's own validator
//! accepts.
#![no_main]

use carecheck::checklist::library::{Origin, candidate};
use carecheck::oscal::import::{ImportOptions, import};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let options = ImportOptions { id: "fuzz".into(), source_url: None };
    if let Ok((toml, _)) = import(data, &options) {
        if let Err(problems) = candidate(Origin::Bundled("fuzz.toml"), toml.as_bytes()) {
            panic!("import produced an invalid checklist: {problems:?}");
        }
    }
});
