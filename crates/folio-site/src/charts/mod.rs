//! Charts stage: computed figures to inline SVG (plotters, SVG backend, no font files), each
//! chart with a text alternative: a title, a one-sentence description and its data as a table.
//!
//! Charts only read the [`crate::report`] types; they never compute metrics themselves. One
//! submodule per chart; [`axis`] lays out ticks and labels, [`svg`] holds the shared canvas,
//! palette and post-processing; numbers and dates read as on the pages ([`crate::format`]).

mod axis;
mod health;
mod labels;
mod milestones;
mod pipeline;
mod revenue;
mod risks;
mod scatter;
mod scurve;
mod svg;
mod trend;
mod utilization;

use chrono::NaiveDate;
use serde::Serialize;

use crate::report::RiskLevels;
use crate::report::{HealthCounts, ProjectReport, QuarterFigures, RiskRecord, TrendPoint, WeekUtilization};

/// A rendered chart and its text alternative.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chart {
    /// Stable id, unique on a page (used for `aria-labelledby`), e.g. `revenue-by-quarter`.
    pub id: String,
    /// What the chart shows, including the as-of date.
    pub title: String,
    /// One or two sentences a screen-reader user gets instead of the picture.
    pub description: String,
    /// The `<svg>` element, ready to inline (no XML declaration, no scripts).
    pub svg: String,
    /// The data behind the chart.
    pub table: DataTable,
}

impl Chart {
    /// A chart with its text alternative: `draw` (given the title) on a canvas of `size`, or,
    /// when `empty` gives a reason there is nothing to draw, the empty chart saying so.
    fn drawn(
        id: &str,
        title: String,
        description: String,
        size: (u32, u32),
        empty: Option<&str>,
        draw: impl FnOnce(&svg::Area, &str) -> svg::DrawResult,
        table: DataTable,
    ) -> Chart {
        let svg = svg::draw_or_empty(id, &title, &description, size, empty, |area| draw(area, &title));
        Chart {
            id: id.into(),
            svg,
            title,
            description,
            table,
        }
    }

    /// The same chart under another id (e.g. two charts of one kind on a page): the `<title>`,
    /// `<desc>` ids and `aria-labelledby` inside the SVG follow.
    pub fn with_id(mut self, id: &str) -> Chart {
        let old = svg::safe_id(&self.id);
        let new = svg::safe_id(id);
        for suffix in ["-title", "-desc"] {
            self.svg = self.svg.replacen(
                &format!("id=\"{old}{suffix}\""),
                &format!("id=\"{new}{suffix}\""),
                1,
            );
        }
        self.svg = self
            .svg
            .replacen(
                &format!("aria-labelledby=\"{old}-title {old}-desc\""),
                &format!("aria-labelledby=\"{new}-title {new}-desc\""),
                1,
            )
            .replacen(
                &format!("data-chart=\"{old}\""),
                &format!("data-chart=\"{new}\""),
                1,
            );
        self.id = new;
        self
    }
}

/// A small table: header cells and rows of already formatted cells. Serialized with its
/// `html` too (the `<table>` element: the first column row headers, the others numbers), which
/// the default theme prints as it is: looping over hundreds of cells per chart in a template
/// cost a large part of a big site's render time.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DataTable {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl DataTable {
    /// The table as HTML, text escaped.
    pub fn html(&self) -> String {
        use crate::markup::escape;
        let cells: usize = self.rows.iter().map(Vec::len).sum();
        let mut out = String::with_capacity(64 + 32 * (self.headers.len() + cells));
        out.push_str("<table>\n<thead><tr>");
        for (i, h) in self.headers.iter().enumerate() {
            out.push_str(if i == 0 {
                "<th scope=\"col\">"
            } else {
                "<th scope=\"col\" class=\"num\">"
            });
            out.push_str(&escape(h));
            out.push_str("</th>");
        }
        out.push_str("</tr></thead>\n<tbody>");
        for row in &self.rows {
            out.push_str("\n<tr>");
            for (i, v) in row.iter().enumerate() {
                let (open, close) = if i == 0 {
                    ("<th scope=\"row\">", "</th>")
                } else {
                    ("<td class=\"num\">", "</td>")
                };
                out.push_str(open);
                out.push_str(&escape(v));
                out.push_str(close);
            }
            out.push_str("</tr>");
        }
        out.push_str("\n</tbody>\n</table>");
        out
    }
}

impl Serialize for DataTable {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("DataTable", 3)?;
        st.serialize_field("headers", &self.headers)?;
        st.serialize_field("rows", &self.rows)?;
        st.serialize_field("html", &self.html())?;
        st.end()
    }
}

/// Revenue by fiscal quarter: actual and forecast bars against the target.
pub fn revenue_by_quarter(quarters: &[QuarterFigures], as_of: NaiveDate, currency: &str) -> Chart {
    revenue::chart(quarters, as_of, currency)
}

pub use pipeline::CoverageQuarter;

/// The coming quarters' booked work and open pipeline against their targets, with coverage.
pub fn pipeline_coverage(quarters: &[CoverageQuarter], as_of: NaiveDate, currency: &str) -> Chart {
    pipeline::coverage(quarters, as_of, currency)
}

/// A quarter's bridge (waterfall) from its target to the gap left.
pub fn quarter_bridge(bridge: &crate::report::QuarterBridge, as_of: NaiveDate, currency: &str) -> Chart {
    pipeline::bridge(bridge, as_of, currency)
}

/// Projects by declared and computed health.
pub fn health_distribution(counts: &HealthCounts, as_of: NaiveDate) -> Chart {
    health::chart(counts, as_of)
}

/// CPI against SPI, one point per project with an update.
pub fn cpi_vs_spi(projects: &[&ProjectReport], as_of: NaiveDate) -> Chart {
    scatter::chart(projects, as_of)
}

/// S-curve of one project: PV, EV, AC over the update dates, plus the forecast (EAC) line.
pub fn s_curve(project: &ProjectReport, as_of: NaiveDate, currency: &str) -> Chart {
    scurve::chart(project, as_of, currency)
}

/// The id of the milestone chart (its SVG's `data-chart` and the ids inside it).
pub const MILESTONES_ID: &str = "milestones";

/// Milestones of one project: baseline due date against forecast/done date.
pub fn milestone_timeline(project: &ProjectReport, as_of: NaiveDate) -> Chart {
    milestones::chart(project, as_of)
}

/// 5×5 risk heat map (probability × impact) of the open risks, shaded by `levels`.
pub fn risk_heatmap(risks: &[RiskRecord], levels: &RiskLevels, as_of: NaiveDate) -> Chart {
    risks::chart(risks, levels, as_of)
}

/// The current quarter's projected attainment and the computed health counts, week by week.
pub fn trend(points: &[TrendPoint], quarter: &str, as_of: NaiveDate, currency: &str) -> Chart {
    trend::chart(points, quarter, as_of, currency)
}

/// The people's utilization, week by week over the last 13 weeks, against the target (percent).
pub fn utilization(weeks: &[WeekUtilization], target: f64, as_of: NaiveDate) -> Chart {
    utilization::chart(weeks, target, as_of)
}

#[cfg(test)]
mod tests {
    use super::DataTable;

    #[test]
    fn a_data_table_is_html_with_row_headers_numbers_and_escaped_text() {
        let t = DataTable {
            headers: vec!["Week".into(), "A & B".into()],
            rows: vec![vec!["<w1>".into(), "1".into()], vec!["w2".into(), "\"2\"".into()]],
        };
        assert_eq!(
            t.html(),
            "<table>\n<thead><tr><th scope=\"col\">Week</th><th scope=\"col\" class=\"num\">A &amp; B</th></tr></thead>\n<tbody>\n<tr><th scope=\"row\">&lt;w1&gt;</th><td class=\"num\">1</td></tr>\n<tr><th scope=\"row\">w2</th><td class=\"num\">&quot;2&quot;</td></tr>\n</tbody>\n</table>"
        );
        let json = serde_json::to_value(&t).unwrap();
        assert_eq!(json["html"], t.html());
        assert_eq!(json["rows"][1][0], "w2");
    }
}
