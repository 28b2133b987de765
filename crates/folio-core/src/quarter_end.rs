//! The `quarter-end-update` warning: in the last 14 days of the current quarter, every project
//! the metrics judged to need a quarter-end update (`ProjectReport::needs_quarter_end_update`)
//! is named at its latest update (its `project.yaml` without one), with the date an update must
//! carry for what the project earns in the quarter to be booked there.

use chrono::{Days, NaiveDate};

use crate::diagnostics::Diagnostic;
use crate::model::Portfolio;
use crate::report::Report;

/// One warning per project that needs a quarter-end update, by project id.
pub fn warnings(portfolio: &Portfolio, report: &Report) -> Vec<Diagnostic> {
    let Some(quarter) = report
        .portfolio
        .quarters
        .iter()
        .find(|q| q.label == report.fiscal.quarter)
    else {
        return Vec::new();
    };
    let end = quarter.end;
    let from = end.checked_sub_days(Days::new(6)).unwrap_or(NaiveDate::MIN);
    report
        .projects
        .iter()
        .filter(|p| p.needs_quarter_end_update)
        .filter_map(|p| {
            let project = portfolio.projects.iter().find(|m| m.id == p.id)?;
            let file = project
                .updates
                .iter()
                .rfind(|u| Some(u.date) == p.latest_update)
                .map_or_else(|| project.path.clone(), |u| u.path.clone());
            let latest = p
                .latest_update
                .map_or_else(|| "no update yet".to_string(), |d| format!("latest update {d}"));
            Some(
                Diagnostic::warning(
                    "quarter-end-update",
                    file,
                    1,
                    1,
                    format!(
                        "{} needs a quarter-end update: {} ends on {end}",
                        p.name, quarter.label
                    ),
                )
                .found(latest)
                .expected(format!("an update dated {from} to {end}"))
                .hint(format!(
                    "revenue is booked in the quarter of the update that reports it: add `folio new update {} --date {}` or later in the quarter, or what {} earns by {end} falls into the next quarter",
                    p.id,
                    from.max(report.as_of),
                    p.name
                )),
            )
        })
        .collect()
}
