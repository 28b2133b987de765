//! Hand-computed available hours and utilization of single weeks.

use super::*;
use crate::metrics::testkit::d;
use crate::model::DateSpan;

fn day(date: &str, hours: f64, billable: f64, leave: f64) -> PersonDay {
    PersonDay {
        date: d(date),
        hours,
        billable_hours: billable,
        leave_hours: leave,
    }
}

/// The week of Monday 2027-03-01, 40 h a week (8 h a day): a regional holiday on Monday, a
/// `time_off` day on Tuesday, 4 h of leave booked on Wednesday. Available: 3 days × 8 = 24,
/// less 4 h of leave = 20. Booked: Wednesday 4 h billable, Thursday 8 billable + 2 not,
/// Friday 6 billable: 20 h, 18 billable: utilization 20 / 20 = 1, billable 18 / 20 = 0.9.
#[test]
fn a_week_with_a_holiday_a_leave_entry_and_a_day_off() {
    let off = [DateSpan {
        from: d("2027-03-02"),
        to: d("2027-03-02"),
    }];
    let cal = Calendar {
        capacity: 40.0,
        start: None,
        end: None,
        time_off: &off,
        holidays: [d("2027-03-01")].into_iter().collect(),
    };
    let days = [
        day("2027-03-03", 4.0, 4.0, 4.0),
        day("2027-03-04", 10.0, 8.0, 0.0),
        day("2027-03-05", 6.0, 6.0, 0.0),
    ];
    let f = figures(&cal, &days, d("2027-03-01"), d("2027-03-07"));
    assert_eq!((f.available, f.hours, f.billable_hours), (20.0, 20.0, 18.0));
    assert_eq!((f.utilization, f.billable_utilization), (Some(1.0), Some(0.9)));
}

/// Starting on Wednesday 2027-03-03 at 32 h a week (6.4 h a day): available 3 × 6.4 = 19.2
/// (to within rounding: 3 × 32 / 5); 16 h billable: 16 / 19.2 = 0.8333…. As of Thursday the
/// Friday is not yet available: 2 × 6.4 = 12.8.
#[test]
fn a_person_starting_mid_week() {
    let cal = Calendar {
        capacity: 32.0,
        start: Some(d("2027-03-03")),
        end: None,
        time_off: &[],
        holidays: Default::default(),
    };
    let days = [day("2027-03-03", 8.0, 8.0, 0.0), day("2027-03-04", 8.0, 8.0, 0.0)];
    let f = figures(&cal, &days, d("2027-03-01"), d("2027-03-07"));
    assert_eq!(f.available, 3.0 * 32.0 / 5.0);
    assert_eq!(f.billable_utilization, Some(16.0 / (3.0 * 32.0 / 5.0)));
    let f = figures(&cal, &days, d("2027-03-01"), d("2027-03-04"));
    assert_eq!(f.available, 2.0 * 32.0 / 5.0);
    // No working day: nothing available, no ratio.
    let f = figures(&cal, &[], d("2027-03-01"), d("2027-03-02"));
    assert_eq!((f.available, f.utilization), (0.0, None));
}

#[test]
fn weeks_start_on_monday() {
    assert_eq!(monday(d("2027-03-07")), d("2027-03-01"));
    assert_eq!(monday(d("2027-03-01")), d("2027-03-01"));
    assert_eq!(thirteen_weeks_from(d("2027-03-05")), d("2026-12-07"));
}
