//! The write stage (see docs/reliability.md): atomic swap, marker file, refusal of foreign folders, a failed
//! write leaving the output untouched, and byte-identical output for the same input.

use std::fs;
use std::path::Path;

use folio::driver::SiteFiles;
use folio::write::{write_site, MARKER};

use crate::harness::{names, tree};

fn site(pairs: &[(&str, &str)]) -> SiteFiles {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.as_bytes().to_vec()))
        .collect()
}

/// `<parent>/<name>` is a finished output folder (it holds folio's marker) and stands alone in
/// `parent`: no temporary folder was left beside it.
fn assert_alone_with_marker(parent: &Path, name: &str) {
    assert!(parent.join(name).join(MARKER).is_file(), "{name}: no marker");
    assert_eq!(names(parent), [name], "temporary folders left beside {name}");
}

#[test]
fn writes_new_folder_with_marker() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    write_site(
        &site(&[("index.html", "<p>hi</p>"), ("projects/a/index.html", "A")]),
        &out,
    )
    .unwrap();
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "<p>hi</p>");
    assert_eq!(
        fs::read_to_string(out.join("projects/a/index.html")).unwrap(),
        "A"
    );
    assert_alone_with_marker(tmp.path(), "public");
}

#[test]
fn replaces_previous_output_completely() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("output");
    write_site(&site(&[("old.html", "old"), ("index.html", "v1")]), &out).unwrap();
    write_site(&site(&[("index.html", "v2")]), &out).unwrap();
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "v2");
    assert!(!out.join("old.html").exists(), "stale files must disappear");
    assert_alone_with_marker(tmp.path(), "output");
}

#[test]
fn refuses_foreign_non_empty_folder_and_touches_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("docs");
    fs::create_dir_all(out.join("sub")).unwrap();
    fs::write(out.join("precious.txt"), "keep me").unwrap();
    fs::write(out.join("sub/also.txt"), "me too").unwrap();
    let before = tree(&out);
    let err = write_site(&site(&[("index.html", "x")]), &out).unwrap_err();
    let msg = format!("{err:#}");
    assert!(msg.contains("refusing") && msg.contains(MARKER), "{msg}");
    assert_eq!(tree(&out), before);
    assert_eq!(names(tmp.path()), vec!["docs".to_string()]);
}

#[test]
fn refuses_a_file_in_place_of_the_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    fs::write(&out, "a file").unwrap();
    assert!(write_site(&site(&[("index.html", "x")]), &out).is_err());
    assert_eq!(fs::read_to_string(&out).unwrap(), "a file");
}

#[test]
fn empty_existing_folder_is_used() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    fs::create_dir(&out).unwrap();
    write_site(&site(&[("index.html", "x")]), &out).unwrap();
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "x");
}

#[test]
fn failed_write_leaves_previous_output_exactly_as_it_was() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("output");
    write_site(&site(&[("index.html", "v1"), ("a/b.html", "b")]), &out).unwrap();
    let before = tree(&out);
    // A file and a folder of the same name cannot both exist: the write fails midway.
    let bad = site(&[("index.html", "v2"), ("x", "file"), ("x/y.html", "inside a file")]);
    assert!(write_site(&bad, &out).is_err());
    assert_eq!(tree(&out), before);
    assert_alone_with_marker(tmp.path(), "output");
    // Unsafe paths are refused before anything is written.
    for evil in ["../escape.html", "/abs.html", "a/../../b.html", ""] {
        assert!(write_site(&site(&[(evil, "x")]), &out).is_err(), "{evil}");
        assert_eq!(tree(&out), before);
    }
    assert!(!tmp.path().join("escape.html").exists());
}

#[test]
fn same_input_gives_byte_identical_output() {
    let tmp = tempfile::tempdir().unwrap();
    let files = site(&[
        ("index.html", "a"),
        ("z/index.html", "z"),
        ("static/site.css", "b{}"),
    ]);
    write_site(&files, &tmp.path().join("one")).unwrap();
    write_site(&files, &tmp.path().join("two")).unwrap();
    assert_eq!(tree(&tmp.path().join("one")), tree(&tmp.path().join("two")));
}

/// An interrupted build's handler deletes the temporary folder while writer threads may still
/// be writing pages: a write after that fails instead of creating the folder again (it did,
/// through `create_dir_all`, and the folder was left behind: seen once in CI).
#[test]
fn a_write_after_the_temporary_folder_was_deleted_fails_and_recreates_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("o");
    let staging = folio::write::Staging::begin(&out).unwrap();
    staging.write("projects/a/index.html", b"a").unwrap();
    let temp: Vec<String> = names(tmp.path());
    assert_eq!(temp.len(), 1, "{temp:?}");
    fs::remove_dir_all(tmp.path().join(&temp[0])).unwrap();
    assert!(staging.write("projects/b/index.html", b"b").is_err());
    assert!(staging.write("index.html", b"i").is_err());
    assert_eq!(
        names(tmp.path()),
        Vec::<String>::new(),
        "the temporary folder came back"
    );
}
