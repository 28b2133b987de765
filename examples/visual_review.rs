//! Writes outputs for a look by eye, which no test can judge:
//!
//!     cargo run --example visual_review -- charts /tmp/gallery   # every chart fixture as SVG
//!     cargo run --example visual_review -- site /tmp/preview     # the render fixture sites
//!
//! `charts` writes each chart of `tests/testsuite/charts/fixtures.rs` (normal, empty and edge
//! cases); `site` writes the plain and the hostile site of `tests/testsuite/common.rs`.

#[path = "../tests/testsuite/common.rs"]
mod common;
#[path = "../tests/testsuite/charts/fixtures.rs"]
#[allow(dead_code)]
mod fixtures;

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match (args.first().map(String::as_str), args.get(1)) {
        (Some("charts"), Some(dir)) => charts(Path::new(dir)),
        (Some("site"), Some(dir)) => site(Path::new(dir)),
        _ => {
            eprintln!("usage: visual_review (charts|site) DIR");
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}

/// Every chart fixture as an SVG file, `NN-<id>.svg`.
fn charts(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    let mut all = fixtures::all_charts("Website relaunch");
    all.extend(fixtures::empty_charts().into_iter().map(|c| {
        let id = format!("empty-{}", c.id);
        c.with_id(&id)
    }));
    all.extend(fixtures::edge_charts().into_iter().map(|c| {
        let id = format!("edge-{}", c.id);
        c.with_id(&id)
    }));
    for (i, c) in all.iter().enumerate() {
        assert!(c.svg.starts_with("<svg"), "{}", c.id);
        std::fs::write(dir.join(format!("{i:02}-{}.svg", c.id)), &c.svg).unwrap();
    }
    println!("{} charts written to {}", all.len(), dir.display());
}

/// The plain and the hostile fixture sites, in `DIR/plain` and `DIR/hostile`.
fn site(dir: &Path) {
    let settings = common::settings(false);
    for (name, text) in [
        ("plain", &common::plain as &dyn Fn(&str) -> String),
        ("hostile", &common::hostile),
    ] {
        let files = common::site(&common::portfolio(text), &settings).expect("render");
        folio::write::write_site(&files, &dir.join(name)).unwrap();
    }
    println!("sites written to {}", dir.display());
}
