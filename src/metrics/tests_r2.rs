//! Revision-2 figures worked out by hand (the arithmetic in comments): staleness that turns
//! red, the forecast over the days after A, time-and-materials cap figures, forecast at risk,
//! gap, regions, a past milestone forecast and the risk scale.

use crate::metrics::testkit::*;
use crate::model::{Engagement, Project, Region, RiskLevel, RiskLevels};
use crate::report::{Health, ProjectReport, QuarterFigures, Rule};

fn quarter<'a>(qs: &'a [QuarterFigures], label: &str) -> &'a QuarterFigures {
    qs.iter()
        .find(|q| q.label == label)
        .unwrap_or_else(|| panic!("no {label} in {qs:?}"))
}

/// The reasons as (level, rule, text); the texts are leaked so the tuples compare with literals.
fn rules(p: &ProjectReport) -> Vec<(Health, Rule, &'static str)> {
    p.health
        .reasons
        .iter()
        .map(|r| (r.level, r.rule(), &*r.text().leak()))
        .collect()
}

/// A time-and-materials project 2026-01-01..12-31 at `rate` with one update on 04-01.
fn tm(value: f64, budget: f64, rate: f64, percent: f64, ac: f64, hours: f64) -> Project {
    let mut p = project("tm", "2026-01-01", "2026-12-31", value, budget);
    p.def.engagement = Engagement::TimeAndMaterials;
    p.def.rate = Some(rate);
    let mut u = update("2026-04-01", percent, ac);
    u.front.hours = Some(hours);
    p.updates.push(u);
    p
}

#[test]
fn stale_fixed_price_turns_red_and_forecasts_only_after_a() {
    // 2026-01-01..12-31, value = budget = 1 000; one update on 02-01: 10 % for 100 → CPI 1,
    // EAC 1 000, recognized 1 000 × 100 / 1 000 = 100, remaining 900.
    let mut p = project("s", "2026-01-01", "2026-12-31", 1000.0, 1000.0);
    p.updates.push(update("2026-02-01", 10.0, 100.0));
    // A = 03-02: 28 days of February + 1 = 29 days since the update > 28 → red.
    let r = crate::metrics::compute(&portfolio(vec![p.clone()]), d("2026-03-02"));
    let s = &r.projects[0];
    assert_eq!((s.days_since_update, s.stale), (Some(29), true));
    assert_eq!(s.health.computed, Health::Red);
    assert_eq!(
        rules(s),
        [(Health::Red, Rule::Stale, "No update for 29 days (more than 28)")]
    );
    assert!(s.forecast_at_risk);
    assert_eq!(s.evm.status_date, Some(d("2026-02-01")));
    // Planned at A from the baseline: 100 × 60 / 364 (Jan 1 → Mar 2 is 60 days).
    close(s.planned_percent_today, 6000.0 / 364.0);
    // 900 over 03-03..12-31: 29 + 91 + 92 + 92 = 304 days; nothing on or before 03-02.
    assert_eq!(s.remaining_revenue, 900.0);
    let q = &s.revenue_by_quarter;
    close(quarter(q, "FY26-Q1").forecast, 900.0 * 29.0 / 304.0);
    close(quarter(q, "FY26-Q2").forecast, 900.0 * 91.0 / 304.0);
    close(quarter(q, "FY26-Q3").forecast, 900.0 * 92.0 / 304.0);
    close(quarter(q, "FY26-Q4").forecast, 900.0 * 92.0 / 304.0);
    // All of it at risk.
    close(
        quarter(&r.portfolio.quarters, "FY26-Q1").forecast_at_risk,
        900.0 * 29.0 / 304.0,
    );
    // A = 03-01: 28 days is stale (> 14) but not above 28: amber.
    let r = crate::metrics::compute(&portfolio(vec![p]), d("2026-03-01"));
    assert_eq!(
        rules(&r.projects[0]),
        [(Health::Amber, Rule::Stale, "No update for 28 days")]
    );
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

#[test]
fn projected_hours_over_the_cap_are_amber() {
    // 150 h at 40 %: projected 150 × 100 / 40 = 375 h × 200 = 75 000 against a 50 000 cap:
    // 25 000 unbillable; cap used 30 000 / 50 000 = 0.6; remaining min(50 000, 75 000) −
    // 30 000 = 20 000. EV = 40 000 × 40 % = 16 000 = AC: CPI 1; planned at 04-01
    // 100 × 90 / 364 = 24.7 % < 40 %: SPI > 1.
    let p = tm(50_000.0, 40_000.0, 200.0, 40.0, 16_000.0, 150.0);
    let r = crate::metrics::compute(&portfolio(vec![p.clone()]), d("2026-04-03"));
    let t = &r.projects[0];
    let f = t.tm.unwrap();
    assert_eq!(f.projected_hours, Some(375.0));
    assert_eq!(f.billable_at_completion, Some(75_000.0));
    assert_eq!(f.cap_used, Some(0.6));
    assert_eq!(f.unbillable_at_completion, Some(25_000.0));
    assert_eq!(t.remaining_revenue, 20_000.0);
    assert_eq!(
        rules(t),
        [(
            Health::Amber,
            Rule::Unbillable,
            "Projected hours exceed the cap: 25,000 unbillable at completion"
        )]
    );
    // The PM's own estimate wins: 300 h × 200 = 60 000, 10 000 unbillable, remaining
    // min(50 000, 60 000) − 30 000 = 20 000.
    let mut p = p;
    p.updates[0].front.hours_at_completion = Some(300.0);
    let r = crate::metrics::compute(&portfolio(vec![p]), d("2026-04-03"));
    let f = r.projects[0].tm.unwrap();
    assert_eq!(
        (f.projected_hours, f.unbillable_at_completion),
        (Some(300.0), Some(10_000.0))
    );
    // And a fixed-price project has no such figures.
    let fp = project("fp", "2026-01-01", "2026-12-31", 1.0, 1.0);
    let r = crate::metrics::compute(&portfolio(vec![fp]), d("2026-04-03"));
    assert_eq!(r.projects[0].tm, None);
}

#[test]
fn capped_out_with_work_left_is_red() {
    // 260 h × 200 = 52 000 ≥ 50 000 at 80 %: recognized min(52 000, 50 000) = 50 000;
    // projected 260 × 100 / 80 = 325 h → 65 000, 15 000 unbillable (one reason: the cap);
    // remaining min(50 000, 65 000) − 50 000 = 0; cap used 52 000 / 50 000 = 1.04.
    let p = tm(50_000.0, 40_000.0, 200.0, 80.0, 32_000.0, 260.0);
    let r = crate::metrics::compute(&portfolio(vec![p]), d("2026-04-03"));
    let t = &r.projects[0];
    assert_eq!(t.recognized_revenue, 50_000.0);
    assert_eq!(t.remaining_revenue, 0.0);
    let f = t.tm.unwrap();
    assert_eq!((f.projected_hours, f.cap_used), (Some(325.0), Some(1.04)));
    assert_eq!(f.unbillable_at_completion, Some(15_000.0));
    assert_eq!(t.health.computed, Health::Red);
    assert_eq!(
        rules(t),
        [(
            Health::Red,
            Rule::Cap,
            "Time-and-materials cap used up at 80% complete; 15,000 projected unbillable at completion"
        )]
    );
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
fn a_past_forecast_of_a_milestone_not_done_counts_as_a() {
    let mut p = project("m", "2026-01-01", "2026-12-31", 1000.0, 1000.0);
    p.def.milestones.push(milestone("m1", "2026-03-01"));
    p.def.milestones.push(milestone("m2", "2026-03-01"));
    p.def.milestones.push(milestone("m3", "2026-03-01"));
    let mut u = update("2026-03-18", 25.0, 250.0);
    u.front.milestones.push(mention("m1", Some("2026-03-10"), None));
    u.front.milestones.push(mention("m2", Some("2026-04-01"), None));
    u.front
        .milestones
        .push(mention("m3", Some("2026-03-10"), Some("2026-03-12")));
    p.updates.push(u);
    let r = crate::metrics::compute(&portfolio(vec![p]), d("2026-03-20"));
    let ms = &r.projects[0].milestones;
    let slips: Vec<(i64, bool)> = ms.iter().map(|m| (m.slip_days, m.late)).collect();
    // m1: forecast 03-10 is past, counts as A = 03-20: 19 days (red, > 15).
    // m2: forecast 04-01 − 03-01 = 31 days. m3: done 03-12 − 03-01 = 11 days (done: no rule).
    assert_eq!(slips, [(19, true), (31, true), (11, false)]);
    let t = rules(&r.projects[0]);
    assert_eq!(
        t,
        [
            (
                Health::Red,
                Rule::Slip,
                "Milestone Milestone m1 slipped 19 days (more than 15)"
            ),
            (
                Health::Red,
                Rule::Slip,
                "Milestone Milestone m2 slipped 31 days (more than 15)"
            ),
        ]
    );
}

#[test]
fn one_risk_scale() {
    let l = RiskLevels::default();
    let got: Vec<RiskLevel> = [1, 4, 5, 9, 10, 14, 15, 25].map(|s| l.level(s)).to_vec();
    use RiskLevel::*;
    assert_eq!(got, [Low, Low, Medium, Medium, High, High, Severe, Severe]);
    let custom = RiskLevels {
        low: 1,
        medium: 3,
        high: 6,
        severe: 20,
    };
    assert_eq!(
        [2, 3, 19, 20].map(|s| custom.level(s)),
        [Low, Medium, High, Severe]
    );
    // Through compute: probability 3 × impact 4 = 12 → high.
    let mut p = project("r", "2026-01-01", "2026-12-31", 1.0, 1.0);
    let mut u = update("2026-02-01", 10.0, 0.1);
    u.front
        .risks
        .push(risk("r-1", 3, 4, crate::model::OpenClosed::Open));
    p.updates.push(u);
    let r = crate::metrics::compute(&portfolio(vec![p]), d("2026-02-02"));
    assert_eq!(
        (r.projects[0].risks[0].score, r.projects[0].risks[0].level),
        (12, High)
    );
}
