//! How long loading and validating a checklist takes (target: well under 50 ms for 1,200 items).

mod support;

use carecheck::checklist::Library;
use carecheck::checklist::library::{Origin, candidate};

fn main() {
    let text = support::synthetic_checklist(1200);
    println!("synthetic checklist: 1,200 items, {} bytes", text.len());
    support::measure("parse + validate, 1,200 items", 50, || {
        let c = candidate(Origin::Bundled("bench.toml"), text.as_bytes()).expect("valid");
        Library::assemble(vec![c], &Library::default())
    });
    support::measure("load every bundled checklist (5)", 50, || {
        Library::load(None)
    });
}
