//! Export stage: the machine-readable files of a site: `portfolio.json` (here), `projects.csv` and
//! `people.csv` ([`csv`]), `pipeline.csv` ([`pipeline_csv`]), `feed.xml` ([`feed`]),
//! `milestones.ics` ([`ics`]). The content JSON Schemas under `schemas/` are a function of the
//! content model, not of the report: the `folio` crate's `export` adds them.
//!
//! Exports only read the [`Report`] (the feed its update narratives); they never touch the
//! clock, so the same input always gives the same bytes.

pub mod csv;
pub mod feed;
pub mod ics;
pub mod pipeline_csv;

use crate::report::Report;

/// Every export as (path relative to the output root, bytes).
pub fn export_all(report: &Report, base_url: &str) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let mut json = serde_json::to_vec_pretty(report)?;
    json.push(b'\n');
    let files = vec![
        ("portfolio.json".to_string(), json),
        ("projects.csv".to_string(), csv::projects_csv(report)?),
        ("pipeline.csv".to_string(), pipeline_csv::pipeline_csv(report)?),
        ("people.csv".to_string(), csv::people_csv(report)?),
        (
            "feed.xml".to_string(),
            feed::atom_feed(report, base_url).into_bytes(),
        ),
        (
            "milestones.ics".to_string(),
            ics::milestones_ics(report, base_url).into_bytes(),
        ),
    ];
    Ok(files)
}

/// The paths of the files [`export_all`] writes, known without computing them (`folio serve`
/// computes the exports only when one of them is asked for).
pub fn file_names() -> Vec<String> {
    [
        "portfolio.json",
        "projects.csv",
        "pipeline.csv",
        "people.csv",
        "feed.xml",
        "milestones.ics",
    ]
    .map(str::to_string)
    .into()
}

/// Absolute URL of a project's page: `{base_url}projects/<id>/index.html`.
pub fn project_url(base_url: &str, project_id: &str) -> String {
    format!(
        "{}projects/{project_id}/index.html",
        crate::settings::with_slash(base_url)
    )
}

/// The display title of the portfolio: `portfolio.yaml`'s `title`.
pub(crate) fn title(report: &Report) -> &str {
    &report.site.title
}
