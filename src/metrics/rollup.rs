//! Roll-ups (see docs/metrics.md, roll-ups) of a set of projects — the portfolio, a program or a region — and the fiscal
//! context of the as-of date.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::metrics::fiscal::{FiscalCalendar, FiscalQuarter};
use crate::metrics::health;
use crate::metrics::project::ProjectOut;
use crate::model::Thresholds;
use crate::report::{FiscalContext, Health, HealthCounts, QuarterFigures, Rollup};

/// `num / den`, null without a denominator or when it is zero.
pub(super) fn ratio(num: f64, den: Option<f64>) -> Option<f64> {
    match den {
        Some(d) if d != 0.0 => Some(num / d),
        _ => None,
    }
}

/// Rolls up `projects` (given sorted by id, so the week's events come out by project). Σ bac and Σ current_value run over all of them (current baseline);
/// Σ ac, Σ ev, Σ pv over those with an update ≤ A. `targets` are the quarter
/// targets of the portfolio or the region (none for programs); `gap` and the attainments are
/// null in a quarter without one. Quarters listed: every quarter with a target, a booking by an
/// update or a forecast, chronological.
pub fn rollup(
    projects: &[&ProjectOut],
    targets: &BTreeMap<FiscalQuarter, f64>,
    s: FiscalCalendar,
    t: &Thresholds,
    as_of: NaiveDate,
) -> Rollup {
    let mut declared: BTreeMap<Health, usize> = Health::ALL.iter().map(|h| (*h, 0)).collect();
    let mut computed = declared.clone();
    let (mut watermelons, mut stale) = (0, 0);
    let (mut bac, mut ac, mut ev, mut pv, mut value, mut recognized) = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
    let mut actual: BTreeMap<FiscalQuarter, f64> = BTreeMap::new();
    let mut forecast: BTreeMap<FiscalQuarter, f64> = BTreeMap::new();
    let mut at_risk: BTreeMap<FiscalQuarter, f64> = BTreeMap::new();
    let mut week_events = Vec::new();
    for p in projects {
        week_events.extend(p.extras.events.iter().cloned());
        let h = &p.report.health;
        *declared.entry(h.declared).or_insert(0) += 1;
        *computed.entry(h.computed).or_insert(0) += 1;
        watermelons += usize::from(h.watermelon);
        stale += usize::from(p.report.stale);
        bac += p.extras.baseline.bac;
        value += p.extras.baseline.current_value;
        if let Some(e) = &p.extras.evm {
            ac += e.ac;
            ev += e.ev;
            pv += e.pv;
        }
        recognized += p.report.recognized_revenue;
        for (q, v) in &p.extras.booked {
            *actual.entry(*q).or_insert(0.0) += v;
        }
        for (q, v) in &p.extras.forecast {
            *forecast.entry(*q).or_insert(0.0) += v;
            if p.report.forecast_at_risk {
                *at_risk.entry(*q).or_insert(0.0) += v;
            }
        }
    }
    let mut labels: Vec<FiscalQuarter> = actual
        .keys()
        .chain(forecast.keys())
        .chain(targets.keys())
        .copied()
        .collect();
    labels.sort();
    labels.dedup();
    let quarters = labels
        .into_iter()
        .map(|q| {
            let target = targets.get(&q).copied();
            let a = actual.get(&q).copied().unwrap_or(0.0);
            let f = forecast.get(&q).copied().unwrap_or(0.0);
            let r = at_risk.get(&q).copied().unwrap_or(0.0);
            QuarterFigures {
                label: q.label(),
                start: q.start(s),
                end: q.end(s),
                target,
                actual: a,
                forecast: f,
                attainment: ratio(a, target),
                projected_attainment: ratio(a + f, target),
                forecast_at_risk: r,
                gap: target.map(|t| (t - a - f).max(0.0)),
                categories: super::revenue::categories(target, a, f, r, 0.0),
            }
        })
        .collect();
    let (cpi, spi) = (ratio(ev, Some(ac)), ratio(ev, Some(pv)));
    Rollup {
        health: HealthCounts {
            declared,
            computed,
            watermelons,
            stale,
        },
        bac,
        ac,
        ev,
        pv,
        cpi,
        spi,
        cpi_rating: health::rating(cpi, t.cpi_red, t.cpi_amber),
        spi_rating: health::rating(spi, t.spi_red, t.spi_amber),
        current_value: value,
        recognized_revenue: recognized,
        quarters,
        project_count: projects.len(),
        backlog: projects.iter().fold(0.0, |a, p| a + p.report.remaining_revenue),
        week_events,
        decisions: crate::metrics::decisions::decisions(
            &projects.iter().map(|p| &p.report).collect::<Vec<_>>(),
            as_of,
        ),
        utilization: None,
    }
}

/// The fiscal year and quarter of `as_of`, with the portfolio's totals over that year's four
/// quarters (target null when none of them has one).
pub fn fiscal_context(portfolio: &Rollup, as_of: NaiveDate, s: FiscalCalendar) -> FiscalContext {
    let q = FiscalQuarter::of(as_of, s);
    let labels: Vec<String> = q.year_quarters().iter().map(|q| q.label()).collect();
    let in_year: Vec<_> = portfolio
        .quarters
        .iter()
        .filter(|f| labels.contains(&f.label))
        .collect();
    let targets: Vec<f64> = in_year.iter().filter_map(|f| f.target).collect();
    let year_target = (!targets.is_empty()).then(|| targets.iter().sum::<f64>());
    let year_actual: f64 = in_year.iter().map(|f| f.actual).sum();
    let year_forecast: f64 = in_year.iter().map(|f| f.forecast).sum();
    FiscalContext {
        fiscal_year_start_month: s.start_month(),
        fiscal_year: q.year_label(),
        quarter: q.label(),
        year_target,
        year_actual,
        year_forecast,
        year_attainment: ratio(year_actual, year_target),
        year_projected_attainment: ratio(year_actual + year_forecast, year_target),
    }
}
