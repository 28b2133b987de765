//! The synthetic portfolio generator used by `scripts/bench.sh`: a small generated portfolio is
//! valid (`check`: loads with no errors), builds, and is the same for the same seed. CI runs only
//! this; the timings themselves are in BENCHMARKS.md.

use std::fs;

use folio::{build, load, synth, BuildOptions};

#[test]
fn generated_portfolio_checks_and_builds() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    synth::generate(&content, 20, 8, 1).unwrap();

    let loaded = load::load(&content).unwrap_or_else(|d| panic!("generated content is invalid: {d:?}"));
    assert_eq!(loaded.portfolio.projects.len(), 20);
    let updates: usize = loaded.portfolio.projects.iter().map(|p| p.updates.len()).sum();
    assert_eq!(updates, 20 * 8);

    let output = dir.path().join("public");
    let site = build(&BuildOptions {
        content: content.clone(),
        output: output.clone(),
        as_of: None,
        base_url: None,
        theme: None,
    })
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
    synth::generate(&again, 20, 8, 1).unwrap();
    assert_eq!(files(&again), files(&content), "same seed, different content");
    synth::generate(&dir.path().join("other"), 20, 8, 2).unwrap();
    assert_ne!(
        files(&dir.path().join("other")),
        files(&content),
        "the seed changes nothing"
    );
}

/// Every file under `root`: relative path and bytes, sorted.
fn files(root: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<_> = walkdir::WalkDir::new(root)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, fs::read(e.path()).unwrap())
        })
        .collect();
    out.sort();
    out
}
