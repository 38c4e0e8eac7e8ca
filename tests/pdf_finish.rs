//! One way to finish every printed document (issue 23): a Chinese name in a supplier, a plan
//! contact and a risk prints in every PDF when a font that draws it is installed, and every
//! command that cannot draw it warns, naming the document.

mod common;

use std::path::{Path, PathBuf};

use common::{Sandbox, run};

/// What each printed document is asked of the binary, the name its warning gives it, and the
/// names it prints (each a CJK name that must come out whole).
struct Document {
    args: &'static [&'static str],
    file: &'static str,
    name: &'static str,
    prints: &'static [&'static str],
}

const ORGANISATION: &str = "莲花 Lotus Care";
const CONTACT: &str = "张伟 Zhang Wei";
const SUPPLIER: &str = "云 Cloud Records";
const RISK: &str = "勒索 Ransomware";

const DOCUMENTS: [Document; 8] = [
    Document {
        args: &["report"],
        file: "pack.pdf",
        name: "the evidence pack",
        prints: &[ORGANISATION, CONTACT, SUPPLIER, RISK],
    },
    Document {
        args: &["report", "--action-plan"],
        file: "action-plan.pdf",
        name: "the action plan",
        prints: &[ORGANISATION],
    },
    Document {
        args: &["report", "--entry-sheet"],
        file: "entry-sheet.pdf",
        name: "the DSPT entry sheet",
        prints: &[ORGANISATION],
    },
    Document {
        args: &["report", "--incident-card"],
        file: "card.pdf",
        name: "the incident card",
        prints: &[ORGANISATION, CONTACT, SUPPLIER],
    },
    Document {
        args: &["report", "--continuity-plan"],
        file: "plan.pdf",
        name: "the continuity plan",
        prints: &[ORGANISATION, CONTACT, SUPPLIER],
    },
    Document {
        args: &["report", "--registers"],
        file: "registers.pdf",
        name: "the suppliers and risks registers",
        prints: &[ORGANISATION, SUPPLIER, RISK],
    },
    Document {
        args: &["supplier", "ask", "cloud"],
        file: "questions.pdf",
        name: "the supplier questionnaire",
        prints: &[ORGANISATION, SUPPLIER],
    },
    Document {
        args: &["report", "--all"],
        file: "rollup.pdf",
        name: "the roll-up of every site",
        // The roll-up's organisation column is narrow: the name wraps after its CJK part.
        prints: &["莲花 Lotus"],
    },
];

fn ok(s: &Sandbox, args: &[&str]) {
    let (code, out, err) = run(s, args);
    assert_eq!(code, 0, "{args:?}: {out}{err}");
}

fn setup() -> Sandbox {
    let s = Sandbox::new();
    ok(
        &s,
        &[
            "new",
            "--org",
            ORGANISATION,
            "--checklist",
            "dspt-social-care",
        ],
    );
    ok(&s, &["answer", "4.5.3", "no", "--note", "Not yet"]);
    ok(
        &s,
        &[
            "plan",
            "contact",
            "add",
            "--role",
            "it-support",
            "--name",
            CONTACT,
            "--phone",
            "0113 496 0000",
        ],
    );
    ok(
        &s,
        &[
            "supplier",
            "add",
            SUPPLIER,
            "--critical",
            "yes",
            "--support",
            "0800 800 154",
        ],
    );
    ok(
        &s,
        &["risk", "add", RISK, "--likelihood", "3", "--impact", "5"],
    );
    s
}

/// Runs a document's command writing to `file`, with `CARECHECK_FONT_DIRS` set to `fonts`.
fn print(s: &Sandbox, doc: &Document, fonts: &Path) -> (PathBuf, String) {
    let path = s.out(doc.file);
    let output = s
        .cmd()
        .env("CARECHECK_FONT_DIRS", fonts)
        .args(doc.args)
        .arg("-o")
        .arg(&path)
        .output()
        .expect("runs");
    let err = common::safe_text(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{:?}: {err}", doc.args);
    (path, err)
}

fn pdf_text(path: &Path) -> String {
    let path = path.to_str().expect("utf-8 path");
    common::tool_output("pdftotext", &["-layout", path, "-"])
}

#[test]
#[ignore = "needs pdftotext and a CJK font (fonts-noto-cjk): run with `cargo test -- --include-ignored`, as CI does"]
fn a_cjk_name_prints_in_every_document_when_a_font_draws_it() {
    common::require_tool("pdftotext");
    let cjk = Path::new("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc");
    assert!(cjk.exists(), "install fonts-noto-cjk (CI's .ci/run does)");
    let s = setup();
    let fonts = tempfile::tempdir().expect("dir");
    std::fs::copy(cjk, fonts.path().join("NotoSansCJK-Regular.ttc")).expect("copy");
    for doc in &DOCUMENTS {
        let (path, err) = print(&s, doc, fonts.path());
        assert!(!err.contains("no installed font"), "{}: {err}", doc.name);
        let text = pdf_text(&path);
        for name in doc.prints {
            assert!(
                text.lines().any(|l| l.contains(name)),
                "{}: `{name}` is not printed whole on a line:\n{text}",
                doc.name
            );
        }
    }
}

#[test]
fn every_document_that_cannot_draw_a_name_says_so_naming_itself() {
    let s = setup();
    let empty = tempfile::tempdir().expect("dir");
    for doc in &DOCUMENTS {
        let (_, err) = print(&s, doc, empty.path());
        let warning = err
            .lines()
            .find(|l| {
                l.starts_with(&format!(
                    "warning: {}: no installed font can draw",
                    doc.name
                ))
            })
            .unwrap_or_else(|| panic!("{}: no warning naming it: {err}", doc.name));
        // The characters it cannot draw, named: the organisation's are on every document.
        assert!(warning.contains("莲花"), "{warning}");
        assert!(
            warning.contains("(Chinese, Japanese or Korean), so it prints them as \u{FFFD}."),
            "{warning}"
        );
    }
}
