//! Metrics at scale: `compute` on 10,000 projects × 52 weekly updates with records, changes and
//! milestone mentions (the target is well under a second in an optimized build), and the
//! 13-week trend alone on 2,000 projects (median and fastest of 7 runs, no bound). The
//! portfolio is built in Rust with the unit tests' builders (`folio::metrics::testkit`, public
//! with folio-core's `test-support` feature, which the dev-dependency enables).

use std::time::Instant;

use chrono::Days;

use crate::Mode;
use folio::metrics::testkit::*;
use folio::model::{ChangeStatus, OpenClosed, Project};

fn big_portfolio(n: usize, weeks: u64) -> folio::model::Portfolio {
    let start = d("2025-01-06");
    let projects: Vec<Project> = (0..n)
        .map(|i| {
            let mut p = project(&format!("p{i:05}"), "2025-01-06", "2026-01-05", 1e6, 8e5);
            p.def.milestones = (0..8)
                .map(|m| milestone(&format!("m{m}"), "2025-06-01"))
                .collect();
            for w in 0..weeks {
                let date = start.checked_add_days(Days::new(7 * w)).unwrap().to_string();
                let mut u = update(&date, w as f64 * 1.9, w as f64 * 15_000.0);
                u.front
                    .risks
                    .push(risk(&format!("r{}", w % 10), 3, 4, OpenClosed::Open));
                u.front
                    .milestones
                    .push(mention(&format!("m{}", w % 8), Some(&date), None));
                if w % 4 == 0 {
                    u.front.changes.push(change(
                        &format!("c{w}"),
                        ChangeStatus::Approved,
                        Some(1e3),
                        Some(2e3),
                        Some(1),
                    ));
                }
                p.updates.push(u);
            }
            p
        })
        .collect();
    portfolio(projects)
}

/// `compute` on 10,000 projects × 52 updates; fails above 1 s (10 s in a debug build).
pub(crate) fn compute(mode: Mode) {
    let n = if mode == Mode::Bench { 10_000 } else { 50 };
    let pf = big_portfolio(n, 52);
    let t = Instant::now();
    let r = folio::metrics::compute(&pf, d("2026-01-05"));
    let elapsed = t.elapsed();
    eprintln!("compute {n} × 52: {elapsed:?}");
    assert_eq!(r.projects.len(), n);
    assert_eq!(r.projects[n - 1].history.len(), 52);
    let limit = if cfg!(debug_assertions) { 10.0 } else { 1.0 };
    assert!(elapsed.as_secs_f64() < limit, "took {elapsed:?}");
}

/// The 13-week trend alone (12 past week ends) on 2,000 projects × 52 updates: the median and
/// the fastest of 7 runs.
pub(crate) fn trend(mode: Mode) {
    let n = if mode == Mode::Bench { 2_000 } else { 20 };
    let pf = big_portfolio(n, 52);
    let now = folio::metrics::compute_current(&pf, d("2025-11-03"));
    let mut times: Vec<f64> = (0..7)
        .map(|_| {
            let t = Instant::now();
            let points = folio::metrics::trend::trend(&pf, &now);
            let elapsed = t.elapsed().as_secs_f64();
            assert_eq!(points.len(), 13);
            elapsed
        })
        .collect();
    times.sort_by(f64::total_cmp);
    eprintln!(
        "trend {n} × 52: median {:.1} ms, fastest {:.1} ms",
        times[3] * 1e3,
        times[0] * 1e3
    );
}
