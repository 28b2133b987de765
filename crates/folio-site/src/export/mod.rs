//! Export stage: the machine-readable files of a site: `portfolio.json` (here), `projects.csv` and
//! `people.csv` ([`csv`]), `pipeline.csv` ([`pipeline_csv`]), `feed.xml` ([`feed`]),
//! `milestones.ics` ([`ics`]) and the content JSON Schemas
//! under `schemas/` (from [`crate::schema`], so editors can point at the published site).
//!
//! Exports only read the [`Report`] (the feed its update narratives); they never touch the
//! clock, so the same input always gives the same bytes.

pub mod csv;
pub mod feed;
pub mod ics;
pub mod pipeline_csv;

use crate::report::Report;
use crate::schema::SchemaKind;

/// Every export as (path relative to the output root, bytes).
pub fn export_all(report: &Report, base_url: &str) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let mut json = serde_json::to_vec_pretty(report)?;
    json.push(b'\n');
    let mut files = vec![
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
    for kind in SchemaKind::ALL {
        files.push((
            format!("schemas/{}", kind.file_name()),
            crate::schema::schema(kind).into_bytes(),
        ));
    }
    Ok(files)
}

/// The paths of the files [`export_all`] writes, known without computing them (`folio serve`
/// computes the exports only when one of them is asked for).
pub fn file_names() -> Vec<String> {
    let mut names: Vec<String> = [
        "portfolio.json",
        "projects.csv",
        "pipeline.csv",
        "people.csv",
        "feed.xml",
        "milestones.ics",
    ]
    .map(str::to_string)
    .into();
    names.extend(
        SchemaKind::ALL
            .iter()
            .map(|k| format!("schemas/{}", k.file_name())),
    );
    names
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

#[cfg(test)]
mod tests {
    #[test]
    fn file_names_are_the_files_export_all_writes() {
        let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let loaded = crate::load::load(&content).expect("bundled content loads");
        let report = crate::metrics::compute(
            &loaded.portfolio,
            chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
        );
        let written: Vec<String> = super::export_all(&report, "/")
            .unwrap()
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        assert_eq!(written, super::file_names());
    }
}
