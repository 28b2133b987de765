//! Forward allocation (see docs/metrics.md, allocation): for each of the 12 weeks after the
//! as-of date's week, a person's Σ `allocation` over the team places of projects active that
//! week (`start ≤ Monday ≤ forecast_end` else `current_end`, not 100 % complete; within the
//! place's own `from`/`to`); over 100 % is over-allocated; below 50 % in one of the next 4
//! weeks puts the person on the bench from that week.

use chrono::{Duration, NaiveDate};

use crate::report::{AllocationLevel, WeekAllocation};

/// Weeks of forward allocation.
pub const WEEKS: i64 = 12;
/// Weeks ahead in which a week below [`BENCH_BELOW`] is a roll-off to the bench.
pub const BENCH_WEEKS: usize = 4;
/// Percent.
pub const BENCH_BELOW: f64 = 50.0;

/// One team place of a person on a project, with the project's active span.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Place {
    pub allocation: f64,
    /// The project's `start`, or the place's `from` when later.
    pub from: NaiveDate,
    /// The project's `forecast_end` else `current_end`, or the place's `to` when earlier.
    pub to: NaiveDate,
    /// The project is 100 % complete.
    pub complete: bool,
}

/// The Mondays of the 12 weeks after A's week.
pub fn weeks(as_of: NaiveDate) -> Vec<NaiveDate> {
    let first = super::utilization::monday(as_of) + Duration::weeks(1);
    (0..WEEKS).map(|i| first + Duration::weeks(i)).collect()
}

/// The level of a week's allocation.
pub fn level(allocation: f64) -> AllocationLevel {
    if allocation > 100.0 {
        AllocationLevel::Over
    } else if allocation >= 90.0 {
        AllocationLevel::Full
    } else if allocation >= BENCH_BELOW {
        AllocationLevel::Partial
    } else {
        AllocationLevel::Bench
    }
}

/// A person's allocation in each of `weeks`.
pub fn by_week(places: &[Place], weeks: &[NaiveDate]) -> Vec<WeekAllocation> {
    weeks
        .iter()
        .map(|&m| {
            let allocation: f64 = places
                .iter()
                .filter(|p| !p.complete && p.from <= m && m <= p.to)
                .map(|p| p.allocation)
                .sum();
            WeekAllocation {
                week: m,
                allocation,
                level: level(allocation),
            }
        })
        .collect()
}

/// The first of the next 4 weeks below 50 % in which the person works (`employed` says so).
pub fn bench_from(weeks: &[WeekAllocation], employed: impl Fn(NaiveDate) -> bool) -> Option<NaiveDate> {
    weeks
        .iter()
        .take(BENCH_WEEKS)
        .find(|w| w.allocation < BENCH_BELOW && employed(w.week))
        .map(|w| w.week)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::testkit::d;

    /// As of Wednesday 2027-03-10 the weeks start Monday 2027-03-15. Two places: 60 % on a
    /// project until 2027-03-28 (its forecast end), 50 % from 2027-03-22 (the place's `from`).
    /// Week of 03-15: 60 (partial); 03-22: 60 + 50 = 110 (over); 03-29: 50 (partial);
    /// a third place of 30 % on a complete project never counts.
    #[test]
    fn a_person_on_two_projects() {
        let places = [
            Place {
                allocation: 60.0,
                from: d("2027-01-04"),
                to: d("2027-03-28"),
                complete: false,
            },
            Place {
                allocation: 50.0,
                from: d("2027-03-22"),
                to: d("2027-06-30"),
                complete: false,
            },
            Place {
                allocation: 30.0,
                from: d("2027-01-04"),
                to: d("2027-12-31"),
                complete: true,
            },
        ];
        let weeks = weeks(d("2027-03-10"));
        assert_eq!(weeks[0], d("2027-03-15"));
        assert_eq!(weeks.len(), 12);
        let w = by_week(&places, &weeks);
        let got: Vec<(f64, AllocationLevel)> = w.iter().take(3).map(|w| (w.allocation, w.level)).collect();
        assert_eq!(
            got,
            [
                (60.0, AllocationLevel::Partial),
                (110.0, AllocationLevel::Over),
                (50.0, AllocationLevel::Partial)
            ]
        );
        // The last of the 12 weeks, 2027-05-31, is still inside the second project.
        assert_eq!(w[11].week, d("2027-05-31"));
        assert_eq!(w[11].allocation, 50.0);
        assert_eq!(bench_from(&w, |_| true), None);
    }

    /// 60 % until 2027-03-28, nothing after: the week of 2027-03-29 (the third) is below 50 %:
    /// on the bench from 2027-03-29; someone who left on 2027-03-26 is not.
    #[test]
    fn rolling_off_to_the_bench() {
        let places = [Place {
            allocation: 60.0,
            from: d("2027-01-04"),
            to: d("2027-03-28"),
            complete: false,
        }];
        let w = by_week(&places, &weeks(d("2027-03-10")));
        assert_eq!(w[2].level, AllocationLevel::Bench);
        assert_eq!(bench_from(&w, |_| true), Some(d("2027-03-29")));
        assert_eq!(bench_from(&w, |m| m <= d("2027-03-26")), None);
    }
}
