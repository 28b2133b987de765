//! Revenue (see docs/metrics.md, revenue): recognized revenue (cost-to-cost for fixed price, capped hours × rate
//! for time and materials), margin, bookings per fiscal quarter, time-and-materials cap
//! figures, remaining revenue and its forecast spread over the days after the as-of date.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};

use crate::metrics::fiscal::{FiscalCalendar, FiscalQuarter};
use crate::model::{Engagement, ProjectDay, Update};
use crate::report::{ForecastCategories, QuarterHours, TimeFigures, TmFigures, Verdict, WeekHours};

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

/// `(contract_value − budget) / contract_value`, null when the contract value is 0.
pub fn margin_at_sale(contract_value: f64, budget: f64) -> Option<f64> {
    (contract_value != 0.0).then(|| (contract_value - budget) / contract_value)
}

/// `(revenue at completion − eac) / revenue at completion`, where revenue at completion is
/// `current_value` for fixed price and `min(current_value, billable_at_completion)` for time
/// and materials; null when there is no EAC (no update), when billable at completion is unknown
/// (time and materials), or when revenue at completion is 0.
pub fn margin_at_completion(
    engagement: Engagement,
    current_value: f64,
    billable_at_completion: Option<f64>,
    eac: Option<f64>,
) -> Option<f64> {
    let revenue = match engagement {
        Engagement::FixedPrice => Some(current_value),
        Engagement::TimeAndMaterials => billable_at_completion.map(|b| current_value.min(b)),
    }?;
    let eac = eac?;
    (revenue != 0.0).then(|| (revenue - eac) / revenue)
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

/// Time-and-materials revenue booked from time entries, day by day from `time_from` on: each
/// day's billable hours × rate, the cumulative amount capped at the contract value in force
/// that day (the remainder up to the cap is booked, nothing after it), in the day's quarter.
pub struct EntryBooking<'a> {
    days: &'a [ProjectDay],
    next: usize,
    base: f64,
    hours: f64,
    rate: f64,
}

impl<'a> EntryBooking<'a> {
    /// `days` oldest first; `from` the first day booked from entries (`None`: none is);
    /// `base_hours` the cumulative hours of the latest update before `from`.
    pub fn new(days: &'a [ProjectDay], from: Option<NaiveDate>, base_hours: f64, rate: f64) -> Self {
        let next = match from {
            Some(f) => days.partition_point(|d| d.date < f),
            None => days.len(),
        };
        EntryBooking {
            days,
            next,
            base: base_hours,
            hours: base_hours,
            rate,
        }
    }

    /// The cumulative billable hours booked so far (with the hours before `time_from`).
    pub fn hours(&self) -> f64 {
        self.hours
    }

    /// The hours of the latest update before `time_from` (0 if none).
    pub fn base_hours(&self) -> f64 {
        self.base
    }

    /// The cumulative recognized revenue so far against `current_value`.
    pub fn recognized(&self, current_value: f64) -> f64 {
        (self.hours * self.rate).min(current_value)
    }

    /// Books the days, from the first not booked yet, while `keep` holds for their date (e.g.
    /// `|d| d < date`: the days before `date`).
    pub fn book_while(
        &mut self,
        keep: impl Fn(NaiveDate) -> bool,
        current_value: f64,
        booked: &mut BTreeMap<FiscalQuarter, f64>,
        prev: &mut f64,
        s: FiscalCalendar,
    ) {
        while let Some(d) = self.days.get(self.next).filter(|d| keep(d.date)) {
            self.next += 1;
            self.hours += d.billable_hours;
            let rec = self.recognized(current_value);
            add(booked, FiscalQuarter::of(d.date, s), rec - *prev);
            *prev = rec;
        }
    }
}

/// A project's hours from its time entries (those from `from` on, when given): all and
/// billable, in total and per fiscal quarter; null without entries.
pub fn time_figures(days: &[ProjectDay], from: Option<NaiveDate>, s: FiscalCalendar) -> Option<TimeFigures> {
    let days = &days[from.map_or(0, |f| days.partition_point(|d| d.date < f))..];
    if days.is_empty() {
        return None;
    }
    let mut by_quarter: Vec<(FiscalQuarter, QuarterHours)> = Vec::new();
    for d in days {
        let q = FiscalQuarter::of(d.date, s);
        if by_quarter.last().is_none_or(|(lq, _)| *lq != q) {
            by_quarter.push((
                q,
                QuarterHours {
                    label: q.label(),
                    hours: 0.0,
                    billable_hours: 0.0,
                },
            ));
        }
        let h = &mut by_quarter.last_mut().expect("pushed above").1;
        h.hours += d.hours;
        h.billable_hours += d.billable_hours;
    }
    Some(TimeFigures {
        hours: days.iter().map(|d| d.hours).sum(),
        billable_hours: days.iter().map(|d| d.billable_hours).sum(),
        by_quarter: by_quarter.into_iter().map(|(_, h)| h).collect(),
    })
}

/// The 13 weeks (Monday to Sunday) ending with the as-of date's week, oldest first: each
/// week's hours from the entries, the cumulative billable hours at its end (through A), and
/// the cumulative hours the PM reported in the latest update dated in it. Empty without
/// entries.
pub fn hours_by_week(
    days: &[ProjectDay],
    from: Option<NaiveDate>,
    base_hours: f64,
    updates: &[&Update],
    as_of: NaiveDate,
) -> Vec<WeekHours> {
    if days.is_empty() {
        return Vec::new();
    }
    let first_week = crate::metrics::utilization::monday(as_of) - chrono::Duration::weeks(12);
    let counted = |d: &&ProjectDay| from.is_none_or(|f| d.date >= f);
    (0..13)
        .map(|i| {
            let week = first_week + chrono::Duration::weeks(i);
            let end = (week + chrono::Duration::days(6)).min(as_of);
            let in_week = days.iter().filter(|d| d.date >= week && d.date <= end);
            WeekHours {
                week,
                hours: in_week.clone().map(|d| d.hours).sum(),
                billable_hours: in_week.map(|d| d.billable_hours).sum(),
                cumulative_billable_hours: base_hours
                    + days
                        .iter()
                        .filter(counted)
                        .filter(|d| d.date <= end)
                        .map(|d| d.billable_hours)
                        .sum::<f64>(),
                reported: updates
                    .iter()
                    .rev()
                    .find(|u| u.date >= week && u.date <= end)
                    .and_then(|u| u.front.hours),
            }
        })
        .collect()
}

/// Adds `v` to the quarter's entry.
pub fn add(map: &mut BTreeMap<FiscalQuarter, f64>, q: FiscalQuarter, v: f64) {
    *map.entry(q).or_insert(0.0) += v;
}

/// A quarter's forecast categories from its target, actual, forecast, the at-risk part of the
/// forecast and the weighted pipeline: `committed = actual + forecast − forecast_at_risk`
/// (computed as `actual + (forecast − at_risk)`, so a wholly at-risk forecast leaves exactly the
/// actual), `best_case = actual + forecast`, `upside = best_case + pipeline`, each against the
/// target (null without a non-zero target), and the verdict from the committed figure (null
/// without a target).
pub fn categories(
    target: Option<f64>,
    actual: f64,
    forecast: f64,
    at_risk: f64,
    pipeline: f64,
) -> ForecastCategories {
    let committed = actual + (forecast - at_risk);
    let best_case = actual + forecast;
    let upside = best_case + pipeline;
    let of_target = |v: f64| target.filter(|t| *t != 0.0).map(|t| v / t);
    ForecastCategories {
        committed,
        best_case,
        pipeline,
        upside,
        committed_attainment: of_target(committed),
        best_case_attainment: of_target(best_case),
        upside_attainment: of_target(upside),
        verdict: target.map(|t| {
            if committed >= t {
                Verdict::OnTrack
            } else if best_case >= t {
                Verdict::AtRisk
            } else {
                Verdict::Short
            }
        }),
        coverage: None,
    }
}

#[cfg(test)]
mod category_tests {
    use super::categories;
    use crate::report::Verdict;

    /// Target $1,000,000; $400,000 recognized, $500,000 forecast of which $200,000 at risk:
    /// committed 400,000 + 300,000 = 700,000 (70 %), best case 900,000 (90 %): short.
    #[test]
    fn part_of_the_forecast_at_risk() {
        let c = categories(Some(1_000_000.0), 400_000.0, 500_000.0, 200_000.0, 0.0);
        assert_eq!(c.committed, 700_000.0);
        assert_eq!(c.best_case, 900_000.0);
        assert_eq!(c.upside, 900_000.0);
        assert_eq!(c.committed_attainment, Some(0.7));
        assert_eq!(c.best_case_attainment, Some(0.9));
        assert_eq!(c.verdict, Some(Verdict::Short));
        // The same quarter against $800,000 needs the at-risk forecast: at risk.
        let c = categories(Some(800_000.0), 400_000.0, 500_000.0, 200_000.0, 0.0);
        assert_eq!(c.committed_attainment, Some(0.875));
        assert_eq!(c.best_case_attainment, Some(1.125));
        assert_eq!(c.verdict, Some(Verdict::AtRisk));
        // And against $700,000 it is on track exactly at the committed figure.
        let c = categories(Some(700_000.0), 400_000.0, 500_000.0, 200_000.0, 0.0);
        assert_eq!(c.committed_attainment, Some(1.0));
        assert_eq!(c.verdict, Some(Verdict::OnTrack));
    }

    /// The whole forecast at risk (the case that read "projected at 290 %, on track"): target
    /// $310,000, $90,000 recognized, $809,000 forecast, all of it at risk: committed is the
    /// actual, 90,000 / 310,000 = 0.2903…; best case 899,000 / 310,000 = 2.9; at risk.
    #[test]
    fn all_of_the_forecast_at_risk() {
        let c = categories(Some(310_000.0), 90_000.0, 809_000.0, 809_000.0, 0.0);
        assert_eq!(c.committed, 90_000.0);
        assert_eq!(c.best_case, 899_000.0);
        assert_eq!(c.committed_attainment, Some(90_000.0 / 310_000.0));
        assert_eq!(c.best_case_attainment, Some(2.9));
        assert_eq!(c.verdict, Some(Verdict::AtRisk));
        // 0.1 + 0.2 − 0.2 is not 0.1 in floating point; actual + (forecast − at risk) is.
        let c = categories(Some(1.0), 0.1, 0.2, 0.2, 0.0);
        assert_eq!(c.committed, 0.1);
    }

    /// No target: the figures, no attainment and no verdict.
    #[test]
    fn a_quarter_without_a_target() {
        let c = categories(None, 250_000.0, 150_000.0, 50_000.0, 20_000.0);
        assert_eq!(c.committed, 350_000.0);
        assert_eq!(c.best_case, 400_000.0);
        assert_eq!(c.pipeline, 20_000.0);
        assert_eq!(c.upside, 420_000.0);
        assert_eq!(c.committed_attainment, None);
        assert_eq!(c.best_case_attainment, None);
        assert_eq!(c.upside_attainment, None);
        assert_eq!(c.verdict, None);
    }
}

#[cfg(test)]
mod margin_tests {
    use super::{margin_at_completion, margin_at_sale};
    use crate::model::Engagement::{FixedPrice, TimeAndMaterials};

    /// Sold at $480,000 against a $336,000 budget: (480,000 − 336,000) / 480,000 = 0.3. Now
    /// expected to cost $362,000 (EAC): (480,000 − 362,000) / 480,000 = 0.24583….
    #[test]
    fn fixed_price_sold_and_now_expected() {
        assert_eq!(margin_at_sale(480_000.0, 336_000.0), Some(0.3));
        assert_eq!(
            margin_at_completion(FixedPrice, 480_000.0, None, Some(362_000.0)),
            Some(118_000.0 / 480_000.0)
        );
        assert_eq!(margin_at_sale(0.0, 10_000.0), None);
        assert_eq!(margin_at_completion(FixedPrice, 480_000.0, None, None), None);
        assert_eq!(margin_at_completion(FixedPrice, 0.0, None, Some(1.0)), None);
    }

    /// Time and materials, cap $200,000: projected billable $150,000 → revenue at completion
    /// 150,000, EAC 120,000: 30,000 / 150,000 = 0.2. Projected $260,000 is capped at 200,000:
    /// EAC 170,000 gives 30,000 / 200,000 = 0.15. Unknown projection: null.
    #[test]
    fn time_and_materials_capped_at_the_contract() {
        assert_eq!(
            margin_at_completion(TimeAndMaterials, 200_000.0, Some(150_000.0), Some(120_000.0)),
            Some(0.2)
        );
        assert_eq!(
            margin_at_completion(TimeAndMaterials, 200_000.0, Some(260_000.0), Some(170_000.0)),
            Some(0.15)
        );
        assert_eq!(
            margin_at_completion(TimeAndMaterials, 200_000.0, None, Some(1.0)),
            None
        );
    }
}
