//! Any bytes as a checklist file: a clean error or a checklist, never a panic or a hang, and
//! no raw control character in any message.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(problems) = carecheck::checklist::parse::parse("fuzz.toml", data) {
        assert!(!problems.is_empty());
        for problem in problems {
            assert!(!problem.to_string().chars().any(char::is_control));
        }
    }
});
