//! Whole-project tests through `compute`: as-of cut-off, no update, change log, records,
//! milestones, week change, roll-ups, people (health: `tests_health`).

use crate::metrics::testkit::*;
use crate::model::{
    ChangeStatus, OpenClosed, OpenResolved, Partner, Program, ProgramFile, Rag, Severity, TeamMember,
};
use crate::report::{Health, MilestoneMove};

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
    for (id, due) in [
        ("m1", "2026-03-01"),
        ("m2", "2026-02-20"),
        ("m3", "2026-04-10"),
        ("m4", "2026-04-11"),
        ("m0", "2026-02-01"),
    ] {
        p.def.milestones.push(milestone(id, due));
    }
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
    p.def.milestones.push(milestone("m1", "2026-04-01"));
    p.def.milestones.push(milestone("m2", "2026-05-01"));
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
    pf.programs.push(Program {
        id: "core".to_string(),
        file: ProgramFile {
            name: "Core".to_string(),
            description: None,
            sponsor: None,
        },
        path: "programs/core.yaml".into(),
    });
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
    let names: Vec<&str> = r.people.iter().map(|p| p.name.as_str()).collect();
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
