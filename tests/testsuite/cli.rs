//! The `folio` command line's output rules: the one-line build summary, `-q` (errors only),
//! `-v` (stage timings and output path), no ANSI colours when stderr is not a terminal or
//! `NO_COLOR` is set, and the exit codes 0 / 1 / 2.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/serve");
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.unwrap();
        let dest = dir
            .path()
            .join("content")
            .join(entry.path().strip_prefix(&src).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
    dir
}

fn folio(dir: &Path, args: &[&str], no_color: bool) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_folio"));
    cmd.current_dir(dir).args(args).env_remove("NO_COLOR");
    if no_color {
        cmd.env("NO_COLOR", "1");
    }
    cmd.output().unwrap()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn build_prints_one_summary_line() {
    let dir = fixture();
    let o = folio(dir.path(), &["build"], false);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let e = err(&o);
    assert_eq!(e.lines().count(), 1, "{e}");
    assert!(
        e.starts_with("built ") && e.contains("for 1 project as of 2026-01-19 into output"),
        "{e}"
    );
    assert!(e.contains("0 warnings"), "{e}");
    assert!(!e.contains('\x1b'), "colour on a pipe: {e:?}");
    assert!(dir.path().join("output/index.html").is_file());
}

#[test]
fn quiet_and_verbose() {
    let dir = fixture();
    let o = folio(dir.path(), &["-q", "build"], false);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(err(&o), "");
    let o = folio(dir.path(), &["-v", "build", "--output", "public"], false);
    let e = err(&o);
    assert!(e.contains("stages: load ") && e.contains(" write "), "{e}");
    let out = dir.path().join("public").canonicalize().unwrap();
    assert!(e.contains(&format!("output: {}", out.display())), "{e}");
    let o = folio(dir.path(), &["-q", "-v", "build"], false);
    assert_eq!(o.status.code(), Some(2), "-q and -v conflict");
}

#[test]
fn failed_build_exits_1_and_names_the_problem() {
    let dir = fixture();
    let upd = dir.path().join("content/projects/atlas/updates/2026-01-12.md");
    let text = std::fs::read_to_string(&upd).unwrap();
    std::fs::write(&upd, text.replace("percent_complete: 12", "percent_compelte: 12")).unwrap();
    for no_color in [true, false] {
        let o = folio(dir.path(), &["-q", "build"], no_color);
        assert_eq!(o.status.code(), Some(1));
        let e = err(&o);
        assert!(e.contains("projects/atlas/updates/2026-01-12.md:"), "{e}");
        assert!(e.contains("unknown key `percent_compelte`"), "{e}");
        assert!(
            e.lines().last().unwrap().starts_with("error: build failed: ")
                && e.contains("problems in the content; output was left untouched"),
            "{e}"
        );
        assert!(!e.contains('\x1b'), "{e:?}");
        assert!(!dir.path().join("output").exists());
    }
    let o = folio(dir.path(), &["check"], true);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains(" problems found"), "{}", err(&o));
}

#[test]
fn check_summary_and_usage_errors() {
    let dir = fixture();
    let o = folio(dir.path(), &["check"], true);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        err(&o).contains("content: content is valid (0 warnings); 1 project, 2 updates"),
        "{}",
        err(&o)
    );
    assert_eq!(
        folio(dir.path(), &["build", "--as-of", "yesterday"], true)
            .status
            .code(),
        Some(2)
    );
    assert_eq!(folio(dir.path(), &["frobnicate"], true).status.code(), Some(2));
}

/// `folio schema project >/dev/full`: a message and exit 1, not a panic (exit 101).
#[cfg(target_os = "linux")]
#[test]
fn stdout_on_a_full_disk_is_an_error_not_a_panic() {
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["schema", "project"])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    let e = err(&o);
    assert!(e.starts_with("error: cannot write to standard output: "), "{e}");
    assert!(!e.contains("panicked"), "{e}");
}

/// `folio schema project | head -c1`: the reader left; stop quietly with exit 0, as ripgrep does.
#[test]
fn stdout_to_a_closed_pipe_exits_quietly() {
    for args in [&["schema", "project"][..], &["check", "--format", "json"][..]] {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader); // nobody will read: the first write fails with EPIPE
        let o = Command::new(env!("CARGO_BIN_EXE_folio"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(args)
            .stdout(writer)
            .stderr(std::process::Stdio::piped())
            .output()
            .unwrap();
        let e = err(&o);
        assert!(
            !e.contains("panicked") && !e.contains("error: cannot write"),
            "{args:?}: {e}"
        );
        if args[0] == "schema" {
            assert_eq!(o.status.code(), Some(0), "{args:?}: {e}");
        }
    }
}
