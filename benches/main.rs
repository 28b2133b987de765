//! folio's wall-clock benchmarks, run by hand on a quiet machine (BENCHMARKS.md gives each
//! command and its last figures). One binary (`harness = false`) so the library links once:
//!
//!     cargo bench --bench benches              # every benchmark
//!     cargo bench --bench benches -- load      # those whose name contains `load`
//!
//! `cargo bench` passes `--bench`; without it (as `cargo test --all-targets` runs this binary)
//! every benchmark runs once on a small input as a smoke test, its timings not meaningful.
//! A benchmark whose input is missing fails (exit code 1); it never passes without running.

mod load;
mod metrics;
mod render;
mod serve_rebuild;
mod yaml_scan;

/// How a run is sized: the real measurement (`cargo bench`) or a small smoke run (`cargo test`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Bench,
    Smoke,
}

/// A generated content folder for a smoke run (20 projects × 8 weeks; `folio generate`).
pub fn smoke_content(dir: &std::path::Path) -> std::path::PathBuf {
    let content = dir.join("content");
    folio::synth::generate(&content, 20, 8, 1).expect("generate smoke content");
    content
}

/// The content a benchmark reads: `FOLIO_BENCH_CONTENT`, else `target/bench/2000x52/content`
/// (written by `scripts/bench.sh 2000x52`). Missing content ends the run with an error.
pub fn bench_content() -> std::path::PathBuf {
    let dir = std::env::var_os("FOLIO_BENCH_CONTENT")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench/2000x52/content")
        });
    if !dir.is_dir() {
        eprintln!(
            "error: no content at {} (run scripts/bench.sh 2000x52, or set FOLIO_BENCH_CONTENT)",
            dir.display()
        );
        std::process::exit(1);
    }
    dir
}

/// A benchmark: its name (what filters match) and the function that runs it.
type Bench = (&'static str, fn(Mode));

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mode = if args.iter().any(|a| a == "--bench") {
        Mode::Bench
    } else {
        Mode::Smoke
    };
    let filters: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let benches: [Bench; 6] = [
        ("metrics_compute", metrics::compute),
        ("metrics_trend", metrics::trend),
        ("load_phases", load::phases),
        ("yaml_fast_path", yaml_scan::fast_path),
        ("render_many_projects", render::many_projects),
        ("serve_rebuild_one_update", serve_rebuild::one_changed_update),
    ];
    let mut ran = 0;
    for (name, run) in benches {
        if filters.is_empty() || filters.iter().any(|f| name.contains(f)) {
            eprintln!(
                "== {name}{}",
                if mode == Mode::Smoke { " (smoke run)" } else { "" }
            );
            run(mode);
            ran += 1;
        }
    }
    // A test filter given to `cargo test` reaches this binary too: matching nothing is then
    // fine, as it is for libtest. Asked to measure, it is an error.
    if ran == 0 && mode == Mode::Bench {
        eprintln!("error: no benchmark matches {filters:?}");
        std::process::exit(1);
    }
}
