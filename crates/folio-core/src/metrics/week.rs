//! Change since last week (see docs/metrics.md, change since last week): declared status at A and at A − 7 days, risks and
//! escalations opened or closed in (A − 7, A], milestones whose forecast moved in that window;
//! and the week's events, each of one kind, from the project as known at A − 7 against A.

use chrono::NaiveDate;

use crate::metrics::milestones::MilestoneLog;
use crate::metrics::records::Merged;
use crate::model::{ChangeStatus, Milestone, OpenClosed, OpenResolved};
use crate::report::{
    EscalationRecord, EventValue, Health, IssueRecord, MilestoneMove, ProjectReport, RiskRecord, WeekChange,
    WeekEvent, WeekEventKind, WeekEventKind as K,
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
    // The ids of the records (id, opened, closed on) opened, and those closed, in the window.
    let opened_closed = |records: &mut dyn Iterator<Item = (&str, NaiveDate, Option<NaiveDate>)>| {
        let (mut opened, mut closed) = (Vec::new(), Vec::new());
        for (id, on, closed_on) in records {
            if in_window(Some(on), week_ago, as_of) {
                opened.push(id.to_string());
            }
            if in_window(closed_on, week_ago, as_of) {
                closed.push(id.to_string());
            }
        }
        (opened, closed)
    };
    let (risks_opened, risks_closed) = opened_closed(
        &mut risks
            .iter()
            .map(|r| (r.record.id.as_str(), r.record.opened, r.closed_on)),
    );
    let (escalations_opened, escalations_closed) = opened_closed(
        &mut escalations
            .iter()
            .map(|r| (r.record.id.as_str(), r.record.opened, r.closed_on)),
    );
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
        risks_opened,
        risks_closed,
        escalations_opened,
        escalations_closed,
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
    let mut ev = Events { now, out: Vec::new() };
    let health = |h: Health| Some(EventValue::Health(h));
    let number = |n: f64| Some(EventValue::Number(n));
    let date = |d: NaiveDate| Some(EventValue::Date(d));
    let had_update = then.latest_update.is_some();
    if now.latest_update.is_some() && !had_update {
        ev.project(K::FirstUpdate, None, health(now.health.computed));
    }
    if had_update {
        for (kind, a, b) in [
            (K::DeclaredHealth, then.health.declared, now.health.declared),
            (K::ComputedHealth, then.health.computed, now.health.computed),
        ] {
            if a != b {
                ev.project(kind, health(a), health(b));
            }
        }
    }
    if now.stale && !then.stale {
        ev.project(K::BecameStale, None, None);
    }
    let in_window = |d: NaiveDate| week_ago < d && d <= as_of;
    // Escalations.
    for e in &now.escalations {
        let before = then.escalations.iter().find(|x| x.id == e.id);
        let open = |x: &EscalationRecord| x.status == OpenResolved::Open;
        match opened_or_closed(open(e), before.map(open), in_window(e.updated)) {
            Some(true) => ev.record(K::EscalationOpened, &e.id, &e.title, None, None),
            Some(false) => ev.record(K::EscalationResolved, &e.id, &e.title, None, None),
            None => {}
        }
    }
    // Risks.
    for r in &now.risks {
        let before = then.risks.iter().find(|x| x.id == r.id);
        let open = |x: &RiskRecord| x.status == OpenClosed::Open;
        match opened_or_closed(open(r), before.map(open), true) {
            Some(true) => ev.record(K::RiskOpened, &r.id, &r.title, None, number(r.score.into())),
            Some(false) => ev.record(K::RiskClosed, &r.id, &r.title, None, None),
            None => {}
        }
        if let Some(b) = before.filter(|b| b.score != r.score) {
            let (from, to) = (number(b.score.into()), number(r.score.into()));
            ev.record(K::RiskRescored, &r.id, &r.title, from, to);
        }
    }
    // Issues.
    for r in &now.issues {
        let before = then.issues.iter().find(|x| x.id == r.id);
        let open = |x: &IssueRecord| x.status == OpenClosed::Open;
        match opened_or_closed(open(r), before.map(open), true) {
            Some(true) => ev.record(K::IssueOpened, &r.id, &r.title, None, None),
            Some(false) => ev.record(K::IssueClosed, &r.id, &r.title, None, None),
            None => {}
        }
    }
    // Change requests: a new one, or one whose status changed, by its status now.
    for c in &now.changes {
        let before = then.changes.iter().find(|x| x.id == c.id);
        if before.is_some_and(|b| b.status == c.status) {
            continue;
        }
        let kind = match c.status {
            ChangeStatus::Proposed => K::ChangeProposed,
            ChangeStatus::Approved => K::ChangeApproved,
            ChangeStatus::Rejected => K::ChangeRejected,
        };
        ev.record(kind, &c.id, &c.title, None, None);
    }
    // Milestones.
    for m in &now.milestones {
        let Some(b) = then.milestones.iter().find(|x| x.id == m.id) else {
            continue;
        };
        if let (Some(done), None) = (m.done, b.done) {
            ev.record(K::MilestoneDone, &m.id, &m.name, None, date(done));
        } else if m.done.is_none() && m.forecast != b.forecast {
            ev.record(
                K::MilestoneMoved,
                &m.id,
                &m.name,
                date(b.forecast),
                date(m.forecast),
            );
        }
    }
    if had_update {
        if let (Some(a), Some(b)) = (then.evm.eac, now.evm.eac) {
            if eac_change_is_material(a, b, now.evm.bac, eac_change_percent) {
                ev.project(K::EacChanged, number(a), number(b));
            }
        }
        let (was, is) = (
            then.forecast_end.unwrap_or(then.current_end),
            now.forecast_end.unwrap_or(now.current_end),
        );
        if was != is {
            ev.project(K::ForecastEndMoved, date(was), date(is));
        }
    }
    let booked = now.recognized_revenue - then.recognized_revenue;
    if booked != 0.0 {
        ev.project(K::RevenueRecognized, None, number(booked));
    }
    let mut out = ev.out;
    out.sort_by(|a, b| a.kind.cmp(&b.kind).then_with(|| a.id.cmp(&b.id)));
    out
}

/// Whether a record opened (`Some(true)`) or closed (`Some(false)`) in the week: `open` now,
/// `open_then` a week ago (`None`: not known then); a record not known then counts when
/// `new_counts` (it is new in the week).
fn opened_or_closed(open: bool, open_then: Option<bool>, new_counts: bool) -> Option<bool> {
    let counts = open_then.is_some() || new_counts;
    if open && open_then != Some(true) && counts {
        Some(true)
    } else if !open && (open_then == Some(true) || (open_then.is_none() && new_counts)) {
        Some(false)
    } else {
        None
    }
}

/// The week's events of one project, as they are found.
struct Events<'a> {
    now: &'a ProjectReport,
    out: Vec<WeekEvent>,
}

impl Events<'_> {
    /// An event of the project itself, its value `from` → `to`.
    fn project(&mut self, kind: WeekEventKind, from: Option<EventValue>, to: Option<EventValue>) {
        self.push(kind, None, from, to);
    }

    /// An event of the record or milestone `id` (`subject`: its title or name).
    fn record(
        &mut self,
        kind: WeekEventKind,
        id: &str,
        subject: &str,
        from: Option<EventValue>,
        to: Option<EventValue>,
    ) {
        self.push(kind, Some((id, subject)), from, to);
    }

    fn push(
        &mut self,
        kind: WeekEventKind,
        record: Option<(&str, &str)>,
        from: Option<EventValue>,
        to: Option<EventValue>,
    ) {
        let now = self.now;
        self.out.push(WeekEvent {
            project: now.id.clone(),
            project_name: now.name.clone(),
            kind,
            id: record.map(|(id, _)| id.to_string()),
            subject: record.map(|(_, subject)| subject.to_string()),
            days: (kind == WeekEventKind::BecameStale).then(|| now.days_since_update.unwrap_or(0)),
            from,
            to,
        });
    }
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
