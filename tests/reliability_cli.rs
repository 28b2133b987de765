//! Round 3 of docs/reliability.md for the command line and the preview server: `report
//! --output` that must not overwrite content or foreign files, bounded request headers, escaped
//! file names, unique facet slugs, bounded dates, formula-safe CSV under every separator,
//! shortened echoes of huge values and the warning for a non-loopback `--bind`. Each test is
//! named after the fault it pins.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn copy_dir(src: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(src) {
        let e = e.unwrap();
        let dest = to.join(e.path().strip_prefix(src).unwrap());
        if e.file_type().is_dir() {
            fs::create_dir_all(&dest).unwrap();
        } else {
            fs::copy(e.path(), &dest).unwrap();
        }
    }
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// A copy of the `valid` fixture at `<tmp>/content`.
fn valid_content(tmp: &Path) -> PathBuf {
    let content = tmp.join("content");
    copy_dir(&fixture("valid"), &content);
    content
}

/// Runs folio in `dir` without colours.
fn folio(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_folio"))
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

// ---- item 4: `report --output` ----

fn report_to(dir: &Path, out: &str, extra: &[&str]) -> Output {
    let mut args = vec![
        "report",
        "acme",
        "--as-of",
        "2026-03-20",
        "--content",
        "content",
        "--output",
        out,
    ];
    args.extend_from_slice(extra);
    folio(dir, &args)
}

#[test]
fn report_output_inside_the_content_is_a_usage_error() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let content = valid_content(dir);
    let yaml = content.join("projects/acme/project.yaml");
    let before = fs::read(&yaml).unwrap();
    fs::create_dir(dir.join("elsewhere")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&content, dir.join("link")).unwrap();
    let mut outs = vec![
        "content/projects/acme/project.yaml",
        "elsewhere/../content/projects/acme/project.yaml",
        "content/new-report.html",
        "content",
    ];
    if cfg!(unix) {
        outs.push("link/projects/acme/project.yaml");
        outs.push("link/projects/acme/report.html");
    }
    for out in outs {
        // Even --force does not allow writing into the content.
        for extra in [&[][..], &["--force"][..]] {
            let o = report_to(dir, out, extra);
            assert_eq!(o.status.code(), Some(2), "{out} {extra:?}: {}", stderr(&o));
            assert!(
                stderr(&o).contains("inside the content folder"),
                "{out}: {}",
                stderr(&o)
            );
        }
    }
    assert_eq!(fs::read(&yaml).unwrap(), before, "project.yaml was replaced");
    assert!(!content.join("new-report.html").exists());
    assert!(!content.join("projects/acme/report.html").exists());
}

#[test]
fn report_refuses_to_replace_a_file_it_did_not_write_unless_forced() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    valid_content(dir);
    // A report folio wrote is replaced without asking.
    let o = report_to(dir, "acme.html", &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = report_to(dir, "acme.html", &[]);
    assert_eq!(o.status.code(), Some(0), "own report: {}", stderr(&o));
    // Anything else is refused, and left as it was.
    fs::write(dir.join("notes.html"), "<p>my notes</p>").unwrap();
    let o = report_to(dir, "notes.html", &[]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--force"), "{}", stderr(&o));
    assert_eq!(
        fs::read_to_string(dir.join("notes.html")).unwrap(),
        "<p>my notes</p>"
    );
    // A folder is not a file to replace, forced or not.
    fs::create_dir(dir.join("folder.html")).unwrap();
    let o = report_to(dir, "folder.html", &["--force"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    // --force replaces it.
    let o = report_to(dir, "notes.html", &["--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(fs::read_to_string(dir.join("notes.html"))
        .unwrap()
        .contains("<meta name=\"generator\" content=\"folio"));
}
