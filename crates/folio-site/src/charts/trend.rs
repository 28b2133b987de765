//! `trend`: the last 13 week ends. Top panel: the current quarter's projected attainment (a
//! line, in percent of target, with the 100% target line); bottom panel: the projects by
//! computed health at each week end (stacked bars). Is it getting better?

use chrono::NaiveDate;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::health::colour;
use super::svg::{self, Area, DrawResult, Mark, ValueAxis, BLUE, INK};
use super::{Chart, DataTable};
use crate::format::{self, date};
use crate::report::{Health, TrendPoint};

const W: u32 = 640;
const H: u32 = 400;

pub(super) fn chart(points: &[TrendPoint], quarter: &str, as_of: NaiveDate, currency: &str) -> Chart {
    let title = format!(
        "{quarter} projected attainment and project health, week by week, as of {}",
        date(as_of)
    );
    let description = describe(points, quarter);
    let id = "trend";
    Chart::drawn(
        id,
        title,
        description,
        (W, H),
        points.is_empty().then_some("No weeks to show"),
        |area, title| draw(area, points, title),
        DataTable {
            headers: vec![
                "Week ending".into(),
                format!("{quarter} projected (% of target)"),
                format!("Recognized + forecast ({currency})"),
                "Red".into(),
                "Amber".into(),
                "Green".into(),
                "Unknown".into(),
            ],
            rows: points
                .iter()
                .map(|p| {
                    vec![
                        date(p.date),
                        format::pct_of_fraction(p.projected_attainment),
                        format::money(p.actual + p.forecast, currency),
                        p.red.to_string(),
                        p.amber.to_string(),
                        p.green.to_string(),
                        p.unknown.to_string(),
                    ]
                })
                .collect(),
        },
    )
}

fn describe(points: &[TrendPoint], quarter: &str) -> String {
    let (Some(first), Some(last)) = (points.first(), points.last()) else {
        return "No weeks to show.".into();
    };
    let att = match (first.projected_attainment, last.projected_attainment) {
        (Some(a), Some(b)) => format!(
            "{quarter} projected attainment went from {} on {} to {} on {}",
            format::pct_of_fraction(Some(a)),
            date(first.date),
            format::pct_of_fraction(Some(b)),
            date(last.date)
        ),
        _ => format!("{quarter} has no target, so no projected attainment"),
    };
    format!(
        "{att}. Computed red projects: {} then {}; amber: {} then {}; green: {} then {}.",
        first.red, last.red, first.amber, last.amber, first.green, last.green
    )
}

fn draw(area: &Area, points: &[TrendPoint], title: &str) -> DrawResult {
    let order = [Health::Red, Health::Amber, Health::Green, Health::Unknown];
    let top = svg::header(
        area,
        title,
        W,
        &[
            (Mark::Line(BLUE), "projected attainment"),
            (Mark::Box(colour(Health::Red)), "red"),
            (Mark::Box(colour(Health::Amber)), "amber"),
            (Mark::Box(colour(Health::Green)), "green"),
            (Mark::Box(colour(Health::Unknown)), "unknown"),
        ],
    )?;
    let n = points.len();
    let x_range = svg::week_slots(n);
    let upper_h = 60 + top as u32 + 150;
    let (upper, lower) = area.split_vertically(upper_h);

    // Top: projected attainment, percent of the quarter's target.
    let vals: Vec<Option<f64>> = points
        .iter()
        .map(|p| p.projected_attainment.map(|v| v * 100.0))
        .collect();
    let hi = vals.iter().flatten().fold(110f64, |m, v| m.max(*v * 1.08));
    let lo = vals.iter().flatten().fold(hi, |m, v| m.min(*v));
    let lo = if vals.iter().flatten().next().is_some() {
        (lo * 0.9 / 10.0).floor() * 10.0
    } else {
        0.0
    };
    let mut c = ChartBuilder::on(&upper)
        .margin_top(60 + top)
        .margin_left(8)
        .margin_right(20)
        .x_label_area_size(8)
        .y_label_area_size(62)
        .build_cartesian_2d(x_range.clone(), lo..hi)?;
    svg::house_mesh(
        c.configure_mesh()
            .disable_x_mesh()
            .x_labels(0)
            .y_labels(5)
            .y_label_formatter(&|v| format!("{v:.0}%"))
            .y_desc("Projected (% of target)"),
        0.12,
        11.0,
    )
    .draw()?;
    if lo <= 100.0 && 100.0 <= hi {
        c.draw_series(std::iter::once(PathElement::new(
            vec![(x_range.start, 100.0), (x_range.end, 100.0)],
            INK.mix(0.6).stroke_width(1),
        )))?;
        let (px, py) = c.backend_coord(&(x_range.start, 100.0));
        svg::text(
            area,
            "target",
            (px + 4, py - 2),
            &svg::anchored(svg::muted(10.0), HPos::Left, VPos::Bottom),
        )?;
    }
    let line: Vec<(f64, f64)> = vals
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.map(|v| (i as f64, v)))
        .collect();
    c.draw_series(std::iter::once(PathElement::new(
        line.clone(),
        BLUE.stroke_width(3),
    )))?;
    c.draw_series(line.iter().map(|p| Circle::new(*p, 4, BLUE.filled())))?;
    if let Some((x, v)) = line.last() {
        let (px, py) = c.backend_coord(&(*x, *v));
        svg::text(
            area,
            &format!("{v:.0}%"),
            (px - 6, py - 8),
            &svg::anchored(svg::bold(12.0), HPos::Right, VPos::Bottom),
        )?;
    }

    // Bottom: computed health counts, stacked.
    let max = points
        .iter()
        .map(|p| p.red + p.amber + p.green + p.unknown)
        .max()
        .unwrap_or(0)
        .max(1);
    let axis = ValueAxis {
        ticks: 4,
        label: &super::axis::whole_count,
        desc: "Projects (count)",
    };
    let mut b = svg::week_columns(&lower, n, 0f64..(max as f64 * 1.05), 6, axis, "Week ending")?;
    let tick = svg::anchored(svg::font(10.0), HPos::Center, VPos::Top);
    for (i, p) in points.iter().enumerate() {
        let x = i as f64;
        let mut y = 0.0;
        for h in order {
            let k = match h {
                Health::Red => p.red,
                Health::Amber => p.amber,
                Health::Green => p.green,
                Health::Unknown => p.unknown,
            } as f64;
            if k > 0.0 {
                b.draw_series(std::iter::once(Rectangle::new(
                    [(x - 0.32, y), (x + 0.32, y + k)],
                    colour(h).filled(),
                )))?;
                b.draw_series(std::iter::once(Rectangle::new(
                    [(x - 0.32, y), (x + 0.32, y + k)],
                    WHITE.stroke_width(1),
                )))?;
            }
            y += k;
        }
        // Every third week labelled (always the last), so dates never collide.
        if (points.len() - 1 - i).is_multiple_of(3) {
            let (px, py) = b.backend_coord(&(x, 0.0));
            // Backend coordinates are the whole canvas's: draw on it, not on the lower panel.
            svg::text(area, &date(p.date), (px, py + 5), &tick)?;
        }
    }
    Ok(())
}
