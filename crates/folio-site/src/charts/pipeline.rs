//! The pipeline charts: `coverage` (the coming quarters' booked work and open pipeline against
//! their targets, with the coverage ratio written above each) and `quarter_bridge` (a waterfall
//! from the quarter's target through recognized revenue, committed forecast, forecast at risk
//! and weighted pipeline to the gap left).

use chrono::NaiveDate;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::axis::{self, finite};
use super::svg::{self, Area, DrawResult, Mark, BLUE, GREEN, GREY, INK, ORANGE, RED};
use super::{Chart, DataTable};
use crate::format::{date, money, money_compact, money_opt, ratio};
use crate::report::{PipelineQuarter, QuarterBridge, QuarterFigures};

const W: u32 = 600;
const H: u32 = 360;

/// One quarter of the coverage chart.
pub struct CoverageQuarter<'a> {
    pub figures: &'a QuarterFigures,
    /// The pipeline falling in the quarter (weighted and unweighted), if any.
    pub pipeline: Option<&'a PipelineQuarter>,
}

/// "2.2×" or "covered" (booked work covers the target) or "no target".
fn coverage_word(q: &QuarterFigures) -> String {
    match (q.target, q.categories.coverage) {
        (None, _) => "no target".into(),
        (Some(_), Some(c)) => format!("{}×", ratio(Some(c))),
        (Some(_), None) => "covered".into(),
    }
}

pub(crate) fn coverage(quarters: &[CoverageQuarter], as_of: NaiveDate, currency: &str) -> Chart {
    let title = format!(
        "Coverage of the coming quarters in {currency}: booked work and open pipeline against target, as of {}",
        date(as_of)
    );
    let m = |v: f64| money_compact(v, currency);
    let description = if quarters.is_empty() {
        "No quarter after the current one has a target, booked work or pipeline.".to_string()
    } else {
        let parts: Vec<String> = quarters
            .iter()
            .map(|c| {
                let q = c.figures;
                let open = c.pipeline.map_or(0.0, |p| p.unweighted);
                format!(
                    "{}: {} booked, {} open pipeline{}, coverage {}",
                    q.label,
                    m(q.categories.best_case),
                    m(open),
                    q.target
                        .map(|t| format!(" against {} target", m(t)))
                        .unwrap_or_default(),
                    coverage_word(q)
                )
            })
            .collect();
        format!("{}.", parts.join("; "))
    };
    let table = DataTable {
        headers: vec![
            "Quarter".into(),
            format!("Target ({currency})"),
            format!("Booked, best case ({currency})"),
            format!("Left to find ({currency})"),
            format!("Open pipeline ({currency})"),
            format!("Weighted pipeline ({currency})"),
            "Coverage".into(),
        ],
        rows: quarters
            .iter()
            .map(|c| {
                let q = c.figures;
                vec![
                    q.label.clone(),
                    money_opt(q.target, currency),
                    money(q.categories.best_case, currency),
                    money_opt(q.target.map(|t| (t - q.categories.best_case).max(0.0)), currency),
                    money(c.pipeline.map_or(0.0, |p| p.unweighted), currency),
                    money(q.categories.pipeline, currency),
                    coverage_word(q),
                ]
            })
            .collect(),
    };
    Chart::drawn(
        "pipeline-coverage",
        title,
        description,
        (W, H),
        quarters.is_empty().then_some("No coming quarter to cover"),
        |area, title| draw_coverage(area, quarters, currency, title),
        table,
    )
}

fn draw_coverage(area: &Area, quarters: &[CoverageQuarter], currency: &str, title: &str) -> DrawResult {
    let n = quarters.len();
    let top = svg::target_header(
        area,
        title,
        W,
        [
            (Mark::Box(BLUE), "booked"),
            (Mark::Outlined(GREEN), "open pipeline"),
        ],
    )?;
    let mut hi = 1.0f64;
    for c in quarters {
        let q = c.figures;
        let open = c.pipeline.map_or(0.0, |p| finite(p.unweighted));
        hi = hi
            .max(finite(q.categories.best_case).max(0.0) + open)
            .max(finite(q.target.unwrap_or(0.0)));
    }
    let (lo, hi) = axis::value_range(0.0, hi * 1.15);
    let mut chart = svg::money_columns(area, n, (lo, hi), 60 + top, Some("Fiscal quarter"), currency)?;
    let half = 0.3;
    let value_style = svg::anchored(svg::bold(12.0), HPos::Center, VPos::Bottom);
    let label_style = svg::anchored(svg::font(12.0), HPos::Center, VPos::Top);
    for (i, c) in quarters.iter().enumerate() {
        let q = c.figures;
        let x = i as f64;
        let booked = finite(q.categories.best_case).max(0.0);
        let open = c.pipeline.map_or(0.0, |p| finite(p.unweighted));
        chart.draw_series(std::iter::once(Rectangle::new(
            [(x - half, 0.0), (x + half, booked)],
            BLUE.filled(),
        )))?;
        if open > 0.0 {
            chart.draw_series(std::iter::once(Rectangle::new(
                [(x - half, booked), (x + half, booked + open)],
                GREEN.mix(0.3).filled(),
            )))?;
            chart.draw_series(std::iter::once(Rectangle::new(
                [(x - half, booked), (x + half, booked + open)],
                GREEN.stroke_width(2),
            )))?;
        }
        let mut topv = booked + open;
        if let Some(t) = q.target.filter(|t| t.is_finite()) {
            svg::target_line(&mut chart, x, half, t)?;
            topv = topv.max(t);
        }
        let (px, py) = chart.backend_coord(&(x, topv));
        svg::text(area, &coverage_word(q), (px, py - 4), &value_style)?;
        let (px, py) = chart.backend_coord(&(x, lo));
        svg::text(area, &q.label, (px, py + 6), &label_style)?;
    }
    Ok(())
}

/// The bridge's steps: (label, amount, colour); the target first, the gap last.
fn steps(b: &QuarterBridge) -> Vec<(&'static str, f64, RGBColor)> {
    let mut v = vec![
        ("Recognized", b.recognized, BLUE),
        ("Committed forecast", b.committed_forecast, ORANGE),
        ("Forecast at risk", b.forecast_at_risk, RED),
        ("Weighted pipeline", b.pipeline, GREEN),
    ];
    if let Some(t) = b.target {
        v.insert(0, ("Target", t, INK));
    }
    if let Some(g) = b.gap {
        v.push(("Gap", g, GREY));
    }
    v
}

pub(crate) fn bridge(b: &QuarterBridge, as_of: NaiveDate, currency: &str) -> Chart {
    let title = format!(
        "{} bridge in {currency}, from target to gap, as of {}",
        b.label,
        date(as_of)
    );
    let m = |v: f64| money_compact(v, currency);
    let mut description = match b.target {
        Some(t) => format!("{}: target {}; ", b.label, m(t)),
        None => format!("{} has no target; ", b.label),
    };
    description.push_str(&format!(
        "{} recognized, {} committed forecast, {} forecast at risk, {} weighted pipeline",
        m(b.recognized),
        m(b.committed_forecast),
        m(b.forecast_at_risk),
        m(b.pipeline)
    ));
    description.push_str(&match b.gap {
        Some(g) if g > 0.0 => format!("; {} gap left to find.", m(g)),
        Some(_) => "; no gap: the target is reached with the pipeline.".to_string(),
        None => ".".to_string(),
    });
    let mut running = 0.0;
    let table = DataTable {
        headers: vec![
            "Step".into(),
            format!("Amount ({currency})"),
            format!("Running total ({currency})"),
        ],
        rows: steps(b)
            .into_iter()
            .map(|(label, v, _)| {
                let total = match label {
                    "Target" | "Gap" => String::new(),
                    _ => {
                        running += v;
                        money(running, currency)
                    }
                };
                vec![label.to_string(), money(v, currency), total]
            })
            .collect(),
    };
    Chart::drawn(
        "quarter-bridge",
        title,
        description,
        (W, H),
        None,
        |area, title| draw_bridge(area, b, currency, title),
        table,
    )
}

fn draw_bridge(area: &Area, b: &QuarterBridge, currency: &str, title: &str) -> DrawResult {
    let steps = steps(b);
    let n = steps.len();
    svg::title(area, title, W)?;
    let top = svg::title_extra(title, W) as i32;
    let mut hi = 1.0f64;
    let mut running = 0.0;
    for (label, v, _) in &steps {
        if *label != "Target" && *label != "Gap" {
            running += finite(*v).max(0.0);
        }
        hi = hi.max(running).max(finite(*v));
    }
    hi = hi.max(running + b.gap.map_or(0.0, finite));
    let (lo, hi) = axis::value_range(0.0, hi * 1.12);
    let mut chart = svg::money_columns(area, n, (lo, hi), 40 + top, None, currency)?;
    let half = 0.36;
    let value_style = svg::anchored(svg::font(11.0), HPos::Center, VPos::Bottom);
    let label_style = svg::anchored(svg::font(11.0), HPos::Center, VPos::Top);
    let mut base = 0.0;
    for (i, (label, v, colour)) in steps.iter().enumerate() {
        let x = i as f64;
        let v = finite(*v).max(0.0);
        let (from, to) = match *label {
            "Target" => (0.0, v),
            "Gap" => (base, base + v),
            _ => {
                let r = (base, base + v);
                base += v;
                r
            }
        };
        if *label == "Gap" {
            chart.draw_series(std::iter::once(Rectangle::new(
                [(x - half, from), (x + half, to)],
                GREY.mix(0.25).filled(),
            )))?;
            chart.draw_series(std::iter::once(Rectangle::new(
                [(x - half, from), (x + half, to)],
                INK.stroke_width(1),
            )))?;
        } else {
            chart.draw_series(std::iter::once(Rectangle::new(
                [(x - half, from), (x + half, to)],
                colour.filled(),
            )))?;
        }
        let (px, py) = chart.backend_coord(&(x, to));
        svg::text(area, &money_compact(v, currency), (px, py - 3), &value_style)?;
        let (px, py) = chart.backend_coord(&(x, lo));
        // Two-word labels on two lines, so six columns fit a phone.
        let mut words = label.splitn(2, ' ');
        let first = words.next().unwrap_or_default();
        svg::text(area, first, (px, py + 6), &label_style)?;
        if let Some(rest) = words.next() {
            svg::text(area, rest, (px, py + 20), &label_style)?;
        }
    }
    Ok(())
}
