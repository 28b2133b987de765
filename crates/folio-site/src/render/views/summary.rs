//! The executive summary (`index.html`), answer first: the current quarter (the verdict,
//! committed and best case against the target, the change since last week, the forecast at risk
//! and from whom) with the open escalations named beside it, then the fiscal year and health,
//! then *Decisions needed* (asked of us, waiting on customers, quarter-end updates), the projects
//! needing attention ranked by money at stake, the week's events (routine ones folded), risks,
//! milestones, the quarter's revenue by project and the charts.

use serde::Serialize;

use super::answer::{self, QuarterAnswer};
use super::decisions::{self, DecisionGroups, EventGroup, FoldedLine};
use super::registers::{open_risks, upcoming_milestones};
use super::tables::Table;
use super::{health_badge, severity_badge, Badge, Ctx, Link};
use crate::charts::{self, Chart};
use crate::format;
use crate::report::{Health, OpenResolved, ProjectReport, Report};
use crate::wording::{self, Style};

const LIST_LIMIT: usize = 12;

#[derive(Debug, Serialize)]
pub struct SummaryView {
    /// The current quarter, answered first.
    pub quarter: QuarterAnswer,
    pub quarter_tile: Tile,
    /// The fiscal year and the portfolio's health, in sentences.
    pub headline: Vec<String>,
    pub tiles: Vec<Tile>,
    /// People: billable utilization over 13 weeks against target and the bench within 4
    /// weeks, in one line and one tile (none without time entries).
    pub people_line: Option<String>,
    pub people_tile: Option<Tile>,
    pub people_href: String,
    pub health_tiles: Vec<HealthCount>,
    pub decisions: DecisionGroups,
    /// Every open escalation, named on the first screen: worst severity first, then oldest.
    pub open_escalations: Vec<EscalationLine>,
    pub attention: Vec<AttentionItem>,
    pub attention_more: Option<Link>,
    pub events: Vec<EventGroup>,
    /// The routine events, one line per kind.
    pub routine: Vec<FoldedLine>,
    pub events_more: usize,
    /// "4 more projects with events".
    pub events_more_text: String,
    /// The first day of the week's window (as-of − 6 days).
    pub week_start: String,
    /// One line per region, linking to its page.
    pub regions: Vec<RegionLine>,
    /// The current quarter's revenue by project.
    pub revenue: Table,
    pub risks: Table,
    /// "Top risks: 12 of 14" when the list is cut, else "Top risks".
    pub risks_title: String,
    pub milestones: Table,
    pub charts: Vec<Chart>,
    /// The current quarter's projected attainment and health, week by week.
    pub trend: Chart,
    /// The current quarter's bridge from target to gap (null without figures for it).
    pub bridge: Option<Chart>,
    pub projects_href: String,
}

/// A KPI tile.
#[derive(Debug, Serialize)]
pub struct Tile {
    pub label: String,
    pub value: String,
    pub lines: Vec<String>,
    pub badge: Option<Badge>,
    pub bar: Option<Bar>,
}

/// A progress bar drawn as inline SVG geometry (attributes only, so it works under a strict
/// CSP): actual and projected widths in 0–100 of the target.
#[derive(Debug, Serialize)]
pub struct Bar {
    pub actual: String,
    pub projected: String,
    pub label: String,
}

#[derive(Debug, Serialize)]
pub struct HealthCount {
    pub badge: Badge,
    pub computed: usize,
    pub declared: usize,
}

#[derive(Debug, Serialize)]
pub struct AttentionItem {
    pub project: Link,
    /// "$280K revenue still to recognize".
    pub at_stake: String,
    /// The customer, when the project name does not already say it.
    pub customer: Option<String>,
    pub computed: Badge,
    pub declared: Badge,
    pub watermelon: bool,
    pub reasons: Vec<String>,
}

/// An open escalation in one line: severity, what, where, how old, and the next step.
#[derive(Debug, Serialize)]
pub struct EscalationLine {
    pub severity: Badge,
    pub title: String,
    pub project: Link,
    /// "12 days open".
    pub age: String,
    /// "Next: Rerun the failover test, by 2026-11-21"; "No next step" when none is set.
    pub next: String,
    /// No next step, or its date has passed.
    pub flagged: bool,
}

/// Every open escalation of the portfolio, worst severity first, then oldest, then by project.
fn escalation_lines(ctx: &Ctx, root: &str) -> Vec<EscalationLine> {
    let mut open: Vec<_> = ctx
        .report
        .projects
        .iter()
        .flat_map(|p| p.escalations.iter().map(move |e| (p, e)))
        .filter(|(_, e)| e.status == OpenResolved::Open)
        .collect();
    open.sort_by(|a, b| {
        b.1.severity
            .cmp(&a.1.severity)
            .then(a.1.raised.cmp(&b.1.raised))
            .then_with(|| a.0.name.cmp(&b.0.name))
    });
    open.into_iter()
        .map(|(p, e)| {
            let age = e.age_days.unwrap_or(0);
            let next = match (&e.next_step, e.next_step_by) {
                (Some(n), Some(by)) if e.overdue => format!("Next: {n}, overdue since {}", format::date(by)),
                (Some(n), Some(by)) => format!("Next: {n}, by {}", format::date(by)),
                (Some(n), None) => format!("Next: {n}"),
                (None, _) => "No next step".to_string(),
            };
            EscalationLine {
                severity: severity_badge(e.severity),
                title: e.title.clone(),
                project: ctx.project_link(root, &p.id),
                age: format!(
                    "{} open",
                    format::plural(usize::try_from(age).unwrap_or(0), "day")
                ),
                next,
                flagged: e.next_step.is_none() || e.overdue,
            }
        })
        .collect()
}

/// A region on the summary: its page and its quarter in one line.
#[derive(Debug, Serialize)]
pub struct RegionLine {
    pub link: Link,
    pub line: String,
}

pub fn build(ctx: &Ctx, root: &str) -> SummaryView {
    let r = ctx.report;
    let (attention, attention_total) = attention(ctx, root);
    let all: Vec<&ProjectReport> = r.projects.iter().collect();
    let mut events = decisions::week_events(ctx, root, &r.portfolio.week_events);
    let events_total = events.len();
    events.truncate(LIST_LIMIT);
    let mut risks = open_risks(ctx, root, "summary-risks", false);
    let risks_total = risks.rows.len();
    risks.rows.truncate(LIST_LIMIT);
    let risks_title = if risks_total > risks.rows.len() {
        format!("Top risks: {} of {}", risks.rows.len(), risks_total)
    } else {
        "Top risks".to_string()
    };
    let milestones = upcoming_milestones(ctx, root, "summary-milestones");
    let with_update: Vec<&ProjectReport> = r.projects.iter().filter(|p| p.latest_update.is_some()).collect();
    let charts = vec![
        charts::revenue_by_quarter(&r.portfolio.quarters, r.as_of, &r.currency),
        charts::health_distribution(&r.portfolio.health, r.as_of),
        charts::cpi_vs_spi(&with_update, r.as_of),
    ];
    let label = r.fiscal.quarter.as_str();
    SummaryView {
        quarter: answer::answer(ctx, root, &r.portfolio.quarters, label, &all),
        quarter_tile: quarter_tile(ctx),
        headline: headline(ctx),
        tiles: tiles(ctx),
        people_line: people_line(ctx),
        people_tile: people_tile(ctx),
        people_href: format!("{root}people/index.html"),
        decisions: decisions::groups(ctx, root, &r.portfolio),
        open_escalations: escalation_lines(ctx, root),
        routine: decisions::folded(ctx, &r.portfolio.routine_events),
        regions: regions(ctx, root),
        revenue: answer::by_project(ctx, root, label, &all, "summary-revenue", LIST_LIMIT),
        health_tiles: [Health::Red, Health::Amber, Health::Green, Health::Unknown]
            .iter()
            .map(|h| HealthCount {
                badge: health_badge(*h),
                computed: r.portfolio.health.computed.get(h).copied().unwrap_or(0),
                declared: r.portfolio.health.declared.get(h).copied().unwrap_or(0),
            })
            .collect(),
        attention_more: (attention_total > attention.len()).then(|| Link {
            text: format!(
                "{} more {} attention: see all projects, worst first",
                attention_total - attention.len(),
                if attention_total - attention.len() == 1 {
                    "needs"
                } else {
                    "need"
                }
            ),
            href: format!("{root}projects/index.html"),
        }),
        attention,
        events_more: events_total.saturating_sub(events.len()),
        events_more_text: format!(
            "{} with events",
            format::plural(events_total.saturating_sub(events.len()), "more project")
        ),
        week_start: format::date(r.as_of - chrono::Duration::days(6)),
        events,
        risks,
        risks_title,
        milestones,
        charts,
        trend: charts::trend(&r.trend, &r.fiscal.quarter, r.as_of, &r.currency),
        bridge: super::accounts::bridge_chart(ctx),
        projects_href: format!("{root}projects/index.html"),
    }
}

/// Two or three sentences that answer "where do we stand?".
fn headline(ctx: &Ctx) -> Vec<String> {
    let r: &Report = ctx.report;
    let f = &r.fiscal;
    let mut out = Vec::new();
    match f.year_target {
        Some(t) if t > 0.0 => out.push(format!(
            "{} revenue: {} recognized of a {} target ({}); projected {} by year end.",
            f.fiscal_year,
            ctx.compact(f.year_actual),
            ctx.compact(t),
            format::pct_of_fraction(f.year_attainment),
            format::pct_of_fraction(f.year_projected_attainment),
        )),
        _ => out.push(format!(
            "{} revenue: {} recognized, {} more forecast (no target set).",
            f.fiscal_year,
            ctx.compact(f.year_actual),
            ctx.compact(f.year_forecast)
        )),
    }
    let h = &r.portfolio.health;
    let n = |m: &std::collections::BTreeMap<Health, usize>, k| m.get(&k).copied().unwrap_or(0);
    let red = n(&h.computed, Health::Red);
    let mut s = format!(
        "By the numbers, {red} of {} {} red and {} amber",
        format::plural(r.portfolio.project_count, "project"),
        if red == 1 { "is" } else { "are" },
        n(&h.computed, Health::Amber)
    );
    if h.watermelons > 0 {
        s.push_str(&format!("; {} declared green but computed red", h.watermelons));
    }
    s.push('.');
    out.push(s);
    let open_esc = r
        .projects
        .iter()
        .flat_map(|p| &p.escalations)
        .filter(|e| e.age_days.is_some())
        .count();
    out.push(format!(
        "{} open escalation{}; {} stale project{}.",
        open_esc,
        if open_esc == 1 { "" } else { "s" },
        h.stale,
        if h.stale == 1 { "" } else { "s" }
    ));
    out
}

fn bar(actual: Option<f64>, projected: Option<f64>) -> Option<Bar> {
    let a = actual?;
    let p = projected.unwrap_or(a);
    let w = |v: f64| format!("{:.1}", (v * 100.0).clamp(0.0, 100.0));
    Some(Bar {
        actual: w(a),
        projected: w(p),
        label: format!(
            "{} attained, {} projected",
            format::pct_of_fraction(Some(a)),
            format::pct_of_fraction(Some(p))
        ),
    })
}

fn revenue_tile(
    ctx: &Ctx,
    label: String,
    actual: f64,
    forecast: f64,
    target: Option<f64>,
    att: Option<f64>,
    proj: Option<f64>,
) -> Tile {
    match target {
        Some(t) if t > 0.0 => Tile {
            label,
            value: ctx.compact(actual),
            lines: vec![
                format!(
                    "of {} target · {} attained",
                    ctx.compact(t),
                    format::pct_of_fraction(att)
                ),
                format!(
                    "Projected {} with {} forecast",
                    format::pct_of_fraction(proj),
                    ctx.compact(forecast)
                ),
            ],
            badge: None,
            bar: bar(att, proj),
        },
        _ => Tile {
            label,
            value: ctx.compact(actual),
            lines: vec![
                "No target set".to_string(),
                format!("{} more forecast", ctx.compact(forecast)),
            ],
            badge: None,
            bar: None,
        },
    }
}

/// The current quarter's revenue tile; with a warning badge when it is projected short.
fn quarter_tile(ctx: &Ctx) -> Tile {
    let r = ctx.report;
    let f = &r.fiscal;
    let q = r.portfolio.quarters.iter().find(|q| q.label == f.quarter);
    let mut t = match q {
        Some(q) => revenue_tile(
            ctx,
            format!("Revenue {}", q.label),
            q.actual,
            q.forecast,
            q.target,
            q.attainment,
            q.categories.committed_attainment,
        ),
        None => revenue_tile(ctx, format!("Revenue {}", f.quarter), 0.0, 0.0, None, None, None),
    };
    if let Some(q) = q.filter(|q| q.target.is_some_and(|t| t > 0.0)) {
        let k = &q.categories;
        t.lines[1] = format!(
            "Committed {} · best case {}",
            format::pct_of_fraction(k.committed_attainment),
            format::pct_of_fraction(k.best_case_attainment)
        );
        if let Some(b) = t.bar.as_mut() {
            b.label = format!(
                "{} recognized, {} committed",
                format::pct_of_fraction(q.attainment),
                format::pct_of_fraction(k.committed_attainment)
            );
        }
    }
    t
}

/// One line per region: its current quarter against its own target, linking to its page.
fn regions(ctx: &Ctx, root: &str) -> Vec<RegionLine> {
    let label = &ctx.report.fiscal.quarter;
    ctx.report
        .regions
        .iter()
        .filter(|g| !g.project_ids.is_empty())
        .map(|g| {
            let q = answer::quarter(&g.rollup.quarters, label);
            let line = match q.and_then(|q| q.target).filter(|t| *t > 0.0) {
                Some(t) => format!(
                    "{}: projected {} of {} target{}",
                    format::plural(g.rollup.project_count, "project"),
                    format::pct_of_fraction(q.and_then(|q| q.projected_attainment)),
                    ctx.compact(t),
                    match q.and_then(|q| q.gap).filter(|g| *g > 0.0) {
                        Some(gap) => format!(", {} short", ctx.compact(gap)),
                        None => String::new(),
                    }
                ),
                None => format!(
                    "{}: {} recognized, {} forecast, no target",
                    format::plural(g.rollup.project_count, "project"),
                    ctx.compact(q.map_or(0.0, |q| q.actual)),
                    ctx.compact(q.map_or(0.0, |q| q.forecast))
                ),
            };
            RegionLine {
                link: super::region_link(root, &g.id, &g.name),
                line,
            }
        })
        .collect()
}

fn tiles(ctx: &Ctx) -> Vec<Tile> {
    let r = ctx.report;
    let f = &r.fiscal;
    let mut out = Vec::new();
    out.push(revenue_tile(
        ctx,
        format!("Revenue {}", f.fiscal_year),
        f.year_actual,
        f.year_forecast,
        f.year_target,
        f.year_attainment,
        f.year_projected_attainment,
    ));
    let p = &r.portfolio;
    let cpi_h = p.cpi_rating;
    out.push(Tile {
        label: "Portfolio CPI".to_string(),
        value: format::ratio(p.cpi),
        lines: vec![
            match p.cpi {
                Some(c) => format!(
                    "{} of value earned per {} spent",
                    format::money_cents(c, ctx.currency),
                    format::money_cents(1.0, ctx.currency)
                ),
                None => "No cost booked yet".to_string(),
            },
            format!("Earned {} · spent {}", ctx.compact(p.ev), ctx.compact(p.ac)),
        ],
        badge: Some(index_badge(cpi_h, "On budget", "Over budget")),
        bar: None,
    });
    let spi_h = p.spi_rating;
    out.push(Tile {
        label: "Portfolio SPI".to_string(),
        value: format::ratio(p.spi),
        lines: vec![
            match p.spi {
                Some(s) => format!("{} of the planned work is done", format::pct_of_fraction(Some(s))),
                None => "No planned work yet".to_string(),
            },
            format!("Earned {} · planned {}", ctx.compact(p.ev), ctx.compact(p.pv)),
        ],
        badge: Some(index_badge(spi_h, "On schedule", "Behind schedule")),
        bar: None,
    });
    out
}

/// The people in one sentence: the portfolio's billable utilization over the last 13 weeks
/// against target, and who rolls off to the bench within 4 weeks.
fn people_line(ctx: &Ctx) -> Option<String> {
    let r = ctx.report;
    let u = r.portfolio.utilization?;
    let st = &r.staffing;
    Some(format!(
        "People: {} billable over the last 13 weeks against a {} target ({}); {} on the bench within 4 weeks.",
        format::pct_1(u.last_13_weeks.billable_utilization.map(|v| v * 100.0)),
        format::pct_1(Some(st.target)),
        if st.under_target { "under target" } else { "on target" },
        format::plural_of(st.bench.len(), "person", "people"),
    ))
}

fn people_tile(ctx: &Ctx) -> Option<Tile> {
    let r = ctx.report;
    let u = r.portfolio.utilization?;
    let st = &r.staffing;
    Some(Tile {
        label: "Billable utilization, 13 weeks".to_string(),
        value: format::pct_1(u.last_13_weeks.billable_utilization.map(|v| v * 100.0)),
        lines: vec![
            format!("Target {}", format::pct_1(Some(st.target))),
            format!(
                "{} on the bench within 4 weeks",
                format::plural_of(st.bench.len(), "person", "people")
            ),
        ],
        badge: Some(if st.under_target {
            super::word_badge("Under target", "amber", "▲")
        } else {
            super::word_badge("On target", "green", "●")
        }),
        bar: None,
    })
}

fn index_badge(h: Health, good: &str, bad: &str) -> Badge {
    let mut b = health_badge(h);
    b.word = match h {
        Health::Green => good.to_string(),
        Health::Unknown => "No data".to_string(),
        _ => bad.to_string(),
    };
    b
}

/// Projects that need an executive's attention, as ranked by `metrics::attention`.
fn attention(ctx: &Ctx, root: &str) -> (Vec<AttentionItem>, usize) {
    let items: Vec<(&ProjectReport, Vec<String>)> = ctx
        .report
        .attention
        .iter()
        .filter_map(|a| {
            let p = ctx.project(&a.project)?;
            let reasons = a
                .reasons
                .iter()
                .map(|c| wording::concern(c, Style::Prose))
                .collect();
            Some((p, reasons))
        })
        .collect();
    let total = items.len();
    let list = items
        .into_iter()
        .take(LIST_LIMIT)
        .map(|(p, reasons)| AttentionItem {
            project: ctx.project_link(root, &p.id),
            at_stake: if p.remaining_revenue > 0.0 {
                format!(
                    "{} revenue still to recognize (remaining, all quarters)",
                    ctx.compact(p.remaining_revenue)
                )
            } else {
                "No revenue left to recognize".to_string()
            },
            customer: super::projects::customer_note(p),
            computed: health_badge(p.health.computed),
            declared: health_badge(p.health.declared),
            watermelon: p.health.watermelon,
            reasons,
        })
        .collect();
    (list, total)
}
