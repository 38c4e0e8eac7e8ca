//! Any bytes as an assessment file and as a journal: a clean error or a value, never a panic.
//! Whatever decodes must encode and decode again to the same thing.
#![no_main]

use std::path::Path;

use carecheck::store::{journal, snapshot};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(decoded) = snapshot::decode(Path::new("assessment.json"), data) {
        let again = snapshot::decode(Path::new("assessment.json"), &snapshot::encode(&decoded)).expect("re-decodes");
        assert_eq!(again, decoded);
    }
    if let Ok(read) = journal::read(Path::new("journal.jsonl"), data) {
        assert!(read.complete_len as usize <= data.len());
        for (i, entry) in read.entries.iter().enumerate() {
            assert_eq!(entry.seq, i as u64 + 1);
        }
    }
    let skip = data.first().map_or(0, |b| u64::from(*b % 4));
    let _ = journal::read_after(Path::new("journal.jsonl"), data, 0, skip);
});
