//! The trend an executive asks for ("is it getting better?"): the current quarter's projected
//! attainment and the computed health counts at each of the last 13 week ends, each computed
//! with the as-of machinery exactly as a build at that date would (updates after it ignored).

use chrono::{Duration, NaiveDate};
use rayon::prelude::*;

use crate::model::Portfolio;
use crate::report::{Health, Report, TrendPoint};

/// Number of week ends in the trend, the as-of date being the last.
pub const WEEKS: i64 = 13;

/// The trend points, oldest first: the week ends `as_of − 7 × k` for k = 12 … 0. The last point
/// is read from `now` (the report at the as-of date); the others are computed as of their date.
/// The quarter followed is the one containing the as-of date, at every point.
pub fn trend(portfolio: &Portfolio, now: &Report) -> Vec<TrendPoint> {
    let label = now.fiscal.quarter.clone();
    let mut points: Vec<TrendPoint> = (1..WEEKS)
        .rev()
        .collect::<Vec<_>>()
        .par_iter()
        .map(|k| {
            let date = now.as_of - Duration::days(7 * k);
            point(&super::compute_at(portfolio, date, now.as_of), &label)
        })
        .collect();
    points.push(point(now, &label));
    points
}

fn point(r: &Report, label: &str) -> TrendPoint {
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
