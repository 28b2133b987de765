//! The program page: roll-up figures, the program's charts, its projects, then the RAID
//! (risks, issues, escalations), milestones and change requests of those projects.

use serde::Serialize;

use super::projects::projects_table;
use super::records;
use super::registers::health_summary;
use super::tables::Table;
use super::Ctx;
use crate::charts::{self, Chart};
use crate::format;
use crate::render::markdown::to_html_scoped;
use crate::report::{ChangeStatus, OpenClosed};
use crate::report::{ProgramReport, ProjectReport};

#[derive(Debug, Serialize)]
pub struct ProgramView {
    pub name: String,
    pub sponsor: Option<String>,
    pub description: Option<String>,
    pub headline: String,
    pub tiles: Vec<(String, String, String)>,
    pub charts: Vec<Chart>,
    pub projects: Table,
    /// RAID, milestones and changes of the program's projects.
    pub risks: Table,
    pub issues: Table,
    pub escalations: Table,
    pub milestones: Table,
    pub changes: Table,
}

pub fn build(ctx: &Ctx, root: &str, program: &ProgramReport) -> ProgramView {
    let r = &program.rollup;
    let projects: Vec<&ProjectReport> = program
        .project_ids
        .iter()
        .filter_map(|id| ctx.project(id))
        .collect();
    let description = program
        .description
        .as_deref()
        .map(|d| to_html_scoped(d, "program-"));
    let health = health_summary(&r.health.computed);
    let headline = format!(
        "{} project{}; computed health {}{}.",
        r.project_count,
        if r.project_count == 1 { "" } else { "s" },
        if health.is_empty() { "none" } else { &health },
        if r.health.watermelons > 0 {
            format!("; {} declared green but computed red", r.health.watermelons)
        } else {
            String::new()
        }
    );
    let as_of = ctx.report.as_of;
    ProgramView {
        name: program.name.clone(),
        sponsor: program.sponsor.clone(),
        description,
        headline,
        tiles: vec![
            (
                "Recognized revenue".into(),
                ctx.compact(r.recognized_revenue),
                format!("of {} contract value", ctx.compact(r.current_value)),
            ),
            (
                "CPI".into(),
                format::ratio(r.cpi),
                format!("earned {} · spent {}", ctx.compact(r.ev), ctx.compact(r.ac)),
            ),
            (
                "SPI".into(),
                format::ratio(r.spi),
                format!("earned {} · planned {}", ctx.compact(r.ev), ctx.compact(r.pv)),
            ),
            (
                "Budget".into(),
                ctx.compact(r.bac),
                format::plural(r.health.stale, "stale project"),
            ),
        ],
        charts: vec![
            charts::revenue_by_quarter(&r.quarters, as_of, ctx.currency),
            charts::health_distribution(&r.health, as_of),
        ],
        projects: projects_table(ctx, root, &projects, "program-projects"),
        risks: records::risks(
            ctx,
            root,
            &projects,
            "program-risks",
            "Open risks, highest score first",
            OpenClosed::Open,
            false,
        ),
        issues: records::issues(ctx, root, &projects, "program-issues", "Open issues", true),
        escalations: records::escalations(
            ctx,
            root,
            &projects,
            "program-escalations",
            "Open escalations, oldest first",
            true,
            false,
        ),
        milestones: records::milestones(ctx, root, &projects, "program-milestones").0,
        changes: records::changes(
            ctx,
            root,
            &projects,
            "program-changes",
            "Change requests, oldest first",
            &[
                ChangeStatus::Proposed,
                ChangeStatus::Approved,
                ChangeStatus::Rejected,
            ],
        ),
    }
}
