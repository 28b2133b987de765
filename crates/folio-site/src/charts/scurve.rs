//! `s_curve`: one project's planned value, earned value and actual cost over its update dates,
//! the budget (BAC) and estimate at completion (EAC) as horizontal references, and a dashed
//! forecast from the latest actual cost to the EAC at the forecast (or current) end date.

use chrono::NaiveDate;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::axis::{self, finite};
use super::svg::{self, Area, DrawResult, Mark, BLUE, DASH_INK, DASH_ORANGE, GREEN, INK, ORANGE, RED};
use super::{Chart, DataTable};
use crate::format::{date, date_opt, money, money_compact, pct, plural, ratio};
use crate::report::ProjectReport;

const W: u32 = 600;

/// Reads one series' value from a history point.
type Getter = fn(&crate::report::HistoryPoint) -> f64;
const H: u32 = 380;

/// A date as a plot coordinate (days since the common era).
fn day(d: NaiveDate) -> f64 {
    f64::from(chrono::Datelike::num_days_from_ce(&d))
}

fn from_day(n: f64) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(n.round() as i32)
}

pub(super) fn chart(project: &ProjectReport, as_of: NaiveDate, currency: &str) -> Chart {
    let title = format!(
        "Earned value S-curve of {} in {currency}, as of {}",
        project.name,
        date(as_of)
    );
    let description = describe(project, currency);
    let id = "s-curve";
    let m = |v: f64| money(v, currency);
    Chart::drawn(
        id,
        title,
        description,
        (W, H),
        project.history.is_empty().then_some("No status update yet"),
        |area, title| draw(area, project, as_of, currency, title),
        DataTable {
            headers: vec![
                "Date".into(),
                "Planned (%)".into(),
                "Complete (%)".into(),
                format!("PV ({currency})"),
                format!("EV ({currency})"),
                format!("AC ({currency})"),
                format!("EAC ({currency})"),
                "CPI (ratio)".into(),
                "SPI (ratio)".into(),
            ],
            rows: project
                .history
                .iter()
                .map(|h| {
                    vec![
                        date(h.date),
                        pct(Some(h.planned_percent)),
                        pct(Some(h.percent_complete)),
                        m(h.pv),
                        m(h.ev),
                        m(h.ac),
                        m(h.eac),
                        ratio(h.cpi),
                        ratio(h.spi),
                    ]
                })
                .collect(),
        },
    )
}

fn forecast_end(p: &ProjectReport) -> NaiveDate {
    p.forecast_end.unwrap_or(p.current_end)
}

fn describe(p: &ProjectReport, currency: &str) -> String {
    let Some(last) = p.history.last() else {
        return format!(
            "{} has no status update yet, so there is no earned value history.",
            p.id
        );
    };
    let m = |v: f64| money_compact(v, currency);
    format!(
        "{} from {} to {}. At the latest: planned value {}, earned value {}, actual cost {} \
         of a {} budget (BAC); CPI {}, SPI {}; estimate at completion {}, forecast finish {} \
         (baseline end {}).",
        plural(p.history.len(), "update"),
        date(p.history[0].date),
        date(last.date),
        m(last.pv),
        m(last.ev),
        m(last.ac),
        m(last.bac),
        ratio(last.cpi),
        ratio(last.spi),
        m(last.eac),
        date_opt(Some(forecast_end(p))),
        date(p.end),
    )
}

fn draw(area: &Area, p: &ProjectReport, as_of: NaiveDate, currency: &str, title: &str) -> DrawResult {
    svg::title(area, title, W)?;
    let top = svg::title_extra(title, W) as i32;
    let Some(last) = p.history.last() else {
        return Ok(());
    };
    svg::legend(
        area,
        &[
            (Mark::Circle(BLUE), "PV (planned)"),
            (Mark::Triangle(GREEN), "EV (earned)"),
            (Mark::Cross(RED), "AC (actual cost)"),
            (Mark::Line(ORANGE), "forecast"),
        ],
        (14, 44 + top),
    )?;
    let end = forecast_end(p);
    let mut x0 = day(p.start).min(day(p.history[0].date));
    let mut x1 = day(end)
        .max(day(p.current_end))
        .max(day(last.date))
        .max(day(as_of));
    let pad = ((x1 - x0) / 40.0).max(3.0);
    x0 -= pad;
    x1 += pad;
    // EAC: the latest update's, else the project's; none when neither is a number.
    let eac = Some(last.eac)
        .filter(|v| v.is_finite())
        .or(p.evm.eac.filter(|v| v.is_finite()));
    let bac = finite(last.bac);
    let hi = p
        .history
        .iter()
        .flat_map(|h| [h.pv, h.ev, h.ac, h.bac])
        .map(finite)
        .fold(eac.unwrap_or(0.0).max(bac), f64::max)
        .max(1.0)
        * 1.08;
    let (_, hi) = axis::value_range(0.0, hi);

    let mut chart = ChartBuilder::on(area)
        .margin_top(60 + top)
        .margin_left(8)
        .margin_right(84)
        .margin_bottom(6)
        .x_label_area_size(44)
        .y_label_area_size(svg::y_label_area(&money_compact(hi, currency)))
        .build_cartesian_2d(x0..x1, 0f64..hi)?;
    svg::house_mesh(
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(0)
            .y_labels(10)
            .y_label_formatter(&|v| money_compact(*v, currency))
            .x_desc("Date")
            .y_desc(format!("Cumulative cost ({currency})")),
        0.12,
        12.0,
    )
    .draw()?;
    let tick_style = svg::anchored(svg::font(11.0), HPos::Center, VPos::Top);
    let count = axis::date_tick_count(
        chart.backend_coord(&(x0, 0.0)).0,
        chart.backend_coord(&(x1, 0.0)).0,
    );
    for t in axis::month_ticks(
        from_day(x0).unwrap_or(p.start),
        from_day(x1).unwrap_or(end),
        count,
    ) {
        let (px, py) = chart.backend_coord(&(day(t), 0.0));
        area.draw(&PathElement::new(vec![(px, py), (px, py + 5)], INK.mix(0.8)))?;
        svg::text(area, &date(t), (px, py + 7), &tick_style)?;
    }

    // References: as-of date, BAC and EAC.
    let ref_style = svg::anchored(svg::font(11.0), HPos::Left, VPos::Center);
    let (ax, ay) = chart.backend_coord(&(day(as_of), hi));
    chart.draw_series(std::iter::once(PathElement::new(
        vec![(day(as_of), 0.0), (day(as_of), hi)],
        INK.mix(0.35).stroke_width(1),
    )))?;
    svg::text(
        area,
        &format!("as of {}", date(as_of)),
        (ax - 4, ay + 2),
        &svg::anchored(svg::muted(10.0), HPos::Right, VPos::Top),
    )?;
    let (_, top) = chart.backend_coord(&(x0, hi));
    let (_, bottom) = chart.backend_coord(&(x0, 0.0));
    // End labels (two groups: references at the right edge, series at the latest update).
    let mut labels: [Vec<(i32, usize)>; 2] = [Vec::new(), Vec::new()];
    let mut texts: Vec<(String, i32)> = Vec::new();
    let mut label_at = |group: usize, text: String, (px, py): (i32, i32)| {
        labels[group].push((py, texts.len()));
        texts.push((text, px));
    };
    chart.draw_series(std::iter::once(PathElement::new(
        vec![(x0, bac), (x1, bac)],
        DASH_INK.stroke_width(1),
    )))?;
    label_at(
        0,
        format!("BAC {}", money_compact(bac, currency)),
        chart.backend_coord(&(x1, bac)),
    );
    if let Some(eac) = eac {
        if (eac - bac).abs() > hi * 0.005 {
            chart.draw_series(std::iter::once(PathElement::new(
                vec![(x0, eac), (x1, eac)],
                ORANGE.mix(0.6).stroke_width(1),
            )))?;
        }
        label_at(
            0,
            format!("EAC {}", money_compact(eac, currency)),
            chart.backend_coord(&(x1, eac)),
        );
    }

    // Series.
    let series: [(&str, RGBColor, Getter); 3] = [
        ("PV", BLUE, |h| h.pv),
        ("EV", GREEN, |h| h.ev),
        ("AC", RED, |h| h.ac),
    ];
    let few = p.history.len() <= 60;
    for (name, c, get) in series {
        let pts: Vec<(f64, f64)> = p.history.iter().map(|h| (day(h.date), finite(get(h)))).collect();
        chart.draw_series(std::iter::once(PathElement::new(pts.clone(), c.stroke_width(2))))?;
        if few {
            for pt in &pts {
                let m = match name {
                    "PV" => Mark::Circle(c),
                    "EV" => Mark::Triangle(c),
                    _ => Mark::Cross(c),
                };
                svg::mark(area, m, chart.backend_coord(pt))?;
            }
        }
        let (px, py) = chart.backend_coord(&pts[pts.len() - 1]);
        label_at(1, name.to_owned(), (px + 8, py));
    }
    if let Some(eac) = eac.filter(|_| day(end) > day(last.date)) {
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(day(last.date), finite(last.ac)), (day(end), eac)],
            DASH_ORANGE.stroke_width(2),
        )))?;
    }
    for (group, mut ys) in labels.into_iter().enumerate() {
        axis::spread(&mut ys, 13, top, bottom);
        for (y, i) in ys {
            let (text, x) = &texts[i];
            svg::text(area, text, (x + if group == 0 { 4 } else { 0 }, y), &ref_style)?;
        }
    }
    Ok(())
}
