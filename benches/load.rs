//! Loading a big content folder phase by phase, one thread each, through the library's public
//! functions: listing the update files, reading them, the YAML key scan of their front matter
//! (`yaml::scan`, the fast path where it applies), scan and deserialize (`yaml::parse`), then
//! the whole `load::load` (parallel). Content: `FOLIO_BENCH_CONTENT`, else
//! `target/bench/2000x52/content`; missing content is an error.

use std::path::{Path, PathBuf};
use std::time::Instant;

use folio::model::UpdateFrontMatter;
use folio::yaml::Source;

use crate::Mode;

pub(crate) fn phases(mode: Mode) {
    let tmp = tempfile::tempdir().unwrap();
    let root = match mode {
        Mode::Bench => crate::bench_content(),
        Mode::Smoke => crate::smoke_content(tmp.path()),
    };
    let t = Instant::now();
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root.join("projects"))
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file() && e.path().parent().is_some_and(|p| p.ends_with("updates")))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    eprintln!("list (1 thread): {:?} for {} updates", t.elapsed(), files.len());
    assert!(!files.is_empty(), "no updates under {}", root.display());
    let t = Instant::now();
    let texts: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    eprintln!("read (1 thread): {:?}", t.elapsed());
    let yamls: Vec<&str> = texts
        .iter()
        .map(|t| folio::load::split_front_matter(t).expect("front matter"))
        .collect();
    let x = Path::new("x");
    let t = Instant::now();
    for yaml in &yamls {
        folio::yaml::scan(Source::file(x, yaml)).unwrap();
    }
    eprintln!("scan (1 thread): {:?}", t.elapsed());
    let t = Instant::now();
    for yaml in &yamls {
        folio::yaml::parse::<UpdateFrontMatter>(Source::file(x, yaml)).unwrap();
    }
    eprintln!("scan+deserialize (1 thread): {:?}", t.elapsed());
    let t = Instant::now();
    let loaded = folio::load::load(&root).unwrap_or_else(|d| panic!("the content does not load: {d:?}"));
    eprintln!(
        "load: {:?} ({} projects)",
        t.elapsed(),
        loaded.portfolio.projects.len()
    );
}
