//! Revenue tests: ASC 606 cost-to-cost recognition against a published textbook example, and
//! hand-computed bookings and forecasts per fiscal quarter (fiscal year starting in February);
//! time-and-materials caps, a forecast split across a quarter boundary after A, regions against
//! their own targets and the forecast window edges, worked by hand (the arithmetic in comments).

use crate::metrics::fiscal::{FiscalCalendar, FiscalQuarter};
use crate::metrics::revenue::{recognized, spread};
use crate::metrics::testkit::*;
use crate::model::{ChangeStatus, Engagement, Project, Region};
use crate::report::Rule;

/// Kieso, Weygandt & Warfield, *Intermediate Accounting*, percentage-of-completion (cost-to-cost)
/// illustration "Hardhat Construction Company": a bridge for $4,500,000, estimated to cost
/// $4,000,000. Costs to date 1,000,000 / 2,916,000 / 4,050,000 at the end of 2017 / 2018 / 2019;
/// estimated costs to complete 3,000,000 / 1,134,000 / 0 (so EAC 4,000,000 / 4,050,000 /
/// 4,050,000 — the 2018 revision is the catch-up). Published: percent complete 25 %, 72 %, 100 %;
/// revenue recognized 2017 $1,125,000, 2018 $2,115,000, 2019 $1,260,000; gross profit 125,000,
/// 199,000, 126,000. By hand: 4.5M × 0.25 = 1,125,000; 4.5M × 2,916/4,050 = 3,240,000 cumulative,
/// minus 1,125,000 = 2,115,000; 4.5M − 3,240,000 = 1,260,000. Margin at the end:
/// (4,500,000 − 4,050,000) / 4,500,000 = 0.1.
#[test]
fn hardhat_cost_to_cost() {
    let mut p = project("bridge", "2017-01-01", "2019-12-31", 4_500_000.0, 4_000_000.0);
    for (date, pc, ac, eac) in [
        ("2017-12-31", 25.0, 1_000_000.0, 4_000_000.0),
        ("2018-12-31", 72.0, 2_916_000.0, 4_050_000.0),
        ("2019-12-31", 100.0, 4_050_000.0, 4_050_000.0),
    ] {
        let mut u = update(date, pc, ac);
        u.front.estimate_at_completion = Some(eac);
        p.updates.push(u);
    }
    let r = crate::metrics::compute(&portfolio(vec![p]), d("2020-01-15"));
    let pr = &r.projects[0];
    assert_eq!(pr.history[0].recognized_revenue, 1_125_000.0);
    close(pr.history[1].recognized_revenue, 3_240_000.0);
    assert_eq!(pr.history[2].recognized_revenue, 4_500_000.0);
    let q = &pr.revenue_by_quarter;
    assert_eq!(
        q.iter().map(|q| q.label.as_str()).collect::<Vec<_>>(),
        ["FY17-Q4", "FY18-Q4", "FY19-Q4"]
    );
    assert_eq!(q[0].actual, 1_125_000.0);
    close(q[1].actual, 2_115_000.0);
    close(q[2].actual, 1_260_000.0);
    assert!(q.iter().all(|q| q.forecast == 0.0));
    // Gross profit per year = revenue − cost of the year.
    close(q[0].actual - 1_000_000.0, 125_000.0);
    close(q[1].actual - 1_916_000.0, 199_000.0);
    close(q[2].actual - 1_134_000.0, 126_000.0);
    close(pr.margin.unwrap(), 0.1);
    assert_eq!(pr.recognized_revenue, 4_500_000.0);
}

/// Fiscal year starting in February (FY27 = Feb 2026 – Jan 2027; Q1 Feb–Apr, Q2 May–Jul,
/// Q3 Aug–Oct, Q4 Nov–Jan). Hand computation:
///
/// Fixed price `fp`: value 1,200,000, budget 1,000,000, Feb 1 – Jul 31 2026.
/// - 2026-03-15: pc 25, ac 200,000 → ev 250,000, cpi 1.25, eac 800,000, ratio 0.25 → 300,000.
/// - 2026-04-30: pc 50, ac 400,000 → cpi 1.25, eac 800,000, ratio 0.5 → 600,000.
///   FY27-Q1 books 300,000 + 300,000 = 600,000 (computed with the baseline as it stood then:
///   with the later change it would have been 750,000).
/// - 2026-05-10: change cr-1 approved (+250,000 budget, +300,000 value); pc 55, ac 550,000, PM's
///   EAC 1,250,000 (revised estimate) → ratio 0.44 → 1,500,000 × 0.44 = 660,000: FY27-Q2 books
///   the catch-up 60,000. forecast_end 2026-08-19.
/// - 2026-07-15: after the as-of date, ignored.
///
/// Forecast: 1,500,000 − 660,000 = 840,000 over May 11 – Aug 19 = 21 + 30 + 31 + 19 = 101 days;
/// FY27-Q2 gets May 11 – Jul 31 = 82 days → 840,000 × 82/101, FY27-Q3 19 days → 840,000 × 19/101.
///
/// Time and materials `tm`: rate 150, value 90,000. 2026-04-15: 200 h → 30,000 (FY27-Q1);
/// 2026-06-20: 700 h → 105,000 capped at 90,000 → +60,000 (FY27-Q2). Nothing left to forecast.
///
/// Targets FY27-Q1 600,000, FY27-Q2 400,000, FY27-Q4 100,000. As of 2026-06-30 (FY27-Q2):
/// Q1 actual 630,000, attainment 1.05; Q2 actual 120,000, attainment 0.3, projected
/// (120,000 + 840,000 × 82/101) / 400,000; Q3 forecast only, no target; Q4 target only.
/// Year: target 1,100,000, actual 750,000, forecast 840,000.
#[test]
fn february_fiscal_year_bookings_catch_up_and_forecast() {
    let mut fp = project("fp", "2026-02-01", "2026-07-31", 1_200_000.0, 1_000_000.0);
    fp.updates.push(update("2026-03-15", 25.0, 200_000.0));
    fp.updates.push(update("2026-04-30", 50.0, 400_000.0));
    let mut u = update("2026-05-10", 55.0, 550_000.0);
    u.front.estimate_at_completion = Some(1_250_000.0);
    u.front.forecast_end = Some(d("2026-08-19"));
    u.front.changes.push(change(
        "cr-1",
        ChangeStatus::Approved,
        Some(250_000.0),
        Some(300_000.0),
        None,
    ));
    fp.updates.push(u);
    fp.updates.push(update("2026-07-15", 90.0, 900_000.0));

    let mut tm = tm_project("tm", "2026-02-01", "2026-06-30", 90_000.0, 70_000.0, 150.0);
    tm.updates.push(hours_update("2026-04-15", 30.0, 20_000.0, 200.0));
    tm.updates.push(hours_update("2026-06-20", 95.0, 60_000.0, 700.0));

    let mut pf = portfolio(vec![tm, fp]);
    pf.config.fiscal_year_start_month = 2;
    for (label, v) in [
        ("FY27-Q1", 600_000.0),
        ("FY27-Q2", 400_000.0),
        ("FY27-Q4", 100_000.0),
    ] {
        pf.config.revenue_targets.insert(label.to_string(), v);
    }
    let r = crate::metrics::compute(&pf, d("2026-06-30"));

    let fp = &r.projects[0];
    assert_eq!(fp.id, "fp");
    assert_eq!(fp.update_count, 3);
    assert_eq!(fp.latest_update, Some(d("2026-05-10")));
    assert_eq!(fp.current_value, 1_500_000.0);
    assert_eq!(fp.evm.bac, Some(1_250_000.0));
    close(fp.recognized_revenue, 660_000.0);
    let q1 = quarter(&fp.revenue_by_quarter, "FY27-Q1");
    assert_eq!((q1.actual, q1.forecast), (600_000.0, 0.0));
    assert_eq!((q1.start, q1.end), (d("2026-02-01"), d("2026-04-30")));
    // Remaining 1,500,000 − 660,000 = 840,000 over the days after A = Jun 30 up to the
    // forecast end Aug 19: Jul 1–31 (31 days, FY27-Q2 = May–Jul) and Aug 1–19 (19 days,
    // FY27-Q3), 50 days: 840,000 × 31/50 = 520,800 and 840,000 × 19/50 = 319,200.
    assert_eq!(fp.remaining_revenue, 840_000.0);
    let q2 = quarter(&fp.revenue_by_quarter, "FY27-Q2");
    close(q2.actual, 60_000.0);
    close(q2.forecast, 520_800.0);
    let q3 = quarter(&fp.revenue_by_quarter, "FY27-Q3");
    assert_eq!(q3.actual, 0.0);
    close(q3.forecast, 319_200.0);
    assert_eq!(fp.revenue_by_quarter.len(), 3);

    let tm = &r.projects[1];
    assert_eq!(tm.recognized_revenue, 90_000.0); // capped at the contract value
    assert_eq!(quarter(&tm.revenue_by_quarter, "FY27-Q1").actual, 30_000.0);
    assert_eq!(quarter(&tm.revenue_by_quarter, "FY27-Q2").actual, 60_000.0);
    close(tm.margin.unwrap(), (90_000.0 - 60_000.0) / 90_000.0);

    let qs = &r.portfolio.quarters;
    let labels: Vec<&str> = qs.iter().map(|q| q.label.as_str()).collect();
    assert_eq!(labels, ["FY27-Q1", "FY27-Q2", "FY27-Q3", "FY27-Q4"]);
    let q1 = quarter(qs, "FY27-Q1");
    assert_eq!(
        (q1.target, q1.actual, q1.forecast),
        (Some(600_000.0), 630_000.0, 0.0)
    );
    assert_eq!(q1.attainment, Some(1.05));
    assert_eq!(q1.projected_attainment, Some(1.05));
    let q2 = quarter(qs, "FY27-Q2");
    close(q2.actual, 120_000.0);
    close(q2.attainment.unwrap(), 0.3);
    close(
        q2.projected_attainment.unwrap(),
        (120_000.0 + 520_800.0) / 400_000.0,
    );
    // fp's latest update (May 10) is 51 days old: stale and red, so its forecast is at risk.
    // gap = max(0, 400,000 − 120,000 − 520,800) = 0.
    close(q2.forecast_at_risk, 520_800.0);
    assert_eq!((q1.gap, q2.gap), (Some(0.0), Some(0.0)));
    let q3 = quarter(qs, "FY27-Q3");
    assert_eq!(
        (q3.target, q3.attainment, q3.projected_attainment, q3.gap),
        (None, None, None, None)
    );
    close(q3.forecast_at_risk, 319_200.0);
    let q4 = quarter(qs, "FY27-Q4");
    assert_eq!((q4.target, q4.actual, q4.forecast), (Some(100_000.0), 0.0, 0.0));
    assert_eq!((q4.gap, q4.forecast_at_risk), (Some(100_000.0), 0.0));
    assert_eq!((q4.attainment, q4.projected_attainment), (Some(0.0), Some(0.0)));
    assert_eq!((q4.start, q4.end), (d("2026-11-01"), d("2027-01-31")));

    let f = &r.fiscal;
    assert_eq!((f.fiscal_year.as_str(), f.quarter.as_str()), ("FY27", "FY27-Q2"));
    assert_eq!(f.year_target, Some(1_100_000.0));
    close(f.year_actual, 750_000.0);
    close(f.year_forecast, 840_000.0);
    close(f.year_attainment.unwrap(), 750_000.0 / 1_100_000.0);
    close(f.year_projected_attainment.unwrap(), 1_590_000.0 / 1_100_000.0);
    close(r.portfolio.recognized_revenue, 750_000.0);
}

#[test]
fn recognized_revenue_rules() {
    let fp = Engagement::FixedPrice;
    let tm = Engagement::TimeAndMaterials;
    assert_eq!(recognized(fp, 1000.0, 300.0, 600.0, None, None), 500.0);
    assert_eq!(recognized(fp, 1000.0, 900.0, 600.0, None, None), 1000.0); // min(1, ac/eac)
    assert_eq!(recognized(fp, 1000.0, 0.0, 0.0, None, None), 0.0); // eac 0 guarded
    assert_eq!(recognized(fp, 1000.0, 10.0, 0.0, None, None), 1000.0);
    assert_eq!(recognized(tm, 1000.0, 0.0, 1.0, Some(4.0), Some(100.0)), 400.0);
    assert_eq!(recognized(tm, 1000.0, 0.0, 1.0, Some(40.0), Some(100.0)), 1000.0); // capped
    assert_eq!(recognized(tm, 1000.0, 0.0, 1.0, None, Some(100.0)), 0.0);
}

#[test]
fn forecast_spread_over_quarter_and_year_boundaries() {
    // Calendar fiscal year: Dec 1 2026 – Jan 31 2027 is 62 days, 31 in each quarter.
    let parts = spread(365.0, d("2026-12-01"), d("2027-01-31"), FiscalCalendar::new(1));
    assert_eq!(
        parts,
        vec![
            (FiscalQuarter { fy: 2026, q: 4 }, 182.5),
            (FiscalQuarter { fy: 2027, q: 1 }, 182.5)
        ]
    );
    // s = 11: Oct 31 2026 (FY26-Q4), Nov 2026 – Jan 2027 (FY27-Q1, 92 days), Feb 1 (FY27-Q2).
    let parts = spread(94.0, d("2026-10-31"), d("2027-02-01"), FiscalCalendar::new(11));
    let labels: Vec<String> = parts.iter().map(|(q, _)| q.label()).collect();
    assert_eq!(labels, ["FY26-Q4", "FY27-Q1", "FY27-Q2"]);
    assert_eq!(parts.iter().map(|p| p.1).collect::<Vec<_>>(), [1.0, 92.0, 1.0]);
    // A single day, nothing to spread, and an empty window.
    assert_eq!(
        spread(5.0, d("2026-03-31"), d("2026-03-31"), FiscalCalendar::new(1)).len(),
        1
    );
    assert!(spread(0.0, d("2026-01-01"), d("2026-12-31"), FiscalCalendar::new(1)).is_empty());
    assert!(spread(5.0, d("2026-02-01"), d("2026-01-31"), FiscalCalendar::new(1)).is_empty());
}

/// Forecast without an update (a decision: the whole current value is spread from
/// max(start, A + 1) to current_end) and with a latest update whose forecast_end lies before
/// A + 1: nothing falls on or before A, everything left lands on A + 1.
#[test]
fn forecast_windows() {
    let future = project("future", "2026-07-01", "2026-12-31", 1840.0, 1000.0);
    let mut overdue = project("overdue", "2026-01-01", "2026-03-31", 1000.0, 1000.0);
    let mut u = update("2026-03-01", 50.0, 500.0);
    u.front.forecast_end = Some(d("2026-03-15"));
    overdue.updates.push(u);
    let r = crate::metrics::compute(&portfolio(vec![future, overdue]), d("2026-06-30"));
    // future: Jul 1 – Dec 31 = 184 days; Q3 92 days, Q4 92 days → 920 each.
    let f = &r.projects[0];
    assert_eq!(f.revenue_by_quarter.len(), 2);
    assert_eq!(quarter(&f.revenue_by_quarter, "FY26-Q3").forecast, 920.0);
    assert_eq!(quarter(&f.revenue_by_quarter, "FY26-Q4").forecast, 920.0);
    // overdue: recognized 1000 × 500/1000 = 500; E = max(Mar 15, Jul 1) = Jul 1, so the
    // window is the one day Jul 1 (FY26-Q3): all 500 there, none in Q1 or Q2 (already past).
    let o = &r.projects[1];
    assert_eq!(o.recognized_revenue, 500.0);
    let labels: Vec<&str> = o.revenue_by_quarter.iter().map(|q| q.label.as_str()).collect();
    assert_eq!(labels, ["FY26-Q1", "FY26-Q3"]);
    assert_eq!(quarter(&o.revenue_by_quarter, "FY26-Q1").forecast, 0.0);
    assert_eq!(quarter(&o.revenue_by_quarter, "FY26-Q3").forecast, 500.0);
    assert_eq!(quarter(&o.revenue_by_quarter, "FY26-Q1").actual, 500.0);
}

/// Decision: a time-and-materials update without `hours` (the loader requires them) keeps the
/// previous cumulative hours instead of booking a negative catch-up.
#[test]
fn time_and_materials_hours_carry_forward() {
    let mut p = tm_project("tm", "2026-01-01", "2026-12-31", 10_000.0, 8_000.0, 100.0);
    p.updates.push(hours_update("2026-01-15", 5.0, 400.0, 10.0));
    p.updates.push(update("2026-04-15", 10.0, 800.0));
    let r = crate::metrics::compute(&portfolio(vec![p]), d("2026-04-30"));
    let pr = &r.projects[0];
    assert_eq!(pr.recognized_revenue, 1000.0);
    assert_eq!(pr.hours, Some(10.0));
    assert_eq!(quarter(&pr.revenue_by_quarter, "FY26-Q2").actual, 0.0);
    assert_eq!(pr.margin, Some(0.2));
}

/// A time-and-materials project 2026-01-01..12-31 at `rate` with one update on 04-01.
pub(super) fn tm(value: f64, budget: f64, rate: f64, percent: f64, ac: f64, hours: f64) -> Project {
    let mut p = tm_project("tm", "2026-01-01", "2026-12-31", value, budget, rate);
    p.updates.push(hours_update("2026-04-01", percent, ac, hours));
    p
}

#[test]
fn finished_time_and_materials_with_unused_cap_forecasts_nothing() {
    // 857.5 h × 100 = 85 750 of a 100 000 cap at 100 %: remaining 0, no forecast.
    let mut p = tm(100_000.0, 80_000.0, 100.0, 100.0, 60_000.0, 857.5);
    p.updates[0].date = d("2026-12-20");
    let r = crate::metrics::compute(&portfolio(vec![p]), d("2026-12-21"));
    let t = &r.projects[0];
    assert_eq!(t.recognized_revenue, 85_750.0);
    assert_eq!(t.remaining_revenue, 0.0);
    assert!(t.revenue_by_quarter.iter().all(|q| q.forecast == 0.0));
    let f = t.tm.unwrap();
    // projected 857.5 × 100 / 100 = 857.5 h; billable 85 750; cap used 85 750 / 100 000.
    assert_eq!(f.projected_hours, Some(857.5));
    assert_eq!(f.billable_at_completion, Some(85_750.0));
    assert_eq!(f.cap_used, Some(0.8575));
    assert_eq!(f.unbillable_at_completion, Some(0.0));
    assert!(!t
        .health
        .reasons
        .iter()
        .any(|r| matches!(r.rule(), Rule::Cap | Rule::Unbillable)));
}

/// value 2 000, budget 1 000; update on `date` at 50 % for 500 → CPI 1, EAC 1 000,
/// recognized 2 000 × 500 / 1 000 = 1 000, remaining 1 000; forecast end 04-04.
fn boundary(id: &str, date: &str) -> Project {
    let mut p = project(id, "2026-01-01", "2026-06-30", 2000.0, 1000.0);
    let mut u = update(date, 50.0, 500.0);
    u.front.forecast_end = Some(d("2026-04-04"));
    p.updates.push(u);
    p
}

#[test]
fn forecast_split_across_a_quarter_boundary_starts_after_a() {
    // A = 03-30: window 03-31..04-04 = 5 days: 1 in FY26-Q1 (200), 4 in FY26-Q2 (800).
    let r = crate::metrics::compute(&portfolio(vec![boundary("b", "2026-03-30")]), d("2026-03-30"));
    let q = &r.projects[0].revenue_by_quarter;
    assert_eq!(quarter(q, "FY26-Q1").actual, 1000.0);
    close(quarter(q, "FY26-Q1").forecast, 200.0);
    close(quarter(q, "FY26-Q2").forecast, 800.0);
    // The same update read at A = 04-02: window 04-03..04-04, all 1 000 in Q2.
    let r = crate::metrics::compute(&portfolio(vec![boundary("b", "2026-03-30")]), d("2026-04-02"));
    let q = &r.projects[0].revenue_by_quarter;
    assert_eq!(quarter(q, "FY26-Q1").forecast, 0.0);
    close(quarter(q, "FY26-Q2").forecast, 1000.0);
}

#[test]
fn regions_roll_up_against_their_own_targets() {
    // EMEA: the boundary project (actual 1 000 in Q1, forecast 200 in Q1 and 800 in Q2) and
    // a project without updates starting after the year (nothing forecast in 2026).
    let mut e = boundary("e", "2026-03-30");
    e.def.region = Some("EMEA".into());
    let mut later = project("later", "2027-01-01", "2027-03-31", 90.0, 90.0);
    later.def.region = Some("EMEA".into());
    let mut a = boundary("a", "2026-03-30");
    a.def.region = Some("AMER".into());
    let mut pf = portfolio(vec![e, later, a]);
    let region = |name: &str, targets: &[(&str, f64)]| Region {
        name: name.into(),
        lead: Some("Lead".into()),
        revenue_targets: targets.iter().map(|(l, v)| (l.to_string(), *v)).collect(),
    };
    pf.config.regions = Some(
        [
            (
                "EMEA".to_string(),
                region("Europe", &[("FY26-Q1", 1500.0), ("FY26-Q3", 10.0)]),
            ),
            ("AMER".to_string(), region("Americas", &[])),
            ("APAC".to_string(), region("Asia-Pacific", &[])),
        ]
        .into(),
    );
    pf.config.revenue_targets.insert("FY26-Q1".into(), 5000.0);
    let r = crate::metrics::compute(&pf, d("2026-03-30"));
    let ids: Vec<&str> = r.regions.iter().map(|g| g.id.as_str()).collect();
    assert_eq!(ids, ["AMER", "APAC", "EMEA"]);
    let emea = &r.regions[2];
    assert_eq!(
        (emea.name.as_str(), emea.lead.as_deref()),
        ("Europe", Some("Lead"))
    );
    assert_eq!(emea.project_ids, ["e", "later"]);
    let qs = &emea.rollup.quarters;
    let q1 = quarter(qs, "FY26-Q1");
    // attainment 1 000 / 1 500; projected (1 000 + 200) / 1 500 = 0.8; gap 1 500 − 1 200 = 300.
    assert_eq!(q1.target, Some(1500.0));
    close(q1.attainment.unwrap(), 1000.0 / 1500.0);
    close(q1.projected_attainment.unwrap(), 0.8);
    close(q1.gap.unwrap(), 300.0);
    let q2 = quarter(qs, "FY26-Q2");
    assert_eq!((q2.target, q2.gap, q2.attainment), (None, None, None));
    let q3 = quarter(qs, "FY26-Q3");
    assert_eq!(
        (q3.target, q3.actual, q3.forecast, q3.gap),
        (Some(10.0), 0.0, 0.0, Some(10.0))
    );
    // Regions never borrow the portfolio's targets.
    assert_eq!(quarter(&r.regions[0].rollup.quarters, "FY26-Q1").target, None);
    assert_eq!(r.regions[1].rollup.project_count, 0);
    // The portfolio: 2 000 actual + 400 forecast against 5 000: gap 2 600.
    close(quarter(&r.portfolio.quarters, "FY26-Q1").gap.unwrap(), 2600.0);
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
    assert_quarters(
        &r.projects[0].revenue_by_quarter,
        &[("FY26-Q1", 200.0, 0.0), ("FY26-Q2", 0.0, 800.0)],
    );
    let r = crate::metrics::compute(&portfolio(vec![g]), d("2026-07-01"));
    let q: Vec<_> = r
        .portfolio
        .quarters
        .iter()
        .map(|q| (q.label.as_str(), q.actual, q.forecast))
        .collect();
    assert_eq!(q, [("FY26-Q2", 300.0, 0.0), ("FY26-Q3", 0.0, 700.0)]);
}
