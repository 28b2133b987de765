//! Computed health (see docs/metrics.md, health): each threshold at its boundary, rule order, reasons,
//! configurable thresholds, stale and watermelon through `compute`, health counts; a stale fixed
//! price project turning red, time-and-materials hours against the cap (amber when projected
//! over, red when capped out with work left), and the documented thresholds and rule order worked
//! by hand (`hp`, `rules` and the helpers here are shared with `tests_project` and `tests_records`).

use crate::metrics::health::{computed, Inputs};
use crate::metrics::testkit::*;
use crate::metrics::tests_revenue::tm;
use crate::model::{OpenResolved, Project, Rag, Severity, Thresholds};
use crate::report::{EscalationRecord, Health, MilestoneStatus, ProjectReport, Rule};

fn esc(id: &str, severity: Severity, status: OpenResolved) -> EscalationRecord {
    EscalationRecord {
        id: id.to_string(),
        title: id.to_string(),
        severity,
        raised: d("2026-01-01"),
        owner: None,
        status,
        opened: d("2026-01-01"),
        updated: d("2026-01-01"),
        age_days: None,
        customer: false,
        stakeholders: Vec::new(),
        next_step: None,
        next_step_by: None,
        overdue: false,
    }
}

fn ms(id: &str, slip_days: i64, done: bool) -> MilestoneStatus {
    MilestoneStatus {
        id: id.to_string(),
        name: id.to_string(),
        due: d("2026-01-01"),
        forecast: d("2026-01-01"),
        done: done.then(|| d("2026-01-01")),
        slip_days,
        late: false,
        upcoming: false,
        weight: None,
        reported_on: None,
        as_reported: false,
    }
}

fn health(
    cpi: f64,
    spi: f64,
    m: &[MilestoneStatus],
    e: &[EscalationRecord],
    stale: bool,
) -> (Health, Vec<String>) {
    let i = Inputs {
        cpi: Some(cpi),
        spi: Some(spi),
        milestones: m,
        escalations: e,
        stale,
        days_since_update: if stale { 27 } else { 3 },
        cap: None,
    };
    let (h, r) = computed(i, &Thresholds::default());
    (h, r.iter().map(|r| r.text()).collect())
}

#[test]
fn health_thresholds_and_rule_order() {
    use Health::*;
    let g = |c, s| health(c, s, &[], &[], false).0;
    assert_eq!(g(1.0, 1.0), Green);
    assert_eq!(g(0.95, 0.95), Green); // thresholds are strict "<"
    assert_eq!(g(0.9499, 1.0), Amber);
    assert_eq!(g(1.0, 0.9499), Amber);
    assert_eq!(g(0.85, 1.0), Amber);
    assert_eq!(g(0.8499, 1.0), Red);
    assert_eq!(g(1.0, 0.8499), Red);
    assert_eq!(
        health(0.78, 0.9, &[], &[], false).1,
        ["CPI 0.78 < 0.85", "SPI 0.90 < 0.95"]
    );
    assert_eq!(health(0.8499, 1.0, &[], &[], false).1, ["CPI 0.8499 < 0.85"]);
    // Null ratios never trigger a rule.
    let none = Inputs {
        cpi: None,
        spi: None,
        milestones: &[],
        escalations: &[],
        stale: false,
        days_since_update: 0,
        cap: None,
    };
    assert_eq!(computed(none, &Thresholds::default()).0, Green);
    // Slip: the largest slip of a not-done milestone; > 5 amber, > 15 red; done ones ignored.
    assert_eq!(health(1.0, 1.0, &[ms("a", 5, false)], &[], false).0, Green);
    assert_eq!(health(1.0, 1.0, &[ms("a", 6, false)], &[], false).0, Amber);
    assert_eq!(health(1.0, 1.0, &[ms("a", 15, false)], &[], false).0, Amber);
    let (h, why) = health(
        1.0,
        1.0,
        &[ms("a", 2, false), ms("cutover", 21, false)],
        &[],
        false,
    );
    assert_eq!(
        (h, why),
        (
            Red,
            vec!["Milestone cutover slipped 21 days (more than 15)".to_string()]
        )
    );
    assert_eq!(health(1.0, 1.0, &[ms("a", 40, true)], &[], false).0, Green);
    // Escalations: open critical red, open high amber, resolved ones nothing.
    let (h, why) = health(
        1.0,
        1.0,
        &[],
        &[esc("esc-1", Severity::Critical, OpenResolved::Open)],
        false,
    );
    assert_eq!(
        (h, why),
        (Red, vec!["Open critical escalation: esc-1".to_string()])
    );
    assert_eq!(
        health(
            1.0,
            1.0,
            &[],
            &[esc("e", Severity::High, OpenResolved::Open)],
            false
        )
        .0,
        Amber
    );
    assert_eq!(
        health(
            1.0,
            1.0,
            &[],
            &[esc("e", Severity::Critical, OpenResolved::Resolved)],
            false
        )
        .0,
        Green
    );
    assert_eq!(
        health(
            1.0,
            1.0,
            &[],
            &[esc("e", Severity::Medium, OpenResolved::Open)],
            false
        )
        .0,
        Green
    );
    // Stale (27 days, not above 28) is amber; every rule that holds is a reason, red first.
    assert_eq!(
        health(1.0, 1.0, &[], &[], true),
        (Amber, vec!["No update for 27 days".to_string()])
    );
    let (h, why) = health(0.9, 0.8, &[], &[], true);
    assert_eq!(
        (h, why),
        (
            Red,
            vec![
                "SPI 0.80 < 0.85".to_string(),
                "CPI 0.90 < 0.95".to_string(),
                "No update for 27 days".to_string()
            ]
        )
    );
    // Every threshold is configurable.
    let t = Thresholds {
        cpi_red: 0.5,
        cpi_amber: 0.6,
        spi_red: 0.5,
        spi_amber: 0.6,
        slip_red_days: 30,
        slip_amber_days: 20,
        stale_red_days: 28,
        eac_change_percent: 2.0,
    };
    let i = |cpi, slip| Inputs {
        cpi: Some(cpi),
        spi: Some(1.0),
        milestones: slip,
        escalations: &[],
        stale: false,
        days_since_update: 0,
        cap: None,
    };
    let (s20, s21, s31) = ([ms("a", 20, false)], [ms("a", 21, false)], [ms("a", 31, false)]);
    assert_eq!(computed(i(0.7, &s20), &t).0, Green);
    assert_eq!(computed(i(0.55, &[]), &t).0, Amber);
    assert_eq!(computed(i(0.7, &s21), &t).0, Amber);
    assert_eq!(computed(i(0.7, &s31), &t).0, Red);
}

#[test]
fn stale_watermelon_and_counts() {
    // Declared green, CPI 0.5: watermelon. Stale after 14 days (15 is stale, 14 is not).
    let mut melon = project("melon", "2026-01-01", "2026-12-31", 1000.0, 1000.0);
    melon.updates.push(update("2026-03-01", 20.0, 400.0));
    let mut fresh = project("fresh", "2026-01-01", "2026-12-31", 1000.0, 1000.0);
    fresh.updates.push(update("2026-03-02", 20.0, 200.0));
    let mut red = project("honest", "2026-01-01", "2026-12-31", 1000.0, 1000.0);
    let mut u = update("2026-03-16", 10.0, 200.0);
    u.front.status.overall = Rag::Red;
    red.updates.push(u);
    let r = crate::metrics::compute(&portfolio(vec![melon, fresh, red]), d("2026-03-16"));
    let get = |id: &str| r.projects.iter().find(|p| p.id == id).unwrap();
    let m = get("melon");
    assert_eq!((m.days_since_update, m.stale), (Some(15), true));
    assert_eq!(
        (m.health.declared, m.health.computed, m.health.watermelon),
        (Health::Green, Health::Red, true)
    );
    let texts: Vec<String> = m.health.reasons.iter().map(|r| r.text()).collect();
    assert_eq!(texts, ["CPI 0.50 < 0.85", "No update for 15 days"]);
    let f = get("fresh");
    assert_eq!((f.days_since_update, f.stale), (Some(14), false));
    // planned 100 × 60/364 = 16.48 %, ev 20 %: SPI ≥ 1, CPI = 1 → green.
    assert_eq!(f.health.computed, Health::Green);
    let h = get("honest");
    assert_eq!((h.health.computed, h.health.watermelon), (Health::Red, false));
    let c = &r.portfolio.health;
    assert_eq!(c.declared.len(), 4);
    assert_eq!(
        (
            c.declared[&Health::Green],
            c.declared[&Health::Red],
            c.declared[&Health::Amber]
        ),
        (2, 1, 0)
    );
    assert_eq!(
        (
            c.computed[&Health::Green],
            c.computed[&Health::Red],
            c.computed[&Health::Unknown]
        ),
        (1, 2, 0)
    );
    assert_eq!((c.watermelons, c.stale), (1, 1));
    // Projects are sorted by id.
    let ids: Vec<&str> = r.projects.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["fresh", "honest", "melon"]);
}

/// The reasons as (level, rule, text); the texts are leaked so the tuples compare with literals.
pub(super) fn rules(p: &ProjectReport) -> Vec<(Health, Rule, &'static str)> {
    p.health
        .reasons
        .iter()
        .map(|r| (r.level, r.rule(), &*r.text().leak()))
        .collect()
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

/// A project with bac 100 and one update at `date` (planned percent given so SPI is chosen).
pub(super) fn hp(id: &str, date: &str, pc: f64, ac: f64, planned: f64) -> Project {
    let mut p = project(id, "2026-01-01", "2026-12-31", 100.0, 100.0);
    let mut u = update(date, pc, ac);
    u.front.planned_percent = Some(planned);
    p.updates.push(u);
    p
}

#[test]
fn review_health_thresholds_and_rule_order() {
    // A = 2026-05-20; every update 05-19 unless testing staleness.
    let t = "2026-05-19";
    let mut ps = vec![
        hp("cpi-084", t, 84.0, 100.0, 84.0),            // cpi 0.84 < 0.85 → red
        hp("cpi-085", t, 85.0, 100.0, 85.0),            // 0.85 is not < 0.85, < 0.95 → amber
        hp("cpi-095", t, 95.0, 100.0, 95.0),            // 0.95 → green
        hp("spi-084", t, 42.0, 42.0, 50.0),             // cpi 1, spi 42 / 50 = 0.84 → red
        hp("spi-090", t, 45.0, 45.0, 50.0),             // spi 0.9 → amber
        hp("nulls", t, 0.0, 0.0, 0.0),                  // cpi, spi null → green
        hp("stale-14", "2026-05-06", 50.0, 50.0, 50.0), // 14 days: not stale → green
        hp("stale-15", "2026-05-05", 50.0, 50.0, 50.0), // 15 > 14 → amber
    ];
    // Slips of a not-done milestone due 06-01: 5 → green, 6 → amber, 15 → amber, 16 → red;
    // a done milestone slipped 40 days does not count.
    for (id, forecast, done) in [
        ("slip-05", "2026-06-06", None),
        ("slip-06", "2026-06-07", None),
        ("slip-15", "2026-06-16", None),
        ("slip-16", "2026-06-17", None),
        ("slip-done", "2026-07-11", Some("2026-07-11")),
    ] {
        let mut p = hp(id, t, 50.0, 50.0, 50.0);
        p.def.milestones.push(milestone("m", "2026-06-01"));
        p.updates[0]
            .front
            .milestones
            .push(mention("m", Some(forecast), done));
        ps.push(p);
    }
    for (id, sev, status) in [
        ("esc-high", Severity::High, OpenResolved::Open),
        ("esc-crit", Severity::Critical, OpenResolved::Open),
        ("esc-crit-res", Severity::Critical, OpenResolved::Resolved),
        ("esc-medium", Severity::Medium, OpenResolved::Open),
    ] {
        let mut p = hp(id, t, 50.0, 50.0, 50.0);
        p.updates[0].front.escalations.push(escalation("e", sev, status));
        ps.push(p);
    }
    // Rule order: amber cpi 0.9 and an open critical escalation → red; declared amber → no
    // watermelon.
    let mut order = hp("order", t, 90.0, 100.0, 90.0);
    order.updates[0]
        .front
        .escalations
        .push(escalation("e", Severity::Critical, OpenResolved::Open));
    order.updates[0].front.status.overall = Rag::Amber;
    ps.push(order);
    let r = crate::metrics::compute(&portfolio(ps), d("2026-05-20"));
    let got = |id: &str| {
        let p = r.projects.iter().find(|p| p.id == id).unwrap();
        (p.health.computed, p.health.watermelon)
    };
    use Health::*;
    for (id, h) in [
        ("cpi-084", Red),
        ("cpi-085", Amber),
        ("cpi-095", Green),
        ("spi-084", Red),
        ("spi-090", Amber),
        ("nulls", Green),
        ("stale-14", Green),
        ("stale-15", Amber),
        ("slip-05", Green),
        ("slip-06", Amber),
        ("slip-15", Amber),
        ("slip-16", Red),
        ("slip-done", Green),
        ("esc-high", Amber),
        ("esc-crit", Red),
        ("esc-crit-res", Green),
        ("esc-medium", Green),
        ("order", Red),
    ] {
        // Declared is green everywhere but `order`: watermelon exactly when computed red.
        assert_eq!(got(id), (h, h == Red && id != "order"), "{id}");
    }
    let n = r.projects.iter().find(|p| p.id == "nulls").unwrap();
    // ac = 0, pv = 0: cpi, spi null; eac = bac = 100; tcpi = (100 − 0) / (100 − 0) = 1.
    assert_eq!(
        (n.evm.cpi, n.evm.spi, n.evm.eac, n.evm.tcpi),
        (None, None, Some(100.0), Some(1.0))
    );
    let c = r.projects.iter().find(|p| p.id == "cpi-084").unwrap();
    assert_eq!(c.evm.tcpi, None); // bac = ac = 100
                                  // Thresholds are settable: cpi_amber 0.80 turns `cpi-085` green.
    let mut pf = portfolio(vec![hp("x", t, 85.0, 100.0, 85.0)]);
    pf.config.thresholds.cpi_red = 0.5;
    pf.config.thresholds.cpi_amber = 0.8;
    let r = crate::metrics::compute(&pf, d("2026-05-20"));
    assert_eq!(r.projects[0].health.computed, Green);
}
