//! The customer status report's view model: what a project's customer may read, and nothing
//! else. The types below have no field that could carry cost, budget, EAC, earned-value
//! figures, revenue, margin, rates, hours, team allocations, computed health or a record marked
//! internal; the guarantee is in the types, not in the template that lays them out.
//!
//! It reads only the computed report, where the metrics decided once what a customer may see:
//! the narrative's customer part, and the records and asks marked `customer: true` (every kind
//! defaults to internal). It never reads the updates themselves.

use serde::Serialize;

use super::{health_badge, severity_badge, word_badge, Badge, Ctx};
use crate::charts::{self, Chart};
use crate::format;
use crate::render::markdown::to_html_scoped;
use crate::render::selfcontained;
use crate::report::{AskReport, ProjectReport};
use crate::report::{ChangeStatus, OpenClosed, OpenResolved};

/// Everything a customer report shows.
#[derive(Debug, Clone, Serialize)]
pub struct CustomerReportView {
    pub head: ReportHead,
    pub project: String,
    pub customer: String,
    pub manager: String,
    pub sponsor: Option<String>,
    /// `None` when there is no update as of the date.
    pub status: Option<CustomerStatus>,
    /// Said instead of the status when there is no update as of the date.
    pub no_update: Option<String>,
    /// The heading of the narrative: `Update of 2026-11-20` (and how old it is when stale).
    pub narrative_title: Option<String>,
    /// The customer part of the latest narrative, as sanitized HTML with no reference to
    /// anything outside the file.
    pub narrative: Option<String>,
    /// Said instead of the narrative when the latest update has no customer part.
    pub no_narrative: Option<String>,
    pub milestones: Vec<MilestoneRow>,
    pub milestone_chart: Option<Chart>,
    pub changes: Vec<ChangeRow>,
    pub asks: Vec<AskRow>,
    pub risks: Vec<RecordRow>,
    pub issues: Vec<RecordRow>,
    pub escalations: Vec<RecordRow>,
}

/// The head of a one-file report (either audience).
#[derive(Debug, Clone, Serialize)]
pub struct ReportHead {
    /// The document title.
    pub title: String,
    /// Who produced the report (the portfolio's organization, else its title).
    pub from: String,
    pub as_of: String,
    /// `Customer status report` or `INTERNAL status report, not to be forwarded`.
    pub kind: String,
}

/// The PM's declared status and progress.
#[derive(Debug, Clone, Serialize)]
pub struct CustomerStatus {
    pub overall: Badge,
    /// Schedule and scope, when declared.
    pub dimensions: Vec<(String, Badge)>,
    /// `42%`.
    pub percent: String,
    /// Width of the progress bar, 0–100, as a number string (`42.0`).
    pub bar: String,
    /// `Update of 2026-11-27 by Pat Lee` (`, 28 days ago` when stale).
    pub update_line: String,
    /// Said when the update is stale: how old it is.
    pub stale: Option<String>,
    pub forecast_end: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MilestoneRow {
    pub name: String,
    pub status: Badge,
    pub due: String,
    pub forecast: String,
    pub done: String,
    pub slip: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChangeRow {
    pub title: String,
    pub status: Badge,
    /// Change of the contract value, as agreed with the customer.
    pub value: String,
    pub schedule: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct AskRow {
    pub ask: String,
    pub of: String,
    pub by: String,
    /// The change request the ask is about, when the reader may see it.
    pub change: Option<String>,
    /// Who asks.
    pub author: String,
    /// True for an ask of the customer (`customer: true`).
    pub customer: bool,
}

/// A risk, issue or escalation the PM shares with the customer.
#[derive(Debug, Clone, Serialize)]
pub struct RecordRow {
    pub title: String,
    pub status: Badge,
    /// Severity (issues, escalations) or probability × impact (risks).
    pub rating: String,
    pub owner: String,
    /// Mitigation (risks) or next step (escalations).
    pub action: String,
}

/// The milestone chart of a report: the project page's own (none without milestones). A site
/// build draws it once for both and hands it to [`build`].
pub fn milestone_chart(ctx: &Ctx, p: &ProjectReport) -> Option<Chart> {
    (!p.milestones.is_empty()).then(|| charts::milestone_timeline(p, ctx.report.as_of))
}

/// `, 28 days ago` when the project is stale (its latest update is too old), else nothing.
fn age(p: &ProjectReport) -> String {
    match p.days_since_update.filter(|_| p.stale) {
        Some(days) => format!(", {} ago", format::plural(days.max(0) as usize, "day")),
        None => String::new(),
    }
}

/// `Update of 2026-11-20`, and how old it is when the project is stale (`, 28 days ago`).
pub fn update_of(p: &ProjectReport) -> Option<String> {
    p.latest_update
        .map(|date| format!("Update of {}{}", format::date(date), age(p)))
}

/// Builds the customer report of `p`, with its [`milestone_chart`].
pub fn build(
    ctx: &Ctx,
    p: &ProjectReport,
    kind_title: &str,
    milestone_chart: Option<Chart>,
) -> CustomerReportView {
    let as_of = ctx.report.as_of;
    let status = p.declared_status.as_ref().zip(p.latest_update).map(|(s, date)| {
        let dimensions = [("Schedule", s.schedule), ("Scope", s.scope)]
            .iter()
            .filter_map(|(l, h)| h.map(|h| (l.to_string(), health_badge(h))))
            .collect();
        let pct = p.percent_complete.unwrap_or(0.0).clamp(0.0, 100.0);
        let by = p.latest_author.as_deref().unwrap_or(&p.manager);
        CustomerStatus {
            overall: health_badge(s.overall),
            dimensions,
            percent: format::pct(Some(pct)),
            bar: format!("{pct:.1}"),
            update_line: format!("Update of {} by {by}{}", format::date(date), age(p)),
            stale: p.days_since_update.filter(|_| p.stale).map(|days| {
                format!(
                    "This is the latest update, {} old: the status may have changed since {}.",
                    format::plural(days.max(0) as usize, "day"),
                    format::date(date)
                )
            }),
            forecast_end: p.forecast_end.map(format::date),
        }
    });
    let no_update = p
        .latest_update
        .is_none()
        .then(|| format!("No status update as of {}.", format::date(as_of)));
    let narrative = p
        .customer_part
        .as_ref()
        .map(|c| selfcontained::offline_html(&to_html_scoped(&c.markdown(), "latest-")));
    let no_narrative = (p.latest_update.is_some() && narrative.is_none())
        .then(|| "The project manager has shared no text with this update.".to_string());

    CustomerReportView {
        head: ReportHead {
            title: format!("{} — {kind_title}, {}", p.name, format::date(as_of)),
            from: ctx
                .report
                .site
                .organization
                .clone()
                .unwrap_or_else(|| ctx.report.site.title.clone()),
            as_of: format::date(as_of),
            kind: kind_title.to_string(),
        },
        project: p.name.clone(),
        customer: p.customer.clone(),
        manager: p.manager.clone(),
        sponsor: p.sponsor.clone(),
        status,
        no_update,
        narrative_title: update_of(p),
        narrative,
        no_narrative,
        milestones: milestones(p),
        milestone_chart,
        changes: changes(ctx, p),
        asks: asks(p, false),
        risks: risks(p),
        issues: issues(p),
        escalations: escalations(p),
    }
}

fn milestones(p: &ProjectReport) -> Vec<MilestoneRow> {
    let mut ms: Vec<_> = p.milestones.iter().collect();
    ms.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.id.cmp(&b.id)));
    ms.into_iter()
        .map(|m| MilestoneRow {
            name: m.name.clone(),
            status: super::records::milestone_badge(m),
            due: format::date(m.due),
            forecast: if m.done.is_some() {
                format::NONE.to_string()
            } else {
                format::date(m.forecast)
            },
            done: format::date_opt(m.done),
            slip: if m.slip_days == 0 {
                "on plan".to_string()
            } else {
                format::days_signed(m.slip_days)
            },
        })
        .collect()
}

fn changes(ctx: &Ctx, p: &ProjectReport) -> Vec<ChangeRow> {
    p.changes
        .iter()
        .filter(|c| c.customer)
        .map(|c| ChangeRow {
            title: title(&c.id, &c.title),
            status: match c.status {
                ChangeStatus::Approved => word_badge("Approved", "green", "✓"),
                ChangeStatus::Proposed => word_badge("Proposed", "info", "◆"),
                ChangeStatus::Rejected => word_badge("Rejected", "unknown", "✕"),
            },
            value: ctx.money_opt(c.value_delta),
            schedule: c
                .schedule_delta_days
                .map_or_else(|| format::NONE.to_string(), format::days_signed),
        })
        .collect()
}

/// The open asks of `p`, oldest `by` first, then those without a date in the PM's order: only
/// the customer's (`customer: true`) unless `internal`. An ask names its change request when
/// the reader may see it (the customer sees only a change marked for the customer).
pub fn asks(p: &ProjectReport, internal: bool) -> Vec<AskRow> {
    let mut asks: Vec<&AskReport> = p.asks.iter().filter(|a| internal || a.customer).collect();
    asks.sort_by_key(|a| (a.by.is_none(), a.by));
    asks.into_iter()
        .map(|a| AskRow {
            ask: a.ask.clone(),
            of: a.of.clone().unwrap_or_default(),
            by: format::date_opt(a.by),
            change: a
                .change
                .as_deref()
                .and_then(|id| p.changes.iter().find(|c| c.id == id))
                .filter(|c| internal || c.customer)
                .map(|c| title(&c.id, &c.title)),
            author: a.author.clone(),
            customer: a.customer,
        })
        .collect()
}

fn title(id: &str, title: &str) -> String {
    if title.is_empty() || title == id {
        id.to_string()
    } else {
        format!("{id} {title}")
    }
}

fn open_badge(open: bool, closed_word: &str) -> Badge {
    if open {
        word_badge("Open", "amber", "▲")
    } else {
        word_badge(closed_word, "unknown", "✓")
    }
}

fn risks(p: &ProjectReport) -> Vec<RecordRow> {
    let mut rs: Vec<_> = p.risks.iter().filter(|r| r.customer).collect();
    rs.sort_by(|a, b| {
        a.status
            .cmp(&b.status)
            .then(b.score.cmp(&a.score))
            .then_with(|| a.id.cmp(&b.id))
    });
    rs.into_iter()
        .map(|r| RecordRow {
            title: title(&r.id, &r.title),
            status: open_badge(r.status == OpenClosed::Open, "Closed"),
            rating: format!("P{} × I{}", r.probability, r.impact),
            owner: r.owner.clone().unwrap_or_default(),
            action: r.mitigation.clone().unwrap_or_default(),
        })
        .collect()
}

fn issues(p: &ProjectReport) -> Vec<RecordRow> {
    let mut is: Vec<_> = p.issues.iter().filter(|i| i.customer).collect();
    is.sort_by(|a, b| {
        a.status
            .cmp(&b.status)
            .then(b.severity.cmp(&a.severity))
            .then_with(|| a.id.cmp(&b.id))
    });
    is.into_iter()
        .map(|i| RecordRow {
            title: title(&i.id, &i.title),
            status: open_badge(i.status == OpenClosed::Open, "Closed"),
            rating: severity_badge(i.severity).word,
            owner: i.owner.clone().unwrap_or_default(),
            action: String::new(),
        })
        .collect()
}

fn escalations(p: &ProjectReport) -> Vec<RecordRow> {
    let mut es: Vec<_> = p.escalations.iter().filter(|e| e.customer).collect();
    es.sort_by(|a, b| {
        a.status
            .cmp(&b.status)
            .then(a.raised.cmp(&b.raised))
            .then_with(|| a.id.cmp(&b.id))
    });
    es.into_iter()
        .map(|e| {
            let action = match (e.next_step.as_deref(), e.next_step_by) {
                (Some(s), Some(d)) => format!("{s} (by {})", format::date(d)),
                (Some(s), None) => s.to_string(),
                (None, Some(d)) => format!("next step by {}", format::date(d)),
                (None, None) => String::new(),
            };
            RecordRow {
                title: title(&e.id, &e.title),
                status: open_badge(e.status == OpenResolved::Open, "Resolved"),
                rating: severity_badge(e.severity).word,
                owner: e.owner.clone().unwrap_or_default(),
                action,
            }
        })
        .collect()
}
