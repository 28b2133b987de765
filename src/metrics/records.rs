//! Record logs (see docs/content.md, updates and docs/metrics.md, records): risks, issues, escalations and change requests merged by id
//! in date order. A later mention replaces the fields it gives and keeps the others; `opened`
//! is the first mention's date (an escalation's `raised` overrides it), `updated` the last
//! mention's. Also tracks when a record was last closed, for the week change (see docs/metrics.md, change since last week).
//!
//! `customer` defaults to false for risks, issues and escalations and to true for changes; a
//! mention that gives it replaces it, like any other field.
//!
//! The loader guarantees that a first mention carries a title and the required fields; if it
//! does not, the merge still never panics: title falls back to the id, probability and impact
//! to 1, severity to `medium`, status to open/proposed.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::model::{ChangeStatus, OpenClosed, OpenResolved, RiskLevels, Severity, Update};
use crate::report::{ChangeRecord, EscalationRecord, IssueRecord, RiskRecord};

/// A merged record and the date its status last became closed/resolved (`None` while open).
#[derive(Debug, Clone, PartialEq)]
pub struct Merged<T> {
    pub record: T,
    pub closed_on: Option<NaiveDate>,
}

/// Sets `slot` to `v` when the mention gives a value.
fn give<T: Clone>(slot: &mut Option<T>, v: &Option<T>) {
    if let Some(v) = v {
        *slot = Some(v.clone());
    }
}

/// Updates the "closed on" date when a mention gives a status.
fn track_closed(closed_on: &mut Option<NaiveDate>, was_closed: bool, now_closed: bool, d: NaiveDate) {
    if now_closed && !was_closed {
        *closed_on = Some(d);
    } else if !now_closed {
        *closed_on = None;
    }
}

/// Risks merged through `updates` (oldest first), sorted by id; `score = probability × impact`,
/// `level` from `levels`.
pub fn risks(updates: &[&Update], levels: &RiskLevels) -> Vec<Merged<RiskRecord>> {
    let mut map: BTreeMap<&str, Merged<RiskRecord>> = BTreeMap::new();
    for u in updates {
        for m in &u.front.risks {
            let e = map.entry(m.id.as_str()).or_insert_with(|| Merged {
                record: RiskRecord {
                    id: m.id.clone(),
                    title: m.id.clone(),
                    probability: 1,
                    impact: 1,
                    score: 1,
                    level: levels.level(1),
                    owner: None,
                    mitigation: None,
                    status: OpenClosed::Open,
                    opened: u.date,
                    updated: u.date,
                    customer: false,
                },
                closed_on: None,
            });
            let r = &mut e.record;
            if let Some(t) = &m.title {
                r.title = t.clone();
            }
            r.probability = m.probability.unwrap_or(r.probability);
            r.impact = m.impact.unwrap_or(r.impact);
            r.score = r.probability.saturating_mul(r.impact);
            r.level = levels.level(r.score);
            r.customer = m.customer.unwrap_or(r.customer);
            give(&mut r.owner, &m.owner);
            give(&mut r.mitigation, &m.mitigation);
            if let Some(s) = m.status {
                let was = r.status == OpenClosed::Closed;
                track_closed(&mut e.closed_on, was, s == OpenClosed::Closed, u.date);
                r.status = s;
            }
            r.updated = u.date;
        }
    }
    map.into_values().collect()
}

/// Issues merged through `updates`, sorted by id.
pub fn issues(updates: &[&Update]) -> Vec<Merged<IssueRecord>> {
    let mut map: BTreeMap<&str, Merged<IssueRecord>> = BTreeMap::new();
    for u in updates {
        for m in &u.front.issues {
            let e = map.entry(m.id.as_str()).or_insert_with(|| Merged {
                record: IssueRecord {
                    id: m.id.clone(),
                    title: m.id.clone(),
                    severity: Severity::Medium,
                    owner: None,
                    status: OpenClosed::Open,
                    opened: u.date,
                    updated: u.date,
                    customer: false,
                },
                closed_on: None,
            });
            let r = &mut e.record;
            if let Some(t) = &m.title {
                r.title = t.clone();
            }
            r.severity = m.severity.unwrap_or(r.severity);
            r.customer = m.customer.unwrap_or(r.customer);
            give(&mut r.owner, &m.owner);
            if let Some(s) = m.status {
                let was = r.status == OpenClosed::Closed;
                track_closed(&mut e.closed_on, was, s == OpenClosed::Closed, u.date);
                r.status = s;
            }
            r.updated = u.date;
        }
    }
    map.into_values().collect()
}

/// Escalations merged through `updates`, sorted by id. `raised` (latest given) overrides the
/// first mention's date for both `raised` and `opened`; open ones get `age_days = as_of − raised`
/// and are `overdue` when their `next_step_by` is before `as_of`.
pub fn escalations(updates: &[&Update], as_of: NaiveDate) -> Vec<Merged<EscalationRecord>> {
    let mut map: BTreeMap<&str, Merged<EscalationRecord>> = BTreeMap::new();
    for u in updates {
        for m in &u.front.escalations {
            let e = map.entry(m.id.as_str()).or_insert_with(|| Merged {
                record: EscalationRecord {
                    id: m.id.clone(),
                    title: m.id.clone(),
                    severity: Severity::Medium,
                    raised: u.date,
                    owner: None,
                    status: OpenResolved::Open,
                    opened: u.date,
                    updated: u.date,
                    age_days: None,
                    customer: false,
                    stakeholders: Vec::new(),
                    next_step: None,
                    next_step_by: None,
                    overdue: false,
                },
                closed_on: None,
            });
            let r = &mut e.record;
            if let Some(t) = &m.title {
                r.title = t.clone();
            }
            r.severity = m.severity.unwrap_or(r.severity);
            r.customer = m.customer.unwrap_or(r.customer);
            give(&mut r.next_step, &m.next_step);
            give(&mut r.next_step_by, &m.next_step_by);
            if let Some(st) = &m.stakeholders {
                r.stakeholders = st.clone();
            }
            if let Some(raised) = m.raised {
                r.raised = raised;
                r.opened = raised;
            }
            give(&mut r.owner, &m.owner);
            if let Some(s) = m.status {
                let was = r.status == OpenResolved::Resolved;
                track_closed(&mut e.closed_on, was, s == OpenResolved::Resolved, u.date);
                r.status = s;
            }
            r.updated = u.date;
        }
    }
    map.into_values()
        .map(|mut e| {
            e.record.age_days = match e.record.status {
                OpenResolved::Open => Some((as_of - e.record.raised).num_days()),
                OpenResolved::Resolved => None,
            };
            e.record.overdue =
                e.record.status == OpenResolved::Open && e.record.next_step_by.is_some_and(|d| d < as_of);
            e
        })
        .collect()
}

/// The change-request log, merged one update at a time so the current baseline (see docs/metrics.md, current baseline) can be
/// read after every update in linear time overall.
#[derive(Debug, Clone, Default)]
pub struct ChangeLog {
    map: BTreeMap<String, ChangeRecord>,
    sums: ChangeSums,
}

/// Σ deltas over changes whose latest status is `approved`.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ChangeSums {
    pub budget: f64,
    pub value: f64,
    pub days: i64,
}

impl ChangeLog {
    /// Merges one update's change mentions.
    pub fn apply(&mut self, u: &Update) {
        if u.front.changes.is_empty() {
            return;
        }
        for m in &u.front.changes {
            let r = self.map.entry(m.id.clone()).or_insert_with(|| ChangeRecord {
                id: m.id.clone(),
                title: m.id.clone(),
                status: ChangeStatus::Proposed,
                budget_delta: None,
                value_delta: None,
                schedule_delta_days: None,
                opened: u.date,
                updated: u.date,
                customer: true,
            });
            r.customer = m.customer.unwrap_or(r.customer);
            if let Some(t) = &m.title {
                r.title = t.clone();
            }
            r.status = m.status.unwrap_or(r.status);
            give(&mut r.budget_delta, &m.budget_delta);
            give(&mut r.value_delta, &m.value_delta);
            give(&mut r.schedule_delta_days, &m.schedule_delta_days);
            r.updated = u.date;
        }
        let mut sums = ChangeSums::default();
        for r in self.map.values() {
            if r.status == ChangeStatus::Approved {
                sums.budget += r.budget_delta.unwrap_or(0.0);
                sums.value += r.value_delta.unwrap_or(0.0);
                sums.days = sums.days.saturating_add(r.schedule_delta_days.unwrap_or(0));
            }
        }
        self.sums = sums;
    }

    /// Σ deltas of the approved changes merged so far.
    pub fn sums(&self) -> ChangeSums {
        self.sums
    }

    /// The merged change records, sorted by id.
    pub fn records(&self) -> Vec<ChangeRecord> {
        self.map.values().cloned().collect()
    }
}
