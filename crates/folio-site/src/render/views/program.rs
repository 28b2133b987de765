//! The program page: roll-up figures (EAC against budget, overall and per project), its
//! decisions and week's events, the program's charts, its projects, then the RAID (risks,
//! issues, escalations), milestones and change requests of those projects.

use serde::Serialize;

use super::decisions::{self, DecisionGroups, EventGroup, FoldedLine};
use super::health_summary;
use super::projects::projects_table;
use super::records::Records;
use super::tables::{Cell, Table};
use super::{recognized_tile, tile, Ctx};
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
    /// "Expected to cost $2.1M against a $1.9M budget: $200K (11%) over."
    pub eac_line: String,
    /// EAC against budget per project, largest overrun first.
    pub eac: Table,
    pub decisions: DecisionGroups,
    pub events: Vec<EventGroup>,
    pub routine: Vec<FoldedLine>,
    /// The first day of the week's window (as-of − 6 days).
    pub week_start: String,
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
    let records = Records::of(ctx, root, projects.clone());
    ProgramView {
        name: program.name.clone(),
        sponsor: program.sponsor.clone(),
        description,
        headline,
        tiles: vec![
            recognized_tile(ctx, r.recognized_revenue, r.current_value),
            tile(
                "CPI",
                format::ratio(r.cpi),
                format!("earned {} · spent {}", ctx.compact(r.ev), ctx.compact(r.ac)),
            ),
            tile(
                "SPI",
                format::ratio(r.spi),
                format!("earned {} · planned {}", ctx.compact(r.ev), ctx.compact(r.pv)),
            ),
            tile(
                "Forecast at completion (EAC)",
                ctx.compact(r.eac),
                format!(
                    "budget {} · {}",
                    ctx.compact(r.bac),
                    overrun_words(ctx, r.eac - r.bac, r.eac_overrun)
                ),
            ),
            tile(
                "Stale projects",
                r.health.stale.to_string(),
                format!("of {}", format::plural(r.project_count, "project")),
            ),
        ],
        eac_line: format!(
            "Expected to cost {} (EAC) against a {} budget: {}.",
            ctx.compact(r.eac),
            ctx.compact(r.bac),
            overrun_words(ctx, r.eac - r.bac, r.eac_overrun)
        ),
        eac: eac_table(ctx, root, &projects),
        decisions: decisions::groups(ctx, root, r),
        events: decisions::week_events(ctx, root, &r.week_events),
        routine: decisions::folded(ctx, &r.routine_events),
        week_start: format::date(as_of - chrono::Duration::days(6)),
        charts: vec![
            charts::revenue_by_quarter(&r.quarters, as_of, ctx.currency),
            charts::health_distribution(&r.health, as_of),
        ],
        projects: projects_table(ctx, root, &projects, "program-projects"),
        risks: records.risks(
            "program-risks",
            "Open risks, highest score first",
            OpenClosed::Open,
            false,
        ),
        issues: records.issues("program-issues", "Open issues", true),
        escalations: records.escalations(
            "program-escalations",
            "Open escalations, oldest first",
            true,
            false,
        ),
        milestones: records.milestones("program-milestones").0,
        changes: records.changes(
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

/// "$200K (11%) over", "$50K (3%) under", "on budget".
fn overrun_words(ctx: &Ctx, by: f64, share: Option<f64>) -> String {
    let pct = |v: Option<f64>| format::pct_of_fraction(v.map(f64::abs));
    if by > 0.0 {
        format!("{} ({}) over", ctx.compact(by), pct(share))
    } else if by < 0.0 {
        format!("{} ({}) under", ctx.compact(-by), pct(share))
    } else {
        "on budget".to_string()
    }
}

/// Each project's EAC against its budget (BAC), largest overrun first; a project without an
/// update shows its budget as its EAC.
fn eac_table(ctx: &Ctx, root: &str, projects: &[&ProjectReport]) -> Table {
    let mut t = Table::new(
        "program-eac",
        "Expected cost against budget",
        &[
            ("Project", false),
            ("Budget (BAC)", true),
            ("EAC", true),
            ("Over (+) / under (−)", true),
            ("Share of budget", true),
        ],
        "No projects.",
    );
    t.order_note = Some("largest overrun first".to_string());
    let mut rows: Vec<(f64, f64, &ProjectReport)> = projects
        .iter()
        .map(|p| {
            let bac = p.evm.bac.unwrap_or(p.budget);
            (bac, p.evm.eac.unwrap_or(bac), *p)
        })
        .collect();
    rows.sort_by(|a, b| {
        (b.1 - b.0)
            .total_cmp(&(a.1 - a.0))
            .then_with(|| a.2.name.cmp(&b.2.name))
    });
    for (bac, eac, p) in rows {
        let over = eac - bac;
        t.rows.push(vec![
            Cell::link(ctx.project_link(root, &p.id)).row_header(),
            Cell::num(ctx.money(bac), String::new()),
            Cell::num(ctx.money(eac), String::new()),
            Cell::num(
                if over > 0.0 {
                    format!("+{}", ctx.money(over))
                } else {
                    ctx.money(over)
                },
                String::new(),
            ),
            Cell::num(
                format::pct_of_fraction((bac != 0.0).then(|| over / bac)),
                String::new(),
            ),
        ]);
    }
    t
}
