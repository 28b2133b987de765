//! Earned value and planned percent tests. Expected values come from published exercises
//! (cited per test) and are recomputed exactly by hand where the published answer is rounded;
//! planned percent interpolation as documented.

use crate::metrics::evm::{evm, planned_percent, sorted_plan};
use crate::metrics::testkit::*;
use crate::model::{ChangeStatus, PlanPoint};

/// Rita Mulcahy, *PMP Exam Prep* (earned value chapter), the four-sided fence exercise: each side
/// is budgeted $1,000 and planned to take one day, sides built one after the other; at the end of
/// day 3 sides 1 and 2 are done (spent $1,000 and $1,200) and side 3 is half done (spent $600).
/// Published answers: BAC 4,000, PV 3,000, EV 2,500, AC 2,800, CV −300, SV −500, CPI 0.893,
/// SPI 0.833, EAC 4,479, ETC 1,679, VAC −479. The last three are computed from the rounded CPI
/// (4,000 / 0.893 = 4,479.28); exactly, EAC = 4,000 × 2,800 / 2,500 = 4,480, ETC = 1,680,
/// VAC = −480, and TCPI = (4,000 − 2,500) / (4,000 − 2,800) = 1,500 / 1,200 = 1.25.
/// Here the PV comes from the baseline plan itself: a 4-day project from 2026-01-01 to
/// 2026-01-05, linear, so at 2026-01-04 (end of day 3) planned = 100 × 3/4 = 75 %.
#[test]
fn fence_exercise_through_compute() {
    let mut p = project("fence", "2026-01-01", "2026-01-05", 5000.0, 4000.0);
    p.updates.push(update("2026-01-04", 62.5, 2800.0));
    let r = crate::metrics::compute(&portfolio(vec![p]), d("2026-01-04"));
    let e = &r.projects[0].evm;
    assert_eq!(e.planned_percent, Some(75.0));
    assert_eq!(e.bac, Some(4000.0));
    assert_eq!(e.pv, Some(3000.0));
    assert_eq!(e.ev, Some(2500.0));
    assert_eq!(e.ac, Some(2800.0));
    assert_eq!(e.cv, Some(-300.0));
    assert_eq!(e.sv, Some(-500.0));
    close(e.cpi.unwrap(), 2500.0 / 2800.0); // 0.892857142857…, published 0.893
    close(e.spi.unwrap(), 2500.0 / 3000.0); // 0.8333…, published 0.833
    close(e.eac.unwrap(), 4480.0); // published 4,479 (rounded CPI)
    close(e.etc.unwrap(), 1680.0);
    close(e.vac.unwrap(), -480.0);
    assert_eq!(e.tcpi, Some(1.25));
}

/// Kathy Schwalbe, *Information Technology Project Management*, ch. 7 exercise: a six-month
/// project with BAC $200,000; after three months PV = $120,000, EV = $100,000, AC = $90,000.
/// Answers: CV = 10,000, SV = −20,000, CPI = 1.11, SPI = 0.83, EAC = BAC / CPI = 180,000 (exact:
/// 200,000 × 90,000 / 100,000), ETC = 90,000, VAC = 20,000, TCPI = 100,000 / 110,000 = 10/11.
#[test]
fn schwalbe_exercise() {
    let e = evm(200_000.0, 60.0, 50.0, 90_000.0, None);
    assert_eq!((e.pv, e.ev, e.ac), (120_000.0, 100_000.0, 90_000.0));
    assert_eq!((e.cv, e.sv), (10_000.0, -20_000.0));
    close(e.cpi.unwrap(), 10.0 / 9.0);
    close(e.spi.unwrap(), 5.0 / 6.0);
    close(e.eac, 180_000.0);
    close(e.etc, 90_000.0);
    close(e.vac, 20_000.0);
    close(e.tcpi.unwrap(), 10.0 / 11.0);
}

/// arizval.app, "Project control and monitoring — examples" (civil engineering course):
/// PV = 500,000, EV = 450,000, AC = 480,000 → CV = −30,000, SV = −50,000, CPI = 0.94 (exactly
/// 0.9375 = 15/16), SPI = 0.9; with BAC = 1,000,000 the EAC = BAC / CPI = 1,066,666.67 (with the
/// rounded 0.94 it would be 1,063,829.79 — the trap). Exactly: 1,000,000 × 16 / 15.
/// TCPI problem on the same page: BAC 5,000,000, EV 2,000,000, AC 2,500,000 → 3/2.5 = 1.2.
#[test]
fn arizval_examples() {
    let e = evm(1_000_000.0, 50.0, 45.0, 480_000.0, None);
    assert_eq!((e.pv, e.ev), (500_000.0, 450_000.0));
    assert_eq!((e.cv, e.sv), (-30_000.0, -50_000.0));
    assert_eq!(e.cpi, Some(0.9375)); // 15/16 is exact in binary
    close(e.spi.unwrap(), 0.9);
    close(e.eac, 1_000_000.0 * 16.0 / 15.0);
    let e = evm(5_000_000.0, 40.0, 40.0, 2_500_000.0, None);
    assert_eq!(e.ev, 2_000_000.0);
    assert_eq!(e.tcpi, Some(1.2));
}

/// ceboardexamgenerator.com, "Project control and earned value": BAC P5,000,000, EV P1,500,000,
/// AC P1,800,000 → EAC = BAC / CPI = 5,000,000 / (1.5/1.8) = P6,000,000.
#[test]
fn ceboard_eac() {
    let e = evm(5_000_000.0, 30.0, 30.0, 1_800_000.0, None);
    close(e.eac, 6_000_000.0);
    close(e.vac, -1_000_000.0);
}

#[test]
fn undefined_ratios_and_eac_fallbacks() {
    // AC = 0: CPI null, EAC falls back to BAC, TCPI = (bac - ev) / bac.
    let e = evm(1000.0, 10.0, 5.0, 0.0, None);
    assert_eq!(e.cpi, None);
    assert_eq!(e.eac, 1000.0);
    assert_eq!(e.etc, 1000.0);
    assert_eq!(e.vac, 0.0);
    assert_eq!(e.tcpi, Some(0.95));
    // PV = 0 (update on the start date): SPI null.
    let e = evm(1000.0, 0.0, 5.0, 40.0, None);
    assert_eq!(e.spi, None);
    assert_eq!(e.cpi, Some(1.25));
    // CPI = 0 (cost but no progress): EAC = BAC, not infinity.
    let e = evm(1000.0, 10.0, 0.0, 40.0, None);
    assert_eq!(e.cpi, Some(0.0));
    assert_eq!(e.eac, 1000.0);
    // The PM's EAC overrides BAC / CPI.
    let e = evm(1000.0, 50.0, 50.0, 800.0, Some(1500.0));
    assert_eq!((e.eac, e.etc, e.vac), (1500.0, 700.0, -500.0));
    // 100 % complete exactly on budget: BAC = AC, so TCPI is null; CPI = SPI = 1.
    let e = evm(1000.0, 100.0, 100.0, 1000.0, None);
    assert_eq!(
        (e.cpi, e.spi, e.tcpi, e.eac, e.vac),
        (Some(1.0), Some(1.0), None, 1000.0, 0.0)
    );
}

fn plan(points: &[(&str, f64)]) -> Vec<(chrono::NaiveDate, f64)> {
    let pts: Vec<PlanPoint> = points
        .iter()
        .map(|(date, percent)| PlanPoint {
            date: d(date),
            percent: *percent,
        })
        .collect();
    sorted_plan(&pts)
}

#[test]
fn planned_percent_interpolation() {
    let (s, e) = (d("2026-01-01"), d("2026-01-11"));
    let none = plan(&[]);
    assert_eq!(planned_percent(s, e, &none, d("2025-12-01")), 0.0); // before start
    assert_eq!(planned_percent(s, e, &none, s), 0.0);
    assert_eq!(planned_percent(s, e, &none, d("2026-01-02")), 10.0);
    assert_eq!(planned_percent(s, e, &none, e), 100.0);
    assert_eq!(planned_percent(s, e, &none, d("2027-01-01")), 100.0); // after end

    // One plan point (Jan 6, 80): Jan 3 → 80 × 2/5 = 32; Jan 8 → 80 + 20 × 2/5 = 88.
    let one = plan(&[("2026-01-06", 80.0)]);
    assert_eq!(planned_percent(s, e, &one, d("2026-01-03")), 32.0);
    assert_eq!(planned_percent(s, e, &one, d("2026-01-06")), 80.0);
    assert_eq!(planned_percent(s, e, &one, d("2026-01-08")), 88.0);
    // Given out of order, the plan is sorted by date.
    let two = plan(&[("2026-01-09", 90.0), ("2026-01-06", 50.0)]);
    assert_eq!(planned_percent(s, e, &two, d("2026-01-07")), 50.0 + 40.0 / 3.0);
    // Duplicate dates form a step: Jan 5 → 40 × 4/5 = 32, Jan 6 → 60, Jan 8 → 60 + 40 × 2/5.
    let dup = plan(&[("2026-01-06", 40.0), ("2026-01-06", 60.0)]);
    assert_eq!(planned_percent(s, e, &dup, d("2026-01-05")), 32.0);
    assert_eq!(planned_percent(s, e, &dup, d("2026-01-06")), 60.0);
    assert_eq!(planned_percent(s, e, &dup, d("2026-01-08")), 76.0);
    // Points after current_end (or on/before start) are ignored: end shortened to Jan 6.
    let late = plan(&[("2025-12-20", 30.0), ("2026-01-08", 90.0)]);
    assert_eq!(planned_percent(s, d("2026-01-06"), &late, d("2026-01-04")), 60.0);
    // Clamped to 0-100: a plan point of 120 % on Jan 6.
    let over = plan(&[("2026-01-06", 120.0)]);
    assert_eq!(planned_percent(s, e, &over, d("2026-01-05")), 96.0);
    assert_eq!(planned_percent(s, e, &over, d("2026-01-06")), 100.0);
    assert_eq!(planned_percent(s, e, &over, d("2026-01-07")), 100.0); // 116 clamped
}

#[test]
fn planned_percent_override_and_schedule_change() {
    let mut p = project("a", "2026-01-01", "2026-01-11", 1000.0, 1000.0);
    let mut u = update("2026-01-03", 10.0, 100.0);
    u.front.planned_percent = Some(33.0);
    p.updates.push(u);
    // A later update approves +10 days: current_end Jan 21, so Jan 6 is 5/20 = 25 % planned.
    let mut u = update("2026-01-06", 20.0, 200.0);
    u.front.changes.push(change(
        "cr-1",
        ChangeStatus::Approved,
        Some(500.0),
        None,
        Some(10),
    ));
    p.updates.push(u);
    let r = crate::metrics::compute(&portfolio(vec![p]), d("2026-01-10"));
    let pr = &r.projects[0];
    assert_eq!(pr.current_end, d("2026-01-21"));
    assert_eq!(pr.history[0].planned_percent, 33.0);
    assert_eq!(pr.history[0].pv, 330.0);
    assert_eq!(pr.history[0].bac, 1000.0);
    assert_eq!(pr.evm.planned_percent, Some(25.0));
    assert_eq!(pr.evm.bac, Some(1500.0));
    assert_eq!(pr.evm.pv, Some(375.0));
    assert_eq!(pr.evm.ev, Some(300.0));
}

#[test]
fn review_planned_percent_interpolation() {
    // (01-01, 0), (01-11, 50), (01-31, 100): 10 days then 20 days.
    let (s, e) = (d("2026-01-01"), d("2026-01-31"));
    let plan = [(d("2026-01-11"), 50.0)];
    close(planned_percent(s, e, &plan, d("2026-01-06")), 25.0); // 50 × 5 / 10
    close(planned_percent(s, e, &plan, d("2026-01-11")), 50.0);
    close(planned_percent(s, e, &plan, d("2026-01-21")), 75.0); // 50 + 50 × 10 / 20
    close(planned_percent(s, e, &plan, d("2025-12-01")), 0.0); // clamped before start
    close(planned_percent(s, e, &plan, d("2026-03-01")), 100.0); // clamped after end
    close(planned_percent(s, e, &[], d("2026-01-16")), 50.0); // 15 / 30 without plan
}
