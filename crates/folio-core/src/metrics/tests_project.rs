//! Whole-project tests through `compute`: as-of cut-off, no update, change log, records,
//! milestones, week change, roll-ups, people (health: `tests_health`); the documented worked
//! example (`worked`: baseline, earned value, revenue, roll-ups and programs, by hand; its JSON
//! shape is in `tests_json`), a past milestone forecast counting as A, people and partners.

use crate::metrics::testkit::*;
use crate::metrics::tests_health::{hp, rules};
use crate::model::{
    ChangeStatus, OpenClosed, OpenResolved, Partner, PlanPoint, Project, Rag, Severity, TeamMember,
};
use crate::report::{Health, MilestoneMove, Rule};

#[test]
fn no_update_yet() {
    let mut p = project("a", "2026-01-01", "2026-06-30", 1000.0, 800.0);
    p.updates.push(update("2026-04-01", 10.0, 50.0)); // after as-of: ignored
    let r = crate::metrics::compute(&portfolio(vec![p]), d("2026-03-01"));
    let pr = &r.projects[0];
    assert_eq!(pr.evm, Default::default());
    assert_eq!(pr.health.declared, Health::Unknown);
    assert_eq!(pr.health.computed, Health::Unknown);
    assert!(!pr.health.watermelon);
    assert_eq!(pr.recognized_revenue, 0.0);
    assert_eq!(
        (pr.margin, pr.percent_complete, pr.latest_update),
        (None, None, None)
    );
    assert_eq!(
        (pr.days_since_update, pr.stale, pr.update_count),
        (None, false, 0)
    );
    assert!(pr.history.is_empty());
    assert_eq!(pr.week_change.declared_now, Health::Unknown);
    // Σ bac counts every project, Σ ev/ac/pv only those with an update.
    assert_eq!(
        (r.portfolio.bac, r.portfolio.ac, r.portfolio.ev),
        (800.0, 0.0, 0.0)
    );
    assert_eq!((r.portfolio.cpi, r.portfolio.spi), (None, None));
    assert_eq!(r.portfolio.health.declared[&Health::Unknown], 1);
    assert_eq!(r.portfolio.health.computed[&Health::Green], 0);
}

#[test]
fn updates_after_as_of_are_ignored_everywhere() {
    let mut p = project("a", "2026-01-01", "2026-12-31", 1000.0, 1000.0);
    p.def.milestones.push(milestone("m1", "2026-06-01"));
    p.updates.push(update("2026-02-01", 10.0, 100.0));
    let mut late = update("2026-03-01", 50.0, 900.0);
    late.front.status.overall = Rag::Red;
    late.front
        .milestones
        .push(mention("m1", Some("2026-09-01"), None));
    late.front.risks.push(risk("r1", 5, 5, OpenClosed::Open));
    late.front.changes.push(change(
        "c1",
        ChangeStatus::Approved,
        Some(1.0),
        Some(1.0),
        Some(1),
    ));
    p.updates.push(late);
    let r = crate::metrics::compute(&portfolio(vec![p]), d("2026-02-10"));
    let pr = &r.projects[0];
    assert_eq!(pr.latest_update, Some(d("2026-02-01")));
    assert_eq!(pr.days_since_update, Some(9));
    assert_eq!(pr.evm.ac, Some(100.0));
    assert_eq!(pr.health.declared, Health::Green);
    assert_eq!(pr.milestones[0].forecast, d("2026-06-01"));
    assert!(pr.risks.is_empty() && pr.changes.is_empty());
    assert_eq!((pr.current_value, pr.current_end), (1000.0, d("2026-12-31")));
    assert_eq!(pr.history.len(), 1);
}

#[test]
fn change_approved_then_rejected_counts_nothing() {
    let mut p = project("a", "2026-01-01", "2026-12-31", 1000.0, 1000.0);
    let mut u1 = update("2026-02-01", 10.0, 100.0);
    u1.front.changes.push(change(
        "c1",
        ChangeStatus::Approved,
        Some(200.0),
        Some(300.0),
        Some(10),
    ));
    u1.front
        .changes
        .push(change("c2", ChangeStatus::Proposed, Some(50.0), None, None));
    p.updates.push(u1);
    let mut u2 = update("2026-03-01", 20.0, 200.0);
    let mut rej = change("c1", ChangeStatus::Rejected, None, None, None);
    rej.title = None;
    u2.front.changes.push(rej);
    let mut appr = change("c2", ChangeStatus::Approved, None, Some(70.0), None);
    appr.title = None;
    u2.front.changes.push(appr);
    p.updates.push(u2);
    let r = crate::metrics::compute(&portfolio(vec![p]), d("2026-03-01"));
    let pr = &r.projects[0];
    // At the first update c1 counted; afterwards only c2 (budget 50 kept from its first
    // mention, value 70 given later).
    assert_eq!(pr.history[0].bac, 1200.0);
    assert_eq!(pr.history[1].bac, 1050.0);
    assert_eq!(pr.evm.bac, Some(1050.0));
    assert_eq!(pr.current_value, 1070.0);
    assert_eq!(pr.current_end, d("2026-12-31"));
    let c1 = &pr.changes[0];
    assert_eq!((c1.id.as_str(), c1.title.as_str()), ("c1", "Change c1"));
    assert_eq!(c1.status, ChangeStatus::Rejected);
    assert_eq!(
        (c1.budget_delta, c1.opened, c1.updated),
        (Some(200.0), d("2026-02-01"), d("2026-03-01"))
    );
    assert_eq!(r.portfolio.bac, 1050.0);
}

#[test]
fn records_merge_by_id() {
    let mut p = project("a", "2026-01-01", "2026-12-31", 1000.0, 1000.0);
    let mut u1 = update("2026-02-01", 10.0, 100.0);
    u1.front.risks.push(risk("r2", 2, 3, OpenClosed::Open));
    u1.front.risks.push(risk("r1", 4, 5, OpenClosed::Open));
    let mut e = escalation("e1", Severity::High, OpenResolved::Open);
    e.raised = Some(d("2026-01-20"));
    u1.front.escalations.push(e);
    u1.front
        .escalations
        .push(escalation("e2", Severity::Low, OpenResolved::Open));
    p.updates.push(u1);
    let mut u2 = update("2026-02-15", 20.0, 200.0);
    let mut r2 = risk("r2", 5, 3, OpenClosed::Closed);
    (r2.title, r2.impact) = (None, None);
    u2.front.risks.push(r2);
    let mut e2 = escalation("e2", Severity::Critical, OpenResolved::Resolved);
    e2.title = Some("Renamed".to_string());
    u2.front.escalations.push(e2);
    p.updates.push(u2);
    let r = crate::metrics::compute(&portfolio(vec![p]), d("2026-03-01"));
    let pr = &r.projects[0];
    let ids: Vec<&str> = pr.risks.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["r1", "r2"]);
    let r1 = &pr.risks[0];
    assert_eq!(
        (r1.score, r1.opened, r1.updated),
        (20, d("2026-02-01"), d("2026-02-01"))
    );
    let r2 = &pr.risks[1];
    assert_eq!(
        (r2.title.as_str(), r2.probability, r2.impact, r2.score),
        ("Risk r2", 5, 3, 15)
    );
    assert_eq!(
        (r2.status, r2.opened, r2.updated),
        (OpenClosed::Closed, d("2026-02-01"), d("2026-02-15"))
    );
    let e1 = &pr.escalations[0];
    assert_eq!(
        (e1.raised, e1.opened, e1.age_days),
        (d("2026-01-20"), d("2026-01-20"), Some(40))
    );
    let e2 = &pr.escalations[1];
    assert_eq!(
        (e2.title.as_str(), e2.severity, e2.age_days),
        ("Renamed", Severity::Critical, None)
    );
    assert_eq!(e2.raised, d("2026-02-01"));
}

#[test]
fn milestones_forecast_done_slip_late_upcoming() {
    let mut p = project("a", "2026-01-01", "2026-12-31", 1000.0, 1000.0);
    p.def.milestones = milestones(&[
        ("m1", "2026-03-01"),
        ("m2", "2026-02-20"),
        ("m3", "2026-04-10"),
        ("m4", "2026-04-11"),
        ("m0", "2026-02-01"),
    ]);
    let mut u1 = update("2026-02-01", 10.0, 100.0);
    u1.front.milestones.push(mention("m1", Some("2026-03-10"), None));
    u1.front.milestones.push(mention("m0", None, Some("2026-02-04")));
    p.updates.push(u1);
    let mut u2 = update("2026-03-05", 20.0, 200.0);
    u2.front.milestones.push(mention("m1", None, Some("2026-03-08"))); // forecast kept
    p.updates.push(u2);
    let r = crate::metrics::compute(&portfolio(vec![p]), d("2026-03-11"));
    let ms = &r.projects[0].milestones;
    let ids: Vec<&str> = ms.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["m0", "m1", "m2", "m3", "m4"]);
    let get = |id: &str| ms.iter().find(|m| m.id == id).unwrap();
    // m0 done 3 days late; m1 done 7 days late with its forecast kept.
    assert_eq!(
        (get("m0").slip_days, get("m0").late, get("m0").upcoming),
        (3, false, false)
    );
    assert_eq!(
        (get("m1").forecast, get("m1").done, get("m1").slip_days),
        (d("2026-03-10"), Some(d("2026-03-08")), 7)
    );
    assert!(!get("m1").late);
    // m2 not done, due before as-of, forecast (defaulting to due) past: the forecast counts
    // as the as-of date, slip = 2026-03-11 − 2026-02-20 = 8 (rest of Feb) + 11 = 19 days.
    assert_eq!(
        (get("m2").forecast, get("m2").slip_days, get("m2").late),
        (d("2026-02-20"), 19, true)
    );
    // Upcoming window is as_of ≤ forecast ≤ as_of + 30 (Apr 10 inclusive, Apr 11 not).
    assert!(get("m3").upcoming && !get("m3").late);
    assert!(!get("m4").upcoming);
}

#[test]
fn week_change_window() {
    let mut p = project("a", "2026-01-01", "2026-12-31", 1000.0, 1000.0);
    p.def.milestones = milestones(&[("m1", "2026-04-01"), ("m2", "2026-05-01")]);
    let mut u1 = update("2026-03-01", 10.0, 100.0);
    u1.front.status.overall = Rag::Amber;
    u1.front.risks.push(risk("r1", 3, 3, OpenClosed::Open));
    u1.front.risks.push(risk("r0", 3, 3, OpenClosed::Open));
    u1.front.milestones.push(mention("m2", Some("2026-05-03"), None));
    p.updates.push(u1);
    let mut u2 = update("2026-03-08", 12.0, 120.0); // exactly A − 7: "a week ago", not in window
    u2.front.risks.push(risk("r2", 2, 2, OpenClosed::Open));
    u2.front.risks.push(risk("r4", 2, 2, OpenClosed::Open));
    u2.front.risks.push(risk("r0", 3, 3, OpenClosed::Closed)); // closed a week ago
    u2.front.milestones.push(mention("m2", Some("2026-05-05"), None)); // moved a week ago
    p.updates.push(u2);
    let mut u3 = update("2026-03-12", 15.0, 150.0);
    u3.front.status.overall = Rag::Red;
    let mut close_r1 = risk("r1", 3, 3, OpenClosed::Closed);
    (close_r1.title, close_r1.probability, close_r1.impact) = (None, None, None);
    u3.front.risks.push(close_r1);
    u3.front.risks.push(risk("r3", 1, 1, OpenClosed::Open));
    u3.front.risks.push(risk("r0", 3, 3, OpenClosed::Closed)); // restated: still closed before
    u3.front.risks.push(risk("r4", 2, 2, OpenClosed::Closed));
    u3.front
        .escalations
        .push(escalation("e1", Severity::High, OpenResolved::Open));
    u3.front.milestones.push(mention("m1", Some("2026-04-20"), None));
    u3.front.milestones.push(mention("m2", Some("2026-05-05"), None)); // restated, not moved
    p.updates.push(u3);
    let mut u4 = update("2026-03-14", 16.0, 160.0);
    u4.front.status.overall = Rag::Red;
    u4.front.risks.push(risk("r4", 2, 2, OpenClosed::Open)); // reopened: not closed this week
    p.updates.push(u4);
    let r = crate::metrics::compute(&portfolio(vec![p]), d("2026-03-15"));
    let w = &r.projects[0].week_change;
    assert_eq!(
        (w.declared_now, w.declared_week_ago),
        (Health::Red, Health::Green)
    );
    assert_eq!(w.risks_opened, ["r3"]);
    assert_eq!(w.risks_closed, ["r1"]);
    assert_eq!(w.escalations_opened, ["e1"]);
    assert!(w.escalations_closed.is_empty());
    assert_eq!(
        w.milestones_moved,
        [MilestoneMove {
            id: "m1".to_string(),
            from: d("2026-04-01"),
            to: d("2026-04-20")
        }]
    );
    // A project whose first update is inside the window was unknown a week ago.
    let mut q = project("b", "2026-01-01", "2026-12-31", 1000.0, 1000.0);
    q.updates.push(update("2026-03-10", 1.0, 1.0));
    let r = crate::metrics::compute(&portfolio(vec![q]), d("2026-03-15"));
    assert_eq!(r.projects[0].week_change.declared_week_ago, Health::Unknown);
}

#[test]
fn programs_people_and_partners() {
    let team = |n: &str, a: f64| TeamMember {
        name: n.to_string(),
        role: "dev".to_string(),
        allocation: a,
        from: None,
        to: None,
    };
    let partner = |n: &str, b: Option<f64>| Partner {
        name: n.to_string(),
        role: "sub".to_string(),
        budget: b,
    };
    let mut a = project("a", "2026-01-01", "2026-12-31", 1000.0, 1000.0);
    a.def.program = Some("core".to_string());
    a.def.team = vec![team("Ann", 60.0), team("Bob", 100.0)];
    a.def.partners = vec![partner("Acme", Some(100.0))];
    a.updates.push(update("2026-03-01", 50.0, 400.0));
    let mut b = project("b", "2026-01-01", "2026-12-31", 3000.0, 2000.0);
    b.def.program = Some("core".to_string());
    b.def.team = vec![team("Ann", 50.0)];
    b.def.partners = vec![partner("Acme", None), partner("Zed", Some(5.0))];
    b.updates.push(update("2026-03-01", 10.0, 400.0));
    let mut done = project("c", "2026-01-01", "2026-12-31", 10.0, 10.0);
    done.def.team = vec![team("Bob", 50.0)];
    done.updates.push(update("2026-03-01", 100.0, 10.0)); // 100 % complete: not active
    let mut later = project("d", "2026-06-01", "2026-12-31", 10.0, 10.0);
    later.def.team = vec![team("Cy", 50.0)]; // not started: not active
    let mut pf = portfolio(vec![later, done, b, a]);
    pf.programs.push(program("core", "Core"));
    let r = crate::metrics::compute(&pf, d("2026-03-15"));
    let core = &r.programs[0];
    assert_eq!(core.project_ids, ["a", "b"]);
    let ru = &core.rollup;
    assert_eq!(
        (ru.bac, ru.ac, ru.ev, ru.current_value),
        (3000.0, 800.0, 700.0, 4000.0)
    );
    assert_eq!(ru.cpi, Some(700.0 / 800.0));
    assert!(ru
        .quarters
        .iter()
        .all(|q| q.target.is_none() && q.attainment.is_none()));
    assert_eq!(r.portfolio.bac, 3020.0);
    assert_eq!(r.portfolio.project_count, 4);
    // Everyone a team names is listed; those on an active project have assignments.
    let names: Vec<&str> = r
        .people
        .iter()
        .filter(|p| !p.assignments.is_empty())
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(names, ["Ann", "Bob"]);
    assert_eq!(
        (r.people[0].allocation, r.people[0].over_allocated),
        (110.0, true)
    );
    assert_eq!(
        r.people[0]
            .assignments
            .iter()
            .map(|a| a.project.as_str())
            .collect::<Vec<_>>(),
        ["a", "b"]
    );
    assert_eq!(
        (r.people[1].allocation, r.people[1].over_allocated),
        (100.0, false)
    );
    assert_eq!(r.partners.len(), 2);
    assert_eq!(
        (r.partners[0].name.as_str(), r.partners[0].budget),
        ("Acme", 100.0)
    );
    assert_eq!(r.partners[0].engagements.len(), 2);
    assert_eq!((r.partners[1].name.as_str(), r.partners[1].budget), ("Zed", 5.0));
}

#[test]
fn a_past_forecast_of_a_milestone_not_done_counts_as_a() {
    let mut p = project("m", "2026-01-01", "2026-12-31", 1000.0, 1000.0);
    p.def.milestones = milestones(&[("m1", "2026-03-01"), ("m2", "2026-03-01"), ("m3", "2026-03-01")]);
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
    p.def.milestones = milestones(&[
        ("m-c", "2026-06-10"),
        ("m-a", "2026-03-01"),
        ("m-b", "2026-05-10"),
    ]);
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
        pf.programs.push(program(id, &id.to_uppercase()));
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
    // Forecast: 1 320 000 − 396 000 = 924 000 over the days after A up to
    // max(05-18, A + 1 = 05-21): the one day 05-21, in FY26-Q2.
    assert_quarters(
        &a.revenue_by_quarter,
        &[("FY26-Q1", 276_000.0, 0.0), ("FY26-Q2", 120_000.0, 924_000.0)],
    );
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
fn review_people_and_partners() {
    // A = 2026-05-20.
    let member = |name: &str, allocation: f64| TeamMember {
        name: name.into(),
        role: "dev".into(),
        allocation,
        from: None,
        to: None,
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
        .filter(|p| !p.assignments.is_empty())
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
