//! People and partners (see docs/metrics.md, roll-ups and people): each person's Σ allocation
//! over projects active at A (`start ≤ A ≤ current_end`, not 100 % complete), utilization
//! ([`super::utilization`]), forward allocation and the bench ([`super::allocation`]); the
//! roll-ups of the people (under target, over-allocated, bench, roles); and each partner's
//! projects and Σ budget.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use crate::metrics::allocation;
use crate::metrics::fiscal::{FiscalCalendar, FiscalQuarter};
use crate::metrics::project::ProjectOut;
use crate::metrics::utilization::{self, PersonDay};
use crate::model::{Booked, Person, Portfolio, Project};
use crate::report::{
    Assignment, BenchEntry, PartnerEngagement, PartnerRollup, PersonAllocation, PersonUtilization,
    RoleUtilization, Staffing, WeekUtilization,
};

/// Whether a project is active at `as_of`. Without an update it is not complete.
pub fn active(p: &Project, out: &ProjectOut, as_of: NaiveDate) -> bool {
    let complete = out.report.percent_complete.is_some_and(|pc| pc >= 100.0);
    p.def.start <= as_of && as_of <= out.extras.baseline.current_end && !complete
}

/// What [`people`] returns: the people, their roll-ups, and the utilization of the portfolio
/// and of each region (by the person's `region`).
pub struct PeopleOut {
    pub people: Vec<PersonAllocation>,
    pub staffing: Staffing,
    pub portfolio: Option<PersonUtilization>,
    pub regions: BTreeMap<String, PersonUtilization>,
}

fn key(s: &str) -> String {
    s.trim().to_lowercase()
}

/// The people measured: `people.yaml`'s, else everyone named in teams and time entries with
/// the defaults.
fn persons(portfolio: &Portfolio, projects: &[&Project]) -> Vec<Person> {
    if let Some(p) = &portfolio.people {
        return p.clone();
    }
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    for n in &portfolio.time.people {
        names.entry(key(n)).or_insert_with(|| n.trim().to_string());
    }
    for p in projects {
        for m in &p.def.team {
            names
                .entry(key(&m.name))
                .or_insert_with(|| m.name.trim().to_string());
        }
    }
    let mut v: Vec<Person> = names
        .values()
        .filter(|n| !n.is_empty())
        .map(|n| Person::named(n))
        .collect();
    v.sort_by(|a, b| a.name.cmp(&b.name));
    v
}

/// Every person: allocation at A, utilization against target, forward allocation and the
/// bench; sorted by name. Assignments sorted by project id (then role).
pub fn people(
    portfolio: &Portfolio,
    projects: &[&Project],
    outs: &[ProjectOut],
    as_of: NaiveDate,
    s: FiscalCalendar,
) -> PeopleOut {
    let cfg = &portfolio.config;
    let persons = persons(portfolio, projects);
    let mut index: HashMap<String, usize> = HashMap::new();
    for (i, p) in persons.iter().enumerate() {
        index.insert(key(&p.name), i);
    }
    for (i, p) in persons.iter().enumerate() {
        for a in p.aliases.iter().chain(p.email.iter()) {
            index.entry(key(a)).or_insert(i);
        }
    }
    let n = persons.len();

    // Team places: at A (assignments), forward (places), every project named.
    let mut assignments: Vec<Vec<Assignment>> = vec![Vec::new(); n];
    let mut places: Vec<Vec<allocation::Place>> = vec![Vec::new(); n];
    let mut named: Vec<Vec<String>> = vec![Vec::new(); n];
    let mut first_role: Vec<Option<String>> = vec![None; n];
    for (p, out) in projects.iter().zip(outs) {
        let complete = out.report.percent_complete.is_some_and(|pc| pc >= 100.0);
        let end = out.report.forecast_end.unwrap_or(out.extras.baseline.current_end);
        let is_active = active(p, out, as_of);
        for m in &p.def.team {
            let Some(&i) = index.get(&key(&m.name)) else {
                continue;
            };
            named[i].push(p.id.clone());
            first_role[i].get_or_insert_with(|| m.role.clone());
            let within = m.from.is_none_or(|f| f <= as_of) && m.to.is_none_or(|t| as_of <= t);
            if is_active && within {
                assignments[i].push(Assignment {
                    project: p.id.clone(),
                    role: m.role.clone(),
                    allocation: m.allocation,
                });
            }
            places[i].push(allocation::Place {
                allocation: m.allocation,
                from: m.from.map_or(p.def.start, |f| f.max(p.def.start)),
                to: m.to.map_or(end, |t| t.min(end)),
                complete,
            });
        }
    }

    // Each person's booked hours per day, from the earliest day any period needs.
    let thirteen = utilization::thirteen_weeks_from(as_of);
    let quarter_start = FiscalQuarter::of(as_of, s).start(s);
    let earliest = thirteen.min(quarter_start);
    let time = &portfolio.time;
    let to_person: Vec<Option<usize>> = time.people.iter().map(|n| index.get(&key(n)).copied()).collect();
    let mut days: Vec<Vec<PersonDay>> = vec![Vec::new(); n];
    let lo = time.entries.partition_point(|e| e.date < earliest);
    for e in &time.entries[lo..] {
        if e.date > as_of {
            break;
        }
        let Some(i) = e
            .person
            .and_then(|p| to_person.get(p as usize).copied().flatten())
        else {
            continue;
        };
        let v = &mut days[i];
        if v.last().is_none_or(|d| d.date != e.date) {
            v.push(PersonDay {
                date: e.date,
                ..PersonDay::default()
            });
        }
        let d = v.last_mut().expect("pushed above");
        if e.booked == Booked::Leave {
            d.leave_hours += e.hours;
        } else {
            d.hours += e.hours;
            if e.billable {
                d.billable_hours += e.hours;
            }
        }
    }

    let weeks = allocation::weeks(as_of);
    let mut out_people = Vec::with_capacity(n);
    let mut measured: Vec<(usize, PersonUtilization)> = Vec::new();
    for (i, person) in persons.iter().enumerate() {
        let billable = person.billable.unwrap_or(true);
        let cal = utilization::calendar(person, &cfg.holidays);
        let target = person.billable_target.unwrap_or(cfg.utilization_target);
        let week_figs: Vec<WeekUtilization> = (0..13)
            .map(|w| {
                let m = thirteen + chrono::Duration::weeks(w);
                WeekUtilization {
                    week: m,
                    figures: utilization::figures(
                        &cal,
                        &days[i],
                        m,
                        (m + chrono::Duration::days(6)).min(as_of),
                    ),
                }
            })
            .collect();
        // Not measured: a person outside delivery, or a portfolio without time entries.
        let u = (billable && !time.entries.is_empty()).then(|| PersonUtilization {
            quarter_to_date: utilization::figures(&cal, &days[i], quarter_start, as_of),
            last_13_weeks: utilization::figures(&cal, &days[i], thirteen, as_of),
        });
        if let Some(u) = u {
            measured.push((i, u));
        }
        let under_target = u
            .and_then(|u| u.last_13_weeks.billable_utilization)
            .is_some_and(|b| b * 100.0 < target);
        let by_week = allocation::by_week(&places[i], &weeks);
        let employed = |m: NaiveDate| {
            person.start.is_none_or(|st| st <= m + chrono::Duration::days(6))
                && person.end.is_none_or(|e| m <= e)
        };
        let bench_from = if billable {
            allocation::bench_from(&by_week, employed)
        } else {
            None
        };
        let mut a = std::mem::take(&mut assignments[i]);
        a.sort_by(|x, y| x.project.cmp(&y.project).then_with(|| x.role.cmp(&y.role)));
        let total: f64 = a.iter().map(|a| a.allocation).sum();
        let mut projects_named = std::mem::take(&mut named[i]);
        projects_named.sort();
        projects_named.dedup();
        out_people.push(PersonAllocation {
            name: person.name.clone(),
            role: person.role.clone().or_else(|| first_role[i].clone()),
            region: person.region.clone(),
            capacity: person.capacity(),
            billable_target: target,
            billable,
            utilization: u,
            under_target,
            allocation_by_week: by_week,
            bench_from,
            allocation: total,
            over_allocated: total > 100.0,
            assignments: a,
            projects: projects_named,
            weeks: week_figs,
        });
    }

    let portfolio_u = (!measured.is_empty()).then(|| utilization::sum(measured.iter().map(|(_, u)| u)));
    let mut regions: BTreeMap<String, Vec<PersonUtilization>> = BTreeMap::new();
    let mut roles: BTreeMap<String, Vec<PersonUtilization>> = BTreeMap::new();
    let (mut weighted, mut available) = (0.0, 0.0);
    for (i, u) in &measured {
        let p = &out_people[*i];
        if let Some(r) = &p.region {
            regions.entry(r.clone()).or_default().push(*u);
        }
        if let Some(r) = &p.role {
            roles.entry(r.clone()).or_default().push(*u);
        }
        weighted += p.billable_target * u.last_13_weeks.available;
        available += u.last_13_weeks.available;
    }
    let target = if available > 0.0 {
        weighted / available
    } else {
        cfg.utilization_target
    };
    let mut over: Vec<(f64, &str)> = out_people
        .iter()
        .filter_map(|p| {
            let peak = p
                .allocation_by_week
                .iter()
                .map(|w| w.allocation)
                .fold(p.allocation, f64::max);
            (peak > 100.0).then_some((peak, p.name.as_str()))
        })
        .collect();
    over.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    let mut bench: Vec<BenchEntry> = out_people
        .iter()
        .filter_map(|p| {
            p.bench_from.map(|from| BenchEntry {
                name: p.name.clone(),
                from,
            })
        })
        .collect();
    bench.sort_by(|a, b| a.from.cmp(&b.from).then_with(|| a.name.cmp(&b.name)));
    let staffing = Staffing {
        target,
        under_target: portfolio_u
            .and_then(|u| u.last_13_weeks.billable_utilization)
            .is_some_and(|b| b * 100.0 < target),
        people_under_target: out_people
            .iter()
            .filter(|p| p.under_target)
            .map(|p| p.name.clone())
            .collect(),
        over_allocated: over.into_iter().map(|(_, n)| n.to_string()).collect(),
        bench,
        roles: roles
            .into_iter()
            .map(|(role, us)| RoleUtilization {
                role,
                utilization: utilization::sum(us.iter()),
            })
            .collect(),
        allocation_weeks: weeks,
        weeks: (0..13)
            .map(|w| {
                let of_week = measured.iter().map(|(i, _)| out_people[*i].weeks[w].figures);
                let (mut h, mut b, mut a) = (0.0, 0.0, 0.0);
                for f in of_week {
                    h += f.hours;
                    b += f.billable_hours;
                    a += f.available;
                }
                WeekUtilization {
                    week: thirteen + chrono::Duration::weeks(w as i64),
                    figures: utilization::ratios(h, b, a),
                }
            })
            .collect(),
    };
    let mut sorted = out_people;
    sorted.sort_by(|a, b| a.name.cmp(&b.name));
    PeopleOut {
        people: sorted,
        staffing,
        portfolio: portfolio_u,
        regions: regions
            .into_iter()
            .map(|(r, us)| (r, utilization::sum(us.iter())))
            .collect(),
    }
}

/// Every partner named by any project, sorted by name; Σ budget counts missing budgets as 0.
pub fn partners(projects: &[&Project]) -> Vec<PartnerRollup> {
    let mut map: BTreeMap<&str, Vec<PartnerEngagement>> = BTreeMap::new();
    for p in projects {
        for m in &p.def.partners {
            map.entry(m.name.as_str()).or_default().push(PartnerEngagement {
                project: p.id.clone(),
                role: m.role.clone(),
                budget: m.budget,
            });
        }
    }
    map.into_iter()
        .map(|(name, mut engagements)| {
            engagements.sort_by(|a, b| a.project.cmp(&b.project).then_with(|| a.role.cmp(&b.role)));
            PartnerRollup {
                name: name.to_string(),
                budget: engagements.iter().map(|e| e.budget.unwrap_or(0.0)).sum(),
                engagements,
            }
        })
        .collect()
}
