//! `utilization`: the last 13 weeks of the measured people, one bar per week in percent of the
//! hours available (100 %): all hours booked (non-billable on top, orange) with the billable
//! part in front (blue), and the billable target as a line. Are people busy, and billable?

use chrono::NaiveDate;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::svg::{self, Area, DrawResult, Mark, ValueAxis, BLUE, INK, ORANGE};
use super::{Chart, DataTable};
use crate::format::{self, date};
use crate::report::WeekUtilization;

const W: u32 = 640;
const H: u32 = 340;

pub(super) fn chart(weeks: &[WeekUtilization], target: f64, as_of: NaiveDate) -> Chart {
    let title = format!(
        "Utilization against the {} billable target, last 13 weeks, as of {}",
        format::pct_1(Some(target)),
        date(as_of)
    );
    let measured = weeks.iter().any(|w| w.figures.available > 0.0);
    let description = describe(weeks, target);
    Chart::drawn(
        "utilization",
        title,
        description,
        (W, H),
        (!measured).then_some("No time entries for the last 13 weeks"),
        |area, title| draw(area, weeks, target, title),
        DataTable {
            headers: vec![
                "Week of".into(),
                "Available (h)".into(),
                "All hours (h)".into(),
                "Billable (h)".into(),
                "Utilization".into(),
                "Billable utilization".into(),
            ],
            rows: weeks
                .iter()
                .map(|w| {
                    let f = &w.figures;
                    vec![
                        date(w.week),
                        format::number(f.available, 1),
                        format::number(f.hours, 1),
                        format::number(f.billable_hours, 1),
                        format::pct_of_fraction(f.utilization),
                        format::pct_of_fraction(f.billable_utilization),
                    ]
                })
                .collect(),
        },
    )
}

fn describe(weeks: &[WeekUtilization], target: f64) -> String {
    let (Some(first), Some(last)) = (weeks.first(), weeks.last()) else {
        return "No weeks to show.".into();
    };
    format!(
        "Billable utilization went from {} in the week of {} to {} in the week of {} (target {}); all hours booked, billable or not, were {} of the hours available in the last week.",
        format::pct_of_fraction(first.figures.billable_utilization),
        date(first.week),
        format::pct_of_fraction(last.figures.billable_utilization),
        date(last.week),
        format::pct_1(Some(target)),
        format::pct_of_fraction(last.figures.utilization),
    )
}

fn draw(area: &Area, weeks: &[WeekUtilization], target: f64, title: &str) -> DrawResult {
    let top = svg::target_header(
        area,
        title,
        W,
        [(Mark::Box(BLUE), "billable"), (Mark::Box(ORANGE), "not billable")],
    )?;
    let pct = |v: Option<f64>| v.unwrap_or(0.0) * 100.0;
    let hi = weeks
        .iter()
        .map(|w| pct(w.figures.utilization))
        .fold(target.max(100.0), f64::max)
        * 1.08;
    let n = weeks.len();
    let x_range = svg::week_slots(n);
    let axis = ValueAxis {
        ticks: 6,
        label: &|v| format!("{v:.0}%"),
        desc: "% of hours available",
    };
    let mut c = svg::week_columns(area, n, 0f64..hi, 60 + top, axis, "Week of")?;
    let tick = svg::anchored(svg::font(10.0), HPos::Center, VPos::Top);
    for (i, w) in weeks.iter().enumerate() {
        let x = i as f64;
        let all = pct(w.figures.utilization);
        let billable = pct(w.figures.billable_utilization);
        c.draw_series(std::iter::once(Rectangle::new(
            [(x - 0.32, 0.0), (x + 0.32, all)],
            ORANGE.filled(),
        )))?;
        c.draw_series(std::iter::once(Rectangle::new(
            [(x - 0.32, 0.0), (x + 0.32, billable)],
            BLUE.filled(),
        )))?;
        if (n - 1 - i).is_multiple_of(3) {
            let (px, py) = c.backend_coord(&(x, 0.0));
            svg::text(area, &date(w.week), (px, py + 5), &tick)?;
        }
    }
    c.draw_series(std::iter::once(PathElement::new(
        vec![(x_range.start, target), (x_range.end, target)],
        INK.stroke_width(2),
    )))?;
    let (px, py) = c.backend_coord(&(x_range.start, target));
    svg::text(
        area,
        &format!("target {}", format::pct_1(Some(target))),
        (px + 4, py - 2),
        &svg::anchored(svg::muted(10.0), HPos::Left, VPos::Bottom),
    )?;
    Ok(())
}
