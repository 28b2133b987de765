//! Tables of records (risks, issues, escalations, change requests, milestones) over any set of
//! projects: the whole portfolio for the registers and the summary, or one program's projects
//! for its page. Each row's first text cell carries a stable anchor (`risk-<project>-<id>`…)
//! so other pages (partners) can link to a record in its register.

use super::tables::{Cell, Table};
use super::{severity_badge, word_badge, Badge, Ctx};
use crate::format;
use crate::report::{ChangeStatus, OpenClosed, OpenResolved, RiskLevel};
use crate::report::{EscalationRecord, MilestoneStatus, ProjectReport, RiskRecord};

/// The anchor of a record in its register: `<kind>-<project>-<record>`.
pub fn anchor(kind: &str, project: &str, id: &str) -> String {
    format!("{kind}-{project}-{id}")
}

/// A risk's badge: its level on the portfolio's one risk scale (`risk_levels`) and score, as
/// on every other page and chart; a closed risk is muted whatever its score.
pub fn risk_badge(r: &RiskRecord) -> Badge {
    let score = r.score.to_string();
    if r.status == OpenClosed::Closed {
        return word_badge(&format!("{score} closed"), "unknown", "✓");
    }
    let word = format!("{} {score}", r.level.as_str());
    match r.level {
        RiskLevel::Severe => word_badge(&word, "red", "■"),
        RiskLevel::High => word_badge(&word, "amber", "▲"),
        RiskLevel::Medium => word_badge(&word, "amber", "●"),
        RiskLevel::Low => word_badge(&word, "green", "●"),
    }
}

fn title_cell(kind: &str, p: &ProjectReport, id: &str, title: &str, anchored: bool) -> Cell {
    let mut c = Cell::text(format!("{id} {title}")).row_header();
    if anchored {
        c.anchor = Some(anchor(kind, &p.id, id));
    }
    c
}

/// Risks of `status`, highest score first. `full` adds mitigation and opened date, sorting and
/// row anchors (the register).
pub fn risks(
    ctx: &Ctx,
    root: &str,
    projects: &[&ProjectReport],
    id: &str,
    caption: &str,
    status: OpenClosed,
    full: bool,
) -> Table {
    let mut rows: Vec<_> = projects
        .iter()
        .flat_map(|p| p.risks.iter().map(move |r| (*p, r)))
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
    let empty = if status == OpenClosed::Open {
        "No open risks."
    } else {
        "No closed risks."
    };
    let mut t = Table::new(id, caption, &headers, empty);
    t.sortable = full;
    for (p, r) in rows {
        let mut row = vec![
            Cell::badge(risk_badge(r), r.score.to_string()),
            title_cell("risk", p, &r.id, &r.title, full),
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

/// Open (oldest first) or resolved escalations.
pub fn escalations(
    ctx: &Ctx,
    root: &str,
    projects: &[&ProjectReport],
    id: &str,
    caption: &str,
    open: bool,
    full: bool,
) -> Table {
    let want = if open {
        OpenResolved::Open
    } else {
        OpenResolved::Resolved
    };
    let mut rows: Vec<_> = projects
        .iter()
        .flat_map(|p| p.escalations.iter().map(move |e| (*p, e)))
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
            ("Stakeholders", false),
            ("Next step", false),
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
        let severity = if open {
            severity_badge(e.severity)
        } else {
            word_badge(&severity_badge(e.severity).word, "unknown", "✓")
        };
        t.rows.push(vec![
            first,
            Cell::badge(severity, (e.severity as u8).to_string()),
            title_cell("escalation", p, &e.id, &e.title, full),
            Cell::link(ctx.project_link(root, &p.id)),
            Cell::opt_text(e.owner.as_deref()),
            stakeholders_cell(&e.stakeholders),
            next_step_cell(e, open),
            Cell::num(format::date(e.raised), String::new()),
        ]);
    }
    t
}

/// Stakeholders as `role: name`, one per line.
pub(super) fn stakeholders_cell(list: &[crate::report::Stakeholder]) -> Cell {
    if list.is_empty() {
        return Cell::opt_text(None);
    }
    let mut c = Cell::text(format!("{}: {}", list[0].role, list[0].name));
    let rest: Vec<String> = list[1..]
        .iter()
        .map(|s| format!("{}: {}", s.role, s.name))
        .collect();
    if !rest.is_empty() {
        c.note = Some(rest.join(" · "));
    }
    c
}

/// The next step and its date; an overdue one (open, date passed) carries a red badge.
fn next_step_cell(e: &EscalationRecord, open: bool) -> Cell {
    let mut c = Cell::opt_text(e.next_step.as_deref());
    if let Some(by) = e.next_step_by {
        c.note = Some(format!("by {}", format::date(by)));
    }
    if open && e.overdue {
        c.extra = Some(word_badge("Overdue", "red", "■"));
    }
    c
}

/// Open issues (most severe first) or closed ones (latest first).
pub fn issues(
    ctx: &Ctx,
    root: &str,
    projects: &[&ProjectReport],
    id: &str,
    caption: &str,
    open: bool,
) -> Table {
    let want = if open {
        OpenClosed::Open
    } else {
        OpenClosed::Closed
    };
    let mut rows: Vec<_> = projects
        .iter()
        .flat_map(|p| p.issues.iter().map(move |i| (*p, i)))
        .filter(|(_, i)| i.status == want)
        .collect();
    rows.sort_by(|a, b| {
        if open {
            b.1.severity.cmp(&a.1.severity).then(a.1.opened.cmp(&b.1.opened))
        } else {
            b.1.updated.cmp(&a.1.updated)
        }
        .then_with(|| a.0.name.cmp(&b.0.name))
        .then_with(|| a.1.id.cmp(&b.1.id))
    });
    let mut t = Table::new(
        id,
        caption,
        &[
            ("Severity", false),
            ("Issue", false),
            ("Project", false),
            ("Owner", false),
            ("Opened", true),
            (if open { "Age (days)" } else { "Closed" }, true),
        ],
        if open {
            "No open issues."
        } else {
            "No closed issues."
        },
    )
    .sortable();
    for (p, i) in rows {
        let severity = if open {
            severity_badge(i.severity)
        } else {
            word_badge(&severity_badge(i.severity).word, "unknown", "✓")
        };
        let last = if open {
            let age = (ctx.report.as_of - i.opened).num_days();
            Cell::num(age.to_string(), age.to_string())
        } else {
            Cell::num(format::date(i.updated), String::new())
        };
        t.rows.push(vec![
            Cell::badge(severity, (i.severity as u8).to_string()),
            title_cell("issue", p, &i.id, &i.title, true),
            Cell::link(ctx.project_link(root, &p.id)),
            Cell::opt_text(i.owner.as_deref()),
            Cell::num(format::date(i.opened), String::new()),
            last,
        ]);
    }
    t
}

/// A change request's status badge.
pub fn change_badge(s: ChangeStatus) -> Badge {
    match s {
        ChangeStatus::Approved => word_badge("Approved", "green", "✓"),
        ChangeStatus::Proposed => word_badge("Proposed", "info", "◆"),
        ChangeStatus::Rejected => word_badge("Rejected", "unknown", "✕"),
    }
}

/// Change requests of the given statuses, oldest first.
pub fn changes(
    ctx: &Ctx,
    root: &str,
    projects: &[&ProjectReport],
    id: &str,
    caption: &str,
    statuses: &[ChangeStatus],
) -> Table {
    let mut rows: Vec<_> = projects
        .iter()
        .flat_map(|p| p.changes.iter().map(move |c| (*p, c)))
        .filter(|(_, c)| statuses.contains(&c.status))
        .collect();
    rows.sort_by(|a, b| {
        a.1.opened
            .cmp(&b.1.opened)
            .then_with(|| a.0.name.cmp(&b.0.name))
            .then_with(|| a.1.id.cmp(&b.1.id))
    });
    let mut t = Table::new(
        id,
        caption,
        &[
            ("Status", false),
            ("Change", false),
            ("Project", false),
            ("Value Δ", true),
            ("Budget Δ", true),
            ("Schedule Δ", true),
            ("Opened", true),
        ],
        "No change requests.",
    )
    .sortable();
    for (p, c) in rows {
        t.rows.push(vec![
            Cell::badge(change_badge(c.status), String::new()),
            title_cell("change", p, &c.id, &c.title, true),
            Cell::link(ctx.project_link(root, &p.id)),
            Cell::num(ctx.money_opt(c.value_delta), format::sort_key(c.value_delta)),
            Cell::num(ctx.money_opt(c.budget_delta), format::sort_key(c.budget_delta)),
            Cell::num(
                c.schedule_delta_days
                    .map_or_else(|| format::NONE.to_string(), format::days_signed),
                c.schedule_delta_days.unwrap_or(0).to_string(),
            ),
            Cell::num(format::date(c.opened), String::new()),
        ]);
    }
    t
}

/// A milestone's status badge: done, late, due in the next 30 days or planned.
pub fn milestone_badge(m: &MilestoneStatus) -> Badge {
    if m.done.is_some() {
        word_badge("Done", "green", "✓")
    } else if m.late {
        word_badge("Late", "red", "■")
    } else if m.upcoming {
        word_badge("Next 30 days", "info", "◆")
    } else {
        word_badge("Planned", "unknown", "○")
    }
}

/// Milestones forecast in the next 30 days.
pub fn upcoming_milestones(ctx: &Ctx, root: &str, projects: &[&ProjectReport], id: &str) -> Table {
    let mut rows: Vec<_> = projects
        .iter()
        .flat_map(|p| p.milestones.iter().map(move |m| (*p, m)))
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

/// Open and completed milestones by forecast date, and how many open ones are late.
pub fn milestones(ctx: &Ctx, root: &str, projects: &[&ProjectReport], id: &str) -> (Table, Table, usize) {
    let mut all: Vec<_> = projects
        .iter()
        .flat_map(|p| p.milestones.iter().map(move |m| (*p, m)))
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
        &format!("{id}-open"),
        "Open milestones by forecast date",
        &headers,
        "No open milestones.",
    )
    .sortable();
    let mut done = Table::new(
        &format!("{id}-done"),
        "Completed milestones",
        &headers,
        "No completed milestones.",
    )
    .sortable();
    let mut late = 0;
    for (p, m) in all {
        if m.done.is_none() && m.late {
            late += 1;
        }
        let status = milestone_badge(m);
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
    (open, done, late)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn risk(score: u8, status: OpenClosed) -> RiskRecord {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        RiskRecord {
            id: "r-1".into(),
            title: "t".into(),
            probability: 5,
            impact: score / 5,
            score,
            level: crate::report::RiskLevels::default().level(score),
            owner: None,
            mitigation: None,
            status,
            opened: d,
            updated: d,
            customer: false,
        }
    }

    #[test]
    fn a_closed_risk_is_muted_whatever_its_score() {
        assert_eq!(risk_badge(&risk(25, OpenClosed::Open)).class, "red");
        let closed = risk_badge(&risk(25, OpenClosed::Closed));
        assert_eq!(closed.class, "unknown");
        assert_eq!(closed.word, "25 closed");
    }

    #[test]
    fn the_scale_is_worded_from_risk_levels_and_agrees_with_level() {
        use crate::report::RiskLevels;
        let r = RiskLevels::default().ranges();
        let words: Vec<String> = r.iter().map(|(n, s)| format!("{n} {s}")).collect();
        assert_eq!(
            words,
            [
                "low 1\u{2013}4",
                "medium 5\u{2013}9",
                "high 10\u{2013}14",
                "severe 15\u{2013}25"
            ]
        );
        let custom = RiskLevels {
            low: 1,
            medium: 4,
            high: 12,
            severe: 20,
        };
        assert_eq!(custom.ranges()[2].1, "12\u{2013}19");
        // Every score falls in the range of the level it gets.
        for score in 1..=25u8 {
            let name = custom.level(score).as_str();
            let (_, span) = custom.ranges().into_iter().find(|(n, _)| *n == name).unwrap();
            let (lo, hi) = span.split_once('\u{2013}').unwrap_or((&span, &span));
            assert!(
                (lo.parse::<u8>().unwrap()..=hi.parse::<u8>().unwrap()).contains(&score),
                "{score} {name} {span}"
            );
        }
    }
}
