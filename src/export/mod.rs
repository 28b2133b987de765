//! Export stage: the machine-readable files of a site (`portfolio.json`, `projects.csv`,
//! `feed.xml`, `milestones.ics`).

use crate::model::Portfolio;
use crate::report::Report;

/// Every export as (path relative to the output root, bytes).
pub fn export_all(
    portfolio: &Portfolio,
    report: &Report,
    base_url: &str,
) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let _ = portfolio;
    let _ = base_url;
    let mut json = serde_json::to_vec_pretty(report)?;
    json.push(b'\n');
    Ok(vec![("portfolio.json".to_string(), json)])
}
