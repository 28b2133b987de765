//! The figures behind the summary's headline and *Decisions needed* (docs/metrics.md, forecast
//! categories, quarter-end update, decisions): each quarter's `last_week` from the pass the
//! week's events share, the quarter-end update, the forecast of a project that never reported,
//! decisions kept apart by whom they wait on, routine events folded, stale figures dated. Every
//! figure worked out by hand in the comments.

use crate::metrics::testkit::*;
use crate::model::{Ask, Rag};
use crate::report::{EventValue, Health, Verdict, WaitsOn, WeekEventKind as K};

/// One project that changed its EAC and its status in the week (A − 7, A] = (03-08, 03-15].
///
/// 2026-01-01..12-31, value = budget = 1 000; FY26-Q1 (Jan–Mar) has a target of 260.
/// - U1 03-01, green: 20 % for 200 → EV 200, CPI 1, EAC 1 000, recognized
///   1 000 × 200 / 1 000 = 200 (booked in Q1).
/// - As of A − 7 = 03-08 the remaining 800 spreads over 03-09..12-31 = 23 + 275 = 298 days, of
///   which 23 in Q1: forecast 800 × 23 / 298; not at risk. committed = best case =
///   200 + 18 400 / 298 = 261.744… ≥ 260: on track.
/// - U2 03-12, declared red: 25 % for 400 with a PM EAC of 1 600 → CPI 250 / 400 = 0.625 (red);
///   recognized 1 000 × 400 / 1 600 = 250, so Q1's actual is 250.
/// - As of A = 03-15 the remaining 750 spreads over 03-16..12-31 = 16 + 275 = 291 days: Q1
///   forecast 750 × 16 / 291 = 12 000 / 291, all of it at risk (computed red). committed = 250
///   < 260 ≤ best case 250 + 12 000 / 291 = 291.237…: at risk.
#[test]
fn last_week_from_a_project_that_changed_its_eac_and_status() {
    let mut a = project("a", "2026-01-01", "2026-12-31", 1000.0, 1000.0);
    a.updates.push(update("2026-03-01", 20.0, 200.0));
    let mut u2 = update("2026-03-12", 25.0, 400.0);
    u2.front.status.overall = Rag::Red;
    u2.front.estimate_at_completion = Some(1600.0);
    a.updates.push(u2);
    let mut p = portfolio(vec![a]);
    p.config.revenue_targets.insert("FY26-Q1".to_string(), 260.0);
    let r = crate::metrics::compute(&p, d("2026-03-15"));

    let q = quarter(&r.portfolio.quarters, "FY26-Q1");
    close(q.actual, 250.0);
    close(q.forecast, 12_000.0 / 291.0);
    close(q.forecast_at_risk, 12_000.0 / 291.0);
    close(q.categories.committed, 250.0);
    close(q.categories.best_case, 250.0 + 12_000.0 / 291.0);
    close(q.categories.committed_attainment.unwrap(), 250.0 / 260.0);
    assert_eq!(q.categories.verdict, Some(Verdict::AtRisk));

    let w = q.last_week.as_deref().expect("last_week");
    close(w.actual, 200.0);
    close(w.forecast, 800.0 * 23.0 / 298.0);
    assert_eq!(w.forecast_at_risk, 0.0);
    close(w.categories.committed, 200.0 + 18_400.0 / 298.0);
    close(w.categories.best_case, 200.0 + 18_400.0 / 298.0);
    close(
        w.categories.committed_attainment.unwrap(),
        (200.0 + 18_400.0 / 298.0) / 260.0,
    );
    close(
        w.projected_attainment.unwrap(),
        (200.0 + 18_400.0 / 298.0) / 260.0,
    );
    assert_eq!(w.categories.verdict, Some(Verdict::OnTrack));

    // The same pass gave the week's events: the EAC moved 600 ≥ 2 % of 1 000, the status turned.
    let kinds: Vec<(K, Option<EventValue>, Option<EventValue>)> = r
        .portfolio
        .week_events
        .iter()
        .map(|e| (e.kind, e.from.clone(), e.to.clone()))
        .collect();
    let health = |h| Some(EventValue::Health(h));
    assert!(kinds.contains(&(K::DeclaredHealth, health(Health::Green), health(Health::Red))));
    assert!(kinds.contains(&(K::ComputedHealth, health(Health::Green), health(Health::Red))));
    assert!(kinds.contains(&(
        K::EacChanged,
        Some(EventValue::Number(1000.0)),
        Some(EventValue::Number(1600.0))
    )));
    // 250 − 200 = 50 booked in the window: routine, folded into one line.
    let folded = &r.portfolio.routine_events;
    assert_eq!(folded.len(), 1);
    assert_eq!(
        (folded[0].kind, folded[0].events, folded[0].projects),
        (K::RevenueRecognized, 1, 1)
    );
    close(folded[0].amount.unwrap(), 50.0);
}

/// Without an update in the week, last week's figures are this week's bookings with the
/// remaining revenue spread from A − 7: 2026-01-01..12-31, value = budget = 1 000, one update
/// 03-01 at 20 % for 200 (recognized 200). As of 03-15 the 800 left spread over 291 days (16 in
/// Q1): 800 × 16 / 291; as of 03-08 over 298 (23 in Q1): 800 × 23 / 298.
#[test]
fn last_week_without_an_update_in_the_week() {
    let mut a = project("a", "2026-01-01", "2026-12-31", 1000.0, 1000.0);
    a.updates.push(update("2026-03-01", 20.0, 200.0));
    let r = crate::metrics::compute(&portfolio(vec![a]), d("2026-03-15"));
    let q = quarter(&r.portfolio.quarters, "FY26-Q1");
    close(q.forecast, 800.0 * 16.0 / 291.0);
    let w = q.last_week.as_deref().unwrap();
    close(w.actual, 200.0);
    close(w.forecast, 800.0 * 23.0 / 298.0);
    assert_eq!(w.categories.verdict, None);
}

/// A project without any update whose start is more than `stale_after_days` (14) before A has
/// its forecast at risk; one that started 14 days before A does not yet.
#[test]
fn no_update_long_after_the_start_puts_the_forecast_at_risk() {
    let late = project("late", "2026-03-01", "2026-12-31", 1000.0, 1000.0);
    let fresh = project("fresh", "2026-03-02", "2026-12-31", 1000.0, 1000.0);
    // A = 03-16: 15 days after 03-01 (> 14), 14 days after 03-02 (not > 14).
    let r = crate::metrics::compute(&portfolio(vec![late, fresh]), d("2026-03-16"));
    let by = |id: &str| r.projects.iter().find(|p| p.id == id).unwrap();
    assert!(by("late").forecast_at_risk);
    assert!(!by("fresh").forecast_at_risk);
    assert_eq!(
        by("late").at_risk_reasons,
        [crate::report::Concern::Stale { days: None }]
    );
    // Q1's at-risk forecast is the late project's part of it: 1 000 over 03-17..12-31 = 15 + 275
    // = 290 days, 15 in Q1.
    let q = quarter(&r.portfolio.quarters, "FY26-Q1");
    close(q.forecast_at_risk, 1000.0 * 15.0 / 290.0);
    // A week earlier (03-09: 8 days after the start) it was not at risk.
    close(q.last_week.as_deref().unwrap().forecast_at_risk, 0.0);
}

/// Quarter-end update, FY26-Q1 ending 03-31: its last 14 days are 03-18..03-31, its last 7
/// days 03-25..03-31.
#[test]
fn quarter_end_update() {
    use crate::metrics::project::needs_quarter_end_update as needs;
    let (start, end) = (d("2026-01-01"), d("2026-03-31"));
    // A = 03-26 (5 days left): the latest update 03-20 is before 03-25: needs one.
    assert!(needs(d("2026-03-26"), end, 500.0, start, Some(d("2026-03-20"))));
    // Never updated: needs one too.
    assert!(needs(d("2026-03-26"), end, 500.0, start, None));
    // The latest update 03-25 is inside the last 7 days: none needed.
    assert!(!needs(d("2026-03-26"), end, 500.0, start, Some(d("2026-03-25"))));
    // A = 03-17 is outside the last 14 days (14 days left): none needed yet; 03-18 (13 left) is in.
    assert!(!needs(d("2026-03-17"), end, 500.0, start, Some(d("2026-03-01"))));
    assert!(needs(d("2026-03-18"), end, 500.0, start, Some(d("2026-03-01"))));
    // Nothing left to earn, or not started by the quarter's end: none needed.
    assert!(!needs(d("2026-03-26"), end, 0.0, start, Some(d("2026-03-01"))));
    assert!(!needs(d("2026-03-26"), end, 500.0, d("2026-04-01"), None));

    // Through the report: the project and the roll-ups' list.
    let mut a = project("a", "2026-01-01", "2026-12-31", 1000.0, 1000.0);
    a.updates.push(update("2026-03-20", 20.0, 200.0));
    let mut b = project("b", "2026-01-01", "2026-12-31", 1000.0, 1000.0);
    b.updates.push(update("2026-03-25", 20.0, 200.0));
    let r = crate::metrics::compute(&portfolio(vec![a, b]), d("2026-03-26"));
    assert!(r.projects[0].needs_quarter_end_update);
    assert!(!r.projects[1].needs_quarter_end_update);
    assert_eq!(r.portfolio.quarter_end_updates, ["a"]);
}

/// Decisions are kept apart by whom they wait on and say who asks and whom: an ask of our own
/// people, an ask of the customer about a proposed change request (one decision), and a
/// proposed change request on its own (the customer's to sign).
#[test]
fn decisions_say_who_asks_whom() {
    let mut a = project("a", "2026-01-01", "2026-12-31", 1000.0, 1000.0);
    let mut u = update("2026-03-10", 20.0, 200.0);
    u.front.author = Some("Ana Ruiz".to_string());
    u.front.changes = vec![
        change("cr-1", crate::model::ChangeStatus::Proposed, None, None, None),
        change("cr-2", crate::model::ChangeStatus::Proposed, None, None, None),
    ];
    let ask = |text: &str, of: &str, customer: bool, change: Option<&str>| Ask {
        ask: text.to_string(),
        of: Some(of.to_string()),
        by: Some(d("2026-03-20")),
        customer: Some(customer),
        change: change.map(str::to_string),
    };
    u.front.asks = vec![
        ask("Approve two more engineers", "VP Delivery", false, None),
        ask("Sign CR-1", "Customer CIO", true, Some("cr-1")),
    ];
    a.updates.push(u);
    let r = crate::metrics::compute(&portfolio(vec![a]), d("2026-03-16"));
    let got: Vec<_> = r
        .portfolio
        .decisions
        .iter()
        .map(|x| {
            (
                x.ask,
                x.change.as_deref(),
                x.waits_on,
                x.asked_by.as_deref(),
                x.of.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (Some(0), None, WaitsOn::Us, Some("Ana Ruiz"), Some("VP Delivery")),
            (
                Some(1),
                Some("cr-1"),
                WaitsOn::Customer,
                Some("Ana Ruiz"),
                Some("Customer CIO")
            ),
            (None, Some("cr-2"), WaitsOn::Customer, Some("Ana Ruiz"), None),
        ]
    );
}

/// A stale project's declared status, milestone forecasts and narrative are dated: latest update
/// 03-01, A = 03-20 (19 days > 14): as reported on 03-01, 19 days ago; the milestone's forecast
/// was given on 03-01; a done milestone is not "as reported".
#[test]
fn stale_figures_carry_the_date_they_were_reported() {
    let mut a = project("a", "2026-01-01", "2026-12-31", 1000.0, 1000.0);
    a.def.milestones = milestones(&[("m1", "2026-03-20"), ("m2", "2026-02-01")]);
    let mut u = update("2026-03-01", 20.0, 200.0);
    u.front.milestones.push(mention("m1", Some("2026-03-20"), None));
    u.front.milestones.push(mention("m2", None, Some("2026-02-03")));
    a.updates.push(u);
    let r = crate::metrics::compute(&portfolio(vec![a.clone()]), d("2026-03-20"));
    let p = &r.projects[0];
    let reported = p.as_reported.expect("stale");
    assert_eq!((reported.date, reported.days_ago), (d("2026-03-01"), 19));
    assert_eq!(p.declared_status.as_ref().unwrap().reported_on, d("2026-03-01"));
    assert_eq!(p.milestones[0].reported_on, Some(d("2026-03-01")));
    assert!(p.milestones[0].as_reported);
    assert_eq!(p.milestones[1].reported_on, None);
    assert!(!p.milestones[1].as_reported);
    // Fresh (A = 03-10, 9 days): nothing is "as reported".
    let r = crate::metrics::compute(&portfolio(vec![a]), d("2026-03-10"));
    assert_eq!(r.projects[0].as_reported, None);
    assert!(!r.projects[0].milestones[0].as_reported);
}

/// Program EAC against budget: a (BAC 1 000, EAC 1 600 from the PM) and b without an update
/// (counts its BAC 500): Σ EAC 2 100 against Σ BAC 1 500: VAC −600, overrun 600 / 1 500 = 0.4.
#[test]
fn rollup_eac_against_budget() {
    let mut a = project("a", "2026-01-01", "2026-12-31", 1000.0, 1000.0);
    let mut u = update("2026-03-01", 20.0, 200.0);
    u.front.estimate_at_completion = Some(1600.0);
    a.updates.push(u);
    let b = project("b", "2026-03-01", "2026-12-31", 500.0, 500.0);
    let r = crate::metrics::compute(&portfolio(vec![a, b]), d("2026-03-05"));
    close(r.portfolio.eac, 2100.0);
    close(r.portfolio.vac, -600.0);
    close(r.portfolio.eac_overrun.unwrap(), 0.4);
}
