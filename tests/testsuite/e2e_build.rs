//! `folio build` end to end on the bundled example: a failed build leaves an existing output
//! folder byte for byte as it was, builds are deterministic, `--as-of` reproduces the past, and
//! a folder folio did not create is never replaced; a generated (synthetic) portfolio checks, builds
//! and is the same for the same seed.

use crate::harness::{tree, write_files};
use crate::testutil::copy_dir;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use assert_cmd::Command;

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}

fn build(content: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    Command::cargo_bin("folio")
        .unwrap()
        .arg("build")
        .arg("--content")
        .arg(content)
        .arg("--output")
        .arg(out)
        .args(extra)
        .env_remove("CI_PAGES_URL")
        .output()
        .unwrap()
}

/// The example built by `folio build` with the defaults: every file of its output folder (the
/// marker included). Built once for the tests of this module.
fn example_site() -> &'static [(String, Vec<u8>)] {
    static SITE: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    SITE.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let o = build(&example(), &out, &[]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let site = tree(&out);
        assert!(site.iter().any(|(p, _)| p == "index.html"));
        site
    })
}

/// A copy of the example in `tmp/content`, and its site (as `folio build` wrote it) in
/// `tmp/public`: the two paths and the output.
fn built_copy(tmp: &Path) -> (PathBuf, PathBuf, Vec<(String, Vec<u8>)>) {
    let content = tmp.join("content");
    copy_dir(&example(), &content);
    let out = tmp.join("public");
    write_files(&out, example_site().iter().map(|(rel, bytes)| (rel, bytes)));
    let before = tree(&out);
    assert!(before == example_site());
    (content, out, before)
}

#[test]
fn failed_build_leaves_existing_output_exactly_as_it_was() {
    let tmp = tempfile::tempdir().unwrap();
    let (content, out, before) = built_copy(tmp.path());

    let update = content.join("projects/northwind-dedicated-migration/updates/2026-11-20.md");
    let text = fs::read_to_string(&update).unwrap();
    fs::write(
        &update,
        text.replacen("percent_complete:", "percent_compelte:", 1),
    )
    .unwrap();
    let o = build(&content, &out, &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("projects/northwind-dedicated-migration/updates/2026-11-20.md:")
            && err.contains("did you mean `percent_complete`?"),
        "{err}"
    );
    assert_eq!(tree(&out), before, "a failed build changed the output folder");
    let leftovers: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 2, "temporary folders left behind: {leftovers:?}");
}

/// Pages are written into the temporary folder as they render: a page that fails to render
/// after others were written still leaves the output as it was, and no temporary folder.
#[test]
fn a_page_that_fails_to_render_leaves_existing_output_exactly_as_it_was() {
    let tmp = tempfile::tempdir().unwrap();
    let (content, out, before) = built_copy(tmp.path());
    // A theme whose program page reads a value that does not exist: it compiles, and fails
    // only when a program page is rendered, after other pages were written.
    let theme = tmp.path().join("broken-theme");
    fs::create_dir_all(theme.join("templates")).unwrap();
    fs::write(
        theme.join("templates/program.html"),
        "{% extends \"base.html\" %}{% block main %}{{ view.no_such_field.at_all }}{% endblock main %}",
    )
    .unwrap();
    let o = build(&content, &out, &["--theme", theme.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("program.html"), "{err}");
    assert_eq!(tree(&out), before, "a failed build changed the output folder");
    let mut leftovers: Vec<String> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    leftovers.sort();
    assert_eq!(
        leftovers,
        ["broken-theme", "content", "public"],
        "temporary folders left behind"
    );
}

#[test]
fn same_content_and_as_of_give_byte_identical_sites() {
    let tmp = tempfile::tempdir().unwrap();
    let again = tmp.path().join("again");
    assert!(build(&example(), &again, &[]).status.success());
    let (first, second) = (example_site(), tree(&again));
    assert!(first.len() > 30, "{} files", first.len());
    assert!(first == second, "two builds of the example differ");
}

#[test]
fn as_of_reproduces_the_past() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    assert!(build(&example(), &out, &["--as-of", "2026-10-02"])
        .status
        .success());
    let json: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("portfolio.json")).unwrap()).unwrap();
    assert_eq!(json["as_of"], "2026-10-02");
    for p in json["projects"].as_array().unwrap() {
        if let Some(latest) = p["latest_update"].as_str() {
            assert!(latest <= "2026-10-02", "{} has an update from {latest}", p["id"]);
        }
    }
    let index = fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("2026-10-02") && !index.contains("2026-11-20"));
}

#[test]
fn a_folder_folio_did_not_create_is_refused_and_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("docs");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("thesis.txt"), "precious").unwrap();
    let o = build(&example(), &out, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("docs"));
    assert_eq!(tree(&out), vec![("thesis.txt".to_string(), b"precious".to_vec())]);
}

/// The synthetic portfolio generator used by `scripts/bench.sh`: a small generated portfolio is
/// valid (`check`: loads with no errors), builds, and is the same for the same seed (the timings
/// themselves are in BENCHMARKS.md).
#[test]
fn generated_portfolio_checks_and_builds() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    folio::synth::generate(&content, 20, 8, 1).unwrap();

    let loaded =
        folio::load::load(&content).unwrap_or_else(|d| panic!("generated content is invalid: {d:?}"));
    assert_eq!(loaded.portfolio.projects.len(), 20);
    let updates: usize = loaded.portfolio.projects.iter().map(|p| p.updates.len()).sum();
    assert_eq!(updates, 20 * 8);

    let output = dir.path().join("public");
    let site = folio::driver::build(&folio::driver::Settings::new(&content), &output)
        .unwrap_or_else(|e| panic!("generated content does not build: {e}"));
    assert_eq!(site.report.projects.len(), 20);
    assert!(output.join("index.html").is_file());
    assert!(output.join("portfolio.json").is_file());
    let project_pages = fs::read_dir(output.join("projects"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().join("index.html").is_file())
        .count();
    assert_eq!(project_pages, 20);

    // Same seed, same content.
    let again = dir.path().join("again");
    folio::synth::generate(&again, 20, 8, 1).unwrap();
    assert_eq!(tree(&again), tree(&content), "same seed, different content");
    folio::synth::generate(&dir.path().join("other"), 20, 8, 2).unwrap();
    assert_ne!(
        tree(&dir.path().join("other")),
        tree(&content),
        "the seed changes nothing"
    );
}
