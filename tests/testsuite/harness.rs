//! What the end-to-end tests share: running the built `folio` binary (in a folder, without
//! colours, with a time limit), its output as text, copies of the fixture folders under
//! `tests/fixtures` to run it on, reading back the folders it writes, and asserting on the text
//! it prints.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use crate::testutil::copy_dir;

/// `tests/fixtures/<rel>` of this repository.
pub(crate) fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

/// Copies `tests/fixtures/<rel>` to `to`.
pub(crate) fn copy_fixture_to(rel: &str, to: &Path) {
    copy_dir(&fixture(rel), to);
}

/// A new temporary folder holding a copy of `tests/fixtures/<rel>`.
pub(crate) fn fixture_copy(rel: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_fixture_to(rel, tmp.path());
    tmp
}

/// The built folio binary as a plain command, for tests that give it paths, an environment or
/// signals of their own.
pub(crate) fn bin() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_folio"))
}

/// Writes each `(relative path, contents)` of `files` under `root`, making the folders on the way.
pub(crate) fn write_files<P: AsRef<Path>, C: AsRef<[u8]>>(
    root: &Path,
    files: impl IntoIterator<Item = (P, C)>,
) {
    for (rel, contents) in files {
        let path = root.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, contents).unwrap();
    }
}

/// Rewrites the text file `path` as `change` makes it.
pub(crate) fn edit(path: &Path, change: impl FnOnce(String) -> String) {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    fs::write(path, change(text)).unwrap();
}

/// A new temporary folder holding a copy of `tests/fixtures/<rel>` at `<tmp>/<name>`: the folder
/// (kept while the test runs) and the copy's path.
pub(crate) fn fixture_copy_at(rel: &str, name: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let copy = tmp.path().join(name);
    copy_fixture_to(rel, &copy);
    (tmp, copy)
}

/// Runs `folio ARGS` in `dir` without colours (`NO_COLOR`), killed after a minute (a hang
/// fails the test instead of stalling the suite).
pub(crate) fn folio(dir: &Path, args: &[&str]) -> Output {
    assert_cmd::Command::cargo_bin("folio")
        .unwrap()
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap()
}

/// The exit code (-1 when a signal ended the process).
pub(crate) fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

pub(crate) fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub(crate) fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// [`folio`] as (exit code, stdout, stderr).
pub(crate) fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let o = folio(dir, args);
    (code(&o), stdout(&o), stderr(&o))
}

/// `folio check --content . EXTRA` in `dir` (paths in messages are then relative to the content
/// root): (exit code, stdout, stderr).
pub(crate) fn check(dir: &Path, extra: &[&str]) -> (i32, String, String) {
    let args: Vec<&str> = ["check", "--content", "."].iter().chain(extra).copied().collect();
    run(dir, &args)
}

/// Every file under `dir` as (relative path with `/`, absolute path), sorted.
pub(crate) fn files(dir: &Path) -> Vec<(String, PathBuf)> {
    let mut v: Vec<(String, PathBuf)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, e.path().to_path_buf())
        })
        .collect();
    v.sort();
    v
}

/// Every file under `dir` as (relative path with `/`, bytes), sorted: a whole output folder to
/// compare with another.
pub(crate) fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    files(dir)
        .into_iter()
        .map(|(rel, path)| (rel, fs::read(path).unwrap()))
        .collect()
}

/// The names in the folder `dir`, sorted.
pub(crate) fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// Asserts that `text` holds each of `needles`; `what` names the text in a failure.
#[track_caller]
pub(crate) fn assert_contains_all(text: &str, what: &str, needles: &[&str]) {
    for n in needles {
        assert!(text.contains(n), "{what}: no `{n}` in:\n{text}");
    }
}
