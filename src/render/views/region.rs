//! A region page (`regions/<id>/index.html`): the region's current quarter against its own
//! targets answered first, its decisions, charts and projects, then the RAID, milestones and
//! change requests of its projects, laid out like a program page.

use serde::Serialize;

use super::answer::{self, QuarterAnswer};
use super::decisions::{self, Decision};
use super::program::{self, ProgramView};
use super::tables::Table;
use super::Ctx;
use crate::charts;
use crate::format;
use crate::report::{ProgramReport, ProjectReport, RegionReport};

#[derive(Debug, Serialize)]
pub struct RegionView {
    pub quarter: QuarterAnswer,
    /// The fiscal year of the region against its targets, in a sentence.
    pub year: String,
    pub decisions: Vec<Decision>,
    pub revenue: Table,
    /// Projects, RAID, milestones and changes: the program page's sections.
    #[serde(flatten)]
    pub body: ProgramView,
}

pub fn build(ctx: &Ctx, root: &str, region: &RegionReport) -> RegionView {
    let projects: Vec<&ProjectReport> = region
        .project_ids
        .iter()
        .filter_map(|id| ctx.project(id))
        .collect();
    let r = &region.rollup;
    // A region is laid out like a program: the same builder, the region's roll-up.
    let as_program = ProgramReport {
        id: region.id.clone(),
        name: region.name.clone(),
        sponsor: None,
        project_ids: region.project_ids.clone(),
        rollup: r.clone(),
    };
    let mut body = program::build(ctx, root, &as_program);
    body.sponsor = None;
    body.description = None;
    for t in [
        &mut body.projects,
        &mut body.risks,
        &mut body.issues,
        &mut body.escalations,
        &mut body.milestones,
        &mut body.changes,
    ] {
        t.id = t.id.replacen("program-", "region-", 1);
    }
    body.charts = vec![
        charts::revenue_by_quarter(&r.quarters, ctx.report.as_of, ctx.currency),
        charts::health_distribution(&r.health, ctx.report.as_of),
    ];
    let label = ctx.report.fiscal.quarter.as_str();
    let f = &ctx.report.fiscal;
    let in_year: Vec<_> = r
        .quarters
        .iter()
        .filter(|q| q.label.starts_with(&format!("{}-", f.fiscal_year)))
        .collect();
    let target: f64 = in_year.iter().filter_map(|q| q.target).sum();
    let actual: f64 = in_year.iter().map(|q| q.actual).sum();
    let forecast: f64 = in_year.iter().map(|q| q.forecast).sum();
    let year = if target > 0.0 {
        format!(
            "{}: {} recognized of a {} target ({}); projected {} by year end.",
            f.fiscal_year,
            ctx.compact(actual),
            ctx.compact(target),
            format::pct_of_fraction(Some(actual / target)),
            format::pct_of_fraction(Some((actual + forecast) / target)),
        )
    } else {
        format!(
            "{}: {} recognized, {} more forecast (no target set).",
            f.fiscal_year,
            ctx.compact(actual),
            ctx.compact(forecast)
        )
    };
    RegionView {
        quarter: answer::answer(ctx, root, &r.quarters, label, &projects),
        year,
        decisions: decisions::decisions(ctx, root, &projects),
        revenue: answer::by_project(ctx, root, label, &projects, "region-revenue"),
        body,
    }
}
