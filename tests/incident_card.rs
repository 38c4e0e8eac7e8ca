//! The incident card a night senior reads at arm's length (issue 28), through the real binary:
//! the type sizes read back from the PDF's content streams, every number whole on one line of
//! `pdftotext -layout`, the 24-hour Report Fraud route, the review marks beside the exact
//! line, and phone numbers refused on entry in the CLI and the TUI.

mod common;

use std::path::{Path, PathBuf};

use common::{Sandbox, run, tool_output};

fn ok(s: &Sandbox, args: &[&str]) -> String {
    let (code, out, err) = run(s, args);
    assert_eq!(code, 0, "{args:?}: {out}{err}");
    out
}

/// A care home with its address and `contacts` (role, name, phone, notes).
fn home(s: &Sandbox, contacts: &[(&str, &str, &str, &str)]) {
    ok(s, &["new", "--org", "Oak House Care", "--site", "Leeds"]);
    ok(
        s,
        &[
            "profile",
            "--address",
            "12 Oak Lane, Headingley, Leeds LS6 3AB",
        ],
    );
    for (role, name, phone, notes) in contacts {
        let mut args = vec![
            "plan", "contact", "add", "--role", role, "--name", name, "--phone", phone,
        ];
        if !notes.is_empty() {
            args.extend(["--notes", notes]);
        }
        ok(s, &args);
    }
}

/// Nine of the provider's own contacts, as a care home would enter them.
const NINE: [(&str, &str, &str, &str); 9] = [
    (
        "decides",
        "Sam Patel, registered manager",
        "07700 900001",
        "",
    ),
    (
        "on-call-manager",
        "On-call manager rota",
        "07700 900002",
        "Evenings, nights and weekends",
    ),
    (
        "it-support",
        "Acme IT service desk",
        "0113 496 0000",
        "Out of hours: option 2",
    ),
    (
        "data-protection-lead",
        "Jo Brown, deputy manager",
        "07700 900003",
        "",
    ),
    (
        "bank",
        "Northern Bank business fraud team",
        "0345 600 0000",
        "",
    ),
    (
        "insurer",
        "CyberSure incident line",
        "0800 000 0123",
        "Policy CS-99812",
    ),
    (
        "local-authority",
        "Leeds adult social care contracts",
        "0113 222 4401",
        "",
    ),
    (
        "icb",
        "West Yorkshire ICB digital team",
        "0113 825 0000",
        "Weekdays",
    ),
    ("other", "Pharmacy out of hours", "0113 496 0444", ""),
];

/// Four critical suppliers whose helpdesk comes from the register (free support text).
const SUPPLIERS: [(&str, &str); 4] = [
    ("Acme Care Records Ltd", "0113 496 0999 (24/7)"),
    ("MedsOnline", "0800 800 154, option 2"),
    ("RotaCloud", "Support: 0330 088 0001"),
    ("BT Business", "0800 800 150"),
];

fn card(s: &Sandbox, name: &str, extra: &[&str]) -> PathBuf {
    let path = s.out(name);
    let mut args = vec![
        "report",
        "--incident-card",
        "-o",
        path.to_str().expect("utf-8"),
    ];
    args.extend(extra);
    ok(s, &args);
    path
}

fn layout_text(path: &Path) -> String {
    tool_output(
        "pdftotext",
        &["-layout", path.to_str().expect("utf-8"), "-"],
    )
}

/// Each line with its runs of spaces made one, as a reader sees it.
fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect()
}

/// The smallest size set in the bold face and in any other face, read from the content
/// streams (decompressed by qpdf); the font resource's name starts with its subset tag.
fn smallest_sizes(path: &Path) -> (f32, f32) {
    let qdf = path.with_extension("qdf.pdf");
    tool_output(
        "qpdf",
        &[
            "--qdf",
            "--object-streams=disable",
            path.to_str().expect("utf-8"),
            qdf.to_str().expect("utf-8"),
        ],
    );
    let bytes = std::fs::read(&qdf).expect("qdf");
    let text = String::from_utf8_lossy(&bytes);
    let bold_tag = text
        .lines()
        .find_map(|l| {
            let name = l.trim().strip_prefix("/BaseFont /")?;
            let (tag, face) = name.split_once('+')?;
            (face == "DejaVuSans-Bold").then(|| tag.to_owned())
        })
        .expect("the bold face is embedded");
    let (mut bold, mut other) = (f32::MAX, f32::MAX);
    for line in text.lines() {
        let parts: Vec<&str> = line.split_whitespace().collect();
        if let [font, size, "Tf"] = parts.as_slice() {
            let size: f32 = size.parse().expect("a size");
            if font.trim_start_matches('/').starts_with(&bold_tag) {
                bold = bold.min(size);
            } else {
                other = other.min(size);
            }
        }
    }
    (bold, other)
}

fn assert_readable(path: &Path, what: &str) {
    let (bold, other) = smallest_sizes(path);
    assert!(bold >= 12.0, "{what}: bold text (numbers) at {bold} pt");
    assert!(other >= 10.0, "{what}: other text at {other} pt");
}

#[test]
#[ignore = "needs qpdf and pdftotext: run with `cargo test -- --include-ignored`, as CI does"]
fn type_stays_readable_on_a_small_plan_and_on_the_largest_the_card_accepts() {
    common::require_tool("qpdf");
    common::require_tool("pdftotext");
    let s = Sandbox::new();
    home(&s, &NINE[..2]);
    let small = card(&s, "small.pdf", &[]);
    assert_readable(&small, "a small plan");
    // More contacts until the card refuses: the last it accepts is still readable.
    for n in 0.. {
        let name = format!("Extra contact {n}, with a note under the name");
        let phone = format!("0113 496 0{:03}", 100 + n);
        ok(
            &s,
            &[
                "plan",
                "contact",
                "add",
                "--role",
                "other",
                "--name",
                &name,
                "--phone",
                &phone,
                "--notes",
                "Ring after 6pm",
            ],
        );
        let path = s.out("largest.pdf");
        let (code, _, err) = run(
            &s,
            &[
                "report",
                "--incident-card",
                "--force",
                "-o",
                path.to_str().expect("utf-8"),
            ],
        );
        if code != 0 {
            assert!(
                err.contains("does not fit on the two sides of one sheet"),
                "{err}"
            );
            // Each extra has a long name and a note; nine ordinary contacts and four
            // helpdesks fit (see the next test).
            assert!(n >= 4, "the card took only {n} extra contacts");
            break;
        }
        assert_readable(&path, &format!("{n} extra contacts"));
        let pages = tool_output("pdfinfo", &[path.to_str().expect("utf-8")]);
        assert!(pages.contains("Pages:           2"), "{pages}");
    }
    // The large card: 14 pt and more.
    let large = card(&s, "large.pdf", &["--large"]);
    let (bold, other) = smallest_sizes(&large);
    assert!(bold >= 14.0 && other >= 14.0, "{bold} {other}");
}

#[test]
#[ignore = "needs pdftotext: run with `cargo test -- --include-ignored`, as CI does"]
fn every_number_is_whole_on_its_own_line_with_the_24_hour_report_fraud_route() {
    common::require_tool("pdftotext");
    let s = Sandbox::new();
    home(&s, &NINE);
    for (name, support) in SUPPLIERS {
        ok(
            &s,
            &[
                "supplier",
                "add",
                name,
                "--critical",
                "yes",
                "--support",
                support,
            ],
        );
    }
    let path = card(&s, "card.pdf", &[]);
    let text = layout_text(&path);
    let lines = lines(&text);
    let line_of = |number: &str| {
        let found: Vec<&String> = lines
            .iter()
            .filter(|l| l.ends_with(&format!(" {number}")))
            .collect();
        assert_eq!(
            found.len(),
            1,
            "{number} once, at the end of its line:\n{text}"
        );
        found[0].clone()
    };
    for (role, name, phone, _) in NINE {
        let label = match role {
            "decides" => "Who decides",
            "on-call-manager" => "Manager on call",
            "it-support" => "IT support",
            "data-protection-lead" => "Data protection lead",
            "bank" => "Bank",
            "insurer" => "Insurer's incident line",
            "local-authority" => "Local authority",
            "icb" => "Integrated care board",
            _ => "Other",
        };
        assert_eq!(line_of(phone), format!("{label}: {name} {phone}"));
    }
    // The register's free text: the number alone in its column, the rest under the name.
    for (name, number, note) in [
        ("Acme Care Records Ltd", "0113 496 0999", "(24/7)"),
        ("MedsOnline", "0800 800 154", "option 2"),
        ("RotaCloud", "0330 088 0001", "Support"),
        ("BT Business", "0800 800 150", ""),
    ] {
        let line = line_of(number);
        assert_eq!(
            line,
            format!("Supplier helpdesk: {name} (supplier register) {number}")
        );
        if !note.is_empty() {
            let next = lines.iter().position(|l| *l == line).expect("line") + 1;
            assert_eq!(lines[next], note);
        }
    }
    for (line, number) in [
        (
            "Someone in danger, or a crime happening now: give the address at the top. 999",
            "999",
        ),
        (
            "Information Commissioner's Office (ICO) 0303 123 1113",
            "0303 123 1113",
        ),
        ("159: the bank fraud line 159", "159"),
        (
            "NHS England Cyber Security Operations Centre (CSOC) 0300 303 5222",
            "0300 303 5222",
        ),
        ("Care Quality Commission (CQC) 03000 616161", "03000 616161"),
        ("Police non-emergency number 101", "101"),
    ] {
        assert_eq!(line_of(number), line);
    }
    // Report Fraud leads with its 24-hour live-attack route, then the advisers' hours.
    let fraud = line_of("0300 123 2040");
    assert_eq!(fraud, "Report Fraud 0300 123 2040");
    let at = lines.iter().position(|l| *l == fraud).expect("line");
    assert!(
        lines[at + 1].starts_with(
            "Organisation under a live cyber attack: ring and press 9, 24 hours a day. Advisers:"
        ),
        "{}",
        lines[at + 1]
    );
    assert_eq!(
        lines[at + 2],
        "Monday to Friday, 8am to 8pm. Online reporting: any time."
    );
    // The site's address for a 999 call, at the top.
    assert_eq!(lines[1], "IF IT GOES WRONG: THE FIRST HOUR");
    assert_eq!(lines[3], "Address: 12 Oak Lane, Headingley, Leeds LS6 3AB");
    // Two sides, each saying so.
    assert_eq!(
        lines[0],
        "SIDE 1 OF 2: TURN OVER for the first hour of each incident"
    );
    let back = tool_output(
        "pdftotext",
        &[
            "-layout",
            "-f",
            "2",
            "-l",
            "2",
            path.to_str().expect("utf-8"),
            "-",
        ],
    );
    assert_eq!(
        self::lines(&back)[0],
        "SIDE 2 OF 2 · Oak House Care · Leeds: the numbers to ring start on the front"
    );
}

#[test]
#[ignore = "needs pdftotext: run with `cargo test -- --include-ignored`, as CI does"]
fn an_odd_number_of_contacts_each_keeps_its_own_line() {
    common::require_tool("pdftotext");
    let s = Sandbox::new();
    // Three own contacts; with 999 and the six national lines, an odd count of numbers.
    home(&s, &NINE[..3]);
    let path = card(&s, "odd.pdf", &[]);
    let lines = lines(&layout_text(&path));
    for expected in [
        "Who decides: Sam Patel, registered manager 07700 900001",
        "Manager on call: On-call manager rota 07700 900002",
        "IT support: Acme IT service desk 0113 496 0000",
        "Police non-emergency number 101",
    ] {
        assert_eq!(
            lines.iter().filter(|l| *l == expected).count(),
            1,
            "{expected}:\n{lines:#?}"
        );
    }
    // The last of them, and the ICB's line to write its number on.
    let icb = "Integrated care board (ICB): write its number here ______________";
    assert!(lines.iter().any(|l| l == icb), "{lines:#?}");
}

#[test]
#[ignore = "needs pdftotext: run with `cargo test -- --include-ignored`, as CI does"]
fn a_number_past_its_review_date_carries_the_month_it_was_checked_on_its_own_line() {
    common::require_tool("pdftotext");
    let s = Sandbox::new();
    home(&s, &NINE[..2]);
    let fresh = lines(&layout_text(&card(&s, "fresh.pdf", &[])));
    assert!(
        fresh.iter().any(|l| l == "Report Fraud 0300 123 2040"),
        "{fresh:#?}"
    );
    assert!(
        !fresh.iter().any(|l| l.contains("due a check")),
        "{fresh:#?}"
    );
    // A year and a bit later every national number is past its review date.
    let path = s.out("late.pdf");
    let output = s
        .cmd()
        .env("CARECHECK_TODAY", "2027-12-01")
        .args([
            "report",
            "--incident-card",
            "-o",
            path.to_str().expect("utf-8"),
        ])
        .output()
        .expect("runs");
    assert!(output.status.success());
    let late = lines(&layout_text(&path));
    for line in [
        "Report Fraud · checked 11/2026, due a check 0300 123 2040",
        "Police non-emergency number · checked 11/2026, due a check 101",
        "159: the bank fraud line · checked 11/2026, due a check 159",
    ] {
        assert!(late.iter().any(|l| l == line), "{line}:\n{late:#?}");
    }
    // The command line lists them too.
    let shown = s
        .cmd()
        .env("CARECHECK_TODAY", "2027-12-01")
        .args(["plan", "show"])
        .output()
        .expect("runs");
    let shown = common::safe_text(&shown.stdout);
    assert!(
        shown.contains("\n  0300 123 2040 (Report Fraud): checked 11/2026, due for review on 28/11/2027; check it against https://"),
        "{shown}"
    );
}

#[test]
fn a_scrap_of_a_number_is_refused_with_an_example_and_nothing_is_saved() {
    let s = Sandbox::new();
    home(&s, &[]);
    for bad in ["0161 49", "ask reception", "0345 609 0000 (24/7)"] {
        let (code, _, err) = run(
            &s,
            &[
                "plan",
                "contact",
                "add",
                "--role",
                "it-support",
                "--name",
                "Acme",
                "--phone",
                bad,
            ],
        );
        assert_eq!(code, 1, "{bad}");
        assert!(
            err.starts_with(&format!(
                "carecheck: `{bad}` is not a phone number carecheck can print: "
            )),
            "{err}"
        );
        assert!(
            err.trim_end().ends_with("give a UK number with its area code (0113 496 0000), a mobile (07700 900123), a short code (999, 101, 111, 159) or an international number starting with + (+33 1 23 45 67 89)"),
            "{err}"
        );
    }
    assert!(ok(&s, &["plan", "show"]).contains("none yet"));
    // Typed any way, a number is kept in its spaced form; edit checks it the same way.
    ok(
        &s,
        &[
            "plan",
            "contact",
            "add",
            "--role",
            "it-support",
            "--name",
            "Acme",
            "--phone",
            "(0113) 4960000",
        ],
    );
    let shown = ok(&s, &["plan", "show"]);
    assert!(shown.contains("Acme  0113 496 0000"), "{shown}");
    let (code, _, err) = run(
        &s,
        &[
            "plan",
            "contact",
            "edit",
            "it-support",
            "--phone",
            "0161 49",
        ],
    );
    assert_eq!(code, 1);
    assert!(err.contains("(0113 496 0000)"), "{err}");
    ok(
        &s,
        &[
            "plan",
            "contact",
            "edit",
            "it-support",
            "--phone",
            "+44 113 496 0001",
        ],
    );
    assert!(ok(&s, &["plan", "show"]).contains("Acme  +44 113 496 0001"));
}

#[test]
fn the_tui_plan_form_refuses_a_scrap_of_a_number_through_the_same_rule() {
    use carecheck::domain::assessment::Event;
    use carecheck::tui::action::{Action, Command, Effect};
    use common::tui::{app, cmd, key, step, type_text};
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut app = app(&["dspt-social-care"]);
    cmd(&mut app, Command::ShowOverview);
    cmd(&mut app, Command::ShowPlan);
    cmd(&mut app, Command::PlanNextMissing);
    type_text(&mut app, "Sam Patel");
    key(&mut app, KeyCode::Enter);
    type_text(&mut app, "0161 49");
    let ctrl_s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
    let saves = |effects: Vec<Effect>| {
        effects
            .into_iter()
            .filter(|e| matches!(e, Effect::Save(Event::Plan { .. })))
            .count()
    };
    assert_eq!(saves(step(&mut app, Action::Key(ctrl_s))), 0);
    let error = app.plan.form.as_ref().and_then(|f| f.error.clone());
    assert_eq!(
        error.as_deref(),
        carecheck::domain::phone::Phone::parse("0161 49")
            .err()
            .as_deref(),
        "the form shows the domain's refusal, examples and all"
    );
}
