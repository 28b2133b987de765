//! Tables of records (risks, issues, escalations, change requests, milestones) over any set of
//! projects: the whole portfolio for the registers and the summary, or one program's projects
//! for its page. Each row's first text cell carries a stable anchor (`risk-<project>-<id>`…)
//! so other pages (partners) can link to a record in its register.

use std::cmp::Reverse;

use chrono::NaiveDate;

use super::tables::{Cell, Table};
use super::{severity_badge, word_badge, Badge, Ctx};
use crate::format;
use crate::report::{ChangeStatus, OpenClosed, OpenResolved, RiskLevel, Severity};
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

/// The records (risks, issues, escalations, change requests, milestones) of a set of projects,
/// made into tables for a page whose root prefix is `root`.
pub struct Records<'c> {
    ctx: &'c Ctx<'c>,
    root: &'c str,
    projects: Vec<&'c ProjectReport>,
}

/// A record with the project it belongs to.
type Row<'c, R> = (&'c ProjectReport, &'c R);

impl<'c> Records<'c> {
    /// The records of `projects`.
    pub fn of(ctx: &'c Ctx<'c>, root: &'c str, projects: Vec<&'c ProjectReport>) -> Self {
        Records { ctx, root, projects }
    }

    /// The records of the whole portfolio.
    pub fn all(ctx: &'c Ctx<'c>, root: &'c str) -> Self {
        Records::of(ctx, root, ctx.report.projects.iter().collect())
    }

    /// Every record `list` gives of a project and `keep` keeps, with its project, sorted by
    /// `key` (a stable sort: ties keep the projects' order).
    fn rows<R, K: Ord>(
        &self,
        list: impl Fn(&'c ProjectReport) -> &'c [R],
        keep: impl Fn(&R) -> bool,
        key: impl FnMut(&Row<'c, R>) -> K,
    ) -> Vec<Row<'c, R>> {
        let mut rows: Vec<_> = self
            .projects
            .iter()
            .flat_map(|p| list(p).iter().map(move |r| (*p, r)))
            .filter(|(_, r)| keep(r))
            .collect();
        rows.sort_by_key(key);
        rows
    }

    /// The one table renderer of the record kinds: table `t` with a row made by `row` for each
    /// of `rows`.
    fn table<R>(
        mut t: Table,
        rows: Vec<Row<'c, R>>,
        row: impl Fn(&'c ProjectReport, &'c R) -> Vec<Cell>,
    ) -> Table {
        t.rows.extend(rows.into_iter().map(|(p, r)| row(p, r)));
        t
    }

    /// The cell naming a record's project, linking to its page.
    fn project_cell(&self, p: &ProjectReport) -> Cell {
        Cell::link(self.ctx.project_link(self.root, &p.id))
    }

    /// Risks of `status`, highest score first. `full` adds mitigation and opened date, sorting
    /// and row anchors (the register).
    pub fn risks(&self, id: &str, caption: &str, status: OpenClosed, full: bool) -> Table {
        let rows = self.rows(
            |p| &p.risks,
            |r| r.status == status,
            |&(p, r)| (Reverse(r.score), &p.name, &r.id),
        );
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
        let open = status == OpenClosed::Open;
        let mut t = Table::new(id, caption, &headers, &none_of(open, "closed", "risks"));
        t.sortable = full;
        Self::table(t, rows, |p, r| {
            let mut row = vec![
                Cell::badge(risk_badge(r), r.score.to_string()),
                title_cell("risk", p, &r.id, &r.title, full),
                self.project_cell(p),
                Cell::num(format!("{} × {}", r.probability, r.impact), r.score.to_string()),
                Cell::opt_text(r.owner.as_deref()),
            ];
            if full {
                row.push(Cell::opt_text(r.mitigation.as_deref()));
                row.push(Cell::num(format::date(r.opened), String::new()));
            }
            row
        })
    }

    /// Open (oldest first) or resolved escalations.
    pub fn escalations(&self, id: &str, caption: &str, open: bool, full: bool) -> Table {
        let rows = self.rows(
            |p| &p.escalations,
            |e| (e.status == OpenResolved::Open) == open,
            |&(p, e)| (e.raised, Reverse(e.severity), &p.name),
        );
        let first = if open {
            ("Age (days)", true)
        } else {
            ("Resolved", true)
        };
        let headers = [
            first,
            ("Severity", false),
            ("Escalation", false),
            ("Project", false),
            ("Owner", false),
            ("Stakeholders", false),
            ("Next step", false),
            ("Raised", true),
        ];
        let mut t = Table::new(id, caption, &headers, &none_of(open, "resolved", "escalations"));
        t.sortable = full;
        Self::table(t, rows, |p, e| {
            vec![
                age_or_closed(open, e.age_days.unwrap_or(0), e.updated),
                severity_cell(e.severity, open),
                title_cell("escalation", p, &e.id, &e.title, full),
                self.project_cell(p),
                Cell::opt_text(e.owner.as_deref()),
                stakeholders_cell(&e.stakeholders),
                next_step_cell(e, open),
                Cell::num(format::date(e.raised), String::new()),
            ]
        })
    }

    /// Open issues (most severe first) or closed ones (latest first).
    pub fn issues(&self, id: &str, caption: &str, open: bool) -> Table {
        let rows = self.rows(
            |p| &p.issues,
            |i| (i.status == OpenClosed::Open) == open,
            |&(p, i)| {
                // Open: most severe, then oldest first; closed: latest first.
                let (severity, opened, updated) = if open {
                    (Some(i.severity), Some(i.opened), None)
                } else {
                    (None, None, Some(i.updated))
                };
                (Reverse(severity), opened, Reverse(updated), &p.name, &i.id)
            },
        );
        let headers = [
            ("Severity", false),
            ("Issue", false),
            ("Project", false),
            ("Owner", false),
            ("Opened", true),
            (if open { "Age (days)" } else { "Closed" }, true),
        ];
        let t = Table::new(id, caption, &headers, &none_of(open, "closed", "issues")).sortable();
        Self::table(t, rows, |p, i| {
            let age = (self.ctx.report.as_of - i.opened).num_days();
            vec![
                severity_cell(i.severity, open),
                title_cell("issue", p, &i.id, &i.title, true),
                self.project_cell(p),
                Cell::opt_text(i.owner.as_deref()),
                Cell::num(format::date(i.opened), String::new()),
                age_or_closed(open, age, i.updated),
            ]
        })
    }

    /// Change requests of the given statuses, oldest first.
    pub fn changes(&self, id: &str, caption: &str, statuses: &[ChangeStatus]) -> Table {
        let rows = self.rows(
            |p| &p.changes,
            |c| statuses.contains(&c.status),
            |&(p, c)| (c.opened, &p.name, &c.id),
        );
        let headers = [
            ("Status", false),
            ("Change", false),
            ("Project", false),
            ("Value Δ", true),
            ("Budget Δ", true),
            ("Schedule Δ", true),
            ("Opened", true),
        ];
        let t = Table::new(id, caption, &headers, "No change requests.").sortable();
        let ctx = self.ctx;
        Self::table(t, rows, |p, c| {
            vec![
                Cell::badge(change_badge(c.status), String::new()),
                title_cell("change", p, &c.id, &c.title, true),
                self.project_cell(p),
                Cell::num(ctx.money_opt(c.value_delta), format::sort_key(c.value_delta)),
                Cell::num(ctx.money_opt(c.budget_delta), format::sort_key(c.budget_delta)),
                Cell::num(
                    c.schedule_delta_days
                        .map_or_else(|| format::NONE.to_string(), format::days_signed),
                    c.schedule_delta_days.unwrap_or(0).to_string(),
                ),
                Cell::num(format::date(c.opened), String::new()),
            ]
        })
    }

    /// Milestones forecast in the next 30 days.
    pub fn upcoming_milestones(&self, id: &str) -> Table {
        let rows = self.rows(|p| &p.milestones, |m| m.upcoming, |&(p, m)| (m.forecast, &p.name));
        let headers = [
            ("Forecast", true),
            ("Milestone", false),
            ("Project", false),
            ("Baseline due", true),
            ("Slip", true),
        ];
        let t = Table::new(
            id,
            "Milestones forecast in the next 30 days",
            &headers,
            "No milestones due in the next 30 days.",
        );
        Self::table(t, rows, |p, m| {
            vec![
                Cell::num(format::date(m.forecast), String::new()),
                Cell::text(&m.name).row_header(),
                self.project_cell(p),
                Cell::num(format::date(m.due), String::new()),
                Cell::num(format::days_signed(m.slip_days), m.slip_days.to_string()),
            ]
        })
    }

    /// Open and completed milestones by forecast date, and how many open ones are late.
    pub fn milestones(&self, id: &str) -> (Table, Table, usize) {
        let all = self.rows(
            |p| &p.milestones,
            |_| true,
            |&(p, m)| (m.forecast, &p.name, &m.id),
        );
        let late = all.iter().filter(|(_, m)| m.done.is_none() && m.late).count();
        let (done, open): (Vec<_>, Vec<_>) = all.into_iter().partition(|(_, m)| m.done.is_some());
        let headers = [
            ("Status", false),
            ("Forecast", true),
            ("Milestone", false),
            ("Project", false),
            ("Baseline due", true),
            ("Slip", true),
            ("Done", true),
        ];
        let row = |p: &'c ProjectReport, m: &'c MilestoneStatus| {
            vec![
                Cell::badge(milestone_badge(m), String::new()),
                Cell::num(format::date(m.forecast), String::new()),
                Cell::text(&m.name).row_header(),
                self.project_cell(p),
                Cell::num(format::date(m.due), String::new()),
                Cell::num(format::days_signed(m.slip_days), m.slip_days.to_string()),
                Cell::num(format::date_opt(m.done), String::new()),
            ]
        };
        let open = Self::table(
            Table::new(
                &format!("{id}-open"),
                "Open milestones by forecast date",
                &headers,
                "No open milestones.",
            )
            .sortable(),
            open,
            row,
        );
        let done = Self::table(
            Table::new(
                &format!("{id}-done"),
                "Completed milestones",
                &headers,
                "No completed milestones.",
            )
            .sortable(),
            done,
            row,
        );
        (open, done, late)
    }
}

fn title_cell(kind: &str, p: &ProjectReport, id: &str, title: &str, anchored: bool) -> Cell {
    let mut c = Cell::text(format!("{id} {title}")).row_header();
    if anchored {
        c.anchor = Some(anchor(kind, &p.id, id));
    }
    c
}

/// The severity of a record, sorting by it: a badge, muted when the record is closed or
/// resolved.
fn severity_cell(s: Severity, open: bool) -> Cell {
    let badge = if open {
        severity_badge(s)
    } else {
        word_badge(&severity_badge(s).word, "unknown", "✓")
    };
    Cell::badge(badge, (s as u8).to_string())
}

/// An open record's age in days, or the date a closed or resolved one was last updated.
fn age_or_closed(open: bool, age_days: i64, updated: NaiveDate) -> Cell {
    if open {
        Cell::num(age_days.to_string(), age_days.to_string())
    } else {
        Cell::num(format::date(updated), String::new())
    }
}

/// "No open risks." or, with `closed` = "closed", "No closed risks.".
fn none_of(open: bool, closed: &str, kind: &str) -> String {
    format!("No {} {kind}.", if open { "open" } else { closed })
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

/// A change request's status badge.
pub fn change_badge(s: ChangeStatus) -> Badge {
    match s {
        ChangeStatus::Approved => word_badge("Approved", "green", "✓"),
        ChangeStatus::Proposed => word_badge("Proposed", "info", "◆"),
        ChangeStatus::Rejected => word_badge("Rejected", "unknown", "✕"),
    }
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
