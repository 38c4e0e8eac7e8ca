//! Deflates the bundled DejaVu fonts into the build folder, so the binary carries them at about
//! half their size (issue 18: a release binary of at most 10 MB, fonts included). The TTF files
//! in `assets/fonts/` stay the source; `src/report/pdf.rs` inflates them when a PDF is made.

use std::io::Write;
use std::path::PathBuf;

const FONTS: [&str; 3] = [
    "DejaVuSans.ttf",
    "DejaVuSans-Bold.ttf",
    "DejaVuSansMono.ttf",
];

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    for name in FONTS {
        let source = format!("assets/fonts/{name}");
        println!("cargo::rerun-if-changed={source}");
        let bytes = std::fs::read(&source).unwrap_or_else(|e| panic!("cannot read {source}: {e}"));
        let mut encoder =
            flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        encoder
            .write_all(&bytes)
            .and_then(|()| encoder.finish())
            .and_then(|deflated| std::fs::write(out.join(format!("{name}.deflate")), deflated))
            .unwrap_or_else(|e| panic!("cannot deflate {source}: {e}"));
    }
}
