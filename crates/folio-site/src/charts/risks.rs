//! `risk_heatmap`: the open risks counted on a 5×5 grid of probability × impact, each cell
//! shaded by its level on the portfolio's risk scale (low, medium, high, severe), with the level
//! word and the count
//! written in the cell.

use chrono::NaiveDate;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::svg::{self, Area, DrawResult, Mark, GREEN, ORANGE, RED, YELLOW};
use super::{Chart, DataTable};
use crate::format::{date, plural};
use crate::report::RiskRecord;
use crate::report::{OpenClosed, RiskLevel, RiskLevels};

const W: u32 = 720;
const H: u32 = 500;

/// The level of a score (probability × impact, 1–25) on the portfolio's one risk scale, and
/// its colour.
fn band(score: u32, levels: &RiskLevels) -> (&'static str, RGBColor) {
    let level = levels.level(u8::try_from(score).unwrap_or(u8::MAX));
    let colour = match level {
        RiskLevel::Low => GREEN,
        RiskLevel::Medium => YELLOW,
        RiskLevel::High => ORANGE,
        RiskLevel::Severe => RED,
    };
    (level.as_str(), colour)
}

fn clamp(v: u8) -> usize {
    usize::from(v.clamp(1, 5))
}

/// Open risks per cell: `grid[probability - 1][impact - 1]`.
fn grid<'a>(open: &[&'a RiskRecord]) -> [[Vec<&'a RiskRecord>; 5]; 5] {
    let mut g: [[Vec<&RiskRecord>; 5]; 5] = Default::default();
    for r in open {
        g[clamp(r.probability) - 1][clamp(r.impact) - 1].push(r);
    }
    g
}

pub(super) fn chart(risks: &[RiskRecord], levels: &RiskLevels, as_of: NaiveDate) -> Chart {
    let open: Vec<&RiskRecord> = risks.iter().filter(|r| r.status == OpenClosed::Open).collect();
    let g = grid(&open);
    let title = format!("Open risks by probability and impact, as of {}", date(as_of));
    let description = describe(&open, risks.len() - open.len(), levels);
    let id = "risk-heatmap";
    let mut cells: Vec<(usize, usize)> = (1..=5)
        .flat_map(|p| (1..=5).map(move |i| (p, i)))
        .filter(|(p, i)| !g[p - 1][i - 1].is_empty())
        .collect();
    cells.sort_by_key(|&(p, i)| std::cmp::Reverse((p * i, p)));
    Chart::drawn(
        id,
        title,
        description,
        (W, H),
        None,
        |area, title| draw(area, &g, open.is_empty(), title, levels),
        DataTable {
            headers: vec![
                "Probability (1–5)".into(),
                "Impact (1–5)".into(),
                "Score".into(),
                "Band".into(),
                "Open risks".into(),
                "Risks".into(),
            ],
            rows: cells
                .into_iter()
                .map(|(p, i)| {
                    let rs = &g[p - 1][i - 1];
                    let mut ids: Vec<String> = rs.iter().take(8).map(|r| r.id.clone()).collect();
                    if rs.len() > 8 {
                        ids.push(format!("+{} more", rs.len() - 8));
                    }
                    vec![
                        p.to_string(),
                        i.to_string(),
                        (p * i).to_string(),
                        band((p * i) as u32, levels).0.into(),
                        rs.len().to_string(),
                        ids.join(", "),
                    ]
                })
                .collect(),
        },
    )
}

fn describe(open: &[&RiskRecord], closed: usize, levels: &RiskLevels) -> String {
    let closed = if closed > 0 {
        format!(" ({closed} closed not shown)")
    } else {
        String::new()
    };
    if open.is_empty() {
        return format!("No open risks{closed}.");
    }
    let in_band = |name: &str| {
        open.iter()
            .filter(|r| band((clamp(r.probability) * clamp(r.impact)) as u32, levels).0 == name)
            .count()
    };
    let top = open
        .iter()
        .max_by(|a, b| {
            (clamp(a.probability) * clamp(a.impact), clamp(a.probability))
                .cmp(&(clamp(b.probability) * clamp(b.impact), clamp(b.probability)))
                .then_with(|| b.id.cmp(&a.id))
        })
        .expect("not empty");
    format!(
        "{}{closed}: {} severe, {} high, {} medium, {} low. Highest: {} {} \
         (probability {}, impact {}, score {}).",
        plural(open.len(), "open risk"),
        in_band("severe"),
        in_band("high"),
        in_band("medium"),
        in_band("low"),
        top.id,
        top.title,
        clamp(top.probability),
        clamp(top.impact),
        clamp(top.probability) * clamp(top.impact)
    )
}

fn draw(
    area: &Area,
    g: &[[Vec<&RiskRecord>; 5]; 5],
    empty: bool,
    title: &str,
    levels: &RiskLevels,
) -> DrawResult {
    // The legend is the portfolio's one risk scale (`risk_levels`).
    let legend = levels.ranges().map(|(name, span)| format!("{name} {span}"));
    let top = svg::header(
        area,
        title,
        W,
        &[
            (Mark::Box(GREEN), legend[0].as_str()),
            (Mark::Box(YELLOW), legend[1].as_str()),
            (Mark::Box(ORANGE), legend[2].as_str()),
            (Mark::Box(RED), legend[3].as_str()),
        ],
    )?;
    svg::text(
        area,
        "score = probability × impact; number = open risks",
        (14, 64 + top),
        &svg::anchored(svg::muted(11.0), HPos::Left, VPos::Center),
    )?;
    let mut chart = ChartBuilder::on(area)
        .margin_top(80 + top)
        .margin_left(8)
        .margin_right(20)
        .margin_bottom(6)
        .x_label_area_size(50)
        .y_label_area_size(56)
        .build_cartesian_2d(0.5f64..5.5f64, 0.5f64..5.5f64)?;
    svg::bare_axes(
        &mut chart,
        "Impact (1 = minimal, 5 = severe)",
        Some("Probability (1 = rare, 5 = almost certain)"),
    )?;
    let tick = svg::font(12.0);
    for v in 1..=5 {
        let (px, py) = chart.backend_coord(&(f64::from(v), 0.5));
        svg::text(
            area,
            &v.to_string(),
            (px, py + 6),
            &svg::anchored(tick.clone(), HPos::Center, VPos::Top),
        )?;
        let (px, py) = chart.backend_coord(&(0.5, f64::from(v)));
        svg::text(
            area,
            &v.to_string(),
            (px - 8, py),
            &svg::anchored(tick.clone(), HPos::Right, VPos::Center),
        )?;
    }
    let count_style = svg::anchored(svg::bold(20.0), HPos::Center, VPos::Center);
    let band_style = svg::anchored(svg::muted(10.0), HPos::Left, VPos::Top);
    for p in 1..=5usize {
        for i in 1..=5usize {
            let (name, c) = band((p * i) as u32, levels);
            let n = g[p - 1][i - 1].len();
            let (x, y) = (i as f64, p as f64);
            let corners = [(x - 0.49, y - 0.49), (x + 0.49, y + 0.49)];
            chart.draw_series(std::iter::once(Rectangle::new(
                corners,
                c.mix(if n > 0 { 0.6 } else { 0.22 }).filled(),
            )))?;
            let (tx, ty) = chart.backend_coord(&(x - 0.45, y + 0.45));
            svg::text(area, &format!("{name} {}", p * i), (tx, ty), &band_style)?;
            if n > 0 {
                let (cx, cy) = chart.backend_coord(&(x, y));
                svg::text(area, &n.to_string(), (cx, cy + 4), &count_style)?;
            }
        }
    }
    if empty {
        let (cx, cy) = chart.backend_coord(&(3.0, 3.0));
        svg::note(area, "No open risks", (cx, cy))?;
    }
    Ok(())
}
