//! The trend an executive asks for ("is it getting better?"): the current quarter's projected
//! attainment and the computed health counts at each of the last 13 week ends, each exactly
//! what a build at that date computes (updates after it ignored).
//!
//! Only what a point reads is computed: each project as of each past week end
//! (`project::at`, without week events), reduced at once to its computed health and its
//! bookings and forecast in the followed quarter; then, per date, those are summed in project
//! id order with the portfolio roll-up's arithmetic ([`rollup::rollup`]), so every figure is
//! bit-identical to the build's. No programs, regions, people or events.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};
use rayon::prelude::*;

use super::fiscal::{FiscalCalendar, FiscalQuarter};
use super::project::{self, ProjectOut};
use super::rollup;
use crate::model::{Portfolio, Project};
use crate::report::{Health, Report, TrendPoint};

/// Number of week ends in the trend, the as-of date being the last.
pub const WEEKS: i64 = 13;

/// The trend points, oldest first: the week ends `as_of − 7 × k` for k = 12 … 0. The last point
/// is read from `now` (the report at the as-of date); the others are computed as of their date.
/// The quarter followed is the one containing the as-of date, at every point; revenue target
/// labels resolve around the as-of date's fiscal year, as in `now`.
pub fn trend(portfolio: &Portfolio, now: &Report) -> Vec<TrendPoint> {
    let cfg = &portfolio.config;
    let s = FiscalCalendar::new(cfg.fiscal_year_start_month);
    let followed = FiscalQuarter::of(now.as_of, s);
    let dates: Vec<NaiveDate> = week_ends(now.as_of)[..WEEKS as usize - 1].to_vec();
    let mut projects: Vec<&Project> = portfolio.projects.iter().map(|p| &**p).collect();
    projects.sort_by(|a, b| a.id.cmp(&b.id));
    let targets = super::targets(portfolio, now.as_of);
    // One task per project, all its dates in a row (on 2 cores about twice as fast as one task
    // per date over all projects); each project's figures are reduced to its share at once.
    // Kept in project id order, the order the roll-up sums in.
    let shares: Vec<Vec<Share>> = projects
        .par_iter()
        .map(|p| {
            dates
                .iter()
                .map(|date| {
                    Share::of(
                        &project::at(p, cfg, portfolio.time.project_days(&p.id), *date),
                        followed,
                    )
                })
                .collect()
        })
        .collect();
    let mut points: Vec<TrendPoint> = dates
        .iter()
        .enumerate()
        .map(|(i, date)| sum(*date, shares.iter().map(|sh| &sh[i]), &targets, followed))
        .collect();
    points.push(point(now, &now.fiscal.quarter));
    points
}

/// What one project as of one date adds to a trend point: its computed health, and its
/// bookings and forecast in the quarters labelled like the followed one (that quarter, unless
/// the data spans a century), in the roll-up's quarter order.
struct Share {
    computed: Health,
    booked: Vec<(FiscalQuarter, f64)>,
    forecast: Vec<(FiscalQuarter, f64)>,
}

/// Quarters sharing a label (`FY27-Q1`): the same quarter number, fiscal years a whole number
/// of centuries apart.
fn same_label(a: FiscalQuarter, b: FiscalQuarter) -> bool {
    a.q == b.q && (a.fy - b.fy).rem_euclid(100) == 0
}

impl Share {
    fn of(o: &ProjectOut, followed: FiscalQuarter) -> Share {
        let pick = |m: &BTreeMap<FiscalQuarter, f64>| {
            m.iter()
                .filter(|(q, _)| same_label(**q, followed))
                .map(|(q, v)| (*q, *v))
                .collect()
        };
        Share {
            computed: o.report.health.computed,
            booked: pick(&o.extras.booked),
            forecast: pick(&o.extras.forecast),
        }
    }
}

/// The point at `date` from every project's share, given in project id order: the sums run as
/// in [`rollup::rollup`] (each quarter from 0.0, project by project), and the quarter read is
/// the first one, chronologically, carrying the followed label, as [`point`] finds it in the
/// roll-up's quarter list.
fn sum<'a>(
    date: NaiveDate,
    shares: impl Iterator<Item = &'a Share>,
    targets: &BTreeMap<FiscalQuarter, f64>,
    followed: FiscalQuarter,
) -> TrendPoint {
    let mut counts: BTreeMap<Health, usize> = BTreeMap::new();
    let mut actual: BTreeMap<FiscalQuarter, f64> = BTreeMap::new();
    let mut forecast: BTreeMap<FiscalQuarter, f64> = BTreeMap::new();
    for sh in shares {
        *counts.entry(sh.computed).or_insert(0) += 1;
        for (q, v) in &sh.booked {
            *actual.entry(*q).or_insert(0.0) += v;
        }
        for (q, v) in &sh.forecast {
            *forecast.entry(*q).or_insert(0.0) += v;
        }
    }
    let q = actual
        .keys()
        .chain(forecast.keys())
        .chain(targets.keys().filter(|q| same_label(**q, followed)))
        .min()
        .copied();
    let target = q.and_then(|q| targets.get(&q).copied());
    let a = q.map_or(0.0, |q| actual.get(&q).copied().unwrap_or(0.0));
    let f = q.map_or(0.0, |q| forecast.get(&q).copied().unwrap_or(0.0));
    let n = |h: Health| counts.get(&h).copied().unwrap_or(0);
    TrendPoint {
        date,
        target,
        actual: a,
        forecast: f,
        projected_attainment: rollup::ratio(a + f, target),
        red: n(Health::Red),
        amber: n(Health::Amber),
        green: n(Health::Green),
        unknown: n(Health::Unknown),
    }
}

/// The point of a report (the last one, read from the build itself; the tests read every
/// point this way from a build at its date).
pub(super) fn point(r: &Report, label: &str) -> TrendPoint {
    let q = r.portfolio.quarters.iter().find(|q| q.label == label);
    let n = |h: Health| r.portfolio.health.computed.get(&h).copied().unwrap_or(0);
    TrendPoint {
        date: r.as_of,
        target: q.and_then(|q| q.target),
        actual: q.map_or(0.0, |q| q.actual),
        forecast: q.map_or(0.0, |q| q.forecast),
        projected_attainment: q.and_then(|q| q.projected_attainment),
        red: n(Health::Red),
        amber: n(Health::Amber),
        green: n(Health::Green),
        unknown: n(Health::Unknown),
    }
}

/// The week ends of a trend ending at `as_of`, oldest first.
pub fn week_ends(as_of: NaiveDate) -> Vec<NaiveDate> {
    (0..WEEKS).rev().map(|k| as_of - Duration::days(7 * k)).collect()
}
