//! Independent review tests of the rules (docs/metrics.md: planned percent, record merging,
//! risk scores, health thresholds and rule order, week change, people and partners),
//! computed by hand; the arithmetic is in the comments.

use crate::metrics::evm::planned_percent;
use crate::metrics::testkit::*;
use crate::model::{
    ChangeStatus, IssueMention, OpenClosed, OpenResolved, Partner, Project, Rag, RiskMention, Severity,
    TeamMember,
};
use crate::report::{Health, MilestoneMove};

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

/// A project with bac 100 and one update at `date` (planned percent given so SPI is chosen).
fn hp(id: &str, date: &str, pc: f64, ac: f64, planned: f64) -> Project {
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

fn risk_only(id: &str, status: OpenClosed) -> RiskMention {
    RiskMention {
        id: id.into(),
        title: None,
        probability: None,
        impact: None,
        owner: None,
        mitigation: None,
        status: Some(status),
        customer: None,
    }
}

#[test]
fn review_records_and_week_change() {
    // A = 2026-05-20, window (05-13, 05-20].
    let mut p = hp("w", "2026-05-06", 50.0, 50.0, 50.0);
    for id in ["m1", "m2", "m3"] {
        p.def.milestones.push(milestone(id, "2026-06-01"));
    }
    let u = &mut p.updates[0];
    u.front.risks.push(risk("r1", 2, 2, OpenClosed::Open));
    u.front.milestones.push(mention("m1", Some("2026-06-05"), None));
    u.front.issues.push(IssueMention {
        id: "i1".into(),
        title: Some("Issue".into()),
        severity: Some(Severity::High),
        owner: Some("Bob".into()),
        status: Some(OpenClosed::Open),
        customer: None,
    });
    // 05-13 (= A − 7, outside the window): amber.
    let mut u = update("2026-05-13", 50.0, 50.0);
    u.front.planned_percent = Some(50.0);
    u.front.status.overall = Rag::Amber;
    u.front.risks.push(risk_only("r1", OpenClosed::Closed));
    let mut r2 = risk("r2", 3, 4, OpenClosed::Open);
    (r2.owner, r2.mitigation) = (Some("Ann".into()), Some("hedge".into()));
    u.front.risks.push(r2);
    u.front
        .escalations
        .push(escalation("e2", Severity::Critical, OpenResolved::Open));
    u.front.milestones.push(mention("m2", Some("2026-06-03"), None));
    p.updates.push(u);
    // 05-18: red.
    let mut u = update("2026-05-18", 50.0, 50.0);
    u.front.planned_percent = Some(50.0);
    u.front.status.overall = Rag::Red;
    u.front.risks.push(risk_only("r2", OpenClosed::Closed)); // keeps p, i, owner, mitigation
    u.front.risks.push(risk("r3", 1, 5, OpenClosed::Open));
    let mut e1 = escalation("e1", Severity::High, OpenResolved::Open);
    e1.raised = Some(d("2026-05-01"));
    u.front.escalations.push(e1);
    let mut e2 = escalation("e2", Severity::Critical, OpenResolved::Resolved);
    (e2.title, e2.severity) = (None, None);
    u.front.escalations.push(e2);
    u.front
        .escalations
        .push(escalation("e3", Severity::High, OpenResolved::Open));
    u.front.milestones.push(mention("m1", Some("2026-06-12"), None));
    u.front.issues.push(IssueMention {
        id: "i1".into(),
        title: None,
        severity: Some(Severity::Critical),
        owner: None,
        status: None,
        customer: None,
    });
    p.updates.push(u);
    // 05-25, after A: all ignored.
    let mut u = update("2026-05-25", 60.0, 60.0);
    u.front.risks.push(risk("r4", 5, 5, OpenClosed::Open));
    u.front.milestones.push(mention("m3", Some("2026-07-01"), None));
    u.front
        .escalations
        .push(escalation("e3", Severity::High, OpenResolved::Resolved));
    p.updates.push(u);

    let r = crate::metrics::compute(&portfolio(vec![p]), d("2026-05-20"));
    let pr = &r.projects[0];
    let w = &pr.week_change;
    assert_eq!(
        (w.declared_now, w.declared_week_ago),
        (Health::Red, Health::Amber)
    );
    assert_eq!(w.risks_opened, ["r3"]); // r1 05-06, r2 05-13: outside
    assert_eq!(w.risks_closed, ["r2"]); // r1 closed 05-13: outside
    assert_eq!(w.escalations_opened, ["e3"]); // e1 raised 05-01 overrides its 05-18 mention
    assert_eq!(w.escalations_closed, ["e2"]);
    assert_eq!(
        w.milestones_moved,
        vec![MilestoneMove {
            id: "m1".into(),
            from: d("2026-06-05"),
            to: d("2026-06-12")
        }]
    );
    let r2 = &pr.risks[1];
    assert_eq!(
        (r2.id.as_str(), r2.title.as_str(), r2.score, r2.status),
        ("r2", "Risk r2", 12, OpenClosed::Closed)
    );
    assert_eq!(
        (r2.owner.as_deref(), r2.mitigation.as_deref()),
        (Some("Ann"), Some("hedge"))
    );
    assert_eq!((r2.opened, r2.updated), (d("2026-05-13"), d("2026-05-18")));
    assert_eq!(pr.risks.len(), 3, "r4 is after A");
    let i1 = &pr.issues[0];
    assert_eq!(
        (i1.severity, i1.owner.as_deref(), i1.title.as_str()),
        (Severity::Critical, Some("Bob"), "Issue")
    );
    // Escalations: e1 age = A − raised = 05-20 − 05-01 = 19; e2 resolved → null, keeps its
    // title and severity; e3 open (its resolution is after A), age 2.
    let e: Vec<_> = pr
        .escalations
        .iter()
        .map(|e| (e.id.as_str(), e.opened, e.age_days))
        .collect();
    assert_eq!(
        e,
        [
            ("e1", d("2026-05-01"), Some(19)),
            ("e2", d("2026-05-13"), None),
            ("e3", d("2026-05-18"), Some(2))
        ]
    );
    assert_eq!(
        (pr.escalations[1].severity, pr.escalations[1].title.as_str()),
        (Severity::Critical, "Escalation e2")
    );
    // Health: cpi = spi = 1; m1 slips 11 > 5 and e1, e3 are open high → amber (e2 resolved).
    assert_eq!(pr.health.computed, Health::Amber);
}

#[test]
fn review_people_and_partners() {
    // A = 2026-05-20.
    let member = |name: &str, allocation: f64| TeamMember {
        name: name.into(),
        role: "dev".into(),
        allocation,
    };
    let partner = |name: &str, budget: Option<f64>| Partner {
        name: name.into(),
        role: "sub".into(),
        budget,
    };
    let mut one = hp("p-one", "2026-05-19", 50.0, 50.0, 50.0);
    one.def.team = vec![member("Ann", 60.0), member("Bob", 60.0)];
    one.def.partners = vec![partner("Acme", Some(10_000.0))];
    one.updates.push(update("2026-05-25", 100.0, 100.0)); // complete only after A: still active
                                                          // Ends 05-01 but an approved +30 days moves current_end to 05-31 ≥ A: active.
    let mut two = project("p-two", "2026-01-01", "2026-05-01", 1.0, 1.0);
    let mut u = update("2026-04-30", 80.0, 1.0);
    u.front
        .changes
        .push(change("c", ChangeStatus::Approved, None, None, Some(30)));
    two.updates.push(u);
    two.def.team = vec![member("Ann", 50.0), member("Bob", 40.0)];
    two.def.partners = vec![partner("Acme", None)];
    // 100 % complete: not active.
    let mut three = hp("p-three", "2026-05-19", 100.0, 100.0, 100.0);
    three.def.team = vec![member("Cy", 100.0)];
    three.def.partners = vec![partner("Zed", Some(5_000.0))];
    // Starts on A, no update: active. Starts A + 1: not. Ended before A: not.
    let mut four = project("p-four", "2026-05-20", "2026-09-30", 1.0, 1.0);
    four.def.team = vec![member("Dee", 30.0)];
    let mut six = project("p-six", "2026-05-21", "2026-09-30", 1.0, 1.0);
    six.def.team = vec![member("Fay", 30.0)];
    let mut five = project("p-five", "2026-01-01", "2026-05-01", 1.0, 1.0);
    five.updates.push(update("2026-04-30", 90.0, 1.0));
    five.def.team = vec![member("Eve", 20.0)];
    let r = crate::metrics::compute(
        &portfolio(vec![six, five, four, three, two, one]),
        d("2026-05-20"),
    );
    let people: Vec<_> = r
        .people
        .iter()
        .map(|p| (p.name.as_str(), p.allocation, p.over_allocated))
        .collect();
    // Ann 60 + 50 = 110 > 100; Bob 60 + 40 = 100, not over.
    assert_eq!(
        people,
        [("Ann", 110.0, true), ("Bob", 100.0, false), ("Dee", 30.0, false)]
    );
    let ann: Vec<_> = r.people[0]
        .assignments
        .iter()
        .map(|a| a.project.as_str())
        .collect();
    assert_eq!(ann, ["p-one", "p-two"]);
    let partners: Vec<_> = r
        .partners
        .iter()
        .map(|p| (p.name.as_str(), p.budget, p.engagements.len()))
        .collect();
    assert_eq!(partners, [("Acme", 10_000.0, 2), ("Zed", 5_000.0, 1)]);
}
