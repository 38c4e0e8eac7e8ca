//! Tagged PDFs (issue 30): every printed document carries a structure tree a screen reader can
//! follow. Each is read back with pikepdf (tests/fixtures/pdf_ua/structure.py prints the tree
//! with its words, the outline and the catalog's flags) and compared with what the page shows;
//! `pdfinfo` must say "Tagged: yes", and the `pdfua` checker from PyPI must find nothing. The
//! Python is the one `.ci/run` makes and names in `CARECHECK_TEST_PYTHON`, with `pikepdf` and
//! `pdfua` installed.

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use common::{Sandbox, run};

struct Document {
    args: &'static [&'static str],
    file: &'static str,
    /// Outline entries that name the document's first heading otherwise ("Cover" for the
    /// pack's "Evidence pack"): the entry and the heading's words.
    preamble: &'static [(&'static str, &'static str)],
    /// The headings, level and words, when they are not the outline's.
    headings: Headings,
    /// What a reader reads first, when it is not the first heading (reading order is the
    /// page's order, top down).
    opens_with: Option<&'static str>,
    /// Whether it has tables with header rows.
    tables: bool,
    /// The first bar's alternative text, when it draws bars.
    figure: Option<&'static str>,
    /// Whether it has links (to an item elsewhere in it).
    links: bool,
}

enum Headings {
    /// The headings at levels 1 and 2 are the outline's entries (after the preamble's).
    Outline,
    /// Exactly these, and the outline is the preamble's (a card's headings are set in their
    /// own type and not bookmarked).
    Own(&'static [&'static str]),
    /// The outline's, then numbered questions ("1. …", "2. …") set smaller, which are level 2
    /// to a reader (never a skipped level).
    Numbered,
}

const DOCUMENTS: [Document; 8] = [
    Document {
        args: &["report"],
        file: "pack.pdf",
        preamble: &[("Cover", "Evidence pack")],
        headings: Headings::Outline,
        opens_with: None,
        tables: true,
        figure: Some(
            "Alt=Whole checklist: bar of 50: 0 met, 2 gaps, 0 not applicable, 48 remaining",
        ),
        links: true,
    },
    Document {
        args: &["report", "--action-plan"],
        file: "action-plan.pdf",
        preamble: &[],
        headings: Headings::Outline,
        opens_with: None,
        tables: true,
        figure: None,
        links: false,
    },
    Document {
        args: &["report", "--entry-sheet"],
        file: "entry-sheet.pdf",
        preamble: &[],
        headings: Headings::Outline,
        opens_with: None,
        tables: true,
        figure: None,
        links: false,
    },
    Document {
        args: &["report", "--incident-card"],
        file: "card.pdf",
        preamble: &[("Incident card", "IF IT GOES WRONG: THE FIRST HOUR")],
        headings: Headings::Own(&[
            "1 IF IT GOES WRONG: THE FIRST HOUR",
            "2 NUMBERS TO RING",
            "2 THE FIRST FIVE MINUTES",
            "2 WHAT HAS HAPPENED?",
        ]),
        opens_with: Some("1 P | SIDE 1 OF 2: TURN OVER for the first hour of each incident"),
        tables: false,
        figure: None,
        links: false,
    },
    Document {
        args: &["report", "--continuity-plan"],
        file: "plan.pdf",
        preamble: &[],
        headings: Headings::Outline,
        opens_with: None,
        tables: true,
        figure: None,
        links: false,
    },
    Document {
        args: &["report", "--registers"],
        file: "registers.pdf",
        preamble: &[],
        headings: Headings::Outline,
        opens_with: None,
        tables: true,
        figure: None,
        links: false,
    },
    Document {
        args: &["supplier", "ask", "cloud"],
        file: "questions.pdf",
        preamble: &[],
        headings: Headings::Numbered,
        opens_with: None,
        tables: false,
        figure: None,
        links: false,
    },
    Document {
        args: &["report", "--all"],
        file: "rollup.pdf",
        preamble: &[],
        headings: Headings::Outline,
        opens_with: None,
        tables: true,
        figure: None,
        links: false,
    },
];

fn ok(s: &Sandbox, args: &[&str]) {
    let (code, out, err) = run(s, args);
    assert_eq!(code, 0, "{args:?}: {out}{err}");
}

/// An assessment with answers (bars and gaps), a plan contact, a supplier and a risk, so every
/// document has something of each kind to print.
fn setup() -> Sandbox {
    let s = Sandbox::new();
    ok(
        &s,
        &[
            "new",
            "--org",
            "Oak House Care",
            "--checklist",
            "dspt-social-care",
        ],
    );
    ok(&s, &["answer", "1.1.1", "yes"]);
    ok(
        &s,
        &[
            "answer",
            "4.5.3",
            "no",
            "--action",
            "Turn on two-factor sign-in",
            "--owner",
            "Ann Lee",
            "--due",
            "28/02/2027",
        ],
    );
    ok(
        &s,
        &[
            "plan",
            "contact",
            "add",
            "--role",
            "it-support",
            "--name",
            "Zhang Wei",
            "--phone",
            "0113 496 0000",
        ],
    );
    ok(
        &s,
        &[
            "supplier",
            "add",
            "Cloud Records",
            "--critical",
            "yes",
            "--support",
            "0800 800 154",
        ],
    );
    ok(
        &s,
        &[
            "risk",
            "add",
            "Ransomware",
            "--likelihood",
            "3",
            "--impact",
            "5",
        ],
    );
    s
}

fn print(s: &Sandbox, doc: &Document) -> PathBuf {
    let path = s.out(doc.file);
    let (code, out, err) = run(
        s,
        &doc.args
            .iter()
            .copied()
            .chain(["-o", path.to_str().expect("utf-8 path")])
            .collect::<Vec<_>>(),
    );
    assert_eq!(code, 0, "{:?}: {out}{err}", doc.args);
    path
}

fn python() -> String {
    std::env::var("CARECHECK_TEST_PYTHON").unwrap_or_else(|_| "python3".into())
}

/// Runs `args` with the test Python and returns its standard output and exit code.
fn python_run(args: &[&std::ffi::OsStr]) -> (Option<i32>, String) {
    let python = python();
    let out = common::output_within(
        std::process::Command::new(&python).args(args),
        Duration::from_secs(120),
    );
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

/// The document as structure.py prints it.
fn structure(path: &Path) -> Vec<String> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf_ua/structure.py");
    let (code, out) = python_run(&[script.as_os_str(), path.as_os_str()]);
    assert_eq!(
        code,
        Some(0),
        "{} could not read {} (is pikepdf installed?): {out}",
        python(),
        path.display()
    );
    out.lines().map(str::to_owned).collect()
}

/// The elements of the tree: (depth, kind, the rest of the line).
fn elements(lines: &[String]) -> Vec<(usize, String, String)> {
    lines
        .iter()
        .filter_map(|l| {
            let (depth, rest) = l.split_once(' ')?;
            let depth = depth.parse().ok()?;
            let (kind, rest) = rest.split_once(' ').unwrap_or((rest, ""));
            Some((depth, kind.to_owned(), rest.to_owned()))
        })
        .collect()
}

/// The words of an element's line (after " | ").
fn words(rest: &str) -> &str {
    rest.split_once("| ").map_or("", |(_, w)| w)
}

fn info_title(path: &Path) -> String {
    let out = common::tool_output("pdfinfo", &[path.to_str().expect("utf-8 path")]);
    out.lines()
        .find_map(|l| l.strip_prefix("Title:"))
        .map(|t| t.trim().to_owned())
        .unwrap_or_default()
}

fn check_document(doc: &Document, path: &Path) {
    let lines = structure(path);
    let name = doc.file;
    let head: Vec<&str> = lines.iter().take(4).map(String::as_str).collect();
    let xmp = format!("XMP 1 {}", info_title(path));
    assert_eq!(
        head,
        [
            "MARKED True",
            "DISPLAYTITLE True",
            "LANG en-GB",
            xmp.as_str()
        ],
        "{name}"
    );
    // Nothing is drawn outside marked content (tagged, or an artifact).
    let unmarked: Vec<&String> = lines.iter().filter(|l| l.starts_with("UNMARKED")).collect();
    assert!(unmarked.is_empty(), "{name}: {unmarked:?}");
    for tabs in lines.iter().filter(|l| l.starts_with("TABS")) {
        assert!(tabs.ends_with(" /S"), "{name}: {tabs}");
    }
    let tree = elements(&lines);
    assert_eq!(
        tree.first().map(|(d, k, _)| (*d, k.as_str())),
        Some((0, "Document")),
        "{name}"
    );
    if let Some(first) = doc.opens_with {
        let second = lines
            .iter()
            .skip_while(|l| !l.starts_with("0 Document"))
            .nth(1);
        assert_eq!(second.map(String::as_str), Some(first), "{name}");
    }
    // The headings, in reading order, are the outline (after a cover's own entry).
    let outline: Vec<String> = lines
        .iter()
        .filter_map(|l| l.strip_prefix("OUTLINE "))
        .map(str::to_owned)
        .collect();
    let headings: Vec<String> = tree
        .iter()
        .filter_map(|(_, kind, rest)| match kind.as_str() {
            "H1" | "H2" => Some(format!("{} {}", &kind[1..], words(rest))),
            _ => None,
        })
        .collect();
    match doc.headings {
        Headings::Outline => {
            let expected: Vec<String> = headings
                .iter()
                .map(|h| {
                    doc.preamble
                        .iter()
                        .find(|(_, words)| *h == format!("1 {words}"))
                        .map_or_else(|| h.clone(), |(entry, _)| format!("1 {entry}"))
                })
                .collect();
            assert_eq!(outline, expected, "{name}:\n{}", lines.join("\n"));
        }
        Headings::Own(own) => {
            let entries: Vec<String> = doc.preamble.iter().map(|(e, _)| format!("1 {e}")).collect();
            assert_eq!(outline, entries, "{name}");
            assert_eq!(headings, own, "{name}:\n{}", lines.join("\n"));
        }
        Headings::Numbered => {
            let (titles, questions) = headings.split_at(outline.len());
            assert_eq!(titles, outline, "{name}");
            assert!(!questions.is_empty(), "{name}: {questions:?}");
            for (n, question) in questions.iter().enumerate() {
                let numbered = format!("2 {}. ", n + 1);
                assert!(question.starts_with(&numbered), "{name}: {question}");
            }
        }
    }
    // No heading is empty, and none skips a level after the first.
    let levels: Vec<u8> = tree
        .iter()
        .filter_map(|(_, k, _)| k.strip_prefix('H')?.parse().ok())
        .collect();
    assert!(!levels.is_empty(), "{name}: no headings");
    for pair in levels.windows(2) {
        assert!(pair[1] <= pair[0] + 1, "{name}: heading levels {levels:?}");
    }
    for (_, kind, rest) in &tree {
        if kind.starts_with('H') && kind.len() == 2 {
            assert!(!words(rest).is_empty(), "{name}: empty {kind}");
        }
    }
    // Header cells carry their scope; each table has a header row.
    let th: Vec<&String> = tree
        .iter()
        .filter(|(_, k, _)| k == "TH")
        .map(|(_, _, r)| r)
        .collect();
    assert_eq!(!th.is_empty(), doc.tables, "{name}: header cells {th:?}");
    for rest in &th {
        assert!(rest.starts_with("Scope=Column"), "{name}: {rest}");
    }
    // Figures say in words, with their numbers, what they show.
    let figures: Vec<&String> = tree
        .iter()
        .filter(|(_, k, _)| k == "Figure")
        .map(|(_, _, r)| r)
        .collect();
    assert_eq!(
        figures.first().map(|f| f.as_str()),
        doc.figure,
        "{name}: the first figure"
    );
    for alt in &figures {
        assert!(
            alt.starts_with("Alt=") && alt.contains(": bar of ") && alt.contains(" met"),
            "{name}: {alt}"
        );
    }
    // Links hold their annotation, which says where it goes, and their words.
    let links: Vec<&String> = tree
        .iter()
        .filter(|(_, k, _)| k == "Link")
        .map(|(_, _, r)| r)
        .collect();
    assert_eq!(!links.is_empty(), doc.links, "{name}: links");
    for link in &links {
        let text = words(link);
        assert!(
            text.starts_with("[link ") && text.len() > "[link ]".len(),
            "{name}: {link}"
        );
    }
}

#[test]
#[ignore = "needs Python with pikepdf (CARECHECK_TEST_PYTHON) and pdfinfo"]
fn every_document_is_tagged_with_its_headings_tables_figures_and_links() {
    common::require_tool("pdfinfo");
    let s = setup();
    for doc in &DOCUMENTS {
        let path = print(&s, doc);
        let info = common::tool_output("pdfinfo", &[path.to_str().expect("utf-8 path")]);
        assert!(
            info.lines().any(|l| l == "Tagged:          yes"),
            "{}: {info}",
            doc.file
        );
        check_document(doc, &path);
    }
}

#[test]
#[ignore = "needs Python with pdfua (CARECHECK_TEST_PYTHON)"]
fn the_pdfua_checker_finds_nothing_in_any_document() {
    let s = setup();
    for doc in &DOCUMENTS {
        let path = print(&s, doc);
        let (code, out) = python_run(&[
            "-m".as_ref(),
            "pdfua".as_ref(),
            "check".as_ref(),
            path.as_os_str(),
        ]);
        assert_eq!(code, Some(0), "{}: {out}", doc.file);
    }
}
