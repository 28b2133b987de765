//! `cpi_vs_spi`: one point per project with both ratios, shape and colour by computed health,
//! dashed 1.00 reference lines, worded quadrants and every point labelled with a short name
//! (placed by [`super::labels`]).

use chrono::NaiveDate;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::health::colour;
use super::svg::{self, Area, DrawResult, Mark, DASH_INK, INK};
use super::{labels, Chart, DataTable};
use crate::format::{date, plural, ratio};
use crate::report::{Health, ProjectReport};

const W: u32 = 760;
const H: u32 = 500;

struct Point<'a> {
    p: &'a ProjectReport,
    spi: f64,
    cpi: f64,
}

impl Point<'_> {
    fn worst(&self) -> f64 {
        self.cpi.min(self.spi)
    }
}

pub(super) fn chart(projects: &[&ProjectReport], as_of: NaiveDate) -> Chart {
    let mut points: Vec<Point> = projects
        .iter()
        .filter_map(|p| match (p.evm.cpi, p.evm.spi) {
            (Some(cpi), Some(spi)) if cpi.is_finite() && spi.is_finite() => Some(Point { p, spi, cpi }),
            _ => None,
        })
        .collect();
    points.sort_by(|a, b| a.p.id.cmp(&b.p.id));
    let missing = projects.len() - points.len();
    let title = format!(
        "Cost vs schedule performance per project (CPI vs SPI), as of {}",
        date(as_of)
    );
    let description = describe(&points, missing);
    let id = "cpi-vs-spi";
    Chart::drawn(
        id,
        title,
        description,
        (W, H),
        points.is_empty().then_some("No CPI/SPI data yet"),
        |area, title| draw(area, &points, title),
        DataTable {
            headers: vec![
                "Project".into(),
                "Name".into(),
                "CPI (ratio)".into(),
                "SPI (ratio)".into(),
                "Computed health".into(),
            ],
            rows: points
                .iter()
                .map(|pt| {
                    vec![
                        pt.p.id.clone(),
                        pt.p.name.clone(),
                        ratio(Some(pt.cpi)),
                        ratio(Some(pt.spi)),
                        pt.p.health.computed.as_str().into(),
                    ]
                })
                .collect(),
        },
    )
}

/// A short readable name per project id: the part of the name before " — " (usually the
/// customer) when no other plotted project shares it, else the name cut to 28 characters.
fn short_names(points: &[Point]) -> std::collections::HashMap<String, String> {
    let head = |name: &str| name.split(" — ").next().unwrap_or(name).trim().to_string();
    let heads: Vec<String> = points.iter().map(|p| head(&p.p.name)).collect();
    let mut uses: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for h in &heads {
        *uses.entry(h.as_str()).or_default() += 1;
    }
    points
        .iter()
        .zip(&heads)
        .map(|(p, h)| {
            let unique = uses[h.as_str()] == 1;
            let name = if unique && !h.is_empty() && h.chars().count() <= 28 {
                h.clone()
            } else {
                svg::truncate(&p.p.name, 28)
            };
            (p.p.id.clone(), name)
        })
        .collect()
}

/// Points sorted worst first (lowest of CPI and SPI), ties by id.
fn worst_first<'a, 'b>(points: &'b [Point<'a>]) -> Vec<&'b Point<'a>> {
    let mut v: Vec<&Point> = points.iter().collect();
    v.sort_by(|a, b| a.worst().total_cmp(&b.worst()).then_with(|| a.p.id.cmp(&b.p.id)));
    v
}

fn describe(points: &[Point], missing: usize) -> String {
    let skipped = if missing > 0 {
        format!(
            " {} without both ratios {} not shown.",
            plural(missing, "project"),
            if missing == 1 { "is" } else { "are" }
        )
    } else {
        String::new()
    };
    if points.is_empty() {
        return format!("No project has both a CPI and an SPI yet.{skipped}");
    }
    let quad = |cpi_ok: bool, spi_ok: bool| {
        points
            .iter()
            .filter(|p| (p.cpi >= 1.0) == cpi_ok && (p.spi >= 1.0) == spi_ok)
            .count()
    };
    let worst = worst_first(points)[0];
    format!(
        "{} plotted, CPI against SPI: {} on or under budget and on or ahead of schedule, \
         {} over budget only, {} behind schedule only, {} over budget and behind schedule. \
         Lowest: {} (CPI {}, SPI {}).{skipped}",
        plural(points.len(), "project"),
        quad(true, true),
        quad(false, true),
        quad(true, false),
        quad(false, false),
        worst.p.name,
        ratio(Some(worst.cpi)),
        ratio(Some(worst.spi)),
    )
}

/// Most labels drawn on one scatter (a portfolio of thousands would be all ink).
const MAX_LABELS: usize = 60;

/// Ratios beyond this are drawn at the edge of the plot (and labelled with their value), so one
/// project with a tiny actual cost cannot squash all others into a corner.
const CAP: f64 = 3.0;

/// Where a point is drawn: (SPI, CPI) clamped to `[0, CAP]`.
fn shown(p: &Point) -> (f64, f64) {
    (p.spi.clamp(0.0, CAP), p.cpi.clamp(0.0, CAP))
}

/// An axis range covering every (clamped) value, 1.00 and at least 0.80–1.20.
fn range(values: impl Iterator<Item = f64>, pad: f64) -> (f64, f64) {
    let (mut lo, mut hi) = (0.8f64, 1.2f64);
    for v in values {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    let pad = (hi - lo) * pad;
    ((lo - pad).max(0.0), hi + pad)
}

fn draw_point(area: &Area, pt: &Point, at: (i32, i32)) -> DrawResult {
    let c = colour(pt.p.health.computed);
    let m = match pt.p.health.computed {
        Health::Green => Mark::Circle(c),
        Health::Amber => Mark::Triangle(c),
        Health::Red => Mark::Cross(c),
        Health::Unknown => Mark::Square(c),
    };
    svg::mark(area, m, at)
}

fn draw(area: &Area, points: &[Point], title: &str) -> DrawResult {
    let top = svg::header(
        area,
        title,
        W,
        &[
            (Mark::Circle(colour(Health::Green)), "green"),
            (Mark::Triangle(colour(Health::Amber)), "amber"),
            (Mark::Cross(colour(Health::Red)), "red"),
            (Mark::Square(colour(Health::Unknown)), "unknown"),
        ],
    )?;
    svg::text(
        area,
        if points.iter().any(|p| shown(p) != (p.spi, p.cpi)) {
            "computed health; dashed: 1.00; beyond 3.00 drawn at the edge"
        } else {
            "computed health; dashed lines: 1.00"
        },
        (W as i32 - 16, 44 + top),
        &svg::anchored(svg::muted(11.0), HPos::Right, VPos::Center),
    )?;
    // The CPI axis gets a wider margin: the quadrant captions sit in it, clear of the points.
    let (x0, x1) = range(points.iter().map(|p| shown(p).0), 0.06);
    let (y0, y1) = range(points.iter().map(|p| shown(p).1), 0.12);
    let mut chart = ChartBuilder::on(area)
        .margin_top(60 + top)
        .margin_left(8)
        .margin_right(20)
        .margin_bottom(6)
        .x_label_area_size(44)
        .y_label_area_size(64)
        .build_cartesian_2d(x0..x1, y0..y1)?;
    svg::house_mesh(
        chart
            .configure_mesh()
            .x_labels(8)
            .y_labels(8)
            .x_label_formatter(&|v| format!("{v:.2}"))
            .y_label_formatter(&|v| format!("{v:.2}"))
            .x_desc("SPI (ratio: earned value / planned value)")
            .y_desc("CPI (ratio: earned value / actual cost)"),
        0.12,
        12.0,
    )
    .draw()?;
    chart.draw_series(std::iter::once(PathElement::new(
        vec![(1.0, y0), (1.0, y1)],
        DASH_INK.stroke_width(1),
    )))?;
    chart.draw_series(std::iter::once(PathElement::new(
        vec![(x0, 1.0), (x1, 1.0)],
        DASH_INK.stroke_width(1),
    )))?;

    // Quadrant labels; their boxes are kept free of point labels.
    let mut placed: Vec<(i32, i32, i32, i32)> = Vec::new();
    let q = svg::muted(11.0);
    for (x, y, h, v, label) in [
        (x0, y0, HPos::Left, VPos::Bottom, "over budget, behind schedule"),
        (
            x1,
            y0,
            HPos::Right,
            VPos::Bottom,
            "over budget, ahead of schedule",
        ),
        (x0, y1, HPos::Left, VPos::Top, "under budget, behind schedule"),
        (x1, y1, HPos::Right, VPos::Top, "under budget, ahead of schedule"),
    ] {
        let (px, py) = chart.backend_coord(&(x, y));
        let (dx, dy) = (
            if matches!(h, HPos::Left) { 6 } else { -6 },
            if matches!(v, VPos::Top) { 6 } else { -6 },
        );
        let w = svg::text_width(label, 11.0) as i32;
        let (bx, by) = (
            if dx > 0 { px + dx } else { px + dx - w },
            if dy > 0 { py + dy } else { py + dy - 14 },
        );
        placed.push((bx, by, bx + w, by + 14));
        svg::text(area, label, (px + dx, py + dy), &svg::anchored(q.clone(), h, v))?;
    }

    // Identical markers at the same pixel add nothing but bytes (2,000 projects).
    let mut drawn = std::collections::HashSet::new();
    for pt in points {
        let at = chart.backend_coord(&shown(pt));
        if drawn.insert((at, pt.p.health.computed)) {
            draw_point(area, pt, at)?;
        }
    }

    // Every point gets a label with a readable name (worst first, so the projects that matter
    // most get the closest spots); a point drawn at the edge also shows its true values. Labels
    // never cover each other, a marker or a quadrant caption.
    for pt in points {
        let (x, y) = chart.backend_coord(&shown(pt));
        placed.push((x - 6, y - 6, x + 6, y + 6));
    }
    // Beyond MAX_LABELS points the worst ones are labelled; the data table lists them all.
    let order: Vec<&Point> = worst_first(points).into_iter().take(MAX_LABELS).collect();
    let names = short_names(points);
    let texts: Vec<String> = order
        .iter()
        .map(|p| {
            let name = &names[&p.p.id];
            if shown(p) != (p.spi, p.cpi) {
                format!("{name} (CPI {}, SPI {})", ratio(Some(p.cpi)), ratio(Some(p.spi)))
            } else {
                name.clone()
            }
        })
        .collect();
    let items: Vec<((i32, i32), i32, i32)> = order
        .iter()
        .zip(&texts)
        .map(|(p, t)| {
            (
                chart.backend_coord(&shown(p)),
                svg::text_width(t, 11.0) as i32 + 2,
                14,
            )
        })
        .collect();
    let (left, top) = chart.backend_coord(&(x0, y1));
    let (right, bottom) = chart.backend_coord(&(x1, y0));
    let style = svg::anchored(svg::bold(11.0), HPos::Left, VPos::Center);
    for ((item, text), spot) in
        items
            .iter()
            .zip(&texts)
            .zip(labels::place(&items, &placed, (left, top, right, bottom)))
    {
        let Some(spot) = spot else { continue };
        if let Some(end) = spot.leader_to {
            area.draw(&PathElement::new(
                vec![item.0, end],
                INK.mix(0.45).stroke_width(1),
            ))?;
        }
        svg::text(area, text, (spot.rect.0, spot.rect.1 + 7), &style)?;
    }
    Ok(())
}
