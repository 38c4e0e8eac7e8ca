//! Names that Windows keeps for its devices (CON, PRN, AUX, NUL, COM1-9, LPT1-9) never become
//! an assessment's folder or a checklist's file, so an assessment made anywhere opens on a
//! consultant's Windows laptop.

mod common;

use common::{Sandbox, run};

#[test]
fn an_organisation_named_like_a_device_gets_an_id_windows_can_use() {
    let s = Sandbox::new();
    for (org, id) in [
        ("CON", "con-2"),
        ("Nul", "nul-2"),
        ("com1", "com1-2"),
        ("LPT9", "lpt9-2"),
        ("Aux Care", "aux-care"),
    ] {
        let (code, out, err) = run(&s, &["new", "--org", org]);
        assert_eq!(code, 0, "{org}: {err}");
        assert!(
            err.starts_with(&format!("Started assessment `{id}` ")),
            "{org}: {out}{err}"
        );
        assert!(s.path().join("assessments").join(id).is_dir(), "{id}");
    }
    // A site appended after a device-like organisation name is already fine as it stands.
    let (_, _, err) = run(&s, &["new", "--org", "PRN", "--site", "Leeds"]);
    assert!(err.starts_with("Started assessment `prn-leeds` "), "{err}");
}

#[test]
fn a_checklist_whose_id_is_a_device_name_is_refused_at_its_line() {
    let s = Sandbox::new();
    let (code, out, _) = run(
        &s,
        &["validate", "invalid/checklist-id-windows-device.toml"],
    );
    assert_eq!(code, 1);
    assert_eq!(
        out.lines().next().expect("a line"),
        "invalid/checklist-id-windows-device.toml:2:6: checklist id `nul` is a name Windows keeps for a device (CON, PRN, AUX, NUL, COM1-9, LPT1-9), so its file could not be made there: choose another"
    );
}
