//! A region page (`regions/<id>/index.html`): the region's current quarter against its own
//! targets answered first, its decisions, charts and projects, then the RAID, milestones and
//! change requests of its projects, laid out like a program page.

use serde::Serialize;

use super::answer::{self, QuarterAnswer};
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
    /// The region's lead, named under its title.
    pub lead: Option<String>,
    pub revenue: Table,
    /// The region's accounts (customers of its projects and opportunities).
    pub accounts: Table,
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
        description: None,
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
        &mut body.eac,
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
    // Attainment compares like with like: only the quarters that have a target.
    let targeted: Vec<_> = in_year
        .iter()
        .filter(|q| q.target.is_some_and(|t| t > 0.0))
        .collect();
    let sum = |qs: &[&&crate::report::QuarterFigures], v: fn(&crate::report::QuarterFigures) -> f64| -> f64 {
        qs.iter().map(|q| v(q)).sum()
    };
    let year = if targeted.is_empty() {
        let all: Vec<_> = in_year.iter().collect();
        format!(
            "{}: {} recognized, {} more forecast (no target set).",
            f.fiscal_year,
            ctx.compact(sum(&all, |q| q.actual)),
            ctx.compact(sum(&all, |q| q.forecast))
        )
    } else {
        let target = sum(&targeted, |q| q.target.unwrap_or(0.0));
        let actual = sum(&targeted, |q| q.actual);
        let forecast = sum(&targeted, |q| q.forecast);
        let scope = if targeted.len() == 4 {
            String::new()
        } else {
            let labels: Vec<&str> = targeted.iter().map(|q| q.label.as_str()).collect();
            format!(" (the quarters with a target: {})", labels.join(", "))
        };
        format!(
            "{}{scope}: {} recognized of a {} target ({}); projected {}.",
            f.fiscal_year,
            ctx.compact(actual),
            ctx.compact(target),
            format::pct_of_fraction(Some(actual / target)),
            format::pct_of_fraction(Some((actual + forecast) / target)),
        )
    };
    RegionView {
        quarter: answer::answer(ctx, root, &r.quarters, label, &projects),
        year,
        lead: region.lead.clone(),
        revenue: answer::by_project(ctx, root, label, &projects, "region-revenue", 25),
        accounts: super::accounts::region_accounts_table(ctx, root, &region.account_ids),
        body,
    }
}
