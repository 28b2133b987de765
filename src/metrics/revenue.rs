//! Revenue (see docs/metrics.md, revenue): recognized revenue (cost-to-cost for fixed price, capped hours × rate
//! for time and materials), margin, bookings per fiscal quarter, time-and-materials cap
//! figures, remaining revenue and its forecast spread over the days after the as-of date.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};

use crate::metrics::fiscal::{FiscalCalendar, FiscalQuarter};
use crate::model::Engagement;
use crate::report::TmFigures;

/// Cumulative recognized revenue.
///
/// - fixed price: `current_value × min(1, ac / eac)`; when `eac ≤ 0` (only possible through
///   negative budget changes) the cost-to-cost ratio is taken as 1 if any cost was incurred,
///   else 0.
/// - time and materials: `min(hours × rate, current_value)` (missing hours or rate count 0).
pub fn recognized(
    engagement: Engagement,
    current_value: f64,
    ac: f64,
    eac: f64,
    hours: Option<f64>,
    rate: Option<f64>,
) -> f64 {
    match engagement {
        Engagement::FixedPrice => {
            let ratio = if eac > 0.0 {
                (ac / eac).min(1.0)
            } else if ac > 0.0 {
                1.0
            } else {
                0.0
            };
            current_value * ratio
        }
        Engagement::TimeAndMaterials => (hours.unwrap_or(0.0) * rate.unwrap_or(0.0)).min(current_value),
    }
}

/// `(recognized − ac) / recognized`, null when recognized = 0.
pub fn margin(recognized: f64, ac: f64) -> Option<f64> {
    if recognized == 0.0 {
        None
    } else {
        Some((recognized - ac) / recognized)
    }
}

/// Spreads `amount` uniformly per day over `first..=last` and returns the part falling in each
/// fiscal quarter: `amount × days_in_quarter / days_total`. Nothing when `last < first` or the
/// amount is not positive.
pub fn spread(
    amount: f64,
    first: NaiveDate,
    last: NaiveDate,
    s: FiscalCalendar,
) -> Vec<(FiscalQuarter, f64)> {
    let mut out = Vec::new();
    if last < first || amount <= 0.0 || !amount.is_finite() {
        return out;
    }
    let total = ((last - first).num_days() + 1) as f64;
    let mut q = FiscalQuarter::of(first, s);
    loop {
        let (qs, qe) = (q.start(s), q.end(s));
        if qs > last {
            break;
        }
        let days = (qe.min(last) - qs.max(first)).num_days() + 1;
        if days > 0 {
            out.push((q, amount * days as f64 / total));
        }
        if qe >= last {
            break;
        }
        q = q.next();
    }
    out
}

/// The forecast window: the days after the as-of date A up to and including
/// `E = max(forecast_end or current_end, A + 1 day)`, so no forecast ever falls on or before A.
/// A project that has not started yet (`start` after A) starts its window at `start` (a
/// decision: revenue is not forecast before the work can begin).
pub fn forecast_window(
    forecast_end: Option<NaiveDate>,
    start: NaiveDate,
    current_end: NaiveDate,
    as_of: NaiveDate,
) -> (NaiveDate, NaiveDate) {
    let tomorrow = as_of.checked_add_days(Days::new(1)).unwrap_or(as_of);
    let first = start.max(tomorrow);
    (first, forecast_end.unwrap_or(current_end).max(first))
}

/// Time-and-materials figures from the latest update: `hours_at_completion` if given, else
/// `hours × 100 / percent_complete` when `percent_complete > 0`.
pub fn tm(
    hours: Option<f64>,
    hours_at_completion: Option<f64>,
    percent_complete: Option<f64>,
    rate: f64,
    current_value: f64,
) -> TmFigures {
    let projected_hours = hours_at_completion.or(match (hours, percent_complete) {
        (Some(h), Some(p)) if p > 0.0 => Some(h * 100.0 / p),
        _ => None,
    });
    let billable_at_completion = projected_hours.map(|h| h * rate);
    TmFigures {
        projected_hours,
        billable_at_completion,
        cap_used: hours
            .filter(|_| current_value != 0.0)
            .map(|h| h * rate / current_value),
        unbillable_at_completion: billable_at_completion.map(|b| (b - current_value).max(0.0)),
    }
}

/// Revenue still to recognize: 0 at 100% complete; else `current_value − recognized` for
/// fixed price, `min(current_value, billable_at_completion or current_value) − recognized` for
/// time and materials; never below 0.
pub fn remaining(
    engagement: Engagement,
    current_value: f64,
    recognized: f64,
    percent_complete: Option<f64>,
    billable_at_completion: Option<f64>,
) -> f64 {
    if percent_complete.is_some_and(|p| p >= 100.0) {
        return 0.0;
    }
    let ceiling = match engagement {
        Engagement::FixedPrice => current_value,
        Engagement::TimeAndMaterials => current_value.min(billable_at_completion.unwrap_or(current_value)),
    };
    (ceiling - recognized).max(0.0)
}

/// Adds `v` to the quarter's entry.
pub fn add(map: &mut BTreeMap<FiscalQuarter, f64>, q: FiscalQuarter, v: f64) {
    *map.entry(q).or_insert(0.0) += v;
}
