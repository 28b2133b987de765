//! `pipeline.csv`: one row per opportunity (every status), with the counted dates and the
//! weighted amount; written by the same CSV rules as `projects.csv` ([`super::csv`]: quoted
//! text, unrounded numbers, formula-neutralized text cells).

use super::csv::{writer, Cell};
use crate::report::{OpportunityReport, Report};

/// Column names, in order.
pub const COLUMNS: &[&str] = &[
    "id",
    "name",
    "customer",
    "account",
    "region",
    "owner",
    "stage",
    "status",
    "amount",
    "probability",
    "weighted",
    "start",
    "end",
    "slid_from",
    "project",
];

/// The cells of one opportunity's row, in [`COLUMNS`] order.
pub fn row(o: &OpportunityReport) -> Vec<Cell> {
    let text = |s: &str| Cell::Text(s.to_string());
    let status = match o.status {
        crate::report::OpportunityStatus::Open => "open",
        crate::report::OpportunityStatus::Unlikely => "unlikely",
        crate::report::OpportunityStatus::Won => "won",
    };
    vec![
        text(&o.id),
        text(&o.name),
        text(&o.customer),
        text(&o.account),
        Cell::OptText(o.region.clone()),
        Cell::OptText(o.owner.clone()),
        Cell::OptText(o.stage.clone()),
        text(status),
        Cell::Num(Some(o.amount)),
        Cell::Num(Some(o.probability)),
        Cell::Num(Some(o.weighted)),
        Cell::Date(Some(o.start)),
        Cell::Date(Some(o.end)),
        Cell::Date(o.slid_from),
        Cell::OptText(o.project.clone()),
    ]
}

/// `pipeline.csv`: a header row, then one row per opportunity in id order (only the header
/// without a pipeline).
pub fn pipeline_csv(report: &Report) -> anyhow::Result<Vec<u8>> {
    let mut w = writer();
    w.write_record(COLUMNS)?;
    for o in &report.pipeline.opportunities {
        let cells = row(o);
        debug_assert_eq!(cells.len(), COLUMNS.len());
        w.write_record(cells.iter().map(Cell::render))?;
    }
    w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))
}
