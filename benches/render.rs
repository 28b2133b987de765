//! Render time of a 2,100-project portfolio (700 copies of the render tests' hand-built
//! portfolio, `tests/testsuite/common.rs`): the project views (with charts) on one thread, then
//! the whole site.

#[path = "../tests/testsuite/common.rs"]
mod common;

use crate::Mode;

pub fn many_projects(mode: Mode) {
    let copies = if mode == Mode::Bench { 700 } else { 2 };
    let settings = common::settings(false);
    let base = common::portfolio(&common::plain);
    let mut big = base.clone();
    big.projects.clear();
    for i in 0..copies {
        for p in &base.projects {
            let mut p = folio::model::Project::clone(p);
            p.id = format!("{}-{i:04}", p.id);
            p.def.name = format!("{} {i}", p.def.name);
            big.projects.push(std::sync::Arc::new(p));
        }
    }
    let report = folio::metrics::compute(&big, common::d(common::AS_OF));
    let ctx = folio::render::views::Ctx::new(&report);
    let t = std::time::Instant::now();
    for p in &report.projects {
        std::hint::black_box(folio::render::views::project::build(&ctx, "../../", p));
    }
    eprintln!("project views (with charts), one thread: {:?}", t.elapsed());
    let t = std::time::Instant::now();
    let files = common::site(&big, &settings).unwrap();
    let bytes: usize = files.values().map(Vec::len).sum();
    eprintln!(
        "rendered {} files, {} MB in {:?}",
        files.len(),
        bytes / 1_000_000,
        t.elapsed()
    );
}
