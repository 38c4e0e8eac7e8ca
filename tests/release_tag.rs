//! The release workflow refuses a tag that is not Cargo.toml's version (scripts/check-tag.sh,
//! which the workflow's first job runs), so an archive can never be named for one version and
//! hold another.

use std::path::Path;
use std::process::Command;

fn check(tag: &str) -> (i32, String) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/check-tag.sh");
    let out = Command::new("timeout")
        .args(["30", "bash"])
        .arg(&script)
        .arg(tag)
        .output()
        .expect("runs bash");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

#[test]
fn the_tag_of_this_version_passes_and_any_other_is_refused() {
    let version = env!("CARGO_PKG_VERSION");
    let (code, said) = check(&format!("v{version}"));
    assert_eq!(code, 0, "{said}");
    assert_eq!(said, format!("check-tag: v{version} matches Cargo.toml\n"));
    for wrong in ["v9.9.9", version, "v0.1.0-rc1"] {
        if wrong == format!("v{version}") {
            continue;
        }
        let (code, said) = check(wrong);
        assert_eq!(code, 1, "{wrong}: {said}");
        assert_eq!(
            said,
            format!(
                "check-tag: the tag is {wrong} but Cargo.toml's version is {version}; tag v{version}, or change the version first\n"
            )
        );
    }
}
