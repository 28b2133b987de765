//! Robustness of the whole load stage: randomly damaged copies of the valid fixture never make
//! it panic, and the damage is always reported.

use crate::testutil::copy_dir;
use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

#[test]
fn damaged_content_never_panics() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/valid");
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture, tmp.path());
    let mut all = Vec::new();
    files(tmp.path(), &mut all);
    all.sort();
    let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    assert!(super::load_with_today(tmp.path(), today).is_ok());
    let pieces: [&[u8]; 12] = [
        b"\n", b": ", b"- ", b"---\n", b"{", b"]", b"\t", b"\xFF", b"&a ", b"*a", b"'", b"  ",
    ];
    let mut rng = crate::synth::Rng::new(42);
    let mut next = |m: usize| rng.index(m);
    for _ in 0..300 {
        let file = &all[next(all.len())];
        let original = fs::read(file).unwrap();
        let mut bytes = original.clone();
        for _ in 0..next(3) + 1 {
            let at = next(bytes.len() + 1);
            match next(3) {
                0 => bytes.truncate(at),
                1 => {
                    let p = pieces[next(pieces.len())];
                    bytes.splice(at..at, p.iter().copied());
                }
                _ => {
                    let end = (at + next(8)).min(bytes.len());
                    bytes.drain(at..end);
                }
            }
        }
        fs::write(file, &bytes).unwrap();
        if let Err(diags) = super::load_with_today(tmp.path(), today) {
            // The damaged file is named, unless the damage shows in another file (a record
            // first mentioned in it, say, then looks incomplete in a later update).
            let rel = file.strip_prefix(tmp.path()).unwrap();
            assert!(
                diags.iter().any(|d| d.path == rel
                    || rel.starts_with(&d.path)
                    || matches!(
                        d.code,
                        "record-incomplete" | "unknown-milestone" | "unknown-program" | "missing-key"
                    )),
                "no diagnostic names {}:\n{diags:#?}",
                rel.display()
            );
        }
        fs::write(file, &original).unwrap();
    }
}
