//! Export stage: the machine-readable files of a site: `portfolio.json` (here), `projects.csv`
//! ([`csv`]), `feed.xml` ([`feed`]), `milestones.ics` ([`ics`]) and the content JSON Schemas
//! under `schemas/` (from [`crate::schema`], so editors can point at the published site).
//!
//! Exports only read the [`Report`] (and, for the feed, the update narratives of the
//! [`Portfolio`]); they never touch the clock, so the same input always gives the same bytes.

pub mod csv;
pub mod feed;
pub mod ics;

use crate::model::Portfolio;
use crate::report::Report;
use crate::schema::SchemaKind;

/// Every export as (path relative to the output root, bytes).
pub fn export_all(
    portfolio: &Portfolio,
    report: &Report,
    base_url: &str,
) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let mut json = serde_json::to_vec_pretty(report)?;
    json.push(b'\n');
    let mut files = vec![
        ("portfolio.json".to_string(), json),
        ("projects.csv".to_string(), csv::projects_csv(report)?),
        (
            "feed.xml".to_string(),
            feed::atom_feed(portfolio, report, base_url).into_bytes(),
        ),
        (
            "milestones.ics".to_string(),
            ics::milestones_ics(portfolio, report, base_url).into_bytes(),
        ),
    ];
    for kind in SchemaKind::ALL {
        files.push((
            format!("schemas/{}", kind.file_name()),
            crate::schema::schema(kind).into_bytes(),
        ));
    }
    Ok(files)
}

/// Absolute URL of a project's page: `{base_url}projects/<id>/index.html`.
pub fn project_url(base_url: &str, project_id: &str) -> String {
    format!("{}projects/{project_id}/index.html", crate::with_slash(base_url))
}

/// The display title of the portfolio: `portfolio.yaml`'s `title`.
pub(crate) fn title(portfolio: &Portfolio) -> &str {
    &portfolio.config.title
}
