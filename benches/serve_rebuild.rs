//! Time of one `folio serve` rebuild after one changed update, on a generated portfolio (after
//! `scripts/bench.sh 2000x52` generated the content; `FOLIO_BENCH_CONTENT` picks another content
//! folder). The content is copied first, so the benchmark folder is never edited.

use std::time::Instant;

use folio::serve::rebuild::Rebuilder;
use folio::serve::site::Site;

use crate::Mode;

pub fn one_changed_update(mode: Mode) {
    let dir = tempfile::tempdir().unwrap();
    let src = match mode {
        Mode::Bench => crate::bench_content(),
        Mode::Smoke => crate::smoke_content(&dir.path().join("smoke")),
    };
    let content = dir.path().join("content");
    for e in walkdir::WalkDir::new(&src).follow_links(true) {
        let e = e.unwrap();
        let dest = content.join(e.path().strip_prefix(&src).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
    let mut b = Rebuilder::new(folio::driver::Settings::new(&content));
    let t = Instant::now();
    let first = b
        .rebuild(&[])
        .unwrap_or_else(|_| panic!("the content does not build"));
    println!("first build: {} ms ({:?})", t.elapsed().as_millis(), first.times);

    // Change the narrative of one project's latest update, as an editor would.
    let project = std::fs::read_dir(content.join("projects"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("updates").is_dir())
        .min()
        .unwrap();
    let update = std::fs::read_dir(project.join("updates"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .max()
        .unwrap();
    // `FOLIO_REBUILDS=N` repeats the edit and the rebuild N times (for a profiler).
    let rounds: usize = std::env::var("FOLIO_REBUILDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1);
    let page = format!(
        "projects/{}/index.html",
        project.file_name().unwrap().to_string_lossy()
    );
    for round in 0..rounds {
        let text = std::fs::read_to_string(&update).unwrap();
        let line = format!("One more line ({round}).");
        std::fs::write(&update, format!("{text}\n{line}\n")).unwrap();

        let t = Instant::now();
        let again = b
            .rebuild(std::slice::from_ref(&update))
            .unwrap_or_else(|_| panic!("rebuild failed"));
        println!(
            "rebuild after one changed update: {} ms ({:?})",
            t.elapsed().as_millis(),
            again.times
        );
        let bytes = again.site.get(&page).expect("the page").expect("renders");
        println!("… and its page rendered: {} ms", t.elapsed().as_millis());
        let html = String::from_utf8_lossy(&bytes);
        assert!(html.contains(&line), "the change is not on {page}");
    }
}
