//! Milestones (see docs/metrics.md, milestones): baseline `due`, `forecast` from the latest mention that gives one
//! (default `due`), `done` from the latest mention that gives one; slip, late and upcoming.

use std::collections::HashMap;

use chrono::{Days, NaiveDate};

use crate::model::{Milestone, Update};
use crate::report::MilestoneStatus;

/// Forecast and done dates mentioned so far, by milestone id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MilestoneLog {
    /// The latest forecast given, and the date of the update that gave it.
    forecast: HashMap<String, (NaiveDate, NaiveDate)>,
    done: HashMap<String, NaiveDate>,
}

impl MilestoneLog {
    /// Merges one update's milestone mentions (later mentions replace the fields they give).
    pub fn apply(&mut self, u: &Update) {
        for m in &u.front.milestones {
            if let Some(f) = m.forecast {
                self.forecast.insert(m.id.clone(), (f, u.date));
            }
            if let Some(d) = m.done {
                self.done.insert(m.id.clone(), d);
            }
        }
    }

    /// Forecast of a baseline milestone: latest mentioned forecast, else its due date.
    pub fn forecast(&self, m: &Milestone) -> NaiveDate {
        self.forecast.get(&m.id).map_or(m.due, |f| f.0)
    }

    /// The date of the update that gave the milestone's forecast; null when none did (the
    /// forecast is the baseline due date).
    pub fn forecast_reported_on(&self, m: &Milestone) -> Option<NaiveDate> {
        self.forecast.get(&m.id).map(|f| f.1)
    }

    pub fn done(&self, m: &Milestone) -> Option<NaiveDate> {
        self.done.get(&m.id).copied()
    }
}

/// Status of every baseline milestone at `as_of`, sorted by id. Mentions of ids that are not
/// baseline milestones are ignored (the loader reports them).
pub fn statuses(baseline: &[Milestone], log: &MilestoneLog, as_of: NaiveDate) -> Vec<MilestoneStatus> {
    let horizon = as_of.checked_add_days(Days::new(30)).unwrap_or(NaiveDate::MAX);
    let mut out: Vec<MilestoneStatus> = baseline
        .iter()
        .map(|m| {
            let forecast = log.forecast(m);
            let done = log.done(m);
            // What is not done by A can not finish before A: a past forecast counts as A.
            let slip_days = (done.unwrap_or(forecast.max(as_of)) - m.due).num_days();
            MilestoneStatus {
                id: m.id.clone(),
                name: m.name.clone(),
                due: m.due,
                forecast,
                done,
                slip_days,
                late: done.is_none() && m.due < as_of,
                upcoming: done.is_none() && as_of <= forecast && forecast <= horizon,
                weight: m.weight,
                reported_on: log.forecast_reported_on(m),
                as_reported: false,
            }
        })
        .collect();
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}
