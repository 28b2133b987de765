//! Portfolio-wide tables: the risk, escalation and milestone registers,
//! people, partners and the list of programs. Each register page is a short intro and tables.

use serde::Serialize;

use super::tables::{Cell, Table};
use super::{severity_badge, word_badge, Ctx, Link};
use crate::model::{OpenClosed, OpenResolved};
use crate::render::format;
use crate::report::Health;

/// A register page: an intro sentence and its tables.
#[derive(Debug, Serialize)]
pub struct RegisterView {
    pub intro: String,
    pub tables: Vec<Table>,
}

/// Open risks, highest score first.
pub fn open_risks(ctx: &Ctx, root: &str, id: &str, full: bool) -> Table {
    risk_table(
        ctx,
        root,
        id,
        "Open risks, highest score first",
        OpenClosed::Open,
        full,
    )
}

fn risk_table(ctx: &Ctx, root: &str, id: &str, caption: &str, status: OpenClosed, full: bool) -> Table {
    let mut rows: Vec<_> = ctx
        .report
        .projects
        .iter()
        .flat_map(|p| p.risks.iter().map(move |r| (p, r)))
        .filter(|(_, r)| r.status == status)
        .collect();
    rows.sort_by(|a, b| {
        b.1.score
            .cmp(&a.1.score)
            .then_with(|| a.0.name.cmp(&b.0.name))
            .then_with(|| a.1.id.cmp(&b.1.id))
    });
    let mut headers = vec![
        ("Score", true),
        ("Risk", false),
        ("Project", false),
        ("P × I", true),
        ("Owner", false),
    ];
    if full {
        headers.extend([("Mitigation", false), ("Opened", true)]);
    }
    let mut t = Table::new(id, caption, &headers, "No risks.");
    t.sortable = full;
    for (p, r) in rows {
        let sev = if r.score >= 15 {
            word_badge(&r.score.to_string(), "red", "■")
        } else if r.score >= 8 {
            word_badge(&r.score.to_string(), "amber", "▲")
        } else {
            word_badge(&r.score.to_string(), "green", "●")
        };
        let mut row = vec![
            Cell::badge(sev, r.score.to_string()),
            Cell::text(format!("{} {}", r.id, r.title)).row_header(),
            Cell::link(ctx.project_link(root, &p.id)),
            Cell::num(format!("{} × {}", r.probability, r.impact), r.score.to_string()),
            Cell::opt_text(r.owner.as_deref()),
        ];
        if full {
            row.push(Cell::opt_text(r.mitigation.as_deref()));
            row.push(Cell::num(format::date(r.opened), String::new()));
        }
        t.rows.push(row);
    }
    t
}

/// Open escalations, oldest first.
pub fn open_escalations(ctx: &Ctx, root: &str, id: &str, full: bool) -> Table {
    escalation_table(ctx, root, id, "Open escalations, oldest first", true, full)
}

fn escalation_table(ctx: &Ctx, root: &str, id: &str, caption: &str, open: bool, full: bool) -> Table {
    let want = if open {
        OpenResolved::Open
    } else {
        OpenResolved::Resolved
    };
    let mut rows: Vec<_> = ctx
        .report
        .projects
        .iter()
        .flat_map(|p| p.escalations.iter().map(move |e| (p, e)))
        .filter(|(_, e)| e.status == want)
        .collect();
    rows.sort_by(|a, b| {
        a.1.raised
            .cmp(&b.1.raised)
            .then_with(|| b.1.severity.cmp(&a.1.severity))
            .then_with(|| a.0.name.cmp(&b.0.name))
    });
    let first = if open {
        ("Age (days)", true)
    } else {
        ("Resolved", true)
    };
    let mut t = Table::new(
        id,
        caption,
        &[
            first,
            ("Severity", false),
            ("Escalation", false),
            ("Project", false),
            ("Owner", false),
            ("Raised", true),
        ],
        if open {
            "No open escalations."
        } else {
            "No resolved escalations."
        },
    );
    t.sortable = full;
    for (p, e) in rows {
        let first = if open {
            let age = e.age_days.unwrap_or(0);
            Cell::num(age.to_string(), age.to_string())
        } else {
            Cell::num(format::date(e.updated), String::new())
        };
        t.rows.push(vec![
            first,
            Cell::badge(severity_badge(e.severity), (e.severity as u8).to_string()),
            Cell::text(format!("{} {}", e.id, e.title)).row_header(),
            Cell::link(ctx.project_link(root, &p.id)),
            Cell::opt_text(e.owner.as_deref()),
            Cell::num(format::date(e.raised), String::new()),
        ]);
    }
    t
}

/// Milestones forecast in the next 30 days.
pub fn upcoming_milestones(ctx: &Ctx, root: &str, id: &str) -> Table {
    let mut rows: Vec<_> = ctx
        .report
        .projects
        .iter()
        .flat_map(|p| p.milestones.iter().map(move |m| (p, m)))
        .filter(|(_, m)| m.upcoming)
        .collect();
    rows.sort_by(|a, b| {
        a.1.forecast
            .cmp(&b.1.forecast)
            .then_with(|| a.0.name.cmp(&b.0.name))
    });
    let mut t = Table::new(
        id,
        "Milestones forecast in the next 30 days",
        &[
            ("Forecast", true),
            ("Milestone", false),
            ("Project", false),
            ("Baseline due", true),
            ("Slip", true),
        ],
        "No milestones due in the next 30 days.",
    );
    for (p, m) in rows {
        t.rows.push(vec![
            Cell::num(format::date(m.forecast), String::new()),
            Cell::text(&m.name).row_header(),
            Cell::link(ctx.project_link(root, &p.id)),
            Cell::num(format::date(m.due), String::new()),
            Cell::num(format::days_signed(m.slip_days), m.slip_days.to_string()),
        ]);
    }
    t
}

pub fn risks_page(ctx: &Ctx, root: &str) -> RegisterView {
    let open = open_risks(ctx, root, "risks-open", true);
    RegisterView {
        intro: format!(
            "{} open risks across the portfolio. Score = probability × impact (1–25): 15 and above is severe, 8–14 significant.",
            open.rows.len()
        ),
        tables: vec![open, risk_table(ctx, root, "risks-closed", "Closed risks", OpenClosed::Closed, true)],
    }
}

pub fn escalations_page(ctx: &Ctx, root: &str) -> RegisterView {
    let open = open_escalations(ctx, root, "escalations-open", true);
    RegisterView {
        intro: format!(
            "{} open escalations, oldest first: the longer one waits, the more it costs.",
            open.rows.len()
        ),
        tables: vec![
            open,
            escalation_table(
                ctx,
                root,
                "escalations-resolved",
                "Resolved escalations",
                false,
                true,
            ),
        ],
    }
}

pub fn milestones_page(ctx: &Ctx, root: &str) -> RegisterView {
    let mut all: Vec<_> = ctx
        .report
        .projects
        .iter()
        .flat_map(|p| p.milestones.iter().map(move |m| (p, m)))
        .collect();
    all.sort_by(|a, b| {
        a.1.forecast
            .cmp(&b.1.forecast)
            .then_with(|| a.0.name.cmp(&b.0.name))
            .then_with(|| a.1.id.cmp(&b.1.id))
    });
    let headers = [
        ("Status", false),
        ("Forecast", true),
        ("Milestone", false),
        ("Project", false),
        ("Baseline due", true),
        ("Slip", true),
        ("Done", true),
    ];
    let mut open = Table::new(
        "milestones-open",
        "Open milestones by forecast date",
        &headers,
        "No open milestones.",
    )
    .sortable();
    let mut done = Table::new(
        "milestones-done",
        "Completed milestones",
        &headers,
        "No completed milestones.",
    )
    .sortable();
    let mut late = 0;
    for (p, m) in all {
        let status = if m.done.is_some() {
            word_badge("Done", "green", "✓")
        } else if m.late {
            late += 1;
            word_badge("Late", "red", "■")
        } else if m.upcoming {
            word_badge("Next 30 days", "info", "◆")
        } else {
            word_badge("Planned", "unknown", "○")
        };
        let row = vec![
            Cell::badge(status, String::new()),
            Cell::num(format::date(m.forecast), String::new()),
            Cell::text(&m.name).row_header(),
            Cell::link(ctx.project_link(root, &p.id)),
            Cell::num(format::date(m.due), String::new()),
            Cell::num(format::days_signed(m.slip_days), m.slip_days.to_string()),
            Cell::num(format::date_opt(m.done), String::new()),
        ];
        if m.done.is_some() {
            done.rows.push(row)
        } else {
            open.rows.push(row)
        }
    }
    RegisterView {
        intro: format!(
            "{} open milestones, {} of them late (baseline due date passed).",
            open.rows.len(),
            late
        ),
        tables: vec![open, done],
    }
}

pub fn people_page(ctx: &Ctx, root: &str) -> RegisterView {
    let mut t = Table::new(
        "people",
        "Allocation over projects active at the as-of date",
        &[
            ("Person", false),
            ("Allocation", true),
            ("Status", false),
            ("Assignments", false),
        ],
        "No team members on active projects.",
    )
    .sortable();
    let mut over = 0;
    for person in &ctx.report.people {
        let status = if person.over_allocated {
            over += 1;
            word_badge("Over-allocated", "red", "■")
        } else {
            word_badge("OK", "green", "●")
        };
        let assignments = person
            .assignments
            .iter()
            .map(|a| {
                let name = ctx.project(&a.project).map_or(a.project.as_str(), |p| &p.name);
                format!("{name} — {} {}", a.role, format::pct(Some(a.allocation)))
            })
            .collect::<Vec<_>>()
            .join("; ");
        t.rows.push(vec![
            Cell::text(&person.name).row_header(),
            Cell::num(
                format::pct(Some(person.allocation)),
                format::sort_key(Some(person.allocation)),
            ),
            Cell::badge(status, u8::from(person.over_allocated).to_string()),
            Cell::text(assignments),
        ]);
    }
    let _ = root;
    RegisterView {
        intro: format!(
            "{} people on active projects; {} over-allocated (more than 100% of a week).",
            ctx.report.people.len(),
            over
        ),
        tables: vec![t],
    }
}

pub fn partners_page(ctx: &Ctx, root: &str) -> RegisterView {
    let mut t = Table::new(
        "partners",
        "Delivery partners and subcontractors",
        &[
            ("Partner", false),
            ("Budget", true),
            ("Projects", true),
            ("Engagements", false),
        ],
        "No partners.",
    )
    .sortable();
    for partner in &ctx.report.partners {
        let engagements = partner
            .engagements
            .iter()
            .map(|e| {
                let name = ctx.project(&e.project).map_or(e.project.as_str(), |p| &p.name);
                match e.budget {
                    Some(b) => format!("{name} — {} ({})", e.role, ctx.money(b)),
                    None => format!("{name} — {}", e.role),
                }
            })
            .collect::<Vec<_>>()
            .join("; ");
        t.rows.push(vec![
            Cell::text(&partner.name).row_header(),
            Cell::num(ctx.money(partner.budget), format::sort_key(Some(partner.budget))),
            Cell::num(
                partner.engagements.len().to_string(),
                partner.engagements.len().to_string(),
            ),
            Cell::text(engagements),
        ]);
    }
    let _ = root;
    RegisterView {
        intro: format!("{} partners across the portfolio.", ctx.report.partners.len()),
        tables: vec![t],
    }
}

/// Health counts as words, worst first: `2 red · 1 amber · 5 green`.
pub fn health_summary(counts: &std::collections::BTreeMap<Health, usize>) -> String {
    [Health::Red, Health::Amber, Health::Green, Health::Unknown]
        .iter()
        .filter_map(|h| {
            counts
                .get(h)
                .filter(|n| **n > 0)
                .map(|n| format!("{n} {}", h.as_str()))
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

pub fn programs_page(ctx: &Ctx, root: &str) -> RegisterView {
    let mut t = Table::new(
        "programs",
        "Programs",
        &[
            ("Program", false),
            ("Sponsor", false),
            ("Projects", true),
            ("Computed health", false),
            ("Value", true),
            ("Recognized", true),
            ("CPI", true),
            ("SPI", true),
        ],
        "No programs.",
    )
    .sortable();
    for p in &ctx.report.programs {
        let r = &p.rollup;
        t.rows.push(vec![
            Cell::link(Link {
                text: p.name.clone(),
                href: format!("{root}programs/{}/index.html", p.id),
            })
            .row_header(),
            Cell::opt_text(p.sponsor.as_deref()),
            Cell::num(r.project_count.to_string(), r.project_count.to_string()),
            Cell::text(health_summary(&r.health.computed)),
            Cell::num(
                ctx.money(r.current_value),
                format::sort_key(Some(r.current_value)),
            ),
            Cell::num(
                ctx.money(r.recognized_revenue),
                format::sort_key(Some(r.recognized_revenue)),
            ),
            Cell::num(format::ratio(r.cpi), format::sort_key(r.cpi)),
            Cell::num(format::ratio(r.spi), format::sort_key(r.spi)),
        ]);
    }
    RegisterView {
        intro: format!("{} programs.", ctx.report.programs.len()),
        tables: vec![t],
    }
}
