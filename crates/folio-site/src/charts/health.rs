//! `health_distribution`: projects per health colour, declared next to computed (grouped bars),
//! each bar labelled with its count and each group with the colour's word.

use chrono::NaiveDate;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::svg::{self, Area, DrawResult, Mark, GREEN, GREY, ORANGE, RED};
use super::{Chart, DataTable};
use crate::format::{date, plural};
use crate::report::{Health, HealthCounts};

const W: u32 = 600;
const H: u32 = 350;

/// The chart colour of a health value (status is never shown by colour alone).
pub(super) fn colour(h: Health) -> RGBColor {
    match h {
        Health::Green => GREEN,
        Health::Amber => ORANGE,
        Health::Red => RED,
        Health::Unknown => GREY,
    }
}

fn count(map: &std::collections::BTreeMap<Health, usize>, h: Health) -> usize {
    map.get(&h).copied().unwrap_or(0)
}

pub(super) fn chart(counts: &HealthCounts, as_of: NaiveDate) -> Chart {
    let title = format!("Project health: declared vs computed, as of {}", date(as_of));
    let description = describe(counts);
    let id = "health-distribution";
    let any = Health::ALL
        .iter()
        .any(|h| count(&counts.declared, *h) + count(&counts.computed, *h) > 0);
    Chart::drawn(
        id,
        title,
        description,
        (W, H),
        (!any).then_some("No projects yet"),
        |area, title| draw(area, counts, title),
        DataTable {
            headers: vec![
                "Health".into(),
                "Declared (projects)".into(),
                "Computed (projects)".into(),
            ],
            rows: Health::ALL
                .iter()
                .map(|h| {
                    vec![
                        h.as_str().into(),
                        count(&counts.declared, *h).to_string(),
                        count(&counts.computed, *h).to_string(),
                    ]
                })
                .collect(),
        },
    )
}

fn describe(counts: &HealthCounts) -> String {
    let list = |map| {
        Health::ALL
            .iter()
            .map(|h| format!("{} {}", count(map, *h), h.as_str()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let total: usize = counts.declared.values().sum();
    if total == 0 && counts.computed.values().sum::<usize>() == 0 {
        return "No projects yet.".into();
    }
    format!(
        "{}. Declared: {}. Computed: {}. {} (declared green, computed red); {} stale.",
        plural(total, "project"),
        list(&counts.declared),
        list(&counts.computed),
        plural(counts.watermelons, "watermelon"),
        counts.stale
    )
}

fn draw(area: &Area, counts: &HealthCounts, title: &str) -> DrawResult {
    let max = Health::ALL
        .iter()
        .map(|h| count(&counts.declared, *h).max(count(&counts.computed, *h)))
        .max()
        .unwrap_or(0);
    let top = svg::header(
        area,
        title,
        W,
        &[
            (Mark::Box(colour(Health::Green)), "declared (solid bar)"),
            (
                Mark::Outlined(colour(Health::Green)),
                "computed (light bar, outlined)",
            ),
        ],
    )?;
    let hi = (max as f64 * 1.15).max(max as f64 + 1.0);
    let mut chart = ChartBuilder::on(area)
        .margin_top(60 + top)
        .margin_left(8)
        .margin_right(16)
        .margin_bottom(6)
        .x_label_area_size(58)
        .y_label_area_size(60)
        .build_cartesian_2d(-0.5f64..3.5f64, 0f64..hi)?;
    svg::house_mesh(
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(0)
            .y_labels(6)
            .y_label_formatter(&super::axis::whole_count)
            .y_desc("Projects (count)")
            .x_desc("Health"),
        0.15,
        12.0,
    )
    .draw()?;

    let value_style = svg::anchored(svg::bold(12.0), HPos::Center, VPos::Bottom);
    let small = svg::anchored(svg::muted(10.0), HPos::Center, VPos::Top);
    let word = svg::anchored(svg::bold(13.0), HPos::Center, VPos::Top);
    for (i, h) in Health::ALL.iter().enumerate() {
        let c = colour(*h);
        let x = i as f64;
        for (offset, n, declared) in [
            (-0.23, count(&counts.declared, *h), true),
            (0.23, count(&counts.computed, *h), false),
        ] {
            let (x0, x1) = (x + offset - 0.19, x + offset + 0.19);
            let corners = [(x0, 0.0), (x1, n as f64)];
            if declared {
                chart.draw_series(std::iter::once(Rectangle::new(corners, c.filled())))?;
            } else {
                chart.draw_series(std::iter::once(Rectangle::new(corners, c.mix(0.3).filled())))?;
                chart.draw_series(std::iter::once(Rectangle::new(corners, c.stroke_width(2))))?;
            }
            let (px, py) = chart.backend_coord(&(x + offset, n as f64));
            svg::text(area, &n.to_string(), (px, py - 3), &value_style)?;
            let (px, py) = chart.backend_coord(&(x + offset, 0.0));
            svg::text(
                area,
                if declared { "declared" } else { "computed" },
                (px, py + 5),
                &small,
            )?;
        }
        let (px, py) = chart.backend_coord(&(x, 0.0));
        svg::text(area, h.as_str(), (px, py + 20), &word)?;
    }
    Ok(())
}
