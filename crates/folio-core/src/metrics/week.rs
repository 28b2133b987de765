//! Change since last week (see docs/metrics.md, change since last week): declared status at A and at A − 7 days, risks and
//! escalations opened or closed in (A − 7, A], milestones whose forecast moved in that window;
//! and the week's events, each of one kind, from the project as known at A − 7 against A.

use chrono::NaiveDate;

use crate::metrics::milestones::MilestoneLog;
use crate::metrics::records::Merged;
use crate::model::{ChangeStatus, Milestone, OpenClosed, OpenResolved};
use crate::report::{
    EscalationRecord, EventValue, Health, MilestoneMove, ProjectReport, RiskRecord, WeekChange, WeekEvent,
    WeekEventKind,
};

fn in_window(d: Option<NaiveDate>, week_ago: NaiveDate, as_of: NaiveDate) -> bool {
    d.is_some_and(|d| week_ago < d && d <= as_of)
}

/// Builds the week change. `opened` is the record's opened date (an escalation's `raised`);
/// closed means the record's current status is closed/resolved and it became so in the window.
#[allow(clippy::too_many_arguments)]
pub fn change(
    declared_now: Health,
    declared_week_ago: Health,
    risks: &[Merged<RiskRecord>],
    escalations: &[Merged<EscalationRecord>],
    baseline: &[Milestone],
    then: &MilestoneLog,
    now: &MilestoneLog,
    week_ago: NaiveDate,
    as_of: NaiveDate,
) -> WeekChange {
    let ids = |it: Vec<(&str, Option<NaiveDate>)>| -> Vec<String> {
        it.into_iter()
            .filter(|(_, d)| in_window(*d, week_ago, as_of))
            .map(|(id, _)| id.to_string())
            .collect()
    };
    let mut moved: Vec<MilestoneMove> = baseline
        .iter()
        .filter_map(|m| {
            let (from, to) = (then.forecast(m), now.forecast(m));
            (from != to).then(|| MilestoneMove {
                id: m.id.clone(),
                from,
                to,
            })
        })
        .collect();
    moved.sort_by(|a, b| a.id.cmp(&b.id));
    WeekChange {
        declared_now,
        declared_week_ago,
        risks_opened: ids(risks
            .iter()
            .map(|r| (r.record.id.as_str(), Some(r.record.opened)))
            .collect()),
        risks_closed: ids(risks
            .iter()
            .map(|r| (r.record.id.as_str(), r.closed_on))
            .collect()),
        escalations_opened: ids(escalations
            .iter()
            .map(|r| (r.record.id.as_str(), Some(r.record.opened)))
            .collect()),
        escalations_closed: ids(escalations
            .iter()
            .map(|r| (r.record.id.as_str(), r.closed_on))
            .collect()),
        milestones_moved: moved,
    }
}

/// The week's events of one project: `then` is the project computed as of `week_ago` (from
/// what was known then), `now` as of `as_of`. Listed in [`WeekEventKind`] order, then by id.
///
/// Only material changes are events: the EAC when it moved by at least `eac_change_percent` %
/// of the BAC at `as_of` (every change when that BAC is not positive), the end when the date
/// the project is expected to end (`forecast_end`, else `current_end`) moved — not when a PM
/// states the date it already had. A first update carries the computed health it brought.
pub fn events(
    then: &ProjectReport,
    now: &ProjectReport,
    week_ago: NaiveDate,
    as_of: NaiveDate,
    eac_change_percent: f64,
) -> Vec<WeekEvent> {
    let mut out: Vec<WeekEvent> = Vec::new();
    let mut ev = |kind: WeekEventKind,
                  id: Option<&str>,
                  subject: Option<&str>,
                  from: Option<EventValue>,
                  to: Option<EventValue>| {
        out.push(WeekEvent {
            project: now.id.clone(),
            project_name: now.name.clone(),
            kind,
            id: id.map(str::to_string),
            subject: subject.map(str::to_string),
            days: (kind == WeekEventKind::BecameStale).then(|| now.days_since_update.unwrap_or(0)),
            from,
            to,
        })
    };
    let had_update = then.latest_update.is_some();
    if now.latest_update.is_some() && !had_update {
        ev(
            WeekEventKind::FirstUpdate,
            None,
            None,
            None,
            Some(EventValue::Health(now.health.computed)),
        );
    }
    if had_update {
        for (kind, a, b) in [
            (
                WeekEventKind::DeclaredHealth,
                then.health.declared,
                now.health.declared,
            ),
            (
                WeekEventKind::ComputedHealth,
                then.health.computed,
                now.health.computed,
            ),
        ] {
            if a != b {
                ev(
                    kind,
                    None,
                    None,
                    Some(EventValue::Health(a)),
                    Some(EventValue::Health(b)),
                );
            }
        }
    }
    if now.stale && !then.stale {
        ev(WeekEventKind::BecameStale, None, None, None, None);
    }
    let in_window = |d: NaiveDate| week_ago < d && d <= as_of;
    // Escalations.
    for e in &now.escalations {
        let before = then.escalations.iter().find(|x| x.id == e.id);
        let open_now = e.status == OpenResolved::Open;
        let open_then = before.is_some_and(|x| x.status == OpenResolved::Open);
        if open_now && !open_then && (before.is_some() || in_window(e.updated)) {
            ev(
                WeekEventKind::EscalationOpened,
                Some(&e.id),
                Some(&e.title),
                None,
                None,
            );
        } else if !open_now && (open_then || (before.is_none() && in_window(e.updated))) {
            ev(
                WeekEventKind::EscalationResolved,
                Some(&e.id),
                Some(&e.title),
                None,
                None,
            );
        }
    }
    // Risks.
    for r in &now.risks {
        let before = then.risks.iter().find(|x| x.id == r.id);
        let open_now = r.status == OpenClosed::Open;
        let open_then = before.is_some_and(|x| x.status == OpenClosed::Open);
        if open_now && !open_then {
            ev(
                WeekEventKind::RiskOpened,
                Some(&r.id),
                Some(&r.title),
                None,
                Some(EventValue::Number(r.score.into())),
            );
        }
        if let Some(b) = before.filter(|b| b.score != r.score) {
            ev(
                WeekEventKind::RiskRescored,
                Some(&r.id),
                Some(&r.title),
                Some(EventValue::Number(b.score.into())),
                Some(EventValue::Number(r.score.into())),
            );
        }
        if !open_now && (open_then || before.is_none()) {
            ev(WeekEventKind::RiskClosed, Some(&r.id), Some(&r.title), None, None);
        }
    }
    // Issues.
    for r in &now.issues {
        let before = then.issues.iter().find(|x| x.id == r.id);
        let open_now = r.status == OpenClosed::Open;
        let open_then = before.is_some_and(|x| x.status == OpenClosed::Open);
        if open_now && !open_then {
            ev(
                WeekEventKind::IssueOpened,
                Some(&r.id),
                Some(&r.title),
                None,
                None,
            );
        } else if !open_now && (open_then || before.is_none()) {
            ev(
                WeekEventKind::IssueClosed,
                Some(&r.id),
                Some(&r.title),
                None,
                None,
            );
        }
    }
    // Change requests: a new one, or one whose status changed, by its status now.
    for c in &now.changes {
        let before = then.changes.iter().find(|x| x.id == c.id);
        if before.is_some_and(|b| b.status == c.status) {
            continue;
        }
        let kind = match c.status {
            ChangeStatus::Proposed => WeekEventKind::ChangeProposed,
            ChangeStatus::Approved => WeekEventKind::ChangeApproved,
            ChangeStatus::Rejected => WeekEventKind::ChangeRejected,
        };
        ev(kind, Some(&c.id), Some(&c.title), None, None);
    }
    // Milestones.
    for m in &now.milestones {
        let Some(b) = then.milestones.iter().find(|x| x.id == m.id) else {
            continue;
        };
        if let (Some(done), None) = (m.done, b.done) {
            ev(
                WeekEventKind::MilestoneDone,
                Some(&m.id),
                Some(&m.name),
                None,
                Some(EventValue::Date(done)),
            );
        } else if m.done.is_none() && m.forecast != b.forecast {
            ev(
                WeekEventKind::MilestoneMoved,
                Some(&m.id),
                Some(&m.name),
                Some(EventValue::Date(b.forecast)),
                Some(EventValue::Date(m.forecast)),
            );
        }
    }
    if had_update {
        if let (Some(a), Some(b)) = (then.evm.eac, now.evm.eac) {
            if eac_change_is_material(a, b, now.evm.bac, eac_change_percent) {
                ev(
                    WeekEventKind::EacChanged,
                    None,
                    None,
                    Some(EventValue::Number(a)),
                    Some(EventValue::Number(b)),
                );
            }
        }
        let (was, is) = (
            then.forecast_end.unwrap_or(then.current_end),
            now.forecast_end.unwrap_or(now.current_end),
        );
        if was != is {
            ev(
                WeekEventKind::ForecastEndMoved,
                None,
                None,
                Some(EventValue::Date(was)),
                Some(EventValue::Date(is)),
            );
        }
    }
    let booked = now.recognized_revenue - then.recognized_revenue;
    if booked != 0.0 {
        ev(
            WeekEventKind::RevenueRecognized,
            None,
            None,
            None,
            Some(EventValue::Number(booked)),
        );
    }
    out.sort_by(|a, b| a.kind.cmp(&b.kind).then_with(|| a.id.cmp(&b.id)));
    out
}

/// Whether an EAC that moved from `from` to `to` is a week's event: `|to − from| ≥ percent × bac
/// / 100`, with the BAC at the as-of date; every change counts when that BAC is not positive
/// (or unknown).
pub fn eac_change_is_material(from: f64, to: f64, bac: Option<f64>, percent: f64) -> bool {
    if from == to {
        return false;
    }
    match bac {
        Some(bac) if bac > 0.0 => (to - from).abs() >= percent * bac / 100.0,
        _ => true,
    }
}
