//! `revenue_by_quarter`: per fiscal quarter a bar of booked (actual) revenue with the forecast
//! stacked on top, a target marker, and the attainment written above each bar.

use chrono::NaiveDate;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::axis::{self, finite};
use super::svg::{self, Area, DrawResult, Mark, BLUE, ORANGE};
use super::{Chart, DataTable};
use crate::format::{date, money, money_compact, money_opt, pct_of_fraction, plural};
use crate::report::QuarterFigures;

const W: u32 = 600;
const H: u32 = 360;

pub(super) fn chart(quarters: &[QuarterFigures], as_of: NaiveDate, currency: &str) -> Chart {
    let title = format!(
        "Revenue by fiscal quarter in {currency}: actual, forecast and target, as of {}",
        date(as_of)
    );
    let description = describe(quarters, as_of, currency);
    let id = "revenue-by-quarter";
    Chart::drawn(
        id,
        title,
        description,
        (W, H),
        quarters.is_empty().then_some("No revenue data yet"),
        |area, title| draw(area, quarters, currency, title),
        table(quarters, currency),
    )
}

fn table(quarters: &[QuarterFigures], currency: &str) -> DataTable {
    DataTable {
        headers: vec![
            "Quarter".into(),
            format!("Target ({currency})"),
            format!("Actual ({currency})"),
            format!("Forecast ({currency})"),
            "Attainment".into(),
            "Projected attainment".into(),
        ],
        rows: quarters
            .iter()
            .map(|q| {
                vec![
                    q.label.clone(),
                    money_opt(q.target, currency),
                    money(q.actual, currency),
                    money(q.forecast, currency),
                    pct_of_fraction(q.attainment),
                    pct_of_fraction(q.projected_attainment),
                ]
            })
            .collect(),
    }
}

fn describe(quarters: &[QuarterFigures], as_of: NaiveDate, currency: &str) -> String {
    let Some(first) = quarters.first() else {
        return "No revenue has been booked, forecast or targeted yet.".into();
    };
    let last = &quarters[quarters.len() - 1];
    let current = quarters
        .iter()
        .find(|q| q.start <= as_of && as_of <= q.end)
        .or_else(|| quarters.iter().rev().find(|q| q.start <= as_of))
        .unwrap_or(first);
    let m = |v: f64| money_compact(v, currency);
    let mut s = format!("Recognized revenue {} {}", current.label, m(current.actual));
    match current.target {
        Some(t) => s.push_str(&format!(
            " of {} target ({}); forecast {} more, projected {}.",
            m(t),
            pct_of_fraction(current.attainment),
            m(current.forecast),
            pct_of_fraction(current.projected_attainment)
        )),
        None => s.push_str(&format!(
            " (no target set); forecast {} more.",
            m(current.forecast)
        )),
    }
    let actual: f64 = quarters.iter().map(|q| q.actual).sum();
    let forecast: f64 = quarters.iter().map(|q| q.forecast).sum();
    let targets: Vec<f64> = quarters.iter().filter_map(|q| q.target).collect();
    s.push_str(&format!(
        " {} shown, {} to {}: actual {}, forecast {}",
        plural(quarters.len(), "quarter"),
        first.label,
        last.label,
        m(actual),
        m(forecast)
    ));
    if targets.is_empty() {
        s.push('.');
    } else {
        s.push_str(&format!(", target {}.", m(targets.iter().sum())));
    }
    s
}

fn draw(area: &Area, quarters: &[QuarterFigures], currency: &str, title: &str) -> DrawResult {
    let n = quarters.len();
    let top = svg::target_header(
        area,
        title,
        W,
        [(Mark::Box(BLUE), "actual"), (Mark::Box(ORANGE), "forecast")],
    )?;
    let note = "% = (actual + forecast) / target";
    svg::text(
        area,
        note,
        (W as i32 - 16, 44 + top),
        &svg::anchored(svg::muted(11.0), HPos::Right, VPos::Center),
    )?;
    let mut lo = 0.0f64;
    let mut hi = 0.0f64;
    for q in quarters {
        let a = finite(q.actual);
        lo = lo.min(a).min(finite(q.forecast));
        hi = hi
            .max(a.max(0.0) + finite(q.forecast).max(0.0))
            .max(finite(q.target.unwrap_or(0.0)));
    }
    if hi <= lo {
        hi = lo + 1.0;
    }
    let span = hi - lo;
    let (lo, hi) = axis::value_range(if lo < 0.0 { lo - span * 0.05 } else { 0.0 }, hi + span * 0.12);

    let mut chart = svg::money_columns(area, n, (lo, hi), 60 + top, Some("Fiscal quarter"), currency)?;

    let half = 0.34;
    let value_style = svg::anchored(svg::font(11.0), HPos::Center, VPos::Bottom);
    let label_style = svg::anchored(svg::font(12.0), HPos::Center, VPos::Top);
    // Every k-th quarter label, so labels do not overlap.
    let (left, _) = chart.backend_coord(&(-0.5, lo));
    let (right, _) = chart.backend_coord(&(n as f64 - 0.5, lo));
    let slot = f64::from((right - left).max(1)) / n as f64;
    let widest = quarters
        .iter()
        .map(|q| svg::text_width(&q.label, 12.0))
        .fold(0.0, f64::max);
    let every = ((widest + 8.0) / slot).ceil().max(1.0) as usize;
    let show_values = slot >= svg::text_width("100%", 11.0) + 4.0;
    for (i, q) in quarters.iter().enumerate() {
        let x = i as f64;
        let a = finite(q.actual);
        let f = finite(q.forecast);
        chart.draw_series(std::iter::once(Rectangle::new(
            [(x - half, 0.0), (x + half, a)],
            BLUE.filled(),
        )))?;
        let base = a.max(0.0);
        if f != 0.0 {
            chart.draw_series(std::iter::once(Rectangle::new(
                [(x - half, base), (x + half, base + f)],
                ORANGE.filled(),
            )))?;
        }
        let mut top = base + f.max(0.0);
        if let Some(t) = q.target.filter(|t| t.is_finite()) {
            svg::target_line(&mut chart, x, half, t)?;
            top = top.max(t);
        }
        if show_values {
            if let Some(p) = q.projected_attainment.or(q.attainment).filter(|p| p.is_finite()) {
                let (px, py) = chart.backend_coord(&(x, top));
                svg::text(area, &pct_of_fraction(Some(p)), (px, py - 4), &value_style)?;
            }
        }
        if i % every == 0 {
            let (px, py) = chart.backend_coord(&(x, lo));
            svg::text(area, &q.label, (px, py + 6), &label_style)?;
        }
    }
    Ok(())
}
