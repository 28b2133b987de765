//! The week's events (docs/metrics.md, "The week's events"): one portfolio with every kind in
//! the window (A − 7, A] = (03-08, 03-15], the figures worked out by hand.

use serde_json::Value;

use crate::metrics::testkit::spec_keys::{has as keys, WEEK_EVENT};
use crate::metrics::testkit::*;
use crate::model::{ChangeStatus, IssueMention, OpenClosed, OpenResolved, Rag, Severity};
use crate::report::{EventValue, Health, WeekEventKind as K};

fn issue(id: &str, status: OpenClosed) -> IssueMention {
    IssueMention {
        id: id.to_string(),
        title: Some(format!("Issue {id}")),
        severity: Some(Severity::Medium),
        owner: None,
        status: Some(status),
        customer: None,
    }
}

#[test]
fn every_week_event_kind() {
    // a: 2026-01-01..12-31 (364 days), value = budget = 1 000.
    let mut a = project("a", "2026-01-01", "2026-12-31", 1000.0, 1000.0);
    a.def.milestones = milestones(&[("m1", "2026-04-01"), ("m2", "2026-05-01")]);
    // U1 03-01 (known at A − 7): 17 % for 170 → CPI 1, EAC 1 000, recognized 170; planned
    // 100 × 59/364 = 16.21 % → SPI 1.05; the open high escalation e1 makes it amber.
    let mut u1 = update("2026-03-01", 17.0, 170.0);
    u1.front.risks.push(risk("r1", 2, 2, OpenClosed::Open));
    u1.front.risks.push(risk("r2", 3, 3, OpenClosed::Open));
    u1.front.risks.push(risk("r3", 1, 1, OpenClosed::Open));
    u1.front.issues.push(issue("i1", OpenClosed::Open));
    u1.front
        .escalations
        .push(escalation("e1", Severity::High, OpenResolved::Open));
    for c in ["c1", "c2", "c3"] {
        u1.front
            .changes
            .push(change(c, ChangeStatus::Proposed, None, None, None));
    }
    a.updates.push(u1);
    // U2 03-10: declared amber, 20 % for 300 with a PM EAC of 1 200 → CPI 200/300 = 0.67 (red);
    // recognized 1 000 × 300/1 200 = 250, so 250 − 170 = 80 booked in the window.
    let mut u2 = update("2026-03-10", 20.0, 300.0);
    u2.front.status.overall = Rag::Amber;
    u2.front.estimate_at_completion = Some(1200.0);
    u2.front.forecast_end = Some(d("2027-01-15"));
    let mut r1 = risk("r1", 4, 2, OpenClosed::Open); // rescored 2 × 2 = 4 → 4 × 2 = 8
    r1.title = None;
    u2.front.risks.push(r1);
    u2.front.risks.push(risk("r2", 3, 3, OpenClosed::Closed));
    u2.front.risks.push(risk("r4", 3, 4, OpenClosed::Open));
    u2.front.issues.push(issue("i1", OpenClosed::Closed));
    u2.front.issues.push(issue("i2", OpenClosed::Open));
    u2.front
        .escalations
        .push(escalation("e1", Severity::High, OpenResolved::Resolved));
    u2.front
        .escalations
        .push(escalation("e2", Severity::Critical, OpenResolved::Open));
    u2.front
        .changes
        .push(change("c1", ChangeStatus::Approved, None, None, None));
    u2.front
        .changes
        .push(change("c2", ChangeStatus::Rejected, None, None, None));
    u2.front
        .changes
        .push(change("c4", ChangeStatus::Proposed, None, None, None));
    u2.front.milestones.push(mention("m1", None, Some("2026-03-09")));
    u2.front.milestones.push(mention("m2", Some("2026-05-10"), None));
    a.updates.push(u2);
    // b: its first update in the window; no cost, so nothing recognized.
    let mut b = project("b", "2026-01-01", "2026-12-31", 1000.0, 1000.0);
    b.updates.push(update("2026-03-12", 0.0, 0.0));
    // c: on plan on 02-25 (planned 100 × 55/364 = 15.11 %); 11 days old at A − 7 (fresh),
    // 18 days old at A (stale, > 14): green → amber.
    let mut c = project("c", "2026-01-01", "2026-12-31", 1000.0, 1000.0);
    c.updates.push(update("2026-02-25", 16.0, 160.0));
    let r = crate::metrics::compute(&portfolio(vec![a, b, c]), d("2026-03-15"));

    let got: Vec<(&str, K, Option<&str>)> = r
        .portfolio
        .week_events
        .iter()
        .map(|e| (e.project.as_str(), e.kind, e.id.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            ("a", K::DeclaredHealth, None),
            ("a", K::ComputedHealth, None),
            ("a", K::EscalationOpened, Some("e2")),
            ("a", K::EscalationResolved, Some("e1")),
            ("a", K::RiskOpened, Some("r4")),
            ("a", K::RiskRescored, Some("r1")),
            ("a", K::RiskClosed, Some("r2")),
            ("a", K::IssueOpened, Some("i2")),
            ("a", K::IssueClosed, Some("i1")),
            ("a", K::ChangeProposed, Some("c4")),
            ("a", K::ChangeApproved, Some("c1")),
            ("a", K::ChangeRejected, Some("c2")),
            ("a", K::MilestoneDone, Some("m1")),
            ("a", K::MilestoneMoved, Some("m2")),
            ("a", K::EacChanged, None),
            ("a", K::ForecastEndMoved, None),
            ("a", K::RevenueRecognized, None),
            ("b", K::FirstUpdate, None),
            ("c", K::ComputedHealth, None),
            ("c", K::BecameStale, None),
        ]
    );
    let ev = |p: &str, k: K| {
        r.portfolio
            .week_events
            .iter()
            .find(|e| e.project == p && e.kind == k)
            .unwrap()
    };
    let from_to = |p: &str, k: K| (ev(p, k).from.clone(), ev(p, k).to.clone());
    use EventValue::{Date, Number};
    let h = |x: Health| Some(EventValue::Health(x));
    assert_eq!(
        from_to("a", K::DeclaredHealth),
        (h(Health::Green), h(Health::Amber))
    );
    assert_eq!(
        from_to("a", K::ComputedHealth),
        (h(Health::Amber), h(Health::Red))
    );
    assert_eq!(
        from_to("a", K::RiskRescored),
        (Some(Number(4.0)), Some(Number(8.0)))
    );
    assert_eq!(
        ev("a", K::RiskRescored).text(),
        "Project a: risk Risk r1 rescored 4 → 8"
    );
    assert_eq!(
        from_to("a", K::MilestoneMoved),
        (Some(Date(d("2026-05-01"))), Some(Date(d("2026-05-10"))))
    );
    assert_eq!(
        from_to("a", K::MilestoneDone),
        (None, Some(Date(d("2026-03-09"))))
    );
    assert_eq!(
        from_to("a", K::EacChanged),
        (Some(Number(1000.0)), Some(Number(1200.0)))
    );
    // No forecast end was stated before: the project was expected to end at its current end.
    assert_eq!(
        from_to("a", K::ForecastEndMoved),
        (Some(Date(d("2026-12-31"))), Some(Date(d("2027-01-15"))))
    );
    let (_, booked) = from_to("a", K::RevenueRecognized);
    match booked {
        Some(Number(x)) => close(x, 80.0),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        from_to("c", K::ComputedHealth),
        (h(Health::Green), h(Health::Amber))
    );
    // The JSON shape: kinds in snake case, null where a field does not apply.
    let v: Value = serde_json::to_value(&r.portfolio.week_events).unwrap();
    for e in v.as_array().unwrap() {
        keys(e, "week event", WEEK_EVENT);
    }
    assert_eq!(v[0]["kind"], "declared_health");
    assert_eq!(
        (&v[0]["from"], &v[0]["to"]),
        (&Value::from("green"), &Value::from("amber"))
    );
    assert_eq!(v[17]["kind"], "first_update");
    assert_eq!(v[17]["id"], Value::Null);
}

/// Without an update in the window, the project as it read at A − 7 is derived from the one at
/// A instead of computed again; both roads give the same events.
#[test]
fn no_update_in_the_window_gives_the_same_events_either_way() {
    use crate::metrics::project::{aged, at};
    let cfg = portfolio(vec![]).config;
    let mut p = project("q", "2026-01-01", "2026-12-31", 1000.0, 1000.0);
    p.def.milestones.push(milestone("m1", "2026-03-01"));
    let mut u = update("2026-02-20", 15.0, 150.0);
    u.front.milestones.push(mention("m1", Some("2026-03-02"), None));
    u.front
        .escalations
        .push(escalation("e1", Severity::High, OpenResolved::Open));
    p.updates.push(u);
    for a in [
        "2026-03-01",
        "2026-03-08",
        "2026-03-10",
        "2026-03-18",
        "2026-03-20",
        "2026-03-25",
        "2026-04-02",
    ] {
        let (a, week_ago) = (d(a), d(a) - chrono::Days::new(7));
        let now = at(&p, &cfg, &[], a).report;
        let full = crate::metrics::week::events(&at(&p, &cfg, &[], week_ago).report, &now, week_ago, a, 2.0);
        let fast = crate::metrics::week::events(&aged(&now, &cfg, week_ago), &now, week_ago, a, 2.0);
        assert_eq!(fast, full, "as of {a}");
    }
    // A = 03-18: at 03-11 m1 (forecast 03-02, past) had slipped 10 days (amber), by 03-18
    // 17 days (> 15, red); stale at both dates (19 and 26 days): computed amber → red only.
    let r = crate::metrics::compute(&portfolio(vec![p]), d("2026-03-18"));
    let kinds: Vec<K> = r.portfolio.week_events.iter().map(|e| e.kind).collect();
    assert_eq!(kinds, [K::ComputedHealth]);
}

/// An EAC change is an event from `eac_change_percent` % of BAC on: with BAC 100,000 and the
/// default 2 %, 100,000 → 102,000 (exactly 2,000) is one, 100,000 → 101,999 is not; a BAC of 0
/// makes every change material.
#[test]
fn eac_changes_are_events_from_two_percent_of_bac() {
    use crate::metrics::week::eac_change_is_material as material;
    let bac = Some(100_000.0);
    assert!(material(100_000.0, 102_000.0, bac, 2.0));
    assert!(material(100_000.0, 98_000.0, bac, 2.0));
    assert!(!material(100_000.0, 101_999.0, bac, 2.0));
    assert!(!material(100_000.0, 98_000.5, bac, 2.0));
    assert!(!material(100_000.0, 100_000.0, bac, 2.0));
    assert!(material(10.0, 12.0, Some(0.0), 2.0));
    assert!(material(10.0, 12.0, None, 2.0));
    assert!(!material(10.0, 10.0, Some(0.0), 2.0));
    // Whatever is said, the same EAC twice is no event; a threshold of 0 keeps every change.
    assert!(material(100_000.0, 100_000.01, bac, 0.0));
}

/// A PM who states, as `forecast_end`, the end the project already had moves nothing; a first
/// update says which computed health it brought.
#[test]
fn restating_the_end_is_no_event_and_a_first_update_carries_its_health() {
    use crate::report::{EventValue, WeekEventKind as K};
    let cfg = portfolio(vec![]).config;
    let mut p = project("r", "2026-01-01", "2026-12-31", 1000.0, 1000.0);
    let mut u1 = update("2026-03-02", 10.0, 100.0);
    u1.front.forecast_end = None;
    let mut u2 = update("2026-03-09", 20.0, 200.0);
    u2.front.forecast_end = Some(d("2026-12-31"));
    p.updates = vec![u1, u2];
    let out = crate::metrics::project::compute(&p, &cfg, &[], d("2026-03-10"));
    assert!(
        !out.extras.events.iter().any(|e| e.kind == K::ForecastEndMoved),
        "{:?}",
        out.extras.events
    );
    let mut q = project("s", "2026-01-01", "2026-12-31", 1000.0, 1000.0);
    q.updates = vec![update("2026-03-09", 20.0, 200.0)];
    let out = crate::metrics::project::compute(&q, &cfg, &[], d("2026-03-10"));
    let first = out
        .extras
        .events
        .iter()
        .find(|e| e.kind == K::FirstUpdate)
        .expect("a first update");
    assert_eq!(first.to, Some(EventValue::Health(out.report.health.computed)));
}
