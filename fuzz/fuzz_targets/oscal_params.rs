//! OSCAL parameter expansion: catalogs whose parameters insert each other in any pattern
//! (built from the fuzz input so inserts are dense) import in bounded time and memory: a
//! clean error, or a checklist whose every text is within the expansion limit and which
//! carecheck's own validator accepts.
#![no_main]

use carecheck::checklist::library::{Origin, candidate};
use carecheck::oscal::import::{ImportOptions, MAX_EXPANDED_BYTES, import};
use libfuzzer_sys::fuzz_target;
use serde_json::json;

/// Text from bytes: a byte below 24 inserts parameter `p{byte % count}`, others are letters.
fn text(bytes: &[u8], count: usize) -> String {
    let mut out = String::new();
    for &b in bytes {
        if b < 24 {
            out.push_str(&format!("{{{{ insert: param, p{} }}}}", usize::from(b) % count));
        } else {
            out.push(char::from(b'a' + b % 26));
        }
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let count = usize::from(first % 6) + 1;
    let mut pieces = rest.split(|&b| b == 0xff);
    let prose = text(pieces.next().unwrap_or_default(), count);
    let params: Vec<_> = (0..count)
        .map(|i| {
            let choices: Vec<String> = pieces
                .next()
                .unwrap_or_default()
                .split(|&b| b == 0xfe)
                .map(|c| text(c, count))
                .collect();
            if choices.len() > 1 || i % 2 == 0 {
                json!({ "id": format!("p{i}"), "select": { "choice": choices } })
            } else {
                json!({ "id": format!("p{i}"), "label": choices.concat() })
            }
        })
        .collect();
    let catalog = json!({ "catalog": {
        "metadata": { "title": "Fuzz" },
        "groups": [{ "id": "g", "title": "G", "controls": [{
            "id": "c-1", "title": "C", "params": params,
            "parts": [
                { "name": "statement", "prose": prose },
                { "name": "guidance", "prose": prose, "parts": [{ "name": "item", "prose": prose }] }
            ]
        }]}]
    }});
    let bytes = serde_json::to_vec(&catalog).expect("json");
    let options = ImportOptions { id: "fuzz".into(), source_url: None };
    if let Ok((toml, _)) = import(&bytes, &options) {
        let parsed = candidate(Origin::Bundled("fuzz.toml"), toml.as_bytes())
            .unwrap_or_else(|p| panic!("import produced an invalid checklist: {p:?}"));
        for section in &parsed.parsed.checklist.sections {
            for item in &section.items {
                assert!(item.question.len() <= MAX_EXPANDED_BYTES, "{}", item.question.len());
                assert!(item.guidance.len() <= MAX_EXPANDED_BYTES, "{}", item.guidance.len());
            }
        }
    }
});
