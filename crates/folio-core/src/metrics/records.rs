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
//!
//! The merge is written once, generic over [`Record`]; each kind gives only what its first
//! mention opens and how a mention changes it.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::model::{
    ChangeMention, ChangeStatus, EscalationMention, IssueMention, OpenClosed, OpenResolved, RecordMention,
    RiskLevel, RiskLevels, RiskMention, Severity, Update,
};
use crate::report::{ChangeRecord, EscalationRecord, IssueRecord, RiskRecord};

/// A merged record and the date its status last became closed/resolved (`None` while open).
#[derive(Debug, Clone, PartialEq)]
pub struct Merged<T> {
    pub record: T,
    pub closed_on: Option<NaiveDate>,
}

/// A record kind as the merge sees it: what a first mention opens, and how a mention changes
/// the record. The kind's list, noun and customer default are on its [`RecordMention`].
pub trait Record: Sized {
    type Mention: RecordMention;
    /// The record a first mention on `date` opens, before that mention's fields apply: title =
    /// id, the kind's customer default, and the fallbacks named in the module doc.
    fn open(id: &str, date: NaiveDate) -> Self;
    /// Replaces the fields `m` (made on `date`) gives, and sets `updated` to `date`.
    fn apply(&mut self, m: &Self::Mention, date: NaiveDate);
    /// Whether the status is closed/resolved (changes are never closed: they are decided).
    fn is_closed(&self) -> bool;
}

/// Sets `slot` to `v` when the mention gives a value.
fn give<T: Clone>(slot: &mut Option<T>, v: &Option<T>) {
    if let Some(v) = v {
        *slot = Some(v.clone());
    }
}

/// Gives the fields every kind has: `title` and `customer`.
fn give_common<M: RecordMention>(m: &M, title: &mut String, customer: &mut bool) {
    if let Some(t) = m.title() {
        *title = t.to_owned();
    }
    *customer = m.customer().unwrap_or(*customer);
}

/// Merges one update's `mentions` (made on `date`) into `map`, tracking when each record last
/// became closed.
fn merge_into<R: Record>(map: &mut BTreeMap<String, Merged<R>>, mentions: &[R::Mention], date: NaiveDate) {
    for m in mentions {
        if !map.contains_key(m.id()) {
            let record = R::open(m.id(), date);
            map.insert(
                m.id().to_owned(),
                Merged {
                    record,
                    closed_on: None,
                },
            );
        }
        let Some(e) = map.get_mut(m.id()) else { continue };
        let was = e.record.is_closed();
        e.record.apply(m, date);
        let now = e.record.is_closed();
        if now && !was {
            e.closed_on = Some(date);
        } else if !now {
            e.closed_on = None;
        }
    }
}

/// The records of kind `R` merged through `updates` (oldest first), sorted by id.
pub fn merge<R: Record>(updates: &[&Update]) -> Vec<Merged<R>> {
    let mut map = BTreeMap::new();
    for u in updates {
        merge_into::<R>(&mut map, R::Mention::list(&u.front), u.date);
    }
    map.into_values().collect()
}

impl Record for RiskRecord {
    type Mention = RiskMention;
    fn open(id: &str, date: NaiveDate) -> Self {
        RiskRecord {
            id: id.to_owned(),
            title: id.to_owned(),
            probability: 1,
            impact: 1,
            score: 1,
            // Set from the portfolio's levels by [`risks`].
            level: RiskLevel::Low,
            owner: None,
            mitigation: None,
            status: OpenClosed::Open,
            opened: date,
            updated: date,
            customer: RiskMention::CUSTOMER_DEFAULT,
        }
    }
    fn apply(&mut self, m: &RiskMention, date: NaiveDate) {
        give_common(m, &mut self.title, &mut self.customer);
        self.probability = m.probability.unwrap_or(self.probability);
        self.impact = m.impact.unwrap_or(self.impact);
        self.score = self.probability.saturating_mul(self.impact);
        give(&mut self.owner, &m.owner);
        give(&mut self.mitigation, &m.mitigation);
        self.status = m.status.unwrap_or(self.status);
        self.updated = date;
    }
    fn is_closed(&self) -> bool {
        self.status == OpenClosed::Closed
    }
}

impl Record for IssueRecord {
    type Mention = IssueMention;
    fn open(id: &str, date: NaiveDate) -> Self {
        IssueRecord {
            id: id.to_owned(),
            title: id.to_owned(),
            severity: Severity::Medium,
            owner: None,
            status: OpenClosed::Open,
            opened: date,
            updated: date,
            customer: IssueMention::CUSTOMER_DEFAULT,
        }
    }
    fn apply(&mut self, m: &IssueMention, date: NaiveDate) {
        give_common(m, &mut self.title, &mut self.customer);
        self.severity = m.severity.unwrap_or(self.severity);
        give(&mut self.owner, &m.owner);
        self.status = m.status.unwrap_or(self.status);
        self.updated = date;
    }
    fn is_closed(&self) -> bool {
        self.status == OpenClosed::Closed
    }
}

impl Record for EscalationRecord {
    type Mention = EscalationMention;
    fn open(id: &str, date: NaiveDate) -> Self {
        EscalationRecord {
            id: id.to_owned(),
            title: id.to_owned(),
            severity: Severity::Medium,
            raised: date,
            owner: None,
            status: OpenResolved::Open,
            opened: date,
            updated: date,
            age_days: None,
            customer: EscalationMention::CUSTOMER_DEFAULT,
            stakeholders: Vec::new(),
            next_step: None,
            next_step_by: None,
            overdue: false,
        }
    }
    fn apply(&mut self, m: &EscalationMention, date: NaiveDate) {
        give_common(m, &mut self.title, &mut self.customer);
        self.severity = m.severity.unwrap_or(self.severity);
        give(&mut self.next_step, &m.next_step);
        give(&mut self.next_step_by, &m.next_step_by);
        if let Some(st) = &m.stakeholders {
            self.stakeholders = st.clone();
        }
        if let Some(raised) = m.raised {
            self.raised = raised;
            self.opened = raised;
        }
        give(&mut self.owner, &m.owner);
        self.status = m.status.unwrap_or(self.status);
        self.updated = date;
    }
    fn is_closed(&self) -> bool {
        self.status == OpenResolved::Resolved
    }
}

impl Record for ChangeRecord {
    type Mention = ChangeMention;
    fn open(id: &str, date: NaiveDate) -> Self {
        ChangeRecord {
            id: id.to_owned(),
            title: id.to_owned(),
            status: ChangeStatus::Proposed,
            budget_delta: None,
            value_delta: None,
            schedule_delta_days: None,
            opened: date,
            updated: date,
            customer: ChangeMention::CUSTOMER_DEFAULT,
        }
    }
    fn apply(&mut self, m: &ChangeMention, date: NaiveDate) {
        give_common(m, &mut self.title, &mut self.customer);
        self.status = m.status.unwrap_or(self.status);
        give(&mut self.budget_delta, &m.budget_delta);
        give(&mut self.value_delta, &m.value_delta);
        give(&mut self.schedule_delta_days, &m.schedule_delta_days);
        self.updated = date;
    }
    fn is_closed(&self) -> bool {
        false
    }
}

/// Risks merged through `updates` (oldest first), sorted by id; `score = probability × impact`,
/// `level` from `levels`.
pub fn risks(updates: &[&Update], levels: &RiskLevels) -> Vec<Merged<RiskRecord>> {
    let mut merged = merge::<RiskRecord>(updates);
    for e in &mut merged {
        e.record.level = levels.level(e.record.score);
    }
    merged
}

/// Issues merged through `updates`, sorted by id.
pub fn issues(updates: &[&Update]) -> Vec<Merged<IssueRecord>> {
    merge(updates)
}

/// Escalations merged through `updates`, sorted by id. `raised` (latest given) overrides the
/// first mention's date for both `raised` and `opened`; open ones get `age_days = as_of − raised`
/// and are `overdue` when their `next_step_by` is before `as_of`.
pub fn escalations(updates: &[&Update], as_of: NaiveDate) -> Vec<Merged<EscalationRecord>> {
    let mut merged = merge::<EscalationRecord>(updates);
    for e in &mut merged {
        let r = &mut e.record;
        r.age_days = match r.status {
            OpenResolved::Open => Some((as_of - r.raised).num_days()),
            OpenResolved::Resolved => None,
        };
        r.overdue = r.status == OpenResolved::Open && r.next_step_by.is_some_and(|d| d < as_of);
    }
    merged
}

/// The change-request log, merged one update at a time so the current baseline (see docs/metrics.md, current baseline) can be
/// read after every update in linear time overall.
#[derive(Debug, Clone, Default)]
pub struct ChangeLog {
    map: BTreeMap<String, Merged<ChangeRecord>>,
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
        merge_into::<ChangeRecord>(&mut self.map, &u.front.changes, u.date);
        let mut sums = ChangeSums::default();
        for r in self.map.values().map(|e| &e.record) {
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
        self.map.values().map(|e| e.record.clone()).collect()
    }
}
