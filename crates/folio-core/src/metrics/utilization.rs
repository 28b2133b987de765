//! Utilization (see docs/metrics.md, utilization): a person's available hours over a period
//! (their weekdays inside `[start, end]`, outside `time_off` and their region's holidays, at
//! `capacity ÷ 5` each, less the hours booked to leave), the hours of their time entries in it
//! (≤ A), and the two ratios; per person over each of the last 13 weeks, the quarter to date
//! and the 13 weeks, and summed over groups of people (portfolio, region, role).

use std::collections::BTreeSet;

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use crate::model::{DateSpan, Person};
use crate::report::{PersonUtilization, UtilizationFigures};

/// The Monday of `d`'s week (weeks run Monday to Sunday).
pub fn monday(d: NaiveDate) -> NaiveDate {
    d - Duration::days(i64::from(d.weekday().num_days_from_monday()))
}

/// What decides a person's available hours.
#[derive(Debug, Clone)]
pub struct Calendar<'a> {
    /// Hours per week.
    pub capacity: f64,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub time_off: &'a [DateSpan],
    /// The public holidays of the person's region and of `all`.
    pub holidays: BTreeSet<NaiveDate>,
}

impl Calendar<'_> {
    /// Whether `d` is a working day of the person.
    pub fn works(&self, d: NaiveDate) -> bool {
        !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
            && self.start.is_none_or(|s| s <= d)
            && self.end.is_none_or(|e| d <= e)
            && !self.time_off.iter().any(|o| o.from <= d && d <= o.to)
            && !self.holidays.contains(&d)
    }

    /// `capacity ÷ 5` for each working day in `[a, b]`.
    pub fn working_hours(&self, a: NaiveDate, b: NaiveDate) -> f64 {
        let mut n = 0u32;
        let mut d = a;
        while d <= b {
            if self.works(d) {
                n += 1;
            }
            d += Duration::days(1);
        }
        f64::from(n) * self.capacity / 5.0
    }
}

/// A person's booked hours on one day (entries ≤ A).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct PersonDay {
    pub date: NaiveDate,
    /// Every hour but leave.
    pub hours: f64,
    pub billable_hours: f64,
    /// Hours booked to `leave_projects`.
    pub leave_hours: f64,
}

/// The figures of `[a, b]` from `days` (oldest first): available = working hours less leave
/// (never below 0).
pub fn figures(cal: &Calendar<'_>, days: &[PersonDay], a: NaiveDate, b: NaiveDate) -> UtilizationFigures {
    let lo = days.partition_point(|d| d.date < a);
    let hi = days.partition_point(|d| d.date <= b);
    let (mut hours, mut billable, mut leave) = (0.0, 0.0, 0.0);
    for d in &days[lo..hi] {
        hours += d.hours;
        billable += d.billable_hours;
        leave += d.leave_hours;
    }
    let available = if b < a {
        0.0
    } else {
        (cal.working_hours(a, b) - leave).max(0.0)
    };
    ratios(hours, billable, available)
}

/// The figures with their ratios (null when `available` is 0).
pub fn ratios(hours: f64, billable_hours: f64, available: f64) -> UtilizationFigures {
    UtilizationFigures {
        hours,
        billable_hours,
        available,
        utilization: (available > 0.0).then(|| hours / available),
        billable_utilization: (available > 0.0).then(|| billable_hours / available),
    }
}

/// Σ hours / Σ available over a group.
pub fn sum<'a>(items: impl IntoIterator<Item = &'a PersonUtilization>) -> PersonUtilization {
    let (mut q, mut w) = ([0.0; 3], [0.0; 3]);
    for u in items {
        q[0] += u.quarter_to_date.hours;
        q[1] += u.quarter_to_date.billable_hours;
        q[2] += u.quarter_to_date.available;
        w[0] += u.last_13_weeks.hours;
        w[1] += u.last_13_weeks.billable_hours;
        w[2] += u.last_13_weeks.available;
    }
    PersonUtilization {
        quarter_to_date: ratios(q[0], q[1], q[2]),
        last_13_weeks: ratios(w[0], w[1], w[2]),
    }
}

/// The first day of the 13 weeks ending with A's week.
pub fn thirteen_weeks_from(as_of: NaiveDate) -> NaiveDate {
    monday(as_of) - Duration::weeks(12)
}

/// A calendar for `person` with the holidays of `holidays` that apply to them.
pub fn calendar<'a>(
    person: &'a Person,
    holidays: &std::collections::BTreeMap<String, Vec<NaiveDate>>,
) -> Calendar<'a> {
    let mut set = BTreeSet::new();
    for (region, days) in holidays {
        if region == "all" || person.region.as_deref() == Some(region.as_str()) {
            set.extend(days.iter().copied());
        }
    }
    Calendar {
        capacity: person.capacity(),
        start: person.start,
        end: person.end,
        time_off: &person.time_off,
        holidays: set,
    }
}

#[cfg(test)]
mod tests;
