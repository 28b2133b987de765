//! The sales-facing pages: the pipeline page (`pipeline/index.html`: the current quarter's
//! bridge, coverage of the coming quarters, the weighted pipeline by quarter and the
//! opportunities of each quarter), the accounts list (`customers/index.html`) and one page per
//! account (`customers/<id>/index.html`: its people, projects and health, revenue by quarter
//! with pipeline, opportunities, escalations with next steps and open asks). Also the account
//! team table of the people register and the accounts table of a region page. Everything shown
//! comes from the report's `pipeline` and `accounts`.

use serde::Serialize;

use super::decisions::{self, Decision};
use super::records::Records;
use super::tables::{Cell, CellLink, Table};
use super::{recognized_tile, tile, word_badge, Badge, Ctx, Link};
use crate::charts::{self, Chart, CoverageQuarter};
use crate::format;
use crate::report::{
    AccountReport, OpenClosed, OpportunityReport, OpportunityStatus, ProjectReport, QuarterFigures,
};

/// Link to an account page from a page whose root prefix is `root`.
pub fn account_href(root: &str, id: &str) -> String {
    format!("{root}customers/{id}/index.html")
}

/// The first cells of an account's row: its name linking to its page, and how many projects it
/// has.
fn name_and_projects(root: &str, a: &AccountReport) -> [Cell; 2] {
    let name = Cell::link(Link {
        text: a.name.clone(),
        href: account_href(root, &a.id),
    });
    let n = a.project_ids.len();
    [
        name.row_header(),
        Cell::num(n.to_string(), format::sort_key(Some(n as f64))),
    ]
}

fn account_link(ctx: &Ctx, root: &str, id: &str) -> Link {
    Link {
        text: ctx
            .report
            .accounts
            .iter()
            .find(|a| a.id == id)
            .map_or(id, |a| a.name.as_str())
            .to_string(),
        href: account_href(root, id),
    }
}

fn status_badge(s: OpportunityStatus) -> Badge {
    match s {
        OpportunityStatus::Open => word_badge("Open", "info", "◆"),
        OpportunityStatus::Unlikely => word_badge("Unlikely", "unknown", "○"),
        OpportunityStatus::Won => word_badge("Won", "green", "●"),
    }
}

/// The dates counted, with the start as written when it slid.
fn dates_cell(o: &OpportunityReport) -> Cell {
    Cell::text(format!("{} – {}", format::date(o.start), format::date(o.end))).with_note(
        o.slid_from
            .map(|d| format!("start {} passed: slid forward", format::date(d))),
    )
}

/// The opportunities of `list` as a table: each with its status, owner, stage, probability,
/// amount, weighted amount and the dates counted.
fn opportunities_table(
    ctx: &Ctx,
    root: &str,
    list: &[&OpportunityReport],
    id: &str,
    caption: &str,
    empty: &str,
) -> Table {
    let mut t = Table::new(
        id,
        caption,
        &[
            ("Opportunity", false),
            ("Customer", false),
            ("Owner", false),
            ("Stage", false),
            ("Status", false),
            ("Probability", true),
            ("Amount", true),
            ("Weighted", true),
            ("Dates", false),
        ],
        empty,
    )
    .sortable();
    for o in list {
        t.rows.push(vec![
            Cell::text(&o.name).with_note(Some(o.id.clone())).row_header(),
            Cell::link(account_link(ctx, root, &o.account)),
            Cell::opt_text(o.owner.as_deref()),
            Cell::opt_text(o.stage.as_deref()),
            Cell::badge(status_badge(o.status), format!("{:?}", o.status)),
            Cell::num(
                format::pct(Some(o.probability)),
                format::sort_key(Some(o.probability)),
            ),
            ctx.money_cell(o.amount),
            ctx.money_cell(o.weighted),
            dates_cell(o),
        ]);
    }
    t
}

/// Per quarter: target, booked best case, weighted pipeline, upside and its attainment, the
/// open pipeline and coverage.
fn quarters_table(ctx: &Ctx, quarters: &[&QuarterFigures], id: &str, caption: &str) -> Table {
    let open = |label: &str| {
        ctx.report
            .pipeline
            .by_quarter
            .iter()
            .find(|q| q.label == label)
            .map_or(0.0, |q| q.unweighted)
    };
    let mut t = Table::new(
        id,
        caption,
        &[
            ("Quarter", false),
            ("Target", true),
            ("Booked (best case)", true),
            ("Weighted pipeline", true),
            ("Upside", true),
            ("Upside attainment", true),
            ("Open pipeline", true),
            ("Coverage", true),
        ],
        "No quarter has pipeline yet.",
    );
    for q in quarters {
        t.rows.push(vec![
            Cell::text(&q.label).row_header(),
            Cell::num(ctx.money_opt(q.target), format::sort_key(q.target)),
            ctx.money_cell(q.categories.best_case),
            ctx.money_cell(q.categories.pipeline),
            ctx.money_cell(q.categories.upside),
            Cell::num(
                format::pct_of_fraction(q.categories.upside_attainment),
                format::sort_key(q.categories.upside_attainment),
            ),
            ctx.money_cell(open(&q.label)),
            Cell::num(
                q.categories
                    .coverage
                    .map_or_else(|| "—".to_string(), |c| format!("{}×", format::ratio(Some(c)))),
                format::sort_key(q.categories.coverage),
            ),
        ]);
    }
    t
}

/// The current quarter's bridge chart, when the portfolio has figures for it.
pub fn bridge_chart(ctx: &Ctx) -> Option<Chart> {
    ctx.report
        .pipeline
        .bridge
        .as_ref()
        .map(|b| charts::quarter_bridge(b, ctx.report.as_of, ctx.currency))
}

/// The pipeline page.
#[derive(Debug, Serialize)]
pub struct PipelineView {
    pub intro: String,
    pub tiles: Vec<(String, String, String)>,
    pub charts: Vec<Chart>,
    pub quarters: Table,
    /// One table per quarter an open opportunity falls in.
    pub by_quarter: Vec<Table>,
    /// Unlikely and won opportunities.
    pub not_counted: Table,
}

pub fn pipeline_page(ctx: &Ctx, root: &str) -> PipelineView {
    let r = ctx.report;
    let p = &r.pipeline;
    let count = |s: OpportunityStatus| p.opportunities.iter().filter(|o| o.status == s).count();
    let (open, unlikely, won) = (
        count(OpportunityStatus::Open),
        count(OpportunityStatus::Unlikely),
        count(OpportunityStatus::Won),
    );
    let slid = p
        .opportunities
        .iter()
        .filter(|o| o.slid_from.is_some() && o.status != OpportunityStatus::Won)
        .count();
    let mut intro = format!(
        "{}: {} weighted by probability, {} in full; {} unlikely (probability 0) and counted nowhere",
        format::plural_of(open, "open opportunity", "open opportunities"),
        ctx.compact(p.weighted),
        ctx.compact(p.unweighted),
        unlikely
    );
    if won > 0 {
        intro.push_str(&format!(
            "; {} won under a project id (remove from pipeline.yaml)",
            won
        ));
    }
    if slid > 0 {
        intro.push_str(&format!(
            "; {} whose start passed, counted from the day after {}",
            format::plural_of(slid, "opportunity", "opportunities"),
            format::date(r.as_of)
        ));
    }
    intro.push('.');
    // The quarters after the current one (up to four), for coverage.
    let after: Vec<&QuarterFigures> = r
        .portfolio
        .quarters
        .iter()
        .filter(|q| q.start > r.as_of)
        .take(4)
        .collect();
    let coverage: Vec<CoverageQuarter> = after
        .iter()
        .map(|q| CoverageQuarter {
            figures: q,
            pipeline: p.by_quarter.iter().find(|b| b.label == q.label),
        })
        .collect();
    let next = after.first();
    let mut charts = Vec::new();
    charts.extend(bridge_chart(ctx));
    charts.push(charts::pipeline_coverage(&coverage, r.as_of, ctx.currency));
    let with_pipeline: Vec<&QuarterFigures> = r
        .portfolio
        .quarters
        .iter()
        .filter(|q| q.categories.pipeline > 0.0 || p.by_quarter.iter().any(|b| b.label == q.label))
        .collect();
    let by_quarter = p
        .by_quarter
        .iter()
        .map(|bq| {
            let mut in_q: Vec<(&OpportunityReport, f64, f64)> = p
                .opportunities
                .iter()
                .filter_map(|o| {
                    o.by_quarter
                        .iter()
                        .find(|x| x.label == bq.label)
                        .map(|x| (o, x.pipeline, x.unweighted))
                })
                .collect();
            in_q.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.id.cmp(&b.0.id)));
            let mut t = Table::new(
                &format!("pipeline-{}", bq.label.to_lowercase()),
                &format!(
                    "{}: {} weighted, {} in full, largest weighted first",
                    bq.label,
                    ctx.money(bq.pipeline),
                    ctx.money(bq.unweighted)
                ),
                &[
                    ("Opportunity", false),
                    ("Customer", false),
                    ("Owner", false),
                    ("Stage", false),
                    ("Probability", true),
                    ("In quarter, weighted", true),
                    ("In quarter, in full", true),
                    ("Amount", true),
                    ("Dates", false),
                ],
                "",
            )
            .sortable();
            for (o, w, u) in in_q {
                t.rows.push(vec![
                    Cell::text(&o.name).with_note(Some(o.id.clone())).row_header(),
                    Cell::link(account_link(ctx, root, &o.account)),
                    Cell::opt_text(o.owner.as_deref()),
                    Cell::opt_text(o.stage.as_deref()),
                    Cell::num(
                        format::pct(Some(o.probability)),
                        format::sort_key(Some(o.probability)),
                    ),
                    ctx.money_cell(w),
                    ctx.money_cell(u),
                    ctx.money_cell(o.amount),
                    dates_cell(o),
                ]);
            }
            t
        })
        .collect();
    let not_counted: Vec<&OpportunityReport> = p
        .opportunities
        .iter()
        .filter(|o| o.status != OpportunityStatus::Open)
        .collect();
    PipelineView {
        intro,
        tiles: vec![
            tile(
                "Weighted pipeline",
                ctx.compact(p.weighted),
                format!("{} in full", ctx.compact(p.unweighted)),
            ),
            tile(
                "Backlog",
                ctx.compact(r.portfolio.backlog),
                "booked revenue still to recognize",
            ),
            tile(
                &next.map_or_else(|| "Next quarter".to_string(), |q| format!("Coverage {}", q.label)),
                next.and_then(|q| q.categories.coverage)
                    .map_or_else(|| "—".to_string(), |c| format!("{}×", format::ratio(Some(c)))),
                match next {
                    Some(q) if q.target.is_none() => "no target set".to_string(),
                    Some(q) if q.categories.coverage.is_none() => "booked work covers the target".to_string(),
                    Some(_) => "open pipeline ÷ what booked work leaves to find".to_string(),
                    None => "no later quarter has figures".to_string(),
                },
            ),
        ],
        charts,
        quarters: quarters_table(
            ctx,
            &with_pipeline,
            "pipeline-quarters",
            "Weighted pipeline by quarter, with upside and coverage",
        ),
        by_quarter,
        not_counted: opportunities_table(
            ctx,
            root,
            &not_counted,
            "pipeline-not-counted",
            "Not counted: unlikely (probability 0) and won",
            "Every opportunity is open and counted.",
        ),
    }
}

/// The accounts list.
#[derive(Debug, Serialize)]
pub struct CustomersView {
    pub intro: String,
    pub tables: Vec<Table>,
}

fn people_cell(names: &[String]) -> Cell {
    Cell::text(if names.is_empty() {
        "—".to_string()
    } else {
        names.join(", ")
    })
}

pub fn customers_page(ctx: &Ctx, root: &str) -> CustomersView {
    let accounts = &ctx.report.accounts;
    let mut t = Table::new(
        "customers",
        "Accounts by name",
        &[
            ("Customer", false),
            ("Projects", true),
            ("Computed health", false),
            ("Recognized", true),
            ("Backlog", true),
            ("Weighted pipeline", true),
            ("Account executive", false),
            ("TAM", false),
        ],
        "No customers yet.",
    )
    .sortable();
    t.filterable = true;
    for a in accounts {
        let health = super::health_summary(&a.rollup.health.computed);
        let [name, projects] = name_and_projects(root, a);
        t.rows.push(vec![
            name,
            projects,
            Cell::text(if health.is_empty() {
                "no projects".to_string()
            } else {
                health
            }),
            ctx.money_cell(a.rollup.recognized_revenue),
            ctx.money_cell(a.rollup.backlog),
            ctx.money_cell(a.pipeline),
            people_cell(&a.account_executive),
            people_cell(&a.tam),
        ]);
    }
    let prospects = accounts.iter().filter(|a| a.project_ids.is_empty()).count();
    CustomersView {
        intro: format!(
            "{}, {} of them prospects with pipeline only. Each page shows the account's projects and their health, revenue by quarter with pipeline, escalations, open asks, the account executive and the TAM.",
            format::plural(accounts.len(), "account"),
            prospects
        ),
        tables: vec![t],
    }
}

/// One account's page.
#[derive(Debug, Serialize)]
pub struct CustomerView {
    pub name: String,
    pub lead: String,
    pub account_executive: Vec<String>,
    pub tam: Vec<String>,
    pub regions: Vec<Link>,
    pub decisions: Vec<Decision>,
    pub revenue: Table,
    pub opportunities: Table,
    pub tiles: Vec<(String, String, String)>,
    pub projects: Table,
    pub escalations: Table,
    pub risks: Table,
    pub milestones: Table,
}

pub fn customer_page(ctx: &Ctx, root: &str, a: &AccountReport) -> CustomerView {
    let r = &a.rollup;
    // The program page's tables over the account's projects; no charts (an account page per
    // customer of a big portfolio is over a thousand pages: each chart would cost more than
    // the page).
    let projects: Vec<&ProjectReport> = a.project_ids.iter().filter_map(|id| ctx.project(id)).collect();
    let projects_table = super::projects::projects_table(ctx, root, &projects, "customer-projects");
    let records = Records::of(ctx, root, projects.clone());
    let escalations = records.escalations(
        "customer-escalations",
        "Open escalations, oldest first",
        true,
        false,
    );
    let risks = records.risks(
        "customer-risks",
        "Open risks, highest score first",
        OpenClosed::Open,
        false,
    );
    let milestones = records.milestones("customer-milestones").0;
    let opps: Vec<&OpportunityReport> = ctx
        .report
        .pipeline
        .opportunities
        .iter()
        .filter(|o| o.account == a.id)
        .collect();
    let mut revenue = Table::new(
        "customer-revenue",
        "Revenue by quarter, with the weighted pipeline",
        &[
            ("Quarter", false),
            ("Recognized", true),
            ("Forecast", true),
            ("of which at risk", true),
            ("Weighted pipeline", true),
            ("Upside", true),
        ],
        "No revenue booked, forecast or in the pipeline yet.",
    );
    for q in &r.quarters {
        revenue.rows.push(vec![
            Cell::text(&q.label).row_header(),
            ctx.money_cell(q.actual),
            ctx.money_cell(q.forecast),
            ctx.money_cell(q.forecast_at_risk),
            ctx.money_cell(q.categories.pipeline),
            ctx.money_cell(q.categories.upside),
        ]);
    }
    let lead = format!(
        "{}; {} recognized, {} booked still to recognize, {} weighted pipeline over {}.",
        format::plural(a.project_ids.len(), "project"),
        ctx.compact(r.recognized_revenue),
        ctx.compact(r.backlog),
        ctx.compact(a.pipeline),
        format::plural_of(
            opps.iter()
                .filter(|o| o.status == OpportunityStatus::Open)
                .count(),
            "open opportunity",
            "open opportunities"
        ),
    );
    let open_escalations = ctx
        .report
        .projects
        .iter()
        .filter(|p| a.project_ids.binary_search(&p.id).is_ok())
        .flat_map(|p| p.escalations.iter())
        .filter(|e| e.status == crate::report::OpenResolved::Open)
        .count();
    let tiles = vec![
        recognized_tile(ctx, r.recognized_revenue, r.current_value),
        tile("Backlog", ctx.compact(r.backlog), "booked, still to recognize"),
        tile(
            "Weighted pipeline",
            ctx.compact(a.pipeline),
            format::plural_of(opps.len(), "opportunity", "opportunities"),
        ),
        tile(
            "Open escalations",
            open_escalations.to_string(),
            format::plural(
                r.health
                    .computed
                    .get(&crate::report::Health::Red)
                    .copied()
                    .unwrap_or(0),
                "red project",
            ),
        ),
    ];
    CustomerView {
        name: a.name.clone(),
        lead,
        account_executive: a.account_executive.clone(),
        tam: a.tam.clone(),
        regions: a.regions.iter().map(|id| ctx.region_link(root, id)).collect(),
        decisions: decisions::decisions(ctx, root, &r.decisions),
        revenue,
        opportunities: opportunities_table(
            ctx,
            root,
            &opps,
            "customer-opportunities",
            "Opportunities",
            "No opportunities in the pipeline for this customer.",
        ),
        tiles,
        projects: projects_table,
        escalations,
        risks,
        milestones,
    }
}

/// The people register's account teams: each account executive and TAM with links to their
/// accounts.
pub fn account_team_table(ctx: &Ctx, root: &str) -> Table {
    use std::collections::BTreeMap;
    let mut people: BTreeMap<(&str, &str), Vec<&AccountReport>> = BTreeMap::new();
    for a in &ctx.report.accounts {
        for n in &a.account_executive {
            people.entry((n, "Account executive")).or_default().push(a);
        }
        for n in &a.tam {
            people.entry((n, "TAM")).or_default().push(a);
        }
    }
    let mut t = Table::new(
        "account-team",
        "Account executives and TAMs, with their accounts",
        &[("Person", false), ("Role", false), ("Accounts", false)],
        "No project names an account executive or a TAM.",
    )
    .sortable();
    for ((name, role), accounts) in people {
        t.rows.push(vec![
            Cell::text(name).row_header(),
            Cell::text(role),
            Cell::links(
                accounts
                    .iter()
                    .map(|a| CellLink {
                        text: a.name.clone(),
                        href: account_href(root, &a.id),
                        note: Some(format::plural(a.project_ids.len(), "project")),
                    })
                    .collect(),
            ),
        ]);
    }
    t
}

/// A region's accounts, with their pipeline in the region's quarters.
pub fn region_accounts_table(ctx: &Ctx, root: &str, ids: &[String]) -> Table {
    let mut t = Table::new(
        "region-accounts",
        "Accounts in the region",
        &[
            ("Customer", false),
            ("Projects", true),
            ("Backlog", true),
            ("Weighted pipeline", true),
            ("Account executive", false),
            ("TAM", false),
        ],
        "No accounts in this region.",
    )
    .sortable();
    for a in ctx.report.accounts.iter().filter(|a| ids.contains(&a.id)) {
        let [name, projects] = name_and_projects(root, a);
        t.rows.push(vec![
            name,
            projects,
            ctx.money_cell(a.rollup.backlog),
            ctx.money_cell(a.pipeline),
            people_cell(&a.account_executive),
            people_cell(&a.tam),
        ]);
    }
    t
}
