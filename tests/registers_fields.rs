//! Each record's fields declared once: `supplier show` and the supplier CSV print every field
//! of a supplier from its field table, exactly as they did when each door listed them itself.

mod common;

use std::time::Duration;

use common::{Sandbox, safe_text};

fn ok(s: &Sandbox, args: &[&str]) -> String {
    let output = s
        .cmd()
        .env("CARECHECK_TODAY", "2026-11-28")
        .timeout(Duration::from_secs(60))
        .args(args)
        .output()
        .expect("runs");
    let (out, err) = (safe_text(&output.stdout), safe_text(&output.stderr));
    assert_eq!(output.status.code(), Some(0), "{args:?}: {out}{err}");
    out
}

/// A supplier with every field the command line can set.
fn full() -> Sandbox {
    let s = Sandbox::new();
    ok(&s, &["new", "--org", "Oak House Care"]);
    ok(
        &s,
        &[
            "supplier",
            "add",
            "Acme Care Records Ltd",
            "--provides",
            "care-records",
            "--provides",
            "emar",
            "--personal-data",
            "Residents' care records",
            "--critical",
            "yes",
            "--data-location",
            "uk",
            "--contract-date",
            "01/04/2025",
            "--dpa",
            "yes",
            "--contract-ends",
            "31/03/2027",
            "--renews",
            "01/04/2027",
            "--notice-by",
            "01/01/2027",
            "--dspt-level",
            "Standards Met",
            "--dspt-date",
            "01/03/2026",
            "--ce",
            "ce-plus",
            "--ce-number",
            "CE-123",
            "--ce-expires",
            "10/02/2027",
            "--certification",
            "ISO 27001",
            "--breach-hours",
            "24",
            "--support",
            "0113 496 0000",
            "--reviewed",
            "01/06/2026",
            "--document",
            "Signed contract, office safe",
            "--notes",
            "Met them in May",
        ],
    );
    s
}

#[test]
fn supplier_show_prints_every_field_from_the_table() {
    let s = full();
    let out = ok(&s, &["supplier", "show", "acme"]);
    assert_eq!(
        out,
        "Acme Care Records Ltd (acme-care-records-ltd)
  Provides                   Digital care records, eMAR (medicines)
  Critical to care           yes
  Personal data              Residents' care records
  Data held                  UK
  Contract                   in place, dated 01/04/2025
  Data-processing agreement  in place (no date recorded)
  Contract ends              31/03/2027
  Contract renews            01/04/2027
  Give notice by             01/01/2027
  DSPT status                Standards Met, published 01/03/2026 (renew by 01/03/2027)
  Cyber Essentials           Cyber Essentials Plus no. CE-123, expires 10/02/2027
  Other certifications       ISO 27001
  Breach notice promised     within 24 hours
  Support in an outage       0113 496 0000
  Last reviewed              01/06/2026
  Notes                      Met them in May
  Evidence: Signed contract, office safe
  Reminder: Acme Care Records Ltd: the last day to give notice on the contract is 01/01/2027 (in 34 days); it renews on 01/04/2027
"
    );
}

#[test]
fn the_supplier_csv_has_every_column_from_the_table() {
    let s = full();
    let out = ok(&s, &["export", "--suppliers"]);
    assert_eq!(
        out,
        "\u{feff}id,supplier,from_head_office,provides,critical,personal_data,data_held,contract,data_processing_agreement,contract_ends,contract_renews,notice_by,dspt_level,dspt_published,dspt_renew_by,certificate,certificate_number,certificate_expires,other_certifications,breach_notice_hours,support_contact,last_reviewed,reminders,notes\r\n\
         acme-care-records-ltd,Acme Care Records Ltd,no,\"Digital care records, eMAR (medicines)\",yes,Residents' care records,UK,\"in place, dated 01/04/2025\",in place (no date recorded),2027-03-31,2027-04-01,2027-01-01,Standards Met,2026-03-01,2027-03-01,Cyber Essentials Plus,CE-123,2027-02-10,ISO 27001,24,0113 496 0000,2026-06-01,Acme Care Records Ltd: the last day to give notice on the contract is 01/01/2027 (in 34 days); it renews on 01/04/2027,Met them in May\r\n"
    );
}

mod form {
    use carecheck::domain::assessment::Event;
    use carecheck::domain::registers::{RegisterChange, Supplier};
    use carecheck::tui::action::{Action, Command};
    use carecheck::tui::app::App;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::common::tui::{app, at, cmd, key, step, type_text};

    fn ctrl_s(app: &mut App) {
        step(
            app,
            Action::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)),
        );
    }

    fn acme(app: &App) -> Supplier {
        app.session
            .as_ref()
            .expect("session")
            .own()
            .registers
            .suppliers["acme-ltd"]
            .clone()
    }

    /// The TUI's supplier form had no notes field: a note could only be written with the
    /// command line. Its row in the field table now gives the form one, after the others.
    #[test]
    fn the_supplier_form_records_notes() {
        let mut app = app(&["dspt-social-care"]);
        cmd(&mut app, Command::ShowSuppliers);
        cmd(&mut app, Command::AddRecord);
        type_text(&mut app, "Acme Ltd");
        for _ in 0..15 {
            key(&mut app, KeyCode::Tab);
        }
        type_text(&mut app, " Met them in May ");
        ctrl_s(&mut app);
        assert_eq!(acme(&app).notes, "Met them in May");
    }

    /// A field opens holding its stored text on one line; left alone, it does not flatten
    /// what is stored.
    #[test]
    fn a_note_with_line_breaks_survives_an_edit_of_another_field() {
        let mut app = app(&["dspt-social-care"]);
        cmd(&mut app, Command::ShowSuppliers);
        let stored = Supplier {
            notes: "Line one\nline two".into(),
            support_contact: "Helpdesk\n0113 496 0000".into(),
            ..Supplier::named("Acme Ltd")
        };
        step(
            &mut app,
            Action::Saved(Ok((
                Event::Register {
                    change: Box::new(RegisterChange::Supplier {
                        id: "acme-ltd".into(),
                        supplier: Some(stored.clone()),
                    }),
                },
                at(),
            ))),
        );
        cmd(&mut app, Command::EditRecord);
        type_text(&mut app, " Group");
        ctrl_s(&mut app);
        let saved = acme(&app);
        assert_eq!(saved.name, "Acme Ltd Group");
        assert_eq!(
            (saved.notes.as_str(), saved.support_contact.as_str()),
            (stored.notes.as_str(), stored.support_contact.as_str())
        );
    }
}
