//! Computed health (see docs/metrics.md, health): each threshold at its boundary, rule order, reasons,
//! configurable thresholds, stale and watermelon through `compute`, health counts.

use crate::metrics::health::{computed, Inputs};
use crate::metrics::testkit::*;
use crate::model::{OpenResolved, Rag, Severity, Thresholds};
use crate::report::{EscalationRecord, Health, MilestoneStatus};

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
