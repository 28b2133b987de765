//! Time-and-materials figures from time entries (docs/metrics.md, revenue from time entries):
//! hand-computed bookings by entry date under the cap, `time_from`, a stale update while
//! entries keep coming, entries on both sides of a quarter end; and utilization of people
//! through the whole computation.

use std::sync::Arc;

use super::testkit::{close, d, portfolio, quarter, tm_project, update};
use crate::model::{Booked, Person, Portfolio, Project, TimeEntries, TimeEntry};

fn tm(id: &str, value: f64, rate: f64) -> Project {
    tm_project(id, "2027-01-01", "2027-12-31", value, value * 0.7, rate)
}

/// A portfolio of `projects` with `entries` (person 0 is "Ana", person 1 "Ben"), sorted by date.
fn with_entries(projects: Vec<Project>, entries: Vec<TimeEntry>) -> Portfolio {
    let mut pf = portfolio(projects);
    let mut ids: Vec<String> = pf.projects.iter().map(|p| p.id.clone()).collect();
    ids.sort();
    pf.time = Arc::new(TimeEntries::new(vec!["Ana".into(), "Ben".into()], ids, entries));
    pf
}

/// A portfolio of the one project `p` with Ana's billable `hours` on each date.
fn billed(p: Project, hours: &[(&str, f64)]) -> Portfolio {
    let b = Booked::Project(0);
    let entries = hours
        .iter()
        .map(|&(date, h)| entry(date, 0, b, h, true))
        .collect();
    with_entries(vec![p], entries)
}

fn entry(date: &str, person: u32, booked: Booked, hours: f64, billable: bool) -> TimeEntry {
    TimeEntry {
        date: d(date),
        person: Some(person),
        booked,
        hours,
        billable,
    }
}

/// Rate $100, value $100,000. The PM typed 100 h on 01-15 and 300 h on 02-15; exports start
/// on 03-01 (`time_from`). Entries: 03-02 8 h, 03-03 8 h + 2 h not billable, 03-08 8 h (after
/// the latest update, 03-05, which gives no hours).
/// Booked in FY27-Q1: 01-15 100 × 100 = 10,000; 02-15 300 × 100 − 10,000 = 20,000;
/// 03-02 (300 + 8) × 100 − 30,000 = 800; 03-03 (308 + 8) × 100 − 30,800 = 800;
/// 03-08 (316 + 8) × 100 − 31,600 = 800: 32,400 recognized at A = 03-10.
/// The latest update describes 03-05: hours 316, cap used 316 × 100 / 100,000 = 0.316.
#[test]
fn time_from_after_the_first_updates_and_a_stale_update() {
    let mut p = tm("p", 100_000.0, 100.0);
    p.def.time_from = Some(d("2027-03-01"));
    let mut u1 = update("2027-01-15", 10.0, 5_000.0);
    u1.front.hours = Some(100.0);
    let mut u2 = update("2027-02-15", 30.0, 15_000.0);
    u2.front.hours = Some(300.0);
    let u3 = update("2027-03-05", 32.0, 16_000.0);
    p.updates = vec![u1, u2, u3];
    let b = Booked::Project(0);
    let pf = with_entries(
        vec![p],
        vec![
            entry("2027-02-20", 0, b, 8.0, true), // before time_from: not counted
            entry("2027-03-02", 0, b, 8.0, true),
            entry("2027-03-03", 0, b, 8.0, true),
            entry("2027-03-03", 1, b, 2.0, false),
            entry("2027-03-08", 1, b, 8.0, true),
            entry("2027-03-11", 1, b, 8.0, true), // after A: ignored
        ],
    );
    let r = crate::metrics::compute(&pf, d("2027-03-10"));
    let pr = &r.projects[0];
    close(pr.recognized_revenue, 32_400.0);
    assert_eq!(pr.hours, Some(316.0));
    close(pr.tm.expect("tm").cap_used.expect("cap"), 0.316);
    close(quarter(&pr.revenue_by_quarter, "FY27-Q1").actual, 32_400.0);
    let h: Vec<f64> = pr.history.iter().map(|h| h.recognized_revenue).collect();
    assert_eq!(h, [10_000.0, 30_000.0, 31_600.0]);
    // Hours from time_from on: 8 + 10 + 8 = 26, billable 24.
    let t = pr.time.as_ref().expect("time");
    assert_eq!((t.hours, t.billable_hours), (26.0, 24.0));
}

/// Value $10,000 at $100 an hour, entries only (time_from: the first entry, 02-01):
/// 02-01 60 h → 6,000; 03-01 30 h → 9,000; 03-15 20 h → 11,000 capped at 10,000 (the remaining
/// 1,000 booked); 04-01 10 h → nothing. FY27-Q1 10,000, FY27-Q2 0; hours at the 04-05 update
/// 120.
#[test]
fn entries_crossing_the_cap_mid_quarter() {
    let mut p = tm("p", 10_000.0, 100.0);
    p.updates = vec![update("2027-04-05", 90.0, 6_000.0)];
    let pf = billed(
        p,
        &[
            ("2027-02-01", 60.0),
            ("2027-03-01", 30.0),
            ("2027-03-15", 20.0),
            ("2027-04-01", 10.0),
        ],
    );
    let r = crate::metrics::compute(&pf, d("2027-04-10"));
    let pr = &r.projects[0];
    assert_eq!(pr.recognized_revenue, 10_000.0);
    assert_eq!(quarter(&pr.revenue_by_quarter, "FY27-Q1").actual, 10_000.0);
    assert_eq!(quarter(&pr.revenue_by_quarter, "FY27-Q2").actual, 0.0);
    assert_eq!(pr.hours, Some(120.0));
}

/// $150 an hour: 8 h on Wednesday 03-31 and 8 h on Thursday 04-01 book 1,200 in FY27-Q1 and
/// 1,200 in FY27-Q2, though the only update is dated 04-07.
#[test]
fn entries_on_both_sides_of_a_quarter_end() {
    let mut p = tm("p", 100_000.0, 150.0);
    p.updates = vec![update("2027-04-07", 5.0, 1_000.0)];
    let pf = billed(p, &[("2027-03-31", 8.0), ("2027-04-01", 8.0)]);
    let r = crate::metrics::compute(&pf, d("2027-04-09"));
    let pr = &r.projects[0];
    assert_eq!(quarter(&pr.revenue_by_quarter, "FY27-Q1").actual, 1_200.0);
    assert_eq!(quarter(&pr.revenue_by_quarter, "FY27-Q2").actual, 1_200.0);
    let t = pr.time.as_ref().expect("time");
    let q: Vec<(&str, f64)> = t.by_quarter.iter().map(|q| (q.label.as_str(), q.hours)).collect();
    assert_eq!(q, [("FY27-Q1", 8.0), ("FY27-Q2", 8.0)]);
}

/// Two people, A = Friday 2027-03-05 (FY27-Q1 to date: 2027-01-01 to 03-05, 46 weekdays; the 13
/// weeks: Monday 2026-12-07 to 03-05, 65 weekdays).
/// Ana (EMEA, 40 h, target 80 %): on two projects, 6 h billable on p and 2 h billable on q
/// every weekday of the week of 03-01, plus 2 h of internal training (not billable) on 03-04.
/// EMEA's holiday 03-01 and the `all` holiday 2027-01-01 are not available.
/// Week of 03-01: available 4 × 8 = 32 (the holiday's hours still count: work done is work);
/// hours 5 × 8 + 2 = 42, billable 40.
/// 13 weeks: available (65 − 2) × 8 = 504; billable 40 / 504 = 0.0793…: under 80 %.
/// Ben (AMER, 30 h, no target: 75 %): billable false → listed, not measured.
#[test]
fn utilization_of_two_people_on_two_projects() {
    let p = tm("p", 100_000.0, 100.0);
    let q = tm("q", 100_000.0, 100.0);
    let mut pf = with_entries(vec![p, q], {
        let mut v = Vec::new();
        for day in [
            "2027-03-01",
            "2027-03-02",
            "2027-03-03",
            "2027-03-04",
            "2027-03-05",
        ] {
            v.push(entry(day, 0, Booked::Project(0), 6.0, true));
            v.push(entry(day, 0, Booked::Project(1), 2.0, true));
        }
        v.push(entry("2027-03-04", 0, Booked::Internal, 2.0, false));
        v.push(entry("2027-03-04", 1, Booked::Project(0), 8.0, true));
        v
    });
    let mut ana = Person::named("Ana");
    ana.region = Some("EMEA".into());
    ana.billable_target = Some(80.0);
    let mut ben = Person::named("Ben");
    ben.capacity = Some(30.0);
    ben.billable = Some(false);
    pf.people = Some(vec![ana, ben]);
    pf.config.holidays.insert("EMEA".into(), vec![d("2027-03-01")]);
    pf.config.holidays.insert("all".into(), vec![d("2027-01-01")]);
    let r = crate::metrics::compute(&pf, d("2027-03-05"));
    let ana = &r.people[0];
    let last = ana.weeks.last().expect("13 weeks");
    assert_eq!(last.week, d("2027-03-01"));
    assert_eq!(
        (
            last.figures.available,
            last.figures.hours,
            last.figures.billable_hours
        ),
        (32.0, 42.0, 40.0)
    );
    let u = ana.utilization.expect("measured");
    assert_eq!(u.last_13_weeks.available, 504.0);
    assert_eq!(u.last_13_weeks.billable_utilization, Some(40.0 / 504.0));
    // Quarter to date: 46 weekdays − 2 holidays = 44 × 8 = 352.
    assert_eq!(u.quarter_to_date.available, 352.0);
    assert!(ana.under_target);
    assert_eq!(ana.billable_target, 80.0);
    let ben = &r.people[1];
    assert!(ben.utilization.is_none() && !ben.under_target && ben.bench_from.is_none());
    // The portfolio is Ana alone; her target is the portfolio's.
    let pu = r.portfolio.utilization.expect("portfolio");
    assert_eq!(pu.last_13_weeks.billable_hours, 40.0);
    assert_eq!(r.staffing.target, 80.0);
    assert_eq!(r.staffing.people_under_target, ["Ana"]);
}
