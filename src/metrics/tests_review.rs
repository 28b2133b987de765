//! Independent review tests (docs/metrics.md: baseline, earned value, revenue, roll-ups; docs/exports.md): worked examples computed by hand,
//! the arithmetic in comments. Rules (health, week change, records, people) are in
//! `tests_review_rules`, the JSON shape of the same example in `tests_review_json`.

use crate::metrics::testkit::*;
use crate::model::{
    ChangeStatus, Engagement, OpenClosed, Partner, PlanPoint, Program, ProgramFile, Project, Rag,
};
use crate::report::Health;

/// Fixed price, 2026-01-01..2026-12-31, value 1 200 000, budget 1 000 000,
/// plan (written unsorted) 2026-04-01 → 20 %, 2026-07-01 → 50 %.
fn alpha() -> Project {
    let mut p = project("alpha", "2026-01-01", "2026-12-31", 1_200_000.0, 1_000_000.0);
    p.def.plan = vec![
        PlanPoint {
            date: d("2026-07-01"),
            percent: 50.0,
        },
        PlanPoint {
            date: d("2026-04-01"),
            percent: 20.0,
        },
    ];
    // Baseline milestones written unsorted.
    for (id, due) in [
        ("m-c", "2026-06-10"),
        ("m-a", "2026-03-01"),
        ("m-b", "2026-05-10"),
    ] {
        p.def.milestones.push(milestone(id, due));
    }
    p.def.partners.push(Partner {
        name: "Acme".into(),
        role: "sub".into(),
        budget: Some(10_000.0),
    });
    // U1: c1 proposed (+100k budget, +120k value, +30 days), c2 approved (+50k, +60k).
    let mut u1 = update("2026-02-01", 5.0, 50_000.0);
    u1.front.changes.push(change(
        "c1",
        ChangeStatus::Proposed,
        Some(100_000.0),
        Some(120_000.0),
        Some(30),
    ));
    u1.front.changes.push(change(
        "c2",
        ChangeStatus::Approved,
        Some(50_000.0),
        Some(60_000.0),
        None,
    ));
    u1.front.milestones.push(mention("m-a", Some("2026-03-05"), None));
    u1.front.risks.push(risk("r-b", 2, 3, OpenClosed::Open));
    u1.front.risks.push(risk("r-a", 4, 4, OpenClosed::Open));
    // U2 on the last day of FY26-Q1: c1 approved without repeating its deltas; PM's EAC.
    let mut u2 = update("2026-03-31", 20.0, 220_000.0);
    u2.front.estimate_at_completion = Some(1_100_000.0);
    u2.front
        .changes
        .push(change("c1", ChangeStatus::Approved, None, None, None));
    u2.front.milestones.push(mention("m-a", None, Some("2026-03-04")));
    u2.front.milestones.push(mention("m-b", Some("2026-05-20"), None));
    // U3 (latest ≤ A): c2 approved then rejected; forecast_end before A + 1.
    let mut u3 = update("2026-05-15", 30.0, 400_000.0);
    u3.front.forecast_end = Some(d("2026-05-18"));
    u3.front
        .changes
        .push(change("c2", ChangeStatus::Rejected, None, None, None));
    u3.front.milestones.push(mention("m-c", Some("2026-06-20"), None));
    // U4 after A: must be ignored everywhere.
    let mut u4 = update("2026-06-01", 90.0, 10.0);
    u4.front.status.overall = Rag::Red;
    u4.front.changes.push(change(
        "c3",
        ChangeStatus::Approved,
        Some(1e6),
        Some(1e6),
        Some(99),
    ));
    u4.front.milestones.push(mention("m-c", None, Some("2026-06-01")));
    u4.front.risks.push(risk("r-z", 5, 5, OpenClosed::Open));
    p.updates = vec![u1, u2, u3, u4];
    p
}

/// The worked example: A = 2026-05-20, calendar fiscal year.
/// Projects (given unsorted): alpha (program p1), bravo (p1, only an update after A),
/// delta (p2). Target FY26-Q2 = 1 000 000.
pub(super) fn worked() -> crate::report::Report {
    let mut bravo = project("bravo", "2026-06-01", "2026-08-31", 90_000.0, 80_000.0);
    bravo.def.program = Some("p1".into());
    bravo.updates.push(update("2026-06-05", 10.0, 1.0)); // after A
    let mut alpha = alpha();
    alpha.def.program = Some("p1".into());
    let mut delta = project("delta", "2026-01-01", "2026-12-31", 500_000.0, 400_000.0);
    delta.def.program = Some("p2".into());
    let mut u = update("2026-05-18", 40.0, 150_000.0);
    u.front.planned_percent = Some(40.0);
    u.front.status.overall = Rag::Amber;
    delta.updates.push(u);
    let mut pf = portfolio(vec![delta, bravo, alpha]);
    pf.config.revenue_targets.insert("FY26-Q2".into(), 1_000_000.0);
    for id in ["p2", "p1"] {
        pf.programs.push(Program {
            id: id.into(),
            file: ProgramFile {
                name: id.to_uppercase(),
                description: None,
                sponsor: None,
            },
            path: format!("programs/{id}.yaml").into(),
        });
    }
    crate::metrics::compute(&pf, d("2026-05-20"))
}

#[test]
fn review_fixed_price_worked_example() {
    let r = worked();
    let a = r.projects.iter().find(|p| p.id == "alpha").unwrap();
    // Current baseline at A: c1 approved (latest), c2 rejected (latest) → bac = 1 000 000 + 100 000
    // = 1 100 000; value = 1 200 000 + 120 000 = 1 320 000; end 2026-12-31 + 30 = 2027-01-30.
    assert_eq!((a.current_value, a.current_end), (1_320_000.0, d("2027-01-30")));
    let e = &a.evm;
    close(e.bac.unwrap(), 1_100_000.0);
    // Earned value at d = 2026-05-15, between (04-01, 20) and (07-01, 50): 44 of 91 days →
    // 20 + 30 × 44 / 91 = 34.505494505…; pv = 1 100 000 × that / 100 = 379 560.4395604…
    close(e.planned_percent.unwrap(), 20.0 + 30.0 * 44.0 / 91.0);
    close(e.pv.unwrap(), 379_560.439_560_439_5);
    close(e.ev.unwrap(), 330_000.0); // 1 100 000 × 30 %
    close(e.ac.unwrap(), 400_000.0);
    close(e.cv.unwrap(), -70_000.0);
    close(e.sv.unwrap(), -49_560.439_560_439_5);
    close(e.cpi.unwrap(), 0.825); // 330 000 / 400 000
    close(e.spi.unwrap(), 3003.0 / 3454.0); // 330 000 × 91 / 34 540 000
    close(e.eac.unwrap(), 1_100_000.0 / 0.825); // 1 333 333.33…
    close(e.etc.unwrap(), 933_333.333_333_333_3);
    close(e.vac.unwrap(), -233_333.333_333_333_3);
    close(e.tcpi.unwrap(), 1.1); // 770 000 / 700 000
                                 // Revenue cost-to-cost: 1 320 000 × 400 000 / 1 333 333.33 = 1 320 000 × 0.3 = 396 000;
                                 // margin = (396 000 − 400 000) / 396 000.
    close(a.recognized_revenue, 396_000.0);
    close(a.margin.unwrap(), -4_000.0 / 396_000.0);
    // Bookings, baseline as it stood at each update:
    // U1 02-01: bac 1 050 000 (c2 only), value 1 260 000, ev 52 500, cpi 1.05,
    //   eac 1 000 000 → 1 260 000 × 50 000 / 1 000 000 = 63 000 (FY26-Q1).
    // U2 03-31: bac 1 150 000, value 1 380 000, PM eac 1 100 000 → 1 380 000 × 0.2 = 276 000;
    //   books 213 000 in FY26-Q1 (its last day) → Q1 = 276 000.
    // U3 05-15: 396 000 − 276 000 = 120 000 in FY26-Q2.
    let h: Vec<f64> = a.history.iter().map(|h| h.recognized_revenue).collect();
    assert_eq!(h.len(), 3, "the update after A is not history");
    close(h[0], 63_000.0);
    close(h[1], 276_000.0);
    close(a.history[1].eac, 1_100_000.0);
    close(a.history[1].bac, 1_150_000.0);
    let q: Vec<(&str, f64, f64)> = a
        .revenue_by_quarter
        .iter()
        .map(|q| (q.label.as_str(), q.actual, q.forecast))
        .collect();
    // Forecast: 1 320 000 − 396 000 = 924 000 over the days after A up to
    // max(05-18, A + 1 = 05-21): the one day 05-21, in FY26-Q2.
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!((q[0].0, q[1].0), ("FY26-Q1", "FY26-Q2"));
    close(q[0].1, 276_000.0);
    close(q[0].2, 0.0);
    close(q[1].1, 120_000.0);
    close(q[1].2, 924_000.0);
    // Changes: c2's latest status is rejected and it keeps the deltas it was given.
    let c2 = a.changes.iter().find(|c| c.id == "c2").unwrap();
    assert_eq!(
        (c2.status, c2.budget_delta),
        (ChangeStatus::Rejected, Some(50_000.0))
    );
    assert_eq!(a.changes.len(), 2, "c3 is after A");
    // Milestones milestones, A = 05-20, A + 30 = 06-19 (sorted by id).
    let m: Vec<_> = a
        .milestones
        .iter()
        .map(|m| (m.id.as_str(), m.forecast, m.done, m.slip_days, m.late, m.upcoming))
        .collect();
    assert_eq!(
        m,
        vec![
            // done 03-04 → slip 3; forecast kept from U1 (a done-only mention).
            ("m-a", d("2026-03-05"), Some(d("2026-03-04")), 3, false, false),
            // forecast 05-20 − due 05-10 = 10; due < A → late; A ≤ 05-20 ≤ 06-19 → upcoming.
            ("m-b", d("2026-05-20"), None, 10, true, true),
            // 06-20 − 06-10 = 10; not late; 06-20 > 06-19 → not upcoming; done after A ignored.
            ("m-c", d("2026-06-20"), None, 10, false, false),
        ]
    );
    // Health: cpi 0.825 < 0.85 → red; declared green → watermelon.
    assert_eq!(
        (a.health.declared, a.health.computed),
        (Health::Green, Health::Red)
    );
    assert!(a.health.watermelon);
    assert_eq!(a.days_since_update, Some(5));
    assert!(!a.stale);
    // Risks sorted by id, score = p × i; r-z is after A.
    let risks: Vec<_> = a.risks.iter().map(|r| (r.id.as_str(), r.score)).collect();
    assert_eq!(risks, vec![("r-a", 16), ("r-b", 6)]);
}

#[test]
fn review_rollups_and_programs() {
    let r = worked();
    let ids: Vec<&str> = r.projects.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["alpha", "bravo", "delta"]);
    // bravo: only an update after A → unknown, no EVM, recognized 0.
    let b = &r.projects[1];
    assert_eq!(
        (b.health.declared, b.health.computed),
        (Health::Unknown, Health::Unknown)
    );
    assert_eq!(b.evm, Default::default());
    // delta: ev = pv = 160 000, ac 150 000: cpi 16/15, spi 1, eac 375 000 →
    // recognized 500 000 × 150 000 / 375 000 = 200 000 in FY26-Q2; computed green.
    let dl = &r.projects[2];
    close(dl.recognized_revenue, 200_000.0);
    assert_eq!(
        (dl.health.declared, dl.health.computed),
        (Health::Amber, Health::Green)
    );
    let p = &r.portfolio;
    let count = |m: &std::collections::BTreeMap<Health, usize>| Health::ALL.map(|h| m[&h]);
    // [green, amber, red, unknown]
    assert_eq!(count(&p.health.declared), [1, 1, 0, 1]);
    assert_eq!(count(&p.health.computed), [1, 0, 1, 1]);
    // Σ bac = 1 100 000 + 80 000 (bravo's baseline, no update) + 400 000.
    close(p.bac, 1_580_000.0);
    close(p.ac, 550_000.0); // 400 000 + 150 000
    close(p.ev, 490_000.0); // 330 000 + 160 000
    close(p.pv, 539_560.439_560_439_5); // 379 560.44 + 160 000
    close(p.cpi.unwrap(), 490_000.0 / 550_000.0);
    close(p.spi.unwrap(), 490_000.0 / 539_560.439_560_439_5);
    close(p.current_value, 1_910_000.0); // 1 320 000 + 90 000 + 500 000
    close(p.recognized_revenue, 596_000.0); // 396 000 + 0 + 200 000
                                            // Forecasts, over the days after A = 05-20 only: alpha 924 000 on 05-21 (Q2). delta
                                            // 500 000 − 200 000 = 300 000 over 05-21..12-31 = 225 days (Q2 11 + 30 = 41, Q3 92,
                                            // Q4 92). bravo (no update, not started: decision): 90 000 over its baseline
                                            // 06-01..08-31 = 92 days (Q2 30, Q3 62).
    let q: Vec<_> = p.quarters.iter().map(|q| q.label.as_str()).collect();
    assert_eq!(q, ["FY26-Q1", "FY26-Q2", "FY26-Q3", "FY26-Q4"]);
    let (q1, q2, q3, q4) = (&p.quarters[0], &p.quarters[1], &p.quarters[2], &p.quarters[3]);
    assert_eq!(
        (q1.target, q1.attainment, q1.projected_attainment),
        (None, None, None)
    );
    close(q1.actual, 276_000.0);
    close(q2.actual, 320_000.0); // 120 000 + 200 000
    let f2 = 924_000.0 + 90_000.0 * 30.0 / 92.0 + 300_000.0 * 41.0 / 225.0; // 1 008 014.49
    close(q2.forecast, f2);
    assert_eq!(q2.target, Some(1_000_000.0));
    close(q2.attainment.unwrap(), 0.32);
    close(q2.projected_attainment.unwrap(), (320_000.0 + f2) / 1e6); // 1.32801…
                                                                     // Only alpha (computed red) is at risk; gap = max(0, 1 000 000 − 320 000 − f2) = 0.
    close(q2.forecast_at_risk, 924_000.0);
    assert_eq!((q2.gap, q1.gap), (Some(0.0), None));
    close(q3.forecast, 90_000.0 * 62.0 / 92.0 + 300_000.0 * 92.0 / 225.0);
    close(q4.forecast, 300_000.0 * 92.0 / 225.0);
    assert_eq!((q3.forecast_at_risk, q4.forecast_at_risk), (0.0, 0.0));
    // Programs, sorted by id: p1 = alpha + bravo, p2 = delta; no targets.
    let g: Vec<_> = r.programs.iter().map(|g| g.id.as_str()).collect();
    assert_eq!(g, ["p1", "p2"]);
    let p1 = &r.programs[0].rollup;
    assert_eq!(count(&p1.health.declared), [1, 0, 0, 1]);
    assert_eq!(count(&p1.health.computed), [0, 0, 1, 1]);
    close(p1.bac, 1_180_000.0);
    close(p1.cpi.unwrap(), 0.825);
    assert!(p1
        .quarters
        .iter()
        .all(|q| q.target.is_none() && q.attainment.is_none()));
    close(r.programs[1].rollup.recognized_revenue, 200_000.0);
}

#[test]
fn review_time_and_materials_with_february_fiscal_year() {
    // s = 2, A = 2026-05-10. FY27 = Feb 2026 – Jan 2027: Q1 Feb–Apr, Q2 May–Jul, Q3 Aug–Oct,
    // Q4 Nov–Jan. Rate 100, value 50 000, end 2026-11-30.
    let mut t = project("tm", "2026-01-01", "2026-11-30", 50_000.0, 40_000.0);
    t.def.engagement = Engagement::TimeAndMaterials;
    t.def.rate = Some(100.0);
    for (date, hours, ac) in [
        ("2026-01-31", 100.0, 8_000.0),  // 10 000, FY26-Q4 (Jan 31, s = 2)
        ("2026-02-01", 150.0, 12_000.0), // 15 000, books 5 000 in FY27-Q1
        ("2026-04-30", 300.0, 24_000.0), // 30 000, books 15 000 in FY27-Q1 (its last day)
        ("2026-05-01", 450.0, 30_000.0), // 45 000, books 15 000 in FY27-Q2
        ("2026-05-20", 9_999.0, 1.0),    // after A: ignored
    ] {
        let mut u = update(date, 10.0, ac);
        u.front.hours = Some(hours);
        t.updates.push(u);
    }
    // Capped: min(600 × 100, 50 000) = 50 000, booked in FY27-Q2; margin (50 − 20) / 50.
    let mut cap = project("tm-cap", "2026-01-01", "2026-05-01", 50_000.0, 40_000.0);
    cap.def.engagement = Engagement::TimeAndMaterials;
    cap.def.rate = Some(100.0);
    let mut u = update("2026-05-01", 100.0, 20_000.0);
    u.front.hours = Some(600.0);
    cap.updates.push(u);
    let mut pf = portfolio(vec![cap, t]);
    pf.config.fiscal_year_start_month = 2;
    pf.config.revenue_targets.insert("FY27-Q1".into(), 25_000.0);
    pf.config.revenue_targets.insert("FY27-Q2".into(), 40_000.0);
    let r = crate::metrics::compute(&pf, d("2026-05-10"));
    let tm = &r.projects[0];
    assert_eq!(tm.id, "tm");
    close(tm.recognized_revenue, 45_000.0);
    close(tm.margin.unwrap(), 1.0 / 3.0); // (45 000 − 30 000) / 45 000
    close(r.projects[1].recognized_revenue, 50_000.0);
    close(r.projects[1].margin.unwrap(), 0.6);
    // tm: projected hours 450 × 100 / 10 = 4 500, billable 450 000 > value, so the remaining
    // revenue is min(50 000, 450 000) − 45 000 = 5 000, over 05-11..11-30 = 204 days:
    // Q2 21 + 30 + 31 = 82, Q3 31 + 30 + 31 = 92, Q4 30. tm-cap is 100 % complete: 0.
    let got: Vec<_> = r
        .portfolio
        .quarters
        .iter()
        .map(|q| (q.label.as_str(), q.target, q.actual, q.forecast))
        .collect();
    let want = [
        ("FY26-Q4", None, 10_000.0, 0.0),
        ("FY27-Q1", Some(25_000.0), 20_000.0, 0.0),
        ("FY27-Q2", Some(40_000.0), 65_000.0, 5_000.0 * 82.0 / 204.0),
        ("FY27-Q3", None, 0.0, 5_000.0 * 92.0 / 204.0),
        ("FY27-Q4", None, 0.0, 5_000.0 * 30.0 / 204.0),
    ];
    assert_eq!(got.len(), want.len(), "{got:?}");
    for (g, w) in got.iter().zip(want) {
        assert_eq!((g.0, g.1), (w.0, w.1));
        close(g.2, w.2);
        close(g.3, w.3);
    }
    let q1 = &r.portfolio.quarters[1];
    close(q1.attainment.unwrap(), 0.8); // 20 000 / 25 000
    close(q1.projected_attainment.unwrap(), 0.8);
    let q2 = &r.portfolio.quarters[2];
    close(q2.attainment.unwrap(), 1.625); // 65 000 / 40 000
    close(
        q2.projected_attainment.unwrap(),
        (65_000.0 + 5_000.0 * 82.0 / 204.0) / 40_000.0,
    );
    assert_eq!(r.portfolio.quarters[0].attainment, None);
    // Fiscal context: A is in FY27-Q2; FY27 target 65 000, actual 85 000, forecast 5 000.
    assert_eq!(
        (r.fiscal.fiscal_year.as_str(), r.fiscal.quarter.as_str()),
        ("FY27", "FY27-Q2")
    );
    assert_eq!(r.fiscal.year_target, Some(65_000.0));
    close(r.fiscal.year_actual, 85_000.0);
    close(r.fiscal.year_forecast, 5_000.0);
}

#[test]
fn review_forecast_window_edges() {
    // Latest update 03-29 (recognized 1 000 × 200 / 1 000 = 200), forecast_end 03-30 is
    // before A + 1 = 04-03 → window 04-03..=04-03: the remaining 800 on that one day (Q2);
    // nothing on Mar 30–31, days already past.
    let mut p = project("f", "2026-01-01", "2026-06-30", 1_000.0, 1_000.0);
    let mut u = update("2026-03-29", 20.0, 200.0);
    u.front.forecast_end = Some(d("2026-03-30"));
    p.updates.push(u);
    // forecast_end after current_end (06-30) wins: recognized 1 000 × 300 / 1 000 = 300 is
    // booked on 06-30 (last day of FY26-Q2); with A = 07-01 the remaining 700 is spread over
    // 07-02..=09-29 (forecast_end), 90 days, all in FY26-Q3.
    let mut g = project("g", "2026-01-01", "2026-06-30", 1_000.0, 1_000.0);
    let mut u = update("2026-06-30", 30.0, 300.0);
    u.front.forecast_end = Some(d("2026-09-29"));
    g.updates.push(u);
    let r = crate::metrics::compute(&portfolio(vec![p]), d("2026-04-02"));
    let q: Vec<_> = r.projects[0]
        .revenue_by_quarter
        .iter()
        .map(|q| (q.label.as_str(), q.actual, q.forecast))
        .collect();
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!((q[0].0, q[1].0), ("FY26-Q1", "FY26-Q2"));
    close(q[0].1, 200.0);
    close(q[0].2, 0.0);
    close(q[1].1, 0.0);
    close(q[1].2, 800.0);
    let r = crate::metrics::compute(&portfolio(vec![g]), d("2026-07-01"));
    let q: Vec<_> = r
        .portfolio
        .quarters
        .iter()
        .map(|q| (q.label.as_str(), q.actual, q.forecast))
        .collect();
    assert_eq!(q, [("FY26-Q2", 300.0, 0.0), ("FY26-Q3", 0.0, 700.0)]);
}
