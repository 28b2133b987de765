//! Charts stage: computed figures to inline SVG (plotters, SVG backend, no font files), each
//! chart with a text alternative: a title, a one-sentence description and its data as a table.
//!
//! Charts only read the [`crate::report`] types; they never compute metrics themselves.

use chrono::NaiveDate;
use serde::Serialize;

use crate::report::{HealthCounts, ProjectReport, QuarterFigures, RiskRecord};

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

/// A small table: header cells and rows of already formatted cells.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DataTable {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Revenue by fiscal quarter: actual and forecast bars against the target.
pub fn revenue_by_quarter(quarters: &[QuarterFigures], as_of: NaiveDate, currency: &str) -> Chart {
    let _ = (quarters, as_of, currency);
    unimplemented!()
}

/// Projects by declared and computed health.
pub fn health_distribution(counts: &HealthCounts, as_of: NaiveDate) -> Chart {
    let _ = (counts, as_of);
    unimplemented!()
}

/// CPI against SPI, one point per project with an update.
pub fn cpi_vs_spi(projects: &[&ProjectReport], as_of: NaiveDate) -> Chart {
    let _ = (projects, as_of);
    unimplemented!()
}

/// S-curve of one project: PV, EV, AC over the update dates, plus the forecast (EAC) line.
pub fn s_curve(project: &ProjectReport, as_of: NaiveDate, currency: &str) -> Chart {
    let _ = (project, as_of, currency);
    unimplemented!()
}

/// Milestones of one project: baseline due date against forecast/done date.
pub fn milestone_timeline(project: &ProjectReport, as_of: NaiveDate) -> Chart {
    let _ = (project, as_of);
    unimplemented!()
}

/// 5×5 risk heat map (probability × impact) of the open risks.
pub fn risk_heatmap(risks: &[RiskRecord], as_of: NaiveDate) -> Chart {
    let _ = (risks, as_of);
    unimplemented!()
}
