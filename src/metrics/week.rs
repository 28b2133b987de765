//! Change since last week (SPEC §3.7): declared status at A and at A − 7 days, risks and
//! escalations opened or closed in (A − 7, A], milestones whose forecast moved in that window.

use chrono::NaiveDate;

use crate::metrics::milestones::MilestoneLog;
use crate::metrics::records::Merged;
use crate::model::Milestone;
use crate::report::{EscalationRecord, Health, MilestoneMove, RiskRecord, WeekChange};

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
