//! `milestone_timeline`: one row per milestone of a project, the baseline due date (hollow
//! square) against the forecast (triangle) or done (circle) date, a line showing the slip, the
//! slip written in days, and a vertical as-of line.

use chrono::NaiveDate;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::axis;
use super::svg::{self, Area, DrawResult, Mark, BLUE, DASH_INK, GREEN, INK, ORANGE, RED};
use super::{Chart, DataTable};
use crate::format::{date, date_opt, plural};
use crate::report::{MilestoneStatus, ProjectReport};

const W: u32 = 760;
const ROW: u32 = 28;
const LEFT: u32 = 250;

fn height(rows: usize) -> u32 {
    (120 + ROW * rows as u32).max(200)
}

/// A date as a plot coordinate (days since the common era).
fn day(d: NaiveDate) -> f64 {
    f64::from(chrono::Datelike::num_days_from_ce(&d))
}

/// `done`, `late`, `+12 d` … as shown in the chart and the table.
fn status(m: &MilestoneStatus) -> String {
    let slip = match m.slip_days {
        0 => String::new(),
        s if s > 0 => format!("+{s} d"),
        s => format!("{s} d"),
    };
    let word = if m.done.is_some() {
        "done"
    } else if m.late {
        "late"
    } else if m.upcoming {
        "upcoming"
    } else {
        ""
    };
    match (word.is_empty(), slip.is_empty()) {
        (true, true) => "on plan".into(),
        (true, false) => slip,
        (false, true) => word.into(),
        (false, false) => format!("{word}, {slip}"),
    }
}

pub(super) fn chart(project: &ProjectReport, as_of: NaiveDate) -> Chart {
    let mut ms: Vec<&MilestoneStatus> = project.milestones.iter().collect();
    ms.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.id.cmp(&b.id)));
    let title = format!(
        "Milestones of {}: baseline vs forecast, as of {}",
        project.name,
        date(as_of)
    );
    let description = describe(project, &ms);
    let id = super::MILESTONES_ID;
    Chart::drawn(
        id,
        title,
        description,
        (W, height(ms.len())),
        ms.is_empty().then_some("No milestones"),
        |area, title| draw(area, &ms, as_of, title),
        DataTable {
            headers: vec![
                "Milestone".into(),
                "Name".into(),
                "Baseline due".into(),
                "Forecast".into(),
                "Done".into(),
                "Slip (days)".into(),
                "Status".into(),
            ],
            rows: ms
                .iter()
                .map(|m| {
                    vec![
                        m.id.clone(),
                        m.name.clone(),
                        date(m.due),
                        date(m.forecast),
                        date_opt(m.done),
                        m.slip_days.to_string(),
                        status(m),
                    ]
                })
                .collect(),
        },
    )
}

fn describe(p: &ProjectReport, ms: &[&MilestoneStatus]) -> String {
    if ms.is_empty() {
        return format!("{} has no milestones.", p.id);
    }
    let done = ms.iter().filter(|m| m.done.is_some()).count();
    let late = ms.iter().filter(|m| m.late).count();
    let upcoming = ms.iter().filter(|m| m.upcoming).count();
    let mut s = format!(
        "{}: {done} done, {late} late, {upcoming} due within 30 days.",
        plural(ms.len(), "milestone")
    );
    let worst = ms
        .iter()
        .max_by(|a, b| a.slip_days.cmp(&b.slip_days).then_with(|| b.id.cmp(&a.id)));
    match worst {
        Some(m) if m.slip_days > 0 => s.push_str(&format!(
            " Largest slip: {} {}, {} (due {}, {} {}).",
            m.id,
            m.name,
            plural(m.slip_days.unsigned_abs() as usize, "day"),
            date(m.due),
            if m.done.is_some() { "done" } else { "forecast" },
            date(m.done.unwrap_or(m.forecast))
        )),
        _ => s.push_str(" No milestone has slipped."),
    }
    s
}

fn draw(area: &Area, ms: &[&MilestoneStatus], as_of: NaiveDate, title: &str) -> DrawResult {
    let top = svg::header(
        area,
        title,
        W,
        &[
            (Mark::Square(INK), "baseline due"),
            (Mark::Triangle(BLUE), "forecast"),
            (Mark::Circle(GREEN), "done"),
            (Mark::Line(RED), "slip"),
        ],
    )?;
    let mut x0 = day(as_of);
    let mut x1 = x0;
    for m in ms {
        for d in [Some(m.due), Some(m.forecast), m.done].into_iter().flatten() {
            x0 = x0.min(day(d));
            x1 = x1.max(day(d));
        }
    }
    let pad = ((x1 - x0) / 12.0).max(7.0);
    let (x0, x1) = (x0 - pad, x1 + pad);
    let n = ms.len() as f64;
    let mut chart = ChartBuilder::on(area)
        .margin_top(64 + top)
        .margin_left(8)
        .margin_right(20)
        .margin_bottom(6)
        .x_label_area_size(44)
        .y_label_area_size(LEFT)
        .build_cartesian_2d(x0..x1, 0f64..n)?;
    svg::bare_axes(&mut chart, "Date", None)?;
    let from = NaiveDate::from_num_days_from_ce_opt(x0.round() as i32).unwrap_or(as_of);
    let to = NaiveDate::from_num_days_from_ce_opt(x1.round() as i32).unwrap_or(as_of);
    let tick_style = svg::anchored(svg::font(11.0), HPos::Center, VPos::Top);
    let count = axis::date_tick_count(
        chart.backend_coord(&(x0, 0.0)).0,
        chart.backend_coord(&(x1, 0.0)).0,
    );
    for t in axis::month_ticks(from, to, count) {
        let (px, py) = chart.backend_coord(&(day(t), 0.0));
        area.draw(&PathElement::new(vec![(px, py), (px, py + 5)], INK.mix(0.8)))?;
        svg::text(area, &date(t), (px, py + 7), &tick_style)?;
    }
    // As-of line.
    chart.draw_series(std::iter::once(PathElement::new(
        vec![(day(as_of), 0.0), (day(as_of), n)],
        DASH_INK,
    )))?;
    let (ax, ay) = chart.backend_coord(&(day(as_of), n));
    svg::text(
        area,
        &format!("as of {}", date(as_of)),
        (ax, ay - 2),
        &svg::anchored(svg::muted(10.0), HPos::Center, VPos::Bottom),
    )?;

    let name_chars = ((f64::from(LEFT) - 20.0) / svg::text_width("x", 12.0)) as usize;
    let name_style = svg::anchored(svg::font(12.0), HPos::Right, VPos::Center);
    let status_style = svg::font(11.0);
    let (plot_right, _) = chart.backend_coord(&(x1, 0.0));
    for (i, m) in ms.iter().enumerate() {
        let y = n - i as f64 - 0.5;
        let (lx, ly) = chart.backend_coord(&(x0, y));
        area.draw(&PathElement::new(
            vec![(lx, ly + ROW as i32 / 2), (plot_right, ly + ROW as i32 / 2)],
            INK.mix(0.08),
        ))?;
        svg::text(
            area,
            &svg::truncate(&format!("{} {}", m.id, m.name), name_chars),
            (lx - 8, ly),
            &name_style,
        )?;
        let actual = m.done.unwrap_or(m.forecast);
        let due = chart.backend_coord(&(day(m.due), y));
        let at = chart.backend_coord(&(day(actual), y));
        if m.slip_days != 0 {
            let c = if m.slip_days > 0 { RED } else { GREEN };
            area.draw(&PathElement::new(vec![due, at], c.stroke_width(3)))?;
        }
        svg::mark(area, Mark::Square(INK), due)?;
        let marker = if m.done.is_some() {
            Mark::Circle(GREEN)
        } else if m.slip_days > 0 || m.late {
            Mark::Triangle(ORANGE)
        } else {
            Mark::Triangle(BLUE)
        };
        svg::mark(area, marker, at)?;
        let label = status(m);
        let right = due.0.max(at.0) + 10;
        let left = due.0.min(at.0) - 10;
        let (x, h) = if right as f64 + svg::text_width(&label, 11.0) < plot_right as f64 {
            (right, HPos::Left)
        } else {
            (left, HPos::Right)
        };
        svg::text(
            area,
            &label,
            (x, ly),
            &svg::anchored(status_style.clone(), h, VPos::Center),
        )?;
    }
    Ok(())
}
