//! Roll-ups (see docs/metrics.md, roll-ups) of a set of projects — the portfolio, a program or a region — and the fiscal
//! context of the as-of date.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use crate::metrics::fiscal::{FiscalCalendar, FiscalQuarter};
use crate::metrics::health;
use crate::metrics::project::ProjectOut;
use crate::model::Thresholds;
use crate::report::{
    EventValue, FiscalContext, FoldedEvents, Health, HealthCounts, LastWeek, ProjectReport, QuarterFigures,
    Rollup, WeekEvent, WeekEventKind,
};

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
    // The same as of A − 7, for each quarter's `last_week`.
    let mut actual_then: BTreeMap<FiscalQuarter, f64> = BTreeMap::new();
    let mut forecast_then: BTreeMap<FiscalQuarter, f64> = BTreeMap::new();
    let mut at_risk_then: BTreeMap<FiscalQuarter, f64> = BTreeMap::new();
    let mut eac = 0.0;
    let mut week_events = Vec::new();
    for p in projects {
        let w = &p.extras.week_ago;
        for (q, v) in &w.booked {
            *actual_then.entry(*q).or_insert(0.0) += v;
        }
        for (q, v) in &w.forecast {
            *forecast_then.entry(*q).or_insert(0.0) += v;
            if w.forecast_at_risk {
                *at_risk_then.entry(*q).or_insert(0.0) += v;
            }
        }
        eac += p.extras.evm.as_ref().map_or(p.extras.baseline.bac, |e| e.eac);
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
            let get = |m: &BTreeMap<FiscalQuarter, f64>| m.get(&q).copied().unwrap_or(0.0);
            let (a7, f7, r7) = (get(&actual_then), get(&forecast_then), get(&at_risk_then));
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
                last_week: Some(Box::new(LastWeek {
                    actual: a7,
                    forecast: f7,
                    forecast_at_risk: r7,
                    projected_attainment: ratio(a7 + f7, target),
                    categories: super::revenue::categories(target, a7, f7, r7, 0.0),
                })),
            }
        })
        .collect();
    let (cpi, spi) = (ratio(ev, Some(ac)), ratio(ev, Some(pv)));
    let reports: Vec<&ProjectReport> = projects.iter().map(|p| &p.report).collect();
    let mut quarter_end: Vec<&ProjectReport> = reports
        .iter()
        .copied()
        .filter(|p| p.needs_quarter_end_update)
        .collect();
    quarter_end.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)));
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
        eac,
        vac: bac - eac,
        eac_overrun: ratio(eac - bac, Some(bac)),
        routine_events: fold_routine(&week_events),
        week_events,
        decisions: crate::metrics::decisions::decisions(&reports, as_of),
        quarter_end_updates: quarter_end.iter().map(|p| p.id.clone()).collect(),
        utilization: None,
    }
}

/// The routine events among `events`, one entry per kind (in kind order): how many, in how
/// many projects, and for recognized revenue the amount booked.
pub fn fold_routine(events: &[WeekEvent]) -> Vec<FoldedEvents> {
    let mut by_kind: BTreeMap<WeekEventKind, (usize, BTreeSet<&str>, f64)> = BTreeMap::new();
    for e in events.iter().filter(|e| e.kind.is_routine()) {
        let entry = by_kind.entry(e.kind).or_default();
        entry.0 += 1;
        entry.1.insert(&e.project);
        if let Some(EventValue::Number(n)) = e.to {
            entry.2 += n;
        }
    }
    by_kind
        .into_iter()
        .map(|(kind, (events, projects, amount))| FoldedEvents {
            kind,
            events,
            projects: projects.len(),
            amount: (kind == WeekEventKind::RevenueRecognized).then_some(amount),
        })
        .collect()
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
