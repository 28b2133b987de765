//! Revenue (SPEC §3.3): recognized revenue (cost-to-cost for fixed price, capped hours × rate
//! for time and materials), margin, bookings per fiscal quarter and the forecast spread.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};

use crate::metrics::fiscal::FiscalQuarter;
use crate::model::Engagement;

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
pub fn spread(amount: f64, first: NaiveDate, last: NaiveDate, s: u32) -> Vec<(FiscalQuarter, f64)> {
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

/// The forecast window of §3.3: the days after the latest update up to and including
/// `max(forecast_end or current_end, as_of + 1 day)`. Without an update (a decision, the spec
/// is silent): from `max(start, as_of + 1 day)` to `max(current_end, that first day)`.
pub fn forecast_window(
    latest: Option<NaiveDate>,
    forecast_end: Option<NaiveDate>,
    start: NaiveDate,
    current_end: NaiveDate,
    as_of: NaiveDate,
) -> (NaiveDate, NaiveDate) {
    let tomorrow = as_of.checked_add_days(Days::new(1)).unwrap_or(as_of);
    match latest {
        Some(l) => (
            l.checked_add_days(Days::new(1)).unwrap_or(l),
            forecast_end.unwrap_or(current_end).max(tomorrow),
        ),
        None => {
            let first = start.max(tomorrow);
            (first, current_end.max(first))
        }
    }
}

/// Adds `v` to the quarter's entry.
pub fn add(map: &mut BTreeMap<FiscalQuarter, f64>, q: FiscalQuarter, v: f64) {
    *map.entry(q).or_insert(0.0) += v;
}
