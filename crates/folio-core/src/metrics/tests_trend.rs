//! The 13-week trend: one point per week end, each what a build as of that date computes.

use crate::metrics::testkit::*;
use crate::metrics::{compute, compute_current, trend};
use crate::report::{Health, TrendPoint};

#[test]
fn thirteen_week_ends_each_as_a_build_at_that_date_would_compute() {
    let mut a = project("a", "2026-01-01", "2026-12-31", 1000.0, 1000.0);
    // No update until 2026-09-01: the earlier week ends see the project as unknown.
    a.updates.push(update("2026-09-01", 20.0, 200.0));
    a.updates.push(update("2026-11-10", 60.0, 900.0));
    let mut pf = portfolio(vec![a]);
    pf.config.revenue_targets.insert("FY26-Q4".to_string(), 1000.0);
    let as_of = d("2026-11-20");
    let r = compute(&pf, as_of);
    assert_eq!(r.trend.len(), 13);
    assert_eq!(
        r.trend.iter().map(|p| p.date).collect::<Vec<_>>(),
        trend::week_ends(as_of)
    );
    assert_eq!(r.trend[0].date, d("2026-08-28"));
    // Before the first update: unknown.
    assert_eq!(
        (
            r.trend[0].unknown,
            r.trend[0].green + r.trend[0].amber + r.trend[0].red
        ),
        (1, 0)
    );
    // Each point equals a build as of its date, for the quarter of the as-of date.
    for p in &r.trend {
        let then = compute(&pf, p.date);
        let q = then.portfolio.quarters.iter().find(|q| q.label == "FY26-Q4");
        assert_eq!(
            p.projected_attainment,
            q.and_then(|q| q.projected_attainment),
            "{}",
            p.date
        );
        assert_eq!(p.actual, q.map_or(0.0, |q| q.actual));
        let n = |h| then.portfolio.health.computed.get(&h).copied().unwrap_or(0);
        assert_eq!(
            (p.red, p.amber, p.green),
            (n(Health::Red), n(Health::Amber), n(Health::Green))
        );
    }
    let last = r.trend.last().unwrap();
    let now = quarter(&r.portfolio.quarters, "FY26-Q4");
    assert_eq!(last.projected_attainment, now.projected_attainment);
    // On 11-06 the 09-01 update is 66 days old (stale past 28 days: red); the 11-10 update
    // (CPI = 60 % × 1 000 / 900 = 0.67) keeps it red for a different reason.
    assert_eq!(r.trend[10].red, 1, "{:?}", r.trend[10]);
    assert_eq!(last.red, 1);
    assert!(
        last.actual > r.trend[10].actual,
        "revenue booked by the 11-10 update"
    );
    // The trend is not part of portfolio.json.
    assert!(serde_json::to_value(&r).unwrap().get("trend").is_none());
}

/// A portfolio whose projects move at different times: a fixed-price project updated weekly
/// (with a slipping milestone and an escalation), a time-and-materials one updated monthly, one
/// gone stale before the trend starts, one whose first update falls inside the trend, one
/// without updates and one with a forecast end; revenue targets in two quarters.
fn mixed_portfolio(fiscal_year_start_month: u32) -> crate::model::Portfolio {
    use crate::model::{OpenResolved, Rag, Severity};
    let mut weekly = project("weekly", "2026-03-02", "2026-12-18", 400_000.0, 300_000.0);
    weekly.def.milestones.push(milestone("m1", "2026-08-14"));
    weekly.def.region = Some("emea".to_string());
    let weeks = [
        "2026-06-05",
        "2026-06-12",
        "2026-07-03",
        "2026-07-10",
        "2026-07-24",
        "2026-08-07",
        "2026-08-14",
        "2026-08-21",
        "2026-09-04",
        "2026-09-18",
        "2026-09-25",
        "2026-10-02",
    ];
    weekly.updates = series(&weeks, |i, date| {
        let mut u = update(date, 30.0 + 4.5 * i, 100_000.0 + 17_333.3 * i);
        if i >= 6.0 {
            u.front.status.overall = Rag::Amber;
            u.front.milestones.push(mention("m1", Some("2026-09-30"), None));
        }
        if date == "2026-08-21" {
            u.front
                .escalations
                .push(escalation("e1", Severity::Critical, OpenResolved::Open));
        }
        if date == "2026-09-18" {
            u.front
                .escalations
                .push(escalation("e1", Severity::Critical, OpenResolved::Resolved));
        }
        u
    });

    let mut tm = tm_project("tm", "2026-01-05", "2026-11-27", 250_000.0, 180_000.0, 125.0);
    tm.def.program = Some("prog".to_string());
    let month_ends = [
        "2026-05-29",
        "2026-06-30",
        "2026-07-31",
        "2026-08-31",
        "2026-09-30",
    ];
    tm.updates = series(&month_ends, |i, date| {
        let mut u = hours_update(date, 20.0 + 15.0 * i, 40_000.0 + 21_111.1 * i, 300.0 + 260.5 * i);
        if i >= 3.0 {
            u.front.hours_at_completion = Some(2_400.0);
        }
        u
    });

    let mut stale = project("stale", "2026-02-02", "2026-09-30", 90_000.0, 70_000.0);
    stale.updates.push(update("2026-04-10", 15.0, 9_000.0));
    stale.updates.push(update("2026-06-26", 40.0, 31_000.0));

    let mut late = project("late", "2026-08-03", "2027-03-31", 120_000.0, 100_000.0);
    late.updates.push(update("2026-08-26", 5.0, 4_000.0));
    let mut u = update("2026-09-29", 12.5, 16_000.0);
    u.front.estimate_at_completion = Some(130_000.0);
    late.updates.push(u);

    let quiet = project("quiet", "2026-09-01", "2027-06-30", 60_000.0, 50_000.0);

    let mut ending = project("ending", "2026-01-12", "2026-10-30", 75_000.0, 60_000.0);
    let mut u = update("2026-07-17", 70.0, 44_000.0);
    u.front.forecast_end = Some(d("2026-12-11"));
    ending.updates.push(u);
    let mut u = update("2026-09-11", 85.0, 55_500.0);
    u.front.forecast_end = Some(d("2027-01-22"));
    ending.updates.push(u);

    let mut pf = portfolio(vec![weekly, tm, stale, late, quiet, ending]);
    pf.config.fiscal_year_start_month = fiscal_year_start_month;
    pf.config.revenue_targets.insert("FY26-Q3".to_string(), 250_000.0);
    pf.config.revenue_targets.insert("FY26-Q4".to_string(), 300_000.0);
    pf
}

/// What a build as of `date` shows for the quarter `label`: the trend point it implies.
fn point_of_build(pf: &crate::model::Portfolio, date: chrono::NaiveDate, label: &str) -> TrendPoint {
    trend::point(&compute_current(pf, date), label)
}

fn bits(x: Option<f64>) -> Option<u64> {
    x.map(f64::to_bits)
}

#[test]
fn every_point_is_bit_identical_to_a_build_at_its_date() {
    // Calendar and shifted fiscal years; the followed quarter with a target, without one
    // (fiscal year from July: 2026-09-30 is in FY27-Q1), and absent from the roll-up
    // altogether (2027-09-01: no booking, forecast or target in FY27-Q3).
    let cases = [
        (1, "2026-10-07"),
        (1, "2026-10-02"),
        (7, "2026-09-30"),
        (10, "2026-09-04"),
        (1, "2027-09-01"),
    ];
    let (mut health_moves, mut forecast_moves, mut actual_moves) = (false, false, false);
    let (mut with_target, mut without_target) = (false, false);
    for (start_month, as_of) in cases {
        let pf = mixed_portfolio(start_month);
        let as_of = d(as_of);
        let r = compute(&pf, as_of);
        let label = r.fiscal.quarter.clone();
        assert_eq!(r.trend.len(), 13);
        for (p, date) in r.trend.iter().zip(trend::week_ends(as_of)) {
            let want = point_of_build(&pf, date, &label);
            let ctx = format!("start month {start_month}, as of {as_of}, point {date}");
            assert_eq!(p.date, want.date, "{ctx}");
            assert_eq!(p.target, want.target, "{ctx}");
            assert_eq!(p.actual, want.actual, "{ctx}");
            assert_eq!(p.forecast, want.forecast, "{ctx}");
            assert_eq!(p.projected_attainment, want.projected_attainment, "{ctx}");
            assert_eq!(
                (bits(p.target), p.actual.to_bits(), p.forecast.to_bits()),
                (bits(want.target), want.actual.to_bits(), want.forecast.to_bits()),
                "{ctx}"
            );
            assert_eq!(
                bits(p.projected_attainment),
                bits(want.projected_attainment),
                "{ctx}"
            );
            assert_eq!(
                (p.red, p.amber, p.green, p.unknown),
                (want.red, want.amber, want.green, want.unknown),
                "{ctx}"
            );
            assert_eq!(p.red + p.amber + p.green + p.unknown, 6, "{ctx}");
            let first = &r.trend[0];
            health_moves |= (p.red, p.amber, p.green) != (first.red, first.amber, first.green);
            forecast_moves |= p.forecast != first.forecast;
            actual_moves |= p.actual != first.actual;
            with_target |= p.target.is_some();
            without_target |= p.target.is_none() && p.projected_attainment.is_none();
        }
    }
    // The points differ from week to week, so the comparison means something.
    assert!(health_moves && forecast_moves && actual_moves);
    assert!(with_target && without_target);
}
