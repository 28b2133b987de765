//! The 13-week trend: one point per week end, each what a build as of that date computes.

use crate::metrics::testkit::*;
use crate::metrics::{compute, trend};
use crate::report::Health;

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
    let now = r
        .portfolio
        .quarters
        .iter()
        .find(|q| q.label == "FY26-Q4")
        .unwrap();
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
