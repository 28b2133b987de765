//! The project page: declared against computed health and the latest narrative first, then the
//! exceptions, then EVM, milestones, RAID, changes, team, partners and the update history.

use serde::Serialize;

use super::tables::{Cell, Table};
use super::{health_badge, recognized_tile, severity_badge, tile, word_badge, Badge, Ctx, Link};
use crate::charts::{self, Chart};
use crate::format;
use crate::render::markdown::to_html_scoped;
use crate::report::{ChangeStatus, OpenClosed, OpenResolved};
use crate::report::{EscalationRecord, ProjectReport};
use crate::wording::{self, Style};

#[derive(Debug, Serialize)]
pub struct ProjectView {
    pub name: String,
    pub subtitle: String,
    /// The project's region page.
    pub region: Option<Link>,
    pub program: Option<Link>,
    pub declared: Badge,
    pub computed: Badge,
    pub dimensions: Vec<(String, Badge)>,
    pub differ: bool,
    pub watermelon: bool,
    pub reasons: Vec<String>,
    pub latest: Option<String>,
    pub stale: Option<String>,
    /// "As reported on 2026-10-23, 28 days ago" beside the declared status, the milestone
    /// forecasts and the narrative of a stale project; `None` when it is current.
    pub as_reported: Option<String>,
    /// Revenue by fiscal quarter: recognized (actual) and forecast.
    pub revenue: Table,
    pub narrative: Option<String>,
    pub tiles: Vec<(String, String, String)>,
    pub facts: Vec<(String, String)>,
    pub evm: Table,
    pub charts: Vec<Chart>,
    pub milestones: Table,
    pub risks: Table,
    pub issues: Table,
    pub escalations: Table,
    pub changes: Table,
    pub team: Table,
    pub partners: Table,
    /// The last 13 weeks' hours from time entries beside the PM's figure (none without entries).
    pub hours: Option<Table>,
    pub description: Option<String>,
    pub history: Vec<HistoryEntry>,
    /// The customer status report file next to the page (set by the site renderer).
    pub customer_report: Option<Link>,
    /// The name a reader's browser saves the customer report under
    /// (`<id>-<as-of>-customer.html`).
    pub customer_report_name: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct HistoryEntry {
    pub date: String,
    pub anchor: String,
    pub declared: Badge,
    pub percent: String,
    pub author: String,
    pub html: String,
}

pub fn build(ctx: &Ctx, root: &str, p: &ProjectReport) -> ProjectView {
    let as_of = ctx.report.as_of;
    let updates = &p.text.updates;
    let narrative = updates.last().map(|u| to_html_scoped(&u.markdown, "latest-"));
    let history = updates
        .iter()
        .rev()
        .map(|u| {
            let d = format::date(u.date);
            HistoryEntry {
                anchor: format!("u-{d}"),
                declared: health_badge(u.declared.overall),
                percent: format::pct(Some(u.percent_complete)),
                author: u.author.clone(),
                html: to_html_scoped(&u.markdown, &format!("u-{d}-")),
                date: d,
            }
        })
        .collect();
    let latest = p.latest_update.map(|d| {
        let author = updates.last().map_or(p.manager.as_str(), |u| u.author.as_str());
        format!("Latest update {} by {}", format::date(d), author)
    });
    let stale = p.stale.then(|| match p.days_since_update {
        Some(n) => format!("Stale: the latest update is {n} days old."),
        None => "No status update yet.".to_string(),
    });
    let dimensions = p
        .declared_status
        .as_ref()
        .map(|s| {
            [("Schedule", s.schedule), ("Budget", s.budget), ("Scope", s.scope)]
                .iter()
                .filter_map(|(l, h)| h.map(|h| (l.to_string(), health_badge(h))))
                .collect()
        })
        .unwrap_or_default();
    let mut subtitle = vec![p.customer.clone()];
    subtitle.push(match p.engagement {
        crate::report::Engagement::FixedPrice => "Fixed price".to_string(),
        crate::report::Engagement::TimeAndMaterials => "Time & materials".to_string(),
    });
    subtitle.push(format!("PM {}", p.manager));
    // The region after the subtitle, as a link to its page.
    let region = p.region.as_deref().map(|id| ctx.region_link(root, id));
    let mut charts = vec![charts::s_curve(p, as_of, ctx.currency)];
    if !p.milestones.is_empty() {
        charts.push(charts::milestone_timeline(p, as_of));
    }
    if p.risks.iter().any(|r| r.status == OpenClosed::Open) {
        charts.push(charts::risk_heatmap(
            &p.risks,
            &ctx.report.site.risk_levels,
            as_of,
        ));
    }
    ProjectView {
        name: p.name.clone(),
        subtitle: subtitle.join(" · "),
        region,
        program: ctx.program_link(root, p.program.as_deref()),
        declared: health_badge(p.health.declared),
        computed: health_badge(p.health.computed),
        dimensions,
        differ: p.health.declared != p.health.computed,
        watermelon: p.health.watermelon,
        reasons: p
            .health
            .reasons
            .iter()
            .map(|r| wording::reason(r, Style::Prose))
            .collect(),
        latest,
        stale,
        as_reported: p.as_reported.map(|a| {
            format!(
                "As reported on {}, {} ago",
                format::date(a.date),
                format::plural(usize::try_from(a.days_ago).unwrap_or(0), "day")
            )
        }),
        revenue: revenue_by_quarter(ctx, p),
        narrative,
        tiles: tiles(ctx, p),
        facts: facts(ctx, p),
        evm: evm(ctx, p),
        charts,
        milestones: milestones(p),
        risks: risks(p),
        issues: issues(p),
        escalations: escalations(p),
        changes: changes(ctx, p),
        team: team(p),
        partners: partners(ctx, p),
        hours: hours_by_week(p),
        description: p.text.description.as_deref().map(|d| to_html_scoped(d, "desc-")),
        history,
        customer_report: None,
        customer_report_name: None,
    }
}

fn tiles(ctx: &Ctx, p: &ProjectReport) -> Vec<(String, String, String)> {
    let e = &p.evm;
    vec![
        tile(
            "Complete",
            format::pct(p.percent_complete),
            format!("{} planned", format::pct(e.planned_percent)),
        ),
        tile("CPI", format::ratio(e.cpi), "earned value ÷ actual cost"),
        tile("SPI", format::ratio(e.spi), "earned value ÷ planned value"),
        recognized_tile(ctx, p.recognized_revenue, p.current_value),
        tile(
            "Margin to date",
            format::pct_of_fraction(p.margin),
            format!("cost to date {}", ctx.compact(e.ac.unwrap_or(0.0))),
        ),
        tile(
            "Margin at completion",
            format::pct_of_fraction(p.margin_at_completion),
            format!("sold at {}", format::pct_of_fraction(p.margin_at_sale)),
        ),
        tile(
            "Forecast at completion",
            e.eac.map_or_else(|| format::NONE.to_string(), |v| ctx.compact(v)),
            format!("budget {}", ctx.compact(e.bac.unwrap_or(p.budget))),
        ),
    ]
}

fn facts(ctx: &Ctx, p: &ProjectReport) -> Vec<(String, String)> {
    let mut f = vec![
        ("Customer".to_string(), p.customer.clone()),
        ("Manager".to_string(), p.manager.clone()),
    ];
    if let Some(s) = &p.sponsor {
        f.push(("Sponsor".into(), s.clone()));
    }
    if let Some(r) = &p.region {
        f.push(("Region".into(), r.clone()));
    }
    if let Some(ae) = &p.account_executive {
        f.push(("Account executive".into(), ae.clone()));
    }
    if let Some(tam) = &p.tam {
        f.push(("TAM".into(), tam.clone()));
    }
    f.push(("Contract value".into(), ctx.money(p.contract_value)));
    if p.current_value != p.contract_value {
        f.push((
            "Current value (with approved changes)".into(),
            ctx.money(p.current_value),
        ));
    }
    f.push(("Budget (baseline)".into(), ctx.money(p.budget)));
    if let Some(rate) = p.rate {
        f.push(("Bill rate".into(), format!("{} / hour", ctx.money(rate))));
    }
    if let Some(h) = p.hours {
        f.push(("Hours billed".into(), format::number(h, 0)));
    }
    f.push(("Start".into(), format::date(p.start)));
    f.push(("Baseline end".into(), format::date(p.end)));
    if p.current_end != p.end {
        f.push((
            "Current end (with approved changes)".into(),
            format::date(p.current_end),
        ));
    }
    f.push(("Forecast end".into(), format::date_opt(p.forecast_end)));
    if !p.tags.is_empty() {
        f.push(("Tags".into(), p.tags.join(", ")));
    }
    f
}

fn evm(ctx: &Ctx, p: &ProjectReport) -> Table {
    let e = &p.evm;
    let mut t = Table::new(
        "evm",
        "Earned value",
        &[("Measure", false), ("Value", true), ("Meaning", false)],
        "",
    );
    let money = |v| ctx.money_opt(v);
    let rows: [(&str, String, &str); 12] = [
        (
            "BAC",
            money(e.bac),
            "Budget at completion (with approved changes)",
        ),
        (
            "PV",
            money(e.pv),
            "Planned value: budgeted cost of the work planned to date",
        ),
        ("EV", money(e.ev), "Earned value: budgeted cost of the work done"),
        ("AC", money(e.ac), "Actual cost to date"),
        ("CV", money(e.cv), "Cost variance EV − AC (negative: over budget)"),
        ("SV", money(e.sv), "Schedule variance EV − PV (negative: behind)"),
        (
            "CPI",
            format::ratio(e.cpi),
            "Cost performance EV ÷ AC (below 1: over budget)",
        ),
        (
            "SPI",
            format::ratio(e.spi),
            "Schedule performance EV ÷ PV (below 1: behind)",
        ),
        ("EAC", money(e.eac), "Estimate at completion"),
        ("ETC", money(e.etc), "Estimate to complete EAC − AC"),
        ("VAC", money(e.vac), "Variance at completion BAC − EAC"),
        (
            "TCPI",
            format::ratio(e.tcpi),
            "CPI needed on the remaining work to finish on budget",
        ),
    ];
    for (k, v, meaning) in rows {
        t.rows.push(vec![
            Cell::text(k).row_header(),
            Cell::num(v, String::new()),
            Cell::text(meaning),
        ]);
    }
    t
}

/// The project's revenue by fiscal quarter: recognized, forecast, the part at risk, and the
/// quarter's total.
fn revenue_by_quarter(ctx: &Ctx, p: &ProjectReport) -> Table {
    let mut t = Table::new(
        "revenue-by-quarter",
        "Revenue by quarter",
        &[
            ("Quarter", false),
            ("Recognized", true),
            ("Forecast", true),
            ("Forecast at risk", true),
            ("Total", true),
        ],
        "No revenue recognized or forecast yet.",
    );
    t.order_note = Some(format!(
        "recognized to {}, forecast after",
        format::date(ctx.report.as_of)
    ));
    let current = &ctx.report.fiscal.quarter;
    for q in &p.revenue_by_quarter {
        let label = if &q.label == current {
            format!("{} (this quarter)", q.label)
        } else {
            q.label.clone()
        };
        t.rows.push(vec![
            Cell::text(label).row_header(),
            Cell::num(ctx.money(q.actual), String::new()),
            Cell::num(ctx.money(q.forecast), String::new()),
            Cell::num(
                if q.forecast_at_risk > 0.0 {
                    ctx.money(q.forecast_at_risk)
                } else {
                    ctx.money_opt(None)
                },
                String::new(),
            ),
            Cell::num(ctx.money(q.actual + q.forecast), String::new()),
        ]);
    }
    t
}

fn milestones(p: &ProjectReport) -> Table {
    let mut t = Table::new(
        "milestones",
        "Milestones",
        &[
            ("Milestone", false),
            ("Status", false),
            ("Baseline due", true),
            ("Forecast", true),
            ("Done", true),
            ("Slip", true),
        ],
        "No milestones.",
    );
    let mut ms: Vec<_> = p.milestones.iter().collect();
    ms.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.id.cmp(&b.id)));
    for m in ms {
        let status = super::records::milestone_badge(m);
        t.rows.push(vec![
            Cell::text(&m.name).row_header(),
            Cell::badge(status, String::new()),
            Cell::num(format::date(m.due), String::new()),
            Cell::num(
                match (m.as_reported, m.reported_on, p.as_reported) {
                    (true, Some(on), _) => {
                        format!(
                            "{} (as reported on {})",
                            format::date(m.forecast),
                            format::date(on)
                        )
                    }
                    // Never moved by an update: the baseline date, as the latest update left it.
                    (true, None, Some(a)) => format!(
                        "{} (baseline date, as reported on {})",
                        format::date(m.forecast),
                        format::date(a.date)
                    ),
                    _ => format::date(m.forecast),
                },
                String::new(),
            ),
            Cell::num(format::date_opt(m.done), String::new()),
            Cell::num(format::days_signed(m.slip_days), String::new()),
        ]);
    }
    t
}

fn open_badge(open: bool, open_word: &str, closed_word: &str) -> Badge {
    if open {
        word_badge(open_word, "amber", "▲")
    } else {
        word_badge(closed_word, "unknown", "✓")
    }
}

fn risks(p: &ProjectReport) -> Table {
    let mut t = Table::new(
        "risks",
        "Risks, highest score first",
        &[
            ("Risk", false),
            ("Status", false),
            ("Score", true),
            ("P × I", true),
            ("Owner", false),
            ("Mitigation", false),
            ("Opened", true),
        ],
        "No risks recorded.",
    );
    let mut rs: Vec<_> = p.risks.iter().collect();
    rs.sort_by(|a, b| {
        a.status
            .cmp(&b.status)
            .then(b.score.cmp(&a.score))
            .then_with(|| a.id.cmp(&b.id))
    });
    for r in rs {
        t.rows.push(vec![
            Cell::text(format!("{} {}", r.id, r.title)).row_header(),
            Cell::badge(
                open_badge(r.status == OpenClosed::Open, "Open", "Closed"),
                String::new(),
            ),
            Cell::num(r.score.to_string(), String::new()),
            Cell::num(format!("{} × {}", r.probability, r.impact), String::new()),
            Cell::opt_text(r.owner.as_deref()),
            Cell::opt_text(r.mitigation.as_deref()),
            Cell::num(format::date(r.opened), String::new()),
        ]);
    }
    t
}

fn issues(p: &ProjectReport) -> Table {
    let mut t = Table::new(
        "issues",
        "Issues",
        &[
            ("Issue", false),
            ("Status", false),
            ("Severity", false),
            ("Owner", false),
            ("Opened", true),
        ],
        "No issues recorded.",
    );
    let mut is: Vec<_> = p.issues.iter().collect();
    is.sort_by(|a, b| {
        a.status
            .cmp(&b.status)
            .then(b.severity.cmp(&a.severity))
            .then_with(|| a.id.cmp(&b.id))
    });
    for i in is {
        t.rows.push(vec![
            Cell::text(format!("{} {}", i.id, i.title)).row_header(),
            Cell::badge(
                open_badge(i.status == OpenClosed::Open, "Open", "Closed"),
                String::new(),
            ),
            Cell::badge(severity_badge(i.severity), String::new()),
            Cell::opt_text(i.owner.as_deref()),
            Cell::num(format::date(i.opened), String::new()),
        ]);
    }
    t
}

fn escalations(p: &ProjectReport) -> Table {
    let mut t = Table::new(
        "escalations",
        "Escalations",
        &[
            ("Escalation", false),
            ("Status", false),
            ("Severity", false),
            ("Owner", false),
            ("Raised", true),
            ("Age (days)", true),
            ("Stakeholders", false),
            ("Next step", false),
        ],
        "No escalations.",
    );
    let mut es: Vec<_> = p.escalations.iter().collect();
    es.sort_by(|a, b| {
        a.status
            .cmp(&b.status)
            .then(a.raised.cmp(&b.raised))
            .then_with(|| a.id.cmp(&b.id))
    });
    for e in es {
        t.rows.push(vec![
            Cell::text(format!("{} {}", e.id, e.title)).row_header(),
            Cell::badge(
                open_badge(e.status == OpenResolved::Open, "Open", "Resolved"),
                String::new(),
            ),
            Cell::badge(severity_badge(e.severity), String::new()),
            Cell::opt_text(e.owner.as_deref()),
            Cell::num(format::date(e.raised), String::new()),
            Cell::num(
                e.age_days
                    .map_or_else(|| format::NONE.to_string(), |d| d.to_string()),
                String::new(),
            ),
            super::records::stakeholders_cell(&e.stakeholders),
            Cell::opt_text(next_step(e).as_deref()),
        ]);
    }
    t
}

/// An escalation's next step with its date, marked when overdue.
fn next_step(e: &EscalationRecord) -> Option<String> {
    let by = e.next_step_by.map(|d| {
        let late = if e.overdue { ", overdue" } else { "" };
        format!("by {}{late}", format::date(d))
    });
    match (e.next_step.as_deref(), by) {
        (Some(s), Some(by)) => Some(format!("{s} ({by})")),
        (Some(s), None) => Some(s.to_string()),
        (None, Some(by)) => Some(format!("Next step {by}")),
        (None, None) => None,
    }
}

fn changes(ctx: &Ctx, p: &ProjectReport) -> Table {
    let mut t = Table::new(
        "changes",
        "Change requests",
        &[
            ("Change", false),
            ("Status", false),
            ("Budget Δ", true),
            ("Value Δ", true),
            ("Schedule Δ", true),
            ("Opened", true),
        ],
        "No change requests.",
    );
    for c in &p.changes {
        let status = match c.status {
            ChangeStatus::Approved => word_badge("Approved", "green", "✓"),
            ChangeStatus::Proposed => word_badge("Proposed", "info", "◆"),
            ChangeStatus::Rejected => word_badge("Rejected", "unknown", "✕"),
        };
        t.rows.push(vec![
            Cell::text(format!("{} {}", c.id, c.title)).row_header(),
            Cell::badge(status, String::new()),
            Cell::num(ctx.money_opt(c.budget_delta), String::new()),
            Cell::num(ctx.money_opt(c.value_delta), String::new()),
            Cell::num(
                c.schedule_delta_days
                    .map_or_else(|| format::NONE.to_string(), format::days_signed),
                String::new(),
            ),
            Cell::num(format::date(c.opened), String::new()),
        ]);
    }
    t
}

/// Hours by week from the time entries, with the cumulative billable hours they give and the
/// cumulative hours the PM typed in an update that week.
fn hours_by_week(p: &ProjectReport) -> Option<Table> {
    if p.hours_by_week.is_empty() {
        return None;
    }
    let mut t = Table::new(
        "hours-by-week",
        "Hours by week from the time entries, beside the PM's figure (last 13 weeks)",
        &[
            ("Week of", false),
            ("Hours", true),
            ("Billable", true),
            ("Cumulative billable (entries)", true),
            ("Cumulative (PM's update)", true),
        ],
        "No time entries.",
    );
    for w in &p.hours_by_week {
        t.rows.push(vec![
            Cell::text(format::date(w.week)).row_header(),
            Cell::num(format::number(w.hours, 1), format::sort_key(Some(w.hours))),
            Cell::num(
                format::number(w.billable_hours, 1),
                format::sort_key(Some(w.billable_hours)),
            ),
            Cell::num(
                format::number(w.cumulative_billable_hours, 1),
                format::sort_key(Some(w.cumulative_billable_hours)),
            ),
            Cell::num(
                w.reported
                    .map_or_else(|| format::NONE.to_string(), |h| format::number(h, 1)),
                format::sort_key(w.reported),
            ),
        ]);
    }
    Some(t)
}

fn team(p: &ProjectReport) -> Table {
    let mut t = Table::new(
        "team",
        "Team",
        &[("Name", false), ("Role", false), ("Allocation", true)],
        "No team listed.",
    );
    for member in &p.text.team {
        t.rows.push(vec![
            Cell::text(&member.name).row_header(),
            Cell::text(&member.role),
            Cell::num(format::pct(Some(member.allocation)), String::new()),
        ]);
    }
    t
}

fn partners(ctx: &Ctx, p: &ProjectReport) -> Table {
    let mut t = Table::new(
        "partners",
        "Partners",
        &[("Partner", false), ("Role", false), ("Budget", true)],
        "No partners.",
    );
    for partner in &p.text.partners {
        t.rows.push(vec![
            Cell::text(&partner.name).row_header(),
            Cell::text(&partner.role),
            Cell::num(ctx.money_opt(partner.budget), String::new()),
        ]);
    }
    t
}

#[cfg(test)]
mod next_step_tests {
    use super::next_step;
    use crate::report::EscalationRecord;
    use crate::report::{OpenResolved, Severity};

    #[test]
    fn next_step_with_date_and_overdue_mark() {
        let d = |s: &str| s.parse().unwrap();
        let mut e = EscalationRecord {
            id: "e".into(),
            title: "T".into(),
            severity: Severity::High,
            raised: d("2026-01-01"),
            owner: None,
            status: OpenResolved::Open,
            opened: d("2026-01-01"),
            updated: d("2026-01-01"),
            age_days: Some(3),
            customer: false,
            stakeholders: Vec::new(),
            next_step: Some("Call the CIO".into()),
            next_step_by: Some(d("2026-01-02")),
            overdue: true,
        };
        assert_eq!(
            next_step(&e).as_deref(),
            Some("Call the CIO (by 2026-01-02, overdue)")
        );
        e.overdue = false;
        e.next_step = None;
        assert_eq!(next_step(&e).as_deref(), Some("Next step by 2026-01-02"));
        e.next_step_by = None;
        assert_eq!(next_step(&e), None);
    }
}
