//! Fallback fonts found the way each platform keeps them (issue 31): folders laid out like
//! Windows', macOS's and Linux's, with small fonts copied from carecheck's own assets (and,
//! where the machine has it, a real CJK font linked in), and the warning naming what to
//! install on that platform.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use carecheck::domain::date::Timestamp;
use carecheck::report::document::{DocumentKind, Finish, finish_with};
use carecheck::report::fonts::{Finder, Platform};
use carecheck::report::layout::{A4, Block, TextStyle, layout};
use carecheck::report::pdf;

const SMALL_FONT: &str = "assets/fonts/DejaVuSansMono.ttf";
const CJK_FONT: &str = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";

fn put(root: &Path, relative: &str, from: &Path) -> PathBuf {
    let path = root.join(relative);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("folders");
    std::fs::copy(from, &path).expect("copy");
    path
}

fn small_font() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(SMALL_FONT)
}

/// A folder laid out like `platform`'s, with a font file in each of its fonts folders (a
/// CJK-looking name in the user's folder), and the environment that points there.
fn laid_out_like(platform: Platform, root: &Path) -> (Finder, Vec<PathBuf>) {
    let home = root.join("home");
    let vars: Vec<(&str, OsString)> = match platform {
        Platform::Windows => vec![
            ("WINDIR", root.join("Windows").into()),
            ("LOCALAPPDATA", home.join("AppData").join("Local").into()),
            ("HOME", home.clone().into()),
        ],
        Platform::MacOs | Platform::Linux => vec![("HOME", home.clone().into())],
    };
    let env = |name: &str| {
        vars.iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.clone())
    };
    // macOS's and Linux's system folders are absolute: the fixture stands under `root`.
    let roots: Vec<PathBuf> = platform
        .roots(&env)
        .into_iter()
        .map(|r| {
            if r.starts_with(&home) || r.starts_with(root) {
                r
            } else {
                root.join(r.strip_prefix("/").unwrap_or(&r))
            }
        })
        .collect();
    let (system, user) = match platform {
        Platform::Windows => ("arial.ttf", "msyh.ttf"),
        Platform::MacOs => ("Helvetica.ttf", "PingFang.ttf"),
        Platform::Linux => ("dejavu/DejaVuSans.ttf", "NotoSansCJK-Regular.ttf"),
    };
    let mut files = vec![put(&roots[0], system, &small_font())];
    let last = roots.last().expect("a user folder");
    files.push(put(last, user, &small_font()));
    (
        Finder {
            platform,
            roots,
            fontconfig: false,
        },
        files,
    )
}

#[test]
fn each_platforms_folders_are_searched_with_fonts_named_for_the_script_first() {
    for platform in [Platform::Windows, Platform::MacOs, Platform::Linux] {
        let dir = tempfile::tempdir().expect("dir");
        let (finder, files) = laid_out_like(platform, dir.path());
        // The user's folder is the last root, and its CJK-named font comes first for a
        // Chinese character; the system one after it.
        let last = finder.roots.last().expect("root");
        match platform {
            Platform::Windows => assert!(last.ends_with("AppData/Local/Microsoft/Windows/Fonts")),
            Platform::MacOs => assert!(last.ends_with("home/Library/Fonts")),
            Platform::Linux => assert!(last.ends_with("home/.fonts")),
        }
        assert_eq!(
            finder.candidates('张'),
            [files[1].clone(), files[0].clone()],
            "{platform:?}"
        );
        // For Latin-only needs no name is hinted: by name, regular faces first.
        assert_eq!(finder.candidates('a').len(), 2, "{platform:?}");
    }
}

fn meta() -> pdf::Metadata {
    pdf::Metadata {
        title: "Card".into(),
        author: "Oak".into(),
        subject: "s".into(),
        keywords: Vec::new(),
        created: Timestamp::from_unix(0),
        bookmarks: Vec::new(),
        manifest: None,
    }
}

fn card_with(finder: &Finder, text: &str) -> carecheck::report::Pack {
    let lay_out = |fonts: &pdf::Fonts| {
        Ok(layout(
            &[Block::paragraph(text, TextStyle::BODY)],
            fonts,
            A4,
        ))
    };
    let document = Finish {
        kind: DocumentKind::IncidentCard,
        spec: A4,
        meta: meta(),
    };
    finish_with(finder, document, &lay_out).expect("finished")
}

#[test]
fn the_warning_names_what_to_install_on_that_platform() {
    for (platform, says, never) in [
        (Platform::Windows, "Optional features", "package"),
        (Platform::MacOs, "Font Book", "package"),
        (Platform::Linux, "fonts-noto-cjk package", "Font Book"),
    ] {
        let dir = tempfile::tempdir().expect("dir");
        let (finder, _) = laid_out_like(platform, dir.path());
        let pack = card_with(&finder, "Dr Zhang Wei 张伟");
        assert_eq!(pack.warnings.len(), 1, "{platform:?}: {:?}", pack.warnings);
        let warning = &pack.warnings[0];
        assert!(
            warning.starts_with("the incident card: no installed font can draw 张伟 (Chinese, Japanese or Korean), so it prints them as \u{FFFD}. Install "),
            "{warning}"
        );
        assert!(warning.contains(says), "{platform:?}: {warning}");
        assert!(!warning.contains(never), "{platform:?}: {warning}");
    }
}

#[test]
#[ignore = "needs a CJK font (fonts-noto-cjk, which .ci/run installs)"]
fn a_cjk_font_in_the_windows_users_folder_draws_the_name() {
    let cjk = Path::new(CJK_FONT);
    assert!(cjk.exists(), "install fonts-noto-cjk");
    let dir = tempfile::tempdir().expect("dir");
    let (finder, _) = laid_out_like(Platform::Windows, dir.path());
    let user = finder.roots.last().expect("user folder");
    std::fs::copy(cjk, user.join("NotoSansCJK-Regular.ttc")).expect("copy");
    let pack = card_with(&finder, "Dr Zhang Wei 张伟");
    assert!(pack.warnings.is_empty(), "{:?}", pack.warnings);
}
