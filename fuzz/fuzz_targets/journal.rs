//! Any bytes as a journal (the live one, or an archive segment), read from any starting
//! entry: a clean error or a consistent reading, never a panic. What is read is numbered
//! without a gap, never claims more bytes than it was given, keeps a last entry that only
//! lost its newline, and reads again the same once re-encoded.
#![no_main]

use std::path::Path;

use carecheck::store::journal;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (u8, u8, &[u8])| {
    let (base, extra, data) = input;
    let base = u64::from(base % 4);
    let skip = base + u64::from(extra % 4);
    let path = Path::new("journal.jsonl");
    if let Ok(read) = journal::read_after(path, data, base, skip) {
        assert!(read.complete_len as usize <= data.len());
        assert!(!(read.torn_tail && read.missing_newline));
        if read.missing_newline {
            assert!(!data.ends_with(b"\n"));
        }
        for (i, entry) in read.entries.iter().enumerate() {
            assert_eq!(entry.seq, skip + i as u64 + 1);
        }
        // Entries decoded after `skip` re-encode to a journal that reads back the same.
        if skip == base {
            let mut again = Vec::new();
            for entry in &read.entries {
                again.extend(journal::encode(path, entry).expect("encodes"));
            }
            let back = journal::read_after(path, &again, base, base).expect("re-reads");
            assert_eq!(back.entries, read.entries);
            assert_eq!(journal::check_all(path, &again, base).ok(), Some(base + read.entries.len() as u64).filter(|_| base > 0 || matches!(read.entries.first().map(|e| &e.change), Some(carecheck::domain::assessment::Event::Created { .. }))));
        }
    }
    // A journal that passes the full check also reads, with every entry decoded.
    if let Ok(last) = journal::check_all(path, data, base) {
        let read = journal::read_after(path, data, base, base).expect("a checked journal reads");
        assert_eq!(last, base + read.entries.len() as u64);
        assert!(!read.torn_tail && !read.missing_newline);
    }
});
