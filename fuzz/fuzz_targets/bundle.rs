//! Any bytes as a bundle: refused cleanly, or verified contents whose paths all stay inside
//! an assessment folder and which encode back to the same bytes.
#![no_main]

use carecheck::bundle::{decode, encode};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(bundle) = decode(data) {
        for file in &bundle.manifest.files {
            assert!(!file.path.contains("..") && !file.path.starts_with('/'), "{}", file.path);
        }
        let files: Vec<(String, Vec<u8>)> = bundle.manifest.files.iter().map(|f| f.path.clone()).zip(bundle.contents.clone()).collect();
        let again = encode(&bundle.manifest.assessment, &bundle.manifest.created, bundle.manifest.notes_included, &files);
        assert_eq!(decode(&again).map(|b| b.contents), Ok(bundle.contents));
    }
});
